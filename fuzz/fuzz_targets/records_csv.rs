//! The CSV import: `records::read_file` with a `.csv` name (text not starting with `{`/`[` goes to the CSV
//! reader), and the tally's streaming entry point `read_file_into`.
#![no_main]
use dx_check::domain::records;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = dx_check_fuzz::text(data) else {
        return;
    };
    dx_check_fuzz::with_questionnaires(|qs| {
        let read = records::read_file("x.csv", text, qs);
        for r in &read.rejected {
            let _ = records::RejectedCode::from(r);
        }
        let _ = records::to_jsonl(&read.records);
        let mut n = 0usize;
        let _ = records::read_file_into("x.csv", text, qs, &mut |_, _, _| n += 1);
        assert_eq!(n, read.records.len(), "read_file_into and read_file disagree");
    });
});
