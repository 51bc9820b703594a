//! Notes to pages through the library: builds of the user's notes and
//! fixtures, the incremental `Compiler`, rich content, themes.

#[path = "../common/mod.rs"]
mod common;

mod build;
mod columns;
mod incremental;
mod read;
mod rich;
mod themes;
