//! The parsed shape of a notes file: groups (H1), talks (H2) and the blocks
//! inside them, each with its source lines. Plain data, built by `parse`.

use pulldown_cmark::Event;
use std::path::PathBuf;

/// Inclusive 1-based source line range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Lines {
    pub start: u32,
    pub end: u32,
}

impl Lines {
    pub fn new(start: u32, end: u32) -> Self {
        Lines {
            start,
            end: end.max(start),
        }
    }

    pub fn join(self, other: Lines) -> Lines {
        if self.start == 0 {
            return other;
        }
        if other.start == 0 {
            return self;
        }
        Lines::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Inline content (a heading, a list item's own text): the events to
/// render plus its plain text for titles, measuring and search.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inline {
    pub events: Vec<Event<'static>>,
    pub text: String,
}

impl Inline {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
            && !self
                .events
                .iter()
                .any(|e| matches!(e, Event::Start(pulldown_cmark::Tag::Image { .. })))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `###` and deeper (H1/H2 become groups and talks).
    Heading {
        level: u8,
        title: Inline,
        lines: Lines,
    },
    /// `---`: a forced slide break.
    Break { lines: Lines },
    List {
        start: Option<u64>,
        items: Vec<Item>,
        lines: Lines,
    },
    /// Speaker notes: a `Note:` paragraph or an HTML comment.
    Notes {
        events: Vec<Event<'static>>,
        text: String,
        lines: Lines,
    },
    /// Anything else (paragraph, code, table, quote, HTML), rendered as is.
    Other {
        events: Vec<Event<'static>>,
        text: String,
        kind: OtherKind,
        lines: Lines,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherKind {
    Paragraph,
    Code,
    Table,
    Quote,
    Html,
    /// Content nested deeper than the cap, kept whole.
    Deep,
    Misc,
}

impl Block {
    pub fn lines(&self) -> Lines {
        match self {
            Block::Heading { lines, .. }
            | Block::Break { lines }
            | Block::List { lines, .. }
            | Block::Notes { lines, .. }
            | Block::Other { lines, .. } => *lines,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The item's own text (its first paragraph).
    pub head: Inline,
    /// Nested lists and further paragraphs.
    pub children: Vec<Block>,
    pub lines: Lines,
}

impl Item {
    pub fn has_children(&self) -> bool {
        self.children
            .iter()
            .any(|b| !matches!(b, Block::Notes { .. }))
    }
}

#[derive(Debug, Clone)]
pub struct Talk {
    pub title: Inline,
    pub line: u32,
    pub end_line: u32,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub struct Group {
    /// The H1, or `None` when the file has none (the file stem names it).
    pub title: Option<Inline>,
    pub line: u32,
    pub intro: Vec<Block>,
    pub talks: Vec<Talk>,
}

#[derive(Debug, Clone)]
pub struct Outline {
    pub path: PathBuf,
    pub stem: String,
    pub groups: Vec<Group>,
}
