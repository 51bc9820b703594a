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
        /// Output folder
        #[arg(short, long, default_value = "dist")]
        output: PathBuf,
        /// Keep running: rebuild whenever the notes change (Ctrl-C to stop)
        #[arg(long)]
        watch: bool,
    },
    /// Serve the recap on a local web server; pages reload as you save.
    ///
    /// Pages are built in memory (nothing is written). Example: notedeck serve talks
    Serve {
        /// Notes files or folders [default: talks]
        inputs: Vec<PathBuf>,
        /// Port [default: 4000, or the next free one]
        #[arg(long)]
        port: Option<u16>,
        /// Address to listen on; anything but loopback exposes the recap to the network
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// Open the recap in the default browser
        #[arg(long)]
        open: bool,
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
    },
}

fn options(inputs: Vec<PathBuf>) -> BuildOptions {
    let mut opts = BuildOptions::default();
    if !inputs.is_empty() {
        opts.inputs = inputs;
    }
    opts
}

/// Runs a parsed command line; exit 0 on success, 1 on build errors.
pub fn run(cli: Cli) -> ExitCode {
    let stderr = std::io::stderr();
    match cli.command {
        Command::Build {
            inputs,
            output,
            watch: true,
        } => {
            let opts = options(inputs);
            match crate::watch::build_watch(&opts, &output, stop_on_ctrl_c()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    let _ = writeln!(stderr.lock(), "error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            inputs,
            port,
            host,
            open,
        } => {
            let opts = crate::serve::ServeOptions {
                build: options(inputs),
                port,
                host,
                open,
            };
            match crate::serve::run(opts, stop_on_ctrl_c()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    let _ = writeln!(stderr.lock(), "error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Build { inputs, output, .. } => {
            let started = std::time::Instant::now();
            let opts = options(inputs);
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
        Command::Outline { inputs, json } => {
            let opts = options(inputs);
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
