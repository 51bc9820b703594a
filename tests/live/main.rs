//! `notedeck serve` and `build --watch` as child processes.

#[path = "../common/mod.rs"]
mod common;

mod claims;
mod images;
mod serve;
mod share;
mod slow_readers;
mod watch;
mod watch_errors;
