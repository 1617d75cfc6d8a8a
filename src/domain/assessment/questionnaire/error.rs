//! Why a questionnaire file was refused: where the problem is ([`Location`]) and what it is ([`ErrorKind`]), as
//! typed values. The English wording is made only by `Display`, for the command line.
use super::model::QuestionType;
use crate::domain::assessment::expr::ParseError;
use crate::domain::assessment::level::MAX_LEVEL;
use crate::domain::assessment::text::Lang;
use std::fmt;
use thiserror::Error;

/// Why a questionnaire file was refused: a place in the file and what is wrong there.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionnaireError {
    /// Where the problem is.
    pub at: Location,
    /// What is wrong.
    pub kind: ErrorKind,
}

impl QuestionnaireError {
    /// The error `kind` at `at`.
    pub fn new(at: Location, kind: ErrorKind) -> QuestionnaireError {
        QuestionnaireError { at, kind }
    }
}

impl fmt::Display for QuestionnaireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            // The file as a whole: the command line already names it.
            Location::File => write!(f, "{}", self.kind),
            _ => write!(f, "{}: {}", self.at, self.kind),
        }
    }
}

impl std::error::Error for QuestionnaireError {}

pub(super) type Result<T> = std::result::Result<T, QuestionnaireError>;

/// Where in a questionnaire file a problem is. Ids are as written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole: its JSON, its `kind` or its `format`.
    File,
    /// The questionnaire with this id: its id, version, lists of ids or declared total.
    Questionnaire(String),
    /// The title of the questionnaire with this id.
    QuestionnaireTitle(String),
    /// The description of the questionnaire with this id.
    QuestionnaireDescription(String),
    /// The disclaimer of the questionnaire with this id.
    QuestionnaireDisclaimer(String),
    /// The level table as a whole.
    Levels,
    /// The band of this level in the level table.
    Level(u8),
    /// The name of this level's band.
    LevelName(u8),
    /// The description of this level's band.
    LevelDescription(u8),
    /// The list of overall rules as a whole.
    OverallRules,
    /// The overall rule for this level.
    OverallRule(u8),
    /// The dimension with this id.
    Dimension(String),
    /// The name of the dimension with this id.
    DimensionName(String),
    /// The description of the dimension with this id.
    DimensionDescription(String),
    /// The group with this id.
    Group(String),
    /// The name of the group with this id.
    GroupName(String),
    /// The question with this id (its fields other than the texts below).
    Question(String),
    /// The text of the question with this id.
    QuestionText(String),
    /// The help of the question with this id.
    QuestionHelp(String),
    /// The unit of the number question with this id.
    QuestionUnit(String),
    /// The label of the part, in the ratio question with this id.
    QuestionNumerator(String),
    /// The label of the whole, in the ratio question with this id.
    QuestionDenominator(String),
    /// An option of a question.
    QuestionOption {
        /// The question's id.
        question: String,
        /// The option's id.
        option: String,
    },
    /// A value bin of a number or ratio question.
    Bin {
        /// The question's id.
        question: String,
        /// The bin's position, from 1.
        number: usize,
    },
    /// A condition written outside the questionnaire and checked against it (a programme's trigger), by the id of
    /// what owns it.
    Owner(String),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File => write!(f, "the file"),
            Location::Questionnaire(id) => write!(f, "questionnaire `{id}`"),
            Location::QuestionnaireTitle(id) => write!(f, "the title of questionnaire `{id}`"),
            Location::QuestionnaireDescription(id) => {
                write!(f, "the description of questionnaire `{id}`")
            }
            Location::QuestionnaireDisclaimer(id) => {
                write!(f, "the disclaimer of questionnaire `{id}`")
            }
            Location::Levels => write!(f, "the level table"),
            Location::Level(level) => write!(f, "level {level}"),
            Location::LevelName(level) => write!(f, "the name of level {level}"),
            Location::LevelDescription(level) => write!(f, "the description of level {level}"),
            Location::OverallRules => write!(f, "the overall rules"),
            Location::OverallRule(level) => write!(f, "the overall rule for level {level}"),
            Location::Dimension(id) => write!(f, "dimension `{id}`"),
            Location::DimensionName(id) => write!(f, "the name of dimension `{id}`"),
            Location::DimensionDescription(id) => write!(f, "the description of dimension `{id}`"),
            Location::Group(id) => write!(f, "group `{id}`"),
            Location::GroupName(id) => write!(f, "the name of group `{id}`"),
            Location::Question(id) => write!(f, "question `{id}`"),
            Location::QuestionText(id) => write!(f, "the text of question `{id}`"),
            Location::QuestionHelp(id) => write!(f, "the help of question `{id}`"),
            Location::QuestionUnit(id) => write!(f, "the unit of question `{id}`"),
            Location::QuestionNumerator(id) => write!(f, "the numerator of question `{id}`"),
            Location::QuestionDenominator(id) => write!(f, "the denominator of question `{id}`"),
            Location::QuestionOption { question, option } => {
                write!(f, "question `{question}`, option `{option}`")
            }
            Location::Bin { question, number } => write!(f, "question `{question}`, bin {number}"),
            Location::Owner(id) => write!(f, "`{id}`"),
        }
    }
}

/// What is wrong at a [`Location`].
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ErrorKind {
    /// Not JSON, or not the expected shape; the JSON reader's own message.
    #[error("the file is not a valid questionnaire: {0}")]
    Parse(String),
    /// `kind` is not "questionnaire".
    #[error("the file's kind is `{found}`, not `questionnaire`")]
    WrongKind {
        /// The kind found.
        found: String,
    },
    /// A format this build does not read.
    #[error(
        "format {found} is not supported (this app reads format {supported}); update the app or the file"
    )]
    UnsupportedFormat {
        /// The file's format.
        found: u32,
        /// Ours.
        supported: u32,
    },
    /// The id of the thing at the location is empty or has characters outside `A-Z a-z 0-9 _ . -`.
    #[error("not a valid id: use letters, digits, `_`, `.` or `-`, starting with a letter")]
    BadId,
    /// The version string is empty.
    #[error("no version; add one such as \"1.0.0\"")]
    MissingVersion,
    /// Two things of a list share an id.
    #[error("duplicate {of} id `{id}`; give each {of} its own id")]
    Duplicate {
        /// What shares the id.
        of: DuplicateOf,
        /// The id.
        id: String,
    },
    /// A question or group names a dimension that does not exist.
    #[error("refers to unknown dimension `{dimension}`")]
    UnknownDimension {
        /// The missing dimension.
        dimension: String,
    },
    /// A question names a group that does not exist or belongs to another dimension.
    #[error("refers to group `{group}`, which does not exist in dimension `{dimension}`")]
    UnknownGroup {
        /// The group.
        group: String,
        /// The question's dimension.
        dimension: String,
    },
    /// A translation is missing or blank.
    #[error("has no {lang:?} text; add it")]
    MissingTranslation {
        /// The missing language.
        lang: Lang,
    },
    /// An unknown question type.
    #[error("unknown type `{found}`; use single, multi, number or ratio")]
    UnknownType {
        /// The type found.
        found: String,
    },
    /// A field the question's type needs is missing, or one it cannot use is present.
    #[error("{0}")]
    BadField(FieldProblem),
    /// Points below 0 or above the question's maximum.
    #[error("{points} points is outside 0–{max}")]
    PointsOutOfRange {
        /// The points.
        points: i64,
        /// The question's maximum.
        max: i64,
    },
    /// No answer reaches the question's maximum.
    #[error(
        "the best answer scores {best}, below its maximum {max}; raise an answer's points or lower `max_points`"
    )]
    MaxNotReachable {
        /// The best achievable.
        best: u32,
        /// The maximum.
        max: u32,
    },
    /// Bins not in ascending order, or the last bin not open.
    #[error("bins must ascend and only the last may omit `up_to` ({0})")]
    BinsOutOfOrder(BinProblem),
    /// The level table is not levels 0..=5 with strictly increasing bounds ending at 100 % inclusive.
    #[error("{0}")]
    ThresholdsOutOfOrder(ThresholdProblem),
    /// A dimension whose weight is not a whole number from 1 up.
    #[error(
        "weight {weight} is not allowed; use a weight of at least 1 (and at most {})",
        u32::MAX
    )]
    BadWeight {
        /// The weight written.
        weight: i64,
    },
    /// A dimension with no questions.
    #[error("has no questions; add one or remove the dimension")]
    EmptyDimension,
    /// A declared maximum that differs from the sum of the questions.
    #[error("declares {declared} points but its questions add up to {computed}")]
    MaxMismatch {
        /// Declared.
        declared: i64,
        /// Computed.
        computed: u32,
    },
    /// A condition that does not parse.
    #[error("its condition does not parse: {0}")]
    Condition(ParseError),
    /// A condition names a question that does not exist.
    #[error("its condition refers to unknown question `{refers_to}`")]
    ConditionUnknownQuestion {
        /// The unknown id.
        refers_to: String,
    },
    /// A condition names the question itself or a later one.
    #[error("its condition refers to `{refers_to}`, which does not come before it")]
    ConditionForwardReference {
        /// The later id.
        refers_to: String,
    },
    /// A condition compares a question with a value of the wrong type.
    #[error("its condition on `{refers_to}` does not fit that question: {problem}")]
    ConditionTypeMismatch {
        /// The referenced question.
        refers_to: String,
        /// What does not fit.
        problem: ConditionProblem,
    },
    /// The overall rules are not levels 1..=5 with increasing totals.
    #[error("{0}")]
    BadOverallRule(RuleProblem),
}

/// What kind of thing shares an id with another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum DuplicateOf {
    /// Two dimensions.
    #[error("dimension")]
    Dimension,
    /// Two groups.
    #[error("group")]
    Group,
    /// Two questions.
    #[error("question")]
    Question,
    /// Two options of one question.
    #[error("option")]
    Option,
}

/// A field of a question, as named in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Field {
    /// `options`.
    #[error("options")]
    Options,
    /// `min`.
    #[error("min")]
    Min,
    /// `max`.
    #[error("max")]
    Max,
    /// `unit`.
    #[error("unit")]
    Unit,
    /// `bins`.
    #[error("bins")]
    Bins,
    /// `allow_dont_know`.
    #[error("allow_dont_know")]
    AllowDontKnow,
    /// `numerator`.
    #[error("numerator")]
    Numerator,
    /// `denominator`.
    #[error("denominator")]
    Denominator,
}

/// What is wrong with a question's or an option's fields.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FieldProblem {
    /// `max_points` below 1, or 0 on a question that is not optional.
    #[error("max_points {max} must be at least 1 (0 only for an optional, unscored question)")]
    MaxPointsBelowOne {
        /// The maximum written (or the default).
        max: i64,
    },
    /// `max_points` beyond what points can hold.
    #[error("max_points {max} is too large; use at most {}", u32::MAX)]
    MaxPointsTooLarge {
        /// The maximum written (or the default).
        max: i64,
    },
    /// A field the question's type needs is missing.
    #[error("`{0}` is required for this type of question; add it")]
    Required(Field),
    /// A field the question's type cannot use is present.
    #[error("`{field}` does not apply to a {to} question; remove it")]
    DoesNotApply {
        /// The field.
        field: Field,
        /// The question's type.
        to: QuestionType,
    },
    /// A number question's `min` and `max` are missing, not finite or not in order.
    #[error("`min` and `max` are required, finite, and min < max")]
    BadRange,
    /// A choice question without options.
    #[error("a choice question needs at least one option")]
    NoOptions,
    /// An option with neither points nor `na` nor `dont_know`.
    #[error("needs `points`, `na` or `dont_know`")]
    NoScore,
    /// An option with more than one of points, `na` and `dont_know`.
    #[error("may be only one of points, `na` and `dont_know`")]
    ScoreConflict,
    /// An `exclusive` option outside a multi-choice question.
    #[error("is `exclusive`, which only multi-choice questions use; remove it")]
    ExclusiveOutsideMulti,
    /// A multi-choice option that is `na` but not `exclusive`.
    #[error("is `na` in a multi-choice question, so it must also be `exclusive`")]
    NaNotExclusive,
}

/// What is wrong with a question's value bins.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum BinProblem {
    /// The question has no bins.
    #[error("no bins")]
    NoBins,
    /// A bin without `up_to` that is not the last.
    #[error("this bin has no `up_to` but is not the last")]
    OpenBeforeLast,
    /// The last bin has an `up_to`.
    #[error("the last bin must omit `up_to`")]
    LastNotOpen,
    /// A bound that is not finite or not above the previous bin's.
    #[error("bound {up_to} does not ascend")]
    NotAscending {
        /// The bound written.
        up_to: f64,
    },
}

/// What is wrong with the level table.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ThresholdProblem {
    /// The table is empty.
    #[error("no levels; list the bands of levels 0–{MAX_LEVEL}")]
    NoLevels,
    /// A band that is not the next level in order.
    #[error("expected level {expected} at this position")]
    WrongLevel {
        /// The level due at this position.
        expected: u8,
    },
    /// An upper bound not above the previous band's.
    #[error("upper bound {max_pct}% must be above the previous {previous}%")]
    NotAbovePrevious {
        /// This band's bound.
        max_pct: u32,
        /// The previous band's bound.
        previous: u32,
    },
    /// The last band is not the top level at 100 % inclusive.
    #[error("the table must end with level {MAX_LEVEL} at 100% inclusive")]
    BadLastBand,
}

/// What is wrong with the overall rules.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RuleProblem {
    /// A rule that is not for the next level in order.
    #[error("expected the rule for level {expected} here")]
    WrongLevel {
        /// The level due at this position.
        expected: u8,
    },
    /// A dimension level above the top level.
    #[error("dimension level {dimension_level} is above {MAX_LEVEL}")]
    DimensionLevelTooHigh {
        /// The dimension level written.
        dimension_level: u8,
    },
    /// A total not above the previous rule's.
    #[error("total {total} must be above the previous rule's {previous}")]
    TotalNotAbovePrevious {
        /// This rule's total.
        total: u32,
        /// The previous rule's total.
        previous: u32,
    },
    /// Not one rule for each level.
    #[error("there must be one rule for each level 1–{MAX_LEVEL}, not {count}")]
    WrongCount {
        /// How many rules there are.
        count: usize,
    },
}

/// How a condition does not fit the question it tests.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ConditionProblem {
    /// `has` on a question that is not multi-choice.
    #[error("`has` needs a multi-choice question, not {found}")]
    HasNeedsMulti {
        /// The question's type.
        found: QuestionType,
    },
    /// `<` or `>` on a choice question.
    #[error("`<`/`>` compare numbers, but it is a {found} question")]
    OrderingOnChoice {
        /// The question's type.
        found: QuestionType,
    },
    /// `==`, `!=` or `in` on a multi-choice question.
    #[error("use `has` to test a multi-choice question")]
    UseHas,
    /// An option id the question does not have.
    #[error("it has no option `{option}`")]
    NoSuchOption {
        /// The option id written.
        option: String,
    },
    /// A number compared with a choice question.
    #[error("{value} is a number, but options are quoted ids")]
    NumberForChoice {
        /// The number written.
        value: f64,
    },
    /// A quoted text compared with a number or ratio question.
    #[error("'{value}' is text, but it is a {found} question")]
    TextForNumber {
        /// The text written.
        value: String,
        /// The question's type.
        found: QuestionType,
    },
}
