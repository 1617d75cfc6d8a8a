//! The path to the next level: per dimension and overall, the answer changes to make, best points per step first,
//! with the programmes that help with each.
use yew::prelude::*;

/// One change, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct RoadStep {
    /// The question.
    pub question: AttrValue,
    /// "From “Excel” to “Cloud accounting software”".
    pub change: AttrValue,
    /// "+3 points (1 step up)".
    pub gain: AttrValue,
    /// "Programmes that help: …", when any do.
    pub help: Option<AttrValue>,
}

/// One plan, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct RoadPlan {
    /// "Bán hàng: mức 1 → mức 2".
    pub heading: AttrValue,
    /// The changes.
    pub steps: Vec<RoadStep>,
    /// Shown instead of steps (already at level 5, or no plan).
    pub note: Option<AttrValue>,
}

/// Props of [`RoadmapList`].
#[derive(Properties, PartialEq, Clone)]
pub struct RoadmapListProps {
    /// The plans, overall first.
    pub plans: Vec<RoadPlan>,
}

/// The roadmap.
#[component]
pub fn RoadmapList(props: &RoadmapListProps) -> Html {
    let plans = props.plans.iter().map(|p| {
        let steps = p.steps.iter().map(|s| {
            html! {
                <li>
                    <p class="road-q">{ s.question.clone() }</p>
                    <p>{ s.change.clone() }{ " · " }<strong>{ s.gain.clone() }</strong></p>
                    if let Some(h) = &s.help { <p class="road-help">{ h.clone() }</p> }
                </li>
            }
        });
        html! {
            <section class="road">
                <h3>{ p.heading.clone() }</h3>
                if let Some(n) = &p.note { <p>{ n.clone() }</p> } else { <ol>{ for steps }</ol> }
            </section>
        }
    });
    html! { <div class="roadmap">{ for plans }</div> }
}
