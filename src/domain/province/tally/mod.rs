//! The province tally: from many checked result records to the figures a province reports against its target.
//!
//! Counting rules (documented in `docs/tally.md`):
//! - only completed assessments count; drafts are reported apart;
//! - an assessment is its `assessment_id`: read twice (the same file in two places, a bundle and the files it was
//!   built from, a draft and its completed copy) it counts once, in its latest state;
//! - an enterprise is its 10-digit tax code (a branch counts with its parent); its latest completed assessment is
//!   the one counted, earlier ones are its history (T0 → T1);
//! - records without a valid tax code cannot be deduplicated: they are shown apart and not counted toward the
//!   target, but they are included in the distributions;
//! - "improved" means a later completed assessment of the same questionnaire has a higher overall level.
use crate::domain::advice::recommend::Programmes;
use crate::domain::assessment::level::{LEVELS, Level};
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::scoring::Assessment;
use crate::domain::assessment::text::{DimensionId, QuestionnaireId};
use crate::domain::records::result_file::ResultFile;
use crate::domain::records::size::{SizeCategory, SizeRules};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod builder;
mod figures;
mod keys;
mod lines;
mod sheets;

pub use builder::{Prepared, TallyBuilder};
pub use keys::{Commune, Sector};
pub use lines::Lines;
pub use sheets::{breakdowns, enterprise_sheet, sheets, sheets_csv};

/// The hash maps a tally fills, a few per record: where the command line tallies (`fast-json`, which brings it)
/// aHash, keyed at random for each run like the standard library's maps (so a file made to collide still does not
/// slow a tally) and several times cheaper per key than SipHash; the standard library's elsewhere.
#[cfg(feature = "fast-json")]
pub(crate) type Map<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
/// See the command line's [`Map`].
#[cfg(not(feature = "fast-json"))]
pub(crate) type Map<K, V> = std::collections::HashMap<K, V>;

/// Counts by level 0–5.
pub type Levels = [u32; LEVELS];

/// A dimension's figures across the counted enterprises.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimStat {
    /// The questionnaire.
    pub questionnaire: QuestionnaireId,
    /// The dimension.
    pub dimension: DimensionId,
    /// How many assessments.
    pub n: u32,
    /// The mean share, in tenths of a percent (rounded half up).
    pub mean_permille: u32,
    /// Counts by level.
    pub levels: Levels,
}

/// One enterprise in the tally's table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseLine {
    /// The tax code, or empty.
    pub tax_code: String,
    /// Name.
    pub name: String,
    /// Province code.
    pub province: String,
    /// Commune or ward.
    pub commune: String,
    /// Sector group.
    pub sector: Sector,
    /// Size category.
    pub size: SizeCategory,
    /// Questionnaire of the counted assessment.
    pub questionnaire: QuestionnaireId,
    /// When it was completed (RFC 3339).
    pub completed_at: String,
    /// Overall level.
    pub level: Level,
    /// Overall share, tenths of a percent.
    pub permille: u32,
    /// Completed assessments of this enterprise.
    pub assessments: u32,
    /// Whether a later assessment improved the level (T0 → T1).
    pub improved: bool,
}

/// Every figure of the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Tally {
    /// The target (enterprises).
    pub target: u32,
    /// Records that passed the checks.
    pub records: u32,
    /// Records that repeat an assessment already read (same `assessment_id`): each assessment counts once, in
    /// its latest state.
    #[serde(default)]
    pub repeated: u32,
    /// Distinct assessments still in draft (not counted).
    pub drafts: u32,
    /// Enterprises counted toward the target (distinct tax codes with a completed assessment).
    pub counted: u32,
    /// Completed records without a valid tax code (not counted toward the target).
    pub without_tax_code: u32,
    /// Completed records merged into an enterprise counted once.
    pub merged: u32,
    /// Enterprises with more than one completed assessment.
    pub reassessed: u32,
    /// Of those, enterprises whose level rose.
    pub improved: u32,
    /// The counted population (counted enterprises and records without tax code) by overall level.
    pub by_level: Levels,
    /// By questionnaire.
    pub by_questionnaire: BTreeMap<QuestionnaireId, Levels>,
    /// By sector group.
    pub by_sector: BTreeMap<Sector, Levels>,
    /// By size category.
    pub by_size: BTreeMap<SizeCategory, Levels>,
    /// By province code ("" when not given).
    pub by_province: BTreeMap<String, Levels>,
    /// By province code and commune, written "86 / Xã …".
    pub by_commune: BTreeMap<Commune, Levels>,
    /// By month of completion, "2026-11".
    pub by_month: BTreeMap<String, Levels>,
    /// Per dimension of each questionnaire.
    pub dimensions: Vec<DimStat>,
    /// Programmes matched (in force or to check), most often first.
    pub programmes: Vec<(String, u32)>,
    /// Barriers chosen (questions with topic `barriers`), most often first.
    pub barriers: Vec<(String, u32)>,
    /// Anonymised percentiles by questionnaire, sector group and size class (cells of at least
    /// [`crate::domain::province::benchmark::MIN_CELL`] enterprises only).
    pub benchmark: Vec<crate::domain::province::benchmark::Cell>,
    /// One line per member of the population, in tax-code order. Last, so that a reader of a large tally's JSON
    /// meets every figure before the list.
    pub enterprises: Vec<EnterpriseLine>,
}

/// What the tally needs besides the records.
pub struct TallyContext<'a> {
    /// The questionnaires.
    pub questionnaires: &'a [&'a Questionnaire],
    /// SME size rules.
    pub sizes: &'a SizeRules,
    /// Programme catalogue.
    pub programmes: &'a Programmes,
    /// The target.
    pub target: u32,
}

/// What admitting one record did: it is the first copy of its assessment, the same state as (or an earlier state
/// than) a copy already read, or a later state that replaced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Admission {
    /// The first copy of its assessment.
    New,
    /// A copy of an assessment already read, in the same or an earlier state: the figures did not change.
    AlreadyThere,
    /// A later state of an assessment already read (completed after a draft, or completed later).
    Updated,
}

/// When a record's state was: completed, or else written.
fn when(r: &ResultFile) -> &str {
    r.completed_at.as_deref().unwrap_or(&r.exported_at)
}

impl Tally {
    /// Tallies checked records (recomputing each assessment).
    pub fn compute(records: &[ResultFile], ctx: &TallyContext<'_>) -> Tally {
        let mut b = TallyBuilder::new(ctx);
        for r in records {
            if let Some(q) = ctx
                .questionnaires
                .iter()
                .find(|q| q.id == r.questionnaire.id)
            {
                b.add(r, q, &Assessment::compute(q, &r.answers));
            }
        }
        b.finish()
    }
}
