//! JSON Lines: one compact result file per line, read whole or in pieces of any size (the tally's fast path reads
//! each line straight from its bytes; a line it cannot read takes the careful path, which says why).
use super::{Read, RecordError, Rejected};
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::scoring::Assessment;
use crate::domain::records::result_file::{ImportError, ResultFile, ShownSink};

/// JSON Lines: one compact result file per line; blank lines are skipped; positions are line numbers.
pub fn read_jsonl(name: &str, body: &str, qs: &[&Questionnaire]) -> Read {
    let mut out = Read::default();
    for (i, line) in body.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match ResultFile::parse(line, qs) {
            Ok((f, _)) => out.records.push(f),
            Err(e) => out.rejected.push(Rejected {
                file: name.into(),
                position: i + 1,
                reason: RecordError::Record(e),
            }),
        }
    }
    out
}

/// Writes records as JSON Lines (compact, one per line).
pub fn to_jsonl(records: &[ResultFile]) -> String {
    let mut out = String::new();
    for r in records {
        if let Ok(line) = serde_json::to_string(r) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// Reads the lines of (a chunk of) a JSON Lines file whose first line is line `first`, handing each valid record
/// with its recomputed assessment to `sink`, in order; returns the refused lines. A line that is not UTF-8 is refused
/// on its own; blank lines are skipped. A chunk must end at a line end (or at the end of the file).
pub fn read_jsonl_chunk(
    name: &str,
    first: usize,
    bytes: &[u8],
    qs: &[&Questionnaire],
    sink: &mut dyn FnMut(&ResultFile, &Questionnaire, &Assessment),
) -> Vec<Rejected> {
    read_jsonl_lines(name, first, bytes, qs, sink).1
}

/// As [`read_jsonl_chunk`], also returning how many line ends the chunk holds (so that the next chunk's lines are
/// numbered without counting them again).
pub fn read_jsonl_lines(
    name: &str,
    first: usize,
    bytes: &[u8],
    qs: &[&Questionnaire],
    sink: &mut dyn FnMut(&ResultFile, &Questionnaire, &Assessment),
) -> (usize, Vec<Rejected>) {
    read_jsonl_shown(name, first, bytes, qs, &mut |f, q, a, _| sink(f, q, a))
}

/// As [`read_jsonl_lines`], handing each record on with the answers its conditions see (the tally's fast path; see
/// [`ResultFile::check_shown`]).
pub fn read_jsonl_shown(
    name: &str,
    first: usize,
    bytes: &[u8],
    qs: &[&Questionnaire],
    sink: &mut ShownSink<'_>,
) -> (usize, Vec<Rejected>) {
    let mut rejected = Vec::new();
    let mut ends = 0;
    let mut start = 0;
    let cuts = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for (i, end) in cuts.enumerate() {
        ends = i;
        let raw = bytes.get(start..end).unwrap_or_default();
        start = end + 1;
        let reject = |reason| Rejected {
            file: name.into(),
            position: first + i,
            reason,
        };
        // Most lines are whole records: read straight from the bytes. Anything else takes the careful path
        // below, which says why (the same verdict: serde_json reads only UTF-8, and a record only between JSON
        // whitespace, which both paths trim).
        let fast = raw.trim_ascii();
        if fast.is_empty() {
            continue;
        }
        if let Some(read) = ResultFile::parse_shown_bytes(fast, qs, sink) {
            if let Err(e) = read {
                rejected.push(reject(RecordError::Record(e)));
            }
            continue;
        }
        let Ok(line) = std::str::from_utf8(raw) else {
            rejected.push(reject(RecordError::Record(ImportError::NotJson(
                "the line is not UTF-8 text".into(),
            ))));
            continue;
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Err(e) = ResultFile::parse_shown(line, qs, sink) {
            rejected.push(reject(RecordError::Record(e)));
        }
    }
    (ends, rejected)
}
