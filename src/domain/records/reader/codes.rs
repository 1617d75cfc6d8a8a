//! Texts of result links or codes (a copied chat, a `.txt` file): each code is a record, numbered by its line.
use super::{Read, RecordError, Rejected};
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::records::result_code::decode_all;

/// Whether a file is a text of result links or codes: a `.txt` file, or text that starts with a link or a code.
pub(super) fn is_text_of_codes(name: &str, body: &str) -> bool {
    name.to_lowercase().ends_with(".txt") || body.starts_with("dx") || body.starts_with("http")
}

/// A text holding result links or codes (a copied chat, a list): each code is checked on its own; positions are
/// line numbers.
pub fn read_codes(name: &str, body: &str, qs: &[&Questionnaire]) -> Read {
    let found = decode_all(body, qs);
    let mut out = Read::default();
    if found.is_empty() {
        out.rejected.push(Rejected {
            file: name.into(),
            position: 0,
            reason: RecordError::NoCodes,
        });
    }
    for (line, r) in found {
        match r {
            Ok(r) => out.records.push(r),
            Err(e) => out.rejected.push(Rejected {
                file: name.into(),
                position: line,
                reason: RecordError::Code(e),
            }),
        }
    }
    out
}
