//! Hostile and generated input: the CommonMark spec corpus, fuzz
//! findings, pathological notes, content preservation.

#[path = "../common/mod.rs"]
mod common;

mod commonmark_spec;
mod corpus;
mod failed_files;
mod fuzz_regressions;
mod pathological;
mod preservation;
mod raw_html;
mod scaling;
mod talk_finding;
