//! `notedeck pptx`: the recap as an editable PowerPoint.

use super::report::plural;
use super::{code, Reporter};
use crate::services::theme::Themes;
use crate::{BuildOptions, Compiler, Error};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub fn run(
    r: &Reporter,
    opts: BuildOptions,
    deck: Option<String>,
    template: Option<PathBuf>,
    output: &Path,
) -> ExitCode {
    let started = Instant::now();
    match export(opts, deck, template, output) {
        Ok((project, report)) => {
            let failed = r.findings(&project);
            r.out(format!(
                "Wrote {} ({}, {}) in {} ms → {}",
                plural(report.decks, "deck"),
                plural(report.slides, "slide"),
                plural(report.sections.len(), "section"),
                started.elapsed().as_millis(),
                output.display()
            ));
            code(failed)
        }
        Err(e) => r.fail(&e),
    }
}

/// Compiles the notes (no HTML is rendered) and writes the `.pptx`.
pub fn export(
    opts: BuildOptions,
    deck: Option<String>,
    template: Option<PathBuf>,
    output: &Path,
) -> Result<(crate::Project, crate::output::pptx::PptxReport), Error> {
    let mut compiler = Compiler::once(opts);
    let project = compiler.compile()?;
    let opts = &compiler.opts;
    if project.decks.is_empty() {
        return Err(Error::Empty {
            inputs: opts
                .inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    let themes = Themes::load_capped(
        &Themes::project_dirs(&opts.inputs),
        opts.theme_base.as_deref(),
        opts.meta.limits.themes,
    )?;
    let name = project
        .decks
        .first()
        .map_or("light", |d| d.meta.theme.as_str());
    let theme = themes.get(name).or_else(|_| themes.get("light"))?.clone();
    let popts = crate::output::pptx::PptxOptions {
        title: crate::compile::recap_title(opts, &project.decks),
        deck,
        template,
        theme,
    };
    let report = crate::output::pptx::write_pptx(&project.decks, &popts, output)?;
    Ok((project, report))
}
