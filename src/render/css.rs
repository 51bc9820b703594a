//! The runtime stylesheet a page carries: the rules every page needs,
//! plus the parts (`/* @feature NAME */` in `assets/runtime.css` and
//! `assets/rich.css`) its slides use. `build.rs` cuts and minifies the
//! parts; the order of the source is kept, so the cascade is the same.

use super::SlideView;

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
        for (i, (_, needles)) in FEATURES.iter().enumerate() {
            if needles.iter().any(|n| {
                fields
                    .iter()
                    .any(|f| memchr::memmem::find(f.as_bytes(), n.as_bytes()).is_some())
            }) {
                bits |= 1 << i;
            }
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

    /// The minified stylesheet for a page using these features.
    pub fn css(self) -> String {
        PARTS
            .iter()
            .filter(|(name, _)| self.has(name))
            .map(|(_, css)| *css)
            .collect()
    }
}

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
