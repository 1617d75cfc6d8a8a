//! UI strings: the bilingual locale table (`questionnaires/locale.json`), its checks, and number formatting.
use crate::domain::assessment::text::{Lang, Text};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// Why a locale table was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LocaleError {
    /// Not JSON, or not the expected shape.
    #[error("the locale file does not parse: {0}")]
    Parse(String),
    /// `kind` is not "locale".
    #[error("the file's kind is `{0}`, not `locale`")]
    WrongKind(String),
    /// A key with a blank translation.
    #[error("string `{key}` has no {lang:?} text")]
    MissingTranslation {
        /// The key.
        key: String,
        /// The missing language.
        lang: Lang,
    },
    /// The two translations use different `{placeholders}`.
    #[error("string `{key}`: placeholders differ between vi {vi:?} and en {en:?}")]
    PlaceholderMismatch {
        /// The key.
        key: String,
        /// Placeholders in the Vietnamese text.
        vi: Vec<String>,
        /// Placeholders in the English text.
        en: Vec<String>,
    },
    /// Two locale files define the same key.
    #[error("string `{0}` is defined twice")]
    Duplicate(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLocale {
    kind: String,
    strings: BTreeMap<String, Text>,
}

/// Every UI string in both languages, by key.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LocaleTable {
    strings: BTreeMap<String, Text>,
}

/// The `{name}` placeholders of a template, sorted.
pub fn placeholders(s: &str) -> Vec<String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                out.insert(after[..end].to_string());
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    out.into_iter().collect()
}

impl LocaleTable {
    /// Parses and checks a locale file.
    ///
    /// # Errors
    /// [`LocaleError`] naming the key at fault.
    pub fn from_json(json: &str) -> Result<LocaleTable, LocaleError> {
        let raw: RawLocale =
            serde_json::from_str(json).map_err(|e| LocaleError::Parse(e.to_string()))?;
        if raw.kind != "locale" {
            return Err(LocaleError::WrongKind(raw.kind));
        }
        for (key, text) in &raw.strings {
            if let Some(lang) = text.missing() {
                return Err(LocaleError::MissingTranslation {
                    key: key.clone(),
                    lang,
                });
            }
            let (vi, en) = (placeholders(&text.vi), placeholders(&text.en));
            if vi != en {
                return Err(LocaleError::PlaceholderMismatch {
                    key: key.clone(),
                    vi,
                    en,
                });
            }
        }
        Ok(LocaleTable {
            strings: raw.strings,
        })
    }

    /// The string for `key` in `lang`; the key itself when it is missing, so a gap shows rather than crashes.
    pub fn get<'a>(&'a self, lang: Lang, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, |t| t.get(lang))
    }

    /// The string for `key` with each `{name}` replaced by its value.
    pub fn format(&self, lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.get(lang, key).to_string();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// Adds the strings of a second table (the office pages'), refusing a key that both define.
    ///
    /// # Errors
    /// [`LocaleError::Duplicate`] naming the first such key; the table is then unchanged.
    pub fn merge(&mut self, other: LocaleTable) -> Result<(), LocaleError> {
        if let Some(key) = other.strings.keys().find(|k| self.strings.contains_key(*k)) {
            return Err(LocaleError::Duplicate(key.clone()));
        }
        self.strings.extend(other.strings);
        Ok(())
    }

    /// Every key.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.strings.keys().map(String::as_str)
    }

    /// Whether the table has `key`.
    pub fn contains(&self, key: &str) -> bool {
        self.strings.contains_key(key)
    }
}

/// A share in tenths of a percent, written the local way: "62,5%" in Vietnamese, "62.5%" in English.
pub fn format_permille(permille: u32, lang: Lang) -> String {
    let (whole, tenth) = (permille / 10, permille % 10);
    let sep = match lang {
        Lang::Vi => ',',
        Lang::En => '.',
    };
    if tenth == 0 {
        format!("{whole}%")
    } else {
        format!("{whole}{sep}{tenth}%")
    }
}

/// An integer with thousands grouped the local way: "1.000.000" in Vietnamese, "1,000,000" in English.
pub fn format_int(n: u64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers_per_language() {
        let cases = [
            (625, Lang::Vi, "62,5%"),
            (625, Lang::En, "62.5%"),
            (1000, Lang::Vi, "100%"),
            (0, Lang::En, "0%"),
        ];
        for (p, l, want) in cases {
            assert_eq!(format_permille(p, l), want);
        }
        assert_eq!(format_int(1_000_000, Lang::Vi), "1.000.000");
        assert_eq!(format_int(50_000_000, Lang::En), "50,000,000");
        assert_eq!(format_int(999, Lang::En), "999");
    }

    #[test]
    fn locale_errors_exact_variants() {
        let bad = [
            (
                r#"{"kind":"questionnaire","strings":{}}"#,
                LocaleError::WrongKind("questionnaire".into()),
            ),
            (
                r#"{"kind":"locale","strings":{"a":{"vi":"x","en":" "}}}"#,
                LocaleError::MissingTranslation {
                    key: "a".into(),
                    lang: Lang::En,
                },
            ),
            (
                r#"{"kind":"locale","strings":{"a":{"vi":"{n} câu","en":"{count} questions"}}}"#,
                LocaleError::PlaceholderMismatch {
                    key: "a".into(),
                    vi: vec!["n".into()],
                    en: vec!["count".into()],
                },
            ),
        ];
        for (json, want) in bad {
            assert_eq!(LocaleTable::from_json(json), Err(want));
        }
        assert!(matches!(
            LocaleTable::from_json("{"),
            Err(LocaleError::Parse(_))
        ));
        let ok = LocaleTable::from_json(
            r#"{"kind":"locale","strings":{"n":{"vi":"{n} câu","en":"{n} questions"}}}"#,
        );
        let ok = ok.expect("valid table");
        assert_eq!(ok.format(Lang::Vi, "n", &[("n", "3")]), "3 câu");
        assert_eq!(ok.get(Lang::En, "missing.key"), "missing.key");
    }
}

/// Reads a number typed the local way. Vietnamese writes "1.000.000" and "12,5"; English "1,000,000" and "12.5".
/// A separator followed by exactly three digits groups thousands; any other single separator is the decimal mark,
/// so "2.5" typed in Vietnamese still means two and a half. Returns `None` for anything that is not a number.
pub fn parse_number(input: &str, lang: Lang) -> Option<f64> {
    let s: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if s.is_empty() {
        return None;
    }
    let (group, decimal) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || c == group || c == decimal)
    {
        return None;
    }
    let is_grouping = |sep: char| -> bool {
        let parts: Vec<&str> = body.split(sep).collect();
        parts.len() > 1
            && !parts[0].is_empty()
            && parts[0].len() <= 3
            && parts[1..]
                .iter()
                .all(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
    };
    let normalised: String = if body.contains(group) && body.contains(decimal) {
        // Both marks: the local convention decides.
        let (int, frac) = body.split_once(decimal)?;
        if frac.contains(group) || frac.contains(decimal) || !is_grouping_str(int, group) {
            return None;
        }
        format!("{}.{}", int.replace(group, ""), frac)
    } else if body.contains(group) {
        if is_grouping(group) {
            body.replace(group, "")
        } else if body.matches(group).count() == 1 {
            body.replace(group, ".")
        } else {
            return None;
        }
    } else if body.contains(decimal) {
        if body.matches(decimal).count() == 1 {
            body.replace(decimal, ".")
        } else if is_grouping(decimal) {
            body.replace(decimal, "")
        } else {
            return None;
        }
    } else {
        body.to_string()
    };
    let v: f64 = normalised.parse().ok()?;
    v.is_finite().then_some(if neg { -v } else { v })
}

fn is_grouping_str(int: &str, sep: char) -> bool {
    if !int.contains(sep) {
        return !int.is_empty();
    }
    let parts: Vec<&str> = int.split(sep).collect();
    !parts[0].is_empty() && parts[0].len() <= 3 && parts[1..].iter().all(|p| p.len() == 3)
}

/// Writes a number the local way, without grouping: "12,5" in Vietnamese, "12.5" in English; integers bare.
pub fn format_decimal(v: f64, lang: Lang) -> String {
    let s = if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    };
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
    }
}

#[cfg(test)]
mod number_tests {
    use super::*;

    #[test]
    fn parses_local_numbers() {
        let cases: [(&str, Lang, Option<f64>); 16] = [
            ("12", Lang::Vi, Some(12.0)),
            ("12,5", Lang::Vi, Some(12.5)),
            ("2.5", Lang::Vi, Some(2.5)),
            ("1.000", Lang::Vi, Some(1000.0)),
            ("1.000.000", Lang::Vi, Some(1_000_000.0)),
            ("1.000,5", Lang::Vi, Some(1000.5)),
            ("1 000", Lang::Vi, Some(1000.0)),
            ("12.5", Lang::En, Some(12.5)),
            ("1,000", Lang::En, Some(1000.0)),
            ("2,5", Lang::En, Some(2.5)),
            ("1,000.25", Lang::En, Some(1000.25)),
            ("-3", Lang::En, Some(-3.0)),
            ("", Lang::En, None),
            ("abc", Lang::Vi, None),
            ("1,2,3", Lang::Vi, None),
            ("1e5", Lang::En, None),
        ];
        for (s, l, want) in cases {
            assert_eq!(parse_number(s, l), want, "{s:?} in {l:?}");
        }
        assert_eq!(format_decimal(12.5, Lang::Vi), "12,5");
        assert_eq!(format_decimal(1000.0, Lang::En), "1000");
    }
}

/// The date part of an RFC 3339 timestamp the local way: "20/11/2026" in Vietnamese, "2026-11-20" in English.
/// Anything unreadable is returned as it is.
pub fn format_date(iso: &str, lang: Lang) -> String {
    let d = iso.get(..10).unwrap_or(iso);
    let parts: Vec<&str> = d.split('-').collect();
    match (lang, parts.as_slice()) {
        (Lang::Vi, [y, m, day]) if y.len() == 4 => format!("{day}/{m}/{y}"),
        _ => d.to_string(),
    }
}
