//! One wizard step: the questions of one dimension, back/next, unanswered questions flagged before moving on.
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::scoring::{Assessment, QuestionStatus};
use crate::domain::assessment::text::{QuestionId, QuestionnaireId};
use crate::domain::records::draft::AssessmentId;
use crate::domain::records::profile::Profile;
use crate::ui::components::answer_input::AnswerInput;
use crate::ui::components::confirm_button::ConfirmButton;
use crate::ui::components::question_field::{QuestionField, field_id};
use crate::ui::components::step_nav::{StepInfo, StepNav};
use crate::ui::context::{Tr, use_app};
use crate::ui::route::Route;
use crate::ui::services::{browser, files};
use crate::ui::shared::Shared;
use crate::ui::state::Action;
use yew::prelude::*;

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
    a: &Assessment,
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
    let dims = q
        .dimensions
        .iter()
        .zip(&a.dimensions)
        .map(|(d, s)| StepInfo {
            name: tr.text(&d.name),
            count: AttrValue::from(format!("{}/{}", s.answered, s.visible)),
            complete: s.is_complete(),
        });
    std::iter::once(first).chain(dims).collect()
}

/// The route of wizard position `i`: 0 is the profile, `i` ≥ 1 is dimension `i - 1`.
pub fn wizard_route(qid: &QuestionnaireId, i: usize) -> Route {
    match i {
        0 => Route::Profile {
            questionnaire: qid.clone(),
        },
        i => Route::Step {
            questionnaire: qid.clone(),
            step: u32::try_from(i - 1).unwrap_or(0),
        },
    }
}

/// The wizard step page.
#[component]
pub fn StepPage(props: &StepPageProps) -> Html {
    let app = use_app();
    let tr = app.tr();
    let flagged = use_state(|| false);
    {
        let flagged = flagged.clone();
        use_effect_with(props.step, move |_| flagged.set(false));
    }
    let (Some(q), Some(draft)) = (
        app.questionnaire(&props.questionnaire),
        app.draft(&props.questionnaire),
    ) else {
        return html! { <p><a href="#/">{ tr.t("nav.home") }</a></p> };
    };
    let shared: Shared<Questionnaire> = q.clone().into();
    let assessment = Assessment::compute(&q, &draft.answers);
    let last = q.dimensions.len().saturating_sub(1);
    let step = (props.step as usize).min(last);
    let Some(dim) = q.dimensions.get(step) else {
        return html! {};
    };
    let here: Vec<(usize, &QuestionStatus)> = q
        .questions
        .iter()
        .enumerate()
        .filter(|(_, x)| x.dimension == dim.id)
        .map(|(i, _)| (i, &assessment.questions[i].status))
        .filter(|(_, s)| **s != QuestionStatus::Hidden)
        .collect();
    let unanswered: Vec<QuestionId> = here
        .iter()
        .filter(|(_, s)| **s == QuestionStatus::Unanswered)
        .map(|(i, _)| q.questions[*i].id.clone())
        .collect();
    let (done, total) = assessment.progress();
    let qid = props.questionnaire.clone();

    let on_input = {
        let app = app.clone();
        let qid = qid.clone();
        Callback::from(move |(question, input): (QuestionId, AnswerInput)| {
            let (questionnaire, now) = (qid.clone(), browser::now());
            app.dispatch(match input {
                AnswerInput::Set(answer) => Action::Answer {
                    questionnaire,
                    question,
                    answer,
                    now,
                },
                AnswerInput::Toggle(option) => Action::Toggle {
                    questionnaire,
                    question,
                    option,
                    now,
                },
                AnswerInput::Clear => Action::Clear {
                    questionnaire,
                    question,
                    now,
                },
            });
        })
    };
    let on_go = {
        let qid = qid.clone();
        Callback::from(move |i: usize| browser::go(&wizard_route(&qid, i)))
    };
    let on_back = {
        // Wizard position `step + 1` is this step; one back is the previous dimension, or the profile.
        let back = wizard_route(&qid, step);
        Callback::from(move |_| browser::go(&back))
    };
    let on_next = {
        let flagged = flagged.clone();
        let next = wizard_route(&qid, step + 2);
        let qid = qid.clone();
        let missing = !unanswered.is_empty();
        Callback::from(move |_| {
            if missing && !*flagged {
                flagged.set(true);
                browser::focus_id("unanswered-summary");
            } else if step >= last {
                browser::go(&Route::Results {
                    questionnaire: qid.clone(),
                });
            } else {
                browser::go(&next);
            }
        })
    };
    let on_save_file = {
        let (q, draft, profile) = (q.clone(), draft.clone(), app.enterprise().profile.clone());
        Callback::from(move |_| files::download_result(&q, &draft, &profile))
    };
    let on_start_over = {
        let app = app.clone();
        let qid = qid.clone();
        Callback::from(move |_| {
            app.dispatch(Action::StartOver {
                questionnaire: qid.clone(),
                id: AssessmentId::from_random(browser::random_bytes()),
                now: browser::now(),
            });
            browser::go(&Route::Step {
                questionnaire: qid.clone(),
                step: 0,
            });
        })
    };

    let heading = tr.f(
        "wizard.step_of",
        &[
            ("n", &(step + 2).to_string()),
            ("total", &(last + 2).to_string()),
        ],
    );
    let progress_label = tr.f(
        "wizard.progress",
        &[("done", &done.to_string()), ("total", &total.to_string())],
    );
    let show_flags = *flagged && !unanswered.is_empty();
    let jump_links = unanswered.iter().map(|id| {
        let text = q.question(id).map(|x| tr.text(&x.text)).unwrap_or_default();
        let target = field_id(id);
        let onclick = Callback::from(move |_| browser::focus_id(&target));
        html! { <li><button type="button" class="link-btn" {onclick}>{ text }</button></li> }
    });
    let fields = here.iter().enumerate().map(|(n, (i, _))| {
        let question = &q.questions[*i];
        html! {
            <QuestionField key={format!("{}-{}", draft.id, question.id)} tr={tr.clone()} questionnaire={shared.clone()}
                index={*i} number={n + 1} answer={draft.answers.get(&question.id).cloned()}
                flagged={show_flags && unanswered.contains(&question.id)}
                error={app.input_errors.get(&question.id).cloned()} on_input={on_input.clone()} />
        }
    });
    let next_label = match (step >= last, show_flags) {
        (_, true) => tr.t("wizard.continue_anyway"),
        (true, false) => tr.t("wizard.see_results"),
        (false, false) => tr.t("wizard.next"),
    };
    html! {
        <section class="wizard">
            <p class="q-title">{ tr.text(&q.title) }</p>
            <StepNav tr={tr.clone()} steps={wizard_steps(&tr, &q, &assessment, &app.enterprise().profile)} current={step + 1} heading={heading}
                answered={done} total={total} progress_label={progress_label} on_go={on_go} />
            <h1 id="page-title" tabindex="-1">{ tr.text(&dim.name) }</h1>
            <p class="dim-desc">{ tr.text(&dim.description) }</p>
            if show_flags {
                <div class="alert" id="unanswered-summary" tabindex="-1" role="alert">
                    <p>{ tr.f("wizard.unanswered", &[("count", &unanswered.len().to_string())]) }</p>
                    <ul>{ for jump_links }</ul>
                    <p>{ tr.t("wizard.unanswered_hint") }</p>
                </div>
            }
            <form class="questions" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>{ for fields }</form>
            <div class="nav-buttons">
                <button type="button" class="btn" onclick={on_back}>{ tr.t("wizard.back") }</button>
                <button type="button" class="btn btn-primary" onclick={on_next}>{ next_label }</button>
            </div>
            <p class="saved-note">{ tr.t("wizard.saved_note") }</p>
            <button type="button" class="btn btn-quiet" onclick={on_save_file}>{ tr.t("wizard.save_file") }</button>
            <ConfirmButton label={tr.t("wizard.start_over")} question={tr.t("wizard.start_over_q")}
                confirm={tr.t("wizard.start_over_yes")} cancel={tr.t("common.cancel")} on_confirm={on_start_over} />
        </section>
    }
}
