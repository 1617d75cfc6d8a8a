//! The workshop's group view in words: the table's headers and cells and one small radar per enterprise, built
//! once per change of the rows, the anonymising and the language (the page memoises them).
use crate::domain::advice::chart::RadarAxes;
use crate::domain::assessment::level::{Level, Share};
use crate::domain::assessment::locale::format_permille;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::records::group::GroupRow;
use crate::ui::components::small_multiples::Multiple;
use crate::ui::components::workshop_details::WorkshopDetailsWords;
use crate::ui::context::Tr;
use yew::AttrValue;

/// The group view in words.
#[derive(Clone, PartialEq)]
pub struct GroupWords {
    /// The table's caption.
    pub caption: AttrValue,
    /// Column headers: the enterprise, overall, each dimension.
    pub headers: Vec<AttrValue>,
    /// One row per enterprise.
    pub rows: Vec<Vec<AttrValue>>,
    /// One small radar per enterprise.
    pub charts: Vec<Multiple>,
}

fn cell(tr: &Tr, s: &Share, level: Level) -> AttrValue {
    tr.f(
        "ws.cell",
        &[
            ("pct", &format_permille(s.permille(), tr.lang)),
            ("level", &level.to_string()),
        ],
    )
}

impl GroupWords {
    /// The words of `rows` of `q`; with `anonymise`, codes alone name the enterprises.
    pub fn of(tr: &Tr, q: &Questionnaire, rows: &[GroupRow], anonymise: bool) -> GroupWords {
        let who = |r: &GroupRow| {
            if anonymise || r.name.trim().is_empty() {
                r.code.clone()
            } else {
                format!("{} · {}", r.code, r.name)
            }
        };
        let mut headers = vec![tr.t("ws.col_enterprise"), tr.t("road.overall")];
        headers.extend(q.dimensions.iter().map(|d| tr.text(&d.name)));
        let table = rows
            .iter()
            .map(|r| {
                let name = if r.complete {
                    who(r)
                } else {
                    format!("{} ({})", who(r), tr.t("ws.incomplete"))
                };
                let mut row = vec![AttrValue::from(name), cell(tr, &r.overall.0, r.overall.1)];
                row.extend(r.dimensions.iter().map(|(s, l)| cell(tr, s, *l)));
                row
            })
            .collect();
        let axes = RadarAxes::of(q, tr.lang);
        let charts = rows
            .iter()
            .map(|r| {
                let values: Vec<f64> = r.dimensions.iter().map(|(s, _)| s.ratio()).collect();
                let parts: Vec<String> = axes
                    .names
                    .iter()
                    .zip(&r.dimensions)
                    .map(|(n, (s, _))| format!("{n} {}", format_permille(s.permille(), tr.lang)))
                    .collect();
                Multiple {
                    label: tr.f(
                        "ws.multiple",
                        &[("who", &who(r)), ("level", &r.overall.1.to_string())],
                    ),
                    summary: tr.f(
                        "ws.multiple_summary",
                        &[("who", &who(r)), ("values", &parts.join("; "))],
                    ),
                    geometry: axes.layout(&[values], 200.0, 170.0),
                }
            })
            .collect();
        GroupWords {
            caption: tr.f("ws.caption", &[("q", q.title.get(tr.lang))]),
            headers,
            rows: table,
            charts,
        }
    }
}

/// The words of the workshop's details.
pub fn details_words(tr: &Tr) -> WorkshopDetailsWords {
    WorkshopDetailsWords {
        legend: tr.t("ws.details"),
        labels: [
            tr.t("ws.name"),
            tr.t("ws.advisor"),
            tr.t("ws.organisation"),
            tr.t("ws.date"),
            tr.t("ws.place"),
        ],
        carried: tr.t("ws.carried"),
        end: tr.t("ws.end"),
        none: tr.t("ws.none"),
        start: tr.t("ws.start"),
    }
}
