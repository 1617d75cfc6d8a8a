//! A tally split over several workers. The input is cut into byte ranges of about equal size (JSON Lines files at
//! any byte, other files whole); each range is read and its records prepared on its own; the parts are then merged
//! in input order. A line belongs to the range holding its first byte, so every line is read exactly once, and the
//! figures and the refused lines' numbers are those of one reader going through the files in order.
use super::questionnaire::Questionnaire;
use super::records::{
    Rejected, RejectedCode, is_jsonl, read_file_into, read_jsonl_chunk, unreadable,
};
use super::result_file::ResultFile;
use super::scoring::Assessment;
use super::tally::{Prepared, Tally, TallyBuilder, TallyContext};
use serde::{Deserialize, Serialize};

/// Bytes `start..end` of input file `file` (an index into the list of files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByteRange {
    /// The file's position in the input.
    pub file: usize,
    /// First byte.
    pub start: u64,
    /// One past the last byte.
    pub end: u64,
}

/// Splits the input, given each file's name and size, into at most `parts` lists of ranges of about equal size,
/// in input order. Only JSON Lines files are cut; every file appears, an empty one as an empty range.
pub fn split(files: &[(&str, u64)], parts: usize) -> Vec<Vec<ByteRange>> {
    let parts = parts.max(1);
    let total: u64 = files.iter().map(|f| f.1).sum();
    let share = total.div_ceil(parts as u64).max(1);
    let mut out: Vec<Vec<ByteRange>> = vec![Vec::new()];
    let mut room = share;
    for (file, &(name, size)) in files.iter().enumerate() {
        let mut start = 0;
        loop {
            let left = size - start;
            let last_part = out.len() == parts;
            if left <= room || last_part || !is_jsonl(name) {
                if let Some(p) = out.last_mut() {
                    p.push(ByteRange {
                        file,
                        start,
                        end: size,
                    });
                }
                room = room.saturating_sub(left);
                break;
            }
            if room > 0
                && let Some(p) = out.last_mut()
            {
                p.push(ByteRange {
                    file,
                    start,
                    end: start + room,
                });
                start += room;
            }
            out.push(Vec::new());
            room = share;
        }
        if room == 0 && out.len() < parts && file + 1 < files.len() {
            out.push(Vec::new());
            room = share;
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// What one range gave.
#[derive(Serialize, Deserialize)]
pub struct RangeResult {
    /// The file's position in the input.
    pub file: usize,
    /// Lines read (line ends), so that the next range of the same file numbers its lines after them.
    pub lines: usize,
    /// Refused records and lines, numbered from 1 within the range (0: the whole file).
    pub rejected: Vec<RejectedCode>,
    /// The valid records, prepared, in order.
    pub prepared: Vec<Prepared>,
}

/// Why a range could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// Reads the lines of a JSON Lines range, handing each valid record to `sink`; returns the lines read and the
/// refused ones (numbered from 1 within the range). `read(a, b)` gives bytes `a..b` of the file, at most `slice`
/// at a time; `progress` hears how many bytes of the range were read.
///
/// # Errors
/// [`Unreadable`] when `read` fails.
#[allow(clippy::too_many_arguments)]
pub fn read_jsonl_range(
    name: &str,
    size: u64,
    range: ByteRange,
    slice: u64,
    read: &mut dyn FnMut(u64, u64) -> Option<Vec<u8>>,
    qs: &[&Questionnaire],
    sink: &mut dyn FnMut(&ResultFile, &Questionnaire, &Assessment),
    progress: &mut dyn FnMut(u64),
) -> Result<(usize, Vec<Rejected>), Unreadable> {
    let slice = slice.max(1);
    let end = range.end.min(size);
    let (mut carry, mut carry_start, mut pos) = (Vec::new(), range.start, range.start);
    if range.start > 0 {
        // The line holding byte start − 1 began in the range before: skip to the end of it.
        let mut p = range.start - 1;
        loop {
            if p >= size {
                return Ok((0, Vec::new()));
            }
            let to = (p + slice).min(size);
            let bytes = read(p, to).ok_or(Unreadable)?;
            pos = to;
            if let Some(i) = bytes.iter().position(|b| *b == b'\n') {
                carry = bytes.get(i + 1..).unwrap_or_default().to_vec();
                carry_start = p + i as u64 + 1;
                break;
            }
            p = to;
        }
        if end < size && carry_start >= end {
            // One long line covers the whole range.
            return Ok((0, Vec::new()));
        }
    }
    let (mut lines, mut rejected) = (0usize, Vec::new());
    loop {
        if carry_start == 0 && carry.starts_with(b"\xEF\xBB\xBF") {
            carry.drain(..3);
            carry_start = 3;
        }
        // The range's last line is the one holding byte end − 1.
        let boundary = if end >= size {
            None
        } else {
            let from = usize::try_from((end - 1).saturating_sub(carry_start)).unwrap_or(usize::MAX);
            carry
                .get(from..)
                .and_then(|t| t.iter().position(|b| *b == b'\n'))
                .map(|i| from + i + 1)
        };
        let (cut, last) = match boundary {
            Some(b) => (b, true),
            None if pos >= size => (carry.len(), true),
            None => (
                carry.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1),
                false,
            ),
        };
        if cut > 0 {
            let chunk = carry.get(..cut).unwrap_or_default();
            rejected.extend(read_jsonl_chunk(name, lines + 1, chunk, qs, sink));
            lines += chunk.iter().filter(|b| **b == b'\n').count();
            carry.drain(..cut);
            carry_start += cut as u64;
        }
        if last {
            return Ok((lines, rejected));
        }
        let to = (pos + slice).min(size);
        carry.extend_from_slice(&read(pos, to).ok_or(Unreadable)?);
        pos = to;
        progress(pos - range.start);
    }
}

/// Reads one range and prepares its records: a JSON Lines range line by line, any other file (and a JSON Lines
/// file small enough to read at once, so that an empty one is reported as such) whole.
#[allow(clippy::too_many_arguments)]
pub fn read_range(
    ctx: &TallyContext<'_>,
    name: &str,
    size: u64,
    range: ByteRange,
    slice: u64,
    read: &mut dyn FnMut(u64, u64) -> Option<Vec<u8>>,
    progress: &mut dyn FnMut(u64),
) -> RangeResult {
    let mut prepared = Vec::new();
    let mut sink = |r: &ResultFile, q: &Questionnaire, a: &Assessment| {
        prepared.push(TallyBuilder::prepare(ctx, r, q, a));
    };
    let whole = range.start == 0 && range.end >= size && size <= slice;
    let outcome = if is_jsonl(name) && !whole {
        read_jsonl_range(
            name,
            size,
            range,
            slice,
            read,
            ctx.questionnaires,
            &mut sink,
            progress,
        )
    } else {
        match read(0, size).map(String::from_utf8) {
            None => Err(Unreadable),
            Some(Err(_)) => Ok((0, vec![super::records::not_text(name)])),
            Some(Ok(text)) => {
                let r = read_file_into(name, &text, ctx.questionnaires, &mut sink);
                progress(size);
                Ok((0, r))
            }
        }
    };
    let (lines, rejected) = match outcome {
        Ok((lines, r)) => (lines, r.iter().map(RejectedCode::from).collect()),
        Err(Unreadable) => (0, vec![unreadable(name)]),
    };
    RangeResult {
        file: range.file,
        lines,
        rejected,
        prepared,
    }
}

/// Merges the ranges, in input order, into the tally and the list of refusals with their line numbers in the whole
/// file (a file unreadable in several ranges is reported once).
pub fn merge(
    ctx: &TallyContext<'_>,
    ranges: impl IntoIterator<Item = RangeResult>,
) -> (Tally, Vec<RejectedCode>) {
    let mut builder = TallyBuilder::new(ctx);
    let mut rejected: Vec<RejectedCode> = Vec::new();
    let mut offsets: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for r in ranges {
        let offset = offsets.entry(r.file).or_insert(0);
        for mut code in r.rejected {
            if code.position > 0 {
                code.position += *offset;
            } else if rejected.contains(&code) {
                continue;
            }
            rejected.push(code);
        }
        *offset += r.lines;
        for p in r.prepared {
            builder.admit(p);
        }
    }
    (builder.finish(), rejected)
}
