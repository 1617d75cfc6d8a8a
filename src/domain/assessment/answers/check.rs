//! Checking a sheet against its questionnaire: each answer against its question, the whole sheet by question
//! position for an import ([`AnswerSheet::checked_slots`]), and the points an answer earns.
use super::{AnswerError, AnswerSheet};
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::questionnaire::{
    OptionScore, Question, QuestionKind, Questionnaire,
};

impl AnswerSheet {
    /// As [`AnswerSheet::check`], also giving a single choice's option score (`None` for other answers), so that
    /// scoring need not look the option up again.
    fn check_choice(
        question: &Question,
        answer: &Answer,
    ) -> Result<Option<OptionScore>, AnswerError> {
        match (&question.kind, answer) {
            (QuestionKind::Single { .. }, Answer::Choice(o)) => question
                .option(o)
                .map(|opt| Some(opt.score))
                .ok_or_else(|| AnswerError::UnknownOption {
                    question: question.id.clone(),
                    option: o.clone(),
                }),
            _ => Self::check(question, answer).map(|()| None),
        }
    }

    /// Checks an answer against its question.
    ///
    /// # Errors
    /// The [`AnswerError`] that names what does not fit.
    pub fn check(question: &Question, answer: &Answer) -> Result<(), AnswerError> {
        let qid = || question.id.clone();
        let wrong = || AnswerError::WrongType {
            question: qid(),
            expected: question.kind.name(),
        };
        match (&question.kind, answer) {
            // One place finds a single choice's option, and says when there is none.
            (QuestionKind::Single { .. }, Answer::Choice(_)) => {
                Self::check_choice(question, answer).map(|_| ())
            }
            (QuestionKind::Multi { .. }, Answer::Multi(chosen)) => {
                for (i, o) in chosen.iter().enumerate() {
                    let opt = question
                        .option(o)
                        .ok_or_else(|| AnswerError::UnknownOption {
                            question: qid(),
                            option: o.clone(),
                        })?;
                    if chosen[..i].contains(o) {
                        return Err(AnswerError::DuplicateOption {
                            question: qid(),
                            option: o.clone(),
                        });
                    }
                    if opt.exclusive && chosen.len() > 1 {
                        return Err(AnswerError::ExclusiveWithOthers {
                            question: qid(),
                            option: o.clone(),
                        });
                    }
                }
                Ok(())
            }
            (QuestionKind::Number { min, max, .. }, Answer::Number(v)) => {
                if !v.is_finite() {
                    Err(AnswerError::NotANumber(qid()))
                } else if v < min || v > max {
                    Err(AnswerError::OutOfRange {
                        question: qid(),
                        value: *v,
                        min: *min,
                        max: *max,
                    })
                } else {
                    Ok(())
                }
            }
            (QuestionKind::Ratio { .. }, Answer::Ratio { num, den }) => {
                if !num.is_finite() || !den.is_finite() {
                    Err(AnswerError::NotANumber(qid()))
                } else if *num < 0.0 || *den < 0.0 || num > den {
                    Err(AnswerError::BadRatio {
                        question: qid(),
                        num: *num,
                        den: *den,
                    })
                } else {
                    Ok(())
                }
            }
            (
                QuestionKind::Number {
                    allow_dont_know, ..
                }
                | QuestionKind::Ratio {
                    allow_dont_know, ..
                },
                Answer::DontKnow,
            ) => {
                if *allow_dont_know {
                    Ok(())
                } else {
                    Err(AnswerError::DontKnowNotOffered(qid()))
                }
            }
            _ => Err(wrong()),
        }
    }

    /// Checks every stored answer, for imported sheets; returns each problem with its question.
    pub fn problems(&self, q: &Questionnaire) -> Vec<AnswerError> {
        self.checked_slots(q).err().unwrap_or_default()
    }

    /// Checks every stored answer, as [`AnswerSheet::problems`] does, and gives the answers by question position
    /// when all fit (so that an import checks and scores a sheet with one walk through it).
    ///
    /// # Errors
    /// Each problem, in question id order.
    pub fn checked_slots<'s>(
        &'s self,
        q: &'s Questionnaire,
    ) -> Result<Checked<'s>, Vec<AnswerError>> {
        let mut slots = vec![None; q.questions.len()];
        let mut choices = vec![None; q.questions.len()];
        let mut problems = Vec::new();
        for (id, a, pos) in self.resolved(q) {
            match pos
                .and_then(|p| Some((q.questions.get(p)?, slots.get_mut(p)?, choices.get_mut(p)?)))
            {
                None => problems.push(AnswerError::UnknownQuestion(id.clone())),
                Some((question, slot, choice)) => match Self::check_choice(question, a) {
                    Ok(score) => {
                        *slot = Some(a);
                        *choice = score;
                    }
                    Err(e) => problems.push(e),
                },
            }
        }
        if problems.is_empty() {
            Ok(Checked { slots, choices })
        } else {
            Err(problems)
        }
    }

    /// Points an answer earns on its question, or `None` when it makes the question not applicable.
    pub fn points_for(question: &Question, answer: &Answer) -> Option<u32> {
        match (&question.kind, answer) {
            (_, Answer::DontKnow) => Some(0),
            (QuestionKind::Single { .. }, Answer::Choice(id)) => match question.option(id)?.score {
                OptionScore::Points(p) => Some(p),
                OptionScore::DontKnow => Some(0),
                OptionScore::NotApplicable => None,
            },
            (QuestionKind::Multi { .. }, Answer::Multi(ids)) => {
                let mut sum = 0u32;
                for id in ids {
                    match question.option(id)?.score {
                        OptionScore::NotApplicable => return None,
                        OptionScore::Points(p) => sum = sum.saturating_add(p),
                        OptionScore::DontKnow => {}
                    }
                }
                Some(sum.min(question.max_points))
            }
            (QuestionKind::Number { bins, .. }, Answer::Number(v)) => Some(bins.points(*v)),
            (QuestionKind::Ratio { bins, .. }, Answer::Ratio { num, den }) => {
                if *den > 0.0 {
                    Some(bins.points(num / den * 100.0))
                } else {
                    None
                }
            }
            _ => Some(0),
        }
    }
}

/// A checked sheet's answers by question position, with each single choice's option score (as its option was
/// found when checked).
pub struct Checked<'s> {
    /// The answers by question position.
    pub slots: Vec<Option<&'s Answer>>,
    /// By question position: the chosen option's score for a single-choice answer, else `None`.
    pub choices: Vec<Option<OptionScore>>,
}
