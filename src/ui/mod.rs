//! The Yew front end.
/// Mounts the app.
pub fn start() {}
