//! Slidev: its front matter keys and per-slide backgrounds.

use super::looks::image_background;
use super::Prepared;
use crate::deck::{Background, BgSide};

/// Slidev's built-in layouts (a page layout of a site generator is not one).
pub(super) const LAYOUTS: &[&str] = &[
    "center",
    "cover",
    "default",
    "end",
    "fact",
    "full",
    "image",
    "image-left",
    "image-right",
    "iframe",
    "iframe-left",
    "iframe-right",
    "intro",
    "none",
    "quote",
    "section",
    "statement",
    "two-cols",
    "two-cols-header",
];

pub(super) const KEYS: &[&str] = &[
    "layout",
    "transition",
    "info",
    "highlighter",
    "drawings",
    "mdc",
    "background",
    "colorSchema",
    "themeConfig",
    "lineNumbers",
    "canvasWidth",
    "aspectRatio",
    "fonts",
    "clicks",
    "hideInToc",
];

/// Slidev keys that blog themes use too (a page's `background:` image,
/// `transition:`): Slidev's only when the front matter has no
/// [`PAGE_KEYS`].
pub(super) const SHARED_KEYS: &[&str] = &["background", "transition", "info", "fonts", "layout"];

/// Front matter keys of a blog's page (Jekyll, Hugo, Zola), never of a
/// Slidev deck's headmatter.
pub(super) const PAGE_KEYS: &[&str] = &[
    "tags",
    "categories",
    "date",
    "published",
    "permalink",
    "comments",
    "draft",
    "excerpt",
    "toc",
    "slug",
];

/// A Slidev slide's front matter (`lines`, the first on line `first`):
/// `background:`, or `layout: image-right` / `image-left` / `image` with
/// `image:`, as the slide's background. Returns how many keys it used.
pub(super) fn slide_background(lines: &[String], first: u32, p: &mut Prepared) -> usize {
    let value = |key: &str| {
        lines.iter().enumerate().find_map(|(n, l)| {
            let v = l.trim().strip_prefix(key)?.strip_prefix(':')?;
            Some((first + n as u32, v.trim()))
        })
    };
    if let Some(bg) = value("background").and_then(|(l, v)| image_background(v, l)) {
        p.backgrounds.push((bg.line, bg, false));
        return 1;
    }
    let side = match value("layout").map(|(_, v)| v) {
        Some("image-right") => BgSide::Right,
        Some("image-left") => BgSide::Left,
        Some("image") => BgSide::Full,
        _ => return 0,
    };
    match value("image").and_then(|(l, v)| image_background(v, l)) {
        Some(bg) if bg.image.is_some() => {
            p.backgrounds
                .push((bg.line, Background { side, ..bg }, false));
            2
        }
        _ => 0,
    }
}
