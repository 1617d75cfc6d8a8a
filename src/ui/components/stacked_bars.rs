//! Stacked bars of counts by level (one bar per row), as SVG, with the same figures as a table for screen readers.
use super::data_table::DataTable;
use yew::prelude::*;

/// One bar, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct StackRow {
    /// The row's label.
    pub label: AttrValue,
    /// "n = 120".
    pub total: AttrValue,
    /// Six (x, width) segments in a 0–100 viewBox, from `domain::chart::stacked`.
    pub segments: Vec<(String, String)>,
    /// The counts, as table cells.
    pub cells: Vec<AttrValue>,
}

/// Props of [`StackedBars`].
#[derive(Properties, PartialEq)]
pub struct StackedBarsProps {
    /// The chart's title (also the table caption).
    pub title: AttrValue,
    /// The legend: one label per level.
    pub legend: Vec<AttrValue>,
    /// Table headers (label, n, levels…).
    pub headers: Vec<AttrValue>,
    /// The rows.
    pub rows: Vec<StackRow>,
    /// "Show as a table".
    pub table_label: AttrValue,
}

/// The chart.
#[component]
pub fn StackedBars(props: &StackedBarsProps) -> Html {
    let legend = props.legend.iter().enumerate().map(|(i, l)| {
        html! { <li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class={format!("seg lvl-{i}")} width="10" height="10" /></svg>{ l.clone() }</li> }
    });
    let bars = props.rows.iter().map(|r| {
        let segs = r.segments.iter().enumerate().map(|(i, (x, w))| html! { <rect class={format!("seg lvl-{i}")} x={x.clone()} y="0" width={w.clone()} height="10" /> });
        html! {
            <li class="stack-row">
                <span class="stack-label">{ r.label.clone() }<span class="stack-n">{ r.total.clone() }</span></span>
                <svg class="stack" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">{ for segs }</svg>
            </li>
        }
    });
    let rows: Vec<Vec<AttrValue>> = props
        .rows
        .iter()
        .map(|r| {
            let mut v = vec![r.label.clone(), r.total.clone()];
            v.extend(r.cells.iter().cloned());
            v
        })
        .collect();
    html! {
        <figure class="stacked">
            <figcaption>{ props.title.clone() }</figcaption>
            <ul class="legend" aria-hidden="true">{ for legend }</ul>
            <ul class="stack-list" aria-hidden="true">{ for bars }</ul>
            <details class="chart-table">
                <summary>{ props.table_label.clone() }</summary>
                <DataTable caption={props.title.clone()} headers={props.headers.clone()} rows={rows} />
            </details>
        </figure>
    }
}
