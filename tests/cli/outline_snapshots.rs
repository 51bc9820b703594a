//! Snapshots of `notedeck outline` (text with its warnings, and JSON) for
//! the user's notes and small edge-case notes in `tests/fixtures/outline/`.

use assert_cmd::Command;
use std::path::Path;

fn outline(rel: &str, json: bool) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cmd = Command::cargo_bin("notedeck").expect("binary");
    cmd.current_dir(root).arg("outline").arg(rel);
    if json {
        cmd.arg("--json");
    }
    let out = cmd.output().expect("run notedeck outline");
    assert!(out.status.success(), "{rel}: {:?}", out);
    let stdout = String::from_utf8(out.stdout).expect("utf-8 stdout");
    let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
    if json {
        // The JSON must parse; warnings go to stderr, not into it.
        serde_json::from_str::<serde_json::Value>(&stdout).expect("valid JSON");
        stdout
    } else {
        format!("{stdout}--- stderr ---\n{stderr}")
    }
}

macro_rules! snap {
    ($name:ident, $file:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(concat!(stringify!($name), "_text"), outline($file, false));
            insta::assert_snapshot!(concat!(stringify!($name), "_json"), outline($file, true));
        }
    };
}

snap!(user_notes, "talks/rustconf-2025/day-one.md");
snap!(empty_bullets, "tests/fixtures/outline/empty-bullets.md");
snap!(no_h2, "tests/fixtures/outline/no-h2.md");
snap!(no_h1, "tests/fixtures/outline/no-h1.md");
snap!(h3_headings, "tests/fixtures/outline/h3-headings.md");
snap!(breaks, "tests/fixtures/outline/breaks.md");
snap!(speaker_notes, "tests/fixtures/outline/speaker-notes.md");
snap!(ordered, "tests/fixtures/outline/ordered.md");
snap!(overflow, "tests/fixtures/outline/overflow.md");
snap!(deep, "tests/fixtures/outline/deep.md");
snap!(
    duplicate_titles,
    "tests/fixtures/outline/duplicate-titles.md"
);
