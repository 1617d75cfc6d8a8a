//! A refusal as it crosses from the workers to the page, and into `dxcheck tally --format json`: a typed reason with
//! its data (the page puts it into words, `ui::describe`).
use super::{CsvProblem, RecordError, Rejected};
use crate::domain::records::bundle::BundleError;
use crate::domain::records::result_code::CodeError;
use crate::domain::records::result_file::ImportError;
use serde::{Deserialize, Serialize};

/// Why a record or a whole file was refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// Not JSON: the parser's message.
    NotJson(String),
    /// JSON, but not a DX Check result file.
    NotAResultFile,
    /// A result file or bundle of a format version this app does not read.
    UnsupportedVersion(u32),
    /// A damaged result file: the parser's message.
    Malformed(String),
    /// A questionnaire or version this app does not have.
    UnknownQuestionnaire {
        /// Its id.
        id: String,
        /// Its version.
        version: String,
    },
    /// How many answers do not fit the questionnaire.
    BadAnswers(u32),
    /// Stored scores that differ from the recomputed ones, and the line where they first differ ("overall", a
    /// dimension id).
    ScoresMismatch(String),
    /// JSON, but not a workshop bundle.
    NotABundle,
    /// A CSV file or row that does not fit the codebook.
    Csv(CsvRefusal),
    /// An empty file.
    Empty,
    /// A file that could not be read at all.
    Unreadable,
    /// A text that is not a DX Check result code (a link to something else).
    NotACode,
    /// A result code of a newer format.
    NewerCode(u32),
    /// A result code that was cut off.
    CutOffCode,
    /// A result code with a changed or lost character.
    DamagedCode,
    /// A text file with no result link or code.
    NoCodes,
}

/// What is wrong with a CSV file or row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CsvRefusal {
    /// The CSV reader's own message.
    Unreadable(String),
    /// A missing column of the codebook.
    MissingColumn(String),
    /// A cell that does not hold a value its column takes.
    BadValue {
        /// The column.
        column: String,
        /// The value found.
        value: String,
    },
}

/// One refused record or file: the file, its position (record or line number from 1; 0 for the whole file), why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refused {
    /// The file's name.
    pub file: String,
    /// Record or line number from 1; 0 for the whole file.
    pub position: usize,
    /// Why.
    pub reason: Refusal,
}

impl From<&ImportError> for Refusal {
    fn from(e: &ImportError) -> Self {
        match e {
            ImportError::NotJson(d) => Refusal::NotJson(d.clone()),
            ImportError::NotAResultFile => Refusal::NotAResultFile,
            ImportError::UnsupportedVersion { found, .. } => Refusal::UnsupportedVersion(*found),
            ImportError::Malformed(d) => Refusal::Malformed(d.clone()),
            ImportError::UnknownQuestionnaire { id, version } => Refusal::UnknownQuestionnaire {
                id: id.clone(),
                version: version.clone(),
            },
            ImportError::BadAnswers(list) => {
                Refusal::BadAnswers(u32::try_from(list.len()).unwrap_or(u32::MAX))
            }
            ImportError::ScoresMismatch { what, .. } => Refusal::ScoresMismatch(what.clone()),
        }
    }
}

impl From<&RecordError> for Refusal {
    fn from(e: &RecordError) -> Self {
        match e {
            RecordError::Record(e) | RecordError::Code(CodeError::Record(e)) => Refusal::from(e),
            RecordError::Code(CodeError::NotACode) => Refusal::NotACode,
            RecordError::Code(CodeError::NewerFormat { found, .. }) => Refusal::NewerCode(*found),
            RecordError::Code(CodeError::CutOff { .. }) => Refusal::CutOffCode,
            RecordError::Code(CodeError::Corrupt) => Refusal::DamagedCode,
            RecordError::NoCodes => Refusal::NoCodes,
            RecordError::Bundle(BundleError::NotJson(d)) => Refusal::NotJson(d.clone()),
            RecordError::Bundle(BundleError::NotABundle) => Refusal::NotABundle,
            RecordError::Bundle(BundleError::UnsupportedVersion { found, .. }) => {
                Refusal::UnsupportedVersion(*found)
            }
            RecordError::Csv(p) => Refusal::Csv(match p {
                CsvProblem::Unreadable(m) => CsvRefusal::Unreadable(m.clone()),
                CsvProblem::MissingColumn(c) => CsvRefusal::MissingColumn(c.clone()),
                CsvProblem::BadValue { column, value } => CsvRefusal::BadValue {
                    column: column.clone(),
                    value: value.clone(),
                },
            }),
            RecordError::Empty => Refusal::Empty,
        }
    }
}

impl From<&Rejected> for Refused {
    fn from(r: &Rejected) -> Self {
        Refused {
            file: r.file.clone(),
            position: r.position,
            reason: Refusal::from(&r.reason),
        }
    }
}
