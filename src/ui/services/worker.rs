//! Jobs for the web worker (`src/bin/dx_worker.rs`), whose wasm loads only when a job is asked for.
use crate::domain::export::Workbook;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Renders a workbook to XLSX bytes in the worker.
///
/// # Errors
/// A message when the worker cannot start or the workbook cannot be rendered.
pub async fn render_xlsx(book: &Workbook) -> Result<Vec<u8>, String> {
    let job = serde_json::to_string(book).map_err(|e| e.to_string())?;
    let worker = web_sys::Worker::new("/dx_worker_loader.js")
        .map_err(|_| "the worker could not start".to_string())?;
    let w = worker.clone();
    let promise =
        js_sys::Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
            let started = Rc::new(Cell::new(false));
            let (sender, job) = (w.clone(), job.clone());
            let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |e: web_sys::MessageEvent| {
                    if !started.replace(true) {
                        let _ = sender.post_message(&JsValue::from_str(&job));
                    } else {
                        let _ = resolve.call1(&JsValue::NULL, &e.data());
                    }
                },
            );
            let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("the worker failed"));
            });
            w.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
            w.set_onerror(Some(onerror.as_ref().unchecked_ref()));
            onmessage.forget();
            onerror.forget();
        });
    let result = JsFuture::from(promise).await;
    worker.terminate();
    let data = result.map_err(|e| e.as_string().unwrap_or_else(|| "the worker failed".into()))?;
    match data.as_string() {
        Some(err) => Err(err),
        None => Ok(js_sys::Uint8Array::new(&data).to_vec()),
    }
}
