//! A table the office already keeps, read beside the results: its columns found by their headers ([`Mapping`]), in
//! Vietnamese or English, with or without diacritics, and each row read on its own ([`read_rows`]). The support
//! register (`support`) and the enterprise registry (`registry`) are two such tables; each names its columns by a
//! type of [`Columns`].
use crate::domain::province::collate::bare_chars;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The columns of one kind of table.
pub trait Columns: Copy + Ord + std::fmt::Debug + 'static {
    /// Every column, in the table's usual order.
    const ALL: &'static [Self];
    /// Headers that name the column, as [`plain`] writes them.
    fn names(self) -> &'static [&'static str];
    /// Whether a row needs this column to be read at all.
    fn required(self) -> bool;
    /// A stable code, for a mapping stored on the device or sent to a worker.
    fn code(self) -> &'static str;
}

/// A header as compared: without diacritics, lower case, anything but letters and digits as one space.
pub fn plain(header: &str) -> String {
    plain_chars(header).collect()
}

/// The characters of [`plain`], one by one, without making the text (to look at the start of a text only).
pub fn plain_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    // A run of other characters between two words is one space; before the first word and after the last, none.
    let mut gap = false;
    let mut started = false;
    bare_chars(text).flat_map(move |c| {
        let space = if c.is_alphanumeric() {
            let space = gap && started;
            (gap, started) = (false, true);
            space
        } else {
            gap = true;
            false
        };
        space
            .then_some(' ')
            .into_iter()
            .chain(c.is_alphanumeric().then_some(c))
    })
}

/// Which column of the file holds each column of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping<C: Columns>(pub BTreeMap<C, usize>);

impl<C: Columns> Default for Mapping<C> {
    fn default() -> Self {
        Mapping(BTreeMap::new())
    }
}

/// A mapping in a form that can be stored or sent: each column's code and the index of the file's column.
pub type Codes = Vec<(String, usize)>;

impl<C: Columns> Mapping<C> {
    /// The guess from a file's headers: a header names a column when it is one of the column's names, ignoring
    /// case, diacritics and punctuation ("Số tiền (VNĐ)" is "so tien vnd"). The first header that fits wins, and
    /// a header names one column at most.
    pub fn guess(headers: &[String]) -> Self {
        let plain: Vec<String> = headers.iter().map(|h| plain(h)).collect();
        let mut m = BTreeMap::new();
        for &col in C::ALL {
            if let Some(i) = (0..plain.len())
                .find(|&i| col.names().contains(&plain[i].as_str()) && !m.values().any(|&v| v == i))
            {
                m.insert(col, i);
            }
        }
        Mapping(m)
    }

    /// The required columns the mapping does not find.
    pub fn missing(&self) -> Vec<C> {
        C::ALL
            .iter()
            .copied()
            .filter(|c| c.required() && !self.0.contains_key(c))
            .collect()
    }

    /// A key for "the same headers", to remember the office's corrected mapping for the next such file.
    pub fn headers_key(headers: &[String]) -> String {
        headers_key(headers)
    }

    /// The mapping as codes.
    pub fn codes(&self) -> Codes {
        self.0
            .iter()
            .map(|(c, &i)| (c.code().to_string(), i))
            .collect()
    }

    /// The mapping from codes; an unknown code is left out (a mapping stored by another version).
    pub fn from_codes(codes: &[(String, usize)]) -> Self {
        Mapping(
            codes
                .iter()
                .filter_map(|(code, i)| C::ALL.iter().find(|c| c.code() == code).map(|&c| (c, *i)))
                .collect(),
        )
    }
}

/// A refused row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused<F> {
    /// The row in the file (the header is row 1, as a spreadsheet numbers it).
    pub row: usize,
    /// Why.
    pub fault: F,
}

/// A file that cannot be read as the table at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError<C: Columns> {
    /// No header row.
    #[error("the file has no header row")]
    NoHeader,
    /// Required columns not found (the office can map them by hand).
    #[error("columns not found: {0:?}")]
    Missing(Vec<C>),
}

/// A CSV reader for a table's text, a spreadsheet's byte-order mark skipped.
fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
}

/// The header row of a table's CSV text (empty when it has none), for [`Mapping::guess`].
pub fn headers(text: &str) -> Vec<String> {
    csv_reader(text)
        .headers()
        .map(|h| h.iter().map(str::to_string).collect())
        .unwrap_or_default()
}

/// The rows read and kept, and those refused.
pub type Rows<T, F> = (Vec<T>, Vec<Refused<F>>);

/// Reads every row of a table's CSV text with `read`, which is given the row number and each mapped cell (trimmed;
/// empty when the row is short). Blank rows are skipped; a row the CSV reader cannot read is refused with
/// `unreadable` and the reader's message.
///
/// # Errors
/// [`SheetError`] when the file has no header or the mapping lacks a required column.
pub fn read_rows<C: Columns, T, F>(
    text: &str,
    mapping: &Mapping<C>,
    unreadable: impl Fn(String) -> F,
    mut read: impl for<'r> FnMut(usize, &'r dyn Fn(C) -> &'r str) -> Result<T, F>,
) -> Result<Rows<T, F>, SheetError<C>> {
    let mut rdr = csv_reader(text);
    if rdr.headers().map_or(true, |h| h.is_empty()) {
        return Err(SheetError::NoHeader);
    }
    let missing = mapping.missing();
    if !missing.is_empty() {
        return Err(SheetError::Missing(missing));
    }
    let (mut kept, mut refused) = (Vec::new(), Vec::new());
    for (i, rec) in rdr.records().enumerate() {
        let row = i + 2;
        let cells = match rec {
            Ok(r) => r,
            Err(e) => {
                refused.push(Refused {
                    row,
                    fault: unreadable(e.to_string()),
                });
                continue;
            }
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |c: C| {
            mapping
                .0
                .get(&c)
                .and_then(|&i| cells.get(i))
                .unwrap_or("")
                .trim()
        };
        match read(row, &cell) {
            Ok(t) => kept.push(t),
            Err(fault) => refused.push(Refused { row, fault }),
        }
    }
    Ok((kept, refused))
}

/// Why a table could not be read at all, as it crosses threads and is put into words: no header row, or the
/// required columns not mapped (their codes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetFault {
    /// The file could not be read (or is not UTF-8 text).
    Unreadable,
    /// No header row.
    NoHeader,
    /// Required columns not mapped, by code.
    Missing(Vec<String>),
}

impl<C: Columns> From<SheetError<C>> for SheetFault {
    fn from(e: SheetError<C>) -> Self {
        match e {
            SheetError::NoHeader => SheetFault::NoHeader,
            SheetError::Missing(cols) => {
                SheetFault::Missing(cols.iter().map(|c| c.code().to_string()).collect())
            }
        }
    }
}

/// The key under which a mapping for these headers is remembered (as [`Mapping::headers_key`]).
pub fn headers_key(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| plain(h))
        .collect::<Vec<_>>()
        .join("|")
}
