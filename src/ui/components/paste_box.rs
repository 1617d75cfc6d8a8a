//! "Paste results": one text box for any text holding result links or codes (a copied chat, one code, a hundred),
//! the button that adds them, and the report of what each code did.
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// How one pasted code went.
#[derive(Clone, PartialEq)]
pub struct PasteLine {
    /// What happened, in words ("Line 3: added, Công ty An Phát").
    pub text: AttrValue,
    /// Whether the code was refused.
    pub refused: bool,
}

/// Props of [`PasteBox`].
#[derive(Properties, PartialEq)]
pub struct PasteBoxProps {
    /// The text box's id.
    pub id: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// A hint under the label.
    pub hint: AttrValue,
    /// The button's text.
    pub button: AttrValue,
    /// A summary of the last paste ("50 codes: 48 added, 2 refused").
    #[prop_or_default]
    pub summary: Option<AttrValue>,
    /// What each code of the last paste did.
    #[prop_or_default]
    pub report: Vec<PasteLine>,
    /// Whether a paste is being worked on (the button waits).
    #[prop_or_default]
    pub busy: bool,
    /// Called with the text when the button is pressed.
    pub on_paste: Callback<String>,
}

/// The paste box.
#[component]
pub fn PasteBox(props: &PasteBoxProps) -> Html {
    let area = use_node_ref();
    let onclick = {
        let (area, cb) = (area.clone(), props.on_paste.clone());
        Callback::from(move |_| {
            if let Some(a) = area.cast::<HtmlTextAreaElement>() {
                cb.emit(a.value());
                a.set_value("");
            }
        })
    };
    let hint_id = format!("{}-hint", props.id);
    let lines = props.report.iter().map(|l| {
        html! { <li class={classes!(l.refused.then_some("refused"))}>{ l.text.clone() }</li> }
    });
    html! {
        <div class="paste-box">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <p class="hint" id={hint_id.clone()}>{ props.hint.clone() }</p>
            <textarea id={props.id.clone()} ref={area} rows="5" aria-describedby={hint_id} spellcheck="false" autocomplete="off" />
            <div class="actions">
                <button type="button" class="btn btn-primary" disabled={props.busy} {onclick}>{ props.button.clone() }</button>
            </div>
            <div role="status">
                if let Some(s) = &props.summary { <p class="paste-summary">{ s.clone() }</p> }
                if !props.report.is_empty() { <ul class="import-report">{ for lines }</ul> }
            </div>
        </div>
    }
}
