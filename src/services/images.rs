//! Local images → `data:` URIs, so a deck keeps working when moved or when
//! the image files are gone. Only files inside the notes file's folder, or
//! inside the project (the folder notedeck runs in, where `notedeck.toml`
//! is) by a path without symlinks (`../assets/logo.png`), are ever read:
//! a path or symlink leading elsewhere is refused.

use base64::Engine;
use std::path::{Path, PathBuf};

/// What became of an image: embedded, or why not.
#[derive(Debug, PartialEq, Eq)]
pub enum Image {
    /// A `data:` URI with the file's bytes.
    Inline(String),
    /// `http(s)://…`: cannot be shown offline.
    Remote,
    NotFound,
    /// Resolves outside the notes folder and the project (absolute,
    /// `file:`, a symlink, `../` above the folder notedeck runs in).
    Outside,
    /// Not png, jpg, gif, svg or webp.
    Unsupported,
    /// Not a regular file, or too large: the reason.
    Refused(String),
}

impl Image {
    /// The warning for an image that is not embedded, in the words build
    /// and `check` both use.
    pub fn warning(&self, url: &str) -> Option<String> {
        let shown = clip(url);
        match self {
            Image::Remote => Some(format!(
                "remote image '{shown}' cannot be shown offline; rendered as a link"
            )),
            other => image_problem(other, &shown),
        }
    }
}

/// The warning for an image that is not embedded (one wording for
/// Markdown and raw `<img>`).
pub fn image_problem(loaded: &Image, shown: &str) -> Option<String> {
    Some(match loaded {
        Image::Inline(_) => return None,
        Image::Remote => format!("remote image '{shown}' cannot be shown offline"),
        Image::NotFound => format!("image '{shown}' not found"),
        Image::Unsupported => {
            format!("image '{shown}' is not a png, jpg, gif, svg or webp file")
        }
        Image::Outside => {
            // Images come from anywhere in the project, by name.
            format!("image '{shown}' is outside the project (the folder notedeck runs in) or reached through a symlink; not embedded")
        }
        Image::Refused(why) => format!("image '{shown}' is {why}"),
    })
}

/// At most 60 characters of user text for a message.
pub fn clip(s: &str) -> String {
    let mut c: String = s.chars().take(60).collect();
    if c.len() < s.len() {
        c.push('…');
    }
    c
}

/// An image URL that can be embedded.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// A readable file inside the notes folder.
    File { path: PathBuf, mime: &'static str },
    /// Already a `data:` URI; the URL filter decides whether it may be shown.
    Data,
}

/// Where an image URL (as written in the notes) leads, without reading
/// the file: the one rule build and `check` both follow.
pub fn resolve(url: &str, notes_dir: &Path) -> Result<Found, Image> {
    locate(url, notes_dir).0
}

/// The file an image URL names, whether or not it exists now: what a
/// rebuild must watch (`None` for what is never read: remote, `data:`,
/// outside the project).
pub fn dependency(url: &str, notes_dir: &Path) -> Option<PathBuf> {
    locate(url, notes_dir).1
}

/// [`resolve`], and the file the URL names when it may be read.
fn locate(url: &str, notes_dir: &Path) -> (Result<Found, Image>, Option<PathBuf>) {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
        return (Err(Image::Remote), None);
    }
    if lower.starts_with("data:") {
        return (Ok(Found::Data), None);
    }
    if has_scheme(&lower) {
        // Some other scheme (`file:`, `ftp:`): never read.
        return (Err(Image::Outside), None);
    }
    let rel = url.split(['?', '#']).next().unwrap_or(url);
    let rel = percent_encoding::percent_decode_str(rel).decode_utf8_lossy();
    let path = Path::new(rel.as_ref());
    if path.is_absolute() {
        return (Err(Image::Outside), None);
    }
    let dir = if notes_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        notes_dir
    };
    let Ok(root) = std::fs::canonicalize(dir) else {
        return (Err(Image::NotFound), None);
    };
    // Where the path leads by name; a missing file is still a dependency.
    let named = by_name(&root, path);
    let climbs = escapes(path);
    if climbs && !inside_project(&named) {
        return (Err(Image::Outside), None);
    }
    let Some(mime) = crate::mime::image_of(&rel) else {
        return (Err(Image::Unsupported), None);
    };
    let found = match std::fs::canonicalize(&named) {
        Err(_) => Err(Image::NotFound),
        // Above the notes folder no symlink is followed: the name must be the file.
        Ok(full) if climbs && full != named => Err(Image::Outside),
        Ok(full) if !climbs && !full.starts_with(&root) => Err(Image::Outside),
        Ok(full) if !full.is_file() => Err(Image::NotFound),
        Ok(full) => Ok(Found::File { path: full, mime }),
    };
    match found {
        Err(Image::Outside) => (Err(Image::Outside), None),
        other => (other, Some(named)),
    }
}

/// `root` joined with `rel`, `.` and `..` taken by name (no symlink
/// followed), so a symlink on the way shows as a difference from the
/// canonical path.
fn by_name(root: &Path, rel: &Path) -> PathBuf {
    let mut out = root.to_path_buf();
    for c in rel.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::Normal(n) => out.push(n),
            _ => {}
        }
    }
    out
}

/// Whether `path` (absolute, resolved) lies in the folder notedeck runs in.
fn inside_project(path: &Path) -> bool {
    std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .is_ok_and(|cwd| path.starts_with(cwd))
}

/// Resolves `url` against `notes_dir` and reads the image.
pub fn load(url: &str, notes_dir: &Path) -> Image {
    load_capped(url, notes_dir, crate::source::Limits::default().images)
}

/// [`load`] with the project's image cap.
pub fn load_capped(url: &str, notes_dir: &Path, cap: crate::source::Cap) -> Image {
    match resolve(url, notes_dir) {
        Ok(Found::File { path, mime }) => match read_inside(&path, notes_dir, cap) {
            Ok(bytes) if !signature_fits(mime, &bytes) => Image::Refused(format!(
                "not a {} file by its bytes, whatever its name; not embedded",
                mime.trim_start_matches("image/").trim_end_matches("+xml")
            )),
            Ok(bytes) => Image::Inline(format!(
                "data:{mime};base64,{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Image::NotFound,
            Err(e) => Image::Refused(e.to_string()),
        },
        Ok(Found::Data) => Image::Inline(url.to_string()),
        Err(why) => why,
    }
}

/// Whether a file's first bytes are those of its media type (a text file
/// named `.png` is not embedded as an image).
fn signature_fits(mime: &str, bytes: &[u8]) -> bool {
    match mime {
        "image/png" => bytes.starts_with(b"\x89PNG"),
        "image/jpeg" => bytes.starts_with(b"\xff\xd8\xff"),
        "image/gif" => bytes.starts_with(b"GIF8"),
        "image/webp" => bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP",
        "image/svg+xml" => {
            let head = &bytes[..bytes.len().min(64 * 1024)];
            memchr::memmem::find(&head.to_ascii_lowercase(), b"<svg").is_some()
        }
        _ => true,
    }
}

/// Reads a resolved image from the notes folder, or from the project
/// folder when it is above them, following no symlink on the way.
fn read_inside(path: &Path, notes_dir: &Path, cap: crate::source::Cap) -> std::io::Result<Vec<u8>> {
    let notes = std::fs::canonicalize(notes_dir)?;
    let root = if path.starts_with(&notes) {
        notes
    } else {
        std::env::current_dir()?
    };
    crate::source::read_beneath(path, &root, cap)
}

/// Width and height in pixels of a local image, read from its header
/// only (the layout measures with it); `None` for SVG, remote or
/// unreadable images.
pub fn intrinsic_size(url: &str, notes_dir: &Path) -> Option<(u32, u32)> {
    let Ok(Found::File { path, .. }) = resolve(url, notes_dir) else {
        return None;
    };
    let d = imagesize::size(path).ok()?;
    let w = u32::try_from(d.width).ok().filter(|w| *w > 0)?;
    let h = u32::try_from(d.height).ok().filter(|h| *h > 0)?;
    Some((w, h))
}

/// `scheme:` with more than one letter (`C:` is a Windows drive).
fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(s, _)| {
        s.len() > 1
            && s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// Whether a relative path climbs above its starting folder.
fn escapes(path: &Path) -> bool {
    let mut depth: i32 = 0;
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => depth -= 1,
            std::path::Component::Normal(_) => depth += 1,
            _ => {}
        }
        if depth < 0 {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let notes = dir.path().join("notes");
        std::fs::create_dir(&notes).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(notes.join("a b.png"), [0x89, b'P', b'N', b'G'])
            .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("secret.png"), b"s").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            load("a%20b.png", &notes),
            Image::Inline("data:image/png;base64,iVBORw==".into())
        );
        assert_eq!(load("../secret.png", &notes), Image::Outside);
        assert_eq!(load("../../../../etc/passwd", &notes), Image::Outside);
        assert_eq!(load("/etc/passwd", &notes), Image::Outside);
        assert_eq!(load("file:///etc/hosts", &notes), Image::Outside);
        assert_eq!(load("gone.png", &notes), Image::NotFound);
        assert_eq!(load("https://x.org/a.png", &notes), Image::Remote);
        assert_eq!(load("notes.txt", &notes), Image::Unsupported);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.png"), notes.join("link.png"))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(load("link.png", &notes), Image::Outside);
        }
    }

    #[test]
    fn above_the_notes_folder_only_inside_the_project_and_by_name() {
        // Tests run in the crate folder: a folder under target/ is inside it.
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
        let dir = tempfile::tempdir_in(&target).unwrap_or_else(|e| panic!("{e}"));
        let notes = dir.path().join("talks/day");
        std::fs::create_dir_all(&notes).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(dir.path().join("assets")).unwrap_or_else(|e| panic!("{e}"));
        let logo = dir.path().join("assets/logo.png");
        std::fs::write(&logo, [0x89, b'P', b'N', b'G']).unwrap_or_else(|e| panic!("{e}"));
        let url = "../../assets/logo.png";
        assert_eq!(
            load(url, &notes),
            Image::Inline("data:image/png;base64,iVBORw==".into())
        );
        let named = dependency(url, &notes).unwrap_or_else(|| panic!("a dependency"));
        assert_eq!(
            named,
            std::fs::canonicalize(&logo).unwrap_or_else(|e| panic!("{e}"))
        );
        // Deleted: not found, still a dependency (its return is watched).
        std::fs::remove_file(&logo).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(load(url, &notes), Image::NotFound);
        assert_eq!(dependency(url, &notes), Some(named));
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            let secret = outside.path().join("secret.png");
            std::fs::write(&secret, b"s").unwrap_or_else(|e| panic!("{e}"));
            std::os::unix::fs::symlink(&secret, &logo).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(load(url, &notes), Image::Outside);
            assert_eq!(dependency(url, &notes), None);
        }
        // Out of the project by name: never read, never watched.
        let far = "../".repeat(40) + "etc/x.png";
        assert_eq!(load(&far, &notes), Image::Outside);
        assert_eq!(dependency(&far, &notes), None);
    }

    #[test]
    fn percent_decoding_is_the_crate_s() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for name in ["é.png", "%+1.png"] {
            std::fs::write(dir.path().join(name), b"x").unwrap_or_else(|e| panic!("{e}"));
        }
        // The hand-written decoder sliced the text by bytes: a `%` before a
        // multi-byte character panicked, and `%+1` decoded to a control byte.
        assert_eq!(resolve("%a\u{e9}.png", dir.path()), Err(Image::NotFound));
        assert!(matches!(
            resolve("%+1.png", dir.path()),
            Ok(Found::File { .. })
        ));
        assert!(matches!(
            resolve("%C3%A9.png", dir.path()),
            Ok(Found::File {
                mime: "image/png",
                ..
            })
        ));
        // A folder named like an image is not an image.
        std::fs::create_dir(dir.path().join("d.png")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(resolve("d.png", dir.path()), Err(Image::NotFound));
    }
}
