//! The presenting runtime in real headless Chromium, on decks built from
//! the user's notes and opened from disk (file://, no server).

mod common;

use common::browser::{self, eval, eval_i64, open, wait_for, Chrome};
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::types::PrintToPdfOptions;
use notedeck::BuildOptions;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

struct Built {
    _dir: tempfile::TempDir,
    out: PathBuf,
    decks: Vec<(String, usize)>,
}

fn build_with(f: impl FnOnce(&mut BuildOptions)) -> Built {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("dist");
    let mut opts = BuildOptions {
        inputs: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("talks")],
        ..BuildOptions::default()
    };
    f(&mut opts);
    let report = notedeck::build(&opts, &out).expect("build");
    let decks = report
        .project
        .decks
        .iter()
        .map(|d| (d.path.clone(), d.slides.len()))
        .collect();
    Built {
        _dir: dir,
        out,
        decks,
    }
}

fn user_recap() -> &'static Built {
    static B: OnceLock<Built> = OnceLock::new();
    B.get_or_init(|| build_with(|_| {}))
}

fn deck_url(b: &Built, slug: &str) -> String {
    browser::file_url(&b.out.join(format!("day-one/{slug}.html")))
}

fn chrome() -> Option<&'static Chrome> {
    browser::shared()
}

fn key(tab: &headless_chrome::Tab, k: &str) {
    tab.press_key(k)
        .unwrap_or_else(|e| panic!("press {k}: {e}"));
}

fn current(tab: &headless_chrome::Tab) -> i64 {
    eval_i64(tab, "notedeck.current()")
}

#[test]
fn keyboard_navigation_and_deep_links() {
    let Some(c) = chrome() else { return };
    let b = user_recap();
    let (tab, seen) = open(c, &format!("{}#1", deck_url(b, "rust-adoption-at-amazon")));
    assert!(wait_for(&tab, "!!window.notedeck", 10));
    let total = eval_i64(&tab, "notedeck.count()");
    assert_eq!(total, 7);
    assert_eq!(current(&tab), 1);
    for (k, want) in [
        ("ArrowRight", 2),
        (" ", 3),
        ("PageDown", 4),
        ("n", 5),
        ("ArrowLeft", 4),
        ("k", 3),
        ("PageUp", 2),
        ("End", 7),
        ("Home", 1),
        ("j", 2),
        ("ArrowDown", 3),
        ("ArrowUp", 2),
    ] {
        key(&tab, k);
        assert!(
            wait_for(&tab, &format!("notedeck.current() === {want}"), 5),
            "after {k:?}: slide {} (want {want})",
            current(&tab)
        );
    }
    assert_eq!(eval(&tab, "location.hash"), "#2");
    // A number then Enter jumps.
    key(&tab, "5");
    key(&tab, "Enter");
    assert!(wait_for(&tab, "notedeck.current() === 5", 5));
    assert_eq!(
        eval(&tab, "document.querySelector('.nd-counter').textContent"),
        "5 / 7"
    );
    // Only the current slide is shown.
    assert_eq!(
        eval(&tab, "[...document.querySelectorAll('section.slide')].filter(s => getComputedStyle(s).visibility === 'visible').length"),
        1
    );
    // Browser back returns to the slide visited before.
    eval(&tab, "history.back()");
    assert!(
        wait_for(&tab, "notedeck.current() === 2", 5),
        "back: {}",
        current(&tab)
    );
    // A deep link opens the slide it names.
    let (tab2, _) = open(c, &format!("{}#4", deck_url(b, "rust-adoption-at-amazon")));
    assert!(wait_for(
        &tab2,
        "window.notedeck && notedeck.current() === 4",
        10
    ));
    assert!(
        eval(
            &tab2,
            "document.querySelector('#slide-4').getAttribute('aria-hidden') !== 'true'"
        ) == true
    );
    assert!(
        eval(&tab2, "document.querySelector('[aria-live]').textContent")
            .as_str()
            .is_some_and(|t| t.contains("Slide 4 of 7")),
        "live region announces the slide"
    );
    let w = seen.lock().expect("watch");
    assert!(w.console_errors.is_empty(), "{:?}", w.console_errors);
    tab.close(false).ok();
    tab2.close(false).ok();
}

#[test]
fn overview_picks_a_slide() {
    let Some(c) = chrome() else { return };
    let b = user_recap();
    let (tab, _) = open(c, &format!("{}#1", deck_url(b, "microsoft-key-note")));
    assert!(wait_for(&tab, "!!window.notedeck", 10));
    key(&tab, "o");
    assert!(wait_for(
        &tab,
        "document.querySelector('.deck').classList.contains('nd-overview')",
        5
    ));
    assert_eq!(
        eval(&tab, "[...document.querySelectorAll('section.slide')].every(s => getComputedStyle(s).visibility === 'visible')"),
        true
    );
    key(&tab, "ArrowRight");
    key(&tab, "ArrowRight");
    let selected = eval(&tab, "document.querySelector('.nd-selected').id");
    key(&tab, "Enter");
    assert!(wait_for(
        &tab,
        "!document.querySelector('.deck').classList.contains('nd-overview')",
        5
    ));
    assert_eq!(selected, "slide-3");
    assert_eq!(current(&tab), 3);
    // Esc opens it too, and a click picks.
    key(&tab, "Escape");
    assert!(wait_for(
        &tab,
        "document.querySelector('.deck').classList.contains('nd-overview')",
        5
    ));
    std::thread::sleep(Duration::from_millis(400));
    let x = eval(&tab, "(() => { const r = document.querySelector('#slide-6').getBoundingClientRect(); return r.left + r.width / 2; })()").as_f64().expect("x");
    let y = eval(&tab, "(() => { const r = document.querySelector('#slide-6').getBoundingClientRect(); return r.top + r.height / 2; })()").as_f64().expect("y");
    tab.click_point(headless_chrome::browser::tab::point::Point { x, y })
        .expect("click");
    let hit = eval(
        &tab,
        &format!("document.elementFromPoint({x}, {y})?.closest('section')?.id"),
    );
    assert!(
        wait_for(&tab, "notedeck.current() === 6", 5),
        "click at {x},{y} on {hit} picked {}",
        current(&tab)
    );
    tab.close(false).ok();
}

#[test]
fn speaker_view_syncs_both_ways_from_a_file_url() {
    let Some(c) = chrome() else { return };
    let b = user_recap();
    let url = format!("{}#2", deck_url(b, "rust-adoption-at-amazon"));
    let (main, seen) = open(c, &url);
    assert!(wait_for(
        &main,
        "!!window.notedeck && notedeck.current() === 2",
        10
    ));
    let before: Vec<String> = tabs(c).iter().map(|t| t.get_target_id().clone()).collect();
    key(&main, "s");
    let mut speaker = None;
    for _ in 0..100 {
        if let Some(t) = tabs(c)
            .into_iter()
            .find(|t| !before.contains(t.get_target_id()))
        {
            speaker = Some(t);
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let speaker = speaker.expect("pressing s opens a speaker window");
    assert!(
        speaker.get_url().starts_with("file://"),
        "{}",
        speaker.get_url()
    );
    assert!(wait_for(
        &speaker,
        "!!document.querySelector('.nd-sv-notes') && window.notedeck && notedeck.current() === 2",
        15
    ));
    // Current and next slide, timer and clock are there.
    for sel in [".nd-sv-timer", ".nd-sv-notes", ".nd-sv-frame"] {
        assert_eq!(
            eval(&speaker, &format!("!!document.querySelector('{sel}')")),
            true,
            "{sel}"
        );
    }
    // Deck → speaker.
    key(&main, "ArrowRight");
    assert!(
        wait_for(&speaker, "notedeck.current() === 3", 5),
        "speaker at {}",
        current(&speaker)
    );
    // Speaker → deck.
    key(&speaker, "ArrowRight");
    key(&speaker, "ArrowRight");
    assert!(
        wait_for(&main, "notedeck.current() === 5", 5),
        "deck at {}",
        current(&main)
    );
    // The timer runs.
    let t1 = eval(
        &speaker,
        "document.querySelector('.nd-sv-timer').textContent",
    );
    std::thread::sleep(Duration::from_millis(1300));
    let t2 = eval(
        &speaker,
        "document.querySelector('.nd-sv-timer').textContent",
    );
    assert_ne!(t1, t2, "timer advances");
    let w = seen.lock().expect("watch");
    assert!(w.console_errors.is_empty(), "{:?}", w.console_errors);
    speaker.close(false).ok();
    main.close(false).ok();
}

fn tabs(c: &Chrome) -> Vec<std::sync::Arc<headless_chrome::Tab>> {
    c.browser
        .get_tabs()
        .lock()
        .map(|t| t.clone())
        .unwrap_or_default()
}

#[test]
fn incremental_lists_reveal_items_one_at_a_time() {
    let Some(c) = chrome() else { return };
    static B: OnceLock<Built> = OnceLock::new();
    let b = B.get_or_init(|| build_with(|o| o.meta.incremental = true));
    let (tab, _) = open(c, &format!("{}#1", deck_url(b, "rust-adoption-at-amazon")));
    assert!(wait_for(&tab, "!!window.notedeck", 10));
    let visible = "[...document.querySelectorAll('#slide-2 .slide-body li')].filter(l => getComputedStyle(l).visibility === 'visible').length";
    let items = eval_i64(
        &tab,
        "document.querySelectorAll('#slide-2 .slide-body li').length",
    );
    assert!(items >= 3);
    key(&tab, "ArrowRight");
    assert!(wait_for(&tab, "notedeck.current() === 2", 5));
    assert_eq!(eval_i64(&tab, visible), 0, "nothing revealed on arrival");
    key(&tab, "ArrowRight");
    assert_eq!(eval_i64(&tab, visible), 1);
    key(&tab, "ArrowRight");
    assert_eq!(eval_i64(&tab, visible), 2);
    key(&tab, "ArrowLeft");
    assert_eq!(eval_i64(&tab, visible), 1, "back hides the last item");
    for _ in 0..items {
        key(&tab, "ArrowRight");
    }
    assert!(
        wait_for(&tab, "notedeck.current() === 3", 5),
        "after all items the next slide comes"
    );
    key(&tab, "ArrowLeft");
    assert!(wait_for(&tab, "notedeck.current() === 2", 5));
    assert_eq!(
        eval_i64(&tab, visible),
        items,
        "going back shows the slide fully revealed"
    );
    tab.close(false).ok();
}

#[test]
fn no_slide_of_the_user_notes_overflows_its_canvas() {
    let Some(c) = chrome() else { return };
    let b = user_recap();
    let mut report = Vec::new();
    for (path, count) in &b.decks {
        let (tab, seen) = open(c, &browser::file_url(&b.out.join(path)));
        assert!(wait_for(&tab, "!!window.notedeck", 10));
        for n in 1..=*count {
            eval(&tab, &format!("notedeck.goTo({n})"));
            assert!(wait_for(&tab, &format!("notedeck.current() === {n} && !!document.querySelector('#slide-{n}').dataset.fit"), 10));
            // Every element of the slide lies inside the canvas.
            let check = format!(
                "(() => {{ const s = document.querySelector('#slide-{n}'); const r = s.getBoundingClientRect();
                   const bad = [...s.querySelectorAll('.slide-content *')].filter(e => {{
                     if (e.closest('.notes')) return false;
                     const b = e.getBoundingClientRect();
                     if (b.width === 0 && b.height === 0) return false;
                     return b.left < r.left - 1 || b.top < r.top - 1 || b.right > r.right + 1 || b.bottom > r.bottom + 1; }});
                   return JSON.stringify({{fit: s.dataset.fit, overflow: s.dataset.overflow || '', bad: bad.map(e => e.tagName + ':' + e.textContent.slice(0, 30))}}); }})()"
            );
            let v: serde_json::Value =
                serde_json::from_str(eval(&tab, &check).as_str().unwrap_or("{}")).expect("json");
            assert_eq!(v["overflow"], "", "{path} slide {n} needed scrolling: {v}");
            assert_eq!(
                v["bad"],
                serde_json::json!([]),
                "{path} slide {n} overflows: {v}"
            );
            report.push(format!("{path}#{n}: fit {}", v["fit"]));
        }
        let w = seen.lock().expect("watch");
        assert!(
            w.console_errors.is_empty(),
            "{path}: {:?}",
            w.console_errors
        );
        tab.close(false).ok();
    }
    eprintln!("{}", report.join("\n"));
}

#[test]
fn decks_and_index_make_no_network_request() {
    let Some(c) = chrome() else { return };
    let b = user_recap();
    let mut pages: Vec<PathBuf> = b.decks.iter().map(|(p, _)| b.out.join(p)).collect();
    pages.push(b.out.join("index.html"));
    for page in pages {
        let url = browser::file_url(&page);
        let (tab, seen) = open(c, &url);
        assert!(wait_for(&tab, "document.readyState === 'complete'", 10));
        // The CSP refuses a request even when script asks for one.
        let blocked = eval(
            &tab,
            "fetch('http://127.0.0.1:9/x').then(() => 'sent', () => 'blocked')",
        );
        assert_eq!(blocked, "blocked", "{url}");
        std::thread::sleep(Duration::from_millis(200));
        let w = seen.lock().expect("watch");
        let others: Vec<&String> = w
            .requests
            .iter()
            .filter(|r| {
                !r.starts_with("data:") && r.as_str() != url && !r.starts_with(&format!("{url}#"))
            })
            .collect();
        assert!(others.is_empty(), "{url} requested {others:?}");
        let errors: Vec<&String> = w
            .console_errors
            .iter()
            .filter(|e| !e.contains("Content Security Policy") && !e.contains("127.0.0.1:9"))
            .collect();
        assert!(errors.is_empty(), "{url}: {errors:?}");
        tab.close(false).ok();
    }
}

#[test]
fn print_gives_one_page_per_slide() {
    let Some(c) = chrome() else { return };
    let b = user_recap();
    for slug in ["rust-adoption-at-amazon", "microsoft-key-note"] {
        let (tab, _) = open(c, &deck_url(b, slug));
        assert!(wait_for(&tab, "!!window.notedeck", 10));
        let count = eval_i64(&tab, "notedeck.count()") as usize;
        let pdf = tab
            .print_to_pdf(Some(PrintToPdfOptions {
                prefer_css_page_size: Some(true),
                print_background: Some(true),
                ..PrintToPdfOptions::default()
            }))
            .expect("print");
        assert_eq!(browser::pdf_pages(&pdf), count, "{slug}");
        std::fs::write(browser::artifacts_dir().join(format!("{slug}.pdf")), &pdf)
            .expect("save pdf");
        tab.close(false).ok();
    }
}

#[test]
fn screenshots_in_every_theme() {
    let Some(c) = chrome() else { return };
    let mut backgrounds = Vec::new();
    for theme in notedeck::render::theme::names() {
        let b = build_with(|o| o.meta.theme = theme.to_string());
        let (tab, _) = open(c, &deck_url(&b, "rust-adoption-at-amazon"));
        assert!(wait_for(&tab, "!!window.notedeck", 10));
        for n in [1, 2, 4] {
            eval(&tab, &format!("notedeck.goTo({n})"));
            assert!(wait_for(&tab, &format!("notedeck.current() === {n}"), 5));
            std::thread::sleep(Duration::from_millis(150));
            let png = tab
                .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
                .expect("screenshot");
            assert!(png.starts_with(b"\x89PNG"));
            std::fs::write(
                browser::artifacts_dir().join(format!("{theme}-amazon-{n}.png")),
                png,
            )
            .expect("save");
        }
        backgrounds.push(eval(
            &tab,
            "getComputedStyle(document.querySelector('#slide-1')).backgroundColor",
        ));
        tab.close(false).ok();
    }
    backgrounds.dedup();
    assert_eq!(
        backgrounds.len(),
        notedeck::render::theme::names().len(),
        "themes look different: {backgrounds:?}"
    );
}
