//! Support programmes (`questionnaires/programmes.json`) and the matching engine: which programmes fit this
//! enterprise, why (in plain words), how much for its size class, and with Decree 80's priority where it applies.
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::expr::Expr;
use crate::domain::assessment::level::Level;
use crate::domain::assessment::order::sort_stable_by;
use crate::domain::assessment::questionnaire::{Questionnaire, SourceRef};
use crate::domain::assessment::scoring::Assessment;
use crate::domain::assessment::text::{DimensionId, QuestionId, QuestionnaireId, Text};
use crate::domain::records::profile::{EntityType, Profile};
use crate::domain::records::size::{SizeClass, SizeResult};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// Whether a programme is law, a draft, over, or to be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeStatus {
    /// In force.
    InForce,
    /// Check the current status (a programme period may have ended, agencies were merged).
    Check,
    /// Ended.
    Ended,
    /// A draft: shown apart and never as law.
    Draft,
}

/// Who may apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct EligibleRule {
    /// Entity types allowed; empty means any.
    pub entity: Vec<EntityType>,
    /// Size classes allowed; empty means any (households included).
    pub sizes: Vec<SizeClass>,
    /// At most this many employees with social insurance.
    pub max_employees: Option<u32>,
}

/// What in an assessment shows the programme would help. Every part given must hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    /// The questionnaire this trigger reads.
    pub questionnaire: String,
    /// A dimension whose level must be at most `max_level`.
    #[serde(default)]
    pub dimension: Option<String>,
    /// The highest level of `dimension` (or of the overall result when no dimension is given) that triggers.
    #[serde(default)]
    pub max_level: Option<Level>,
    /// A condition on answers, in the `visible_if` language.
    #[serde(default)]
    pub when: Option<String>,
    /// What the condition means, in plain words ("under half of invoices are electronic").
    #[serde(default)]
    pub reason: Option<Text>,
    /// `when`, parsed once at load.
    #[serde(skip)]
    pub parsed: Option<Expr>,
}

/// The benefit, with amounts by size class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benefit {
    /// What is supported, in words.
    pub text: Text,
    /// Share of the cost paid, percent, where it is a share.
    #[serde(default)]
    pub rate_pct: Option<u32>,
    /// The most paid per size class, VND.
    #[serde(default)]
    pub caps_vnd: BTreeMap<SizeClass, u64>,
    /// What a cap is counted per ("per contract per year").
    #[serde(default)]
    pub per: Option<Text>,
    /// How well the amounts are verified.
    pub tag: crate::domain::assessment::questionnaire::Verification,
}

/// One programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// One or two sentences.
    pub summary: Text,
    /// Legal reference and its verification tag.
    pub legal: SourceRef,
    /// The agency that issued it, at the time.
    pub issuer: Text,
    /// The agency responsible now (after the 2025 mergers).
    pub responsible: Text,
    /// Status.
    pub status: ProgrammeStatus,
    /// A provincial programme: the province code it applies to.
    #[serde(default)]
    pub province: Option<String>,
    /// Who may apply.
    #[serde(default)]
    pub eligible: EligibleRule,
    /// Whether Decree 80's priority for women-owned SMEs and SMEs with many female workers applies.
    #[serde(default)]
    pub priority: bool,
    /// A legal obligation (e-invoices) rather than a support offer: ranked first, since non-compliance has costs.
    #[serde(default)]
    pub obligation: bool,
    /// What shows it would help; at least one must hold.
    pub triggers: Vec<Trigger>,
    /// Questions whose improvement it supports, by questionnaire (for the roadmap).
    #[serde(default)]
    pub helps_with: BTreeMap<String, Vec<String>>,
    /// The benefit.
    pub benefit: Benefit,
    /// How and where to apply.
    pub apply: Text,
}

/// The programme catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programmes {
    /// Always "programmes".
    pub kind: String,
    /// The catalogue's date, for "check current status".
    pub as_of: String,
    /// The programmes.
    pub programmes: Vec<Programme>,
}

/// Why the catalogue was refused; each variant names the programme.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ProgrammeError {
    /// Not JSON of the right shape.
    #[error("the programme file does not parse: {0}")]
    Parse(String),
    /// Wrong kind.
    #[error("the file's kind is `{0}`, not `programmes`")]
    WrongKind(String),
    /// Two programmes share an id.
    #[error("duplicate programme id `{0}`")]
    Duplicate(String),
    /// A blank translation.
    #[error("programme `{0}`: a text is missing a translation")]
    MissingTranslation(String),
    /// A trigger that names an unknown questionnaire, dimension or question, or has nothing to test.
    #[error("programme `{programme}`: {problem}")]
    BadTrigger {
        /// The programme.
        programme: String,
        /// What is wrong.
        problem: String,
    },
    /// No triggers.
    #[error("programme `{0}` has no triggers, so it could never be recommended")]
    NoTriggers(String),
}

impl Programmes {
    /// Parses the catalogue and checks it against the questionnaires its triggers read.
    ///
    /// # Errors
    /// [`ProgrammeError`] naming the programme at fault.
    pub fn from_json(
        json: &str,
        questionnaires: &[&Questionnaire],
    ) -> Result<Programmes, ProgrammeError> {
        let mut p: Programmes =
            serde_json::from_str(json).map_err(|e| ProgrammeError::Parse(e.to_string()))?;
        if p.kind != "programmes" {
            return Err(ProgrammeError::WrongKind(p.kind));
        }
        let mut ids = BTreeSet::new();
        for prog in &mut p.programmes {
            if !ids.insert(prog.id.clone()) {
                return Err(ProgrammeError::Duplicate(prog.id.clone()));
            }
            let mut texts = vec![
                &prog.title,
                &prog.summary,
                &prog.issuer,
                &prog.responsible,
                &prog.apply,
                &prog.benefit.text,
            ];
            texts.extend(prog.benefit.per.iter());
            texts.extend(prog.triggers.iter().filter_map(|t| t.reason.as_ref()));
            if texts.iter().any(|t| t.missing().is_some()) {
                return Err(ProgrammeError::MissingTranslation(prog.id.clone()));
            }
            if prog.triggers.is_empty() {
                return Err(ProgrammeError::NoTriggers(prog.id.clone()));
            }
            for t in &mut prog.triggers {
                t.parsed = check_trigger(&prog.id, t, questionnaires)?;
            }
            for (qid, questions) in &prog.helps_with {
                let bad = |problem: String| ProgrammeError::BadTrigger {
                    programme: prog.id.clone(),
                    problem,
                };
                let q = questionnaires
                    .iter()
                    .find(|q| q.id.as_str() == qid)
                    .ok_or_else(|| {
                        bad(format!("helps_with names unknown questionnaire `{qid}`"))
                    })?;
                if let Some(x) = questions
                    .iter()
                    .find(|x| q.question(&QuestionId(x.as_str().into())).is_none())
                {
                    return Err(bad(format!(
                        "helps_with names unknown question `{x}` of `{qid}`"
                    )));
                }
            }
        }
        Ok(p)
    }
}

fn check_trigger(
    programme: &str,
    t: &Trigger,
    questionnaires: &[&Questionnaire],
) -> Result<Option<Expr>, ProgrammeError> {
    let bad = |problem: String| ProgrammeError::BadTrigger {
        programme: programme.to_string(),
        problem,
    };
    let q = questionnaires
        .iter()
        .find(|q| q.id.as_str() == t.questionnaire)
        .ok_or_else(|| bad(format!("unknown questionnaire `{}`", t.questionnaire)))?;
    if t.dimension.is_none() && t.max_level.is_none() && t.when.is_none() {
        return Err(bad(
            "a trigger needs a dimension level, an overall level or a condition".into(),
        ));
    }
    if let Some(d) = &t.dimension {
        if q.dimension(&DimensionId(d.as_str().into())).is_none() {
            return Err(bad(format!(
                "unknown dimension `{d}` of `{}`",
                t.questionnaire
            )));
        }
        if t.max_level.is_none() {
            return Err(bad(format!("dimension `{d}` needs a max_level")));
        }
    }
    let Some(src) = &t.when else {
        if t.reason.is_some() {
            return Err(bad(
                "a reason is only shown with a `when` condition; remove it or add the condition"
                    .into(),
            ));
        }
        return Ok(None);
    };
    let expr = Expr::parse(src).map_err(|e| bad(format!("condition `{src}`: {e}")))?;
    for leaf in expr.leaves() {
        if q.question(leaf.question).is_none() {
            return Err(bad(format!(
                "condition names unknown question `{}` of `{}`",
                leaf.question, t.questionnaire
            )));
        }
    }
    // Option ids and value types, checked as strictly as a `visible_if`.
    q.check_expr(programme, &expr)
        .map_err(|e| bad(format!("condition `{src}`: {e}")))?;
    if t.reason.is_none() {
        return Err(bad(format!(
            "condition `{src}` needs a reason in plain words"
        )));
    }
    Ok(Some(expr))
}

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

fn eligibility(
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

fn trigger_holds<'a>(
    t: &'a Trigger,
    q: &Questionnaire,
    visible: &[bool],
    sheet: &AnswerSheet,
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
        let lookup = |id: &QuestionId| {
            let pos = q.position(id)?;
            if visible.get(pos).copied().unwrap_or(false) {
                sheet.get(id)
            } else {
                None
            }
        };
        if !expr.eval(&lookup) {
            return None;
        }
        reason.text = t.reason.as_ref();
    }
    Some(reason)
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
    // `a` was computed from `sheet`: its hidden questions are the invisible ones, no need to evaluate them again.
    let visible = a.visibility();
    let mut matched: Vec<Recommendation<'a>> = catalogue
        .programmes
        .iter()
        .filter_map(|prog| {
            let reasons: Vec<Reason<'a>> = prog
                .triggers
                .iter()
                .filter_map(|t| trigger_holds(t, q, &visible, sheet, a))
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
    let visible = a.visibility();
    catalogue
        .programmes
        .iter()
        .enumerate()
        .filter(|(_, p)| p.status != ProgrammeStatus::Draft && p.status != ProgrammeStatus::Ended)
        .filter(|(_, p)| {
            p.triggers
                .iter()
                .any(|t| trigger_holds(t, q, &visible, sheet, a).is_some())
        })
        .filter(|(_, p)| {
            !matches!(
                eligibility(&p.eligible, p.province.as_deref(), profile, size),
                Eligibility::NotEligible(_)
            )
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
