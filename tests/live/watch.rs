//! `build --watch` (and `serve`) under filesystem faults: the final output
//! always matches the final notes, nothing loops, the process stays up.

use crate::common;

use common::*;
use std::path::Path;
use std::time::{Duration, Instant};

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
    std::fs::write(dir.path().join("talks/day-one.md"), notes("dates")).expect("write");
    dir
}

fn watch(dir: &Path, out: &str) -> Proc {
    let mut p = Proc::spawn(dir, &["build", "talks", "-o", out, "--watch"]);
    assert!(
        p.wait_for("watching", Duration::from_secs(20)).is_some(),
        "{:?}",
        p.seen
    );
    p
}

/// Waits (bounded) until `file` exists and contains `text`.
fn wait_content(file: &Path, text: &str) -> bool {
    let end = Instant::now() + Duration::from_secs(15);
    while Instant::now() < end {
        if std::fs::read_to_string(file).is_ok_and(|s| s.contains(text)) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    false
}

fn wait_gone(file: &Path) -> bool {
    let end = Instant::now() + Duration::from_secs(15);
    while Instant::now() < end {
        if !file.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    false
}

fn rebuilds(lines: &[String]) -> usize {
    lines.iter().filter(|l| l.starts_with("rebuilt")).count()
}

#[test]
fn output_inside_the_input_folder_causes_no_rebuild_loop() {
    let dir = project();
    let mut p = watch(dir.path(), "talks/out");
    assert!(
        p.collect(Duration::from_millis(600)).is_empty(),
        "{:?}",
        p.seen
    );
    std::fs::write(dir.path().join("talks/day-one.md"), notes("one save")).expect("write");
    let deck = dir.path().join("talks/out").join(DECK);
    assert!(wait_content(&deck, "one save"));
    let mut lines = p.seen.clone();
    lines.extend(p.collect(Duration::from_millis(1500)));
    assert_eq!(rebuilds(&lines), 1, "{lines:?}");
}

#[test]
fn editor_junk_triggers_nothing() {
    let dir = project();
    let mut p = watch(dir.path(), "dist");
    let t = dir.path().join("talks");
    for junk in [
        ".day-one.md.swp",
        "day-one.md~",
        "#day-one.md#",
        ".#day-one.md",
        "day-one.md.bak",
        "4913",
        "day-one.md___jb_tmp___",
        ".DS_Store",
    ] {
        std::fs::write(t.join(junk), "x").expect("write junk");
        std::fs::remove_file(t.join(junk)).expect("rm junk");
    }
    let lines = p.collect(Duration::from_millis(800));
    assert_eq!(rebuilds(&lines), 0, "{lines:?}");
    // A JetBrains-style safe write rebuilds once.
    let path = t.join("day-one.md");
    std::fs::write(t.join("day-one.md___jb_tmp___"), notes("jetbrains")).expect("tmp");
    std::fs::rename(&path, t.join("day-one.md___jb_old___")).expect("old");
    std::fs::rename(t.join("day-one.md___jb_tmp___"), &path).expect("tmp→md");
    std::fs::remove_file(t.join("day-one.md___jb_old___")).expect("rm old");
    assert!(wait_content(
        &dir.path().join("dist").join(DECK),
        "jetbrains"
    ));
    let lines = p.collect(Duration::from_millis(800));
    assert!(rebuilds(&p.seen) <= 2, "{:?}", p.seen);
    assert!(!lines.iter().any(|l| l.contains("error")), "{lines:?}");
}

#[test]
fn five_hundred_rapid_saves_end_with_the_final_notes() {
    let dir = project();
    let mut p = watch(dir.path(), "dist");
    let path = dir.path().join("talks/day-one.md");
    for i in 0..500 {
        if i % 2 == 0 {
            std::fs::write(&path, notes(&format!("save number {i}"))).expect("write");
        } else {
            save_atomic(&path, notes(&format!("save number {i}")).as_bytes());
        }
    }
    let deck = dir.path().join("dist").join(DECK);
    assert!(
        wait_content(&deck, "save number 499"),
        "{:?}",
        p.collect(Duration::ZERO)
    );
    p.collect(Duration::from_millis(500));
    // Byte for byte what a fresh build of the final notes gives.
    let fresh = dir.path().join("fresh");
    let st = std::process::Command::new(env!("CARGO_BIN_EXE_notedeck"))
        .current_dir(dir.path())
        .args(["build", "talks", "-o", "fresh"])
        .stdout(std::process::Stdio::null())
        .status()
        .expect("build");
    assert!(st.success());
    for page in [DECK, "index.html", "day-one/beta-talk.html"] {
        assert_eq!(
            std::fs::read(dir.path().join("dist").join(page)).expect("watched"),
            std::fs::read(fresh.join(page)).expect("fresh"),
            "{page}"
        );
    }
    assert!(rebuilds(&p.seen) < 500, "bursts were not debounced");
}

#[test]
fn deleted_recreated_and_replaced_inputs_recover() {
    let dir = project();
    let mut p = watch(dir.path(), "dist");
    let t = dir.path().join("talks");
    let dist = dir.path().join("dist");
    // A second file comes and goes.
    std::fs::write(t.join("day-two.md"), "# Day Two\n\n## Gamma\n\n- g\n").expect("write");
    assert!(wait_content(&dist.join("day-two/gamma.html"), "Gamma"));
    std::fs::remove_file(t.join("day-two.md")).expect("rm");
    assert!(wait_gone(&dist.join("day-two/gamma.html")));
    // A new nested folder, created and filled in one go.
    std::fs::create_dir_all(t.join("2025/deep")).expect("mkdir -p");
    std::fs::write(
        t.join("2025/deep/day-three.md"),
        "# Day Three\n\n## Delta\n\n- d\n",
    )
    .expect("write");
    assert!(wait_content(&dist.join("day-three/delta.html"), "Delta"));
    // The notes file replaced by a folder: reported, then recovered.
    std::fs::remove_file(t.join("day-one.md")).expect("rm");
    std::fs::create_dir(t.join("day-one.md")).expect("dir");
    assert!(wait_gone(&dist.join(DECK)));
    std::fs::remove_dir(t.join("day-one.md")).expect("rmdir");
    std::fs::write(t.join("day-one.md"), notes("back again")).expect("write");
    assert!(wait_content(&dist.join(DECK), "back again"));
    // The whole input folder deleted: reported, the watch survives, and
    // recreating it rebuilds.
    std::fs::remove_dir_all(&t).expect("rm -rf");
    assert!(
        p.wait_for("talks: error: no such file", Duration::from_secs(10))
            .is_some(),
        "{:?}",
        p.seen
    );
    assert!(p.alive());
    std::fs::create_dir(&t).expect("mkdir");
    std::fs::write(t.join("day-one.md"), notes("folder recreated")).expect("write");
    assert!(
        wait_content(&dist.join(DECK), "folder recreated"),
        "{:?}",
        p.collect(Duration::ZERO)
    );
    assert!(p.alive());
}

#[test]
fn the_server_survives_its_input_folder_being_deleted() {
    let s = Served::start();
    let t = s.dir.path().join("talks");
    let mut ev = s.events();
    std::fs::remove_dir_all(&t).expect("rm -rf");
    assert!(
        ev.wait_for("no such file", Duration::from_secs(10)),
        "{}",
        ev.text
    );
    // Last good pages still served.
    assert!(s.get(&format!("/{DECK}")).body.contains("dates"));
    ev.text.clear();
    std::fs::create_dir(&t).expect("mkdir");
    std::fs::write(t.join("day-one.md"), notes("recreated")).expect("write");
    let end = Instant::now() + Duration::from_secs(15);
    while !s.get(&format!("/{DECK}")).body.contains("recreated") {
        assert!(Instant::now() < end, "not recovered");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        ev.wait_for("\"errors\":[]", Duration::from_secs(10)),
        "{}",
        ev.text
    );
}

#[test]
fn ctrl_c_ends_serve_and_watch_cleanly() {
    let mut s = Served::start();
    let _ev = s.events();
    let mut w = watch(s.dir.path(), "dist");
    for p in [&mut s.proc, &mut w] {
        let st = std::process::Command::new("kill")
            .args(["-INT", &p.pid().to_string()])
            .status()
            .expect("kill");
        assert!(st.success());
        let end = Instant::now() + Duration::from_secs(10);
        let code = loop {
            if let Ok(Some(st)) = p.child.try_wait() {
                break st.code();
            }
            assert!(Instant::now() < end, "still running after Ctrl-C");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(code, Some(0));
    }
}

#[test]
fn polling_picks_up_saves_and_says_so() {
    let dir = project();
    let mut p = Proc::spawn(
        dir.path(),
        &["build", "talks", "-o", "dist", "--watch", "--poll", "100"],
    );
    let line = p
        .wait_for("watching", Duration::from_secs(20))
        .unwrap_or_else(|| panic!("{:?}", p.seen));
    assert!(line.contains("polling every 100 ms"), "{line}");
    let deck = dir.path().join("dist").join(DECK);
    // Polling compares modification times: let the clock move past the build.
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(dir.path().join("talks/day-one.md"), notes("polled save")).expect("write");
    assert!(wait_content(&deck, "polled save"), "{:?}", p.seen);
    // A new file in the folder is found by the scan too.
    std::fs::write(
        dir.path().join("talks/day-two.md"),
        "# Day Two\n\n## Gamma Talk\n\n- item\n",
    )
    .expect("write");
    // (Its deck's name is the talk finder's business: the show has it.)
    assert!(wait_content(
        &dir.path().join("dist/recap.html"),
        "Gamma Talk"
    ));
}

/// Issue #28: a `themes/` folder created while `serve` runs is watched: a
/// theme added there, then edited, reaches the served page each time.
#[test]
fn a_themes_folder_created_while_serving_is_watched() {
    let s = Served::start();
    let themes = s.dir.path().join("themes");
    let served_has = |what: &str| {
        let end = Instant::now() + Duration::from_secs(15);
        while !s.get(&format!("/{DECK}")).body.contains(what) {
            if Instant::now() > end {
                return false;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        true
    };
    std::thread::sleep(Duration::from_millis(300));
    std::fs::create_dir(&themes).expect("mkdir");
    // Named like the built-in the deck uses: it changes that theme.
    std::fs::write(
        themes.join("light.css"),
        ":root { --nd-accent: #0b5a2a; }\n",
    )
    .expect("theme");
    assert!(
        served_has("#0b5a2a"),
        "the new theme never reached the page"
    );
    std::fs::write(
        themes.join("light.css"),
        ":root { --nd-accent: #6a1b9a; }\n",
    )
    .expect("theme");
    assert!(
        served_has("#6a1b9a"),
        "the theme's edit never reached the page"
    );
}
