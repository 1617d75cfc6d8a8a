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
use crate::domain::advice::recommend::{Programmes, matching_positions};
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::level::Level;
use crate::domain::assessment::questionnaire::{QuestionKind, Questionnaire};
use crate::domain::assessment::scoring::Assessment;
use crate::domain::assessment::text::IdText;
use crate::domain::records::profile::SectorGroup;
use crate::domain::records::result_file::{ResultFile, ResultStatus};
use crate::domain::records::size::{SizeClass, SizeResult, SizeRules};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

/// Counts by level 0–5.
pub type Levels = [u32; 6];

/// A dimension's figures across the counted enterprises.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimStat {
    /// The questionnaire.
    pub questionnaire: String,
    /// The dimension.
    pub dimension: String,
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
    /// Sector group code.
    pub sector: String,
    /// Size class code.
    pub size: String,
    /// Questionnaire of the counted assessment.
    pub questionnaire: String,
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
    pub by_questionnaire: BTreeMap<String, Levels>,
    /// By sector group ("" when not given).
    pub by_sector: BTreeMap<String, Levels>,
    /// By size class.
    pub by_size: BTreeMap<String, Levels>,
    /// By province code.
    pub by_province: BTreeMap<String, Levels>,
    /// By province code and commune, "86 / Xã …".
    pub by_commune: BTreeMap<String, Levels>,
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

fn when(r: &ResultFile) -> &str {
    r.completed_at.as_deref().unwrap_or(&r.exported_at)
}

/// The size class codes a summary can hold ("" when the profile does not say enough).
const SIZE_CODES: [&str; 6] = ["", "micro", "small", "medium", "household", "above_medium"];

/// A size result's position in [`SIZE_CODES`].
fn size_index(s: &SizeResult) -> u8 {
    match s {
        SizeResult::Class { class, .. } => match class {
            SizeClass::Micro => 1,
            SizeClass::Small => 2,
            SizeClass::Medium => 3,
        },
        SizeResult::Household => 4,
        SizeResult::AboveMedium => 5,
        SizeResult::NotEnoughData(_) => 0,
    }
}

/// A sector group's code ("" when not given).
fn sector_code(s: Option<SectorGroup>) -> &'static str {
    s.map_or("", SectorGroup::code)
}

/// A size class code by its position in [`SIZE_CODES`].
fn size_str(i: u8) -> &'static str {
    SIZE_CODES.get(usize::from(i)).copied().unwrap_or("")
}

/// What the tally keeps of one completed record: small, so a million records fit in memory. It crosses from the
/// workers that prepare records to the one that merges them, hence the short names on the wire.
#[derive(Serialize, Deserialize)]
struct Summary {
    /// The 10-digit enterprise tax code as a number (10 digits, so numbers order as the codes do).
    #[serde(rename = "t")]
    tax: Option<u64>,
    #[serde(rename = "w")]
    when: IdText,
    /// [`crate::domain::records::draft::Uuid::key`].
    #[serde(rename = "a")]
    assessment: u128,
    #[serde(rename = "q")]
    questionnaire: usize,
    #[serde(rename = "l")]
    level: Level,
    #[serde(rename = "p")]
    permille: u32,
    #[serde(rename = "d")]
    dims: Vec<(u32, Level)>,
    #[serde(rename = "n")]
    name: IdText,
    #[serde(rename = "pr")]
    province: IdText,
    #[serde(rename = "c")]
    commune: IdText,
    #[serde(rename = "s")]
    sector: Option<SectorGroup>,
    /// Position in [`SIZE_CODES`].
    #[serde(rename = "z")]
    size: u8,
    #[serde(rename = "g")]
    programmes: Vec<u16>,
    #[serde(rename = "b")]
    barriers: Vec<IdText>,
}

/// One record reduced to what the tally keeps, ready to be [admitted](TallyBuilder::admit). Preparing is the
/// costly part (size class, programme matching) and needs only the context, so it can run on several threads while
/// the records are admitted in file order (in the browser: on several workers, the prepared records then handed to
/// one that admits them).
#[derive(Serialize, Deserialize)]
pub struct Prepared {
    /// [`crate::domain::records::draft::Uuid::key`].
    #[serde(rename = "a")]
    assessment: u128,
    /// `None` for a draft.
    #[serde(rename = "s")]
    summary: Option<Summary>,
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

/// Builds a tally one record at a time (`add`, or `prepare` then `admit`), then `finish`es it. Records are
/// checked before they get here.
pub struct TallyBuilder<'a> {
    ctx: &'a TallyContext<'a>,
    records: u32,
    drafts: u32,
    repeated: u32,
    summaries: Vec<Summary>,
    /// Each assessment read so far: `None` while only a draft was seen, else its summary's index.
    seen: HashMap<u128, Option<usize>>,
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
            seen: HashMap::new(),
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
        Prepared {
            assessment: r.assessment_id.key(),
            summary: (r.status == ResultStatus::Completed).then(|| summarise(ctx, r, q, a)),
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

fn summarise(ctx: &TallyContext<'_>, r: &ResultFile, q: &Questionnaire, a: &Assessment) -> Summary {
    let p = &r.profile;
    let size = ctx.sizes.classify(p);
    // Programmes that have ended are history, not support an enterprise can apply for; drafts are not law.
    let programmes = matching_positions(ctx.programmes, q, &r.answers, a, p, &size);
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
        when: when(r).into(),
        assessment: r.assessment_id.key(),
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

/// Runs `side` and `main`, and gives what `side` made: natively on two threads when `big`, otherwise (and always
/// in the browser, whose tally worker has no threads) one after the other.
fn beside<S: Send>(big: bool, side: impl FnOnce() -> S + Send, main: impl FnOnce()) -> S {
    #[cfg(not(target_arch = "wasm32"))]
    if big {
        return std::thread::scope(|scope| {
            let side = scope.spawn(side);
            main();
            side.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
    }
    #[cfg(target_arch = "wasm32")]
    let _ = big;
    main();
    side()
}

/// Counts one member of the population in a breakdown.
fn bump<K: Hash + Eq>(m: &mut HashMap<K, Levels>, key: K, level: usize) {
    m.entry(key).or_insert([0; 6])[level] += 1;
}

/// A breakdown with its keys as text, in order; keys that read the same are added together.
fn ordered<K>(m: HashMap<K, Levels>, text: impl Fn(&K) -> String) -> BTreeMap<String, Levels> {
    let mut out: BTreeMap<String, Levels> = BTreeMap::new();
    for (k, levels) in m {
        let sum = out.entry(text(&k)).or_insert([0; 6]);
        for (s, n) in sum.iter_mut().zip(levels) {
            *s += n;
        }
    }
    out
}

/// The enterprise list of a tally, built apart from the figures ([`TallyBuilder::finish_figures`]) so that a
/// dashboard can show the figures first.
pub struct Lines {
    summaries: Vec<Summary>,
    /// Each member of the population: its summary, its completed assessments, whether it improved.
    population: Vec<(usize, u32, bool)>,
    qids: Vec<String>,
}

impl Lines {
    /// One line per member of the population, in tax-code order (records without a tax code last).
    pub fn build(self) -> Vec<EnterpriseLine> {
        (0..self.len()).filter_map(|k| self.line(k)).collect()
    }

    /// How many lines [`Lines::build`] gives.
    pub fn len(&self) -> usize {
        self.population.len()
    }

    /// Whether the population is empty.
    pub fn is_empty(&self) -> bool {
        self.population.is_empty()
    }

    /// Line `k` of [`Lines::build`] (so that several threads can write parts of a long list at once).
    pub fn line(&self, k: usize) -> Option<EnterpriseLine> {
        let &(i, assessments, improved) = self.population.get(k)?;
        let s = self.summaries.get(i)?;
        let qids = &self.qids;
        Some(EnterpriseLine {
            tax_code: s.tax.map(|t| format!("{t:010}")).unwrap_or_default(),
            name: s.name.to_string(),
            province: s.province.to_string(),
            commune: s.commune.to_string(),
            sector: sector_code(s.sector).to_string(),
            size: size_str(s.size).to_string(),
            questionnaire: qids.get(s.questionnaire).cloned().unwrap_or_default(),
            completed_at: s.when.to_string(),
            level: s.level,
            permille: s.permille,
            assessments,
            improved,
        })
    }
}

impl TallyBuilder<'_> {
    /// Deduplicates by tax code and computes every figure and the enterprise list.
    pub fn finish(self) -> Tally {
        let (mut t, lines) = self.finish_figures();
        t.enterprises = lines.build();
        t
    }

    /// Deduplicates by tax code and computes every figure; the enterprise list (`enterprises`, left empty) comes
    /// from the returned [`Lines`].
    pub fn finish_figures(self) -> (Tally, Lines) {
        let ctx = self.ctx;
        let mut t = Tally {
            target: ctx.target,
            records: self.records,
            repeated: self.repeated,
            drafts: self.drafts,
            ..Tally::default()
        };
        let summaries = self.summaries;
        // Grouped by tax code with one sort (each enterprise's assessments oldest first) rather than a map of lists;
        // the tax code rides along so that most comparisons need not look at the summaries.
        let mut taxed: Vec<(u64, usize)> = Vec::with_capacity(summaries.len());
        let mut untaxed: Vec<usize> = Vec::new();
        for (i, s) in summaries.iter().enumerate() {
            match s.tax {
                Some(tax) => taxed.push((tax, i)),
                None => untaxed.push(i),
            }
        }
        taxed.sort_unstable_by(|(ta, a), (tb, b)| {
            ta.cmp(tb).then_with(|| {
                let (a, b) = (&summaries[*a], &summaries[*b]);
                a.when
                    .cmp(&b.when)
                    .then_with(|| a.assessment.cmp(&b.assessment))
            })
        });
        t.without_tax_code = u32::try_from(untaxed.len()).unwrap_or(u32::MAX);
        let mut population: Vec<(usize, u32, bool)> =
            Vec::with_capacity(taxed.len() + untaxed.len());
        for list in taxed.chunk_by(|a, b| a.0 == b.0) {
            t.counted += 1;
            t.merged += u32::try_from(list.len() - 1).unwrap_or(0);
            let latest = list[list.len() - 1].1;
            let earliest = list
                .iter()
                .map(|(_, i)| *i)
                .find(|i| summaries[*i].questionnaire == summaries[latest].questionnaire)
                .unwrap_or(latest);
            let improved =
                earliest != latest && summaries[latest].level > summaries[earliest].level;
            if list.len() > 1 {
                t.reassessed += 1;
                t.improved += u32::from(improved);
            }
            population.push((
                latest,
                u32::try_from(list.len()).unwrap_or(u32::MAX),
                improved,
            ));
        }
        population.extend(untaxed.iter().map(|i| (*i, 1, false)));

        let qids: Vec<String> = ctx
            .questionnaires
            .iter()
            .map(|q| q.id.to_string())
            .collect();
        // Counted in hash maps keyed by borrowed text, ordered once at the end.
        let mut by_questionnaire: HashMap<usize, Levels> = HashMap::new();
        let mut by_sector: HashMap<&str, Levels> = HashMap::new();
        let mut by_size: HashMap<u8, Levels> = HashMap::new();
        let mut by_province: HashMap<&str, Levels> = HashMap::new();
        let mut by_commune: HashMap<(&str, &str), Levels> = HashMap::new();
        let mut by_month: HashMap<&str, Levels> = HashMap::new();
        // Per questionnaire, per dimension: the permille sum, the count and the levels.
        let mut dims: Vec<Vec<(u64, u32, Levels)>> = ctx
            .questionnaires
            .iter()
            .map(|q| vec![(0, 0, [0; 6]); q.dimensions.len()])
            .collect();
        let mut programmes = vec![0u32; ctx.programmes.programmes.len()];
        let mut barriers: HashMap<&str, u32> = HashMap::new();
        // The figures do not depend on the order: the summaries are visited in memory order, which is several
        // times faster on a million of them than in tax-code order.
        let mut members: Vec<usize> = population.iter().map(|(i, _, _)| *i).collect();
        members.sort_unstable();
        let members = &members;
        // The benchmark's percentiles (a third of this step on a million records) beside the counting.
        let benchmark = || {
            let cells = members.iter().map(|i| {
                let s = &summaries[*i];
                let q = ctx.questionnaires.get(s.questionnaire);
                let dims: Vec<(&str, u32)> = q
                    .map(|q| {
                        q.dimensions
                            .iter()
                            .zip(&s.dims)
                            .map(|(d, (p, _))| (d.id.as_str(), *p))
                            .collect()
                    })
                    .unwrap_or_default();
                (
                    q.map_or("", |q| q.id.as_str()),
                    sector_code(s.sector),
                    size_str(s.size),
                    s.permille,
                    dims,
                )
            });
            crate::domain::province::benchmark::cells(cells)
        };
        t.benchmark = beside(members.len() >= 100_000, benchmark, || {
            for i in members {
                let s = &summaries[*i];
                let level = usize::from(s.level);
                t.by_level[level] += 1;
                bump(&mut by_questionnaire, s.questionnaire, level);
                bump(&mut by_sector, sector_code(s.sector), level);
                bump(&mut by_size, s.size, level);
                bump(&mut by_province, s.province.as_str(), level);
                bump(
                    &mut by_commune,
                    (s.province.as_str(), s.commune.as_str()),
                    level,
                );
                bump(&mut by_month, s.when.get(..7).unwrap_or(""), level);
                if let Some(q) = dims.get_mut(s.questionnaire) {
                    for ((permille, l), e) in s.dims.iter().zip(q.iter_mut()) {
                        e.0 += u64::from(*permille);
                        e.1 += 1;
                        e.2[usize::from(*l)] += 1;
                    }
                }
                for p in &s.programmes {
                    if let Some(n) = programmes.get_mut(usize::from(*p)) {
                        *n += 1;
                    }
                }
                for b in &s.barriers {
                    *barriers.entry(b.as_str()).or_insert(0) += 1;
                }
            }
        });
        let qid = |i: usize| qids.get(i).map_or("", String::as_str);
        t.by_questionnaire = ordered(by_questionnaire, |i| qid(*i).to_string());
        t.by_sector = ordered(by_sector, |k| (*k).to_string());
        t.by_size = ordered(by_size, |k| size_str(*k).to_string());
        t.by_province = ordered(by_province, |k| (*k).to_string());
        t.by_commune = ordered(by_commune, |(p, c)| format!("{p} / {c}"));
        t.by_month = ordered(by_month, |k| (*k).to_string());
        let dims = ctx
            .questionnaires
            .iter()
            .zip(dims)
            .flat_map(|(q, per_dim)| {
                q.dimensions
                    .iter()
                    .zip(per_dim)
                    .filter(|(_, (_, n, _))| *n > 0)
                    .map(move |(d, totals)| (q, d, totals))
            });
        for (q, d, (sum, n, levels)) in dims {
            let dimension = d.id.to_string();
            let mean = if n == 0 {
                0
            } else {
                u32::try_from((sum * 2 + u64::from(n)) / (2 * u64::from(n))).unwrap_or(0)
            };
            t.dimensions.push(DimStat {
                questionnaire: q.id.to_string(),
                dimension,
                n,
                mean_permille: mean,
                levels,
            });
        }
        let mut progs: Vec<(String, u32)> = ctx
            .programmes
            .programmes
            .iter()
            .zip(programmes)
            .filter(|(_, n)| *n > 0)
            .map(|(p, n)| (p.id.clone(), n))
            .collect();
        progs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        t.programmes = progs;
        let mut bars: Vec<(String, u32)> = barriers
            .into_iter()
            .map(|(k, n)| (k.to_string(), n))
            .collect();
        bars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        t.barriers = bars;
        (
            t,
            Lines {
                summaries,
                population,
                qids,
            },
        )
    }
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

/// The tally's tables as sheets (for CSV and XLSX): a summary, each breakdown by level, dimension means,
/// programmes and barriers. Column names are stable codes, like the CSV codebook.
pub fn sheets(t: &Tally) -> Vec<crate::domain::records::export::Sheet> {
    use crate::domain::records::export::{Cell, Sheet};
    let num = |n: u32| Cell::Number(f64::from(n));
    let level_cols = || -> Vec<String> {
        let mut c = vec!["key".to_string(), "n".to_string()];
        c.extend((0..6).map(|l| format!("level_{l}")));
        c
    };
    let breakdown = |name: &str, m: &BTreeMap<String, Levels>| Sheet {
        name: name.into(),
        columns: level_cols(),
        rows: m
            .iter()
            .map(|(k, l)| {
                let mut r = vec![Cell::Text(k.clone()), num(l.iter().sum())];
                r.extend(l.iter().map(|n| num(*n)));
                r
            })
            .collect(),
    };
    let summary = Sheet {
        name: "summary".into(),
        columns: vec!["figure".into(), "value".into()],
        rows: [
            ("target", t.target),
            ("counted", t.counted),
            ("records", t.records),
            ("repeated", t.repeated),
            ("drafts", t.drafts),
            ("merged_duplicates", t.merged),
            ("without_tax_code", t.without_tax_code),
            ("reassessed", t.reassessed),
            ("improved", t.improved),
        ]
        .iter()
        .map(|(k, v)| vec![Cell::Text((*k).into()), num(*v)])
        .chain((0..6).map(|l| vec![Cell::Text(format!("level_{l}")), num(t.by_level[l])]))
        .collect(),
    };
    let dims = Sheet {
        name: "dimensions".into(),
        columns: [
            "questionnaire",
            "dimension",
            "n",
            "mean_pct",
            "level_0",
            "level_1",
            "level_2",
            "level_3",
            "level_4",
            "level_5",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect(),
        rows: t
            .dimensions
            .iter()
            .map(|d| {
                let mut r = vec![
                    Cell::Text(d.questionnaire.clone()),
                    Cell::Text(d.dimension.clone()),
                    num(d.n),
                    Cell::Number(f64::from(d.mean_permille) / 10.0),
                ];
                r.extend(d.levels.iter().map(|n| num(*n)));
                r
            })
            .collect(),
    };
    let ranked = |name: &str, v: &[(String, u32)]| Sheet {
        name: name.into(),
        columns: vec!["id".into(), "n".into()],
        rows: v
            .iter()
            .map(|(k, n)| vec![Cell::Text(k.clone()), num(*n)])
            .collect(),
    };
    vec![
        summary,
        breakdown("by_questionnaire", &t.by_questionnaire),
        breakdown("by_sector", &t.by_sector),
        breakdown("by_size", &t.by_size),
        breakdown("by_province", &t.by_province),
        breakdown("by_commune", &t.by_commune),
        breakdown("by_month", &t.by_month),
        dims,
        ranked("programmes", &t.programmes),
        ranked("barriers", &t.barriers),
    ]
}

/// The enterprise list as a sheet.
pub fn enterprise_sheet(lines: &[EnterpriseLine]) -> crate::domain::records::export::Sheet {
    use crate::domain::records::export::{Cell, Sheet};
    Sheet {
        name: "enterprises".into(),
        columns: [
            "tax_code",
            "name",
            "province",
            "commune",
            "sector",
            "size",
            "questionnaire",
            "completed_at",
            "overall_level",
            "overall_pct",
            "assessments",
            "improved",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect(),
        rows: lines
            .iter()
            .map(|e| {
                vec![
                    Cell::Text(e.tax_code.clone()),
                    Cell::Text(e.name.clone()),
                    Cell::Text(e.province.clone()),
                    Cell::Text(e.commune.clone()),
                    Cell::Text(e.sector.clone()),
                    Cell::Text(e.size.clone()),
                    Cell::Text(e.questionnaire.clone()),
                    Cell::Text(e.completed_at.clone()),
                    Cell::Number(f64::from(e.level)),
                    Cell::Number(f64::from(e.permille) / 10.0),
                    Cell::Number(f64::from(e.assessments)),
                    Cell::Text(if e.improved { "1".into() } else { "0".into() }),
                ]
            })
            .collect(),
    }
}

/// Sheets as one CSV (a `table` column first), UTF-8 with a byte-order mark.
pub fn sheets_csv(sheets: &[crate::domain::records::export::Sheet]) -> String {
    use crate::domain::records::export::Cell;
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for s in sheets {
        let mut head = vec!["table".to_string()];
        head.extend(s.columns.iter().cloned());
        let _ = w.write_record(&head);
        for r in &s.rows {
            let mut row = vec![s.name.clone()];
            row.extend(r.iter().map(|c| match c {
                Cell::Number(n) => crate::domain::records::export::machine_number(*n),
                Cell::Text(t) => t.clone(),
            }));
            let _ = w.write_record(&row);
        }
    }
    format!(
        "\u{feff}{}",
        String::from_utf8_lossy(&w.into_inner().unwrap_or_default())
    )
}
