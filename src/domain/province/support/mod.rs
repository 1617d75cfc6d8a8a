//! The province's register of the support it gave, read beside the results: which enterprises were supported, with
//! what, and whether that support broke a rule the catalogue states. The rules and the columns are written down in
//! `docs/support-register.md`.
//!
//! A register is a table (CSV here; an XLSX sheet arrives as the same rows) of: tax code, programme (an id of
//! `programmes.json` or free text), kind of support, date, amount in VND, funding source. The columns are found by
//! their headers ([`Mapping::guess`], in Vietnamese or English, with or without diacritics), and the office can
//! correct the guess. Every row is checked on its own; a refused row is listed with its row number and the reason,
//! and the other rows are kept.
mod read;

pub use crate::domain::province::sheet::headers;
pub use read::{
    Column, Mapping, ProgrammeRef, Refused, Register, RegisterError, RowFault, Support,
    read_amount, read_date,
};

use crate::domain::advice::recommend::{Programme, ProgrammeStatus};
use crate::domain::records::size::SizeClass;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// What the results say of one enterprise, for the flags and the measures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Assessed {
    /// Size class, when the profile gives one (of the latest assessment).
    pub size: Option<SizeClass>,
    /// Completed assessments, in any order.
    pub assessments: Vec<Dated>,
    /// The programmes the latest assessment matches (ids of the catalogue; in force or to check, as the tally's).
    pub programmes: Vec<String>,
}

/// One completed assessment of an enterprise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    /// The day it was completed, `YYYY-MM-DD`.
    pub day: String,
    /// Its questionnaire: levels are compared within one questionnaire, as the tally's T0 → T1 is.
    pub questionnaire: String,
    /// Its overall level.
    pub level: u8,
}

/// A support that breaks a rule, naming the enterprise and the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// The year's support under one programme is above the catalogue's cap for the enterprise's size class.
    OverCap {
        /// The enterprise.
        enterprise: String,
        /// The programme id.
        programme: String,
        /// The calendar year.
        year: String,
        /// Support that year under the programme, VND.
        total_vnd: u64,
        /// The cap, VND.
        cap_vnd: u64,
        /// The size class the cap is for.
        size: SizeClass,
        /// The legal reference of the programme.
        legal: String,
        /// The programme's status: a cap of a programme not in force is shown "to check", never as law.
        status: ProgrammeStatus,
    },
    /// The enterprise's size class is not one the programme supports.
    SizeNotEligible {
        /// The enterprise.
        enterprise: String,
        /// The programme id.
        programme: String,
        /// Its size class.
        size: SizeClass,
        /// The row.
        row: usize,
    },
    /// Support given before any assessment of the enterprise.
    BeforeAssessment {
        /// The enterprise.
        enterprise: String,
        /// The support's date.
        date: String,
        /// The first assessment's day, if any.
        first_assessed: Option<String>,
        /// The row.
        row: usize,
    },
    /// A tax code that is neither in the registry nor among the results.
    Unknown {
        /// The enterprise.
        enterprise: String,
        /// The row.
        row: usize,
    },
}

/// The flags of a register, against the results (`assessed`, by 10-digit tax code), the province's enterprise
/// registry when one is loaded, and the catalogue. A programme given as free text is checked for the timing and
/// the tax code only. Flags come in the register's row order, the caps last, by enterprise, programme and year.
pub fn flags(
    register: &Register,
    assessed: &BTreeMap<String, Assessed>,
    registry: Option<&HashSet<&str>>,
    catalogue: &[Programme],
) -> Vec<Flag> {
    let programme = |id: &str| catalogue.iter().find(|p| p.id == id);
    let mut out = Vec::new();
    let mut per_year: BTreeMap<(&str, &str, &str), u64> = BTreeMap::new();
    for s in &register.supports {
        let facts = assessed.get(&s.enterprise);
        let known = facts.is_some() || registry.is_some_and(|r| r.contains(s.enterprise.as_str()));
        if !known {
            out.push(Flag::Unknown {
                enterprise: s.enterprise.clone(),
                row: s.row,
            });
        }
        // Known but never assessed counts as before any assessment; an unknown code is flagged as such alone.
        let first = facts.and_then(|f| f.assessments.iter().map(|a| a.day.as_str()).min());
        if known && first.is_none_or(|d| s.date.as_str() < d) {
            out.push(Flag::BeforeAssessment {
                enterprise: s.enterprise.clone(),
                date: s.date.clone(),
                first_assessed: first.map(str::to_string),
                row: s.row,
            });
        }
        let ProgrammeRef::Catalogue(id) = &s.programme else {
            continue;
        };
        if let (Some(p), Some(size)) = (programme(id), facts.and_then(|f| f.size))
            && !p.eligible.sizes.is_empty()
            && !p.eligible.sizes.contains(&size)
        {
            out.push(Flag::SizeNotEligible {
                enterprise: s.enterprise.clone(),
                programme: id.clone(),
                size,
                row: s.row,
            });
        }
        *per_year
            .entry((
                s.enterprise.as_str(),
                id.as_str(),
                s.date.get(..4).unwrap_or(""),
            ))
            .or_default() += s.amount_vnd;
    }
    for ((enterprise, id, year), total_vnd) in per_year {
        let (Some(p), Some(size)) = (programme(id), assessed.get(enterprise).and_then(|f| f.size))
        else {
            continue;
        };
        if let Some(&cap_vnd) = p.benefit.caps_vnd.get(&size)
            && total_vnd > cap_vnd
        {
            out.push(Flag::OverCap {
                enterprise: enterprise.to_string(),
                programme: id.to_string(),
                year: year.to_string(),
                total_vnd,
                cap_vnd,
                size,
                legal: p.legal.reference.clone(),
                status: p.status,
            });
        }
    }
    out
}

/// What can count toward the province's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Measures {
    /// Enterprises with a completed assessment.
    pub assessed: u32,
    /// Enterprises with at least one support record.
    pub supported: u32,
    /// Supported enterprises with a later assessment at a higher overall level than the last one before their first
    /// support.
    pub supported_and_improved: u32,
}

/// The three measures, from the results and a register.
pub fn measures(register: &Register, assessed: &BTreeMap<String, Assessed>) -> Measures {
    let mut first_support: BTreeMap<&str, &str> = BTreeMap::new();
    for s in &register.supports {
        let e = first_support.entry(&s.enterprise).or_insert(&s.date);
        if s.date.as_str() < *e {
            *e = &s.date;
        }
    }
    let improved = first_support
        .iter()
        .filter(|(e, first)| {
            let Some(facts) = assessed.get(**e) else {
                return false;
            };
            // The last assessment before the first support (on its day counts as before), and any later one of
            // the same questionnaire.
            let Some(before) = facts
                .assessments
                .iter()
                .filter(|a| a.day.as_str() <= **first)
                .max_by(|a, b| a.day.cmp(&b.day))
            else {
                return false;
            };
            let best_after = facts
                .assessments
                .iter()
                .filter(|a| a.day.as_str() > **first && a.questionnaire == before.questionnaire)
                .map(|a| a.level)
                .max();
            best_after.is_some_and(|a| a > before.level)
        })
        .count();
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Measures {
        assessed: count(
            assessed
                .values()
                .filter(|a| !a.assessments.is_empty())
                .count(),
        ),
        supported: count(first_support.len()),
        supported_and_improved: count(improved),
    }
}
