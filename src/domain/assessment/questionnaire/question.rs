//! Validation of the questions: ids and texts, each type's own fields (options, bins, range), the maximum and the
//! visibility condition. The small checks of ids, texts and points serve the rest of the validation too.
use super::condition::check_condition;
use super::error::{
    BinProblem, DuplicateOf, ErrorKind, Field, FieldProblem, Location, QuestionnaireError, Result,
};
use super::model::{
    ChoiceOption, Group, NO_KEY, OptionScore, Question, QuestionKind, QuestionType, short_key,
};
use super::raw::{Bins, RawOption, RawQuestion};
use crate::domain::assessment::expr::Expr;
use crate::domain::assessment::order::{map_of, set_of};
use crate::domain::assessment::text::{DimensionId, OptionId, QuestionId, Text};
use std::collections::{BTreeMap, BTreeSet};

/// Refuses an id that is empty, does not start with a letter or has characters outside `A-Z a-z 0-9 _ . -`.
pub(super) fn check_id(id: &str, at: impl FnOnce() -> Location) -> Result<()> {
    let mut chars = id.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if ok {
        Ok(())
    } else {
        Err(QuestionnaireError::new(at(), ErrorKind::BadId))
    }
}

/// Refuses a text with a language missing or blank.
pub(super) fn check_text(t: &Text, at: impl FnOnce() -> Location) -> Result<()> {
    match t.missing() {
        Some(lang) => Err(QuestionnaireError::new(
            at(),
            ErrorKind::MissingTranslation { lang },
        )),
        None => Ok(()),
    }
}

fn points_in_range(at: impl FnOnce() -> Location, points: i64, max: i64) -> Result<u32> {
    let out_of_range =
        || QuestionnaireError::new(at(), ErrorKind::PointsOutOfRange { points, max });
    if (0..=max).contains(&points) {
        u32::try_from(points).map_err(|_| out_of_range())
    } else {
        Err(out_of_range())
    }
}

fn bad_field(question: &str, problem: FieldProblem) -> QuestionnaireError {
    QuestionnaireError::new(
        Location::Question(question.to_string()),
        ErrorKind::BadField(problem),
    )
}

fn bad_option(question: &str, option: &str, problem: FieldProblem) -> QuestionnaireError {
    QuestionnaireError::new(
        Location::QuestionOption {
            question: question.to_string(),
            option: option.to_string(),
        },
        ErrorKind::BadField(problem),
    )
}

/// Validates the questions in order, in the questionnaire `questionnaire` whose dimensions and groups are known.
pub(super) fn validate_questions(
    raw: Vec<RawQuestion>,
    questionnaire: &str,
    default_max_points: i64,
    dim_ids: &BTreeSet<String>,
    groups: &[Group],
) -> Result<Vec<Question>> {
    let all_ids: BTreeSet<String> = set_of(raw.iter().map(|q| q.id.clone()));
    let mut questions: Vec<Question> = Vec::with_capacity(raw.len());
    for mut rq in raw {
        check_id(&rq.id, || Location::Question(rq.id.clone()))?;
        if questions.iter().any(|q| q.id.as_str() == rq.id) {
            return Err(QuestionnaireError::new(
                Location::Questionnaire(questionnaire.to_string()),
                ErrorKind::Duplicate {
                    of: DuplicateOf::Question,
                    id: rq.id,
                },
            ));
        }
        if !dim_ids.contains(&rq.dimension) {
            return Err(QuestionnaireError::new(
                Location::Question(rq.id),
                ErrorKind::UnknownDimension {
                    dimension: rq.dimension,
                },
            ));
        }
        if let Some(g) = &rq.group
            && !groups
                .iter()
                .any(|x| &x.id == g && x.dimension.as_str() == rq.dimension)
        {
            return Err(QuestionnaireError::new(
                Location::Question(rq.id.clone()),
                ErrorKind::UnknownGroup {
                    group: g.clone(),
                    dimension: rq.dimension.clone(),
                },
            ));
        }
        check_text(&rq.text, || Location::QuestionText(rq.id.clone()))?;
        if let Some(h) = &rq.help {
            check_text(h, || Location::QuestionHelp(rq.id.clone()))?;
        }
        let max = rq.max_points.unwrap_or(default_max_points);
        // An unscored question (max_points 0) only informs, so it must be optional.
        if max < 0 || (max == 0 && !rq.optional) {
            return Err(bad_field(&rq.id, FieldProblem::MaxPointsBelowOne { max }));
        }
        let (kind, best) = validate_kind(&mut rq, max)?;
        let max_points = u32::try_from(max)
            .map_err(|_| bad_field(&rq.id, FieldProblem::MaxPointsTooLarge { max }))?;
        if best < max_points {
            return Err(QuestionnaireError::new(
                Location::Question(rq.id),
                ErrorKind::MaxNotReachable {
                    best,
                    max: max_points,
                },
            ));
        }
        let visible_if = match rq.visible_if.as_deref() {
            None => None,
            Some(src) => Some(Expr::parse(src).map_err(|error| {
                QuestionnaireError::new(
                    Location::Question(rq.id.clone()),
                    ErrorKind::Condition(error),
                )
            })?),
        };
        let option_keys = kind
            .options()
            .iter()
            .map(|o| short_key(o.id.as_str()).unwrap_or(NO_KEY))
            .collect();
        let question = Question {
            option_keys,
            id: QuestionId::new(rq.id),
            dimension: DimensionId::new(rq.dimension),
            group: rq.group,
            text: rq.text,
            help: rq.help,
            source: rq.source,
            max_points,
            kind,
            visible_if,
            optional: rq.optional,
            topic: rq.topic,
        };
        if let Some(expr) = &question.visible_if {
            let earlier: BTreeMap<&QuestionId, &Question> =
                map_of(questions.iter().map(|q| (&q.id, q)));
            let at = Location::Question(question.id.to_string());
            check_condition(&at, expr, &earlier, &all_ids)?;
        }
        questions.push(question);
    }
    Ok(questions)
}

fn validate_bins(qid: &str, bins: Bins, max: i64) -> Result<Bins> {
    if bins.steps.is_empty() {
        return Err(QuestionnaireError::new(
            Location::Question(qid.to_string()),
            ErrorKind::BinsOutOfOrder(BinProblem::NoBins),
        ));
    }
    let bin = |number: usize| Location::Bin {
        question: qid.to_string(),
        number,
    };
    let out_of_order = |number: usize, problem| {
        QuestionnaireError::new(bin(number), ErrorKind::BinsOutOfOrder(problem))
    };
    let mut prev: Option<f64> = None;
    for (i, s) in bins.steps.iter().enumerate() {
        let last = i + 1 == bins.steps.len();
        points_in_range(|| bin(i + 1), i64::from(s.points), max)?;
        match (s.up_to, last) {
            (None, true) => {}
            (None, false) => return Err(out_of_order(i + 1, BinProblem::OpenBeforeLast)),
            (Some(_), true) => return Err(out_of_order(i + 1, BinProblem::LastNotOpen)),
            (Some(u), false) => {
                if !u.is_finite() || prev.is_some_and(|p| u <= p) {
                    return Err(out_of_order(i + 1, BinProblem::NotAscending { up_to: u }));
                }
                prev = Some(u);
            }
        }
    }
    Ok(bins)
}

fn validate_options(
    qid: &str,
    raw: Vec<RawOption>,
    max: i64,
    multi: bool,
) -> Result<Vec<ChoiceOption>> {
    if raw.is_empty() {
        return Err(bad_field(qid, FieldProblem::NoOptions));
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(raw.len());
    for o in raw {
        let at = || Location::QuestionOption {
            question: qid.to_string(),
            option: o.id.clone(),
        };
        check_id(&o.id, at)?;
        if !seen.insert(o.id.clone()) {
            return Err(QuestionnaireError::new(
                Location::Question(qid.to_string()),
                ErrorKind::Duplicate {
                    of: DuplicateOf::Option,
                    id: o.id,
                },
            ));
        }
        check_text(&o.label, at)?;
        let score = match (o.na, o.dont_know, o.points) {
            (true, false, None) => OptionScore::NotApplicable,
            (false, true, None) => OptionScore::DontKnow,
            (false, false, Some(p)) => OptionScore::Points(points_in_range(at, p, max)?),
            (false, false, None) => return Err(bad_option(qid, &o.id, FieldProblem::NoScore)),
            _ => return Err(bad_option(qid, &o.id, FieldProblem::ScoreConflict)),
        };
        if o.exclusive && !multi {
            return Err(bad_option(qid, &o.id, FieldProblem::ExclusiveOutsideMulti));
        }
        if multi && score == OptionScore::NotApplicable && !o.exclusive {
            return Err(bad_option(qid, &o.id, FieldProblem::NaNotExclusive));
        }
        out.push(ChoiceOption {
            id: OptionId::new(o.id),
            label: o.label,
            score,
            exclusive: o.exclusive,
        });
    }
    Ok(out)
}

/// Refuses the first of `fields` that is present, as not applying to a question of type `to`.
fn unused(qid: &str, to: QuestionType, fields: &[(Field, bool)]) -> Result<()> {
    match fields.iter().find(|(_, present)| *present) {
        Some((field, _)) => Err(bad_field(
            qid,
            FieldProblem::DoesNotApply { field: *field, to },
        )),
        None => Ok(()),
    }
}

fn validate_kind(q: &mut RawQuestion, max: i64) -> Result<(QuestionKind, u32)> {
    let qid = q.id.clone();
    let Some(ty) = QuestionType::from_name(&q.kind) else {
        return Err(QuestionnaireError::new(
            Location::Question(qid),
            ErrorKind::UnknownType {
                found: q.kind.clone(),
            },
        ));
    };
    let options = std::mem::take(&mut q.options);
    let number_fields = [
        (Field::Min, q.min.is_some()),
        (Field::Max, q.max.is_some()),
        (Field::Unit, q.unit.is_some()),
        (Field::Bins, q.bins.is_some()),
        (Field::AllowDontKnow, q.allow_dont_know),
        (Field::Numerator, q.numerator.is_some()),
        (Field::Denominator, q.denominator.is_some()),
    ];
    match ty {
        QuestionType::Single => {
            unused(&qid, ty, &number_fields)?;
            let options = validate_options(&qid, options, max, false)?;
            let best = options.iter().map(ChoiceOption::points).max().unwrap_or(0);
            Ok((QuestionKind::Single { options }, best))
        }
        QuestionType::Multi => {
            unused(&qid, ty, &number_fields)?;
            let options = validate_options(&qid, options, max, true)?;
            let sum: u32 = options
                .iter()
                .filter(|o| !o.exclusive)
                .map(ChoiceOption::points)
                .sum();
            let best = sum.min(u32::try_from(max).unwrap_or(0));
            Ok((QuestionKind::Multi { options }, best))
        }
        QuestionType::Number | QuestionType::Ratio => {
            if !options.is_empty() {
                return Err(bad_field(
                    &qid,
                    FieldProblem::DoesNotApply {
                        field: Field::Options,
                        to: ty,
                    },
                ));
            }
            let bins = q
                .bins
                .take()
                .ok_or_else(|| bad_field(&qid, FieldProblem::Required(Field::Bins)))?;
            let bins = validate_bins(&qid, bins, max)?;
            let best = bins.steps.iter().map(|s| s.points).max().unwrap_or(0);
            let allow_dont_know = q.allow_dont_know;
            if ty == QuestionType::Number {
                unused(
                    &qid,
                    ty,
                    &[
                        (Field::Numerator, q.numerator.is_some()),
                        (Field::Denominator, q.denominator.is_some()),
                    ],
                )?;
                let (min, max_v) = match (q.min, q.max) {
                    (Some(a), Some(b)) if a.is_finite() && b.is_finite() && a < b => (a, b),
                    _ => return Err(bad_field(&qid, FieldProblem::BadRange)),
                };
                if let Some(u) = &q.unit {
                    check_text(u, || Location::QuestionUnit(qid.clone()))?;
                }
                Ok((
                    QuestionKind::Number {
                        min,
                        max: max_v,
                        unit: q.unit.take(),
                        bins,
                        allow_dont_know,
                    },
                    best,
                ))
            } else {
                unused(
                    &qid,
                    ty,
                    &[
                        (Field::Min, q.min.is_some()),
                        (Field::Max, q.max.is_some()),
                        (Field::Unit, q.unit.is_some()),
                    ],
                )?;
                let numerator = q
                    .numerator
                    .take()
                    .ok_or_else(|| bad_field(&qid, FieldProblem::Required(Field::Numerator)))?;
                let denominator = q
                    .denominator
                    .take()
                    .ok_or_else(|| bad_field(&qid, FieldProblem::Required(Field::Denominator)))?;
                check_text(&numerator, || Location::QuestionNumerator(qid.clone()))?;
                check_text(&denominator, || Location::QuestionDenominator(qid.clone()))?;
                Ok((
                    QuestionKind::Ratio {
                        numerator,
                        denominator,
                        bins,
                        allow_dont_know,
                    },
                    best,
                ))
            }
        }
    }
}
