//! One result as the results page shows it, for the enterprise on screen or for a result received as a link:
//! overall level, per-dimension bars, the radar with its table, T0 → T1, peers, the roadmap, the size class, the
//! programmes and the answers that cost most.
use crate::domain::advice::chart::{RadarAxes, bar_width};
use crate::domain::advice::recommend::recommend;
use crate::domain::advice::report::compare;
use crate::domain::advice::report::{AnswerView, Loss, biggest_losses};
use crate::domain::advice::roadmap::{Path, dimension_paths, overall_path};
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::level::{Level, Share};
use crate::domain::assessment::locale::{format_decimal, format_permille};
use crate::domain::assessment::questionnaire::{OverallMethod, Questionnaire};
use crate::domain::assessment::scoring::Assessment;
use crate::domain::assessment::text::DimensionId;
use crate::domain::records::profile::Profile;
use crate::domain::records::result_file::ResultFile;
use crate::domain::records::size::SizeResult;
use crate::ui::components::data_table::DataTable;
use crate::ui::components::level_bars::{BarRow, LevelBars};
use crate::ui::components::loss_list::{LossItem, LossList};
use crate::ui::components::overall_card::OverallCard;
use crate::ui::components::radar_chart::RadarChart;
use crate::ui::components::recommendation_list::RecommendationList;
use crate::ui::components::report_meta::ReportMeta;
use crate::ui::components::roadmap_list::RoadmapList;
use crate::ui::components::size_card::SizeCard;
use crate::ui::context::{Tr, use_app};
use crate::ui::describe::{Describe, level_name};
use crate::ui::pages::peers::{PeerDim, PeerSection};
use crate::ui::pages::results_view::{
    RoadContext, change_rows, date, rec_items, road_plans, size_text,
};
use crate::ui::shared::Shared;
use yew::prelude::*;

/// Props of [`ResultReport`].
#[derive(Properties, PartialEq)]
pub struct ResultReportProps {
    /// The questionnaire.
    pub questionnaire: Shared<Questionnaire>,
    /// The answers.
    pub answers: AnswerSheet,
    /// Who answered.
    pub profile: Profile,
    /// When it was completed, or last changed (RFC 3339).
    pub when: AttrValue,
    /// An earlier completed assessment of the same enterprise, for T0 → T1.
    #[prop_or_default]
    pub earlier: Option<ResultFile>,
    /// Shown right after the overall level (how to send the result, or add it).
    #[prop_or_default]
    pub children: Html,
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
        AnswerView::Ratio { num, den } => {
            format!(
                "{} / {}",
                format_decimal(*num, tr.lang),
                format_decimal(*den, tr.lang)
            )
        }
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

/// One result, as the results page shows it.
#[component]
pub fn ResultReport(props: &ResultReportProps) -> Html {
    let app = use_app();
    let tr = app.tr();
    let q = &props.questionnaire;
    let sheet: &AnswerSheet = &props.answers;
    let profile = &props.profile;
    let catalog = &app.catalog;
    let a = Assessment::compute(q, sheet);
    let overall = &a.overall;
    let band = q.levels.band(overall.level);
    let (score, method) = match &q.overall {
        OverallMethod::WeightedShare => (
            tr.f(
                "results.score_weighted",
                &[("pct", &pct(&tr, overall.share))],
            ),
            tr.t("results.method_weighted"),
        ),
        OverallMethod::DbiRule { .. } => (
            tr.f(
                "results.score_total",
                &[
                    ("earned", &overall.earned.to_string()),
                    ("max", &overall.max.to_string()),
                    ("pct", &pct(&tr, overall.share)),
                ],
            ),
            tr.t("results.method_dbi"),
        ),
    };
    let values: Vec<f64> = a.dimensions.iter().map(|d| d.share.ratio()).collect();
    let geometry = RadarAxes::of(q, tr.lang).layout(&[values], 360.0, 300.0);
    let summary_parts: Vec<String> = q
        .dimensions
        .iter()
        .zip(&a.dimensions)
        .map(|(d, s)| format!("{} {}", d.name.get(tr.lang), pct(&tr, s.share)))
        .collect();
    let summary = tr.f(
        "results.radar_summary",
        &[("values", &summary_parts.join("; "))],
    );
    let table_rows: Vec<Vec<AttrValue>> = q
        .dimensions
        .iter()
        .zip(&a.dimensions)
        .map(|(d, s)| {
            vec![
                tr.text(&d.name),
                AttrValue::from(pct(&tr, s.share)),
                level_text(&tr, q, s.level),
            ]
        })
        .collect();
    let headers = vec![
        tr.t("results.col_dimension"),
        tr.t("results.col_score"),
        tr.t("results.col_level"),
    ];
    let ticks: Vec<AttrValue> = q
        .levels
        .bands()
        .iter()
        .take(5)
        .map(|b| AttrValue::from(b.max_pct.to_string()))
        .collect();
    let losses = q.dimensions.iter().map(|d| {
        let items: Vec<LossItem> = biggest_losses(q, sheet, &a, &d.id, 3).iter().map(|l| loss_item(&tr, l)).collect();
        html! { <LossList heading={tr.text(&d.name)} items={items} empty={tr.t("results.no_losses")} /> }
    });
    // Size, programmes and the roadmap.
    let size = catalog.size_rules.classify(profile);
    let (size_class, size_reason) = size_text(&tr, &size);
    let size_legal = tr.f(
        "prog.legal",
        &[
            ("ref", &catalog.size_rules.source.reference),
            ("tag", &catalog.size_rules.source.tag.describe(&tr)),
        ],
    );
    let (recs, drafts) = recommend(&catalog.programmes, q, sheet, &a, profile, &size);
    let rec_list = rec_items(&tr, q, &recs, &size);
    let draft_list = rec_items(&tr, q, &drafts, &size);
    let ctx = RoadContext {
        catalogue: &catalog.programmes,
        profile,
        size: &size,
    };
    let dims: Vec<(DimensionId, Level, Option<Path>)> = dimension_paths(q, sheet, &a)
        .into_iter()
        .zip(&a.dimensions)
        .map(|((id, p), s)| (id, s.level, p))
        .collect();
    let plans = road_plans(
        &tr,
        q,
        sheet,
        (overall.level, overall_path(q, sheet, &a)),
        &dims,
        &ctx,
    );
    // Peers, from the province's benchmark file if one is loaded.
    let sector = profile.sector.map(|s| AttrValue::from(s.code()));
    let size_code = match &size {
        SizeResult::Class { class, .. } => Some(AttrValue::from(class.code())),
        _ => None,
    };
    let group = match (profile.sector, &size) {
        (Some(s), SizeResult::Class { class, .. }) => tr.f(
            "peers.group",
            &[("sector", &s.describe(&tr)), ("size", &class.describe(&tr))],
        ),
        _ => AttrValue::default(),
    };
    let peer_dims: Vec<PeerDim> = q
        .dimensions
        .iter()
        .zip(&a.dimensions)
        .map(|(d, s)| PeerDim {
            id: AttrValue::from(d.id.to_string()),
            name: tr.text(&d.name),
            permille: s.share.permille(),
        })
        .collect();
    // T0 → T1.
    let earlier = props.earlier.as_ref().map(|e| {
        (
            date(&tr, e.completed_at.as_deref().unwrap_or_default()),
            change_rows(&tr, q, &compare(&e.scores, &a)),
        )
    });
    let meta = vec![
        (
            tr.t("report.enterprise"),
            AttrValue::from(if profile.name.trim().is_empty() {
                tr.t("report.unnamed").to_string()
            } else {
                profile.name.clone()
            }),
        ),
        (
            tr.t("report.tax_code"),
            AttrValue::from(
                profile
                    .valid_tax_code()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_else(|| "–".into()),
            ),
        ),
        (
            tr.t("report.province"),
            AttrValue::from(
                profile
                    .province
                    .as_deref()
                    .and_then(|c| catalog.provinces.get(c))
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| "–".into()),
            ),
        ),
        (
            tr.t("report.questionnaire"),
            tr.f(
                "report.q_version",
                &[("title", q.title.get(tr.lang)), ("version", &q.version)],
            ),
        ),
        (tr.t("report.date"), AttrValue::from(date(&tr, &props.when))),
    ];
    let (done, total) = a.progress();
    html! {
        <>
            if !a.is_complete() {
                <div class="alert" role="status">
                    <p>{ tr.f("results.incomplete", &[("done", &done.to_string()), ("total", &total.to_string())]) }</p>
                </div>
            }
            <ReportMeta rows={meta} />
            <OverallCard heading={tr.t("results.overall")} level={overall.level} level_label={tr.f("results.level_n", &[("n", &overall.level.to_string())])}
                level_name={level_name(&tr, q, overall.level)} description={band.map(|b| tr.text(&b.description)).unwrap_or_default()}
                score={score} method={method} />
            { props.children.clone() }
            if let Some((when, rows)) = earlier {
                <DataTable class="changes" caption={tr.f("t1.caption", &[("date", &when)])} headers={vec![tr.t("results.col_dimension"), tr.t("t1.before"), tr.t("t1.now"), tr.t("t1.change")]} rows={rows} />
            }
            <h2>{ tr.t("results.by_dimension") }</h2>
            <LevelBars rows={bar_rows(&tr, q, &a)} ticks={ticks} />
            <RadarChart title={tr.t("results.radar_title")} summary={summary} geometry={geometry}
                table_label={tr.t("results.as_table")} headers={headers} rows={table_rows} />
            <PeerSection questionnaire={AttrValue::from(q.id.to_string())} {sector} size={size_code} {group}
                overall={overall.share.permille()} dims={peer_dims} />
            <h2 class="page-break">{ tr.t("road.title") }</h2>
            <p>{ tr.t("road.lead") }</p>
            <RoadmapList plans={plans} />
            <SizeCard heading={tr.t("size.heading")} class_text={size_class} reason={size_reason} legal={size_legal} />
            <h2>{ tr.t("prog.title") }</h2>
            <RecommendationList items={rec_list} reasons_label={tr.t("prog.reasons")} more_label={tr.t("prog.more")} empty={tr.t("prog.none")} />
            if !draft_list.is_empty() {
                <h2>{ tr.t("prog.drafts_title") }</h2>
                <p class="disclaimer">{ tr.t("prog.drafts_lead") }</p>
                <RecommendationList items={draft_list} reasons_label={tr.t("prog.reasons")} more_label={tr.t("prog.more")} empty={tr.t("prog.none")} />
            }
            <h2>{ tr.t("results.losses_title") }</h2>
            <p>{ tr.t("results.losses_lead") }</p>
            { for losses }
            <p class="disclaimer">{ tr.text(&q.disclaimer) }</p>
        </>
    }
}
