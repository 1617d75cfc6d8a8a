//! The headline result: overall level, its name and meaning, and the score.
use yew::prelude::*;

/// Props of [`OverallCard`].
#[derive(Properties, PartialEq, Clone)]
pub struct OverallCardProps {
    /// "Overall level".
    pub heading: AttrValue,
    /// The level, 0–5.
    pub level: u8,
    /// "Level 3".
    pub level_label: AttrValue,
    /// Its name, "Hình thành".
    pub level_name: AttrValue,
    /// What the level means.
    pub description: AttrValue,
    /// "Score: 62,5%".
    pub score: AttrValue,
    /// How the overall level was decided.
    pub method: AttrValue,
}

/// The overall result card.
#[component]
pub fn OverallCard(props: &OverallCardProps) -> Html {
    let class = classes!("overall", format!("lvl-{}", props.level));
    html! {
        <section {class} aria-labelledby="overall-h">
            <h2 id="overall-h">{ props.heading.clone() }</h2>
            <p class="overall-level">
                <span class="level-badge">{ props.level_label.clone() }</span>
                <strong class="level-name">{ props.level_name.clone() }</strong>
            </p>
            <p class="overall-score">{ props.score.clone() }</p>
            <p>{ props.description.clone() }</p>
            <p class="method-note">{ props.method.clone() }</p>
        </section>
    }
}
