//! A labelled native checkbox that says whether it is on.
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`CheckToggle`].
#[derive(Properties, PartialEq)]
pub struct CheckToggleProps {
    /// The input's id.
    pub id: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// Whether it is on.
    pub checked: bool,
    /// Called with whether it is on after a change.
    pub on_toggle: Callback<bool>,
}

/// The checkbox.
#[component]
pub fn CheckToggle(props: &CheckToggleProps) -> Html {
    let onchange = {
        let cb = props.on_toggle.clone();
        Callback::from(move |e: Event| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    html! {
        <label class="option" for={props.id.clone()}>
            <input type="checkbox" id={props.id.clone()} checked={props.checked} {onchange} />
            <span>{ props.label.clone() }</span>
        </label>
    }
}
