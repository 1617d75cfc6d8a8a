//! Languages, bilingual text and the typed ids shared by the whole domain.
use serde::{Deserialize, Serialize};
use std::fmt;

/// A UI language. Vietnamese is the default; English is the second language.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Every supported language, in display order.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The BCP 47 tag, for `<html lang>` and storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Parses a stored tag; anything unknown yields `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Text in both languages. Both must be present and non-empty after validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Text {
    /// Vietnamese.
    #[serde(default)]
    pub vi: String,
    /// English.
    #[serde(default)]
    pub en: String,
}

impl Text {
    /// Builds a text from both translations.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The translation for `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// The first language whose translation is missing or blank, if any.
    pub fn missing(&self) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| self.get(*l).trim().is_empty())
    }
}

/// The text of an id. Where hundreds of thousands of records are read (the tally worker, the command line), ids of
/// up to 24 bytes are stored inline, so reading an answer allocates nothing; the app keeps plain strings, which cost
/// less wasm.
#[cfg(any(feature = "worker", feature = "cli"))]
pub type IdText = compact_str::CompactString;
/// The text of an id (a plain string in the app; see the `worker` build).
#[cfg(not(any(feature = "worker", feature = "cli")))]
pub type IdText = String;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
        #[serde(transparent)]
        pub struct $name(pub IdText);

        impl $name {
            /// An id from text.
            pub fn new(s: impl Into<IdText>) -> Self {
                $name(s.into())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(IdText::from(s))
            }
        }
    };
}

string_id!(
    /// The id of a questionnaire, such as `quick` or `dbi`.
    QuestionnaireId
);
string_id!(
    /// The id of a dimension (a DBI pillar), unique within its questionnaire.
    DimensionId
);
string_id!(
    /// The id of a question, unique within its questionnaire and stable across versions.
    QuestionId
);
string_id!(
    /// The id of an answer option, unique within its question.
    OptionId
);
