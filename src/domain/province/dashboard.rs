//! The province dashboard as the page shows it, language-neutral: every figure, bar and row derived once from a
//! tally (the page only puts keys into words and numbers into its language).
use crate::domain::advice::chart::{bar_width, scaled, stacked};
use crate::domain::assessment::level::{Level, MAX_LEVEL, Share};
use crate::domain::assessment::text::{DimensionId, QuestionnaireId};
use crate::domain::province::tally::{Commune, Levels, Sector, Tally};
use crate::domain::records::size::SizeCategory;
use std::collections::BTreeMap;

/// A figure of the target card, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// Enterprises counted toward the target.
    Counted,
    /// Completed records merged into an enterprise counted once.
    Merged,
    /// Completed records without a valid tax code.
    WithoutTaxCode,
    /// Assessments still in draft.
    Drafts,
    /// Records that passed the checks.
    Records,
    /// Records read more than once.
    Repeated,
    /// Records and files refused.
    Rejected,
    /// Enterprises assessed more than once.
    Reassessed,
    /// Of those, enterprises whose level rose.
    Improved,
}

/// One row of a breakdown: its key, its total, its counts by level and their stacked-bar segments.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<K> {
    /// The key.
    pub key: K,
    /// Members in the row.
    pub total: u32,
    /// Members by level 0–5.
    pub levels: Levels,
    /// The stacked bar: (x, width) per level in a 0–100 viewBox.
    pub segments: Vec<(String, String)>,
}

/// A dimension of a questionnaire across the counted enterprises.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionRow {
    /// The questionnaire.
    pub questionnaire: QuestionnaireId,
    /// The dimension.
    pub dimension: DimensionId,
    /// The mean share, tenths of a percent.
    pub mean_permille: u32,
    /// Its counts by level and bar.
    pub row: Row<()>,
}

/// A programme and how many of the counted population it matches.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeRow {
    /// The programme's id in the catalogue.
    pub id: String,
    /// Members it matches.
    pub n: u32,
    /// Their share of the population, tenths of a percent.
    pub permille: u32,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    /// Enterprises counted, and the target.
    pub counted: u32,
    /// The target.
    pub target: u32,
    /// Counted as a share of the target (may pass 100 %).
    pub progress: Share,
    /// The progress bar's width (full at the target).
    pub progress_width: String,
    /// The figures of the target card, in order.
    pub figures: Vec<(Figure, u64)>,
    /// The population by level, and each level's bar width (scaled to the largest).
    pub levels: Vec<(Level, u32, String)>,
    /// Per dimension of each questionnaire.
    pub dimensions: Vec<DimensionRow>,
    /// By questionnaire.
    pub by_questionnaire: Vec<Row<QuestionnaireId>>,
    /// By sector group.
    pub by_sector: Vec<Row<Sector>>,
    /// By size category.
    pub by_size: Vec<Row<SizeCategory>>,
    /// By province code.
    pub by_province: Vec<Row<String>>,
    /// By month of completion.
    pub by_month: Vec<Row<String>>,
    /// Programmes matched, most often first.
    pub programmes: Vec<ProgrammeRow>,
    /// Barriers chosen, most often first: (option id, count).
    pub barriers: Vec<(String, u32)>,
}

fn row<K: Clone>(key: &K, levels: &Levels) -> Row<K> {
    Row {
        key: key.clone(),
        total: levels.iter().sum(),
        levels: *levels,
        segments: stacked(levels),
    }
}

fn rows<K: Clone>(m: &BTreeMap<K, Levels>) -> Vec<Row<K>> {
    m.iter().map(|(k, l)| row(k, l)).collect()
}

impl Dashboard {
    /// The dashboard of a tally, with `rejected` records and files refused on the way.
    pub fn of(t: &Tally, rejected: usize) -> Dashboard {
        let population: u32 = t.by_level.iter().sum();
        let widths = scaled(&t.by_level);
        let figures = vec![
            (Figure::Counted, u64::from(t.counted)),
            (Figure::Merged, u64::from(t.merged)),
            (Figure::WithoutTaxCode, u64::from(t.without_tax_code)),
            (Figure::Drafts, u64::from(t.drafts)),
            (Figure::Records, u64::from(t.records)),
            (Figure::Repeated, u64::from(t.repeated)),
            (Figure::Rejected, rejected as u64),
            (Figure::Reassessed, u64::from(t.reassessed)),
            (Figure::Improved, u64::from(t.improved)),
        ];
        Dashboard {
            counted: t.counted,
            target: t.target,
            progress: Share::new(u128::from(t.counted), u128::from(t.target.max(1))),
            progress_width: bar_width(Share::new(
                u128::from(t.counted.min(t.target)),
                u128::from(t.target.max(1)),
            )),
            figures,
            levels: (0..=MAX_LEVEL)
                .zip(t.by_level)
                .zip(widths)
                .map(|((l, n), w)| (l, n, w))
                .collect(),
            dimensions: t
                .dimensions
                .iter()
                .map(|d| DimensionRow {
                    questionnaire: d.questionnaire.clone(),
                    dimension: d.dimension.clone(),
                    mean_permille: d.mean_permille,
                    row: Row {
                        key: (),
                        total: d.n,
                        levels: d.levels,
                        segments: stacked(&d.levels),
                    },
                })
                .collect(),
            by_questionnaire: rows(&t.by_questionnaire),
            by_sector: rows(&t.by_sector),
            by_size: rows(&t.by_size),
            by_province: rows(&t.by_province),
            by_month: rows(&t.by_month),
            programmes: t
                .programmes
                .iter()
                .map(|(id, n)| ProgrammeRow {
                    id: id.clone(),
                    n: *n,
                    permille: Share::new(u128::from(*n), u128::from(population)).permille(),
                })
                .collect(),
            barriers: t.barriers.clone(),
        }
    }

    /// The breakdown by commune (a thousand rows and more for a province: built only when asked for).
    pub fn communes(t: &Tally) -> Vec<Row<Commune>> {
        rows(&t.by_commune)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_as_the_dashboard_shows_it() {
        let mut t = Tally {
            target: 4,
            counted: 6,
            records: 9,
            by_level: [0, 1, 2, 3, 0, 0],
            programmes: vec![("p1".into(), 2), ("p2".into(), 1)],
            ..Tally::default()
        };
        t.by_sector.insert(Sector(None), [0, 1, 0, 0, 0, 0]);
        t.by_sector.insert(
            Sector(Some(
                crate::domain::records::profile::SectorGroup::TradeServices,
            )),
            [0, 0, 2, 3, 0, 0],
        );
        let d = Dashboard::of(&t, 2);
        assert_eq!(d.progress.permille(), 1500, "counted past the target");
        assert_eq!(d.progress_width, "100.0", "the bar stops at the target");
        assert_eq!(d.figures[0], (Figure::Counted, 6));
        assert_eq!(d.figures[6], (Figure::Rejected, 2));
        assert_eq!(d.levels[3], (3, 3, "100.0".to_string()));
        assert_eq!(d.levels[1].2, "33.3");
        assert_eq!(d.by_sector.len(), 2);
        assert_eq!(d.by_sector[1].total, 5);
        assert_eq!(d.by_sector[1].segments[2], ("0.0".into(), "40.0".into()));
        // Shares of the population, rounded half up (1 of 6 is 16.7 %).
        assert_eq!(
            d.programmes.iter().map(|p| p.permille).collect::<Vec<_>>(),
            [333, 167]
        );
    }
}
