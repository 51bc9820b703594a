//! Issue #16 item 12: what docs/serve.md's server section says about limits
//! and error answers is what the real binary sends, fetched raw.

use crate::common;

use common::*;

/// The headers docs/serve.md promises on every answer notedeck writes.
fn assert_safe_headers(r: &Response, what: &str) {
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("text/plain; charset=utf-8"),
        "{what}: {}",
        r.head
    );
    assert_eq!(
        r.header("x-content-type-options").as_deref(),
        Some("nosniff"),
        "{what}: {}",
        r.head
    );
    assert_eq!(
        r.header("cache-control").as_deref(),
        Some("no-store"),
        "{what}: {}",
        r.head
    );
    assert_eq!(
        r.header("content-length").and_then(|l| l.parse().ok()),
        Some(r.body.len()),
        "{what}: {}",
        r.head
    );
    assert!(r.header("access-control-allow-origin").is_none(), "{what}");
}

/// A GET with `fields` header fields in all (Host included), each about
/// `size` bytes as the server counts them (name + value + 4).
fn request(fields: usize, size: usize) -> String {
    let mut s = String::from("GET / HTTP/1.1\r\nHost: localhost\r\n");
    let filler = size.saturating_sub("X-00: ".len() + 2);
    for i in 1..fields {
        s.push_str(&format!("X-{i:02}: {}\r\n", "v".repeat(filler)));
    }
    s.push_str("\r\n");
    s
}

#[test]
fn header_limits_are_the_documented_ones_with_safe_431_answers() {
    let s = Served::start();
    // "more than 64 header fields … 431"
    assert_eq!(raw(s.port, request(64, 10).as_bytes()).status, 200);
    let r = raw(s.port, request(65, 10).as_bytes());
    assert_eq!(r.status, 431, "{}", r.head);
    assert_safe_headers(&r, "431 for 65 fields");
    // "… or 16 KiB of them": 40 fields of 400 bytes pass, 41 of 410 not.
    assert_eq!(raw(s.port, request(40, 400).as_bytes()).status, 200);
    let r = raw(s.port, request(41, 410).as_bytes());
    assert_eq!(r.status, 431, "{}", r.head);
    assert_safe_headers(&r, "431 for 16 KiB");
    // "a request-target over 8 KiB gets 414"
    let at = |n: usize| {
        format!(
            "GET /{} HTTP/1.1\r\nHost: localhost\r\n\r\n",
            "a".repeat(n - 1)
        )
    };
    assert_eq!(raw(s.port, at(8 * 1024).as_bytes()).status, 404);
    let r = raw(s.port, at(8 * 1024 + 1).as_bytes());
    assert_eq!(r.status, 414);
    assert_safe_headers(&r, "414");
    for (target, status) in [("/../x", 400), ("/nope.html", 404)] {
        let r = s.get(target);
        assert_eq!(r.status, status, "{target}");
        assert_safe_headers(&r, target);
    }
}

#[test]
fn past_128_event_streams_the_answer_is_a_safe_503() {
    let s = Served::start();
    let streams: Vec<Events> = (0..128).map(|_| s.events()).collect();
    let r = raw(
        s.port,
        b"GET /__notedeck/events HTTP/1.1\r\nHost: localhost\r\n\r\n",
    );
    assert_eq!(r.status, 503, "{}", r.head);
    assert_safe_headers(&r, "503");
    assert_eq!(r.header("retry-after").as_deref(), Some("5"));
    // Pages are still served meanwhile.
    assert_eq!(s.get("/").status, 200);
    drop(streams);
}
