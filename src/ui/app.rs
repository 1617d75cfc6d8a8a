//! The root: builds the start-up state, provides the context, persists the workspace, follows the URL hash, and
//! listens to other tabs.
use super::context::AppHandle;
use super::pages::layout::Layout;
use super::route::Route;
use super::services::storage::{self, External};
use super::services::{browser, device, offline};
use super::shared::Shared;
use super::state::{Action, AppState, Notice};
use crate::domain::assessment::order::map_of;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::text::Lang;
use crate::domain::catalog::Catalog;
use crate::domain::records::draft::{AssessmentId, EnterpriseId};
use crate::domain::records::enterprise::Enterprise;
use crate::domain::records::profile::Profile;
use crate::domain::records::result_code::find_codes;
use crate::domain::records::sending::{Durability, InAppBrowser};
use crate::domain::records::workshop::Workshop;
use crate::domain::records::workspace::Workspace;
use gloo_events::EventListener;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Builds the start-up state from storage and the URL. Runs once, before the first render.
pub fn boot(catalog: &'static Catalog) -> AppState {
    let loaded = storage::load(catalog);
    let lang = loaded.lang.unwrap_or_default();
    // The owner's app handed over to this one (an office page was opened): the same enterprise stays active, and
    // one it never saved keeps its id.
    let handover = storage::take_handover_active().and_then(|id| EnterpriseId::parse(&id));
    let fresh = handover
        .clone()
        .unwrap_or_else(|| EnterpriseId::from_random(browser::random_bytes()));
    let mut workspace = Workspace::new(
        loaded.enterprises,
        loaded.active.as_deref(),
        loaded.workshop,
        fresh,
        &browser::now(),
    );
    if let Some(id) = handover {
        workspace.resume(id, &browser::now());
    }
    let mut route = Route::from_hash(&browser::current_hash());
    // A result link shared to the installed app (Android's share sheet): opened as if it had been followed.
    if let Some(found) = find_codes(&browser::take_shared_text()).first() {
        route = Route::Received {
            code: found.code.to_string(),
        };
    }
    // A deep link into a questionnaire that has no saved draft starts at the welcome page.
    if let Some(q) = route.questionnaire()
        && !workspace.active().drafts.contains_key(q)
    {
        route = Route::Welcome;
    }
    let mut state = AppState::new(catalog, lang, route, workspace, loaded.notices);
    state.in_app = InAppBrowser::from_user_agent(&device::user_agent());
    state.share_api = device::can_share();
    state.app_url = device::app_url();
    state
}

/// The state of a first visit on the welcome page, in Vietnamese, with nothing stored: what the build pre-renders
/// (`src/bin/prerender.rs`). Needs no browser.
pub fn prerender_state(catalog: &'static Catalog) -> AppState {
    let workspace = Workspace::new(
        Vec::new(),
        None,
        None,
        EnterpriseId::from_random([0; 16]),
        "",
    );
    AppState::new(catalog, Lang::Vi, Route::Welcome, workspace, Vec::new())
}

/// The profile page of a questionnaire just begun on a first visit, in Vietnamese: what the build pre-renders
/// for boot.js to show when the start button is tapped before the app has started. Needs no browser.
pub fn prerender_profile_state(catalog: &'static Catalog, q: &Questionnaire) -> AppState {
    let mut state = prerender_state(catalog);
    Rc::make_mut(&mut state.workspace).begin(q, AssessmentId::from_random([0; 16]), "");
    state.route = Route::Profile {
        questionnaire: q.id.clone(),
    };
    state
}

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The state built by [`boot`].
    pub initial: Shared<AppState>,
}

/// Whether a record holds anything worth saving (a visitor who only looks creates nothing).
fn worth_saving(e: &Enterprise) -> bool {
    !e.drafts.is_empty() || e.profile != Profile::default() || !e.history.is_empty()
}

/// What was last written, to write only what changed.
#[derive(Default)]
struct Saved {
    enterprises: BTreeMap<EnterpriseId, Rc<Enterprise>>,
    active: Option<EnterpriseId>,
    workshop: Option<Option<Workshop>>,
}

/// Writes every enterprise that changed since the last save, removes deleted ones, and records the active one and
/// the workshop. Each enterprise is one key, so a failed write affects only that record.
fn persist(saved: &mut Saved, ws: &Workspace) -> Result<(), storage::StorageError> {
    for (id, e) in &ws.enterprises {
        let unchanged = saved
            .enterprises
            .get(id)
            .is_some_and(|old| Rc::ptr_eq(old, e) || **old == **e);
        if unchanged || !worth_saving(e) {
            continue;
        }
        storage::save_enterprise(e)?;
        saved.enterprises.insert(id.clone(), e.clone());
    }
    let gone: Vec<EnterpriseId> = saved
        .enterprises
        .keys()
        .filter(|id| !ws.enterprises.contains_key(*id))
        .cloned()
        .collect();
    for id in gone {
        storage::delete_enterprise(&id)?;
        saved.enterprises.remove(&id);
    }
    if saved.active.as_ref() != Some(&ws.active) && saved.enterprises.contains_key(&ws.active) {
        storage::save_active(&ws.active)?;
        saved.active = Some(ws.active.clone());
    }
    if saved.workshop.as_ref() != Some(&ws.workshop) {
        storage::save_workshop(ws.workshop.as_ref())?;
        saved.workshop = Some(ws.workshop.clone());
    }
    Ok(())
}

/// The whole app.
#[component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer_eq(move || (*initial).clone());
    let saved = {
        let ws = state.workspace.clone();
        use_mut_ref(move || Saved {
            enterprises: map_of(
                ws.enterprises
                    .iter()
                    .filter(|(_, e)| worth_saving(e))
                    .map(|(k, v)| (k.clone(), v.clone())),
            ),
            active: None,
            workshop: Some(ws.workshop.clone()),
        })
    };

    {
        let dispatcher = state.dispatcher();
        let saved = saved.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let hash = window.as_ref().map(|w| {
                let d = dispatcher.clone();
                EventListener::new(w, "hashchange", move |_| {
                    d.dispatch(Action::Route(Route::from_hash(&browser::current_hash())))
                })
            });
            // Another tab saved or removed an enterprise: last write wins, and this tab shows it.
            let tabs = window.as_ref().map(|w| {
                let d = dispatcher.clone();
                EventListener::new(w, "storage", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                        return;
                    };
                    let Some(key) = e.key() else { return };
                    match storage::external(&key, e.new_value()) {
                        Some(External::Saved(ent)) => {
                            saved
                                .borrow_mut()
                                .enterprises
                                .insert(ent.id.clone(), Rc::new((*ent).clone()));
                            d.dispatch(Action::ExternalUpdate(ent));
                        }
                        Some(External::Removed(id)) => {
                            saved.borrow_mut().enterprises.remove(&id);
                            d.dispatch(Action::ExternalDelete(id));
                        }
                        None => {}
                    }
                })
            });
            let d = dispatcher.clone();
            offline::register(Callback::from(move |()| {
                d.dispatch(Action::Notify(Notice::UpdateReady))
            }));
            let d = dispatcher.clone();
            device::listen_for_install(Callback::from(move |offered| {
                d.dispatch(Action::SetInstallable(offered))
            }));
            // How long this browser keeps what is stored: shown where the enterprises are listed.
            let d = dispatcher.clone();
            yew::platform::spawn_local(async move {
                d.dispatch(Action::SetDurability(device::durability().await));
            });
            move || drop((hash, tabs))
        });
    }
    // The owner's app: when the whole app takes over, it goes on with this tab's active enterprise (in the whole
    // app, nothing hands over again).
    use_effect_with(state.workspace.active.clone(), |active| {
        let listener = super::services::office::on_handover(active.clone());
        move || drop(listener)
    });
    {
        let dispatcher = state.dispatcher();
        let saved = saved.clone();
        let durability = state.durability;
        use_effect_with(state.workspace.clone(), move |ws| {
            let had = !saved.borrow().enterprises.is_empty();
            if let Err(e) = persist(&mut saved.borrow_mut(), ws) {
                dispatcher.dispatch(Action::Notify(e.notice()));
            }
            // The first enterprise saved: ask the browser to keep the answers (Safari deletes a site's data after
            // seven days without a visit unless it is kept).
            if !had
                && !saved.borrow().enterprises.is_empty()
                && durability != Durability::Persistent
            {
                yew::platform::spawn_local(async move {
                    dispatcher.dispatch(Action::SetDurability(device::ask_to_persist().await));
                });
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
        let dispatcher = state.dispatcher();
        use_effect_with(state.lang, move |lang: &Lang| {
            browser::set_document_lang(lang.code(), &title);
            if !std::mem::replace(&mut *first.borrow_mut(), false)
                && let Err(e) = storage::save_lang(*lang)
            {
                dispatcher.dispatch(Action::Notify(e.notice()));
            }
        });
    }

    html! {
        <ContextProvider<AppHandle> context={state}>
            <Layout />
        </ContextProvider<AppHandle>>
    }
}
