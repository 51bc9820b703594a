//! Other tools' slide looks in real Chromium: a `<v-click>` slide steps
//! and the next one does not, `two-cols` columns sit side by side, Marp
//! `<!--fit-->` titles fill the width on one line, backgrounds show;
//! Quarto column widths, `.smaller`, `.center` and the rest of its looks.

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
            inputs: vec![
                root.join("slidev-clicks.md"),
                root.join("marp-looks.md"),
                root.join("quarto-looks.qmd"),
            ],
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
const QUARTO: &str = "quarto-looks/quarto-looks.html";

/// Opens the Quarto fixture's deck on slide `n`.
fn quarto(c: &Browser, n: u32) -> Tab {
    let tab = open(c, QUARTO, &format!("#{n}"));
    assert!(tab.wait_for(
        &format!("notedeck.current() === {n}"),
        Duration::from_secs(5)
    ));
    tab
}

#[test]
fn quarto_column_widths_are_drawn_as_written() {
    let Some(c) = Browser::shared() else { return };
    let tab = quarto(c, 2);
    let w = tab.eval_json(
        "[...document.querySelectorAll('section.nd-current .nd-col')].map(c => c.offsetWidth)",
    );
    let w: Vec<f64> = w
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|x| x.as_f64())
        .collect();
    assert_eq!(w.len(), 2, "{w:?}");
    // `width="40%"` and `width="60%"`: those shares of the width the two
    // columns share (the gap between them aside), as layout measured.
    let share = w[0] / (w[0] + w[1]);
    assert!((share - 0.4).abs() < 0.005, "left share {share}: {w:?}");
    // The slide canvas is 1280 wide with 64px padding, the gap 1.5 body em.
    assert!((w[0] + w[1] - (1152.0 - 48.0)).abs() < 2.0, "{w:?}");
    assert_eq!(
        tab.eval_json("document.querySelector('section.nd-current').dataset.fit"),
        "1",
        "nothing shrunk"
    );
}

/// The computed font size of the current slide's first list item.
fn item_px(tab: &Tab) -> f64 {
    tab.eval_json(
        "parseFloat(getComputedStyle(document.querySelector('section.nd-current .slide-body li')).fontSize)",
    )
    .as_f64()
    .unwrap_or(f64::NAN)
}

#[test]
fn a_smaller_slide_is_one_step_smaller_than_its_neighbours() {
    let Some(c) = Browser::shared() else { return };
    let tab = quarto(c, 3);
    let before = item_px(&tab);
    let sizes: Vec<f64> = [4, 5]
        .into_iter()
        .map(|n| {
            tab.eval_json(&format!("notedeck.goTo({n})"));
            assert!(tab.wait_for(
                &format!("notedeck.current() === {n}"),
                Duration::from_secs(5)
            ));
            item_px(&tab)
        })
        .collect();
    let (smaller, after) = (sizes[0], sizes[1]);
    assert_eq!(before, after, "the neighbours share the body size");
    let step = notedeck::layout::sizes::SMALLER_SCALE;
    assert!(
        (smaller - before * step).abs() < 0.1,
        "{smaller} is one step ({step}) below {before}"
    );
    // Headings keep the deck's size.
    let h = "parseFloat(getComputedStyle(document.querySelector('section.nd-current .slide-heading')).fontSize)";
    let after_h = tab.eval_json(h);
    tab.eval_json("notedeck.goTo(4)");
    assert!(tab.wait_for("notedeck.current() === 4", Duration::from_secs(5)));
    assert_eq!(tab.eval_json(h), after_h);
}

/// Space above the title and below the body inside the padding, in the
/// slide's own pixels (the deck scales slides to the window).
fn gaps(tab: &Tab) -> (f64, f64) {
    let v = tab.eval_json(
        "(() => { const s = document.querySelector('section.nd-current'), c = s.querySelector('.slide-content'), \
         cs = getComputedStyle(c), r = c.getBoundingClientRect(), k = r.height / c.offsetHeight, \
         h = s.querySelector('.slide-heading').getBoundingClientRect(), \
         b = s.querySelector('.slide-body').getBoundingClientRect(); \
         return [(h.top - r.top) / k - parseFloat(cs.paddingTop), (r.bottom - b.bottom) / k - parseFloat(cs.paddingBottom)]; })()",
    );
    let f = |i: usize| v[i].as_f64().unwrap_or(f64::NAN);
    (f(0), f(1))
}

#[test]
fn a_center_slide_is_centred_vertically() {
    let Some(c) = Browser::shared() else { return };
    let tab = quarto(c, 6);
    let (top, bottom) = gaps(&tab);
    assert!(top > 100.0, "room above the title: {top}");
    assert!(
        (top - bottom).abs() < 2.0,
        "centred: {top} above, {bottom} below"
    );
    // A slide without `.center` keeps its title at the top.
    tab.eval_json("notedeck.goTo(5)");
    assert!(tab.wait_for("notedeck.current() === 5", Duration::from_secs(5)));
    let (top, _) = gaps(&tab);
    assert!(top.abs() < 1.0, "title at the top: {top}");
}

#[test]
fn quarto_fit_backgrounds_steps_notes_and_diagrams() {
    let Some(c) = Browser::shared() else { return };
    let tab = quarto(c, 7);
    // `.r-fit-text`: scaled up from the theme's 48px, on one line.
    let fit = tab.eval_json(
        "(() => { const h = document.querySelector('section.nd-current .slide-heading'), \
         fs = parseFloat(getComputedStyle(h).fontSize); \
         return [fs, Math.round(h.offsetHeight / (fs * 1.15))]; })()",
    );
    let v = |i: usize| fit[i].as_f64().unwrap_or(f64::NAN);
    assert!(v(0) > 48.0, "scaled up: {fit}");
    assert_eq!(v(1), 1.0, "one line: {fit}");
    tab.eval_json("notedeck.goTo(8)");
    assert!(tab.wait_for("notedeck.current() === 8", Duration::from_secs(5)));
    let bg = "getComputedStyle(document.querySelector('section.nd-current')).backgroundColor";
    assert_eq!(tab.eval_json(bg), "rgb(29, 53, 87)", "background-color");
    tab.eval_json("notedeck.goTo(9)");
    assert!(tab.wait_for("notedeck.current() === 9", Duration::from_secs(5)));
    let img = tab.eval_json(
        "(() => { const i = document.querySelector('section.nd-current > .nd-bg img'); \
         return i ? [i.src.startsWith('data:image/png'), i.naturalWidth] : null; })()",
    );
    assert_eq!(img, serde_json::json!([true, 64]), "background-image");
    // `::: incremental`: one item per click; `. . .`: what follows on a click.
    tab.press("ArrowRight");
    assert!(tab.wait_for("notedeck.current() === 10", Duration::from_secs(5)));
    assert_eq!(hidden(&tab, &["first", "second"]), [true, true]);
    tab.press("ArrowRight");
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(hidden(&tab, &["first", "second"]), [false, true]);
    tab.press("ArrowRight");
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(hidden(&tab, &["first", "second"]), [false, false]);
    tab.press("ArrowRight");
    assert!(tab.wait_for("notedeck.current() === 11", Duration::from_secs(5)));
    let pause = ["Before the pause.", "After the pause."];
    assert_eq!(hidden(&tab, &pause), [false, true]);
    tab.press("ArrowRight");
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(hidden(&tab, &pause), [false, false]);
    // `::: notes` are the speaker's, not on the slide.
    let shown = tab.eval_json("document.querySelector('section.nd-current').innerText");
    assert!(
        !shown.as_str().unwrap_or("").contains("Only the speaker"),
        "{shown}"
    );
    // Mermaid: its source as code, labelled so.
    tab.eval_json("notedeck.goTo(12)");
    assert!(tab.wait_for("notedeck.current() === 12", Duration::from_secs(5)));
    let label = tab.eval_json(
        "(() => { const p = document.querySelector('section.nd-current pre[data-lang=mermaid]'); \
         return p ? [getComputedStyle(p, '::after').content, p.textContent.includes('A --> B')] : null; })()",
    );
    assert_eq!(
        label,
        serde_json::json!(["\"Mermaid diagram source\"", true]),
        "{label}"
    );
    let errors = tab.console_errors();
    assert!(errors.is_empty(), "{errors:?}");
}

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

#[test]
fn a_fit_text_div_grows_into_the_room_on_one_line() {
    let Some(c) = Browser::shared() else { return };
    let tab = quarto(c, 13);
    let v = tab.eval_json(
        "(() => { const s = document.querySelector('section.nd-current'), e = s.querySelector('.nd-fit-text'), \
         p = e.querySelector('p'), fs = parseFloat(getComputedStyle(p).fontSize), \
         body = parseFloat(getComputedStyle(s).fontSize); \
         return [fs, body, Math.round(p.offsetHeight / (fs * 1.3)), e.offsetWidth, e.parentElement.clientWidth, \
         s.dataset.fit]; })()",
    );
    let f = |i: usize| v[i].as_f64().unwrap_or(f64::NAN);
    assert!(f(0) > 2.0 * f(1), "grown well past the body size: {v}");
    assert_eq!(f(2), 1.0, "one line: {v}");
    assert!(
        f(3) <= f(4) + 1.0 && f(3) >= 0.9 * f(4),
        "as wide as its box: {v}"
    );
    assert_eq!(v[5], "1", "nothing overflows or was shrunk: {v}");
}
