//! Whether this browser keeps the answers: said plainly where the enterprises are listed and under "Send your
//! result", with the backups to make (the link, the file) and installation where the browser offers it.
use crate::ui::context::use_app;
use crate::ui::services::device;
use yew::prelude::*;

/// Props of [`StorageNote`].
#[derive(Properties, PartialEq)]
pub struct StorageNoteProps {
    /// Say nothing when the answers are kept (under "Send your result"); otherwise say how they are kept.
    #[prop_or_default]
    pub only_at_risk: bool,
}

/// The storage note.
#[component]
pub fn StorageNote(props: &StorageNoteProps) -> Html {
    let app = use_app();
    let tr = app.tr();
    let code = match app.durability {
        crate::domain::records::sending::Durability::Unknown => return Html::default(),
        crate::domain::records::sending::Durability::Persistent => "persistent",
        crate::domain::records::sending::Durability::BestEffort => "best_effort",
        crate::domain::records::sending::Durability::Unsupported => "unsupported",
    };
    let at_risk = app.durability.at_risk(app.in_app);
    if !at_risk && props.only_at_risk {
        return Html::default();
    }
    let install = Callback::from(|_| device::install());
    html! {
        <div class={classes!("storage-note", at_risk.then_some("warn-box"))} data-durability={code}>
            if at_risk {
                <p>{ tr.t("storage.at_risk") }</p>
                if app.installable {
                    <button type="button" class="btn" onclick={install}>{ tr.t("storage.install") }</button>
                }
            } else {
                <p>{ tr.t("storage.persistent") }</p>
            }
        </div>
    }
}
