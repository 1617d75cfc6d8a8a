//! Embeds the data files of `questionnaires/` without the whitespace between their tokens: the files stay laid out
//! for people to read and review, and the app's wasm carries about 1 KB (brotli) less. Strings are copied exactly.
use std::path::Path;

/// The data files `src/domain/catalog.rs` embeds.
const FILES: [&str; 8] = [
    "quick.json",
    "dbi.json",
    "provinces.json",
    "size_rules.json",
    "programmes.json",
    "locale.json",
    "locale_office.json",
    "vsic_sectors.json",
];

/// JSON text without the whitespace outside its strings.
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in FILES {
        let source = Path::new("questionnaires").join(name);
        println!("cargo::rerun-if-changed={}", source.display());
        let json = std::fs::read_to_string(&source)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", source.display()));
        std::fs::write(Path::new(&out_dir).join(name), compact(&json))
            .unwrap_or_else(|e| panic!("cannot write the compact {name}: {e}"));
    }
}
