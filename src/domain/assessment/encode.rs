//! Writing the app's own values as JSON text, in memory: the one place that decides what a failure there means.
//!
//! `serde_json` fails to write only when a `Serialize` impl reports an error or a map key is not a string. Every
//! type written here is derived, with string (or string-like id) keys, so writing cannot fail; the round-trip tests
//! of each format (`tests/domain.rs`, `tests/result_code.rs`) would catch a type that broke this.
use serde::Serialize;

/// Compact JSON.
pub fn json<T: Serialize + ?Sized>(value: &T) -> String {
    // Cannot fail for the app's derived types (see the module's note); an empty text would be refused on reading.
    serde_json::to_string(value).unwrap_or_default()
}

/// JSON laid out for people (two-space indents), as result files and bundles are saved.
pub fn json_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    // Cannot fail for the app's derived types (see the module's note).
    serde_json::to_string_pretty(value).unwrap_or_default()
}
