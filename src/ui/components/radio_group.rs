//! A fieldset of native radio buttons with a legend and an optional hint.
use yew::prelude::*;

/// Props of [`RadioGroup`].
#[derive(Properties, PartialEq)]
pub struct RadioGroupProps {
    /// The radio group's name (also the id prefix).
    pub name: AttrValue,
    /// The legend.
    pub legend: AttrValue,
    /// A hint, such as why it is asked.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// (value, label) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// The chosen value.
    pub selected: Option<AttrValue>,
    /// Called with the chosen value.
    pub on_change: Callback<AttrValue>,
}

/// A radio group.
#[component]
pub fn RadioGroup(props: &RadioGroupProps) -> Html {
    let hint_id = format!("{}-hint", props.name);
    let options = props.options.iter().map(|(value, label)| {
        let id = format!("{}-{}", props.name, value);
        let checked = props.selected.as_ref() == Some(value);
        let onchange = {
            let cb = props.on_change.clone();
            let value = value.clone();
            Callback::from(move |_: Event| cb.emit(value.clone()))
        };
        html! {
            <label class="option" for={id.clone()}>
                <input type="radio" {id} name={props.name.clone()} value={value.clone()} {checked} {onchange} />
                <span>{ label.clone() }</span>
            </label>
        }
    });
    html! {
        <fieldset class="subfield" aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())}>
            <legend>{ props.legend.clone() }</legend>
            if let Some(h) = &props.hint { <p class="hint" id={hint_id}>{ h.clone() }</p> }
            <div class="options">{ for options }</div>
        </fieldset>
    }
}
