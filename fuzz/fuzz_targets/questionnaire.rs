//! The questionnaire loader: `Questionnaire::from_json`. A questionnaire that loads must also score: with no
//! answers, with the last option (or the top of the range) of every question, and with "don't know" everywhere.
#![no_main]
use dx_check::domain::assessment::answer::Answer;
use dx_check::domain::assessment::answers::AnswerSheet;
use dx_check::domain::assessment::questionnaire::{QuestionKind, Questionnaire};
use dx_check::domain::assessment::scoring::Assessment;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(json) = dx_check_fuzz::text(data) else {
        return;
    };
    let Ok(q) = Questionnaire::from_json(json) else {
        return;
    };
    let _ = Assessment::compute(&q, &AnswerSheet::new());
    let mut full = AnswerSheet::new();
    let mut dont_know = AnswerSheet::new();
    for question in &q.questions {
        let answer = match &question.kind {
            QuestionKind::Single { options } => {
                options.last().map(|o| Answer::Choice(o.id.clone()))
            }
            QuestionKind::Multi { options } => {
                options.last().map(|o| Answer::Multi(vec![o.id.clone()]))
            }
            QuestionKind::Number { max, .. } => Some(Answer::Number(*max)),
            QuestionKind::Ratio { .. } => Some(Answer::Ratio { num: 1.0, den: 2.0 }),
        };
        if let Some(a) = answer {
            let _ = full.answer(&q, &question.id, a);
        }
        let _ = dont_know.answer(&q, &question.id, Answer::DontKnow);
    }
    let a = Assessment::compute(&q, &full);
    let _ = a.progress();
    let _ = full.visibility(&q);
    let _ = Assessment::compute(&q, &dont_know);
});
