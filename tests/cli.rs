//! Integration tests of the `dxcheck` binary: `generate`, `tally` (JSON and CSV output, every input kind, rejected
//! records) and `validate`. The tally's figures are checked against an independent computation done here from the
//! records as plain JSON values, never through the tally module.
#![cfg(feature = "cli")]

use dx_check::domain::catalog::Catalog;
use dx_check::domain::records::bundle;
use dx_check::domain::records::draft::Uuid;
use dx_check::domain::records::enterprise::Enterprise;
use dx_check::domain::records::export::to_csv;
use dx_check::domain::records::profile::TaxCode;
use dx_check::domain::records::result_code::ResultCode;
use dx_check::domain::records::result_file::{ResultFile, ResultStatus};
use dx_check::domain::records::workshop::Workshop;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dxcheck");

/// Runs `dxcheck` from the repository root.
fn dxcheck(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("dxcheck runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh, empty folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dxcheck-cli-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// `dxcheck generate N --seed S`, checked for success.
fn generate(n: usize, seed: u64) -> String {
    let o = dxcheck(&["generate", &n.to_string(), "--seed", &seed.to_string()]);
    assert!(o.status.success(), "generate failed: {}", stderr(&o));
    stdout(&o)
}

/// `dxcheck tally PATHS --format json`, parsed.
fn tally_json(paths: &[&Path]) -> (Value, String) {
    let mut args = vec!["tally"];
    args.extend(paths.iter().map(|p| path_str(p)));
    args.extend(["--format", "json"]);
    let o = dxcheck(&args);
    assert!(o.status.success(), "tally failed: {}", stderr(&o));
    let v = serde_json::from_str(&stdout(&o)).expect("tally --format json prints JSON");
    (v, stderr(&o))
}

/// The core figures, computed from the records as plain JSON.
#[derive(Debug, Default, PartialEq)]
struct Figures {
    records: u64,
    drafts: u64,
    counted: u64,
    merged: u64,
    without_tax_code: u64,
    by_level: [u64; 6],
}

/// The counting rules, written out independently of `domain::tally`: drafts apart; completed records with a valid
/// tax code deduplicated by its first 10 digits, keeping the latest (`completed_at`, then `assessment_id`);
/// completed records without a valid tax code each in the population but not counted.
fn expected(records: &[Value]) -> Figures {
    let mut f = Figures::default();
    let mut latest: BTreeMap<String, (String, String, u64)> = BTreeMap::new();
    let mut taxed = 0;
    for r in records {
        f.records += 1;
        if r["status"].as_str() != Some("completed") {
            f.drafts += 1;
            continue;
        }
        let level = r["scores"]["overall"]["level"].as_u64().expect("a level");
        let when = r["completed_at"]
            .as_str()
            .or_else(|| r["exported_at"].as_str())
            .expect("a date")
            .to_string();
        let id = r["assessment_id"].as_str().expect("an id").to_string();
        let tax = r["profile"]["tax_code"].as_str().unwrap_or("");
        if TaxCode::parse(tax).is_ok() {
            taxed += 1;
            let key: String = tax
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(10)
                .collect();
            let candidate = (when, id, level);
            let slot = latest.entry(key).or_insert_with(|| candidate.clone());
            if (&candidate.0, &candidate.1) > (&slot.0, &slot.1) {
                *slot = candidate;
            }
        } else {
            f.without_tax_code += 1;
            f.by_level[usize::try_from(level).expect("small")] += 1;
        }
    }
    f.counted = latest.len() as u64;
    f.merged = taxed - f.counted;
    for (_, _, level) in latest.values() {
        f.by_level[usize::try_from(*level).expect("small")] += 1;
    }
    f
}

/// The same figures as `dxcheck tally --format json` reports them.
fn reported(t: &Value) -> Figures {
    let n = |k: &str| t[k].as_u64().unwrap_or_else(|| panic!("`{k}` is a number"));
    let levels: Vec<u64> = t["by_level"]
        .as_array()
        .expect("by_level is an array")
        .iter()
        .map(|x| x.as_u64().expect("a count"))
        .collect();
    Figures {
        records: n("records"),
        drafts: n("drafts"),
        counted: n("counted"),
        merged: n("merged"),
        without_tax_code: n("without_tax_code"),
        by_level: levels.try_into().expect("six levels"),
    }
}

fn lines_as_values(jsonl: &str) -> Vec<Value> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn generate_is_deterministic_and_writes_valid_result_files() {
    let a = generate(400, 11);
    let b = generate(400, 11);
    let c = generate(400, 12);
    assert_eq!(a, b, "the same seed gives byte-identical output");
    assert_ne!(a, c, "another seed gives other records");
    assert_eq!(a.lines().count(), 400, "exactly N lines");
    assert!(a.ends_with('\n'));
    assert_eq!(generate(0, 11), "", "zero records, nothing written");

    let catalog = Catalog::builtin().expect("built-in data");
    let qs = catalog.questionnaire_refs();
    let mut ids = std::collections::BTreeSet::new();
    let mut by_questionnaire: BTreeMap<String, usize> = BTreeMap::new();
    for (i, line) in a.lines().enumerate() {
        assert!(!line.contains('\n') && line.starts_with('{'), "line {i}");
        let (file, q) = ResultFile::parse(line, &qs)
            .unwrap_or_else(|e| panic!("line {} is refused: {e}", i + 1));
        assert!(
            ids.insert(file.assessment_id.to_string()),
            "line {}: assessment ids are unique",
            i + 1
        );
        *by_questionnaire.entry(q.id.to_string()).or_default() += 1;
    }
    assert_eq!(
        by_questionnaire.keys().collect::<Vec<_>>(),
        ["dbi", "quick"],
        "both built-in questionnaires appear"
    );
    // A longer run starts with the same records: N only decides where the stream stops.
    let longer = generate(600, 11);
    assert!(longer.starts_with(&a));
}

#[test]
fn tally_json_matches_an_independent_count() {
    let dir = scratch("tally-json");
    let jsonl = generate(3000, 5);
    let file = dir.join("records.jsonl");
    std::fs::write(&file, &jsonl).expect("write");

    let (t, err) = tally_json(&[&file]);
    assert!(err.trim().is_empty(), "nothing rejected: {err}");
    let want = expected(&lines_as_values(&jsonl));
    assert_eq!(reported(&t), want);
    // The sample must exercise every rule, or the comparison proves little.
    assert_eq!(want.records, 3000);
    assert!(
        want.drafts > 0 && want.merged > 0 && want.without_tax_code > 0,
        "{want:?}"
    );
    assert_eq!(t["target"], 1000, "the default target");

    // The population is the counted enterprises and the untaxed records: one table line each.
    let population: u64 = want.by_level.iter().sum();
    assert_eq!(population, want.counted + want.without_tax_code);
    let lines = t["enterprises"].as_array().expect("enterprises");
    assert_eq!(lines.len() as u64, population);
    for key in [
        "by_questionnaire",
        "by_sector",
        "by_size",
        "by_province",
        "by_month",
    ] {
        let total: u64 = t[key]
            .as_object()
            .unwrap_or_else(|| panic!("{key} is an object"))
            .values()
            .flat_map(|l| l.as_array().expect("levels").iter())
            .map(|n| n.as_u64().expect("a count"))
            .sum();
        assert_eq!(total, population, "{key} covers the whole population");
    }
    assert!(t["reassessed"].as_u64() <= t["counted"].as_u64());
    assert!(t["improved"].as_u64() <= t["reassessed"].as_u64());

    // The figures alone are the same figures, without the list.
    let o = dxcheck(&[
        "tally",
        path_str(&file),
        "--format",
        "json",
        "--figures-only",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let figures: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let mut whole = t.clone();
    let list = whole.as_object_mut().and_then(|o| o.remove("enterprises"));
    assert!(list.is_some_and(|l| l.as_array().is_some_and(|l| !l.is_empty())));
    assert_eq!(figures, whole);

    let o = dxcheck(&[
        "tally",
        path_str(&file),
        "--format",
        "json",
        "--target",
        "250",
    ]);
    assert!(o.status.success());
    let t: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(t["target"], 250);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tally_csv_summary_row_matches_by_level() {
    let dir = scratch("tally-csv");
    let jsonl = generate(1500, 9);
    let file = dir.join("records.jsonl");
    std::fs::write(&file, &jsonl).expect("write");
    let want = expected(&lines_as_values(&jsonl));

    let o = dxcheck(&["tally", path_str(&file), "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    // The app's sheets, one after another: a `table` column, then each sheet's own header and rows.
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark, as the app's CSV");
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.expect("a CSV row").iter().map(String::from).collect())
        .collect();
    let mut sheets: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for r in &rows {
        if r[0] != "table" {
            sheets
                .entry(r[0].clone())
                .or_default()
                .push(r[1..].to_vec());
        }
    }
    let header = rows
        .iter()
        .find(|r| r[0] == "table" && r.get(1).is_some_and(|c| c == "key"));
    assert_eq!(
        header.map(|h| h[1..].to_vec()),
        Some(
            [
                "key", "n", "level_0", "level_1", "level_2", "level_3", "level_4", "level_5"
            ]
            .map(String::from)
            .to_vec()
        )
    );
    let summary = sheets
        .get("summary")
        .unwrap_or_else(|| panic!("no summary in\n{text}"));
    let figure = |key: &str| -> u64 {
        summary
            .iter()
            .find(|r| r[0] == key)
            .unwrap_or_else(|| panic!("no summary row `{key}`"))[1]
            .parse()
            .expect("a count")
    };
    let levels: Vec<u64> = (0..6).map(|l| figure(&format!("level_{l}"))).collect();
    assert_eq!(levels, want.by_level);
    for (key, value) in [
        ("counted", want.counted),
        ("merged_duplicates", want.merged),
        ("without_tax_code", want.without_tax_code),
        ("drafts", want.drafts),
        ("target", 1000),
    ] {
        assert_eq!(figure(key), value, "summary,{key}");
    }
    // Every breakdown row's n is the sum of its levels, and each table covers the population.
    let population: u64 = want.by_level.iter().sum();
    for table in [
        "by_questionnaire",
        "by_sector",
        "by_size",
        "by_province",
        "by_commune",
        "by_month",
    ] {
        let mut total = 0;
        for r in sheets
            .get(table)
            .unwrap_or_else(|| panic!("no sheet {table}"))
        {
            let sum: u64 = r[2..8]
                .iter()
                .map(|c| c.parse::<u64>().expect("count"))
                .sum();
            assert_eq!(r[1].parse::<u64>().expect("n"), sum, "row {r:?}");
            total += sum;
        }
        assert_eq!(total, population, "table {table}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tally_dedup_key_latest_ties_branches_and_invalid_codes() {
    let dir = scratch("tally-dedup");
    let all = lines_as_values(&generate(400, 31));
    let completed = |v: &&Value| v["status"] == "completed" && v["questionnaire"]["id"] == "quick";
    let level = |v: &Value| v["scores"]["overall"]["level"].as_u64().expect("level");
    let a = all
        .iter()
        .find(completed)
        .expect("a completed record")
        .clone();
    let b = all
        .iter()
        .filter(completed)
        .find(|v| level(v) != level(&a))
        .expect("a completed record of another level")
        .clone();
    let others: Vec<&Value> = all.iter().filter(completed).skip(5).take(3).collect();
    let draft = all
        .iter()
        .find(|v| v["status"] == "draft")
        .expect("a draft")
        .clone();
    let tax = a["profile"]["tax_code"]
        .as_str()
        .expect("a tax code")
        .to_string();
    assert!(TaxCode::parse(&tax).is_ok());
    let when = a["completed_at"].clone();

    // B: same enterprise, completed at the same moment as A: the larger assessment id is the latest.
    let mut b = b;
    b["profile"]["tax_code"] = Value::from(tax.clone());
    b["completed_at"] = when.clone();
    // C: a branch of the same enterprise, earlier; F: the same code typed with spaces, earliest of all.
    let mut c = others[0].clone();
    c["profile"]["tax_code"] = Value::from(format!("{tax}-001"));
    c["completed_at"] = Value::from("2025-07-02T08:00:00.000Z");
    let mut f = others[1].clone();
    f["profile"]["tax_code"] = Value::from(format!("{} {} {}", &tax[..4], &tax[4..7], &tax[7..]));
    f["completed_at"] = Value::from("2025-07-01T08:00:00.000Z");
    // D: a code with a wrong check digit is no tax code: shown apart, in the distributions.
    let mut d = others[2].clone();
    let last = tax.as_bytes()[9] - b'0';
    let wrong = format!("{}{}", &tax[..9], (last + 1) % 10);
    assert!(TaxCode::parse(&wrong).is_err());
    d["profile"]["tax_code"] = Value::from(wrong);
    // E: a draft of the same enterprise is not counted.
    let mut e = draft;
    e["profile"]["tax_code"] = Value::from(tax.clone());
    e["exported_at"] = Value::from("2026-11-30T08:00:00.000Z");

    let records = [a.clone(), b.clone(), c, d.clone(), e, f.clone()];
    let text: String = records.iter().map(|r| format!("{r}\n")).collect();
    let file = dir.join("crafted.jsonl");
    std::fs::write(&file, text).expect("write");
    let (t, err) = tally_json(&[&file]);
    assert!(err.trim().is_empty(), "{err}");

    let latest = if b["assessment_id"].as_str() > a["assessment_id"].as_str() {
        &b
    } else {
        &a
    };
    let mut by_level = [0u64; 6];
    by_level[usize::try_from(level(latest)).expect("small")] += 1;
    by_level[usize::try_from(level(&d)).expect("small")] += 1;
    let want = Figures {
        records: 6,
        drafts: 1,
        counted: 1,
        merged: 3,
        without_tax_code: 1,
        by_level,
    };
    assert_eq!(expected(&records), want, "the test's own rules");
    assert_eq!(reported(&t), want);
    assert_eq!(t["reassessed"], 1);
    // Improved: the latest level against the earliest completed one of the same questionnaire (F).
    assert_eq!(t["improved"], u64::from(level(latest) > level(&f)));
    let line = t["enterprises"]
        .as_array()
        .expect("enterprises")
        .iter()
        .find(|l| l["tax_code"] == tax.as_str())
        .expect("the enterprise's line");
    assert_eq!(line["assessments"], 4);
    assert_eq!(line["level"], level(latest));
    assert_eq!(line["completed_at"], when);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Enterprises rebuilt from generated records (grouped by their `enterprise_id`), for a workshop bundle: completed
/// records become the history, the latest draft of each questionnaire the current draft.
fn enterprises_of(records: &[ResultFile]) -> Vec<Enterprise> {
    let mut by_id: BTreeMap<String, Enterprise> = BTreeMap::new();
    for r in records {
        let id = r
            .enterprise_id
            .clone()
            .expect("generated records name their enterprise");
        let e = by_id
            .entry(id.to_string())
            .or_insert_with(|| Enterprise::new(id, "2025-07-01T00:00:00.000Z"));
        e.profile = r.profile.clone();
        match r.status {
            ResultStatus::Completed => e.history.push(r.clone()),
            ResultStatus::Draft => {
                e.drafts.insert(r.questionnaire.id.clone(), r.to_draft());
            }
        }
    }
    by_id.into_values().collect()
}

#[test]
fn tally_reads_every_kind_of_file_in_a_folder_and_reports_bad_records() {
    let dir = scratch("tally-mixed");
    let catalog = Catalog::builtin().expect("built-in data");
    let qs = catalog.questionnaire_refs();
    let jsonl = generate(900, 21);
    let lines: Vec<&str> = jsonl.lines().collect();
    let files: Vec<ResultFile> = lines
        .iter()
        .map(|l| {
            ResultFile::parse(l, &qs)
                .expect("generated records are valid")
                .0
        })
        .collect();
    // Later records re-assess earlier enterprises, so the same tax code appears in several files.
    let mut want: Vec<Value> = Vec::new();

    // 1. JSON Lines, two folders down, with a blank line.
    std::fs::create_dir_all(dir.join("a/b")).expect("mkdir");
    let mut part = lines[..500].join("\n");
    part.push_str("\n\n");
    std::fs::write(dir.join("a/b/records.jsonl"), part).expect("write");
    want.extend(
        lines[..500]
            .iter()
            .map(|l| serde_json::from_str(l).expect("JSON")),
    );

    // 2. A single result file, pretty-printed as the app downloads it.
    std::fs::write(dir.join("a/one.json"), files[500].to_json()).expect("write");
    want.push(serde_json::to_value(&files[500]).expect("value"));

    // 3. A workshop bundle.
    let enterprises = enterprises_of(&files[501..700]);
    let members: Vec<&Enterprise> = enterprises.iter().collect();
    let workshop = Workshop {
        id: Some(Uuid::from_random([9; 16])),
        name: "Hội thảo CĐS Cần Thơ".into(),
        advisor: "Lê Văn Tâm".into(),
        ..Workshop::default()
    };
    let bundle_json = bundle::export(
        &members,
        &qs,
        Some(&workshop),
        "0.1.0",
        "2026-12-01T09:00:00.000Z",
    );
    std::fs::write(dir.join("workshop.json"), &bundle_json).expect("write");
    let b: Value = serde_json::from_str(&bundle_json).expect("bundle JSON");
    let in_bundle = b["results"].as_array().expect("results").clone();
    assert_eq!(in_bundle.len(), 199, "every record travels in the bundle");
    want.extend(in_bundle);

    // 4. The app's CSV export, one file per questionnaire.
    std::fs::create_dir_all(dir.join("csv")).expect("mkdir");
    for q in &qs {
        let rows: Vec<ResultFile> = files[700..]
            .iter()
            .filter(|r| r.questionnaire.id == q.id)
            .cloned()
            .collect();
        assert!(!rows.is_empty());
        let csv = to_csv(q, &rows, &catalog.size_rules);
        std::fs::write(dir.join(format!("csv/{}.csv", q.id)), csv).expect("write");
        want.extend(rows.iter().map(|r| serde_json::to_value(r).expect("value")));
    }

    // 5. Bad records among good ones: a garbage line, and a record whose overall level was edited.
    let extra = generate(3, 77);
    let extra: Vec<&str> = extra.lines().collect();
    let mut edited: Value = serde_json::from_str(extra[1]).expect("JSON");
    let level = edited["scores"]["overall"]["level"]
        .as_u64()
        .expect("level");
    edited["scores"]["overall"]["level"] = Value::from(if level == 5 { 4 } else { level + 1 });
    let bad = format!(
        "{}\nthis is {{ not a record\n{}\n{}\n",
        extra[0], edited, extra[2]
    );
    std::fs::write(dir.join("bad.jsonl"), bad).expect("write");
    want.push(serde_json::from_str(extra[0]).expect("JSON"));
    want.push(serde_json::from_str(extra[2]).expect("JSON"));

    // 6. A copied chat as a text file: its result links and codes count like records; a code with a character
    //    changed is refused by its line.
    let chat_records = generate(3, 91);
    let chat_records: Vec<ResultFile> = chat_records
        .lines()
        .map(|l| serde_json::from_str(l).expect("a record"))
        .collect();
    let codes: Vec<String> = chat_records
        .iter()
        .map(|r| {
            let q = catalog
                .questionnaires
                .iter()
                .find(|q| q.id == r.questionnaire.id)
                .expect("a built-in questionnaire");
            ResultCode::encode(r, q)
                .expect("encodes")
                .as_str()
                .to_string()
        })
        .collect();
    let other = if &codes[1][40..41] == "Q" { "R" } else { "Q" };
    let broken = format!("{}{other}{}", &codes[1][..40], &codes[1][41..]);
    let chat = format!(
        "Chào anh, kết quả đây: https://dxcheck.example/#/r/{}\nCòn đây: {} và {}\n(gõ lại) {}\n",
        codes[0], codes[1], codes[2], broken
    );
    std::fs::write(dir.join("chat.txt"), chat).expect("write");
    want.extend(
        chat_records
            .iter()
            .map(|r| serde_json::to_value(r).expect("value")),
    );
    // 7. A file of another kind, which a folder search skips.
    std::fs::write(dir.join("notes.md"), "not a record at all").expect("write");

    let (t, err) = tally_json(&[&dir]);
    let want = expected(&want);
    assert_eq!(reported(&t), want, "stderr:\n{err}");
    assert!(want.merged > 0 && want.drafts > 0, "{want:?}");

    let bad_name = path_str(&dir.join("bad.jsonl")).to_string();
    let rejected: Vec<&str> = err.lines().filter(|l| l.starts_with("rejected ")).collect();
    assert_eq!(rejected.len(), 3, "exactly three records refused:\n{err}");
    assert!(
        rejected[0].starts_with(&format!("rejected {bad_name}:2: ")),
        "the garbage line, by file and line: {}",
        rejected[0]
    );
    assert!(
        rejected[1].starts_with(&format!("rejected {bad_name}:3: "))
            && rejected[1].contains("scores"),
        "the edited record, by file and line, with the reason: {}",
        rejected[1]
    );
    let chat_name = path_str(&dir.join("chat.txt")).to_string();
    assert!(
        rejected[2].starts_with(&format!("rejected {chat_name}:3: "))
            && rejected[2].contains("damaged"),
        "the changed code, by file and line: {}",
        rejected[2]
    );
    assert!(!err.contains("notes.md"), "other files are not read: {err}");

    // The table format says how many were refused.
    let o = dxcheck(&["tally", path_str(&dir)]);
    assert!(o.status.success());
    let table = stdout(&o);
    assert!(
        table
            .lines()
            .next()
            .is_some_and(|l| l.contains("rejected 3")),
        "{table}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn validate_accepts_the_data_files() {
    let mut files: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires"))
            .expect("questionnaires/")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| {
                format!(
                    "questionnaires/{}",
                    p.file_name().and_then(|n| n.to_str()).expect("name")
                )
            })
            .collect();
    files.sort();
    assert!(files.iter().any(|f| f.ends_with("quick.json")));
    let args: Vec<&str> = std::iter::once("validate")
        .chain(files.iter().map(String::as_str))
        .collect();
    let o = dxcheck(&args);
    let out = stdout(&o);
    assert!(o.status.success(), "validate failed:\n{out}");
    assert_eq!(out.lines().count(), files.len(), "{out}");
    for f in &files {
        assert!(
            out.lines().any(|l| l.starts_with(&format!("{f}: ok, "))),
            "no ok line for {f}:\n{out}"
        );
    }
    assert!(out.contains("questionnaire `quick`"), "{out}");
}

#[test]
fn validate_names_the_problem_in_a_broken_file() {
    let dir = scratch("validate");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires/quick.json"),
    )
    .expect("quick.json");
    let mut q: Value = serde_json::from_str(&text).expect("JSON");
    let first = q["questions"][0]["id"].clone();
    let last = q["questions"].as_array().expect("questions").len() - 1;
    q["questions"][last]["id"] = first.clone();
    let broken = dir.join("quick-broken.json");
    std::fs::write(&broken, serde_json::to_string_pretty(&q).expect("JSON")).expect("write");
    let garbage = dir.join("garbage.json");
    std::fs::write(&garbage, "{ nope").expect("write");

    let o = dxcheck(&["validate", "questionnaires/quick.json", path_str(&broken)]);
    let out = stdout(&o);
    assert!(
        !o.status.success(),
        "a broken file fails validation:\n{out}"
    );
    let first = first.as_str().expect("an id");
    let line = out
        .lines()
        .find(|l| l.starts_with(path_str(&broken)))
        .unwrap_or_else(|| panic!("no line for the broken file:\n{out}"));
    assert!(
        line.contains(&format!("duplicate question id `{first}`")),
        "names the duplicate id: {line}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("questionnaires/quick.json: ok")),
        "the good file is still reported ok:\n{out}"
    );

    let o = dxcheck(&["validate", path_str(&garbage)]);
    assert!(!o.status.success());
    assert!(stdout(&o).contains("not JSON"), "{}", stdout(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tally_counts_each_assessment_once_and_reads_damaged_lines_on_their_own() {
    let dir = scratch("tally-repeat");
    let text = generate(10, 5);
    let records = lines_as_values(&text);
    let base = expected(&records);
    // The same file read twice, once with a byte-order mark: every assessment counts once.
    let a = dir.join("ten.jsonl");
    let b = dir.join("copy.jsonl");
    std::fs::write(&a, &text).expect("write");
    std::fs::write(&b, format!("\u{feff}{text}")).expect("write");
    let (t, err) = tally_json(&[&a, &b]);
    assert!(err.trim().is_empty(), "nothing refused: {err}");
    assert_eq!(t["repeated"], 10);
    assert_eq!(
        Figures {
            records: base.records * 2,
            ..reported(&t)
        },
        Figures {
            records: base.records * 2,
            ..base
        }
    );
    assert_eq!(t["records"], 20);

    // A line that is not UTF-8 is refused on its own; the lines after it are still read.
    let mut bytes = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if i == 3 {
            bytes.extend_from_slice(b"caf\xe9 garbage\n");
        }
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
    }
    let broken = dir.join("broken.jsonl");
    std::fs::write(&broken, bytes).expect("write");
    let (t, err) = tally_json(&[&broken]);
    assert_eq!(reported(&t), base, "all ten records read");
    assert!(err.contains("broken.jsonl:4:"), "{err}");
    assert_eq!(err.matches("rejected").count(), 1, "{err}");

    // A draft exported before the completed copy of the same assessment: the completed one counts, no draft left.
    let done = records
        .iter()
        .find(|r| r["status"] == "completed")
        .expect("a completed record")
        .clone();
    let mut early = done.clone();
    early["status"] = Value::from("draft");
    early["completed_at"] = Value::Null;
    early["exported_at"] = Value::from("2025-01-01T00:00:00.000Z");
    let pair = dir.join("pair.jsonl");
    std::fs::write(&pair, format!("{early}\n{done}\n")).expect("write");
    let (t, _) = tally_json(&[&pair]);
    assert_eq!(
        (
            t["records"].as_u64(),
            t["drafts"].as_u64(),
            t["repeated"].as_u64()
        ),
        (Some(2), Some(0), Some(1))
    );
    assert_eq!(
        t["counted"].as_u64().unwrap_or(0) + t["without_tax_code"].as_u64().unwrap_or(0),
        1
    );

    // A bundle holding a draft and a later completed assessment of the same enterprise and questionnaire: both
    // records are read, as they would be from JSON Lines.
    let mut draft = records
        .iter()
        .find(|r| r["status"] == "draft" && r["questionnaire"]["id"] == done["questionnaire"]["id"])
        .cloned()
        .unwrap_or_else(|| {
            let mut d = done.clone();
            d["status"] = Value::from("draft");
            d["completed_at"] = Value::Null;
            d["assessment_id"] = Value::from("00000000-0000-4000-8000-000000000001");
            d
        });
    draft["enterprise_id"] = done["enterprise_id"].clone();
    draft["exported_at"] = Value::from("2025-01-01T00:00:00.000Z");
    let bundle_text = serde_json::json!({
        "schema": "dxcheck-bundle", "schema_version": 1, "app_version": "test",
        "exported_at": "2026-11-20T00:00:00.000Z", "workshop": null, "results": [draft, done],
    });
    let bundle_file = dir.join("bundle.json");
    std::fs::write(&bundle_file, bundle_text.to_string()).expect("write");
    let (t, err) = tally_json(&[&bundle_file]);
    assert!(err.trim().is_empty(), "{err}");
    assert_eq!(
        (t["records"].as_u64(), t["drafts"].as_u64()),
        (Some(2), Some(1))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The number on the table line that starts with `label`.
fn table_figure(table: &str, label: &str) -> u32 {
    table
        .lines()
        .find(|l| l.starts_with(label))
        .and_then(|l| l[label.len()..].split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no “{label}” line in:\n{table}"))
}

#[test]
fn tally_with_a_support_register_matches_an_independent_count() {
    let dir = scratch("support");
    let jsonl = generate(400, 5);
    let records = dir.join("records.jsonl");
    std::fs::write(&records, &jsonl).expect("write records");
    // Each assessment once, in its latest completed state; then per enterprise (10-digit tax code) its days,
    // questionnaires and levels.
    let mut latest: BTreeMap<String, Value> = BTreeMap::new();
    for r in lines_as_values(&jsonl)
        .into_iter()
        .filter(|r| r["status"] == "completed")
    {
        let id = r["assessment_id"].as_str().unwrap_or_default().to_string();
        let newer = latest
            .get(&id)
            .is_none_or(|old| r["completed_at"].as_str() > old["completed_at"].as_str());
        if newer {
            latest.insert(id, r);
        }
    }
    let mut by_enterprise: BTreeMap<String, Vec<(String, String, u64)>> = BTreeMap::new();
    for r in latest.values() {
        let Ok(code) = TaxCode::parse(r["profile"]["tax_code"].as_str().unwrap_or_default()) else {
            continue;
        };
        let day = r["completed_at"].as_str().unwrap_or_default()[..10].to_string();
        let q = r["questionnaire"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let level = r["scores"]["overall"]["level"].as_u64().unwrap_or_default();
        by_enterprise
            .entry(code.enterprise().to_string())
            .or_default()
            .push((day, q, level));
    }
    // The first 40 enterprises supported on 1 June 2026, some twice; two broken rows.
    let supported: Vec<&String> = by_enterprise.keys().take(40).collect();
    let mut csv = String::from(
        "Mã số thuế,Chương trình hỗ trợ,Hình thức hỗ trợ,Ngày hỗ trợ,Số tiền (VNĐ),Nguồn kinh phí\n",
    );
    for (i, e) in supported.iter().enumerate() {
        csv.push_str(&format!(
            "{e},nd80-13,Nền tảng số,01/06/2026,\"5.000.000\",Ngân sách tỉnh\n"
        ));
        if i % 3 == 0 {
            csv.push_str(&format!(
                "{e},Hội thảo của tỉnh,Đào tạo,2026-09-15,0,Ngân sách tỉnh\n"
            ));
        }
    }
    csv.push_str("0100109107,nd80-13,Tư vấn,2026-06-01,1000000,x\n");
    csv.push_str(&format!(
        "{},nd80-13,Tư vấn,31/06/2026,1000000,x\n",
        supported[0]
    ));
    let register = dir.join("support.csv");
    std::fs::write(&register, csv).expect("write register");

    let improved = supported
        .iter()
        .filter(|e| {
            let list = &by_enterprise[**e];
            let first = "2026-06-01";
            let Some(before) = list
                .iter()
                .filter(|(d, _, _)| d.as_str() <= first)
                .max_by(|a, b| a.0.cmp(&b.0))
            else {
                return false;
            };
            list.iter()
                .any(|(d, q, l)| d.as_str() > first && *q == before.1 && *l > before.2)
        })
        .count();

    let o = dxcheck(&[
        "tally",
        path_str(&records),
        "--support",
        path_str(&register),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    assert_eq!(
        table_figure(&table, "assessed"),
        u32::try_from(by_enterprise.len()).expect("small")
    );
    assert_eq!(
        table_figure(&table, "assessed"),
        table_figure(&table, "enterprises counted")
    );
    assert_eq!(table_figure(&table, "supported  "), 40);
    assert_eq!(
        table_figure(&table, "supported, improved"),
        u32::try_from(improved).expect("small")
    );
    assert!(
        improved > 0,
        "the generated histories include some improvement after 1 June"
    );
    assert!(table.contains("refused 2"), "{table}");
    assert!(table.contains("the tax code “0100109107” is not valid"));
    assert!(table.contains("the date “31/06/2026” is not a date"));

    // The JSON keeps its published shape: the register is refused there, with a reason.
    let o = dxcheck(&[
        "tally",
        path_str(&records),
        "--support",
        path_str(&register),
        "--format",
        "json",
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--support prints with --format table only"));
    // A register without an amount column names what is missing.
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "MST,Chương trình,Ngày\n0100109106,nd80-13,2026-06-01\n",
    )
    .expect("write");
    let o = dxcheck(&["tally", path_str(&records), "--support", path_str(&bad)]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no column for the amount"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn tally_with_a_registry_matches_an_independent_count() {
    let dir = scratch("registry");
    let jsonl = generate(400, 8);
    let records = dir.join("records.jsonl");
    std::fs::write(&records, &jsonl).expect("write records");
    // Per enterprise (10-digit tax code): its commune, and its latest completed level (None: drafts only).
    type Seen = (String, Option<(String, u64)>);
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    for r in lines_as_values(&jsonl) {
        let Ok(code) = TaxCode::parse(r["profile"]["tax_code"].as_str().unwrap_or_default()) else {
            continue;
        };
        let e = seen
            .entry(code.enterprise().to_string())
            .or_insert_with(|| {
                (
                    r["profile"]["commune"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    None,
                )
            });
        if r["status"] == "completed" {
            let when = r["completed_at"].as_str().unwrap_or_default().to_string();
            let level = r["scores"]["overall"]["level"].as_u64().unwrap_or_default();
            if e.1.as_ref().is_none_or(|(w, _)| when > *w) {
                e.1 = Some((when, level));
            }
        }
    }
    // The registry: every second enterprise seen, the fifth of those dissolved; 30 never assessed (in “Xã Mới”);
    // one row with a wrong check digit, one repeated, one renamed nothing (headers as exported).
    let listed: Vec<(&String, &Seen)> = seen.iter().step_by(2).collect();
    let mut csv = String::from(
        "Mã số doanh nghiệp,Tên doanh nghiệp,Địa chỉ trụ sở,Ngành nghề kinh doanh chính,Tình trạng\n",
    );
    for (i, (e, (commune, _))) in listed.iter().enumerate() {
        let status = if i % 5 == 4 {
            "Đã giải thể"
        } else {
            "Đang hoạt động"
        };
        csv.push_str(&format!(
            "{e},DN {i},\"Số {i} Lê Lợi, {commune}\",4711,{status}\n"
        ));
    }
    let fresh: Vec<String> = (10_000_001..)
        .filter_map(|n: u32| {
            let nine = format!("{n:09}");
            (0..10)
                .map(|d| format!("{nine}{d}"))
                .find(|c| TaxCode::parse(c).is_ok())
        })
        .filter(|c| !seen.contains_key(c))
        .take(30)
        .collect();
    for (i, e) in fresh.iter().enumerate() {
        csv.push_str(&format!("{e},Mới {i},Xã Mới,0111,\n"));
    }
    csv.push_str(&format!("{},DN lặp,Xã Mới,0111,\n", fresh[0]));
    let wrong = fresh[1][..9].to_string() + if fresh[1].ends_with('0') { "1" } else { "0" };
    csv.push_str(&format!("{wrong},DN sai,Xã Mới,0111,\n"));
    let registry = dir.join("registry.csv");
    std::fs::write(&registry, &csv).expect("write registry");
    // By hand: operating registered enterprises, of them assessed, by commune; the outreach list.
    let operating: Vec<(&String, &Seen)> = listed
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 5 != 4)
        .map(|(_, x)| *x)
        .collect();
    let assessed = operating.iter().filter(|(_, (_, l))| l.is_some()).count();
    let registered = operating.len() + fresh.len();
    let mut communes: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for (_, (commune, l)) in &operating {
        let c = communes.entry(commune.clone()).or_default();
        c.0 += 1;
        c.1 += u32::from(l.is_some());
    }
    let not_assessed = registered - assessed;

    let outreach = dir.join("outreach.csv");
    let o = dxcheck(&[
        "tally",
        path_str(&records),
        "--registry",
        path_str(&registry),
        "--outreach",
        path_str(&outreach),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    assert!(table.contains("refused 2"), "{table}");
    assert!(
        table.contains(&format!(
            "the enterprise is already on row {}",
            listed.len() + 2
        )),
        "{table}"
    );
    assert!(
        table.contains(&format!("the tax code “{wrong}” is not valid")),
        "{table}"
    );
    let total: Vec<u32> = table
        .lines()
        .find(|l| l.trim_start().starts_with("all operating"))
        .expect("a coverage line")
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    let n = |x: usize| u32::try_from(x).expect("small");
    assert_eq!(total, vec![n(registered), n(assessed), 0], "{table}");
    assert!(
        table.contains(&format!("stopped, not counted: {}", listed.len() / 5)),
        "{table}"
    );
    for (commune, (r, a)) in &communes {
        let line = table
            .lines()
            .find(|l| {
                l.trim_start().starts_with(commune.as_str())
                    && l.trim_start()[commune.len()..].starts_with(' ')
            })
            .unwrap_or_else(|| panic!("no line for {commune} in:\n{table}"));
        let figures: Vec<u32> = line[line.len() - 30..]
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        assert_eq!(figures, vec![*r, *a, 0], "{commune}");
    }
    assert!(
        table.contains(&format!("outreach            {not_assessed:>9}")),
        "{table}"
    );
    let written = std::fs::read_to_string(&outreach).expect("the outreach list is written");
    assert_eq!(
        written.lines().count(),
        1 + not_assessed,
        "a header and one row each"
    );
    // The same registry as an XLSX workbook, every cell text as an export keeps it: the same table.
    #[cfg(all(feature = "xlsx", feature = "sheet-read"))]
    {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        let rows = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.as_bytes())
            .into_records();
        for (r, row) in rows.enumerate() {
            for (c, cell) in row.expect("the test's CSV").iter().enumerate() {
                let (r, c) = (
                    u32::try_from(r).expect("rows"),
                    u16::try_from(c).expect("cols"),
                );
                ws.write_string(r, c, cell).expect("a cell");
            }
        }
        let xlsx = dir.join("registry.xlsx");
        std::fs::write(&xlsx, book.save_to_buffer().expect("a workbook")).expect("write workbook");
        let o = dxcheck(&["tally", path_str(&records), "--registry", path_str(&xlsx)]);
        assert!(o.status.success(), "{}", stderr(&o));
        let from_xlsx = stdout(&o).replace(path_str(&xlsx), path_str(&registry));
        assert_eq!(from_xlsx, table, "the workbook gives the CSV's table");
        let damaged = dir.join("damaged.xlsx");
        std::fs::write(&damaged, b"PK\x03\x04 and then nothing").expect("write");
        let o = dxcheck(&[
            "tally",
            path_str(&records),
            "--registry",
            path_str(&damaged),
        ]);
        assert!(!o.status.success());
        assert!(
            stderr(&o).contains("not a readable XLSX workbook"),
            "{}",
            stderr(&o)
        );
    }
}
