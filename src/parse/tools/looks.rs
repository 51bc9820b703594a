//! Slide looks other tools' directives ask for, shared by the tools:
//! colours (refused when they could escape a style attribute) and
//! backgrounds.

use crate::deck::Background;

/// A CSS colour as directives write it (`#123`, `white`, `rgb(0 0 0 / 50%)`);
/// anything else (which could escape the style attribute) is refused.
pub(super) fn css_color(v: &str) -> Option<String> {
    let v = v.trim().trim_matches(['"', '\'']).trim();
    let ok = !v.is_empty()
        && v.len() <= 64
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "#(),.% /-".contains(c))
        && !v.to_ascii_lowercase().contains("url");
    ok.then(|| v.to_string())
}

pub(super) fn color_background(v: &str, line: u32) -> Option<Background> {
    Some(Background {
        color: Some(css_color(v)?),
        line,
        ..Background::default()
    })
}

/// A value that is a colour, else an image path or URL.
pub(super) fn image_background(v: &str, line: u32) -> Option<Background> {
    let v = v.trim().trim_matches(['"', '\'']).trim();
    if v.is_empty() {
        return None;
    }
    if v.starts_with('#') || !v.contains(['/', '.']) {
        return color_background(v, line);
    }
    Some(Background {
        image: Some(v.to_string()),
        line,
        ..Background::default()
    })
}

/// A background colour without a text colour: black or white text,
/// whichever reads better on it (the theme's text may not; a `#rgb` or
/// `#rrggbb` colour only).
pub(super) fn readable_on(bg: &str) -> Option<String> {
    use crate::services::theme::{contrast, parse_hex};
    let bg = parse_hex(bg)?;
    let (white, black) = ([255, 255, 255], [17, 17, 17]);
    Some(
        if contrast(bg, white) >= contrast(bg, black) {
            "#ffffff"
        } else {
            "#111111"
        }
        .into(),
    )
}
