//! Lints over the compiled decks (duplicate titles, suspicious links),
//! run by `Compiler` on every build so every command reports them: a
//! talk's own with its layout (cached with it), the project's on every
//! build.

use crate::deck::{Deck, Slide};
use crate::diag::{Anchor, Diagnostic, Positions};
use crate::outline::{Block, Lines};
use pulldown_cmark::{Event, Tag};
use std::collections::HashMap;
use std::path::Path;

/// Findings that need the whole project, added to `diags`.
pub fn project(decks: &[Deck], diags: &mut Vec<Diagnostic>) {
    duplicate_titles(decks, diags);
}

/// Findings in one talk's slides (its links), added to `diags`. Images,
/// math and raw HTML are reported by render, which is what decides what
/// happens to them.
pub fn talk(path: &Path, positions: &Positions, slides: &[Slide], diags: &mut Vec<Diagnostic>) {
    for slide in slides {
        let mut lint = |events: &[Event<'static>], lines: Lines| {
            lint_events(path, positions, events, lines, diags);
        };
        walk_blocks(&slide.body, &mut lint);
    }
}

fn duplicate_titles(decks: &[Deck], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(*const crate::deck::GroupInfo, String), &Deck> = HashMap::new();
    for d in decks {
        let key = (
            std::sync::Arc::as_ptr(&d.group),
            d.title.text.trim().to_lowercase(),
        );
        if let Some(first) = seen.get(&key) {
            diags.push(Diagnostic::warning(
                &d.source,
                d.line,
                format!(
                    "duplicate talk title '{}' in group '{}' (first at line {})",
                    d.title.text.trim(),
                    d.group.name,
                    first.line
                ),
            ));
        } else {
            seen.insert(key, d);
        }
    }
}

fn walk_blocks(blocks: &[Block], f: &mut impl FnMut(&[Event<'static>], Lines)) {
    for b in blocks {
        match b {
            Block::Heading { title, lines, .. } => f(&title.events, *lines),
            Block::List { items, .. } => {
                for i in items {
                    f(&i.head.events, i.lines);
                    walk_blocks(&i.children, f);
                }
            }
            Block::Other { events, lines, .. } => f(events, *lines),
            Block::Break { .. } | Block::Notes { .. } => {}
        }
    }
}

fn lint_events(
    path: &Path,
    positions: &Positions,
    events: &[Event<'static>],
    lines: Lines,
    diags: &mut Vec<Diagnostic>,
) {
    for ev in events {
        if let Event::Start(Tag::Link { dest_url, .. }) = ev {
            if let Some(why) = suspicious_link(dest_url) {
                diags.push(positions.warning(
                    path,
                    (lines.start, lines.end),
                    &Anchor::Link(dest_url.to_string()),
                    format!("suspicious link '{}': {why}", dest_url.trim()),
                ));
            }
        }
    }
}

/// Why a link looks wrong, if it does.
pub fn suspicious_link(url: &str) -> Option<&'static str> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    if u.is_empty() {
        return Some("empty link target");
    }
    if !crate::services::sanitize::is_safe_url(u, false) {
        return Some("scriptable URL, removed from the slide");
    }
    if lower.starts_with("http://localhost") || lower.starts_with("http://127.") {
        return Some("points at a local server");
    }
    if lower.starts_with("file:") {
        return Some("file: URL only works on your machine");
    }
    if u.contains(char::is_whitespace) {
        return Some("contains whitespace");
    }
    if lower.starts_with("htp:") || lower.starts_with("http//") || lower.starts_with("https//") {
        return Some("malformed scheme");
    }
    if lower.starts_with("www.") {
        return Some("no scheme: this is a relative link; add https://");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links() {
        assert_eq!(suspicious_link("https://rustconf.com"), None);
        assert_eq!(suspicious_link("#top"), None);
        assert!(suspicious_link("javascript:alert(1)").is_some());
        assert!(suspicious_link("www.rust-lang.org").is_some());
        assert!(suspicious_link("http://localhost:3000").is_some());
        assert!(suspicious_link("").is_some());
    }
}
