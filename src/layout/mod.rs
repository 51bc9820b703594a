//! Outline → slides. Each talk is cut by its headings and `---` breaks;
//! each section's body is measured in pixels ([`measure`]) and its slide
//! breaks are chosen by dynamic programming over item and block
//! boundaries (never inside one item's text), minimising a badness cost:
//! slides, empty space, orphans, broken-off lead-in lines, split groups.

pub mod measure;
pub mod sizes;
mod split;

use crate::deck::{Slide, SlideKind};
use crate::diag::{Anchor, Diagnostic, Positions};
use crate::outline::{Block, Inline, Item, Lines, OtherKind, Talk};
use crate::parse::tools::Asked;
use measure::{Canvas, ImageSizes};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::path::Path;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LayoutOptions {
    /// Body lines (at the body size) a slide may hold at most; the slide's
    /// own height under its title is the other limit.
    pub budget: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions { budget: 14 }
    }
}

impl LayoutOptions {
    /// Estimated height of a slide body, in body lines (rounded up).
    pub fn blocks_cost(&self, blocks: &[Block]) -> usize {
        let c = Canvas::default();
        (c.blocks_height(blocks) / c.body_line() - 0.05)
            .ceil()
            .max(0.0) as usize
    }
}

/// The lines of a parent item repeated above its children on a later
/// slide: a copy for context, not content (no source line of its own).
pub const REPEATED: Lines = Lines { start: 0, end: 0 };

/// Whether `item` is such a repeated parent (see [`REPEATED`]).
pub fn is_repeated(item: &Item) -> bool {
    item.lines == REPEATED
}

/// A bullet short enough to title a slide: about 60 characters, not a sentence.
const TITLE_CHARS: usize = 60;
/// A subtree gets slides of its own above this share of a slide.
const OWN_SLIDE: f64 = 0.5;
/// Long blocks are cut into pieces filling at most this share of a slide.
const PIECE_FILL: f64 = 0.9;

pub struct Layout<'a> {
    pub opts: &'a LayoutOptions,
    pub path: &'a Path,
    /// Sizes of the talk's images ([`image_sizes`]).
    pub images: &'a ImageSizes,
    /// Where the file's blocks start, for the findings' columns.
    pub positions: &'a Positions,
    pub diags: &'a mut Vec<Diagnostic>,
    /// What slides of other tools' decks ask of measuring: two columns
    /// ([`Layout::fits_in_columns`]), a smaller body.
    pub asked: &'a [Asked],
    /// The sizes of the deck's theme ([`Canvas::themed`]).
    pub canvas: Canvas<'static>,
}

/// The intrinsic sizes of the local images in `blocks` (a talk's), read
/// from the files' headers next to the notes file `path`.
pub fn image_sizes(blocks: &[Block], path: &Path) -> ImageSizes {
    fn walk(blocks: &[Block], f: &mut impl FnMut(&[Event<'static>])) {
        for b in blocks {
            match b {
                Block::Heading { title, .. } => f(&title.events),
                Block::List { items, .. } => {
                    for i in items {
                        f(&i.head.events);
                        walk(&i.children, f);
                    }
                }
                Block::Other { events, .. } => f(events),
                Block::Break { .. } | Block::Notes { .. } => {}
            }
        }
    }
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut sizes = ImageSizes::new();
    walk(blocks, &mut |events| {
        for e in events {
            if let Event::Start(Tag::Image { dest_url, .. }) = e {
                if !sizes.contains_key(dest_url.as_ref()) {
                    if let Some(s) = crate::services::images::intrinsic_size(dest_url, dir) {
                        sizes.insert(dest_url.to_string(), s);
                    }
                }
            }
        }
    });
    sizes
}

impl<'a> Layout<'a> {
    pub fn talk(&mut self, talk: &Talk) -> Vec<Slide> {
        let mut slides = vec![Slide {
            kind: SlideKind::Title,
            title: vec![talk.title.clone()],
            continued: false,
            body: Vec::new(),
            notes: Vec::new(),
            lines: Lines::new(talk.line, talk.line),
            look: Default::default(),
        }];
        let mut section = Section {
            title: vec![talk.title.clone()],
            heading: None,
            pending: Vec::new(),
        };
        for block in &talk.blocks {
            match block {
                Block::Heading { title, lines, .. } => {
                    self.flush(&mut section, &mut slides);
                    section.title = vec![title.clone()];
                    section.heading = Some(*lines);
                }
                Block::Break { .. } => self.flush(&mut section, &mut slides),
                Block::Notes { .. } => {
                    let has_body = section
                        .pending
                        .iter()
                        .any(|b| !matches!(b, Block::Notes { .. }));
                    match slides.last_mut() {
                        Some(last) if !has_body && section.heading.is_none() => {
                            last.notes.push(block.clone());
                            last.lines = last.lines.join(block.lines());
                        }
                        _ => section.pending.push(block.clone()),
                    }
                }
                // Reference text, not slide content: it rides with the
                // notes and render shows it on each slide that cites it.
                Block::Other { .. } if block.footnote_label().is_some() => {
                    if let Some(last) = slides.last_mut() {
                        last.notes.push(block.clone());
                    }
                }
                _ => section.pending.push(block.clone()),
            }
        }
        self.flush(&mut section, &mut slides);
        finish(&mut slides);
        slides
    }

    fn canvas(&self) -> Canvas<'a> {
        Canvas {
            images: Some(self.images),
            ..self.canvas
        }
    }

    /// Body height a slide under `title` may hold.
    fn cap(&self, title: &[Inline]) -> f64 {
        let c = self.canvas();
        let by_budget = self.opts.budget as f64 * c.body_line();
        // Any slide may turn out a continuation: leave room for "(cont.)".
        (c.height - c.title_height(title, true)).min(by_budget)
    }

    fn flush(&mut self, section: &mut Section, slides: &mut Vec<Slide>) {
        let pending = std::mem::take(&mut section.pending);
        let heading = section.heading.take();
        let has_body = pending.iter().any(|b| !matches!(b, Block::Notes { .. }));
        if !has_body {
            if let Some(lines) = heading {
                // A heading with nothing under it is a section divider slide.
                slides.push(Slide {
                    kind: SlideKind::Content,
                    title: section.title.clone(),
                    continued: false,
                    body: Vec::new(),
                    notes: pending,
                    lines,
                    look: Default::default(),
                });
            } else if let Some(last) = slides.last_mut() {
                for n in pending {
                    last.lines = last.lines.join(n.lines());
                    last.notes.push(n);
                }
            }
            return;
        }
        // A heading is a running title only once a slide shows it.
        let running = section
            .title
            .len()
            .saturating_sub(usize::from(heading.is_some()));
        let mut out = self.body(&section.title, running, pending);
        if let (Some(lines), Some(first)) = (heading, out.first_mut()) {
            first.lines = first.lines.join(lines);
        }
        slides.append(&mut out);
    }

    /// What the source slide holding `blocks` asks, if anything.
    fn asked_for(&self, blocks: &[Block]) -> Option<&'a Asked> {
        let last = blocks.iter().map(|b| b.lines().start).max().unwrap_or(0);
        let asked: &'a [Asked] = self.asked;
        asked
            .iter()
            .find(|a| (a.lines.start..=a.lines.end).contains(&last))
    }

    /// The canvas `blocks` are drawn on: one step smaller when their
    /// slide asks for it.
    fn body_canvas(&self, blocks: &[Block]) -> Canvas<'a> {
        let c = self.canvas();
        match self.asked_for(blocks) {
            Some(a) if a.smaller => c.smaller(),
            _ => c,
        }
    }

    /// Lays a body out on one slide, or on the best set of slides.
    /// `running`: how many leading parts of `path` are running titles
    /// (shown elsewhere, so a breadcrumb may drop them).
    fn body(&mut self, path: &[Inline], running: usize, blocks: Vec<Block>) -> Vec<Slide> {
        let c = self.body_canvas(&blocks);
        let cap = self.cap(path);
        if c.blocks_height(&blocks) <= cap || self.fits_in_columns(&blocks, cap) {
            return vec![make_slide(path, blocks)];
        }
        let mut b = Builder {
            canvas: c,
            cap,
            segs: vec![Seg::Units(Vec::new())],
            next_id: 0,
            notes: Vec::new(),
        };
        b.blocks(&blocks, &[], 0);
        let mut out = Vec::new();
        let mut running = running;
        let trailing = std::mem::take(&mut b.notes);
        for seg in b.segs {
            match seg {
                Seg::Units(units) if !units.is_empty() => {
                    for u in &units {
                        if u.h > cap {
                            self.too_long(u.line, u.h / c.body_line());
                        }
                    }
                    for (i, j) in breaks(&units, cap, &c) {
                        out.push(make_slide(path, assemble(&units[i..j], 0)));
                    }
                    // Those slides show the whole path.
                    running = path.len();
                }
                Seg::Units(_) => {}
                Seg::Own {
                    head,
                    children,
                    line,
                } => {
                    let mut sub_path = path.to_vec();
                    sub_path.push(head);
                    // Breadcrumbs: two levels at most, one when the label
                    // above the title would wrap.
                    let mut keep = sub_path.len().saturating_sub(2);
                    if c.title_height(&sub_path[keep..], true)
                        > c.title_height(&sub_path[sub_path.len() - 1..], true)
                            + c.crumb_line()
                            + 0.5
                    {
                        keep = sub_path.len() - 1;
                    }
                    // Only running titles may go: a promoted item's text
                    // above this one is shown nowhere else.
                    let keep = keep.min(running);
                    let mut sub = self.body(&sub_path[keep..], running - keep, children);
                    if let Some(first) = sub.first_mut() {
                        first.lines = first.lines.join(Lines::new(line, line));
                    }
                    out.append(&mut sub);
                }
            }
        }
        if let Some(last) = out.last_mut() {
            for n in trailing {
                last.lines = last.lines.join(n.lines());
                last.notes.push(n);
            }
        }
        out
    }

    /// A two-column body fits when each column, measured at its own
    /// width (render puts them side by side: `runtime.css` `.nd-cols`), does.
    fn fits_in_columns(&self, blocks: &[Block], cap: f64) -> bool {
        let Some(cols) = self.asked_for(blocks).and_then(|a| a.columns) else {
            return false;
        };
        let c = self.body_canvas(blocks);
        let (lw, rw) = cols.px(c.width, c.column_gap());
        let (left, right) = crate::deck::split_columns(blocks, cols.right);
        // One side empty: render shows one column (`render::look`).
        !left.is_empty()
            && !right.is_empty()
            && Canvas { width: lw, ..c }
                .blocks_height(&left)
                .max(Canvas { width: rw, ..c }.blocks_height(&right))
                <= cap
    }

    fn too_long(&mut self, line: u32, lines: f64) {
        self.diags.push(self.positions.warning(
            self.path,
            (line, line),
            &Anchor::Block,
            format!(
                "content too long for one slide (about {:.0} lines); it will be scaled to fit",
                lines.ceil()
            ),
        ));
    }
}

/// Marks continuations the same way everywhere (a title already used on
/// an earlier content slide of the talk). Every slide keeps the deck's
/// type scale: a sparse one gets room (runtime.css), not larger text.
fn finish(slides: &mut [Slide]) {
    // Titles (or breadcrumb parts) already shown: a slide titled by one
    // resumes it, also after a promoted subtree in between.
    let mut seen: Vec<String> = Vec::new();
    for s in slides.iter_mut() {
        if s.kind != SlideKind::Content {
            continue;
        }
        let own = s.title.last().map(|t| t.text.trim().to_string());
        s.continued = own.as_ref().is_some_and(|t| seen.contains(t));
        for t in &s.title {
            let t = t.text.trim().to_string();
            if !seen.contains(&t) {
                seen.push(t);
            }
        }
    }
}

#[cfg(test)]
fn has_image(b: &Block) -> bool {
    let video = |e: &Event| matches!(e, Event::Start(Tag::Link { dest_url, .. }) if ["youtube.com/", "youtu.be/", "vimeo.com/"].iter().any(|h| dest_url.contains(h)));
    match b {
        Block::Other { events, .. } => events
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::Image { .. }) | Event::DisplayMath(_))),
        Block::List { items, .. } => items.iter().any(|i| {
            i.head
                .events
                .iter()
                .any(|e| matches!(e, Event::Start(Tag::Image { .. })) || video(e) || matches!(e, Event::Text(t) if t.contains("youtu") || t.contains("vimeo.com/")))
                || i.children.iter().any(has_image)
        }),
        _ => false,
    }
}

struct Section {
    title: Vec<Inline>,
    heading: Option<Lines>,
    pending: Vec<Block>,
}

/// A list item whose subtree is spread over units: its head is repeated
/// above its children on every slide they reach.
#[derive(Debug)]
struct Parent {
    id: usize,
    /// `seq` of its first unit: the slide holding it shows the head's line.
    first: std::cell::Cell<Option<usize>>,
    list: usize,
    start: Option<u64>,
    index: usize,
    item: Item,
    depth: usize,
}

#[derive(Debug)]
enum Payload {
    Item {
        list: usize,
        start: Option<u64>,
        index: usize,
        item: Item,
    },
    Block(Block),
}

/// The smallest thing a slide break may fall around.
#[derive(Debug)]
struct Unit {
    /// Position among all units of the body.
    seq: usize,
    parents: Vec<Rc<Parent>>,
    payload: Payload,
    /// Own height, px, at its depth.
    h: f64,
    depth: usize,
    /// Introduces what follows ("…:", a bold-only paragraph, a heading).
    lead_in: bool,
    /// Pieces of one long block (never two on a slide).
    piece_of: Option<usize>,
    /// Speaker notes written just before / after it.
    before: Vec<Block>,
    after: Vec<Block>,
    line: u32,
}

enum Seg {
    Units(Vec<Unit>),
    /// A big subtree with a short head: slides of its own, titled by it.
    Own {
        head: Inline,
        children: Vec<Block>,
        line: u32,
    },
}

struct Builder<'a> {
    canvas: Canvas<'a>,
    cap: f64,
    segs: Vec<Seg>,
    next_id: usize,
    /// Notes waiting for the next unit.
    notes: Vec<Block>,
}

impl Builder<'_> {
    fn id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id
    }

    fn push(&mut self, mut u: Unit) {
        u.before = std::mem::take(&mut self.notes);
        u.seq = self.id();
        for p in &u.parents {
            if p.first.get().is_none() {
                p.first.set(Some(u.seq));
            }
        }
        if !matches!(self.segs.last(), Some(Seg::Units(_))) {
            self.segs.push(Seg::Units(Vec::new()));
        }
        if let Some(Seg::Units(v)) = self.segs.last_mut() {
            v.push(u);
        }
    }

    fn note(&mut self, n: Block) {
        if let Some(Seg::Units(v)) = self.segs.last_mut() {
            if let Some(last) = v.last_mut() {
                last.after.push(n);
                return;
            }
        }
        self.notes.push(n);
    }

    /// `depth`: list depth of lists among `blocks` (items' text at it).
    fn blocks(&mut self, blocks: &[Block], parents: &[Rc<Parent>], depth: usize) {
        let c = self.canvas;
        for block in blocks {
            match block {
                Block::Notes { .. } => self.note(block.clone()),
                Block::Break { .. } => {}
                Block::List { start, items, .. } => {
                    let list = self.id();
                    for (index, item) in items.iter().enumerate() {
                        self.item(list, *start, index, item, parents, depth);
                    }
                }
                other => {
                    let (px_depth, width) = if parents.is_empty() {
                        (None, c.width)
                    } else {
                        (Some(depth - 1), c.depth_width(depth - 1))
                    };
                    let h = match px_depth {
                        None => c.block_height(other),
                        Some(d) => c.children_height(std::slice::from_ref(other), d),
                    };
                    let lead_in = is_lead_in(other);
                    let height = |b: &Block| match px_depth {
                        None => c.block_height(b),
                        Some(d) => c.children_height(std::slice::from_ref(b), d),
                    };
                    let limit = self.cap * PIECE_FILL;
                    let (other, h) = match dense_table(other) {
                        Some(dense) if h > limit => {
                            // Smaller text when it saves slides: a table that
                            // then fits one, or needs fewer pieces.
                            let dh = height(&dense);
                            let pieces = |b: &Block| {
                                split::split(b, &c, width, limit).map_or(1, |p| p.len())
                            };
                            if dh <= limit || pieces(&dense) < pieces(other) {
                                (std::borrow::Cow::Owned(dense), dh)
                            } else {
                                (std::borrow::Cow::Borrowed(other), h)
                            }
                        }
                        _ => (std::borrow::Cow::Borrowed(other), h),
                    };
                    let other = other.as_ref();
                    if h > limit {
                        if let Some(pieces) = split::split(other, &c, width, limit) {
                            let id = self.id();
                            for p in pieces {
                                let h = height(&p);
                                self.push(Unit {
                                    seq: 0,
                                    parents: parents.to_vec(),
                                    line: p.lines().start,
                                    payload: Payload::Block(p),
                                    h,
                                    depth,
                                    lead_in: false,
                                    piece_of: Some(id),
                                    before: Vec::new(),
                                    after: Vec::new(),
                                });
                            }
                            continue;
                        }
                    }
                    self.push(Unit {
                        seq: 0,
                        parents: parents.to_vec(),
                        payload: Payload::Block(other.clone()),
                        h,
                        depth,
                        lead_in,
                        piece_of: None,
                        before: Vec::new(),
                        after: Vec::new(),
                        line: other.lines().start,
                    });
                }
            }
        }
    }

    fn item(
        &mut self,
        list: usize,
        start: Option<u64>,
        index: usize,
        item: &Item,
        parents: &[Rc<Parent>],
        depth: usize,
    ) {
        let c = self.canvas;
        let h = c.item_height(item, depth);
        if item.has_children() && h > self.cap * OWN_SLIDE {
            if parents.is_empty() && is_title_like(&item.head) {
                let mut children = std::mem::take(&mut self.notes);
                children.extend(item.children.iter().cloned());
                self.segs.push(Seg::Own {
                    head: numbered(item),
                    children,
                    line: item.lines.start,
                });
                return;
            }
            if h > self.cap * 0.9 {
                let p = Rc::new(Parent {
                    id: self.id(),
                    first: Default::default(),
                    list,
                    start,
                    index,
                    item: Item {
                        head: item.head.clone(),
                        children: Vec::new(),
                        lines: item.lines,
                        number: item.number,
                    },
                    depth,
                });
                let mut chain = parents.to_vec();
                chain.push(p);
                self.blocks(&item.children, &chain, depth + 1);
                return;
            }
        }
        self.push(Unit {
            seq: 0,
            parents: parents.to_vec(),
            payload: Payload::Item {
                list,
                start,
                index,
                item: item.clone(),
            },
            h,
            depth,
            lead_in: !item.has_children() && ends_with_colon(&item.head.text),
            piece_of: None,
            before: Vec::new(),
            after: Vec::new(),
            line: item.lines.start,
        });
    }
}

/// `b` as a dense table, when it is a table.
fn dense_table(b: &Block) -> Option<Block> {
    match b {
        Block::Other {
            events,
            text,
            kind: OtherKind::Table,
            lines,
        } => Some(Block::Other {
            events: events.clone(),
            text: text.clone(),
            kind: OtherKind::DenseTable,
            lines: *lines,
        }),
        _ => None,
    }
}

/// Whether a slide body holds a dense table: its slide gets
/// `data-density="dense"`.
pub fn is_dense(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::Other { kind, .. } => *kind == OtherKind::DenseTable,
        Block::List { items, .. } => items.iter().any(|i| is_dense(&i.children)),
        _ => false,
    })
}

fn ends_with_colon(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(':') || t.ends_with('：')
}

/// A paragraph ending in ":", a bold-only paragraph, or a heading.
fn is_lead_in(b: &Block) -> bool {
    match b {
        Block::Heading { .. } => true,
        Block::Other {
            kind: OtherKind::Paragraph,
            events,
            text,
            ..
        } => {
            if ends_with_colon(text) {
                return true;
            }
            let inner: Vec<&Event> = events
                .iter()
                .filter(|e| {
                    !matches!(
                        e,
                        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                    )
                })
                .collect();
            matches!(inner.first(), Some(Event::Start(Tag::Strong)))
                && matches!(inner.last(), Some(Event::End(TagEnd::Strong)))
                && inner
                    .iter()
                    .filter(|e| matches!(e, Event::Start(Tag::Strong)))
                    .count()
                    == 1
        }
        _ => false,
    }
}

/// Short, and not a sentence: fit to title a slide.
/// A promoted item's title keeps its number in an ordered list.
fn numbered(item: &Item) -> Inline {
    match item.number {
        Some(n) => {
            let mut events = vec![Event::Text(format!("{n}. ").into())];
            events.extend(item.head.events.iter().cloned());
            Inline {
                events,
                text: format!("{n}. {}", item.head.text),
            }
        }
        None => item.head.clone(),
    }
}

fn is_title_like(head: &Inline) -> bool {
    let t = head.text.trim();
    let n = t.chars().count();
    n > 0
        && n <= TITLE_CHARS
        && !t.trim_end_matches(['.', '!', '?', ':']).contains(". ")
        && !t.ends_with('.')
        && !ends_with_colon(t)
}

/// Height the window `units[i..=j]` gains from `units[j]` (its gap and any
/// parent heads it opens), or the full start height when `j == i`.
fn join(units: &[Unit], i: usize, j: usize, c: &Canvas) -> f64 {
    let next = &units[j];
    let common = if j == i {
        0
    } else {
        let prev = &units[j - 1];
        prev.parents
            .iter()
            .zip(&next.parents)
            .take_while(|(a, b)| a.id == b.id)
            .count()
    };
    // Right under a top-level lead-in paragraph, a list, table or code
    // sits closer; the lead-in itself has that room above it.
    let top_paragraph = |u: &Unit| {
        u.parents.is_empty() && matches!(&u.payload, Payload::Block(b) if measure::is_paragraph(b))
    };
    let after_lead_in = j > i && top_paragraph(&units[j - 1]) && opens_introduced(next);
    let lead_in = top_paragraph(next) && units.get(j + 1).is_some_and(opens_introduced);
    let mut h = 0.0;
    let mut first = j == i;
    for (k, p) in next.parents.iter().enumerate().skip(common) {
        if !first {
            let same_list = k == common && j > i && list_of_level(&units[j - 1], k) == Some(p.list);
            h += if same_list {
                c.item_gap(p.depth)
            } else if p.depth == 0 && after_lead_in {
                c.lead_gap()
            } else if p.depth == 0 {
                c.block_gap()
            } else {
                c.item_gap(p.depth)
            };
        }
        first = false;
        let (lines, extra) = c.inline_lines(
            &p.item.head.events,
            c.depth_px(p.depth),
            c.depth_width(p.depth),
            false,
        );
        h += lines.max(1) as f64 * c.depth_px(p.depth) * c.line_height + extra;
    }
    if !first {
        h += match (&next.payload, next.parents.last()) {
            (Payload::Item { list, .. }, _)
                if j > i
                    && next.parents.len() == common
                    && matches!(&units[j - 1].payload, Payload::Item { list: l, .. } if l == list)
                    && units[j - 1].parents.len() == common =>
            {
                c.item_gap(next.depth)
            }
            (Payload::Item { .. }, Some(p)) if next.parents.len() > common || j == i => {
                c.nested_gap(p.depth)
            }
            (_, Some(p)) => c.inner_gap(p.depth),
            (_, None) if after_lead_in => c.lead_gap(),
            (_, None) if lead_in => c.above_lead_gap(),
            (_, None) => c.block_gap(),
        };
    }
    h + next.h
}

/// Whether `u`, right after a top-level paragraph, starts what a lead-in
/// introduces: a list (its first item, or a unit inside it) or a table
/// or code block.
fn opens_introduced(u: &Unit) -> bool {
    match &u.payload {
        _ if !u.parents.is_empty() => true,
        Payload::Item { .. } => true,
        Payload::Block(b) => measure::is_introduced(b),
    }
}

/// The list a unit's subtree at parent level `k` belongs to.
fn list_of_level(u: &Unit, k: usize) -> Option<usize> {
    match u.parents.get(k) {
        Some(p) => Some(p.list),
        None if u.parents.len() == k => match &u.payload {
            Payload::Item { list, .. } => Some(*list),
            Payload::Block(_) => None,
        },
        None => None,
    }
}

/// Slide breaks for one run of units: `(start, end)` windows, chosen to
/// minimise the summed badness (dynamic programming over boundaries).
fn breaks(units: &[Unit], cap: f64, c: &Canvas) -> Vec<(usize, usize)> {
    let n = units.len();
    let mut best = vec![f64::INFINITY; n + 1];
    let mut from = vec![0usize; n + 1];
    best[0] = 0.0;
    for i in 0..n {
        if !best[i].is_finite() {
            continue;
        }
        let mut h = 0.0;
        for j in i..n {
            h += join(units, i, j, c);
            let count = j - i + 1;
            if h > cap && count > 1 {
                break;
            }
            if count > 1
                && units[j].piece_of.is_some()
                && units[j].piece_of == units[j - 1].piece_of
            {
                break;
            }
            let cost = best[i] + badness(units, i, j + 1, h, cap);
            if cost < best[j + 1] {
                best[j + 1] = cost;
                from[j + 1] = i;
            }
        }
    }
    let mut out = Vec::new();
    let mut j = n;
    while j > 0 {
        let i = from[j];
        out.push((i, j));
        j = i;
    }
    out.reverse();
    out
}

fn badness(units: &[Unit], i: usize, j: usize, h: f64, cap: f64) -> f64 {
    let n = units.len();
    let fill = (h / cap).min(1.0);
    let mut cost = 1.0 + 1.5 * (1.0 - fill).powi(2);
    if h > cap {
        cost += 100.0;
    }
    let items = j - i;
    if items <= 2 && n > 2 && units[i..j].iter().all(|u| u.piece_of.is_none()) {
        cost += 1.0;
    }
    if j < n {
        if units[j - 1].lead_in {
            cost += 4.0;
        }
        let shared = units[j - 1]
            .parents
            .iter()
            .zip(&units[j].parents)
            .take_while(|(a, b)| a.id == b.id)
            .count();
        cost += 0.3 * shared as f64;
    }
    cost
}

/// Rebuilds the blocks of a window of units: items of one list rejoin
/// their list, children rejoin their (repeated) parent item.
fn assemble(units: &[Unit], level: usize) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut k = 0;
    while k < units.len() {
        let u = &units[k];
        if u.parents.len() > level {
            let p = &u.parents[level];
            let mut e = k + 1;
            while e < units.len() && units[e].parents.get(level).is_some_and(|q| q.id == p.id) {
                e += 1;
            }
            let mut item = p.item.clone();
            item.children = assemble(&units[k..e], level + 1);
            if p.first.get() == Some(units[k].seq) {
                item.lines = Lines::new(p.item.lines.start, p.item.lines.start);
                for x in &units[k..e] {
                    item.lines = item.lines.join(x.payload_lines());
                }
            } else {
                item.lines = REPEATED;
            }
            let kids = item
                .children
                .iter()
                .fold(Lines::default(), |l, b| l.join(b.lines()));
            push_item(&mut out, p.list, p.start, p.index, &item);
            if let Some(Block::List { lines, .. }) = out.last_mut() {
                *lines = lines.join(kids);
            }
            k = e;
            continue;
        }
        out.extend(u.before.iter().cloned());
        match &u.payload {
            Payload::Item {
                list,
                start,
                index,
                item,
            } => push_item(&mut out, *list, *start, *index, item),
            Payload::Block(b) => out.push(b.clone()),
        }
        out.extend(u.after.iter().cloned());
        k += 1;
    }
    out
}

impl Unit {
    fn payload_lines(&self) -> Lines {
        match &self.payload {
            Payload::Item { item, .. } => item.lines,
            Payload::Block(b) => b.lines(),
        }
    }
}

/// Appends an item to the trailing list of `blocks` when it is the same
/// source list, or starts a new one (an ordered list carries its numbers on).
fn push_item(blocks: &mut Vec<Block>, _list: usize, start: Option<u64>, index: usize, item: &Item) {
    if let Some(Block::List {
        start: s,
        items,
        lines,
    }) = blocks.last_mut()
    {
        if s.is_some() == start.is_some() {
            items.push(item.clone());
            *lines = lines.join(item.lines);
            return;
        }
    }
    blocks.push(Block::List {
        start: start.map(|s| s + index as u64),
        items: vec![item.clone()],
        lines: item.lines,
    });
}

fn make_slide(path: &[Inline], blocks: Vec<Block>) -> Slide {
    let mut lines = Lines::default();
    let mut body = Vec::new();
    let mut notes = Vec::new();
    for b in blocks {
        lines = lines.join(b.lines());
        match b {
            Block::Notes { .. } => notes.push(b),
            _ => body.push(b),
        }
    }
    Slide {
        kind: SlideKind::Content,
        title: path.to_vec(),
        continued: false,
        body,
        notes,
        lines,
        look: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// Content slides of the first talk in `md`.
    fn slides(md: &str) -> Vec<Slide> {
        let src = SourceFile::new("t.md", md);
        let mut d = Vec::new();
        let o = crate::parse::parse(&src, &mut d);
        let opts = LayoutOptions::default();
        let mut l = Layout {
            opts: &opts,
            path: Path::new("t.md"),
            images: &ImageSizes::new(),
            positions: &o.positions,
            diags: &mut d,
            asked: &[],
            canvas: Canvas::default(),
        };
        let mut s = l.talk(&o.groups[0].talks[0]);
        s.remove(0);
        s
    }

    /// A PNG header of `w`×`h` (all the size read looks at).
    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    /// Content slides of `md` next to images `(name, w, h)`, laid out
    /// with their sizes read, and with them guessed.
    fn with_images(md: &str, images: &[(&str, u32, u32)]) -> (Vec<Slide>, Vec<Slide>) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for (name, w, h) in images {
            std::fs::write(dir.path().join(name), png(*w, *h)).unwrap_or_else(|e| panic!("{e}"));
        }
        let path = dir.path().join("t.md");
        let src = SourceFile::new(path.clone(), md);
        let mut d = Vec::new();
        let o = crate::parse::parse(&src, &mut d);
        let talk = &o.groups[0].talks[0];
        let opts = LayoutOptions::default();
        let read = image_sizes(&talk.blocks, &path);
        assert_eq!(read.len(), images.len(), "{read:?}");
        let mut run = |images: &ImageSizes| {
            let mut s = Layout {
                opts: &opts,
                path: &path,
                images,
                positions: &o.positions,
                diags: &mut d,
                asked: &[],
                canvas: Canvas::default(),
            }
            .talk(talk);
            s.remove(0);
            s
        };
        (run(&read), run(&ImageSizes::new()))
    }

    fn image_count(s: &Slide) -> usize {
        s.body.iter().filter(|b| has_image(b)).count()
    }

    #[test]
    fn a_tall_image_gets_a_slide_of_its_own() {
        let md = "## T\n\n* one\n* two\n* three\n\n![d](tall.png)\n\n* four\n* five\n";
        let (real, _) = with_images(md, &[("tall.png", 300, 900)]);
        let alone: Vec<&Slide> = real.iter().filter(|s| image_count(s) == 1).collect();
        assert_eq!(alone.len(), 1, "{real:?}");
        assert_eq!(
            alone[0].body.len(),
            1,
            "the image shares its slide: {alone:?}"
        );
    }

    #[test]
    fn small_images_pack_on_one_slide() {
        let md = "## T\n\n![a](s.png)\n\n![b](s.png)\n\n![c](s.png)\n";
        let (real, guessed) = with_images(md, &[("s.png", 240, 120)]);
        assert_eq!(real.len(), 1, "{real:?}");
        assert_eq!(image_count(&real[0]), 3);
        // Guessed at 240 px each, they did not fit together.
        assert!(guessed.len() > 1);
    }

    #[test]
    fn images_sized_in_their_alt_text_are_measured_at_that_size() {
        let md = "## T\n\n![a h:150](t.png)\n\n![b h:150](t.png)\n\n![c h:150](t.png)\n";
        let (real, _) = with_images(md, &[("t.png", 300, 900)]);
        assert_eq!(real.len(), 1, "three 150px images share a slide: {real:?}");
    }

    #[test]
    fn image_heights_are_scaled_to_the_box() {
        let c = Canvas::default();
        // Wider than the slide: scaled to its width, keeping the ratio.
        assert_eq!(measure::image_height((2304, 400), c.width), 200.0);
        // Taller than 66% of the slide: scaled to that.
        assert!((measure::image_height((300, 900), c.width) - 720.0 * 0.66).abs() < 1e-9);
        // Small ones are never scaled up.
        assert_eq!(measure::image_height((24, 24), c.width), 24.0);
    }

    fn items(s: &Slide) -> usize {
        fn count(b: &[Block]) -> usize {
            b.iter()
                .map(|b| match b {
                    Block::List { items, .. } => items.len(),
                    _ => 0,
                })
                .sum()
        }
        count(&s.body)
    }

    fn bullets(n: usize, words: usize) -> String {
        (1..=n)
            .map(|i| format!("* item {i} {}\n", "word ".repeat(words)))
            .collect()
    }

    #[test]
    fn a_list_over_one_slide_is_split_evenly() {
        // 20 one-line bullets need two slides (11 fit one): 10 + 10, not 11 + 9.
        let s = slides(&format!("## T\n\n{}", bullets(20, 3)));
        assert_eq!(s.len(), 2);
        let (a, b) = (items(&s[0]), items(&s[1]));
        assert_eq!((a, b), (10, 10));
        assert!(s[1].continued && !s[0].continued);
    }

    #[test]
    fn small_subtrees_pack_together_under_the_talk_title() {
        let md = "## T\n\n* a\n  * a1\n* b\n  * b1\n  * b2\n* c\n* d\n  * d1\n";
        let s = slides(md);
        assert_eq!(
            s.len(),
            1,
            "{:?}",
            s.iter().map(Slide::title_text).collect::<Vec<_>>()
        );
        assert_eq!(s[0].title_text(), "T");
    }

    #[test]
    fn a_big_subtree_under_a_short_bullet_gets_its_own_slide() {
        // Ten nested items: more than fits under the title with the rest
        // (nine do, at 0.875× the body).
        let kids: String = (1..=10).map(|i| format!("  * child {i}\n")).collect();
        let md = format!("## T\n\n* one\n* Azure\n{kids}* two\n* three\n");
        let s = slides(&md);
        let titles: Vec<String> = s.iter().map(Slide::title_text).collect();
        assert!(titles.contains(&"T › Azure".to_string()), "{titles:?}");
        assert_eq!(
            titles.last().map(String::as_str),
            Some("T (cont.)"),
            "{titles:?}"
        );
    }

    #[test]
    fn a_long_sentence_bullet_is_never_a_title() {
        let kids: String = (1..=30).map(|i| format!("  * child {i}\n")).collect();
        let head = "This bullet is a whole sentence. It goes on for a while to explain";
        let s = slides(&format!("## T\n\n* {head}\n{kids}"));
        assert!(s.len() >= 2);
        for sl in &s {
            assert!(!sl.title_text().contains("sentence"), "{}", sl.title_text());
        }
        // The parent is repeated above its children, marked as a copy.
        let Some(Block::List { items, .. }) = s[1].body.first() else {
            panic!("{:?}", s[1].body);
        };
        assert_eq!(items[0].head.text, head);
        assert!(is_repeated(&items[0]));
        assert!(!is_repeated(match s[0].body.first() {
            Some(Block::List { items, .. }) => &items[0],
            other => panic!("{other:?}"),
        }));
    }

    #[test]
    fn a_lead_in_line_stays_with_its_block() {
        // 10 bullets and the lead-in fill a slide, and the 11 bullets it
        // introduces fill the next alone: the lead-in moves down anyway.
        let md = format!(
            "## T\n\n{}\nthe options they considered:\n\n{}",
            bullets(10, 3),
            bullets(11, 3)
        );
        let s = slides(&md);
        assert!(s.len() >= 2);
        for sl in &s[..s.len() - 1] {
            if let Some(Block::Other { text, .. }) = sl.body.last() {
                assert!(!text.trim_end().ends_with(':'), "lead-in left at the foot");
            }
        }
    }

    #[test]
    fn long_code_is_split_into_continued_pieces() {
        let code: String = (1..=60).map(|i| format!("let x{i} = {i};\n")).collect();
        let s = slides(&format!("## T\n\n```rust\n{code}```\n"));
        assert!(s.len() >= 2, "{}", s.len());
        let mut all = String::new();
        for sl in &s {
            match sl.body.as_slice() {
                [Block::Other {
                    kind: OtherKind::Code,
                    text,
                    ..
                }] => all.push_str(text),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(all, code, "every line once, in order");
        assert!(s[1..].iter().all(|x| x.continued));
    }

    #[test]
    fn continued_code_numbers_its_lines_on_and_keeps_its_highlighting() {
        let code: String = (1..=60).map(|i| format!("let x{i} = {i};\n")).collect();
        let s = slides(&format!("## T\n\n```rust showLineNumbers\n{code}```\n"));
        assert!(s.len() >= 2, "{}", s.len());
        let mut next = 1;
        for sl in &s {
            let [b @ Block::Other { events, text, .. }] = sl.body.as_slice() else {
                panic!("{:?}", sl.body);
            };
            let Some(Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(info)))) =
                events.first()
            else {
                panic!("{events:?}");
            };
            let info = crate::outline::CodeInfo::parse(info);
            assert_eq!(
                (info.lang.as_str(), info.numbers, info.start),
                ("rust", true, next)
            );
            let html = crate::render::blocks_html(std::slice::from_ref(b));
            let first = format!(
                "<span class=\"ln\" data-n=\"{next}\"><span class=\"hl-keyword\">let</span>"
            );
            assert!(html.contains(&first), "{html}");
            next += text.lines().count() as u64;
        }
        assert_eq!(next, 61);
    }

    #[test]
    fn code_is_not_cut_inside_a_block_comment() {
        // Lines 1-9 code, 10-19 one comment, then code: the even cut
        // (after line 12 or so) would fall inside the comment.
        let mut code = String::new();
        for i in 1..=40 {
            code.push_str(&match i {
                10 => "/* a comment\n".to_string(),
                19 => "   it ends here */\n".to_string(),
                11..=18 => format!("   comment line {i}\n"),
                _ => format!("let x{i} = {i};\n"),
            });
        }
        let s = slides(&format!("## T\n\n```rust\n{code}```\n"));
        assert!(s.len() >= 3, "{}", s.len());
        let inside = crate::services::highlight::inside_token("rust", &code).unwrap_or_default();
        let mut row = 0;
        for sl in &s {
            let Some(Block::Other { text, .. }) = sl.body.first() else {
                panic!("{:?}", sl.body);
            };
            assert!(
                !inside[row],
                "a piece starts inside the comment, at line {}",
                row + 1
            );
            row += text.lines().count();
        }
        assert_eq!(row, 40);
    }

    #[test]
    fn a_table_of_long_cells_is_set_dense_when_that_saves_slides() {
        let cell = |r: usize, c: usize| format!("row {r} column {c} {}", "words here ".repeat(9));
        let rows: String = (1..=6)
            .map(|r| {
                format!(
                    "| {} |\n",
                    (1..=4).map(|c| cell(r, c)).collect::<Vec<_>>().join(" | ")
                )
            })
            .collect();
        let md = format!("## T\n\n| a | b | c | d |\n|---|---|---|---|\n{rows}");
        let s = slides(&md);
        let tables: Vec<&Block> = s.iter().flat_map(|sl| &sl.body).collect();
        assert!(tables.iter().all(|b| matches!(
            b,
            Block::Other {
                kind: OtherKind::DenseTable,
                ..
            }
        )));
        assert!(s.iter().all(|sl| is_dense(&sl.body)));
        // At the normal size the same table needs more pieces.
        let src = SourceFile::new("t.md", md.as_str());
        let o = crate::parse::parse(&src, &mut Vec::new());
        let c = Canvas::default();
        let title = &o.groups[0].talks[0].title;
        let cap = (c.height - c.title_height(std::slice::from_ref(title), true))
            .min(LayoutOptions::default().budget as f64 * c.body_line());
        let normal = split::split(
            &o.groups[0].talks[0].blocks[0],
            &c,
            c.width,
            cap * PIECE_FILL,
        )
        .map_or(1, |p| p.len());
        assert!(
            s.len() < normal,
            "{} dense slides, {normal} pieces at the normal size",
            s.len()
        );
        // Every row is kept, once.
        let text: String = tables
            .iter()
            .map(|b| match b {
                Block::Other { text, .. } => text.clone(),
                _ => String::new(),
            })
            .collect();
        for r in 1..=6 {
            assert_eq!(
                text.matches(&format!("row {r} column 1 ")).count(),
                1,
                "row {r}"
            );
        }
    }

    #[test]
    fn a_long_table_repeats_its_header() {
        let rows: String = (1..=40).map(|i| format!("| r{i} | {i} |\n")).collect();
        let s = slides(&format!("## T\n\n| name | n |\n|---|--:|\n{rows}"));
        assert!(s.len() >= 2);
        for sl in &s {
            let Some(Block::Other {
                events,
                kind: OtherKind::Table | OtherKind::DenseTable,
                ..
            }) = sl.body.first()
            else {
                panic!("{:?}", sl.body);
            };
            assert!(matches!(events.first(), Some(Event::Start(Tag::Table(a))) if a.len() == 2));
            assert!(events
                .iter()
                .any(|e| matches!(e, Event::Start(Tag::TableHead))));
        }
    }

    #[test]
    fn a_numbered_list_carries_its_numbers_over() {
        let list: String = (1..=30).map(|i| format!("{i}. point {i}\n")).collect();
        let s = slides(&format!("## T\n\n{list}"));
        assert!(s.len() >= 2);
        let Some(Block::List { start, .. }) = s[1].body.first() else {
            panic!()
        };
        assert_eq!(*start, Some(1 + items(&s[0]) as u64));
    }
}
