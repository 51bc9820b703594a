//! Laid-out files → the project's decks: stable, collision-free slugs
//! given in source order.

use super::file::LaidFile;
use super::Project;
use crate::deck::{Deck, DeckMeta, GroupInfo};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Gives laid-out files their slugs, in order, and adds their decks and
/// findings to `project`.
pub fn assemble<'a>(files: impl IntoIterator<Item = &'a LaidFile>, project: &mut Project) {
    let mut slugs = Slugs::default();
    for file in files {
        project.diagnostics.extend(file.diagnostics.iter().cloned());
        project.roles.push((file.path.clone(), file.roles.clone()));
        for g in &file.groups {
            let group_slug = slugs.group(&g.name);
            let group = Arc::new(GroupInfo {
                name: g.name.clone(),
                slug: group_slug.clone(),
                intro: g.intro.clone(),
                source: file.path.clone(),
                line: g.line,
            });
            for talk in &g.talks {
                let slug = slugs.talk(&group_slug, &talk.title.text);
                project.decks.push(Deck {
                    title: talk.title.clone(),
                    path: format!("{group_slug}/{slug}.html"),
                    slug,
                    group: group.clone(),
                    source: file.path.clone(),
                    line: talk.line,
                    end_line: talk.end_line,
                    slides: talk.slides.clone(),
                    meta: match &talk.speaker {
                        Some(s) => DeckMeta {
                            speaker: Some(s.clone()),
                            ..file.meta.clone()
                        },
                        None => file.meta.clone(),
                    },
                });
            }
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
    let mut candidate = base.clone();
    let base_key = key(&base);
    let mut n = next.get(&base_key).copied().unwrap_or(2);
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
    let ascii = deunicode::deunicode(text);
    let mut s = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
        if s.len() >= 60 {
            break;
        }
    }
    let s = s.trim_end_matches('-').to_string();
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
}
