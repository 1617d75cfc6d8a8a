//! The province's benchmark file on this device: read from storage once the section is on screen (not while
//! rendering), replaced by a file the person picks (checked, then kept if storage accepts it), or removed.
use crate::domain::province::benchmark::Benchmark;
use crate::ui::context::use_app;
use crate::ui::describe::Describe;
use crate::ui::services::{files, storage};
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// What the section says after the last action.
#[derive(Clone, PartialEq)]
pub enum BenchMessage {
    /// Nothing to say.
    None,
    /// The picked file was refused, and why.
    Refused(AttrValue),
    /// In use, but storage would not keep it for next time.
    NotSaved,
    /// Off the page, but storage would not forget it.
    NotRemoved,
}

/// The benchmark and its handlers.
#[derive(Clone, PartialEq)]
pub struct BenchmarkIo {
    /// The file in use, if any.
    pub bench: Option<Rc<Benchmark>>,
    /// What to say.
    pub message: BenchMessage,
    /// A file picked.
    pub on_pick: Callback<Event>,
    /// Remove the file.
    pub on_remove: Callback<()>,
}

/// The hook.
#[hook]
pub fn use_benchmark() -> BenchmarkIo {
    let app = use_app();
    let bench = use_state(|| None::<Rc<Benchmark>>);
    let message = use_state(|| BenchMessage::None);
    {
        let bench = bench.clone();
        use_effect_with((), move |_| {
            if let Some(b) = storage::load_benchmark() {
                bench.set(Some(Rc::new(b)));
            }
        });
    }
    let on_pick = {
        let (app, bench, message) = (app.clone(), bench.clone(), message.clone());
        Callback::from(move |e: Event| {
            let Some(file) = files::take_picked(&e) else {
                return;
            };
            let (app, bench, message) = (app.clone(), bench.clone(), message.clone());
            spawn_local(async move {
                let tr = app.tr();
                let text = match files::read_text(file).await {
                    Ok(t) => t,
                    Err(e) => return message.set(BenchMessage::Refused(e.describe(&tr))),
                };
                match Benchmark::from_json(&text) {
                    Err(e) => message.set(BenchMessage::Refused(e.describe(&tr))),
                    Ok(b) => {
                        // Shown either way; kept for next time only if storage accepts it.
                        message.set(match storage::save_benchmark(Some(&text)) {
                            Ok(()) => BenchMessage::None,
                            Err(_) => BenchMessage::NotSaved,
                        });
                        bench.set(Some(Rc::new(b)));
                    }
                }
            });
        })
    };
    let on_remove = {
        let (bench, message) = (bench.clone(), message.clone());
        Callback::from(move |()| {
            // Gone from the page either way; if storage would not forget it, it comes back next time, so say so.
            bench.set(None);
            message.set(match storage::save_benchmark(None) {
                Ok(()) => BenchMessage::None,
                Err(_) => BenchMessage::NotRemoved,
            });
        })
    };
    BenchmarkIo {
        bench: (*bench).clone(),
        message: (*message).clone(),
        on_pick,
        on_remove,
    }
}
