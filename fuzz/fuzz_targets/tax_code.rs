//! The tax-code validator: `TaxCode::parse`, and `TaxCode::enterprise_key` agreeing with it. Property: an accepted code is, without whitespace, 10 digits or
//! 10 digits, `-` and 3 digits; it is stored that way and accepted again.
#![no_main]
use dx_check::domain::records::profile::TaxCode;
use libfuzzer_sys::fuzz_target;

fn digits(b: &[u8]) -> bool {
    b.iter().all(u8::is_ascii_digit)
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = dx_check_fuzz::text(data) else {
        return;
    };
    let parsed = TaxCode::parse(input);
    // The tally's allocation-free key agrees with parse, errors included.
    assert_eq!(
        TaxCode::enterprise_key(input),
        parsed
            .as_ref()
            .map(|t| t.enterprise().parse::<u64>().unwrap_or(u64::MAX))
            .map_err(Clone::clone),
        "{input:?}"
    );
    let Ok(code) = parsed else {
        return;
    };
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let b = compact.as_bytes();
    let shape = (b.len() == 10 && digits(b))
        || (b.len() == 14 && digits(&b[..10]) && b[10] == b'-' && digits(&b[11..]));
    assert!(
        shape,
        "accepted {input:?}, which is not 10 digits or 10+\"-\"+3 digits"
    );
    assert_eq!(code.as_str(), compact);
    assert_eq!(code.enterprise(), &compact[..10]);
    assert_eq!(TaxCode::parse(code.as_str()).as_ref(), Ok(&code));
});
