//! The result code: one result as a short text that any chat app carries (`dx1.` and base64url), and the result
//! link `<app URL>#/r/<code>`. The format is documented in `docs/result-code.md`, with golden vectors.
//!
//! A code holds what a result file holds except its scores, which the reader recomputes: the questionnaire and its
//! version, the answers by their position in the questionnaire, the profile, the dates and the ids. Texts go through
//! a small fixed dictionary of common Vietnamese business words; dates are deltas; numbers are exact decimals. The
//! bytes carry their length (so that a cut-off code is told from a damaged one) and a CRC-32.
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::questionnaire::{QuestionKind, Questionnaire};
use crate::domain::assessment::scoring::Assessment;
use crate::domain::assessment::text::OptionId;
use crate::domain::records::calendar::{format_millis, parse_millis};
use crate::domain::records::draft::Uuid;
use crate::domain::records::profile::{EntityType, Profile, SectorGroup};
use crate::domain::records::result_file::{
    ImportError, QuestionnaireRef, RESULT_SCHEMA, RESULT_VERSION, ResultFile, ResultStatus, Scores,
};
use crate::domain::records::workshop::Workshop;
use thiserror::Error;

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
        w.uuid(&file.assessment_id);
        if let Some(id) = &file.enterprise_id {
            w.uuid(id);
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
        let assessment_id = r.uuid()?;
        let enterprise_id = if flags & 4 != 0 {
            Some(r.uuid()?)
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

/// A code around any payload, its length and checksum right: for tests and fuzzing of the payload reader (a code
/// changed by hand almost never gets past the checksum).
pub fn seal_payload(payload: &[u8]) -> String {
    format!("{CODE_PREFIX}{}", seal(payload))
}

/// Length, payload and CRC-32, as base64url.
fn seal(payload: &[u8]) -> String {
    let mut body = Vec::with_capacity(payload.len() + 8);
    let mut n = payload.len();
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            body.push(low);
            break;
        }
        body.push(low | 0x80);
    }
    body.extend_from_slice(payload);
    let crc = crc32(&body);
    body.extend_from_slice(&crc.to_be_bytes());
    base64url(&body)
}

/// The payload of a sealed code, once its length and checksum hold.
fn unseal(b64: &str) -> Result<Vec<u8>, CodeError> {
    let (bytes, left_over) = from_base64url(b64)?;
    let (len, head) = {
        let mut n: usize = 0;
        let mut i = 0;
        loop {
            let Some(b) = bytes.get(i) else {
                return Err(CodeError::CutOff {
                    have: bytes.len(),
                    need: bytes.len() + 1,
                });
            };
            if i >= 4 {
                return Err(CodeError::Corrupt);
            }
            n |= usize::from(b & 0x7f) << (7 * i);
            i += 1;
            if b & 0x80 == 0 {
                break;
            }
        }
        (n, i)
    };
    let need = head + len + 4;
    if bytes.len() < need {
        return Err(CodeError::CutOff {
            have: bytes.len(),
            need,
        });
    }
    // Longer than it says, or bits past its last byte (a changed last character would otherwise read as the same
    // code): not as written.
    if bytes.len() > need || left_over {
        return Err(CodeError::Corrupt);
    }
    let (body, crc) = bytes.split_at(head + len);
    if crc32(body).to_be_bytes() != crc {
        return Err(CodeError::Corrupt);
    }
    Ok(body[head..].to_vec())
}

/// CRC-32 (ISO-HDLC, as in zip and PNG), bit by bit: codes are a few hundred bytes.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & 0u32.wrapping_sub(crc & 1));
        }
    }
    !crc
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for k in 0..=chunk.len() {
            out.push(char::from(B64[(n >> (18 - 6 * k) & 63) as usize]));
        }
    }
    out
}

/// The bytes of base64url text, and whether bits were left over past the last whole byte (they are zero in a code
/// as written, unless it was cut there).
fn from_base64url(text: &str) -> Result<(Vec<u8>, bool), CodeError> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = B64.iter().position(|x| *x == c).ok_or(CodeError::Corrupt)?;
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok((out, acc != 0))
}

/// Words common in Vietnamese enterprise names, addresses and activities, each written as one byte, 0x01–0x1E.
/// Fixed for format 1: changing it changes every code.
const WORDS: [&str; 30] = [
    "Công ty ",
    "CÔNG TY ",
    "TNHH ",
    "Cổ phần ",
    "CỔ PHẦN ",
    "Thương mại ",
    "THƯƠNG MẠI ",
    "Dịch vụ ",
    "DỊCH VỤ ",
    "Sản xuất ",
    "SẢN XUẤT ",
    "Xây dựng ",
    "XÂY DỰNG ",
    "Hợp tác xã ",
    "Doanh nghiệp ",
    "Hộ kinh doanh ",
    "Phường ",
    "Xã ",
    "Việt Nam",
    "Nông nghiệp ",
    "Công nghệ ",
    "Thực phẩm ",
    "Du lịch ",
    "Vận tải ",
    "Xuất nhập khẩu ",
    "Đầu tư ",
    "Một thành viên ",
    "Bán buôn ",
    "Bán lẻ ",
    "và ",
];

/// Vietnamese letters with diacritics (NFC), each written as one byte, 0x80 + its position: the 67 small letters,
/// then the capitals but the six rarest (Ẳ Ẵ Ỳ Ỷ Ỹ Ỵ). Fixed for format 1.
const LETTERS: &str = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ\
                       ÀÁẢÃẠĂẰẮẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰÝ";

/// Written before any other character, which follows in UTF-8.
const ESCAPE: u8 = 0x1f;

/// A text in one byte per printable ASCII character or Vietnamese letter, one per common word, and the escape and
/// UTF-8 for anything else.
fn pack(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(k) = WORDS.iter().position(|w| rest.starts_with(w)) {
            out.push(k as u8 + 1);
            rest = &rest[WORDS[k].len()..];
            continue;
        }
        if (' '..='~').contains(&c) {
            out.push(c as u8);
        } else if let Some(i) = LETTERS.chars().position(|l| l == c) {
            out.push(0x80 + i as u8);
        } else {
            let mut buf = [0u8; 4];
            out.push(ESCAPE);
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn unpack(packed: &[u8]) -> Result<String, CodeError> {
    let mut out = String::with_capacity(packed.len() * 2);
    let mut i = 0;
    while let Some(&b) = packed.get(i) {
        i += 1;
        match b {
            0x20..=0x7e => out.push(char::from(b)),
            0x01..=0x1e => out.push_str(WORDS[usize::from(b - 1)]),
            ESCAPE => {
                let lead = *packed.get(i).ok_or(CodeError::Corrupt)?;
                let n = match lead.leading_ones() {
                    0 => 1,
                    n @ 2..=4 => n as usize,
                    _ => return Err(CodeError::Corrupt),
                };
                let bytes = packed.get(i..i + n).ok_or(CodeError::Corrupt)?;
                out.push_str(std::str::from_utf8(bytes).map_err(|_| CodeError::Corrupt)?);
                i += n;
            }
            0x80..=0xff => out.push(
                LETTERS
                    .chars()
                    .nth(usize::from(b - 0x80))
                    .ok_or(CodeError::Corrupt)?,
            ),
            _ => return Err(CodeError::Corrupt),
        }
    }
    Ok(out)
}

/// The first day times count from, 2020-01-01 (milliseconds since 1970): times before it cost a byte more.
const EPOCH: i64 = 1_577_836_800_000;

/// The last time written, as the base of the next one (times are deltas).
struct Clock {
    ms: i64,
}

impl Default for Clock {
    fn default() -> Self {
        Clock { ms: EPOCH }
    }
}

/// Powers of ten for decimals of up to four places (exact in `f64`).
const TENS: [f64; 5] = [1.0, 10.0, 100.0, 1000.0, 10000.0];

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

/// A bit stream, most significant bit first.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    used: u32,
}

impl Bits {
    fn put(&mut self, value: u64, width: u32) {
        for k in (0..width).rev() {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            if (value >> k) & 1 == 1
                && let Some(last) = self.bytes.last_mut()
            {
                *last |= 0x80 >> (self.used % 8);
            }
            self.used += 1;
        }
    }

    /// Seven bits at a time, low first, each group behind a "more" bit.
    fn varint(&mut self, mut n: u64) {
        loop {
            let more = n >> 7 != 0;
            self.put(u64::from(more), 1);
            self.put(n & 0x7f, 7);
            n >>= 7;
            if !more {
                break;
            }
        }
    }

    fn text(&mut self, t: &str) {
        let packed = pack(t);
        self.varint(packed.len() as u64);
        for b in packed {
            self.put(u64::from(b), 8);
        }
    }

    /// A version, "1.0.0": a bit, then three bytes when it is three numbers up to 255, else the text.
    fn version(&mut self, v: &str) {
        let parts: Vec<&str> = v.split('.').collect();
        let numbers: Vec<u8> = parts.iter().filter_map(|p| p.parse::<u8>().ok()).collect();
        let canonical = numbers.len() == 3
            && parts.len() == 3
            && numbers.iter().zip(&parts).all(|(n, p)| n.to_string() == *p);
        self.put(u64::from(canonical), 1);
        if canonical {
            for n in numbers {
                self.put(u64::from(n), 8);
            }
        } else {
            self.text(v);
        }
    }

    fn uuid(&mut self, id: &Uuid) {
        let k = id.key();
        self.put((k >> 64) as u64, 64);
        self.put(k as u64, 64);
    }

    /// A time: a two-bit form (0 whole seconds, 1 milliseconds, 2 text), then the delta from the last time.
    fn time(&mut self, clock: &mut Clock, t: &str) {
        match parse_millis(t) {
            Some(ms) if ms % 1000 == 0 => {
                self.put(0, 2);
                self.varint(zigzag(ms / 1000 - clock.ms.div_euclid(1000)));
                clock.ms = ms;
            }
            Some(ms) => {
                self.put(1, 2);
                self.varint(zigzag(ms - clock.ms));
                clock.ms = ms;
            }
            None => {
                self.put(2, 2);
                self.text(t);
            }
        }
    }

    /// A number: a three-bit form (0–4: a decimal with that many places, 5: the 64 bits as they are), then the
    /// digits as a signed varint.
    fn number(&mut self, v: f64) {
        for (places, ten) in TENS.iter().enumerate() {
            let n = (v * ten).round();
            if n.abs() < 9e15 && ((n as i64) as f64 / ten).to_bits() == v.to_bits() {
                self.put(places as u64, 3);
                self.varint(zigzag(n as i64));
                return;
            }
        }
        self.put(5, 3);
        self.put(v.to_bits(), 64);
    }

    fn opt_number(&mut self, v: Option<f64>) {
        self.put(u64::from(v.is_some()), 1);
        if let Some(v) = v {
            self.number(v);
        }
    }

    fn profile(&mut self, p: &Profile) {
        self.text(&p.name);
        self.tax_code(&p.tax_code);
        let pos = |v: Option<usize>| v.map_or(0, |i| i as u64 + 1);
        self.put(
            pos(p
                .entity_type
                .and_then(|e| EntityType::ALL.iter().position(|x| *x == e))),
            2,
        );
        self.put(
            pos(p
                .sector
                .and_then(|s| SectorGroup::ALL.iter().position(|x| *x == s))),
            2,
        );
        self.text(&p.main_activity);
        self.put(u64::from(p.employees.is_some()), 1);
        if let Some(n) = p.employees {
            self.varint(u64::from(n));
        }
        self.opt_number(p.revenue_bn);
        self.opt_number(p.capital_bn);
        match p.province.as_deref() {
            None => self.put(0, 2),
            Some(c) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_digit()) => {
                self.put(1, 2);
                self.put(c.parse::<u64>().unwrap_or(0), 7);
            }
            Some(c) => {
                self.put(2, 2);
                self.text(c);
            }
        }
        self.text(&p.commune);
        self.put(p.woman_owner.map_or(0, |w| 1 + u64::from(w)), 2);
        self.opt_number(p.female_share_pct);
    }

    /// A tax code as typed: a two-bit form (0 empty, 1 ten digits, 2 ten digits and a branch, 3 text).
    fn tax_code(&mut self, t: &str) {
        let b = t.as_bytes();
        let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
        let value = |s: &[u8]| s.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
        if t.is_empty() {
            self.put(0, 2);
        } else if b.len() == 10 && digits(b) {
            self.put(1, 2);
            self.put(value(b), 34);
        } else if b.len() == 14 && b[10] == b'-' && digits(&b[..10]) && digits(&b[11..]) {
            self.put(2, 2);
            self.put(value(&b[..10]), 34);
            self.put(value(&b[11..]), 10);
        } else {
            self.put(3, 2);
            self.text(t);
        }
    }

    fn answers(&mut self, q: &Questionnaire, sheet: &AnswerSheet) {
        for question in &q.questions {
            let a = sheet.get(&question.id);
            match &question.kind {
                QuestionKind::Single { options } => {
                    let i = match a {
                        Some(Answer::Choice(o)) => options.iter().position(|x| &x.id == o),
                        _ => None,
                    };
                    self.put(i.map_or(0, |i| i as u64 + 1), width(options.len() + 1));
                }
                QuestionKind::Multi { options } => {
                    let Some(Answer::Multi(chosen)) = a else {
                        self.put(0, 1);
                        continue;
                    };
                    self.put(1, 1);
                    let index: Vec<usize> = chosen
                        .iter()
                        .filter_map(|o| options.iter().position(|x| &x.id == o))
                        .collect();
                    let in_order = index.windows(2).all(|w| w[0] < w[1]);
                    self.put(u64::from(!in_order), 1);
                    if in_order {
                        for k in 0..options.len() {
                            self.put(u64::from(index.contains(&k)), 1);
                        }
                    } else {
                        self.varint(index.len() as u64);
                        for i in index {
                            self.put(i as u64, width(options.len()));
                        }
                    }
                }
                QuestionKind::Number { .. } | QuestionKind::Ratio { .. } => match a {
                    Some(Answer::DontKnow) => self.put(1, 2),
                    Some(Answer::Number(v)) => {
                        self.put(2, 2);
                        self.number(*v);
                    }
                    Some(Answer::Ratio { num, den }) => {
                        self.put(2, 2);
                        self.number(*num);
                        self.number(*den);
                    }
                    _ => self.put(0, 2),
                },
            }
        }
    }

    fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// Bits that hold values `0..n`.
fn width(n: usize) -> u32 {
    usize::BITS - n.saturating_sub(1).leading_zeros()
}

/// Reads what [`Bits`] wrote; running out of bits, or a value that cannot be, is a damaged code.
struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    fn get(&mut self, width: u32) -> Result<u64, CodeError> {
        let mut v = 0u64;
        for _ in 0..width {
            let byte = self.bytes.get(self.at / 8).ok_or(CodeError::Corrupt)?;
            v = (v << 1) | u64::from((byte >> (7 - self.at % 8)) & 1);
            self.at += 1;
        }
        Ok(v)
    }

    fn varint(&mut self) -> Result<u64, CodeError> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let more = self.get(1)?;
            n |= self.get(7)? << shift;
            if more == 0 {
                return Ok(n);
            }
        }
        Err(CodeError::Corrupt)
    }

    fn len(&mut self) -> Result<usize, CodeError> {
        let n = usize::try_from(self.varint()?).map_err(|_| CodeError::Corrupt)?;
        // No length can exceed the bytes left.
        if n > self.bytes.len() {
            return Err(CodeError::Corrupt);
        }
        Ok(n)
    }

    fn text(&mut self) -> Result<String, CodeError> {
        let n = self.len()?;
        let packed = (0..n)
            .map(|_| self.get(8).map(|b| b as u8))
            .collect::<Result<Vec<u8>, _>>()?;
        unpack(&packed)
    }

    fn version(&mut self) -> Result<String, CodeError> {
        if self.get(1)? == 1 {
            Ok(format!(
                "{}.{}.{}",
                self.get(8)?,
                self.get(8)?,
                self.get(8)?
            ))
        } else {
            self.text()
        }
    }

    fn uuid(&mut self) -> Result<Uuid, CodeError> {
        let hi = u128::from(self.get(64)?);
        let lo = u128::from(self.get(64)?);
        Ok(Uuid::from_key((hi << 64) | lo))
    }

    fn time(&mut self, clock: &mut Clock) -> Result<String, CodeError> {
        let ms = match self.get(2)? {
            0 => {
                let s = clock
                    .ms
                    .div_euclid(1000)
                    .checked_add(unzigzag(self.varint()?))
                    .ok_or(CodeError::Corrupt)?;
                s.checked_mul(1000).ok_or(CodeError::Corrupt)?
            }
            1 => clock
                .ms
                .checked_add(unzigzag(self.varint()?))
                .ok_or(CodeError::Corrupt)?,
            2 => return self.text(),
            _ => return Err(CodeError::Corrupt),
        };
        // Years 0000–9999 only: the form has four digits.
        if !(-62_167_219_200_000..=253_402_300_799_999).contains(&ms) {
            return Err(CodeError::Corrupt);
        }
        clock.ms = ms;
        Ok(format_millis(ms))
    }

    fn number(&mut self) -> Result<f64, CodeError> {
        match self.get(3)? {
            p @ 0..=4 => {
                let n = unzigzag(self.varint()?);
                let v = n as f64 / TENS[p as usize];
                Ok(v)
            }
            // Infinity and NaN are no answer or profile value (and have no JSON form).
            5 => Some(f64::from_bits(self.get(64)?))
                .filter(|v| v.is_finite())
                .ok_or(CodeError::Corrupt),
            _ => Err(CodeError::Corrupt),
        }
    }

    fn opt_number(&mut self) -> Result<Option<f64>, CodeError> {
        Ok(if self.get(1)? == 1 {
            Some(self.number()?)
        } else {
            None
        })
    }

    fn profile(&mut self) -> Result<Profile, CodeError> {
        let name = self.text()?;
        let tax_code = self.tax_code()?;
        let pick = |i: u64, n: usize| -> Result<Option<usize>, CodeError> {
            match i {
                0 => Ok(None),
                i if (i as usize) <= n => Ok(Some(i as usize - 1)),
                _ => Err(CodeError::Corrupt),
            }
        };
        let entity_type = pick(self.get(2)?, EntityType::ALL.len())?.map(|i| EntityType::ALL[i]);
        let sector = pick(self.get(2)?, SectorGroup::ALL.len())?.map(|i| SectorGroup::ALL[i]);
        let main_activity = self.text()?;
        let employees = if self.get(1)? == 1 {
            Some(u32::try_from(self.varint()?).map_err(|_| CodeError::Corrupt)?)
        } else {
            None
        };
        let revenue_bn = self.opt_number()?;
        let capital_bn = self.opt_number()?;
        let province = match self.get(2)? {
            0 => None,
            1 => Some(format!("{:02}", self.get(7)?)),
            2 => Some(self.text()?),
            _ => return Err(CodeError::Corrupt),
        };
        let commune = self.text()?;
        let woman_owner = match self.get(2)? {
            0 => None,
            1 => Some(false),
            2 => Some(true),
            _ => return Err(CodeError::Corrupt),
        };
        let female_share_pct = self.opt_number()?;
        Ok(Profile {
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

    fn tax_code(&mut self) -> Result<String, CodeError> {
        let ten = |v: u64| -> Result<String, CodeError> {
            (v < 10_000_000_000)
                .then(|| format!("{v:010}"))
                .ok_or(CodeError::Corrupt)
        };
        match self.get(2)? {
            0 => Ok(String::new()),
            1 => ten(self.get(34)?),
            2 => {
                let main = ten(self.get(34)?)?;
                let branch = self.get(10)?;
                if branch > 999 {
                    return Err(CodeError::Corrupt);
                }
                Ok(format!("{main}-{branch:03}"))
            }
            _ => self.text(),
        }
    }

    fn answers(&mut self, q: &Questionnaire) -> Result<AnswerSheet, CodeError> {
        let mut sheet = AnswerSheet::new();
        for question in &q.questions {
            let answer = match &question.kind {
                QuestionKind::Single { options } => match self.get(width(options.len() + 1))? {
                    0 => None,
                    i => Some(Answer::Choice(option(options, i - 1)?)),
                },
                QuestionKind::Multi { options } => {
                    if self.get(1)? == 0 {
                        None
                    } else if self.get(1)? == 0 {
                        let mut chosen = Vec::new();
                        for o in options {
                            if self.get(1)? == 1 {
                                chosen.push(o.id.clone());
                            }
                        }
                        Some(Answer::Multi(chosen))
                    } else {
                        let n = self.len()?;
                        let chosen = (0..n)
                            .map(|_| option(options, self.get(width(options.len()))?))
                            .collect::<Result<Vec<_>, _>>()?;
                        Some(Answer::Multi(chosen))
                    }
                }
                QuestionKind::Number { .. } => match self.get(2)? {
                    0 => None,
                    1 => Some(Answer::DontKnow),
                    2 => Some(Answer::Number(self.number()?)),
                    _ => return Err(CodeError::Corrupt),
                },
                QuestionKind::Ratio { .. } => match self.get(2)? {
                    0 => None,
                    1 => Some(Answer::DontKnow),
                    2 => Some(Answer::Ratio {
                        num: self.number()?,
                        den: self.number()?,
                    }),
                    _ => return Err(CodeError::Corrupt),
                },
            };
            if let Some(a) = answer {
                sheet
                    .answer(q, &question.id, a)
                    .map_err(|e| CodeError::Record(ImportError::BadAnswers(vec![e])))?;
            }
        }
        Ok(sheet)
    }

    /// The rest must be the zero bits that fill the last byte.
    fn end(&mut self) -> Result<(), CodeError> {
        if self.bytes.len() != self.at.div_ceil(8) {
            return Err(CodeError::Corrupt);
        }
        while !self.at.is_multiple_of(8) {
            if self.get(1)? != 0 {
                return Err(CodeError::Corrupt);
            }
        }
        Ok(())
    }
}

fn option(
    options: &[crate::domain::assessment::questionnaire::ChoiceOption],
    i: u64,
) -> Result<OptionId, CodeError> {
    usize::try_from(i)
        .ok()
        .and_then(|i| options.get(i))
        .map(|o| o.id.clone())
        .ok_or(CodeError::Corrupt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..40usize {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            let text = base64url(&bytes);
            assert_eq!(text.len(), (n * 8).div_ceil(6));
            assert_eq!(from_base64url(&text), Ok((bytes, false)));
        }
        assert_eq!(base64url(b"\xfb\xff"), "-_8");
        assert_eq!(from_base64url("ab+c"), Err(CodeError::Corrupt));
        // Bits past the last byte: "-_8" is the only spelling of those two bytes as written.
        assert_eq!(from_base64url("-_9"), Ok((vec![0xfb, 0xff], true)));
    }

    #[test]
    fn crc32_check_value() {
        // The standard check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn texts_pack_and_unpack() {
        for t in [
            "",
            "Công ty TNHH Thương mại và Dịch vụ Hoàng Phát",
            "CÔNG TY CỔ PHẦN XÂY DỰNG SÀI GÒN",
            "Phường Bến Nghé",
            "tab\there, nul\u{0}, escape \u{1b}",
            "Đắk Lắk 🌾",
        ] {
            assert_eq!(unpack(&pack(t)).as_deref(), Ok(t), "{t:?}");
        }
        assert_eq!(
            pack("Công ty TNHH Thương mại và Dịch vụ An").len(),
            1 + 1 + 1 + 1 + 1 + 2
        );
        assert_eq!(
            pack("Ngô Đình Phước").len(),
            "Ngô Đình Phước".chars().count()
        );
        assert_eq!(LETTERS.chars().count(), 128);
        assert_eq!(pack("Ỹ"), vec![ESCAPE, 0xe1, 0xbb, 0xb8]);
        assert_eq!(unpack(&[0]), Err(CodeError::Corrupt));
        assert_eq!(unpack(&[ESCAPE, 0xc3]), Err(CodeError::Corrupt));
        assert_eq!(unpack(&[ESCAPE, 0x80]), Err(CodeError::Corrupt));
    }

    #[test]
    fn numbers_are_exact() {
        for v in [
            0.0,
            -0.0,
            1.0,
            12.5,
            0.1,
            2.25,
            1e-9,
            123456.789,
            -3.75,
            f64::MAX,
            1.0 / 3.0,
        ] {
            let mut w = Bits::default();
            w.number(v);
            let bytes = w.finish();
            let got = Reader::new(&bytes).number().expect("reads back");
            assert_eq!(got.to_bits(), v.to_bits(), "{v}");
        }
    }

    #[test]
    fn widths() {
        assert_eq!(
            [1, 2, 3, 4, 5, 8, 9, 11].map(width),
            [0, 1, 2, 2, 3, 3, 4, 4]
        );
    }

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
