//! One wizard step: the questions of one dimension, back/next, unanswered questions flagged before moving on. The
//! step is derived and its handlers made in `use_step`; this page only composes.
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::step::DimensionProgress;
use crate::domain::assessment::text::QuestionnaireId;
use crate::domain::records::profile::Profile;
use crate::ui::components::confirm_button::ConfirmButton;
use crate::ui::components::question_field::QuestionField;
use crate::ui::components::step_nav::{StepInfo, StepNav};
use crate::ui::context::{Tr, use_app};
use crate::ui::hooks::use_step::use_step;
use yew::prelude::*;

pub use crate::ui::hooks::use_step::wizard_route;

/// Props of [`StepPage`].
#[derive(Properties, PartialEq)]
pub struct StepPageProps {
    /// The questionnaire.
    pub questionnaire: QuestionnaireId,
    /// The step, from 0.
    pub step: u32,
}

/// The wizard's steps: the profile first, then one per dimension, with their completion.
pub fn wizard_steps(
    tr: &Tr,
    q: &Questionnaire,
    dims: &[DimensionProgress],
    profile: &Profile,
) -> Vec<StepInfo> {
    let profile_done = !profile.name.trim().is_empty() && profile.problems().is_empty();
    let first = StepInfo {
        name: tr.t("profile.step"),
        count: if profile_done {
            tr.t("wizard.step_done")
        } else {
            tr.t("profile.optional")
        },
        complete: profile_done,
    };
    let dims = q.dimensions.iter().zip(dims).map(|(d, s)| StepInfo {
        name: tr.text(&d.name),
        count: AttrValue::from(format!("{}/{}", s.answered, s.visible)),
        complete: s.complete,
    });
    std::iter::once(first).chain(dims).collect()
}

/// The wizard step page.
#[component]
pub fn StepPage(props: &StepPageProps) -> Html {
    let app = use_app();
    let tr = app.tr();
    let Some(s) = use_step(&props.questionnaire, props.step) else {
        return html! { <p><a href="#/">{ tr.t("nav.home") }</a></p> };
    };
    let (q, step) = (&s.questionnaire, &s.step);
    let Some(dim) = q.dimensions.get(step.index) else {
        return html! {};
    };
    let (done, total) = step.progress;
    let heading = tr.f(
        "wizard.step_of",
        &[
            ("n", &(step.index + 2).to_string()),
            ("total", &(step.last + 2).to_string()),
        ],
    );
    let progress_label = tr.f(
        "wizard.progress",
        &[("done", &done.to_string()), ("total", &total.to_string())],
    );
    let show_flags = s.flagged && !step.unanswered.is_empty();
    let jump_links = step.unanswered.iter().map(|id| {
        let text = q.question(id).map(|x| tr.text(&x.text)).unwrap_or_default();
        let onclick = s.on_jump.reform({
            let id = id.clone();
            move |_: MouseEvent| id.clone()
        });
        html! { <li><button type="button" class="link-btn" {onclick}>{ text }</button></li> }
    });
    let fields = step.questions.iter().enumerate().map(|(n, i)| {
        let question = &q.questions[*i];
        html! {
            <QuestionField key={format!("{}-{}", s.draft.id, question.id)} tr={tr.clone()} questionnaire={q.clone()}
                index={*i} number={n + 1} answer={s.draft.answers.get(&question.id).cloned()}
                flagged={show_flags && step.unanswered.contains(&question.id)}
                error={app.input_errors.get(&question.id).cloned()} on_input={s.on_input.clone()} />
        }
    });
    let next_label = match (step.is_last(), show_flags) {
        (_, true) => tr.t("wizard.continue_anyway"),
        (true, false) => tr.t("wizard.see_results"),
        (false, false) => tr.t("wizard.next"),
    };
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    html! {
        <section class="wizard">
            <p class="q-title">{ tr.text(&q.title) }</p>
            <StepNav tr={tr.clone()} steps={wizard_steps(&tr, q, &step.dimensions, &app.enterprise().profile)} current={step.index + 1} heading={heading}
                answered={done} total={total} progress_label={progress_label} on_go={s.on_go.clone()} />
            <h1 id="page-title" tabindex="-1">{ tr.text(&dim.name) }</h1>
            <p class="dim-desc">{ tr.text(&dim.description) }</p>
            if show_flags {
                <div class="alert" id="unanswered-summary" tabindex="-1" role="alert">
                    <p>{ tr.f("wizard.unanswered", &[("count", &step.unanswered.len().to_string())]) }</p>
                    <ul>{ for jump_links }</ul>
                    <p>{ tr.t("wizard.unanswered_hint") }</p>
                </div>
            }
            <form class="questions" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>{ for fields }</form>
            <div class="nav-buttons">
                <button type="button" class="btn" onclick={click(&s.on_back)}>{ tr.t("wizard.back") }</button>
                <button type="button" class="btn btn-primary" onclick={click(&s.on_next)}>{ next_label }</button>
            </div>
            <p class="saved-note">{ tr.t("wizard.saved_note") }</p>
            <button type="button" class="btn btn-quiet" onclick={click(&s.on_save_file)}>{ tr.t("wizard.save_file") }</button>
            <ConfirmButton label={tr.t("wizard.start_over")} question={tr.t("wizard.start_over_q")}
                confirm={tr.t("wizard.start_over_yes")} cancel={tr.t("common.cancel")} on_confirm={s.on_start_over.clone()} />
        </section>
    }
}
