//! The commands, one file each: each reads its options, calls the
//! library (one `Compiler`) and prints through the one [`Reporter`]. The
//! only code that prints.

pub mod build;
pub mod check;
pub mod completions;
pub mod init;
pub mod outline;
pub mod pdf;
pub mod pptx;
pub mod report;
pub mod serve;
pub mod themes;
pub mod watch;

pub use report::Reporter;

use crate::cli::{Cli, Command};
use crate::services::theme::Themes;
use crate::{BuildOptions, Error};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs a parsed command line: 0 on success, 1 on build or check errors,
/// 2 on usage errors (clap exits 2 itself on the ones it finds).
pub fn run(cli: Cli) -> ExitCode {
    let r = Reporter::new(&cli);
    let config = cli.config.clone();
    let config = (config.as_deref(), cli.allow_html);
    match cli.command {
        Command::Build {
            inputs,
            output,
            theme,
            single_file,
            no_notes,
            with_notes,
            watch,
            poll,
        } => {
            let (mut opts, cfg_output) = match options(&r, inputs.clone(), config, theme.clone()) {
                Ok(o) => o,
                Err(code) => return code,
            };
            opts.no_notes = no_notes;
            opts.with_notes = with_notes;
            let output = output
                .or(cfg_output)
                .unwrap_or_else(|| PathBuf::from("dist"));
            if watch {
                // notedeck.toml changed: the same options, read again.
                let reload = || {
                    let (mut o, _) = options(&r, inputs.clone(), config, theme.clone()).ok()?;
                    o.no_notes = no_notes;
                    o.with_notes = with_notes;
                    Some(o)
                };
                return watch::run(&r, &opts, &output, poll, &reload, stop_on_ctrl_c(&r))
                    .map_or_else(|e| r.fail(&e), |()| ExitCode::SUCCESS);
            }
            match single_file {
                Some(file) => build::single_file(&r, opts, &file),
                None => build::folder(&r, opts, &output),
            }
        }
        Command::Serve {
            inputs,
            port,
            host,
            open,
            share,
            share_addr,
            theme,
            poll,
        } => {
            let (build, _) = match options(&r, inputs.clone(), config, theme.clone()) {
                Ok(o) => o,
                Err(code) => return code,
            };
            let opts = serve::Options {
                build,
                port,
                host,
                open,
                poll,
                share: share.then_some(share_addr),
            };
            let reload = || Some(options(&r, inputs.clone(), config, theme.clone()).ok()?.0);
            serve::run(&r, opts, &reload, stop_on_ctrl_c(&r))
        }
        Command::Outline { inputs, json } => match options(&r, inputs, config, None) {
            Ok((opts, _)) => outline::run(&r, opts, json),
            Err(code) => code,
        },
        Command::Check {
            inputs,
            deny_warnings,
            format,
        } => match options(&r, inputs, config, None) {
            Ok((opts, _)) => check::run(&r, opts, deny_warnings, format),
            Err(code) => code,
        },
        Command::Themes { inputs, print } => match options(&r, inputs, config, None) {
            Ok((opts, _)) => themes::run(&r, &opts, print.as_deref()),
            Err(code) => code,
        },
        Command::Completions { shell } => completions::run(&r, shell),
        Command::Init { dir } => init::command(&r, &dir.unwrap_or_else(|| PathBuf::from("."))),
        Command::Pdf {
            inputs,
            output,
            deck,
            browser,
            theme,
            handout,
        } => match options(&r, inputs, config, theme) {
            Ok((opts, _)) => pdf::run(&r, opts, deck, browser, handout, &output),
            Err(code) => code,
        },
        Command::Pptx {
            inputs,
            output,
            deck,
            template,
            theme,
        } => match options(&r, inputs, config, theme) {
            Ok((opts, _)) => pptx::run(&r, opts, deck, template, &output),
            Err(code) => code,
        },
    }
}

/// Options from notedeck.toml (if any), then the command line; config
/// warnings are printed here. Also returns the configured output folder.
/// On a bad config or `--theme`, the exit code after printing why.
fn options(
    r: &Reporter,
    inputs: Vec<PathBuf>,
    (config, allow_html): (Option<&Path>, bool),
    theme: Option<String>,
) -> Result<(BuildOptions, Option<PathBuf>), ExitCode> {
    let mut diags = Vec::new();
    let cfg = crate::config::load(config, &mut diags).map_err(|e| r.fail(&e))?;
    for d in &diags {
        r.diag(d);
    }
    let mut opts = cfg
        .as_ref()
        .map_or_else(BuildOptions::default, BuildOptions::from_config);
    if !inputs.is_empty() {
        opts.inputs = inputs;
    }
    if allow_html {
        opts.set_override(|s| s.allow_html = Some(true));
    }
    if let Some(t) = theme {
        cli_theme(&mut opts, t).map_err(|e| r.fail(&e))?;
    }
    Ok((opts, cfg.and_then(|c| c.output)))
}

/// `--theme` beats front matter and notedeck.toml. A name no theme has is
/// a usage error, with the closest name when one is close.
fn cli_theme(opts: &mut BuildOptions, theme: String) -> Result<(), Error> {
    let themes = Themes::load_capped(
        &Themes::project_dirs(&opts.inputs),
        opts.theme_base.as_deref(),
        opts.meta.limits.themes,
    )?;
    if themes.get(&theme).is_err() {
        let names = themes.names();
        let hint = crate::diag::closest(&theme, &names)
            .map(|n| format!(", did you mean '{n}'?"))
            .unwrap_or_default();
        return Err(Error::Usage(format!(
            "--theme {theme}: no such theme{hint} (available: {})",
            names.join(", ")
        )));
    }
    opts.set_override(|s| s.theme = Some(theme));
    Ok(())
}

fn code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A flag set by Ctrl-C (and SIGTERM), for the long-running commands.
fn stop_on_ctrl_c(r: &Reporter) -> &'static std::sync::atomic::AtomicBool {
    static STOP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    let r = *r;
    let _ = ctrlc::set_handler(move || {
        r.note("stopping");
        STOP.store(true, std::sync::atomic::Ordering::SeqCst);
    });
    &STOP
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn an_unknown_cli_theme_is_a_usage_error_with_a_suggestion() {
        let mut opts = BuildOptions {
            inputs: vec![],
            ..BuildOptions::default()
        };
        let e = cli_theme(&mut opts, "drak".into()).expect_err("unknown");
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("did you mean 'dark'?"), "{e}");
        cli_theme(&mut opts, "dark".into()).expect("known");
        assert_eq!(opts.meta.theme, "dark");
    }
}
