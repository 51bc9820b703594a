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
    assert_eq!(site.stats.decks_rendered, 1);
    assert!(site.stats.index_rendered);
    // The index miniature is the first content slide, which holds this
    // bullet; the recap show holds every talk's slides.
    assert_eq!(
        site.changed,
        [
            "day-one/microsoft-key-note.html",
            "index.html",
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
    assert_eq!((first.written.written, first.written.unchanged), (10, 0));
    let untouched = out.join("day-one/rivian.html");
    let before = std::fs::metadata(&untouched)
        .expect("meta")
        .modified()
        .expect("mtime");
    let text = std::fs::read_to_string(&a).expect("read");
    std::fs::write(&a, text.replace("* Sponsor RustTLS", "* Sponsor rustls")).expect("edit");
    let second = notedeck::build(&opts, &out).expect("rebuild");
    // The edited deck, the index miniature and the recap show that hold it.
    assert_eq!((second.written.written, second.written.unchanged), (3, 7));
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
