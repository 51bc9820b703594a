//! Theme plumbing: each deck is rendered with the theme its file names;
//! a theme no one has is a warning for that file only.

use notedeck::render::theme::builtin;
use notedeck::{BuildOptions, Compiler, Severity};
use std::path::Path;

fn build(dir: &Path) -> notedeck::Site {
    Compiler::new(BuildOptions {
        inputs: vec![dir.to_path_buf()],
        ..BuildOptions::default()
    })
    .build()
    .expect("build")
}

fn notes(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write notes");
    }
}

#[test]
fn each_deck_gets_the_css_of_its_own_theme() {
    let dir = tempfile::tempdir().expect("tempdir");
    notes(
        dir.path(),
        &[
            ("a.md", "---\ntheme: dark\n---\n# A\n## Talk A\n* x\n"),
            (
                "b.md",
                "+++\ntheme = \"high-contrast\"\n+++\n# B\n## Talk B\n* y\n",
            ),
            ("c.md", "# C\n## Talk C\n* z\n"),
        ],
    );
    let site = build(dir.path());
    assert_eq!(site.project.decks.len(), 3);
    for (deck, theme) in site
        .project
        .decks
        .iter()
        .zip(["dark", "high-contrast", "light"])
    {
        let html = &site.pages[&deck.path];
        let css = builtin(theme).expect("built-in").trim();
        assert!(html.contains(css), "{} should use {theme}", deck.path);
        assert!(html.contains(&format!("data-theme=\"{theme}\"")));
        for other in ["light", "dark", "high-contrast"] {
            if other != theme {
                let other_css = builtin(other).expect("built-in").trim();
                assert!(!html.contains(other_css), "{} also has {other}", deck.path);
            }
        }
    }
}

#[test]
fn an_unknown_front_matter_theme_warns_and_that_file_uses_the_default() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Themes of other tools: Marp's gaia, Slidev's seriph.
    notes(
        dir.path(),
        &[
            (
                "a.md",
                "+++\ntitle = \"Day\"\n  theme = \"gaia\"\n+++\n# A\n## Talk A\n* x\n",
            ),
            ("b.md", "---\ntheme: dark\n---\n# B\n## Talk B\n* y\n"),
            ("c.md", "---\ntheme: seriph\n---\n# C\n## Talk C\n* z\n"),
        ],
    );
    let site = build(dir.path());
    assert!(site.project.errors.is_empty(), "{:?}", site.project.errors);
    let themes: Vec<&str> = site
        .project
        .decks
        .iter()
        .map(|d| d.meta.theme.as_str())
        .collect();
    assert_eq!(themes, ["light", "dark", "light"]);
    let warnings: Vec<String> = site
        .project
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.to_string())
        .collect();
    let a = dir.path().join("a.md");
    let c = dir.path().join("c.md");
    assert_eq!(
        warnings,
        [
            format!(
                "{}:3:3: warning: unknown theme 'gaia' (available: dark, high-contrast, light); this file uses 'light'",
                a.display()
            ),
            format!(
                "{}:2:1: warning: unknown theme 'seriph' (available: dark, high-contrast, light); this file uses 'light'",
                c.display()
            ),
        ]
    );
    assert!(site.pages[&site.project.decks[1].path].contains("data-theme=\"dark\""));
}
