//! Outline → slides. Cuts each talk into slides by headings, breaks and
//! list structure, then splits anything over the line budget at item
//! boundaries, in source order, never inside one item's text.

use crate::deck::{Slide, SlideKind};
use crate::diag::Diagnostic;
use crate::outline::{Block, Inline, Item, Lines, OtherKind, Talk};
use pulldown_cmark::{Event, Tag};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LayoutOptions {
    /// Rendered body lines a slide may hold.
    pub budget: usize,
    /// Characters per rendered line at list depth 0.
    pub line_chars: usize,
    /// Characters each nesting level takes off a line.
    pub indent_chars: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            budget: 10,
            line_chars: 56,
            indent_chars: 4,
        }
    }
}

impl LayoutOptions {
    fn text_lines(&self, text: &str, depth: usize) -> usize {
        let width = self
            .line_chars
            .saturating_sub(self.indent_chars * depth)
            .max(16);
        let n = text.trim().chars().count();
        n.div_ceil(width).max(1)
    }

    /// Estimated rendered lines of an item with its subtree.
    pub fn item_cost(&self, item: &Item, depth: usize) -> usize {
        self.text_lines(&item.head.text, depth)
            + item
                .children
                .iter()
                .map(|b| self.block_cost(b, depth + 1))
                .sum::<usize>()
    }

    pub fn block_cost(&self, block: &Block, depth: usize) -> usize {
        match block {
            Block::List { items, .. } => items.iter().map(|i| self.item_cost(i, depth)).sum(),
            Block::Heading { .. } => 1,
            Block::Break { .. } | Block::Notes { .. } => 0,
            Block::Other {
                events, text, kind, ..
            } => {
                let images = events
                    .iter()
                    .filter(|e| matches!(e, Event::Start(Tag::Image { .. })))
                    .count();
                let base = match kind {
                    // Code is smaller type but never wraps mid-token well.
                    OtherKind::Code => text
                        .lines()
                        .map(|l| l.chars().count().div_ceil(self.line_chars + 8).max(1))
                        .sum::<usize>()
                        .max(1),
                    OtherKind::Table => events
                        .iter()
                        .filter(|e| matches!(e, Event::Start(Tag::TableRow | Tag::TableHead)))
                        .count()
                        .max(1),
                    _ => self.text_lines(text, depth),
                };
                base + images * 4
            }
        }
    }

    pub fn blocks_cost(&self, blocks: &[Block]) -> usize {
        blocks.iter().map(|b| self.block_cost(b, 0)).sum()
    }
}

pub struct Layout<'a> {
    pub opts: &'a LayoutOptions,
    pub path: &'a Path,
    pub diags: &'a mut Vec<Diagnostic>,
}

impl Layout<'_> {
    pub fn talk(&mut self, talk: &Talk) -> Vec<Slide> {
        let mut slides = vec![Slide {
            kind: SlideKind::Title,
            title: vec![talk.title.clone()],
            continued: false,
            body: Vec::new(),
            notes: Vec::new(),
            lines: Lines::new(talk.line, talk.line),
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
                Block::List {
                    start,
                    items,
                    lines: _,
                } => {
                    for (i, item) in items.iter().enumerate() {
                        if item.has_children() {
                            self.flush(&mut section, &mut slides);
                            let mut item_slides = self.subtree(&[], item);
                            slides.append(&mut item_slides);
                        } else {
                            push_item(&mut section.pending, *start, i, item);
                        }
                    }
                }
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
                Block::Other { .. } => section.pending.push(block.clone()),
            }
        }
        self.flush(&mut section, &mut slides);
        slides
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
                });
            } else if let Some(last) = slides.last_mut() {
                for n in pending {
                    last.lines = last.lines.join(n.lines());
                    last.notes.push(n);
                }
            }
            return;
        }
        let mut out = self.body(&section.title, pending);
        if let (Some(lines), Some(first)) = (heading, out.first_mut()) {
            first.lines = first.lines.join(lines);
        }
        slides.append(&mut out);
    }

    /// A list item with children: its text titles the slide(s), its
    /// children are the body.
    fn subtree(&mut self, parents: &[Inline], item: &Item) -> Vec<Slide> {
        let mut path = parents.to_vec();
        if !item.head.is_blank() {
            path.push(numbered(item));
        }
        let mut out = self.body(&path, item.children.clone());
        if let Some(first) = out.first_mut() {
            first.lines = first
                .lines
                .join(Lines::new(item.lines.start, item.lines.start));
        }
        out
    }

    /// Lays a body out on one slide, or cuts it at item boundaries.
    fn body(&mut self, path: &[Inline], blocks: Vec<Block>) -> Vec<Slide> {
        let o = self.opts;
        if o.blocks_cost(&blocks) <= o.budget {
            return vec![make_slide(path, blocks, false)];
        }
        let mut out = Vec::new();
        let mut chunk = Chunk::default();
        for block in blocks {
            match block {
                Block::Notes { .. } => chunk.blocks.push(block),
                Block::List {
                    start,
                    items,
                    lines: _,
                } => {
                    for (i, item) in items.iter().enumerate() {
                        let cost = o.item_cost(item, 0);
                        if item.has_children() && cost * 2 > o.budget {
                            chunk.flush(path, &mut out);
                            let mut sub = self.subtree(path, item);
                            out.append(&mut sub);
                            continue;
                        }
                        if chunk.cost + cost > o.budget && chunk.has_body() {
                            chunk.flush(path, &mut out);
                        }
                        if cost > o.budget {
                            self.too_long(item.lines.start, cost);
                        }
                        push_item(&mut chunk.blocks, start, i, item);
                        chunk.cost += cost;
                    }
                }
                other => {
                    let cost = o.block_cost(&other, 0);
                    if chunk.cost + cost > o.budget && chunk.has_body() {
                        chunk.flush(path, &mut out);
                    }
                    if cost > o.budget {
                        self.too_long(other.lines().start, cost);
                    }
                    chunk.blocks.push(other);
                    chunk.cost += cost;
                }
            }
        }
        chunk.flush(path, &mut out);
        out
    }

    fn too_long(&mut self, line: u32, cost: usize) {
        self.diags.push(Diagnostic::warning(
            self.path,
            line,
            format!(
                "content too long for one slide (about {cost} lines, budget {}); it will be scaled to fit",
                self.opts.budget
            ),
        ));
    }
}

struct Section {
    title: Vec<Inline>,
    heading: Option<Lines>,
    pending: Vec<Block>,
}

#[derive(Default)]
struct Chunk {
    blocks: Vec<Block>,
    cost: usize,
    emitted: usize,
}

impl Chunk {
    fn has_body(&self) -> bool {
        self.blocks
            .iter()
            .any(|b| !matches!(b, Block::Notes { .. }))
    }

    fn flush(&mut self, path: &[Inline], out: &mut Vec<Slide>) {
        let blocks = std::mem::take(&mut self.blocks);
        self.cost = 0;
        if blocks.is_empty() {
            return;
        }
        if !self.has_body_in(&blocks) {
            // Notes alone belong to the slide before them.
            if let Some(last) = out.last_mut() {
                for n in blocks {
                    last.lines = last.lines.join(n.lines());
                    last.notes.push(n);
                }
                return;
            }
        }
        out.push(make_slide(path, blocks, self.emitted > 0));
        self.emitted += 1;
    }

    fn has_body_in(&self, blocks: &[Block]) -> bool {
        blocks.iter().any(|b| !matches!(b, Block::Notes { .. }))
    }
}

fn make_slide(path: &[Inline], blocks: Vec<Block>, continued: bool) -> Slide {
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
        continued,
        body,
        notes,
        lines,
    }
}

/// An item's text as a title, keeping its list number (`3. Title`).
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

/// Appends an item to the trailing list of `blocks`, or starts a new list
/// (keeping an ordered list's numbering).
fn push_item(blocks: &mut Vec<Block>, start: Option<u64>, index: usize, item: &Item) {
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
