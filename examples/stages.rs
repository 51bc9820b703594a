//! Where a build's time and memory go, stage by stage, in one process.
//!
//! `cargo run --release --example stages -- NOTES... [-o DIR]`
//! Runs `notedeck build`'s stages one after the other on the same notes
//! and prints, per stage, its wall time and the memory it held at its peak
//! and after it, as the kernel counts it (Linux only).
//! Stages: read + parse + layout (`compile`), render the decks
//! (`build_decks`), the recap index, show and reading copy (`finish`),
//! and writing the folder. With `--streamed`, only what `notedeck build`
//! runs: every page written as it is rendered (`Compiler::build_into`).

use notedeck::output::{pages::Pages, Format};
use notedeck::{BuildOptions, Compiler};
use std::path::PathBuf;
use std::time::Instant;

/// The allocator `notedeck` itself runs on (src/main.rs).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `VmHWM` (peak RSS) or `VmRSS` from /proc/self/status, in MB.
fn rss(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| {
            l.strip_prefix(field)?
                .trim_start_matches(':')
                .trim()
                .strip_suffix(" kB")
        })
        .and_then(|kb| kb.trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Runs `f`, printing its time, the peak RSS during it (the peak is reset
/// before it by writing 5 to /proc/self/clear_refs) and the RSS after it.
fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let t = Instant::now();
    let out = f();
    println!(
        "{name:<22} {:>7.0} ms   peak RSS {:>6.0} MB   RSS after {:>6.0} MB",
        t.elapsed().as_secs_f64() * 1e3,
        rss("VmHWM"),
        rss("VmRSS"),
    );
    out
}

fn main() {
    let mut inputs = Vec::new();
    let mut out = std::env::temp_dir().join("notedeck-stages");
    let mut streamed = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-o" => out = PathBuf::from(args.next().expect("-o DIR")),
            "--streamed" => streamed = true,
            _ => inputs.push(PathBuf::from(a)),
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    let opts = BuildOptions {
        inputs: inputs.clone(),
        ..BuildOptions::default()
    };
    let total = Instant::now();
    if streamed {
        let mut folder = Pages { inputs: &inputs }.sink(&out);
        let built = stage("streamed build", || {
            Compiler::once(opts).build_into(&mut folder).expect("build")
        });
        built.sink.expect("write");
        let w = folder.finish().expect("finish");
        println!(
            "{} decks, {} pages written; whole run {:.0} ms",
            built.project.decks.len(),
            w.written,
            total.elapsed().as_secs_f64() * 1e3
        );
        return;
    }
    let mut c = Compiler::once(opts.clone());
    let project = stage("read, parse, layout", || c.compile().expect("compile"));
    let talks = project.decks.len();
    drop(project);
    let mut c = Compiler::once(opts);
    let mut site = stage("… and render decks", || c.build_decks().expect("decks"));
    stage("index, show, reading", || {
        c.finish(&mut site).expect("finish")
    });
    let bytes: usize = site.pages.values().map(|p| p.len()).sum();
    stage("write the folder", || {
        Pages { inputs: &inputs }.write(&site, &out).expect("write")
    });
    println!(
        "{talks} decks, {} pages, {:.1} MB of HTML; whole run {:.0} ms",
        site.pages.len(),
        bytes as f64 / 1e6,
        total.elapsed().as_secs_f64() * 1e3
    );
}
