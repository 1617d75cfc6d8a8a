//! A sortable table: each column header is a button; `aria-sort` tells screen readers the order.
use super::data_table::body_rows;
use yew::prelude::*;

/// Props of [`GroupTable`].
#[derive(Properties, PartialEq)]
pub struct GroupTableProps {
    /// The caption.
    pub caption: AttrValue,
    /// Column headers.
    pub headers: Vec<AttrValue>,
    /// The sorted column and whether it is descending.
    pub sorted: (usize, bool),
    /// Rows: the first cell is the row header.
    pub rows: Vec<Vec<AttrValue>>,
    /// Called with the column clicked.
    pub on_sort: Callback<usize>,
}

/// The table.
#[component]
pub fn GroupTable(props: &GroupTableProps) -> Html {
    let head = props.headers.iter().enumerate().map(|(i, h)| {
        let sort = (props.sorted.0 == i).then_some(if props.sorted.1 { "descending" } else { "ascending" });
        let on_sort = props.on_sort.clone();
        let onclick = Callback::from(move |_| on_sort.emit(i));
        html! { <th scope="col" aria-sort={sort}><button type="button" class="sort-btn" {onclick}>{ h.clone() }</button></th> }
    });
    html! {
        <div class="table-scroll" role="region" tabindex="0" aria-label={props.caption.clone()}>
            <table class="group-table">
                <caption>{ props.caption.clone() }</caption>
                <thead><tr>{ for head }</tr></thead>
                <tbody>{ body_rows(&props.rows) }</tbody>
            </table>
        </div>
    }
}
