//! The QR worker: draws the QR code of a result link off the main thread, in a small wasm module loaded only when a
//! QR code is asked for (the `qrcode` crate stays out of the app's first load).
//!
//! It does the job `Qr` of `dx_check::domain::province::protocol`, which describes it and its answer.

#[cfg(target_arch = "wasm32")]
mod worker {
    use dx_check::domain::province::protocol::{Job, ProtocolError, WorkerError};
    use dx_check::worker_rt::{Answer, serve};
    use qrcode::{Color, EcLevel, QrCode};

    /// The modules of `text`: error correction M (15 % of the code may be unreadable), or L when the text is too
    /// long for M.
    fn modules(text: &str) -> Result<Vec<u8>, WorkerError> {
        // Only a text too long for version 40 fails here (the other errors concern inputs this never makes).
        let code = QrCode::with_error_correction_level(text, EcLevel::M)
            .or_else(|_| QrCode::with_error_correction_level(text, EcLevel::L))
            .map_err(|_| WorkerError::TooLongForQr)?;
        // Version 40 is 177 modules wide; wider cannot be, but is refused rather than cut.
        let width = u8::try_from(code.width()).map_err(|_| WorkerError::TooLongForQr)?;
        let mut out = Vec::with_capacity(1 + usize::from(width) * usize::from(width));
        out.push(width);
        out.extend(code.to_colors().iter().map(|c| u8::from(*c == Color::Dark)));
        Ok(out)
    }

    /// Installs the message handler and says it is ready.
    pub fn start() {
        serve(|job, _| match &job.header {
            Job::Qr { text } => modules(text).map(Answer::Bytes),
            _ => Err(ProtocolError::WrongWorker { worker: "QR" }.into()),
        });
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
