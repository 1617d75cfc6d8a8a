//! A labelled whole-number field that reports a new value when it changes (on blur or Enter); text that is not a
//! whole number leaves the value as it was.
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`NumberInput`].
#[derive(Properties, PartialEq)]
pub struct NumberInputProps {
    /// The input's id.
    pub id: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// The value shown.
    pub value: u32,
    /// The smallest value taken.
    pub min: u32,
    /// Called with the new value.
    pub on_change: Callback<u32>,
}

/// The field.
#[component]
pub fn NumberInput(props: &NumberInputProps) -> Html {
    let onchange = {
        let (cb, min) = (props.on_change.clone(), props.min);
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(n) = v.trim().parse::<u32>() {
                cb.emit(n.max(min));
            }
        })
    };
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type="number" min={props.min.to_string()} inputmode="numeric" value={props.value.to_string()} {onchange} />
        </div>
    }
}
