//! One result in words: the props of every part of the results screen, built once from a [`ResultsReport`] per
//! result and language (the page memoises them), so rendering derives nothing.
use crate::domain::advice::chart::{RadarAxes, bar_width};
use crate::domain::advice::report::{AnswerView, Loss};
use crate::domain::advice::results::ResultsReport;
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::level::{Level, MAX_LEVEL, Share};
use crate::domain::assessment::locale::{format_decimal, format_permille};
use crate::domain::assessment::questionnaire::{OverallMethod, Questionnaire};
use crate::domain::assessment::scoring::Assessment;
use crate::domain::catalog::Catalog;
use crate::domain::records::profile::Profile;
use crate::domain::records::result_file::ResultFile;
use crate::domain::records::size::SizeResult;
use crate::ui::components::data_table::DataTableProps;
use crate::ui::components::level_bars::{BarRow, LevelBarsProps};
use crate::ui::components::loss_list::{LossItem, LossListProps};
use crate::ui::components::overall_card::OverallCardProps;
use crate::ui::components::radar_chart::RadarChartProps;
use crate::ui::components::recommendation_list::RecommendationListProps;
use crate::ui::components::report_meta::ReportMetaProps;
use crate::ui::components::roadmap_list::RoadmapListProps;
use crate::ui::components::size_card::SizeCardProps;
use crate::ui::context::Tr;
use crate::ui::describe::{Describe, level_name};
use crate::ui::pages::peers::{PeerDim, PeerSectionProps};
use crate::ui::pages::results_view::{
    RoadContext, change_rows, date, rec_items, road_plans, size_text,
};
use yew::AttrValue;

/// What one result is about: the questionnaire, the answers, who answered, when, and an earlier assessment.
pub struct Subject<'s> {
    /// The questionnaire.
    pub questionnaire: &'s Questionnaire,
    /// The answers.
    pub answers: &'s AnswerSheet,
    /// Who answered.
    pub profile: &'s Profile,
    /// When it was completed, or last changed (RFC 3339).
    pub when: &'s str,
    /// An earlier completed assessment of the same enterprise, for T0 → T1.
    pub earlier: Option<&'s ResultFile>,
}

/// The results screen in words.
#[derive(Clone, PartialEq)]
pub struct ResultWords {
    /// "n of m answered" while the assessment is incomplete.
    pub incomplete: Option<AttrValue>,
    /// Who, which questionnaire, when.
    pub meta: ReportMetaProps,
    /// The overall level.
    pub overall: OverallCardProps,
    /// T0 → T1, when there is an earlier assessment.
    pub changes: Option<DataTableProps>,
    /// Level per dimension.
    pub bars: LevelBarsProps,
    /// The radar with its table.
    pub radar: RadarChartProps,
    /// The comparison with peers.
    pub peers: PeerSectionProps,
    /// The roadmap.
    pub roadmap: RoadmapListProps,
    /// The size class.
    pub size: SizeCardProps,
    /// Programmes in force or to check.
    pub programmes: RecommendationListProps,
    /// Draft programmes (none: the section is left out).
    pub drafts: Option<RecommendationListProps>,
    /// Per dimension, the answers that cost most.
    pub losses: Vec<LossListProps>,
    /// The questionnaire's disclaimer.
    pub disclaimer: AttrValue,
}

fn level_text(tr: &Tr, q: &Questionnaire, level: Level) -> AttrValue {
    tr.f(
        "results.level_named",
        &[
            ("n", &level.to_string()),
            ("name", &level_name(tr, q, level)),
        ],
    )
}

fn pct(tr: &Tr, s: Share) -> String {
    format_permille(s.permille(), tr.lang)
}

fn bar_rows(tr: &Tr, q: &Questionnaire, a: &Assessment) -> Vec<BarRow> {
    q.dimensions
        .iter()
        .zip(&a.dimensions)
        .map(|(d, s)| BarRow {
            name: tr.text(&d.name),
            level: s.level,
            level_text: level_text(tr, q, s.level),
            score_text: tr.f(
                "results.dim_score",
                &[
                    ("pct", &pct(tr, s.share)),
                    ("earned", &s.earned.to_string()),
                    ("max", &s.max.to_string()),
                ],
            ),
            width: AttrValue::from(bar_width(s.share)),
        })
        .collect()
}

fn loss_item(tr: &Tr, l: &Loss<'_>) -> LossItem {
    let given = match &l.answer {
        AnswerView::Option(t) => tr.text(t).to_string(),
        AnswerView::Options(ts) => ts
            .iter()
            .map(|t| t.get(tr.lang))
            .collect::<Vec<_>>()
            .join(", "),
        AnswerView::Number(v) => format_decimal(*v, tr.lang),
        AnswerView::Ratio { num, den } => format!(
            "{} / {}",
            format_decimal(*num, tr.lang),
            format_decimal(*den, tr.lang)
        ),
        AnswerView::DontKnow => tr.t("input.dont_know").to_string(),
    };
    LossItem {
        question: tr.text(&l.question.text),
        answer: tr.f(
            "results.your_answer",
            &[
                ("answer", &given),
                ("earned", &l.earned.to_string()),
                ("max", &l.max.to_string()),
            ],
        ),
        next: l
            .next
            .map(|b| tr.f("results.next_answer", &[("answer", b.get(tr.lang))])),
    }
}

fn overall(tr: &Tr, q: &Questionnaire, a: &Assessment) -> OverallCardProps {
    let o = &a.overall;
    let (score, method) = match &q.overall {
        OverallMethod::WeightedShare => (
            tr.f("results.score_weighted", &[("pct", &pct(tr, o.share))]),
            tr.t("results.method_weighted"),
        ),
        OverallMethod::DbiRule { .. } => (
            tr.f(
                "results.score_total",
                &[
                    ("earned", &o.earned.to_string()),
                    ("max", &o.max.to_string()),
                    ("pct", &pct(tr, o.share)),
                ],
            ),
            tr.t("results.method_dbi"),
        ),
    };
    OverallCardProps {
        heading: tr.t("results.overall"),
        level: o.level,
        level_label: tr.f("results.level_n", &[("n", &o.level.to_string())]),
        level_name: level_name(tr, q, o.level),
        description: q
            .levels
            .band(o.level)
            .map(|b| tr.text(&b.description))
            .unwrap_or_default(),
        score,
        method,
    }
}

fn radar(tr: &Tr, q: &Questionnaire, a: &Assessment) -> RadarChartProps {
    let values: Vec<f64> = a.dimensions.iter().map(|d| d.share.ratio()).collect();
    let summary: Vec<String> = q
        .dimensions
        .iter()
        .zip(&a.dimensions)
        .map(|(d, s)| format!("{} {}", d.name.get(tr.lang), pct(tr, s.share)))
        .collect();
    RadarChartProps {
        title: tr.t("results.radar_title"),
        summary: tr.f("results.radar_summary", &[("values", &summary.join("; "))]),
        geometry: RadarAxes::of(q, tr.lang).layout(&[values], 360.0, 300.0),
        table_label: tr.t("results.as_table"),
        headers: vec![
            tr.t("results.col_dimension"),
            tr.t("results.col_score"),
            tr.t("results.col_level"),
        ],
        rows: q
            .dimensions
            .iter()
            .zip(&a.dimensions)
            .map(|(d, s)| {
                vec![
                    tr.text(&d.name),
                    AttrValue::from(pct(tr, s.share)),
                    level_text(tr, q, s.level),
                ]
            })
            .collect(),
    }
}

fn peers(
    tr: &Tr,
    q: &Questionnaire,
    a: &Assessment,
    p: &Profile,
    size: &SizeResult,
) -> PeerSectionProps {
    let class = match size {
        SizeResult::Class { class, .. } => Some(class),
        _ => None,
    };
    PeerSectionProps {
        questionnaire: AttrValue::from(q.id.to_string()),
        sector: p.sector.map(|s| AttrValue::from(s.code())),
        size: class.map(|c| AttrValue::from(c.code())),
        group: match (p.sector, class) {
            (Some(s), Some(c)) => tr.f(
                "peers.group",
                &[("sector", &s.describe(tr)), ("size", &c.describe(tr))],
            ),
            _ => AttrValue::default(),
        },
        overall: a.overall.share.permille(),
        dims: q
            .dimensions
            .iter()
            .zip(&a.dimensions)
            .map(|(d, s)| PeerDim {
                id: AttrValue::from(d.id.to_string()),
                name: tr.text(&d.name),
                permille: s.share.permille(),
            })
            .collect(),
    }
}

fn meta(tr: &Tr, catalog: &Catalog, s: &Subject<'_>) -> ReportMetaProps {
    let (p, q) = (s.profile, s.questionnaire);
    let or_dash = |v: Option<String>| AttrValue::from(v.unwrap_or_else(|| "–".into()));
    ReportMetaProps {
        rows: vec![
            (
                tr.t("report.enterprise"),
                if p.name.trim().is_empty() {
                    tr.t("report.unnamed")
                } else {
                    AttrValue::from(p.name.clone())
                },
            ),
            (
                tr.t("report.tax_code"),
                or_dash(p.valid_tax_code().map(|t| t.as_str().to_string())),
            ),
            (
                tr.t("report.province"),
                or_dash(
                    p.province
                        .as_deref()
                        .and_then(|c| catalog.provinces.get(c))
                        .map(|x| x.name.clone()),
                ),
            ),
            (
                tr.t("report.questionnaire"),
                tr.f(
                    "report.q_version",
                    &[("title", q.title.get(tr.lang)), ("version", &q.version)],
                ),
            ),
            (tr.t("report.date"), AttrValue::from(date(tr, s.when))),
        ],
    }
}

fn list(
    tr: &Tr,
    items: Vec<crate::ui::components::recommendation_list::RecItem>,
) -> RecommendationListProps {
    RecommendationListProps {
        items,
        reasons_label: tr.t("prog.reasons"),
        more_label: tr.t("prog.more"),
        empty: tr.t("prog.none"),
    }
}

impl ResultWords {
    /// The words of the result `s`, in `tr`'s language.
    pub fn of(tr: &Tr, catalog: &Catalog, s: &Subject<'_>) -> ResultWords {
        let q = s.questionnaire;
        let r = ResultsReport::of(
            q,
            s.answers,
            s.profile,
            s.earlier,
            &catalog.programmes,
            &catalog.size_rules,
        );
        let a = &r.assessment;
        let (done, total) = a.progress();
        let (class_text, reason) = size_text(tr, &r.size);
        let ctx = RoadContext {
            catalogue: &catalog.programmes,
            profile: s.profile,
            size: &r.size,
        };
        let drafts = rec_items(tr, q, &r.drafts, &r.size);
        ResultWords {
            incomplete: (!a.is_complete()).then(|| {
                tr.f(
                    "results.incomplete",
                    &[("done", &done.to_string()), ("total", &total.to_string())],
                )
            }),
            meta: meta(tr, catalog, s),
            overall: overall(tr, q, a),
            changes: r.changes.as_ref().map(|(when, lines)| DataTableProps {
                caption: tr.f("t1.caption", &[("date", &date(tr, when))]),
                headers: vec![
                    tr.t("results.col_dimension"),
                    tr.t("t1.before"),
                    tr.t("t1.now"),
                    tr.t("t1.change"),
                ],
                rows: change_rows(tr, q, lines),
                class: AttrValue::from("changes"),
            }),
            bars: LevelBarsProps {
                rows: bar_rows(tr, q, a),
                ticks: q
                    .levels
                    .bands()
                    .iter()
                    .take(usize::from(MAX_LEVEL))
                    .map(|b| AttrValue::from(b.max_pct.to_string()))
                    .collect(),
            },
            radar: radar(tr, q, a),
            peers: peers(tr, q, a, s.profile, &r.size),
            roadmap: RoadmapListProps {
                plans: road_plans(
                    tr,
                    q,
                    s.answers,
                    r.overall_path.clone(),
                    &r.dimension_paths,
                    &ctx,
                ),
            },
            size: SizeCardProps {
                heading: tr.t("size.heading"),
                class_text,
                reason,
                legal: tr.f(
                    "prog.legal",
                    &[
                        ("ref", &catalog.size_rules.source.reference),
                        ("tag", &catalog.size_rules.source.tag.describe(tr)),
                    ],
                ),
            },
            programmes: list(tr, rec_items(tr, q, &r.programmes, &r.size)),
            drafts: (!drafts.is_empty()).then(|| list(tr, drafts)),
            losses: r
                .losses
                .iter()
                .map(|(d, ls)| LossListProps {
                    heading: q.dimension(d).map(|x| tr.text(&x.name)).unwrap_or_default(),
                    items: ls.iter().map(|l| loss_item(tr, l)).collect(),
                    empty: tr.t("results.no_losses"),
                })
                .collect(),
            disclaimer: tr.text(&q.disclaimer),
        }
    }
}
