//! The envelope of the messages between the app and its web workers, used by both sides (the page's in
//! `ui::services::worker`, the workers' in `worker_rt`): what a message is, a `Job` or a `Reply` of
//! `domain::province::protocol`, travels as its JSON header, and the JS values serde could not carry without
//! copying them ride beside it.
//!
//! A message is the JS object `{ h, names?, blobs?, parts?, bytes? }`:
//! - `h`: the header, the JSON text of a job or a reply;
//! - `names`, `blobs`: the files' names and their `Blob`s, in input order (a part job);
//! - `parts`: `Uint8Array`s, the other workers' parts (a merge job);
//! - `bytes`: one `Uint8Array`, what a reply carries.
//!
//! The buffers of `parts` and `bytes` are handed over (transferred) with the message, never copied.
use crate::domain::province::protocol::{Job, ProtocolError, Reply};
use crate::js::{field, object};
use wasm_bindgen::{JsCast, JsValue};

/// The field holding the header.
const HEADER: &str = "h";
/// The field holding the files' names.
const NAMES: &str = "names";
/// The field holding the files.
const BLOBS: &str = "blobs";
/// The field holding the parts.
const PARTS: &str = "parts";
/// The field holding a reply's bytes.
const BYTES: &str = "bytes";

/// A JS value that rides beside a header, in a field of its own.
pub enum Beside {
    /// The files' names, an array of strings ([`Job::Part`]).
    Names(js_sys::Array),
    /// The files, an array of `Blob`s ([`Job::Part`]): a `Blob` crosses threads without its bytes.
    Blobs(js_sys::Array),
    /// The other workers' parts, an array of `Uint8Array`s ([`Job::Merge`]); their buffers are handed over.
    Parts(js_sys::Array),
    /// A reply's bytes; their buffer is handed over.
    Bytes(js_sys::Uint8Array),
}

/// A message ready to post.
pub struct Outgoing {
    /// The JS object, `{ h, .. }`.
    pub message: JsValue,
    /// The buffers to hand over with it (those of [`Beside::Parts`] and [`Beside::Bytes`]).
    pub transfer: js_sys::Array,
}

/// Puts a header and the values beside it in one message, listing the buffers to hand over.
fn pack(header: String, beside: Vec<Beside>) -> Outgoing {
    let transfer = js_sys::Array::new();
    let mut pairs = Vec::with_capacity(1 + beside.len());
    pairs.push((HEADER, JsValue::from(header)));
    for b in beside {
        pairs.push(match b {
            Beside::Names(names) => (NAMES, names.into()),
            Beside::Blobs(blobs) => (BLOBS, blobs.into()),
            Beside::Parts(parts) => {
                for p in parts.iter() {
                    if let Some(p) = p.dyn_ref::<js_sys::Uint8Array>() {
                        transfer.push(&p.buffer());
                    }
                }
                (PARTS, parts.into())
            }
            Beside::Bytes(bytes) => {
                transfer.push(&bytes.buffer());
                (BYTES, bytes.into())
            }
        });
    }
    Outgoing {
        message: object(&pairs),
        transfer,
    }
}

/// A job as a message, with the values beside it.
pub fn job(job: &Job<'_>, beside: Vec<Beside>) -> Outgoing {
    pack(job.header(), beside)
}

/// A reply as a message, with its bytes if it carries any (copied once out of the wasm's memory, then handed
/// over).
pub fn reply(reply: &Reply, bytes: Option<&[u8]>) -> Outgoing {
    let beside = bytes
        .map(|b| vec![Beside::Bytes(js_sys::Uint8Array::from(b))])
        .unwrap_or_default();
    pack(reply.header(), beside)
}

/// A message received: its header read, the values beside it still in JS.
pub struct Incoming<H> {
    /// What the message is.
    pub header: H,
    /// The message, for the values beside the header.
    data: JsValue,
}

/// Reads the header of a message with `from_header`.
fn read<H>(
    data: &JsValue,
    from_header: fn(&str) -> Result<H, ProtocolError>,
) -> Result<Incoming<H>, ProtocolError> {
    let text = field(data, HEADER)
        .as_string()
        .ok_or(ProtocolError::NoHeader)?;
    Ok(Incoming {
        header: from_header(&text)?,
        data: data.clone(),
    })
}

/// A job received by a worker.
///
/// # Errors
/// [`ProtocolError::NoHeader`] or [`ProtocolError::Malformed`] when the message is not a job.
pub fn read_job(data: &JsValue) -> Result<Incoming<Job<'static>>, ProtocolError> {
    read(data, Job::from_header)
}

/// A reply received by the page.
///
/// # Errors
/// [`ProtocolError::NoHeader`] or [`ProtocolError::Malformed`] when the message is not a reply.
pub fn read_reply(data: &JsValue) -> Result<Incoming<Reply>, ProtocolError> {
    read(data, Reply::from_header)
}

impl<H> Incoming<H> {
    /// An array beside the header, or an empty one.
    fn array(&self, key: &str) -> js_sys::Array {
        field(&self.data, key)
            .dyn_into()
            .unwrap_or_else(|_| js_sys::Array::new())
    }
}

impl Incoming<Job<'static>> {
    /// The files' names beside a [`Job::Part`] (empty when there are none).
    pub fn names(&self) -> js_sys::Array {
        self.array(NAMES)
    }

    /// The files beside a [`Job::Part`] (empty when there are none).
    pub fn blobs(&self) -> js_sys::Array {
        self.array(BLOBS)
    }

    /// The parts beside a [`Job::Merge`] (empty when there are none).
    pub fn parts(&self) -> js_sys::Array {
        self.array(PARTS)
    }
}

impl Incoming<Reply> {
    /// The bytes the reply carries, still in JS (to pass on without copying them).
    ///
    /// # Errors
    /// [`ProtocolError::NoBytes`] when the message has none.
    pub fn buffer(&self) -> Result<js_sys::Uint8Array, ProtocolError> {
        field(&self.data, BYTES)
            .dyn_into()
            .map_err(|_| ProtocolError::NoBytes {
                header: self.header.header(),
            })
    }

    /// The bytes the reply carries, copied into the wasm's memory.
    ///
    /// # Errors
    /// [`ProtocolError::NoBytes`] when the message has none.
    pub fn bytes(&self) -> Result<Vec<u8>, ProtocolError> {
        self.buffer().map(|b| b.to_vec())
    }
}
