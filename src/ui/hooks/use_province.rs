//! The province page's state and I/O: the files kept in IndexedDB, the tally in the workers, the target (kept on
//! the device), pasted codes, clearing, and the exports (`province_export`). The page only composes what this hook
//! gives.
use crate::domain::assessment::level::permille_of;
use crate::domain::province::dashboard::Dashboard;
use crate::domain::province::join::Joined;
use crate::domain::province::roster::Roster;
use crate::domain::province::sheet::Codes;
use crate::domain::province::suppress;
use crate::domain::province::tables::Kind;
use crate::domain::province::tally::{Admission, Tally};
use crate::domain::province::target::Measure;
use crate::domain::records::reader::Refused;
use crate::domain::records::result_code::find_codes;
use crate::domain::records::workspace::Added;
use crate::ui::components::file_drop::Picked;
use crate::ui::context::{AppHandle, use_app};
use crate::ui::describe::Describe;
use crate::ui::faults::WorkerFault;
use crate::ui::hooks::kept_tally;
use crate::ui::hooks::latest::begin;
use crate::ui::hooks::paste::{Pasted, read_paste};
pub use crate::ui::hooks::province_export::Export;
use crate::ui::hooks::province_export::export;
use crate::ui::hooks::sheets::{self, Sheets};
use crate::ui::services::{browser, files, idb, storage, worker};
use crate::ui::shared::Shared;
use std::cell::RefCell;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// A tally's results as the page shows them: the figures, their dashboard, the refusals, and the enterprise
/// list once it has come.
#[derive(Clone, PartialEq)]
pub struct Ready {
    /// The figures (their enterprise list left empty).
    pub tally: Shared<Tally>,
    /// The dashboard, derived once from the figures.
    pub dashboard: Shared<Dashboard>,
    /// Each refused record or file.
    pub rejected: Shared<Vec<Refused>>,
    /// The enterprise table, once the list has come.
    pub roster: Option<Shared<Roster>>,
    /// The office's tables set beside the results, when any is loaded.
    pub joined: Option<Shared<Joined>>,
}

/// Where the page stands.
#[derive(Clone, PartialEq)]
pub enum Phase {
    /// Nothing imported yet.
    Empty,
    /// Working, with the share done in tenths of a percent.
    Working(u32),
    /// The tally.
    Ready(Ready),
    /// What went wrong.
    Failed(AttrValue),
}

/// The last paste: each code, and what the tally said each good one did (once it has said).
pub type PasteReport = (Vec<Pasted>, Option<Vec<Added>>);

/// What the page needs.
#[derive(Clone, PartialEq)]
pub struct Province {
    /// Where it stands.
    pub phase: Phase,
    /// The target, in enterprises.
    pub target: u32,
    /// The last paste.
    pub paste: Option<PasteReport>,
    /// Files picked or dropped.
    pub on_files: Callback<Vec<web_sys::File>>,
    /// A new target.
    pub on_target: Callback<u32>,
    /// Pasted text.
    pub on_paste: Callback<String>,
    /// Forget every imported file.
    pub on_clear: Callback<()>,
    /// Save an export.
    pub on_export: Callback<Export>,
    /// The threshold under which the exports hold a count back.
    pub threshold: u32,
    /// A new threshold.
    pub on_threshold: Callback<u32>,
    /// Why the last workbook could not be made, if it could not.
    pub export_failed: Option<AttrValue>,
    /// The office's tables loaded.
    pub sheets: Sheets,
    /// What the office chose its target to count, if it chose.
    pub measure: Option<Measure>,
    /// A table picked.
    pub on_sheet: Callback<(Kind, Picked)>,
    /// Why the last table picked could not be read, and which kind it was for (the tables and figures already
    /// shown stay).
    pub sheet_fault: Option<(Kind, AttrValue)>,
    /// The office's mapping of a table's columns.
    pub on_columns: Callback<(Kind, Codes)>,
    /// Forget a table.
    pub on_forget: Callback<Kind>,
    /// What the target counts.
    pub on_measure: Callback<Measure>,
}

/// Tallies the stored files; with `watch`, also hears what each record of the last one (codes just pasted) did.
fn run(
    app: &AppHandle,
    phase: UseStateHandle<Phase>,
    target: u32,
    sheets: &Sheets,
    watch: Option<Callback<Vec<Admission>>>,
) {
    let sides = sheets.job();
    let app = app.clone();
    let phase = begin(phase);
    spawn_local(async move {
        let stored = match idb::all().await {
            Ok(f) => f,
            Err(e) => return phase.emit(Phase::Failed(e.describe(&app.tr()))),
        };
        if stored.files.is_empty() {
            return phase.emit(Phase::Empty);
        }
        let watched = watch.as_ref().map(|_| stored.files.len() - 1);
        phase.emit(Phase::Working(0));
        let p = phase.clone();
        let progress = Callback::from(move |(done, total): (f64, f64)| {
            p.emit(Phase::Working(permille_of(done, total).unwrap_or(0)))
        });
        let started = browser::millis();
        // The figures show as soon as they are known; the enterprise list follows.
        let shown: Rc<RefCell<Option<Ready>>> = Rc::default();
        let on_figures = {
            let (phase, shown, app) = (phase.clone(), shown.clone(), app.clone());
            Callback::from(
                move |figures: Result<worker::TallyOutcome, WorkerFault>| match figures {
                    Ok(f) => {
                        browser::mark("data-tally-ms", browser::millis() - started);
                        if let Some(w) = &watch {
                            w.emit(f.watched.clone());
                        }
                        let ready = Ready {
                            dashboard: Shared(Rc::new(Dashboard::of(&f.tally, f.rejected.len()))),
                            tally: Shared(Rc::new(f.tally)),
                            rejected: Shared(Rc::new(f.rejected)),
                            roster: None,
                            joined: f.joined.map(|j| Shared(Rc::new(j))),
                        };
                        *shown.borrow_mut() = Some(ready.clone());
                        phase.emit(Phase::Ready(ready));
                    }
                    Err(e) => phase.emit(Phase::Failed(failed(&app, &e))),
                },
            )
        };
        let outcome =
            kept_tally::tally(&stored, (target, watched), sides, progress, on_figures).await;
        // Ready for the next import.
        worker::prewarm();
        let figures = shown.borrow_mut().take();
        match (outcome, figures) {
            (Ok(lines), Some(ready)) => {
                browser::mark("data-lines-ms", browser::millis() - started);
                phase.emit(Phase::Ready(Ready {
                    roster: Some(Shared(Rc::new(Roster::new(lines)))),
                    ..ready
                }));
            }
            // The figures could not be read: `on_figures` has already said so.
            (Ok(_), None) => {}
            (Err(e), _) => phase.emit(Phase::Failed(failed(&app, &e))),
        }
    });
}

/// After one of the office's tables changed: joins the tables again to the tally shown, in the worker that keeps
/// it, without reading the results again; tallies everything when no worker keeps it, the enterprise list has not
/// come yet, or the join fails.
fn refresh(app: &AppHandle, phase: UseStateHandle<Phase>, target: u32, sheets: &Sheets) {
    let ready = match &*phase {
        Phase::Ready(r) if r.roster.is_some() => r.clone(),
        _ => return run(app, phase, target, sheets, None),
    };
    let sides = sheets.job();
    let (handle, phase) = (phase.clone(), begin(phase));
    if sides.0.registry.is_none() && sides.0.support.is_none() {
        // No table left: the results alone, as a tally without tables gives them.
        return phase.emit(Phase::Ready(Ready {
            joined: None,
            ..ready
        }));
    }
    let (app, sheets) = (app.clone(), sheets.clone());
    spawn_local(async move {
        let started = browser::millis();
        match worker::rejoin(sides).await {
            Ok(Some(joined)) => {
                browser::mark("data-tally-ms", browser::millis() - started);
                phase.emit(Phase::Ready(Ready {
                    joined: Some(Shared(Rc::new(joined))),
                    ..ready
                }));
            }
            _ => run(&app, handle, target, &sheets, None),
        }
    });
}

/// "Could not tally: …" in the person's language.
fn failed(app: &AppHandle, e: &WorkerFault) -> AttrValue {
    let tr = app.tr();
    tr.f("prov.failed", &[("why", &e.describe(&tr))])
}

impl Province {
    /// Why the file last picked for a table of this kind could not be read, if it could not.
    pub fn sheet_fault(&self, kind: Kind) -> Option<AttrValue> {
        self.sheet_fault
            .as_ref()
            .filter(|(k, _)| *k == kind)
            .map(|(_, f)| f.clone())
    }
}

/// The province page's state and its handlers.
#[hook]
pub fn use_province() -> Province {
    let app = use_app();
    let phase = use_state(|| Phase::Empty);
    let target = use_state(|| storage::DEFAULT_TARGET);
    let paste = use_state(|| None::<PasteReport>);
    let export_failed = use_state(|| None::<AttrValue>);
    let threshold = use_state(storage::load_threshold);
    let sheets = use_state(Sheets::default);
    let sheet_fault = use_state(|| None::<(Kind, AttrValue)>);
    let measure = use_state(|| None::<Measure>);
    {
        let (app, phase, target, sheets, measure) = (
            app.clone(),
            phase.clone(),
            target.clone(),
            sheets.clone(),
            measure.clone(),
        );
        use_effect_with((), move |_| {
            // The workers load while the person picks files; what was set on this device is read once, here
            // rather than while rendering.
            worker::prewarm();
            let kept = storage::load_target();
            target.set(kept);
            measure.set(storage::load_measure());
            spawn_local(async move {
                match sheets::stored().await {
                    Ok(kept_sheets) => {
                        sheets.set(kept_sheets.clone());
                        run(&app, phase, kept, &kept_sheets, None);
                    }
                    Err(e) => phase.set(Phase::Failed(e.describe(&app.tr()))),
                }
            });
            worker::release
        });
    }
    let on_sheet = {
        let (app, phase, target, sheets, fault) = (
            app.clone(),
            phase.clone(),
            target.clone(),
            sheets.clone(),
            sheet_fault.clone(),
        );
        Callback::from(move |(kind, picked): (Kind, Picked)| {
            let (app, phase, target, sheets, fault) = (
                app.clone(),
                phase.clone(),
                *target,
                sheets.clone(),
                fault.clone(),
            );
            // One table at a time: the first file picked.
            let Some(file) = picked.into_iter().next() else {
                return;
            };
            spawn_local(async move {
                // A workbook that cannot be read is said beside its table; what is shown stays.
                let file = match sheets::as_csv(file).await {
                    Ok(f) => f,
                    Err(e) => {
                        let tr = app.tr();
                        let why = tr.f("sheet.fault", &[("why", &e.describe(&tr))]);
                        return fault.set(Some((kind, why)));
                    }
                };
                fault.set(None);
                if let Err(e) = idb::put_sheet(kind.code(), Some(&file)).await {
                    return phase.set(Phase::Failed(e.describe(&app.tr())));
                }
                let loaded = sheets::load(kind, file.name(), file.into()).await;
                let now = sheets.with(kind, Some(loaded));
                sheets.set(now.clone());
                refresh(&app, phase, target, &now);
            });
        })
    };
    let on_columns = {
        let (app, phase, target, sheets) =
            (app.clone(), phase.clone(), target.clone(), sheets.clone());
        Callback::from(move |(kind, codes): (Kind, Codes)| {
            let Some(loaded) = sheets.get(kind) else {
                return;
            };
            let (loaded, saved) = sheets::remap(kind, loaded, codes);
            if let Err(e) = saved {
                app.dispatch(crate::ui::state::Action::Notify(e.notice()));
            }
            let now = sheets.with(kind, Some(loaded));
            sheets.set(now.clone());
            refresh(&app, phase.clone(), *target, &now);
        })
    };
    let on_forget = {
        let (app, phase, target, sheets) =
            (app.clone(), phase.clone(), target.clone(), sheets.clone());
        Callback::from(move |kind: Kind| {
            let (app, phase, target, sheets) =
                (app.clone(), phase.clone(), *target, sheets.clone());
            spawn_local(async move {
                if let Err(e) = idb::put_sheet(kind.code(), None).await {
                    return phase.set(Phase::Failed(e.describe(&app.tr())));
                }
                let now = sheets.with(kind, None);
                sheets.set(now.clone());
                refresh(&app, phase, target, &now);
            });
        })
    };
    let on_measure = {
        let (app, measure) = (app.clone(), measure.clone());
        Callback::from(move |m: Measure| {
            if let Err(e) = storage::save_measure(m) {
                app.dispatch(crate::ui::state::Action::Notify(e.notice()));
            }
            measure.set(Some(m));
        })
    };
    let on_files = {
        let (app, phase, target, sheets) =
            (app.clone(), phase.clone(), target.clone(), sheets.clone());
        Callback::from(move |picked: Vec<web_sys::File>| {
            let (app, phase, target, sheets) =
                (app.clone(), phase.clone(), *target, (*sheets).clone());
            spawn_local(async move {
                phase.set(Phase::Working(0));
                // The files are stored as they are and read by the worker: an unreadable one is reported there.
                if let Err(e) = idb::add(&picked).await {
                    return phase.set(Phase::Failed(e.describe(&app.tr())));
                }
                run(&app, phase, target, &sheets, None);
            });
        })
    };
    let on_target = {
        let (app, phase, target, sheets) =
            (app.clone(), phase.clone(), target.clone(), sheets.clone());
        Callback::from(move |n: u32| {
            let n = n.max(1);
            if let Err(e) = storage::save_target(n) {
                app.dispatch(crate::ui::state::Action::Notify(e.notice()));
            }
            target.set(n);
            run(&app, phase.clone(), n, &sheets, None);
        })
    };
    let on_paste = {
        let (app, phase, target, paste, sheets) = (
            app.clone(),
            phase.clone(),
            target.clone(),
            paste.clone(),
            sheets.clone(),
        );
        Callback::from(move |text: String| {
            let tr = app.tr();
            let (report, good) = read_paste(&tr, &text, &app.questionnaires());
            if good.is_empty() {
                return paste.set(Some((report, Some(Vec::new()))));
            }
            // The good codes, as pasted, one a line: kept beside the imported files and counted like them.
            let codes: Vec<&str> = find_codes(&text)
                .into_iter()
                .zip(&report)
                .filter(|(_, p)| p.outcome.is_ok())
                .map(|(f, _)| f.code)
                .collect();
            paste.set(Some((report.clone(), None)));
            let name = format!("pasted-{}.txt", browser::now().replace([':', '.'], "-"));
            let body = codes.join("\n") + "\n";
            let (app, phase, target, paste, sheets) = (
                app.clone(),
                phase.clone(),
                *target,
                paste.clone(),
                (*sheets).clone(),
            );
            spawn_local(async move {
                let Some(file) = files::text_file(&name, &body) else {
                    return phase.set(Phase::Failed(app.tr().t("prov.paste_failed")));
                };
                if let Err(e) = idb::add(&[file]).await {
                    return phase.set(Phase::Failed(e.describe(&app.tr())));
                }
                let heard = Callback::from(move |watched: Vec<Admission>| {
                    let done = watched
                        .iter()
                        .map(|a| match a {
                            Admission::New => Added::New,
                            Admission::AlreadyThere => Added::AlreadyThere,
                            Admission::Updated => Added::Updated,
                        })
                        .collect();
                    paste.set(Some((report.clone(), Some(done))));
                });
                run(&app, phase, target, &sheets, Some(heard));
            });
        })
    };
    let on_clear = {
        let (app, phase) = (app.clone(), phase.clone());
        Callback::from(move |()| {
            let (app, phase) = (app.clone(), phase.clone());
            spawn_local(async move {
                match idb::clear().await {
                    Ok(()) => phase.set(Phase::Empty),
                    Err(e) => phase.set(Phase::Failed(e.describe(&app.tr()))),
                }
            });
        })
    };
    let on_threshold = {
        let (app, threshold) = (app.clone(), threshold.clone());
        Callback::from(move |n: u32| {
            let n = suppress::threshold(u64::from(n));
            if let Err(e) = storage::save_threshold(n) {
                app.dispatch(crate::ui::state::Action::Notify(e.notice()));
            }
            threshold.set(n);
        })
    };
    let on_export = {
        let (app, phase, failed, threshold) = (
            app.clone(),
            phase.clone(),
            export_failed.clone(),
            threshold.clone(),
        );
        Callback::from(move |kind: Export| {
            if let Phase::Ready(ready) = &*phase {
                let shown = (
                    &*ready.tally,
                    ready.roster.as_deref(),
                    ready.joined.as_deref(),
                );
                export(kind, shown, *threshold, &app, failed.clone());
            }
        })
    };
    Province {
        phase: (*phase).clone(),
        target: *target,
        paste: (*paste).clone(),
        on_files,
        on_target,
        on_paste,
        on_clear,
        on_export,
        export_failed: (*export_failed).clone(),
        threshold: u32::try_from(*threshold).unwrap_or(u32::MAX),
        on_threshold,
        sheets: (*sheets).clone(),
        measure: *measure,
        on_sheet,
        sheet_fault: (*sheet_fault).clone(),
        on_columns,
        on_forget,
        on_measure,
    }
}
