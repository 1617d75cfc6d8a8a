//! What an answer input reports to its question: set an answer, toggle an option, or clear it.
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::text::OptionId;

/// What an input reports.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerInput {
    /// Set the answer.
    Set(Answer),
    /// Toggle a multi-choice option.
    Toggle(OptionId),
    /// Remove the answer.
    Clear,
}
