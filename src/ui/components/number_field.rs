//! A number, or a part and a whole, typed the local way, with an optional "don't know" box.
use super::answer_input::AnswerInput;
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::locale::{format_decimal, parse_number};
use crate::domain::assessment::questionnaire::{QuestionKind, Questionnaire};
use crate::domain::assessment::text::Lang;
use crate::ui::context::Tr;
use crate::ui::shared::Shared;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`NumberField`].
#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// Translator.
    pub tr: Tr,
    /// The questionnaire.
    pub questionnaire: Shared<Questionnaire>,
    /// Index of the question.
    pub index: usize,
    /// The current answer.
    pub answer: Option<Answer>,
    /// Called with the parsed answer.
    pub on_input: Callback<AnswerInput>,
}

fn text_of(v: Option<f64>, lang: Lang) -> String {
    v.map(|v| format_decimal(v, lang)).unwrap_or_default()
}

/// Turns the typed texts into an answer: both empty clears, an unreadable number is sent as NaN so the domain
/// refuses it with a message, and a ratio waits until both parts are typed.
fn to_input(ratio: bool, a: &str, b: &str, lang: Lang) -> Option<AnswerInput> {
    let read = |s: &str| parse_number(s, lang).unwrap_or(f64::NAN);
    match (ratio, a.trim().is_empty(), b.trim().is_empty()) {
        (false, true, _) | (true, true, true) => Some(AnswerInput::Clear),
        (false, false, _) => Some(AnswerInput::Set(Answer::Number(read(a)))),
        (true, false, false) => Some(AnswerInput::Set(Answer::Ratio {
            num: read(a),
            den: read(b),
        })),
        (true, _, _) => None,
    }
}

/// A number or ratio input.
#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let (first0, second0) = match &props.answer {
        Some(Answer::Number(v)) => (text_of(Some(*v), props.tr.lang), String::new()),
        Some(Answer::Ratio { num, den }) => (
            text_of(Some(*num), props.tr.lang),
            text_of(Some(*den), props.tr.lang),
        ),
        _ => (String::new(), String::new()),
    };
    let first = use_state(|| first0);
    let second = use_state(|| second0);
    let Some(q) = props.questionnaire.questions.get(props.index) else {
        return html! {};
    };
    let (ratio, labels, unit, allow_dk) = match &q.kind {
        QuestionKind::Number {
            unit,
            allow_dont_know,
            ..
        } => (false, None, unit.as_ref(), *allow_dont_know),
        QuestionKind::Ratio {
            numerator,
            denominator,
            allow_dont_know,
            ..
        } => (true, Some((numerator, denominator)), None, *allow_dont_know),
        _ => return html! {},
    };
    let dont_know = props.answer == Some(Answer::DontKnow);
    let lang = props.tr.lang;
    let make = |mine: UseStateHandle<String>, other: UseStateHandle<String>, is_first: bool| {
        let on_input = props.on_input.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            mine.set(value.clone());
            let (a, b) = if is_first {
                (value, (*other).clone())
            } else {
                ((*other).clone(), value)
            };
            if let Some(input) = to_input(ratio, &a, &b, lang) {
                on_input.emit(input);
            }
        })
    };
    let on_first = make(first.clone(), second.clone(), true);
    let on_second = make(second.clone(), first.clone(), false);
    let on_dk = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: Event| {
            let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
            on_input.emit(if checked {
                AnswerInput::Set(Answer::DontKnow)
            } else {
                AnswerInput::Clear
            });
        })
    };
    let base = format!("{}-in", q.id);
    let (id1, id2, id_dk) = (format!("{base}1"), format!("{base}2"), format!("{base}-dk"));
    let (label1, label2) = match labels {
        Some((n, d)) => (props.tr.text(n), Some(props.tr.text(d))),
        None => (props.tr.t("input.value"), None),
    };
    html! {
        <div class="number-field">
            <label class="num" for={id1.clone()}>
                <span>{ label1 }</span>
                <span class="num-row">
                    <input id={id1} type="text" inputmode="decimal" autocomplete="off" value={(*first).clone()}
                        disabled={dont_know} onchange={on_first} />
                    if let Some(u) = unit { <span class="unit">{ props.tr.text(u) }</span> }
                </span>
            </label>
            if let Some(l2) = label2 {
                <label class="num" for={id2.clone()}>
                    <span>{ l2 }</span>
                    <input id={id2} type="text" inputmode="decimal" autocomplete="off" value={(*second).clone()}
                        disabled={dont_know} onchange={on_second} />
                </label>
            }
            if allow_dk {
                <label class="option dk" for={id_dk.clone()}>
                    <input type="checkbox" id={id_dk} checked={dont_know} onchange={on_dk} />
                    <span>{ props.tr.t("input.dont_know") }</span>
                </label>
            }
        </div>
    }
}
