//! The commands: each calls the library and is the only code that prints.

pub mod init;
pub mod outline;
pub mod serve;
pub mod watch;

use crate::cli::{Cli, ColorWhen, Command, Format};
use crate::render::theme::{Origin, Themes};
use crate::{BuildOptions, Compiler, Diagnostic, Severity};
use clap::CommandFactory;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Options from notedeck.toml (if any), then the command line; config
/// warnings are printed here. None (after printing why) on a bad config.
fn load_options(
    ui: &Ui,
    inputs: Vec<PathBuf>,
    config: Option<&Path>,
) -> Option<(BuildOptions, Option<PathBuf>)> {
    let mut diags = Vec::new();
    let cfg = match crate::config::load(config, &mut diags) {
        Ok(c) => c,
        Err(e) => {
            ui.error(e);
            return None;
        }
    };
    for d in &diags {
        ui.diag(d);
    }
    let mut opts = cfg
        .as_ref()
        .map_or_else(BuildOptions::default, |c| c.build_options());
    if !inputs.is_empty() {
        opts.inputs = inputs;
    }
    Some((opts, cfg.and_then(|c| c.output)))
}

/// `--theme` beats front matter and notedeck.toml.
fn set_theme(opts: &mut BuildOptions, theme: Option<String>) {
    if let Some(t) = theme {
        opts.meta.theme.clone_from(&t);
        opts.overrides.theme = Some(t);
    }
}

/// How to print: colour, verbosity. Warnings and errors go to stderr,
/// results to stdout.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub color: bool,
    pub quiet: bool,
    pub verbose: bool,
}

impl Ui {
    pub fn new(cli: &Cli) -> Self {
        Ui {
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

    /// `path:line:col: warning: message` (warnings hidden by `-q`).
    pub fn diag(&self, d: &Diagnostic) {
        if self.quiet && d.severity == Severity::Warning {
            return;
        }
        let label = self.label(d.severity);
        let line = if d.line == 0 {
            format!("{}: {label}: {}", d.path.display(), d.message)
        } else {
            format!(
                "{}:{}:{}: {label}: {}",
                d.path.display(),
                d.line,
                d.col,
                d.message
            )
        };
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }

    /// `warning: message`, for warnings that are not about a notes file
    /// (hidden by `-q`).
    pub fn warn(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            let _ = writeln!(
                std::io::stderr().lock(),
                "{}: {msg}",
                self.label(Severity::Warning)
            );
        }
    }

    pub fn error(&self, msg: impl std::fmt::Display) {
        let _ = writeln!(
            std::io::stderr().lock(),
            "{}: {msg}",
            self.label(Severity::Error)
        );
    }

    /// A result line on stdout (hidden by `-q`).
    pub fn out(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            println!("{msg}");
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

fn code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs a parsed command line: 0 on success, 1 on build or check errors
/// (clap itself exits 2 on usage errors).
pub fn run(cli: Cli) -> ExitCode {
    let ui = Ui::new(&cli);
    let config = cli.config.clone();
    match cli.command {
        Command::Build {
            inputs,
            output,
            theme,
            single_file,
            no_notes,
            watch,
            poll,
        } => {
            let Some((mut opts, cfg_output)) = load_options(&ui, inputs.clone(), config.as_deref())
            else {
                return ExitCode::from(1);
            };
            opts.no_notes = no_notes;
            set_theme(&mut opts, theme.clone());
            let output = output
                .or(cfg_output)
                .unwrap_or_else(|| PathBuf::from("dist"));
            if watch {
                // notedeck.toml changed: the same options, read again.
                let reload = || {
                    let (mut o, _) = load_options(&ui, inputs.clone(), config.as_deref())?;
                    o.no_notes = no_notes;
                    set_theme(&mut o, theme.clone());
                    Some(o)
                };
                return watch::run(&ui, &opts, &output, poll, &reload, stop_on_ctrl_c());
            }
            match single_file {
                Some(file) => build_single(&ui, opts, &file),
                None => build_dir(&ui, &opts, &output),
            }
        }
        Command::Serve {
            inputs,
            port,
            host,
            open,
            theme,
            poll,
        } => {
            let Some((mut build, _)) = load_options(&ui, inputs.clone(), config.as_deref()) else {
                return ExitCode::from(1);
            };
            set_theme(&mut build, theme.clone());
            let opts = serve::Options {
                build,
                port,
                host,
                open,
                poll,
            };
            let reload = || {
                let (mut o, _) = load_options(&ui, inputs.clone(), config.as_deref())?;
                set_theme(&mut o, theme.clone());
                Some(o)
            };
            serve::run(&ui, opts, &reload, stop_on_ctrl_c())
        }
        Command::Outline { inputs, json } => {
            let Some((opts, _)) = load_options(&ui, inputs, config.as_deref()) else {
                return ExitCode::from(1);
            };
            let project = crate::compile::compile(&opts);
            let failed = report_findings(&ui, &project);
            if json {
                match serde_json::to_string_pretty(&outline::outline_json(&project)) {
                    Ok(s) => println!("{s}"),
                    Err(e) => {
                        ui.error(e);
                        return ExitCode::from(1);
                    }
                }
            } else {
                print!("{}", outline::outline_text(&project));
            }
            code(failed)
        }
        Command::Check {
            inputs,
            deny_warnings,
            format,
        } => {
            let Some((opts, _)) = load_options(&ui, inputs, config.as_deref()) else {
                return ExitCode::from(1);
            };
            let report = crate::compile::lint::run(&opts);
            match format {
                Format::Json => match serde_json::to_string_pretty(&report) {
                    Ok(s) => println!("{s}"),
                    Err(e) => {
                        ui.error(e);
                        return ExitCode::from(1);
                    }
                },
                Format::Text => {
                    for d in &report.diagnostics {
                        ui.diag(d);
                    }
                    ui.out(format!(
                        "Checked {} decks ({} slides): {} warnings, {} errors",
                        report.decks, report.slides, report.warnings, report.errors
                    ));
                }
            }
            code(report.failed(deny_warnings))
        }
        Command::Themes { inputs } => {
            let Some((opts, _)) = load_options(&ui, inputs, config.as_deref()) else {
                return ExitCode::from(1);
            };
            let dirs = Themes::project_dirs(&opts.inputs);
            for d in &dirs {
                ui.detail(format!("looking for themes in {}", d.display()));
            }
            match Themes::load(&dirs) {
                Ok(themes) => {
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
                        println!("{:<16} {what}", t.name);
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    ui.error(e);
                    ExitCode::from(1)
                }
            }
        }
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "notedeck", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Init { dir } => {
            let dir = dir.unwrap_or_else(|| PathBuf::from("."));
            match init::run(&dir) {
                Ok(created) => {
                    for p in &created {
                        ui.out(format!("created {}", p.display()));
                    }
                    ui.out(format!(
                        "Next: cd {} && notedeck build, then open dist/index.html",
                        dir.display()
                    ));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    ui.error(e);
                    ExitCode::from(1)
                }
            }
        }
        Command::Pdf {
            inputs,
            output,
            deck,
            browser,
            theme,
        } => {
            let started = Instant::now();
            let Some((mut opts, _)) = load_options(&ui, inputs, config.as_deref()) else {
                return ExitCode::from(1);
            };
            set_theme(&mut opts, theme);
            let mut compiler = Compiler::new(opts);
            let popts = crate::output::pdf::PdfOptions { deck, browser };
            match crate::output::pdf::export(&mut compiler, &popts, &output) {
                Ok((site, report)) => {
                    let failed = report_findings(&ui, &site.project);
                    ui.out(format!(
                        "Printed {} ({} pages) in {} ms → {}",
                        plural(report.decks, "deck"),
                        report.pages,
                        started.elapsed().as_millis(),
                        output.display()
                    ));
                    code(failed)
                }
                Err(e) => {
                    ui.error(e);
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn build_dir(ui: &Ui, opts: &BuildOptions, output: &Path) -> ExitCode {
    let started = Instant::now();
    match crate::build(opts, output) {
        Ok(report) => {
            let failed = report_findings(ui, &report.project);
            for d in &report.project.decks {
                ui.detail(format!(
                    "  {}  {} slides  theme {}",
                    output.join(&d.path).display(),
                    d.slides.len(),
                    d.meta.theme
                ));
            }
            ui.out(summary(
                &report.project,
                &output.join("index.html"),
                started,
            ));
            code(failed)
        }
        Err(e) => {
            ui.error(e);
            ExitCode::from(1)
        }
    }
}

fn build_single(ui: &Ui, opts: BuildOptions, file: &Path) -> ExitCode {
    let started = Instant::now();
    let mut compiler = Compiler::new(opts);
    let result = compiler.build().and_then(|site| {
        let html = crate::output::single_file::render(&site.project.decks, &site.pages)?;
        crate::output::single_file::write(file, &html, &site.project.sources)?;
        Ok(site)
    });
    match result {
        Ok(site) => {
            let failed = report_findings(ui, &site.project);
            ui.out(summary(&site.project, file, started));
            code(failed)
        }
        Err(e) => {
            ui.error(e);
            ExitCode::from(1)
        }
    }
}

/// `Built 8 decks (57 slides), 2 warnings in 40 ms → dist/index.html`
fn summary(project: &crate::Project, path: &Path, started: Instant) -> String {
    let slides: usize = project.decks.iter().map(|d| d.slides.len()).sum();
    let warnings = project
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    format!(
        "Built {} ({}), {} in {} ms → {}",
        plural(project.decks.len(), "deck"),
        plural(slides, "slide"),
        plural(warnings, "warning"),
        started.elapsed().as_millis(),
        path.display()
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A flag set by Ctrl-C (and SIGTERM), for the long-running commands.
fn stop_on_ctrl_c() -> &'static std::sync::atomic::AtomicBool {
    static STOP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    let _ = ctrlc::set_handler(|| {
        eprintln!("stopping");
        STOP.store(true, std::sync::atomic::Ordering::SeqCst);
    });
    &STOP
}

/// Prints warnings and errors to stderr; true when there were errors.
fn report_findings(ui: &Ui, project: &crate::Project) -> bool {
    for d in &project.diagnostics {
        ui.diag(d);
    }
    for e in &project.errors {
        ui.error(e);
    }
    !project.errors.is_empty()
        || project
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
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
    fn clap_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
