//! The web worker: heavy jobs off the main thread, in a wasm module loaded only when a job is asked for.
//!
//! Protocol. The worker first posts "ready". Then the page posts jobs, one at a time, as JS objects:
//! - `{ job: "xlsx", book: "<JSON of domain::export::Workbook>" }` → the worker answers `{ result: <bytes> }`, the
//!   file;
//! - `{ job: "part", names: [..], blobs: [..], ranges: "<JSON of [domain::parts::ByteRange]>", keep }` → the worker
//!   reads its byte ranges of the files itself (JSON Lines in slices, so a file of any size streams), checks and
//!   prepares every record, posts `{ progress, total }` (bytes read) as it goes, then either keeps the result for
//!   a merge on this worker (`keep: true`, answered `{ kept: true }`) or answers `{ result: <bytes> }`, its
//!   `[domain::parts::RangeResult]` encoded by `domain::parts::encode`;
//! - `{ job: "merge", target: 1000, parts: [<bytes>..] }` → the kept part and the parts sent, in order, merged:
//!   first `{ figures: <bytes> }`, the JSON of `{ tally, rejected }` without the enterprise list, so that the
//!   dashboard shows as soon as it can, then `{ result: <bytes> }`, the JSON of the list.
//!
//! Several workers each take a part of one tally (see `domain::parts`); the first also merges. Bytes are handed
//! over (transferred), never copied between threads. Any failure is answered with `{ error: "<message>" }`.

#[cfg(target_arch = "wasm32")]
mod worker {
    use dx_check::domain::catalog::Catalog;
    use dx_check::domain::export::{Cell, Workbook};
    use dx_check::domain::parts::{
        ByteRange, RangeResult, decode, encode, merge_figures, read_range,
    };
    use dx_check::domain::questionnaire::Questionnaire;
    use dx_check::domain::records::unreadable;
    use dx_check::domain::tally::TallyContext;
    use rust_xlsxwriter::{Format, Workbook as Xlsx, XlsxError};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    fn render(book: &Workbook) -> Result<Vec<u8>, XlsxError> {
        let mut x = Xlsx::new();
        let bold = Format::new().set_bold();
        for sheet in &book.sheets {
            let ws = x.add_worksheet();
            let name: String = sheet
                .name
                .chars()
                .filter(|c| !"[]:*?/\\".contains(*c))
                .take(31)
                .collect();
            ws.set_name(if name.is_empty() { "sheet" } else { &name })?;
            for (c, title) in sheet.columns.iter().enumerate() {
                ws.write_string_with_format(0, u16::try_from(c).unwrap_or(u16::MAX), title, &bold)?;
            }
            for (r, row) in sheet.rows.iter().enumerate() {
                let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
                for (c, cell) in row.iter().enumerate() {
                    let c = u16::try_from(c).unwrap_or(u16::MAX);
                    match cell {
                        Cell::Number(n) => ws.write_number(r, c, *n)?,
                        Cell::Text(t) => ws.write_string(r, c, t)?,
                    };
                }
            }
            ws.set_freeze_panes(1, 0)?;
            ws.autofit();
        }
        x.save_to_buffer()
    }

    fn object(pairs: &[(&str, JsValue)]) -> JsValue {
        let o = js_sys::Object::new();
        for (k, v) in pairs {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
        }
        o.into()
    }

    fn field(data: &JsValue, key: &str) -> JsValue {
        js_sys::Reflect::get(data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// How much of a JSON Lines file is read at a time.
    const SLICE: u64 = 8 * 1024 * 1024;

    /// Appends bytes `start..end` of a blob to `out`, copied once, straight into place.
    fn read(
        reader: &web_sys::FileReaderSync,
        blob: &web_sys::Blob,
        start: u64,
        end: u64,
        out: &mut Vec<u8>,
    ) -> bool {
        let Some(buf) = blob
            .slice_with_f64_and_f64(start as f64, end as f64)
            .ok()
            .and_then(|part| reader.read_as_array_buffer(&part).ok())
        else {
            return false;
        };
        let arr = js_sys::Uint8Array::new(&buf);
        let old = out.len();
        out.resize(old + arr.length() as usize, 0);
        arr.copy_to(&mut out[old..]);
        true
    }

    /// The built-in data, parsed once per worker and kept for its life.
    fn catalog() -> Result<&'static Catalog, String> {
        thread_local! {
            static CATALOG: std::cell::OnceCell<&'static Catalog> = const { std::cell::OnceCell::new() };
        }
        CATALOG.with(|c| {
            if let Some(c) = c.get() {
                return Ok(*c);
            }
            let built: &'static Catalog =
                Box::leak(Box::new(Catalog::builtin().map_err(|e| e.to_string())?));
            Ok(*c.get_or_init(|| built))
        })
    }

    fn context(target: u32) -> Result<TallyContext<'static>, String> {
        let catalog = catalog()?;
        let qs: &'static [&'static Questionnaire] =
            Box::leak(catalog.questionnaires.iter().map(|q| q.as_ref()).collect());
        Ok(TallyContext {
            questionnaires: qs,
            sizes: &catalog.size_rules,
            programmes: &catalog.programmes,
            target,
        })
    }

    thread_local! {
        /// The first part's ranges, kept here for the merge that follows on the same worker.
        static KEPT: std::cell::RefCell<Vec<RangeResult>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    /// Reads and prepares the ranges of one part. With `keep`, the result stays here for the merge job; else its
    /// encoding is answered.
    fn part(data: &JsValue, post: &dyn Fn(JsValue)) -> Result<Option<Vec<u8>>, String> {
        let ctx = context(0)?;
        let names = js_sys::Array::from(&field(data, "names"));
        let blobs = js_sys::Array::from(&field(data, "blobs"));
        let ranges: Vec<ByteRange> = field(data, "ranges")
            .as_string()
            .and_then(|r| serde_json::from_str(&r).ok())
            .ok_or_else(|| "no ranges".to_string())?;
        let reader = web_sys::FileReaderSync::new().map_err(|_| "no FileReaderSync".to_string())?;
        let total: u64 = ranges.iter().map(|r| r.end - r.start).sum();
        let mut done = 0u64;
        let mut results = Vec::with_capacity(ranges.len());
        for range in ranges {
            let index = u32::try_from(range.file).unwrap_or(u32::MAX);
            let name = names.get(index).as_string().unwrap_or_default();
            let blob = blobs.get(index).dyn_into::<web_sys::Blob>().ok();
            let size = blob.as_ref().map_or(0, |b| b.size() as u64);
            let mut read_bytes = |a: u64, b: u64, out: &mut Vec<u8>| {
                blob.as_ref()
                    .is_some_and(|blob| read(&reader, blob, a, b, out))
            };
            let mut progress = |n: u64| {
                post(object(&[
                    ("progress", JsValue::from_f64((done + n) as f64)),
                    ("total", JsValue::from_f64(total as f64)),
                ]))
            };
            let r = match blob {
                Some(_) => read_range(
                    &ctx,
                    &name,
                    size,
                    range,
                    SLICE,
                    &mut read_bytes,
                    &mut progress,
                ),
                None => RangeResult {
                    file: range.file,
                    lines: 0,
                    rejected: vec![unreadable(&name)],
                    prepared: Vec::new(),
                },
            };
            results.push(r);
            done += range.end - range.start;
        }
        if field(data, "keep").as_bool().unwrap_or(false) {
            KEPT.with(|k| *k.borrow_mut() = results);
            return Ok(None);
        }
        let bytes = encode(&results);
        // The worker ends after this job: freeing every record one by one would only cost time.
        std::mem::forget(results);
        Ok(Some(bytes))
    }

    /// Merges the kept part and the parts sent (encoded), in order: posts `{ figures }`, the JSON of
    /// `{ tally, rejected }` without the enterprise list, as soon as the figures are known, then answers the list.
    fn merge(
        data: &JsValue,
        reply: &web_sys::DedicatedWorkerGlobalScope,
    ) -> Result<Vec<u8>, String> {
        let ctx = context(field(data, "target").as_f64().unwrap_or(1000.0) as u32)?;
        let mut ranges = KEPT.with(|k| std::mem::take(&mut *k.borrow_mut()));
        for p in js_sys::Array::from(&field(data, "parts")).iter() {
            let bytes = js_sys::Uint8Array::new(&p).to_vec();
            let more = decode(&bytes)?;
            ranges.extend(more);
        }
        let (tally, lines, rejected) = merge_figures(&ctx, ranges);
        let figures =
            serde_json::to_vec(&serde_json::json!({ "tally": &tally, "rejected": &rejected }))
                .map_err(|e| e.to_string())?;
        let arr = js_sys::Uint8Array::from(figures.as_slice());
        let _ = reply.post_message_with_transfer(
            &object(&[("figures", arr.clone().into())]),
            &js_sys::Array::of1(&arr.buffer()),
        );
        let lines = lines.build();
        let bytes = serde_json::to_vec(&lines).map_err(|e| e.to_string())?;
        // The worker ends after this job: freeing every line one by one would only cost time.
        std::mem::forget(lines);
        Ok(bytes)
    }

    /// Bytes as a message `{ result }` whose buffer is handed over, not copied.
    fn answer_bytes(bytes: &[u8]) -> (JsValue, js_sys::Array) {
        let arr = js_sys::Uint8Array::from(bytes);
        (
            object(&[("result", arr.clone().into())]),
            js_sys::Array::of1(&arr.buffer()),
        )
    }

    /// Installs the message handler and says it is ready.
    pub fn start() {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply = scope.clone();
        let onmessage =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                let post = |v: JsValue| {
                    let _ = reply.post_message(&v);
                };
                let error = |m: String| object(&[("error", JsValue::from_str(&m))]);
                let answer = match field(&data, "job").as_string().as_deref() {
                    Some("xlsx") => match field(&data, "book")
                        .as_string()
                        .map(|s| serde_json::from_str::<Workbook>(&s))
                    {
                        Some(Ok(book)) => match render(&book) {
                            Ok(bytes) => {
                                let (msg, transfer) = answer_bytes(&bytes);
                                let _ = reply.post_message_with_transfer(&msg, &transfer);
                                return;
                            }
                            Err(err) => error(err.to_string()),
                        },
                        Some(Err(err)) => error(err.to_string()),
                        None => error("no workbook".into()),
                    },
                    Some("part") => match part(&data, &post) {
                        Ok(Some(bytes)) => {
                            let (msg, transfer) = answer_bytes(&bytes);
                            let _ = reply.post_message_with_transfer(&msg, &transfer);
                            return;
                        }
                        Ok(None) => object(&[("kept", JsValue::TRUE)]),
                        Err(err) => error(err),
                    },
                    Some("merge") => match merge(&data, &reply) {
                        Ok(bytes) => {
                            let (msg, transfer) = answer_bytes(&bytes);
                            let _ = reply.post_message_with_transfer(&msg, &transfer);
                            return;
                        }
                        Err(err) => error(err),
                    },
                    _ => error("unknown job".into()),
                };
                post(answer);
            });
        scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        // The built-in data, read now rather than when the first job comes (a worker started ahead of a tally does it
        // while the person picks files); a failure is reported by that job.
        let _ = catalog();
        // Messages sent before the handler exists would be lost: say when it is in place.
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
