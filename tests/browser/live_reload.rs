//! Live reload in a real browser (headless Chromium): the page follows
//! the edit to the slide it changed, and shows and clears the error overlay.

use crate::common;

use common::browser::Browser;
use common::*;
use std::time::Duration;

#[test]
fn an_edit_lands_the_open_page_on_the_changed_slide() {
    // A browser of its own: ports are reused across tests, and another
    // test's storage for the same origin must not move the open slide.
    let Some(b) = Browser::launch() else {
        return;
    };
    let b = &b;
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

/// Opens the deck at `slide` with live reload connected and a marker on
/// `window` that only survives if the page is never reloaded.
fn open_live(b: &Browser, s: &Served, slide: u32) -> common::browser::Tab {
    let page = b.open(&format!("http://127.0.0.1:{}/{DECK}#{slide}", s.port));
    let ok = page.wait_until(
        "window.notedeck && window.__notedeckLive && window.__notedeckLive.connected ? window.notedeck.current() : 0",
        Duration::from_secs(15),
        |v| v == slide,
    );
    assert_eq!(ok, slide, "page did not open on slide {slide} connected");
    page.eval_json("window.__marker = 'kept'; 1");
    page
}

const STATE: &str = "(function(){var c=document.querySelector('section.nd-current');\
    return [window.__marker||'reloaded', window.notedeck.current(), window.notedeck.count(),\
    window.__notedeckLive.patches, c?c.textContent.replace(/\\s+/g,' ').trim():''].join('|')})()";

#[test]
fn a_text_edit_patches_the_open_slide_without_a_reload() {
    // A browser of its own: ports are reused across tests, and another
    // test's storage for the same origin must not move the open slide.
    let Some(b) = Browser::launch() else {
        return;
    };
    let b = &b;
    let s = Served::start();
    let page = open_live(b, &s, 3);
    let edited = notes("dates").replace("bananas", "bananas, freshly patched");
    save_atomic(&s.notes_path(), edited.as_bytes());
    let got = page.wait_until(STATE, Duration::from_secs(15), |v| {
        v.as_str().is_some_and(|t| t.contains("freshly patched"))
    });
    let got = got.as_str().unwrap_or_default().to_string();
    assert!(got.starts_with("kept|3|5|1|"), "{got}");
    assert!(got.contains("bananas, freshly patched"), "{got}");
}

#[test]
fn a_slide_added_before_the_current_one_keeps_showing_the_same_content() {
    // A browser of its own: ports are reused across tests, and another
    // test's storage for the same origin must not move the open slide.
    let Some(b) = Browser::launch() else {
        return;
    };
    let b = &b;
    let s = Served::start();
    let page = open_live(b, &s, 4);
    let before = page.eval_json(STATE);
    assert!(
        before.as_str().is_some_and(|t| t.contains("cherries")),
        "{before}"
    );
    let edited = notes("dates").replace("### Second", "### Inserted\n\n- new point\n\n### Second");
    save_atomic(&s.notes_path(), edited.as_bytes());
    let got = page.wait_until(STATE, Duration::from_secs(15), |v| {
        v.as_str().is_some_and(|t| t.contains("|6|"))
    });
    let got = got.as_str().unwrap_or_default().to_string();
    assert!(got.starts_with("kept|5|6|1|"), "{got}");
    assert!(got.contains("cherries"), "{got}");
    let inserted = page.eval_json("document.getElementById('slide-2').textContent");
    assert!(
        inserted.as_str().is_some_and(|t| t.contains("new point")),
        "{inserted}"
    );
}

#[test]
fn a_theme_edit_restyles_the_page_without_a_reload() {
    // A browser of its own: ports are reused across tests, and another
    // test's storage for the same origin must not move the open slide.
    let Some(b) = Browser::launch() else {
        return;
    };
    let b = &b;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("talks")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("themes")).expect("mkdir");
    std::fs::write(dir.path().join("talks/day-one.md"), notes("dates")).expect("write");
    let theme = dir.path().join("themes/light.css");
    std::fs::write(&theme, ":root { --nd-bg: rgb(1, 2, 3); }\n").expect("write");
    let s = Served::start_in(dir);
    let page = open_live(b, &s, 2);
    let bg = "getComputedStyle(document.documentElement).getPropertyValue('--nd-bg').trim() + '|' + (window.__marker||'reloaded') + '|' + window.notedeck.current()";
    assert_eq!(page.eval_json(bg).as_str(), Some("rgb(1, 2, 3)|kept|2"));
    std::fs::write(&theme, ":root { --nd-bg: rgb(4, 5, 6); }\n").expect("write");
    let got = page.wait_until(bg, Duration::from_secs(15), |v| {
        v.as_str().is_some_and(|t| t.starts_with("rgb(4, 5, 6)"))
    });
    assert_eq!(got.as_str(), Some("rgb(4, 5, 6)|kept|2"), "{got}");
}

/// `talks/day-one.md` whose slide 5 shows `../assets/logo.png` (outside
/// the notes folder, inside the project), served.
fn served_with_logo(bytes: &[u8]) -> Served {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("talks")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("assets")).expect("mkdir");
    std::fs::write(dir.path().join("assets/logo.png"), bytes).expect("write");
    let text = notes("logo ![the logo](../assets/logo.png)");
    std::fs::write(dir.path().join("talks/day-one.md"), text).expect("write");
    Served::start_in(dir)
}

fn png_uri(bytes: &[u8]) -> String {
    use base64::Engine as _;
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// The marker, the current slide, patches so far, and slide 5's image
/// `src` (or its placeholder's text).
const IMAGE_STATE: &str = "(function(){var s=document.getElementById('slide-5');\
    var i=s&&s.querySelector('img'),m=s&&s.querySelector('.image-missing');\
    return [window.__marker||'reloaded', window.notedeck.current(), window.__notedeckLive.patches,\
    i?i.getAttribute('src'):m?'missing: '+m.textContent:'none'].join('|')})()";

#[test]
fn an_image_outside_the_notes_folder_is_re_embedded_in_place_and_a_deleted_one_shows_its_placeholder(
) {
    let Some(b) = Browser::launch() else {
        return;
    };
    let s = served_with_logo(b"\x89PNG first");
    let logo = s.dir.path().join("assets/logo.png");
    let page = open_live(&b, &s, 5);
    let want = format!("kept|5|0|{}", png_uri(b"\x89PNG first"));
    assert_eq!(page.eval_json(IMAGE_STATE).as_str(), Some(want.as_str()));

    // Changed on disk (renamed over, as image editors save); the notes are untouched.
    let tmp = logo.with_file_name(".logo.png.new");
    std::fs::write(&tmp, b"\x89PNG second").expect("write");
    std::fs::rename(&tmp, &logo).expect("rename");
    let want = format!("kept|5|1|{}", png_uri(b"\x89PNG second"));
    let got = page.wait_until(IMAGE_STATE, Duration::from_secs(15), |v| {
        v.as_str() == Some(want.as_str())
    });
    assert_eq!(got.as_str(), Some(want.as_str()), "re-embedded in place");

    std::fs::remove_file(&logo).expect("remove");
    let want = "kept|5|2|missing: image '../assets/logo.png' not found";
    let got = page.wait_until(IMAGE_STATE, Duration::from_secs(15), |v| {
        v.as_str() == Some(want)
    });
    assert_eq!(
        got.as_str(),
        Some(want),
        "placeholder, not the stale picture"
    );
}

/// The deck window's and the speaker window's marker, current slide,
/// patches and shown slide text.
const BOTH: &str = "(function(){var c=document.querySelector('main.deck > section.nd-current');\
    return [window.__marker||'reloaded', window.notedeck.current(), window.__notedeckLive.patches,\
    c?c.textContent.replace(/\\s+/g,' ').trim():''].join('|')})()";

#[test]
fn the_speaker_window_stays_in_sync_across_a_patch() {
    let Some(b) = Browser::launch() else {
        return;
    };
    let s = Served::start();
    let deck = open_live(&b, &s, 3);
    deck.press("s");
    let speaker = deck
        .wait_for_popup(Duration::from_secs(10))
        .expect("pressing s opens the speaker window");
    let ready = speaker.wait_until(
        "!!document.querySelector('.nd-sv-notes') && window.notedeck && window.__notedeckLive \
         && window.__notedeckLive.connected ? window.notedeck.current() : 0",
        Duration::from_secs(15),
        |v| v == 3,
    );
    assert_eq!(ready, 3, "speaker window on slide 3, connected");
    speaker.eval_json("window.__marker = 'kept'; 1");

    let edited = notes("dates").replace("bananas", "bananas, patched in both");
    save_atomic(&s.notes_path(), edited.as_bytes());
    let want = |v: &serde_json::Value| v.as_str().is_some_and(|t| t.contains("patched in both"));
    let d = deck.wait_until(BOTH, Duration::from_secs(15), want);
    let sp = speaker.wait_until(BOTH, Duration::from_secs(15), want);
    for (who, got) in [("deck", &d), ("speaker", &sp)] {
        let got = got.as_str().unwrap_or_default();
        assert!(got.starts_with("kept|3|1|"), "{who}: {got}");
        assert!(got.contains("bananas, patched in both"), "{who}: {got}");
    }
    // Still one pair: a step in the deck moves the speaker window.
    deck.press("ArrowRight");
    let moved = speaker.wait_until("window.notedeck.current()", Duration::from_secs(5), |v| {
        v == 4
    });
    assert_eq!(moved, 4, "speaker window follows the deck after the patch");
    let notes_shown = speaker.eval_json("document.querySelector('.nd-sv-pos').textContent");
    assert!(
        notes_shown
            .as_str()
            .is_some_and(|t| t.starts_with("Slide 4 / 5")),
        "{notes_shown}"
    );
}

#[test]
fn a_tab_hidden_during_a_save_patches_itself_when_shown_again() {
    // A browser of its own, as above.
    let Some(b) = Browser::launch() else {
        return;
    };
    let b = &b;
    let s = Served::start();
    let page = open_live(b, &s, 3);
    // Hidden tabs close their event stream (live.js): simulate the tab
    // going to the background, the way the page sees it.
    let hide = |hidden: bool| {
        page.eval_json(&format!(
            "Object.defineProperty(document, 'hidden', {{configurable: true, get: function () {{ return {hidden}; }}}});\
             document.dispatchEvent(new Event('visibilitychange')); window.__notedeckLive.connected"
        ))
    };
    assert_eq!(hide(true), false, "stream still open while hidden");
    let mut events = s.events();
    let edited = notes("dates").replace("bananas", "bananas, seen on return");
    save_atomic(&s.notes_path(), edited.as_bytes());
    assert!(
        events.wait_for("event: reload", Duration::from_secs(15)),
        "no rebuild: {}",
        events.text
    );
    // Nothing reached the hidden tab.
    let before = page.eval_json(STATE);
    assert!(
        before
            .as_str()
            .is_some_and(|t| t.starts_with("kept|3|5|0|") && !t.contains("seen on return")),
        "{before}"
    );
    hide(false);
    let got = page.wait_until(STATE, Duration::from_secs(15), |v| {
        v.as_str().is_some_and(|t| t.contains("seen on return"))
    });
    let got = got.as_str().unwrap_or_default().to_string();
    // Patched in place on its return (marker kept, one patch), same slide.
    assert!(got.starts_with("kept|3|5|1|"), "{got}");
}

/// The show's marker, current slide, slide count, patches so far, the
/// current slide's text, the alpha talk's "Talk N of M" and the agenda.
const SHOW_STATE: &str = "(function(){var c=document.querySelector('section.nd-current');\
    var q=function(s){var e=document.querySelector(s);return e?e.textContent.replace(/\\s+/g,' ').trim():''};\
    return [window.__marker||'reloaded', window.notedeck.current(), window.notedeck.count(),\
    window.__notedeckLive.patches, c?c.textContent.replace(/\\s+/g,' ').trim():'',\
    q('section[data-talk=\"alpha-talk\"] .slide-talkpos'), q('.slide-agenda .agenda')].join('|')})()";

#[test]
fn the_show_patches_an_edited_talk_in_place_on_the_same_slide() {
    let Some(b) = Browser::launch() else {
        return;
    };
    let s = Served::start();
    // Opening, agenda, alpha (title + 4), beta (2), closing: slide 5 is
    // alpha's "Third" (bananas).
    let page = b.open(&format!("http://127.0.0.1:{}/recap.html#5", s.port));
    let ok = page.wait_until(
        "window.notedeck && window.__notedeckLive && window.__notedeckLive.connected ? window.notedeck.current() : 0",
        Duration::from_secs(15),
        |v| v == 5,
    );
    assert_eq!(ok, 5, "the show did not open on slide 5 connected");
    page.eval_json("window.__marker = 'kept'; 1");
    let before = page.eval_json(SHOW_STATE);
    let before = before.as_str().unwrap_or_default().to_string();
    assert!(
        before.starts_with("kept|5|10|0|") && before.contains("bananas"),
        "{before}"
    );
    assert!(before.contains("|Talk 1 of 2|"), "{before}");

    // A typo fixed on the open slide and a talk added at the end, saved
    // while the overview is open (its talk labels sit among the slides).
    page.press("o");
    assert!(page.wait_for(
        "document.querySelectorAll('.nd-ov-label').length === 2",
        Duration::from_secs(5)
    ));
    let edited = format!(
        "{}\n## Gamma Talk\n\n- brand new\n",
        notes("dates").replace("bananas", "bananas, freshly patched")
    );
    save_atomic(&s.notes_path(), edited.as_bytes());
    let got = page.wait_until(SHOW_STATE, Duration::from_secs(15), |v| {
        v.as_str()
            .is_some_and(|t| t.contains("freshly patched") && t.contains("Gamma"))
    });
    let got = got.as_str().unwrap_or_default().to_string();
    assert!(got.starts_with("kept|5|12|1|"), "reloaded or moved: {got}");
    assert!(got.contains("bananas, freshly patched"), "{got}");
    assert!(got.contains("|Talk 1 of 3|"), "counters: {got}");
    assert!(got.contains("Gamma Talk"), "agenda: {got}");

    // The overview lists the new talk under its own label, once.
    let labels = page.eval_json(
        "[...document.querySelectorAll('.nd-ov-label')].map(l=>l.textContent).join('|')",
    );
    assert_eq!(
        labels.as_str(),
        Some("Talk 1 · Alpha Talk|Talk 2 · Beta Talk|Talk 3 · Gamma Talk"),
        "{labels}"
    );
    page.press("Escape");

    // A broken save shows the overlay over the last good show.
    let mut bad = edited.clone().into_bytes();
    let at = bad.len() - 3;
    bad.insert(at, 0xff);
    std::fs::write(s.notes_path(), &bad).expect("write");
    let overlay = "(function(){var o=document.getElementById('notedeck-errors');return o?o.textContent:''})()";
    let shown = page.wait_until(overlay, Duration::from_secs(15), |v| {
        v.as_str().is_some_and(|t| t.contains("day-one.md:"))
    });
    assert!(
        shown.as_str().is_some_and(|t| t.contains("invalid UTF-8")),
        "overlay: {shown}"
    );
}

#[test]
fn the_index_patches_itself_in_place_and_shows_the_overlay() {
    let Some(b) = Browser::launch() else {
        return;
    };
    let s = Served::start();
    let page = b.open(&format!("http://127.0.0.1:{}/index.html", s.port));
    let ok = page.wait_for(
        "window.__notedeckLive && window.__notedeckLive.connected",
        Duration::from_secs(15),
    );
    assert!(ok, "the index did not connect");
    page.eval_json("window.__marker = 'kept'; 1");
    let state = "[window.__marker||'reloaded', window.__notedeckLive.patches, \
        document.querySelector('.index-summary').textContent].join('|')";
    assert_eq!(
        page.eval_json(state).as_str(),
        Some("kept|0|2 talks · 7 slides")
    );
    let edited = format!("{}\n## Gamma Talk\n\n- brand new\n", notes("dates"));
    save_atomic(&s.notes_path(), edited.as_bytes());
    let got = page.wait_until(state, Duration::from_secs(15), |v| {
        v.as_str().is_some_and(|t| t.contains("3 talks"))
    });
    assert_eq!(got.as_str(), Some("kept|1|3 talks · 9 slides"), "{got}");
    std::fs::write(s.notes_path(), b"# Day\n\n## A\n\n- \xff\n").expect("write");
    let overlay = "(function(){var o=document.getElementById('notedeck-errors');return o?o.textContent:''})()";
    let shown = page.wait_until(overlay, Duration::from_secs(15), |v| {
        v.as_str().is_some_and(|t| t.contains("invalid UTF-8"))
    });
    assert!(
        shown.as_str().is_some_and(|t| t.contains("day-one.md:")),
        "{shown}"
    );
}
