//! Minifies the runtime stylesheet and scripts once, at compile time, so
//! the binary carries (and every deck inlines) only the small form.
//!
//! The stylesheet is cut at its `/* @feature NAME */ … /* @end */`
//! markers into parts; `render::css` includes a part only in pages that
//! use it. Parts are minified one by one and kept in source order.

use std::{env, fs, path::Path};

#[path = "src/layout/sizes.rs"]
#[allow(dead_code)]
mod sizes;

const CSS: &[&str] = &[
    "src/render/assets/runtime.css",
    "src/render/assets/rich.css",
];
/// Built-in themes, minified for the pages that inline them.
const THEMES: &[&str] = &["light", "dark", "high-contrast"];
const JS: &[(&str, &str)] = &[
    ("src/render/assets/runtime.js", "runtime.min.js"),
    ("src/render/assets/live.js", "live.min.js"),
];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/layout/sizes.rs");
    // A fixed-address (non-PIE) binary needs no table of relocations for
    // the loader to patch: about 1 MB less (issue #30). Linux only, where
    // the linker driver is cc.
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo::rustc-link-arg-bins=-no-pie");
        // Identical functions (mostly generic copies) kept once; `safe`
        // folds none whose address is taken. Only where rustc links with
        // its own lld by default (GNU ld has no `--icf`): on this target
        // since Rust 1.90, below the crate's `rust-version`.
        if env::var("TARGET").as_deref() == Ok("x86_64-unknown-linux-gnu") {
            println!("cargo::rustc-link-arg-bins=-Wl,--icf=safe");
        }
    }

    let mut css = String::new();
    for path in CSS {
        println!("cargo::rerun-if-changed={path}");
        css.push_str(&read(path));
    }
    let css = sizes::fill_css(&css);
    let mut parts = String::from("&[\n");
    for (feature, text) in sections(&css) {
        let min = minify_css(&text);
        if !min.is_empty() {
            parts.push_str(&format!("    ({feature:?}, {min:?}),\n"));
        }
    }
    parts.push(']');
    write(&out.join("runtime_css.rs"), &parts);

    let mut themes = String::from("&[\n");
    for name in THEMES {
        let path = format!("themes/{name}.css");
        println!("cargo::rerun-if-changed={path}");
        let min = minify_css(&read(&path));
        themes.push_str(&format!("    ({name:?}, {min:?}),\n"));
    }
    themes.push(']');
    write(&out.join("themes_min.rs"), &themes);

    for (path, name) in JS {
        println!("cargo::rerun-if-changed={path}");
        write(&out.join(name), &minify_js(path, &read(path)));
    }
}

fn read(path: &str) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// `css` cut into `(feature, text)` in order; `""` is the part every page
/// carries.
fn sections(css: &str) -> Vec<(String, String)> {
    const OPEN: &str = "/* @feature ";
    const END: &str = "/* @end */";
    let mut parts = Vec::new();
    let mut rest = css;
    while let Some(at) = rest.find(OPEN) {
        parts.push((String::new(), rest[..at].to_string()));
        let after = &rest[at + OPEN.len()..];
        let close = after.find("*/").expect("a @feature marker ends with */");
        let name = after[..close].trim().to_string();
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "bad CSS feature name {name:?}"
        );
        let body = &after[close + 2..];
        let end = body
            .find(END)
            .unwrap_or_else(|| panic!("CSS feature {name} has no {END}"));
        assert!(
            !body[..end].contains(OPEN),
            "CSS feature {name} holds another"
        );
        parts.push((name, body[..end].to_string()));
        rest = &body[end + END.len()..];
    }
    assert!(!rest.contains(END), "a stray {END} in the runtime CSS");
    parts.push((String::new(), rest.to_string()));
    parts
}

fn minify_css(css: &str) -> String {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let mut sheet = StyleSheet::parse(css, ParserOptions::default())
        .unwrap_or_else(|e| panic!("runtime CSS: {e}"));
    sheet
        .minify(MinifyOptions::default())
        .unwrap_or_else(|e| panic!("runtime CSS: {e}"));
    sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .unwrap_or_else(|e| panic!("runtime CSS: {e}"))
        .code
}

fn minify_js(path: &str, js: &str) -> String {
    use oxc_allocator::Allocator;
    use oxc_codegen::{Codegen, CodegenOptions, CommentOptions};
    use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
    use oxc_parser::Parser;
    use oxc_span::SourceType;
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, js, SourceType::script()).parse();
    assert!(
        parsed.diagnostics.is_empty() && !parsed.panicked,
        "{path}: {:?}",
        parsed.diagnostics
    );
    let mut program = parsed.program;
    let options = MinifierOptions {
        mangle: Some(MangleOptions::default()),
        mangle_properties: None,
        compress: Some(CompressOptions::smallest()),
    };
    let min = Minifier::new(options).minify(&allocator, &mut program);
    let code = Codegen::new()
        .with_options(CodegenOptions {
            minify: true,
            comments: CommentOptions::disabled(),
            ..CodegenOptions::default()
        })
        .with_scoping(min.scoping)
        .build(&program)
        .code;
    // Inlined in a <script>: nothing in it may end or comment out the element.
    let lower = code.to_ascii_lowercase();
    assert!(
        !lower.contains("</script") && !lower.contains("<!--"),
        "{path}: minified script would break out of <script>"
    );
    code
}
