//! The one orchestration: [`Compiler`] takes notes files through
//! source → parse → layout → render and keeps what a rebuild can reuse.
//! Every command, test, bench and fuzz target builds through it.

pub mod assemble;
pub mod cache;
pub mod file;
pub mod lint;
pub mod session;
mod stream;

pub use assemble::slugify;
pub use cache::BuildStats;

use crate::deck::{Deck, DeckMeta};
use crate::diag::{Diagnostic, Severity};
use crate::layout::LayoutOptions;
use crate::source::SourceFile;
use crate::Error;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub inputs: Vec<PathBuf>,
    pub layout: LayoutOptions,
    pub meta: DeckMeta,
    /// Folders never read as input (the output folder).
    pub exclude: Vec<PathBuf>,
    /// Settings given on the command line: they win over front matter
    /// (`meta` already includes them, on top of `notedeck.toml`). Set
    /// them with [`BuildOptions::set_override`].
    pub overrides: crate::config::Settings,
    /// Recap index title (`title` in notedeck.toml); default: the event,
    /// else the group names.
    pub title: Option<String>,
    /// Leave speaker notes out of the HTML (an audience copy).
    pub no_notes: bool,
    /// Keep the team's speaker notes in the reading copy (`read.html`),
    /// which leaves them out by default.
    pub with_notes: bool,
    /// The built-in project themes are layered on when they name none
    /// (`[build] theme_base`); `None`: light.
    pub theme_base: Option<String>,
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
            with_notes: false,
            theme_base: None,
            live: false,
        }
    }
}

impl BuildOptions {
    /// Sets a command-line setting: written once, into `overrides`, and
    /// applied to `meta` from there.
    pub fn set_override(&mut self, set: impl FnOnce(&mut crate::config::Settings)) {
        set(&mut self.overrides);
        self.overrides.apply(&mut self.meta);
    }

    /// Build options from a project config (defaults for anything not
    /// given); the command line then overrides them.
    pub fn from_config(cfg: &crate::config::ProjectConfig) -> Self {
        let mut opts = BuildOptions::default();
        if let Some(i) = &cfg.inputs {
            opts.inputs.clone_from(i);
        }
        if let Some(b) = cfg.line_budget {
            opts.layout.budget = b;
        }
        opts.theme_base.clone_from(&cfg.theme_base);
        cfg.settings.apply(&mut opts.meta);
        opts.meta.limits = cfg.limits;
        opts.title.clone_from(&cfg.settings.title);
        opts
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
    /// How each file's headings were read, in source order.
    pub roles: Vec<(PathBuf, crate::outline::Roles)>,
}

impl Project {
    pub fn slide_count(&self) -> usize {
        self.decks.iter().map(|d| d.slides.len()).sum()
    }

    /// Every finding, errors included, sorted by place: what `check` and
    /// `build` print, in the same order and words.
    pub fn findings(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self.diagnostics.clone();
        all.extend(self.errors.iter().map(Diagnostic::from));
        all.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
        });
        all.dedup();
        all
    }

    /// An `Err` when the build made no deck: writing it would replace a
    /// recap with an empty one.
    pub fn require_slides(&self, inputs: &[PathBuf]) -> Result<(), Error> {
        if self.decks.is_empty() {
            return Err(Error::Empty {
                inputs: inputs
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        Ok(())
    }

    /// Whether any finding is an error.
    pub fn failed(&self) -> bool {
        !self.errors.is_empty()
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
    }
}

/// The recap index's page.
pub const INDEX_PAGE: &str = "index.html";

/// The whole-project pages: [`Compiler::finish`] renders them after the
/// decks.
pub const WHOLE_PAGES: [&str; 3] = [
    INDEX_PAGE,
    crate::render::recap::RECAP_PAGE,
    crate::render::read::READ_PAGE,
];

/// One rendered page's HTML, shared between builds and the server.
pub type Page = std::sync::Arc<str>;

/// An in-memory build: every page keyed by its path in the output folder.
#[derive(Debug)]
pub struct Site {
    pub project: Project,
    /// Page bodies are shared (`Arc`): a rebuild hands unchanged pages
    /// on without copying them.
    pub pages: BTreeMap<String, Page>,
    /// Pages (sorted paths) that are new or whose bytes differ from the
    /// previous build of the same `Compiler`; every page on a first build
    /// (the index and show only once [`Compiler::finish`] ran).
    /// A watcher reloads exactly these instead of diffing `pages`.
    pub changed: Vec<String>,
    /// Pages the previous build of this `Compiler` had and this one has not.
    pub removed: Vec<String>,
    /// Per page: its version and the hash of each slide, kept beside it
    /// (see [`crate::render::PageDigest`]); what a rebuild changed is read
    /// from these.
    pub digests: BTreeMap<String, Arc<crate::render::PageDigest>>,
    /// What this build actually recomputed.
    pub stats: BuildStats,
    /// Image files the decks name (embedded or missing), absolute and
    /// sorted: a watcher watches these too.
    pub images: Vec<PathBuf>,
    /// Set until the recap index and show are rendered
    /// ([`Compiler::finish`]).
    pending: Option<cache::Pending>,
}

/// Where the threads that render pages may write them themselves, beside
/// the sink (the output layer's folder; this layer only calls it).
pub trait PageTarget: Send + Sync {
    /// Writes one page, given as the slices it is made of in order; the
    /// `Err` is a path the folder refuses.
    fn write(&self, rel: &str, slices: &[&str]) -> Result<Written, Error>;
}

/// One page's write through a [`PageTarget`]: its hash for the manifest,
/// and whether it was written (`false`: the file already held its bytes).
pub struct Written {
    pub hash: String,
    pub written: Result<bool, Error>,
}

impl Written {
    /// The write failed (the page is not there).
    pub fn failed(&self) -> bool {
        self.written.is_err()
    }
}

/// Where [`Compiler::build_into`] hands each page as soon as it is
/// rendered; the page is dropped once the sink returns, so a build's
/// memory does not grow with its pages (an output folder is one sink).
pub trait PageSink {
    /// Called once, before any page, with the project's decks assembled
    /// (paths, titles, order) but not yet laid out: their slides are
    /// empty. An `Err` means the sink takes no page (the build still
    /// renders every deck, for its findings).
    fn begin(&mut self, project: &Project) -> Result<(), Error>;
    /// One finished page: every deck's, in the order they finish
    /// rendering (the recap index, show and reading copy, [`WHOLE_PAGES`],
    /// come in parts, [`PageSink::open`], but whole from a `live` build).
    /// After an `Err` the sink gets no further page.
    fn page(&mut self, path: &str, html: &str) -> Result<(), Error>;
    /// A page handed on in parts, for the pages too large to hold whole
    /// (the recap index, show and reading copy): `open`, its parts in
    /// order (`part`), then `close`; other pages may come between. A page
    /// opened and never closed is not written.
    fn open(&mut self, path: &str) -> Result<(), Error>;
    fn part(&mut self, path: &str, html: &str) -> Result<(), Error>;
    fn close(&mut self, path: &str) -> Result<(), Error>;
    /// A folder for unnamed scratch files (parts waiting for their page's
    /// head), or `None`: keep them in memory.
    fn scratch(&self) -> Option<&std::path::Path> {
        None
    }
    /// Where the threads that render pages may write them themselves
    /// (then [`PageSink::written`] for each), or `None`: each page comes
    /// through [`PageSink::page`].
    fn target(&self) -> Option<std::sync::Arc<dyn PageTarget>> {
        None
    }
    /// A page written to [`PageSink::target`]: an `Err` as from `page`.
    fn written(&mut self, path: &str, put: Written) -> Result<(), Error> {
        let _ = (path, put);
        Err(Error::Setup(
            "internal: a page written for a sink with no target".into(),
        ))
    }
}

/// What [`Compiler::build_into`] returns: the project with every finding
/// (render warnings included), and the sink's first error, if any.
#[derive(Debug)]
pub struct Streamed {
    pub project: Project,
    pub sink: Result<(), Error>,
}

/// Builds sites from one set of options. Holding one across rebuilds
/// (as `serve` and `--watch` do) lets it reuse work for unchanged inputs.
#[derive(Debug)]
pub struct Compiler {
    pub opts: BuildOptions,
    cache: cache::Cache,
}

impl Compiler {
    pub fn new(opts: BuildOptions) -> Self {
        Compiler {
            opts,
            cache: cache::Cache::default(),
        }
    }

    /// For one build only (`notedeck build`): keeps nothing for a next
    /// build, which saves the copies a cache needs.
    pub fn once(opts: BuildOptions) -> Self {
        let mut c = Compiler::new(opts);
        c.cache.one_shot = true;
        c
    }

    /// Reads the inputs and compiles them to decks with every finding of
    /// parse, layout and the project lints; renders nothing.
    pub fn compile(&mut self) -> Result<Project, Error> {
        let (sources, errors) = self.read();
        self.compile_sources(sources, errors)
    }

    /// [`Compiler::compile`] on notes already in memory; `errors` are
    /// failures from reading them, reported with the rest.
    pub fn compile_sources(
        &mut self,
        sources: Vec<SourceFile>,
        errors: Vec<Error>,
    ) -> Result<Project, Error> {
        Ok(self.cache.project(&self.opts, sources, errors)?.0)
    }

    /// Every finding a [`Compiler::build`] reports, render warnings
    /// included, without keeping the pages: what `check` runs.
    pub fn findings(&mut self) -> Result<Project, Error> {
        let (sources, errors) = self.read();
        self.cache.findings(&self.opts, sources, errors)
    }

    /// Compiles every input and renders every page, in memory. Only files
    /// whose text changed since the previous build are parsed again, and
    /// only decks that changed are rendered again (see `Site::stats`).
    pub fn build(&mut self) -> Result<Site, Error> {
        let (sources, errors) = self.read();
        self.build_sources(sources, errors)
    }

    /// [`Compiler::build`] on notes already in memory (tests, fuzzing).
    pub fn build_sources(
        &mut self,
        sources: Vec<SourceFile>,
        errors: Vec<Error>,
    ) -> Result<Site, Error> {
        let mut site = self.cache.build_decks(&self.opts, sources, errors)?;
        self.finish(&mut site)?;
        Ok(site)
    }

    /// [`Compiler::build`] with each page handed to `sink` as soon as it
    /// is rendered, then dropped: what `notedeck build` writes its folder
    /// with. Files are parsed first, then laid out one at a time, so the
    /// slides of every talk are never held at once; the decks come back
    /// with their slides counted but dropped ([`crate::deck::Deck::shed`]).
    /// Keeps no page for a next build. An `Err` stops the build
    /// where it failed; the pages handed on before it stay with the sink
    /// (an output folder lists every page in its manifest before the
    /// first, as a build stopped midway always did).
    pub fn build_into(&mut self, sink: &mut dyn PageSink) -> Result<Streamed, Error> {
        if self.opts.live {
            return self.build_whole_into(sink);
        }
        let (sources, errors) = self.read();
        stream::build_into(&self.opts, sources, errors, sink, true)
    }

    /// [`Compiler::build`], then each page to `sink`, decks first: served
    /// pages (`live`) carry a version of the whole index and show, known
    /// only once every deck is.
    fn build_whole_into(&mut self, sink: &mut dyn PageSink) -> Result<Streamed, Error> {
        let site = self.build()?;
        let mut taken = sink.begin(&site.project);
        let decks = site.project.decks.iter().map(|d| d.path.as_str());
        for path in decks.chain(WHOLE_PAGES) {
            if let (Ok(()), Some(html)) = (&taken, site.pages.get(path)) {
                taken = sink.page(path, html);
            }
        }
        Ok(Streamed {
            project: site.project,
            sink: taken,
        })
    }

    /// [`Compiler::build_into`], the decks coming back with their slides
    /// (for callers that read them after writing): the pages are still
    /// handed on one by one, but every talk's slides stay held.
    pub fn build_into_keeping_slides(
        &mut self,
        sink: &mut dyn PageSink,
    ) -> Result<Streamed, Error> {
        if self.opts.live {
            return self.build_whole_into(sink);
        }
        let (sources, errors) = self.read();
        stream::build_into(&self.opts, sources, errors, sink, false)
    }

    /// [`Compiler::build`] up to the talk decks: the site has every deck
    /// page but not yet the recap index and show, which read every deck
    /// and are the slow part of a large project's rebuild. `serve` pushes
    /// a deck's change to its open page first, then calls
    /// [`Compiler::finish`].
    pub fn build_decks(&mut self) -> Result<Site, Error> {
        let (sources, errors) = self.read();
        self.cache.build_decks(&self.opts, sources, errors)
    }

    /// Renders the recap index and show into a site from
    /// [`Compiler::build_decks`] (nothing when they are there already).
    pub fn finish(&mut self, site: &mut Site) -> Result<(), Error> {
        self.cache.finish(&self.opts, site)
    }

    /// [`Compiler::finish`]'s first part: `None` when the index and show
    /// came from the cache; else what to render them from
    /// ([`cache::WholeWork::render`], on any thread), for
    /// [`Compiler::end_finish`].
    pub(crate) fn begin_finish(&mut self, site: &mut Site) -> Option<cache::WholeWork> {
        self.cache.begin_finish(&self.opts, site)
    }

    /// [`Compiler::finish`]'s last part: the rendered pages into `site`.
    pub(crate) fn end_finish(
        &mut self,
        site: &mut Site,
        work: cache::WholeWork,
        rendered: Result<cache::WholePages, Error>,
    ) -> Result<(), Error> {
        self.cache.end_finish(site, work, rendered)
    }

    fn read(&self) -> (Vec<SourceFile>, Vec<Error>) {
        let mut errors = Vec::new();
        let sources = crate::source::load(
            &self.opts.inputs,
            &self.opts.exclude,
            self.opts.meta.limits.notes,
            &mut errors,
        );
        for e in &mut errors {
            if let Some(hint) = missing_input_hint(e, &self.opts.inputs) {
                *e = hint;
            }
        }
        (sources, errors)
    }
}

/// A missing input named on the command line, with the nearest existing
/// entry beside it: `talk: no such file or directory; did you mean talks/?`
fn missing_input_hint(e: &Error, inputs: &[PathBuf]) -> Option<Error> {
    let Error::Io { path, source } = e else {
        return None;
    };
    if source.kind() != std::io::ErrorKind::NotFound || !inputs.contains(path) {
        return None;
    }
    let name = path.file_name()?.to_str()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut names: Vec<String> = std::fs::read_dir(&parent)
        .ok()?
        .filter_map(|d| {
            let d = d.ok()?;
            let n = d.file_name().into_string().ok()?;
            let dir = d.file_type().ok()?.is_dir();
            (!n.starts_with('.') && (dir || n.ends_with(".md"))).then(|| {
                if dir {
                    format!("{n}/")
                } else {
                    n
                }
            })
        })
        .collect();
    names.sort();
    let bare: Vec<&str> = names.iter().map(|n| n.trim_end_matches('/')).collect();
    let near = crate::diag::closest(name, &bare)?;
    let shown = names.iter().find(|n| n.trim_end_matches('/') == near)?;
    let shown = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(shown).display().to_string(),
        _ => shown.clone(),
    };
    Some(Error::Input {
        path: path.clone(),
        message: format!("no such file or directory; did you mean {shown}?"),
    })
}

impl Site {
    /// Whether the recap index and show are rendered: a site from
    /// [`Compiler::build_decks`] is not, until [`Compiler::finish`].
    pub fn finished(&self) -> bool {
        self.pending.is_none()
    }

    /// An `Err` when the build made no deck: writing it would replace a
    /// recap with an empty one.
    pub fn require_slides(&self, inputs: &[PathBuf]) -> Result<(), Error> {
        self.project.require_slides(inputs)
    }
}

/// Recap title: the configured title, else the event, else the group
/// name when there is one group.
pub fn recap_title(opts: &BuildOptions, decks: &[Deck]) -> String {
    if let Some(t) = &opts.title {
        return t.clone();
    }
    // The event names the recap, from notedeck.toml or a notes file.
    if let Some(e) = opts
        .meta
        .event
        .as_ref()
        .or_else(|| decks.iter().find_map(|d| d.meta.event.as_ref()))
    {
        return e.clone();
    }
    let mut names: Vec<&str> = Vec::new();
    for d in decks {
        if !names.contains(&d.group.name.as_str()) {
            names.push(&d.group.name);
        }
    }
    match names.as_slice() {
        [one] => one.to_string(),
        _ => "Recap".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_line_setting_lands_in_overrides_and_meta() {
        let mut opts = BuildOptions::default();
        opts.set_override(|s| s.theme = Some("dark".into()));
        opts.set_override(|s| s.allow_html = Some(true));
        assert_eq!(opts.overrides.theme.as_deref(), Some("dark"));
        assert_eq!(opts.meta.theme, "dark");
        assert!(opts.meta.allow_html && opts.overrides.allow_html == Some(true));
    }

    #[test]
    fn findings_hold_warnings_and_errors_in_place_order() {
        let missing = Error::io(
            std::path::Path::new("gone.md"),
            std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        assert!(
            std::error::Error::source(&missing).is_some(),
            "keeps its io source"
        );
        let opts = BuildOptions {
            inputs: vec![],
            ..BuildOptions::default()
        };
        let src = SourceFile::new("a.md", "## T\n\n* x\n  * y\n  * \n");
        let site = Compiler::once(opts)
            .build_sources(vec![src], vec![missing])
            .expect("build");
        let shown: Vec<String> = site
            .project
            .findings()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            shown,
            [
                "a.md:5:3: warning: empty list item",
                "gone.md: error: no such file or directory",
            ]
        );
        assert!(site.project.failed());
        assert!(site.require_slides(&[]).is_ok());
    }

    /// Keeps what it is handed, like a folder would write it.
    #[derive(Default)]
    struct Kept {
        begun: usize,
        refuse: bool,
        /// Fails on the first part of a page handed on in parts.
        refuse_parts: bool,
        pages: Vec<(String, String)>,
        /// Pages being handed on in parts.
        open: BTreeMap<String, String>,
    }

    impl PageSink for Kept {
        fn begin(&mut self, _: &Project) -> Result<(), Error> {
            self.begun += 1;
            if self.refuse {
                return Err(Error::Setup("refused".into()));
            }
            Ok(())
        }
        fn page(&mut self, path: &str, html: &str) -> Result<(), Error> {
            self.pages.push((path.to_string(), html.to_string()));
            Ok(())
        }
        fn open(&mut self, path: &str) -> Result<(), Error> {
            assert!(self.open.insert(path.to_string(), String::new()).is_none());
            Ok(())
        }
        fn part(&mut self, path: &str, html: &str) -> Result<(), Error> {
            if self.refuse_parts {
                return Err(Error::Setup("disk full".into()));
            }
            self.open.get_mut(path).expect("opened").push_str(html);
            Ok(())
        }
        fn close(&mut self, path: &str) -> Result<(), Error> {
            let html = self.open.remove(path).expect("opened");
            self.pages.push((path.to_string(), html));
            Ok(())
        }
    }

    fn two_files() -> (tempfile::TempDir, BuildOptions) {
        let dir = tempfile::tempdir().expect("tempdir");
        let notes = dir.path().join("talks");
        std::fs::create_dir_all(&notes).expect("mkdir");
        std::fs::write(
            notes.join("a.md"),
            "# Day\n\n## One\n\n* x\n  * y\n\n## Two\n\n* ![](gone.png)\n",
        )
        .expect("a");
        std::fs::write(
            notes.join("b.md"),
            "## Three\n\n```rust\nfn main() {}\n```\n",
        )
        .expect("b");
        let opts = BuildOptions {
            inputs: vec![notes],
            ..BuildOptions::default()
        };
        (dir, opts)
    }

    #[test]
    fn a_streamed_build_hands_on_every_page_of_a_build_decks_first() {
        let (_dir, opts) = two_files();
        let site = Compiler::once(opts.clone()).build().expect("build");
        let mut sink = Kept::default();
        let built = Compiler::once(opts).build_into(&mut sink).expect("stream");
        assert!(built.sink.is_ok());
        assert_eq!(sink.begun, 1);
        let paths: Vec<&str> = sink.pages.iter().map(|(p, _)| p.as_str()).collect();
        let decks: Vec<&str> = site.project.decks.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(decks.len(), 3);
        // Each deck as it is rendered (in any order), then the pages that
        // read them all.
        let mut first: Vec<&str> = paths[..3].to_vec();
        first.sort_unstable();
        let mut decks = decks;
        decks.sort_unstable();
        assert_eq!(first, decks);
        assert_eq!(paths[3..], WHOLE_PAGES[..]);
        for (path, html) in &sink.pages {
            assert_eq!(
                Some(html.as_str()),
                site.pages.get(path).map(|p| &**p),
                "{path}"
            );
        }
        assert_eq!(sink.pages.len(), site.pages.len());
        assert_eq!(built.project.findings(), site.project.findings());
        assert!(
            built
                .project
                .findings()
                .iter()
                .any(|d| d.message.contains("gone.png")),
            "render warnings come back with the project"
        );
    }

    /// Files whose talks cross: a group named in three files with
    /// another between, a talk noted in two files (one near-twin), a
    /// file that fails, footnotes numbered across the reading copy.
    fn crossing_files() -> (tempfile::TempDir, BuildOptions) {
        let dir = tempfile::tempdir().expect("tempdir");
        let notes = dir.path().join("talks");
        std::fs::create_dir_all(&notes).expect("mkdir");
        let files = [
            (
                "a.md",
                "# Day 1\n\n## Keynote\n\n* a point[^1]\n\n[^1]: its source\n\n\
                 ## Shared talk\n\nby: Ann\n\n* Ann's view\n\n# Day 2\n\n## Morning\n\n\
                 * early[^m]\n\n[^m]: coffee\n",
            ),
            ("b.md", "---\ntheme: [\n---\n\n## Lost\n\n* gone\n"),
            (
                "c.md",
                "# Day 3\n\n## Evening\n\n* late\n\n# Day 1\n\n## Shared tallk\n\n\
                 by: Bob\n\n* Bob's view[^b]\n\n[^b]: his note\n\n## Closing\n\n* bye\n",
            ),
            (
                "d.md",
                "# Day 2\n\n## Afternoon\n\n* more\n\n## Keynote\n\n* twice\n",
            ),
            ("e.md", "# Day 1\n\n## Shared talk\n\n* a third view\n"),
        ];
        for (name, text) in files {
            std::fs::write(notes.join(name), text).expect("write");
        }
        let opts = BuildOptions {
            inputs: vec![notes],
            ..BuildOptions::default()
        };
        (dir, opts)
    }

    /// A streamed build's pages and findings against a whole build's.
    fn same_as_whole(opts: BuildOptions) -> Site {
        let site = Compiler::new(opts.clone()).build().expect("build");
        let mut sink = Kept::default();
        let built = Compiler::once(opts.clone())
            .build_into(&mut sink)
            .expect("stream");
        assert!(built.sink.is_ok());
        let streamed: BTreeMap<&str, &str> = sink
            .pages
            .iter()
            .map(|(p, h)| (p.as_str(), h.as_str()))
            .collect();
        assert_eq!(streamed.len(), sink.pages.len(), "each page once");
        let whole: BTreeMap<&str, &str> =
            site.pages.iter().map(|(p, h)| (p.as_str(), &**h)).collect();
        assert_eq!(streamed, whole);
        assert_eq!(built.project.findings(), site.project.findings());
        let counts = |p: &Project| -> Vec<(String, usize)> {
            p.decks
                .iter()
                .map(|d| (d.path.clone(), d.slides.len()))
                .collect()
        };
        assert_eq!(counts(&built.project), counts(&site.project));
        let mut again = Kept::default();
        let kept = Compiler::once(opts)
            .build_into_keeping_slides(&mut again)
            .expect("stream keeping slides");
        let mut pages = again.pages.clone();
        let mut first = sink.pages.clone();
        pages.sort();
        first.sort();
        assert_eq!(pages, first);
        assert_eq!(kept.project.decks, site.project.decks);
        site
    }

    #[test]
    fn a_deck_page_miniature_is_the_one_rendered_alone() {
        let (_dir, crossing) = crossing_files();
        let fixtures = BuildOptions {
            inputs: vec!["tests/fixtures/talks".into(), "tests/fixtures/rich".into()],
            ..BuildOptions::default()
        };
        for opts in [crossing, fixtures] {
            let site = Compiler::once(opts).build().expect("build");
            for no_notes in [false, true] {
                let assets = crate::render::Assets {
                    themes: Default::default(),
                    no_notes,
                    live: false,
                };
                for d in &site.project.decks {
                    let (_, thumb) = crate::render::deck_views_thumb(
                        d,
                        &assets,
                        &mut Vec::new(),
                        &mut Vec::new(),
                    );
                    let alone = crate::render::thumb_view(d);
                    assert_eq!(format!("{thumb:?}"), format!("{alone:?}"), "{}", d.path);
                }
            }
        }
    }

    #[test]
    fn a_streamed_build_of_crossing_files_is_the_whole_build() {
        let (_dir, opts) = crossing_files();
        let site = same_as_whole(opts.clone());
        let decks: Vec<&str> = site.project.decks.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(
            decks,
            [
                "day-1/keynote.html",
                "day-1/shared-talk.html",
                "day-1/closing.html",
                "day-2/morning.html",
                "day-2/afternoon.html",
                "day-2/keynote.html",
                "day-3/evening.html",
            ]
        );
        let shared = &site.project.decks[1];
        assert_eq!(shared.sections.len(), 3, "one section per file");
        let read = &site.pages[crate::render::read::READ_PAGE];
        assert!(read.contains("fn-") && read.contains("his note"));
        assert!(site.pages["day-1/closing.html"].contains("day-2/morning.html"));
        let findings: Vec<String> = site
            .project
            .findings()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert!(
            findings.iter().any(|f| f.contains("looks like")),
            "{findings:?}"
        );
        assert!(findings
            .iter()
            .any(|f| f.starts_with("b.md") || f.contains("b.md")));
        // With notes kept in the reading copy, and without any in the pages.
        let mut noted = opts.clone();
        noted.with_notes = true;
        same_as_whole(noted);
        let mut quiet = opts;
        quiet.no_notes = true;
        same_as_whole(quiet);
    }

    #[test]
    fn a_streamed_build_of_the_examples_is_the_whole_build() {
        for inputs in ["talks", "examples"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(inputs);
            if path.is_dir() {
                same_as_whole(BuildOptions {
                    inputs: vec![path],
                    ..BuildOptions::default()
                });
            }
        }
    }

    #[test]
    fn a_streamed_show_with_a_time_plan_is_the_whole_show() {
        use crate::render::recap::RECAP_PAGE;
        let (dir, mut opts) = crossing_files();
        std::fs::write(
            dir.path().join("talks/f.md"),
            "# Day 4\n\n## Timed\n\nminutes: 7\n\n* x\n\n## Untimed\n\n* y\n* z\n",
        )
        .expect("f");
        // Minutes on one talk only: no plan.
        let site = same_as_whole(opts.clone());
        assert!(!site.pages[RECAP_PAGE].contains("data-at="));
        // A total for the recap: the talks without minutes share what the
        // timed one leaves, by their slide counts (known only at the end).
        opts.meta.total_minutes = Some(90);
        let site = same_as_whole(opts);
        let show = &site.pages[RECAP_PAGE];
        assert!(show.contains(" data-at=\"5400\""), "the closing slide");
        let starts = show.matches(" data-at=").count();
        assert_eq!(starts, crate::render::recap::show_len(&site.project.decks));
        // Every talk timed, no total: a plan from the minutes alone.
        let timed = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            timed.path().join("t.md"),
            "## A\n\nminutes: 5\n\n* x\n\n## B\n\nminutes: 3\n\n* y\n",
        )
        .expect("t");
        let site = same_as_whole(BuildOptions {
            inputs: vec![timed.path().to_path_buf()],
            ..BuildOptions::default()
        });
        assert!(site.pages[RECAP_PAGE].contains(" data-at=\"480\""));
    }

    #[test]
    fn a_build_written_in_parts_to_a_folder_is_the_whole_build() {
        let (dir, mut opts) = crossing_files();
        opts.meta.total_minutes = Some(60);
        opts.with_notes = true;
        let site = Compiler::new(opts.clone()).build().expect("build");
        let out = dir.path().join("out");
        let inputs = opts.inputs.clone();
        let write = || {
            let mut folder = crate::output::pages::Pages { inputs: &inputs }.sink(&out);
            let built = Compiler::once(opts.clone())
                .build_into(&mut folder)
                .expect("stream");
            built.sink.expect("every page taken");
            folder.finish().expect("finish")
        };
        let first = write();
        assert_eq!(first.written, site.pages.len());
        for (path, html) in &site.pages {
            let disk = std::fs::read_to_string(out.join(path)).expect("page");
            assert!(disk == **html, "{path} differs from the whole build's");
        }
        // Nothing but pages, the manifest and the lock: the index's and
        // the show's spooled parts and the temp files are gone.
        let mut left = Vec::new();
        let mut dirs = vec![out.clone()];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).expect("dir").flatten() {
                if e.file_type().expect("type").is_dir() {
                    dirs.push(e.path());
                } else {
                    left.push(e.path());
                }
            }
        }
        assert_eq!(left.len(), site.pages.len() + 2, "{left:?}");
        // The same pages again, parts and all: none rewritten.
        let again = write();
        assert_eq!((again.written, again.unchanged), (0, site.pages.len()));
    }

    #[test]
    fn a_sink_that_refuses_gets_no_page_but_the_findings_still_come() {
        let (_dir, opts) = two_files();
        let mut sink = Kept {
            refuse: true,
            ..Kept::default()
        };
        let built = Compiler::once(opts).build_into(&mut sink).expect("stream");
        assert_eq!(built.sink.expect_err("refused").to_string(), "refused");
        assert!(sink.pages.is_empty());
        assert!(built
            .project
            .findings()
            .iter()
            .any(|d| d.message.contains("gone.png")));
    }

    #[test]
    fn a_sink_that_fails_midway_gets_no_further_part_and_the_build_ends() {
        let (_dir, opts) = crossing_files();
        let mut sink = Kept {
            refuse_parts: true,
            ..Kept::default()
        };
        let built = Compiler::once(opts).build_into(&mut sink).expect("stream");
        assert_eq!(built.sink.expect_err("failed").to_string(), "disk full");
        // The reading copy opened first and failed: no page in parts came
        // whole, and no deck after the failure.
        assert!(sink.pages.is_empty(), "{:?}", sink.pages.len());
        assert!(built
            .project
            .findings()
            .iter()
            .any(|d| d.message.contains("looks like")));
    }

    #[test]
    fn a_live_build_into_a_sink_hands_on_the_served_pages_whole() {
        let (_dir, mut opts) = two_files();
        opts.live = true;
        let site = Compiler::new(opts.clone()).build().expect("build");
        let mut sink = Kept::default();
        let built = Compiler::once(opts).build_into(&mut sink).expect("live");
        assert!(built.sink.is_ok());
        let paths: Vec<&str> = sink.pages.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths[paths.len() - 3..], WHOLE_PAGES[..]);
        assert_eq!(sink.pages.len(), site.pages.len());
        for (path, html) in &sink.pages {
            assert_eq!(Some(html.as_str()), site.pages.get(path).map(|p| &**p));
        }
        // Every served page but the reading copy, which does not reload.
        assert!(sink
            .pages
            .iter()
            .filter(|(p, _)| p != crate::render::read::READ_PAGE)
            .all(|(_, h)| h.contains("data-notedeck-live")));
    }

    #[test]
    fn only_served_pages_carry_slide_hashes() {
        let (_dir, mut opts) = two_files();
        let site = Compiler::new(opts.clone()).build().expect("build");
        assert!(site.digests.values().all(|d| d.slides.is_empty()));
        opts.live = true;
        let live = Compiler::new(opts).build().expect("served");
        for d in &live.project.decks {
            assert_eq!(
                live.digests[&d.path].slides.len(),
                d.slides.len(),
                "{}",
                d.path
            );
        }
        assert!(!live.digests[crate::render::recap::RECAP_PAGE]
            .slides
            .is_empty());
    }

    #[test]
    fn a_one_shot_layout_keeps_nothing_to_reuse() {
        let (_dir, opts) = two_files();
        let dirs = crate::services::theme::Themes::project_dirs(&opts.inputs);
        let themes = crate::services::theme::Themes::load(&dirs, None).expect("themes");
        let src = SourceFile::new("a.md", "## One\n\n* x\n\n## Two\n\n* y\n");
        let kept = |keep| -> Vec<bool> {
            file::lay_out_reusing(&src, &opts, &themes, None, keep)
                .expect("lay out")
                .groups
                .iter()
                .flat_map(|g| &g.talks)
                .map(|t| t.made_from.is_some())
                .collect()
        };
        assert_eq!(kept(true), [true, true]);
        assert_eq!(kept(false), [false, false]);
    }

    #[test]
    fn a_site_without_decks_is_refused() {
        let opts = BuildOptions {
            inputs: vec![PathBuf::from("empty")],
            ..BuildOptions::default()
        };
        let site = Compiler::once(opts.clone())
            .build_sources(vec![SourceFile::new("e.md", "\n")], Vec::new())
            .expect("build");
        let e = site.require_slides(&opts.inputs).expect_err("no decks");
        assert_eq!(e.to_string(), "empty: no slides to build; nothing written");
    }
}
