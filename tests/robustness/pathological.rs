//! Hostile notes: huge, deep, odd bytes. Each case compiles on a thread
//! with a normal 2 MB stack (no stack overflow, no panic), keeps its
//! content, and the real binary builds it within a generous memory bound.

use crate::common;

use common::{compile_text, html_text, on_small_stack};
use notedeck::outline::Lines;
use std::collections::HashSet;

/// Peak resident memory any build child may reach. A resource limit, not
/// a timing: the user's notes take a few MB.
// 1.5 GB: the 10,000-talk build holds every page plus the recap show in
// memory before writing (about 1.1 GB peak in a debug build).
const MAX_RSS_KB: i64 = 3 << 19;

/// Builds `text` with the real binary in a child process; returns its
/// exit code. Asserts the peak RSS of children stays under the bound
/// (`RUSAGE_CHILDREN` is the maximum over every child reaped so far, so it
/// bounds this one too).
fn build_in_child(name: &str, text: &str) -> i32 {
    // tmpfs when there is one: this measures memory, and 10,000 fsyncs on
    // a real disk only make the test slow.
    let shm = std::path::Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm).expect("tempdir")
    } else {
        tempfile::tempdir().expect("tempdir")
    };
    let notes = dir.path().join(name);
    std::fs::write(&notes, text).expect("write notes");
    let out = dir.path().join("dist");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_notedeck"))
        .arg("build")
        .arg(&notes)
        .arg("-o")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run notedeck");
    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .expect("getrusage");
    assert!(
        usage.max_rss() < MAX_RSS_KB,
        "{name}: peak RSS {} KB",
        usage.max_rss()
    );
    assert!(out.join("index.html").is_file(), "{name}: no index");
    status.code().expect("exit code")
}

fn visible(pages: &std::collections::BTreeMap<String, String>) -> HashSet<String> {
    let mut words = HashSet::new();
    for html in pages.values() {
        for w in common::words(&html_text(html)) {
            words.insert(w.to_string());
        }
    }
    words
}

#[test]
fn lists_nested_ten_thousand_deep() {
    // Alternating markers on one line: 10,000 nested lists in 40 KB
    // (the same depth by indentation would be 100 MB of spaces).
    let mut md = String::from("## Deep\n\n");
    for i in 0..10_000 {
        md.push_str(["- ", "* ", "+ "][i % 3]);
    }
    md.push_str("bottom\n\n* after\n");
    let text = md.clone();
    let (project, pages) = on_small_stack(move || compile_text("deep.md", &text));
    let words = visible(&pages);
    assert!(words.contains("bottom") && words.contains("after"));
    let warned = project
        .diagnostics
        .iter()
        .any(|d| d.line == 3 && d.message.contains("nested deeper than"));
    assert!(warned, "{:?}", project.diagnostics);
    assert_eq!(build_in_child("deep.md", &md), 0);
}

#[test]
fn ordered_lists_nested_ten_thousand_deep_by_indentation_of_one_marker() {
    let mut md = String::from("## Deep\n\n");
    md.push_str(&"1. ".repeat(10_000));
    md.push_str("bottom\n");
    let text = md.clone();
    let (_, pages) = on_small_stack(move || compile_text("deep1.md", &text));
    assert!(visible(&pages).contains("bottom"));
    assert_eq!(build_in_child("deep1.md", &md), 0);
}

#[test]
fn blockquotes_nested_ten_thousand_deep() {
    let md = format!("## Quotes\n\n{}deepest words\n", "> ".repeat(10_000));
    let text = md.clone();
    let (_, pages) = on_small_stack(move || compile_text("quotes.md", &text));
    let words = visible(&pages);
    assert!(words.contains("deepest") && words.contains("words"));
    assert_eq!(build_in_child("quotes.md", &md), 0);
}

#[test]
fn a_five_megabyte_single_line() {
    let mut line = String::with_capacity(5 << 20);
    let mut i = 0;
    while line.len() < 5 << 20 {
        line.push_str(&format!("w{i} "));
        i += 1;
    }
    let md = format!("## Long\n\n{line}\n");
    let text = md.clone();
    let (_, pages) = on_small_stack(move || compile_text("long.md", &text));
    let words = visible(&pages);
    let missing: Vec<String> = (0..i)
        .map(|k| format!("w{k}"))
        .filter(|w| !words.contains(w))
        .take(5)
        .collect();
    assert!(missing.is_empty(), "{i} words, missing {missing:?}");
    assert_eq!(build_in_child("long.md", &md), 0);
}

#[test]
fn a_hundred_thousand_bullets_in_one_talk() {
    let mut md = String::from("## Many\n\n");
    for i in 0..100_000 {
        md.push_str(&format!("* b{i}\n"));
    }
    let text = md.clone();
    let (project, pages) = on_small_stack(move || compile_text("many.md", &text));
    assert_eq!(project.decks.len(), 1);
    let deck = &project.decks[0];
    assert!(common::duplicates(deck).is_empty());
    let words = visible(&pages);
    let missing = (0..100_000)
        .filter(|k| !words.contains(&format!("b{k}")))
        .count();
    assert_eq!(missing, 0);
    // Source order is kept across slides.
    let firsts: Vec<u32> = deck.slides[1..].iter().map(|s| s.lines.start).collect();
    assert!(firsts.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(build_in_child("many.md", &md), 0);
}

#[test]
fn ten_thousand_talks_in_one_file() {
    let mut md = String::from("# Day\n\n");
    for i in 0..10_000 {
        // Every fifth title repeats, so slugs need suffixes.
        md.push_str(&format!("## Talk {}\n\n* point{i}\n\n", i % 5));
    }
    let text = md.clone();
    let (project, pages) = on_small_stack(move || compile_text("talks.md", &text));
    assert_eq!(project.decks.len(), 10_000);
    // Every deck, the index, the recap show and the reading copy.
    assert_eq!(pages.len(), 10_003);
    let paths: HashSet<&str> = project.decks.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths.len(), 10_000, "deck paths collide");
    for (i, d) in project.decks.iter().enumerate() {
        let html = &pages[&d.path];
        assert!(html.contains(&format!("point{i}<")), "{}", d.path);
    }
    assert_eq!(build_in_child("talks.md", &md), 0);
}

#[test]
fn a_ten_thousand_character_title() {
    let title: String = (0..1100)
        .map(|i| format!("t{i:04}wxyz"))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(title.chars().count() >= 10_000);
    let md = format!("## {title}\n\n* body\n");
    let text = md.clone();
    let (project, pages) = on_small_stack(move || compile_text("title.md", &text));
    let deck = &project.decks[0];
    assert_eq!(deck.title.text, title);
    // The file name stays short whatever the title.
    assert!(deck.slug.len() <= 60, "{}", deck.slug);
    let words = visible(&pages);
    assert!(common::words(&title).iter().all(|w| words.contains(*w)));
    assert_eq!(build_in_child("title.md", &md), 0);
}

#[test]
fn nul_bytes_become_replacement_characters() {
    let md = "## Nul\0title\n\n* before\0after\n* \0\n";
    let (project, pages) = on_small_stack(move || compile_text("nul.md", md));
    let words = visible(&pages);
    for w in ["Nul", "title", "before", "after"] {
        assert!(words.contains(w), "{w}");
    }
    assert!(pages.values().all(|h| !h.contains('\0')));
    assert!(project.decks[0].title.text.contains('\u{FFFD}'));
    assert_eq!(build_in_child("nul.md", md), 0);
}

#[test]
fn a_byte_order_mark_is_not_content() {
    let md = "\u{FEFF}## Title\n\n* x\n";
    let (project, _) = on_small_stack(move || compile_text("bom.md", md));
    assert_eq!(project.decks.len(), 1);
    assert_eq!(project.decks[0].title.text, "Title");
    assert_eq!(project.decks[0].line, 1);
    assert_eq!(build_in_child("bom.md", md), 0);
}

fn line_ending_case(name: &str, eol: &str) {
    let md = [
        "## Talk", "", "* a", "  * b", "* c", "", "### Part", "", "* d", "",
    ]
    .join(eol);
    let text = md.clone();
    let (project, pages) = on_small_stack(move || compile_text("eol.md", &text));
    let deck = &project.decks[0];
    assert_eq!(deck.title.text, "Talk", "{name}");
    let lines: Vec<Lines> = deck.slides.iter().map(|s| s.lines).collect();
    assert_eq!(
        lines,
        // A small subtree packs with its siblings (layout, issue #12).
        [Lines::new(1, 1), Lines::new(3, 5), Lines::new(7, 9)],
        "{name}"
    );
    let words = visible(&pages);
    for w in ["a", "b", "c", "d", "Part"] {
        assert!(words.contains(w), "{name}: {w}");
    }
    assert!(pages.values().all(|h| !h.contains('\r')), "{name}");
    assert_eq!(build_in_child("eol.md", &md), 0);
}

#[test]
fn crlf_line_endings() {
    line_ending_case("CRLF", "\r\n");
}

#[test]
fn lone_cr_line_endings() {
    line_ending_case("CR", "\r");
}

#[test]
fn tabs_for_indentation() {
    let md = "## Tabs\n\n* parent\n\t* child\n\t\t* grandchild\n* next\n";
    let (project, _) = on_small_stack(move || compile_text("tabs.md", md));
    let deck = &project.decks[0];
    let titles: Vec<String> = deck.slides.iter().map(|s| s.title_text()).collect();
    assert_eq!(titles, ["Tabs", "Tabs"]);
    let text = common::deck_model_text(deck);
    for w in ["child", "grandchild", "next"] {
        assert!(common::words(&text).contains(&w), "{w}");
    }
    assert_eq!(build_in_child("tabs.md", md), 0);
}

#[test]
fn the_deep_list_warning_names_the_file_and_line() {
    let mut md = String::from("## Deep\n\n* top\n");
    for i in 1..60 {
        md.push_str(&format!("{}* level{i}\n", "  ".repeat(i)));
    }
    let (project, _) = on_small_stack(move || compile_text("warn.md", &md));
    let d = project
        .diagnostics
        .iter()
        .find(|d| d.message.contains("nested deeper than"))
        .expect("a warning");
    let shown = d.to_string();
    // The first list past the cap starts on line 3 + MAX_DEPTH.
    let line = 3 + notedeck::parse::MAX_DEPTH as u32;
    assert!(shown.starts_with(&format!("warn.md:{line}:")), "{shown}");
    let text = common::deck_model_text(&project.decks[0]);
    assert!(common::words(&text).contains(&"level59"));
}

#[test]
fn inline_nesting_ten_thousand_deep_and_a_ten_thousand_row_table() {
    let n = 10_000;
    let md = format!(
        "## Inline\n\n{}linkword{}\n\n{}emword{}\n\n{}strongword{}\n\n{}\n\n| head |\n|---|\n{}",
        "[".repeat(n),
        "](u)".repeat(n),
        "*a ".repeat(n),
        "*".repeat(n),
        "_".repeat(n),
        "_".repeat(n),
        "`".repeat(n),
        (0..n).map(|i| format!("| row{i} |\n")).collect::<String>()
    );
    let text = md.clone();
    let (_, pages) = on_small_stack(move || compile_text("inline.md", &text));
    let words = visible(&pages);
    for w in [
        "linkword",
        "emword",
        "strongword",
        "head",
        "row0",
        "row9999",
    ] {
        assert!(words.contains(w), "{w}");
    }
    assert_eq!(build_in_child("inline.md", &md), 0);
}
