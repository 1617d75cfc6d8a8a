//! The vi/en switch: two toggle buttons in a labelled group.
use crate::domain::assessment::text::Lang;
use crate::ui::context::Tr;
use yew::prelude::*;

/// Props of [`LangSwitch`].
#[derive(Properties, PartialEq)]
pub struct LangSwitchProps {
    /// Translator.
    pub tr: Tr,
    /// The current language.
    pub lang: Lang,
    /// Called with the chosen language.
    pub on_change: Callback<Lang>,
}

/// The language switch.
#[component]
pub fn LangSwitch(props: &LangSwitchProps) -> Html {
    let buttons = Lang::ALL.into_iter().map(|l| {
        let on_change = props.on_change.clone();
        let onclick = Callback::from(move |_| on_change.emit(l));
        let (short, long) = match l {
            Lang::Vi => ("VI", props.tr.t("lang.vi")),
            Lang::En => ("EN", props.tr.t("lang.en")),
        };
        // The accessible name starts with the visible text (WCAG 2.5.3, label in name).
        let name = format!("{short} – {long}");
        let pressed = (l == props.lang).to_string();
        html! {
            <button type="button" class="lang-btn" lang={l.code()} aria-pressed={pressed}
                aria-label={name} title={long} {onclick}>{ short }</button>
        }
    });
    html! {
        <div class="lang-switch" role="group" aria-label={props.tr.t("lang.label")}>{ for buttons }</div>
    }
}
