//! SourceFile → Outline: pulldown-cmark events grouped into groups,
//! talks and blocks, each block keeping its source lines. Which heading
//! level is a talk is decided per file (`roles`); decks written for other
//! slide tools are recognised and cleaned first (`tools`).

mod markers;
pub mod roles;
mod speakers;
pub mod tools;
pub mod words;

use crate::diag::{is_block_tag, Diagnostic};
use crate::outline::Tool;
use crate::outline::{Block, Inline, Item, Lines, OtherKind, Outline};
use crate::source::SourceFile;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;
use tools::Prepared;

/// Lists nested deeper than this are kept whole as one block instead of
/// being walked recursively (protects the stack on hostile input), with a
/// `path:line` warning. Block quotes are never walked, so need no cap.
pub const MAX_DEPTH: usize = 48;

/// Inline content of plain text.
pub fn text_inline(s: &str) -> Inline {
    Inline {
        events: vec![Event::Text(CowStr::from(s.to_string()))],
        text: s.to_string(),
    }
}

/// Markdown extensions notedeck turns on. Heading attributes stay off:
/// they let `# T {onclick=…}` inject attributes.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH
}

/// What the caller knows before parsing: settings from front matter and
/// `notedeck.toml`.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// `talk_level`: which heading level is a talk (else inferred).
    pub talk_level: Option<u8>,
    /// Front matter `title`: names a deck written for another tool.
    pub title: Option<String>,
}

/// Parses a notes file as is (no front matter handling).
pub fn parse(src: &SourceFile, diags: &mut Vec<Diagnostic>) -> Outline {
    let prep = tools::prepare_file(&src.path, &src.text);
    let clean = SourceFile::new(src.path.clone(), &prep.text);
    parse_prepared(&clean, &prep, &ParseOptions::default(), diags)
}

/// Parses `src`, the text of `prep` (other tools' syntax already taken
/// off, front matter already blanked).
pub fn parse_prepared(
    src: &SourceFile,
    prep: &Prepared,
    opts: &ParseOptions,
    diags: &mut Vec<Diagnostic>,
) -> Outline {
    let events = merged_text_runs(Parser::new_ext(&src.text, options()).into_offset_iter());
    let events = clean_events(events, prep.tool);
    let positions = crate::diag::Positions::of(src, &events);
    let quoted_notes = quoted_notes(&events);
    let underlined = underlined_titles(src, &events);
    let mut cursor = Cursor {
        events,
        pos: 0,
        src,
        diags,
        notes: &prep.notes,
        tool: prep.tool,
        quoted_notes,
        underlined,
    };
    let blocks = cursor.blocks(0);
    let (groups, roles, event) = match prep.tool {
        Some(tool) => {
            if prep.dropped > 0 {
                diags.push(Diagnostic::warning(
                    &src.path,
                    1,
                    format!(
                        "{} deck: {} directive{} with no meaning here dropped \
                         (slides, speaker notes and images kept)",
                        tool.name(),
                        prep.dropped,
                        if prep.dropped == 1 { "" } else { "s" }
                    ),
                ));
            }
            let groups = roles::deck_groups(
                blocks,
                src,
                opts.title.as_deref(),
                &prep.templates,
                &prep.heading_breaks,
                diags,
            );
            let roles = crate::outline::Roles {
                how: "deck",
                tool: Some(tool),
                steps: prep.steps,
                ..Default::default()
            };
            (groups, roles, None)
        }
        None => roles::split_groups(blocks, src, opts.talk_level, opts.title.as_deref(), diags),
    };
    Outline {
        path: src.path.clone(),
        stem: src.stem(),
        groups,
        roles,
        event,
        positions,
    }
}

struct Cursor<'a> {
    events: Vec<(Event<'static>, Range<usize>)>,
    pos: usize,
    src: &'a SourceFile,
    diags: &'a mut Vec<Diagnostic>,
    /// Line ranges whose blocks are speaker notes (`???` and the like).
    notes: &'a [(u32, u32)],
    tool: Option<Tool>,
    /// Every heading of the file sits in a block quote: the notes were
    /// quoted whole ([`quoted_notes`]).
    quoted_notes: bool,
    /// One-line titles underlined with more dashes than three, not drawn
    /// to their width: how many per underline length.
    underlined: HashMap<usize, usize>,
}

/// One-line `##` titles underlined `-----` (more dashes than three) not
/// to their width, by the underline's length: four or more alike say the
/// file types its headings so, whatever their length.
fn underlined_titles(
    src: &SourceFile,
    events: &[(Event<'static>, Range<usize>)],
) -> HashMap<usize, usize> {
    let mut out: HashMap<usize, usize> = HashMap::new();
    for (e, r) in events {
        if !matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            })
        ) {
            continue;
        }
        let typed = src.text.get(r.clone()).unwrap_or("").trim_end();
        let mut lines = typed.lines();
        let (Some(title), Some(under), None) = (lines.next(), lines.next(), lines.next()) else {
            continue;
        };
        let under = under.trim();
        let dashes = under.chars().count();
        if dashes > 3 && under.chars().all(|c| c == '-') && !drawn_to_width(dashes, title) {
            *out.entry(dashes).or_default() += 1;
        }
    }
    out
}

/// An underline about as long as its title: typed as one. (Under wide
/// characters, `日本語` over six dashes, it is drawn to the columns.)
fn drawn_to_width(dashes: usize, title: &str) -> bool {
    let near = |width: usize| dashes * 5 >= width * 4 && dashes * 4 <= width * 5;
    let title = title.trim();
    near(title.chars().count()) || near(unicode_width::UnicodeWidthStr::width(title))
}

/// Whether every heading of the file but a title at its top is inside a
/// block quote (notes pasted as quotes), so the quotes hold its structure;
/// a quote with a heading among a talk's notes is only a quote.
fn quoted_notes(events: &[(Event<'static>, Range<usize>)]) -> bool {
    let mut depth = 0usize;
    let (mut quoted, mut bare) = (0usize, 0usize);
    for (e, _) in events {
        match e {
            Event::Start(Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Heading { .. }) if depth > 0 => quoted += 1,
            // Only the file's first heading may stand outside.
            Event::Start(Tag::Heading { .. }) if quoted == 0 && bare == 0 => bare += 1,
            Event::Start(Tag::Heading { .. }) => return false,
            _ => {}
        }
    }
    quoted > 0
}

/// Consecutive text outside code blocks as one event, merged in one
/// growing buffer (copying the run at each piece was quadratic).
fn merged_text_runs<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Vec<(Event<'static>, Range<usize>)> {
    /// A run of one text stays as pulldown-cmark gave it (copied once, to
    /// own it): most runs are one. A longer one grows in a `String`: a
    /// `CowStr` holds a boxed `str`, so growing one copied the run at each
    /// piece.
    enum Run<'a> {
        One(CowStr<'a>),
        Many(String),
    }
    impl Run<'_> {
        fn text(self) -> Event<'static> {
            Event::Text(match self {
                Run::One(s) => s.into_static(),
                Run::Many(s) => CowStr::from(s),
            })
        }
    }
    let mut out: Vec<(Event<'static>, Range<usize>)> = Vec::new();
    let mut run: Option<(Run<'a>, Range<usize>)> = None;
    let mut in_code = false;
    for (ev, r) in events {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) if !in_code => {
                run = Some(match run.take() {
                    Some((s, mut pr)) => {
                        let mut s = match s {
                            Run::One(first) => {
                                let mut s = String::with_capacity(2 * (first.len() + t.len()));
                                s.push_str(&first);
                                s
                            }
                            Run::Many(s) => s,
                        };
                        s.push_str(&t);
                        pr.end = pr.end.max(r.end);
                        (Run::Many(s), pr)
                    }
                    None => (Run::One(t), r),
                });
                continue;
            }
            _ => {}
        }
        if let Some((s, pr)) = run.take() {
            out.push((s.text(), pr));
        }
        out.push((ev.into_static(), r));
    }
    if let Some((s, pr)) = run {
        out.push((s.text(), pr));
    }
    out
}

/// Turns `:shortcode:` into emoji, drops a `\` left at the end of a
/// paragraph, and drops Marp's `bg` image keywords, so none of that shows
/// as typed. (Split text was merged first: [`merged_text_runs`].)
fn clean_events(
    events: Vec<(Event<'static>, Range<usize>)>,
    tool: Option<Tool>,
) -> Vec<(Event<'static>, Range<usize>)> {
    let mut out = html_headings(events);
    for i in 1..out.len() {
        let (before, rest) = out.split_at_mut(i);
        if matches!(
            rest[0].0,
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell)
        ) {
            if let Some((Event::Text(prev), _)) = before.last_mut() {
                if prev.ends_with('\\') && !prev.ends_with("\\\\") {
                    let cut = prev.trim_end_matches('\\').trim_end().to_string();
                    *prev = CowStr::from(cut);
                }
            }
        }
    }
    let mut in_code = false;
    let mut image_alt = false;
    for (ev, _) in out.iter_mut() {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Image { .. }) => image_alt = true,
            Event::End(TagEnd::Image) => image_alt = false,
            Event::Text(t) if !in_code => {
                if image_alt && tool == Some(Tool::Marp) && is_marp_bg(t) {
                    *t = CowStr::from("");
                } else if let Some(e) = emoji_shortcodes(t) {
                    *t = CowStr::from(e);
                }
                if let Some(w) = wiki_links(t) {
                    *t = CowStr::from(w);
                }
                if let Some(w) = without_attribute_lists(t) {
                    *t = CowStr::from(w);
                }
            }
            _ => {}
        }
    }
    out
}

/// A raw HTML block that is one heading of plain text, `<h2>Title</h2>`
/// (blog exports write headings so): a Markdown heading of that level, so
/// it cuts talks like one.
fn html_headings(
    events: Vec<(Event<'static>, Range<usize>)>,
) -> Vec<(Event<'static>, Range<usize>)> {
    // Most notes have no raw HTML: no second copy of their events.
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::HtmlBlock)))
    {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut it = events.into_iter().peekable();
    while let Some((ev, r)) = it.next() {
        if !matches!(ev, Event::Start(Tag::HtmlBlock)) {
            out.push((ev, r));
            continue;
        }
        let mut inner = Vec::new();
        while let Some((e, er)) = it.next_if(|(e, _)| !matches!(e, Event::End(TagEnd::HtmlBlock))) {
            inner.push((e, er));
        }
        let end = it.next();
        let html: String = inner
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Html(h) => Some(h.as_ref()),
                _ => None,
            })
            .collect();
        match html_heading(&html) {
            Some((level, text)) => {
                let whole = r.start..end.as_ref().map_or(r.end, |(_, er)| er.end);
                out.push((
                    Event::Start(Tag::Heading {
                        level,
                        id: None,
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    }),
                    whole.clone(),
                ));
                out.push((Event::Text(CowStr::from(text)), whole.clone()));
                out.push((Event::End(TagEnd::Heading(level)), whole));
            }
            None => {
                out.push((ev, r));
                out.extend(inner);
                out.extend(end);
            }
        }
    }
    out
}

/// `<h2>Title</h2>` (attributes allowed, text only inside): its level and
/// its text, entities decoded.
fn html_heading(html: &str) -> Option<(HeadingLevel, String)> {
    let t = html.trim();
    let rest = t.strip_prefix("<h").or_else(|| t.strip_prefix("<H"))?;
    let n = rest.chars().next()?.to_digit(10)?;
    let level = HeadingLevel::try_from(n as usize).ok()?;
    let rest = &rest[1..];
    if !rest.starts_with(['>', ' ']) {
        return None;
    }
    let (_, body) = rest.split_once('>')?;
    let body = body.strip_suffix('>')?;
    let (text, close) = body.rsplit_once("</")?;
    if !close.eq_ignore_ascii_case(&format!("h{n}")) || text.contains(['<', '\n']) {
        return None;
    }
    let text = html_escape::decode_html_entities(text.trim()).to_string();
    (!text.is_empty()).then_some((level, text))
}

/// `[[Page]]`, `[[Page|shown]]` in an Obsidian or wiki export name a page
/// of that vault, not one a deck can open: the text a reader sees stays.
/// (Left as text by the parser; a `[[x]]` that resolves to a reference
/// link is a link event and never comes here.)
fn wiki_links(t: &str) -> Option<String> {
    // (The byte first: a memchr, where a string search is set up anew.)
    if !t.contains('[') || !t.contains("[[") {
        return None;
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    let mut changed = false;
    while let Some(a) = rest.find("[[") {
        let Some(len) = rest[a + 2..].find("]]") else {
            break;
        };
        let inner = &rest[a + 2..a + 2 + len];
        // `![[image.png]]` embeds a vault file: left as typed.
        let embed = rest[..a].ends_with('!');
        if embed || inner.is_empty() || inner.contains(['[', ']', '\n']) {
            out.push_str(&rest[..a + 2]);
            rest = &rest[a + 2..];
            continue;
        }
        // `[[Page|300]]` sizes, it does not name.
        let shown = match inner.rsplit_once('|') {
            Some((page, size)) if size.trim().chars().all(|c| c.is_ascii_digit()) => page,
            Some((_, alias)) => alias,
            None => inner,
        };
        out.push_str(&rest[..a]);
        out.push_str(shown.trim());
        rest = &rest[a + 2 + len + 2..];
        changed = true;
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// `bg`, `bg right`, `bg left:40% contain`: Marp background keywords.
fn is_marp_bg(alt: &str) -> bool {
    alt.split_whitespace().next() == Some("bg")
}

/// Text without kramdown's attribute lists, `[link](url){:target="_blank"}`
/// (Jekyll posts carry them): markup of another renderer, never words.
fn without_attribute_lists(t: &str) -> Option<String> {
    if !t.contains('{') || !t.contains("{:") {
        return None;
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(a) = rest.find("{:") {
        let body = &rest[a + 2..];
        match body.find('}') {
            Some(len) if len <= 100 && attribute_list(&body[..len]) => {
                out.push_str(&rest[..a]);
                rest = &body[len + 1..];
            }
            _ => break,
        }
    }
    (rest.len() < t.len()).then(|| out + rest)
}

/// What kramdown reads inside `{:…}`: `.class`, `#id`, `key="value"`
/// and `toc`, nothing else (`{:ok, pid}`, `{:.2f}` are code in prose).
fn attribute_list(body: &str) -> bool {
    let ident = |w: &str| {
        w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && w.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    let mut rest = body.trim();
    if rest.is_empty() || rest.contains(['{', '\n']) {
        return false;
    }
    while !rest.is_empty() {
        let token_end = if let Some((key, value)) = rest.split_once('=') {
            // `key="a b"` may hold spaces inside its quotes.
            let q = value.chars().next().filter(|c| *c == '"' || *c == '\'');
            match q {
                Some(q) if ident(key) && !key.contains(' ') => match value[1..].find(q) {
                    Some(e) => key.len() + 1 + e + 2,
                    None => return false,
                },
                _ => rest.find(' ').unwrap_or(rest.len()),
            }
        } else {
            rest.find(' ').unwrap_or(rest.len())
        };
        let token = &rest[..token_end];
        let ok = match token.split_once('=') {
            Some((k, v)) => ident(k) && !v.is_empty(),
            None => {
                token
                    .strip_prefix(['.', '#'])
                    .is_some_and(|t| t.split(['.', '#']).all(ident))
                    || token == "toc"
                    || token == "no_toc"
            }
        };
        if !ok {
            return false;
        }
        rest = rest[token_end..].trim_start();
    }
    true
}

/// Text with every known `:shortcode:` replaced; `None` when none is.
fn emoji_shortcodes(t: &str) -> Option<String> {
    if !t.contains(':') {
        return None;
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    let mut changed = false;
    while let Some(a) = rest.find(':') {
        let after = &rest[a + 1..];
        let code_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '+' || c == '-'))
            .unwrap_or(after.len());
        let code = &after[..code_len];
        if !code.is_empty() && after[code_len..].starts_with(':') {
            if let Some(e) = emojis::get_by_shortcode(code) {
                out.push_str(&rest[..a]);
                out.push_str(e.as_str());
                rest = &after[code_len + 1..];
                changed = true;
                continue;
            }
        }
        out.push_str(&rest[..=a]);
        rest = after;
    }
    out.push_str(rest);
    changed.then_some(out)
}

impl Cursor<'_> {
    fn lines(&self, r: &Range<usize>) -> Lines {
        Lines::new(self.src.line_of(r.start), self.src.end_line_of(r.end))
    }

    /// Block sequence up to (not including) the enclosing End, or the end.
    fn blocks(&mut self, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        while let Some((ev, r)) = self.events.get(self.pos) {
            let line = self.src.line_of(r.start);
            if depth == 0
                && !matches!(ev, Event::End(_) | Event::Rule)
                && self.notes.iter().any(|(a, b)| (*a..=*b).contains(&line))
            {
                // A `???` (or lone `Note:`) region: speaker notes, whatever
                // the blocks are.
                let (events, r) = if matches!(ev, Event::Start(_)) {
                    self.take_balanced()
                } else {
                    self.inline_run()
                };
                let lines = self.lines(&r);
                let block = match events.first() {
                    Some(Event::Start(Tag::HtmlBlock)) => html_block(events, lines),
                    Some(Event::Start(Tag::Paragraph)) => match paragraph(events, lines) {
                        (Block::Other { events, text, .. }, None) => Block::Notes {
                            events,
                            text: text.trim().to_string(),
                            lines,
                        },
                        (b, _) => b,
                    },
                    _ => {
                        let text = plain_text(&events).trim().to_string();
                        Block::Notes {
                            events,
                            text,
                            lines,
                        }
                    }
                };
                out.push(block);
                continue;
            }
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
                    let lines = self.lines(&r);
                    let inner = strip_outer(events);
                    let title = inline(inner);
                    if let Some(b) = self.setext_trap(&title, lines, level) {
                        out.extend(b);
                        continue;
                    }
                    out.push(Block::Heading {
                        level,
                        title,
                        lines,
                    });
                }
                Event::Start(Tag::Paragraph) => {
                    let (events, r) = self.take_balanced();
                    let lines = self.lines(&r);
                    self.hash_without_space(&events, lines.start);
                    let (p, notes) = paragraph(events, lines);
                    out.push(p);
                    out.extend(notes);
                }
                Event::Start(Tag::HtmlBlock) => {
                    let (events, r) = self.take_balanced();
                    let lines = self.lines(&r);
                    out.push(html_block(events, lines));
                }
                // Notes quoted whole (`> ## Talk` …): the quote holds the
                // file's own structure, so its blocks are read as if
                // unquoted.
                Event::Start(Tag::BlockQuote(_))
                    if depth == 0 && self.quoted_notes && self.quote_holds_heading() =>
                {
                    self.pos += 1;
                    out.extend(self.blocks(depth));
                    // Its End.
                    self.pos += 1;
                }
                Event::Start(tag) if is_block_tag(tag) => {
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
                    // Inline content at block level (a tight item's text
                    // after a nested block, a stray inline tag): one block
                    // for the whole run, so layout never cuts it apart.
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

    /// Whether the block quote starting here has a heading directly in it.
    fn quote_holds_heading(&self) -> bool {
        let mut depth = 0usize;
        for (ev, _) in &self.events[self.pos..] {
            match ev {
                Event::Start(Tag::Heading { .. }) if depth == 1 => return true,
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return false;
                    }
                }
                _ => {}
            }
        }
        false
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
        (self.take(begin), range)
    }

    /// The events from `begin` up to the cursor, moved out: the cursor
    /// never goes back, so what it passed is not read again.
    fn take(&mut self, begin: usize) -> Vec<Event<'static>> {
        self.events[begin..self.pos]
            .iter_mut()
            .map(|(e, _)| std::mem::replace(e, Event::SoftBreak))
            .collect()
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
        (self.take(begin), range)
    }

    fn list(&mut self, start: Option<u64>, depth: usize) -> Option<Block> {
        let range = self.events[self.pos].1.clone();
        self.pos += 1;
        let mut items = Vec::new();
        let mut index = 0u64;
        while let Some((ev, _)) = self.events.get(self.pos) {
            match ev {
                Event::Start(Tag::Item) => {
                    let number = start.map(|s| s.saturating_add(index));
                    index += 1;
                    if let Some(mut parsed) = self.item(depth + 1) {
                        for i in &mut parsed {
                            i.number = i.number.or(number);
                        }
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
        let head = if let Some((Event::Start(Tag::Paragraph), _)) = self.events.get(self.pos) {
            let (events, _) = self.take_balanced();
            strip_outer(events)
        } else {
            let begin = self.pos;
            while let Some((ev, _)) = self.events.get(self.pos) {
                if is_block_event(ev) {
                    break;
                }
                self.pos += 1;
            }
            self.take(begin)
        };
        let mut children = self.blocks(depth);
        // Consume End(Item).
        if let Some((Event::End(TagEnd::Item), _)) = self.events.get(self.pos) {
            self.pos += 1;
        }
        // `Note:` on the line right under the bullet's text is a note,
        // not more of the bullet.
        let (head, note) = split_note(head);
        if let Some(note) = note {
            children.insert(0, note_block(note, lines));
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
            number: None,
            children,
            lines,
        }])
    }
}

impl Cursor<'_> {
    fn source_line(&self, line: u32) -> &str {
        self.src.line_text(line)
    }

    /// `##Title` reads as a paragraph in Markdown; say so.
    fn hash_without_space(&mut self, events: &[Event<'static>], line: u32) {
        if let Some(Event::Text(t)) = events.get(1) {
            let n = t.chars().take_while(|c| *c == '#').count();
            let next = t[n..].chars().next();
            // `#conference #devops`: a line of tags (Obsidian), not a heading.
            let first = t.lines().next().unwrap_or("");
            let tags = first.split_whitespace().count() >= 2
                && first.split_whitespace().all(|w| w.starts_with('#'));
            if (1..=6).contains(&n) && next.is_some_and(|c| c.is_alphanumeric()) && !tags {
                self.diags.push(Diagnostic::warning(
                    &self.src.path,
                    line,
                    format!(
                        "'{}' is shown as text: did you mean a heading? (put a space after '{}')",
                        t.lines().next().unwrap_or(""),
                        "#".repeat(n)
                    ),
                ));
            }
        }
    }

    /// A paragraph directly above `---` becomes a heading (setext). When
    /// it does not read like a title, it stays a paragraph followed by a
    /// slide break; a warning either way.
    fn setext_trap(&mut self, title: &Inline, lines: Lines, level: u8) -> Option<Vec<Block>> {
        if lines.end == lines.start || self.tool.is_some() {
            return None;
        }
        let under = self.source_line(lines.end).trim();
        if level != 2 || !under.starts_with('-') {
            return None;
        }
        let text = title.text.trim();
        let sentence = lines.end - lines.start > 1
            || text.chars().count() > 60
            || text.ends_with(['.', ':', ',', ';', '!', '?']);
        // An underline drawn to the title's width was typed as one: a slide
        // break is `---`.
        let first = self.source_line(lines.start).trim().to_string();
        let width = first.chars().count();
        let dashes = under.chars().filter(|&c| c == '-').count();
        if !sentence && dashes > 3 && dashes * 5 >= width * 4 {
            return None;
        }
        // However long the one line, and whatever it ends with (`…?`,
        // `Inc.`), when the underline is about as wide and the line is set
        // in title case, or exactly as wide: a fixed-width rule under a
        // sentence is a break.
        let words: Vec<&str> = text.split_whitespace().collect();
        let capitalised = words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        let exact = [width, unicode_width::UnicodeWidthStr::width(first.as_str())]
            .iter()
            .any(|&w| dashes.abs_diff(w) <= 1);
        if lines.end - lines.start == 1
            && dashes > 3
            && (exact || (capitalised * 2 > words.len() && drawn_to_width(dashes, &first)))
        {
            return None;
        }
        // (A long title among four or more underlined alike is one too.)
        if lines.end - lines.start == 1
            && dashes > 3
            && self.underlined.get(&dashes).is_some_and(|&n| n >= 4)
        {
            return None;
        }
        let path = self.src.path.clone();
        if !sentence {
            self.diags.push(Diagnostic::warning(
                &path,
                lines.start,
                format!(
                    "'{text}' directly above '---' is read as a heading; \
                     put a blank line between them if you meant a slide break"
                ),
            ));
            return None;
        }
        self.diags.push(Diagnostic::warning(
            &path,
            lines.start,
            "text directly above '---' would be a heading; kept as a paragraph \
             followed by a slide break (put a blank line between them)",
        ));
        let mut events = vec![Event::Start(Tag::Paragraph)];
        events.extend(title.events.iter().cloned());
        events.push(Event::End(TagEnd::Paragraph));
        let para_lines = Lines::new(lines.start, lines.end - 1);
        Some(vec![
            Block::Other {
                text: title.text.clone(),
                events,
                kind: OtherKind::Paragraph,
                lines: para_lines,
            },
            Block::Break {
                lines: Lines::new(lines.end, lines.end),
            },
        ])
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
            Event::InlineHtml(_) if is_line_break_html(ev) => s.push(' '),
            // Block edges separate words: `a` and a nested `b` are two.
            Event::Start(t) if is_block_tag(t) => s.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => s.push(' '),
            _ => {}
        }
    }
    s
}

/// Length of a `Note:` / `Notes:` prefix (any case), with the colon.
fn note_prefix(t: &str) -> Option<usize> {
    let head = t.get(..6).unwrap_or(t).to_ascii_lowercase();
    ["notes:", "note:"]
        .iter()
        .find(|p| head.starts_with(**p))
        .map(|p| p.len())
}

/// Splits inline events at a line starting with `Note:`: the text before
/// it and the note (prefix removed).
fn split_note(events: Vec<Event<'static>>) -> (Vec<Event<'static>>, Option<Vec<Event<'static>>>) {
    let at = events.iter().enumerate().position(|(i, e)| {
        matches!(e, Event::SoftBreak | Event::HardBreak)
            && matches!(events.get(i + 1), Some(Event::Text(t)) if note_prefix(t).is_some())
    });
    let Some(at) = at else {
        return (events, None);
    };
    let mut head = events;
    let mut note: Vec<Event<'static>> = head.split_off(at + 1);
    head.pop();
    if let Some(Event::Text(t)) = note.first_mut() {
        let n = note_prefix(t).unwrap_or(0);
        *t = CowStr::from(t[n..].trim_start().to_string());
    }
    (head, Some(note))
}

fn note_block(inner: Vec<Event<'static>>, lines: Lines) -> Block {
    let mut events = vec![Event::Start(Tag::Paragraph)];
    events.extend(inner);
    events.push(Event::End(TagEnd::Paragraph));
    let text = plain_text(&events).trim().to_string();
    Block::Notes {
        events,
        text,
        lines,
    }
}

/// A paragraph, or a note when it starts with `Note:`; a `Note:` line
/// inside it splits off the rest as a note.
/// `<strong>…</strong>` (or `<b>`) typed in a paragraph is bold as `**…**`
/// is: a blog export's talk titles are bold lines so. Only tags that
/// pair up within the paragraph, without attributes.
fn html_bold(mut events: Vec<Event<'static>>) -> Vec<Event<'static>> {
    let tag = |e: &Event| -> Option<bool> {
        let Event::InlineHtml(h) = e else {
            return None;
        };
        match h.trim().to_ascii_lowercase().as_str() {
            "<strong>" | "<b>" => Some(true),
            "</strong>" | "</b>" => Some(false),
            _ => None,
        }
    };
    let mut open: Option<usize> = None;
    let mut pairs = Vec::new();
    for (i, e) in events.iter().enumerate() {
        match (tag(e), open) {
            (Some(true), None) => open = Some(i),
            (Some(false), Some(o)) => {
                pairs.push((o, i));
                open = None;
            }
            _ => {}
        }
    }
    for (o, c) in pairs {
        events[o] = Event::Start(Tag::Strong);
        events[c] = Event::End(TagEnd::Strong);
    }
    events
}

fn paragraph(events: Vec<Event<'static>>, lines: Lines) -> (Block, Option<Block>) {
    let events = html_bold(events);
    if let Some(Event::Text(first)) = events.get(1) {
        if let Some(n) = note_prefix(first) {
            let rest = first[n..].trim_start().to_string();
            let mut events = events;
            events[1] = Event::Text(CowStr::from(rest));
            let text = plain_text(&events).trim().to_string();
            return (
                Block::Notes {
                    events,
                    text,
                    lines,
                },
                None,
            );
        }
    }
    let (head, note) = split_note(strip_outer(events));
    let mut events = vec![Event::Start(Tag::Paragraph)];
    events.extend(head);
    events.push(Event::End(TagEnd::Paragraph));
    let text = plain_text(&events);
    (
        Block::Other {
            events,
            text,
            kind: OtherKind::Paragraph,
            lines,
        },
        note.map(|n| note_block(n, lines)),
    )
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
            let inner = inner.trim();
            // presenterm: `<!-- speaker_note: text -->`.
            let inner = inner
                .strip_prefix("speaker_note:")
                .map_or(inner, str::trim_start);
            let text = inner.trim_matches(['|', ' ', '\n']).trim().to_string();
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

/// `<br>`, `<br/>`, `<br />` as inline HTML.
pub(crate) fn is_line_break_html(e: &Event) -> bool {
    let Event::InlineHtml(h) = e else {
        return false;
    };
    let h = h.trim().to_ascii_lowercase();
    let inner = h
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    inner.trim() == "br"
}

/// A quote or paragraph without its first line (the talk's title), or
/// nothing when that was all of it.
fn without_first_line(b: Block) -> Option<Block> {
    let Block::Other {
        events,
        text: _,
        kind,
        lines,
    } = b
    else {
        return Some(b);
    };
    // Find the first line break inside the first paragraph.
    let brk = events
        .iter()
        .position(|e| matches!(e, Event::SoftBreak | Event::HardBreak));
    let para_end = events
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)));
    let rest: Vec<Event<'static>> = match (brk, para_end) {
        (Some(b), Some(p)) if b < p => {
            let open = events
                .iter()
                .position(|e| matches!(e, Event::Start(Tag::Paragraph)))
                .unwrap_or(0);
            let mut v: Vec<Event<'static>> = events[..=open].to_vec();
            v.extend(events[b + 1..].iter().cloned());
            v
        }
        // One line: the quote's further paragraphs, if any.
        (_, Some(p)) => {
            let open = events
                .iter()
                .position(|e| matches!(e, Event::Start(Tag::Paragraph)))
                .unwrap_or(0);
            let mut v: Vec<Event<'static>> = events[..open].to_vec();
            v.extend(events[p + 1..].iter().cloned());
            v
        }
        _ => return None,
    };
    let shown = plain_text(&rest);
    if shown.trim().is_empty() {
        return None;
    }
    Some(Block::Other {
        text: shown,
        events: rest,
        kind,
        lines: Lines::new((lines.start + 1).min(lines.end), lines.end),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_runs_merge_into_one_event_spanning_their_pieces() {
        // Brackets and stars that open nothing come as texts of their own.
        let md = "a [x] **b [c\n\n```\n[x] [y]\n```\n";
        let events = merged_text_runs(Parser::new_ext(md, options()).into_offset_iter());
        let texts: Vec<(&str, Range<usize>)> = events
            .iter()
            .filter_map(|(e, r)| match e {
                Event::Text(t) => Some((t.as_ref(), r.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            [("a [x] **b [c", 0..12), ("[x] [y]\n", 18..26)],
            "{events:?}"
        );
        // Many pieces: one text, every piece once, in order.
        let long = "[x] ".repeat(5_000);
        let events = merged_text_runs(Parser::new_ext(&long, options()).into_offset_iter());
        let texts: Vec<&str> = events
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, [long.trim_end()]);
    }

    #[test]
    fn kramdown_attribute_lists_are_not_text() {
        assert_eq!(
            without_attribute_lists(", Datalab{:target=\"_blank\"} and more").as_deref(),
            Some(", Datalab and more")
        );
        assert_eq!(without_attribute_lists("{: .note}").as_deref(), Some(""));
        // Not a list: kept as typed.
        assert_eq!(without_attribute_lists("a {:b"), None);
        assert_eq!(without_attribute_lists("plain"), None);
        assert_eq!(
            without_attribute_lists("[x](u){: .talk #intro data-x='a b'}{:.img.round}").as_deref(),
            Some("[x](u)")
        );
        // Code in prose, not attribute lists.
        for t in [
            "returns {:ok, pid}",
            "Use {:.2f} or {:>10}",
            "{:b => 2}",
            "format(\"{:.1%}\")",
        ] {
            assert_eq!(without_attribute_lists(t), None, "{t}");
        }
    }

    fn outline(md: &str) -> (Outline, Vec<Diagnostic>) {
        let src = SourceFile::new("t.md", md);
        let mut d = Vec::new();
        (parse(&src, &mut d), d)
    }

    #[test]
    fn a_speaker_leaves_a_link_title_and_the_link_stays() {
        let (o, _) = outline(
            "# Day\n\n## [Typed values by 山田 花子](https://ex.com/1)\n\n* a\n\n\
             ## [Fast builds by Ada Park](https://ex.com/2)\n\n* b\n",
        );
        let t: Vec<(&str, Option<&str>)> = o.groups[0]
            .talks
            .iter()
            .map(|t| (t.title.text.as_str(), t.speaker.as_deref()))
            .collect();
        assert_eq!(
            t,
            [
                ("Typed values", Some("山田 花子")),
                ("Fast builds", Some("Ada Park"))
            ]
        );
        let link = &o.groups[0].talks[0].title.events[0];
        assert!(matches!(link, Event::Start(Tag::Link { .. })), "{link:?}");
    }

    /// Talk titles (non-extras) and speakers, in file order.
    fn talks_of(md: &str) -> Vec<(String, Option<String>)> {
        let (o, _) = outline(md);
        o.groups
            .iter()
            .flat_map(|g| &g.talks)
            .filter(|t| !t.extra)
            .map(|t| (t.title.text.clone(), t.speaker.clone()))
            .collect()
    }

    #[test]
    fn ordinary_notes_keep_their_cut_under_this_rounds_rules() {
        let titles =
            |md: &str| -> Vec<String> { talks_of(md).into_iter().map(|(t, _)| t).collect() };
        // Days inside one talk's story, beside other talks: that talk's parts.
        assert_eq!(
            titles(
                "# DevOpsDays\n\n## Opening keynote\nBlameless.\n\n## A 3-day outage\nPayments.\n\n\
                 ### Day 1\n#### The alert\nPager.\n\n#### The rollback\nNo luck.\n\n### Day 2\n\
                 #### The cause\nA cert.\n\n#### Comms\nStatus page.\n\n## Observability\nLoki.\n\n\
                 ## Platform engineering\nPaved roads.\n"
            ),
            [
                "Opening keynote",
                "A 3-day outage",
                "Observability",
                "Platform engineering"
            ]
        );
        // `#1 …` numbers lines and `#databases` is a tag: no headings.
        assert_eq!(
            titles(
                "# Lessons from the migration\n\n#1 Migrate the data first.\n\n#2 Keep the old API.\n\n\
                 #3 Tell support early.\n\n#databases\n\n#consistency\n\n#quorum\n"
            ),
            ["Lessons from the migration"]
        );
        // `by` inside a title, the speaker after the dash; `par la` is French.
        assert_eq!(
            talks_of(
                "# Conf\n## Design by Contract - Bertrand Meyer\n- a\n## Apprendre par la Pratique\n- b\n"
            ),
            [
                (
                    "Design by Contract".to_string(),
                    Some("Bertrand Meyer".to_string())
                ),
                ("Apprendre par la Pratique".to_string(), None)
            ]
        );
        // Talks recommended in a one-talk file, or in a reading list, stay links.
        let links = "- [The Value of Values](https://e.x/1) — the same ideas applied to data\n\
                     - [Hammock Driven Development](https://e.x/2) — thinking before coding\n\
                     - [Are We There Yet?](https://e.x/3) — time, identity and state\n";
        let one = titles(&format!(
            "# Simple Made Easy\n\nRich Hickey, 2011.\n\n## Notes\nSimple is not easy.\nMore.\n\n\
             ## What we want to try\nFewer layers.\n\n## Related talks\n{links}"
        ));
        assert!(!one.iter().any(|t| t == "The Value of Values"), "{one:?}");
        let list = titles(&format!(
            "# To read and watch\n\n## Books\n- Designing Data-Intensive Applications\n\n## Talks\n{links}\n\
             ## Articles\n- Out of the Tar Pit\n"
        ));
        assert!(!list.iter().any(|t| t == "The Value of Values"), "{list:?}");
    }

    #[test]
    fn bold_lines_inside_talks_stay_the_talks_own() {
        let titles =
            |md: &str| -> Vec<String> { talks_of(md).into_iter().map(|(t, _)| t).collect() };
        // Slide titles after rules, the talks opening with notes.
        assert_eq!(
            titles(
                "# RustConf\n## Async in practice\n- cancel safety\n\n---\n\n**Pinning**\n- why\n\n---\n\n\
                 **Executors**\n- tokio\n\n## Embedded Rust\n- embassy\n\n---\n\n**HALs**\n- traits\n\n---\n\n\
                 **Debugging**\n- probe-rs\n"
            ),
            ["Async in practice", "Embedded Rust"]
        );
        // The speaker in bold under each title, then a bold section.
        assert_eq!(
            titles(
                "# RustConf\n## Async in practice\n\n**Jane Doe**\n\n- cancel safety\n\n**Pinning**\n- why\n\n\
                 ## Embedded Rust\n\n**Ana Lima**\n\n- embassy\n\n**Debugging**\n- probe-rs\n"
            ),
            ["Async in practice", "Embedded Rust"]
        );
        // Bold points of a line or two each, opening each talk: its own.
        assert_eq!(
            titles(
                "# PyCon\n## Async Python in production\n\n**Why they moved**\n\nIdle workers.\n\n---\n\n\
                 **What broke**\n\nBlocking calls.\n\n## Packaging in 2026\n\n**The good news**\n\nLock files.\n\n\
                 ---\n\n**The bad news**\n\nWindows ARM.\n"
            ),
            ["Async Python in production", "Packaging in 2026"]
        );
        // A long sentence over a rule about as wide is a break, not a title;
        // underlined to the letter, it was typed as a title.
        let wide = "We agreed that the on-call rotation should move to weekly handovers next month";
        let md = |dashes: usize| {
            format!(
                "# Offsite\n\n## Morning\nRoadmap.\n\n## Afternoon\nEvent bus.\n\n{wide}\n{}\n\nBudget.\n",
                "-".repeat(dashes)
            )
        };
        assert_eq!(titles(&md(72)), ["Morning", "Afternoon"]);
        assert_eq!(
            titles(&md(wide.chars().count())),
            ["Morning", "Afternoon", wide]
        );
        // A bold takeaway heading opening each talk is the talk's own section.
        assert_eq!(
            titles(
                "# RustConf\n## Async in practice\n\n**Key takeaways**\n\n- cancel safety\n\n**Pinning matters**\n- why\n\n\
                 ## Embedded Rust\n\n**Key takeaways**\n\n- embassy\n\n**Probe everything**\n- probe-rs\n"
            ),
            ["Async in practice", "Embedded Rust"]
        );
    }

    #[test]
    fn lines_over_lists_inside_notes_are_no_talks() {
        let titles =
            |md: &str| -> Vec<String> { talks_of(md).into_iter().map(|(t, _)| t).collect() };
        // Two parts of one talk.
        assert_eq!(
            titles("# Day 1 - Level up your Swift - Paul Hudson\n\nWhat is good code\n- clear\n\nPolishing code\n- names\n"),
            ["Day 1 - Level up your Swift"]
        );
        // Notes under way before the lines: they are the notes' own.
        assert_eq!(
            titles(
                "# PyCon 2024\n\n- arrived late\n- coffee\n\nPackaging today\n- uv\n\nTyping at scale\n- mypy\n\n\
                 Polars in practice\n- lazy\n"
            ),
            ["PyCon 2024"]
        );
        // Lines that do not start as titles do.
        assert_eq!(
            titles(
                "# PyCon 2024\n\nwill name the next release\n- uv\n\nmost people agreed\n- mypy\n\n\
                 even the skeptics\n- lazy\n"
            ),
            ["PyCon 2024"]
        );
    }

    #[test]
    fn speakers_of_a_meetup_under_its_name_keep_its_talks() {
        let titles =
            |md: &str| -> Vec<String> { talks_of(md).into_iter().map(|(t, _)| t).collect() };
        assert_eq!(
            titles(
                "# Rust Berlin Meetup review\n\nSpeakers: Ana Lima & Ben Okafor\n\n## Talks\n\n### Async traits\n- a\n\n\
                 ### Embedded Rust\n- b\n\n## Also\n\n### Rust in the kernel\n- c\n"
            ),
            ["Async traits", "Embedded Rust", "Rust in the kernel"]
        );
    }

    #[test]
    fn ordinary_notes_do_not_trip_the_newer_shapes() {
        let titles =
            |md: &str| -> Vec<String> { talks_of(md).into_iter().map(|(t, _)| t).collect() };
        // A talk's own Slides/Recording links are not a reading list.
        assert_eq!(
            titles(
                "# KubeCon EU 2024\n## Scaling etcd - Jane Doe\n- [Slides](https://e.x/a)\n  - compaction\n\
                 - [Recording](https://e.x/b)\n## Gateway API deep dive - John Roe\n- [Slides](https://e.x/c)\n\
                 \x20 - HTTPRoute\n- [Recording](https://e.x/d)\n  - demo at 12:00\n"
            ),
            ["Scaling etcd", "Gateway API deep dive"]
        );
        // A quoted README with a heading inside a talk stays a quote.
        assert_eq!(
            titles(
                "# RustConf 2024\n## Async Rust\n- quoted:\n\n> # Tokio\n> A runtime.\n\n## Embedded Rust\n- embassy\n"
            ),
            ["Async Rust", "Embedded Rust"]
        );
        // Numbering in front of a month is numbering, not a date (and
        // leaves the titles).
        assert_eq!(
            titles(
                "# GopherCon 2024\n## 1. Generics\n- constraints\n  - comparable\n## 2. What shipped in March\n\
                 - range over func\n  - iterators\n- loopvar\n  - per iteration\n"
            ),
            ["Generics", "What shipped in March"]
        );
        // Several speakers before the talks: a meetup, not one talk.
        assert_eq!(
            titles("Rust Berlin.\nSpeakers: Ana Lima, Ben Okafor\n\n## Async traits\n- a\n## Embedded Rust\n- b\n"),
            ["Async traits", "Embedded Rust"]
        );
        // Bold lead-ins with a dash are notes of the day, not talks.
        assert_eq!(
            titles(
                "# RustConf 2024\n## Day 1\n- **Big Picture – async is still hard**: pinning\n\
                 - **Key Takeaway – measure first**: flamegraphs\n- **Hallway Track – embedded**: RP2040\n"
            ),
            ["Day 1"]
        );
        // Code annotations and rooms are no speakers.
        assert_eq!(
            talks_of(
                "# C\n## Understanding SwiftUI @State\n- a\n## Typing at scale | Main Stage\n- b\n"
            ),
            [
                ("Understanding SwiftUI @State".to_string(), None),
                ("Typing at scale | Main Stage".to_string(), None)
            ]
        );
        // A bare schedule of titles over bylines is a schedule, not talks.
        assert_eq!(
            titles("# Day 1 schedule\n\nOpening keynote\nby Jane Doe\n\nScaling Postgres\nby Maria Lopez\n"),
            ["Day 1 schedule"]
        );
        // `By Design, …` and `By Friday, …` are sentences, not bylines.
        assert_eq!(
            titles(
                "# Day 1\n\nSecure defaults\nBy Design, not by accident: every endpoint denies first.\n\n\
                 - authz\n\nZero trust\nBy Friday, all services were on mTLS.\n\n- mesh\n"
            ),
            ["Day 1"]
        );
        // A Title Case topic over a bold lead-in is no speaker.
        assert_eq!(
            talks_of("# Day 1\n## Scaling Kafka\n- partitions\n## Event Sourcing\n\n**Why it matters**\n\n- replay\n"),
            [
                ("Scaling Kafka".to_string(), None),
                ("Event Sourcing".to_string(), None)
            ]
        );
        // A panel's bullets naming who spoke are the panel's notes.
        assert_eq!(
            titles(
                "# Panel: the future of remote work\n- Opening statement – Jane Doe\n  - async first\n\
                 - Response – Bob Smith\n  - hybrid is hard\n"
            ),
            ["Panel: the future of remote work"]
        );
        // Numbers in words and newer labels need a separator; `Bilan
        // carbone` and `Location:` titles are talks.
        assert_eq!(
            titles(
                "# Day 1\n## Part one of the keynote\n- a\n## Lecture 5 on consensus\n- b\n\
                 ## Bilan carbone du numérique\n- c\n## Location: where to store your data\n- d\n"
            ),
            [
                "Part one of the keynote",
                "Lecture 5 on consensus",
                "Bilan carbone du numérique",
                "Location: where to store your data"
            ]
        );
        // Notes of one's own after the last session are not its keynotes.
        assert_eq!(
            titles(
                "# Summit 2025\n## Session 1 - Keynotes\n### Building a design system\n- a\n- b\n- c\n\
                 ## Questions I still have about design systems\n- who owns it\n- versioning\n- adoption\n"
            ),
            ["Building a design system"]
        );
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
        // `#` carries the only content, so `#` headings are the talks and
        // `## Empty` is a section of "Day".
        let (o, d) = outline("# Day\n\nthe intro\n\n## Empty\n\n# Bare\n");
        assert_eq!(o.roles.talk_level, 1);
        assert_eq!(o.groups.len(), 1);
        let talk = &o.groups[0].talks[0];
        assert_eq!(talk.title.text, "Day");
        assert!(matches!(&talk.blocks[0], Block::Other { text, .. } if text.trim() == "the intro"));
        assert!(matches!(&talk.blocks[1], Block::Heading { title, .. } if title.text == "Empty"));
        let msgs: Vec<(u32, &str)> = d.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(msgs, [(7, "empty section 'Bare': no slides made")]);
        // A group whose talks are all empty keeps its intro as a deck.
        let (o, _) =
            outline("# Day\n\nthe intro\n\n## Empty\n\n# Other\n\n## T\n\n* x\n* y\n* z\n\n## U\n\n* a\n* b\n* c\n");
        assert_eq!(o.roles.talk_level, 2);
        assert_eq!(o.groups[0].talks[0].title.text, "Day");
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
