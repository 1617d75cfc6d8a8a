//! The tally's enterprise list: one line per member of the population, built apart from the figures so that a
//! dashboard can show the figures first, and in parts on several threads.
use super::EnterpriseLine;
use super::TallyContext;
use super::builder::{Summary, assessed_of, size_category};
use super::keys::Sector;
use crate::domain::assessment::text::QuestionnaireId;
use crate::domain::province::support::Assessed;
use std::collections::BTreeMap;

/// The enterprise list of a tally, built apart from the figures ([`TallyBuilder::finish_figures`]) so that a
/// dashboard can show the figures first.
pub struct Lines {
    pub(super) summaries: Vec<Summary>,
    /// Each member of the population: its summary, its completed assessments, whether it improved.
    pub(super) population: Vec<(usize, u32, bool)>,
    pub(super) qids: Vec<QuestionnaireId>,
}

impl Lines {
    /// One line per member of the population, in tax-code order (records without a tax code last).
    pub fn build(self) -> Vec<EnterpriseLine> {
        (0..self.len()).filter_map(|k| self.line(k)).collect()
    }

    /// How many lines [`Lines::build`] gives.
    pub fn len(&self) -> usize {
        self.population.len()
    }

    /// What the results say of each enterprise, as [`super::TallyBuilder::assessed`] said before the figures: so
    /// that a tally without the office's tables can be joined to them later without being made again.
    pub fn assessed(&self, ctx: &TallyContext<'_>) -> BTreeMap<String, Assessed> {
        assessed_of(ctx, &self.summaries)
    }

    /// Whether the population is empty.
    pub fn is_empty(&self) -> bool {
        self.population.is_empty()
    }

    /// Line `k` of [`Lines::build`] (so that several threads can write parts of a long list at once).
    pub fn line(&self, k: usize) -> Option<EnterpriseLine> {
        let &(i, assessments, improved) = self.population.get(k)?;
        let s = self.summaries.get(i)?;
        let qids = &self.qids;
        Some(EnterpriseLine {
            tax_code: s.tax.map(|t| format!("{t:010}")).unwrap_or_default(),
            name: s.name.to_string(),
            province: s.province.to_string(),
            commune: s.commune.to_string(),
            sector: Sector(s.sector),
            size: size_category(s.size),
            questionnaire: qids
                .get(s.questionnaire)
                .cloned()
                .unwrap_or_else(|| QuestionnaireId::new("")),
            completed_at: s.when.to_string(),
            level: s.level,
            permille: s.permille,
            assessments,
            improved,
        })
    }
}
