//! Talks that are not headings. Under a heading that names an event or a
//! day (or in a file with no headings at all), notes often mark each talk
//! with a bold line, a quoted schedule entry (`> Title` / `> Name @handle`),
//! or a top-level bullet holding the talk's notes nested under it. When two
//! or more such markers of one kind are there, each starts a talk.

use super::text_inline;
use super::words;
use crate::outline::{Block, Group, Inline, Item, Lines, OtherKind, Talk};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::borrow::Cow;

/// Quotes around a title: `"Title"`, `«Title»`, `「Title」`.
const QUOTES: &[char] = &['"', '“', '”', '„', '«', '»', '「', '」'];

/// How [`split`] says it found a list of the talks seen: talks that hold
/// no notes by design, each still a deck.
pub const LISTED: &str = "a list of the talks seen, a bullet naming each";
const LISTED_UNDER: &str =
    "a list of the talks seen, a bullet naming each, under a heading that names them";
const LISTED_AFTER: &str =
    "a list of the talks seen, a bullet naming each, under a heading, right after a line saying one saw them";
const LINK_LEAD_LED: &str =
    "bullets opening with a linked title, right after a line leading to the talks seen";
const LISTED_ABOVE: &str =
    "a list of the talks seen, a bullet naming each, under the title, above the headings that write some of them up";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bold,
    Entry,
    Bullet,
    BoldBullet,
    Row,
    /// Bullets titled by one link, under topic headings: only when the
    /// file reads as a reading list (never picked by [`kind_of`]).
    Link,
    /// Bullets opening with a linked title and going on with notes on the
    /// same line (`- [Title](video) by Name: notes…`): only under a heading
    /// that names talks (never picked by [`kind_of`]).
    LinkLead {
        /// Only the lists right after a line leading to the talks seen.
        led: bool,
    },
    /// Bullets opening with a bold title and going on with notes on the
    /// same line (`- **Title**. notes…`): only under a heading that names a
    /// day or talks (never picked by [`kind_of`]).
    BoldLead,
    /// Lists of the talks seen, a bullet naming each and no notes: under
    /// a heading that names talks, or (`led`) right under a line leading
    /// to them (never picked by [`kind_of`]).
    Listed {
        led: bool,
        /// Plain titles will do, under a heading saying one saw them
        /// (`## Talks I attended`, `# 聞いた発表`).
        plain: bool,
    },
    /// Paragraphs of prose, each naming a talk by its title in quotes
    /// (`I went to "Title" by Name`): only under a day or an event with no
    /// other marks (never picked by [`kind_of`]).
    Quoted,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::Bold => "bold lines",
            Kind::Entry => {
                "title lines (over a speaker, their notes or a list), or quoted schedule entries"
            }
            Kind::Bullet => "top-level bullets with notes under them",
            Kind::BoldBullet => "top-level bullets in bold with notes under them",
            Kind::Row => "rows of a schedule table",
            Kind::Link => "bullets titled by a link, under topic headings",
            Kind::LinkLead { led: true } => LINK_LEAD_LED,
            Kind::LinkLead { led: false } => {
                "bullets opening with a linked title, under a heading that names talks"
            }
            Kind::Listed { .. } => LISTED,
            Kind::BoldLead => {
                "bullets opening with a bold title, under a heading that names a day or talks"
            }
            Kind::Quoted => "paragraphs naming a talk by its title in quotes",
        }
    }
}

/// The first line of a paragraph's events: its text, and whether more
/// lines follow.
fn first_line(events: &[Event]) -> (String, bool) {
    let mut s = String::new();
    for e in events {
        match e {
            Event::SoftBreak | Event::HardBreak => return (s, true),
            Event::Text(t) | Event::Code(t) => {
                if let Some((a, _)) = t.split_once('\n') {
                    s.push_str(a);
                    return (s, true);
                }
                s.push_str(t);
            }
            _ => {}
        }
    }
    (s, false)
}

/// A paragraph that is one bold span, `**Title**`, or one line of a bold
/// title and its speaker, `**Title** by Name`.
///
/// Over a line naming its speaker (`named`), a long title or one ending
/// with a full stop is still a title: the name says what the line was.
fn bold_title(b: &Block, named: bool) -> Option<Inline> {
    let Block::Other {
        events,
        text,
        kind: OtherKind::Paragraph,
        ..
    } = b
    else {
        return None;
    };
    let inner = &events[1..events.len().saturating_sub(1)];
    let unquoted = unquote(inner);
    let (inner, text) = match &unquoted {
        Some(v) => (v.as_slice(), Cow::Owned(super::plain_text(v))),
        None => (inner, Cow::Borrowed(text.as_str())),
    };
    let one_span = matches!(inner.first(), Some(Event::Start(Tag::Strong)))
        && matches!(inner.last(), Some(Event::End(TagEnd::Strong)))
        && inner
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Strong)))
            .count()
            == 1;
    let t = text.trim().trim_end_matches([':', '-', ' ']);
    let title_like = |t: &str, named: bool| {
        words::title_like(t) || (named && words::title_like_up_to(t.trim_end_matches('.'), 300))
    };
    // `**Day 2**` marks a day, not a talk.
    if words::classify(t) == words::Class::Group {
        return None;
    }
    if one_span {
        if let Some((title, _)) = spoken_block(b) {
            return Some(title);
        }
        // Markup inside the bold (`**Name, Lab, *Title***`) stays: it
        // tells the speaker from the title, as in a heading.
        let span = &inner[1..inner.len() - 1];
        let marked = unquoted.is_none()
            && span.iter().any(|e| !matches!(e, Event::Text(_)))
            && !span
                .iter()
                .any(|e| matches!(e, Event::SoftBreak | Event::HardBreak));
        let title = if marked {
            Inline {
                events: span.to_vec(),
                text: t.to_string(),
            }
        } else {
            text_inline(t)
        };
        return title_like(t, named).then_some(title);
    }
    if let Some((title, _)) = name_lead(b) {
        return Some(title);
    }
    // The first line: a bold title and its speaker may run on into the
    // talk's notes without a blank line.
    let first = inner
        .iter()
        .position(|e| matches!(e, Event::SoftBreak | Event::HardBreak))
        .map_or(inner, |n| &inner[..n]);
    let line = Inline {
        events: first.to_vec(),
        text: super::plain_text(first).trim().to_string(),
    };
    // A bold line of its own over the next lines (`**Title**` then
    // `_Name_` or the notes): the title, as a heading would be.
    let alone = first.len() < inner.len() && bold_inline(&line);
    if alone {
        let t = line.text.trim_end_matches([':', '-', ' ']);
        let next = super::plain_text(&inner[first.len() + 1..]);
        let named = named
            || next
                .lines()
                .next()
                .is_some_and(super::speakers::names_people);
        return (title_like(t, named) && words::classify(t) != words::Class::Group)
            .then(|| text_inline(t));
    }
    if words::title_like(&line.text) && super::speakers::span_lead(&line).is_some() {
        return Some(line);
    }
    run_in(b).map(|(title, _, _)| title)
}

/// `**Jane Doe**: _Title_` (or `**Ana Lima y Rui Sá** - Title`): a line
/// opening with the speaker's name in bold, the title after it. The title
/// and the name.
fn name_lead(b: &Block) -> Option<(Inline, String)> {
    let events = b.paragraph()?;
    let inner = events.get(1..events.len().saturating_sub(1))?;
    let close = lead_bold(inner)?;
    let line_end = inner
        .iter()
        .position(|e| matches!(e, Event::SoftBreak | Event::HardBreak))
        .unwrap_or(inner.len());
    if close >= line_end {
        return None;
    }
    let name = super::plain_text(&inner[1..close]);
    let name = name.trim().trim_end_matches([':', ' ']);
    let first = name
        .split([',', '&'])
        .flat_map(|p| p.split(" y ").flat_map(|p| p.split(" and ")))
        .next()
        .unwrap_or(name);
    let rest = super::plain_text(&inner[close + 1..line_end]);
    let title = rest
        .trim()
        .trim_start_matches([':', '-', '–', '—', ' '])
        .trim()
        .trim_matches(['_', '*', ' '])
        .trim();
    // (A name says what the line is: a title may end with its stop.)
    let title = title.strip_suffix('.').unwrap_or(title).trim();
    let sep = rest.trim_start().starts_with([':', '-', '–', '—']) || name.ends_with(':');
    (sep && super::speakers::person_named(super::speakers::person(first), 2)
        && words::title_like(title)
        && title.split_whitespace().count() >= 1
        && words::classify(title) == words::Class::Plain)
        .then(|| (text_inline(title), name.to_string()))
}

/// Where the bold span that opens these events closes, if they open with one.
fn lead_bold(ev: &[Event]) -> Option<usize> {
    if !matches!(ev.first(), Some(Event::Start(Tag::Strong))) {
        return None;
    }
    ev.iter()
        .position(|e| matches!(e, Event::End(TagEnd::Strong)))
}

/// A paragraph all in bold whose last line names its speaker (`**Title,
/// wrapped over lines` / `Speaker: Name (Lab)**`): the title (its lines
/// joined) and the speaker.
fn spoken_block(b: &Block) -> Option<(Inline, String)> {
    let events = b.paragraph()?;
    let inner = events.get(1..events.len().saturating_sub(1))?;
    let span = match inner {
        [Event::Start(Tag::Strong), span @ .., Event::End(TagEnd::Strong)] => span,
        _ => return None,
    };
    let lines: Vec<String> = span
        .split(|e| matches!(e, Event::SoftBreak | Event::HardBreak))
        .map(|l| super::plain_text(l).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let (last, title) = lines.split_last()?;
    let name = super::speakers::speaker_line(last)?;
    let title = title.join(" ");
    (!title.is_empty() && words::title_like_up_to(&title, 300)).then(|| (text_inline(&title), name))
}

/// `**Title, [@name](…).** The talk was…`: a bold run-in naming its
/// speaker after a comma, the notes running on after it in the same
/// paragraph (the bold may wrap over lines). The title, the speaker and
/// the notes.
fn run_in(b: &Block) -> Option<(Inline, String, Block)> {
    let Block::Other {
        events,
        kind: OtherKind::Paragraph,
        lines,
        ..
    } = b
    else {
        return None;
    };
    let inner = &events[1..events.len().saturating_sub(1)];
    let Some(close) = lead_bold(inner) else {
        return told(b);
    };
    let span = super::plain_text(&inner[1..close]);
    let span = span.split_whitespace().collect::<Vec<_>>().join(" ");
    let (head, name) = span
        .trim_end_matches(['.', ',', ':', ' '])
        .rsplit_once(", ")?;
    let name = name.trim();
    let named = name.starts_with('@') && name.len() > 1
        || super::speakers::names_people(name)
        || super::speakers::byline(name).is_some();
    let mut rest: Vec<Event<'static>> = inner[close + 1..].to_vec();
    while let Some(Event::SoftBreak | Event::HardBreak) = rest.first() {
        rest.remove(0);
    }
    if let Some(Event::Text(t)) = rest.first_mut() {
        *t = t.trim_start().to_string().into();
    }
    let notes = super::plain_text(&rest);
    // (`**Thanks, [@jane](…).**`, `**Welcome, Li Wei.**`: a word of a
    // newsletter's lead-in, not a title.)
    let titled = head.split_whitespace().count() >= 2
        || head.chars().filter(|&c| c as u32 >= 0x2E80).count() >= 4;
    if !named
        || !titled
        || !words::title_like_up_to(head, 200)
        || words::classify(head) != words::Class::Plain
        || notes.trim().chars().count() < 20
    {
        return None;
    }
    let mut para = vec![Event::Start(Tag::Paragraph)];
    para.extend(rest);
    para.push(Event::End(TagEnd::Paragraph));
    let text = super::plain_text(&para);
    let notes = Block::Other {
        events: para,
        text,
        kind: OtherKind::Paragraph,
        lines: *lines,
    };
    Some((text_inline(head.trim()), name.to_string(), notes))
}

/// `Next was **Title** by [Name](…), it was…`: a paragraph of prose
/// naming one talk, its one bold span followed by `by` and the speaker.
/// The title, the speaker and the paragraph whole (its notes).
fn told(b: &Block) -> Option<(Inline, String, Block)> {
    // (Most paragraphs say no `by`: a look at the text first.)
    if !matches!(b, Block::Other { text, .. } if text.contains(" by ")) {
        return None;
    }
    let events = b.paragraph()?;
    let mut bold = events
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e, Event::Start(Tag::Strong)));
    let (open, _) = bold.next()?;
    if bold.next().is_some() {
        return None;
    }
    let close = open
        + events[open..]
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::Strong)))?;
    let title = super::plain_text(&events[open + 1..close]);
    let title = title.trim();
    let by = match events.get(close + 1) {
        Some(Event::Text(t)) => t.strip_prefix(" by ")?,
        _ => return None,
    };
    // The name: the link right after `by`, or the words up to a comma.
    let name = if by.is_empty() {
        let end = close
            + 2
            + events[close + 2..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Link)))?;
        match events.get(close + 2) {
            Some(Event::Start(Tag::Link { .. })) => super::plain_text(&events[close + 3..end]),
            _ => return None,
        }
    } else {
        by.split([',', '.', ';', '('])
            .next()
            .unwrap_or(by)
            .to_string()
    };
    let name = name.trim();
    let words = title.split_whitespace().count();
    let prose = super::plain_text(events).chars().count() >= title.chars().count() + 60;
    (words >= 2
        && prose
        && super::speakers::names_people(name)
        && words::title_like_up_to(title, 200)
        && words::classify(title) == words::Class::Plain)
        .then(|| (text_inline(title), name.to_string(), b.clone()))
}

/// A paragraph that is one bold line naming a person.
fn bold_name_line(b: &Block) -> bool {
    b.paragraph()
        .is_some_and(|e| super::speakers::bold_name(e).is_some())
}

/// Each block with the bold title it opens with, if any. A line in bold
/// naming a person right under a bold title (`**Title**` then `**Jane
/// Doe, Lab**`) is its speaker, not a title; so are the names after it.
fn bold_markers<'a>(blocks: impl Iterator<Item = &'a Block>) -> Vec<(&'a Block, Option<Inline>)> {
    let blocks: Vec<&Block> = blocks.collect();
    let mut out: Vec<(&'a Block, Option<Inline>)> = Vec::new();
    // Under the title or a name of the same byline (a panel's names).
    let mut byline = false;
    for (i, b) in blocks.iter().enumerate() {
        byline = bold_name_line(b) && (byline || out.last().is_some_and(|(_, m)| m.is_some()));
        let m = if byline {
            None
        } else {
            let b = past_breaks(b);
            let b = b.as_ref().unwrap_or(blocks[i]);
            bold_title(b, blocks.get(i + 1).is_some_and(|n| bold_name_line(n)))
        };
        out.push((b, m));
    }
    out
}

/// A paragraph opening with lines of nothing but `<br>` (spacing in blog
/// posts), without them: what it opens with is the line after.
fn past_breaks(b: &Block) -> Option<Block> {
    let spacing = |b: &Block| {
        b.paragraph().is_some_and(|e| {
            let line: Vec<&Event> = e[1..]
                .iter()
                .take_while(|e| !matches!(e, Event::SoftBreak | Event::HardBreak | Event::End(_)))
                .collect();
            let more = e[1 + line.len()..]
                .iter()
                .any(|e| matches!(e, Event::SoftBreak | Event::HardBreak));
            more && line.iter().any(|e| super::is_line_break_html(e))
                && line.iter().all(|e| {
                    super::is_line_break_html(e)
                        || matches!(e, Event::Text(t) if t.trim().is_empty())
                })
        })
    };
    if !spacing(b) {
        return None;
    }
    let mut cur = b.clone();
    while spacing(&cur) {
        cur = super::without_first_line(cur)?;
    }
    Some(cur)
}

/// Quotes opening a line before a bold span and closing after it: a
/// quoted title, `"**Title**" - Name`, is the title unquoted.
fn unquote(inner: &[Event<'static>]) -> Option<Vec<Event<'static>>> {
    const OPEN: &[char] = &[
        '"', '\u{201c}', '\u{201e}', '\u{ab}', '\u{300c}', '\u{300e}',
    ];
    const CLOSE: &[char] = &[
        '"', '\u{201d}', '\u{201c}', '\u{bb}', '\u{300d}', '\u{300f}',
    ];
    let opens = matches!(inner.first(), Some(Event::Text(t)) if !t.is_empty() && t.trim_start_matches(OPEN).is_empty())
        && matches!(inner.get(1), Some(Event::Start(Tag::Strong)));
    if !opens {
        return None;
    }
    let end = inner
        .iter()
        .position(|e| *e == Event::End(TagEnd::Strong))?;
    if !matches!(inner.get(end + 1), Some(Event::Text(t)) if t.starts_with(CLOSE)) {
        return None;
    }
    let mut out = inner[1..].to_vec();
    if let Event::Text(t) = &out[end] {
        let rest = t.trim_start_matches(CLOSE).to_string();
        if rest.is_empty() {
            out.remove(end);
        } else {
            out[end] = Event::Text(rest.into());
        }
    }
    Some(out)
}

/// A paragraph opening with a quoted bold span.
fn quoted(b: &Block) -> bool {
    b.paragraph()
        .is_some_and(|e| unquote(&e[1..e.len().saturating_sub(1)]).is_some())
}

/// Quoted bold titles mark talks only three or more at a time: one or two
/// are quotations (`"**Culture eats strategy**" - Drucker`).
fn quoted_titles(blocks: &[Block]) -> usize {
    bold_markers(blocks.iter())
        .into_iter()
        .filter(|(b, m)| m.is_some() && quoted(b))
        .count()
}

/// A talk named in prose by its title in quotes (`I went to "Designing
/// Path of Exile to be played forever" by Chris Wilson`, `begann mit
/// ["Web Assembly for the Rest of us"](…)`): the first such title of the
/// paragraph and the line it opens on. The paragraph must say it is a talk
/// (`session`, `keynote`, `went to`), or link the title; a quoted remark
/// (`he said "ship it."`) is no title.
fn quoted_talk(b: &Block) -> Option<(String, u32)> {
    // (`„…“` in German, `„…”` in Polish.)
    const PAIRS: &[(char, &[char])] = &[
        ('"', &['"']),
        ('“', &['”']),
        ('„', &['“', '”']),
        ('«', &['»']),
        ('「', &['」']),
        ('『', &['』']),
    ];
    let Block::Other {
        events,
        kind: OtherKind::Paragraph,
        lines,
        ..
    } = b
    else {
        return None;
    };
    // The prose with each line's start, and whether each part is linked.
    let mut s = String::new();
    let mut breaks: Vec<usize> = Vec::new();
    let mut linked: Vec<(usize, usize)> = Vec::new();
    let mut link_from = None;
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => {
                breaks.push(s.len());
                s.push(' ');
            }
            Event::Start(Tag::Link { .. }) => link_from = Some(s.len()),
            Event::End(TagEnd::Link) => {
                if let Some(f) = link_from.take() {
                    linked.push((f, s.len()));
                }
            }
            _ => {}
        }
    }
    let (open, (o, c)) = PAIRS
        .iter()
        .filter_map(|&(o, c)| s.find(o).map(|at| (at, (o, c))))
        .min_by_key(|(at, _)| *at)?;
    let from = open + o.len_utf8();
    let close = from + s[from..].find(c)?;
    let c = s[close..].chars().next()?;
    let inner = s[from..close]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let ws = inner.split_whitespace().count();
    let cjk = inner.chars().filter(|c| *c as u32 >= 0x2E80).count();
    let first = inner.chars().next()?;
    let titled = (2..=15).contains(&ws) || (ws <= 2 && cjk >= 4);
    if !titled
        || first.is_lowercase()
        || inner.ends_with(['.', ',', ';', ':', '!'])
        || !words::title_like(&inner)
    {
        return None;
    }
    let link = linked.iter().any(|&(f, t)| f <= open && close < t);
    let said = words::mentions_talks(&s) || words::says_seen(&s) || words::names_talk_kind(&s);
    // (Or its speaker beside it: `"Title" by Jane Doe`, `Jane Doe's "Title"`.)
    let tail = s[close + c.len_utf8()..]
        .trim_start()
        .trim_start_matches(',')
        .trim_start();
    let by = ["by ", "von ", "par ", "de ", "di ", "door ", "przez "]
        .iter()
        .find_map(|b| tail.strip_prefix(b))
        .is_some_and(|r| {
            let name: Vec<&str> = r
                .split_whitespace()
                .take(2)
                .map(|w| w.trim_end_matches([',', '.', ';', ':', ')']))
                .collect();
            name.len() == 2 && super::speakers::person_named(&name.join(" "), 2)
        });
    let head = s[..open].trim_end();
    let owned = head.ends_with("'s") || head.ends_with("’s");
    if !(link || said || by || owned) {
        return None;
    }
    let line = lines.start + breaks.iter().filter(|&&at| at < open).count() as u32;
    Some((inner, line))
}

/// An inline that is one bold span and nothing else.
fn bold_inline(i: &Inline) -> bool {
    let ev = &i.events;
    matches!(ev.first(), Some(Event::Start(Tag::Strong)))
        && matches!(ev.last(), Some(Event::End(TagEnd::Strong)))
        && ev
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Strong)))
            .count()
            == 1
}

/// A schedule entry: a quote whose first line is a title, or a paragraph
/// of a title, a blurb and `Name @handle`.
fn entry_title(b: &Block) -> Option<String> {
    match b {
        Block::Other {
            events,
            kind: OtherKind::Quote,
            ..
        } => {
            // A title line and more: the blurb, the speaker.
            let (t, more) = first_line(&events[1..]);
            (more && words::title_like(&t)).then(|| t.trim().to_string())
        }
        Block::Other {
            events,
            text,
            kind: OtherKind::Paragraph,
            lines,
        } if lines.end > lines.start => {
            let last = text.lines().last().unwrap_or("");
            let handle = last
                .split_whitespace()
                .any(|w| w.len() > 2 && w.starts_with('@'));
            let (t, more) = first_line(events);
            // (`Title (Name)` over the notes names its speaker too.)
            let named = handle || super::speakers::names_speaker(&t);
            (named && more && words::title_like(&t)).then(|| t.trim().to_string())
        }
        _ => None,
    }
}

/// A paragraph of a title line over a [`by_line`]: its title.
fn byline_entry(b: &Block) -> Option<String> {
    let events = b.paragraph()?;
    let second = super::speakers::first_lines(events).nth(1)?;
    let (t, more) = first_line(events);
    (more && super::speakers::by_line(&second).is_some() && words::title_like(&t))
        .then(|| t.trim().to_string())
}

/// A schedule entry, or a title over its byline with notes after it (a
/// bare list of titles and names is a schedule, not talks).
fn entry_at(blocks: &[Block], i: usize, lists: bool) -> Option<String> {
    entry_title(&blocks[i]).or_else(|| {
        let noted = blocks.get(i + 1).is_some_and(|n| {
            !matches!(
                n,
                Block::Heading { .. } | Block::Break { .. } | Block::Notes { .. }
            ) && entry_title(n).is_none()
                && byline_entry(n).is_none()
        });
        byline_entry(&blocks[i])
            .filter(|_| noted)
            .or_else(|| title_over_list(blocks, i).filter(|_| lists))
    })
}

/// Whether title lines over lists mark the talks here: three or more, and
/// no list before the first (notes already under way hold their own).
fn titles_over_lists(blocks: &[Block]) -> bool {
    let at: Vec<usize> = (0..blocks.len())
        .filter(|&i| title_over_list(blocks, i).is_some())
        .collect();
    at.len() >= 3
        && at
            .first()
            .is_some_and(|&f| !blocks[..f].iter().any(|b| matches!(b, Block::List { .. })))
}

/// A line of its own that reads as a title, right over a list of notes.
fn title_over_list(blocks: &[Block], i: usize) -> Option<String> {
    let Block::Other {
        text,
        kind: OtherKind::Paragraph,
        lines,
        ..
    } = &blocks[i]
    else {
        return None;
    };
    let t = text.trim();
    let listed = matches!(blocks.get(i + 1), Some(Block::List { .. }));
    // (A title starts as one: not `will let you name the next release`.)
    let capital = t.chars().next().is_some_and(|c| !c.is_lowercase());
    (listed
        && capital
        && lines.start == lines.end
        && words::title_like(t)
        && t.split_whitespace().count() >= 2
        && words::classify(t) == words::Class::Plain)
        .then(|| t.to_string())
}

fn bullet_talks(b: &Block) -> usize {
    match b {
        Block::List { items, .. } => items.iter().filter(|i| talk_bullet(i, false)).count(),
        _ => 0,
    }
}

/// Top-level bullets that start a talk at a time of day (`- ~ 15:15
/// Title` with notes under it), in every list of these blocks, when
/// titled as talks are (a meeting's `10:20 Q2 roadmap`, `10:45 AOB` or a
/// talk's own `14:00 Einführung` are not).
fn timed_bullets(blocks: &[Block]) -> usize {
    let titles: Vec<String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::List { items, .. } => Some(items),
            _ => None,
        })
        .flatten()
        .filter(|i| talk_bullet(i, false) && super::speakers::opens_with_time(&i.head.text))
        .map(|i| super::speakers::split_time(&i.head.text).map_or(i.head.text.clone(), |(t, _)| t))
        .collect();
    // (Six characters will do in a script written without spaces:
    // `大模型推理加速实践`, not `上周回顾`.)
    if words::titled_as(titles.iter().map(String::as_str), 6) {
        titles.len()
    } else {
        0
    }
}

/// A top-level bullet that starts a talk: a title with notes nested under
/// it (in bold, for `bold`), or a bold title naming its speaker and then
/// what the talk was about (`- **Name – Title**: notes`).
fn talk_bullet(i: &Item, bold: bool) -> bool {
    // (A linked title is read as typed: `[Coming soon...](…)`.)
    (i.has_children()
        && (words::title_like(&i.head.text) || (!bold && link_item(i)))
        && (!bold || bold_inline(&i.head)))
        || (bold && lead_title(i).is_some())
}

/// `**Name – Title**: notes` at the head of a bullet: the bold title
/// (it names a speaker, so it is not a bold lead-in of notes) and the
/// events after it.
fn lead_title(i: &Item) -> Option<(Inline, Vec<Event<'static>>)> {
    bold_head(i).filter(|(t, _)| super::speakers::names_speaker(&t.text))
}

/// `**Title**. What it was about…`: a bullet opening with a bold title,
/// its notes after it on the line (a talk's own `**Pros**: fast` is a
/// label: only under a heading that names a day or talks).
fn bold_lead(i: &Item) -> Option<(Inline, Vec<Event<'static>>)> {
    bold_head(i).filter(|(t, rest)| {
        words::classify(&t.text) == words::Class::Plain
            && super::plain_text(rest).trim().chars().count() >= 20
    })
}

/// A bullet's opening bold span that reads as a title, and the events
/// after it (less the colon, stop or dash and the line break between).
fn bold_head(i: &Item) -> Option<(Inline, Vec<Event<'static>>)> {
    let ev = &i.head.events;
    let close = lead_bold(ev)?;
    let text = super::plain_text(&ev[1..close]);
    let title = text.trim().trim_end_matches([':', ' ']).trim();
    // (Set apart in bold, a title may be long: `**Name - "Title…"**`.)
    if !words::title_like_up_to(title, 200) {
        return None;
    }
    let mut rest: Vec<Event<'static>> = ev[close + 1..].to_vec();
    while let Some(first) = rest.first_mut() {
        match first {
            Event::SoftBreak | Event::HardBreak => {
                rest.remove(0);
            }
            Event::Text(t) => {
                let trimmed = t
                    .trim_start_matches([':', '.', '-', '–', '—', ' ', '\u{a0}'])
                    .to_string();
                if trimmed.is_empty() {
                    rest.remove(0);
                } else {
                    *t = trimmed.into();
                    break;
                }
            }
            _ => break,
        }
    }
    Some((text_inline(title), rest))
}

/// `Talks`, `Vorträge`, `My favourite talks`: the talks seen, not
/// `Related talks` or `Talks to watch later`.
pub(super) fn talks_seen(title: &str) -> bool {
    let t = title.to_lowercase();
    // (Or, longer, speaks of talks and says one saw them: `Charlas a las
    // que asistí`, `Talks I went to`.)
    (words::names_talks(&t) || (words::mentions_talks(&t) && words::says_seen(&t)))
        && !words::other_talks(&t)
}

/// Headings of a reading list: other kinds of media than talks.
fn names_media(title: &str) -> bool {
    const MEDIA: &[&str] = &[
        "books",
        "articles",
        "papers",
        "podcasts",
        "videos",
        "blogs",
        "courses",
        "reading",
        "newsletters",
        "tutorials",
    ];
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| MEDIA.contains(&w))
}

/// `- [Title](video) (slides) by Name: notes…`: a bullet opening with a
/// link that reads as a title, its notes after it on the line. The title
/// (the link) and the events after it.
fn link_lead(i: &Item) -> Option<(Inline, Vec<Event<'static>>)> {
    link_lead_noted(i, 20)
}

/// [`link_lead`] with at least `min` characters of notes after the title.
fn link_lead_noted(i: &Item, min: usize) -> Option<(Inline, Vec<Event<'static>>)> {
    let (ev, end) = linked_head(&i.head.events)?;
    let text = super::plain_text(&ev[..=end]);
    // (Quoted whole, not `"Progamando" Arduino com Python`.)
    let title = text.trim();
    let title = if title.starts_with(QUOTES) && title.ends_with(QUOTES) {
        title.trim_matches(QUOTES).trim()
    } else {
        title
    };
    let mut rest = ev[end + 1..].to_vec();
    // (Whether a quote or a mark sets the notes apart: `[Title](…): notes`.)
    let apart = match rest.first() {
        Some(Event::Text(t)) => {
            let t = t.trim_start();
            t.is_empty() || t.starts_with(QUOTES) || t.starts_with([':', '-', '–', '—', ',', '('])
        }
        _ => true,
    };
    // (The notes start after the quote closing the title and what sets
    // them apart from it: `": notes`.)
    if let Some(Event::Text(t)) = rest.first_mut() {
        let lead = t.trim_start();
        if lead.starts_with(QUOTES) || lead.starts_with([':', '-', '–', '—']) {
            let kept = lead
                .trim_start_matches(QUOTES)
                .trim_start()
                .trim_start_matches([':', '-', '–', '—'])
                .trim_start();
            *t = kept.to_string().into();
        }
    }
    let notes = super::plain_text(&rest);
    let noted = notes.trim().chars().count() >= min.max(1);
    // `[Name](…) talked about Topic, …`: the topic is the title; the
    // bullet as typed is its notes.
    if let Some(topic) = spoken_by(title, &notes) {
        // (Said mid-sentence, `talked about effect systems`: on a slide, a
        // title starts with a capital.)
        let mut chars = topic.chars();
        let titled: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        return (noted && words::title_like(topic)).then(|| (text_inline(&titled), ev.to_vec()));
    }
    // (`[Name](…) organised the venue`: a person, no talk, unless the line
    // says it was one: `gave my favourite talk`.)
    let person =
        !apart && super::speakers::person_named(title, 2) && !words::mentions_talks(&notes);
    (noted && !person && words::title_like(title) && words::classify(title) == words::Class::Plain)
        .then(|| (text_inline(title), rest))
}

/// A bullet's events from its leading link on, and where the link ends:
/// quoted (`" [Title](…)": notes`) or labelled as a kind of talk
/// (`Keynote - [Title](…)`), the quote or the label is not the title.
fn linked_head<'e>(ev: &'e [Event<'static>]) -> Option<(&'e [Event<'static>], usize)> {
    let skip = match ev.first() {
        Some(Event::Text(t)) => {
            let t = t.trim().trim_end_matches(QUOTES).trim_end();
            let label = t.trim_end_matches(['-', '–', '—', ':']).trim_end();
            (t.is_empty()
                || (label.len() < t.len() && words::names_talk_kind(label) && !label.contains(' ')))
                as usize
        }
        _ => 0,
    };
    let ev = &ev[skip..];
    if !matches!(ev.first(), Some(Event::Start(Tag::Link { .. }))) {
        return None;
    }
    let end = ev
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Link)))?;
    Some((ev, end))
}

/// The speaker of a bullet [`link_lead`] reads: the linked name when the
/// title is what they spoke about (`[Name](…) talked about …`), else a
/// name right after the linked title, before its notes (`[Title](…)", de
/// [Name](…): notes`, `[Title](…) by Name: notes`, `[Title](…) (Name)`).
fn link_speaker(i: &Item) -> Option<String> {
    let (ev, end) = linked_head(&i.head.events)?;
    let name = super::plain_text(&ev[..=end]);
    let rest = super::plain_text(&ev[end + 1..]);
    if spoken_by(name.trim(), &rest).is_some() {
        return Some(name.trim().to_string());
    }
    let rest =
        rest.trim_start_matches(|c: char| QUOTES.contains(&c) || c == ',' || c.is_whitespace());
    // (`(Name)`, `- Name`: what reads a title's byline.)
    let Some(rest) = ["by ", "de ", "par ", "por ", "von "]
        .iter()
        .find_map(|b| rest.strip_prefix(b))
    else {
        return super::speakers::byline(rest.split(':').next()?);
    };
    let name = rest
        .split([':', ';', '('])
        .next()?
        .trim()
        .trim_end_matches(['.', ',']);
    super::speakers::person_named(name, 2).then(|| name.to_string())
}

/// The topic a line gives after a speaker's name (`Name talked about …`).
fn spoken_by<'a>(name: &str, rest: &'a str) -> Option<&'a str> {
    (super::speakers::name_like(name) && !name.contains(['(', ':']))
        .then(|| words::spoken_topic(rest))
        .flatten()
}

/// A bullet naming one talk: a linked title (`[Title](page)`, quoted or
/// not, perhaps ending the sentence it is part of with `and` or `.`, perhaps
/// with a byline), or a title naming its speaker (`Title (Name)`), either
/// perhaps followed by a link of its own (` - [Summary](…)`). The title,
/// and that link, or the whole bullet as typed when the title was read
/// from its text (`true`: it goes to the title slide's notes).
fn listed_talk(i: &Item) -> Option<(Inline, Vec<Event<'static>>, bool)> {
    if i.has_children() {
        return None;
    }
    // (Trailing spaces, as an attribute list `{:target=…}` leaves.)
    let blank = |e: &Event| matches!(e, Event::Text(t) if t.trim().is_empty());
    let ev = &i.head.events;
    let ev = &ev[..ev.len() - ev.iter().rev().take_while(|e| blank(e)).count()];
    // ` - [Summary of the talk](…)` after the title: kept as its notes.
    let (head, tail) = match ev
        .iter()
        .rposition(|e| matches!(e, Event::Start(Tag::Link { .. })))
    {
        Some(p) if p > 0 && matches!(ev.last(), Some(Event::End(TagEnd::Link))) => {
            match &ev[p - 1] {
                Event::Text(t) if t.trim_end().ends_with(['-', '–', '—', ':']) => {
                    let kept = t
                        .trim_end()
                        .trim_end_matches(['-', '–', '—', ':'])
                        .trim_end();
                    let mut head = ev[..p - 1].to_vec();
                    if !kept.is_empty() {
                        head.push(Event::Text(kept.to_string().into()));
                    }
                    (head, ev[p..].to_vec())
                }
                _ => (ev.to_vec(), Vec::new()),
            }
        }
        _ => (ev.to_vec(), Vec::new()),
    };
    // `"[Title](page)"`: quotes around the link go with it.
    let mut head = head;
    if matches!(head.first(), Some(Event::Text(t)) if !t.is_empty() && t.trim_start_matches(QUOTES).is_empty())
        && matches!(head.get(1), Some(Event::Start(Tag::Link { .. })))
    {
        head.remove(0);
        if let Some(Event::Text(t)) = head.last_mut() {
            *t = t.trim_start_matches(QUOTES).to_string().into();
        }
    }
    if matches!(head.first(), Some(Event::Start(Tag::Link { .. }))) {
        let end = head
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::Link)))?;
        let title = super::plain_text(&head[..=end]);
        let title = title.trim().trim_matches(QUOTES).trim();
        let rest = super::plain_text(&head[end + 1..]);
        let rest = rest.trim().trim_matches(['.', ',', ';', ' ']);
        // (`and` joining the list's last two, in any language: one short word.)
        let joined = !rest.contains(' ')
            && rest.chars().count() <= 3
            && rest.chars().all(|c| c.is_lowercase());
        let ok = (rest.is_empty() || joined || super::speakers::byline(rest).is_some())
            && words::title_like(title)
            && words::classify(title) == words::Class::Plain;
        if !ok {
            return None;
        }
        let mut events = unquoted_link(&head[..=end]);
        if !(rest.is_empty() || joined) {
            events.push(Event::Text(format!(" {rest}").into()));
        }
        let text = super::plain_text(&events).trim().to_string();
        return Some((Inline { events, text }, tail, false));
    }
    let text = super::plain_text(&head);
    let text = text.trim();
    if !(words::title_like(text)
        && words::classify(text) == words::Class::Plain
        && super::speakers::names_speaker(text))
    {
        return None;
    }
    // `Title ([Name](profile))`: read as plain text, so the speaker is
    // found; the bullet as typed goes to the title slide's notes.
    let plain = head.iter().all(|e| matches!(e, Event::Text(_)));
    let mut tail = tail;
    if !plain {
        let mut typed = head;
        typed.append(&mut tail);
        return Some((text_inline(text), typed, true));
    }
    Some((
        Inline {
            events: head,
            text: text.to_string(),
        },
        tail,
        false,
    ))
}

/// Inline events as a paragraph's: its events and its plain text.
fn as_paragraph(inline: Vec<Event<'static>>) -> (Vec<Event<'static>>, String) {
    let text = super::plain_text(&inline);
    let mut events = Vec::with_capacity(inline.len() + 2);
    events.push(Event::Start(Tag::Paragraph));
    events.extend(inline);
    events.push(Event::End(TagEnd::Paragraph));
    (events, text)
}

/// A link whose text is quoted (`["Title"](…)`), without the quotes.
fn unquoted_link(link: &[Event<'static>]) -> Vec<Event<'static>> {
    let mut out = link.to_vec();
    let n = out.len();
    // [Start(Link), Text…, End(Link)]
    if n >= 3 {
        if let Event::Text(t) = &out[1] {
            out[1] = Event::Text(t.trim_start_matches(QUOTES).to_string().into());
        }
        if let Event::Text(t) = &out[n - 2] {
            out[n - 2] = Event::Text(t.trim_end_matches(QUOTES).to_string().into());
        }
    }
    out
}

/// Which blocks are lists of the talks seen: two bullets or more, none
/// holding notes, two thirds of them naming a talk ([`listed_talk`]), and
/// for `led`, right under a line leading to them.
/// A list of talks right after a line saying one saw them (`I attended
/// these:`, `聽了以下幾場：`), not only leading to them.
fn seen_led(blocks: &[Block]) -> bool {
    talk_lists(blocks, true, false)
        .iter()
        .enumerate()
        .any(|(i, &listed)| listed && led_by(blocks, i, words::says_seen))
}

/// The block at `i` comes right after a paragraph whose last line says
/// `what` (`I attended:`): the line leading to it.
fn led_by(blocks: &[Block], i: usize, what: fn(&str) -> bool) -> bool {
    i > 0
        && blocks[i - 1].paragraph().is_some_and(|e| {
            let text = super::plain_text(e);
            text.lines().last().is_some_and(what)
        })
}

/// Bullets with notes under them, the talks' list, right after a line
/// saying one saw them (`Ich habe besucht:`).
fn seen_bullets(blocks: &[Block]) -> bool {
    (1..blocks.len()).any(|i| bullet_talks(&blocks[i]) >= 2 && led_by(blocks, i, words::says_seen))
}

/// Lists of talks under a heading naming the talks seen: of plain titles
/// too when it says one saw them and marks no talks otherwise (its lists
/// are not notes under bold titles).
fn seen_listed_kind(title: &str, blocks: &[Block]) -> Kind {
    Kind::Listed {
        led: false,
        plain: words::says_seen(title) && kind_of(blocks).is_none(),
    }
}

fn talk_lists(blocks: &[Block], led: bool, plain: bool) -> Vec<bool> {
    (0..blocks.len())
        .map(|i| {
            let Block::List { items, .. } = &blocks[i] else {
                return false;
            };
            // (The cheap conditions first: most lists are a talk's notes.)
            let lead = !led || led_by(blocks, i, words::leads_to_talks_seen);
            if items.len() < 2 || !lead || items.iter().any(|i| i.has_children()) {
                return false;
            }
            let named = items.iter().filter(|i| listed_talk(i).is_some()).count();
            // (Titled as talks are: not `Slides`, `Code` under each.)
            let titles = items.iter().map(|i| match listed_talk(i) {
                Some((t, _, _)) => t.text,
                None => i.head.text.clone(),
            });
            // (Plain titles start as titles do, most of them: not `- meh`.)
            let capitals = items
                .iter()
                .filter(|i| {
                    i.head
                        .text
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(|c| !c.is_lowercase())
                })
                .count();
            let capital = capitals * 3 >= items.len() * 2;
            // (Right under the heading: under a heading of its own, `###
            // Talk`, a list is that talk's notes.)
            let capital = capital
                && !blocks[..i]
                    .iter()
                    .any(|b| matches!(b, Block::Heading { .. }));
            items.len() >= 2
                && ((plain && capital) || named * 3 >= items.len() * 2)
                && words::titled_as_talks(titles.collect::<Vec<_>>().iter().map(String::as_str))
                && items.iter().all(|i| {
                    !i.has_children()
                        && (listed_talk(i).is_some() || words::title_like(&i.head.text))
                })
                && (!led || lead)
        })
        .collect()
}

/// Bullets opening with linked titles, two thirds of a list or more,
/// right after a line leading to the talks seen (`Sobre las charlas a las
/// que asistí:` / `- "[Title](…)": notes`): how many.
fn led_link_leads(blocks: &[Block]) -> usize {
    (1..blocks.len())
        .filter(|&i| led_by(blocks, i, leads_to_linked_talks))
        .map(|i| match &blocks[i] {
            Block::List { items, .. } => {
                let n = items.iter().filter(|i| led_link_lead(i).is_some()).count();
                // (Two will do after a line naming talks: `Talks I attended:`.)
                let talks = led_by(blocks, i, words::mentions_talks);
                if n * 3 >= items.len() * 2 && (n >= 3 || (n == 2 && talks)) {
                    n
                } else {
                    0
                }
            }
            _ => 0,
        })
        .sum()
}

/// A bullet of a list led to the talks seen: a linked title and a comment
/// of any length (`- [Title](…): fun.`).
fn led_link_lead(i: &Item) -> Option<(Inline, Vec<Event<'static>>)> {
    link_lead_noted(i, 1)
}

/// A line leading to the talks seen, not to what came of them (`Links
/// from the talks I attended:`, `Books I heard about:`).
fn leads_to_linked_talks(line: &str) -> bool {
    words::leads_to_talks_seen(line) && !words::names_material(line)
}

fn link_lead_talks(b: &Block) -> usize {
    match b {
        Block::List { items, .. } => items.iter().filter(|i| link_lead(i).is_some()).count(),
        _ => 0,
    }
}

/// Bold-titled bullets of a list that is mostly them (two thirds), titled
/// as talks are: not `**Anna**.`, `**09:00**.` or `**Ship weekly**.`
/// labels of a team's or a day's notes.
fn bold_lead_talks(b: &Block) -> usize {
    match b {
        Block::List { items, .. } => {
            let titles: Vec<String> = items
                .iter()
                .filter_map(|i| bold_lead(i).map(|(t, _)| t.text))
                .collect();
            let n = titles.len();
            let titled = words::titled_as_talks(titles.iter().map(String::as_str))
                && !titles.iter().any(|t| time_like(t));
            if titled && n * 3 >= items.len() * 2 {
                n
            } else {
                0
            }
        }
        _ => 0,
    }
}

fn bold_bullet_talks(b: &Block) -> usize {
    match b {
        Block::List { items, .. } => items.iter().filter(|i| talk_bullet(i, true)).count(),
        _ => 0,
    }
}

fn count(blocks: &[Block], kind: Kind) -> usize {
    match kind {
        Kind::Listed { led, plain } => blocks
            .iter()
            .zip(talk_lists(blocks, led, plain))
            .map(|(b, listed)| match b {
                Block::List { items, .. } if listed => items.len(),
                _ => 0,
            })
            .sum(),
        Kind::LinkLead { led: false } => blocks.iter().map(link_lead_talks).sum(),
        Kind::LinkLead { led: true } => led_link_leads(blocks),
        Kind::BoldLead => blocks.iter().map(bold_lead_talks).sum(),
        Kind::Quoted => blocks.iter().filter(|b| quoted_talk(b).is_some()).count(),
        Kind::Bold => {
            let n = bold_markers(blocks.iter())
                .into_iter()
                .filter(|(_, m)| m.is_some())
                .count();
            let q = quoted_titles(blocks);
            if q >= 3 {
                n
            } else {
                n - q
            }
        }
        Kind::Entry => {
            let lists = titles_over_lists(blocks);
            (0..blocks.len())
                .filter(|&i| entry_at(blocks, i, lists).is_some())
                .count()
        }
        Kind::Row => blocks.iter().map(|b| rows(b).map_or(0, |r| r.len())).sum(),
        Kind::Bullet => {
            // One list of talks, not bullets scattered through notes; or
            // a schedule, most talks timed, broken by photos between them.
            let lists: Vec<usize> = blocks.iter().map(bullet_talks).filter(|&n| n > 0).collect();
            let all: usize = lists.iter().sum();
            // (Timed talks counted only when there are lists to join.)
            let joined = || {
                let timed = timed_bullets(blocks);
                timed >= 3 && timed * 3 >= all * 2
            };
            if lists.len() == 1 || (lists.len() > 1 && joined()) {
                all
            } else {
                0
            }
        }
        // Bold talk bullets may sit in several lists, between links and
        // embeds: notes' own bullets are rarely set all in bold.
        Kind::BoldBullet => blocks.iter().map(bold_bullet_talks).sum(),
        Kind::Link => blocks
            .iter()
            .map(|b| match b {
                Block::List { items, .. } => items.iter().filter(|i| link_item(i)).count(),
                _ => 0,
            })
            .sum(),
    }
}

/// Lines of one paragraph that each name a talk and its speaker (`Name -
/// _Title_`), three or more right after a line leading to them (`And now
/// for some talks:`): a list typed without its bullets, read as one.
fn unbulleted(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        let Block::Other {
            events,
            kind: OtherKind::Paragraph,
            lines,
            ..
        } = &b
        else {
            out.push(b);
            continue;
        };
        // (A lead-in and three lines at least: most paragraphs go by.)
        let breaks = events
            .iter()
            .filter(|e| matches!(e, Event::SoftBreak | Event::HardBreak))
            .count();
        if breaks < 3 {
            out.push(b);
            continue;
        }
        let inner = events
            .strip_prefix(&[Event::Start(Tag::Paragraph)])
            .and_then(|e| e.strip_suffix(&[Event::End(TagEnd::Paragraph)]))
            .unwrap_or(events);
        let parts: Vec<&[Event<'static>]> = inner
            .split(|e| matches!(e, Event::SoftBreak | Event::HardBreak))
            .collect();
        let texts: Vec<String> = parts
            .iter()
            .map(|l| super::plain_text(l).trim().to_string())
            .collect();
        // (`Sam Newman - _Principles Of Microservices_`: a title in
        // capitals reads as a name, unless set in italics or bold.)
        let marked = |i: usize| {
            parts[i]
                .iter()
                .any(|e| matches!(e, Event::Start(Tag::Emphasis | Tag::Strong)))
        };
        let named = |i: usize| {
            super::speakers::speaker_before(&texts[i], marked(i)).is_some_and(|(_, name)| {
                super::speakers::person_named(name.split(',').next().unwrap_or(&name).trim(), 2)
            })
        };
        let lead = (1..texts.len()).find(|&j| {
            words::leads_to_talks_seen(&texts[j - 1])
                && (j..texts.len()).take(3).filter(|&i| named(i)).count() == 3
        });
        let Some(j) = lead else {
            out.push(b);
            continue;
        };
        let k = j + (j..texts.len()).take_while(|&i| named(i)).count();
        let at = |i: usize| lines.start + i as u32;
        let para = |range: std::ops::Range<usize>| {
            let mut ev = vec![Event::Start(Tag::Paragraph)];
            for (n, i) in range.clone().enumerate() {
                if n > 0 {
                    ev.push(Event::SoftBreak);
                }
                ev.extend(parts[i].iter().cloned());
            }
            ev.push(Event::End(TagEnd::Paragraph));
            Block::Other {
                text: texts[range.clone()].join("\n"),
                events: ev,
                kind: OtherKind::Paragraph,
                lines: Lines::new(at(range.start), at(range.end - 1)),
            }
        };
        out.push(para(0..j));
        out.push(Block::List {
            start: None,
            items: (j..k)
                .map(|i| Item {
                    head: Inline {
                        events: parts[i].to_vec(),
                        text: texts[i].clone(),
                    },
                    number: None,
                    children: Vec::new(),
                    lines: Lines::new(at(i), at(i)),
                })
                .collect(),
            lines: Lines::new(at(j), at(k - 1)),
        });
        if k < parts.len() {
            out.push(para(k..parts.len()));
        }
    }
    out
}

/// A day's heading holding lists and nothing else.
fn day_list(t: &Talk) -> bool {
    words::classify(&t.title.text) == words::Class::Group
        && t.blocks
            .iter()
            .all(|b| matches!(b, Block::List { .. } | Block::Notes { .. }))
}

fn noted(t: &Talk) -> bool {
    t.blocks
        .iter()
        .any(|b| !matches!(b, Block::Notes { .. } | Block::Break { .. }))
}

/// Topic headings (tracks) over bold talk titles: every heading with notes
/// opens with a bold title line, and they hold two or more apiece. Bold
/// lines naming a section (`**Takeaways**`) or a person (`**Jane Doe**`
/// under a talk's heading) are a talk's own, so none may.
fn bold_tracks(talks: &[Talk]) -> bool {
    let noted: Vec<&Talk> = talks.iter().filter(|t| !t.extra && noted(t)).collect();
    let plain = |m: &Option<Inline>| {
        m.as_ref().is_some_and(|i| {
            let t = i.text.trim();
            words::classify(t) == words::Class::Plain
                && !(super::speakers::person_named(t, 2) && t.split_whitespace().count() <= 3)
        })
    };
    noted.len() >= 2
        && noted.iter().all(|t| {
            let marks = bold_markers(t.blocks.iter());
            marks
                .iter()
                .find(|(b, _)| !matches!(b, Block::Notes { .. } | Block::Break { .. }))
                .is_some_and(|(_, m)| plain(m))
                && marks
                    .iter()
                    .filter(|(_, m)| m.is_some())
                    .all(|(_, m)| plain(m))
        })
        && noted
            .iter()
            .map(|t| count(&t.blocks, Kind::Bold))
            .sum::<usize>()
            >= 2 * noted.len()
        && bold_talks_noted(noted.iter().flat_map(|t| &t.blocks))
}

/// Bold lines that each hold a talk's notes, four lines or more (the
/// median): a line or two under each is a talk's own points in bold.
fn bold_talks_noted<'a>(blocks: impl Iterator<Item = &'a Block>) -> bool {
    bold_lines_held(blocks) >= 4
}

/// The median number of lines of notes under each bold line.
fn bold_lines_held<'a>(blocks: impl Iterator<Item = &'a Block>) -> usize {
    let mut held: Vec<usize> = Vec::new();
    for (b, m) in bold_markers(blocks) {
        if m.is_some() {
            held.push(0);
        } else if let Some(n) = held.last_mut() {
            if !matches!(b, Block::Notes { .. } | Block::Break { .. }) {
                let l = b.lines();
                // (A paragraph typed as one long line holds as much as
                // one wrapped at 80 columns.)
                let wrapped = match b {
                    Block::Other { text, .. } => text.chars().count().div_ceil(80),
                    _ => 0,
                };
                *n += ((l.end - l.start + 1) as usize).max(wrapped);
            }
        }
    }
    held.sort_unstable();
    held.get(held.len() / 2).copied().unwrap_or(0)
}

/// A heading over talks in bold lines (`## Talks`, a session, a track):
/// three bold lines or more, each holding notes, that name their speakers
/// (two lines of notes apiece will do) or sit under a heading that speaks
/// of talks (four). Bold lines in one talk's notes (`**Intro**`,
/// `**Demo**`) are short labels naming no one.
fn bold_talks_under(t: &Talk) -> bool {
    let titles: Vec<String> = bold_markers(t.blocks.iter())
        .into_iter()
        .filter_map(|(_, m)| m.map(|i| i.text))
        .collect();
    // (`Sessions I liked, and what I thought` reads as around the talks
    // until its bold lines are seen.)
    let spoken = words::mentions_talks(&t.title.text) && !words::other_talks(&t.title.text);
    if (t.extra && !spoken)
        || words::classify(&t.title.text) == words::Class::Section
        || count(&t.blocks, Kind::Bold) < 3
        || titles
            .iter()
            .any(|x| words::classify(x) == words::Class::Section)
    {
        return false;
    }
    let titled = words::titled_as_talks(titles.iter().map(String::as_str))
        && titles
            .iter()
            .all(|x| words::classify(x) == words::Class::Plain);
    let held = bold_lines_held(t.blocks.iter());
    (held >= 2 && speakers_named(&t.blocks, Kind::Bold)) || (held >= 4 && titled && spoken)
}

/// Two bold titles or more, most of them right over a bold line naming a
/// person (`**Title**` then `**Jane Doe, Lab**`).
fn named_below(blocks: &[Block]) -> bool {
    let marks = bold_markers(blocks.iter());
    let titles = marks.iter().filter(|(_, m)| m.is_some()).count();
    let named = marks
        .windows(2)
        .filter(|w| w[0].1.is_some() && w[1].1.is_none() && bold_name_line(w[1].0))
        .count();
    named >= 2 && named * 3 >= titles * 2
}

/// Beside a heading over bold talks, one over fewer of the same kind: it
/// opens with a bold line, and each of its bold lines names a speaker.
fn bold_talks_beside(t: &Talk) -> bool {
    let marks = bold_markers(t.blocks.iter());
    let opens = marks
        .iter()
        .find(|(b, _)| !matches!(b, Block::Notes { .. } | Block::Break { .. }))
        .is_some_and(|(_, m)| m.is_some());
    let mut bold = marks.into_iter().filter_map(|(_, m)| m).peekable();
    !t.extra
        && opens
        && bold.peek().is_some()
        && bold.all(|i| {
            super::speakers::names_speaker(&i.text) || super::speakers::speaker_first(&i).is_some()
        })
}

/// Most markers of `kind` name a speaker beside their title.
fn speakers_named(blocks: &[Block], kind: Kind) -> bool {
    let marks = bold_markers(blocks.iter());
    let titles: Vec<String> = marks
        .into_iter()
        .filter_map(|(b, m)| match kind {
            // (A bold block whose last line says `Speaker: Name`: as
            // `Title - Name`, for the count.)
            Kind::Bold if m.is_some() && spoken_block(b).is_some() => {
                spoken_block(b).map(|(t, name)| format!("{} - {name}", t.text))
            }
            // (`**Name**: Title`: as `Title - Name`, for the count.)
            Kind::Bold if m.is_some() && name_lead(b).is_some() => {
                name_lead(b).map(|(t, name)| format!("{} - {name}", t.text))
            }
            Kind::Bold => m.map(|t| match super::speakers::speaker_first(&t) {
                // (`Name, Lab, *Title*`: as `Title - Name`, for the count.)
                Some((title, name)) => format!("{title} - {name}"),
                None => t.text,
            }),
            Kind::Entry => entry_title(b).or_else(|| byline_entry(b)),
            _ => None,
        })
        .collect();
    let named = titles
        .iter()
        .filter(|t| super::speakers::names_speaker(t))
        .count();
    titles.len() >= 2 && named * 3 >= titles.len() * 2
}

/// The marker kind this run of blocks uses for its talks, if any.
/// Every kind of marker. On a tie in [`kind_of`] the later kind wins:
/// any bullets over bold ones.
const KINDS: [Kind; 5] = [
    Kind::Entry,
    Kind::Bold,
    Kind::BoldBullet,
    Kind::Bullet,
    Kind::Row,
];

fn kind_of(blocks: &[Block]) -> Option<Kind> {
    // Bold titles each over a bold line naming the speaker: the pairs are
    // the talks, whatever else reads as a title line inside them.
    if named_below(blocks) {
        return Some(Kind::Bold);
    }
    KINDS
        .into_iter()
        .map(|k| (count(blocks, k), k))
        .filter(|(n, _)| *n >= 2)
        .max_by_key(|(n, _)| *n)
        .map(|(_, k)| k)
}

/// How many talks these blocks mark without headings (bullets with notes,
/// bold lines, rows), by the kind [`split`] would cut at.
pub(super) fn marked_talks(blocks: &[Block]) -> usize {
    kind_of(blocks).map_or(0, |k| count(blocks, k))
}

fn talk(title: Inline, lines: Lines) -> Talk {
    // `- Closing thoughts` among talk bullets is around them.
    let extra = matches!(
        words::classify(&title.text),
        words::Class::Extra | words::Class::Section
    );
    Talk {
        title,
        speaker: None,
        line: lines.start,
        end_line: lines.end,
        blocks: Vec::new(),
        extra,
    }
}

/// Splits `blocks` at markers of `kind`: the blocks before the first
/// marker, and the talks.
fn cut(blocks: Vec<Block>, kind: Kind) -> (Vec<Block>, Vec<Talk>) {
    let mut before = Vec::new();
    let mut talks: Vec<Talk> = Vec::new();
    let push = |talks: &mut Vec<Talk>, before: &mut Vec<Block>, b: Block| {
        let end = b.lines().end;
        match talks.last_mut() {
            Some(t) => {
                t.end_line = t.end_line.max(end);
                t.blocks.push(b);
            }
            None => before.push(b),
        }
    };
    // Byline entries are talks only with notes after them: known before
    // the blocks are moved.
    let entries: Vec<Option<String>> = if kind == Kind::Entry {
        let lists = titles_over_lists(&blocks);
        (0..blocks.len())
            .map(|i| entry_at(&blocks, i, lists))
            .collect()
    } else {
        Vec::new()
    };
    let quoted_ok = kind == Kind::Bold && quoted_titles(&blocks) >= 3;
    let marks: Vec<Option<Inline>> = if kind == Kind::Bold {
        bold_markers(blocks.iter())
            .into_iter()
            .map(|(_, m)| m)
            .collect()
    } else {
        Vec::new()
    };
    let before_list: Vec<bool> = (0..blocks.len())
        .map(|i| matches!(blocks.get(i + 1), Some(Block::List { .. })))
        .collect();

    let listed = match kind {
        Kind::Listed { led, plain } => talk_lists(&blocks, led, plain),
        _ => Vec::new(),
    };
    let led_at: Vec<bool> = match kind {
        Kind::LinkLead { led: true } => (0..blocks.len())
            .map(|i| led_by(&blocks, i, leads_to_linked_talks))
            .collect(),
        _ => Vec::new(),
    };

    for (i, b) in blocks.into_iter().enumerate() {
        if kind == Kind::Row {
            if let Some(rs) = rows(&b) {
                talks.extend(rs);
                continue;
            }
        }
        match kind {
            Kind::Row => {}
            Kind::Quoted => {
                // The paragraph tells the talk: it stays, the talk's first.
                if let Some((title, line)) = quoted_talk(&b) {
                    let mut tk = talk(text_inline(&title), b.lines());
                    tk.line = line;
                    tk.blocks.push(b);
                    talks.push(tk);
                    continue;
                }
            }
            Kind::Listed { .. } => {
                // The talks listed hold no notes: what is around the list
                // is about them all.
                match b {
                    Block::List { items, .. } if listed.get(i).copied().unwrap_or(false) => {
                        for item in items {
                            let (title, tail, typed) = listed_talk(&item)
                                .unwrap_or_else(|| (item.head.clone(), Vec::new(), false));
                            let mut tk = talk(title, item.lines);
                            if !tail.is_empty() {
                                let (events, text) = as_paragraph(tail);
                                let lines = item.lines;
                                tk.blocks.push(if typed {
                                    Block::Notes {
                                        events,
                                        text,
                                        lines,
                                    }
                                } else {
                                    Block::Other {
                                        events,
                                        text,
                                        kind: OtherKind::Paragraph,
                                        lines,
                                    }
                                });
                            }
                            talks.push(tk);
                        }
                    }
                    b => before.push(b),
                }
                continue;
            }
            Kind::Link => {
                if let Block::List { start, items, .. } = b {
                    for (k, item) in items.into_iter().enumerate() {
                        if link_item(&item) {
                            // `[Title]` with no link: the title.
                            let t = item.head.text.trim();
                            let head =
                                match t.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
                                    Some(inner)
                                        if !item.head.events.iter().any(|e| {
                                            matches!(e, Event::Start(Tag::Link { .. }))
                                        }) =>
                                    {
                                        text_inline(inner)
                                    }
                                    _ => item.head,
                                };
                            let mut tk = talk(head, item.lines);
                            tk.blocks = item.children;
                            talks.push(tk);
                        } else {
                            // Its own lines and number, not the whole list's.
                            let l = Block::List {
                                start: start.map(|s| s + k as u64),
                                lines: item.lines,
                                items: vec![item],
                            };
                            push(&mut talks, &mut before, l);
                        }
                    }
                    continue;
                }
            }
            Kind::Bold => {
                let mark = marks.get(i).cloned().flatten();
                if let Some(t) = mark.filter(|_| quoted_ok || !quoted(&b)) {
                    // (`<br>` lines over the title were spacing.)
                    let b = past_breaks(&b).unwrap_or(b);
                    if let Some((title, name)) = spoken_block(&b) {
                        let mut tk = talk(title, b.lines());
                        tk.speaker = Some(name);
                        talks.push(tk);
                        continue;
                    }
                    if let Some((title, name)) = name_lead(&b).filter(|(r, _)| r.text == t.text) {
                        let mut tk = talk(title, b.lines());
                        tk.speaker = Some(name);
                        if let Some(rest) = super::without_first_line(b) {
                            tk.blocks.push(rest);
                        }
                        talks.push(tk);
                        continue;
                    }
                    if let Some((title, name, notes)) =
                        run_in(&b).filter(|(r, _, _)| r.text == t.text)
                    {
                        let mut tk = talk(title, b.lines());
                        tk.speaker = Some(name);
                        tk.blocks.push(notes);
                        talks.push(tk);
                        continue;
                    }
                    let mut tk = talk(t, b.lines());
                    // The notes run on under a title and speaker line.
                    let more = b.paragraph().is_some_and(|e| {
                        e.iter()
                            .any(|e| matches!(e, Event::SoftBreak | Event::HardBreak))
                    });
                    if let Some(rest) = more.then(|| super::without_first_line(b)).flatten() {
                        tk.blocks.push(rest);
                    }
                    talks.push(tk);
                    continue;
                }
            }
            Kind::Entry => {
                if let Some(t) = entries.get(i).cloned().flatten() {
                    let mut tk = talk(text_inline(&t), b.lines());
                    // Only a title: the entry stays whole, nothing lost.
                    let mut rest = super::without_first_line(b.clone());
                    // `by Name` right under the title is its speaker.
                    if let Some(Block::Other { events, .. }) = &rest {
                        let first = super::speakers::first_lines(events).next();
                        if let Some(by) = first.as_deref().and_then(super::speakers::by_line) {
                            tk.speaker = Some(by);
                            rest = rest.and_then(super::without_first_line);
                        }
                    }
                    // (A title over a list: the list is its notes.)
                    let over_list = before_list.get(i).copied().unwrap_or(false);
                    match rest {
                        Some(rest) => tk.blocks.push(rest),
                        None if tk.speaker.is_some() || over_list => {}
                        None => tk.blocks.push(b),
                    }
                    talks.push(tk);
                    continue;
                }
            }
            Kind::Bullet | Kind::BoldBullet | Kind::LinkLead { .. } | Kind::BoldLead => {
                let bold = kind == Kind::BoldBullet;
                let linked = matches!(kind, Kind::LinkLead { .. });
                let starts = |item: &Item| match kind {
                    Kind::LinkLead { led: true } => led_link_lead(item).is_some(),
                    Kind::LinkLead { .. } => link_lead(item).is_some(),
                    // (A bold title with no notes after it, among them.)
                    Kind::BoldLead => {
                        bold_lead(item).is_some()
                            || (bold_inline(&item.head) && words::title_like(&item.head.text))
                    }
                    _ => talk_bullet(item, bold),
                };
                if (match kind {
                    Kind::LinkLead { led: false } => link_lead_talks(&b),
                    Kind::LinkLead { .. } if led_at.get(i).copied().unwrap_or(false) => 1,
                    Kind::LinkLead { .. } => 0,
                    Kind::BoldLead => bold_lead_talks(&b),
                    Kind::BoldBullet => bold_bullet_talks(&b),
                    _ => bullet_talks(&b),
                }) > 0
                {
                    if let Block::List {
                        start,
                        items,
                        lines,
                    } = b
                    {
                        // Talks listed by their linked titles: one with no
                        // notes under it was heard too (`- [Title](…)`).
                        let linked_list = kind == Kind::Bullet && {
                            let heads: Vec<&Item> = items.iter().filter(|i| starts(i)).collect();
                            heads.len() >= 2 && heads.iter().all(|i| link_item(i))
                        };
                        let mut loose: Vec<Item> = Vec::new();
                        for item in items {
                            if starts(&item) || (linked_list && link_item(&item)) {
                                if !loose.is_empty() {
                                    let items = std::mem::take(&mut loose);
                                    let l = Block::List {
                                        start,
                                        lines: items_lines(&items, lines),
                                        items,
                                    };
                                    push(&mut talks, &mut before, l);
                                }
                                let whole = item.has_children() && bold_inline(&item.head);
                                let lead = if kind == (Kind::LinkLead { led: true }) {
                                    led_link_lead(&item)
                                } else if linked {
                                    link_lead(&item)
                                } else if kind == Kind::BoldLead {
                                    // (Its notes, if any, after the title.)
                                    bold_head(&item)
                                } else {
                                    (bold && !whole).then(|| lead_title(&item)).flatten()
                                };
                                let mut tk = match lead {
                                    Some((title, rest)) => {
                                        let mut tk = talk(title, item.lines);
                                        // (Who spoke, when the title is what they spoke about.)
                                        if linked {
                                            tk.speaker = link_speaker(&item);
                                        }
                                        if !rest.is_empty() {
                                            let (events, text) = as_paragraph(rest);
                                            tk.blocks.push(Block::Other {
                                                events,
                                                text,
                                                kind: OtherKind::Paragraph,
                                                lines: item.lines,
                                            });
                                        }
                                        tk
                                    }
                                    None => talk(item.head, item.lines),
                                };
                                tk.blocks.extend(item.children);
                                talks.push(tk);
                            } else {
                                loose.push(item);
                            }
                        }
                        if !loose.is_empty() {
                            let l = Block::List {
                                start,
                                lines: items_lines(&loose, lines),
                                items: loose,
                            };
                            push(&mut talks, &mut before, l);
                        }
                        continue;
                    }
                }
            }
        }
        push(&mut talks, &mut before, b);
    }
    (before, talks)
}

/// The lines a run of a list's items spans (not the whole list's: a
/// break after a talk is not the programme).
fn items_lines(items: &[Item], whole: Lines) -> Lines {
    match (items.first(), items.last()) {
        (Some(a), Some(b)) => Lines::new(a.lines.start, b.lines.end),
        _ => whole,
    }
}

/// A table cell: its inline events and plain text.
pub(super) type Cell = (Vec<Event<'static>>, String);

/// Header and body rows of a table block.
pub(super) fn table_cells(events: &[Event<'static>]) -> (Vec<Cell>, Vec<Vec<Cell>>) {
    let (mut head, mut body) = (Vec::new(), Vec::new());
    let mut row: Vec<Cell> = Vec::new();
    let mut cell: Option<Vec<Event<'static>>> = None;
    let mut in_head = false;
    for e in events {
        match e {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                head = std::mem::take(&mut row);
            }
            Event::End(TagEnd::TableRow) => body.push(std::mem::take(&mut row)),
            Event::Start(Tag::TableCell) => cell = Some(Vec::new()),
            Event::End(TagEnd::TableCell) => {
                let ev = cell.take().unwrap_or_default();
                let text = super::plain_text(&ev).trim().to_string();
                row.push((ev, text));
            }
            other => {
                if let Some(c) = cell.as_mut() {
                    c.push(other.clone());
                }
            }
        }
    }
    let _ = in_head;
    (head, body)
}

fn time_like(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || " :.-–hHapmAPM".contains(c))
}

/// A schedule table: one talk per row, titled by the column headed like
/// a title (else the first that is not a time), the speaker's column as
/// its speaker, the other cells as a line each.
fn rows(b: &Block) -> Option<Vec<Talk>> {
    let Block::Other {
        events,
        kind: OtherKind::Table | OtherKind::DenseTable,
        lines,
        ..
    } = b
    else {
        return None;
    };
    let (head, body) = table_cells(events);
    let named = |keys: &[&str]| {
        head.iter().position(|(_, h)| {
            let h = h.to_lowercase();
            keys.iter().any(|k| h.contains(k))
        })
    };
    // (The speaker's column first: `Palestrante | Tema`, a name before the
    // title, is no title column.)
    let speaker_col = head.iter().position(|(_, h)| {
        let h = h.to_lowercase();
        super::speakers::SPEAKER_KEYS
            .iter()
            .chain(&["presenter", "발표자"])
            .any(|k| h.contains(k))
    });
    let title_col = named(&[
        "title",
        "talk",
        "session",
        "topic",
        "제목",
        "발표",
        "タイトル",
        "题目",
        "演讲",
    ])
    .filter(|&c| Some(c) != speaker_col)
    .or_else(|| {
        // `Tema`, `Título`, `Thema`: whole words, as `sistema` holds one.
        head.iter().position(|(_, h)| {
            let h = h.to_lowercase();
            h.split(|c: char| !c.is_alphanumeric()).any(|w| {
                [
                    "tema", "título", "titre", "titel", "thema", "titolo", "тема",
                ]
                .contains(&w)
            })
        })
    })
    .or_else(|| {
        body.first()?
            .iter()
            .enumerate()
            .position(|(c, (_, t))| Some(c) != speaker_col && !time_like(t) && !t.is_empty())
    })?;
    let talks: Vec<Talk> = body
        .iter()
        .enumerate()
        .filter_map(|(k, row)| {
            let (ev, text) = row.get(title_col)?;
            if !words::title_like(text) {
                return None;
            }
            let line = lines.start + 2 + k as u32;
            let mut t = talk(
                Inline {
                    events: ev.clone(),
                    text: text.clone(),
                },
                Lines::new(line, line),
            );
            t.speaker = speaker_col
                .and_then(|c| row.get(c))
                .map(|(_, s)| s.clone())
                .filter(|s| !s.is_empty());
            let mut para: Vec<Event<'static>> = vec![Event::Start(Tag::Paragraph)];
            for (c, (cev, ctext)) in row.iter().enumerate() {
                if c == title_col || Some(c) == speaker_col || ctext.is_empty() && cev.is_empty() {
                    continue;
                }
                if para.len() > 1 {
                    para.push(Event::HardBreak);
                }
                if let Some((_, h)) = head.get(c).filter(|(_, h)| !h.is_empty()) {
                    para.push(Event::Text(format!("{h}: ").into()));
                }
                para.extend(cev.iter().cloned());
            }
            if para.len() > 1 {
                para.push(Event::End(TagEnd::Paragraph));
                let text = super::plain_text(&para);
                t.blocks.push(Block::Other {
                    events: para,
                    text,
                    kind: OtherKind::Paragraph,
                    lines: Lines::new(line, line),
                });
            }
            Some(t)
        })
        .collect();
    (talks.len() >= 2).then_some(talks)
}

/// A bullet titled by one link, `- [Title](url)`, perhaps with a byline
/// after it: a talk's or a paper's page.
fn link_item(i: &Item) -> bool {
    let ev = &i.head.events;
    // `[Title]` whose link was never filled in reads the same.
    let t = i.head.text.trim();
    if t.starts_with('[') && t.ends_with(']') && !t[1..t.len() - 1].contains(['[', ']']) {
        return true;
    }
    if !matches!(ev.first(), Some(Event::Start(Tag::Link { .. }))) {
        return false;
    }
    let Some(end) = ev
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Link)))
    else {
        return false;
    };
    // `[Slides](…)`, `[Recording](…)`: a talk's own links, not a talk.
    if words::classify(&super::plain_text(&ev[..=end])) != words::Class::Plain {
        return false;
    }
    let tail = super::plain_text(&ev[end + 1..]);
    tail.trim().trim_matches(':').trim().is_empty() || super::speakers::byline(&tail).is_some()
}

/// Blocks that are only lists of linked titles (and embeds): a topic
/// heading's reading list of talks or papers. How many of them carry
/// notes, if so.
pub(super) fn linked_talks(blocks: &[Block]) -> Option<usize> {
    let (mut items, mut noted) = (0, 0);
    for b in blocks {
        match b {
            Block::List { items: list, .. } => {
                for i in list {
                    if !link_item(i) {
                        return None;
                    }
                    items += 1;
                    noted += usize::from(i.has_children());
                }
            }
            Block::Notes { .. }
            | Block::Break { .. }
            | Block::Other {
                kind: OtherKind::Html,
                ..
            } => {}
            _ => return None,
        }
    }
    (items >= 1).then_some(noted)
}

/// Cuts talks out of a group at markers: a talk whose heading names an
/// event or a day becomes the group of the talks marked inside it; a group
/// with no talk headings (a file without headings, read as `file_title`)
/// is cut likewise when its name says it holds talks.
pub fn split(
    g: &mut Group,
    file_title: &str,
    no_headings: bool,
    reading_list: bool,
) -> Option<&'static str> {
    if g.talks.is_empty() && reading_list && linked_talks(&g.intro).is_some() {
        let (before, talks) = cut(std::mem::take(&mut g.intro), Kind::Link);
        g.intro = before;
        g.talks = talks;
        return Some(Kind::Link.describe());
    }
    if g.talks.is_empty() {
        let named = g
            .title
            .as_ref()
            .map_or(file_title, |t| t.text.as_str())
            .to_string();
        // Without headings, a named event, or three markers or more.
        let many = KINDS.into_iter().any(|k| count(&g.intro, k) >= 3);
        // Or a list of the talks seen, under a line leading to it.
        let led = Kind::Listed {
            led: true,
            plain: false,
        };
        if !many && (no_headings || words::names_event(&named)) && count(&g.intro, led) >= 3 {
            let (before, talks) = cut(std::mem::take(&mut g.intro), led);
            g.intro = before;
            g.talks = talks;
            return Some(led.describe());
        }
        // Or bullets opening with linked titles, right after a line
        // leading to the talks seen.
        let led_links = Kind::LinkLead { led: true };
        if !many && (no_headings || words::names_event(&named)) && count(&g.intro, led_links) >= 2 {
            let (before, talks) = cut(std::mem::take(&mut g.intro), led_links);
            g.intro = before;
            g.talks = talks;
            return Some(Kind::LinkLead { led: true }.describe());
        }
        // Or prose naming three talks or more by their titles in quotes.
        if !many
            && (no_headings || words::names_event(&named))
            && count(&g.intro, Kind::Quoted) >= 3
        {
            let (before, talks) = cut(std::mem::take(&mut g.intro), Kind::Quoted);
            g.intro = before;
            g.talks = talks;
            return Some(Kind::Quoted.describe());
        }
        if !(words::names_event(&named) || (no_headings && many)) {
            return None;
        }
        let kind = kind_of(&g.intro)?;
        let (before, talks) = cut(std::mem::take(&mut g.intro), kind);
        g.intro = before;
        g.talks = talks;
        return Some(kind.describe());
    }
    // A list of the talks seen above the talk headings, some of them
    // written up below (`I attended:` / `- [Title](…)` … / `## Title`):
    // each talk listed is one; those written up get their notes later on.
    let led = Kind::Listed {
        led: true,
        plain: false,
    };
    let mut listed_above = false;
    if count(&g.intro, led) >= 3 {
        let key = words::title_key;
        let (before, talks) = cut(g.intro.clone(), led);
        let written: Vec<String> = g
            .talks
            .iter()
            .filter(|t| !t.extra)
            .map(|t| key(&t.title.text))
            .collect();
        // (Some written up and some not: a list of only those written up
        // below is their table of contents. A title cut short, `…した` for
        // `…した話`, is the same talk.)
        let up = |t: &Talk| {
            let k = key(&t.title.text);
            written
                .iter()
                .any(|w| !k.is_empty() && (w.starts_with(&k) || k.starts_with(w.as_str())))
        };
        // (Two not written up at least: one heading renamed, or a title
        // typed a little differently above, leaves the list a table of
        // contents.)
        let listed: Vec<&Talk> = talks.iter().filter(|t| !t.extra).collect();
        if listed.iter().any(|t| up(t)) && listed.iter().filter(|t| !up(t)).count() >= 2 {
            g.intro = before;
            let mut talks = talks;
            talks.append(&mut g.talks);
            g.talks = talks;
            listed_above = true;
        }
    }
    // Three marked talks or more above the file's first heading, which is
    // alone and holds less (`## More links` after the talks): the marks
    // are the talks, the heading around them.
    let lines = |blocks: &[Block]| -> u32 {
        blocks
            .iter()
            .map(|b| b.lines().end - b.lines().start + 1)
            .sum()
    };
    if g.title.is_none()
        && g.talks.len() == 1
        && lines(&g.intro) > 2 * g.talks.iter().map(|t| lines(&t.blocks)).sum::<u32>()
    {
        // (Bold titles or rows: bullets with sub-bullets above a heading
        // are as often an agenda.)
        if let Some(kind) = kind_of(&g.intro)
            .filter(|&k| matches!(k, Kind::Bold | Kind::Row) && count(&g.intro, k) >= 3)
        {
            let (before, mut talks) = cut(std::mem::take(&mut g.intro), kind);
            g.intro = before;
            for t in &mut g.talks {
                t.extra = true;
            }
            talks.append(&mut g.talks);
            g.talks = talks;
            return Some(if kind == Kind::Bold {
                "bold lines above the file's only heading, under its title"
            } else {
                "rows of a table above the file's only heading, under its title"
            });
        }
    }
    // A talk heading that names a day or an event and holds marked talks.
    let one = g.talks.len() == 1;
    // Or one among parts and what is around it (`# Warning`, `# Notes of
    // the day`, `# Sources`).
    let lone = g
        .talks
        .iter()
        .filter(|t| !t.extra && words::classify(&t.title.text) == words::Class::Plain)
        .count()
        == 1;
    let mut out: Vec<Talk> = Vec::new();
    let mut found = None;
    let mut kept: Vec<usize> = Vec::new();
    // Linked talks are the talks seen only beside headings that are not
    // a talk's parts (`## Notes`) nor other media (`## Books`): a file
    // about one talk, or a reading list, keeps its links.
    // (Under an event's name they are, beside `## Resources` too.)
    let event_named = g
        .title
        .as_ref()
        .is_some_and(|g| words::names_event(&g.text) && !words::names_talk_kind(&g.text));
    let seen_list = event_named
        || g.talks.iter().all(|t| {
            words::classify(&t.title.text) != words::Class::Section && !names_media(&t.title.text)
        });
    let tracks = bold_tracks(&g.talks);
    let mut talks_cut = false;
    let mut days_cut = false;
    let mut days_kept: Vec<usize> = Vec::new();
    // Headings over talks in bold lines (by their lines).
    let bold_under: Vec<u32> = g
        .talks
        .iter()
        .filter(|t| bold_talks_under(t))
        .map(|t| t.line)
        .collect();
    // A heading saying one saw them over a list of talks: the programme
    // listed elsewhere (`## 발표 주제` before `## 참석한 세션`) is not.
    // (Listed, or bullets with notes under them.)
    let seen_listed = seen_list
        && g.talks.iter().any(|t| {
            talks_seen(&t.title.text)
                && words::says_seen(&t.title.text)
                && (count(&t.blocks, seen_listed_kind(&t.title.text, &t.blocks)) >= 2
                    || kind_of(&t.blocks).is_some_and(|k| count(&t.blocks, k) >= 2))
        });
    for t in &mut g.talks {
        if !t.extra {
            t.blocks = unbulleted(std::mem::take(&mut t.blocks));
        }
    }
    let days_listed = g.talks.iter().any(|t| {
        day_list(t)
            && count(
                &t.blocks,
                Kind::Listed {
                    led: false,
                    plain: false,
                },
            ) >= 3
    });
    let days_quoted = g
        .talks
        .iter()
        .filter(|t| !t.extra && words::classify(&t.title.text) == words::Class::Group)
        .map(|t| count(&t.blocks, Kind::Quoted))
        .sum::<usize>()
        >= 3;
    for t in std::mem::take(&mut g.talks) {
        let talks_heading = seen_list
            && talks_seen(&t.title.text)
            && (!seen_listed || words::says_seen(&t.title.text));
        // (`Charlas a las que asistimos`, `Notes on the speeches`.)
        let spoken = words::mentions_talks(&t.title.text) && !words::other_talks(&t.title.text);
        let eventish = words::classify(&t.title.text) == words::Class::Group
            || (one && words::names_event(&t.title.text));
        // Under `Keynote` or `Sessions`, markers that name speakers.
        let kind_of_talks = words::names_talk_kind(&t.title.text)
            && kind_of(&t.blocks).is_some_and(|k| speakers_named(&t.blocks, k));
        // `## Talks` over bullets opening with linked titles.
        // (Under a day, `### 1日目`, a list that is all the day holds is the
        // day's talks: no line need lead to it.)
        let day = eventish && day_list(&t);
        let listed = if talks_heading {
            seen_listed_kind(&t.title.text, &t.blocks)
        } else {
            Kind::Listed {
                led: !day,
                plain: false,
            }
        };
        // (Two will do, as for a list: `## Great presentations`.)
        let led_links = Kind::LinkLead { led: true };
        let ruled = (talks_heading && count(&t.blocks, Kind::LinkLead { led: false }) >= 2)
            .then_some(Kind::LinkLead { led: false })
            // (Or right after a line leading to the talks seen.)
            // (Two will do under a file's only heading, as without headings.)
            .or((!t.extra
                && kind_of(&t.blocks).is_none()
                && count(&t.blocks, led_links) >= if lone { 2 } else { 3 })
            .then_some(led_links))
            // `### Day 1` or `## Notes on the talks` over `- **Title**.
            // notes` bullets (bold bullets naming speakers among them).
            .or(((talks_heading || eventish || spoken)
                && !t.extra
                && matches!(kind_of(&t.blocks), None | Some(Kind::BoldBullet))
                && count(&t.blocks, Kind::BoldLead) >= 3)
                .then_some(Kind::BoldLead))
            // A list of the talks seen, under `## Talks` or a day's lead-in.
            // (Or under any heading, right after a line saying one saw
            // them: `聽了以下幾場：`.)
            .or(((talks_heading
                    || ((eventish || seen_led(&t.blocks))
                        && !seen_listed
                        && kind_of(&t.blocks).is_none()))
                    && !t.extra
                    // (Two will do under `## Talks on Friday`, and under
                    // `### Day 2` beside a day of three.)
                    && count(&t.blocks, listed) >= if talks_heading || (day && days_listed) { 2 } else { 3 })
            .then_some(listed))
            // Days told in prose, each talk named by its title in quotes.
            // (One will do beside days that name three between them.)
            .or((eventish
                && !t.extra
                && kind_of(&t.blocks).is_none()
                && count(&t.blocks, Kind::Quoted) >= if days_quoted { 1 } else { 3 })
            .then_some(Kind::Quoted))
            .or((tracks && count(&t.blocks, Kind::Bold) >= 1).then_some(Kind::Bold))
            .or((bold_under.contains(&t.line)
                || (!bold_under.is_empty() && bold_talks_beside(&t)))
            .then_some(Kind::Bold));
        // Cut only because it holds bold talks: a heading at the level of
        // groups, so the headings beside it are around the talks.
        let heard = ruled == Some(Kind::Bold) && !tracks && !eventish && !kind_of_talks;
        // (Weaker than a file's only heading: five marks or more, or marks
        // naming speakers, and not one talk's own heading, `# WWDC keynote`.)
        let lone_event = lone
            && words::names_event(&t.title.text)
            && !words::names_talk_kind(&t.title.text)
            && kind_of(&t.blocks).is_some_and(|k| {
                let (_, talks) = cut(t.blocks.clone(), k);
                let named = talks
                    .iter()
                    .filter(|t| {
                        t.speaker.is_some() || super::speakers::names_speaker(&t.title.text)
                    })
                    .count();
                talks.len() >= 5 || (talks.len() >= 2 && named * 3 >= talks.len() * 2)
            });
        // `## Agenda` over timed bullets with notes under them: a schedule
        // written up, talk by talk.
        // (Not a workshop's own `## Schedule` of steps.)
        let schedule = words::names_programme(&t.title.text)
            && !words::names_talk_kind(file_title)
            && g.title
                .as_ref()
                .is_none_or(|g| !words::names_talk_kind(&g.text))
            && timed_bullets(&t.blocks) >= 3;
        match ruled.or_else(|| {
            kind_of(&t.blocks).filter(|&k| {
                // (`## Sessions I attended` over bullets with notes.)
                ((eventish
                    || lone_event
                    || kind_of_talks
                    || (talks_heading && words::says_seen(&t.title.text) && k == Kind::Bullet)
                    || (k == Kind::Bullet && seen_bullets(&t.blocks)))
                    && !t.extra)
                    || (schedule && k == Kind::Bullet)
            })
        }) {
            Some(kind) => {
                let seen_here = (matches!(kind, Kind::Listed { led: true, .. })
                    || kind == Kind::LinkLead { led: true }
                    || (kind == Kind::Bullet && !talks_heading && seen_bullets(&t.blocks)))
                    && !eventish;
                talks_cut |= talks_heading || heard || schedule || seen_here;
                days_cut |= eventish && matches!(kind, Kind::Listed { .. } | Kind::Quoted);
                found = Some(if tracks {
                    "bold lines, under topic headings that each open with one"
                } else if heard {
                    "bold lines, under headings that hold them as talks (naming their speakers, or named for talks)"
                } else if talks_heading && matches!(kind, Kind::Listed { led: false, .. }) {
                    LISTED_UNDER
                } else if kind == (Kind::LinkLead { led: true }) {
                    kind.describe()
                } else if seen_here && kind == Kind::Bullet {
                    "top-level bullets with notes under them, under a heading, right after a line saying one saw them"
                } else if seen_here {
                    LISTED_AFTER
                } else if talks_heading && kind == Kind::Bullet {
                    "top-level bullets with notes under them, under a heading saying one saw them"
                } else if schedule && !eventish {
                    "top-level bullets opening with a time of day, notes under them, under a heading that names the programme"
                } else {
                    kind.describe()
                });
                let (before, talks) = cut(t.blocks, kind);
                if g.talks.is_empty() && out.is_empty() && one && g.title.is_none() {
                    g.title = Some(t.title.clone());
                    g.line = t.line;
                }
                if !before
                    .iter()
                    .all(|b| matches!(b, Block::Notes { .. } | Block::Break { .. }))
                {
                    out.push(Talk {
                        title: text_inline(&format!("About {}", t.title.text.trim())),
                        speaker: None,
                        line: t.line,
                        end_line: before.iter().map(|b| b.lines().end).max().unwrap_or(t.line),
                        blocks: before,
                        extra: true,
                    });
                }
                out.extend(talks);
            }
            None => {
                kept.push(out.len());
                if eventish {
                    days_kept.push(out.len());
                }
                // A track with no talk written up under it.
                let extra = t.extra || (tracks && !noted(&t));
                out.push(Talk { extra, ..t });
            }
        }
    }
    // Beside `## Talks` cut into its talks, the other headings (the venue,
    // a meetup) are around the talks.
    // (Beside days cut into their talks, a day told in prose is too.)
    if days_cut {
        for &i in &days_kept {
            out[i].extra = true;
        }
    }
    if talks_cut {
        for i in kept {
            out[i].extra = true;
        }
    }
    g.talks = out;
    found.or(listed_above.then_some(LISTED_ABOVE))
}
