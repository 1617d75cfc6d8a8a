//! "Paste results" for an advisor: every result link or code in a pasted text (a copied chat, a list) is checked and
//! added to the enterprises on this device, once per assessment, and each code's outcome is listed.
use crate::domain::records::draft::EnterpriseId;
use crate::domain::records::workspace::Added;
use crate::ui::components::paste_box::PasteBox;
use crate::ui::context::use_app;
use crate::ui::hooks::paste::{Pasted, read_paste, report_lines};
use crate::ui::services::browser;
use crate::ui::state::Action;
use yew::prelude::*;

/// The advisor's paste box.
#[component]
pub fn WorkshopPaste() -> Html {
    let app = use_app();
    let tr = app.tr();
    let pasted = use_state(|| None::<Vec<Pasted>>);
    let on_paste = {
        let (app, pasted) = (app.clone(), pasted.clone());
        Callback::from(move |text: String| {
            let tr = app.tr();
            let (report, files) = read_paste(&tr, &text, &app.questionnaires());
            let ids = files
                .iter()
                .map(|_| EnterpriseId::from_random(browser::random_bytes()))
                .collect();
            pasted.set(Some(report));
            app.dispatch(Action::AddResults {
                files,
                ids,
                now: browser::now(),
            });
        })
    };
    let (summary, report) = match &*pasted {
        Some(p) => {
            let done: Vec<Added> = app.added.iter().map(|o| o.added).collect();
            let (s, r) = report_lines(&tr, p, &done);
            (Some(s), r)
        }
        None => (None, Vec::new()),
    };
    html! {
        <PasteBox id="ws-paste" label={tr.t("paste.label")} hint={tr.t("paste.hint")} button={tr.t("paste.button_ws")}
            {summary} {report} {on_paste} />
    }
}
