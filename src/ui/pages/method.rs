//! How the scores are computed: the level bands, the overall rule, and every proposed (non-official) bin.
use crate::domain::assessment::questionnaire::{
    BinStatus, OverallMethod, QuestionKind, Verification,
};
use crate::ui::context::use_app;
use yew::prelude::*;

/// The method page.
#[component]
pub fn MethodPage() -> Html {
    let app = use_app();
    let tr = app.tr();
    let sections = app.catalog.questionnaires.iter().map(|q| {
        let bands = q.levels.bands().iter().map(|b| {
            let range = tr.f(if b.inclusive { "method.band_incl" } else { "method.band_excl" }, &[("max", &b.max_pct.to_string())]);
            html! { <tr><th scope="row">{ b.level }</th><td>{ tr.text(&b.name) }</td><td>{ range }</td></tr> }
        });
        let overall = match &q.overall {
            OverallMethod::WeightedShare => html! { <p>{ tr.t("results.method_weighted") }</p> },
            OverallMethod::DbiRule { rules, source } => {
                let items = rules.iter().map(|r| html! {
                    <li>{ tr.f("method.rule", &[("level", &r.level.to_string()), ("total", &r.total_above.to_string()),
                        ("count", &r.min_dimensions.to_string()), ("dim_level", &r.dimension_level.to_string())]) }</li>
                });
                html! { <><ul>{ for items }</ul><p class="source">{ source.reference.clone() }</p></> }
            }
        };
        let proposed = q.questions.iter().filter(|x| {
            matches!(&x.kind, QuestionKind::Number { bins, .. } | QuestionKind::Ratio { bins, .. } if bins.status == BinStatus::Proposed)
                || x.source.tag == Verification::D
        });
        let proposed = proposed.map(|x| html! { <li><strong>{ x.id.to_string() }</strong>{ " " }{ tr.text(&x.text) }<br/><span class="source">{ x.source.reference.clone() }</span></li> });
        let title_id = format!("m-{}", q.id);
        html! {
            <section aria-labelledby={title_id.clone()}>
                <h2 id={title_id}>{ tr.text(&q.title) }</h2>
                <p class="source">{ q.source.reference.clone() }</p>
                <table>
                    <caption>{ tr.t("method.bands_caption") }</caption>
                    <thead><tr><th scope="col">{ tr.t("results.col_level") }</th><th scope="col">{ tr.t("method.col_name") }</th><th scope="col">{ tr.t("method.col_band") }</th></tr></thead>
                    <tbody>{ for bands }</tbody>
                </table>
                <h3>{ tr.t("method.overall") }</h3>
                { overall }
                <h3>{ tr.t("method.proposed") }</h3>
                <p>{ tr.t("method.proposed_lead") }</p>
                <ul class="proposed">{ for proposed }</ul>
            </section>
        }
    });
    html! {
        <section class="method">
            <h1 id="page-title" tabindex="-1">{ tr.t("method.title") }</h1>
            <p>{ tr.t("method.lead") }</p>
            <p>{ tr.t("method.ten_percent") }</p>
            { for sections }
        </section>
    }
}
