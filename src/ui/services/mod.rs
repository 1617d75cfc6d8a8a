//! The only code that touches the browser: storage, clock, randomness, location and the document.
pub mod browser;
pub mod device;
pub mod files;
#[cfg(feature = "office")]
pub mod idb;
pub mod office;
pub mod offline;
pub mod storage;
pub mod worker;
