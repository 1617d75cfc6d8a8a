//! What the web workers (`src/bin/dx_worker.rs` for tallies, `src/bin/dx_xlsx.rs` for workbooks) share: the message
//! loop and the shape of their answers. Each job is a JS object `{ job, .. }`; the answer is `{ result: <bytes> }`
//! (the buffer handed over, not copied), `{ kept: true }`, or `{ error: "<message>" }`. A worker first posts
//! "ready".
use crate::js::{field, object};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Posts `{ <key>: <bytes> }`, handing the buffer over.
pub fn post_bytes(scope: &web_sys::DedicatedWorkerGlobalScope, key: &str, bytes: &[u8]) {
    let arr = js_sys::Uint8Array::from(bytes);
    let _ = scope.post_message_with_transfer(
        &object(&[(key, arr.clone().into())]),
        &js_sys::Array::of1(&arr.buffer()),
    );
}

/// A text field of a job, or the error `what` names when it is missing.
///
/// # Errors
/// `"no <what>"` when the job has no such text.
pub fn text_field(data: &JsValue, key: &str, what: &str) -> Result<String, String> {
    field(data, key)
        .as_string()
        .ok_or_else(|| format!("no {what}"))
}

/// How a job ended.
pub enum Answer {
    /// Bytes, answered as `{ result }`.
    Bytes(Vec<u8>),
    /// Kept in the worker for a later job, answered as `{ kept: true }`.
    Kept,
}

/// Installs the message handler, which hands each job (its name and the whole message) to `handle` and posts the
/// answer, then says "ready".
pub fn serve(
    mut handle: impl FnMut(
        &str,
        &JsValue,
        &web_sys::DedicatedWorkerGlobalScope,
    ) -> Result<Answer, String>
    + 'static,
) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let onmessage =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            let job = field(&data, "job").as_string().unwrap_or_default();
            match handle(&job, &data, &reply) {
                Ok(Answer::Bytes(bytes)) => post_bytes(&reply, "result", &bytes),
                Ok(Answer::Kept) => {
                    let _ = reply.post_message(&object(&[("kept", JsValue::TRUE)]));
                }
                Err(err) => {
                    let _ = reply.post_message(&object(&[("error", JsValue::from_str(&err))]));
                }
            }
        });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // Messages sent before the handler exists would be lost: say when it is in place.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
