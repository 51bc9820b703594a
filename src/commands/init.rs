//! `notedeck init`: a starter project. Never overwrites anything.

use crate::Error;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const CONFIG: &str = r#"# notedeck project settings. Every key is optional; uncomment to use.
# The command line wins over front matter, which wins over this file.

# event = "RustConf 2025"        # shown on title slides and as the recap title
# date = "2025-09-02"
# speaker = "Ferris"
# theme = "light"                # light, dark, high-contrast, or themes/NAME.css
# lang = "en"                    # the HTML lang attribute
# aspect = "16:9"                # or "4:3"
# incremental = false            # reveal list items one at a time

# [build]
# input = "talks"
# output = "dist"
# theme_base = "light"           # what themes/NAME.css files extend unless they say /* extends: … */
"#;

/// The starter talk: every convention and kind of rich content, building
/// with no warnings.
pub const EXAMPLE: &str = include_str!("starter/example.md");

/// The image the starter talk shows (a small bar chart).
pub const EXAMPLE_IMAGE: &[u8] = include_bytes!("starter/img/chart.png");

/// How to write a theme: the same guide as notedeck's own themes/.
pub const THEMES_README: &str = include_str!("../../themes/README.md");

/// The files `init` creates, relative to the project folder.
pub fn files() -> [(&'static str, &'static [u8]); 4] {
    [
        ("notedeck.toml", CONFIG.as_bytes()),
        ("talks/example.md", EXAMPLE.as_bytes()),
        ("talks/img/chart.png", EXAMPLE_IMAGE),
        ("themes/README.md", THEMES_README.as_bytes()),
    ]
}

/// Creates the starter files in `dir`. Refuses, writing nothing, when any
/// of them already exists.
pub fn run(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let targets: Vec<(PathBuf, &[u8])> = files()
        .iter()
        .map(|(rel, text)| (dir.join(rel), *text))
        .collect();
    let existing: Vec<String> = targets
        .iter()
        .filter(|(p, _)| p.symlink_metadata().is_ok())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::Input {
            path: dir.to_path_buf(),
            message: format!(
                "refusing to overwrite existing files: {}",
                existing.join(", ")
            ),
        });
    }
    let mut created = Vec::new();
    for (path, text) in targets {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        // create_new: a file appearing meanwhile is still not overwritten.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        f.write_all(text).map_err(|e| Error::io(&path, e))?;
        created.push(path);
    }
    Ok(created)
}

/// How to run this binary from another folder: `notedeck` when that name
/// on `PATH` is this binary, else its full path (run through `cargo run`,
/// nothing is installed yet), with how to install it.
fn program() -> (String, &'static str) {
    let Ok(me) = std::env::current_exe().and_then(std::fs::canonicalize) else {
        return ("notedeck".into(), "");
    };
    let on_path = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|d| {
            std::fs::canonicalize(d.join(me.file_name().unwrap_or_default())).is_ok_and(|p| p == me)
        })
    });
    if on_path {
        return ("notedeck".into(), "");
    }
    let shown = me.display().to_string();
    let shown = if shown.contains(char::is_whitespace) {
        format!("'{shown}'")
    } else {
        shown
    };
    (
        shown,
        "\n(`cargo install --path .` in notedeck's source puts `notedeck` on your PATH)",
    )
}

/// `notedeck init [DIR]`: the starter files, then what to do next.
pub fn command(r: &super::Reporter, dir: &Path) -> std::process::ExitCode {
    match run(dir) {
        Ok(created) => {
            for p in &created {
                r.out(format!("created {}", p.display()));
            }
            let (program, install) = program();
            r.out(format!(
                "Next: cd {} && {program} build, then open dist/index.html{install}",
                dir.display()
            ));
            std::process::ExitCode::SUCCESS
        }
        Err(e) => r.fail(&e),
    }
}
