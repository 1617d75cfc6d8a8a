//! "Paste results" for an advisor: every result link or code in a pasted text (a copied chat, a list) is checked and
//! added to the enterprises on this device, once per assessment, and each code's outcome is listed.
use crate::domain::records::draft::Uuid;
use crate::domain::records::result_code::decode_all;
use crate::domain::records::result_file::ResultFile;
use crate::domain::records::workspace::Added;
use crate::ui::components::paste_box::{PasteBox, PasteLine};
use crate::ui::context::{Tr, use_app};
use crate::ui::describe::Describe;
use crate::ui::services::browser;
use crate::ui::state::Action;
use yew::prelude::*;

/// One code of the last paste: its line, and the enterprise's name or why it was refused.
#[derive(Clone, PartialEq)]
pub struct Pasted {
    /// The line it was on.
    pub line: usize,
    /// The name in the result, or the refusal.
    pub outcome: Result<String, AttrValue>,
}

/// The pasted codes, read: what to report, and the good results.
pub fn read_paste(
    tr: &Tr,
    text: &str,
    qs: &[&crate::domain::assessment::questionnaire::Questionnaire],
) -> (Vec<Pasted>, Vec<ResultFile>) {
    let mut report = Vec::new();
    let mut files = Vec::new();
    for (line, r) in decode_all(text, qs) {
        match r {
            Ok(f) => {
                let name = f.profile.name.trim();
                let name = if name.is_empty() {
                    tr.t("report.unnamed").to_string()
                } else {
                    name.to_string()
                };
                report.push(Pasted {
                    line,
                    outcome: Ok(name),
                });
                files.push(f);
            }
            Err(e) => report.push(Pasted {
                line,
                outcome: Err(e.describe(tr)),
            }),
        }
    }
    (report, files)
}

/// The report lines and their summary, given what each good code did (in order).
pub fn report_lines(tr: &Tr, pasted: &[Pasted], done: &[Added]) -> (AttrValue, Vec<PasteLine>) {
    if pasted.is_empty() {
        return (tr.t("paste.none"), Vec::new());
    }
    let mut counts = [0usize; 4];
    let mut done = done.iter();
    let lines = pasted
        .iter()
        .map(|p| {
            let line = p.line.to_string();
            match &p.outcome {
                Err(why) => {
                    counts[3] += 1;
                    PasteLine {
                        text: tr.f("paste.line_refused", &[("line", &line), ("why", why)]),
                        refused: true,
                    }
                }
                Ok(name) => {
                    let (key, slot) = match done.next() {
                        Some(Added::New) | None => ("paste.line_added", 0),
                        Some(Added::AlreadyThere) => ("paste.line_already", 1),
                        Some(Added::KeptNewer) => ("paste.line_kept", 1),
                        Some(Added::Updated) => ("paste.line_updated", 2),
                    };
                    counts[slot] += 1;
                    PasteLine {
                        text: tr.f(key, &[("line", &line), ("name", name)]),
                        refused: false,
                    }
                }
            }
        })
        .collect();
    let summary = tr.f(
        "paste.summary",
        &[
            ("count", &pasted.len().to_string()),
            ("added", &counts[0].to_string()),
            ("already", &counts[1].to_string()),
            ("updated", &counts[2].to_string()),
            ("refused", &counts[3].to_string()),
        ],
    );
    (summary, lines)
}

/// The advisor's paste box.
#[component]
pub fn WorkshopPaste() -> Html {
    let app = use_app();
    let tr = app.tr();
    let pasted = use_state(|| None::<Vec<Pasted>>);
    let on_paste = {
        let (app, pasted) = (app.clone(), pasted.clone());
        Callback::from(move |text: String| {
            let tr = app.tr();
            let (report, files) = read_paste(&tr, &text, &app.questionnaires());
            let ids = files
                .iter()
                .map(|_| Uuid::from_random(browser::random_bytes()))
                .collect();
            pasted.set(Some(report));
            app.dispatch(Action::AddResults {
                files,
                ids,
                now: browser::now(),
            });
        })
    };
    let (summary, report) = match &*pasted {
        Some(p) => {
            let done: Vec<Added> = app.added.iter().map(|o| o.added).collect();
            let (s, r) = report_lines(&tr, p, &done);
            (Some(s), r)
        }
        None => (None, Vec::new()),
    };
    html! {
        <PasteBox id="ws-paste" label={tr.t("paste.label")} hint={tr.t("paste.hint")} button={tr.t("paste.button_ws")}
            {summary} {report} {on_paste} />
    }
}
