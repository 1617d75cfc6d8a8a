//! The workshop's group view: one row per enterprise for a questionnaire, with its overall and per-dimension
//! scores, sortable by any column; codes (DN01, DN02…) stand in for names when the view is anonymised.
use crate::domain::assessment::level::{Level, Share};
use crate::domain::assessment::order::sort_stable_by;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::scoring::Assessment;
use crate::domain::records::enterprise::Enterprise;

/// One enterprise in the group view.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    /// Its code in this workshop, "DN01" onwards, in the order the enterprises were created.
    pub code: String,
    /// Its name (may be empty).
    pub name: String,
    /// Its tax code, if valid.
    pub tax_code: Option<String>,
    /// Whether every visible question is answered.
    pub complete: bool,
    /// Overall share and level.
    pub overall: (Share, Level),
    /// Per dimension, in questionnaire order.
    pub dimensions: Vec<(Share, Level)>,
}

/// A column to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// The code (creation order).
    Code,
    /// The name.
    Name,
    /// The overall score.
    Overall,
    /// A dimension's score, by index.
    Dimension(usize),
}

/// The rows of a questionnaire for some enterprises (those that have started it), in creation order.
pub fn rows(q: &Questionnaire, enterprises: &[&Enterprise]) -> Vec<GroupRow> {
    enterprises
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let d = e.drafts.get(&q.id)?;
            let a = Assessment::compute(q, &d.answers);
            Some(GroupRow {
                code: format!("DN{:02}", i + 1),
                name: e.profile.name.clone(),
                tax_code: e.profile.valid_tax_code().map(|t| t.as_str().to_string()),
                complete: a.is_complete(),
                overall: (a.overall.share, a.overall.level),
                dimensions: a.dimensions.iter().map(|d| (d.share, d.level)).collect(),
            })
        })
        .collect()
}

/// Sorts rows by a column; ties keep the code order. Scores sort by exact share.
pub fn sort(rows: &mut Vec<GroupRow>, key: SortKey, descending: bool) {
    let cmp_share = |a: &Share, b: &Share| (a.num * b.den).cmp(&(b.num * a.den));
    sort_stable_by(rows, &|a, b| {
        let o = match key {
            SortKey::Code => a.code.cmp(&b.code),
            SortKey::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            SortKey::Overall => cmp_share(&a.overall.0, &b.overall.0),
            SortKey::Dimension(i) => match (a.dimensions.get(i), b.dimensions.get(i)) {
                (Some(x), Some(y)) => cmp_share(&x.0, &y.0),
                _ => std::cmp::Ordering::Equal,
            },
        };
        let o = if descending { o.reverse() } else { o };
        o.then_with(|| a.code.cmp(&b.code))
    });
}

/// How the group table is sorted: by a column (0 the enterprise, 1 the overall score, then each dimension), up or
/// down. It opens in code order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GroupSort {
    /// The column.
    pub column: usize,
    /// Highest (or Z) first.
    pub descending: bool,
}

impl GroupSort {
    /// The column's key.
    pub fn key(self) -> SortKey {
        match self.column {
            0 => SortKey::Code,
            1 => SortKey::Overall,
            n => SortKey::Dimension(n - 2),
        }
    }

    /// After a click on column `c`: the same column turns round; another starts highest first for a score, in code
    /// order for the enterprise.
    pub fn clicked(self, c: usize) -> GroupSort {
        if c == self.column {
            GroupSort {
                column: c,
                descending: !self.descending,
            }
        } else {
            GroupSort {
                column: c,
                descending: c > 0,
            }
        }
    }
}

/// The rows of a questionnaire for some enterprises, sorted.
pub fn sorted_rows(q: &Questionnaire, enterprises: &[&Enterprise], by: GroupSort) -> Vec<GroupRow> {
    let mut list = rows(q, enterprises);
    sort(&mut list, by.key(), by.descending);
    list
}
