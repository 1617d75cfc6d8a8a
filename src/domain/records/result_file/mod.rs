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

    /// Reads and checks an imported file against the questionnaires this app has.
    ///
    /// # Errors
    /// The [`ImportError`] naming the first check that failed: JSON, schema, version, shape, questionnaire, answers,
    /// scores.
    pub fn parse<'q>(
        json: &str,
        questionnaires: &[&'q Questionnaire],
    ) -> Result<(ResultFile, &'q Questionnaire), ImportError> {
        // The common case first: a well-formed file parses in one pass. Only a failure is looked at again to say
        // which check failed (not JSON, not a result file, another version, or a damaged one).
        let file: ResultFile = match serde_json::from_str(json) {
            Ok(f) => f,
            Err(e) => return Err(Self::classify(json, e)),
        };
        file.check_schema()?;
        file.check(questionnaires)
    }

    /// As [`ResultFile::parse`], also returning the recomputed assessment.
    ///
    /// # Errors
    /// As [`ResultFile::parse`].
    pub fn parse_scored<'q>(
        json: &str,
        questionnaires: &[&'q Questionnaire],
    ) -> Result<(ResultFile, &'q Questionnaire, Assessment), ImportError> {
        let file: ResultFile = serde_json::from_str(json).map_err(|e| Self::classify(json, e))?;
        file.check_schema_scored(questionnaires)
    }

    /// As [`ResultFile::parse_scored`] from bytes, for the lines of a large file (read with sonic-rs under the
    /// `fast-json` feature, else serde_json). `None` when the bytes are not UTF-8 or are not read as a record at
    /// all: the caller then learns why from [`ResultFile::parse_scored`], whose error messages take a second look
    /// at the text.
    pub fn parse_scored_bytes<'q>(
        json: &[u8],
        questionnaires: &[&'q Questionnaire],
    ) -> Option<Result<(ResultFile, &'q Questionnaire, Assessment), ImportError>> {
        // The fuzz target `result_file` checks that both readers accept the same records, as the same values.
        // sonic-rs checks the UTF-8 itself.
        // Almost every line is a record this app wrote: where the tally runs, read straight from its bytes.
        let file = match canonical::where_tallied(json) {
            Some(file) => file,
            #[cfg(feature = "fast-json")]
            None => sonic_rs::from_slice(json).ok()?,
            #[cfg(not(feature = "fast-json"))]
            None => serde_json::from_str(std::str::from_utf8(json).ok()?).ok()?,
        };
        Some(file.check_schema_scored(questionnaires))
    }

    /// The schema and version checks, then [`ResultFile::check_scored`].
    fn check_schema_scored<'q>(
        self,
        questionnaires: &[&'q Questionnaire],
    ) -> Result<(ResultFile, &'q Questionnaire, Assessment), ImportError> {
        self.check_schema()?;
        self.check_scored(questionnaires)
    }

    /// Whether the file is a result file of the version this build reads.
    fn check_schema(&self) -> Result<(), ImportError> {
        if self.schema != RESULT_SCHEMA {
            return Err(ImportError::NotAResultFile);
        }
        if self.schema_version != RESULT_VERSION {
            return Err(ImportError::UnsupportedVersion {
                found: self.schema_version,
                supported: RESULT_VERSION,
            });
        }
        Ok(())
    }

    fn classify(json: &str, err: serde_json::Error) -> ImportError {
        #[derive(Deserialize)]
        struct Probe {
            schema: Option<String>,
            schema_version: Option<u32>,
        }
        let probe: Probe = match serde_json::from_str(json) {
            Ok(p) => p,
            Err(e) => {
                return match e.classify() {
                    serde_json::error::Category::Data => ImportError::NotAResultFile,
                    _ => ImportError::NotJson(e.to_string()),
                };
            }
        };
        if probe.schema.as_deref() != Some(RESULT_SCHEMA) {
            return ImportError::NotAResultFile;
        }
        let version = probe.schema_version.unwrap_or(0);
        if version != RESULT_VERSION {
            return ImportError::UnsupportedVersion {
                found: version,
                supported: RESULT_VERSION,
            };
        }
        ImportError::Malformed(err.to_string())
    }

    /// Checks a record read from any format against the questionnaires: the questionnaire and version are known,
    /// every answer fits, and the stored scores equal the recomputed ones.
    ///
    /// # Errors
    /// [`ImportError::UnknownQuestionnaire`], [`ImportError::BadAnswers`] or [`ImportError::ScoresMismatch`].
    pub fn check<'q>(
        self,
        questionnaires: &[&'q Questionnaire],
    ) -> Result<(ResultFile, &'q Questionnaire), ImportError> {
        self.check_scored(questionnaires).map(|(f, q, _)| (f, q))
    }

    /// As [`ResultFile::check`], also returning the recomputed assessment (so a tally need not compute it again).
    ///
    /// # Errors
    /// As [`ResultFile::check`].
    pub fn check_scored<'q>(
        self,
        questionnaires: &[&'q Questionnaire],
    ) -> Result<(ResultFile, &'q Questionnaire, Assessment), ImportError> {
        let q = questionnaires
            .iter()
            .find(|q| q.id == self.questionnaire.id && q.version == self.questionnaire.version)
            .ok_or_else(|| ImportError::UnknownQuestionnaire {
                id: self.questionnaire.id.to_string(),
                version: self.questionnaire.version.clone(),
            })?;
        let assessment = match self.answers.checked_slots(q) {
            Ok(checked) => Assessment::from_checked(q, &checked),
            Err(problems) => return Err(ImportError::BadAnswers(problems)),
        };
        compare(&self.scores, &Scores::of(&assessment))?;
        Ok((self, q, assessment))
    }
}

fn compare(stored: &Scores, computed: &Scores) -> Result<(), ImportError> {
    let line = |what: &str, s: &ScoreLine, c: &ScoreLine| {
        if s == c {
            Ok(())
        } else {
            Err(ImportError::ScoresMismatch {
                what: what.to_string(),
                stored: format!("{}/{} level {}", s.earned, s.max, s.level),
                computed: format!("{}/{} level {}", c.earned, c.max, c.level),
            })
        }
    };
    line("overall", &stored.overall, &computed.overall)?;
    if stored.dimensions.len() != computed.dimensions.len() {
        return Err(ImportError::ScoresMismatch {
            what: "dimensions".into(),
            stored: stored.dimensions.len().to_string(),
            computed: computed.dimensions.len().to_string(),
        });
    }
    for (s, c) in stored.dimensions.iter().zip(&computed.dimensions) {
        if s.id != c.id {
            return Err(ImportError::ScoresMismatch {
                what: "dimension order".into(),
                stored: s.id.to_string(),
                computed: c.id.to_string(),
            });
        }
        line(s.id.as_str(), &s.score, &c.score)?;
    }
    Ok(())
}
