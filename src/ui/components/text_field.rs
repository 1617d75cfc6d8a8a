//! A labelled text input with an optional hint ("why we ask") and error, both tied to it with aria-describedby.
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`TextField`].
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The input's id.
    pub id: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// A hint under the label, such as why the field is asked.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// The current text.
    pub value: AttrValue,
    /// An error to show.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// The `inputmode` (text, numeric, decimal).
    #[prop_or(AttrValue::Static("text"))]
    pub inputmode: AttrValue,
    /// The `autocomplete` token.
    #[prop_or(AttrValue::Static("off"))]
    pub autocomplete: AttrValue,
    /// A unit shown after the input.
    #[prop_or_default]
    pub unit: Option<AttrValue>,
    /// The input type (`text`, `date`).
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    /// Called with the text when it changes (on blur or Enter).
    pub on_change: Callback<String>,
}

/// A text field.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let hint_id = format!("{}-hint", props.id);
    let err_id = format!("{}-err", props.id);
    let described: Vec<&str> = [
        props.hint.as_ref().map(|_| hint_id.as_str()),
        props.error.as_ref().map(|_| err_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let described = (!described.is_empty()).then(|| described.join(" "));
    let onchange = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let invalid = props.error.as_ref().map(|_| "true");
    html! {
        <div class={classes!("field", props.error.as_ref().map(|_| "has-error"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            if let Some(h) = &props.hint { <p class="hint" id={hint_id.clone()}>{ h.clone() }</p> }
            <span class="num-row">
                <input id={props.id.clone()} type={props.input_type.clone()} value={props.value.clone()} inputmode={props.inputmode.clone()}
                    autocomplete={props.autocomplete.clone()} aria-describedby={described} aria-invalid={invalid} {onchange} />
                if let Some(u) = &props.unit { <span class="unit">{ u.clone() }</span> }
            </span>
            if let Some(e) = &props.error { <p class="field-error" id={err_id}>{ e.clone() }</p> }
        </div>
    }
}
