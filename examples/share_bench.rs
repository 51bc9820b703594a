//! Remote tap → presenter and → follower latencies of `notedeck serve --share`.
//!
//! `cargo run --release --example share_bench -- [--taps N]`, run through
//! `bench/share-latency.sh`. Serves a copy of the example notes with
//! `--share --share-addr 127.0.0.2`, opens the presenter's show, a follower
//! and the phone remote in three browser contexts of one headless Chromium,
//! and taps the remote's Next (Previous on the way back) N times. Each tap is
//! timed from the click in the remote to the presenter running the command
//! (`__notedeckShare.ranAt`) and to the follower showing the new state
//! (`__notedeckShare.shownAt`): one machine, one clock (`Date.now()`).

#[path = "../tests/common/browser.rs"]
#[allow(dead_code)]
mod browser;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let taps: usize = args
        .iter()
        .position(|a| a == "--taps")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let bin = std::env::var("NOTEDECK_BIN").unwrap_or_else(|_| "target/release/notedeck".into());
    // It runs in the temp folder.
    let bin = std::fs::canonicalize(&bin).expect("NOTEDECK_BIN");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
    std::fs::copy(
        "talks/rustconf-2025/day-one.md",
        dir.path().join("talks/day-one.md"),
    )
    .expect("copy the notes");
    let mut child = Command::new(&bin)
        .args([
            "serve",
            "talks",
            "--port",
            "0",
            "--share",
            "--share-addr",
            "127.0.0.2",
        ])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start notedeck");
    let out = BufReader::new(child.stdout.take().expect("stdout"));
    let urls: Vec<String> = out
        .lines()
        .map_while(Result::ok)
        .map(|l| l.trim().to_string())
        .filter(|l| l.starts_with("http://127.0.0.2:") && l.contains("?t="))
        .take(3)
        .collect();
    assert_eq!(urls.len(), 3, "the three role URLs");
    let b = browser::Browser::launch().expect("chromium");
    let wait = Duration::from_secs(20);
    let open = |url: &str, ready: &str| {
        let t = b.new_device();
        t.goto(url);
        assert!(t.wait_for(ready, wait), "{url} never got ready");
        t
    };
    let live = "!!(window.__notedeckShare && __notedeckShare.state && __notedeckShare.state.live)";
    let presenter = open(&urls[0], live);
    let follower = open(&urls[2], live);
    let remote = open(
        &urls[1],
        "!!(window.__notedeckRemote && __notedeckRemote.slides.length && __notedeckRemote.state && __notedeckRemote.state.live)",
    );
    let count = presenter.eval_i64("notedeck.count()");
    let (mut to_presenter, mut to_follower) = (Vec::new(), Vec::new());
    let mut forward = true;
    for i in 0..taps {
        let at = presenter.eval_i64("notedeck.current()");
        if at >= count {
            forward = false;
        } else if at <= 1 {
            forward = true;
        }
        let button = if forward { "next-btn" } else { "prev" };
        let t0 = remote
            .eval_json(&format!(
                "(() => {{ const t = Date.now(); document.getElementById('{button}').click(); return t; }})()"
            ))
            .as_f64()
            .expect("t0");
        let done = format!("__notedeckShare.shownAt >= {t0}");
        let end = Instant::now() + wait;
        while follower.try_eval(&done) != Ok(serde_json::Value::Bool(true)) {
            assert!(Instant::now() < end, "tap {i} never reached the follower");
            std::thread::sleep(Duration::from_millis(10));
        }
        let ran = presenter
            .eval_json("__notedeckShare.ranAt")
            .as_f64()
            .expect("ranAt");
        let shown = follower
            .eval_json("__notedeckShare.shownAt")
            .as_f64()
            .expect("shownAt");
        to_presenter.push(ran - t0);
        to_follower.push(shown - t0);
        // Taps a person makes, not a flood (the rate limit is for floods).
        std::thread::sleep(Duration::from_millis(150));
    }
    println!(
        "{taps} taps, {}: tap → presenter p50 {:.0} / p95 {:.0} ms; tap → follower p50 {:.0} / p95 {:.0} ms (max {:.0})",
        bin.display(),
        pct(&mut to_presenter, 0.5),
        pct(&mut to_presenter, 0.95),
        pct(&mut to_follower, 0.5),
        pct(&mut to_follower, 0.95),
        pct(&mut to_follower, 1.0),
    );
    drop((presenter, follower, remote));
    let _ = child.kill();
    let _ = child.wait();
}
