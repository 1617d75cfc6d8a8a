//! The Yew front end: thin components over the domain. Only `services/` touches the browser.
pub mod app;
pub mod components;
pub mod context;
pub mod describe;
pub mod faults;
pub mod hooks;
pub mod pages;
pub mod route;
pub mod services;
pub mod shared;
pub mod state;

use crate::domain::catalog::Catalog;
use std::rc::Rc;

/// Loads the built-in data and storage, then mounts the app on `<div id="app">` (on `<body>` if there is none).
/// Yew empties the element it mounts on, so the pre-rendered page beside it (`#boot`) stays until `boot.js`
/// removes it.
pub fn start() {
    // The office pages' strings come only with the whole app.
    #[cfg(feature = "office")]
    let catalog = Catalog::builtin_whole();
    #[cfg(not(feature = "office"))]
    let catalog = Catalog::builtin();
    match catalog {
        Ok(catalog) => {
            // The catalogue lives as long as the page: views derived from it borrow it.
            let catalog: &'static Catalog = Box::leak(Box::new(catalog));
            let initial = shared::Shared(Rc::new(app::boot(catalog)));
            let props = app::AppProps { initial };
            let root = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("app"));
            let _app = match root {
                Some(root) => yew::Renderer::<app::App>::with_root_and_props(root, props).render(),
                None => yew::Renderer::<app::App>::with_props(props).render(),
            };
            // The owner's app gives way to the whole app when an office page is opened.
            #[cfg(not(feature = "office"))]
            services::office::give_way(_app);
        }
        Err(_) => {
            // Only a build with broken data gets here; tests/domain.rs prevents shipping one. The error itself is
            // not formatted here, which keeps every validation message out of the wasm.
            if let Some(body) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.body())
            {
                body.set_text_content(Some(
                    "DX Check: the built-in data is damaged. / Dữ liệu gốc bị hỏng.",
                ));
            }
        }
    }
}
