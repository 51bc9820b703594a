//! `notedeck check`: the findings of a full build in memory, nothing
//! written. The same list, in the same words, as `build` prints.

use super::report::plural;
use super::Reporter;
use crate::cli::Format;
use crate::diag::{Diagnostic, Severity};
use crate::{BuildOptions, Compiler};
use serde::Serialize;
use std::process::ExitCode;

/// Everything `check` found, in a stable order (`--format json`).
#[derive(Debug, Serialize)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub warnings: usize,
    pub errors: usize,
    pub decks: usize,
    pub slides: usize,
}

impl Report {
    /// Whether `check` fails: errors, or warnings when they are denied.
    pub fn failed(&self, deny_warnings: bool) -> bool {
        self.errors > 0 || (deny_warnings && self.warnings > 0)
    }
}

/// Builds the inputs in memory and collects the findings.
pub fn report(opts: BuildOptions) -> Result<Report, crate::Error> {
    let project = &Compiler::once(opts).findings()?;
    let diagnostics = project.findings();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    Ok(Report {
        warnings: diagnostics.len() - errors,
        errors,
        decks: project.decks.len(),
        slides: project.slide_count(),
        diagnostics,
    })
}

pub fn run(r: &Reporter, opts: BuildOptions, deny_warnings: bool, format: Format) -> ExitCode {
    let report = match report(opts) {
        Ok(report) => report,
        Err(e) => return r.fail(&e),
    };
    match format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(s) => r.data(format_args!("{s}\n")),
            Err(e) => {
                r.error(e);
                return ExitCode::from(1);
            }
        },
        Format::Text => {
            for d in &report.diagnostics {
                r.diag(d);
            }
            r.out(format!(
                "Checked {} ({}): {}, {}",
                plural(report.decks, "deck"),
                plural(report.slides, "slide"),
                plural(report.warnings, "warning"),
                plural(report.errors, "error")
            ));
        }
    }
    super::code(report.failed(deny_warnings))
}
