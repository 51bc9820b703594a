//! Every test that needs headless Chromium, through the one harness in
//! `common::browser`: the presenting runtime, the single-file recap and
//! PDF, live reload, script from notes, rich content in every theme.

#[path = "../common/mod.rs"]
mod common;

mod a11y;
mod cli;
mod harness;
mod layout_calibration;
mod live_reload;
mod looks;
mod pdf_hardening;
mod read;
mod recap;
mod runtime;
mod scripts;
mod share;
mod themes;
