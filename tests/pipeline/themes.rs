//! Theme plumbing: each deck is rendered with the theme its file names;
//! a theme no one has is a warning for that file only.

use notedeck::services::theme::{builtin, Themes};
use notedeck::{BuildOptions, Compiler, Severity};
use std::path::{Path, PathBuf};

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
        // Pages inline the built-ins minified.
        let inlined = |name: &str| Themes::builtin().get(name).expect("built-in").css.clone();
        assert!(
            html.contains(&inlined(theme)),
            "{} should use {theme}",
            deck.path
        );
        assert!(html.contains(&format!("data-theme=\"{theme}\"")));
        for other in ["light", "dark", "high-contrast"] {
            if other != theme {
                assert!(
                    !html.contains(&inlined(other)),
                    "{} also has {other}",
                    deck.path
                );
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

fn notedeck() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("notedeck").expect("binary")
}

fn write(path: &std::path::Path, text: &[u8]) {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

fn chart() -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/themes/img/chart.png"),
    )
    .expect("chart")
}

/// Builds `talks/` of a temp project; (stdout, stderr, the deck's HTML).
fn build_project(dir: &std::path::Path, deck: &str) -> (String, String, String) {
    let o = notedeck()
        .current_dir(dir)
        .args(["build", "talks", "-o", "dist"])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{stderr}");
    let html = std::fs::read_to_string(dir.join("dist").join(deck)).expect("deck");
    (stdout, stderr, html)
}

fn imgs(html: &str) -> Vec<Vec<(String, String)>> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("section.slide img").expect("selector");
    doc.select(&sel)
        .map(|e| {
            let mut attrs: Vec<(String, String)> = e
                .value()
                .attrs()
                .map(|(k, v)| {
                    let v = if v.starts_with("data:image/png;base64,") {
                        "data:png".to_string()
                    } else {
                        v.to_string()
                    };
                    (k.to_string(), v)
                })
                .collect();
            attrs.sort();
            attrs
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn raw_img_and_marp_sizes_are_embedded_like_markdown_images() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(&d.join("talks/img/a.png"), &chart());
    // In the project but a symlink out of it: never read (the project's
    // own `../assets/x.png` is embedded, see tests/live).
    let outside = tempfile::tempdir().expect("tempdir");
    write(&outside.path().join("secret.png"), &chart());
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path().join("secret.png"), d.join("secret.png"))
        .expect("symlink");
    #[cfg(not(unix))]
    write(&d.join("secret.png"), &chart());
    write(
        &d.join("talks/t.md"),
        b"# D\n\n## T\n\n### Raw\n\n\
<img src=\"img/a.png\" width=\"300\" alt=\"ok\"> <img src=\"../secret.png\" alt=\"out\">\n\
<img src=\"gone.png\" height=20 alt=\"gone\"> <img src=\"https://example.com/x.png\" alt=\"far\">\n\n\
### Marp\n\n![w:120 h:40%](img/a.png)\n\n![Logo width:80px](img/a.png) ![Big w:3cm](img/a.png)\n",
    );
    let (stdout, stderr, html) = build_project(d, "t/d.html");
    assert!(stdout.contains(", 5 warnings"), "{stdout}");
    let notes = "talks/t.md";
    for (line, msg) in [
        (7, "image '../secret.png' is outside the project (the folder notedeck runs in) or reached through a symlink; not embedded; <img> shown without it"),
        (8, "image 'gone.png' not found; <img> shown without it"),
        (8, "remote image 'https://example.com/x.png' cannot be shown offline; <img> shown without it"),
        (12, "image 'img/a.png' has no alt text, so a screen reader skips it; say what it shows: ![what it shows](img/a.png)"),
        (14, "image size 'w:3cm' not understood (use w:300, h:200px or w:50%)"),
    ] {
        let want = format!("{notes}:{line}:1: warning: {msg}");
        assert!(stderr.contains(&want), "missing {want}\n{stderr}");
    }
    assert_eq!(
        imgs(&html),
        [
            pairs(&[("alt", "ok"), ("src", "data:png"), ("width", "300")]),
            // Not embedded: no src left for the page to fetch.
            pairs(&[("alt", "out")]),
            pairs(&[("alt", "gone"), ("height", "20")]),
            pairs(&[("alt", "far")]),
            pairs(&[
                ("alt", ""),
                ("height", "40%"),
                ("src", "data:png"),
                ("width", "120")
            ]),
            pairs(&[("alt", "Logo"), ("src", "data:png"), ("width", "80")]),
            pairs(&[("alt", "Big"), ("src", "data:png")]),
        ]
    );
}

#[test]
fn footnote_definitions_leave_no_slide_and_uncited_ones_warn() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(
        &d.join("talks/t.md"),
        b"# D\n\n## T\n\n* A point[^1]\n  * detail\n\n[^1]: The source.\n[^spare]: Never cited.\n\n### Next\n\nSee slide 2[^1].\n",
    );
    let (stdout, stderr, html) = build_project(d, "d/t.html");
    // Title, the point, Next: the definitions add no slide of their own.
    assert!(stdout.contains("(3 slides)"), "{stdout}");
    assert!(
        stderr.contains("t.md:9:1: warning: footnote [^spare] is never cited; it is not shown"),
        "{stderr}"
    );
    let doc = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse("section.slide").expect("selector");
    let texts: Vec<String> = doc
        .select(&sel)
        .map(|s| s.text().collect::<String>())
        .collect();
    assert!(!texts[0].contains("The source."));
    for (n, t) in texts.iter().enumerate().skip(1) {
        assert!(t.contains("The source."), "slide {}: {t}", n + 1);
    }
    assert!(html.contains("<a href=\"#fn-2-1\""));
    assert!(html.contains("<a href=\"#fn-3-1\""));
    assert!(!html.contains("href=\"#1\""));
}

#[test]
fn partial_project_themes_layer_on_their_base_and_print() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(&d.join("talks/t.md"), b"# D\n\n## T\n\n* a\n");
    write(
        &d.join("themes/conf.css"),
        b":root {\n  --nd-bg: #10141c;\n  --nd-heding: #ffd9a0;\n}\n",
    );
    write(
        &d.join("notedeck.toml"),
        b"theme = \"conf\"\n\n[build]\ntheme_base = \"dark\"\n",
    );
    let (_, stderr, html) = build_project(d, "d/t.html");
    assert!(
        stderr.contains("themes/conf.css:3:3: warning: unknown theme property --nd-heding (did you mean --nd-heading?)"),
        "{stderr}"
    );
    // The configured base comes first, the project's five lines after it.
    let dark = builtin("dark").expect("dark").trim_end();
    let at_dark = html.find(dark).expect("dark base inlined");
    let at_conf = html.find("--nd-bg: #10141c;").expect("conf inlined");
    assert!(at_dark < at_conf);
    assert!(!html.contains(builtin("light").expect("light").trim_end()));
    let o = notedeck()
        .current_dir(d)
        .args(["themes", "--print", "conf"])
        .output()
        .expect("run");
    assert!(o.status.success());
    let printed = String::from_utf8_lossy(&o.stdout);
    assert!(printed.contains("/* extends: dark */"), "{printed}");
    assert!(printed.contains("  --nd-bg: #10141c;\n"), "{printed}");
    assert!(
        printed.contains("  --nd-fg: #e6e8eb;\n"),
        "dark's fg: {printed}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // What --print writes is a complete theme: it loads with no findings.
    let o = notedeck()
        .current_dir(d)
        .args(["themes", "--print", "high-contrast"])
        .output()
        .expect("run");
    let full =
        String::from_utf8_lossy(&o.stdout).replace("extends: high-contrast", "extends: none");
    write(&d.join("themes/copy.css"), full.as_bytes());
    let o = notedeck()
        .current_dir(d)
        .args(["themes"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("copy.css"), "{err}");
    let unknown = notedeck()
        .current_dir(d)
        .args(["themes", "--print", "nope"])
        .output()
        .expect("run");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown theme 'nope'"));
}
