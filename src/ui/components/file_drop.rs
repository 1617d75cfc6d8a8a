//! A drop zone with a file picker for many files: what is dropped or picked is handed on at once (the input is
//! emptied, so picking the same files again works).
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`FileDrop`].
#[derive(Properties, PartialEq)]
pub struct FileDropProps {
    /// The file input's id.
    pub id: AttrValue,
    /// "Drop files here".
    pub drop: AttrValue,
    /// The picker button's text.
    pub pick: AttrValue,
    /// Which formats it takes.
    pub hint: AttrValue,
    /// The input's `accept`.
    pub accept: AttrValue,
    /// Called with the files dropped or picked.
    pub on_files: Callback<Picked>,
    /// Whether several files may be picked at once.
    #[prop_or(true)]
    pub multiple: bool,
}

/// What was dropped or picked, in order.
pub type Picked = Vec<web_sys::File>;

fn files(list: Option<web_sys::FileList>) -> Picked {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// The drop zone.
#[component]
pub fn FileDrop(props: &FileDropProps) -> Html {
    let onchange = {
        let cb = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            // Taken out first: the input's list empties once the input is reset.
            let picked = files(input.files());
            input.set_value("");
            cb.emit(picked);
        })
    };
    let ondrop = {
        let cb = props.on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            cb.emit(files(e.data_transfer().and_then(|d| d.files())));
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    html! {
        <div class="dropzone" {ondrop} {ondragover}>
            <p>{ props.drop.clone() }</p>
            <label class="btn btn-primary" for={props.id.clone()}>{ props.pick.clone() }</label>
            <input id={props.id.clone()} class="visually-hidden" type="file" multiple={props.multiple} accept={props.accept.clone()} {onchange} />
            <p class="hint">{ props.hint.clone() }</p>
        </div>
    }
}
