//! The results, the enterprise registry and the support register side by side (docs/registry.md): the three
//! measures a target can count, the register's flags, coverage per commune, sector group and size class, and the
//! outreach list of whom to reach next.
//!
//! Coverage counts the registered enterprises that still operate: of those in each group, how many are assessed
//! and how many supported. Assessed or supported enterprises missing from the registry are counted apart
//! ([`Coverage::outside`]), never in a group's share. A registered enterprise takes its commune and sector from the
//! registry (the sector from its results when the registry gives none) and its size class from its results.
use crate::domain::advice::recommend::Programme;
use crate::domain::province::collate::sort_key;
use crate::domain::province::registry::{self, Vsic};
use crate::domain::province::registry::{Refused as RegistryRefused, Registry};
use crate::domain::province::sheet::{Codes, SheetFault, plain, plain_chars};
use crate::domain::province::support;
use crate::domain::province::support::{
    Assessed, Flag, Measures, Refused as RegisterRefused, Register, flags, measures,
};
use crate::domain::province::tally::{EnterpriseLine, Sector};
use crate::domain::records::export::{Cell, Sheet};
use crate::domain::records::size::SizeCategory;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What the join reads.
pub struct Sources<'a> {
    /// The tally's enterprise list.
    pub lines: &'a [EnterpriseLine],
    /// What the results say of each enterprise, by 10-digit tax code.
    pub assessed: &'a BTreeMap<String, Assessed>,
    /// The registry, when one is loaded.
    pub registry: Option<&'a Registry>,
    /// The support register, when one is loaded.
    pub register: Option<&'a Register>,
    /// The programme catalogue.
    pub catalogue: &'a [Programme],
}

/// Registered, assessed and supported enterprises of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cover {
    /// Registered enterprises that still operate.
    pub registered: u32,
    /// Of those, assessed.
    pub assessed: u32,
    /// Of those, supported (at least one support record).
    pub supported: u32,
    /// Of those, both assessed and supported.
    pub both: u32,
}

/// Coverage of the registry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Coverage {
    /// Every registered enterprise that still operates.
    pub total: Cover,
    /// By commune, in Vietnamese order; the label is the commune as first written ("" when not given).
    pub by_commune: Vec<(String, Cover)>,
    /// By sector group.
    pub by_sector: Vec<(Sector, Cover)>,
    /// By size class (from the results: not given for an enterprise never assessed).
    pub by_size: Vec<(SizeCategory, Cover)>,
    /// Enterprises assessed or supported that are not in the registry (`registered` is 0).
    pub outside: Cover,
    /// Registered enterprises whose status says they stopped (not counted).
    pub stopped: u32,
}

/// Why an enterprise is on the outreach list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// Registered, operating, and never assessed.
    NotAssessed,
    /// Assessed at level 0–2, matching programmes, and no support recorded.
    NoSupport {
        /// Its overall level.
        level: u8,
        /// The programmes it matches.
        programmes: Vec<String>,
    },
}

/// One enterprise to reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outreach {
    /// The 10-digit tax code.
    pub enterprise: String,
    /// Name.
    pub name: String,
    /// Commune, as written.
    pub commune: String,
    /// Why.
    pub reach: Reach,
}

/// Levels up to this one are low enough to be reached out to.
pub const OUTREACH_LEVEL: u8 = 2;

/// Everything the join gives.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Joined {
    /// The three measures (supported and its improvement are 0 without a register).
    pub measures: Measures,
    /// Whether a support register was read.
    pub has_register: bool,
    /// The register's flags.
    pub flags: Vec<Flag>,
    /// Support rows read and kept.
    pub register_rows: u32,
    /// Support rows refused.
    pub register_refused: Vec<RegisterRefused>,
    /// Registry rows read and kept.
    pub registry_rows: u32,
    /// Registry rows refused.
    pub registry_refused: Vec<RegistryRefused>,
    /// Coverage, when a registry was read.
    pub coverage: Option<Coverage>,
    /// Whom to reach, grouped by commune (in Vietnamese order), then by name.
    pub outreach: Vec<Outreach>,
    /// Why the registry could not be read at all, if it could not.
    pub registry_fault: Option<SheetFault>,
    /// Why the support register could not be read at all, if it could not.
    pub register_fault: Option<SheetFault>,
}

/// The commune an address names: the part of a comma-separated address that starts "xã", "phường", "thị trấn" or
/// "đặc khu"; else the text as written.
pub fn commune_of(text: &str) -> &str {
    let t = text.trim();
    t.split(',')
        .map(str::trim)
        .find(|part| names_a_commune(part))
        .unwrap_or(t)
}

/// Whether an address part starts with one of the words that name a commune, compared as [`plain`] compares, from
/// the part's first letters only (the words sought are at most 9 letters and spaces long) and without making the
/// folded text: a registry of 100,000 addresses has a few parts each.
fn names_a_commune(part: &str) -> bool {
    let head = part
        .char_indices()
        .nth(COMMUNE_HEAD)
        .map_or(part, |(i, _)| &part[..i]);
    ["xa ", "phuong ", "thi tran ", "dac khu "].iter().any(|w| {
        let mut folded = plain_chars(head);
        w.chars().all(|c| folded.next() == Some(c))
    })
}

/// How many characters of an address part [`commune_of`] folds to find the word that starts it.
const COMMUNE_HEAD: usize = 16;

/// Groups kept under one key, with the label first written for each.
struct Groups<K> {
    rows: BTreeMap<K, (String, Cover)>,
}

impl<K: Ord + Clone> Groups<K> {
    fn new() -> Self {
        Groups {
            rows: BTreeMap::new(),
        }
    }

    fn add(&mut self, key: K, label: &str, assessed: bool, supported: bool) {
        let (_, c) = self
            .rows
            .entry(key)
            .or_insert_with(|| (label.to_string(), Cover::default()));
        c.registered += 1;
        c.assessed += u32::from(assessed);
        c.supported += u32::from(supported);
        c.both += u32::from(assessed && supported);
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Sets the sources side by side.
pub fn join(s: &Sources<'_>) -> Joined {
    let empty = Register::default();
    let register = s.register.unwrap_or(&empty);
    let supported: HashSet<&str> = register
        .supports
        .iter()
        .map(|x| x.enterprise.as_str())
        .collect();
    // Every enterprise the registry lists, stopped ones included.
    let registered: Option<HashSet<&str>> = s.registry.map(|r| {
        let mut set = HashSet::with_capacity(r.enterprises.len());
        set.extend(r.enterprises.iter().map(|e| e.enterprise.as_str()));
        set
    });
    let line_of: HashMap<&str, &EnterpriseLine> = s
        .lines
        .iter()
        .filter_map(|l| l.tax_code.get(..10).map(|t| (t, l)))
        .collect();
    let is_assessed = |e: &str| s.assessed.get(e).is_some_and(|a| !a.assessments.is_empty());
    let mut outreach = Vec::new();
    let nobody = HashSet::new();
    let coverage = s.registry.map(|registry| {
        let (mut communes, mut sectors, mut sizes) = (Groups::new(), Groups::new(), Groups::new());
        let mut keys: HashMap<&str, String> = HashMap::new();
        let mut total = Cover::default();
        for e in registry.active() {
            let (a, sup) = (
                is_assessed(&e.enterprise),
                supported.contains(e.enterprise.as_str()),
            );
            let line = line_of.get(e.enterprise.as_str());
            let commune = commune_of(&e.commune);
            // Communes repeat: each is folded once.
            let key = keys
                .entry(commune)
                .or_insert_with(|| plain(commune))
                .clone();
            communes.add(key, commune, a, sup);
            let sector = e.sector.map_or_else(
                || line.map_or(Sector(None), |l| l.sector),
                |g| Sector(Some(g)),
            );
            sectors.add(sector, "", a, sup);
            sizes.add(line.map_or(SizeCategory::Unknown, |l| l.size), "", a, sup);
            total.registered += 1;
            total.assessed += u32::from(a);
            total.supported += u32::from(sup);
            total.both += u32::from(a && sup);
            if !a {
                outreach.push(Outreach {
                    enterprise: e.enterprise.clone(),
                    name: e.name.clone(),
                    commune: commune.to_string(),
                    reach: Reach::NotAssessed,
                });
            }
        }
        let listed = registered.as_ref().unwrap_or(&nobody);
        let outside = Cover {
            registered: 0,
            both: count(
                supported
                    .iter()
                    .filter(|e| !listed.contains(*e) && is_assessed(e))
                    .count(),
            ),
            assessed: count(
                s.assessed
                    .iter()
                    .filter(|(e, a)| !a.assessments.is_empty() && !listed.contains(e.as_str()))
                    .count(),
            ),
            supported: count(supported.iter().filter(|e| !listed.contains(*e)).count()),
        };
        let mut by_commune: Vec<(String, Cover)> = communes.rows.into_values().collect();
        by_commune.sort_by_cached_key(|(label, _)| sort_key(label));
        Coverage {
            total,
            by_commune,
            by_sector: sectors.rows.into_iter().map(|(k, (_, c))| (k, c)).collect(),
            by_size: sizes.rows.into_iter().map(|(k, (_, c))| (k, c)).collect(),
            outside,
            stopped: count(registry.enterprises.iter().filter(|e| !e.active).count()),
        }
    });
    if s.register.is_some() {
        for l in s.lines {
            let Some(tax) = l.tax_code.get(..10) else {
                continue;
            };
            let Some(a) = s.assessed.get(tax) else {
                continue;
            };
            if l.level <= OUTREACH_LEVEL && !a.programmes.is_empty() && !supported.contains(tax) {
                outreach.push(Outreach {
                    enterprise: tax.to_string(),
                    name: l.name.clone(),
                    commune: commune_of(&l.commune).to_string(),
                    reach: Reach::NoSupport {
                        level: l.level,
                        programmes: a.programmes.clone(),
                    },
                });
            }
        }
    }
    outreach.sort_by_cached_key(|o| {
        (
            sort_key(&o.commune),
            sort_key(&o.name),
            o.enterprise.clone(),
        )
    });
    Joined {
        measures: measures(register, s.assessed),
        has_register: s.register.is_some(),
        flags: s
            .register
            .map(|r| flags(r, s.assessed, registered.as_ref(), s.catalogue))
            .unwrap_or_default(),
        register_rows: count(register.supports.len()),
        register_refused: register.refused.clone(),
        registry_rows: count(s.registry.map_or(0, |r| r.enterprises.len())),
        registry_refused: s.registry.map(|r| r.refused.clone()).unwrap_or_default(),
        coverage,
        outreach,
        registry_fault: None,
        register_fault: None,
    }
}

/// A table's text (`None`: it could not be read) and the mapping of its columns.
pub type SheetText<'a> = (Option<&'a str>, &'a Codes);

/// Reads the registry and the register from their texts with their mappings, and joins them with the results. A
/// table that cannot be read at all is left out, and why is said in [`Joined::registry_fault`] or
/// [`Joined::register_fault`].
pub fn join_texts(
    lines: &[EnterpriseLine],
    assessed: &BTreeMap<String, Assessed>,
    registry_text: Option<SheetText<'_>>,
    register_text: Option<SheetText<'_>>,
    catalogue: &[Programme],
    vsic: &Vsic,
) -> Joined {
    let registry = registry_text.map(|(text, codes)| {
        let text = text.ok_or(SheetFault::Unreadable)?;
        Registry::read_csv(text, &registry::Mapping::from_codes(codes), vsic)
            .map_err(SheetFault::from)
    });
    let register = register_text.map(|(text, codes)| {
        let text = text.ok_or(SheetFault::Unreadable)?;
        Register::read_csv(text, &support::Mapping::from_codes(codes), catalogue)
            .map_err(SheetFault::from)
    });
    let mut j = join(&Sources {
        lines,
        assessed,
        registry: registry.as_ref().and_then(|r| r.as_ref().ok()),
        register: register.as_ref().and_then(|r| r.as_ref().ok()),
        catalogue,
    });
    j.registry_fault = registry.and_then(Result::err);
    j.register_fault = register.and_then(Result::err);
    j
}

/// The outreach list as a sheet (CSV and XLSX exports): commune, tax code, name, why, level, programmes.
pub fn outreach_sheet(list: &[Outreach]) -> Sheet {
    Sheet {
        name: "outreach".into(),
        columns: [
            "commune",
            "tax_code",
            "name",
            "reason",
            "overall_level",
            "programmes",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect(),
        rows: list
            .iter()
            .map(|o| {
                let (reason, level, programmes) = match &o.reach {
                    Reach::NotAssessed => {
                        ("not_assessed", Cell::Text(String::new()), String::new())
                    }
                    Reach::NoSupport { level, programmes } => (
                        "low_level_no_support",
                        Cell::Number(f64::from(*level)),
                        programmes.join(" "),
                    ),
                };
                vec![
                    Cell::Text(o.commune.clone()),
                    Cell::Text(o.enterprise.clone()),
                    Cell::Text(o.name.clone()),
                    Cell::Text(reason.into()),
                    level,
                    Cell::Text(programmes),
                ]
            })
            .collect(),
    }
}
