//! One question as a native `<fieldset>` with its `<legend>`, help, flags and the input for its type.
use super::answer_input::AnswerInput;
use super::choice_options::ChoiceOptions;
use super::number_field::NumberField;
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::answers::AnswerError;
use crate::domain::assessment::questionnaire::{QuestionKind, Questionnaire};
use crate::domain::assessment::text::QuestionId;
use crate::ui::context::Tr;
use crate::ui::describe::Describe;
use crate::ui::shared::Shared;
use yew::prelude::*;

/// Props of [`QuestionField`].
#[derive(Properties, PartialEq)]
pub struct QuestionFieldProps {
    /// Translator.
    pub tr: Tr,
    /// The questionnaire.
    pub questionnaire: Shared<Questionnaire>,
    /// Index of the question in it.
    pub index: usize,
    /// The number shown before the question.
    pub number: usize,
    /// The current answer.
    pub answer: Option<Answer>,
    /// Whether to flag it as unanswered.
    pub flagged: bool,
    /// The last input the domain refused.
    pub error: Option<AnswerError>,
    /// Called with the question and what the person did.
    pub on_input: Callback<(QuestionId, AnswerInput)>,
}

/// The DOM id of a question's fieldset, for "jump to" links.
pub fn field_id(q: &QuestionId) -> String {
    format!("q-{q}")
}

/// One question.
#[component]
pub fn QuestionField(props: &QuestionFieldProps) -> Html {
    let Some(q) = props.questionnaire.questions.get(props.index) else {
        return html! {};
    };
    let tr = &props.tr;
    let fid = field_id(&q.id);
    let help_id = format!("{fid}-help");
    let flag_id = format!("{fid}-flag");
    let err_id = format!("{fid}-err");
    let described: Vec<&str> = [
        q.help.as_ref().map(|_| help_id.as_str()),
        props.flagged.then_some(flag_id.as_str()),
        props.error.as_ref().map(|_| err_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let described = (!described.is_empty()).then(|| described.join(" "));
    let on_input = {
        let cb = props.on_input.clone();
        let id = q.id.clone();
        Callback::from(move |input: AnswerInput| cb.emit((id.clone(), input)))
    };
    let input = match &q.kind {
        QuestionKind::Single { .. } | QuestionKind::Multi { .. } => html! {
            <ChoiceOptions tr={tr.clone()} questionnaire={props.questionnaire.clone()} index={props.index}
                answer={props.answer.clone()} on_input={on_input} />
        },
        QuestionKind::Number { .. } | QuestionKind::Ratio { .. } => html! {
            <NumberField tr={tr.clone()} questionnaire={props.questionnaire.clone()} index={props.index}
                answer={props.answer.clone()} on_input={on_input} />
        },
    };
    let class = classes!("question", props.flagged.then_some("flagged"));
    html! {
        <fieldset {class} id={fid} tabindex="-1" aria-describedby={described}>
            <legend>
                <span class="qno">{ props.number }{ ". " }</span>{ tr.text(&q.text) }
                if q.optional { <span class="optional">{ " " }{ tr.t("input.optional") }</span> }
            </legend>
            if let Some(help) = &q.help {
                <p class="help" id={help_id}>{ tr.text(help) }</p>
            }
            if props.flagged {
                <p class="flag" id={flag_id}>{ tr.t("wizard.unanswered_flag") }</p>
            }
            if let Some(e) = &props.error {
                <p class="field-error" id={err_id}>{ e.describe(tr) }</p>
            }
            { input }
        </fieldset>
    }
}
