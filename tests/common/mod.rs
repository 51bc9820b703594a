//! Helpers shared by the integration tests. Each test binary uses a part.
//! `browser`: the one headless Chromium harness (see its module docs).
#![allow(dead_code, unused_imports)]

pub mod browser;
mod process;
mod words;

pub use process::*;
pub use words::*;

use std::path::PathBuf;

/// The project's own files, for fixtures.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The user's real notes (the project copy).
pub fn user_notes() -> PathBuf {
    root().join("talks/rustconf-2025/day-one.md")
}
