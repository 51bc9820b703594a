//! The one media-type table: what the server sends as `Content-Type`,
//! which images are embedded, and which `data:` URLs may be shown.

/// Extension (lowercase) → media type.
const TYPES: &[(&str, &str)] = &[
    ("html", "text/html; charset=utf-8"),
    ("css", "text/css; charset=utf-8"),
    ("js", "text/javascript; charset=utf-8"),
    ("json", "application/json"),
    ("txt", "text/plain; charset=utf-8"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("svg", "image/svg+xml"),
    ("webp", "image/webp"),
];

/// Media type of a path or URL path, by its extension.
pub fn of_path(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.')?.1;
    TYPES
        .iter()
        .find(|(e, _)| e.eq_ignore_ascii_case(ext))
        .map(|(_, m)| *m)
}

/// `Content-Type` for a served file.
pub fn content_type(path: &str) -> &'static str {
    of_path(path).unwrap_or("application/octet-stream")
}

/// Media type of an image notedeck embeds (png, jpg, gif, svg, webp).
pub fn image_of(path: &str) -> Option<&'static str> {
    of_path(path).filter(|m| m.starts_with("image/"))
}

/// The image media types, for `data:` URLs.
pub fn image_types() -> impl Iterator<Item = &'static str> {
    TYPES
        .iter()
        .map(|(_, m)| *m)
        .filter(|m| m.starts_with("image/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_table_for_serving_and_embedding() {
        assert_eq!(content_type("day/talk.HTML"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.bin"), "application/octet-stream");
        assert_eq!(image_of("a/Logo.SVG"), Some("image/svg+xml"));
        assert_eq!(image_of("a.jpeg"), Some("image/jpeg"));
        assert_eq!(image_of("style.css"), None);
        assert_eq!(image_of("noext"), None);
        let served: Vec<&str> = ["png", "jpg", "gif", "svg", "webp"]
            .iter()
            .filter_map(|e| image_of(&format!("x.{e}")))
            .collect();
        let mut listed: Vec<&str> = image_types().collect();
        listed.dedup();
        assert_eq!(served, listed);
    }
}
