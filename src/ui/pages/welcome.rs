//! The welcome page: what DX Check is, how long it takes, that nothing leaves the device, and the chooser.
use crate::domain::assessment::scoring::Assessment;
use crate::domain::records::draft::AssessmentId;
use crate::ui::context::use_app;
use crate::ui::pages::load_file::LoadFile;
use crate::ui::route::Route;
use crate::ui::services::browser;
use crate::ui::state::Action;
use yew::prelude::*;

/// The welcome page.
#[component]
pub fn WelcomePage() -> Html {
    let app = use_app();
    let tr = app.tr();
    let cards = app.catalog.questionnaires.iter().map(|q| {
        let draft = app.draft(&q.id);
        let progress = draft.map(|d| Assessment::compute(q, &d.answers));
        let count = q.questions.len().to_string();
        let minutes = q.estimated_minutes.to_string();
        let facts = tr.f("welcome.card_facts", &[("minutes", &minutes), ("count", &count)]);
        let qid = q.id.clone();
        let start = {
            let app = app.clone();
            let qid = qid.clone();
            Callback::from(move |_| {
                // A new assessment starts with the profile; one under way resumes where it was left. Decide before
                // dispatching: the handle reads the state as it is after the dispatch.
                let target = match app.draft(&qid) {
                    Some(d) => Route::Step { questionnaire: qid.clone(), step: d.step },
                    None => Route::Profile { questionnaire: qid.clone() },
                };
                app.dispatch(Action::Begin {
                    questionnaire: qid.clone(),
                    id: AssessmentId::from_random(browser::random_bytes()),
                    now: browser::now(),
                });
                browser::go(&target);
            })
        };
        let results = {
            let qid = qid.clone();
            Callback::from(move |_| browser::go(&Route::Results { questionnaire: qid.clone() }))
        };
        let (status, complete, started) = match &progress {
            Some(a) => {
                let (done, total) = a.progress();
                (
                    Some(tr.f("welcome.answered", &[("done", &done.to_string()), ("total", &total.to_string())])),
                    a.is_complete(),
                    done > 0,
                )
            }
            None => (None, false, false),
        };
        let start_label = if started { tr.t("welcome.continue") } else { tr.t("welcome.start") };
        // A new assessment starts at the profile page: boot.js shows it pre-rendered if this is tapped early.
        let starts = draft.is_none().then(|| AttrValue::from(q.id.to_string()));
        let title_id = format!("card-{}", q.id);
        html! {
            <article class="card" aria-labelledby={title_id.clone()}>
                <h3 id={title_id}>{ tr.text(&q.title) }</h3>
                <p>{ tr.text(&q.description) }</p>
                <p class="card-facts">{ facts }</p>
                if let Some(s) = status { <p class="card-status">{ s }</p> }
                <div class="actions">
                    <button type="button" class="btn btn-primary" onclick={start} data-starts={starts}>{ start_label }</button>
                    if complete {
                        <button type="button" class="btn" onclick={results}>{ tr.t("welcome.view_results") }</button>
                    }
                </div>
            </article>
        }
    });
    html! {
        <section class="welcome">
            <h1 id="page-title" tabindex="-1">{ tr.t("welcome.title") }</h1>
            <p class="lead">{ tr.t("welcome.lead") }</p>
            <ul class="facts">
                <li>{ tr.t("welcome.fact_time") }</li>
                <li>{ tr.t("welcome.fact_private") }</li>
                <li>{ tr.t("welcome.fact_levels") }</li>
            </ul>
            <h2>{ tr.t("welcome.choose") }</h2>
            <div class="cards">{ for cards }</div>
            <h2>{ tr.t("import.title") }</h2>
            <LoadFile />
        </section>
    }
}
