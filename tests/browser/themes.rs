//! Themes and rich content in real headless Chromium: the fixture deck
//! tests/fixtures/themes/rich.md in every built-in theme and in a
//! five-property project theme (screenshots under target/browser-artifacts/).

use crate::common;

use common::browser::{self, Browser, Tab};
use notedeck::BuildOptions;
use std::path::{Path, PathBuf};
use std::time::Duration;

const SLIDE_CODE: usize = 2;
const SLIDE_FOOTNOTES: usize = 3;
const SLIDE_IMAGES: usize = 4;
const SLIDE_TABLE: usize = 5;
const SLIDE_MATH: usize = 6;
const SLIDE_SPLIT: usize = 8;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/themes/rich.md")
}

struct Built {
    _dir: tempfile::TempDir,
    deck: PathBuf,
}

fn build(theme: &str) -> Built {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("dist");
    let mut opts = BuildOptions {
        inputs: vec![fixture()],
        ..BuildOptions::default()
    };
    opts.meta.theme = theme.to_string();
    let report = notedeck::build(&opts, &out).expect("build");
    assert!(
        report.project.diagnostics.is_empty(),
        "{theme}: {:?}",
        report.project.diagnostics
    );
    Built {
        _dir: dir,
        deck: out.join("rich-day/rich-talk.html"),
    }
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn go(tab: &Tab, n: usize) {
    tab.eval_json(&format!("notedeck.goTo({n})"));
    assert!(tab.wait_for(&format!("notedeck.current() === {n}"), secs(5)));
}

fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.eval_json(js)
}

fn num(tab: &Tab, js: &str) -> f64 {
    eval(tab, js)
        .as_f64()
        .unwrap_or_else(|| panic!("`{js}` is not a number"))
}

/// Computed style `prop` of the first `sel` on the current slide, in px.
fn px(tab: &Tab, sel: &str, prop: &str) -> f64 {
    num(
        tab,
        &format!(
            "parseFloat(getComputedStyle(document.querySelector('.nd-current {sel}'))['{prop}'])"
        ),
    )
}

fn shoot(tab: &Tab, name: &str) {
    std::thread::sleep(Duration::from_millis(150));
    let png = tab.screenshot(&browser::artifacts_dir().join(format!("{name}.png")));
    assert!(png.starts_with(b"\x89PNG"));
}

/// What one theme's deck measures as, for comparing themes.
#[derive(Debug, PartialEq)]
struct Metrics {
    body_px: f64,
    padding: String,
    font: String,
    code_px: f64,
}

fn check_theme(c: &Browser, theme: &str) -> (Metrics, String) {
    let b = build(theme);
    let tab = c.open(&format!("{}#1", browser::file_url(&b.deck)));
    assert!(
        tab.wait_for("!!window.notedeck", secs(10)),
        "{theme}: runtime"
    );
    for n in 1..=tab.eval_i64("notedeck.count()") as usize {
        go(&tab, n);
        shoot(&tab, &format!("themes-{theme}-{n}"));
    }

    // Code on a sparse slide: at least 0.8 of the body size.
    go(&tab, SLIDE_CODE);
    let body_px = px(&tab, "", "fontSize");
    let code_px = px(&tab, "pre", "fontSize");
    assert!(
        code_px >= body_px * 0.8 - 0.01,
        "{theme}: code {code_px}px on {body_px}px body"
    );

    // Task boxes at text size, tables with zebra rows and right-aligned figures.
    go(&tab, SLIDE_TABLE);
    let text_px = px(&tab, "li", "fontSize");
    let box_px = px(&tab, ".task-box", "width");
    assert!(
        box_px >= text_px * 0.7,
        "{theme}: task box {box_px}px for {text_px}px text"
    );
    let rows = eval(
        &tab,
        "[...document.querySelectorAll('.nd-current tbody tr')].map(r => getComputedStyle(r).backgroundColor)",
    );
    let rows = rows.as_array().expect("rows");
    assert_ne!(rows[0], rows[1], "{theme}: zebra rows");
    assert_eq!(rows[0], rows[2], "{theme}: zebra rows");
    assert_eq!(
        eval(
            &tab,
            "getComputedStyle(document.querySelector('.nd-current tbody td:nth-child(2)')).textAlign"
        ),
        "right",
        "{theme}: numbers right-aligned"
    );

    // Display math: a large operator with its limits centred on it.
    go(&tab, SLIDE_MATH);
    let op_px = px(&tab, "math[display=block] munderover > mo", "fontSize");
    let math_px = px(&tab, "math[display=block]", "fontSize");
    assert!(
        op_px >= math_px * 1.4,
        "{theme}: ∑ {op_px}px in {math_px}px math"
    );
    let off = num(
        &tab,
        "(() => { const u = document.querySelector('.nd-current munderover'); \
         const c = e => { const r = e.getBoundingClientRect(); return r.left + r.width / 2; }; \
         return Math.max(Math.abs(c(u.children[0]) - c(u.children[1])), Math.abs(c(u.children[0]) - c(u.children[2]))); })()",
    );
    assert!(off < 3.0, "{theme}: limits {off}px off centre");
    assert_eq!(
        eval(&tab, "[...document.querySelectorAll('.nd-current munder')].every(u => u.children.length === 2)"),
        true,
        "{theme}: \\lim has one base and one limit"
    );

    // Raw <img> and sized Markdown images, embedded; the SVG's script never runs.
    go(&tab, SLIDE_IMAGES);
    let imgs = eval(
        &tab,
        "[...document.querySelectorAll('.nd-current img')].map(i => [i.alt, i.naturalWidth, i.offsetWidth, i.src.slice(0, 15)])",
    );
    let imgs = imgs.as_array().expect("imgs").clone();
    assert_eq!(imgs.len(), 3, "{theme}: {imgs:?}");
    for (img, (alt, width)) in imgs
        .iter()
        .zip([("Raw chart", 240), ("Logo", 200), ("Chart", 90)])
    {
        assert_eq!(img[0], alt, "{theme}: {imgs:?}");
        assert!(
            img[1].as_i64() > Some(0),
            "{theme}: {alt} did not load: {imgs:?}"
        );
        assert_eq!(
            img[2].as_i64(),
            Some(width),
            "{theme}: {alt} size: {imgs:?}"
        );
        assert!(img[3]
            .as_str()
            .is_some_and(|s| s.starts_with("data:image/")));
    }

    // Footnotes: clicking a mark keeps the slide and shows its text.
    go(&tab, SLIDE_FOOTNOTES);
    tab.click(".nd-current .fn-ref a");
    assert!(
        tab.wait_for(
            "document.querySelector('.nd-current li[id]')?.matches(':target')",
            secs(5)
        ),
        "{theme}: footnote not targeted"
    );
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(tab.eval_i64("notedeck.current()"), SLIDE_FOOTNOTES as i64);
    let shown = eval(
        &tab,
        "(() => { const li = document.querySelector('.nd-current li:target'); const r = li.getBoundingClientRect(); \
         return r.top >= 0 && r.bottom <= innerHeight && document.elementFromPoint(r.left + 5, r.top + r.height / 2)?.closest('li') === li; })()",
    );
    assert_eq!(shown, true, "{theme}: footnote text hidden");
    shoot(&tab, &format!("themes-{theme}-footnote-clicked"));
    // A split slide carries the footnote on both halves.
    for n in [SLIDE_SPLIT - 1, SLIDE_SPLIT] {
        go(&tab, n);
        assert_eq!(
            eval(
                &tab,
                "document.querySelector('.nd-current .slide-footnotes li')?.textContent.trim()"
            ),
            "Cited on both halves.",
            "{theme}: slide {n}"
        );
    }

    let metrics = Metrics {
        body_px,
        padding: eval(
            &tab,
            "getComputedStyle(document.querySelector('.nd-current .slide-content')).padding",
        )
        .as_str()
        .unwrap_or_default()
        .to_string(),
        font: eval(
            &tab,
            "getComputedStyle(document.querySelector('.nd-current')).fontFamily",
        )
        .as_str()
        .unwrap_or_default()
        .to_string(),
        code_px,
    };
    let bg = eval(
        &tab,
        "getComputedStyle(document.querySelector('.nd-current')).backgroundColor",
    )
    .as_str()
    .unwrap_or_default()
    .to_string();
    {
        let errors = tab.console_errors();
        assert!(errors.is_empty(), "{theme}: {errors:?}");
        let dialogs = tab.dialogs();
        assert!(dialogs.is_empty(), "{theme}: a script ran: {dialogs:?}");
        let requests = tab.requests();
        let fetched: Vec<&String> = requests
            .iter()
            .filter(|u| {
                !u.starts_with("data:")
                    && !u.ends_with("rich-talk.html")
                    && !u.contains("rich-talk.html#")
            })
            .collect();
        assert!(fetched.is_empty(), "{theme}: fetched {fetched:?}");
    }
    (metrics, bg)
}

#[test]
fn rich_content_in_every_theme_and_a_partial_project_theme() {
    let Some(c) = Browser::shared() else { return };
    let (light, light_bg) = check_theme(c, "light");
    let mut backgrounds = vec![light_bg];
    for theme in ["dark", "high-contrast"] {
        backgrounds.push(check_theme(c, theme).1);
    }
    // Five properties change five things: text size, padding, fonts and
    // code size are light's; the background is the theme's own.
    let (conf, conf_bg) = check_theme(c, "conf");
    assert_eq!(
        conf, light,
        "the partial theme lost the base theme's layout"
    );
    assert_eq!(conf_bg, "rgb(253, 246, 227)");
    backgrounds.push(conf_bg);
    backgrounds.dedup();
    assert_eq!(backgrounds.len(), 4, "{backgrounds:?}");
}

/// Content slides of `md` built in `theme` (a project theme `css` beside
/// the notes), as Chromium draws them: slide count and each slide's fit.
fn laid_out(md: &str, theme: &str, css: &str) -> (usize, Vec<common::layout_probe::Measured>) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("themes")).expect("themes dir");
    std::fs::write(dir.path().join("themes/airy.css"), css).expect("theme");
    std::fs::write(dir.path().join("notes.md"), md).expect("notes");
    let mut opts = BuildOptions {
        inputs: vec![dir.path().join("notes.md")],
        ..BuildOptions::default()
    };
    opts.meta.theme = theme.to_string();
    let out = dir.path().join("dist");
    let report = notedeck::build(&opts, &out).expect("build");
    assert!(
        report.project.diagnostics.is_empty(),
        "{:?}",
        report.project.diagnostics
    );
    let deck = &report.project.decks[0];
    let Some(c) = Browser::shared() else {
        return (deck.slides.len(), Vec::new());
    };
    let tab = c.open(&browser::file_url(&out.join(&deck.path)));
    assert!(tab.wait_for(common::layout_probe::READY_JS, secs(20)));
    let m = common::layout_probe::parse(&tab.eval_json(common::layout_probe::PROBE_JS));
    (deck.slides.len(), m)
}

#[test]
fn a_theme_that_widens_the_spacing_is_measured_with_it() {
    if Browser::shared().is_none() {
        return;
    }
    let mut md = String::from("# Day\n\n## Talk\n\nwhat they said:\n\n");
    for i in 0..24 {
        md.push_str(&format!("* point {i} about the system they built\n"));
        if i % 3 == 0 {
            md.push_str("  * a detail under it\n  * another detail\n");
        }
    }
    let airy = "/* extends: light */\n:root { --nd-gap-item: .7em; --nd-gap-block: 1.2em; }\n";
    let (light_n, light) = laid_out(&md, "light", airy);
    let (airy_n, slides) = laid_out(&md, "airy", airy);
    assert!(
        airy_n > light_n,
        "wider gaps must take more slides ({airy_n} vs {light_n})"
    );
    assert_eq!(slides.len(), airy_n);
    for (i, s) in slides.iter().enumerate() {
        assert!(
            s.fit >= 1.0 && !s.overflow,
            "slide {} shrunk ({}) or overflowed; light had {} slides: {light:?}",
            i + 1,
            s.fit,
            light_n
        );
    }
}
