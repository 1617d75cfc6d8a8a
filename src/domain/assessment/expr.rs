//! The `visible_if` condition language: a small tokenizer, a recursive-descent parser and an interpreter.
//!
//! Grammar (keywords are lowercase):
//! ```text
//! expr    := and ("or" and)*
//! and     := unary ("and" unary)*
//! unary   := "not" unary | primary
//! primary := "(" expr ")" | "answered" "(" ID ")" | ID op value | ID "in" "[" value ("," value)* "]" | ID "has" value
//! op      := "==" | "!=" | "<" | "<=" | ">" | ">="
//! value   := 'text' | "text" | number
//! ```
//! A comparison on a question that is unanswered, hidden or answered "don't know" is false.
use crate::domain::assessment::answer::Answer;
use crate::domain::assessment::text::QuestionId;
use serde::{Serialize, Serializer};
use std::fmt;
use thiserror::Error;

/// A literal on the right of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An option id, in quotes.
    Str(String),
    /// A number.
    Num(f64),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // A value never contains the quote that delimited it, so this always reads back.
            Value::Str(s) if s.contains('\'') => write!(f, "\"{s}\""),
            Value::Str(s) => write!(f, "'{s}'"),
            Value::Num(n) => write!(f, "{n}"),
        }
    }
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// Whether the operator only makes sense on numbers.
    pub fn is_ordering(self) -> bool {
        matches!(self, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge)
    }

    fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// A parsed condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Any of the parts holds.
    Or(Vec<Expr>),
    /// All of the parts hold.
    And(Vec<Expr>),
    /// The part does not hold.
    Not(Box<Expr>),
    /// `Q op value`.
    Cmp(QuestionId, CmpOp, Value),
    /// `Q in [a, b]`: the answer is one of the values.
    In(QuestionId, Vec<Value>),
    /// `Q has 'x'`: a multi-choice answer includes the option.
    Has(QuestionId, Value),
    /// `answered(Q)`: the question has any answer, "don't know" included.
    Answered(QuestionId),
}

/// Where an expression is printed, for the parentheses it needs: `or` binds loosest, then `and`, then `not`.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Top,
    InOr,
    InAnd,
    InNot,
}

impl Expr {
    /// Prints with only the parentheses the structure needs, so printing never nests deeper than the source did.
    fn write(&self, f: &mut fmt::Formatter<'_>, place: Place) -> fmt::Result {
        let join =
            |f: &mut fmt::Formatter<'_>, parts: &[Expr], sep: &str, inner: Place, wrap: bool| {
                if wrap {
                    write!(f, "(")?;
                }
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        write!(f, " {sep} ")?;
                    }
                    p.write(f, inner)?;
                }
                if wrap {
                    write!(f, ")")?;
                }
                Ok(())
            };
        match self {
            Expr::Or(p) => join(f, p, "or", Place::InOr, place != Place::Top),
            Expr::And(p) => join(
                f,
                p,
                "and",
                Place::InAnd,
                !matches!(place, Place::Top | Place::InOr),
            ),
            Expr::Not(e) => {
                write!(f, "not ")?;
                e.write(f, Place::InNot)
            }
            Expr::Cmp(q, op, v) => write!(f, "{q} {} {v}", op.symbol()),
            Expr::In(q, vs) => {
                write!(f, "{q} in [")?;
                for (i, v) in vs.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{v}")?;
                }
                write!(f, "]")
            }
            Expr::Has(q, v) => write!(f, "{q} has {v}"),
            Expr::Answered(q) => write!(f, "answered({q})"),
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Place::Top)
    }
}

impl Serialize for Expr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Why a condition could not be parsed. Positions are character offsets from 0.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ParseError {
    /// The condition is blank.
    #[error("the condition is empty; write one such as `Q1 == 'yes'` or remove `visible_if`")]
    Empty,
    /// The text ended where more was needed.
    #[error("the condition ends too early: expected {expected}")]
    UnexpectedEnd {
        /// What the parser was looking for.
        expected: &'static str,
    },
    /// A token stood where another was needed.
    #[error("unexpected `{found}` at position {pos}: expected {expected}")]
    Unexpected {
        /// Character offset.
        pos: usize,
        /// The token found.
        found: String,
        /// What the parser was looking for.
        expected: &'static str,
    },
    /// A character that belongs to no token.
    #[error("unknown character `{ch}` at position {pos}")]
    UnknownChar {
        /// Character offset.
        pos: usize,
        /// The character.
        ch: char,
    },
    /// A quoted text without its closing quote.
    #[error("the text starting at position {pos} has no closing quote")]
    UnterminatedString {
        /// Character offset of the opening quote.
        pos: usize,
    },
    /// A number that does not parse.
    #[error("`{text}` at position {pos} is not a number")]
    BadNumber {
        /// Character offset.
        pos: usize,
        /// The text.
        text: String,
    },
    /// `in []` with nothing to compare against.
    #[error("the list at position {pos} is empty; list at least one value")]
    EmptyList {
        /// Character offset of `[`.
        pos: usize,
    },
    /// Text left after a complete condition.
    #[error(
        "unexpected `{found}` at position {pos} after a complete condition; join conditions with `and`/`or`"
    )]
    Trailing {
        /// Character offset.
        pos: usize,
        /// The token found.
        found: String,
    },
    /// Nesting deeper than the parser allows.
    #[error("the condition nests deeper than {max} levels")]
    TooDeep {
        /// The limit.
        max: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    Op(CmpOp),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Ident(s) => f.write_str(s),
            Tok::Str(s) => write!(f, "'{s}'"),
            Tok::Num(n) => write!(f, "{n}"),
            Tok::Op(o) => f.write_str(o.symbol()),
            Tok::LParen => f.write_str("("),
            Tok::RParen => f.write_str(")"),
            Tok::LBracket => f.write_str("["),
            Tok::RBracket => f.write_str("]"),
            Tok::Comma => f.write_str(","),
        }
    }
}

const MAX_DEPTH: usize = 32;

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

fn tokenize(src: &str) -> Result<Vec<(usize, Tok)>, ParseError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let two = |a: char| chars.get(i + 1) == Some(&a);
        let tok = match c {
            '(' => Tok::LParen,
            ')' => Tok::RParen,
            '[' => Tok::LBracket,
            ']' => Tok::RBracket,
            ',' => Tok::Comma,
            '=' if two('=') => {
                i += 1;
                Tok::Op(CmpOp::Eq)
            }
            '!' if two('=') => {
                i += 1;
                Tok::Op(CmpOp::Ne)
            }
            '<' if two('=') => {
                i += 1;
                Tok::Op(CmpOp::Le)
            }
            '>' if two('=') => {
                i += 1;
                Tok::Op(CmpOp::Ge)
            }
            '<' => Tok::Op(CmpOp::Lt),
            '>' => Tok::Op(CmpOp::Gt),
            '\'' | '"' => {
                let mut j = i + 1;
                while j < chars.len() && chars[j] != c {
                    j += 1;
                }
                if j >= chars.len() {
                    return Err(ParseError::UnterminatedString { pos: start });
                }
                let s: String = chars[i + 1..j].iter().collect();
                i = j;
                Tok::Str(s)
            }
            c if c.is_ascii_digit()
                || (c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) =>
            {
                let mut j = i + 1;
                while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '.') {
                    j += 1;
                }
                let text: String = chars[i..j].iter().collect();
                let n: f64 = text
                    .parse()
                    .ok()
                    .filter(|n: &f64| n.is_finite())
                    .ok_or(ParseError::BadNumber { pos: start, text })?;
                i = j - 1;
                Tok::Num(n)
            }
            c if is_ident_start(c) => {
                let mut j = i + 1;
                while j < chars.len() && is_ident_char(chars[j]) {
                    j += 1;
                }
                let s: String = chars[i..j].iter().collect();
                i = j - 1;
                Tok::Ident(s)
            }
            ch => return Err(ParseError::UnknownChar { pos: start, ch }),
        };
        out.push((start, tok));
        i += 1;
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|(_, t)| t)
    }

    fn next(&mut self, expected: &'static str) -> Result<(usize, Tok), ParseError> {
        let t = self
            .toks
            .get(self.at)
            .cloned()
            .ok_or(ParseError::UnexpectedEnd { expected })?;
        self.at += 1;
        Ok(t)
    }

    fn expect(&mut self, want: Tok, expected: &'static str) -> Result<(), ParseError> {
        let (pos, t) = self.next(expected)?;
        if t == want {
            Ok(())
        } else {
            Err(ParseError::Unexpected {
                pos,
                found: t.to_string(),
                expected,
            })
        }
    }

    fn keyword(&self, kw: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(s)) if s == kw)
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::TooDeep { max: MAX_DEPTH });
        }
        let mut parts = vec![self.and()?];
        while self.keyword("or") {
            self.at += 1;
            parts.push(self.and()?);
        }
        self.depth -= 1;
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut parts = vec![self.unary()?];
        while self.keyword("and") {
            self.at += 1;
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        if self.keyword("not") {
            self.at += 1;
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(ParseError::TooDeep { max: MAX_DEPTH });
            }
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.primary()
    }

    fn value(&mut self) -> Result<Value, ParseError> {
        const WANT: &str = "a quoted option id or a number";
        match self.next(WANT)? {
            (_, Tok::Str(s)) => Ok(Value::Str(s)),
            (_, Tok::Num(n)) => Ok(Value::Num(n)),
            (pos, t) => Err(ParseError::Unexpected {
                pos,
                found: t.to_string(),
                expected: WANT,
            }),
        }
    }

    fn question(&mut self) -> Result<QuestionId, ParseError> {
        const WANT: &str = "a question id";
        match self.next(WANT)? {
            (pos, Tok::Ident(s)) if is_keyword(&s) => Err(ParseError::Unexpected {
                pos,
                found: s,
                expected: WANT,
            }),
            (_, Tok::Ident(s)) => Ok(QuestionId::new(s)),
            (pos, t) => Err(ParseError::Unexpected {
                pos,
                found: t.to_string(),
                expected: WANT,
            }),
        }
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        if self.peek() == Some(&Tok::LParen) {
            self.at += 1;
            let e = self.or()?;
            self.expect(Tok::RParen, "`)`")?;
            return Ok(e);
        }
        if self.keyword("answered") {
            self.at += 1;
            self.expect(Tok::LParen, "`(` after `answered`")?;
            let q = self.question()?;
            self.expect(Tok::RParen, "`)`")?;
            return Ok(Expr::Answered(q));
        }
        let q = self.question()?;
        const WANT: &str = "a comparison (==, !=, <, <=, >, >=), `in` or `has`";
        match self.next(WANT)? {
            (_, Tok::Op(op)) => Ok(Expr::Cmp(q, op, self.value()?)),
            (_, Tok::Ident(kw)) if kw == "has" => Ok(Expr::Has(q, self.value()?)),
            (pos, Tok::Ident(kw)) if kw == "in" => {
                self.expect(Tok::LBracket, "`[` after `in`")?;
                if self.peek() == Some(&Tok::RBracket) {
                    return Err(ParseError::EmptyList { pos });
                }
                let mut vals = vec![self.value()?];
                loop {
                    match self.next("`,` or `]`")? {
                        (_, Tok::Comma) => vals.push(self.value()?),
                        (_, Tok::RBracket) => break,
                        (p, t) => {
                            return Err(ParseError::Unexpected {
                                pos: p,
                                found: t.to_string(),
                                expected: "`,` or `]`",
                            });
                        }
                    }
                }
                Ok(Expr::In(q, vals))
            }
            (pos, t) => Err(ParseError::Unexpected {
                pos,
                found: t.to_string(),
                expected: WANT,
            }),
        }
    }
}

fn is_keyword(s: &str) -> bool {
    matches!(s, "and" | "or" | "not" | "in" | "has" | "answered")
}

impl Expr {
    /// Parses a condition.
    ///
    /// # Errors
    /// A [`ParseError`] naming the position and the token that does not fit.
    pub fn parse(src: &str) -> Result<Expr, ParseError> {
        let toks = tokenize(src)?;
        if toks.is_empty() {
            return Err(ParseError::Empty);
        }
        let mut p = Parser {
            toks,
            at: 0,
            depth: 0,
        };
        let e = p.or()?;
        if let Some((pos, t)) = p.toks.get(p.at) {
            return Err(ParseError::Trailing {
                pos: *pos,
                found: t.to_string(),
            });
        }
        Ok(e)
    }

    /// Every comparison leaf as (question, operator or `None` for `in`/`has`/`answered`, values), for load-time checks.
    pub fn leaves(&self) -> Vec<Leaf<'_>> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<Leaf<'a>>) {
        match self {
            Expr::Or(p) | Expr::And(p) => p.iter().for_each(|e| e.collect(out)),
            Expr::Not(e) => e.collect(out),
            Expr::Cmp(q, op, v) => out.push(Leaf {
                question: q,
                kind: LeafKind::Cmp(*op),
                values: std::slice::from_ref(v),
            }),
            Expr::In(q, vs) => out.push(Leaf {
                question: q,
                kind: LeafKind::In,
                values: vs,
            }),
            Expr::Has(q, v) => out.push(Leaf {
                question: q,
                kind: LeafKind::Has,
                values: std::slice::from_ref(v),
            }),
            Expr::Answered(q) => out.push(Leaf {
                question: q,
                kind: LeafKind::Answered,
                values: &[],
            }),
        }
    }

    /// Evaluates the condition. `answer` returns the current answer of a visible question, or `None`.
    pub fn eval<'a>(&self, answer: &dyn Fn(&QuestionId) -> Option<&'a Answer>) -> bool {
        match self {
            Expr::Or(p) => p.iter().any(|e| e.eval(answer)),
            Expr::And(p) => p.iter().all(|e| e.eval(answer)),
            Expr::Not(e) => !e.eval(answer),
            Expr::Answered(q) => answer(q).is_some(),
            Expr::Cmp(q, op, v) => answer(q).is_some_and(|a| compare(a, *op, v)),
            Expr::In(q, vs) => {
                answer(q).is_some_and(|a| vs.iter().any(|v| compare(a, CmpOp::Eq, v)))
            }
            Expr::Has(q, v) => match (answer(q), v) {
                (Some(Answer::Multi(ids)), Value::Str(s)) => ids.iter().any(|id| id.as_str() == s),
                _ => false,
            },
        }
    }
}

/// One leaf of a condition, for validation.
#[derive(Debug, Clone, Copy)]
pub struct Leaf<'a> {
    /// The question it reads.
    pub question: &'a QuestionId,
    /// How it reads it.
    pub kind: LeafKind,
    /// The literals it compares against.
    pub values: &'a [Value],
}

/// How a leaf reads its question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeafKind {
    /// A comparison operator.
    Cmp(CmpOp),
    /// `in [...]`.
    In,
    /// `has`.
    Has,
    /// `answered(...)`.
    Answered,
}

fn compare(a: &Answer, op: CmpOp, v: &Value) -> bool {
    match (a, v) {
        (Answer::Choice(id), Value::Str(s)) => match op {
            CmpOp::Eq => id.as_str() == s,
            CmpOp::Ne => id.as_str() != s,
            _ => false,
        },
        (Answer::Number(_) | Answer::Ratio { .. }, Value::Num(n)) => {
            let Some(x) = a.numeric_value() else {
                return false;
            };
            match op {
                CmpOp::Eq => x == *n,
                CmpOp::Ne => x != *n,
                CmpOp::Lt => x < *n,
                CmpOp::Le => x <= *n,
                CmpOp::Gt => x > *n,
                CmpOp::Ge => x >= *n,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::text::OptionId;
    use std::collections::BTreeMap;

    fn q(s: &str) -> QuestionId {
        QuestionId(s.into())
    }

    #[test]
    fn parses_precedence_and_round_trips() {
        let cases = [
            ("A == 'x'", "A == 'x'"),
            (
                "A == 'x' or B > 3 and not C != 'y'",
                "A == 'x' or B > 3 and not C != 'y'",
            ),
            (
                "(A == 'x' or B >= -2.5) and answered(C)",
                "(A == 'x' or B >= -2.5) and answered(C)",
            ),
            ("A in ['a', \"b\"]", "A in ['a', 'b']"),
            ("M has 'shopee'", "M has 'shopee'"),
            ("not not A <= 0", "not not A <= 0"),
        ];
        for (src, shown) in cases {
            let e = Expr::parse(src).unwrap_or_else(|err| panic!("{src}: {err}"));
            assert_eq!(e.to_string(), shown, "{src}");
            assert_eq!(
                Expr::parse(&e.to_string()),
                Ok(e),
                "{src} re-parses to itself"
            );
        }
    }

    #[test]
    fn parse_errors_exact_variants() {
        use ParseError::*;
        let cases: Vec<(&str, ParseError)> = vec![
            ("", Empty),
            ("   ", Empty),
            (
                "A ==",
                UnexpectedEnd {
                    expected: "a quoted option id or a number",
                },
            ),
            (
                "A",
                UnexpectedEnd {
                    expected: "a comparison (==, !=, <, <=, >, >=), `in` or `has`",
                },
            ),
            ("A = 'x'", UnknownChar { pos: 2, ch: '=' }),
            ("A == 'x", UnterminatedString { pos: 5 }),
            (
                "A > 1.2.3",
                BadNumber {
                    pos: 4,
                    text: "1.2.3".into(),
                },
            ),
            ("A in []", EmptyList { pos: 2 }),
            (
                "A == 'x' B == 'y'",
                Trailing {
                    pos: 9,
                    found: "B".into(),
                },
            ),
            ("(A == 'x'", UnexpectedEnd { expected: "`)`" }),
            (
                "A == B",
                Unexpected {
                    pos: 5,
                    found: "B".into(),
                    expected: "a quoted option id or a number",
                },
            ),
            (
                "and == 'x'",
                Unexpected {
                    pos: 0,
                    found: "and".into(),
                    expected: "a question id",
                },
            ),
            (
                "A in ['x' 'y']",
                Unexpected {
                    pos: 10,
                    found: "'y'".into(),
                    expected: "`,` or `]`",
                },
            ),
            (
                "answered A",
                Unexpected {
                    pos: 9,
                    found: "A".into(),
                    expected: "`(` after `answered`",
                },
            ),
            ("A @ 1", UnknownChar { pos: 2, ch: '@' }),
        ];
        for (src, want) in cases {
            assert_eq!(Expr::parse(src), Err(want), "{src:?}");
        }
        let deep = format!("{}A == 'x'{}", "(".repeat(40), ")".repeat(40));
        assert_eq!(Expr::parse(&deep), Err(TooDeep { max: MAX_DEPTH }));
        let nots = format!("{}A == 'x'", "not ".repeat(40));
        assert_eq!(Expr::parse(&nots), Err(TooDeep { max: MAX_DEPTH }));
    }

    #[test]
    fn evaluates_against_answers() {
        let mut answers: BTreeMap<QuestionId, Answer> = BTreeMap::new();
        answers.insert(q("W"), Answer::Choice(OptionId("none".into())));
        answers.insert(q("N"), Answer::Number(12.0));
        answers.insert(
            q("R"),
            Answer::Ratio {
                num: 30.0,
                den: 60.0,
            },
        );
        answers.insert(q("M"), Answer::Multi(vec![OptionId("zalo".into())]));
        answers.insert(q("D"), Answer::DontKnow);
        let get = |id: &QuestionId| answers.get(id);
        let cases = [
            ("W == 'none'", true),
            ("W != 'none'", false),
            ("W in ['a', 'none']", true),
            ("N > 10 and N <= 12", true),
            ("N == 12", true),
            ("R >= 50", true), // a ratio compares as its percentage
            ("R > 50", false),
            ("M has 'zalo'", true),
            ("M has 'shopee'", false),
            ("X == 'a'", false), // unanswered: false
            ("not X == 'a'", true),
            ("D == 'a' or D > 0", false), // don't know: comparisons false
            ("answered(D)", true),
            ("answered(X)", false),
            ("W > 3", false), // type mismatch at run time is false (load-time checks reject it anyway)
        ];
        for (src, want) in cases {
            let e = Expr::parse(src).unwrap_or_else(|err| panic!("{src}: {err}"));
            assert_eq!(e.eval(&get), want, "{src}");
        }
    }
}
