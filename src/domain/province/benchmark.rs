//! The anonymised benchmark: percentiles of the overall and per-dimension shares by questionnaire, sector group and
//! size class, published only for cells of at least [`MIN_CELL`] enterprises so that no one can be singled out.
//! A self-assessment loads the file offline to say where a business stands among its peers.
use crate::domain::assessment::encode;
use crate::domain::assessment::level::nearest;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use thiserror::Error;

/// The smallest group a benchmark describes.
pub const MIN_CELL: usize = 10;
/// The value of the file's `schema` field.
pub const BENCHMARK_SCHEMA: &str = "dxcheck-benchmark";

/// Percentiles of one measure in one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Questionnaire id.
    pub questionnaire: String,
    /// Sector group code.
    pub sector: String,
    /// Size class code.
    pub size: String,
    /// "overall" or a dimension id.
    pub measure: String,
    /// How many enterprises.
    pub n: u32,
    /// The 5th, 10th, … 95th percentiles of the share, in tenths of a percent.
    pub percentiles: Vec<u32>,
}

/// A benchmark file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benchmark {
    /// Always [`BENCHMARK_SCHEMA`].
    pub schema: String,
    /// Version 1.
    pub schema_version: u32,
    /// Who published it ("Sở … tỉnh …"), free text.
    #[serde(default)]
    pub publisher: String,
    /// When it was made.
    pub generated_at: String,
    /// The smallest cell published.
    pub min_cell: u32,
    /// The cells.
    pub cells: Vec<Cell>,
}

/// Why a benchmark file was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum BenchmarkError {
    /// Not a benchmark file.
    #[error("not a DX Check benchmark file")]
    NotABenchmark,
    /// A cell smaller than the published minimum (the file was edited or made elsewhere).
    #[error(
        "a cell has {0} enterprises, fewer than the minimum; refusing a file that could single someone out"
    )]
    TooSmall(u32),
}

/// The percentile at `p` (0–100) of sorted values, by linear interpolation.
fn percentile(sorted: &[u32], p: f64) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = p / 100.0 * (sorted.len() - 1) as f64;
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    let w = rank - lo as f64;
    nearest(f64::from(sorted[lo]) * (1.0 - w) + f64::from(sorted[hi.min(sorted.len() - 1)]) * w)
}

/// One group's values by measure ("overall" or a dimension), in the order first met.
type Measures<'a> = Vec<(&'a str, Vec<u32>)>;

/// Builds the cells from (questionnaire, sector, size, overall permille, [(dimension, permille)]) per enterprise.
pub fn cells<'a>(
    rows: impl Iterator<Item = (&'a str, &'a str, &'a str, u32, Vec<(&'a str, u32)>)>,
) -> Vec<Cell> {
    // Grouped by (questionnaire, sector, size) in a hash map, one lookup per row (a million rows meet a few hundred
    // groups); within a group, the measures come in the same order row after row, so each is found at its place.
    let mut groups: HashMap<(&str, &str, &str), Measures<'_>> = HashMap::new();
    for (q, sector, size, overall, dims) in rows {
        if sector.is_empty() || size.is_empty() {
            continue;
        }
        let measures = groups.entry((q, sector, size)).or_default();
        for (j, (measure, value)) in std::iter::once(("overall", overall))
            .chain(dims)
            .enumerate()
        {
            let at = match measures.get(j) {
                Some((m, _)) if *m == measure => j,
                _ => match measures.iter().position(|(m, _)| *m == measure) {
                    Some(at) => at,
                    None => {
                        measures.push((measure, Vec::new()));
                        measures.len() - 1
                    }
                },
            };
            if let Some((_, values)) = measures.get_mut(at) {
                values.push(value);
            }
        }
    }
    let groups = groups
        .into_iter()
        .flat_map(|((q, sector, size), measures)| {
            measures
                .into_iter()
                .map(move |(measure, values)| ((q, sector, size, measure), values))
        });
    let mut groups: Vec<_> = groups
        .into_iter()
        .filter(|(_, v)| v.len() >= MIN_CELL)
        .collect();
    groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    groups
        .into_iter()
        .map(|((questionnaire, sector, size, measure), mut v)| {
            v.sort_unstable();
            let percentiles = (1..20).map(|k| percentile(&v, f64::from(k * 5))).collect();
            Cell {
                questionnaire: questionnaire.to_string(),
                sector: sector.to_string(),
                size: size.to_string(),
                measure: measure.to_string(),
                n: u32::try_from(v.len()).unwrap_or(u32::MAX),
                percentiles,
            }
        })
        .collect()
}

impl Benchmark {
    /// The file as pretty JSON.
    pub fn to_json(&self) -> String {
        // A benchmark is numbers and codes: it always serialises.
        encode::json_pretty(self)
    }

    /// A benchmark from tally cells.
    pub fn new(cells: Vec<Cell>, publisher: &str, now: &str) -> Self {
        Benchmark {
            schema: BENCHMARK_SCHEMA.into(),
            schema_version: 1,
            publisher: publisher.into(),
            generated_at: now.into(),
            min_cell: u32::try_from(MIN_CELL).unwrap_or(10),
            cells,
        }
    }

    /// Reads and checks a benchmark file.
    ///
    /// # Errors
    /// [`BenchmarkError`].
    pub fn from_json(json: &str) -> Result<Benchmark, BenchmarkError> {
        let b: Benchmark = serde_json::from_str(json).map_err(|_| BenchmarkError::NotABenchmark)?;
        if b.schema != BENCHMARK_SCHEMA || b.schema_version != 1 {
            return Err(BenchmarkError::NotABenchmark);
        }
        if let Some(c) = b.cells.iter().find(|c| (c.n as usize) < MIN_CELL) {
            return Err(BenchmarkError::TooSmall(c.n));
        }
        Ok(b)
    }

    /// The cell for a peer group and measure.
    pub fn cell(
        &self,
        questionnaire: &str,
        sector: &str,
        size: &str,
        measure: &str,
    ) -> Option<&Cell> {
        self.cells.iter().find(|c| {
            c.questionnaire == questionnaire
                && c.sector == sector
                && c.size == size
                && c.measure == measure
        })
    }
}

impl Cell {
    /// The share of the peer group this value is ahead of, in percent (0–100), from the percentile grid.
    pub fn ahead_of(&self, permille: u32) -> u32 {
        let p = &self.percentiles;
        if p.is_empty() {
            return 0;
        }
        if permille < p[0] {
            return (5 * permille).checked_div(p[0]).unwrap_or(0).min(5);
        }
        for (i, w) in p.windows(2).enumerate() {
            let (lo, hi) = (w[0], w[1]);
            if permille < hi {
                let base = 5 * (i as u32 + 1);
                return if hi == lo {
                    base
                } else {
                    base + 5 * (permille - lo) / (hi - lo)
                };
            }
        }
        95 + if permille > p[p.len() - 1] { 5 } else { 0 }
    }
}

/// Where one assessment stands among its peers in a benchmark.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// The profile lacks the sector group or the size class, so no peer group can be chosen.
    NeedProfile,
    /// The benchmark has no group (of at least its minimum size) for this questionnaire, sector and size.
    NoGroup,
    /// The peer group and the share of it the assessment is ahead of, overall and per dimension.
    Peers {
        /// Enterprises in the group.
        n: u32,
        /// Ahead of this percent of the group, overall.
        overall: u32,
        /// Per dimension with a published cell: (dimension id, percent ahead of).
        dimensions: Vec<(String, u32)>,
    },
}

impl Benchmark {
    /// Where an assessment of `questionnaire` (overall share and per-dimension shares, in tenths of a percent)
    /// stands among the enterprises of its sector group and size class.
    pub fn standing(
        &self,
        questionnaire: &str,
        sector: Option<&str>,
        size: Option<&str>,
        overall_permille: u32,
        dimensions: &[(&str, u32)],
    ) -> Standing {
        let (Some(sector), Some(size)) = (sector, size) else {
            return Standing::NeedProfile;
        };
        let Some(cell) = self.cell(questionnaire, sector, size, "overall") else {
            return Standing::NoGroup;
        };
        Standing::Peers {
            n: cell.n,
            overall: cell.ahead_of(overall_permille),
            dimensions: dimensions
                .iter()
                .filter_map(|(d, p)| {
                    self.cell(questionnaire, sector, size, d)
                        .map(|c| ((*d).to_string(), c.ahead_of(*p)))
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_cells_are_never_published_and_ranks_interpolate() {
        let row = |i: u32| {
            (
                "quick",
                "trade_services",
                "small",
                i * 10,
                vec![("QT", i * 10)],
            )
        };
        assert!(
            cells((0..9).map(row)).is_empty(),
            "9 enterprises: nothing published"
        );
        let c = cells((0..=100).map(row));
        assert_eq!(c.len(), 2, "overall and QT");
        let overall = c.iter().find(|x| x.measure == "overall").expect("overall");
        assert_eq!(overall.n, 101);
        assert_eq!(
            overall.percentiles[9], 500,
            "the median of 0, 10, … 1000 is 500"
        );
        assert_eq!(overall.ahead_of(500), 50);
        assert_eq!(overall.ahead_of(700), 70);
        assert_eq!(overall.ahead_of(1000), 100);
        assert_eq!(overall.ahead_of(0), 0);
        let json =
            serde_json::to_string(&Benchmark::new(c, "Sở KH&CN", "2026-11-23")).expect("json");
        assert!(Benchmark::from_json(&json).is_ok());
        let mut tampered: Benchmark = serde_json::from_str(&json).expect("json");
        tampered.cells[0].n = 3;
        assert_eq!(
            Benchmark::from_json(&serde_json::to_string(&tampered).expect("json")),
            Err(BenchmarkError::TooSmall(3))
        );
        assert_eq!(
            Benchmark::from_json("{}"),
            Err(BenchmarkError::NotABenchmark)
        );
    }

    #[test]
    fn standing_picks_the_peer_group_of_the_profile() {
        let row = |i: u32| {
            (
                "quick",
                "trade_services",
                "small",
                i * 10,
                vec![("QT", 1000 - i * 10)],
            )
        };
        let b = Benchmark::new(cells((0..=100).map(row)), "", "2026-11-23");
        assert_eq!(
            b.standing("quick", Some("trade_services"), None, 500, &[]),
            Standing::NeedProfile
        );
        assert_eq!(
            b.standing("quick", Some("trade_services"), Some("micro"), 500, &[]),
            Standing::NoGroup,
            "no micro group in this file"
        );
        assert_eq!(
            b.standing("dbi", Some("trade_services"), Some("small"), 500, &[]),
            Standing::NoGroup
        );
        assert_eq!(
            b.standing(
                "quick",
                Some("trade_services"),
                Some("small"),
                700,
                &[("QT", 200), ("BH", 900)]
            ),
            Standing::Peers {
                n: 101,
                overall: 70,
                dimensions: vec![("QT".into(), 20)],
            },
            "BH has no cell and is left out"
        );
    }
}
