//! The pure domain: questionnaires, answers, scoring and levels. No browser, clock, RNG or storage here.
pub mod answers;
pub mod catalog;
pub mod chart;
pub mod draft;
pub mod enterprise;
pub mod expr;
pub mod geo;
pub mod level;
pub mod locale;
pub mod profile;
pub mod questionnaire;
pub mod report;
pub mod scoring;
pub mod text;
