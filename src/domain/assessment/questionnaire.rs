//! Questionnaire files: the raw serde shape, validation into [`Questionnaire`], and the errors that name the bad id.
use crate::domain::assessment::expr::{Expr, LeafKind, ParseError, Value};
use crate::domain::assessment::level::{LevelBand, LevelTable, MAX_LEVEL, OverallRule};
use crate::domain::assessment::order::{map_of, set_of};
use crate::domain::assessment::text::{
    DimensionId, Lang, OptionId, QuestionId, QuestionnaireId, Text,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// The questionnaire file format this build reads.
pub const FORMAT: u32 = 1;

/// How well a fact is verified, as tagged in `../shared/reference` notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verification {
    /// Read in the cited official or primary source.
    V,
    /// Read only in a third-party replica or summary.
    V3,
    /// From memory, to be checked.
    M,
    /// Derived or proposed for this app; not an official rule.
    D,
}

/// Where a question, rule or programme comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The legal or published reference, such as "QĐ 1970/QĐ-BTTTT, tiêu chí 19".
    #[serde(rename = "ref")]
    pub reference: String,
    /// How well it is verified.
    pub tag: Verification,
}

// ---------------------------------------------------------------------------------------------------------------
// Raw shape (what serde reads)

/// A questionnaire file as written, before validation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionnaire {
    /// Always "questionnaire".
    pub kind: String,
    /// File format version, see [`FORMAT`].
    pub format: u32,
    /// Stable id.
    pub id: String,
    /// Content version, such as "1.0.0".
    pub version: String,
    /// Title.
    pub title: Text,
    /// One-paragraph description for the chooser.
    pub description: Text,
    /// About how long it takes.
    pub estimated_minutes: u32,
    /// The framework the questionnaire follows.
    pub source: SourceRef,
    /// Shown with every result: what the score is and is not.
    pub disclaimer: Text,
    /// Default maximum points of a question.
    #[serde(default = "default_max_points")]
    pub default_max_points: i64,
    /// The declared total maximum, checked against the sum of the questions.
    #[serde(default)]
    pub total_max_points: Option<i64>,
    /// What "not applicable" and hidden questions do to the maximum.
    #[serde(default)]
    pub not_applicable: NaPolicy,
    /// Level bands 0–5.
    pub levels: Vec<LevelBand>,
    /// How the overall level is computed.
    pub overall: RawOverall,
    /// Dimensions (DBI pillars).
    pub dimensions: Vec<RawDimension>,
    /// Optional groups within dimensions (DBI component indices).
    #[serde(default)]
    pub groups: Vec<RawGroup>,
    /// The questions, in order.
    pub questions: Vec<RawQuestion>,
}

fn default_max_points() -> i64 {
    5
}

/// What a "not applicable" answer or a hidden question does to the maximum.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum NaPolicy {
    /// The question leaves the maximum (the quick check).
    #[default]
    RemovesFromMax,
    /// The question scores 0 and stays in the maximum, because the official scale has no "not applicable" (DBI).
    ScoresZero,
}

/// How the overall level is computed.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum RawOverall {
    /// The weighted mean of dimension shares, banded with the level table.
    WeightedShare,
    /// The DBI rule: the highest level whose total and dimension-count conditions hold.
    DbiRule {
        /// One rule per level 1–5, in order.
        rules: Vec<OverallRule>,
        /// Where the rule comes from.
        source: SourceRef,
    },
}

/// A dimension as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDimension {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// A sentence on what it covers.
    pub description: Text,
    /// Weight in the overall weighted share (ignored by the DBI rule).
    #[serde(default = "one")]
    pub weight: i64,
    /// Declared maximum, checked against its questions.
    #[serde(default)]
    pub max_points: Option<i64>,
}

fn one() -> i64 {
    1
}

/// A group of questions inside a dimension.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// Stable id.
    pub id: String,
    /// The dimension it belongs to.
    pub dimension: String,
    /// Name.
    pub name: Text,
    /// Declared maximum, checked against its questions.
    #[serde(default)]
    pub max_points: Option<i64>,
}

/// A question as written. Which fields apply depends on `type`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// Stable id; also the CSV column code.
    pub id: String,
    /// Dimension id.
    pub dimension: String,
    /// Group id, if the questionnaire has groups.
    #[serde(default)]
    pub group: Option<String>,
    /// `single`, `multi`, `number` or `ratio`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The question.
    pub text: Text,
    /// Help shown under the question.
    #[serde(default)]
    pub help: Option<Text>,
    /// Where it comes from.
    pub source: SourceRef,
    /// Maximum points; defaults to the questionnaire's `default_max_points`.
    #[serde(default)]
    pub max_points: Option<i64>,
    /// A condition on earlier answers; when false the question is hidden and not applicable.
    #[serde(default)]
    pub visible_if: Option<String>,
    /// The question may be left unanswered (it then counts as not asked).
    #[serde(default)]
    pub optional: bool,
    /// What the question is about, for tallies (`barriers`).
    #[serde(default)]
    pub topic: Option<String>,
    /// Options of `single` and `multi`.
    #[serde(default)]
    pub options: Vec<RawOption>,
    /// Lower bound of `number`.
    #[serde(default)]
    pub min: Option<f64>,
    /// Upper bound of `number`.
    #[serde(default)]
    pub max: Option<f64>,
    /// Unit of `number`.
    #[serde(default)]
    pub unit: Option<Text>,
    /// Label of the part, for `ratio` ("electronic invoices").
    #[serde(default)]
    pub numerator: Option<Text>,
    /// Label of the whole, for `ratio` ("all invoices").
    #[serde(default)]
    pub denominator: Option<Text>,
    /// Value → points bins, for `number` and `ratio`.
    #[serde(default)]
    pub bins: Option<Bins>,
    /// Whether `number`/`ratio` offer "don't know" (0 points).
    #[serde(default)]
    pub allow_dont_know: bool,
}

/// An option as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    /// Stable id, unique in its question.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Points; omitted for "not applicable" and "don't know".
    #[serde(default)]
    pub points: Option<i64>,
    /// "Not applicable": removes the question from the maximum.
    #[serde(default)]
    pub na: bool,
    /// "Don't know": answered, 0 points, the question stays in the maximum.
    #[serde(default)]
    pub dont_know: bool,
    /// For `multi`: choosing it clears every other option ("none of these").
    #[serde(default)]
    pub exclusive: bool,
}

// ---------------------------------------------------------------------------------------------------------------
// Validated model

/// Whether value bins are official or proposed by this app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BinStatus {
    /// Published in the framework.
    Official,
    /// Proposed here because the official bins are unknown; the method page says so.
    Proposed,
}

/// One bin: values up to and including `up_to` (or any value, for the last bin) score `points`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BinStep {
    /// Inclusive upper bound; `None` on the last bin.
    #[serde(default)]
    pub up_to: Option<f64>,
    /// Points for values in this bin.
    pub points: u32,
}

/// Value → points bins of a number or ratio question (ratios are binned on their percentage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bins {
    /// Official or proposed.
    pub status: BinStatus,
    /// Ascending steps, the last one open.
    pub steps: Vec<BinStep>,
}

impl Bins {
    /// Points for a value.
    pub fn points(&self, value: f64) -> u32 {
        self.steps
            .iter()
            .find(|s| s.up_to.is_none_or(|u| value <= u))
            .map_or(0, |s| s.points)
    }
}

/// What an option scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum OptionScore {
    /// These points.
    Points(u32),
    /// Removes the question from the maximum.
    NotApplicable,
    /// Answered, scores 0, stays in the maximum.
    DontKnow,
}

/// A validated option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceOption {
    /// Stable id.
    pub id: OptionId,
    /// Label.
    pub label: Text,
    /// What it scores.
    pub score: OptionScore,
    /// Multi-choice only: clears the other options.
    pub exclusive: bool,
}

impl ChoiceOption {
    /// Points if chosen (0 for "not applicable" and "don't know").
    pub fn points(&self) -> u32 {
        match self.score {
            OptionScore::Points(p) => p,
            _ => 0,
        }
    }
}

/// The typed answer a question takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum QuestionKind {
    /// One option.
    Single {
        /// The options, in display order.
        options: Vec<ChoiceOption>,
    },
    /// Several options; their points add up to at most the question's maximum.
    Multi {
        /// The options, in display order.
        options: Vec<ChoiceOption>,
    },
    /// A number, binned into points.
    Number {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
        /// Unit label.
        unit: Option<Text>,
        /// Bins.
        bins: Bins,
        /// Whether "don't know" is offered.
        allow_dont_know: bool,
    },
    /// A part of a whole, binned on its percentage. A whole of 0 makes the question not applicable.
    Ratio {
        /// Label of the part.
        numerator: Text,
        /// Label of the whole.
        denominator: Text,
        /// Bins on the percentage.
        bins: Bins,
        /// Whether "don't know" is offered.
        allow_dont_know: bool,
    },
}

impl QuestionKind {
    /// The kind's name as in the file.
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::Single { .. } => "single",
            QuestionKind::Multi { .. } => "multi",
            QuestionKind::Number { .. } => "number",
            QuestionKind::Ratio { .. } => "ratio",
        }
    }

    /// The options of a choice question (empty otherwise).
    pub fn options(&self) -> &[ChoiceOption] {
        match self {
            QuestionKind::Single { options } | QuestionKind::Multi { options } => options,
            _ => &[],
        }
    }
}

/// A validated question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// Stable id.
    pub id: QuestionId,
    /// Its dimension.
    pub dimension: DimensionId,
    /// Its group, if any.
    pub group: Option<String>,
    /// The question text.
    pub text: Text,
    /// Help text.
    pub help: Option<Text>,
    /// Where it comes from.
    pub source: SourceRef,
    /// Maximum points.
    pub max_points: u32,
    /// The answer type.
    pub kind: QuestionKind,
    /// Visibility condition, checked at load time.
    pub visible_if: Option<Expr>,
    /// Whether it may be left unanswered.
    pub optional: bool,
    /// What it is about, for tallies (`barriers`).
    pub topic: Option<String>,
}

impl Question {
    /// The option with this id, for choice questions.
    pub fn option(&self, id: &OptionId) -> Option<&ChoiceOption> {
        self.kind.options().iter().find(|o| &o.id == id)
    }
}

/// A validated dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dimension {
    /// Stable id.
    pub id: DimensionId,
    /// Name.
    pub name: Text,
    /// Description.
    pub description: Text,
    /// Weight in the weighted share.
    pub weight: u32,
    /// Sum of its questions' maximums.
    pub max_points: u32,
}

/// How the overall level is computed, validated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum OverallMethod {
    /// Weighted mean of dimension shares, banded.
    WeightedShare,
    /// The DBI rule list.
    DbiRule {
        /// Rules for levels 1–5.
        rules: Vec<OverallRule>,
        /// Where it comes from.
        source: SourceRef,
    },
}

/// A validated group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// Stable id.
    pub id: String,
    /// Its dimension.
    pub dimension: DimensionId,
    /// Name.
    pub name: Text,
}

/// A questionnaire that passed every check. The UI never checks again.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Questionnaire {
    /// Stable id.
    pub id: QuestionnaireId,
    /// Content version.
    pub version: String,
    /// Title.
    pub title: Text,
    /// Description.
    pub description: Text,
    /// About how long it takes.
    pub estimated_minutes: u32,
    /// The framework it follows.
    pub source: SourceRef,
    /// Shown with every result.
    pub disclaimer: Text,
    /// Level bands.
    pub levels: LevelTable,
    /// Overall method.
    pub overall: OverallMethod,
    /// What "not applicable" does to the maximum.
    pub not_applicable: NaPolicy,
    /// Dimensions, in order.
    pub dimensions: Vec<Dimension>,
    /// Groups, in order.
    pub groups: Vec<Group>,
    /// Questions, in order.
    pub questions: Vec<Question>,
    /// Sum of every question's maximum.
    pub total_max_points: u32,
    /// Question id → position, for lookups in hot paths (imports of many records).
    #[serde(skip)]
    index: BTreeMap<QuestionId, usize>,
    /// Each question's dimension, as a position in `dimensions`.
    #[serde(skip)]
    dim_of: Vec<usize>,
}

/// Why a questionnaire file was refused. Every variant names the offending id.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum QuestionnaireError {
    /// Not JSON, or not the expected shape.
    #[error("the file is not a valid questionnaire: {0}")]
    Parse(String),
    /// `kind` is not "questionnaire".
    #[error("the file's kind is `{0}`, not `questionnaire`")]
    WrongKind(String),
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
    /// An id that is empty or has characters outside `A-Z a-z 0-9 _ . -`.
    #[error(
        "`{id}` is not a valid id: use letters, digits, `_`, `.` or `-`, starting with a letter"
    )]
    BadId {
        /// The id.
        id: String,
    },
    /// The version string is empty.
    #[error("questionnaire `{0}` has no version")]
    MissingVersion(String),
    /// Two dimensions, groups, questions or options share an id.
    #[error("duplicate {what} id `{id}`")]
    Duplicate {
        /// "dimension", "group", "question" or "option in question X".
        what: String,
        /// The id.
        id: String,
    },
    /// A question or group names a dimension that does not exist.
    #[error("`{from}` refers to unknown dimension `{dimension}`")]
    UnknownDimension {
        /// The question or group id.
        from: String,
        /// The missing dimension.
        dimension: String,
    },
    /// A question names a group that does not exist or belongs to another dimension.
    #[error(
        "question `{question}` refers to group `{group}`, which does not exist in dimension `{dimension}`"
    )]
    UnknownGroup {
        /// The question.
        question: String,
        /// The group.
        group: String,
        /// The question's dimension.
        dimension: String,
    },
    /// A translation is missing or blank.
    #[error("{at} has no {lang:?} text; add it")]
    MissingTranslation {
        /// Where, such as "question QT1, option paper".
        at: String,
        /// The missing language.
        lang: Lang,
    },
    /// An unknown question type.
    #[error("question `{question}` has unknown type `{found}`; use single, multi, number or ratio")]
    UnknownType {
        /// The question.
        question: String,
        /// The type found.
        found: String,
    },
    /// A field the question's type needs is missing, or one it cannot use is present.
    #[error("question `{question}`: {problem}")]
    BadField {
        /// The question.
        question: String,
        /// What is wrong.
        problem: String,
    },
    /// Points below 0 or above the question's maximum.
    #[error("question `{question}`, {at}: {points} points is outside 0–{max}")]
    PointsOutOfRange {
        /// The question.
        question: String,
        /// Which option or bin.
        at: String,
        /// The points.
        points: i64,
        /// The question's maximum.
        max: i64,
    },
    /// No answer reaches the question's maximum.
    #[error("question `{question}`: the best answer scores {best}, below its maximum {max}")]
    MaxNotReachable {
        /// The question.
        question: String,
        /// The best achievable.
        best: u32,
        /// The maximum.
        max: u32,
    },
    /// Bins not in ascending order, or the last bin not open.
    #[error(
        "question `{question}`: bins must ascend and only the last may omit `up_to` ({problem})"
    )]
    BinsOutOfOrder {
        /// The question.
        question: String,
        /// What is wrong.
        problem: String,
    },
    /// The level table is not levels 0..=5 with strictly increasing bounds ending at 100 % inclusive.
    #[error("level {level}: {problem}")]
    ThresholdsOutOfOrder {
        /// The level where the table goes wrong.
        level: u8,
        /// What is wrong.
        problem: String,
    },
    /// A dimension with a zero or negative weight.
    #[error("dimension `{0}` must have a weight of at least 1")]
    BadWeight(String),
    /// A dimension with no questions.
    #[error("dimension `{0}` has no questions")]
    EmptyDimension(String),
    /// A declared maximum that differs from the sum of the questions.
    #[error("{what} declares {declared} points but its questions add up to {computed}")]
    MaxMismatch {
        /// "dimension X", "group X" or "the questionnaire".
        what: String,
        /// Declared.
        declared: i64,
        /// Computed.
        computed: u32,
    },
    /// A `visible_if` that does not parse.
    #[error("question `{question}`: condition does not parse: {error}")]
    Condition {
        /// The question.
        question: String,
        /// The parse error.
        error: ParseError,
    },
    /// A condition names a question that does not exist.
    #[error("question `{question}`: its condition refers to unknown question `{refers_to}`")]
    ConditionUnknownQuestion {
        /// The question.
        question: String,
        /// The unknown id.
        refers_to: String,
    },
    /// A condition names the question itself or a later one.
    #[error(
        "question `{question}`: its condition refers to `{refers_to}`, which does not come before it"
    )]
    ConditionForwardReference {
        /// The question.
        question: String,
        /// The later id.
        refers_to: String,
    },
    /// A condition compares a question with a value of the wrong type.
    #[error(
        "question `{question}`: its condition on `{refers_to}` does not fit that question: {problem}"
    )]
    ConditionTypeMismatch {
        /// The question.
        question: String,
        /// The referenced question.
        refers_to: String,
        /// What does not fit.
        problem: String,
    },
    /// The overall rules are not levels 1..=5 with non-decreasing totals.
    #[error("overall rule for level {level}: {problem}")]
    BadOverallRule {
        /// The rule's level.
        level: u8,
        /// What is wrong.
        problem: String,
    },
}

type Result<T> = std::result::Result<T, QuestionnaireError>;

fn check_id(id: &str) -> Result<()> {
    let mut chars = id.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if ok {
        Ok(())
    } else {
        Err(QuestionnaireError::BadId { id: id.to_string() })
    }
}

fn check_text(t: &Text, at: impl FnOnce() -> String) -> Result<()> {
    match t.missing() {
        Some(lang) => Err(QuestionnaireError::MissingTranslation { at: at(), lang }),
        None => Ok(()),
    }
}

fn points_in_range(
    question: &str,
    at: impl FnOnce() -> String,
    points: i64,
    max: i64,
) -> Result<u32> {
    if (0..=max).contains(&points) {
        u32::try_from(points).map_err(|_| QuestionnaireError::PointsOutOfRange {
            question: question.to_string(),
            at: at(),
            points,
            max,
        })
    } else {
        Err(QuestionnaireError::PointsOutOfRange {
            question: question.to_string(),
            at: at(),
            points,
            max,
        })
    }
}

fn bad_field(question: &str, problem: impl Into<String>) -> QuestionnaireError {
    QuestionnaireError::BadField {
        question: question.to_string(),
        problem: problem.into(),
    }
}

impl Questionnaire {
    /// Parses and validates a questionnaire file.
    ///
    /// # Errors
    /// [`QuestionnaireError::Parse`] for JSON that does not fit the shape, then the first rule the file breaks.
    pub fn from_json(json: &str) -> Result<Questionnaire> {
        let raw: RawQuestionnaire =
            serde_json::from_str(json).map_err(|e| QuestionnaireError::Parse(e.to_string()))?;
        Questionnaire::try_from(raw)
    }

    /// The question with this id.
    pub fn question(&self, id: &QuestionId) -> Option<&Question> {
        self.position(id).and_then(|i| self.questions.get(i))
    }

    /// The index of a question in order.
    pub fn position(&self, id: &QuestionId) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Every question id with its position, in id order.
    pub fn positions_by_id(&self) -> impl Iterator<Item = (&QuestionId, usize)> {
        self.index.iter().map(|(id, i)| (id, *i))
    }

    /// Each question's dimension as a position in `dimensions`, in question order.
    pub fn dimension_positions(&self) -> &[usize] {
        &self.dim_of
    }

    /// The dimension with this id.
    pub fn dimension(&self, id: &DimensionId) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| &d.id == id)
    }

    /// The questions of a dimension, in order.
    pub fn questions_in<'a>(
        &'a self,
        dim: &'a DimensionId,
    ) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions.iter().filter(move |q| &q.dimension == dim)
    }

    /// Whether any bins in the questionnaire are proposed rather than official.
    pub fn has_proposed_bins(&self) -> bool {
        self.questions.iter().any(|q| {
            matches!(&q.kind, QuestionKind::Number { bins, .. } | QuestionKind::Ratio { bins, .. }
                if bins.status == BinStatus::Proposed)
        })
    }
}

fn validate_levels(levels: Vec<LevelBand>) -> Result<LevelTable> {
    let mut previous: Option<u32> = None;
    for (i, band) in levels.iter().enumerate() {
        let expected = u8::try_from(i).unwrap_or(u8::MAX);
        if band.level != expected {
            return Err(QuestionnaireError::ThresholdsOutOfOrder {
                level: band.level,
                problem: format!("expected level {expected} at this position"),
            });
        }
        check_text(&band.name, || format!("level {} name", band.level))?;
        check_text(&band.description, || {
            format!("level {} description", band.level)
        })?;
        if let Some(p) = previous
            && band.max_pct <= p
        {
            return Err(QuestionnaireError::ThresholdsOutOfOrder {
                level: band.level,
                problem: format!(
                    "upper bound {}% must be above the previous {}%",
                    band.max_pct, p
                ),
            });
        }
        previous = Some(band.max_pct);
    }
    match levels.last() {
        Some(last) if last.level == MAX_LEVEL && last.max_pct == 100 && last.inclusive => {}
        Some(last) => {
            return Err(QuestionnaireError::ThresholdsOutOfOrder {
                level: last.level,
                problem: format!("the table must end with level {MAX_LEVEL} at 100% inclusive"),
            });
        }
        None => {
            return Err(QuestionnaireError::ThresholdsOutOfOrder {
                level: 0,
                problem: "no levels".into(),
            });
        }
    }
    Ok(LevelTable::new_unchecked(levels))
}

fn validate_overall(raw: RawOverall) -> Result<OverallMethod> {
    match raw {
        RawOverall::WeightedShare => Ok(OverallMethod::WeightedShare),
        RawOverall::DbiRule { rules, source } => {
            let mut prev_total = None;
            for (i, r) in rules.iter().enumerate() {
                let expected = u8::try_from(i + 1).unwrap_or(u8::MAX);
                if r.level != expected {
                    return Err(QuestionnaireError::BadOverallRule {
                        level: r.level,
                        problem: format!("expected the rule for level {expected} here"),
                    });
                }
                if r.dimension_level > MAX_LEVEL {
                    return Err(QuestionnaireError::BadOverallRule {
                        level: r.level,
                        problem: format!(
                            "dimension level {} is above {MAX_LEVEL}",
                            r.dimension_level
                        ),
                    });
                }
                if let Some(p) = prev_total
                    && r.total_above <= p
                {
                    return Err(QuestionnaireError::BadOverallRule {
                        level: r.level,
                        problem: format!(
                            "total {} must be above the previous rule's {p}",
                            r.total_above
                        ),
                    });
                }
                prev_total = Some(r.total_above);
            }
            if rules.len() != usize::from(MAX_LEVEL) {
                return Err(QuestionnaireError::BadOverallRule {
                    level: u8::try_from(rules.len()).unwrap_or(u8::MAX),
                    problem: format!("there must be one rule for each level 1–{MAX_LEVEL}"),
                });
            }
            Ok(OverallMethod::DbiRule { rules, source })
        }
    }
}

fn validate_bins(qid: &str, bins: Bins, max: i64) -> Result<Bins> {
    if bins.steps.is_empty() {
        return Err(QuestionnaireError::BinsOutOfOrder {
            question: qid.into(),
            problem: "no bins".into(),
        });
    }
    let mut prev: Option<f64> = None;
    for (i, s) in bins.steps.iter().enumerate() {
        let last = i + 1 == bins.steps.len();
        points_in_range(qid, || format!("bin {}", i + 1), i64::from(s.points), max)?;
        match (s.up_to, last) {
            (None, true) => {}
            (None, false) => {
                return Err(QuestionnaireError::BinsOutOfOrder {
                    question: qid.into(),
                    problem: format!("bin {} has no `up_to` but is not the last", i + 1),
                });
            }
            (Some(_), true) => {
                return Err(QuestionnaireError::BinsOutOfOrder {
                    question: qid.into(),
                    problem: "the last bin must omit `up_to`".into(),
                });
            }
            (Some(u), false) => {
                if !u.is_finite() || prev.is_some_and(|p| u <= p) {
                    return Err(QuestionnaireError::BinsOutOfOrder {
                        question: qid.into(),
                        problem: format!("bin {} bound {u} does not ascend", i + 1),
                    });
                }
                prev = Some(u);
            }
        }
    }
    Ok(bins)
}

fn validate_options(
    qid: &str,
    raw: Vec<RawOption>,
    max: i64,
    multi: bool,
) -> Result<Vec<ChoiceOption>> {
    if raw.is_empty() {
        return Err(bad_field(
            qid,
            "a choice question needs at least one option",
        ));
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(raw.len());
    for o in raw {
        check_id(&o.id)?;
        if !seen.insert(o.id.clone()) {
            return Err(QuestionnaireError::Duplicate {
                what: format!("option in question {qid}"),
                id: o.id,
            });
        }
        check_text(&o.label, || format!("question {qid}, option {}", o.id))?;
        let score = match (o.na, o.dont_know, o.points) {
            (true, false, None) => OptionScore::NotApplicable,
            (false, true, None) => OptionScore::DontKnow,
            (false, false, Some(p)) => {
                OptionScore::Points(points_in_range(qid, || format!("option {}", o.id), p, max)?)
            }
            (false, false, None) => {
                return Err(bad_field(
                    qid,
                    format!("option {} needs `points`, `na` or `dont_know`", o.id),
                ));
            }
            _ => {
                return Err(bad_field(
                    qid,
                    format!(
                        "option {} may be only one of points, `na` and `dont_know`",
                        o.id
                    ),
                ));
            }
        };
        if o.exclusive && !multi {
            return Err(bad_field(
                qid,
                format!(
                    "option {} is `exclusive`, which only multi-choice questions use",
                    o.id
                ),
            ));
        }
        if multi && score == OptionScore::NotApplicable && !o.exclusive {
            return Err(bad_field(
                qid,
                format!(
                    "multi-choice option {} is `na`, so it must also be `exclusive`",
                    o.id
                ),
            ));
        }
        out.push(ChoiceOption {
            id: OptionId::new(o.id),
            label: o.label,
            score,
            exclusive: o.exclusive,
        });
    }
    Ok(out)
}

fn unused(q: &RawQuestion, fields: &[(&str, bool)]) -> Result<()> {
    for (name, present) in fields {
        if *present {
            return Err(bad_field(
                &q.id,
                format!("`{name}` does not apply to a {} question", q.kind),
            ));
        }
    }
    Ok(())
}

fn validate_kind(q: &mut RawQuestion, max: i64) -> Result<(QuestionKind, u32)> {
    let qid = q.id.clone();
    let options = std::mem::take(&mut q.options);
    let number_fields = [
        ("min", q.min.is_some()),
        ("max", q.max.is_some()),
        ("unit", q.unit.is_some()),
        ("bins", q.bins.is_some()),
        ("allow_dont_know", q.allow_dont_know),
        ("numerator", q.numerator.is_some()),
        ("denominator", q.denominator.is_some()),
    ];
    match q.kind.as_str() {
        "single" => {
            unused(q, &number_fields)?;
            let options = validate_options(&qid, options, max, false)?;
            let best = options.iter().map(ChoiceOption::points).max().unwrap_or(0);
            Ok((QuestionKind::Single { options }, best))
        }
        "multi" => {
            unused(q, &number_fields)?;
            let options = validate_options(&qid, options, max, true)?;
            let sum: u32 = options
                .iter()
                .filter(|o| !o.exclusive)
                .map(ChoiceOption::points)
                .sum();
            let best = sum.min(u32::try_from(max).unwrap_or(0));
            Ok((QuestionKind::Multi { options }, best))
        }
        "number" | "ratio" => {
            if !options.is_empty() {
                return Err(bad_field(
                    &qid,
                    format!("`options` do not apply to a {} question", q.kind),
                ));
            }
            let bins = q
                .bins
                .take()
                .ok_or_else(|| bad_field(&qid, "`bins` are required"))?;
            let bins = validate_bins(&qid, bins, max)?;
            let best = bins.steps.iter().map(|s| s.points).max().unwrap_or(0);
            let allow_dont_know = q.allow_dont_know;
            if q.kind == "number" {
                unused(
                    q,
                    &[
                        ("numerator", q.numerator.is_some()),
                        ("denominator", q.denominator.is_some()),
                    ],
                )?;
                let (min, max_v) = match (q.min, q.max) {
                    (Some(a), Some(b)) if a.is_finite() && b.is_finite() && a < b => (a, b),
                    _ => {
                        return Err(bad_field(
                            &qid,
                            "`min` and `max` are required, finite, and min < max",
                        ));
                    }
                };
                if let Some(u) = &q.unit {
                    check_text(u, || format!("question {qid} unit"))?;
                }
                Ok((
                    QuestionKind::Number {
                        min,
                        max: max_v,
                        unit: q.unit.take(),
                        bins,
                        allow_dont_know,
                    },
                    best,
                ))
            } else {
                unused(
                    q,
                    &[
                        ("min", q.min.is_some()),
                        ("max", q.max.is_some()),
                        ("unit", q.unit.is_some()),
                    ],
                )?;
                let numerator = q
                    .numerator
                    .take()
                    .ok_or_else(|| bad_field(&qid, "`numerator` is required"))?;
                let denominator = q
                    .denominator
                    .take()
                    .ok_or_else(|| bad_field(&qid, "`denominator` is required"))?;
                check_text(&numerator, || format!("question {qid} numerator"))?;
                check_text(&denominator, || format!("question {qid} denominator"))?;
                Ok((
                    QuestionKind::Ratio {
                        numerator,
                        denominator,
                        bins,
                        allow_dont_know,
                    },
                    best,
                ))
            }
        }
        other => Err(QuestionnaireError::UnknownType {
            question: qid,
            found: other.to_string(),
        }),
    }
}

fn check_condition(
    owner: &str,
    expr: &Expr,
    earlier: &BTreeMap<&QuestionId, &Question>,
    all: &BTreeSet<String>,
) -> Result<()> {
    for leaf in expr.leaves() {
        let refers_to = leaf.question.to_string();
        let Some(target) = earlier.get(leaf.question) else {
            return Err(if all.contains(&refers_to) {
                QuestionnaireError::ConditionForwardReference {
                    question: owner.to_string(),
                    refers_to,
                }
            } else {
                QuestionnaireError::ConditionUnknownQuestion {
                    question: owner.to_string(),
                    refers_to,
                }
            });
        };
        let mismatch = |problem: String| QuestionnaireError::ConditionTypeMismatch {
            question: owner.to_string(),
            refers_to: refers_to.clone(),
            problem,
        };
        let is_choice = matches!(
            target.kind,
            QuestionKind::Single { .. } | QuestionKind::Multi { .. }
        );
        match leaf.kind {
            LeafKind::Answered => {}
            LeafKind::Has if !matches!(target.kind, QuestionKind::Multi { .. }) => {
                return Err(mismatch(format!(
                    "`has` needs a multi-choice question, not {}",
                    target.kind.name()
                )));
            }
            LeafKind::Cmp(op) if op.is_ordering() && is_choice => {
                return Err(mismatch(format!(
                    "`<`/`>` compare numbers, but it is a {} question",
                    target.kind.name()
                )));
            }
            LeafKind::Cmp(_) | LeafKind::In
                if matches!(target.kind, QuestionKind::Multi { .. }) =>
            {
                return Err(mismatch("use `has` to test a multi-choice question".into()));
            }
            _ => {}
        }
        for v in leaf.values {
            match (v, is_choice) {
                (Value::Str(s), true) => {
                    if target.option(&OptionId(s.as_str().into())).is_none() {
                        return Err(mismatch(format!("it has no option `{s}`")));
                    }
                }
                (Value::Num(n), true) => {
                    return Err(mismatch(format!(
                        "{n} is a number, but options are quoted ids"
                    )));
                }
                (Value::Str(s), false) => {
                    return Err(mismatch(format!(
                        "'{s}' is text, but it is a {} question",
                        target.kind.name()
                    )));
                }
                (Value::Num(_), false) => {}
            }
        }
    }
    Ok(())
}

impl Questionnaire {
    /// Checks a condition written elsewhere (a programme trigger) against this questionnaire: every question it
    /// names exists and every value fits that question's type.
    ///
    /// # Errors
    /// The [`QuestionnaireError`] a `visible_if` with the same fault would get, naming `owner`.
    pub fn check_expr(&self, owner: &str, expr: &Expr) -> Result<()> {
        let all: BTreeMap<&QuestionId, &Question> =
            map_of(self.questions.iter().map(|q| (&q.id, q)));
        let ids: BTreeSet<String> = set_of(self.questions.iter().map(|q| q.id.to_string()));
        check_condition(owner, expr, &all, &ids)
    }
}

impl TryFrom<RawQuestionnaire> for Questionnaire {
    type Error = QuestionnaireError;

    fn try_from(raw: RawQuestionnaire) -> Result<Questionnaire> {
        if raw.kind != "questionnaire" {
            return Err(QuestionnaireError::WrongKind(raw.kind));
        }
        if raw.format != FORMAT {
            return Err(QuestionnaireError::UnsupportedFormat {
                found: raw.format,
                supported: FORMAT,
            });
        }
        check_id(&raw.id)?;
        if raw.version.trim().is_empty() {
            return Err(QuestionnaireError::MissingVersion(raw.id));
        }
        let qn = raw.id.clone();
        check_text(&raw.title, || format!("questionnaire {qn} title"))?;
        check_text(&raw.description, || {
            format!("questionnaire {qn} description")
        })?;
        check_text(&raw.disclaimer, || format!("questionnaire {qn} disclaimer"))?;
        let levels = validate_levels(raw.levels)?;
        let overall = validate_overall(raw.overall)?;

        let mut dim_ids = BTreeSet::new();
        for d in &raw.dimensions {
            check_id(&d.id)?;
            if !dim_ids.insert(d.id.clone()) {
                return Err(QuestionnaireError::Duplicate {
                    what: "dimension".into(),
                    id: d.id.clone(),
                });
            }
            check_text(&d.name, || format!("dimension {} name", d.id))?;
            check_text(&d.description, || format!("dimension {} description", d.id))?;
            if d.weight < 1 {
                return Err(QuestionnaireError::BadWeight(d.id.clone()));
            }
        }
        let mut groups = Vec::new();
        for g in &raw.groups {
            check_id(&g.id)?;
            if groups.iter().any(|x: &Group| x.id == g.id) {
                return Err(QuestionnaireError::Duplicate {
                    what: "group".into(),
                    id: g.id.clone(),
                });
            }
            if !dim_ids.contains(&g.dimension) {
                return Err(QuestionnaireError::UnknownDimension {
                    from: g.id.clone(),
                    dimension: g.dimension.clone(),
                });
            }
            check_text(&g.name, || format!("group {} name", g.id))?;
            groups.push(Group {
                id: g.id.clone(),
                dimension: DimensionId(g.dimension.as_str().into()),
                name: g.name.clone(),
            });
        }

        let all_ids: BTreeSet<String> = set_of(raw.questions.iter().map(|q| q.id.clone()));
        let mut questions: Vec<Question> = Vec::with_capacity(raw.questions.len());
        for mut rq in raw.questions {
            check_id(&rq.id)?;
            if questions.iter().any(|q| q.id.as_str() == rq.id) {
                return Err(QuestionnaireError::Duplicate {
                    what: "question".into(),
                    id: rq.id,
                });
            }
            if !dim_ids.contains(&rq.dimension) {
                return Err(QuestionnaireError::UnknownDimension {
                    from: rq.id,
                    dimension: rq.dimension,
                });
            }
            if let Some(g) = &rq.group
                && !groups
                    .iter()
                    .any(|x| &x.id == g && x.dimension.as_str() == rq.dimension)
            {
                return Err(QuestionnaireError::UnknownGroup {
                    question: rq.id.clone(),
                    group: g.clone(),
                    dimension: rq.dimension.clone(),
                });
            }
            check_text(&rq.text, || format!("question {}", rq.id))?;
            if let Some(h) = &rq.help {
                check_text(h, || format!("question {} help", rq.id))?;
            }
            let max = rq.max_points.unwrap_or(raw.default_max_points);
            // An unscored question (max_points 0) only informs, so it must be optional.
            if max < 0 || (max == 0 && !rq.optional) {
                return Err(bad_field(
                    &rq.id,
                    format!(
                        "max_points {max} must be at least 1 (0 only for an optional, unscored question)"
                    ),
                ));
            }
            let (kind, best) = validate_kind(&mut rq, max)?;
            let max_points =
                u32::try_from(max).map_err(|_| bad_field(&rq.id, "max_points is too large"))?;
            if best < max_points {
                return Err(QuestionnaireError::MaxNotReachable {
                    question: rq.id,
                    best,
                    max: max_points,
                });
            }
            let visible_if = match rq.visible_if.as_deref() {
                None => None,
                Some(src) => {
                    Some(
                        Expr::parse(src).map_err(|error| QuestionnaireError::Condition {
                            question: rq.id.clone(),
                            error,
                        })?,
                    )
                }
            };
            let question = Question {
                id: QuestionId::new(rq.id),
                dimension: DimensionId::new(rq.dimension),
                group: rq.group,
                text: rq.text,
                help: rq.help,
                source: rq.source,
                max_points,
                kind,
                visible_if,
                optional: rq.optional,
                topic: rq.topic,
            };
            if let Some(expr) = &question.visible_if {
                let earlier: BTreeMap<&QuestionId, &Question> =
                    map_of(questions.iter().map(|q| (&q.id, q)));
                check_condition(question.id.as_str(), expr, &earlier, &all_ids)?;
            }
            questions.push(question);
        }

        let mut dimensions = Vec::with_capacity(raw.dimensions.len());
        for d in raw.dimensions {
            let id = DimensionId(d.id.as_str().into());
            let computed: u32 = questions
                .iter()
                .filter(|q| q.dimension == id)
                .map(|q| q.max_points)
                .sum();
            if computed == 0 {
                return Err(QuestionnaireError::EmptyDimension(d.id));
            }
            if let Some(declared) = d.max_points
                && declared != i64::from(computed)
            {
                return Err(QuestionnaireError::MaxMismatch {
                    what: format!("dimension {}", d.id),
                    declared,
                    computed,
                });
            }
            let weight =
                u32::try_from(d.weight).map_err(|_| QuestionnaireError::BadWeight(d.id.clone()))?;
            dimensions.push(Dimension {
                id,
                name: d.name,
                description: d.description,
                weight,
                max_points: computed,
            });
        }
        for g in &raw.groups {
            let computed: u32 = questions
                .iter()
                .filter(|q| q.group.as_deref() == Some(&g.id))
                .map(|q| q.max_points)
                .sum();
            if let Some(declared) = g.max_points
                && declared != i64::from(computed)
            {
                return Err(QuestionnaireError::MaxMismatch {
                    what: format!("group {}", g.id),
                    declared,
                    computed,
                });
            }
        }
        let total_max_points: u32 = dimensions.iter().map(|d| d.max_points).sum();
        if let Some(declared) = raw.total_max_points
            && declared != i64::from(total_max_points)
        {
            return Err(QuestionnaireError::MaxMismatch {
                what: "the questionnaire".into(),
                declared,
                computed: total_max_points,
            });
        }

        let mut q = Questionnaire {
            id: QuestionnaireId::new(raw.id),
            version: raw.version,
            title: raw.title,
            description: raw.description,
            estimated_minutes: raw.estimated_minutes,
            source: raw.source,
            disclaimer: raw.disclaimer,
            levels,
            overall,
            not_applicable: raw.not_applicable,
            dimensions,
            groups,
            questions,
            total_max_points,
            index: BTreeMap::new(),
            dim_of: Vec::new(),
        };
        q.index = map_of(
            q.questions
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.clone(), i)),
        );
        q.dim_of = q
            .questions
            .iter()
            .map(|x| {
                q.dimensions
                    .iter()
                    .position(|d| d.id == x.dimension)
                    .unwrap_or(0)
            })
            .collect();
        Ok(q)
    }
}
