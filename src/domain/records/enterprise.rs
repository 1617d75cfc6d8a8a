//! One enterprise on the device: its profile and its assessments (one current draft per questionnaire).
use crate::domain::assessment::answers::{AnswerError, AnswerSheet};
use crate::domain::assessment::encode;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::text::QuestionnaireId;
use crate::domain::records::draft::{AssessmentId, Draft, EnterpriseId};
use crate::domain::records::profile::{Profile, ProfileEdit};
use crate::domain::records::result_file::{ResultFile, ResultStatus};
use crate::domain::records::workshop::Workshop;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thiserror::Error;

/// The storage schema of an enterprise record.
pub const ENTERPRISE_SCHEMA: u32 = 1;

/// An enterprise and its assessments, stored under one key so that a damaged record never affects another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Enterprise {
    /// Storage schema, see [`ENTERPRISE_SCHEMA`].
    pub schema: u32,
    /// Its UUID on this device.
    pub id: EnterpriseId,
    /// Who it is; shared by every questionnaire.
    pub profile: Profile,
    /// The current assessment of each questionnaire.
    pub drafts: BTreeMap<QuestionnaireId, Draft>,
    /// When the record was created (RFC 3339).
    pub created_at: String,
    /// When anything in it last changed.
    pub updated_at: String,
    /// Earlier completed assessments (archived on "start over", or loaded from files), for T0 → T1.
    #[serde(default)]
    pub history: Vec<ResultFile>,
    /// The workshop it was assessed in, if any.
    #[serde(default)]
    pub workshop: Option<Workshop>,
    /// When its result last left the device (a link copied or shared, a file saved): a copy exists elsewhere of
    /// its state as of then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backed_up_at: Option<String>,
}

/// Why a stored enterprise could not be read.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum EnterpriseError {
    /// Not JSON, or not an enterprise.
    #[error("the saved enterprise is damaged: {0}")]
    Corrupt(String),
    /// Written by a newer app.
    #[error(
        "the saved enterprise uses storage schema {0}, newer than this app reads; update the app"
    )]
    NewerSchema(u32),
}

impl Enterprise {
    /// A new, empty enterprise.
    pub fn new(id: EnterpriseId, now: &str) -> Self {
        Enterprise {
            schema: ENTERPRISE_SCHEMA,
            id,
            profile: Profile::default(),
            drafts: BTreeMap::new(),
            created_at: now.to_string(),
            updated_at: now.to_string(),
            history: Vec::new(),
            workshop: None,
            backed_up_at: None,
        }
    }

    /// The result file of the current assessment of `q` as it stands, dated when it last changed (so the same
    /// state always gives the same file, and the same result code).
    pub fn current_result(&self, q: &Questionnaire, app_version: &str) -> Option<ResultFile> {
        let d = self.drafts.get(&q.id)?;
        Some(self.mark(ResultFile::build(
            q,
            d,
            &self.profile,
            app_version,
            &d.updated_at,
        )))
    }

    /// A result file of this enterprise, marked with its id and workshop.
    pub fn mark(&self, file: ResultFile) -> ResultFile {
        file.with_enterprise(&self.id, self.workshop.as_ref())
    }

    /// Records that the result left the device at `now`.
    pub fn backed_up(&mut self, now: &str) {
        self.backed_up_at = Some(now.to_string());
    }

    /// Whether it holds answers that changed since its result last left the device (or never left it).
    pub fn needs_backup(&self) -> bool {
        let answered = self.drafts.values().any(|d| !d.answers.is_empty());
        answered
            && self
                .backed_up_at
                .as_ref()
                .is_none_or(|b| self.updated_at > *b)
    }

    /// Keeps the current draft of `q` in the history if it is complete (once per assessment).
    pub fn archive_current(&mut self, q: &Questionnaire, app_version: &str, now: &str) {
        let Some(d) = self.drafts.get(&q.id) else {
            return;
        };
        if d.completed_at.is_none() || self.history.iter().any(|h| h.assessment_id == d.id) {
            return;
        }
        let file = self.mark(ResultFile::build(q, d, &self.profile, app_version, now));
        if file.status == ResultStatus::Completed {
            self.history.push(file);
        }
    }

    /// Adds an earlier result (a loaded file) to the history, once per assessment.
    pub fn remember(&mut self, file: ResultFile) {
        if !self
            .history
            .iter()
            .any(|h| h.assessment_id == file.assessment_id)
        {
            self.history.push(file);
        }
    }

    /// The latest earlier completed assessment of the same questionnaire and the same tax code, for T0 → T1.
    pub fn earlier(&self, questionnaire: &QuestionnaireId) -> Option<&ResultFile> {
        let tax = self.profile.valid_tax_code()?;
        let current = self.drafts.get(questionnaire);
        self.history
            .iter()
            .filter(|h| &h.questionnaire.id == questionnaire && h.status == ResultStatus::Completed)
            .filter(|h| {
                h.tax_code()
                    .is_some_and(|t| t.enterprise() == tax.enterprise())
            })
            .filter(|h| current.is_none_or(|d| d.id != h.assessment_id))
            .max_by(|a, b| a.completed_at.cmp(&b.completed_at))
    }

    /// Starts `q` with a fresh draft `id` if it has none yet; returns whether it did.
    pub fn begin(&mut self, q: &Questionnaire, id: AssessmentId, now: &str) -> bool {
        if self.drafts.contains_key(&q.id) {
            return false;
        }
        self.drafts.insert(q.id.clone(), Draft::new(id, q, now));
        self.updated_at = now.to_string();
        true
    }

    /// Throws the draft of `q` away for a fresh one `id`; a completed one is kept in the history first.
    pub fn start_over(
        &mut self,
        q: &Questionnaire,
        id: AssessmentId,
        app_version: &str,
        now: &str,
    ) {
        self.archive_current(q, app_version, now);
        self.drafts.insert(q.id.clone(), Draft::new(id, q, now));
        self.updated_at = now.to_string();
    }

    /// Opens a checked result file of `q`: as its current assessment (the one it replaces kept in the history if
    /// complete, and the file too if it is complete), or only as an earlier one, for T0 → T1.
    pub fn open_result(
        &mut self,
        q: &Questionnaire,
        file: ResultFile,
        as_earlier: bool,
        app_version: &str,
        now: &str,
    ) {
        if !as_earlier {
            self.archive_current(q, app_version, now);
            self.profile = file.profile.clone();
            self.drafts.insert(q.id.clone(), file.to_draft());
        }
        if as_earlier || file.status == ResultStatus::Completed {
            self.remember(file);
        }
        self.updated_at = now.to_string();
    }

    /// Applies one change to the profile.
    pub fn edit_profile(&mut self, edit: ProfileEdit, now: &str) {
        self.profile.apply(edit);
        self.updated_at = now.to_string();
    }

    /// Changes the answers to `q` with `change`; when it succeeds the draft is stamped `now` (and completed if it now
    /// is). Without a draft of `q` nothing happens.
    ///
    /// # Errors
    /// What `change` refused.
    pub fn change_answers(
        &mut self,
        q: &Questionnaire,
        now: &str,
        change: impl FnOnce(&Questionnaire, &mut AnswerSheet) -> Result<(), AnswerError>,
    ) -> Result<(), AnswerError> {
        let Some(draft) = self.drafts.get_mut(&q.id) else {
            return Ok(());
        };
        change(q, &mut draft.answers)?;
        draft.touch(q, now);
        self.updated_at = now.to_string();
        Ok(())
    }

    /// Reads a stored record.
    ///
    /// # Errors
    /// [`EnterpriseError::Corrupt`] for anything that is not a record, [`EnterpriseError::NewerSchema`] for a
    /// future schema.
    pub fn from_json(json: &str) -> Result<Enterprise, EnterpriseError> {
        // Read the schema alone first, so a newer record is named as such rather than as damaged.
        #[derive(Deserialize)]
        struct Probe {
            #[serde(default)]
            schema: u32,
        }
        let probe: Probe =
            serde_json::from_str(json).map_err(|e| EnterpriseError::Corrupt(e.to_string()))?;
        if probe.schema > ENTERPRISE_SCHEMA {
            return Err(EnterpriseError::NewerSchema(probe.schema));
        }
        serde_json::from_str(json).map_err(|e| EnterpriseError::Corrupt(e.to_string()))
    }

    /// The storage form.
    pub fn to_json(&self) -> String {
        encode::json(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_damage() {
        let mut e = Enterprise::new(
            EnterpriseId::from_random([7; 16]),
            "2026-11-23T10:00:00.000Z",
        );
        e.profile.name = "Công ty TNHH Bánh Pía Sóc Trăng".into();
        assert_eq!(Enterprise::from_json(&e.to_json()), Ok(e.clone()));
        assert!(
            !e.to_json().contains("backed_up_at"),
            "the stored form is unchanged until a backup"
        );
        assert!(!e.needs_backup(), "nothing answered");
        assert!(matches!(
            Enterprise::from_json("{\"schema\":1"),
            Err(EnterpriseError::Corrupt(_))
        ));
        assert_eq!(
            Enterprise::from_json(r#"{"schema":2}"#),
            Err(EnterpriseError::NewerSchema(2))
        );
    }
}
