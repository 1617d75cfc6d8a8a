//! Small multiples: one small radar per enterprise, so a group can be compared at a glance.
use crate::domain::advice::chart::RadarGeometry;
use yew::prelude::*;

/// One small chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Multiple {
    /// "DN01 · Mức 2".
    pub label: AttrValue,
    /// The accessible summary.
    pub summary: AttrValue,
    /// Geometry.
    pub geometry: RadarGeometry,
}

/// Props of [`SmallMultiples`].
#[derive(Properties, PartialEq)]
pub struct SmallMultiplesProps {
    /// The charts.
    pub charts: Vec<Multiple>,
}

/// The grid of charts.
#[component]
pub fn SmallMultiples(props: &SmallMultiplesProps) -> Html {
    let charts = props.charts.iter().map(|m| {
        let g = &m.geometry;
        let (cx, cy) = g.centre;
        let view_box = format!("0 0 {} {}", g.width, g.height);
        html! {
            <li class="multiple">
                <svg viewBox={view_box} role="img" aria-label={m.summary.clone()} focusable="false">
                    <g aria-hidden="true">
                        { for g.rings.iter().map(|p| html! { <polygon class="ring" points={p.clone()} /> }) }
                        { for g.axes.iter().map(|(x, y)| html! { <line class="axis" x1={cx.to_string()} y1={cy.to_string()} x2={x.to_string()} y2={y.to_string()} /> }) }
                        { for g.series.iter().map(|s| html! { <polygon class="area" points={s.polygon.clone()} /> }) }
                    </g>
                </svg>
                <p>{ m.label.clone() }</p>
            </li>
        }
    });
    html! { <ul class="multiples">{ for charts }</ul> }
}
