//! localStorage: one key per assessment, so a damaged or oversized entry never takes the others down.
//!
//! Keys: `dxcheck.lang` (the UI language), `dxcheck.v1.a.<uuid>` (one [`Draft`] each) and `dxcheck.v1.active`
//! (which draft is current for each questionnaire).
use crate::domain::catalog::Catalog;
use crate::domain::draft::{AssessmentId, Draft};
use crate::domain::text::{Lang, QuestionnaireId};
use crate::ui::state::Notice;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;

const LANG_KEY: &str = "dxcheck.lang";
const DRAFT_PREFIX: &str = "dxcheck.v1.a.";
const ACTIVE_KEY: &str = "dxcheck.v1.active";

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

/// What was found in storage at start-up.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The stored UI language, if any.
    pub lang: Option<Lang>,
    /// The current draft of each questionnaire.
    pub drafts: BTreeMap<QuestionnaireId, Draft>,
    /// Problems to tell the person about.
    pub notices: Vec<Notice>,
}

/// Reads everything at start-up. Each entry is read on its own: a damaged one is reported and left in place.
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
    let active: BTreeMap<String, String> = store
        .get_item(ACTIVE_KEY)
        .ok()
        .flatten()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    let len = store.length().unwrap_or(0);
    let keys: Vec<String> = (0..len)
        .filter_map(|i| store.key(i).ok().flatten())
        .filter(|k| k.starts_with(DRAFT_PREFIX))
        .collect();
    let mut all: Vec<Draft> = Vec::new();
    for key in keys {
        let Some(text) = store.get_item(&key).ok().flatten() else {
            continue;
        };
        match Draft::from_json(&text) {
            Ok(d) => all.push(d),
            Err(e) => out.notices.push(Notice::CorruptEntry {
                key,
                reason: e.to_string(),
            }),
        }
    }
    for q in &catalog.questionnaires {
        let wanted = active.get(q.id.as_str());
        let mut mine: Vec<Draft> = all
            .iter()
            .filter(|d| d.questionnaire == q.id)
            .cloned()
            .collect();
        mine.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
        let chosen = mine
            .iter()
            .position(|d| Some(d.id.as_str()) == wanted.map(String::as_str))
            .unwrap_or(0);
        if chosen < mine.len() {
            let mut d = mine.swap_remove(chosen);
            let dropped = d.retain_valid(q);
            if !dropped.is_empty() {
                out.notices.push(Notice::AnswersDropped {
                    count: dropped.len(),
                });
            }
            out.drafts.insert(q.id.clone(), d);
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

/// Stores one draft and marks it current for its questionnaire. A failed write leaves the previous value intact.
///
/// # Errors
/// [`StorageError::Quota`] when storage is full, or another [`StorageError`].
pub fn save_draft(d: &Draft, all: &BTreeMap<QuestionnaireId, Draft>) -> Result<(), StorageError> {
    set(&format!("{DRAFT_PREFIX}{}", d.id), &d.to_json())?;
    let active: BTreeMap<&str, &str> = all
        .iter()
        .map(|(q, d)| (q.as_str(), d.id.as_str()))
        .collect();
    set(
        ACTIVE_KEY,
        &serde_json::to_string(&active).unwrap_or_default(),
    )
}

/// Removes a draft.
pub fn delete_draft(id: &AssessmentId) {
    if let Ok(s) = storage() {
        let _ = s.remove_item(&format!("{DRAFT_PREFIX}{id}"));
    }
}
