//! Content preservation: every word of a talk's notes appears in that
//! talk's deck (slide titles, bodies or speaker notes, in the model and in
//! the rendered HTML), and no list item or paragraph is shown on two
//! slides of one deck. Checked over the user's notes, the CommonMark spec
//! corpus and generated notes (proptest).

use crate::common;

use common::{compile_text, deck_model_text, duplicates, html_text, missing_words};
use notedeck::deck::Deck;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Words the reader of the notes sees in one talk: its source lines
/// rendered by pulldown-cmark on their own, tags stripped. Independent of
/// notedeck's parse and layout.
fn reference_words(source: &str, deck: &Deck) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let from = (deck.line as usize).saturating_sub(1);
    let to = (deck.end_line as usize).min(lines.len());
    // A talk's `by:` / `minutes:` / `lang:` lines are settings, not content.
    let setting = |l: &&str| {
        ["by:", "presenter:", "minutes:", "lang:"]
            .iter()
            .any(|k| l.starts_with(k))
    };
    let section = lines[from..to]
        .iter()
        .filter(|l| !setting(l))
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(&section, notedeck::parse::options()),
    );
    let text = html_text(&html);
    // `Note:` is the speaker-notes marker, not content.
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !matches!(*w, "Note" | "Notes" | "note" | "notes"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_deck(source: &str, deck: &Deck, pages: &BTreeMap<String, String>) {
    let reference = reference_words(source, deck);
    let model = deck_model_text(deck);
    let lost = missing_words(&reference, &model);
    assert!(lost.is_empty(), "{}: model lost {lost:?}", deck.path);
    let shown = html_text(&pages[&deck.path]);
    let lost = missing_words(&reference, &shown);
    assert!(lost.is_empty(), "{}: HTML lost {lost:?}", deck.path);
    let dups = duplicates(deck);
    assert!(dups.is_empty(), "{}: shown twice {dups:?}", deck.path);
}

#[test]
fn the_users_notes_keep_every_word_once() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/talks/rustconf-2025/day-one.md"
    );
    let source = std::fs::read_to_string(path).expect("user notes");
    let (project, pages) = compile_text("day-one.md", &source);
    assert_eq!(project.decks.len(), 8);
    for deck in &project.decks {
        check_deck(&source, deck, &pages);
    }
    // And nothing of the file is lost overall (the H1 and intro included).
    let all = html_text(&pages.values().cloned().collect::<Vec<_>>().join("\n"));
    let mut html = String::new();
    // Front matter and a talk's setting lines are settings, not content.
    let body = source
        .splitn(3, "---\n")
        .nth(2)
        .expect("the example has front matter");
    let body: String = body
        .lines()
        .filter(|l| !["by:", "minutes:"].iter().any(|k| l.starts_with(k)))
        .map(|l| format!("{l}\n"))
        .collect();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&body));
    let reference = html_text(&html);
    let lost: Vec<&str> = missing_words(&reference, &all)
        .into_iter()
        .filter(|w| !matches!(*w, "Note" | "Notes" | "note" | "notes"))
        .collect();
    assert!(lost.is_empty(), "{lost:?}");
}

#[derive(serde::Deserialize)]
struct Example {
    markdown: String,
    example: u32,
}

#[test]
fn spec_examples_show_nothing_twice() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/commonmark-spec.json"
    );
    let all: Vec<Example> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("spec")).expect("json");
    let mut checked = 0;
    for ex in &all {
        let (project, _) = compile_text("spec.md", &ex.markdown);
        for deck in &project.decks {
            let dups = duplicates(deck);
            assert!(dups.is_empty(), "example {}: {dups:?}", ex.example);
            checked += 1;
        }
    }
    assert!(checked > 600, "{checked} decks");
}

// ---- generated notes ----

#[derive(Debug, Clone)]
enum GenBlock {
    Paragraph(usize),
    Note(usize),
    /// Items: (words, depth change) — depth is clamped to a valid nesting.
    List(Vec<(usize, usize)>),
    Heading(usize),
    Break,
}

fn gen_block() -> impl Strategy<Value = GenBlock> {
    prop_oneof![
        3 => (1usize..40).prop_map(GenBlock::Paragraph),
        1 => (1usize..15).prop_map(GenBlock::Note),
        5 => prop::collection::vec((0usize..14, 0usize..4), 1..30).prop_map(GenBlock::List),
        1 => (1usize..6).prop_map(GenBlock::Heading),
        1 => Just(GenBlock::Break),
    ]
}

type GenTalk = (usize, Vec<GenBlock>);

fn gen_notes() -> impl Strategy<Value = (Option<usize>, Vec<GenTalk>)> {
    (
        prop::option::of(1usize..10),
        prop::collection::vec((1usize..8, prop::collection::vec(gen_block(), 1..10)), 1..5),
    )
}

/// Unique words `w0`, `w1`, …: any word found twice was shown twice.
struct Words(usize);

impl Words {
    fn take(&mut self, n: usize) -> String {
        let v: Vec<String> = (self.0..self.0 + n).map(|i| format!("w{i}")).collect();
        self.0 += n;
        v.join(" ")
    }
}

/// Markdown for generated notes, and each talk's words.
fn render_notes(intro: Option<usize>, talks: &[GenTalk]) -> (String, Vec<String>) {
    let mut w = Words(0);
    // Every `##` is a talk here, whatever the content under each level.
    let mut md = String::from("---\ntalk_level: 2\n---\n# Day\n\n");
    if let Some(n) = intro {
        md.push_str(&format!("{}\n\n", w.take(n)));
    }
    let mut talk_words = Vec::new();
    for (title, blocks) in talks {
        let mut words = String::new();
        let t = w.take(*title);
        md.push_str(&format!("## {t}\n\n"));
        words.push_str(&t);
        // A paragraph first, so no talk is an empty section.
        let p = w.take(3);
        md.push_str(&format!("{p}\n\n"));
        words.push_str(&format!(" {p}"));
        for b in blocks {
            let text = match b {
                GenBlock::Paragraph(n) => {
                    let p = w.take(*n);
                    md.push_str(&format!("{p}\n\n"));
                    p
                }
                GenBlock::Note(n) => {
                    let p = w.take(*n);
                    md.push_str(&format!("Note: {p}\n\n"));
                    p
                }
                GenBlock::Heading(n) => {
                    let p = w.take(*n);
                    md.push_str(&format!("### {p}\n\n"));
                    p
                }
                GenBlock::Break => {
                    md.push_str("---\n\n");
                    String::new()
                }
                GenBlock::List(items) => {
                    let mut depth = 0usize;
                    let mut all = String::new();
                    for (i, (n, d)) in items.iter().enumerate() {
                        // Depth goes at most one deeper than the previous item.
                        depth = if i == 0 { 0 } else { (*d).min(depth + 1) };
                        let p = w.take(*n);
                        md.push_str(&format!("{}* {p}\n", "  ".repeat(depth)));
                        all.push_str(&format!(" {p}"));
                    }
                    md.push('\n');
                    all
                }
            };
            words.push(' ');
            words.push_str(&text);
        }
        talk_words.push(words);
    }
    (md, talk_words)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generated_notes_keep_every_word_once((intro, talks) in gen_notes()) {
        let (md, talk_words) = render_notes(intro, &talks);
        let text = md.clone();
        let (project, pages) = common::on_small_stack(move || compile_text("gen.md", &text));
        prop_assert_eq!(project.decks.len(), talks.len(), "{}", md);
        for (deck, words) in project.decks.iter().zip(&talk_words) {
            let model = deck_model_text(deck);
            let lost = missing_words(words, &model);
            prop_assert!(lost.is_empty(), "{}: model lost {:?}\n{}", deck.path, lost, md);
            let shown = html_text(&pages[&deck.path]);
            let lost = missing_words(words, &shown);
            prop_assert!(lost.is_empty(), "{}: HTML lost {:?}\n{}", deck.path, lost, md);
            let dups = duplicates(deck);
            prop_assert!(dups.is_empty(), "{}: shown twice {:?}\n{}", deck.path, dups, md);
            // Unique words: none may appear on two slides' bodies.
            let mut seen = std::collections::HashSet::new();
            for s in &deck.slides {
                let mut body = String::new();
                for b in s.body.iter().chain(&s.notes) {
                    common::shown_text(b, &mut body);
                }
                for wd in common::words(&body) {
                    prop_assert!(seen.insert(wd.to_string()), "{} twice in {}\n{}", wd, deck.path, md);
                }
            }
        }
    }
}
