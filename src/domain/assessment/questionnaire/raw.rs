//! The questionnaire file as written: the shape serde reads, before any rule is checked.
use crate::domain::assessment::level::{LevelBand, OverallRule};
use crate::domain::assessment::text::Text;
use serde::{Deserialize, Serialize};

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

// Bins are read as written and kept as they are once checked, so the validated model shares them with the raw shape.

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
