//! Notices about storage and damaged data, each dismissible.
use crate::ui::context::Tr;
use crate::ui::state::Notice;
use yew::prelude::*;

/// Props of [`NoticeList`].
#[derive(Properties, PartialEq)]
pub struct NoticeListProps {
    /// Translator.
    pub tr: Tr,
    /// The notices, oldest first.
    pub notices: Vec<Notice>,
    /// Called with the index of a dismissed notice.
    pub on_dismiss: Callback<usize>,
}

fn message(tr: &Tr, n: &Notice) -> AttrValue {
    match n {
        Notice::StorageUnavailable => tr.t("notice.storage_unavailable"),
        Notice::QuotaExceeded => tr.t("notice.quota"),
        Notice::SaveFailed(reason) => tr.f("notice.save_failed", &[("reason", reason)]),
        Notice::CorruptEntry { key, reason } => {
            tr.f("notice.corrupt", &[("key", key), ("reason", reason)])
        }
        Notice::AnswersDropped { count } => {
            tr.f("notice.dropped", &[("count", &count.to_string())])
        }
    }
}

/// The notice list; renders nothing when empty.
#[component]
pub fn NoticeList(props: &NoticeListProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    let items = props.notices.iter().enumerate().map(|(i, n)| {
        let on_dismiss = props.on_dismiss.clone();
        let onclick = Callback::from(move |_| on_dismiss.emit(i));
        html! {
            <li class="notice" role="alert">
                <span>{ message(&props.tr, n) }</span>
                <button type="button" class="link-btn" {onclick}>{ props.tr.t("notice.dismiss") }</button>
            </li>
        }
    });
    html! { <ul class="notices">{ for items }</ul> }
}
