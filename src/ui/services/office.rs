//! The advisor's and office's pages (enterprises, workshop, province) are not in the owner's app: they come with
//! the whole app (`dx_office`), which `src/web/boot.js` downloads on demand and starts in place of this one. Both
//! read the same storage, and every change is saved as it is made, so nothing is lost in the hand-over.
//!
//! The page and boot.js talk through events on `window`: `dxcheck-load-office` (start or retry the download),
//! `dxcheck-office-progress` (detail `{loaded, total}` in bytes), `dxcheck-office-failed`, and `dxcheck-handover`
//! (the whole app is ready: this app removes itself before it starts).
use super::storage;
use crate::domain::records::draft::EnterpriseId;
use crate::js;
use gloo_events::EventListener;
use yew::Callback;

/// What boot.js reports of the download.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Loading {
    /// Bytes received so far, of the total (0 while it is not known).
    Progress {
        /// Bytes received.
        loaded: f64,
        /// Bytes in all.
        total: f64,
    },
    /// The download or the start failed (offline before the first visit, for example).
    Failed,
}

/// Listens to the download's progress for as long as the returned listeners are kept, and asks boot.js to start
/// (or retry) the download.
pub fn load(on: Callback<Loading>) -> Vec<EventListener> {
    let Some(w) = web_sys::window() else {
        on.emit(Loading::Failed);
        return Vec::new();
    };
    let progress = {
        let on = on.clone();
        EventListener::new(&w, "dxcheck-office-progress", move |e| {
            // A CustomEvent's detail, read as a field (no web-sys feature for one property).
            let detail = js::field(e.as_ref(), "detail");
            let number = |key| js::field(&detail, key).as_f64().unwrap_or(0.0);
            on.emit(Loading::Progress {
                loaded: number("loaded"),
                total: number("total"),
            });
        })
    };
    let failed = EventListener::new(&w, "dxcheck-office-failed", move |_| {
        on.emit(Loading::Failed)
    });
    if let Ok(e) = web_sys::Event::new("dxcheck-load-office") {
        // Our own event on our own window; boot.js listens for it.
        let _ = w.dispatch_event(&e);
    }
    vec![progress, failed]
}

thread_local! {
    /// Removes the owner's app from the page, when the whole app takes over.
    static LEAVE: std::cell::RefCell<Option<Box<dyn FnOnce()>>> = const { std::cell::RefCell::new(None) };
}

/// Keeps the owner's app, to remove it when boot.js hands over to the whole app ([`on_handover`]).
pub fn give_way<C: yew::BaseComponent>(app: yew::AppHandle<C>) {
    LEAVE.with(|l| *l.borrow_mut() = Some(Box::new(move || app.destroy())));
}

/// Until the listener is dropped: when boot.js hands over, notes `active` for the whole app (this tab's active
/// enterprise, saved or not) and removes the owner's app from the page.
pub fn on_handover(active: EnterpriseId) -> Option<EventListener> {
    let w = web_sys::window()?;
    Some(EventListener::once(&w, "dxcheck-handover", move |_| {
        storage::save_handover_active(&active);
        if let Some(leave) = LEAVE.with(|l| l.borrow_mut().take()) {
            leave();
        }
    }))
}
