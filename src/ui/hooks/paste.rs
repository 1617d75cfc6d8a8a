//! Pasted result links and codes: each code read (or refused, in words), and the report of what the good ones did
//! once added or counted. Shared by the workshop's and the province's paste boxes.
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::records::result_code::decode_all;
use crate::domain::records::result_file::ResultFile;
use crate::domain::records::workspace::Added;
use crate::ui::components::paste_box::PasteLine;
use crate::ui::context::Tr;
use crate::ui::describe::{Describe, named};
use yew::AttrValue;

/// One code of the last paste: its line, and the enterprise's name or why it was refused.
#[derive(Clone, PartialEq)]
pub struct Pasted {
    /// The line it was on.
    pub line: usize,
    /// The name in the result, or the refusal.
    pub outcome: Result<String, AttrValue>,
}

/// The pasted codes, read: what to report, and the good results.
pub fn read_paste(tr: &Tr, text: &str, qs: &[&Questionnaire]) -> (Vec<Pasted>, Vec<ResultFile>) {
    let mut report = Vec::new();
    let mut files = Vec::new();
    for (line, r) in decode_all(text, qs) {
        match r {
            Ok(f) => {
                let name = named(tr, &f.profile.name);
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
