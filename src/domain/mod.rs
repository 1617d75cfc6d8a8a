//! The pure domain, in four wings that follow the flow of a result: `assessment` (what is asked and how it scores),
//! `records` (what was answered, as kept and as it travels), `advice` (what it means for the enterprise) and `province`
//! (many results at once). A wing imports only from the wings before it; `catalog` composes them. No browser, clock,
//! RNG or storage here.
pub mod advice;
pub mod assessment;
pub mod catalog;
pub mod province;
pub mod records;

/// The app version written into result files.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
