//! Many results at once: the tally, its split over workers, the benchmark, the enterprise roster, Vietnamese collation and the record generator.
pub mod benchmark;
pub mod collate;
pub mod dashboard;
pub mod generate;
pub mod parts;
pub mod roster;
pub mod tally;
