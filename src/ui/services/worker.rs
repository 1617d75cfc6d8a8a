//! Jobs for the web worker (`src/bin/dx_worker.rs`), whose wasm loads only when a job is asked for.
use crate::domain::export::Workbook;
use crate::domain::records::RejectedCode;
use crate::domain::tally::Tally;
use serde::Deserialize;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

fn field(data: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Starts a worker, sends `job` once it is ready, forwards `{ progress, total }` messages, and resolves with the
/// final message.
async fn run(job: JsValue, on_progress: Option<Callback<(f64, f64)>>) -> Result<JsValue, String> {
    let worker = web_sys::Worker::new("/dx_worker_loader.js")
        .map_err(|_| "the worker could not start".to_string())?;
    let w = worker.clone();
    let promise =
        js_sys::Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
            let started = Rc::new(Cell::new(false));
            let (sender, job, on_progress) = (w.clone(), job.clone(), on_progress.clone());
            let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |e: web_sys::MessageEvent| {
                    let data = e.data();
                    if !started.replace(true) {
                        let _ = sender.post_message(&job);
                    } else if let (Some(p), Some(done)) =
                        (&on_progress, field(&data, "progress").as_f64())
                    {
                        p.emit((done, field(&data, "total").as_f64().unwrap_or(0.0)));
                    } else {
                        let _ = resolve.call1(&JsValue::NULL, &data);
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
    match field(&data, "error").as_string() {
        Some(err) => Err(err),
        None => Ok(data),
    }
}

fn job(kind: &str, pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"job".into(), &JsValue::from_str(kind));
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// Renders a workbook to XLSX bytes in the worker.
///
/// # Errors
/// A message when the worker cannot start or the workbook cannot be rendered.
pub async fn render_xlsx(book: &Workbook) -> Result<Vec<u8>, String> {
    let json = serde_json::to_string(book).map_err(|e| e.to_string())?;
    let data = run(job("xlsx", &[("book", JsValue::from_str(&json))]), None).await?;
    Ok(js_sys::Uint8Array::new(&data).to_vec())
}

/// What a tally job returns.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TallyOutcome {
    /// The figures.
    pub tally: Tally,
    /// Each refused record.
    pub rejected: Vec<RejectedCode>,
}

/// Checks and tallies files (name, contents) in the worker, which reads them itself, reporting (bytes read, bytes
/// in all) as it goes. Handing over a `Blob` copies nothing: the page's thread never holds the files' text.
///
/// # Errors
/// A message when the worker cannot start or fails.
pub async fn tally(
    files: &[(String, web_sys::Blob)],
    target: u32,
    on_progress: Callback<(f64, f64)>,
) -> Result<TallyOutcome, String> {
    let names = js_sys::Array::new();
    let blobs = js_sys::Array::new();
    for (n, b) in files {
        names.push(&JsValue::from_str(n));
        blobs.push(b);
    }
    let data = run(
        job(
            "tally",
            &[
                ("target", JsValue::from_f64(f64::from(target))),
                ("names", names.into()),
                ("blobs", blobs.into()),
            ],
        ),
        Some(on_progress),
    )
    .await?;
    let json = field(&data, "result")
        .as_string()
        .ok_or_else(|| "the worker gave no result".to_string())?;
    serde_json::from_str(&json).map_err(|e| e.to_string())
}
