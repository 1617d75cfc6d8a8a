//! "Compare with your peers": loads the province's anonymised benchmark file (offline, on this device) and says
//! where the assessment stands among enterprises of the same sector group and size class.
use crate::domain::assessment::locale::format_date;
use crate::domain::province::benchmark::{Benchmark, Standing};
use crate::ui::context::{Tr, use_app};
use crate::ui::hooks::use_benchmark::{BenchMessage, use_benchmark};
use yew::prelude::*;

/// One dimension of the assessment: id, name, share in tenths of a percent.
#[derive(Clone, PartialEq)]
pub struct PeerDim {
    /// Dimension id.
    pub id: AttrValue,
    /// Its name.
    pub name: AttrValue,
    /// Its share, tenths of a percent.
    pub permille: u32,
}

/// Props of [`PeerSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct PeerSectionProps {
    /// The questionnaire id.
    pub questionnaire: AttrValue,
    /// The profile's sector group code, if given.
    pub sector: Option<AttrValue>,
    /// The size class code, if known.
    pub size: Option<AttrValue>,
    /// The peer group in words ("Trade and services, small business").
    pub group: AttrValue,
    /// The overall share, tenths of a percent.
    pub overall: u32,
    /// The dimensions.
    pub dims: Vec<PeerDim>,
}

/// The lines to show for a loaded benchmark.
fn lines(tr: &Tr, props: &PeerSectionProps, b: &Benchmark) -> (Vec<AttrValue>, Option<AttrValue>) {
    let dims: Vec<(&str, u32)> = props
        .dims
        .iter()
        .map(|d| (d.id.as_str(), d.permille))
        .collect();
    let standing = b.standing(
        &props.questionnaire,
        props.sector.as_deref(),
        props.size.as_deref(),
        props.overall,
        &dims,
    );
    let min = b.min_cell.to_string();
    match standing {
        Standing::NeedProfile => (Vec::new(), Some(tr.t("peers.need_profile"))),
        Standing::NoGroup => (
            Vec::new(),
            Some(tr.f("peers.no_group", &[("min", &min), ("group", &props.group)])),
        ),
        Standing::Peers {
            n,
            overall,
            dimensions,
        } => {
            let mut out = vec![tr.f(
                "peers.overall",
                &[
                    ("pct", &overall.to_string()),
                    ("n", &n.to_string()),
                    ("group", &props.group),
                ],
            )];
            out.extend(dimensions.iter().filter_map(|(id, pct)| {
                let d = props.dims.iter().find(|d| d.id.as_str() == id)?;
                Some(tr.f("peers.dim", &[("name", &d.name), ("pct", &pct.to_string())]))
            }));
            (out, None)
        }
    }
}

/// The section on the results page.
#[component]
pub fn PeerSection(props: &PeerSectionProps) -> Html {
    let app = use_app();
    let tr = app.tr();
    let io = use_benchmark();
    let bench = &io.bench;
    let (shown, note, source) = match bench.as_ref() {
        Some(b) => {
            let (shown, note) = lines(&tr, props, b);
            let publisher = if b.publisher.trim().is_empty() {
                tr.t("peers.unnamed").to_string()
            } else {
                b.publisher.clone()
            };
            let source = tr.f(
                "peers.source",
                &[
                    ("publisher", &publisher),
                    ("date", &format_date(&b.generated_at, tr.lang)),
                    ("min", &b.min_cell.to_string()),
                ],
            );
            (shown, note, Some(source))
        }
        None => (Vec::new(), None, None),
    };
    let loaded = bench.is_some();
    let status = match &io.message {
        BenchMessage::None => html! {},
        BenchMessage::Refused(why) => {
            html! { <p class="field-error" role="alert">{ tr.f("peers.refused", &[("why", why)]) }</p> }
        }
        BenchMessage::NotSaved => {
            html! { <p class="hint" role="status">{ tr.t("peers.not_saved") }</p> }
        }
        BenchMessage::NotRemoved => {
            html! { <p class="hint" role="status">{ tr.t("peers.not_removed") }</p> }
        }
    };
    html! {
        <section class={classes!("peers", (!loaded).then_some("no-print"))} aria-labelledby="peers-title">
            <h2 id="peers-title">{ tr.t("peers.title") }</h2>
            if let Some(source) = source {
                <p class="hint">{ source }</p>
            } else {
                <p>{ tr.t("peers.lead") }</p>
            }
            if !shown.is_empty() {
                <ul class="peer-lines">{ for shown.into_iter().map(|l| html! { <li>{ l }</li> }) }</ul>
                <p class="hint">{ tr.t("peers.note") }</p>
            }
            if let Some(note) = note {
                <p>{ note }</p>
            }
            <div class="load-file no-print">
                <label class="btn" for="peers-input">{ tr.t(if loaded { "peers.replace" } else { "peers.load" }) }</label>
                <input id="peers-input" class="visually-hidden" type="file" accept=".json,application/json" onchange={io.on_pick.clone()} />
                if loaded {
                    <button type="button" class="btn" onclick={io.on_remove.reform(|_| ())}>{ tr.t("peers.remove") }</button>
                }
            </div>
            { status }
        </section>
    }
}
