//! The SME size class (Decree 80/2021 Art. 5) with the reason in words, or what is missing to tell.
use yew::prelude::*;

/// Props of [`SizeCard`].
#[derive(Properties, PartialEq, Clone)]
pub struct SizeCardProps {
    /// "Quy mô doanh nghiệp".
    pub heading: AttrValue,
    /// "Doanh nghiệp nhỏ", "Chưa đủ dữ liệu", "Hộ kinh doanh: không phải DNNVV".
    pub class_text: AttrValue,
    /// Why, such as "≤ 50 lao động BHXH và doanh thu ≤ 100 tỷ đồng".
    pub reason: AttrValue,
    /// The legal reference.
    pub legal: AttrValue,
}

/// The size card.
#[component]
pub fn SizeCard(props: &SizeCardProps) -> Html {
    html! {
        <section class="size-card" aria-labelledby="size-h">
            <h2 id="size-h">{ props.heading.clone() }</h2>
            <p class="size-class">{ props.class_text.clone() }</p>
            <p>{ props.reason.clone() }</p>
            <p class="source">{ props.legal.clone() }</p>
        </section>
    }
}
