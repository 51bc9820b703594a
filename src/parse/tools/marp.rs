//! Marp: its directives and `![bg …](…)` background images.

use crate::deck::{Background, BgSide};

pub(super) const DIRECTIVES: &[&str] = &[
    "theme",
    "paginate",
    "header",
    "footer",
    "class",
    "backgroundColor",
    "backgroundImage",
    "backgroundPosition",
    "backgroundRepeat",
    "backgroundSize",
    "color",
    "size",
    "style",
    "headingDivider",
    "math",
    "lang",
];

/// `![bg right:40% contain](img.png)` alone on its line.
pub(super) fn bg_image(t: &str, line: u32) -> Option<Background> {
    let (alt, rest) = t.strip_prefix("![")?.split_once("](")?;
    let url = rest.strip_suffix(')')?.split_whitespace().next()?;
    let mut words = alt.split_whitespace();
    if words.next() != Some("bg") {
        return None;
    }
    let mut side = BgSide::Full;
    for w in words {
        match w.split(':').next() {
            Some("left") => side = BgSide::Left,
            Some("right") => side = BgSide::Right,
            _ => {}
        }
    }
    Some(Background {
        image: Some(url.to_string()),
        side,
        line,
        ..Background::default()
    })
}
