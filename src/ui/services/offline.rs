//! Offline and updates: `boot.js` registers the service worker; this listens for "a new version is ready" and asks
//! the waiting worker to take over (the page then reloads, so old and new assets never mix).
use gloo_events::EventListener;
use yew::Callback;

/// Calls `on_ready` when a new version has been installed and is waiting.
pub fn register(on_ready: Callback<()>) {
    let Some(w) = web_sys::window() else { return };
    let already = js_sys::Reflect::get(&w, &"__dxUpdateReady".into())
        .ok()
        .is_some_and(|v| v.is_truthy());
    if already {
        on_ready.emit(());
    }
    EventListener::new(&w, "dxcheck-update-ready", move |_| on_ready.emit(())).forget();
}

/// Switches to the waiting version: the service worker activates it and the page reloads.
pub fn apply_update() {
    if let (Some(w), Ok(e)) = (
        web_sys::window(),
        web_sys::Event::new("dxcheck-apply-update"),
    ) {
        // Dispatching our own event on our own window is not refused; no listener means no update is waiting.
        let _ = w.dispatch_event(&e);
    }
}
