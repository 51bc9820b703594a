//! The presenting runtime in real headless Chromium, on decks built from
//! the user's notes and opened from disk (file://, no server).

use crate::common;

use common::browser::{self, Browser, Tab};
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

fn chrome() -> Option<&'static Browser> {
    Browser::shared()
}

fn key(tab: &Tab, k: &str) {
    tab.press(k);
}

fn current(tab: &Tab) -> i64 {
    tab.eval_i64("notedeck.current()")
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

#[test]
fn keyboard_navigation_and_deep_links() {
    let Some(c) = chrome() else { return };
    let b = user_recap();
    let tab = c.open(&format!("{}#1", deck_url(b, "rust-adoption-at-amazon")));
    assert!(tab.wait_for("!!window.notedeck", secs(10)));
    let total = tab.eval_i64("notedeck.count()");
    // 5 slides since layout packs small subtrees (issue #12).
    assert_eq!(total, 5);
    assert_eq!(current(&tab), 1);
    for (k, want) in [
        ("ArrowRight", 2),
        (" ", 3),
        ("PageDown", 4),
        ("n", 5),
        ("ArrowLeft", 4),
        ("k", 3),
        ("PageUp", 2),
        ("End", 5),
        ("Home", 1),
        ("j", 2),
        ("ArrowDown", 3),
        ("ArrowUp", 2),
    ] {
        key(&tab, k);
        assert!(
            tab.wait_for(&format!("notedeck.current() === {want}"), secs(5)),
            "after {k:?}: slide {} (want {want})",
            current(&tab)
        );
    }
    assert_eq!(tab.eval_json("location.hash"), "#2");
    // A number then Enter jumps.
    key(&tab, "5");
    key(&tab, "Enter");
    assert!(tab.wait_for("notedeck.current() === 5", secs(5)));
    assert_eq!(
        tab.eval_json("document.querySelector('.nd-counter').textContent"),
        "5 / 5"
    );
    // Only the current slide is shown.
    assert_eq!(
        tab.eval_json("[...document.querySelectorAll('section.slide')].filter(s => getComputedStyle(s).visibility === 'visible').length"),
        1
    );
    // Browser back returns to the slide visited before.
    tab.eval_json("history.back()");
    assert!(
        tab.wait_for("notedeck.current() === 2", secs(5)),
        "back: {}",
        current(&tab)
    );
    // A deep link opens the slide it names.
    let tab2 = c.open(&format!("{}#4", deck_url(b, "rust-adoption-at-amazon")));
    assert!(tab2.wait_for("window.notedeck && notedeck.current() === 4", secs(10)));
    assert!(
        tab2.eval_json("document.querySelector('#slide-4').getAttribute('aria-hidden') !== 'true'")
            == true
    );
    assert!(
        tab2.eval_json("document.querySelector('[aria-live]').textContent")
            .as_str()
            .is_some_and(|t| t.contains("Slide 4 of 5")),
        "live region announces the slide"
    );
    let errors = tab.console_errors();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn overview_picks_a_slide() {
    let Some(c) = chrome() else { return };
    let b = user_recap();
    let tab = c.open(&format!("{}#1", deck_url(b, "microsoft-key-note")));
    assert!(tab.wait_for("!!window.notedeck", secs(10)));
    key(&tab, "o");
    assert!(tab.wait_for(
        "document.querySelector('.deck').classList.contains('nd-overview')",
        secs(5)
    ));
    assert_eq!(
        tab.eval_json("[...document.querySelectorAll('section.slide')].every(s => getComputedStyle(s).visibility === 'visible')"),
        true
    );
    key(&tab, "ArrowRight");
    key(&tab, "ArrowRight");
    let selected = tab.eval_json("document.querySelector('.nd-selected').id");
    key(&tab, "Enter");
    assert!(tab.wait_for(
        "!document.querySelector('.deck').classList.contains('nd-overview')",
        secs(5)
    ));
    assert_eq!(selected, "slide-3");
    assert_eq!(current(&tab), 3);
    // Esc opens it too, and a click picks.
    key(&tab, "Escape");
    assert!(tab.wait_for(
        "document.querySelector('.deck').classList.contains('nd-overview')",
        secs(5)
    ));
    std::thread::sleep(Duration::from_millis(400));
    let x = tab.eval_json("(() => { const r = document.querySelector('#slide-4').getBoundingClientRect(); return r.left + r.width / 2; })()").as_f64().expect("x");
    let y = tab.eval_json("(() => { const r = document.querySelector('#slide-4').getBoundingClientRect(); return r.top + r.height / 2; })()").as_f64().expect("y");
    tab.click_at(x, y);
    let hit = tab.eval_json(&format!(
        "document.elementFromPoint({x}, {y})?.closest('section')?.id"
    ));
    assert!(
        tab.wait_for("notedeck.current() === 4", secs(5)),
        "click at {x},{y} on {hit} picked {}",
        current(&tab)
    );
}

#[test]
fn speaker_view_syncs_both_ways_from_a_file_url() {
    let Some(c) = chrome() else { return };
    let b = user_recap();
    let url = format!("{}#2", deck_url(b, "rust-adoption-at-amazon"));
    let main = c.open(&url);
    assert!(main.wait_for("!!window.notedeck && notedeck.current() === 2", secs(10)));
    key(&main, "s");
    let speaker = main.wait_for_popup(secs(10));
    let speaker = speaker.expect("pressing s opens a speaker window");
    assert!(speaker.url().starts_with("file://"), "{}", speaker.url());
    assert!(speaker.wait_for(
        "!!document.querySelector('.nd-sv-notes') && window.notedeck && notedeck.current() === 2",
        secs(15)
    ));
    // Current and next slide, timer and clock are there.
    for sel in [".nd-sv-timer", ".nd-sv-notes", ".nd-sv-frame"] {
        assert_eq!(
            speaker.eval_json(&format!("!!document.querySelector('{sel}')")),
            true,
            "{sel}"
        );
    }
    // Deck → speaker.
    key(&main, "ArrowRight");
    assert!(
        speaker.wait_for("notedeck.current() === 3", secs(5)),
        "speaker at {}",
        current(&speaker)
    );
    // Speaker → deck.
    key(&speaker, "ArrowRight");
    key(&speaker, "ArrowRight");
    assert!(
        main.wait_for("notedeck.current() === 5", secs(5)),
        "deck at {}",
        current(&main)
    );
    // The timer runs.
    let t1 = speaker.eval_json("document.querySelector('.nd-sv-timer').textContent");
    std::thread::sleep(Duration::from_millis(1300));
    let t2 = speaker.eval_json("document.querySelector('.nd-sv-timer').textContent");
    assert_ne!(t1, t2, "timer advances");
    let errors = main.console_errors();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn incremental_lists_reveal_items_one_at_a_time() {
    let Some(c) = chrome() else { return };
    static B: OnceLock<Built> = OnceLock::new();
    let b = B.get_or_init(|| build_with(|o| o.meta.incremental = true));
    let tab = c.open(&format!("{}#1", deck_url(b, "rust-adoption-at-amazon")));
    assert!(tab.wait_for("!!window.notedeck", secs(10)));
    let visible = "[...document.querySelectorAll('#slide-2 .slide-body li')].filter(l => getComputedStyle(l).visibility === 'visible').length";
    let items = tab.eval_i64("document.querySelectorAll('#slide-2 .slide-body li').length");
    assert!(items >= 3);
    key(&tab, "ArrowRight");
    assert!(tab.wait_for("notedeck.current() === 2", secs(5)));
    assert_eq!(tab.eval_i64(visible), 0, "nothing revealed on arrival");
    key(&tab, "ArrowRight");
    assert_eq!(tab.eval_i64(visible), 1);
    // Each step is announced by what it reveals.
    let said = "document.querySelector('.nd-sr[aria-live]').textContent";
    let first = "document.querySelector('#slide-2 .slide-body li').textContent.trim()";
    assert_eq!(tab.eval_json(said), tab.eval_json(first));
    key(&tab, "ArrowRight");
    assert_eq!(tab.eval_i64(visible), 2);
    let second = "document.querySelectorAll('#slide-2 .slide-body li')[1].textContent.trim()";
    assert_eq!(tab.eval_json(said), tab.eval_json(second));
    key(&tab, "ArrowLeft");
    assert_eq!(tab.eval_i64(visible), 1, "back hides the last item");
    for _ in 0..items {
        key(&tab, "ArrowRight");
    }
    assert!(
        tab.wait_for("notedeck.current() === 3", secs(5)),
        "after all items the next slide comes"
    );
    key(&tab, "ArrowLeft");
    assert!(tab.wait_for("notedeck.current() === 2", secs(5)));
    assert_eq!(
        tab.eval_i64(visible),
        items,
        "going back shows the slide fully revealed"
    );
}

#[test]
fn no_slide_of_the_user_notes_overflows_its_canvas() {
    let Some(c) = chrome() else { return };
    let b = user_recap();
    let mut report = Vec::new();
    for (path, count) in &b.decks {
        let tab = c.open(&browser::file_url(&b.out.join(path)));
        assert!(tab.wait_for("!!window.notedeck", secs(10)));
        for n in 1..=*count {
            tab.eval_json(&format!("notedeck.goTo({n})"));
            assert!(tab.wait_for(&format!("notedeck.current() === {n} && !!document.querySelector('#slide-{n}').dataset.fit"), secs(10)));
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
                serde_json::from_str(tab.eval_json(&check).as_str().unwrap_or("{}")).expect("json");
            assert_eq!(v["overflow"], "", "{path} slide {n} needed scrolling: {v}");
            assert_eq!(
                v["bad"],
                serde_json::json!([]),
                "{path} slide {n} overflows: {v}"
            );
            report.push(format!("{path}#{n}: fit {}", v["fit"]));
        }
        let errors = tab.console_errors();
        assert!(errors.is_empty(), "{path}: {errors:?}");
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
        let tab = c.open(&url);
        assert!(tab.wait_for("document.readyState === 'complete'", secs(10)));
        // The CSP refuses a request even when script asks for one.
        let blocked =
            tab.eval_json("fetch('http://127.0.0.1:9/x').then(() => 'sent', () => 'blocked')");
        assert_eq!(blocked, "blocked", "{url}");
        std::thread::sleep(Duration::from_millis(200));
        let w = tab.seen();
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
    }
}

#[test]
fn print_gives_one_page_per_slide() {
    let Some(c) = chrome() else { return };
    let b = user_recap();
    for slug in ["rust-adoption-at-amazon", "microsoft-key-note"] {
        let tab = c.open(&deck_url(b, slug));
        assert!(tab.wait_for("!!window.notedeck", secs(10)));
        let count = tab.eval_i64("notedeck.count()") as usize;
        let pdf = tab.print_pdf();
        assert_eq!(browser::pdf_pages(&pdf), count, "{slug}");
        std::fs::write(browser::artifacts_dir().join(format!("{slug}.pdf")), &pdf)
            .expect("save pdf");
    }
}

#[test]
fn screenshots_in_every_theme() {
    let Some(c) = chrome() else { return };
    let mut backgrounds = Vec::new();
    for theme in notedeck::services::theme::names() {
        let b = build_with(|o| o.meta.theme = theme.to_string());
        let tab = c.open(&deck_url(&b, "rust-adoption-at-amazon"));
        assert!(tab.wait_for("!!window.notedeck", secs(10)));
        for n in [1, 2, 4] {
            tab.eval_json(&format!("notedeck.goTo({n})"));
            assert!(tab.wait_for(&format!("notedeck.current() === {n}"), secs(5)));
            std::thread::sleep(Duration::from_millis(150));
            let png =
                tab.screenshot(&browser::artifacts_dir().join(format!("{theme}-amazon-{n}.png")));
            assert!(png.starts_with(b"\x89PNG"));
        }
        backgrounds.push(
            tab.eval_json("getComputedStyle(document.querySelector('#slide-1')).backgroundColor"),
        );
    }
    backgrounds.dedup();
    assert_eq!(
        backgrounds.len(),
        notedeck::services::theme::names().len(),
        "themes look different: {backgrounds:?}"
    );
}

/// Issue #28: a page that frames a deck, with a sibling frame saying
/// `hello` like a speaker window, is not adopted as the speaker window: it
/// gets no slide state and cannot turn slides. Real binary, real Chromium.
#[test]
fn a_framing_page_cannot_pose_as_the_speaker_window() {
    let Some(c) = chrome() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
    std::fs::write(
        dir.path().join("talks/day.md"),
        "# Day\n\n## Talk\n\n* a\n\n## Other\n\n* b\n",
    )
    .expect("notes");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_notedeck"))
        .current_dir(dir.path())
        .args(["--color", "never", "build", "talks", "-o", "dist"])
        .output()
        .expect("build");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(dir.path().join("dist/day/talk.html").is_file());
    std::fs::write(
        dir.path().join("dist/attack.html"),
        r#"<script>window.got = []; addEventListener('message', e => { if (e.data && e.data.got) got.push(e.data.got); });</script>
<iframe src="day/talk.html"></iframe>
<iframe srcdoc="<script>
  addEventListener('message', e => { if (e.data && e.data.notedeck === 1) parent.postMessage({got: e.data.type}, '*'); });
  setInterval(() => {
    parent.frames[0].postMessage({notedeck: 1, type: 'hello', first: true}, '*');
    parent.frames[0].postMessage({notedeck: 1, type: 'go', dir: 1}, '*');
  }, 100);
</script>"></iframe>"#,
    )
    .expect("attack page");
    let tab = c.open(&browser::file_url(&dir.path().join("dist/attack.html")));
    assert!(tab.wait_for("document.readyState === 'complete'", secs(10)));
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        tab.eval_json("window.got"),
        serde_json::json!([]),
        "the deck answered a frame it did not open"
    );
    // The window the deck opened is still adopted after the deck reloads.
    let main = c.open(&browser::file_url(&dir.path().join("dist/recap.html")));
    assert!(main.wait_for("!!window.notedeck", secs(10)));
    key(&main, "s");
    let speaker = main
        .wait_for_popup(secs(10))
        .expect("pressing s opens a speaker window");
    assert!(speaker.wait_for(
        "!!window.notedeck && !!document.querySelector('.nd-sv-notes')",
        secs(15)
    ));
    main.eval_json("location.reload(); 1");
    std::thread::sleep(Duration::from_millis(500));
    assert!(main.wait_for(
        "!!window.notedeck && document.readyState === 'complete'",
        secs(10)
    ));
    std::thread::sleep(Duration::from_millis(1500));
    let before = current(&main);
    key(&main, "ArrowRight");
    assert!(main.wait_for(&format!("notedeck.current() === {}", before + 1), secs(5)));
    assert!(
        speaker.wait_for(&format!("notedeck.current() === {}", before + 1), secs(5)),
        "speaker at {}, deck at {}",
        current(&speaker),
        before + 1
    );
}
