//! The wizard step's state and I/O: the step derived once per change of answers (`domain::assessment::step`), the
//! "unanswered" flags, and every handler (answers, moving between steps, the file, starting over).
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::step::Step;
use crate::domain::assessment::text::{QuestionId, QuestionnaireId};
use crate::domain::records::draft::{AssessmentId, Draft};
use crate::ui::components::answer_input::AnswerInput;
use crate::ui::context::use_app;
use crate::ui::route::Route;
use crate::ui::services::{browser, files};
use crate::ui::shared::Shared;
use crate::ui::state::Action;
use std::rc::Rc;
use yew::prelude::*;

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

/// The step on screen and its handlers.
#[derive(Clone)]
pub struct StepScreen {
    /// The questionnaire.
    pub questionnaire: Shared<Questionnaire>,
    /// The draft being answered.
    pub draft: Draft,
    /// The step, derived from the answers.
    pub step: Rc<Step>,
    /// Whether the unanswered questions are flagged (after "next" with some left).
    pub flagged: bool,
    /// An answer changed.
    pub on_input: Callback<(QuestionId, AnswerInput)>,
    /// Go to wizard position `i` (0: the profile).
    pub on_go: Callback<usize>,
    /// The previous step.
    pub on_back: Callback<()>,
    /// The next step, or the flags first.
    pub on_next: Callback<()>,
    /// Jump to an unanswered question.
    pub on_jump: Callback<QuestionId>,
    /// Save the draft as a file.
    pub on_save_file: Callback<()>,
    /// Throw the draft away and start again.
    pub on_start_over: Callback<()>,
}

/// The step `step` of questionnaire `qid`, or `None` when it has no draft.
#[hook]
pub fn use_step(qid: &QuestionnaireId, step: u32) -> Option<StepScreen> {
    let app = use_app();
    let flagged = use_state(|| false);
    {
        let flagged = flagged.clone();
        use_effect_with(step, move |_| flagged.set(false));
    }
    let q = app.questionnaire(qid);
    let draft = app.draft(qid).cloned();
    let derived = {
        let key = (
            q.clone().map(Shared),
            draft.as_ref().map(|d| d.answers.clone()),
            step,
        );
        use_memo(key, |(q, answers, step)| match (q, answers) {
            (Some(q), Some(a)) => Some(Rc::new(Step::of(q, a, *step as usize))),
            _ => None,
        })
    };
    let (Some(q), Some(draft), Some(s)) = (q, draft, (*derived).clone()) else {
        return None;
    };
    let qid = qid.clone();
    let on_input = {
        let (app, qid) = (app.clone(), qid.clone());
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
    // Wizard position `index + 1` is this step; one back is the previous dimension, or the profile.
    let on_back = {
        let back = wizard_route(&qid, s.index);
        Callback::from(move |()| browser::go(&back))
    };
    let on_next = {
        let (flagged, qid) = (flagged.clone(), qid.clone());
        let next = wizard_route(&qid, s.index + 2);
        let (missing, last) = (!s.unanswered.is_empty(), s.is_last());
        Callback::from(move |()| {
            if missing && !*flagged {
                flagged.set(true);
                browser::focus_id("unanswered-summary");
            } else if last {
                browser::go(&Route::Results {
                    questionnaire: qid.clone(),
                });
            } else {
                browser::go(&next);
            }
        })
    };
    let on_jump = Callback::from(|id: QuestionId| {
        browser::focus_id(&crate::ui::components::question_field::field_id(&id))
    });
    let on_save_file = {
        let (q, draft, profile) = (q.clone(), draft.clone(), app.enterprise().profile.clone());
        Callback::from(move |()| files::download_result(&q, &draft, &profile))
    };
    let on_start_over = {
        let (app, qid) = (app.clone(), qid.clone());
        Callback::from(move |()| {
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
    Some(StepScreen {
        questionnaire: Shared(q),
        draft,
        step: s,
        flagged: *flagged,
        on_input,
        on_go,
        on_back,
        on_next,
        on_jump,
        on_save_file,
        on_start_over,
    })
}
