//! `dxcheck tally --support FILE`: the office's register of support given, read beside the results, with the three
//! target measures and the flags (docs/support-register.md), printed after the tally's table.
use dx_check::domain::catalog::Catalog;
use dx_check::domain::province::support::{
    Assessed, Column, Flag, Mapping, Register, RegisterError, flags, headers, measures,
};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// A register read from its file, or why it cannot be.
pub fn read(path: &Path, catalog: &Catalog) -> Result<Register, String> {
    let name = path.display();
    let bytes = std::fs::read(path).map_err(|e| format!("cannot open {name}: {e}"))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{name} is not UTF-8 text (save the sheet as CSV UTF-8)"))?;
    let headers = headers(&text);
    let mapping = Mapping::guess(&headers);
    Register::read_csv(&text, &mapping, &catalog.programmes.programmes).map_err(|e| match e {
        RegisterError::NoHeader => format!("{name} has no header row"),
        RegisterError::Missing(cols) => format!(
            "{name}: no column for {} (headers found: {})",
            cols.iter()
                .map(|c| column_name(*c))
                .collect::<Vec<_>>()
                .join(", "),
            headers.join(", ")
        ),
    })
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

/// The register's section of the table.
pub fn write(
    out: &mut dyn Write,
    register: &Register,
    assessed: &BTreeMap<String, Assessed>,
    catalog: &Catalog,
) -> std::io::Result<()> {
    let m = measures(register, assessed);
    writeln!(out)?;
    writeln!(
        out,
        "support rows read   {:>9}   refused {}",
        register.supports.len(),
        register.refused.len()
    )?;
    for r in &register.refused {
        writeln!(out, "  refused row {}: {}", r.row, r.fault)?;
    }
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
    let found = flags(register, assessed, None, &catalog.programmes.programmes);
    writeln!(out, "flags               {:>9}", found.len())?;
    for f in &found {
        writeln!(out, "  {}", describe(f))?;
    }
    Ok(())
}

fn describe(f: &Flag) -> String {
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
        Flag::Unknown { enterprise, row } => {
            format!("{enterprise} (row {row}): not among the results (and no registry was given)")
        }
    }
}
