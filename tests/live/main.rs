//! `notedeck serve` and `build --watch` as child processes.

#[path = "../common/mod.rs"]
mod common;

mod serve;
mod watch;
