//! The crate's modules form layers that only point down, with no import
//! circles. This reads `src/**/*.rs`, collects every `crate::…` and
//! `super::…` path outside `#[cfg(test)]` modules (resolving the crate
//! root's `pub use` re-exports), and fails naming the file and line of
//! each import that climbs a layer or closes a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Bottom to top. A module may import its own layer or any below it; a
/// module is placed by the longest entry that is a prefix of its path.
/// A new module must be added here.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "model",
        &[
            "error", "paths", "mime", "source", "diag", "outline", "deck", "recap",
        ],
    ),
    ("services", &["services", "config", "watch"]),
    ("parse", &["parse"]),
    ("layout", &["layout"]),
    ("render", &["render"]),
    ("compile", &["compile"]),
    ("output", &["output"]),
    ("serve", &["serve"]),
    ("commands", &["commands", "cli"]),
    // The crate root (`lib.rs`): the library's front door.
    ("root", &[""]),
];

/// One import: where it is written and the module it reaches.
#[derive(Debug, Clone)]
struct Edge {
    from: String,
    to: String,
    file: PathBuf,
    line: usize,
    text: String,
}

#[test]
fn imports_point_down_and_close_no_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = check(&src);
    assert!(problems.is_empty(), "{problems}");
}

/// The check itself must notice what it is for: an upward import and a
/// circle written into a copy of the tree.
#[test]
fn the_check_catches_an_upward_import_and_a_circle() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("dirs");
        std::fs::write(p, text).expect("write");
    };
    write(
        "lib.rs",
        "pub mod deck;\npub mod parse;\npub mod render;\npub use parse::Parsed;\n",
    );
    write("deck.rs", "use crate::Parsed;\npub struct Deck;\n");
    write(
        "parse/mod.rs",
        "mod roles;\nuse crate::deck::Deck;\npub struct Parsed;\n",
    );
    write(
        "parse/roles.rs",
        "use super::Parsed;\n#[cfg(test)]\nmod tests {\n    use crate::render::X;\n}\n",
    );
    // Sibling files inside one module close a circle too.
    write("render/mod.rs", "mod html;\nmod images;\n");
    write("render/html.rs", "use super::images::load;\n");
    write("render/images.rs", "use super::html::clip;\n");
    let problems = check(dir.path());
    assert!(
        problems.contains("circle: render::html -> render::images -> render::html"),
        "{problems}"
    );
    assert!(
        problems.contains("deck.rs:1: `deck` (model) imports `parse` (parse)"),
        "{problems}"
    );
    assert!(
        problems.contains("circle: deck -> parse -> deck"),
        "{problems}"
    );
    // Test modules may reach anywhere.
    assert!(!problems.contains("render::X"), "{problems}");
}

/// Every problem, one per line; empty when the tree is layered.
fn check(src: &Path) -> String {
    let files = rust_files(src);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(src, f)).collect();
    let mut reexports = BTreeMap::new();
    if let Ok(lib) = std::fs::read_to_string(src.join("lib.rs")) {
        for e in paths_in(&strip(&lib), "", &modules, &BTreeMap::new()) {
            if let Some(name) = e.text.strip_prefix("pub use ") {
                reexports.insert(name.to_string(), e.to);
            }
        }
    }
    let mut edges = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read source");
        let from = module_of(src, f);
        for mut e in paths_in(&strip(&text), &from, &modules, &reexports) {
            e.file = f.strip_prefix(src).unwrap_or(f).to_path_buf();
            if e.to != e.from {
                edges.push(e);
            }
        }
    }
    let mut out = String::new();
    for m in &modules {
        if layer(m).is_none() {
            let _ = writeln!(out, "module `{m}` is in no layer: add it to LAYERS");
        }
    }
    for e in &edges {
        let (Some(a), Some(b)) = (layer(&e.from), layer(&e.to)) else {
            continue;
        };
        if b > a {
            let _ = writeln!(
                out,
                "{}:{}: `{}` ({}) imports `{}` ({}), a higher layer: {}",
                e.file.display(),
                e.line,
                shown(&e.from),
                LAYERS[a].0,
                shown(&e.to),
                LAYERS[b].0,
                e.text
            );
        }
    }
    for circle in circles(&modules, &edges) {
        let names: Vec<&str> = circle.iter().map(|e| shown(&e.from)).collect();
        let _ = writeln!(
            out,
            "circle: {} -> {}",
            names.join(" -> "),
            shown(&circle[0].from)
        );
        for e in &circle {
            let _ = writeln!(out, "    {}:{}: {}", e.file.display(), e.line, e.text);
        }
    }
    out
}

fn shown(m: &str) -> &str {
    if m.is_empty() {
        "crate root"
    } else {
        m
    }
}

fn layer(module: &str) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, (_, prefixes)) in LAYERS.iter().enumerate() {
        for p in *prefixes {
            let hit = module == *p
                || p.is_empty()
                || module.strip_prefix(p).is_some_and(|r| r.starts_with("::"));
            if hit && best.is_none_or(|(len, _)| p.len() >= len) {
                best = Some((p.len(), i));
            }
        }
    }
    best.map(|(_, i)| i)
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read src") {
            let p = entry.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") && p != dir.join("main.rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `src/a/b.rs` and `src/a/b/mod.rs` → `a::b`; `src/lib.rs` → the root, "".
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts.join("::")
}

/// The source with comments and `#[cfg(test)] mod … { … }` blanked out;
/// line breaks stay, so line numbers do too.
fn strip(text: &str) -> String {
    let b = text.as_bytes();
    let mut out: Vec<u8> = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let mut i = 0;
    // Brace depth at which a test module started, while inside one.
    let mut test_from: Option<(usize, usize)> = None;
    let mut depth = 0usize;
    let mut pending_test = false;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            let end = b[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |n| i + n);
            blank(&mut out, i, end);
            i = end;
        } else if b[i..].starts_with(b"/*") {
            let end = text[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
            blank(&mut out, i, end);
            i = end;
        } else if b[i..].starts_with(b"#[cfg(test)]") {
            pending_test = true;
            i += "#[cfg(test)]".len();
        } else if b[i] == b'r' && (b[i..].starts_with(b"r\"") || b[i..].starts_with(b"r#")) {
            let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
            if b.get(i + 1 + hashes) == Some(&b'"') {
                let close = format!("\"{}", "#".repeat(hashes));
                let body = i + 2 + hashes;
                i = text[body..]
                    .find(&close)
                    .map_or(b.len(), |n| body + n + close.len());
            } else {
                i += 1;
            }
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else if b[i] == b'\'' {
            // A char literal ('{', '\'', '\u{7b}'), not a lifetime.
            let rest = &text[i + 1..];
            let len = if rest.starts_with('\\') {
                rest.find('\'').map(|n| n + 1)
            } else {
                rest.chars()
                    .next()
                    .filter(|_| rest.chars().nth(1) == Some('\''))
                    .map(|c| c.len_utf8() + 1)
            };
            i += 1 + len.unwrap_or(0);
        } else if b[i] == b'{' {
            if pending_test && test_from.is_none() {
                test_from = Some((i, depth));
            }
            pending_test = false;
            depth += 1;
            i += 1;
        } else if b[i] == b'}' {
            depth = depth.saturating_sub(1);
            if let Some((from, d)) = test_from {
                if d == depth {
                    blank(&mut out, from, i + 1);
                    test_from = None;
                }
            }
            i += 1;
        } else {
            if b[i] == b';' {
                // `#[cfg(test)] use …;` or `#[cfg(test)] fn f();`
                pending_test = false;
            }
            i += 1;
        }
    }
    if let Some((from, _)) = test_from {
        blank(&mut out, from, b.len());
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Each `crate::…`/`super::…` path in `text` (written in module `from`),
/// with `use` groups (`crate::a::{b, c::d}`) expanded.
fn paths_in(
    text: &str,
    from: &str,
    modules: &BTreeSet<String>,
    reexports: &BTreeMap<String, String>,
) -> Vec<Edge> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let is_ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    // `pub use x::{A, B}` in the crate root: the names it re-exports.
    let mut i = 0;
    while i < b.len() {
        let at = ["crate::", "super::", "pub use "]
            .iter()
            .filter_map(|k| text[i..].find(k).map(|n| (i + n, *k)))
            .min();
        let Some((start, kind)) = at else { break };
        i = start + kind.len();
        if start > 0 && is_ident(b[start - 1]) {
            continue;
        }
        let line = text[..start].matches('\n').count() + 1;
        let written = first_line(&text[start..]);
        if kind == "pub use " {
            if !from.is_empty() {
                continue;
            }
            // Root re-exports: `pub use m::{A, B};` → A and B live in m.
            let end = text[i..].find(';').map_or(b.len(), |n| i + n);
            for path in expand(&text[i..end]) {
                let segs: Vec<&str> = path.split("::").collect();
                if let (Some(name), Some(target)) = (segs.last(), resolve(&segs, modules)) {
                    out.push(Edge {
                        from: String::new(),
                        to: target,
                        file: PathBuf::new(),
                        line,
                        text: format!("pub use {name}"),
                    });
                }
            }
            continue;
        }
        // The base module the path starts from.
        let mut base: Vec<&str> = if kind == "crate::" {
            Vec::new()
        } else {
            from.split("::").filter(|s| !s.is_empty()).collect()
        };
        let mut j = i;
        if kind == "super::" {
            base.pop();
            while text[j..].starts_with("super::") {
                base.pop();
                j += "super::".len();
            }
        }
        let end = path_end(text, j);
        for path in expand(&text[j..end]) {
            let mut segs = base.clone();
            segs.extend(path.split("::").filter(|s| !s.is_empty() && *s != "self"));
            let to = match segs.first() {
                Some(first) if !modules.contains(*first) => {
                    reexports.get(*first).cloned().unwrap_or_default()
                }
                _ => resolve(&segs, modules).unwrap_or_default(),
            };
            out.push(Edge {
                from: from.to_string(),
                to,
                file: PathBuf::new(),
                line,
                text: written.clone(),
            });
        }
        i = end.max(i);
    }
    out
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}

/// Where a path starting at `from` ends: after its last segment or its
/// balanced `{…}` group.
fn path_end(text: &str, from: usize) -> usize {
    let b = text.as_bytes();
    let mut i = from;
    let mut depth = 0usize;
    while i < b.len() {
        let c = b[i];
        match c {
            b'{' => depth += 1,
            b'}' if depth == 0 => break,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ if depth > 0 => {}
            b':' if b.get(i + 1) == Some(&b':') => i += 1,
            _ if c.is_ascii_alphanumeric() || c == b'_' => {}
            _ => break,
        }
        i += 1;
    }
    i
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e` (renames dropped).
fn expand(path: &str) -> Vec<String> {
    let path: String = path.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(open) = path.find('{') else {
        let p = path.split(" as ").next().unwrap_or("").trim();
        return vec![p.trim_end_matches("::").to_string()];
    };
    let prefix = path[..open].trim().trim_end_matches("::");
    let inner = path[open + 1..].trim_end().trim_end_matches('}');
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    parts.push(cur);
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .flat_map(expand)
        .map(|p| match p.as_str() {
            "self" => prefix.to_string(),
            _ if prefix.is_empty() => p,
            _ => format!("{prefix}::{p}"),
        })
        .collect()
}

/// The longest known module the path names.
fn resolve(segs: &[&str], modules: &BTreeSet<String>) -> Option<String> {
    (0..=segs.len())
        .rev()
        .map(|n| segs[..n].join("::"))
        .find(|m| modules.contains(m))
}

/// The circles among sibling modules, at every level of the tree (the
/// crate's top-level modules, the files of `render/`, …), each as the
/// imports that close it. A file reaching into a sibling's descendant
/// counts as importing that sibling; `mod.rs` and the files it declares
/// are one unit, so parent and child may import each other.
fn circles(modules: &BTreeSet<String>, edges: &[Edge]) -> Vec<Vec<Edge>> {
    let segs = |m: &str| -> Vec<String> {
        m.split("::")
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    let mut graph: BTreeMap<String, Vec<Edge>> = BTreeMap::new();
    for e in edges {
        let (a, b) = (segs(&e.from), segs(&e.to));
        let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        if common == a.len() || common == b.len() {
            continue;
        }
        let sibling = |s: &[String]| s[..=common].join("::");
        let mut e = e.clone();
        e.from = sibling(&a);
        e.to = sibling(&b);
        let out = graph.entry(e.from.clone()).or_default();
        if !out.iter().any(|o| o.to == e.to) {
            out.push(e);
        }
    }
    // From each module, a depth-first search through larger names back to
    // it: every circle is found from its smallest module, once.
    let mut found = Vec::new();
    for start in modules.iter().chain(graph.keys()).collect::<BTreeSet<_>>() {
        let mut stack: Vec<(&str, Vec<&Edge>)> = vec![(start, Vec::new())];
        let mut visited = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for e in graph.get(at).into_iter().flatten() {
                if e.to == *start {
                    let mut circle: Vec<Edge> = path.iter().map(|e| (*e).clone()).collect();
                    circle.push(e.clone());
                    found.push(circle);
                } else if e.to > *start && visited.insert(e.to.as_str()) {
                    let mut next = path.clone();
                    next.push(e);
                    stack.push((&e.to, next));
                }
            }
        }
    }
    found
}
