//! The results screen's view model (`ResultsReport`) on the shipped quick check and catalogue: the levels worked
//! out by hand, a roadmap that reaches the next level, losses that are the largest, T0 → T1 against an earlier
//! result, and drafts kept apart from programmes in force.
use dx_check::domain::advice::recommend::ProgrammeStatus;
use dx_check::domain::advice::results::{LOSSES_SHOWN, ResultsReport};
use dx_check::domain::advice::roadmap::Target;
use dx_check::domain::assessment::answer::Answer;
use dx_check::domain::assessment::answers::AnswerSheet;
use dx_check::domain::assessment::questionnaire::Questionnaire;
use dx_check::domain::assessment::scoring::Assessment;
use dx_check::domain::assessment::text::{OptionId, QuestionId};
use dx_check::domain::catalog::Catalog;
use dx_check::domain::records::draft::{AssessmentId, Draft};
use dx_check::domain::records::profile::{EntityType, Profile, SectorGroup};
use dx_check::domain::records::result_file::ResultFile;
use dx_check::domain::records::size::SizeResult;
use std::collections::BTreeMap;

/// The answer set of the quick check's golden test (levels 3, 3, 1; overall 2), shared with tests/domain.rs and
/// the browser tests: option ids by question.
fn golden() -> BTreeMap<String, String> {
    serde_json::from_str(include_str!("golden/quick_answers.json"))
        .expect("the golden answer set is JSON")
}

fn sheet(q: &Questionnaire, answers: &BTreeMap<String, String>) -> AnswerSheet {
    let mut s = AnswerSheet::new();
    for (qid, opt) in answers {
        s.answer(
            q,
            &QuestionId(qid.as_str().into()),
            Answer::Choice(OptionId(opt.as_str().into())),
        )
        .expect("a valid answer");
    }
    s
}

fn firm() -> Profile {
    Profile {
        name: "Công ty TNHH Minh Anh".into(),
        tax_code: "0302035520".into(),
        entity_type: Some(EntityType::Enterprise),
        sector: Some(SectorGroup::TradeServices),
        employees: Some(12),
        revenue_bn: Some(4.5),
        province: Some("82".into()),
        ..Profile::default()
    }
}

#[test]
fn report_of_the_golden_answers() {
    let catalog = Catalog::builtin().expect("the built-in catalogue validates");
    let q = catalog
        .questionnaire(&"quick".into())
        .expect("the quick check ships")
        .clone();
    let answers = sheet(&q, &golden());
    let p = firm();
    let r = ResultsReport::of(
        &q,
        &answers,
        &p,
        None,
        &catalog.programmes,
        &catalog.size_rules,
    );
    let levels: Vec<u8> = r.assessment.dimensions.iter().map(|d| d.level).collect();
    assert_eq!(levels, [3, 3, 1]);
    assert_eq!(r.assessment.overall.level, 2);
    // 12 people and 4.5 bn VND in trade and services: a small enterprise under Decree 80 (≤ 50 people, ≤ 100 bn).
    assert!(
        matches!(&r.size, SizeResult::Class { class, .. } if class.code() == "small"),
        "{:?}",
        r.size
    );
    // The overall path reaches level 3: applying its moves gives at least that level.
    let (level, path) = &r.overall_path;
    assert_eq!(*level, 2);
    let path = path.as_ref().expect("level 3 is reachable");
    assert_eq!((path.from, path.to), (2, 3));
    let mut better = answers.clone();
    for m in &path.moves {
        let Target::Option(option) = &m.target else {
            panic!("the quick check is single choice: {m:?}");
        };
        better
            .answer(&q, &m.question, Answer::Choice(option.clone()))
            .expect("valid");
    }
    assert!(Assessment::compute(&q, &better).overall.level >= 3);
    // One path per dimension, in the questionnaire's order, with the dimension's level.
    let dims: Vec<(String, u8)> = r
        .dimension_paths
        .iter()
        .map(|(d, l, _)| (d.to_string(), *l))
        .collect();
    let expected: Vec<(String, u8)> = q
        .dimensions
        .iter()
        .map(|d| d.id.to_string())
        .zip([3, 3, 1])
        .collect();
    assert_eq!(dims, expected);
    // Losses: at most LOSSES_SHOWN per dimension, largest first, never a full-score answer.
    assert_eq!(r.losses.len(), q.dimensions.len());
    for (d, ls) in &r.losses {
        assert!(ls.len() <= LOSSES_SHOWN, "{d}");
        assert!(ls.iter().all(|l| l.earned < l.max), "{d}");
        let gaps: Vec<u32> = ls.iter().map(|l| l.max - l.earned).collect();
        assert!(gaps.windows(2).all(|w| w[0] >= w[1]), "{d}: {gaps:?}");
        assert!(
            ls.iter().all(|l| l.question.dimension == *d),
            "losses of {d} belong to it"
        );
    }
    // TMDT earns 4 of 30: it has losses to show.
    assert!(!r.losses[2].1.is_empty());
    // Drafts are apart: nothing in force is a draft, every draft is one.
    assert!(
        r.programmes
            .iter()
            .all(|x| x.programme.status != ProgrammeStatus::Draft)
    );
    assert!(
        r.drafts
            .iter()
            .all(|x| x.programme.status == ProgrammeStatus::Draft)
    );
    assert!(r.changes.is_none(), "no earlier result, no T0 → T1");
}

#[test]
fn report_compares_with_an_earlier_result() {
    let catalog = Catalog::builtin().expect("the built-in catalogue validates");
    let q = catalog
        .questionnaire(&"quick".into())
        .expect("the quick check ships")
        .clone();
    let p = firm();
    // T0: the golden answers with e-commerce at its lowest (TM7 "phone" → "self").
    let mut t0 = golden();
    t0.insert("TM7".into(), "self".into());
    let mut d = Draft::new(
        AssessmentId::from_random([7; 16]),
        &q,
        "2026-05-02T08:00:00.000Z",
    );
    d.answers = sheet(&q, &t0);
    d.touch(&q, "2026-05-02T08:10:00.000Z");
    let earlier = ResultFile::build(&q, &d, &p, "0.1.0", "2026-05-02T09:00:00.000Z");
    let now = sheet(&q, &golden());
    let r = ResultsReport::of(
        &q,
        &now,
        &p,
        Some(&earlier),
        &catalog.programmes,
        &catalog.size_rules,
    );
    let (when, lines) = r.changes.expect("an earlier result gives T0 → T1");
    assert_eq!(when, "2026-05-02T08:10:00.000Z");
    // The overall line and one per dimension; only e-commerce (and so the overall) changed, upwards.
    assert_eq!(lines.len(), q.dimensions.len() + 1);
    let moved: Vec<Option<String>> = lines
        .iter()
        .filter(|l| l.delta_permille() != 0)
        .map(|l| l.dimension.as_ref().map(|d| d.to_string()))
        .collect();
    assert_eq!(moved, [None, Some("TMDT".to_string())]);
    assert!(lines.iter().all(|l| l.delta_permille() >= 0));
}
