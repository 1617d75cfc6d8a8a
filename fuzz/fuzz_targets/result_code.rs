//! Result codes (`domain::result_code`): any text, or any payload sealed with a right length and checksum (so that
//! the reader behind the checksum is reached). Nothing panics; whatever decodes is a valid result file, with the
//! same scores read as one, that encodes back to a code decoding to the same file.
#![no_main]
use dx_check::domain::records::result_code::{ResultCode, seal_payload};
use dx_check::domain::records::result_file::ResultFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = if data.starts_with(b"dx") || data.starts_with(b"http") {
        match dx_check_fuzz::text(data) {
            Some(t) => t.to_string(),
            None => return,
        }
    } else {
        seal_payload(data)
    };
    dx_check_fuzz::with_questionnaires(|qs| {
        let Ok((file, q)) = ResultCode::decode(&text, qs) else {
            return;
        };
        let code = ResultCode::encode(&file, q).expect("a decoded result encodes");
        let (again, _) = ResultCode::decode(code.as_str(), qs).expect("its code decodes");
        assert_eq!(again, file, "the round trip changed the result");
        // As a result file it passes the same checks. (Its numbers are compared through the code, not through JSON:
        // serde_json reads some 17-digit numbers back one unit in the last place off.)
        let (read, _) =
            ResultFile::parse(&file.to_json(), qs).expect("a decoded result is a valid result file");
        assert_eq!(read.answers.len(), file.answers.len());
        assert_eq!(read.scores, file.scores, "the same scores as a result file");
    });
});
