//! A workshop's batch exports: the result files of its enterprises, stamped at one moment, as CSV for one
//! questionnaire or as one workbook with a sheet per questionnaire and the codebook.
use crate::domain::APP_VERSION;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::records::enterprise::Enterprise;
use crate::domain::records::export::{Workbook, codebook, sheet, to_csv};
use crate::domain::records::result_file::ResultFile;
use crate::domain::records::size::SizeRules;

/// The result files of `members` for `q` (those who started it), exported at `now`, each marked with its
/// enterprise and workshop.
pub fn results(q: &Questionnaire, members: &[&Enterprise], now: &str) -> Vec<ResultFile> {
    members
        .iter()
        .filter_map(|e| {
            e.drafts
                .get(&q.id)
                .map(|d| e.mark(ResultFile::build(q, d, &e.profile, APP_VERSION, now)))
        })
        .collect()
}

/// The CSV of `members`' results for `q`.
pub fn csv(q: &Questionnaire, members: &[&Enterprise], sizes: &SizeRules, now: &str) -> String {
    to_csv(q, &results(q, members, now), sizes)
}

/// One workbook: a sheet per questionnaire (every one, so its columns are there even when empty) and the codebook.
pub fn workbook(
    qs: &[&Questionnaire],
    members: &[&Enterprise],
    sizes: &SizeRules,
    now: &str,
) -> Workbook {
    let mut sheets: Vec<_> = qs
        .iter()
        .map(|q| sheet(q, &results(q, members, now), sizes))
        .collect();
    sheets.push(codebook(qs));
    Workbook { sheets }
}

/// The day of `now` (RFC 3339), for file names.
pub fn day(now: &str) -> &str {
    now.get(..10).unwrap_or_default()
}
