//! The validated questionnaire: types that hold only what passed every check, and their read-only lookups.
use super::raw::{BinStatus, Bins, NaPolicy, SourceRef};
use crate::domain::assessment::expr::Expr;
use crate::domain::assessment::level::{LevelTable, OverallRule};
use crate::domain::assessment::order::map_of;
use crate::domain::assessment::text::{DimensionId, OptionId, QuestionId, QuestionnaireId, Text};
use serde::Serialize;

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

/// A question's type, as named by `type` in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionType {
    /// `single`: one option.
    Single,
    /// `multi`: several options.
    Multi,
    /// `number`: a number, binned.
    Number,
    /// `ratio`: a part of a whole, binned on its percentage.
    Ratio,
}

impl QuestionType {
    /// The type named so in the file, if any.
    pub fn from_name(name: &str) -> Option<QuestionType> {
        match name {
            "single" => Some(QuestionType::Single),
            "multi" => Some(QuestionType::Multi),
            "number" => Some(QuestionType::Number),
            "ratio" => Some(QuestionType::Ratio),
            _ => None,
        }
    }

    /// The type's name as in the file.
    pub fn name(self) -> &'static str {
        match self {
            QuestionType::Single => "single",
            QuestionType::Multi => "multi",
            QuestionType::Number => "number",
            QuestionType::Ratio => "ratio",
        }
    }
}

impl std::fmt::Display for QuestionType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl QuestionKind {
    /// The kind's type.
    pub fn question_type(&self) -> QuestionType {
        match self {
            QuestionKind::Single { .. } => QuestionType::Single,
            QuestionKind::Multi { .. } => QuestionType::Multi,
            QuestionKind::Number { .. } => QuestionType::Number,
            QuestionKind::Ratio { .. } => QuestionType::Ratio,
        }
    }

    /// The kind's name as in the file.
    pub fn name(&self) -> &'static str {
        self.question_type().name()
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
    /// Each option's id as a [`short_key`], in option order ([`NO_KEY`] for a longer id), so that finding an
    /// answer's option compares numbers rather than texts.
    #[serde(skip)]
    pub(super) option_keys: Vec<u128>,
}

/// Stands for "no key" where keys are stored without an `Option`: no text has it (its length byte would be 255).
pub const NO_KEY: u128 = u128::MAX;

/// The bytes of a text of at most 15 bytes, and its length, in one number: two such texts are equal exactly when
/// their keys are, and order as their keys do (the bytes from the most significant down, zeros after the text, the
/// length last: of two texts equal but for zeros after the shorter, the shorter comes first, as text order has it).
/// `None` for a longer text.
///
/// Only the builds that tally (the tally worker, the command line, with `fast-json` the tests and the fuzzer) make
/// keys: the app's first load, which scores one sheet at a time, compares texts, as it does for longer ids, and does
/// not carry the code.
#[cfg(any(feature = "worker", feature = "fast-json"))]
pub fn short_key(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    if b.len() > 15 {
        return None;
    }
    // Fixed-size big-endian loads, overlapping where the text is shorter than two of them, shifted into place: no
    // loop over the bytes and no call to memcpy (this runs for every answer of every record a tally reads). Two
    // halves of 64 bits: bytes 0 to 7, then bytes 8 to 14 and the length.
    let n = b.len();
    let u64_at = |at: usize| {
        b.get(at..at + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .map_or(0, u64::from_be_bytes)
    };
    let u32_at = |at: usize| {
        b.get(at..at + 4)
            .and_then(|w| <[u8; 4]>::try_from(w).ok())
            .map_or(0, |w| u64::from(u32::from_be_bytes(w)))
    };
    let byte = |at: usize| b.get(at).map_or(0, |c| u64::from(*c));
    let hi = match n {
        0 => 0,
        // Bytes 0, 1 and 2 (those past the end read as zero).
        1..=3 => byte(0) << 56 | byte(1) << 48 | byte(2) << 40,
        // Bytes 0 to 3, and bytes n-4 to n-1 with the last at position n-1.
        4..=7 => u32_at(0) << 32 | u32_at(n - 4) << (8 * (8 - n)),
        _ => u64_at(0),
    };
    // Bytes n-8 to n-1 with the last at position n-9 of the low half (those before byte 8 are shifted out).
    let lo = if n > 8 {
        u64_at(n - 8) << (8 * (16 - n))
    } else {
        0
    } | n as u64;
    Some(u128::from(hi) << 64 | u128::from(lo))
}

/// See the tallying builds' [`short_key`]: no key, so texts are compared.
#[cfg(not(any(feature = "worker", feature = "fast-json")))]
pub fn short_key(_: &str) -> Option<u128> {
    None
}

impl Question {
    /// The option with this id, for choice questions.
    pub fn option(&self, id: &OptionId) -> Option<&ChoiceOption> {
        // Looked up twice for every answer of every record a tally reads: numbers compared, not texts.
        let options = self.kind.options();
        match short_key(id.as_str()) {
            // Equal keys are equal texts; an option whose id is longer has no key and cannot match. (Keys made
            // for other options, should `kind` have been changed after validation, are not used.)
            Some(want) if self.option_keys.len() == options.len() => self
                .option_keys
                .iter()
                .position(|k| *k == want)
                .and_then(|i| options.get(i)),
            _ => options.iter().find(|o| o.id == *id),
        }
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
    /// Each question id's [`short_key`] (`None` for a longer id, and in the builds that make no keys) with its
    /// position, in id order: a walk beside a sheet, and the lookup of a longer id, compare numbers where both ids
    /// have keys and texts otherwise ([`Questionnaire::cmp_entry`]). Imports and programme triggers look questions
    /// up for every record a tally reads.
    #[serde(skip)]
    pub(super) by_id: Vec<(Option<u128>, usize)>,
    /// The entries of `by_id` that have a key, without the `Option`: [`Questionnaire::position`] of a short id
    /// searches numbers alone (a third fewer instructions than searching `by_id`, on a path taken several times per
    /// record of a tally).
    #[serde(skip)]
    pub(super) keys: Vec<(u128, usize)>,
    /// Each question's dimension, as a position in `dimensions`.
    #[serde(skip)]
    pub(super) dim_of: Vec<usize>,
}

impl Questionnaire {
    /// Fills the lookups from the questions and dimensions, once they are checked.
    pub(super) fn build_index(&mut self) {
        let index = map_of(
            self.questions
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.as_str(), i)),
        );
        self.by_id = index
            .into_iter()
            .map(|(id, i)| (short_key(id), i))
            .collect();
        // In id order, so in key order too.
        self.keys = self
            .by_id
            .iter()
            .filter_map(|(k, i)| Some(((*k)?, *i)))
            .collect();
        self.dim_of = self
            .questions
            .iter()
            .map(|x| {
                self.dimensions
                    .iter()
                    .position(|d| d.id == x.dimension)
                    .unwrap_or(0)
            })
            .collect();
    }

    /// The question with this id.
    pub fn question(&self, id: &QuestionId) -> Option<&Question> {
        self.position(id).and_then(|i| self.questions.get(i))
    }

    /// The index of a question in order.
    pub fn position(&self, id: &QuestionId) -> Option<usize> {
        match short_key(id.as_str()) {
            // A short id is never equal to a long one, which has no key.
            Some(k) => self
                .keys
                .binary_search_by_key(&k, |e| e.0)
                .ok()
                .and_then(|i| self.keys.get(i))
                .map(|e| e.1),
            None => self
                .by_id
                .binary_search_by(|e| self.cmp_entry(*e, None, id))
                .ok()
                .and_then(|i| self.by_id.get(i))
                .map(|e| e.1),
        }
    }

    /// How an entry of [`Questionnaire::keys_by_id`] orders against the question id `id`, whose key is `key`: by
    /// keys where both have one (keys order as their texts do), else by texts.
    pub fn cmp_entry(
        &self,
        (k, pos): (Option<u128>, usize),
        key: Option<u128>,
        id: &QuestionId,
    ) -> std::cmp::Ordering {
        match (k, key) {
            (Some(k), Some(key)) => k.cmp(&key),
            _ => self
                .questions
                .get(pos)
                .map_or(std::cmp::Ordering::Less, |x| x.id.cmp(id)),
        }
    }

    /// Every question id's [`short_key`] (`None` for a longer id) with its position, in id order: walking a sheet
    /// beside it compares numbers rather than texts (see `AnswerSheet::resolved`).
    pub fn keys_by_id(&self) -> &[(Option<u128>, usize)] {
        &self.by_id
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
