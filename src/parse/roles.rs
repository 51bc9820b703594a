//! Top-level blocks → groups and talks. Which heading level is a talk is
//! decided per file from its shape:
//!
//! - A level whose titles mostly repeat (`## Abstract`, `## Notes` under
//!   every `#`) is a section level, and its content counts for the
//!   heading above it.
//! - A single heading at the top over headings with content is the
//!   file's title, a group.
//! - A level of bare headings over headings with content, or of headings
//!   typically holding a line of their own at most (source lines up to
//!   the next heading) over headings typically holding three or more, is
//!   a group level. The talk level is the shallowest other level; levels
//!   below it are sections of a talk.
//! - A shallower heading right under a talk heading, with content of its
//!   own (`### Talk` then `# Introduction`), is a section of that talk.
//!
//! `# Day / ## Talk`, `# Conf / ## Day / ### Talk`, `# Talk / ## Abstract`
//! and `## Talk` alone all come out as a person would read them;
//! `talk_level` in front matter or `notedeck.toml` overrides the choice.

use super::speakers::{
    bold_name, bracket_tail, bracketed_byline, find_speaker, first_lines, handle_tail,
    hyphen_speaker, italic_byline, links_only, name_like, names_people, person_named, span_lead,
    speaker_first, speaker_in_first_lines, speaker_line, split_title, Typed,
};
use super::text_inline;
use super::words::{self, Class};
use crate::diag::Diagnostic;
use crate::outline::{Block, Group, Inline, OtherKind, Roles, Talk};
use crate::source::SourceFile;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::collections::HashMap;

pub const UNTITLED: &str = "Untitled talk";

struct Head {
    idx: usize,
    level: u8,
    own: usize,
    /// Level of a heading right before it, nothing between.
    follows: Option<u8>,
    norm: String,
    /// What its words say it is.
    class: Class,
    /// Reads as a talk: a speaker around the title, or a kind of talk.
    talky: bool,
    /// Reads as an event, a day or a collection of talks.
    event: bool,
    /// Its first line names a person in bold (`**Name (Company)**`).
    byline: bool,
    /// One speaker's `Speaker: Name` line among its first lines: a talk,
    /// whatever its words (`# Effective Code Review`).
    spoken: bool,
}

fn content_lines(b: &Block) -> usize {
    /// Characters of a line as typed: a blog export's `<p>…` paragraph on
    /// one long line holds as many (not other HTML: a `<div>` of markup). (Only raw HTML: Markdown paragraphs
    /// count by their lines, as before.)
    const LINE: usize = 100;
    match b {
        Block::Notes { .. } | Block::Break { .. } | Block::Heading { .. } => 0,
        Block::Other {
            text,
            kind: OtherKind::Html,
            lines,
            events,
        } if html_paragraph(events) => {
            ((lines.end - lines.start + 1) as usize).max(text.chars().count().div_ceil(LINE))
        }
        _ => {
            let l = b.lines();
            (l.end - l.start + 1) as usize
        }
    }
}

/// Raw HTML that opens with a `<p>` paragraph.
fn html_paragraph(events: &[Event]) -> bool {
    events.iter().find_map(|e| match e {
        Event::Html(h) => Some(h.trim_start().to_ascii_lowercase().starts_with("<p")),
        _ => None,
    }) == Some(true)
}

fn heads(blocks: &[Block]) -> Vec<Head> {
    let mut out: Vec<Head> = Vec::new();
    let mut prev_heading: Option<u8> = None;
    // Only links or images so far under the last heading.
    let mut opening = false;
    for (idx, b) in blocks.iter().enumerate() {
        match b {
            Block::Heading { level, title, .. } => {
                let text = title.text.trim();
                out.push(Head {
                    idx,
                    level: *level,
                    own: 0,
                    follows: prev_heading,
                    norm: text.to_lowercase(),
                    class: words::classify(text),
                    talky: words::names_talk_kind(text) || speaker_around(title),
                    event: words::names_event(text),
                    byline: false,
                    spoken: false,
                });
                prev_heading = Some(*level);
            }
            Block::Notes { .. } => {}
            other => {
                if let Some(h) = out.last_mut() {
                    // (Past a photo or a line of links: `![Name](…)`.)
                    if h.own == 0 || opening {
                        opening = links_only(other);
                        if let Block::Other {
                            events,
                            kind: OtherKind::Paragraph,
                            ..
                        } = other
                        {
                            h.byline = bold_name(events).is_some();
                            h.spoken =
                                speaker_in_first_lines(events).is_some_and(|n| one_speaker(&n));
                            // `Speaker: Name` among its first lines, `(Name)`
                            // or an italic byline, `*Jane Doe, Role*`.
                            h.talky |= speaker_in_first_lines(events).is_some()
                                || italic_byline(events)
                                || first_lines(events)
                                    .next()
                                    .is_some_and(|l| bracketed_byline(&l).is_some());
                        }
                        // `> Name (Company), Name (Company)` right under it.
                        if let Block::Other {
                            events,
                            kind: OtherKind::Quote,
                            ..
                        } = other
                        {
                            let first = events
                                .split(|e| {
                                    matches!(e, Event::SoftBreak | Event::HardBreak | Event::End(_))
                                })
                                .next()
                                .map(super::plain_text)
                                .unwrap_or_default();
                            // (Or `> Speaker: Name`.)
                            h.talky |= names_people(&first) || speaker_line(first.trim()).is_some();
                        }
                    }
                    h.own += content_lines(other);
                }
                prev_heading = None;
            }
        }
    }
    out
}

/// Each heading's index among the blocks, and its level.
fn heading_levels(blocks: &[Block]) -> Vec<(usize, u8)> {
    blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Heading { level, .. } => Some((i, *level)),
            _ => None,
        })
        .collect()
}

/// A heading right under another that is only a person's name, the one
/// heading of its level there (`# Title` / `## Thomi Richards`), names the
/// speaker: it becomes a `Speaker:` line.
fn speaker_headings(mut blocks: Vec<Block>) -> Vec<Block> {
    let levels = heading_levels(&blocks);
    for (k, &(i, level)) in levels.iter().enumerate() {
        let Some(&(prev, parent)) = k.checked_sub(1).and_then(|p| levels.get(p)) else {
            continue;
        };
        let Block::Heading { title, lines, .. } = &blocks[i] else {
            continue;
        };
        // (Or wholly one link: `### [Name](profile)`.)
        let plain = title.events.iter().all(|e| matches!(e, Event::Text(_)))
            || matches!(
                title.events.as_slice(),
                [
                    Event::Start(Tag::Link { .. }),
                    Event::Text(_),
                    Event::End(TagEnd::Link)
                ]
            );
        let name = title.text.trim();
        // `Name (Company)`, `Name, Company`: the person is the first part.
        let person = match name.strip_suffix(')').and_then(|n| n.rsplit_once(" (")) {
            Some((person, _)) => person,
            None => name.split(',').next().unwrap_or(name),
        }
        .trim();
        // A speaker sits under a talk's title, not under a day or event.
        let under_talk = match &blocks[prev] {
            Block::Heading { title, .. } => {
                !words::names_event(&title.text) && words::classify(&title.text) == Class::Plain
            }
            _ => false,
        };
        // Nothing nested under it: a speaker has no sections.
        let leaf = levels.get(k + 1).is_none_or(|(_, l)| *l <= level);
        // (A line of links between, `[Slides](…)`, is the talk's too.)
        let right_under = blocks[prev + 1..i].iter().all(links_only) && parent < level && leaf;
        // No sibling of its level before a shallower heading.
        let alone = || {
            levels[k + 1..]
                .iter()
                .take_while(|(_, l)| *l >= level)
                .all(|(_, l)| *l != level)
        };
        // Or the first of its level, holding no notes (`## Title` / `###
        // Name` / `[Slides](…)` / `### Part one` …), before a sibling that
        // names no one: a talk's sections follow its speaker.
        let next = levels.get(k + 1).map_or(blocks.len(), |&(j, _)| j);
        let bare_first = || {
            blocks[i + 1..next].iter().all(links_only)
                && levels.get(k + 1).is_some_and(|&(j, l)| {
                    l == level
                        && matches!(&blocks[j], Block::Heading { title, .. }
                            if !person_named(title.text.trim(), 2))
                })
        };
        if plain
            && under_talk
            && right_under
            && (alone() || bare_first())
            && person_named(person, 2)
            // Names are not acronyms (`Raw HTML`).
            && person
                .split_whitespace()
                .all(|w| w.chars().any(char::is_lowercase))
        {
            let line = format!("Speaker: {name}");
            let mut events = vec![Event::Start(Tag::Paragraph)];
            if matches!(title.events.first(), Some(Event::Start(Tag::Link { .. }))) {
                // (The link to the speaker's page stays.)
                events.push(Event::Text(CowStr::from("Speaker: ")));
                events.extend(title.events.iter().cloned());
            } else {
                events.push(Event::Text(CowStr::from(line.clone())));
            }
            events.push(Event::End(TagEnd::Paragraph));
            blocks[i] = Block::Other {
                events,
                text: line,
                kind: OtherKind::Paragraph,
                lines: *lines,
            };
            // First under the title, where a speaker line is read.
            blocks[prev + 1..=i].rotate_right(1);
        }
    }
    blocks
}

/// Talks typed deeper than siblings of theirs (`# Track` / `##### Talk
/// (Room)` … then `## Other talks`): every heading of the deeper level sits
/// right under a heading above the shallower level, as the shallower's
/// do, and none is inside one of those. A reader sees one depth, so the
/// deeper headings (and what is under them) move up to the shallower
/// level.
fn level_gaps(mut blocks: Vec<Block>) -> Vec<Block> {
    let levels = heading_levels(&blocks);
    // Each heading's parent level: 0 for none.
    let mut parent = Vec::with_capacity(levels.len());
    let mut open: Vec<u8> = Vec::new();
    for &(_, l) in &levels {
        while open.last().is_some_and(|&o| o >= l) {
            open.pop();
        }
        parent.push(open.last().copied().unwrap_or(0));
        open.push(l);
    }
    // Notes of its own under it, before the next heading.
    let own = |k: usize| {
        let end = levels.get(k + 1).map_or(blocks.len(), |&(j, _)| j);
        blocks[levels[k].0 + 1..end]
            .iter()
            .any(|b| !matches!(b, Block::Notes { .. } | Block::Break { .. }))
    };
    let at = |l: u8| -> Vec<usize> { (0..levels.len()).filter(|&k| levels[k].1 == l).collect() };
    let mut present: Vec<u8> = levels.iter().map(|&(_, l)| l).collect();
    present.sort_unstable();
    present.dedup();
    for &deep in present.iter().rev() {
        // The deepest shallower level whose headings all sit under the
        // parent level the deeper ones sit under: so none is inside one.
        // (Under a heading: the file's own top level may vary, `##
        // Keynotes` then a stray `# Introduction`. And each deeper one
        // with notes: a bare `### meine Vorträge` labels what follows.)
        // (Read as talks, most of them, `Title (Track)`: not the
        // `#### Installation` parts of one subject.)
        let talky = at(deep)
            .into_iter()
            .filter(|&k| match &blocks[levels[k].0] {
                Block::Heading { title, .. } => {
                    words::names_talk_kind(&title.text) || speaker_around(title)
                }
                _ => false,
            })
            .count();
        let title = |k: usize| match &blocks[levels[k].0] {
            Block::Heading { title, .. } => title.text.to_lowercase(),
            _ => String::new(),
        };
        // (Or beside `## Other talks`.)
        let beside_talks = present.iter().any(|&s| {
            s < deep
                && at(s)
                    .into_iter()
                    .any(|k| words::mentions_talks(&title(k)) || words::names_talks(&title(k)))
        });
        let read_as_talks = talky >= 2 && talky * 2 >= at(deep).len();
        if !at(deep).into_iter().all(own) || !(read_as_talks || beside_talks) {
            continue;
        }
        let Some(&shallow) = present.iter().rev().find(|&&s| {
            s < deep
                && at(s).first().is_some_and(|&first| {
                    let p = parent[first];
                    p > 0 && at(s).iter().chain(&at(deep)).all(|&k| parent[k] == p)
                })
        }) else {
            continue;
        };
        let mut shift = false;
        for &(i, l) in &levels {
            shift = l > deep && shift || l == deep;
            if shift {
                if let Block::Heading { level, .. } = &mut blocks[i] {
                    *level = l - (deep - shallow);
                }
            }
        }
        // (Once: the levels changed under the others' feet.)
        return blocks;
    }
    blocks
}

/// A talk typed one level too shallow among talks (`## Title - Speaker`
/// between `###` talks, under `## Day One`): it names a speaker and has
/// notes, and a heading of its level names the event or a day. It
/// becomes a talk like its neighbours.
fn stray_talks(blocks: &mut [Block], hs: &[Head], talk: u8) -> bool {
    if talk < 2 {
        return false;
    }
    let level = talk - 1;
    let event_there = hs
        .iter()
        .any(|h| h.level == level && (h.event || h.class == Class::Group));
    let mut changed = false;
    // Under `## Session 1 - Keynotes`, the keynotes that follow its first
    // at its own level (headings with notes and none under them) are its
    // talks too.
    // (Titled like a talk, four words or more, and as long as the group's
    // talks: not `## Discussion points` after them.)
    let mut under_talks = false;
    let mut after_talk = false;
    let mut talks_own: Vec<usize> = Vec::new();
    for (k, h) in hs.iter().enumerate() {
        if h.level > level {
            after_talk = true;
            if h.level == talk {
                talks_own.push(h.own);
            }
            continue;
        }
        if h.level < level {
            under_talks = false;
            after_talk = false;
            continue;
        }
        let leaf = hs.get(k + 1).is_none_or(|n| n.level <= level);
        let plain = h.own > 0 && !h.event && h.class == Class::Plain;
        // (Between sessions: a session heading follows. Notes of one's own
        // after the last session are not keynotes.)
        let session_after = || {
            hs[k + 1..].iter().any(|n| {
                n.level == level
                    && (n.event || n.class == Class::Group || words::names_talks(&n.norm))
            })
        };
        let typical = || {
            let mut sorted = talks_own.clone();
            sorted.sort_unstable();
            sorted.get(sorted.len() / 2).copied().unwrap_or(0)
        };
        let keynote = under_talks
            && after_talk
            && leaf
            && h.own >= 3
            && h.norm.split_whitespace().count() >= 4
            && h.own * 2 >= typical()
            && session_after();
        if event_there && plain && (h.talky || keynote) {
            if let Block::Heading { level: l, .. } = &mut blocks[h.idx] {
                *l = talk;
                changed = true;
            }
            after_talk = true;
            continue;
        }
        let Block::Heading { title, .. } = &blocks[h.idx] else {
            continue;
        };
        under_talks =
            !leaf && words::names_talks(&title.text) && words::names_talk_kind(&title.text);
        after_talk = false;
        talks_own.clear();
    }
    changed
}

/// A talk typed one level too deep after a rule: where rules part the talks
/// (two or more talk headings right after a `---`), a lone heading one level
/// deeper right after a rule, closing a talk that had no sections, is the
/// next talk, not a part of the one above.
fn talks_after_rules(blocks: &mut [Block], hs: &[Head], talk: u8) -> bool {
    if talk == 0 || talk >= 6 {
        return false;
    }
    let after_rule = |blocks: &[Block], idx: usize| {
        blocks[..idx]
            .iter()
            .rev()
            .find(|b| !matches!(b, Block::Notes { .. }))
            .is_some_and(|b| matches!(b, Block::Break { .. }))
    };
    let ruled = hs
        .iter()
        .filter(|h| h.level == talk && after_rule(blocks, h.idx))
        .count();
    if ruled < 2 {
        return false;
    }
    let mut changed = false;
    for (k, h) in hs.iter().enumerate() {
        let lone =
            k > 0 && hs[k - 1].level == talk && hs.get(k + 1).is_none_or(|n| n.level <= talk);
        if h.level == talk + 1
            && lone
            && h.own > 0
            && h.class == Class::Plain
            && after_rule(blocks, h.idx)
        {
            if let Block::Heading { level, .. } = &mut blocks[h.idx] {
                *level = talk;
                changed = true;
            }
        }
    }
    changed
}

/// A section typed one level too shallow (`## Keynotes` after eight talks
/// whose notes sit under `### Keynotes`): a talk-level heading titled like
/// a section used under two or more other talks is a section of the talk
/// above it.
fn stray_sections(blocks: &mut [Block], hs: &[Head], talk: u8) -> bool {
    if talk == 0 || talk >= 6 {
        return false;
    }
    let mut deeper: HashMap<&str, usize> = HashMap::new();
    for h in hs.iter().filter(|h| h.level > talk) {
        *deeper.entry(h.norm.as_str()).or_default() += 1;
    }
    let mut changed = false;
    let mut seen_talk = false;
    for h in hs {
        if h.level < talk {
            seen_talk = false;
            continue;
        }
        if h.level != talk {
            continue;
        }
        let stray = seen_talk && deeper.get(h.norm.as_str()).is_some_and(|&n| n >= 2);
        if stray {
            if let Block::Heading { level, .. } = &mut blocks[h.idx] {
                *level = talk + 1;
                changed = true;
            }
        } else {
            seen_talk = true;
        }
    }
    changed
}

/// `Keynotes` (or `Lightning talks`) at the talk level over two or more
/// headings with notes: those are the talks, and it is their group. The
/// heading moves above the talk level and its children up to it.
fn talks_under_kind(blocks: &mut [Block], hs: &[Head], talk: u8, around: &mut Vec<usize>) -> bool {
    if talk == 0 {
        return false;
    }
    let mut changed = false;
    // Whether each heading speaks of talks without naming them, worked out
    // once: `alone` below asks it of every sibling of every heading that
    // speaks of talks, which per heading made a file of such siblings
    // quadratic. (Titles do not change here, only levels.)
    let mut speaks: Option<Vec<bool>> = None;
    for (k, h) in hs.iter().enumerate() {
        let Block::Heading { title, .. } = &blocks[h.idx] else {
            continue;
        };
        let plural = words::names_talks(&title.text);
        // `## Talks`, `## Apresentações`: only the word for talks, not one
        // kind of them (`Lightning talks` among talks may be one talk).
        let generic = plural && !words::names_talk_kind(&title.text);
        // A day among other sections (`## Intro`, `## Day 2`, `## Party`)
        // holds its talks like `Talks` does.
        let day = h.class == Class::Group;
        // `## De charla en charla`, `## Talks I went to`: a heading that
        // speaks of talks, over three or more.
        // (Or names the highlights: `### Nội Dung Nổi Bật` among a report's
        // sections.)
        let mentions = h.class == Class::Plain
            && (words::mentions_talks(&title.text) || words::names_highlights(&title.text));
        if h.level != talk || !(plural || day || mentions || words::names_talk_kind(&title.text)) {
            continue;
        }
        let under: Vec<&Head> = hs[k + 1..].iter().take_while(|c| c.level > talk).collect();
        // Talks with notes after it at its level, under the same heading,
        // would fall into it: it stays one talk, its headings its parts
        // (unless they name their speakers).
        let beside = hs[k + 1 + under.len()..]
            .iter()
            .take_while(|c| c.level >= talk)
            .any(|c| c.level == talk && c.own > 0 && c.class == Class::Plain && !c.event);
        let child = under.iter().map(|c| c.level).min();
        let kids: Vec<&Head> = under
            .iter()
            .filter(|c| Some(c.level) == child)
            .copied()
            .collect();
        // `Keynote` alone may be one talk with sections: its headings are
        // talks only when each names its speaker.
        let noted = kids.iter().filter(|c| c.own > 0).count();
        let named = kids.iter().all(|c| c.byline || c.talky);
        // `## Talks` over three or more holds them beside other sections;
        // so does a heading that speaks of talks over three or more with
        // notes, none named as a part of a talk, titled as talks are (more
        // than two words, typically: `## Preparing my talk` over `Outline`,
        // `Rehearsal`, `On the day` is a how-to).
        let titled = words::titled_as_talks(kids.iter().map(|c| c.norm.as_str()));
        // (The only heading of its level there to speak of talks: `## My
        // First Talk` beside `## A Second Talk` is one of them.)
        let first = hs[..k]
            .iter()
            .rposition(|c| c.level < talk)
            .map_or(0, |p| p + 1);
        let last = hs[k + 1..]
            .iter()
            .position(|c| c.level < talk)
            .map_or(hs.len(), |p| k + 1 + p);
        // (`# Keynotes` beside it names a kind of talks it holds, as it does.)
        // (Asked only where it counts: `spoken` needs `mentions`.)
        let alone = mentions
            && {
                let speaks = speaks.get_or_insert_with(|| {
                hs.iter()
                    .map(|c| {
                        matches!(&blocks[c.idx], Block::Heading { title, .. }
                            if words::mentions_talks(&title.text) && !words::names_talks(&title.text))
                    })
                    .collect()
            });
                (first..last).all(|i| hs[i].idx == h.idx || hs[i].level != talk || !speaks[i])
            };
        let spoken = mentions
            && alone
            && !speaker_around(title)
            && titled
            && kids.iter().all(|c| c.own > 0 && c.class == Class::Plain);
        let listed = (generic || spoken) && kids.len() >= 3;
        // `# Sessions I heard` over `### Day 1`, `### Day 2`, each a list
        // of talks (bullets, bold lines) and no headings: the days hold
        // the talks, the heading is their group.
        let days_marked = (plural || mentions)
            && kids.len() >= 2
            && kids.len() == under.len()
            && kids.iter().all(|c| {
                c.class == Class::Group && {
                    let end = hs
                        .iter()
                        .find(|n| n.idx > c.idx)
                        .map_or(blocks.len(), |n| n.idx);
                    super::markers::marked_talks(&blocks[c.idx + 1..end]) >= 2
                }
            });
        let listed = listed || days_marked;

        if kids.len() < 2
            || !(plural || (day && noted * 2 > kids.len()) || named || listed)
            || (beside && !named && !day && !listed)
        {
            continue;
        }
        let kids: Vec<usize> = kids.iter().map(|c| c.idx).collect();
        if listed {
            // Beside `## Talks`, the other sections under the same heading
            // (`## The venue`, `## Organisation`) are around the talks.
            around.extend(sections_beside(&hs[first..last], talk, h.idx));
        }
        if let Block::Heading { level, .. } = &mut blocks[h.idx] {
            *level = talk - 1;
        }
        for i in kids {
            if let Block::Heading { level, .. } = &mut blocks[i] {
                *level = talk;
            }
        }
        changed = true;
    }
    changed
}

/// The plain sections at the talk level among `hs` beside the heading at
/// `idx` that says talks (`## The venue`): around the talks, not talks
/// (not those that read as talks, events or speakers' headings).
fn sections_beside(hs: &[Head], talk: u8, idx: usize) -> impl Iterator<Item = usize> + '_ {
    hs.iter()
        .filter(move |c| {
            c.level == talk
                && c.idx != idx
                && c.class == Class::Plain
                && !c.event
                && !c.talky
                && !c.byline
        })
        .map(|c| c.idx)
}

/// `## The talks` at the talk level with a few lines and no headings under
/// it, before headings at its level titled as talks are (`## About the
/// venue` / `## The talks` / `## Motion UI. By: …`): it divides the file.
/// The headings after it are the talks; it and those before it are around
/// them.
fn talks_after_divider(blocks: &[Block], hs: &[Head], talk: u8, around: &mut Vec<usize>) -> bool {
    if talk == 0 {
        return false;
    }
    for (k, h) in hs.iter().enumerate() {
        let Block::Heading { title, .. } = &blocks[h.idx] else {
            continue;
        };
        let divider = h.level == talk
            && h.own <= 6
            && super::markers::talks_seen(&title.text)
            && !words::names_talk_kind(&title.text)
            && hs.get(k + 1).is_none_or(|n| n.level <= talk);
        if !divider {
            continue;
        }
        // Every heading after it, up to what closes the file (`##
        // Conclusion`), titled as talks are and with notes; a line or two
        // under it, not the list of talks itself.
        let after: Vec<&Head> = hs[k + 1..]
            .iter()
            .take_while(|c| c.level >= talk)
            .filter(|c| c.level == talk)
            .collect();
        let closing = after
            .iter()
            .rev()
            .take_while(|c| c.class == Class::Extra)
            .count();
        let talks = &after[..after.len() - closing];
        let end = hs.get(k + 1).map_or(blocks.len(), |n| n.idx);
        let listed = blocks[h.idx + 1..end]
            .iter()
            .any(|b| matches!(b, Block::List { .. }));
        if talks.len() < 2
            || listed
            || !talks
                .iter()
                .all(|c| c.own > 0 && c.class == Class::Plain && !c.event)
            || !words::titled_as_talks(talks.iter().map(|c| c.norm.as_str()))
        {
            continue;
        }
        let first = hs[..k]
            .iter()
            .rposition(|c| c.level < talk)
            .map_or(0, |p| p + 1);
        around.extend(sections_beside(&hs[first..k], talk, h.idx));
        // It marks where the talks start and is around them too: the
        // talks stay in the event's group.
        around.push(h.idx);
        return true;
    }
    false
}

/// The file's first heading, at the talk level, names a day or an event,
/// holds a line or two and no headings, and two headings with notes beside
/// it follow at its level: it titles them.
fn titles_talks_beside(hs: &[Head], idx: usize, talk: u8) -> bool {
    let Some((first, rest)) = hs.split_first() else {
        return false;
    };
    first.idx == idx
        && (first.class == Class::Group || first.event)
        && first.own <= 2
        && rest.first().is_some_and(|h| h.level == talk)
        && (0..rest.len())
            .filter(|&i| {
                let h = &rest[i];
                h.level == talk
                    && !h.event
                    && (h.own > 0
                        || rest[i + 1..]
                            .iter()
                            .take_while(|c| c.level > talk)
                            .any(|c| c.own > 0))
            })
            .count()
            >= 2
}

/// A speaker named around a title: `Title - Name`, `Name, Affiliation,
/// *Title*`, `Title @handle`.
fn speaker_around(title: &Inline) -> bool {
    let t = title.text.trim();
    // (Or who gives it in brackets, a track or a company, `Title (Bottega
    // IT Minds)`: not read as the speaker, but the heading is a talk's.)
    let label = bracket_tail(t)
        .is_some_and(|(_, inner)| inner.split_whitespace().count() >= 2 && name_like(inner));
    label
        || split_title(t).is_some()
        || hyphen_speaker(t).is_some()
        || speaker_first(title).is_some()
        || span_lead(title).is_some()
        || handle_tail(t).is_some()
}

/// A heading that, read by level, would close the talk it sits under.
fn misplaced(h: &Head) -> bool {
    h.follows.is_some_and(|p| h.level < p) && h.own > 0
}

/// How a file's headings are read.
struct Cut {
    talk: u8,
    sections: Vec<u8>,
    /// A deeper level that also reads as talks, when the choice was close.
    close: Option<u8>,
    /// Why, in a few words.
    why: String,
}

/// Reads the file's structure from all its headings together: which level
/// holds the talks, which are groups above them and sections below.
///
/// Evidence: what each level's headings hold (content of their own, or
/// only headings below), whether titles repeat under every talk, the words
/// in titles (days and dates are groups; Takeaways, Q&A are sections;
/// Keynote, a speaker's name are talks), and the file as a whole (one
/// heading at the top over topics is one talk; over talks or days, the
/// event). Talk level 0 means the whole file is one talk.
fn infer(hs: &[Head], stem: &str, opens: Option<&str>) -> Cut {
    let hs: Vec<&Head> = hs.iter().filter(|h| !misplaced(h)).collect();
    let mut levels: Vec<u8> = hs.iter().map(|h| h.level).collect();
    levels.sort_unstable();
    levels.dedup();
    let Some(&top) = levels.first() else {
        return Cut {
            talk: 2,
            sections: Vec::new(),
            close: None,
            why: "no headings".into(),
        };
    };
    let at = |l: u8| hs.iter().filter(move |h| h.level == l);
    // Parent of each heading: the nearest shallower heading before it.
    // (One pass with a stack of open headings: linear in the headings.)
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(hs.len());
    let mut open: Vec<usize> = Vec::new();
    for (i, h) in hs.iter().enumerate() {
        while open.last().is_some_and(|&j| hs[j].level >= h.level) {
            open.pop();
        }
        parents.push(open.last().copied());
        open.push(i);
    }
    let mut has_child = vec![false; hs.len()];
    for p in parents.iter().flatten() {
        has_child[*p] = true;
    }
    let sections: Vec<u8> = levels
        .iter()
        .copied()
        .filter(|&l| l != top)
        .filter(|&l| {
            // Titles met under two or more parents (`Abstract`, `Notes`).
            let mut under: HashMap<&str, Vec<Option<usize>>> = HashMap::new();
            let at: Vec<usize> = (0..hs.len()).filter(|&i| hs[i].level == l).collect();
            // (A bare heading over headings, `### Main hall` under every
            // day, is a group that repeats, not a part of each talk.)
            for &i in at.iter().filter(|&&i| hs[i].own > 0 || !has_child[i]) {
                let p = under.entry(hs[i].norm.as_str()).or_default();
                if !p.contains(&parents[i]) {
                    p.push(parents[i]);
                }
            }
            // A Keynote or Lightning talks on every day are talks.
            let shared: Vec<&str> = under
                .iter()
                .filter(|(t, p)| p.len() > 1 && !words::names_talk_kind(t))
                .map(|(t, _)| *t)
                .collect();
            let covered = at
                .iter()
                .filter(|&&i| shared.contains(&hs[i].norm.as_str()))
                .count();
            // Or named as parts of a talk (Takeaways, Q&A, Slides).
            let named = at
                .iter()
                .filter(|&&i| hs[i].class == Class::Section)
                .count();
            (shared.len() >= 2 && covered * 2 >= at.len()) || (named >= 2 && named * 2 >= at.len())
        })
        .collect();
    let subtree_content = |i: usize| {
        hs[i].own > 0
            || (i + 1..hs.len())
                .take_while(|&j| hs[j].level > hs[i].level)
                .any(|j| hs[j].own > 0)
    };
    // Every heading names a part of a talk (`### Key Insights` under a
    // front-matter title, `## Takeaways` / `## Q&A`), or most do and the
    // others are short topics naming no talk, day or event (`### Demo
    // notes`): the file is that talk.
    let parts = hs.iter().filter(|h| h.class == Class::Section).count();
    let short_topics = hs.iter().filter(|h| h.class != Class::Section).all(|h| {
        h.class == Class::Plain
            && !h.talky
            && !h.byline
            // (`Demo notes` says notes, not an event: no year.)
            && (!h.event || !h.norm.chars().any(|c| c.is_ascii_digit()))
            && h.norm.split_whitespace().count() <= 3
    });
    if parts == hs.len() || (parts >= 2 && parts * 3 >= hs.len() * 2 && short_topics) {
        return Cut {
            talk: 0,
            sections: levels.clone(),
            close: None,
            why: "one talk: every heading names a part of one".into(),
        };
    }
    // The whole file as one talk: one heading at the top over topics, or
    // headings that start below the file's top level, none naming a day,
    // a talk or an event.
    let children: Vec<usize> = (1..hs.len())
        .filter(|&j| parents[j] == Some(0) && subtree_content(j))
        .collect();
    let single_top = at(top).count() == 1 && hs.first().is_some_and(|h| h.level == top);
    let talky_children = children.iter().filter(|&&j| hs[j].talky).count();
    let day_children = children
        .iter()
        .filter(|&&j| hs[j].class == Class::Group)
        .count();
    // A speaker beside the top heading, or the file named after it and
    // notes of its own under it (a speaker line, a date) before the topics.
    // (A file named after the heading in full is about it when the
    // headings under it are short topics, `Framer`, `Design Lint`, not
    // titles of papers or talks.)
    let mut child_words: Vec<usize> = children
        .iter()
        .map(|&j| hs[j].norm.split_whitespace().count())
        .collect();
    child_words.sort_unstable();
    // (An event's name is short, `Android Makers Paris`: a talk's title
    // says more.)
    let topics = child_words
        .get(child_words.len() / 2)
        .is_some_and(|&w| w <= 3)
        && hs[0].norm.split_whitespace().count() >= 4;
    let about_top = hs[0].talky
        // (Two words of it in the file's name: `here-be-dragons_name.md`.)
        || match shares_words(&hs[0].norm, stem) {
            0 => false,
            1 => hs[0].own >= 2,
            _ => true,
        }
        || (named_after(&hs[0].norm, stem) && topics);
    if single_top
        && children.len() >= 2
        && about_top
        && (!hs[0].event || hs[0].spoken)
        && hs[0].class == Class::Plain
        && day_children == 0
        && talky_children < 2
        && talky_children * 2 < children.len()
    {
        return Cut {
            talk: top,
            sections: levels.iter().copied().filter(|&l| l > top).collect(),
            close: None,
            why: format!(
                "one talk: '{}' at the top {} and the {} headings under it are its topics",
                clip(&hs[0].norm),
                if hs[0].event {
                    "names its speaker"
                } else {
                    "is not an event"
                },
                children.len(),
            ),
        };
    }
    // An event's name over one heading that holds the notes (`# OSCON
    // 2019` / `## Software Architecture Foundations` / `### Modules`):
    // that heading is the one talk, the event its group.
    if let [only] = children[..] {
        let child = hs[only];
        // (A bare top is a group anyway; talks under the child, `###
        // Name, Lab, *Title*`, or its name, `## Main track`, make it a
        // session.)
        let named: Vec<u8> = hs[only + 1..]
            .iter()
            .filter(|h| h.talky || h.byline)
            .map(|h| h.level)
            .collect();
        let talks_under = !named.is_empty() || words::names_track(&child.norm);
        let event_top = single_top && hs[0].event && hs[0].own > 0 && !hs[0].spoken && !hs[0].talky;
        // Over one session whose headings name their speakers (`# FOSDEM
        // 2024` / `## Rust devroom` / `### Title — Name`): those are the
        // talks, the event and the session their groups.
        let session = named.len() >= 2 && named.len() * 2 >= hs.len() - only - 1;
        if let Some(&talk) = named.iter().min().filter(|_| event_top && session) {
            return Cut {
                talk,
                sections: levels.iter().copied().filter(|&l| l > talk).collect(),
                close: None,
                why: format!(
                    "'{}' at the top names the event over one session, '{}', whose headings name their speakers",
                    clip(&hs[0].norm),
                    clip(&child.norm)
                ),
            };
        }
        // (`## Title (workshop, Name)`: a kind of talk, not an event.)
        if event_top
            && child.class == Class::Plain
            && (!child.event || words::names_talk_kind(&child.norm))
            && !talks_under
            && !words::names_talks(&child.norm)
        {
            return Cut {
                talk: child.level,
                sections: levels
                    .iter()
                    .copied()
                    .filter(|&l| l > child.level)
                    .collect(),
                close: None,
                why: format!(
                    "'{}' at the top names the event over one talk, '{}'",
                    clip(&hs[0].norm),
                    clip(&child.norm)
                ),
            };
        }
    }
    // The file named after its first heading, and the few other headings
    // at its level short topics (`## 알림 서비스로 시작하는 서버 개발` …
    // `## 추가 요구사항` in `알림서비스로시작하는서버개발.md`): one talk's
    // notes that use the top level for its parts too.
    let first_names_file = hs.first().is_some_and(|h| {
        h.level == top
            && named_after(&h.norm, stem)
            && h.class == Class::Plain
            && !h.event
            && h.norm.split_whitespace().count() >= 3
    });
    let others_top: Vec<&&Head> = hs.iter().skip(1).filter(|h| h.level == top).collect();
    if first_names_file
        && (1..=3).contains(&others_top.len())
        && others_top.iter().all(|h| {
            !h.talky
                && !h.event
                && h.class != Class::Group
                && h.norm.split_whitespace().count() <= 3
        })
        && hs.iter().filter(|h| h.talky).count() * 4 < hs.len()
    {
        return Cut {
            talk: 0,
            sections: levels.clone(),
            close: None,
            why: format!(
                "one talk: the file is named after its first heading, '{}', and the {} other headings at its level are short topics",
                clip(&hs[0].norm),
                others_top.len()
            ),
        };
    }
    // The whole file as one talk, its headings its topics, when none names
    // a talk, a day or an event and either a speaker line opens the file
    // or the headings start below the file's top level.
    let topics_only = hs.len() >= 2
        && hs.iter().all(|h| !h.event && h.class != Class::Group)
        && hs.iter().filter(|h| h.talky).count() * 4 < hs.len();
    let starts_deep = hs.first().is_some_and(|h| h.level > top);
    // (Below it, a top-level heading that names talks, `# Keynotes`,
    // holds talks.)
    let top_says_talks = hs
        .iter()
        .any(|h| h.level == top && words::names_talk_kind(&h.norm));
    if topics_only && (opens.is_some() || (starts_deep && !top_says_talks)) {
        let by = match opens {
            Some(opens) => format!("{opens} and no heading"),
            None => "the headings start below the top level and none".to_string(),
        };
        return Cut {
            talk: 0,
            sections: levels.clone(),
            close: None,
            why: format!("one talk: {by} names a talk, a day or an event"),
        };
    }
    // Each heading's content, its section-level descendants' included.
    let mut folded: Vec<usize> = hs.iter().map(|h| h.own).collect();
    let mut open: Vec<usize> = Vec::new();
    for (i, h) in hs.iter().enumerate() {
        if sections.contains(&h.level) {
            folded[i] = 0;
            if let Some(&parent) = open.iter().rev().find(|&&j| hs[j].level < h.level) {
                folded[parent] += h.own;
            }
            continue;
        }
        open.retain(|&j| hs[j].level < h.level);
        open.push(i);
    }
    // One heading at the top of the file over two or more headings that
    // carry content is the file's title (a day, a conference): a group.
    // (Over a single such heading, that one is a section of it.)
    let title_level = Some(top).filter(|_| single_top && children.len() >= 2);
    // Days hold talks: below a heading that names a day over two or more
    // headings with notes, and below every level above it, are the talks
    // (`# The venue` / `# The conference` / `## Day one` / `### Talk`).
    let day_level = levels
        .iter()
        .copied()
        .filter(|l| !sections.contains(l))
        .filter(|&l| {
            // (Not a day inside a talk's own story, `## Anatomy of a 3-day
            // outage` / `### Day 1` beside `##` talks: the day and each
            // heading above it with notes of its own hold twice as many
            // noted headings as their noted siblings with none under them.)
            let open_above = |i: usize| {
                let mut p = Some(i);
                while let Some(j) = p {
                    let h = hs[j];
                    if h.own > 0 && Some(h.level) != title_level {
                        let inside = (j + 1..hs.len())
                            .take_while(|&k| hs[k].level > h.level)
                            .filter(|&k| hs[k].own > 0 && !sections.contains(&hs[k].level))
                            .count();
                        let beside = (0..hs.len())
                            .filter(|&k| {
                                k != j
                                    && hs[k].level == h.level
                                    && parents[k] == parents[j]
                                    && hs[k].own > 0
                                    && !has_child[k]
                            })
                            .count();
                        if inside <= 2 * beside {
                            return false;
                        }
                    }
                    p = parents[j];
                }
                true
            };
            (0..hs.len()).any(|i| {
                hs[i].level == l
                    && hs[i].class == Class::Group
                    && open_above(i)
                    && (0..hs.len())
                        .filter(|&j| {
                            parents[j] == Some(i)
                                && !sections.contains(&hs[j].level)
                                && subtree_content(j)
                        })
                        .count()
                        >= 2
            })
        })
        .max();
    let candidates: Vec<u8> = levels
        .iter()
        .copied()
        .filter(|l| !sections.contains(l) && Some(*l) != title_level)
        .collect();
    // A heading's typical content of its own at a level: the lower median
    // over the headings that have any.
    let median = |l: u8| {
        let mut v: Vec<usize> = (0..hs.len())
            .filter(|&i| hs[i].level == l && folded[i] > 0)
            .map(|i| folded[i])
            .collect();
        v.sort_unstable();
        v.get(v.len().saturating_sub(1) / 2).copied().unwrap_or(0)
    };
    // Content below a level's headings, in headings of a deeper kept level.
    // (Further down, past bare headings, only under headings that name an
    // event or a day: `# Meeting 2018` / `## Session` / `### talks`.)
    let has_content_below = |l: u8| {
        // (Material around the talks beside them, `# Finally`, says
        // nothing against.)
        let events = at(l).any(|h| h.event || h.class == Class::Group)
            && at(l).all(|h| h.event || matches!(h.class, Class::Group | Class::Extra));
        (0..hs.len()).any(|j| {
            hs[j].level > l
                && !sections.contains(&hs[j].level)
                && (hs[j].own > 0 || (events && subtree_content(j)))
                && parents[j].is_some_and(|p| hs[p].level == l)
        })
    };
    // Days, dates and material around the talks, over headings below.
    let named_groups = |l: u8| {
        let n = at(l).count();
        let days = at(l).filter(|h| h.class == Class::Group).count();
        let around = at(l).filter(|h| h.class == Class::Extra).count();
        n > 0 && (days >= 1 || around == n) && days + around == n
    };
    // Headings under this level's that read as talks (speakers, Keynote),
    // most of them, while this level's own do not.
    let talks_below = |l: u8| {
        let kids: Vec<usize> = (0..hs.len())
            .filter(|&j| {
                !sections.contains(&hs[j].level) && parents[j].is_some_and(|p| hs[p].level == l)
            })
            .collect();
        let talky = kids.iter().filter(|&&j| hs[j].talky).count();
        let own = at(l).filter(|h| h.talky).count();
        talky >= 2 && talky * 2 >= kids.len() && own * 2 <= at(l).count()
    };
    // Group levels: bare headings over headings with content, or headings
    // with a line of their own at most (a day, a track) over headings
    // that typically hold three lines or more (talks), or headings named
    // as days. The talks are the shallowest level that is not a group level.
    let mut why = String::new();
    let best = candidates
        .iter()
        .copied()
        .find(|&l| {
            let below = has_content_below(l);
            // Bare: nothing of their own, or every heading of the level
            // that has headings under it names an event and has nothing of
            // its own (`# normConf 2022` over talks, `# Things to Google`).
            let parents_at: Vec<usize> = (0..hs.len())
                .filter(|&i| hs[i].level == l && has_child[i])
                .collect();
            // (Not a lone `## Lightning talks` among more `##` talks with
            // notes than it holds, as long as those it holds.)
            let lower_median = |mut v: Vec<usize>| {
                v.sort_unstable();
                v.get(v.len().saturating_sub(1) / 2).copied().unwrap_or(0)
            };
            let leaves: Vec<usize> = (0..hs.len())
                .filter(|&i| hs[i].level == l && !has_child[i] && hs[i].own > 0)
                .map(|i| hs[i].own)
                .collect();
            let held: Vec<usize> = (0..hs.len())
                .filter(|&j| parents[j].is_some_and(|p| parents_at.contains(&p)))
                .map(|j| hs[j].own)
                .collect();
            let talks_beside =
                leaves.len() > held.len() && lower_median(leaves) * 2 >= lower_median(held);
            let bare = median(l) == 0
                || (!parents_at.is_empty()
                    && !talks_beside
                    && parents_at
                        .iter()
                        .all(|&i| hs[i].own == 0 && (hs[i].event || hs[i].class == Class::Group)));
            // (Not when they name their speakers: those are talks.)
            let thin = median(l) <= 1
                && candidates.iter().any(|&d| d > l && median(d) >= 3)
                && at(l).filter(|h| h.talky).count() * 2 < at(l).count();
            let days = named_groups(l);
            let over_talks = talks_below(l);
            let group = below && (bare || thin || days || over_talks);
            if group {
                why.push_str(&format!(
                    "{} are groups ({}); ",
                    "#".repeat(l as usize),
                    if bare {
                        "nothing of their own"
                    } else if days {
                        "they name days or what surrounds the talks"
                    } else if over_talks {
                        "the headings under them name speakers or kinds of talk"
                    } else {
                        "a line of their own over longer headings"
                    }
                ));
            }
            !group
        })
        .or_else(|| candidates.last().copied())
        .unwrap_or(top);
    if title_level.is_some_and(|t| t != best) {
        why.insert_str(
            0,
            &format!(
                "'{}' at the top names {}; ",
                clip(&hs[0].norm),
                if hs[0].event || hs[0].class == Class::Group {
                    "the event"
                } else {
                    "the notes over talks"
                }
            ),
        );
    }
    let below_days = day_level
        .filter(|&d| best <= d)
        .and_then(|d| candidates.iter().copied().find(|&l| l > d).map(|l| (d, l)));
    let best = match below_days {
        Some((d, l)) => {
            why = format!(
                "{} name days over talks, so the talks are below them; ",
                "#".repeat(d as usize)
            );
            l
        }
        None => best,
    };
    // Close call: a deeper level typically holds far more.
    let close = candidates
        .iter()
        .copied()
        .filter(|&l| l > best && median(l) >= 3 * median(best).max(1))
        .find(|&l| hs.iter().filter(|h| h.level == l).count() >= 2);
    why.push_str(&format!(
        "talks are the {} headings",
        "#".repeat(best as usize)
    ));
    if let Some(c) = close {
        why.push_str(&format!(
            "; runner-up: {} (they hold more)",
            "#".repeat(c as usize)
        ));
    }
    Cut {
        talk: best,
        sections,
        close,
        why,
    }
}

/// Talks numbered as an outline (`### 2.3. Title`, three or more): an
/// unnumbered heading at their level between two of them (`### Cold Data
/// Migration` after `### 2.3.`), not reading as a talk, is a part of the
/// talk before it.
fn outline_parts(hs: &[Head], talk: u8) -> Vec<usize> {
    let at: Vec<&Head> = hs.iter().filter(|h| h.level == talk).collect();
    let numbered: Vec<bool> = at
        .iter()
        .map(|h| words::outline_lead(&h.norm).is_some())
        .collect();
    if numbered.iter().filter(|&&n| n).count() < 3 {
        return Vec::new();
    }
    let last = numbered.iter().rposition(|&n| n).unwrap_or(0);
    let mut out = Vec::new();
    // Whether the heading before is numbered or itself such a part.
    let mut after = false;
    for (i, h) in at.iter().enumerate() {
        // (Not a talk of its own: `### Lightning talk: …`, a speaker line.)
        let part = !numbered[i] && !h.talky && !h.spoken && !h.byline && after && i < last;
        if part {
            out.push(h.idx);
        }
        after = numbered[i] || part;
    }
    out
}

/// `### Track A` under `## Day 1` and again under `## Day 2` are two
/// groups: each is named with the heading it sat under, or the two would
/// merge into one, out of order.
fn qualify_repeated(groups: &mut [Group], parents: &[(u32, String)]) {
    let parent_by_line: HashMap<u32, &str> =
        parents.iter().map(|(l, p)| (*l, p.as_str())).collect();
    // Each group title, with the parents it was met under.
    let mut under: HashMap<String, Vec<Option<&str>>> = HashMap::new();
    for g in groups.iter() {
        if let Some(t) = &g.title {
            let p = parent_by_line.get(&g.line).copied();
            let seen = under.entry(t.text.trim().to_string()).or_default();
            if !seen.contains(&p) {
                seen.push(p);
            }
        }
    }
    // Every track of a day that has a repeated one is named with its day
    // (`Wednesday › Breakouts` beside `Wednesday › Keynotes`), not only
    // the repeated ones.
    let qualified: std::collections::HashSet<&str> = under
        .values()
        .filter(|ps| ps.len() > 1)
        .flatten()
        .flatten()
        .copied()
        .collect();
    for g in groups.iter_mut() {
        let Some(own) = g.title.as_ref().map(|t| t.text.trim().to_string()) else {
            continue;
        };
        let Some(parent) = parent_by_line.get(&g.line) else {
            continue;
        };
        if qualified.contains(parent) {
            g.title = Some(text_inline(&format!("{parent} › {own}")));
        }
    }
}

/// Most headings at `level` (two at least) hold nothing but lists of
/// linked titles ([`super::markers::linked_talks`]), two of them or more
/// with notes under them.
fn reads_as_list(blocks: &[Block], level: u8) -> bool {
    let (mut sections, mut linked, mut noted, mut talky) = (0usize, 0usize, 0usize, 0usize);
    let mut i = 0;
    while i < blocks.len() {
        if let Block::Heading {
            level: l, title, ..
        } = &blocks[i]
        {
            if *l == level {
                // Headings that name speakers are talks, their links the
                // talks' own.
                talky += usize::from(speaker_around(title) || words::names_talk_kind(&title.text));
                let len = blocks[i + 1..]
                    .iter()
                    .take_while(|b| !matches!(b, Block::Heading { level: m, .. } if *m <= level))
                    .count();
                let body = &blocks[i + 1..i + 1 + len];
                sections += 1;
                let deeper = body.iter().any(|b| matches!(b, Block::Heading { .. }));
                if let Some(n) = super::markers::linked_talks(body).filter(|_| !deeper) {
                    linked += 1;
                    noted += n;
                }
                i += body.len() + 1;
                continue;
            }
        }
        i += 1;
    }
    linked >= 2 && noted >= 2 && linked * 3 >= sections * 2 && talky * 2 < sections
}

/// Blocks that are only lists of links to this page's own headings.
fn is_toc(blocks: &[Block]) -> bool {
    fn anchors(items: &[crate::outline::Item]) -> bool {
        items.iter().all(|i| {
            anchor(&i.head.events)
                && i.children.iter().all(|c| match c {
                    Block::List { items, .. } => anchors(items),
                    Block::Notes { .. } => true,
                    _ => false,
                })
        })
    }
    // A link to this page's own heading, alone in a cell or an item.
    fn anchor(events: &[Event]) -> bool {
        matches!(
            events,
            [Event::Start(Tag::Link { dest_url, .. }), .., Event::End(TagEnd::Link)]
                if dest_url.starts_with('#')
        ) && events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Link { .. })))
            .count()
            == 1
    }
    let mut lists = 0;
    for b in blocks {
        match b {
            Block::List { items, .. } if anchors(items) => lists += 1,
            Block::Other {
                events,
                kind: OtherKind::Table,
                ..
            } => {
                let (_, rows) = super::markers::table_cells(events);
                let firsts = rows.iter().filter_map(|r| r.first());
                if rows.is_empty() || !firsts.clone().all(|(ev, _)| anchor(ev)) {
                    return false;
                }
                lists += 1;
            }
            Block::Notes { .. } | Block::Break { .. } => {}
            _ => return false,
        }
    }
    lists > 0
}

/// A word of three letters or more in both (`Kubernetes 101` and
/// `kubernetes-101.md`).
fn shares_words(title: &str, stem: &str) -> usize {
    const STOP: &[&str] = &[
        "the", "and", "for", "with", "notes", "talk", "talks", "readme",
    ];
    let split = |t: &str| -> Vec<String> {
        t.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3 && !STOP.contains(w))
            .map(str::to_string)
            .collect()
    };
    let stem_words = split(stem);
    let mut shared = split(title);
    shared.sort_unstable();
    shared.dedup();
    shared.iter().filter(|w| stem_words.contains(w)).count()
}

/// The file is named after the title: the same letters and digits, the
/// stem perhaps cut short (`Do more, with less. - 디자인 시스템, 그다음은?`
/// in `Do more, with less. - 디자인 시스템, 그다음은.md`).
fn named_after(title: &str, stem: &str) -> bool {
    let alnum = words::title_key;
    // (`07-the-seven-fights.md`: a file's numbering is no part of its name,
    // nor `1. ` of the title's.)
    let stem = stem.trim_start_matches(|c: char| c.is_ascii_digit() || "-_. ".contains(c));
    let title = words::strip_number(title).unwrap_or(title);
    let (t, s) = (alnum(title), alnum(stem));
    s.chars().count() >= 8 && t.starts_with(&s) && s.chars().count() * 4 >= t.chars().count() * 3
}

/// A talk listed with no notes, then written up further on under the same
/// title (`- [Title](…)` under `### Day 1`, again among one's favourites
/// with notes under it): one talk, where it was listed, holding the notes.
/// (Not `Keynote` each day: a kind of talk names no one talk.)
fn merge_repeats(groups: &mut Vec<Group>) {
    let key = |t: &Talk| words::title_key(&t.title.text);
    let bare = |t: &Talk| t.blocks.iter().all(|b| content_lines(b) == 0);
    // (By title, where each was first: a file of a thousand talks is
    // looked up a thousand times, on every save under `serve`.)
    let mut first: HashMap<String, (usize, usize)> = HashMap::new();
    let mut moves: Vec<((usize, usize), (usize, usize))> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        for (ti, t) in g.talks.iter().enumerate() {
            if t.extra || words::names_talk_kind(&t.title.text) {
                continue;
            }
            let k = key(t);
            if k.chars().count() < 4 {
                continue;
            }
            match first.entry(k) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    let (fg, ft) = *e.get();
                    if bare(&groups[fg].talks[ft])
                        && !bare(t)
                        && !moves.iter().any(|(to, _)| *to == (fg, ft))
                    {
                        moves.push(((fg, ft), (gi, ti)));
                    }
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert((gi, ti));
                }
            }
        }
    }
    // (Later talks first, so the indices of the rest hold.)
    moves.sort_by_key(|m| std::cmp::Reverse(m.1));
    for ((fg, ft), (gi, ti)) in moves {
        let later = groups[gi].talks.remove(ti);
        let to = &mut groups[fg].talks[ft];
        to.end_line = to.end_line.max(later.end_line);
        to.blocks.extend(later.blocks);
    }
    groups.retain(|g| !g.talks.is_empty());
}

/// The heading is the event's name without the rest of the event's
/// heading (its year, its city): every word of it is one of the event's.
fn names_the_event(title: &str, event: &str) -> bool {
    let split = |t: &str| -> Vec<String> {
        t.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (ws, es) = (split(title), split(event));
    words::names_event(event)
        && !ws.is_empty()
        && ws.len() < es.len()
        && ws.iter().all(|w| es.contains(w))
}

/// A speaker line naming one person (`Ana & Ben` over talks is a meetup).
fn one_speaker(name: &str) -> bool {
    !name.contains('&') && !name.contains(" and ")
}

/// The events of each paragraph before the file's first heading.
fn paragraphs_above_headings(blocks: &[Block]) -> impl Iterator<Item = &[Event<'static>]> {
    blocks
        .iter()
        .take_while(|b| !matches!(b, Block::Heading { .. }))
        .filter_map(|b| match b {
            Block::Other {
                events,
                kind: OtherKind::Paragraph,
                ..
            } => Some(events.as_slice()),
            _ => None,
        })
}

/// The first line of `blocks`, or 1.
fn line_of(blocks: &[Block]) -> u32 {
    blocks.first().map_or(1, |b| b.lines().start)
}

fn clip(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}

pub fn split_groups(
    blocks: Vec<Block>,
    src: &SourceFile,
    talk_level: Option<u8>,
    file_title: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Group>, Roles, Option<String>) {
    let blocks = speaker_headings(blocks);
    // (Levels set by hand name the headings as typed.)
    let blocks = if talk_level.is_none() {
        level_gaps(blocks)
    } else {
        blocks
    };
    let hs = heads(&blocks);
    // `Speaker: Name` before the first heading: the file is about one talk.
    let opens_with_speaker = paragraphs_above_headings(&blocks).any(|events| {
        first_lines(events)
            .map(|l| l.to_lowercase())
            // One speaker: `Speakers: A, B` over talks is a meetup.
            .any(|l| {
                !l.starts_with("speakers") && speaker_line(&l).is_some_and(|n| one_speaker(&n))
            })
    });
    // The file named after a line above its headings (`The Seven Fights`
    // in `the-seven-fights.md`): one talk's notes file, titled by it.
    let title_line = paragraphs_above_headings(&blocks).find_map(|events| {
        first_lines(events)
            .next()
            .filter(|l| named_after(l, &src.stem()) && !words::names_event(l))
    });
    let opens = if opens_with_speaker {
        Some("a speaker line opens the file")
    } else {
        title_line
            .is_some()
            .then_some("the file is named after a line above its headings")
    };
    let cut = infer(&hs, &src.stem(), opens);
    // (Or the first heading, when the file is named after it.)
    let first_heading = blocks.iter().find_map(|b| match b {
        Block::Heading { title, .. } => Some(title.text.trim().to_string()),
        _ => None,
    });
    let first_heading = first_heading.filter(|t| named_after(t, &src.stem()));
    // The heading that titles the one talk goes into the title: what is
    // under it (`By Name`) opens the talk.
    let title_heading =
        (cut.talk == 0 && talk_level.is_none() && file_title.is_none() && title_line.is_none())
            .then_some(first_heading.as_deref())
            .flatten()
            .map(str::to_string);
    let file_title = match cut.talk {
        0 => file_title
            .or(title_line.as_deref())
            .or(first_heading.as_deref()),
        _ => file_title,
    };
    let (inferred, sections, close) = (cut.talk, cut.sections, cut.close);
    let talk = talk_level.unwrap_or(inferred);
    // Topic headings over lists of linked titles with notes under them (a
    // reading list of talks or papers): the headings are groups, the
    // linked bullets the talks.
    let reading_list = talk_level.is_none() && talk > 0 && reads_as_list(&blocks, talk);
    let talk = talk + u8::from(reading_list);
    let mut blocks = blocks;
    // Headings beside `## Talks`: around the talks.
    let mut around: Vec<usize> = Vec::new();
    // `talk_level` set by hand says which headings are talks.
    // (A reading list's headings are all topics: none is moved.)
    let moved = !reading_list
        && ((talk_level.is_none() && talks_under_kind(&mut blocks, &hs, talk, &mut around))
            | (talk_level.is_none() && talks_after_divider(&blocks, &hs, talk, &mut around))
            | (talk_level.is_none() && talks_after_rules(&mut blocks, &hs, talk))
            | stray_talks(&mut blocks, &hs, talk)
            | stray_sections(&mut blocks, &hs, talk));
    let hs = if moved { heads(&blocks) } else { hs };
    let absorbed: Vec<usize> = hs
        .iter()
        .filter(|h| {
            talk > 0 && misplaced(h) && h.level < talk && h.follows.is_some_and(|p| p >= talk)
        })
        .map(|h| h.idx)
        .collect();
    let parts = outline_parts(&hs, talk);
    if let (None, Some(other)) = (talk_level, close) {
        if let Some(h) = hs.iter().find(|h| h.level == talk) {
            let line = blocks[h.idx].lines().start;
            diags.push(Diagnostic::warning(
                &src.path,
                line,
                format!(
                    "heading levels are ambiguous: read {} as talks, but {} carry content too; \
                     set `talk_level: {other}` in front matter to make those the talks",
                    "#".repeat(talk as usize),
                    "#".repeat(other as usize),
                ),
            ));
        }
    }
    let mut levels: Vec<u8> = hs
        .iter()
        .filter(|h| !absorbed.contains(&h.idx))
        .map(|h| h.level)
        .collect();
    levels.sort_unstable();
    levels.dedup();
    let mut roles = Roles {
        talk_level: talk,
        group_levels: levels.iter().copied().filter(|l| *l < talk).collect(),
        section_levels: levels.iter().copied().filter(|l| *l > talk).collect(),
        how: if talk_level.is_some() {
            "set"
        } else {
            "inferred"
        },
        tool: None,
        steps: 0,
        why: if talk_level.is_some() {
            format!("talk_level: {talk} is set")
        } else if !around.is_empty() {
            format!(
                "{}; under a heading that says talks, its headings are the talks, the sections beside it around them",
                cut.why
            )
        } else {
            cut.why
        },
    };
    for s in sections {
        if s < talk && !roles.section_levels.contains(&s) {
            roles.section_levels.push(s);
        }
    }
    // A file of one heading and nothing else is one talk, named by it.
    let lone_title = hs.len() == 1
        && blocks
            .iter()
            .all(|b| matches!(b, Block::Heading { .. } | Block::Notes { .. }));

    let mut groups: Vec<Group> = Vec::new();
    // Days above the talks: a heading beside them that names what surrounds
    // the talks (`## 会場について` / `### 行動規範`) holds no talks.
    let days_above = hs.iter().any(|h| h.level < talk && h.class == Class::Group);
    // The bare heading a group sat under, when not the event's, by the
    // group's line.
    let mut parents: Vec<(u32, String)> = Vec::new();
    // Bare group headings popped for the groups under them, by level.
    let mut outer: Vec<(u8, String)> = Vec::new();
    let mut event = None;
    let mut group_level = 0u8;
    for (idx, block) in blocks.into_iter().enumerate() {
        match block {
            Block::Heading {
                level,
                title,
                lines,
            } if level < talk && !absorbed.contains(&idx) => {
                // An outer heading with nothing of its own over a deeper
                // group heading names the event.
                if let Some(g) = groups.last() {
                    // Or the file's first heading naming an event over a
                    // `Keynote` group lifted to its level.
                    let first_event = groups.len() == 1
                        && g.title
                            .as_ref()
                            .is_some_and(|t| words::names_event(&t.text));
                    if (level > group_level || first_event)
                        && g.talks.is_empty()
                        && g.intro.is_empty()
                    {
                        let title = g.title.as_ref().map(|t| t.text.trim().to_string());
                        if parents.last().is_some_and(|(l, _)| *l == g.line) {
                            parents.pop();
                        }
                        if event.is_none() {
                            event = title;
                        } else if let Some(t) = title {
                            outer.push((group_level, t));
                        }
                        groups.pop();
                    }
                }
                group_level = level;
                // Every group under a bare heading sits under it, not only
                // the first.
                outer.retain(|(l, _)| *l < level);
                if let Some((_, p)) = outer.last() {
                    parents.push((lines.start, p.clone()));
                }
                groups.push(Group {
                    title: Some(title),
                    line: lines.start,
                    intro: Vec::new(),
                    talks: Vec::new(),
                });
            }
            Block::Heading {
                level,
                mut title,
                lines,
            } if level == talk && !absorbed.contains(&idx) && !parts.contains(&idx) => {
                if title.is_blank() {
                    diags.push(Diagnostic::warning(
                        &src.path,
                        lines.start,
                        format!("heading with no title: called '{UNTITLED}'"),
                    ));
                    title = text_inline(UNTITLED);
                }
                // `# Conf 2020 - Day 1` and a link, then `# Talk` after
                // `# Talk`: the file's first heading names the day or the
                // event of the talks beside it, as a title over them would.
                // (A line of intro above it sits in an untitled group.)
                let untitled = match groups.as_slice() {
                    [] => true,
                    [g] => g.title.is_none() && g.talks.is_empty(),
                    _ => false,
                };
                if untitled && titles_talks_beside(&hs, idx, talk) {
                    if groups.is_empty() {
                        groups.push(untitled_group());
                    }
                    if let Some(g) = groups.last_mut() {
                        g.title = Some(title);
                        g.line = lines.start;
                    }
                    continue;
                }
                if groups.is_empty() {
                    groups.push(untitled_group());
                }
                if let Some(g) = groups.last_mut() {
                    // `## Links` beside the talks is not one of them, nor
                    // is `## Name` under `# Discussions`.
                    // (Talks under `# 인프콘 2022 후기` are talks: only
                    // people's names there are conversations.)
                    let in_extra = g
                        .title
                        .as_ref()
                        .is_some_and(|t| words::classify(&t.text) == Class::Extra);
                    let only_people = title
                        .text
                        .split([',', '&'])
                        .map(str::trim)
                        .all(|p| person_named(p, 2));
                    // (`## Codemotion` under `# Codemotion 2017`: the event's
                    // own name, less its year, is about the event.)
                    let the_event = g
                        .title
                        .as_ref()
                        .is_some_and(|g| names_the_event(&title.text, &g.text));
                    let extra = (in_extra && (only_people || days_above))
                        || the_event
                        || around.contains(&idx)
                        || matches!(words::classify(&title.text), Class::Extra | Class::Section);
                    g.talks.push(Talk {
                        title,
                        speaker: None,
                        line: lines.start,
                        end_line: lines.end,
                        blocks: Vec::new(),
                        extra,
                    });
                }
            }
            other => {
                if absorbed.contains(&idx) {
                    if let Block::Heading { title, lines, .. } = &other {
                        let talk_title = groups
                            .last()
                            .and_then(|g| g.talks.last())
                            .map(|t| t.title.text.trim().to_string())
                            .unwrap_or_default();
                        diags.push(Diagnostic::warning(
                            &src.path,
                            lines.start,
                            format!(
                                "'{}' right under talk '{talk_title}' is read as a section of it; \
                                 its heading level looks like a slip",
                                title.text.trim()
                            ),
                        ));
                    }
                }
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
    qualify_repeated(&mut groups, &parents);
    let stem = src.stem();
    let has_talk_headings = talk > 0 && hs.iter().any(|h| h.level == talk && h.own > 0);
    let mut out = Vec::new();
    // Notes of a group that makes no deck move on to the next group.
    let mut carry: Vec<Block> = Vec::new();
    let mut untold: std::collections::HashSet<u32> = std::collections::HashSet::new();
    for mut g in groups {
        if !carry.is_empty() {
            carry.append(&mut g.intro);
            g.intro = std::mem::take(&mut carry);
        }
        // `talk_level` set by hand says where talks are: no markers then.
        let marked = if talk_level.is_none() {
            super::markers::split(
                &mut g,
                file_title.unwrap_or(&stem),
                hs.is_empty(),
                reading_list,
            )
        } else {
            None
        };
        if let Some(kind) = marked {
            if !roles.why.contains(kind) {
                // (A kind that says where it was found says it all.)
                roles.why =
                    if reading_list || kind.contains(", under ") || kind.contains(", right after ")
                    {
                        format!("talks are {kind}")
                    } else if hs.is_empty() {
                        format!("talks are {kind}, in a file without headings")
                    } else {
                        format!("talks are {kind}, under headings that name an event or a day")
                    };
            }
        }
        // A section that is only a table of contents of this page is not
        // a talk (`markdown-toc` output under the title).
        for t in &mut g.talks {
            t.extra |= is_toc(&t.blocks);
        }
        let had_talks = !g.talks.is_empty();
        // Empty talks go first, so a group whose talks were all empty
        // still keeps its intro as a deck instead of losing it.
        let is_empty = |t: &Talk| t.blocks.iter().all(|b| matches!(b, Block::Notes { .. }));
        // Among talks with notes, a talk heard but not noted is still a
        // talk: a deck of its title slide (and it is on the agenda).
        let noted = g.talks.iter().filter(|t| !is_empty(t)).count() >= 2;
        // So is each of a list of the talks seen, whatever its title says.
        let listed = marked.is_some_and(|m| m.starts_with(super::markers::LISTED));
        g.talks.retain(|t| {
            let empty = is_empty(t);
            let titled = !t.title.text.trim().is_empty()
                && words::classify(&t.title.text) == Class::Plain
                && !words::names_event(&t.title.text);
            if empty && lone_title {
                // Only a title: still the talk a person would find.
                return true;
            }
            // (In a reading list, a linked title alone is a pick too; so is
            // a schedule row naming its speaker.)
            // (A list of the talks seen holds no notes by design: the
            // outline says so once, not a warning per talk.)
            if empty && listed && !t.extra {
                return true;
            }
            if empty && (noted || reading_list || t.speaker.is_some()) && titled && !t.extra {
                // (Said once the file's talks are known: notes written
                // further on may join it.)
                untold.insert(t.line);
                return true;
            }
            if empty {
                diags.push(Diagnostic::warning(
                    &src.path,
                    t.line,
                    format!("empty section '{}': no slides made", t.title.text.trim()),
                ));
            }
            !empty
        });
        let has_intro = !g.intro.iter().all(|b| matches!(b, Block::Notes { .. }));
        if g.talks.is_empty() {
            // A group with no talks is one deck named by its heading (or
            // the file).
            if !has_intro {
                // Notes alone before the first heading are carried on, not
                // an empty section.
                if !had_talks && (g.title.is_some() || g.intro.is_empty()) {
                    let message = match &g.title {
                        Some(t) => format!("empty section '{}': no slides made", t.text.trim()),
                        None => "empty section: no content to make slides from".to_string(),
                    };
                    diags.push(Diagnostic::warning(&src.path, g.line.max(1), message));
                }
                carry = std::mem::take(&mut g.intro);
                continue;
            }
            let title = g
                .title
                .clone()
                .unwrap_or_else(|| text_inline(file_title.unwrap_or(&stem)));
            if g.title.is_none() && hs.is_empty() && talk_level.is_none() {
                let by = match file_title {
                    Some(_) => "its `title:`".to_string(),
                    None => format!("the file name ('{stem}')"),
                };
                roles.how = "no headings";
                roles.why = format!("the whole file is one talk, titled by {by}");
                if file_title.is_none() {
                    diags.push(Diagnostic::warning(
                        &src.path,
                        line_of(&g.intro),
                        format!(
                            "no headings: the whole file is one talk, titled by {by}; \
                             start each talk with a `## Title` line"
                        ),
                    ));
                }
            }
            // Notes under a heading that names material around the talks
            // (a venue, a party), or before the first heading of a file
            // that has talks elsewhere, are not a talk.
            let extra = has_talk_headings || reading_list;
            let line = if g.title.is_some() {
                g.line
            } else {
                g.intro.first().map_or(1, |b| b.lines().start)
            };
            let mut blocks = std::mem::take(&mut g.intro);
            let mut title = title;
            if let (None, Some(Block::Heading { title: h, .. })) = (&g.title, blocks.first()) {
                if title_heading.as_deref() == Some(h.text.trim()) {
                    title = h.clone();
                    blocks.remove(0);
                }
            }
            g.talks.push(Talk {
                title,
                speaker: None,
                line,
                end_line: end_of(&blocks, g.line),
                blocks,
                extra,
            });
        } else if has_intro && !short_intro(&g.intro) {
            // A long intro is a deck of its own, first in its group.
            let name = g.title.as_ref().map_or_else(
                || file_title.unwrap_or(&stem).to_string(),
                |t| t.text.trim().to_string(),
            );
            let blocks = std::mem::take(&mut g.intro);
            let line = blocks.first().map_or(g.line, |b| b.lines().start);
            g.talks.insert(
                0,
                Talk {
                    title: text_inline(&format!("About {name}")),
                    speaker: None,
                    line,
                    end_line: end_of(&blocks, line),
                    blocks,
                    extra: true,
                },
            );
        }
        if let Some(first) = g.talks.first_mut() {
            // Notes above the first talk become its title slide's notes:
            // kept, never shown.
            let (notes, rest): (Vec<Block>, Vec<Block>) = std::mem::take(&mut g.intro)
                .into_iter()
                .partition(|b| matches!(b, Block::Notes { .. }));
            g.intro = rest;
            for (i, n) in notes.into_iter().enumerate() {
                first.blocks.insert(i, n);
            }
        }
        if !g.talks.is_empty() {
            out.push(g);
        }
    }
    // A closing heading of links and nothing else (`# Link-gasm` after the
    // talk): around the talks, not one more.
    let mut talks: Vec<&mut Talk> = out.iter_mut().flat_map(|g| &mut g.talks).collect();
    if let [before @ .., last] = &mut talks[..] {
        if before.iter().any(|t| !t.extra) && links_list(&last.blocks) {
            last.extra = true;
        }
    }
    merge_repeats(&mut out);
    for t in out.iter().flat_map(|g| &g.talks) {
        if untold.contains(&t.line) && t.blocks.iter().all(|b| matches!(b, Block::Notes { .. })) {
            diags.push(Diagnostic::warning(
                &src.path,
                t.line,
                format!(
                    "talk '{}' has no notes: its deck is its title slide",
                    t.title.text.trim()
                ),
            ));
        }
    }
    // `Name - Title` or `Title - Name`: how most talks of the file are typed.
    let typed = Typed::of(out.iter().flat_map(|g| &g.talks));
    for t in out.iter_mut().flat_map(|g| &mut g.talks) {
        find_speaker(t, &typed);
    }
    (out, roles, event)
}

/// One list, three bullets or more, most of them only a link.
fn links_list(blocks: &[Block]) -> bool {
    let mut shown = blocks.iter().filter(|b| !matches!(b, Block::Notes { .. }));
    let (Some(Block::List { items, .. }), None) = (shown.next(), shown.next()) else {
        return false;
    };
    let linked = items
        .iter()
        .filter(|i| {
            let ev = &i.head.events;
            !i.has_children()
                && matches!(ev.first(), Some(Event::Start(Tag::Link { .. })))
                && matches!(ev.last(), Some(Event::End(TagEnd::Link)))
                && ev
                    .iter()
                    .filter(|e| matches!(e, Event::Start(Tag::Link { .. })))
                    .count()
                    == 1
        })
        .count();
    items.len() >= 3 && linked * 3 >= items.len() * 2
}

fn end_of(blocks: &[Block], default: u32) -> u32 {
    blocks
        .iter()
        .map(|b| b.lines().end)
        .max()
        .unwrap_or(default)
}

/// At most two short lines: small enough for every title slide.
fn short_intro(intro: &[Block]) -> bool {
    let shown: Vec<&Block> = intro
        .iter()
        .filter(|b| !matches!(b, Block::Notes { .. }))
        .collect();
    let lines: u32 = shown
        .iter()
        .map(|b| b.lines().end - b.lines().start + 1)
        .sum();
    lines <= 2
        && shown.iter().all(|b| match b {
            Block::Other { text, kind, .. } => {
                matches!(kind, OtherKind::Paragraph | OtherKind::Html)
                    && text.trim().chars().count() <= 140
            }
            _ => false,
        })
}

pub fn untitled_group() -> Group {
    Group {
        title: None,
        line: 1,
        intro: Vec::new(),
        talks: Vec::new(),
    }
}

// ---- decks written for other tools ----

/// A deck for another tool is one talk: its separators are its slides,
/// the first heading of a slide its title, further headings stay in the
/// body. The first slide's few lines go on the title slide.
pub fn deck_groups(
    blocks: Vec<Block>,
    src: &SourceFile,
    title: Option<&str>,
    templates: &[(u32, bool)],
    heading_breaks: &[u32],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Group> {
    let mut chunks: Vec<(u32, Vec<Block>)> = vec![(0, Vec::new())];
    for b in blocks {
        match b {
            Block::Break { lines } => chunks.push((lines.start, Vec::new())),
            other => {
                // A slide-level heading starts a slide unless a break just
                // did; before anything else, only under a front-matter title.
                let line = other.lines().start;
                let starts = matches!(other, Block::Heading { .. })
                    && heading_breaks.contains(&line)
                    && chunks.last().is_some_and(|(_, c)| {
                        !c.is_empty() || (chunks.len() == 1 && title.is_some())
                    });
                if starts {
                    chunks.push((line, Vec::new()));
                }
                if let Some(c) = chunks.last_mut() {
                    c.1.push(other);
                }
            }
        }
    }
    let mut talk_title: Option<Inline> = title.map(text_inline);
    let mut group = untitled_group();
    let mut talk_blocks: Vec<Block> = Vec::new();
    let mut template: Vec<Block> = Vec::new();
    let mut first_line = 1;
    for (k, (start, mut chunk)) in chunks.into_iter().enumerate() {
        // Remark `layout: true` / `false` sit at the top of their slide.
        let flag = templates
            .iter()
            .filter(|(l, _)| *l > start)
            .find(|(l, _)| chunk.first().is_none_or(|b| *l < b.lines().start))
            .map(|(_, f)| *f);
        if flag == Some(true) {
            template = chunk;
            continue;
        }
        if flag == Some(false) {
            template.clear();
        }
        if chunk.iter().all(|b| matches!(b, Block::Notes { .. })) && k > 0 {
            // Notes alone: they belong to the slide before.
            talk_blocks.append(&mut chunk);
            continue;
        }
        if k == 0 || (k == 1 && talk_title.is_none() && talk_blocks.is_empty()) {
            if let Some(pos) = chunk
                .iter()
                .position(|b| matches!(b, Block::Heading { .. }))
            {
                if let Block::Heading { title, lines, .. } = chunk.remove(pos) {
                    first_line = lines.start;
                    if talk_title.is_none() {
                        talk_title = Some(title);
                    } else if title.text.trim() != talk_title.as_ref().map_or("", |t| t.text.trim())
                    {
                        chunk.insert(0, demote(title, lines));
                    }
                }
            }
            let chunk: Vec<Block> = chunk
                .into_iter()
                .map(|b| match b {
                    Block::Heading { title, lines, .. } => demote(title, lines),
                    other => other,
                })
                .collect();
            let (notes, shown): (Vec<Block>, Vec<Block>) = chunk
                .into_iter()
                .partition(|b| matches!(b, Block::Notes { .. }));
            if short_intro(&shown) {
                group.intro = shown;
                talk_blocks.extend(notes);
            } else {
                talk_blocks.extend(shown);
                talk_blocks.extend(notes);
            }
            continue;
        }
        talk_blocks.push(Block::Break {
            lines: crate::outline::Lines::new(start, start),
        });
        let mut body: Vec<Block> = template.clone();
        body.append(&mut chunk);
        // The slide's first heading titles it; anything before it moves
        // under it, later headings stay in the body.
        let pos = body.iter().position(|b| matches!(b, Block::Heading { .. }));
        if let Some(pos) = pos {
            let h = body.remove(pos);
            talk_blocks.push(h);
        }
        for b in body {
            talk_blocks.push(match b {
                Block::Heading { title, lines, .. } => demote(title, lines),
                other => other,
            });
        }
    }
    let title = talk_title.unwrap_or_else(|| {
        diags.push(Diagnostic::warning(
            &src.path,
            1,
            format!("deck has no title: called '{UNTITLED}'"),
        ));
        text_inline(UNTITLED)
    });
    let end_line = end_of(&talk_blocks, first_line);
    group.talks.push(Talk {
        title,
        speaker: None,
        line: first_line,
        end_line,
        blocks: talk_blocks,
        extra: false,
    });
    vec![group]
}

/// A heading shown inside a slide's body, not starting a slide.
fn demote(title: Inline, lines: crate::outline::Lines) -> Block {
    let level = HeadingLevel::H3;
    let mut events = vec![Event::Start(Tag::Heading {
        level,
        id: None,
        classes: Vec::new(),
        attrs: Vec::new(),
    })];
    events.extend(title.events);
    events.push(Event::End(TagEnd::Heading(level)));
    Block::Other {
        events,
        text: title.text,
        kind: OtherKind::Paragraph,
        lines,
    }
}
