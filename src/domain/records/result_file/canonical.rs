//! The canonical record reader: a result file read straight from its bytes when it is written exactly as this app
//! writes it (`serde_json::to_string`: compact, fields in declaration order, no escapes in strings, numbers in
//! their plain short forms), and `None` for anything else, which the caller reads with serde instead.
//!
//! It is the tally's fast path (issue 18): a million records are read line by line, and almost every line is a
//! file this app wrote. It reads what serde reads, as the same values, or declines: the test `tests/canonical.rs`
//! and the fuzz target `result_file` compare it with serde_json on generated and on hostile input. To be sure of
//! that, it accepts a strict subset of what serde accepts:
//! - every field present, in the order [`ResultFile`] and [`Profile`] declare them (the optional `enterprise_id`
//!   may be left out; a `workshop` is left to serde), and no other field, so no field is ever given twice;
//! - no whitespace between tokens (the line's ends are trimmed before);
//! - strings with no escape and no control character (serde refuses control characters; an escape is left to
//!   serde), in a line that is valid UTF-8;
//! - whole numbers of at most 10 digits with no leading zero, and decimals with at most 15 digits in all, so that
//!   `digits / 10^k` is one exactly rounded division, the value every correct reader gives;
//! - UUIDs and enums are made by their own `Deserialize` from the text, so their checks are serde's; ids are the
//!   text as it is, as serde makes them.
use super::{DimensionLine, QuestionnaireRef, ResultFile, ScoreLine, Scores};
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::text::QuestionId;
use crate::domain::records::draft::Uuid;
use crate::domain::records::profile::Profile;
use serde::Deserialize;
use serde::de::value::{Error as ValueError, StrDeserializer};

/// The record in `line` (trimmed), when it is written in the canonical form; `None` otherwise (not an error: the
/// caller reads the line with serde, which accepts it or says why not).
pub fn read(line: &[u8]) -> Option<ResultFile> {
    // Where a million lines are read (the command line), a SIMD check: a tenth of the instructions of std's.
    #[cfg(feature = "fast-json")]
    let text = simdutf8::basic::from_utf8(line).ok()?;
    #[cfg(not(feature = "fast-json"))]
    let text = std::str::from_utf8(line).ok()?;
    // No escape and no control character anywhere in the line (outside a string neither is JSON, inside one the
    // first is left to serde and the second is refused): checked once for the whole line, with no branch per byte,
    // so that a string ends at the first quote after it opens.
    if line
        .iter()
        .fold(false, |odd, &b| odd | (b == b'\\') | (b < 0x20))
    {
        return None;
    }
    let mut c = Cursor { s: text, i: 0 };
    let file = c.result_file()?;
    (c.i == text.len()).then_some(file)
}

/// [`read`] in the builds that tally (the tally worker; the command line, the tests and the fuzzer, which have
/// `fast-json`); `None` in the others (the app's first load reads a few records at a time, and the optimiser leaves
/// this reader out of it).
pub fn where_tallied(line: &[u8]) -> Option<ResultFile> {
    if cfg!(any(feature = "fast-json", feature = "worker")) {
        read(line)
    } else {
        None
    }
}

/// A position in a line without escapes or control characters. Every method either consumes what it expects and
/// says `Some`, or says `None` (the reader gives up on the line; the position no longer matters).
struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

/// Powers of ten up to 10^15, for decimals of up to 15 digits: each is also exact as a double (below 2^53).
const POW10: [u64; 16] = {
    let mut p = [1u64; 16];
    let mut i = 1;
    while i < 16 {
        p[i] = p[i - 1] * 10;
        i += 1;
    }
    p
};

/// Where the first `"` in `b` is: eight bytes at a time, by the has-a-zero-byte test on the bytes xor'd with
/// quotes (the lowest byte it flags is always the first quote; a borrow can flag only bytes above it). About a
/// third of the instructions of a byte-by-byte search, for the ~80 strings of every record a tally reads.
#[inline(always)]
fn quote_at(b: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const QUOTES: u64 = u64::from_le_bytes([b'"'; 8]);
    let mut at = 0;
    while let Some(word) = b.get(at..at + 8) {
        let w = u64::from_le_bytes(<[u8; 8]>::try_from(word).ok()?) ^ QUOTES;
        let found = w.wrapping_sub(ONES) & !w & HIGHS;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let rest = b.get(at..)?;
    rest.iter().position(|&c| c == b'"').map(|p| at + p)
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    /// Exactly these bytes. Always inlined: the literal is then a constant, and the compare a few loads rather than
    /// a call to memcmp (about five per answer of every record a tally reads).
    #[inline(always)]
    fn lit(&mut self, want: &str) -> Option<()> {
        let end = self.i.checked_add(want.len())?;
        (self.s.as_bytes().get(self.i..end)? == want.as_bytes()).then(|| self.i = end)
    }

    /// `null`, consumed, or `false` (nothing consumed).
    fn null(&mut self) -> bool {
        self.lit("null").is_some()
    }

    /// A string, as the text between its quotes ([`read`] has made sure the line has no escape and no control
    /// character: the string ends at the next quote).
    fn str(&mut self) -> Option<&'a str> {
        let bytes = self.s.as_bytes();
        if bytes.get(self.i) != Some(&b'"') {
            return None;
        }
        let start = self.i + 1;
        let len = quote_at(bytes.get(start..)?)?;
        let end = start + len;
        self.i = end + 1;
        // Quotes are ASCII, so both ends are character boundaries of the (valid UTF-8) line.
        self.s.get(start..end)
    }

    /// A UUID (an assessment's or an enterprise's), with the check its `Deserialize` makes.
    fn uuid<T: From<Uuid>>(&mut self) -> Option<T> {
        Uuid::parse(self.str()?).map(T::from)
    }

    /// A leaf made by its own `Deserialize` from a string, with serde's checks.
    fn leaf<T: Deserialize<'a>>(&mut self) -> Option<T> {
        let s = self.str()?;
        T::deserialize(StrDeserializer::<ValueError>::new(s)).ok()
    }

    /// An id (question, option, dimension, questionnaire): the text as it is, as serde makes it.
    fn id<T: From<&'a str>>(&mut self) -> Option<T> {
        self.str().map(T::from)
    }

    /// The digits from here on (none is allowed), read in one pass: their value (exact for up to 19 of them, which
    /// the callers never exceed: they refuse more) and how many there are.
    fn digits(&mut self) -> (u64, usize) {
        let bytes = self.s.as_bytes();
        let start = self.i;
        let mut i = start;
        let mut v = 0u64;
        while let Some(d) = bytes
            .get(i)
            .map(|c| c.wrapping_sub(b'0'))
            .filter(|d| *d < 10)
        {
            v = v.wrapping_mul(10).wrapping_add(u64::from(d));
            i += 1;
        }
        self.i = i;
        (v, i - start)
    }

    /// A whole part as JSON writes it, `0` or a non-zero digit and any more: its value and how many digits.
    fn whole(&mut self) -> Option<(u64, usize)> {
        let first = self.peek();
        match (first, self.digits()) {
            (_, (_, 0)) | (Some(b'0'), (_, 2..)) => None,
            (_, read) => Some(read),
        }
    }

    /// A whole number: `0` or a non-zero digit and at most 9 more, within `u32`.
    fn u32(&mut self) -> Option<u32> {
        let (v, n) = self.whole()?;
        // At most 10 digits: the value is exact, and whether it fits in a u32 is checked after.
        if n > 10 {
            return None;
        }
        u32::try_from(v).ok()
    }

    /// A `u8` written as a whole number.
    fn u8(&mut self) -> Option<u8> {
        u8::try_from(self.u32()?).ok()
    }

    /// A number as `-?(0|[1-9][0-9]*)(\.[0-9]+)?` with at most 15 digits in all (no exponent): `digits / 10^k`,
    /// both exact doubles, so one correctly rounded division gives the value any correct reader gives.
    fn f64(&mut self) -> Option<f64> {
        let negative = self.peek() == Some(b'-');
        self.i += usize::from(negative);
        let (whole, whole_len) = self.whole()?;
        let (frac, frac_len) = if self.peek() == Some(b'.') {
            self.i += 1;
            match self.digits() {
                (_, 0) => return None,
                read => read,
            }
        } else {
            (0, 0)
        };
        if whole_len + frac_len > 15 {
            return None;
        }
        // At most 15 digits: m and the scale are below 10^15 < 2^53, exact as doubles.
        let scale = *POW10.get(frac_len)?;
        let m = whole * scale + frac;
        #[allow(clippy::cast_precision_loss)]
        let v = m as f64 / scale as f64;
        Some(if negative { -v } else { v })
    }

    fn opt<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.null() {
            Some(None)
        } else {
            read(self).map(Some)
        }
    }

    fn bool(&mut self) -> Option<bool> {
        if self.lit("true").is_some() {
            Some(true)
        } else {
            self.lit("false").map(|()| false)
        }
    }

    fn result_file(&mut self) -> Option<ResultFile> {
        self.lit("{\"schema\":")?;
        let schema = self.str()?.to_owned();
        self.lit(",\"schema_version\":")?;
        let schema_version = self.u32()?;
        self.lit(",\"status\":")?;
        let status = self.leaf()?;
        self.lit(",\"app_version\":")?;
        let app_version = self.str()?.to_owned();
        self.lit(",\"assessment_id\":")?;
        let assessment_id = self.uuid()?;
        self.lit(",\"questionnaire\":{\"id\":")?;
        let id = self.id()?;
        self.lit(",\"version\":")?;
        let version = self.str()?.to_owned();
        self.lit("},\"created_at\":")?;
        let created_at = self.str()?.to_owned();
        self.lit(",\"completed_at\":")?;
        let completed_at = self.opt(|c| c.str().map(str::to_owned))?;
        self.lit(",\"exported_at\":")?;
        let exported_at = self.str()?.to_owned();
        self.lit(",\"profile\":")?;
        let profile = self.profile()?;
        self.lit(",\"answers\":")?;
        let answers = self.answers()?;
        self.lit(",\"scores\":")?;
        let scores = self.scores()?;
        let enterprise_id = if self.lit(",\"enterprise_id\":").is_some() {
            Some(self.uuid()?)
        } else {
            None
        };
        self.lit("}")?;
        Some(ResultFile {
            schema,
            schema_version,
            status,
            app_version,
            assessment_id,
            questionnaire: QuestionnaireRef { id, version },
            created_at,
            completed_at,
            exported_at,
            profile,
            answers,
            scores,
            enterprise_id,
            workshop: None,
        })
    }

    fn profile(&mut self) -> Option<Profile> {
        self.lit("{\"name\":")?;
        let name = self.str()?.to_owned();
        self.lit(",\"tax_code\":")?;
        let tax_code = self.str()?.to_owned();
        self.lit(",\"entity_type\":")?;
        let entity_type = self.opt(Self::leaf)?;
        self.lit(",\"sector\":")?;
        let sector = self.opt(Self::leaf)?;
        self.lit(",\"main_activity\":")?;
        let main_activity = self.str()?.to_owned();
        self.lit(",\"employees\":")?;
        let employees = self.opt(Self::u32)?;
        self.lit(",\"revenue_bn\":")?;
        let revenue_bn = self.opt(Self::f64)?;
        self.lit(",\"capital_bn\":")?;
        let capital_bn = self.opt(Self::f64)?;
        self.lit(",\"province\":")?;
        let province = self.opt(|c| c.str().map(str::to_owned))?;
        self.lit(",\"commune\":")?;
        let commune = self.str()?.to_owned();
        self.lit(",\"woman_owner\":")?;
        let woman_owner = self.opt(Self::bool)?;
        self.lit(",\"female_share_pct\":")?;
        let female_share_pct = self.opt(Self::f64)?;
        self.lit("}")?;
        Some(Profile {
            name,
            tax_code,
            entity_type,
            sector,
            main_activity,
            employees,
            revenue_bn,
            capital_bn,
            province,
            commune,
            woman_owner,
            female_share_pct,
        })
    }

    fn answers(&mut self) -> Option<AnswerSheet> {
        self.lit("{")?;
        let mut answers: Vec<(QuestionId, Answer)> = Vec::with_capacity(64);
        if self.lit("}").is_none() {
            loop {
                let id: QuestionId = self.id()?;
                self.lit(":")?;
                answers.push((id, self.answer()?));
                if self.lit(",").is_none() {
                    break;
                }
            }
            self.lit("}")?;
        }
        Some(AnswerSheet::from_pairs(answers))
    }

    fn answer(&mut self) -> Option<Answer> {
        // Which kind, from the first letter of its tag; the whole tag is then checked.
        let kind = self.s.as_bytes().get(self.i + 2).copied();
        if self.peek() == Some(b'"') {
            self.lit("\"dont_know\"")?;
            return Some(Answer::DontKnow);
        }
        let answer = if kind == Some(b'c') {
            self.lit("{\"choice\":")?;
            Answer::Choice(self.id()?)
        } else if kind == Some(b'n') {
            self.lit("{\"number\":")?;
            Answer::Number(self.f64()?)
        } else if kind == Some(b'r') {
            self.lit("{\"ratio\":{\"num\":")?;
            let num = self.f64()?;
            self.lit(",\"den\":")?;
            let den = self.f64()?;
            self.lit("}")?;
            Answer::Ratio { num, den }
        } else {
            self.lit("{\"multi\":[")?;
            let mut ids = Vec::new();
            if self.peek() != Some(b']') {
                loop {
                    ids.push(self.id()?);
                    if self.lit(",").is_none() {
                        break;
                    }
                }
            }
            self.lit("]")?;
            Answer::Multi(ids)
        };
        self.lit("}")?;
        Some(answer)
    }

    /// `"earned":…,"max":…,"share_permille":…,"level":…}` (after the opening of the line's object).
    fn score_line(&mut self) -> Option<ScoreLine> {
        self.lit("\"earned\":")?;
        let earned = self.u32()?;
        self.lit(",\"max\":")?;
        let max = self.u32()?;
        self.lit(",\"share_permille\":")?;
        let share_permille = self.u32()?;
        self.lit(",\"level\":")?;
        let level = self.u8()?;
        self.lit("}")?;
        Some(ScoreLine {
            earned,
            max,
            share_permille,
            level,
        })
    }

    fn scores(&mut self) -> Option<Scores> {
        self.lit("{\"overall\":{")?;
        let overall = self.score_line()?;
        self.lit(",\"dimensions\":[")?;
        let mut dimensions = Vec::with_capacity(8);
        if self.peek() != Some(b']') {
            loop {
                self.lit("{\"id\":")?;
                let id = self.id()?;
                self.lit(",")?;
                dimensions.push(DimensionLine {
                    id,
                    score: self.score_line()?,
                });
                if self.lit(",").is_none() {
                    break;
                }
            }
        }
        self.lit("]}")?;
        Some(Scores {
            overall,
            dimensions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::quote_at;

    /// The word-at-a-time search finds what a byte-by-byte one finds, wherever the quote is and whatever is
    /// around it (bytes just above and below `"` in value, other quotes after it, high bytes before it).
    #[test]
    fn quote_at_finds_the_first_quote() {
        for len in 0..40 {
            for filler in [b'a', b'!', b'#', 0x80, 0xff, 0x01] {
                let mut b = vec![filler; len];
                assert_eq!(quote_at(&b), None, "{len} {filler}");
                for at in 0..len {
                    b.fill(filler);
                    b[at] = b'"';
                    if at + 3 < len {
                        b[at + 3] = b'"';
                    }
                    assert_eq!(quote_at(&b), Some(at), "{len} {filler} {at}");
                }
            }
        }
    }
}
