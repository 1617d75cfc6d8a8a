//! `AppState` and its `Action`s: the one reducer. Actions only call domain methods; I/O happens in `app.rs` effects.
use super::route::Route;
use super::shared::Static;
use crate::domain::APP_VERSION;
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::answers::{AnswerError, AnswerSheet};
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::text::{Lang, OptionId, QuestionId, QuestionnaireId};
use crate::domain::catalog::Catalog;
use crate::domain::records::bundle::BundleImport;
use crate::domain::records::draft::{AssessmentId, Draft, EnterpriseId, Uuid};
use crate::domain::records::enterprise::{Enterprise, EnterpriseError};
use crate::domain::records::profile::ProfileEdit;
use crate::domain::records::result_file::{ResultFile, ResultStatus};
use crate::domain::records::sending::{Durability, InAppBrowser};
use crate::domain::records::workshop::{Workshop, WorkshopEdit};
use crate::domain::records::workspace::{AddOutcome, Workspace};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

/// Something the app tells the person outside the page flow (storage trouble, damaged data, other tabs, updates).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// localStorage cannot be used (private mode, disabled): answers live only in this tab.
    StorageUnavailable,
    /// The browser's storage is full; the last change was not saved, the previous save is intact.
    QuotaExceeded,
    /// Saving failed for another reason.
    SaveFailed(String),
    /// A stored record could not be read; it was left untouched in storage, and its raw text can be downloaded.
    CorruptEntry {
        /// The storage key.
        key: String,
        /// Why.
        reason: EnterpriseError,
    },
    /// Stored answers no longer fit an updated questionnaire and were set aside.
    AnswersDropped {
        /// How many.
        count: usize,
    },
    /// Another tab changed an enterprise shown here; this tab now shows its version.
    ChangedElsewhere {
        /// The enterprise's name, if it has one.
        name: String,
    },
    /// An enterprise was deleted; it can be restored.
    Deleted {
        /// Its name, if it has one.
        name: String,
    },
    /// A bundle was imported.
    BundleImported {
        /// Enterprises restored.
        enterprises: usize,
        /// Records refused.
        rejected: usize,
    },
    /// A new version of the app is ready; reloading switches to it.
    UpdateReady,
}

/// The whole UI state.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The UI language.
    pub lang: Lang,
    /// The current page.
    pub route: Route,
    /// Built-in questionnaires and strings.
    pub catalog: Static<Catalog>,
    /// Every enterprise on the device, the active one, and the running workshop.
    pub workspace: Rc<Workspace>,
    /// Messages to show, newest last.
    pub notices: Vec<Notice>,
    /// The last answer the UI could not accept, by question.
    pub input_errors: BTreeMap<QuestionId, AnswerError>,
    /// The last deleted enterprise, for undo.
    pub deleted: Option<Rc<Enterprise>>,
    /// How long the browser keeps what is stored here.
    pub durability: Durability,
    /// The in-app browser the app runs in (Zalo, Facebook…), where downloads fail.
    pub in_app: Option<InAppBrowser>,
    /// Whether the browser offers to install the app.
    pub installable: bool,
    /// Whether the browser has a share sheet (the Web Share API).
    pub share_api: bool,
    /// The app's own URL, without its `#` part: where result links point.
    pub app_url: String,
    /// What the last results received (a result link, pasted codes) did, in their order.
    pub added: Vec<AddOutcome>,
}

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
        new_id: Uuid,
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
        ids: Vec<Uuid>,
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

impl AppState {
    /// A state over a loaded workspace.
    pub fn new(
        catalog: &'static Catalog,
        lang: Lang,
        route: Route,
        workspace: Workspace,
        notices: Vec<Notice>,
    ) -> Self {
        AppState {
            lang,
            route,
            catalog: Static(catalog),
            workspace: Rc::new(workspace),
            notices,
            input_errors: BTreeMap::new(),
            deleted: None,
            durability: Durability::Unknown,
            in_app: None,
            installable: false,
            share_api: false,
            app_url: String::new(),
            added: Vec::new(),
        }
    }

    /// The enterprise being assessed.
    pub fn enterprise(&self) -> &Enterprise {
        self.workspace.active()
    }

    /// The questionnaire with this id.
    pub fn questionnaire(&self, id: &QuestionnaireId) -> Option<Rc<Questionnaire>> {
        self.catalog.questionnaire(id).cloned()
    }

    /// Every questionnaire, as references.
    pub fn questionnaires(&self) -> Vec<&Questionnaire> {
        self.catalog
            .questionnaires
            .iter()
            .map(|q| q.as_ref())
            .collect()
    }

    /// The current draft of a questionnaire.
    pub fn draft(&self, id: &QuestionnaireId) -> Option<&Draft> {
        self.enterprise().drafts.get(id)
    }

    fn active_mut(&mut self) -> &mut Enterprise {
        Rc::make_mut(&mut self.workspace).active_mut()
    }

    fn edit(
        &mut self,
        qid: &QuestionnaireId,
        now: &str,
        f: impl FnOnce(&Questionnaire, &mut AnswerSheet) -> Result<(), AnswerError>,
        question: &QuestionId,
    ) {
        let Some(q) = self.questionnaire(qid) else {
            return;
        };
        let enterprise = self.active_mut();
        let Some(draft) = enterprise.drafts.get_mut(qid) else {
            return;
        };
        match f(&q, &mut draft.answers) {
            Ok(()) => {
                draft.touch(&q, now);
                enterprise.updated_at = now.to_string();
                self.input_errors.remove(question);
            }
            Err(e) => {
                self.input_errors.insert(question.clone(), e);
            }
        }
    }

    fn notify(&mut self, n: Notice) {
        if !self.notices.contains(&n) {
            self.notices.push(n);
        }
    }

    fn reduce_workspace(&mut self, action: Action) {
        let questionnaires: Vec<Rc<Questionnaire>> = self.catalog.questionnaires.clone();
        let refs: Vec<&Questionnaire> = questionnaires.iter().map(|q| q.as_ref()).collect();
        let ws = Rc::make_mut(&mut self.workspace);
        match action {
            Action::CreateEnterprise { id, now } => ws.create(id, &now),
            Action::SwitchEnterprise(id) => ws.switch(&id),
            Action::RenameEnterprise { id, name, now } => ws.rename(&id, &name, &now),
            Action::DuplicateEnterprise { id, ids, now } => {
                let mut next = supply(ids);
                ws.duplicate(&id, &mut next, &refs, APP_VERSION, &now);
            }
            Action::DeleteEnterprise { id, new_id, now } => {
                if let Some(gone) = ws.delete(&id, new_id, &now) {
                    let name = gone.profile.name.clone();
                    self.deleted = Some(gone);
                    self.notices
                        .retain(|n| !matches!(n, Notice::Deleted { .. }));
                    self.notify(Notice::Deleted { name });
                }
            }
            Action::UndoDelete => {
                if let Some(e) = self.deleted.take() {
                    ws.restore(e);
                    self.notices
                        .retain(|n| !matches!(n, Notice::Deleted { .. }));
                }
            }
            Action::StartWorkshop { id, date } => ws.start_workshop(Workshop {
                id: Some(id),
                date,
                ..Workshop::default()
            }),
            Action::EditWorkshop(edit) => ws.edit_workshop(edit),
            Action::EndWorkshop => ws.workshop = None,
            Action::ImportBundle(import) => {
                let n = import.enterprises.len();
                if ws.workshop.is_none() {
                    ws.workshop = import.workshop.clone();
                }
                for e in import.enterprises {
                    ws.enterprises.insert(e.id.clone(), Rc::new(e));
                }
                self.notify(Notice::BundleImported {
                    enterprises: n,
                    rejected: import.rejected.len(),
                });
            }
            Action::AddResults { files, ids, now } => {
                let mut next = supply(ids);
                self.added = files
                    .into_iter()
                    .map(|f| ws.add_result(f, &refs, &mut next, APP_VERSION, &now))
                    .collect();
            }
            Action::BackedUp { now } => ws.active_mut().backed_up(&now),
            Action::ExternalUpdate(e) => {
                let name = e.profile.name.clone();
                let shown = ws.active == e.id;
                ws.enterprises.insert(e.id.clone(), Rc::new(*e));
                if shown {
                    self.notify(Notice::ChangedElsewhere { name });
                }
            }
            Action::ExternalDelete(id)
                if ws.enterprises.len() > 1 && ws.enterprises.contains_key(&id) =>
            {
                ws.delete(&id, Uuid::from_random([0; 16]), "");
            }
            _ => {}
        }
    }
}

/// Hands out the fresh ids an action brought, one per call. An action brings as many as it can need; should a verb
/// ask for more, a fixed id stands in rather than a panic.
fn supply(ids: Vec<Uuid>) -> impl FnMut() -> Uuid {
    let mut fresh = ids.into_iter();
    move || {
        fresh
            .next()
            .unwrap_or_else(|| Uuid::from_random([0x5a; 16]))
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(lang) => s.lang = lang,
            Action::Route(route) => {
                if let Route::Step {
                    questionnaire,
                    step,
                } = &route
                    && s.enterprise()
                        .drafts
                        .get(questionnaire)
                        .is_some_and(|d| d.step != *step)
                    && let Some(d) = s.active_mut().drafts.get_mut(questionnaire)
                {
                    d.step = *step;
                }
                s.route = route;
            }
            Action::Begin {
                questionnaire,
                id,
                now,
            } => {
                if let Some(q) = s.questionnaire(&questionnaire)
                    && !s.enterprise().drafts.contains_key(&questionnaire)
                {
                    Rc::make_mut(&mut s.workspace).join_running_workshop();
                    let e = s.active_mut();
                    e.drafts.insert(questionnaire, Draft::new(id, &q, &now));
                    e.updated_at = now;
                }
            }
            Action::Answer {
                questionnaire,
                question,
                answer,
                now,
            } => {
                s.edit(
                    &questionnaire,
                    &now,
                    |q, sheet| sheet.answer(q, &question, answer),
                    &question,
                );
            }
            Action::Toggle {
                questionnaire,
                question,
                option,
                now,
            } => {
                s.edit(
                    &questionnaire,
                    &now,
                    |q, sheet| sheet.toggle(q, &question, &option),
                    &question,
                );
            }
            Action::Clear {
                questionnaire,
                question,
                now,
            } => {
                let clear = |_: &Questionnaire, sheet: &mut AnswerSheet| {
                    sheet.clear(&question);
                    Ok(())
                };
                s.edit(&questionnaire, &now, clear, &question);
            }
            Action::EditProfile { edit, now } => {
                let e = s.active_mut();
                e.profile.apply(edit);
                e.updated_at = now;
            }
            Action::StartOver {
                questionnaire,
                id,
                now,
            } => {
                if let Some(q) = s.questionnaire(&questionnaire) {
                    let e = s.active_mut();
                    e.archive_current(&q, APP_VERSION, &now);
                    e.drafts.insert(questionnaire, Draft::new(id, &q, &now));
                    e.updated_at = now;
                    s.input_errors.clear();
                }
            }
            Action::LoadResult {
                file,
                as_earlier,
                now,
            } => {
                if let Some(q) = s.questionnaire(&file.questionnaire.id) {
                    let e = s.active_mut();
                    if as_earlier {
                        e.remember(*file);
                    } else {
                        e.archive_current(&q, APP_VERSION, &now);
                        e.profile = file.profile.clone();
                        e.drafts.insert(q.id.clone(), file.to_draft());
                        if file.status == ResultStatus::Completed {
                            e.remember(*file);
                        }
                        s.input_errors.clear();
                    }
                    s.active_mut().updated_at = now;
                }
            }
            Action::Notify(n) => s.notify(n),
            Action::SetDurability(d) => s.durability = d,
            Action::SetInstallable(i) => s.installable = i,
            Action::Dismiss(i) => {
                if i < s.notices.len() {
                    s.notices.remove(i);
                }
            }
            other => {
                s.reduce_workspace(other);
                s.input_errors.clear();
            }
        }
        Rc::new(s)
    }
}
