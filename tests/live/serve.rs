//! `notedeck serve` as a child process on an ephemeral port, spoken to
//! with raw sockets (curl would normalise the traversal targets).

use crate::common;

use common::*;
use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

const SECRET: &str = "TOP-SECRET-MARKER";

#[test]
fn serves_pages_from_memory_with_safe_headers() {
    let s = Served::start();
    // Two talks: two decks, as `build` counts them (the index and the
    // show are pages, not decks).
    assert!(
        s.proc
            .seen
            .iter()
            .any(|l| l.starts_with("Serving 2 decks at")),
        "{:?}",
        s.proc.seen
    );
    // The show is live too: the script and the event stream.
    let show = s.get("/recap.html");
    assert!(show
        .body
        .contains("data-notedeck-live data-page=\"recap.html\""));
    assert!(show.body.contains("/__notedeck/events"));
    let r = s.get("/");
    assert_eq!(r.status, 200, "{}", r.head);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(r.header("cache-control").as_deref(), Some("no-store"));
    assert!(r.body.contains("alpha-talk.html"));
    let d = s.get(&format!("/{DECK}"));
    assert_eq!(d.status, 200);
    assert!(d.body.contains("bananas"));
    // Only served pages get the live-reload script and connect-src.
    assert!(d.body.contains("__notedeckLive"));
    assert!(d
        .body
        .contains("content=\"connect-src 'self'; default-src 'none'"));
    for r in [&r, &d] {
        assert!(
            r.header("access-control-allow-origin").is_none(),
            "{}",
            r.head
        );
    }
    // HEAD: headers only.
    let h = raw(
        s.port,
        format!("HEAD /{DECK} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes(),
    );
    assert_eq!(h.status, 200);
    assert!(h.body.is_empty());
    // Nothing was written next to the notes.
    let entries: Vec<_> = std::fs::read_dir(s.dir.path())
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    assert_eq!(entries, vec![std::ffi::OsString::from("talks")]);
    // A built deck has neither.
    let out = s.dir.path().join("built");
    let st = std::process::Command::new(env!("CARGO_BIN_EXE_notedeck"))
        .current_dir(s.dir.path())
        .args(["build", "talks", "-o"])
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("build");
    assert!(st.success());
    let built = std::fs::read_to_string(out.join(DECK)).expect("built deck");
    assert!(!built.contains("__notedeck") && !built.contains("connect-src 'self'"));
}

#[test]
fn methods_other_than_get_and_head_get_405() {
    let s = Served::start();
    for m in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE"] {
        let r = raw(
            s.port,
            format!("{m} / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n").as_bytes(),
        );
        assert_eq!(r.status, 405, "{m}");
        assert_eq!(r.header("allow").as_deref(), Some("GET, HEAD"));
        assert!(r.header("access-control-allow-origin").is_none());
    }
}

#[test]
fn traversal_targets_never_reach_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
    std::fs::write(dir.path().join("talks/day-one.md"), notes("dates")).expect("write");
    std::fs::write(dir.path().join("secret.txt"), SECRET).expect("write");
    std::fs::write(dir.path().join("talks/secret.txt"), SECRET).expect("write");
    std::os::unix::fs::symlink("/etc", dir.path().join("talks/leak")).expect("symlink");
    let s = Served::start_in(dir);
    let targets: &[&[u8]] = &[
        b"/../secret.txt",
        b"/../../../../etc/passwd",
        b"/%2e%2e/secret.txt",
        b"/..%2fsecret.txt",
        b"/%2e%2e%2fsecret.txt",
        b"/.%252e/.%252e/secret.txt",
        b"/%252e%252e%252fsecret.txt",
        b"/..\\secret.txt",
        b"/%5c..%5csecret.txt",
        b"/%2e%2e%5csecret.txt",
        b"//etc/passwd",
        b"/%2fetc%2fpasswd",
        b"/c:/windows/win.ini",
        b"/x/c%3A/windows/win.ini",
        b"/index.html%00.txt",
        b"/index.html\0.txt",
        b"/#/../../secret.txt",
        b"/index.html?x=/../../secret.txt#frag",
        b"/secret.txt?raw??",
        b"/x?import&raw??",
        b"/%c0%ae%c0%ae/secret.txt",
        b"/%e0%80%ae%e0%80%ae/secret.txt",
        b"/\xc0\xae\xc0\xae/secret.txt",
        b"http://evil/../secret.txt",
        b"http://127.0.0.1/secret.txt",
        b"*",
        b"/leak/passwd",
        b"/talks/day-one.md",
        b"/day-one.md",
        b"/secret.txt",
        b"/.notedeck-manifest",
    ];
    for t in targets {
        let mut req = b"GET ".to_vec();
        req.extend_from_slice(t);
        req.extend_from_slice(b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        let r = raw(s.port, &req);
        let shown = String::from_utf8_lossy(t);
        // tiny_http closes the connection on a request line that is not
        // ASCII, without an answer (status 0 here).
        let expected: &[u16] = if t.is_ascii() { &[400, 404] } else { &[0] };
        assert!(expected.contains(&r.status), "{shown:?} → {}", r.status);
        assert!(
            !r.body.contains(SECRET) && !r.body.contains("root:"),
            "{shown:?}"
        );
        assert!(
            !r.body.contains(&s.dir.path().display().to_string()),
            "{shown:?} leaks a path"
        );
    }
    // The query does not change which page is served.
    assert_eq!(s.get("/index.html?x=/../../secret.txt").status, 200);
}

#[test]
fn host_and_origin_checks_stop_dns_rebinding() {
    let s = Served::start();
    let p = s.port;
    let req = |host: &str, path: &str, extra: &str| {
        raw(
            p,
            format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}\r\n").as_bytes(),
        )
    };
    assert_eq!(req(&format!("attacker.example:{p}"), "/", "").status, 403);
    assert_eq!(req(&format!("127.0.0.1.nip.io:{p}"), "/", "").status, 403);
    assert_eq!(
        req(&format!("attacker.example:{p}"), "/__notedeck/events", "").status,
        403
    );
    assert_eq!(raw(p, b"GET / HTTP/1.0\r\n\r\n").status, 400);
    for ok in [
        format!("localhost:{p}"),
        format!("127.0.0.1:{p}"),
        format!("[::1]:{p}"),
    ] {
        assert_eq!(req(&ok, "/", "").status, 200, "{ok}");
    }
    let foreign = req(
        &format!("127.0.0.1:{p}"),
        "/__notedeck/events",
        "Origin: http://attacker.example\r\n",
    );
    assert_eq!(foreign.status, 403);
    assert!(foreign.header("access-control-allow-origin").is_none());
}

/// Issue #28: a page on another local port is another origin: it gets no
/// event stream, and no page may frame a deck (and speak to it as its
/// parent).
#[test]
fn another_local_port_is_another_origin_and_no_page_frames_a_deck() {
    let s = Served::start();
    let p = s.port;
    let events = |origin: &str| {
        raw(
            p,
            format!(
                "HEAD /__notedeck/events HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nOrigin: {origin}\r\n\r\n"
            )
            .as_bytes(),
        )
        .status
    };
    let other = if p == 8000 { 8001 } else { 8000 };
    assert_eq!(events(&format!("http://localhost:{other}")), 403);
    assert_eq!(events("http://127.0.0.1"), 403);
    assert_eq!(events(&format!("http://localhost:{p}")), 200);
    assert_eq!(events(&format!("http://[::1]:{p}")), 200);
    for path in ["/".to_string(), format!("/{DECK}"), "/missing.html".into()] {
        let r = s.get(&path);
        assert_eq!(
            r.header("content-security-policy").as_deref(),
            Some("frame-ancestors 'none'"),
            "{path}: {}",
            r.head
        );
        assert_eq!(
            r.header("x-frame-options").as_deref(),
            Some("DENY"),
            "{path}"
        );
    }
}

#[test]
fn oversized_request_lines_and_headers_are_refused() {
    let s = Served::start();
    let long = format!(
        "GET /{} HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "a".repeat(20_000)
    );
    assert_eq!(raw(s.port, long.as_bytes()).status, 414);
    let mut many = String::from("GET / HTTP/1.1\r\nHost: localhost\r\n");
    for i in 0..100 {
        many.push_str(&format!("X-{i}: y\r\n"));
    }
    many.push_str("\r\n");
    assert_eq!(raw(s.port, many.as_bytes()).status, 431);
    let big = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\nX-a: {}\r\n\r\n",
        "x".repeat(20_000)
    );
    assert_eq!(raw(s.port, big.as_bytes()).status, 431);
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn an_edit_pushes_an_event_with_the_first_changed_slide() {
    let mut s = Served::start();
    let mut ev = s.events();
    std::fs::write(s.notes_path(), notes("durian edited")).expect("write");
    assert!(
        ev.wait_for("event: reload", Duration::from_secs(10)),
        "{}",
        ev.text
    );
    let r = &ev.reloads()[0];
    assert_eq!(r["changed"][DECK], 5, "{r}");
    assert!(r["changed"].get("day-one/beta-talk.html").is_none(), "{r}");
    assert_eq!(r["errors"].as_array().map(Vec::len), Some(0));
    assert!(s.get(&format!("/{DECK}")).body.contains("durian edited"));
    assert!(s.proc.wait_for("slide 5", Duration::from_secs(5)).is_some());
}

#[test]
fn a_save_reaches_its_deck_first_with_the_page_then_the_show() {
    let s = Served::start();
    let mut own = Events::open_for(s.port, Some(DECK));
    let mut other = s.events();
    std::fs::write(s.notes_path(), notes("durian edited")).expect("write");
    for ev in [&mut own, &mut other] {
        assert!(ev.wait_reloads(1, Duration::from_secs(10)), "{}", ev.text);
    }
    // The first event carrying the saved text (a slow machine may have
    // split the save into two batches).
    assert!(own.wait_for("durian edited", Duration::from_secs(10)));
    let reloads = own.reloads();
    let Some(first) = reloads.iter().find(|r| {
        r["html"]
            .as_str()
            .is_some_and(|h| h.contains("durian edited"))
    }) else {
        panic!("no event with the page: {}", own.text);
    };
    assert_eq!(first["changed"][DECK], 5, "{first}");
    // Pushed before the whole-project pages are rendered again.
    assert!(first["changed"].get("recap.html").is_none(), "{first}");
    // The deck's own stream carries the page it would otherwise fetch;
    // other streams get only the names.
    let page = s.get(&format!("/{DECK}")).body;
    assert!(page.contains("durian edited"));
    assert_eq!(first["html"].as_str(), Some(page.as_str()));
    assert!(other.reloads()[0].get("html").is_none(), "{}", other.text);
    // The show follows once saves pause.
    assert!(
        other.wait_for("\"recap.html\"", Duration::from_secs(10)),
        "{}",
        other.text
    );
    assert!(s.get("/recap.html").body.contains("durian edited"));
}

#[test]
fn a_rename_over_save_is_picked_up() {
    let s = Served::start();
    let mut ev = s.events();
    save_atomic(&s.notes_path(), notes("renamed over").as_bytes());
    assert!(
        ev.wait_for("event: reload", Duration::from_secs(10)),
        "{}",
        ev.text
    );
    assert!(s.get(&format!("/{DECK}")).body.contains("renamed over"));
    // A vim-style save: move the original away, write anew, delete the backup.
    let path = s.notes_path();
    let backup = path.with_extension("md~");
    std::fs::rename(&path, &backup).expect("mv");
    std::fs::write(&path, notes("vim saved")).expect("write");
    std::fs::remove_file(&backup).expect("rm");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !s.get(&format!("/{DECK}")).body.contains("vim saved") {
        assert!(
            std::time::Instant::now() < deadline,
            "vim-style save not picked up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn invalid_utf8_shows_an_error_and_keeps_the_last_good_deck() {
    let s = Served::start();
    let mut ev = s.events();
    let mut bad = notes("broken").into_bytes();
    let at = bad.len() - 3;
    bad.insert(at, 0xff);
    std::fs::write(s.notes_path(), &bad).expect("write");
    assert!(
        ev.wait_for("invalid UTF-8", Duration::from_secs(10)),
        "{}",
        ev.text
    );
    let r = ev.reloads().pop().expect("reload");
    let err = r["errors"][0].as_str().expect("error text");
    assert!(
        err.contains("day-one.md:") && err.contains("invalid UTF-8"),
        "{err}"
    );
    // The last good version is still served underneath.
    let d = s.get(&format!("/{DECK}"));
    assert_eq!(d.status, 200);
    assert!(d.body.contains("dates"));
    // A page opened now learns about the error on connect.
    let mut late = s.events();
    assert!(
        late.wait_for("invalid UTF-8", Duration::from_secs(2)),
        "{}",
        late.text
    );
    // Fixing the file clears it.
    ev.text.clear();
    std::fs::write(s.notes_path(), notes("fixed")).expect("write");
    assert!(
        ev.wait_for("event: reload", Duration::from_secs(10)),
        "{}",
        ev.text
    );
    let r = ev.reloads().pop().expect("reload");
    assert_eq!(r["errors"].as_array().map(Vec::len), Some(0), "{r}");
    assert!(s.get(&format!("/{DECK}")).body.contains("fixed"));
}

#[test]
fn many_idle_streams_and_slow_clients_do_not_block_pages() {
    let s = Served::start();
    let streams: Vec<Events> = (0..100).map(|_| s.events()).collect();
    let idle: Vec<TcpStream> = (0..200)
        .map(|_| TcpStream::connect(("127.0.0.1", s.port)).expect("connect"))
        .collect();
    let mut slow: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut t = TcpStream::connect(("127.0.0.1", s.port)).expect("connect");
            t.write_all(b"GET / HTTP/1.1\r\nX-a: ").expect("write");
            t
        })
        .collect();
    for round in 0..5 {
        for t in &mut slow {
            let _ = t.write_all(b"b");
        }
        let r = s.get(&format!("/{DECK}"));
        assert_eq!(r.status, 200, "round {round}");
        assert!(r.body.contains("</html>"));
    }
    // Streams still get pushes.
    std::fs::write(s.notes_path(), notes("pushed to all")).expect("write");
    let mut streams = streams;
    for e in streams.iter_mut().step_by(10) {
        assert!(e.wait_for("event: reload", Duration::from_secs(10)));
    }
    drop((idle, slow));
}

#[test]
fn a_thousand_requests_from_fifty_clients_are_all_answered() {
    let s = Served::start();
    let port = s.port;
    let handles: Vec<_> = (0..50)
        .map(|_| {
            std::thread::spawn(move || {
                (0..20)
                    .filter(|i| {
                        let path = if i % 2 == 0 {
                            "/"
                        } else {
                            "/day-one/alpha-talk.html"
                        };
                        let r = raw(
                            port,
                            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes(),
                        );
                        r.status == 200 && r.body.trim_end().ends_with("</html>")
                    })
                    .count()
            })
        })
        .collect();
    let ok: usize = handles.into_iter().map(|h| h.join().unwrap_or(0)).sum();
    assert_eq!(ok, 1000);
}

fn fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[test]
fn vanished_push_clients_leave_nothing_behind() {
    let s = Served::start();
    std::thread::sleep(Duration::from_millis(300));
    let (threads, open) = (s.proc.threads(), fds(s.proc.pid()));
    assert!(threads > 0 && open > 0);
    let streams: Vec<Events> = (0..60).map(|_| s.events()).collect();
    assert!(fds(s.proc.pid()) >= open + 60, "one socket per stream");
    drop(streams);
    // A closed tab's stream fails its next pings (every 2 s); its reader
    // side closes at once (EOF). tiny_http keeps a few idle pool threads
    // warm (the watchdog's probe reuses them), so threads get a margin.
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while fds(s.proc.pid()) > open || s.proc.threads() > threads + 8 {
        assert!(
            std::time::Instant::now() < deadline,
            "left behind: {} fds (was {open}), {} threads (was {threads})",
            fds(s.proc.pid()),
            s.proc.threads()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn running_out_of_file_descriptors_does_not_kill_the_server() {
    let mut s = Served::start();
    let pid = s.proc.pid().to_string();
    let lim = std::process::Command::new("prlimit")
        .args(["--pid", &pid, "--nofile=48:48"])
        .status();
    if !lim.is_ok_and(|st| st.success()) {
        panic!("prlimit is needed for this test (util-linux)");
    }
    let held: Vec<TcpStream> = (0..100)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", s.port)).ok())
        .collect();
    assert!(
        s.proc
            .wait_for("accepting a connection failed", Duration::from_secs(10))
            .is_some(),
        "expected EMFILE to be hit: {:?}",
        s.proc.seen
    );
    drop(held);
    // The limit stays at 48: closing the connections alone must be enough.
    // (The listener's queue still holds the closed ones; each new tiny_http
    // server accepts some of them before it runs out again.)
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        let mut t = TcpStream::connect(("127.0.0.1", s.port)).expect("still listening");
        t.set_read_timeout(Some(Duration::from_secs(1)))
            .expect("timeout");
        let _ = t.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        let mut head = [0u8; 12];
        if std::io::Read::read_exact(&mut t, &mut head).is_ok() && head.starts_with(b"HTTP/1.1 200")
        {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "server never recovered"
        );
    }
    assert!(s.proc.alive());
}

#[test]
fn an_explicit_port_that_is_taken_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
    std::fs::write(dir.path().join("talks/day-one.md"), notes("x")).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_notedeck"))
        .current_dir(dir.path())
        .args(["serve", "talks", "--port", &port])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{err}"
    );
}

#[test]
fn idle_connections_let_pages_load_and_are_closed_when_quiet() {
    let s = Served::start();
    std::thread::sleep(Duration::from_millis(300));
    let baseline = s.proc.threads();
    let mut idle: Vec<TcpStream> = (0..400)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", s.port)).ok())
        .collect();
    assert_eq!(idle.len(), 400);
    let r = s.get(&format!("/{DECK}"));
    assert_eq!(r.status, 200);
    // tiny_http gives each open connection a thread; the socket read
    // timeout (10 s) is what bounds them: every idle one is closed.
    for t in &mut idle {
        t.set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        let mut b = [0u8; 64];
        assert!(
            matches!(std::io::Read::read(t, &mut b), Ok(0)),
            "an idle connection was not closed"
        );
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while s.proc.threads() > baseline + 8 {
        assert!(
            std::time::Instant::now() < deadline,
            "threads: {} (baseline {baseline})",
            s.proc.threads()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The server in this process, with short timeouts.
fn in_process(read_timeout: Duration) -> (notedeck::serve::Server, u16) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let limits = notedeck::serve::Limits {
        read_timeout,
        ..Default::default()
    };
    let server = notedeck::serve::Server::start(listener, "127.0.0.1", limits).expect("start");
    let page: notedeck::Page = "<!doctype html><p>hi</p>".into();
    server.publish(
        &[("index.html".to_string(), page)].into(),
        &Default::default(),
        &[],
        &Default::default(),
    );
    let port = server.addr().port();
    (server, port)
}

/// Reads until the server closes; `None` if it is still open after `wait`.
fn closed_within(t: &mut TcpStream, wait: Duration) -> Option<Vec<u8>> {
    t.set_read_timeout(Some(wait)).expect("timeout");
    let mut got = Vec::new();
    let mut b = [0u8; 4096];
    loop {
        match std::io::Read::read(t, &mut b) {
            Ok(0) => return Some(got),
            Ok(n) => got.extend_from_slice(&b[..n]),
            // Closed with our bytes unread: a reset.
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return Some(got),
            Err(_) => return None,
        }
    }
}

#[test]
fn slow_and_unfinished_heads_are_dropped_after_the_read_timeout() {
    let (_server, port) = in_process(Duration::from_millis(500));
    let mut idle = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let mut partial = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    partial
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-a: ")
        .expect("write");
    // A header line that never ends: tiny_http buffers it (unbounded, see
    // docs/serve.md) until the connection goes quiet, then closes it.
    let mut endless = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    endless
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-a: ")
        .expect("write");
    endless.write_all(&[b'x'; 256 * 1024]).expect("write");
    for t in [&mut idle, &mut partial, &mut endless] {
        let got = closed_within(t, Duration::from_secs(5)).expect("still open after 5 s");
        assert!(!got.starts_with(b"HTTP/1.1 200"), "answered");
    }
    assert_eq!(
        raw(port, b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").status,
        200
    );
}

#[test]
fn a_keep_alive_connection_serves_several_requests() {
    let (_server, port) = in_process(Duration::from_secs(5));
    let mut t = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    t.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    for _ in 0..3 {
        t.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .expect("write");
        let mut buf = Vec::new();
        let mut b = [0u8; 4096];
        while !buf.ends_with(b"</p>") {
            let n = std::io::Read::read(&mut t, &mut b).expect("read");
            assert!(n > 0, "closed");
            buf.extend_from_slice(&b[..n]);
        }
        let r = parse_response(&buf);
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-length").as_deref(), Some("24"));
    }
}

#[test]
fn a_notedeck_toml_change_is_read_again() {
    let s = Served::start();
    let mut ev = s.events();
    assert!(s
        .get(&format!("/{DECK}"))
        .body
        .contains("data-theme=\"light\""));
    std::fs::write(s.dir.path().join("notedeck.toml"), "theme = \"dark\"\n").expect("write");
    assert!(
        ev.wait_for("event: reload", Duration::from_secs(10)),
        "{}",
        ev.text
    );
    let r = ev.reloads().pop().expect("reload");
    assert!(r["changed"].get(DECK).is_some(), "{r}");
    assert!(s
        .get(&format!("/{DECK}"))
        .body
        .contains("data-theme=\"dark\""));
}

#[test]
fn a_notes_file_empty_for_a_moment_does_not_remove_its_decks() {
    let s = Served::start();
    let mut ev = s.events();
    // Truncate, then write: what editors and `git checkout` do.
    std::fs::write(s.notes_path(), "").expect("truncate");
    std::thread::sleep(Duration::from_millis(60));
    std::fs::write(s.notes_path(), notes("after truncation")).expect("write");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !s.get(&format!("/{DECK}")).body.contains("after truncation") {
        assert!(std::time::Instant::now() < deadline, "{}", ev.text);
        std::thread::sleep(Duration::from_millis(50));
    }
    // Collect whatever else comes within half a second.
    ev.wait_for("never sent", Duration::from_millis(500));
    for r in ev.reloads() {
        assert!(
            r["removed"].as_array().is_none_or(|a| a.is_empty()),
            "a deck was reported removed: {r}"
        );
    }
}
