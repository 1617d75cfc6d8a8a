//! The province page's exports: the aggregate tables (their small numbers suppressed), the enterprise list, the
//! outreach list and the benchmark file, as CSV or JSON at once or as a workbook rendered in the workbook worker.
use crate::domain::province::benchmark::Benchmark;
use crate::domain::province::exports::{
    coverage_sheets, peer_groups, private_benchmark, private_sheets,
};
use crate::domain::province::join::{Joined, outreach_sheet};
use crate::domain::province::roster::Roster;
use crate::domain::province::tally::Tally;
use crate::domain::province::tally::{enterprise_sheet, sheets_csv};
use crate::domain::records::export::Workbook;
use crate::ui::context::AppHandle;
use crate::ui::describe::Describe;
use crate::ui::services::{browser, files, worker};
use yew::platform::spawn_local;
use yew::prelude::*;

/// An export the page offers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// The aggregate tables as CSV.
    AggregatesCsv,
    /// The aggregate tables as a workbook.
    AggregatesXlsx,
    /// The enterprise list as CSV.
    EnterprisesCsv,
    /// The enterprise list as a workbook.
    EnterprisesXlsx,
    /// The anonymised benchmark file.
    Benchmark,
    /// The outreach list as CSV.
    OutreachCsv,
    /// The outreach list as a workbook.
    OutreachXlsx,
}

/// What an export is made from: the tally shown, its enterprise list once it has come, and the office's tables
/// joined to it, if any.
pub type Shown<'a> = (&'a Tally, Option<&'a Roster>, Option<&'a Joined>);

/// Saves an export of the tally shown.
pub fn export(
    kind: Export,
    (tally, roster, joined): Shown<'_>,
    threshold: u64,
    app: &AppHandle,
    failed: UseStateHandle<Option<AttrValue>>,
) {
    failed.set(None);
    let now = browser::now();
    let day = now.get(..10).unwrap_or_default().to_string();
    let lines = || roster.map_or(&[][..], |r| r.lines());
    let outreach = || outreach_sheet(joined.map_or(&[][..], |j| &j.outreach));
    // Every aggregate leaves with its small numbers suppressed (docs/suppression.md).
    let aggregates = || {
        let mut out = private_sheets(tally, threshold);
        if let Some(c) = joined.and_then(|j| j.coverage.as_ref()) {
            out.extend(coverage_sheets(c, threshold));
        }
        out
    };
    match kind {
        Export::AggregatesCsv => files::download(
            &format!("dxcheck-tally-{day}.csv"),
            "text/csv",
            &sheets_csv(&aggregates()),
        ),
        Export::EnterprisesCsv => files::download(
            &format!("dxcheck-enterprises-{day}.csv"),
            "text/csv",
            &sheets_csv(&[enterprise_sheet(lines())]),
        ),
        Export::OutreachCsv => files::download(
            &format!("dxcheck-outreach-{day}.csv"),
            "text/csv",
            &sheets_csv(&[outreach()]),
        ),
        Export::Benchmark => {
            let cells = private_benchmark(tally.benchmark.clone(), &peer_groups(lines()));
            let b = Benchmark::new(cells, "", &now);
            files::download(
                &format!("dxcheck-benchmark-{day}.json"),
                "application/json",
                &b.to_json(),
            );
        }
        Export::AggregatesXlsx | Export::EnterprisesXlsx | Export::OutreachXlsx => {
            let (sheet, what) = match kind {
                Export::AggregatesXlsx => (aggregates(), "tally"),
                Export::EnterprisesXlsx => (vec![enterprise_sheet(lines())], "enterprises"),
                _ => (vec![outreach()], "outreach"),
            };
            let book = Workbook { sheets: sheet };
            let name = format!("dxcheck-{what}-{day}.xlsx");
            let tr = app.tr();
            spawn_local(async move {
                match worker::render_xlsx(&book).await {
                    Ok(bytes) => files::download_bytes(
                        &name,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        &bytes,
                    ),
                    Err(e) => {
                        failed.set(Some(tr.f("ws.xlsx_failed", &[("why", &e.describe(&tr))])))
                    }
                }
            });
        }
    }
}
