//! The pure domain: questionnaires, answers, scoring and levels. No browser, clock, RNG or storage here.
pub mod answers;
pub mod expr;
pub mod level;
pub mod questionnaire;
pub mod scoring;
pub mod text;
