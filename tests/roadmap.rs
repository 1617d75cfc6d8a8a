//! The path to the next level: plans reach the level, and no plan is cheaper (proved by brute force on small,
//! randomly generated questionnaires).
use dx_check::domain::advice::roadmap::{Move, dimension_paths, overall_path};
use dx_check::domain::assessment::answer::Answer;
use dx_check::domain::assessment::answers::AnswerSheet;
use dx_check::domain::assessment::questionnaire::{OptionScore, Questionnaire};
use dx_check::domain::assessment::scoring::Assessment;
use dx_check::domain::assessment::text::QuestionId;
use serde_json::{Value, json};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn band(level: u8, max: u32, incl: bool) -> Value {
    json!({"level": level, "name": {"vi": "v", "en": "e"}, "description": {"vi": "v", "en": "e"}, "max_pct": max, "inclusive": incl})
}

/// A random questionnaire: `dims` dimensions of `per_dim` single-choice questions with 2–4 options each.
fn random_questionnaire(
    rng: &mut Rng,
    dims: usize,
    per_dim: usize,
    overall: Value,
) -> Questionnaire {
    let t = json!({"vi": "v", "en": "e"});
    let mut questions = Vec::new();
    for d in 0..dims {
        for i in 0..per_dim {
            let n = 2 + rng.below(3) as usize;
            let mut pts: Vec<u32> = (0..n).map(|_| rng.below(6) as u32).collect();
            pts[0] = 0;
            let max = *pts.iter().max().unwrap_or(&0);
            let max = max.max(1);
            if !pts.contains(&max) {
                pts.push(max);
            }
            let options: Vec<Value> = pts
                .iter()
                .enumerate()
                .map(|(k, p)| json!({"id": format!("o{k}"), "label": t, "points": p}))
                .collect();
            questions.push(json!({"id": format!("Q{d}_{i}"), "dimension": format!("D{d}"), "type": "single", "text": t,
                "source": {"ref": "r", "tag": "D"}, "max_points": max, "options": options}));
        }
    }
    let dimensions: Vec<Value> = (0..dims)
        .map(|d| json!({"id": format!("D{d}"), "name": t, "description": t, "weight": 1 + d}))
        .collect();
    let v = json!({"kind": "questionnaire", "format": 1, "id": "r", "version": "1", "title": t, "description": t,
        "estimated_minutes": 1, "source": {"ref": "r", "tag": "D"}, "disclaimer": t,
        "levels": [band(0, 10, false), band(1, 20, true), band(2, 40, true), band(3, 60, true), band(4, 80, true), band(5, 100, true)],
        "overall": overall, "dimensions": dimensions, "questions": questions});
    Questionnaire::from_json(&v.to_string()).expect("generated questionnaire is valid")
}

fn random_sheet(rng: &mut Rng, q: &Questionnaire) -> AnswerSheet {
    let mut s = AnswerSheet::new();
    for question in &q.questions {
        let opts = question.kind.options();
        // Answer low: one of the first two options, so there is room to climb.
        let o = &opts[rng.below(2.min(opts.len() as u64)) as usize];
        s.answer(q, &question.id, Answer::Choice(o.id.clone()))
            .expect("valid");
    }
    s
}

/// Every way to change each question at most once to a better option: (sheet, changes, rungs).
fn all_plans(
    q: &Questionnaire,
    sheet: &AnswerSheet,
    only_dim: Option<&str>,
) -> Vec<(AnswerSheet, u32, u32)> {
    let mut plans = vec![(sheet.clone(), 0u32, 0u32)];
    for question in &q.questions {
        if only_dim.is_some_and(|d| question.dimension.as_str() != d) {
            continue;
        }
        let current = match sheet.get(&question.id) {
            Some(Answer::Choice(id)) => question.option(id).map_or(0, |o| o.points()),
            _ => 0,
        };
        let pts: Vec<u32> = question.kind.options().iter().map(|o| o.points()).collect();
        let mut next = Vec::new();
        for (s, c, r) in &plans {
            next.push((s.clone(), *c, *r));
            let mut seen = Vec::new();
            for o in question.kind.options() {
                let OptionScore::Points(p) = o.score else {
                    continue;
                };
                if p <= current || seen.contains(&p) {
                    continue;
                }
                seen.push(p);
                let mut distinct: Vec<u32> = pts
                    .iter()
                    .copied()
                    .filter(|x| *x > current && *x <= p)
                    .collect();
                distinct.sort_unstable();
                distinct.dedup();
                let mut s2 = s.clone();
                s2.answer(q, &question.id, Answer::Choice(o.id.clone()))
                    .expect("valid");
                next.push((s2, c + 1, r + distinct.len() as u32));
            }
        }
        plans = next;
    }
    plans
}

fn cost(moves: &[Move]) -> (u32, u32) {
    (moves.len() as u32, moves.iter().map(|m| m.steps).sum())
}

#[test]
fn dimension_plans_are_minimal() {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let mut checked = 0;
    for _ in 0..300 {
        let per_dim = 2 + rng.below(4) as usize;
        let q = random_questionnaire(&mut rng, 2, per_dim, json!({"method": "weighted_share"}));
        let sheet = random_sheet(&mut rng, &q);
        let a = Assessment::compute(&q, &sheet);
        for ((dim, path), score) in dimension_paths(&q, &sheet, &a).iter().zip(&a.dimensions) {
            let target = score.level + 1;
            let best = all_plans(&q, &sheet, Some(dim.as_str()))
                .into_iter()
                .filter(|(s, _, _)| {
                    Assessment::compute(&q, s)
                        .dimension(dim)
                        .map_or(0, |d| d.level)
                        >= target
                })
                .map(|(_, c, r)| (c, r))
                .min();
            match (path, best) {
                (Some(p), Some(b)) => {
                    assert_eq!(cost(&p.moves), b, "dimension {dim}: plan {:?}", p.moves);
                    assert!(p.to >= target);
                    checked += 1;
                }
                (None, None) => {}
                (p, b) => panic!("dimension {dim}: planner {p:?} but brute force {b:?}"),
            }
        }
    }
    assert!(
        checked > 200,
        "enough reachable cases were checked: {checked}"
    );
}

#[test]
fn overall_plans_are_minimal_under_both_rules() {
    let dbi_rule = json!({"method": "dbi_rule", "source": {"ref": "r", "tag": "D"}, "rules": [
        {"level": 1, "total_above": 2, "min_dimensions": 2, "dimension_level": 1},
        {"level": 2, "total_above": 6, "min_dimensions": 2, "dimension_level": 2},
        {"level": 3, "total_above": 10, "min_dimensions": 2, "dimension_level": 3},
        {"level": 4, "total_above": 14, "min_dimensions": 3, "dimension_level": 4},
        {"level": 5, "total_above": 18, "min_dimensions": 3, "dimension_level": 5}]});
    let mut rng = Rng(0x2545f4914f6cdd1d);
    let mut checked = 0;
    for round in 0..240 {
        let overall = if round % 2 == 0 {
            dbi_rule.clone()
        } else {
            json!({"method": "weighted_share"})
        };
        let q = random_questionnaire(&mut rng, 3, 2, overall);
        let sheet = random_sheet(&mut rng, &q);
        let a = Assessment::compute(&q, &sheet);
        let target = a.overall.level + 1;
        let best = all_plans(&q, &sheet, None)
            .into_iter()
            .filter(|(s, _, _)| Assessment::compute(&q, s).overall.level >= target)
            .map(|(_, c, r)| (c, r))
            .min();
        match (overall_path(&q, &sheet, &a), best) {
            (Some(p), Some(b)) => {
                assert_eq!(cost(&p.moves), b, "round {round}: {:?}", p.moves);
                checked += 1;
            }
            (None, None) => {}
            (p, b) => panic!("round {round}: planner {p:?} but brute force {b:?}"),
        }
    }
    assert!(
        checked > 100,
        "enough reachable cases were checked: {checked}"
    );
}

#[test]
fn quick_check_roadmap_is_ranked_by_points_per_step() {
    let q = Questionnaire::from_json(include_str!("../questionnaires/quick.json")).expect("valid");
    let mut sheet = AnswerSheet::new();
    for question in q.questions.iter().filter(|x| !x.optional) {
        // The lowest option everywhere: level 0 in every dimension.
        let o = &question.kind.options()[0];
        sheet
            .answer(&q, &question.id, Answer::Choice(o.id.clone()))
            .expect("valid");
    }
    let a = Assessment::compute(&q, &sheet);
    for (dim, path) in dimension_paths(&q, &sheet, &a) {
        let p = path.unwrap_or_else(|| panic!("{dim} can reach level 1"));
        assert_eq!((p.from, p.to), (0, 1), "{dim}");
        for w in p.moves.windows(2) {
            assert!(
                w[0].gain() * w[1].steps >= w[1].gain() * w[0].steps,
                "{dim}: ranked by points per step"
            );
        }
        assert!(
            p.moves
                .iter()
                .all(|m| m.question != QuestionId("TM1".into())),
            "TM1 would show TM2: left out"
        );
    }
    let overall = overall_path(&q, &sheet, &a).expect("level 1 overall is reachable");
    assert_eq!(overall.from, 0);
    assert!(overall.to >= 1);
}
