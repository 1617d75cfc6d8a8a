//! Server-side render-to-string tests of the components (yew `ssr`, natively): what a screen reader and a browser
//! receive, before any effect runs.
#![cfg(feature = "web")]
use dx_check::domain::advice::chart::radar;
use dx_check::domain::assessment::answer::Answer;
use dx_check::domain::assessment::answers::AnswerError;
use dx_check::domain::assessment::text::{Lang, OptionId, QuestionId};
use dx_check::domain::catalog::Catalog;
use dx_check::ui::components::level_bars::{BarRow, LevelBars, LevelBarsProps};
use dx_check::ui::components::loss_list::{LossItem, LossList, LossListProps};
use dx_check::ui::components::overall_card::{OverallCard, OverallCardProps};
use dx_check::ui::components::question_field::{QuestionField, QuestionFieldProps};
use dx_check::ui::components::radar_chart::{RadarChart, RadarChartProps};
use dx_check::ui::context::Tr;
use dx_check::ui::shared::Static;
use yew::{AttrValue, BaseComponent, Callback, LocalServerRenderer};

async fn render<C>(props: C::Properties) -> String
where
    C: BaseComponent,
{
    LocalServerRenderer::<C>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

/// Start tags as (name, attributes), so assertions do not depend on attribute order.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with('/') || rest.starts_with('!') {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let inner = &rest[..end];
        let name_end = inner
            .find(|c: char| c.is_whitespace())
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_string();
        let mut attrs = Vec::new();
        let mut a = inner[name_end..].trim_start();
        while !a.is_empty() {
            let key_end = a
                .find(|c: char| c == '=' || c.is_whitespace())
                .unwrap_or(a.len());
            let key = a[..key_end].to_string();
            a = &a[key_end..];
            let value = if let Some(v) = a.strip_prefix("=\"") {
                let close = v.find('"').unwrap_or(v.len());
                a = &v[(close + 1).min(v.len())..];
                v[..close].to_string()
            } else {
                String::new()
            };
            attrs.push((key, value));
            a = a.trim_start();
        }
        out.push((name, attrs));
        rest = &rest[end..];
    }
    out
}

/// How many `tag` elements carry every listed attribute (value "" matches any value, for bare attributes too).
fn count(html: &str, tag: &str, want: &[(&str, &str)]) -> usize {
    tags(html)
        .iter()
        .filter(|(name, attrs)| {
            name == tag
                && want.iter().all(|(k, v)| {
                    attrs
                        .iter()
                        .any(|(ak, av)| ak == k && (v.is_empty() || av == v))
                })
        })
        .count()
}

fn tr(lang: Lang) -> Tr {
    Tr {
        catalog: Static(Box::leak(Box::new(
            Catalog::builtin().expect("built-in data validates"),
        ))),
        lang,
    }
}

#[tokio::test]
async fn overall_card_shows_level_name_and_score() {
    let html = render::<OverallCard>(OverallCardProps {
        heading: "Mức tổng thể".into(),
        level: 2,
        level_label: "Mức 2".into(),
        level_name: "Bắt đầu".into(),
        description: "Từng bộ phận nhận thức được tầm quan trọng.".into(),
        score: "Điểm tổng hợp: 34,2%".into(),
        method: "m".into(),
    })
    .await;
    assert_eq!(
        count(
            &html,
            "section",
            &[("class", "overall lvl-2"), ("aria-labelledby", "overall-h")]
        ),
        1,
        "{html}"
    );
    assert!(
        html.contains(r#"<span class="level-badge">Mức 2</span>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<strong class="level-name">Bắt đầu</strong>"#),
        "{html}"
    );
    assert!(html.contains("Điểm tổng hợp: 34,2%"));
}

#[tokio::test]
async fn level_bars_draw_svg_widths_and_band_ticks() {
    let row = |name: &str, level, width: &str| BarRow {
        name: AttrValue::from(name.to_string()),
        level,
        level_text: AttrValue::from(format!("Mức {level}")),
        score_text: "x".into(),
        width: AttrValue::from(width.to_string()),
    };
    let html = render::<LevelBars>(LevelBarsProps {
        rows: vec![
            row("Quản trị", 3, "42.5"),
            row("Thương mại điện tử", 1, "13.3"),
        ],
        ticks: vec![
            "10".into(),
            "20".into(),
            "40".into(),
            "60".into(),
            "80".into(),
        ],
    })
    .await;
    assert_eq!(html.matches(r#"<li class="bar-row">"#).count(), 2);
    assert_eq!(
        count(
            &html,
            "rect",
            &[("class", "bar-fill lvl-3"), ("width", "42.5")]
        ),
        1,
        "{html}"
    );
    assert_eq!(
        count(
            &html,
            "rect",
            &[("class", "bar-fill lvl-1"), ("width", "13.3")]
        ),
        1
    );
    assert_eq!(
        count(&html, "line", &[("class", "tick")]),
        10,
        "5 ticks on each of 2 bars"
    );
    assert_eq!(count(&html, "line", &[("class", "tick"), ("x1", "40")]), 2);
    assert!(
        !html.contains("style="),
        "no inline styles: the CSP forbids them"
    );
    assert_eq!(
        count(&html, "svg", &[("aria-hidden", "true")]),
        2,
        "the bar graphic is decorative; the text says the same"
    );
}

#[tokio::test]
async fn radar_is_an_image_with_a_table_fallback() {
    let geometry = radar(
        &["Quản trị", "Bán hàng", "Thương mại điện tử"],
        &[0.1, 0.2, 0.4, 0.6, 0.8, 1.0],
        &[vec![0.425, 0.467, 0.133]],
        360.0,
        300.0,
    );
    let rows = vec![
        vec!["Quản trị".into(), "42,5%".into(), "Mức 3".into()],
        vec!["Bán hàng".into(), "46,7%".into(), "Mức 3".into()],
        vec!["Thương mại điện tử".into(), "13,3%".into(), "Mức 1".into()],
    ];
    let html = render::<RadarChart>(RadarChartProps {
        title: "Biểu đồ radar".into(),
        summary: "Quản trị 42,5%; Bán hàng 46,7%; Thương mại điện tử 13,3%".into(),
        geometry,
        table_label: "Xem dưới dạng bảng".into(),
        headers: vec!["Lĩnh vực".into(), "Tỷ lệ điểm".into(), "Mức".into()],
        rows,
    })
    .await;
    assert_eq!(
        count(
            &html,
            "svg",
            &[
                ("role", "img"),
                (
                    "aria-label",
                    "Quản trị 42,5%; Bán hàng 46,7%; Thương mại điện tử 13,3%"
                )
            ]
        ),
        1,
        "{html}"
    );
    assert_eq!(count(&html, "polygon", &[("class", "ring")]), 6);
    assert_eq!(count(&html, "polygon", &[("class", "area")]), 1);
    assert_eq!(count(&html, "circle", &[("class", "dot")]), 3);
    assert!(
        html.contains(">Thương mại</tspan>"),
        "long labels wrap: {html}"
    );
    assert_eq!(count(&html, "th", &[("scope", "row")]), 3);
    assert!(html.contains("<td>13,3%</td>"));
}

#[tokio::test]
async fn loss_list_escapes_text_and_shows_the_empty_message() {
    let html = render::<LossList>(LossListProps {
        heading: "Quản trị".into(),
        items: vec![LossItem {
            question: "<script>alert(1)</script>".into(),
            answer: "Bạn chọn: Excel (1/5 điểm)".into(),
            next: None,
        }],
        empty: "Không mất điểm nào.".into(),
    })
    .await;
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script>"));
    let empty = render::<LossList>(LossListProps {
        heading: "Bán hàng".into(),
        items: vec![],
        empty: "Không mất điểm nào.".into(),
    })
    .await;
    assert!(empty.contains("<p>Không mất điểm nào.</p>"));
}

fn field_props(
    index: usize,
    answer: Option<Answer>,
    flagged: bool,
    error: Option<AnswerError>,
    lang: Lang,
) -> QuestionFieldProps {
    let tr = tr(lang);
    let questionnaire = tr.catalog.questionnaires[0].clone().into();
    QuestionFieldProps {
        tr,
        questionnaire,
        index,
        number: 1,
        answer,
        flagged,
        error,
        on_input: Callback::noop(),
    }
}

#[tokio::test]
async fn a_question_is_a_fieldset_with_legend_and_labelled_radios() {
    let html = render::<QuestionField>(field_props(
        0,
        Some(Answer::Choice(OptionId("excel".into()))),
        false,
        None,
        Lang::Vi,
    ))
    .await;
    assert_eq!(
        count(&html, "fieldset", &[("class", "question"), ("id", "q-QT1")]),
        1,
        "{html}"
    );
    assert!(
        html.contains("<legend><span class=\"qno\">1. </span>Doanh nghiệp ghi sổ kế toán bằng cách nào?</legend>"),
        "{html}"
    );
    assert_eq!(
        count(&html, "input", &[("type", "radio"), ("name", "QT1")]),
        5,
        "one radio group per question"
    );
    for (tag, attrs) in tags(&html).iter().filter(|(t, _)| t == "input") {
        let id = attrs
            .iter()
            .find(|(k, _)| k == "id")
            .map(|(_, v)| v.as_str())
            .unwrap_or_default();
        assert_eq!(
            count(&html, "label", &[("for", id)]),
            1,
            "{tag} {id} has its label"
        );
    }
    assert_eq!(
        count(&html, "input", &[("checked", ""), ("value", "excel")]),
        1,
        "{html}"
    );
    assert_eq!(count(&html, "input", &[("checked", "")]), 1);
    let en = render::<QuestionField>(field_props(0, None, false, None, Lang::En)).await;
    assert!(en.contains("How does the business keep its accounts?"));
    assert_eq!(count(&en, "input", &[("checked", "")]), 0);
}

#[tokio::test]
async fn flags_and_errors_are_described_to_screen_readers() {
    let html = render::<QuestionField>(field_props(0, None, true, None, Lang::Vi)).await;
    assert_eq!(
        count(
            &html,
            "fieldset",
            &[
                ("class", "question flagged"),
                ("aria-describedby", "q-QT1-flag")
            ]
        ),
        1,
        "{html}"
    );
    assert_eq!(
        count(&html, "p", &[("class", "flag"), ("id", "q-QT1-flag")]),
        1
    );
    assert!(html.contains(">Chưa trả lời</p>"));
    let q = QuestionId("QT1".into());
    let err = AnswerError::OutOfRange {
        question: q,
        value: 120.0,
        min: 0.0,
        max: 100.0,
    };
    let html = render::<QuestionField>(field_props(0, None, false, Some(err), Lang::Vi)).await;
    assert!(html.contains("Hãy nhập một số từ 0 đến 100."), "{html}");
}
