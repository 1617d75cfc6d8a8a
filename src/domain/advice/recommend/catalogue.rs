//! The programme catalogue as data (`questionnaires/programmes.json`): its serde shape, and its validation against
//! the questionnaires its triggers read ([`Programmes::from_json`], refused with a [`ProgrammeError`]).
use crate::domain::assessment::expr::Expr;
use crate::domain::assessment::level::Level;
use crate::domain::assessment::questionnaire::{
    ErrorKind, Location, Questionnaire, QuestionnaireError, SourceRef, Verification,
};
use crate::domain::assessment::text::{DimensionId, QuestionId, Text};
use crate::domain::records::profile::EntityType;
use crate::domain::records::size::SizeClass;
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
    pub tag: Verification,
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
    /// A trigger or a `helps_with` list that does not fit the questionnaires, or a trigger with nothing to test.
    #[error("programme `{programme}`: {problem}")]
    BadTrigger {
        /// The programme.
        programme: String,
        /// What is wrong.
        problem: TriggerProblem,
    },
    /// No triggers.
    #[error("programme `{0}` has no triggers, so it could never be recommended")]
    NoTriggers(String),
}

/// What is wrong with one of a programme's triggers or with its `helps_with` list. Ids are as written in the file.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum TriggerProblem {
    /// A trigger reads a questionnaire that is not among those given.
    #[error("unknown questionnaire `{questionnaire}`")]
    UnknownQuestionnaire {
        /// The questionnaire id written.
        questionnaire: String,
    },
    /// A trigger with no dimension level, overall level or condition.
    #[error("a trigger needs a dimension level, an overall level or a condition")]
    NothingToTest,
    /// A trigger names a dimension its questionnaire does not have.
    #[error("unknown dimension `{dimension}` of `{questionnaire}`")]
    UnknownDimension {
        /// The trigger's questionnaire.
        questionnaire: String,
        /// The dimension id written.
        dimension: String,
    },
    /// A trigger names a dimension without the level that triggers.
    #[error("dimension `{dimension}` needs a max_level")]
    NoMaxLevel {
        /// The dimension id written.
        dimension: String,
    },
    /// A trigger has a reason but no condition to show it with.
    #[error("a reason is only shown with a `when` condition; remove it or add the condition")]
    ReasonWithoutCondition,
    /// A condition that does not parse, names an unknown question, or tests a value that does not fit its question:
    /// the error a `visible_if` with the same fault gets, at [`Location::Owner`] of the programme.
    // The location is the programme, which `ProgrammeError` already names: only the kind is worded here.
    #[error("condition `{condition}` on `{questionnaire}`: {}", error.kind)]
    Condition {
        /// The trigger's questionnaire.
        questionnaire: String,
        /// The condition as written.
        condition: String,
        /// What is wrong with it (boxed: it is large, and every `Result` of the catalogue carries room for it).
        error: Box<QuestionnaireError>,
    },
    /// A condition without the plain words that say what it means.
    #[error("condition `{condition}` needs a reason in plain words")]
    NoReason {
        /// The condition as written.
        condition: String,
    },
    /// `helps_with` names a questionnaire that is not among those given.
    #[error("helps_with names unknown questionnaire `{questionnaire}`")]
    HelpsWithUnknownQuestionnaire {
        /// The questionnaire id written.
        questionnaire: String,
    },
    /// `helps_with` names a question its questionnaire does not have.
    #[error("helps_with names unknown question `{question}` of `{questionnaire}`")]
    HelpsWithUnknownQuestion {
        /// The questionnaire id written.
        questionnaire: String,
        /// The question id written.
        question: String,
    },
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
                let bad = |problem| ProgrammeError::BadTrigger {
                    programme: prog.id.clone(),
                    problem,
                };
                let q = questionnaires
                    .iter()
                    .find(|q| q.id.as_str() == qid)
                    .ok_or_else(|| {
                        bad(TriggerProblem::HelpsWithUnknownQuestionnaire {
                            questionnaire: qid.clone(),
                        })
                    })?;
                if let Some(x) = questions
                    .iter()
                    .find(|x| q.question(&QuestionId(x.as_str().into())).is_none())
                {
                    return Err(bad(TriggerProblem::HelpsWithUnknownQuestion {
                        questionnaire: qid.clone(),
                        question: x.clone(),
                    }));
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
    let bad = |problem| ProgrammeError::BadTrigger {
        programme: programme.to_string(),
        problem,
    };
    let q = questionnaires
        .iter()
        .find(|q| q.id.as_str() == t.questionnaire)
        .ok_or_else(|| {
            bad(TriggerProblem::UnknownQuestionnaire {
                questionnaire: t.questionnaire.clone(),
            })
        })?;
    if t.dimension.is_none() && t.max_level.is_none() && t.when.is_none() {
        return Err(bad(TriggerProblem::NothingToTest));
    }
    if let Some(d) = &t.dimension {
        if q.dimension(&DimensionId(d.as_str().into())).is_none() {
            return Err(bad(TriggerProblem::UnknownDimension {
                questionnaire: t.questionnaire.clone(),
                dimension: d.clone(),
            }));
        }
        if t.max_level.is_none() {
            return Err(bad(TriggerProblem::NoMaxLevel {
                dimension: d.clone(),
            }));
        }
    }
    let Some(src) = &t.when else {
        if t.reason.is_some() {
            return Err(bad(TriggerProblem::ReasonWithoutCondition));
        }
        return Ok(None);
    };
    let condition = |error| {
        bad(TriggerProblem::Condition {
            questionnaire: t.questionnaire.clone(),
            condition: src.clone(),
            error: Box::new(error),
        })
    };
    let at = || Location::Owner(programme.to_string());
    let expr = Expr::parse(src)
        .map_err(|e| condition(QuestionnaireError::new(at(), ErrorKind::Condition(e))))?;
    // Every question first, then the values: a condition with both faults is refused for the unknown question.
    for leaf in expr.leaves() {
        if q.question(leaf.question).is_none() {
            return Err(condition(QuestionnaireError::new(
                at(),
                ErrorKind::ConditionUnknownQuestion {
                    refers_to: leaf.question.to_string(),
                },
            )));
        }
    }
    // Option ids and value types, checked as strictly as a `visible_if`.
    q.check_expr(programme, &expr).map_err(condition)?;
    if t.reason.is_none() {
        return Err(bad(TriggerProblem::NoReason {
            condition: src.clone(),
        }));
    }
    Ok(Some(expr))
}
