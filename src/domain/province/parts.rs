//! A tally split over several workers. The input is cut into byte ranges of about equal size (JSON Lines files at
//! any byte, other files whole); each range is read and its records prepared on its own; the parts are then merged
//! in input order. A line belongs to the range holding its first byte, so every line is read exactly once, and the
//! figures and the refused lines' numbers are those of one reader going through the files in order.
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::scoring::Assessment;
use crate::domain::province::support::Assessed;
use crate::domain::province::tally::{
    Admission, Lines, Prepared, Tally, TallyBuilder, TallyContext,
};
use crate::domain::records::reader::{
    Refused, Rejected, is_jsonl, read_bytes_into, read_jsonl_shown, unreadable,
};
use crate::domain::records::result_file::{ResultFile, ShownSink};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    pub rejected: Vec<Refused>,
    /// The valid records, prepared, in order.
    pub prepared: Vec<Prepared>,
}

/// The ranges' results as they cross from one worker to another (postcard: compact, and several times faster to
/// read back than JSON).
pub fn encode(ranges: &[RangeResult]) -> Vec<u8> {
    postcard::to_allocvec(ranges).unwrap_or_default()
}

/// Reads back [`encode`]d results.
///
/// # Errors
/// A message when the bytes are not results (they only ever come from another worker of the same build).
pub fn decode(bytes: &[u8]) -> Result<Vec<RangeResult>, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("a worker's part is damaged: {e}"))
}

/// Why a range could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// What reading a range gave: the lines read (line ends) and the refused ones, numbered from 1 within the range;
/// or that the file could not be read.
pub type RangeOutcome = Result<(usize, Vec<Rejected>), Unreadable>;

/// Reads the lines of a JSON Lines range as its bytes come: ask [`RangeReader::want`] which bytes to fetch next,
/// append them to [`RangeReader::buffer`], say [`RangeReader::received`], then [`RangeReader::work`] through the
/// complete lines. Fetching the next bytes may start before the work on the last ones, so reading the file and
/// checking records overlap.
pub struct RangeReader<'n> {
    name: &'n str,
    size: u64,
    end: u64,
    slice: u64,
    /// Bytes received and not read yet; they start at file offset `carry_start`.
    carry: Vec<u8>,
    carry_start: u64,
    /// The next byte to fetch.
    pos: u64,
    /// Still looking for the end of the line that began in the range before.
    skipping: bool,
    /// Where the range's last line ends in `carry`, once it has come.
    last_cut: Option<usize>,
    done: bool,
    lines: usize,
    rejected: Vec<Rejected>,
}

impl<'n> RangeReader<'n> {
    /// A reader of `range` of a file of `size` bytes, fetched `slice` bytes at a time.
    pub fn new(name: &'n str, size: u64, range: ByteRange, slice: u64) -> Self {
        // The line holding byte start − 1 began in the range before: the range starts after its end.
        let skipping = range.start > 0;
        let pos = if skipping {
            range.start - 1
        } else {
            range.start
        };
        RangeReader {
            name,
            size,
            end: range.end.min(size),
            slice: slice.max(1),
            carry: Vec::new(),
            carry_start: pos,
            pos,
            skipping,
            last_cut: None,
            done: pos >= size,
            lines: 0,
            rejected: Vec::new(),
        }
    }

    /// The bytes to fetch next, or `None` when the range has all it needs.
    pub fn want(&self) -> Option<(u64, u64)> {
        (!self.done && self.last_cut.is_none())
            .then(|| (self.pos, (self.pos + self.slice).min(self.size)))
    }

    /// Where the bytes asked for go: append them here.
    pub fn buffer(&mut self) -> &mut Vec<u8> {
        &mut self.carry
    }

    /// Says the bytes up to `to` (the end of the last [`RangeReader::want`]) have been appended.
    pub fn received(&mut self, to: u64) {
        self.pos = to;
        if self.skipping {
            match self.carry.iter().position(|b| *b == b'\n') {
                Some(i) => {
                    self.carry.drain(..=i);
                    self.carry_start += i as u64 + 1;
                    self.skipping = false;
                    if self.end < self.size && self.carry_start >= self.end {
                        // One long line covers the whole range.
                        self.done = true;
                        self.carry.clear();
                        return;
                    }
                }
                None => {
                    self.carry_start += self.carry.len() as u64;
                    self.carry.clear();
                    self.done = self.pos >= self.size;
                    return;
                }
            }
        }
        if self.carry_start == 0 && self.carry.starts_with(b"\xEF\xBB\xBF") {
            self.carry.drain(..3);
            self.carry_start = 3;
        }
        // The range's last line is the one holding byte end − 1.
        self.last_cut = if self.end >= self.size {
            (self.pos >= self.size).then_some(self.carry.len())
        } else {
            let from = usize::try_from((self.end - 1).saturating_sub(self.carry_start))
                .unwrap_or(usize::MAX);
            self.carry
                .get(from..)
                .and_then(|t| t.iter().position(|b| *b == b'\n'))
                .map(|i| from + i + 1)
        };
    }

    /// Reads every complete line received so far that belongs to the range, handing each valid record to `sink`.
    pub fn work(&mut self, qs: &[&Questionnaire], sink: &mut ShownSink<'_>) {
        if self.skipping || self.done {
            return;
        }
        let cut = match self.last_cut {
            Some(c) => c,
            None => self
                .carry
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1),
        };
        if cut > 0 {
            let chunk = self.carry.get(..cut).unwrap_or_default();
            let (ends, refused) = read_jsonl_shown(self.name, self.lines + 1, chunk, qs, sink);
            self.rejected.extend(refused);
            self.lines += ends;
            self.carry.drain(..cut);
            self.carry_start += cut as u64;
        }
        if self.last_cut.is_some() {
            self.done = true;
        }
    }

    /// The lines read (line ends) and the refused ones, numbered from 1 within the range.
    pub fn finish(self) -> (usize, Vec<Rejected>) {
        (self.lines, self.rejected)
    }
}

/// Reads the lines of a JSON Lines range, handing each valid record to `sink`; returns the lines read and the
/// refused ones (numbered from 1 within the range). `read(a, b, buf)` appends bytes `a..b` of the file to `buf`
/// (false if it cannot), at most `slice` at a time; `progress` hears how many bytes of the range were read.
///
/// # Errors
/// [`Unreadable`] when `read` fails.
#[allow(clippy::too_many_arguments)]
pub fn read_jsonl_range(
    name: &str,
    size: u64,
    range: ByteRange,
    slice: u64,
    read: &mut dyn FnMut(u64, u64, &mut Vec<u8>) -> bool,
    qs: &[&Questionnaire],
    sink: &mut ShownSink<'_>,
    progress: &mut dyn FnMut(u64),
) -> RangeOutcome {
    let mut reader = RangeReader::new(name, size, range, slice);
    while let Some((a, b)) = reader.want() {
        if !read(a, b, reader.buffer()) {
            return Err(Unreadable);
        }
        reader.received(b);
        reader.work(qs, sink);
        progress(b.saturating_sub(range.start));
    }
    Ok(reader.finish())
}

/// What a range gave, once read: `outcome` is the lines read and the refusals, or that the file is unreadable.
pub fn range_result(
    name: &str,
    file: usize,
    outcome: RangeOutcome,
    prepared: Vec<Prepared>,
) -> RangeResult {
    let (lines, rejected) = match outcome {
        Ok((lines, r)) => (lines, r.iter().map(Refused::from).collect()),
        Err(Unreadable) => (0, vec![unreadable(name)]),
    };
    RangeResult {
        file,
        lines,
        rejected,
        prepared,
    }
}

/// Reads a whole file of any kind (its bytes, or `None` when it could not be read), handing each valid record to
/// `sink`; returns the refused records.
///
/// # Errors
/// [`Unreadable`] when there are no bytes.
pub fn read_whole(
    name: &str,
    bytes: Option<Vec<u8>>,
    qs: &[&Questionnaire],
    sink: &mut dyn FnMut(&ResultFile, &Questionnaire, &Assessment),
) -> RangeOutcome {
    let bytes = bytes.ok_or(Unreadable)?;
    Ok((0, read_bytes_into(name, bytes, qs, sink)))
}

/// Whether a range is read whole rather than line by line: any file but JSON Lines, and a JSON Lines file small
/// enough to read at once (so that an empty one is reported as such).
pub fn reads_whole(name: &str, size: u64, range: ByteRange, slice: u64) -> bool {
    !is_jsonl(name) || (range.start == 0 && range.end >= size && size <= slice)
}

/// Reads one range and prepares its records (see [`reads_whole`] for how).
#[allow(clippy::too_many_arguments)]
pub fn read_range(
    ctx: &TallyContext<'_>,
    name: &str,
    size: u64,
    range: ByteRange,
    slice: u64,
    read: &mut dyn FnMut(u64, u64, &mut Vec<u8>) -> bool,
    progress: &mut dyn FnMut(u64),
) -> RangeResult {
    let (outcome, prepared) = prepare_range(ctx, name, size, range, slice, read, progress);
    range_result(name, range.file, outcome, prepared)
}

/// As [`read_range`], with the refusals as they are (the command line prints them; the browser's workers pass
/// their codes on) and the prepared records apart.
#[allow(clippy::too_many_arguments)]
pub fn prepare_range(
    ctx: &TallyContext<'_>,
    name: &str,
    size: u64,
    range: ByteRange,
    slice: u64,
    read: &mut dyn FnMut(u64, u64, &mut Vec<u8>) -> bool,
    progress: &mut dyn FnMut(u64),
) -> (RangeOutcome, Vec<Prepared>) {
    // Room for a record per 1.5 KB of the range (a record this app writes takes about 1.8 KB): the list is not
    // copied as it grows, and room never used is never touched.
    let bytes = range.end.saturating_sub(range.start);
    let mut prepared = Vec::with_capacity(usize::try_from(bytes / 1536).unwrap_or(0).min(1 << 20));
    let mut sink =
        |r: &ResultFile, q: &Questionnaire, a: &Assessment, shown: Option<&[Option<&Answer>]>| {
            prepared.push(TallyBuilder::prepare_shown(ctx, r, q, a, shown));
        };
    let outcome = if reads_whole(name, size, range, slice) {
        let mut bytes = Vec::new();
        let ok = read(0, size, &mut bytes);
        let mut whole = |r: &ResultFile, q: &Questionnaire, a: &Assessment| sink(r, q, a, None);
        let outcome = read_whole(name, ok.then_some(bytes), ctx.questionnaires, &mut whole);
        progress(size);
        outcome
    } else {
        read_jsonl_range(
            name,
            size,
            range,
            slice,
            read,
            ctx.questionnaires,
            &mut |r, q, a, shown| sink(r, q, a, Some(shown)),
            progress,
        )
    };
    (outcome, prepared)
}

/// Merges the ranges, in input order, into the tally and the list of refusals with their line numbers in the whole
/// file (a file unreadable in several ranges is reported once).
pub fn merge(
    ctx: &TallyContext<'_>,
    ranges: impl IntoIterator<Item = RangeResult>,
) -> (Tally, Vec<Refused>) {
    let merged = merge_figures(ctx, ranges, None);
    let mut tally = merged.tally;
    tally.enterprises = merged.lines.build();
    (tally, merged.rejected)
}

/// What [`merge_figures`] gives.
pub struct Merged {
    /// The figures, the enterprise list left out.
    pub tally: Tally,
    /// The enterprise list, to build.
    pub lines: Lines,
    /// The refusals.
    pub rejected: Vec<Refused>,
    /// What each valid record of the watched file did, in its order.
    pub watched: Vec<Admission>,
}

/// As [`merge`], with the enterprise list left to build from [`Merged::lines`]; with `watch`, also what each valid
/// record of that input file did (the codes just pasted: new, already there, or updated).
pub fn merge_figures(
    ctx: &TallyContext<'_>,
    ranges: impl IntoIterator<Item = RangeResult>,
    watch: Option<usize>,
) -> Merged {
    merge_with_facts(ctx, ranges, watch, false).0
}

/// As [`merge_figures`]; with `facts`, also what the results say of each enterprise, for the support register and
/// the registry (`TallyBuilder::assessed`).
pub fn merge_with_facts(
    ctx: &TallyContext<'_>,
    ranges: impl IntoIterator<Item = RangeResult>,
    watch: Option<usize>,
    facts: bool,
) -> (Merged, Option<BTreeMap<String, Assessed>>) {
    let ranges: Vec<RangeResult> = ranges.into_iter().collect();
    let mut builder = TallyBuilder::new(ctx);
    builder.reserve(ranges.iter().map(|r| r.prepared.len()).sum());
    let mut rejected: Vec<Refused> = Vec::new();
    let mut offsets: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut watched = Vec::new();
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
        if watch == Some(r.file) {
            watched.extend(r.prepared.into_iter().map(|p| builder.admit(p)));
        } else {
            for p in r.prepared {
                builder.admit(p);
            }
        }
    }
    let assessed = facts.then(|| builder.assessed());
    let (tally, lines) = builder.finish_figures();
    (
        Merged {
            tally,
            lines,
            rejected,
            watched,
        },
        assessed,
    )
}
