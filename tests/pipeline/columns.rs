//! Layout and render findings point at the column of what they are about
//! (pulldown-cmark's offsets carried to the diagnostics), not column 1.

use notedeck::{BuildOptions, Compiler};

/// `(line, col, message)` of every finding for `md`.
fn findings(md: &str) -> Vec<(u32, u32, String)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let notes = dir.path().join("notes.md");
    std::fs::write(&notes, md).expect("write notes");
    let opts = BuildOptions {
        inputs: vec![notes],
        ..Default::default()
    };
    let site = Compiler::new(opts).build().expect("build");
    site.project
        .findings()
        .into_iter()
        .map(|d| (d.line, d.col, d.message))
        .collect()
}

fn at(found: &[(u32, u32, String)], what: &str) -> (u32, u32) {
    let hit = found
        .iter()
        .find(|(_, _, m)| m.contains(what))
        .unwrap_or_else(|| panic!("no finding with {what:?} in {found:#?}"));
    (hit.0, hit.1)
}

#[test]
fn render_findings_name_the_column_of_their_image_math_and_html() {
    let md = "## Talk\n\
              \n\
              * see ![chart](gone.png) here\n\
              * broken $\\frac{1}$ and $\\nocommand x$ too\n\
              * keep <b onclick=\"x()\">bold</b> text\n\
              \x20   * nested ![other](also-gone.png)\n";
    let found = findings(md);
    assert_eq!(at(&found, "'gone.png' not found"), (3, 7));
    assert_eq!(at(&found, "invalid math '\\frac{1}'"), (4, 10));
    assert_eq!(at(&found, "invalid math '\\nocommand x'"), (4, 25));
    assert_eq!(at(&found, "onclick= removed"), (5, 8));
    assert_eq!(at(&found, "'also-gone.png' not found"), (6, 14));
}

#[test]
fn a_suspicious_link_on_a_later_line_of_its_paragraph_is_found_there() {
    let md =
        "## Talk\n\nfirst line of a paragraph\nthen [a local one](http://localhost:3000/x) here\n";
    let found = findings(md);
    assert_eq!(at(&found, "points at a local server"), (4, 6));
}

#[test]
fn a_block_too_long_for_a_slide_points_at_where_it_starts() {
    let md = format!(
        "## Talk\n\n* one\n* two\n\n   {}\n",
        ["word"; 1500].join(" ")
    );
    let found = findings(&md);
    assert_eq!(at(&found, "content too long"), (6, 4));
}
