//! One step of the wizard (one dimension's questions), language-neutral: which questions it shows, which are still
//! unanswered, where the step stands in the wizard, and the progress of every dimension.
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::scoring::{Assessment, QuestionStatus};
use crate::domain::assessment::text::QuestionId;

/// A dimension's progress, for the wizard's step list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionProgress {
    /// Visible questions answered.
    pub answered: u32,
    /// Visible questions.
    pub visible: u32,
    /// Whether every visible question is answered.
    pub complete: bool,
}

/// The step on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The step, from 0 (the first dimension), clamped to the last.
    pub index: usize,
    /// The last step's index.
    pub last: usize,
    /// The questions shown, as positions in the questionnaire (hidden ones left out).
    pub questions: Vec<usize>,
    /// Those still unanswered, in order.
    pub unanswered: Vec<QuestionId>,
    /// Visible questions answered, and visible questions, in the whole questionnaire.
    pub progress: (u32, u32),
    /// Each dimension's progress.
    pub dimensions: Vec<DimensionProgress>,
}

impl Step {
    /// Step `index` of a questionnaire with these answers (a step past the last is the last).
    pub fn of(q: &Questionnaire, sheet: &AnswerSheet, index: usize) -> Step {
        let a = Assessment::compute(q, sheet);
        let last = q.dimensions.len().saturating_sub(1);
        let index = index.min(last);
        let dim = q.dimensions.get(index).map(|d| &d.id);
        let questions: Vec<usize> = q
            .questions
            .iter()
            .enumerate()
            .filter(|(i, x)| {
                Some(&x.dimension) == dim && a.questions[*i].status != QuestionStatus::Hidden
            })
            .map(|(i, _)| i)
            .collect();
        let unanswered = questions
            .iter()
            .filter(|i| a.questions[**i].status == QuestionStatus::Unanswered)
            .map(|i| q.questions[*i].id.clone())
            .collect();
        Step {
            index,
            last,
            questions,
            unanswered,
            progress: a.progress(),
            dimensions: a
                .dimensions
                .iter()
                .map(|d| DimensionProgress {
                    answered: d.answered,
                    visible: d.visible,
                    complete: d.is_complete(),
                })
                .collect(),
        }
    }

    /// Whether this is the last step (next is the results).
    pub fn is_last(&self) -> bool {
        self.index >= self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::answer::Answer;
    use crate::domain::assessment::text::{OptionId, QuestionId};

    #[test]
    fn a_step_shows_its_visible_questions_and_flags_the_unanswered() {
        let q = &Questionnaire::from_json(include_str!("../../../questionnaires/quick.json"))
            .expect("the quick check validates");
        let mut sheet = AnswerSheet::new();
        let s = Step::of(q, &sheet, 0);
        let first: Vec<&str> = s
            .questions
            .iter()
            .map(|i| q.questions[*i].id.as_str())
            .collect();
        assert_eq!(
            first,
            [
                "QT1", "QT2", "QT3", "QT4", "QT5", "QT6", "QT7", "QT8", "QT9"
            ]
        );
        assert_eq!(s.unanswered.len(), 8, "the optional QT9 is never flagged");
        assert_eq!((s.index, s.last, s.is_last()), (0, 2, false));
        // The e-commerce step: TM2 is shown only once TM1 says there is a website.
        let tm = |sheet: &AnswerSheet| {
            Step::of(q, sheet, 9)
                .questions
                .iter()
                .map(|i| q.questions[*i].id.to_string())
                .collect::<Vec<_>>()
        };
        assert!(!tm(&sheet).contains(&"TM2".to_string()));
        assert!(
            Step::of(q, &sheet, 9).is_last(),
            "a step past the last is the last"
        );
        sheet
            .answer(
                q,
                &QuestionId("TM1".into()),
                Answer::Choice(OptionId("weekly".into())),
            )
            .expect("a valid answer");
        assert!(tm(&sheet).contains(&"TM2".to_string()));
        let s = Step::of(q, &sheet, 2);
        assert_eq!(s.progress.0, 1);
        assert_eq!(s.dimensions[2].answered, 1);
        assert!(!s.unanswered.contains(&QuestionId("TM1".into())));
    }
}
