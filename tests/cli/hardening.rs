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
