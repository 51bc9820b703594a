//! Local images → `data:` URIs, so a deck keeps working when moved or when
//! the image files are gone. Only files inside the notes file's folder are
//! ever read: a path or symlink leading elsewhere is refused.

use base64::Engine;
use std::path::Path;

#[derive(Debug, PartialEq, Eq)]
pub enum Image {
    /// A `data:` URI with the file's bytes.
    Inline(String),
    /// `http(s)://…`: cannot be shown offline.
    Remote,
    NotFound,
    /// Resolves outside the notes folder (`../`, absolute, symlink, `file:`).
    Outside,
    /// Not png, jpg, gif, svg or webp.
    Unsupported,
    /// Not a regular file, or too large: the reason.
    Refused(String),
}

pub fn mime_of(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        _ => return None,
    })
}

/// Resolves `url` (as written in the notes) against `notes_dir`.
pub fn load(url: &str, notes_dir: &Path) -> Image {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
        return Image::Remote;
    }
    if lower.starts_with("data:") {
        // Already inline; the URL filter decides whether it may be emitted.
        return Image::Inline(url.to_string());
    }
    if has_scheme(&lower) {
        // Some other scheme (`file:`, `ftp:`): never read.
        return Image::Outside;
    }
    let rel = url.split(['?', '#']).next().unwrap_or(url);
    let rel = percent_decode(rel);
    let path = Path::new(&rel);
    if path.is_absolute() || escapes(path) {
        return Image::Outside;
    }
    let Some(mime) = mime_of(&rel) else {
        return Image::Unsupported;
    };
    let dir = if notes_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        notes_dir
    };
    let Ok(root) = std::fs::canonicalize(dir) else {
        return Image::NotFound;
    };
    let full = match std::fs::canonicalize(dir.join(path)) {
        Ok(p) => p,
        Err(_) => return Image::NotFound,
    };
    if !full.starts_with(&root) {
        return Image::Outside;
    }
    match crate::source::read_regular(&full, crate::source::MAX_IMAGE_BYTES) {
        Ok(bytes) => Image::Inline(format!(
            "data:{mime};base64,{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Image::NotFound,
        Err(e) => Image::Refused(e.to_string()),
    }
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

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
}
