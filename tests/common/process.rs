//! Helpers for tests that run `notedeck serve` / `build --watch` as a
//! child process and talk to it over raw sockets.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// Notes with one talk of five slides (title + four `###` sections).
pub fn notes(slide5: &str) -> String {
    format!(
        "# Day One\n\n## Alpha Talk\n\n### Second\n\n- apples\n\n### Third\n\n- bananas\n\n\
         ### Fourth\n\n- cherries\n\n### Fifth\n\n- {slide5}\n\n## Beta Talk\n\n- plain item\n"
    )
}

pub const DECK: &str = "day-one/alpha-talk.html";

/// A running child process with its stdout lines on a channel.
pub struct Proc {
    pub child: Child,
    pub lines: Receiver<String>,
    pub seen: Vec<String>,
}

impl Proc {
    pub fn spawn(dir: &Path, args: &[&str]) -> Proc {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_notedeck"));
        cmd.current_dir(dir).args(args);
        Proc::from_command(cmd)
    }

    /// Starts `cmd` (e.g. notedeck under another user) with its output on
    /// [`Proc::lines`].
    pub fn from_command(mut cmd: Command) -> Proc {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start notedeck");
        let (tx, rx) = mpsc::channel();
        let out = child.stdout.take().expect("stdout");
        let err = child.stderr.take().expect("stderr");
        let tx2 = tx.clone();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(l);
            }
        });
        std::thread::spawn(move || {
            for l in BufReader::new(err).lines().map_while(Result::ok) {
                let _ = tx2.send(format!("stderr: {l}"));
            }
        });
        Proc {
            child,
            lines: rx,
            seen: Vec::new(),
        }
    }

    /// Waits (bounded) for a line containing `needle`.
    pub fn wait_for(&mut self, needle: &str, timeout: Duration) -> Option<String> {
        let end = Instant::now() + timeout;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(l) => {
                    self.seen.push(l.clone());
                    if l.contains(needle) {
                        return Some(l);
                    }
                }
                Err(_) => return None,
            }
        }
        None
    }

    /// Every line that arrives within `window`.
    pub fn collect(&mut self, window: Duration) -> Vec<String> {
        let end = Instant::now() + window;
        let mut got = Vec::new();
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(l) => {
                    self.seen.push(l.clone());
                    got.push(l);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(_) => break,
            }
        }
        got
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn threads(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/task", self.pid()))
            .map(|d| d.count())
            .unwrap_or(0)
    }

    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A served project in a temp folder.
pub struct Served {
    pub dir: tempfile::TempDir,
    pub proc: Proc,
    pub port: u16,
}

impl Served {
    /// `talks/day-one.md` with [`notes`], served on an ephemeral port.
    pub fn start() -> Served {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("talks")).expect("mkdir");
        std::fs::write(dir.path().join("talks/day-one.md"), notes("dates")).expect("write");
        Served::start_in(dir)
    }

    pub fn start_in(dir: tempfile::TempDir) -> Served {
        let mut proc = Proc::spawn(dir.path(), &["serve", "talks", "--port", "0"]);
        let line = proc
            .wait_for("Serving", Duration::from_secs(20))
            .unwrap_or_else(|| panic!("server did not start: {:?}", proc.seen));
        let port = line
            .rsplit_once("127.0.0.1:")
            .and_then(|(_, r)| r.split('/').next())
            .and_then(|p| p.parse().ok())
            .expect("port in the Serving line");
        Served { dir, proc, port }
    }

    pub fn notes_path(&self) -> PathBuf {
        self.dir.path().join("talks/day-one.md")
    }

    pub fn get(&self, target: &str) -> Response {
        raw(
            self.port,
            format!(
                "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
                self.port
            )
            .as_bytes(),
        )
    }

    pub fn events(&self) -> Events {
        Events::open(self.port)
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// Sends raw bytes and reads one response: its head and `Content-Length`
/// bytes of body (none for HEAD), or up to the close (bounded wait). The
/// server keeps connections alive, so reading to the end would wait for
/// its idle timeout. Status 0: closed without an answer.
pub fn raw(port: u16, request: &[u8]) -> Response {
    raw_at("127.0.0.1", port, request)
}

/// [`raw`] to another address (the `--share` listener).
pub fn raw_at(ip: &str, port: u16, request: &[u8]) -> Response {
    let mut s = TcpStream::connect((ip, port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(15)))
        .expect("timeout");
    let _ = s.write_all(request);
    let head_only = request.starts_with(b"HEAD ");
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16384];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let r = parse_response(&buf[..end + 4]);
            let len: usize = if head_only {
                0
            } else {
                r.header("content-length")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(usize::MAX)
            };
            if buf.len() - (end + 4) >= len {
                return parse_response(&buf[..end + 4 + len]);
            }
        }
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => return parse_response(&buf),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

pub fn parse_response(buf: &[u8]) -> Response {
    let text = String::from_utf8_lossy(buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

/// An open live-reload event stream.
pub struct Events {
    pub stream: TcpStream,
    pub text: String,
    /// The start of a character a read cut in two.
    partial: Vec<u8>,
}

impl Events {
    pub fn open(port: u16) -> Events {
        Events::open_for(port, None)
    }

    /// The stream a served page opens: for `page` (its key), if given.
    pub fn open_for(port: u16, page: Option<&str>) -> Events {
        let query = page.map_or(String::new(), |p| format!("?page={p}"));
        Events::open_at(
            "127.0.0.1",
            port,
            &format!("/__notedeck/events{query}"),
            "localhost",
        )
    }

    /// The stream at `target` on `ip:port`, with `Host: host:port`.
    pub fn open_at(ip: &str, port: u16, target: &str, host: &str) -> Events {
        let mut stream = TcpStream::connect((ip, port)).expect("connect");
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("write");
        let mut e = Events {
            stream,
            text: String::new(),
            partial: Vec::new(),
        };
        assert!(
            e.wait_for("event: hello", Duration::from_secs(5)),
            "no hello: {}",
            e.text
        );
        e
    }

    /// Reads until the text so far contains `needle` (bounded).
    pub fn wait_for(&mut self, needle: &str, timeout: Duration) -> bool {
        self.wait_until(|e| e.text.contains(needle), timeout)
    }

    /// Reads until `n` whole `reload` events have come (bounded).
    pub fn wait_reloads(&mut self, n: usize, timeout: Duration) -> bool {
        self.wait_until(|e| e.reloads().len() >= n, timeout)
    }

    /// Reads until `done`; false at the deadline or when the stream ends.
    fn wait_until(&mut self, done: impl Fn(&Events) -> bool, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        let mut buf = [0u8; 65536];
        while !done(self) {
            let Some(left) = end.checked_duration_since(Instant::now()) else {
                return false;
            };
            let _ = self
                .stream
                .set_read_timeout(Some(left.max(Duration::from_millis(1))));
            match self.stream.read(&mut buf) {
                Ok(0) => return false,
                Ok(n) => self.push(&buf[..n]),
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(_) => return false,
            }
        }
        true
    }

    /// Appends bytes read, keeping a character cut at the end for the next read.
    fn push(&mut self, bytes: &[u8]) {
        self.partial.extend_from_slice(bytes);
        let valid = match std::str::from_utf8(&self.partial) {
            Ok(_) => self.partial.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.partial.len(),
        };
        let rest = self.partial.split_off(valid);
        self.text.push_str(&String::from_utf8_lossy(&self.partial));
        self.partial = rest;
    }

    /// The data of every `reload` event seen so far, parsed.
    pub fn reloads(&self) -> Vec<serde_json::Value> {
        self.text
            .split("\n\n")
            .filter(|f| f.contains("event: reload"))
            .filter_map(|f| f.lines().find_map(|l| l.strip_prefix("data: ")))
            .filter_map(|d| serde_json::from_str(d).ok())
            .collect()
    }
}

/// Replaces a file the way editors do: write a temp file, rename it over.
pub fn save_atomic(path: &Path, text: &[u8]) {
    let tmp = path.with_extension("md.tmp~");
    std::fs::write(&tmp, text).expect("write tmp");
    std::fs::rename(&tmp, path).expect("rename");
}

/// `notedeck serve --share` on an ephemeral port, its shared listener on
/// another loopback address (`--share-addr`), with the role URLs it printed.
pub struct SharedServe {
    pub dir: tempfile::TempDir,
    pub proc: Proc,
    pub port: u16,
    /// The shared listener's address.
    pub lan: String,
    /// presenter, remote and follow URLs, in that order.
    pub urls: [String; 3],
}

impl SharedServe {
    pub fn start_in(dir: tempfile::TempDir, lan: &str) -> SharedServe {
        let mut proc = Proc::spawn(
            dir.path(),
            &[
                "serve",
                "talks",
                "--port",
                "0",
                "--share",
                "--share-addr",
                lan,
            ],
        );
        let line = proc
            .wait_for("Serving", Duration::from_secs(20))
            .unwrap_or_else(|| panic!("server did not start: {:?}", proc.seen));
        let port: u16 = line
            .rsplit_once("127.0.0.1:")
            .and_then(|(_, r)| r.split('/').next())
            .and_then(|p| p.parse().ok())
            .expect("port in the Serving line");
        proc.wait_for("A URL that leaked", Duration::from_secs(10))
            .unwrap_or_else(|| panic!("no share URLs: {:?}", proc.seen));
        let prefix = format!("http://{lan}:{port}/");
        let found: Vec<String> = proc
            .seen
            .iter()
            .map(|l| l.trim())
            .filter(|l| l.starts_with(&prefix) && l.contains("?t="))
            .map(str::to_string)
            .collect();
        assert_eq!(found.len(), 3, "{:?}", proc.seen);
        let urls = [found[0].clone(), found[1].clone(), found[2].clone()];
        SharedServe {
            dir,
            proc,
            port,
            lan: lan.to_string(),
            urls,
        }
    }

    /// The token of role `i` (0 presenter, 1 remote, 2 follow).
    pub fn token(&self, i: usize) -> String {
        self.urls[i]
            .rsplit_once("?t=")
            .map(|(_, t)| t.to_string())
            .expect("token")
    }

    /// `GET target` on the shared listener with its own `Host`.
    pub fn get(&self, target: &str, headers: &str) -> Response {
        raw_at(
            &self.lan,
            self.port,
            format!(
                "GET {target} HTTP/1.1\r\nHost: {}:{}\r\n{headers}\r\n",
                self.lan, self.port
            )
            .as_bytes(),
        )
    }

    /// `POST /__notedeck/share` on the shared listener: `token` in the
    /// header (if any), `origin` (if any), `body`.
    pub fn post(&self, token: Option<&str>, origin: Option<&str>, body: &str) -> Response {
        let mut head = format!(
            "POST /__notedeck/share HTTP/1.1\r\nHost: {}:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            self.lan,
            self.port,
            body.len()
        );
        if let Some(t) = token {
            head.push_str(&format!("X-Notedeck-Token: {t}\r\n"));
        }
        if let Some(o) = origin {
            head.push_str(&format!("Origin: {o}\r\n"));
        }
        raw_at(&self.lan, self.port, format!("{head}\r\n{body}").as_bytes())
    }

    /// This listener's own origin.
    pub fn origin(&self) -> String {
        format!("http://{}:{}", self.lan, self.port)
    }
}
