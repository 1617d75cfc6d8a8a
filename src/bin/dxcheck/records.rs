//! The other commands: `code` and `decode` (records to result codes and back), `csv` (records to the app's CSV),
//! `validate` (data files) and `generate` (deterministic sample records, and a support register for them).
use crate::inputs::files_under;
use dx_check::domain::advice::recommend::{ProgrammeStatus, Programmes};
use dx_check::domain::assessment::encode;
use dx_check::domain::assessment::locale::LocaleTable;
use dx_check::domain::assessment::questionnaire::Questionnaire;
use dx_check::domain::catalog::Catalog;
use dx_check::domain::province::generate::{
    Generator, note_first_assessment, note_listed, registry, support_register,
};
use dx_check::domain::province::registry::Vsic;
use dx_check::domain::records::geo::Provinces;
use dx_check::domain::records::result_code::{CodeError, ResultCode, find_codes};
use dx_check::domain::records::size::SizeRules;
use std::collections::BTreeMap;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn to_csv(paths: &[PathBuf], questionnaire: &str, catalog: &Catalog) -> ExitCode {
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

pub fn validate(files: &[PathBuf], catalog: &Catalog) -> ExitCode {
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
            Some("vsic_sectors") => Vsic::from_json(&text)
                .map(|v| {
                    let divisions: usize = v.sections.iter().map(|s| s.divisions.len()).sum();
                    format!(
                        "VSIC sectors: {} sections, {divisions} divisions",
                        v.sections.len()
                    )
                })
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

pub fn decode(args: &[String], catalog: &Catalog) -> ExitCode {
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
            Ok((file, _)) => println!("{}", encode::json(&file)),
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

pub fn code(paths: &[PathBuf], base: Option<&str>, catalog: &Catalog) -> ExitCode {
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

pub fn generate(
    n: usize,
    seed: u64,
    support_out: Option<&Path>,
    registry_out: Option<&Path>,
    catalog: &Catalog,
) -> ExitCode {
    let qs = catalog.questionnaire_refs();
    let provinces = catalog.province_codes();
    let out = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, out.lock());
    // Each enterprise's first completed assessment, for the support register.
    let mut first = BTreeMap::new();
    // Each enterprise's name, commune and sector, for the registry.
    let mut listed = BTreeMap::new();
    for r in Generator::new(n, seed, &qs, &provinces) {
        if support_out.is_some() {
            note_first_assessment(&mut first, &r);
        }
        if registry_out.is_some() {
            note_listed(&mut listed, &r);
        }
        if serde_json::to_writer(&mut out, &r).is_err() || out.write_all(b"\n").is_err() {
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    if let Some(path) = registry_out
        && let Err(e) = std::fs::write(path, registry(&listed, n / 5, seed))
    {
        eprintln!("dxcheck: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    if let Some(path) = support_out {
        let capped: Vec<&str> = catalog
            .programmes
            .programmes
            .iter()
            .filter(|p| p.status == ProgrammeStatus::InForce && !p.benefit.caps_vnd.is_empty())
            .map(|p| p.id.as_str())
            .collect();
        let text = support_register(&first, &capped, seed);
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("dxcheck: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
