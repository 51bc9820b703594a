//! Server-sent events for live reload. Each client gets its own thread
//! that writes straight to the socket and flushes per event, so a stream
//! never holds up page requests; a vanished client is noticed within
//! about a second (EOF poll) and its thread ends.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Fan-out of reload messages to every open stream.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<Arc<str>>>>,
}

impl Hub {
    pub fn subscribe(&self) -> Receiver<Arc<str>> {
        let (tx, rx) = mpsc::channel();
        if let Ok(mut c) = self.clients.lock() {
            c.push(tx);
        }
        rx
    }

    /// Sends one SSE frame (`event:` + `data:`) to every client.
    pub fn broadcast(&self, event: &str, data: &str) {
        let frame: Arc<str> = sse_frame(event, data).into();
        if let Ok(mut c) = self.clients.lock() {
            c.retain(|tx| tx.send(frame.clone()).is_ok());
        }
    }
}

pub fn sse_frame(event: &str, data: &str) -> String {
    let mut s = format!("event: {event}\n");
    for line in data.lines() {
        s.push_str("data: ");
        s.push_str(line);
        s.push('\n');
    }
    s.push('\n');
    s
}

const PING_EVERY: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(500);

/// Runs one event stream until the client goes away or the server stops.
/// `head` is the HTTP response head, `hello` the first frame.
pub fn run_stream(
    mut stream: TcpStream,
    head: &str,
    hello: &str,
    rx: Receiver<Arc<str>>,
    stop: &AtomicBool,
) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    if write_all(&mut stream, head.as_bytes()).is_err()
        || write_all(&mut stream, hello.as_bytes()).is_err()
    {
        return;
    }
    let mut last_write = Instant::now();
    loop {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        match rx.recv_timeout(POLL) {
            Ok(frame) => {
                if write_all(&mut stream, frame.as_bytes()).is_err() {
                    return;
                }
                last_write = Instant::now();
            }
            Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => {
                if client_gone(&mut stream) {
                    return;
                }
                if last_write.elapsed() >= PING_EVERY {
                    if write_all(&mut stream, b": ping\n\n").is_err() {
                        return;
                    }
                    last_write = Instant::now();
                }
            }
        }
    }
}

fn write_all(stream: &mut TcpStream, bytes: &[u8]) -> std::io::Result<()> {
    stream.write_all(bytes)?;
    stream.flush()
}

/// True when the peer closed its side (EOF) or the socket failed. A
/// client has nothing to send on an event stream, so any data is dropped.
fn client_gone(stream: &mut TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let mut buf = [0u8; 256];
    let gone = match stream.read(&mut buf) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
    };
    gone || stream.set_nonblocking(false).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_split_data_lines() {
        assert_eq!(sse_frame("reload", "{}"), "event: reload\ndata: {}\n\n");
        assert_eq!(sse_frame("x", "a\nb"), "event: x\ndata: a\ndata: b\n\n");
    }

    #[test]
    fn dropped_receivers_are_forgotten() {
        let hub = Hub::default();
        let rx = hub.subscribe();
        let gone = hub.subscribe();
        drop(gone);
        hub.broadcast("reload", "1");
        assert_eq!(
            rx.try_recv().ok().as_deref(),
            Some("event: reload\ndata: 1\n\n")
        );
        assert_eq!(hub.clients.lock().map(|c| c.len()).unwrap_or(0), 1);
    }
}
