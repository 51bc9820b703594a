//! The runtime stylesheet a page carries: the rules every page needs,
//! plus the parts (`/* @feature NAME */` in `assets/runtime.css` and
//! `assets/rich.css`) its slides use. `build.rs` cuts and minifies the
//! parts; the order of the source is kept, so the cascade is the same.

use super::SlideView;
use std::sync::{Mutex, OnceLock};

/// `(feature, minified CSS)` in source order; `""` is in every page.
static PARTS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/runtime_css.rs"));

/// Each feature and what in a slide's HTML calls for it. Scanning our own
/// rendered HTML (not the model) also catches raw HTML kept by the
/// sanitizer; a false match only costs the part's bytes.
const FEATURES: &[(&str, &[&str])] = &[
    ("code", &["<pre", "hl-"]),
    ("mermaid", &["data-lang=\"mermaid\""]),
    ("table", &["<table"]),
    ("math", &["<math"]),
    ("media", &["image-solo", "image-missing", "video-"]),
    ("task", &["task-box"]),
    ("footnotes", &["fn-ref", "footnote"]),
    ("cols", &["nd-cols"]),
    ("bg", &["nd-bg", "--nd-slide-bg", "data-bg"]),
    ("look", &["data-smaller", "data-center", "nd-fit-text"]),
    // The recap index page's own rules, asked for by that page alone.
    ("index", &[]),
];

/// Which parts a page needs: one bit per entry of [`FEATURES`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Features(u16);

impl Features {
    /// Everything, for pages whose content is not known up front.
    pub const ALL: Features = Features(u16::MAX);

    /// The features `slides` use.
    pub fn of(slides: &[SlideView]) -> Features {
        slides
            .iter()
            .fold(Features::default(), |f, s| f | Features::of_slide(s))
    }

    pub fn of_slide(s: &SlideView) -> Features {
        let fields = [
            &s.heading,
            &s.body,
            &s.notes,
            &s.intro,
            &s.attrs,
            &s.background,
        ];
        let mut bits = 0;
        for f in fields {
            bits |= needles_in(f.as_bytes());
        }
        Features(bits)
    }

    /// These features and the named one.
    pub fn with(self, name: &str) -> Features {
        match FEATURES.iter().position(|(n, _)| *n == name) {
            Some(i) => Features(self.0 | 1 << i),
            None => self,
        }
    }

    fn has(self, name: &str) -> bool {
        name.is_empty()
            || FEATURES
                .iter()
                .position(|(n, _)| *n == name)
                .is_some_and(|i| self.0 & (1 << i) != 0)
    }

    /// The minified stylesheet for a page using these features. Made once
    /// per set of features and kept (leaked) for the process, `serve`'s
    /// too: a build asks for the same few sets once a deck, and pages lend
    /// it rather than copy it.
    pub fn css(self) -> &'static str {
        static MADE: Mutex<Vec<(u16, &'static str)>> = Mutex::new(Vec::new());
        let mut made = MADE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, css)) = made.iter().find(|(bits, _)| *bits == self.0) {
            return css;
        }
        let css: &'static str = PARTS
            .iter()
            .filter(|(name, _)| self.has(name))
            .map(|(_, css)| *css)
            .collect::<String>()
            .leak();
        made.push((self.0, css));
        css
    }
}

/// The bits of the [`FEATURES`] needles found in `text`. Every needle
/// but one holds a `<` or a `-`, so only where those bytes are (found
/// with `memchr`) is each needle holding that byte tried, lined up on
/// its first one; `footnote` is searched for apart. (An Aho-Corasick DFA
/// over every byte was 5% of a build's instructions.)
fn needles_in(text: &[u8]) -> u16 {
    let (lt, dash, rest) = ANCHORED.get_or_init(|| {
        let (mut lt, mut dash, mut rest) = (Vec::new(), Vec::new(), Vec::new());
        for (i, (_, needles)) in FEATURES.iter().enumerate() {
            for n in needles.iter().map(|n| n.as_bytes()) {
                match n.iter().position(|&b| b == b'<' || b == b'-') {
                    Some(at) if n[at] == b'<' => lt.push((n, at, 1 << i)),
                    Some(at) => dash.push((n, at, 1 << i)),
                    None => rest.push((memchr::memmem::Finder::new(n), 1 << i)),
                }
            }
        }
        (lt, dash, rest)
    });
    let mut bits = 0;
    for (n, bit) in rest {
        if bits & bit == 0 && n.find(text).is_some() {
            bits |= bit;
        }
    }
    for p in memchr::memchr2_iter(b'<', b'-', text) {
        let tried = if text[p] == b'<' { lt } else { dash };
        for &(n, at, bit) in tried {
            // The last byte first: a whole compare at every stop cost more
            // than the DFA it replaces.
            let Some(start) = p.checked_sub(at) else {
                continue;
            };
            let end = start + n.len();
            if bits & bit == 0 && text.get(end - 1) == n.last() && &text[start..end] == n {
                bits |= bit;
            }
        }
    }
    bits
}

/// Needles holding `<`, needles holding `-` (each with where the first
/// of those is, and its feature's bit), and the others.
type Needles = (
    Vec<(&'static [u8], usize, u16)>,
    Vec<(&'static [u8], usize, u16)>,
    Vec<(memchr::memmem::Finder<'static>, u16)>,
);
static ANCHORED: OnceLock<Needles> = OnceLock::new();

impl std::ops::BitOr for Features {
    type Output = Features;
    fn bitor(self, other: Features) -> Features {
        Features(self.0 | other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_marked_part_is_a_known_feature() {
        for (name, _) in PARTS {
            assert!(
                name.is_empty() || FEATURES.iter().any(|(n, _)| n == name),
                "runtime CSS marks an unknown feature {name:?}"
            );
        }
        for (name, _) in FEATURES {
            assert!(PARTS.iter().any(|(n, _)| n == name), "no CSS for {name}");
        }
        assert!(FEATURES.len() <= 16, "Features holds 16 bits");
    }

    #[test]
    fn one_pass_finds_what_a_search_per_needle_finds() {
        // Needles that overlap or touch each other, in every field.
        let texts = [
            "",
            "<pre class=\"hl-k\">",
            "data-bg--nd-slide-bg<table<math",
            "fn-refootnote task-box nd-cols",
            "video-image-soloimage-missing data-lang=\"mermaid\"",
            "data-smallerdata-centernd-fit-text nd-bg",
            "<pr e hl fn-re",
        ];
        for (i, t) in texts.iter().enumerate() {
            let mut v = SlideView::default();
            match i % 6 {
                0 => v.heading = t.to_string(),
                1 => v.body = t.to_string(),
                2 => v.notes = t.to_string(),
                3 => v.intro = t.to_string(),
                4 => v.attrs = t.to_string(),
                _ => v.background = t.to_string(),
            }
            let mut bits = 0;
            for (b, (_, needles)) in FEATURES.iter().enumerate() {
                if needles.iter().any(|n| t.contains(n)) {
                    bits |= 1 << b;
                }
            }
            assert_eq!(Features::of_slide(&v), Features(bits), "{t:?}");
        }
    }

    #[test]
    fn the_needle_scan_finds_what_a_search_per_needle_finds() {
        // Random strings of needle pieces, the bytes scanned for and text.
        let pieces: Vec<&str> = FEATURES
            .iter()
            .flat_map(|(_, n)| n.iter().copied())
            .flat_map(|n| [n, &n[..n.len() / 2], &n[n.len() / 2..]])
            .chain(["<", "-", "--", "<<", " x", "foot", "note", "é"])
            .collect();
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..(seed % 7) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut bits = 0;
            for (b, (_, needles)) in FEATURES.iter().enumerate() {
                if needles.iter().any(|n| t.contains(n)) {
                    bits |= 1 << b;
                }
            }
            assert_eq!(needles_in(t.as_bytes()), bits, "{t:?}");
        }
    }

    #[test]
    fn a_page_carries_only_what_its_slides_use() {
        let plain = SlideView {
            body: "<ul><li>text</li></ul>".into(),
            ..Default::default()
        };
        let table = SlideView {
            body: "<table><tr><td>1</td></tr></table>".into(),
            ..Default::default()
        };
        let base = Features::of(std::slice::from_ref(&plain)).css();
        let with = Features::of(&[plain.clone(), table]).css();
        assert!(
            !base.contains(".slide table{") && with.contains(".slide table{"),
            "the table rules go only with a table"
        );
        assert!(base.len() < with.len());
        assert!(!base.contains("index-card"));
        assert!(Features::default()
            .with("index")
            .css()
            .contains("index-card"));
        assert_eq!(
            Features::ALL.css().len(),
            PARTS.iter().map(|(_, c)| c.len()).sum::<usize>()
        );
    }
}
