//! `notedeck build`: the recap as a folder (`-o DIR`) or as one file
//! (`--single-file FILE`). `--watch` is `crate::watch`.

use super::report::plural;
use super::{code, Reporter};
use crate::output::{pages::Pages, single_file::SingleFile};
use crate::{BuildOptions, Compiler, Project, Severity};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

pub fn folder(r: &Reporter, mut opts: BuildOptions, output: &Path) -> ExitCode {
    let started = Instant::now();
    opts.exclude.push(output.to_path_buf());
    let inputs = opts.inputs.clone();
    let mut compiler = Compiler::once(opts);
    // Each deck is written as soon as it is rendered, then dropped.
    let mut folder = Pages { inputs: &inputs }.sink(output);
    let built = match compiler.build_into(&mut folder) {
        Ok(built) => built,
        Err(e) => return r.fail(&e),
    };
    let failed = r.findings(&built.project);
    match built.sink.and_then(|()| folder.finish()) {
        Ok(w) if w.kept > 0 => r.out(format!(
            "Kept {} of the last build: notes that failed this time may have made {}",
            plural(w.kept, "page"),
            if w.kept == 1 { "it" } else { "them" }
        )),
        Ok(_) => {}
        Err(e) => return r.fail(&e),
    }
    for d in &built.project.decks {
        r.detail(format!(
            "  {}  {}  theme {}",
            output.join(&d.path).display(),
            plural(d.slides.len(), "slide"),
            d.meta.theme
        ));
    }
    r.out(summary(&built.project, &output.join("index.html"), started));
    code(failed)
}

pub fn single_file(r: &Reporter, opts: BuildOptions, file: &Path) -> ExitCode {
    let started = Instant::now();
    let mut compiler = Compiler::once(opts);
    // Every finding of a build without keeping its pages: the show
    // renders its own slides.
    let project = match compiler.findings() {
        Ok(project) => project,
        Err(e) => return r.fail(&e),
    };
    let failed = r.findings(&project);
    let show = SingleFile {
        opts: &compiler.opts,
    };
    if let Err(e) = show.write_project(&project, file) {
        return r.fail(&e);
    }
    r.out(summary(&project, file, started));
    code(failed)
}

/// `Built 8 decks (57 slides), 2 warnings in 40 ms → dist/index.html`
fn summary(project: &Project, path: &Path, started: Instant) -> String {
    let warnings = project
        .findings()
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    format!(
        "Built {} ({}), {} in {} ms → {}",
        plural(project.decks.len(), "deck"),
        plural(project.slide_count(), "slide"),
        plural(warnings, "warning"),
        started.elapsed().as_millis(),
        path.display()
    )
}
