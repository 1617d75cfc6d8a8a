//! Reading records into a tally: each record reduced to what the tally keeps (prepared, on any thread), then
//! admitted in input order, once per assessment.
use super::{Admission, Map, TallyContext};
use crate::domain::advice::recommend::{matching_positions, matching_shown};
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::level::Level;
use crate::domain::assessment::questionnaire::{QuestionKind, Questionnaire};
use crate::domain::assessment::scoring::Assessment;
use crate::domain::assessment::text::IdText;
use crate::domain::province::support::{Assessed, Dated};
use crate::domain::records::profile::SectorGroup;
use crate::domain::records::result_file::{ResultFile, ResultStatus};
use crate::domain::records::size::{SizeCategory, SizeClass, SizeResult};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A size category's position in [`SizeCategory::ALL`], as a summary keeps it (one byte on the wire).
pub(super) fn size_index(s: &SizeResult) -> u8 {
    let c = SizeCategory::of(s);
    SizeCategory::ALL
        .iter()
        .position(|x| *x == c)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(0)
}

/// The size category at a position in [`SizeCategory::ALL`].
pub(super) fn size_category(i: u8) -> SizeCategory {
    SizeCategory::ALL
        .get(usize::from(i))
        .copied()
        .unwrap_or(SizeCategory::Unknown)
}

/// What the tally keeps of one completed record: small, so a million records fit in memory. It crosses from the
/// workers that prepare records to the one that merges them, hence the short names on the wire.
#[derive(Serialize, Deserialize)]
pub(super) struct Summary {
    /// The 10-digit enterprise tax code as a number (10 digits, so numbers order as the codes do).
    #[serde(rename = "t")]
    pub(super) tax: Option<u64>,
    #[serde(rename = "w")]
    pub(super) when: IdText,
    /// [`crate::domain::records::draft::Uuid::key`].
    #[serde(rename = "a")]
    pub(super) assessment: u128,
    #[serde(rename = "q")]
    pub(super) questionnaire: usize,
    #[serde(rename = "l")]
    pub(super) level: Level,
    #[serde(rename = "p")]
    pub(super) permille: u32,
    #[serde(rename = "d")]
    pub(super) dims: Vec<(u32, Level)>,
    #[serde(rename = "n")]
    pub(super) name: IdText,
    #[serde(rename = "pr")]
    pub(super) province: IdText,
    #[serde(rename = "c")]
    pub(super) commune: IdText,
    #[serde(rename = "s")]
    pub(super) sector: Option<SectorGroup>,
    /// Position in [`SizeCategory::ALL`].
    #[serde(rename = "z")]
    pub(super) size: u8,
    #[serde(rename = "g")]
    pub(super) programmes: Vec<u16>,
    #[serde(rename = "b")]
    pub(super) barriers: Vec<IdText>,
}

/// One record reduced to what the tally keeps, ready to be [admitted](TallyBuilder::admit). Preparing is the
/// costly part (size class, programme matching) and needs only the context, so it can run on several threads while
/// the records are admitted in file order (in the browser: on several workers, the prepared records then handed to
/// one that admits them).
#[derive(Serialize, Deserialize)]
pub struct Prepared {
    /// [`crate::domain::records::draft::Uuid::key`].
    #[serde(rename = "a")]
    pub(super) assessment: u128,
    /// `None` for a draft.
    #[serde(rename = "s")]
    pub(super) summary: Option<Summary>,
}

/// Builds a tally one record at a time (`add`, or `prepare` then `admit`), then `finish`es it. Records are
/// checked before they get here.
pub struct TallyBuilder<'a> {
    pub(super) ctx: &'a TallyContext<'a>,
    pub(super) records: u32,
    pub(super) drafts: u32,
    pub(super) repeated: u32,
    pub(super) summaries: Vec<Summary>,
    /// Each assessment read so far: `None` while only a draft was seen, else its summary's index.
    pub(super) seen: Map<u128, Option<usize>>,
}

impl<'a> TallyBuilder<'a> {
    /// An empty tally.
    pub fn new(ctx: &'a TallyContext<'a>) -> Self {
        TallyBuilder {
            ctx,
            records: 0,
            drafts: 0,
            repeated: 0,
            summaries: Vec::new(),
            seen: Map::default(),
        }
    }

    /// Makes room for about `records` more records at once, so that a large tally does not grow its tables (and
    /// rehash its ids) step by step.
    pub fn reserve(&mut self, records: usize) {
        self.summaries.reserve(records);
        self.seen.reserve(records);
    }

    /// Adds one checked record with its recomputed assessment.
    pub fn add(&mut self, r: &ResultFile, q: &Questionnaire, a: &Assessment) {
        let prepared = Self::prepare(self.ctx, r, q, a);
        self.admit(prepared);
    }

    /// Reduces one checked record to what the tally keeps.
    pub fn prepare(
        ctx: &TallyContext<'_>,
        r: &ResultFile,
        q: &Questionnaire,
        a: &Assessment,
    ) -> Prepared {
        Self::prepare_shown(ctx, r, q, a, None)
    }

    /// As [`TallyBuilder::prepare`], with the answers the questionnaire's conditions see when the check gave them
    /// (see `ResultFile::check_shown`; `None`: found here).
    pub fn prepare_shown(
        ctx: &TallyContext<'_>,
        r: &ResultFile,
        q: &Questionnaire,
        a: &Assessment,
        shown: Option<&[Option<&Answer>]>,
    ) -> Prepared {
        let assessment = r.assessment_id.key();
        Prepared {
            assessment,
            summary: (r.status == ResultStatus::Completed)
                .then(|| summarise(ctx, r, q, a, shown, assessment)),
        }
    }

    /// Adds a prepared record. An assessment already read counts once, in its latest state: a completed copy
    /// beats a draft, and of two completed copies the later one wins (the first read on a tie).
    pub fn admit(&mut self, p: Prepared) -> Admission {
        self.records += 1;
        match (self.seen.get(&p.assessment).copied(), p.summary) {
            (None, None) => {
                self.drafts += 1;
                self.seen.insert(p.assessment, None);
                Admission::New
            }
            (None, Some(s)) => {
                self.seen.insert(p.assessment, Some(self.summaries.len()));
                self.summaries.push(s);
                Admission::New
            }
            // A draft again: nothing changes.
            (Some(_), None) => {
                self.repeated += 1;
                Admission::AlreadyThere
            }
            // The draft read before is now completed.
            (Some(None), Some(s)) => {
                self.repeated += 1;
                self.drafts -= 1;
                self.seen.insert(p.assessment, Some(self.summaries.len()));
                self.summaries.push(s);
                Admission::Updated
            }
            // Another copy of a completed one: the later replaces the one kept.
            (Some(Some(i)), Some(s)) => {
                self.repeated += 1;
                if s.when > self.summaries[i].when {
                    self.summaries[i] = s;
                    Admission::Updated
                } else {
                    Admission::AlreadyThere
                }
            }
        }
    }
}

impl TallyBuilder<'_> {
    /// What the results say of each enterprise with a valid tax code, for a support register's flags and measures
    /// (`domain::province::support`): every completed assessment counted (each once, in its latest state) with its
    /// day and overall level, and the size class of the latest.
    pub fn assessed(&self) -> BTreeMap<String, Assessed> {
        assessed_of(self.ctx, &self.summaries)
    }
}

/// [`TallyBuilder::assessed`] of the summaries kept (also read after the figures, from [`super::Lines`]).
pub(super) fn assessed_of(
    ctx: &TallyContext<'_>,
    summaries: &[Summary],
) -> BTreeMap<String, Assessed> {
    let mut out: BTreeMap<String, (Assessed, &str)> = BTreeMap::new();
    for s in summaries {
        let Some(tax) = s.tax else { continue };
        let when: &str = s.when.as_ref();
        let (facts, latest) = out
            .entry(format!("{tax:010}"))
            .or_insert_with(|| (Assessed::default(), ""));
        facts.assessments.push(Dated {
            day: when.get(..10).unwrap_or(when).to_string(),
            questionnaire: ctx
                .questionnaires
                .get(s.questionnaire)
                .map(|q| q.id.to_string())
                .unwrap_or_default(),
            level: s.level,
        });
        if when >= *latest {
            *latest = when;
            facts.size = match size_category(s.size) {
                SizeCategory::Micro => Some(SizeClass::Micro),
                SizeCategory::Small => Some(SizeClass::Small),
                SizeCategory::Medium => Some(SizeClass::Medium),
                SizeCategory::Unknown | SizeCategory::Household | SizeCategory::AboveMedium => None,
            };
            facts.programmes = s
                .programmes
                .iter()
                .filter_map(|&p| ctx.programmes.programmes.get(usize::from(p)))
                .map(|p| p.id.clone())
                .collect();
        }
    }
    out.into_iter().map(|(k, (a, _))| (k, a)).collect()
}

/// What the tally keeps of a completed record, whose assessment id has the key `assessment`.
fn summarise(
    ctx: &TallyContext<'_>,
    r: &ResultFile,
    q: &Questionnaire,
    a: &Assessment,
    shown: Option<&[Option<&Answer>]>,
    assessment: u128,
) -> Summary {
    let p = &r.profile;
    let size = ctx.sizes.classify(p);
    // Programmes that have ended are history, not support an enterprise can apply for; drafts are not law.
    let programmes = match shown {
        Some(shown) => matching_shown(ctx.programmes, q, shown, a, p, &size),
        None => matching_positions(ctx.programmes, q, &r.answers, a, p, &size),
    };
    let mut barriers = Vec::new();
    // Multi-choice first: most questions are not, and their topic need not be compared.
    for question in q.questions.iter().filter(|x| {
        matches!(x.kind, QuestionKind::Multi { .. }) && x.topic.as_deref() == Some("barriers")
    }) {
        if let (QuestionKind::Multi { options }, Some(Answer::Multi(ids))) =
            (&question.kind, r.answers.get(&question.id))
        {
            barriers.extend(
                ids.iter()
                    .filter(|id| options.iter().any(|o| &o.id == *id && !o.exclusive))
                    .map(|id| IdText::from(id.as_str())),
            );
        }
    }
    Summary {
        tax: crate::domain::records::profile::TaxCode::enterprise_key(&p.tax_code).ok(),
        when: super::when(r).into(),
        assessment,
        questionnaire: ctx
            .questionnaires
            .iter()
            .position(|x| x.id == q.id)
            .unwrap_or(0),
        level: r.scores.overall.level.min(5),
        permille: r.scores.overall.share_permille,
        dims: r
            .scores
            .dimensions
            .iter()
            .map(|d| (d.score.share_permille, d.score.level.min(5)))
            .collect(),
        name: p.name.as_str().into(),
        province: p.province.as_deref().unwrap_or_default().into(),
        commune: p.commune.trim().into(),
        sector: p.sector,
        size: size_index(&size),
        programmes,
        barriers,
    }
}
