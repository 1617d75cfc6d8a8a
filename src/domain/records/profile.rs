//! The enterprise profile: who answers (name, tax code, entity type, sector, size inputs, place, gender data).
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Weights of the tax-code check digit over the first nine digits (Thông tư 105/2020/TT-BTC structure).
const TAX_WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/// A valid enterprise code (mã số doanh nghiệp / mã số thuế): 10 digits, or 10 digits, "-" and a 3-digit branch
/// number for a dependent unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TaxCode(String);

/// Why a tax code was refused; each variant says which rule failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TaxCodeError {
    /// Nothing typed.
    #[error("the tax code is empty")]
    Empty,
    /// Not 10 digits, nor 10 digits + "-" + 3 digits.
    #[error("`{0}` is not 10 digits, or 10 digits, a dash and 3 digits for a branch")]
    Format(String),
    /// The tenth digit does not match the check digit of the first nine.
    #[error("the check digit is {found} but the first nine digits require {expected}")]
    CheckDigit {
        /// The digit the first nine require.
        expected: u8,
        /// The tenth digit typed.
        found: u8,
    },
    /// The first nine digits give a remainder of 0, for which no check digit exists.
    #[error("no valid tax code starts with these nine digits (the check digit would be 10)")]
    NoCheckDigit,
    /// The branch suffix 000 is not used.
    #[error("branch number 000 is not valid; branches are numbered from 001")]
    BranchZero,
}

impl TaxCode {
    /// Checks a typed tax code. Spaces are ignored.
    ///
    /// # Errors
    /// The [`TaxCodeError`] naming the rule that failed.
    pub fn parse(input: &str) -> Result<TaxCode, TaxCodeError> {
        Self::enterprise_key(input)?;
        Ok(TaxCode(
            input.chars().filter(|c| !c.is_whitespace()).collect(),
        ))
    }

    /// Checks a typed tax code as [`TaxCode::parse`] does, without keeping it: on success, its 10-digit enterprise
    /// part as a number (codes of ten digits order as their numbers do). Allocates nothing for a valid code, as the
    /// tally meets a million of them.
    ///
    /// # Errors
    /// As [`TaxCode::parse`].
    pub fn enterprise_key(input: &str) -> Result<u64, TaxCodeError> {
        // The longest valid code, without spaces, is 14 characters: 10 digits, a dash, 3 digits.
        let mut buf = [0u8; 14];
        let mut len = 0;
        let mut chars = input.chars().filter(|c| !c.is_whitespace());
        for c in chars.by_ref() {
            match (buf.get_mut(len), u8::try_from(c)) {
                (Some(slot), Ok(b)) if b.is_ascii() => *slot = b,
                _ => {
                    len = usize::MAX;
                    break;
                }
            }
            len += 1;
        }
        let Some(s) = buf.get(..len) else {
            let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
            return Err(TaxCodeError::Format(s));
        };
        if s.is_empty() {
            return Err(TaxCodeError::Empty);
        }
        let (main, branch) = match s.iter().position(|b| *b == b'-') {
            Some(i) => (&s[..i], s.get(i + 1..)),
            None => (s, None),
        };
        let digits_ok = |t: &[u8], n: usize| t.len() == n && t.iter().all(u8::is_ascii_digit);
        if !digits_ok(main, 10) || branch.is_some_and(|b| !digits_ok(b, 3)) {
            // Every byte here came from an ASCII character.
            return Err(TaxCodeError::Format(
                s.iter().map(|b| char::from(*b)).collect(),
            ));
        }
        let d: [u32; 10] = std::array::from_fn(|i| u32::from(main[i] - b'0'));
        let sum: u32 = d.iter().zip(TAX_WEIGHTS).map(|(n, w)| n * w).sum();
        let r = sum % 11;
        if r == 0 {
            return Err(TaxCodeError::NoCheckDigit);
        }
        let expected = u8::try_from((10 - r) % 10).unwrap_or(0);
        let found = u8::try_from(d[9]).unwrap_or(0);
        if expected != found {
            return Err(TaxCodeError::CheckDigit { expected, found });
        }
        if branch == Some(b"000".as_slice()) {
            return Err(TaxCodeError::BranchZero);
        }
        Ok(d.iter().fold(0u64, |k, n| k * 10 + u64::from(*n)))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 10-digit enterprise part (without a branch suffix).
    pub fn enterprise(&self) -> &str {
        &self.0[..10]
    }
}

impl TryFrom<String> for TaxCode {
    type Error = TaxCodeError;
    fn try_from(s: String) -> Result<Self, TaxCodeError> {
        TaxCode::parse(&s)
    }
}

impl From<TaxCode> for String {
    fn from(t: TaxCode) -> String {
        t.0
    }
}

/// The kind of business (loại hình).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    /// Doanh nghiệp.
    Enterprise,
    /// Hợp tác xã.
    Cooperative,
    /// Hộ kinh doanh (not an SME under Decree 80/2021).
    Household,
}

impl EntityType {
    /// Every type, in display order.
    pub const ALL: [EntityType; 3] = [
        EntityType::Enterprise,
        EntityType::Cooperative,
        EntityType::Household,
    ];

    /// The stable code used in files.
    pub fn code(self) -> &'static str {
        match self {
            EntityType::Enterprise => "enterprise",
            EntityType::Cooperative => "cooperative",
            EntityType::Household => "household",
        }
    }
}

/// The sector group of Decree 80/2021/NĐ-CP Art. 5, by main business line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectorGroup {
    /// Nông nghiệp, lâm nghiệp, thủy sản; công nghiệp và xây dựng.
    AgriIndustryConstruction,
    /// Thương mại và dịch vụ.
    TradeServices,
}

impl SectorGroup {
    /// Every group, in display order.
    pub const ALL: [SectorGroup; 2] = [
        SectorGroup::AgriIndustryConstruction,
        SectorGroup::TradeServices,
    ];

    /// The stable code used in files.
    pub fn code(self) -> &'static str {
        match self {
            SectorGroup::AgriIndustryConstruction => "agri_industry_construction",
            SectorGroup::TradeServices => "trade_services",
        }
    }
}

/// Who the enterprise is. Every field is optional: the form says why each is asked.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// Trading name.
    pub name: String,
    /// Tax code as typed; checked with [`TaxCode::parse`] wherever it is used.
    pub tax_code: String,
    /// Entity type.
    pub entity_type: Option<EntityType>,
    /// Sector group (Decree 80).
    pub sector: Option<SectorGroup>,
    /// Main business activity, in words.
    pub main_activity: String,
    /// Average number of employees paying social insurance last year.
    pub employees: Option<u32>,
    /// Last year's revenue, billion VND (tỷ đồng).
    pub revenue_bn: Option<f64>,
    /// Total capital, billion VND (tỷ đồng).
    pub capital_bn: Option<f64>,
    /// Province code after the 1/7/2025 reorganisation.
    pub province: Option<String>,
    /// Commune or ward, in words.
    pub commune: String,
    /// Whether a woman owns the business.
    pub woman_owner: Option<bool>,
    /// Share of female workers, percent.
    pub female_share_pct: Option<f64>,
}

/// A field of the profile, for edits and error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProfileField {
    /// Name.
    Name,
    /// Tax code.
    TaxCode,
    /// Main activity.
    MainActivity,
    /// Employees.
    Employees,
    /// Revenue.
    Revenue,
    /// Capital.
    Capital,
    /// Commune.
    Commune,
    /// Female share.
    FemaleShare,
}

/// One change to the profile, as the form makes it.
#[derive(Debug, Clone, PartialEq)]
pub enum ProfileEdit {
    /// Set the name.
    Name(String),
    /// Set the tax code as typed (checked when used).
    TaxCode(String),
    /// Set the entity type.
    EntityType(Option<EntityType>),
    /// Set the sector group.
    Sector(Option<SectorGroup>),
    /// Set the main activity.
    MainActivity(String),
    /// Set the number of employees.
    Employees(Option<u32>),
    /// Set last year's revenue (tỷ đồng).
    Revenue(Option<f64>),
    /// Set total capital (tỷ đồng).
    Capital(Option<f64>),
    /// Set the province code.
    Province(Option<String>),
    /// Set the commune or ward.
    Commune(String),
    /// Set whether a woman owns the business.
    WomanOwner(Option<bool>),
    /// Set the share of female workers (%).
    FemaleShare(Option<f64>),
}

/// Why a profile value was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ProfileError {
    /// A bad tax code.
    #[error("tax code: {0}")]
    TaxCode(#[from] TaxCodeError),
    /// A number that does not fit its field.
    #[error("{field:?}: {value} is outside {min}–{max}")]
    OutOfRange {
        /// The field.
        field: ProfileField,
        /// The value.
        value: f64,
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// Text where a number is needed.
    #[error("{0:?}: enter a number")]
    NotANumber(ProfileField),
}

impl Profile {
    /// Applies one edit. Numbers are checked by the caller's parser; out-of-range values still land here and are
    /// reported by [`Profile::problems`], so nothing typed is lost.
    pub fn apply(&mut self, edit: ProfileEdit) {
        match edit {
            ProfileEdit::Name(v) => self.name = v,
            ProfileEdit::TaxCode(v) => self.tax_code = v,
            ProfileEdit::EntityType(v) => self.entity_type = v,
            ProfileEdit::Sector(v) => self.sector = v,
            ProfileEdit::MainActivity(v) => self.main_activity = v,
            ProfileEdit::Employees(v) => self.employees = v,
            ProfileEdit::Revenue(v) => self.revenue_bn = v,
            ProfileEdit::Capital(v) => self.capital_bn = v,
            ProfileEdit::Province(v) => self.province = v,
            ProfileEdit::Commune(v) => self.commune = v,
            ProfileEdit::WomanOwner(v) => self.woman_owner = v,
            ProfileEdit::FemaleShare(v) => self.female_share_pct = v,
        }
    }

    /// The tax code, if one is typed and valid.
    pub fn valid_tax_code(&self) -> Option<TaxCode> {
        TaxCode::parse(&self.tax_code).ok()
    }

    /// Checks every field that has rules; an empty tax code is fine (it is optional).
    pub fn problems(&self) -> Vec<ProfileError> {
        let mut out = Vec::new();
        if !self.tax_code.trim().is_empty()
            && let Err(e) = TaxCode::parse(&self.tax_code)
        {
            out.push(ProfileError::TaxCode(e));
        }
        let ranges = [
            (ProfileField::Revenue, self.revenue_bn, 1e6),
            (ProfileField::Capital, self.capital_bn, 1e6),
            (ProfileField::FemaleShare, self.female_share_pct, 100.0),
        ];
        for (field, value, max) in ranges {
            if let Some(v) = value
                && !(0.0..=max).contains(&v)
            {
                out.push(ProfileError::OutOfRange {
                    field,
                    value: v,
                    min: 0.0,
                    max,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tax_code_vectors() {
        let valid = [
            "0100109106",
            "0302035520",
            "0300588569",
            "0101248141",
            "0100112437",
            "0100109106-001",
            " 0100109106 ",
        ];
        for v in valid {
            assert!(TaxCode::parse(v).is_ok(), "{v} is valid");
        }
        let invalid = [
            ("", TaxCodeError::Empty),
            (
                "0100109107",
                TaxCodeError::CheckDigit {
                    expected: 6,
                    found: 7,
                },
            ),
            ("0100109106-000", TaxCodeError::BranchZero),
            ("010010910", TaxCodeError::Format("010010910".into())),
            ("01001091061", TaxCodeError::Format("01001091061".into())),
            (
                "0100109106-01",
                TaxCodeError::Format("0100109106-01".into()),
            ),
            ("01001O9106", TaxCodeError::Format("01001O9106".into())),
            (
                "0100000000",
                TaxCodeError::CheckDigit {
                    expected: 3,
                    found: 0,
                },
            ),
            // 1·31 + 1·13 = 44, a multiple of 11: no check digit exists.
            ("1000010000", TaxCodeError::NoCheckDigit),
        ];
        for (v, want) in &invalid {
            assert_eq!(TaxCode::parse(v).as_ref(), Err(want), "{v:?}");
        }
        assert_eq!(
            TaxCode::parse("0100109106-001").map(|t| t.enterprise().to_string()),
            Ok("0100109106".into())
        );
        // The tally's key says what parse says, on these and on longer, non-ASCII and spaced inputs.
        let more = [
            "0100109106-001-001",
            "０100109106",
            "0100109106-",
            "-0100109106",
            "01 0010 9106 - 00 2",
            "0100109106\u{a0}",
            "0100109106-0é1",
            "01001091060000000000",
        ];
        for v in valid
            .iter()
            .chain(invalid.iter().map(|(v, _)| v))
            .chain(&more)
        {
            let key = TaxCode::parse(v).map(|t| t.enterprise().parse::<u64>().unwrap_or(u64::MAX));
            assert_eq!(TaxCode::enterprise_key(v), key, "{v:?}");
        }
        assert_eq!(TaxCode::enterprise_key("0100109106-001"), Ok(100_109_106));
    }

    #[test]
    fn profile_problems() {
        let p = Profile {
            tax_code: "0100109107".into(),
            female_share_pct: Some(120.0),
            ..Profile::default()
        };
        assert_eq!(
            p.problems(),
            vec![
                ProfileError::TaxCode(TaxCodeError::CheckDigit {
                    expected: 6,
                    found: 7
                }),
                ProfileError::OutOfRange {
                    field: ProfileField::FemaleShare,
                    value: 120.0,
                    min: 0.0,
                    max: 100.0
                },
            ]
        );
        assert!(
            Profile::default().problems().is_empty(),
            "every field is optional"
        );
    }
}
