//! What can go wrong in the browser's hands, typed, so that `describe.rs` puts it into words and no service hands
//! the page a sentence in one language.
use crate::domain::province::protocol::{ProtocolError, WorkerError};

/// A failure of the browser's storage for imported files (IndexedDB) or of reading a picked file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceFault {
    /// The file store cannot be opened (private mode, blocked by settings).
    StoreUnavailable,
    /// The store refused to keep the files (the disk is full, or the quota): nothing was added.
    StoreRefused,
    /// The store could not be read.
    StoreUnreadable,
    /// The store could not be emptied.
    StoreNotCleared,
    /// A picked file could not be read as text.
    FileUnreadable,
}

/// A web worker's failure, as the page sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerFault {
    /// No worker could start (no Worker support, or its files did not load: offline before they were cached).
    NotStarted,
    /// A worker stopped before it answered (it crashed, or ran out of memory).
    Stopped,
    /// An answer could not be read, came out of turn, or came incomplete (the page and a worker of different
    /// versions); the detail is for a bug report.
    Garbled(String),
    /// The worker said why it could not do the job.
    Said(WorkerError),
}

impl From<ProtocolError> for WorkerFault {
    fn from(e: ProtocolError) -> Self {
        WorkerFault::Garbled(e.to_string())
    }
}
