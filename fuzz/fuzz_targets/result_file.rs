//! The result-file import: `ResultFile::parse` against the built-in questionnaires. A file that imports must
//! import again after the app writes it back out (`to_json`), as the bundle export does.
#![no_main]
use dx_check::domain::result_file::ResultFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
