//! A `<details>` disclosure that says when it opens or closes, so that what it holds is built only when open.
use yew::prelude::*;

/// Props of [`ToggleDetails`].
#[derive(Properties, PartialEq)]
pub struct ToggleDetailsProps {
    /// Its class.
    #[prop_or_default]
    pub class: Classes,
    /// The summary line.
    pub summary: AttrValue,
    /// Called with whether it is open.
    pub on_toggle: Callback<bool>,
    /// What it holds.
    #[prop_or_default]
    pub children: Html,
}

/// The disclosure.
#[component]
pub fn ToggleDetails(props: &ToggleDetailsProps) -> Html {
    let ontoggle = {
        let cb = props.on_toggle.clone();
        Callback::from(move |e: Event| {
            cb.emit(
                e.target_unchecked_into::<web_sys::Element>()
                    .has_attribute("open"),
            )
        })
    };
    html! {
        <details class={props.class.clone()} {ontoggle}>
            <summary>{ props.summary.clone() }</summary>
            { props.children.clone() }
        </details>
    }
}
