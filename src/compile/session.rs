//! One rebuild after a change, shared by `serve` and `build --watch`:
//! build through [`Compiler`], keep the last good pages when a file fails,
//! and work out which pages changed and the first changed slide of each.

use crate::{Compiler, Severity};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What changed between two builds.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Changes {
    /// Changed or new pages → first changed slide (1-based; 0 = none of
    /// the slides, e.g. the index or only the page head).
    pub changed: BTreeMap<String, usize>,
    /// Pages no longer produced.
    pub removed: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

/// The outcome of one rebuild.
#[derive(Debug)]
pub struct Rebuild {
    pub changes: Changes,
    /// Build errors as `path:line: message`; empty when the build is clean.
    pub errors: Vec<String>,
    pub took: Duration,
}

/// Holds the compiler and the last good pages across rebuilds.
pub struct Session {
    pub compiler: Compiler,
    pub pages: BTreeMap<String, crate::Page>,
    pub errors: Vec<String>,
    /// Every file the last build read.
    pub sources: Vec<PathBuf>,
}

impl Session {
    pub fn new(compiler: Compiler) -> Self {
        Session {
            compiler,
            pages: BTreeMap::new(),
            errors: Vec::new(),
            sources: Vec::new(),
        }
    }

    pub fn rebuild(&mut self) -> Rebuild {
        let started = Instant::now();
        let mut errors = Vec::new();
        let changes = match self.compiler.build() {
            Ok(site) => {
                errors.extend(site.project.errors.iter().map(|e| e.to_string()));
                errors.extend(
                    site.project
                        .diagnostics
                        .iter()
                        .filter(|d| d.severity == Severity::Error)
                        .map(|d| d.to_string()),
                );
                let mut pages = site.pages;
                if !errors.is_empty() {
                    // A failing file drops out of the build: keep showing
                    // its last good decks under the error overlay.
                    for (k, v) in &self.pages {
                        pages.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                }
                self.sources = site.project.sources;
                let changes = diff(&self.pages, &pages);
                self.pages = pages;
                changes
            }
            Err(e) => {
                errors.push(e.to_string());
                Changes::default()
            }
        };
        self.errors = errors.clone();
        Rebuild {
            changes,
            errors,
            took: started.elapsed(),
        }
    }
}

/// Pages that differ, with their first changed slide.
pub fn diff(old: &BTreeMap<String, crate::Page>, new: &BTreeMap<String, crate::Page>) -> Changes {
    let mut changes = Changes::default();
    for (k, v) in new {
        match old.get(k) {
            Some(o) if std::sync::Arc::ptr_eq(o, v) || o == v => {}
            Some(o) => {
                changes
                    .changed
                    .insert(k.clone(), first_changed_slide(o, v).unwrap_or(0));
            }
            None => {
                changes.changed.insert(k.clone(), 0);
            }
        }
    }
    changes.removed = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .cloned()
        .collect();
    changes
}

const SLIDE_OPEN: &str = "<section class=\"slide";

/// The slides of a deck page, each cut at its own `</section>`.
fn slides(html: &str) -> Vec<&str> {
    html.split(SLIDE_OPEN)
        .skip(1)
        .map(|chunk| match chunk.rfind("</section>") {
            Some(end) => &chunk[..end],
            None => chunk,
        })
        .collect()
}

/// 1-based number of the first slide whose HTML (content, `data-lines`)
/// differs; a deck that only grew or shrank points at its first new or
/// last remaining slide. `None` when every slide is the same.
pub fn first_changed_slide(old: &str, new: &str) -> Option<usize> {
    let (a, b) = (slides(old), slides(new));
    if let Some(i) = a.iter().zip(&b).position(|(x, y)| x != y) {
        return Some(i + 1);
    }
    match b.len().cmp(&a.len()) {
        std::cmp::Ordering::Greater => Some(a.len() + 1),
        std::cmp::Ordering::Less => Some(b.len().max(1)),
        std::cmp::Ordering::Equal => None,
    }
}

/// One line for the terminal: what a rebuild did.
pub fn summary(r: &Rebuild) -> String {
    let ms = r.took.as_millis();
    let mut parts: Vec<String> = r
        .changes
        .changed
        .iter()
        .map(|(k, n)| match n {
            0 => k.clone(),
            n => format!("{k} (slide {n})"),
        })
        .collect();
    parts.extend(r.changes.removed.iter().map(|k| format!("{k} (removed)")));
    let what = if parts.is_empty() {
        "no changes".to_string()
    } else {
        format!("changed {}", parts.join(", "))
    };
    if r.errors.is_empty() {
        format!("rebuilt in {ms} ms: {what}")
    } else {
        format!(
            "rebuilt in {ms} ms with {} error(s), last good decks kept: {what}",
            r.errors.len()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck(slides: &[(&str, &str)]) -> String {
        let mut s = String::from("<html><body><main>");
        for (i, (lines, body)) in slides.iter().enumerate() {
            s.push_str(&format!(
                "<section class=\"slide\" id=\"slide-{}\" data-lines=\"{lines}\">{body}</section>",
                i + 1
            ));
        }
        s.push_str("</main><script>x</script></body></html>");
        s
    }

    #[test]
    fn finds_the_first_changed_slide() {
        let a = deck(&[("1-2", "t"), ("3-4", "a"), ("5-6", "b"), ("7-8", "c")]);
        let b = deck(&[("1-2", "t"), ("3-4", "a"), ("5-7", "B!"), ("8-9", "c")]);
        assert_eq!(first_changed_slide(&a, &b), Some(3));
        assert_eq!(first_changed_slide(&a, &a), None);
        let grown = deck(&[
            ("1-2", "t"),
            ("3-4", "a"),
            ("5-6", "b"),
            ("7-8", "c"),
            ("9", "d"),
        ]);
        assert_eq!(first_changed_slide(&a, &grown), Some(5));
        assert_eq!(first_changed_slide(&grown, &a), Some(4));
    }

    #[test]
    fn diff_reports_changed_new_and_removed_pages() {
        let mut old = BTreeMap::new();
        let page = |s: String| -> crate::Page { s.into() };
        old.insert("a.html".to_string(), page(deck(&[("1", "x"), ("2", "y")])));
        old.insert("gone.html".to_string(), page("g".to_string()));
        old.insert("same.html".to_string(), page("s".to_string()));
        let mut new = BTreeMap::new();
        new.insert("a.html".to_string(), page(deck(&[("1", "x"), ("2", "z")])));
        new.insert("same.html".to_string(), page("s".to_string()));
        new.insert("new.html".to_string(), page("n".to_string()));
        let c = diff(&old, &new);
        assert_eq!(c.changed.get("a.html"), Some(&2));
        assert_eq!(c.changed.get("new.html"), Some(&0));
        assert!(!c.changed.contains_key("same.html"));
        assert_eq!(c.removed, vec!["gone.html".to_string()]);
    }
}
