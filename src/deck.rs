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
    pub body: Vec<Block>,
    /// Speaker notes; also footnote definitions, which render shows on
    /// the slides that cite them.
    pub notes: Vec<Block>,
    pub lines: Lines,
    /// What a deck written for another tool asks of this slide.
    pub look: SlideLook,
}

/// Per-slide settings from decks written for other tools: click steps,
/// two columns, a fitted title, a background, a smaller body, centring.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SlideLook {
    /// Revealed one click each, in order: the body blocks and list items
    /// starting inside a step's lines. Empty: the slide shows at once
    /// (unless the whole deck is incremental).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<Columns>,
    /// Marp `<!--fit-->`: the title is scaled to the slide's width.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub fit_title: bool,
    /// Quarto `::: {.r-fit-text}`: the body blocks starting in these
    /// lines are grown to the content's width on one line, only into the
    /// room the slide has left (layout measures them at the body size).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fit_text: Vec<Lines>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background: Option<Background>,
    /// Marp `color`: the slide's text and headings (a checked CSS colour).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_color: Option<String>,
    /// Quarto `.smaller`: the body one step smaller on the deck's type
    /// scale (`layout::sizes::SMALLER_SCALE`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub smaller: bool,
    /// Quarto `.center`, reveal.js `center: true`: the content centred
    /// vertically.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub center: bool,
}

/// Two columns side by side, one model for every tool: Slidev
/// `::right::`, presenterm `column`, Quarto/Pandoc `.column`, Deckset
/// `[.column]`, remark `.right-column[`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Columns {
    /// The source line the right column starts at: body blocks from it
    /// on go in the right column, those before in the left.
    pub right: u32,
    /// Each column's share of the width they share, in percent (sum 100).
    pub widths: [u8; 2],
}

impl Columns {
    /// Equal halves.
    pub fn halves(right: u32) -> Columns {
        Columns {
            right,
            widths: [50, 50],
        }
    }

    /// Columns whose widths are in the ratio `left : right` (any units,
    /// `40%` and `60%`, presenterm's `[3, 2]`), neither under a tenth.
    pub fn weighted(right: u32, left: f64, rest: f64) -> Columns {
        let share = left / (left + rest) * 100.0;
        let l = if share.is_finite() {
            share.round().clamp(10.0, 90.0) as u8
        } else {
            50
        };
        Columns {
            right,
            widths: [l, 100 - l],
        }
    }

    /// The two columns' widths in pixels in a box `width` wide with `gap`
    /// between them (the CSS grid's `fr` units do the same).
    pub fn px(self, width: f64, gap: f64) -> (f64, f64) {
        let room = (width - gap).max(0.0);
        let left = room * f64::from(self.widths[0]) / 100.0;
        (left, room - left)
    }
}

impl SlideLook {
    pub fn is_plain(&self) -> bool {
        *self == SlideLook::default()
    }

    /// `2 steps, two columns, fit title, background #123` for `outline`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match self.steps.len() {
            0 => {}
            1 => parts.push("1 step".to_string()),
            n => parts.push(format!("{n} steps")),
        }
        if self.steps.iter().any(|s| s.each_item) {
            parts.push("items one by one".into());
        }
        if let Some(c) = self.columns {
            parts.push(match c.widths {
                [50, 50] => "two columns".into(),
                [l, r] => format!("two columns {l}/{r}"),
            });
        }
        if self.fit_title {
            parts.push("fit title".into());
        }
        if !self.fit_text.is_empty() {
            parts.push("fit text".into());
        }
        if let Some(bg) = &self.background {
            let mut b = "background".to_string();
            for v in [&bg.color, &bg.image].into_iter().flatten() {
                b.push(' ');
                b.push_str(v);
            }
            match bg.side {
                BgSide::Full => {}
                BgSide::Left => b.push_str(" (left half)"),
                BgSide::Right => b.push_str(" (right half)"),
            }
            parts.push(b);
        }
        if let Some(c) = &self.text_color {
            parts.push(format!("text {c}"));
        }
        if self.smaller {
            parts.push("smaller".into());
        }
        if self.center {
            parts.push("centred".into());
        }
        parts.join(", ")
    }

    /// The step (0-based) a body block or list item starting on `line`
    /// is revealed at, and whether each list item is a step of its own.
    pub fn step_of(&self, line: u32) -> Option<(usize, bool)> {
        self.steps
            .iter()
            .position(|s| (s.lines.start..=s.lines.end).contains(&line))
            .map(|k| (k, self.steps[k].each_item))
    }
}

/// A two-column body cut at the source line `col`: blocks starting
/// before it go left, the rest right; a list running across the marker
/// (a blanked `::right::` line leaves one list) is cut between its items.
pub fn split_columns(blocks: &[Block], col: u32) -> (Vec<Block>, Vec<Block>) {
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for b in blocks {
        match b {
            Block::List {
                start,
                items,
                lines,
            } if lines.start < col && items.iter().any(|i| i.lines.start >= col) => {
                let k = items.iter().take_while(|i| i.lines.start < col).count();
                let part = |items: &[crate::outline::Item], start: Option<u64>| Block::List {
                    start,
                    lines: items
                        .iter()
                        .map(|i| i.lines)
                        .reduce(Lines::join)
                        .unwrap_or(*lines),
                    items: items.to_vec(),
                };
                if k > 0 {
                    left.push(part(&items[..k], *start));
                }
                right.push(part(&items[k..], start.map(|s| s + k as u64)));
            }
            _ if b.lines().start >= col => right.push(b.clone()),
            _ => left.push(b.clone()),
        }
    }
    (left, right)
}

/// One click: what starts inside `lines` appears together, or with
/// `each_item` (Slidev `<v-clicks>`) one list item per click.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Step {
    pub lines: Lines,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub each_item: bool,
}

/// A slide background: a colour, an image (a path as written, resolved
/// and embedded by render), and for an image the part it covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Background {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    pub side: BgSide,
    /// The source line it was set on, for warnings about the image.
    #[serde(skip)]
    pub line: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BgSide {
    #[default]
    Full,
    Left,
    Right,
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
    /// Material around the talks (an intro, the venue), not a talk.
    pub extra: bool,
}

/// One teammate's notes inside a merged deck: from slide `start` on.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteSection {
    pub start: usize,
    pub presenter: Option<String>,
    /// Its file's or talk's `lang`: the section's slides carry it when the
    /// deck's differs.
    pub lang: String,
    pub source: PathBuf,
    pub positions: Arc<crate::diag::Positions>,
}

/// A neighbouring deck: its output path and title.
#[derive(Debug, Clone, Default, PartialEq)]
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

    /// What the recap index and show read of a deck whose page and
    /// reading-copy part a streamed build already rendered: its slides
    /// counted but dropped, and no columns for findings.
    pub fn shed(&mut self) {
        self.slides.shed();
        self.positions = Arc::default();
        for s in &mut self.sections {
            s.positions = Arc::default();
        }
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
pub struct Slides {
    list: Arc<Vec<Slide>>,
    /// How many there are, also once [`Slides::shed`] let them go.
    len: usize,
}

impl Slides {
    /// Same allocation: the cheap test for "nothing changed".
    pub fn ptr_eq(&self, other: &Slides) -> bool {
        Arc::ptr_eq(&self.list, &other.list) && self.len == other.len
    }

    /// How many slides the deck has (kept by [`Slides::shed`]).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The count alone: what the recap index and show read of a deck
    /// whose page a streamed build already wrote. The slides themselves
    /// are dropped (and read as none from here on).
    pub fn shed(&mut self) {
        self.list = Arc::default();
    }
}

impl PartialEq for Slides {
    fn eq(&self, other: &Slides) -> bool {
        self.ptr_eq(other) || (self.len == other.len && self.list == other.list)
    }
}

impl From<Vec<Slide>> for Slides {
    fn from(v: Vec<Slide>) -> Self {
        Slides {
            len: v.len(),
            list: Arc::new(v),
        }
    }
}

impl std::ops::Deref for Slides {
    type Target = [Slide];
    fn deref(&self) -> &[Slide] {
        &self.list
    }
}

impl<'a> IntoIterator for &'a Slides {
    type Item = &'a Slide;
    type IntoIter = std::slice::Iter<'a, Slide>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}
