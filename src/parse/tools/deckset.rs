//! Deckset: its configuration lines at the top, `[fit]` headings, `^`
//! speaker notes, `![left]`-style images and `[.command]` lines.

use super::key_of;
use crate::deck::{Background, BgSide};

/// Keys of Deckset's configuration lines.
const KEYS: &[&str] = &[
    "autoscale",
    "slidenumbers",
    "slidecount",
    "build-lists",
    "theme",
    "footer",
    "footer-style",
    "header",
    "header-strong",
    "text",
    "text-strong",
    "text-emphasis",
    "presenter-notes",
    "slide-transition",
    "slide-dividers",
    "fit-header",
    "code-language",
    "background-color",
    "list",
];

/// Keys no other Markdown writes at the top of a file.
const OWN_KEYS: &[&str] = &[
    "autoscale",
    "slidenumbers",
    "slidecount",
    "build-lists",
    "presenter-notes",
    "slide-transition",
    "slide-dividers",
    "fit-header",
    "footer-style",
];

/// The configuration lines at the top (none unless every line of the
/// first paragraph is one): their count, and whether one is Deckset's own.
pub(super) fn config(lines: &[&str]) -> (usize, bool) {
    let n = lines
        .iter()
        .take_while(|l| !l.trim().is_empty())
        .take_while(|l| key_of(l.trim_end()).is_some_and(|k| KEYS.contains(&k)))
        .count();
    let whole = lines.get(n).is_none_or(|l| l.trim().is_empty());
    if n == 0 || !whole {
        return (0, false);
    }
    let own = lines[..n]
        .iter()
        .any(|l| key_of(l.trim_end()).is_some_and(|k| OWN_KEYS.contains(&k)));
    (n, own)
}

/// What an image alone on its line means: `Err(alt)` an image kept in
/// the slide (`![inline]`, its alt without the keywords), `Ok` a
/// background (`![]`, `![left]`, `![right, fit]`).
pub(super) fn image(t: &str, line: u32) -> Option<Result<Background, String>> {
    let (alt, rest) = t.strip_prefix("![")?.split_once("](")?;
    let url = rest.strip_suffix(')')?.split_whitespace().next()?;
    let mut side = BgSide::Full;
    let mut inline = false;
    let mut words = Vec::new();
    for w in alt.split([',', ' ']).filter(|w| !w.is_empty()) {
        match w.to_ascii_lowercase().as_str() {
            "left" => side = BgSide::Left,
            "right" => side = BgSide::Right,
            "inline" => inline = true,
            "fit" | "filtered" | "original" | "fill" | "corner-radius" => {}
            _ if w.ends_with('%') => {}
            _ => words.push(w),
        }
    }
    Some(if inline {
        Err(format!("![{}]({url})", words.join(" ")))
    } else {
        Ok(Background {
            image: Some(url.to_string()),
            side,
            line,
            ..Background::default()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_lines_and_images() {
        assert_eq!(
            config(&["autoscale: true", "theme: Fira", "", "# A"]),
            (2, true)
        );
        assert_eq!(config(&["theme: x", "# A"]), (0, false));
        assert_eq!(config(&["theme: x", "", "# A"]), (1, false));
        let bg = image("![right, fit](a.png)", 3)
            .and_then(Result::ok)
            .expect("bg");
        assert_eq!(
            (bg.side, bg.image.as_deref()),
            (BgSide::Right, Some("a.png"))
        );
        assert_eq!(
            image("![inline, fit Chart](c.png)", 1),
            Some(Err("![Chart](c.png)".into()))
        );
    }
}
