//! `dxcheck`: the command line for provinces and developers, on the same domain code as the app (never built for
//! the browser). `tally` streams result files, bundles, JSON Lines and CSV exports into the province figures;
//! `validate` checks data files; `generate` writes deterministic sample records as JSON Lines; `code` and `decode`
//! turn records into result codes (or links) and back.
use clap::{Parser, Subcommand, ValueEnum};
use dx_check::domain::advice::recommend::Programmes;
use dx_check::domain::assessment::locale::LocaleTable;
use dx_check::domain::assessment::questionnaire::Questionnaire;
use dx_check::domain::catalog::Catalog;
use dx_check::domain::province::generate::Generator;
use dx_check::domain::province::parts::{
    ByteRange, RangeOutcome, Unreadable, prepare_range, split,
};
use dx_check::domain::province::tally::{
    Levels, Lines, Prepared, Tally, TallyBuilder, TallyContext,
};
use dx_check::domain::records::geo::Provinces;
use dx_check::domain::records::reader::Rejected;
use dx_check::domain::records::result_code::{CodeError, ResultCode, find_codes};
use dx_check::domain::records::size::SizeRules;
use std::collections::BTreeMap;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

#[derive(Parser)]
#[command(
    name = "dxcheck",
    version,
    about = "DX Check on the command line: tally result files, validate data, generate samples"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Tally result files, workshop bundles, JSON Lines and CSV exports (files or directories).
    Tally {
        /// Files or directories (searched for .json, .jsonl, .ndjson, .csv, and .txt holding result links or codes).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The province's target, in enterprises.
        #[arg(long, default_value_t = 1000)]
        target: u32,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Leave the enterprise list (one line per counted enterprise) out of the JSON: the figures alone, as for
        /// a report. Table and CSV never list enterprises.
        #[arg(long)]
        figures_only: bool,
    },
    /// Convert result records (any supported file) into the app's CSV for one questionnaire.
    Csv {
        /// Files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The questionnaire whose records to write.
        #[arg(long, default_value = "quick")]
        questionnaire: String,
    },
    /// Validate data files (questionnaires, locale, provinces, size rules, programmes).
    Validate {
        /// The files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the result file of a result code or link (checked and re-scored as an imported file is). With several
    /// codes, or `-` to read a text (a copied chat) from stdin, one result per line.
    Decode {
        /// Codes, links, or `-` for stdin.
        #[arg(required = true)]
        codes: Vec<String>,
    },
    /// Print the result code of every valid record in the files (or its link, with `--base`), one per line.
    Code {
        /// Files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The app's URL, to print result links (`<base>#/r/<code>`) instead of bare codes.
        #[arg(long)]
        base: Option<String>,
    },
    /// Write N realistic result records as JSON Lines to stdout; the same seed gives the same records.
    Generate {
        /// How many records.
        n: usize,
        /// The seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// Files named on the command line are read whatever their extension; directories are searched (recursively, in
/// name order) for .json, .jsonl, .ndjson, .csv and .txt files (texts holding result links or codes).
fn files_under(paths: &[PathBuf]) -> Vec<PathBuf> {
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
struct Input {
    path: PathBuf,
    name: String,
    size: u64,
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
fn in_order_on_threads<T: Send>(
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
fn tally_inputs(
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

fn tally(
    paths: &[PathBuf],
    target: u32,
    format: Format,
    figures_only: bool,
    catalog: &Catalog,
) -> ExitCode {
    let qs = catalog.questionnaire_refs();
    let ctx = TallyContext {
        questionnaires: &qs,
        sizes: &catalog.size_rules,
        programmes: &catalog.programmes,
        target,
    };
    let mut builder = TallyBuilder::new(&ctx);
    let mut rejected: Vec<Rejected> = Vec::new();
    // Files that could not be read, in whole or in part: the tally is still printed, and the exit status says it
    // is partial.
    let mut unreadable = 0u32;
    let mut inputs = Vec::new();
    for path in files_under(paths) {
        let name = path.display().to_string();
        match std::fs::metadata(&path) {
            Ok(m) => inputs.push(Input {
                path,
                name,
                size: m.len(),
            }),
            Err(e) => {
                eprintln!("dxcheck: cannot open {name}: {e}");
                unreadable += 1;
            }
        }
    }
    // Generated records take about 1.8 KB each: room for as many as the input could hold at 1.5 KB.
    let bytes: u64 = inputs.iter().map(|i| i.size).sum();
    builder.reserve(usize::try_from(bytes / 1536).unwrap_or(0).min(1 << 26));
    unreadable += tally_inputs(&inputs, &ctx, &mut builder, &mut rejected);
    let (t, lines) = builder.finish_figures();
    for r in rejected.iter().take(50) {
        eprintln!("rejected {}:{}: {}", r.file, r.position, r.reason);
    }
    if rejected.len() > 50 {
        eprintln!("… and {} more rejected records", rejected.len() - 50);
    }
    let out = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, out.lock());
    let written = match format {
        Format::Json => write_json(
            &mut out,
            &t,
            (!figures_only).then_some(&lines),
            LINES_PER_PART,
        ),
        Format::Csv => write_csv(&mut out, &t),
        Format::Table => write_table(&mut out, &t, rejected.len()),
    }
    .and_then(|()| out.flush());
    // A million records leave millions of small allocations: the system takes them back at exit faster than
    // freeing them one by one would (0.3 s at a million).
    std::mem::forget((t, lines, rejected));
    if written.is_err() || unreadable > 0 {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Enterprise lines serialised together by one thread.
const LINES_PER_PART: usize = 20_000;

/// Writes the tally as one JSON object: the figures, then the enterprise list (the last field), whose parts of
/// `per_part` lines are serialised on every core and written in order. Without `lines`, the figures alone (no
/// `enterprises` field).
fn write_json(
    out: &mut dyn Write,
    t: &Tally,
    lines: Option<&Lines>,
    per_part: usize,
) -> std::io::Result<()> {
    const LIST: &[u8] = b",\"enterprises\":[]}";
    let head = serde_json::to_vec(t).map_err(std::io::Error::other)?;
    let head = head
        .strip_suffix(LIST)
        .filter(|_| t.enterprises.is_empty())
        .ok_or_else(|| {
            std::io::Error::other("the enterprise list is not the tally's last field")
        })?;
    out.write_all(head)?;
    let Some(lines) = lines else {
        return out.write_all(b"}\n");
    };
    out.write_all(b",\"enterprises\":[")?;
    let per_part = per_part.max(1);
    let mut written = Ok(());
    let mut first = true;
    in_order_on_threads(
        lines.len().div_ceil(per_part),
        |part| {
            let mut buf = Vec::with_capacity(per_part * 256);
            for k in part * per_part..lines.len().min((part + 1) * per_part) {
                if let Some(line) = lines.line(k) {
                    buf.push(b',');
                    if let Err(e) = serde_json::to_writer(&mut buf, &line) {
                        return Err(std::io::Error::other(e));
                    }
                }
            }
            Ok(buf)
        },
        |part| {
            if written.is_ok() {
                // Each line comes after a comma; the list's first one does not.
                written = part.and_then(|buf| {
                    let buf = match buf.split_first() {
                        Some((_, rest)) if first => rest,
                        _ => &buf,
                    };
                    first &= buf.is_empty();
                    out.write_all(buf)
                });
            }
        },
    );
    written?;
    out.write_all(b"]}\n")
}

fn levels_row(l: &Levels) -> String {
    l.iter()
        .map(|n| format!("{n:>7}"))
        .collect::<Vec<_>>()
        .join("")
}

fn write_table(out: &mut dyn Write, t: &Tally, rejected: usize) -> std::io::Result<()> {
    writeln!(
        out,
        "records read        {:>9}   rejected {rejected}",
        t.records
    )?;
    writeln!(
        out,
        "read more than once {:>9}   (same assessment id, counted once)",
        t.repeated
    )?;
    writeln!(out, "drafts (not counted){:>9}", t.drafts)?;
    writeln!(
        out,
        "enterprises counted {:>9}   of target {} ({:.1}%)",
        t.counted,
        t.target,
        100.0 * f64::from(t.counted) / f64::from(t.target.max(1))
    )?;
    writeln!(out, "duplicates merged   {:>9}", t.merged)?;
    writeln!(
        out,
        "without tax code    {:>9}   (shown apart, not counted toward the target)",
        t.without_tax_code
    )?;
    writeln!(
        out,
        "re-assessed         {:>9}   improved {}",
        t.reassessed, t.improved
    )?;
    writeln!(
        out,
        "\n{:<28}{}",
        "by level",
        (0..6)
            .map(|l| format!("{:>7}", format!("L{l}")))
            .collect::<String>()
    )?;
    writeln!(out, "{:<28}{}", "all", levels_row(&t.by_level))?;
    for (title, map) in [
        ("questionnaire", &t.by_questionnaire),
        ("sector", &t.by_sector),
        ("size", &t.by_size),
        ("province", &t.by_province),
        ("month", &t.by_month),
    ] {
        writeln!(out, "\nby {title}")?;
        for (k, v) in map {
            writeln!(
                out,
                "  {:<26}{}",
                if k.is_empty() { "(not given)" } else { k },
                levels_row(v)
            )?;
        }
    }
    writeln!(out, "\ndimension means")?;
    for d in &t.dimensions {
        writeln!(
            out,
            "  {:<8}{:<8}{:>8.1}%  n={}",
            d.questionnaire,
            d.dimension,
            f64::from(d.mean_permille) / 10.0,
            d.n
        )?;
    }
    writeln!(out, "\nprogrammes matched")?;
    for (p, n) in &t.programmes {
        writeln!(out, "  {p:<28}{n:>8}")?;
    }
    writeln!(out, "\nbarriers")?;
    for (b, n) in &t.barriers {
        writeln!(out, "  {b:<28}{n:>8}")?;
    }
    Ok(())
}

fn write_csv(out: &mut dyn Write, t: &Tally) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let head = [
        "table", "key", "n", "level_0", "level_1", "level_2", "level_3", "level_4", "level_5",
    ];
    w.write_record(head)?;
    let total: u32 = t.by_level.iter().sum();
    let mut row = |table: &str, key: &str, l: &Levels| {
        let n: u32 = l.iter().sum();
        let mut r = vec![table.to_string(), key.to_string(), n.to_string()];
        r.extend(l.iter().map(ToString::to_string));
        w.write_record(r)
    };
    row("summary", "all", &t.by_level)?;
    for (table, map) in [
        ("questionnaire", &t.by_questionnaire),
        ("sector", &t.by_sector),
        ("size", &t.by_size),
        ("province", &t.by_province),
        ("commune", &t.by_commune),
        ("month", &t.by_month),
    ] {
        for (k, v) in map {
            row(table, k, v)?;
        }
    }
    for (k, v) in [
        ("counted", t.counted),
        ("target", t.target),
        ("merged", t.merged),
        ("without_tax_code", t.without_tax_code),
        ("drafts", t.drafts),
        ("repeated", t.repeated),
        ("improved", t.improved),
        ("population", total),
    ] {
        w.write_record(["count", k, &v.to_string(), "", "", "", "", "", ""])?;
    }
    w.flush()
}

fn to_csv(paths: &[PathBuf], questionnaire: &str, catalog: &Catalog) -> ExitCode {
    let qs = catalog.questionnaire_refs();
    let Some(q) = qs.iter().find(|q| q.id.as_str() == questionnaire) else {
        eprintln!("dxcheck: no questionnaire `{questionnaire}`");
        return ExitCode::FAILURE;
    };
    let mut records = Vec::new();
    for path in files_under(paths) {
        let name = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let read = dx_check::domain::records::reader::read_file(&name, &text, &qs);
                for r in &read.rejected {
                    eprintln!("rejected {}:{}: {}", r.file, r.position, r.reason);
                }
                records.extend(read.records);
            }
            Err(e) => eprintln!("dxcheck: cannot read {name}: {e}"),
        }
    }
    print!(
        "{}",
        dx_check::domain::records::export::to_csv(q, &records, &catalog.size_rules)
    );
    ExitCode::SUCCESS
}

fn validate(files: &[PathBuf], catalog: &Catalog) -> ExitCode {
    let qs = catalog.questionnaire_refs();
    let mut failed = false;
    for path in files {
        let name = path.display();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                println!("{name}: cannot read: {e}");
                failed = true;
                continue;
            }
        };
        let kind = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v.get("kind").and_then(|k| k.as_str().map(String::from)));
        let result: Result<String, String> = match kind.as_deref() {
            Some("questionnaire") => Questionnaire::from_json(&text)
                .map(|q| {
                    format!(
                        "questionnaire `{}` {}: {} questions, {} points",
                        q.id,
                        q.version,
                        q.questions.len(),
                        q.total_max_points
                    )
                })
                .map_err(|e| e.to_string()),
            Some("locale") => LocaleTable::from_json(&text)
                .map(|l| format!("locale: {} strings", l.keys().count()))
                .map_err(|e| e.to_string()),
            Some("provinces") => Provinces::from_json(&text)
                .map(|p| format!("provinces: {}", p.provinces.len()))
                .map_err(|e| e.to_string()),
            Some("size_rules") => SizeRules::from_json(&text)
                .map(|s| format!("size rules: {} rows", s.rules.len()))
                .map_err(|e| e.to_string()),
            Some("programmes") => Programmes::from_json(&text, &qs)
                .map(|p| format!("programmes: {}", p.programmes.len()))
                .map_err(|e| e.to_string()),
            Some(other) => Err(format!("unknown kind `{other}`")),
            None => Err("not JSON with a \"kind\"".into()),
        };
        match result {
            Ok(summary) => println!("{name}: ok, {summary}"),
            Err(e) => {
                println!("{name}: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn decode(args: &[String], catalog: &Catalog) -> ExitCode {
    let qs = catalog.questionnaire_refs();
    let mut text = String::new();
    for a in args {
        if a == "-" {
            if let Err(e) = std::io::stdin().read_to_string(&mut text) {
                eprintln!("dxcheck: cannot read stdin: {e}");
                return ExitCode::FAILURE;
            }
        } else {
            text.push_str(a);
        }
        text.push('\n');
    }
    let found = find_codes(&text);
    if found.is_empty() {
        eprintln!("dxcheck: {}", CodeError::NotACode);
        return ExitCode::FAILURE;
    }
    let mut failed = false;
    for f in &found {
        match ResultCode::decode(f.code, &qs) {
            Ok((file, _)) if found.len() == 1 => println!("{}", file.to_json()),
            Ok((file, _)) => println!("{}", serde_json::to_string(&file).unwrap_or_default()),
            Err(e) => {
                eprintln!("dxcheck: line {}: {e}", f.line);
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn code(paths: &[PathBuf], base: Option<&str>, catalog: &Catalog) -> ExitCode {
    let qs = catalog.questionnaire_refs();
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    for path in files_under(paths) {
        let name = path.display().to_string();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("dxcheck: cannot read {name}: {e}");
                continue;
            }
        };
        let read = dx_check::domain::records::reader::read_file(&name, &text, &qs);
        for r in &read.rejected {
            eprintln!("rejected {}:{}: {}", r.file, r.position, r.reason);
        }
        for r in &read.records {
            let Some(q) = qs.iter().find(|q| q.id == r.questionnaire.id) else {
                continue;
            };
            let line = match ResultCode::encode(r, q) {
                Ok(c) => base.map_or_else(|| c.as_str().to_string(), |b| c.link(b)),
                Err(e) => {
                    eprintln!("dxcheck: {name}: {e}");
                    continue;
                }
            };
            if writeln!(out, "{line}").is_err() {
                return ExitCode::FAILURE;
            }
        }
    }
    if out.flush().is_err() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn generate(n: usize, seed: u64, catalog: &Catalog) -> ExitCode {
    let qs = catalog.questionnaire_refs();
    let provinces = catalog.province_codes();
    let out = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, out.lock());
    for r in Generator::new(n, seed, &qs, &provinces) {
        if serde_json::to_writer(&mut out, &r).is_err() || out.write_all(b"\n").is_err() {
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let catalog = match Catalog::builtin() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("dxcheck: the built-in data is damaged: {e}");
            return ExitCode::FAILURE;
        }
    };
    match cli.command {
        Command::Tally {
            paths,
            target,
            format,
            figures_only,
        } => tally(&paths, target, format, figures_only, &catalog),
        Command::Validate { files } => validate(&files, &catalog),
        Command::Csv {
            paths,
            questionnaire,
        } => to_csv(&paths, &questionnaire, &catalog),
        Command::Generate { n, seed } => generate(n, seed, &catalog),
        Command::Decode { codes } => decode(&codes, &catalog),
        Command::Code { paths, base } => code(&paths, base.as_deref(), &catalog),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dx_check::domain::assessment::scoring::Assessment;

    /// The JSON written in parts on several threads is the tally's own JSON, whatever the part size.
    #[test]
    fn json_in_parts_is_the_tally() {
        let catalog = Catalog::builtin().expect("catalogue");
        let qs = catalog.questionnaire_refs();
        let provinces = catalog.province_codes();
        let records: Vec<_> = Generator::new(300, 11, &qs, &provinces).collect();
        let ctx = TallyContext {
            questionnaires: &qs,
            sizes: &catalog.size_rules,
            programmes: &catalog.programmes,
            target: 100,
        };
        let tally = || {
            let mut b = TallyBuilder::new(&ctx);
            for r in &records {
                if let Some(q) = qs.iter().find(|q| q.id == r.questionnaire.id) {
                    b.add(r, q, &Assessment::compute(q, &r.answers));
                }
            }
            b
        };
        let whole = tally().finish();
        assert!(whole.enterprises.len() > 200, "{}", whole.enterprises.len());
        let want = serde_json::to_value(&whole).expect("JSON");
        let (t, lines) = tally().finish_figures();
        for per_part in [1, 7, 250, 100_000] {
            let mut out = Vec::new();
            write_json(&mut out, &t, Some(&lines), per_part).expect("written");
            assert_eq!(out.last(), Some(&b'\n'));
            let got: serde_json::Value = serde_json::from_slice(&out).expect("one JSON object");
            assert_eq!(got, want, "{per_part} lines per part");
        }
        // The figures alone: everything but the list.
        let mut out = Vec::new();
        write_json(&mut out, &t, None, 7).expect("written");
        let got: serde_json::Value = serde_json::from_slice(&out).expect("one JSON object");
        let mut figures = want.clone();
        figures
            .as_object_mut()
            .and_then(|o| o.remove("enterprises"))
            .expect("the tally has a list");
        assert_eq!(got, figures);
        // An empty tally too.
        let (t, lines) = TallyBuilder::new(&ctx).finish_figures();
        let mut out = Vec::new();
        write_json(&mut out, &t, Some(&lines), 7).expect("written");
        let got: serde_json::Value = serde_json::from_slice(&out).expect("one JSON object");
        assert_eq!(got["enterprises"], serde_json::json!([]));
    }
}
