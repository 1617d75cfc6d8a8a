//! The keys of the tally's breakdowns, typed, and written in files as the codes they always were.
use crate::domain::records::profile::SectorGroup;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A sector group, or none given: written as its code, or `""`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Sector(pub Option<SectorGroup>);

impl Sector {
    /// The stable code (`""` when not given).
    pub fn code(self) -> &'static str {
        self.0.map_or("", SectorGroup::code)
    }
}

impl From<Sector> for String {
    fn from(s: Sector) -> String {
        s.code().to_string()
    }
}

impl TryFrom<String> for Sector {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        if s.is_empty() {
            return Ok(Sector(None));
        }
        SectorGroup::ALL
            .into_iter()
            .find(|g| g.code() == s)
            .map(|g| Sector(Some(g)))
            .ok_or_else(|| format!("`{s}` is not a sector group"))
    }
}

/// A commune of a province: written `"86 / Xã …"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Commune {
    /// The province code (empty when not given).
    pub province: String,
    /// The commune or ward, as typed (trimmed).
    pub commune: String,
}

/// Between the province code and the commune in the written form.
const SEPARATOR: &str = " / ";

impl fmt::Display for Commune {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{SEPARATOR}{}", self.province, self.commune)
    }
}

impl From<Commune> for String {
    fn from(c: Commune) -> String {
        c.to_string()
    }
}

impl TryFrom<String> for Commune {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let (province, commune) = s
            .split_once(SEPARATOR)
            .ok_or_else(|| format!("`{s}` is not a province code and a commune"))?;
        Ok(Commune {
            province: province.to_string(),
            commune: commune.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_written_as_their_codes() {
        for s in [
            Sector(None),
            Sector(Some(SectorGroup::TradeServices)),
            Sector(Some(SectorGroup::AgriIndustryConstruction)),
        ] {
            assert_eq!(Sector::try_from(String::from(s)), Ok(s));
        }
        assert_eq!(String::from(Sector(None)), "");
        let c = Commune {
            province: "86".into(),
            commune: "Phường 1 / Khu A".into(),
        };
        assert_eq!(c.to_string(), "86 / Phường 1 / Khu A");
        assert_eq!(Commune::try_from(c.to_string()), Ok(c));
        assert!(Sector::try_from("farming".to_string()).is_err());
    }
}
