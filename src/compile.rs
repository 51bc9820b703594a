//! load → parse → layout → render. Only `load_sources` touches the disk;
//! the rest are pure functions over plain data.

use crate::deck::{Deck, DeckMeta, GroupInfo};
use crate::diag::Diagnostic;
use crate::layout::{Layout, LayoutOptions};
use crate::outline::Outline;
use crate::render::{self, Assets};
use crate::source::SourceFile;
use crate::{parse, Error};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub inputs: Vec<PathBuf>,
    pub layout: LayoutOptions,
    pub meta: DeckMeta,
    /// Folders never read as input (the output folder).
    pub exclude: Vec<PathBuf>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            inputs: vec![PathBuf::from("talks")],
            layout: LayoutOptions::default(),
            meta: DeckMeta::default(),
            exclude: Vec::new(),
        }
    }
}

/// The result of compiling every input: decks in source order, findings,
/// and the per-file errors that did not stop the other files.
#[derive(Debug, Default)]
pub struct Project {
    pub decks: Vec<Deck>,
    pub diagnostics: Vec<Diagnostic>,
    pub errors: Vec<Error>,
    /// Every file read, for the watcher.
    pub sources: Vec<PathBuf>,
}

/// Finds `.md` files under the inputs, in a stable order.
pub fn discover(inputs: &[PathBuf], exclude: &[PathBuf], errors: &mut Vec<Error>) -> Vec<PathBuf> {
    let excluded: Vec<PathBuf> = exclude
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    let mut files = Vec::new();
    for input in inputs {
        let meta = match std::fs::metadata(input) {
            Ok(m) => m,
            Err(e) => {
                errors.push(Error::io(input, e));
                continue;
            }
        };
        if meta.is_dir() {
            let before = files.len();
            walk(input, &excluded, &mut files, errors);
            if files.len() == before {
                errors.push(Error::Input {
                    path: input.clone(),
                    message: "no .md files found in this folder".into(),
                });
            }
        } else {
            files.push(input.clone());
        }
    }
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    files
}

fn walk(dir: &Path, excluded: &[PathBuf], files: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    if let Ok(c) = std::fs::canonicalize(dir) {
        if excluded.contains(&c) {
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(Error::io(dir, e));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        // Symlinked folders are not followed: no loops, nothing outside.
        let Ok(lmeta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if lmeta.is_dir() {
            walk(&p, excluded, files, errors);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
            && std::fs::metadata(&p).is_ok_and(|m| m.is_file())
        {
            files.push(p);
        }
    }
}

pub fn load_sources(opts: &BuildOptions, errors: &mut Vec<Error>) -> Vec<SourceFile> {
    discover(&opts.inputs, &opts.exclude, errors)
        .iter()
        .filter_map(|p| match SourceFile::read(p) {
            Ok(s) => Some(s),
            Err(e) => {
                errors.push(e);
                None
            }
        })
        .collect()
}

/// Reads, parses and lays out every input.
pub fn compile(opts: &BuildOptions) -> Project {
    let mut errors = Vec::new();
    let sources = load_sources(opts, &mut errors);
    let mut project = compile_sources(&sources, opts);
    errors.append(&mut project.errors);
    project.errors = errors;
    project
}

pub fn compile_sources(sources: &[SourceFile], opts: &BuildOptions) -> Project {
    let mut project = Project::default();
    let mut slugs = Slugs::default();
    for src in sources {
        project.sources.push(src.path.clone());
        let outline = parse::parse(src, &mut project.diagnostics);
        decks_of(&outline, opts, &mut slugs, &mut project);
    }
    project
}

fn decks_of(outline: &Outline, opts: &BuildOptions, slugs: &mut Slugs, project: &mut Project) {
    for g in &outline.groups {
        let name = g
            .title
            .as_ref()
            .map(|t| t.text.trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| outline.stem.clone());
        let group_slug = slugs.group(&name);
        let group = Arc::new(GroupInfo {
            name,
            slug: group_slug.clone(),
            intro: g.intro.clone(),
            source: outline.path.clone(),
            line: g.line,
        });
        let meta = opts.meta.clone();
        for talk in &g.talks {
            let slides = Layout {
                opts: &opts.layout,
                path: &outline.path,
                diags: &mut project.diagnostics,
            }
            .talk(talk);
            let slug = slugs.talk(&group_slug, &talk.title.text);
            project.decks.push(Deck {
                title: talk.title.clone(),
                path: format!("{group_slug}/{slug}.html"),
                slug,
                group: group.clone(),
                source: outline.path.clone(),
                line: talk.line,
                end_line: talk.end_line,
                slides,
                meta: meta.clone(),
            });
        }
    }
}

/// Every output page, keyed by path relative to the output folder.
pub fn render_pages(
    project: &Project,
    title: &str,
    assets: &Assets,
) -> Result<BTreeMap<String, String>, Error> {
    let mut pages = BTreeMap::new();
    for deck in &project.decks {
        pages.insert(deck.path.clone(), render::render_deck(deck, assets)?);
    }
    pages.insert(
        "index.html".to_string(),
        render::render_index(&project.decks, title, assets)?,
    );
    Ok(pages)
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
/// names Windows reserves get a suffix.
pub fn slugify(text: &str, fallback: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
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
        assert_eq!(slugify("  ¿Qué?  ", "t"), "qu");
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
