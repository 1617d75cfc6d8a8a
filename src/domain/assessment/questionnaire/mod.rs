//! Questionnaire files: the raw serde shape ([`raw`]), validation into a [`Questionnaire`] ([`model`]), and the
//! errors that name the bad place and value ([`error`]).
//!
//! Parse, then validate: [`Questionnaire::from_json`] reads a [`RawQuestionnaire`], and
//! `Questionnaire::try_from` checks every rule, so that nothing downstream checks again.
pub mod error;
pub mod model;
pub mod raw;

mod condition;
mod question;
mod validate;

pub use error::{
    BinProblem, ConditionProblem, DuplicateOf, ErrorKind, Field, FieldProblem, Location,
    QuestionnaireError, RuleProblem, ThresholdProblem,
};
pub use model::{
    ChoiceOption, Dimension, Group, NO_KEY, OptionScore, OverallMethod, Question, QuestionKind,
    QuestionType, Questionnaire, short_key,
};
pub use raw::{
    BinStatus, BinStep, Bins, FORMAT, NaPolicy, RawDimension, RawGroup, RawOption, RawOverall,
    RawQuestion, RawQuestionnaire, SourceRef, Verification,
};
