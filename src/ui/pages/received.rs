//! A result received as a link (`#/r/<code>`): checked and re-scored as an imported file is, shown read-only, with
//! "Add to my enterprises". Nothing is stored until the person adds it; a damaged link stores nothing at all.
use crate::domain::records::draft::EnterpriseId;
use crate::domain::records::result_code::{CodeError, ResultCode};
use crate::domain::records::result_file::ResultFile;
use crate::domain::records::workspace::Added;
use crate::ui::context::use_app;
use crate::ui::describe::{self, Describe};
use crate::ui::pages::result_report::ResultReport;
use crate::ui::route::Route;
use crate::ui::services::browser;
use crate::ui::shared::Shared;
use crate::ui::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ReceivedPage`].
#[derive(Properties, PartialEq)]
pub struct ReceivedPageProps {
    /// The result code from the link.
    pub code: AttrValue,
}

/// The received result.
#[component]
pub fn ReceivedPage(props: &ReceivedPageProps) -> Html {
    let app = use_app();
    let tr = app.tr();
    let decoded: Rc<Result<ResultFile, CodeError>> = {
        let catalog = app.catalog;
        use_memo(props.code.clone(), move |code| {
            let qs = catalog.questionnaire_refs();
            ResultCode::decode(code, &qs).map(|(f, _)| f)
        })
    };
    // Whether this page's "Add" has been pressed (the reducer's report then belongs to it).
    let pressed = use_state(|| false);
    let file = match &*decoded {
        Ok(f) => f,
        Err(e) => {
            return html! {
                <section class="received">
                    <h1 id="page-title" tabindex="-1">{ tr.t("recv.bad_title") }</h1>
                    <p class="field-error" role="alert">{ e.describe(&tr) }</p>
                    <p>{ tr.t("recv.bad_hint") }</p>
                    <p><a class="btn" href="#/">{ tr.t("nav.home") }</a></p>
                </section>
            };
        }
    };
    let Some(q) = app.questionnaire(&file.questionnaire.id) else {
        return Html::default();
    };
    let name = if file.profile.name.trim().is_empty() {
        tr.t("report.unnamed").to_string()
    } else {
        file.profile.name.trim().to_string()
    };
    let outcome = app.added.first().filter(|_| *pressed);
    let would = app.workspace.preview_add(file, &app.questionnaires());
    let on_add = {
        let (app, file, pressed) = (app.clone(), file.clone(), pressed.clone());
        Callback::from(move |_| {
            pressed.set(true);
            app.dispatch(Action::AddResults {
                files: vec![file.clone()],
                ids: vec![EnterpriseId::from_random(browser::random_bytes())],
                now: browser::now(),
            });
        })
    };
    let open = outcome.map(|o| {
        let (app, id, qid) = (app.clone(), o.enterprise.clone(), q.id.clone());
        Callback::from(move |_| {
            app.dispatch(Action::SwitchEnterprise(id.clone()));
            browser::go(&Route::Results {
                questionnaire: qid.clone(),
            });
        })
    });
    let action = match (outcome, would) {
        (Some(o), _) => html! {
            <div class="card" role="status">
                <p>{ describe::added(&tr, o.added, &name) }</p>
                <div class="actions">
                    if let Some(open) = open { <button type="button" class="btn btn-primary" onclick={open}>{ tr.t("recv.open") }</button> }
                    <a class="btn" href="#/enterprises">{ tr.t("recv.all") }</a>
                </div>
            </div>
        },
        (None, Added::New | Added::Updated) => html! {
            <div class="actions">
                <button type="button" class="btn btn-primary" onclick={on_add}>
                    { if would == Added::New { tr.t("recv.add") } else { tr.t("recv.update") } }
                </button>
            </div>
        },
        (None, already) => html! {
            <div class="card" role="status">
                <p>{ describe::added(&tr, already, &name) }</p>
                <div class="actions"><a class="btn" href="#/enterprises">{ tr.t("recv.all") }</a></div>
            </div>
        },
    };
    let when = AttrValue::from(
        file.completed_at
            .clone()
            .unwrap_or_else(|| file.exported_at.clone()),
    );
    html! {
        <section class="results received">
            <p class="q-title">{ tr.text(&q.title) }</p>
            <h1 id="page-title" tabindex="-1">{ tr.t("recv.title") }</h1>
            <p class="hint">{ tr.t("recv.lead") }</p>
            { action }
            <ResultReport questionnaire={Shared(q.clone())} answers={file.answers.clone()} profile={file.profile.clone()} {when} />
        </section>
    }
}
