//! What the browser offers for sending a result and keeping data: the user agent, the app's own URL, the clipboard,
//! the Web Share API, persistent storage and the install prompt. Each is looked up at run time: in-app browsers
//! and older phones lack some of them, and the app says so rather than failing silently.
use crate::domain::records::sending::Durability;
use crate::js::{field, object};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

fn navigator() -> Option<JsValue> {
    web_sys::window().map(|w| w.navigator().into())
}

/// The browser's user agent.
pub fn user_agent() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default()
}

/// The app's own URL, without its `#` part: where a result link points.
pub fn app_url() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// Calls a method of a JS object by name, if the object has it; `None` when it does not.
fn call(target: &JsValue, method: &str, args: &js_sys::Array) -> Option<Result<JsValue, JsValue>> {
    let f = field(target, method).dyn_into::<js_sys::Function>().ok()?;
    Some(f.apply(target, args))
}

/// Awaits a method that returns a promise.
async fn call_async(
    target: &JsValue,
    method: &str,
    args: &js_sys::Array,
) -> Option<Result<JsValue, JsValue>> {
    match call(target, method, args)? {
        Ok(p) => match p.dyn_into::<js_sys::Promise>() {
            Ok(p) => Some(JsFuture::from(p).await),
            Err(v) => Some(Ok(v)),
        },
        Err(e) => Some(Err(e)),
    }
}

/// Puts text on the clipboard: the Clipboard API, or, where it is missing or refused (some in-app browsers), the
/// older copy command on a hidden text box.
///
/// # Errors
/// When neither way worked; the link stays on screen to copy by hand.
pub async fn copy_text(text: &str) -> Result<(), ()> {
    let clipboard = navigator()
        .map(|n| field(&n, "clipboard"))
        .unwrap_or(JsValue::UNDEFINED);
    let args = js_sys::Array::of1(&JsValue::from_str(text));
    if !clipboard.is_undefined()
        && let Some(Ok(_)) = call_async(&clipboard, "writeText", &args).await
    {
        return Ok(());
    }
    copy_with_command(text)
}

fn copy_with_command(text: &str) -> Result<(), ()> {
    let doc = web_sys::window().and_then(|w| w.document()).ok_or(())?;
    let body = doc.body().ok_or(())?;
    let area = doc
        .create_element("textarea")
        .map_err(|_| ())?
        .dyn_into::<web_sys::HtmlTextAreaElement>()
        .map_err(|_| ())?;
    area.set_value(text);
    // Valid attributes on an element we just made are not refused; at worst the copy field shows for a moment.
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("class", "visually-hidden");
    body.append_child(&area).map_err(|_| ())?;
    area.select();
    let html: web_sys::HtmlDocument = doc.clone().dyn_into().map_err(|_| ())?;
    let copied = html.exec_command("copy").unwrap_or(false);
    area.remove();
    if copied { Ok(()) } else { Err(()) }
}

/// Whether the browser can open its share sheet (the Web Share API).
pub fn can_share() -> bool {
    navigator().is_some_and(|n| field(&n, "share").is_function())
}

/// How a share ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    /// The share sheet sent it somewhere.
    Sent,
    /// The person closed the share sheet.
    Cancelled,
    /// The browser refused (no share sheet, or it failed).
    Failed,
}

/// A file to share with a link.
pub struct ShareFile<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its type.
    pub mime: &'a str,
    /// Its contents.
    pub text: &'a str,
}

/// Opens the share sheet with a title, a line of text and the link, and the file where the browser can share
/// files (`navigator.canShare({ files })`).
pub async fn share(title: &str, text: &str, url: &str, file: Option<ShareFile<'_>>) -> Shared {
    let Some(nav) = navigator() else {
        return Shared::Failed;
    };
    let data = object(&[
        ("title", JsValue::from_str(title)),
        ("text", JsValue::from_str(text)),
        ("url", JsValue::from_str(url)),
    ]);
    if let Some(f) = file
        && let Some(files) = file_list(&f)
    {
        let with_files = object(&[
            ("title", JsValue::from_str(title)),
            ("text", JsValue::from_str(text)),
            ("url", JsValue::from_str(url)),
            ("files", files.into()),
        ]);
        let check = js_sys::Array::of1(&object(&[("files", field(&with_files, "files"))]));
        if matches!(call(&nav, "canShare", &check), Some(Ok(v)) if v.is_truthy()) {
            return outcome(call_async(&nav, "share", &js_sys::Array::of1(&with_files)).await);
        }
    }
    outcome(call_async(&nav, "share", &js_sys::Array::of1(&data)).await)
}

fn file_list(f: &ShareFile<'_>) -> Option<js_sys::Array> {
    let opts = web_sys::FilePropertyBag::new();
    opts.set_type(f.mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(f.text));
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, f.name, &opts).ok()?;
    Some(js_sys::Array::of1(&file))
}

fn outcome(r: Option<Result<JsValue, JsValue>>) -> Shared {
    match r {
        Some(Ok(_)) => Shared::Sent,
        Some(Err(e)) => {
            let name = e
                .dyn_ref::<web_sys::DomException>()
                .map(|d| d.name())
                .unwrap_or_default();
            if name == "AbortError" {
                Shared::Cancelled
            } else {
                Shared::Failed
            }
        }
        None => Shared::Failed,
    }
}

/// The Storage API, if the browser has it.
fn storage_manager() -> Option<JsValue> {
    let s = field(&navigator()?, "storage");
    (!s.is_undefined() && !s.is_null()).then_some(s)
}

async fn durability_of(method: &str) -> Durability {
    let Some(s) = storage_manager() else {
        return Durability::Unsupported;
    };
    match call_async(&s, method, &js_sys::Array::new()).await {
        Some(Ok(v)) if v.is_truthy() => Durability::Persistent,
        Some(Ok(_)) => Durability::BestEffort,
        _ => Durability::Unsupported,
    }
}

/// Whether the browser keeps this site's data until the person deletes it (asks nothing).
pub async fn durability() -> Durability {
    durability_of("persisted").await
}

/// Asks the browser to keep this site's data (`navigator.storage.persist()`); some browsers ask the person.
pub async fn ask_to_persist() -> Durability {
    durability_of("persist").await
}

thread_local! {
    /// The browser's install offer (`beforeinstallprompt`), kept until the person takes it.
    static INSTALL: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Listens for the browser's offer to install the app; `on_change` hears whether one is ready.
pub fn listen_for_install(on_change: Callback<bool>) {
    let Some(w) = web_sys::window() else { return };
    let offered = on_change.clone();
    gloo_events::EventListener::new(&w, "beforeinstallprompt", move |e| {
        // Kept for the button instead of the browser's own banner.
        e.prevent_default();
        INSTALL.with(|i| *i.borrow_mut() = Some(e.clone().into()));
        offered.emit(true);
    })
    .forget();
    gloo_events::EventListener::new(&w, "appinstalled", move |_| {
        INSTALL.with(|i| *i.borrow_mut() = None);
        on_change.emit(false);
    })
    .forget();
}

/// Opens the browser's install dialog, if it offered one.
pub fn install() {
    if let Some(e) = INSTALL.with(|i| i.borrow_mut().take()) {
        // The browser's own install dialog: what the person chooses there is the browser's to report
        // (`appinstalled`), and a refusal leaves the app as it was.
        let _ = call(&e, "prompt", &js_sys::Array::new());
    }
}
