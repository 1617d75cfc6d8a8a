//! A tally split over workers (`domain::parts`) gives exactly what one reader going through the files in order gives:
//! the same figures and the same refused lines with the same numbers, however the input is cut and read.
use dx_check::domain::catalog::Catalog;
use dx_check::domain::generate::Generator;
use dx_check::domain::parts::{ByteRange, decode, encode, merge, read_range, split};
use dx_check::domain::questionnaire::Questionnaire;
use dx_check::domain::records::{RejectedCode, read_file_into};
use dx_check::domain::tally::{Tally, TallyBuilder, TallyContext};

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
fn whole(ctx: &TallyContext<'_>, input: &Input) -> (Tally, Vec<RejectedCode>) {
    let mut b = TallyBuilder::new(ctx);
    let mut rejected = Vec::new();
    for (name, bytes) in &input.files {
        match String::from_utf8(bytes.clone()) {
            Ok(text) => {
                let r = read_file_into(name, &text, ctx.questionnaires, &mut |r, q, a| {
                    b.add(r, q, a)
                });
                rejected.extend(r.iter().map(RejectedCode::from));
            }
            Err(_) => rejected.push(RejectedCode {
                file: name.clone(),
                position: 0,
                code: "not_json".into(),
                detail: "the file is not UTF-8 text".into(),
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
) -> (Tally, Vec<RejectedCode>, Vec<Vec<ByteRange>>) {
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
    let a: Vec<&RejectedCode> = rejected.iter().filter(|r| r.file == "a.jsonl").collect();
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!((a[0].position, a[0].code.as_str()), (0, "unreadable"));
    assert_eq!(t.records, 101, "b.ndjson and one.json still count");
}
