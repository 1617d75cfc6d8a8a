//! The support register (`domain::province::support`, docs/support-register.md): columns found by their headers,
//! every row checked on its own, the four flags, and the three measures a target can count.
use dx_check::domain::catalog::Catalog;
use dx_check::domain::province::support::{
    Assessed, Column, Dated, Flag, Mapping, Measures, ProgrammeRef, Refused, Register,
    RegisterError, RowFault, flags, measures, read_amount, read_date,
};
use dx_check::domain::records::profile::TaxCode;
use dx_check::domain::records::size::SizeClass;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// A valid tax code from nine digits (the check digit found by trying each, so the rule is the app's own).
fn code(nine: &str) -> String {
    (0..10)
        .map(|d| format!("{nine}{d}"))
        .find(|c| TaxCode::parse(c).is_ok())
        .expect("these nine digits have a check digit")
}

fn quick(day: &str, level: u8) -> Dated {
    Dated {
        day: day.into(),
        questionnaire: "quick".into(),
        level,
    }
}

fn dbi(day: &str, level: u8) -> Dated {
    Dated {
        day: day.into(),
        questionnaire: "dbi".into(),
        level,
    }
}

fn headers(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| (*s).to_string()).collect()
}

#[test]
fn columns_are_found_by_their_headers_in_either_language() {
    let vi = headers(&[
        "STT",
        "Mã số thuế",
        "Tên doanh nghiệp",
        "Chương trình hỗ trợ",
        "Hình thức hỗ trợ",
        "Ngày hỗ trợ",
        "Số tiền (VNĐ)",
        "Nguồn kinh phí",
    ]);
    let m = Mapping::guess(&vi);
    assert_eq!(m.0.get(&Column::TaxCode), Some(&1));
    assert_eq!(m.0.get(&Column::Programme), Some(&3));
    assert_eq!(m.0.get(&Column::Kind), Some(&4));
    assert_eq!(m.0.get(&Column::Date), Some(&5));
    assert_eq!(
        m.0.get(&Column::Amount),
        Some(&6),
        "“Số tiền (VNĐ)” is the amount"
    );
    assert_eq!(m.0.get(&Column::Funding), Some(&7));
    assert!(m.missing().is_empty());
    let en = headers(&[
        "tax_code",
        "programme",
        "kind",
        "date",
        "amount_vnd",
        "funding_source",
    ]);
    assert!(Mapping::guess(&en).missing().is_empty());
    // A header renamed past recognition: the mapping says which column is missing, and the office maps it by hand.
    let renamed = headers(&["MST", "Chương trình", "Ngày", "Giá trị hợp đồng"]);
    let m = Mapping::guess(&renamed);
    assert_eq!(m.missing(), vec![Column::Amount]);
    let text = "MST,Chương trình,Ngày,Giá trị hợp đồng\n0100109106,nd80-13,2026-03-01,1000000\n";
    let catalogue = &Catalog::builtin()
        .expect("built-in data")
        .programmes
        .programmes;
    assert_eq!(
        Register::read_csv(text, &m, catalogue),
        Err(RegisterError::Missing(vec![Column::Amount]))
    );
    let mut fixed = m.clone();
    fixed.0.insert(Column::Amount, 3);
    let r = Register::read_csv(text, &fixed, catalogue).expect("mapped by hand");
    assert_eq!(r.supports.len(), 1);
    assert_eq!(r.supports[0].amount_vnd, 1_000_000);
    // The same headers give the same key, to remember the office's mapping for the next such file.
    assert_eq!(
        Mapping::headers_key(&renamed),
        Mapping::headers_key(&headers(&[
            "mst",
            "Chuong trinh",
            "ngay",
            "gia tri hop dong"
        ]))
    );
}

#[test]
fn dates_and_amounts_as_spreadsheets_write_them() {
    assert_eq!(read_date("2026-03-15").as_deref(), Some("2026-03-15"));
    assert_eq!(read_date("15/03/2026").as_deref(), Some("2026-03-15"));
    assert_eq!(read_date("5/3/2026").as_deref(), Some("2026-03-05"));
    assert_eq!(
        read_date("2026-03-15T08:00:00Z").as_deref(),
        Some("2026-03-15")
    );
    assert_eq!(read_date("29/02/2028").as_deref(), Some("2028-02-29"));
    for bad in [
        "31/02/2026",
        "29/02/2026",
        "2026-13-01",
        "15/03",
        "",
        "hôm qua",
        "1/2/3/4",
    ] {
        assert_eq!(read_date(bad), None, "{bad}");
    }
    assert_eq!(read_amount("50.000.000"), Some(50_000_000));
    assert_eq!(read_amount("50,000,000"), Some(50_000_000));
    assert_eq!(read_amount("50 000 000 đ"), Some(50_000_000));
    assert_eq!(read_amount("1200000 VND"), Some(1_200_000));
    for bad in ["50tr", "5.0", "50.00.000", "-100", "", "1,5"] {
        assert_eq!(read_amount(bad), None, "{bad}");
    }
}

/// A register that breaks each of the four rules once, with good rows and bad rows.
fn register_text(a: &str, b: &str, c: &str, d: &str) -> String {
    format!(
        "Mã số thuế,Chương trình,Hình thức hỗ trợ,Ngày,Số tiền,Nguồn kinh phí\n\
         {a},nd80-11-1,Tư vấn,2026-04-01,30.000.000,Ngân sách trung ương\n\
         {a},nd80-11-1,Tư vấn,2026-09-01,30.000.000,Ngân sách trung ương\n\
         {b},nd80-11-1,Tư vấn,2026-05-10,10.000.000,Ngân sách tỉnh\n\
         {c},Hội thảo của tỉnh,Đào tạo,2026-01-20,2.000.000,Ngân sách tỉnh\n\
         {d},nd80-13,Nền tảng số,2026-06-01,5.000.000,Ngân sách tỉnh\n\
         0100109107,nd80-13,Nền tảng số,2026-06-01,5.000.000,Ngân sách tỉnh\n\
         {b},,Tư vấn,2026-06-01,5.000.000,Ngân sách tỉnh\n\
         {b},nd80-13,Tư vấn,31/02/2026,5.000.000,Ngân sách tỉnh\n\
         {b},nd80-13,Tư vấn,2026-06-01,5tr,Ngân sách tỉnh\n\
         ,nd80-13,Tư vấn,2026-06-01,5.000.000,Ngân sách tỉnh\n\
         ,,,,,\n"
    )
}

#[test]
fn every_row_is_checked_and_each_rule_is_flagged() {
    let catalogue = &Catalog::builtin()
        .expect("built-in data")
        .programmes
        .programmes;
    let (a, b, c, d) = (
        code("010010910"),
        code("030123456"),
        code("020987654"),
        code("040555555"),
    );
    let text = register_text(&a, &b, &c, &d);
    let mapping = Mapping::guess(&headers(&[
        "Mã số thuế",
        "Chương trình",
        "Hình thức hỗ trợ",
        "Ngày",
        "Số tiền",
        "Nguồn kinh phí",
    ]));
    let r = Register::read_csv(&text, &mapping, catalogue).expect("a register");
    assert_eq!(r.supports.len(), 5);
    assert_eq!(
        r.supports[3].programme,
        ProgrammeRef::Other("Hội thảo của tỉnh".into())
    );
    assert_eq!(
        r.supports[0].programme,
        ProgrammeRef::Catalogue("nd80-11-1".into())
    );
    assert_eq!(
        r.refused,
        vec![
            Refused {
                row: 7,
                fault: RowFault::BadTaxCode("0100109107".into())
            },
            Refused {
                row: 8,
                fault: RowFault::NoProgramme
            },
            Refused {
                row: 9,
                fault: RowFault::BadDate("31/02/2026".into())
            },
            Refused {
                row: 10,
                fault: RowFault::BadAmount("5tr".into())
            },
            Refused {
                row: 11,
                fault: RowFault::NoTaxCode
            },
        ],
        "rows are numbered as the spreadsheet shows them, the empty row is skipped"
    );

    // The results: a is small and was assessed in March (level 1) and again in November (level 3); b is a micro
    // enterprise, assessed in June, after its support in May; c was registered but never assessed; d is unknown.
    let mut assessed = BTreeMap::new();
    assessed.insert(
        a.clone(),
        Assessed {
            size: Some(SizeClass::Small),
            assessments: vec![
                quick("2026-11-02", 3),
                quick("2026-03-10", 1),
                dbi("2026-12-01", 5),
            ],
            ..Default::default()
        },
    );
    assessed.insert(
        b.clone(),
        Assessed {
            size: Some(SizeClass::Micro),
            assessments: vec![quick("2026-06-15", 2)],
            ..Default::default()
        },
    );
    let registry: HashSet<&str> = [a.as_str(), b.as_str(), c.as_str()].into_iter().collect();
    let found = flags(&r, &assessed, Some(&registry), catalogue);
    let legal = catalogue
        .iter()
        .find(|p| p.id == "nd80-11-1")
        .expect("nd80-11-1")
        .legal
        .reference
        .clone();
    assert_eq!(
        found,
        vec![
            // b: support in May, first assessed in June; and Decree 80 Art. 11.1 is for small and medium only.
            Flag::BeforeAssessment {
                enterprise: b.clone(),
                date: "2026-05-10".into(),
                first_assessed: Some("2026-06-15".into()),
                row: 4
            },
            Flag::SizeNotEligible {
                enterprise: b.clone(),
                programme: "nd80-11-1".into(),
                size: SizeClass::Micro,
                row: 4
            },
            // c: in the registry, never assessed.
            Flag::BeforeAssessment {
                enterprise: c.clone(),
                date: "2026-01-20".into(),
                first_assessed: None,
                row: 5
            },
            // d: neither in the registry nor among the results.
            Flag::Unknown {
                enterprise: d.clone(),
                row: 6
            },
            // a: 60 million in 2026 under Art. 11.1, whose cap for a small enterprise is 50 million.
            Flag::OverCap {
                enterprise: a.clone(),
                programme: "nd80-11-1".into(),
                year: "2026".into(),
                total_vnd: 60_000_000,
                cap_vnd: 50_000_000,
                size: SizeClass::Small,
                legal,
                status: dx_check::domain::advice::recommend::ProgrammeStatus::InForce,
            },
        ]
    );

    // Without a registry, c is unknown too.
    let without = flags(&r, &assessed, None, catalogue);
    assert!(without.contains(&Flag::Unknown {
        enterprise: c.clone(),
        row: 5
    }));

    // Measures: 2 assessed; 4 supported (a, b, c, d); a improved after its first support (1 → 3); b has no
    // assessment before its support, so it cannot be said to have improved.
    assert_eq!(
        measures(&r, &assessed),
        Measures {
            assessed: 2,
            supported: 4,
            supported_and_improved: 1
        }
    );
}

#[test]
fn a_file_without_a_header_is_refused_whole() {
    let catalogue = &Catalog::builtin()
        .expect("built-in data")
        .programmes
        .programmes;
    let m = Mapping::guess(&headers(&["tax code", "programme", "date", "amount"]));
    assert_eq!(
        Register::read_csv("", &m, catalogue),
        Err(RegisterError::NoHeader)
    );
}

#[test]
fn improved_means_a_higher_level_in_the_same_questionnaire_after_the_first_support() {
    let catalogue = &Catalog::builtin()
        .expect("built-in data")
        .programmes
        .programmes;
    let (e, f) = (code("050111222"), code("060333444"));
    let text = format!(
        "tax code,programme,date,amount\n{e},nd80-13,2026-05-01,1000000\n{f},nd80-13,2026-05-01,1000000\n{f},nd80-13,2026-02-01,1000000\n"
    );
    let m = Mapping::guess(&headers(&["tax code", "programme", "date", "amount"]));
    let r = Register::read_csv(&text, &m, catalogue).expect("a register");
    let mut assessed = BTreeMap::new();
    // e: quick at level 3 before, then only the full DBI at level 5: not comparable, not improved.
    assessed.insert(
        e.clone(),
        Assessed {
            size: None,
            assessments: vec![quick("2026-04-01", 3), dbi("2026-08-01", 5)],
            ..Default::default()
        },
    );
    // f: its first support is in February; the quick check before it is on the same day (counts as before), level 2,
    // and one in May, after the first support but before the second, at level 4: improved.
    assessed.insert(
        f.clone(),
        Assessed {
            size: None,
            assessments: vec![quick("2026-02-01", 2), quick("2026-05-01", 4)],
            ..Default::default()
        },
    );
    assert_eq!(
        measures(&r, &assessed),
        Measures {
            assessed: 2,
            supported: 2,
            supported_and_improved: 1
        }
    );
}

/// `generate::support_register` for generated records: each kind of flag and of refused row appears, and the same
/// seed gives the same register.
#[test]
fn a_generated_register_breaks_each_rule() {
    use dx_check::domain::assessment::scoring::Assessment;
    use dx_check::domain::province::generate::{
        Generator, note_first_assessment, support_register,
    };
    use dx_check::domain::province::tally::{TallyBuilder, TallyContext};
    let catalog = Catalog::builtin().expect("built-in data");
    let qs = catalog.questionnaire_refs();
    let ctx = TallyContext {
        questionnaires: &qs,
        sizes: &catalog.size_rules,
        programmes: &catalog.programmes,
        target: 1000,
    };
    let mut builder = TallyBuilder::new(&ctx);
    let mut first = BTreeMap::new();
    for r in Generator::new(3000, 11, &qs, &catalog.province_codes()) {
        let q = qs
            .iter()
            .find(|q| q.id == r.questionnaire.id)
            .expect("a generated questionnaire");
        builder.add(&r, q, &Assessment::compute(q, &r.answers));
        note_first_assessment(&mut first, &r);
    }
    let capped = ["nd80-11-1", "nd80-11-2", "nd80-13"];
    let text = support_register(&first, &capped, 11);
    assert_eq!(text, support_register(&first, &capped, 11), "deterministic");
    let programmes = &catalog.programmes.programmes;
    let header: Vec<&str> = text.lines().next().unwrap_or_default().split(',').collect();
    let mapping = Mapping::guess(&headers(&header));
    assert!(
        mapping.missing().is_empty(),
        "the generated headers are recognised"
    );
    let r = Register::read_csv(&text, &mapping, programmes).expect("a register");
    assert!(r.supports.len() > 500, "{} rows", r.supports.len());
    let faults: BTreeSet<&str> = r
        .refused
        .iter()
        .map(|x| match x.fault {
            RowFault::BadTaxCode(_) => "tax",
            RowFault::BadDate(_) => "date",
            RowFault::BadAmount(_) => "amount",
            _ => "other",
        })
        .collect();
    assert_eq!(faults, ["amount", "date", "tax"].into_iter().collect());
    assert!(
        r.supports.iter().all(|s| s.date.as_str() <= "2026-11-30"),
        "no support still to come"
    );
    let assessed = builder.assessed();
    let found = flags(&r, &assessed, None, programmes);
    let kinds: BTreeSet<&str> = found
        .iter()
        .map(|f| match f {
            Flag::OverCap { .. } => "cap",
            Flag::SizeNotEligible { .. } => "size",
            Flag::BeforeAssessment { .. } => "before",
            Flag::Unknown { .. } => "unknown",
        })
        .collect();
    assert_eq!(
        kinds,
        ["before", "cap", "size", "unknown"].into_iter().collect()
    );
    // A tally without the office's tables works the assessments out from its list later, for the first table
    // picked after it (the browser's join-only path): the same facts, to the last field.
    let (_, lines) = builder.finish_figures();
    let later = lines.assessed(&ctx);
    assert!(later.len() > 1000, "{} enterprises", later.len());
    assert_eq!(later, assessed);
}
