//! The tally as sheets, for CSV and XLSX alike (the command line's CSV is these sheets too): a summary, each
//! breakdown by level, the dimension means, programmes and barriers, and the enterprise list.
use super::{EnterpriseLine, Levels, Tally};
use crate::domain::assessment::level::LEVELS;
use crate::domain::records::export::{Cell, Sheet, csv_document, machine_number};
use std::collections::BTreeMap;

/// A breakdown's rows with their keys as written.
fn written<K>(m: &BTreeMap<K, Levels>, key: impl Fn(&K) -> String) -> Vec<(String, &Levels)> {
    m.iter().map(|(k, l)| (key(k), l)).collect()
}

/// Every breakdown of a tally by its sheet name (`by_questionnaire`, `by_sector`, …), with its keys as written in
/// files: the rows of the sheets and of the command line's table alike.
pub fn breakdowns(t: &Tally) -> Vec<(&'static str, Vec<(String, &Levels)>)> {
    vec![
        (
            "by_questionnaire",
            written(&t.by_questionnaire, |k| k.to_string()),
        ),
        ("by_sector", written(&t.by_sector, |k| k.code().to_string())),
        ("by_size", written(&t.by_size, |k| k.code().to_string())),
        ("by_province", written(&t.by_province, Clone::clone)),
        ("by_commune", written(&t.by_commune, ToString::to_string)),
        ("by_month", written(&t.by_month, Clone::clone)),
    ]
}

/// The tally's tables as sheets (for CSV and XLSX): a summary, each breakdown by level, dimension means,
/// programmes and barriers. Column names are stable codes, like the CSV codebook.
pub fn sheets(t: &Tally) -> Vec<Sheet> {
    let num = |n: u32| Cell::Number(f64::from(n));
    let level_cols = || -> Vec<String> {
        let mut c = vec!["key".to_string(), "n".to_string()];
        c.extend((0..LEVELS).map(|l| format!("level_{l}")));
        c
    };
    let breakdown = |name: &str, m: Vec<(String, &Levels)>| Sheet {
        name: name.into(),
        columns: level_cols(),
        rows: m
            .into_iter()
            .map(|(k, l)| {
                let mut r = vec![Cell::Text(k), num(l.iter().sum())];
                r.extend(l.iter().map(|n| num(*n)));
                r
            })
            .collect(),
    };
    let summary = Sheet {
        name: "summary".into(),
        columns: vec!["figure".into(), "value".into()],
        rows: [
            ("target", t.target),
            ("counted", t.counted),
            ("records", t.records),
            ("repeated", t.repeated),
            ("drafts", t.drafts),
            ("merged_duplicates", t.merged),
            ("without_tax_code", t.without_tax_code),
            ("reassessed", t.reassessed),
            ("improved", t.improved),
        ]
        .iter()
        .map(|(k, v)| vec![Cell::Text((*k).into()), num(*v)])
        .chain((0..LEVELS).map(|l| vec![Cell::Text(format!("level_{l}")), num(t.by_level[l])]))
        .collect(),
    };
    let dims = Sheet {
        name: "dimensions".into(),
        columns: [
            "questionnaire",
            "dimension",
            "n",
            "mean_pct",
            "level_0",
            "level_1",
            "level_2",
            "level_3",
            "level_4",
            "level_5",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect(),
        rows: t
            .dimensions
            .iter()
            .map(|d| {
                let mut r = vec![
                    Cell::Text(d.questionnaire.to_string()),
                    Cell::Text(d.dimension.to_string()),
                    num(d.n),
                    Cell::Number(f64::from(d.mean_permille) / 10.0),
                ];
                r.extend(d.levels.iter().map(|n| num(*n)));
                r
            })
            .collect(),
    };
    let ranked = |name: &str, v: &[(String, u32)]| Sheet {
        name: name.into(),
        columns: vec!["id".into(), "n".into()],
        rows: v
            .iter()
            .map(|(k, n)| vec![Cell::Text(k.clone()), num(*n)])
            .collect(),
    };
    vec![
        summary,
        breakdown(
            "by_questionnaire",
            written(&t.by_questionnaire, |k| k.to_string()),
        ),
        breakdown("by_sector", written(&t.by_sector, |k| k.code().to_string())),
        breakdown("by_size", written(&t.by_size, |k| k.code().to_string())),
        breakdown("by_province", written(&t.by_province, Clone::clone)),
        breakdown("by_commune", written(&t.by_commune, ToString::to_string)),
        breakdown("by_month", written(&t.by_month, Clone::clone)),
        dims,
        ranked("programmes", &t.programmes),
        ranked("barriers", &t.barriers),
    ]
}

/// The enterprise list as a sheet.
pub fn enterprise_sheet(lines: &[EnterpriseLine]) -> Sheet {
    Sheet {
        name: "enterprises".into(),
        columns: [
            "tax_code",
            "name",
            "province",
            "commune",
            "sector",
            "size",
            "questionnaire",
            "completed_at",
            "overall_level",
            "overall_pct",
            "assessments",
            "improved",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect(),
        rows: lines
            .iter()
            .map(|e| {
                vec![
                    Cell::Text(e.tax_code.clone()),
                    Cell::Text(e.name.clone()),
                    Cell::Text(e.province.clone()),
                    Cell::Text(e.commune.clone()),
                    Cell::Text(e.sector.code().to_string()),
                    Cell::Text(e.size.code().to_string()),
                    Cell::Text(e.questionnaire.to_string()),
                    Cell::Text(e.completed_at.clone()),
                    Cell::Number(f64::from(e.level)),
                    Cell::Number(f64::from(e.permille) / 10.0),
                    Cell::Number(f64::from(e.assessments)),
                    Cell::Text(if e.improved { "1".into() } else { "0".into() }),
                ]
            })
            .collect(),
    }
}

/// Sheets as one CSV (a `table` column first), UTF-8 with a byte-order mark.
pub fn sheets_csv(sheets: &[Sheet]) -> String {
    csv_document(sheets.iter().flat_map(|s| {
        let head = std::iter::once("table".to_string())
            .chain(s.columns.iter().cloned())
            .collect::<Vec<_>>();
        let rows = s.rows.iter().map(|r| {
            std::iter::once(s.name.clone())
                .chain(r.iter().map(|c| match c {
                    Cell::Number(n) => machine_number(*n),
                    Cell::Text(t) => t.clone(),
                }))
                .collect::<Vec<_>>()
        });
        std::iter::once(head).chain(rows)
    }))
}
