//! T0 → T1: the change per dimension since an earlier assessment of the same enterprise.
use yew::prelude::*;

/// Props of [`ChangeTable`].
#[derive(Properties, PartialEq)]
pub struct ChangeTableProps {
    /// "Thay đổi so với lần đánh giá ngày 20/11/2026".
    pub caption: AttrValue,
    /// Header cells.
    pub headers: Vec<AttrValue>,
    /// Rows: name, before, now, change.
    pub rows: Vec<Vec<AttrValue>>,
}

/// The comparison table.
#[component]
pub fn ChangeTable(props: &ChangeTableProps) -> Html {
    let head = props
        .headers
        .iter()
        .map(|h| html! { <th scope="col">{ h.clone() }</th> });
    let body = props.rows.iter().map(|r| {
        let mut cells = r.iter();
        let first = cells.next().cloned().unwrap_or_default();
        html! { <tr><th scope="row">{ first }</th>{ for cells.map(|c| html! { <td>{ c.clone() }</td> }) }</tr> }
    });
    html! {
        <table class="changes">
            <caption>{ props.caption.clone() }</caption>
            <thead><tr>{ for head }</tr></thead>
            <tbody>{ for body }</tbody>
        </table>
    }
}
