//! Turns domain results (size class, recommendations, roadmap, T0 → T1) into the text the components show.
use crate::domain::advice::recommend::{
    Eligibility, EligibilityGap, ProgrammeStatus, Reason, Recommendation, helping,
};
use crate::domain::advice::report::{AnswerView, ChangeLine, answer_view};
use crate::domain::advice::roadmap::{Move, Path, Target};
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::level::{Level, MAX_LEVEL, permille_of};
use crate::domain::assessment::locale::{format_date, format_decimal, format_int, format_permille};
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::text::DimensionId;
use crate::domain::records::profile::Profile;
use crate::domain::records::size::{SizeInput, SizeResult, Via};
use crate::ui::components::recommendation_list::RecItem;
use crate::ui::components::roadmap_list::{RoadPlan, RoadStep};
use crate::ui::context::Tr;
use crate::ui::describe::{Describe, level_name};
use yew::AttrValue;

fn dim_name(tr: &Tr, q: &Questionnaire, id: &DimensionId) -> String {
    q.dimension(id)
        .map(|d| d.name.get(tr.lang).to_string())
        .unwrap_or_else(|| id.to_string())
}

/// (class text, reason) for the size card.
pub fn size_text(tr: &Tr, size: &SizeResult) -> (AttrValue, AttrValue) {
    match size {
        SizeResult::Class {
            class,
            max_employees,
            via,
        } => {
            let (key, limit) = match via {
                Via::Revenue(l) => ("size.reason_revenue", l),
                Via::Capital(l) => ("size.reason_capital", l),
            };
            let reason = tr.f(
                key,
                &[
                    ("employees", &max_employees.to_string()),
                    ("limit", &format_decimal(*limit, tr.lang)),
                ],
            );
            (class.describe(tr), reason)
        }
        SizeResult::NotEnoughData(missing) => {
            let fields: Vec<String> = missing
                .iter()
                .map(|m| match m {
                    SizeInput::Sector => tr.t("size.need_sector").to_string(),
                    SizeInput::Employees => tr.t("size.need_employees").to_string(),
                    SizeInput::RevenueOrCapital => tr.t("size.need_money").to_string(),
                })
                .collect();
            (
                tr.t("size.unknown"),
                tr.f("size.missing", &[("fields", &fields.join(", "))]),
            )
        }
        SizeResult::Household => (tr.t("size.household"), tr.t("size.household_why")),
        SizeResult::AboveMedium => (tr.t("size.above"), tr.t("size.above_why")),
    }
}

fn reason_text(tr: &Tr, q: &Questionnaire, r: &Reason<'_>) -> AttrValue {
    let mut parts: Vec<String> = Vec::new();
    if let Some((d, level)) = &r.dimension {
        let name = dim_name(tr, q, d);
        parts.push(
            tr.f(
                "prog.reason_dim",
                &[
                    ("name", &name),
                    ("level", &level.to_string()),
                    ("level_name", &level_name(tr, q, *level)),
                ],
            )
            .to_string(),
        );
    }
    if let Some(level) = r.overall {
        parts.push(
            tr.f(
                "prog.reason_overall",
                &[
                    ("level", &level.to_string()),
                    ("level_name", &level_name(tr, q, level)),
                ],
            )
            .to_string(),
        );
    }
    if let Some(t) = r.text {
        parts.push(t.get(tr.lang).to_string());
    }
    AttrValue::from(parts.join("; "))
}

fn status(tr: &Tr, s: ProgrammeStatus) -> (AttrValue, &'static str) {
    match s {
        ProgrammeStatus::InForce => (tr.t("prog.status_in_force"), "st-ok"),
        ProgrammeStatus::Check => (tr.t("prog.status_check"), "st-check"),
        ProgrammeStatus::Ended => (tr.t("prog.status_ended"), "st-ended"),
        ProgrammeStatus::Draft => (tr.t("prog.status_draft"), "st-draft"),
    }
}

/// Programme cards for a list of recommendations.
pub fn rec_items(
    tr: &Tr,
    q: &Questionnaire,
    recs: &[Recommendation<'_>],
    size: &SizeResult,
) -> Vec<RecItem> {
    recs.iter()
        .map(|r| {
            let p = r.programme;
            let (status, status_class) = status(tr, p.status);
            let eligibility = match &r.eligibility {
                Eligibility::Unknown(gaps) => {
                    let fields: Vec<String> = gaps
                        .iter()
                        .map(|g| match g {
                            EligibilityGap::EntityType => tr.t("prog.gap_entity").to_string(),
                            EligibilityGap::SizeClass => tr.t("prog.gap_size").to_string(),
                            EligibilityGap::Employees => tr.t("prog.gap_employees").to_string(),
                            EligibilityGap::Province => tr.t("prog.gap_province").to_string(),
                        })
                        .collect();
                    Some(tr.f("prog.maybe", &[("fields", &fields.join(", "))]))
                }
                _ => None,
            };
            let per = p
                .benefit
                .per
                .as_ref()
                .map(|t| t.get(tr.lang).to_string())
                .unwrap_or_default();
            let support = match (r.max_support_vnd, size) {
                (Some(v), SizeResult::Class { class, .. }) => Some(tr.f(
                    "prog.support_max",
                    &[
                        ("amount", &format_int(v, tr.lang)),
                        ("per", &per),
                        ("size", &class.describe(tr)),
                    ],
                )),
                (None, SizeResult::NotEnoughData(_)) if !p.benefit.caps_vnd.is_empty() => {
                    Some(tr.t("prog.support_needs_size"))
                }
                _ => None,
            };
            RecItem {
                id: AttrValue::from(p.id.clone()),
                title: tr.text(&p.title),
                status,
                status_class,
                priority: r.priority.then(|| tr.t("prog.priority")),
                reasons: r.reasons.iter().map(|x| reason_text(tr, q, x)).collect(),
                eligibility,
                summary: tr.text(&p.summary),
                benefit: tr.text(&p.benefit.text),
                support,
                legal: tr.f(
                    "prog.legal",
                    &[
                        ("ref", &p.legal.reference),
                        ("tag", &p.legal.tag.describe(tr)),
                    ],
                ),
                apply: tr.f("prog.apply", &[("text", p.apply.get(tr.lang))]),
            }
        })
        .collect()
}

fn answer_text(tr: &Tr, v: Option<AnswerView<'_>>) -> String {
    match v {
        None => tr.t("road.unanswered").to_string(),
        Some(AnswerView::Option(t)) => t.get(tr.lang).to_string(),
        Some(AnswerView::Options(ts)) => ts
            .iter()
            .map(|t| t.get(tr.lang))
            .collect::<Vec<_>>()
            .join(", "),
        Some(AnswerView::Number(v)) => format_decimal(v, tr.lang),
        Some(AnswerView::Ratio { num, den }) => {
            permille_of(num, den).map_or_else(|| "–".into(), |p| format_permille(p, tr.lang))
        }
        Some(AnswerView::DontKnow) => tr.t("input.dont_know").to_string(),
    }
}

fn target_text(tr: &Tr, q: &Questionnaire, m: &Move) -> String {
    match &m.target {
        Target::Option(id) => q
            .question(&m.question)
            .and_then(|x| x.option(id))
            .map(|o| o.label.get(tr.lang).to_string())
            .unwrap_or_default(),
        Target::Range { above, up_to } => match (above, up_to) {
            (Some(a), Some(u)) => tr
                .f(
                    "road.range_between",
                    &[
                        ("above", &format_decimal(*a, tr.lang)),
                        ("up_to", &format_decimal(*u, tr.lang)),
                    ],
                )
                .to_string(),
            (Some(a), None) => tr
                .f(
                    "road.range_above",
                    &[("above", &format_decimal(*a, tr.lang))],
                )
                .to_string(),
            (None, Some(u)) => tr
                .f(
                    "road.range_up_to",
                    &[("up_to", &format_decimal(*u, tr.lang))],
                )
                .to_string(),
            (None, None) => String::new(),
        },
    }
}

/// Context for the roadmap's programme links.
pub struct RoadContext<'a> {
    /// The catalogue.
    pub catalogue: &'a crate::domain::advice::recommend::Programmes,
    /// The profile.
    pub profile: &'a Profile,
    /// Its size class.
    pub size: &'a SizeResult,
}

fn road_steps(
    tr: &Tr,
    q: &Questionnaire,
    sheet: &AnswerSheet,
    path: &Path,
    ctx: &RoadContext<'_>,
) -> Vec<RoadStep> {
    path.moves
        .iter()
        .map(|m| {
            let question = q.question(&m.question);
            let current =
                question.and_then(|x| sheet.get(&m.question).and_then(|a| answer_view(x, a)));
            let helps: Vec<String> =
                helping(ctx.catalogue, &q.id, &m.question, ctx.profile, ctx.size)
                    .iter()
                    .map(|p| p.title.get(tr.lang).to_string())
                    .collect();
            RoadStep {
                question: question.map(|x| tr.text(&x.text)).unwrap_or_default(),
                change: tr.f(
                    "road.change",
                    &[
                        ("from", &answer_text(tr, current)),
                        ("to", &target_text(tr, q, m)),
                    ],
                ),
                gain: tr.f(
                    "road.gain",
                    &[
                        ("points", &m.gain().to_string()),
                        ("steps", &m.steps.to_string()),
                    ],
                ),
                help: (!helps.is_empty())
                    .then(|| tr.f("road.help", &[("list", &helps.join("; "))])),
            }
        })
        .collect()
}

/// The plans: overall first, then each dimension.
pub fn road_plans(
    tr: &Tr,
    q: &Questionnaire,
    sheet: &AnswerSheet,
    overall: (Level, Option<Path>),
    dims: &[(DimensionId, Level, Option<Path>)],
    ctx: &RoadContext<'_>,
) -> Vec<RoadPlan> {
    let plan = |name: String, level: Level, path: &Option<Path>| {
        let to = path.as_ref().map_or(level + 1, |p| p.to);
        RoadPlan {
            heading: tr.f(
                "road.heading",
                &[
                    ("name", &name),
                    ("from", &level.to_string()),
                    ("to", &to.to_string()),
                    ("to_name", &level_name(tr, q, to)),
                ],
            ),
            steps: path
                .as_ref()
                .map(|p| road_steps(tr, q, sheet, p, ctx))
                .unwrap_or_default(),
            note: match (level, path) {
                (MAX_LEVEL, _) => Some(tr.t("road.at_top")),
                (_, None) => Some(tr.t("road.none")),
                _ => None,
            },
        }
    };
    let mut out = vec![plan(
        tr.t("road.overall").to_string(),
        overall.0,
        &overall.1,
    )];
    out.extend(
        dims.iter()
            .map(|(d, level, path)| plan(dim_name(tr, q, d), *level, path)),
    );
    out
}

/// Rows of the T0 → T1 table.
pub fn change_rows(tr: &Tr, q: &Questionnaire, lines: &[ChangeLine]) -> Vec<Vec<AttrValue>> {
    lines
        .iter()
        .map(|l| {
            let name = l
                .dimension
                .as_ref()
                .map_or_else(|| tr.t("road.overall").to_string(), |d| dim_name(tr, q, d));
            let cell = |v: (u32, u32, u32, Level)| {
                tr.f(
                    "t1.cell",
                    &[
                        ("pct", &format_permille(v.2, tr.lang)),
                        ("level", &v.3.to_string()),
                    ],
                )
            };
            let d = l.delta_permille();
            let sign = if d > 0 {
                "+"
            } else if d < 0 {
                "−"
            } else {
                "±"
            };
            let pts = format_permille(u32::try_from(d.unsigned_abs()).unwrap_or(0), tr.lang)
                .trim_end_matches('%')
                .to_string();
            let lvl = l.delta_level();
            let lvl = if lvl > 0 {
                format!("+{lvl}")
            } else {
                lvl.to_string()
            };
            vec![
                AttrValue::from(name),
                cell(l.before),
                cell(l.after),
                tr.f(
                    "t1.delta",
                    &[("points", &format!("{sign}{pts}")), ("levels", &lvl)],
                ),
            ]
        })
        .collect()
}

/// "dd/mm/yyyy" or "yyyy-mm-dd".
pub fn date(tr: &Tr, iso: &str) -> String {
    format_date(iso, tr.lang)
}
