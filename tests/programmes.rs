//! The support-programme catalogue (`questionnaires/programmes.json`): it validates against both questionnaires,
//! holds the required programmes with their legal status, and matches enterprises as golden cases say it should.
use dx_check::domain::advice::recommend::{
    Eligibility, EligibilityGap, Programme, ProgrammeError, ProgrammeStatus, Programmes,
    Recommendation, TriggerProblem, helping, recommend,
};
use dx_check::domain::assessment::answer::Answer;
use dx_check::domain::assessment::answers::AnswerSheet;
use dx_check::domain::assessment::expr::{Expr, LeafKind, ParseError, Value};
use dx_check::domain::assessment::questionnaire::{
    ConditionProblem, ErrorKind, Location, OptionScore, QuestionKind, Questionnaire,
    QuestionnaireError, Verification,
};
use dx_check::domain::assessment::scoring::Assessment;
use dx_check::domain::assessment::text::{OptionId, QuestionId, QuestionnaireId};
use dx_check::domain::records::profile::{EntityType, Profile, SectorGroup};
use dx_check::domain::records::size::{SizeClass, SizeResult, SizeRules};
use serde_json::{Value as Json, json};

const PROGRAMMES: &str = include_str!("../questionnaires/programmes.json");

fn quick() -> Questionnaire {
    Questionnaire::from_json(include_str!("../questionnaires/quick.json"))
        .expect("quick check validates")
}

fn dbi() -> Questionnaire {
    Questionnaire::from_json(include_str!("../questionnaires/dbi.json")).expect("DBI validates")
}

fn size_rules() -> SizeRules {
    SizeRules::from_json(include_str!("../questionnaires/size_rules.json"))
        .expect("size table validates")
}

fn catalogue() -> Programmes {
    Programmes::from_json(PROGRAMMES, &[&quick(), &dbi()])
        .unwrap_or_else(|e| panic!("programmes.json: {e}"))
}

fn programme<'a>(c: &'a Programmes, id: &str) -> &'a Programme {
    c.programmes
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("programme `{id}` is in the catalogue"))
}

fn choose(q: &Questionnaire, sheet: &mut AnswerSheet, qid: &str, opt: &str) {
    sheet
        .answer(
            q,
            &QuestionId(qid.into()),
            Answer::Choice(OptionId(opt.into())),
        )
        .unwrap_or_else(|e| panic!("{qid}={opt}: {e}"));
}

fn put(q: &Questionnaire, sheet: &mut AnswerSheet, qid: &str, answer: Answer) {
    sheet
        .answer(q, &QuestionId(qid.into()), answer)
        .unwrap_or_else(|e| panic!("{qid}: {e}"));
}

/// Answers every question with its lowest-scoring answer (`worst`) or its highest (`!worst`).
fn extreme_sheet(q: &Questionnaire, worst: bool) -> AnswerSheet {
    let mut sheet = AnswerSheet::new();
    for question in &q.questions {
        let answer = match &question.kind {
            QuestionKind::Single { options } => {
                let scored = options.iter().filter_map(|o| match o.score {
                    OptionScore::Points(p) => Some((p, o)),
                    _ => None,
                });
                let pick = if worst {
                    scored.min_by_key(|(p, _)| *p)
                } else {
                    scored.max_by_key(|(p, _)| *p)
                };
                let (_, o) = pick.expect("a single-choice question has a scored option");
                Answer::Choice(o.id.clone())
            }
            QuestionKind::Number { min, max, .. } => {
                Answer::Number(if worst { *min } else { *max })
            }
            QuestionKind::Ratio { .. } => Answer::Ratio {
                num: if worst { 0.0 } else { 10.0 },
                den: 10.0,
            },
            QuestionKind::Multi { .. } => continue,
        };
        sheet
            .answer(q, &question.id, answer)
            .unwrap_or_else(|e| panic!("{}: {e}", question.id));
    }
    sheet
}

/// A small trade shop: books in Excel, no e-invoices, no POS or CRM, no marketplace, no DX plan.
fn shop_sheet(q: &Questionnaire) -> AnswerSheet {
    let mut sheet = AnswerSheet::new();
    for (qid, opt) in [
        ("QT1", "excel"),
        ("QT2", "excel"),
        ("QT3", "none"),
        ("QT4", "local_files"),
        ("QT5", "tax"),
        ("QT6", "monthly"),
        ("QT7", "no_idea"),
        ("QT8", "none"),
        ("BH1", "none"),
        ("BH2", "excel"),
        ("BH3", "none"),
        ("BH4", "p30_50"),
        ("BH5", "p20_40"),
        ("BH6", "weekly"),
        ("BH7", "lt20"),
        ("TM1", "none"),
        ("TM3", "within_week"),
        ("TM4", "none"),
        ("TM5", "lt5"),
        ("TM6", "stale"),
        ("TM7", "phone"),
        ("TM8", "services"),
    ] {
        choose(q, &mut sheet, qid, opt);
    }
    sheet
}

fn micro_shop() -> Profile {
    Profile {
        name: "Tạp hóa Minh Anh".into(),
        entity_type: Some(EntityType::Enterprise),
        sector: Some(SectorGroup::TradeServices),
        employees: Some(5),
        revenue_bn: Some(2.0),
        ..Profile::default()
    }
}

fn small_firm() -> Profile {
    Profile {
        employees: Some(30),
        revenue_bn: Some(50.0),
        ..micro_shop()
    }
}

fn household() -> Profile {
    Profile {
        entity_type: Some(EntityType::Household),
        ..micro_shop()
    }
}

fn ids<'a>(list: &[Recommendation<'a>]) -> Vec<&'a str> {
    list.iter().map(|r| r.programme.id.as_str()).collect()
}

fn find<'a, 'b>(list: &'b [Recommendation<'a>], id: &str) -> Option<&'b Recommendation<'a>> {
    list.iter().find(|r| r.programme.id == id)
}

/// Runs the quick check on `sheet` for `profile`.
fn run_quick<'a>(
    c: &'a Programmes,
    sheet: &AnswerSheet,
    profile: &Profile,
) -> (Vec<Recommendation<'a>>, Vec<Recommendation<'a>>, SizeResult) {
    let q = quick();
    let size = size_rules().classify(profile);
    let a = Assessment::compute(&q, sheet);
    let (laws, drafts) = recommend(c, &q, sheet, &a, profile, &size);
    (laws, drafts, size)
}

// ---------------------------------------------------------------------------------------------------------------
// The catalogue itself

#[test]
fn catalogue_validates_against_both_questionnaires() {
    let c = catalogue();
    assert_eq!(c.kind, "programmes");
    assert!(!c.as_of.is_empty());
    // Without the DBI the DBI triggers cannot be checked, and loading says which programme reads it.
    assert_eq!(
        Programmes::from_json(PROGRAMMES, &[&quick()]),
        Err(ProgrammeError::BadTrigger {
            programme: "nd80-11-1".into(),
            problem: TriggerProblem::UnknownQuestionnaire {
                questionnaire: "dbi".into(),
            },
        })
    );
}

#[test]
fn required_programmes_with_status_and_tags() {
    let c = catalogue();
    let want = [
        ("nd80-11-1", ProgrammeStatus::InForce),
        ("nd80-11-2", ProgrammeStatus::InForce),
        ("nd80-13", ProgrammeStatus::InForce),
        ("nd80-14", ProgrammeStatus::InForce),
        ("smedx", ProgrammeStatus::Check),
        ("einvoice", ProgrammeStatus::InForce),
        ("esign-econtract", ProgrammeStatus::InForce),
        ("postal-marketplaces", ProgrammeStatus::Check),
        ("vinhlong-kh7649", ProgrammeStatus::Check),
        ("dx-voucher-2026-draft", ProgrammeStatus::Draft),
    ];
    for (id, status) in want {
        assert_eq!(programme(&c, id).status, status, "{id}");
    }
    for p in &c.programmes {
        let slug =
            p.id.chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
        assert!(slug, "`{}` is a lowercase slug", p.id);
        assert_ne!(
            p.title.vi, p.title.en,
            "{}: the titles are translated",
            p.id
        );
        assert_ne!(
            p.summary.vi, p.summary.en,
            "{}: the summaries are translated",
            p.id
        );
    }
    // Only the draft is a draft, and it says so in both languages.
    let drafts: Vec<&str> = c
        .programmes
        .iter()
        .filter(|p| p.status == ProgrammeStatus::Draft)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(drafts, ["dx-voucher-2026-draft"]);
    let draft = programme(&c, "dx-voucher-2026-draft");
    assert!(
        draft
            .summary
            .vi
            .contains("dự thảo, chưa phải quy định pháp luật")
    );
    assert!(draft.summary.en.contains("draft, not law"));
    assert!(draft.legal.reference.contains("DỰ THẢO"));
    assert!(
        draft.benefit.caps_vnd.is_empty(),
        "a draft has no caps to quote"
    );
    // Unverified parts are said to be unverified.
    assert!(programme(&c, "nd80-13").benefit.text.vi.contains("[M]"));
    assert!(programme(&c, "nd80-13").benefit.text.en.contains("[M]"));
    for p in &c.programmes {
        assert!(
            matches!(
                p.legal.tag,
                Verification::V | Verification::V3 | Verification::M
            ),
            "{}: legal references are sourced facts, not derived",
            p.id
        );
    }
}

#[test]
fn decree_80_amounts_and_eligibility() {
    let c = catalogue();
    let caps = |id: &str| -> Vec<(SizeClass, u64)> {
        programme(&c, id)
            .benefit
            .caps_vnd
            .iter()
            .map(|(k, v)| (*k, *v))
            .collect()
    };
    let consult = programme(&c, "nd80-11-1");
    assert_eq!(consult.eligible.entity, [EntityType::Enterprise]);
    assert_eq!(
        consult.eligible.sizes,
        [SizeClass::Small, SizeClass::Medium]
    );
    assert_eq!(consult.benefit.rate_pct, Some(50));
    assert_eq!(
        caps("nd80-11-1"),
        [
            (SizeClass::Small, 50_000_000),
            (SizeClass::Medium, 100_000_000)
        ]
    );
    assert_eq!(
        consult.benefit.per.as_ref().map(|t| t.en.as_str()),
        Some("per contract per year")
    );
    assert_eq!(programme(&c, "nd80-11-2").benefit.rate_pct, Some(50));
    assert_eq!(
        caps("nd80-11-2"),
        [
            (SizeClass::Micro, 20_000_000),
            (SizeClass::Small, 50_000_000),
            (SizeClass::Medium, 100_000_000)
        ]
    );
    assert!(
        programme(&c, "nd80-11-2")
            .summary
            .en
            .contains("announced by the Ministry")
    );
    assert_eq!(
        caps("nd80-13"),
        [
            (SizeClass::Micro, 50_000_000),
            (SizeClass::Small, 100_000_000),
            (SizeClass::Medium, 150_000_000)
        ]
    );
    assert_eq!(
        programme(&c, "nd80-13").benefit.rate_pct,
        None,
        "rates are [M]"
    );
    assert!(programme(&c, "nd80-14").benefit.caps_vnd.is_empty());
    for id in ["nd80-11-1", "nd80-11-2", "nd80-13"] {
        assert!(
            programme(&c, id).priority,
            "{id} carries Decree 80 priority"
        );
    }
    for id in [
        "einvoice",
        "smedx",
        "esign-econtract",
        "postal-marketplaces",
    ] {
        assert!(
            !programme(&c, id).priority,
            "{id} is not a Decree 80 support"
        );
    }
    let smedx = programme(&c, "smedx");
    assert_eq!(smedx.eligible.max_employees, Some(49));
    assert!(smedx.issuer.vi.contains("Bộ TT&TT"));
    assert!(smedx.responsible.vi.contains("Bộ KH&CN"));
    let einvoice = programme(&c, "einvoice");
    assert!(einvoice.eligible.entity.is_empty() && einvoice.eligible.sizes.is_empty());
    assert!(einvoice.benefit.text.en.contains("not a subsidy"));
    assert!(einvoice.legal.reference.contains("01/7/2022"));
    assert_eq!(
        programme(&c, "vinhlong-kh7649").province.as_deref(),
        Some("86")
    );
    assert_eq!(
        programme(&c, "nd80-hkd").eligible.entity,
        [EntityType::Household]
    );
}

#[test]
fn every_programme_reads_both_questionnaires() {
    let c = catalogue();
    for p in &c.programmes {
        for qid in ["quick", "dbi"] {
            assert!(
                p.triggers.iter().any(|t| t.questionnaire == qid),
                "{} has a trigger on `{qid}`",
                p.id
            );
            assert!(
                p.helps_with.get(qid).is_some_and(|qs| !qs.is_empty()),
                "{} says which `{qid}` questions it helps",
                p.id
            );
        }
    }
}

/// Loading checks that a condition's questions exist; this checks that its values fit them, so a typo in an option
/// id (which would never match) fails here.
#[test]
fn trigger_conditions_fit_their_questions() {
    let (q, d) = (quick(), dbi());
    let c = catalogue();
    for p in &c.programmes {
        for t in &p.triggers {
            let Some(src) = &t.when else { continue };
            let questionnaire = if t.questionnaire == "quick" { &q } else { &d };
            let expr = Expr::parse(src).unwrap_or_else(|e| panic!("{}: {src}: {e}", p.id));
            for leaf in expr.leaves() {
                let question = questionnaire
                    .question(leaf.question)
                    .unwrap_or_else(|| panic!("{}: {}", p.id, leaf.question));
                let at = format!("{} `{src}`", p.id);
                match &question.kind {
                    QuestionKind::Single { .. } | QuestionKind::Multi { .. } => {
                        assert!(
                            !matches!(leaf.kind, LeafKind::Cmp(op) if op.is_ordering()),
                            "{at}: ordering on a choice"
                        );
                        for v in leaf.values {
                            let Value::Str(s) = v else {
                                panic!("{at}: a number against a choice")
                            };
                            assert!(
                                question.option(&OptionId(s.as_str().into())).is_some(),
                                "{at}: `{}` has no option `{s}`",
                                question.id
                            );
                        }
                    }
                    QuestionKind::Number { .. } | QuestionKind::Ratio { .. } => {
                        assert!(leaf.kind != LeafKind::Has, "{at}: `has` on a number");
                        assert!(
                            leaf.values.iter().all(|v| matches!(v, Value::Num(_))),
                            "{at}: text against a number"
                        );
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Matching

#[test]
fn micro_shop_golden() {
    let c = catalogue();
    let q = quick();
    let sheet = shop_sheet(&q);
    let profile = micro_shop();
    let (laws, drafts, size) = run_quick(&c, &sheet, &profile);
    assert!(
        matches!(
            size,
            SizeResult::Class {
                class: SizeClass::Micro,
                ..
            }
        ),
        "{size:?}"
    );
    let a = Assessment::compute(&q, &sheet);
    let levels: Vec<(&str, u8)> = a
        .dimensions
        .iter()
        .map(|d| (d.id.as_str(), d.level))
        .collect();
    assert_eq!(levels, [("QT", 2), ("BH", 2), ("TMDT", 1)]);
    assert_eq!(a.overall.level, 2);

    assert_eq!(
        ids(&laws),
        // The legal obligation first; no provincial programme, since the profile names no province.
        [
            "einvoice",
            "nd80-11-2",
            "nd80-13",
            "esign-econtract",
            "nd80-14",
            "postal-marketplaces",
            "smedx",
        ]
    );
    assert_eq!(ids(&drafts), ["dx-voucher-2026-draft"]);

    // E-invoices: recommended, with the plain-words reason.
    let einvoice = find(&laws, "einvoice").expect("einvoice is recommended");
    assert_eq!(einvoice.eligibility, Eligibility::Eligible);
    assert_eq!(einvoice.max_support_vnd, None);
    assert_eq!(einvoice.reasons.len(), 1);
    let reason = einvoice.reasons[0].text.expect("a condition reason");
    assert_eq!(reason.vi, "chưa phải toàn bộ hóa đơn là hóa đơn điện tử");
    assert_eq!(reason.en, "not all invoices are electronic yet");

    // Decree 80: micro firms get no Art. 11.1 consultancy, but Art. 11.2 at the micro cap.
    assert!(
        find(&laws, "nd80-11-1").is_none(),
        "micro is not eligible for 11.1"
    );
    let rent = find(&laws, "nd80-11-2").expect("11.2 is recommended");
    assert_eq!(rent.eligibility, Eligibility::Eligible);
    assert_eq!(rent.max_support_vnd, Some(20_000_000));
    assert_eq!(rent.reasons.len(), 5, "BH, TMDT, accounts, POS, CRM");
    assert!(!rent.priority, "no woman owner given");
    assert_eq!(
        find(&laws, "nd80-13").map(|r| r.max_support_vnd),
        Some(Some(50_000_000))
    );
    assert!(find(&laws, "nd80-hkd").is_none(), "not a household");

    // The Vĩnh Long plan is not shown when the province is not given.
    assert!(find(&laws, "vinhlong-kh7649").is_none());
}

#[test]
fn small_firm_gets_consultancy_at_the_small_cap() {
    let c = catalogue();
    let sheet = shop_sheet(&quick());
    let (laws, _, size) = run_quick(&c, &sheet, &small_firm());
    assert!(
        matches!(
            size,
            SizeResult::Class {
                class: SizeClass::Small,
                ..
            }
        ),
        "{size:?}"
    );
    let consult = find(&laws, "nd80-11-1").expect("11.1 is recommended for a small firm");
    assert_eq!(consult.eligibility, Eligibility::Eligible);
    assert_eq!(consult.max_support_vnd, Some(50_000_000));
    assert_eq!(
        find(&laws, "nd80-11-2").map(|r| r.max_support_vnd),
        Some(Some(50_000_000))
    );
    assert_eq!(
        find(&laws, "nd80-13").map(|r| r.max_support_vnd),
        Some(Some(100_000_000))
    );
}

#[test]
fn household_business_gets_obligations_not_sme_support() {
    let c = catalogue();
    let sheet = shop_sheet(&quick());
    let (laws, drafts, size) = run_quick(&c, &sheet, &household());
    assert_eq!(size, SizeResult::Household);
    for id in [
        "nd80-11-1",
        "nd80-11-2",
        "nd80-13",
        "nd80-14",
        "smedx",
        "vinhlong-kh7649",
    ] {
        assert!(find(&laws, id).is_none(), "{id} is for enterprises");
    }
    let einvoice = find(&laws, "einvoice").expect("households must use e-invoices too");
    assert_eq!(einvoice.eligibility, Eligibility::Eligible);
    let hkd = find(&laws, "nd80-hkd").expect("conversion benefits are shown to households");
    assert_eq!(hkd.eligibility, Eligibility::Eligible);
    assert_eq!(hkd.max_support_vnd, None);
    assert!(find(&laws, "postal-marketplaces").is_some());
    assert_eq!(
        ids(&drafts),
        ["dx-voucher-2026-draft"],
        "the draft covers households"
    );
}

#[test]
fn woman_owner_sets_priority_on_decree_80_only() {
    let c = catalogue();
    let sheet = shop_sheet(&quick());
    let owner = Profile {
        woman_owner: Some(true),
        ..micro_shop()
    };
    let (laws, _, _) = run_quick(&c, &sheet, &owner);
    for id in ["nd80-11-2", "nd80-13", "nd80-14"] {
        assert!(
            find(&laws, id).is_some_and(|r| r.priority),
            "{id} has priority"
        );
    }
    for id in [
        "einvoice",
        "smedx",
        "esign-econtract",
        "postal-marketplaces",
    ] {
        assert!(
            find(&laws, id).is_some_and(|r| !r.priority),
            "{id} has no priority"
        );
    }
    // Many female workers count too: at least half under 100 employees.
    let female = Profile {
        female_share_pct: Some(60.0),
        ..micro_shop()
    };
    let (laws, _, _) = run_quick(&c, &sheet, &female);
    assert!(find(&laws, "nd80-11-2").is_some_and(|r| r.priority));
    let few = Profile {
        female_share_pct: Some(40.0),
        ..micro_shop()
    };
    let (laws, _, _) = run_quick(&c, &sheet, &few);
    assert!(find(&laws, "nd80-11-2").is_some_and(|r| !r.priority));
}

#[test]
fn unknown_size_is_maybe_without_an_amount() {
    let c = catalogue();
    let sheet = shop_sheet(&quick());
    let unsure = Profile {
        sector: None,
        ..micro_shop()
    };
    let (laws, _, size) = run_quick(&c, &sheet, &unsure);
    assert!(matches!(size, SizeResult::NotEnoughData(_)), "{size:?}");
    for id in ["nd80-11-1", "nd80-11-2", "nd80-13"] {
        let r = find(&laws, id).unwrap_or_else(|| panic!("{id} is a maybe"));
        assert_eq!(
            r.eligibility,
            Eligibility::Unknown(vec![EligibilityGap::SizeClass]),
            "{id}"
        );
        assert_eq!(r.max_support_vnd, None, "{id}");
    }
    // Maybes come after the sure ones within a status.
    let pos = |id: &str| ids(&laws).iter().position(|x| *x == id).expect("present");
    assert!(pos("einvoice") < pos("nd80-11-2"));
}

#[test]
fn order_is_deterministic() {
    let c = catalogue();
    let q = quick();
    for sheet in [shop_sheet(&q), extreme_sheet(&q, true)] {
        for profile in [micro_shop(), small_firm(), household(), Profile::default()] {
            let (a1, d1, _) = run_quick(&c, &sheet, &profile);
            let (a2, d2, _) = run_quick(&c, &sheet, &profile);
            assert_eq!(ids(&a1), ids(&a2));
            assert_eq!(ids(&d1), ids(&d2));
            // Statuses never go back: in force, then check, then ended.
            let statuses: Vec<ProgrammeStatus> = a1.iter().map(|r| r.programme.status).collect();
            assert!(statuses.windows(2).all(|w| w[0] <= w[1]), "{statuses:?}");
        }
    }
}

#[test]
fn vinh_long_plan_only_in_province_86() {
    let c = catalogue();
    let sheet = shop_sheet(&quick());
    let in86 = Profile {
        province: Some("86".into()),
        ..micro_shop()
    };
    let (laws, _, _) = run_quick(&c, &sheet, &in86);
    let vl = find(&laws, "vinhlong-kh7649").expect("shown in Vĩnh Long");
    assert_eq!(vl.eligibility, Eligibility::Eligible);
    assert_eq!(vl.max_support_vnd, Some(20_000_000));
    for other in ["79", "01", "80", "83"] {
        let elsewhere = Profile {
            province: Some(other.into()),
            ..micro_shop()
        };
        let (laws, _, _) = run_quick(&c, &sheet, &elsewhere);
        assert!(find(&laws, "vinhlong-kh7649").is_none(), "not in {other}");
    }
}

#[test]
fn drafts_are_apart_and_never_in_the_roadmap() {
    let c = catalogue();
    let q = quick();
    let sheet = extreme_sheet(&q, true);
    for profile in [micro_shop(), small_firm(), household(), Profile::default()] {
        let (laws, drafts, size) = run_quick(&c, &sheet, &profile);
        assert!(
            laws.iter()
                .all(|r| r.programme.status != ProgrammeStatus::Draft)
        );
        assert!(
            drafts
                .iter()
                .all(|r| r.programme.status == ProgrammeStatus::Draft)
        );
        assert!(find(&laws, "dx-voucher-2026-draft").is_none());
        assert_eq!(ids(&drafts), ["dx-voucher-2026-draft"]);
        for question in &q.questions {
            let helpers = helping(&c, &q.id, &question.id, &profile, &size);
            assert!(helpers.iter().all(|p| p.status != ProgrammeStatus::Draft));
        }
    }
}

#[test]
fn helping_for_the_roadmap() {
    let c = catalogue();
    let quick_id = QuestionnaireId("quick".into());
    let rules = size_rules();
    let names = |profile: &Profile, qid: &str| -> Vec<String> {
        helping(
            &c,
            &quick_id,
            &QuestionId(qid.into()),
            profile,
            &rules.classify(profile),
        )
        .iter()
        .map(|p| p.id.clone())
        .collect()
    };
    assert_eq!(names(&micro_shop(), "BH1"), ["nd80-11-2", "einvoice"]);
    assert_eq!(names(&household(), "BH1"), ["einvoice"]);
    assert_eq!(names(&micro_shop(), "QT7"), ["nd80-13", "nd80-14"]);
    assert_eq!(
        names(&small_firm(), "QT7"),
        ["nd80-11-1", "nd80-13", "nd80-14"]
    );
    let in_vinh_long = Profile {
        province: Some("86".into()),
        ..micro_shop()
    };
    assert_eq!(
        names(&in_vinh_long, "QT7"),
        ["nd80-13", "nd80-14", "vinhlong-kh7649"]
    );
    let dbi_id = QuestionnaireId("dbi".into());
    let size = rules.classify(&micro_shop());
    let c19: Vec<&str> = helping(&c, &dbi_id, &QuestionId("C19".into()), &micro_shop(), &size)
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(c19, ["nd80-11-2", "einvoice"]);
}

#[test]
fn every_programme_can_be_recommended_from_either_questionnaire() {
    let c = catalogue();
    let rules = size_rules();
    // A profile that only names the province (for the provincial programme) decides nothing else, so nothing is
    // ruled out: every programme is at least a maybe.
    let profile = Profile {
        province: Some("86".into()),
        ..Profile::default()
    };
    let size = rules.classify(&profile);
    for q in [quick(), dbi()] {
        let sheet = extreme_sheet(&q, true);
        let a = Assessment::compute(&q, &sheet);
        let (laws, drafts) = recommend(&c, &q, &sheet, &a, &profile, &size);
        let mut got: Vec<&str> = ids(&laws).into_iter().chain(ids(&drafts)).collect();
        got.sort_unstable();
        let mut all: Vec<&str> = c.programmes.iter().map(|p| p.id.as_str()).collect();
        all.sort_unstable();
        assert_eq!(
            got, all,
            "{}: the weakest answers trigger every programme",
            q.id
        );
        // And every trigger of this questionnaire holds on the weakest answers.
        for r in laws.iter().chain(&drafts) {
            let n = r
                .programme
                .triggers
                .iter()
                .filter(|t| t.questionnaire == q.id.as_str())
                .count();
            assert_eq!(r.reasons.len(), n, "{}: {}", q.id, r.programme.id);
        }
        // A fully digital business is sent nowhere.
        let best = extreme_sheet(&q, false);
        let a = Assessment::compute(&q, &best);
        let (laws, drafts) = recommend(&c, &q, &best, &a, &profile, &size);
        assert!(
            laws.is_empty() && drafts.is_empty(),
            "{}: {:?} {:?}",
            q.id,
            ids(&laws),
            ids(&drafts)
        );
    }
}

#[test]
fn dbi_einvoice_ratio_compares_as_a_percentage() {
    let c = catalogue();
    let q = dbi();
    let profile = micro_shop();
    let size = size_rules().classify(&profile);
    let mut sheet = extreme_sheet(&q, false);
    let einvoice_for = |sheet: &AnswerSheet| -> Option<Vec<String>> {
        let a = Assessment::compute(&q, sheet);
        let (laws, _) = recommend(&c, &q, sheet, &a, &profile, &size);
        find(&laws, "einvoice").map(|r| {
            r.reasons
                .iter()
                .filter_map(|x| x.text.map(|t| t.en.clone()))
                .collect()
        })
    };
    assert_eq!(einvoice_for(&sheet), None, "all invoices electronic");
    put(
        &q,
        &mut sheet,
        "C19",
        Answer::Ratio {
            num: 30.0,
            den: 100.0,
        },
    );
    assert_eq!(
        einvoice_for(&sheet),
        Some(vec![
            "not all invoices issued were e-invoices (under 100 %)".to_string()
        ])
    );
    put(
        &q,
        &mut sheet,
        "C19",
        Answer::Ratio {
            num: 199.0,
            den: 200.0,
        },
    );
    assert!(einvoice_for(&sheet).is_some(), "99.5 % is not all");
    put(
        &q,
        &mut sheet,
        "C19",
        Answer::Ratio {
            num: 200.0,
            den: 200.0,
        },
    );
    assert_eq!(einvoice_for(&sheet), None);
    put(&q, &mut sheet, "C19", Answer::DontKnow);
    assert_eq!(einvoice_for(&sheet), None, "don't know decides nothing");
}

#[test]
fn dbi_strategy_gap_sends_small_firms_to_consultancy() {
    let c = catalogue();
    let q = dbi();
    let mut sheet = extreme_sheet(&q, false);
    choose(&q, &mut sheet, "C14", "drafting");
    let a = Assessment::compute(&q, &sheet);
    let p2 = a
        .dimension(&dx_check::domain::assessment::text::DimensionId(
            "P2".into(),
        ))
        .expect("P2");
    assert_eq!(p2.level, 2, "10 of 25 points is 40 %");
    for (profile, want) in [(small_firm(), true), (micro_shop(), false)] {
        let size = size_rules().classify(&profile);
        let (laws, _) = recommend(&c, &q, &sheet, &a, &profile, &size);
        assert_eq!(find(&laws, "nd80-11-1").is_some(), want);
        let network = find(&laws, "nd80-13").expect("the consultant network is open to all sizes");
        assert_eq!(network.reasons.len(), 1);
        assert!(
            network.reasons[0]
                .dimension
                .as_ref()
                .is_some_and(|(d, l)| d.as_str() == "P2" && *l == 2)
        );
    }
    choose(&q, &mut sheet, "C14", "some_activities");
    let a = Assessment::compute(&q, &sheet);
    let size = size_rules().classify(&small_firm());
    let (laws, _) = recommend(&c, &q, &sheet, &a, &small_firm(), &size);
    assert!(find(&laws, "nd80-11-1").is_none(), "15 of 25 is level 3");
}

// ---------------------------------------------------------------------------------------------------------------
// Bad catalogues, one exact variant each

fn prog(id: &str) -> Json {
    json!({
        "id": id,
        "title": {"vi": "Chương trình thử", "en": "Test programme"},
        "summary": {"vi": "Tóm tắt", "en": "Summary"},
        "legal": {"ref": "Thử", "tag": "D"},
        "issuer": {"vi": "Cơ quan", "en": "Agency"},
        "responsible": {"vi": "Cơ quan", "en": "Agency"},
        "status": "in_force",
        "triggers": [{
            "questionnaire": "quick",
            "when": "BH1 == 'none'",
            "reason": {"vi": "chưa có hóa đơn điện tử", "en": "no e-invoices"}
        }],
        "benefit": {"text": {"vi": "Lợi ích", "en": "Benefit"}, "tag": "D"},
        "apply": {"vi": "Nộp ở đây", "en": "Apply here"}
    })
}

fn small() -> Json {
    json!({"kind": "programmes", "as_of": "2026-11-23", "programmes": [prog("a")]})
}

fn load(v: &Json) -> Result<Programmes, ProgrammeError> {
    Programmes::from_json(&v.to_string(), &[&quick(), &dbi()])
}

fn with_trigger(trigger: Json) -> Json {
    let mut v = small();
    v["programmes"][0]["triggers"] = json!([trigger]);
    v
}

fn bad_trigger(problem: TriggerProblem) -> Result<Programmes, ProgrammeError> {
    Err(ProgrammeError::BadTrigger {
        programme: "a".into(),
        problem,
    })
}

/// Programme `a`'s condition `condition` on `questionnaire`, refused with the error a `visible_if` would get.
fn bad_condition(questionnaire: &str, condition: &str, kind: ErrorKind) -> TriggerProblem {
    TriggerProblem::Condition {
        questionnaire: questionnaire.into(),
        condition: condition.into(),
        error: Box::new(QuestionnaireError::new(Location::Owner("a".into()), kind)),
    }
}

#[test]
fn small_catalogue_loads() {
    let c = load(&small()).expect("the small catalogue is valid");
    assert_eq!(c.programmes.len(), 1);
    assert_eq!(c.programmes[0].eligible, Default::default());
    assert!(!c.programmes[0].priority);
}

#[test]
fn bad_catalogues_exact_variants() {
    let mut dup = small();
    dup["programmes"] = json!([prog("a"), prog("b"), prog("a")]);
    assert_eq!(load(&dup), Err(ProgrammeError::Duplicate("a".into())));

    let mut kind = small();
    kind["kind"] = json!("questionnaire");
    assert_eq!(
        load(&kind),
        Err(ProgrammeError::WrongKind("questionnaire".into()))
    );

    let mut none = small();
    none["programmes"][0]["triggers"] = json!([]);
    assert_eq!(load(&none), Err(ProgrammeError::NoTriggers("a".into())));

    let mut blank = small();
    blank["programmes"][0]["benefit"]["text"]["en"] = json!("  ");
    assert_eq!(
        load(&blank),
        Err(ProgrammeError::MissingTranslation("a".into()))
    );

    let mut blank_reason = small();
    blank_reason["programmes"][0]["triggers"][0]["reason"]["vi"] = json!("");
    assert_eq!(
        load(&blank_reason),
        Err(ProgrammeError::MissingTranslation("a".into()))
    );

    let mut unknown_field = small();
    unknown_field["programmes"][0]["budget"] = json!(1);
    assert!(matches!(
        load(&unknown_field),
        Err(ProgrammeError::Parse(_))
    ));

    let mut bad_status = small();
    bad_status["programmes"][0]["status"] = json!("active");
    assert!(matches!(load(&bad_status), Err(ProgrammeError::Parse(_))));

    let mut bad_size = small();
    bad_size["programmes"][0]["eligible"] = json!({"sizes": ["large"]});
    assert!(matches!(load(&bad_size), Err(ProgrammeError::Parse(_))));
}

#[test]
fn bad_triggers_exact_variants() {
    assert_eq!(
        load(&with_trigger(
            json!({"questionnaire": "nope", "max_level": 2})
        )),
        bad_trigger(TriggerProblem::UnknownQuestionnaire {
            questionnaire: "nope".into()
        })
    );
    assert_eq!(
        load(&with_trigger(json!({
            "questionnaire": "quick",
            "when": "ZZ9 == 'x'",
            "reason": {"vi": "lý do", "en": "reason"}
        }))),
        bad_trigger(bad_condition(
            "quick",
            "ZZ9 == 'x'",
            ErrorKind::ConditionUnknownQuestion {
                refers_to: "ZZ9".into()
            }
        ))
    );
    // A DBI question named in a quick-check trigger is unknown there.
    assert_eq!(
        load(&with_trigger(json!({
            "questionnaire": "quick",
            "when": "C19 < 100",
            "reason": {"vi": "lý do", "en": "reason"}
        }))),
        bad_trigger(bad_condition(
            "quick",
            "C19 < 100",
            ErrorKind::ConditionUnknownQuestion {
                refers_to: "C19".into()
            }
        ))
    );
    assert_eq!(
        load(&with_trigger(
            json!({"questionnaire": "quick", "when": "BH1 == 'none'"})
        )),
        bad_trigger(TriggerProblem::NoReason {
            condition: "BH1 == 'none'".into()
        })
    );
    assert_eq!(
        load(&with_trigger(json!({"questionnaire": "quick"}))),
        bad_trigger(TriggerProblem::NothingToTest)
    );
    assert_eq!(
        load(&with_trigger(
            json!({"questionnaire": "quick", "dimension": "P2", "max_level": 2})
        )),
        bad_trigger(TriggerProblem::UnknownDimension {
            questionnaire: "quick".into(),
            dimension: "P2".into()
        })
    );
    assert_eq!(
        load(&with_trigger(
            json!({"questionnaire": "dbi", "dimension": "P2"})
        )),
        bad_trigger(TriggerProblem::NoMaxLevel {
            dimension: "P2".into()
        })
    );
    assert_eq!(
        load(&with_trigger(json!({
            "questionnaire": "quick",
            "when": "BH1 ==",
            "reason": {"vi": "lý do", "en": "reason"}
        }))),
        bad_trigger(bad_condition(
            "quick",
            "BH1 ==",
            ErrorKind::Condition(ParseError::UnexpectedEnd {
                expected: "a quoted option id or a number"
            })
        ))
    );
    // Values are checked as strictly as a `visible_if`'s.
    assert_eq!(
        load(&with_trigger(json!({
            "questionnaire": "quick",
            "when": "BH1 == 'nope'",
            "reason": {"vi": "lý do", "en": "reason"}
        }))),
        bad_trigger(bad_condition(
            "quick",
            "BH1 == 'nope'",
            ErrorKind::ConditionTypeMismatch {
                refers_to: "BH1".into(),
                problem: ConditionProblem::NoSuchOption {
                    option: "nope".into()
                }
            }
        ))
    );
    // Every question is looked up before any value is checked.
    assert_eq!(
        load(&with_trigger(json!({
            "questionnaire": "quick",
            "when": "BH1 == 'nope' or ZZ9 == 'x'",
            "reason": {"vi": "lý do", "en": "reason"}
        }))),
        bad_trigger(bad_condition(
            "quick",
            "BH1 == 'nope' or ZZ9 == 'x'",
            ErrorKind::ConditionUnknownQuestion {
                refers_to: "ZZ9".into()
            }
        ))
    );
    assert_eq!(
        load(&with_trigger(json!({
            "questionnaire": "quick",
            "max_level": 2,
            "reason": {"vi": "lý do", "en": "reason"}
        }))),
        bad_trigger(TriggerProblem::ReasonWithoutCondition)
    );
    let mut typo = small();
    typo["programmes"][0]["triggers"][0]["max_lvl"] = json!(2);
    assert!(matches!(load(&typo), Err(ProgrammeError::Parse(_))));
}

#[test]
fn bad_helps_with_exact_variants() {
    let mut unknown_q = small();
    unknown_q["programmes"][0]["helps_with"] = json!({"quick": ["BH1", "ZZ1"]});
    assert_eq!(
        load(&unknown_q),
        bad_trigger(TriggerProblem::HelpsWithUnknownQuestion {
            questionnaire: "quick".into(),
            question: "ZZ1".into()
        })
    );
    let mut unknown_questionnaire = small();
    unknown_questionnaire["programmes"][0]["helps_with"] = json!({"nope": ["BH1"]});
    assert_eq!(
        load(&unknown_questionnaire),
        bad_trigger(TriggerProblem::HelpsWithUnknownQuestionnaire {
            questionnaire: "nope".into()
        })
    );
}

/// The message of a refused condition names the programme, the condition and what is wrong with it, once each.
#[test]
fn bad_condition_message_names_programme_condition_and_fault() {
    let refused = load(&with_trigger(json!({
        "questionnaire": "quick",
        "when": "BH1 == 'nope'",
        "reason": {"vi": "lý do", "en": "reason"}
    })));
    let message = refused
        .expect_err("an unknown option is refused")
        .to_string();
    assert_eq!(
        message,
        "programme `a`: condition `BH1 == 'nope'` on `quick`: its condition on `BH1` does not fit \
         that question: it has no option `nope`"
    );
}

/// The tally's cheap matcher lists exactly what `recommend` lists, minus drafts and ended programmes, on thousands
/// of generated records of both questionnaires (sizes, provinces, answers and conditions all vary).
#[test]
fn tally_matching_agrees_with_recommend() {
    use dx_check::domain::advice::recommend::{matching_positions, matching_shown};
    use dx_check::domain::catalog::Catalog;
    use dx_check::domain::province::generate::Generator;
    let catalog = Catalog::builtin().expect("built-in data loads");
    let qs = catalog.questionnaire_refs();
    let provinces = catalog.province_codes();
    let (mut records, mut matched, mut kept_hidden) = (0, 0, 0);
    for r in Generator::new(3000, 7, &qs, &provinces) {
        let q = qs
            .iter()
            .find(|q| q.id == r.questionnaire.id)
            .expect("generated for a known questionnaire");
        let a = Assessment::compute(q, &r.answers);
        // The generator answers hidden questions too (the app keeps such answers, so that showing the question
        // again restores them); no condition may see them.
        kept_hidden += q
            .questions
            .iter()
            .zip(a.visibility())
            .filter(|(question, visible)| !visible && r.answers.get(&question.id).is_some())
            .count();
        let size = catalog.size_rules.classify(&r.profile);
        let (laws, _) = recommend(&catalog.programmes, q, &r.answers, &a, &r.profile, &size);
        let mut expected: Vec<u16> = laws
            .iter()
            .filter(|x| x.programme.status != ProgrammeStatus::Ended)
            .map(|x| {
                let i = catalog
                    .programmes
                    .programmes
                    .iter()
                    .position(|p| p.id == x.programme.id)
                    .expect("from the catalogue");
                u16::try_from(i).expect("small catalogue")
            })
            .collect();
        expected.sort_unstable();
        assert_eq!(
            a.visibility(),
            r.answers.visibility(q),
            "assessment and sheet agree on what is shown"
        );
        let got = matching_positions(&catalog.programmes, q, &r.answers, &a, &r.profile, &size);
        assert_eq!(got, expected, "record {}", r.assessment_id);
        // The tally's fast path reads the answers the conditions see from the check (`check_shown`), not from the
        // sheet: the same programmes.
        let (_, checked, shown) = r.check_shown(&qs).expect("a generated record passes");
        assert_eq!(checked, a, "the check scores as `compute` does");
        let seen: Vec<Option<&Answer>> = q
            .questions
            .iter()
            .zip(a.visibility())
            .map(|(question, visible)| r.answers.get(&question.id).filter(|_| visible))
            .collect();
        assert_eq!(
            shown, seen,
            "record {}: the answers of visible questions",
            r.assessment_id
        );
        let fast = matching_shown(&catalog.programmes, q, &shown, &a, &r.profile, &size);
        assert_eq!(
            fast, expected,
            "record {} (shown by the check)",
            r.assessment_id
        );
        records += 1;
        matched += got.len();
    }
    assert_eq!(records, 3000);
    assert!(matched > 3000, "the records match programmes ({matched})");
    assert!(
        kept_hidden > 100,
        "hidden questions keep answers ({kept_hidden})"
    );
}
