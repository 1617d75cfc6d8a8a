//! One hook per heavy screen: it memoises the screen's view and owns its I/O (through `services/`), so that the
//! page only composes components.
#[cfg(feature = "office")]
pub mod kept_tally;
#[cfg(feature = "office")]
pub mod latest;
#[cfg(feature = "office")]
pub mod paste;
#[cfg(feature = "office")]
pub mod province_export;
#[cfg(feature = "office")]
pub mod sheets;
pub mod use_benchmark;
#[cfg(feature = "office")]
pub mod use_province;
pub mod use_step;
#[cfg(feature = "office")]
pub mod use_workshop;
