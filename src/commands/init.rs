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
"#;

pub const EXAMPLE: &str = r#"# Example Day

A short intro under a `#` heading shows on each title slide of its group.
https://example.com/schedule

## My First Talk

* A top-level bullet with children becomes its own slide
  * its children are the body
  * nested as deep as you like
    * notedeck splits long slides and keeps a breadcrumb title
* Bullets without children are gathered
* onto shared slides

Note: paragraphs starting with "Note:" are speaker notes, never shown on the slide.

### A heading starts a new slide

Plain paragraphs work too, with **bold**, *emphasis*, `code` and [links](https://www.rust-lang.org).

<!-- HTML comments are speaker notes as well. -->

---

A thematic break (`---`) forces a slide break.

## A Second Talk

Every `##` heading is one talk, one deck.

* Empty bullets are dropped with a warning
* `notedeck check` lists everything that looks wrong
"#;

pub const THEMES_README: &str = r#"# Themes

A theme is one CSS file, `themes/NAME.css`, that sets notedeck's custom
properties on `:root`. Use it with `notedeck build --theme NAME` (or
`theme = "NAME"` in notedeck.toml). A file named like a built-in theme
(`light`, `dark`, `high-contrast`) replaces it for this project.

```css
:root {
  --nd-bg: #ffffff;        /* slide background */
  --nd-fg: #1f2328;        /* body text */
  --nd-heading: #0b3d91;   /* slide titles */
  --nd-link: #0550ae;      /* links */
  --nd-muted: #57606a;     /* bylines, counters */
  --nd-font-body: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --nd-size-body: 32px;
}
```

Keep text readable: every colour above should have a contrast ratio of at
least 4.5:1 against `--nd-bg` (WCAG AA). Use system font stacks only: decks
never fetch anything from the network, so web fonts would not load.
Run `notedeck themes` to list the themes notedeck sees.
"#;

/// The files `init` creates, relative to the project folder.
pub fn files() -> [(&'static str, &'static str); 3] {
    [
        ("notedeck.toml", CONFIG),
        ("talks/example.md", EXAMPLE),
        ("themes/README.md", THEMES_README),
    ]
}

/// Creates the starter files in `dir`. Refuses, writing nothing, when any
/// of them already exists.
pub fn run(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let targets: Vec<(PathBuf, &str)> = files()
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
        f.write_all(text.as_bytes())
            .map_err(|e| Error::io(&path, e))?;
        created.push(path);
    }
    Ok(created)
}

/// `notedeck init [DIR]`: the starter files, then what to do next.
pub fn command(r: &super::Reporter, dir: &Path) -> std::process::ExitCode {
    match run(dir) {
        Ok(created) => {
            for p in &created {
                r.out(format!("created {}", p.display()));
            }
            r.out(format!(
                "Next: cd {} && notedeck build, then open dist/index.html",
                dir.display()
            ));
            std::process::ExitCode::SUCCESS
        }
        Err(e) => r.fail(&e),
    }
}
