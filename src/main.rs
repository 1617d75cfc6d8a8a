//! Mounts the DX Check app in the browser; nothing else.
fn main() {
    #[cfg(feature = "web")]
    dx_check::ui::start();
}
