//! `serve --share`'s shared listener, spoken to with raw sockets on a
//! second loopback address (127.0.0.2 stands for the LAN): tokens on every
//! path, `Host`, `Origin`, roles, body limits, floods; and nothing of it
//! without `--share`.

use crate::common;

use common::*;
use std::net::TcpStream;
use std::time::{Duration, Instant};

const LAN: &str = "127.0.0.2";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
    std::fs::write(dir.path().join("talks/day-one.md"), notes("dates")).expect("write");
    dir
}

fn shared() -> SharedServe {
    SharedServe::start_in(project(), LAN)
}

const STATE: &str =
    r#"{"type":"state","slide":2,"step":0,"black":false,"count":9,"talk":"alpha-talk"}"#;

#[test]
fn without_share_nothing_listens_on_another_address_and_nothing_needs_a_token() {
    let s = Served::start();
    let out = s.proc.seen.join("\n");
    assert!(!out.contains("?t=") && !out.contains("Sharing"), "{out}");
    assert!(
        TcpStream::connect_timeout(
            &std::net::SocketAddr::new(LAN.parse().expect("ip"), s.port),
            Duration::from_secs(2)
        )
        .is_err(),
        "something listens on {LAN}:{}",
        s.port
    );
    let r = raw(
        s.port,
        format!(
            "POST /__notedeck/share HTTP/1.1\r\nHost: 127.0.0.1:{0}\r\nOrigin: http://127.0.0.1:{0}\r\nContent-Length: 2\r\n\r\n{{}}",
            s.port
        )
        .as_bytes(),
    );
    assert_eq!(r.status, 405, "{}", r.head);
    assert_eq!(s.get("/__notedeck/remote").status, 404);
    let show = s.get("/recap.html?t=00000000000000000000000000000000");
    assert_eq!(show.status, 200);
    assert!(!show.body.contains("data-notedeck-share"));
    assert!(show.header("set-cookie").is_none(), "{}", show.head);
}

#[test]
fn every_path_on_the_shared_listener_needs_a_token() {
    let s = shared();
    let wrong = "0".repeat(32);
    let paths = [
        "/",
        "/index.html",
        "/recap.html",
        "/day-one/alpha-talk.html",
        "/missing.html",
        "/__notedeck/events",
        "/__notedeck/events?share=1",
        "/__notedeck/remote",
        "/__notedeck/share",
        "/__notedeck/probe",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/.git/config",
    ];
    for path in paths {
        let sep = if path.contains('?') { '&' } else { '?' };
        for (target, headers) in [
            (path.to_string(), String::new()),
            (format!("{path}{sep}t={wrong}"), String::new()),
            (format!("{path}{sep}t="), String::new()),
            (
                path.to_string(),
                format!("Cookie: nd_share_{}={wrong}\r\n", s.port),
            ),
        ] {
            let r = s.get(&target, &headers);
            assert_eq!(r.status, 403, "GET {target} [{headers}]: {}", r.head);
            assert!(!r.body.contains("<html"), "{target}");
        }
    }
    // The right token opens the pages, and sets the cookie the page's
    // own requests then carry.
    let follow = s.token(2);
    let r = s.get(&format!("/?t={follow}"), "");
    assert_eq!(r.status, 200, "{}", r.head);
    let cookie = r.header("set-cookie").expect("a cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let by_cookie = s.get(
        "/day-one/alpha-talk.html",
        &format!("Cookie: nd_share_{}={follow}\r\n", s.port),
    );
    assert_eq!(by_cookie.status, 200);
    // Traversal is still refused with a token.
    assert_eq!(s.get(&format!("/%2e%2e/x?t={follow}"), "").status, 400);
    // The token is printed once, never in a warning.
    let printed = s.proc.seen.iter().filter(|l| l.contains(&follow)).count();
    assert_eq!(printed, 1, "{:?}", s.proc.seen);
}

#[test]
fn the_shared_listener_checks_host_and_origin() {
    let s = shared();
    let p = s.token(0);
    for host in ["127.0.0.1", "localhost", "evil.example", "127.0.0.2.evil"] {
        let r = raw_at(
            LAN,
            s.port,
            format!("GET /?t={p} HTTP/1.1\r\nHost: {host}:{}\r\n\r\n", s.port).as_bytes(),
        );
        assert_eq!(r.status, 403, "Host {host}: {}", r.head);
    }
    let origin = s.origin();
    for bad in [
        None,
        Some("http://evil.example".to_string()),
        Some(format!("http://{LAN}:1")),
        Some(format!("http://127.0.0.1:{}", s.port)),
        Some("null".to_string()),
    ] {
        let r = s.post(Some(&p), bad.as_deref(), STATE);
        assert_eq!(r.status, 403, "Origin {bad:?}: {}", r.head);
    }
    assert_eq!(s.post(Some(&p), Some(&origin), STATE).status, 204);
    let r = raw_at(
        LAN,
        s.port,
        format!(
            "GET /__notedeck/events?share=1&t={p} HTTP/1.1\r\nHost: {LAN}:{0}\r\nOrigin: http://evil.example\r\n\r\n",
            s.port
        )
        .as_bytes(),
    );
    assert_eq!(r.status, 403);
}

#[test]
fn each_token_grants_its_role_only() {
    let s = shared();
    let (p, r, f) = (s.token(0), s.token(1), s.token(2));
    let o = s.origin();
    let next = r#"{"type":"next","id":"remote0001"}"#;
    // No presenter's show is open yet.
    assert_eq!(s.post(Some(&r), Some(&o), next).status, 409);
    let mut presenter = Events::open_at(
        LAN,
        s.port,
        &format!("/__notedeck/events?share=1&t={p}"),
        LAN,
    );
    let mut follower = Events::open_at(
        LAN,
        s.port,
        &format!("/__notedeck/events?share=1&t={f}"),
        LAN,
    );
    // Followers and the remote cannot set the state; followers and the
    // presenter cannot send commands.
    for (t, body) in [(&f, STATE), (&r, STATE), (&f, next), (&p, next)] {
        let a = s.post(Some(t), Some(&o), body);
        assert_eq!(a.status, 403, "{body}: {}", a.head);
    }
    assert!(!presenter.wait_for("event: cmd", Duration::from_millis(300)));
    assert_eq!(s.post(Some(&p), Some(&o), STATE).status, 204);
    assert!(
        follower.wait_for("\"slide\":2", Duration::from_secs(5)),
        "{}",
        follower.text
    );
    assert_eq!(s.post(Some(&r), Some(&o), next).status, 204);
    assert!(presenter.wait_for(
        "event: cmd\ndata: {\"type\":\"next\"}",
        Duration::from_secs(5)
    ));
    assert!(!follower.text.contains("event: cmd"), "{}", follower.text);
    // The remote page is for the remote token only.
    assert_eq!(s.get(&format!("/__notedeck/remote?t={f}"), "").status, 403);
    assert_eq!(s.get(&format!("/__notedeck/remote?t={p}"), "").status, 403);
    let page = s.get(&format!("/__notedeck/remote?t={r}"), "");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Content-Security-Policy"),
        "{}",
        page.body
    );
    // The show gets the script of the token's role.
    let show = s.get(&format!("/recap.html?t={f}"), "");
    assert!(show
        .body
        .contains("data-notedeck-share data-role=\"follow\""));
}

#[test]
fn bodies_are_bounded_and_a_flood_is_refused_while_pages_still_load() {
    let s = shared();
    let p = s.token(0);
    let o = s.origin();
    let big = format!(
        r#"{{"type":"state","slide":1,"step":0,"black":false,"talk":"{}"}}"#,
        "x".repeat(2000)
    );
    assert_eq!(s.post(Some(&p), Some(&o), &big).status, 413);
    let chunked = raw_at(
        LAN,
        s.port,
        format!(
            "POST /__notedeck/share HTTP/1.1\r\nHost: {LAN}:{0}\r\nOrigin: {o}\r\nX-Notedeck-Token: {p}\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{{}}\r\n0\r\n\r\n",
            s.port
        )
        .as_bytes(),
    );
    assert!(matches!(chunked.status, 400 | 411), "{}", chunked.head);
    assert_eq!(s.post(Some(&p), Some(&o), "not json").status, 400);
    // 400 commands as fast as one client can send them.
    let started = Instant::now();
    let statuses: Vec<u16> = (0..400)
        .map(|_| s.post(Some(&p), Some(&o), STATE).status)
        .collect();
    let refused = statuses.iter().filter(|c| **c == 429).count();
    assert!(refused > 0, "no 429 in {statuses:?}");
    assert!(
        statuses.iter().all(|c| matches!(c, 204 | 429)),
        "{statuses:?}"
    );
    eprintln!("{refused} of 400 refused in {:?}", started.elapsed());
    // Pages are not rate limited, and the flood did not stop the server.
    let r = s.get(&format!("/?t={p}"), "");
    assert_eq!(r.status, 200);
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(s.post(Some(&p), Some(&o), STATE).status, 204);
}

#[test]
fn tokens_are_new_on_every_start() {
    let a = shared();
    let old: Vec<String> = (0..3).map(|i| a.token(i)).collect();
    drop(a);
    let b = shared();
    for (i, t) in old.iter().enumerate() {
        assert_ne!(&b.token(i), t);
        assert_eq!(b.get(&format!("/?t={t}"), "").status, 403);
    }
    let distinct: std::collections::BTreeSet<String> = (0..3).map(|i| b.token(i)).collect();
    assert_eq!(distinct.len(), 3);
}

/// Slow readers on the shared listener (a phone on bad Wi-Fi, or someone
/// holding connections): a fresh request there is still answered.
#[test]
fn slow_readers_on_the_shared_listener_do_not_starve_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
    let mut notes = String::from("# Day\n\n## Big\n\n");
    for i in 0..4000 {
        notes.push_str(&format!(
            "* point {i}: words that fill the slide with enough text\n"
        ));
    }
    std::fs::write(dir.path().join("talks/day.md"), notes).expect("notes");
    let s = SharedServe::start_in(dir, LAN);
    let f = s.token(2);
    let mut readers: Vec<TcpStream> = (0..200)
        .filter_map(|i| {
            let sock =
                socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).ok()?;
            sock.set_recv_buffer_size(4096).ok()?;
            let addr = std::net::SocketAddr::new(LAN.parse().ok()?, s.port);
            sock.connect_timeout(&addr.into(), Duration::from_secs(5))
                .ok()?;
            let mut t: TcpStream = sock.into();
            // Half with the token, half without (403s held open).
            let token = if i % 2 == 0 {
                format!("?t={f}")
            } else {
                String::new()
            };
            std::io::Write::write_all(
                &mut t,
                format!(
                    "GET /recap.html{token} HTTP/1.1\r\nHost: {LAN}:{}\r\n\r\n",
                    s.port
                )
                .as_bytes(),
            )
            .ok()?;
            t.set_nonblocking(true).ok()?;
            Some(t)
        })
        .collect();
    assert_eq!(readers.len(), 200);
    let mut worst = Duration::ZERO;
    for round in 0..4 {
        let mut b = [0u8; 1];
        for r in &mut readers {
            let _ = std::io::Read::read(r, &mut b);
        }
        let started = Instant::now();
        let r = s.get(&format!("/?t={f}"), "");
        worst = worst.max(started.elapsed());
        assert_eq!(r.status, 200, "round {round}: {}", r.head);
        std::thread::sleep(Duration::from_millis(500));
    }
    eprintln!("200 slow readers on the shared listener: worst fresh GET {worst:?}");
    assert!(worst < Duration::from_secs(5), "{worst:?}");
}

#[test]
fn share_refuses_an_exposed_host_and_a_bad_address() {
    let dir = project();
    for (args, says) in [
        (
            &["--host", "0.0.0.0", "--share"][..],
            "leave --host at 127.0.0.1",
        ),
        (
            &["--share", "--share-addr", "not-an-ip"][..],
            "not an IP address",
        ),
        (
            &["--share", "--share-addr", "0.0.0.0"][..],
            "give one address",
        ),
        (&["--share-addr", "127.0.0.2"][..], "--share"),
    ] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_notedeck"))
            .current_dir(dir.path())
            .args(["serve", "talks", "--port", "0"])
            .args(args)
            .output()
            .expect("run notedeck");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(
            !String::from_utf8_lossy(&o.stdout).contains("?t="),
            "{args:?}"
        );
    }
}
