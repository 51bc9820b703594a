//! Issue #16: notes cannot grant themselves trust, bad input cannot
//! empty the output, inputs stay inside the project. Each test runs the
//! real binary.

use assert_cmd::Command;
use std::path::Path;

fn notedeck(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("notedeck").expect("binary");
    c.current_dir(dir).args(["--color", "never"]);
    c
}

struct Run {
    code: i32,
    stderr: String,
}

fn run(c: &mut Command) -> Run {
    let o = c.output().expect("run notedeck");
    Run {
        code: o.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

const SCRIPT_NOTES: &str =
    "---\nallow_html: true\n---\n# Day\n\n## Talk\n\n* a <script>document.title='pwned'</script>\n";

fn deck(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("dist/day/talk.html")).expect("deck written")
}

#[test]
fn front_matter_cannot_turn_on_allow_html() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
    std::fs::write(dir.path().join("talks/day.md"), SCRIPT_NOTES).expect("notes");
    let o = run(notedeck(dir.path()).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("day.md:2:1: warning: allow_html is ignored in front matter"),
        "{}",
        o.stderr
    );
    assert!(!deck(dir.path()).contains("'pwned'"));

    // The person running notedeck can grant it: a flag, or notedeck.toml.
    let o = run(notedeck(dir.path()).args(["build", "--allow-html", "talks", "-o", "dist"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(deck(dir.path()).contains("<script>document.title='pwned'</script>"));
    std::fs::write(dir.path().join("notedeck.toml"), "allow_html = true\n").expect("toml");
    std::fs::write(
        dir.path().join("talks/day.md"),
        SCRIPT_NOTES.replace("allow_html: true", "title: Day"),
    )
    .expect("notes");
    let o = run(notedeck(dir.path()).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(deck(dir.path()).contains("<script>document.title='pwned'</script>"));
}

fn two_talks(dir: &Path) {
    std::fs::create_dir_all(dir.join("talks")).expect("mkdir");
    std::fs::write(dir.join("talks/day.md"), "# Day\n\n## A\n\n* a\n").expect("notes");
    std::fs::write(dir.join("talks/two.md"), "# Two\n\n## B\n\n* b\n").expect("notes");
}

#[test]
fn a_failed_or_empty_input_never_empties_a_good_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    two_talks(d);
    std::fs::create_dir(d.join("empty")).expect("mkdir");
    let o = run(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let good = ["dist/index.html", "dist/day/a.html", "dist/two/b.html"];
    let before: Vec<Vec<u8>> = good
        .iter()
        .map(|p| std::fs::read(d.join(p)).expect("built"))
        .collect();
    // A typo, a folder with no notes, only unreadable notes: nothing written.
    std::fs::write(d.join("empty/bad.md"), b"\xff\xfe").expect("bad");
    for input in ["talkz", "empty"] {
        let o = run(notedeck(d).args(["build", input, "-o", "dist"]));
        assert_eq!(o.code, 1, "{input}: {}", o.stderr);
        assert!(o.stderr.contains("nothing written"), "{}", o.stderr);
        for (p, b) in good.iter().zip(&before) {
            assert_eq!(
                &std::fs::read(d.join(p)).expect("kept"),
                b,
                "{input} changed {p}"
            );
        }
    }
    // One file fails: its deck from the last build stays, and is said so.
    std::fs::write(
        d.join("talks/two.md"),
        "---\ntitle: [\n---\n# Two\n\n## B\n\n* b\n",
    )
    .expect("bad");
    let o = Command::cargo_bin("notedeck")
        .expect("binary")
        .current_dir(d)
        .args(["--color", "never", "build", "talks", "-o", "dist"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("Kept 1 page of the last build"), "{stdout}");
    assert_eq!(std::fs::read(d.join(good[2])).expect("kept"), before[2]);
    // Once the file is fixed and gone, its deck is cleaned as usual.
    std::fs::remove_file(d.join("talks/two.md")).expect("rm");
    let o = run(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!d.join(good[2]).exists());
}

/// Each way a build can find nothing to build, on its own: a folder with
/// no `.md` at all, one file of invalid UTF-8, one file of bad front
/// matter. Exit 1, a message naming the input, `dist/` byte for byte.
/// Then invalid UTF-8 in one of two files keeps that file's last deck.
#[test]
fn each_unbuildable_input_alone_leaves_dist_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    two_talks(d);
    let o = run(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let snapshot = || -> Vec<(std::path::PathBuf, Vec<u8>)> {
        walk(&d.join("dist"))
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).expect("read");
                (p, bytes)
            })
            .collect()
    };
    let before = snapshot();
    assert!(before.len() >= 3);

    std::fs::create_dir(d.join("no-notes")).expect("mkdir");
    std::fs::write(d.join("no-notes/readme.txt"), "not notes").expect("txt");
    std::fs::write(d.join("latin1.md"), b"# Caf\xe9\n\n## T\n\n* x\n").expect("latin1");
    std::fs::write(
        d.join("front.md"),
        "---\ntitle: [\n---\n# F\n\n## T\n\n* x\n",
    )
    .expect("fm");
    for (input, says) in [
        (
            "no-notes",
            "no-notes: error: no .md files (nor .markdown, .mdown, .mkd, .qmd) found in this folder",
        ),
        ("latin1.md", "latin1.md:1:1: error: invalid UTF-8 at byte 5"),
        ("front.md", "front.md:2:"),
    ] {
        let o = run(notedeck(d).args(["build", input, "-o", "dist"]));
        assert_eq!(o.code, 1, "{input}: {}", o.stderr);
        assert!(o.stderr.contains(says), "{input}: {}", o.stderr);
        assert!(
            o.stderr.contains("nothing written"),
            "{input}: {}",
            o.stderr
        );
        assert!(snapshot() == before, "{input} changed dist/");
    }

    // One of two files turns to invalid UTF-8: the other builds, its
    // deck stays as it was.
    let kept = std::fs::read(d.join("dist/two/b.html")).expect("deck");
    std::fs::write(d.join("talks/two.md"), b"# Two\n\n## B\n\n* \xff\n").expect("bad");
    std::fs::write(d.join("talks/day.md"), "# Day\n\n## A\n\n* a, edited\n").expect("edit");
    let o = run(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("two.md:5:1: error: invalid UTF-8"),
        "{}",
        o.stderr
    );
    assert_eq!(
        std::fs::read(d.join("dist/two/b.html")).expect("kept"),
        kept
    );
    let day = std::fs::read_to_string(d.join("dist/day/a.html")).expect("day");
    assert!(day.contains("a, edited"));
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(ok.success());
}

/// Like `run`, but a hang fails the test instead of blocking it.
fn run_bounded(c: &mut Command) -> Run {
    run(c.timeout(std::time::Duration::from_secs(30)))
}

#[cfg(unix)]
#[test]
fn inputs_never_leave_the_project_or_block_on_special_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let secret = tempfile::tempdir().expect("outside");
    let key = secret.path().join("id_ed25519");
    std::fs::write(&key, "# KEY\n\n## SECRETKEYTEXT\n\n* SECRETKEYTEXT\n").expect("secret");
    std::fs::create_dir_all(d.join("talks")).expect("mkdir");
    std::fs::write(
        d.join("talks/day.md"),
        "# Day\n\n## A\n\n* a\n\n![p](pipe.png)\n",
    )
    .expect("notes");
    std::os::unix::fs::symlink(&key, d.join("talks/leak.md")).expect("symlink");
    mkfifo(&d.join("talks/fifo.md"));
    mkfifo(&d.join("talks/pipe.png"));
    let o = run_bounded(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("leak.md: error: links to a file outside the input folder; not read"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("fifo.md: error: not a regular file"),
        "{}",
        o.stderr
    );
    assert!(
        // rules' resolver finds only regular files: "not found", never read.
        o.stderr.contains("warning: image 'pipe.png' not found"),
        "{}",
        o.stderr
    );
    assert!(d.join("dist/day/a.html").is_file());
    for page in walk(&d.join("dist")) {
        let text = std::fs::read_to_string(&page).expect("page");
        assert!(
            !text.contains("SECRETKEYTEXT"),
            "{} publishes the key",
            page.display()
        );
    }

    // A theme file linking out of themes/ is refused, not inlined.
    std::fs::create_dir(d.join("themes")).expect("mkdir");
    let css = secret.path().join("passwd.css");
    std::fs::write(&css, "body{} /* SECRETKEYTEXT */").expect("css");
    std::os::unix::fs::symlink(&css, d.join("themes/evil.css")).expect("symlink");
    let o = run_bounded(notedeck(d).args(["build", "talks/day.md", "-o", "dist2"]));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("evil.css: links to a file outside the themes folder"),
        "{}",
        o.stderr
    );
    assert!(!d.join("dist2").exists());
    std::fs::remove_file(d.join("themes/evil.css")).expect("rm");
    // Only .css files in themes/ are read: a FIFO named otherwise is ignored.
    mkfifo(&d.join("themes/notes.txt"));
    let o = run_bounded(notedeck(d).args(["build", "talks/day.md", "-o", "dist2"]));
    assert_eq!(o.code, 0, "{}", o.stderr);

    // A FIFO as the single-file output is refused, not opened.
    mkfifo(&d.join("out.html"));
    let o = run_bounded(notedeck(d).args(["build", "talks/day.md", "--single-file", "out.html"]));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("out.html: exists and was not written by notedeck"),
        "{}",
        o.stderr
    );
}

#[test]
fn an_oversized_notes_file_is_refused_with_its_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::create_dir_all(d.join("talks")).expect("mkdir");
    std::fs::write(d.join("talks/day.md"), "# Day\n\n## A\n\n* a\n").expect("notes");
    let mut big = "# Big\n\n## B\n\n".to_string();
    while big.len() as u64 <= notedeck::source::MAX_NOTES_BYTES {
        big.push_str(&"* word word word word word word word word\n".repeat(1000));
    }
    std::fs::write(d.join("talks/big.md"), big).expect("big");
    let o = run_bounded(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains(
            "big.md: error: larger than the 16 MiB cap; not read \
             (raise it with `max_notes_mib = N` under [build] in notedeck.toml)"
        ),
        "{}",
        o.stderr
    );
    assert!(d.join("dist/day/a.html").is_file());
}

/// `[build] max_notes_mib`, `max_image_mib` and `max_theme_mib` lower or
/// raise the caps; each refusal names the file, the cap and its key.
#[test]
fn size_caps_are_set_in_notedeck_toml() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::create_dir_all(d.join("talks")).expect("mkdir");
    std::fs::create_dir_all(d.join("themes")).expect("mkdir");
    let mut big = "# Big\n\n## B\n\n![chart](chart.png)\n\n".to_string();
    while big.len() < 3 << 19 {
        big.push_str(&"* word word word word word word word word\n".repeat(1000));
    }
    std::fs::write(d.join("talks/big.md"), &big).expect("notes");
    // A PNG signature, then 1.5 MiB of padding.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.resize(3 << 19, 0);
    std::fs::write(d.join("talks/chart.png"), &png).expect("image");
    let mut css = ":root { --nd-accent: #a00; }\n".to_string();
    css.push_str(&"/* padding */\n".repeat(120_000));
    std::fs::write(d.join("themes/wide.css"), &css).expect("theme");

    let config = |notes: u64, image: u64, theme: u64| {
        std::fs::write(
            d.join("notedeck.toml"),
            format!(
                "[build]\nmax_notes_mib = {notes}\nmax_image_mib = {image}\nmax_theme_mib = {theme}\n"
            ),
        )
        .expect("config");
    };
    config(1, 1, 1);
    let o = run_bounded(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains(
            "error: themes/wide.css: larger than the 1 MiB cap; not read \
             (raise it with `max_theme_mib = N` under [build] in notedeck.toml)"
        ),
        "{}",
        o.stderr
    );

    config(1, 1, 2);
    let o = run_bounded(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains(
            "big.md: error: larger than the 1 MiB cap; not read \
             (raise it with `max_notes_mib = N` under [build] in notedeck.toml)"
        ),
        "{}",
        o.stderr
    );

    config(2, 1, 2);
    let o = run_bounded(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains(
            "big.md:5:1: warning: image 'chart.png' is larger than the 1 MiB cap; not read \
             (raise it with `max_image_mib = N` under [build] in notedeck.toml)"
        ),
        "{}",
        o.stderr
    );
    let page = std::fs::read_to_string(d.join("dist/big/b.html")).expect("deck");
    assert!(!page.contains("data:image/png"));

    config(2, 2, 2);
    let o = run_bounded(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!o.stderr.contains("chart.png"), "{}", o.stderr);
    let page = std::fs::read_to_string(d.join("dist/big/b.html")).expect("deck");
    assert!(page.contains("data:image/png;base64,iVBORw0KGgo"));

    // Out of range: a clear config error naming the key.
    std::fs::write(d.join("notedeck.toml"), "[build]\nmax_notes_mib = 0\n").expect("config");
    let o = run_bounded(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("notedeck.toml:2:") && o.stderr.contains("max_notes_mib"),
        "{}",
        o.stderr
    );
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn a_page_edited_by_hand_to_the_same_length_is_repaired() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    two_talks(d);
    let o = run(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let page = d.join("dist/day/a.html");
    let good = std::fs::read(&page).expect("built");
    let mut edited = good.clone();
    let at = edited.len() / 2;
    edited[at] = if edited[at] == b'x' { b'y' } else { b'x' };
    std::fs::write(&page, &edited).expect("edit");
    let o = run(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(std::fs::read(&page).expect("page"), good);
}

/// Front matter nested 100,000 deep is refused before parsing. Counted,
/// not timed: the refusal names the line where the cap was passed, so the
/// parser never saw the rest.
#[test]
fn deeply_nested_front_matter_is_refused_before_parsing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::create_dir_all(d.join("talks")).expect("mkdir");
    let deep = format!(
        "---\ntitle: x'\nk: {}{}\n---\n# D\n\n## A\n\n* a\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    std::fs::write(d.join("talks/deep.md"), deep).expect("notes");
    std::fs::write(d.join("talks/day.md"), "# Day\n\n## A\n\n* a\n").expect("notes");
    let o = run_bounded(notedeck(d).args(["check", "talks"]));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("deep.md:3:1: error: front matter nested deeper than 32 levels"),
        "{}",
        o.stderr
    );
}

/// A second build into a folder being written is refused clearly (the
/// test holds the lock the way a running build does), then proceeds.
#[test]
fn a_second_build_into_a_locked_folder_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    two_talks(d);
    let o = run(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let held = std::fs::File::open(d.join("dist").join(notedeck::output::LOCK)).expect("lock file");
    held.try_lock().expect("lock");
    std::fs::write(d.join("talks/day.md"), "# Day\n\n## A2\n\n* a\n").expect("edit");
    let o = run_bounded(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("dist: another notedeck build is writing this folder"),
        "{}",
        o.stderr
    );
    assert!(!d.join("dist/day/a2.html").exists());
    drop(held);
    let o = run(notedeck(d).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(d.join("dist/day/a2.html").is_file());
}

#[cfg(unix)]
#[test]
fn pdf_refuses_a_fifo_or_a_file_it_did_not_write_before_starting_a_browser() {
    let dir = tempfile::tempdir().expect("tempdir");
    two_talks(dir.path());
    mkfifo(&dir.path().join("fifo.pdf"));
    std::fs::write(dir.path().join("theirs.pdf"), "%PDF-1.4 not ours").expect("write");
    for out in ["fifo.pdf", "theirs.pdf"] {
        // No browser is needed to refuse: a missing one must not be reached.
        let o = run_bounded(notedeck(dir.path()).args([
            "pdf",
            "talks",
            "--browser",
            "/nonexistent/chromium",
            "-o",
            out,
        ]));
        assert_eq!(o.code, 1, "{out}: {}", o.stderr);
        assert!(
            o.stderr.contains(&format!(
                "{out}: exists and was not written by notedeck; refusing to overwrite it"
            )),
            "{}",
            o.stderr
        );
    }
    assert_eq!(
        std::fs::read(dir.path().join("theirs.pdf")).expect("kept"),
        b"%PDF-1.4 not ours"
    );
}

/// Issue #28: two teammates' notes of numbered talks are different talks;
/// only a typo merges, with a warning naming both titles.
#[test]
fn talks_whose_titles_differ_in_a_number_are_never_merged() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
    let titles = |n: &str| {
        format!(
            "# Conf\n\n## Lightning Talks {n}\n\n* a\n\n## Part {n}\n\n* b\n\n\
             ## Keynote Day {n}\n\n* c\n\n## Storm talk {}\n\n* d\n",
            if n == "1" { "99" } else { "9998" }
        )
    };
    std::fs::write(dir.path().join("talks/ann.md"), titles("1")).expect("notes");
    std::fs::write(dir.path().join("talks/bob.md"), titles("2")).expect("notes");
    std::fs::write(
        dir.path().join("talks/cyd.md"),
        "# Conf\n\n## Lightnign Talks 2\n\n* e\n",
    )
    .expect("notes");
    let o = notedeck(dir.path())
        .args(["outline", "talks", "--json"])
        .output()
        .expect("outline");
    assert!(o.status.success(), "{o:?}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let mut decks: Vec<&str> = v["decks"]
        .as_array()
        .expect("decks")
        .iter()
        .filter_map(|d| d["title"].as_str())
        .collect();
    decks.sort_unstable();
    assert_eq!(
        decks,
        [
            "Keynote Day 1",
            "Keynote Day 2",
            "Lightning Talks 1",
            "Lightning Talks 2",
            "Part 1",
            "Part 2",
            "Storm talk 99",
            "Storm talk 9998"
        ]
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    let merged: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("looks like"))
        .collect();
    assert_eq!(merged.len(), 1, "{stderr}");
    assert!(
        merged[0].contains("talk 'Lightnign Talks 2' looks like 'Lightning Talks 2'"),
        "{stderr}"
    );
}

/// Issue #28: a symlink to a file outside the project, renamed over an
/// input again and again while `build` runs, is never read: notes, an
/// image and a theme each open once, with no symlink followed.
#[test]
fn a_symlink_swapped_in_during_builds_never_publishes_an_outside_file() {
    use std::os::unix::fs::symlink;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let dir = tempfile::tempdir().expect("tempdir");
    let outside = tempfile::tempdir().expect("tempdir");
    let talks = dir.path().join("talks");
    std::fs::create_dir_all(talks.join("themes")).expect("mkdir");
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
    let mut secret_png = PNG.to_vec();
    secret_png.extend_from_slice(b"SECRET-IMAGE-BYTES-0123456789");
    let secret_b64 = base64_of(&secret_png);
    std::fs::write(outside.path().join("s.png"), &secret_png).expect("secret");
    std::fs::write(
        outside.path().join("s.md"),
        "# Day\n\n## Leak\n\n* SECRET-NOTES\n",
    )
    .expect("secret");
    std::fs::write(
        outside.path().join("s.css"),
        ":root { } /* SECRET-THEME */\n",
    )
    .expect("secret");
    std::fs::write(
        talks.join("day.md"),
        "---\ntheme: x\n---\n# Day\n\n## Talk\n\n* ![logo](logo.png)\n",
    )
    .expect("notes");
    let targets = [
        ("logo.png", "s.png", PNG.to_vec()),
        ("b.md", "s.md", b"# Day\n\n## Other\n\n* fine\n".to_vec()),
        ("themes/x.css", "s.css", b":root { }\n".to_vec()),
    ];
    for (name, _, good) in &targets {
        std::fs::write(talks.join(name), good).expect("input");
    }
    let stop = Arc::new(AtomicBool::new(false));
    let racer = {
        let (stop, talks, outside) = (stop.clone(), talks.clone(), outside.path().to_path_buf());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                for (name, secret, good) in &targets {
                    let target = talks.join(name);
                    let tmp = target.with_file_name(".swap");
                    let _ = std::fs::remove_file(&tmp);
                    if symlink(outside.join(secret), &tmp).is_ok() {
                        let _ = std::fs::rename(&tmp, &target);
                    }
                    std::thread::yield_now();
                    if std::fs::write(&tmp, good).is_ok() {
                        let _ = std::fs::rename(&tmp, &target);
                    }
                }
            }
        })
    };
    let end = std::time::Instant::now() + std::time::Duration::from_secs(40);
    let mut builds = 0;
    let mut leaks = Vec::new();
    let good_b64 = base64_of(PNG);
    let mut embedded = 0;
    while builds < 300 && std::time::Instant::now() < end {
        let _ = notedeck(dir.path())
            .args(["build", "talks", "-o", "dist"])
            .output()
            .expect("build");
        builds += 1;
        let dist = dir.path().join("dist");
        let pages = if dist.is_dir() {
            walk(&dist)
        } else {
            Vec::new()
        };
        for page in pages {
            let text = std::fs::read_to_string(&page).unwrap_or_default();
            if page.ends_with("day/talk.html") && text.contains(&good_b64) {
                embedded += 1;
            }
            for (what, marker) in [
                ("notes", "SECRET-NOTES"),
                ("theme", "SECRET-THEME"),
                ("image", secret_b64.as_str()),
            ] {
                if text.contains(marker) {
                    leaks.push(format!(
                        "build {builds}: outside {what} in {}",
                        page.display()
                    ));
                }
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    racer.join().expect("racer");
    assert!(builds >= 50, "only {builds} builds");
    // The race ran against builds that did read the real files.
    assert!(
        embedded >= 10,
        "the image was embedded in {embedded} of {builds} builds"
    );
    assert_eq!(leaks, Vec::<String>::new(), "after {builds} builds");
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Issue #28: an `<img>` written inside math is the formula's text, never
/// an image of the page that skipped the image rules.
#[test]
fn an_img_inside_math_never_reaches_the_page_as_an_image() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
    std::fs::write(dir.path().join("y"), "not an image").expect("file");
    std::fs::write(
        dir.path().join("talks/day.md"),
        "# Day\n\n## Talk\n\n* a $\\text{<img src=y>}$ b\n\n* $$\\text{<img src=\"../y\">}$$\n",
    )
    .expect("notes");
    for trust in [&[][..], &["--allow-html"][..]] {
        let o = run(notedeck(dir.path())
            .arg("build")
            .args(trust)
            .args(["talks", "-o", "dist"]));
        assert_eq!(o.code, 0, "{}", o.stderr);
        let page = deck(dir.path());
        let doc = scraper::Html::parse_document(&page);
        let sel = scraper::Selector::parse("img").expect("selector");
        let imgs: Vec<String> = doc.select(&sel).map(|e| e.html()).collect();
        assert_eq!(imgs, Vec::<String>::new(), "{trust:?}");
        assert!(
            page.contains("\\text{&lt;img src=y&gt;}</annotation>"),
            "{trust:?}"
        );
    }
}

/// Issue #28: a text file named `.png` is not embedded as an image; the
/// warning says why, where it is used.
#[test]
fn an_image_is_judged_by_its_bytes_not_its_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
    std::fs::write(dir.path().join("talks/fake.png"), "PRIVATE TEXT\n").expect("file");
    std::fs::write(dir.path().join("talks/real.png"), b"\x89PNG\r\n\x1a\n").expect("file");
    std::fs::write(
        dir.path().join("talks/day.md"),
        "# Day\n\n## Talk\n\n* ![x](fake.png) ![y](real.png)\n",
    )
    .expect("notes");
    let o = run(notedeck(dir.path()).args(["build", "talks", "-o", "dist"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("talks/day.md:5:3: warning: image 'fake.png' is not a png file by its bytes"),
        "{}",
        o.stderr
    );
    let page = deck(dir.path());
    assert_eq!(
        page.matches("data:image/png;base64,").count(),
        1,
        "only real.png"
    );
    assert!(
        !page.contains("UFJJVkFURSBURVhU"),
        "the text file was embedded"
    );
}
