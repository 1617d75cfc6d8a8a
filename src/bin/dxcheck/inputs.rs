//! Finding the input files and reading them on every core: JSON Lines in pieces of a few megabytes, other files
//! whole, each piece's records checked and prepared on a worker thread and admitted in input order.
use dx_check::domain::province::parts::{
    ByteRange, RangeOutcome, Unreadable, prepare_range, split,
};
use dx_check::domain::province::tally::{Prepared, TallyBuilder, TallyContext};
use dx_check::domain::records::reader::Rejected;
use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Files named on the command line are read whatever their extension; directories are searched (recursively, in
/// name order) for .json, .jsonl, .ndjson, .csv and .txt files (texts holding result links or codes).
pub fn files_under(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for p in entries {
            let known = p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(
                    e.to_lowercase().as_str(),
                    "json" | "jsonl" | "ndjson" | "csv" | "txt"
                )
            });
            if p.is_dir() {
                walk(&p, out);
            } else if known {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// JSON Lines files are cut into pieces of about this size, each read by one worker thread.
const PIECE_BYTES: u64 = 4 << 20;
/// Bytes a worker reads at a time (the last line of a piece is read past its end).
const SLICE_BYTES: u64 = 256 << 10;

/// One input file.
pub struct Input {
    pub path: PathBuf,
    pub name: String,
    pub size: u64,
}

/// What a worker thread made of one piece of the input.
struct Piece {
    file: usize,
    /// Lines read (line ends) and the refusals, numbered from 1 within the piece.
    outcome: RangeOutcome,
    prepared: Vec<Prepared>,
    /// Why the file could not be read, when it could not.
    error: Option<String>,
}

/// Reads one piece of the input (opening its file for itself) and prepares its records.
fn read_piece(ctx: &TallyContext<'_>, inputs: &[Input], range: ByteRange) -> Piece {
    let mut error = None;
    let (outcome, prepared) = match inputs.get(range.file) {
        Some(input) => {
            let mut file: Option<std::fs::File> = None;
            let mut read = |a: u64, b: u64, buf: &mut Vec<u8>| {
                let f = match file.take() {
                    Some(f) => f,
                    None => match std::fs::File::open(&input.path) {
                        Ok(f) => f,
                        Err(e) => {
                            error = Some(e.to_string());
                            return false;
                        }
                    },
                };
                let (old, len) = (buf.len(), b.saturating_sub(a));
                buf.reserve(usize::try_from(len).unwrap_or(0));
                // Read into the buffer's spare room (no zeroing first); a file cut short is an error.
                let got = (&f)
                    .seek(SeekFrom::Start(a))
                    .and_then(|_| (&f).take(len).read_to_end(buf))
                    .and_then(|n| match u64::try_from(n) {
                        Ok(n) if n == len => Ok(()),
                        _ => Err(std::io::ErrorKind::UnexpectedEof.into()),
                    });
                file = Some(f);
                if let Err(e) = got {
                    buf.truncate(old);
                    error = Some(e.to_string());
                    return false;
                }
                true
            };
            prepare_range(
                ctx,
                &input.name,
                input.size,
                range,
                SLICE_BYTES,
                &mut read,
                &mut |_| {},
            )
        }
        None => (Err(Unreadable), Vec::new()),
    };
    Piece {
        file: range.file,
        outcome,
        prepared,
        error,
    }
}

/// Makes items `0..n` on one thread per core, each taking the next item to make, and hands them to `take` on
/// this thread in order (those made early wait for the ones before them).
pub fn in_order_on_threads<T: Send>(
    n: usize,
    make: impl Fn(usize) -> T + Sync,
    mut take: impl FnMut(T),
) {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(n)
        .max(1);
    let next = AtomicUsize::new(0);
    let (done_tx, done_rx) = mpsc::sync_channel::<(usize, T)>(threads * 4);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (next, make) = (&next, &make);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n || done_tx.send((i, make(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
        let mut next_to_take = 0;
        for (i, item) in done_rx {
            waiting.insert(i, item);
            while let Some(item) = waiting.remove(&next_to_take) {
                next_to_take += 1;
                take(item);
            }
        }
    });
}

/// Tallies the input on one worker thread per core. JSON Lines files are cut into pieces at any byte (a line
/// belongs to the piece holding its first byte, see `domain::parts`), other files are read whole; each worker takes
/// the next piece, reads it and prepares its records; this thread admits the pieces in input order, so the figures
/// and the refused lines' numbers never depend on the number of threads. Returns how many files could not be read
/// (in whole or in part).
pub fn tally_inputs(
    inputs: &[Input],
    ctx: &TallyContext<'_>,
    builder: &mut TallyBuilder<'_>,
    rejected: &mut Vec<Rejected>,
) -> u32 {
    let sizes: Vec<(&str, u64)> = inputs.iter().map(|i| (i.name.as_str(), i.size)).collect();
    let total: u64 = sizes.iter().map(|s| s.1).sum();
    let count = usize::try_from(total / PIECE_BYTES)
        .unwrap_or(usize::MAX)
        .max(1);
    let pieces: Vec<ByteRange> = split(&sizes, count).into_iter().flatten().collect();
    let mut lines = vec![0usize; inputs.len()];
    let mut failed = vec![false; inputs.len()];
    let mut unreadable = 0u32;
    in_order_on_threads(
        pieces.len(),
        |i| pieces.get(i).map(|range| read_piece(ctx, inputs, *range)),
        |piece| {
            let Some(piece) = piece else {
                return;
            };
            match piece.outcome {
                Ok((read, refused)) => {
                    let before = lines.get(piece.file).copied().unwrap_or(0);
                    rejected.extend(refused.into_iter().map(|mut r| {
                        if r.position > 0 {
                            r.position += before;
                        }
                        r
                    }));
                    if let Some(l) = lines.get_mut(piece.file) {
                        *l += read;
                    }
                }
                Err(Unreadable) => {
                    if let Some(f) = failed.get_mut(piece.file)
                        && !*f
                    {
                        *f = true;
                        unreadable += 1;
                        let name = inputs.get(piece.file).map_or("", |i| i.name.as_str());
                        let why = piece.error.as_deref().unwrap_or("unreadable");
                        eprintln!("dxcheck: cannot read all of {name}: {why}");
                    }
                }
            }
            for p in piece.prepared {
                builder.admit(p);
            }
        },
    );
    unreadable
}
