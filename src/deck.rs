//! The slide model: what layout produces and render consumes.
//! `outline --json` is a projection of it.

use crate::outline::{Block, Inline, Lines};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SlideKind {
    Title,
    Content,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    pub kind: SlideKind,
    /// Breadcrumb path: `[Key takeaways, Have a real reason to use Rust]`.
    pub title: Vec<Inline>,
    /// A second or later slide cut from the same body.
    pub continued: bool,
    /// Text size step for a sparse slide (0 = the theme's size); see
    /// `layout::SIZE_STEPS`.
    pub size: u8,
    pub body: Vec<Block>,
    /// Speaker notes; also footnote definitions, which render shows on
    /// the slides that cite them.
    pub notes: Vec<Block>,
    pub lines: Lines,
}

impl Slide {
    /// The title as plain text, breadcrumb parts joined by ` › `.
    pub fn title_text(&self) -> String {
        let mut s = self
            .title
            .iter()
            .map(|t| t.text.trim())
            .collect::<Vec<_>>()
            .join(" › ");
        if self.continued {
            s.push_str(" (cont.)");
        }
        s
    }

    /// The slide's speaker notes, including notes written inside its items.
    pub fn all_notes(&self) -> Vec<&Block> {
        let mut out: Vec<&Block> = self.notes.iter().collect();
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Block>) {
            for b in blocks {
                match b {
                    Block::Notes { .. } => out.push(b),
                    Block::List { items, .. } => {
                        for i in items {
                            walk(&i.children, out);
                        }
                    }
                    _ => {}
                }
            }
        }
        walk(&self.body, &mut out);
        out
    }

    pub fn notes_text(&self) -> String {
        self.all_notes()
            .into_iter()
            .filter_map(|b| match b {
                Block::Notes { text, .. } => Some(text.trim()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// A group (conference day or track), shared by its decks.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupInfo {
    pub name: String,
    pub slug: String,
    pub intro: Vec<Block>,
    pub source: PathBuf,
    pub line: u32,
}

/// Per-deck settings, resolved from config and front matter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeckMeta {
    pub event: Option<String>,
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub theme: String,
    pub lang: String,
    pub aspect: String,
    pub incremental: bool,
    /// Which heading level is a talk (`talk_level`); inferred when unset.
    #[serde(skip)]
    pub talk_level: Option<u8>,
    /// Who noted the talk (`presenter:`/`by:`), shown on the recap.
    pub presenter: Option<String>,
    /// Planned minutes for the talk, and for the whole recap.
    pub minutes: Option<u32>,
    pub total_minutes: Option<u32>,
    /// Trusted notes: keep raw HTML instead of sanitizing it.
    #[serde(skip)]
    pub allow_html: bool,
    /// Size caps from `notedeck.toml` (never from front matter).
    #[serde(skip)]
    pub limits: crate::source::Limits,
}

impl DeckMeta {
    /// `speaker · date`, either alone, or nothing.
    pub fn byline(&self) -> Option<String> {
        match (&self.speaker, &self.date) {
            (Some(s), Some(d)) => Some(format!("{s} · {d}")),
            (Some(s), None) => Some(s.clone()),
            (None, Some(d)) => Some(d.clone()),
            (None, None) => None,
        }
    }
}

impl Default for DeckMeta {
    fn default() -> Self {
        DeckMeta {
            event: None,
            date: None,
            speaker: None,
            theme: "light".into(),
            lang: "en".into(),
            aspect: "16:9".into(),
            incremental: false,
            talk_level: None,
            presenter: None,
            minutes: None,
            total_minutes: None,
            allow_html: false,
            limits: crate::source::Limits::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deck {
    pub title: Inline,
    pub slug: String,
    pub group: Arc<GroupInfo>,
    /// Output path relative to the output folder, `/`-separated.
    pub path: String,
    pub source: PathBuf,
    pub line: u32,
    pub end_line: u32,
    pub slides: Slides,
    pub meta: DeckMeta,
    /// Labelled sections when teammates' files noted the same talk (empty
    /// for a deck from one file).
    pub sections: Vec<NoteSection>,
    /// Columns for render findings (of `source`; sections have their own).
    pub positions: Arc<crate::diag::Positions>,
    /// The talks before and after this one in the recap, for chaining decks.
    pub prev: Option<DeckLink>,
    pub next: Option<DeckLink>,
}

/// One teammate's notes inside a merged deck: from slide `start` on.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteSection {
    pub start: usize,
    pub presenter: Option<String>,
    pub source: PathBuf,
    pub positions: Arc<crate::diag::Positions>,
}

/// A neighbouring deck: its output path and title.
#[derive(Debug, Clone, PartialEq)]
pub struct DeckLink {
    pub path: String,
    pub title: String,
}

impl Deck {
    /// Everyone who noted this talk, in order, each once.
    pub fn presenters(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let names = self
            .sections
            .iter()
            .filter_map(|s| s.presenter.as_deref())
            .chain(
                self.meta
                    .presenter
                    .as_deref()
                    .filter(|_| self.sections.is_empty()),
            );
        for n in names {
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }

    /// The section slide `i` starts, if it starts one.
    pub fn section_at(&self, i: usize) -> Option<&NoteSection> {
        self.sections.iter().find(|s| s.start == i)
    }
}

/// A deck's slides, shared: `Compiler` hands the same laid-out slides to
/// every rebuild of an unchanged file without copying them. Reads like a
/// slice (`len`, `iter`, `[i]`, `for s in &deck.slides`).
#[derive(Debug, Clone, Default)]
pub struct Slides(Arc<Vec<Slide>>);

impl Slides {
    /// Same allocation: the cheap test for "nothing changed".
    pub fn ptr_eq(&self, other: &Slides) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl PartialEq for Slides {
    fn eq(&self, other: &Slides) -> bool {
        self.ptr_eq(other) || self.0 == other.0
    }
}

impl From<Vec<Slide>> for Slides {
    fn from(v: Vec<Slide>) -> Self {
        Slides(Arc::new(v))
    }
}

impl std::ops::Deref for Slides {
    type Target = [Slide];
    fn deref(&self) -> &[Slide] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a Slides {
    type Item = &'a Slide;
    type IntoIter = std::slice::Iter<'a, Slide>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
