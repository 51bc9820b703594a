//! The reading copy (`read.html`): one section per talk in recap order,
//! every word of the slides, the team's speaker notes only when asked for.

use crate::common::{html_text, missing_words, shown_text};
use notedeck::deck::Deck;
use notedeck::{BuildOptions, Project};
use std::path::{Path, PathBuf};

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// Builds `input` into a temporary folder: the project and `read.html`.
fn build_read(input: PathBuf, with_notes: bool) -> (Project, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("dist");
    let opts = BuildOptions {
        inputs: vec![input],
        with_notes,
        ..BuildOptions::default()
    };
    let report = notedeck::build(&opts, &out).expect("build");
    let read = std::fs::read_to_string(out.join("read.html")).expect("read.html written");
    let index = std::fs::read_to_string(out.join("index.html")).expect("index");
    (report.project, read, index)
}

/// Each talk's section of the page, in order.
fn sections(html: &str) -> Vec<&str> {
    html.split("<section class=\"read-talk\"").skip(1).collect()
}

/// The talk heading of a section, as text.
fn heading(section: &str) -> String {
    let h2 = section.find("<h2 id=").expect("talk heading");
    let from = h2 + section[h2..].find('>').expect("heading tag") + 1;
    let to = from + section[from..].find("</h2>").expect("heading end");
    html_text(&section[from..to]).trim().to_string()
}

/// Every word of a deck's slides: titles, bodies and speaker notes.
fn slide_words(d: &Deck) -> String {
    let mut s = format!("{}\n", d.title.text);
    for slide in &d.slides {
        for t in &slide.title {
            s.push_str(&t.text);
            s.push('\n');
        }
        for b in slide.body.iter().chain(&slide.notes) {
            shown_text(b, &mut s);
        }
    }
    s
}

#[test]
fn one_section_per_talk_with_every_word_of_its_slides() {
    for input in ["talks/rustconf-2025/day-one.md", "tests/fixtures/recap"] {
        let (project, read, index) = build_read(fixture(input), true);
        assert!(index.contains("href=\"read.html\">Read the recap</a>"));
        let secs = sections(&read);
        let titles: Vec<String> = secs.iter().map(|s| heading(s)).collect();
        let want: Vec<String> = project
            .decks
            .iter()
            .map(|d| d.title.text.trim().to_string())
            .collect();
        assert_eq!(titles, want, "{input}");
        for (d, sec) in project.decks.iter().zip(&secs) {
            let want = slide_words(d);
            let lost = missing_words(&want, &html_text(sec));
            assert!(lost.is_empty(), "{input} {}: lost {lost:?}", d.path);
        }
    }
}

#[test]
fn speaker_notes_only_with_with_notes_and_same_bytes_each_build() {
    let input = fixture("tests/fixtures/recap");
    let (project, quiet, _) = build_read(input.clone(), false);
    let note = "ask who has shipped Rust at work";
    assert!(project
        .decks
        .iter()
        .any(|d| d.slides.iter().any(|s| s.notes_text().contains(note))));
    assert!(!quiet.contains(note) && !quiet.contains("<aside class=\"read-notes\""));
    let (_, noted, _) = build_read(input.clone(), true);
    assert!(noted.contains(note), "notes kept with --with-notes");
    assert_eq!(build_read(input, false).1, quiet, "deterministic bytes");
    // Shared links read well: description and Open Graph, and offline.
    assert!(quiet.contains("<meta name=\"description\" content=\"Recap of "));
    assert!(quiet.contains("<meta property=\"og:title\""));
    assert!(quiet.contains("<meta property=\"og:description\""));
    assert!(quiet.contains("default-src 'none'"));
    assert!(!quiet.contains("src=\"http") && !quiet.contains("<link"));
}

#[test]
fn the_reading_copy_gathers_each_talks_links_and_never_links_script() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("n.md");
    std::fs::write(
        &notes,
        "# G\n\n## One\n\n* see [the docs](https://docs.rs/x) and https://example.org/a\n\
         * again [docs](https://docs.rs/x)\n* [bad](javascript:alert(1))\n\n## Two\n\n* plain\n",
    )
    .expect("write");
    let (_, read, _) = build_read(notes, false);
    let secs = sections(&read);
    assert_eq!(secs.len(), 2);
    let links = &secs[0][secs[0].find("class=\"read-links\"").expect("links")..];
    assert_eq!(links.matches("href=\"https://docs.rs/x\"").count(), 1);
    assert!(links.contains("href=\"https://example.org/a\""));
    assert!(!read.contains("href=\"javascript"));
    assert!(
        !secs[1].contains("read-links"),
        "a talk without links lists none"
    );
}

#[test]
fn serve_and_build_have_the_reading_copy() {
    let src = notedeck::source::SourceFile::new("a.md", "# G\n\n## Talk\n\n* x\n");
    let site = notedeck::Compiler::once(BuildOptions::default())
        .build_sources(vec![src], Vec::new())
        .expect("build");
    assert!(site.pages.contains_key(notedeck::render::read::READ_PAGE));
    assert!(notedeck::compile::WHOLE_PAGES.contains(&notedeck::render::read::READ_PAGE));
}
