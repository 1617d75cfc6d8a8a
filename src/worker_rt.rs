//! What the web workers (`src/bin/dx_worker.rs` for tallies, `src/bin/dx_xlsx.rs` for workbooks, `src/bin/dx_sheet.rs`
//! for the office's XLSX tables, `src/bin/dx_qr.rs` for QR codes) share: the message loop, which reads each job and posts how it ended. The messages are those of
//! `domain::province::protocol`, in the envelope of `worker_msg`.
use crate::domain::province::protocol::{Job, Reply, WorkerError};
use crate::worker_msg::{Incoming, read_job, reply};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// A worker's global scope, to which it posts its replies.
pub type Scope = web_sys::DedicatedWorkerGlobalScope;

/// Posts a reply, with its bytes if it carries any (their buffer handed over, not copied).
pub fn post(scope: &Scope, message: &Reply, bytes: Option<&[u8]>) {
    let out = reply(message, bytes);
    // Posting to the page that started the worker is not refused; the buffers are ours to hand over.
    let _ = scope.post_message_with_transfer(&out.message, &out.transfer);
}

/// The bytes of the `index`th blob beside a job, read whole: `Ok(None)` when there is no such blob or it cannot be
/// read.
///
/// # Errors
/// [`WorkerError::NoFileReader`] when the browser cannot read files in a worker.
pub fn blob_bytes(
    job: &Incoming<Job<'static>>,
    index: u32,
) -> Result<Option<Vec<u8>>, WorkerError> {
    let reader = web_sys::FileReaderSync::new().map_err(|_| WorkerError::NoFileReader)?;
    Ok(job
        .blobs()
        .get(index)
        .dyn_into::<web_sys::Blob>()
        .ok()
        .and_then(|blob| reader.read_as_array_buffer(&blob).ok())
        .map(|buf| js_sys::Uint8Array::new(&buf).to_vec()))
}

/// How a job ended.
pub enum Answer {
    /// Bytes, answered as [`Reply::Result`].
    Bytes(Vec<u8>),
    /// Kept in the worker for a later job, answered as [`Reply::Kept`].
    Kept,
}

/// Installs the message handler, which hands each job to `handle` and posts how it ended (a message that is not a
/// job is answered as an error), then posts [`Reply::Ready`].
pub fn serve(
    mut handle: impl FnMut(&Incoming<Job<'static>>, &Scope) -> Result<Answer, WorkerError> + 'static,
) {
    let scope: Scope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let onmessage =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let ended = read_job(&e.data())
                .map_err(WorkerError::from)
                .and_then(|job| handle(&job, &replies));
            match ended {
                Ok(Answer::Bytes(bytes)) => post(&replies, &Reply::Result, Some(&bytes)),
                Ok(Answer::Kept) => post(&replies, &Reply::Kept, None),
                Err(err) => post(&replies, &Reply::Error(err), None),
            }
        });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // Messages sent before the handler exists would be lost: say when it is in place.
    post(&scope, &Reply::Ready, None);
}
