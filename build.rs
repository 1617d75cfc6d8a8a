//! Embeds the data files of `questionnaires/` without the whitespace between their tokens: the files stay laid out
//! for people to read and review, and the app's wasm carries about 1 KB (brotli) less. Strings are copied exactly.
//! Also names the build's domain: `DX_DOMAIN_BUILD`, a hash of every file of `src/domain/`, `questionnaires/` and
//! `Cargo.lock`, so that a tally's parts kept on a device (`ui/services/idb.rs`) are never read by another build.
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

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

/// Every file below `dir`, in name order.
fn files_below(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_below(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// A hash of the paths and contents of the files the tally's results depend on (the domain's code, its data and
/// the crates' versions), as 16 hex digits. Not a security measure: it tells one build's kept parts from
/// another's.
fn domain_build() -> String {
    let mut files = Vec::new();
    for dir in ["src/domain", "questionnaires"] {
        println!("cargo::rerun-if-changed={dir}");
        files_below(Path::new(dir), &mut files);
    }
    println!("cargo::rerun-if-changed=Cargo.lock");
    files.push(PathBuf::from("Cargo.lock"));
    // SipHash with fixed keys: the same files give the same hash on every machine.
    #[allow(deprecated)]
    let mut h = std::hash::SipHasher::new();
    for f in &files {
        f.to_string_lossy().replace('\\', "/").hash(&mut h);
        std::fs::read(f).unwrap_or_default().hash(&mut h);
    }
    format!("{:016x}", h.finish())
}

fn main() {
    println!("cargo::rustc-env=DX_DOMAIN_BUILD={}", domain_build());
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
