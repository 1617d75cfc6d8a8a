//! The results page of the enterprise on screen: its result (`ResultReport`), how to send it (`SendSection`), the
//! result file and CSV, print, and loading a file.
use crate::domain::assessment::text::QuestionnaireId;
use crate::domain::records::export::to_csv;
use crate::ui::context::use_app;
use crate::ui::pages::load_file::LoadFile;
use crate::ui::pages::result_report::ResultReport;
use crate::ui::pages::send::SendSection;
use crate::ui::route::Route;
use crate::ui::services::{browser, files};
use crate::ui::shared::Shared;
use crate::ui::state::Action;
use yew::prelude::*;

/// Props of [`ResultsPage`].
#[derive(Properties, PartialEq)]
pub struct ResultsPageProps {
    /// The questionnaire.
    pub questionnaire: QuestionnaireId,
}

/// The results page.
#[component]
pub fn ResultsPage(props: &ResultsPageProps) -> Html {
    let app = use_app();
    let tr = app.tr();
    let (Some(q), Some(draft)) = (
        app.questionnaire(&props.questionnaire),
        app.draft(&props.questionnaire),
    ) else {
        return html! { <p><a href="#/">{ tr.t("nav.home") }</a></p> };
    };
    let e = app.enterprise();
    let qid = props.questionnaire.clone();
    let edit = Callback::from(move |_| {
        browser::go(&Route::Step {
            questionnaire: qid.clone(),
            step: 0,
        })
    });
    let on_json = {
        let (app, q, draft, profile) = (app.clone(), q.clone(), draft.clone(), e.profile.clone());
        Callback::from(move |_| {
            files::download_result(&q, &draft, &profile);
            app.dispatch(Action::BackedUp {
                now: browser::now(),
            });
        })
    };
    let on_csv = {
        let (q, draft, profile, catalog) =
            (q.clone(), draft.clone(), e.profile.clone(), app.catalog);
        Callback::from(move |_| {
            let file = files::result_now(&q, &draft, &profile);
            files::download(
                &file.file_name("csv"),
                "text/csv",
                &to_csv(&q, &[file], &catalog.size_rules),
            );
        })
    };
    let on_print = Callback::from(|_| files::print());
    let when = AttrValue::from(
        draft
            .completed_at
            .clone()
            .unwrap_or_else(|| draft.updated_at.clone()),
    );
    // In an in-app browser the download says it may not work there (Copy link and Share are above it).
    let download = match app.in_app {
        Some(b) => tr.f("results.download_json_in_app", &[("app", b.name())]),
        None => tr.t("results.download_json"),
    };
    html! {
        <section class="results">
            <p class="q-title">{ tr.text(&q.title) }</p>
            <h1 id="page-title" tabindex="-1">{ tr.t("results.title") }</h1>
            <ResultReport questionnaire={Shared(q.clone())} answers={draft.answers.clone()} profile={e.profile.clone()}
                {when} earlier={e.earlier(&q.id).cloned()}>
                <SendSection questionnaire={props.questionnaire.clone()} />
            </ResultReport>
            <div class="actions no-print">
                <button type="button" class="btn" onclick={on_json}>{ download }</button>
                <button type="button" class="btn" onclick={on_csv}>{ tr.t("results.download_csv") }</button>
                <button type="button" class="btn" onclick={on_print}>{ tr.t("results.print") }</button>
                <button type="button" class="btn" onclick={edit}>{ tr.t("results.edit") }</button>
                <a class="btn" href="#/">{ tr.t("nav.home") }</a>
            </div>
            <div class="no-print"><LoadFile /></div>
        </section>
    }
}
