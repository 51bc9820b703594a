//! Live reload in a real browser (headless Chromium): the page follows
//! the edit to the slide it changed, and shows and clears the error overlay.

use crate::common;

use common::browser::Browser;
use common::*;
use std::time::Duration;

#[test]
fn an_edit_lands_the_open_page_on_the_changed_slide() {
    let Some(b) = Browser::shared() else {
        return;
    };
    let s = Served::start();
    let page = b.open(&format!("http://127.0.0.1:{}/{DECK}#3", s.port));
    let state = page.wait_until(
        "window.notedeck && window.__notedeckLive && window.__notedeckLive.connected ? window.notedeck.current() : 0",
        Duration::from_secs(15),
        |v| v == 3,
    );
    assert_eq!(
        state, 3,
        "page did not open on slide 3 with live reload connected"
    );

    save_atomic(&s.notes_path(), notes("durian freshly typed").as_bytes());
    let expr = "(function(){var s=document.getElementById('slide-5');\
                return window.notedeck && s ? window.notedeck.current() + '|' + s.textContent : ''})()";
    let got = page.wait_until(expr, Duration::from_secs(15), |v| {
        v.as_str()
            .is_some_and(|t| t.starts_with("5|") && t.contains("durian freshly typed"))
    });
    let got = got.as_str().unwrap_or_default().to_string();
    assert!(
        got.starts_with("5|") && got.contains("durian freshly typed"),
        "expected slide 5 with the new text, got {got:?}"
    );

    // A broken save shows the overlay over the last good deck; a fix clears it.
    let mut bad = notes("broken").into_bytes();
    let at = bad.len() - 3;
    bad.insert(at, 0xff);
    std::fs::write(s.notes_path(), &bad).expect("write");
    let overlay = "(function(){var o=document.getElementById('notedeck-errors');return o?o.textContent:''})()";
    let shown = page.wait_until(overlay, Duration::from_secs(15), |v| {
        v.as_str().is_some_and(|t| t.contains("day-one.md:"))
    });
    let shown = shown.as_str().unwrap_or_default().to_string();
    assert!(shown.contains("invalid UTF-8"), "overlay: {shown:?}");
    let still = page.eval_json("document.getElementById('slide-5').textContent");
    assert!(still
        .as_str()
        .is_some_and(|t| t.contains("durian freshly typed")));

    std::fs::write(s.notes_path(), notes("durian fixed")).expect("write");
    let cleared = page.wait_until(
        &format!("{overlay} + '|' + (document.getElementById('slide-5')||{{}}).textContent"),
        Duration::from_secs(15),
        |v| {
            v.as_str()
                .is_some_and(|t| t.starts_with('|') && t.contains("durian fixed"))
        },
    );
    assert!(
        cleared
            .as_str()
            .is_some_and(|t| t.starts_with('|') && t.contains("durian fixed")),
        "overlay not cleared: {cleared}"
    );
}
