//! localStorage: one key per enterprise, so a damaged or oversized record never takes the others down.
//!
//! Keys: `dxcheck.lang` (the UI language), `dxcheck.v1.e.<uuid>` (one [`Enterprise`] each, with its profile, drafts
//! and history), `dxcheck.v1.active` (the UUID of the enterprise being assessed), `dxcheck.v1.workshop` (the
//! workshop under way), `dxcheck.v1.benchmark` (the province's anonymised benchmark file, as loaded) and
//! `dxcheck.v1.target` (the province's target), `dxcheck.v1.measure` (what the target counts, once the office
//! chose), `dxcheck.v1.columns` (the office's column mappings, by kind of table and headers) and
//! `dxcheck.v1.threshold` (the office's threshold for small numbers in exports, once set).
use crate::domain::assessment::encode;
use crate::domain::assessment::text::Lang;
use crate::domain::catalog::Catalog;
use crate::domain::province::benchmark::Benchmark;
use crate::domain::province::sheet::Codes;
use crate::domain::province::suppress::{DEFAULT_THRESHOLD, threshold};
use crate::domain::province::target::Measure;
use crate::domain::records::draft::EnterpriseId;
use crate::domain::records::enterprise::Enterprise;
use crate::domain::records::workshop::Workshop;
use crate::ui::state::Notice;
use wasm_bindgen::JsCast;

const LANG_KEY: &str = "dxcheck.lang";
const ENTERPRISE_PREFIX: &str = "dxcheck.v1.e.";
const ACTIVE_KEY: &str = "dxcheck.v1.active";
const WORKSHOP_KEY: &str = "dxcheck.v1.workshop";
const BENCHMARK_KEY: &str = "dxcheck.v1.benchmark";
const TARGET_KEY: &str = "dxcheck.v1.target";
const MEASURE_KEY: &str = "dxcheck.v1.measure";
const COLUMNS_KEY: &str = "dxcheck.v1.columns";
const THRESHOLD_KEY: &str = "dxcheck.v1.threshold";
/// The province target until one is set: at least 1,000 enterprises.
pub const DEFAULT_TARGET: u32 = 1000;

/// Why a write failed.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// No localStorage (private mode, disabled by policy).
    Unavailable,
    /// The quota is full; nothing was written.
    Quota,
    /// Anything else the browser reported.
    Other(String),
}

impl StorageError {
    /// The notice to show for this error.
    pub fn notice(&self) -> Notice {
        match self {
            StorageError::Unavailable => Notice::StorageUnavailable,
            StorageError::Quota => Notice::QuotaExceeded,
            StorageError::Other(m) => Notice::SaveFailed(m.clone()),
        }
    }
}

fn storage() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

fn classify(err: wasm_bindgen::JsValue) -> StorageError {
    match err.dyn_ref::<web_sys::DomException>() {
        Some(e) if e.name() == "QuotaExceededError" || e.code() == 22 => StorageError::Quota,
        Some(e) => StorageError::Other(format!("{}: {}", e.name(), e.message())),
        None => StorageError::Other(
            err.as_string()
                .unwrap_or_else(|| "unknown storage error".into()),
        ),
    }
}

fn set(key: &str, value: &str) -> Result<(), StorageError> {
    storage()?.set_item(key, value).map_err(classify)
}

/// The storage key of an enterprise.
pub fn enterprise_key(id: &EnterpriseId) -> String {
    format!("{ENTERPRISE_PREFIX}{id}")
}

/// What was found in storage at start-up.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The stored UI language, if any.
    pub lang: Option<Lang>,
    /// Every enterprise that could be read, in storage order (`Workspace::new` puts the latest first).
    pub enterprises: Vec<Enterprise>,
    /// The UUID marked active, if any.
    pub active: Option<String>,
    /// The workshop under way, if any.
    pub workshop: Option<Workshop>,
    /// Problems to tell the person about.
    pub notices: Vec<Notice>,
}

/// Reads everything at start-up. Each record is read on its own: a damaged one is reported and left in place, and
/// answers that no longer fit an updated questionnaire are set aside with a notice.
pub fn load(catalog: &Catalog) -> Loaded {
    let mut out = Loaded::default();
    let Ok(store) = storage() else {
        out.notices.push(Notice::StorageUnavailable);
        return out;
    };
    out.lang = store
        .get_item(LANG_KEY)
        .ok()
        .flatten()
        .and_then(|s| Lang::from_code(&s));
    out.active = store.get_item(ACTIVE_KEY).ok().flatten();
    out.workshop = store
        .get_item(WORKSHOP_KEY)
        .ok()
        .flatten()
        .and_then(|s| serde_json::from_str(&s).ok());
    let len = store.length().unwrap_or(0);
    let keys: Vec<String> = (0..len)
        .filter_map(|i| store.key(i).ok().flatten())
        .filter(|k| k.starts_with(ENTERPRISE_PREFIX))
        .collect();
    for key in keys {
        let Some(text) = store.get_item(&key).ok().flatten() else {
            continue;
        };
        match Enterprise::from_json(&text) {
            Ok(mut e) => {
                let mut dropped = 0;
                for (qid, draft) in e.drafts.iter_mut() {
                    if let Some(q) = catalog.questionnaire(qid) {
                        dropped += draft.retain_valid(q).len();
                    }
                }
                if dropped > 0 {
                    out.notices.push(Notice::AnswersDropped { count: dropped });
                }
                out.enterprises.push(e);
            }
            Err(reason) => out.notices.push(Notice::CorruptEntry { key, reason }),
        }
    }
    out
}

/// Stores the UI language.
///
/// # Errors
/// [`StorageError`] when the browser refuses.
pub fn save_lang(lang: Lang) -> Result<(), StorageError> {
    set(LANG_KEY, lang.code())
}

/// Stores one enterprise. A failed write leaves the previous value intact (localStorage writes are all-or-nothing
/// per key).
///
/// # Errors
/// [`StorageError::Quota`] when storage is full, or another [`StorageError`].
pub fn save_enterprise(e: &Enterprise) -> Result<(), StorageError> {
    set(&enterprise_key(&e.id), &e.to_json())
}

/// Marks the enterprise being assessed.
///
/// # Errors
/// [`StorageError`] when the browser refuses.
pub fn save_active(id: &EnterpriseId) -> Result<(), StorageError> {
    set(ACTIVE_KEY, id.as_str())
}

/// The key, in this tab's sessionStorage, of the enterprise the owner's app had active when it handed over to the
/// whole app (the whole app reads and removes it as it starts).
const HANDOVER_KEY: &str = "dxcheck.v1.handover.active";

/// Notes the enterprise this tab has active, for the whole app that takes over (`services::office`). Not kept
/// beyond the tab; a browser that refuses only loses which enterprise was active.
pub fn save_handover_active(id: &EnterpriseId) {
    if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.set_item(HANDOVER_KEY, id.as_str());
    }
}

/// The enterprise the owner's app had active in this tab when it handed over, removed as it is read.
pub fn take_handover_active() -> Option<String> {
    let s = web_sys::window().and_then(|w| w.session_storage().ok().flatten())?;
    let id = s.get_item(HANDOVER_KEY).ok().flatten()?;
    let _ = s.remove_item(HANDOVER_KEY);
    Some(id)
}

/// Stores the workshop under way, or removes it.
///
/// # Errors
/// [`StorageError`] when the browser refuses.
pub fn save_workshop(w: Option<&Workshop>) -> Result<(), StorageError> {
    match w {
        Some(w) => set(WORKSHOP_KEY, &encode::json(w)),
        None => storage()?.remove_item(WORKSHOP_KEY).map_err(classify),
    }
}

/// The benchmark file loaded earlier, if any. A stored file that no longer passes the checks is ignored (and left
/// for the person to replace).
pub fn load_benchmark() -> Option<Benchmark> {
    let text = storage().ok()?.get_item(BENCHMARK_KEY).ok().flatten()?;
    Benchmark::from_json(&text).ok()
}

/// Stores a benchmark file (already checked) as it was loaded, or removes it.
///
/// # Errors
/// [`StorageError::Quota`] when storage is full, or another [`StorageError`].
pub fn save_benchmark(text: Option<&str>) -> Result<(), StorageError> {
    match text {
        Some(t) => set(BENCHMARK_KEY, t),
        None => {
            storage()?.remove_item(BENCHMARK_KEY).map_err(classify)?;
            Ok(())
        }
    }
}

/// The province's target, as set on this device (1,000 until set).
pub fn load_target() -> u32 {
    storage()
        .ok()
        .and_then(|s| s.get_item(TARGET_KEY).ok().flatten())
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(DEFAULT_TARGET)
}

/// Stores the province's target.
///
/// # Errors
/// [`StorageError`] when the browser refuses.
pub fn save_target(n: u32) -> Result<(), StorageError> {
    set(TARGET_KEY, &n.to_string())
}

/// The threshold for small numbers in the exports, as set on this device (10 until set; never under 3).
pub fn load_threshold() -> u64 {
    let stored = storage()
        .ok()
        .and_then(|s| s.get_item(THRESHOLD_KEY).ok().flatten())
        .and_then(|v| v.parse::<u64>().ok());
    stored.map_or(DEFAULT_THRESHOLD, threshold)
}

/// Stores the threshold for small numbers.
///
/// # Errors
/// [`StorageError`] when the browser refuses.
pub fn save_threshold(n: u64) -> Result<(), StorageError> {
    set(THRESHOLD_KEY, &n.to_string())
}

/// What the office chose its target to count, if it chose.
pub fn load_measure() -> Option<Measure> {
    storage()
        .ok()
        .and_then(|s| s.get_item(MEASURE_KEY).ok().flatten())
        .and_then(|v| Measure::from_code(&v))
}

/// Stores what the target counts.
///
/// # Errors
/// [`StorageError`] when the browser refuses.
pub fn save_measure(m: Measure) -> Result<(), StorageError> {
    set(MEASURE_KEY, m.code())
}

/// Every stored column mapping, by `"<kind>|<headers key>"`; a damaged entry reads as none.
fn column_maps() -> std::collections::BTreeMap<String, Codes> {
    storage()
        .ok()
        .and_then(|s| s.get_item(COLUMNS_KEY).ok().flatten())
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default()
}

/// The mapping the office set for a kind of table with these headers, if it set one.
pub fn load_columns(kind: &str, headers_key: &str) -> Option<Codes> {
    column_maps().remove(&format!("{kind}|{headers_key}"))
}

/// Remembers the office's mapping for the next file of this kind with the same headers.
///
/// # Errors
/// [`StorageError`] when the browser refuses.
pub fn save_columns(kind: &str, headers_key: &str, codes: &Codes) -> Result<(), StorageError> {
    let mut all = column_maps();
    all.insert(format!("{kind}|{headers_key}"), codes.clone());
    let text = serde_json::to_string(&all).map_err(|e| StorageError::Other(e.to_string()))?;
    set(COLUMNS_KEY, &text)
}

/// Removes an enterprise.
///
/// # Errors
/// [`StorageError`] when the browser refuses (the record would come back on the next visit).
pub fn delete_enterprise(id: &EnterpriseId) -> Result<(), StorageError> {
    storage()?
        .remove_item(&enterprise_key(id))
        .map_err(classify)
}

/// The stored text under a key, as it is (to download a damaged record).
pub fn raw(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

/// What a `storage` event from another tab means for this one.
pub enum External {
    /// An enterprise was saved: its new record.
    Saved(Box<Enterprise>),
    /// An enterprise was removed.
    Removed(EnterpriseId),
}

/// Reads a `storage` event (fired in other tabs of the same origin).
pub fn external(key: &str, new_value: Option<String>) -> Option<External> {
    let id = key.strip_prefix(ENTERPRISE_PREFIX)?;
    match new_value {
        Some(v) => Enterprise::from_json(&v)
            .ok()
            .map(|e| External::Saved(Box::new(e))),
        None => EnterpriseId::parse(id).map(External::Removed),
    }
}
