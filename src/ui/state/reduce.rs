//! The reducer: each action is one or two domain verbs. The match names every action, so a new one cannot be
//! ignored by accident.
use super::{Action, AppState, Notice};
use crate::domain::APP_VERSION;
use crate::domain::assessment::answers::{AnswerError, AnswerSheet};
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::text::{QuestionId, QuestionnaireId};
use crate::domain::records::draft::Uuid;
use crate::domain::records::enterprise::Enterprise;
use crate::domain::records::workshop::Workshop;
use crate::domain::records::workspace::Workspace;
use std::rc::Rc;
use yew::Reducible;

/// Hands out the fresh ids an action brought, one per call (enterprise ids, or bare UUIDs for a verb that makes
/// several kinds). An action brings as many as it can need; should a verb ask for more, a fixed id stands in rather
/// than a panic.
fn supply<T: From<Uuid>>(ids: Vec<T>) -> impl FnMut() -> T {
    let mut fresh = ids.into_iter();
    move || {
        fresh
            .next()
            .unwrap_or_else(|| T::from(Uuid::from_random([0x5a; 16])))
    }
}

impl AppState {
    fn workspace_mut(&mut self) -> &mut Workspace {
        Rc::make_mut(&mut self.workspace)
    }

    fn active_mut(&mut self) -> &mut Enterprise {
        self.workspace_mut().active_mut()
    }

    /// Changes the answers to `qid`; a refused answer is kept by question for the field to show, an accepted one
    /// clears it.
    fn answer(
        &mut self,
        qid: &QuestionnaireId,
        question: &QuestionId,
        now: &str,
        change: impl FnOnce(&Questionnaire, &mut AnswerSheet) -> Result<(), AnswerError>,
    ) {
        let Some(q) = self.questionnaire(qid) else {
            return;
        };
        match self.active_mut().change_answers(&q, now, change) {
            Ok(()) => {
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

    fn forget_deleted_notice(&mut self) {
        self.notices
            .retain(|n| !matches!(n, Notice::Deleted { .. }));
    }

    /// Actions on the list of enterprises and the workshop; each leaves no field error behind.
    fn reduce_workspace(&mut self, action: Action) {
        let catalog = self.catalog;
        let refs: Vec<&Questionnaire> = catalog.questionnaires.iter().map(|q| q.as_ref()).collect();
        let ws = Rc::make_mut(&mut self.workspace);
        match action {
            Action::CreateEnterprise { id, now } => ws.create(id, &now),
            Action::SwitchEnterprise(id) => ws.switch(&id),
            Action::RenameEnterprise { id, name, now } => ws.rename(&id, &name, &now),
            Action::DuplicateEnterprise { id, ids, now } => {
                ws.duplicate(&id, &mut supply(ids), &refs, APP_VERSION, &now)
            }
            Action::DeleteEnterprise { id, new_id, now } => {
                if let Some(gone) = ws.delete(&id, new_id, &now) {
                    let name = gone.profile.name.clone();
                    self.deleted = Some(gone);
                    self.forget_deleted_notice();
                    self.notify(Notice::Deleted { name });
                }
            }
            Action::UndoDelete => {
                if let Some(e) = self.deleted.take() {
                    ws.restore(e);
                    self.forget_deleted_notice();
                }
            }
            Action::StartWorkshop { id, date } => ws.start_workshop(Workshop {
                id: Some(id),
                date,
                ..Workshop::default()
            }),
            Action::EditWorkshop(edit) => ws.edit_workshop(edit),
            Action::EndWorkshop => ws.end_workshop(),
            Action::ImportBundle(import) => {
                let rejected = import.rejected.len();
                let enterprises = ws.import_bundle(*import);
                self.notify(Notice::BundleImported {
                    enterprises,
                    rejected,
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
                if ws.receive(*e) {
                    self.notify(Notice::ChangedElsewhere { name });
                }
            }
            Action::ExternalDelete(id) => ws.forget(&id),
            Action::SetLang(_)
            | Action::Route(_)
            | Action::Begin { .. }
            | Action::Answer { .. }
            | Action::Toggle { .. }
            | Action::Clear { .. }
            | Action::EditProfile { .. }
            | Action::StartOver { .. }
            | Action::LoadResult { .. }
            | Action::SetDurability(_)
            | Action::SetInstallable(_)
            | Action::Notify(_)
            | Action::Dismiss(_) => return,
        }
        self.input_errors.clear();
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(lang) => s.lang = lang,
            Action::Route(route) => {
                if let super::Route::Step {
                    questionnaire,
                    step,
                } = &route
                    && !s.workspace.at_step(questionnaire, *step)
                {
                    s.workspace_mut().set_step(questionnaire, *step);
                }
                s.route = route;
            }
            Action::Begin {
                questionnaire,
                id,
                now,
            } => {
                if let Some(q) = s.questionnaire(&questionnaire)
                    && !s.workspace.has_begun(&q.id)
                {
                    s.workspace_mut().begin(&q, id, &now);
                }
            }
            Action::Answer {
                questionnaire,
                question,
                answer,
                now,
            } => s.answer(&questionnaire, &question, &now, |q, sheet| {
                sheet.answer(q, &question, answer)
            }),
            Action::Toggle {
                questionnaire,
                question,
                option,
                now,
            } => s.answer(&questionnaire, &question, &now, |q, sheet| {
                sheet.toggle(q, &question, &option)
            }),
            Action::Clear {
                questionnaire,
                question,
                now,
            } => s.answer(&questionnaire, &question, &now, |_, sheet| {
                sheet.clear(&question);
                Ok(())
            }),
            Action::EditProfile { edit, now } => s.active_mut().edit_profile(edit, &now),
            Action::StartOver {
                questionnaire,
                id,
                now,
            } => {
                if let Some(q) = s.questionnaire(&questionnaire) {
                    s.active_mut().start_over(&q, id, APP_VERSION, &now);
                    s.input_errors.clear();
                }
            }
            Action::LoadResult {
                file,
                as_earlier,
                now,
            } => {
                if let Some(q) = s.questionnaire(&file.questionnaire.id) {
                    s.active_mut()
                        .open_result(&q, *file, as_earlier, APP_VERSION, &now);
                    if !as_earlier {
                        s.input_errors.clear();
                    }
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
            workspace @ (Action::CreateEnterprise { .. }
            | Action::SwitchEnterprise(_)
            | Action::RenameEnterprise { .. }
            | Action::DuplicateEnterprise { .. }
            | Action::DeleteEnterprise { .. }
            | Action::UndoDelete
            | Action::StartWorkshop { .. }
            | Action::EditWorkshop(_)
            | Action::EndWorkshop
            | Action::ImportBundle(_)
            | Action::AddResults { .. }
            | Action::BackedUp { .. }
            | Action::ExternalUpdate(_)
            | Action::ExternalDelete(_)) => s.reduce_workspace(workspace),
        }
        Rc::new(s)
    }
}
