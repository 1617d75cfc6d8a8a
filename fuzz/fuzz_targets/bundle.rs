//! The workshop-bundle import: `bundle::import` against the built-in questionnaires.
#![no_main]
use dx_check::domain::records::bundle;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(json) = dx_check_fuzz::text(data) else {
        return;
    };
    dx_check_fuzz::with_questionnaires(|qs| {
        let mut ids = dx_check_fuzz::counter_ids();
        if let Ok(import) = bundle::import(json, qs, &mut ids, dx_check_fuzz::NOW) {
            assert!(
                import.rejected.len() <= import.records,
                "more rejections than records"
            );
            for (position, _) in &import.rejected {
                assert!(
                    (1..=import.records).contains(position),
                    "rejection at {position}"
                );
            }
        }
    });
});
