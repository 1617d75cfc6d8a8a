//! The page shell: skip link, header with the language switch, notices, the routed page and the footer.
#[cfg(feature = "office")]
use super::{enterprises::EnterprisesPage, province::ProvincePage, workshop::WorkshopPage};
use super::{
    method::MethodPage, profile::ProfilePage, received::ReceivedPage, results::ResultsPage,
    step::StepPage, welcome::WelcomePage,
};
use crate::ui::components::lang_switch::LangSwitch;
use crate::ui::components::notice_list::{NoticeAction, NoticeList};
use crate::ui::context::use_app;
use crate::ui::route::Route;
use crate::ui::services::{browser, files, offline, storage};
use crate::ui::state::Action;
use yew::prelude::*;

/// The page shell.
#[component]
pub fn Layout() -> Html {
    let app = use_app();
    let tr = app.tr();
    {
        let first = use_mut_ref(|| true);
        use_effect_with(app.route.clone(), move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                browser::focus_heading("page-title");
            }
        });
    }
    let on_lang = {
        let app = app.clone();
        Callback::from(move |lang| app.dispatch(Action::SetLang(lang)))
    };
    let on_notice = {
        let app = app.clone();
        Callback::from(move |a: NoticeAction| match a {
            NoticeAction::Dismiss(i) => app.dispatch(Action::Dismiss(i)),
            NoticeAction::Undo => app.dispatch(Action::UndoDelete),
            NoticeAction::Update => offline::apply_update(),
            NoticeAction::DownloadRaw(key) => {
                if let Some(text) = storage::raw(&key) {
                    files::download(&format!("{key}.txt"), "text/plain", &text);
                }
            }
        })
    };
    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        browser::focus_id("main");
    });
    let who = {
        let name = app.enterprise().profile.name.trim().to_string();
        let name = if name.is_empty() {
            tr.t("report.unnamed").to_string()
        } else {
            name
        };
        let count = app.workspace.enterprises.len();
        if count > 1 {
            tr.f(
                "nav.who_of",
                &[("name", &name), ("count", &count.to_string())],
            )
        } else {
            tr.f("nav.who", &[("name", &name)])
        }
    };
    let page = match &app.route {
        Route::Welcome => html! { <WelcomePage /> },
        Route::Step {
            questionnaire,
            step,
        } => {
            html! { <StepPage questionnaire={questionnaire.clone()} step={*step} /> }
        }
        Route::Results { questionnaire } => {
            html! { <ResultsPage questionnaire={questionnaire.clone()} /> }
        }
        Route::Method => html! { <MethodPage /> },
        #[cfg(feature = "office")]
        Route::Enterprises => html! { <EnterprisesPage /> },
        #[cfg(feature = "office")]
        Route::Workshop => html! { <WorkshopPage /> },
        #[cfg(feature = "office")]
        Route::Province => html! { <ProvincePage /> },
        // The owner's app: these pages come with the whole app, loaded on demand.
        #[cfg(not(feature = "office"))]
        Route::Enterprises | Route::Workshop | Route::Province => {
            html! { <super::office_part::OfficePart /> }
        }
        Route::Received { code } => {
            html! { <ReceivedPage key={code.clone()} code={code.clone()} /> }
        }
        Route::Profile { questionnaire } => {
            html! { <ProfilePage questionnaire={questionnaire.clone()} /> }
        }
    };
    html! {
        <>
            <a class="skip-link" href="#main" onclick={skip}>{ tr.t("nav.skip") }</a>
            <header class="topbar">
                <a class="brand" href="#/">
                    <span class="brand-name">{ "DX Check" }</span>
                    <span class="brand-sub">{ tr.t("app.title") }</span>
                </a>
                <nav class="top-nav" aria-label={tr.t("nav.main")}>
                    <a href="#/enterprises" class="top-link">{ who }</a>
                    if app.workspace.workshop.is_some() { <a href="#/workshop" class="top-link">{ tr.t("nav.workshop") }</a> }
                </nav>
                <LangSwitch tr={tr.clone()} lang={app.lang} on_change={on_lang} />
            </header>
            if let Some(b) = app.in_app {
                <p class="in-app-banner" role="note">{ tr.f("inapp.banner", &[("app", b.name())]) }</p>
            }
            <NoticeList tr={tr.clone()} notices={app.notices.clone()} on_action={on_notice} />
            <main id="main" tabindex="-1">{ page }</main>
            <footer class="site-footer">
                <p>{ tr.t("footer.privacy") }</p>
                <p><a href="#/method">{ tr.t("footer.method") }</a>{ " · " }<a href="#/enterprises">{ tr.t("footer.enterprises") }</a>{ " · " }<a href="#/workshop">{ tr.t("footer.workshop") }</a>{ " · " }<a href="#/province">{ tr.t("footer.province") }</a></p>
            </footer>
        </>
    }
}
