//! Every test that needs headless Chromium, through the one harness in
//! `common::browser`: the presenting runtime, the single-file recap and
//! PDF, live reload, script from notes.

#[path = "../common/mod.rs"]
mod common;

mod cli;
mod harness;
mod live_reload;
mod runtime;
mod scripts;
