//! The province dashboard: import many files (drag and drop or picker), check every record in the web worker, and
//! show progress toward the target with breakdowns, programmes, barriers, T0 → T1, the enterprise table, exports
//! and the anonymised benchmark. The imported files stay in IndexedDB until cleared.
use crate::domain::advice::chart::{scaled, stacked};
use crate::domain::assessment::locale::{format_int, format_permille};
use crate::domain::province::benchmark::Benchmark;
use crate::domain::province::roster::Roster;
use crate::domain::province::tally::{
    Admission, Levels, Tally, enterprise_sheet, sheets, sheets_csv,
};
use crate::domain::records::export::Workbook;
use crate::domain::records::reader::Refused;
use crate::domain::records::result_code::find_codes;
use crate::domain::records::workspace::Added;
use crate::ui::components::data_table::DataTable;
use crate::ui::components::enterprise_table::EnterpriseTable;
use crate::ui::components::paste_box::PasteBox;
use crate::ui::components::stacked_bars::{StackRow, StackedBars};
use crate::ui::context::{Tr, use_app};
use crate::ui::describe::Describe;
use crate::ui::pages::paste_results::{Pasted, read_paste, report_lines};
use crate::ui::services::{browser, files, idb, worker};
use crate::ui::shared::Shared;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

const TARGET_KEY: &str = "dxcheck.v1.target";

/// Where the dashboard stands.
#[derive(Clone, PartialEq)]
enum Phase {
    Empty,
    Working(f64),
    /// The figures (their `enterprises` left empty), the refusals, and the enterprise list once it has come.
    Ready(Rc<Tally>, Rc<Vec<Refused>>, Option<Shared<Roster>>),
    Failed(AttrValue),
}

fn stack_rows(
    tr: &Tr,
    m: &BTreeMap<String, Levels>,
    label: &dyn Fn(&str) -> String,
) -> Vec<StackRow> {
    m.iter()
        .map(|(k, l)| StackRow {
            label: AttrValue::from(label(k)),
            total: tr.f(
                "prov.n",
                &[("n", &format_int(u64::from(l.iter().sum::<u32>()), tr.lang))],
            ),
            segments: stacked(l),
            cells: l.iter().map(|n| AttrValue::from(n.to_string())).collect(),
        })
        .collect()
}

/// A key as it is, or "not given" when empty.
fn plain_label(tr: &Tr, k: &str) -> String {
    if k.is_empty() {
        tr.t("prov.not_given").to_string()
    } else {
        k.to_string()
    }
}

/// A breakdown as table rows: the label, the count, then the count at each level.
fn level_rows(m: &BTreeMap<String, Levels>, label: &dyn Fn(&str) -> String) -> Vec<Vec<AttrValue>> {
    m.iter()
        .map(|(k, l)| {
            let mut r = vec![
                AttrValue::from(label(k)),
                AttrValue::from(l.iter().sum::<u32>().to_string()),
            ];
            r.extend(l.iter().map(|n| AttrValue::from(n.to_string())));
            r
        })
        .collect()
}

/// The figures of a tally (its enterprise list comes apart) and the refusals.
type Figures = (Rc<Tally>, Rc<Vec<Refused>>);

/// Tallies the stored files; with `watch`, also hears what each record of the last one (codes just pasted) did.
fn run(
    app: &crate::ui::context::AppHandle,
    phase: UseStateHandle<Phase>,
    target: u32,
    watch: Option<Callback<Vec<Admission>>>,
) {
    let app = app.clone();
    spawn_local(async move {
        let stored = match idb::all().await {
            Ok(f) => f,
            Err(e) => return phase.set(Phase::Failed(AttrValue::from(e))),
        };
        if stored.is_empty() {
            return phase.set(Phase::Empty);
        }
        let watched = watch.as_ref().map(|_| stored.len() - 1);
        phase.set(Phase::Working(0.0));
        let p = phase.clone();
        let progress = Callback::from(move |(done, total): (f64, f64)| {
            p.set(Phase::Working(if total > 0.0 { done / total } else { 0.0 }))
        });
        let started = js_sys::Date::now();
        let mark = move |name: &str| {
            if let Some(doc) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = doc.set_attribute(name, &format!("{:.0}", js_sys::Date::now() - started));
            }
        };
        // The figures show as soon as they are known; the enterprise list follows.
        let shown: Rc<RefCell<Option<Figures>>> = Rc::default();
        let on_figures = {
            let (phase, shown, app) = (phase.clone(), shown.clone(), app.clone());
            Callback::from(
                move |figures: Result<worker::TallyOutcome, String>| match figures {
                    Ok(f) => {
                        mark("data-tally-ms");
                        if let Some(w) = &watch {
                            w.emit(f.watched.clone());
                        }
                        let (t, r) = (Rc::new(f.tally), Rc::new(f.rejected));
                        *shown.borrow_mut() = Some((t.clone(), r.clone()));
                        phase.set(Phase::Ready(t, r, None));
                    }
                    Err(e) => phase.set(Phase::Failed(app.tr().f("prov.failed", &[("why", &e)]))),
                },
            )
        };
        let outcome = worker::tally(&stored, target, watched, progress, on_figures).await;
        // Ready for the next import.
        worker::prewarm();
        let figures = shown.borrow_mut().take();
        match (outcome, figures) {
            (Ok(lines), Some((t, r))) => {
                mark("data-lines-ms");
                phase.set(Phase::Ready(
                    t,
                    r,
                    Some(Shared(Rc::new(Roster::new(lines)))),
                ));
            }
            // The figures could not be read: `on_figures` has already said so.
            (Ok(_), None) => {}
            (Err(e), _) => phase.set(Phase::Failed(app.tr().f("prov.failed", &[("why", &e)]))),
        }
    });
}

/// Props of [`Communes`].
#[derive(Properties, PartialEq)]
struct CommunesProps {
    tr: Tr,
    tally: Shared<Tally>,
    headers: Vec<AttrValue>,
}

/// The breakdown by commune (a thousand rows and more for a province), built only when it is opened.
#[component]
fn Communes(props: &CommunesProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::Element>()
                    .has_attribute("open"),
            )
        })
    };
    let tr = &props.tr;
    let table = if *open {
        let rows = level_rows(&props.tally.0.by_commune, &|k| plain_label(tr, k));
        html! { <DataTable caption={tr.t("prov.by_commune")} headers={props.headers.clone()} rows={rows} /> }
    } else {
        Html::default()
    };
    html! {
        <details class="chart-table" {ontoggle}>
            <summary>{ tr.t("prov.by_commune") }</summary>
            { table }
        </details>
    }
}

/// The province dashboard.
#[component]
pub fn ProvincePage() -> Html {
    let app = use_app();
    let tr = app.tr();
    let phase = use_state(|| Phase::Empty);
    let target = use_state(|| {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(TARGET_KEY).ok().flatten())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(1000)
    });
    {
        let (app, phase, target) = (app.clone(), phase.clone(), *target);
        use_effect_with((), move |_| {
            // The workers load while the person picks files.
            worker::prewarm();
            run(&app, phase, target, None);
            worker::release
        });
    }
    let import = {
        let (app, phase, target) = (app.clone(), phase.clone(), target.clone());
        Callback::from(move |list: web_sys::FileList| {
            let (app, phase, target) = (app.clone(), phase.clone(), *target);
            // Take the files out now: the input's list empties once the input is reset.
            let picked: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            spawn_local(async move {
                phase.set(Phase::Working(0.0));
                // The files are stored as they are and read by the worker: an unreadable one is reported there.
                if let Err(e) = idb::add(&picked).await {
                    return phase.set(Phase::Failed(AttrValue::from(e)));
                }
                run(&app, phase, target, None);
            });
        })
    };
    let on_pick = {
        let import = import.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(list) = input.files() {
                import.emit(list);
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let import = import.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
                import.emit(list);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_target = {
        let (app, phase, target) = (app.clone(), phase.clone(), target.clone());
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(n) = v.trim().parse::<u32>().map(|n| n.max(1)) {
                if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
                    let _ = s.set_item(TARGET_KEY, &n.to_string());
                }
                target.set(n);
                run(&app, phase.clone(), n, None);
            }
        })
    };
    let on_clear = {
        let phase = phase.clone();
        Callback::from(move |_| {
            let phase = phase.clone();
            spawn_local(async move {
                let _ = idb::clear().await;
                phase.set(Phase::Empty);
            });
        })
    };
    // Pasted links and codes: the good ones are kept in IndexedDB as a text file beside the imported files and
    // counted like them; the tally says what each did.
    let pasted = use_state(|| None::<(Vec<Pasted>, Option<Vec<Added>>)>);
    let on_paste = {
        let (app, phase, target, pasted) =
            (app.clone(), phase.clone(), target.clone(), pasted.clone());
        Callback::from(move |text: String| {
            let tr = app.tr();
            let (report, files) = read_paste(&tr, &text, &app.questionnaires());
            let good: Vec<&str> = find_codes(&text)
                .into_iter()
                .zip(&report)
                .filter(|(_, p)| p.outcome.is_ok())
                .map(|(f, _)| f.code)
                .collect();
            if files.is_empty() {
                return pasted.set(Some((report, Some(Vec::new()))));
            }
            pasted.set(Some((report.clone(), None)));
            let name = format!("pasted-{}.txt", browser::now().replace([':', '.'], "-"));
            let body = good.join("\n") + "\n";
            let (app, phase, target, pasted) =
                (app.clone(), phase.clone(), *target, pasted.clone());
            spawn_local(async move {
                let file = match files::text_file(&name, &body) {
                    Some(f) => f,
                    None => return phase.set(Phase::Failed(app.tr().t("prov.paste_failed"))),
                };
                if let Err(e) = idb::add(&[file]).await {
                    return phase.set(Phase::Failed(AttrValue::from(e)));
                }
                let heard = Callback::from(move |watched: Vec<Admission>| {
                    let done = watched
                        .iter()
                        .map(|a| match a {
                            Admission::New => Added::New,
                            Admission::AlreadyThere => Added::AlreadyThere,
                            Admission::Updated => Added::Updated,
                        })
                        .collect();
                    pasted.set(Some((report.clone(), Some(done))));
                });
                run(&app, phase, target, Some(heard));
            });
        })
    };
    let (paste_summary, paste_report) = match &*pasted {
        Some((p, Some(done))) => {
            let (s, r) = report_lines(&tr, p, done);
            (Some(s), r)
        }
        Some((_, None)) => (Some(tr.t("prov.working")), Vec::new()),
        None => (None, Vec::new()),
    };
    let paste_busy = matches!(&*pasted, Some((_, None)));
    let importer = html! {
        <div class="dropzone" ondrop={on_drop} ondragover={on_drag_over}>
            <p>{ tr.t("prov.drop") }</p>
            <label class="btn btn-primary" for="prov-files">{ tr.t("prov.pick") }</label>
            <input id="prov-files" class="visually-hidden" type="file" multiple=true accept=".json,.jsonl,.ndjson,.csv,application/json,text/csv" onchange={on_pick} />
            <p class="hint">{ tr.t("prov.formats") }</p>
        </div>
    };
    let body = match &*phase {
        Phase::Empty => html! { <p>{ tr.t("prov.none_yet") }</p> },
        Phase::Working(f) => html! {
            <div role="status">
                <label for="prov-progress">{ tr.t("prov.working") }</label>
                <progress id="prov-progress" max="1000" value={((f * 1000.0) as u32).to_string()}></progress>
            </div>
        },
        Phase::Failed(msg) => html! { <p class="field-error" role="alert">{ msg.clone() }</p> },
        Phase::Ready(t, rejected, lines) => {
            dashboard(&app, &tr, t, rejected, lines.as_ref(), on_clear.clone())
        }
    };
    html! {
        <section class="province">
            <h1 id="page-title" tabindex="-1">{ tr.t("prov.title") }</h1>
            <p>{ tr.t("prov.lead") }</p>
            <div class="field">
                <label for="prov-target">{ tr.t("prov.target") }</label>
                <input id="prov-target" type="number" min="1" inputmode="numeric" value={target.to_string()} onchange={on_target} />
            </div>
            { importer }
            <details class="paste-section">
                <summary>{ tr.t("paste.title") }</summary>
                <PasteBox id="prov-paste" label={tr.t("paste.label")} hint={tr.t("paste.hint")} button={tr.t("paste.button_prov")}
                    summary={paste_summary} report={paste_report} busy={paste_busy} on_paste={on_paste} />
            </details>
            { body }
        </section>
    }
}

fn dashboard(
    app: &crate::ui::context::AppHandle,
    tr: &Tr,
    t: &Rc<Tally>,
    rejected: &Rc<Vec<Refused>>,
    lines: Option<&Shared<Roster>>,
    on_clear: Callback<MouseEvent>,
) -> Html {
    let level_names: Vec<AttrValue> = (0..6u8)
        .map(|l| {
            let name = app
                .catalog
                .questionnaires
                .first()
                .and_then(|q| q.levels.band(l))
                .map(|b| b.name.get(tr.lang).to_string())
                .unwrap_or_default();
            tr.f(
                "results.level_named",
                &[("n", &l.to_string()), ("name", &name)],
            )
        })
        .collect();
    let mut level_headers = vec![tr.t("prov.col_group"), tr.t("prov.col_n")];
    level_headers.extend((0..6).map(|l| tr.f("results.level_n", &[("n", &l.to_string())])));
    let pct = |n: u32, of: u32| {
        format_permille(
            if of == 0 {
                0
            } else {
                (u64::from(n) * 1000 / u64::from(of)) as u32
            },
            tr.lang,
        )
    };
    let progress_width =
        crate::domain::advice::chart::bar_width(crate::domain::assessment::level::Share::new(
            u128::from(t.counted.min(t.target)),
            u128::from(t.target.max(1)),
        ));
    let level_widths = scaled(&t.by_level);
    let province_name = |code: &str| {
        app.catalog
            .provinces
            .get(code)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| {
                if code.is_empty() {
                    tr.t("prov.not_given").to_string()
                } else {
                    code.to_string()
                }
            })
    };
    let qname = |id: &str| {
        app.catalog
            .questionnaires
            .iter()
            .find(|q| q.id.as_str() == id)
            .map(|q| q.title.get(tr.lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let plain = |k: &str| plain_label(tr, k);
    let sector_name = |k: &str| match k {
        "agri_industry_construction" => tr.t("profile.sector_agri").to_string(),
        "trade_services" => tr.t("profile.sector_trade").to_string(),
        _ => tr.t("prov.not_given").to_string(),
    };
    let size_name = |k: &str| match k {
        "micro" => tr.t("size.micro").to_string(),
        "small" => tr.t("size.small").to_string(),
        "medium" => tr.t("size.medium").to_string(),
        "household" => tr.t("profile.entity_household").to_string(),
        "above_medium" => tr.t("size.above").to_string(),
        _ => tr.t("prov.not_given").to_string(),
    };
    let chart = |title: &'static str, rows: Vec<StackRow>| {
        html! { <StackedBars title={tr.t(title)} legend={level_names.clone()} headers={level_headers.clone()} rows={rows} table_label={tr.t("results.as_table")} /> }
    };
    let dims: Vec<StackRow> = t
        .dimensions
        .iter()
        .map(|d| {
            let q = app
                .catalog
                .questionnaires
                .iter()
                .find(|q| q.id.as_str() == d.questionnaire);
            let name = q
                .and_then(|q| q.dimensions.iter().find(|x| x.id.as_str() == d.dimension))
                .map(|x| x.name.get(tr.lang).to_string())
                .unwrap_or_else(|| d.dimension.clone());
            StackRow {
                label: tr.f(
                    "prov.dim_label",
                    &[
                        ("q", &qname(&d.questionnaire)),
                        ("dim", &name),
                        ("mean", &format_permille(d.mean_permille, tr.lang)),
                    ],
                ),
                total: tr.f("prov.n", &[("n", &d.n.to_string())]),
                segments: stacked(&d.levels),
                cells: d
                    .levels
                    .iter()
                    .map(|n| AttrValue::from(n.to_string()))
                    .collect(),
            }
        })
        .collect();
    let programmes: Vec<Vec<AttrValue>> = t
        .programmes
        .iter()
        .map(|(id, n)| {
            let title = app
                .catalog
                .programmes
                .programmes
                .iter()
                .find(|p| &p.id == id)
                .map(|p| p.title.get(tr.lang).to_string())
                .unwrap_or_else(|| id.clone());
            vec![
                AttrValue::from(title),
                AttrValue::from(n.to_string()),
                AttrValue::from(pct(*n, t.by_level.iter().sum())),
            ]
        })
        .collect();
    let barrier_label = |id: &str| {
        app.catalog
            .questionnaires
            .iter()
            .flat_map(|q| q.questions.iter())
            .filter(|q| q.topic.as_deref() == Some("barriers"))
            .flat_map(|q| q.kind.options().iter())
            .find(|o| o.id.as_str() == id)
            .map(|o| o.label.get(tr.lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let barriers: Vec<Vec<AttrValue>> = t
        .barriers
        .iter()
        .map(|(id, n)| {
            vec![
                AttrValue::from(barrier_label(id)),
                AttrValue::from(n.to_string()),
            ]
        })
        .collect();
    let tally = t.clone();
    let export = |kind: &'static str| {
        let tally = tally.clone();
        let list = lines.cloned();
        Callback::from(move |_| {
            let now = browser::now();
            let day = now.get(..10).unwrap_or_default().to_string();
            match kind {
                "agg_csv" => files::download(
                    &format!("dxcheck-tally-{day}.csv"),
                    "text/csv",
                    &sheets_csv(&sheets(&tally)),
                ),
                "ent_csv" => files::download(
                    &format!("dxcheck-enterprises-{day}.csv"),
                    "text/csv",
                    &sheets_csv(&[enterprise_sheet(list.as_ref().map_or(&[], |l| l.lines()))]),
                ),
                "benchmark" => {
                    let b = Benchmark::new(tally.benchmark.clone(), "", &now);
                    files::download(
                        &format!("dxcheck-benchmark-{day}.json"),
                        "application/json",
                        &serde_json::to_string_pretty(&b).unwrap_or_default(),
                    );
                }
                _ => {
                    let book = Workbook {
                        sheets: if kind == "agg_xlsx" {
                            sheets(&tally)
                        } else {
                            vec![enterprise_sheet(list.as_ref().map_or(&[], |l| l.lines()))]
                        },
                    };
                    let name = format!(
                        "dxcheck-{}-{day}.xlsx",
                        if kind == "agg_xlsx" {
                            "tally"
                        } else {
                            "enterprises"
                        }
                    );
                    spawn_local(async move {
                        if let Ok(bytes) = worker::render_xlsx(&book).await {
                            files::download_bytes(
                                &name,
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                &bytes,
                            );
                        }
                    });
                }
            }
        })
    };
    let level_bars = (0..6).map(|l| {
        html! {
            <li class="bar-row">
                <div class="bar-head"><span class="bar-name">{ level_names[l].clone() }</span><span class="bar-level">{ format_int(u64::from(t.by_level[l]), tr.lang) }</span></div>
                <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect class="bar-bg" x="0" y="0" width="100" height="10" />
                    <rect class={format!("bar-fill lvl-{l}")} x="0" y="0" width={level_widths[l].clone()} height="10" />
                </svg>
            </li>
        }
    });
    let rejected_list = rejected
        .iter()
        .take(200)
        .map(|r| html! { <li>{ r.describe(tr) }</li> });
    let list_pending = lines.is_none();
    let figures = vec![
        vec![
            tr.t("prov.fig_counted"),
            AttrValue::from(format_int(u64::from(t.counted), tr.lang)),
        ],
        vec![
            tr.t("prov.fig_merged"),
            AttrValue::from(format_int(u64::from(t.merged), tr.lang)),
        ],
        vec![
            tr.t("prov.fig_untaxed"),
            AttrValue::from(format_int(u64::from(t.without_tax_code), tr.lang)),
        ],
        vec![
            tr.t("prov.fig_drafts"),
            AttrValue::from(format_int(u64::from(t.drafts), tr.lang)),
        ],
        vec![
            tr.t("prov.fig_records"),
            AttrValue::from(format_int(u64::from(t.records), tr.lang)),
        ],
        vec![
            tr.t("prov.fig_repeated"),
            AttrValue::from(format_int(u64::from(t.repeated), tr.lang)),
        ],
        vec![
            tr.t("prov.fig_rejected"),
            AttrValue::from(format_int(rejected.len() as u64, tr.lang)),
        ],
        vec![
            tr.t("prov.fig_reassessed"),
            AttrValue::from(format_int(u64::from(t.reassessed), tr.lang)),
        ],
        vec![
            tr.t("prov.fig_improved"),
            AttrValue::from(format_int(u64::from(t.improved), tr.lang)),
        ],
    ];
    html! {
        <>
            <section class="target-card" aria-labelledby="target-h">
                <h2 id="target-h">{ tr.t("prov.progress") }</h2>
                <p class="target-figure" id="target-figure">{ tr.f("prov.progress_text", &[("counted", &format_int(u64::from(t.counted), tr.lang)), ("target", &format_int(u64::from(t.target), tr.lang)), ("pct", &pct(t.counted, t.target))]) }</p>
                <svg class="bar-track big" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect class="bar-bg" x="0" y="0" width="100" height="10" />
                    <rect class="bar-fill lvl-4" x="0" y="0" width={progress_width} height="10" />
                </svg>
                <DataTable caption={tr.t("prov.figures")} headers={vec![tr.t("prov.col_figure"), tr.t("prov.col_value")]} rows={figures} />
                <p class="hint">{ tr.t("prov.rules") }</p>
            </section>
            if !rejected.is_empty() {
                <details class="rejected" open=true>
                    <summary>{ tr.f("prov.rejected", &[("count", &rejected.len().to_string())]) }</summary>
                    <ul>{ for rejected_list }</ul>
                </details>
            }
            <h2>{ tr.t("prov.by_level") }</h2>
            <ul class="bars" aria-label={tr.t("prov.by_level")}>{ for level_bars }</ul>
            <h2>{ tr.t("prov.dimensions") }</h2>
            { chart("prov.dimensions_chart", dims) }
            <h2>{ tr.t("prov.breakdowns") }</h2>
            { chart("prov.by_questionnaire", stack_rows(tr, &t.by_questionnaire, &qname)) }
            { chart("prov.by_sector", stack_rows(tr, &t.by_sector, &sector_name)) }
            { chart("prov.by_size", stack_rows(tr, &t.by_size, &size_name)) }
            <DataTable caption={tr.t("prov.by_province")} headers={level_headers.clone()} rows={level_rows(&t.by_province, &province_name)} />
            <DataTable caption={tr.t("prov.by_month")} headers={level_headers.clone()} rows={level_rows(&t.by_month, &plain)} />
            <Communes tr={tr.clone()} tally={Shared(t.clone())} headers={level_headers.clone()} />
            <h2>{ tr.t("prov.programmes") }</h2>
            <DataTable caption={tr.t("prov.programmes")} headers={vec![tr.t("prov.col_programme"), tr.t("prov.col_n"), tr.t("prov.col_share")]} rows={programmes} />
            <h2>{ tr.t("prov.barriers") }</h2>
            if barriers.is_empty() { <p>{ tr.t("prov.no_barriers") }</p> } else {
                <DataTable caption={tr.t("prov.barriers")} headers={vec![tr.t("prov.col_barrier"), tr.t("prov.col_n")]} rows={barriers} />
            }
            <h2>{ tr.t("prov.enterprises") }</h2>
            if let Some(lines) = lines {
                <EnterpriseTable tr={tr.clone()} roster={lines.clone()} />
            } else {
                <p role="status" class="hint">{ tr.t("prov.lines_pending") }</p>
            }
            <h2>{ tr.t("prov.exports") }</h2>
            <div class="actions">
                <button type="button" class="btn" onclick={export("agg_csv")}>{ tr.t("prov.agg_csv") }</button>
                <button type="button" class="btn" onclick={export("agg_xlsx")}>{ tr.t("prov.agg_xlsx") }</button>
                <button type="button" class="btn" disabled={list_pending} onclick={export("ent_csv")}>{ tr.t("prov.ent_csv") }</button>
                <button type="button" class="btn" disabled={list_pending} onclick={export("ent_xlsx")}>{ tr.t("prov.ent_xlsx") }</button>
                <button type="button" class="btn btn-primary" onclick={export("benchmark")}>{ tr.t("prov.benchmark") }</button>
            </div>
            <p class="hint">{ tr.t("prov.benchmark_hint") }</p>
            <button type="button" class="btn btn-quiet" onclick={on_clear}>{ tr.t("prov.clear") }</button>
        </>
    }
}
