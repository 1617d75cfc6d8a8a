//! What the results page shows, derived from a questionnaire, its answers and the assessment: no language, no HTML.
use super::answers::{Answer, AnswerSheet};
use super::questionnaire::{OptionScore, Question, QuestionKind, Questionnaire};
use super::scoring::{Assessment, QuestionStatus};
use super::text::{DimensionId, Text};

/// How an answer reads back to the person who gave it.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerView<'a> {
    /// The label of the chosen option.
    Option(&'a Text),
    /// Several option labels.
    Options(Vec<&'a Text>),
    /// A number.
    Number(f64),
    /// A part of a whole.
    Ratio {
        /// The part.
        num: f64,
        /// The whole.
        den: f64,
    },
    /// "Don't know".
    DontKnow,
}

/// A question that lost points, with what was answered and what would score the maximum.
#[derive(Debug, Clone, PartialEq)]
pub struct Loss<'a> {
    /// The question.
    pub question: &'a Question,
    /// What was answered.
    pub answer: AnswerView<'a>,
    /// The best option, for choice questions.
    pub best: Option<&'a Text>,
    /// Points earned.
    pub earned: u32,
    /// Points possible.
    pub max: u32,
}

/// Reads an answer back as labels and numbers.
pub fn answer_view<'a>(question: &'a Question, answer: &Answer) -> Option<AnswerView<'a>> {
    Some(match answer {
        Answer::Choice(id) => AnswerView::Option(&question.option(id)?.label),
        Answer::Multi(ids) => AnswerView::Options(ids.iter().filter_map(|id| question.option(id)).map(|o| &o.label).collect()),
        Answer::Number(v) => AnswerView::Number(*v),
        Answer::Ratio { num, den } => AnswerView::Ratio { num: *num, den: *den },
        Answer::DontKnow => AnswerView::DontKnow,
    })
}

/// The label of the single-choice option that scores the maximum (the first, if several do).
pub fn best_option(question: &Question) -> Option<&Text> {
    match &question.kind {
        QuestionKind::Single { options } => options
            .iter()
            .filter(|o| o.score == OptionScore::Points(question.max_points))
            .map(|o| &o.label)
            .next(),
        _ => None,
    }
}

/// The `n` answered questions of a dimension that lost the most points, most first.
pub fn biggest_losses<'a>(
    q: &'a Questionnaire,
    sheet: &AnswerSheet,
    a: &Assessment,
    dim: &DimensionId,
    n: usize,
) -> Vec<Loss<'a>> {
    a.biggest_losses(dim, n)
        .into_iter()
        .filter_map(|s| {
            let question = q.question(&s.id)?;
            let answer = match s.status {
                QuestionStatus::DontKnow => AnswerView::DontKnow,
                _ => answer_view(question, sheet.get(&s.id)?)?,
            };
            Some(Loss { question, answer, best: best_option(question), earned: s.earned, max: s.max })
        })
        .collect()
}
