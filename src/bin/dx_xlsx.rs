//! The workbook worker: renders an XLSX file off the main thread, in a wasm module loaded only when a workbook is
//! asked for (kept apart from the tally worker, which then loads and starts in about half the time).
//!
//! It does the job `Xlsx` of `dx_check::domain::province::protocol`, which describes it.

#[cfg(target_arch = "wasm32")]
mod worker {
    use dx_check::domain::province::protocol::{Job, ProtocolError, WorkerError};
    use dx_check::domain::records::export::{Cell, Workbook};
    use dx_check::worker_rt::{Answer, serve};
    use rust_xlsxwriter::{Format, Workbook as Xlsx, XlsxError};

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

    /// Installs the message handler and says it is ready.
    pub fn start() {
        serve(|job, _| match &job.header {
            Job::Xlsx { book } => {
                render(book)
                    .map(Answer::Bytes)
                    .map_err(|e| WorkerError::Workbook {
                        detail: e.to_string(),
                    })
            }
            _ => Err(ProtocolError::WrongWorker { worker: "workbook" }.into()),
        });
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
