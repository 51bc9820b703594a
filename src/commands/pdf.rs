//! `notedeck pdf`: the recap printed to one PDF by headless Chromium.

use super::report::plural;
use super::{code, Reporter};
use crate::{BuildOptions, Compiler};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub fn run(
    r: &Reporter,
    opts: BuildOptions,
    deck: Option<String>,
    browser: Option<PathBuf>,
    output: &Path,
) -> ExitCode {
    let started = Instant::now();
    let mut compiler = Compiler::once(opts);
    let popts = crate::output::pdf::PdfOptions { deck, browser };
    match crate::output::pdf::export(&mut compiler, &popts, output) {
        Ok((site, report)) => {
            let failed = r.findings(&site.project);
            r.out(format!(
                "Printed {} ({}) in {} ms → {}",
                plural(report.decks, "deck"),
                plural(report.pages, "page"),
                started.elapsed().as_millis(),
                output.display()
            ));
            code(failed)
        }
        Err(e) => r.fail(&e),
    }
}
