//! Helpers shared by the integration tests. Each test binary uses a part.
#![allow(dead_code, unused_imports)]

pub mod browser;
mod chromium;
mod words;

pub use chromium::*;
pub use words::*;
