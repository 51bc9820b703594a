//! Issue #16 item 12: many clients that ask for a large deck and then read
//! it a byte a second must not starve the server: a fresh `GET /` is still
//! answered at once. Against the real binary on loopback.

use crate::common;

use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// How many slow readers: the 1,030 (the test box allows 20,000
/// descriptors; each reader costs one here and one in the server).
const READERS: usize = 1030;

/// A notes file whose one deck is over 2 MiB of HTML, more than the
/// kernel's socket buffers hold for a reader that does not read.
fn large_notes() -> String {
    let mut s = String::from("# Day\n\n## Big\n\n");
    for i in 0..20_000 {
        s.push_str(&format!(
            "* point {i}: words that fill the slide with enough text to be seen\n"
        ));
    }
    s
}

/// Connects with a small receive buffer (set before connecting, so the
/// window stays small) and sends the request; reads nothing yet.
fn slow_reader(port: u16, target: &str) -> Option<TcpStream> {
    let sock = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).ok()?;
    sock.set_recv_buffer_size(4096).ok()?;
    let addr: std::net::SocketAddr = ([127, 0, 0, 1], port).into();
    sock.connect_timeout(&addr.into(), Duration::from_secs(5))
        .ok()?;
    let mut t: TcpStream = sock.into();
    t.write_all(format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes())
        .ok()?;
    t.set_nonblocking(true).ok()?;
    Some(t)
}

#[test]
fn a_thousand_slow_readers_of_a_large_deck_do_not_starve_the_server() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
    std::fs::write(dir.path().join("talks/day.md"), large_notes()).expect("notes");
    let s = Served::start_in(dir);
    let deck = s.get("/day/big.html");
    assert_eq!(deck.status, 200, "{}", deck.head);
    assert!(
        deck.body.len() > 2 << 20,
        "deck is {} bytes",
        deck.body.len()
    );

    let mut readers: Vec<TcpStream> = (0..READERS)
        .filter_map(|_| slow_reader(s.port, "/day/big.html"))
        .collect();
    assert_eq!(readers.len(), READERS, "could not open every reader");
    // Every reader has asked; now read a byte a second from each while
    // fresh requests come in.
    let mut worst = Duration::ZERO;
    let mut threads = 0;
    for round in 0..8 {
        let mut b = [0u8; 1];
        for r in &mut readers {
            let _ = r.read(&mut b);
        }
        let started = Instant::now();
        let r = s.get("/");
        let took = started.elapsed();
        worst = worst.max(took);
        threads = threads.max(s.proc.threads());
        assert_eq!(r.status, 200, "round {round}: {}", r.head);
        assert!(r.body.contains("big.html"), "round {round}");
        std::thread::sleep(Duration::from_secs(1).saturating_sub(took));
    }
    eprintln!("slow readers: {READERS}, worst fresh GET / {worst:?}, server threads {threads}");
    // "At once", loosely: a queue behind the readers takes minutes.
    assert!(worst < Duration::from_secs(5), "worst GET / took {worst:?}");
    drop(readers);
    assert!(s.get("/").status == 200);
}
