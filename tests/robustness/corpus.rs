//! Notes written the way people really type them, and decks written for
//! other slide tools (`tests/fixtures/corpus/`, copied from the shared
//! corpus): the folder builds with exit 0 and no refused file, every word
//! is kept, no other tool's syntax and no speaker note shows on a slide.

use crate::common;

use assert_cmd::Command;
use common::{html_text, missing_words, words};
use scraper::{ElementRef, Html, Selector};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

fn corpus_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(corpus_dir())
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, std::fs::read_to_string(&p).expect("read corpus file"))
        })
        .collect();
    files.sort();
    assert!(files.len() >= 14, "{} corpus files", files.len());
    files
}

/// Builds the whole corpus folder with the binary; pages by output path.
fn build() -> (BTreeMap<String, String>, String) {
    let out = tempfile::tempdir().expect("tempdir");
    let run = Command::cargo_bin("notedeck")
        .expect("binary")
        .arg("build")
        .arg(corpus_dir())
        .arg("-o")
        .arg(out.path())
        .output()
        .expect("run notedeck build");
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "build failed: {stderr}");
    assert!(!stderr.contains("error"), "a file was refused: {stderr}");
    let mut pages = BTreeMap::new();
    let mut stack = vec![out.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("read output").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "html") {
                let rel = p
                    .strip_prefix(out.path())
                    .map(|r| r.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                pages.insert(rel, std::fs::read_to_string(&p).expect("read page"));
            }
        }
    }
    (pages, stderr)
}

/// Text a person sees on each slide: notes, code, scripts and styles left
/// out (code may hold any syntax it likes). One string per text node.
fn visible_text(page: &str) -> Vec<Vec<String>> {
    let doc = Html::parse_document(page);
    let slides = Selector::parse("section.slide").expect("selector");
    doc.select(&slides)
        .map(|slide| {
            slide
                .descendants()
                .filter_map(|n| n.value().as_text().map(|t| (n, t.to_string())))
                .filter(|(n, _)| {
                    !n.ancestors().filter_map(ElementRef::wrap).any(|a| {
                        let v = a.value();
                        matches!(v.name(), "aside" | "pre" | "code" | "script" | "style")
                            || v.has_class("notes", scraper::CaseSensitivity::CaseSensitive)
                    })
                })
                .map(|(_, t)| t)
                .filter(|t| !t.trim().is_empty())
                .collect()
        })
        .collect()
}

/// Another tool's syntax in one piece of visible text, if any.
fn foreign_syntax(text: &str) -> Option<&'static str> {
    for line in text.lines() {
        let t = line.trim();
        if t.contains("???") {
            return Some("???");
        }
        if t == "--" {
            return Some("-- line");
        }
        if t.starts_with("class:") || t.starts_with("layout:") {
            return Some("property line");
        }
        if t.contains("<!--") {
            return Some("<!--");
        }
        if t.contains("**") {
            return Some("stray **");
        }
        if t.ends_with('\\') {
            return Some("trailing \\");
        }
    }
    let b = text.as_bytes();
    for i in 0..b.len() {
        // `.name[`
        if b[i] == b'.' {
            let n = b[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b'_')
                .count();
            if n > 0 && b.get(i + 1 + n) == Some(&b'[') {
                return Some(".name[");
            }
        }
        // `{.x}`
        if b[i] == b'{' && b.get(i + 1) == Some(&b'.') {
            return Some("{.x}");
        }
        // `:shortcode:`
        if b[i] == b':' {
            let n = b[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_lowercase() || **c == b'_')
                .count();
            if n > 1 && b.get(i + 1 + n) == Some(&b':') {
                return Some(":shortcode:");
            }
        }
    }
    None
}

#[test]
fn the_corpus_builds_without_leaks_and_keeps_every_word() {
    let (pages, _stderr) = build();
    let files = corpus_files();
    // No other tool's syntax on any slide.
    let mut leaks = Vec::new();
    for (path, page) in &pages {
        if path == "index.html" {
            continue;
        }
        for (i, slide) in visible_text(page).iter().enumerate() {
            for t in slide {
                if let Some(what) = foreign_syntax(t) {
                    leaks.push(format!("{path}#{}: {what}: {t:?}", i + 1));
                }
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks.join("\n")
    );

    // No speaker note on a slide: each note's text is absent from the
    // visible text of its deck.
    let mut shown = Vec::new();
    for (name, text) in &files {
        let src = notedeck::source::SourceFile::new(name.as_str(), text);
        let project = notedeck::Compiler::once(notedeck::BuildOptions::default())
            .compile_sources(vec![src.clone()], Vec::new())
            .expect("compile");
        for deck in &project.decks {
            let page = pages
                .iter()
                .find(|(p, _)| p.ends_with(&deck.path))
                .map(|(_, p)| p.as_str())
                .unwrap_or_default();
            let visible: String = visible_text(page)
                .concat()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            for slide in &deck.slides {
                for note in slide.all_notes() {
                    if let notedeck::outline::Block::Notes { text, .. } = note {
                        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
                        if t.chars().count() >= 12 && visible.contains(&t) {
                            shown.push(format!("{}: {t}", deck.path));
                        }
                    }
                }
            }
        }
    }
    assert!(shown.is_empty(), "notes on slides:\n{}", shown.join("\n"));

    // Every word kept, in the pages (slides, title slides, notes).
    let all = html_text(&pages.values().cloned().collect::<Vec<_>>().join("\n"));
    for (name, text) in &files {
        let reference = reference_words(text);
        let lost: Vec<&str> = missing_words(&reference, &all)
            .into_iter()
            .filter(|w| !SYNTAX_WORDS.contains(w))
            .collect();
        assert!(lost.is_empty(), "{name}: lost {lost:?}");
    }
}

/// Words that are other tools' syntax or markers, not content: they may
/// vanish. (Front matter is left out of the reference as a whole.)
const SYNTAX_WORDS: &[&str] = &[
    // speaker-notes markers and labels moved to the byline
    "Note",
    "Notes",
    "note",
    "notes",
    "NOTE",
    "speaker",
    "Speaker",
    "Referent",
    "登壇者",
    "講者",
    "المتحدثة",
    "Intervenant",
    "Talk", // remark properties and macros
    "class",
    "center",
    "middle",
    "inverse",
    "name",
    "intro",
    "agenda",
    "layout",
    "true",
    "false",
    "left",
    "right",
    "column", // Marp directives and image keywords
    "invert",
    "backgroundColor",
    "123",
    "white",
    "fit",
    "bg",
    "w",
    "300",
    "img",
    "diagram",
    "png", // reveal-md comments
    "slide",
    "data",
    "background",
    "ff0000",
    "2d2d2d",
    "element",
    "fragment",
    // Slidev tags and slots; fence languages
    "v",
    "click",
    "clicks",
    "gap",
    "two",
    "cols",
    "ts",
    "mermaid",
    "python",
    "toml",
    "sql",
    "yaml",
    "span",
    "style",
    "color",
    "red",
    "nbsp",
];

/// Words a reader of the file sees: its Markdown rendered on its own (front
/// matter left out), plus the text of its HTML comments (speaker notes
/// there are content), minus emoji shortcode names.
fn reference_words(source: &str) -> String {
    let body = strip_front_matter(source);
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(body, notedeck::parse::options()),
    );
    let mut text = html_text(&html);
    let mut rest = body;
    while let Some(a) = rest.find("<!--") {
        let after = &rest[a + 4..];
        let end = after.find("-->").unwrap_or(after.len());
        text.push(' ');
        text.push_str(&after[..end]);
        rest = &after[end..];
    }
    let codes: HashSet<&str> = shortcodes(source);
    words(&text)
        .into_iter()
        .filter(|w| !codes.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

fn strip_front_matter(source: &str) -> &str {
    if let Some(rest) = source.strip_prefix("---\n") {
        if let Some(end) = rest.find("\n---\n") {
            return &rest[end + 5..];
        }
    }
    source
}

/// Names inside `:name:` that are emoji shortcodes.
fn shortcodes(source: &str) -> HashSet<&str> {
    let mut out = HashSet::new();
    for part in source.split(':').skip(1) {
        if !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
            && emojis::get_by_shortcode(part).is_some()
        {
            for w in words(part) {
                out.insert(w);
            }
        }
    }
    out
}

/// Talk decks per file, as a presenter counts them (the corpus README);
/// a group with content of its own but no talks (`## Things to look up`)
/// and a long intro ("About …") are decks too.
const TALKS: &[(&str, usize)] = &[
    ("blockquote-talks.md", 4),
    ("conf-day-talk-h3.md", 8 + 1),
    ("doc-export.md", 3 + 1),
    ("h1-per-talk.md", 5),
    ("intro-lines-tables-code.md", 4),
    ("keynotes-h3-separators.md", 6),
    ("many-short-talks.md", 30),
    ("marp-deck.md", 1),
    ("multilingual.md", 5),
    ("packed-subtrees.md", 8),
    ("remark-deck.md", 1),
    ("revealmd-deck.md", 1),
    ("slidev-deck.md", 1),
    ("speaker-notes-mixed.md", 5),
];

#[test]
fn each_file_makes_the_talks_a_presenter_expects() {
    for (name, text) in corpus_files() {
        let src = notedeck::source::SourceFile::new(name.as_str(), &text);
        let p = notedeck::Compiler::once(notedeck::BuildOptions::default())
            .compile_sources(vec![src.clone()], Vec::new())
            .expect("compile");
        let want = TALKS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, n)| *n)
            .unwrap_or_else(|| panic!("{name}: no expected count"));
        let titles: Vec<&str> = p.decks.iter().map(|d| d.title.text.trim()).collect();
        assert_eq!(titles.len(), want, "{name}: {titles:?}");
    }
    // The slide tools' own separators make the slides, title slide
    // included: nine in the Marp deck and seven in the Slidev one (README);
    // remark's eight parts between `---` less its `layout: true` template;
    // reveal-md's ten parts between `---`/`----` after the front matter.
    for (name, slides) in [
        ("marp-deck.md", 9),
        ("slidev-deck.md", 7),
        ("remark-deck.md", 7),
        ("revealmd-deck.md", 10),
    ] {
        let text = std::fs::read_to_string(corpus_dir().join(name)).expect("deck");
        let src = notedeck::source::SourceFile::new(name, &text);
        let p = notedeck::Compiler::once(notedeck::BuildOptions::default())
            .compile_sources(vec![src.clone()], Vec::new())
            .expect("compile");
        assert_eq!(p.decks[0].slides.len(), slides, "{name}");
    }
}

#[test]
fn the_syntax_scan_finds_what_it_looks_for() {
    for leak in [
        "???",
        "--",
        "class: center, middle",
        "layout: two-cols",
        ".left-column[",
        "<!-- _class: lead -->",
        "Title {.big}",
        "ship it :rocket:",
        "a **bold",
        "line\\",
    ] {
        assert!(foreign_syntax(leak).is_some(), "{leak}");
    }
    for fine in ["time: 10:30", "e.g. a list", "a — b", "Note the `rows`"] {
        assert_eq!(foreign_syntax(fine), None, "{fine}");
    }
}
