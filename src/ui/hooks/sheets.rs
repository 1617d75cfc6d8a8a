//! The office's own tables on the province page, the registry and the support register: each kept in IndexedDB
//! beside the results, its header row read here (a few kilobytes, not the file) to guess its columns or to find
//! the mapping the office set for the same headers, and the whole file read by the tally worker. An XLSX file is
//! read into CSV text by the sheet worker when it is picked ([`as_csv`]), and kept as that text.
use crate::domain::province::protocol::{SheetJob, Sides};
use crate::domain::province::sheet::{Codes, headers, headers_key};
use crate::domain::province::tables::Kind;
use crate::domain::province::workbook::is_xlsx;
use crate::ui::faults::{DeviceFault, WorkerFault};
use crate::ui::services::{files, idb, storage, worker};
use wasm_bindgen_futures::JsFuture;

/// The bytes read to find a table's header row.
const HEAD_BYTES: f64 = 65_536.0;

/// One table, loaded.
#[derive(Clone, PartialEq)]
pub struct Loaded {
    /// The file's name.
    pub name: String,
    /// The file.
    pub blob: web_sys::Blob,
    /// Its header row.
    pub headers: Vec<String>,
    /// How its columns map: the office's, or the guess.
    pub codes: Codes,
}

/// The tables loaded, by kind.
#[derive(Clone, PartialEq, Default)]
pub struct Sheets {
    /// The registry.
    pub registry: Option<Loaded>,
    /// The support register.
    pub support: Option<Loaded>,
}

impl Sheets {
    /// The table of a kind.
    pub fn get(&self, kind: Kind) -> Option<&Loaded> {
        match kind {
            Kind::Registry => self.registry.as_ref(),
            Kind::Support => self.support.as_ref(),
        }
    }

    /// These tables with the one of `kind` replaced.
    pub fn with(&self, kind: Kind, loaded: Option<Loaded>) -> Sheets {
        let mut s = self.clone();
        match kind {
            Kind::Registry => s.registry = loaded,
            Kind::Support => s.support = loaded,
        }
        s
    }

    /// The tables as a merge job reads them: where each file is beside the header, and its mapping.
    pub fn job(&self) -> (Sides, Vec<web_sys::Blob>) {
        let mut blobs = Vec::new();
        let mut side = |l: &Option<Loaded>| {
            l.as_ref().map(|l| {
                blobs.push(l.blob.clone());
                SheetJob {
                    blob: u32::try_from(blobs.len() - 1).unwrap_or(0),
                    mapping: l.codes.clone(),
                }
            })
        };
        let registry = side(&self.registry);
        let support = side(&self.support);
        (Sides { registry, support }, blobs)
    }
}

/// The header row of a table's file (empty when it cannot be read).
async fn headers_of(blob: &web_sys::Blob) -> Vec<String> {
    let Ok(head) = blob.slice_with_f64_and_f64(0.0, HEAD_BYTES) else {
        return Vec::new();
    };
    match JsFuture::from(head.text()).await {
        Ok(text) => headers(&text.as_string().unwrap_or_default()),
        Err(_) => Vec::new(),
    }
}

/// A picked table as CSV text: an XLSX workbook (told by its first bytes, not by its name) is read in the sheet
/// worker, its first worksheet kept as CSV text under the file's own name; any other file is kept as it is.
///
/// # Errors
/// A [`WorkerFault`] when the sheet worker cannot start, or the workbook cannot be read.
pub async fn as_csv(file: web_sys::File) -> Result<web_sys::File, WorkerFault> {
    let head = match file.slice_with_f64_and_f64(0.0, 4.0) {
        Ok(head) => JsFuture::from(head.array_buffer()).await.ok(),
        Err(_) => None,
    };
    let head = head.map_or_else(Vec::new, |b| js_sys::Uint8Array::new(&b).to_vec());
    if !is_xlsx(&head) {
        return Ok(file);
    }
    let csv = worker::read_sheet(&file).await?;
    files::text_file(&file.name(), &csv).ok_or_else(|| {
        WorkerFault::Garbled("the browser would not make a file of the sheet".into())
    })
}

/// A table loaded from its file: its headers read, its columns as the office set them for these headers, else
/// guessed.
pub async fn load(kind: Kind, name: String, blob: web_sys::Blob) -> Loaded {
    let headers = headers_of(&blob).await;
    let codes = storage::load_columns(kind.code(), &headers_key(&headers))
        .unwrap_or_else(|| kind.guess(&headers));
    Loaded {
        name,
        blob,
        headers,
        codes,
    }
}

/// The tables kept on this device.
///
/// # Errors
/// [`DeviceFault`] when IndexedDB cannot be read.
pub async fn stored() -> Result<Sheets, DeviceFault> {
    let mut out = Sheets::default();
    for kind in Kind::ALL {
        if let Some((name, blob)) = idb::sheet(kind.code()).await? {
            out = out.with(kind, Some(load(kind, name, blob).await));
        }
    }
    Ok(out)
}

/// The office's mapping for a table: remembered for its headers, and the table with it.
///
/// # Errors
/// [`storage::StorageError`] when the browser refuses to remember it (the mapping still applies now).
pub fn remap(
    kind: Kind,
    loaded: &Loaded,
    codes: Codes,
) -> (Loaded, Result<(), storage::StorageError>) {
    let saved = storage::save_columns(kind.code(), &headers_key(&loaded.headers), &codes);
    (
        Loaded {
            codes,
            ..loaded.clone()
        },
        saved,
    )
}
