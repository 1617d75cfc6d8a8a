//! What the results page shows, derived from a questionnaire, its answers and the assessment: no language, no HTML.
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::questionnaire::{
    OptionScore, Question, QuestionKind, Questionnaire,
};
use crate::domain::assessment::scoring::{Assessment, QuestionStatus};
use crate::domain::assessment::text::{DimensionId, Text};

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
    /// The next better option up the ladder, for single-choice questions.
    pub next: Option<&'a Text>,
    /// Points earned.
    pub earned: u32,
    /// Points possible.
    pub max: u32,
}

/// Reads an answer back as labels and numbers.
pub fn answer_view<'a>(question: &'a Question, answer: &Answer) -> Option<AnswerView<'a>> {
    Some(match answer {
        Answer::Choice(id) => AnswerView::Option(&question.option(id)?.label),
        Answer::Multi(ids) => AnswerView::Options(
            ids.iter()
                .filter_map(|id| question.option(id))
                .map(|o| &o.label)
                .collect(),
        ),
        Answer::Number(v) => AnswerView::Number(*v),
        Answer::Ratio { num, den } => AnswerView::Ratio {
            num: *num,
            den: *den,
        },
        Answer::DontKnow => AnswerView::DontKnow,
    })
}

/// The label of the single-choice option one step up from `earned` points: the fewest points above it (the first
/// such option, if several tie).
pub fn next_option(question: &Question, earned: u32) -> Option<&Text> {
    match &question.kind {
        QuestionKind::Single { options } => options
            .iter()
            .filter_map(|o| match o.score {
                OptionScore::Points(p) if p > earned => Some((p, &o.label)),
                _ => None,
            })
            .min_by_key(|(p, _)| *p)
            .map(|(_, label)| label),
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
            Some(Loss {
                question,
                answer,
                next: next_option(question, s.earned),
                earned: s.earned,
                max: s.max,
            })
        })
        .collect()
}

/// One line of a T0 → T1 comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeLine {
    /// The dimension, or `None` for the overall line.
    pub dimension: Option<DimensionId>,
    /// Earlier (points, max, permille, level).
    pub before: (u32, u32, u32, crate::domain::assessment::level::Level),
    /// Now.
    pub after: (u32, u32, u32, crate::domain::assessment::level::Level),
}

impl ChangeLine {
    /// The change in tenths of a percentage point.
    pub fn delta_permille(&self) -> i64 {
        i64::from(self.after.2) - i64::from(self.before.2)
    }

    /// The change in level.
    pub fn delta_level(&self) -> i16 {
        i16::from(self.after.3) - i16::from(self.before.3)
    }
}

/// Compares an earlier result with the current assessment: overall first, then each dimension both have.
pub fn compare(
    earlier: &crate::domain::records::result_file::Scores,
    now: &Assessment,
) -> Vec<ChangeLine> {
    let o = &earlier.overall;
    let mut out = vec![ChangeLine {
        dimension: None,
        before: (o.earned, o.max, o.share_permille, o.level),
        after: (
            now.overall.earned,
            now.overall.max,
            now.overall.share.permille(),
            now.overall.level,
        ),
    }];
    for d in &now.dimensions {
        if let Some(e) = earlier.dimensions.iter().find(|x| x.id == d.id) {
            let s = &e.score;
            out.push(ChangeLine {
                dimension: Some(d.id.clone()),
                before: (s.earned, s.max, s.share_permille, s.level),
                after: (d.earned, d.max, d.share.permille(), d.level),
            });
        }
    }
    out
}
