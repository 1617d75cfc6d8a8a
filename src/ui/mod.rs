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

/// Loads the built-in data and storage, then mounts the app on `<body>`.
pub fn start() {
    match Catalog::builtin() {
        Ok(catalog) => {
            // The catalogue lives as long as the page: views derived from it borrow it.
            let catalog: &'static Catalog = Box::leak(Box::new(catalog));
            let initial = shared::Shared(Rc::new(app::boot(catalog)));
            yew::Renderer::<app::App>::with_props(app::AppProps { initial }).render();
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
