//! Writing a result's fields into a code's payload: texts, versions, ids, times, numbers, the profile and the
//! answers by their position in the questionnaire.
use super::bits::{Bits, Clock, TENS, width, zigzag};
use super::pack::pack;
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::questionnaire::{QuestionKind, Questionnaire};
use crate::domain::records::calendar::parse_millis;
use crate::domain::records::draft::Uuid;
use crate::domain::records::profile::{EntityType, Profile, SectorGroup};

impl Bits {
    pub(super) fn text(&mut self, t: &str) {
        let packed = pack(t);
        self.varint(packed.len() as u64);
        for b in packed {
            self.put(u64::from(b), 8);
        }
    }
    pub(super) fn version(&mut self, v: &str) {
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
    pub(super) fn uuid(&mut self, id: &Uuid) {
        let k = id.key();
        self.put((k >> 64) as u64, 64);
        self.put(k as u64, 64);
    }
    pub(super) fn time(&mut self, clock: &mut Clock, t: &str) {
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
    pub(super) fn number(&mut self, v: f64) {
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
    pub(super) fn opt_number(&mut self, v: Option<f64>) {
        self.put(u64::from(v.is_some()), 1);
        if let Some(v) = v {
            self.number(v);
        }
    }
    pub(super) fn profile(&mut self, p: &Profile) {
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
    pub(super) fn tax_code(&mut self, t: &str) {
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
    pub(super) fn answers(&mut self, q: &Questionnaire, sheet: &AnswerSheet) {
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
}
