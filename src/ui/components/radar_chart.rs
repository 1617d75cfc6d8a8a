//! The radar chart as inline SVG from domain geometry, with a data table as its text alternative.
use super::data_table::{body_rows, header_row};
use crate::domain::advice::chart::{LABEL_LINE, RadarGeometry};
use yew::prelude::*;

/// Props of [`RadarChart`].
#[derive(Properties, PartialEq, Clone)]
pub struct RadarChartProps {
    /// The chart's accessible name and caption.
    pub title: AttrValue,
    /// A one-sentence summary read by screen readers.
    pub summary: AttrValue,
    /// Geometry from `domain::chart::radar`.
    pub geometry: RadarGeometry,
    /// "Show as a table".
    pub table_label: AttrValue,
    /// Table header cells.
    pub headers: Vec<AttrValue>,
    /// Table rows, one cell per header.
    pub rows: Vec<Vec<AttrValue>>,
}

/// The radar chart.
#[component]
pub fn RadarChart(props: &RadarChartProps) -> Html {
    let g = &props.geometry;
    let view_box = format!("0 0 {} {}", g.width, g.height);
    let (cx, cy) = g.centre;
    let rings = g
        .rings
        .iter()
        .map(|p| html! { <polygon class="ring" points={p.clone()} /> });
    let axes = g.axes.iter().map(|(x, y)| html! { <line class="axis" x1={cx.to_string()} y1={cy.to_string()} x2={x.to_string()} y2={y.to_string()} /> });
    let series = g.series.iter().enumerate().map(|(i, s)| {
        let dots = s
            .vertices
            .iter()
            .map(|(x, y)| html! { <circle class="dot" cx={x.to_string()} cy={y.to_string()} r="3.5" /> });
        html! { <g class={format!("series s{i}")}><polygon class="area" points={s.polygon.clone()} />{ for dots }</g> }
    });
    let labels = g.labels.iter().map(|l| {
        let lines = l.lines.iter().enumerate().map(|(i, line)| {
            let dy = if i == 0 { "0".to_string() } else { LABEL_LINE.to_string() };
            html! { <tspan x={l.x.to_string()} dy={dy}>{ line.clone() }</tspan> }
        });
        html! { <text class="label" x={l.x.to_string()} y={l.y.to_string()} text-anchor={l.anchor}>{ for lines }</text> }
    });
    html! {
        <figure class="radar">
            <svg viewBox={view_box} role="img" aria-label={props.summary.clone()} focusable="false">
                <g aria-hidden="true">{ for rings }{ for axes }{ for series }{ for labels }</g>
            </svg>
            <figcaption>{ props.title.clone() }</figcaption>
            <details class="chart-table">
                <summary>{ props.table_label.clone() }</summary>
                <table>
                    <caption>{ props.title.clone() }</caption>
                    <thead>{ header_row(&props.headers) }</thead>
                    <tbody>{ body_rows(&props.rows) }</tbody>
                </table>
            </details>
        </figure>
    }
}
