//! Reading a support register: its columns found by their headers, then each row checked on its own.
use crate::domain::advice::recommend::Programme;
use crate::domain::province::sheet::{self, Columns, SheetError, plain, read_rows};
use crate::domain::records::calendar::{civil_from_days, days_from_civil};
use crate::domain::records::profile::TaxCode;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A column of the support register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    /// Mã số thuế / mã số doanh nghiệp.
    TaxCode,
    /// The programme: an id of the catalogue, or its name as the office writes it.
    Programme,
    /// Kind of support (consultancy, training, platform…).
    Kind,
    /// Date the support was given.
    Date,
    /// Amount, VND.
    Amount,
    /// Funding source (central budget, provincial budget…).
    Funding,
}

impl Columns for Column {
    const ALL: &'static [Column] = &[
        Column::TaxCode,
        Column::Programme,
        Column::Kind,
        Column::Date,
        Column::Amount,
        Column::Funding,
    ];

    fn required(self) -> bool {
        matches!(
            self,
            Column::TaxCode | Column::Programme | Column::Date | Column::Amount
        )
    }

    fn code(self) -> &'static str {
        match self {
            Column::TaxCode => "tax_code",
            Column::Programme => "programme",
            Column::Kind => "kind",
            Column::Date => "date",
            Column::Amount => "amount",
            Column::Funding => "funding",
        }
    }

    fn names(self) -> &'static [&'static str] {
        match self {
            Column::TaxCode => &[
                "ma so thue",
                "mst",
                "ma so doanh nghiep",
                "ma doanh nghiep",
                "tax code",
                "tax id",
                "enterprise code",
            ],
            Column::Programme => &[
                "chuong trinh",
                "chuong trinh ho tro",
                "ma chuong trinh",
                "programme",
                "program",
                "programme id",
            ],
            Column::Kind => &[
                "hinh thuc ho tro",
                "loai ho tro",
                "noi dung ho tro",
                "hinh thuc",
                "kind",
                "kind of support",
                "support",
            ],
            Column::Date => &[
                "ngay",
                "ngay ho tro",
                "thoi gian",
                "ngay cap",
                "date",
                "support date",
            ],
            Column::Amount => &[
                "so tien",
                "so tien ho tro",
                "kinh phi",
                "kinh phi ho tro",
                "so tien vnd",
                "amount",
                "amount vnd",
            ],
            Column::Funding => &[
                "nguon",
                "nguon kinh phi",
                "nguon von",
                "funding",
                "funding source",
                "source",
            ],
        }
    }
}

/// Which column of the file holds each column of the register.
pub type Mapping = sheet::Mapping<Column>;

/// The programme a row names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeRef {
    /// A programme of the catalogue, by id.
    Catalogue(String),
    /// Text that names no programme of the catalogue: kept as written.
    Other(String),
}

/// One support given, as read and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Support {
    /// The row in the file (the header is row 1, as a spreadsheet numbers it).
    pub row: usize,
    /// The enterprise: the 10-digit part of its tax code.
    pub enterprise: String,
    /// The programme.
    pub programme: ProgrammeRef,
    /// Kind of support, as written.
    pub kind: String,
    /// Date, `YYYY-MM-DD`.
    pub date: String,
    /// Amount, VND.
    pub amount_vnd: u64,
    /// Funding source, as written.
    pub funding: String,
}

/// Why a row was not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowFault {
    /// The row could not be read as CSV.
    #[error("the row cannot be read: {0}")]
    Unreadable(String),
    /// No tax code.
    #[error("no tax code")]
    NoTaxCode,
    /// A tax code that fails its checks (length, digits, check digit).
    #[error("the tax code “{0}” is not valid")]
    BadTaxCode(String),
    /// No programme.
    #[error("no programme")]
    NoProgramme,
    /// A date that is not a day of the calendar (YYYY-MM-DD or DD/MM/YYYY).
    #[error("the date “{0}” is not a date")]
    BadDate(String),
    /// An amount that is not a whole number of VND.
    #[error("the amount “{0}” is not a whole number of VND")]
    BadAmount(String),
}

/// A refused row.
pub type Refused = sheet::Refused<RowFault>;

/// A support register as read.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Register {
    /// Rows that passed the checks.
    pub supports: Vec<Support>,
    /// Rows refused, in file order.
    pub refused: Vec<Refused>,
}

/// A file that cannot be read as a register at all.
pub type RegisterError = SheetError<Column>;

/// A date as `YYYY-MM-DD`, from that form or from `DD/MM/YYYY` (as Vietnamese spreadsheets write it).
pub fn read_date(text: &str) -> Option<String> {
    let t = text.trim();
    let (y, m, d) = if let Some((y, rest)) = t.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        (y, m, d.get(..2).unwrap_or(d))
    } else {
        let mut parts = t.split('/');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        (y, m, d)
    };
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    // A day of the calendar is one that comes back the same from its day number.
    let real = (1..=12).contains(&m)
        && (1..=31).contains(&d)
        && civil_from_days(days_from_civil(y, m, d)) == (y, m, d);
    ((1900..=2100).contains(&y) && real).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// An amount in VND: digits, with `.`, `,` or spaces between thousands ("50.000.000", "50,000,000"), and an
/// optional "đ" or "VND".
pub fn read_amount(text: &str) -> Option<u64> {
    let t = text.trim();
    let t = t
        .strip_suffix("VND")
        .or_else(|| t.strip_suffix("VNĐ"))
        .or_else(|| t.strip_suffix('đ'))
        .unwrap_or(t)
        .trim();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' '))
    {
        return None;
    }
    let groups: Vec<&str> = t.split(['.', ',', ' ']).collect();
    let grouped = groups.len() > 1;
    if grouped
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    groups.concat().parse().ok()
}

/// The names a cell may give a catalogue programme by: its id, its Vietnamese and its English title, each as
/// compared ([`plain`]), folded once for a whole register. A name two programmes share goes to the first.
struct ProgrammeNames<'a>(HashMap<String, &'a str>);

impl<'a> ProgrammeNames<'a> {
    fn new(catalogue: &'a [Programme]) -> Self {
        let mut names = HashMap::new();
        for x in catalogue {
            for name in [&x.id, &x.title.vi, &x.title.en] {
                names.entry(plain(name)).or_insert(x.id.as_str());
            }
        }
        ProgrammeNames(names)
    }

    /// The catalogue programme a cell names, ignoring case and diacritics; else the cell as free text.
    fn of(&self, cell: &str) -> ProgrammeRef {
        self.0.get(&plain(cell)).map_or_else(
            || ProgrammeRef::Other(cell.trim().to_string()),
            |id| ProgrammeRef::Catalogue((*id).to_string()),
        )
    }
}

impl Register {
    /// Reads a register from CSV text with a mapping (from [`Mapping::guess`], or corrected by the office).
    ///
    /// # Errors
    /// [`RegisterError`] when the file has no header or the mapping lacks a required column; a bad row is refused
    /// on its own instead.
    pub fn read_csv(
        text: &str,
        mapping: &Mapping,
        catalogue: &[Programme],
    ) -> Result<Register, RegisterError> {
        let names = ProgrammeNames::new(catalogue);
        let (supports, refused) = read_rows(text, mapping, RowFault::Unreadable, |row, cell| {
            read_row(cell, &names).map(|s| Support { row, ..s })
        })?;
        Ok(Register { supports, refused })
    }
}

fn read_row<'a>(
    cell: &dyn Fn(Column) -> &'a str,
    names: &ProgrammeNames<'_>,
) -> Result<Support, RowFault> {
    let tax = cell(Column::TaxCode);
    if tax.is_empty() {
        return Err(RowFault::NoTaxCode);
    }
    let enterprise = TaxCode::parse(tax)
        .map_err(|_| RowFault::BadTaxCode(tax.to_string()))?
        .enterprise()
        .to_string();
    let programme = cell(Column::Programme);
    if programme.is_empty() {
        return Err(RowFault::NoProgramme);
    }
    let date_text = cell(Column::Date);
    let date = read_date(date_text).ok_or_else(|| RowFault::BadDate(date_text.to_string()))?;
    let amount_text = cell(Column::Amount);
    let amount_vnd =
        read_amount(amount_text).ok_or_else(|| RowFault::BadAmount(amount_text.to_string()))?;
    Ok(Support {
        row: 0,
        enterprise,
        programme: names.of(programme),
        kind: cell(Column::Kind).to_string(),
        date,
        amount_vnd,
        funding: cell(Column::Funding).to_string(),
    })
}
