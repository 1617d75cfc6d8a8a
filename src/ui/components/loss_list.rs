//! For one dimension, the answers that lost the most points, with the answer that would score best.
use yew::prelude::*;

/// One lost-points item, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct LossItem {
    /// The question.
    pub question: AttrValue,
    /// "Your answer: Excel (1/5 points)".
    pub answer: AttrValue,
    /// "One step up: …", if the question has a ladder.
    pub next: Option<AttrValue>,
}

/// Props of [`LossList`].
#[derive(Properties, PartialEq, Clone)]
pub struct LossListProps {
    /// The dimension name, as the list's heading.
    pub heading: AttrValue,
    /// The items, most points lost first.
    pub items: Vec<LossItem>,
    /// Shown when nothing lost points.
    pub empty: AttrValue,
}

/// The list.
#[component]
pub fn LossList(props: &LossListProps) -> Html {
    let items = props.items.iter().map(|i| {
        html! {
            <li>
                <p class="loss-q">{ i.question.clone() }</p>
                <p class="loss-a">{ i.answer.clone() }</p>
                if let Some(next) = &i.next { <p class="loss-next">{ next.clone() }</p> }
            </li>
        }
    });
    html! {
        <section class="losses">
            <h3>{ props.heading.clone() }</h3>
            if props.items.is_empty() {
                <p>{ props.empty.clone() }</p>
            } else {
                <ol>{ for items }</ol>
            }
        </section>
    }
}
