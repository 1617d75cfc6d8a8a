//! A deterministic generator of realistic result records (same seed, same records), for tests, benchmarks and the
//! `dxcheck generate` command. Re-assessments of earlier enterprises, missing tax codes, drafts and "don't know"
//! answers appear at fixed rates, so tallies have something to deduplicate and report apart.
use crate::domain::APP_VERSION;
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::questionnaire::{OptionScore, QuestionKind, Questionnaire};
use crate::domain::assessment::text::OptionId;
use crate::domain::records::calendar::day_and_minutes;
use crate::domain::records::draft::{AssessmentId, Draft, EnterpriseId};
use crate::domain::records::profile::{EntityType, Profile, SectorGroup};
use crate::domain::records::result_file::ResultFile;

mod sheets;
pub use sheets::{Listed, note_first_assessment, note_listed, registry, support_register};

/// SplitMix64: tiny, fast and fully determined by its seed (records must be identical across platforms and
/// releases, which a general-purpose RNG crate does not promise).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn bytes(&mut self) -> [u8; 16] {
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&self.next().to_le_bytes());
        b[8..].copy_from_slice(&self.next().to_le_bytes());
        b
    }
}

/// A valid 10-digit tax code (check digit per the official weights).
fn tax_code(rng: &mut Rng) -> String {
    const W: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];
    loop {
        let d: Vec<u32> = (0..9)
            .map(|i| if i == 0 { 0 } else { rng.below(10) as u32 })
            .collect();
        let r = d.iter().zip(W).map(|(a, w)| a * w).sum::<u32>() % 11;
        if r != 0 {
            let mut s: String = d.iter().map(|x| char::from(b'0' + *x as u8)).collect();
            s.push(char::from(b'0' + ((10 - r) % 10) as u8));
            return s;
        }
    }
}

/// An enterprise the generator may assess again later.
#[derive(Clone)]
struct Firm {
    profile: Profile,
    id: EnterpriseId,
    maturity: f64,
    day: i64,
}

/// Streams `n` records for a seed.
pub struct Generator<'a> {
    rng: Rng,
    left: usize,
    made: usize,
    questionnaires: Vec<&'a Questionnaire>,
    provinces: Vec<String>,
    recent: Vec<Firm>,
}

/// The first day records fall on: 2025-07-01, when the 34 provinces took effect.
const FIRST_DAY: i64 = 20_270;
/// The span of days (to late November 2026).
const SPAN: i64 = 510;

impl<'a> Generator<'a> {
    /// A generator of `n` records over these questionnaires (the first gets 85 % of records) and province codes.
    pub fn new(
        n: usize,
        seed: u64,
        questionnaires: &[&'a Questionnaire],
        provinces: &[String],
    ) -> Self {
        Generator {
            rng: Rng(seed),
            left: n,
            made: 0,
            questionnaires: questionnaires.to_vec(),
            provinces: provinces.to_vec(),
            recent: Vec::new(),
        }
    }

    fn firm(&mut self) -> Firm {
        let rng = &mut self.rng;
        let sector = if rng.chance(0.6) {
            SectorGroup::TradeServices
        } else {
            SectorGroup::AgriIndustryConstruction
        };
        let employees = (rng.unit().powi(3) * 250.0) as u32 + 1;
        let revenue = ((f64::from(employees) * (0.3 + rng.unit() * 2.5)) * 10.0).round() / 10.0;
        let entity = match rng.below(20) {
            0 => EntityType::Household,
            1 | 2 => EntityType::Cooperative,
            _ => EntityType::Enterprise,
        };
        let n = self.made;
        let profile = Profile {
            name: format!("Doanh nghiệp mẫu số {}", n + 1),
            tax_code: if rng.chance(0.03) {
                String::new()
            } else {
                tax_code(rng)
            },
            entity_type: Some(entity),
            sector: Some(sector),
            main_activity: String::new(),
            employees: Some(employees),
            revenue_bn: Some(revenue),
            capital_bn: rng
                .chance(0.5)
                .then(|| (revenue * 0.6 * 10.0).round() / 10.0),
            province: Some(self.provinces[rng.below(self.provinces.len())].clone()),
            commune: format!("Xã số {}", rng.below(40) + 1),
            woman_owner: Some(rng.chance(0.25)),
            female_share_pct: Some((rng.unit() * 80.0).round()),
        };
        let maturity = (rng.unit() + rng.unit() + rng.unit()) / 3.0;
        Firm {
            profile,
            id: EnterpriseId::from_random(rng.bytes()),
            maturity,
            day: FIRST_DAY + rng.below(SPAN as usize) as i64,
        }
    }

    fn answer(rng: &mut Rng, q: &Questionnaire, m: f64) -> AnswerSheet {
        let mut sheet = AnswerSheet::new();
        for question in &q.questions {
            let pick = |rng: &mut Rng, len: usize| -> usize {
                let x = m * (len.saturating_sub(1)) as f64 + (rng.unit() - 0.5) * 1.6;
                x.round().clamp(0.0, len.saturating_sub(1) as f64) as usize
            };
            let answer = match &question.kind {
                QuestionKind::Single { options } => {
                    let na: Vec<&OptionId> = options
                        .iter()
                        .filter(|o| o.score == OptionScore::NotApplicable)
                        .map(|o| &o.id)
                        .collect();
                    if !na.is_empty() && rng.chance(0.05) {
                        Some(Answer::Choice(na[0].clone()))
                    } else {
                        let mut scored: Vec<
                            &crate::domain::assessment::questionnaire::ChoiceOption,
                        > = options
                            .iter()
                            .filter(|o| matches!(o.score, OptionScore::Points(_)))
                            .collect();
                        scored.sort_by_key(|o| o.points());
                        let i = pick(rng, scored.len());
                        scored.get(i).map(|o| Answer::Choice(o.id.clone()))
                    }
                }
                QuestionKind::Multi { options } => {
                    if question.optional && rng.chance(0.4) {
                        None
                    } else {
                        let plain: Vec<&OptionId> = options
                            .iter()
                            .filter(|o| !o.exclusive)
                            .map(|o| &o.id)
                            .collect();
                        let k = 1 + rng.below(3);
                        let mut chosen: Vec<OptionId> = Vec::new();
                        for _ in 0..k {
                            let id = plain[rng.below(plain.len())].clone();
                            if !chosen.contains(&id) {
                                chosen.push(id);
                            }
                        }
                        let ordered: Vec<OptionId> = options
                            .iter()
                            .map(|o| o.id.clone())
                            .filter(|o| chosen.contains(o))
                            .collect();
                        Some(Answer::Multi(ordered))
                    }
                }
                QuestionKind::Number {
                    bins,
                    allow_dont_know,
                    ..
                }
                | QuestionKind::Ratio {
                    bins,
                    allow_dont_know,
                    ..
                } => {
                    if *allow_dont_know && rng.chance(0.03) {
                        Some(Answer::DontKnow)
                    } else {
                        let i = pick(rng, bins.steps.len());
                        let lo = if i == 0 {
                            0.0
                        } else {
                            bins.steps[i - 1].up_to.unwrap_or(0.0)
                        };
                        let hi = bins.steps[i].up_to.unwrap_or(100.0_f64.max(lo + 1.0));
                        let v = if i == 0 {
                            hi.min(lo)
                        } else {
                            (lo + (hi - lo) * (0.2 + rng.unit() * 0.8))
                                .min(100.0)
                                .round()
                                .max(lo + 1.0)
                                .min(hi)
                        };
                        match question.kind {
                            QuestionKind::Ratio { .. } => {
                                let den = (10 + rng.below(500)) as f64;
                                Some(Answer::Ratio {
                                    num: (den * v / 100.0).ceil().min(den),
                                    den,
                                })
                            }
                            _ => Some(Answer::Number(v)),
                        }
                    }
                }
            };
            if let Some(a) = answer {
                // Generated from the question's own options and bounds, so it is accepted.
                let _ = sheet.answer(q, &question.id, a);
            }
        }
        sheet
    }
}

impl Iterator for Generator<'_> {
    type Item = ResultFile;

    fn next(&mut self) -> Option<ResultFile> {
        if self.left == 0 || self.questionnaires.is_empty() || self.provinces.is_empty() {
            return None;
        }
        self.left -= 1;
        // 15 % of records re-assess a recent enterprise some months later, usually a little further along.
        let firm = if self.recent.len() > 10 && self.rng.chance(0.15) {
            let i = self.rng.below(self.recent.len());
            let mut f = self.recent[i].clone();
            f.day = (f.day + 90 + self.rng.below(270) as i64).min(FIRST_DAY + SPAN);
            f.maturity = (f.maturity + self.rng.unit() * 0.25 - 0.05).clamp(0.0, 1.0);
            f
        } else {
            let f = self.firm();
            if self.recent.len() < 2000 {
                self.recent.push(f.clone());
            } else {
                let i = self.rng.below(self.recent.len());
                self.recent[i] = f.clone();
            }
            f
        };
        let q = if self.questionnaires.len() > 1 && self.rng.chance(0.15) {
            self.questionnaires[1]
        } else {
            self.questionnaires[0]
        };
        let minutes = self.rng.below(9 * 60) as i64 + 8 * 60;
        let created = day_and_minutes(firm.day, minutes);
        let done = day_and_minutes(firm.day, minutes + 12 + self.rng.below(30) as i64);
        let mut draft = Draft::new(AssessmentId::from_random(self.rng.bytes()), q, &created);
        draft.answers = Self::answer(&mut self.rng, q, firm.maturity);
        if self.rng.chance(0.05) {
            // A draft: some answers never given.
            let ids: Vec<_> = draft.answers.iter().map(|(id, _)| id.clone()).collect();
            for id in ids.iter().step_by(3) {
                draft.answers.clear(id);
            }
        }
        draft.touch(q, &done);
        self.made += 1;
        let mut file = ResultFile::build(q, &draft, &firm.profile, APP_VERSION, &done);
        file.enterprise_id = Some(firm.id);
        Some(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tax_codes_are_valid() {
        let mut rng = Rng(7);
        for _ in 0..200 {
            let t = tax_code(&mut rng);
            assert!(
                crate::domain::records::profile::TaxCode::parse(&t).is_ok(),
                "{t}"
            );
        }
    }
}
