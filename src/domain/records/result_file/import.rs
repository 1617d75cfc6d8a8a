//! How a result file read from outside is checked: schema and version, questionnaire, every answer, and the
//! stored scores against the scores recomputed from the answers.
use super::{ImportError, RESULT_SCHEMA, RESULT_VERSION, ResultFile, ScoreLine, Scores, canonical};
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::scoring::Assessment;
use serde::Deserialize;

/// Where the tally's fast path hands each record that passes: the file, its questionnaire, its recomputed
/// assessment, and the answers its conditions see by question position (see [`ResultFile::check_shown`]).
pub type ShownSink<'s> =
    dyn FnMut(&ResultFile, &Questionnaire, &Assessment, &[Option<&Answer>]) + 's;

impl ResultFile {
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

    /// As [`ResultFile::parse_scored`], handing a record that passes to `sink` as
    /// [`ResultFile::parse_shown_bytes`] does.
    ///
    /// # Errors
    /// As [`ResultFile::parse`].
    pub fn parse_shown(
        json: &str,
        questionnaires: &[&Questionnaire],
        sink: &mut ShownSink<'_>,
    ) -> Result<(), ImportError> {
        let file: ResultFile = serde_json::from_str(json).map_err(|e| Self::classify(json, e))?;
        file.hand_on(questionnaires, sink)
    }

    /// As [`ResultFile::parse_scored`] from bytes, for the lines of a large file (read with sonic-rs under the
    /// `fast-json` feature, else serde_json). `None` when the bytes are not UTF-8 or are not read as a record at
    /// all: the caller then learns why from [`ResultFile::parse_scored`], whose error messages take a second look
    /// at the text.
    pub fn parse_scored_bytes<'q>(
        json: &[u8],
        questionnaires: &[&'q Questionnaire],
    ) -> Option<Result<(ResultFile, &'q Questionnaire, Assessment), ImportError>> {
        Some(Self::read_bytes(json)?.check_schema_scored(questionnaires))
    }

    /// As [`ResultFile::parse_scored_bytes`], handing a record that passes to `sink` with what
    /// [`ResultFile::check_shown`] gives, rather than returning it: the tally's fast path. The same reader and the
    /// same checks; `None` as there.
    pub fn parse_shown_bytes(
        json: &[u8],
        questionnaires: &[&Questionnaire],
        sink: &mut ShownSink<'_>,
    ) -> Option<Result<(), ImportError>> {
        Some(Self::read_bytes(json)?.hand_on(questionnaires, sink))
    }

    /// The schema and version checks, then [`ResultFile::check_shown`], and a file that passes handed to `sink`.
    fn hand_on(
        &self,
        questionnaires: &[&Questionnaire],
        sink: &mut ShownSink<'_>,
    ) -> Result<(), ImportError> {
        self.check_schema()?;
        let (q, a, shown) = self.check_shown(questionnaires)?;
        sink(self, q, &a, &shown);
        Ok(())
    }

    /// The record in the bytes of a line, by the fastest reader this build has (see
    /// [`ResultFile::parse_scored_bytes`]).
    fn read_bytes(json: &[u8]) -> Option<ResultFile> {
        // The fuzz target `result_file` checks that both readers accept the same records, as the same values.
        // sonic-rs checks the UTF-8 itself.
        // Almost every line is a record this app wrote: where the tally runs, read straight from its bytes.
        match canonical::where_tallied(json) {
            Some(file) => Some(file),
            #[cfg(feature = "fast-json")]
            None => sonic_rs::from_slice(json).ok(),
            #[cfg(not(feature = "fast-json"))]
            None => serde_json::from_str(std::str::from_utf8(json).ok()?).ok(),
        }
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
        let (q, assessment) = self.check_shown(questionnaires).map(|(q, a, _)| (q, a))?;
        Ok((self, q, assessment))
    }

    /// As [`ResultFile::check_scored`], without taking the file, also giving the answers by question position that
    /// the questionnaire's conditions see (those of visible questions, [`Assessment::shown`]), as the check found
    /// them: a tally's programme triggers read them, and need not walk the answers again.
    ///
    /// # Errors
    /// As [`ResultFile::check`].
    pub fn check_shown<'s, 'q: 's>(
        &'s self,
        questionnaires: &[&'q Questionnaire],
    ) -> Result<(&'q Questionnaire, Assessment, Vec<Option<&'s Answer>>), ImportError> {
        let q = questionnaires
            .iter()
            .find(|q| q.id == self.questionnaire.id && q.version == self.questionnaire.version)
            .ok_or_else(|| ImportError::UnknownQuestionnaire {
                id: self.questionnaire.id.to_string(),
                version: self.questionnaire.version.clone(),
            })?;
        let (assessment, slots) = match self.answers.checked_slots(q) {
            Ok(checked) => (Assessment::from_checked(q, &checked), checked.slots),
            Err(problems) => return Err(ImportError::BadAnswers(problems)),
        };
        compare(&self.scores, &Scores::of(&assessment))?;
        let shown = assessment.shown(slots);
        Ok((q, assessment, shown))
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
