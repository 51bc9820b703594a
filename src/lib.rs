//! notedeck: plain Markdown conference notes in, one self-contained HTML
//! slide deck per talk out.
//!
//! Pipeline: [`source`] → [`parse`] → [`layout`] → [`render`] →
//! [`output`], driven by [`compile`].

pub mod cli;
pub mod compile;
pub mod deck;
pub mod diag;
mod error;
pub mod inspect;
pub mod layout;
pub mod live;
pub mod outline;
pub mod output;
pub mod parse;
pub mod render;
pub mod serve;
pub mod source;
pub mod watch;

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

/// An in-memory build: every page keyed by its path in the output folder.
#[derive(Debug)]
pub struct Site {
    pub project: Project,
    pub pages: std::collections::BTreeMap<String, String>,
}

/// Builds sites from one set of options. Holding one across rebuilds
/// (as `serve` and `--watch` do) lets it reuse work for unchanged inputs.
#[derive(Debug)]
pub struct Compiler {
    pub opts: BuildOptions,
}

impl Compiler {
    pub fn new(opts: BuildOptions) -> Self {
        Compiler { opts }
    }

    /// Compiles every input and renders every page, in memory.
    pub fn build(&mut self) -> Result<Site, Error> {
        let project = compile::compile(&self.opts);
        let assets = render::Assets {
            theme_css: render::theme::builtin(&self.opts.meta.theme)
                .ok_or_else(|| Error::Usage(format!("unknown theme '{}'", self.opts.meta.theme)))?
                .to_string(),
        };
        let pages = compile::render_pages(&project, &recap_title(&self.opts, &project), &assets)?;
        Ok(Site { project, pages })
    }
}

/// Compiles the inputs and writes the recap into `out`. Per-file errors
/// are in the report (other files still build); a refused output folder
/// or a failed write is an `Err`.
pub fn build(opts: &BuildOptions, out: &Path) -> Result<BuildReport, Error> {
    let mut opts = opts.clone();
    opts.exclude.push(out.to_path_buf());
    let site = Compiler::new(opts.clone()).build()?;
    output::check_output_dir(out, &opts.inputs, &site.project.sources)?;
    let written = output::write_pages(out, &site.pages)?;
    Ok(BuildReport {
        project: site.project,
        written,
    })
}
