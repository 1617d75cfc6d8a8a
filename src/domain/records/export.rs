//! CSV export with a stable codebook: one row per assessment, fixed metadata and profile columns, score columns
//! per dimension, then one column per question (`QT1`), two per ratio (`C19_part`, `C19_whole`) and one per option
//! of a multi-choice question (`M1__web`). Ids are stable across questionnaire versions, so columns are too.
//! The codebook is in `docs/csv-codebook.md`.
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::questionnaire::{QuestionKind, Questionnaire};
use crate::domain::records::result_file::ResultFile;
use crate::domain::records::size::{SizeCategory, SizeRules};
use serde::{Deserialize, Serialize};

/// Metadata and profile columns, in order.
pub const FIXED_COLUMNS: [&str; 21] = [
    "assessment_id",
    "questionnaire_id",
    "questionnaire_version",
    "status",
    "app_version",
    "created_at",
    "completed_at",
    "exported_at",
    "name",
    "tax_code",
    "entity_type",
    "sector",
    "main_activity",
    "employees",
    "revenue_bn",
    "capital_bn",
    "province",
    "commune",
    "woman_owner",
    "female_share_pct",
    "size_class",
];

/// The header of a questionnaire's CSV.
pub fn header(q: &Questionnaire) -> Vec<String> {
    let mut h: Vec<String> = FIXED_COLUMNS.iter().map(|s| (*s).to_string()).collect();
    for line in
        std::iter::once("overall".to_string()).chain(q.dimensions.iter().map(|d| d.id.to_string()))
    {
        for part in ["earned", "max", "pct", "level"] {
            h.push(format!("{line}_{part}"));
        }
    }
    for question in &q.questions {
        match &question.kind {
            QuestionKind::Single { .. } | QuestionKind::Number { .. } => {
                h.push(question.id.to_string())
            }
            QuestionKind::Ratio { .. } => {
                h.push(format!("{}_part", question.id));
                h.push(format!("{}_whole", question.id));
            }
            QuestionKind::Multi { options } => {
                h.extend(options.iter().map(|o| format!("{}__{}", question.id, o.id)));
            }
        }
    }
    h
}

/// A number the way a machine reads it: a dot, no grouping, no trailing ".0".
pub fn machine_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

fn permille_pct(p: u32) -> String {
    format!("{}.{}", p / 10, p % 10)
}

/// One row for a result file (which has already been checked against `q`).
pub fn row(q: &Questionnaire, r: &ResultFile, sizes: &SizeRules) -> Vec<String> {
    let p = &r.profile;
    let opt = |v: Option<String>| v.unwrap_or_default();
    let size = SizeCategory::of(&sizes.classify(p)).code().to_string();
    let mut out = vec![
        r.assessment_id.to_string(),
        r.questionnaire.id.to_string(),
        r.questionnaire.version.clone(),
        match r.status {
            crate::domain::records::result_file::ResultStatus::Completed => "completed".into(),
            crate::domain::records::result_file::ResultStatus::Draft => "draft".into(),
        },
        r.app_version.clone(),
        r.created_at.clone(),
        opt(r.completed_at.clone()),
        r.exported_at.clone(),
        p.name.clone(),
        p.valid_tax_code()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        opt(p.entity_type.map(|e| e.code().to_string())),
        opt(p.sector.map(|s| s.code().to_string())),
        p.main_activity.clone(),
        opt(p.employees.map(|n| n.to_string())),
        opt(p.revenue_bn.map(machine_number)),
        opt(p.capital_bn.map(machine_number)),
        opt(p.province.clone()),
        p.commune.clone(),
        opt(p.woman_owner.map(|w| if w { "1" } else { "0" }.to_string())),
        opt(p.female_share_pct.map(machine_number)),
        size,
    ];
    let s = &r.scores;
    for line in std::iter::once(&s.overall).chain(s.dimensions.iter().map(|d| &d.score)) {
        out.extend([
            line.earned.to_string(),
            line.max.to_string(),
            permille_pct(line.share_permille),
            line.level.to_string(),
        ]);
    }
    for question in &q.questions {
        let a = r.answers.get(&question.id);
        match &question.kind {
            QuestionKind::Single { .. } => out.push(match a {
                Some(Answer::Choice(id)) => id.to_string(),
                _ => String::new(),
            }),
            QuestionKind::Number { .. } => out.push(match a {
                Some(Answer::Number(v)) => machine_number(*v),
                Some(Answer::DontKnow) => "dont_know".into(),
                _ => String::new(),
            }),
            QuestionKind::Ratio { .. } => match a {
                Some(Answer::Ratio { num, den }) => {
                    out.extend([machine_number(*num), machine_number(*den)])
                }
                Some(Answer::DontKnow) => {
                    out.extend(["dont_know".to_string(), "dont_know".to_string()])
                }
                _ => out.extend([String::new(), String::new()]),
            },
            QuestionKind::Multi { options } => {
                for o in options {
                    out.push(match a {
                        Some(Answer::Multi(ids)) => {
                            if ids.contains(&o.id) { "1" } else { "0" }.to_string()
                        }
                        _ => String::new(),
                    });
                }
            }
        }
    }
    out
}

/// Rows as CSV text for Excel: UTF-8 with a byte-order mark (so that Excel shows Vietnamese correctly), CRLF line
/// ends, rows of any length. Every CSV the app and the command line write goes through here.
pub fn csv_document<R, F>(rows: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for r in rows {
        // Cannot fail: the writer writes to memory (no I/O) and, flexible, accepts rows of any length.
        let _ = w.write_record(r);
    }
    // Cannot fail: flushing into memory.
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// The CSV text for results of one questionnaire; rows of other questionnaires are skipped.
pub fn to_csv(q: &Questionnaire, results: &[ResultFile], sizes: &SizeRules) -> String {
    let rows = results
        .iter()
        .filter(|r| r.questionnaire.id == q.id)
        .map(|r| row(q, r, sizes));
    csv_document(std::iter::once(header(q)).chain(rows))
}

/// A spreadsheet cell: text stays text (tax codes keep their leading zeros), numbers are numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
}

/// One sheet of a workbook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    /// The sheet's name (at most 31 characters).
    pub name: String,
    /// Column headers.
    pub columns: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<Cell>>,
}

/// A workbook to render (by the worker, with `rust_xlsxwriter`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Workbook {
    /// The sheets, in order.
    pub sheets: Vec<Sheet>,
}

/// Columns whose values are numbers in a spreadsheet (the rest are text: ids, codes, option ids, dates).
fn numeric_column(name: &str) -> bool {
    matches!(
        name,
        "employees" | "revenue_bn" | "capital_bn" | "female_share_pct"
    ) || ["_earned", "_max", "_pct", "_level", "_part", "_whole"]
        .iter()
        .any(|s| name.ends_with(s))
}

/// The results of one questionnaire as a sheet: the CSV's columns, with numbers typed as numbers.
pub fn sheet(q: &Questionnaire, results: &[ResultFile], sizes: &SizeRules) -> Sheet {
    let columns = header(q);
    let rows = results
        .iter()
        .filter(|r| r.questionnaire.id == q.id)
        .map(|r| {
            row(q, r, sizes)
                .into_iter()
                .zip(&columns)
                .map(|(v, c)| match v.parse::<f64>() {
                    Ok(n) if numeric_column(c) && !v.is_empty() => Cell::Number(n),
                    _ => Cell::Text(v),
                })
                .collect()
        })
        .collect();
    Sheet {
        name: q.id.to_string(),
        columns,
        rows,
    }
}

/// The codebook as a sheet: every column of every questionnaire with what it holds, in both languages.
pub fn codebook(questionnaires: &[&Questionnaire]) -> Sheet {
    let mut rows = Vec::new();
    for q in questionnaires {
        for question in &q.questions {
            for col in header_of(question) {
                rows.push(vec![
                    Cell::Text(q.id.to_string()),
                    Cell::Text(col),
                    Cell::Text(question.text.vi.clone()),
                    Cell::Text(question.text.en.clone()),
                    Cell::Text(question.source.reference.clone()),
                ]);
            }
        }
    }
    Sheet {
        name: "codebook".into(),
        columns: [
            "questionnaire",
            "column",
            "question_vi",
            "question_en",
            "source",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect(),
        rows,
    }
}

fn header_of(question: &crate::domain::assessment::questionnaire::Question) -> Vec<String> {
    match &question.kind {
        QuestionKind::Single { .. } | QuestionKind::Number { .. } => vec![question.id.to_string()],
        QuestionKind::Ratio { .. } => vec![
            format!("{}_part", question.id),
            format!("{}_whole", question.id),
        ],
        QuestionKind::Multi { options } => options
            .iter()
            .map(|o| format!("{}__{}", question.id, o.id))
            .collect(),
    }
}
