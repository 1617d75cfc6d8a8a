//! `dxcheck tally --support FILE --registry FILE`: the office's register of support given and the province's
//! enterprise registry, read beside the results, with the three target measures, the flags, coverage and the
//! outreach list (docs/support-register.md, docs/registry.md), printed after the tally's table.
use dx_check::domain::catalog::Catalog;
use dx_check::domain::province::join::{Cover, Joined, Reach, Sources, join, outreach_sheet};
use dx_check::domain::province::registry::{self, Registry, Vsic};
use dx_check::domain::province::sheet::{Columns, SheetError};
use dx_check::domain::province::support::{Assessed, Column, Flag, Mapping, Register, headers};
use dx_check::domain::province::tally::{EnterpriseLine, sheets_csv};
use dx_check::domain::province::workbook;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// A table's text, or why it cannot be read: CSV as it is, an XLSX workbook's first worksheet as CSV (told by the
/// file's first bytes, as the province page does).
fn text(path: &Path) -> Result<String, String> {
    let name = path.display();
    let bytes = std::fs::read(path).map_err(|e| format!("cannot open {name}: {e}"))?;
    if workbook::is_xlsx(&bytes) {
        return workbook::first_sheet_csv(&bytes).map_err(|e| format!("{name}: {e}"));
    }
    String::from_utf8(bytes)
        .map_err(|_| format!("{name} is not UTF-8 text (save the sheet as .xlsx or as CSV UTF-8)"))
}

/// "no column for the tax code (headers found: …)".
fn missing<C: Columns>(
    path: &Path,
    e: &SheetError<C>,
    headers: &[String],
    name: fn(C) -> &'static str,
) -> String {
    let file = path.display();
    match e {
        SheetError::NoHeader => format!("{file} has no header row"),
        SheetError::Missing(cols) => format!(
            "{file}: no column for {} (headers found: {})",
            cols.iter().map(|c| name(*c)).collect::<Vec<_>>().join(", "),
            headers.join(", ")
        ),
    }
}

/// A register read from its file, or why it cannot be.
pub fn read(path: &Path, catalog: &Catalog) -> Result<Register, String> {
    let text = text(path)?;
    let headers = headers(&text);
    Register::read_csv(
        &text,
        &Mapping::guess(&headers),
        &catalog.programmes.programmes,
    )
    .map_err(|e| missing(path, &e, &headers, column_name))
}

/// A registry read from its file, or why it cannot be.
pub fn read_registry(path: &Path) -> Result<Registry, String> {
    let text = text(path)?;
    let vsic = Vsic::builtin().map_err(|e| format!("the built-in VSIC table is damaged: {e}"))?;
    let headers = headers(&text);
    Registry::read_csv(&text, &registry::Mapping::guess(&headers), &vsic)
        .map_err(|e| missing(path, &e, &headers, |_| "the tax code"))
}

fn column_name(c: Column) -> &'static str {
    match c {
        Column::TaxCode => "the tax code",
        Column::Programme => "the programme",
        Column::Kind => "the kind of support",
        Column::Date => "the date",
        Column::Amount => "the amount",
        Column::Funding => "the funding source",
    }
}

/// The register's and the registry's section of the table; with `outreach`, the outreach list is also written
/// there as CSV (the app's export).
pub fn write(
    out: &mut dyn Write,
    register: Option<&Register>,
    registry: Option<&Registry>,
    assessed: &BTreeMap<String, Assessed>,
    lines: &[EnterpriseLine],
    outreach: Option<&Path>,
    catalog: &Catalog,
) -> std::io::Result<()> {
    let j = join(&Sources {
        lines,
        assessed,
        registry,
        register,
        catalogue: &catalog.programmes.programmes,
    });
    writeln!(out)?;
    if let Some(r) = register {
        writeln!(
            out,
            "support rows read   {:>9}   refused {}",
            r.supports.len(),
            r.refused.len()
        )?;
        for r in &r.refused {
            writeln!(out, "  refused support row {}: {}", r.row, r.fault)?;
        }
    }
    if let Some(r) = registry {
        writeln!(
            out,
            "registry rows read  {:>9}   refused {}",
            r.enterprises.len(),
            r.refused.len()
        )?;
        for r in &r.refused {
            writeln!(out, "  refused registry row {}: {}", r.row, r.fault)?;
        }
    }
    let m = j.measures;
    writeln!(out, "assessed            {:>9}", m.assessed)?;
    writeln!(
        out,
        "supported           {:>9}   (at least one support row)",
        m.supported
    )?;
    writeln!(
        out,
        "supported, improved {:>9}   (a higher level, same questionnaire, after the first support)",
        m.supported_and_improved
    )?;
    if register.is_some() {
        writeln!(out, "flags               {:>9}", j.flags.len())?;
        for f in &j.flags {
            writeln!(out, "  {}", describe(f, registry.is_some()))?;
        }
    }
    write_coverage(out, &j)?;
    if let Some(path) = outreach {
        std::fs::write(path, sheets_csv(&[outreach_sheet(&j.outreach)]))?;
    }
    Ok(())
}

/// A breakdown's key as a row label: "not given" for the enterprises without one.
fn given(key: &str) -> &str {
    if key.is_empty() { "not given" } else { key }
}

/// Coverage of the registry and the outreach list's size.
fn write_coverage(out: &mut dyn Write, j: &Joined) -> std::io::Result<()> {
    let Some(c) = &j.coverage else {
        return Ok(());
    };
    let row = |out: &mut dyn Write, label: &str, c: &Cover| {
        writeln!(
            out,
            "  {label:<32} {:>9} {:>9} {:>9}",
            c.registered, c.assessed, c.supported
        )
    };
    writeln!(out, "coverage             registered  assessed supported")?;
    row(out, "all operating", &c.total)?;
    writeln!(
        out,
        "  (stopped, not counted: {}; outside the registry: {} assessed, {} supported)",
        c.stopped, c.outside.assessed, c.outside.supported
    )?;
    writeln!(out, "by sector group")?;
    for (k, v) in &c.by_sector {
        row(out, given(k.code()), v)?;
    }
    writeln!(out, "by size class")?;
    for (k, v) in &c.by_size {
        row(out, given(k.code()), v)?;
    }
    writeln!(out, "by commune")?;
    for (k, v) in &c.by_commune {
        row(out, given(k), v)?;
    }
    let not_assessed = j
        .outreach
        .iter()
        .filter(|o| o.reach == Reach::NotAssessed)
        .count();
    writeln!(
        out,
        "outreach            {:>9}   ({} not assessed, {} at level 0-2 matching a programme, unsupported)",
        j.outreach.len(),
        not_assessed,
        j.outreach.len() - not_assessed
    )
}

fn describe(f: &Flag, with_registry: bool) -> String {
    match f {
        Flag::OverCap {
            enterprise,
            programme,
            year,
            total_vnd,
            cap_vnd,
            size,
            legal,
            status,
        } => format!(
            "{enterprise}: {total_vnd} VND under {programme} in {year}, above the cap of {cap_vnd} VND for a {} \
             enterprise ({legal}{})",
            size.code(),
            if *status == dx_check::domain::advice::recommend::ProgrammeStatus::InForce {
                ""
            } else {
                "; to check: the programme is not in force"
            }
        ),
        Flag::SizeNotEligible {
            enterprise,
            programme,
            size,
            row,
        } => {
            format!(
                "{enterprise} (row {row}): {programme} does not support a {} enterprise",
                size.code()
            )
        }
        Flag::BeforeAssessment {
            enterprise,
            date,
            first_assessed,
            row,
        } => match first_assessed {
            Some(first) => format!(
                "{enterprise} (row {row}): supported on {date}, before its first assessment ({first})"
            ),
            None => format!("{enterprise} (row {row}): supported on {date}, never assessed"),
        },
        Flag::Unknown { enterprise, row } if with_registry => {
            format!("{enterprise} (row {row}): neither in the registry nor among the results")
        }
        Flag::Unknown { enterprise, row } => {
            format!("{enterprise} (row {row}): not among the results (and no registry was given)")
        }
    }
}
