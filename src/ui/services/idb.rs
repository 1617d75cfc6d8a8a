//! IndexedDB: the province's imported files, kept on this device until cleared (localStorage is too small for
//! thousands of records). One object store, `imports`, of `{ name, blob }`: the picked `File` itself, which the
//! browser keeps on disk, so a file of hundreds of megabytes is neither read nor copied on the page's thread.
//! (Version 1 stored `{ name, text }`; such entries are still read.) The office's own tables, the registry and the
//! support register, are kept in the same store as `{ name, blob, kind }`, one of each kind; so are the last tally's
//! parts (`{ kind, id, parts }`), so that the next visit to the same files merges them without reading the files.
use crate::js::{field, object, settle};
use crate::ui::faults::DeviceFault;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

const DB: &str = "dxcheck";
const STORE: &str = "imports";

fn done(req: &web_sys::IdbRequest) -> js_sys::Promise {
    let req = req.clone();
    js_sys::Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
        let ok = {
            let req = req.clone();
            Closure::once_into_js(move || {
                settle(&resolve, &req.result().unwrap_or(JsValue::UNDEFINED));
            })
        };
        let fail = Closure::once_into_js(move || {
            settle(&reject, &JsValue::from_str("IndexedDB refused the request"));
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(fail.unchecked_ref()));
    })
}

async fn open() -> Result<web_sys::IdbDatabase, DeviceFault> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(DeviceFault::StoreUnavailable)?;
    let req = factory
        .open_with_u32(DB, 1)
        .map_err(|_| DeviceFault::StoreUnavailable)?;
    let upgrade = {
        let req = req.clone();
        Closure::once_into_js(move || {
            if let Ok(db) = req
                .result()
                .map(|r| r.unchecked_into::<web_sys::IdbDatabase>())
                && !db.object_store_names().contains(STORE)
            {
                let params = web_sys::IdbObjectStoreParameters::new();
                params.set_auto_increment(true);
                // A refusal here fails the first transaction on the store, whose error the page shows.
                let _ = db.create_object_store_with_optional_parameters(STORE, &params);
            }
        })
    };
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = JsFuture::from(done(&req))
        .await
        .map_err(|_| DeviceFault::StoreUnavailable)?;
    Ok(db.unchecked_into())
}

async fn store(
    mode: web_sys::IdbTransactionMode,
    fault: DeviceFault,
) -> Result<web_sys::IdbObjectStore, DeviceFault> {
    let db = open().await?;
    let tx = db
        .transaction_with_str_and_mode(STORE, mode)
        .map_err(|_| fault)?;
    tx.object_store(STORE).map_err(|_| fault)
}

/// Resolves when a read-write transaction has committed, rejects when it aborts (the browser may abort without
/// failing the request, for example when the disk is full).
fn committed(tx: &web_sys::IdbTransaction) -> js_sys::Promise {
    let tx = tx.clone();
    js_sys::Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
        let ok = Closure::once_into_js(move || {
            settle(&resolve, &JsValue::UNDEFINED);
        });
        let fail = Closure::<dyn FnMut()>::new(move || {
            settle(
                &reject,
                &JsValue::from_str("IndexedDB refused the files (is the disk full?)"),
            );
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onabort(Some(fail.as_ref().unchecked_ref()));
        tx.set_onerror(Some(fail.as_ref().unchecked_ref()));
        fail.forget();
    })
}

/// Adds picked files, as they are.
///
/// # Errors
/// [`DeviceFault::StoreRefused`] when IndexedDB refuses (for example when the disk is full); then nothing was
/// added. [`DeviceFault::StoreUnavailable`] when it cannot be opened.
pub async fn add(files: &[web_sys::File]) -> Result<(), DeviceFault> {
    let db = open().await?;
    let tx = db
        .transaction_with_str_and_mode(STORE, web_sys::IdbTransactionMode::Readwrite)
        .map_err(|_| DeviceFault::StoreRefused)?;
    let s = tx
        .object_store(STORE)
        .map_err(|_| DeviceFault::StoreRefused)?;
    for f in files {
        let o = object(&[("name", JsValue::from_str(&f.name())), ("blob", f.into())]);
        s.add(&o).map_err(|_| DeviceFault::StoreRefused)?;
    }
    JsFuture::from(committed(&tx))
        .await
        .map(|_| ())
        .map_err(|_| DeviceFault::StoreRefused)
}

/// The stored result files: each with its name and contents, in import order.
pub struct Stored {
    /// Each file's name and contents.
    pub files: Vec<(String, web_sys::Blob)>,
    /// What names this set of files on this device: their keys in the store, which are never given again (an
    /// entry is added or removed, never changed, and IndexedDB's key generator does not go back, not even when
    /// the store is cleared).
    pub keys: String,
    /// The last tally's parts, if kept: the id they were kept for, and the parts (see [`keep_tally`]).
    pub kept: Option<(String, Vec<web_sys::Blob>)>,
}

/// Every stored result file (name, contents), in import order, with the keys that name them.
///
/// # Errors
/// [`DeviceFault::StoreUnreadable`] when IndexedDB cannot be read, [`DeviceFault::StoreUnavailable`] when it
/// cannot be opened.
pub async fn all() -> Result<Stored, DeviceFault> {
    let mut keys = Vec::new();
    let entries = entries(DeviceFault::StoreUnreadable).await?;
    let kept = entries
        .iter()
        .filter(|(_, o)| field(o, KIND).as_string().as_deref() == Some(KEPT_TALLY))
        .filter_map(|(_, o)| {
            let parts = js_sys::Array::from(&field(o, "parts"))
                .iter()
                .map(|p| p.dyn_into::<web_sys::Blob>().ok())
                .collect::<Option<Vec<_>>>()
                .filter(|parts| !parts.is_empty())?;
            Some((field(o, "id").as_string()?, parts))
        })
        .next_back();
    let files = entries
        .into_iter()
        .filter(|(_, o)| field(o, KIND).is_undefined())
        .filter_map(|(k, o)| {
            let name = field(&o, "name").as_string().unwrap_or_default();
            let blob = match field(&o, "blob").dyn_into::<web_sys::Blob>().ok() {
                Some(b) => b,
                // A version 1 entry: its text.
                None => {
                    let text = field(&o, "text").as_string()?;
                    let parts = js_sys::Array::of1(&JsValue::from_str(&text));
                    web_sys::Blob::new_with_str_sequence(&parts).ok()?
                }
            };
            keys.push(
                k.as_f64()
                    .map_or_else(|| "?".to_string(), |k| k.to_string()),
            );
            Some((name, blob))
        })
        .collect();
    Ok(Stored {
        files,
        keys: keys.join(","),
        kept,
    })
}

/// Removes every stored file.
///
/// # Errors
/// [`DeviceFault::StoreNotCleared`] when IndexedDB refuses, [`DeviceFault::StoreUnavailable`] when it cannot be
/// opened.
pub async fn clear() -> Result<(), DeviceFault> {
    let fault = DeviceFault::StoreNotCleared;
    let s = store(web_sys::IdbTransactionMode::Readwrite, fault).await?;
    let req = s.clear().map_err(|_| fault)?;
    JsFuture::from(done(&req))
        .await
        .map(|_| ())
        .map_err(|_| fault)
}

/// The field naming the kind of an office table.
const KIND: &str = "kind";

/// The keys and entries of the store, read in one transaction.
async fn entries(fault: DeviceFault) -> Result<Vec<(JsValue, JsValue)>, DeviceFault> {
    let s = store(web_sys::IdbTransactionMode::Readonly, fault).await?;
    let keys = s.get_all_keys().map_err(|_| fault)?;
    let values = s.get_all().map_err(|_| fault)?;
    let (keys, values) = (done(&keys), done(&values));
    let keys = JsFuture::from(keys).await.map_err(|_| fault)?;
    let values = JsFuture::from(values).await.map_err(|_| fault)?;
    Ok(js_sys::Array::from(&keys)
        .iter()
        .zip(js_sys::Array::from(&values).iter())
        .collect())
}

/// The stored table of a kind (`"registry"`, `"support"`): its name and file, if one is stored.
///
/// # Errors
/// As [`all`].
pub async fn sheet(kind: &str) -> Result<Option<(String, web_sys::Blob)>, DeviceFault> {
    Ok(entries(DeviceFault::StoreUnreadable)
        .await?
        .into_iter()
        .filter(|(_, o)| field(o, KIND).as_string().as_deref() == Some(kind))
        .filter_map(|(_, o)| {
            let blob = field(&o, "blob").dyn_into::<web_sys::Blob>().ok()?;
            Some((field(&o, "name").as_string().unwrap_or_default(), blob))
        })
        .last())
}

/// Keeps `file` as the table of its kind, in place of any before it; with `None`, forgets the kind's table.
///
/// # Errors
/// [`DeviceFault::StoreRefused`] when IndexedDB refuses (then the table before is still there).
pub async fn put_sheet(kind: &str, file: Option<&web_sys::File>) -> Result<(), DeviceFault> {
    let entry = file.map(|f| {
        object(&[
            ("name", JsValue::from_str(&f.name())),
            ("blob", f.into()),
            (KIND, JsValue::from_str(kind)),
        ])
    });
    replace_kind(kind, entry).await
}

/// Puts `entry` (of `kind`) in place of every entry of that kind, in one transaction; with `None`, removes them.
async fn replace_kind(kind: &str, entry: Option<JsValue>) -> Result<(), DeviceFault> {
    let old: Vec<JsValue> = entries(DeviceFault::StoreUnreadable)
        .await?
        .into_iter()
        .filter(|(_, o)| field(o, KIND).as_string().as_deref() == Some(kind))
        .map(|(k, _)| k)
        .collect();
    let db = open().await?;
    let fault = DeviceFault::StoreRefused;
    let tx = db
        .transaction_with_str_and_mode(STORE, web_sys::IdbTransactionMode::Readwrite)
        .map_err(|_| fault)?;
    let s = tx.object_store(STORE).map_err(|_| fault)?;
    for k in &old {
        s.delete(k).map_err(|_| fault)?;
    }
    if let Some(o) = entry {
        s.add(&o).map_err(|_| fault)?;
    }
    JsFuture::from(committed(&tx))
        .await
        .map(|_| ())
        .map_err(|_| fault)
}

/// The kind of the entry that keeps the last tally's parts: `{ kind, id, parts }`, `parts` an array of `Blob`s.
const KEPT_TALLY: &str = "tally-parts";

/// Keeps a tally's parts for `id`, in place of those kept before; with `None`, forgets them.
///
/// # Errors
/// [`DeviceFault::StoreRefused`] when IndexedDB refuses (for example when the disk is full): then nothing is kept,
/// and the next visit reads the files again.
pub async fn keep_tally(kept: Option<(&str, &[web_sys::Blob])>) -> Result<(), DeviceFault> {
    let entry = kept.map(|(id, parts)| {
        object(&[
            (KIND, JsValue::from_str(KEPT_TALLY)),
            ("id", JsValue::from_str(id)),
            ("parts", parts.iter().collect::<js_sys::Array>().into()),
        ])
    });
    replace_kind(KEPT_TALLY, entry).await
}
