//! Small numbers stay private in aggregate exports: a two-way table of counts with its row, column and grand totals
//! is published with every entry under the threshold suppressed (primary suppression), and enough further entries
//! suppressed (complementary suppression) that no suppressed entry can be worked out by subtraction from a total it
//! sits in. The rule is written down in `docs/suppression.md`.
//!
//! Every total is an entry too: a row total under the threshold is suppressed like a cell. The relations a reader
//! can subtract along are each row (its cells and its total), each column (its cells and its total), the row totals
//! with the grand total, and the column totals with the grand total. A relation with exactly one suppressed entry
//! would give that entry away, so the table is finished only when every relation has none or at least two; each
//! step suppresses, in a relation with exactly one, its smallest entry still shown (a cell before a total, then the
//! first in reading order), and the steps go on until no relation has exactly one. Suppressing only adds unknowns,
//! so this ends, at worst with everything suppressed.

/// The threshold below which a count is not shown, unless the office sets another.
pub const DEFAULT_THRESHOLD: u64 = 10;

/// The lowest threshold the office can set (the app's floor, not a legal rule): under 3, a count of 1 or 2 names
/// an enterprise, or lets one of two work out the other.
pub const MIN_THRESHOLD: u64 = 3;

/// The threshold an office asked for, raised to [`MIN_THRESHOLD`].
pub fn threshold(asked: u64) -> u64 {
    asked.max(MIN_THRESHOLD)
}

/// One entry of a published table: its value, or suppressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The count, at or above the threshold.
    Value(u64),
    /// Not shown: under the threshold, or suppressed so that another entry cannot be worked out.
    Suppressed,
}

impl Shown {
    /// The value, if it is shown.
    pub fn value(self) -> Option<u64> {
        match self {
            Shown::Value(v) => Some(v),
            Shown::Suppressed => None,
        }
    }
}

/// A two-way table as it may be published: cells by row then column, and the totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Shown>>,
    /// One per row.
    pub row_totals: Vec<Shown>,
    /// One per column.
    pub column_totals: Vec<Shown>,
    /// The whole table.
    pub grand_total: Shown,
}

/// An entry of the table: a cell, a row or column total, or the grand total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entry {
    /// A cell, by row and column.
    Cell(usize, usize),
    /// The total of a row.
    Row(usize),
    /// The total of a column.
    Column(usize),
    /// The grand total.
    Grand,
}

impl Entry {
    /// Cells are suppressed before totals when both would do.
    fn is_total(self) -> bool {
        !matches!(self, Entry::Cell(..))
    }
}

/// The relations a reader can subtract along: in each, the entries add up (the total being one of them).
pub fn relations(rows: usize, columns: usize) -> Vec<Vec<Entry>> {
    let mut out = Vec::with_capacity(rows + columns + 2);
    for r in 0..rows {
        out.push(
            (0..columns)
                .map(|c| Entry::Cell(r, c))
                .chain([Entry::Row(r)])
                .collect(),
        );
    }
    for c in 0..columns {
        out.push(
            (0..rows)
                .map(|r| Entry::Cell(r, c))
                .chain([Entry::Column(c)])
                .collect(),
        );
    }
    out.push((0..rows).map(Entry::Row).chain([Entry::Grand]).collect());
    out.push(
        (0..columns)
            .map(Entry::Column)
            .chain([Entry::Grand])
            .collect(),
    );
    out
}

/// The counts of a two-way table, to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    cells: Vec<Vec<u64>>,
    columns: usize,
}

/// A table whose rows are not all as long.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("row {row} has {found} cells, the first row {expected}")]
pub struct RaggedTable {
    /// The row, from 0.
    pub row: usize,
    /// Its cells.
    pub found: usize,
    /// The first row's cells.
    pub expected: usize,
}

impl Table {
    /// A table from its rows.
    ///
    /// # Errors
    /// [`RaggedTable`] when the rows are not all as long.
    pub fn new(cells: Vec<Vec<u64>>) -> Result<Table, RaggedTable> {
        let columns = cells.first().map_or(0, Vec::len);
        if let Some((row, r)) = cells.iter().enumerate().find(|(_, r)| r.len() != columns) {
            return Err(RaggedTable {
                row,
                found: r.len(),
                expected: columns,
            });
        }
        Ok(Table { cells, columns })
    }

    /// Rows.
    pub fn rows(&self) -> usize {
        self.cells.len()
    }

    /// Columns.
    pub fn columns(&self) -> usize {
        self.columns
    }

    /// The value of an entry, totals summed from the cells.
    pub fn value(&self, e: Entry) -> u64 {
        match e {
            Entry::Cell(r, c) => self.cells[r][c],
            Entry::Row(r) => self.cells[r].iter().sum(),
            Entry::Column(c) => self.cells.iter().map(|row| row[c]).sum(),
            Entry::Grand => self.cells.iter().flatten().sum(),
        }
    }

    /// The table as it may be published with this threshold.
    pub fn publish(&self, threshold: u64) -> Published {
        self.publish_with(threshold, &std::collections::BTreeSet::new())
    }

    /// As [`Table::publish`], with `forced` entries suppressed whatever their value: those another published
    /// table already hides (a column total that several breakdowns of one population share).
    pub fn publish_with(
        &self,
        threshold: u64,
        forced: &std::collections::BTreeSet<Entry>,
    ) -> Published {
        let (rows, columns) = (self.rows(), self.columns());
        let relations = relations(rows, columns);
        // Every entry's value once: a total is a sum, and the loop below compares values many times.
        let values: std::collections::BTreeMap<Entry, u64> = relations
            .iter()
            .flatten()
            .map(|&e| (e, self.value(e)))
            .collect();
        let mut hidden: std::collections::BTreeSet<Entry> = values
            .iter()
            .filter(|(e, v)| **v < threshold || forced.contains(e))
            .map(|(e, _)| *e)
            .collect();
        // Complementary suppression, until no relation has exactly one suppressed entry.
        // A relation of one entry (the total of a table with no columns) says only that it is 0: nothing to hide.
        while let Some(relation) = relations
            .iter()
            .find(|rel| rel.len() > 1 && rel.iter().filter(|e| hidden.contains(*e)).count() == 1)
        {
            let Some(pick) = relation
                .iter()
                .filter(|e| !hidden.contains(*e))
                .min_by_key(|&&e| (values[&e], e.is_total(), e))
                .copied()
            else {
                break;
            };
            hidden.insert(pick);
        }
        let shown = |e: Entry| {
            if hidden.contains(&e) {
                Shown::Suppressed
            } else {
                Shown::Value(values[&e])
            }
        };
        Published {
            cells: (0..rows)
                .map(|r| (0..columns).map(|c| shown(Entry::Cell(r, c))).collect())
                .collect(),
            row_totals: (0..rows).map(|r| shown(Entry::Row(r))).collect(),
            column_totals: (0..columns).map(|c| shown(Entry::Column(c))).collect(),
            grand_total: shown(Entry::Grand),
        }
    }
}

impl Published {
    /// How an entry is shown.
    pub fn get(&self, e: Entry) -> Shown {
        match e {
            Entry::Cell(r, c) => self.cells[r][c],
            Entry::Row(r) => self.row_totals[r],
            Entry::Column(c) => self.column_totals[c],
            Entry::Grand => self.grand_total,
        }
    }
}

/// Tables that break one population down in different ways share their column totals (the population by level,
/// say): a column total one of them hides must be hidden in every one, or it could be read from another. Publishes
/// them together, `forced` columns hidden from the start, until the hidden column totals agree; returns each
/// table as published and the columns hidden.
pub fn publish_linked(
    tables: &[Table],
    threshold: u64,
    forced: std::collections::BTreeSet<usize>,
) -> (Vec<Published>, std::collections::BTreeSet<usize>) {
    let mut hidden = forced;
    loop {
        let entries: std::collections::BTreeSet<Entry> =
            hidden.iter().map(|&c| Entry::Column(c)).collect();
        let published: Vec<Published> = tables
            .iter()
            .map(|t| t.publish_with(threshold, &entries))
            .collect();
        let now: std::collections::BTreeSet<usize> = hidden
            .iter()
            .copied()
            .chain(published.iter().flat_map(|p| {
                p.column_totals
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| **s == Shown::Suppressed)
                    .map(|(c, _)| c)
            }))
            .collect();
        if now == hidden {
            return (published, hidden);
        }
        hidden = now;
    }
}
