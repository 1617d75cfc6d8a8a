//! Notices about storage, damaged data, other tabs, deletions and updates, each with its action and a dismiss button.
use crate::ui::context::Tr;
use crate::ui::describe::Describe;
use crate::ui::state::Notice;
use yew::prelude::*;

/// What a notice's button asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum NoticeAction {
    /// Dismiss the notice at this index.
    Dismiss(usize),
    /// Download the raw text stored under this key.
    DownloadRaw(String),
    /// Put back the deleted enterprise.
    Undo,
    /// Switch to the new version.
    Update,
}

/// Props of [`NoticeList`].
#[derive(Properties, PartialEq)]
pub struct NoticeListProps {
    /// Translator.
    pub tr: Tr,
    /// The notices, oldest first.
    pub notices: Vec<Notice>,
    /// Called with the action chosen.
    pub on_action: Callback<NoticeAction>,
}

fn action(tr: &Tr, n: &Notice) -> Option<(AttrValue, NoticeAction)> {
    match n {
        Notice::CorruptEntry { key, .. } => Some((
            tr.t("notice.download_raw"),
            NoticeAction::DownloadRaw(key.clone()),
        )),
        Notice::Deleted { .. } => Some((tr.t("notice.undo"), NoticeAction::Undo)),
        Notice::UpdateReady => Some((tr.t("notice.reload"), NoticeAction::Update)),
        _ => None,
    }
}

/// The notice list inside an always-present live region.
#[component]
pub fn NoticeList(props: &NoticeListProps) -> Html {
    let items = props.notices.iter().enumerate().map(|(i, n)| {
        let on_action = props.on_action.clone();
        let dismiss = Callback::from(move |_| on_action.emit(NoticeAction::Dismiss(i)));
        let extra = action(&props.tr, n).map(|(label, act)| {
            let on_action = props.on_action.clone();
            let onclick = Callback::from(move |_| on_action.emit(act.clone()));
            html! { <button type="button" class="btn" {onclick}>{ label }</button> }
        });
        html! {
            <li class="notice">
                <span>{ n.describe(&props.tr) }</span>
                <span class="notice-actions">
                    { for extra }
                    <button type="button" class="link-btn" onclick={dismiss}>{ props.tr.t("notice.dismiss") }</button>
                </span>
            </li>
        }
    });
    // The live region is always in the page, so a notice added later is announced.
    let list =
        (!props.notices.is_empty()).then(|| html! { <ul class="notices">{ for items }</ul> });
    html! { <div class="notices-live" role="alert" aria-atomic="false">{ for list }</div> }
}
