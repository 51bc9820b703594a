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
pub mod outline;
pub mod output;
pub mod parse;
pub mod render;
pub mod source;

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

/// Compiles the inputs and writes the recap into `out`. Per-file errors
/// are in the report (other files still build); a refused output folder
/// or a failed write is an `Err`.
pub fn build(opts: &BuildOptions, out: &Path) -> Result<BuildReport, Error> {
    let mut opts = opts.clone();
    opts.exclude.push(out.to_path_buf());
    let project = compile::compile(&opts);
    output::check_output_dir(out, &opts.inputs, &project.sources)?;
    let assets = render::Assets {
        theme_css: render::theme::builtin(&opts.meta.theme)
            .ok_or_else(|| Error::Usage(format!("unknown theme '{}'", opts.meta.theme)))?
            .to_string(),
    };
    let pages = compile::render_pages(&project, &recap_title(&opts, &project), &assets)?;
    let written = output::write_pages(out, &pages)?;
    Ok(BuildReport { project, written })
}
