//! Reading many result records from files of any supported kind, each behind one entry point: [`read_file`] (and
//! [`read_file_into`], [`read_bytes_into`], which hand records on as they are read) guesses the kind from the name
//! and the first character; JSON Lines are also read in pieces by [`read_jsonl_lines`] (the fast path of the tally).
//! The kinds: a single result file or a workshop bundle (`json`), JSON Lines (`jsonl`; the format DuckDB and
//! warehouses read, see `docs/jsonl.md`), the app's CSV (`csv`), and texts of result links or codes (`codes`).
//! Every record is checked on its own; good ones are kept and each refused one is reported with its position.
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::scoring::Assessment;
use crate::domain::records::bundle::BundleError;
use crate::domain::records::result_code::CodeError;
use crate::domain::records::result_file::{ImportError, ResultFile};
use thiserror::Error;

mod codes;
mod csv;
mod json;
mod jsonl;
mod refusal;

pub use codes::read_codes;
pub use jsonl::{read_jsonl, read_jsonl_chunk, read_jsonl_lines, read_jsonl_shown, to_jsonl};
pub use refusal::{CsvRefusal, Refusal, Refused};

/// Why a record (or a whole file) was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum RecordError {
    /// The record failed the result-file checks.
    #[error("{0}")]
    Record(ImportError),
    /// A result code (or link) in a text was refused.
    #[error("{0}")]
    Code(CodeError),
    /// A text file holds no result code or link.
    #[error("the text holds no DX Check result link or code")]
    NoCodes,
    /// The bundle as a whole was refused.
    #[error("{0}")]
    Bundle(BundleError),
    /// A CSV file or row that does not fit the codebook.
    #[error("CSV: {0}")]
    Csv(CsvProblem),
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
}

/// What is wrong with a CSV file or row.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CsvProblem {
    /// The CSV reader's own message: the file is not CSV it can read.
    #[error("the file cannot be read as CSV: {0}")]
    Unreadable(String),
    /// A column of the codebook is missing.
    #[error("column `{0}` is missing; this is not a DX Check export")]
    MissingColumn(String),
    /// A cell that does not hold a value its column takes.
    #[error("`{column}` = `{value}` is not valid")]
    BadValue {
        /// The column.
        column: String,
        /// The value found.
        value: String,
    },
}

/// One refused record: the file, its position (record or line number from 1; 0 for the whole file) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// The file's name.
    pub file: String,
    /// Record (or line) number from 1; 0 when the whole file was refused.
    pub position: usize,
    /// Why.
    pub reason: RecordError,
}

/// What reading one or more files found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Read {
    /// The records that passed every check.
    pub records: Vec<ResultFile>,
    /// The refused ones.
    pub rejected: Vec<Rejected>,
}

impl Read {
    /// Adds another file's findings.
    pub fn extend(&mut self, other: Read) {
        self.records.extend(other.records);
        self.rejected.extend(other.rejected);
    }
}

/// Reads one file, guessing its kind from its name and first character.
pub fn read_file(name: &str, text: &str, questionnaires: &[&Questionnaire]) -> Read {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let reject = |position, reason| Read {
        records: Vec::new(),
        rejected: vec![Rejected {
            file: name.to_string(),
            position,
            reason,
        }],
    };
    if body.is_empty() {
        return reject(0, RecordError::Empty);
    }
    if name.to_lowercase().ends_with(".jsonl") || name.to_lowercase().ends_with(".ndjson") {
        return jsonl::read_jsonl(name, body, questionnaires);
    }
    if codes::is_text_of_codes(name, body) {
        return codes::read_codes(name, body, questionnaires);
    }
    match body.as_bytes()[0] {
        b'{' => json::read_json(name, body, questionnaires),
        b'[' => json::read_array(name, body, questionnaires),
        _ => csv::read_csv(name, body, questionnaires),
    }
}

/// A file that could not be read at all (removed or changed since it was picked).
pub fn unreadable(name: &str) -> Refused {
    Refused {
        file: name.to_string(),
        position: 0,
        reason: Refusal::Unreadable,
    }
}

/// Reads one file of any kind from its bytes, as [`read_file_into`] does from its text; a file that is not UTF-8
/// text is refused whole, except JSON Lines, whose lines are read one by one.
pub fn read_bytes_into(
    name: &str,
    bytes: Vec<u8>,
    qs: &[&Questionnaire],
    sink: &mut dyn FnMut(&ResultFile, &Questionnaire, &Assessment),
) -> Vec<Rejected> {
    match String::from_utf8(bytes) {
        Ok(text) => read_file_into(name, &text, qs, sink),
        // JSON Lines: a line that is not UTF-8 is refused on its own, as when the file is read in pieces.
        Err(e) if is_jsonl(name) => {
            let bytes = e.into_bytes();
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            read_jsonl_chunk(name, 1, body, qs, sink)
        }
        Err(_) => vec![not_text(name)],
    }
}

/// A file whose bytes are not UTF-8 text.
fn not_text(name: &str) -> Rejected {
    Rejected {
        file: name.into(),
        position: 0,
        reason: RecordError::Record(ImportError::NotJson("the file is not UTF-8 text".into())),
    }
}

/// Whether a file name says JSON Lines.
pub fn is_jsonl(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with(".jsonl") || lower.ends_with(".ndjson")
}

/// Reads one file of any kind, handing each valid record with its recomputed assessment to `sink` (JSON Lines are
/// never collected in memory); returns the refused records.
pub fn read_file_into(
    name: &str,
    text: &str,
    qs: &[&Questionnaire],
    sink: &mut dyn FnMut(&ResultFile, &Questionnaire, &Assessment),
) -> Vec<Rejected> {
    let body = text.trim_start_matches('\u{feff}');
    if is_jsonl(name) && !body.trim().is_empty() {
        return read_jsonl_chunk(name, 1, body.as_bytes(), qs, sink);
    }
    let read = read_file(name, text, qs);
    for r in &read.records {
        if let Some(q) = qs.iter().find(|q| q.id == r.questionnaire.id) {
            sink(r, q, &Assessment::compute(q, &r.answers));
        }
    }
    read.rejected
}
