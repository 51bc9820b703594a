//! Helpers shared by the integration tests. Each test binary uses a part.
#![allow(dead_code, unused_imports)]

pub mod browser;
pub mod cdp;
mod chromium;
mod process;
mod words;

pub use chromium::*;
pub use process::*;
pub use words::*;
