//! `dxcheck`: the command line for provinces and developers, on the same domain code as the app (never built for
//! the browser). `tally` streams result files, bundles, JSON Lines and CSV exports into the province figures;
//! `validate` checks data files; `generate` writes deterministic sample records as JSON Lines; `code` and `decode`
//! turn records into result codes (or links) and back.
//!
//! One module per kind of work: `inputs` (finding and reading the files on every core), `tally` (the figures and
//! their output), `records` (codes, CSV, validation, samples).
use clap::{Parser, Subcommand, ValueEnum};
use dx_check::domain::catalog::Catalog;
use std::path::PathBuf;
use std::process::ExitCode;

mod inputs;
mod records;
mod support;
mod tally;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
pub enum Format {
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
        /// The office's register of support given (CSV or XLSX: tax code, programme, date, amount, and optionally
        /// kind and funding source): prints the target measures and the flags after the table (docs/support-register.md).
        #[arg(long)]
        support: Option<PathBuf>,
        /// The province's list of registered enterprises (CSV or XLSX: tax code, and optionally name, commune or
        /// address, main sector as a VSIC code or words, founding date, status): prints coverage per commune, sector
        /// group and size class, and flags support to enterprises it does not list (docs/registry.md).
        #[arg(long)]
        registry: Option<PathBuf>,
        /// Write the outreach list (registered enterprises not assessed; with --support, assessed ones at level
        /// 0–2 matching a programme and not supported) to this file, as the app's CSV export.
        #[arg(long)]
        outreach: Option<PathBuf>,
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
        /// Also write a support register for the generated enterprises to this file (CSV, as an office keeps it;
        /// docs/support-register.md), with rows for each flag and a few broken rows.
        #[arg(long)]
        support_out: Option<PathBuf>,
        /// Also write the province's enterprise registry to this file (CSV, as the business registration system
        /// exports it; docs/registry.md): most generated enterprises and one in five more never assessed, with a few
        /// broken rows.
        #[arg(long)]
        registry_out: Option<PathBuf>,
    },
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
            support,
            registry,
            outreach,
        } => tally::tally(
            &paths,
            target,
            format,
            figures_only,
            &tally::Sides {
                support,
                registry,
                outreach,
            },
            &catalog,
        ),
        Command::Validate { files } => records::validate(&files, &catalog),
        Command::Csv {
            paths,
            questionnaire,
        } => records::to_csv(&paths, &questionnaire, &catalog),
        Command::Generate {
            n,
            seed,
            support_out,
            registry_out,
        } => records::generate(
            n,
            seed,
            support_out.as_deref(),
            registry_out.as_deref(),
            &catalog,
        ),
        Command::Decode { codes } => records::decode(&codes, &catalog),
        Command::Code { paths, base } => records::code(&paths, base.as_deref(), &catalog),
    }
}
