//! The report's header: who, which questionnaire and version, and when (printed at the top of the A4 report).
use yew::prelude::*;

/// Props of [`ReportMeta`].
#[derive(Properties, PartialEq, Clone)]
pub struct ReportMetaProps {
    /// (term, description) pairs, such as ("Doanh nghiệp", "Công ty TNHH …").
    pub rows: Vec<(AttrValue, AttrValue)>,
}

/// A description list of the report's details.
#[component]
pub fn ReportMeta(props: &ReportMetaProps) -> Html {
    let rows = props.rows.iter().map(
        |(t, d)| html! { <div class="meta-row"><dt>{ t.clone() }</dt><dd>{ d.clone() }</dd></div> },
    );
    html! { <dl class="report-meta">{ for rows }</dl> }
}
