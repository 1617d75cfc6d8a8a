//! The locale number reader: `locale::parse_number` in both languages. Properties: a number read is finite, and
//! the app's own way of writing it (`format_decimal`) reads back as the same number.
#![no_main]
use dx_check::domain::assessment::locale::{format_decimal, parse_number};
use dx_check::domain::assessment::text::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(input) = dx_check_fuzz::text(data) else {
        return;
    };
    for lang in [Lang::Vi, Lang::En] {
        if let Some(v) = parse_number(input, lang) {
            assert!(v.is_finite(), "{input:?} read as {v}");
            let shown = format_decimal(v, lang);
            assert_eq!(
                parse_number(&shown, lang),
                Some(v),
                "{input:?} -> {v} -> {shown:?} in {lang:?}"
            );
        }
    }
});
