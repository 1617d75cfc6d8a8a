//! The province's enterprise list: searchable, sortable, filterable by level and province, a page at a time. The
//! search, filter and order are the domain's ([`Roster::select`]), kept between renders: turning a page does not
//! search again.
use super::data_table::DataTable;
use crate::domain::assessment::level::MAX_LEVEL;
use crate::domain::province::roster::{Roster, RosterQuery, SortBy, page};
use crate::ui::context::Tr;
use crate::ui::shared::Shared;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`EnterpriseTable`].
#[derive(Properties, PartialEq)]
pub struct EnterpriseTableProps {
    /// Translator.
    pub tr: Tr,
    /// Every line.
    pub roster: Shared<Roster>,
}

const PAGE: usize = 50;

/// The table with its search and filters.
#[component]
pub fn EnterpriseTable(props: &EnterpriseTableProps) -> Html {
    let tr = &props.tr;
    let query = use_state(RosterQuery::default);
    let page_asked = use_state(|| 0usize);
    let rows = use_memo(
        (props.roster.clone(), (*query).clone()),
        |(roster, query)| roster.select(query),
    );
    let count = rows.len();
    let (range, current, pages) = page(count, *page_asked, PAGE);
    let lines = props.roster.lines();
    let shown: Vec<Vec<AttrValue>> = rows
        .get(range)
        .unwrap_or_default()
        .iter()
        .filter_map(|i| lines.get(*i))
        .map(|l| {
            vec![
                AttrValue::from(if l.tax_code.is_empty() {
                    "–".to_string()
                } else {
                    l.tax_code.clone()
                }),
                AttrValue::from(l.name.clone()),
                AttrValue::from(format!("{} · {}", l.province, l.commune)),
                tr.f(
                    "prov.level_cell",
                    &[
                        ("level", &l.level.to_string()),
                        (
                            "pct",
                            &crate::domain::assessment::locale::format_permille(
                                l.permille, tr.lang,
                            ),
                        ),
                    ],
                ),
                AttrValue::from(crate::domain::assessment::locale::format_date(
                    &l.completed_at,
                    tr.lang,
                )),
                if l.improved {
                    tr.t("prov.improved_yes")
                } else {
                    AttrValue::from(l.assessments.to_string())
                },
            ]
        })
        .collect();
    let on_search = {
        let (query, page_asked) = (query.clone(), page_asked.clone());
        Callback::from(move |e: InputEvent| {
            query.set(RosterQuery {
                search: e.target_unchecked_into::<HtmlInputElement>().value(),
                ..(*query).clone()
            });
            page_asked.set(0);
        })
    };
    let on_level = {
        let (query, page_asked) = (query.clone(), page_asked.clone());
        Callback::from(move |e: Event| {
            query.set(RosterQuery {
                level: e
                    .target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value()
                    .parse()
                    .ok(),
                ..(*query).clone()
            });
            page_asked.set(0);
        })
    };
    let labels = [
        tr.t("prov.col_tax"),
        tr.t("prov.col_name"),
        tr.t("prov.col_place"),
        tr.t("prov.col_level"),
        tr.t("prov.col_date"),
    ];
    let sort_buttons = SortBy::ALL.into_iter().zip(labels).map(|(by, label)| {
        let query = query.clone();
        let pressed = (query.sort == by).to_string();
        let onclick = Callback::from(move |_| query.set(query.sorted_by(by)));
        html! { <button type="button" class="btn" aria-pressed={pressed} {onclick}>{ label }</button> }
    });
    let go = |p: usize| {
        let page_asked = page_asked.clone();
        Callback::from(move |_| page_asked.set(p))
    };
    let level = query.level;
    html! {
        <div class="ent-table">
            <div class="filters">
                <label class="field" for="prov-search"><span>{ tr.t("prov.search") }</span>
                    <input id="prov-search" type="search" value={query.search.clone()} oninput={on_search} /></label>
                <label class="field" for="prov-level"><span>{ tr.t("prov.filter_level") }</span>
                    <select id="prov-level" onchange={on_level}>
                        <option value="" selected={level.is_none()}>{ tr.t("prov.all_levels") }</option>
                        { for (0..=MAX_LEVEL).map(|l| html! { <option value={l.to_string()} selected={level == Some(l)}>{ tr.f("results.level_n", &[("n", &l.to_string())]) }</option> }) }
                    </select></label>
            </div>
            <div class="sort-buttons" role="group" aria-label={tr.t("prov.sort_by")}>{ for sort_buttons }</div>
            <p role="status">{ tr.f("prov.rows", &[("count", &count.to_string()), ("page", &(current + 1).to_string()), ("pages", &pages.to_string())]) }</p>
            <DataTable caption={tr.t("prov.table_caption")} headers={vec![tr.t("prov.col_tax"), tr.t("prov.col_name"), tr.t("prov.col_place"), tr.t("prov.col_level"), tr.t("prov.col_date"), tr.t("prov.col_assessments")]} rows={shown} />
            <div class="actions">
                <button type="button" class="btn" disabled={current == 0} onclick={go(current.saturating_sub(1))}>{ tr.t("prov.prev") }</button>
                <button type="button" class="btn" disabled={current + 1 >= pages} onclick={go(current + 1)}>{ tr.t("prov.next") }</button>
            </div>
        </div>
    }
}
