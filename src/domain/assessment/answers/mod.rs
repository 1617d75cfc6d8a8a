//! Answers to a whole questionnaire: the [`AnswerSheet`], every answer checked against its question, and which
//! questions are visible.
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::questionnaire::{NO_KEY, QuestionKind, Questionnaire, short_key};
use crate::domain::assessment::text::{OptionId, QuestionId};
use serde::{Deserialize, Serialize};
use thiserror::Error;

mod check;
pub use check::Checked;

/// Why an answer does not fit its question.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum AnswerError {
    /// No such question.
    #[error("there is no question `{0}` in this questionnaire")]
    UnknownQuestion(QuestionId),
    /// The answer's type does not fit the question.
    #[error("question `{question}` takes a {expected} answer")]
    WrongType {
        /// The question.
        question: QuestionId,
        /// The question's type.
        expected: &'static str,
    },
    /// An option the question does not have.
    #[error("question `{question}` has no option `{option}`")]
    UnknownOption {
        /// The question.
        question: QuestionId,
        /// The option.
        option: OptionId,
    },
    /// The same option twice in a multi-choice answer.
    #[error("question `{question}`: option `{option}` is chosen twice")]
    DuplicateOption {
        /// The question.
        question: QuestionId,
        /// The option.
        option: OptionId,
    },
    /// An exclusive option ("none of these") chosen with others.
    #[error("question `{question}`: option `{option}` cannot be combined with other options")]
    ExclusiveWithOthers {
        /// The question.
        question: QuestionId,
        /// The exclusive option.
        option: OptionId,
    },
    /// Not a finite number.
    #[error("question `{0}`: enter a number")]
    NotANumber(QuestionId),
    /// A number outside the question's range.
    #[error("question `{question}`: {value} is outside {min}–{max}")]
    OutOfRange {
        /// The question.
        question: QuestionId,
        /// The value.
        value: f64,
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// A ratio with a negative part/whole or a part above the whole.
    #[error("question `{question}`: the part ({num}) must be between 0 and the whole ({den})")]
    BadRatio {
        /// The question.
        question: QuestionId,
        /// The part.
        num: f64,
        /// The whole.
        den: f64,
    },
    /// "Don't know" where the question does not offer it.
    #[error("question `{0}` does not offer \"don't know\"")]
    DontKnowNotOffered(QuestionId),
}

/// Every answer given so far, by question id. Answers to questions that are now hidden are kept (so that showing
/// the question again restores them) but never scored.
///
/// Kept as a list in id order, each id once: it reads, writes and compares as the JSON object it was when it was a
/// map (a repeated id keeps its last answer, as a map's insert would), and a large file's records are read without
/// building a tree per record.
#[derive(Clone, PartialEq, Default)]
pub struct AnswerSheet {
    /// In id order, each id once.
    answers: Vec<(QuestionId, Answer)>,
    /// Each id's [`short_key`] ([`NO_KEY`] for a longer id), beside `answers`: walking the sheet beside its
    /// questionnaire compares numbers (a function of `answers`, so equal sheets have equal keys).
    keys: Vec<u128>,
}

/// An id's key for [`AnswerSheet::keys`].
fn key_of(id: &QuestionId) -> u128 {
    short_key(id.as_str()).unwrap_or(NO_KEY)
}

impl std::fmt::Debug for AnswerSheet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for AnswerSheet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// Room for this many answers when a reader does not say how many come (a full DBI sheet has 60), so that reading
/// one does not grow its list step by step.
const CAPACITY: usize = 64;

impl<'de> Deserialize<'de> for AnswerSheet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = AnswerSheet;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<AnswerSheet, A::Error> {
                let mut answers: Vec<(QuestionId, Answer)> =
                    Vec::with_capacity(map.size_hint().unwrap_or(CAPACITY).min(4096));
                let mut ordered = true;
                while let Some((id, answer)) = map.next_entry::<QuestionId, Answer>()? {
                    if let Some((last, _)) = answers.last() {
                        ordered &= *last < id;
                    }
                    answers.push((id, answer));
                }
                Ok(AnswerSheet::from_entries(answers, ordered))
            }
        }
        d.deserialize_map(Visit)
    }
}

impl AnswerSheet {
    /// An empty sheet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The sheet of `answers` as read from a file, in the order given: of an id given twice, the later answer is
    /// kept (as serde reads a sheet).
    pub fn from_pairs(answers: Vec<(QuestionId, Answer)>) -> Self {
        let keys: Vec<u128> = answers.iter().map(|(id, _)| key_of(id)).collect();
        // Keys order as their texts do; two ids of which one is too long for a key are compared as texts.
        let ordered = keys
            .windows(2)
            .zip(answers.windows(2))
            .all(|(k, a)| match (k, a) {
                ([x, y], _) if *x != NO_KEY && *y != NO_KEY => x < y,
                (_, [(x, _), (y, _)]) => x < y,
                _ => true,
            });
        if ordered {
            AnswerSheet { answers, keys }
        } else {
            Self::from_entries(answers, false)
        }
    }

    /// The sheet of `answers` in the order given (`ordered`: already in strictly increasing id order); of an id
    /// given twice, the later answer is kept.
    fn from_entries(mut answers: Vec<(QuestionId, Answer)>, ordered: bool) -> Self {
        if !ordered {
            // Stable, so that of equal ids the last given is the last in its run, and is the one kept.
            answers.sort_by(|a, b| a.0.cmp(&b.0));
            answers.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    std::mem::swap(&mut later.1, &mut kept.1);
                }
                same
            });
        }
        let keys = answers.iter().map(|(id, _)| key_of(id)).collect();
        AnswerSheet { answers, keys }
    }

    fn find(&self, id: &QuestionId) -> Result<usize, usize> {
        self.answers.binary_search_by(|(k, _)| k.cmp(id))
    }

    /// The stored answer to a question, visible or not.
    pub fn get(&self, id: &QuestionId) -> Option<&Answer> {
        self.find(id)
            .ok()
            .and_then(|i| self.answers.get(i))
            .map(|(_, a)| a)
    }

    /// Every stored answer, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&QuestionId, &Answer)> {
        self.answers.iter().map(|(id, a)| (id, a))
    }

    /// How many answers are stored.
    pub fn len(&self) -> usize {
        self.answers.len()
    }

    /// Whether nothing has been answered.
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }

    /// Stores an answer, replacing the one before.
    fn insert(&mut self, id: QuestionId, answer: Answer) {
        match self.find(&id) {
            Ok(i) => {
                if let Some(slot) = self.answers.get_mut(i) {
                    slot.1 = answer;
                }
            }
            Err(i) => {
                self.keys.insert(i, key_of(&id));
                self.answers.insert(i, (id, answer));
            }
        }
    }

    /// Removes a stored answer.
    fn remove(&mut self, id: &QuestionId) {
        if let Ok(i) = self.find(id) {
            self.answers.remove(i);
            self.keys.remove(i);
        }
    }

    /// Records an answer after checking it.
    ///
    /// # Errors
    /// [`AnswerError::UnknownQuestion`], or whatever [`AnswerSheet::check`] refuses. The sheet is unchanged on error.
    pub fn answer(
        &mut self,
        q: &Questionnaire,
        id: &QuestionId,
        answer: Answer,
    ) -> Result<(), AnswerError> {
        let question = q
            .question(id)
            .ok_or_else(|| AnswerError::UnknownQuestion(id.clone()))?;
        Self::check(question, &answer)?;
        self.insert(id.clone(), answer);
        Ok(())
    }

    /// Toggles one option of a multi-choice question. An exclusive option clears the others and is cleared by them;
    /// removing the last option leaves the question unanswered.
    ///
    /// # Errors
    /// As [`AnswerSheet::answer`].
    pub fn toggle(
        &mut self,
        q: &Questionnaire,
        id: &QuestionId,
        option: &OptionId,
    ) -> Result<(), AnswerError> {
        let question = q
            .question(id)
            .ok_or_else(|| AnswerError::UnknownQuestion(id.clone()))?;
        let QuestionKind::Multi { options } = &question.kind else {
            return Err(AnswerError::WrongType {
                question: id.clone(),
                expected: question.kind.name(),
            });
        };
        let opt = question
            .option(option)
            .ok_or_else(|| AnswerError::UnknownOption {
                question: id.clone(),
                option: option.clone(),
            })?;
        let mut chosen = match self.get(id) {
            Some(Answer::Multi(c)) => c.clone(),
            _ => Vec::new(),
        };
        if chosen.contains(option) {
            chosen.retain(|c| c != option);
        } else if opt.exclusive {
            chosen = vec![option.clone()];
        } else {
            chosen.retain(|c| question.option(c).is_some_and(|o| !o.exclusive));
            chosen.push(option.clone());
        }
        // Keep questionnaire order so that equal selections serialise identically.
        let ordered: Vec<OptionId> = options
            .iter()
            .map(|o| o.id.clone())
            .filter(|o| chosen.contains(o))
            .collect();
        if ordered.is_empty() {
            self.remove(id);
            Ok(())
        } else {
            self.answer(q, id, Answer::Multi(ordered))
        }
    }

    /// Removes an answer.
    pub fn clear(&mut self, id: &QuestionId) {
        self.remove(id);
    }

    /// Which questions are visible, in questionnaire order. Conditions see only the answers of visible questions,
    /// and only refer to earlier questions (checked at load), so one pass decides them all.
    pub fn visibility(&self, q: &Questionnaire) -> Vec<bool> {
        visibility_of(q, &self.slots(q))
    }

    /// Each stored answer with its question's position (`None`: the questionnaire has no such question), in id
    /// order: one walk through the sheet and the questionnaire's ids side by side, both in id order, rather than a
    /// lookup per answer.
    fn resolved<'s>(
        &'s self,
        q: &'s Questionnaire,
    ) -> impl Iterator<Item = (&'s QuestionId, &'s Answer, Option<usize>)> {
        let by_id = q.keys_by_id();
        let mut next = 0;
        self.answers
            .iter()
            .zip(&self.keys)
            .map(move |((id, a), &key)| {
                let key = (key != NO_KEY).then_some(key);
                while let Some(&entry) = by_id.get(next) {
                    match q.cmp_entry(entry, key, id) {
                        std::cmp::Ordering::Less => next += 1,
                        std::cmp::Ordering::Equal => return (id, a, Some(entry.1)),
                        std::cmp::Ordering::Greater => break,
                    }
                }
                (id, a, None)
            })
    }

    /// The stored answers by question position (answers to questions the questionnaire does not have are left out).
    pub fn slots<'s>(&'s self, q: &'s Questionnaire) -> Vec<Option<&'s Answer>> {
        let mut slots = vec![None; q.questions.len()];
        for (_, a, pos) in self.resolved(q) {
            if let Some(slot) = pos.and_then(|p| slots.get_mut(p)) {
                *slot = Some(a);
            }
        }
        slots
    }
}

/// Which questions are visible, given the answers by question position (see [`AnswerSheet::visibility`]).
pub fn visibility_of(q: &Questionnaire, slots: &[Option<&Answer>]) -> Vec<bool> {
    let mut visible: Vec<bool> = Vec::with_capacity(q.questions.len());
    for question in &q.questions {
        let shown = match &question.visible_if {
            None => true,
            Some(expr) => {
                let lookup = |id: &QuestionId| -> Option<&Answer> {
                    let pos = q.position(id)?;
                    if visible.get(pos).copied().unwrap_or(false) {
                        slots.get(pos).copied().flatten()
                    } else {
                        None
                    }
                };
                expr.eval(&lookup)
            }
        };
        visible.push(shown);
    }
    visible
}
