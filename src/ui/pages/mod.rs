//! Route targets: they read the context, derive view data from the domain and hand it to components.
pub mod enterprises;
pub mod layout;
pub mod load_file;
pub mod method;
pub mod peers;
pub mod profile;
pub mod province;
pub mod results;
pub mod results_view;
pub mod step;
pub mod welcome;
pub mod workshop;
