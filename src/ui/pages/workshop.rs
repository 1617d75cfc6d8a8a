//! The workshop: its details (carried into every assessment and result file), the group view of its enterprises
//! (sortable table, small multiples, projector mode, anonymised codes), and the batch exports and bundle import.
//! The I/O is in [`use_workshop`]; the rows are derived in the domain and put into words once per change.
use crate::domain::assessment::text::QuestionnaireId;
use crate::domain::records::group::{GroupSort, sorted_rows};
use crate::ui::components::check_toggle::CheckToggle;
use crate::ui::components::group_table::GroupTable;
use crate::ui::components::radio_group::RadioGroup;
use crate::ui::components::small_multiples::SmallMultiples;
use crate::ui::components::workshop_details::WorkshopDetails;
use crate::ui::context::use_app;
use crate::ui::hooks::use_workshop::use_workshop;
use crate::ui::pages::paste_results::WorkshopPaste;
use crate::ui::pages::workshop_view::{GroupWords, details_words};
use crate::ui::shared::Shared;
use yew::prelude::*;

/// The workshop page.
#[component]
pub fn WorkshopPage() -> Html {
    let app = use_app();
    let tr = app.tr();
    let io = use_workshop();
    let chosen = use_state(|| QuestionnaireId("quick".into()));
    let sorted = use_state(GroupSort::default);
    let projector = use_state(|| false);
    let anonymise = use_state(|| false);
    let ws = &app.workspace;
    let members = ws.in_workshop(ws.workshop.as_ref().and_then(|w| w.id.as_ref()));
    let q = app
        .questionnaire(&chosen)
        .or_else(|| app.catalog.questionnaires.first().cloned());
    let group = {
        let deps = (
            q.clone().map(Shared),
            Shared(ws.clone()),
            *sorted,
            *anonymise,
            tr.clone(),
        );
        use_memo(deps, |(q, ws, by, anonymise, tr)| {
            let q = q.as_ref()?;
            let members = ws.in_workshop(ws.workshop.as_ref().and_then(|w| w.id.as_ref()));
            Some(GroupWords::of(
                tr,
                q,
                &sorted_rows(q, &members, *by),
                *anonymise,
            ))
        })
    };
    let details = use_memo(tr.clone(), details_words);
    let on_sort = {
        let sorted = sorted.clone();
        Callback::from(move |c: usize| sorted.set(sorted.clicked(c)))
    };
    let choices: Vec<(AttrValue, AttrValue)> = app
        .catalog
        .questionnaires
        .iter()
        .map(|x| (AttrValue::from(x.id.to_string()), tr.text(&x.title)))
        .collect();
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |id: AttrValue| chosen.set(QuestionnaireId(id.as_str().into())))
    };
    let toggle = |state: &UseStateHandle<bool>| {
        let state = state.clone();
        Callback::from(move |on: bool| state.set(on))
    };
    let on_csv = {
        let (on_csv, q) = (io.on_csv.clone(), q.clone());
        Callback::from(move |_| {
            if let Some(q) = &q {
                on_csv.emit(q.clone())
            }
        })
    };
    let (on_bundle, on_xlsx) = (io.on_bundle.reform(|_| ()), io.on_xlsx.reform(|_| ()));
    let class = classes!("workshop", projector.then_some("projector"));
    html! {
        <section {class}>
            <h1 id="page-title" tabindex="-1">{ tr.t("ws.title") }</h1>
            <p>{ tr.t("ws.lead") }</p>
            <WorkshopDetails workshop={ws.workshop.clone()} words={(*details).clone()} on_edit={io.on_edit.clone()}
                on_start={io.on_start.clone()} on_end={io.on_end.clone()} />
            <h2>{ tr.t("ws.group") }</h2>
            <p>{ tr.f("ws.members", &[("count", &members.len().to_string())]) }</p>
            <RadioGroup name="ws-q" legend={tr.t("ws.which_q")} options={choices} selected={Some(AttrValue::from(chosen.to_string()))} on_change={on_choose} />
            <div class="toggles">
                <CheckToggle id="ws-projector" label={tr.t("ws.projector")} checked={*projector} on_toggle={toggle(&projector)} />
                <CheckToggle id="ws-anon" label={tr.t("ws.anonymise")} checked={*anonymise} on_toggle={toggle(&anonymise)} />
            </div>
            if let Some(g) = &*group {
                if g.rows.is_empty() {
                    <p>{ tr.t("ws.empty") }</p>
                } else {
                    <GroupTable caption={g.caption.clone()} headers={g.headers.clone()} sorted={(sorted.column, sorted.descending)} rows={g.rows.clone()} {on_sort} />
                    <SmallMultiples charts={g.charts.clone()} />
                }
            }
            <h2>{ tr.t("ws.export") }</h2>
            <div class="actions">
                <button type="button" class="btn btn-primary" onclick={on_bundle}>{ tr.t("ws.bundle") }</button>
                <button type="button" class="btn" onclick={on_csv}>{ tr.t("ws.csv") }</button>
                <button type="button" class="btn" onclick={on_xlsx}>{ tr.t("ws.xlsx") }</button>
            </div>
            if let Some(msg) = &io.xlsx_status { <p role="status">{ msg.clone() }</p> }
            <h2>{ tr.t("ws.import") }</h2>
            <div class="load-file">
                <label class="btn" for="bundle-input">{ tr.t("ws.import_button") }</label>
                <input id="bundle-input" class="visually-hidden" type="file" accept=".json,application/json" onchange={io.on_import.clone()} />
                <p class="hint">{ tr.t("ws.import_hint") }</p>
                <div role="status"><ul class="import-report">{ for io.import_report.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul></div>
            </div>
            <h2>{ tr.t("paste.title") }</h2>
            <WorkshopPaste />
        </section>
    }
}
