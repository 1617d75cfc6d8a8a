//! The load-time type check of conditions: every question a condition names comes before it, and every value fits
//! that question's type.
use super::error::{ConditionProblem, ErrorKind, Location, QuestionnaireError, Result};
use super::model::{Question, QuestionKind, Questionnaire};
use crate::domain::assessment::expr::{Expr, LeafKind, Value};
use crate::domain::assessment::order::{map_of, set_of};
use crate::domain::assessment::text::{OptionId, QuestionId};
use std::collections::{BTreeMap, BTreeSet};

/// Checks `expr`, the condition at `at`, against the questions it may name (`earlier`) among all of them (`all`).
pub(super) fn check_condition(
    at: &Location,
    expr: &Expr,
    earlier: &BTreeMap<&QuestionId, &Question>,
    all: &BTreeSet<String>,
) -> Result<()> {
    let error = |kind| QuestionnaireError::new(at.clone(), kind);
    for leaf in expr.leaves() {
        let refers_to = leaf.question.to_string();
        let Some(target) = earlier.get(leaf.question) else {
            return Err(error(if all.contains(&refers_to) {
                ErrorKind::ConditionForwardReference { refers_to }
            } else {
                ErrorKind::ConditionUnknownQuestion { refers_to }
            }));
        };
        let mismatch = |problem| {
            error(ErrorKind::ConditionTypeMismatch {
                refers_to: refers_to.clone(),
                problem,
            })
        };
        let found = target.kind.question_type();
        let is_choice = matches!(
            target.kind,
            QuestionKind::Single { .. } | QuestionKind::Multi { .. }
        );
        match leaf.kind {
            LeafKind::Answered => {}
            LeafKind::Has if !matches!(target.kind, QuestionKind::Multi { .. }) => {
                return Err(mismatch(ConditionProblem::HasNeedsMulti { found }));
            }
            LeafKind::Cmp(op) if op.is_ordering() && is_choice => {
                return Err(mismatch(ConditionProblem::OrderingOnChoice { found }));
            }
            LeafKind::Cmp(_) | LeafKind::In
                if matches!(target.kind, QuestionKind::Multi { .. }) =>
            {
                return Err(mismatch(ConditionProblem::UseHas));
            }
            _ => {}
        }
        for v in leaf.values {
            match (v, is_choice) {
                (Value::Str(s), true) => {
                    if target.option(&OptionId(s.as_str().into())).is_none() {
                        return Err(mismatch(ConditionProblem::NoSuchOption {
                            option: s.clone(),
                        }));
                    }
                }
                (Value::Num(n), true) => {
                    return Err(mismatch(ConditionProblem::NumberForChoice { value: *n }));
                }
                (Value::Str(s), false) => {
                    return Err(mismatch(ConditionProblem::TextForNumber {
                        value: s.clone(),
                        found,
                    }));
                }
                (Value::Num(_), false) => {}
            }
        }
    }
    Ok(())
}

impl Questionnaire {
    /// Checks a condition written elsewhere (a programme trigger) against this questionnaire: every question it
    /// names exists and every value fits that question's type.
    ///
    /// # Errors
    /// The [`QuestionnaireError`] a `visible_if` with the same fault would get, at [`Location::Owner`] of `owner`.
    pub fn check_expr(&self, owner: &str, expr: &Expr) -> Result<()> {
        let all: BTreeMap<&QuestionId, &Question> =
            map_of(self.questions.iter().map(|q| (&q.id, q)));
        let ids: BTreeSet<String> = set_of(self.questions.iter().map(|q| q.id.to_string()));
        check_condition(&Location::Owner(owner.to_string()), expr, &all, &ids)
    }
}
