//! Where one `serve` save goes, in process: the decks' rebuild (what is
//! pushed) and the recap index and show after it, per save.
//!
//! `cargo run --release --example live_stages -- [--talks 1000] [--saves 50]`
//! Generates the project `bench/reload.sh` uses (files of 100 talks),
//! appends a line to the middle file per save, as the bench does, and
//! prints p50 / p95 of [`Session::rebuild_decks`] and
//! [`Session::finish`], the CPU time per save (all threads: steadier than
//! wall time on a busy machine) and the load average (`--decks-only`: no
//! index and show, for a profile of the decks' part).

use notedeck::compile::session::Session;
use notedeck::{BuildOptions, Compiler};
use std::time::Instant;

/// The allocator `notedeck` itself runs on (src/main.rs).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

/// CPU time of every thread of this process so far, in ms (Linux:
/// `/proc/self/task/*/schedstat`, nanoseconds; 0 elsewhere): robust to
/// other processes' load, unlike wall time.
fn cpu_ms() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .sum::<f64>()
        / 1e6
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let get = |k: &str, d: usize| {
        args.iter()
            .position(|a| a == k)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let (talks, saves) = (get("--talks", 1000), get("--saves", 50));
    // For a profile of the decks' part alone.
    let decks_only = args.iter().any(|a| a == "--decks-only");
    let tmp = tempfile::tempdir().expect("tempdir");
    let files = talks.div_ceil(100);
    let mut edit = None;
    for f in 0..files {
        let mut s = format!("# Day {f}\n\n");
        for t in 0..100.min(talks - f * 100) {
            s.push_str(&format!("## Talk {f}-{t}: systems at scale\n\n"));
            for sec in 0..3 {
                s.push_str(&format!("### Part {sec}\n\n"));
                for b in 0..4 {
                    s.push_str(&format!(
                        "- point {b} about ownership, async and tooling in talk {f}-{t}\n"
                    ));
                }
                s.push('\n');
            }
        }
        let p = tmp.path().join(format!("day-{f:02}.md"));
        std::fs::write(&p, &s).expect("write");
        if f == files / 2 {
            edit = Some((p, s));
        }
    }
    let (edit, original) = edit.expect("a file");
    let mut session = Session::new(Compiler::new(BuildOptions {
        inputs: vec![tmp.path().to_path_buf()],
        live: true,
        ..BuildOptions::default()
    }));
    session.rebuild();
    let (mut decks, mut finish) = (Vec::new(), Vec::new());
    let cpu_before = cpu_ms();
    for i in 0..saves {
        std::fs::write(&edit, format!("{original}\n- token {i}\n")).expect("write");
        let t = Instant::now();
        let r = session.rebuild_decks();
        decks.push(t.elapsed().as_secs_f64() * 1e3);
        // As `serve` does once the save is pushed.
        session.free_spent();
        assert_eq!(r.changes.changed.len(), 1, "one deck changes");
        if decks_only {
            continue;
        }
        let t = Instant::now();
        session.finish();
        finish.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let cpu = (cpu_ms() - cpu_before) / saves.max(1) as f64;
    finish.push(0.0);
    println!(
        "{talks} talks, {saves} saves: decks p50 {:.1} / p95 {:.1} ms, index and show p50 {:.1} / p95 {:.1} ms; CPU per save (all threads, writing the notes included) {cpu:.2} ms; load average {}",
        pct(&mut decks, 0.5),
        pct(&mut decks, 0.95),
        pct(&mut finish, 0.5),
        pct(&mut finish, 0.95),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
}
