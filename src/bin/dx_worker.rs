//! The web worker: heavy jobs off the main thread, in a wasm module loaded only when a job is asked for.
//!
//! Protocol. The worker first posts "ready". Then the page posts one job, a JS object:
//! - `{ job: "xlsx", book: "<JSON of domain::export::Workbook>" }` → the worker answers with the file's bytes
//!   (`Uint8Array`);
//! - `{ job: "tally", target: 1000, names: [..], blobs: [..] }` → the worker reads each file itself (JSON Lines in
//!   slices, so a file of any size streams), posts `{ progress, total }` (bytes read) as it goes, then
//!   `{ result: "<JSON of { tally, rejected }>" }`.
//!
//! Any failure is answered with `{ error: "<message>" }`.

#[cfg(target_arch = "wasm32")]
mod worker {
    use dx_check::domain::catalog::Catalog;
    use dx_check::domain::export::{Cell, Workbook};
    use dx_check::domain::questionnaire::Questionnaire;
    use dx_check::domain::records::{
        RecordError, Rejected, RejectedCode, is_jsonl, read_file_into, read_jsonl_chunk,
    };
    use dx_check::domain::result_file::ImportError;
    use dx_check::domain::tally::{TallyBuilder, TallyContext};
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
    const SLICE: f64 = 8.0 * 1024.0 * 1024.0;

    /// Bytes `start..end` of a blob.
    fn read(
        reader: &web_sys::FileReaderSync,
        blob: &web_sys::Blob,
        start: f64,
        end: f64,
    ) -> Option<Vec<u8>> {
        let part = blob.slice_with_f64_and_f64(start, end).ok()?;
        let buf = reader.read_as_array_buffer(&part).ok()?;
        Some(js_sys::Uint8Array::new(&buf).to_vec())
    }

    fn refuse(name: &str, position: usize, detail: &str) -> Rejected {
        Rejected {
            file: name.to_string(),
            position,
            reason: RecordError::Record(ImportError::NotJson(detail.to_string())),
        }
    }

    fn unreadable(name: &str) -> RejectedCode {
        RejectedCode {
            file: name.to_string(),
            position: 0,
            code: "unreadable".into(),
            detail: String::new(),
        }
    }

    fn tally(data: &JsValue, post: &dyn Fn(JsValue)) -> Result<String, String> {
        let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
        let qs: Vec<&Questionnaire> = catalog.questionnaires.iter().map(|q| q.as_ref()).collect();
        let target = field(data, "target").as_f64().unwrap_or(1000.0) as u32;
        let names: Vec<String> = js_sys::Array::from(&field(data, "names"))
            .iter()
            .map(|x| x.as_string().unwrap_or_default())
            .collect();
        let blobs: Vec<Option<web_sys::Blob>> = js_sys::Array::from(&field(data, "blobs"))
            .iter()
            .map(|b| b.dyn_into::<web_sys::Blob>().ok())
            .collect();
        let reader = web_sys::FileReaderSync::new().map_err(|_| "no FileReaderSync".to_string())?;
        let total: f64 = blobs.iter().flatten().map(web_sys::Blob::size).sum();
        let ctx = TallyContext {
            questionnaires: &qs,
            sizes: &catalog.size_rules,
            programmes: &catalog.programmes,
            target,
        };
        let mut builder = TallyBuilder::new(&ctx);
        let mut rejected: Vec<Rejected> = Vec::new();
        let mut unread: Vec<RejectedCode> = Vec::new();
        let mut done = 0.0;
        let progress = |n: f64| {
            post(object(&[
                ("progress", JsValue::from_f64(n)),
                ("total", JsValue::from_f64(total)),
            ]))
        };
        for (name, blob) in names.iter().zip(&blobs) {
            let Some(blob) = blob else {
                unread.push(unreadable(name));
                continue;
            };
            let size = blob.size();
            if is_jsonl(name) {
                // Slice by slice; each chunk handed on ends at a line end, the rest waits for the next slice.
                let (mut start, mut line, mut carry) = (0.0, 1usize, Vec::new());
                while start < size {
                    let end = (start + SLICE).min(size);
                    let Some(bytes) = read(&reader, blob, start, end) else {
                        unread.push(unreadable(name));
                        break;
                    };
                    carry.extend_from_slice(&bytes);
                    if start == 0.0 && carry.starts_with(b"\xEF\xBB\xBF") {
                        carry.drain(..3);
                    }
                    start = end;
                    let cut = if start >= size {
                        carry.len()
                    } else {
                        match carry.iter().rposition(|b| *b == b'\n') {
                            Some(i) => i + 1,
                            None => continue,
                        }
                    };
                    let chunk: Vec<u8> = carry.drain(..cut).collect();
                    rejected.extend(read_jsonl_chunk(name, line, &chunk, &qs, &mut |r, q, a| {
                        builder.add(r, q, a)
                    }));
                    line += chunk.iter().filter(|b| **b == b'\n').count();
                    progress(done + start);
                }
            } else {
                match read(&reader, blob, 0.0, size).map(String::from_utf8) {
                    None => unread.push(unreadable(name)),
                    Some(Err(_)) => rejected.push(refuse(name, 0, "the file is not UTF-8 text")),
                    Some(Ok(text)) => {
                        rejected.extend(read_file_into(name, &text, &qs, &mut |r, q, a| {
                            builder.add(r, q, a)
                        }))
                    }
                }
            }
            done += size;
            progress(done);
        }
        let mut codes: Vec<RejectedCode> = rejected.iter().map(RejectedCode::from).collect();
        codes.extend(unread);
        let out = serde_json::json!({
            "tally": builder.finish(),
            "rejected": codes,
        });
        serde_json::to_string(&out).map_err(|e| e.to_string())
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
                            Ok(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
                            Err(err) => error(err.to_string()),
                        },
                        Some(Err(err)) => error(err.to_string()),
                        None => error("no workbook".into()),
                    },
                    Some("tally") => match tally(&data, &post) {
                        Ok(json) => object(&[("result", JsValue::from_str(&json))]),
                        Err(err) => error(err),
                    },
                    _ => error("unknown job".into()),
                };
                post(answer);
            });
        scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        // Messages sent before the handler exists would be lost: say when it is in place.
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
