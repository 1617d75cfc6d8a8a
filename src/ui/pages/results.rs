//! The results page: overall level, per-dimension bars, the radar with its table, and the answers that cost most.
use crate::domain::answers::AnswerSheet;
use crate::domain::chart::{bar_width, radar};
use crate::domain::level::{Level, Share};
use crate::domain::locale::{format_decimal, format_permille};
use crate::domain::questionnaire::{OverallMethod, Questionnaire};
use crate::domain::report::{AnswerView, Loss, biggest_losses};
use crate::domain::scoring::Assessment;
use crate::domain::text::QuestionnaireId;
use crate::ui::components::level_bars::{BarRow, LevelBars};
use crate::ui::components::loss_list::{LossItem, LossList};
use crate::ui::components::overall_card::OverallCard;
use crate::ui::components::radar_chart::RadarChart;
use crate::ui::context::{Tr, use_app};
use crate::ui::route::Route;
use crate::ui::services::browser;
use yew::prelude::*;

/// Props of [`ResultsPage`].
#[derive(Properties, PartialEq)]
pub struct ResultsPageProps {
    /// The questionnaire.
    pub questionnaire: QuestionnaireId,
}

fn level_name(tr: &Tr, q: &Questionnaire, level: Level) -> AttrValue {
    q.levels
        .band(level)
        .map(|b| tr.text(&b.name))
        .unwrap_or_default()
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

/// The results page.
#[component]
pub fn ResultsPage(props: &ResultsPageProps) -> Html {
    let app = use_app();
    let tr = app.tr();
    let (Some(q), Some(draft)) = (
        app.questionnaire(&props.questionnaire),
        app.draft(&props.questionnaire),
    ) else {
        return html! { <p><a href="#/">{ tr.t("nav.home") }</a></p> };
    };
    let sheet: &AnswerSheet = &draft.answers;
    let a = Assessment::compute(&q, sheet);
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
    let names: Vec<String> = q
        .dimensions
        .iter()
        .map(|d| d.name.get(tr.lang).to_string())
        .collect();
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let rings: Vec<f64> = q
        .levels
        .bands()
        .iter()
        .map(|b| f64::from(b.max_pct) / 100.0)
        .collect();
    let values: Vec<f64> = a.dimensions.iter().map(|d| d.share.ratio()).collect();
    let geometry = radar(&name_refs, &rings, &[values], 360.0, 300.0);
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
                level_text(&tr, &q, s.level),
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
        let items: Vec<LossItem> = biggest_losses(&q, sheet, &a, &d.id, 3).iter().map(|l| loss_item(&tr, l)).collect();
        html! { <LossList heading={tr.text(&d.name)} items={items} empty={tr.t("results.no_losses")} /> }
    });
    let (done, total) = a.progress();
    let qid = props.questionnaire.clone();
    let edit = Callback::from(move |_| {
        browser::go(&Route::Step {
            questionnaire: qid.clone(),
            step: 0,
        })
    });
    html! {
        <section class="results">
            <p class="q-title">{ tr.text(&q.title) }</p>
            <h1 id="page-title" tabindex="-1">{ tr.t("results.title") }</h1>
            if !a.is_complete() {
                <div class="alert" role="status">
                    <p>{ tr.f("results.incomplete", &[("done", &done.to_string()), ("total", &total.to_string())]) }</p>
                </div>
            }
            <OverallCard heading={tr.t("results.overall")} level={overall.level} level_label={tr.f("results.level_n", &[("n", &overall.level.to_string())])}
                level_name={level_name(&tr, &q, overall.level)} description={band.map(|b| tr.text(&b.description)).unwrap_or_default()}
                score={score} method={method} />
            <h2>{ tr.t("results.by_dimension") }</h2>
            <LevelBars rows={bar_rows(&tr, &q, &a)} ticks={ticks} />
            <RadarChart title={tr.t("results.radar_title")} summary={summary} geometry={geometry}
                table_label={tr.t("results.as_table")} headers={headers} rows={table_rows} />
            <h2>{ tr.t("results.losses_title") }</h2>
            <p>{ tr.t("results.losses_lead") }</p>
            { for losses }
            <p class="disclaimer">{ tr.text(&q.disclaimer) }</p>
            <div class="actions">
                <button type="button" class="btn" onclick={edit}>{ tr.t("results.edit") }</button>
                <a class="btn" href="#/">{ tr.t("nav.home") }</a>
            </div>
        </section>
    }
}
