//! Per-dimension bars: name, level name, a bar with the level band ticks, and the score in words.
use yew::prelude::*;

/// One bar, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    /// Dimension name.
    pub name: AttrValue,
    /// The level, 0–5.
    pub level: u8,
    /// "Level 2 · Bắt đầu".
    pub level_text: AttrValue,
    /// "37,5% · 15/40 points".
    pub score_text: AttrValue,
    /// Width of the bar in a 0–100 viewBox.
    pub width: AttrValue,
}

/// Props of [`LevelBars`].
#[derive(Properties, PartialEq, Clone)]
pub struct LevelBarsProps {
    /// The rows.
    pub rows: Vec<BarRow>,
    /// x of each band boundary tick in a 0–100 viewBox, such as "20".
    pub ticks: Vec<AttrValue>,
}

/// The bar list.
#[component]
pub fn LevelBars(props: &LevelBarsProps) -> Html {
    // SVG, not CSS widths: the CSP forbids inline styles.
    let ticks: Html = props
        .ticks
        .iter()
        .map(|t| html! { <line class="tick" x1={t.clone()} x2={t.clone()} y1="0" y2="10" vector-effect="non-scaling-stroke" /> })
        .collect();
    let rows = props.rows.iter().map(|r| {
        let fill = classes!("bar-fill", format!("lvl-{}", r.level));
        html! {
            <li class="bar-row">
                <div class="bar-head">
                    <span class="bar-name">{ r.name.clone() }</span>
                    <span class="bar-level">{ r.level_text.clone() }</span>
                </div>
                <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect class="bar-bg" x="0" y="0" width="100" height="10" />
                    <rect class={fill} x="0" y="0" width={r.width.clone()} height="10" />
                    { ticks.clone() }
                </svg>
                <div class="bar-score">{ r.score_text.clone() }</div>
            </li>
        }
    });
    html! { <ul class="bars">{ for rows }</ul> }
}
