//! One enterprise in the device's list: who, progress per questionnaire, last change, and its verbs.
use super::confirm_button::ConfirmButton;
use crate::ui::context::Tr;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`EnterpriseRow`].
#[derive(Properties, PartialEq)]
pub struct EnterpriseRowProps {
    /// Translator.
    pub tr: Tr,
    /// DOM id of the row.
    pub id: AttrValue,
    /// The name as stored (may be empty).
    pub name: AttrValue,
    /// The name to show.
    pub title: AttrValue,
    /// "MST 0100109106", or empty.
    pub tax: AttrValue,
    /// A warning when another entry has the same tax code.
    pub duplicate: Option<AttrValue>,
    /// One line per questionnaire started.
    pub progress: Vec<AttrValue>,
    /// "Last change: 23/11/2026".
    pub updated: AttrValue,
    /// A reminder when its answers changed since its result last left the device.
    #[prop_or_default]
    pub backup_due: Option<AttrValue>,
    /// Whether it is the enterprise being assessed.
    pub active: bool,
    /// Assess this enterprise.
    pub on_open: Callback<()>,
    /// Rename it.
    pub on_rename: Callback<String>,
    /// Copy it for a re-assessment.
    pub on_duplicate: Callback<()>,
    /// Delete it.
    pub on_delete: Callback<()>,
}

/// One row.
#[component]
pub fn EnterpriseRow(props: &EnterpriseRowProps) -> Html {
    let tr = &props.tr;
    let editing = use_state(|| false);
    let input = use_node_ref();
    let title_id = format!("{}-t", props.id);
    let rename = if *editing {
        let save = {
            let (editing, input, cb) = (editing.clone(), input.clone(), props.on_rename.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                if let Some(i) = input.cast::<HtmlInputElement>() {
                    cb.emit(i.value());
                }
                editing.set(false);
            })
        };
        let cancel = {
            let editing = editing.clone();
            Callback::from(move |_| editing.set(false))
        };
        let field = format!("{}-name", props.id);
        html! {
            <form class="rename" onsubmit={save}>
                <label for={field.clone()}>{ tr.t("ent.new_name") }</label>
                <input id={field} ref={input} type="text" value={props.name.clone()} autocomplete="organization" />
                <button type="submit" class="btn btn-primary">{ tr.t("ent.save") }</button>
                <button type="button" class="btn" onclick={cancel}>{ tr.t("common.cancel") }</button>
            </form>
        }
    } else {
        let edit = {
            let editing = editing.clone();
            Callback::from(move |_| editing.set(true))
        };
        html! { <button type="button" class="btn" onclick={edit}>{ tr.t("ent.rename") }</button> }
    };
    let open = props.on_open.reform(|_: MouseEvent| ());
    let duplicate = props.on_duplicate.reform(|_: MouseEvent| ());
    let current = props.active.then_some("true");
    html! {
        <li class={classes!("ent", props.active.then_some("ent-active"))} id={props.id.clone()} aria-labelledby={title_id.clone()} aria-current={current}>
            <h2 id={title_id}>{ props.title.clone() }</h2>
            if !props.tax.is_empty() { <p class="ent-tax">{ props.tax.clone() }</p> }
            if let Some(w) = &props.duplicate { <p class="rec-maybe" role="note">{ w.clone() }</p> }
            <ul class="ent-progress">{ for props.progress.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
            <p class="ent-updated">{ props.updated.clone() }</p>
            if let Some(b) = &props.backup_due { <p class="backup-reminder">{ b.clone() }</p> }
            <div class="actions">
                if props.active {
                    <span class="badge st-ok">{ tr.t("ent.active") }</span>
                } else {
                    <button type="button" class="btn btn-primary" onclick={open}>{ tr.t("ent.open") }</button>
                }
                { rename }
                <button type="button" class="btn" onclick={duplicate}>{ tr.t("ent.duplicate") }</button>
                <ConfirmButton label={tr.t("ent.delete")} question={tr.f("ent.delete_q", &[("name", &props.title)])}
                    confirm={tr.t("ent.delete_yes")} cancel={tr.t("common.cancel")} on_confirm={props.on_delete.clone()} />
            </div>
        </li>
    }
}
