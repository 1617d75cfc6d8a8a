//! One hook per heavy screen: it memoises the screen's view and owns its I/O (through `services/`), so that the
//! page only composes components.
pub mod paste;
pub mod sheets;
pub mod use_benchmark;
pub mod use_province;
pub mod use_step;
pub mod use_workshop;
