//! A small, guarded HTTP/1.1 front end: one bounded request head per
//! connection (`Connection: close`), read with a deadline and size caps.
//!
//! Why not tiny_http 0.12: it spawns an unbounded thread per connection
//! with no read timeout, buffers header lines without limit, and its
//! accept loop exits for good on the first accept error (EMFILE), and it
//! takes only a listener, so none of that can be guarded from outside
//! (see the reliability checklist S7–S9 for the measurements).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Limits {
    /// Open connections (streams included) before new ones get a 503.
    pub max_connections: usize,
    /// Connections still sending their request head; above this the
    /// oldest is closed, so idle and slowloris sockets cannot crowd out
    /// real requests.
    pub max_pending: usize,
    /// Open event streams before new ones get a 503.
    pub max_streams: usize,
    /// Time allowed to send the whole request head.
    pub head_timeout: Duration,
    /// Longest request line (414 above it).
    pub max_request_line: usize,
    /// Largest request head (431 above it).
    pub max_head: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 1024,
            max_pending: 256,
            max_streams: 128,
            head_timeout: Duration::from_secs(10),
            max_request_line: 8 * 1024,
            max_head: 16 * 1024,
        }
    }
}

/// Header slots for httparse: more headers than this is a 431.
pub const MAX_HEADERS: usize = 64;

#[derive(Debug, PartialEq, Eq)]
pub enum HeadError {
    /// Closed, timed out or failed before a full head: just close.
    Gone,
    UriTooLong,
    HeadTooLarge,
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads one request head (through the blank line), bounded in time and size.
pub fn read_head(stream: &mut TcpStream, limits: &Limits) -> Result<Vec<u8>, HeadError> {
    let deadline = Instant::now() + limits.head_timeout;
    let mut buf: Vec<u8> = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(HeadError::Gone);
        }
        let n = match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Err(HeadError::Gone),
            Ok(n) => n,
        };
        let scan_from = buf.len().saturating_sub(3);
        buf.extend_from_slice(&chunk[..n]);
        let tail = &buf[scan_from..];
        let end = find(tail, b"\r\n\r\n")
            .map(|i| scan_from + i + 4)
            .or_else(|| find(tail, b"\n\n").map(|i| scan_from + i + 2));
        if let Some(end) = end {
            buf.truncate(end);
            if find(&buf, b"\n").unwrap_or(0) > limits.max_request_line {
                return Err(HeadError::UriTooLong);
            }
            return Ok(buf);
        }
        if find(&buf, b"\n").is_none() && buf.len() > limits.max_request_line {
            return Err(HeadError::UriTooLong);
        }
        if buf.len() > limits.max_head {
            return Err(HeadError::HeadTooLarge);
        }
    }
}

/// Writes a complete response and flushes it.
pub fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
    extra: &[(&str, &str)],
) {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
         Referrer-Policy: no-referrer\r\nConnection: close\r\n",
        reason(status),
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
    let _ = stream.write_all(head.as_bytes());
    if !head_only {
        let _ = stream.write_all(body);
    }
    let _ = stream.flush();
}

/// A plain-text error page that names nothing on disk.
pub fn error(stream: &mut TcpStream, status: u16, head_only: bool, extra: &[(&str, &str)]) {
    let body = format!("{status} {}\n", reason(status));
    respond(
        stream,
        status,
        "text/plain; charset=utf-8",
        body.as_bytes(),
        head_only,
        extra,
    );
}

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

/// True for `Host` (or `Origin` authority) values naming this server:
/// a loopback name or the bound host, with any port. Anything else may be
/// a DNS-rebinding page.
pub fn host_allowed(host: &str, bound: &str) -> bool {
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((inner, after)) if after.is_empty() || port_ok(after) => inner,
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((n, p)) if port_ok(&format!(":{p}")) => n,
            Some(_) => return false,
            None => host,
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let bound = bound
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    matches!(name.as_str(), "localhost" | "127.0.0.1" | "::1")
        || (!name.is_empty() && name == bound)
}

fn port_ok(s: &str) -> bool {
    s.strip_prefix(':')
        .is_some_and(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        for ok in [
            "localhost",
            "localhost:4000",
            "127.0.0.1:4000",
            "[::1]:4000",
            "LOCALHOST.",
            "[::1]",
        ] {
            assert!(host_allowed(ok, "127.0.0.1"), "{ok}");
        }
        for bad in [
            "attacker.example:4000",
            "evil",
            "127.0.0.1.evil:80",
            "",
            "localhost:x",
            "[::1]x",
            "10.0.0.5",
        ] {
            assert!(!host_allowed(bad, "127.0.0.1"), "{bad}");
        }
        assert!(host_allowed("10.0.0.5:4000", "10.0.0.5"));
        assert!(host_allowed("myhost:4000", "myhost"));
    }
}
