//! The enterprises stored on this device: switch between them in one click, add, rename, duplicate for T1, delete.
use crate::domain::assessment::locale::format_date;
use crate::domain::records::draft::{EnterpriseId, Uuid};
use crate::domain::records::workspace::Workspace;
use crate::ui::components::enterprise_row::EnterpriseRow;
use crate::ui::context::use_app;
use crate::ui::describe::level_name;
use crate::ui::pages::storage_note::StorageNote;
use crate::ui::route::Route;
use crate::ui::services::browser;
use crate::ui::state::Action;
use yew::prelude::*;

fn fresh_ids(n: usize) -> Vec<Uuid> {
    (0..n)
        .map(|_| Uuid::from_random(browser::random_bytes()))
        .collect()
}

/// The enterprise list.
#[component]
pub fn EnterprisesPage() -> Html {
    let app = use_app();
    let tr = app.tr();
    let qs = app.questionnaires();
    let shared = app.workspace.shared_tax_codes();
    let rows = app.workspace.by_recent().into_iter().map(|e| {
        let id = e.id.clone();
        let title = if e.profile.name.trim().is_empty() { tr.t("report.unnamed") } else { AttrValue::from(e.profile.name.clone()) };
        let tax = e.profile.valid_tax_code();
        let duplicate = tax.as_ref().filter(|t| shared.contains_key(t.enterprise())).map(|t| tr.f("ent.same_tax", &[("tax", t.as_str())]));
        let progress: Vec<AttrValue> = Workspace::progress(e, &qs)
            .iter()
            .map(|p| {
                let q = qs.iter().find(|q| q.id == p.questionnaire);
                let title = q.map(|q| q.title.get(tr.lang).to_string()).unwrap_or_default();
                match (p.level, q) {
                    (Some(level), Some(q)) => tr.f("ent.done", &[("q", &title), ("level", &level.to_string()), ("name", &level_name(&tr, q, level))]),
                    _ => tr.f("ent.partial", &[("q", &title), ("done", &p.answered.0.to_string()), ("total", &p.answered.1.to_string())]),
                }
            })
            .collect();
        let progress = if progress.is_empty() { vec![tr.t("ent.not_started")] } else { progress };
        let backup_due = e.needs_backup().then(|| tr.t("ent.backup_due"));
        let on_open = {
            let (app, id) = (app.clone(), id.clone());
            Callback::from(move |()| {
                app.dispatch(Action::SwitchEnterprise(id.clone()));
                browser::go(&Route::Welcome);
            })
        };
        let on_rename = {
            let (app, id) = (app.clone(), id.clone());
            Callback::from(move |name: String| app.dispatch(Action::RenameEnterprise { id: id.clone(), name, now: browser::now() }))
        };
        let on_duplicate = {
            let (app, id) = (app.clone(), id.clone());
            Callback::from(move |()| app.dispatch(Action::DuplicateEnterprise { id: id.clone(), ids: fresh_ids(8), now: browser::now() }))
        };
        let on_delete = {
            let (app, id) = (app.clone(), id.clone());
            Callback::from(move |()| app.dispatch(Action::DeleteEnterprise { id: id.clone(), new_id: EnterpriseId::from_random(browser::random_bytes()), now: browser::now() }))
        };
        html! {
            <EnterpriseRow key={id.to_string()} tr={tr.clone()} id={format!("ent-{id}")} name={e.profile.name.clone()} {title}
                tax={tax.map(|t| tr.f("ent.tax", &[("tax", t.as_str())])).unwrap_or_default()} {duplicate} {progress}
                updated={tr.f("ent.updated", &[("date", &format_date(&e.updated_at, tr.lang))])} active={id == app.workspace.active} {backup_due}
                {on_open} {on_rename} {on_duplicate} {on_delete} />
        }
    });
    let add = {
        let app = app.clone();
        Callback::from(move |_| {
            app.dispatch(Action::CreateEnterprise {
                id: EnterpriseId::from_random(browser::random_bytes()),
                now: browser::now(),
            });
            browser::go(&Route::Welcome);
        })
    };
    let count = app.workspace.enterprises.len().to_string();
    html! {
        <section class="enterprises">
            <h1 id="page-title" tabindex="-1">{ tr.t("ent.title") }</h1>
            <p>{ tr.f("ent.lead", &[("count", &count)]) }</p>
            if let Some(w) = &app.workspace.workshop {
                <p class="badge st-ok">{ tr.f("ent.in_workshop", &[("name", if w.name.is_empty() { "…" } else { &w.name })]) }</p>
            }
            <StorageNote />
            <div class="actions">
                <button type="button" class="btn btn-primary" onclick={add}>{ tr.t("ent.add") }</button>
                <a class="btn" href="#/workshop">{ tr.t("ent.to_workshop") }</a>
            </div>
            <ol class="ent-list">{ for rows }</ol>
        </section>
    }
}
