//! `AppState` and its `Action`s: the one reducer. Actions only call domain methods; I/O happens in `app.rs` effects.
use super::route::Route;
use super::shared::Shared;
use crate::domain::APP_VERSION;
use crate::domain::answers::{Answer, AnswerError, AnswerSheet};
use crate::domain::catalog::Catalog;
use crate::domain::draft::{AssessmentId, Draft};
use crate::domain::enterprise::Enterprise;
use crate::domain::profile::ProfileEdit;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::result_file::{ResultFile, ResultStatus};
use crate::domain::text::{Lang, OptionId, QuestionId, QuestionnaireId};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

/// Something the app tells the person outside the page flow (storage trouble, damaged data).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// localStorage cannot be used (private mode, disabled): answers live only in this tab.
    StorageUnavailable,
    /// The browser's storage is full; the last change was not saved, the previous save is intact.
    QuotaExceeded,
    /// Saving failed for another reason.
    SaveFailed(String),
    /// A stored assessment could not be read; it was left untouched in storage.
    CorruptEntry {
        /// The storage key.
        key: String,
        /// Why.
        reason: String,
    },
    /// Stored answers no longer fit an updated questionnaire and were set aside.
    AnswersDropped {
        /// How many.
        count: usize,
    },
}

/// The whole UI state.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The UI language.
    pub lang: Lang,
    /// The current page.
    pub route: Route,
    /// Built-in questionnaires and strings.
    pub catalog: Shared<Catalog>,
    /// The enterprise being assessed: its profile and its drafts.
    pub enterprise: Rc<Enterprise>,
    /// Messages to show, newest last.
    pub notices: Vec<Notice>,
    /// The last answer the UI could not accept, by question.
    pub input_errors: BTreeMap<QuestionId, AnswerError>,
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
    /// Throw the draft away and start a new one.
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
    /// Show a notice.
    Notify(Notice),
    /// Dismiss the notice at this index.
    Dismiss(usize),
}

impl AppState {
    /// A state over a loaded enterprise.
    pub fn new(
        catalog: Rc<Catalog>,
        lang: Lang,
        route: Route,
        enterprise: Enterprise,
        notices: Vec<Notice>,
    ) -> Self {
        AppState {
            lang,
            route,
            catalog: Shared(catalog),
            enterprise: Rc::new(enterprise),
            notices,
            input_errors: BTreeMap::new(),
        }
    }

    /// The questionnaire with this id.
    pub fn questionnaire(&self, id: &QuestionnaireId) -> Option<Rc<Questionnaire>> {
        self.catalog.questionnaire(id).cloned()
    }

    /// The current draft of a questionnaire.
    pub fn draft(&self, id: &QuestionnaireId) -> Option<&Draft> {
        self.enterprise.drafts.get(id)
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
        let enterprise = Rc::make_mut(&mut self.enterprise);
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
                    && let Some(d) = Rc::make_mut(&mut s.enterprise)
                        .drafts
                        .get_mut(questionnaire)
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
                    && !s.enterprise.drafts.contains_key(&questionnaire)
                {
                    let e = Rc::make_mut(&mut s.enterprise);
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
                let e = Rc::make_mut(&mut s.enterprise);
                e.profile.apply(edit);
                e.updated_at = now;
            }
            Action::StartOver {
                questionnaire,
                id,
                now,
            } => {
                if let Some(q) = s.questionnaire(&questionnaire) {
                    let e = Rc::make_mut(&mut s.enterprise);
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
                    let e = Rc::make_mut(&mut s.enterprise);
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
                    e.updated_at = now;
                }
            }
            Action::Notify(n) => {
                if !s.notices.contains(&n) {
                    s.notices.push(n);
                }
            }
            Action::Dismiss(i) => {
                if i < s.notices.len() {
                    s.notices.remove(i);
                }
            }
        }
        Rc::new(s)
    }
}
