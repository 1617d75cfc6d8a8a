//! In the owner's app, an advisor's or office's page: the whole app is downloaded once (with its progress shown),
//! then it takes over the page (`services::office`). Offline after one visit, since the service worker keeps it.
use crate::ui::context::use_app;
use crate::ui::services::office::{self, Loading};
use yew::prelude::*;

/// Kilobytes, rounded, for the progress text.
fn kb(bytes: f64) -> String {
    format!("{:.0}", (bytes / 1024.0).max(0.0))
}

/// Before boot.js has reported anything.
const STARTING: Loading = Loading::Progress {
    loaded: 0.0,
    total: 0.0,
};

/// The page shown while the whole app loads.
#[component]
pub fn OfficePart() -> Html {
    let app = use_app();
    let tr = app.tr();
    let loading = use_state(|| STARTING);
    let attempt = use_state(|| 0u32);
    {
        let loading = loading.clone();
        use_effect_with(*attempt, move |_| {
            let listeners = office::load(Callback::from(move |l| loading.set(l)));
            move || drop(listeners)
        });
    }
    let retry = {
        let attempt = attempt.clone();
        let loading = loading.clone();
        Callback::from(move |_| {
            loading.set(STARTING);
            attempt.set(*attempt + 1);
        })
    };
    let title = match *loading {
        Loading::Progress { .. } => tr.t("office.title"),
        Loading::Failed => tr.t("office.title_failed"),
    };
    let body = match *loading {
        Loading::Progress { loaded, total } => {
            let text = if total > 0.0 {
                tr.f(
                    "office.loading",
                    &[("loaded", &kb(loaded)), ("total", &kb(total))],
                )
            } else {
                tr.t("office.loading_start")
            };
            // Without a total yet, the bar is indeterminate (no value).
            let value = (total > 0.0).then(|| loaded.min(total).to_string());
            let max = total.max(1.0).to_string();
            html! {
                <>
                    <progress {max} {value} aria-labelledby="office-progress"></progress>
                    <p id="office-progress" class="progress-text" role="status">{ text }</p>
                </>
            }
        }
        Loading::Failed => html! {
            <div class="warn-box" role="alert">
                <p>{ tr.t("office.failed") }</p>
                <button type="button" class="btn" onclick={retry}>{ tr.t("office.retry") }</button>
            </div>
        },
    };
    html! {
        <section class="office-part" aria-busy={matches!(*loading, Loading::Progress { .. }).to_string()}>
            <h1 id="page-title" tabindex="-1">{ title }</h1>
            <p>{ tr.t("office.why") }</p>
            { body }
        </section>
    }
}
