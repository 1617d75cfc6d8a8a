//! The running workshop's details (carried into every assessment made during it), or the button to start one.
use crate::domain::records::workshop::{Workshop, WorkshopEdit};
use crate::ui::components::text_field::TextField;
use yew::prelude::*;

/// Props of [`WorkshopDetails`].
#[derive(Properties, PartialEq)]
pub struct WorkshopDetailsProps {
    /// The running workshop, if any.
    pub workshop: Option<Workshop>,
    /// Its words.
    pub words: WorkshopDetailsWords,
    /// One edit to the details.
    pub on_edit: Callback<WorkshopEdit>,
    /// Start a workshop.
    pub on_start: Callback<()>,
    /// End it.
    pub on_end: Callback<()>,
}

/// The words of [`WorkshopDetails`].
#[derive(Clone, PartialEq, Default)]
pub struct WorkshopDetailsWords {
    /// The fieldset's legend.
    pub legend: AttrValue,
    /// Labels: name, advisor, organisation, date, place.
    pub labels: [AttrValue; 5],
    /// That the details are carried into each assessment.
    pub carried: AttrValue,
    /// The end button.
    pub end: AttrValue,
    /// That no workshop is running.
    pub none: AttrValue,
    /// The start button.
    pub start: AttrValue,
}

/// The details or the start button.
#[component]
pub fn WorkshopDetails(props: &WorkshopDetailsProps) -> Html {
    let w = &props.words;
    let Some(ws) = &props.workshop else {
        let on_start = props.on_start.clone();
        return html! {
            <div class="card">
                <p>{ w.none.clone() }</p>
                <button type="button" class="btn btn-primary" onclick={move |_| on_start.emit(())}>{ w.start.clone() }</button>
            </div>
        };
    };
    let edit = |f: fn(String) -> WorkshopEdit| props.on_edit.reform(f);
    let on_end = props.on_end.clone();
    let [name, advisor, organisation, date, place] = w.labels.clone();
    html! {
        <fieldset class="question">
            <legend>{ w.legend.clone() }</legend>
            <TextField id="ws-name" label={name} value={ws.name.clone()} on_change={edit(WorkshopEdit::Name)} />
            <TextField id="ws-advisor" label={advisor} value={ws.advisor.clone()} autocomplete="name" on_change={edit(WorkshopEdit::Advisor)} />
            <TextField id="ws-org" label={organisation} value={ws.organisation.clone()} autocomplete="organization" on_change={edit(WorkshopEdit::Organisation)} />
            <TextField id="ws-date" label={date} value={ws.date.clone()} input_type="date" on_change={edit(WorkshopEdit::Date)} />
            <TextField id="ws-place" label={place} value={ws.place.clone()} on_change={edit(WorkshopEdit::Place)} />
            <p class="hint">{ w.carried.clone() }</p>
            <button type="button" class="btn btn-quiet" onclick={move |_| on_end.emit(())}>{ w.end.clone() }</button>
        </fieldset>
    }
}
