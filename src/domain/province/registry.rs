//! The province's list of registered enterprises (exported from the business registration system), read beside
//! the results so that the office sees whom it has not reached (docs/registry.md).
//!
//! Columns are found by their headers ([`Mapping::guess`]), and the office can correct the guess: tax code (needed),
//! name, commune or address, main sector (a VSIC 2018 code, a section letter or words), founding date and status.
//! Every row is checked on its own, its tax code included; a refused row is listed with its row number and why,
//! and the others are kept. An enterprise whose status says it has stopped (dissolved, suspended…) is kept but not
//! counted as registered.
use crate::domain::province::sheet::{self, Columns, SheetError, plain, read_rows};
use crate::domain::province::support::read_date;
use crate::domain::records::profile::{SectorGroup, TaxCode};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A column of the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    /// Mã số thuế / mã số doanh nghiệp.
    TaxCode,
    /// Tên doanh nghiệp.
    Name,
    /// Commune or ward, or the address that names it.
    Commune,
    /// Main line of business: a VSIC code, a section letter or words.
    Sector,
    /// Ngày thành lập.
    Founded,
    /// Tình trạng hoạt động.
    Status,
}

impl Columns for Column {
    const ALL: &'static [Column] = &[
        Column::TaxCode,
        Column::Name,
        Column::Commune,
        Column::Sector,
        Column::Founded,
        Column::Status,
    ];

    fn names(self) -> &'static [&'static str] {
        match self {
            Column::TaxCode => &[
                "ma so thue",
                "mst",
                "ma so doanh nghiep",
                "ma doanh nghiep",
                "ma so dn",
                "tax code",
                "tax id",
                "enterprise code",
            ],
            Column::Name => &[
                "ten doanh nghiep",
                "ten",
                "ten dn",
                "ten cong ty",
                "name",
                "enterprise name",
                "company name",
            ],
            Column::Commune => &[
                "xa phuong",
                "phuong xa",
                "xa",
                "phuong",
                "dia ban",
                "dia chi",
                "dia chi tru so",
                "commune",
                "ward",
                "commune ward",
                "address",
            ],
            Column::Sector => &[
                "nganh nghe kinh doanh chinh",
                "nganh kinh doanh chinh",
                "nganh chinh",
                "nganh nghe",
                "ma nganh",
                "nganh kinh te",
                "vsic",
                "ma vsic",
                "main sector",
                "sector",
                "industry",
                "vsic code",
            ],
            Column::Founded => &[
                "ngay thanh lap",
                "ngay dang ky",
                "ngay dang ky lan dau",
                "founded",
                "founding date",
                "date of establishment",
            ],
            Column::Status => &["tinh trang", "trang thai", "tinh trang hoat dong", "status"],
        }
    }

    fn required(self) -> bool {
        self == Column::TaxCode
    }

    fn code(self) -> &'static str {
        match self {
            Column::TaxCode => "tax_code",
            Column::Name => "name",
            Column::Commune => "commune",
            Column::Sector => "sector",
            Column::Founded => "founded",
            Column::Status => "status",
        }
    }
}

/// Which column of the file holds each column of the registry.
pub type Mapping = sheet::Mapping<Column>;

/// VSIC 2018 sections and the sector group each belongs to (`questionnaires/vsic_sectors.json`, with its source).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Vsic {
    /// The sections.
    pub sections: Vec<Section>,
    /// Words that name a group when the sector is written out ("thương mại", "xây dựng").
    pub words: Vec<Word>,
    /// Each word as compared ([`plain`]), in the same order, folded once when the table is read.
    #[serde(skip)]
    plain_words: Vec<String>,
}

/// A VSIC section (ngành cấp 1).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Section {
    /// Its letter, A–U.
    pub section: String,
    /// Its divisions (ngành cấp 2), the first two digits of a code.
    pub divisions: Vec<u8>,
    /// Its sector group.
    pub group: SectorGroup,
}

/// A word naming a sector group.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Word {
    /// The word, as people write it.
    pub text: String,
    /// The group.
    pub group: SectorGroup,
}

impl Vsic {
    /// The built-in table.
    ///
    /// # Errors
    /// The parser's message, when the built-in file is broken (a test keeps it whole).
    pub fn builtin() -> Result<Vsic, String> {
        Vsic::from_json(crate::domain::catalog::VSIC_FILE)
    }

    /// Reads and checks a table: sections are single letters, each named once, and no division belongs to two.
    ///
    /// # Errors
    /// The parser's message, or the first section or division that breaks a rule.
    pub fn from_json(text: &str) -> Result<Vsic, String> {
        let mut v: Vsic = serde_json::from_str(text).map_err(|e| e.to_string())?;
        v.plain_words = v.words.iter().map(|w| plain(&w.text)).collect();
        let mut sections = std::collections::BTreeSet::new();
        let mut owner: HashMap<u8, &str> = HashMap::new();
        for s in &v.sections {
            let letter = s.section.chars().next().filter(char::is_ascii_uppercase);
            if s.section.chars().count() != 1 || letter.is_none() {
                return Err(format!("section `{}` is not one capital letter", s.section));
            }
            if !sections.insert(s.section.as_str()) {
                return Err(format!("section {} is named twice", s.section));
            }
            for d in &s.divisions {
                if !(1..=99).contains(d) {
                    return Err(format!("section {}: division {d} is not 01–99", s.section));
                }
                if let Some(first) = owner.insert(*d, &s.section) {
                    return Err(format!(
                        "division {d:02} is in sections {first} and {}",
                        s.section
                    ));
                }
            }
        }
        if v.sections.is_empty() {
            return Err("no sections".into());
        }
        Ok(v)
    }

    /// The sector group a cell names: a VSIC code ("4711", "47110", "C1010"), a section letter, a group's code,
    /// or words of a group ("Bán lẻ", "xây dựng nhà ở"). `None` when it names none.
    pub fn group_of(&self, cell: &str) -> Option<SectorGroup> {
        let t = cell.trim();
        let upper = t.to_ascii_uppercase();
        let mut chars = upper.chars();
        let first = chars.next()?;
        // A section letter, alone or before the code ("C", "C10", "C 1010").
        let letter = first.is_ascii_uppercase() && {
            let rest = chars.as_str().trim_start();
            rest.is_empty() || rest.bytes().all(|b| b.is_ascii_digit())
        };
        let section = |s: &str| self.sections.iter().find(|x| x.section == s);
        let digits = if letter {
            let rest = upper[1..].trim_start();
            if rest.is_empty() {
                return section(&upper[..1]).map(|s| s.group);
            }
            rest
        } else {
            upper.as_str()
        };
        if digits.len() >= 2 && digits.len() <= 5 && digits.bytes().all(|b| b.is_ascii_digit()) {
            let division: u8 = digits[..2].parse().ok()?;
            let s = self
                .sections
                .iter()
                .find(|s| s.divisions.contains(&division))?;
            // A letter given with a code must be the code's own section.
            return (!letter || s.section == upper[..1]).then_some(s.group);
        }
        if let Some(g) = SectorGroup::ALL.into_iter().find(|g| g.code() == t) {
            return Some(g);
        }
        let p = plain(t);
        self.words
            .iter()
            .zip(&self.plain_words)
            .find(|(_, w)| p.contains(w.as_str()))
            .map(|(w, _)| w.group)
    }
}

/// Why a row of the registry was not read.
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
    /// The enterprise is already on an earlier row.
    #[error("the enterprise is already on row {0}")]
    Repeated(usize),
    /// A sector that is neither a VSIC code nor words of a sector group.
    #[error("the sector “{0}” is neither a VSIC code nor a sector group")]
    BadSector(String),
    /// A founding date that is not a day of the calendar.
    #[error("the founding date “{0}” is not a date")]
    BadDate(String),
}

/// A refused row.
pub type Refused = sheet::Refused<RowFault>;

/// A file that cannot be read as a registry at all.
pub type RegistryError = SheetError<Column>;

/// One registered enterprise, as read and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registered {
    /// The row in the file (header = 1).
    pub row: usize,
    /// The enterprise: the 10-digit part of its tax code.
    pub enterprise: String,
    /// Name, as written.
    pub name: String,
    /// Commune or address, as written.
    pub commune: String,
    /// Sector group, when the row gives one.
    pub sector: Option<SectorGroup>,
    /// Founding date, `YYYY-MM-DD`, when given.
    pub founded: Option<String>,
    /// Status, as written.
    pub status: String,
    /// Whether it still operates (its status does not say it stopped).
    pub active: bool,
}

/// A registry as read.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Registry {
    /// Rows that passed the checks, in file order.
    pub enterprises: Vec<Registered>,
    /// Rows refused, in file order.
    pub refused: Vec<Refused>,
}

/// Words of a status that says the enterprise has stopped, as [`plain`] writes them.
const STOPPED: [&str; 11] = [
    "giai the",
    "ngung",
    "pha san",
    "cham dut",
    "dong ma so",
    "khong hoat dong",
    "dissolved",
    "closed",
    "ceased",
    "bankrupt",
    "suspended",
];

/// Whether a status says the enterprise still operates.
pub fn operates(status: &str) -> bool {
    let p = plain(status);
    !STOPPED.iter().any(|w| p.contains(w))
}

impl Registry {
    /// Reads a registry from CSV text with a mapping (from [`Mapping::guess`], or corrected by the office).
    ///
    /// # Errors
    /// [`RegistryError`] when the file has no header or no tax-code column; a bad row is refused on its own.
    pub fn read_csv(text: &str, mapping: &Mapping, vsic: &Vsic) -> Result<Registry, RegistryError> {
        let mut first_row: HashMap<String, usize> = HashMap::new();
        // A few statuses repeat over every row: each is read once.
        let mut operating: HashMap<String, bool> = HashMap::new();
        let (enterprises, refused) =
            read_rows(text, mapping, RowFault::Unreadable, |row, cell| {
                let status = cell(Column::Status);
                let active = match operating.get(status) {
                    Some(&a) => a,
                    None => *operating
                        .entry(status.to_string())
                        .or_insert_with(|| operates(status)),
                };
                let r = read_row(row, cell, vsic, active)?;
                match first_row.get(&r.enterprise) {
                    Some(&earlier) => Err(RowFault::Repeated(earlier)),
                    None => {
                        first_row.insert(r.enterprise.clone(), row);
                        Ok(r)
                    }
                }
            })?;
        Ok(Registry {
            enterprises,
            refused,
        })
    }

    /// The enterprises that still operate.
    pub fn active(&self) -> impl Iterator<Item = &Registered> {
        self.enterprises.iter().filter(|e| e.active)
    }
}

fn read_row<'a>(
    row: usize,
    cell: &dyn Fn(Column) -> &'a str,
    vsic: &Vsic,
    active: bool,
) -> Result<Registered, RowFault> {
    let tax = cell(Column::TaxCode);
    if tax.is_empty() {
        return Err(RowFault::NoTaxCode);
    }
    let enterprise = TaxCode::parse(tax)
        .map_err(|_| RowFault::BadTaxCode(tax.to_string()))?
        .enterprise()
        .to_string();
    let sector_text = cell(Column::Sector);
    let sector = if sector_text.is_empty() {
        None
    } else {
        Some(
            vsic.group_of(sector_text)
                .ok_or_else(|| RowFault::BadSector(sector_text.to_string()))?,
        )
    };
    let founded_text = cell(Column::Founded);
    let founded = if founded_text.is_empty() {
        None
    } else {
        Some(read_date(founded_text).ok_or_else(|| RowFault::BadDate(founded_text.to_string()))?)
    };
    let status = cell(Column::Status).to_string();
    Ok(Registered {
        row,
        enterprise,
        name: cell(Column::Name).to_string(),
        commune: cell(Column::Commune).to_string(),
        sector,
        founded,
        active,
        status,
    })
}
