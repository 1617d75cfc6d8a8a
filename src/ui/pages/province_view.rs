//! The province dashboard in words: the domain's [`Dashboard`] with every key named from the catalogue and every
//! number written in the person's language, built once per dashboard and language.
use crate::domain::assessment::level::MAX_LEVEL;
use crate::domain::assessment::locale::{format_int, format_permille};
use crate::domain::catalog::Catalog;
use crate::domain::province::dashboard::{Dashboard, Row};
use crate::domain::records::reader::Refused;
use crate::ui::components::stacked_bars::StackRow;
use crate::ui::context::Tr;
use crate::ui::describe::Describe;
use yew::AttrValue;

/// One bar of the distribution by level.
#[derive(Clone, PartialEq)]
pub struct LevelBar {
    /// The level.
    pub level: u8,
    /// "Level 2 · Beginning".
    pub name: AttrValue,
    /// The count.
    pub count: AttrValue,
    /// The bar's width in a 0–100 viewBox.
    pub width: AttrValue,
}

/// Everything the dashboard says.
#[derive(Clone, PartialEq)]
pub struct DashboardWords {
    /// "337 / 1,000 enterprises (33.7%)".
    pub progress: AttrValue,
    /// The progress bar's width.
    pub progress_width: AttrValue,
    /// The figures table's rows.
    pub figures: Vec<Vec<AttrValue>>,
    /// The distribution by level.
    pub levels: Vec<LevelBar>,
    /// Level names, for chart legends.
    pub legend: Vec<AttrValue>,
    /// Table headers of a breakdown: group, n, each level.
    pub headers: Vec<AttrValue>,
    /// Per dimension.
    pub dimensions: Vec<StackRow>,
    /// By questionnaire.
    pub by_questionnaire: Vec<StackRow>,
    /// By sector group.
    pub by_sector: Vec<StackRow>,
    /// By size.
    pub by_size: Vec<StackRow>,
    /// By province, as table rows.
    pub by_province: Vec<Vec<AttrValue>>,
    /// By month, as table rows.
    pub by_month: Vec<Vec<AttrValue>>,
    /// Programmes: title, n, share.
    pub programmes: Vec<Vec<AttrValue>>,
    /// Barriers: label, n.
    pub barriers: Vec<Vec<AttrValue>>,
    /// How many records and files were refused.
    pub rejected_count: usize,
    /// The first refusals, each in words.
    pub rejected: Vec<AttrValue>,
}

/// At most this many refusals are listed (the count says how many there are).
const LISTED_REFUSALS: usize = 200;

/// "not given" for an empty key.
fn or_not_given(tr: &Tr, k: &str) -> String {
    if k.is_empty() {
        tr.t("prov.not_given").to_string()
    } else {
        k.to_string()
    }
}

fn stack_row<K>(tr: &Tr, r: &Row<K>, label: String) -> StackRow {
    StackRow {
        label: AttrValue::from(label),
        total: tr.f("prov.n", &[("n", &format_int(u64::from(r.total), tr.lang))]),
        segments: r.segments.clone(),
        cells: r
            .levels
            .iter()
            .map(|n| AttrValue::from(n.to_string()))
            .collect(),
    }
}

/// A breakdown row as table cells: the label, the count, then the count at each level.
pub fn table_row<K>(r: &Row<K>, label: String) -> Vec<AttrValue> {
    let mut cells = vec![AttrValue::from(label), AttrValue::from(r.total.to_string())];
    cells.extend(r.levels.iter().map(|n| AttrValue::from(n.to_string())));
    cells
}

/// The dashboard in `tr`'s language.
pub fn words(tr: &Tr, catalog: &Catalog, d: &Dashboard, rejected: &[Refused]) -> DashboardWords {
    // The level ladder is the same in every questionnaire; its names come from the first.
    let level_name = |l: u8| {
        let name = catalog
            .questionnaires
            .first()
            .and_then(|q| q.levels.band(l))
            .map(|b| b.name.get(tr.lang).to_string())
            .unwrap_or_default();
        tr.f(
            "results.level_named",
            &[("n", &l.to_string()), ("name", &name)],
        )
    };
    let q_title = |id: &crate::domain::assessment::text::QuestionnaireId| {
        catalog
            .questionnaire(id)
            .map(|q| q.title.get(tr.lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let mut headers = vec![tr.t("prov.col_group"), tr.t("prov.col_n")];
    headers.extend((0..=MAX_LEVEL).map(|l| tr.f("results.level_n", &[("n", &l.to_string())])));
    let dimensions = d
        .dimensions
        .iter()
        .map(|r| {
            let name = catalog
                .questionnaire(&r.questionnaire)
                .and_then(|q| q.dimension(&r.dimension))
                .map(|x| x.name.get(tr.lang).to_string())
                .unwrap_or_else(|| r.dimension.to_string());
            let label = tr.f(
                "prov.dim_label",
                &[
                    ("q", &q_title(&r.questionnaire)),
                    ("dim", &name),
                    ("mean", &format_permille(r.mean_permille, tr.lang)),
                ],
            );
            stack_row(tr, &r.row, label.to_string())
        })
        .collect();
    let province_name = |code: &str| {
        catalog
            .provinces
            .get(code)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| or_not_given(tr, code))
    };
    let barrier_label = |id: &str| {
        catalog
            .questionnaires
            .iter()
            .flat_map(|q| q.questions.iter())
            .filter(|q| q.topic.as_deref() == Some("barriers"))
            .flat_map(|q| q.kind.options().iter())
            .find(|o| o.id.as_str() == id)
            .map(|o| o.label.get(tr.lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    DashboardWords {
        progress: tr.f(
            "prov.progress_text",
            &[
                ("counted", &format_int(u64::from(d.counted), tr.lang)),
                ("target", &format_int(u64::from(d.target), tr.lang)),
                ("pct", &format_permille(d.progress.permille(), tr.lang)),
            ],
        ),
        progress_width: AttrValue::from(d.progress_width.clone()),
        figures: d
            .figures
            .iter()
            .map(|(f, n)| vec![f.describe(tr), AttrValue::from(format_int(*n, tr.lang))])
            .collect(),
        levels: d
            .levels
            .iter()
            .map(|(l, n, w)| LevelBar {
                level: *l,
                name: level_name(*l),
                count: AttrValue::from(format_int(u64::from(*n), tr.lang)),
                width: AttrValue::from(w.clone()),
            })
            .collect(),
        legend: (0..=MAX_LEVEL).map(level_name).collect(),
        headers,
        dimensions,
        by_questionnaire: d
            .by_questionnaire
            .iter()
            .map(|r| stack_row(tr, r, q_title(&r.key)))
            .collect(),
        by_sector: d
            .by_sector
            .iter()
            .map(|r| {
                let label = r.key.0.map_or_else(
                    || tr.t("prov.not_given").to_string(),
                    |s| s.describe(tr).to_string(),
                );
                stack_row(tr, r, label)
            })
            .collect(),
        by_size: d
            .by_size
            .iter()
            .map(|r| stack_row(tr, r, r.key.describe(tr).to_string()))
            .collect(),
        by_province: d
            .by_province
            .iter()
            .map(|r| table_row(r, province_name(&r.key)))
            .collect(),
        by_month: d
            .by_month
            .iter()
            .map(|r| table_row(r, or_not_given(tr, &r.key)))
            .collect(),
        programmes: d
            .programmes
            .iter()
            .map(|p| {
                let title = catalog
                    .programmes
                    .programmes
                    .iter()
                    .find(|x| x.id == p.id)
                    .map(|x| x.title.get(tr.lang).to_string())
                    .unwrap_or_else(|| p.id.clone());
                vec![
                    AttrValue::from(title),
                    AttrValue::from(p.n.to_string()),
                    AttrValue::from(format_permille(p.permille, tr.lang)),
                ]
            })
            .collect(),
        barriers: d
            .barriers
            .iter()
            .map(|(id, n)| {
                vec![
                    AttrValue::from(barrier_label(id)),
                    AttrValue::from(n.to_string()),
                ]
            })
            .collect(),
        rejected_count: rejected.len(),
        rejected: rejected
            .iter()
            .take(LISTED_REFUSALS)
            .map(|r| r.describe(tr))
            .collect(),
    }
}

/// The commune breakdown's rows in words (built when the table is opened).
pub fn commune_rows(
    tr: &Tr,
    rows: &[Row<crate::domain::province::tally::Commune>],
) -> Vec<Vec<AttrValue>> {
    rows.iter()
        .map(|r| table_row(r, or_not_given(tr, &r.key.to_string())))
        .collect()
}
