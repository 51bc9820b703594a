//! `notedeck serve` and `build --watch` as child processes.

#[path = "../common/mod.rs"]
mod common;

mod images;
mod serve;
mod watch;
