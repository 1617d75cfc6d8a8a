//! DX Check: the pure domain, and the Yew front end behind the `web` feature.
pub mod domain;
#[cfg(feature = "web")]
pub mod ui;
