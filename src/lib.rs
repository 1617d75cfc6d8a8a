//! DX Check: the pure domain, and the Yew front end behind the `web` feature.
pub mod domain;
/// Plain JS objects (the app's and the workers' wasm only).
#[cfg(any(feature = "web", feature = "worker"))]
pub mod js;
#[cfg(feature = "web")]
pub mod ui;
/// The envelope of the messages between the app and its web workers (the app's and the workers' wasm only).
#[cfg(any(feature = "web", feature = "worker"))]
pub mod worker_msg;
/// The web workers' message loop (their wasm only).
#[cfg(all(target_arch = "wasm32", feature = "worker"))]
pub mod worker_rt;
