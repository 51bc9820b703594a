//! Helpers shared by the robustness tests: compile text in memory, and
//! read the words a reader sees in notes, in the model and in the HTML.

use notedeck::deck::Deck;
use notedeck::outline::{Block, Item};
use notedeck::source::SourceFile;
use notedeck::{BuildOptions, Compiler, Project};
use std::collections::{BTreeMap, HashSet};

/// The full in-memory compile of one notes file: model and pages.
pub fn compile_text(name: &str, text: &str) -> (Project, BTreeMap<String, String>) {
    let src = SourceFile::new(name, text);
    let site = Compiler::once(BuildOptions::default())
        .build_sources(vec![src], Vec::new())
        .expect("build");
    let pages = site
        .pages
        .into_iter()
        .map(|(k, v)| (k, v.to_string()))
        .collect();
    (site.project, pages)
}

/// Runs `f` on a thread with a normal 2 MB stack: a stack overflow there
/// aborts the test binary instead of hiding behind the main thread's 8 MB.
pub fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic")
}

/// Words: maximal runs of alphanumeric characters.
pub fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Visible text of HTML: tags, comments, `<script>` and `<style>` dropped,
/// entities decoded.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        out.push(' ');
        let tail = &rest[i..];
        let lower_start: String = tail.chars().take(8).collect::<String>().to_lowercase();
        let end = if tail.starts_with("<!--") {
            tail.find("-->").map(|e| e + 3)
        } else if lower_start.starts_with("<script") {
            find_ci(tail, "</script>").map(|e| e + 9)
        } else if lower_start.starts_with("<style") {
            find_ci(tail, "</style>").map(|e| e + 8)
        } else {
            // A link shows its target too (bare URLs get short visible
            // text; the full URL is the href).
            if lower_start.starts_with("<a ") {
                if let Some(h) = tail.find("href=\"") {
                    let v = &tail[h + 6..];
                    if h < tail.find('>').unwrap_or(0) {
                        out.push_str(&v[..v.find('"').unwrap_or(0)]);
                        out.push(' ');
                    }
                }
            }
            tail.find('>').map(|e| e + 1)
        };
        match end {
            Some(e) => rest = &tail[e..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    html_escape::decode_html_entities(&out).into_owned()
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.to_ascii_lowercase().find(needle)
}

/// Every word of a deck's model: slide titles, bodies and speaker notes.
pub fn deck_model_text(deck: &Deck) -> String {
    let mut s = String::new();
    s.push_str(&deck.title.text);
    s.push('\n');
    for b in &deck.group.intro {
        block_text(b, &mut s);
    }
    s.push_str(&deck.group.name);
    s.push('\n');
    for slide in &deck.slides {
        for t in &slide.title {
            s.push_str(&t.text);
            s.push('\n');
        }
        for b in slide.body.iter().chain(&slide.notes) {
            block_text(b, &mut s);
        }
    }
    s
}

pub fn block_text(b: &Block, s: &mut String) {
    match b {
        Block::Heading { title, .. } => s.push_str(&title.text),
        Block::Break { .. } => {}
        Block::List { items, .. } => {
            for i in items {
                item_text(i, s);
            }
        }
        Block::Notes { text, .. } | Block::Other { text, .. } => s.push_str(text),
    }
    s.push('\n');
}

fn item_text(i: &Item, s: &mut String) {
    s.push_str(&i.head.text);
    s.push('\n');
    for c in &i.children {
        block_text(c, s);
    }
}

/// Words of `needles` missing from `hay`.
pub fn missing_words<'a>(needles: &'a str, hay: &str) -> Vec<&'a str> {
    let have: HashSet<&str> = words(hay).into_iter().collect();
    let mut seen = HashSet::new();
    words(needles)
        .into_iter()
        .filter(|w| !have.contains(w) && seen.insert(*w))
        .collect()
}

/// Identity of a list item or paragraph in the source: its kind, first
/// line and text. Used to find content shown on two slides.
pub type Unit = (&'static str, u32, String);

pub fn shown_units(blocks: &[Block], out: &mut Vec<Unit>) {
    for b in blocks {
        match b {
            Block::List { items, .. } => {
                for i in items {
                    out.push(("item", i.lines.start, i.head.text.clone()));
                    shown_units(&i.children, out);
                }
            }
            Block::Other { text, lines, .. } => out.push(("block", lines.start, text.clone())),
            Block::Notes { text, lines, .. } => out.push(("notes", lines.start, text.clone())),
            Block::Heading { title, lines, .. } => {
                out.push(("heading", lines.start, title.text.clone()))
            }
            Block::Break { .. } => {}
        }
    }
}

/// Items and paragraphs shown on more than one slide of a deck.
pub fn duplicates(deck: &Deck) -> Vec<Unit> {
    let mut seen = HashSet::new();
    let mut dups = Vec::new();
    for slide in &deck.slides {
        let mut units = Vec::new();
        shown_units(&slide.body, &mut units);
        shown_units(&slide.notes, &mut units);
        for u in units {
            if !seen.insert(u.clone()) {
                dups.push(u);
            }
        }
    }
    dups
}
