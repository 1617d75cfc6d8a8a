//! Many enterprises on one device (an advisor's laptop at a workshop): the workshop details, the list of
//! enterprises, and the verbs on it (create, switch, rename, duplicate for T1, delete), with duplicate tax codes found.
use crate::domain::assessment::order::{map_of, sort_stable_by};
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::scoring::Assessment;
use crate::domain::assessment::text::QuestionnaireId;
use crate::domain::records::bundle::BundleImport;
use crate::domain::records::draft::{AssessmentId, EnterpriseId, Uuid};
use crate::domain::records::enterprise::Enterprise;
use crate::domain::records::result_file::{ResultFile, ResultStatus};
use crate::domain::records::workshop::{Workshop, WorkshopEdit};
use std::collections::BTreeMap;
use std::rc::Rc;

/// What the enterprise list shows for one questionnaire of one enterprise.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// The questionnaire.
    pub questionnaire: QuestionnaireId,
    /// Visible questions answered, and visible questions.
    pub answered: (u32, u32),
    /// The overall level once complete.
    pub level: Option<u8>,
}

/// What adding a result (from a result link, a code or a file) did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// A new assessment: in a new enterprise, or in the enterprise with the same id or tax code.
    New,
    /// The same assessment in the same state was already here: nothing changed.
    AlreadyThere,
    /// A later state of an assessment already here replaced the earlier one.
    Updated,
    /// An earlier state of an assessment here in a later state: the later one is kept.
    KeptNewer,
}

/// The outcome of adding one result: what happened, and in which enterprise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddOutcome {
    /// What happened.
    pub added: Added,
    /// The enterprise that holds the assessment now.
    pub enterprise: EnterpriseId,
}

/// Every enterprise on the device, the one being assessed, and the running workshop.
#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    /// The enterprises by id (each its own storage key).
    pub enterprises: BTreeMap<EnterpriseId, Rc<Enterprise>>,
    /// The one being assessed.
    pub active: EnterpriseId,
    /// The workshop under way, if any.
    pub workshop: Option<Workshop>,
}

impl Workspace {
    /// A workspace over loaded enterprises; `active` falls back to the most recently changed one, and a fresh
    /// enterprise is made (with `new_id`) when there is none.
    pub fn new(
        mut list: Vec<Enterprise>,
        active: Option<&str>,
        workshop: Option<Workshop>,
        new_id: EnterpriseId,
        now: &str,
    ) -> Self {
        if list.is_empty() {
            list.push(Enterprise::new(new_id, now));
        }
        sort_stable_by(&mut list, &|a, b| b.updated_at.cmp(&a.updated_at));
        let active = active
            .and_then(|a| list.iter().find(|e| e.id.as_str() == a))
            .or(list.first())
            .map(|e| e.id.clone())
            .unwrap_or_else(|| EnterpriseId::from_random([0; 16]));
        Workspace {
            enterprises: map_of(list.into_iter().map(|e| (e.id.clone(), Rc::new(e)))),
            active,
            workshop,
        }
    }

    /// The enterprise being assessed.
    pub fn active(&self) -> &Enterprise {
        // `new` and every verb keep `active` pointing at an existing enterprise.
        self.enterprises
            .get(&self.active)
            .map(Rc::as_ref)
            .expect("the active enterprise exists")
    }

    /// The enterprise being assessed, to change.
    pub fn active_mut(&mut self) -> &mut Enterprise {
        let e = self
            .enterprises
            .get_mut(&self.active)
            .expect("the active enterprise exists");
        Rc::make_mut(e)
    }

    /// Adds a new enterprise (in the running workshop, if any) and makes it active.
    pub fn create(&mut self, id: EnterpriseId, now: &str) {
        let mut e = Enterprise::new(id.clone(), now);
        e.workshop = self.workshop.clone();
        self.enterprises.insert(id.clone(), Rc::new(e));
        self.active = id;
    }

    /// Goes on with the enterprise another part of the app had active in this tab (the owner's app hands over to
    /// the whole app): that one again if it is stored, or a new empty one with its id if it was never saved (a
    /// visitor's record that held nothing yet). Build the workspace with the same id as `new_id`, so that an empty
    /// device does not get a second empty record.
    pub fn resume(&mut self, id: EnterpriseId, now: &str) {
        if !self.enterprises.contains_key(&id) {
            self.enterprises
                .insert(id.clone(), Rc::new(Enterprise::new(id.clone(), now)));
        }
        self.active = id;
    }

    /// Makes another enterprise active; unknown ids are ignored.
    pub fn switch(&mut self, id: &EnterpriseId) {
        if self.enterprises.contains_key(id) {
            self.active = id.clone();
        }
    }

    /// Renames an enterprise (its profile name).
    pub fn rename(&mut self, id: &EnterpriseId, name: &str, now: &str) {
        if let Some(e) = self.enterprises.get_mut(id) {
            let e = Rc::make_mut(e);
            e.profile.name = name.to_string();
            e.updated_at = now.to_string();
        }
    }

    /// Copies an enterprise for a re-assessment (T1): same profile and workshop, the answers as a starting point under
    /// new assessment ids, and the completed originals kept as its history (T0). `ids` supplies fresh UUIDs: the first
    /// names the copy, the others its drafts.
    pub fn duplicate(
        &mut self,
        src: &EnterpriseId,
        ids: &mut dyn FnMut() -> Uuid,
        questionnaires: &[&Questionnaire],
        app_version: &str,
        now: &str,
    ) {
        let Some(original) = self.enterprises.get(src).cloned() else {
            return;
        };
        let mut copy = Enterprise::new(EnterpriseId::from(ids()), now);
        copy.profile = original.profile.clone();
        copy.workshop = self.workshop.clone().or_else(|| original.workshop.clone());
        copy.history = original.history.clone();
        let mut archived = (*original).clone();
        for q in questionnaires {
            archived.archive_current(q, app_version, now);
        }
        for h in archived.history {
            copy.remember(h);
        }
        for (qid, d) in &original.drafts {
            let mut fresh = d.clone();
            fresh.id = AssessmentId::from(ids());
            fresh.created_at = now.to_string();
            fresh.updated_at = now.to_string();
            fresh.completed_at = None;
            fresh.step = 0;
            copy.drafts.insert(qid.clone(), fresh);
        }
        self.active = copy.id.clone();
        self.enterprises.insert(copy.id.clone(), Rc::new(copy));
    }

    /// Deletes an enterprise; deleting the last one leaves a fresh empty one. Returns the deleted record (for undo).
    pub fn delete(
        &mut self,
        id: &EnterpriseId,
        new_id: EnterpriseId,
        now: &str,
    ) -> Option<Rc<Enterprise>> {
        let gone = self.enterprises.remove(id)?;
        if self.enterprises.is_empty() {
            self.create(new_id, now);
        } else if &self.active == id
            && let Some(next) = self.most_recent()
        {
            self.active = next;
        }
        Some(gone)
    }

    /// Puts back a deleted enterprise.
    pub fn restore(&mut self, e: Rc<Enterprise>) {
        self.enterprises.insert(e.id.clone(), e);
    }

    fn most_recent(&self) -> Option<EnterpriseId> {
        self.enterprises
            .values()
            .max_by(|a, b| a.updated_at.cmp(&b.updated_at))
            .map(|e| e.id.clone())
    }

    /// Adds a result received from elsewhere (a result link, a pasted code, a file), once per assessment:
    /// - an assessment already here in the same state (same answers, same profile) is left alone;
    /// - a later state (written later than this device last changed it) replaces it, an earlier one never does;
    /// - a new assessment joins the enterprise with the same id (on the device that sent it) or the same 10-digit tax
    ///   code, as its current assessment of that questionnaire if it is the later one, else as an earlier one (T0);
    /// - otherwise it becomes a new enterprise, in the running workshop unless it names its own. `new_id` names it
    ///   when its id is taken or missing.
    pub fn add_result(
        &mut self,
        file: ResultFile,
        questionnaires: &[&Questionnaire],
        new_id: &mut dyn FnMut() -> EnterpriseId,
        app_version: &str,
        now: &str,
    ) -> AddOutcome {
        let qid = file.questionnaire.id.clone();
        // The time of the state the file holds: written when that state was (result codes), or later (files).
        let state_time = file.exported_at.clone();
        let holder = self.enterprises.values().find(|e| {
            e.drafts
                .get(&qid)
                .is_some_and(|d| d.id == file.assessment_id)
                || e.history
                    .iter()
                    .any(|h| h.assessment_id == file.assessment_id)
        });
        if let Some(e) = holder {
            let id = e.id.clone();
            let current = e.drafts.get(&qid).filter(|d| d.id == file.assessment_id);
            let (same, local_time) = match current {
                Some(d) => (
                    d.answers == file.answers && e.profile == file.profile,
                    d.updated_at.clone(),
                ),
                None => {
                    let h = e
                        .history
                        .iter()
                        .find(|h| h.assessment_id == file.assessment_id);
                    (
                        h.is_some_and(|h| h.answers == file.answers && h.profile == file.profile),
                        h.map(|h| h.exported_at.clone()).unwrap_or_default(),
                    )
                }
            };
            let is_current = current.is_some();
            let added = if same {
                Added::AlreadyThere
            } else if state_time > local_time {
                let e = Rc::make_mut(self.enterprises.get_mut(&id).expect("found above"));
                e.history.retain(|h| h.assessment_id != file.assessment_id);
                if is_current {
                    e.profile = file.profile.clone();
                    let mut draft = file.to_draft();
                    draft.updated_at = state_time;
                    e.drafts.insert(qid, draft);
                }
                if file.status == ResultStatus::Completed {
                    e.history.push(file);
                }
                e.updated_at = now.to_string();
                Added::Updated
            } else {
                Added::KeptNewer
            };
            return AddOutcome {
                added,
                enterprise: id,
            };
        }
        let tax = file.tax_code().map(|t| t.enterprise().to_string());
        let target = file
            .enterprise_id
            .as_ref()
            .filter(|id| self.enterprises.contains_key(*id))
            .cloned()
            .or_else(|| {
                let tax = tax.as_ref()?;
                self.by_recent()
                    .into_iter()
                    .find(|e| {
                        e.profile
                            .valid_tax_code()
                            .is_some_and(|t| t.enterprise() == tax)
                    })
                    .map(|e| e.id.clone())
            });
        let id = match target {
            Some(id) => id,
            None => {
                let id = file.enterprise_id.clone().unwrap_or_else(&mut *new_id);
                let mut e = Enterprise::new(id.clone(), now);
                e.workshop = file.workshop.clone().or_else(|| self.workshop.clone());
                self.enterprises.insert(id.clone(), Rc::new(e));
                id
            }
        };
        let later = self
            .enterprises
            .get(&id)
            .is_some_and(|e| e.drafts.get(&qid).is_none_or(|d| state_time > d.updated_at));
        if !later && file.status != ResultStatus::Completed {
            // An earlier draft of another assessment: there is nowhere to keep it but over the later one.
            return AddOutcome {
                added: Added::KeptNewer,
                enterprise: id,
            };
        }
        let e = Rc::make_mut(self.enterprises.get_mut(&id).expect("found or made above"));
        if later {
            // The assessment it replaces stays as an earlier one (T0), as "start over" keeps it.
            if let Some(q) = questionnaires.iter().find(|q| q.id == qid) {
                e.archive_current(q, app_version, now);
            }
            if state_time > e.updated_at || e.drafts.is_empty() {
                e.profile = file.profile.clone();
            }
            let mut draft = file.to_draft();
            draft.updated_at = state_time;
            e.drafts.insert(qid, draft);
        }
        if file.status == ResultStatus::Completed {
            e.remember(file);
        }
        e.updated_at = now.to_string();
        AddOutcome {
            added: Added::New,
            enterprise: id,
        }
    }

    /// What [`Workspace::add_result`] would do, without doing it.
    pub fn preview_add(&self, file: &ResultFile, questionnaires: &[&Questionnaire]) -> Added {
        let mut copy = self.clone();
        copy.add_result(
            file.clone(),
            questionnaires,
            &mut || EnterpriseId::from_key(0),
            "",
            "",
        )
        .added
    }

    /// Enterprises, most recently changed first.
    pub fn by_recent(&self) -> Vec<&Enterprise> {
        let mut v: Vec<&Enterprise> = self.enterprises.values().map(Rc::as_ref).collect();
        sort_stable_by(&mut v, &|a, b| {
            b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id))
        });
        v
    }

    /// The enterprises that share a valid tax code with another, by tax code (10-digit enterprise part).
    pub fn shared_tax_codes(&self) -> BTreeMap<String, Vec<EnterpriseId>> {
        let mut by_code: BTreeMap<String, Vec<EnterpriseId>> = BTreeMap::new();
        for e in self.enterprises.values() {
            if let Some(t) = e.profile.valid_tax_code() {
                by_code
                    .entry(t.enterprise().to_string())
                    .or_default()
                    .push(e.id.clone());
            }
        }
        by_code.retain(|_, ids| ids.len() > 1);
        by_code
    }

    /// Progress of each questionnaire an enterprise has started.
    pub fn progress(e: &Enterprise, questionnaires: &[&Questionnaire]) -> Vec<Progress> {
        questionnaires
            .iter()
            .filter_map(|q| {
                let d = e.drafts.get(&q.id)?;
                let a = Assessment::compute(q, &d.answers);
                Some(Progress {
                    questionnaire: q.id.clone(),
                    answered: a.progress(),
                    level: a.is_complete().then_some(a.overall.level),
                })
            })
            .collect()
    }

    /// The enterprises of a workshop (or of the device, for `None`), in creation order.
    pub fn in_workshop(&self, workshop: Option<&Uuid>) -> Vec<&Enterprise> {
        let mut v: Vec<&Enterprise> = self
            .enterprises
            .values()
            .map(Rc::as_ref)
            .filter(|e| {
                workshop.is_none() || e.workshop.as_ref().and_then(|w| w.id.as_ref()) == workshop
            })
            .collect();
        sort_stable_by(&mut v, &|a, b| {
            a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id))
        });
        v
    }

    /// Starts a workshop. The enterprise on screen joins it if nothing has been assessed in it yet.
    pub fn start_workshop(&mut self, w: Workshop) {
        let fresh = self.active().drafts.is_empty() && self.active().workshop.is_none();
        if fresh {
            self.active_mut().workshop = Some(w.clone());
        }
        self.workshop = Some(w);
    }

    /// An assessment started while a workshop runs belongs to it: joins the active enterprise to the running
    /// workshop if it is in none.
    pub fn join_running_workshop(&mut self) {
        if self.active().workshop.is_none()
            && let Some(w) = self.workshop.clone()
        {
            self.active_mut().workshop = Some(w);
        }
    }

    /// Applies a workshop edit to the running workshop and to every enterprise made in it.
    pub fn edit_workshop(&mut self, edit: WorkshopEdit) {
        let Some(w) = self.workshop.as_mut() else {
            return;
        };
        w.apply(edit);
        let w = w.clone();
        for e in self.enterprises.values_mut() {
            if e.workshop.as_ref().and_then(|x| x.id.as_ref()) == w.id.as_ref() && w.id.is_some() {
                Rc::make_mut(e).workshop = Some(w.clone());
            }
        }
    }

    /// Ends the running workshop; its enterprises keep its details.
    pub fn end_workshop(&mut self) {
        self.workshop = None;
    }

    /// Starts `q` for the enterprise on screen if it has not started it; the assessment joins the running workshop.
    pub fn begin(&mut self, q: &Questionnaire, id: AssessmentId, now: &str) {
        if !self.has_begun(&q.id) {
            self.join_running_workshop();
            self.active_mut().begin(q, id, now);
        }
    }

    /// Whether showing `step` of `q` changes nothing: the active enterprise has no draft of `q`, or it is at that
    /// step already.
    pub fn at_step(&self, q: &QuestionnaireId, step: u32) -> bool {
        self.active().drafts.get(q).is_none_or(|d| d.step == step)
    }

    /// Remembers the step on screen of the active enterprise's draft of `q`, if it has one.
    pub fn set_step(&mut self, q: &QuestionnaireId, step: u32) {
        if let Some(d) = self.active_mut().drafts.get_mut(q) {
            d.step = step;
        }
    }

    /// Whether the enterprise on screen has started `q`.
    pub fn has_begun(&self, q: &QuestionnaireId) -> bool {
        self.active().drafts.contains_key(q)
    }

    /// Restores the enterprises of an imported bundle (the bundle's workshop runs if none does); returns how many.
    pub fn import_bundle(&mut self, import: BundleImport) -> usize {
        if self.workshop.is_none() {
            self.workshop = import.workshop;
        }
        let n = import.enterprises.len();
        for e in import.enterprises {
            self.enterprises.insert(e.id.clone(), Rc::new(e));
        }
        n
    }

    /// Another tab saved `e`: this copy takes its version. Returns whether it is the enterprise on screen.
    pub fn receive(&mut self, e: Enterprise) -> bool {
        let shown = self.active == e.id;
        self.enterprises.insert(e.id.clone(), Rc::new(e));
        shown
    }

    /// Another tab deleted an enterprise: this copy forgets it too, unless it is the last one here (a workspace
    /// always has one).
    pub fn forget(&mut self, id: &EnterpriseId) {
        if self.enterprises.len() > 1 && self.enterprises.contains_key(id) {
            // Not the last one, so no fresh enterprise is made and its id is never used.
            self.delete(id, EnterpriseId::from_random([0; 16]), "");
        }
    }
}
