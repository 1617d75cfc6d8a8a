//! The aggregate exports as published (`domain::province::exports`, docs/suppression.md), on random populations: no
//! count under the threshold is shown, and a reader who subtracts along every relation the sheets publish (each
//! breakdown's rows and columns, the levels of the summary that all breakdowns share, and the population as counted
//! plus records without a tax code) works out no suppressed count.
use dx_check::domain::assessment::text::QuestionnaireId;
use dx_check::domain::province::exports::{MARK, coverage_sheets, private_sheets};
use dx_check::domain::province::join::{Cover, Coverage};
use dx_check::domain::province::suppress::DEFAULT_THRESHOLD;
use dx_check::domain::province::tally::{Commune, Levels, Sector, Tally};
use dx_check::domain::records::export::{Cell, Sheet};
use dx_check::domain::records::profile::SectorGroup;
use dx_check::domain::records::size::SizeCategory;
use std::collections::BTreeMap;

mod common;
use common::Rng;

/// A population of `n` members, each with a random key in every breakdown and a level skewed toward the middle.
fn tally(rng: &mut Rng, n: usize) -> Tally {
    let mut t = Tally {
        target: 1000,
        ..Tally::default()
    };
    for _ in 0..n {
        let level = match rng.below(20) {
            0 => 0,
            1..=3 => 1,
            4..=9 => 2,
            10..=15 => 3,
            16..=18 => 4,
            _ => 5,
        };
        let bump = |m: &mut Levels| m[level] += 1;
        t.by_level[level] += 1;
        bump(
            t.by_questionnaire
                .entry(QuestionnaireId(
                    ["quick", "dbi"][rng.below(2) as usize].into(),
                ))
                .or_default(),
        );
        let sector = match rng.below(5) {
            0 => Sector(None),
            1 | 2 => Sector(Some(SectorGroup::AgriIndustryConstruction)),
            _ => Sector(Some(SectorGroup::TradeServices)),
        };
        bump(t.by_sector.entry(sector).or_default());
        bump(
            t.by_size
                .entry(SizeCategory::ALL[rng.below(6) as usize])
                .or_default(),
        );
        let province = format!("{}", 70 + rng.below(4));
        bump(t.by_province.entry(province.clone()).or_default());
        let commune = Commune {
            province,
            commune: format!("Xã {}", rng.below(12)),
        };
        bump(t.by_commune.entry(commune).or_default());
        bump(
            t.by_month
                .entry(format!("2026-{:02}", 1 + rng.below(11)))
                .or_default(),
        );
        if rng.below(12) == 0 {
            t.without_tax_code += 1;
        } else {
            t.counted += 1;
        }
    }
    t.records = t.counted + t.without_tax_code;
    t
}

fn value(c: &Cell) -> Option<u64> {
    match c {
        Cell::Number(n) => Some(*n as u64),
        Cell::Text(t) if t == MARK => None,
        Cell::Text(t) => panic!("a count cell holds text “{t}”"),
    }
}

fn sheet<'a>(sheets: &'a [Sheet], name: &str) -> &'a Sheet {
    sheets.iter().find(|s| s.name == name).expect("the sheet")
}

/// An unknown of the reader: a breakdown's cell or row total, a shared level, or the population.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Unknown {
    Cell(usize, usize, usize),
    Row(usize, usize),
    Level(usize),
    Population,
}

/// The reader: starts from every count shown, then subtracts along each relation with one unknown, until none has.
fn read(
    sheets: &[Sheet],
    counted: Option<u64>,
    untaxed: Option<u64>,
) -> BTreeMap<Unknown, Option<u64>> {
    let names = [
        "by_questionnaire",
        "by_sector",
        "by_size",
        "by_province",
        "by_commune",
        "by_month",
    ];
    let mut known = BTreeMap::new();
    let mut relations: Vec<Vec<Unknown>> = Vec::new(); // the last entry is the sum of the others
    let summary = sheet(sheets, "summary");
    for l in 0..6 {
        let row = summary
            .rows
            .iter()
            .find(|r| matches!(&r[0], Cell::Text(k) if *k == format!("level_{l}")))
            .expect("level");
        known.insert(Unknown::Level(l), value(&row[1]));
    }
    known.insert(
        Unknown::Population,
        counted.zip(untaxed).map(|(a, b)| a + b),
    );
    relations.push(
        (0..6)
            .map(Unknown::Level)
            .chain([Unknown::Population])
            .collect(),
    );
    for (t, name) in names.iter().enumerate() {
        let s = sheet(sheets, name);
        for (r, row) in s.rows.iter().enumerate() {
            known.insert(Unknown::Row(t, r), value(&row[1]));
            for c in 0..6 {
                known.insert(Unknown::Cell(t, r, c), value(&row[2 + c]));
            }
            relations.push(
                (0..6)
                    .map(|c| Unknown::Cell(t, r, c))
                    .chain([Unknown::Row(t, r)])
                    .collect(),
            );
        }
        for c in 0..6 {
            relations.push(
                (0..s.rows.len())
                    .map(|r| Unknown::Cell(t, r, c))
                    .chain([Unknown::Level(c)])
                    .collect(),
            );
        }
        relations.push(
            (0..s.rows.len())
                .map(|r| Unknown::Row(t, r))
                .chain([Unknown::Population])
                .collect(),
        );
    }
    loop {
        let mut progress = false;
        for rel in &relations {
            let missing: Vec<Unknown> =
                rel.iter().copied().filter(|u| known[u].is_none()).collect();
            let [m] = missing[..] else { continue };
            let (total, parts) = rel.split_last().expect("entries");
            let sum: u64 = parts
                .iter()
                .filter(|u| **u != m)
                .map(|u| known[u].unwrap_or(0))
                .sum();
            let v = if m == *total {
                sum
            } else {
                known[total].unwrap_or(0).saturating_sub(sum)
            };
            known.insert(m, Some(v));
            progress = true;
        }
        if !progress {
            return known;
        }
    }
}

#[test]
fn no_exported_count_is_small_and_none_suppressed_can_be_worked_out() {
    let mut suppressed_somewhere = 0;
    for seed in 1..=120u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let n = [15, 40, 120, 400, 2000][(seed % 5) as usize];
        let t = tally(&mut rng, n);
        let sheets = private_sheets(&t, DEFAULT_THRESHOLD);
        // No count under the threshold is shown, anywhere but the target.
        for s in &sheets {
            for row in &s.rows {
                let skip = if s.name == "summary" {
                    usize::from(matches!(&row[0], Cell::Text(k) if k == "target")) + 1
                } else if s.name == "dimensions" {
                    4
                } else {
                    1
                };
                for c in row.iter().skip(skip.max(1)) {
                    if let Some(v) = value(c) {
                        assert!(v >= DEFAULT_THRESHOLD, "seed {seed}: {} shows {v}", s.name);
                    }
                }
            }
        }
        let summary = sheet(&sheets, "summary");
        let figure = |k: &str| {
            summary
                .rows
                .iter()
                .find(|r| matches!(&r[0], Cell::Text(x) if x == k))
                .and_then(|r| value(&r[1]))
        };
        let worked = read(&sheets, figure("counted"), figure("without_tax_code"));
        // Every suppressed count stays unknown; every count shown or worked out is the true one.
        let truth = |u: Unknown| -> u64 {
            let parts: Vec<Vec<(String, &Levels)>> =
                dx_check::domain::province::tally::breakdowns(&t)
                    .into_iter()
                    .map(|(_, r)| r)
                    .collect();
            match u {
                Unknown::Cell(tb, r, c) => u64::from(parts[tb][r].1[c]),
                Unknown::Row(tb, r) => parts[tb][r].1.iter().map(|x| u64::from(*x)).sum(),
                Unknown::Level(l) => u64::from(t.by_level[l]),
                Unknown::Population => u64::from(t.counted + t.without_tax_code),
            }
        };
        for (u, v) in &worked {
            if let Some(v) = v {
                assert_eq!(*v, truth(*u), "seed {seed}: {u:?} reads wrong");
            }
        }
        let shown = read(&sheets, figure("counted"), figure("without_tax_code"));
        let hidden_first: Vec<Unknown> = {
            // What the sheets hide, before any subtraction.
            let mut h = Vec::new();
            for (i, name) in [
                "by_questionnaire",
                "by_sector",
                "by_size",
                "by_province",
                "by_commune",
                "by_month",
            ]
            .iter()
            .enumerate()
            {
                for (r, row) in sheet(&sheets, name).rows.iter().enumerate() {
                    if value(&row[1]).is_none() {
                        h.push(Unknown::Row(i, r));
                    }
                    for c in 0..6 {
                        if value(&row[2 + c]).is_none() {
                            h.push(Unknown::Cell(i, r, c));
                        }
                    }
                }
            }
            h
        };
        suppressed_somewhere += hidden_first.len();
        for u in hidden_first {
            assert_eq!(
                shown[&u], None,
                "seed {seed}: the suppressed {u:?} can be worked out"
            );
        }
    }
    assert!(
        suppressed_somewhere > 100,
        "the random populations have small cells to suppress"
    );
}

#[test]
fn coverage_sheets_hide_small_groups_and_their_complements() {
    let cover = |registered, assessed, supported, both| Cover {
        registered,
        assessed,
        supported,
        both,
    };
    let c = Coverage {
        total: cover(160, 101, 33, 27),
        by_commune: vec![
            ("Xã A".into(), cover(100, 70, 20, 18)),
            ("Xã B".into(), cover(55, 30, 12, 8)),
            ("Xã C".into(), cover(5, 1, 1, 1)),
        ],
        by_sector: vec![
            (
                Sector(Some(SectorGroup::AgriIndustryConstruction)),
                cover(60, 40, 13, 10),
            ),
            (
                Sector(Some(SectorGroup::TradeServices)),
                cover(100, 61, 20, 17),
            ),
        ],
        by_size: vec![(SizeCategory::Micro, cover(160, 101, 33, 27))],
        outside: cover(0, 3, 1, 0),
        stopped: 2,
    };
    let sheets = coverage_sheets(&c, DEFAULT_THRESHOLD);
    let communes = sheet(&sheets, "coverage_by_commune");
    let row = |k: &str| {
        communes
            .rows
            .iter()
            .find(|r| matches!(&r[0], Cell::Text(x) if x == k))
            .expect("row")
            .iter()
            .skip(1)
            .map(value)
            .collect::<Vec<_>>()
    };
    assert_eq!(row("Xã C")[0], None, "a commune of 5 registered is hidden");
    assert_eq!(row("Xã A")[0], Some(100));
    // Xã C hidden, the total shown: a second commune's total is hidden so that Xã C cannot be subtracted out.
    assert_eq!(row("Xã B")[0], None, "{:?}", communes.rows);
    for s in &sheets {
        for r in &s.rows {
            for v in r.iter().skip(1).filter_map(value) {
                assert!(v >= DEFAULT_THRESHOLD, "{}: {v}", s.name);
            }
        }
    }
}
