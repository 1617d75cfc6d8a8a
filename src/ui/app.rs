//! The root: builds the start-up state, provides the context, persists drafts and follows the URL hash.
use super::context::AppHandle;
use super::pages::layout::Layout;
use super::route::Route;
use super::services::{browser, storage};
use super::shared::Shared;
use super::state::{Action, AppState};
use crate::domain::catalog::Catalog;
use crate::domain::draft::Draft;
use crate::domain::text::{Lang, QuestionnaireId};
use gloo_events::EventListener;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// Builds the start-up state from storage and the URL. Runs once, before the first render.
pub fn boot(catalog: Catalog) -> AppState {
    let loaded = storage::load(&catalog);
    let lang = loaded.lang.unwrap_or_default();
    let mut route = Route::from_hash(&browser::current_hash());
    // A deep link into a questionnaire that has no saved draft starts at the welcome page.
    if let Route::Step { questionnaire, .. } | Route::Results { questionnaire } = &route
        && !loaded.drafts.contains_key(questionnaire)
    {
        route = Route::Welcome;
    }
    AppState::new(Rc::new(catalog), lang, route, loaded.drafts, loaded.notices)
}

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The state built by [`boot`].
    pub initial: Shared<AppState>,
}

fn persist(
    saved: &mut BTreeMap<QuestionnaireId, Draft>,
    drafts: &BTreeMap<QuestionnaireId, Draft>,
) -> Result<(), storage::StorageError> {
    for (qid, draft) in drafts {
        let previous = saved.get(qid);
        if previous == Some(draft) {
            continue;
        }
        storage::save_draft(draft, drafts)?;
        if let Some(old) = previous
            && old.id != draft.id
        {
            storage::delete_draft(&old.id);
        }
        saved.insert(qid.clone(), draft.clone());
    }
    Ok(())
}

/// The whole app.
#[component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer_eq(move || (*initial).clone());

    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    dispatcher.dispatch(Action::Route(Route::from_hash(&browser::current_hash())));
                })
            });
            move || drop(listener)
        });
    }
    {
        let saved = use_mut_ref(|| (*state.drafts).clone());
        let dispatcher = state.dispatcher();
        use_effect_with(state.drafts.clone(), move |drafts| {
            if let Err(e) = persist(&mut saved.borrow_mut(), drafts) {
                dispatcher.dispatch(Action::Notify(e.notice()));
            }
        });
    }
    {
        let title = state
            .catalog
            .locale
            .get(state.lang, "app.title")
            .to_string();
        let first = use_mut_ref(|| true);
        use_effect_with(state.lang, move |lang: &Lang| {
            browser::set_document_lang(lang.code(), &title);
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                let _ = storage::save_lang(*lang);
            }
        });
    }

    html! {
        <ContextProvider<AppHandle> context={state}>
            <Layout />
        </ContextProvider<AppHandle>>
    }
}
