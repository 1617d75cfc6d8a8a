//! Golden, round-trip and bad-input tests of the domain against the shipped data files.
use dx_check::domain::answers::{Answer, AnswerSheet};
use dx_check::domain::questionnaire::Questionnaire;
use dx_check::domain::scoring::Assessment;
use dx_check::domain::text::{OptionId, QuestionId};
use std::path::Path;

fn data_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("questionnaires/ exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("readable file");
            out.push((path.file_name().unwrap_or_default().to_string_lossy().into_owned(), text));
        }
    }
    out.sort();
    out
}

fn kind_of(json: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).expect("every data file is JSON");
    v.get("kind").and_then(|k| k.as_str()).unwrap_or("").to_string()
}

#[test]
fn every_questionnaire_file_validates() {
    let files = data_files();
    let questionnaires: Vec<_> = files.iter().filter(|(_, t)| kind_of(t) == "questionnaire").collect();
    assert!(!questionnaires.is_empty(), "questionnaires/ holds at least the quick check");
    for (name, text) in questionnaires {
        let q = Questionnaire::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(format!("{}.json", q.id), *name, "file name matches the questionnaire id");
    }
}

fn quick() -> Questionnaire {
    Questionnaire::from_json(include_str!("../questionnaires/quick.json")).expect("quick check validates")
}

fn choose(q: &Questionnaire, sheet: &mut AnswerSheet, qid: &str, opt: &str) {
    sheet
        .answer(q, &QuestionId(qid.into()), Answer::Choice(OptionId(opt.into())))
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
