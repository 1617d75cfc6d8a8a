//! Scoring: from a questionnaire and an answer sheet to an [`Assessment`] of points, shares and levels.
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::answers::{AnswerSheet, Checked, visibility_of};
use crate::domain::assessment::level::{Level, Share, overall_by_rules};
use crate::domain::assessment::order::sort_stable_by;
use crate::domain::assessment::questionnaire::{
    NaPolicy, OptionScore, OverallMethod, Question, QuestionKind, Questionnaire,
};
use crate::domain::assessment::text::{DimensionId, QuestionId};
use serde::Serialize;

/// Where a question stands in an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionStatus {
    /// Answered with points.
    Answered,
    /// Answered "don't know": 0 points, in the maximum.
    DontKnow,
    /// Answered "not applicable".
    NotApplicable,
    /// Hidden by its condition; counts as not applicable.
    Hidden,
    /// Visible and not answered yet: 0 points, in the maximum.
    Unanswered,
    /// Optional and left unanswered: counts as not asked.
    Skipped,
}

/// One question's points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionScore {
    /// The question.
    pub id: QuestionId,
    /// Its dimension.
    pub dimension: DimensionId,
    /// Points earned.
    pub earned: u32,
    /// Points possible; 0 when not applicable under [`NaPolicy::RemovesFromMax`].
    pub max: u32,
    /// Status.
    pub status: QuestionStatus,
}

impl QuestionScore {
    /// Points lost against the maximum.
    pub fn lost(&self) -> u32 {
        self.max.saturating_sub(self.earned)
    }
}

/// One dimension's points and level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionScore {
    /// The dimension.
    pub id: DimensionId,
    /// Points earned.
    pub earned: u32,
    /// Points possible after "not applicable".
    pub max: u32,
    /// `earned / max`, exact.
    pub share: Share,
    /// The level from the band table.
    pub level: Level,
    /// Visible questions answered.
    pub answered: u32,
    /// Visible questions.
    pub visible: u32,
}

impl DimensionScore {
    /// Whether every visible question of the dimension is answered.
    pub fn is_complete(&self) -> bool {
        self.answered == self.visible
    }
}

/// The overall result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverallScore {
    /// Total points earned.
    pub earned: u32,
    /// Total points possible after "not applicable".
    pub max: u32,
    /// The overall share: weighted mean of dimension shares, or `earned / max` under the DBI rule.
    pub share: Share,
    /// The overall level.
    pub level: Level,
}

/// A whole assessment, derived from answers; never stored, always recomputed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// Per question, in questionnaire order.
    pub questions: Vec<QuestionScore>,
    /// Per dimension, in questionnaire order.
    pub dimensions: Vec<DimensionScore>,
    /// Overall.
    pub overall: OverallScore,
}

fn score_question(
    q: &Question,
    visible: bool,
    answer: Option<&Answer>,
    found: Option<OptionScore>,
    policy: NaPolicy,
) -> QuestionScore {
    let na_max = match policy {
        NaPolicy::RemovesFromMax => 0,
        NaPolicy::ScoresZero => q.max_points,
    };
    let (earned, max, status) = if !visible {
        (0, na_max, QuestionStatus::Hidden)
    } else {
        match answer {
            None if q.optional => (0, na_max, QuestionStatus::Skipped),
            None => (0, q.max_points, QuestionStatus::Unanswered),
            Some(Answer::DontKnow) => (0, q.max_points, QuestionStatus::DontKnow),
            // A choice: its option's score says all (looked up once, or found when checked). On a question of
            // another kind (never in a checked sheet) it earns nothing.
            Some(Answer::Choice(id)) => {
                let single = matches!(q.kind, QuestionKind::Single { .. });
                let score = found.or_else(|| q.option(id).map(|o| o.score));
                match (score, single) {
                    (Some(OptionScore::DontKnow), _) => (0, q.max_points, QuestionStatus::DontKnow),
                    (Some(OptionScore::Points(p)), true) => {
                        (p, q.max_points, QuestionStatus::Answered)
                    }
                    (Some(OptionScore::NotApplicable) | None, true) => {
                        (0, na_max, QuestionStatus::NotApplicable)
                    }
                    (_, false) => (0, q.max_points, QuestionStatus::Answered),
                }
            }
            Some(a) => match AnswerSheet::points_for(q, a) {
                Some(p) => (p, q.max_points, QuestionStatus::Answered),
                None => (0, na_max, QuestionStatus::NotApplicable),
            },
        }
    };
    QuestionScore {
        id: q.id.clone(),
        dimension: q.dimension.clone(),
        earned,
        max,
        status,
    }
}

impl Assessment {
    /// Which questions are shown, in questionnaire order: the visibility of the sheet this was computed from.
    pub fn visibility(&self) -> Vec<bool> {
        self.questions
            .iter()
            .map(|s| s.status != QuestionStatus::Hidden)
            .collect()
    }

    /// The answers by question position that conditions see, from the answers by position of the sheet this was
    /// computed from: those of hidden questions taken out.
    pub fn shown<'s>(&self, mut slots: Vec<Option<&'s Answer>>) -> Vec<Option<&'s Answer>> {
        for (slot, score) in slots.iter_mut().zip(&self.questions) {
            if score.status == QuestionStatus::Hidden {
                *slot = None;
            }
        }
        slots
    }

    /// Scores a sheet. Unanswered visible questions score 0 and stay in the maximum, so a partial sheet gives a
    /// lower bound; [`Assessment::is_complete`] tells whether it is final.
    pub fn compute(q: &Questionnaire, sheet: &AnswerSheet) -> Assessment {
        Self::from_slots(q, &sheet.slots(q))
    }

    /// Scores the answers by question position ([`AnswerSheet::slots`]).
    pub fn from_slots(q: &Questionnaire, slots: &[Option<&Answer>]) -> Assessment {
        Self::scored(q, slots, &[])
    }

    /// Scores a checked sheet ([`AnswerSheet::checked_slots`]), whose single choices' options were found when
    /// checked: the same as [`Assessment::from_slots`], without finding them again.
    pub fn from_checked(q: &Questionnaire, checked: &Checked<'_>) -> Assessment {
        Self::scored(q, &checked.slots, &checked.choices)
    }

    /// Scores the answers by question position; `choices` (by position, or empty) holds the option scores of
    /// single choices already found.
    fn scored(
        q: &Questionnaire,
        slots: &[Option<&Answer>],
        choices: &[Option<OptionScore>],
    ) -> Assessment {
        let visibility = visibility_of(q, slots);
        let questions: Vec<QuestionScore> = q
            .questions
            .iter()
            .zip(&visibility)
            .zip(slots)
            .enumerate()
            .map(|(i, ((question, visible), answer))| {
                let found = choices.get(i).copied().flatten();
                score_question(question, *visible, *answer, found, q.not_applicable)
            })
            .collect();
        // One pass over the questions, adding into their dimension's totals.
        let mut totals = vec![(0u32, 0u32, 0u32, 0u32); q.dimensions.len()];
        for ((s, visible), di) in questions
            .iter()
            .zip(&visibility)
            .zip(q.dimension_positions())
        {
            let Some(t) = totals.get_mut(*di) else {
                continue;
            };
            t.0 += s.earned;
            t.1 += s.max;
            if *visible && s.status != QuestionStatus::Skipped {
                t.3 += 1;
                if s.status != QuestionStatus::Unanswered {
                    t.2 += 1;
                }
            }
        }
        let dimensions: Vec<DimensionScore> = q
            .dimensions
            .iter()
            .zip(totals)
            .map(|(d, (earned, max, answered, shown))| {
                let share = Share::new(u128::from(earned), u128::from(max));
                DimensionScore {
                    id: d.id.clone(),
                    earned,
                    max,
                    share,
                    level: q.levels.level_for(share),
                    answered,
                    visible: shown,
                }
            })
            .collect();
        let overall = Self::overall(q, &dimensions);
        Assessment {
            questions,
            dimensions,
            overall,
        }
    }

    fn overall(q: &Questionnaire, dims: &[DimensionScore]) -> OverallScore {
        let earned: u32 = dims.iter().map(|d| d.earned).sum();
        let max: u32 = dims.iter().map(|d| d.max).sum();
        match &q.overall {
            OverallMethod::WeightedShare => {
                let mut sum = Share::new(0, 0);
                let mut weights = 0u32;
                for (d, def) in dims.iter().zip(&q.dimensions) {
                    if d.max > 0 {
                        sum = sum + d.share.scale(def.weight);
                        weights += def.weight;
                    }
                }
                let share = if weights == 0 {
                    Share::new(0, 0)
                } else {
                    sum.divide(weights)
                };
                OverallScore {
                    earned,
                    max,
                    share,
                    level: q.levels.level_for(share),
                }
            }
            OverallMethod::DbiRule { rules, .. } => {
                let levels: Vec<Level> = dims.iter().map(|d| d.level).collect();
                let share = Share::new(u128::from(earned), u128::from(max));
                OverallScore {
                    earned,
                    max,
                    share,
                    level: overall_by_rules(rules, earned, &levels),
                }
            }
        }
    }

    /// Whether every visible question is answered.
    pub fn is_complete(&self) -> bool {
        self.questions
            .iter()
            .all(|s| s.status != QuestionStatus::Unanswered)
    }

    /// Visible questions answered, and visible questions in all.
    pub fn progress(&self) -> (u32, u32) {
        self.dimensions
            .iter()
            .fold((0, 0), |(a, v), d| (a + d.answered, v + d.visible))
    }

    /// The score of one dimension.
    pub fn dimension(&self, id: &DimensionId) -> Option<&DimensionScore> {
        self.dimensions.iter().find(|d| &d.id == id)
    }

    /// The answered questions of a dimension that lost the most points, most first (ties in questionnaire order).
    pub fn biggest_losses(&self, dim: &DimensionId, n: usize) -> Vec<&QuestionScore> {
        let mut losing: Vec<&QuestionScore> = self
            .questions
            .iter()
            .filter(|s| {
                &s.dimension == dim
                    && s.lost() > 0
                    && matches!(
                        s.status,
                        QuestionStatus::Answered | QuestionStatus::DontKnow
                    )
            })
            .collect();
        sort_stable_by(&mut losing, &|a, b| b.lost().cmp(&a.lost()));
        losing.truncate(n);
        losing
    }
}
