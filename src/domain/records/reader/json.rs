//! JSON files: one result file, a workshop bundle (every record as it is in the file), an array of result files,
//! or several result files one after another (JSON Lines without the extension).
use super::{Read, RecordError, Rejected};
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::records::bundle::BUNDLE_SCHEMA;
use crate::domain::records::result_file::{ImportError, ResultFile};
use serde::Deserialize;
use serde_json::value::RawValue;

pub(super) fn read_json(name: &str, body: &str, qs: &[&Questionnaire]) -> Read {
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
        Err(e) if e.to_string().contains("trailing characters") => {
            super::jsonl::read_jsonl(name, body, qs)
        }
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
    match crate::domain::records::bundle::records(body, qs) {
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

pub(super) fn read_array(name: &str, body: &str, qs: &[&Questionnaire]) -> Read {
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
