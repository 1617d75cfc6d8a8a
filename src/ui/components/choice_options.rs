//! Native radio buttons (single choice) or checkboxes (multi-choice), each inside its label.
use super::answer_input::AnswerInput;
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::questionnaire::{QuestionKind, Questionnaire};
use crate::ui::context::Tr;
use crate::ui::shared::Shared;
use yew::prelude::*;

/// Props of [`ChoiceOptions`].
#[derive(Properties, PartialEq)]
pub struct ChoiceOptionsProps {
    /// Translator.
    pub tr: Tr,
    /// The questionnaire.
    pub questionnaire: Shared<Questionnaire>,
    /// Index of the question.
    pub index: usize,
    /// The current answer.
    pub answer: Option<Answer>,
    /// Called with what the person chose.
    pub on_input: Callback<AnswerInput>,
}

/// The options of a choice question.
#[component]
pub fn ChoiceOptions(props: &ChoiceOptionsProps) -> Html {
    let Some(q) = props.questionnaire.questions.get(props.index) else {
        return html! {};
    };
    let multi = matches!(q.kind, QuestionKind::Multi { .. });
    let input_type = if multi { "checkbox" } else { "radio" };
    let name = q.id.to_string();
    let options = q.kind.options().iter().map(|o| {
        let checked = match &props.answer {
            Some(Answer::Choice(id)) => id == &o.id,
            Some(Answer::Multi(ids)) => ids.contains(&o.id),
            _ => false,
        };
        let on_input = props.on_input.clone();
        let id = o.id.clone();
        let onchange = Callback::from(move |_: Event| {
            on_input.emit(if multi { AnswerInput::Toggle(id.clone()) } else { AnswerInput::Set(Answer::Choice(id.clone())) });
        });
        let input_id = format!("{name}-{}", o.id);
        html! {
            <label class="option" for={input_id.clone()}>
                <input type={input_type} id={input_id} name={name.clone()} value={o.id.to_string()} {checked} {onchange} />
                <span>{ props.tr.text(&o.label) }</span>
            </label>
        }
    });
    html! { <div class="options">{ for options }</div> }
}
