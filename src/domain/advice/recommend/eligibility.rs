//! Eligibility and triggers: whether an enterprise may apply for a programme (size class, entity type, employees,
//! province), Decree 80's priority, and which triggers hold on an assessment with the reasons they give.
use super::catalogue::{EligibleRule, Trigger};
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::level::Level;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::scoring::Assessment;
use crate::domain::assessment::text::{DimensionId, QuestionId, Text};
use crate::domain::records::profile::Profile;
use crate::domain::records::size::SizeResult;
use serde::Serialize;

/// Whether the enterprise may apply.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Eligibility {
    /// Yes, on the profile given.
    Eligible,
    /// Maybe: the profile lacks what would decide it.
    Unknown(Vec<EligibilityGap>),
    /// No.
    NotEligible(NotEligibleBecause),
}

/// What the profile lacks to decide eligibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum EligibilityGap {
    /// Entity type.
    EntityType,
    /// Size class (sector, employees, revenue or capital).
    SizeClass,
    /// Employees.
    Employees,
    /// Province.
    Province,
}

/// Why the enterprise may not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum NotEligibleBecause {
    /// Its entity type is not covered.
    EntityType,
    /// Its size class is not covered (or it is not an SME).
    SizeClass,
    /// It has too many employees.
    Employees,
    /// It is in another province.
    Province,
}

/// One reason a programme was recommended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason<'a> {
    /// The dimension and its level, when the trigger reads one.
    pub dimension: Option<(DimensionId, Level)>,
    /// The overall level, when the trigger reads it.
    pub overall: Option<Level>,
    /// The plain-words meaning of the answer condition.
    pub text: Option<&'a Text>,
}

/// Decree 80 Art. 4 priority: a woman-owned SME, or one with many female workers (≥ 50 % under 100 employees,
/// ≥ 30 % from 100).
pub fn has_priority(p: &Profile) -> bool {
    let female = match (p.female_share_pct, p.employees) {
        (Some(share), Some(n)) if n >= 100 => share >= 30.0,
        (Some(share), _) => share >= 50.0,
        _ => false,
    };
    p.woman_owner == Some(true) || female
}

/// Whether an enterprise with profile `p` and size `size` may apply under `rule`, for a programme of `province`.
pub(super) fn eligibility(
    rule: &EligibleRule,
    province: Option<&str>,
    p: &Profile,
    size: &SizeResult,
) -> Eligibility {
    let mut gaps = Vec::new();
    if !rule.entity.is_empty() {
        match p.entity_type {
            Some(e) if !rule.entity.contains(&e) => {
                return Eligibility::NotEligible(NotEligibleBecause::EntityType);
            }
            None => gaps.push(EligibilityGap::EntityType),
            _ => {}
        }
    }
    if !rule.sizes.is_empty() {
        match size {
            SizeResult::Class { class, .. } if !rule.sizes.contains(class) => {
                return Eligibility::NotEligible(NotEligibleBecause::SizeClass);
            }
            SizeResult::Household | SizeResult::AboveMedium => {
                return Eligibility::NotEligible(NotEligibleBecause::SizeClass);
            }
            SizeResult::NotEnoughData(_) => gaps.push(EligibilityGap::SizeClass),
            SizeResult::Class { .. } => {}
        }
    }
    if let Some(max) = rule.max_employees {
        match p.employees {
            Some(n) if n > max => return Eligibility::NotEligible(NotEligibleBecause::Employees),
            None => gaps.push(EligibilityGap::Employees),
            _ => {}
        }
    }
    // A provincial programme is shown only to enterprises that say they are in that province: showing every
    // province's programmes to everyone who left the field empty would bury the national ones.
    if let Some(code) = province
        && p.province.as_deref() != Some(code)
    {
        return Eligibility::NotEligible(NotEligibleBecause::Province);
    }
    if gaps.is_empty() {
        Eligibility::Eligible
    } else {
        Eligibility::Unknown(gaps)
    }
}

/// The answers by question position that a trigger's condition sees: those of visible questions (`a` was computed
/// from `sheet`, so its hidden questions are the invisible ones). Made once per assessment, so that each condition
/// finds an answer by position rather than by searching the sheet.
pub(super) fn shown_answers<'s>(
    q: &'s Questionnaire,
    sheet: &'s AnswerSheet,
    a: &Assessment,
) -> Vec<Option<&'s Answer>> {
    a.shown(sheet.slots(q))
}

/// The reason trigger `t` gives when it holds on assessment `a` (`shown` holding the answers its condition sees,
/// from [`shown_answers`]), or `None` when it does not hold or reads another questionnaire than `q`.
pub(super) fn trigger_holds<'a>(
    t: &'a Trigger,
    q: &Questionnaire,
    shown: &[Option<&Answer>],
    a: &Assessment,
) -> Option<Reason<'a>> {
    if t.questionnaire != q.id.as_str() {
        return None;
    }
    let mut reason = Reason {
        dimension: None,
        overall: None,
        text: None,
    };
    match (&t.dimension, t.max_level) {
        (Some(d), Some(max)) => {
            let score = a.dimensions.iter().find(|x| x.id.as_str() == d)?;
            if score.level > max {
                return None;
            }
            reason.dimension = Some((score.id.clone(), score.level));
        }
        (None, Some(max)) => {
            if a.overall.level > max {
                return None;
            }
            reason.overall = Some(a.overall.level);
        }
        _ => {}
    }
    if t.when.is_some() {
        // Parsed at load; a trigger built by hand without parsing never matches rather than guessing.
        let expr = t.parsed.as_ref()?;
        let lookup = |id: &QuestionId| shown.get(q.position(id)?).copied().flatten();
        if !expr.eval(&lookup) {
            return None;
        }
        reason.text = t.reason.as_ref();
    }
    Some(reason)
}
