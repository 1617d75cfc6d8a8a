//! What the province page exports as aggregates, with small numbers kept private (docs/suppression.md): the tally's
//! sheets, the coverage of the registry and the benchmark file. A count under the threshold is suppressed, and
//! enough further counts that none can be worked out by subtraction from a total it sits in; a suppressed count is
//! written [`MARK`]. The enterprise list and the outreach list are not aggregates: they name enterprises, for the
//! office's own use, and are exported whole.
use crate::domain::assessment::level::LEVELS;
use crate::domain::province::benchmark::Cell as BenchCell;
use crate::domain::province::join::{Cover, Coverage};
use crate::domain::province::suppress::{Entry, Published, Shown, Table, publish_linked};
use crate::domain::province::tally::{Levels, Tally, breakdowns};
use crate::domain::records::export::{Cell, Sheet};
use std::collections::{BTreeMap, BTreeSet};

/// How a suppressed count is written.
pub const MARK: &str = "x";

fn cell(s: Shown) -> Cell {
    match s {
        Shown::Value(v) => Cell::Number(v as f64),
        Shown::Suppressed => Cell::Text(MARK.into()),
    }
}

fn count(n: u32, threshold: u64) -> Cell {
    cell(if u64::from(n) < threshold {
        Shown::Suppressed
    } else {
        Shown::Value(u64::from(n))
    })
}

fn level_columns() -> Vec<String> {
    let mut c = vec!["key".to_string(), "n".to_string()];
    c.extend((0..LEVELS).map(|l| format!("level_{l}")));
    c
}

fn table(rows: &[(String, &Levels)]) -> Table {
    // Every row has the same number of levels: a table of them is never ragged.
    Table::new(
        rows.iter()
            .map(|(_, l)| l.iter().map(|n| u64::from(*n)).collect())
            .collect(),
    )
    .unwrap_or_else(|_| Table::new(Vec::new()).unwrap_or_else(|_| unreachable!()))
}

/// The tally's sheets as they may be published: the same sheets as `tally::sheets`, each count under `threshold`
/// and its complements written [`MARK`]. The breakdowns by level partition one population, so they are published
/// together ([`publish_linked`]) and the summary's levels are their shared column totals. A dimension's levels are
/// published row by row, its `n` hidden where the questionnaire's count is; programmes and barriers are single
/// counts, each hidden under the threshold.
pub fn private_sheets(t: &Tally, threshold: u64) -> Vec<Sheet> {
    let parts = breakdowns(t);
    let tables: Vec<Table> = parts.iter().map(|(_, rows)| table(rows)).collect();
    let mut forced: BTreeSet<usize> = (0..LEVELS)
        .filter(|&l| u64::from(t.by_level[l]) < threshold)
        .collect();
    // The population is also counted + without a tax code: with one of those hidden and every level shown, it
    // could be read as the sum of the levels less the other. A level is then hidden too (and a second with it).
    let untaxed_hidden = u64::from(t.without_tax_code) < threshold;
    let counted_hidden = u64::from(t.counted) < threshold;
    if untaxed_hidden != counted_hidden && forced.is_empty() {
        let smallest = (0..LEVELS).min_by_key(|&l| (t.by_level[l], l));
        forced.extend(smallest);
    }
    let (published, hidden) = publish_linked(&tables, threshold, forced);
    let mut out = vec![summary(t, threshold, &hidden)];
    let mut questionnaire_hidden: BTreeSet<String> = BTreeSet::new();
    for ((name, rows), p) in parts.iter().zip(&published) {
        if *name == "by_questionnaire" {
            questionnaire_hidden = rows
                .iter()
                .zip(&p.row_totals)
                .filter(|(_, s)| **s == Shown::Suppressed)
                .map(|((k, _), _)| k.clone())
                .collect();
        }
        out.push(breakdown_sheet(name, rows, p));
    }
    out.push(dimensions(t, threshold, &questionnaire_hidden));
    for (name, list) in [("programmes", &t.programmes), ("barriers", &t.barriers)] {
        out.push(Sheet {
            name: name.into(),
            columns: vec!["id".into(), "n".into()],
            rows: list
                .iter()
                .map(|(k, n)| vec![Cell::Text(k.clone()), count(*n, threshold)])
                .collect(),
        });
    }
    out
}

fn summary(t: &Tally, threshold: u64, hidden_levels: &BTreeSet<usize>) -> Sheet {
    let mut rows = vec![vec![
        Cell::Text("target".into()),
        Cell::Number(f64::from(t.target)),
    ]];
    for (k, v) in [
        ("counted", t.counted),
        ("records", t.records),
        ("repeated", t.repeated),
        ("drafts", t.drafts),
        ("merged_duplicates", t.merged),
        ("without_tax_code", t.without_tax_code),
        ("reassessed", t.reassessed),
        ("improved", t.improved),
    ] {
        rows.push(vec![Cell::Text(k.into()), count(v, threshold)]);
    }
    for l in 0..LEVELS {
        rows.push(vec![
            Cell::Text(format!("level_{l}")),
            if hidden_levels.contains(&l) {
                Cell::Text(MARK.into())
            } else {
                Cell::Number(f64::from(t.by_level[l]))
            },
        ]);
    }
    Sheet {
        name: "summary".into(),
        columns: vec!["figure".into(), "value".into()],
        rows,
    }
}

fn breakdown_sheet(name: &str, rows: &[(String, &Levels)], p: &Published) -> Sheet {
    Sheet {
        name: name.into(),
        columns: level_columns(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(r, (k, _))| {
                let mut out = vec![Cell::Text(k.clone()), cell(p.get(Entry::Row(r)))];
                out.extend((0..LEVELS).map(|c| cell(p.get(Entry::Cell(r, c)))));
                out
            })
            .collect(),
    }
}

fn dimensions(t: &Tally, threshold: u64, questionnaire_hidden: &BTreeSet<String>) -> Sheet {
    let mut columns: Vec<String> = ["questionnaire", "dimension", "n", "mean_pct"]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
    columns.extend((0..LEVELS).map(|l| format!("level_{l}")));
    let rows = t
        .dimensions
        .iter()
        .map(|d| {
            let one = Table::new(vec![d.levels.iter().map(|n| u64::from(*n)).collect()])
                .unwrap_or_else(|_| unreachable!());
            let forced: BTreeSet<Entry> =
                if questionnaire_hidden.contains(&d.questionnaire.to_string()) {
                    [Entry::Row(0), Entry::Grand].into_iter().collect()
                } else {
                    BTreeSet::new()
                };
            let p = one.publish_with(threshold, &forced);
            let n_hidden = p.get(Entry::Row(0)) == Shown::Suppressed;
            let mut r = vec![
                Cell::Text(d.questionnaire.to_string()),
                Cell::Text(d.dimension.to_string()),
                if n_hidden {
                    Cell::Text(MARK.into())
                } else {
                    Cell::Number(f64::from(d.n))
                },
                if n_hidden {
                    Cell::Text(MARK.into())
                } else {
                    Cell::Number(f64::from(d.mean_permille) / 10.0)
                },
            ];
            r.extend((0..LEVELS).map(|c| cell(p.get(Entry::Cell(0, c)))));
            r
        })
        .collect();
    Sheet {
        name: "dimensions".into(),
        columns,
        rows,
    }
}

/// A coverage group as its four disjoint parts: assessed and supported, assessed only, supported only, neither.
fn parts(c: &Cover) -> Vec<u64> {
    let both = u64::from(c.both);
    let (a, s, r) = (
        u64::from(c.assessed),
        u64::from(c.supported),
        u64::from(c.registered),
    );
    vec![
        both,
        a.saturating_sub(both),
        s.saturating_sub(both),
        r.saturating_sub(a + s - both),
    ]
}

/// The coverage of the registry as it may be published: by sector group, size class and commune, each group as
/// registered (the row total) and its four disjoint parts (assessed and supported, assessed only, supported only,
/// neither), with assessed and supported given as their sums when both parts are shown. The three breakdowns
/// partition one population and are published together.
pub fn coverage_sheets(c: &Coverage, threshold: u64) -> Vec<Sheet> {
    let groups: [(&str, Vec<(String, Cover)>); 3] = [
        (
            "coverage_by_sector",
            c.by_sector
                .iter()
                .map(|(k, v)| (k.code().to_string(), *v))
                .collect(),
        ),
        (
            "coverage_by_size",
            c.by_size
                .iter()
                .map(|(k, v)| (k.code().to_string(), *v))
                .collect(),
        ),
        ("coverage_by_commune", c.by_commune.clone()),
    ];
    let tables: Vec<Table> = groups
        .iter()
        .map(|(_, rows)| {
            Table::new(rows.iter().map(|(_, c)| parts(c)).collect())
                .unwrap_or_else(|_| unreachable!())
        })
        .collect();
    let (published, _) = publish_linked(&tables, threshold, BTreeSet::new());
    let columns: Vec<String> = [
        "key",
        "registered",
        "assessed",
        "supported",
        "assessed_and_supported",
        "assessed_only",
        "supported_only",
        "neither",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    let sum = |a: Shown, b: Shown| match (a, b) {
        (Shown::Value(x), Shown::Value(y)) => Shown::Value(x + y),
        _ => Shown::Suppressed,
    };
    groups
        .iter()
        .zip(&published)
        .map(|((name, rows), p)| {
            let line = |key: String, total: Shown, part: &dyn Fn(usize) -> Shown| {
                let mut r = vec![
                    Cell::Text(key),
                    cell(total),
                    cell(sum(part(0), part(1))),
                    cell(sum(part(0), part(2))),
                ];
                r.extend((0..4).map(|i| cell(part(i))));
                r
            };
            let mut out: Vec<Vec<Cell>> = rows
                .iter()
                .enumerate()
                .map(|(r, (k, _))| {
                    line(k.clone(), p.get(Entry::Row(r)), &|i| {
                        p.get(Entry::Cell(r, i))
                    })
                })
                .collect();
            out.push(line("total".into(), p.get(Entry::Grand), &|i| {
                p.get(Entry::Column(i))
            }));
            Sheet {
                name: (*name).into(),
                columns: columns.clone(),
                rows: out,
            }
        })
        .collect()
}

/// The benchmark's cells as they may be published. A cell is one questionnaire, sector group and size class (one
/// measure each); the tally's breakdowns publish how many enterprises each questionnaire, sector group and size
/// class has, so an omitted cell could be worked out when it is the only one omitted in one of them. Cells are
/// omitted until no questionnaire, sector or size has exactly one omitted (the smallest shown goes first).
/// `all` holds every peer group's count, those under the minimum included.
pub fn private_benchmark(
    cells: Vec<BenchCell>,
    all: &BTreeMap<(String, String, String), u32>,
) -> Vec<BenchCell> {
    let keys: Vec<&(String, String, String)> = all.keys().collect();
    let mut hidden: BTreeSet<usize> = (0..keys.len())
        .filter(|&i| {
            let k = keys[i];
            !cells
                .iter()
                .any(|c| (&c.questionnaire, &c.sector, &c.size) == (&k.0, &k.1, &k.2))
        })
        .collect();
    let mut relations: BTreeMap<(u8, &str), Vec<usize>> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        relations.entry((0, k.0.as_str())).or_default().push(i);
        relations.entry((1, k.1.as_str())).or_default().push(i);
        relations.entry((2, k.2.as_str())).or_default().push(i);
    }
    while let Some(rel) = relations
        .values()
        .find(|r| r.iter().filter(|i| hidden.contains(i)).count() == 1)
    {
        let Some(pick) = rel
            .iter()
            .filter(|i| !hidden.contains(i))
            .min_by_key(|&&i| (all[keys[i]], i))
            .copied()
        else {
            break;
        };
        hidden.insert(pick);
    }
    cells
        .into_iter()
        .filter(|c| {
            keys.iter()
                .position(|k| (&c.questionnaire, &c.sector, &c.size) == (&k.0, &k.1, &k.2))
                .is_none_or(|i| !hidden.contains(&i))
        })
        .collect()
}

/// How many members of the population each benchmark peer group has (questionnaire, sector code, size code), from
/// the enterprise list: every group, those under the minimum and those without a sector or size included.
pub fn peer_groups(
    lines: &[crate::domain::province::tally::EnterpriseLine],
) -> BTreeMap<(String, String, String), u32> {
    let mut out = BTreeMap::new();
    for l in lines {
        *out.entry((
            l.questionnaire.to_string(),
            l.sector.code().to_string(),
            l.size.code().to_string(),
        ))
        .or_insert(0) += 1;
    }
    out
}
