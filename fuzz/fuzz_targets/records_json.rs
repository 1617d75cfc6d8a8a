//! The multi-format record reader on JSON: `reader::read_file` as `x.json` (single result, bundle, array,
//! concatenated objects) and as `x.jsonl` (JSON Lines), and the streaming `read_file_into` for JSON Lines.
#![no_main]
use dx_check::domain::records::reader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = dx_check_fuzz::text(data) else {
        return;
    };
    dx_check_fuzz::with_questionnaires(|qs| {
        let json = reader::read_file("x.json", text, qs);
        let lines = reader::read_file("x.jsonl", text, qs);
        for r in json.rejected.iter().chain(&lines.rejected) {
            let _ = reader::Refused::from(r);
        }
        // Records written as JSON Lines read back as the same number of records.
        let out = reader::to_jsonl(&lines.records);
        let back = reader::read_file("y.jsonl", &out, qs);
        assert_eq!(
            back.records.len(),
            lines.records.len(),
            "JSON Lines round trip lost records"
        );
        let mut n = 0usize;
        let rejected = reader::read_file_into("x.jsonl", text, qs, &mut |_, _, _| n += 1);
        assert_eq!(
            n,
            lines.records.len(),
            "read_file_into and read_file disagree on JSON Lines"
        );
        assert_eq!(rejected.len(), lines.rejected.len());
    });
});
