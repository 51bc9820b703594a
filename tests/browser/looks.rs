//! Other tools' slide looks in real Chromium: a `<v-click>` slide steps
//! and the next one does not, `two-cols` columns sit side by side, Marp
//! `<!--fit-->` titles fill the width on one line, backgrounds show.

use crate::common;

use common::browser::{self, Browser, Tab};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

struct Built {
    _dir: tempfile::TempDir,
    out: PathBuf,
}

fn built() -> &'static Built {
    static B: OnceLock<Built> = OnceLock::new();
    B.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("dist");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/looks");
        let opts = notedeck::BuildOptions {
            inputs: vec![root.join("slidev-clicks.md"), root.join("marp-looks.md")],
            ..notedeck::BuildOptions::default()
        };
        let report = notedeck::build(&opts, &out).expect("build");
        assert!(
            report.project.errors.is_empty(),
            "{:?}",
            report.project.errors
        );
        Built { _dir: dir, out }
    })
}

fn open(c: &Browser, page: &str, hash: &str) -> Tab {
    let url = browser::file_url(&built().out.join(page));
    let tab = c.open(&format!("{url}{hash}"));
    assert!(tab.wait_for("!!window.notedeck", Duration::from_secs(10)));
    tab
}

/// Which of the current slide's texts are hidden (not yet clicked in).
fn hidden(tab: &Tab, texts: &[&str]) -> Vec<bool> {
    texts
        .iter()
        .map(|t| {
            let js = format!(
                "(() => {{ const s = document.querySelector('section.nd-current'); \
                 const e = [...s.querySelectorAll('.slide-body p, .slide-body li')].find(x => x.textContent.trim() === {t:?}); \
                 return e ? getComputedStyle(e).visibility === 'hidden' : 'missing'; }})()"
            );
            tab.eval_json(&js) == true
        })
        .collect()
}

const CLICK: &str = "clicks-and-columns/clicks-and-columns.html";
const MARP: &str = "marp-looks/fit.html";

#[test]
fn a_click_slide_steps_and_the_next_slide_does_not() {
    let Some(c) = Browser::shared() else { return };
    let tab = open(c, CLICK, "#1");
    let texts = [
        "Shown at once",
        "Second, on the first click",
        "third",
        "fourth",
    ];
    tab.press("ArrowRight");
    assert!(tab.wait_for("notedeck.current() === 2", Duration::from_secs(5)));
    assert_eq!(hidden(&tab, &texts), [false, true, true, true]);
    for want in [
        [false, false, true, true],
        [false, false, false, true],
        [false, false, false, false],
    ] {
        tab.press("ArrowRight");
        assert!(tab.wait_for("notedeck.current() === 2", Duration::from_secs(5)));
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(hidden(&tab, &texts), want);
    }
    // The next slide has no clicks: all of it at once, one key to leave.
    tab.press("ArrowRight");
    assert!(tab.wait_for("notedeck.current() === 3", Duration::from_secs(5)));
    assert_eq!(hidden(&tab, &["alpha", "beta"]), [false, false]);
    assert_eq!(tab.eval_i64("notedeck.step()"), 0);
    tab.press("ArrowRight");
    assert!(tab.wait_for("notedeck.current() === 4", Duration::from_secs(5)));
    // Back onto the click slide: fully shown, steps back one by one.
    tab.eval_json("notedeck.goTo(2)");
    assert!(tab.wait_for("notedeck.current() === 2", Duration::from_secs(5)));
    assert_eq!(hidden(&tab, &texts), [false, false, false, false]);
    tab.press("ArrowLeft");
    assert!(tab.wait_for("notedeck.step() === 2", Duration::from_secs(5)));
    assert_eq!(hidden(&tab, &texts), [false, false, false, true]);
    let errors = tab.console_errors();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn two_cols_render_side_by_side() {
    let Some(c) = Browser::shared() else { return };
    let tab = open(c, CLICK, "#4");
    assert!(tab.wait_for("notedeck.current() === 4", Duration::from_secs(5)));
    let boxes = tab.eval_json(
        "(() => { const s = document.querySelector('section.nd-current'); \
         return [...s.querySelectorAll('.nd-col')].map(c => { const r = c.getBoundingClientRect(); \
         return [r.left, r.right, r.top, r.bottom, c.textContent.trim().split(/\\s+/).join(' ')]; }); })()",
    );
    let cols = boxes.as_array().expect("columns");
    assert_eq!(cols.len(), 2, "{boxes}");
    let n = |c: &serde_json::Value, i: usize| c[i].as_f64().unwrap_or(f64::NAN);
    let (l, r) = (&cols[0], &cols[1]);
    assert!(
        n(r, 0) >= n(l, 1),
        "right column starts after the left ends: {boxes}"
    );
    assert!((n(r, 2) - n(l, 2)).abs() < 2.0, "same top: {boxes}");
    assert!(n(l, 1) - n(l, 0) > 300.0, "a real column: {boxes}");
    assert_eq!(l[4], "left one left two left three");
    assert_eq!(r[4], "right one right two right three");
    // Nothing overflows, nothing was shrunk.
    assert_eq!(
        tab.eval_json("document.querySelector('section.nd-current').dataset.fit"),
        "1"
    );
}

#[test]
fn fit_titles_fill_the_width_on_one_line() {
    let Some(c) = Browser::shared() else { return };
    let tab = open(c, MARP, "#1");
    let measure = "(() => { const s = document.querySelector('section.nd-current'), h = s.querySelector('.slide-heading'), \
        c = h.parentElement, cs = getComputedStyle(c); \
        const room = c.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight); \
        const fs = parseFloat(getComputedStyle(h).fontSize); \
        const lines = h.getClientRects().length && Math.round(h.getBoundingClientRect().height / (fs * 1.15)); \
        return [h.scrollWidth, room, fs, lines]; })()";
    let short = tab.eval_json(measure);
    let v = |x: &serde_json::Value, i: usize| x[i].as_f64().unwrap_or(f64::NAN);
    // "Fit" alone: larger than the theme's 64px, capped at a third of the slide.
    assert!(v(&short, 2) > 64.0, "{short}");
    assert!(v(&short, 2) <= 720.0 / 3.0 / 1.15 + 0.5, "{short}");
    assert!(v(&short, 0) <= v(&short, 1) + 1.0, "{short}");
    tab.eval_json("notedeck.goTo(4)");
    assert!(tab.wait_for("notedeck.current() === 4", Duration::from_secs(5)));
    let long = tab.eval_json(measure);
    assert!(v(&long, 2) < 48.0, "the long title shrinks: {long}");
    assert!(v(&long, 0) <= v(&long, 1) + 1.0, "{long}");
    assert!(v(&long, 0) >= 0.95 * v(&long, 1), "fills the width: {long}");
    assert_eq!(v(&long, 3), 1.0, "one line: {long}");
}

#[test]
fn backgrounds_show_behind_their_slides() {
    let Some(c) = Browser::shared() else { return };
    let tab = open(c, MARP, "#2");
    assert!(tab.wait_for("notedeck.current() === 2", Duration::from_secs(5)));
    let bg = "getComputedStyle(document.querySelector('section.nd-current')).backgroundColor";
    assert_eq!(tab.eval_json(bg), "rgb(18, 52, 86)", "_backgroundColor");
    let fg = "[...document.querySelectorAll('section.nd-current :is(.slide-heading, li)')].map(e => getComputedStyle(e).color)";
    let white = serde_json::json!(["rgb(255, 255, 255)", "rgb(255, 255, 255)"]);
    assert_eq!(tab.eval_json(fg), white, "_color: white");
    tab.eval_json("notedeck.goTo(5)");
    assert!(tab.wait_for("notedeck.current() === 5", Duration::from_secs(5)));
    assert_eq!(
        tab.eval_json(bg),
        "rgb(253, 246, 227)",
        "front matter colour"
    );
    let heading =
        "getComputedStyle(document.querySelector('section.nd-current .slide-heading')).color";
    assert_eq!(
        tab.eval_json(heading),
        "rgb(17, 17, 17)",
        "_color is that slide's only; dark text on the cream background"
    );
    tab.eval_json("notedeck.goTo(3)");
    assert!(tab.wait_for("notedeck.current() === 3", Duration::from_secs(5)));
    let img = tab.eval_json(
        "(() => { const i = document.querySelector('section.nd-current > .nd-bg img'); if (!i) return null; \
         const r = i.getBoundingClientRect(), s = i.closest('section').getBoundingClientRect(); \
         return [i.src.startsWith('data:image/png'), i.naturalWidth, (r.left - s.left) / s.width, r.width / s.width]; })()",
    );
    assert_eq!(img[0], true, "embedded: {img}");
    assert_eq!(img[1], 64, "{img}");
    let f = |i: usize| img[i].as_f64().unwrap_or(f64::NAN);
    assert!(
        (f(2) - 0.5).abs() < 0.01 && (f(3) - 0.5).abs() < 0.01,
        "right half: {img}"
    );
    let errors = tab.console_errors();
    assert!(errors.is_empty(), "{errors:?}");
}
