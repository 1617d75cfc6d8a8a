//! Renders the welcome page, as a first visit sees it in Vietnamese, into the built `index.html` (the `#boot`
//! element), so the page has content before the wasm has loaded. The markup comes from the same Yew components, so
//! it cannot drift from the app. It is inert until the app starts and replaces it.
//!
//! Usage: `prerender path/to/index.html` (the Trunk post-build hook runs it on the staged build).
use dx_check::domain::catalog::Catalog;
use dx_check::ui::app::{App, AppProps, prerender_profile_state, prerender_state};
use dx_check::ui::shared::Shared;
use std::process::ExitCode;
use std::rc::Rc;
use yew::LocalServerRenderer;

/// The element the app replaces once it starts, made inert: its buttons do nothing until the app runs.
const BOOT_INERT: &str = r#"<div id="boot" class="boot prerendered" inert>"#;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: prerender INDEX_HTML");
        return ExitCode::FAILURE;
    };
    let catalog = match Catalog::builtin() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("prerender: the built-in data is invalid: {e}");
            return ExitCode::FAILURE;
        }
    };
    let catalog: &'static Catalog = Box::leak(Box::new(catalog));
    let render = |state| {
        futures::executor::block_on(
            LocalServerRenderer::<App>::with_props(AppProps {
                initial: Shared(Rc::new(state)),
            })
            .hydratable(false)
            .render(),
        )
    };
    let mut body = render(prerender_state(catalog));
    // Each questionnaire's profile page, the first step after its start button, as a template: boot.js shows it
    // when that button is tapped before the app has started, so the owner can begin typing at once.
    for q in &catalog.questionnaires {
        let page = render(prerender_profile_state(catalog, q));
        let Some(main) = main_of(&page) else {
            eprintln!("prerender: no <main> in the profile page of {}", q.id);
            return ExitCode::FAILURE;
        };
        body.push_str(&format!(
            r#"<template id="boot-profile-{}">{main}</template>"#,
            q.id
        ));
    }
    let html = match std::fs::read_to_string(&path) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("prerender: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The boot element, its attributes quoted or not (the release build's HTML is minified).
    let Some(id) = html.find(r#"id="boot""#).or_else(|| html.find("id=boot")) else {
        eprintln!("prerender: no #boot element in {path}");
        return ExitCode::FAILURE;
    };
    let (Some(start), Some(open_end)) = (
        html[..id].rfind("<div"),
        html[id..].find('>').map(|i| id + i + 1),
    ) else {
        eprintln!("prerender: #boot is not a <div> in {path}");
        return ExitCode::FAILURE;
    };
    let Some(end) = html[open_end..].find("<noscript>").map(|i| open_end + i) else {
        eprintln!("prerender: no <noscript> inside #boot in {path}");
        return ExitCode::FAILURE;
    };
    let out = format!("{}{BOOT_INERT}{body}{}", &html[..start], &html[end..]);
    if let Err(e) = std::fs::write(&path, out) {
        eprintln!("prerender: cannot write {path}: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// What is inside the page's `<main>` element.
fn main_of(page: &str) -> Option<&str> {
    let open = page.find("<main")?;
    let start = open + page[open..].find('>')? + 1;
    let end = start + page[start..].find("</main>")?;
    Some(&page[start..end])
}
