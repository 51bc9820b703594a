//! notedeck: plain Markdown conference notes in, one self-contained HTML
//! slide deck per talk out.
//!
//! Pipeline: [`source`] → [`parse`] → [`layout`] → [`render`] →
//! [`output`], driven by [`compile`].

pub mod cli;
pub mod commands;
pub mod compile;
pub mod config;
pub mod deck;
pub mod diag;
mod error;
pub mod layout;
pub mod outline;
pub mod output;
pub mod parse;
pub mod render;
pub mod serve;
pub mod source;
pub mod watch;

pub use compile::cache::BuildStats;
pub use compile::{BuildOptions, Project};
pub use diag::{Diagnostic, Severity};
pub use error::Error;

use std::path::Path;

/// What one build did.
#[derive(Debug)]
pub struct BuildReport {
    pub project: Project,
    pub written: output::WriteReport,
}

impl BuildReport {
    pub fn slide_count(&self) -> usize {
        self.project.decks.iter().map(|d| d.slides.len()).sum()
    }
}

/// Recap title: the event when configured, else the group names.
pub fn recap_title(opts: &BuildOptions, project: &Project) -> String {
    if let Some(t) = &opts.title {
        return t.clone();
    }
    if let Some(e) = &opts.meta.event {
        return e.clone();
    }
    let mut names: Vec<&str> = Vec::new();
    for d in &project.decks {
        if !names.contains(&d.group.name.as_str()) {
            names.push(&d.group.name);
        }
    }
    match names.as_slice() {
        [one] => one.to_string(),
        _ => "Recap".to_string(),
    }
}

/// One rendered page's HTML, shared between builds and the server.
pub type Page = std::sync::Arc<str>;

/// An in-memory build: every page keyed by its path in the output folder.
#[derive(Debug)]
pub struct Site {
    pub project: Project,
    /// Page bodies are shared (`Arc`): a rebuild hands unchanged pages
    /// on without copying them.
    pub pages: std::collections::BTreeMap<String, Page>,
    /// Pages (sorted paths) that are new or whose bytes differ from the
    /// previous build of the same `Compiler`; every page on a first build.
    /// A watcher reloads exactly these instead of diffing `pages`.
    pub changed: Vec<String>,
    /// Pages the previous build of this `Compiler` had and this one has not.
    pub removed: Vec<String>,
    /// Per page: its version and the hash of each slide, kept beside it
    /// (see [`render::PageDigest`]); what a rebuild changed is read from these.
    pub digests: std::collections::BTreeMap<String, std::sync::Arc<render::PageDigest>>,
    /// What this build actually recomputed.
    pub stats: BuildStats,
}

/// Builds sites from one set of options. Holding one across rebuilds
/// (as `serve` and `--watch` do) lets it reuse work for unchanged inputs.
#[derive(Debug)]
pub struct Compiler {
    pub opts: BuildOptions,
    cache: compile::cache::Cache,
}

impl Compiler {
    pub fn new(opts: BuildOptions) -> Self {
        Compiler {
            opts,
            cache: Default::default(),
        }
    }

    /// Compiles every input and renders every page, in memory. Only files
    /// whose text changed since the previous build are parsed again, and
    /// only decks that changed are rendered again (see `Site::stats`).
    pub fn build(&mut self) -> Result<Site, Error> {
        self.cache.build(&self.opts)
    }
}

impl Compiler {
    /// The theme registry for this build (built-ins plus the project's
    /// `themes/`), after checking every deck's theme exists.
    pub fn assets(&self, project: &Project) -> Result<render::Assets, Error> {
        build_assets(&self.opts, project)
    }
}

/// The theme registry for one build (built-ins plus the project's
/// `themes/`), after checking every deck's theme exists.
pub(crate) fn build_assets(
    opts: &BuildOptions,
    project: &Project,
) -> Result<render::Assets, Error> {
    {
        let dirs = render::theme::Themes::project_dirs(&opts.inputs);
        let themes = render::theme::Themes::load(&dirs)?;
        themes.get(&opts.meta.theme)?;
        for d in &project.decks {
            if themes.get(&d.meta.theme).is_err() {
                return Err(Error::Source {
                    path: d.source.clone(),
                    line: d.line as usize,
                    message: themes.unknown(&d.meta.theme),
                });
            }
        }
        Ok(render::Assets {
            themes,
            no_notes: opts.no_notes,
            live: opts.live,
        })
    }
}

/// Compiles the inputs and writes the recap into `out`. Per-file errors
/// are in the report (other files still build); a refused output folder
/// or a failed write is an `Err`.
pub fn build(opts: &BuildOptions, out: &Path) -> Result<BuildReport, Error> {
    let mut opts = opts.clone();
    opts.exclude.push(out.to_path_buf());
    let mut compiler = Compiler::new(opts.clone());
    compiler.cache.one_shot = true;
    let site = compiler.build()?;
    output::check_output_dir(out, &opts.inputs, &site.project.sources)?;
    let written = output::write_pages(out, &site.pages)?;
    Ok(BuildReport {
        project: site.project,
        written,
    })
}
