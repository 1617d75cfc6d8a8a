//! The whole app, the advisor's and office's pages included: started by `src/web/boot.js` when one of those pages
//! is opened, in place of the owner's app (`dx_check`, built without the `office` feature).
fn main() {
    #[cfg(feature = "office")]
    dx_check::ui::start();
}
