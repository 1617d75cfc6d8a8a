//! The figures of a tally: deduplicated by tax code, counted by level in every breakdown, the dimension means, the
//! programmes matched, the barriers, and the benchmark beside the counting.
use super::builder::{TallyBuilder, size_category};
use super::keys::{Commune, Sector};
use super::lines::Lines;
use super::{DimStat, Levels, Map, Tally};
use crate::domain::assessment::level::{LEVELS, round_half_up};
use crate::domain::assessment::text::QuestionnaireId;
use crate::domain::records::profile::SectorGroup;
use std::collections::BTreeMap;
use std::hash::Hash;

/// Runs `side` and `main`, and gives what `side` made: natively on two threads when `big`, otherwise (and always
/// in the browser, whose tally worker has no threads) one after the other.
pub(super) fn beside<S: Send>(
    big: bool,
    side: impl FnOnce() -> S + Send,
    main: impl FnOnce(),
) -> S {
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
    // Unused on wasm32, where there is one thread: not an ignored failure.
    let _ = big;
    main();
    side()
}

/// Counts one member of the population in a breakdown.
pub(super) fn bump<K: Hash + Eq>(m: &mut Map<K, Levels>, key: K, level: usize) {
    m.entry(key).or_insert([0; LEVELS])[level] += 1;
}

/// A breakdown with its keys as they are shown and written, in order; keys that come to the same are added
/// together.
pub(super) fn ordered<K, T: Ord>(m: Map<K, Levels>, key: impl Fn(&K) -> T) -> BTreeMap<T, Levels> {
    let mut out: BTreeMap<T, Levels> = BTreeMap::new();
    for (k, levels) in m {
        let sum = out.entry(key(&k)).or_insert([0; LEVELS]);
        for (s, n) in sum.iter_mut().zip(levels) {
            *s += n;
        }
    }
    out
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

        let qids: Vec<QuestionnaireId> = ctx.questionnaires.iter().map(|q| q.id.clone()).collect();
        // Counted in hash maps keyed by borrowed text, ordered once at the end.
        let mut by_questionnaire: Map<usize, Levels> = Map::default();
        let mut by_sector: Map<Option<SectorGroup>, Levels> = Map::default();
        let mut by_size: Map<u8, Levels> = Map::default();
        let mut by_province: Map<&str, Levels> = Map::default();
        let mut by_commune: Map<(&str, &str), Levels> = Map::default();
        let mut by_month: Map<&str, Levels> = Map::default();
        // Per questionnaire, per dimension: the permille sum, the count and the levels.
        let mut dims: Vec<Vec<(u64, u32, Levels)>> = ctx
            .questionnaires
            .iter()
            .map(|q| vec![(0, 0, [0; LEVELS]); q.dimensions.len()])
            .collect();
        let mut programmes = vec![0u32; ctx.programmes.programmes.len()];
        let mut barriers: Map<&str, u32> = Map::default();
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
                    s.sector.map_or("", SectorGroup::code),
                    size_category(s.size).code(),
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
                bump(&mut by_sector, s.sector, level);
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
        let qid = |i: &usize| {
            qids.get(*i)
                .cloned()
                .unwrap_or_else(|| QuestionnaireId::new(""))
        };
        t.by_questionnaire = ordered(by_questionnaire, qid);
        t.by_sector = ordered(by_sector, |k| Sector(*k));
        t.by_size = ordered(by_size, |k| size_category(*k));
        t.by_province = ordered(by_province, |k| (*k).to_string());
        t.by_commune = ordered(by_commune, |(p, c)| Commune {
            province: (*p).to_string(),
            commune: (*c).to_string(),
        });
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
            let dimension = d.id.clone();
            let mean = u32::try_from(round_half_up(u128::from(sum), u128::from(n))).unwrap_or(0);
            t.dimensions.push(DimStat {
                questionnaire: q.id.clone(),
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
