//! The workshop: its details (carried into every assessment and result file), the group view of its enterprises
//! (sortable table, small multiples, projector mode, anonymised codes), and the batch exports and bundle import.
use crate::domain::APP_VERSION;
use crate::domain::advice::chart::RadarAxes;
use crate::domain::assessment::locale::format_permille;
use crate::domain::assessment::text::QuestionnaireId;
use crate::domain::records::bundle::{self};
use crate::domain::records::draft::Uuid;
use crate::domain::records::export::{Workbook, codebook, sheet, to_csv};
use crate::domain::records::group::{SortKey, rows, sort};
use crate::domain::records::result_file::ResultFile;
use crate::domain::records::workshop::WorkshopEdit;
use crate::ui::components::group_table::GroupTable;
use crate::ui::components::small_multiples::{Multiple, SmallMultiples};
use crate::ui::components::text_field::TextField;
use crate::ui::context::use_app;
use crate::ui::describe::Describe;
use crate::ui::pages::paste_results::WorkshopPaste;
use crate::ui::services::{browser, files, worker};
use crate::ui::state::Action;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

/// The workshop page.
#[component]
pub fn WorkshopPage() -> Html {
    let app = use_app();
    let tr = app.tr();
    let chosen = use_state(|| QuestionnaireId("quick".into()));
    let sorted = use_state(|| (0usize, false));
    let projector = use_state(|| false);
    let anonymise = use_state(|| false);
    let import_report = use_state(Vec::<AttrValue>::new);
    let ws = &app.workspace;
    let workshop_id = ws.workshop.as_ref().and_then(|w| w.id.clone());
    let members = ws.in_workshop(workshop_id.as_ref());

    let edit = |f: fn(String) -> WorkshopEdit| {
        let app = app.clone();
        Callback::from(move |v: String| app.dispatch(Action::EditWorkshop(f(v))))
    };
    let start = {
        let app = app.clone();
        Callback::from(move |_| {
            let date = browser::now().get(..10).unwrap_or_default().to_string();
            app.dispatch(Action::StartWorkshop {
                id: Uuid::from_random(browser::random_bytes()),
                date,
            });
        })
    };
    let end = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::EndWorkshop))
    };
    let details = match &ws.workshop {
        Some(w) => html! {
            <fieldset class="question">
                <legend>{ tr.t("ws.details") }</legend>
                <TextField id="ws-name" label={tr.t("ws.name")} value={w.name.clone()} on_change={edit(WorkshopEdit::Name)} />
                <TextField id="ws-advisor" label={tr.t("ws.advisor")} value={w.advisor.clone()} autocomplete="name" on_change={edit(WorkshopEdit::Advisor)} />
                <TextField id="ws-org" label={tr.t("ws.organisation")} value={w.organisation.clone()} autocomplete="organization" on_change={edit(WorkshopEdit::Organisation)} />
                <TextField id="ws-date" label={tr.t("ws.date")} value={w.date.clone()} input_type="date" on_change={edit(WorkshopEdit::Date)} />
                <TextField id="ws-place" label={tr.t("ws.place")} value={w.place.clone()} on_change={edit(WorkshopEdit::Place)} />
                <p class="hint">{ tr.t("ws.carried") }</p>
                <button type="button" class="btn btn-quiet" onclick={end}>{ tr.t("ws.end") }</button>
            </fieldset>
        },
        None => html! {
            <div class="card">
                <p>{ tr.t("ws.none") }</p>
                <button type="button" class="btn btn-primary" onclick={start}>{ tr.t("ws.start") }</button>
            </div>
        },
    };

    // Group view for the chosen questionnaire.
    let q = app
        .questionnaire(&chosen)
        .or_else(|| app.catalog.questionnaires.first().cloned());
    let group = q.as_ref().map(|q| {
        let mut list = rows(q, &members);
        let (col, desc) = *sorted;
        let key = match col {
            0 => SortKey::Code,
            1 => SortKey::Overall,
            n => SortKey::Dimension(n - 2),
        };
        sort(&mut list, key, desc);
        let who = |r: &crate::domain::records::group::GroupRow| {
            if *anonymise || r.name.trim().is_empty() {
                r.code.clone()
            } else {
                format!("{} · {}", r.code, r.name)
            }
        };
        let cell = |s: &crate::domain::assessment::level::Share, l: u8| {
            AttrValue::from(
                tr.f(
                    "ws.cell",
                    &[
                        ("pct", &format_permille(s.permille(), tr.lang)),
                        ("level", &l.to_string()),
                    ],
                )
                .to_string(),
            )
        };
        let mut headers = vec![tr.t("ws.col_enterprise"), tr.t("road.overall")];
        headers.extend(q.dimensions.iter().map(|d| tr.text(&d.name)));
        let table: Vec<Vec<AttrValue>> = list
            .iter()
            .map(|r| {
                let mut row = vec![
                    AttrValue::from(if r.complete {
                        who(r)
                    } else {
                        format!("{} ({})", who(r), tr.t("ws.incomplete"))
                    }),
                    cell(&r.overall.0, r.overall.1),
                ];
                row.extend(r.dimensions.iter().map(|(s, l)| cell(s, *l)));
                row
            })
            .collect();
        let axes = RadarAxes::of(q, tr.lang);
        let charts: Vec<Multiple> = list
            .iter()
            .map(|r| {
                let values: Vec<f64> = r.dimensions.iter().map(|(s, _)| s.ratio()).collect();
                let parts: Vec<String> = axes
                    .names
                    .iter()
                    .zip(&r.dimensions)
                    .map(|(n, (s, _))| format!("{n} {}", format_permille(s.permille(), tr.lang)))
                    .collect();
                Multiple {
                    label: tr.f(
                        "ws.multiple",
                        &[("who", &who(r)), ("level", &r.overall.1.to_string())],
                    ),
                    summary: tr.f(
                        "ws.multiple_summary",
                        &[("who", &who(r)), ("values", &parts.join("; "))],
                    ),
                    geometry: axes.layout(&[values], 200.0, 170.0),
                }
            })
            .collect();
        (q.clone(), headers, table, charts)
    });
    let on_sort = {
        let sorted = sorted.clone();
        Callback::from(move |c: usize| {
            let (col, desc) = *sorted;
            sorted.set(if col == c { (c, !desc) } else { (c, c > 0) });
        })
    };
    let q_options = app.catalog.questionnaires.iter().map(|x| {
        let id = x.id.clone();
        let chosen = chosen.clone();
        let checked = *chosen == x.id;
        let onchange = Callback::from(move |_: Event| chosen.set(id.clone()));
        let input_id = format!("ws-q-{}", x.id);
        html! { <label class="option" for={input_id.clone()}><input type="radio" id={input_id} name="ws-q" {checked} {onchange} /><span>{ tr.text(&x.title) }</span></label> }
    });
    let toggle = |state: &UseStateHandle<bool>| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            state.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };

    // Exports and import.
    let on_bundle = {
        let app = app.clone();
        let members: Vec<crate::domain::records::enterprise::Enterprise> =
            members.iter().map(|e| (*e).clone()).collect();
        Callback::from(move |_| {
            let refs: Vec<&crate::domain::records::enterprise::Enterprise> =
                members.iter().collect();
            let now = browser::now();
            let json = bundle::export(
                &refs,
                &app.questionnaires(),
                app.workspace.workshop.as_ref(),
                APP_VERSION,
                &now,
            );
            files::download(
                &format!(
                    "dxcheck-workshop-{}.json",
                    now.get(..10).unwrap_or_default()
                ),
                "application/json",
                &json,
            );
        })
    };
    let on_csv = {
        let app = app.clone();
        let q = q.clone();
        let members: Vec<crate::domain::records::enterprise::Enterprise> =
            members.iter().map(|e| (*e).clone()).collect();
        Callback::from(move |_| {
            let Some(q) = &q else { return };
            let now = browser::now();
            let results: Vec<ResultFile> = members
                .iter()
                .filter_map(|e| {
                    e.drafts
                        .get(&q.id)
                        .map(|d| e.mark(ResultFile::build(q, d, &e.profile, APP_VERSION, &now)))
                })
                .collect();
            let csv = to_csv(q, &results, &app.catalog.size_rules);
            files::download(
                &format!("dxcheck-{}-{}.csv", q.id, now.get(..10).unwrap_or_default()),
                "text/csv",
                &csv,
            );
        })
    };
    let xlsx_status = use_state(|| None::<AttrValue>);
    let on_xlsx = {
        let app = app.clone();
        let status = xlsx_status.clone();
        let members: Vec<crate::domain::records::enterprise::Enterprise> =
            members.iter().map(|e| (*e).clone()).collect();
        Callback::from(move |_| {
            let now = browser::now();
            let qs = app.questionnaires();
            let results: Vec<ResultFile> = members
                .iter()
                .flat_map(|e| {
                    qs.iter().filter_map(|q| {
                        e.drafts
                            .get(&q.id)
                            .map(|d| e.mark(ResultFile::build(q, d, &e.profile, APP_VERSION, &now)))
                    })
                })
                .collect();
            let mut book = Workbook {
                sheets: qs
                    .iter()
                    .map(|q| sheet(q, &results, &app.catalog.size_rules))
                    .collect(),
            };
            book.sheets.push(codebook(&qs));
            let (status, tr) = (status.clone(), app.tr());
            status.set(Some(tr.t("ws.xlsx_working")));
            spawn_local(async move {
                match worker::render_xlsx(&book).await {
                    Ok(bytes) => {
                        files::download_bytes(
                            &format!(
                                "dxcheck-workshop-{}.xlsx",
                                now.get(..10).unwrap_or_default()
                            ),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            &bytes,
                        );
                        status.set(Some(tr.t("ws.xlsx_done")));
                    }
                    Err(err) => status.set(Some(tr.f("ws.xlsx_failed", &[("why", &err)]))),
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
            let name = file.name();
            let (app, report) = (app.clone(), report.clone());
            spawn_local(async move {
                let tr = app.tr();
                let Ok(text) = files::read_text(file).await else {
                    return report.set(vec![tr.f(
                        "import.refused",
                        &[("name", &name), ("why", &tr.t("import.unreadable"))],
                    )]);
                };
                let mut next = || Uuid::from_random(browser::random_bytes());
                match bundle::import(&text, &app.questionnaires(), &mut next, &browser::now()) {
                    Err(err) => report.set(vec![tr.f(
                        "import.refused",
                        &[("name", &name), ("why", &err.describe(&tr))],
                    )]),
                    Ok(import) => {
                        let mut lines = vec![tr.f(
                            "ws.imported",
                            &[
                                ("name", &name),
                                ("count", &import.enterprises.len().to_string()),
                                ("records", &import.records.to_string()),
                            ],
                        )];
                        lines.extend(import.rejected.iter().map(|(pos, why)| {
                            tr.f(
                                "ws.rejected",
                                &[
                                    ("name", &name),
                                    ("pos", &pos.to_string()),
                                    ("why", &why.describe(&tr)),
                                ],
                            )
                        }));
                        report.set(lines);
                        app.dispatch(Action::ImportBundle(Box::new(import)));
                    }
                }
            });
        })
    };

    let class = classes!("workshop", projector.then_some("projector"));
    html! {
        <section {class}>
            <h1 id="page-title" tabindex="-1">{ tr.t("ws.title") }</h1>
            <p>{ tr.t("ws.lead") }</p>
            { details }
            <h2>{ tr.t("ws.group") }</h2>
            <p>{ tr.f("ws.members", &[("count", &members.len().to_string())]) }</p>
            <fieldset class="subfield"><legend>{ tr.t("ws.which_q") }</legend><div class="options">{ for q_options }</div></fieldset>
            <div class="toggles">
                <label class="option" for="ws-projector"><input type="checkbox" id="ws-projector" checked={*projector} onchange={toggle(&projector)} /><span>{ tr.t("ws.projector") }</span></label>
                <label class="option" for="ws-anon"><input type="checkbox" id="ws-anon" checked={*anonymise} onchange={toggle(&anonymise)} /><span>{ tr.t("ws.anonymise") }</span></label>
            </div>
            if let Some((q, headers, table, charts)) = group {
                if table.is_empty() {
                    <p>{ tr.t("ws.empty") }</p>
                } else {
                    <GroupTable caption={tr.f("ws.caption", &[("q", q.title.get(tr.lang))])} {headers} sorted={*sorted} rows={table} {on_sort} />
                    <SmallMultiples {charts} />
                }
            }
            <h2>{ tr.t("ws.export") }</h2>
            <div class="actions">
                <button type="button" class="btn btn-primary" onclick={on_bundle}>{ tr.t("ws.bundle") }</button>
                <button type="button" class="btn" onclick={on_csv}>{ tr.t("ws.csv") }</button>
                <button type="button" class="btn" onclick={on_xlsx}>{ tr.t("ws.xlsx") }</button>
            </div>
            if let Some(msg) = &*xlsx_status { <p role="status">{ msg.clone() }</p> }
            <h2>{ tr.t("ws.import") }</h2>
            <div class="load-file">
                <label class="btn" for="bundle-input">{ tr.t("ws.import_button") }</label>
                <input id="bundle-input" class="visually-hidden" type="file" accept=".json,application/json" onchange={on_import} />
                <p class="hint">{ tr.t("ws.import_hint") }</p>
                <div role="status"><ul class="import-report">{ for import_report.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul></div>
            </div>
            <h2>{ tr.t("paste.title") }</h2>
            <WorkshopPaste />
        </section>
    }
}
