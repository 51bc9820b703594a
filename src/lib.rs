//! notedeck: plain Markdown conference notes in, one self-contained HTML
//! slide deck per talk out.
//!
//! Pipeline: [`source`] → [`parse`] → [`layout`] → [`render`] →
//! [`output`], driven by one [`Compiler`] (in [`compile`]). Only
//! [`commands`] prints.
//!
//! Layers, each importing only its own and those below (kept so by
//! `tests/layers.rs`): the model ([`outline`], [`deck`], [`diag`],
//! [`source`], …); [`services`], [`config`] and [`watch`]; then
//! [`parse`], [`layout`], [`render`], [`compile`], [`output`] (one
//! [`output::Format`] per output format), [`serve`] and [`commands`].

pub mod cli;
pub mod commands;
pub mod compile;
pub mod config;
pub mod deck;
pub mod diag;
mod error;
pub mod layout;
pub mod mime;
pub mod outline;
pub mod output;
pub mod parse;
pub mod paths;
pub mod recap;
pub mod render;
pub mod serve;
pub mod services;
pub mod source;
pub mod watch;

pub use compile::{BuildOptions, BuildStats, Compiler, Page, Project, Site};
pub use diag::{Diagnostic, Severity};
pub use error::Error;

use std::path::Path;

/// What one build wrote.
#[derive(Debug)]
pub struct BuildReport {
    pub project: Project,
    pub written: output::WriteReport,
}

impl BuildReport {
    pub fn slide_count(&self) -> usize {
        self.project.slide_count()
    }
}

/// Builds the inputs once and writes the recap into `out`, each deck as
/// soon as it is rendered: a shorthand for [`Compiler::once`],
/// [`Compiler::build_into_keeping_slides`] and [`output::pages::Pages`].
/// The project comes back with every deck's slides (`notedeck build`
/// drops them as it goes).
pub fn build(opts: &BuildOptions, out: &Path) -> Result<BuildReport, Error> {
    let mut opts = opts.clone();
    opts.exclude.push(out.to_path_buf());
    let inputs = opts.inputs.clone();
    let mut folder = output::pages::Pages { inputs: &inputs }.sink(out);
    let built = Compiler::once(opts).build_into_keeping_slides(&mut folder)?;
    built.sink?;
    Ok(BuildReport {
        project: built.project,
        written: folder.finish()?,
    })
}
