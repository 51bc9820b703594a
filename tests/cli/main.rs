//! The command line, end to end: commands and exit codes, `outline`
//! snapshots, output-folder safety.

#[path = "../common/mod.rs"]
mod common;

mod commands;
mod docs;
mod hardening;
mod outline_snapshots;
mod output_safety;
mod shapes;
mod talks;
