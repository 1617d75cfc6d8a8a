//! `AppState` and its `Action`s: the one reducer. Each action calls domain verbs (`reduce.rs`); I/O happens in
//! `app.rs` effects.
mod action;
mod notice;
mod reduce;

pub use action::Action;
pub use notice::Notice;

use super::route::Route;
use super::shared::Static;
use crate::domain::assessment::answers::AnswerError;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::text::{Lang, QuestionId, QuestionnaireId};
use crate::domain::catalog::Catalog;
use crate::domain::records::draft::Draft;
use crate::domain::records::enterprise::Enterprise;
use crate::domain::records::sending::{Durability, InAppBrowser};
use crate::domain::records::workspace::{AddOutcome, Workspace};
use std::collections::BTreeMap;
use std::rc::Rc;

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
}
