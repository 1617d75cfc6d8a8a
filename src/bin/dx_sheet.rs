//! The sheet worker: reads the first worksheet of one of the office's XLSX tables (the registry, the support
//! register) into CSV text, off the main thread, in a wasm module loaded only when a workbook is picked.
//!
//! It does the job `ReadSheet` of `dx_check::domain::province::protocol`, which describes it.

#[cfg(target_arch = "wasm32")]
mod worker {
    use dx_check::domain::province::protocol::{Job, ProtocolError, WorkerError};
    use dx_check::domain::province::workbook::first_sheet_csv;
    use dx_check::worker_msg::Incoming;
    use dx_check::worker_rt::{Answer, blob_bytes, serve};

    /// The first worksheet of the workbook beside the job, as CSV text.
    fn read_sheet(job: &Incoming<Job<'static>>) -> Result<Vec<u8>, WorkerError> {
        let unreadable = |detail: String| WorkerError::SheetUnreadable { detail };
        let bytes = blob_bytes(job, 0)?
            .ok_or_else(|| unreadable("the file beside the job could not be read".into()))?;
        first_sheet_csv(&bytes)
            .map(String::into_bytes)
            .map_err(|e| unreadable(e.to_string()))
    }

    /// Installs the message handler and says it is ready.
    pub fn start() {
        serve(|job, _| match &job.header {
            Job::ReadSheet => read_sheet(job).map(Answer::Bytes),
            _ => Err(ProtocolError::WrongWorker { worker: "sheet" }.into()),
        });
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
