//! Rendered size of content on the 1280×720 canvas, in CSS pixels, for the
//! built-in themes' CSS (runtime.css + themes/*.css). Text is wrapped with
//! per-character advance widths of DejaVu Sans, the widest of the common
//! fallbacks the themes name (and what `system-ui` is on most Linux
//! desktops), so narrower fonts only leave more room.

use super::sizes::*;
use crate::outline::{Block, CodeInfo, Inline, Item, OtherKind};
use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};
use std::collections::BTreeMap;

/// Intrinsic sizes (width, height in px) of a talk's local images, by
/// the URL as written in the notes.
pub type ImageSizes = BTreeMap<String, (u32, u32)>;

/// Advance widths (1/1000 em) of ASCII 32..=126, DejaVu Sans Book.
const REGULAR: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
/// The same for DejaVu Sans Bold (headings, `**strong**`).
const BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];
/// Monospace fonts the themes name advance 0.6 em (DejaVu Sans Mono 0.602).
const MONO: f64 = 0.602;

/// The gap between two columns, in body ems (`runtime.css` `.nd-cols`).
pub const COLUMN_GAP_EM: f64 = 1.5;

/// The canvas and the type scale of runtime.css with a theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Canvas<'a> {
    /// Content box inside `--nd-pad`.
    pub width: f64,
    pub height: f64,
    pub body_px: f64,
    pub line_height: f64,
    pub h2_px: f64,
    pub h1_px: f64,
    /// The theme's spacing scale (`--nd-gap-*`).
    pub space: Spacing,
    /// Images of known size; others are guessed ([`IMAGE_PX`]).
    pub images: Option<&'a ImageSizes>,
}

/// The built-in default theme's canvas, read once from its CSS.
static LIGHT: std::sync::LazyLock<Canvas<'static>> = std::sync::LazyLock::new(|| {
    let props = crate::services::theme::builtin_properties(crate::services::theme::DEFAULT_BASE);
    Canvas::themed(&props, &Canvas::BARE)
});

impl Default for Canvas<'_> {
    /// The default theme's (`themes/light.css`): the one copy of its numbers.
    fn default() -> Self {
        *LIGHT
    }
}

impl Canvas<'static> {
    /// Nothing set: what [`Canvas::themed`] falls back to for the built-in
    /// default theme itself (a test checks that theme sets every value).
    const BARE: Canvas<'static> = Canvas {
        width: 1280.0,
        height: 720.0,
        body_px: 0.0,
        line_height: 0.0,
        h2_px: 0.0,
        h1_px: 0.0,
        space: Spacing {
            title: 0.0,
            block: 0.0,
            item: 0.0,
            lead: 0.0,
        },
        images: None,
    };

    /// The canvas a theme's `:root` properties draw (sizes, padding,
    /// spacing scale), so a project theme is measured as it is drawn. A
    /// property missing or not in the unit the runtime reads (px for
    /// sizes, em for spacing) keeps `base`'s value.
    pub fn themed(props: &[(String, String)], base: &Canvas) -> Canvas<'static> {
        let get = |name: &str| {
            props
                .iter()
                .rev()
                .find(|(p, _)| p == name)
                .map(|(_, v)| v.trim())
        };
        let num = |v: &str, unit: &str| {
            v.strip_suffix(unit)
                .and_then(|n| n.trim().parse::<f64>().ok())
                .filter(|n| n.is_finite() && *n >= 0.0)
        };
        let px = |name: &str, fallback: f64| {
            get(name)
                .and_then(|v| num(v, "px"))
                .filter(|v| (4.0..=400.0).contains(v))
                .unwrap_or(fallback)
        };
        let mut c = Canvas {
            images: None,
            body_px: px("--nd-size-body", base.body_px),
            h1_px: px("--nd-size-h1", base.h1_px),
            h2_px: px("--nd-size-h2", base.h2_px),
            line_height: get("--nd-line-height")
                .and_then(|v| num(v, ""))
                .filter(|v| (0.8..=3.0).contains(v))
                .unwrap_or(base.line_height),
            ..*base
        };
        // `padding` shorthand: 1 to 4 lengths, top right bottom left.
        let pad: Option<Vec<f64>> = get("--nd-pad").and_then(|v| {
            v.split_whitespace()
                .map(|p| num(p, "px").or_else(|| (p == "0").then_some(0.0)))
                .collect()
        });
        if let Some(p) = pad.filter(|p| (1..=4).contains(&p.len())) {
            let (top, right) = (p[0], *p.get(1).unwrap_or(&p[0]));
            let bottom = *p.get(2).unwrap_or(&p[0]);
            let left = *p.get(3).unwrap_or(&right);
            if top + bottom < 720.0 / 2.0 && left + right < 1280.0 / 2.0 {
                c.width = 1280.0 - left - right;
                c.height = 720.0 - top - bottom;
            }
        }
        for (name, field) in SPACING {
            if let Some(v) = get(name).and_then(|v| num(v, "em")).filter(|v| *v <= 4.0) {
                *field(&mut c.space) = v;
            }
        }
        c
    }
}

/// Deeper quotes and lists are measured as flat text.
const MAX_NEST: usize = 24;
/// Images without a known size; every image is at most `max-height: 66%`
/// of the slide and `max-width: 100%` of its box (runtime.css).
const IMAGE_PX: f64 = 240.0;
const IMAGE_MAX: f64 = 720.0 * IMAGE_MAX_SHARE;

/// Shown height of an image `(w, h)` px in a box `width` wide: scaled
/// down, never up, keeping its aspect ratio.
pub fn image_height((w, h): (u32, u32), width: f64) -> f64 {
    let (w, h) = (f64::from(w), f64::from(h));
    (h * (width / w).min(IMAGE_MAX / h).min(1.0)).max(1.0)
}

/// The same with the size words of its alt text (`w:300`, `h:200px`,
/// `width:50%`, which render turns into attributes), of known or guessed
/// (`None`) intrinsic size.
fn sized_image_height(size: Option<(u32, u32)>, alt: &str, width: f64) -> f64 {
    let (mut w, mut h) = (None, None);
    for word in alt.split_whitespace() {
        if let Some((attr, v)) = size_token(word) {
            let px = match v.strip_suffix('%') {
                Some(p) => p.parse::<f64>().ok().map(|p| p / 100.0 * width),
                None => v.parse::<f64>().ok(),
            };
            match attr {
                "width" => w = w.or(px),
                _ => h = h.or(px),
            }
        }
    }
    let ratio = size.map(|(iw, ih)| f64::from(ih) / f64::from(iw));
    match (w, h, ratio) {
        (_, Some(h), _) => h.min(IMAGE_MAX),
        (Some(w), None, Some(r)) => (w.min(width) * r).min(IMAGE_MAX),
        _ => size.map_or(IMAGE_PX, |s| image_height(s, width)),
    }
}

fn char_em(c: char, bold: bool) -> f64 {
    let cp = c as u32;
    if (32..127).contains(&cp) {
        let t = if bold { &BOLD } else { &REGULAR };
        return t[(cp - 32) as usize] as f64 / 1000.0;
    }
    // Common punctuation of notes (DejaVu Sans; bold within 10%).
    let punct = match c {
        '\u{2014}' | '\u{2026}' => 1.0,
        '\u{2013}' => 0.5,
        '\u{2018}' | '\u{2019}' | '\u{b7}' => 0.32,
        '\u{201c}' | '\u{201d}' => 0.518,
        '\u{2192}' | '\u{d7}' => 0.838,
        '\u{2022}' => 0.59,
        _ => 0.0,
    };
    if punct > 0.0 {
        punct
    } else if is_wide(c) {
        1.0
    } else if (0x300..0x370).contains(&cp) || (0x200b..0x2010).contains(&cp) {
        0.0
    } else if cp >= 0x1f000 {
        1.1
    } else if bold {
        0.74
    } else {
        0.66
    }
}

/// A paragraph: a lead-in when a list, table or code block follows it
/// at the top level (runtime.css: `.slide-body>p+:is(ul,ol,table,pre)`).
pub fn is_paragraph(b: &Block) -> bool {
    matches!(
        b,
        Block::Other {
            kind: OtherKind::Paragraph,
            ..
        }
    )
}

/// A block a lead-in introduces: a list, a table or code.
pub fn is_introduced(b: &Block) -> bool {
    matches!(
        b,
        Block::List { .. }
            | Block::Other {
                kind: OtherKind::Table | OtherKind::DenseTable | OtherKind::Code,
                ..
            }
    )
}

pub fn leads_into(prev: &Block, next: &Block) -> bool {
    is_paragraph(prev) && is_introduced(next)
}

fn is_video(t: &str) -> bool {
    // The `/` first: a memchr, where each string search is set up anew.
    t.contains('/')
        && ["youtube.com/", "youtu.be/", "vimeo.com/"]
            .iter()
            .any(|h| t.contains(h))
}

/// East Asian wide characters: a line may break between any two of them.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115f | 0x2e80..=0xa4cf | 0xac00..=0xd7a3 | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f | 0xff00..=0xff60 | 0xffe0..=0xffe6 | 0x20000..=0x3fffd)
}

/// Greedy word wrap, as the browser does it (`overflow-wrap: anywhere`).
#[derive(Debug, Clone, Copy)]
struct Wrap {
    width: f64,
    lines: usize,
    x: f64,
    word: f64,
    any: bool,
}

impl Wrap {
    fn new(width: f64) -> Self {
        Wrap {
            width: width.max(40.0),
            lines: 1,
            x: 0.0,
            word: 0.0,
            any: false,
        }
    }

    fn end_word(&mut self) {
        if self.word == 0.0 {
            return;
        }
        if self.x > 0.0 && self.x + self.word > self.width {
            self.lines += 1;
            self.x = 0.0;
        }
        let mut w = self.word;
        while w > self.width {
            self.lines += 1;
            w -= self.width;
        }
        self.x += w;
        self.word = 0.0;
    }

    fn push(&mut self, s: &str, px: f64, bold: bool, mono: bool) {
        for c in s.chars() {
            self.any = true;
            let w = if mono { MONO } else { char_em(c, bold) } * px;
            if c.is_whitespace() {
                self.end_word();
                if self.x > 0.0 {
                    self.x += w.min(px * 0.35);
                }
            } else if is_wide(c) {
                self.end_word();
                self.word = w;
                self.end_word();
            } else {
                self.word += w;
            }
        }
    }

    fn hard_break(&mut self) {
        self.end_word();
        self.lines += 1;
        self.x = 0.0;
    }

    fn finish(mut self) -> usize {
        self.end_word();
        self.lines
    }
}

impl Canvas<'_> {
    /// Lines an inline run takes at `px` in a box `width` wide; images and
    /// display math inside it add their height (second value, px).
    pub fn inline_lines(&self, events: &[Event], px: f64, width: f64, bold: bool) -> (usize, f64) {
        let mut w = Wrap::new(width);
        let mut strong = usize::from(bold);
        let mut extra = 0.0;
        let mut image = 0usize;
        let mut images = 0usize;
        // Height of each image beyond the guess, and of the small ones set in
        // text; the image being read (its size, its alt text).
        let mut known = 0.0;
        let mut in_text = 0.0;
        let mut reading: Option<(Option<(u32, u32)>, String)> = None;
        for e in events {
            match e {
                Event::Start(Tag::Strong) | Event::Start(Tag::Heading { .. }) => strong += 1,
                Event::End(TagEnd::Strong) | Event::End(TagEnd::Heading(_)) => {
                    strong = strong.saturating_sub(1)
                }
                Event::Start(Tag::Image { dest_url, .. }) => {
                    image += 1;
                    let size = self.images.and_then(|m| m.get(dest_url.as_ref())).copied();
                    reading = Some((size, String::new()));
                }
                Event::End(TagEnd::Image) => {
                    image = image.saturating_sub(1);
                    images += 1;
                    extra += IMAGE_PX;
                    if let Some((size, alt)) = reading.take() {
                        let h = sized_image_height(size, &alt, width);
                        known += h - IMAGE_PX;
                        let guessed = size.is_none() && h == IMAGE_PX;
                        in_text += if guessed {
                            2.0 * px
                        } else {
                            (h - px * self.line_height).max(0.0)
                        };
                    }
                }
                Event::Text(t) if image > 0 => {
                    if let Some((_, alt)) = reading.as_mut() {
                        alt.push_str(t);
                        alt.push(' ');
                    }
                }
                _ if image > 0 => {}
                Event::Text(t) => {
                    if is_video(t) {
                        // render/links.rs shows these as a card: a taller
                        // block of its own, text around it on lines apart.
                        extra += px * 1.3;
                        let mut rest = t.as_ref();
                        while let Some(at) = rest.find(|c: char| !c.is_whitespace()) {
                            let word_end = rest[at..]
                                .find(char::is_whitespace)
                                .map_or(rest.len(), |e| at + e);
                            let word = &rest[at..word_end];
                            if is_video(word) {
                                if w.x > 0.0 || w.word > 0.0 {
                                    w.hard_break();
                                }
                                w.push(word, px, strong > 0, false);
                                if !rest[word_end..].trim().is_empty() {
                                    w.hard_break();
                                }
                            } else {
                                w.push(&rest[..word_end], px, strong > 0, false);
                            }
                            rest = &rest[word_end..];
                        }
                    } else {
                        w.push(t, px, strong > 0, false)
                    }
                }
                Event::Code(t) => {
                    w.push(t, px * 0.85, false, true);
                    w.word += 0.5 * 0.85 * px;
                }
                Event::InlineMath(t) => w.push(t, px * 0.8, false, false),
                Event::DisplayMath(t) => {
                    let rows = t.matches("\\\\").count() + 1;
                    extra += rows as f64 * px * 1.6;
                }
                Event::SoftBreak => w.push(" ", px, false, false),
                Event::HardBreak => w.hard_break(),
                _ => {}
            }
        }
        let lines = if w.any || extra == 0.0 { w.finish() } else { 0 };
        if w.any && images > 0 {
            // An image inside a line of text is a small one (an icon, a badge).
            return (lines, (extra - images as f64 * IMAGE_PX + in_text).max(0.0));
        }
        (lines, (extra + known).min(IMAGE_MAX))
    }

    fn line(&self, px: f64) -> f64 {
        px * self.line_height
    }

    /// The same canvas with the body one step smaller (`.smaller`).
    pub fn smaller(self) -> Self {
        Canvas {
            body_px: self.body_px * SMALLER_SCALE,
            ..self
        }
    }

    /// The gap between two columns (`runtime.css` `.nd-cols`).
    pub fn column_gap(&self) -> f64 {
        COLUMN_GAP_EM * self.body_px
    }

    /// One body line at the base size.
    pub fn body_line(&self) -> f64 {
        self.line(self.body_px)
    }

    /// Height of a content slide's running title, with its margin.
    pub fn title_height(&self, title: &[Inline], continued: bool) -> f64 {
        if title.is_empty() {
            return 0.0;
        }
        let px = self.h2_px;
        // The breadcrumb: a label of its own lines above the title.
        let crumb_px = px * CRUMB_SCALE;
        let mut label = 0.0;
        if title.len() > 1 {
            let mut c = Wrap::new(self.width);
            for part in &title[..title.len() - 1] {
                c.push(part.text.trim(), crumb_px, false, false);
                c.push(" › ", crumb_px, false, false);
            }
            label = (c.finish() - 1) as f64 * crumb_px * HEADING_LH + self.crumb_line();
        }
        let mut w = Wrap::new(self.width);
        if let Some(part) = title.last() {
            w.push(part.text.trim(), px, true, false);
        }
        if continued {
            w.push(" (cont.)", px * 0.6, false, false);
        }
        label + w.finish() as f64 * px * HEADING_LH + px * self.space.title
    }

    /// One line of the breadcrumb label above a title, with its gap.
    pub fn crumb_line(&self) -> f64 {
        let px = self.h2_px * CRUMB_SCALE;
        px * HEADING_LH + px * CRUMB_GAP
    }

    /// Height of one list item with its subtree, at list depth `depth`.
    pub fn item_height(&self, item: &Item, depth: usize) -> f64 {
        let px = self.depth_px(depth);
        let width = self.depth_width(depth);
        let (lines, extra) = self.inline_lines(&item.head.events, px, width, false);
        let own = (lines as f64 * self.line(px) + extra).max(self.line(px));
        own + self.children_height(&item.children, depth)
    }

    /// The nested blocks of an item at `depth`, with the gaps above them.
    pub fn children_height(&self, children: &[Block], depth: usize) -> f64 {
        let px = self.depth_px(depth);
        let mut h = 0.0;
        for b in children {
            match b {
                Block::List { items, .. } => {
                    h += self.nested_gap(depth);
                    h += self.items_height(items, depth + 1);
                }
                Block::Notes { .. } | Block::Break { .. } => {}
                other => {
                    h += self.inner_gap(depth) + self.block_at(other, px, self.depth_width(depth));
                }
            }
        }
        h
    }

    /// Items of one list at `depth`, with the gaps between them.
    pub fn items_height(&self, items: &[Item], depth: usize) -> f64 {
        let gap = self.item_gap(depth);
        items
            .iter()
            .map(|i| self.item_height(i, depth))
            .sum::<f64>()
            + gap * items.len().saturating_sub(1) as f64
    }

    /// Font size of list items at `depth`: nested lists are
    /// `NESTED_SCALE` at every depth.
    pub fn depth_px(&self, depth: usize) -> f64 {
        self.body_px * NESTED_SCALE.powi(depth.min(1) as i32)
    }

    /// A list nested in an item drawn at `px`: one step smaller below the
    /// body size, the same size deeper down.
    fn nested_px(&self, px: f64) -> f64 {
        if px > self.body_px * NESTED_SCALE + 0.01 {
            px * NESTED_SCALE
        } else {
            px
        }
    }

    /// Width of an item's text at `depth`: each list level pads `1.2em`.
    pub fn depth_width(&self, depth: usize) -> f64 {
        self.width
            - (0..=depth)
                .map(|d| LIST_PAD * self.depth_px(d))
                .sum::<f64>()
    }

    /// Gap between two top-level body blocks; between items of one list.
    pub fn block_gap(&self) -> f64 {
        self.space.block * self.body_px
    }

    /// Above top-level block `next` (after `prev`, before `after`): a
    /// lead-in ([`leads_into`]) sits close to what it introduces, and the
    /// room it gives up below it goes above it.
    pub fn gap_between(&self, prev: &Block, next: &Block, after: Option<&Block>) -> f64 {
        if leads_into(prev, next) {
            self.lead_gap()
        } else if after.is_some_and(|a| leads_into(next, a)) {
            self.above_lead_gap()
        } else {
            self.block_gap()
        }
    }

    pub fn lead_gap(&self) -> f64 {
        self.space.lead * self.body_px
    }

    /// Above a lead-in that is not first on its slide.
    pub fn above_lead_gap(&self) -> f64 {
        2.0 * self.block_gap() - self.lead_gap()
    }

    pub fn item_gap(&self, depth: usize) -> f64 {
        self.space.item * self.depth_px(depth)
    }

    /// Above a list nested in an item at `depth` (em of the nested list).
    pub fn nested_gap(&self, depth: usize) -> f64 {
        NESTED_GAP * self.depth_px(depth + 1)
    }

    /// Between blocks inside an item at `depth`.
    pub fn inner_gap(&self, depth: usize) -> f64 {
        INNER_GAP * self.depth_px(depth)
    }

    /// Height of a top-level body block.
    pub fn block_height(&self, b: &Block) -> f64 {
        self.block_at(b, self.body_px, self.width)
    }

    /// Height of a body, blocks and gaps.
    pub fn blocks_height(&self, blocks: &[Block]) -> f64 {
        let shown: Vec<&Block> = blocks
            .iter()
            .filter(|b| !matches!(b, Block::Notes { .. } | Block::Break { .. }))
            .collect();
        let mut h = 0.0;
        for (k, b) in shown.iter().enumerate() {
            if k > 0 {
                h += self.gap_between(shown[k - 1], b, shown.get(k + 1).copied());
            }
            h += self.block_height(b);
        }
        h
    }

    fn block_at(&self, b: &Block, px: f64, width: f64) -> f64 {
        match b {
            Block::List { items, .. } => {
                // A list nested in a quote or item keeps the given width.
                let depth = usize::from(px < self.body_px * NESTED_SCALE + 0.01);
                self.items_height(items, depth)
            }
            Block::Heading { title, .. } => {
                let (n, _) = self.inline_lines(&title.events, px * 1.17, width, true);
                n as f64 * self.line(px * 1.17)
            }
            Block::Notes { .. } | Block::Break { .. } => 0.0,
            Block::Other {
                events,
                kind: OtherKind::DenseTable,
                ..
            } if events.len() >= 2 => {
                let rows = table_rows(&events[1..events.len() - 1]);
                self.row_heights(&rows, width, self.table_px(px, true))
                    .iter()
                    .sum()
            }
            Block::Other { events, .. } => self.events_height(events, px, width, self.space.block),
        }
    }

    /// Height of a run of block-level events (the inside of an
    /// `Other` block, a quote), siblings `gap` em apart.
    pub fn events_height(&self, events: &[Event], px: f64, width: f64, gap: f64) -> f64 {
        self.events_height_n(events, px, width, gap, 0)
    }

    /// `nest`: quote and list levels above; past [`MAX_NEST`] the rest is
    /// measured as flat text (no recursion on 10,000-deep quotes).
    fn events_height_n(&self, events: &[Event], px: f64, width: f64, gap: f64, nest: usize) -> f64 {
        if nest > MAX_NEST {
            let (l, extra) = self.inline_lines(events, px, width.max(self.width / 4.0), false);
            return l as f64 * self.line(px) + extra;
        }
        let mut h = 0.0;
        let mut n = 0;
        for (s, e) in top_level(events) {
            let part = &events[s..e];
            let one = self.element_height(part, px, width, nest);
            if one <= 0.0 {
                continue;
            }
            if n > 0 {
                h += gap * px;
            }
            n += 1;
            h += one;
        }
        h
    }

    fn element_height(&self, ev: &[Event], px: f64, width: f64, nest: usize) -> f64 {
        if nest > MAX_NEST {
            let (l, extra) = self.inline_lines(ev, px, width.max(self.width / 4.0), false);
            return l as f64 * self.line(px) + extra;
        }
        let inner = if ev.len() >= 2 {
            &ev[1..ev.len() - 1]
        } else {
            ev
        };
        match ev.first() {
            Some(Event::Start(Tag::Paragraph)) | Some(Event::Start(Tag::FootnoteDefinition(_))) => {
                let (l, extra) = self.inline_lines(inner, px, width, false);
                l as f64 * self.line(px) + extra
            }
            Some(Event::Start(Tag::Heading { .. })) => {
                let (l, _) = self.inline_lines(inner, px * 1.17, width, true);
                l as f64 * self.line(px * 1.17)
            }
            Some(Event::Start(Tag::CodeBlock(kind))) => {
                let text: String = inner
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                self.code_height(&text, width - self.code_gutter(kind))
            }
            Some(Event::Start(Tag::Table(_))) => self.table_height(inner, width, px),
            Some(Event::Start(Tag::BlockQuote(_))) => {
                let w = width - QUOTE_BORDER - QUOTE_PAD * px;
                self.events_height_n(inner, px, w, INNER_GAP, nest + 1)
            }
            Some(Event::Start(Tag::List(_))) => {
                let items = top_level(inner);
                let lpx = px;
                let w = width - LIST_PAD * lpx;
                let mut h = 0.0;
                for (k, (s, e)) in items.iter().enumerate() {
                    if k > 0 {
                        h += self.space.item * lpx;
                    }
                    h += self.item_events_height(&inner[s + 1..e - 1], lpx, w, nest + 1);
                }
                h
            }
            Some(Event::Start(Tag::HtmlBlock)) | Some(Event::Html(_)) => {
                let text: String = ev
                    .iter()
                    .filter_map(|e| match e {
                        Event::Html(t) | Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let visible = text.trim();
                if visible.is_empty() || visible.starts_with("<!--") {
                    0.0
                } else {
                    text.lines().filter(|l| !l.trim().is_empty()).count() as f64 * self.line(px)
                }
            }
            Some(Event::DisplayMath(_)) | Some(Event::Start(Tag::Image { .. })) => {
                self.inline_lines(ev, px, width, false).1
            }
            Some(Event::Rule) => px,
            Some(Event::Start(Tag::DefinitionList)) => {
                let (l, _) = self.inline_lines(inner, px, width, false);
                l as f64 * self.line(px) * 1.5
            }
            Some(Event::Start(_)) => {
                let (l, extra) = self.inline_lines(inner, px, width, false);
                l as f64 * self.line(px) + extra
            }
            _ => {
                let (l, extra) = self.inline_lines(ev, px, width, false);
                l as f64 * self.line(px) + extra
            }
        }
    }

    /// An item given as events (inside a quote or a deep block): its own
    /// inline text, then nested blocks one step smaller (`nested_px`).
    fn item_events_height(&self, ev: &[Event], px: f64, width: f64, nest: usize) -> f64 {
        let mut h = 0.0;
        let mut inline_end = 0;
        while inline_end < ev.len() && !is_block_start(&ev[inline_end]) {
            inline_end += 1;
        }
        let (l, extra) = self.inline_lines(&ev[..inline_end], px, width, false);
        if inline_end > 0 {
            h += l as f64 * self.line(px) + extra;
        }
        for (s, e) in top_level(&ev[inline_end..]) {
            let part = &ev[inline_end + s..inline_end + e];
            if let Some(Event::Start(Tag::List(_))) = part.first() {
                let inner = self.nested_px(px);
                h += NESTED_GAP * inner + self.element_height(part, inner, width, nest);
            } else {
                let one = self.element_height(part, px, width, nest);
                if one > 0.0 {
                    h += if h > 0.0 { INNER_GAP * px } else { 0.0 } + one;
                }
            }
        }
        // Even an empty item keeps its marker's line.
        h.max(self.line(px))
    }

    /// A code block: `white-space: pre-wrap`, so long lines wrap.
    pub fn code_height(&self, text: &str, width: f64) -> f64 {
        let px = (self.body_px * PRE_SCALE).max(PRE_MIN_PX);
        self.code_lines(text, width) as f64 * px * PRE_LH + 2.0 * PRE_PAD_Y * px
    }

    /// Rendered lines of a code block's text.
    pub fn code_lines(&self, text: &str, width: f64) -> usize {
        let px = (self.body_px * PRE_SCALE).max(PRE_MIN_PX);
        let per_line = ((width - 2.0 * PRE_PAD_X * px) / (MONO * px))
            .floor()
            .max(8.0) as usize;
        text.trim_end_matches('\n')
            .split('\n')
            .map(|l| {
                let n: usize = l
                    .chars()
                    .map(|c| {
                        if c == '\t' {
                            4
                        } else if is_wide(c) {
                            2
                        } else {
                            1
                        }
                    })
                    .sum();
                n.div_ceil(per_line).max(1)
            })
            .sum::<usize>()
            .max(1)
    }

    /// Width of the line-number gutter of a numbered code block (5ch).
    pub fn code_gutter(&self, kind: &CodeBlockKind) -> f64 {
        match kind {
            CodeBlockKind::Fenced(info) if CodeInfo::parse(info).numbers => {
                5.0 * MONO * (self.body_px * PRE_SCALE).max(PRE_MIN_PX)
            }
            _ => 0.0,
        }
    }

    /// Lines per code block piece that fit in `height` px.
    pub fn code_lines_in(&self, height: f64) -> usize {
        let px = (self.body_px * PRE_SCALE).max(PRE_MIN_PX);
        ((height - 2.0 * PRE_PAD_Y * px) / (px * PRE_LH))
            .floor()
            .max(1.0) as usize
    }

    /// Rows of a table as `(cells' inline events)`, header first.
    fn table_height(&self, ev: &[Event], width: f64, px: f64) -> f64 {
        let rows = table_rows(ev);
        self.row_heights(&rows, width, self.table_px(px, false))
            .iter()
            .sum()
    }

    /// Font size of a table in text of `px`, dense or not.
    pub fn table_px(&self, px: f64, dense: bool) -> f64 {
        if dense {
            (px * DENSE_TABLE_SCALE).max(PRE_MIN_PX)
        } else {
            px * TABLE_SCALE
        }
    }

    /// Heights of table rows (the header first) with auto column widths,
    /// text at `tpx`.
    pub fn row_heights(&self, rows: &[Vec<&[Event]>], width: f64, tpx: f64) -> Vec<f64> {
        let pad = 2.0 * CELL_PAD_X * tpx;
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        if cols == 0 {
            return Vec::new();
        }
        // Natural (one-line) and minimum (longest word) column widths.
        let mut nat = vec![0.0f64; cols];
        let mut min = vec![0.0f64; cols];
        for r in rows {
            for (c, cell) in r.iter().enumerate() {
                let one = inline_width(cell, tpx);
                nat[c] = nat[c].max(one + pad);
                min[c] = min[c].max(longest_word(cell, tpx).min(width / cols as f64) + pad);
            }
        }
        let total: f64 = nat.iter().sum();
        let widths: Vec<f64> = if total <= width {
            nat.clone()
        } else {
            // Like the browser: minimums first, the rest shared by natural width.
            let mins: f64 = min.iter().sum();
            let spare = (width - mins).max(0.0);
            let over: f64 = nat
                .iter()
                .zip(&min)
                .map(|(n, m)| n - m)
                .sum::<f64>()
                .max(1.0);
            nat.iter()
                .zip(&min)
                .map(|(n, m)| m + spare * (n - m) / over)
                .collect()
        };
        rows.iter()
            .enumerate()
            .map(|(i, r)| {
                let lines = r
                    .iter()
                    .enumerate()
                    .map(|(c, cell)| {
                        let (l, extra) = self.inline_lines(cell, tpx, widths[c] - pad, i == 0);
                        l as f64 * self.line(tpx) + extra
                    })
                    .fold(self.line(tpx), f64::max);
                lines + 2.0 * CELL_PAD_Y * tpx + if i == 0 { 2.0 } else { 1.0 }
            })
            .collect()
    }
}

fn inline_width(ev: &[Event], px: f64) -> f64 {
    let mut w = 0.0;
    let mut strong = 0;
    for e in ev {
        match e {
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong -= 1,
            Event::Text(t) => w += t.chars().map(|c| char_em(c, strong > 0)).sum::<f64>() * px,
            Event::Code(t) => w += (t.chars().count() as f64 * MONO * 0.85 + 0.425) * px,
            _ => {}
        }
    }
    w
}

fn longest_word(ev: &[Event], px: f64) -> f64 {
    let mut best = 0.0f64;
    for e in ev {
        if let Event::Text(t) | Event::Code(t) = e {
            for word in t.split_whitespace() {
                best = best.max(word.chars().map(|c| char_em(c, false)).sum::<f64>() * px);
            }
        }
    }
    best
}

/// The cells of each row of a table's inner events, header first.
pub fn table_rows<'a, 'e>(ev: &'a [Event<'e>]) -> Vec<Vec<&'a [Event<'e>]>> {
    let mut rows = Vec::new();
    let mut row: Vec<&[Event]> = Vec::new();
    let mut cell_start = None;
    for (i, e) in ev.iter().enumerate() {
        match e {
            Event::Start(Tag::TableCell) => cell_start = Some(i + 1),
            Event::End(TagEnd::TableCell) => {
                if let Some(s) = cell_start.take() {
                    row.push(&ev[s..i]);
                }
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                rows.push(std::mem::take(&mut row))
            }
            _ => {}
        }
    }
    rows
}

fn is_block_start(e: &Event) -> bool {
    matches!(
        e,
        Event::Start(
            Tag::Paragraph
                | Tag::List(_)
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::Heading { .. }
                | Tag::HtmlBlock
        ) | Event::Rule
            | Event::DisplayMath(_)
    )
}

/// `(start, end)` ranges of the top-level elements of `events` (a Start
/// through its End, or a lone event).
pub fn top_level(events: &[Event]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(_) => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push((start, i + 1));
                }
            }
            _ if depth == 0 => out.push((i, i + 1)),
            _ => {}
        }
    }
    out
}

/// A Marp-style size in alt text (`w:300`, `h:200px`, `width:50%`): the
/// HTML attribute and its value.
pub fn size_token(word: &str) -> Option<(&'static str, String)> {
    let (key, value) = word.split_once(':')?;
    let attr = match key {
        "w" | "width" => "width",
        "h" | "height" => "height",
        _ => return None,
    };
    let (num, pct) = match value.strip_suffix('%') {
        Some(n) => (n, true),
        None => (value.strip_suffix("px").unwrap_or(value), false),
    };
    let n: u32 = num.parse().ok().filter(|n| *n > 0 && *n <= 10_000)?;
    Some((attr, if pct { format!("{n}%") } else { n.to_string() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Vec<Event<'static>> {
        vec![Event::Text(s.to_string().into())]
    }

    #[test]
    fn every_builtin_theme_sets_every_size_the_layout_reads() {
        for name in crate::services::theme::names() {
            let props = crate::services::theme::builtin_properties(name);
            let c = Canvas::themed(&props, &Canvas::BARE);
            let s = c.space;
            for v in [c.body_px, c.line_height, c.h1_px, c.h2_px] {
                assert!(v > 0.0, "{name}: {c:?}");
            }
            for v in [s.title, s.block, s.item, s.lead] {
                assert!(v > 0.0, "{name}: {s:?}");
            }
            assert!(
                c.width < 1280.0 && c.height < 720.0,
                "{name}: no padding read"
            );
        }
        let c = Canvas::default();
        assert_eq!((c.width, c.height, c.body_px), (1152.0, 624.0, 32.0));
    }

    #[test]
    fn a_lead_in_sits_closer_to_what_it_introduces() {
        let src = crate::source::SourceFile::new(
            "t.md",
            "# D\n\n## T\n\nthe results:\n\n* one\n\nafter\n\nmore\n",
        );
        let mut d = Vec::new();
        let o = crate::parse::parse(&src, &mut d);
        let b = &o.groups[0].talks[0].blocks;
        let at = b
            .iter()
            .position(|x| matches!(x, Block::List { .. }))
            .expect("a list");
        let (lead, list, after, more) = (&b[at - 1], &b[at], &b[at + 1], &b[at + 2]);
        let c = Canvas::default();
        assert!(c.lead_gap() > 0.0 && c.lead_gap() < c.block_gap());
        assert_eq!(c.gap_between(lead, list, Some(after)), c.lead_gap());
        // A list before a paragraph, and two paragraphs: the block gap.
        assert_eq!(c.gap_between(list, after, Some(more)), c.block_gap());
        assert_eq!(c.gap_between(after, more, None), c.block_gap());
        // Above a lead-in: what it gives up below, so a pair costs the same.
        assert_eq!(c.gap_between(more, lead, Some(list)), c.above_lead_gap());
        assert!((c.above_lead_gap() + c.lead_gap() - 2.0 * c.block_gap()).abs() < 1e-9);
        let two = [lead.clone(), list.clone()];
        let h = c.block_height(lead) + c.lead_gap() + c.block_height(list);
        assert!((c.blocks_height(&two) - h).abs() < 1e-9);
    }

    #[test]
    fn a_theme_override_changes_what_is_measured() {
        let base = Canvas::default();
        let props = [
            ("--nd-gap-item".to_string(), ".6em".to_string()),
            ("--nd-pad".to_string(), "40px 100px".to_string()),
            ("--nd-gap-block".to_string(), "12px".to_string()),
        ];
        let c = Canvas::themed(&props, &base);
        assert_eq!(c.item_gap(0), 0.6 * 32.0);
        assert_eq!((c.width, c.height), (1080.0, 640.0));
        // Not in em: the runtime's value cannot be known, the base's stays.
        assert_eq!(c.block_gap(), base.block_gap());
    }

    #[test]
    fn short_text_is_one_line_and_long_text_wraps() {
        let c = Canvas::default();
        assert_eq!(
            Canvas::default()
                .inline_lines(&text("Sponsor RustTLS"), 32.0, c.width, false)
                .0,
            1
        );
        // ~56 average characters per line at 32px in 1152px.
        let long = "word ".repeat(40);
        let (n, _) = Canvas::default().inline_lines(&text(&long), 32.0, c.width, false);
        assert!((3..=5).contains(&n), "{n}");
    }

    #[test]
    fn cjk_wraps_without_spaces() {
        let s = "多言語".repeat(30);
        let (n, _) = Canvas::default().inline_lines(&text(&s), 32.0, 1152.0, false);
        assert_eq!(n, 3, "90 wide characters at 36 per line");
    }

    #[test]
    fn a_long_url_breaks_anywhere() {
        let s = format!("https://example.com/{}", "a".repeat(200));
        let (n, _) = Canvas::default().inline_lines(&text(&s), 32.0, 1152.0, false);
        assert!(n >= 4, "{n}");
    }

    #[test]
    fn size_words_in_alt_text_set_the_image_height() {
        let w = 1152.0;
        assert_eq!(
            sized_image_height(Some((1000, 500)), "chart w:400", w),
            200.0
        );
        assert_eq!(
            sized_image_height(Some((1000, 500)), "chart width:50%", w),
            288.0
        );
        assert_eq!(sized_image_height(None, "h:150px", w), 150.0);
        // Never over the 66% cap, and unknown sizes keep the guess.
        assert_eq!(sized_image_height(None, "h:9000", w), IMAGE_MAX);
        assert_eq!(sized_image_height(None, "w:300", w), IMAGE_PX);
    }

    #[test]
    fn code_lines_wrap_at_the_box() {
        let c = Canvas::default();
        assert_eq!(c.code_lines("a\nb\n", c.width), 2);
        assert_eq!(c.code_lines(&"x".repeat(200), c.width), 3);
    }
}
