//! Speakers around talk titles: `Title - Name`, `Title — Name`, `Title
//! (Name)`, `Name, Affiliation, *Title*`, `《Title》-Name`, `Title by Name`,
//! a `speaker:` line or an italic byline under the heading; and pure
//! numbering (`Talk 3 - `) taken off titles.

use super::text_inline;
use super::words;
use crate::outline::{Block, Inline, OtherKind, Talk};
use pulldown_cmark::{Event, Tag, TagEnd};

pub(super) const SPEAKER_KEYS: &[&str] = &[
    "speaker",
    "speakers",
    // `presenter:` and `by:` name the teammate who noted the talk (recap).
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
pub(super) fn name_like(s: &str) -> bool {
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

/// A person's name of `min_words` words or more, none of them a word
/// that ends titles (`Best Practices`, `Code`).
pub(super) fn person_named(p: &str, min_words: usize) -> bool {
    name_like(p)
        && p.split_whitespace().count() >= min_words
        && !p.split_whitespace().any(|w| NOT_NAMES.contains(&w))
}

/// A name written in Han or Hangul: one word of two to four characters.
fn cjk_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=4).contains(&n)
        && s.chars()
            .all(|c| matches!(c as u32, 0x4E00..=0x9FFF | 0xAC00..=0xD7AF))
}

/// Whether a line names a speaker beside a title.
pub fn names_speaker(t: &str) -> bool {
    split_title(t).is_some()
        || hyphen_speaker(t).is_some()
        || speaker_before(t, false).is_some()
        || paren_lead(t).is_some()
}

/// `张亮（京东金融）Title`, `吴晟（SkyWalking 创始人），Title`, `Ana Lima
/// (Acme): Title`: a name, who they are in brackets, then the title.
pub(super) fn paren_lead(t: &str) -> Option<(String, String)> {
    let t = t.trim();
    let (open, close) = if t.contains('（') {
        ('（', '）')
    } else {
        ('(', ')')
    };
    let at = t.find(open)?;
    let end = at + t[at..].find(close)?;
    let name = t[..at].trim();
    let role = t[at + open.len_utf8()..end].trim();
    let after = t[end + close.len_utf8()..].trim_start();
    // (`진겸(Festa) & 김지훈(Festa) / Title`: two people, each with theirs.)
    let cjk_names = |n: &str| {
        n.split([',', '、', '&'])
            .all(|p| cjk_name(p.trim()) && p.trim().chars().count() <= 3)
    };
    if let Some(more) = after.strip_prefix(['&', ',', '、']) {
        if cjk_names(name) {
            let (title, other) = paren_lead(more)?;
            return Some((title, format!("{name} & {other}")));
        }
    }
    let title = after
        .trim_start_matches(['，', ',', '：', ':', '-', '—', '–', '/', '|', ' '])
        .trim();
    // (A Latin name only before a colon: `Clean Architecture (in Android)
    // Revised` is a title.)
    // (`架构演进（上）：…` is a title in parts; `Swift UI (Apple):` a
    // product, `Jetpack Compose (in Android):` a title.)
    let named = cjk_names(name)
        || ((after.starts_with(':') || after.starts_with("/ "))
            && person_named(name, 2)
            && !role.starts_with(char::is_lowercase)
            && !name
                .split_whitespace()
                .any(|w| NOT_NAMES.contains(&w) || in_capitals(w)));
    (named
        && role.chars().count() >= 2
        && role.chars().count() <= 40
        && !title.is_empty()
        && words::title_like(title))
    .then(|| (title.to_string(), name.to_string()))
}

/// `Talk 3 - Title - Name`, `Title — Name`, `Title (Name)`, `Title [Name]`:
/// the clean title and the speaker.
pub(super) fn split_title(title: &str) -> Option<(String, String)> {
    // No-break spaces typed around a dash are spaces.
    let t = title.replace('\u{a0}', " ");
    let t = t.trim();
    for sep in [" - ", " – ", " — "] {
        if !may_hold(t, sep) {
            continue;
        }
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
        if let Some((head, name)) = rsplit_once_in(t, sep) {
            let first = first_person(name);
            let named = name_like(name.trim()) || person_named(first, 2);
            // (`Berlin Tech Events — April` is dated, not given.)
            if named && !words::calendar_word(name) && !head.trim().is_empty() {
                return Some((head.trim().to_string(), name.trim().to_string()));
            }
        }
    }
    // `Title | Name`: a pipe before two words or more of a name.
    if let Some((head, name)) = rsplit_once_in(t, " | ") {
        let first = first_person(name);
        if person_named(first, 2) && !head.trim().is_empty() {
            return Some((head.trim().to_string(), name.trim().to_string()));
        }
    }
    // `Title (Speaker: Name)`, `Title（演讲者：Name）`: the key says who,
    // whatever the name looks like.
    for (open, close) in [('(', ')'), ('[', ']'), ('（', '）'), ('【', '】')] {
        if let Some(inner) = t.strip_suffix(close) {
            if let Some(at) = inner.rfind(open) {
                let head = inner[..at].trim();
                if let Some(name) = speaker_line(&inner[at + open.len_utf8()..]) {
                    // (`Q&A (Speaker: Name)` is a part; `(speaker: me,
                    // audience: juniors)`, `(speaker: whoever is free)` a
                    // note, not a name.)
                    let named =
                        !name.contains([':', '：']) && !name.starts_with(char::is_lowercase);
                    if !head.is_empty() && named && words::classify(head) == words::Class::Plain {
                        return Some((head.to_string(), name));
                    }
                }
            }
        }
    }
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(inner) = t.strip_suffix(close) {
            if let Some(at) = inner.rfind(open) {
                let (head, name) = (inner[..at].trim(), inner[at + 1..].trim());
                // One capitalised word in brackets is a company (`(Google)`);
                // `(Name, Company)` names the person first.
                let first = first_person(name);
                // (`Kết Luận (Key Takeaways)`: a heading's translation.)
                // (No space before the bracket after a title in CJK
                // script, `プロファイラの実装(Yusuke Miyazaki)`.)
                let spaced = inner[..at].ends_with(' ')
                    || inner[..at].chars().last().is_some_and(|c| !c.is_ascii());
                // (`(Bottega IT Minds)`, `(Architectures II)`: a company
                // or a track, a word in capitals, unless all is.)
                let shouted = !t.chars().any(char::is_lowercase);
                if !head.is_empty()
                    && person_named(first, 2)
                    && (shouted || !first.split_whitespace().any(in_capitals))
                    && spaced
                    && words::classify(name) == words::Class::Plain
                {
                    return Some((head.to_string(), name.to_string()));
                }
            }
        }
    }
    None
}

/// The first person of `Name (Company), Name & Name`. (Not split at
/// `and` or `/`: `Combining Human and Token Intelligence` is no list.)
fn first_person(s: &str) -> &str {
    let first = person(s.split([',', '&', ';']).next().unwrap_or(s));
    // `Océane Gillard et Patrick Martin`: two people joined by a word
    // other languages capitalise no title with (English `and` stays: see
    // above).
    for and in [
        " et ", " und ", " y ", " e ", " en ", " og ", " och ", " i ",
    ] {
        if let Some((a, b)) = split_once_in(first, and) {
            if person_named(a.trim(), 2) && person_named(person(b), 2) {
                return a.trim();
            }
        }
    }
    first
}

/// `Name, Affiliation, *Title*`: the title in emphasis after the speaker.
pub(super) fn speaker_first(title: &Inline) -> Option<(String, String)> {
    let ev = &title.events;
    let open = ev
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Emphasis)))?;
    let close = ev
        .iter()
        .rposition(|e| matches!(e, Event::End(TagEnd::Emphasis)))?;
    if close + 1 < ev.len() && !super::plain_text(&ev[close + 1..]).trim().is_empty() {
        return None;
    }
    let before = super::plain_text(&ev[..open]);
    let before = before
        .trim()
        .trim_end_matches([',', ':', '-', '–', '—'])
        .trim();
    let name = before.split(',').next().unwrap_or("").trim();
    let inner = super::plain_text(&ev[open + 1..close]);
    (name_like(name) && !inner.trim().is_empty())
        .then(|| (inner.trim().to_string(), before.to_string()))
}

/// Words that end titles, never names (`Error Handling - Best Practices`).
pub(super) const NOT_NAMES: &[&str] = &[
    "Best",
    "Worst",
    // Labels of a line of notes (`**Favourite Quote**: _…_`).
    "Quote",
    "Quotes",
    "Favourite",
    "Favorite",
    "Highlight",
    "Highlights",
    "Practices",
    "Parts",
    "Guide",
    "Tips",
    "Tricks",
    "Lessons",
    "Talk",
    "Talks",
    "Session",
    "Notes",
    "Day",
    "Learned",
    "Future",
    "Past",
    "Edition",
    "Update",
    "Updates",
    "Overview",
    "Introduction",
    "Intro",
    "Deep",
    "Dive",
    "Revisited",
    "Explained",
    "Basics",
    "Beyond",
    "Reloaded",
    "Redux",
    "Today",
    "World",
    "Web",
    "Story",
    "Stories",
    "Case",
    "Study",
    "Why",
    "How",
    "What",
    "And",
    "Or",
    "For",
    "With",
    // Prepositions a title goes on with (`- Inside Droonga`).
    "Inside",
    "Into",
    "Under",
    "Behind",
    "Through",
    "Across",
    "Towards",
    "Within",
    "Without",
    "Edge",
    "Scale",
    "Production",
    "Patterns",
    "Keynote",
    "Panel",
    "Workshop",
    // Rooms and stages, which schedules put after a pipe.
    "Room",
    "Hall",
    "Stage",
    "Track",
    "Main",
    "Auditorium",
    "Theater",
    "Theatre",
    "Q&A",
    // Subjects of talks, never parts of a person's name.
    "Code",
    "Data",
    "Python",
    "Software",
    "Systems",
    "Cloud",
    "Security",
    "Testing",
];

/// `《Title》-Name`, `基調講演「Title」ー Name`: a title in book-title or
/// corner marks (perhaps after a short label, a kind of talk), the speaker
/// after it, after a dash (`《》` may go without one).
fn marked_title(t: &str) -> Option<(String, String)> {
    const DASHES: [char; 8] = ['-', '－', '—', '–', '―', 'ー', '~', '〜'];
    let t = t.trim();
    for (open, close) in [('《', '》'), ('「', '」'), ('『', '』')] {
        let Some(at) = t.find(open) else {
            continue;
        };
        let label = t[..at].trim();
        if label.chars().count() > 10 {
            return None;
        }
        // The mark closing the first one: titles quote words (`「べき等性」`).
        let mut depth = 0usize;
        let end = t[at..].char_indices().find_map(|(i, c)| {
            if c == open {
                depth += 1;
            } else if c == close {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(at + i);
                }
            }
            None
        })?;
        let title = t[at + open.len_utf8()..end].trim();
        let after = t[end + close.len_utf8()..].trim();
        let dashed = after.starts_with(DASHES);
        let name = after.trim_start_matches(DASHES).trim();
        let bare = open == '《' && label.is_empty();
        let ok = !title.is_empty()
            && !name.is_empty()
            && name.chars().count() <= 40
            && !name.contains([open, close])
            && (dashed || bare);
        return ok.then(|| (title.to_string(), name.to_string()));
    }
    None
}

/// `Title - First Last`: a speaker of two words or more after a hyphen.
pub(super) fn hyphen_speaker(t: &str) -> Option<(String, String)> {
    let t = &t.replace('\u{a0}', " ");
    if let Some(split) = marked_title(t) {
        return Some(split);
    }
    // `Title by Name`, `Title by 河瀨 翔吾`, `Titre par Nom`. (Not after
    // `by` a dash: `Design by Contract - Name` names its speaker there.)
    // (`Title. By: Name`, `Title. By Name`: a byline after the title's
    // full stop.)
    if let Some((head, name)) = [". By: ", ". By ", " by: ", " by ", " par ", " por "]
        .iter()
        .find_map(|b| rsplit_once_in(t, b))
        .filter(|(_, n)| !n.contains(" - ") && !n.contains(" – "))
    {
        let name = name.trim();
        let cjk = |w: &str| {
            (1..=8).contains(&w.chars().count())
                && w.chars().all(
                    |c| matches!(c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF),
                )
        };
        let words = name.split_whitespace().count();
        // `by Brad & Ian Frost`: every one named, two words at least.
        let people = name
            .split([',', '&'])
            .map(str::trim)
            .all(|p| !p.is_empty() && name_like(person(p)));
        // (A name starts with a capital: `par la pratique` is none.)
        let capital = name.chars().next().is_some_and(char::is_uppercase);
        let named = (people && capital && words >= 2 && person_named(first_person(name), 1))
            || ((1..=3).contains(&words) && name.split_whitespace().all(cjk));
        let head = head.trim().trim_end_matches([',', '.']).trim();
        if named && !head.is_empty() {
            return Some((head.to_string(), name.to_string()));
        }
    }
    // `Title - Name -`, `Title -Name-`: a name between dashes at the end.
    let t = t.trim().trim_end_matches(['-', ' ']);
    let (head, name) = rsplit_once_in(t, " - ").or_else(|| rsplit_once_in(t, " -"))?;
    let name = name.trim();
    if cjk_name(name) && !head.trim().is_empty() {
        return Some((head.trim().to_string(), name.to_string()));
    }
    // `Title - Name, Role, Company`, `Title - Name (Company)`: the name is
    // the first person.
    let person = first_person(name);
    (person_named(person, 2) && !head.trim().is_empty())
        .then(|| (head.trim().to_string(), name.to_string()))
}

/// `Title [DEV315]`, `Title (ARC401-R1)`: a session code in brackets at
/// the end, three to five capitals and three or four digits (not
/// `(ES2015)`, `(HTML5)`). The title, and the code as typed.
fn session_code(t: &str) -> Option<(String, String)> {
    let t = t.trim();
    let close = t.chars().last().filter(|c| matches!(c, ']' | ')'))?;
    let open = if close == ']' { '[' } else { '(' };
    let at = t.rfind(open)?;
    let code = &t[at + 1..t.len() - 1];
    let (code_part, suffix) = code.split_once('-').unwrap_or((code, ""));
    let letters = code_part
        .chars()
        .take_while(char::is_ascii_uppercase)
        .count();
    let digits = &code_part[letters..];
    let coded = (3..=5).contains(&letters)
        && (3..=4).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && suffix.len() <= 3
        && suffix.chars().all(|c| c.is_ascii_alphanumeric());
    let head = t[..at].trim();
    (coded && head.chars().any(char::is_alphabetic))
        .then(|| (head.to_string(), t[at..].to_string()))
}

/// `11:00`, `9:45am`, `14h30`, `10:00-10:30`: a time of day at the start
/// of `s`; its length in bytes.
fn time_prefix(s: &str) -> Option<usize> {
    fn one(s: &str) -> Option<usize> {
        let b = s.as_bytes();
        let hours = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=2).contains(&hours) || !matches!(b.get(hours), Some(b':' | b'h')) {
            return None;
        }
        let mins = &b[hours + 1..];
        let two = mins.len() >= 2 && mins[..2].iter().all(u8::is_ascii_digit);
        let after_digit = mins.get(2).is_some_and(u8::is_ascii_digit);
        let (h, m) = (s[..hours].parse::<u8>().ok()?, s.get(hours + 1..hours + 3)?);
        if !two || after_digit || h > 23 || m.parse::<u8>().ok()? > 59 {
            return None;
        }
        let mut end = hours + 3;
        let rest = s[end..].trim_start_matches(' ');
        let lower = rest.get(..2).map(str::to_ascii_lowercase);
        if matches!(lower.as_deref(), Some("am" | "pm"))
            && !rest[2..].starts_with(|c: char| c.is_alphanumeric())
        {
            end = s.len() - rest.len() + 2;
        }
        Some(end)
    }
    let first = one(s)?;
    let rest = &s[first..];
    let dash = rest.trim_start_matches(' ');
    for sep in ['-', '–', '—', '~'] {
        if let Some(to) = dash.strip_prefix(sep) {
            let to = to.trim_start_matches(' ');
            if let Some(n) = one(to) {
                return Some(s.len() - to.len() + n);
            }
        }
    }
    Some(first)
}

/// A schedule time typed into a title (`11:00 Name - Title`, `Title
/// (10:35am)`): the title without it, and the time.
pub(super) fn split_time(t: &str) -> Option<(String, String)> {
    // (`~ 15:15 Title`: about then.)
    let t = t.trim().trim_start_matches(['~', '～', ' ']);
    if let Some(n) = time_prefix(t) {
        let rest = t[n..].trim_start_matches([' ', '-', '–', '—', ':', '|', ',', '·', '~', '～']);
        if rest.chars().any(char::is_alphabetic) {
            return Some((rest.trim().to_string(), t[..n].trim().to_string()));
        }
    }
    let inner = t.strip_suffix(')')?;
    let at = inner.rfind('(')?;
    let time = inner[at + 1..].trim();
    let head = inner[..at].trim();
    (time_prefix(time) == Some(time.len()) && head.chars().any(char::is_alphabetic))
        .then(|| (head.to_string(), time.to_string()))
}

/// `15:15 Title`, `~ 15:15 Title`: a time of day opens the line.
pub(super) fn opens_with_time(t: &str) -> bool {
    time_prefix(t.trim().trim_start_matches(['~', '～', ' '])).is_some()
}

/// `Name - Title`: the speaker before the first hyphen, when that part is
/// a name and the rest is not. Split so only when most talks of a group
/// are typed that way (`Rust Belt - The Good Parts` alone stays a title);
/// among those, `lenient` also takes `Panel - Title` and `Name - Git Fu`.
pub(super) fn speaker_before(t: &str, lenient: bool) -> Option<(String, String)> {
    let (name, title) = split_once_in(t, " - ")
        .or_else(|| split_once_in(t, " – "))
        .or_else(|| split_once_in(t, " — "))
        .or_else(|| split_once_in(t, " | "))?;
    let (name, title) = (name.trim(), title.trim());
    let person = name.split(',').next().unwrap_or(name).trim();
    // (`Big Picture – async is still hard` is a lead-in, not a speaker.)
    let strict =
        || person_named(person, 2) && !name_like(title) && !title.starts_with(char::is_lowercase);
    (name_like(person) && !title.is_empty() && (lenient || strict()))
        .then(|| (title.to_string(), name.to_string()))
}

/// `Title:` (or `Title - Name:`): the colon leads into the notes, it is
/// not the title's. (`Re::` and a colon alone stay.)
fn without_colon(t: &str) -> Option<&str> {
    let t = t.trim_end();
    let bare = t.strip_suffix([':', '：'])?;
    (!bare.trim().is_empty() && !bare.ends_with(':')).then_some(bare)
}

/// The span around a title that is wholly one link, bold or italic span
/// holding only text: its opening and closing events.
fn wrapped(title: &Inline) -> Option<(Event<'static>, Event<'static>)> {
    match title.events.as_slice() {
        [open @ Event::Start(Tag::Link { .. } | Tag::Strong | Tag::Emphasis), Event::Text(_), close @ Event::End(TagEnd::Link | TagEnd::Strong | TagEnd::Emphasis)] => {
            Some((open.clone(), close.clone()))
        }
        _ => None,
    }
}

/// Whether most talks of a group name their speaker first (`Name -
/// Title`) rather than last (`Title - Name`).
pub(super) fn speakers_first<'a>(talks: impl Iterator<Item = &'a Talk>) -> bool {
    let (mut first, mut last) = (0, 0);
    for t in talks {
        let plain = t.title.events.iter().all(|e| matches!(e, Event::Text(_)));
        if !plain && wrapped(&t.title).is_none() {
            continue;
        }
        let title = split_time(&t.title.text).map_or(t.title.text.clone(), |(title, _)| title);
        let title = undecorated(&title);
        let title = without_colon(title).unwrap_or(title);
        match (speaker_before(title, false), hyphen_speaker(title)) {
            (Some(_), None) => first += 1,
            (None, Some(_)) => last += 1,
            _ => {}
        }
    }
    first >= 2 && first > last
}

/// A title with markup, the lead `rest_of` reads (numbering, an icon)
/// taken off the text it starts with.
fn without_lead(title: &Inline, rest_of: impl Fn(&str) -> Option<&str>) -> Option<Inline> {
    let text = title.text.trim_end();
    let rest = rest_of(text)?;
    let cut = text.len().checked_sub(rest.len())?;
    let Some(Event::Text(first)) = title.events.first() else {
        return None;
    };
    let first = first.trim_start();
    let lead = text.len() - text.trim_start().len();
    let tail = first.get(cut.checked_sub(lead)?..)?;
    let mut events = title.events.clone();
    if tail.trim().is_empty() {
        events.remove(0);
    } else {
        events[0] = Event::Text(tail.to_string().into());
    }
    Some(Inline {
        events,
        text: rest.to_string(),
    })
}

/// The text after an icon in front (`🎤 `).
fn after_icon(t: &str) -> Option<&str> {
    let bare = t
        .trim_start()
        .trim_start_matches(|c: char| words::pictograph(c) || c.is_whitespace());
    (bare.len() < t.trim_start().len() && !bare.is_empty()).then_some(bare)
}

/// A title without the icon and numbering in front of it (`🎤 1. Title`).
fn undecorated(title: &str) -> &str {
    let bare = after_icon(title).unwrap_or(title).trim();
    words::strip_label(bare)
        .or_else(|| words::strip_number(bare))
        .unwrap_or(bare)
}

/// How the talks of one file are typed, read from all of them at once.
pub(super) struct Typed {
    /// `Name - Title` rather than `Title - Name`.
    pub name_first: bool,
    /// Most titles end in a bare `@handle` (`Title @name`): there it is a
    /// speaker, not code (`SwiftUI @State`).
    pub handles: bool,
    /// Most talks are `## Name` over a `**Title**` line (two at least):
    /// there the heading is the speaker, not a Title Case topic.
    pub names_over_titles: bool,
    /// Two talks or more are `Kind - Title` of three words or more (`Talk
    /// court - Tout ce dont votre package a besoin`): there what follows a
    /// kind of talk is a title (`Talk court - Doc Busters`), not a speaker.
    pub labels_over_titles: bool,
    /// Two talks or more are `# Name` right over `## Title`: there the
    /// heading under a name is the title.
    pub names_over_headings: bool,
}

/// A paragraph of links or images and nothing else (`[Slides](…) ·
/// [Video](…)`), or speaker notes.
pub(super) fn links_only(b: &Block) -> bool {
    if matches!(b, Block::Notes { .. }) {
        return true;
    }
    let Some(events) = b.paragraph() else {
        return false;
    };
    let mut depth = 0usize;
    events.iter().all(|e| match e {
        Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
            depth += 1;
            true
        }
        Event::End(TagEnd::Link | TagEnd::Image) => {
            depth = depth.saturating_sub(1);
            true
        }
        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) | Event::SoftBreak => true,
        Event::Text(t) => depth > 0 || t.trim().chars().all(|c| " |·•,-–".contains(c)),
        _ => depth > 0,
    })
}

/// What a title ends with in brackets: `Title (Inner)`.
pub(super) fn bracket_tail(t: &str) -> Option<(&str, &str)> {
    let (head, inner) = t.trim().strip_suffix(')')?.rsplit_once(" (")?;
    (!head.trim().is_empty()).then(|| (head.trim(), inner.trim()))
}

impl Typed {
    pub fn of<'a>(talks: impl Iterator<Item = &'a Talk> + Clone) -> Typed {
        let (mut n, mut handles, mut named, mut headed) = (0usize, 0usize, 0usize, 0usize);
        let mut labelled = 0usize;
        for t in talks.clone() {
            n += 1;
            labelled += usize::from(
                words::kind_label(after_icon(&t.title.text).unwrap_or(&t.title.text))
                    .is_some_and(|(_, title)| title.split_whitespace().count() >= 3),
            );
            handles += usize::from(handle_tail(&t.title.text).is_some());
            match name_over_title(t) {
                Some((_, _, true)) => headed += 1,
                Some(_) => named += 1,
                None => {}
            }
        }
        Typed {
            name_first: speakers_first(talks),
            handles: handles >= 3 && handles * 2 >= n,
            names_over_titles: named >= 2 && named * 2 >= n,
            labels_over_titles: labelled >= 2,
            names_over_headings: headed >= 2,
        }
    }
}

/// A talk headed by people's names whose first block is one bold line
/// that reads as a title (not `**Background**`), or a heading right under
/// it: where that line is, the title, and whether it is a heading.
fn name_over_title(t: &Talk) -> Option<(usize, String, bool)> {
    let text = undecorated(&t.title.text);
    let plain = t.title.events.iter().all(|e| matches!(e, Event::Text(_)));
    if !plain || !names_people(text) || text.contains(" by ") {
        return None;
    }
    let i = t
        .blocks
        .iter()
        .position(|b| !matches!(b, Block::Notes { .. }))?;
    let plain_title = |title: &str| words::classify(title) == words::Class::Plain;
    if let Block::Heading { title, lines, .. } = &t.blocks[i] {
        let right_under = lines.start <= t.line + 1;
        return (right_under && plain_title(&title.text) && !names_people(&title.text))
            .then(|| (i, title.text.trim().to_string(), true));
    }
    match bold_first_line(&t.blocks[i]).or_else(|| italic_line(&t.blocks[i])) {
        Some((title, None)) if plain_title(&title) => Some((i, title, false)),
        Some(_) => None,
        None => plain_first_line(&t.blocks[i], t.line)
            .filter(|title| plain_title(title) && !names_people(title))
            .map(|title| (i, title, false)),
    }
}

/// A plain title line right under a heading, over a line or two more (its
/// slides, the speaker's affiliation): `### Name` / `Title` / `Slides: …`.
fn plain_first_line(b: &Block, heading: u32) -> Option<String> {
    let events = b.paragraph()?;
    if b.lines().start > heading + 1 {
        return None;
    }
    let inner = events.get(1..events.len().saturating_sub(1))?;
    let breaks: Vec<usize> = (0..inner.len())
        .filter(|&k| matches!(inner[k], Event::SoftBreak | Event::HardBreak))
        .collect();
    let first = &inner[..*breaks.first()?];
    let title = super::plain_text(first).trim().to_string();
    let sentence = title.ends_with(['.', ',', ';', ':']);
    // (Under it, a link: the talk's slides or video. A person's page in a
    // team's notes has none.)
    let linked = inner[breaks[0]..].iter().any(|e| {
        matches!(e, Event::Start(Tag::Link { .. }))
            || matches!(e, Event::Text(t) if t.contains("://"))
    });
    (breaks.len() <= 2
        && linked
        && first.iter().all(|e| matches!(e, Event::Text(_)))
        && !sentence
        && title.split_whitespace().count() >= 3
        && words::title_like(&title))
    .then_some(title)
}

/// A paragraph that is one italic span on one line, `*Title*`: under a
/// name, the talk's title as a subtitle.
fn italic_line(b: &Block) -> Option<(String, Option<String>)> {
    let events = b.paragraph()?;
    let inner = events.get(1..events.len().saturating_sub(1))?;
    let one_span = matches!(inner.first(), Some(Event::Start(Tag::Emphasis)))
        && matches!(inner.last(), Some(Event::End(TagEnd::Emphasis)))
        && inner
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    Event::Start(Tag::Emphasis) | Event::SoftBreak | Event::HardBreak
                )
            })
            .count()
            == 1;
    let title = super::plain_text(inner).trim().to_string();
    let sentence = title.ends_with(['.', '!', ',', ';', ':']);
    (one_span && !title.is_empty() && !sentence && title.chars().count() <= 120)
        .then_some((title, None))
}

/// The first four lines of a paragraph's events, as plain text, trimmed:
/// where a speaker line may stand.
pub(super) fn first_lines<'a>(events: &'a [Event]) -> impl Iterator<Item = String> + 'a {
    events
        .split(|e| matches!(e, Event::SoftBreak | Event::HardBreak))
        .take(4)
        .map(|l| super::plain_text(l).trim().to_string())
}

/// A speaker line among a paragraph's first lines.
pub(super) fn speaker_in_first_lines(events: &[Event]) -> Option<String> {
    first_lines(events)
        .find_map(|l| speaker_line(&l))
        .or_else(|| keyed_link(events))
}

/// `講者 [Name](profile) 介紹了…`: a paragraph opening with a speaker
/// key, no colon, then the name as a link.
fn keyed_link(events: &[Event]) -> Option<String> {
    let mut ev = events
        .iter()
        .skip_while(|e| matches!(e, Event::Start(Tag::Paragraph)));
    let (Some(Event::Text(key)), Some(Event::Start(Tag::Link { .. }))) = (ev.next(), ev.next())
    else {
        return None;
    };
    if !SPEAKER_KEYS.contains(&key.trim().to_lowercase().as_str()) {
        return None;
    }
    let name: Vec<Event> = ev
        .take_while(|e| !matches!(e, Event::End(TagEnd::Link)))
        .cloned()
        .collect();
    let name = super::plain_text(&name).trim().to_string();
    (!name.is_empty() && name.chars().count() <= 60).then_some(name)
}

/// `Speaker: Name`, `登壇者：Name`: the name on a speaker line.
pub(super) fn speaker_line(line: &str) -> Option<String> {
    let k = line.find([':', '：'])?;
    let key = line[..k].trim().to_lowercase();
    let colon = line[k..].chars().next().map_or(1, char::len_utf8);
    let name = line[k + colon..].trim();
    (SPEAKER_KEYS.contains(&key.as_str()) && !name.is_empty()).then(|| name.to_string())
}

/// `by Name` (a whole name, not `By Friday, …`) or `Speaker: Name`: the
/// line under a title that names who gave it.
pub(super) fn by_line(line: &str) -> Option<String> {
    let t = line.trim();
    match t.strip_prefix("by ").or_else(|| t.strip_prefix("By ")) {
        Some(r) if names_people(r) && words::title_like(r) => Some(r.trim().to_string()),
        Some(_) => None,
        None => speaker_line(t),
    }
}

/// `(Dave Farley)`, `(Ana Lima, @ana)`, `(René und Bjørn)`: a line that is
/// only people's names in brackets, under a talk's heading. The names.
pub(super) fn bracketed_byline(line: &str) -> Option<String> {
    let inner = line.trim().strip_prefix('(')?.strip_suffix(')')?.trim();
    if inner.contains(['(', ')']) || inner.chars().count() > 120 {
        return None;
    }
    // People joined by a word (`René und Bjørn`), split like the commas.
    const JOINS: [&str; 5] = [" und ", " and ", " et ", " y ", " e "];
    let joined = inner.contains('&') || JOINS.iter().any(|j| inner.contains(j));
    let mut spaced = inner.to_string();
    for j in JOINS {
        spaced = spaced.replace(j, ",");
    }
    // Handles beside a name are the same person.
    let parts: Vec<String> = spaced
        .split([',', '&', ';'])
        .map(|p| {
            p.split_whitespace()
                .filter(|w| !w.starts_with('@'))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect();
    // (First names alone only joined as people are: `(Berlin, Germany)`
    // and `(Keynote, Main Stage)` name no one.)
    let named = parts.iter().all(|p| name_like(p))
        && (parts.iter().any(|p| person_named(p, 2)) || (parts.len() >= 2 && joined));
    named.then(|| inner.to_string())
}

/// A paragraph opening with a bold line (`**Title**  ` then `Name | Role`):
/// that title, and the one short line after it, if that is all.
fn bold_first_line(b: &Block) -> Option<(String, Option<String>)> {
    let events = b.paragraph()?;
    let inner = events.get(1..events.len().saturating_sub(1))?;
    if !matches!(inner.first(), Some(Event::Start(Tag::Strong))) {
        return None;
    }
    let close = inner
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Strong)))?;
    let title = super::plain_text(&inner[1..close]).trim().to_string();
    let after = &inner[close + 1..];
    let rest = match after.first() {
        None => None,
        Some(Event::SoftBreak | Event::HardBreak) => {
            let line = super::plain_text(&after[1..]).trim().to_string();
            let one = after[1..].iter().all(|e| matches!(e, Event::Text(_)));
            if !one || line.is_empty() || line.chars().count() > 80 {
                return None;
            }
            Some(line)
        }
        _ => return None,
    };
    (!title.is_empty()).then_some((title, rest))
}

/// The title a one-line block under a time slot gives: the line when it
/// is wholly one link (kept around the title), or a quote of a few words.
fn slot_title(b: &Block) -> Option<Inline> {
    let Block::Other {
        events,
        kind: OtherKind::Paragraph | OtherKind::Quote,
        lines,
        ..
    } = b
    else {
        return None;
    };
    if lines.start != lines.end {
        return None;
    }
    let quote = matches!(events.first(), Some(Event::Start(Tag::BlockQuote(_))));
    let inner: Vec<Event<'static>> = events
        .iter()
        .filter(|e| {
            !matches!(
                e,
                Event::Start(Tag::Paragraph | Tag::BlockQuote(_))
                    | Event::End(TagEnd::Paragraph | TagEnd::BlockQuote(_))
            )
        })
        .cloned()
        .collect();
    let title = super::inline(inner);
    let words = title.text.split_whitespace().count();
    let plain = title.events.iter().all(|e| matches!(e, Event::Text(_)));
    let link = matches!(wrapped(&title), Some((Event::Start(Tag::Link { .. }), _)));
    (words > 0 && (link || (quote && plain && words <= 12))).then_some(title)
}

/// Moves the speaker out of the title or the first line under it, and
/// what only frames a title (a schedule time, a bare kind of talk over the
/// real title) out of it. Numbering (`A. Title`) stays: the schedule's.
pub(super) fn find_speaker(t: &mut Talk, typed: &Typed) {
    // Kept as notes of the talk's title slide: nothing typed is lost.
    let mut kept: Vec<String> = Vec::new();
    if let Some(Event::Text(last)) = t.title.events.last_mut() {
        if let Some(bare) = without_colon(last) {
            *last = bare.to_string().into();
            t.title.text = super::plain_text(&t.title.events).trim().to_string();
        }
    }
    // `#### **Title**<br><small>By Name, Company</small>`: a heading broken
    // by HTML is its title over a subtitle, the speaker when it names one.
    // (Anything else after the break stays in the title, as typed.)
    if let Some(br) = t.title.events.iter().position(super::is_line_break_html) {
        let tail: Vec<String> = t.title.events[br + 1..]
            .split(super::is_line_break_html)
            .map(|l| super::plain_text(l).trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        let tail = tail.join(", ");
        let head = t.title.events[..br].to_vec();
        let text = super::plain_text(&head).trim().to_string();
        // (`By` says so even when the names are not read as names.)
        let by = byline(&tail).or_else(|| by_line(&tail)).or_else(|| {
            BY.iter()
                .find_map(|b| tail.strip_prefix(b))
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty() && r.chars().count() <= 200)
        });
        if let (Some(by), false, None) = (by, text.is_empty(), &t.speaker) {
            t.title = Inline { events: head, text };
            t.speaker = Some(by);
        }
    }
    let plain = t.title.events.iter().all(|e| matches!(e, Event::Text(_)));
    if plain {
        let text = t.title.text.trim().to_string();
        // `## Jane Müller` over `**Forecasting with uncertainty**`: the
        // heading names the speaker, the bold line is the title.
        if typed.names_over_titles || typed.names_over_headings {
            if let Some((i, title, _)) = name_over_title(t).filter(|(_, _, heading)| {
                if *heading {
                    typed.names_over_headings
                } else {
                    typed.names_over_titles
                }
            }) {
                t.title = text_inline(&title);
                // A plain title line leaves the lines under it.
                let b = t.blocks.remove(i);
                if b.paragraph()
                    .is_some_and(|e| super::plain_text(e).trim() != title)
                {
                    if let Some(rest) = super::without_first_line(b) {
                        t.blocks.insert(i, rest);
                    }
                }
                t.speaker = Some(undecorated(&text).to_string());
                insert_notes(t, kept);
                return;
            }
        }
        if let Some((title, time)) = split_time(&text) {
            t.title = text_inline(&title);
            kept.push(time);
        } else if time_prefix(&text)
            .is_some_and(|n| text[n..].trim_matches([' ', '~', '-', '–', '—']).is_empty())
        {
            // `### 09:20 ~ 09:40` over `**Title**` and `Name | Role`.
            let first = t
                .blocks
                .iter()
                .position(|b| !matches!(b, Block::Notes { .. }));
            if let Some((i, (title, by))) =
                first.and_then(|i| bold_first_line(&t.blocks[i]).map(|x| (i, x)))
            {
                t.title = text_inline(&title);
                t.blocks.remove(i);
                kept.push(text);
                if let Some(by) = by {
                    t.speaker = Some(by);
                    insert_notes(t, kept);
                    return;
                }
            } else if let Some((i, title)) =
                first.and_then(|i| slot_title(&t.blocks[i]).map(|x| (i, x)))
            {
                // `## 11:15 ~ 12:00` over `[Title](slides.pdf)` or `> KEYNOTE`.
                t.title = title;
                t.blocks.remove(i);
                kept.push(text);
            }
        }
        // `# Keynote` right over `## The Magic of Rails`, nothing between:
        // that heading is the title.
        let bare_kind = words::only_talk_kind(&t.title.text);
        if bare_kind {
            let first = t
                .blocks
                .iter()
                .position(|b| !matches!(b, Block::Notes { .. }));
            if let Some(i) = first {
                if let Block::Heading { title, lines, .. } = &t.blocks[i] {
                    let right_under = lines.start <= t.line + 2;
                    if right_under && words::classify(&title.text) == words::Class::Plain {
                        kept.push(t.title.text.trim().to_string());
                        t.title = title.clone();
                        t.blocks.remove(i);
                    }
                }
            }
        }
    }
    // A catalogue's session code (`Title [DEV315]`) is no part of what a
    // person calls the talk: it goes to the notes, after the speaker is read.
    if t.title.events.iter().all(|e| matches!(e, Event::Text(_))) {
        if let Some((title, code)) = session_code(&t.title.text) {
            t.title = text_inline(&title);
            kept.push(code);
        }
    }
    speaker_of(t, typed);
    unquote(t);
    if t.speaker.is_none() {
        t.speaker = speaker_section(&t.blocks);
    }
    insert_notes(t, kept);
}

/// A `## Speaker` section whose first line names people: the speaker. (The
/// section stays in the notes.)
fn speaker_section(blocks: &[Block]) -> Option<String> {
    let at = blocks.iter().position(|b| {
        matches!(b, Block::Heading { title, .. }
            if SPEAKER_KEYS.contains(&title.text.trim().trim_end_matches(':').to_lowercase().as_str()))
    })?;
    let first = first_lines(blocks.get(at + 1)?.paragraph()?).next()?;
    names_people(&first).then_some(first)
}

/// `"Typing at scale"` (or `“…”`, `«…»`, `「…」`): a title quoted whole, as a
/// schedule names it, is said without its quotes.
fn unquote(t: &mut Talk) {
    if !t.title.events.iter().all(|e| matches!(e, Event::Text(_))) {
        return;
    }
    let text = t.title.text.trim();
    for (open, close) in [
        ('"', '"'),
        ('“', '”'),
        ('«', '»'),
        ('「', '」'),
        ('『', '』'),
    ] {
        let inner = text
            .strip_prefix(open)
            .and_then(|r| r.strip_suffix(close))
            .map(|r| r.trim_matches(['\u{a0}', ' ']));
        if let Some(inner) = inner {
            if !inner.is_empty() && !inner.contains([open, close]) {
                t.title = text_inline(inner);
            }
            return;
        }
    }
}

fn insert_notes(t: &mut Talk, kept: Vec<String>) {
    let at = t
        .blocks
        .iter()
        .take_while(|b| matches!(b, Block::Notes { .. }))
        .count();
    for (k, note) in kept.into_iter().enumerate() {
        t.blocks.insert(
            at + k,
            Block::Notes {
                events: vec![
                    Event::Start(Tag::Paragraph),
                    Event::Text(note.clone().into()),
                    Event::End(TagEnd::Paragraph),
                ],
                text: note,
                lines: crate::outline::Lines::new(t.line, t.line),
            },
        );
    }
}

fn speaker_of(t: &mut Talk, typed: &Typed) {
    // A title wholly one link, bold or italic span of text (`[Title by
    // Name](url)`, `**2. Title - Name**`): read as plain text, the span
    // kept around what is left of it.
    if let Some((open, close)) = wrapped(&t.title) {
        t.title = text_inline(&t.title.text);
        speaker_of(t, typed);
        let text = t.title.text.clone();
        t.title.events = vec![open, Event::Text(text.into()), close];
        return;
    }
    // Only a title that is plain text is rewritten: markup stays as typed.
    let plain = t.title.events.iter().all(|e| matches!(e, Event::Text(_)));
    if plain {
        // An icon in front (`🎤 Part 1 : Title`, `📌 Name, Lab, Title`) is
        // decoration of what follows: it goes when what follows is read.
        let read = after_icon(&t.title.text).filter(|&bare| {
            words::strip_label(bare).is_some()
                || words::strip_number(bare).is_some()
                || speaker_before(bare, typed.name_first).is_some()
                || split_title(bare).is_some()
                || hyphen_speaker(bare).is_some()
        });
        if let Some(bare) = read {
            t.title = text_inline(bare.trim());
        }
        // Numbering first: `Chapitre 3 : Title - Name` names Name too.
        // (`1. Part 1 : Title`: numbered twice.)
        for _ in 0..2 {
            let text = t.title.text.trim();
            match words::strip_label(text).or_else(|| words::strip_number(text)) {
                Some(rest) => t.title = text_inline(rest),
                None => break,
            }
        }
        if typed.name_first {
            if let Some((title, name)) = speaker_before(&t.title.text, true) {
                t.title = text_inline(&title);
                t.speaker = Some(name);
                return;
            }
        }
        // (`Keynote by Dr. Ada Lee (MIT)`: the person after `by`, not
        // the company in brackets; `Design by Contract - Bertrand Meyer`
        // names its speaker after the dash.)
        let by = t
            .title
            .text
            .contains(" by ")
            .then(|| hyphen_speaker(&t.title.text))
            .flatten();
        if let Some((title, name)) = by
            .or_else(|| handle_and_name(&t.title.text))
            .or_else(|| split_title(&t.title.text))
        {
            t.title = text_inline(&title);
            t.speaker = Some(name);
            return;
        }
        // (Not when the dash is the label's: `Talk court - Doc Busters`
        // among `Talk court - Title` talks.)
        let label = words::kind_label(&t.title.text)
            .map(|(l, _)| l)
            .filter(|_| typed.labels_over_titles);
        if let Some((title, name)) =
            hyphen_speaker(&t.title.text).filter(|(head, _)| label.is_none_or(|l| head.trim() != l))
        {
            t.title = text_inline(&title);
            t.speaker = Some(name);
            return;
        }
        if let Some((title, handles, marked)) = handle_tail(&t.title.text) {
            if marked || typed.handles {
                t.title = text_inline(&title);
                t.speaker = Some(handles);
                return;
            }
        }
        if let Some((title, name)) = paren_lead(&t.title.text) {
            t.title = text_inline(&title);
            t.speaker = Some(name);
            return;
        }
        let line_under = t
            .blocks
            .first()
            .and_then(Block::paragraph)
            .and_then(speaker_in_first_lines);
        if let (None, Some((title, name))) = (line_under, slash_speaker(&t.title.text)) {
            t.title = text_inline(&title);
            t.speaker = Some(name);
            return;
        }
    } else {
        // `1. [Title](url)`, `2. Name, Lab, *Title*`: the number goes, the
        // markup stays; an icon in front goes when what follows is read.
        let bare = without_lead(&t.title, after_icon);
        let bare = bare.as_ref().unwrap_or(&t.title);
        if let Some(title) = without_lead(bare, words::strip_number) {
            t.title = title;
        }
        let bare = without_lead(&t.title, after_icon);
        let bare = bare.as_ref().unwrap_or(&t.title);
        if let Some((title, name)) = speaker_first(bare) {
            t.title = text_inline(&title);
            t.speaker = Some(name);
            return;
        }
        if let Some((title, name)) = span_lead(bare) {
            t.title = title;
            t.speaker = Some(name);
            return;
        }
    }
    // `> Speaker: Name`, a quote of that one line.
    if let Some(Block::Other {
        text,
        kind: OtherKind::Quote,
        ..
    }) = t.blocks.first()
    {
        if let Some(name) = (text.trim().lines().count() == 1)
            .then(|| speaker_line(text.trim()))
            .flatten()
        {
            t.speaker = Some(name);
            t.blocks.remove(0);
            return;
        }
    }
    // `講者 [Name](…) 介紹了…`, perhaps under a photo: the paragraph tells
    // the talk, so it stays.
    if let Some(name) = t
        .blocks
        .iter()
        .find(|b| !links_only(b))
        .and_then(Block::paragraph)
        .and_then(keyed_link)
    {
        t.speaker = Some(name);
        return;
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
    // `speaker: Name` (or `**Speaker:** Name`) on the first line.
    let first_end = events
        .iter()
        .position(|e| matches!(e, Event::SoftBreak | Event::HardBreak))
        .unwrap_or(events.len().saturating_sub(1));
    let line_events = events.get(1..first_end).unwrap_or(&[]);
    let first = super::plain_text(line_events);
    // Only a line whose markup closes on it can be dropped whole.
    let opened = line_events
        .iter()
        .filter(|e| matches!(e, Event::Start(_)))
        .count();
    let balanced = opened
        == line_events
            .iter()
            .filter(|e| matches!(e, Event::End(_)))
            .count();
    if let Some(name) = by_line(&first)
        .or_else(|| bracketed_byline(&first))
        .filter(|_| balanced)
    {
        // Drop that line and the break after it.
        let mut rest: Vec<Event<'static>> = Vec::new();
        rest.push(events[0].clone());
        rest.extend(events[(first_end + 1).min(events.len())..].iter().cloned());
        if !matches!(rest.last(), Some(Event::End(TagEnd::Paragraph))) {
            rest.push(Event::End(TagEnd::Paragraph));
        }
        t.speaker = Some(name);
        if rest.len() <= 2 {
            t.blocks.remove(0);
        } else {
            *text = crate::parse::plain_text(&rest);
            *events = rest;
        }
        return;
    }
    // A first line that is all emphasis and names people: `_Name — role,
    // room_`. (`_Format conférence 45 minutes_` says what the talk is.)
    let line = text.trim().to_string();
    let by = ["by ", "By "].iter().find_map(|b| line.strip_prefix(b));
    // (`Branden Hall, CEO, Studio`: a name before a role, whatever its
    // words.)
    let role_after_name = line
        .split_once(',')
        .is_some_and(|(name, _)| name_like(name.trim()) && name.split_whitespace().count() >= 2);
    let emphasised = span_only(events, false).is_some()
        && (italic_byline(events)
            || role_after_name
            || names_people(&line)
            || by.is_some_and(names_people));
    if (emphasised && !line.is_empty() && line.chars().count() <= 100)
        || bold_name(events).is_some()
    {
        // `*by Chris McCord*`: the name.
        let name = ["by ", "By "]
            .iter()
            .find_map(|b| line.strip_prefix(b))
            .filter(|n| names_people(n))
            .map_or(line.clone(), |n| n.trim().to_string());
        let bold = bold_name(events).is_some();
        t.speaker = Some(name);
        t.blocks.remove(0);
        // A panel: more names in bold, a line each.
        while let Some(more) = t
            .blocks
            .first()
            .and_then(|b| b.paragraph())
            .and_then(bold_name)
            .filter(|_| bold)
        {
            if let Some(s) = t.speaker.as_mut() {
                s.push_str("; ");
                s.push_str(&more);
            }
            t.blocks.remove(0);
        }
    }
}

/// A paragraph that is one italic line naming people first,
/// `*Jane Doe, Role, Company*`: a speaker's byline under a talk's heading.
pub(super) fn italic_byline(events: &[Event]) -> bool {
    span_only(events, false).is_some_and(|line| {
        let line = line.trim();
        line.chars().count() <= 160 && person_named(first_person(line), 2)
    })
}

/// The text of a paragraph that is one span, bold (`strong`) or italic,
/// holding only text: `**Name (Company)**`, `*Name, Role*`.
fn span_only(events: &[Event], strong: bool) -> Option<String> {
    let inner = events.get(1..events.len().saturating_sub(1))?;
    let opens = |e: &Event| match e {
        Event::Start(Tag::Strong) => strong,
        Event::Start(Tag::Emphasis) => !strong,
        _ => false,
    };
    let closes = |e: &Event| match e {
        Event::End(TagEnd::Strong) => strong,
        Event::End(TagEnd::Emphasis) => !strong,
        _ => false,
    };
    let only = inner.first().is_some_and(opens)
        && inner.last().is_some_and(closes)
        && inner
            .iter()
            .all(|e| matches!(e, Event::Text(_)) || opens(e) || closes(e));
    only.then(|| super::plain_text(inner))
}

/// `Title @handle`, `Title - @a @b`: the speakers' handles at the end.
/// The title, the handles, and whether a separator or `by` marks them as
/// the speakers (a bare one may be code: `SwiftUI @State`).
pub(super) fn handle_tail(t: &str) -> Option<(String, String, bool)> {
    let words: Vec<&str> = t.split_whitespace().collect();
    let n = words.iter().rev().take_while(|w| is_handle(w)).count();
    let before = words[..words.len() - n].join(" ");
    let head = before
        .trim_end_matches(['-', '–', '—', '|', ',', ':', ' '])
        .trim();
    let by = head.strip_suffix(" by");
    // (Not a colon: `Python decorators: @property` is code.)
    let marked = n > 1 || by.is_some() || before.trim_end().ends_with(['-', '–', '—', '|', ',']);
    let head = by.unwrap_or(head).trim().to_string();
    (n > 0 && !head.is_empty()).then(|| (head, words[words.len() - n..].join(" "), marked))
}

/// `@name`: a handle, two characters or more of letters, digits and `_`.
fn is_handle(w: &str) -> bool {
    w.strip_prefix('@').is_some_and(|h| {
        h.chars().count() >= 2 && h.chars().all(|c| c.is_alphanumeric() || c == '_')
    })
}

/// A word in capitals (`CD`, `IBM`): an acronym, no part of a name.
fn in_capitals(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(char::is_uppercase)
}

/// `Title / Name`, as a blog's bold lines write it: a slash before two
/// words or more of a name. A slash also joins alternatives (`Input /
/// Output Streams`, `CI / CD Pipelines`): before it, a title of three
/// words at least, and no word of the name in capitals. Weaker than a
/// speaker line under the title.
fn slash_speaker(t: &str) -> Option<(String, String)> {
    let (head, name) = t.trim().rsplit_once(" / ")?;
    let (head, name) = (head.trim(), name.trim());
    let capitals = name.split_whitespace().any(in_capitals);
    (person_named(first_person(name), 2) && !capitals && head.split_whitespace().count() >= 3)
        .then(|| (head.to_string(), name.to_string()))
}

/// `Title @handle (Name)`: a handle and the name in brackets after it.
/// The title and the name (or the handle, when the brackets hold no
/// name of a person: `@wing_007 (ma2k8)`).
pub(super) fn handle_and_name(t: &str) -> Option<(String, String)> {
    let t = t.trim();
    if !t.ends_with([')', '）']) {
        return None;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let at = words.iter().rposition(|w| is_handle(w))?;
    let tail = words[at + 1..].join(" ");
    let inner = tail
        .strip_prefix(['(', '（'])?
        .strip_suffix([')', '）'])?
        .trim();
    let title = words[..at].join(" ");
    let title = title
        .trim_end_matches(['-', '–', '—', '|', ',', ' '])
        .trim();
    if title.is_empty() || !words::title_like(title) {
        return None;
    }
    // A person, a name in CJK script, another handle (`ma2k8`); brackets
    // in brackets (`(中村学 (がくぞ）)`) leave the handle to name them.
    let token = !inner.contains(' ')
        && (2..=15).contains(&inner.chars().count())
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let cjk =
        inner.chars().count() <= 12 && inner.chars().all(|c| !c.is_ascii() && c.is_alphabetic());
    let name = if inner.contains(['(', '（']) {
        words[at].to_string()
    } else if person_named(inner, 2) || cjk || token {
        inner.to_string()
    } else {
        return None;
    };
    Some((title.to_string(), name))
}

/// `**Title** by Name`, `*Title* (Name)`, `[Title](url) - Name`: a title
/// set in one span (bold, italic or a link, which stays) and the plain
/// text after it naming the speaker.
pub(super) fn span_lead(title: &Inline) -> Option<(Inline, String)> {
    let ev = &title.events;
    let (open_link, close) = match ev.first() {
        Some(Event::Start(Tag::Strong)) => (false, TagEnd::Strong),
        Some(Event::Start(Tag::Emphasis)) => (false, TagEnd::Emphasis),
        Some(Event::Start(Tag::Link { .. })) => (true, TagEnd::Link),
        _ => return None,
    };
    let end = ev.iter().position(|e| *e == Event::End(close))?;
    let tail = &ev[end + 1..];
    // (The name may be a link: `[Title](talk) by [Name](profile)`.)
    if tail.is_empty()
        || !tail.iter().all(|e| {
            matches!(
                e,
                Event::Text(_) | Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link)
            )
        })
    {
        return None;
    }
    let name = byline(&super::plain_text(tail))?;
    let events = if open_link {
        ev[..=end].to_vec()
    } else {
        ev[1..end].to_vec()
    };
    let text = super::plain_text(&events).trim().to_string();
    (!text.is_empty()).then_some((Inline { events, text }, name))
}

/// `by` in the languages notes are written in, lower and title case.
const BY: &[&str] = &["by ", "By ", "par ", "Par ", "por ", "Por "];

/// The speaker in what follows a title: ` by Name`, ` - Name, Company`,
/// ` (Name)`, `, Name`. Two words at least, unless `by` says so.
pub(super) fn byline(tail: &str) -> Option<String> {
    let t = tail.trim();
    let (rest, by) = if let Some(r) = BY.iter().find_map(|b| t.strip_prefix(b)) {
        (r, true)
    } else if let Some(r) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        (r, false)
    } else if let Some(r) = t.strip_prefix(['-', '–', '—', ',', '|', '/']) {
        (r, false)
    } else {
        return None;
    };
    let rest = rest.trim();
    let rest = rest
        .strip_prefix("by ")
        .or_else(|| rest.strip_prefix("By "))
        .unwrap_or(rest)
        .trim();
    let p = first_person(rest);
    // (A name starts with a capital: `par la pratique` is no speaker.)
    let capital = p.chars().next().is_some_and(|c| !c.is_lowercase());
    let named = cjk_name(p) || (capital && person_named(p, if by { 1 } else { 2 }));
    (named && rest.chars().count() <= 80).then(|| rest.to_string())
}

/// A line that only names people: `Ana Lima (Acme), Ben Okafor (Initech)`,
/// `by Ana Lima`.
pub(super) fn names_people(line: &str) -> bool {
    let line = line.trim();
    let line = line
        .strip_prefix("by ")
        .or_else(|| line.strip_prefix("By "))
        .unwrap_or(line);
    line.chars().count() <= 120
        && line
            .split([',', '&', ';'])
            .map(str::trim)
            .find(|p| !p.is_empty())
            .is_some_and(|p| person_named(person(p), 2))
}

/// The person in `Name (Company)`, `Name, Company` or `Name - Role`.
pub(super) fn person(s: &str) -> &str {
    let s = s.trim();
    let cut = [" (", ",", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| may_hold(s, sep).then(|| s.find(sep)).flatten())
        .min()
        .unwrap_or(s.len());
    s[..cut].trim()
}

/// A paragraph that is one line in bold naming a person:
/// `**Rebecca Parsons (ThoughtWorks)**`. Bold lead-ins are not names.
pub(super) fn bold_name(events: &[Event]) -> Option<String> {
    let text = span_only(events, true)?;
    person_named(person(&text), 2).then(|| text.trim().to_string())
}

/// Whether `t` may hold `sep`: the last byte of `sep` that is not a space
/// (a dash's own, not the lead byte all punctuation shares) is in `t`.
/// A search for a string is set up first, which costs more than a
/// heading's whole scan, and most headings hold none of the separators
/// looked for.
fn may_hold(t: &str, sep: &str) -> bool {
    match sep.bytes().rev().find(|&b| b != b' ') {
        Some(b) => t.bytes().any(|x| x == b),
        None => true,
    }
}

/// `t.split_once(sep)`, searched only when `t` [may hold](may_hold) it.
fn split_once_in<'a>(t: &'a str, sep: &str) -> Option<(&'a str, &'a str)> {
    may_hold(t, sep).then(|| t.split_once(sep)).flatten()
}

/// `t.rsplit_once(sep)`, searched only when `t` [may hold](may_hold) it.
fn rsplit_once_in<'a>(t: &'a str, sep: &str) -> Option<(&'a str, &'a str)> {
    may_hold(t, sep).then(|| t.rsplit_once(sep)).flatten()
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
                "プロファイラの実装(Yusuke Miyazaki)",
                Some(("プロファイラの実装", "Yusuke Miyazaki")),
            ),
            ("Async I/O(Tokio Runtime)", None),
            ("CI / CD", None),
            (
                "git bisect saved my weekend — Noor Hamdan",
                Some(("git bisect saved my weekend", "Noor Hamdan")),
            ),
            (
                "Error messages people actually read (Ilse de Vries)",
                Some(("Error messages people actually read", "Ilse de Vries")),
            ),
            (
                "Building resilient systems (Jane Doe, Acme)",
                Some(("Building resilient systems", "Jane Doe, Acme")),
            ),
            (
                "Building resilient systems | Jane Doe",
                Some(("Building resilient systems", "Jane Doe")),
            ),
            (
                "Building resilient systems — Jane Doe & John Roe",
                Some(("Building resilient systems", "Jane Doe & John Roe")),
            ),
            ("Frontend | Backend | Ops", None),
            ("Design Systems (Spotify, Airbnb)", None),
            ("Secrets in env vars are fine(ish)", None),
            ("Rust — The Good Parts", None),
            ("Platform & Product Summit — my notes", None),
            ("Scaling autonomy in a fintech unicorn (Transferwise)", None),
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

    #[test]
    fn a_month_after_a_dash_is_no_speaker_and_an_em_dash_parts_name_from_title() {
        assert_eq!(split_title("Berlin Tech Events — April"), None);
        assert_eq!(
            split_title("Opening keynote — Matz")
                .map(|(_, n)| n)
                .as_deref(),
            Some("Matz")
        );
        assert_eq!(
            speaker_before("Kent Beck — Tidy First?", false),
            Some(("Tidy First?".to_string(), "Kent Beck".to_string()))
        );
    }

    #[test]
    fn a_line_of_names_in_brackets_is_a_byline_and_places_are_not() {
        assert_eq!(
            bracketed_byline("(Dave Farley)").as_deref(),
            Some("Dave Farley")
        );
        assert_eq!(
            bracketed_byline("(René und Bjørn)").as_deref(),
            Some("René und Bjørn")
        );
        assert_eq!(
            bracketed_byline("(Ana Lima @ana, Ben Okafor @ben)").as_deref(),
            Some("Ana Lima @ana, Ben Okafor @ben")
        );
        for not in [
            "(Berlin, Germany)",
            "(Keynote, Main Stage)",
            "(see the slides)",
            "(Video)",
            "(Part 2)",
            "Dave Farley",
        ] {
            assert_eq!(bracketed_byline(not), None, "{not}");
        }
    }

    #[test]
    fn a_slash_before_a_name_names_the_speaker_and_alternatives_do_not() {
        let got = |t: &str| slash_speaker(t).map(|(a, b)| format!("{a} | {b}"));
        assert_eq!(
            got("The Agile Mindset -- and beyond / Linda Rising").as_deref(),
            Some("The Agile Mindset -- and beyond | Linda Rising")
        );
        assert_eq!(got("Input / Output Streams"), None);
        assert_eq!(got("Building reliable CI / CD Pipelines"), None);
        assert_eq!(got("Monitoring at scale / Part Two"), None);
    }

    #[test]
    fn a_title_in_marks_is_split_from_the_speaker_only_after_a_dash() {
        let got = |t: &str| hyphen_speaker(t).map(|(a, b)| format!("{a} / {b}"));
        assert_eq!(
            got("《分布式追踪》-王五").as_deref(),
            Some("分布式追踪 / 王五")
        );
        assert_eq!(
            got("基調講演「Rustで「安全」を考える」ー佐藤花子").as_deref(),
            Some("Rustで「安全」を考える / 佐藤花子")
        );
        // A word in marks inside a sentence, or a long lead before the
        // marks, is no title.
        assert_eq!(got("Rustの「安全」について"), None);
        assert_eq!(got("とても長い前置きのある見出しの「言葉」ー 山田"), None);
    }

    #[test]
    fn a_hyphen_before_a_person_names_the_speaker_and_a_subtitle_does_not() {
        let got = hyphen_speaker;
        assert_eq!(
            got("Building resilient systems - Jane Doe (Acme)"),
            Some((
                "Building resilient systems".to_string(),
                "Jane Doe (Acme)".to_string()
            ))
        );
        assert_eq!(
            got("Building resilient systems, by Jane Doe"),
            Some((
                "Building resilient systems".to_string(),
                "Jane Doe".to_string()
            ))
        );
        assert_eq!(
            got("Scaling AI Across an Enterprise - Combining Human and Token Intelligence"),
            None
        );
        assert_eq!(got("Applying SRE Principles - CI/CD (Buildkite)"), None);
    }

    #[test]
    fn bylines_and_handles_name_speakers_and_lead_ins_do_not() {
        let cases = [
            (" by Karin Holm", Some("Karin Holm")),
            (" - Mei Lin Tan", Some("Mei Lin Tan")),
            (" (Priya Natarajan)", Some("Priya Natarajan")),
            (" by Hadley", Some("Hadley")),
            (": use caching everywhere", None),
            (" - Morning", None),
            (" - Best Practices", None),
        ];
        for (tail, want) in cases {
            assert_eq!(byline(tail).as_deref(), want, "{tail}");
        }
        assert_eq!(
            handle_tail("Swift type metadata @kateinoigakukun"),
            Some((
                "Swift type metadata".to_string(),
                "@kateinoigakukun".to_string(),
                false
            ))
        );
        assert_eq!(
            handle_tail("Physical web - @shwetank"),
            Some(("Physical web".to_string(), "@shwetank".to_string(), true))
        );
        assert_eq!(handle_tail("@home"), None);
        let got = |t: &str| handle_and_name(t).map(|(a, b)| format!("{a} / {b}"));
        assert_eq!(
            got("Making Logic Monad @halcat0x15a (ねこはる)").as_deref(),
            Some("Making Logic Monad / ねこはる")
        );
        assert_eq!(
            got("Type classes @jo_dev (Jo Lee)").as_deref(),
            Some("Type classes / Jo Lee")
        );
        assert_eq!(
            got("継続とDI @gakuzzzz\u{3000}(中村学 (がくぞ）)").as_deref(),
            Some("継続とDI / @gakuzzzz")
        );
        assert_eq!(
            got("Data races @wing_007 (ma2k8)").as_deref(),
            Some("Data races / ma2k8")
        );
        // Code, not a speaker: what the brackets hold names no one.
        assert_eq!(got("SwiftUI @State (iOS 13)"), None);
        assert_eq!(handle_tail("Email me @ home"), None);
    }

    #[test]
    fn schedule_times_leave_titles() {
        let cases = [
            (
                "11:00 Alvar Lumberg - Scaling autonomy",
                Some(("Alvar Lumberg - Scaling autonomy", "11:00")),
            ),
            (
                "Speed and Perception (10:35am)",
                Some(("Speed and Perception", "10:35am")),
            ),
            ("9:45 am - Keynote", Some(("Keynote", "9:45 am"))),
            (
                "14h30 : Le futur du web",
                Some(("Le futur du web", "14h30")),
            ),
            ("10:00-10:30 Opening", Some(("Opening", "10:00-10:30"))),
            ("1:1 meetings that work", None),
            ("3.11 is fast", None),
            ("25:00 Hours", None),
            ("12:30", None),
        ];
        for (t, want) in cases {
            let got = split_time(t);
            assert_eq!(
                got.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
                want,
                "{t}"
            );
        }
    }

    #[test]
    fn speaker_first_only_when_the_rest_is_no_name() {
        assert_eq!(
            speaker_before("Janos Pasztor - 10 things to learn", false),
            Some((
                "10 things to learn".to_string(),
                "Janos Pasztor".to_string()
            ))
        );
        assert_eq!(
            speaker_before("Error Handling - Best Practices", false),
            None
        );
        assert_eq!(speaker_before("Sebastian Feldmann - Git Fu", false), None);
        // Among talks typed `Name - Title`, both read as that.
        assert_eq!(
            speaker_before("Sebastian Feldmann - Git Fu", true),
            Some(("Git Fu".to_string(), "Sebastian Feldmann".to_string()))
        );
        assert_eq!(
            speaker_before("Panel - Company Culture", true),
            Some(("Company Culture".to_string(), "Panel".to_string()))
        );
    }

    #[test]
    fn session_codes_come_off_titles_and_version_names_stay() {
        let code = session_code;
        assert_eq!(
            code("Building SRE from Scratch [DEV315]"),
            Some(("Building SRE from Scratch".into(), "[DEV315]".into()))
        );
        assert_eq!(
            code("Serverless at scale (ARC401-R1)"),
            Some(("Serverless at scale".into(), "(ARC401-R1)".into()))
        );
        for t in [
            "What's new (ES2015)",
            "Forms in HTML5 (HTML5)",
            "Shipping fast [WIP]",
            "[DEV315]",
            "Dates as ISO (iso8601)",
        ] {
            assert_eq!(code(t), None, "{t}");
        }
    }

    #[test]
    fn an_approximate_time_before_a_title_is_the_schedule() {
        assert_eq!(
            split_time("~ 15:15 Django in practice"),
            Some(("Django in practice".into(), "15:15".into()))
        );
        assert_eq!(
            split_time("13:47 ~ Warm-up"),
            Some(("Warm-up".into(), "13:47".into()))
        );
        assert!(opens_with_time("~ 16:30 OpenResty"));
        assert!(!opens_with_time("~ about an hour"));
    }

    #[test]
    fn names_with_their_company_before_a_slash_are_the_speakers() {
        assert_eq!(
            paren_lead("김민준(카카오) / 안드로이드 빌드 속도 두 배로"),
            Some(("안드로이드 빌드 속도 두 배로".into(), "김민준".into()))
        );
        assert_eq!(
            paren_lead("박지호(라인) & 최유나(라인) / SwiftUI 회고"),
            Some(("SwiftUI 회고".into(), "박지호 & 최유나".into()))
        );
        assert_eq!(
            paren_lead("조다영, 진겸(GDG) / 세 명의 이야기"),
            Some(("세 명의 이야기".into(), "조다영, 진겸".into()))
        );
    }
}
