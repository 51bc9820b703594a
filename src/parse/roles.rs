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
}

fn content_lines(b: &Block) -> usize {
    match b {
        Block::Notes { .. } | Block::Break { .. } | Block::Heading { .. } => 0,
        _ => {
            let l = b.lines();
            (l.end - l.start + 1) as usize
        }
    }
}

fn heads(blocks: &[Block]) -> Vec<Head> {
    let mut out: Vec<Head> = Vec::new();
    let mut prev_heading: Option<u8> = None;
    for (idx, b) in blocks.iter().enumerate() {
        match b {
            Block::Heading { level, title, .. } => {
                out.push(Head {
                    idx,
                    level: *level,
                    own: 0,
                    follows: prev_heading,
                    norm: title.text.trim().to_lowercase(),
                });
                prev_heading = Some(*level);
            }
            Block::Notes { .. } => {}
            other => {
                if let Some(h) = out.last_mut() {
                    h.own += content_lines(other);
                }
                prev_heading = None;
            }
        }
    }
    out
}

/// A heading that, read by level, would close the talk it sits under.
fn misplaced(h: &Head) -> bool {
    h.follows.is_some_and(|p| h.level < p) && h.own > 0
}

/// Infers the talk level: (level, section levels, runner-up level when
/// the choice was close).
fn infer(hs: &[Head]) -> (u8, Vec<u8>, Option<u8>) {
    let hs: Vec<&Head> = hs.iter().filter(|h| !misplaced(h)).collect();
    let mut levels: Vec<u8> = hs.iter().map(|h| h.level).collect();
    levels.sort_unstable();
    levels.dedup();
    let Some(&top) = levels.first() else {
        return (2, Vec::new(), None);
    };
    // Parent of each heading: the nearest shallower heading before it.
    let parents: Vec<Option<usize>> = (0..hs.len())
        .map(|i| (0..i).rev().find(|&j| hs[j].level < hs[i].level))
        .collect();
    let sections: Vec<u8> = levels
        .iter()
        .copied()
        .filter(|&l| l != top)
        .filter(|&l| {
            // Titles met under two or more parents (`Abstract`, `Notes`).
            let mut under: HashMap<&str, Vec<Option<usize>>> = HashMap::new();
            let at: Vec<usize> = (0..hs.len()).filter(|&i| hs[i].level == l).collect();
            for &i in &at {
                let p = under.entry(hs[i].norm.as_str()).or_default();
                if !p.contains(&parents[i]) {
                    p.push(parents[i]);
                }
            }
            let shared: Vec<&str> = under
                .iter()
                .filter(|(_, p)| p.len() > 1)
                .map(|(t, _)| *t)
                .collect();
            let covered = at
                .iter()
                .filter(|&&i| shared.contains(&hs[i].norm.as_str()))
                .count();
            shared.len() >= 2 && covered * 2 >= at.len()
        })
        .collect();
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
    let mut own: HashMap<u8, usize> = HashMap::new();
    for (i, h) in hs.iter().enumerate() {
        *own.entry(h.level).or_default() += folded[i];
    }
    // One heading at the top of the file over two or more headings that
    // carry content is the file's title (a day, a conference): a group.
    // (Over a single such heading, that one is a section of it.)
    let subtree_content = |i: usize| {
        hs[i].own > 0
            || (i + 1..hs.len())
                .take_while(|&j| hs[j].level > hs[i].level)
                .any(|j| hs[j].own > 0)
    };
    let title_level = hs.first().map(|h| h.level).filter(|&l| {
        let children = (1..hs.len())
            .filter(|&j| parents[j] == Some(0) && subtree_content(j))
            .count();
        hs.iter().filter(|h| h.level == l).count() == 1 && children >= 2
    });
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
    let has_content_below = |l: u8| {
        (0..hs.len()).any(|j| {
            hs[j].level > l
                && !sections.contains(&hs[j].level)
                && hs[j].own > 0
                && parents[j].is_some_and(|p| hs[p].level == l)
        })
    };
    // Group levels: bare headings over headings with content, or headings
    // with a line of their own at most (a day, a track) over headings
    // that typically hold three lines or more (talks). The talks are the
    // shallowest level that is not a group level.
    let best = candidates
        .iter()
        .copied()
        .find(|&l| {
            let group = has_content_below(l)
                && (median(l) == 0
                    || (median(l) <= 1 && candidates.iter().any(|&d| d > l && median(d) >= 3)));
            !group
        })
        .or_else(|| candidates.last().copied())
        .unwrap_or(top);
    // Close call: a deeper level typically holds far more.
    let close = candidates
        .iter()
        .copied()
        .filter(|&l| l > best && median(l) >= 3 * median(best).max(1))
        .find(|&l| hs.iter().filter(|h| h.level == l).count() >= 2);
    (best, sections, close)
}

pub fn split_groups(
    blocks: Vec<Block>,
    src: &SourceFile,
    talk_level: Option<u8>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Group>, Roles, Option<String>) {
    let hs = heads(&blocks);
    let (inferred, sections, close) = infer(&hs);
    let talk = talk_level.unwrap_or(inferred);
    let absorbed: Vec<usize> = hs
        .iter()
        .filter(|h| misplaced(h) && h.level < talk && h.follows.is_some_and(|p| p >= talk))
        .map(|h| h.idx)
        .collect();
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
    };
    for s in sections {
        if s < talk && !roles.section_levels.contains(&s) {
            roles.section_levels.push(s);
        }
    }

    let mut groups: Vec<Group> = Vec::new();
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
                    if level > group_level && g.talks.is_empty() && g.intro.is_empty() {
                        if let Some(t) = g.title.as_ref().filter(|_| event.is_none()) {
                            event = Some(t.text.trim().to_string());
                        }
                        groups.pop();
                    }
                }
                group_level = level;
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
            } if level == talk && !absorbed.contains(&idx) => {
                if title.is_blank() {
                    diags.push(Diagnostic::warning(
                        &src.path,
                        lines.start,
                        format!("heading with no title: called '{UNTITLED}'"),
                    ));
                    title = text_inline(UNTITLED);
                }
                if groups.is_empty() {
                    groups.push(untitled_group());
                }
                if let Some(g) = groups.last_mut() {
                    g.talks.push(Talk {
                        title,
                        speaker: None,
                        line: lines.start,
                        end_line: lines.end,
                        blocks: Vec::new(),
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
    let stem = src.stem();
    let mut out = Vec::new();
    // Notes of a group that makes no deck move on to the next group.
    let mut carry: Vec<Block> = Vec::new();
    for mut g in groups {
        if !carry.is_empty() {
            carry.append(&mut g.intro);
            g.intro = std::mem::take(&mut carry);
        }
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
            let title = g.title.clone().unwrap_or_else(|| text_inline(&stem));
            let line = if g.title.is_some() {
                g.line
            } else {
                g.intro.first().map_or(1, |b| b.lines().start)
            };
            let blocks = std::mem::take(&mut g.intro);
            g.talks.push(Talk {
                title,
                speaker: None,
                line,
                end_line: end_of(&blocks, g.line),
                blocks,
            });
        } else if has_intro && !short_intro(&g.intro) {
            // A long intro is a deck of its own, first in its group.
            let name = g
                .title
                .as_ref()
                .map_or(stem.clone(), |t| t.text.trim().to_string());
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
                },
            );
        }
        for t in &mut g.talks {
            find_speaker(t);
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
    (out, roles, event)
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

pub fn text_inline(s: &str) -> Inline {
    Inline {
        events: vec![Event::Text(CowStr::from(s.to_string()))],
        text: s.to_string(),
    }
}

pub fn untitled_group() -> Group {
    Group {
        title: None,
        line: 1,
        intro: Vec::new(),
        talks: Vec::new(),
    }
}

// ---- speakers ----

const SPEAKER_KEYS: &[&str] = &[
    "speaker",
    "speakers",
    "presenter",
    "presenters",
    "by",
    "presented by",
    "referent",
    "referentin",
    "sprecher",
    "sprecherin",
    "orateur",
    "oratrice",
    "intervenant",
    "intervenante",
    "ponente",
    "palestrante",
    "relatore",
    "登壇者",
    "発表者",
    "講者",
    "讲者",
    "演讲者",
    "المتحدث",
    "المتحدثة",
    "דובר",
    "דוברת",
];

const NAME_PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "la",
    "le", "bin", "al", "el", "ter", "y",
];

/// Looks like a person's name: 1–4 capitalised words (particles allowed).
fn name_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && s.chars().count() <= 40
        && !matches!(words[0], "The" | "A" | "An" | "Part" | "Day" | "Talk")
        && words.iter().all(|w| {
            NAME_PARTICLES.contains(w)
                || (w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c)))
        })
}

/// `Talk 3 - Title - Name`, `Title — Name`, `Title (Name)`, `Title [Name]`:
/// the clean title and the speaker.
fn split_title(title: &str) -> Option<(String, String)> {
    let t = title.trim();
    for sep in [" - ", " – ", " — "] {
        let parts: Vec<&str> = t.split(sep).map(str::trim).collect();
        if parts.len() >= 3 {
            let first = parts[0].to_lowercase();
            let label = first
                .split_whitespace()
                .next()
                .is_some_and(|w| matches!(w, "talk" | "session" | "keynote" | "track"))
                && first.split_whitespace().count() == 2
                && first.chars().any(|c| c.is_ascii_digit());
            let last = parts[parts.len() - 1];
            if label && name_like(last) {
                return Some((parts[1..parts.len() - 1].join(sep), last.to_string()));
            }
        }
    }
    for sep in [" — ", " – "] {
        if let Some((head, name)) = t.rsplit_once(sep) {
            if name_like(name.trim()) && !head.trim().is_empty() {
                return Some((head.trim().to_string(), name.trim().to_string()));
            }
        }
    }
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(inner) = t.strip_suffix(close) {
            if let Some(at) = inner.rfind(open) {
                let (head, name) = (inner[..at].trim(), inner[at + 1..].trim());
                if !head.is_empty() && name_like(name) && inner[..at].ends_with(' ') {
                    return Some((head.to_string(), name.to_string()));
                }
            }
        }
    }
    None
}

/// Moves the speaker out of the title or the first line under it.
fn find_speaker(t: &mut Talk) {
    // Only a title that is plain text is rewritten: markup stays as typed.
    let plain = t.title.events.iter().all(|e| matches!(e, Event::Text(_)));
    if plain {
        if let Some((title, name)) = split_title(&t.title.text) {
            t.title = text_inline(&title);
            t.speaker = Some(name);
            return;
        }
    }
    let Some(Block::Other {
        events,
        text,
        kind: OtherKind::Paragraph,
        ..
    }) = t.blocks.first_mut()
    else {
        return;
    };
    // `speaker: Name` on the first line.
    if let Some(Event::Text(first)) = events.get(1) {
        let first = first.to_string();
        let key_end = first.find([':', '：']);
        if let Some(k) = key_end {
            let key = first[..k].trim().to_lowercase();
            let colon = first[k..].chars().next().map_or(1, char::len_utf8);
            let name = first[k + colon..].trim().to_string();
            if SPEAKER_KEYS.contains(&key.as_str()) && !name.is_empty() {
                // Drop that line: the text event and the break after it.
                let mut rest: Vec<Event<'static>> = Vec::new();
                rest.push(events[0].clone());
                let mut i = 2;
                if matches!(events.get(2), Some(Event::SoftBreak | Event::HardBreak)) {
                    i = 3;
                }
                rest.extend(events[i..].iter().cloned());
                t.speaker = Some(name);
                if rest.len() <= 2 {
                    t.blocks.remove(0);
                } else {
                    *text = crate::parse::plain_text(&rest);
                    *events = rest;
                }
                return;
            }
        }
    }
    // A first line that is all emphasis: `_Name — role, room_`.
    let inner = &events[1..events.len().saturating_sub(1)];
    let emphasised = matches!(inner.first(), Some(Event::Start(Tag::Emphasis)))
        && matches!(inner.last(), Some(Event::End(TagEnd::Emphasis)))
        && inner.iter().all(|e| {
            matches!(
                e,
                Event::Text(_) | Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis)
            )
        });
    let line = text.trim().to_string();
    if emphasised && !line.is_empty() && line.chars().count() <= 100 {
        t.speaker = Some(line);
        t.blocks.remove(0);
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
    diags: &mut Vec<Diagnostic>,
) -> Vec<Group> {
    let mut chunks: Vec<(u32, Vec<Block>)> = vec![(0, Vec::new())];
    for b in blocks {
        match b {
            Block::Break { lines } => chunks.push((lines.start, Vec::new())),
            other => {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_their_speaker() {
        let cases = [
            (
                "Talk 2 - Passkeys in the Real World - Marcus Feld",
                Some(("Passkeys in the Real World", "Marcus Feld")),
            ),
            (
                "git bisect saved my weekend — Noor Hamdan",
                Some(("git bisect saved my weekend", "Noor Hamdan")),
            ),
            (
                "Error messages people actually read (Ilse de Vries)",
                Some(("Error messages people actually read", "Ilse de Vries")),
            ),
            ("Secrets in env vars are fine(ish)", None),
            ("Rust — The Good Parts", None),
            ("Platform & Product Summit — my notes", None),
        ];
        for (t, want) in cases {
            let got = split_title(t);
            assert_eq!(
                got.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
                want,
                "{t}"
            );
        }
    }
}
