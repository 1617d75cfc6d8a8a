//! Wizard progress: "step 2 of 3", a progress bar of answered questions, and the steps as buttons.
use crate::ui::context::Tr;
use yew::prelude::*;

/// One step, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct StepInfo {
    /// The dimension name.
    pub name: AttrValue,
    /// "5/8" answered of visible.
    pub count: AttrValue,
    /// Whether every visible question is answered.
    pub complete: bool,
}

/// Props of [`StepNav`].
#[derive(Properties, PartialEq)]
pub struct StepNavProps {
    /// Translator.
    pub tr: Tr,
    /// The steps.
    pub steps: Vec<StepInfo>,
    /// The current step.
    pub current: usize,
    /// "Step 2 of 3".
    pub heading: AttrValue,
    /// Questions answered, for the progress bar.
    pub answered: u32,
    /// Questions visible, for the progress bar.
    pub total: u32,
    /// "12 of 23 questions answered".
    pub progress_label: AttrValue,
    /// Called with the step to jump to.
    pub on_go: Callback<usize>,
}

/// The progress indicator and step list.
#[component]
pub fn StepNav(props: &StepNavProps) -> Html {
    let items = props.steps.iter().enumerate().map(|(i, s)| {
        let on_go = props.on_go.clone();
        let onclick = Callback::from(move |_| on_go.emit(i));
        let current = (i == props.current).then_some("step");
        let class = classes!("step-btn", s.complete.then_some("done"));
        let status = if s.complete {
            props.tr.t("wizard.step_done")
        } else {
            s.count.clone()
        };
        html! {
            <li>
                <button type="button" {class} aria-current={current} {onclick}>
                    <span class="step-name">{ s.name.clone() }</span>
                    <span class="step-status">{ status }</span>
                </button>
            </li>
        }
    });
    html! {
        <nav class="steps" aria-label={props.tr.t("wizard.steps_label")}>
            <p class="step-count">{ props.heading.clone() }</p>
            <progress max={props.total.to_string()} value={props.answered.to_string()} aria-label={props.progress_label.clone()}></progress>
            <p class="progress-text">{ props.progress_label.clone() }</p>
            <ol class="step-list">{ for items }</ol>
        </nav>
    }
}
