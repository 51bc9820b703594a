//! Save → push and save → rendered latencies of `notedeck serve`.
//!
//! `cargo run --release --example reload_bench -- [--notes FILE | --generate TALKS] [--saves N] [--browser]`
//! Run through `bench/reload.sh`. Copies (or generates) the notes into a
//! temp folder, serves it with the release binary, appends a line to the
//! notes N times and times each save until the reload event arrives (and,
//! with `--browser`, until headless Chromium shows the new text, by the
//! page's own note of when it did: `__notedeckLive.shownAt`). The page
//! patches itself in place; `--reload` takes the reload path instead (the
//! runtime's `refresh` hook is removed before each save). A marker set on
//! `window` at load tells whether the page was reloaded.

#[path = "../tests/common/browser.rs"]
#[allow(dead_code)]
mod browser;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn generate(dir: &Path, talks: usize) -> PathBuf {
    let per_file = 100;
    let mut edit = PathBuf::new();
    for f in 0..talks.div_ceil(per_file) {
        let mut s = format!("# Day {f}\n\n");
        for t in 0..per_file.min(talks - f * per_file) {
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
        let p = dir.join(format!("day-{f:02}.md"));
        std::fs::write(&p, s).expect("write");
        if f == talks.div_ceil(per_file) / 2 {
            edit = p;
        }
    }
    edit
}

/// Now as epoch milliseconds, the clock of the page's `Date.now()`.
fn epoch_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let get = |k: &str| {
        args.iter()
            .position(|a| a == k)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let saves: usize = get("--saves").and_then(|s| s.parse().ok()).unwrap_or(50);
    let use_browser = args.iter().any(|a| a == "--browser");
    let force_reload = args.iter().any(|a| a == "--reload");
    let bin = std::env::var("NOTEDECK_BIN").unwrap_or_else(|_| "target/release/notedeck".into());
    let bin = std::fs::canonicalize(&bin).expect("notedeck binary (build it with --release first)");
    let tmp = tempfile::tempdir().expect("tempdir");
    let talks = tmp.path().join("talks");
    std::fs::create_dir(&talks).expect("mkdir");
    let (label, edit) = if let Some(n) = get("--generate") {
        let n: usize = n.parse().expect("talk count");
        (format!("generated {n} talks"), generate(&talks, n))
    } else {
        let src = PathBuf::from(get("--notes").unwrap_or("talks/rustconf-2025/day-one.md".into()));
        let dst = talks.join(src.file_name().expect("file name"));
        std::fs::copy(&src, &dst).expect("copy notes");
        (format!("{}", src.display()), dst)
    };
    let original = std::fs::read_to_string(&edit).expect("read");

    let mut child = Command::new(&bin)
        .current_dir(tmp.path())
        .args(["serve", "talks", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start notedeck (build it with --release first)");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("serving line");
    let port: u16 = line
        .rsplit_once("127.0.0.1:")
        .and_then(|(_, r)| r.split('/').next()?.parse().ok())
        .expect("port");
    // "rebuilt in N ms: …" lines: the server's rebuild time per save.
    let rebuild_ms = std::sync::Arc::new(std::sync::Mutex::new(Vec::<f64>::new()));
    let sink = rebuild_ms.clone();
    std::thread::spawn(move || {
        for l in out.lines().map_while(Result::ok) {
            let ms = l
                .strip_prefix("rebuilt in ")
                .and_then(|r| r.split(' ').next())
                .and_then(|n| n.parse::<f64>().ok());
            if let (Some(ms), Ok(mut v)) = (ms, sink.lock()) {
                v.push(ms);
            }
        }
    });

    let mut es = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        es,
        "GET /__notedeck/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .expect("write");
    es.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut text = String::new();
    let mut buf = [0u8; 65536];
    while !text.contains("event: hello") {
        let n = es.read(&mut buf).expect("hello");
        text.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    text.clear();
    // The decks are pushed first, the index and show in a later event:
    // wait for the first event that names a deck (`wanted`, else any).
    let mut wait_event = |text: &mut String, wanted: Option<&str>| -> String {
        loop {
            if let Some(i) = text.find("event: reload\n") {
                if let Some(end) = text[i..].find("\n\n") {
                    let frame = text[i..i + end].to_string();
                    text.drain(..i + end + 2);
                    let names_deck = match wanted {
                        Some(p) => frame.contains(&format!("\"{p}\"")),
                        None => serde_json::from_str::<serde_json::Value>(
                            frame
                                .lines()
                                .find_map(|l| l.strip_prefix("data: "))
                                .unwrap_or("{}"),
                        )
                        .ok()
                        .and_then(|v| v["changed"].as_object().cloned())
                        .is_some_and(|m| m.keys().any(|k| k.ends_with(".html") && k.contains('/'))),
                    };
                    if names_deck {
                        return frame;
                    }
                    continue;
                }
            }
            let n = es.read(&mut buf).expect("event stream");
            assert!(n > 0, "event stream closed");
            text.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    };

    // Warm-up save: learn which page the edit changes.
    std::fs::write(&edit, format!("{original}\n- warm up\n")).expect("write");
    let frame = wait_event(&mut text, None);
    let data: serde_json::Value = serde_json::from_str(
        frame
            .lines()
            .find_map(|l| l.strip_prefix("data: "))
            .expect("data"),
    )
    .expect("json");
    let page = data["changed"]
        .as_object()
        .and_then(|m| m.keys().find(|k| k.contains('/')).cloned())
        .expect("a changed deck");

    let b = if use_browser {
        browser::Browser::launch()
    } else {
        None
    };
    let tab = b
        .as_ref()
        .map(|b| b.open(&format!("http://127.0.0.1:{port}/{page}")));
    if let Some(t) = tab.as_ref() {
        t.wait_until(
            "!!(window.__notedeckLive && window.__notedeckLive.connected)",
            Duration::from_secs(20),
            |v| v == true,
        );
        t.eval_json("window.__benchMarker = 1; 1");
    }
    let mut reloads = 0;

    let mut push = Vec::new();
    let mut shown = Vec::new();
    let (mut fetch_ms, mut patch_ms) = (Vec::new(), Vec::new());
    for i in 0..saves {
        let token = format!("benchtoken{i}x");
        if let (Some(t), true) = (tab.as_ref(), force_reload) {
            t.wait_until(
                "!!(window.notedeck && window.__notedeckLive && window.__notedeckLive.connected && (window.notedeck.refresh = null, true))",
                Duration::from_secs(20),
                |v| v == true,
            );
        }
        let started = Instant::now();
        let started_epoch = epoch_ms();
        std::fs::write(&edit, format!("{original}\n- {token}\n")).expect("write");
        let _ = wait_event(&mut text, Some(&page));
        push.push(started.elapsed().as_secs_f64() * 1000.0);
        if let Some(t) = tab.as_ref() {
            let expr = format!(
                "!!document.querySelector('main') && document.querySelector('main').textContent.indexOf('{token}') >= 0"
            );
            // The page notes when it showed the new text (`shownAt`, epoch
            // ms): poll gently, as polling tightly would take the page's
            // main thread from the very work being timed.
            // Mid-reload an evaluation fails (the page is navigating): not yet.
            let deadline = Instant::now() + Duration::from_secs(20);
            while t.try_eval(&expr) != Ok(serde_json::Value::Bool(true)) {
                assert!(Instant::now() < deadline, "page never showed save {i}");
                std::thread::sleep(Duration::from_millis(20));
            }
            let settled = |js: &str| loop {
                match t.try_eval(js) {
                    Ok(v) => break v,
                    Err(_) if Instant::now() < deadline => {
                        std::thread::sleep(Duration::from_millis(5))
                    }
                    Err(e) => panic!("evaluate `{js}`: {e}"),
                }
            };
            let at = settled("window.__notedeckLive.shownAt")
                .as_f64()
                .expect("shownAt");
            shown.push(at - started_epoch);
            if settled("window.__benchMarker === 1") != true {
                reloads += 1;
                settled("window.__benchMarker = 1; 1");
            } else if let Some(v) = settled("window.__notedeckLive.timing || null").as_array() {
                if let (Some(f), Some(p)) = (
                    v.first().and_then(|x| x.as_f64()),
                    v.get(1).and_then(|x| x.as_f64()),
                ) {
                    fetch_ms.push(f);
                    patch_ms.push(p);
                }
            }
        }
        std::thread::sleep(Duration::from_millis(150));
    }
    println!(
        "{label}: save → push event   p50 {:.1} ms  p95 {:.1} ms  ({saves} saves, page {page})",
        pct(&mut push, 0.5),
        pct(&mut push, 0.95)
    );
    if !shown.is_empty() {
        println!(
            "{label}: save → shown in Chromium ({})   p50 {:.1} ms  p95 {:.1} ms  ({reloads} of {saves} saves reloaded the page)",
            if force_reload { "reload path" } else { "patch path" },
            pct(&mut shown, 0.5),
            pct(&mut shown, 0.95)
        );
    }
    if !fetch_ms.is_empty() {
        println!(
            "{label}: in the page: fetch p50 {:.1} / p95 {:.1} ms, parse + patch p50 {:.1} / p95 {:.1} ms",
            pct(&mut fetch_ms, 0.5),
            pct(&mut fetch_ms, 0.95),
            pct(&mut patch_ms, 0.5),
            pct(&mut patch_ms, 0.95)
        );
    }
    if !rebuild_ms.lock().map(|v| v.is_empty()).unwrap_or(true) {
        let mut v = rebuild_ms.lock().map(|v| v.clone()).unwrap_or_default();
        println!(
            "{label}: rebuild (server's own figure, whole ms) p50 {:.0} / p95 {:.0} ms; load average {}",
            pct(&mut v, 0.5),
            pct(&mut v, 0.95),
            std::fs::read_to_string("/proc/loadavg")
                .unwrap_or_default()
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    let _ = child.kill();
    let _ = child.wait();
}
