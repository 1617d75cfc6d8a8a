//! "Open a result or draft file": reads a picked file, checks it, and opens it or keeps it as an earlier
//! assessment (T0) of the same enterprise.
use crate::domain::records::result_file::ResultFile;
use crate::ui::context::use_app;
use crate::ui::describe::Describe;
use crate::ui::route::Route;
use crate::ui::services::{browser, files};
use crate::ui::state::Action;
use yew::platform::spawn_local;
use yew::prelude::*;

/// What happened to the last picked file.
#[derive(Clone, PartialEq)]
enum Outcome {
    Idle,
    Refused(String, AttrValue),
    /// Same tax code as the current assessment: ask whether it is the earlier one or should replace it.
    Ask(Box<ResultFile>, String),
    Done(AttrValue),
}

/// The file picker and what it says.
#[component]
pub fn LoadFile() -> Html {
    let app = use_app();
    let tr = app.tr();
    let outcome = use_state(|| Outcome::Idle);
    let open = {
        let app = app.clone();
        let outcome = outcome.clone();
        Callback::from(move |(file, as_earlier): (Box<ResultFile>, bool)| {
            let qid = file.questionnaire.id.clone();
            app.dispatch(Action::LoadResult {
                file,
                as_earlier,
                now: browser::now(),
            });
            outcome.set(Outcome::Done(app.tr().t(if as_earlier {
                "import.kept"
            } else {
                "import.opened"
            })));
            browser::go(&Route::Results { questionnaire: qid });
        })
    };
    let onchange = {
        let (app, outcome, open) = (app.clone(), outcome.clone(), open.clone());
        Callback::from(move |e: Event| {
            let Some(file) = files::take_picked(&e) else {
                return;
            };
            let name = file.name();
            let (app, outcome, open) = (app.clone(), outcome.clone(), open.clone());
            spawn_local(async move {
                let tr = app.tr();
                let text = match files::read_text(file).await {
                    Ok(t) => t,
                    Err(_) => {
                        return outcome.set(Outcome::Refused(name, tr.t("import.unreadable")));
                    }
                };
                let qs: Vec<&crate::domain::assessment::questionnaire::Questionnaire> = app
                    .catalog
                    .questionnaires
                    .iter()
                    .map(|q| q.as_ref())
                    .collect();
                match ResultFile::parse(&text, &qs) {
                    Err(err) => outcome.set(Outcome::Refused(name, err.describe(&tr))),
                    Ok((file, _)) => {
                        let mine = app.enterprise().profile.valid_tax_code();
                        let current = app
                            .draft(&file.questionnaire.id)
                            .filter(|d| !d.answers.is_empty());
                        let same = mine.is_some()
                            && file.tax_code().map(|t| t.enterprise().to_string())
                                == mine.map(|t| t.enterprise().to_string());
                        if same && current.is_some_and(|d| d.id != file.assessment_id) {
                            outcome.set(Outcome::Ask(Box::new(file), name));
                        } else {
                            open.emit((Box::new(file), false));
                        }
                    }
                }
            });
        })
    };
    let message = match &*outcome {
        Outcome::Idle => html! {},
        Outcome::Refused(name, why) => {
            html! { <p class="field-error" role="alert">{ tr.f("import.refused", &[("name", name), ("why", why)]) }</p> }
        }
        Outcome::Done(msg) => html! { <p role="status">{ msg.clone() }</p> },
        Outcome::Ask(file, name) => {
            let date = file.completed_at.clone().unwrap_or_default();
            let keep = {
                let (open, f) = (open.clone(), file.clone());
                Callback::from(move |_| open.emit((f.clone(), true)))
            };
            let replace = {
                let (open, f) = (open.clone(), file.clone());
                Callback::from(move |_| open.emit((f.clone(), false)))
            };
            html! {
                <div class="confirm" role="alertdialog" aria-labelledby="ask-load">
                    <p id="ask-load">{ tr.f("import.same_enterprise", &[("name", name), ("date", &crate::domain::assessment::locale::format_date(&date, tr.lang))]) }</p>
                    <button type="button" class="btn btn-primary" onclick={keep}>{ tr.t("import.keep_earlier") }</button>
                    <button type="button" class="btn" onclick={replace}>{ tr.t("import.open_instead") }</button>
                </div>
            }
        }
    };
    html! {
        <div class="load-file">
            <label class="btn" for="load-file-input">{ tr.t("import.button") }</label>
            <input id="load-file-input" class="visually-hidden" type="file" accept=".json,application/json" {onchange} />
            <p class="hint">{ tr.t("import.hint") }</p>
            { message }
        </div>
    }
}
