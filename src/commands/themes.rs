//! `notedeck themes`: the built-in themes and the project's own.

use super::Reporter;
use crate::render::theme::{Origin, Themes};
use crate::BuildOptions;
use std::process::ExitCode;

pub fn run(r: &Reporter, opts: &BuildOptions) -> ExitCode {
    let dirs = Themes::project_dirs(&opts.inputs);
    for d in &dirs {
        r.detail(format!("looking for themes in {}", d.display()));
    }
    let themes = match Themes::load(&dirs) {
        Ok(t) => t,
        Err(e) => return r.fail(&e),
    };
    for t in themes.iter() {
        let what = match &t.origin {
            Origin::Builtin if t.name == "light" => "built-in (default)".into(),
            Origin::Builtin => "built-in".to_string(),
            Origin::Project { path, overrides } => format!(
                "project  {}{}",
                path.display(),
                if *overrides {
                    " (overrides built-in)"
                } else {
                    ""
                }
            ),
        };
        r.data(format_args!("{:<16} {what}\n", t.name));
    }
    ExitCode::SUCCESS
}
