//! A destructive button that asks for confirmation inline before it acts.
use yew::prelude::*;

/// Props of [`ConfirmButton`].
#[derive(Properties, PartialEq)]
pub struct ConfirmButtonProps {
    /// The button's label.
    pub label: AttrValue,
    /// The question asked before acting.
    pub question: AttrValue,
    /// The label of the confirming button.
    pub confirm: AttrValue,
    /// The label of the cancelling button.
    pub cancel: AttrValue,
    /// Called once confirmed.
    pub on_confirm: Callback<()>,
}

/// "Start over" and the like.
#[component]
pub fn ConfirmButton(props: &ConfirmButtonProps) -> Html {
    let asking = use_state(|| false);
    if *asking {
        let no = {
            let asking = asking.clone();
            Callback::from(move |_| asking.set(false))
        };
        let yes = {
            let asking = asking.clone();
            let on_confirm = props.on_confirm.clone();
            Callback::from(move |_| {
                asking.set(false);
                on_confirm.emit(());
            })
        };
        html! {
            <div class="confirm" role="alertdialog" aria-labelledby="confirm-q">
                <p id="confirm-q">{ props.question.clone() }</p>
                <button type="button" class="btn btn-danger" onclick={yes}>{ props.confirm.clone() }</button>
                <button type="button" class="btn" onclick={no} autofocus=true>{ props.cancel.clone() }</button>
            </div>
        }
    } else {
        let ask = Callback::from(move |_| asking.set(true));
        html! { <button type="button" class="btn btn-quiet" onclick={ask}>{ props.label.clone() }</button> }
    }
}
