//! A QR code as inline SVG: the dark modules as one path (`domain::chart::qr_path`) inside the four-module quiet zone
//! that cameras need, drawn at the width of the screen so another phone reads it.
use yew::prelude::*;

/// Props of [`QrCode`].
#[derive(Properties, PartialEq)]
pub struct QrCodeProps {
    /// The width in modules.
    pub width: usize,
    /// The dark modules as an SVG path in module units.
    pub path: AttrValue,
    /// What it holds, for screen readers ("QR code of the result link").
    pub label: AttrValue,
}

/// A QR code.
#[component]
pub fn QrCode(props: &QrCodeProps) -> Html {
    let side = props.width + 8;
    html! {
        <svg class="qr" role="img" aria-label={props.label.clone()} viewBox={format!("-4 -4 {side} {side}")}
            shape-rendering="crispEdges">
            <rect class="qr-bg" x="-4" y="-4" width={side.to_string()} height={side.to_string()} />
            <path class="qr-dark" d={props.path.clone()} />
        </svg>
    }
}
