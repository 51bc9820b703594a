//! `notedeck completions SHELL`: clap_complete's script on stdout.

use super::Reporter;
use crate::cli::Cli;
use clap::CommandFactory;
use std::process::ExitCode;

pub fn run(r: &Reporter, shell: clap_complete::Shell) -> ExitCode {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "notedeck", &mut script);
    r.data(String::from_utf8_lossy(&script));
    ExitCode::SUCCESS
}
