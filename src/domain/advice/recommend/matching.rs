//! Ranking and matching: the programmes an assessment calls for, in a deterministic order ([`recommend`]), the
//! cheap positions a tally counts ([`matching_positions`]), and the programmes that help one question ([`helping`]).
use super::catalogue::{Programme, ProgrammeStatus, Programmes};
use super::eligibility::{
    Eligibility, Reason, eligibility, has_priority, shown_answers, trigger_holds,
};
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::level::Level;
use crate::domain::assessment::order::sort_stable_by;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::scoring::Assessment;
use crate::domain::assessment::text::{QuestionId, QuestionnaireId};
use crate::domain::records::profile::Profile;
use crate::domain::records::size::SizeResult;
use serde::Serialize;

/// A matched programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation<'a> {
    /// The programme.
    pub programme: &'a Programme,
    /// Why, one per trigger that held.
    pub reasons: Vec<Reason<'a>>,
    /// Whether the enterprise may apply.
    pub eligibility: Eligibility,
    /// The most it can receive for its size class, VND (None when not capped by size or the size is unknown).
    pub max_support_vnd: Option<u64>,
    /// Decree 80 priority applies to this enterprise for this programme.
    pub priority: bool,
}

/// Matches the catalogue against one assessment. Returns the programmes in force, "check status" or ended first
/// (ranked), then drafts, never mixed: `(programmes, drafts)`. Programmes the enterprise is not eligible for are left
/// out. The order is deterministic: legal obligations first, then status, eligibility, number of reasons, lowest
/// level among them, support, id.
pub fn recommend<'a>(
    catalogue: &'a Programmes,
    q: &Questionnaire,
    sheet: &AnswerSheet,
    a: &Assessment,
    profile: &Profile,
    size: &SizeResult,
) -> (Vec<Recommendation<'a>>, Vec<Recommendation<'a>>) {
    let priority_holds = has_priority(profile);
    let shown = shown_answers(q, sheet, a);
    let mut matched: Vec<Recommendation<'a>> = catalogue
        .programmes
        .iter()
        .filter_map(|prog| {
            let reasons: Vec<Reason<'a>> = prog
                .triggers
                .iter()
                .filter_map(|t| trigger_holds(t, q, &shown, a))
                .collect();
            if reasons.is_empty() {
                return None;
            }
            let eligibility = eligibility(&prog.eligible, prog.province.as_deref(), profile, size);
            if matches!(eligibility, Eligibility::NotEligible(_)) {
                return None;
            }
            let max_support_vnd = match size {
                SizeResult::Class { class, .. } => prog.benefit.caps_vnd.get(class).copied(),
                _ => None,
            };
            Some(Recommendation {
                programme: prog,
                reasons,
                eligibility,
                max_support_vnd,
                priority: prog.priority && priority_holds,
            })
        })
        .collect();
    let lowest = |r: &Recommendation<'_>| {
        r.reasons
            .iter()
            .filter_map(|x| x.dimension.as_ref().map(|d| d.1).or(x.overall))
            .min()
            .unwrap_or(Level::MAX)
    };
    sort_stable_by(&mut matched, &|x, y| {
        let rank = |r: &Recommendation<'_>| {
            (
                !r.programme.obligation,
                r.programme.status,
                r.eligibility.clone(),
                std::cmp::Reverse(r.reasons.len()),
                lowest(r),
                std::cmp::Reverse(r.max_support_vnd.unwrap_or(0)),
            )
        };
        rank(x)
            .cmp(&rank(y))
            .then_with(|| x.programme.id.cmp(&y.programme.id))
    });
    let (drafts, laws): (Vec<_>, Vec<_>) = matched
        .into_iter()
        .partition(|r| r.programme.status == ProgrammeStatus::Draft);
    (laws, drafts)
}

/// The catalogue positions of the programmes [`recommend`] would list for an assessment, minus drafts and ended
/// programmes: what a tally counts. The same rules without the reasons, ranking and amounts, so it is cheap enough
/// to run on every imported record. `a` is the assessment of `sheet`.
pub fn matching_positions(
    catalogue: &Programmes,
    q: &Questionnaire,
    sheet: &AnswerSheet,
    a: &Assessment,
    profile: &Profile,
    size: &SizeResult,
) -> Vec<u16> {
    matching_shown(catalogue, q, &shown_answers(q, sheet, a), a, profile, size)
}

/// As [`matching_positions`], with the answers the conditions see already made (`shown`, by question position:
/// see `ResultFile::check_shown`).
pub fn matching_shown(
    catalogue: &Programmes,
    q: &Questionnaire,
    shown: &[Option<&Answer>],
    a: &Assessment,
    profile: &Profile,
    size: &SizeResult,
) -> Vec<u16> {
    catalogue
        .programmes
        .iter()
        .enumerate()
        .filter(|(_, p)| p.status != ProgrammeStatus::Draft && p.status != ProgrammeStatus::Ended)
        // Who may apply first: it is a few comparisons, and rules out most programmes (another province's, another
        // size class) before their triggers' conditions are evaluated. Both are pure, so the order changes nothing
        // else.
        .filter(|(_, p)| {
            !matches!(
                eligibility(&p.eligible, p.province.as_deref(), profile, size),
                Eligibility::NotEligible(_)
            )
        })
        .filter(|(_, p)| {
            p.triggers
                .iter()
                .any(|t| trigger_holds(t, q, shown, a).is_some())
        })
        .filter_map(|(i, _)| u16::try_from(i).ok())
        .collect()
}

/// The programmes (eligible or maybe) that help improve one question, for the roadmap.
pub fn helping<'a>(
    catalogue: &'a Programmes,
    questionnaire: &QuestionnaireId,
    question: &QuestionId,
    profile: &Profile,
    size: &SizeResult,
) -> Vec<&'a Programme> {
    catalogue
        .programmes
        .iter()
        .filter(|p| p.status != ProgrammeStatus::Draft && p.status != ProgrammeStatus::Ended)
        .filter(|p| {
            p.helps_with
                .get(questionnaire.as_str())
                .is_some_and(|qs| qs.iter().any(|x| x == question.as_str()))
        })
        .filter(|p| {
            !matches!(
                eligibility(&p.eligible, p.province.as_deref(), profile, size),
                Eligibility::NotEligible(_)
            )
        })
        .collect()
}
