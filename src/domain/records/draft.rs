//! A saved assessment in progress: its id, questionnaire, answers, step and timestamps, and its storage form.
use crate::domain::assessment::answers::{AnswerError, AnswerSheet};
use crate::domain::assessment::encode;
use crate::domain::assessment::questionnaire::Questionnaire;
use crate::domain::assessment::text::QuestionnaireId;
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// The storage schema of a draft.
pub const DRAFT_SCHEMA: u32 = 1;

/// A random (version 4) UUID. The bytes come from the caller (the browser's crypto RNG).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Uuid(String);

impl Uuid {
    /// Builds a version-4 UUID from 16 random bytes.
    pub fn from_random(mut b: [u8; 16]) -> Self {
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        Uuid::from_key(u128::from_be_bytes(b))
    }

    /// The id whose [`Uuid::key`] is `key` (any 128 bits, version bits as they are).
    pub fn from_key(key: u128) -> Self {
        let hex = format!("{key:032x}");
        Uuid(format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        ))
    }

    /// Whether text is the canonical lowercase 8-4-4-4-12 form: each byte's class (from a table) against the class
    /// its place wants, with no branch per byte (a tally checks two ids per record, a million records at a time).
    fn is_canonical(s: &str) -> bool {
        /// The class of each byte: 1 for a lowercase hex digit, 2 for a dash, 0 for anything else.
        const CLASS: [u8; 256] = {
            let mut t = [0u8; 256];
            let mut c = 0;
            while c < 256 {
                t[c] = match c as u8 {
                    b'0'..=b'9' | b'a'..=b'f' => 1,
                    b'-' => 2,
                    _ => 0,
                };
                c += 1;
            }
            t
        };
        /// The class each place of the 36 wants.
        const PLACES: [u8; 36] = {
            let mut p = [1u8; 36];
            p[8] = 2;
            p[13] = 2;
            p[18] = 2;
            p[23] = 2;
            p
        };
        let b = s.as_bytes();
        b.len() == 36
            && b.iter()
                .zip(PLACES)
                .fold(0u8, |odd, (&c, want)| odd | (CLASS[usize::from(c)] ^ want))
                == 0
    }

    /// Parses the canonical lowercase 8-4-4-4-12 form.
    pub fn parse(s: &str) -> Option<Self> {
        Self::is_canonical(s).then(|| Uuid(s.to_string()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as one number: equal ids give equal keys, and keys order as the texts do (a cheap key for the
    /// tally, which meets a million of them).
    pub fn key(&self) -> u128 {
        // The text is canonical (lowercase hex digits and dashes), whichever way the id was made.
        self.0.bytes().fold(0u128, |k, c| match c {
            b'0'..=b'9' => (k << 4) | u128::from(c - b'0'),
            b'a'..=b'f' => (k << 4) | u128::from(c - b'a' + 10),
            _ => k,
        })
    }
}

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Uuid {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        if Uuid::is_canonical(&s) {
            Ok(Uuid(s))
        } else {
            Err(format!("`{s}` is not a UUID"))
        }
    }
}

impl From<Uuid> for String {
    fn from(id: Uuid) -> String {
        id.0
    }
}

/// A UUID that names one kind of record, so that the compiler keeps the kinds apart. It serializes as the bare UUID
/// text (`transparent`), so the stored and exported forms are those of [`Uuid`].
macro_rules! uuid_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh id from 16 random bytes, see [`Uuid::from_random`].
            pub fn from_random(b: [u8; 16]) -> Self {
                Self(Uuid::from_random(b))
            }

            /// The id whose key is `key`, see [`Uuid::from_key`].
            pub fn from_key(key: u128) -> Self {
                Self(Uuid::from_key(key))
            }

            /// Parses the canonical lowercase 8-4-4-4-12 form, see [`Uuid::parse`].
            pub fn parse(s: &str) -> Option<Self> {
                Uuid::parse(s).map(Self)
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }

            /// The id as one number, see [`Uuid::key`].
            pub fn key(&self) -> u128 {
                self.0.key()
            }

            /// The UUID itself.
            pub fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

uuid_newtype! {
    /// The UUID of one assessment (one questionnaire answered once).
    AssessmentId
}

uuid_newtype! {
    /// The UUID of one enterprise stored on the device.
    EnterpriseId
}

/// One assessment as stored on the device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Storage schema, see [`DRAFT_SCHEMA`].
    pub schema: u32,
    /// The assessment's UUID.
    pub id: AssessmentId,
    /// Which questionnaire.
    pub questionnaire: QuestionnaireId,
    /// Which version of it the answers were given to.
    pub questionnaire_version: String,
    /// The answers.
    pub answers: AnswerSheet,
    /// The wizard step to resume at.
    pub step: u32,
    /// When it was started (RFC 3339, from the caller's clock).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
    /// When every visible question was first answered; cleared if it becomes incomplete again.
    #[serde(default)]
    pub completed_at: Option<String>,
}

/// Why a stored draft could not be read.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DraftError {
    /// Not JSON, or not a draft.
    #[error("the saved assessment is damaged: {0}")]
    Corrupt(String),
    /// Written by a newer app.
    #[error(
        "the saved assessment uses storage schema {0}, newer than this app reads; update the app"
    )]
    NewerSchema(u32),
}

impl Draft {
    /// A new, empty draft.
    pub fn new(id: AssessmentId, q: &Questionnaire, now: &str) -> Self {
        Draft {
            schema: DRAFT_SCHEMA,
            id,
            questionnaire: q.id.clone(),
            questionnaire_version: q.version.clone(),
            answers: AnswerSheet::new(),
            step: 0,
            created_at: now.to_string(),
            updated_at: now.to_string(),
            completed_at: None,
        }
    }

    /// Records a change at `now`: the update time, and the completion time when the answers become complete.
    pub fn touch(&mut self, q: &Questionnaire, now: &str) {
        self.updated_at = now.to_string();
        let complete =
            crate::domain::assessment::scoring::Assessment::compute(q, &self.answers).is_complete();
        match (complete, &self.completed_at) {
            (true, None) => self.completed_at = Some(now.to_string()),
            (false, Some(_)) => self.completed_at = None,
            _ => {}
        }
    }

    /// Reads a stored draft.
    ///
    /// # Errors
    /// [`DraftError::Corrupt`] for anything that is not a draft, [`DraftError::NewerSchema`] for a future schema.
    pub fn from_json(json: &str) -> Result<Draft, DraftError> {
        // Read the schema alone first, so a newer record is named as such rather than as damaged.
        #[derive(Deserialize)]
        struct Probe {
            #[serde(default)]
            schema: u32,
        }
        let probe: Probe =
            serde_json::from_str(json).map_err(|e| DraftError::Corrupt(e.to_string()))?;
        if probe.schema > DRAFT_SCHEMA {
            return Err(DraftError::NewerSchema(probe.schema));
        }
        serde_json::from_str(json).map_err(|e| DraftError::Corrupt(e.to_string()))
    }

    /// The storage form.
    pub fn to_json(&self) -> String {
        encode::json(self)
    }

    /// Drops answers that no longer fit the questionnaire (after a content update) and returns what was dropped.
    pub fn retain_valid(&mut self, q: &Questionnaire) -> Vec<AnswerError> {
        let problems = self.answers.problems(q);
        if !problems.is_empty() {
            let mut kept = AnswerSheet::new();
            for (id, a) in self.answers.iter() {
                if q.question(id)
                    .is_some_and(|question| AnswerSheet::check(question, a).is_ok())
                {
                    // `answer` re-checks; it cannot fail here.
                    let _ = kept.answer(q, id, a.clone());
                }
            }
            self.answers = kept;
        }
        self.questionnaire_version = q.version.clone();
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The canonical form, and one change at each place of it: a byte of another class, upper case, a dash moved,
    /// a byte more or less.
    #[test]
    fn only_the_canonical_form_is_a_uuid() {
        let good = "1f99b98f-197e-46c9-876d-c8cd312622f1";
        assert!(Uuid::parse(good).is_some());
        assert!(Uuid::parse("00000000-0000-0000-0000-000000000000").is_some());
        assert!(Uuid::parse("ffffffff-ffff-ffff-ffff-ffffffffffff").is_some());
        for at in 0..good.len() {
            for c in ['g', 'A', 'F', '-', '0', '/', ':', '`', 'é', ' '] {
                let mut b: Vec<char> = good.chars().collect();
                let dash = matches!(at, 8 | 13 | 18 | 23);
                let same_class = if dash {
                    c == '-'
                } else {
                    c.is_ascii_digit() || ('a'..='f').contains(&c)
                };
                b[at] = c;
                let text: String = b.into_iter().collect();
                assert_eq!(Uuid::parse(&text).is_some(), same_class, "{text}");
            }
        }
        assert!(Uuid::parse(&good[1..]).is_none());
        assert!(Uuid::parse(&format!("{good}0")).is_none());
        assert!(Uuid::parse("").is_none());
    }

    #[test]
    fn uuid_keys_order_as_texts() {
        let ids: Vec<AssessmentId> = [[0u8; 16], [0x11; 16], [0x9f; 16], [0xa0; 16], [0xff; 16]]
            .into_iter()
            .chain((0..16).map(|i| {
                let mut b = [0x5a; 16];
                b[i] = 0xc3;
                b
            }))
            .map(AssessmentId::from_random)
            .collect();
        for a in &ids {
            for b in &ids {
                assert_eq!(a.key().cmp(&b.key()), a.as_str().cmp(b.as_str()), "{a} {b}");
            }
        }
    }

    #[test]
    fn uuid_v4_from_bytes() {
        let id = AssessmentId::from_random([0xff; 16]);
        assert_eq!(id.as_str(), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(AssessmentId::parse(id.as_str()), Some(id.clone()));
        assert_eq!(AssessmentId::from_key(id.key()), id);
        let nil = AssessmentId::from_key(0);
        assert_eq!(nil.as_str(), "00000000-0000-0000-0000-000000000000");
        assert_eq!(AssessmentId::from_key(nil.key()), nil);
        let zero = AssessmentId::from_random([0; 16]);
        assert_eq!(zero.as_str(), "00000000-0000-4000-8000-000000000000");
        for bad in [
            "",
            "not-a-uuid",
            "FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF",
            "ffffffff-ffff-4fff-bfff-fffffffffff",
        ] {
            assert_eq!(AssessmentId::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn typed_ids_serialize_as_the_bare_uuid() {
        let uuid = Uuid::from_random([0x3c; 16]);
        let text = serde_json::to_string(&uuid).expect("a uuid serializes");
        assert_eq!(text, r#""3c3c3c3c-3c3c-4c3c-bc3c-3c3c3c3c3c3c""#);
        let a = AssessmentId::from(uuid.clone());
        let e = EnterpriseId::from(uuid.clone());
        assert_eq!(serde_json::to_string(&a).ok(), Some(text.clone()));
        assert_eq!(serde_json::to_string(&e).ok(), Some(text.clone()));
        assert_eq!(serde_json::from_str::<AssessmentId>(&text).ok(), Some(a));
        assert_eq!(
            serde_json::from_str::<EnterpriseId>(&text).ok(),
            Some(e.clone())
        );
        assert_eq!((e.to_string(), e.key()), (uuid.to_string(), uuid.key()));
        for bad in [r#""x""#, "7", r#""3C3C3C3C-3C3C-4C3C-BC3C-3C3C3C3C3C3C""#] {
            let want = serde_json::from_str::<Uuid>(bad).map_err(|e| e.to_string());
            assert!(want.is_err(), "{bad}");
            let got = serde_json::from_str::<EnterpriseId>(bad).map_err(|e| e.to_string());
            assert_eq!(
                got.map(|_| ()),
                want.map(|_| ()),
                "the same refusal for {bad}"
            );
        }
    }

    #[test]
    fn damaged_drafts_are_refused_with_a_reason() {
        assert!(matches!(
            Draft::from_json("{not json"),
            Err(DraftError::Corrupt(_))
        ));
        assert!(matches!(
            Draft::from_json(r#"{"schema":1,"id":"x"}"#),
            Err(DraftError::Corrupt(_))
        ));
        assert_eq!(
            Draft::from_json(r#"{"schema":99}"#),
            Err(DraftError::NewerSchema(99))
        );
    }
}
