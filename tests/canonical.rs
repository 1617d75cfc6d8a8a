//! The tally's fast paths give exactly what the plain serde path gives (issue 18):
//! - the canonical record reader (`domain::records::result_file::canonical`) reads every record this app writes, and whatever
//!   it reads, serde_json reads as the same record, to the bit; on hostile lines it declines or agrees;
//! - a JSON Lines file read through the fast path (`read_jsonl_lines`: canonical, then sonic-rs under `fast-json`,
//!   then serde_json for the reason) gives the same records and the same refusals, with the same line numbers, as
//!   the plain path (`read_jsonl`: serde_json on every line);
//! - an answer's option found by its number key (`Question::option`) is the option whose id is that text.
//!
//! `tests/parts.rs` checks the same readers on known hard cases, and the fuzz target `result_file` on arbitrary
//! bytes.
use dx_check::domain::assessment::questionnaire::Questionnaire;
use dx_check::domain::assessment::text::OptionId;
use dx_check::domain::catalog::Catalog;
use dx_check::domain::province::generate::Generator;
use dx_check::domain::records::reader::{read_jsonl, read_jsonl_lines};
use dx_check::domain::records::result_file::ResultFile;
use dx_check::domain::records::result_file::canonical;

mod common;
use common::Rng;

fn records(catalog: &Catalog, n: usize, seed: u64) -> Vec<String> {
    let qs = catalog.questionnaire_refs();
    let provinces = catalog.province_codes();
    Generator::new(n, seed, &qs, &provinces)
        .map(|r| serde_json::to_string(&r).expect("serialises"))
        .collect()
}

/// What serde_json makes of the line, when it reads it as a record.
fn serde_reads(line: &[u8]) -> Option<ResultFile> {
    serde_json::from_slice(line).ok()
}

/// The canonical reader either declines or reads what serde reads, to the bit (written back, both give the same
/// text, so even the sign of a zero is the same). Returns whether it read the line.
fn agrees(line: &[u8], what: &str) -> bool {
    let Some(fast) = canonical::read(line) else {
        return false;
    };
    let Some(careful) = serde_reads(line) else {
        panic!(
            "{what}: the canonical reader reads what serde refuses: {}",
            String::from_utf8_lossy(line)
        );
    };
    assert_eq!(fast, careful, "{what}: read differently");
    assert_eq!(
        serde_json::to_string(&fast).expect("serialises"),
        serde_json::to_string(&careful).expect("serialises"),
        "{what}: the same values, not the same bits"
    );
    true
}

#[test]
fn every_record_the_app_writes_is_read_canonically_as_serde_reads_it() {
    let catalog = Catalog::builtin().expect("built-in data");
    let lines = records(&catalog, 3000, 7);
    for (i, line) in lines.iter().enumerate() {
        assert!(
            agrees(line.as_bytes(), &format!("record {i}")),
            "record {i} is written by this app, yet not read canonically: {line}"
        );
    }
    // Written again, each is the same text: nothing is lost or changed on the way.
    for line in lines.iter().take(200) {
        let file = canonical::read(line.as_bytes()).expect("read");
        assert_eq!(&serde_json::to_string(&file).expect("serialises"), line);
    }
    // The optional fields: no enterprise id is read canonically; a workshop is left to serde.
    let first = &lines[0];
    let cut = first.find(",\"enterprise_id\":").expect("an enterprise id");
    let without = format!("{}}}", &first[..cut]);
    assert!(agrees(without.as_bytes(), "without an enterprise id"));
    let with_workshop = format!(
        "{},\"workshop\":{{\"id\":\"w1\",\"name\":\"Hội thảo\",\"date\":\"2026-09-01\"}}}}",
        &first[..first.len() - 1]
    );
    assert!(canonical::read(with_workshop.as_bytes()).is_none());
}

/// Texts that, put in place of a byte or beside it, make lines that JSON readers are known to treat differently.
const TOKENS: &[&str] = &[
    "\\",
    "\"",
    " ",
    "\t",
    "\n",
    "0",
    "9",
    "-",
    ".",
    "e",
    "E",
    "+",
    "n",
    "null",
    "true",
    ",",
    ":",
    "{",
    "}",
    "[",
    "]",
    "\u{0}",
    "\u{1f}",
    "\u{7f}",
    "é",
    "𝔸",
    "\\u0041",
    "\\\"",
    "-0",
    "00",
    "01",
    "1.",
    ".5",
    "1e5",
    "1E-3",
    "0.1",
    "9999999999",
    "4294967295",
    "4294967296",
    "255",
    "256",
    "123456789012345",
    "1234567890123456",
    "0.123456789012345",
    "0.1234567890123456",
    "\"dont_know\"",
    "{\"choice\":\"x\"}",
    "{\"number\":1}",
    "{\"multi\":[]}",
    "\"completed\"",
    "\"draft\"",
    "\"Completed\"",
];

fn mutate(line: &str, rng: &mut Rng) -> Vec<u8> {
    let mut b = line.as_bytes().to_vec();
    for _ in 0..=rng.index(2) {
        let at = rng.index(b.len() + 1);
        let token = TOKENS[rng.index(TOKENS.len())].as_bytes();
        match rng.index(6) {
            // Replace one byte (UTF-8 may break: that too is a case).
            0 if at < b.len() => {
                b.splice(at..=at, token.iter().copied());
            }
            1 => {
                b.splice(at..at, token.iter().copied());
            }
            2 if at < b.len() => {
                b.remove(at);
            }
            // A run of bytes given twice (a field, a key, part of a number).
            3 if at < b.len() => {
                let end = (at + 1 + rng.index(40)).min(b.len());
                let run: Vec<u8> = b[at..end].to_vec();
                b.splice(at..at, run);
            }
            4 => b.truncate(at),
            // A digit changed: most such lines stay records (with other numbers).
            _ => {
                let digits: Vec<usize> = (0..b.len()).filter(|&i| b[i].is_ascii_digit()).collect();
                if !digits.is_empty() {
                    let i = digits[rng.index(digits.len())];
                    b[i] = b'0' + u8::try_from(rng.index(10)).expect("a digit");
                }
            }
        }
    }
    b
}

#[test]
fn on_hostile_lines_the_canonical_reader_declines_or_reads_what_serde_reads() {
    let catalog = Catalog::builtin().expect("built-in data");
    let lines = records(&catalog, 400, 11);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut read, mut serde_only) = (0, 0);
    for round in 0..60_000 {
        let line = &lines[rng.index(lines.len())];
        let case = mutate(line, &mut rng);
        if agrees(&case, &format!("round {round}")) {
            read += 1;
        } else if serde_reads(&case).is_some() {
            serde_only += 1;
        }
    }
    // The test means something only if both kinds of case come up: lines still read canonically (a digit
    // changed), and lines serde reads that the canonical reader leaves to it (a space, an escape, a field twice).
    assert!(read > 5_000, "canonically read: {read}");
    assert!(serde_only > 500, "left to serde: {serde_only}");
}

#[test]
fn numbers_are_read_to_the_bit_as_serde_reads_them() {
    let catalog = Catalog::builtin().expect("built-in data");
    let (number, revenue) = ("{\"number\":", "\"revenue_bn\":");
    let first = records(&catalog, 50, 3)
        .into_iter()
        .find(|r| r.contains(number) && r.contains(&format!("{revenue}1")))
        .expect("a record with a number answer and a revenue");
    // The line with the value after the first `key` (up to the next `,` or `}`) replaced by `t`.
    let put = |key: &str, t: &str| {
        let at = first.find(key).expect("the key") + key.len();
        let end = at + first[at..].find([',', '}']).expect("a value's end");
        format!("{}{t}{}", &first[..at], &first[end..])
    };
    let mut rng = Rng(42);
    let mut read = 0;
    let mut texts: Vec<String> = [
        "0",
        "-0",
        "0.0",
        "-0.0",
        "1",
        "57",
        "57.0",
        "0.1",
        "0.2",
        "0.3",
        "2.675",
        "1.005",
        "999999999999999",
        "99999999999999.9",
        "0.000000000000001",
        "123456789.012345",
        "9007199254740993",
        "1e2",
        "01",
        "1.",
        "-",
        "--1",
        "0x10",
        "1_000",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    // Random decimals of every length up to 17 digits, with the point anywhere.
    for _ in 0..20_000 {
        let digits = 1 + rng.index(17);
        let mut s: String = (0..digits)
            .map(|_| char::from(b'0' + u8::try_from(rng.index(10)).expect("a digit")))
            .collect();
        let point = rng.index(digits);
        if point > 0 {
            s.insert(point, '.');
        }
        if rng.index(4) == 0 {
            s.insert(0, '-');
        }
        texts.push(s);
    }
    for t in &texts {
        for case in [put(number, t), put(revenue, t)] {
            if agrees(case.as_bytes(), t) {
                read += 1;
            }
        }
    }
    assert!(read > 10_000, "numbers read canonically: {read}");
}

/// A file of generated and hostile lines, blank lines and CRLF ends among them, read through the fast path and the
/// plain one: the same records, in the same order, and the same refusals with the same line numbers.
#[test]
fn a_file_read_through_the_fast_path_gives_what_the_plain_path_gives() {
    let catalog = Catalog::builtin().expect("built-in data");
    let qs: Vec<&Questionnaire> = catalog.questionnaire_refs();
    let lines = records(&catalog, 1500, 5);
    let mut rng = Rng(77);
    let mut file: Vec<u8> = Vec::new();
    for line in &lines {
        match rng.index(10) {
            0 => file.extend(mutate(line, &mut rng).into_iter().filter(|&c| c != b'\n')),
            1 => {
                file.extend_from_slice(line.as_bytes());
                file.push(b'\r');
            }
            2 => file.extend_from_slice(format!("  {line}\t").as_bytes()),
            _ => file.extend_from_slice(line.as_bytes()),
        }
        file.push(b'\n');
        if rng.index(50) == 0 {
            file.push(b'\n');
        }
    }
    // The plain path reads text: invalid UTF-8 lines are left out of this comparison (`tests/parts.rs` checks them).
    let text = String::from_utf8_lossy(&file).into_owned();
    let plain = read_jsonl("f.jsonl", &text, &qs);
    let mut fast_records = Vec::new();
    let (_, fast_rejected) =
        read_jsonl_lines("f.jsonl", 1, text.as_bytes(), &qs, &mut |f, _, _| {
            fast_records.push(f.clone());
        });
    assert!(
        plain.records.len() > 1200,
        "records read: {}",
        plain.records.len()
    );
    assert!(!plain.rejected.is_empty(), "some lines are refused");
    assert_eq!(fast_records.len(), plain.records.len());
    for (i, (a, b)) in fast_records.iter().zip(&plain.records).enumerate() {
        assert_eq!(a, b, "record {i}");
    }
    assert_eq!(fast_rejected, plain.rejected);
}

#[test]
fn an_answers_option_is_found_by_its_key_as_by_its_text() {
    let catalog = Catalog::builtin().expect("built-in data");
    let mut long = 0;
    for q in catalog.questionnaire_refs() {
        for question in &q.questions {
            let options = question.kind.options();
            for o in options {
                long += usize::from(o.id.as_str().len() > 15);
                let near = [
                    o.id.to_string(),
                    format!("{}x", o.id),
                    o.id.as_str()[..o.id.as_str().len() - 1].to_string(),
                    o.id.as_str().to_uppercase(),
                    format!("{}\u{0}", o.id),
                    format!("{:\u{0}<16}", o.id),
                ];
                for text in near {
                    let id = OptionId::new(text.as_str());
                    let by_text = options.iter().find(|x| x.id == id);
                    assert_eq!(question.option(&id), by_text, "{}: {text:?}", question.id);
                }
            }
        }
    }
    assert!(
        long > 0,
        "an option id longer than a key holds is looked up by its text too"
    );
}

#[test]
fn a_question_is_found_by_its_key_as_by_its_text() {
    use dx_check::domain::assessment::text::QuestionId;
    let catalog = Catalog::builtin().expect("built-in data");
    for q in catalog.questionnaire_refs() {
        for question in &q.questions {
            let id = question.id.as_str();
            for text in [
                id.to_string(),
                format!("{id}x"),
                id[..id.len() - 1].to_string(),
                id.to_lowercase(),
                format!("{id:\u{0}<16}"),
                "x".repeat(16),
            ] {
                let by_text = q.questions.iter().position(|x| x.id.as_str() == text);
                assert_eq!(
                    q.position(&QuestionId::new(text.as_str())),
                    by_text,
                    "{text:?}"
                );
            }
        }
    }
}

/// Question ids are matched to the questionnaire's by their keys, walking both in id order: keys must order as
/// their texts do (and be equal exactly when they are), zeros and bytes above 0x7f included.
#[test]
fn short_keys_order_as_their_texts_do() {
    use dx_check::domain::assessment::questionnaire::short_key;
    let mut rng = Rng(5);
    let alphabet = [
        "\u{0}", "\u{1}", "0", "9", "A", "C", "Z", "a", "z", "é", "ÿ", "\u{7f}",
    ];
    let texts: Vec<String> = (0..3000)
        .map(|_| {
            let n = rng.index(17);
            (0..n)
                .map(|_| alphabet[rng.index(alphabet.len())])
                .collect::<String>()
        })
        .collect();
    let mut compared = 0;
    for a in &texts {
        for b in texts.iter().take(300) {
            if let (Some(ka), Some(kb)) = (short_key(a), short_key(b)) {
                assert_eq!(ka.cmp(&kb), a.as_str().cmp(b.as_str()), "{a:?} {b:?}");
                compared += 1;
            } else {
                assert!(a.len() > 15 || b.len() > 15, "{a:?} {b:?}");
            }
        }
    }
    assert!(compared > 100_000, "{compared}");
}
