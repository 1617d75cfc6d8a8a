//! The web worker: heavy jobs off the main thread, in a wasm module loaded only when a job is asked for.
//!
//! Protocol. The worker first posts "ready". Then the page posts one job, a JS object:
//! - `{ job: "xlsx", book: "<JSON of domain::export::Workbook>" }` → the worker answers with the file's bytes
//!   (`Uint8Array`);
//! - `{ job: "tally", target: 1000, names: [..], texts: [..] }` → the worker posts `{ progress, total }` (bytes read)
//!   as it goes, then `{ result: "<JSON of { tally, rejected }>" }`.
//!
//! Any failure is answered with `{ error: "<message>" }`.

#[cfg(target_arch = "wasm32")]
mod worker {
    use dx_check::domain::catalog::Catalog;
    use dx_check::domain::export::{Cell, Workbook};
    use dx_check::domain::questionnaire::Questionnaire;
    use dx_check::domain::records::{RecordError, Rejected, RejectedCode, read_file_into};
    use dx_check::domain::result_file::ResultFile;
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

    fn strings(v: &JsValue) -> Vec<String> {
        js_sys::Array::from(v)
            .iter()
            .map(|x| x.as_string().unwrap_or_default())
            .collect()
    }

    fn tally(data: &JsValue, post: &dyn Fn(JsValue)) -> Result<String, String> {
        let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
        let qs: Vec<&Questionnaire> = catalog.questionnaires.iter().map(|q| q.as_ref()).collect();
        let target = field(data, "target").as_f64().unwrap_or(1000.0) as u32;
        let (names, texts) = (
            strings(&field(data, "names")),
            strings(&field(data, "texts")),
        );
        let total: usize = texts.iter().map(String::len).sum();
        let ctx = TallyContext {
            questionnaires: &qs,
            sizes: &catalog.size_rules,
            programmes: &catalog.programmes,
            target,
        };
        let mut builder = TallyBuilder::new(&ctx);
        let mut rejected: Vec<Rejected> = Vec::new();
        let mut done = 0usize;
        let progress = |n: usize| {
            post(object(&[
                ("progress", JsValue::from_f64(n as f64)),
                ("total", JsValue::from_f64(total as f64)),
            ]))
        };
        for (name, text) in names.iter().zip(&texts) {
            let lower = name.to_lowercase();
            if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
                for (i, line) in text.lines().enumerate() {
                    done += line.len() + 1;
                    let line = line.trim();
                    if line.is_empty() {
                        continue;
                    }
                    match ResultFile::parse_scored(line, &qs) {
                        Ok((r, q, a)) => builder.add(&r, q, &a),
                        Err(e) => rejected.push(Rejected {
                            file: name.clone(),
                            position: i + 1,
                            reason: RecordError::Record(e),
                        }),
                    }
                    if i % 5000 == 4999 {
                        progress(done);
                    }
                }
            } else {
                rejected.extend(read_file_into(name, text, &qs, &mut |r, q, a| {
                    builder.add(r, q, a)
                }));
                done += text.len();
            }
            progress(done);
        }
        let out = serde_json::json!({
            "tally": builder.finish(),
            "rejected": rejected.iter().map(RejectedCode::from).collect::<Vec<_>>(),
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
