//! `Compiler` held across builds (as `serve` and `--watch` do): a rebuild
//! re-parses only edited files, re-renders only decks that changed, reports
//! exactly the pages that changed, and matches a fresh build byte for byte.

use notedeck::{BuildOptions, Compiler};
use std::path::{Path, PathBuf};

fn user_notes() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("talks/rustconf-2025/day-one.md");
    std::fs::read_to_string(p).expect("user notes")
}

/// Two notes files: the user's notes and a second day made from them.
fn project(dir: &Path) -> (Compiler, PathBuf, PathBuf) {
    let notes = user_notes();
    let a = dir.join("day-one.md");
    let b = dir.join("day-two.md");
    std::fs::write(&a, &notes).expect("write a");
    std::fs::write(&b, notes.replace("# Day One", "# Day Two")).expect("write b");
    let opts = BuildOptions {
        inputs: vec![dir.to_path_buf()],
        ..BuildOptions::default()
    };
    (Compiler::new(opts), a, b)
}

fn fresh(c: &Compiler) -> std::collections::BTreeMap<String, notedeck::Page> {
    Compiler::new(c.opts.clone())
        .build()
        .expect("fresh build")
        .pages
}

#[test]
fn first_build_renders_and_reports_everything() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut c, _, _) = project(dir.path());
    let site = c.build().expect("build");
    assert_eq!(site.stats.files_parsed, 2);
    assert_eq!(site.stats.decks_rendered, 16);
    assert!(site.stats.index_rendered);
    let all: Vec<String> = site.pages.keys().cloned().collect();
    assert_eq!(site.changed, all);
    assert!(site.removed.is_empty());
}

#[test]
fn unchanged_rebuild_does_no_work_and_reports_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut c, _, _) = project(dir.path());
    let first = c.build().expect("build");
    let second = c.build().expect("rebuild");
    assert_eq!(second.stats.files_parsed, 0);
    assert_eq!(second.stats.decks_rendered, 0);
    assert!(!second.stats.index_rendered);
    assert!(second.changed.is_empty(), "{:?}", second.changed);
    assert_eq!(second.pages, first.pages);
}

#[test]
fn one_talk_edit_reparses_one_file_and_rerenders_one_deck() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut c, a, _) = project(dir.path());
    c.build().expect("build");
    let text = std::fs::read_to_string(&a).expect("read");
    // Same line count: no other deck's source lines move.
    std::fs::write(&a, text.replace("* Sponsor RustTLS", "* Sponsor rustls")).expect("edit");
    let site = c.build().expect("rebuild");
    assert_eq!(site.stats.files_parsed, 1);
    // Only the edited talk is laid out again; its file's seven others are reused.
    assert_eq!(site.stats.talks_laid_out, 1);
    assert_eq!(site.stats.decks_rendered, 1);
    assert!(site.stats.index_rendered);
    // The index miniature is the first content slide, which holds this
    // bullet; the recap show holds every talk's slides.
    assert_eq!(
        site.changed,
        [
            "day-one/microsoft-key-note.html",
            "index.html",
            "read.html",
            "recap.html"
        ]
    );
    assert!(site.pages["day-one/microsoft-key-note.html"].contains("Sponsor rustls"));
    assert_eq!(site.pages, fresh(&c));
}

#[test]
fn edits_that_move_lines_rerender_what_moved_and_match_a_fresh_build() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut c, a, b) = project(dir.path());
    let before = c.build().expect("build");
    let text = std::fs::read_to_string(&a).expect("read");
    // A new bullet in the first talk shifts the source lines of the rest.
    std::fs::write(
        &a,
        text.replace("* Sponsor RustTLS\n", "* Sponsor RustTLS\n* New\n"),
    )
    .expect("edit");
    let site = c.build().expect("rebuild");
    assert_eq!(site.stats.files_parsed, 1);
    // Every talk of the file moved: none is reused.
    assert_eq!(site.stats.talks_laid_out, 8);
    assert_eq!(site.pages, fresh(&c));
    for path in &site.changed {
        assert_ne!(before.pages.get(path), site.pages.get(path), "{path}");
    }
    assert!(site.changed.iter().all(|p| !p.starts_with("day-two/")));
    // Dropping a file removes its pages and reports them.
    std::fs::remove_file(&b).expect("rm");
    let site = c.build().expect("rebuild");
    assert_eq!(site.removed.len(), 8, "{:?}", site.removed);
    assert!(site.removed.iter().all(|p| p.starts_with("day-two/")));
    assert_eq!(site.pages, fresh(&c));
}

#[test]
fn renaming_a_talk_moves_its_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut c, a, _) = project(dir.path());
    c.build().expect("build");
    let text = std::fs::read_to_string(&a).expect("read");
    std::fs::write(&a, text.replace("## Solona", "## Solana")).expect("edit");
    let site = c.build().expect("rebuild");
    assert_eq!(site.removed, ["day-one/solona.html"]);
    // Its neighbours link to it by path and title (chained decks).
    assert_eq!(
        site.changed,
        [
            "day-one/carbon.html",
            "day-one/microsoft-key-note.html",
            "day-one/solana.html",
            "index.html",
            "read.html",
            "recap.html"
        ]
    );
    assert_eq!(site.pages, fresh(&c));
}

#[test]
fn rebuilding_the_folder_rewrites_only_the_edited_deck() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("talks");
    std::fs::create_dir_all(&notes).expect("mkdir");
    let a = notes.join("day-one.md");
    std::fs::write(&a, user_notes()).expect("write");
    let out = dir.path().join("dist");
    let opts = BuildOptions {
        inputs: vec![notes.clone()],
        ..BuildOptions::default()
    };
    let first = notedeck::build(&opts, &out).expect("build");
    assert_eq!((first.written.written, first.written.unchanged), (11, 0));
    let untouched = out.join("day-one/rivian.html");
    let before = std::fs::metadata(&untouched)
        .expect("meta")
        .modified()
        .expect("mtime");
    let text = std::fs::read_to_string(&a).expect("read");
    std::fs::write(&a, text.replace("* Sponsor RustTLS", "* Sponsor rustls")).expect("edit");
    let second = notedeck::build(&opts, &out).expect("rebuild");
    // The edited deck, the index miniature, the recap show and the
    // reading copy that hold it.
    assert_eq!((second.written.written, second.written.unchanged), (4, 7));
    let after = std::fs::metadata(&untouched)
        .expect("meta")
        .modified()
        .expect("mtime");
    assert_eq!(before, after);
    let deck = std::fs::read_to_string(out.join("day-one/microsoft-key-note.html")).expect("deck");
    assert!(deck.contains("Sponsor rustls"));
}

#[test]
fn an_image_change_rerenders_only_the_deck_naming_it_with_the_notes_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = "# Day\n\n## With logo\n\n- look ![logo](img/logo.png)\n\n## Without\n\n- plain\n";
    std::fs::create_dir_all(dir.path().join("img")).expect("mkdir");
    let logo = dir.path().join("img/logo.png");
    std::fs::write(&logo, b"\x89PNG one").expect("write");
    std::fs::write(dir.path().join("day.md"), notes).expect("write");
    let mut c = Compiler::new(BuildOptions {
        inputs: vec![dir.path().to_path_buf()],
        ..BuildOptions::default()
    });
    let first = c.build().expect("build");
    assert_eq!(
        first.images,
        vec![std::fs::canonicalize(&logo).expect("canonical")]
    );
    std::fs::write(&logo, b"\x89PNG two, longer").expect("write");
    let site = c.build().expect("rebuild");
    // The notes did not change, but layout reads the image's size.
    assert_eq!(site.stats.files_parsed, 1, "laid out again for the image");
    assert_eq!(
        site.stats.decks_rendered, 1,
        "only the deck naming the image"
    );
    assert!(
        site.changed.contains(&"day/with-logo.html".to_string()),
        "{:?}",
        site.changed
    );
    assert!(!site.changed.contains(&"day/without.html".to_string()));
    assert_eq!(site.pages, fresh(&c));
    std::fs::remove_file(&logo).expect("remove");
    let gone = c.build().expect("rebuild");
    assert_eq!(gone.stats.decks_rendered, 1);
    assert!(gone.pages["day/with-logo.html"].contains("image-missing\" role=\"img\""));
    assert!(gone
        .project
        .findings()
        .iter()
        .any(|d| d.line == 5 && d.message == "image 'img/logo.png' not found"));
    assert_eq!(gone.pages, fresh(&c));
}

/// Three talks; the second has a paragraph too long for a slide (a
/// layout warning), the third uses a link defined at the end of the file.
fn three_talks(last: &str, link: &str) -> String {
    let long = vec!["word"; 1500].join(" ");
    format!(
        "# Day\n\n## One\n\n- a\n- b\n\n## Two\n\n{long}\n\n## Three\n\n- {last}\n- see [the docs][d]\n\n[d]: {link}\n"
    )
}

#[test]
fn a_save_relays_only_the_talks_it_changed_and_keeps_the_others_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("day.md");
    std::fs::write(&notes, three_talks("first", "https://a.example/")).expect("write");
    let opts = BuildOptions {
        inputs: vec![dir.path().to_path_buf()],
        ..BuildOptions::default()
    };
    let mut c = Compiler::new(opts);
    let first = c.build().expect("build");
    assert_eq!(first.stats.talks_laid_out, 3);
    let warned = |site: &notedeck::Site| {
        site.project
            .findings()
            .iter()
            .map(|d| d.to_string())
            .filter(|d| d.contains("too long"))
            .collect::<Vec<_>>()
    };
    assert_eq!(warned(&first).len(), 1, "{:?}", first.project.findings());

    // Same line count, last talk edited: talks one and two are reused,
    // and talk two's layout warning is still reported, once.
    std::fs::write(&notes, three_talks("second", "https://a.example/")).expect("edit");
    let site = c.build().expect("rebuild");
    assert_eq!(site.stats.files_parsed, 1);
    assert_eq!(site.stats.talks_laid_out, 1);
    assert_eq!(
        site.changed.first().map(String::as_str),
        Some("day/three.html")
    );
    assert_eq!(warned(&site), warned(&first));
    let mut again = Compiler::new(c.opts.clone());
    let fresh_site = again.build().expect("fresh");
    assert_eq!(site.pages, fresh_site.pages);
    assert_eq!(site.project.findings(), fresh_site.project.findings());

    // A link definition outside the talk changes what the talk parses
    // to: that talk is laid out again, not reused from its old text.
    std::fs::write(&notes, three_talks("second", "https://b.example/")).expect("edit");
    let site = c.build().expect("rebuild");
    assert_eq!(site.stats.talks_laid_out, 1);
    assert!(site.pages["day/three.html"].contains("https://b.example/"));
    assert_eq!(site.pages, fresh(&c));

    // Other settings in front matter (same line count): every talk is
    // laid out again, none reused across settings.
    let with = |theme: &str| {
        format!(
            "---\ntheme: {theme}\n---\n{}",
            three_talks("second", "https://b.example/")
        )
    };
    std::fs::write(&notes, with("light")).expect("edit");
    c.build().expect("rebuild");
    std::fs::write(&notes, with("dark")).expect("edit");
    let site = c.build().expect("rebuild");
    assert_eq!(site.stats.talks_laid_out, 3);
    assert_eq!(site.pages, fresh(&c));
}

#[test]
fn the_served_index_version_changes_exactly_when_the_index_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("day.md");
    let talk = |first: &str, second: &str| {
        format!(
            "# Day\n\n## Talk\n\n### A\n\n- {first}\n\n### B\n\n- {second}\n\n## Other\n\n- x\n"
        )
    };
    std::fs::write(&notes, talk("one", "two")).expect("write");
    let opts = BuildOptions {
        inputs: vec![dir.path().to_path_buf()],
        live: true,
        ..BuildOptions::default()
    };
    let mut c = Compiler::new(opts);
    let first = c.build().expect("build");
    let version = |s: &notedeck::Site| s.digests["index.html"].version.clone();
    let v0 = version(&first);
    assert_eq!(v0.len(), 16);
    // A later slide: the deck changes, the index (its miniature is the
    // first content slide) does not, and neither does its version.
    std::fs::write(&notes, talk("one", "three")).expect("edit");
    let site = c.build().expect("rebuild");
    assert_eq!(site.stats.decks_rendered, 1);
    assert!(!site.changed.contains(&"index.html".to_string()));
    assert_eq!(version(&site), v0);
    // The miniature's slide: both change.
    std::fs::write(&notes, talk("four", "three")).expect("edit");
    let site = c.build().expect("rebuild");
    assert!(site.changed.contains(&"index.html".to_string()));
    assert!(site.pages["index.html"].contains("four"));
    assert_ne!(version(&site), v0);
    // And it is the version a fresh server gives the same index.
    let again = Compiler::new(c.opts.clone()).build().expect("fresh");
    assert_eq!(version(&again), version(&site));
    assert_eq!(again.pages, site.pages);
}

/// Every page and finding a fresh session makes of the files as they are.
fn fresh_session(
    opts: &BuildOptions,
) -> (
    std::collections::BTreeMap<String, notedeck::Page>,
    Vec<notedeck::Diagnostic>,
) {
    let mut s = notedeck::compile::session::Session::new(Compiler::new(opts.clone()));
    s.rebuild();
    (s.pages, s.warnings)
}

/// Waits for the index and show rendered aside.
fn take_aside(s: &mut notedeck::compile::session::Session) {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while s.rendering() {
        assert!(
            std::time::Instant::now() < end,
            "the aside render never ended"
        );
        if s.finished().is_none() {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }
}

#[test]
fn saves_through_a_session_match_a_fresh_build_after_every_edit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (c, a, b) = project(dir.path());
    let opts = c.opts.clone();
    let mut s = notedeck::compile::session::Session::new(c);
    s.rebuild();
    let notes = user_notes();
    // Edits the talk finder reads across the file: a talk's heading that
    // now names a day (a new group), a talk split in two, a section that
    // becomes a speaker line, lines moved, a heading renamed and back,
    // a duplicate title, and the file as it was.
    let edits: Vec<(&PathBuf, String)> = vec![
        (&a, notes.replace("## Carbon", "## Day 2")),
        (&a, notes.replace("## Carbon", "## Carbon\n\n### Jane Doe")),
        (
            &a,
            notes.replace(
                "## Rivian",
                "## Rivian\n\n- new first\n\n## Rivian, part two",
            ),
        ),
        (&b, notes.replace("# Day One", "# Day Two\n\n## Solona")),
        (&a, notes.replace("## Solona", "## Day One")),
        (&a, notes.replace("## Solona", "## Solana")),
        (&a, notes.clone()),
        (&a, format!("{notes}\n- appended\n")),
        // Slugs given again from where they differ (the last build's are
        // replayed up to there): the second file's talks joining the
        // first's decks, a title taken twice (a later slug moves to
        // `-2`), and apart again.
        (&b, notes.clone()),
        (&a, notes.replace("## Rivian", "## Carbon")),
        (&a, notes.clone()),
        (&b, notes.replace("# Day One", "# Day Two")),
    ];
    for (i, (path, text)) in edits.into_iter().enumerate() {
        std::fs::write(path, &text).expect("edit");
        s.rebuild_decks();
        match i % 3 {
            // As `serve` does once saves pause.
            0 => {
                assert!(s.finish_aside());
                take_aside(&mut s);
            }
            // A save while the index and show render aside: the last
            // build's come after.
            1 => {
                assert!(s.finish_aside());
                std::fs::write(path, format!("{text}\n- while rendering\n")).expect("edit");
                s.rebuild_decks();
                take_aside(&mut s);
                assert!(s.unfinished());
                s.finish();
            }
            _ => {
                s.finish();
            }
        }
        assert!(!s.unfinished() && !s.rendering());
        let (pages, warnings) = fresh_session(&opts);
        assert_eq!(
            s.pages.keys().collect::<Vec<_>>(),
            pages.keys().collect::<Vec<_>>(),
            "edit {i}"
        );
        for (k, v) in &pages {
            assert!(s.pages[k] == *v, "edit {i}: {k} differs from a fresh build");
        }
        assert_eq!(s.warnings, warnings, "edit {i}");
    }
}
