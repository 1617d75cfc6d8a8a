//! Route targets: they read the context, derive view data from the domain and hand it to components.
pub mod enterprises;
pub mod layout;
pub mod load_file;
pub mod method;
pub mod paste_results;
pub mod peers;
pub mod profile;
pub mod province;
pub mod received;
pub mod result_report;
pub mod results;
pub mod results_view;
pub mod send;
pub mod step;
pub mod storage_note;
pub mod welcome;
pub mod workshop;
