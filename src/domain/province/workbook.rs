//! The office's tables as XLSX files: the first worksheet read into the CSV text that the registry and the support
//! register readers take ([`first_sheet_csv`], feature `sheet-read`: the sheet worker and the command line).
//!
//! Cells keep what a person sees in Excel as far as a table needs it: whole numbers without a decimal point (a tax
//! code typed as a number stays `0101234567` only if the sheet stored it as text, see the note in
//! `docs/registry.md`), dates as `yyyy-mm-dd`, an error cell (`#N/A`) as empty, so that the row it sits in is
//! checked and refused like any other.

use crate::domain::records::calendar::civil_from_days;

/// Whether a file's first bytes are those of a ZIP archive, the container of an XLSX workbook (a CSV file never
/// starts with them).
pub fn is_xlsx(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkbookError {
    /// Not an XLSX workbook, or a damaged one.
    #[error("the file is not a readable XLSX workbook: {0}")]
    Unreadable(String),
    /// A workbook without any worksheet.
    #[error("the workbook has no worksheet")]
    NoSheet,
}

/// A day count since 1899-12-30 (Excel's serial date, 1900 system) as `yyyy-mm-dd`; `None` outside 1900-03-01 to
/// 9999-12-31 (before March 1900, Excel's serials count a 29 February 1900 that never was).
pub fn serial_date(serial: f64) -> Option<String> {
    if !serial.is_finite() || !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Days from 1970-01-01: serial 25569 is 1970-01-01.
    let (year, month, day) = civil_from_days(serial.floor() as i64 - 25_569);
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// A number as a table cell: a whole number without a decimal point, any other as Rust prints it (`12.5`).
#[cfg(feature = "sheet-read")]
fn number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// The first worksheet of an XLSX workbook as CSV text, one line per row from the first row that holds anything,
/// for `sheet::read_rows`.
///
/// # Errors
/// [`WorkbookError`] when the bytes are not a workbook or it has no worksheet.
#[cfg(feature = "sheet-read")]
pub fn first_sheet_csv(bytes: &[u8]) -> Result<String, WorkbookError> {
    use calamine::{Data, Reader, Xlsx};
    let mut book = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(WorkbookError::NoSheet)?
        .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in range.rows() {
        let cells = row.iter().map(|cell| match cell {
            Data::Int(i) => i.to_string(),
            Data::Float(f) => number(*f),
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(d) if d.is_datetime() => {
                serial_date(d.as_f64()).unwrap_or_else(|| number(d.as_f64()))
            }
            Data::DateTime(d) => number(d.as_f64()),
            Data::Error(_) | Data::Empty => String::new(),
        });
        out.write_record(cells)
            .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
    // Every cell was a Rust string, so the CSV is UTF-8.
    String::from_utf8(bytes).map_err(|e| WorkbookError::Unreadable(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_dates_are_calendar_days() {
        assert_eq!(serial_date(61.0).as_deref(), Some("1900-03-01"));
        assert_eq!(serial_date(60.0), None);
        assert_eq!(serial_date(25_569.0).as_deref(), Some("1970-01-01"));
        assert_eq!(serial_date(45_292.0).as_deref(), Some("2024-01-01"));
        assert_eq!(serial_date(45_351.75).as_deref(), Some("2024-02-29"));
        assert_eq!(serial_date(0.0), None);
        assert_eq!(serial_date(f64::NAN), None);
    }

    #[test]
    #[cfg(feature = "sheet-read")]
    fn whole_numbers_have_no_point() {
        assert_eq!(number(101_234_567.0), "101234567");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(-3.0), "-3");
    }

    #[test]
    fn a_zip_is_told_from_csv() {
        assert!(is_xlsx(b"PK\x03\x04rest"));
        assert!(!is_xlsx("mã số thuế,tên\n".as_bytes()));
        assert!(!is_xlsx(b"PK"));
    }
}
