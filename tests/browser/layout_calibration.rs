//! The layout's size model against Chromium: every content slide of the
//! layout fixtures is estimated (src/layout/measure.rs) and measured at
//! 1280×720; 95% must be within ±10%. Prints the distribution.

use crate::common::browser::Browser;
use crate::common::layout_probe as probe;
use notedeck::layout::measure::Canvas;
use notedeck::{BuildOptions, Compiler};
use std::path::PathBuf;
use std::time::Duration;

#[test]
fn size_estimates_match_the_browser() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let opts = BuildOptions {
        inputs: vec![root.join("tests/fixtures/layout"), root.join("talks")],
        ..Default::default()
    };
    let site = Compiler::new(opts).build().expect("build");
    let Some(b) = Browser::shared() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    for (p, html) in &site.pages {
        let f = dir.path().join(p);
        std::fs::create_dir_all(f.parent().expect("parent")).expect("mkdir");
        std::fs::write(&f, html.as_bytes()).expect("write");
    }
    let mut errors = Vec::new();
    for deck in &site.project.decks {
        let body: Vec<_> = deck.slides.iter().flat_map(|s| s.body.clone()).collect();
        let images = notedeck::layout::image_sizes(&body, &deck.source);
        let c = Canvas {
            images: Some(&images),
            ..Canvas::default()
        };
        let tab = b.open(&format!("file://{}", dir.path().join(&deck.path).display()));
        assert!(
            tab.wait_for(probe::READY_JS, Duration::from_secs(20)),
            "{} did not load",
            deck.path
        );
        let measured = probe::parse(&tab.eval_json(probe::PROBE_JS));
        assert_eq!(measured.len(), deck.slides.len(), "{}", deck.path);
        for (i, (s, m)) in deck.slides.iter().zip(&measured).enumerate() {
            if m.title || s.body.is_empty() {
                continue;
            }
            let est = c.title_height(&s.title, s.continued) + c.blocks_height(&s.body);
            let real = m.heading + m.body;
            errors.push((
                est / real - 1.0,
                format!("{}#{}", deck.path, i + 1),
                est,
                real,
            ));
        }
    }
    errors.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = errors.len();
    let within = errors.iter().filter(|e| e.0.abs() <= 0.10).count();
    let q = |f: f64| errors[((n - 1) as f64 * f) as usize].0 * 100.0;
    println!(
        "size model vs Chromium, {n} slides: {within} within ±10% ({:.1}%); error min {:+.1}% p5 {:+.1}% median {:+.1}% p95 {:+.1}% max {:+.1}%",
        100.0 * within as f64 / n as f64,
        q(0.0),
        q(0.05),
        q(0.5),
        q(0.95),
        q(1.0)
    );
    for bucket in [-0.3, -0.2, -0.1, -0.05, 0.0, 0.05, 0.1, 0.2, 0.3] {
        let k = errors.iter().filter(|e| e.0 < bucket).count();
        println!("  error < {:+.0}%: {k}", bucket * 100.0);
    }
    for e in errors.iter().filter(|e| e.0.abs() > 0.10) {
        println!(
            "  outside: {} estimate {:.0}px measured {:.0}px ({:+.1}%)",
            e.1,
            e.2,
            e.3,
            e.0 * 100.0
        );
    }
    assert!(n > 100, "too few slides measured: {n}");
    assert!(
        within * 100 >= n * 95,
        "only {within} of {n} slides within ±10%"
    );
}
