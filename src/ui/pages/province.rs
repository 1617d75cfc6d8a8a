//! The province dashboard: import many files (drag and drop or picker) or paste codes, and show progress toward the
//! target with breakdowns, programmes, barriers, T0 → T1, the enterprise table, exports and the anonymised
//! benchmark. The state and every browser call are in `use_province`; the words in `province_view`.
use crate::domain::province::dashboard::Dashboard;
use crate::domain::province::suppress::MIN_THRESHOLD;
use crate::domain::province::tables::Kind;
use crate::ui::components::data_table::DataTable;
use crate::ui::components::enterprise_table::EnterpriseTable;
use crate::ui::components::file_drop::FileDrop;
use crate::ui::components::number_input::NumberInput;
use crate::ui::components::paste_box::PasteBox;
use crate::ui::components::stacked_bars::{StackRow, StackedBars};
use crate::ui::components::toggle_details::ToggleDetails;
use crate::ui::context::{Tr, use_app};
use crate::ui::hooks::paste::report_lines;
use crate::ui::hooks::use_province::{Export, Phase, Province, Ready, use_province};
use crate::ui::pages::province_sides::{SheetImport, measure_choice, sides_sections};
use crate::ui::pages::province_sides_view::{SidesWords, sides_words};
use crate::ui::pages::province_view::{DashboardWords, commune_rows, words};
use std::rc::Rc;
use yew::prelude::*;

/// The lowest threshold the input takes.
const MIN_THRESHOLD_U32: u32 = MIN_THRESHOLD as u32;

/// Props of [`Communes`].
#[derive(Properties, PartialEq)]
struct CommunesProps {
    tr: Tr,
    ready: Ready,
    headers: Vec<AttrValue>,
}

/// The breakdown by commune (a thousand rows and more for a province), built only when it is opened.
#[component]
fn Communes(props: &CommunesProps) -> Html {
    let open = use_state(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |o: bool| open.set(o))
    };
    let tr = &props.tr;
    let table = if *open {
        let rows = commune_rows(tr, &Dashboard::communes(&props.ready.tally));
        html! { <DataTable caption={tr.t("prov.by_commune")} headers={props.headers.clone()} rows={rows} /> }
    } else {
        Html::default()
    };
    html! {
        <ToggleDetails class="chart-table" summary={tr.t("prov.by_commune")} {on_toggle}>{ table }</ToggleDetails>
    }
}

fn chart(tr: &Tr, w: &DashboardWords, title: &'static str, rows: &[StackRow]) -> Html {
    html! { <StackedBars title={tr.t(title)} legend={w.legend.clone()} headers={w.headers.clone()} rows={rows.to_vec()} table_label={tr.t("results.as_table")} /> }
}

fn dashboard(tr: &Tr, p: &Province, ready: &Ready, w: &DashboardWords, sw: &SidesWords) -> Html {
    let export = |kind: Export| p.on_export.reform(move |_: MouseEvent| kind);
    let level_bars = w.levels.iter().map(|b| {
        html! {
            <li class="bar-row">
                <div class="bar-head"><span class="bar-name">{ b.name.clone() }</span><span class="bar-level">{ b.count.clone() }</span></div>
                <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect class="bar-bg" x="0" y="0" width="100" height="10" />
                    <rect class={format!("bar-fill lvl-{}", b.level)} x="0" y="0" width={b.width.clone()} height="10" />
                </svg>
            </li>
        }
    });
    let list_pending = ready.roster.is_none();
    html! {
        <>
            <section class="target-card" aria-labelledby="target-h">
                <h2 id="target-h">{ tr.t("prov.progress") }</h2>
                <p class="target-figure" id="target-figure">{ sw.progress.clone() }</p>
                <svg class="bar-track big" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect class="bar-bg" x="0" y="0" width="100" height="10" />
                    <rect class="bar-fill lvl-4" x="0" y="0" width={sw.progress_width.clone()} height="10" />
                </svg>
                { measure_choice(tr, p, sw) }
                <DataTable caption={tr.t("prov.figures")} headers={vec![tr.t("prov.col_figure"), tr.t("prov.col_value")]} rows={w.figures.clone()} />
                <p class="hint">{ tr.t("prov.rules") }</p>
            </section>
            if w.rejected_count > 0 {
                <details class="rejected" open=true>
                    <summary>{ tr.f("prov.rejected", &[("count", &w.rejected_count.to_string())]) }</summary>
                    <ul>{ for w.rejected.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul>
                </details>
            }
            { sides_sections(tr, p, sw) }
            <h2>{ tr.t("prov.by_level") }</h2>
            <ul class="bars" aria-label={tr.t("prov.by_level")}>{ for level_bars }</ul>
            <h2>{ tr.t("prov.dimensions") }</h2>
            { chart(tr, w, "prov.dimensions_chart", &w.dimensions) }
            <h2>{ tr.t("prov.breakdowns") }</h2>
            { chart(tr, w, "prov.by_questionnaire", &w.by_questionnaire) }
            { chart(tr, w, "prov.by_sector", &w.by_sector) }
            { chart(tr, w, "prov.by_size", &w.by_size) }
            <DataTable caption={tr.t("prov.by_province")} headers={w.headers.clone()} rows={w.by_province.clone()} />
            <DataTable caption={tr.t("prov.by_month")} headers={w.headers.clone()} rows={w.by_month.clone()} />
            <Communes tr={tr.clone()} ready={ready.clone()} headers={w.headers.clone()} />
            <h2>{ tr.t("prov.programmes") }</h2>
            <DataTable caption={tr.t("prov.programmes")} headers={vec![tr.t("prov.col_programme"), tr.t("prov.col_n"), tr.t("prov.col_share")]} rows={w.programmes.clone()} />
            <h2>{ tr.t("prov.barriers") }</h2>
            if w.barriers.is_empty() { <p>{ tr.t("prov.no_barriers") }</p> } else {
                <DataTable caption={tr.t("prov.barriers")} headers={vec![tr.t("prov.col_barrier"), tr.t("prov.col_n")]} rows={w.barriers.clone()} />
            }
            <h2>{ tr.t("prov.enterprises") }</h2>
            if let Some(roster) = &ready.roster {
                <EnterpriseTable tr={tr.clone()} roster={roster.clone()} />
            } else {
                <p role="status" class="hint">{ tr.t("prov.lines_pending") }</p>
            }
            <h2>{ tr.t("prov.exports") }</h2>
            <NumberInput id="prov-threshold" label={tr.t("prov.threshold")} value={p.threshold} min={MIN_THRESHOLD_U32}
                on_change={p.on_threshold.clone()} />
            <p class="hint">{ tr.t("prov.threshold_hint") }</p>
            <div class="actions">
                <button type="button" class="btn" onclick={export(Export::AggregatesCsv)}>{ tr.t("prov.agg_csv") }</button>
                <button type="button" class="btn" onclick={export(Export::AggregatesXlsx)}>{ tr.t("prov.agg_xlsx") }</button>
                <button type="button" class="btn" disabled={list_pending} onclick={export(Export::EnterprisesCsv)}>{ tr.t("prov.ent_csv") }</button>
                <button type="button" class="btn" disabled={list_pending} onclick={export(Export::EnterprisesXlsx)}>{ tr.t("prov.ent_xlsx") }</button>
                <button type="button" class="btn btn-primary" disabled={list_pending} onclick={export(Export::Benchmark)}>{ tr.t("prov.benchmark") }</button>
            </div>
            if let Some(why) = &p.export_failed {
                <p class="field-error" role="alert">{ why.clone() }</p>
            }
            <p class="hint">{ tr.t("prov.benchmark_hint") }</p>
            <button type="button" class="btn btn-quiet" onclick={p.on_clear.reform(|_: MouseEvent| ())}>{ tr.t("prov.clear") }</button>
        </>
    }
}

/// The province dashboard.
#[component]
pub fn ProvincePage() -> Html {
    let app = use_app();
    let tr = app.tr();
    let p = use_province();
    // The dashboard in words: once per tally and language.
    let ready = match &p.phase {
        Phase::Ready(r) => Some(r.clone()),
        _ => None,
    };
    let w = {
        let (tr, catalog) = (tr.clone(), app.catalog);
        use_memo((ready.clone(), tr.lang), move |(ready, _)| {
            ready
                .as_ref()
                .map(|r| Rc::new(words(&tr, &catalog, &r.dashboard, &r.rejected)))
        })
    };
    // The office's tables and the target's measure in words: once per join, choice, target and language.
    let sw = {
        let (tr, catalog) = (tr.clone(), app.catalog);
        let key = (
            ready.as_ref().and_then(|r| r.joined.clone()),
            ready.as_ref().map_or(0, |r| r.tally.counted),
            p.measure,
            p.target,
            tr.lang,
        );
        use_memo(key, move |(joined, counted, measure, target, _)| {
            sides_words(
                &tr,
                &catalog,
                joined.as_deref(),
                *counted,
                *measure,
                *target,
            )
        })
    };
    let (paste_summary, paste_report) = match &p.paste {
        Some((pasted, Some(done))) => {
            let (s, r) = report_lines(&tr, pasted, done);
            (Some(s), r)
        }
        Some((_, None)) => (Some(tr.t("prov.working")), Vec::new()),
        None => (None, Vec::new()),
    };
    let paste_busy = matches!(&p.paste, Some((_, None)));
    let body = match (&p.phase, &ready, &*w) {
        (Phase::Empty, _, _) => html! { <p>{ tr.t("prov.none_yet") }</p> },
        (Phase::Working(f), _, _) => html! {
            <div role="status">
                <label for="prov-progress">{ tr.t("prov.working") }</label>
                <progress id="prov-progress" max="1000" value={f.to_string()}></progress>
            </div>
        },
        (Phase::Failed(msg), _, _) => {
            html! { <p class="field-error" role="alert">{ msg.clone() }</p> }
        }
        (Phase::Ready(_), Some(ready), Some(w)) => dashboard(&tr, &p, ready, w, &sw),
        (Phase::Ready(_), _, _) => Html::default(),
    };
    html! {
        <section class="province">
            <h1 id="page-title" tabindex="-1">{ tr.t("prov.title") }</h1>
            <p>{ tr.t("prov.lead") }</p>
            <NumberInput id="prov-target" label={tr.t("prov.target")} value={p.target} min={1} on_change={p.on_target.clone()} />
            <FileDrop id="prov-files" drop={tr.t("prov.drop")} pick={tr.t("prov.pick")} hint={tr.t("prov.formats")}
                accept=".json,.jsonl,.ndjson,.csv,.txt,application/json,text/csv,text/plain" on_files={p.on_files.clone()} />
            <details class="paste-section">
                <summary>{ tr.t("paste.title") }</summary>
                <PasteBox id="prov-paste" label={tr.t("paste.label")} hint={tr.t("paste.hint")} button={tr.t("paste.button_prov")}
                    summary={paste_summary} report={paste_report} busy={paste_busy} on_paste={p.on_paste.clone()} />
            </details>
            <section class="office-sheets" aria-labelledby="sheets-h">
                <h2 id="sheets-h">{ tr.t("sheet.title") }</h2>
                <p class="hint">{ tr.t("sheet.lead") }</p>
                { for Kind::ALL.into_iter().map(|kind| html! {
                    <SheetImport tr={tr.clone()} {kind} loaded={p.sheets.get(kind).cloned()}
                        words={match kind { Kind::Registry => sw.registry.clone(), Kind::Support => sw.support.clone() }}
                        fault={p.sheet_fault(kind)}
                        on_sheet={p.on_sheet.clone()} on_columns={p.on_columns.clone()} on_forget={p.on_forget.clone()} />
                }) }
            </section>
            { body }
        </section>
    }
}
