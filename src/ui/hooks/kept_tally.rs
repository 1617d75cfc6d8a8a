//! The province tally of the stored files, with its parts kept on the device: a visit to the same files (a
//! reload, the next day) merges the parts kept by the last tally instead of reading hundreds of megabytes again.
//! The parts are kept for one build's domain (`DX_DOMAIN_BUILD`, from `build.rs`) and one set of stored files (their
//! keys), so they are never read by another build or against other files. Keeping them is only a speed-up: when
//! they cannot be kept (a full disk) or read back (damaged, evicted), the files are read as before.
use crate::domain::province::protocol::Sides;
use crate::domain::province::tally::EnterpriseLine;
use crate::ui::faults::WorkerFault;
use crate::ui::services::idb::{self, Stored};
use crate::ui::services::worker::{self, TallyOutcome};
use yew::Callback;

/// The build of the code and data that prepare the records (`build.rs`).
const DOMAIN_BUILD: &str = env!("DX_DOMAIN_BUILD");

/// Tallies the stored files as [`worker::tally`] does, merging the parts kept for them when there are any, and
/// keeping the parts of a tally that read the files.
///
/// # Errors
/// As [`worker::tally`] when the files are read. Kept parts that fail are forgotten, and the files read instead.
pub async fn tally(
    stored: &Stored,
    (target, watch): (u32, Option<usize>),
    sides: (Sides, Vec<web_sys::Blob>),
    on_progress: Callback<(f64, f64)>,
    on_figures: Callback<Result<TallyOutcome, WorkerFault>>,
) -> Result<Vec<EnterpriseLine>, WorkerFault> {
    let id = format!("{DOMAIN_BUILD}:{}", stored.keys);
    // Parts kept for another build or other files are not read.
    if let Some((_, kept)) = stored.kept.as_ref().filter(|(kept_for, _)| *kept_for == id) {
        let merged = worker::tally(
            &stored.files,
            (target, watch),
            sides.clone(),
            Some(kept.clone()),
            on_progress.clone(),
            on_figures.clone(),
        )
        .await;
        match merged {
            Ok(t) => return Ok(t.lines),
            // Damaged: forgotten (if that fails too, the next visit finds them damaged again, and reads the files).
            Err(_) => {
                let _ = idb::keep_tally(None).await;
            }
        }
    }
    let read = worker::tally(
        &stored.files,
        (target, watch),
        sides,
        None,
        on_progress,
        on_figures,
    )
    .await?;
    if let Some(parts) = &read.parts {
        // Not kept (the disk is full, say): the next visit reads the files again, as before.
        let _ = idb::keep_tally(Some((&id, parts))).await;
    }
    Ok(read.lines)
}
