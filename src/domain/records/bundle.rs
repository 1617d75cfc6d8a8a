//! The workshop bundle: every assessment of a workshop in one JSON file (documented in `docs/bundle.md`), and its
//! import, where each result is checked on its own so that one bad record never blocks the others.
use crate::domain::assessment::encode;
use crate::domain::assessment::order::sort_stable_by;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::records::draft::EnterpriseId;
use crate::domain::records::enterprise::Enterprise;
use crate::domain::records::result_file::{ImportError, ResultFile, ResultStatus};
use crate::domain::records::workshop::Workshop;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use thiserror::Error;

/// The value of the `schema` field.
pub const BUNDLE_SCHEMA: &str = "dxcheck-bundle";
/// The bundle version this build writes and reads.
pub const BUNDLE_VERSION: u32 = 1;

#[derive(Serialize)]
struct BundleOut<'a> {
    schema: &'static str,
    schema_version: u32,
    app_version: &'a str,
    exported_at: &'a str,
    workshop: Option<&'a Workshop>,
    results: Vec<ResultFile>,
}

#[derive(Deserialize)]
struct BundleIn<'a> {
    schema: Option<String>,
    schema_version: Option<u32>,
    #[serde(default)]
    workshop: Option<Workshop>,
    #[serde(borrow, default)]
    results: Vec<&'a RawValue>,
}

/// Why a whole bundle was refused (a bad record inside is reported on its own instead).
#[derive(Debug, Clone, PartialEq, Error)]
pub enum BundleError {
    /// Not JSON.
    #[error("not a JSON file: {0}")]
    NotJson(String),
    /// JSON, but not a bundle.
    #[error("not a DX Check workshop bundle")]
    NotABundle,
    /// Another bundle version.
    #[error("bundle version {found} is not supported (this app reads version {supported})")]
    UnsupportedVersion {
        /// The file's version.
        found: u32,
        /// Ours.
        supported: u32,
    },
}

/// What an import found: enterprises to restore, and each refused record with its position and reason.
#[derive(Debug, Clone, PartialEq)]
pub struct BundleImport {
    /// The workshop named in the bundle.
    pub workshop: Option<Workshop>,
    /// The enterprises rebuilt from the good records.
    pub enterprises: Vec<Enterprise>,
    /// Refused records: (position from 1, reason).
    pub rejected: Vec<(usize, ImportError)>,
    /// How many records were read.
    pub records: usize,
}

/// Writes a bundle of enterprises: every current draft and every earlier result, as result files.
pub fn export(
    enterprises: &[&Enterprise],
    questionnaires: &[&Questionnaire],
    workshop: Option<&Workshop>,
    app_version: &str,
    now: &str,
) -> String {
    let mut results = Vec::new();
    for e in enterprises {
        for h in &e.history {
            let mut h = h.clone();
            h.enterprise_id = Some(e.id.clone());
            results.push(h);
        }
        for q in questionnaires {
            if let Some(d) = e.drafts.get(&q.id)
                && !e.history.iter().any(|h| h.assessment_id == d.id)
            {
                results.push(e.mark(ResultFile::build(q, d, &e.profile, app_version, now)));
            }
        }
    }
    let out = BundleOut {
        schema: BUNDLE_SCHEMA,
        schema_version: BUNDLE_VERSION,
        app_version,
        exported_at: now,
        workshop,
        results,
    };
    encode::json_pretty(&out)
}

/// The records of a bundle, each checked like a single result file, in file order; the workshop it names.
///
/// # Errors
/// [`BundleError`] only when the file as a whole is not a bundle.
#[allow(clippy::type_complexity)]
pub fn records(
    json: &str,
    questionnaires: &[&Questionnaire],
) -> Result<(Option<Workshop>, Vec<Result<ResultFile, ImportError>>), BundleError> {
    let b: BundleIn<'_> = serde_json::from_str(json).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => BundleError::NotABundle,
        _ => BundleError::NotJson(e.to_string()),
    })?;
    if b.schema.as_deref() != Some(BUNDLE_SCHEMA) {
        return Err(BundleError::NotABundle);
    }
    let version = b.schema_version.unwrap_or(0);
    if version != BUNDLE_VERSION {
        return Err(BundleError::UnsupportedVersion {
            found: version,
            supported: BUNDLE_VERSION,
        });
    }
    let list = b
        .results
        .iter()
        .map(|raw| ResultFile::parse(raw.get(), questionnaires).map(|(r, _)| r))
        .collect();
    Ok((b.workshop, list))
}

/// Reads a bundle to restore it. Each result is checked like a single result file; good ones are grouped into
/// enterprises (by their `enterprise_id`, or one each), the latest result per questionnaire becoming the current
/// draft and the earlier completed ones its history. `new_id` names enterprises whose records carry no id.
///
/// # Errors
/// [`BundleError`] only when the file as a whole is not a bundle.
pub fn import(
    json: &str,
    questionnaires: &[&Questionnaire],
    new_id: &mut dyn FnMut() -> EnterpriseId,
    now: &str,
) -> Result<BundleImport, BundleError> {
    let (workshop, list) = records(json, questionnaires)?;
    let count = list.len();
    let mut rejected = Vec::new();
    let mut groups: BTreeMap<String, Vec<ResultFile>> = BTreeMap::new();
    for (i, r) in list.into_iter().enumerate() {
        match r {
            Ok(r) => {
                let key = r
                    .enterprise_id
                    .as_ref()
                    .map_or_else(|| format!("~{i}"), |id| id.to_string());
                groups.entry(key).or_default().push(r);
            }
            Err(e) => rejected.push((i + 1, e)),
        }
    }
    let enterprises = groups
        .into_values()
        .map(|rs| rebuild(rs, new_id, now))
        .collect();
    Ok(BundleImport {
        workshop,
        enterprises,
        rejected,
        records: count,
    })
}

fn rebuild(
    mut results: Vec<ResultFile>,
    new_id: &mut dyn FnMut() -> EnterpriseId,
    now: &str,
) -> Enterprise {
    sort_stable_by(&mut results, &|a, b| {
        let when = |r: &ResultFile| {
            r.completed_at
                .clone()
                .unwrap_or_else(|| r.exported_at.clone())
        };
        when(a).cmp(&when(b))
    });
    let id = results
        .iter()
        .find_map(|r| r.enterprise_id.clone())
        .unwrap_or_else(new_id);
    let mut e = Enterprise::new(id, now);
    for r in &results {
        e.profile = r.profile.clone();
        e.workshop = r.workshop.clone().or(e.workshop.take());
        if r.status == ResultStatus::Completed {
            e.remember(r.clone());
        }
        e.drafts.insert(r.questionnaire.id.clone(), r.to_draft());
    }
    e.updated_at = results.last().map_or_else(
        || now.to_string(),
        |r| {
            r.completed_at
                .clone()
                .unwrap_or_else(|| r.exported_at.clone())
        },
    );
    e
}
