//! The enterprise registry (`domain::province::registry`, docs/registry.md) and its join with the results and the
//! support register (`domain::province::join`): the VSIC table, columns found by their headers, every row checked,
//! and coverage and outreach against a count made here by hand.
use dx_check::domain::province::join::{Cover, Reach, Sources, commune_of, join};
use dx_check::domain::province::registry::{Column, Mapping, Registry, RowFault, Vsic};
use dx_check::domain::province::sheet::{Columns, Refused, SheetError, headers};
use dx_check::domain::province::support::{self, Assessed, Dated, Register};
use dx_check::domain::province::tally::{EnterpriseLine, Sector};
use dx_check::domain::records::profile::{SectorGroup, TaxCode};
use dx_check::domain::records::size::SizeCategory;
use std::collections::{BTreeMap, BTreeSet};

/// A valid tax code from nine digits (the check digit found by trying each, so the rule is the app's own).
fn code(nine: &str) -> String {
    (0..10)
        .map(|d| format!("{nine}{d}"))
        .find(|c| TaxCode::parse(c).is_ok())
        .expect("these nine digits have a check digit")
}

/// A tax code that fails only its check digit.
fn bad_code(nine: &str) -> String {
    (0..10)
        .map(|d| format!("{nine}{d}"))
        .find(|c| TaxCode::parse(c).is_err())
        .expect("some last digit is wrong")
}

#[test]
fn a_vsic_table_with_a_division_in_two_sections_is_refused() {
    let twice = r#"{"kind":"vsic_sectors","sections":[
        {"section":"A","divisions":[1,2,3],"group":"agri_industry_construction"},
        {"section":"B","divisions":[3,5],"group":"agri_industry_construction"}],"words":[]}"#;
    let e = Vsic::from_json(twice).expect_err("division 03 twice");
    assert!(
        e.contains("03") && e.contains('A') && e.contains('B'),
        "{e}"
    );
    let named_twice = twice.replace("\"B\"", "\"A\"");
    let e = Vsic::from_json(&named_twice).expect_err("section A twice");
    assert!(e.contains("named twice"), "{e}");
    let fine = twice.replace("[3,5]", "[5]");
    assert_eq!(Vsic::from_json(&fine).map(|v| v.sections.len()), Ok(2));
}

#[test]
fn the_vsic_table_has_the_21_sections_and_88_divisions_of_vsic_2018_each_once() {
    let v = Vsic::builtin().expect("the built-in VSIC table reads");
    let letters: Vec<&str> = v.sections.iter().map(|s| s.section.as_str()).collect();
    let expected: Vec<String> = ('A'..='U').map(String::from).collect();
    assert_eq!(letters, expected, "sections A to U, in order");
    let divisions: Vec<u8> = v
        .sections
        .iter()
        .flat_map(|s| s.divisions.iter().copied())
        .collect();
    assert_eq!(
        divisions.len(),
        88,
        "VSIC 2018 has 88 divisions (ngành cấp 2)"
    );
    let distinct: BTreeSet<u8> = divisions.iter().copied().collect();
    assert_eq!(distinct.len(), 88, "no division is in two sections");
    assert!(
        divisions.windows(2).all(|w| w[0] < w[1]),
        "divisions rise from section to section"
    );
    for s in &v.sections {
        let agri = s.section.as_str() <= "F";
        assert_eq!(
            s.group == SectorGroup::AgriIndustryConstruction,
            agri,
            "section {} is in the wrong group",
            s.section
        );
    }
}

#[test]
fn a_sector_is_read_from_a_code_a_letter_or_words() {
    let v = Vsic::builtin().expect("the built-in VSIC table reads");
    let (a, t) = (
        Some(SectorGroup::AgriIndustryConstruction),
        Some(SectorGroup::TradeServices),
    );
    for (cell, group) in [
        ("4711", t),
        ("47110", t),
        ("01110", a),
        ("C1010", a),
        ("C 1010", a),
        ("F", a),
        ("G", t),
        ("4100", a),
        ("6201", t),
        ("Bán lẻ hàng may mặc", t),
        ("XÂY DỰNG nhà ở", a),
        ("Nuôi trồng thuỷ sản", a),
        ("trade_services", t),
        // Division 04 does not exist; a letter that is not the code's section; words of no group.
        ("0400", None),
        ("G1010", None),
        ("khác", None),
        ("", None),
    ] {
        assert_eq!(v.group_of(cell), group, "{cell:?}");
    }
}

#[test]
fn columns_are_guessed_from_the_headers_and_the_office_can_correct_them() {
    let h = headers(
        "STT,Mã số doanh nghiệp,Tên doanh nghiệp,Địa chỉ trụ sở,Ngành nghề kinh doanh chính,Ngày thành lập,Tình trạng\n",
    );
    let m = Mapping::guess(&h);
    assert_eq!(m.0.get(&Column::TaxCode), Some(&1));
    assert_eq!(m.0.get(&Column::Name), Some(&2));
    assert_eq!(m.0.get(&Column::Commune), Some(&3));
    assert_eq!(m.0.get(&Column::Sector), Some(&4));
    assert_eq!(m.0.get(&Column::Founded), Some(&5));
    assert_eq!(m.0.get(&Column::Status), Some(&6));
    // A renamed tax-code header is not guessed; the office maps it, and the mapping comes back from its codes.
    let renamed = headers("Số ĐKKD,Tên doanh nghiệp\n");
    let mut m = Mapping::guess(&renamed);
    assert_eq!(m.missing(), vec![Column::TaxCode]);
    m.0.insert(Column::TaxCode, 0);
    assert!(m.missing().is_empty());
    assert_eq!(Mapping::from_codes(&m.codes()), m);
    assert_eq!(Column::TaxCode.code(), "tax_code");
    assert_ne!(
        Mapping::headers_key(&renamed),
        Mapping::headers_key(&h),
        "different headers, different remembered mappings"
    );
}

#[test]
fn every_row_is_checked_and_one_bad_row_never_blocks_the_others() {
    let v = Vsic::builtin().expect("the built-in VSIC table reads");
    let (a, b, c) = (code("010010910"), code("020000001"), code("030000002"));
    let bad = bad_code("040000003");
    let text = format!(
        "\u{feff}Mã số thuế,Tên,Xã/phường,Ngành chính,Ngày thành lập,Tình trạng\n\
         {a},Công ty A,Xã Tân Phú,4711,2020-01-15,Đang hoạt động\n\
         {bad},Công ty Sai,Xã Tân Phú,4711,,\n\
         ,Không mã,Xã Tân Phú,,,\n\
         {b},Công ty B,Phường 1,9999x,,\n\
         {c},Công ty C,Phường 1,C10,31/02/2019,\n\
         ,,,,,\n\
         {a}-001,Chi nhánh A,Xã Tân Phú,,,\n\
         {b},Công ty B,Phường 1,dịch vụ,,Đã giải thể\n"
    );
    let r = Registry::read_csv(&text, &Mapping::guess(&headers(&text)), &v).expect("a registry");
    assert_eq!(
        r.refused,
        vec![
            Refused {
                row: 3,
                fault: RowFault::BadTaxCode(bad)
            },
            Refused {
                row: 4,
                fault: RowFault::NoTaxCode
            },
            Refused {
                row: 5,
                fault: RowFault::BadSector("9999x".into())
            },
            Refused {
                row: 6,
                fault: RowFault::BadDate("31/02/2019".into())
            },
            // Row 7 is blank; a branch is its parent enterprise, already on row 2.
            Refused {
                row: 8,
                fault: RowFault::Repeated(2)
            },
        ]
    );
    let kept: Vec<(&str, bool, usize)> = r
        .enterprises
        .iter()
        .map(|e| (e.enterprise.as_str(), e.active, e.row))
        .collect();
    assert_eq!(kept, vec![(a.as_str(), true, 2), (b.as_str(), false, 9)]);
    assert_eq!(r.enterprises[0].founded.as_deref(), Some("2020-01-15"));
    assert_eq!(
        r.enterprises[1].sector,
        Some(SectorGroup::TradeServices),
        "words name the group"
    );
    // No tax-code column: the file is refused whole, saying which column is missing.
    assert_eq!(
        Registry::read_csv("Tên\nA\n", &Mapping::guess(&headers("Tên\n")), &v),
        Err(SheetError::Missing(vec![Column::TaxCode]))
    );
}

#[test]
fn the_commune_is_found_in_an_address() {
    assert_eq!(
        commune_of("Số 12 đường Lê Lợi, Xã Tân Phú, Tỉnh Đồng Nai"),
        "Xã Tân Phú"
    );
    assert_eq!(
        commune_of("12 Trần Phú, phường Hải Châu, Đà Nẵng"),
        "phường Hải Châu"
    );
    assert_eq!(commune_of("Đặc khu Phú Quốc"), "Đặc khu Phú Quốc");
    assert_eq!(commune_of(" Xã Hòa Bình "), "Xã Hòa Bình");
}

/// The commune is found, and a text folded by `plain`, as when `plain` joined the words of the bare text (both now
/// fold one character at a time, and the commune's words are found without making the text): checked on addresses
/// made from parts with every spelling, case, punctuation and length that matters.
#[test]
fn the_commune_is_found_as_plain_text_would_find_it() {
    use dx_check::domain::province::collate::bare;
    use dx_check::domain::province::sheet::plain;
    // `plain` as it was written before it folded one character at a time: the words of the bare text, joined.
    fn plain_words(header: &str) -> String {
        bare(header.trim())
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
    fn oracle(text: &str) -> &str {
        let t = text.trim();
        t.split(',')
            .map(str::trim)
            .find(|part| {
                let head = part
                    .char_indices()
                    .nth(16)
                    .map_or(*part, |(i, _)| &part[..i]);
                let p = plain_words(head);
                ["xa ", "phuong ", "thi tran ", "dac khu "]
                    .iter()
                    .any(|w| p.starts_with(w))
            })
            .unwrap_or(t)
    }
    let parts = [
        "Xã Tân Phú",
        "xã tân phú",
        "XÃ TÂN PHÚ",
        "Xa Tan Phu",
        "Xã",
        "Xã ",
        "Xã-Đông",
        "Xã.Đông",
        "  Xã  Đông  ",
        "Xãx Đông",
        "Phường 5",
        "phuong5",
        "Phường  Bến Nghé",
        "P. 5",
        "Thị trấn Cần Giờ",
        "Thị  trấn  X",
        "Thị-trấn X",
        "thi tran",
        "Thị trấn",
        "Đặc khu Phú Quốc",
        "Dac Khu Con Dao",
        "Đặc khu",
        "Số 12 Lê Lợi",
        "Thôn 3",
        "Ấp Bình An",
        "",
        "-- Xã A",
        "(Xã B)",
        "123 Xã C",
        "Xã Ea Kao, 2026",
        "Phườnggg Hội",
        "İstanbul Xã",
        "Thị trấn Phú Mỹ Hưng Đông Nam",
        "Xã Ia Grai ",
        "xã\tBình",
        "Phường\u{00a0}7",
    ];
    let mut checked = 0;
    for a in parts {
        for b in parts {
            for text in [
                format!("{a}, {b}"),
                format!("{a},{b}, Tỉnh Đồng Nai"),
                a.to_string(),
            ] {
                assert_eq!(commune_of(&text), oracle(&text), "{text:?}");
                assert_eq!(plain(&text), plain_words(&text), "{text:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 3000);
}

fn line(tax: &str, commune: &str, level: u8, size: SizeCategory) -> EnterpriseLine {
    EnterpriseLine {
        tax_code: tax.into(),
        name: format!("DN {tax}"),
        province: "75".into(),
        commune: commune.into(),
        sector: Sector(Some(SectorGroup::TradeServices)),
        size,
        questionnaire: dx_check::domain::assessment::text::QuestionnaireId("quick".into()),
        completed_at: "2026-03-01T08:00:00Z".into(),
        level,
        permille: 300,
        assessments: 1,
        improved: false,
    }
}

fn assessed(day: &str, level: u8, programmes: &[&str]) -> Assessed {
    Assessed {
        size: None,
        assessments: vec![Dated {
            day: day.into(),
            questionnaire: "quick".into(),
            level,
        }],
        programmes: programmes.iter().map(|p| (*p).to_string()).collect(),
    }
}

#[test]
fn coverage_and_outreach_match_a_count_by_hand() {
    let v = Vsic::builtin().expect("the built-in VSIC table reads");
    // Seven valid codes (some nine digits have no check digit that works).
    let e: Vec<String> = (10_000_001..)
        .filter_map(|n: u32| {
            let nine = format!("{n:09}");
            (0..10)
                .map(|d| format!("{nine}{d}"))
                .find(|c| TaxCode::parse(c).is_ok())
        })
        .take(7)
        .collect();
    // Registry: e0–e4 operate (e0, e1 in Tân Phú; e2, e3, e4 in Phường 1), e5 has stopped. e6 is only in results.
    let reg_text = format!(
        "Mã số thuế,Tên doanh nghiệp,Địa chỉ,Ngành chính,Tình trạng\n\
         {},A,\"1 Lê Lợi, Xã Tân Phú, Đồng Nai\",4711,\n\
         {},B,xã tân phú,0111,\n\
         {},C,Phường 1,,\n\
         {},D,Phường 1,6201,\n\
         {},E,Phường 1,4100,\n\
         {},F,Phường 1,4711,Ngừng hoạt động\n",
        e[0], e[1], e[2], e[3], e[4], e[5]
    );
    let registry =
        Registry::read_csv(&reg_text, &Mapping::guess(&headers(&reg_text)), &v).expect("read");
    // Results: e0 level 1 matching a programme, e2 level 4, e3 level 2 matching nothing, e6 level 0 matching one.
    let lines = vec![
        line(&e[0], "Xã Tân Phú", 1, SizeCategory::Micro),
        line(&e[2], "Phường 1", 4, SizeCategory::Small),
        line(&e[3], "Phường 1", 2, SizeCategory::Small),
        line(&e[6], "Xã Hòa Bình", 0, SizeCategory::Micro),
    ];
    let mut facts = BTreeMap::new();
    facts.insert(e[0].clone(), assessed("2026-03-01", 1, &["nd80-11-1"]));
    facts.insert(e[2].clone(), assessed("2026-03-01", 4, &["nd80-11-1"]));
    facts.insert(e[3].clone(), assessed("2026-03-01", 2, &[]));
    facts.insert(e[6].clone(), assessed("2026-03-01", 0, &["nd80-11-1"]));
    // Support: e2 (registered, assessed), e4 (registered, never assessed).
    let sup_text = format!(
        "Mã số thuế,Chương trình,Ngày,Số tiền\n{},Tập huấn,2026-05-01,0\n{},Tập huấn,2026-05-02,0\n",
        e[2], e[4]
    );
    let register = Register::read_csv(
        &sup_text,
        &support::Mapping::guess(&headers(&sup_text)),
        &[],
    )
    .expect("read");
    let j = join(&Sources {
        lines: &lines,
        assessed: &facts,
        registry: Some(&registry),
        register: Some(&register),
        catalogue: &[],
    });
    let cov = j.coverage.expect("a registry gives coverage");
    let cover = |registered, assessed, supported, both| Cover {
        registered,
        assessed,
        supported,
        both,
    };
    assert_eq!(cov.total, cover(5, 3, 2, 1));
    assert_eq!(cov.stopped, 1);
    assert_eq!(
        cov.outside,
        cover(0, 1, 0, 0),
        "e6 is assessed outside the registry"
    );
    assert_eq!(
        cov.by_commune,
        vec![
            ("Phường 1".to_string(), cover(3, 2, 2, 1)),
            ("Xã Tân Phú".to_string(), cover(2, 1, 0, 0)),
        ],
        "an address and a differently cased name are the same commune"
    );
    assert_eq!(
        cov.by_sector,
        vec![
            // e1 (0111), e4 (4100) | e0, e3 from the registry, e2 from its results.
            (
                Sector(Some(SectorGroup::AgriIndustryConstruction)),
                cover(2, 0, 1, 0)
            ),
            (Sector(Some(SectorGroup::TradeServices)), cover(3, 3, 1, 1)),
        ]
    );
    let by_size: BTreeMap<SizeCategory, Cover> = cov.by_size.into_iter().collect();
    assert_eq!(
        by_size.get(&SizeCategory::Unknown),
        Some(&cover(2, 0, 1, 0))
    );
    assert_eq!(by_size.get(&SizeCategory::Small), Some(&cover(2, 2, 1, 1)));
    assert_eq!(by_size.get(&SizeCategory::Micro), Some(&cover(1, 1, 0, 0)));
    let reach: Vec<(&str, &Reach)> = j
        .outreach
        .iter()
        .map(|o| (o.enterprise.as_str(), &o.reach))
        .collect();
    let no_support = |level| Reach::NoSupport {
        level,
        programmes: vec!["nd80-11-1".into()],
    };
    // By commune: Phường 1 (e4 not assessed), Xã Hòa Bình (e6), Xã Tân Phú (e1 “B” not assessed, then e0 “DN …”
    // low and unsupported): then by name.
    assert_eq!(
        reach,
        vec![
            (e[4].as_str(), &Reach::NotAssessed),
            (e[6].as_str(), &no_support(0)),
            (e[1].as_str(), &Reach::NotAssessed),
            (e[0].as_str(), &no_support(1)),
        ]
    );
    assert_eq!(j.measures.assessed, 4);
    assert_eq!(j.measures.supported, 2);
    assert!(j.has_register);
    // Without a registry nor a register: the measures only, and no outreach (nothing says who was supported).
    let alone = join(&Sources {
        lines: &lines,
        assessed: &facts,
        registry: None,
        register: None,
        catalogue: &[],
    });
    assert_eq!(alone.coverage, None);
    assert!(alone.outreach.is_empty());
    assert_eq!(alone.measures.assessed, 4);
    assert_eq!(alone.measures.supported, 0);
}

/// An XLSX registry reads as its CSV twin: text, number and date cells, a blank row, the same refusals on the same
/// rows; a damaged workbook is refused with a reason, not read as text.
#[cfg(all(feature = "xlsx", feature = "sheet-read"))]
#[test]
fn an_xlsx_registry_reads_as_its_csv() {
    use dx_check::domain::province::workbook::{WorkbookError, first_sheet_csv, is_xlsx};
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let v = Vsic::builtin().expect("the built-in VSIC table reads");
    let (a, b) = (code("010010910"), code("020000001"));
    let bad = bad_code("040000003");
    let csv = format!(
        "Mã số thuế,Tên,Xã/phường,Ngành chính,Ngày thành lập,Tình trạng\n\
         {a},Công ty A,Xã Tân Phú,4711,2020-01-15,Đang hoạt động\n\
         {bad},Công ty Sai,Xã Tân Phú,4711,,\n\
         ,,,,,\n\
         {b},Công ty B,Phường 1,C10,31/02/2019,\n"
    );
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let write = |ws: &mut rust_xlsxwriter::Worksheet| -> Result<(), rust_xlsxwriter::XlsxError> {
        for (c, h) in [
            "Mã số thuế",
            "Tên",
            "Xã/phường",
            "Ngành chính",
            "Ngày thành lập",
            "Tình trạng",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *h)?;
        }
        // The tax codes are text, as a registry export keeps them; the sector is a number, the date a date cell.
        ws.write_string(1, 0, &a)?;
        ws.write_string(1, 1, "Công ty A")?;
        ws.write_string(1, 2, "Xã Tân Phú")?;
        ws.write_number(1, 3, 4711.0)?;
        ws.write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2020, 1, 15)?, &date)?;
        ws.write_string(1, 5, "Đang hoạt động")?;
        ws.write_string(2, 0, &bad)?;
        ws.write_string(2, 1, "Công ty Sai")?;
        ws.write_string(2, 2, "Xã Tân Phú")?;
        ws.write_number(2, 3, 4711.0)?;
        // Row 4 is left blank.
        ws.write_string(4, 0, &b)?;
        ws.write_string(4, 1, "Công ty B")?;
        ws.write_string(4, 2, "Phường 1")?;
        ws.write_string(4, 3, "C10")?;
        ws.write_string(4, 4, "31/02/2019")?;
        Ok(())
    };
    write(ws).expect("the test workbook is written");
    let bytes = book.save_to_buffer().expect("the test workbook is saved");
    assert!(is_xlsx(&bytes));
    let text = first_sheet_csv(&bytes).expect("the workbook reads");
    let from_xlsx =
        Registry::read_csv(&text, &Mapping::guess(&headers(&text)), &v).expect("a registry");
    let from_csv =
        Registry::read_csv(&csv, &Mapping::guess(&headers(&csv)), &v).expect("a registry");
    assert_eq!(
        from_xlsx, from_csv,
        "the workbook reads as its CSV twin:\n{text}"
    );
    assert_eq!(from_xlsx.enterprises.len(), 1);
    assert_eq!(
        from_xlsx.enterprises[0].founded.as_deref(),
        Some("2020-01-15")
    );
    let rows: Vec<usize> = from_xlsx.refused.iter().map(|r| r.row).collect();
    assert_eq!(rows, [3, 5], "refusals keep the sheet's row numbers");
    // A damaged workbook: the ZIP signature, then nothing a reader can use.
    let mut damaged = bytes[..200].to_vec();
    damaged.extend_from_slice(&[0u8; 64]);
    assert!(matches!(
        first_sheet_csv(&damaged),
        Err(WorkbookError::Unreadable(_))
    ));
    assert!(first_sheet_csv(b"not a workbook").is_err());
}
