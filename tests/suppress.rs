//! Small-number suppression (`domain::province::suppress`, docs/suppression.md) on random tables: no entry under
//! the threshold is shown, every shown entry is the true count, and a reader who subtracts along the rows, the
//! columns and the totals (as often as each new value allows) works out no suppressed entry.
use std::collections::{BTreeMap, BTreeSet};

use dx_check::domain::province::suppress::{
    DEFAULT_THRESHOLD, Entry, MIN_THRESHOLD, Published, RaggedTable, Shown, Table, relations,
    threshold,
};

mod common;
use common::Rng;

impl Rng {
    /// Counts as coverage tables have them: many small, some zero, a few large.
    fn count(&mut self) -> u64 {
        match self.below(10) {
            0..=1 => 0,
            2..=5 => 1 + self.below(12),
            6..=8 => 5 + self.below(60),
            _ => 100 + self.below(900),
        }
    }
}

/// What a reader works out from the published table: every entry shown, and then, as long as some relation has
/// exactly one unknown entry, that entry by subtraction. Written apart from the module's own loop.
fn worked_out(table: &Published, rows: usize, columns: usize) -> BTreeMap<Entry, Option<u64>> {
    let rels = relations(rows, columns);
    let mut known: BTreeMap<Entry, Option<u64>> = rels
        .iter()
        .flatten()
        .map(|e| (*e, table.get(*e).value()))
        .collect();
    loop {
        let mut progress = false;
        for rel in rels.iter().filter(|rel| rel.len() > 1) {
            let unknown: Vec<Entry> = rel.iter().copied().filter(|e| known[e].is_none()).collect();
            let [missing] = unknown[..] else { continue };
            // The total is the last entry of every relation; the others add up to it.
            let (total, parts) = rel.split_last().expect("a relation has entries");
            let sum = |es: &mut dyn Iterator<Item = &Entry>| {
                es.map(|e| known[e].unwrap_or(0)).sum::<u64>()
            };
            let value = if missing == *total {
                sum(&mut parts.iter())
            } else {
                known[total]
                    .unwrap_or(0)
                    .saturating_sub(sum(&mut parts.iter().filter(|e| **e != missing)))
            };
            known.insert(missing, Some(value));
            progress = true;
        }
        if !progress {
            return known;
        }
    }
}

fn entries(rows: usize, columns: usize) -> Vec<Entry> {
    let set: BTreeSet<Entry> = relations(rows, columns).into_iter().flatten().collect();
    set.into_iter().collect()
}

#[test]
fn random_tables_show_nothing_small_and_give_nothing_away() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut suppressed_in_all = 0usize;
    let mut complementary = 0usize;
    for case in 0..2_000 {
        let rows = 1 + rng.below(9) as usize;
        let columns = 1 + rng.below(7) as usize;
        let threshold = if case % 4 == 0 {
            1 + rng.below(30)
        } else {
            DEFAULT_THRESHOLD
        };
        let cells: Vec<Vec<u64>> = (0..rows)
            .map(|_| (0..columns).map(|_| rng.count()).collect())
            .collect();
        let table = Table::new(cells).expect("rows of one length");
        let published = table.publish(threshold);
        let all = entries(rows, columns);
        for &e in &all {
            match published.get(e) {
                Shown::Value(v) => {
                    assert!(
                        v >= threshold,
                        "case {case}: {e:?} shown as {v}, under {threshold}"
                    );
                    assert_eq!(
                        v,
                        table.value(e),
                        "case {case}: {e:?} is not the true count"
                    );
                }
                Shown::Suppressed => {
                    suppressed_in_all += 1;
                    if table.value(e) >= threshold {
                        complementary += 1;
                    }
                }
            }
        }
        // The reader's subtraction finds no suppressed entry.
        let reader = worked_out(&published, rows, columns);
        for &e in &all {
            if published.get(e) == Shown::Suppressed {
                assert_eq!(
                    reader[&e],
                    None,
                    "case {case}: {e:?} ({}) can be worked out by subtraction",
                    table.value(e)
                );
            }
        }
        // The same table is always published the same way.
        assert_eq!(table.publish(threshold), published);
    }
    assert!(
        suppressed_in_all > 10_000,
        "the random tables do have small counts: {suppressed_in_all}"
    );
    assert!(
        complementary > 1_000,
        "and need complementary suppression: {complementary}"
    );
}

/// The worked example of docs/suppression.md.
#[test]
fn the_documented_example() {
    let table =
        Table::new(vec![vec![25, 3, 40], vec![30, 18, 12], vec![22, 15, 35]]).expect("3 × 3");
    let p = table.publish(DEFAULT_THRESHOLD);
    use Shown::{Suppressed as S, Value as V};
    // 3 is under 10. Its row would give it away, so 25 goes too; then column A (22), then commune 3's row (15), and
    // column B holds the 3 and the 15: every row and column has two hidden cells or none.
    assert_eq!(p.cells[0], vec![S, S, V(40)]);
    assert_eq!(p.cells[1], vec![V(30), V(18), V(12)]);
    assert_eq!(p.cells[2], vec![S, S, V(35)]);
    assert_eq!(p.row_totals, vec![V(68), V(60), V(72)]);
    assert_eq!(p.column_totals, vec![V(77), V(36), V(87)]);
    assert_eq!(p.grand_total, V(200));
}

#[test]
fn an_office_threshold_is_never_under_three() {
    assert_eq!(MIN_THRESHOLD, 3);
    assert_eq!([0, 1, 2, 3, 10, 60].map(threshold), [3, 3, 3, 3, 10, 60]);
    // At the floor a pair of 1s is still hidden, and so is what would give them away.
    let table = Table::new(vec![vec![1, 1], vec![20, 30]]).expect("2 × 2");
    let p = table.publish(threshold(1));
    assert!(p.cells[0].iter().all(|s| *s == Shown::Suppressed));
}

#[test]
fn a_small_total_is_suppressed_like_a_cell() {
    // A commune with 4 enterprises in all: its row total is small, so its cells and its total are hidden, and one
    // more row total goes with it (or the grand total would give the 4 away).
    let table = Table::new(vec![vec![2, 2], vec![20, 30], vec![15, 11]]).expect("3 × 2");
    let p = table.publish(DEFAULT_THRESHOLD);
    assert_eq!(p.row_totals[0], Shown::Suppressed);
    assert_eq!(
        p.row_totals
            .iter()
            .filter(|s| **s == Shown::Suppressed)
            .count(),
        2
    );
    assert!(p.cells[0].iter().all(|s| *s == Shown::Suppressed));
}

#[test]
fn a_ragged_table_is_refused() {
    assert_eq!(
        Table::new(vec![vec![1, 2], vec![3]]),
        Err(RaggedTable {
            row: 1,
            found: 1,
            expected: 2
        })
    );
}
