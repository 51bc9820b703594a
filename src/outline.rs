//! The parsed shape of a notes file: groups, talks and the blocks inside
//! them, each with its source lines. Plain data, built by `parse`. Which
//! heading level is a talk is decided per file (see [`Roles`]).

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

/// True for an opening tag of something shown without text.
fn is_media_tag(html: &str) -> bool {
    let name: String = html
        .trim_start()
        .strip_prefix('<')
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "img" | "picture" | "svg" | "video" | "audio" | "math"
    )
}

/// Inline content (a heading, a list item's own text): the events to
/// render plus its plain text for titles, measuring and search.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inline {
    pub events: Vec<Event<'static>>,
    pub text: String,
}

impl Inline {
    /// No text and nothing to see: an image, raw `<img>` or other media
    /// is something to see.
    pub fn is_blank(&self) -> bool {
        // Joiners and variation selectors alone show nothing.
        self.text
            .trim_matches(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '\u{200B}'..='\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{2060}'
                    )
            })
            .is_empty()
            && !self.events.iter().any(|e| match e {
                Event::Start(pulldown_cmark::Tag::Image { .. }) => true,
                Event::InlineHtml(h) | Event::Html(h) => is_media_tag(h),
                _ => false,
            })
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
    /// A table set in smaller text (`data-density="dense"` on its slide)
    /// so that more of its rows share a slide.
    DenseTable,
    Quote,
    Html,
    /// Content nested deeper than the cap, kept whole.
    Deep,
    Misc,
}

impl Block {
    /// A paragraph's events, if it is one.
    pub fn paragraph(&self) -> Option<&[Event<'static>]> {
        match self {
            Block::Other {
                events,
                kind: OtherKind::Paragraph,
                ..
            } => Some(events),
            _ => None,
        }
    }

    /// The label of a footnote definition (`[^label]: text`).
    pub fn footnote_label(&self) -> Option<&str> {
        match self {
            Block::Other { events, .. } => match events.first() {
                Some(Event::Start(pulldown_cmark::Tag::FootnoteDefinition(l))) => Some(l),
                _ => None,
            },
            _ => None,
        }
    }

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
    /// Its number in an ordered list, kept when the item becomes a title.
    pub number: Option<u64>,
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

#[derive(Debug, Clone, PartialEq)]
pub struct Talk {
    pub title: Inline,
    /// Taken from the heading (`Title — Name`, `Title (Name)`) or from a
    /// `speaker:` / italic byline line under it.
    pub speaker: Option<String>,
    pub line: u32,
    pub end_line: u32,
    pub blocks: Vec<Block>,
    /// Material around the talks (an intro, the venue, closing thoughts):
    /// kept and shown, but not a talk.
    pub extra: bool,
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
    pub roles: Roles,
    /// A heading above the groups with nothing of its own (`# Conf 2026`
    /// over `## Day 1`): the event's name.
    pub event: Option<String>,
    /// Columns of what findings point at (images, links, blocks).
    pub positions: crate::diag::Positions,
}

/// How one file's headings were read.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Roles {
    /// The heading level of a talk; levels above are groups, below sections.
    pub talk_level: u8,
    pub group_levels: Vec<u8>,
    pub section_levels: Vec<u8>,
    /// `inferred` from the file's shape, `set` by `talk_level`, `deck`
    /// for a deck written for another tool (one talk, its own slides), or
    /// `no headings` (the whole file is one talk).
    pub how: &'static str,
    /// The slide tool the file was written for.
    pub tool: Option<Tool>,
    /// Incremental steps the deck asks for (`--`, `<v-click>`).
    pub steps: usize,
    /// Why the file was cut this way, and the runner-up reading.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub why: String,
}

impl Roles {
    /// `talks: ###, groups: ## #, sections: ####+ (inferred)`.
    pub fn describe(&self) -> String {
        // (Level 0: a `#` heading lifted over `#` talks, `# Sessions I
        // heard` over the days that hold them.)
        let hashes = |l: &u8| match l {
            0 => "a # over #".to_string(),
            l => "#".repeat(*l as usize),
        };
        if let Some(t) = self.tool {
            return format!("{} deck: one talk, its own slides", t.name());
        }
        if self.how == "no headings" {
            return self.how.to_string();
        }
        let mut s = match self.talk_level {
            0 => "talks: the whole file".to_string(),
            l => format!("talks: {}", hashes(&l)),
        };
        if !self.group_levels.is_empty() {
            let g: Vec<String> = self.group_levels.iter().map(hashes).collect();
            s.push_str(&format!(", groups: {}", g.join(" ")));
        }
        if !self.section_levels.is_empty() {
            let g: Vec<String> = self.section_levels.iter().map(hashes).collect();
            s.push_str(&format!(", sections: {}", g.join(" ")));
        }
        s.push_str(&format!(" ({})", self.how));
        s
    }
}

/// What a code fence's info string asks for: `rust showLineNumbers
/// startFrom=21` (the names Slidev/Docusaurus, Pandoc and reveal.js use).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeInfo {
    pub lang: String,
    /// Line numbers shown in a gutter.
    pub numbers: bool,
    /// The first line's number.
    pub start: u64,
}

impl CodeInfo {
    pub fn parse(info: &str) -> CodeInfo {
        let mut words = info
            .split(|c: char| c.is_whitespace() || c == ',' || c == '{' || c == '}')
            .filter(|w| !w.is_empty());
        let lang = if info.starts_with(|c: char| c.is_whitespace() || c == '{') {
            String::new()
        } else {
            words.next().unwrap_or("").to_string()
        };
        let mut out = CodeInfo {
            lang,
            numbers: false,
            start: 1,
        };
        for w in words {
            let w = w.trim_start_matches('.');
            let (key, value) = w.split_once(['=', ':']).unwrap_or((w, ""));
            match key.to_ascii_lowercase().as_str() {
                "showlinenumbers" | "linenumbers" | "linenos" | "numberlines" | "line-numbers" => {
                    out.numbers = !matches!(value, "false" | "0");
                }
                "startfrom" | "start" | "startline" => {
                    if let Ok(n) = value.trim_matches('"').parse::<u64>() {
                        out.start = n.clamp(1, 1_000_000_000);
                    }
                }
                _ => {}
            }
        }
        out
    }
}

/// The slide tool a deck was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tool {
    Marp,
    Slidev,
    Remark,
    RevealMd,
    Presenterm,
    Quarto,
    Pandoc,
    Deckset,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::Marp => "Marp",
            Tool::Slidev => "Slidev",
            Tool::Remark => "remark",
            Tool::RevealMd => "reveal-md",
            Tool::Presenterm => "presenterm",
            Tool::Quarto => "Quarto",
            Tool::Pandoc => "Pandoc",
            Tool::Deckset => "Deckset",
        }
    }
}
