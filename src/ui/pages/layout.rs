//! The page shell: skip link, header with the language switch, notices, the routed page and the footer.
use super::{
    method::MethodPage, profile::ProfilePage, results::ResultsPage, step::StepPage,
    welcome::WelcomePage,
};
use crate::ui::components::lang_switch::LangSwitch;
use crate::ui::components::notice_list::NoticeList;
use crate::ui::context::use_app;
use crate::ui::route::Route;
use crate::ui::services::browser;
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
    let on_dismiss = {
        let app = app.clone();
        Callback::from(move |i| app.dispatch(Action::Dismiss(i)))
    };
    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        browser::focus_id("main");
    });
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
                <LangSwitch tr={tr.clone()} lang={app.lang} on_change={on_lang} />
            </header>
            <NoticeList tr={tr.clone()} notices={app.notices.clone()} on_dismiss={on_dismiss} />
            <main id="main" tabindex="-1">{ page }</main>
            <footer class="site-footer">
                <p>{ tr.t("footer.privacy") }</p>
                <p><a href="#/method">{ tr.t("footer.method") }</a></p>
            </footer>
        </>
    }
}
