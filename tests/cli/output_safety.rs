//! Output safety (reliability checklist §5, O1–O8): dangerous output
//! folders are refused with nothing written, only manifest-listed files
//! are deleted, every write is atomic, an interrupted build leaves the
//! previous decks intact, and names from notes stay inside the folder.

use assert_cmd::Command;
use notedeck::output::{self, MANIFEST};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file under `dir` (not following symlinks) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            let t = e.file_type().expect("file type");
            if t.is_dir() {
                stack.push(p.clone());
                out.insert(p, b"<dir>".to_vec());
            } else if t.is_symlink() {
                let target = std::fs::read_link(&p).expect("link");
                out.insert(p, target.to_string_lossy().as_bytes().to_vec());
            } else {
                out.insert(p.clone(), std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let talks = dir.path().join("talks");
        std::fs::create_dir_all(&talks).expect("mkdir");
        std::fs::write(
            talks.join("day.md"),
            "# Day\n\n## Alpha\n\n* a\n\n## Beta\n\n* b\n",
        )
        .expect("notes");
        Fixture { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn talks(&self) -> PathBuf {
        self.root().join("talks")
    }

    /// `notedeck build ARGS` in the fixture folder, with HOME set to `home`.
    fn build(&self, args: &[&str]) -> std::process::Output {
        Command::cargo_bin("notedeck")
            .expect("binary")
            .current_dir(self.root())
            .env("HOME", self.root().join("home"))
            .arg("build")
            .args(args)
            .output()
            .expect("run")
    }

    /// Asserts the build is refused with an error naming `why`, and that
    /// nothing under the fixture changed.
    fn refused(&self, args: &[&str], why: &str) {
        let before = snapshot(self.root());
        let out = self.build(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("error:") && stderr.contains(why),
            "{args:?}: {stderr}"
        );
        assert_eq!(before, snapshot(self.root()), "{args:?} changed files");
    }
}

#[test]
fn refuses_the_input_folder_itself() {
    let f = Fixture::new();
    f.refused(&["talks", "-o", "talks"], "is the input folder");
    f.refused(&["talks", "-o", "./talks/"], "is the input folder");
    let abs = f.talks().to_string_lossy().into_owned();
    f.refused(&["talks", "-o", &abs], "is the input folder");
}

#[test]
fn refuses_an_ancestor_of_the_input() {
    let f = Fixture::new();
    f.refused(&["talks", "-o", "."], "contains the input");
    let nested = f.talks().join("sub");
    std::fs::create_dir_all(&nested).expect("mkdir");
    std::fs::write(nested.join("x.md"), "## X\n\n* x\n").expect("write");
    f.refused(&["talks/sub", "-o", "talks"], "contains the input");
}

#[test]
fn refuses_a_folder_holding_an_input_file() {
    let f = Fixture::new();
    // Even one carrying a manifest: the notes file inside must not be hit.
    let dist = f.root().join("dist");
    std::fs::create_dir_all(&dist).expect("mkdir");
    std::fs::write(dist.join(MANIFEST), "").expect("manifest");
    std::fs::write(dist.join("extra.md"), "## Extra\n\n* e\n").expect("notes");
    f.refused(
        &["talks", "dist/extra.md", "-o", "dist"],
        "contains the input",
    );
}

#[test]
fn refuses_home_and_root() {
    let f = Fixture::new();
    std::fs::create_dir_all(f.root().join("home")).expect("home");
    f.refused(&["talks", "-o", "home"], "home folder");
    f.refused(&["talks", "-o", "/"], "contains the input");
}

#[test]
fn refuses_a_symlink_to_the_input() {
    let f = Fixture::new();
    std::os::unix::fs::symlink(f.talks(), f.root().join("link")).expect("symlink");
    f.refused(&["talks", "-o", "link"], "is the input folder");
}

#[test]
fn refuses_a_non_empty_folder_it_did_not_create() {
    let f = Fixture::new();
    let mine = f.root().join("mine");
    std::fs::create_dir_all(&mine).expect("mkdir");
    std::fs::write(mine.join("thesis.tex"), "precious").expect("write");
    f.refused(&["talks", "-o", "mine"], "not made by notedeck");
}

#[test]
fn a_sibling_sharing_a_prefix_is_allowed() {
    let f = Fixture::new();
    std::fs::rename(f.talks(), f.root().join("deck-src")).expect("rename");
    let out = f.build(&["deck-src", "-o", "deck"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(f.root().join("deck/day/alpha.html").is_file());
}

#[test]
fn relative_dotted_and_absolute_output_paths_are_one_folder() {
    let f = Fixture::new();
    let abs = f.root().join("out").to_string_lossy().into_owned();
    let mut results = Vec::new();
    for o in ["out", "./out/", abs.as_str()] {
        let out = f.build(&["talks", "-o", o]);
        assert!(
            out.status.success(),
            "{o}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        results.push(snapshot(&f.root().join("out")));
    }
    assert!(results.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn rebuild_deletes_only_manifest_listed_files() {
    let f = Fixture::new();
    assert!(f.build(&["talks", "-o", "dist"]).status.success());
    let dist = f.root().join("dist");
    // The user's own files, a git checkout, and a tampered manifest that
    // names files outside and inside a dot-folder.
    std::fs::write(dist.join("notes.txt"), "mine").expect("write");
    std::fs::write(dist.join("CNAME"), "example.org").expect("write");
    std::fs::write(dist.join("day/user.css"), "x").expect("write");
    std::fs::create_dir_all(dist.join(".git")).expect("mkdir");
    std::fs::write(dist.join(".git/config"), "[core]").expect("write");
    std::fs::write(dist.join(".gitignore"), "*").expect("write");
    std::fs::write(f.root().join("victim.txt"), "outside").expect("write");
    let mut manifest = std::fs::read_to_string(dist.join(MANIFEST)).expect("manifest");
    manifest.push_str(".git/config\n.gitignore\n../victim.txt\n/etc/hostname\n");
    std::fs::write(dist.join(MANIFEST), manifest).expect("write");
    // Beta is gone from the notes: its deck is stale.
    std::fs::write(f.talks().join("day.md"), "# Day\n\n## Alpha\n\n* a\n").expect("notes");
    let out = f.build(&["talks", "-o", "dist"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dist.join("day/beta.html").exists(), "stale deck kept");
    assert!(dist.join("day/alpha.html").is_file());
    for kept in [
        "notes.txt",
        "CNAME",
        "day/user.css",
        ".git/config",
        ".gitignore",
    ] {
        assert!(dist.join(kept).is_file(), "{kept} deleted");
    }
    assert!(f.root().join("victim.txt").is_file());
    let manifest = std::fs::read_to_string(dist.join(MANIFEST)).expect("manifest");
    let listed: Vec<&str> = manifest
        .lines()
        .map(|l| l.split('\t').next().unwrap_or(l))
        .collect();
    assert_eq!(
        listed,
        ["day/alpha.html", "index.html", "read.html", "recap.html"]
    );
}

#[test]
fn writes_are_atomic_and_leftover_temp_files_are_cleaned() {
    let f = Fixture::new();
    assert!(f.build(&["talks", "-o", "dist"]).status.success());
    let dist = f.root().join("dist");
    // What `kill -9` mid-write leaves: our temp files (with a dead pid),
    // next to look-alikes that are not ours.
    let dead = "4000000000";
    let ours = [
        format!("day/.alpha.html.tmp-{dead}"),
        format!(".index.html.tmp-{dead}"),
        format!(".{MANIFEST}.tmp-{dead}"),
    ];
    let not_ours = [
        format!(".notes.txt.tmp-{dead}"),
        ".index.html.tmp-draft".to_string(),
        "index.html.tmp-1".to_string(),
    ];
    for p in ours.iter().chain(&not_ours) {
        std::fs::write(dist.join(p), "half a deck").expect("write");
    }
    let out = f.build(&["talks", "-o", "dist"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for p in &ours {
        assert!(!dist.join(p).exists(), "{p} left behind");
    }
    for p in &not_ours {
        assert!(dist.join(p).exists(), "{p} deleted");
    }
    // Every page is whole.
    for (path, bytes) in snapshot(&dist) {
        if path.extension().is_some_and(|e| e == "html") {
            let text = String::from_utf8(bytes).expect("utf-8");
            assert!(text.trim_end().ends_with("</html>"), "{}", path.display());
        }
    }
}

#[test]
fn write_atomic_never_shows_a_partial_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("deck.html");
    let small = "<html>old</html>".to_string();
    let big = format!("<html>{}</html>", "x".repeat(4 << 20));
    output::write_atomic(&path, small.as_bytes()).expect("write");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (path, stop) = (path.clone(), stop.clone());
        let (small, big) = (small.clone(), big.clone());
        std::thread::spawn(move || {
            let mut reads = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let got = std::fs::read_to_string(&path).expect("always readable");
                assert!(
                    got == small || got == big,
                    "partial read of {} bytes",
                    got.len()
                );
                reads += 1;
            }
            reads
        })
    };
    for i in 0..40 {
        let body = if i % 2 == 0 { &big } else { &small };
        output::write_atomic(&path, body.as_bytes()).expect("write");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(reader.join().expect("reader") > 0);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["deck.html"], "temp files left");
}

#[test]
fn an_interrupted_build_leaves_the_previous_decks_intact() {
    let f = Fixture::new();
    assert!(f.build(&["talks", "-o", "dist"]).status.success());
    let dist = f.root().join("dist");
    let v1 = snapshot(&dist);
    // The new notes add a deck whose file the build cannot write (a
    // folder is in the way), after it has already rewritten others.
    std::fs::write(
        f.talks().join("day.md"),
        "# Day\n\n## Alpha\n\n* a2\n\n## Beta\n\n* b2\n\n## Gamma\n\n* g\n",
    )
    .expect("notes");
    std::fs::create_dir_all(dist.join("day/gamma.html")).expect("blocker");
    let out = f.build(&["talks", "-o", "dist"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("gamma.html"), "{stderr}");
    // Each old deck is either the complete old or the complete new one.
    for (path, old) in &v1 {
        if path.extension().is_some_and(|e| e == "html") {
            let now = std::fs::read_to_string(path).expect("deck still there");
            assert!(now.trim_end().ends_with("</html>"), "{}", path.display());
            let old = String::from_utf8_lossy(old);
            assert!(now == old || now.contains("a2") || now.contains("b2"));
        }
    }
    let leftovers: Vec<_> = snapshot(&dist)
        .into_keys()
        .filter(|p| p.to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The manifest already names the new deck, so a later build may
    // clean it; nothing it wrote is forgotten.
    let manifest = std::fs::read_to_string(dist.join(MANIFEST)).expect("manifest");
    assert!(manifest.contains("day/gamma.html"), "{manifest}");
    // Once the obstacle is gone, the build completes.
    std::fs::remove_dir(dist.join("day/gamma.html")).expect("rmdir");
    let out = f.build(&["talks", "-o", "dist"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let gamma = std::fs::read_to_string(dist.join("day/gamma.html")).expect("gamma");
    assert!(gamma.contains(">g<"));
}

#[test]
fn a_symlinked_subfolder_cannot_redirect_writes_or_deletes() {
    let f = Fixture::new();
    assert!(f.build(&["talks", "-o", "dist"]).status.success());
    let dist = f.root().join("dist");
    let elsewhere = f.root().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    std::fs::write(elsewhere.join("beta.html"), "not a deck").expect("write");
    std::fs::remove_dir_all(dist.join("day")).expect("rm");
    std::os::unix::fs::symlink(&elsewhere, dist.join("day")).expect("symlink");
    let before = snapshot(&elsewhere);
    let out = f.build(&["talks", "-o", "dist"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("outside the output folder"), "{stderr}");
    assert_eq!(before, snapshot(&elsewhere));
}

#[test]
fn names_from_notes_stay_inside_the_output_folder() {
    let f = Fixture::new();
    let long = "x".repeat(300);
    let notes = format!(
        "# ../../up\n\n## ../../evil\n\n* a\n\n## CON\n\n* b\n\n## nul\0byte\n\n* c\n\n\
         ## {long}\n\n* d\n\n## /etc/passwd\n\n* e\n\n## C:\\x\n\n* f\n\n## ..\n\n* g\n"
    );
    std::fs::write(f.talks().join("day.md"), notes).expect("notes");
    let out = f.build(&["talks", "-o", "dist"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dist = std::fs::canonicalize(f.root().join("dist")).expect("dist");
    let files: Vec<PathBuf> = snapshot(&dist).into_keys().collect();
    // 7 decks + index + recap show + reading copy (+ the manifest), the decks in one group folder.
    let html: Vec<&PathBuf> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert_eq!(html.len(), 10, "{files:?}");
    for p in &files {
        let canon = std::fs::canonicalize(p).expect("canonical");
        assert!(canon.starts_with(&dist), "{}", p.display());
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        assert!(name.len() <= 70, "{name}");
        assert!(!name.contains('\0') && !name.contains('\\'), "{name:?}");
        let stem = name.trim_end_matches(".html").to_ascii_lowercase();
        assert!(
            !["con", "nul", "prn", "aux"].contains(&stem.as_str()),
            "{name}"
        );
    }
    // Nothing appeared next to the fixture.
    let mut top: Vec<String> = std::fs::read_dir(f.root())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["dist", "talks"]);
}
