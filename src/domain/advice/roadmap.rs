//! The path to the next level: for each dimension, and overall (respecting the DBI overall rule), the smallest set
//! of answer changes that reaches the next level, each change ranked by points gained per step up the answer ladder.
//!
//! "Smallest" means fewest questions changed, then fewest rungs climbed in all. Each question changes at most once.
//! A change that would show or hide another question is left out, so every plan is exact; the plan is then checked
//! by scoring the changed answers for real.
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::level::{Level, MAX_LEVEL, Share};
use crate::domain::assessment::order::sort_stable_by;
use crate::domain::assessment::questionnaire::{
    OptionScore, OverallMethod, Question, QuestionKind, Questionnaire,
};
use crate::domain::assessment::scoring::{Assessment, QuestionStatus};
use crate::domain::assessment::text::{DimensionId, OptionId, QuestionId};
use serde::Serialize;

/// What a change moves an answer to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Target {
    /// Choose this option.
    Option(OptionId),
    /// Bring the value (or a ratio's percentage) into the bin `(above, up_to]`.
    Range {
        /// Exclusive lower bound; `None` for the first bin.
        above: Option<f64>,
        /// Inclusive upper bound; `None` for the last bin.
        up_to: Option<f64>,
    },
}

/// One answer change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    /// The question.
    pub question: QuestionId,
    /// Its dimension.
    pub dimension: DimensionId,
    /// Points now.
    pub from_points: u32,
    /// Points after the change.
    pub to_points: u32,
    /// The new answer.
    pub target: Target,
    /// Rungs climbed on the question's ladder of distinct point values.
    pub steps: u32,
}

impl Move {
    /// Points gained.
    pub fn gain(&self) -> u32 {
        self.to_points - self.from_points
    }

    /// An answer that realises the change (a value in the middle of a bin for numbers).
    pub fn answer(&self, q: &Question) -> Option<Answer> {
        match (&self.target, &q.kind) {
            (Target::Option(id), _) => Some(Answer::Choice(id.clone())),
            (Target::Range { above, up_to }, kind) => {
                let v = match (above, up_to) {
                    (_, Some(u)) => *u,
                    (Some(a), None) => a + 1.0,
                    (None, None) => 0.0,
                };
                match kind {
                    QuestionKind::Ratio { .. } => Some(Answer::Ratio {
                        num: v.min(100.0),
                        den: 100.0,
                    }),
                    _ => Some(Answer::Number(v)),
                }
            }
        }
    }
}

/// A plan from one level to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Path {
    /// The level now.
    pub from: Level,
    /// The level the plan reaches.
    pub to: Level,
    /// The changes, best points per step first.
    pub moves: Vec<Move>,
}

/// Cost of a plan: questions changed, then rungs climbed.
type Cost = (u32, u32);

/// For each gain `g`, the cheapest plan gaining at least `g`: its cost and the indices of its moves.
type GainTable = Vec<Option<(Cost, Vec<usize>)>>;

fn ladder_steps(points: &[u32], from: u32, to: u32) -> u32 {
    let mut distinct: Vec<u32> = points
        .iter()
        .copied()
        .filter(|p| *p > from && *p <= to)
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    u32::try_from(distinct.len()).unwrap_or(u32::MAX)
}

/// Every single-question change that raises its points without showing or hiding another question.
fn candidates(q: &Questionnaire, sheet: &AnswerSheet, a: &Assessment) -> Vec<Move> {
    let visible = sheet.visibility(q);
    let mut out = Vec::new();
    for (question, score) in q.questions.iter().zip(&a.questions) {
        if matches!(
            score.status,
            QuestionStatus::Hidden | QuestionStatus::NotApplicable
        ) {
            continue;
        }
        let from = score.earned;
        let mut options: Vec<(u32, Target)> = Vec::new();
        match &question.kind {
            QuestionKind::Single { options: opts } => {
                for o in opts {
                    if let OptionScore::Points(p) = o.score
                        && p > from
                        && !options.iter().any(|(x, _)| *x == p)
                    {
                        options.push((p, Target::Option(o.id.clone())));
                    }
                }
            }
            QuestionKind::Number { bins, .. } | QuestionKind::Ratio { bins, .. } => {
                let mut above = None;
                for s in &bins.steps {
                    if s.points > from && !options.iter().any(|(x, _)| *x == s.points) {
                        options.push((
                            s.points,
                            Target::Range {
                                above,
                                up_to: s.up_to,
                            },
                        ));
                    }
                    above = s.up_to;
                }
            }
            // Multi-choice changes (adding options) are not planned; no built-in questionnaire has them.
            QuestionKind::Multi { .. } => {}
        }
        let all_points: Vec<u32> = options.iter().map(|(p, _)| *p).collect();
        for (to, target) in options {
            let m = Move {
                question: question.id.clone(),
                dimension: question.dimension.clone(),
                from_points: from,
                to_points: to,
                target,
                steps: ladder_steps(&all_points, from, to),
            };
            let Some(answer) = m.answer(question) else {
                continue;
            };
            let mut changed = sheet.clone();
            if changed.answer(q, &question.id, answer).is_err() || changed.visibility(q) != visible
            {
                continue;
            }
            out.push(m);
        }
    }
    out
}

/// For a group of questions, the cheapest way to gain at least `g` points, for every `g` up to `cap`:
/// `table[g] = Some((cost, chosen moves))`.
fn cheapest(moves: &[&Move], cap: u32) -> GainTable {
    let cap = cap as usize;
    let mut table: GainTable = vec![None; cap + 1];
    table[0] = Some(((0, 0), Vec::new()));
    let mut questions: Vec<&QuestionId> = moves.iter().map(|m| &m.question).collect();
    questions.dedup();
    for qid in questions {
        let mine: Vec<usize> = (0..moves.len())
            .filter(|i| &moves[*i].question == qid)
            .collect();
        let before = table.clone();
        for (g, entry) in before.iter().enumerate() {
            let Some((cost, chosen)) = entry else {
                continue;
            };
            for &i in &mine {
                let ng = (g + moves[i].gain() as usize).min(cap);
                let nc = (cost.0 + 1, cost.1 + moves[i].steps);
                if table[ng].as_ref().is_none_or(|(c, _)| nc < *c) {
                    let mut next = chosen.clone();
                    next.push(i);
                    table[ng] = Some((nc, next));
                }
            }
        }
    }
    // "At least g": a cheaper plan that gains more also serves.
    for g in (0..cap).rev() {
        if let Some(better) = table[g + 1].clone()
            && table[g].as_ref().is_none_or(|(c, _)| better.0 < *c)
        {
            table[g] = Some(better);
        }
    }
    table
}

fn ranked(mut moves: Vec<Move>, q: &Questionnaire) -> Vec<Move> {
    sort_stable_by(&mut moves, &|x, y| {
        (u64::from(y.gain()) * u64::from(x.steps))
            .cmp(&(u64::from(x.gain()) * u64::from(y.steps)))
            .then(y.gain().cmp(&x.gain()))
            .then(q.position(&x.question).cmp(&q.position(&y.question)))
    });
    moves
}

/// Scores the sheet with the moves applied.
fn apply(q: &Questionnaire, sheet: &AnswerSheet, moves: &[Move]) -> Assessment {
    let mut s = sheet.clone();
    for m in moves {
        if let Some(question) = q.question(&m.question)
            && let Some(answer) = m.answer(question)
        {
            // The move's answer is one of the question's own options or bins, so it is accepted.
            let _ = s.answer(q, &m.question, answer);
        }
    }
    Assessment::compute(q, &s)
}

/// The plan to bring each dimension to its next level (`None` at level 5 or when no plan exists).
pub fn dimension_paths(
    q: &Questionnaire,
    sheet: &AnswerSheet,
    a: &Assessment,
) -> Vec<(DimensionId, Option<Path>)> {
    let all = candidates(q, sheet, a);
    a.dimensions
        .iter()
        .map(|d| {
            let path = (|| {
                if d.level >= MAX_LEVEL || d.max == 0 {
                    return None;
                }
                let target = d.level + 1;
                let need = q
                    .levels
                    .min_points_for(target, d.max)?
                    .checked_sub(d.earned)?;
                let mine: Vec<&Move> = all.iter().filter(|m| m.dimension == d.id).collect();
                let (_, chosen) = cheapest(&mine, need).get(need as usize)?.clone()?;
                let moves: Vec<Move> = chosen.iter().map(|i| mine[*i].clone()).collect();
                let after = apply(q, sheet, &moves);
                let reached = after.dimension(&d.id).map_or(0, |x| x.level);
                (reached >= target).then(|| Path {
                    from: d.level,
                    to: reached,
                    moves: ranked(moves, q),
                })
            })();
            (d.id.clone(), path)
        })
        .collect()
}

/// The plan to bring the overall result to its next level.
pub fn overall_path(q: &Questionnaire, sheet: &AnswerSheet, a: &Assessment) -> Option<Path> {
    if a.overall.level >= MAX_LEVEL {
        return None;
    }
    let target = a.overall.level + 1;
    let all = candidates(q, sheet, a);
    let per_dim: Vec<(Vec<&Move>, u32)> = a
        .dimensions
        .iter()
        .map(|d| {
            let mine: Vec<&Move> = all.iter().filter(|m| m.dimension == d.id).collect();
            let cap: u32 = mine
                .iter()
                .fold(
                    std::collections::BTreeMap::<&QuestionId, u32>::new(),
                    |mut acc, m| {
                        let e = acc.entry(&m.question).or_insert(0);
                        *e = (*e).max(m.gain());
                        acc
                    },
                )
                .values()
                .sum();
            (mine, cap)
        })
        .collect();
    let tables: Vec<GainTable> = per_dim.iter().map(|(m, cap)| cheapest(m, *cap)).collect();
    let choice: Vec<usize> = match &q.overall {
        OverallMethod::DbiRule { rules, .. } => {
            let rule = rules.iter().find(|r| r.level == target)?;
            dbi_choice(
                q,
                a,
                &tables,
                rule.total_above,
                rule.min_dimensions as usize,
                rule.dimension_level,
            )?
        }
        OverallMethod::WeightedShare => weighted_choice(q, a, &tables, target)?,
    };
    let moves: Vec<Move> = choice
        .iter()
        .enumerate()
        .flat_map(|(d, g)| {
            tables[d][*g]
                .as_ref()
                .map(|(_, idx)| {
                    idx.iter()
                        .map(|i| per_dim[d].0[*i].clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .collect();
    let after = apply(q, sheet, &moves);
    (after.overall.level >= target).then(|| Path {
        from: a.overall.level,
        to: after.overall.level,
        moves: ranked(moves, q),
    })
}

/// DBI rule: choose a gain per pillar so that the total passes `total_above` and `count` pillars reach `level`.
fn dbi_choice(
    q: &Questionnaire,
    a: &Assessment,
    tables: &[GainTable],
    total_above: u32,
    count: usize,
    level: Level,
) -> Option<Vec<usize>> {
    let need_total = (total_above + 1).saturating_sub(a.overall.earned) as usize;
    // state: (pillars at level, total gain capped) -> (cost, gains per pillar)
    type State = Option<(Cost, Vec<usize>)>;
    let mut dp: Vec<Vec<State>> = vec![vec![None; need_total + 1]; count + 1];
    dp[0][0] = Some(((0, 0), Vec::new()));
    for (d, table) in a.dimensions.iter().zip(tables) {
        let threshold = q.levels.min_points_for(level, d.max);
        let mut next: Vec<Vec<State>> = vec![vec![None; need_total + 1]; count + 1];
        for (c, row) in dp.iter().enumerate() {
            for (t, cell) in row.iter().enumerate() {
                let Some((cost, gains)) = cell else {
                    continue;
                };
                for (g, entry) in table.iter().enumerate() {
                    let Some((gc, _)) = entry else { continue };
                    let reaches = threshold.is_some_and(|th| d.earned + g as u32 >= th);
                    let nc = (c + usize::from(reaches)).min(count);
                    let nt = (t + g).min(need_total);
                    let cost2 = (cost.0 + gc.0, cost.1 + gc.1);
                    if next[nc][nt].as_ref().is_none_or(|(x, _)| cost2 < *x) {
                        let mut gs = gains.clone();
                        gs.push(g);
                        next[nc][nt] = Some((cost2, gs));
                    }
                }
            }
        }
        dp = next;
    }
    dp[count][need_total].as_ref().map(|(_, g)| g.clone())
}

/// Weighted share: the cheapest combination of per-dimension gains whose weighted share reaches `target`.
fn weighted_choice(
    q: &Questionnaire,
    a: &Assessment,
    tables: &[GainTable],
    target: Level,
) -> Option<Vec<usize>> {
    let sizes: Vec<usize> = tables.iter().map(Vec::len).collect();
    if sizes
        .iter()
        .try_fold(1usize, |acc, s| acc.checked_mul(*s))
        .is_none_or(|n| n > 2_000_000)
    {
        return None;
    }
    let mut best: Option<(Cost, Vec<usize>)> = None;
    let mut idx = vec![0usize; tables.len()];
    loop {
        let feasible = idx.iter().enumerate().all(|(d, g)| tables[d][*g].is_some());
        if feasible {
            let cost = idx.iter().enumerate().fold((0, 0), |acc, (d, g)| {
                let c = tables[d][*g].as_ref().map_or((0, 0), |x| x.0);
                (acc.0 + c.0, acc.1 + c.1)
            });
            if best.as_ref().is_none_or(|(b, _)| cost < *b) {
                let mut sum = Share::new(0, 0);
                let mut weights = 0;
                for ((d, def), g) in a.dimensions.iter().zip(&q.dimensions).zip(&idx) {
                    if d.max > 0 {
                        sum = sum
                            + Share::new(u128::from(d.earned) + *g as u128, u128::from(d.max))
                                .scale(def.weight);
                        weights += def.weight;
                    }
                }
                if weights > 0 && q.levels.level_for(sum.divide(weights)) >= target {
                    best = Some((cost, idx.clone()));
                }
            }
        }
        // next combination
        let mut i = 0;
        loop {
            if i == idx.len() {
                return best.map(|(_, g)| g);
            }
            idx[i] += 1;
            if idx[i] < sizes[i] {
                break;
            }
            idx[i] = 0;
            i += 1;
        }
    }
}
