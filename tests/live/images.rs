//! Images outside the notes folder (`../assets/logo.png`, inside the
//! project) are dependencies: `build --watch` and `serve` re-embed them
//! when they change, are renamed over or deleted, with the notes untouched.

use crate::common;

use base64::Engine as _;
use common::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// The deck's slide 5 shows `../assets/logo.png` (the notes are in talks/).
pub fn project_with_logo(logo: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("talks")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("assets")).expect("mkdir");
    std::fs::write(dir.path().join("assets/logo.png"), logo).expect("write");
    std::fs::write(
        dir.path().join("talks/day-one.md"),
        notes("logo ![the logo](../assets/logo.png)"),
    )
    .expect("write");
    dir
}

/// The `data:` URI a deck embeds for these bytes.
pub fn data_uri(bytes: &[u8]) -> String {
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// Replaces a file by renaming a new one over it (what image editors do).
pub fn rename_over(path: &Path, bytes: &[u8]) {
    let tmp = path.with_file_name(".logo.png.new");
    std::fs::write(&tmp, bytes).expect("write");
    std::fs::rename(&tmp, path).expect("rename");
}

/// Waits (bounded) until `read()` holds `text`; the last thing read.
fn wait_for_text(read: impl Fn() -> String, text: &str) -> (bool, String) {
    let end = Instant::now() + Duration::from_secs(15);
    let mut last = String::new();
    while Instant::now() < end {
        last = read();
        if last.contains(text) {
            return (true, last);
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    (false, last)
}

const MISSING: &str = "image '../assets/logo.png' not found";
/// The missing-image placeholder of slide 5 (the CSS names the class too).
pub const PLACEHOLDER: &str =
    "<span class=\"image-missing\" role=\"img\" aria-label=\"the logo\">image '../assets/logo.png' not found";

/// Edits the image in place, renames a new one over it, deletes it and
/// brings it back, checking `read()` (the deck) after each.
fn follow_the_image(dir: &Path, read: impl Fn() -> String, p: &mut Proc) {
    let logo = dir.join("assets/logo.png");
    let (ok, html) = wait_for_text(&read, &data_uri(b"\x89PNG one"));
    assert!(ok, "first build does not embed the logo: {:.300}", html);

    std::fs::write(&logo, b"\x89PNG two").expect("write");
    let (ok, html) = wait_for_text(&read, &data_uri(b"\x89PNG two"));
    assert!(ok, "in-place edit not re-embedded");
    assert!(!html.contains(&data_uri(b"\x89PNG one")), "stale picture");

    rename_over(&logo, b"\x89PNG three");
    let (ok, _) = wait_for_text(&read, &data_uri(b"\x89PNG three"));
    assert!(ok, "rename-over not re-embedded");

    std::fs::remove_file(&logo).expect("remove");
    let (ok, html) = wait_for_text(&read, PLACEHOLDER);
    assert!(ok, "deleted image shows no placeholder");
    assert!(!html.contains(&data_uri(b"\x89PNG three")), "stale picture");
    let warned = p.wait_for(MISSING, Duration::from_secs(10));
    let warned = warned.unwrap_or_else(|| panic!("no warning: {:?}", p.seen));
    // path:line:col of the image in the notes (slide 5's item, line 19).
    assert!(
        warned.contains("talks/day-one.md:19:") && warned.contains("warning:"),
        "{warned}"
    );

    std::fs::write(&logo, b"\x89PNG four").expect("write");
    let (ok, _) = wait_for_text(&read, &data_uri(b"\x89PNG four"));
    assert!(ok, "recreated image not embedded");
}

fn watch_follows_the_image(extra: &[&str]) {
    let dir = project_with_logo(b"\x89PNG one");
    let mut args = vec!["build", "talks", "-o", "dist", "--watch"];
    args.extend(extra);
    let mut p = Proc::spawn(dir.path(), &args);
    assert!(
        p.wait_for("watching", Duration::from_secs(20)).is_some(),
        "{:?}",
        p.seen
    );
    let deck = dir.path().join("dist").join(DECK);
    follow_the_image(
        dir.path(),
        || std::fs::read_to_string(&deck).unwrap_or_default(),
        &mut p,
    );
    assert!(p.alive(), "{:?}", p.seen);
}

#[test]
fn watch_re_embeds_an_image_outside_the_notes_folder() {
    watch_follows_the_image(&[]);
}

#[test]
fn watch_re_embeds_an_image_outside_the_notes_folder_when_polling() {
    watch_follows_the_image(&["--poll", "50"]);
}

#[test]
fn serve_re_embeds_an_image_outside_the_notes_folder() {
    let s = Served::start_in(project_with_logo(b"\x89PNG one"));
    let dir = s.dir.path().to_path_buf();
    let port = s.port;
    let mut p = s.proc;
    let get = move || {
        common::raw(
            port,
            format!("GET /{DECK} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes(),
        )
        .body
    };
    follow_the_image(&dir, get, &mut p);
}
