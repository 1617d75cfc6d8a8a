//! The workshop page's I/O: starting, editing and ending the workshop, the batch exports (bundle, CSV, workbook
//! in the worker) and importing a bundle. The page only composes what this hook gives.
use crate::domain::APP_VERSION;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::records::batch::{self, day};
use crate::domain::records::bundle::{self, BundleImport};
use crate::domain::records::draft::{EnterpriseId, Uuid};
use crate::domain::records::workshop::WorkshopEdit;
use crate::ui::context::{AppHandle, Tr, use_app};
use crate::ui::describe::Describe;
use crate::ui::services::{browser, files, worker};
use crate::ui::state::Action;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// What the page needs.
#[derive(Clone, PartialEq)]
pub struct WorkshopIo {
    /// Start a workshop today.
    pub on_start: Callback<()>,
    /// One edit to its details.
    pub on_edit: Callback<WorkshopEdit>,
    /// End it.
    pub on_end: Callback<()>,
    /// Download the members as a bundle.
    pub on_bundle: Callback<()>,
    /// Download the members' results of a questionnaire as CSV.
    pub on_csv: Callback<Rc<Questionnaire>>,
    /// Download every result as a workbook.
    pub on_xlsx: Callback<()>,
    /// A bundle file picked.
    pub on_import: Callback<Event>,
    /// How the workbook is coming along.
    pub xlsx_status: Option<AttrValue>,
    /// What the last import did.
    pub import_report: Rc<Vec<AttrValue>>,
}

fn import_lines(tr: &Tr, name: &str, import: &BundleImport) -> Vec<AttrValue> {
    let mut lines = vec![tr.f(
        "ws.imported",
        &[
            ("name", name),
            ("count", &import.enterprises.len().to_string()),
            ("records", &import.records.to_string()),
        ],
    )];
    lines.extend(import.rejected.iter().map(|(pos, why)| {
        tr.f(
            "ws.rejected",
            &[
                ("name", name),
                ("pos", &pos.to_string()),
                ("why", &why.describe(tr)),
            ],
        )
    }));
    lines
}

async fn import(app: AppHandle, file: web_sys::File) -> Vec<AttrValue> {
    let tr = app.tr();
    let name = file.name();
    let refused = |why: &str| vec![tr.f("import.refused", &[("name", &name), ("why", why)])];
    let Ok(text) = files::read_text(file).await else {
        return refused(&tr.t("import.unreadable"));
    };
    let mut next = || EnterpriseId::from_random(browser::random_bytes());
    match bundle::import(&text, &app.questionnaires(), &mut next, &browser::now()) {
        Err(err) => refused(&err.describe(&tr)),
        Ok(import) => {
            let lines = import_lines(&tr, &name, &import);
            app.dispatch(Action::ImportBundle(Box::new(import)));
            lines
        }
    }
}

/// The members of the running workshop (every enterprise when none runs).
fn members(app: &AppHandle) -> Vec<&crate::domain::records::enterprise::Enterprise> {
    let ws = &app.workspace;
    ws.in_workshop(ws.workshop.as_ref().and_then(|w| w.id.as_ref()))
}

/// The hook.
#[hook]
pub fn use_workshop() -> WorkshopIo {
    let app = use_app();
    let xlsx_status = use_state(|| None::<AttrValue>);
    let import_report = use_state(|| Rc::new(Vec::<AttrValue>::new()));
    let on_start = {
        let app = app.clone();
        Callback::from(move |()| {
            app.dispatch(Action::StartWorkshop {
                id: Uuid::from_random(browser::random_bytes()),
                date: day(&browser::now()).to_string(),
            })
        })
    };
    let on_edit = {
        let app = app.clone();
        Callback::from(move |e: WorkshopEdit| app.dispatch(Action::EditWorkshop(e)))
    };
    let on_end = {
        let app = app.clone();
        Callback::from(move |()| app.dispatch(Action::EndWorkshop))
    };
    let on_bundle = {
        let app = app.clone();
        Callback::from(move |()| {
            let now = browser::now();
            let json = bundle::export(
                &members(&app),
                &app.questionnaires(),
                app.workspace.workshop.as_ref(),
                APP_VERSION,
                &now,
            );
            let name = format!("dxcheck-workshop-{}.json", day(&now));
            files::download(&name, "application/json", &json);
        })
    };
    let on_csv = {
        let app = app.clone();
        Callback::from(move |q: Rc<Questionnaire>| {
            let now = browser::now();
            let csv = batch::csv(&q, &members(&app), &app.catalog.size_rules, &now);
            files::download(
                &format!("dxcheck-{}-{}.csv", q.id, day(&now)),
                "text/csv",
                &csv,
            );
        })
    };
    let on_xlsx = {
        let (app, status) = (app.clone(), xlsx_status.clone());
        Callback::from(move |()| {
            let now = browser::now();
            let book = batch::workbook(
                &app.questionnaires(),
                &members(&app),
                &app.catalog.size_rules,
                &now,
            );
            let (status, tr) = (status.clone(), app.tr());
            status.set(Some(tr.t("ws.xlsx_working")));
            spawn_local(async move {
                match worker::render_xlsx(&book).await {
                    Ok(bytes) => {
                        files::download_bytes(
                            &format!("dxcheck-workshop-{}.xlsx", day(&now)),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            &bytes,
                        );
                        status.set(Some(tr.t("ws.xlsx_done")));
                    }
                    Err(err) => {
                        status.set(Some(tr.f("ws.xlsx_failed", &[("why", &err.describe(&tr))])))
                    }
                }
            });
        })
    };
    let on_import = {
        let (app, report) = (app.clone(), import_report.clone());
        Callback::from(move |e: Event| {
            let Some(file) = files::take_picked(&e) else {
                return;
            };
            let (app, report) = (app.clone(), report.clone());
            spawn_local(async move { report.set(Rc::new(import(app, file).await)) });
        })
    };
    WorkshopIo {
        on_start,
        on_edit,
        on_end,
        on_bundle,
        on_csv,
        on_xlsx,
        on_import,
        xlsx_status: (*xlsx_status).clone(),
        import_report: (*import_report).clone(),
    }
}
