//! The pure domain: questionnaires, answers, scoring and levels. No browser, clock, RNG or storage here.
pub mod answers;
pub mod benchmark;
pub mod bundle;
pub mod calendar;
pub mod catalog;
pub mod chart;
pub mod collate;
pub mod draft;
pub mod enterprise;
pub mod export;
pub mod expr;
pub mod generate;
pub mod geo;
pub mod group;
pub mod level;
pub mod locale;
pub mod order;
pub mod parts;
pub mod profile;
pub mod questionnaire;
pub mod recommend;
pub mod records;
pub mod report;
pub mod result_code;
pub mod result_file;
pub mod roadmap;
pub mod roster;
pub mod scoring;
pub mod sending;
pub mod size;
pub mod tally;
pub mod text;
pub mod workspace;

/// The app version written into result files.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
