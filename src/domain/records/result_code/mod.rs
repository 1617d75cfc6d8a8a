//! The result code: one result as a short text that any chat app carries (`dx1.` and base64url), and the result
//! link `<app URL>#/r/<code>`. The format is documented in `docs/result-code.md`, with golden vectors.
//!
//! A code holds what a result file holds except its scores, which the reader recomputes: the questionnaire and its
//! version, the answers by their position in the questionnaire, the profile, the dates and the ids. Texts go through
//! a small fixed dictionary of common Vietnamese business words; dates are deltas; numbers are exact decimals. The
//! bytes carry their length (so that a cut-off code is told from a damaged one) and a CRC-32.
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::scoring::Assessment;
use crate::domain::records::draft::{AssessmentId, EnterpriseId};
use crate::domain::records::result_file::{
    ImportError, QuestionnaireRef, RESULT_SCHEMA, RESULT_VERSION, ResultFile, ResultStatus, Scores,
};
use crate::domain::records::workshop::Workshop;
use bits::{Bits, Clock, Reader};
use seal::{seal, unseal};
use thiserror::Error;

mod bits;
mod pack;
mod read;
mod seal;
mod write;

pub use seal::seal_payload;

/// The format this build writes and reads.
pub const CODE_FORMAT: u32 = 1;
/// What every code starts with: "dx", the format, a dot.
pub const CODE_PREFIX: &str = "dx1.";
/// What comes between the app's URL and the code in a result link.
pub const LINK_ROUTE: &str = "#/r/";

/// Why a code was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CodeError {
    /// The text is not a DX Check result code (a link to something else, or another app's code).
    #[error("this is not a DX Check result code")]
    NotACode,
    /// A format this build does not read.
    #[error(
        "the code uses format {found}, newer than this app reads ({supported}); update the app"
    )]
    NewerFormat {
        /// The code's format.
        found: u32,
        /// Ours.
        supported: u32,
    },
    /// Part of the code is missing.
    #[error("the code is cut off ({have} of {need} bytes); copy the whole link again")]
    CutOff {
        /// Bytes there.
        have: usize,
        /// Bytes the code says it has.
        need: usize,
    },
    /// A changed or foreign character: the checksum or the layout does not hold.
    #[error("the code is damaged (a character was changed or lost); copy the whole link again")]
    Corrupt,
    /// The code reads, but the result fails the checks a result file gets.
    #[error("{0}")]
    Record(ImportError),
}

/// A well-formed code, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultCode(String);

impl ResultCode {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The result link: `base` (the app's own URL, without its `#` part) and the code.
    pub fn link(&self, base: &str) -> String {
        let base = base.split('#').next().unwrap_or_default();
        format!("{base}{LINK_ROUTE}{}", self.0)
    }

    /// Writes the code of a result. The file's answers must fit the questionnaire (they do for every file built
    /// by the app or read through [`ResultFile::parse`]).
    ///
    /// # Errors
    /// [`CodeError::Record`] with [`ImportError::UnknownQuestionnaire`] when `q` is another questionnaire, or
    /// [`ImportError::BadAnswers`] when an answer does not fit.
    pub fn encode(file: &ResultFile, q: &Questionnaire) -> Result<ResultCode, CodeError> {
        if file.questionnaire.id != q.id || file.questionnaire.version != q.version {
            return Err(CodeError::Record(ImportError::UnknownQuestionnaire {
                id: file.questionnaire.id.to_string(),
                version: file.questionnaire.version.clone(),
            }));
        }
        let problems = file.answers.problems(q);
        if !problems.is_empty() {
            return Err(CodeError::Record(ImportError::BadAnswers(problems)));
        }
        let mut w = Bits::default();
        let flags = u64::from(file.status == ResultStatus::Completed)
            | u64::from(file.completed_at.is_some()) << 1
            | u64::from(file.enterprise_id.is_some()) << 2
            | u64::from(file.workshop.is_some()) << 3;
        w.put(flags, 8);
        w.text(file.questionnaire.id.as_str());
        w.version(&file.questionnaire.version);
        w.version(&file.app_version);
        w.uuid(file.assessment_id.as_uuid());
        if let Some(id) = &file.enterprise_id {
            w.uuid(id.as_uuid());
        }
        let mut clock = Clock::default();
        w.time(&mut clock, &file.created_at);
        if let Some(t) = &file.completed_at {
            w.time(&mut clock, t);
        }
        w.time(&mut clock, &file.exported_at);
        w.profile(&file.profile);
        if let Some(ws) = &file.workshop {
            w.put(u64::from(ws.id.is_some()), 1);
            if let Some(id) = &ws.id {
                w.uuid(id);
            }
            for t in [&ws.name, &ws.advisor, &ws.organisation, &ws.date, &ws.place] {
                w.text(t);
            }
        }
        w.answers(q, &file.answers);
        Ok(ResultCode(format!("{CODE_PREFIX}{}", seal(&w.finish()))))
    }

    /// Reads a code (or a link holding one) back into the result file it was written from, checked and re-scored
    /// against the questionnaires this app has, as an imported result file is.
    ///
    /// # Errors
    /// The [`CodeError`] that says what is wrong: not a code, a newer format, cut off, damaged, or a result that
    /// fails the result-file checks.
    pub fn decode<'q>(
        text: &str,
        questionnaires: &[&'q Questionnaire],
    ) -> Result<(ResultFile, &'q Questionnaire), CodeError> {
        let found = find_codes(text);
        let token = found.first().map_or(text.trim(), |f| f.code);
        let body = unseal(strip_prefix(token)?)?;
        let mut r = Reader::new(&body);
        let flags = r.get(8)?;
        if flags >> 4 != 0 {
            // Flags format 1 does not have: not written by a DX Check of this format.
            return Err(CodeError::Corrupt);
        }
        let qid = r.text()?;
        let version = r.version()?;
        let q = questionnaires
            .iter()
            .find(|q| q.id.as_str() == qid && q.version == version)
            .copied()
            .ok_or_else(|| {
                CodeError::Record(ImportError::UnknownQuestionnaire {
                    id: qid.clone(),
                    version: version.clone(),
                })
            })?;
        let app_version = r.version()?;
        let assessment_id = AssessmentId::from(r.uuid()?);
        let enterprise_id = if flags & 4 != 0 {
            Some(EnterpriseId::from(r.uuid()?))
        } else {
            None
        };
        let mut clock = Clock::default();
        let created_at = r.time(&mut clock)?;
        let completed_at = if flags & 2 != 0 {
            Some(r.time(&mut clock)?)
        } else {
            None
        };
        let exported_at = r.time(&mut clock)?;
        let profile = r.profile()?;
        let workshop = if flags & 8 != 0 {
            let id = if r.get(1)? == 1 {
                Some(r.uuid()?)
            } else {
                None
            };
            Some(Workshop {
                id,
                name: r.text()?,
                advisor: r.text()?,
                organisation: r.text()?,
                date: r.text()?,
                place: r.text()?,
            })
        } else {
            None
        };
        let answers = r.answers(q)?;
        r.end()?;
        let assessment = Assessment::compute(q, &answers);
        let file = ResultFile {
            schema: RESULT_SCHEMA.into(),
            schema_version: RESULT_VERSION,
            status: if flags & 1 != 0 {
                ResultStatus::Completed
            } else {
                ResultStatus::Draft
            },
            app_version,
            assessment_id,
            questionnaire: QuestionnaireRef {
                id: q.id.clone(),
                version: q.version.clone(),
            },
            created_at,
            completed_at,
            exported_at,
            profile,
            answers,
            scores: Scores::of(&assessment),
            enterprise_id,
            workshop,
        };
        // The checks a result file gets (answers that fit, scores that follow from them), on the same path.
        file.check(questionnaires).map_err(CodeError::Record)
    }
}

/// A code or result link found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'t> {
    /// The line it starts on, from 1.
    pub line: usize,
    /// The code as found (for a link: what follows `#/r/`).
    pub code: &'t str,
}

/// Every code in a text (a copied chat, a list of links, one code), in order: the code of each result link, and
/// every bare code. A result link that holds no DX Check code is found too, so that it can be refused.
pub fn find_codes(text: &str) -> Vec<Found<'_>> {
    let bytes = text.as_bytes();
    let b64 = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_');
    let url_safe = |b: &u8| b64(b) || matches!(b, b'.' | b'~');
    let mut out = Vec::new();
    let (mut i, mut line, mut counted) = (0, 1, 0);
    while i < bytes.len() {
        let rest = &bytes[i..];
        let link = rest.starts_with(LINK_ROUTE.as_bytes());
        let bare = rest.starts_with(b"dx")
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && prefix_len(rest).is_some();
        if !link && !bare {
            i += 1;
            continue;
        }
        let start = if link { i + LINK_ROUTE.len() } else { i };
        let token = &bytes[start..];
        let len = match prefix_len(token) {
            Some(p) => p + token[p..].iter().take_while(|b| b64(b)).count(),
            // A result link to something else: its token, without the full stop of a sentence.
            None => {
                let n = token.iter().take_while(|b| url_safe(b)).count();
                n - token[..n].iter().rev().take_while(|b| **b == b'.').count()
            }
        };
        // A bare "dx1." needs a few characters after it to be taken for a code rather than a word.
        let long_enough = link || len >= prefix_len(token).unwrap_or(0) + 8;
        if long_enough && len > 0 {
            line += bytes[counted..i].iter().filter(|b| **b == b'\n').count();
            counted = i;
            out.push(Found {
                line,
                code: &text[start..start + len],
            });
        }
        i = (start + len).max(i + 1);
    }
    out
}

/// Every code in a text, each decoded on its own: the line it starts on, and its result or why it was refused.
pub fn decode_all(
    text: &str,
    questionnaires: &[&Questionnaire],
) -> Vec<(usize, Result<ResultFile, CodeError>)> {
    find_codes(text)
        .into_iter()
        .map(|f| {
            (
                f.line,
                ResultCode::decode(f.code, questionnaires).map(|(r, _)| r),
            )
        })
        .collect()
}

/// The length of a `dx<digits>.` prefix at the start of `b`.
fn prefix_len(b: &[u8]) -> Option<usize> {
    let digits = b
        .get(2..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    (b.starts_with(b"dx") && digits > 0 && b.get(2 + digits) == Some(&b'.')).then_some(3 + digits)
}

/// The base64url part of a code, once its prefix says format 1.
fn strip_prefix(token: &str) -> Result<&str, CodeError> {
    let n = prefix_len(token.as_bytes()).ok_or(CodeError::NotACode)?;
    let format: u32 = token[2..n - 1].parse().map_err(|_| CodeError::NotACode)?;
    match format {
        CODE_FORMAT => Ok(&token[n..]),
        f if f > CODE_FORMAT => Err(CodeError::NewerFormat {
            found: f,
            supported: CODE_FORMAT,
        }),
        _ => Err(CodeError::NotACode),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_codes_in_chat_text() {
        let text = "Chào anh, đây là kết quả: https://dx.example/#/r/dx1.AAAABBBBCCCC\n\
                    còn đây mã: dx1.ZZZZYYYYXXXX. Cảm ơn!\n\
                    link khác https://x.example/#/r/abc và chữ dx1.5 và adx1.QQQQQQQQQQ";
        let found: Vec<(usize, &str)> = find_codes(text).iter().map(|f| (f.line, f.code)).collect();
        assert_eq!(
            found,
            vec![(1, "dx1.AAAABBBBCCCC"), (2, "dx1.ZZZZYYYYXXXX"), (3, "abc")]
        );
    }

    #[test]
    fn prefixes() {
        assert_eq!(strip_prefix("dx1.abc"), Ok("abc"));
        assert_eq!(
            strip_prefix("dx12.abc"),
            Err(CodeError::NewerFormat {
                found: 12,
                supported: 1
            })
        );
        assert_eq!(strip_prefix("dx0.abc"), Err(CodeError::NotACode));
        assert_eq!(strip_prefix("abc"), Err(CodeError::NotACode));
        assert_eq!(strip_prefix("dx.abc"), Err(CodeError::NotACode));
    }
}
