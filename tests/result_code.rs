//! The result code (`domain::result_code`): golden vectors from `tests/golden/result_codes.json` (also printed in
//! `docs/result-code.md`), exact round trips of generated records, the size targets, and refusals of damaged,
//! cut-off, foreign and newer codes.
use dx_check::domain::assessment::questionnaire::Questionnaire;
use dx_check::domain::catalog::Catalog;
use dx_check::domain::province::generate::Generator;
use dx_check::domain::records::result_code::{CODE_PREFIX, CodeError, ResultCode, find_codes};
use dx_check::domain::records::result_file::{ImportError, ResultFile};
use serde::Deserialize;
use std::path::Path;

fn catalog() -> Catalog {
    Catalog::builtin().expect("the built-in data loads")
}

fn questionnaire<'q>(qs: &[&'q Questionnaire], id: &str) -> &'q Questionnaire {
    qs.iter()
        .copied()
        .find(|q| q.id.as_str() == id)
        .expect("a built-in questionnaire")
}

fn encode(file: &ResultFile, qs: &[&Questionnaire]) -> ResultCode {
    ResultCode::encode(file, questionnaire(qs, file.questionnaire.id.as_str()))
        .expect("a generated record encodes")
}

#[derive(Deserialize)]
struct Vector {
    what: String,
    file: ResultFile,
    code: String,
}

fn vectors() -> Vec<Vector> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/result_codes.json");
    let text = std::fs::read_to_string(&path).expect("the golden vectors exist");
    serde_json::from_str(&text).expect("the golden vectors parse")
}

/// Each golden file gives its golden code, the code gives the file back, and the documentation shows both.
#[test]
fn golden_vectors() {
    let catalog = catalog();
    let qs = catalog.questionnaire_refs();
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/result-code.md"))
            .expect("docs/result-code.md exists");
    let list = vectors();
    assert!(
        list.len() >= 4,
        "quick, DBI, a draft and a hand-typed profile"
    );
    for v in &list {
        // The file is a valid result file in its own right.
        let json = serde_json::to_string(&v.file).expect("serialises");
        ResultFile::parse(&json, &qs).unwrap_or_else(|e| panic!("{}: {e}", v.what));
        assert_eq!(encode(&v.file, &qs).as_str(), v.code, "{}", v.what);
        let (back, _) = ResultCode::decode(&v.code, &qs).expect("the golden code decodes");
        assert_eq!(back, v.file, "{}", v.what);
        assert!(
            docs.contains(&v.code),
            "docs/result-code.md shows the code of {}",
            v.what
        );
    }
}

/// Every generated record comes back identical from its code; the sizes stay under the targets (the median and
/// the maximum are printed with `--nocapture`).
#[test]
fn every_generated_record_round_trips_within_the_size_targets() {
    let catalog = catalog();
    let qs = catalog.questionnaire_refs();
    let provinces = catalog.province_codes();
    let (mut quick, mut dbi, mut quick_full, mut dbi_full) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, file) in Generator::new(10_000, 1, &qs, &provinces).enumerate() {
        let code = encode(&file, &qs);
        let (back, _) = ResultCode::decode(code.as_str(), &qs)
            .unwrap_or_else(|e| panic!("record {i}: {e} ({})", code.as_str()));
        assert_eq!(back, file, "record {i}");
        // The same record with every profile field typed in full, as an owner might: a long registered name, the
        // main activity and a ward.
        let mut full = file.clone();
        full.profile.name = NAMES[i % NAMES.len()].to_string();
        full.profile.main_activity = ACTIVITIES[i % ACTIVITIES.len()].to_string();
        full.profile.commune = COMMUNES[i % COMMUNES.len()].to_string();
        full.profile.capital_bn = full.profile.capital_bn.or(Some(12.5));
        let full_code = encode(&full, &qs);
        assert_eq!(
            ResultCode::decode(full_code.as_str(), &qs).map(|(f, _)| f),
            Ok(full),
            "record {i}, full profile"
        );
        let (plain, typed) = if file.questionnaire.id.as_str() == "quick" {
            (&mut quick, &mut quick_full)
        } else {
            (&mut dbi, &mut dbi_full)
        };
        plain.push(code.as_str().len());
        typed.push(full_code.as_str().len());
    }
    let stats = |v: &mut Vec<usize>| {
        v.sort_unstable();
        (v[v.len() / 2], v[v.len() - 1], v.len())
    };
    for (what, v, limit) in [
        ("quick, generated profile", &mut quick, 300),
        ("quick, full profile", &mut quick_full, 300),
        ("DBI, generated profile", &mut dbi, 900),
        ("DBI, full profile", &mut dbi_full, 900),
    ] {
        let (median, max, n) = stats(v);
        println!("{what}: {n} codes, median {median} characters, maximum {max}");
        assert!(max <= limit, "{what}: {max} characters, over {limit}");
    }
}

const NAMES: [&str; 6] = [
    "Công ty TNHH Thương mại và Dịch vụ Hoàng Phát Đạt",
    "CÔNG TY CỔ PHẦN SẢN XUẤT VÀ XUẤT NHẬP KHẨU NÔNG SẢN TÂY NGUYÊN",
    "Hợp tác xã Nông nghiệp Dịch vụ Tổng hợp Phú Lộc",
    "Công ty TNHH Một thành viên Vận tải Du lịch Biển Xanh",
    "Hộ kinh doanh Bánh Pía Sóc Trăng Tân Huê Viên",
    "CÔNG TY TNHH CÔNG NGHỆ PHẦN MỀM ĐÔNG DƯƠNG",
];
const ACTIVITIES: [&str; 4] = [
    "Bán buôn thực phẩm, đồ uống và nông sản chế biến",
    "Sản xuất bánh kẹo truyền thống, bán lẻ qua sàn thương mại điện tử",
    "Dịch vụ vận tải hành khách và du lịch lữ hành nội địa",
    "Xây dựng công trình dân dụng và lắp đặt hệ thống điện",
];
const COMMUNES: [&str; 4] = [
    "Phường Bến Nghé",
    "Xã Ea Kao",
    "Thị trấn Phước An",
    "Phường Hòa Cường Bắc",
];

fn one_code(qs: &[&Questionnaire]) -> (ResultFile, String) {
    let catalog = catalog();
    let provinces = catalog.province_codes();
    let file = Generator::new(1, 3, qs, &provinces)
        .next()
        .expect("one record");
    let code = encode(&file, qs).as_str().to_string();
    (file, code)
}

/// Changing any one character of a code, or losing its end, is refused; nothing decodes to another result.
#[test]
fn damaged_and_cut_off_codes_are_refused() {
    let catalog = catalog();
    let qs = catalog.questionnaire_refs();
    let (_, code) = one_code(&qs);
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for i in CODE_PREFIX.len()..code.len() {
        for &c in alphabet.iter().step_by(7) {
            let mut bytes = code.clone().into_bytes();
            if bytes[i] == c {
                continue;
            }
            bytes[i] = c;
            let changed = String::from_utf8(bytes).expect("ASCII");
            match ResultCode::decode(&changed, &qs) {
                Err(CodeError::Corrupt) | Err(CodeError::CutOff { .. }) => {}
                Ok(_) => panic!("position {i} → {}: read as a result", char::from(c)),
                Err(e) => panic!("position {i} → {}: {e:?}", char::from(c)),
            }
        }
    }
    for keep in [
        code.len() - 1,
        code.len() - 5,
        code.len() / 2,
        CODE_PREFIX.len() + 3,
    ] {
        assert!(
            matches!(
                ResultCode::decode(&code[..keep], &qs),
                Err(CodeError::CutOff { .. })
            ),
            "cut at {keep}"
        );
    }
    assert_eq!(
        ResultCode::decode(&format!("{code}AAAA"), &qs),
        Err(CodeError::Corrupt)
    );
    // A character outside base64url ends the code there, as in a chat: what follows is not read.
    assert!(matches!(
        ResultCode::decode(&code.replacen('A', "*", 1), &qs),
        Err(CodeError::CutOff { .. })
    ));
}

#[test]
fn foreign_newer_and_unknown_codes_are_named() {
    let catalog = catalog();
    let qs = catalog.questionnaire_refs();
    let (file, code) = one_code(&qs);
    let body = &code[CODE_PREFIX.len()..];
    assert_eq!(
        ResultCode::decode(&format!("dx2.{body}"), &qs),
        Err(CodeError::NewerFormat {
            found: 2,
            supported: 1
        })
    );
    for foreign in [
        "https://example.com/#/r/abcdef",
        "hello",
        "",
        "dx0.AAAA",
        "https://zalo.me/g/abcdef",
    ] {
        assert_eq!(
            ResultCode::decode(foreign, &qs),
            Err(CodeError::NotACode),
            "{foreign}"
        );
    }
    // A questionnaire this app does not have: the same record written against a renamed copy.
    let mut other = questionnaire(&qs, file.questionnaire.id.as_str()).clone();
    other.id = dx_check::domain::assessment::text::QuestionnaireId("quick-2030".into());
    let mut renamed = file.clone();
    renamed.questionnaire.id = other.id.clone();
    let code = ResultCode::encode(&renamed, &other).expect("encodes against its questionnaire");
    assert_eq!(
        ResultCode::decode(code.as_str(), &qs),
        Err(CodeError::Record(ImportError::UnknownQuestionnaire {
            id: "quick-2030".into(),
            version: file.questionnaire.version.clone()
        }))
    );
    // A link decodes as its code does, wherever it points.
    let link = ResultCode::decode(
        &format!(
            "https://dxcheck.example/app/#/r/{}",
            encode(&file, &qs).as_str()
        ),
        &qs,
    );
    assert_eq!(link.map(|(f, _)| f), Ok(file));
}

/// A pasted chat: every link and bare code is found, in order, with its line.
#[test]
fn codes_are_found_in_a_pasted_chat() {
    let catalog = catalog();
    let qs = catalog.questionnaire_refs();
    let provinces = catalog.province_codes();
    let codes: Vec<String> = Generator::new(5, 9, &qs, &provinces)
        .map(|f| encode(&f, &qs).as_str().to_string())
        .collect();
    let chat = format!(
        "[09:12] Lan: Em gửi kết quả ạ https://dxcheck.example/#/r/{}\n\
         [09:13] Minh: của bên em: {} .\n\
         [09:15] Hoa: {}, {}\n\
         (tin nhắn đã thu hồi)\n\
         [09:20] Tú: https://dxcheck.example/#/r/{}.",
        codes[0], codes[1], codes[2], codes[3], codes[4]
    );
    let found = find_codes(&chat);
    assert_eq!(
        found.iter().map(|f| (f.line, f.code)).collect::<Vec<_>>(),
        vec![
            (1, codes[0].as_str()),
            (2, codes[1].as_str()),
            (3, codes[2].as_str()),
            (3, codes[3].as_str()),
            (5, codes[4].as_str()),
        ]
    );
    for f in &found {
        assert!(ResultCode::decode(f.code, &qs).is_ok());
    }
}
