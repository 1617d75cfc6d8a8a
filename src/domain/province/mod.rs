//! Many results at once: the tally, its split over workers, the benchmark, the enterprise roster, Vietnamese
//! collation, the record generator, the messages between the app and its web workers, the office's own tables (the
//! business registry and the support register, read from CSV or XLSX) joined to the results, and the suppression of
//! small numbers in what is exported.
pub mod benchmark;
pub mod collate;
pub mod dashboard;
pub mod exports;
pub mod generate;
pub mod join;
pub mod parts;
pub mod protocol;
pub mod registry;
pub mod roster;
pub mod sheet;
pub mod support;
pub mod suppress;
pub mod tables;
pub mod tally;
pub mod target;
pub mod workbook;
