//! axe-core's WCAG 2.1 A and AA rules on every kind of page: the index,
//! the recap show, the reading copy, a deck of each built-in theme and
//! the speaker view.

use crate::common;

use common::browser::{file_url, require_axe, Browser};
use notedeck::BuildOptions;
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
