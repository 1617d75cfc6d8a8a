//! The app context (`use_app`) and `Tr`, the translator handed to components as a prop.
use super::shared::Static;
use super::state::AppState;
use crate::domain::assessment::text::{Lang, Text};
use crate::domain::catalog::Catalog;
use yew::prelude::*;

/// The reducer handle every page reads.
pub type AppHandle = UseReducerHandle<AppState>;

/// The app state and its dispatcher, from the context `App` provides.
#[hook]
pub fn use_app() -> AppHandle {
    use_context::<AppHandle>().expect("pages are rendered inside App, which provides the context")
}

/// Looks up UI strings in the current language. Cheap to clone and compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Tr {
    /// The built-in data, holding the locale table.
    pub catalog: Static<Catalog>,
    /// The language.
    pub lang: Lang,
}

impl Tr {
    /// The string for `key`.
    pub fn t(&self, key: &'static str) -> AttrValue {
        AttrValue::from(self.catalog.locale.get(self.lang, key).to_string())
    }

    /// The string for `key` with `{name}` placeholders filled in.
    pub fn f(&self, key: &'static str, args: &[(&str, &str)]) -> AttrValue {
        AttrValue::from(self.catalog.locale.format(self.lang, key, args))
    }

    /// A bilingual data text in the current language.
    pub fn text(&self, text: &Text) -> AttrValue {
        AttrValue::from(text.get(self.lang).to_string())
    }
}

impl AppState {
    /// The translator for the current language.
    pub fn tr(&self) -> Tr {
        Tr {
            catalog: self.catalog,
            lang: self.lang,
        }
    }
}
