//! The command line, end to end: every command, flag and exit code.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn user_notes() -> PathBuf {
    root().join("talks/rustconf-2025/day-one.md")
}

fn notedeck() -> Command {
    let mut c = Command::cargo_bin("notedeck").expect("binary");
    c.env_remove("NO_COLOR");
    c
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Out {
    let o = cmd.output().expect("run notedeck");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn write(p: &Path, text: &str) {
    if let Some(d) = p.parent() {
        std::fs::create_dir_all(d).expect("mkdir");
    }
    std::fs::write(p, text).expect("write");
}

/// Every file under `dir`, concatenated.
fn all_text(dir: &Path) -> String {
    let mut out = String::new();
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.push_str(&all_text(&p));
        } else {
            out.push_str(&std::fs::read_to_string(&p).unwrap_or_default());
        }
    }
    out
}

const LINT_FIXTURE: &str = "# Day\n\n## Talk\n\n* one\n* \n* see [docs](www.example.com)\n\n![diagram](missing.png)\n\n## Talk\n\n* again\n";

#[test]
fn help_documents_exit_codes_and_every_command_has_an_example() {
    let top = run(notedeck().arg("--help"));
    assert_eq!(top.code, 0);
    assert!(top.stdout.contains("Exit codes:"), "{}", top.stdout);
    assert!(top.stdout.contains("2  usage errors"), "{}", top.stdout);
    for cmd in [
        "build",
        "outline",
        "check",
        "themes",
        "completions",
        "init",
        "pdf",
    ] {
        assert!(top.stdout.contains(cmd), "{cmd} missing from --help");
        let h = run(notedeck().args([cmd, "--help"]));
        assert_eq!(h.code, 0, "{cmd} --help");
        assert!(
            h.stdout.contains("Example: notedeck"),
            "{cmd}: {}",
            h.stdout
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["build", "--no-such-flag"][..],
        &["frobnicate"],
        &["--color", "sometimes", "themes"],
        &["completions", "tcsh"],
        &["check", "--format", "xml"],
        &["-q", "-v", "themes"],
        &["build", "-o", "d", "--single-file", "f.html"],
    ] {
        let o = run(notedeck().args(args));
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains("error"), "{args:?}");
    }
}

#[test]
fn build_prints_a_summary_and_writes_the_recap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("dist");
    let o = run(notedeck()
        .arg("build")
        .arg(user_notes())
        .arg("-o")
        .arg(&out));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let line = o.stdout.trim();
    assert!(line.starts_with("Built 8 decks ("), "{line}");
    assert!(line.contains(" slides), 2 warnings in "), "{line}");
    assert!(line.contains(" ms → "), "{line}");
    assert!(
        line.ends_with(&out.join("index.html").display().to_string()),
        "{line}"
    );
    // The two empty bullets of the user's notes, as path:line:col.
    let notes = user_notes().display().to_string();
    assert!(
        o.stderr
            .contains(&format!("{notes}:45:1: warning: empty list item")),
        "{}",
        o.stderr
    );
    assert!(out.join("index.html").is_file());
    assert!(out.join("day-one/solona.html").is_file());
}

#[test]
fn quiet_hides_warnings_and_summary_verbose_lists_decks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = run(notedeck()
        .args(["build", "-q", "-o"])
        .arg(dir.path().join("q"))
        .arg(user_notes()));
    assert_eq!(q.code, 0);
    assert_eq!(q.stdout, "");
    assert_eq!(q.stderr, "");
    let v = run(notedeck()
        .args(["--verbose", "build", "-o"])
        .arg(dir.path().join("v"))
        .arg(user_notes()));
    assert_eq!(v.code, 0);
    assert!(v.stderr.contains("day-one/solona.html  "), "{}", v.stderr);
    assert!(v.stderr.contains("theme light"), "{}", v.stderr);
}

#[test]
fn color_flag_colours_only_the_labels() {
    let always = run(notedeck()
        .args(["check", "--color", "always"])
        .arg(user_notes()));
    assert!(
        always
            .stderr
            .contains(": \x1b[1;33mwarning\x1b[0m: empty list item"),
        "{:?}",
        always.stderr
    );
    let never = run(notedeck()
        .args(["check", "--color=never"])
        .arg(user_notes()));
    assert!(!never.stderr.contains('\x1b'));
    assert!(never.stderr.contains(": warning: empty list item"));
    // Not a terminal, and NO_COLOR: auto stays plain.
    let auto = run(notedeck()
        .env("NO_COLOR", "1")
        .arg("check")
        .arg(user_notes()));
    assert!(!auto.stderr.contains('\x1b'));
}

#[test]
fn unknown_theme_lists_the_available_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run(notedeck()
        .args(["build", "--theme", "neon", "-o"])
        .arg(dir.path().join("d"))
        .arg(user_notes()));
    assert_eq!(o.code, 2, "a usage error");
    assert!(
        o.stderr
            .contains("--theme neon: no such theme (available: dark, high-contrast, light)"),
        "{}",
        o.stderr
    );
    assert!(!dir.path().join("d").exists(), "nothing written");
    let o = run(notedeck()
        .args(["build", "--theme", "drak", "-o"])
        .arg(dir.path().join("d"))
        .arg(user_notes()));
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("did you mean 'dark'?"), "{}", o.stderr);
}

#[test]
fn theme_flag_and_project_themes() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        &dir.path().join("talks/a.md"),
        "# G\n\n## Talk\n\n* point\n",
    );
    write(
        &dir.path().join("themes/corp.css"),
        ":root { --nd-bg: #fafafa; --nd-fg: #123456; }\n",
    );
    write(
        &dir.path().join("themes/dark.css"),
        ":root { --nd-bg: #010203; --nd-fg: #fefefe; }\n",
    );
    // A themes/ folder inside an input folder counts too, when named.
    write(
        &dir.path().join("talks/themes/talkish.css"),
        ":root { --nd-bg: #fff; }\n",
    );
    let o = run(notedeck().current_dir(dir.path()).args(["themes", "talks"]));
    assert!(
        o.stdout
            .lines()
            .any(|l| l.starts_with("talkish ") && l.contains("talks/themes/talkish.css")),
        "{}",
        o.stdout
    );
    std::fs::remove_dir_all(dir.path().join("talks/themes")).expect("rm");
    let o = run(notedeck().current_dir(dir.path()).arg("themes"));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", o.stdout);
    assert!(
        lines[0].starts_with("corp ") && lines[0].contains("project  themes/corp.css"),
        "{}",
        o.stdout
    );
    assert!(
        lines[1].starts_with("dark ") && lines[1].contains("(overrides built-in)"),
        "{}",
        o.stdout
    );
    assert!(lines[2].starts_with("high-contrast ") && lines[2].ends_with("built-in"));
    assert!(lines[3].starts_with("light ") && lines[3].ends_with("built-in (default)"));

    for (theme, needle) in [
        ("corp", "#123456"),
        ("dark", "#010203"),
        ("high-contrast", "--nd-bg:#000"),
    ] {
        let out = dir.path().join(format!("dist-{theme}"));
        let b = run(notedeck()
            .current_dir(dir.path())
            .args(["build", "--theme", theme, "-o"])
            .arg(&out));
        assert_eq!(b.code, 0, "{theme}: {}", b.stderr);
        for page in ["index.html", "g/talk.html"] {
            let html = std::fs::read_to_string(out.join(page)).expect("page");
            assert!(html.contains(needle), "{theme} {page}");
            assert!(
                html.contains(&format!("data-theme=\"{theme}\"")),
                "{theme} {page}"
            );
        }
    }
}

#[test]
fn no_notes_leaves_every_speaker_note_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("n.md");
    write(
        &notes,
        "# G\n\n## Talk\n\n* point one\n  * child\n\n  Note: nested secret\n* point two\n\nNote: remember the demo\n\n<!-- secret aside -->\n",
    );
    let with = dir.path().join("with");
    assert_eq!(
        run(notedeck().arg("build").arg(&notes).arg("-o").arg(&with)).code,
        0
    );
    let html = all_text(&with);
    for secret in ["remember the demo", "secret aside", "nested secret"] {
        assert!(
            html.contains(secret),
            "{secret} should be in the speaker copy"
        );
    }
    let without = dir.path().join("without");
    let o = run(notedeck()
        .args(["build", "--no-notes"])
        .arg(&notes)
        .arg("-o")
        .arg(&without));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let html = all_text(&without);
    assert!(html.contains("point two"));
    for secret in [
        "remember the demo",
        "secret aside",
        "nested secret",
        "class=\"notes\"",
    ] {
        assert!(
            !html.contains(secret),
            "{secret} leaked into the audience copy"
        );
    }
    // And in the single file too.
    let single = dir.path().join("one.html");
    let o = run(notedeck()
        .args(["build", "--no-notes", "--single-file"])
        .arg(&single)
        .arg(&notes));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let html = std::fs::read_to_string(&single).expect("single");
    assert!(!html.contains("remember the demo") && !html.contains("secret aside"));
}

#[test]
fn single_file_holds_everything_and_never_overwrites_foreign_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("recap.html");
    let o = run(notedeck()
        .current_dir(dir.path())
        .args(["build", "--single-file", "recap.html"])
        .arg(user_notes()));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains("Built 8 decks") && o.stdout.trim().ends_with("recap.html"),
        "{}",
        o.stdout
    );
    // Only the one file: no dist folder.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["recap.html"]);
    let html = std::fs::read_to_string(&file).expect("file");
    // The recap show: one deck, no frames, agenda links inside the file.
    assert!(!html.contains("<iframe"));
    assert_eq!(html.matches("<main class=\"deck\"").count(), 1);
    assert!(html.contains("href=\"#solona\""));
    assert!(html.contains("data-index=\"\""), "no index to go back to");
    assert!(
        !html.contains("href=\"day-one/"),
        "links stay inside the file"
    );
    assert!(!html.contains("src=\"http") && !html.contains("<script src"));
    // Rebuilding over our own file is fine; a foreign file is refused.
    assert_eq!(
        run(notedeck()
            .args(["build", "--single-file"])
            .arg(&file)
            .arg(user_notes()))
        .code,
        0
    );
    let mine = dir.path().join("mine.html");
    write(&mine, "<p>my own page</p>");
    let o = run(notedeck()
        .args(["build", "--single-file"])
        .arg(&mine)
        .arg(user_notes()));
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("refusing to overwrite"), "{}", o.stderr);
    assert_eq!(
        std::fs::read_to_string(&mine).expect("mine"),
        "<p>my own page</p>"
    );
    // Nor the notes themselves.
    let notes = dir.path().join("n.md");
    write(&notes, "## T\n\n* a\n");
    let o = run(notedeck()
        .args(["build", "--single-file"])
        .arg(&notes)
        .arg(&notes));
    assert_eq!(o.code, 1);
    assert_eq!(
        std::fs::read_to_string(&notes).expect("notes"),
        "## T\n\n* a\n"
    );
}

#[test]
fn check_reports_findings_in_the_editor_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("lint.md");
    write(&notes, LINT_FIXTURE);
    let o = run(notedeck().arg("check").arg(&notes));
    assert_eq!(o.code, 0, "warnings alone pass: {}", o.stderr);
    let p = notes.display().to_string();
    let lines: Vec<&str> = o.stderr.lines().collect();
    for expected in [
        format!("{p}:6:1: warning: empty list item"),
        format!("{p}:7:7: warning: suspicious link 'www.example.com': no scheme"),
        format!("{p}:9:1: warning: image 'missing.png' not found"),
        format!("{p}:11:1: warning: duplicate talk title 'Talk' in group 'Day' (first at line 3)"),
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(&expected)),
            "missing {expected:?} in\n{}",
            o.stderr
        );
    }
    for l in &lines {
        let mut parts = l.splitn(4, ':');
        let (path, line, col) = (parts.next(), parts.next(), parts.next());
        assert_eq!(path, Some(p.as_str()), "{l}");
        assert!(line.is_some_and(|n| n.parse::<u32>().is_ok()), "{l}");
        assert!(col.is_some_and(|n| n.parse::<u32>().is_ok()), "{l}");
    }
    assert!(o.stdout.contains("Checked 2 decks"), "{}", o.stdout);
    assert!(o.stdout.contains("4 warnings, 0 errors"), "{}", o.stdout);
    let deny = run(notedeck().args(["check", "--deny-warnings"]).arg(&notes));
    assert_eq!(deny.code, 1);
    // Nothing written anywhere.
    assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
}

#[test]
fn check_json_and_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("lint.md");
    write(&notes, LINT_FIXTURE);
    let o = run(notedeck().args(["check", "--format", "json"]).arg(&notes));
    assert_eq!(o.code, 0);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("json");
    assert_eq!(v["warnings"], 4);
    assert_eq!(v["errors"], 0);
    let d = &v["diagnostics"][0];
    assert_eq!(d["path"], notes.display().to_string());
    assert_eq!(d["line"], 6);
    assert_eq!(d["col"], 1);
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["message"], "empty list item");
    // A missing input is an error: exit 1, in both formats.
    let missing = dir.path().join("nope.md");
    let o = run(notedeck().arg("check").arg(&missing));
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains(&format!("{}: error: no such file", missing.display())),
        "{}",
        o.stderr
    );
    let o = run(notedeck().args(["check", "--format=json"]).arg(&missing));
    assert_eq!(o.code, 1);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("json");
    assert_eq!(v["errors"], 1);
    // The user's notes: two empty bullets, nothing else.
    let o = run(notedeck().arg("check").arg(user_notes()));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stderr.lines().count(), 2, "{}", o.stderr);
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = run(notedeck().args(["completions", shell]));
        assert_eq!(o.code, 0, "{shell}");
        assert!(o.stdout.contains("notedeck"), "{shell}");
        assert!(
            o.stdout.contains("single-file"),
            "{shell} lacks build flags"
        );
    }
}

#[test]
fn init_creates_a_project_that_builds_cleanly_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let proj = dir.path().join("conf");
    let o = run(notedeck().arg("init").arg(&proj));
    assert_eq!(o.code, 0, "{}", o.stderr);
    for f in [
        "notedeck.toml",
        "talks/example.md",
        "talks/img/chart.png",
        "themes/README.md",
    ] {
        assert!(proj.join(f).is_file(), "{f}");
        assert!(o.stdout.contains(f), "{}", o.stdout);
    }
    let toml = std::fs::read_to_string(proj.join("notedeck.toml")).expect("toml");
    assert!(
        toml.lines().all(|l| l.is_empty() || l.starts_with('#')),
        "every setting commented"
    );
    let c = run(notedeck()
        .current_dir(&proj)
        .args(["check", "--deny-warnings"]));
    assert_eq!(c.code, 0, "example notes lint clean: {}", c.stderr);
    let b = run(notedeck().current_dir(&proj).arg("build"));
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert!(b.stdout.contains("Built 2 decks"), "{}", b.stdout);
    // Rendering finds nothing to warn about either (images, math, footnotes).
    assert!(b.stdout.contains(", 0 warnings"), "{}", b.stdout);
    assert!(b.stderr.is_empty(), "{}", b.stderr);
    // The starter shows every kind of rich content.
    let deck =
        std::fs::read_to_string(proj.join("dist/example-day/my-first-talk.html")).expect("deck");
    for needle in [
        "<pre class=\"code\" data-lang=\"rust\"",
        "src=\"data:image/png;base64,",
        "<table>",
        "<math display=\"block\"",
        "class=\"slide-footnotes\"",
        "<aside class=\"notes\">",
        "Ferris · 2025-09-02",
    ] {
        assert!(deck.contains(needle), "starter lacks {needle}");
    }
    // Second init: refused, the user's edits survive.
    write(&proj.join("talks/example.md"), "# mine\n");
    let again = run(notedeck().arg("init").arg(&proj));
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("refusing to overwrite"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read_to_string(proj.join("talks/example.md")).expect("md"),
        "# mine\n"
    );
    // Partially present is refused too, and nothing new is created.
    let half = dir.path().join("half");
    write(&half.join("notedeck.toml"), "event = \"x\"\n");
    assert_eq!(run(notedeck().arg("init").arg(&half)).code, 1);
    assert!(!half.join("talks").exists());
    // Default folder: the current one.
    let here = dir.path().join("here");
    std::fs::create_dir_all(&here).expect("mkdir");
    assert_eq!(run(notedeck().current_dir(&here).arg("init")).code, 0);
    assert!(here.join("notedeck.toml").is_file());
}

#[test]
fn outline_still_works() {
    let o = run(notedeck().args(["outline", "--json"]).arg(user_notes()));
    assert_eq!(o.code, 0);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("json");
    // Eight decks are built: seven talks and the day's `## Misc` notes,
    // which are material around the talks, not a talk.
    assert_eq!(v["decks"].as_array().map(Vec::len), Some(7));
    assert_eq!(v["extras"][0]["title"], "Misc");
}

#[test]
fn pdf_without_a_browser_names_the_package() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("r.pdf");
    let o = run(notedeck()
        .env("PATH", "")
        .arg("pdf")
        .arg(user_notes())
        .arg("-o")
        .arg(&out));
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("error: no Chromium found on PATH"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("Debian's `chromium` package"),
        "{}",
        o.stderr
    );
    assert!(!out.exists());
    let o = run(notedeck()
        .arg("pdf")
        .arg("--browser")
        .arg(dir.path().join("nochrome"))
        .arg(user_notes())
        .arg("-o")
        .arg(&out));
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("nochrome: browser not found"),
        "{}",
        o.stderr
    );
    let o = run(notedeck()
        .env("PATH", "")
        .args(["pdf", "--deck", "nope"])
        .arg(user_notes())
        .arg("-o")
        .arg(&out));
    assert_eq!(o.code, 2, "an unknown flag value is a usage error");
    assert!(
        o.stderr
            .contains("no deck 'nope' (decks: microsoft-key-note, solona,"),
        "{}",
        o.stderr
    );
    let o = run(notedeck()
        .env("PATH", "")
        .args(["pdf", "--theme", "neon"])
        .arg(user_notes())
        .arg("-o")
        .arg(&out));
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("--theme neon: no such theme"),
        "{}",
        o.stderr
    );
    // Never overwrites a file it did not write.
    write(&out, "my report");
    let o = run(notedeck()
        .env("PATH", "")
        .arg("pdf")
        .arg(user_notes())
        .arg("-o")
        .arg(&out));
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("refusing to overwrite"), "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), "my report");
}

#[test]
fn check_flags_long_items_raw_html_and_scriptable_links() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("more.md");
    let long = "word ".repeat(200);
    write(
        &notes,
        &format!("## T\n\n* {long}\n* [click](javascript:alert(1))\n\n<div onclick=\"x()\">hi</div>\n\n## \n"),
    );
    let o = run(notedeck().args(["check", "--color", "never"]).arg(&notes));
    let p = notes.display().to_string();
    for expected in [
        format!("{p}:3:1: warning: content too long for one slide"),
        format!("{p}:4:3: warning: suspicious link 'javascript:alert(1)': scriptable URL"),
        format!("{p}:6:1: warning: raw HTML onclick= removed (allow_html = true keeps it)"),
        format!("{p}:8:1: warning: empty section"),
    ] {
        assert!(
            o.stderr.lines().any(|l| l.starts_with(&expected)),
            "missing {expected:?} in\n{}",
            o.stderr
        );
    }
    assert_eq!(o.code, 0);
}

/// `check` and `build` report through one `Compiler` and one reporter:
/// the same findings, in the same order and words.
#[test]
fn check_and_build_print_identical_diagnostics_on_the_fixtures() {
    let out = tempfile::tempdir().expect("tempdir");
    let mut inputs = vec![root().join("talks")];
    for dir in ["tests/fixtures/outline", "tests/fixtures/rich"] {
        let dir = root().join(dir);
        inputs.push(dir.clone());
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("fixtures")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        inputs.extend(files);
    }
    let mut compared = 0;
    for (i, input) in inputs.iter().enumerate() {
        let check = run(notedeck()
            .current_dir(root())
            .args(["--color", "never", "check"])
            .arg(input));
        let build = run(notedeck()
            .current_dir(root())
            .args(["--color", "never", "build", "-o"])
            .arg(out.path().join(i.to_string()))
            .arg(input));
        assert_eq!(check.stderr, build.stderr, "{}", input.display());
        assert_eq!(check.code, build.code, "{}", input.display());
        compared += usize::from(!check.stderr.is_empty());
    }
    assert!(compared >= 5, "the fixtures have findings to compare");
}

#[test]
fn an_empty_or_missing_input_writes_nothing_and_keeps_the_recap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("dist");
    let good = run(notedeck().args(["build", "-o"]).arg(&out).arg(user_notes()));
    assert_eq!(good.code, 0, "{}", good.stderr);
    let index = std::fs::read(out.join("index.html")).expect("index");
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let blank = dir.path().join("blank.md");
    write(&blank, "\n\n");
    for input in [empty, blank, dir.path().join("missing")] {
        let o = run(notedeck().args(["build", "-o"]).arg(&out).arg(&input));
        assert_eq!(o.code, 1, "{}: {}", input.display(), o.stderr);
        assert_eq!(o.stdout, "", "no success summary");
        assert!(
            o.stderr.contains("no slides to build; nothing written"),
            "{}",
            o.stderr
        );
        assert_eq!(std::fs::read(out.join("index.html")).expect("kept"), index);
        let single = dir.path().join("one.html");
        let o = run(notedeck()
            .args(["build", "--single-file"])
            .arg(&single)
            .arg(&input));
        assert_eq!(o.code, 1);
        assert!(!single.exists(), "nothing written");
    }
}

#[test]
fn summaries_use_singulars() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("one.md");
    write(&notes, "## Only\n\n* x\n* \n");
    let o = run(notedeck().arg("check").arg(&notes));
    assert!(
        o.stdout
            .contains("Checked 1 deck (2 slides): 1 warning, 0 errors"),
        "{}",
        o.stdout
    );
    let o = run(notedeck()
        .args(["build", "-o"])
        .arg(dir.path().join("d"))
        .arg(&notes));
    assert!(
        o.stdout
            .starts_with("Built 1 deck (2 slides), 1 warning in "),
        "{}",
        o.stdout
    );
}

#[test]
fn a_mistyped_input_suggests_the_nearest_existing_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
    std::fs::write(dir.path().join("talks/a.md"), "# A\n\n## B\n\n- c\n").expect("write");
    let o = run(notedeck().current_dir(dir.path()).args(["build", "talk"]));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("talk: error: no such file or directory; did you mean talks/?"),
        "{}",
        o.stderr
    );
    // Nothing near: no guess.
    let o = run(notedeck().current_dir(dir.path()).args(["build", "zzzzzz"]));
    assert!(!o.stderr.contains("did you mean"), "{}", o.stderr);
}

#[test]
fn serve_with_nothing_to_serve_exits_1_with_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run(notedeck()
        .current_dir(dir.path())
        .args(["serve", "--port", "0"])
        .timeout(std::time::Duration::from_secs(20)));
    assert_eq!(o.code, 1, "{} {}", o.stdout, o.stderr);
    assert!(o.stderr.contains("no slides to serve"), "{}", o.stderr);
    assert!(!o.stdout.contains("Serving"), "{}", o.stdout);
}

/// `init`'s hint works as written, whether `notedeck` is on `PATH` or
/// not (right after the Quick start's `cargo run`, it is not).
#[test]
fn the_init_hint_runs_as_printed() {
    for on_path in [false, true] {
        let dir = tempfile::tempdir().expect("tempdir");
        let bin = PathBuf::from(env!("CARGO_BIN_EXE_notedeck"));
        let path = if on_path {
            format!("{}:/usr/bin:/bin", bin.parent().expect("bin dir").display())
        } else {
            "/usr/bin:/bin".to_string()
        };
        let o = run(notedeck()
            .current_dir(dir.path())
            .env("PATH", &path)
            .args(["init", "proj"]));
        assert_eq!(o.code, 0, "{}", o.stderr);
        let hint = o
            .stdout
            .lines()
            .find_map(|l| l.strip_prefix("Next: "))
            .and_then(|l| l.split(", then open").next())
            .expect("a Next: line")
            .to_string();
        assert_eq!(hint.contains("&& notedeck build"), on_path, "{hint}");
        let ran = std::process::Command::new("sh")
            .args(["-c", &hint])
            .current_dir(dir.path())
            .env("PATH", &path)
            .output()
            .expect("sh");
        assert!(
            ran.status.success(),
            "{hint}: {}",
            String::from_utf8_lossy(&ran.stderr)
        );
        assert!(dir.path().join("proj/dist/index.html").is_file(), "{hint}");
    }
}

#[test]
fn notes_without_headings_warn_and_outline_says_what_it_did() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("standup.md"),
        "just some text\n\n- a\n- b\n",
    )
    .expect("write");
    let o = run(notedeck()
        .current_dir(dir.path())
        .args(["check", "standup.md"]));
    assert!(
        o.stderr.contains(
            "standup.md:1:1: warning: no headings: the whole file is one talk, titled by the file name ('standup')"
        ),
        "{}",
        o.stderr
    );
    let o = run(notedeck()
        .current_dir(dir.path())
        .args(["outline", "standup.md"]));
    assert!(
        o.stdout.starts_with(
            "standup.md: no headings: the whole file is one talk, titled by the file name ('standup')\n"
        ),
        "{}",
        o.stdout
    );
}

/// Each thing the starter talk says about its own slides is what its
/// built slides show.
#[test]
fn the_starter_says_only_what_its_own_slides_show() {
    use scraper::{Html, Selector};
    let dir = tempfile::tempdir().expect("tempdir");
    let proj = dir.path().join("conf");
    assert_eq!(run(notedeck().arg("init").arg(&proj)).code, 0);
    let b = run(notedeck().current_dir(&proj).arg("build"));
    assert_eq!(b.code, 0, "{}", b.stderr);
    let read = |p: &str| std::fs::read_to_string(proj.join("dist").join(p)).expect("deck");
    let first = Html::parse_document(&read("example-day/my-first-talk.html"));
    let second = Html::parse_document(&read("example-day/a-second-talk.html"));
    let sel = |s: &str| Selector::parse(s).expect("selector");
    let text = |e: scraper::ElementRef| e.text().collect::<String>();
    let slides: Vec<scraper::ElementRef> = first.select(&sel("section.slide")).collect();
    // The slide whose visible body (notes aside) holds `needle`.
    let body_of = |s: &scraper::ElementRef| {
        s.select(&sel(".slide-content"))
            .map(text)
            .collect::<String>()
    };
    let slide_with = |needle: &str| -> usize {
        slides
            .iter()
            .position(|s| body_of(s).contains(needle))
            .unwrap_or_else(|| panic!("no slide shows {needle:?}"))
    };
    let notes_of = |i: usize| {
        slides[i]
            .select(&sel("aside.notes"))
            .map(text)
            .collect::<String>()
    };

    // "A short intro under a `#` heading shows on each title slide of its group."
    for doc in [&first, &second] {
        let title = doc
            .select(&sel("section.slide-title"))
            .next()
            .expect("title slide");
        assert!(
            text(title).contains("A short intro under a"),
            "intro on every title slide"
        );
    }
    // "Bullets stay nested under their parent, as deep as you like."
    let nested = slide_with("Bullets stay nested under their parent");
    assert!(
        slides[nested].select(&sel("ul ul ul")).next().is_some(),
        "three levels of bullets on one slide"
    );
    // "Short bullets share a slide, like these."
    assert_eq!(
        slide_with("Short bullets share a slide"),
        slide_with("like these")
    );
    // "paragraphs starting with Note: are speaker notes, never shown on the slide"
    let note = "paragraphs starting with";
    assert!(slides.iter().all(|s| !body_of(s).contains(note)));
    assert!((0..slides.len()).any(|i| notes_of(i).contains(note)));
    // "A heading starts a new slide": its own slide, titled by it.
    let heading = slide_with("Plain paragraphs work too");
    let heading_title = slides[heading]
        .select(&sel(".slide-heading"))
        .map(text)
        .collect::<String>();
    assert_eq!(heading_title.trim(), "A heading starts a new slide");
    // "A footnote mark shows its text at the foot of this slide."
    assert!(slides[heading]
        .select(&sel(".slide-footnotes"))
        .map(text)
        .collect::<String>()
        .contains("Footnotes go anywhere"));
    // "HTML comments are speaker notes as well."
    assert!((0..slides.len()).any(|i| notes_of(i).contains("HTML comments are speaker notes")));
    assert!(slides
        .iter()
        .all(|s| !body_of(s).contains("HTML comments are")));
    // "A thematic break (`---`) forces a slide break": after the footnote slide.
    assert_eq!(slide_with("forces a slide break"), heading + 1);
    // "`w:360` sets the width."
    let img = first
        .select(&sel("img[alt='A bar chart']"))
        .next()
        .expect("chart");
    assert!(
        img.value().attr("width") == Some("360")
            || img
                .value()
                .attr("style")
                .is_some_and(|s| s.contains("360px")),
        "{:?}",
        img.value()
    );
    // "Every `##` heading is one talk, one deck", and the front matter
    // (`speaker`, `date`) applies to every talk.
    assert!(b.stdout.contains("Built 2 decks"), "{}", b.stdout);
    for doc in [&first, &second] {
        let byline = doc.select(&sel(".slide-byline")).next().map(text);
        assert_eq!(byline.as_deref(), Some("Ferris · 2025-09-02"));
    }
}
