//! Recommended support programmes: reasons, eligibility, amounts, legal reference and where to apply.
use yew::prelude::*;

/// One programme, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct RecItem {
    /// Stable id (used for the DOM id).
    pub id: AttrValue,
    /// Title.
    pub title: AttrValue,
    /// "Đang có hiệu lực", "Cần kiểm tra tình trạng", "Dự thảo".
    pub status: AttrValue,
    /// A CSS modifier for the status.
    pub status_class: &'static str,
    /// Decree 80 priority, when it applies.
    pub priority: Option<AttrValue>,
    /// What in the assessment triggered it.
    pub reasons: Vec<AttrValue>,
    /// "Maybe eligible: complete …", when the profile cannot tell.
    pub eligibility: Option<AttrValue>,
    /// Summary.
    pub summary: AttrValue,
    /// The benefit in words.
    pub benefit: AttrValue,
    /// "Tối đa 20.000.000 đ mỗi năm cho doanh nghiệp siêu nhỏ".
    pub support: Option<AttrValue>,
    /// Legal reference with its verification tag.
    pub legal: AttrValue,
    /// Where to apply.
    pub apply: AttrValue,
}

/// Props of [`RecommendationList`].
#[derive(Properties, PartialEq, Clone)]
pub struct RecommendationListProps {
    /// The items, ranked.
    pub items: Vec<RecItem>,
    /// "Lý do".
    pub reasons_label: AttrValue,
    /// "Chi tiết, căn cứ và nơi đăng ký".
    pub more_label: AttrValue,
    /// Shown when nothing matched.
    pub empty: AttrValue,
}

/// The list.
#[component]
pub fn RecommendationList(props: &RecommendationListProps) -> Html {
    if props.items.is_empty() {
        return html! { <p>{ props.empty.clone() }</p> };
    }
    let items = props.items.iter().map(|r| {
        let title_id = format!("prog-{}", r.id);
        html! {
            <li class="rec" aria-labelledby={title_id.clone()}>
                <h3 id={title_id}>{ r.title.clone() }</h3>
                <p class="badges">
                    <span class={classes!("badge", r.status_class)}>{ r.status.clone() }</span>
                    if let Some(p) = &r.priority { <span class="badge badge-priority">{ p.clone() }</span> }
                </p>
                <p class="rec-label">{ props.reasons_label.clone() }</p>
                <ul class="reasons">{ for r.reasons.iter().map(|x| html! { <li>{ x.clone() }</li> }) }</ul>
                if let Some(e) = &r.eligibility { <p class="rec-maybe">{ e.clone() }</p> }
                if let Some(s) = &r.support { <p class="support">{ s.clone() }</p> }
                <details class="rec-more">
                    <summary>{ props.more_label.clone() }</summary>
                    <p>{ r.summary.clone() }</p>
                    <p class="benefit">{ r.benefit.clone() }</p>
                    <p class="apply">{ r.apply.clone() }</p>
                    <p class="source">{ r.legal.clone() }</p>
                </details>
            </li>
        }
    });
    html! { <ol class="recs">{ for items }</ol> }
}
