//! Laid-out files → the project's decks: stable, collision-free slugs
//! given in source order; several teammates' files merged into one recap.

use super::file::{LaidFile, LaidTalk};
use super::Project;
use crate::deck::{Deck, DeckMeta, GroupInfo, NoteSection};
use crate::diag::Diagnostic;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Gives laid-out files their slugs, in order, and adds their decks and
/// findings to `project`. Groups of the same name in several files are one
/// group (in the order they first appear), and a talk two files both noted
/// is one deck with a labelled section per file.
pub fn assemble<'a>(files: impl IntoIterator<Item = &'a LaidFile>, project: &mut Project) {
    assemble_traced(files, project, None);
}

/// [`assemble`], taking each slug from `log` (the last build's, in call
/// order) while this build asks for the same ones in the same order, and
/// leaving this build's in it: a save that renames nothing gives no slug
/// again. Slugs depend only on the names and titles asked before, so the
/// slugs are the same as [`assemble`]'s.
pub fn assemble_replaying<'a>(
    files: impl IntoIterator<Item = &'a LaidFile>,
    project: &mut Project,
    log: Option<&mut SlugLog>,
) {
    assemble_traced(files, project, log);
}

/// Where one talk of a deck was laid out: its file, group and place in
/// the group (indexes into the files given to [`assemble_traced`]).
pub type TalkAt = (usize, usize, usize);

/// [`assemble`], also returning, per deck in deck order, the talks it is
/// made of in the order they joined it: a streamed build assembles the
/// decks from talks without slides first, then fills them in.
pub fn assemble_traced<'a>(
    files: impl IntoIterator<Item = &'a LaidFile>,
    project: &mut Project,
    log: Option<&mut SlugLog>,
) -> Vec<Vec<TalkAt>> {
    let mut slugs = Replay::new(log);
    // Merged groups in order: their info and (deck, file) indices.
    let mut groups: Vec<(Arc<GroupInfo>, String, Vec<usize>)> = Vec::new();
    let mut decks: Vec<Deck> = Vec::new();
    let mut parts: Vec<Vec<TalkAt>> = Vec::new();
    let mut deck_files: Vec<PathBuf> = Vec::new();
    let mut group_at: HashMap<String, usize> = HashMap::new();
    for (fi, file) in files.into_iter().enumerate() {
        project.diagnostics.extend(file.diagnostics.iter().cloned());
        project.roles.push((file.path.clone(), file.roles.clone()));
        for (gi, g) in file.groups.iter().enumerate() {
            let key = crate::recap::group_key(&g.name);
            let at = match group_at.get(&key) {
                Some(&at) => at,
                None => {
                    let slug = slugs.group(&g.name);
                    let info = Arc::new(GroupInfo {
                        name: g.name.clone(),
                        slug,
                        intro: g.intro.clone(),
                        source: file.path.clone(),
                        line: g.line,
                    });
                    group_at.insert(key.clone(), groups.len());
                    groups.push((info, key, Vec::new()));
                    groups.len() - 1
                }
            };
            let (group, _, members) = &mut groups[at];
            // Only talks from earlier files can be this file's twins.
            let earlier = members.len();
            for (ti, talk) in g.talks.iter().enumerate() {
                let meta = talk_meta(file, talk);
                // The same talk noted in another file joins that deck.
                let title = talk.title.text.trim();
                let same = members[..earlier].iter().copied().find_map(|i| {
                    let d: &Deck = &decks[i];
                    if deck_files[i] == file.path {
                        return None;
                    }
                    crate::recap::same_talk(d.title.text.trim(), title).map(|exact| (i, exact))
                });
                if let Some((i, exact)) = same {
                    let d = &mut decks[i];
                    if !exact {
                        project.diagnostics.push(Diagnostic::warning(
                            &file.path,
                            talk.line,
                            format!(
                                "talk '{title}' looks like '{}' ({}:{}); merged into one deck with a section per file",
                                d.title.text.trim(),
                                d.source.display(),
                                d.line
                            ),
                        ));
                    }
                    join(d, talk, &meta, &file.path);
                    parts[i].push((fi, gi, ti));
                    continue;
                }
                let slug = slugs.talk(&group.slug, &talk.title.text);
                members.push(decks.len());
                deck_files.push(file.path.clone());
                parts.push(vec![(fi, gi, ti)]);
                decks.push(Deck {
                    title: talk.title.clone(),
                    path: format!("{}/{slug}.html", group.slug),
                    slug,
                    group: group.clone(),
                    source: file.path.clone(),
                    line: talk.line,
                    end_line: talk.end_line,
                    slides: talk.slides.clone(),
                    meta,
                    sections: Vec::new(),
                    positions: talk.positions.clone(),
                    prev: None,
                    next: None,
                    extra: talk.extra,
                });
            }
        }
    }
    let mut decks: Vec<Option<Deck>> = decks.into_iter().map(Some).collect();
    let mut traced = Vec::with_capacity(decks.len());
    for (_, _, members) in &groups {
        for &i in members {
            if let Some(d) = decks[i].take() {
                project.decks.push(d);
                traced.push(std::mem::take(&mut parts[i]));
            }
        }
    }
    crate::recap::link_neighbours(&mut project.decks);
    slugs.end();
    traced
}

/// A talk's settings: its file's, then the talk's own lines.
pub fn talk_meta(file: &LaidFile, talk: &LaidTalk) -> DeckMeta {
    let mut meta = file.meta.clone();
    if let Some(p) = &talk.settings.presenter {
        meta.presenter = Some(p.clone());
    }
    if let Some(m) = talk.settings.minutes {
        meta.minutes = Some(m);
    }
    if let Some(l) = &talk.settings.lang {
        meta.lang.clone_from(l);
    }
    if let Some(s) = &talk.speaker {
        meta.speaker = Some(s.clone());
    }
    meta
}

/// Adds `talk` (noted in `path` with settings `meta`) to the deck of the
/// same talk from an earlier file, as a section of its own.
pub fn join(d: &mut Deck, talk: &LaidTalk, meta: &DeckMeta, path: &Path) {
    if d.sections.is_empty() {
        d.sections.push(NoteSection {
            start: 0,
            presenter: d.meta.presenter.clone(),
            lang: d.meta.lang.clone(),
            source: d.source.clone(),
            positions: d.positions.clone(),
        });
    }
    d.sections.push(NoteSection {
        start: d.slides.len(),
        presenter: meta.presenter.clone(),
        lang: meta.lang.clone(),
        source: path.to_path_buf(),
        positions: talk.positions.clone(),
    });
    let mut slides = d.slides.to_vec();
    let start = slides.len();
    slides.extend(talk.slides.iter().cloned());
    // The section opens under the deck's title, not its near-twin.
    if let (Some(first), Some(title)) = (slides.get_mut(start), d.slides.first()) {
        if first.kind == crate::deck::SlideKind::Title {
            first.title.clone_from(&title.title);
        }
    }
    d.slides = slides.into();
}

/// The slugs one build gave, in the order it asked for them: what it
/// asked (a group's name, or a talk's group slug and title) and the slug.
#[derive(Debug, Default)]
pub struct SlugLog(Vec<SlugCall>);

#[derive(Debug)]
struct SlugCall {
    /// The group's slug for a talk; `None` for a group.
    group: Option<String>,
    text: String,
    slug: String,
}

impl SlugCall {
    fn is(&self, group: Option<&str>, text: &str) -> bool {
        self.group.as_deref() == group && self.text == text
    }
}

/// [`Slugs`] that first replay a previous build's [`SlugLog`]: the same
/// calls in the same order give the same slugs, so they are copied until
/// the first call that differs. There the calls so far are made again
/// (to rebuild the taken sets), and from there every slug is given anew.
struct Replay<'a> {
    slugs: Slugs,
    /// The log being replayed and extended (`None`: no log kept).
    log: Option<&'a mut SlugLog>,
    /// Calls made so far.
    at: usize,
    /// Whether `slugs` holds every slug given so far (after a differing
    /// call, or with no log); until then they come from the log alone.
    live: bool,
}

impl<'a> Replay<'a> {
    fn new(log: Option<&'a mut SlugLog>) -> Self {
        let live = log.is_none();
        Replay {
            slugs: Slugs::default(),
            log,
            at: 0,
            live,
        }
    }

    fn group(&mut self, name: &str) -> String {
        self.give(None, name)
    }

    fn talk(&mut self, group: &str, title: &str) -> String {
        self.give(Some(group), title)
    }

    fn give(&mut self, group: Option<&str>, text: &str) -> String {
        if !self.live {
            if let Some(c) = self.log.as_ref().and_then(|l| l.0.get(self.at)) {
                if c.is(group, text) {
                    self.at += 1;
                    return c.slug.clone();
                }
            }
            // The first call that differs: the calls before it again.
            self.live = true;
            if let Some(log) = self.log.as_mut() {
                log.0.truncate(self.at);
                for c in &log.0 {
                    match &c.group {
                        None => self.slugs.group(&c.text),
                        Some(g) => self.slugs.talk(g, &c.text),
                    };
                }
            }
        }
        let slug = match group {
            None => self.slugs.group(text),
            Some(g) => self.slugs.talk(g, text),
        };
        self.at += 1;
        if let Some(log) = self.log.as_mut() {
            log.0.push(SlugCall {
                group: group.map(str::to_string),
                text: text.to_string(),
                slug: slug.clone(),
            });
        }
        slug
    }

    /// Drops the logged calls this build did not make.
    fn end(self) {
        if let Some(log) = self.log {
            log.0.truncate(self.at);
        }
    }
}

/// Stable, collision-free slugs for one build.
#[derive(Default)]
struct Slugs {
    groups: HashSet<String>,
    talks: HashSet<String>,
    /// Next suffix to try per key, so 10,000 equal titles stay linear.
    next: HashMap<String, usize>,
}

impl Slugs {
    fn group(&mut self, name: &str) -> String {
        unique(
            slugify(name, "group"),
            &mut self.groups,
            &mut self.next,
            |s| s.to_string(),
        )
    }

    /// Unique within its group; one set keyed `group/slug`, so each call
    /// costs the same however many talks came before.
    fn talk(&mut self, group: &str, title: &str) -> String {
        let base = slugify(title, "talk");
        unique(base, &mut self.talks, &mut self.next, |s| {
            format!("{group}/{s}")
        })
    }
}

fn unique(
    base: String,
    taken: &mut HashSet<String>,
    next: &mut HashMap<String, usize>,
    key: impl Fn(&str) -> String,
) -> String {
    let base_key = key(&base);
    if !taken.contains(&base_key) {
        // Free: the next suffix to try stays 2 (the default).
        taken.insert(base_key);
        return base;
    }
    let mut n = next.get(&base_key).copied().unwrap_or(2);
    let mut candidate = format!("{base}-{n}");
    n += 1;
    while taken.contains(&key(&candidate)) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    next.insert(base_key, n);
    taken.insert(key(&candidate));
    candidate
}

/// Lowercase ASCII letters and digits joined by `-`, at most 60 chars;
/// accents and other scripts transliterated (`¿Qué?` → `que`, `Größe` →
/// `grosse`); names Windows reserves get a suffix.
pub fn slugify(text: &str, fallback: &str) -> String {
    // Emoji would be spelled out (`🎤` → `microphone`): dropped instead.
    let text: String = text
        .chars()
        .filter(|&c| !crate::parse::words::pictograph(c))
        .collect();
    let ascii = deunicode::deunicode_with_tofu_cow(&text, "[?]");
    let mut s = String::with_capacity(ascii.len().min(61));
    for b in ascii.bytes() {
        if b.is_ascii_alphanumeric() {
            s.push(char::from(b.to_ascii_lowercase()));
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
        if s.len() >= 60 {
            break;
        }
    }
    s.truncate(s.trim_end_matches('-').len());
    if s.is_empty() {
        return fallback.to_string();
    }
    const RESERVED: [&str; 7] = ["con", "prn", "aux", "nul", "com1", "lpt1", "index"];
    if RESERVED.contains(&s.as_str()) {
        return format!("{s}-1");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("Rust Adoption at Amazon", "t"),
            "rust-adoption-at-amazon"
        );
        assert_eq!(slugify("  ¿Qué?  ", "t"), "que");
        assert_eq!(
            slugify("Über Größe, Maß und Verspätungen", "t"),
            "uber-grosse-mass-und-verspatungen"
        );
        assert_eq!(slugify("多言語デー", "t"), "duo-yan-yu-de");
        assert_eq!(slugify("!!!", "talk"), "talk");
        assert_eq!(slugify("../../evil", "t"), "evil");
        assert_eq!(slugify("CON", "t"), "con-1");
        assert_eq!(slugify("🎤 Opening keynote", "t"), "opening-keynote");
        assert_eq!(slugify("🛠️ Rust → Wasm", "t"), "rust-wasm");
    }

    #[test]
    fn colliding_titles_get_suffixes() {
        let mut s = Slugs::default();
        let g = s.group("Day");
        assert_eq!(s.talk(&g, "A"), "a");
        assert_eq!(s.talk(&g, "a!"), "a-2");
        assert_eq!(s.group("Day"), "day-2");
        // Slugs are unique per group, not across groups.
        assert_eq!(s.talk("day-2", "A"), "a");
        assert_eq!(s.talk("day-2", "A"), "a-2");
        assert_eq!(s.talk(&g, "A"), "a-3");
    }

    #[test]
    fn many_equal_titles_stay_unique_and_per_group() {
        let mut s = Slugs::default();
        let (a, b) = (s.group("A"), s.group("B"));
        let slugs: HashSet<String> = (0..1000).map(|_| s.talk(&a, "T")).collect();
        assert_eq!(slugs.len(), 1000);
        assert!(slugs.contains("t") && slugs.contains("t-1000"));
        // An explicit `t-2` title after the run still gets a fresh slug.
        assert_eq!(s.talk(&a, "t 2"), "t-2-2");
        assert_eq!(s.talk(&b, "T"), "t");
    }

    #[test]
    fn replayed_slugs_are_the_slugs_given_anew() {
        let give = |groups: &[&str], titles: &[&str], log: Option<&mut SlugLog>| {
            let mut r = Replay::new(log);
            let mut out = Vec::new();
            for g in groups {
                let g = r.group(g);
                out.extend(titles.iter().map(|t| r.talk(&g, t)));
                out.push(g);
            }
            r.end();
            out
        };
        let mut log = SlugLog::default();
        let runs: [(&[&str], &[&str]); 6] = [
            (&["Day", "Day"], &["A", "B", "a!"]),
            (&["Day", "Day"], &["A", "B", "a!"]),
            (&["Day", "Day"], &["A", "a", "B", "a!"]),
            (&["Day"], &["B"]),
            (&["Day", "Other"], &["A", "B", "a!", "A"]),
            (&["Day", "Day"], &["A", "B", "a!"]),
        ];
        for (groups, titles) in runs {
            assert_eq!(
                give(groups, titles, Some(&mut log)),
                give(groups, titles, None),
                "{groups:?} {titles:?}"
            );
        }
    }
}
