//! axe-core's WCAG 2.1 A and AA rules on every kind of page: the index,
//! the recap show, the reading copy, a deck of each built-in theme and
//! the speaker view.

use crate::common;

use common::browser::{file_url, require_axe, Browser};
use notedeck::BuildOptions;
use serde_json::json;
use std::path::Path;
use std::time::Duration;

#[test]
fn every_kind_of_page_passes_axe_wcag_2_1_aa() {
    let Some(b) = Browser::shared() else {
        return;
    };
    let Some(axe) = require_axe() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("talks");
    std::fs::create_dir(&notes).expect("mkdir");
    let talks = Path::new(env!("CARGO_MANIFEST_DIR")).join("talks");
    let mut pages = vec![
        "index.html".to_string(),
        "recap.html".to_string(),
        "read.html".to_string(),
    ];
    for (theme, _) in notedeck::services::theme::BUILTIN {
        let out = dir.path().join(format!("dist-{theme}"));
        let opts = BuildOptions {
            inputs: vec![talks.clone()],
            ..BuildOptions::default()
        };
        let mut opts = opts;
        opts.meta.theme = theme.to_string();
        let report = notedeck::build(&opts, &out).expect("build");
        let deck = &report.project.decks[0].path;
        pages.push(format!("../dist-{theme}/{deck}"));
    }
    let first = dir.path().join("dist-light");
    let mut found = Vec::new();
    for page in &pages {
        let tab = b.open(&file_url(&first.join(page)));
        assert!(tab.wait_for(
            "document.readyState === 'complete'",
            Duration::from_secs(10)
        ));
        for v in tab.axe(&axe) {
            found.push(format!("{page}: {v}"));
        }
    }
    // The speaker view of the first theme's deck.
    let tab = b.open(&format!("{}?speaker", file_url(&first.join(&pages[3]))));
    assert!(tab.wait_for(
        "document.readyState === 'complete'",
        Duration::from_secs(10)
    ));
    for v in tab.axe(&axe) {
        found.push(format!("speaker view: {v}"));
    }
    assert!(
        found.is_empty(),
        "{} violations:\n{}",
        found.len(),
        found.join("\n")
    );
    // The check can fail: a planted image without alt text is found.
    tab.eval_json(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"data:,\">'); 1",
    );
    let planted = tab.axe(&axe);
    assert!(
        planted.iter().any(|v| v.starts_with("image-alt")),
        "{planted:?}"
    );
}

/// The example talks built into a temporary folder, plus `extra` notes
/// files (name, text) beside them.
fn built(extra: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("talks");
    std::fs::create_dir(&notes).expect("mkdir");
    let talks = Path::new(env!("CARGO_MANIFEST_DIR")).join("talks");
    let mut inputs = vec![talks];
    for (name, text) in extra {
        std::fs::write(notes.join(name), text).expect("write");
        inputs.push(notes.join(name));
    }
    let out = dir.path().join("dist");
    let opts = BuildOptions {
        inputs,
        ..BuildOptions::default()
    };
    notedeck::build(&opts, &out).expect("build");
    (dir, out)
}

/// The on-screen height, in device pixels, of the current slide's first
/// line of body text (its glyphs' box: it grows with the font size).
const TEXT_PX: &str = "(() => {
  const body = document.querySelector('.slide.nd-current .slide-body');
  const w = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, t => t.textContent.trim() ? 1 : 3);
  const r = document.createRange(); r.selectNodeContents(w.nextNode());
  return r.getClientRects()[0].height * devicePixelRatio; })()";

/// The runtime has laid the canvas out for the current viewport (it fills
/// the window's width: 16:9 windows here) and the progress bar has stopped.
const SETTLED: &str = "Math.abs(document.querySelector('.slide.nd-current').getBoundingClientRect().width - innerWidth) < 1
  && document.getAnimations().length === 0";

/// Each slide whose content neither fits its canvas nor scrolls inside it,
/// or is wider than it, or leaves it.
const OVERFLOWING: &str = "[...document.querySelectorAll('main.deck > section.slide')].map((s, i) => {
  const c = s.querySelector('.slide-content'), sr = s.getBoundingClientRect(), cr = c.getBoundingClientRect();
  const fits = c.scrollHeight <= c.clientHeight + 1, scrolls = getComputedStyle(c).overflowY === 'auto';
  const inside = cr.left >= sr.left - 1 && cr.top >= sr.top - 1 && cr.right <= sr.right + 1 && cr.bottom <= sr.bottom + 1;
  return (fits || scrolls) && c.scrollWidth <= c.clientWidth + 1 && inside ? null :
    `slide ${i + 1}: ${c.scrollWidth}x${c.scrollHeight} in ${c.clientWidth}x${c.clientHeight}`;
}).filter(Boolean)";

/// WCAG 1.4.4: at 200% browser zoom the canvas still fills the window but
/// its text is twice as large on screen, reflowed; what no longer fits
/// scrolls inside its slide, nothing spills out. 100% looks as before.
#[test]
fn browser_zoom_enlarges_deck_text_and_nothing_overflows() {
    let Some(b) = Browser::shared() else {
        return;
    };
    let (_dir, out) = built(&[]);
    let shots = common::browser::artifacts_dir();
    let tab = b.new_tab();
    tab.zoom(1.0);
    tab.goto(&format!("{}#carbon/2", file_url(&out.join("recap.html"))));
    assert!(tab.wait_for("notedeck.talk() === 'carbon'", Duration::from_secs(10)));
    assert!(tab.wait_for(SETTLED, Duration::from_secs(10)));
    let at_100 = tab.screenshot(&shots.join("zoom-100.png"));
    let px_100 = tab.eval_json(TEXT_PX).as_f64().expect("text height");
    let none: Vec<String> = Vec::new();
    assert_eq!(tab.eval_json(OVERFLOWING), json!(none), "at 100%");

    tab.zoom(2.0);
    // The canvas still fills the window (640x360 CSS px now).
    assert!(tab.wait_for(SETTLED, Duration::from_secs(10)));
    let px_200 = tab.eval_json(TEXT_PX).as_f64().expect("text height");
    tab.screenshot(&shots.join("zoom-200.png"));
    assert!(
        px_200 >= px_100 * 1.95,
        "body text {px_100} device px at 100%, {px_200} at 200%"
    );
    assert_eq!(tab.eval_json(OVERFLOWING), json!(none), "at 200%");
    // Reflowed text that no longer fits scrolls inside its slide.
    assert!(tab.eval_i64("document.querySelectorAll('.slide[data-overflow=scroll]').length") > 0);

    // Back to 100%: exactly the slide as it was.
    tab.zoom(1.0);
    assert!(tab.wait_for(SETTLED, Duration::from_secs(10)));
    assert_eq!(tab.eval_json(TEXT_PX).as_f64(), Some(px_100));
    // (A scrollbar left from the zoomed slide may take a moment to fade:
    // the same pixels must come back, within two seconds.)
    let back = |tab: &common::browser::Tab| {
        (0..20).any(|_| {
            let same = tab.screenshot_png() == at_100;
            if !same {
                std::thread::sleep(Duration::from_millis(100));
            }
            same
        })
    };
    assert!(back(&tab), "100% differs after zooming");
    tab.screenshot(&shots.join("zoom-100-again.png"));

    // Without browser zoom (Firefox), + and - do the same.
    tab.press("+");
    let px_plus = tab.eval_json(TEXT_PX).as_f64().expect("text height");
    assert!(px_plus >= px_100 * 1.2, "{px_100} -> {px_plus} with +");
    tab.press("-");
    assert!(back(&tab), "100% differs after + and -");
    assert!(
        tab.console_errors().is_empty(),
        "{:?}",
        tab.console_errors()
    );
}

/// A portrait phone: the current slide reflowed at the window's width,
/// body text at least 16 CSS px, no horizontal scroll, a tall slide
/// scrolls down; keys and swipes still move through the deck and the
/// show; axe finds nothing. Landscape keeps the canvas.
#[test]
fn a_portrait_phone_gets_the_current_slide_reflowed_and_readable() {
    let Some(b) = Browser::shared() else {
        return;
    };
    let Some(axe) = require_axe() else {
        return;
    };
    let long = format!(
        "# Day\n\n## Long talk\n\n{}\n",
        "Presenting on a phone should reflow this sentence so that it reads well. ".repeat(24)
    );
    let (_dir, out) = built(&[("long.md", &long)]);
    let shots = common::browser::artifacts_dir();
    let tab = b.new_tab();
    tab.emulate(390, 844, 3.0, true);
    // Body text no shorter on screen than 16 px text in the same font.
    let readable = "(() => {
      const s = document.querySelector('.slide.nd-current'), t = [];
      const w = document.createTreeWalker(s.querySelector('.slide-body'), NodeFilter.SHOW_TEXT,
        n => n.textContent.trim() && /^(LI|P)$/.test(n.parentNode.nodeName) ? 1 : 3);
      for (let n; (n = w.nextNode());) {
        const r = document.createRange(); r.selectNodeContents(n); t.push(r.getClientRects()[0].height);
      }
      const ref = document.createElement('span');
      ref.textContent = 'x'; ref.style.cssText = 'position:fixed;font-size:16px;font-family:' + getComputedStyle(s).fontFamily;
      document.body.append(ref);
      const r = document.createRange(); r.selectNodeContents(ref.firstChild);
      const h16 = r.getClientRects()[0].height;
      ref.remove();
      return t.length > 0 && Math.min(...t) >= h16 - 0.01; })()";
    let no_sideways = "(() => { const d = document.querySelector('main.deck'), s = document.querySelector('.slide.nd-current');
      return document.scrollingElement.scrollWidth <= innerWidth && d.scrollWidth <= d.clientWidth
        && s.getBoundingClientRect().width >= innerWidth - 1; })()";
    for (page, talk, name) in [
        ("day-one/rust-adoption-at-amazon.html", "", "phone-deck.png"),
        ("recap.html", "rust-adoption-at-amazon", "phone-recap.png"),
    ] {
        tab.goto(&format!("{}#{talk}", file_url(&out.join(page))));
        let ready = format!("notedeck.current() > 0 && (notedeck.talk() || '') === '{talk}'");
        assert!(tab.wait_for(&ready, Duration::from_secs(10)), "{page}");
        let first = tab.eval_i64("notedeck.current()");
        tab.press("ArrowRight");
        assert_eq!(tab.eval_i64("notedeck.current()"), first + 1, "{page}");
        tab.screenshot(&shots.join(name));
        assert!(
            tab.eval_json(readable) == json!(true),
            "{page}: body text under 16 px"
        );
        assert!(
            tab.eval_json(no_sideways) == json!(true),
            "{page}: scrolls sideways or is not full width"
        );
        let found = tab.axe(&axe);
        assert!(found.is_empty(), "{page}: {found:?}");
        tab.swipe(300.0, 80.0, 400.0);
        assert_eq!(
            tab.eval_i64("notedeck.current()"),
            first + 2,
            "{page}: swipe left"
        );
        tab.swipe(80.0, 300.0, 400.0);
        assert_eq!(
            tab.eval_i64("notedeck.current()"),
            first + 1,
            "{page}: swipe right"
        );
    }
    // A slide taller than the phone scrolls down, and only down.
    tab.goto(&format!("{}#2", file_url(&out.join("day/long-talk.html"))));
    assert!(tab.wait_for("notedeck.current() === 2", Duration::from_secs(10)));
    let scrolled = tab.eval_json(
        "(async () => { const d = document.querySelector('main.deck'); d.scrollTop = 300;
           await new Promise(r => setTimeout(r, 200));
           return [d.scrollHeight > d.clientHeight, d.scrollTop, d.scrollWidth <= d.clientWidth]; })()",
    );
    assert_eq!(scrolled, json!([true, 300, true]));
    assert!(
        tab.eval_json(readable) == json!(true),
        "long slide: body text under 16 px"
    );
    // Landscape: the canvas, letterboxed as on a desktop.
    tab.emulate(844, 390, 3.0, true);
    let aspect = tab.wait_until(
        "(() => { const r = document.querySelector('.slide.nd-current').getBoundingClientRect(); return r.width / r.height; })()",
        Duration::from_secs(10),
        |v| v.as_f64().is_some_and(|a| (a - 16.0 / 9.0).abs() < 0.01),
    );
    assert!(
        aspect
            .as_f64()
            .is_some_and(|a| (a - 16.0 / 9.0).abs() < 0.01),
        "{aspect}"
    );
    assert!(
        tab.console_errors().is_empty(),
        "{:?}",
        tab.console_errors()
    );
}
