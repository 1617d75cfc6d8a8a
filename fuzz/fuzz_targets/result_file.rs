//! The result-file import: `ResultFile::parse` against the built-in questionnaires. A file that imports must
//! import again after the app writes it back out (`to_json`), as the bundle export does. The fast reader of large
//! files (`parse_scored_bytes`: the canonical reader, then sonic-rs under the `fast-json` feature) accepts only what
//! the careful one (`parse_scored`, serde_json) accepts, as the same record, and refuses for the same reason.
#![no_main]
use dx_check::domain::records::result_file::canonical;
use dx_check::domain::records::result_file::ResultFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The canonical reader (the tally's first choice) declines, or reads what serde_json reads, to the bit.
    if let Some(fast) = canonical::read(data) {
        let careful: ResultFile = match serde_json::from_slice(data) {
            Ok(f) => f,
            Err(e) => panic!("the canonical reader reads what serde_json refuses ({e})"),
        };
        assert_eq!(fast, careful, "the canonical reader reads it differently");
        assert_eq!(
            serde_json::to_string(&fast).ok(),
            serde_json::to_string(&careful).ok(),
            "the same values, not the same bits"
        );
    }
    dx_check_fuzz::with_questionnaires(|qs| {
        let fast = ResultFile::parse_scored_bytes(data, qs);
        let careful = dx_check_fuzz::text(data).map(|json| ResultFile::parse_scored(json, qs));
        match (fast, careful) {
            (None, _) => {}
            (Some(Ok((a, ..))), Some(Ok((b, ..)))) => assert_eq!(a, b, "the two readers read it differently"),
            (Some(Err(a)), Some(Err(b))) => assert_eq!(a, b, "the two readers refuse it for different reasons"),
            (Some(a), b) => panic!(
                "the fast reader says {:?}, the careful one {:?}",
                a.map(|_| ()),
                b.map(|r| r.map(|_| ()))
            ),
        }
    });
    let Some(json) = dx_check_fuzz::text(data) else {
        return;
    };
    dx_check_fuzz::with_questionnaires(|qs| {
        let Ok((file, _)) = ResultFile::parse(json, qs) else {
            return;
        };
        let _ = file.tax_code();
        let _ = file.to_draft();
        let again = file.to_json();
        if let Err(e) = ResultFile::parse(&again, qs) {
            panic!("an imported result file does not re-import after export: {e}\n{again}");
        }
    });
});
