//! load → parse → layout → render. Only `load_sources` touches the disk;
//! the rest are pure functions over plain data.

pub mod cache;
pub mod lint;
pub mod session;

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
    /// Settings given on the command line: they win over front matter
    /// (`meta` already includes them, on top of `notedeck.toml`).
    pub overrides: crate::config::Settings,
    /// Recap index title (`title` in notedeck.toml); default: the event,
    /// else the group names.
    pub title: Option<String>,
    /// Leave speaker notes out of the HTML (an audience copy).
    pub no_notes: bool,
    /// Render pages for `notedeck serve` (live-reload script, CSP that
    /// lets it connect); never set for files written to disk.
    pub live: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            inputs: vec![PathBuf::from("talks")],
            layout: LayoutOptions::default(),
            meta: DeckMeta::default(),
            exclude: Vec::new(),
            overrides: crate::config::Settings::default(),
            title: None,
            no_notes: false,
            live: false,
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
    use rayon::prelude::*;
    let laid: Vec<Result<FileDecks, Error>> =
        sources.par_iter().map(|s| lay_out(s, opts)).collect();
    let mut project = Project::default();
    let mut files = Vec::new();
    for r in laid {
        match r {
            Ok(f) => files.push(f),
            Err(e) => project.errors.push(e),
        }
    }
    assemble(files.iter(), &mut project);
    project.sources = sources.iter().map(|s| s.path.clone()).collect();
    project
}

/// One notes file parsed and laid out: its decks minus the slugs, which
/// depend on the files before it. `Compiler` caches these per file.
#[derive(Debug, Clone)]
pub struct FileDecks {
    pub path: PathBuf,
    pub stem: String,
    pub groups: Vec<FileGroup>,
    /// Parse and layout findings, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The file's settings: notedeck.toml, its front matter, then the
    /// command line.
    pub meta: DeckMeta,
}

#[derive(Debug, Clone)]
pub struct FileGroup {
    pub name: String,
    pub intro: Vec<crate::outline::Block>,
    pub line: u32,
    pub talks: Vec<LaidTalk>,
}

#[derive(Debug, Clone)]
pub struct LaidTalk {
    pub title: crate::outline::Inline,
    pub line: u32,
    pub end_line: u32,
    pub slides: crate::deck::Slides,
}

/// Parses and lays out one file; pure, so files can go in parallel. Bad
/// front matter is an error for this file only.
pub fn lay_out(src: &SourceFile, opts: &BuildOptions) -> Result<FileDecks, Error> {
    let mut diagnostics = Vec::new();
    // Front matter sits between notedeck.toml and the command line.
    let mut meta = opts.meta.clone();
    let mut title = None;
    let stripped;
    let src = match crate::config::front_matter(src, &mut diagnostics)? {
        Some((fm, rest)) => {
            fm.settings.apply(&mut meta);
            opts.overrides.apply(&mut meta);
            title = fm.settings.title;
            stripped = rest;
            &stripped
        }
        None => src,
    };
    let outline = parse::parse(src, &mut diagnostics);
    let groups = lay_out_outline(&outline, opts, title, &mut diagnostics);
    Ok(FileDecks {
        path: outline.path,
        stem: outline.stem,
        groups,
        diagnostics,
        meta,
    })
}

fn lay_out_outline(
    outline: &Outline,
    opts: &BuildOptions,
    title: Option<String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<FileGroup> {
    let mut groups = Vec::new();
    for g in &outline.groups {
        // Front matter `title` names a file's groups when they have no H1.
        let name = g
            .title
            .as_ref()
            .map(|t| t.text.trim().to_string())
            .filter(|t| !t.is_empty())
            .or_else(|| title.clone().filter(|t| !t.trim().is_empty()))
            .unwrap_or_else(|| outline.stem.clone());
        let mut talks = Vec::new();
        for talk in &g.talks {
            let slides = Layout {
                opts: &opts.layout,
                path: &outline.path,
                diags,
            }
            .talk(talk)
            .into();
            talks.push(LaidTalk {
                title: talk.title.clone(),
                line: talk.line,
                end_line: talk.end_line,
                slides,
            });
        }
        groups.push(FileGroup {
            name,
            intro: g.intro.clone(),
            line: g.line,
            talks,
        });
    }
    groups
}

/// Gives laid-out files their slugs, in order, and adds their decks and
/// findings to `project`.
pub fn assemble<'a>(files: impl IntoIterator<Item = &'a FileDecks>, project: &mut Project) {
    let mut slugs = Slugs::default();
    for file in files {
        project.diagnostics.extend(file.diagnostics.iter().cloned());
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
                    meta: file.meta.clone(),
                });
            }
        }
    }
}

/// Every output page, keyed by path relative to the output folder.
pub fn render_pages(
    project: &Project,
    title: &str,
    assets: &Assets,
) -> Result<BTreeMap<String, String>, Error> {
    render_pages_in(project, title, assets, &mut Vec::new())
}

/// Like [`render_pages`], with render warnings (missing images, invalid
/// math, removed raw HTML) appended to `diags`.
pub fn render_pages_in(
    project: &Project,
    title: &str,
    assets: &Assets,
    diags: &mut Vec<Diagnostic>,
) -> Result<BTreeMap<String, String>, Error> {
    let mut pages = BTreeMap::new();
    for deck in &project.decks {
        pages.insert(
            deck.path.clone(),
            render::render_deck_in(deck, assets, diags)?,
        );
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
