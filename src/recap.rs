//! The team recap over the model: a talk's own `by:`/`minutes:` lines,
//! several teammates' files merged into one recap (groups by name, the
//! same talk into one deck with labelled sections), and each deck's
//! neighbours for chaining.

use crate::deck::{Deck, DeckLink};
use crate::diag::Diagnostic;
use crate::outline::{Block, OtherKind, Talk};
use pulldown_cmark::{Event, Tag, TagEnd};

/// Settings a talk gives itself in a first paragraph of `key: value` lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TalkSettings {
    pub presenter: Option<String>,
    pub minutes: Option<u32>,
    /// The talk's language (`lang: zh`), when not the file's.
    pub lang: Option<String>,
}

/// Takes a leading `by: Name` / `presenter: Name` / `minutes: 20` /
/// `lang: zh` paragraph off the talk, so it never shows on a slide. A paragraph with
/// any other line is left alone.
pub fn talk_settings(
    talk: &Talk,
    diags: &mut Vec<Diagnostic>,
    path: &std::path::Path,
) -> Option<(Talk, TalkSettings)> {
    let Some(Block::Other {
        events,
        kind: OtherKind::Paragraph,
        lines,
        ..
    }) = talk.blocks.first()
    else {
        return None;
    };
    let mut out = TalkSettings::default();
    let lines_text = paragraph_lines(events);
    if lines_text.is_empty() {
        return None;
    }
    for (i, line) in lines_text.iter().enumerate() {
        let (key, value) = line.split_once(':')?;
        let value = value.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "by" | "presenter" if !value.is_empty() => out.presenter = Some(value.to_string()),
            "lang" => {
                let tag = !value.is_empty()
                    && value.len() <= 35
                    && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                if tag {
                    out.lang = Some(value.to_string());
                } else {
                    diags.push(Diagnostic::warning(
                        path,
                        lines.start + i as u32,
                        format!("'lang: {value}' is not a language tag such as 'en' or 'pt-BR'; ignored"),
                    ));
                }
            }
            "minutes" => match value.parse::<u32>() {
                Ok(m) if (1..=10_000).contains(&m) => out.minutes = Some(m),
                _ => {
                    diags.push(Diagnostic::warning(
                        path,
                        lines.start + i as u32,
                        format!("'minutes: {value}' is not a whole number of minutes; ignored"),
                    ));
                }
            },
            _ => return None,
        }
    }
    let mut rest = talk.clone();
    rest.blocks.remove(0);
    Some((rest, out))
}

/// The text of each source line of a paragraph.
fn paragraph_lines(events: &[Event]) -> Vec<String> {
    let mut lines = vec![String::new()];
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => {
                if let Some(l) = lines.last_mut() {
                    l.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => lines.push(String::new()),
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            // Links, emphasis: not a settings line.
            _ => return Vec::new(),
        }
    }
    lines
}

/// Key that makes groups of several files one group: the name, case and
/// spacing aside.
pub fn group_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// How alike two talk titles are: `Some(true)` the same, `Some(false)`
/// nearly the same (typos, punctuation), `None` different talks.
pub fn same_talk(a: &str, b: &str) -> Option<bool> {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a == b {
        return Some(true);
    }
    // Short titles must match exactly: "Rust" and "Dust" are two talks;
    // so must their numbers: "Part 1" and "Part 2" are two talks, however
    // alike the rest.
    let near = a.chars().count().min(b.chars().count()) >= 8
        && numbers(&a) == numbers(&b)
        && strsim::normalized_damerau_levenshtein(&a, &b) >= 0.85;
    near.then_some(false)
}

/// The numbers in a normalised title, in order: runs of digits, roman
/// numerals of `i`, `v` and `x`, and number words.
fn numbers(title: &str) -> Vec<String> {
    const WORDS: &[&str] = &[
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
        "eighth", "ninth", "tenth", "last", "final",
    ];
    let mut out = Vec::new();
    for word in title.split_whitespace() {
        let roman = word.len() <= 4 && word.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
        if roman || WORDS.contains(&word) {
            out.push(word.to_string());
            continue;
        }
        let mut run = String::new();
        for c in word.chars().chain([' ']) {
            if c.is_numeric() {
                run.push(c);
            } else if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
        }
    }
    out
}

/// Sets each deck's previous and next talk, in recap order.
pub fn link_neighbours(decks: &mut [Deck]) {
    let mut links: Vec<DeckLink> = decks
        .iter()
        .map(|d| DeckLink {
            path: d.path.clone(),
            title: d.title.text.trim().to_string(),
        })
        .collect();
    for (i, d) in decks.iter_mut().enumerate() {
        d.next = links.get(i + 1).cloned();
        // Deck i - 1's link was last needed by deck i - 2: moved, not copied.
        d.prev = i
            .checked_sub(1)
            .and_then(|p| links.get_mut(p))
            .map(std::mem::take);
    }
}

/// Every teammate named on the recap, in order of first appearance.
pub fn team(decks: &[Deck]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in decks {
        for p in d.presenters() {
            if !out.iter().any(|o| o == p) {
                out.push(p.to_string());
            }
        }
    }
    out
}

/// `A`, `A and B`, `A, B and C`.
pub fn names(list: &[impl AsRef<str>]) -> String {
    match list {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => format!(
            "{} and {}",
            init.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// The event's dates, as given, in order, each once.
pub fn dates(decks: &[Deck]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in decks {
        if let Some(date) = &d.meta.date {
            if !out.contains(date) {
                out.push(date.clone());
            }
        }
    }
    out
}

/// Planned start of each slide of the show in seconds, from `minutes`
/// per talk and `total_minutes` for the recap: slides of a talk share its
/// minutes equally; talks without minutes share what the total leaves.
/// `None` when no duration is set or some talk cannot be planned.
pub fn plan(decks: &[Deck], total_minutes: Option<u32>) -> Option<Vec<Vec<u32>>> {
    let fixed: u64 = decks
        .iter()
        .filter_map(|d| d.meta.minutes)
        .map(u64::from)
        .sum();
    let free_slides: u64 = decks
        .iter()
        .filter(|d| d.meta.minutes.is_none())
        .map(|d| d.slides.len() as u64)
        .sum();
    let free_secs = match total_minutes {
        Some(t) => (u64::from(t) * 60).saturating_sub(fixed * 60),
        None if free_slides == 0 => 0,
        None => return None,
    };
    if fixed == 0 && total_minutes.is_none() {
        return None;
    }
    let mut at: u64 = 0;
    let mut out = Vec::with_capacity(decks.len());
    for d in decks {
        let n = d.slides.len().max(1) as u64;
        let talk_secs = match d.meta.minutes {
            Some(m) => u64::from(m) * 60,
            None => free_secs * n / free_slides.max(1),
        };
        let starts = (0..n)
            .map(|k| u32::try_from(at + talk_secs * k / n).unwrap_or(u32::MAX))
            .collect();
        at += talk_secs;
        out.push(starts);
    }
    Some(out)
}

/// What the agenda shows beside a talk's title, the show and the pptx
/// alike: its presenters and planned minutes ("Ana Lima · 8 min").
pub fn agenda_note(d: &Deck) -> Option<String> {
    let presenters = d.presenters();
    let by = (!presenters.is_empty()).then(|| names(&presenters));
    // "· 8 min" never breaks across lines (nor leaves the dot behind).
    let minutes = d.meta.minutes.map(|m| format!("{m}\u{a0}min"));
    match (by, minutes) {
        (Some(b), Some(m)) => Some(format!("{b} ·\u{a0}{m}")),
        (b, m) => b.or(m),
    }
}

/// Most lines an agenda slide holds (group names and talks).
const AGENDA_LINES: usize = 12;

/// The agenda cut into slides of [`AGENDA_LINES`] lines: per slide, its
/// groups (a group name line, repeated on the next slide when a group runs
/// over), each with the indices of its decks. The show and the pptx both
/// draw these pages.
pub fn agenda_pages(decks: &[Deck]) -> Vec<Vec<Vec<usize>>> {
    let mut pages: Vec<Vec<Vec<usize>>> = vec![Vec::new()];
    let mut lines = 0;
    let mut last_group: Option<*const crate::deck::GroupInfo> = None;
    for (i, d) in decks.iter().enumerate() {
        let gp = std::sync::Arc::as_ptr(&d.group);
        let new_group = last_group != Some(gp);
        if lines + usize::from(new_group) + 1 > AGENDA_LINES && lines > 0 {
            pages.push(Vec::new());
            lines = 0;
        }
        let Some(page) = pages.last_mut() else {
            continue;
        };
        if new_group || page.is_empty() {
            page.push(Vec::new());
            lines += 1;
            last_group = Some(gp);
        }
        if let Some(g) = page.last_mut() {
            g.push(i);
        }
        lines += 1;
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_titles() {
        assert_eq!(same_talk("Rust at Amazon", "rust at amazon!"), Some(true));
        assert_eq!(
            same_talk("Rust Adoption at Amazon", "Rust Adoptoin at Amazon"),
            Some(false)
        );
        assert_eq!(same_talk("Rust", "Dust"), None);
        for (a, b) in [
            ("Lightning Talks 1", "Lightning Talks 2"),
            ("Keynote Day 1", "Keynote Day 2"),
            ("Storm talk 9998", "Storm talk 99"),
            ("Lightning Talks I", "Lightning Talks II"),
            ("Keynote Day One", "Keynote Day Two"),
            ("Rust 2024 roadmap", "Rust 2023 roadmap"),
        ] {
            assert_eq!(same_talk(a, b), None, "{a} / {b}");
        }
        assert_eq!(
            same_talk("Lightning Talks 2", "Lightnign Talks 2"),
            Some(false)
        );
        assert_eq!(same_talk("Carbon", "Solona"), None);
    }

    #[test]
    fn name_lists() {
        assert_eq!(names(&["Ana"]), "Ana");
        assert_eq!(names(&["Ana", "Ben", "Cy"]), "Ana, Ben and Cy");
        assert_eq!(names(&[] as &[&str]), "");
    }

    #[test]
    fn talk_lines_come_off_the_talk() {
        let src = crate::source::SourceFile::new(
            "n.md",
            "## T\n\nby: Ben\nminutes: 12\n\n* point\n\n## U\n\nby the way: no\n\n## V\n\n[by: x](/u)\n",
        );
        let outline = crate::parse::parse(&src, &mut Vec::new());
        let talks = &outline.groups[0].talks;
        let mut d = Vec::new();
        let (rest, s) = talk_settings(&talks[0], &mut d, &src.path).expect("settings");
        assert_eq!(s.presenter.as_deref(), Some("Ben"));
        assert_eq!(s.minutes, Some(12));
        assert_eq!(rest.blocks.len(), talks[0].blocks.len() - 1);
        assert!(talk_settings(&talks[1], &mut d, &src.path).is_none());
        // A link is content, whatever its text says.
        assert!(talk_settings(&talks[2], &mut d, &src.path).is_none());
        assert!(d.is_empty());
    }
}
