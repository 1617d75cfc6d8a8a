//! Provinces after the 1/7/2025 reorganisation (34 units, with codes), from `questionnaires/provinces.json`.
use crate::domain::assessment::questionnaire::SourceRef;
use crate::domain::assessment::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use thiserror::Error;

/// A province or centrally-run city.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Province {
    /// Two-digit code.
    pub code: String,
    /// Name, in Vietnamese (names are not translated).
    pub name: String,
    /// Whether it is a centrally-run city (thành phố trực thuộc trung ương).
    pub city: bool,
    /// The provinces it was formed from.
    pub merged_from: Vec<String>,
}

/// The province table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provinces {
    /// Always "provinces".
    pub kind: String,
    /// Legal reference.
    pub source: SourceRef,
    /// A caveat about the codes.
    pub note: Text,
    /// The units, by code.
    pub provinces: Vec<Province>,
}

/// Why the province table was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ProvinceError {
    /// Not JSON of the right shape.
    #[error("the province file does not parse: {0}")]
    Parse(String),
    /// Wrong `kind`.
    #[error("the file's kind is `{0}`, not `provinces`")]
    WrongKind(String),
    /// A code that is not two digits, or repeated.
    #[error("province code `{0}` is not two digits or is repeated")]
    BadCode(String),
    /// Not 34 units.
    #[error("expected 34 provinces and cities, found {0}")]
    Count(usize),
}

impl Provinces {
    /// Parses and checks the table.
    ///
    /// # Errors
    /// [`ProvinceError`] naming the bad code.
    pub fn from_json(json: &str) -> Result<Provinces, ProvinceError> {
        let p: Provinces =
            serde_json::from_str(json).map_err(|e| ProvinceError::Parse(e.to_string()))?;
        if p.kind != "provinces" {
            return Err(ProvinceError::WrongKind(p.kind));
        }
        let mut seen = BTreeSet::new();
        for x in &p.provinces {
            if x.code.len() != 2
                || !x.code.bytes().all(|b| b.is_ascii_digit())
                || !seen.insert(x.code.clone())
            {
                return Err(ProvinceError::BadCode(x.code.clone()));
            }
        }
        if p.provinces.len() != 34 {
            return Err(ProvinceError::Count(p.provinces.len()));
        }
        Ok(p)
    }

    /// The province with this code.
    pub fn get(&self, code: &str) -> Option<&Province> {
        self.provinces.iter().find(|p| p.code == code)
    }
}
