//! `dxcheck`: the command line for provinces and developers, on the same domain code as the app (never built for
//! the browser). `tally` streams result files, bundles, JSON Lines and CSV exports into the province figures;
//! `validate` checks data files; `generate` writes deterministic sample records as JSON Lines.
use clap::{Parser, Subcommand, ValueEnum};
use dx_check::domain::catalog::Catalog;
use dx_check::domain::generate::Generator;
use dx_check::domain::geo::Provinces;
use dx_check::domain::locale::LocaleTable;
use dx_check::domain::questionnaire::Questionnaire;
use dx_check::domain::recommend::Programmes;
use dx_check::domain::records::{Rejected, is_jsonl, read_bytes_into, read_jsonl_chunk};
use dx_check::domain::size::SizeRules;
use dx_check::domain::tally::{Levels, Prepared, Tally, TallyBuilder, TallyContext};
use std::collections::BTreeMap;
use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::sync::{Mutex, mpsc};

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
        /// Files or directories (searched for .json, .jsonl, .ndjson and .csv).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The province's target, in enterprises.
        #[arg(long, default_value_t = 1000)]
        target: u32,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
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
/// name order) for .json, .jsonl, .ndjson and .csv files.
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
                    "json" | "jsonl" | "ndjson" | "csv"
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

/// Bytes read at a time; each chunk handed to a worker ends at a line end.
const CHUNK_BYTES: usize = 4 << 20;
/// Records expected per chunk (to size the result vector).
const CHUNK_LINES: usize = 2048;

/// One chunk of a JSON Lines file: its index, the number of its first line, and its bytes.
type Chunk = (usize, usize, Vec<u8>);
/// What a worker made of a chunk: its index, the prepared records in order, and the refused lines.
type Done = (usize, Vec<Prepared>, Vec<Rejected>);

/// Tallies a JSON Lines file. The main thread reads it in blocks cut at line ends; worker threads (one per core)
/// check, score and prepare each record; the chunks are admitted in file order, so the figures never depend on the
/// number of threads. Buffers go back and forth instead of being allocated per chunk. A line that is not UTF-8, or
/// not a valid record, is refused on its own; a byte-order mark at the start of the file is skipped.
fn tally_jsonl(
    name: &str,
    mut file: std::fs::File,
    qs: &[&Questionnaire],
    ctx: &TallyContext<'_>,
    builder: &mut TallyBuilder<'_>,
    rejected: &mut Vec<Rejected>,
) -> std::io::Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let (work_tx, work_rx) = mpsc::sync_channel::<Chunk>(threads * 2);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    let (free_tx, free_rx) = mpsc::channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (done_tx, free_tx) = (done_tx.clone(), free_tx.clone());
            let work_rx = &work_rx;
            scope.spawn(move || {
                loop {
                    let next = work_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((index, first, bytes))) = next else {
                        break;
                    };
                    let (prepared, refused) = prepare_chunk(name, first, &bytes, qs, ctx);
                    let _ = free_tx.send(bytes);
                    if done_tx.send((index, prepared, refused)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((done_tx, free_tx));
        // Admit finished chunks in order, holding back any that finish early.
        let mut waiting: BTreeMap<usize, (Vec<Prepared>, Vec<Rejected>)> = BTreeMap::new();
        let mut next_to_admit = 0;
        let mut admit = |(index, prepared, refused): Done,
                         builder: &mut TallyBuilder<'_>,
                         rejected: &mut Vec<Rejected>| {
            waiting.insert(index, (prepared, refused));
            while let Some((prepared, refused)) = waiting.remove(&next_to_admit) {
                prepared.into_iter().for_each(|p| builder.admit(p));
                rejected.extend(refused);
                next_to_admit += 1;
            }
        };
        let mut carry: Vec<u8> = Vec::new();
        let mut line = 1usize;
        let mut index = 0usize;
        let mut result = Ok(());
        loop {
            let mut bytes = free_rx
                .try_recv()
                .unwrap_or_else(|_| Vec::with_capacity(CHUNK_BYTES + (64 << 10)));
            bytes.clear();
            bytes.append(&mut carry);
            let eof = match (&mut file).take(CHUNK_BYTES as u64).read_to_end(&mut bytes) {
                Ok(n) => n == 0,
                Err(e) => {
                    result = Err(e);
                    true
                }
            };
            if index == 0 && line == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
                bytes.drain(..3);
            }
            if !eof {
                // Keep the unfinished last line for the next chunk (all of it if no line has ended yet).
                let cut = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
                carry.extend_from_slice(&bytes[cut..]);
                bytes.truncate(cut);
                if bytes.is_empty() {
                    continue;
                }
            }
            if bytes.is_empty() {
                break;
            }
            let first = line;
            line += bytes.iter().filter(|b| **b == b'\n').count();
            if work_tx.send((index, first, bytes)).is_err() {
                break;
            }
            index += 1;
            while let Ok(done) = done_rx.try_recv() {
                admit(done, builder, rejected);
            }
            if eof {
                break;
            }
        }
        drop(work_tx);
        for done in done_rx {
            admit(done, builder, rejected);
        }
        result
    })
}

/// Checks, scores and prepares the records of one chunk.
fn prepare_chunk(
    name: &str,
    first: usize,
    bytes: &[u8],
    qs: &[&Questionnaire],
    ctx: &TallyContext<'_>,
) -> (Vec<Prepared>, Vec<Rejected>) {
    let mut prepared = Vec::with_capacity(CHUNK_LINES);
    let refused = read_jsonl_chunk(name, first, bytes, qs, &mut |r, q, a| {
        prepared.push(TallyBuilder::prepare(ctx, r, q, a));
    });
    (prepared, refused)
}

fn tally(paths: &[PathBuf], target: u32, format: Format, catalog: &Catalog) -> ExitCode {
    let qs = catalog.questionnaire_refs();
    let ctx = TallyContext {
        questionnaires: &qs,
        sizes: &catalog.size_rules,
        programmes: &catalog.programmes,
        target,
    };
    let mut builder = TallyBuilder::new(&ctx);
    let mut rejected: Vec<Rejected> = Vec::new();
    // Files that could not be read at all: the tally is still printed, and the exit status says it is partial.
    let mut unreadable = 0u32;
    for path in files_under(paths) {
        let name = path.display().to_string();
        if is_jsonl(&name) {
            // Streamed in chunks: a million records never sit in memory as text.
            let file = match std::fs::File::open(&path) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("dxcheck: cannot open {name}: {e}");
                    unreadable += 1;
                    continue;
                }
            };
            if let Err(e) = tally_jsonl(&name, file, &qs, &ctx, &mut builder, &mut rejected) {
                eprintln!("dxcheck: cannot read all of {name}: {e}");
                unreadable += 1;
            }
        } else {
            match std::fs::read(&path) {
                Ok(bytes) => rejected.extend(read_bytes_into(&name, bytes, &qs, &mut |r, q, a| {
                    builder.add(r, q, a)
                })),
                Err(e) => {
                    eprintln!("dxcheck: cannot read {name}: {e}");
                    unreadable += 1;
                }
            }
        }
    }
    let t = builder.finish();
    for r in rejected.iter().take(50) {
        eprintln!("rejected {}:{}: {}", r.file, r.position, r.reason);
    }
    if rejected.len() > 50 {
        eprintln!("… and {} more rejected records", rejected.len() - 50);
    }
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    let written = match format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &t)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
        Format::Csv => write_csv(&mut out, &t),
        Format::Table => write_table(&mut out, &t, rejected.len()),
    };
    if written.is_err() || unreadable > 0 {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
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
                let read = dx_check::domain::records::read_file(&name, &text, &qs);
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
        dx_check::domain::export::to_csv(q, &records, &catalog.size_rules)
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
        } => tally(&paths, target, format, &catalog),
        Command::Validate { files } => validate(&files, &catalog),
        Command::Csv {
            paths,
            questionnaire,
        } => to_csv(&paths, &questionnaire, &catalog),
        Command::Generate { n, seed } => generate(n, seed, &catalog),
    }
}
