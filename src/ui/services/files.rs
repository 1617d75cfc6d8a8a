//! Files: downloading text as a file (Blob + object URL), reading a picked file, and printing.
use crate::domain::APP_VERSION;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::records::draft::Draft;
use crate::domain::records::profile::Profile;
use crate::domain::records::result_file::ResultFile;
use crate::ui::faults::DeviceFault;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Offers `text` as a download named `name`. Nothing leaves the device: the file is built in memory.
pub fn download(name: &str, mime: &str, text: &str) {
    save(name, mime, &wasm_bindgen::JsValue::from_str(text));
}

/// The result file of `draft` (completed or not), stamped with this app's version and the current time.
pub fn result_now(q: &Questionnaire, draft: &Draft, profile: &Profile) -> ResultFile {
    ResultFile::build(q, draft, profile, APP_VERSION, &super::browser::now())
}

/// Offers the result file of `draft` as a JSON download.
pub fn download_result(q: &Questionnaire, draft: &Draft, profile: &Profile) {
    let file = result_now(q, draft, profile);
    download(&file.file_name("json"), "application/json", &file.to_json());
}

/// The file picked in a file input's `change` event, if any; the input is emptied so that picking the same file
/// again fires `change` again.
pub fn take_picked(e: &yew::Event) -> Option<web_sys::File> {
    let input = yew::TargetCast::target_dyn_into::<web_sys::HtmlInputElement>(e)?;
    let file = input.files().and_then(|l| l.get(0));
    input.set_value("");
    file
}

/// Offers bytes as a download named `name`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) {
    save(name, mime, &js_sys::Uint8Array::from(bytes).into());
}

/// A Blob of one part (a string or a `Uint8Array`), handed to the browser as a download.
fn save(name: &str, mime: &str, part: &wasm_bindgen::JsValue) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(part);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = doc
        .create_element("a")
        .map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // Frees the Blob's memory; should the browser refuse, it frees it when the page closes.
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// A text as a file of this name (for storing beside picked files).
pub fn text_file(name: &str, text: &str) -> Option<web_sys::File> {
    let opts = web_sys::FilePropertyBag::new();
    opts.set_type("text/plain");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    web_sys::File::new_with_str_sequence_and_options(&parts, name, &opts).ok()
}

/// Reads a picked file as UTF-8 text.
///
/// # Errors
/// [`DeviceFault::FileUnreadable`] when the browser cannot read it (moved, removed, or not text).
pub async fn read_text(file: web_sys::File) -> Result<String, DeviceFault> {
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| DeviceFault::FileUnreadable)?;
    text.as_string().ok_or(DeviceFault::FileUnreadable)
}

/// Opens the browser's print dialog (the print stylesheet lays the results out as an A4 report).
pub fn print() {
    if let Some(w) = web_sys::window() {
        // The browser's own print dialog; where it has none (some in-app browsers), the page offers the link and file.
        let _ = w.print();
    }
}
