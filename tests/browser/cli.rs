//! `build --single-file` and `pdf` checked in real headless Chromium.

use crate::common;

use assert_cmd::Command;
use common::browser::{self, Browser, Tab};
use notedeck::{BuildOptions, Compiler};
use std::time::Duration;

fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.eval_json(js)
}

/// Polls `js` until it returns `want` (the page reacts asynchronously).
fn wait_for(tab: &Tab, js: &str, want: serde_json::Value) {
    let got = tab.wait_until(js, Duration::from_secs(10), |v| v == &want);
    assert_eq!(got, want, "{js}");
}

#[test]
fn single_file_recap_navigates_index_to_deck_and_back() {
    let Some(chrome) = Browser::shared() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("recap.html");
    let out = Command::cargo_bin("notedeck")
        .expect("bin")
        .args(["build", "-q", "--single-file"])
        .arg(&file)
        .arg(common::user_notes())
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let project = Compiler::once(BuildOptions {
        inputs: vec![common::user_notes()],
        ..BuildOptions::default()
    })
    .compile()
    .expect("compile");
    let solona = project
        .decks
        .iter()
        .find(|d| d.slug == "solona")
        .expect("solona deck");

    let tab = chrome.open(&browser::file_url(&file));

    // The index: eight frames, all hidden, eight cards.
    wait_for(
        &tab,
        "document.querySelectorAll('iframe.nd-deck').length",
        8.into(),
    );
    wait_for(
        &tab,
        "[...document.querySelectorAll('iframe.nd-deck')].every(f => f.hidden)",
        true.into(),
    );
    wait_for(
        &tab,
        "document.querySelectorAll('a[href^=\"#deck=\"]').length",
        8.into(),
    );

    // Into a deck through its index link.
    tab.click("a[href=\"#deck=day-one/solona.html\"]");
    let frame = "document.querySelector('iframe[data-path=\"day-one/solona.html\"]')";
    wait_for(&tab, &format!("{frame}.hidden"), false.into());
    wait_for(&tab, "location.hash", "#deck=day-one/solona.html".into());
    // The deck inside is complete and its runtime ran.
    wait_for(
        &tab,
        &format!("{frame}.contentDocument.querySelectorAll('main.deck > section.slide').length"),
        solona.slides.len().into(),
    );
    wait_for(
        &tab,
        &format!("{frame}.contentDocument.title.startsWith('Solona')"),
        true.into(),
    );
    wait_for(
        &tab,
        &format!("{frame}.getBoundingClientRect().width === innerWidth && innerWidth > 0"),
        true.into(),
    );

    // Back to the index with the browser's back button.
    eval(&tab, "history.back(); 0");
    wait_for(&tab, &format!("{frame}.hidden"), true.into());
    wait_for(&tab, "location.hash", "".into());
    // Forward again, then the deck's own keyboard navigation works.
    eval(&tab, "history.forward(); 0");
    wait_for(&tab, &format!("{frame}.hidden"), false.into());
    eval(
        &tab,
        &format!("{frame}.contentDocument.dispatchEvent(new KeyboardEvent('keydown', {{key: 'ArrowRight', bubbles: true}})); 0"),
    );
    wait_for(
        &tab,
        &format!("{frame}.contentWindow.location.hash"),
        "#2".into(),
    );
    // The corner link also leads back to the index.
    wait_for(
        &tab,
        "document.querySelector('a.nd-back').hidden",
        false.into(),
    );
    tab.click("a.nd-back");
    wait_for(&tab, &format!("{frame}.hidden"), true.into());
    wait_for(
        &tab,
        "document.querySelector('a.nd-back').hidden",
        true.into(),
    );
    wait_for(
        &tab,
        "[...document.querySelectorAll('iframe.nd-deck')].every(f => f.hidden)",
        true.into(),
    );
}

#[test]
fn pdf_has_one_page_per_slide() {
    let Some(chromium) = browser::require_chromium() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("recap.pdf");
    let out = Command::cargo_bin("notedeck")
        .expect("bin")
        .arg("pdf")
        .arg(common::user_notes())
        .arg("-o")
        .arg(&pdf)
        .arg("--browser")
        .arg(&chromium)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let project = Compiler::once(BuildOptions {
        inputs: vec![common::user_notes()],
        ..BuildOptions::default()
    })
    .compile()
    .expect("compile");
    let slides: usize = project.decks.iter().map(|d| d.slides.len()).sum();
    let doc = lopdf::Document::load(&pdf).expect("a readable PDF");
    assert_eq!(doc.get_pages().len(), slides);
    assert!(
        stdout.contains(&format!("Printed 8 decks ({slides} pages)")),
        "{stdout}"
    );

    // One deck; rewriting our own PDF is allowed.
    let amazon = project
        .decks
        .iter()
        .find(|d| d.slug == "rust-adoption-at-amazon")
        .expect("amazon");
    let out = Command::cargo_bin("notedeck")
        .expect("bin")
        .args(["pdf", "--deck", "rust-adoption-at-amazon", "-o"])
        .arg(&pdf)
        .arg(common::user_notes())
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = lopdf::Document::load(&pdf).expect("a readable PDF");
    assert_eq!(doc.get_pages().len(), amazon.slides.len());
}
