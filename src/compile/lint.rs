//! `notedeck check`: lint notes without writing anything. The findings of
//! parse and layout (empty bullets and sections, items too long for one
//! slide) plus checks that only make sense on the whole project.

use crate::deck::Deck;
use crate::diag::{Diagnostic, Severity};
use crate::outline::{Block, Lines};
use crate::{compile, BuildOptions, Project};
use pulldown_cmark::{Event, Tag};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// Everything `check` found, in a stable order.
#[derive(Debug, Serialize)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub warnings: usize,
    pub errors: usize,
    pub decks: usize,
    pub slides: usize,
}

impl Report {
    /// Whether `check` fails: errors, or warnings when they are denied.
    pub fn failed(&self, deny_warnings: bool) -> bool {
        self.errors > 0 || (deny_warnings && self.warnings > 0)
    }
}

/// Compiles the inputs in memory and lints them.
pub fn run(opts: &BuildOptions) -> Report {
    let mut project = compile::compile(opts);
    // Theme files are the project's too.
    let dirs = crate::render::theme::Themes::project_dirs(&opts.inputs);
    match crate::render::theme::Themes::load(&dirs, opts.theme_base.as_deref()) {
        Ok(mut themes) => {
            themes.check_decks(&project.decks, &opts.meta.theme);
            project.diagnostics.extend(themes.warnings);
        }
        Err(e) => project.errors.push(e),
    }
    report(&project)
}

pub fn report(project: &Project) -> Report {
    let mut diags = project.diagnostics.clone();
    for e in &project.errors {
        diags.push(error_diag(e));
    }
    duplicate_titles(&project.decks, &mut diags);
    for d in &project.decks {
        lint_deck(d, &mut diags);
    }
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.col, a.severity, &a.message)
            .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
    });
    diags.dedup();
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    Report {
        warnings: diags.len() - errors,
        errors,
        decks: project.decks.len(),
        slides: project.decks.iter().map(|d| d.slides.len()).sum(),
        diagnostics: diags,
    }
}

/// Fatal per-file errors as findings; line 0 when the error has none.
fn error_diag(e: &crate::Error) -> Diagnostic {
    use crate::Error as E;
    match e {
        E::Source {
            path,
            line,
            message,
        } => Diagnostic::error(path, u32::try_from(*line).unwrap_or(0), message),
        E::Io { path, message } | E::Input { path, message } => {
            Diagnostic::error(path, 0, message).with_col(0)
        }
        other => Diagnostic::error("", 0, other.to_string()).with_col(0),
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

fn lint_deck(deck: &Deck, diags: &mut Vec<Diagnostic>) {
    let dir = deck.source.parent().unwrap_or(Path::new(""));
    for slide in &deck.slides {
        let mut lint = |events: &[Event<'static>], lines: Lines| {
            lint_events(&deck.source, dir, events, lines, diags);
        };
        walk_blocks(&slide.body, &mut lint);
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
    dir: &Path,
    events: &[Event<'static>],
    lines: Lines,
    diags: &mut Vec<Diagnostic>,
) {
    for ev in events {
        match ev {
            Event::Start(Tag::Image { dest_url, .. }) => {
                let url = dest_url.trim();
                if !crate::render::is_safe_url(url, true) {
                    diags.push(Diagnostic::warning(
                        path,
                        lines.start,
                        format!("unsafe image URL '{url}' removed"),
                    ));
                } else if is_local(url) {
                    let file = url.split(['?', '#']).next().unwrap_or(url);
                    if !dir.join(file).is_file() {
                        diags.push(Diagnostic::warning(
                            path,
                            lines.start,
                            format!("image not found: {file}"),
                        ));
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(why) = suspicious_link(dest_url) {
                    diags.push(Diagnostic::warning(
                        path,
                        lines.start,
                        format!("suspicious link '{}': {why}", dest_url.trim()),
                    ));
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let tag = h.trim();
                if !tag.starts_with("<!--") && !tag.is_empty() {
                    diags.push(Diagnostic::warning(
                        path,
                        lines.start,
                        format!("raw HTML is not rendered (shown as text): {}", short(tag)),
                    ));
                }
            }
            _ => {}
        }
    }
}

fn is_local(url: &str) -> bool {
    !url.is_empty() && !url.contains("://") && !url.starts_with("data:") && !url.starts_with('#')
}

/// Why a link looks wrong, if it does.
pub fn suspicious_link(url: &str) -> Option<&'static str> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    if u.is_empty() {
        return Some("empty link target");
    }
    if !crate::render::is_safe_url(u, false) {
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

fn short(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    if line.chars().count() > 40 {
        format!("{}…", line.chars().take(40).collect::<String>())
    } else {
        line.to_string()
    }
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
