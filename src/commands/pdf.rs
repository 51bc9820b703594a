//! `notedeck pdf`: the recap printed to one PDF by headless Chromium.

use super::report::plural;
use super::{code, Reporter};
use crate::output::{pdf::Pdf, Format};
use crate::{BuildOptions, Compiler};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

pub fn run(
    r: &Reporter,
    opts: BuildOptions,
    deck: Option<String>,
    browser: Option<PathBuf>,
    handout: bool,
    output: &Path,
) -> ExitCode {
    let started = Instant::now();
    let mut compiler = Compiler::once(opts);
    let pdf = Pdf {
        deck,
        browser,
        timeout: timeout(r),
        handout,
    };
    // A file that is not ours is refused before the build, not after.
    let printed = crate::output::pdf::guard_output(output)
        .and_then(|()| compiler.build())
        .and_then(|site| pdf.write(&site, output).map(|r| (site, r)));
    match printed {
        Ok((site, report)) => {
            let failed = r.findings(&site.project);
            if !report.blocked.is_empty() {
                super::serve::warn(
                    r,
                    format!(
                        "blocked {} the page made while printing: {}",
                        plural(report.blocked.len(), "request"),
                        report.blocked.join(", ")
                    ),
                );
            }
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

/// `NOTEDECK_PDF_TIMEOUT` (seconds) when set and valid, else the default.
fn timeout(r: &Reporter) -> Duration {
    let default = crate::output::pdf::PRINT_TIMEOUT;
    match std::env::var("NOTEDECK_PDF_TIMEOUT") {
        Err(_) => default,
        Ok(v) => match v.trim().parse::<f64>() {
            Ok(s) if s > 0.0 && s <= 86_400.0 => Duration::from_secs_f64(s),
            _ => {
                super::serve::warn(
                    r,
                    format!(
                        "NOTEDECK_PDF_TIMEOUT={v:?} is not a number of seconds; using {} s",
                        default.as_secs()
                    ),
                );
                default
            }
        },
    }
}
