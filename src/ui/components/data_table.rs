//! A plain data table with a caption and row headers.
use yew::prelude::*;

/// Props of [`DataTable`].
#[derive(Properties, PartialEq)]
pub struct DataTableProps {
    /// The caption.
    pub caption: AttrValue,
    /// Column headers.
    pub headers: Vec<AttrValue>,
    /// Rows: the first cell is the row header.
    pub rows: Vec<Vec<AttrValue>>,
}

/// The table.
#[component]
pub fn DataTable(props: &DataTableProps) -> Html {
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
        <div class="table-scroll" role="region" tabindex="0" aria-label={props.caption.clone()}>
            <table class="data-table">
                <caption>{ props.caption.clone() }</caption>
                <thead><tr>{ for head }</tr></thead>
                <tbody>{ for body }</tbody>
            </table>
        </div>
    }
}
