//! `dxcheck tally`: the figures of every input, as a table, as CSV (the app's sheets) or as JSON (the figures, every
//! refused record with its typed reason, then the enterprise list, written on every core).
use crate::Format;
use crate::inputs::{Input, files_under, in_order_on_threads, tally_inputs};
use dx_check::domain::assessment::level::LEVELS;
use dx_check::domain::catalog::Catalog;
use dx_check::domain::province::tally::{
    Levels, Lines, Tally, TallyBuilder, TallyContext, breakdowns, sheets, sheets_csv,
};
use dx_check::domain::records::reader::{Refused, Rejected};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The office's own tables read beside the results, and where to write the outreach list.
pub struct Sides {
    /// The support register.
    pub support: Option<PathBuf>,
    /// The enterprise registry.
    pub registry: Option<PathBuf>,
    /// Where to write the outreach list (CSV).
    pub outreach: Option<PathBuf>,
}

pub fn tally(
    paths: &[PathBuf],
    target: u32,
    format: Format,
    figures_only: bool,
    sides: &Sides,
    catalog: &Catalog,
) -> ExitCode {
    // The register's and the registry's section is part of the table; the JSON and CSV keep their published shape.
    if (sides.support.is_some() || sides.registry.is_some()) && !matches!(format, Format::Table) {
        eprintln!(
            "dxcheck: --support prints with --format table only, for now, and so does --registry"
        );
        return ExitCode::FAILURE;
    }
    let read = |path: Option<&PathBuf>, f: &dyn Fn(&std::path::Path) -> Result<_, String>| {
        path.map(|p| f(p)).transpose()
    };
    let register = match read(sides.support.as_ref(), &|p| {
        crate::support::read(p, catalog)
    }) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("dxcheck: {e}");
            return ExitCode::FAILURE;
        }
    };
    let registry = match sides
        .registry
        .as_deref()
        .map(crate::support::read_registry)
        .transpose()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("dxcheck: {e}");
            return ExitCode::FAILURE;
        }
    };
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
    let assessed = (register.is_some() || registry.is_some()).then(|| builder.assessed());
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
            &rejected.iter().map(Refused::from).collect::<Vec<_>>(),
            (!figures_only).then_some(&lines),
            LINES_PER_PART,
        ),
        Format::Csv => write_csv(&mut out, &t),
        Format::Table => write_table(&mut out, &t, rejected.len()).and_then(|()| match &assessed {
            Some(a) => {
                let list: Vec<_> = (0..lines.len()).filter_map(|k| lines.line(k)).collect();
                crate::support::write(
                    &mut out,
                    register.as_ref(),
                    registry.as_ref(),
                    a,
                    &list,
                    sides.outreach.as_deref(),
                    catalog,
                )
            }
            None => Ok(()),
        }),
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
    rejected: &[Refused],
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
    // Every refused record, as the dashboard lists it (stderr names only the first ones).
    out.write_all(b",\"rejected\":")?;
    serde_json::to_writer(&mut *out, rejected).map_err(std::io::Error::other)?;
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
        (0..LEVELS)
            .map(|l| format!("{:>7}", format!("L{l}")))
            .collect::<String>()
    )?;
    writeln!(out, "{:<28}{}", "all", levels_row(&t.by_level))?;
    // The commune table is left to the CSV and JSON: a province has a thousand communes and more.
    for (name, rows) in breakdowns(t)
        .into_iter()
        .filter(|(n, _)| *n != "by_commune")
    {
        writeln!(out, "\nby {}", name.trim_start_matches("by_"))?;
        for (k, v) in rows {
            writeln!(
                out,
                "  {:<26}{}",
                if k.is_empty() { "(not given)" } else { &k },
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
    // The same sheets as the app's CSV and XLSX exports.
    out.write_all(sheets_csv(&sheets(t)).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dx_check::domain::assessment::scoring::Assessment;
    use dx_check::domain::province::generate::Generator;
    use dx_check::domain::records::reader::Refusal;

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
        // The refusals travel with the figures, typed as the dashboard gets them.
        let refused = vec![Refused {
            file: "b.jsonl".into(),
            position: 7,
            reason: Refusal::UnknownQuestionnaire {
                id: "quick".into(),
                version: "9.0.0".into(),
            },
        }];
        let without_refusals = |mut v: serde_json::Value| {
            let r = v.as_object_mut().and_then(|o| o.remove("rejected"));
            let r: Vec<Refused> =
                serde_json::from_value(r.expect("a rejected field")).expect("refusals");
            assert_eq!(r, refused);
            v
        };
        for per_part in [1, 7, 250, 100_000] {
            let mut out = Vec::new();
            write_json(&mut out, &t, &refused, Some(&lines), per_part).expect("written");
            assert_eq!(out.last(), Some(&b'\n'));
            let got: serde_json::Value = serde_json::from_slice(&out).expect("one JSON object");
            assert_eq!(without_refusals(got), want, "{per_part} lines per part");
        }
        // The figures alone: everything but the list.
        let mut out = Vec::new();
        write_json(&mut out, &t, &refused, None, 7).expect("written");
        let got = without_refusals(serde_json::from_slice(&out).expect("one JSON object"));
        let mut figures = want.clone();
        figures
            .as_object_mut()
            .and_then(|o| o.remove("enterprises"))
            .expect("the tally has a list");
        assert_eq!(got, figures);
        // An empty tally too.
        let (t, lines) = TallyBuilder::new(&ctx).finish_figures();
        let mut out = Vec::new();
        write_json(&mut out, &t, &[], Some(&lines), 7).expect("written");
        let got: serde_json::Value = serde_json::from_slice(&out).expect("one JSON object");
        assert_eq!(got["enterprises"], serde_json::json!([]));
        assert_eq!(got["rejected"], serde_json::json!([]));
    }
}
