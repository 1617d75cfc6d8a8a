//! A labelled native `<select>` with an empty first choice.
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Props of [`SelectField`].
#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    /// The select's id.
    pub id: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// A hint.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// The label of the empty choice.
    pub empty: AttrValue,
    /// (value, label) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// The chosen value.
    pub selected: Option<AttrValue>,
    /// Called with the chosen value, `None` for the empty choice.
    pub on_change: Callback<Option<String>>,
}

/// A select field.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let hint_id = format!("{}-hint", props.id);
    let onchange = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            cb.emit((!v.is_empty()).then_some(v));
        })
    };
    let options = props.options.iter().map(|(value, label)| {
        let selected = props.selected.as_ref() == Some(value);
        html! { <option value={value.clone()} {selected}>{ label.clone() }</option> }
    });
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            if let Some(h) = &props.hint { <p class="hint" id={hint_id.clone()}>{ h.clone() }</p> }
            <select id={props.id.clone()} aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())} {onchange}>
                <option value="" selected={props.selected.is_none()}>{ props.empty.clone() }</option>
                { for options }
            </select>
        </div>
    }
}
