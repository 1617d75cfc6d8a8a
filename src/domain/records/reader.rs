//! Reading many result records from files of any supported kind: a single result file, a workshop bundle, JSON
//! Lines (one result per line; the format DuckDB and warehouses read, see `docs/jsonl.md`), or the app's CSV.
//! Every record is checked on its own; good ones are kept and each refused one is reported with its position.
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::questionnaire::{QuestionKind, Questionnaire};
use crate::domain::assessment::text::{DimensionId, OptionId, QuestionnaireId};
use crate::domain::records::bundle::{BUNDLE_SCHEMA, BundleError};
use crate::domain::records::draft::Uuid;
use crate::domain::records::export::FIXED_COLUMNS;
use crate::domain::records::profile::{EntityType, Profile, SectorGroup};
use crate::domain::records::result_code::{CodeError, decode_all};
use crate::domain::records::result_file::{
    DimensionLine, ImportError, QuestionnaireRef, RESULT_SCHEMA, RESULT_VERSION, ResultFile,
    ResultStatus, ScoreLine, Scores,
};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use thiserror::Error;

/// Why a record (or a whole file) was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum RecordError {
    /// The record failed the result-file checks.
    #[error("{0}")]
    Record(ImportError),
    /// A result code (or link) in a text was refused.
    #[error("{0}")]
    Code(CodeError),
    /// A text file holds no result code or link.
    #[error("the text holds no DX Check result link or code")]
    NoCodes,
    /// The bundle as a whole was refused.
    #[error("{0}")]
    Bundle(BundleError),
    /// A CSV file or row that does not fit the codebook.
    #[error("CSV: {0}")]
    Csv(String),
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
}

/// One refused record: the file, its position (record or line number from 1; 0 for the whole file) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// The file's name.
    pub file: String,
    /// Record (or line) number from 1; 0 when the whole file was refused.
    pub position: usize,
    /// Why.
    pub reason: RecordError,
}

/// What reading one or more files found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Read {
    /// The records that passed every check.
    pub records: Vec<ResultFile>,
    /// The refused ones.
    pub rejected: Vec<Rejected>,
}

impl Read {
    /// Adds another file's findings.
    pub fn extend(&mut self, other: Read) {
        self.records.extend(other.records);
        self.rejected.extend(other.rejected);
    }
}

/// Reads one file, guessing its kind from its name and first character.
pub fn read_file(name: &str, text: &str, questionnaires: &[&Questionnaire]) -> Read {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let reject = |position, reason| Read {
        records: Vec::new(),
        rejected: vec![Rejected {
            file: name.to_string(),
            position,
            reason,
        }],
    };
    if body.is_empty() {
        return reject(0, RecordError::Empty);
    }
    if name.to_lowercase().ends_with(".jsonl") || name.to_lowercase().ends_with(".ndjson") {
        return read_jsonl(name, body, questionnaires);
    }
    if is_text_of_codes(name, body) {
        return read_codes(name, body, questionnaires);
    }
    match body.as_bytes()[0] {
        b'{' => read_json(name, body, questionnaires),
        b'[' => read_array(name, body, questionnaires),
        _ => read_csv(name, body, questionnaires),
    }
}

fn read_json(name: &str, body: &str, qs: &[&Questionnaire]) -> Read {
    #[derive(Deserialize)]
    struct Kind<'a> {
        #[serde(borrow)]
        schema: Option<&'a str>,
    }
    match serde_json::from_str::<Kind<'_>>(body) {
        Ok(Kind {
            schema: Some(BUNDLE_SCHEMA),
        }) => read_bundle(name, body, qs),
        Ok(_) => one(name, 1, ResultFile::parse(body, qs)),
        // Several JSON objects one after another: JSON Lines without the extension.
        Err(e) if e.to_string().contains("trailing characters") => read_jsonl(name, body, qs),
        Err(_) => one(name, 1, ResultFile::parse(body, qs)),
    }
}

fn one(name: &str, position: usize, r: Result<(ResultFile, &Questionnaire), ImportError>) -> Read {
    match r {
        Ok((f, _)) => Read {
            records: vec![f],
            rejected: Vec::new(),
        },
        Err(e) => Read {
            records: Vec::new(),
            rejected: vec![Rejected {
                file: name.into(),
                position,
                reason: RecordError::Record(e),
            }],
        },
    }
}

fn read_bundle(name: &str, body: &str, qs: &[&Questionnaire]) -> Read {
    // Every record as it is in the file: a tally wants the records, not the enterprises a restore rebuilds.
    match super::bundle::records(body, qs) {
        Err(e) => Read {
            records: Vec::new(),
            rejected: vec![Rejected {
                file: name.into(),
                position: 0,
                reason: RecordError::Bundle(e),
            }],
        },
        Ok((_, list)) => {
            let mut out = Read::default();
            for (i, r) in list.into_iter().enumerate() {
                match r {
                    Ok(f) => out.records.push(f),
                    Err(e) => out.rejected.push(Rejected {
                        file: name.into(),
                        position: i + 1,
                        reason: RecordError::Record(e),
                    }),
                }
            }
            out
        }
    }
}

fn read_array(name: &str, body: &str, qs: &[&Questionnaire]) -> Read {
    match serde_json::from_str::<Vec<&RawValue>>(body) {
        Err(e) => Read {
            records: Vec::new(),
            rejected: vec![Rejected {
                file: name.into(),
                position: 0,
                reason: RecordError::Record(ImportError::NotJson(e.to_string())),
            }],
        },
        Ok(items) => {
            let mut out = Read::default();
            for (i, raw) in items.iter().enumerate() {
                out.extend(one(name, i + 1, ResultFile::parse(raw.get(), qs)));
            }
            out
        }
    }
}

/// Whether a file is a text of result links or codes: a `.txt` file, or text that starts with a link or a code.
fn is_text_of_codes(name: &str, body: &str) -> bool {
    name.to_lowercase().ends_with(".txt") || body.starts_with("dx") || body.starts_with("http")
}

/// A text holding result links or codes (a copied chat, a list): each code is checked on its own; positions are
/// line numbers.
pub fn read_codes(name: &str, body: &str, qs: &[&Questionnaire]) -> Read {
    let found = decode_all(body, qs);
    let mut out = Read::default();
    if found.is_empty() {
        out.rejected.push(Rejected {
            file: name.into(),
            position: 0,
            reason: RecordError::NoCodes,
        });
    }
    for (line, r) in found {
        match r {
            Ok(r) => out.records.push(r),
            Err(e) => out.rejected.push(Rejected {
                file: name.into(),
                position: line,
                reason: RecordError::Code(e),
            }),
        }
    }
    out
}

/// JSON Lines: one compact result file per line; blank lines are skipped; positions are line numbers.
pub fn read_jsonl(name: &str, body: &str, qs: &[&Questionnaire]) -> Read {
    let mut out = Read::default();
    for (i, line) in body.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match ResultFile::parse(line, qs) {
            Ok((f, _)) => out.records.push(f),
            Err(e) => out.rejected.push(Rejected {
                file: name.into(),
                position: i + 1,
                reason: RecordError::Record(e),
            }),
        }
    }
    out
}

/// Writes records as JSON Lines (compact, one per line).
pub fn to_jsonl(records: &[ResultFile]) -> String {
    let mut out = String::new();
    for r in records {
        if let Ok(line) = serde_json::to_string(r) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

fn read_csv(name: &str, body: &str, qs: &[&Questionnaire]) -> Read {
    let mut out = Read::default();
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(body.as_bytes());
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(String::from).collect(),
        Err(e) => {
            out.rejected.push(Rejected {
                file: name.into(),
                position: 0,
                reason: RecordError::Csv(e.to_string()),
            });
            return out;
        }
    };
    if let Some(missing) = FIXED_COLUMNS
        .iter()
        .find(|c| !header.iter().any(|h| h == *c))
    {
        out.rejected.push(Rejected {
            file: name.into(),
            position: 0,
            reason: RecordError::Csv(format!(
                "column `{missing}` is missing; this is not a DX Check export"
            )),
        });
        return out;
    }
    let col: BTreeMap<&str, usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| (h.as_str(), i))
        .collect();
    for (i, rec) in rdr.records().enumerate() {
        let position = i + 1;
        let row = match rec {
            Ok(r) => r,
            Err(e) => {
                out.rejected.push(Rejected {
                    file: name.into(),
                    position,
                    reason: RecordError::Csv(e.to_string()),
                });
                continue;
            }
        };
        let cell = |c: &str| {
            col.get(c)
                .and_then(|i| row.get(*i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        match csv_record(&cell, qs).and_then(|f| f.check(qs).map_err(RecordError::Record)) {
            Ok((f, _)) => out.records.push(f),
            Err(reason) => out.rejected.push(Rejected {
                file: name.into(),
                position,
                reason,
            }),
        }
    }
    out
}

fn csv_record(
    cell: &dyn Fn(&str) -> String,
    qs: &[&Questionnaire],
) -> Result<ResultFile, RecordError> {
    let bad = |what: &str, v: &str| RecordError::Csv(format!("`{what}` = `{v}` is not valid"));
    let num = |c: &str| -> Result<Option<f64>, RecordError> {
        let v = cell(c);
        if v.is_empty() {
            Ok(None)
        } else {
            // Finite only: `NaN`, `inf` and overflowing values parse as f64 but are no amount.
            v.parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(Some)
                .ok_or_else(|| bad(c, &v))
        }
    };
    let count = |c: &str| -> Result<Option<u32>, RecordError> {
        let v = cell(c);
        if v.is_empty() {
            Ok(None)
        } else {
            v.parse::<u32>().map(Some).map_err(|_| bad(c, &v))
        }
    };
    let int = |c: &str| -> Result<u32, RecordError> {
        cell(c).parse::<u32>().map_err(|_| bad(c, &cell(c)))
    };
    let qref = QuestionnaireRef {
        id: QuestionnaireId::new(cell("questionnaire_id")),
        version: cell("questionnaire_version"),
    };
    let q = qs
        .iter()
        .find(|q| q.id == qref.id && q.version == qref.version)
        .ok_or_else(|| {
            RecordError::Record(ImportError::UnknownQuestionnaire {
                id: qref.id.to_string(),
                version: qref.version.clone(),
            })
        })?;
    let status = match cell("status").as_str() {
        "completed" => ResultStatus::Completed,
        "draft" => ResultStatus::Draft,
        v => return Err(bad("status", v)),
    };
    let profile = Profile {
        name: cell("name"),
        tax_code: cell("tax_code"),
        entity_type: match cell("entity_type").as_str() {
            "" => None,
            v => Some(
                EntityType::ALL
                    .into_iter()
                    .find(|e| e.code() == v)
                    .ok_or_else(|| bad("entity_type", v))?,
            ),
        },
        sector: match cell("sector").as_str() {
            "" => None,
            v => Some(
                SectorGroup::ALL
                    .into_iter()
                    .find(|s| s.code() == v)
                    .ok_or_else(|| bad("sector", v))?,
            ),
        },
        main_activity: cell("main_activity"),
        employees: count("employees")?,
        revenue_bn: num("revenue_bn")?,
        capital_bn: num("capital_bn")?,
        province: Some(cell("province")).filter(|p| !p.is_empty()),
        commune: cell("commune"),
        woman_owner: match cell("woman_owner").as_str() {
            "" => None,
            "1" => Some(true),
            "0" => Some(false),
            v => return Err(bad("woman_owner", v)),
        },
        female_share_pct: num("female_share_pct")?,
    };
    let line = |prefix: &str| -> Result<ScoreLine, RecordError> {
        let pct = cell(&format!("{prefix}_pct"));
        let permille = pct
            .parse::<f64>()
            .map(|p| (p * 10.0).round() as u32)
            .map_err(|_| bad(&format!("{prefix}_pct"), &pct))?;
        Ok(ScoreLine {
            earned: int(&format!("{prefix}_earned"))?,
            max: int(&format!("{prefix}_max"))?,
            share_permille: permille,
            level: u8::try_from(int(&format!("{prefix}_level"))?).unwrap_or(u8::MAX),
        })
    };
    let mut dims = Vec::new();
    for d in &q.dimensions {
        dims.push(DimensionLine {
            id: DimensionId(d.id.as_str().into()),
            score: line(d.id.as_str())?,
        });
    }
    let scores = Scores {
        overall: line("overall")?,
        dimensions: dims,
    };
    let mut answers = AnswerSheet::new();
    for question in &q.questions {
        let id = question.id.as_str();
        let answer = match &question.kind {
            QuestionKind::Single { .. } => Some(cell(id))
                .filter(|v| !v.is_empty())
                .map(|v| Answer::Choice(OptionId::new(v))),
            QuestionKind::Number { .. } => match cell(id).as_str() {
                "" => None,
                "dont_know" => Some(Answer::DontKnow),
                v => Some(Answer::Number(v.parse().map_err(|_| bad(id, v))?)),
            },
            QuestionKind::Ratio { .. } => {
                let (p, w) = (cell(&format!("{id}_part")), cell(&format!("{id}_whole")));
                match (p.as_str(), w.as_str()) {
                    ("", "") => None,
                    ("dont_know", _) => Some(Answer::DontKnow),
                    (p, w) => Some(Answer::Ratio {
                        num: p.parse().map_err(|_| bad(id, p))?,
                        den: w.parse().map_err(|_| bad(id, w))?,
                    }),
                }
            }
            QuestionKind::Multi { options } => {
                let chosen: Vec<OptionId> = options
                    .iter()
                    .filter(|o| cell(&format!("{id}__{}", o.id)) == "1")
                    .map(|o| o.id.clone())
                    .collect();
                (!chosen.is_empty()).then_some(Answer::Multi(chosen))
            }
        };
        if let Some(a) = answer {
            answers
                .answer(q, &question.id, a)
                .map_err(|e| RecordError::Record(ImportError::BadAnswers(vec![e])))?;
        }
    }
    let assessment_id = Uuid::parse(&cell("assessment_id"))
        .ok_or_else(|| bad("assessment_id", &cell("assessment_id")))?;
    Ok(ResultFile {
        schema: RESULT_SCHEMA.into(),
        schema_version: RESULT_VERSION,
        status,
        app_version: cell("app_version"),
        assessment_id,
        questionnaire: qref,
        created_at: cell("created_at"),
        completed_at: Some(cell("completed_at")).filter(|v| !v.is_empty()),
        exported_at: cell("exported_at"),
        profile,
        answers,
        scores,
        enterprise_id: None,
        workshop: None,
    })
}

/// Reads the lines of (a chunk of) a JSON Lines file whose first line is line `first`, handing each valid record
/// with its recomputed assessment to `sink`, in order; returns the refused lines. A line that is not UTF-8 is refused
/// on its own; blank lines are skipped. A chunk must end at a line end (or at the end of the file).
pub fn read_jsonl_chunk(
    name: &str,
    first: usize,
    bytes: &[u8],
    qs: &[&Questionnaire],
    sink: &mut dyn FnMut(
        &ResultFile,
        &Questionnaire,
        &crate::domain::assessment::scoring::Assessment,
    ),
) -> Vec<Rejected> {
    read_jsonl_lines(name, first, bytes, qs, sink).1
}

/// As [`read_jsonl_chunk`], also returning how many line ends the chunk holds (so that the next chunk's lines are
/// numbered without counting them again).
pub fn read_jsonl_lines(
    name: &str,
    first: usize,
    bytes: &[u8],
    qs: &[&Questionnaire],
    sink: &mut dyn FnMut(
        &ResultFile,
        &Questionnaire,
        &crate::domain::assessment::scoring::Assessment,
    ),
) -> (usize, Vec<Rejected>) {
    let mut rejected = Vec::new();
    let mut ends = 0;
    let mut start = 0;
    let cuts = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for (i, end) in cuts.enumerate() {
        ends = i;
        let raw = bytes.get(start..end).unwrap_or_default();
        start = end + 1;
        let reject = |reason| Rejected {
            file: name.into(),
            position: first + i,
            reason,
        };
        // Most lines are whole records: read straight from the bytes. Anything else takes the careful path
        // below, which says why (the same verdict: serde_json reads only UTF-8, and a record only between JSON
        // whitespace, which both paths trim).
        let fast = raw.trim_ascii();
        if fast.is_empty() {
            continue;
        }
        if let Some(read) = ResultFile::parse_scored_bytes(fast, qs) {
            match read {
                Ok((f, q, a)) => sink(&f, q, &a),
                Err(e) => rejected.push(reject(RecordError::Record(e))),
            }
            continue;
        }
        let Ok(line) = std::str::from_utf8(raw) else {
            rejected.push(reject(RecordError::Record(ImportError::NotJson(
                "the line is not UTF-8 text".into(),
            ))));
            continue;
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match ResultFile::parse_scored(line, qs) {
            Ok((f, q, a)) => sink(&f, q, &a),
            Err(e) => rejected.push(reject(RecordError::Record(e))),
        }
    }
    (ends, rejected)
}

/// A file that could not be read at all (removed or changed since it was picked).
pub fn unreadable(name: &str) -> RejectedCode {
    RejectedCode {
        file: name.to_string(),
        position: 0,
        code: "unreadable".into(),
        detail: String::new(),
    }
}

/// Reads one file of any kind from its bytes, as [`read_file_into`] does from its text; a file that is not UTF-8
/// text is refused whole, except JSON Lines, whose lines are read one by one.
pub fn read_bytes_into(
    name: &str,
    bytes: Vec<u8>,
    qs: &[&Questionnaire],
    sink: &mut dyn FnMut(
        &ResultFile,
        &Questionnaire,
        &crate::domain::assessment::scoring::Assessment,
    ),
) -> Vec<Rejected> {
    match String::from_utf8(bytes) {
        Ok(text) => read_file_into(name, &text, qs, sink),
        // JSON Lines: a line that is not UTF-8 is refused on its own, as when the file is read in pieces.
        Err(e) if is_jsonl(name) => {
            let bytes = e.into_bytes();
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            read_jsonl_chunk(name, 1, body, qs, sink)
        }
        Err(_) => vec![not_text(name)],
    }
}

/// A file whose bytes are not UTF-8 text.
fn not_text(name: &str) -> Rejected {
    Rejected {
        file: name.into(),
        position: 0,
        reason: RecordError::Record(ImportError::NotJson("the file is not UTF-8 text".into())),
    }
}

/// Whether a file name says JSON Lines.
pub fn is_jsonl(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with(".jsonl") || lower.ends_with(".ndjson")
}

/// Reads one file of any kind, handing each valid record with its recomputed assessment to `sink` (JSON Lines are
/// never collected in memory); returns the refused records.
pub fn read_file_into(
    name: &str,
    text: &str,
    qs: &[&Questionnaire],
    sink: &mut dyn FnMut(
        &ResultFile,
        &Questionnaire,
        &crate::domain::assessment::scoring::Assessment,
    ),
) -> Vec<Rejected> {
    let body = text.trim_start_matches('\u{feff}');
    if is_jsonl(name) && !body.trim().is_empty() {
        return read_jsonl_chunk(name, 1, body.as_bytes(), qs, sink);
    }
    let read = read_file(name, text, qs);
    for r in &read.records {
        if let Some(q) = qs.iter().find(|q| q.id == r.questionnaire.id) {
            sink(
                r,
                q,
                &crate::domain::assessment::scoring::Assessment::compute(q, &r.answers),
            );
        }
    }
    read.rejected
}

/// A refused record in a form that crosses the worker boundary: a stable code the UI translates, and the detail.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RejectedCode {
    /// The file's name.
    pub file: String,
    /// Record or line number from 1; 0 for the whole file.
    pub position: usize,
    /// `not_json`, `not_result`, `version`, `malformed`, `unknown_q`, `bad_answers`, `tampered`, `not_bundle`,
    /// `csv`, `empty`; for result codes `code_foreign`, `code_version`, `code_cut`, `code_corrupt`, `no_codes`.
    pub code: String,
    /// The detail (a version, an id, a field).
    pub detail: String,
}

impl From<&Rejected> for RejectedCode {
    fn from(r: &Rejected) -> Self {
        let record = |e: &ImportError| match e {
            ImportError::NotJson(d) => ("not_json", d.clone()),
            ImportError::NotAResultFile => ("not_result", String::new()),
            ImportError::UnsupportedVersion { found, .. } => ("version", found.to_string()),
            ImportError::Malformed(d) => ("malformed", d.clone()),
            ImportError::UnknownQuestionnaire { id, version } => {
                ("unknown_q", format!("{id} {version}"))
            }
            ImportError::BadAnswers(list) => ("bad_answers", list.len().to_string()),
            ImportError::ScoresMismatch { what, .. } => ("tampered", what.clone()),
        };
        let (code, detail) = match &r.reason {
            RecordError::Record(e) | RecordError::Code(CodeError::Record(e)) => record(e),
            RecordError::Code(CodeError::NotACode) => ("code_foreign", String::new()),
            RecordError::Code(CodeError::NewerFormat { found, .. }) => {
                ("code_version", found.to_string())
            }
            RecordError::Code(CodeError::CutOff { .. }) => ("code_cut", String::new()),
            RecordError::Code(CodeError::Corrupt) => ("code_corrupt", String::new()),
            RecordError::NoCodes => ("no_codes", String::new()),
            RecordError::Bundle(BundleError::NotJson(d)) => ("not_json", d.clone()),
            RecordError::Bundle(BundleError::NotABundle) => ("not_bundle", String::new()),
            RecordError::Bundle(BundleError::UnsupportedVersion { found, .. }) => {
                ("version", found.to_string())
            }
            RecordError::Csv(d) => ("csv", d.clone()),
            RecordError::Empty => ("empty", String::new()),
        };
        RejectedCode {
            file: r.file.clone(),
            position: r.position,
            code: code.into(),
            detail,
        }
    }
}
