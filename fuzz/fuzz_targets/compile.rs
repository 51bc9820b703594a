//! The full compile of one notes file: parse, layout, render.
#![no_main]

use libfuzzer_sys::fuzz_target;
use notedeck::compile::{compile_sources, render_pages};
use notedeck::render::{theme, Assets};
use notedeck::source::SourceFile;
use notedeck::BuildOptions;

fuzz_target!(|data: &[u8]| {
    // Files are read as UTF-8 (invalid bytes are an error before parsing),
    // so lossy decoding covers every text the parser can see.
    let text = String::from_utf8_lossy(data);
    let src = SourceFile::new("fuzz.md", &text);
    let opts = BuildOptions::default();
    let project = compile_sources(std::slice::from_ref(&src), &opts);
    let assets = Assets {
        theme_css: theme::builtin("light").unwrap_or_default().to_string(),
    };
    // Rendering may return an error, never panic.
    let _ = render_pages(&project, "fuzz", &assets);
});
