//! Layout quality of built decks, measured in headless Chromium at 1280×720.
//!
//! `cargo run --example layout_quality -- [--detail] LABEL=PATH...`
//! Run through `bench/layout-quality`. Builds each PATH (a notes file or
//! folder) in memory, opens every deck, walks every slide and prints, per
//! PATH: content slides, % with < 2 body lines, median fill, packing ratio
//! (content slides ÷ the fewest slides holding the body at 85% fill),
//! slides shrunk by the runtime and slides still overflowing; then the
//! type scale and balance: the largest ratio of body sizes between two
//! content slides of one deck (target ≤ 1.25), the share of content
//! slides whose content ends above 60% of the slide's height, and the
//! footer's (slide counter's) font size.

#[path = "../tests/common/browser.rs"]
#[allow(dead_code)]
mod browser;
#[path = "../tests/common/layout_probe.rs"]
mod probe;

use notedeck::{BuildOptions, Compiler};
use std::path::PathBuf;
use std::time::Duration;

struct Row {
    label: String,
    decks: usize,
    content: usize,
    sparse: usize,
    fills: Vec<f64>,
    fewest: usize,
    shrunk: usize,
    overflowing: usize,
    /// Largest max/min body font size over one deck's content slides.
    size_ratio: f64,
    /// Content slides ending above 60% of the height.
    high: usize,
    footer_px: f64,
}

fn main() {
    let mut detail = false;
    let mut inputs = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--detail" {
            detail = true;
        } else if let Some((l, p)) = a.split_once('=') {
            inputs.push((l.to_string(), PathBuf::from(p)));
        } else {
            inputs.push((a.clone(), PathBuf::from(a)));
        }
    }
    let Some(b) = browser::Browser::launch() else {
        eprintln!("layout_quality: no Chromium");
        std::process::exit(2);
    };
    let mut rows = Vec::new();
    for (label, path) in inputs {
        rows.push(measure(&b, &label, path, detail));
    }
    println!(
        "{:<14} {:>5} {:>8} {:>10} {:>11} {:>8} {:>7} {:>12}",
        "input", "decks", "content", "<2 lines", "median fill", "packing", "shrunk", "overflowing"
    );
    let mut scale = Vec::new();
    for r in rows {
        scale.push(format!(
            "{:<14} {:>10.2}× {:>13.0}% {:>9.0}px",
            r.label,
            r.size_ratio,
            100.0 * r.high as f64 / r.content.max(1) as f64,
            r.footer_px
        ));
        let mut f = r.fills.clone();
        f.sort_by(f64::total_cmp);
        let median = f.get(f.len() / 2).copied().unwrap_or(0.0);
        println!(
            "{:<14} {:>5} {:>8} {:>9.1}% {:>10.0}% {:>7.2}× {:>7} {:>12}",
            r.label,
            r.decks,
            r.content,
            100.0 * r.sparse as f64 / r.content.max(1) as f64,
            100.0 * median,
            r.content as f64 / r.fewest.max(1) as f64,
            r.shrunk,
            r.overflowing
        );
    }
    println!(
        "\n{:<14} {:>11} {:>14} {:>11}",
        "input", "body ratio", "ends < 60%", "footer"
    );
    for line in scale {
        println!("{line}");
    }
}

fn measure(b: &browser::Browser, label: &str, path: PathBuf, detail: bool) -> Row {
    let opts = BuildOptions {
        inputs: vec![path],
        ..Default::default()
    };
    let site = Compiler::new(opts).build().expect("build");
    let dir = tempfile::tempdir().expect("temp dir");
    for (p, html) in &site.pages {
        let f = dir.path().join(p);
        if let Some(parent) = f.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&f, html.as_bytes()).expect("write page");
    }
    let mut row = Row {
        label: label.to_string(),
        decks: 0,
        content: 0,
        sparse: 0,
        fills: Vec::new(),
        fewest: 0,
        shrunk: 0,
        overflowing: 0,
        size_ratio: 1.0,
        high: 0,
        footer_px: 0.0,
    };
    for deck in &site.project.decks {
        row.decks += 1;
        let url = format!("file://{}", dir.path().join(&deck.path).display());
        let tab = b.open(&url);
        if !tab.wait_for(probe::READY_JS, Duration::from_secs(20)) {
            eprintln!("layout_quality: {} did not finish loading", deck.path);
        }
        let slides = probe::parse(&tab.eval_json(probe::PROBE_JS));
        if let Some(px) = tab.eval_json(probe::FOOTER_JS).as_f64() {
            row.footer_px = row.footer_px.max(px);
        }
        let sizes = slides
            .iter()
            .filter(|m| !m.title && m.body_px > 0.0)
            .map(|m| m.body_px);
        let (lo, hi) = sizes.fold((f64::MAX, 0.0_f64), |(lo, hi), px| (lo.min(px), hi.max(px)));
        if hi > 0.0 {
            row.size_ratio = row.size_ratio.max(hi / lo);
        }
        let mut body = 0.0;
        let mut heads = Vec::new();
        for (i, m) in slides.iter().enumerate() {
            if m.title {
                continue;
            }
            row.content += 1;
            row.sparse += usize::from(m.lines < 2);
            row.fills.push(m.fill);
            row.shrunk += usize::from(m.fit < 1.0);
            row.overflowing += usize::from(m.overflow);
            row.high += usize::from(m.end < 0.6);
            body += m.body;
            heads.push(m.heading);
            if detail && (m.lines < 2 || m.fill < 0.3 || m.fit < 1.0 || m.overflow) {
                println!(
                    "  {}#{} lines {} fill {:.0}% fit {:.2}{}",
                    deck.path,
                    i + 1,
                    m.lines,
                    100.0 * m.fill,
                    m.fit,
                    if m.overflow { " OVERFLOW" } else { "" }
                );
            }
        }
        if !heads.is_empty() {
            let avail = slides.iter().map(|m| m.avail).fold(0.0, f64::max);
            let head = heads.iter().sum::<f64>() / heads.len() as f64;
            let cap = (0.85 * avail - head).max(1.0);
            row.fewest += ((body / cap).ceil() as usize).max(1);
        }
    }
    row
}
