//! A tally split over workers (`domain::parts`) gives exactly what one reader going through the files in order gives:
//! the same figures and the same refused lines with the same numbers, however the input is cut and read.
use dx_check::domain::assessment::questionnaire::Questionnaire;
use dx_check::domain::catalog::Catalog;
use dx_check::domain::province::generate::Generator;
use dx_check::domain::province::parts::{ByteRange, decode, encode, merge, read_range, split};
use dx_check::domain::province::tally::{Tally, TallyBuilder, TallyContext};
use dx_check::domain::records::reader::{Refusal, Refused, read_file_into};

struct Input {
    files: Vec<(String, Vec<u8>)>,
}

fn input(catalog: &Catalog) -> Input {
    let qs = catalog.questionnaire_refs();
    let provinces = catalog.province_codes();
    let records: Vec<String> = Generator::new(300, 11, &qs, &provinces)
        .map(|r| serde_json::to_string(&r).expect("serialises"))
        .collect();
    // A BOM, blank lines, CRLF line ends, broken lines, a very long line, a repeated record, no final line end.
    let mut a = String::from("\u{feff}");
    for (i, r) in records[..200].iter().enumerate() {
        a.push_str(r);
        a.push_str(if i % 7 == 0 { "\r\n" } else { "\n" });
        if i % 29 == 0 {
            a.push_str("{not json\n\n");
        }
        if i == 50 {
            a.push_str(&format!("{{\"pad\":\"{}\"}}\n", "x".repeat(5000)));
        }
    }
    a.push_str(&records[3]);
    let mut b = String::new();
    for r in &records[200..] {
        b.push_str(r);
        b.push('\n');
    }
    b.push_str("[1,2]\n");
    Input {
        files: vec![
            ("a.jsonl".into(), a.into_bytes()),
            ("empty.jsonl".into(), Vec::new()),
            ("one.json".into(), records[250].clone().into_bytes()),
            ("b.ndjson".into(), b.into_bytes()),
            ("bad.json".into(), b"\xff\xfe".to_vec()),
        ],
    }
}

fn context<'a>(catalog: &'a Catalog, qs: &'a [&'a Questionnaire]) -> TallyContext<'a> {
    TallyContext {
        questionnaires: qs,
        sizes: &catalog.size_rules,
        programmes: &catalog.programmes,
        target: 1000,
    }
}

/// One reader, whole files, in order: the reference.
fn whole(ctx: &TallyContext<'_>, input: &Input) -> (Tally, Vec<Refused>) {
    let mut b = TallyBuilder::new(ctx);
    let mut rejected = Vec::new();
    for (name, bytes) in &input.files {
        match String::from_utf8(bytes.clone()) {
            Ok(text) => {
                let r = read_file_into(name, &text, ctx.questionnaires, &mut |r, q, a| {
                    b.add(r, q, a)
                });
                rejected.extend(r.iter().map(Refused::from));
            }
            Err(_) => rejected.push(Refused {
                file: name.clone(),
                position: 0,
                reason: Refusal::NotJson("the file is not UTF-8 text".into()),
            }),
        }
    }
    (b.finish(), rejected)
}

fn in_parts(
    ctx: &TallyContext<'_>,
    input: &Input,
    parts: usize,
    slice: u64,
    fail: Option<usize>,
) -> (Tally, Vec<Refused>, Vec<Vec<ByteRange>>) {
    let sizes: Vec<(&str, u64)> = input
        .files
        .iter()
        .map(|(n, b)| (n.as_str(), b.len() as u64))
        .collect();
    let plan = split(&sizes, parts);
    let mut results = Vec::new();
    for part in &plan {
        for range in part {
            let (name, bytes) = &input.files[range.file];
            let mut read = |a: u64, b: u64, buf: &mut Vec<u8>| {
                let ok = fail != Some(range.file);
                if ok {
                    buf.extend_from_slice(&bytes[a as usize..b as usize]);
                }
                ok
            };
            let r = read_range(
                ctx,
                name,
                bytes.len() as u64,
                *range,
                slice,
                &mut read,
                &mut |_| {},
            );
            // What crosses between workers: the range's result, encoded.
            let wire = encode(std::slice::from_ref(&r));
            results.extend(decode(&wire).expect("reads back"));
        }
    }
    let (t, rejected) = merge(ctx, results);
    (t, rejected, plan)
}

#[test]
fn any_cut_gives_the_figures_and_line_numbers_of_one_reader() {
    let catalog = Catalog::builtin().expect("built-in data");
    let qs = catalog.questionnaire_refs();
    let ctx = context(&catalog, &qs);
    let input = input(&catalog);
    let (reference, refused) = whole(&ctx, &input);
    assert_eq!(reference.records, 302, "300 records and two read again");
    assert_eq!(reference.repeated, 2);
    assert!(refused.len() >= 9, "broken lines are refused: {refused:?}");
    assert!(
        refused
            .iter()
            .any(|r| r.file == "a.jsonl" && r.position > 150)
    );
    for parts in 1..=6 {
        for slice in [5, 97, 4096, 1 << 20] {
            let (t, rejected, plan) = in_parts(&ctx, &input, parts, slice, None);
            assert!(plan.len() <= parts);
            assert_eq!(
                t, reference,
                "{parts} parts, slices of {slice} bytes: {plan:?}"
            );
            assert_eq!(
                rejected, refused,
                "{parts} parts, slices of {slice} bytes: {plan:?}"
            );
        }
    }
}

#[test]
fn cuts_cover_every_byte_once_and_are_about_equal() {
    let files = [
        ("a.jsonl", 1000),
        ("b.json", 300),
        ("c.jsonl", 0),
        ("d.jsonl", 2701),
    ];
    for parts in 1..=8 {
        let plan = split(&files, parts);
        assert!(!plan.is_empty() && plan.len() <= parts);
        let flat: Vec<ByteRange> = plan.iter().flatten().copied().collect();
        for (i, &(_, size)) in files.iter().enumerate() {
            let mut mine: Vec<&ByteRange> = flat.iter().filter(|r| r.file == i).collect();
            mine.sort_by_key(|r| r.start);
            assert_eq!(mine.first().map(|r| r.start), Some(0), "file {i} starts");
            assert_eq!(mine.last().map(|r| r.end), Some(size), "file {i} ends");
            assert!(
                mine.windows(2).all(|w| w[0].end == w[1].start),
                "no gap, no overlap"
            );
            if i == 1 {
                assert_eq!(mine.len(), 1, "a JSON file is never cut");
            }
        }
        let sizes: Vec<u64> = plan
            .iter()
            .map(|p| p.iter().map(|r| r.end - r.start).sum())
            .collect();
        let share = 4001u64.div_ceil(parts as u64);
        assert!(
            sizes.iter().all(|s| *s <= share + 300),
            "{parts} parts: {sizes:?}"
        );
    }
    assert_eq!(split(&[], 4), Vec::<Vec<ByteRange>>::new());
}

#[test]
fn an_unreadable_file_is_reported_once_and_the_others_still_count() {
    let catalog = Catalog::builtin().expect("built-in data");
    let qs = catalog.questionnaire_refs();
    let ctx = context(&catalog, &qs);
    let input = input(&catalog);
    let (t, rejected, _) = in_parts(&ctx, &input, 4, 4096, Some(0));
    let a: Vec<&Refused> = rejected.iter().filter(|r| r.file == "a.jsonl").collect();
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!((a[0].position, &a[0].reason), (0, &Refusal::Unreadable));
    assert_eq!(t.records, 101, "b.ndjson and one.json still count");
}

/// The lines of a large file are read by `ResultFile::parse_scored_bytes` (sonic-rs under the `fast-json` feature,
/// which the command line uses) and, when it refuses one, again by `ResultFile::parse_scored` (serde_json) for the
/// reason. Whatever the fast reader accepts, the careful one must accept as the same record, and what it refuses
/// after reading it, the careful one must refuse for the same reason: otherwise the command line and the browser
/// (which reads with serde_json) would count different records. The fuzz target `result_file` checks the same on
/// arbitrary bytes.
#[test]
fn fast_and_careful_record_readers_agree() {
    // Deeply nested input takes more stack than a test thread has in an unoptimised build.
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(readers_agree)
        .expect("a thread")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
}

fn readers_agree() {
    use dx_check::domain::records::result_file::ResultFile;
    let catalog = Catalog::builtin().expect("built-in data");
    let qs = catalog.questionnaire_refs();
    let provinces = catalog.province_codes();
    let records: Vec<String> = Generator::new(40, 5, &qs, &provinces)
        .map(|r| serde_json::to_string(&r).expect("serialises"))
        .collect();
    let name = "\"name\":\"Doanh nghiệp mẫu số 1\"";
    let first = &records[0];
    assert!(first.contains(name), "the generator's first name changed");
    let mut cases: Vec<String> = records.clone();
    // Strings, escapes and numbers where JSON readers are known to differ, in a field that takes any text, and in
    // number fields.
    for text in [
        r"\ud800",
        r"\udc00x",
        r"\ud83d\ude00",
        r"\u0000",
        "\u{1}",
        "\t",
        r"\/\b\f\n\r\t\\\u00e9",
        r"\x41",
        r"\u12",
        "Đắk Lắk 𝔸",
    ] {
        cases.push(first.replace(name, &format!("\"name\":\"{text}\"")));
    }
    for number in [
        "1e400",
        "-1e400",
        "1e-400",
        "0.1",
        "-0",
        "2.0",
        "1E2",
        "01",
        "1.",
        ".5",
        "+1",
        "NaN",
        "Infinity",
        "99999999999999999999",
        "4294967296",
        "1e2",
        "5e-324",
        "1.7976931348623157e308",
    ] {
        cases.push(first.replace("\"employees\":", &format!("\"employees\":{number},\"x_\":")));
        cases.push(first.replacen(
            "{\"number\":",
            &format!("{{\"number\":{number}}},\"_\":{{\"number\":"),
            1,
        ));
        cases.push(first.replacen(
            ":{\"number\":",
            &format!(":{{\"number\":{number}}} ,\"dup\":{{\"number\":"),
            1,
        ));
    }
    // Structure: trailing text, duplicate and unknown keys, whitespace, a BOM, nesting, truncation.
    cases.push(format!("{first} "));
    cases.push(format!(" \t{first}\r"));
    cases.push(format!("{first}x"));
    cases.push(format!("{first}{{}}"));
    cases.push(format!("\u{feff}{first}"));
    cases.push(first.replacen(
        "{\"schema\":",
        "{\"schema\":\"dxcheck-result\",\"schema\":",
        1,
    ));
    cases.push(first.replacen("{\"schema\":", "{\"unknown\":1,\"schema\":", 1));
    cases.push(first.replacen("\"status\":\"completed\"", "\"status\":\"Completed\"", 1));
    cases.push(first.replacen("\"status\":\"completed\"", "\"status\":null", 1));
    cases.push(first.replace(',', " , "));
    cases.push(first.replace(':', " :\n"));
    cases.push(first[..first.len() / 2].to_string());
    cases.push(first.replacen(
        "\"answers\":{",
        "\"answers\":{\"C01\":{\"choice\":\"x\"},",
        1,
    ));
    cases.push(first.replacen(
        "\"answers\":{",
        &format!("\"answers\":{}{{", "[".repeat(200)),
        1,
    ));
    let mut accepted = 0;
    for (i, case) in cases.iter().enumerate() {
        let careful = ResultFile::parse_scored(case, &qs);
        match ResultFile::parse_scored_bytes(case.as_bytes(), &qs) {
            None => {}
            Some(Ok((fast, fq, _))) => {
                accepted += 1;
                let Ok((file, q, _)) = careful else {
                    panic!("case {i}: the fast reader accepts what serde_json refuses: {case}");
                };
                assert_eq!(fast, file, "case {i}: read differently: {case}");
                assert_eq!(fq.id, q.id);
            }
            Some(Err(fast)) => match careful {
                Err(e) => assert_eq!(fast, e, "case {i}: refused for another reason"),
                Ok(_) => {
                    panic!("case {i}: the fast reader refuses what serde_json accepts: {case}")
                }
            },
        }
    }
    assert!(
        accepted >= records.len(),
        "the generated records are read by both"
    );
    // Bytes that are not UTF-8, in a string and outside one, are never read as a record.
    for bad in [&b"\xff"[..], b"\xc3\x28", b"\xed\xa0\x80", b"\xf0\x9f\x98"] {
        let in_name = first.replace(name, "\"name\":\"@\"");
        let (a, b) = in_name.split_once('@').expect("placeholder");
        let bytes = [a.as_bytes(), bad, b.as_bytes()].concat();
        assert!(
            ResultFile::parse_scored_bytes(&bytes, &qs).is_none(),
            "{bad:?} in a string"
        );
        let bytes = [first.as_bytes(), b" ", bad].concat();
        assert!(
            ResultFile::parse_scored_bytes(&bytes, &qs).is_none(),
            "{bad:?} after the record"
        );
    }
}
