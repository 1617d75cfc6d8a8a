//! Jobs for the web workers: the tally worker (`src/bin/dx_worker.rs`), started when the province page opens (see
//! [`prewarm`]), the workbook worker (`src/bin/dx_xlsx.rs`), the sheet worker (`src/bin/dx_sheet.rs`) and the QR
//! worker (`src/bin/dx_qr.rs`), started when a workbook is asked for or picked, or a QR code asked for. A tally is split over several workers, one per core (up to 4), and merged on
//! the first (`domain::parts`). The messages are those of `domain::province::protocol`, in the envelope of
//! `worker_msg`.
use crate::domain::province::join::Joined;
use crate::domain::province::parts::{ByteRange, split};
use crate::domain::province::protocol::{Job, Reply, Sides};
use crate::domain::province::tally::{Admission, EnterpriseLine, Tally};
use crate::domain::records::export::Workbook;
use crate::domain::records::reader::Refused;
use crate::js::settle;
use crate::ui::faults::WorkerFault;
use crate::worker_msg::{Beside, Incoming, Outgoing, job, read_reply};
use serde::Deserialize;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

/// Below this many bytes a tally runs on one worker: starting more would cost more than it saves.
const SPLIT_ABOVE: f64 = 4.0 * 1024.0 * 1024.0;
/// At most this many workers for one tally.
const MAX_WORKERS: usize = 4;

/// What a worker's promise is rejected with when the worker stops (its `error` event).
const STOPPED: &str = "stopped";

/// A rejected worker promise as a fault: [`STOPPED`], or the detail of a message that could not be read.
fn failed(e: JsValue) -> WorkerFault {
    match e.as_string() {
        Some(s) if s == STOPPED => WorkerFault::Stopped,
        Some(s) => WorkerFault::Garbled(s),
        None => WorkerFault::Stopped,
    }
}

/// A started worker, terminated when dropped.
struct Handle {
    worker: web_sys::Worker,
    /// Resolves once the worker has said it is ready ([`Reply::Ready`]).
    ready: js_sys::Promise,
}

/// The tally worker's loader.
const TALLY: &str = "/dx_worker_loader.js";
/// The workbook worker's loader.
const XLSX: &str = "/dx_xlsx_loader.js";
/// The QR worker's loader.
const QR: &str = "/dx_qr_loader.js";
/// The sheet worker's loader (`src/bin/dx_sheet.rs`).
const SHEET: &str = "/dx_sheet_loader.js";

impl Handle {
    fn start(url: &str) -> Result<Handle, WorkerFault> {
        let worker = web_sys::Worker::new(url).map_err(|_| WorkerFault::NotStarted)?;
        let w = worker.clone();
        let ready =
            js_sys::Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
                let not_ready = reject.clone();
                let onmessage = Closure::once_into_js(move |e: web_sys::MessageEvent| {
                    match read_reply(&e.data()).map(|m| m.header) {
                        Ok(Reply::Ready) => settle(&resolve, &JsValue::UNDEFINED),
                        Ok(_) => settle(
                            &not_ready,
                            &JsValue::from_str("the worker did not say it was ready"),
                        ),
                        Err(e) => settle(&not_ready, &JsValue::from_str(&e.to_string())),
                    }
                });
                // The worker's script did not load or failed before it was ready.
                let onerror = Closure::once_into_js(move |_: web_sys::Event| {
                    settle(&reject, &JsValue::from_str(STOPPED));
                });
                w.set_onmessage(Some(onmessage.unchecked_ref()));
                w.set_onerror(Some(onerror.unchecked_ref()));
            });
        Ok(Handle { worker, ready })
    }

    /// Sends one job once the worker is ready (handing over its buffers), forwards the replies on the way
    /// ([`Reply::Progress`], [`Reply::Figures`], [`Reply::Lines`]) to `on_update`, and resolves with the reply that
    /// ends the job ([`Reply::Result`], [`Reply::Kept`]); fails with the worker's error ([`Reply::Error`]), or when
    /// a reply cannot be read.
    fn call(
        &self,
        job: Outgoing,
        on_update: Option<Callback<Incoming<Reply>>>,
    ) -> impl Future<Output = Result<Incoming<Reply>, WorkerFault>> + use<> {
        let (worker, ready) = (self.worker.clone(), self.ready.clone());
        async move {
            JsFuture::from(ready).await.map_err(failed)?;
            let w = worker.clone();
            let promise =
                js_sys::Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
                    let on_update = on_update.clone();
                    let settled = Rc::new(Cell::new(false));
                    let s = settled.clone();
                    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                        move |e: web_sys::MessageEvent| {
                            let data = e.data();
                            match read_reply(&data) {
                                Ok(m) if !m.header.ends_job() => {
                                    if let Some(u) = &on_update {
                                        u.emit(m);
                                    }
                                }
                                // The end of the job, or a message that cannot be read: read again below.
                                _ => {
                                    if !s.replace(true) {
                                        settle(&resolve, &data);
                                    }
                                }
                            }
                        },
                    );
                    let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                        if !settled.replace(true) {
                            settle(&reject, &JsValue::from_str(STOPPED));
                        }
                    });
                    w.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
                    w.set_onerror(Some(onerror.as_ref().unchecked_ref()));
                    // One pair per job, for the worker's life: small, and freed with the page.
                    onmessage.forget();
                    onerror.forget();
                });
            worker
                .post_message_with_transfer(&job.message, &job.transfer)
                .map_err(|_| WorkerFault::Stopped)?;
            let data = JsFuture::from(promise).await.map_err(failed)?;
            let reply = read_reply(&data)?;
            match reply.header {
                Reply::Error(err) => Err(WorkerFault::Said(err)),
                _ => Ok(reply),
            }
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

thread_local! {
    /// Workers started ahead of a job, so that the job does not wait for the wasm to load and compile.
    static SPARE: RefCell<Vec<Handle>> = const { RefCell::new(Vec::new()) };
    /// The worker that merged the last tally with the office's tables, which it keeps for [`rejoin`].
    static JOINER: RefCell<Option<Handle>> = const { RefCell::new(None) };
}

/// How many workers a large tally uses: one per core, up to [`MAX_WORKERS`].
fn parallelism() -> usize {
    web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .filter(|n| n.is_finite() && *n >= 1.0)
        .map_or(1, |n| (n as usize).min(MAX_WORKERS))
}

/// Starts as many workers as a large tally would use, unless they are already waiting.
pub fn prewarm() {
    let want = parallelism();
    SPARE.with(|s| {
        let mut s = s.borrow_mut();
        while s.len() < want {
            match Handle::start(TALLY) {
                Ok(h) => s.push(h),
                Err(_) => break,
            }
        }
    });
}

/// Stops the workers started ahead, and the one keeping the last tally (when the page that wanted them closes).
pub fn release() {
    SPARE.with(|s| s.borrow_mut().clear());
    JOINER.with(|j| j.borrow_mut().take());
}

/// Joins the office's tables again to the last tally, in the worker that keeps it, without reading the results
/// again: `None` when no worker keeps one (the last tally had no tables).
///
/// # Errors
/// A [`WorkerFault`] when that worker stopped or could not join; it is then let go, and the page tallies
/// everything.
pub async fn rejoin(sides: (Sides, Vec<web_sys::Blob>)) -> Result<Option<Joined>, WorkerFault> {
    let (sides, blobs) = sides;
    let blobs: js_sys::Array = blobs.iter().collect();
    let message = job(&Job::Join { sides }, vec![Beside::Blobs(blobs)]);
    let Some(call) = JOINER.with(|j| j.borrow().as_ref().map(|h| h.call(message, None))) else {
        return Ok(None);
    };
    let joined = match call.await {
        Ok(reply) => read_json::<Joined>(&reply),
        Err(e) => Err(e),
    };
    if joined.is_err() {
        JOINER.with(|j| j.borrow_mut().take());
    }
    joined.map(Some)
}

/// A waiting tally worker, or a new one.
fn take() -> Result<Handle, WorkerFault> {
    match SPARE.with(|s| s.borrow_mut().pop()) {
        Some(h) => Ok(h),
        None => Handle::start(TALLY),
    }
}

/// Renders a workbook to XLSX bytes in the worker.
///
/// # Errors
/// A [`WorkerFault`] when the worker cannot start or the workbook cannot be rendered.
pub async fn render_xlsx(book: &Workbook) -> Result<Vec<u8>, WorkerFault> {
    let message = job(
        &Job::Xlsx {
            book: Cow::Borrowed(book),
        },
        Vec::new(),
    );
    let worker = Handle::start(XLSX)?;
    let reply = worker.call(message, None).await?;
    Ok(reply.bytes()?)
}

/// Reads the first worksheet of an XLSX file (one of the office's tables) as CSV text, in the sheet worker,
/// which loads the first time a workbook is picked. The file crosses to the worker as a `Blob`, uncopied.
///
/// # Errors
/// A [`WorkerFault`] when the worker cannot start, or says the file is not a readable workbook.
pub async fn read_sheet(file: &web_sys::Blob) -> Result<String, WorkerFault> {
    let message = job(
        &Job::ReadSheet,
        vec![Beside::Blobs(js_sys::Array::of1(file))],
    );
    let worker = Handle::start(SHEET)?;
    let bytes = worker.call(message, None).await?.bytes()?;
    String::from_utf8(bytes)
        .map_err(|_| WorkerFault::Garbled("the sheet worker sent text that is not UTF-8".into()))
}

/// The modules of the QR code of `text` (its width, and each module row by row, `true` when dark), drawn in the QR
/// worker, which loads the first time a QR code is asked for.
///
/// # Errors
/// A [`WorkerFault`] when the worker cannot start, or says the text is too long for a QR code.
pub async fn qr_code(text: &str) -> Result<(usize, Vec<bool>), WorkerFault> {
    let message = job(&Job::Qr { text: text.into() }, Vec::new());
    let worker = Handle::start(QR)?;
    let bytes = worker.call(message, None).await?.bytes()?;
    let garbled = || WorkerFault::Garbled("the QR worker sent a damaged code".into());
    let (width, modules) = bytes.split_first().ok_or_else(garbled)?;
    let width = usize::from(*width);
    if modules.len() != width * width {
        return Err(garbled());
    }
    Ok((width, modules.iter().map(|m| *m == 1).collect()))
}

/// What a tally job returns.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TallyOutcome {
    /// The figures.
    pub tally: Tally,
    /// Each refused record.
    pub rejected: Vec<Refused>,
    /// What each valid record of the watched file did, in order.
    #[serde(default)]
    pub watched: Vec<Admission>,
    /// The office's tables set beside the results, when the job had any.
    #[serde(default)]
    pub joined: Option<Joined>,
}

/// A tally's parts as the page keeps them on the device between visits: the bytes of each worker's part
/// (`parts::encode`), in input order, each as a `Blob` (IndexedDB keeps a `Blob` on disk and reads it only when
/// asked).
pub type KeptParts = Vec<web_sys::Blob>;

/// What a tally job returns once the figures have gone to `on_figures`.
pub struct Tallied {
    /// The enterprise list.
    pub lines: Vec<EnterpriseLine>,
    /// The parts read from the files, to keep for the next visit (`None` when the tally merged kept parts).
    pub parts: Option<KeptParts>,
}

/// Checks and tallies files (name, contents) in workers, which read them themselves, reporting (bytes read, bytes
/// in all) as they go; with `watch`, the figures also say what each record of that file did. Handing over a `Blob`
/// copies nothing: the page's thread never holds the files' text. With `kept`, the parts kept from an earlier
/// visit to the same files are merged instead, and the files are not read. The figures (with an empty enterprise
/// list) go to `on_figures` as soon as they are known; the enterprise list, which comes in parts each read in a
/// task of its own, is returned.
///
/// # Errors
/// A [`WorkerFault`] when a worker cannot start, stops, or says why it could not do its part (kept parts that
/// cannot be read or merged included: the page then forgets them and reads the files).
pub async fn tally(
    files: &[(String, web_sys::Blob)],
    (target, watch): (u32, Option<usize>),
    sides: (Sides, Vec<web_sys::Blob>),
    kept: Option<KeptParts>,
    on_progress: Callback<(f64, f64)>,
    on_figures: Callback<Result<TallyOutcome, WorkerFault>>,
) -> Result<Tallied, WorkerFault> {
    // A new tally: the worker that kept the last one is let go.
    JOINER.with(|j| j.borrow_mut().take());
    let (first, parts, fresh) = match kept {
        Some(kept) => (take()?, read_kept(&kept).await?, None),
        None => {
            let (first, parts, fresh) = read_parts(files, on_progress).await?;
            (first, parts, Some(fresh))
        }
    };
    let lines = merge(&first, parts, (target, watch), sides, on_figures).await?;
    // The merging worker keeps the tally for the joins that may follow: the office's tables picked after the
    // results are joined to it without reading the results again.
    JOINER.with(|j| *j.borrow_mut() = Some(first));
    Ok(Tallied {
        lines,
        parts: fresh,
    })
}

/// The kept parts' bytes, ready to hand to the merging worker.
async fn read_kept(kept: &[web_sys::Blob]) -> Result<js_sys::Array, WorkerFault> {
    let parts = js_sys::Array::new();
    for blob in kept {
        let buffer = JsFuture::from(blob.array_buffer()).await.map_err(|_| {
            WorkerFault::Garbled("the tally kept on this device cannot be read".into())
        })?;
        parts.push(&js_sys::Uint8Array::new(&buffer));
    }
    Ok(parts)
}

/// Reads and prepares the files on one worker per core (one for small inputs): the first worker, which keeps its
/// own part for the merge; the other workers' parts, to hand to it; and every part's bytes as a `Blob`, to keep.
async fn read_parts(
    files: &[(String, web_sys::Blob)],
    on_progress: Callback<(f64, f64)>,
) -> Result<(Handle, js_sys::Array, KeptParts), WorkerFault> {
    let names = js_sys::Array::new();
    let blobs = js_sys::Array::new();
    for (n, b) in files {
        names.push(&JsValue::from_str(n));
        blobs.push(b);
    }
    let sizes: Vec<(&str, u64)> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.size() as u64))
        .collect();
    let total = sizes.iter().map(|s| s.1).sum::<u64>() as f64;
    let workers = if total > SPLIT_ABOVE {
        parallelism()
    } else {
        1
    };
    let plan: Vec<Vec<ByteRange>> = split(&sizes, workers);
    let handles: Vec<Handle> = plan.iter().map(|_| take()).collect::<Result<_, _>>()?;
    let read = Rc::new(RefCell::new(vec![0.0; plan.len()]));
    let mut calls = Vec::with_capacity(plan.len());
    // A part's fault, kept here: a promise's rejection can only carry a JS value.
    let fault: Rc<RefCell<Option<WorkerFault>>> = Rc::default();
    for (i, (handle, ranges)) in handles.iter().zip(plan).enumerate() {
        let (read, on_progress) = (read.clone(), on_progress.clone());
        let progress = Callback::from(move |m: Incoming<Reply>| {
            let Reply::Progress { done, .. } = m.header else {
                return;
            };
            let sum = {
                let mut r = read.borrow_mut();
                if let Some(x) = r.get_mut(i) {
                    *x = done as f64;
                }
                r.iter().sum::<f64>()
            };
            on_progress.emit((sum, total));
        });
        // The first part stays on the first worker, which merges the others into it; its bytes come too, to keep.
        let keep = i == 0;
        let message = job(
            &Job::Part {
                ranges,
                keep,
                echo: keep,
            },
            vec![Beside::Names(names.clone()), Beside::Blobs(blobs.clone())],
        );
        // Started now, all at once; awaited below.
        let call = handle.call(message, Some(progress));
        let fault = fault.clone();
        calls.push(wasm_bindgen_futures::future_to_promise(async move {
            let answered = match call.await {
                Ok(reply) => match &reply.header {
                    Reply::Result => reply.buffer().map(JsValue::from).map_err(WorkerFault::from),
                    _ => Err(WorkerFault::Garbled(
                        "a worker answered its part out of turn".into(),
                    )),
                },
                Err(f) => Err(f),
            };
            answered.map_err(|f| {
                *fault.borrow_mut() = Some(f);
                JsValue::UNDEFINED
            })
        }));
    }
    // The others' parts are handed to the first worker, in order; a copy of every part is kept.
    let parts = js_sys::Array::new();
    let mut kept = Vec::with_capacity(calls.len());
    for (i, call) in calls.into_iter().enumerate() {
        let bytes = JsFuture::from(call)
            .await
            .map_err(|e| fault.borrow_mut().take().unwrap_or_else(|| failed(e)))?;
        let copy = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes))
            .map_err(|_| WorkerFault::Garbled("a worker's part could not be kept".into()))?;
        kept.push(copy);
        if i > 0 {
            parts.push(&bytes);
        }
    }
    let first = handles
        .into_iter()
        .next()
        .ok_or_else(|| WorkerFault::Garbled("nothing to tally".into()))?;
    Ok((first, parts, kept))
}

/// Merges the parts on `first` (its own kept part, then `parts`, in order): the figures go to `on_figures`, the
/// enterprise list is returned.
async fn merge(
    first: &Handle,
    parts: js_sys::Array,
    (target, watch): (u32, Option<usize>),
    sides: (Sides, Vec<web_sys::Blob>),
    on_figures: Callback<Result<TallyOutcome, WorkerFault>>,
) -> Result<Vec<EnterpriseLine>, WorkerFault> {
    let list: Rc<RefCell<Result<Vec<EnterpriseLine>, WorkerFault>>> =
        Rc::new(RefCell::new(Ok(Vec::new())));
    let figures = {
        let list = list.clone();
        Callback::from(move |m: Incoming<Reply>| match m.header {
            Reply::Figures => on_figures.emit(read_json(&m)),
            Reply::Lines => {
                let mut list = list.borrow_mut();
                if let Ok(lines) = list.as_mut() {
                    match read_json::<Vec<EnterpriseLine>>(&m) {
                        Ok(more) => lines.extend(more),
                        Err(e) => *list = Err(e),
                    }
                }
            }
            _ => {}
        })
    };
    let watch = watch
        .map(u32::try_from)
        .transpose()
        .map_err(|_| WorkerFault::Garbled("too many files to follow one of them".into()))?;
    let (sides, side_blobs) = sides;
    let side_blobs: js_sys::Array = side_blobs.iter().collect();
    let message = job(
        &Job::Merge {
            target,
            watch,
            sides,
        },
        vec![Beside::Parts(parts), Beside::Blobs(side_blobs)],
    );
    let reply = first.call(message, Some(figures)).await?;
    let sent: usize = read_json(&reply)?;
    let lines = list.replace(Ok(Vec::new()))?;
    if lines.len() == sent {
        Ok(lines)
    } else {
        Err(WorkerFault::Garbled(
            "the enterprise list arrived incomplete".into(),
        ))
    }
}

/// Reads the JSON bytes a reply carries through `from_str`, as everything else in the app does: `from_slice` would
/// compile every deserializer a second time into the wasm.
fn read_json<T: serde::de::DeserializeOwned>(reply: &Incoming<Reply>) -> Result<T, WorkerFault> {
    let bytes = reply.bytes()?;
    let garbled = |e: &dyn std::fmt::Display| WorkerFault::Garbled(e.to_string());
    let text = std::str::from_utf8(&bytes).map_err(|e| garbled(&e))?;
    serde_json::from_str(text).map_err(|e| garbled(&e))
}
