//! Reading a result's fields back from a code's payload; running out of bits, or a value that cannot be, is a
//! damaged code.
use super::CodeError;
use super::bits::{Clock, Reader, TENS, unzigzag, width};
use super::pack::unpack;
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::answers::AnswerSheet;
use crate::domain::assessment::questionnaire::{ChoiceOption, QuestionKind, Questionnaire};
use crate::domain::assessment::text::OptionId;
use crate::domain::records::calendar::format_millis;
use crate::domain::records::draft::Uuid;
use crate::domain::records::profile::{EntityType, Profile, SectorGroup};
use crate::domain::records::result_file::ImportError;

impl<'b> Reader<'b> {
    pub(super) fn text(&mut self) -> Result<String, CodeError> {
        let n = self.len()?;
        let packed = (0..n)
            .map(|_| self.get(8).map(|b| b as u8))
            .collect::<Result<Vec<u8>, _>>()?;
        unpack(&packed)
    }
    pub(super) fn version(&mut self) -> Result<String, CodeError> {
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
    pub(super) fn uuid(&mut self) -> Result<Uuid, CodeError> {
        let hi = u128::from(self.get(64)?);
        let lo = u128::from(self.get(64)?);
        Ok(Uuid::from_key((hi << 64) | lo))
    }
    pub(super) fn time(&mut self, clock: &mut Clock) -> Result<String, CodeError> {
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
    pub(super) fn number(&mut self) -> Result<f64, CodeError> {
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
    pub(super) fn opt_number(&mut self) -> Result<Option<f64>, CodeError> {
        Ok(if self.get(1)? == 1 {
            Some(self.number()?)
        } else {
            None
        })
    }
    pub(super) fn profile(&mut self) -> Result<Profile, CodeError> {
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
    pub(super) fn tax_code(&mut self) -> Result<String, CodeError> {
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
    pub(super) fn answers(&mut self, q: &Questionnaire) -> Result<AnswerSheet, CodeError> {
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
}

fn option(options: &[ChoiceOption], i: u64) -> Result<OptionId, CodeError> {
    usize::try_from(i)
        .ok()
        .and_then(|i| options.get(i))
        .map(|o| o.id.clone())
        .ok_or(CodeError::Corrupt)
}

#[cfg(test)]
mod tests {
    use super::super::bits::Bits;
    use super::*;

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
}
