//! Validation of a whole questionnaire file into a [`Questionnaire`]: the header, the level table, the overall rules,
//! the dimensions and groups, and the declared maxima. The questions themselves are checked in `question.rs`.
use super::error::{
    DuplicateOf, ErrorKind, Location, QuestionnaireError, Result, RuleProblem, ThresholdProblem,
};
use super::model::{Dimension, Group, OverallMethod, Question, Questionnaire};
use super::question::{check_id, check_text, validate_questions};
use super::raw::{FORMAT, RawDimension, RawGroup, RawOverall, RawQuestionnaire};
use crate::domain::assessment::level::{LevelBand, LevelTable, MAX_LEVEL};
use crate::domain::assessment::text::{DimensionId, QuestionnaireId};
use std::collections::BTreeSet;

impl Questionnaire {
    /// Parses and validates a questionnaire file.
    ///
    /// # Errors
    /// [`ErrorKind::Parse`] at [`Location::File`] for JSON that does not fit the shape, then the first rule the file
    /// breaks.
    pub fn from_json(json: &str) -> Result<Questionnaire> {
        let raw: RawQuestionnaire = serde_json::from_str(json).map_err(|e| {
            QuestionnaireError::new(Location::File, ErrorKind::Parse(e.to_string()))
        })?;
        Questionnaire::try_from(raw)
    }
}

impl TryFrom<RawQuestionnaire> for Questionnaire {
    type Error = QuestionnaireError;

    fn try_from(raw: RawQuestionnaire) -> Result<Questionnaire> {
        if raw.kind != "questionnaire" {
            return Err(QuestionnaireError::new(
                Location::File,
                ErrorKind::WrongKind { found: raw.kind },
            ));
        }
        if raw.format != FORMAT {
            return Err(QuestionnaireError::new(
                Location::File,
                ErrorKind::UnsupportedFormat {
                    found: raw.format,
                    supported: FORMAT,
                },
            ));
        }
        let qn = raw.id.clone();
        check_id(&raw.id, || Location::Questionnaire(qn.clone()))?;
        if raw.version.trim().is_empty() {
            return Err(QuestionnaireError::new(
                Location::Questionnaire(raw.id),
                ErrorKind::MissingVersion,
            ));
        }
        check_text(&raw.title, || Location::QuestionnaireTitle(qn.clone()))?;
        check_text(&raw.description, || {
            Location::QuestionnaireDescription(qn.clone())
        })?;
        check_text(&raw.disclaimer, || {
            Location::QuestionnaireDisclaimer(qn.clone())
        })?;
        let levels = validate_levels(raw.levels)?;
        let overall = validate_overall(raw.overall)?;
        let dim_ids = validate_dimensions(&qn, &raw.dimensions)?;
        let groups = validate_groups(&qn, &raw.groups, &dim_ids)?;
        let questions = validate_questions(
            raw.questions,
            &qn,
            raw.default_max_points,
            &dim_ids,
            &groups,
        )?;
        let dimensions = sum_dimensions(raw.dimensions, &questions)?;
        check_group_maxima(&raw.groups, &questions)?;
        let total_max_points: u32 = dimensions.iter().map(|d| d.max_points).sum();
        if let Some(declared) = raw.total_max_points
            && declared != i64::from(total_max_points)
        {
            return Err(QuestionnaireError::new(
                Location::Questionnaire(qn),
                ErrorKind::MaxMismatch {
                    declared,
                    computed: total_max_points,
                },
            ));
        }

        let mut q = Questionnaire {
            id: QuestionnaireId::new(raw.id),
            version: raw.version,
            title: raw.title,
            description: raw.description,
            estimated_minutes: raw.estimated_minutes,
            source: raw.source,
            disclaimer: raw.disclaimer,
            levels,
            overall,
            not_applicable: raw.not_applicable,
            dimensions,
            groups,
            questions,
            total_max_points,
            by_id: Vec::new(),
            keys: Vec::new(),
            dim_of: Vec::new(),
        };
        q.build_index();
        Ok(q)
    }
}

fn threshold(at: Location, problem: ThresholdProblem) -> QuestionnaireError {
    QuestionnaireError::new(at, ErrorKind::ThresholdsOutOfOrder(problem))
}

fn validate_levels(levels: Vec<LevelBand>) -> Result<LevelTable> {
    let mut previous: Option<u32> = None;
    for (i, band) in levels.iter().enumerate() {
        let expected = u8::try_from(i).unwrap_or(u8::MAX);
        if band.level != expected {
            return Err(threshold(
                Location::Level(band.level),
                ThresholdProblem::WrongLevel { expected },
            ));
        }
        check_text(&band.name, || Location::LevelName(band.level))?;
        check_text(&band.description, || Location::LevelDescription(band.level))?;
        if let Some(p) = previous
            && band.max_pct <= p
        {
            return Err(threshold(
                Location::Level(band.level),
                ThresholdProblem::NotAbovePrevious {
                    max_pct: band.max_pct,
                    previous: p,
                },
            ));
        }
        previous = Some(band.max_pct);
    }
    match levels.last() {
        Some(last) if last.level == MAX_LEVEL && last.max_pct == 100 && last.inclusive => {}
        Some(last) => {
            return Err(threshold(
                Location::Level(last.level),
                ThresholdProblem::BadLastBand,
            ));
        }
        None => return Err(threshold(Location::Levels, ThresholdProblem::NoLevels)),
    }
    Ok(LevelTable::new_unchecked(levels))
}

fn validate_overall(raw: RawOverall) -> Result<OverallMethod> {
    let bad_rule = |at, problem| QuestionnaireError::new(at, ErrorKind::BadOverallRule(problem));
    match raw {
        RawOverall::WeightedShare => Ok(OverallMethod::WeightedShare),
        RawOverall::DbiRule { rules, source } => {
            let mut prev_total = None;
            for (i, r) in rules.iter().enumerate() {
                let at = Location::OverallRule(r.level);
                let expected = u8::try_from(i + 1).unwrap_or(u8::MAX);
                if r.level != expected {
                    return Err(bad_rule(at, RuleProblem::WrongLevel { expected }));
                }
                if r.dimension_level > MAX_LEVEL {
                    return Err(bad_rule(
                        at,
                        RuleProblem::DimensionLevelTooHigh {
                            dimension_level: r.dimension_level,
                        },
                    ));
                }
                if let Some(p) = prev_total
                    && r.total_above <= p
                {
                    return Err(bad_rule(
                        at,
                        RuleProblem::TotalNotAbovePrevious {
                            total: r.total_above,
                            previous: p,
                        },
                    ));
                }
                prev_total = Some(r.total_above);
            }
            if rules.len() != usize::from(MAX_LEVEL) {
                return Err(bad_rule(
                    Location::OverallRules,
                    RuleProblem::WrongCount { count: rules.len() },
                ));
            }
            Ok(OverallMethod::DbiRule { rules, source })
        }
    }
}

/// Checks each dimension's id, texts and weight, and returns the set of ids.
fn validate_dimensions(qn: &str, raw: &[RawDimension]) -> Result<BTreeSet<String>> {
    let mut dim_ids = BTreeSet::new();
    for d in raw {
        check_id(&d.id, || Location::Dimension(d.id.clone()))?;
        if !dim_ids.insert(d.id.clone()) {
            return Err(QuestionnaireError::new(
                Location::Questionnaire(qn.to_string()),
                ErrorKind::Duplicate {
                    of: DuplicateOf::Dimension,
                    id: d.id.clone(),
                },
            ));
        }
        check_text(&d.name, || Location::DimensionName(d.id.clone()))?;
        check_text(&d.description, || {
            Location::DimensionDescription(d.id.clone())
        })?;
        if d.weight < 1 {
            return Err(bad_weight(d));
        }
    }
    Ok(dim_ids)
}

fn bad_weight(d: &RawDimension) -> QuestionnaireError {
    QuestionnaireError::new(
        Location::Dimension(d.id.clone()),
        ErrorKind::BadWeight { weight: d.weight },
    )
}

fn validate_groups(qn: &str, raw: &[RawGroup], dim_ids: &BTreeSet<String>) -> Result<Vec<Group>> {
    let mut groups: Vec<Group> = Vec::new();
    for g in raw {
        check_id(&g.id, || Location::Group(g.id.clone()))?;
        if groups.iter().any(|x| x.id == g.id) {
            return Err(QuestionnaireError::new(
                Location::Questionnaire(qn.to_string()),
                ErrorKind::Duplicate {
                    of: DuplicateOf::Group,
                    id: g.id.clone(),
                },
            ));
        }
        if !dim_ids.contains(&g.dimension) {
            return Err(QuestionnaireError::new(
                Location::Group(g.id.clone()),
                ErrorKind::UnknownDimension {
                    dimension: g.dimension.clone(),
                },
            ));
        }
        check_text(&g.name, || Location::GroupName(g.id.clone()))?;
        groups.push(Group {
            id: g.id.clone(),
            dimension: DimensionId(g.dimension.as_str().into()),
            name: g.name.clone(),
        });
    }
    Ok(groups)
}

/// Each dimension with the sum of its questions' maxima, which must be above 0 and match any declared maximum.
fn sum_dimensions(raw: Vec<RawDimension>, questions: &[Question]) -> Result<Vec<Dimension>> {
    let mut dimensions = Vec::with_capacity(raw.len());
    for d in raw {
        let id = DimensionId(d.id.as_str().into());
        let computed: u32 = questions
            .iter()
            .filter(|q| q.dimension == id)
            .map(|q| q.max_points)
            .sum();
        if computed == 0 {
            return Err(QuestionnaireError::new(
                Location::Dimension(d.id),
                ErrorKind::EmptyDimension,
            ));
        }
        if let Some(declared) = d.max_points
            && declared != i64::from(computed)
        {
            return Err(QuestionnaireError::new(
                Location::Dimension(d.id),
                ErrorKind::MaxMismatch { declared, computed },
            ));
        }
        let weight = u32::try_from(d.weight).map_err(|_| bad_weight(&d))?;
        dimensions.push(Dimension {
            id,
            name: d.name,
            description: d.description,
            weight,
            max_points: computed,
        });
    }
    Ok(dimensions)
}

fn check_group_maxima(raw: &[RawGroup], questions: &[Question]) -> Result<()> {
    for g in raw {
        let computed: u32 = questions
            .iter()
            .filter(|q| q.group.as_deref() == Some(&g.id))
            .map(|q| q.max_points)
            .sum();
        if let Some(declared) = g.max_points
            && declared != i64::from(computed)
        {
            return Err(QuestionnaireError::new(
                Location::Group(g.id.clone()),
                ErrorKind::MaxMismatch { declared, computed },
            ));
        }
    }
    Ok(())
}
