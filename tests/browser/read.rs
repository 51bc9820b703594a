//! The reading copy (`read.html`) in real headless Chromium: it renders
//! every talk and reflows on a 320 px phone without scrolling sideways.

use crate::common;

use common::browser::{self, Browser};
use notedeck::BuildOptions;
use std::time::Duration;

/// Long words, a long code line and a wide table: what pushes a page
/// wider than a phone.
const WIDE: &str = "# Day\n\n## Wide things\n\n\
* https://example.org/a/very/long/path/that/goes/on/and/on/without/any/place/to/break/it\n\
* Supercalifragilisticexpialidociousandthensomemorelettersthatneverend\n\n\
```rust\nfn main() { let a_rather_long_variable_name = some_function_with_a_long_name(argument_one, argument_two); }\n```\n\n\
| Column one | Column two | Column three | Column four | Column five |\n\
|---|---|---|---|---|\n\
| a cell with text | another cell | and another one | yet another | the last one |\n\n\
## Narrow\n\n* short\n";

#[test]
fn the_reading_copy_renders_and_reflows_at_320_px() {
    let Some(c) = Browser::shared() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("wide.md"), WIDE).expect("write");
    let out = dir.path().join("dist");
    let opts = BuildOptions {
        inputs: vec![
            dir.path().join("wide.md"),
            common::root().join("talks/rustconf-2025/day-one.md"),
        ],
        ..BuildOptions::default()
    };
    let report = notedeck::build(&opts, &out).expect("build");
    let tab = c.new_tab();
    tab.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": true}),
    );
    tab.goto(&browser::file_url(&out.join("read.html")));
    assert!(tab.wait_for(
        "document.readyState === 'complete'",
        Duration::from_secs(10)
    ));
    assert_eq!(
        tab.eval_i64("document.querySelectorAll('main > section.read-talk').length") as usize,
        report.project.decks.len()
    );
    assert_eq!(tab.eval_i64("document.documentElement.clientWidth"), 320);
    let wide =
        tab.eval_i64("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
    tab.screenshot(&browser::artifacts_dir().join("read-320.png"));
    assert!(wide <= 320, "the page scrolls sideways: {wide} px wide");
    // Nothing pokes out of the column either (clipped content is lost).
    let out_of_view = tab.eval_i64(
        "[...document.querySelectorAll('main *')].filter(e => { \
           const r = e.getBoundingClientRect(); \
           return r.width > 0 && r.right > 320.5 && !e.closest('pre, table'); }).length",
    );
    assert_eq!(out_of_view, 0, "elements wider than the phone");
    assert!(
        tab.console_errors().is_empty(),
        "{:?}",
        tab.console_errors()
    );
}
