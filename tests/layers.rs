//! The house rules, checked on the source as it is (`make lint` runs this test):
//! - no import cycle between the files of `src/`;
//! - the domain's wings in order: a wing imports only from the wings before it (`assessment` → `records` →
//!   `advice` → `province`), never from `catalog` or the UI; the UI's components import no page, and its services no
//!   page or component;
//! - pages do not call the browser (`web_sys`): services do;
//! - no `#[component]` function over 150 lines, and no source file over 500 lines but `expr.rs`.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const WINGS: [&str; 4] = ["assessment", "records", "advice", "province"];

/// A source file as a module path (`domain::records::profile`), its text and its line count.
struct Source {
    module: Vec<String>,
    path: PathBuf,
    text: String,
}

fn sources() -> Vec<Source> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("a readable folder")
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(&src).expect("under src");
            let mut module: Vec<String> = rel
                .with_extension("")
                .iter()
                .map(|c| c.to_string_lossy().into_owned())
                .collect();
            if module.last().is_some_and(|m| m == "mod" || m == "lib") {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).expect("a readable source");
            Source { module, path, text }
        })
        .collect()
}

/// The module paths a source refers to (`crate::…`, `super::…`, `dx_check::…`), resolved to the longest path that
/// is a file of the tree.
fn references(s: &Source, files: &BTreeSet<Vec<String>>) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    let bytes = s.text.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    for start in ["crate::", "super::", "dx_check::"] {
        for (i, _) in s.text.match_indices(start) {
            if i > 0 && (ident(bytes[i - 1]) || bytes[i - 1] == b':') {
                continue;
            }
            // The path: identifiers joined by `::` (a `{` list takes each of its first-level names).
            let rest = &s.text[i + start.len()..];
            let mut base: Vec<String> = match start {
                // A file's `super` is the module above it (for a `mod.rs`, above its folder). In a file's test
                // module, `super` is the file itself: that edge to the module above is harmless.
                "super::" => s.module[..s.module.len().saturating_sub(1)].to_vec(),
                _ => Vec::new(),
            };
            let mut segs = rest.split("::");
            let mut tail: Vec<String> = Vec::new();
            for seg in segs.by_ref() {
                let name: String = seg
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if name.is_empty() || name.len() != seg.len() && !seg.starts_with(&name) {
                    break;
                }
                tail.push(name.clone());
                if name.len() != seg.len() {
                    break;
                }
            }
            base.extend(tail);
            // Test modules' `super::*` is the file itself.
            while !base.is_empty() && !files.contains(&base) {
                base.pop();
            }
            if !base.is_empty() && base != s.module {
                out.insert(base);
            }
        }
    }
    out
}

/// Each file's module path with the module paths it refers to.
type Edges = BTreeMap<Vec<String>, BTreeSet<Vec<String>>>;

fn graph() -> (Vec<Source>, Edges) {
    let sources = sources();
    let files: BTreeSet<Vec<String>> = sources.iter().map(|s| s.module.clone()).collect();
    let edges = sources
        .iter()
        .map(|s| (s.module.clone(), references(s, &files)))
        .collect();
    (sources, edges)
}

fn name(m: &[String]) -> String {
    m.join("::")
}

/// Strongly connected components of more than one file (Tarjan).
fn cycles(edges: &Edges) -> Vec<Vec<String>> {
    struct T<'a> {
        edges: &'a Edges,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on: BTreeSet<&'a Vec<String>>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a Vec<String>) {
        let n = t.index.len();
        t.index.insert(v, n);
        t.low.insert(v, n);
        t.stack.push(v);
        t.on.insert(v);
        let edges = t.edges;
        for w in edges.get(v).into_iter().flatten() {
            if !edges.contains_key(w) {
                continue;
            }
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut scc = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                scc.push(name(w));
                if w == v {
                    break;
                }
            }
            if scc.len() > 1 {
                scc.sort();
                t.out.push(scc);
            }
        }
    }
    let mut t = T {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn no_import_cycle() {
    let (_, edges) = graph();
    let found = cycles(&edges);
    assert!(
        found.is_empty(),
        "files that import each other in a circle: {found:#?}"
    );
}

/// Where a module stands: its wing's rank in the domain, `catalog`, or the part of the UI it is in.
fn rank(m: &[String]) -> Option<(&'static str, usize)> {
    match m {
        [d, w, ..] if d == "domain" => WINGS.iter().position(|x| x == w).map(|i| ("wing", i)),
        [d, c] if d == "domain" && c == "catalog" => Some(("catalog", 9)),
        [u, l, ..] if u == "ui" => Some(match l.as_str() {
            "services" => ("services", 0),
            "components" => ("components", 0),
            "hooks" => ("hooks", 0),
            "pages" => ("pages", 0),
            "app" => ("app", 0),
            // The state, the context and its translator, routes, shared handles, words for domain values.
            _ => ("foundation", 0),
        }),
        _ => None,
    }
}

#[test]
fn wings_and_layers_import_only_downwards() {
    let (_, edges) = graph();
    let mut wrong = Vec::new();
    for (from, tos) in &edges {
        for to in tos {
            let (Some(a), Some(b)) = (rank(from), rank(to)) else {
                continue;
            };
            let bad = match (a.0, b.0) {
                ("wing", "wing") => b.1 > a.1,
                ("wing", "catalog") => true,
                (
                    "wing" | "catalog",
                    "services" | "components" | "hooks" | "pages" | "app" | "foundation",
                ) => true,
                // Components take props and give callbacks: no service, hook, page or app. Services do the browser's
                // work for the others and use none of them. Nothing below the pages uses them.
                (
                    "components" | "services",
                    "services" | "components" | "hooks" | "pages" | "app",
                ) => a.0 != b.0,
                ("foundation", "services" | "components" | "hooks" | "pages" | "app") => true,
                ("hooks", "pages" | "app") | ("pages", "app") => true,
                _ => false,
            };
            if bad {
                wrong.push(format!("{} → {}", name(from), name(to)));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layering: {wrong:#?}");
}

#[test]
fn pages_leave_the_browser_to_services() {
    let (sources, _) = graph();
    let calls: Vec<String> = sources
        .iter()
        .filter(|s| {
            s.module
                .starts_with(&["ui".to_string(), "pages".to_string()])
        })
        .filter(|s| s.text.contains("web_sys::") || s.text.contains("js_sys::"))
        .map(|s| s.path.display().to_string())
        .collect();
    assert!(
        calls.is_empty(),
        "pages that call web_sys or js_sys: {calls:#?}"
    );
}

#[test]
fn components_and_files_stay_small() {
    let (sources, _) = graph();
    let mut long = Vec::new();
    for s in &sources {
        let lines = s.text.lines().count();
        if lines > 500 && !s.path.ends_with("expr.rs") {
            long.push(format!("{}: {lines} lines", s.path.display()));
        }
        let text_lines: Vec<&str> = s.text.lines().collect();
        for (i, l) in text_lines.iter().enumerate() {
            if l.trim() != "#[component]" {
                continue;
            }
            // From the attribute to the closing brace at the start of a line.
            let end = text_lines[i + 1..]
                .iter()
                .position(|l| *l == "}")
                .map_or(text_lines.len(), |e| i + 1 + e);
            let n = end - i;
            if n > 150 {
                let f = text_lines.get(i + 1).map_or("", |f| f.trim());
                long.push(format!("{}: {f} {n} lines", s.path.display()));
            }
        }
    }
    assert!(long.is_empty(), "too long: {long:#?}");
}
