//! Clock, crypto RNG, URL hash and document helpers.
use crate::ui::route::Route;
use wasm_bindgen::JsCast;

/// Now, as an RFC 3339 UTC timestamp from the browser clock.
pub fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Milliseconds since 1970 by the browser clock, for durations.
pub fn millis() -> f64 {
    js_sys::Date::now()
}

/// Marks the page with a timing (an attribute on `<html>`, read by the benchmark), in whole milliseconds.
pub fn mark(name: &str, ms: f64) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // A mark that cannot be set only leaves the benchmark without it.
        // A benchmark mark only: if the browser refused it, the bench lacks a figure and the person sees nothing.
        let _ = root.set_attribute(name, &format!("{ms:.0}"));
    }
}

/// 16 bytes from the browser's crypto RNG (falls back to `Math.random` only if `crypto` is missing).
pub fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// The current URL hash.
pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// What was shared to the installed app (its manifest's `share_target` opens `/?title=…&text=…&url=…`), as one
/// text; the query is then removed from the address, so a reload does not take it again.
pub fn take_shared_text() -> String {
    let Some(w) = web_sys::window() else {
        return String::new();
    };
    let search = w.location().search().unwrap_or_default();
    if search.len() < 2 {
        return String::new();
    }
    let text = web_sys::UrlSearchParams::new_with_str(&search)
        .map(|p| {
            ["title", "text", "url"]
                .iter()
                .filter_map(|k| p.get(k))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    if let (Ok(history), Ok(path), Ok(hash)) =
        (w.history(), w.location().pathname(), w.location().hash())
    {
        // Only tidies the address bar (the shared text is already read); a refusal leaves it as it was.
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{hash}")),
        );
    }
    text
}

/// Navigates by setting the URL hash (a history entry, so Back works).
pub fn go(route: &Route) {
    if let Some(w) = web_sys::window() {
        // Setting the hash of our own page is not refused (no cross-origin navigation is involved).
        let _ = w.location().set_hash(&route.to_hash());
    }
}

/// Sets `<html lang>` and the document title.
pub fn set_document_lang(lang: &str, title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = doc.document_element() {
            // `lang` on our own document element is a valid attribute; setting it is not refused.
            let _ = root.set_attribute("lang", lang);
        }
        doc.set_title(title);
    }
}

/// Scrolls to the top and moves focus to the element with this id (a page or step heading).
pub fn focus_heading(id: &str) {
    let Some(w) = web_sys::window() else { return };
    w.scroll_to_with_x_and_y(0.0, 0.0);
    if let Some(el) = w.document().and_then(|d| d.get_element_by_id(id))
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        // Focus is a courtesy to keyboard and screen-reader users; the page is shown whether or not it moved.
        let _ = el.focus();
    }
}

/// Moves focus to the element with this id, scrolling it into view.
pub fn focus_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        el.scroll_into_view();
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            // Focus is a courtesy (see `focus_heading`); the element is already scrolled into view.
            let _ = el.focus();
        }
    }
}
