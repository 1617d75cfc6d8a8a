//! The office's own tables on the province page: picking the registry and the support register and mapping their
//! columns, the measure the target counts, the register's flags, coverage and the outreach list. The words are in
//! `province_sides_view`; the state and every browser call in `use_province`.
use crate::domain::province::sheet::Codes;
use crate::domain::province::tables::Kind;
use crate::domain::province::target::Measure;
use crate::ui::components::data_table::DataTable;
use crate::ui::components::file_drop::{FileDrop, Picked};
use crate::ui::components::select_field::SelectField;
use crate::ui::components::toggle_details::ToggleDetails;
use crate::ui::context::Tr;
use crate::ui::hooks::sheets::Loaded;
use crate::ui::hooks::use_province::{Export, Province};
use crate::ui::pages::province_sides_view::{CoverageTable, SheetWords, SidesWords, column_name};
use yew::prelude::*;

/// Props of [`SheetImport`].
#[derive(Properties, PartialEq)]
pub struct SheetImportProps {
    /// The page's words.
    pub tr: Tr,
    /// Which table.
    pub kind: Kind,
    /// The table loaded, if any.
    pub loaded: Option<Loaded>,
    /// What reading it gave, once the tally has run.
    pub words: Option<SheetWords>,
    /// Why the file last picked for it could not be read.
    #[prop_or_default]
    pub fault: Option<AttrValue>,
    /// A file picked.
    pub on_sheet: Callback<(Kind, Picked)>,
    /// The office's mapping.
    pub on_columns: Callback<(Kind, Codes)>,
    /// Forget the table.
    pub on_forget: Callback<Kind>,
}

/// Words of a kind of table: title, hint, drop, pick, columns legend, forget button.
fn kind_words(tr: &Tr, kind: Kind) -> [AttrValue; 6] {
    match kind {
        Kind::Registry => [
            tr.t("sheet.registry_title"),
            tr.t("sheet.registry_hint"),
            tr.t("sheet.registry_drop"),
            tr.t("sheet.registry_pick"),
            tr.t("sheet.registry_columns"),
            tr.t("sheet.registry_forget"),
        ],
        Kind::Support => [
            tr.t("sheet.support_title"),
            tr.t("sheet.support_hint"),
            tr.t("sheet.support_drop"),
            tr.t("sheet.support_pick"),
            tr.t("sheet.support_columns"),
            tr.t("sheet.support_forget"),
        ],
    }
}

/// One of the office's tables: pick it, see and correct how its columns are read, see what was refused.
#[component]
pub fn SheetImport(props: &SheetImportProps) -> Html {
    let (tr, kind) = (&props.tr, props.kind);
    let [title, hint, drop, pick, legend, forget] = kind_words(tr, kind);
    let id = format!("sheet-{}", kind.code());
    let on_files = props.on_sheet.reform(move |files: Picked| (kind, files));
    let mapping = props.loaded.as_ref().map(|l| {
        let options: Vec<(AttrValue, AttrValue)> = l
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| (AttrValue::from(i.to_string()), AttrValue::from(h.clone())))
            .collect();
        let selects = kind.columns().into_iter().map(|c| {
            let selected = l
                .codes
                .iter()
                .find(|(k, _)| k == c.code)
                .map(|(_, i)| AttrValue::from(i.to_string()));
            let on_change = {
                let (cb, codes) = (props.on_columns.clone(), l.codes.clone());
                Callback::from(move |v: Option<String>| {
                    let mut codes: Codes = codes.iter().filter(|(k, _)| k != c.code).cloned().collect();
                    if let Some(i) = v.and_then(|v| v.parse().ok()) {
                        codes.push((c.code.to_string(), i));
                    }
                    cb.emit((kind, codes));
                })
            };
            html! {
                <SelectField id={format!("{id}-{}", c.code)} label={column_name(tr, kind, &c)} empty={tr.t("sheet.no_column")}
                    options={options.clone()} {selected} {on_change} />
            }
        });
        let on_forget = props.on_forget.reform(move |_: MouseEvent| kind);
        html! {
            <>
                <p>{ tr.f("sheet.loaded", &[("name", &l.name)]) }</p>
                <fieldset class="column-map">
                    <legend>{ legend.clone() }</legend>
                    { for selects }
                </fieldset>
                <button type="button" class="btn btn-quiet" onclick={on_forget}>{ forget.clone() }</button>
            </>
        }
    });
    let read = props.words.as_ref().map(|w| {
        let class = if w.failed { "field-error" } else { "hint" };
        html! {
            <>
                <p class={class} role={w.failed.then_some("alert")} id={format!("{id}-summary")}>{ w.summary.clone() }</p>
                if !w.refused.is_empty() {
                    <details class="rejected">
                        <summary>{ tr.f("sheet.refused_rows", &[("title", &title)]) }</summary>
                        <ul>{ for w.refused.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul>
                    </details>
                }
            </>
        }
    });
    html! {
        <section class="sheet-import" aria-labelledby={format!("{id}-h")}>
            <h3 id={format!("{id}-h")}>{ title.clone() }</h3>
            <FileDrop id={format!("{id}-file")} {drop} {pick} {hint} multiple={false}
                accept=".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {on_files} />
            if let Some(fault) = &props.fault {
                <p class="field-error" role="alert" id={format!("{id}-fault")}>{ fault.clone() }</p>
            }
            { mapping.unwrap_or_default() }
            { read.unwrap_or_default() }
        </section>
    }
}

/// The measure chooser of the target card.
pub fn measure_choice(tr: &Tr, p: &Province, w: &SidesWords) -> Html {
    let radios = w.choices.iter().map(|c| {
        let id = format!("measure-{}", c.measure.code());
        let m: Measure = c.measure;
        let onchange = p.on_measure.reform(move |_: Event| m);
        html! {
            <label class="option" for={id.clone()}>
                <input type="radio" name="measure" {id} value={c.measure.code()} checked={c.checked}
                    disabled={!c.enabled} {onchange} />
                <span>{ c.label.clone() }</span>
            </label>
        }
    });
    html! {
        <fieldset class="subfield measure-choice">
            <legend>{ tr.t("prov.measure_legend") }</legend>
            <div class="options">{ for radios }</div>
            if !w.has_register { <p class="hint">{ tr.t("prov.measure_needs_register") }</p> }
            <p class="hint">{ tr.t("prov.measure_rules") }</p>
        </fieldset>
    }
}

fn bars(tr: &Tr, t: &CoverageTable) -> Html {
    let rows = t.bars.iter().map(|(label, [r, a, s])| {
        html! {
            <li class="cover-row">
                <span class="bar-name">{ label.clone() }</span>
                <svg class="bar-track" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect class="bar-bg" x="0" y="0" width={r.clone()} height="12" />
                    <rect class="bar-fill lvl-3" x="0" y="0" width={a.clone()} height="6" />
                    <rect class="bar-fill lvl-5" x="0" y="6" width={s.clone()} height="6" />
                </svg>
            </li>
        }
    });
    html! {
        <figure class="cover-chart">
            <figcaption>{ t.caption.clone() }</figcaption>
            <p class="legend" aria-hidden="true">
                <span class="key key-registered">{ tr.t("prov.col_registered") }</span>
                <span class="key lvl-3">{ tr.t("prov.col_assessed") }</span>
                <span class="key lvl-5">{ tr.t("prov.col_supported") }</span>
            </p>
            <ul class="bars">{ for rows }</ul>
        </figure>
    }
}

fn coverage_headers(tr: &Tr) -> Vec<AttrValue> {
    vec![
        tr.t("prov.col_group"),
        tr.t("prov.col_registered"),
        tr.t("prov.col_assessed"),
        tr.t("prov.col_assessed_pct"),
        tr.t("prov.col_supported"),
        tr.t("prov.col_supported_pct"),
    ]
}

/// Props of [`CommuneCoverage`].
#[derive(Properties, PartialEq)]
struct CommuneCoverageProps {
    tr: Tr,
    table: CoverageTable,
}

/// Coverage by commune (a province has hundreds), drawn only when opened.
#[component]
fn CommuneCoverage(props: &CommuneCoverageProps) -> Html {
    let open = use_state(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |o: bool| open.set(o))
    };
    let (tr, t) = (&props.tr, &props.table);
    let body = if *open {
        html! {
            <>
                { bars(tr, t) }
                <DataTable caption={t.caption.clone()} headers={coverage_headers(tr)} rows={t.rows.clone()} />
            </>
        }
    } else {
        Html::default()
    };
    html! { <ToggleDetails class="chart-table" summary={t.caption.clone()} {on_toggle}>{ body }</ToggleDetails> }
}

/// Flags, coverage and the outreach list.
pub fn sides_sections(tr: &Tr, p: &Province, w: &SidesWords) -> Html {
    let export = |kind: Export| p.on_export.reform(move |_: MouseEvent| kind);
    let coverage = w.coverage.iter().enumerate().map(|(i, t)| {
        if i == 2 {
            html! { <CommuneCoverage tr={tr.clone()} table={t.clone()} /> }
        } else {
            html! {
                <>
                    { bars(tr, t) }
                    <DataTable caption={t.caption.clone()} headers={coverage_headers(tr)} rows={t.rows.clone()} />
                </>
            }
        }
    });
    let nothing = w.registry.is_none() && w.support.is_none();
    html! {
        <>
            if w.has_register {
                <h2 id="flags-h">{ tr.f("prov.flags", &[("n", &w.flags.len().to_string())]) }</h2>
                if w.flags.is_empty() { <p>{ tr.t("prov.no_flags") }</p> } else {
                    <ul class="flags" aria-labelledby="flags-h">{ for w.flags.iter().map(|f| html! { <li>{ f.clone() }</li> }) }</ul>
                }
            }
            if let (Some(total), Some(outside)) = (&w.coverage_total, &w.coverage_outside) {
                <h2>{ tr.t("prov.coverage") }</h2>
                <p id="coverage-total">{ total.clone() }</p>
                <p class="hint">{ outside.clone() }</p>
                { for coverage }
            }
            if !nothing {
                <h2 id="outreach-h">{ tr.f("prov.outreach", &[("n", &w.outreach_count.to_string())]) }</h2>
                <p class="hint">{ tr.t("prov.outreach_lead") }</p>
                if w.outreach_count > w.outreach.len() {
                    <p class="hint">{ tr.f("prov.outreach_shown", &[("shown", &w.outreach.len().to_string()), ("n", &w.outreach_count.to_string())]) }</p>
                }
                if !w.outreach.is_empty() {
                    <DataTable caption={tr.t("prov.outreach_caption")} headers={vec![tr.t("prov.col_place"), tr.t("prov.col_tax"), tr.t("prov.col_name"), tr.t("prov.col_reason")]} rows={w.outreach.clone()} />
                }
                <div class="actions">
                    <button type="button" class="btn" disabled={w.outreach_count == 0} onclick={export(Export::OutreachCsv)}>{ tr.t("prov.outreach_csv") }</button>
                    <button type="button" class="btn" disabled={w.outreach_count == 0} onclick={export(Export::OutreachXlsx)}>{ tr.t("prov.outreach_xlsx") }</button>
                </div>
            }
        </>
    }
}
