//! The harness itself: no Chromium outlives the process that started it,
//! however that process ends.

use crate::common::browser::Browser;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Running and not a zombie.
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| s.rsplit_once(')').map(|(_, r)| r.trim_start().to_string()))
        .is_some_and(|r| !r.starts_with('Z') && !r.starts_with('X'))
}

fn gone_within(pid: u32, limit: Duration) -> bool {
    let end = Instant::now() + limit;
    while alive(pid) {
        if Instant::now() > end {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    true
}

const CHILD: &str = "NOTEDECK_HARNESS_CHILD";

#[test]
fn chromium_exits_when_its_test_process_is_killed() {
    if std::env::var_os(CHILD).is_some() {
        // The child's part: start the shared browser, say its pid, wait.
        let b = Browser::shared().expect("chromium in the child");
        let tab = b.open("about:blank");
        assert!(tab.wait_for(
            "document.readyState === 'complete'",
            Duration::from_secs(10)
        ));
        println!("chromium-pid {}", b.pid());
        std::thread::sleep(Duration::from_secs(60));
        return;
    }
    if Browser::shared().is_none() {
        return;
    }
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "harness::chromium_exits_when_its_test_process_is_killed",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the child test");
    let out = child.stdout.take().expect("stdout");
    let pid = BufReader::new(out)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| {
            // libtest prints "test NAME ... " first on the same line.
            let (_, pid) = l.split_once("chromium-pid ")?;
            pid.trim().parse::<u32>().ok()
        });
    let Some(pid) = pid else {
        let _ = child.kill();
        panic!("the child never started Chromium: {:?}", child.wait());
    };
    assert!(alive(pid), "chromium {pid} runs while its test runs");
    // SIGKILL: no destructor, no atexit, only the kernel closing the pipe.
    child.kill().expect("kill the child");
    child.wait().expect("reap the child");
    assert!(
        gone_within(pid, Duration::from_secs(15)),
        "chromium {pid} outlived its killed test process"
    );
}

#[test]
fn a_private_browser_is_gone_when_dropped() {
    let Some(b) = Browser::launch() else {
        return;
    };
    let pid = b.pid();
    let tab = b.open("about:blank");
    assert_eq!(tab.eval_json("1 + 1"), 2);
    drop(tab);
    assert!(alive(pid));
    drop(b);
    assert!(!alive(pid), "chromium {pid} survived its Browser");
}
