//! What the app tells the person outside the page flow.
use crate::domain::records::enterprise::EnterpriseError;

/// Something the app tells the person outside the page flow (storage trouble, damaged data, other tabs, updates).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// localStorage cannot be used (private mode, disabled): answers live only in this tab.
    StorageUnavailable,
    /// The browser's storage is full; the last change was not saved, the previous save is intact.
    QuotaExceeded,
    /// Saving failed for another reason.
    SaveFailed(String),
    /// A stored record could not be read; it was left untouched in storage, and its raw text can be downloaded.
    CorruptEntry {
        /// The storage key.
        key: String,
        /// Why.
        reason: EnterpriseError,
    },
    /// Stored answers no longer fit an updated questionnaire and were set aside.
    AnswersDropped {
        /// How many.
        count: usize,
    },
    /// Another tab changed an enterprise shown here; this tab now shows its version.
    ChangedElsewhere {
        /// The enterprise's name, if it has one.
        name: String,
    },
    /// An enterprise was deleted; it can be restored.
    Deleted {
        /// Its name, if it has one.
        name: String,
    },
    /// A bundle was imported.
    BundleImported {
        /// Enterprises restored.
        enterprises: usize,
        /// Records refused.
        rejected: usize,
    },
    /// A new version of the app is ready; reloading switches to it.
    UpdateReady,
}
