//! What can go wrong in the browser's hands, typed, so that `describe.rs` puts it into words and no service hands
//! the page a sentence in one language.
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
