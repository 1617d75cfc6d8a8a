//! The office's own tables on the province page in words: the target card's three measures, each table's rows read
//! and refused, the register's flags, coverage and the outreach list, built once per join, choice and language.
use crate::domain::assessment::locale::{format_int, format_permille};
use crate::domain::catalog::Catalog;
use crate::domain::province::join::{Joined, Reach};
use crate::domain::province::registry::RowFault as RegistryFault;
use crate::domain::province::sheet::SheetFault;
use crate::domain::province::support::{Flag, Measures, RowFault as SupportFault};
use crate::domain::province::tables::{ColumnSpec, Kind};
use crate::domain::province::target::{CoverageRow, Measure, TargetCard, coverage_tables};
use crate::ui::context::Tr;
use crate::ui::describe::Describe;
use yew::AttrValue;

/// One measure the target can count, as a choice.
#[derive(Clone, PartialEq)]
pub struct MeasureChoice {
    /// The measure.
    pub measure: Measure,
    /// "Enterprises supported (120)".
    pub label: AttrValue,
    /// Whether it can be chosen.
    pub enabled: bool,
    /// Whether it is the one counted.
    pub checked: bool,
}

/// A coverage breakdown in words: its caption, its table rows, and its bars.
#[derive(Clone, PartialEq)]
pub struct CoverageTable {
    /// Caption.
    pub caption: AttrValue,
    /// Rows: group, registered, assessed, its share, supported, its share.
    pub rows: Vec<Vec<AttrValue>>,
    /// Bars: label and the three widths.
    pub bars: Vec<(AttrValue, [AttrValue; 3])>,
}

/// A loaded table's state in words.
#[derive(Clone, PartialEq)]
pub struct SheetWords {
    /// "1,967 rows read, 19 refused", or why it could not be read at all.
    pub summary: AttrValue,
    /// Whether the summary is an error.
    pub failed: bool,
    /// Each refused row.
    pub refused: Vec<AttrValue>,
}

/// Everything the new sections say.
#[derive(Clone, PartialEq)]
pub struct SidesWords {
    /// "120 / 1,000 enterprises supported (12.0%)".
    pub progress: AttrValue,
    /// The bar's width.
    pub progress_width: AttrValue,
    /// The three measures.
    pub choices: Vec<MeasureChoice>,
    /// Whether a support register is loaded (else the hint says how to count support).
    pub has_register: bool,
    /// The registry's state, when loaded.
    pub registry: Option<SheetWords>,
    /// The register's state, when loaded.
    pub support: Option<SheetWords>,
    /// The register's flags.
    pub flags: Vec<AttrValue>,
    /// "1,911 operating enterprises: …", when a registry is loaded.
    pub coverage_total: Option<AttrValue>,
    /// Enterprises outside the registry and stopped ones.
    pub coverage_outside: Option<AttrValue>,
    /// By commune, sector group and size class.
    pub coverage: Vec<CoverageTable>,
    /// How many to reach.
    pub outreach_count: usize,
    /// The first rows of the outreach list: commune, tax code, name, why.
    pub outreach: Vec<Vec<AttrValue>>,
}

/// At most this many refused rows, flags or outreach rows are listed on the page (the exports hold them all).
pub const LISTED: usize = 200;

/// A column's name.
pub fn column_name(tr: &Tr, kind: Kind, c: &ColumnSpec) -> AttrValue {
    let key = match (kind, c.code) {
        (_, "tax_code") => "col.tax_code",
        (Kind::Registry, "name") => "col.name",
        (Kind::Registry, "commune") => "col.commune",
        (Kind::Registry, "sector") => "col.sector",
        (Kind::Registry, "founded") => "col.founded",
        (Kind::Registry, "status") => "col.status",
        (Kind::Support, "programme") => "col.programme",
        (Kind::Support, "kind") => "col.kind",
        (Kind::Support, "date") => "col.date",
        (Kind::Support, "amount") => "col.amount",
        _ => "col.funding",
    };
    if c.required {
        tr.f("sheet.required", &[("name", &tr.t(key))])
    } else {
        tr.t(key)
    }
}

impl Describe for SupportFault {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            SupportFault::Unreadable(why) => tr.f("rowfault.unreadable", &[("why", why)]),
            SupportFault::NoTaxCode => tr.t("rowfault.no_tax_code"),
            SupportFault::BadTaxCode(c) => tr.f("rowfault.bad_tax_code", &[("code", c)]),
            SupportFault::NoProgramme => tr.t("rowfault.no_programme"),
            SupportFault::BadDate(t) => tr.f("rowfault.bad_date", &[("text", t)]),
            SupportFault::BadAmount(t) => tr.f("rowfault.bad_amount", &[("text", t)]),
        }
    }
}

impl Describe for RegistryFault {
    fn describe(&self, tr: &Tr) -> AttrValue {
        match self {
            RegistryFault::Unreadable(why) => tr.f("rowfault.unreadable", &[("why", why)]),
            RegistryFault::NoTaxCode => tr.t("rowfault.no_tax_code"),
            RegistryFault::BadTaxCode(c) => tr.f("rowfault.bad_tax_code", &[("code", c)]),
            RegistryFault::Repeated(row) => tr.f("rowfault.repeated", &[("row", &row.to_string())]),
            RegistryFault::BadSector(t) => tr.f("rowfault.bad_sector", &[("text", t)]),
            RegistryFault::BadDate(t) => tr.f("rowfault.bad_founded", &[("text", t)]),
        }
    }
}

fn sheet_fault(tr: &Tr, kind: Kind, f: &SheetFault) -> AttrValue {
    match f {
        SheetFault::Unreadable => tr.t("sheet.unreadable"),
        SheetFault::NoHeader => tr.t("sheet.no_header"),
        SheetFault::Missing(codes) => {
            let names: Vec<String> = kind
                .columns()
                .iter()
                .filter(|c| codes.iter().any(|x| x == c.code))
                .map(|c| {
                    column_name(
                        tr,
                        kind,
                        &ColumnSpec {
                            required: false,
                            ..*c
                        },
                    )
                    .to_string()
                })
                .collect();
            tr.f("sheet.missing", &[("cols", &names.join(", "))])
        }
    }
}

fn sheet_words<F: Describe>(
    tr: &Tr,
    kind: Kind,
    fault: Option<&SheetFault>,
    kept: u32,
    refused: &[crate::domain::province::sheet::Refused<F>],
) -> SheetWords {
    match fault {
        Some(f) => SheetWords {
            summary: sheet_fault(tr, kind, f),
            failed: true,
            refused: Vec::new(),
        },
        None => SheetWords {
            summary: tr.f(
                "sheet.rows",
                &[
                    ("kept", &format_int(u64::from(kept), tr.lang)),
                    ("refused", &format_int(refused.len() as u64, tr.lang)),
                ],
            ),
            failed: false,
            refused: refused
                .iter()
                .take(LISTED)
                .map(|r| {
                    tr.f(
                        "sheet.refused_row",
                        &[("row", &r.row.to_string()), ("why", &r.fault.describe(tr))],
                    )
                })
                .collect(),
        },
    }
}

fn vnd(tr: &Tr, n: u64) -> String {
    format_int(n, tr.lang)
}

fn flag_words(tr: &Tr, catalog: &Catalog, f: &Flag, with_registry: bool) -> AttrValue {
    let title = |id: &str| {
        catalog
            .programmes
            .programmes
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_string(), |p| p.title.get(tr.lang).to_string())
    };
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
        } => {
            let text = tr.f(
                "flag.over_cap",
                &[
                    ("e", enterprise),
                    ("total", &vnd(tr, *total_vnd)),
                    ("programme", &title(programme)),
                    ("year", year),
                    ("cap", &vnd(tr, *cap_vnd)),
                    ("size", &size.describe(tr)),
                    ("legal", legal),
                ],
            );
            if *status == crate::domain::advice::recommend::ProgrammeStatus::InForce {
                text
            } else {
                tr.f("flag.to_check", &[("text", &text)])
            }
        }
        Flag::SizeNotEligible {
            enterprise,
            programme,
            size,
            row,
        } => tr.f(
            "flag.size",
            &[
                ("e", enterprise),
                ("row", &row.to_string()),
                ("programme", &title(programme)),
                ("size", &size.describe(tr)),
            ],
        ),
        Flag::BeforeAssessment {
            enterprise,
            date,
            first_assessed,
            row,
        } => match first_assessed {
            Some(first) => tr.f(
                "flag.before",
                &[
                    ("e", enterprise),
                    ("row", &row.to_string()),
                    ("date", date),
                    ("first", first),
                ],
            ),
            None => tr.f(
                "flag.never",
                &[("e", enterprise), ("row", &row.to_string()), ("date", date)],
            ),
        },
        Flag::Unknown { enterprise, row } => tr.f(
            if with_registry {
                "flag.unknown"
            } else {
                "flag.unknown_no_registry"
            },
            &[("e", enterprise), ("row", &row.to_string())],
        ),
    }
}

fn coverage_table(
    tr: &Tr,
    caption: &'static str,
    rows: &[CoverageRow],
    label: &dyn Fn(&str) -> String,
) -> CoverageTable {
    let pct = |s: &crate::domain::assessment::level::Share| format_permille(s.permille(), tr.lang);
    let n = |x: u32| format_int(u64::from(x), tr.lang);
    CoverageTable {
        caption: tr.t(caption),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    AttrValue::from(label(&r.key)),
                    AttrValue::from(n(r.cover.registered)),
                    AttrValue::from(n(r.cover.assessed)),
                    AttrValue::from(pct(&r.assessed)),
                    AttrValue::from(n(r.cover.supported)),
                    AttrValue::from(pct(&r.supported)),
                ]
            })
            .collect(),
        bars: rows
            .iter()
            .map(|r| {
                (
                    AttrValue::from(label(&r.key)),
                    r.widths.clone().map(AttrValue::from),
                )
            })
            .collect(),
    }
}

/// The new sections in `tr`'s language: `joined` when the office's tables were read, `counted` the tally's count
/// of assessed enterprises (the measure without any table).
pub fn sides_words(
    tr: &Tr,
    catalog: &Catalog,
    joined: Option<&Joined>,
    counted: u32,
    chosen: Option<Measure>,
    target: u32,
) -> SidesWords {
    let measures = joined.map_or(
        Measures {
            assessed: counted,
            ..Measures::default()
        },
        |j| j.measures,
    );
    let has_register = joined.is_some_and(|j| j.has_register);
    let card = TargetCard::new(&measures, has_register, chosen, target);
    let count = |n: u32| format_int(u64::from(n), tr.lang);
    let progress_key = match card.measure {
        Measure::Assessed => "prov.progress_assessed",
        Measure::Supported => "prov.progress_supported",
        Measure::SupportedAndImproved => "prov.progress_supported_and_improved",
    };
    let choices = card
        .choices
        .iter()
        .map(|c| MeasureChoice {
            measure: c.measure,
            label: tr.f(
                match c.measure {
                    Measure::Assessed => "prov.measure_assessed",
                    Measure::Supported => "prov.measure_supported",
                    Measure::SupportedAndImproved => "prov.measure_supported_and_improved",
                },
                &[("n", &count(c.count))],
            ),
            enabled: c.enabled,
            checked: c.measure == card.measure,
        })
        .collect();
    let with_registry = joined.is_some_and(|j| j.coverage.is_some() || j.registry_fault.is_some());
    let registry = joined.filter(|_| with_registry).map(|j| {
        sheet_words(
            tr,
            Kind::Registry,
            j.registry_fault.as_ref(),
            j.registry_rows,
            &j.registry_refused,
        )
    });
    let support = joined
        .filter(|j| j.has_register || j.register_fault.is_some())
        .map(|j| {
            sheet_words(
                tr,
                Kind::Support,
                j.register_fault.as_ref(),
                j.register_rows,
                &j.register_refused,
            )
        });
    let cov = joined.and_then(|j| j.coverage.as_ref());
    let not_given = tr.t("prov.not_given").to_string();
    let sector_label = |code: &str| {
        crate::domain::records::profile::SectorGroup::ALL
            .into_iter()
            .find(|g| g.code() == code)
            .map_or_else(|| not_given.clone(), |g| g.describe(tr).to_string())
    };
    let size_label = |code: &str| {
        crate::domain::records::size::SizeCategory::ALL
            .into_iter()
            .find(|s| s.code() == code)
            .map_or_else(|| not_given.clone(), |s| s.describe(tr).to_string())
    };
    let commune_label = |c: &str| {
        if c.is_empty() {
            not_given.clone()
        } else {
            c.to_string()
        }
    };
    let coverage = cov.map_or_else(Vec::new, |c| {
        let [communes, sectors, sizes] = coverage_tables(c);
        vec![
            coverage_table(tr, "prov.cov_sector", &sectors, &sector_label),
            coverage_table(tr, "prov.cov_size", &sizes, &size_label),
            coverage_table(tr, "prov.cov_commune", &communes, &commune_label),
        ]
    });
    let outreach: &[_] = joined.map_or(&[], |j| &j.outreach);
    SidesWords {
        progress: tr.f(
            progress_key,
            &[
                ("counted", &count(card.counted)),
                ("target", &count(card.target)),
                ("pct", &format_permille(card.progress.permille(), tr.lang)),
            ],
        ),
        progress_width: AttrValue::from(card.width.clone()),
        choices,
        has_register,
        registry,
        support,
        flags: joined.map_or_else(Vec::new, |j| {
            j.flags
                .iter()
                .take(LISTED)
                .map(|f| flag_words(tr, catalog, f, with_registry))
                .collect()
        }),
        coverage_total: cov.map(|c| {
            let share = |n: u32| {
                format_permille(
                    crate::domain::assessment::level::Share::new(
                        u128::from(n),
                        u128::from(c.total.registered.max(1)),
                    )
                    .permille(),
                    tr.lang,
                )
            };
            tr.f(
                "prov.coverage_total",
                &[
                    ("registered", &count(c.total.registered)),
                    ("assessed", &count(c.total.assessed)),
                    ("a_pct", &share(c.total.assessed)),
                    ("supported", &count(c.total.supported)),
                    ("s_pct", &share(c.total.supported)),
                ],
            )
        }),
        coverage_outside: cov.map(|c| {
            tr.f(
                "prov.coverage_outside",
                &[
                    ("assessed", &count(c.outside.assessed)),
                    ("supported", &count(c.outside.supported)),
                    ("stopped", &count(c.stopped)),
                ],
            )
        }),
        coverage,
        outreach_count: outreach.len(),
        outreach: outreach
            .iter()
            .take(LISTED)
            .map(|o| {
                let why = match &o.reach {
                    Reach::NotAssessed => tr.t("reach.not_assessed"),
                    Reach::NoSupport { level, programmes } => tr.f(
                        "reach.no_support",
                        &[
                            ("level", &level.to_string()),
                            ("n", &programmes.len().to_string()),
                        ],
                    ),
                };
                vec![
                    AttrValue::from(commune_label(&o.commune)),
                    AttrValue::from(o.enterprise.clone()),
                    AttrValue::from(o.name.clone()),
                    why,
                ]
            })
            .collect(),
    }
}
