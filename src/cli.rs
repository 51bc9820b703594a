//! Command line: clap definitions; each command calls the library.

use crate::{inspect, BuildOptions, Severity};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "notedeck",
    version,
    about = "Plain Markdown conference notes in, one self-contained HTML slide deck per talk out"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build every talk into a self-contained HTML deck, plus a recap index.
    ///
    /// Example: notedeck build talks -o dist
    Build {
        /// Notes files or folders [default: talks]
        inputs: Vec<PathBuf>,
        /// Output folder [default: `[build] output` of notedeck.toml, else dist]
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Project config file [default: ./notedeck.toml when present]
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
    /// Show how notes map to decks and slides, without writing anything.
    ///
    /// Example: notedeck outline talks --json
    Outline {
        /// Notes files or folders [default: talks]
        inputs: Vec<PathBuf>,
        /// Print stable JSON instead of a tree
        #[arg(long)]
        json: bool,
        /// Project config file [default: ./notedeck.toml when present]
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
}

/// Options from notedeck.toml (if any), then the command line; config
/// warnings are printed here.
fn options(
    inputs: Vec<PathBuf>,
    config: Option<&std::path::Path>,
) -> Result<(BuildOptions, Option<PathBuf>), crate::Error> {
    let mut diags = Vec::new();
    let cfg = crate::config::load(config, &mut diags)?;
    let mut err = std::io::stderr().lock();
    for d in &diags {
        let _ = writeln!(err, "{d}");
    }
    let mut opts = cfg
        .as_ref()
        .map_or_else(BuildOptions::default, |c| c.build_options());
    if !inputs.is_empty() {
        opts.inputs = inputs;
    }
    Ok((opts, cfg.and_then(|c| c.output)))
}

/// Runs a parsed command line; exit 0 on success, 1 on build errors.
pub fn run(cli: Cli) -> ExitCode {
    let stderr = std::io::stderr();
    match cli.command {
        Command::Build {
            inputs,
            output,
            config,
        } => {
            let started = std::time::Instant::now();
            let (opts, cfg_output) = match options(inputs, config.as_deref()) {
                Ok(o) => o,
                Err(e) => {
                    let _ = writeln!(stderr.lock(), "error: {e}");
                    return ExitCode::from(1);
                }
            };
            let output = output
                .or(cfg_output)
                .unwrap_or_else(|| PathBuf::from("dist"));
            match crate::build(&opts, &output) {
                Ok(report) => {
                    let failed = report_findings(&report.project);
                    let index = output.join("index.html");
                    println!(
                        "Built {} decks ({} slides) in {} ms → {}",
                        report.project.decks.len(),
                        report.slide_count(),
                        started.elapsed().as_millis(),
                        index.display()
                    );
                    if failed {
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => {
                    let _ = writeln!(stderr.lock(), "error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Outline {
            inputs,
            json,
            config,
        } => {
            let opts = match options(inputs, config.as_deref()) {
                Ok((o, _)) => o,
                Err(e) => {
                    let _ = writeln!(stderr.lock(), "error: {e}");
                    return ExitCode::from(1);
                }
            };
            let project = crate::compile::compile(&opts);
            let failed = report_findings(&project);
            if json {
                match serde_json::to_string_pretty(&inspect::outline_json(&project)) {
                    Ok(s) => println!("{s}"),
                    Err(e) => {
                        let _ = writeln!(stderr.lock(), "error: {e}");
                        return ExitCode::from(1);
                    }
                }
            } else {
                print!("{}", inspect::outline_text(&project));
            }
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

/// Prints warnings and errors to stderr; true when there were errors.
fn report_findings(project: &crate::Project) -> bool {
    let mut err = std::io::stderr().lock();
    for d in &project.diagnostics {
        let _ = writeln!(err, "{d}");
    }
    for e in &project.errors {
        let _ = writeln!(err, "error: {e}");
    }
    !project.errors.is_empty()
        || project
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
}
