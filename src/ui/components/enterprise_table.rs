//! The province's enterprise list: searchable, sortable, filterable by level and province, a page at a time.
use super::data_table::DataTable;
use crate::domain::tally::EnterpriseLine;
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
    pub lines: Shared<Vec<EnterpriseLine>>,
}

const PAGE: usize = 50;

/// The table with its search and filters.
#[component]
pub fn EnterpriseTable(props: &EnterpriseTableProps) -> Html {
    let tr = &props.tr;
    let search = use_state(String::new);
    let level = use_state(|| None::<u8>);
    let sort = use_state(|| (0usize, false));
    let page = use_state(|| 0usize);
    let needle = search.to_lowercase();
    let mut rows: Vec<&EnterpriseLine> = props
        .lines
        .iter()
        .filter(|l| level.is_none_or(|x| l.level == x))
        .filter(|l| {
            needle.is_empty()
                || l.name.to_lowercase().contains(&needle)
                || l.tax_code.contains(&needle)
                || l.commune.to_lowercase().contains(&needle)
                || l.province == needle
        })
        .collect();
    let (col, desc) = *sort;
    rows.sort_by(|a, b| {
        let o = match col {
            1 => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            2 => a.province.cmp(&b.province).then(a.commune.cmp(&b.commune)),
            3 => a.level.cmp(&b.level).then(a.permille.cmp(&b.permille)),
            4 => a.completed_at.cmp(&b.completed_at),
            _ => a.tax_code.cmp(&b.tax_code),
        };
        if desc { o.reverse() } else { o }
    });
    let count = rows.len();
    let pages = count.div_ceil(PAGE).max(1);
    let current = (*page).min(pages - 1);
    let shown: Vec<Vec<AttrValue>> = rows
        .iter()
        .skip(current * PAGE)
        .take(PAGE)
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
                            &crate::domain::locale::format_permille(l.permille, tr.lang),
                        ),
                    ],
                ),
                AttrValue::from(crate::domain::locale::format_date(&l.completed_at, tr.lang)),
                if l.improved {
                    tr.t("prov.improved_yes")
                } else {
                    AttrValue::from(l.assessments.to_string())
                },
            ]
        })
        .collect();
    let on_search = {
        let (search, page) = (search.clone(), page.clone());
        Callback::from(move |e: InputEvent| {
            search.set(e.target_unchecked_into::<HtmlInputElement>().value());
            page.set(0);
        })
    };
    let on_level = {
        let (level, page) = (level.clone(), page.clone());
        Callback::from(move |e: Event| {
            level.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value()
                    .parse()
                    .ok(),
            );
            page.set(0);
        })
    };
    let sort_buttons = [tr.t("prov.col_tax"), tr.t("prov.col_name"), tr.t("prov.col_place"), tr.t("prov.col_level"), tr.t("prov.col_date")]
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            let sort = sort.clone();
            let pressed = (col == i).to_string();
            let onclick = Callback::from(move |_| {
                let (c, d) = *sort;
                sort.set((i, if c == i { !d } else { i >= 3 }));
            });
            html! { <button type="button" class="btn" aria-pressed={pressed} {onclick}>{ label }</button> }
        });
    let go = |p: usize| {
        let page = page.clone();
        Callback::from(move |_| page.set(p))
    };
    html! {
        <div class="ent-table">
            <div class="filters">
                <label class="field" for="prov-search"><span>{ tr.t("prov.search") }</span>
                    <input id="prov-search" type="search" value={(*search).clone()} oninput={on_search} /></label>
                <label class="field" for="prov-level"><span>{ tr.t("prov.filter_level") }</span>
                    <select id="prov-level" onchange={on_level}>
                        <option value="" selected={level.is_none()}>{ tr.t("prov.all_levels") }</option>
                        { for (0..6u8).map(|l| html! { <option value={l.to_string()} selected={*level == Some(l)}>{ tr.f("results.level_n", &[("n", &l.to_string())]) }</option> }) }
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
