//! The app's CSV export (`docs/csv-codebook.md`) read back: one record per row, every cell checked.
use super::{CsvProblem, Read, RecordError, Rejected};
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::level::nearest;
use crate::domain::assessment::questionnaire::{QuestionKind, Questionnaire};
use crate::domain::assessment::text::{DimensionId, OptionId, QuestionnaireId};
use crate::domain::records::draft::AssessmentId;
use crate::domain::records::export::FIXED_COLUMNS;
use crate::domain::records::profile::{EntityType, Profile, SectorGroup};
use crate::domain::records::result_file::{
    DimensionLine, ImportError, QuestionnaireRef, RESULT_SCHEMA, RESULT_VERSION, ResultFile,
    ResultStatus, ScoreLine, Scores,
};
use std::collections::BTreeMap;

pub(super) fn read_csv(name: &str, body: &str, qs: &[&Questionnaire]) -> Read {
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
                reason: RecordError::Csv(CsvProblem::Unreadable(e.to_string())),
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
            reason: RecordError::Csv(CsvProblem::MissingColumn((*missing).to_string())),
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
                    reason: RecordError::Csv(CsvProblem::Unreadable(e.to_string())),
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
    let bad = |what: &str, v: &str| {
        RecordError::Csv(CsvProblem::BadValue {
            column: what.to_string(),
            value: v.to_string(),
        })
    };
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
            .map(|p| nearest(p * 10.0))
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
    let assessment_id = AssessmentId::parse(&cell("assessment_id"))
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
