//! `build --single-file` (the recap show) and `pdf` checked in real
//! headless Chromium.

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

fn user_project() -> notedeck::Project {
    Compiler::once(BuildOptions {
        inputs: vec![common::user_notes()],
        ..BuildOptions::default()
    })
    .compile()
    .expect("compile")
}

#[test]
fn single_file_is_the_recap_show_in_one_document() {
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
    let project = user_project();
    let tab = chrome.open(&browser::file_url(&file));
    wait_for(&tab, "!!window.notedeck", true.into());
    wait_for(
        &tab,
        "notedeck.count()",
        notedeck::render::recap::show_len(&project.decks).into(),
    );
    wait_for(&tab, "document.querySelectorAll('iframe').length", 0.into());
    // An agenda link opens its talk inside the same document.
    eval(&tab, "notedeck.goTo(2)");
    wait_for(&tab, "notedeck.current()", 2.into());
    tab.click("section.nd-current a[href=\"#solona\"]");
    wait_for(&tab, "notedeck.talk()", "solona".into());
    wait_for(&tab, "location.hash", "#solona/1".into());
    // Back returns to the agenda.
    eval(&tab, "history.back(); 0");
    wait_for(&tab, "notedeck.current()", 2.into());
}

#[test]
fn pdf_prints_the_show_in_one_run_one_page_per_slide() {
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
    let project = user_project();
    let show = notedeck::render::recap::show_len(&project.decks);
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert_eq!(browser::pdf_pages(&bytes), show);
    assert!(
        stdout.contains(&format!("Printed 8 decks ({show} pages)")),
        "{stdout}"
    );
    // The PDF is titled by the recap.
    assert!(
        String::from_utf8_lossy(&bytes).contains("/Title (RustConf 2025)"),
        "PDF title"
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
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert_eq!(browser::pdf_pages(&bytes), amazon.slides.len());
    // A PDF notedeck did not write is never replaced.
    let foreign = dir.path().join("theirs.pdf");
    std::fs::write(&foreign, b"%PDF-1.4 not ours").expect("write");
    let out = Command::cargo_bin("notedeck")
        .expect("bin")
        .args(["pdf", "-o"])
        .arg(&foreign)
        .arg(common::user_notes())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&foreign).expect("kept"), b"%PDF-1.4 not ours");
}

#[test]
fn pdf_handout_prints_three_slides_a_page_with_their_notes() {
    let Some(chromium) = browser::require_chromium() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("handout.pdf");
    let team = common::root().join("tests/fixtures/recap");
    let out = Command::cargo_bin("notedeck")
        .expect("bin")
        .arg("pdf")
        .arg(&team)
        .args(["--handout", "-o"])
        .arg(&pdf)
        .arg("--browser")
        .arg(&chromium)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let project = notedeck::Compiler::once(notedeck::BuildOptions {
        inputs: vec![team],
        ..notedeck::BuildOptions::default()
    })
    .compile()
    .expect("compile");
    let show = notedeck::render::recap::show_len(&project.decks);
    let pages = show.div_ceil(3);
    assert!(pages > 1 && pages < show);
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert_eq!(browser::pdf_pages(&bytes), pages, "{show} slides");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(&format!("({pages} pages)")), "{stdout}");
    // The speaker note is printed beside its slide (poppler's pdftotext
    // reads it; required under CI).
    match Command::new("pdftotext").arg(&pdf).arg("-").output() {
        Ok(o) if o.status.success() => assert!(
            String::from_utf8_lossy(&o.stdout).contains("ask who has shipped Rust at work"),
            "the notes are on the handout"
        ),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("pdftotext is required under CI=true (apt-get install poppler-utils)")
        }
        _ => eprintln!("\n!!! pdftotext missing: the handout's notes are not checked\n"),
    }
}
