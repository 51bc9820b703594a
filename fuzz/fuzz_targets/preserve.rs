//! Layout invariants on any notes: no list item, paragraph or note is
//! shown on two slides of one deck, and the same notes give the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use notedeck::outline::Block;
use notedeck::source::SourceFile;
use notedeck::{BuildOptions, Compiler};
use std::collections::HashSet;

/// Kind, first source line and text of a shown item or block.
type Unit = (&'static str, u32, String);

fn units(blocks: &[Block], out: &mut Vec<Unit>) {
    for b in blocks {
        match b {
            Block::List { items, .. } => {
                for i in items {
                    out.push(("item", i.lines.start, i.head.text.clone()));
                    units(&i.children, out);
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

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let src = SourceFile::new("fuzz.md", &text);
    let build = || Compiler::once(BuildOptions::default()).build_sources(vec![src.clone()], Vec::new());
    let Ok(site) = build() else {
        return;
    };
    for deck in &site.project.decks {
        let mut seen = HashSet::new();
        for slide in &deck.slides {
            let mut u = Vec::new();
            units(&slide.body, &mut u);
            units(&slide.notes, &mut u);
            for unit in u {
                assert!(
                    seen.insert(unit.clone()),
                    "shown twice in {}: {unit:?}",
                    deck.path
                );
            }
        }
    }
    let again = build().ok().map(|s| s.pages);
    assert!(Some(site.pages) == again, "output differs between two builds");
});
