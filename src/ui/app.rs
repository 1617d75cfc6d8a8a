//! The root: builds the start-up state, provides the context, persists the enterprise and follows the URL hash.
use super::context::AppHandle;
use super::pages::layout::Layout;
use super::route::Route;
use super::services::{browser, storage};
use super::shared::Shared;
use super::state::{Action, AppState};
use crate::domain::catalog::Catalog;
use crate::domain::draft::Uuid;
use crate::domain::enterprise::Enterprise;
use crate::domain::profile::Profile;
use crate::domain::text::Lang;
use gloo_events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// Builds the start-up state from storage and the URL. Runs once, before the first render.
pub fn boot(catalog: Catalog) -> AppState {
    let loaded = storage::load(&catalog);
    let lang = loaded.lang.unwrap_or_default();
    let mut enterprises = loaded.enterprises;
    let active = loaded
        .active
        .as_deref()
        .and_then(|a| enterprises.iter().position(|e| e.id.as_str() == a));
    let enterprise = match active {
        Some(i) => enterprises.swap_remove(i),
        None if !enterprises.is_empty() => enterprises.remove(0),
        None => Enterprise::new(Uuid::from_random(browser::random_bytes()), &browser::now()),
    };
    let mut route = Route::from_hash(&browser::current_hash());
    // A deep link into a questionnaire that has no saved draft starts at the welcome page.
    if let Some(q) = route.questionnaire()
        && !enterprise.drafts.contains_key(q)
    {
        route = Route::Welcome;
    }
    AppState::new(Rc::new(catalog), lang, route, enterprise, loaded.notices)
}

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The state built by [`boot`].
    pub initial: Shared<AppState>,
}

/// Whether a record holds anything worth saving (a visitor who only looks creates nothing).
fn worth_saving(e: &Enterprise) -> bool {
    !e.drafts.is_empty() || e.profile != Profile::default()
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
        let saved = use_mut_ref(|| state.enterprise.clone());
        let dispatcher = state.dispatcher();
        use_effect_with(state.enterprise.clone(), move |e: &Rc<Enterprise>| {
            let mut saved = saved.borrow_mut();
            if **saved != **e && worth_saving(e) {
                match storage::save_enterprise(e) {
                    Ok(()) => *saved = e.clone(),
                    Err(err) => dispatcher.dispatch(Action::Notify(err.notice())),
                }
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
