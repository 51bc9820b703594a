//! The full build of one notes file through `Compiler`, the path every
//! command takes: parse, layout, lints, render.
#![no_main]

use libfuzzer_sys::fuzz_target;
use notedeck::source::SourceFile;
use notedeck::{BuildOptions, Compiler};

fuzz_target!(|data: &[u8]| {
    // Files are read as UTF-8 (invalid bytes are an error before parsing),
    // so lossy decoding covers every text the parser can see.
    let text = String::from_utf8_lossy(data);
    let src = SourceFile::new("fuzz.md", &text);
    // Building may return an error, never panic.
    let _ = Compiler::once(BuildOptions::default()).build_sources(vec![src], Vec::new());
});
