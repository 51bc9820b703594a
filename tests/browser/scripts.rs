//! XSS payloads in notes run no script in a real browser (and do run when
//! the notes are trusted with `allow_html`, so the check can fail).

use crate::common::browser::{self, Browser};
use notedeck::BuildOptions;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rich")
        .join(name)
}

#[test]
fn browser_runs_no_script_from_the_notes() {
    let Some(chrome) = Browser::shared() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("dist");
    let opts = BuildOptions {
        inputs: vec![fixture("xss-browser.md")],
        ..BuildOptions::default()
    };
    notedeck::build(&opts, &out).unwrap_or_else(|e| panic!("{e}"));
    let page = out.join("browser/payloads.html");
    assert!(page.exists());
    let tab = chrome.open(&browser::file_url(&page));
    let dom = settled_dom(&tab);
    // The deck itself rendered (so an empty dump cannot pass).
    assert!(dom.contains("class=\"slide"), "no deck in the DOM");
    assert!(
        !dom.contains("data-pwned"),
        "a payload ran: {}",
        &dom[..dom.len().min(400)]
    );
    // Control: the same notes built as trusted (`allow_html`) do run a
    // payload, so the check above can fail.
    let trusted = dir.path().join("trusted");
    let mut opts = opts.clone();
    opts.meta.allow_html = true;
    notedeck::build(&opts, &trusted).unwrap_or_else(|e| panic!("{e}"));
    let tab = chrome.open(&browser::file_url(&trusted.join("browser/payloads.html")));
    assert!(settled_dom(&tab).contains("data-pwned="));
}

/// The page's DOM once it has loaded and its pending events and timers
/// have had a second to run.
fn settled_dom(tab: &browser::Tab) -> String {
    assert!(tab.wait_for(
        "document.readyState === 'complete'",
        std::time::Duration::from_secs(10)
    ));
    tab.eval_json("new Promise(r => setTimeout(r, 1000))");
    let dom = tab.eval_json("document.documentElement.outerHTML");
    dom.as_str().unwrap_or_default().to_string()
}

/// DOM clobbering: elements of the notes named like the runtime's global
/// or the deck's ids (`id="notedeck"`, `id="slide-2"`) cannot break it.
#[test]
fn browser_deck_survives_clobbering_ids_in_the_notes() {
    let Some(chrome) = Browser::shared() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let notes = dir.path().join("day.md");
    std::fs::write(
        &notes,
        "# Day\n\n## A\n\n* <span id=\"notedeck\">n</span> <img id=\"deck\" name=\"deck\">\n\
         * <span id=\"slide-1\">s</span>\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("dist");
    let opts = BuildOptions {
        inputs: vec![notes],
        ..BuildOptions::default()
    };
    notedeck::build(&opts, &out).unwrap_or_else(|e| panic!("{e}"));
    let tab = chrome.open(&browser::file_url(&out.join("day/a.html")));
    assert!(
        tab.wait_for(
            "window.notedeck && typeof window.notedeck.count === 'function'",
            std::time::Duration::from_secs(10)
        ),
        "the runtime did not start: {}",
        tab.eval_json("String(window.notedeck)")
    );
    let slides = tab.eval_json("document.querySelectorAll('main.deck > section.slide').length");
    assert_eq!(slides, 2);
    assert_eq!(tab.eval_json("window.notedeck.count()"), slides);
    assert_eq!(tab.eval_json("window.notedeck.goTo(2)"), 2);
    assert_eq!(
        tab.eval_json("document.getElementById('slide-1').tagName"),
        "SECTION"
    );
}
