//! The typed [`Answer`] to one question (what conditions compare and scoring reads), on its own so that the
//! condition language needs nothing of questionnaires.
use crate::domain::assessment::text::OptionId;
use serde::{Deserialize, Serialize};

/// An answer to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The chosen option of a single-choice question.
    Choice(OptionId),
    /// The chosen options of a multi-choice question, in questionnaire order.
    Multi(Vec<OptionId>),
    /// A number.
    Number(f64),
    /// A part and a whole.
    Ratio {
        /// The part.
        num: f64,
        /// The whole.
        den: f64,
    },
    /// "Don't know" on a number or ratio question.
    DontKnow,
}

impl Answer {
    /// The number a condition compares: the value, or a ratio's percentage.
    pub fn numeric_value(&self) -> Option<f64> {
        match self {
            Answer::Number(v) => Some(*v),
            Answer::Ratio { num, den } if *den > 0.0 => Some(num / den * 100.0),
            _ => None,
        }
    }
}
