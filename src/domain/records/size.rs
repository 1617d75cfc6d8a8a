//! SME size class under Decree 80/2021/NĐ-CP Art. 5, from the thresholds in `questionnaires/size_rules.json`.
use crate::domain::assessment::questionnaire::SourceRef;
use crate::domain::assessment::text::Text;
use crate::domain::records::profile::{EntityType, Profile, SectorGroup};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A size class of the decree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    /// Siêu nhỏ.
    Micro,
    /// Nhỏ.
    Small,
    /// Vừa.
    Medium,
}

impl SizeClass {
    /// Every class, smallest first.
    pub const ALL: [SizeClass; 3] = [SizeClass::Micro, SizeClass::Small, SizeClass::Medium];

    /// The stable code used in files.
    pub fn code(self) -> &'static str {
        match self {
            SizeClass::Micro => "micro",
            SizeClass::Small => "small",
            SizeClass::Medium => "medium",
        }
    }
}

/// One row of the threshold table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeRule {
    /// The class.
    pub size: SizeClass,
    /// The sector group it applies to.
    pub sector: SectorGroup,
    /// Employees with social insurance, at most.
    pub max_employees: u32,
    /// Revenue, billion VND, at most.
    pub max_revenue_bn: f64,
    /// Total capital, billion VND, at most.
    pub max_capital_bn: f64,
}

/// The threshold table with its legal reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeRules {
    /// Always "size_rules".
    pub kind: String,
    /// Legal reference.
    pub source: SourceRef,
    /// How the inputs are defined.
    pub note: Text,
    /// The rows.
    pub rules: Vec<SizeRule>,
}

/// Which of revenue or capital met its limit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Via {
    /// Revenue at most this many billion VND.
    Revenue(f64),
    /// Capital at most this many billion VND.
    Capital(f64),
}

/// What the profile says about size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum SizeResult {
    /// The smallest class whose limits hold, and why.
    Class {
        /// The class.
        class: SizeClass,
        /// The employee limit that holds.
        max_employees: u32,
        /// The money limit that holds.
        via: Via,
    },
    /// Not enough data to decide; the fields that would settle it.
    NotEnoughData(Vec<SizeInput>),
    /// A household business is not an SME under the decree.
    Household,
    /// Above every medium limit.
    AboveMedium,
}

/// What a size result comes to, as one of six categories (the tally's breakdown, files): not enough data, micro,
/// small, medium, a household business, above medium. Written in files as its code (`""`, `micro`, …); ordered
/// as the codes are, so that lists keep the order they always had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum SizeCategory {
    /// The profile does not say enough.
    Unknown,
    /// Siêu nhỏ.
    Micro,
    /// Nhỏ.
    Small,
    /// Vừa.
    Medium,
    /// Hộ kinh doanh (not an SME).
    Household,
    /// Above every medium limit.
    AboveMedium,
}

impl SizeCategory {
    /// Every category, as the tally numbers them.
    pub const ALL: [SizeCategory; 6] = [
        SizeCategory::Unknown,
        SizeCategory::Micro,
        SizeCategory::Small,
        SizeCategory::Medium,
        SizeCategory::Household,
        SizeCategory::AboveMedium,
    ];

    /// The category of a size result.
    pub fn of(r: &SizeResult) -> SizeCategory {
        match r {
            SizeResult::Class { class, .. } => match class {
                SizeClass::Micro => SizeCategory::Micro,
                SizeClass::Small => SizeCategory::Small,
                SizeClass::Medium => SizeCategory::Medium,
            },
            SizeResult::Household => SizeCategory::Household,
            SizeResult::AboveMedium => SizeCategory::AboveMedium,
            SizeResult::NotEnoughData(_) => SizeCategory::Unknown,
        }
    }

    /// The stable code used in files (empty when unknown).
    pub fn code(self) -> &'static str {
        match self {
            SizeCategory::Unknown => "",
            SizeCategory::Micro => "micro",
            SizeCategory::Small => "small",
            SizeCategory::Medium => "medium",
            SizeCategory::Household => "household",
            SizeCategory::AboveMedium => "above_medium",
        }
    }
}

impl Ord for SizeCategory {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.code().cmp(other.code())
    }
}

impl PartialOrd for SizeCategory {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl From<SizeCategory> for String {
    fn from(c: SizeCategory) -> String {
        c.code().to_string()
    }
}

impl TryFrom<String> for SizeCategory {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        SizeCategory::ALL
            .into_iter()
            .find(|c| c.code() == s)
            .ok_or_else(|| format!("`{s}` is not a size category"))
    }
}

/// An input of the size rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SizeInput {
    /// The sector group.
    Sector,
    /// Employees.
    Employees,
    /// Revenue or capital (either settles the money test).
    RevenueOrCapital,
}

/// Why the table was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SizeRulesError {
    /// Not JSON of the right shape.
    #[error("the size table does not parse: {0}")]
    Parse(String),
    /// A class or sector missing or repeated, or limits that do not grow with the class.
    #[error("size table: {0}")]
    Shape(String),
}

/// Three-valued: a limit holds, fails, or cannot be told.
fn under(value: Option<f64>, limit: f64) -> Option<bool> {
    value.map(|v| v <= limit)
}

impl SizeRules {
    /// Parses and checks the table: each sector has micro, small and medium, with limits that never shrink.
    ///
    /// # Errors
    /// [`SizeRulesError`].
    pub fn from_json(json: &str) -> Result<SizeRules, SizeRulesError> {
        let t: SizeRules =
            serde_json::from_str(json).map_err(|e| SizeRulesError::Parse(e.to_string()))?;
        if t.kind != "size_rules" {
            return Err(SizeRulesError::Shape(format!("kind is `{}`", t.kind)));
        }
        for sector in SectorGroup::ALL {
            let mut prev: Option<&SizeRule> = None;
            for class in SizeClass::ALL {
                let rows: Vec<&SizeRule> = t
                    .rules
                    .iter()
                    .filter(|r| r.sector == sector && r.size == class)
                    .collect();
                let [row] = rows.as_slice() else {
                    return Err(SizeRulesError::Shape(format!(
                        "{} / {} needs exactly one row",
                        sector.code(),
                        class.code()
                    )));
                };
                if let Some(p) = prev
                    && (row.max_employees < p.max_employees
                        || row.max_revenue_bn < p.max_revenue_bn
                        || row.max_capital_bn < p.max_capital_bn)
                {
                    return Err(SizeRulesError::Shape(format!(
                        "{} / {} limits are below the smaller class",
                        sector.code(),
                        class.code()
                    )));
                }
                prev = Some(row);
            }
        }
        Ok(t)
    }

    /// Classifies a profile: the smallest class whose employee limit holds and whose revenue or capital limit holds.
    /// Missing data is never guessed: if a smaller class might still fit, the answer is "not enough data".
    pub fn classify(&self, p: &Profile) -> SizeResult {
        if p.entity_type == Some(EntityType::Household) {
            return SizeResult::Household;
        }
        let Some(sector) = p.sector else {
            return SizeResult::NotEnoughData(missing(p));
        };
        let employees = p.employees.map(f64::from);
        for class in SizeClass::ALL {
            let Some(rule) = self
                .rules
                .iter()
                .find(|r| r.sector == sector && r.size == class)
            else {
                continue;
            };
            let staff = under(employees, f64::from(rule.max_employees));
            let revenue = under(p.revenue_bn, rule.max_revenue_bn);
            let capital = under(p.capital_bn, rule.max_capital_bn);
            let money = match (revenue, capital) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            };
            match (staff, money) {
                (Some(true), Some(true)) => {
                    let via = if revenue == Some(true) {
                        Via::Revenue(rule.max_revenue_bn)
                    } else {
                        Via::Capital(rule.max_capital_bn)
                    };
                    return SizeResult::Class {
                        class,
                        max_employees: rule.max_employees,
                        via,
                    };
                }
                (Some(false), _) | (_, Some(false)) => continue,
                _ => return SizeResult::NotEnoughData(missing(p)),
            }
        }
        SizeResult::AboveMedium
    }

    /// The row for a class and sector.
    pub fn rule(&self, class: SizeClass, sector: SectorGroup) -> Option<&SizeRule> {
        self.rules
            .iter()
            .find(|r| r.size == class && r.sector == sector)
    }
}

fn missing(p: &Profile) -> Vec<SizeInput> {
    let mut out = Vec::new();
    if p.sector.is_none() {
        out.push(SizeInput::Sector);
    }
    if p.employees.is_none() {
        out.push(SizeInput::Employees);
    }
    if p.revenue_bn.is_none() || p.capital_bn.is_none() {
        out.push(SizeInput::RevenueOrCapital);
    }
    out
}
