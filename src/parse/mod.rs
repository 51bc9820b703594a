//! SourceFile → Outline: pulldown-cmark events grouped into groups (H1),
//! talks (H2) and blocks, each block keeping its source lines.

use crate::diag::Diagnostic;
use crate::outline::{Block, Group, Inline, Item, Lines, OtherKind, Outline, Talk};
use crate::source::SourceFile;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Lists nested deeper than this are kept whole as one block instead of
/// being walked recursively (protects the stack on hostile input), with a
/// `path:line` warning. Block quotes are never walked, so need no cap.
pub const MAX_DEPTH: usize = 48;

/// Markdown extensions notedeck turns on. Heading attributes stay off:
/// they let `# T {onclick=…}` inject attributes.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH
}

pub fn parse(src: &SourceFile, diags: &mut Vec<Diagnostic>) -> Outline {
    let events: Vec<(Event<'static>, Range<usize>)> = Parser::new_ext(&src.text, options())
        .into_offset_iter()
        .map(|(e, r)| (e.into_static(), r))
        .collect();
    let mut cursor = Cursor {
        events,
        pos: 0,
        src,
        diags,
    };
    let blocks = cursor.blocks(0);
    let groups = split_groups(blocks, src, cursor.diags);
    Outline {
        path: src.path.clone(),
        stem: src.stem(),
        groups,
    }
}

struct Cursor<'a> {
    events: Vec<(Event<'static>, Range<usize>)>,
    pos: usize,
    src: &'a SourceFile,
    diags: &'a mut Vec<Diagnostic>,
}

impl Cursor<'_> {
    fn lines(&self, r: &Range<usize>) -> Lines {
        Lines::new(self.src.line_of(r.start), self.src.end_line_of(r.end))
    }

    /// Block sequence up to (not including) the enclosing End, or the end.
    fn blocks(&mut self, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        while let Some((ev, _)) = self.events.get(self.pos) {
            match ev {
                Event::End(_) => break,
                Event::Rule => {
                    let r = self.events[self.pos].1.clone();
                    out.push(Block::Break {
                        lines: self.lines(&r),
                    });
                    self.pos += 1;
                }
                Event::Start(Tag::List(start)) if depth < MAX_DEPTH => {
                    let start = *start;
                    if let Some(b) = self.list(start, depth) {
                        out.push(b);
                    }
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    let level = heading_level(*level);
                    let (events, r) = self.take_balanced();
                    let inner = strip_outer(events);
                    out.push(Block::Heading {
                        level,
                        title: inline(inner),
                        lines: self.lines(&r),
                    });
                }
                Event::Start(Tag::Paragraph) => {
                    let (events, r) = self.take_balanced();
                    let lines = self.lines(&r);
                    out.push(paragraph(events, lines));
                }
                Event::Start(Tag::HtmlBlock) => {
                    let (events, r) = self.take_balanced();
                    let lines = self.lines(&r);
                    out.push(html_block(events, lines));
                }
                Event::Start(tag) if !is_block_tag(tag) => {
                    let (events, r) = self.inline_run();
                    let text = plain_text(&events);
                    out.push(Block::Other {
                        events,
                        text,
                        kind: OtherKind::Misc,
                        lines: self.lines(&r),
                    });
                }
                Event::Start(tag) => {
                    let kind = match tag {
                        Tag::CodeBlock(_) => OtherKind::Code,
                        Tag::Table(_) => OtherKind::Table,
                        Tag::BlockQuote(_) => OtherKind::Quote,
                        Tag::List(_) => OtherKind::Deep,
                        _ => OtherKind::Misc,
                    };
                    let (events, r) = self.take_balanced();
                    let text = plain_text(&events);
                    if kind == OtherKind::Deep {
                        self.diags.push(Diagnostic::warning_at(
                            self.src,
                            r.start,
                            format!(
                                "list nested deeper than {MAX_DEPTH} levels: the rest is kept as one block"
                            ),
                        ));
                    }
                    out.push(Block::Other {
                        events,
                        text,
                        kind,
                        lines: self.lines(&r),
                    });
                }
                _ => {
                    // Stray inline content at block level (a tight item's
                    // text after a nested block): one block for the whole
                    // run, so layout never cuts it apart.
                    let (events, r) = self.inline_run();
                    let text = plain_text(&events);
                    out.push(Block::Other {
                        events,
                        text,
                        kind: OtherKind::Misc,
                        lines: self.lines(&r),
                    });
                }
            }
        }
        out
    }

    /// Consecutive inline events (with their inline Start/End pairs) up to
    /// the next block edge; always at least one event.
    fn inline_run(&mut self) -> (Vec<Event<'static>>, Range<usize>) {
        let begin = self.pos;
        let mut range = self.events[begin].1.clone();
        let mut depth = 0usize;
        while let Some((ev, r)) = self.events.get(self.pos) {
            match ev {
                Event::Start(t) if !is_block_tag(t) => depth += 1,
                Event::End(_) if depth > 0 => depth -= 1,
                Event::Start(_) | Event::End(_) | Event::Rule if self.pos > begin => break,
                _ => {}
            }
            range.end = range.end.max(r.end);
            self.pos += 1;
        }
        let events = self.events[begin..self.pos]
            .iter()
            .map(|(e, _)| e.clone())
            .collect();
        (events, range)
    }

    /// Takes a Start … matching End (or a single event), iteratively.
    fn take_balanced(&mut self) -> (Vec<Event<'static>>, Range<usize>) {
        let begin = self.pos;
        let range = self.events[begin].1.clone();
        let mut depth = 0usize;
        while let Some((ev, _)) = self.events.get(self.pos) {
            match ev {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            self.pos += 1;
            if depth == 0 {
                break;
            }
        }
        let events = self.events[begin..self.pos]
            .iter()
            .map(|(e, _)| e.clone())
            .collect();
        (events, range)
    }

    fn list(&mut self, start: Option<u64>, depth: usize) -> Option<Block> {
        let range = self.events[self.pos].1.clone();
        self.pos += 1;
        let mut items = Vec::new();
        while let Some((ev, _)) = self.events.get(self.pos) {
            match ev {
                Event::Start(Tag::Item) => {
                    if let Some(mut parsed) = self.item(depth + 1) {
                        items.append(&mut parsed);
                    }
                }
                Event::End(TagEnd::List(_)) => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        if items.is_empty() {
            return None;
        }
        Some(Block::List {
            start,
            items,
            lines: self.lines(&range),
        })
    }

    /// One list item. Returns nothing for an empty bullet, and the
    /// children's items when the bullet itself is empty but has a sublist.
    fn item(&mut self, depth: usize) -> Option<Vec<Item>> {
        let range = self.events[self.pos].1.clone();
        let lines = self.lines(&range);
        self.pos += 1;
        let mut head = Vec::new();
        if let Some((Event::Start(Tag::Paragraph), _)) = self.events.get(self.pos) {
            let (events, _) = self.take_balanced();
            head = strip_outer(events);
        } else {
            while let Some((ev, _)) = self.events.get(self.pos) {
                if is_block_event(ev) {
                    break;
                }
                head.push(ev.clone());
                self.pos += 1;
            }
        }
        let children = self.blocks(depth);
        // Consume End(Item).
        if let Some((Event::End(TagEnd::Item), _)) = self.events.get(self.pos) {
            self.pos += 1;
        }
        let head = inline(head);
        if head.is_blank() {
            if children.is_empty() {
                self.diags.push(Diagnostic::warning_at(
                    self.src,
                    range.start,
                    "empty list item",
                ));
                return None;
            }
            if children.iter().all(|b| matches!(b, Block::List { .. })) {
                self.diags.push(Diagnostic::warning_at(
                    self.src,
                    range.start,
                    "empty list item (its sub-items are kept)",
                ));
                let mut lifted = Vec::new();
                for b in children {
                    if let Block::List { items, .. } = b {
                        lifted.extend(items);
                    }
                }
                return Some(lifted);
            }
        }
        Some(vec![Item {
            head,
            children,
            lines,
        }])
    }
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn is_block_tag(t: &Tag) -> bool {
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

fn is_block_event(ev: &Event) -> bool {
    match ev {
        Event::Rule | Event::End(TagEnd::Item) => true,
        Event::Start(t) => is_block_tag(t),
        Event::End(t) => matches!(
            t,
            TagEnd::Paragraph
                | TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
        ),
        _ => false,
    }
}

/// Drops the first and last event (the wrapping Start/End).
fn strip_outer(mut events: Vec<Event<'static>>) -> Vec<Event<'static>> {
    if events.len() >= 2 {
        events.pop();
        events.remove(0);
    }
    events
}

pub fn inline(events: Vec<Event<'static>>) -> Inline {
    let text = plain_text(&events);
    Inline { events, text }
}

/// The words a reader sees, for titles, measuring and search.
pub fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for ev in events {
        match ev {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                s.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            // Block edges separate words: `a` and a nested `b` are two.
            Event::Start(t) if is_block_tag(t) => s.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => s.push(' '),
            _ => {}
        }
    }
    s
}

const NOTE_PREFIXES: [&str; 4] = ["Notes:", "Note:", "notes:", "note:"];

fn paragraph(events: Vec<Event<'static>>, lines: Lines) -> Block {
    if let Some(Event::Text(first)) = events.get(1) {
        if let Some(p) = NOTE_PREFIXES.iter().find(|p| first.starts_with(**p)) {
            let rest = first[p.len()..].trim_start().to_string();
            let mut events = events;
            events[1] = Event::Text(CowStr::from(rest));
            let text = plain_text(&events).trim().to_string();
            return Block::Notes {
                events,
                text,
                lines,
            };
        }
    }
    let text = plain_text(&events);
    Block::Other {
        events,
        text,
        kind: OtherKind::Paragraph,
        lines,
    }
}

fn html_block(events: Vec<Event<'static>>, lines: Lines) -> Block {
    let mut html = String::new();
    for e in &events {
        if let Event::Html(h) = e {
            html.push_str(h);
        }
    }
    let trimmed = html.trim();
    if let Some(inner) = trimmed
        .strip_prefix("<!--")
        .and_then(|s| s.strip_suffix("-->"))
    {
        if !inner.contains("-->") {
            let text = inner.trim().to_string();
            let events = vec![
                Event::Start(Tag::Paragraph),
                Event::Text(CowStr::from(text.clone())),
                Event::End(TagEnd::Paragraph),
            ];
            return Block::Notes {
                events,
                text,
                lines,
            };
        }
    }
    Block::Other {
        events,
        text: html_text(&html),
        kind: OtherKind::Html,
        lines,
    }
}

/// Rough visible text of raw HTML (tags dropped), for measuring.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Top-level blocks → groups (H1) and talks (H2).
fn split_groups(blocks: Vec<Block>, src: &SourceFile, diags: &mut Vec<Diagnostic>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for block in blocks {
        match block {
            Block::Heading {
                level: 1,
                title,
                lines,
            } => groups.push(Group {
                title: Some(title),
                line: lines.start,
                intro: Vec::new(),
                talks: Vec::new(),
            }),
            Block::Heading {
                level: 2,
                title,
                lines,
            } => {
                if groups.is_empty() {
                    groups.push(untitled_group());
                }
                if let Some(g) = groups.last_mut() {
                    g.talks.push(Talk {
                        title,
                        line: lines.start,
                        end_line: lines.end,
                        blocks: Vec::new(),
                    });
                }
            }
            other => {
                if groups.is_empty() {
                    groups.push(untitled_group());
                }
                if let Some(g) = groups.last_mut() {
                    match g.talks.last_mut() {
                        Some(t) => {
                            t.end_line = t.end_line.max(other.lines().end);
                            t.blocks.push(other);
                        }
                        None => g.intro.push(other),
                    }
                }
            }
        }
    }
    let stem = src.stem();
    let mut out = Vec::new();
    for mut g in groups {
        let had_talks = !g.talks.is_empty();
        // Empty talks go first, so a group whose talks were all empty
        // still keeps its intro as a deck instead of losing it.
        g.talks.retain(|t| {
            let empty = t.blocks.iter().all(|b| matches!(b, Block::Notes { .. }));
            if empty {
                diags.push(Diagnostic::warning(
                    &src.path,
                    t.line,
                    format!("empty section '{}': no slides made", t.title.text.trim()),
                ));
            }
            !empty
        });
        if g.talks.is_empty() {
            // A group with no H2 is one deck named by its H1 (or the file).
            if g.intro.iter().all(|b| matches!(b, Block::Notes { .. })) {
                if !had_talks {
                    let message = match &g.title {
                        Some(t) => format!("empty section '{}': no slides made", t.text.trim()),
                        None => "empty section: no content to make slides from".to_string(),
                    };
                    diags.push(Diagnostic::warning(&src.path, g.line.max(1), message));
                }
                continue;
            }
            let title = g.title.clone().unwrap_or_else(|| Inline {
                events: vec![Event::Text(CowStr::from(stem.clone()))],
                text: stem.clone(),
            });
            let end_line = g
                .intro
                .iter()
                .map(|b| b.lines().end)
                .max()
                .unwrap_or(g.line);
            let line = if g.title.is_some() {
                g.line
            } else {
                g.intro.first().map_or(1, |b| b.lines().start)
            };
            g.talks.push(Talk {
                title,
                line,
                end_line,
                blocks: std::mem::take(&mut g.intro),
            });
        }
        if !g.talks.is_empty() {
            out.push(g);
        }
    }
    out
}

fn untitled_group() -> Group {
    Group {
        title: None,
        line: 1,
        intro: Vec::new(),
        talks: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(md: &str) -> (Outline, Vec<Diagnostic>) {
        let src = SourceFile::new("t.md", md);
        let mut d = Vec::new();
        (parse(&src, &mut d), d)
    }

    #[test]
    fn groups_and_talks() {
        let (o, _) = outline("# Day\n\nintro\n\n## A\n\n* x\n\n## B\n\npara\n");
        assert_eq!(o.groups.len(), 1);
        let g = &o.groups[0];
        assert_eq!(g.title.as_ref().map(|t| t.text.as_str()), Some("Day"));
        assert_eq!(g.intro.len(), 1);
        let titles: Vec<_> = g.talks.iter().map(|t| t.title.text.as_str()).collect();
        assert_eq!(titles, ["A", "B"]);
        assert_eq!(g.talks[0].line, 5);
    }

    #[test]
    fn empty_bullets_are_dropped_with_a_warning() {
        let (o, d) = outline("## T\n\n* a\n* \n* b\n");
        let Block::List { items, .. } = &o.groups[0].talks[0].blocks[0] else {
            panic!("expected a list");
        };
        assert_eq!(items.len(), 2);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, 4);
        assert_eq!(d[0].message, "empty list item");
    }

    #[test]
    fn nested_items_keep_children_and_lines() {
        let (o, _) = outline("## T\n\n* a\n  * b\n  * c\n* d\n");
        let Block::List { items, .. } = &o.groups[0].talks[0].blocks[0] else {
            panic!("expected a list");
        };
        assert_eq!(items[0].head.text, "a");
        assert!(items[0].has_children());
        assert_eq!(items[0].lines, Lines::new(3, 5));
        assert!(!items[1].has_children());
    }

    #[test]
    fn notes_paragraphs_and_comments() {
        let (o, _) = outline("## T\n\n* a\n\nNote: say hi\n\n<!-- and this -->\n");
        let blocks = &o.groups[0].talks[0].blocks;
        assert!(matches!(&blocks[1], Block::Notes { text, .. } if text == "say hi"));
        assert!(matches!(&blocks[2], Block::Notes { text, .. } if text == "and this"));
    }

    #[test]
    fn file_without_h2_is_one_deck() {
        let (o, _) = outline("# Only\n\n* a\n");
        assert_eq!(o.groups[0].talks.len(), 1);
        assert_eq!(o.groups[0].talks[0].title.text, "Only");
        let (o, _) = outline("* a\n");
        assert_eq!(o.groups[0].talks[0].title.text, "t");
    }

    #[test]
    fn a_group_whose_talks_are_all_empty_keeps_its_intro() {
        let (o, d) = outline("# Day\n\nthe intro\n\n## Empty\n\n# Bare\n");
        assert_eq!(o.groups.len(), 1);
        let talk = &o.groups[0].talks[0];
        assert_eq!(talk.title.text, "Day");
        assert!(matches!(&talk.blocks[0], Block::Other { text, .. } if text.trim() == "the intro"));
        let msgs: Vec<(u32, &str)> = d.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            msgs,
            [
                (5, "empty section 'Empty': no slides made"),
                (7, "empty section 'Bare': no slides made")
            ]
        );
    }

    #[test]
    fn nested_words_stay_apart_in_plain_text() {
        let events: Vec<Event> = Parser::new("* a\n  * b\n").collect();
        assert_eq!(
            plain_text(&events).split_whitespace().collect::<Vec<_>>(),
            ["a", "b"]
        );
    }

    #[test]
    fn inline_text_after_a_nested_block_is_one_block() {
        let (o, _) = outline("## T\n\n* a\n  # h\n  x *y* z\n  w\n");
        let Block::List { items, .. } = &o.groups[0].talks[0].blocks[0] else {
            panic!("expected a list");
        };
        let c = &items[0].children;
        assert_eq!(c.len(), 2, "{c:?}");
        assert!(matches!(&c[1], Block::Other { text, lines, .. }
            if text == "x y z w" && *lines == Lines::new(5, 6)));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let md: String = (0..5000)
            .map(|i| format!("{}* x\n", "  ".repeat(i)))
            .collect();
        let (o, _) = outline(&md);
        assert_eq!(o.groups.len(), 1);
    }
}
