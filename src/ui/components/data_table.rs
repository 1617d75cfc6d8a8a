//! A plain data table with a caption and row headers, and the header and body rows every table of the app shares.
use yew::prelude::*;

/// Props of [`DataTable`].
#[derive(Properties, PartialEq, Clone)]
pub struct DataTableProps {
    /// The caption.
    pub caption: AttrValue,
    /// Column headers.
    pub headers: Vec<AttrValue>,
    /// Rows: the first cell is the row header.
    pub rows: Vec<Vec<AttrValue>>,
    /// The table's class.
    #[prop_or(AttrValue::Static("data-table"))]
    pub class: AttrValue,
}

/// The table, in a region that scrolls sideways on a narrow screen.
#[component]
pub fn DataTable(props: &DataTableProps) -> Html {
    html! {
        <div class="table-scroll" role="region" tabindex="0" aria-label={props.caption.clone()}>
            <table class={props.class.clone()}>
                <caption>{ props.caption.clone() }</caption>
                <thead>{ header_row(&props.headers) }</thead>
                <tbody>{ body_rows(&props.rows) }</tbody>
            </table>
        </div>
    }
}

/// A row of column headers.
pub fn header_row(headers: &[AttrValue]) -> Html {
    html! { <tr>{ for headers.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }</tr> }
}

/// Body rows whose first cell is the row's header.
pub fn body_rows(rows: &[Vec<AttrValue>]) -> Html {
    rows.iter()
        .map(|r| {
            let mut cells = r.iter();
            let first = cells.next().cloned().unwrap_or_default();
            html! { <tr><th scope="row">{ first }</th>{ for cells.map(|c| html! { <td>{ c.clone() }</td> }) }</tr> }
        })
        .collect()
}
