//! `notedeck themes`: the built-in themes and the project's own.

use super::Reporter;
use crate::services::theme::{Origin, Themes};
use crate::BuildOptions;
use std::process::ExitCode;

/// Lists the themes, or with `print` writes every property of one.
pub fn run(r: &Reporter, opts: &BuildOptions, print: Option<&str>) -> ExitCode {
    let dirs = Themes::project_dirs(&opts.inputs);
    for d in &dirs {
        r.detail(format!("looking for themes in {}", d.display()));
    }
    let themes =
        match Themes::load_capped(&dirs, opts.theme_base.as_deref(), opts.meta.limits.themes) {
            Ok(t) => t,
            Err(e) => return r.fail(&e),
        };
    for w in &themes.warnings {
        r.diag(w);
    }
    if let Some(name) = print {
        return match themes.get(name) {
            Ok(t) => {
                r.data(format_args!("{}", t.print()));
                ExitCode::SUCCESS
            }
            Err(e) => r.fail(&e),
        };
    }
    for t in themes.iter() {
        let what = match &t.origin {
            Origin::Builtin if t.name == "light" => "built-in (default)".into(),
            Origin::Builtin => "built-in".to_string(),
            Origin::Project { path, overrides } => format!(
                "project  {} ({})",
                path.display(),
                match (&t.base, overrides) {
                    (Some(b), true) if *b == t.name => "overrides built-in".into(),
                    (Some(b), _) => format!("extends {b}"),
                    (None, _) => "standalone".into(),
                }
            ),
        };
        r.data(format_args!("{:<16} {what}\n", t.name));
    }
    ExitCode::SUCCESS
}
