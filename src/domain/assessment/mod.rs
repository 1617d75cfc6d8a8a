//! Texts and ids, levels, conditions, answers, questionnaires, scoring and the UI strings: what is asked and how it scores.
pub mod answer;
pub mod answers;
pub mod encode;
pub mod expr;
pub mod level;
pub mod locale;
pub mod order;
pub mod questionnaire;
pub mod scoring;
pub mod step;
pub mod text;
