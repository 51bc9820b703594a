//! `notedeck build --watch`: build into a folder, then rebuild it on every
//! change until Ctrl-C; and say what happened.

use super::serve::{config_changed, report, warn, watch_mode, Reload};
use super::Reporter;
use crate::compile::session::{self, Session};
use crate::watch::Watch;
use crate::{BuildOptions, Compiler, Error};
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// Errors of a rebuild are reported and the watch goes on; only a first
/// build that cannot be written ends it.
pub fn run(
    ui: &Reporter,
    opts: &BuildOptions,
    out: &Path,
    poll: Option<u64>,
    reload: Reload,
    stop: &AtomicBool,
) -> Result<(), Error> {
    let mut opts = opts.clone();
    opts.exclude.push(out.to_path_buf());
    let mut watch = Watch::new(&opts.inputs, &opts.exclude, watch_mode(poll))?;
    for w in watch.take_warnings() {
        warn(ui, &w);
    }
    let mut session = Session::new(Compiler::new(opts.clone()));
    let mut first = true;
    loop {
        let r = session.rebuild();
        watch.set_sources(&session.sources);
        watch.set_images(&session.images);
        let written = crate::output::check_output_dir(out, &opts.inputs, &session.sources)
            .and_then(|()| crate::output::write_pages(out, &session.pages));
        match written {
            Ok(_) if first => {
                ui.out(format!(
                    "Built {} in {} ms → {}; watching for changes ({}; Ctrl-C to stop)",
                    super::report::plural(session.pages.len(), "page"),
                    r.took.as_millis(),
                    out.display(),
                    watch.mode
                ));
            }
            Ok(_) => ui.out(session::summary(&r)),
            Err(e) if first => {
                report(ui, &r);
                return Err(e);
            }
            Err(e) => ui.error(e),
        }
        report(ui, &r);
        first = false;
        let Some(batch) = watch.next_batch(stop) else {
            return Ok(());
        };
        for w in &batch.warnings {
            warn(ui, w);
        }
        if config_changed(&batch) {
            if let Some(mut o) = reload() {
                o.exclude.push(out.to_path_buf());
                session.compiler = Compiler::new(o);
            }
        }
    }
}
