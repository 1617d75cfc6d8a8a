//! Everything that changes the state: one variant per thing a person or the browser does.
use super::super::route::Route;
use super::notice::Notice;
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::text::{Lang, OptionId, QuestionId, QuestionnaireId};
use crate::domain::records::bundle::BundleImport;
use crate::domain::records::draft::{AssessmentId, EnterpriseId, Uuid};
use crate::domain::records::enterprise::Enterprise;
use crate::domain::records::profile::ProfileEdit;
use crate::domain::records::result_file::ResultFile;
use crate::domain::records::sending::Durability;
use crate::domain::records::workshop::WorkshopEdit;

/// Everything that changes the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Switch the UI language.
    SetLang(Lang),
    /// The URL hash changed.
    Route(Route),
    /// Start a questionnaire if it has no draft yet.
    Begin {
        /// The questionnaire.
        questionnaire: QuestionnaireId,
        /// A fresh id for the new draft.
        id: AssessmentId,
        /// The clock.
        now: String,
    },
    /// Answer a question.
    Answer {
        /// The questionnaire.
        questionnaire: QuestionnaireId,
        /// The question.
        question: QuestionId,
        /// The answer.
        answer: Answer,
        /// The clock.
        now: String,
    },
    /// Toggle one option of a multi-choice question.
    Toggle {
        /// The questionnaire.
        questionnaire: QuestionnaireId,
        /// The question.
        question: QuestionId,
        /// The option.
        option: OptionId,
        /// The clock.
        now: String,
    },
    /// Remove an answer.
    Clear {
        /// The questionnaire.
        questionnaire: QuestionnaireId,
        /// The question.
        question: QuestionId,
        /// The clock.
        now: String,
    },
    /// Change the enterprise profile.
    EditProfile {
        /// The change.
        edit: ProfileEdit,
        /// The clock.
        now: String,
    },
    /// Throw the draft away and start a new one (a completed one is kept in the history).
    StartOver {
        /// The questionnaire.
        questionnaire: QuestionnaireId,
        /// A fresh id.
        id: AssessmentId,
        /// The clock.
        now: String,
    },
    /// Open a checked result file: as the current assessment, or kept as an earlier one (T0) for comparison.
    LoadResult {
        /// The file, already checked by `ResultFile::parse`.
        file: Box<ResultFile>,
        /// Keep it as an earlier assessment instead of opening it.
        as_earlier: bool,
        /// The clock.
        now: String,
    },
    /// Add an enterprise and assess it.
    CreateEnterprise {
        /// Its fresh id.
        id: EnterpriseId,
        /// The clock.
        now: String,
    },
    /// Assess another enterprise.
    SwitchEnterprise(EnterpriseId),
    /// Rename an enterprise.
    RenameEnterprise {
        /// Which.
        id: EnterpriseId,
        /// The new name.
        name: String,
        /// The clock.
        now: String,
    },
    /// Copy an enterprise for a re-assessment (T1).
    DuplicateEnterprise {
        /// Which.
        id: EnterpriseId,
        /// Fresh ids for the copy and its drafts.
        ids: Vec<Uuid>,
        /// The clock.
        now: String,
    },
    /// Delete an enterprise (undoable until the next deletion).
    DeleteEnterprise {
        /// Which.
        id: EnterpriseId,
        /// An id for a fresh enterprise if it was the last one.
        new_id: EnterpriseId,
        /// The clock.
        now: String,
    },
    /// Put back the last deleted enterprise.
    UndoDelete,
    /// Start a workshop: enterprises created from now on carry its details.
    StartWorkshop {
        /// Its fresh id.
        id: Uuid,
        /// Today, YYYY-MM-DD.
        date: String,
    },
    /// Change the workshop details (also in every enterprise made in it).
    EditWorkshop(WorkshopEdit),
    /// End the workshop (its enterprises keep their details).
    EndWorkshop,
    /// Restore the enterprises of an imported bundle.
    ImportBundle(Box<BundleImport>),
    /// Add results received from elsewhere (a result link, pasted codes), each checked already.
    AddResults {
        /// The results, in order.
        files: Vec<ResultFile>,
        /// Fresh ids for enterprises that need one.
        ids: Vec<EnterpriseId>,
        /// The clock.
        now: String,
    },
    /// The active enterprise's result left the device (a link copied or shared, a file saved).
    BackedUp {
        /// The clock.
        now: String,
    },
    /// The browser said how long it keeps stored data.
    SetDurability(Durability),
    /// The browser offers to install the app, or no longer does.
    SetInstallable(bool),
    /// Another tab saved an enterprise (a `storage` event).
    ExternalUpdate(Box<Enterprise>),
    /// Another tab deleted an enterprise.
    ExternalDelete(EnterpriseId),
    /// Show a notice.
    Notify(Notice),
    /// Dismiss the notice at this index.
    Dismiss(usize),
}
