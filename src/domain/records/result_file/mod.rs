//! The result file: a versioned JSON record of one assessment (documented by `docs/result.schema.json`), how it is
//! built, and how an imported one is checked: schema, questionnaire, answers, and the scores recomputed.
use crate::domain::assessment::answers::{AnswerError, AnswerSheet};
use crate::domain::assessment::encode;
use crate::domain::assessment::level::Level;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::scoring::Assessment;
use crate::domain::assessment::text::{DimensionId, QuestionnaireId};
use crate::domain::records::draft::{AssessmentId, Draft, EnterpriseId};
use crate::domain::records::profile::{Profile, TaxCode};
use crate::domain::records::workshop::Workshop;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub mod canonical;
mod import;
pub use import::ShownSink;

/// The value of the `schema` field.
pub const RESULT_SCHEMA: &str = "dxcheck-result";
/// The schema version this build writes and reads.
pub const RESULT_VERSION: u32 = 1;

/// Whether the file holds a finished assessment or work in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultStatus {
    /// Every visible question answered.
    Completed,
    /// Answers so far, to carry to another device.
    Draft,
}

/// Which questionnaire, and which version of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireRef {
    /// Its id.
    pub id: QuestionnaireId,
    /// Its content version.
    pub version: String,
}

/// Points and level of one line of the score table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreLine {
    /// Points earned.
    pub earned: u32,
    /// Points possible.
    pub max: u32,
    /// The share in tenths of a percent (rounded half up).
    pub share_permille: u32,
    /// The level.
    pub level: Level,
}

/// A dimension's line: its id and its [`ScoreLine`]'s fields in one object (read by hand, below).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DimensionLine {
    /// The dimension.
    pub id: DimensionId,
    /// Its scores.
    #[serde(flatten)]
    pub score: ScoreLine,
}

/// Read as serde's derive read it with `flatten` and `deny_unknown_fields` (five fields, each once, nothing else,
/// pinned by a test in `tests/domain.rs`), without buffering every field of every line first: a tally reads six of
/// these per record.
impl<'de> Deserialize<'de> for DimensionLine {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        const FIELDS: &[&str] = &["id", "earned", "max", "share_permille", "level"];
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = DimensionLine;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a dimension's score line")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DimensionLine, A::Error> {
                fn once<T, E: Error>(
                    slot: &mut Option<T>,
                    value: T,
                    name: &'static str,
                ) -> Result<(), E> {
                    match slot.replace(value) {
                        None => Ok(()),
                        Some(_) => Err(E::duplicate_field(name)),
                    }
                }
                let (mut id, mut earned, mut max, mut share, mut level) =
                    (None, None, None, None, None);
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "id" => once(&mut id, map.next_value::<DimensionId>()?, "id")?,
                        "earned" => once(&mut earned, map.next_value::<u32>()?, "earned")?,
                        "max" => once(&mut max, map.next_value::<u32>()?, "max")?,
                        "share_permille" => {
                            once(&mut share, map.next_value::<u32>()?, "share_permille")?
                        }
                        "level" => once(&mut level, map.next_value::<Level>()?, "level")?,
                        other => return Err(A::Error::unknown_field(other, FIELDS)),
                    }
                }
                Ok(DimensionLine {
                    id: id.ok_or_else(|| A::Error::missing_field("id"))?,
                    score: ScoreLine {
                        earned: earned.ok_or_else(|| A::Error::missing_field("earned"))?,
                        max: max.ok_or_else(|| A::Error::missing_field("max"))?,
                        share_permille: share
                            .ok_or_else(|| A::Error::missing_field("share_permille"))?,
                        level: level.ok_or_else(|| A::Error::missing_field("level"))?,
                    },
                })
            }
        }
        d.deserialize_map(Visit)
    }
}

/// The computed scores, stored so that other tools can read them; recomputed and compared on import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    /// Overall.
    pub overall: ScoreLine,
    /// Per dimension, in questionnaire order.
    pub dimensions: Vec<DimensionLine>,
}

impl Scores {
    /// The scores of an assessment.
    pub fn of(a: &Assessment) -> Scores {
        Scores {
            overall: ScoreLine {
                earned: a.overall.earned,
                max: a.overall.max,
                share_permille: a.overall.share.permille(),
                level: a.overall.level,
            },
            dimensions: a
                .dimensions
                .iter()
                .map(|d| DimensionLine {
                    id: d.id.clone(),
                    score: ScoreLine {
                        earned: d.earned,
                        max: d.max,
                        share_permille: d.share.permille(),
                        level: d.level,
                    },
                })
                .collect(),
        }
    }
}

/// One assessment as a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultFile {
    /// Always [`RESULT_SCHEMA`].
    pub schema: String,
    /// The schema version, see [`RESULT_VERSION`].
    pub schema_version: u32,
    /// Completed or draft.
    pub status: ResultStatus,
    /// The app version that wrote it.
    pub app_version: String,
    /// The assessment's UUID (from the browser's crypto RNG).
    pub assessment_id: AssessmentId,
    /// The questionnaire.
    pub questionnaire: QuestionnaireRef,
    /// When the assessment was started (RFC 3339).
    pub created_at: String,
    /// When it was completed.
    pub completed_at: Option<String>,
    /// When this file was written.
    pub exported_at: String,
    /// The enterprise profile.
    pub profile: Profile,
    /// The answers, by question id (hidden questions' kept answers included).
    pub answers: AnswerSheet,
    /// The scores.
    pub scores: Scores,
    /// The enterprise's UUID on the device that wrote the file (groups a bundle's results by enterprise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_id: Option<EnterpriseId>,
    /// The workshop the assessment was made in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workshop: Option<Workshop>,
}

/// Why an imported file was refused. Each message says which check failed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ImportError {
    /// Not JSON at all.
    #[error("not a JSON file: {0}")]
    NotJson(String),
    /// JSON, but not a DX Check result file.
    #[error("not a DX Check result file (no \"schema\": \"dxcheck-result\")")]
    NotAResultFile,
    /// A result file of another schema version.
    #[error("result file version {found} is not supported (this app reads version {supported})")]
    UnsupportedVersion {
        /// The file's version.
        found: u32,
        /// Ours.
        supported: u32,
    },
    /// The file's shape is wrong (a field missing or of the wrong type).
    #[error("the result file is damaged: {0}")]
    Malformed(String),
    /// A questionnaire or version this app does not have.
    #[error("unknown questionnaire `{id}` version `{version}`")]
    UnknownQuestionnaire {
        /// Its id.
        id: String,
        /// Its version.
        version: String,
    },
    /// Answers that do not fit the questionnaire.
    #[error("{} answers do not fit the questionnaire, first: {}", .0.len(), .0.first().map(ToString::to_string).unwrap_or_default())]
    BadAnswers(Vec<AnswerError>),
    /// The stored scores differ from the recomputed ones: edited by hand or by another tool.
    #[error(
        "the scores in the file do not match its answers ({what}: file says {stored}, answers give {computed})"
    )]
    ScoresMismatch {
        /// Which line.
        what: String,
        /// The file's value.
        stored: String,
        /// The recomputed value.
        computed: String,
    },
}

impl ResultFile {
    /// Builds the file for a draft.
    pub fn build(
        q: &Questionnaire,
        draft: &Draft,
        profile: &Profile,
        app_version: &str,
        now: &str,
    ) -> ResultFile {
        let a = Assessment::compute(q, &draft.answers);
        ResultFile {
            schema: RESULT_SCHEMA.into(),
            schema_version: RESULT_VERSION,
            status: if a.is_complete() {
                ResultStatus::Completed
            } else {
                ResultStatus::Draft
            },
            app_version: app_version.into(),
            assessment_id: draft.id.clone(),
            questionnaire: QuestionnaireRef {
                id: q.id.clone(),
                version: q.version.clone(),
            },
            created_at: draft.created_at.clone(),
            completed_at: if a.is_complete() {
                draft
                    .completed_at
                    .clone()
                    .or_else(|| Some(draft.updated_at.clone()))
            } else {
                None
            },
            exported_at: now.into(),
            profile: profile.clone(),
            answers: draft.answers.clone(),
            scores: Scores::of(&a),
            enterprise_id: None,
            workshop: None,
        }
    }

    /// The same file, marked with the enterprise it belongs to and its workshop.
    pub fn with_enterprise(mut self, id: &EnterpriseId, workshop: Option<&Workshop>) -> ResultFile {
        self.enterprise_id = Some(id.clone());
        self.workshop = workshop.cloned();
        self
    }

    /// The file as pretty JSON.
    pub fn to_json(&self) -> String {
        encode::json_pretty(self)
    }

    /// The draft this file restores.
    pub fn to_draft(&self) -> Draft {
        Draft {
            schema: crate::domain::records::draft::DRAFT_SCHEMA,
            id: self.assessment_id.clone(),
            questionnaire: self.questionnaire.id.clone(),
            questionnaire_version: self.questionnaire.version.clone(),
            answers: self.answers.clone(),
            step: 0,
            created_at: self.created_at.clone(),
            updated_at: self
                .completed_at
                .clone()
                .unwrap_or_else(|| self.exported_at.clone()),
            completed_at: self.completed_at.clone(),
        }
    }

    /// The enterprise's tax code, if the profile holds a valid one.
    pub fn tax_code(&self) -> Option<TaxCode> {
        self.profile.valid_tax_code()
    }

    /// The name the file is offered under, "dxcheck-quick-0100109106-2026-11-23.json": questionnaire, tax code (or
    /// the first 8 characters of the assessment id without one), and the day of export; `ext` without its dot.
    pub fn file_name(&self, ext: &str) -> String {
        let who = self
            .tax_code()
            .map(|t| t.as_str().to_string())
            .unwrap_or_else(|| self.assessment_id.as_str().chars().take(8).collect());
        let day = self.exported_at.get(..10).unwrap_or("");
        format!("dxcheck-{}-{who}-{day}.{ext}", self.questionnaire.id)
    }
}
