//! Recoverable findings. Every stage pushes these instead of printing.

use pulldown_cmark::{Event, Tag};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: u32,
    pub col: u32,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn warning(path: impl Into<PathBuf>, line: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            col: 1,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    pub fn error(path: impl Into<PathBuf>, line: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            ..Diagnostic::warning(path, line, message)
        }
    }

    /// A warning at byte `offset` of `src`, with its real line and column.
    pub fn warning_at(
        src: &crate::source::SourceFile,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let (line, col) = src.line_col(offset);
        Diagnostic::warning(&src.path, line, message).with_col(col)
    }

    pub fn with_col(mut self, col: u32) -> Self {
        self.col = col;
        self
    }
}

/// Appends each finding of `new` that `into` does not hold yet, in order.
/// Hashed: 20,000 warnings took seconds compared pairwise.
pub fn extend_unique(into: &mut Vec<Diagnostic>, new: impl IntoIterator<Item = Diagnostic>) {
    let mut seen: std::collections::HashSet<Diagnostic> = into.iter().cloned().collect();
    for d in new {
        if seen.insert(d.clone()) {
            into.push(d);
        }
    }
}

/// A fatal per-file error as a finding: line 0 when it has none.
impl From<&crate::Error> for Diagnostic {
    fn from(e: &crate::Error) -> Self {
        use crate::Error as E;
        match e {
            E::Source {
                path,
                line,
                col,
                message,
            } => Diagnostic::error(path, u32::try_from(*line).unwrap_or(0), message.clone())
                .with_col(u32::try_from(*col).unwrap_or(0).max(1)),
            E::Input { path, message } => Diagnostic::error(path, 0, message.clone()).with_col(0),
            E::Io { path, source } => {
                Diagnostic::error(path, 0, crate::error::describe(source)).with_col(0)
            }
            other => Diagnostic::error("", 0, other.to_string()).with_col(0),
        }
    }
}

impl Diagnostic {
    /// `path:line:col: `, or `path: ` when there is no line, or nothing
    /// when there is no path.
    pub fn place(&self) -> String {
        match (self.path.as_os_str().is_empty(), self.line) {
            (true, _) => String::new(),
            (false, 0) => format!("{}: ", self.path.display()),
            (false, _) => format!("{}:{}:{}: ", self.path.display(), self.line, self.col),
        }
    }
}

/// `path:line:col: warning: message`, the form editors and CI parse.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}{sev}: {}", self.place(), self.message)
    }
}

/// The choice closest to `word` by edit distance, when it is close enough
/// to be a likely typo: the one "did you mean" of config keys, theme names
/// and theme properties.
pub fn closest<'a>(word: &str, choices: &[&'a str]) -> Option<&'a str> {
    choices
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .min()
        .filter(|(d, _)| *d <= 2 || (*d <= 3 && word.len() > 6))
        .map(|(_, c)| c)
}

/// What a layout or render finding is about, to find its column: the
/// first such event on its line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Anchor {
    /// A block or list item starting on the line.
    Block,
    Image(String),
    Link(String),
    Html,
    Math(String),
    Footnote(String),
}

impl Anchor {
    fn of(e: &Event) -> Option<Anchor> {
        Some(match e {
            Event::Start(Tag::Image { dest_url, .. }) => Anchor::Image(dest_url.to_string()),
            Event::Start(Tag::Link { dest_url, .. }) => Anchor::Link(dest_url.to_string()),
            Event::Html(_) | Event::InlineHtml(_) => Anchor::Html,
            Event::InlineMath(t) | Event::DisplayMath(t) => Anchor::Math(t.to_string()),
            Event::FootnoteReference(l) => Anchor::Footnote(l.to_string()),
            Event::Start(t) if is_block_tag(t) => Anchor::Block,
            _ => return None,
        })
    }
}

/// Columns of the events findings can be about, from pulldown-cmark's
/// offsets: `(line, anchor)` → 1-based column (characters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions(BTreeMap<(u32, Anchor), u32>);

impl Positions {
    pub fn of(src: &crate::source::SourceFile, events: &[(Event, Range<usize>)]) -> Self {
        let mut map = BTreeMap::new();
        let mut cols = src.line_cols();
        for (e, r) in events {
            if let Some(a) = Anchor::of(e) {
                let (line, col) = cols.at(r.start);
                map.entry((line, a)).or_insert(col);
            }
        }
        Positions(map)
    }

    /// The part from line `first` to `last` (one talk's).
    pub fn within(&self, first: u32, last: u32) -> Self {
        Positions(
            self.0
                .range((first, Anchor::Block)..(last.saturating_add(1), Anchor::Block))
                .map(|(k, v)| (k.clone(), *v))
                .collect(),
        )
    }

    /// Where `a` first stands from line `from` to `to`: `(line, col)`;
    /// else the start of the block on line `from`.
    pub fn find(&self, from: u32, to: u32, a: &Anchor) -> Option<(u32, u32)> {
        (from..=to.max(from))
            .find_map(|l| self.0.get(&(l, a.clone())).map(|c| (l, *c)))
            .or_else(|| self.0.get(&(from, Anchor::Block)).map(|c| (from, *c)))
    }

    /// A warning about `a`, written on or after line `line` (up to `to`).
    pub fn warning(
        &self,
        path: impl Into<PathBuf>,
        (line, to): (u32, u32),
        a: &Anchor,
        message: impl Into<String>,
    ) -> Diagnostic {
        match self.find(line, to, a) {
            Some((l, c)) => Diagnostic::warning(path, l, message).with_col(c),
            None => Diagnostic::warning(path, line, message),
        }
    }
}

/// Whether a Markdown start tag opens a block (what findings anchor to).
pub fn is_block_tag(t: &Tag) -> bool {
    matches!(
        t,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}
