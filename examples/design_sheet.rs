//! Contact sheets of every slide, for a person (or a reviewing helper) to
//! look at before and after a change to how slides are drawn.
//!
//! `cargo run --example design_sheet -- OUT LABEL=PATH...`
//! Run through `bench/design-sheet`. Builds each PATH in memory in each
//! built-in theme, opens its recap show in headless Chromium and writes
//! `OUT/LABEL-THEME-N.png`: 40 slides a sheet, 5 a row, each at a quarter
//! of its 1280×720 canvas, in show order, as the show draws them.

#[path = "../tests/common/browser.rs"]
#[allow(dead_code)]
mod browser;
#[path = "../tests/common/layout_probe.rs"]
mod probe;

use base64::Engine;
use notedeck::{BuildOptions, Compiler};
use serde_json::json;
use std::path::PathBuf;
use std::time::Duration;

const PER_SHEET: usize = 40;
const COLUMNS: usize = 5;
const THEMES: [&str; 3] = ["light", "dark", "high-contrast"];

/// The show laid out as a grid of quarter-size slides: every slide and
/// every click step visible, no chrome; `data-sheet` hides those not on
/// the current sheet.
const SHEET_CSS: &str = r#"
html, body { height: auto !important; overflow: visible !important; background: #888 !important; }
.deck { position: static !important; display: grid; grid-template-columns: repeat(COLS, 320px); gap: 12px; padding: 12px; background: #888 !important; }
.deck > .slide { position: relative !important; left: auto !important; top: auto !important; margin: 0 !important;
  transform: none !important; visibility: visible !important; zoom: .25; outline: 1px solid #444; }
.deck > .slide[data-sheet-off] { display: none !important; }
.slide .nd-future { visibility: visible !important; }
.nd-progress, .nd-counter, .nd-next-hint, .nd-ov-label, .nd-dialog { display: none !important; }
"#;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: design_sheet OUT LABEL=PATH...");
        std::process::exit(2);
    };
    let inputs: Vec<(String, PathBuf)> = args
        .map(|a| match a.split_once('=') {
            Some((l, p)) => (l.to_string(), PathBuf::from(p)),
            None => (a.clone(), PathBuf::from(a)),
        })
        .collect();
    let Some(b) = browser::Browser::launch() else {
        eprintln!("design_sheet: no Chromium");
        std::process::exit(2);
    };
    std::fs::create_dir_all(&out).expect("output folder");
    for (label, path) in &inputs {
        for theme in THEMES {
            let n = sheets(&b, &out, label, path, theme);
            println!("{label} {theme}: {n} sheet(s)");
        }
    }
}

fn sheets(
    b: &browser::Browser,
    out: &std::path::Path,
    label: &str,
    path: &std::path::Path,
    theme: &str,
) -> usize {
    let mut opts = BuildOptions {
        inputs: vec![path.to_path_buf()],
        ..Default::default()
    };
    opts.set_override(|s| s.theme = Some(theme.to_string()));
    let site = Compiler::new(opts).build().expect("build");
    let dir = tempfile::tempdir().expect("temp dir");
    for (p, html) in &site.pages {
        let f = dir.path().join(p);
        if let Some(parent) = f.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&f, html.as_bytes()).expect("write page");
    }
    let tab = b.open(&format!(
        "file://{}",
        dir.path().join("recap.html").display()
    ));
    if !tab.wait_for(probe::READY_JS, Duration::from_secs(60)) {
        eprintln!("design_sheet: {label} ({theme}) did not finish loading");
    }
    // A viewport as wide as a row of the grid, so the capture is not cut.
    tab.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": COLUMNS * 332 + 12, "height": 720, "deviceScaleFactor": 1, "mobile": false}),
    );
    let css = SHEET_CSS.replace("COLS", &COLUMNS.to_string());
    let total = tab.eval_i64(&format!(
        "(() => {{ const s = document.createElement('style'); s.textContent = {}; document.head.append(s); \
         return document.querySelectorAll('.deck > .slide').length; }})()",
        serde_json::to_string(&css).expect("css as JSON")
    ));
    let total = usize::try_from(total).unwrap_or(0);
    let count = total.div_ceil(PER_SHEET);
    for k in 0..count {
        let (from, to) = (k * PER_SHEET, (k + 1) * PER_SHEET);
        let size = tab.eval_json(&format!(
            "(() => {{ document.querySelectorAll('.deck > .slide').forEach((s, i) => s.toggleAttribute('data-sheet-off', i < {from} || i >= {to})); \
             const r = document.querySelector('.deck').getBoundingClientRect(); return [r.width, r.height]; }})()"
        ));
        let (w, h) = (
            size[0].as_f64().unwrap_or(1280.0),
            size[1].as_f64().unwrap_or(720.0),
        );
        let shot = tab.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true,
                   "clip": {"x": 0, "y": 0, "width": w, "height": h, "scale": 1}}),
        );
        let png = shot["data"]
            .as_str()
            .and_then(|d| base64::engine::general_purpose::STANDARD.decode(d).ok())
            .unwrap_or_default();
        let file = out.join(format!("{label}-{theme}-{}.png", k + 1));
        std::fs::write(&file, png).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
    count
}
