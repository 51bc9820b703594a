//! Rich notes: snapshots of the rendered slide bodies per construct, XSS
//! payloads checked by parsing the output, images surviving deletion,
//! front matter and config precedence.

use notedeck::config::{self, Settings};
use notedeck::render::slide_views_in;
use notedeck::source::SourceFile;
use notedeck::{BuildOptions, Compiler, Diagnostic, Project};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rich")
        .join(name)
}

fn compile_file(path: &Path) -> Project {
    let opts = BuildOptions {
        inputs: vec![path.to_path_buf()],
        ..BuildOptions::default()
    };
    Compiler::once(opts).compile().expect("compile")
}

/// Every content slide's body HTML, titled, plus the render warnings
/// (paths shown relative to the fixtures folder).
fn bodies(name: &str) -> (String, Vec<String>) {
    let p = compile_file(&fixture(name));
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let mut out = String::new();
    let mut diags: Vec<Diagnostic> = Vec::new();
    for d in &p.decks {
        for (slide, view) in d.slides.iter().zip(slide_views_in(d, &mut diags)) {
            if view.is_title {
                continue;
            }
            out.push_str(&format!(
                "=== {}\n{}\n",
                slide.title_text(),
                view.body.trim_end()
            ));
        }
    }
    let warnings = diags
        .iter()
        .map(|d| format!("{}:{}: {}", name, d.line, d.message))
        .collect();
    (out, warnings)
}

#[test]
fn code_is_highlighted_with_theme_classes() {
    let (html, warnings) = bodies("code.md");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(html.contains("<span class=\"hl-keyword\">fn</span>"));
    assert!(!html.contains("style="), "no inline colours");
    insta::assert_snapshot!("code", html);
}

#[test]
fn images_are_embedded_or_warned() {
    let (html, warnings) = bodies("images.md");
    assert!(html.contains("src=\"data:image/png;base64,iVBORw0KGgo"));
    assert!(html.contains("src=\"data:image/svg+xml;base64,"));
    assert!(
        !html.contains("<svg"),
        "SVG is an image, never inline markup"
    );
    assert!(
        !html.contains("passwd") || !html.contains("data:text"),
        "{html}"
    );
    insta::assert_snapshot!("images", html);
    insta::assert_debug_snapshot!("images_warnings", warnings);
}

#[test]
fn gfm_tables_tasks_strikethrough_footnotes() {
    let (html, warnings) = bodies("gfm.md");
    assert!(warnings.is_empty(), "{warnings:?}");
    // The footnote definition shows on the slide that references it.
    let fn_slide = html
        .split("=== ")
        .find(|s| s.starts_with("Footnotes"))
        .unwrap_or_default();
    // Namespaced by slide: `#1` would be slide 1 to the runtime.
    assert!(fn_slide.contains("<a href=\"#fn-4-1\""), "{fn_slide}");
    assert!(fn_slide.contains("class=\"slide-footnotes\""), "{fn_slide}");
    assert!(fn_slide.contains("<li id=\"fn-4-1\">"), "{fn_slide}");
    assert!(!fn_slide.contains("href=\"#safe\""), "{fn_slide}");
    insta::assert_snapshot!("gfm", html);
}

#[test]
fn bare_urls_become_short_links_and_video_cards() {
    let (html, warnings) = bodies("links.md");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(html.contains("class=\"video-card\""));
    assert!(html.contains("<code>https://not.a.link/</code>"));
    insta::assert_snapshot!("links", html);
}

#[test]
fn math_becomes_mathml_and_invalid_math_warns() {
    let (html, warnings) = bodies("math.md");
    assert!(html.contains("<math"));
    assert!(html.contains("display=\"block\""));
    assert!(html.contains("class=\"math-error\""));
    insta::assert_snapshot!("math", html);
    insta::assert_debug_snapshot!("math_warnings", warnings);
}

#[test]
fn harmless_html_stays_and_the_rest_is_removed_with_a_warning() {
    let (html, warnings) = bodies("html.md");
    for keep in [
        "<kbd>Ctrl</kbd>",
        "<sub>2</sub>",
        "<sup>2</sup>",
        "<mark>",
        "<br>",
        "<details>",
        "<summary>",
    ] {
        assert!(html.contains(keep), "{keep} missing:\n{html}");
    }
    assert!(
        !html.contains("onclick") && !html.contains("<script"),
        "{html}"
    );
    insta::assert_snapshot!("html", html);
    insta::assert_debug_snapshot!("html_warnings", warnings);
}

fn build_pages(path: &Path, allow_html: bool) -> notedeck::Site {
    let mut opts = BuildOptions {
        inputs: vec![path.to_path_buf()],
        ..BuildOptions::default()
    };
    opts.meta.allow_html = allow_html;
    Compiler::new(opts)
        .build()
        .unwrap_or_else(|e| panic!("build failed: {e}"))
}

/// Everything in one page that could run script from the notes.
fn executable_findings(page: &str) -> Vec<String> {
    let doc = Html::parse_document(page);
    let all = Selector::parse("*").unwrap_or_else(|e| panic!("{e:?}"));
    let mut found = Vec::new();
    let mut scripts = 0;
    for el in doc.select(&all) {
        let name = el.value().name();
        match name {
            // The deck runtime is notedeck's one inline script.
            "script" => scripts += 1,
            "iframe" | "object" | "embed" | "base" | "form" | "frame" | "frameset" | "applet" => {
                found.push(format!("<{name}>"))
            }
            "meta"
                if el
                    .value()
                    .attr("http-equiv")
                    .is_some_and(|v| !v.eq_ignore_ascii_case("Content-Security-Policy")) =>
            {
                found.push("<meta http-equiv>".into())
            }
            "link" => found.push("<link>".into()),
            _ => {}
        }
        for (attr, value) in el.value().attrs() {
            let a = attr.to_ascii_lowercase();
            if a.starts_with("on") || a == "srcdoc" || a == "formaction" {
                found.push(format!("<{name} {a}>"));
            }
            if a == "style" && !(matches!(name, "td" | "th") && value.starts_with("text-align:")) {
                found.push(format!("<{name} style>"));
            }
            let squashed: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if squashed.starts_with("javascript:")
                || squashed.starts_with("vbscript:")
                || squashed.starts_with("data:text/html")
                || (squashed.starts_with("data:") && !(name == "img" && a == "src"))
            {
                found.push(format!("<{name} {a}={value}>"));
            }
        }
    }
    let runtime_scripts = if page.contains("<body class=\"index\"") {
        0
    } else {
        1
    };
    if scripts > runtime_scripts {
        found.push(format!("{scripts} <script> elements"));
    }
    found
}

#[test]
fn xss_payloads_leave_nothing_executable() {
    let site = build_pages(&fixture("xss.md"), false);
    assert!(site.pages.len() >= 2);
    for (path, page) in &site.pages {
        let found = executable_findings(page);
        assert!(found.is_empty(), "{path}: {found:?}");
        assert!(
            !page.contains("alert(1)</script>") || !page.contains("<script>alert"),
            "{path}"
        );
    }
    let deck = site
        .pages
        .iter()
        .find(|(p, _)| p.contains("/payloads"))
        .map(|(_, p)| &**p)
        .unwrap_or_default();
    // What must keep working.
    for keep in [
        "href=\"https://example.com/?src=data:image/png\"",
        "href=\"mailto:a@b.c\"",
        "href=\"#slide-3\"",
        "src=\"data:image/png;base64,",
        "rel=\"noopener noreferrer\"",
        "&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;",
        "{#x onclick=alert(1)}",
    ] {
        assert!(deck.contains(keep), "{keep} missing");
    }
    // Removals are reported with the line.
    let warned: Vec<&Diagnostic> = site
        .project
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("raw HTML"))
        .collect();
    assert!(
        warned
            .iter()
            .any(|d| d.line == 5 && d.message.contains("<script>")),
        "{warned:?}"
    );
    assert!(
        warned
            .iter()
            .any(|d| d.line == 23 && d.message.contains("ontoggle=")),
        "{warned:?}"
    );
    assert!(
        warned
            .iter()
            .any(|d| d.line == 39 && d.message.contains("<form>")),
        "{warned:?}"
    );
}

#[test]
fn allow_html_keeps_raw_html_but_never_script_urls() {
    let site = build_pages(&fixture("xss.md"), true);
    let deck = site
        .pages
        .iter()
        .find(|(p, _)| p.contains("/payloads"))
        .map(|(_, p)| &**p)
        .unwrap_or_default();
    assert!(
        deck.contains("<script>alert(1)</script>"),
        "trusted HTML is kept"
    );
    let doc = Html::parse_document(deck);
    let all = Selector::parse("*").unwrap_or_else(|e| panic!("{e:?}"));
    for el in doc.select(&all) {
        for (attr, value) in el.value().attrs() {
            let v: String = value
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            assert!(
                !v.starts_with("javascript:")
                    && !v.starts_with("vbscript:")
                    && !v.starts_with("data:text/html"),
                "{attr}={value}"
            );
            assert_ne!(attr, "srcdoc");
        }
    }
    assert!(!site
        .project
        .diagnostics
        .iter()
        .any(|d| d.message.contains("raw HTML")));
}

#[test]
fn deeply_nested_input_is_capped_before_sanitizing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let notes = dir.path().join("deep.md");
    let mut text = String::from("# D\n\n## Deep\n\n");
    text.push_str(&"* ".repeat(5_000));
    text.push_str("x\n");
    std::fs::write(&notes, text).unwrap_or_else(|e| panic!("{e}"));
    let site = build_pages(&notes, false);
    let page = site
        .pages
        .values()
        .find(|p| p.contains("Deep"))
        .cloned()
        .unwrap_or_default();
    assert!(page.matches("<ul>").count() <= notedeck::render::MAX_NEST + 2);
}

#[test]
fn deeply_nested_raw_html_is_shown_as_text() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let notes = dir.path().join("deep.md");
    let text = format!("# D\n\n## Deep\n\n{}x\n", "<div>".repeat(5_000));
    std::fs::write(&notes, text).unwrap_or_else(|e| panic!("{e}"));
    let site = build_pages(&notes, false);
    let page = site
        .pages
        .values()
        .find(|p| p.contains("Deep"))
        .cloned()
        .unwrap_or_default();
    assert!(page.matches("<div>").count() < 10);
    assert!(page.contains("&lt;div&gt;&lt;div&gt;"));
    assert!(site
        .project
        .diagnostics
        .iter()
        .any(|d| d.line == 5 && d.message.contains("nested deeper than 64")));
}

#[test]
fn embedded_image_survives_deleting_the_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let notes_dir = dir.path().join("talks");
    std::fs::create_dir_all(notes_dir.join("img")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(fixture("img/dot.png"), notes_dir.join("img/dot.png"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        notes_dir.join("day.md"),
        "# Day\n\n## Pic\n\n![dot](img/dot.png)\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("dist");
    let opts = BuildOptions {
        inputs: vec![notes_dir.clone()],
        ..BuildOptions::default()
    };
    let report = notedeck::build(&opts, &out).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        report.project.diagnostics.is_empty(),
        "{:?}",
        report.project.diagnostics
    );
    std::fs::remove_file(notes_dir.join("img/dot.png")).unwrap_or_else(|e| panic!("{e}"));
    let page = std::fs::read_to_string(out.join("day/pic.html")).unwrap_or_else(|e| panic!("{e}"));
    let doc = Html::parse_document(&page);
    let img = Selector::parse(".slide-body img").unwrap_or_else(|e| panic!("{e:?}"));
    let srcs: Vec<&str> = doc
        .select(&img)
        .filter_map(|e| e.value().attr("src"))
        .collect();
    assert_eq!(srcs.len(), 1);
    assert!(srcs[0].starts_with("data:image/png;base64,"), "{}", srcs[0]);
    assert!(!page.contains("img/dot.png"));
}

#[test]
fn missing_and_outside_images_warn_with_the_line() {
    let (html, warnings) = bodies("images.md");
    assert!(
        warnings.contains(&"images.md:10: image 'img/missing.png' not found".to_string()),
        "{warnings:?}"
    );
    assert!(warnings
        .iter()
        .any(|w| w.starts_with("images.md:18:") && w.contains("is outside the project")));
    assert!(html.contains("class=\"image-missing\""));
    assert!(
        !html.contains("etc/passwd\""),
        "never a src to the outside file"
    );
}

#[test]
fn yaml_front_matter_sets_meta_and_keeps_line_numbers() {
    let p = compile_file(&fixture("front-yaml.md"));
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let d = &p.decks[0];
    assert_eq!(d.group.name, "Front Day");
    assert_eq!(d.meta.event.as_deref(), Some("RustConf 2025"));
    assert_eq!(d.meta.speaker.as_deref(), Some("Ana Lima"));
    assert_eq!(d.meta.date.as_deref(), Some("2025-09-02"));
    assert_eq!(d.meta.theme, "dark");
    assert!(d.meta.incremental);
    assert_eq!(d.line, 10, "the talk heading keeps its real line");
    let views = notedeck::render::slide_views(d);
    assert_eq!(views[0].byline.as_deref(), Some("Ana Lima · 2025-09-02"));
    assert_eq!(views[0].event.as_deref(), Some("RustConf 2025"));
}

#[test]
fn index_shows_speaker_and_date() {
    let site = build_pages(&fixture("front-yaml.md"), false);
    let index = &site.pages["index.html"];
    let doc = Html::parse_document(index);
    let meta = Selector::parse(".index-card-meta").unwrap_or_else(|e| panic!("{e:?}"));
    let text: String = doc.select(&meta).flat_map(|e| e.text()).collect();
    assert!(text.contains("Ana Lima · 2025-09-02"), "{text}");
}

#[test]
fn toml_front_matter_and_a_leading_rule() {
    let p = compile_file(&fixture("front-toml.md"));
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let d = &p.decks[0];
    assert_eq!(d.meta.date.as_deref(), Some("2025-10-09"));
    assert_eq!(d.meta.lang, "fr");
    assert_eq!(d.meta.aspect, "4:3");
    assert_eq!(d.group.name, "Jour");
    // Not front matter: the rule stays, and lines are untouched.
    let p = compile_file(&fixture("leading-rule.md"));
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let talk = p.decks.iter().find(|d| d.title.text == "Talk");
    assert_eq!(talk.map(|d| d.line), Some(5));
}

#[test]
fn invalid_front_matter_is_an_error_with_the_line_and_other_files_build() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("a.md"),
        "---\nspeaker: A\naspect: wide\n---\n## T\n- x\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("b.md"), "## U\n- y\n").unwrap_or_else(|e| panic!("{e}"));
    let p = compile_file(dir.path());
    let errs: Vec<String> = p.errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].ends_with(
            "a.md:3:9: invalid value for 'aspect': expected a ratio such as \"16:9\" or \"4:3\""
        ),
        "{}",
        errs[0]
    );
    assert_eq!(p.decks.len(), 1);
}

#[test]
fn config_precedence_cli_over_front_matter_over_toml_over_defaults() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let toml_path = dir.path().join("notedeck.toml");
    std::fs::write(
        &toml_path,
        "theme = \"toml-theme\"\nspeaker = \"Toml Speaker\"\nevent = \"Toml Event\"\nthme = 1\n\n[build]\ninput = \"notes\"\noutput = \"site\"\nline_budget = 7\nouptut = 2\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(dir.path().join("notes")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("notes/a.md"),
        "---\nspeaker: Front Speaker\ntheme: front-theme\n---\n## T\n- x\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut diags = Vec::new();
    let cfg = config::load(Some(&toml_path), &mut diags)
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("config not loaded"));
    let msgs: Vec<String> = diags
        .iter()
        .map(|d| format!("{}: {}", d.line, d.message))
        .collect();
    assert_eq!(
        msgs,
        [
            "4: unknown key 'thme', did you mean 'theme'?",
            "10: unknown key 'build.ouptut', did you mean 'output'?"
        ]
    );
    assert_eq!(cfg.output, Some(dir.path().join("site")));
    let mut opts = BuildOptions::from_config(&cfg);
    assert_eq!(opts.inputs, vec![dir.path().join("notes")]);
    assert_eq!(opts.layout.budget, 7);
    // The command line sets the theme.
    let cli = Settings {
        theme: Some("cli-theme".into()),
        ..Settings::default()
    };
    cli.apply(&mut opts.meta);
    opts.overrides = cli;
    let p = Compiler::once(opts).compile().expect("compile");
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let m = &p.decks[0].meta;
    assert_eq!(m.theme, "cli-theme", "command line wins");
    assert_eq!(
        m.speaker.as_deref(),
        Some("Front Speaker"),
        "front matter beats notedeck.toml"
    );
    assert_eq!(
        m.event.as_deref(),
        Some("Toml Event"),
        "notedeck.toml beats defaults"
    );
    assert_eq!(m.lang, "en", "default");
}

#[test]
fn config_errors_name_the_line() {
    let mut diags = Vec::new();
    let src = SourceFile::new(
        "notedeck.toml",
        "event = \"x\"\n\n[build]\nline_budget = \"ten\"\n",
    );
    let e = config::parse_config(&src, &mut diags)
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("notedeck.toml:4:15: invalid value for 'line_budget': expected a whole number from 3 to 100")
    );
    let src = SourceFile::new("notedeck.toml", "event = \"x\"\ntheme = [\n");
    let e = config::parse_config(&src, &mut diags)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.starts_with("notedeck.toml:2:"), "{e}");
    assert!(e.contains(": invalid TOML: "), "{e}");
    let e = config::load(Some(Path::new("/nonexistent/notedeck.toml")), &mut diags)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert_eq!(e, "/nonexistent/notedeck.toml: no such file or directory");
}

#[test]
fn front_matter_values_are_escaped_in_templates() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let notes = dir.path().join("evil.md");
    std::fs::write(
        &notes,
        "---\ntitle: \"</title><script>alert(1)</script>\"\nevent: \"\\\"><svg onload=alert(1)>\"\nspeaker: \"' autofocus onfocus=alert(1) x='\"\ndate: \"<!--<script>\"\n---\n## Talk\n- x\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let site = build_pages(&notes, false);
    assert!(site.project.errors.is_empty(), "{:?}", site.project.errors);
    assert_eq!(
        site.project.decks[0].meta.speaker.as_deref(),
        Some("' autofocus onfocus=alert(1) x='")
    );
    for (path, page) in &site.pages {
        let found = executable_findings(page);
        assert!(found.is_empty(), "{path}: {found:?}");
        assert!(!page.contains("<svg"), "{path}");
    }
}

#[test]
fn cli_reads_notedeck_toml_and_config_flag() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(dir.path().join("notes")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("notes/day.md"), "# Day\n\n## Talk\n\n- x\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("notedeck.toml"),
        "speaker = \"Ana\"\nthem = \"dark\"\n[build]\ninput = \"notes\"\noutput = \"site\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = assert_cmd::Command::cargo_bin("notedeck")
        .unwrap_or_else(|e| panic!("{e}"))
        .arg("build")
        .current_dir(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("notedeck.toml:2:1: warning: unknown key 'them', did you mean 'theme'?"),
        "{stderr}"
    );
    let page = std::fs::read_to_string(dir.path().join("site/day/talk.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(page.contains("<p class=\"slide-byline\">Ana</p>"));
    // An explicit --config that does not exist is an error naming it.
    let out = assert_cmd::Command::cargo_bin("notedeck")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["build", "--config", "missing.toml"])
        .current_dir(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("missing.toml: no such file or directory")
    );
}

#[test]
fn wiki_links_keep_their_text_and_lose_the_link() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/talks/obsidian-export.md");
    let p = compile_file(&path);
    let mut diags: Vec<Diagnostic> = Vec::new();
    let bodies: String = p
        .decks
        .iter()
        .flat_map(|d| slide_views_in(d, &mut diags))
        .map(|v| v.body)
        .collect();
    assert!(bodies.contains("DuckDB"), "{bodies}");
    assert!(bodies.contains("Great Expectations"), "{bodies}");
    assert!(!bodies.contains("[["), "{bodies}");
    assert!(!bodies.contains("href=\"DuckDB\""), "{bodies}");
}
