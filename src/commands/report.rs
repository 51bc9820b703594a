//! The one reporter: every line a command prints goes through it, so
//! `-q`, `-v` and `--color` hold everywhere. Findings and errors go to
//! stderr, results to stdout.

use crate::cli::{Cli, ColorWhen};
use crate::{Diagnostic, Error, Project, Severity};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy)]
pub struct Reporter {
    pub color: bool,
    pub quiet: bool,
    pub verbose: bool,
}

impl Reporter {
    pub fn new(cli: &Cli) -> Self {
        Reporter {
            color: color_enabled(
                cli.color,
                std::env::var_os("NO_COLOR").as_deref(),
                std::io::stderr().is_terminal(),
            ),
            quiet: cli.quiet,
            verbose: cli.verbose,
        }
    }

    fn label(&self, sev: Severity) -> String {
        let (name, code) = match sev {
            Severity::Warning => ("warning", "1;33"),
            Severity::Error => ("error", "1;31"),
        };
        if self.color {
            format!("\x1b[{code}m{name}\x1b[0m")
        } else {
            name.to_string()
        }
    }

    /// `path:line:col: warning: message` (warnings hidden by `-q`); just
    /// `path: error: message` when there is no line.
    pub fn diag(&self, d: &Diagnostic) {
        if self.quiet && d.severity == Severity::Warning {
            return;
        }
        let label = self.label(d.severity);
        let _ = writeln!(
            std::io::stderr().lock(),
            "{}{label}: {}",
            d.place(),
            d.message
        );
    }

    /// Every finding of a build, sorted by place; true when one is an
    /// error. `check` and `build` both print through this.
    pub fn findings(&self, project: &Project) -> bool {
        for d in project.findings() {
            self.diag(&d);
        }
        project.failed()
    }

    pub fn error(&self, msg: impl std::fmt::Display) {
        let _ = writeln!(
            std::io::stderr().lock(),
            "{}: {msg}",
            self.label(Severity::Error)
        );
    }

    /// Prints a fatal error; its exit code (2 for usage errors, else 1).
    pub fn fail(&self, e: &Error) -> ExitCode {
        self.error(e);
        ExitCode::from(e.exit_code())
    }

    /// A result line on stdout (hidden by `-q`).
    pub fn out(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            let _ = writeln!(std::io::stdout().lock(), "{msg}");
        }
    }

    /// Machine-readable output on stdout (JSON, completions): never hidden.
    pub fn data(&self, msg: impl std::fmt::Display) {
        let _ = write!(std::io::stdout().lock(), "{msg}");
    }

    /// A status line on stderr (hidden by `-q`).
    pub fn note(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr().lock(), "{msg}");
        }
    }

    /// Extra detail on stderr with `-v`.
    pub fn detail(&self, msg: impl std::fmt::Display) {
        if self.verbose {
            let _ = writeln!(std::io::stderr().lock(), "{msg}");
        }
    }
}

/// `auto` colours a terminal unless `NO_COLOR` is set to anything
/// non-empty (no-color.org); an explicit `always`/`never` wins.
pub fn color_enabled(when: ColorWhen, no_color: Option<&std::ffi::OsStr>, tty: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => no_color.is_none_or(|v| v.is_empty()) && tty,
    }
}

/// `1 deck`, `2 decks`, `0 decks`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn colour_choice_honours_no_color() {
        assert!(color_enabled(ColorWhen::Auto, None, true));
        assert!(!color_enabled(ColorWhen::Auto, None, false));
        assert!(!color_enabled(ColorWhen::Auto, Some(OsStr::new("1")), true));
        assert!(color_enabled(ColorWhen::Auto, Some(OsStr::new("")), true));
        assert!(color_enabled(
            ColorWhen::Always,
            Some(OsStr::new("1")),
            false
        ));
        assert!(!color_enabled(ColorWhen::Never, None, true));
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(0, "deck"), "0 decks");
        assert_eq!(plural(1, "deck"), "1 deck");
        assert_eq!(plural(2, "slide"), "2 slides");
    }
}
