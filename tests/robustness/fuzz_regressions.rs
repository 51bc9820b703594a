//! Inputs the fuzzers (`fuzz/`) found problems with, replayed: each must
//! compile and render on a 2 MB stack without panic, show no list item or
//! paragraph on two slides of a deck, and build the same bytes twice.

use crate::common;

use common::{compile_text, duplicates, on_small_stack};

#[test]
fn every_fuzz_finding_stays_fixed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz-regressions");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/fuzz-regressions")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        let bytes = std::fs::read(&path).expect("read");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let name = path.display().to_string();
        let (project, pages) = on_small_stack({
            let text = text.clone();
            move || compile_text("fuzz.md", &text)
        });
        for deck in &project.decks {
            let dups = duplicates(deck);
            let slides: Vec<(String, Vec<common::Unit>)> = deck
                .slides
                .iter()
                .map(|s| {
                    let mut u = Vec::new();
                    common::shown_units(&s.body, &mut u);
                    common::shown_units(&s.notes, &mut u);
                    (s.title_text(), u)
                })
                .collect();
            assert!(
                dups.is_empty(),
                "{name}: {} shows {dups:?} twice\n{slides:#?}",
                deck.path
            );
        }
        let (_, again) = on_small_stack(move || compile_text("fuzz.md", &text));
        assert!(pages == again, "{name}: output differs between builds");
    }
}
