//! Golden, round-trip and bad-input tests of the domain against the shipped data files.
use dx_check::domain::assessment::answer::Answer;
use dx_check::domain::assessment::answers::AnswerSheet;
use dx_check::domain::assessment::questionnaire::Questionnaire;
use dx_check::domain::assessment::scoring::Assessment;
use dx_check::domain::assessment::text::{OptionId, QuestionId};
use std::path::Path;

fn data_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("questionnaires/ exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("readable file");
            out.push((
                path.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                text,
            ));
        }
    }
    out.sort();
    out
}

/// The app embeds the data files without their layout (`build.rs`): the same JSON values, every one of them.
#[test]
fn embedded_data_is_the_files_without_layout() {
    use dx_check::domain::catalog::{
        LOCALE_FILE, LOCALE_OFFICE_FILE, PROGRAMMES_FILE, PROVINCES_FILE, QUESTIONNAIRE_FILES,
        SIZE_RULES_FILE, VSIC_FILE,
    };
    let mut embedded: Vec<(&str, &str)> = QUESTIONNAIRE_FILES.to_vec();
    embedded.extend([
        ("provinces.json", PROVINCES_FILE),
        ("size_rules.json", SIZE_RULES_FILE),
        ("programmes.json", PROGRAMMES_FILE),
        ("locale.json", LOCALE_FILE),
        ("locale_office.json", LOCALE_OFFICE_FILE),
        ("vsic_sectors.json", VSIC_FILE),
    ]);
    let files = data_files();
    assert_eq!(embedded.len(), files.len(), "every data file is embedded");
    for (name, text) in embedded {
        let (_, source) = files
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} is a data file"));
        let parse = |t: &str| serde_json::from_str::<serde_json::Value>(t).expect("JSON");
        assert_eq!(parse(text), parse(source), "{name}");
        assert!(
            text.len() < source.len(),
            "{name} is embedded without its layout"
        );
        assert!(!text.contains("\n  "), "{name}");
    }
}

fn kind_of(json: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).expect("every data file is JSON");
    v.get("kind")
        .and_then(|k| k.as_str())
        .unwrap_or("")
        .to_string()
}

#[test]
fn every_questionnaire_file_validates() {
    let files = data_files();
    let questionnaires: Vec<_> = files
        .iter()
        .filter(|(_, t)| kind_of(t) == "questionnaire")
        .collect();
    assert!(
        !questionnaires.is_empty(),
        "questionnaires/ holds at least the quick check"
    );
    for (name, text) in questionnaires {
        let q = Questionnaire::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            format!("{}.json", q.id),
            *name,
            "file name matches the questionnaire id"
        );
    }
}

fn quick() -> Questionnaire {
    Questionnaire::from_json(include_str!("../questionnaires/quick.json"))
        .expect("quick check validates")
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

#[test]
fn quick_check_shape() {
    let q = quick();
    let dims: Vec<&str> = q.dimensions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(dims, ["QT", "BH", "TMDT"]);
    for d in &q.dimensions {
        let n = q.questions_in(&d.id).count();
        assert!((6..=9).contains(&n), "{} has {n} questions, want 6–9", d.id);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Validation: one exact-variant test per error, each built by breaking one thing in a minimal valid file.

use dx_check::domain::assessment::expr::ParseError;
use dx_check::domain::assessment::questionnaire::{
    BinProblem, ConditionProblem, DuplicateOf, ErrorKind as K, Field, FieldProblem, Location,
    QuestionType, QuestionnaireError as QE, RuleProblem, ThresholdProblem,
};
use dx_check::domain::assessment::text::Lang;
use serde_json::{Value, json};

fn minimal() -> Value {
    let band = |level: u8, max: u32, incl: bool| json!({"level": level, "name": {"vi": "v", "en": "e"}, "description": {"vi": "v", "en": "e"}, "max_pct": max, "inclusive": incl});
    json!({
        "kind": "questionnaire", "format": 1, "id": "t", "version": "1",
        "title": {"vi": "v", "en": "e"}, "description": {"vi": "v", "en": "e"}, "estimated_minutes": 1,
        "source": {"ref": "test", "tag": "D"}, "disclaimer": {"vi": "v", "en": "e"},
        "levels": [band(0, 10, false), band(1, 20, true), band(2, 40, true), band(3, 60, true), band(4, 80, true), band(5, 100, true)],
        "overall": {"method": "weighted_share"},
        "dimensions": [{"id": "D1", "name": {"vi": "v", "en": "e"}, "description": {"vi": "v", "en": "e"}}],
        "questions": [
            {"id": "Q1", "dimension": "D1", "type": "single", "text": {"vi": "v", "en": "e"}, "source": {"ref": "r", "tag": "D"},
             "options": [{"id": "a", "label": {"vi": "v", "en": "e"}, "points": 0}, {"id": "b", "label": {"vi": "v", "en": "e"}, "points": 5}]},
            {"id": "Q2", "dimension": "D1", "type": "number", "text": {"vi": "v", "en": "e"}, "source": {"ref": "r", "tag": "D"},
             "min": 0, "max": 100, "bins": {"status": "proposed", "steps": [{"up_to": 0, "points": 0}, {"points": 5}]}}
        ]
    })
}

fn load(v: &Value) -> Result<Questionnaire, QE> {
    Questionnaire::from_json(&v.to_string())
}

#[test]
fn the_minimal_file_is_valid() {
    let q = load(&minimal()).expect("the base of every mutation test is valid");
    assert_eq!(q.total_max_points, 10);
}

fn question(id: &str) -> Location {
    Location::Question(id.into())
}

fn option(question: &str, option: &str) -> Location {
    Location::QuestionOption {
        question: question.into(),
        option: option.into(),
    }
}

fn questionnaire() -> Location {
    Location::Questionnaire("t".into())
}

/// Turns Q2 into a ratio question with both labels.
fn as_ratio(v: &mut Value) {
    let q = &mut v["questions"][1];
    q["type"] = json!("ratio");
    for field in ["min", "max"] {
        q.as_object_mut().map(|o| o.remove(field));
    }
    q["numerator"] = json!({"vi": "v", "en": "e"});
    q["denominator"] = json!({"vi": "v", "en": "e"});
}

/// Adds a group G1 in D1 and puts Q1 in it.
fn with_group(v: &mut Value) {
    v["groups"] = json!([{"id": "G1", "dimension": "D1", "name": {"vi": "v", "en": "e"}}]);
    v["questions"][0]["group"] = json!("G1");
}

fn dbi_rules(v: &mut Value, rules: Value) {
    v["overall"] =
        json!({"method": "dbi_rule", "source": {"ref": "r", "tag": "V3"}, "rules": rules});
}

fn mismatch(refers_to: &str, problem: ConditionProblem) -> K {
    K::ConditionTypeMismatch {
        refers_to: refers_to.into(),
        problem,
    }
}

#[test]
fn every_validation_error_exact_variant() {
    type Mutate = fn(&mut Value);
    let cases: Vec<(&str, Mutate, Location, K)> = vec![
        (
            "wrong kind",
            |v| v["kind"] = json!("locale"),
            Location::File,
            K::WrongKind {
                found: "locale".into(),
            },
        ),
        (
            "format",
            |v| v["format"] = json!(2),
            Location::File,
            K::UnsupportedFormat {
                found: 2,
                supported: 1,
            },
        ),
        (
            "bad id",
            |v| v["id"] = json!("1x"),
            Location::Questionnaire("1x".into()),
            K::BadId,
        ),
        (
            "bad option id",
            |v| v["questions"][0]["options"][1]["id"] = json!("b c"),
            option("Q1", "b c"),
            K::BadId,
        ),
        (
            "no version",
            |v| v["version"] = json!(" "),
            questionnaire(),
            K::MissingVersion,
        ),
        (
            "duplicate question",
            |v| v["questions"][1]["id"] = json!("Q1"),
            questionnaire(),
            K::Duplicate {
                of: DuplicateOf::Question,
                id: "Q1".into(),
            },
        ),
        (
            "duplicate dimension",
            |v| {
                let d = v["dimensions"][0].clone();
                v["dimensions"].as_array_mut().expect("array").push(d);
            },
            questionnaire(),
            K::Duplicate {
                of: DuplicateOf::Dimension,
                id: "D1".into(),
            },
        ),
        (
            "duplicate group",
            |v| {
                with_group(v);
                let g = v["groups"][0].clone();
                v["groups"].as_array_mut().expect("array").push(g);
            },
            questionnaire(),
            K::Duplicate {
                of: DuplicateOf::Group,
                id: "G1".into(),
            },
        ),
        (
            "duplicate option",
            |v| v["questions"][0]["options"][1]["id"] = json!("a"),
            question("Q1"),
            K::Duplicate {
                of: DuplicateOf::Option,
                id: "a".into(),
            },
        ),
        (
            "unknown dimension",
            |v| v["questions"][1]["dimension"] = json!("XX"),
            question("Q2"),
            K::UnknownDimension {
                dimension: "XX".into(),
            },
        ),
        (
            "group in an unknown dimension",
            |v| {
                with_group(v);
                v["groups"][0]["dimension"] = json!("XX");
            },
            Location::Group("G1".into()),
            K::UnknownDimension {
                dimension: "XX".into(),
            },
        ),
        (
            "unknown group",
            |v| v["questions"][0]["group"] = json!("G9"),
            question("Q1"),
            K::UnknownGroup {
                group: "G9".into(),
                dimension: "D1".into(),
            },
        ),
        (
            "missing translation",
            |v| v["questions"][0]["options"][1]["label"]["en"] = json!(""),
            option("Q1", "b"),
            K::MissingTranslation { lang: Lang::En },
        ),
        (
            "missing vi title",
            |v| v["title"] = json!({"en": "e"}),
            Location::QuestionnaireTitle("t".into()),
            K::MissingTranslation { lang: Lang::Vi },
        ),
        (
            "missing help translation",
            |v| v["questions"][1]["help"] = json!({"vi": "v"}),
            Location::QuestionHelp("Q2".into()),
            K::MissingTranslation { lang: Lang::En },
        ),
        (
            "missing level description",
            |v| v["levels"][3]["description"]["vi"] = json!(" "),
            Location::LevelDescription(3),
            K::MissingTranslation { lang: Lang::Vi },
        ),
        (
            "missing dimension description",
            |v| v["dimensions"][0]["description"] = json!({"vi": "v"}),
            Location::DimensionDescription("D1".into()),
            K::MissingTranslation { lang: Lang::En },
        ),
        (
            "missing unit translation",
            |v| v["questions"][1]["unit"] = json!({"en": "e"}),
            Location::QuestionUnit("Q2".into()),
            K::MissingTranslation { lang: Lang::Vi },
        ),
        (
            "unknown type",
            |v| v["questions"][0]["type"] = json!("slider"),
            question("Q1"),
            K::UnknownType {
                found: "slider".into(),
            },
        ),
        (
            "number without bins",
            |v| {
                v["questions"][1]
                    .as_object_mut()
                    .map(|o| o.remove("bins"))
                    .map(drop)
                    .unwrap_or(())
            },
            question("Q2"),
            K::BadField(FieldProblem::Required(Field::Bins)),
        ),
        (
            "ratio without a numerator",
            |v| {
                as_ratio(v);
                v["questions"][1]
                    .as_object_mut()
                    .map(|o| o.remove("numerator"));
            },
            question("Q2"),
            K::BadField(FieldProblem::Required(Field::Numerator)),
        ),
        (
            "ratio with a unit",
            |v| {
                as_ratio(v);
                v["questions"][1]["unit"] = json!({"vi": "v", "en": "e"});
            },
            question("Q2"),
            K::BadField(FieldProblem::DoesNotApply {
                field: Field::Unit,
                to: QuestionType::Ratio,
            }),
        ),
        (
            "single with bins",
            |v| v["questions"][0]["bins"] = v["questions"][1]["bins"].clone(),
            question("Q1"),
            K::BadField(FieldProblem::DoesNotApply {
                field: Field::Bins,
                to: QuestionType::Single,
            }),
        ),
        (
            "number range upside down",
            |v| v["questions"][1]["min"] = json!(200),
            question("Q2"),
            K::BadField(FieldProblem::BadRange),
        ),
        (
            "unscored question that is not optional",
            |v| v["questions"][1]["max_points"] = json!(0),
            question("Q2"),
            K::BadField(FieldProblem::MaxPointsBelowOne { max: 0 }),
        ),
        (
            "option without points",
            |v| {
                v["questions"][0]["options"][0]
                    .as_object_mut()
                    .map(|o| o.remove("points"));
            },
            option("Q1", "a"),
            K::BadField(FieldProblem::NoScore),
        ),
        (
            "exclusive option in a single-choice question",
            |v| v["questions"][0]["options"][0]["exclusive"] = json!(true),
            option("Q1", "a"),
            K::BadField(FieldProblem::ExclusiveOutsideMulti),
        ),
        (
            "points above max",
            |v| v["questions"][0]["options"][1]["points"] = json!(6),
            option("Q1", "b"),
            K::PointsOutOfRange { points: 6, max: 5 },
        ),
        (
            "negative points",
            |v| v["questions"][0]["options"][0]["points"] = json!(-1),
            option("Q1", "a"),
            K::PointsOutOfRange { points: -1, max: 5 },
        ),
        (
            "bin points above max",
            |v| v["questions"][1]["bins"]["steps"][1]["points"] = json!(6),
            Location::Bin {
                question: "Q2".into(),
                number: 2,
            },
            K::PointsOutOfRange { points: 6, max: 5 },
        ),
        (
            "max not reachable",
            |v| v["questions"][0]["options"][1]["points"] = json!(4),
            question("Q1"),
            K::MaxNotReachable { best: 4, max: 5 },
        ),
        (
            "bins out of order",
            |v| {
                v["questions"][1]["bins"]["steps"] =
                    json!([{"up_to": 50, "points": 0}, {"up_to": 20, "points": 2}, {"points": 5}])
            },
            Location::Bin {
                question: "Q2".into(),
                number: 2,
            },
            K::BinsOutOfOrder(BinProblem::NotAscending { up_to: 20.0 }),
        ),
        (
            "open bin before the last",
            |v| {
                v["questions"][1]["bins"]["steps"] =
                    json!([{"points": 0}, {"up_to": 20, "points": 2}, {"points": 5}])
            },
            Location::Bin {
                question: "Q2".into(),
                number: 1,
            },
            K::BinsOutOfOrder(BinProblem::OpenBeforeLast),
        ),
        (
            "last bin closed",
            |v| v["questions"][1]["bins"]["steps"][1]["up_to"] = json!(100),
            Location::Bin {
                question: "Q2".into(),
                number: 2,
            },
            K::BinsOutOfOrder(BinProblem::LastNotOpen),
        ),
        (
            "no bins",
            |v| v["questions"][1]["bins"]["steps"] = json!([]),
            question("Q2"),
            K::BinsOutOfOrder(BinProblem::NoBins),
        ),
        (
            "thresholds out of order",
            |v| v["levels"][2]["max_pct"] = json!(15),
            Location::Level(2),
            K::ThresholdsOutOfOrder(ThresholdProblem::NotAbovePrevious {
                max_pct: 15,
                previous: 20,
            }),
        ),
        (
            "level missing",
            |v| {
                v["levels"].as_array_mut().expect("array").remove(3);
            },
            Location::Level(4),
            K::ThresholdsOutOfOrder(ThresholdProblem::WrongLevel { expected: 3 }),
        ),
        (
            "last band not 100 %",
            |v| v["levels"][5]["max_pct"] = json!(99),
            Location::Level(5),
            K::ThresholdsOutOfOrder(ThresholdProblem::BadLastBand),
        ),
        (
            "no levels",
            |v| v["levels"] = json!([]),
            Location::Levels,
            K::ThresholdsOutOfOrder(ThresholdProblem::NoLevels),
        ),
        (
            "zero weight",
            |v| v["dimensions"][0]["weight"] = json!(0),
            Location::Dimension("D1".into()),
            K::BadWeight { weight: 0 },
        ),
        (
            "empty dimension",
            |v| {
                v["dimensions"]
                    .as_array_mut()
                    .expect("array")
                    .push(json!({"id": "D2", "name": {"vi": "v", "en": "e"}, "description": {"vi": "v", "en": "e"}}));
            },
            Location::Dimension("D2".into()),
            K::EmptyDimension,
        ),
        (
            "declared max differs",
            |v| v["dimensions"][0]["max_points"] = json!(12),
            Location::Dimension("D1".into()),
            K::MaxMismatch {
                declared: 12,
                computed: 10,
            },
        ),
        (
            "group max differs",
            |v| {
                with_group(v);
                v["groups"][0]["max_points"] = json!(4);
            },
            Location::Group("G1".into()),
            K::MaxMismatch {
                declared: 4,
                computed: 5,
            },
        ),
        (
            "total differs",
            |v| v["total_max_points"] = json!(320),
            questionnaire(),
            K::MaxMismatch {
                declared: 320,
                computed: 10,
            },
        ),
        (
            "condition does not parse",
            |v| v["questions"][1]["visible_if"] = json!("Q1 = 'a'"),
            question("Q2"),
            K::Condition(ParseError::UnknownChar { pos: 3, ch: '=' }),
        ),
        (
            "condition on unknown question",
            |v| v["questions"][1]["visible_if"] = json!("Q9 == 'a'"),
            question("Q2"),
            K::ConditionUnknownQuestion {
                refers_to: "Q9".into(),
            },
        ),
        (
            "condition on a later question",
            |v| v["questions"][0]["visible_if"] = json!("Q2 > 3"),
            question("Q1"),
            K::ConditionForwardReference {
                refers_to: "Q2".into(),
            },
        ),
        (
            "condition on itself",
            |v| v["questions"][1]["visible_if"] = json!("Q2 > 3"),
            question("Q2"),
            K::ConditionForwardReference {
                refers_to: "Q2".into(),
            },
        ),
        (
            "condition with an unknown option",
            |v| v["questions"][1]["visible_if"] = json!("Q1 == 'zz'"),
            question("Q2"),
            mismatch(
                "Q1",
                ConditionProblem::NoSuchOption {
                    option: "zz".into(),
                },
            ),
        ),
        (
            "condition compares a choice with a number",
            |v| v["questions"][1]["visible_if"] = json!("Q1 > 3"),
            question("Q2"),
            mismatch(
                "Q1",
                ConditionProblem::OrderingOnChoice {
                    found: QuestionType::Single,
                },
            ),
        ),
        (
            "condition tests a choice for a number",
            |v| v["questions"][1]["visible_if"] = json!("Q1 == 3"),
            question("Q2"),
            mismatch("Q1", ConditionProblem::NumberForChoice { value: 3.0 }),
        ),
        (
            "condition compares a number with text",
            |v| {
                let q = v["questions"][0].clone();
                v["questions"][0] = v["questions"][1].clone();
                v["questions"][1] = q;
                v["questions"][1]["visible_if"] = json!("Q2 == 'a'");
            },
            question("Q1"),
            mismatch(
                "Q2",
                ConditionProblem::TextForNumber {
                    value: "a".into(),
                    found: QuestionType::Number,
                },
            ),
        ),
        (
            "has on a single-choice question",
            |v| v["questions"][1]["visible_if"] = json!("Q1 has 'a'"),
            question("Q2"),
            mismatch(
                "Q1",
                ConditionProblem::HasNeedsMulti {
                    found: QuestionType::Single,
                },
            ),
        ),
        (
            "equality on a multi-choice question",
            |v| {
                v["questions"][0]["type"] = json!("multi");
                v["questions"][1]["visible_if"] = json!("Q1 == 'a'");
            },
            question("Q2"),
            mismatch("Q1", ConditionProblem::UseHas),
        ),
        (
            "overall rules out of order",
            |v| {
                dbi_rules(
                    v,
                    json!([
                        {"level": 1, "total_above": 20, "min_dimensions": 1, "dimension_level": 1},
                        {"level": 2, "total_above": 10, "min_dimensions": 1, "dimension_level": 2}]),
                );
            },
            Location::OverallRule(2),
            K::BadOverallRule(RuleProblem::TotalNotAbovePrevious {
                total: 10,
                previous: 20,
            }),
        ),
        (
            "overall rule for the wrong level",
            |v| {
                dbi_rules(
                    v,
                    json!([{"level": 2, "total_above": 20, "min_dimensions": 1, "dimension_level": 1}]),
                );
            },
            Location::OverallRule(2),
            K::BadOverallRule(RuleProblem::WrongLevel { expected: 1 }),
        ),
        (
            "overall rule above the top level",
            |v| {
                dbi_rules(
                    v,
                    json!([{"level": 1, "total_above": 20, "min_dimensions": 1, "dimension_level": 6}]),
                );
            },
            Location::OverallRule(1),
            K::BadOverallRule(RuleProblem::DimensionLevelTooHigh { dimension_level: 6 }),
        ),
        (
            "overall rules incomplete",
            |v| {
                dbi_rules(
                    v,
                    json!([{"level": 1, "total_above": 20, "min_dimensions": 1, "dimension_level": 1}]),
                );
            },
            Location::OverallRules,
            K::BadOverallRule(RuleProblem::WrongCount { count: 1 }),
        ),
        (
            "na option that is not exclusive in multi",
            |v| {
                v["questions"][0]["type"] = json!("multi");
                v["questions"][0]["options"][0] =
                    json!({"id": "a", "label": {"vi": "v", "en": "e"}, "na": true});
            },
            option("Q1", "a"),
            K::BadField(FieldProblem::NaNotExclusive),
        ),
    ];
    for (name, mutate, at, kind) in cases {
        let mut v = minimal();
        mutate(&mut v);
        assert_eq!(load(&v).err(), Some(QE::new(at, kind)), "{name}");
    }
}

#[test]
fn validation_errors_read_with_their_place_and_value() {
    // What `dxcheck validate` prints: the place (ids, level, bin) and the offending value, in words.
    type Mutate = fn(&mut Value);
    let cases: Vec<(Mutate, &str)> = vec![
        (
            |v| v["questions"][0]["options"][1]["label"]["en"] = json!(""),
            "question `Q1`, option `b`: has no En text; add it",
        ),
        (
            |v| v["questions"][1]["bins"]["steps"][1]["points"] = json!(6),
            "question `Q2`, bin 2: 6 points is outside 0–5",
        ),
        (
            |v| v["questions"][1]["id"] = json!("Q1"),
            "questionnaire `t`: duplicate question id `Q1`; give each question its own id",
        ),
        (
            |v| {
                as_ratio(v);
                v["questions"][1]["unit"] = json!({"vi": "v", "en": "e"});
            },
            "question `Q2`: `unit` does not apply to a ratio question; remove it",
        ),
        (
            |v| v["questions"][1]["visible_if"] = json!("Q1 == 'zz'"),
            "question `Q2`: its condition on `Q1` does not fit that question: it has no option `zz`",
        ),
        (
            |v| v["levels"][2]["max_pct"] = json!(15),
            "level 2: upper bound 15% must be above the previous 20%",
        ),
        (
            |v| v["dimensions"][0]["max_points"] = json!(12),
            "dimension `D1`: declares 12 points but its questions add up to 10",
        ),
        (
            |v| v["format"] = json!(2),
            "format 2 is not supported (this app reads format 1); update the app or the file",
        ),
    ];
    for (mutate, want) in cases {
        let mut v = minimal();
        mutate(&mut v);
        let got = load(&v).err().map(|e| e.to_string());
        assert_eq!(got.as_deref(), Some(want));
    }
}

#[test]
fn malformed_json_is_a_parse_error_with_a_position() {
    for bad in ["", "{", "[]", r#"{"kind":"questionnaire"}"#, "not json"] {
        match Questionnaire::from_json(bad) {
            Err(QE {
                at: Location::File,
                kind: K::Parse(msg),
            }) => {
                assert!(
                    msg.contains("line") || msg.contains("EOF") || msg.contains("missing"),
                    "{bad:?}: {msg}"
                )
            }
            other => panic!("{bad:?}: expected a parse error, got {other:?}"),
        }
    }
    let mut v = minimal();
    v["questions"][0]["optoins"] = json!([]);
    assert!(matches!(load(&v),
        Err(QE { at: Location::File, kind: K::Parse(m) }) if m.contains("unknown field `optoins`")));
}

// ---------------------------------------------------------------------------------------------------------------
// Golden scoring fixtures from the published rules.

use dx_check::domain::assessment::level::Share;
use dx_check::domain::assessment::questionnaire::{OptionScore, QuestionKind};
use dx_check::domain::assessment::text::DimensionId;

fn dbi() -> Questionnaire {
    Questionnaire::from_json(include_str!("../questionnaires/dbi.json"))
        .expect("the DBI file validates")
}

/// Answers a questionnaire so that each listed dimension earns exactly its target points (others earn 0), the way a
/// person would: the highest answer that does not overshoot, question by question.
fn fill(q: &Questionnaire, targets: &[(&str, u32)]) -> AnswerSheet {
    let mut sheet = AnswerSheet::new();
    for (dim, target) in targets {
        let mut left = *target;
        for question in q.questions_in(&DimensionId((*dim).into())) {
            let want = left.min(question.max_points);
            let (answer, got) = match &question.kind {
                QuestionKind::Single { options } => {
                    let best = options
                        .iter()
                        .filter_map(|o| match o.score {
                            OptionScore::Points(p) if p <= want => Some((o, p)),
                            _ => None,
                        })
                        .max_by_key(|(_, p)| *p)
                        .expect("every question has a 0 option");
                    (Answer::Choice(best.0.id.clone()), best.1)
                }
                QuestionKind::Number { bins, .. } | QuestionKind::Ratio { bins, .. } => {
                    let i = bins
                        .steps
                        .iter()
                        .rposition(|s| s.points <= want)
                        .expect("a 0 bin");
                    let value = match bins.steps[i].up_to {
                        Some(u) => u,
                        None => bins.steps[i - 1].up_to.expect("an earlier bound") + 1.0,
                    };
                    let answer = if matches!(question.kind, QuestionKind::Ratio { .. }) {
                        Answer::Ratio {
                            num: value,
                            den: 100.0,
                        }
                    } else {
                        Answer::Number(value)
                    };
                    (answer, bins.steps[i].points)
                }
                QuestionKind::Multi { .. } => unreachable!("the DBI has no multi-choice questions"),
            };
            sheet
                .answer(q, &question.id, answer)
                .expect("a valid answer");
            left -= got;
        }
        assert_eq!(left, 0, "could not place {target} points in {dim}");
    }
    sheet
}

fn dbi_levels(targets: &[(&str, u32)]) -> (Vec<u8>, u8, u32) {
    let q = dbi();
    let sheet = fill(&q, targets);
    let a = Assessment::compute(&q, &sheet);
    for (dim, target) in targets {
        assert_eq!(
            a.dimension(&DimensionId((*dim).into())).map(|d| d.earned),
            Some(*target),
            "{dim}"
        );
    }
    (
        a.dimensions.iter().map(|d| d.level).collect(),
        a.overall.level,
        a.overall.earned,
    )
}

#[test]
fn dbi_structure_matches_the_decision() {
    let q = dbi();
    assert_eq!(q.questions.len(), 60);
    assert_eq!(q.total_max_points, 320);
    let maxes: Vec<u32> = q.dimensions.iter().map(|d| d.max_points).collect();
    assert_eq!(maxes, [65, 25, 80, 65, 50, 35]);
    assert_eq!(q.groups.len(), 10);
    let strategy = q.question(&QuestionId("C14".into())).expect("C14");
    assert_eq!(strategy.max_points, 25);
    let pts: Vec<u32> = strategy.kind.options().iter().map(|o| o.points()).collect();
    assert_eq!(pts, [0, 5, 10, 15, 20, 25]);
    for question in q.questions.iter().filter(|x| x.id.as_str() != "C14") {
        assert_eq!(question.max_points, 5, "{}", question.id);
    }
}

#[test]
fn dbi_worked_example_pillar_39_of_65_is_level_3() {
    let (levels, _, _) = dbi_levels(&[("P1", 39)]);
    assert_eq!(levels[0], 3, "39/65 = 60 % → Hình thành");
    let (levels, _, _) = dbi_levels(&[("P1", 40)]);
    assert_eq!(levels[0], 4, "40/65 > 60 % → Nâng cao");
}

#[test]
fn dbi_pillar_bands_at_exact_boundaries() {
    // P3 (80 points) and P5 (50 points) hit 10/20/40/60/80 % exactly.
    let cases = [
        ("P3", 7, 0),
        ("P3", 8, 1), // exactly 10 % counts as level 1 (documented choice)
        ("P3", 16, 1),
        ("P3", 17, 2),
        ("P3", 32, 2),
        ("P3", 33, 3),
        ("P3", 48, 3),
        ("P3", 49, 4),
        ("P3", 64, 4),
        ("P3", 65, 5),
        ("P5", 5, 1),
        ("P5", 4, 0),
        ("P5", 40, 4),
        ("P5", 41, 5),
        ("P2", 5, 1), // 20 % of 25
        ("P2", 10, 2),
    ];
    for (dim, points, want) in cases {
        let (levels, _, _) = dbi_levels(&[(dim, points)]);
        let i = dbi()
            .dimensions
            .iter()
            .position(|d| d.id.as_str() == dim)
            .expect("pillar");
        assert_eq!(levels[i], want, "{dim} at {points} points");
    }
}

#[test]
fn dbi_overall_rule_boundaries() {
    // (pillar points P1..P6, expected overall level, why)
    let cases: [([u32; 6], u8, &str); 14] = [
        (
            [7, 5, 0, 0, 4, 4],
            0,
            "total 20 is not above 20, and P5 at 8 % is level 0",
        ),
        (
            [7, 5, 0, 0, 5, 4],
            1,
            "total 21 > 20 with 4 pillars at level 1: the smallest level-1 result",
        ),
        (
            [7, 0, 8, 7, 0, 0],
            0,
            "total 22 > 20 but only 3 pillars at level ≥1",
        ),
        (
            [7, 0, 8, 7, 5, 0],
            1,
            "a 4th pillar at exactly 10 % (5/50) is level 1 → overall 1",
        ),
        (
            [7, 0, 8, 7, 4, 0],
            0,
            "the 4th pillar at 8 % is level 0 → overall 0",
        ),
        (
            [14, 5, 17, 14, 14, 0],
            1,
            "total 64 is not above 64, although 4 pillars are at level 2",
        ),
        (
            [14, 5, 17, 14, 15, 0],
            2,
            "total 65 > 64 with 4 pillars at level 2 → overall 2",
        ),
        (
            [40, 0, 49, 40, 10, 0],
            1,
            "total 139 but P5 at level 1: only 3 pillars at ≥2 → overall 1",
        ),
        (
            [35, 0, 33, 27, 20, 14],
            2,
            "total 129 > 128 but only 3 pillars at level 3 → overall 2",
        ),
        (
            [35, 0, 33, 27, 21, 13],
            3,
            "total 129 > 128 with 4 pillars at level 3 → overall 3",
        ),
        (
            [35, 0, 33, 27, 21, 12],
            2,
            "total 128 is not above 128 → overall 2",
        ),
        (
            [53, 15, 65, 53, 31, 0],
            3,
            "total 217 > 192 but only 4 pillars at level 4 → overall 3",
        ),
        (
            [53, 20, 65, 53, 31, 0],
            4,
            "5 pillars at level 4, total 222 → overall 4",
        ),
        (
            [65, 25, 80, 65, 50, 28],
            4,
            "total 313 but P6 at 28/35 = 80 % is level 4 → not all 6 at level 5",
        ),
    ];
    for (points, want, why) in cases {
        let targets: Vec<(&str, u32)> = ["P1", "P2", "P3", "P4", "P5", "P6"]
            .into_iter()
            .zip(points)
            .collect();
        let (_, overall, _) = dbi_levels(&targets);
        assert_eq!(overall, want, "{points:?}: {why}");
    }
    let (levels, overall, total) = dbi_levels(&[
        ("P1", 53),
        ("P2", 25),
        ("P3", 65),
        ("P4", 53),
        ("P5", 41),
        ("P6", 29),
    ]);
    assert_eq!(
        (levels, overall, total),
        (vec![5; 6], 5, 266),
        "all 6 pillars at level 5 and total 266 > 256"
    );
}

#[test]
fn quick_check_golden_answer_set() {
    // The same answer set as the browser test, with levels worked out by hand from the bands.
    let q = quick();
    let mut sheet = AnswerSheet::new();
    let golden: std::collections::BTreeMap<String, String> =
        serde_json::from_str(include_str!("golden/quick_answers.json"))
            .expect("the golden answer set is JSON");
    for (qid, opt) in &golden {
        choose(&q, &mut sheet, qid, opt);
    }
    let a = Assessment::compute(&q, &sheet);
    assert!(a.is_complete(), "TM2 is hidden, everything else answered");
    let got: Vec<(u32, u32, u8)> = a
        .dimensions
        .iter()
        .map(|d| (d.earned, d.max, d.level))
        .collect();
    // QT 17/40 = 42.5 % → 3; BH 14/30 (BH2 not applicable) = 46.7 % → 3; TMDT 4/30 (TM2 hidden, TM8 n/a) = 13.3 % → 1.
    assert_eq!(got, [(17, 40, 3), (14, 30, 3), (4, 30, 1)]);
    // Overall: (42.5 + 46.67 + 13.33) / 3 = 34.2 % → level 2.
    assert_eq!(a.overall.share.permille(), 342);
    assert_eq!(a.overall.level, 2);
    assert_eq!(a.overall.share, Share::new(41, 120));
}

// ---------------------------------------------------------------------------------------------------------------
// The locale table: valid, and in step with the code (no missing key, no dead string).

use dx_check::domain::assessment::locale::LocaleTable;

fn rust_sources(dir: &Path, out: &mut Vec<(std::path::PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).expect("readable dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&p).expect("readable source");
            out.push((p, text));
        }
    }
}

/// The UI files that only the whole app compiles: modules declared under `#[cfg(feature = "office")]` in a
/// `mod.rs` (the compiler then keeps the owner's path from using them).
fn office_files(
    sources: &[(std::path::PathBuf, String)],
) -> std::collections::BTreeSet<std::path::PathBuf> {
    let mut out = std::collections::BTreeSet::new();
    for (path, text) in sources {
        if path.file_name().is_none_or(|n| n != "mod.rs") {
            continue;
        }
        let dir = path.parent().expect("a mod.rs has a folder");
        let mut gated = false;
        for line in text.lines().map(str::trim) {
            if line == "#[cfg(feature = \"office\")]" {
                gated = true;
                continue;
            }
            if gated
                && let Some(name) = line
                    .strip_prefix("pub mod ")
                    .and_then(|l| l.strip_suffix(';'))
            {
                out.insert(dir.join(format!("{name}.rs")));
            }
            gated = false;
        }
    }
    out
}

/// String literals shaped like locale keys (`"area.name"`) in the UI code: on the owner's path, and in the office
/// pages only.
fn keys_in_code() -> (
    std::collections::BTreeSet<String>,
    std::collections::BTreeSet<String>,
) {
    let mut sources = Vec::new();
    rust_sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"),
        &mut sources,
    );
    let office = office_files(&sources);
    assert!(
        office.len() >= 8 && office.iter().all(|p| p.exists()),
        "the office modules are found: {office:?}"
    );
    let (mut owner_keys, mut office_keys) = (
        std::collections::BTreeSet::new(),
        std::collections::BTreeSet::new(),
    );
    for (path, src) in &sources {
        let keys = if office.contains(path) {
            &mut office_keys
        } else {
            &mut owner_keys
        };
        for (i, _) in src.match_indices('"') {
            let rest = &src[i + 1..];
            let Some(end) = rest.find('"') else { continue };
            let lit = &rest[..end];
            // Storage keys (`dxcheck.…`) share the shape but are not UI strings.
            let shaped = lit.contains('.')
                && lit.starts_with(|c: char| c.is_ascii_lowercase())
                && !lit.ends_with('.')
                && !lit.starts_with("dxcheck.")
                && lit
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
            if shaped {
                keys.insert(lit.to_string());
            }
        }
    }
    (owner_keys, office_keys)
}

#[test]
fn locale_table_matches_the_code() {
    let owner = LocaleTable::from_json(include_str!("../questionnaires/locale.json"))
        .expect("locale.json validates");
    let office = LocaleTable::from_json(include_str!("../questionnaires/locale_office.json"))
        .expect("locale_office.json validates");
    let (owner_used, office_used) = keys_in_code();
    // The owner's app carries only locale.json: every key its pages use is there.
    let missing: Vec<&String> = owner_used.iter().filter(|k| !owner.contains(k)).collect();
    assert!(
        missing.is_empty(),
        "keys used on the owner's path but missing from locale.json: {missing:?}"
    );
    // The office pages have both files.
    let missing: Vec<&String> = office_used
        .iter()
        .filter(|k| !owner.contains(k) && !office.contains(k))
        .collect();
    assert!(
        missing.is_empty(),
        "keys used in the office pages but in neither locale file: {missing:?}"
    );
    // Nothing dead, and nothing in the first load that only the office pages use.
    let dead: Vec<&str> = owner.keys().filter(|k| !owner_used.contains(*k)).collect();
    assert!(
        dead.is_empty(),
        "strings in locale.json that the owner's path does not use (dead, or for locale_office.json): {dead:?}"
    );
    let dead: Vec<&str> = office
        .keys()
        .filter(|k| !office_used.contains(*k))
        .collect();
    assert!(
        dead.is_empty(),
        "strings in locale_office.json that no office page uses: {dead:?}"
    );
    let whole = dx_check::domain::catalog::Catalog::builtin_whole()
        .expect("the whole app's catalogue loads");
    assert_eq!(
        whole.locale.keys().count(),
        owner.keys().count() + office.keys().count(),
        "the two files define no key twice"
    );
}

#[test]
fn a_key_in_both_locale_files_is_refused() {
    let mut a =
        LocaleTable::from_json(r#"{"kind":"locale","strings":{"x.a":{"vi":"A","en":"A"}}}"#)
            .expect("valid");
    let b = LocaleTable::from_json(
        r#"{"kind":"locale","strings":{"x.b":{"vi":"B","en":"B"},"x.a":{"vi":"C","en":"C"}}}"#,
    )
    .expect("valid");
    assert_eq!(
        a.merge(b),
        Err(dx_check::domain::assessment::locale::LocaleError::Duplicate("x.a".into()))
    );
    assert!(
        !a.contains("x.b"),
        "a refused merge leaves the table as it was"
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Answer types: multi-choice with a cap and an exclusive option, numbers, ratios, "don't know", hidden questions.

fn typed() -> Questionnaire {
    let mut v = minimal();
    let t = |s: &str| json!({"vi": s, "en": s});
    let q = |id: &str, extra: Value| {
        let mut base =
            json!({"id": id, "dimension": "D1", "text": t(id), "source": {"ref": "r", "tag": "D"}});
        for (k, x) in extra.as_object().expect("object") {
            base[k] = x.clone();
        }
        base
    };
    v["questions"] = json!([
        q(
            "M",
            json!({"type": "multi", "max_points": 5, "options": [
            {"id": "web", "label": t("web"), "points": 2}, {"id": "zalo", "label": t("zalo"), "points": 2},
            {"id": "shop", "label": t("shop"), "points": 3}, {"id": "none", "label": t("none"), "points": 0, "exclusive": true}]})
        ),
        q(
            "N",
            json!({"type": "number", "min": 0, "max": 100, "unit": t("%"), "allow_dont_know": true,
            "bins": {"status": "proposed", "steps": [{"up_to": 0, "points": 0}, {"up_to": 50, "points": 2}, {"points": 5}]}})
        ),
        q(
            "R",
            json!({"type": "ratio", "numerator": t("e"), "denominator": t("all"),
            "bins": {"status": "proposed", "steps": [{"up_to": 50, "points": 1}, {"points": 5}]}})
        ),
        q(
            "H",
            json!({"type": "single", "visible_if": "M has 'web'", "options": [
            {"id": "a", "label": t("a"), "points": 5}, {"id": "na", "label": t("na"), "na": true}]})
        ),
    ]);
    load(&v).expect("valid typed questionnaire")
}

fn id(s: &str) -> QuestionId {
    QuestionId(s.into())
}

#[test]
fn multi_choice_caps_points_and_handles_the_exclusive_option() {
    let q = typed();
    let mut s = AnswerSheet::new();
    for o in ["web", "zalo", "shop"] {
        s.toggle(&q, &id("M"), &OptionId(o.into())).expect("toggle");
    }
    let m = |s: &AnswerSheet| Assessment::compute(&q, s).questions[0].clone();
    assert_eq!(
        (m(&s).earned, m(&s).max),
        (5, 5),
        "2 + 2 + 3 = 7 is capped at 5"
    );
    s.toggle(&q, &id("M"), &OptionId("none".into()))
        .expect("toggle");
    assert_eq!(
        s.get(&id("M")),
        Some(&Answer::Multi(vec![OptionId("none".into())])),
        "exclusive clears the rest"
    );
    s.toggle(&q, &id("M"), &OptionId("zalo".into()))
        .expect("toggle");
    assert_eq!(
        s.get(&id("M")),
        Some(&Answer::Multi(vec![OptionId("zalo".into())])),
        "and is cleared by them"
    );
    s.toggle(&q, &id("M"), &OptionId("zalo".into()))
        .expect("toggle");
    assert_eq!(
        s.get(&id("M")),
        None,
        "removing the last option leaves the question unanswered"
    );
    let bad = Answer::Multi(vec![OptionId("web".into()), OptionId("none".into())]);
    assert!(matches!(
        s.answer(&q, &id("M"), bad),
        Err(dx_check::domain::assessment::answers::AnswerError::ExclusiveWithOthers { .. })
    ));
}

#[test]
fn numbers_ratios_and_dont_know() {
    use dx_check::domain::assessment::answers::AnswerError as AE;
    let q = typed();
    let mut s = AnswerSheet::new();
    let score = |s: &AnswerSheet, i: usize| {
        let a = Assessment::compute(&q, s);
        (a.questions[i].earned, a.questions[i].max)
    };
    s.answer(&q, &id("N"), Answer::Number(50.0))
        .expect("in range");
    assert_eq!(score(&s, 1), (2, 5), "50 falls in the ≤50 bin");
    s.answer(&q, &id("N"), Answer::Number(50.5))
        .expect("in range");
    assert_eq!(score(&s, 1), (5, 5));
    s.answer(&q, &id("N"), Answer::DontKnow).expect("offered");
    assert_eq!(
        score(&s, 1),
        (0, 5),
        "don't know: 0 points, stays in the maximum"
    );
    assert_eq!(
        s.answer(&q, &id("N"), Answer::Number(101.0)),
        Err(AE::OutOfRange {
            question: id("N"),
            value: 101.0,
            min: 0.0,
            max: 100.0
        })
    );
    assert_eq!(
        s.answer(&q, &id("N"), Answer::Number(f64::NAN)),
        Err(AE::NotANumber(id("N")))
    );
    assert_eq!(
        s.get(&id("N")),
        Some(&Answer::DontKnow),
        "a refused answer leaves the sheet unchanged"
    );
    assert_eq!(
        s.answer(&q, &id("R"), Answer::DontKnow),
        Err(AE::DontKnowNotOffered(id("R")))
    );
    assert_eq!(
        s.answer(&q, &id("R"), Answer::Ratio { num: 3.0, den: 2.0 }),
        Err(AE::BadRatio {
            question: id("R"),
            num: 3.0,
            den: 2.0
        })
    );
    s.answer(
        &q,
        &id("R"),
        Answer::Ratio {
            num: 30.0,
            den: 40.0,
        },
    )
    .expect("valid ratio");
    assert_eq!(score(&s, 2), (5, 5), "75 % > 50 %");
    s.answer(&q, &id("R"), Answer::Ratio { num: 0.0, den: 0.0 })
        .expect("a whole of 0");
    assert_eq!(
        score(&s, 2),
        (0, 0),
        "a whole of 0 is not applicable: out of the maximum"
    );
    assert_eq!(
        s.answer(&q, &id("N"), Answer::Choice(OptionId("a".into()))),
        Err(AE::WrongType {
            question: id("N"),
            expected: "number"
        })
    );
}

#[test]
fn hidden_questions_follow_the_not_applicable_policy() {
    let q = typed();
    let mut s = AnswerSheet::new();
    s.answer(&q, &id("H"), Answer::Choice(OptionId("a".into())))
        .expect("answer while hidden is kept");
    let h = |s: &AnswerSheet| Assessment::compute(&q, s).questions[3].clone();
    assert_eq!(
        (h(&s).earned, h(&s).max),
        (0, 0),
        "hidden: not applicable, its stored answer not scored"
    );
    s.toggle(&q, &id("M"), &OptionId("web".into()))
        .expect("toggle");
    assert_eq!(
        (h(&s).earned, h(&s).max),
        (5, 5),
        "shown again, the kept answer counts"
    );
    // Under `scores_zero` (the DBI), the same hidden question scores 0 of its maximum.
    let mut v = minimal();
    v["not_applicable"] = json!("scores_zero");
    v["questions"][1]["visible_if"] = json!("Q1 == 'b'");
    let q0 = load(&v).expect("valid");
    let a = Assessment::compute(&q0, &AnswerSheet::new());
    assert_eq!((a.questions[1].earned, a.questions[1].max), (0, 5));
}

// ---------------------------------------------------------------------------------------------------------------
// SME size class (Decree 80/2021 Art. 5): every boundary of the table.

use dx_check::domain::records::profile::{EntityType, Profile, SectorGroup};
use dx_check::domain::records::size::{SizeClass, SizeInput, SizeResult, SizeRules, Via};

fn size_rules() -> SizeRules {
    SizeRules::from_json(include_str!("../questionnaires/size_rules.json"))
        .expect("the size table validates")
}

fn firm(
    sector: SectorGroup,
    employees: u32,
    revenue: Option<f64>,
    capital: Option<f64>,
) -> Profile {
    Profile {
        entity_type: Some(EntityType::Enterprise),
        sector: Some(sector),
        employees: Some(employees),
        revenue_bn: revenue,
        capital_bn: capital,
        ..Profile::default()
    }
}

#[test]
fn size_class_every_boundary() {
    use SectorGroup::{AgriIndustryConstruction as Agri, TradeServices as Trade};
    use SizeClass::{Medium, Micro, Small};
    let t = size_rules();
    let class = |p: &Profile| match t.classify(p) {
        SizeResult::Class { class, .. } => Some(class),
        _ => None,
    };
    // (sector, employees, revenue, capital, expected); None = above medium.
    type Case = (
        SectorGroup,
        u32,
        Option<f64>,
        Option<f64>,
        Option<SizeClass>,
    );
    let cases: Vec<Case> = vec![
        // Agriculture/industry/construction: micro ≤10 & (rev ≤3 | cap ≤3); small ≤100 & (≤50 | ≤20); medium ≤200 & (≤200 | ≤100).
        (Agri, 10, Some(3.0), Some(99.0), Some(Micro)),
        (Agri, 11, Some(3.0), Some(3.0), Some(Small)),
        (Agri, 10, Some(3.01), Some(3.01), Some(Small)),
        (Agri, 10, Some(99.0), Some(3.0), Some(Micro)),
        (Agri, 100, Some(50.0), Some(999.0), Some(Small)),
        (Agri, 101, Some(50.0), Some(20.0), Some(Medium)),
        (Agri, 100, Some(50.5), Some(20.0), Some(Small)),
        (Agri, 100, Some(50.5), Some(20.5), Some(Medium)),
        (Agri, 200, Some(200.0), Some(999.0), Some(Medium)),
        (Agri, 200, Some(999.0), Some(100.0), Some(Medium)),
        (Agri, 201, Some(1.0), Some(1.0), None),
        (Agri, 200, Some(200.1), Some(100.1), None),
        // Trade and services: micro ≤10 & (≤10 | ≤3); small ≤50 & (≤100 | ≤50); medium ≤100 & (≤300 | ≤100).
        (Trade, 10, Some(10.0), Some(50.0), Some(Micro)),
        (Trade, 10, Some(10.5), Some(3.0), Some(Micro)),
        (Trade, 10, Some(10.5), Some(3.5), Some(Small)),
        (Trade, 11, Some(1.0), Some(1.0), Some(Small)),
        (Trade, 50, Some(100.0), Some(999.0), Some(Small)),
        (Trade, 51, Some(100.0), Some(50.0), Some(Medium)),
        (Trade, 50, Some(101.0), Some(50.0), Some(Small)),
        (Trade, 50, Some(101.0), Some(51.0), Some(Medium)),
        (Trade, 100, Some(300.0), Some(999.0), Some(Medium)),
        (Trade, 100, Some(999.0), Some(100.0), Some(Medium)),
        (Trade, 101, Some(1.0), Some(1.0), None),
        (Trade, 100, Some(300.5), Some(100.5), None),
        // One money test is enough when the other is unknown and it holds.
        (Trade, 5, Some(2.0), None, Some(Micro)),
        (Agri, 5, None, Some(2.0), Some(Micro)),
    ];
    for (sector, employees, revenue, capital, want) in cases {
        let p = firm(sector, employees, revenue, capital);
        match want {
            Some(c) => assert_eq!(
                class(&p),
                Some(c),
                "{sector:?} {employees} {revenue:?} {capital:?}"
            ),
            None => assert_eq!(
                t.classify(&p),
                SizeResult::AboveMedium,
                "{sector:?} {employees} {revenue:?} {capital:?}"
            ),
        }
    }
}

#[test]
fn size_class_reason_and_missing_data() {
    let t = size_rules();
    assert_eq!(
        t.classify(&firm(SectorGroup::TradeServices, 8, Some(2.5), None)),
        SizeResult::Class {
            class: SizeClass::Micro,
            max_employees: 10,
            via: Via::Revenue(10.0)
        }
    );
    assert_eq!(
        t.classify(&firm(
            SectorGroup::AgriIndustryConstruction,
            8,
            Some(5.0),
            Some(2.0)
        )),
        SizeResult::Class {
            class: SizeClass::Micro,
            max_employees: 10,
            via: Via::Capital(3.0)
        }
    );
    // Revenue above the micro limit and capital unknown: capital could still make it micro, so it is not guessed.
    assert_eq!(
        t.classify(&firm(SectorGroup::TradeServices, 8, Some(20.0), None)),
        SizeResult::NotEnoughData(vec![SizeInput::RevenueOrCapital])
    );
    assert_eq!(
        t.classify(&Profile {
            sector: Some(SectorGroup::TradeServices),
            ..Profile::default()
        }),
        SizeResult::NotEnoughData(vec![SizeInput::Employees, SizeInput::RevenueOrCapital])
    );
    assert_eq!(
        t.classify(&Profile::default()),
        SizeResult::NotEnoughData(vec![
            SizeInput::Sector,
            SizeInput::Employees,
            SizeInput::RevenueOrCapital
        ])
    );
    // Too many employees for micro settles it even with money unknown: small needs the money test then.
    assert_eq!(
        t.classify(&Profile {
            sector: Some(SectorGroup::TradeServices),
            employees: Some(30),
            ..Profile::default()
        }),
        SizeResult::NotEnoughData(vec![SizeInput::RevenueOrCapital])
    );
    let household = Profile {
        entity_type: Some(EntityType::Household),
        ..firm(SectorGroup::TradeServices, 2, Some(1.0), Some(1.0))
    };
    assert_eq!(t.classify(&household), SizeResult::Household);
}

// ---------------------------------------------------------------------------------------------------------------
// Result files: round trip, and every kind of bad file refused with its reason.

use dx_check::domain::records::draft::{AssessmentId, Draft, EnterpriseId, Uuid};
use dx_check::domain::records::result_file::{
    ImportError, RESULT_VERSION, ResultFile, ResultStatus,
};

fn finished_quick() -> (Questionnaire, Draft, Profile) {
    let q = quick();
    let mut d = Draft::new(
        AssessmentId::from_random([3; 16]),
        &q,
        "2026-11-20T08:00:00.000Z",
    );
    for question in &q.questions {
        if question.visible_if.is_none() && !question.optional {
            let o = &question.kind.options()[1];
            d.answers
                .answer(&q, &question.id, Answer::Choice(o.id.clone()))
                .expect("valid");
        }
    }
    d.answers
        .answer(
            &q,
            &QuestionId("TM2".into()),
            Answer::Choice(OptionId("form".into())),
        )
        .expect("valid");
    d.touch(&q, "2026-11-20T08:05:00.000Z");
    let p = Profile {
        name: "Hợp tác xã Nông nghiệp Ấp Bắc <b>".into(),
        tax_code: "0302035520".into(),
        entity_type: Some(EntityType::Cooperative),
        sector: Some(SectorGroup::AgriIndustryConstruction),
        employees: Some(12),
        revenue_bn: Some(4.5),
        province: Some("82".into()),
        ..Profile::default()
    };
    (q, d, p)
}

#[test]
fn result_file_round_trips_identically() {
    let (q, d, p) = finished_quick();
    let file = ResultFile::build(&q, &d, &p, "0.1.0", "2026-11-20T09:00:00.000Z");
    assert_eq!(file.status, ResultStatus::Completed);
    assert_eq!(
        file.completed_at.as_deref(),
        Some("2026-11-20T08:05:00.000Z")
    );
    let json = file.to_json();
    let d2 = dbi();
    let (back, bq) = ResultFile::parse(&json, &[&q, &d2]).expect("the file it wrote reads back");
    assert_eq!(back, file);
    assert_eq!(bq.id, q.id);
    assert_eq!(back.to_draft().answers, d.answers);
    assert_eq!(back.to_json(), json, "byte-identical when written again");
    assert!(
        json.contains("Hợp tác xã Nông nghiệp Ấp Bắc <b>"),
        "UTF-8 kept as is"
    );
}

#[test]
fn result_files_are_named_by_questionnaire_tax_code_and_day() {
    let (q, d, mut p) = finished_quick();
    let file = ResultFile::build(&q, &d, &p, "0.1.0", "2026-11-20T09:00:00.000Z");
    assert_eq!(
        file.file_name("json"),
        "dxcheck-quick-0302035520-2026-11-20.json"
    );
    // A branch's code counts as its own; an invalid code or none is replaced by the start of the assessment id.
    p.tax_code = "0302035520-001".into();
    let file = ResultFile::build(&q, &d, &p, "0.1.0", "2026-11-20T09:00:00.000Z");
    assert_eq!(
        file.file_name("csv"),
        "dxcheck-quick-0302035520-001-2026-11-20.csv"
    );
    let id: String = file.assessment_id.as_str().chars().take(8).collect();
    assert_eq!(id.len(), 8);
    for bad in ["", "0302035521"] {
        p.tax_code = bad.into();
        let file = ResultFile::build(&q, &d, &p, "0.1.0", "2026-11-20T09:00:00.000Z");
        assert_eq!(
            file.file_name("json"),
            format!("dxcheck-quick-{id}-2026-11-20.json")
        );
    }
}

#[test]
fn radar_axes_are_the_dimensions_and_the_level_bands() {
    use dx_check::domain::advice::chart::RadarAxes;
    use dx_check::domain::assessment::text::Lang;
    let q = quick();
    let vi = RadarAxes::of(&q, Lang::Vi);
    assert_eq!(vi.names, ["Quản trị", "Bán hàng", "Thương mại điện tử"]);
    // QĐ 1970 bands: levels 0–5 end at 10, 20, 40, 60, 80 and 100 %.
    assert_eq!(vi.rings, [0.1, 0.2, 0.4, 0.6, 0.8, 1.0]);
    assert_eq!(
        RadarAxes::of(&q, Lang::En).names,
        ["Management", "Sales", "E-commerce"]
    );
    let g = vi.layout(&[vec![1.0, 0.0, 0.0]], 200.0, 200.0);
    assert_eq!(g.axes.len(), 3);
    assert_eq!(g.rings.len(), 6);
    // Radius 64 from the centre: the first axis points up.
    assert_eq!(g.series[0].vertices[0], (100.0, 36.0));
}

#[test]
fn bad_result_files_are_refused_with_the_reason() {
    let (q, d, p) = finished_quick();
    let good: Value =
        serde_json::from_str(&ResultFile::build(&q, &d, &p, "0.1.0", "t").to_json()).expect("json");
    let parse = |v: &Value| ResultFile::parse(&v.to_string(), &[&q]).map(|_| ());
    assert!(matches!(
        ResultFile::parse("PK\u{3}\u{4} not json", &[&q]),
        Err(ImportError::NotJson(_))
    ));
    assert_eq!(
        ResultFile::parse("[1, 2]", &[&q]).map(|_| ()),
        Err(ImportError::NotAResultFile)
    );
    assert_eq!(
        parse(&json!({"kind": "questionnaire"})),
        Err(ImportError::NotAResultFile)
    );
    let mut v = good.clone();
    v["schema_version"] = json!(7);
    assert_eq!(
        parse(&v),
        Err(ImportError::UnsupportedVersion {
            found: 7,
            supported: RESULT_VERSION
        })
    );
    let mut v = good.clone();
    v["questionnaire"]["id"] = json!("edih-dma");
    assert_eq!(
        parse(&v),
        Err(ImportError::UnknownQuestionnaire {
            id: "edih-dma".into(),
            version: "1.0.0".into()
        })
    );
    let mut v = good.clone();
    v["questionnaire"]["version"] = json!("0.9");
    assert_eq!(
        parse(&v),
        Err(ImportError::UnknownQuestionnaire {
            id: "quick".into(),
            version: "0.9".into()
        })
    );
    let mut v = good.clone();
    v["answers"]["QT1"] = json!({"choice": "abacus"});
    assert!(matches!(parse(&v), Err(ImportError::BadAnswers(e)) if e.len() == 1));
    let mut v = good.clone();
    v["scores"]["overall"]["level"] = json!(5);
    assert!(
        matches!(parse(&v), Err(ImportError::ScoresMismatch { what, .. }) if what == "overall")
    );
    let mut v = good.clone();
    v["scores"]["dimensions"][1]["earned"] = json!(30);
    assert!(matches!(parse(&v), Err(ImportError::ScoresMismatch { what, .. }) if what == "BH"));
    let mut v = good.clone();
    v.as_object_mut().map(|o| o.remove("answers"));
    assert!(matches!(parse(&v), Err(ImportError::Malformed(m)) if m.contains("answers")));
    let mut v = good;
    v["assessment_id"] = json!("not-a-uuid");
    assert!(matches!(parse(&v), Err(ImportError::Malformed(_))));
}

#[test]
fn result_schema_document_matches_the_format() {
    let schema: Value = serde_json::from_str(include_str!("../docs/result.schema.json"))
        .expect("the schema is JSON");
    let (q, d, p) = finished_quick();
    let file: Value =
        serde_json::from_str(&ResultFile::build(&q, &d, &p, "0.1.0", "t").to_json()).expect("json");
    let props = schema["properties"].as_object().expect("properties");
    let keys: Vec<&String> = file.as_object().expect("object").keys().collect();
    for k in &keys {
        assert!(props.contains_key(*k), "the schema documents `{k}`");
    }
    for r in schema["required"].as_array().expect("required") {
        assert!(
            keys.iter().any(|k| Some(k.as_str()) == r.as_str()),
            "`{r}` is required and written"
        );
    }
    assert_eq!(
        schema["properties"]["schema_version"]["const"],
        json!(RESULT_VERSION)
    );
    let profile_props = schema["$defs"]["profile"]["properties"]
        .as_object()
        .expect("profile properties");
    for k in file["profile"].as_object().expect("profile").keys() {
        assert!(
            profile_props.contains_key(k),
            "the schema documents profile.{k}"
        );
    }
}

// ---------------------------------------------------------------------------------------------------------------
// CSV export: stable columns (a golden list per questionnaire) and correct cells.

use dx_check::domain::records::export::{header, to_csv};

#[test]
fn csv_columns_are_stable() {
    for (q, golden) in [
        (quick(), include_str!("golden/quick.columns")),
        (dbi(), include_str!("golden/dbi.columns")),
    ] {
        let want: Vec<&str> = golden.lines().collect();
        assert_eq!(
            header(&q),
            want,
            "{}: columns changed; if on purpose, update tests/golden and docs/csv-codebook.md",
            q.id
        );
    }
}

#[test]
fn csv_rows_hold_the_answers_and_scores() {
    let (q, d, p) = finished_quick();
    let file = ResultFile::build(&q, &d, &p, "0.1.0", "2026-11-20T09:00:00.000Z");
    let csv = to_csv(&q, std::slice::from_ref(&file), &size_rules());
    assert!(
        csv.starts_with('\u{feff}'),
        "a BOM so that Excel reads UTF-8"
    );
    let mut rdr = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let head: Vec<String> = rdr
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows: Vec<csv::StringRecord> = rdr.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), 1);
    let cell = |name: &str| {
        rows[0]
            .get(head.iter().position(|h| h == name).expect(name))
            .expect("cell")
            .to_string()
    };
    assert_eq!(cell("name"), "Hợp tác xã Nông nghiệp Ấp Bắc <b>");
    assert_eq!(cell("tax_code"), "0302035520");
    assert_eq!(cell("entity_type"), "cooperative");
    assert_eq!(cell("revenue_bn"), "4.5");
    assert_eq!(
        cell("size_class"),
        "small",
        "12 staff, agriculture: above micro's 10"
    );
    assert_eq!(cell("QT1"), "excel");
    assert_eq!(cell("TM2"), "form");
    assert_eq!(cell("overall_level"), file.scores.overall.level.to_string());
    assert_eq!(
        cell("QT_earned"),
        file.scores.dimensions[0].score.earned.to_string()
    );
    let quick_rows_only = to_csv(&dbi(), &[file], &size_rules());
    assert_eq!(
        quick_rows_only.lines().count(),
        1,
        "a DBI export skips quick-check rows"
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Workspace (many enterprises) and workshop bundles.

use dx_check::domain::records::bundle;
use dx_check::domain::records::workshop::{Workshop, WorkshopEdit};
use dx_check::domain::records::workspace::Workspace;

fn ids() -> impl FnMut() -> Uuid {
    let mut n = 0u8;
    move || {
        n += 1;
        Uuid::from_random([n; 16])
    }
}

fn workspace_with_finished_quick() -> (Workspace, Questionnaire) {
    let (q, d, p) = finished_quick();
    let mut next = ids();
    let mut ws = Workspace::new(
        Vec::new(),
        None,
        None,
        EnterpriseId::from(next()),
        "2026-11-20T08:00:00.000Z",
    );
    ws.start_workshop(Workshop {
        id: Some(next()),
        name: "Hội thảo CĐS Cần Thơ".into(),
        advisor: "Lê Văn Tâm".into(),
        ..Workshop::default()
    });
    let e = ws.active_mut();
    e.profile = p;
    e.drafts.insert(q.id.clone(), d);
    (ws, q)
}

#[test]
fn workshop_batch_exports_and_group_sort() {
    use dx_check::domain::records::batch;
    use dx_check::domain::records::group::{GroupSort, SortKey, sorted_rows};
    let (mut ws, q) = workspace_with_finished_quick();
    let first = ws.active.clone();
    ws.create(
        EnterpriseId::from_random([0x77; 16]),
        "2026-11-21T08:00:00.000Z",
    );
    let d2 = dbi();
    let members = ws.in_workshop(ws.workshop.as_ref().and_then(|w| w.id.as_ref()));
    assert_eq!(members.len(), 2);
    let now = "2026-11-22T10:00:00.000Z";
    // Only the enterprise that started the quick check has a result, marked with it and its workshop.
    let results = batch::results(&q, &members, now);
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].enterprise_id.as_ref(), Some(&first));
    assert_eq!(
        results[0].workshop.as_ref().map(|w| w.name.as_str()),
        Some("Hội thảo CĐS Cần Thơ")
    );
    assert_eq!(results[0].exported_at, now);
    let csv = batch::csv(&q, &members, &size_rules(), now);
    assert_eq!(csv.lines().count(), 2, "the header and one row");
    // A sheet per questionnaire, even an empty one, then the codebook.
    let book = batch::workbook(&[&q, &d2], &members, &size_rules(), now);
    let shape: Vec<(&str, usize)> = book
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.rows.len()))
        .collect();
    assert_eq!(shape[..2], [("quick", 1), ("dbi", 0)]);
    assert_eq!(book.sheets.len(), 3);
    // Sorting: a new column starts highest first for a score, the enterprise column A→Z; a second click turns it.
    let s = GroupSort::default();
    assert_eq!((s.column, s.descending, s.key()), (0, false, SortKey::Code));
    let s = s.clicked(1);
    assert_eq!(
        (s.column, s.descending, s.key()),
        (1, true, SortKey::Overall)
    );
    let s = s.clicked(1);
    assert!(!s.descending);
    let s = s.clicked(3);
    assert_eq!((s.descending, s.key()), (true, SortKey::Dimension(1)));
    let s = s.clicked(0);
    assert_eq!((s.column, s.descending), (0, false));
    let rows = sorted_rows(&q, &members, GroupSort::default().clicked(1));
    assert_eq!(
        rows.len(),
        1,
        "only enterprises that started the questionnaire"
    );
    assert_eq!(rows[0].code, "DN01");
}

#[test]
fn workspace_verbs() {
    let (mut ws, q) = workspace_with_finished_quick();
    let first = ws.active.clone();
    let mut next = ids();
    for _ in 0..20 {
        next();
    }
    ws.create(EnterpriseId::from(next()), "2026-11-21T08:00:00.000Z");
    assert_eq!(ws.enterprises.len(), 2);
    assert_ne!(ws.active, first, "a new enterprise becomes active");
    assert_eq!(
        ws.active().workshop.as_ref().map(|w| w.name.as_str()),
        Some("Hội thảo CĐS Cần Thơ"),
        "and joins the workshop"
    );
    ws.switch(&first);
    assert_eq!(ws.active, first);
    ws.rename(&first, "HTX Ấp Bắc", "t");
    assert_eq!(ws.active().profile.name, "HTX Ấp Bắc");
    ws.edit_workshop(WorkshopEdit::Place("Cần Thơ".into()));
    assert!(
        ws.enterprises
            .values()
            .all(|e| e.workshop.as_ref().is_some_and(|w| w.place == "Cần Thơ")),
        "edits reach every member"
    );

    // Duplicate for T1: same profile, fresh assessment ids, the completed original kept as history.
    ws.duplicate(
        &first,
        &mut next,
        &[&q],
        "0.1.0",
        "2026-12-01T08:00:00.000Z",
    );
    let copy = ws.active().clone();
    let original = &ws.enterprises[&first];
    assert_ne!(copy.id, first);
    assert_eq!(copy.profile, original.profile);
    assert_ne!(copy.drafts[&q.id].id, original.drafts[&q.id].id);
    assert_eq!(
        copy.drafts[&q.id].answers, original.drafts[&q.id].answers,
        "answers carried as a starting point"
    );
    assert_eq!(copy.drafts[&q.id].completed_at, None);
    assert_eq!(copy.history.len(), 1);
    assert_eq!(
        copy.earlier(&q.id).map(|h| h.assessment_id.clone()),
        Some(original.drafts[&q.id].id.clone()),
        "T0 for the T1 comparison"
    );
    assert_eq!(
        ws.shared_tax_codes().len(),
        1,
        "the copy shares the tax code"
    );

    // Delete and restore; deleting the last one leaves a fresh empty enterprise.
    let gone = ws
        .delete(&copy.id, EnterpriseId::from(next()), "t")
        .expect("deleted");
    assert_eq!(ws.enterprises.len(), 2);
    ws.restore(gone);
    assert_eq!(ws.enterprises.len(), 3);
    let all: Vec<_> = ws.enterprises.keys().cloned().collect();
    for id in all {
        ws.delete(&id, EnterpriseId::from(next()), "t");
    }
    assert_eq!(ws.enterprises.len(), 1);
    assert!(ws.active().drafts.is_empty());
}

/// Results received from elsewhere (links, pasted codes): once per assessment, later states update, earlier ones
/// never overwrite, a new assessment of a known enterprise joins it (T0 → T1).
#[test]
fn adding_received_results() {
    use dx_check::domain::records::workspace::Added;
    let (q, d, p) = finished_quick();
    // The owner's phone: the result as its link carries it (written at the time of its state).
    let sent = dx_check::domain::records::enterprise::Enterprise::new(
        EnterpriseId::from_random([0x42; 16]),
        "t",
    )
    .mark(ResultFile::build(
        &q,
        &d,
        &p,
        "0.1.0",
        &d.updated_at.clone(),
    ));
    assert_eq!(sent.status, ResultStatus::Completed);
    let mut next = ids();
    let mut ws = Workspace::new(
        Vec::new(),
        None,
        None,
        EnterpriseId::from(next()),
        "2026-11-25T09:00:00.000Z",
    );
    let empty = ws.active.clone();
    let qs = [&q];
    let now = "2026-11-25T09:30:00.000Z";
    assert_eq!(ws.preview_add(&sent, &qs), Added::New);
    let first = ws.add_result(
        sent.clone(),
        &qs,
        &mut || EnterpriseId::from(next()),
        "0.1.0",
        now,
    );
    assert_eq!(first.added, Added::New);
    assert_eq!(
        first.enterprise.as_str(),
        sent.enterprise_id.as_ref().map_or("", |i| i.as_str())
    );
    assert_eq!(
        ws.enterprises.len(),
        2,
        "the empty enterprise and the one received"
    );
    let e = ws.enterprises[&first.enterprise].clone();
    assert_eq!(e.profile, p);
    assert_eq!(e.drafts[&q.id].answers, d.answers);
    assert_eq!(
        e.history.len(),
        1,
        "the completed result is kept for T0 → T1"
    );
    assert_eq!(
        Assessment::compute(&q, &e.drafts[&q.id].answers).overall,
        Assessment::compute(&q, &d.answers).overall
    );
    assert!(ws.enterprises[&empty].drafts.is_empty());

    // The same link again: one enterprise, nothing changed.
    assert_eq!(ws.preview_add(&sent, &qs), Added::AlreadyThere);
    let again = ws.add_result(
        sent.clone(),
        &qs,
        &mut || EnterpriseId::from(next()),
        "0.1.0",
        now,
    );
    assert_eq!(again.added, Added::AlreadyThere);
    assert_eq!(ws.enterprises.len(), 2);
    assert_eq!(ws.enterprises[&first.enterprise], e);

    // A later state (an answer changed on the phone): updates; the earlier state afterwards changes nothing.
    let mut later_draft = d.clone();
    let question = &q.questions[0];
    later_draft
        .answers
        .answer(
            &q,
            &question.id,
            Answer::Choice(question.kind.options()[4].id.clone()),
        )
        .expect("valid");
    later_draft.touch(&q, "2026-11-26T10:00:00.000Z");
    let later = ResultFile::build(
        &q,
        &later_draft,
        &p,
        "0.1.0",
        &later_draft.updated_at.clone(),
    );
    let later = ResultFile {
        enterprise_id: sent.enterprise_id.clone(),
        ..later
    };
    assert_eq!(ws.preview_add(&later, &qs), Added::Updated);
    assert_eq!(
        ws.add_result(
            later.clone(),
            &qs,
            &mut || EnterpriseId::from(next()),
            "0.1.0",
            now
        )
        .added,
        Added::Updated
    );
    let e = ws.enterprises[&first.enterprise].clone();
    assert_eq!(e.drafts[&q.id].answers, later_draft.answers);
    assert_eq!(e.history.len(), 1);
    assert_eq!(
        e.history[0].answers, later_draft.answers,
        "the kept copy follows"
    );
    assert_eq!(
        ws.add_result(
            sent.clone(),
            &qs,
            &mut || EnterpriseId::from(next()),
            "0.1.0",
            now
        )
        .added,
        Added::KeptNewer
    );
    assert_eq!(
        ws.enterprises[&first.enterprise], e,
        "an earlier state never overwrites"
    );

    // A re-assessment of the same enterprise (same tax code, sent from another device): it becomes the current
    // assessment and the earlier one its T0.
    let mut t1 = Draft::new(
        AssessmentId::from_random([0x71; 16]),
        &q,
        "2027-03-01T08:00:00.000Z",
    );
    t1.answers = later_draft.answers.clone();
    t1.answers
        .answer(
            &q,
            &q.questions[1].id,
            Answer::Choice(q.questions[1].kind.options()[3].id.clone()),
        )
        .expect("valid");
    t1.touch(&q, "2027-03-01T08:10:00.000Z");
    let t1 = ResultFile::build(&q, &t1, &p, "0.1.0", &t1.updated_at.clone());
    assert_eq!(t1.enterprise_id, None);
    let out = ws.add_result(
        t1.clone(),
        &qs,
        &mut || EnterpriseId::from(next()),
        "0.1.0",
        "2027-03-02T08:00:00.000Z",
    );
    assert_eq!(
        out,
        dx_check::domain::records::workspace::AddOutcome {
            added: Added::New,
            enterprise: first.enterprise.clone()
        }
    );
    let e = ws.enterprises[&first.enterprise].clone();
    assert_eq!(e.drafts[&q.id].id, t1.assessment_id);
    assert_eq!(
        e.earlier(&q.id).map(|h| h.assessment_id.clone()),
        Some(d.id.clone()),
        "T0"
    );
    // An older draft of yet another assessment has nowhere to go but over the later one: kept out.
    let mut old = Draft::new(
        AssessmentId::from_random([0x72; 16]),
        &q,
        "2026-01-01T08:00:00.000Z",
    );
    old.touch(&q, "2026-01-01T08:01:00.000Z");
    let old = ResultFile::build(&q, &old, &p, "0.1.0", &old.updated_at.clone());
    assert_eq!(
        ws.add_result(old, &qs, &mut || EnterpriseId::from(next()), "0.1.0", now)
            .added,
        Added::KeptNewer
    );
    assert_eq!(ws.enterprises[&first.enterprise], e);

    // With a workshop running, an enterprise received joins it.
    ws.start_workshop(Workshop {
        id: Some(next()),
        name: "Hội thảo".into(),
        ..Workshop::default()
    });
    let mut other = p.clone();
    other.tax_code = "0100109106".into();
    let mut d2 = d.clone();
    d2.id = AssessmentId::from_random([0x73; 16]);
    let f2 = ResultFile::build(&q, &d2, &other, "0.1.0", &d2.updated_at.clone());
    let out = ws.add_result(f2, &qs, &mut || EnterpriseId::from(next()), "0.1.0", now);
    assert_eq!(out.added, Added::New);
    assert_eq!(ws.enterprises.len(), 3);
    assert_eq!(
        ws.enterprises[&out.enterprise]
            .workshop
            .as_ref()
            .map(|w| w.name.as_str()),
        Some("Hội thảo")
    );
}

#[test]
fn bundle_round_trip_and_bad_records() {
    let (ws, q) = workspace_with_finished_quick();
    let members: Vec<&dx_check::domain::records::enterprise::Enterprise> =
        ws.enterprises.values().map(|e| e.as_ref()).collect();
    let d = dbi();
    let json = bundle::export(
        &members,
        &[&q, &d],
        ws.workshop.as_ref(),
        "0.1.0",
        "2026-11-22T10:00:00.000Z",
    );
    let mut uuids = ids();
    let mut next = || EnterpriseId::from(uuids());
    let back = bundle::import(&json, &[&q, &d], &mut next, "now").expect("a bundle");
    assert_eq!(back.records, 1);
    assert!(back.rejected.is_empty());
    assert_eq!(back.enterprises.len(), 1);
    let e = &back.enterprises[0];
    assert_eq!(
        e.id, ws.active,
        "the enterprise keeps its id across devices"
    );
    assert_eq!(e.profile, ws.active().profile);
    assert_eq!(e.drafts[&q.id].answers, ws.active().drafts[&q.id].answers);
    assert_eq!(
        e.workshop.as_ref().map(|w| w.advisor.as_str()),
        Some("Lê Văn Tâm")
    );
    assert_eq!(
        back.workshop.as_ref().map(|w| w.name.as_str()),
        Some("Hội thảo CĐS Cần Thơ")
    );

    // One bad record among good ones: the good ones are restored, the bad one listed with its position.
    let mut v: Value = serde_json::from_str(&json).expect("json");
    let good = v["results"][0].clone();
    let mut tampered = good.clone();
    tampered["scores"]["overall"]["earned"] = json!(999);
    let mut other = good.clone();
    other["enterprise_id"] = json!("22222222-2222-4222-8222-222222222222");
    other["assessment_id"] = json!("33333333-3333-4333-8333-333333333333");
    v["results"] = json!([tampered, "not a record", other, good]);
    let back = bundle::import(&v.to_string(), &[&q], &mut next, "now").expect("a bundle");
    assert_eq!(back.records, 4);
    assert_eq!(
        back.rejected.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert!(matches!(
        back.rejected[0].1,
        ImportError::ScoresMismatch { .. }
    ));
    assert!(matches!(back.rejected[1].1, ImportError::NotAResultFile));
    assert_eq!(back.enterprises.len(), 2);

    assert!(matches!(
        bundle::import("{", &[&q], &mut next, "now"),
        Err(bundle::BundleError::NotJson(_))
    ));
    assert_eq!(
        bundle::import(r#"{"schema":"dxcheck-result"}"#, &[&q], &mut next, "now"),
        Err(bundle::BundleError::NotABundle)
    );
    assert_eq!(
        bundle::import(
            r#"{"schema":"dxcheck-bundle","schema_version":9,"results":[]}"#,
            &[&q],
            &mut next,
            "now"
        ),
        Err(bundle::BundleError::UnsupportedVersion {
            found: 9,
            supported: 1
        })
    );
}

/// The owner's app hands over to the whole app (an office page was opened): the whole app goes on with the
/// enterprise the tab had active, stored or never saved, and never adds a second empty record.
#[test]
fn workspace_resumes_the_enterprise_the_tab_had_active() {
    use dx_check::domain::records::enterprise::Enterprise;
    let mut next = ids();
    let now = "2026-12-04T08:00:00.000Z";

    // Nothing stored: the tab's empty record is the only one, with its id.
    let unsaved = EnterpriseId::from(next());
    let mut ws = Workspace::new(Vec::new(), None, None, unsaved.clone(), now);
    ws.resume(unsaved.clone(), now);
    assert_eq!(ws.enterprises.len(), 1, "one empty record, not two");
    assert_eq!(ws.active, unsaved);

    // One stored, the tab on a new empty record: both, the empty one active.
    let mut saved = Enterprise::new(EnterpriseId::from(next()), now);
    saved.profile.name = "Công ty TNHH Bánh Pía Sóc Trăng".into();
    let saved_id = saved.id.clone();
    let mut ws = Workspace::new(vec![saved.clone()], None, None, unsaved.clone(), now);
    assert_eq!(
        ws.active, saved_id,
        "without a hand-over, the stored one is active"
    );
    ws.resume(unsaved.clone(), now);
    assert_eq!(
        ws.active, unsaved,
        "the tab's empty record, never saved, is active again"
    );
    assert_eq!(ws.enterprises.len(), 2);
    assert!(ws.active().drafts.is_empty() && ws.active().profile == Profile::default());
    assert_eq!(
        *ws.enterprises[&saved_id], saved,
        "the stored one is untouched"
    );

    // The tab on the stored one: that one, nothing added.
    let mut ws = Workspace::new(vec![saved.clone()], None, None, saved_id.clone(), now);
    ws.resume(saved_id.clone(), now);
    assert_eq!(ws.active, saved_id);
    assert_eq!(ws.enterprises.len(), 1, "a stored one is not created again");
}

/// The answer sheet reads and writes as the JSON object it is in a result file, whatever order the ids come in: in
/// id order, and an id given twice keeps its last answer, as a map does (checked against serde_json's own map).
#[test]
fn an_answer_sheet_reads_as_a_map_in_any_order() {
    let text = r#"{"q_b":{"choice":"x"},"q_a":{"number":1.0},"q_c":"dont_know","q_b":{"number":2.5},
                   "q_a":{"multi":["m","n"]}}"#;
    let sheet: AnswerSheet = serde_json::from_str(text).expect("a sheet");
    let ids: Vec<&str> = sheet.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["q_a", "q_b", "q_c"]);
    assert_eq!(sheet.len(), 3);
    assert_eq!(
        sheet.get(&QuestionId::new("q_a")),
        Some(&Answer::Multi(vec![OptionId::new("m"), OptionId::new("n")]))
    );
    assert_eq!(
        sheet.get(&QuestionId::new("q_b")),
        Some(&Answer::Number(2.5))
    );
    assert_eq!(sheet.get(&QuestionId::new("q_c")), Some(&Answer::DontKnow));
    assert_eq!(sheet.get(&QuestionId::new("q_d")), None);
    let oracle: std::collections::BTreeMap<String, serde_json::Value> =
        serde_json::from_str(text).expect("a map");
    let written = serde_json::to_string(&sheet).expect("written");
    assert_eq!(written, serde_json::to_string(&oracle).expect("the map"));
    let again: AnswerSheet = serde_json::from_str(&written).expect("read back");
    assert_eq!(again, sheet);
    assert!(
        serde_json::from_str::<AnswerSheet>("[1]").is_err(),
        "not a map"
    );
    assert!(
        serde_json::from_str::<AnswerSheet>(r#"{"q":{"choice":1}}"#).is_err(),
        "a bad answer"
    );
}

/// A dimension's score line reads as it always has: its five fields, each once, nothing else, whatever their order
/// (the reader is written by hand for speed, so the cases that serde's derive refused are pinned here).
#[test]
fn a_dimension_line_reads_its_five_fields_once_and_nothing_else() {
    use dx_check::domain::records::result_file::DimensionLine;
    let read = |text: &str| serde_json::from_str::<DimensionLine>(text);
    let line =
        read(r#"{"id":"P1","earned":39,"max":65,"share_permille":600,"level":3}"#).expect("a line");
    assert_eq!(line.id.as_str(), "P1");
    assert_eq!(
        (
            line.score.earned,
            line.score.max,
            line.score.share_permille,
            line.score.level
        ),
        (39, 65, 600, 3)
    );
    let shuffled = read(r#"{"level":3,"share_permille":600,"max":65,"earned":39,"id":"P1"}"#)
        .expect("any order");
    assert_eq!(shuffled, line);
    assert_eq!(
        serde_json::to_string(&line).expect("written"),
        r#"{"id":"P1","earned":39,"max":65,"share_permille":600,"level":3}"#
    );
    for bad in [
        r#"{"id":"P1","earned":39,"max":65,"share_permille":600}"#,
        r#"{"earned":39,"max":65,"share_permille":600,"level":3}"#,
        r#"{"id":"P1","earned":39,"max":65,"share_permille":600,"level":3,"extra":1}"#,
        r#"{"id":"P1","earned":"39","max":65,"share_permille":600,"level":3}"#,
        r#"{"id":"P1","earned":-1,"max":65,"share_permille":600,"level":3}"#,
        r#"{"id":"P1","earned":39.5,"max":65,"share_permille":600,"level":3}"#,
        r#"{"id":7,"earned":39,"max":65,"share_permille":600,"level":3}"#,
        r#"{"id":"P1","earned":39,"max":65,"share_permille":600,"level":300}"#,
        r#"["P1",39,65,600,3]"#,
        r#"{"id":"P1","earned":39,"max":65,"share_permille":600,"level":3,"earned":40}"#,
        r#"{"id":"P1","id":"P2","earned":39,"max":65,"share_permille":600,"level":3}"#,
    ] {
        assert!(read(bad).is_err(), "{bad} was read");
    }
}
