//! The office's own tables for generated enterprises, as its spreadsheets saved as CSV: the support register
//! (docs/support-register.md) and the enterprise registry (docs/registry.md), each with rows that break its rules,
//! so that a reader has something to flag and to refuse. The same seed gives the same tables.
use super::{FIRST_DAY, Rng, SPAN, tax_code};
use crate::domain::records::profile::SectorGroup;
use crate::domain::records::result_file::ResultFile;
use std::collections::BTreeMap;

/// Notes the day of an enterprise's first completed assessment (days since 1970, by its 10-digit tax code), as
/// [`support_register`] takes them; records without a valid tax code or completion time are left out.
pub fn note_first_assessment(first: &mut std::collections::BTreeMap<String, i64>, r: &ResultFile) {
    use crate::domain::records::calendar::parse_millis;
    use crate::domain::records::profile::TaxCode;
    use crate::domain::records::result_file::ResultStatus;
    if r.status != ResultStatus::Completed {
        return;
    }
    let (Ok(code), Some(ms)) = (
        TaxCode::parse(&r.profile.tax_code),
        r.completed_at.as_deref().and_then(parse_millis),
    ) else {
        return;
    };
    let day = ms.div_euclid(86_400_000);
    let e = first.entry(code.enterprise().to_string()).or_insert(day);
    *e = (*e).min(day);
}

/// A support register (`docs/support-register.md`) for generated enterprises, as an office's spreadsheet saved as
/// CSV: `enterprises` maps each 10-digit tax code to the day of its first completed assessment
/// ([`note_first_assessment`]). About 30 % of them are supported, in one to three rows, under a capped programme
/// of the catalogue or a programme named in free text. Some rows break each rule the flags check (above a cap,
/// before the first assessment, a tax code not among the results; sizes follow from the records), and about 1 %
/// are broken (a wrong check digit, a date that is not a day, an amount in words), so a reader has something to
/// refuse. Dates and amounts are written in both of the forms spreadsheets use. The same seed gives the same
/// register.
pub fn support_register(
    enterprises: &std::collections::BTreeMap<String, i64>,
    capped: &[&str],
    seed: u64,
) -> String {
    use crate::domain::records::calendar::civil_from_days;
    const FREE: [&str; 3] = [
        "Hội thảo chuyển đổi số của tỉnh",
        "Tập huấn kỹ năng số",
        "Tư vấn tại chỗ",
    ];
    const KINDS: [&str; 4] = ["Tư vấn", "Đào tạo", "Nền tảng số", "Thiết bị"];
    const FUNDS: [&str; 3] = ["Ngân sách trung ương", "Ngân sách tỉnh", "Xã hội hóa"];
    // Its own stream: the register does not repeat the records' draws.
    let mut rng = Rng(seed ^ 0x5eed_5eed_0000_0001);
    let mut rows: Vec<[String; 6]> = Vec::new();
    let row = |rng: &mut Rng, tax: &str, day: i64, programme: Option<&str>| -> [String; 6] {
        let (y, m, d) = civil_from_days(day);
        let date = if rng.chance(0.5) {
            format!("{y:04}-{m:02}-{d:02}")
        } else {
            format!("{d:02}/{m:02}/{y:04}")
        };
        let (programme, amount) = match programme {
            Some(p) => {
                // Mostly 5–40 million; one row in twenty above any cap (120–200 million).
                let millions = if rng.chance(0.05) {
                    120 + rng.below(81)
                } else {
                    5 + rng.below(36)
                };
                (p.to_string(), millions as u64 * 1_000_000)
            }
            None => (
                FREE[rng.below(FREE.len())].to_string(),
                rng.below(51) as u64 * 100_000,
            ),
        };
        let amount = if rng.chance(0.5) {
            amount.to_string()
        } else {
            let s = amount.to_string();
            let mut out = String::new();
            for (i, c) in s.chars().enumerate() {
                if i > 0 && (s.len() - i) % 3 == 0 {
                    out.push('.');
                }
                out.push(c);
            }
            out
        };
        [
            tax.to_string(),
            programme,
            KINDS[rng.below(KINDS.len())].to_string(),
            date,
            amount,
            FUNDS[rng.below(FUNDS.len())].to_string(),
        ]
    };
    for (tax, &first) in enterprises {
        if !rng.chance(0.3) {
            continue;
        }
        for _ in 0..1 + rng.below(3) {
            // One row in ten comes before the first assessment.
            let day = if rng.chance(0.1) {
                first - 1 - rng.below(90) as i64
            } else {
                // Never after the records' last day: a register holds no support still to come.
                (first + 1 + rng.below(200) as i64).min(FIRST_DAY + SPAN)
            };
            let programme =
                (!capped.is_empty() && rng.chance(0.7)).then(|| capped[rng.below(capped.len())]);
            rows.push(row(&mut rng, tax, day, programme));
        }
    }
    // Enterprises not among the results, about one for fifty supported.
    for _ in 0..1 + rows.len() / 50 {
        let tax = loop {
            let t = tax_code(&mut rng);
            if !enterprises.contains_key(&t) {
                break t;
            }
        };
        let programme = capped.first().copied();
        let day = FIRST_DAY + rng.below(SPAN as usize) as i64;
        rows.push(row(&mut rng, &tax, day, programme));
    }
    // Broken rows, about one in a hundred, at least one of each kind.
    let broken = (rows.len() / 100).max(3);
    for i in 0..broken {
        let at = rng.below(rows.len().max(1));
        let Some(mut r) = rows.get(at).cloned() else {
            break;
        };
        match i % 3 {
            0 => {
                let last = r[0].pop().and_then(|c| c.to_digit(10)).unwrap_or(0);
                r[0].push(char::from(b'0' + ((last + 1) % 10) as u8));
            }
            1 => r[3] = "31/02/2026".into(),
            _ => r[4] = "50tr".into(),
        }
        rows.insert(at, r);
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "Mã số thuế",
        "Chương trình",
        "Hình thức hỗ trợ",
        "Ngày hỗ trợ",
        "Số tiền (VNĐ)",
        "Nguồn kinh phí",
    ];
    // Writing to memory does not fail.
    let _ = w.write_record(header);
    for r in &rows {
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// What the registry lists of a generated enterprise: its name, commune and sector group, as its profile gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Name.
    pub name: String,
    /// Commune or ward.
    pub commune: String,
    /// Sector group.
    pub sector: Option<SectorGroup>,
}

/// Notes an enterprise for the registry (by its 10-digit tax code), from any record of it with a valid tax code,
/// drafts included: an enterprise is registered whether or not it finished its assessment.
pub fn note_listed(listed: &mut BTreeMap<String, Listed>, r: &ResultFile) {
    use crate::domain::records::profile::TaxCode;
    let Ok(code) = TaxCode::parse(&r.profile.tax_code) else {
        return;
    };
    listed
        .entry(code.enterprise().to_string())
        .or_insert_with(|| Listed {
            name: r.profile.name.clone(),
            commune: r.profile.commune.clone(),
            sector: r.profile.sector,
        });
}

/// An enterprise registry (`docs/registry.md`) for generated enterprises, as exported from the business
/// registration system and saved as CSV: about 95 % of the `listed` enterprises (the others are assessed but missing
/// from it, as happens when the export is older than the enterprise), and `extra` more that were never assessed, in
/// the same communes. Addresses name the commune inside a longer text; sectors are VSIC codes, some with their
/// section letter and some in words; about 3 % have stopped. About 1 % of the rows are broken (a wrong check digit,
/// a sector that is no VSIC code, a founding date that is not a day, an enterprise on two rows), at least one of
/// each kind. The same seed gives the same registry.
pub fn registry(listed: &BTreeMap<String, Listed>, extra: usize, seed: u64) -> String {
    use crate::domain::records::calendar::civil_from_days;
    const AGRI: [&str; 5] = ["0111", "01500", "1010", "C2511", "4100"];
    const TRADE: [&str; 6] = [
        "4711",
        "46320",
        "5610",
        "H4933",
        "6201",
        "Bán lẻ hàng may mặc",
    ];
    const STREETS: [&str; 4] = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hùng Vương"];
    let mut rng = Rng(seed ^ 0x5eed_0000_7e61_5747);
    let communes: Vec<&str> = {
        let mut c: Vec<&str> = listed.values().map(|l| l.commune.as_str()).collect();
        c.sort_unstable();
        c.dedup();
        c
    };
    let mut rows: Vec<[String; 6]> = Vec::new();
    let mut row =
        |rng: &mut Rng, tax: &str, name: &str, commune: &str, sector: Option<SectorGroup>| {
            let address = if commune.is_empty() {
                String::new()
            } else {
                format!(
                    "Số {} {}, {commune}",
                    1 + rng.below(200),
                    STREETS[rng.below(STREETS.len())]
                )
            };
            let sector = match sector {
                Some(SectorGroup::AgriIndustryConstruction) => AGRI[rng.below(AGRI.len())],
                Some(SectorGroup::TradeServices) => TRADE[rng.below(TRADE.len())],
                None => "",
            };
            let (y, m, d) = civil_from_days(FIRST_DAY - 200 - rng.below(5000) as i64);
            let founded = if rng.chance(0.5) {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{d:02}/{m:02}/{y:04}")
            };
            let status = if rng.chance(0.02) {
                "Đã giải thể"
            } else if rng.chance(0.01) {
                "Tạm ngừng kinh doanh"
            } else {
                "Đang hoạt động"
            };
            rows.push([
                tax.to_string(),
                name.to_string(),
                address,
                sector.to_string(),
                founded,
                status.to_string(),
            ]);
        };
    for (tax, l) in listed {
        if rng.chance(0.95) {
            row(&mut rng, tax, &l.name, &l.commune, l.sector);
        }
    }
    for i in 0..extra {
        let tax = loop {
            let t = tax_code(&mut rng);
            if !listed.contains_key(&t) {
                break t;
            }
        };
        let commune = communes
            .get(rng.below(communes.len().max(1)))
            .copied()
            .unwrap_or("");
        let sector = if rng.chance(0.3) {
            SectorGroup::AgriIndustryConstruction
        } else {
            SectorGroup::TradeServices
        };
        row(
            &mut rng,
            &tax,
            &format!("Công ty TNHH Mới {}", i + 1),
            commune,
            Some(sector),
        );
    }
    let broken = (rows.len() / 100).max(4);
    for i in 0..broken {
        let at = rng.below(rows.len().max(1));
        let Some(mut r) = rows.get(at).cloned() else {
            break;
        };
        match i % 4 {
            0 => {
                let last = r[0].pop().and_then(|c| c.to_digit(10)).unwrap_or(0);
                r[0].push(char::from(b'0' + ((last + 1) % 10) as u8));
            }
            1 => r[3] = "99999x".into(),
            2 => r[4] = "30/02/2019".into(),
            // The same enterprise again, after its first row.
            _ => {}
        }
        rows.insert(at + 1, r);
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to memory does not fail.
    let _ = w.write_record([
        "Mã số doanh nghiệp",
        "Tên doanh nghiệp",
        "Địa chỉ trụ sở",
        "Ngành nghề kinh doanh chính",
        "Ngày thành lập",
        "Tình trạng",
    ]);
    for r in &rows {
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
