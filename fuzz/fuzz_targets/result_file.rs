//! The result-file import: `ResultFile::parse` against the built-in questionnaires. A file that imports must
//! import again after the app writes it back out (`to_json`), as the bundle export does. The fast reader of large
//! files (`parse_scored_bytes`: the canonical reader, then sonic-rs under the `fast-json` feature) accepts only what
//! the careful one (`parse_scored`, serde_json) accepts, as the same record, and refuses for the same reason; its
//! tally form (`parse_shown_bytes`) gives the same verdict and hands on the answers of the visible questions.
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
        // The tally's form of the same path hands the record on rather than returning it: the same verdict, and
        // the answers the conditions see are those of the visible questions.
        let mut handed = None;
        let shown = ResultFile::parse_shown_bytes(data, qs, &mut |f, _, a, shown| {
            let visible = a.visibility();
            assert_eq!(shown.len(), visible.len(), "one place per question");
            for ((s, v), question) in shown.iter().zip(&visible).zip(&a.questions) {
                let stored = f.answers.get(&question.id);
                assert_eq!(*s, stored.filter(|_| *v), "question {}", question.id);
            }
            handed = Some(f.clone());
        });
        match (&fast, shown) {
            (None, None) => {}
            (Some(Ok((a, ..))), Some(Ok(()))) => assert_eq!(Some(a), handed.as_ref(), "handed on differently"),
            (Some(Err(a)), Some(Err(b))) => assert_eq!(a, &b, "the two forms refuse it for different reasons"),
            (a, b) => panic!("parse_scored_bytes says {:?}, parse_shown_bytes {:?}", a.is_some(), b),
        }
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
