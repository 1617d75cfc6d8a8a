//! The web worker: renders XLSX workbooks off the main thread, in a wasm module loaded only when someone exports.
//! Protocol: the worker says "ready"; the page posts a JSON `domain::export::Workbook`; the worker answers with the
//! file's bytes (`Uint8Array`), or with a string naming the error.

#[cfg(target_arch = "wasm32")]
mod worker {
    use dx_check::domain::export::{Cell, Workbook};
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
                .filter(|c| !"[]:*?/\\\\".contains(*c))
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

    /// Installs the message handler.
    pub fn start() {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply = scope.clone();
        let onmessage =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let answer: JsValue = match e
                    .data()
                    .as_string()
                    .map(|s| serde_json::from_str::<Workbook>(&s))
                {
                    Some(Ok(book)) => match render(&book) {
                        Ok(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
                        Err(err) => JsValue::from_str(&err.to_string()),
                    },
                    Some(Err(err)) => JsValue::from_str(&err.to_string()),
                    None => JsValue::from_str("the request is not text"),
                };
                let _ = reply.post_message(&answer);
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
