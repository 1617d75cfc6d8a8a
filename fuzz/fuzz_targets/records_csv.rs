//! The CSV import: `reader::read_file` with a `.csv` name (text not starting with `{`/`[` goes to the CSV
//! reader), and the tally's streaming entry point `read_file_into`. Property: a record read from CSV can be
//! written as JSON Lines (what `dxcheck csv`/tally exports and warehouses read) and read back unchanged in count,
//! which needs every number in it to be one JSON can hold.
#![no_main]
use dx_check::domain::records::reader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = dx_check_fuzz::text(data) else {
        return;
    };
    dx_check_fuzz::with_questionnaires(|qs| {
        let read = reader::read_file("x.csv", text, qs);
        for r in &read.rejected {
            let _ = reader::Refused::from(r);
        }
        for r in &read.records {
            let p = &r.profile;
            for (what, v) in [
                ("revenue_bn", p.revenue_bn),
                ("capital_bn", p.capital_bn),
                ("female_share_pct", p.female_share_pct),
            ] {
                assert!(
                    v.is_none_or(f64::is_finite),
                    "CSV import accepted {what} = {v:?}, which JSON cannot hold"
                );
            }
        }
        let back = reader::read_file("y.jsonl", &reader::to_jsonl(&read.records), qs);
        assert_eq!(
            back.records.len(),
            read.records.len(),
            "CSV records lost in JSON Lines"
        );
        let mut n = 0usize;
        let _ = reader::read_file_into("x.csv", text, qs, &mut |_, _, _| n += 1);
        assert_eq!(
            n,
            read.records.len(),
            "read_file_into and read_file disagree"
        );
    });
});
