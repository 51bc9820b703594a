//! `notedeck serve`: pages from memory over HTTP, with live reload.
//!
//! Safety rules: loopback by default; only GET and HEAD; only pages the
//! last build rendered (never files from disk); `Host` must be a loopback
//! name or the bound host; no CORS headers at all; every connection has a
//! head deadline and size caps; connections and streams are capped, and
//! when too many are still sending their head the oldest is dropped; the
//! accept loop survives accept errors such as running out of descriptors.

pub mod http;
pub mod push;
pub mod resolve;

use crate::compile::session::{self as live, Changes, Session};
use crate::watch::Watch;
use crate::{BuildOptions, Compiler, Error};
use http::{HeadError, Limits};
use resolve::Target;
use std::collections::BTreeMap;
use std::collections::VecDeque;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// What the server shows: the pages of the last good build and the
/// current errors.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub generation: u64,
    pub pages: Arc<BTreeMap<String, crate::Page>>,
    pub errors: Vec<String>,
}

struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    hub: push::Hub,
    limits: Limits,
    /// The host the server was bound to, as given (`--host`).
    bound_host: String,
    stop: AtomicBool,
    connections: AtomicUsize,
    streams: AtomicUsize,
    generation: AtomicU64,
    /// Connections still reading their head, oldest first.
    pending: Mutex<VecDeque<(u64, TcpStream)>>,
    next_id: AtomicU64,
}

impl Shared {
    /// Registers a connection that is about to send its head, closing the
    /// oldest pending one when there are too many.
    fn add_pending(&self, stream: &TcpStream) -> u64 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut p) = self.pending.lock() {
            while p.len() >= self.limits.max_pending {
                match p.pop_front() {
                    Some((_, old)) => {
                        let _ = old.shutdown(std::net::Shutdown::Both);
                    }
                    None => break,
                }
            }
            if let Ok(clone) = stream.try_clone() {
                p.push_back((id, clone));
            }
        }
        id
    }

    fn remove_pending(&self, id: u64) {
        if let Ok(mut p) = self.pending.lock() {
            if let Some(i) = p.iter().position(|(x, _)| *x == id) {
                p.remove(i);
            }
        }
    }
}

/// A running server; dropping it does not stop it, call [`Server::stop`].
pub struct Server {
    shared: Arc<Shared>,
    addr: SocketAddr,
}

impl Server {
    /// Binds and starts accepting on a background thread.
    pub fn start(listener: TcpListener, bound_host: &str, limits: Limits) -> Result<Server, Error> {
        let addr = listener
            .local_addr()
            .map_err(|e| Error::Setup(format!("server: {e}")))?;
        let shared = Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            hub: push::Hub::default(),
            limits,
            bound_host: bound_host.to_string(),
            stop: AtomicBool::new(false),
            connections: AtomicUsize::new(0),
            streams: AtomicUsize::new(0),
            generation: AtomicU64::new(0),
            pending: Mutex::new(VecDeque::new()),
            next_id: AtomicU64::new(0),
        });
        let s = shared.clone();
        std::thread::Builder::new()
            .name("notedeck-accept".into())
            .spawn(move || accept_loop(listener, s))
            .map_err(|e| Error::Setup(format!("server: {e}")))?;
        Ok(Server { shared, addr })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Replaces the served pages and tells every open page what changed.
    pub fn publish(
        &self,
        pages: &BTreeMap<String, crate::Page>,
        errors: &[String],
        changes: &Changes,
    ) {
        let generation = self.shared.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let snap = Arc::new(Snapshot {
            generation,
            pages: Arc::new(pages.clone()),
            errors: errors.to_vec(),
        });
        if let Ok(mut s) = self.shared.snapshot.write() {
            *s = snap;
        }
        let msg = serde_json::json!({
            "gen": generation,
            "changed": changes.changed,
            "removed": changes.removed,
            "errors": errors,
        });
        self.shared.hub.broadcast("reload", &msg.to_string());
    }

    pub fn stop(&self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let mut backoff = Duration::from_millis(5);
    let mut reported = false;
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        match listener.accept() {
            Ok((mut stream, _)) => {
                backoff = Duration::from_millis(5);
                reported = false;
                if shared.stop.load(Ordering::SeqCst) {
                    return;
                }
                let open = shared.connections.fetch_add(1, Ordering::SeqCst);
                if open >= shared.limits.max_connections {
                    shared.connections.fetch_sub(1, Ordering::SeqCst);
                    busy(&mut stream);
                    continue;
                }
                let id = shared.add_pending(&stream);
                let s = shared.clone();
                let spawned = std::thread::Builder::new()
                    .name("notedeck-conn".into())
                    .stack_size(256 * 1024)
                    .spawn(move || {
                        handle(stream, &s, id);
                        s.connections.fetch_sub(1, Ordering::SeqCst);
                    });
                if spawned.is_err() {
                    shared.remove_pending(id);
                    shared.connections.fetch_sub(1, Ordering::SeqCst);
                }
            }
            Err(e) => {
                // EMFILE and friends: keep the listener, retry with backoff.
                if !reported {
                    eprintln!("warning: accepting a connection failed ({e}); retrying");
                    reported = true;
                }
                std::thread::sleep(backoff);
                backoff = (backoff * 2).min(Duration::from_millis(500));
            }
        }
    }
}

/// A 503 without a thread; best effort, never blocks the accept loop.
fn busy(stream: &mut TcpStream) {
    let _ = stream.set_nonblocking(true);
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\nConnection: close\r\n\r\n",
    );
}

fn header<'a>(req: &'a httparse::Request, name: &str) -> Option<&'a str> {
    req.headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))
        .and_then(|h| std::str::from_utf8(h.value).ok())
}

fn handle(mut stream: TcpStream, shared: &Shared, id: u64) {
    let head = http::read_head(&mut stream, &shared.limits);
    shared.remove_pending(id);
    let head = match head {
        Ok(h) => h,
        Err(HeadError::Gone) => return,
        Err(HeadError::UriTooLong) => return http::error(&mut stream, 414, false, &[]),
        Err(HeadError::HeadTooLarge) => return http::error(&mut stream, 431, false, &[]),
    };
    let mut headers = [httparse::EMPTY_HEADER; http::MAX_HEADERS];
    let mut req = httparse::Request::new(&mut headers);
    match req.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        Err(httparse::Error::TooManyHeaders) => return http::error(&mut stream, 431, false, &[]),
        _ => return http::error(&mut stream, 400, false, &[]),
    }
    let method = req.method.unwrap_or("");
    let head_only = method == "HEAD";
    match header(&req, "host") {
        None => return http::error(&mut stream, 400, head_only, &[]),
        Some(h) if !http::host_allowed(h, &shared.bound_host) => {
            return http::error(&mut stream, 403, head_only, &[])
        }
        Some(_) => {}
    }
    if method != "GET" && method != "HEAD" {
        return http::error(&mut stream, 405, head_only, &[("Allow", "GET, HEAD")]);
    }
    let snap = match shared.snapshot.read() {
        Ok(s) => s.clone(),
        Err(_) => return http::error(&mut stream, 503, head_only, &[]),
    };
    match resolve::resolve(req.path.unwrap_or("")) {
        Target::Bad => http::error(&mut stream, 400, head_only, &[]),
        Target::NotFound => http::error(&mut stream, 404, head_only, &[]),
        Target::Events => {
            let origin_ok = header(&req, "origin").is_none_or(|o| {
                o.strip_prefix("http://")
                    .is_some_and(|a| http::host_allowed(a, &shared.bound_host))
            });
            if !origin_ok {
                return http::error(&mut stream, 403, head_only, &[]);
            }
            if head_only {
                return http::respond(&mut stream, 200, "text/event-stream", b"", true, &[]);
            }
            if shared.streams.fetch_add(1, Ordering::SeqCst) >= shared.limits.max_streams {
                shared.streams.fetch_sub(1, Ordering::SeqCst);
                return http::error(&mut stream, 503, false, &[("Retry-After", "5")]);
            }
            let rx = shared.hub.subscribe();
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                        Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
                        Connection: close\r\n\r\nretry: 1000\n\n";
            let hello = serde_json::json!({"gen": snap.generation, "errors": snap.errors});
            push::run_stream(
                stream,
                head,
                &push::sse_frame("hello", &hello.to_string()),
                rx,
                &shared.stop,
            );
            shared.streams.fetch_sub(1, Ordering::SeqCst);
        }
        Target::Page(key) => match snap.pages.get(&key) {
            Some(body) => {
                let ctype = crate::mime::content_type(&key);
                if ctype.starts_with("text/html") {
                    let html = for_serving(body, &key, snap.generation);
                    http::respond(&mut stream, 200, ctype, html.as_bytes(), head_only, &[]);
                } else {
                    http::respond(&mut stream, 200, ctype, body.as_bytes(), head_only, &[]);
                }
            }
            None => http::error(&mut stream, 404, head_only, &[]),
        },
    }
}

const CSP_OPEN: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// The page as served: the CSP also allows `connect-src 'self'` (for the
/// event stream; put first, so it wins over any later `connect-src`) and
/// the live-reload script goes before `</body>`. Built files never get
/// either.
pub fn for_serving(html: &str, key: &str, generation: u64) -> String {
    let mut out = String::with_capacity(html.len() + RELOAD_JS.len() + 200);
    match html.find(CSP_OPEN) {
        Some(i) => {
            let at = i + CSP_OPEN.len();
            out.push_str(&html[..at]);
            out.push_str("connect-src 'self'; ");
            out.push_str(&html[at..]);
        }
        None => out.push_str(html),
    }
    let key_json = serde_json::to_string(key)
        .unwrap_or_else(|_| "\"\"".into())
        .replace('<', "\\u003c");
    let script = format!(
        "<script>\n/* notedeck serve: live reload */\nvar __notedeckLive = {{gen: {generation}, page: {key_json}}};\n{RELOAD_JS}</script>\n"
    );
    match out.rfind("</body>") {
        Some(i) => out.insert_str(i, &script),
        None => out.push_str(&script),
    }
    out
}

/// The live-reload client: overlay for build errors, reload on change,
/// landing on the first changed slide (or staying on the current one).
pub const RELOAD_JS: &str = r#"(function () {
  var live = window.__notedeckLive, box = null;
  if (!window.EventSource) return;
  function overlay(errs) {
    if (!errs || !errs.length) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement('div');
      box.id = 'notedeck-errors';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:50vh;overflow:auto;margin:0;padding:1em 1.5em;background:#7a0010;color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;box-shadow:0 -4px 16px rgba(0,0,0,.4)';
      document.body.appendChild(box);
    }
    box.textContent = 'notedeck: the build failed; showing the last good version.\n\n' + errs.join('\n');
  }
  function current() { var d = window.notedeck; return d && d.current ? d.current() : 0; }
  function reloadAt(n) {
    if (n > 0) history.replaceState(null, '', location.pathname + location.search + '#' + n);
    location.reload();
  }
  // Hidden tabs let go of their stream: browsers allow only 6 HTTP/1.1
  // connections per host, and a 7th tab must still load.
  var es = null;
  function connect() {
    es = new EventSource('/__notedeck/events');
    es.addEventListener('hello', function (e) {
      var m = JSON.parse(e.data);
      live.connected = true;
      overlay(m.errors);
      if (m.gen > live.gen) reloadAt(current());
    });
    es.addEventListener('reload', function (e) {
      var m = JSON.parse(e.data);
      overlay(m.errors);
      if (m.removed.indexOf(live.page) >= 0) { location.href = '/'; return; }
      if (Object.prototype.hasOwnProperty.call(m.changed, live.page)) {
        es.close();
        reloadAt(m.changed[live.page] || current());
      } else {
        live.gen = m.gen;
      }
    });
  }
  document.addEventListener('visibilitychange', function () {
    if (document.hidden) { if (es) { es.close(); es = null; live.connected = false; } }
    else if (!es) connect();
  });
  if (!document.hidden) connect();
})();
"#;

/// `serve` options from the command line.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    /// `None`: 4000, or the next free port.
    pub port: Option<u16>,
    pub host: String,
    pub open: bool,
}

/// Binds `host:port`; without an explicit port, walks up from 4000.
pub fn bind(host: &str, port: Option<u16>) -> Result<TcpListener, Error> {
    let ip: IpAddr = match host {
        "localhost" => IpAddr::V4(Ipv4Addr::LOCALHOST),
        h => h
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .map_err(|_| Error::Usage(format!("--host {h}: not an IP address or 'localhost'")))?,
    };
    match port {
        Some(p) => TcpListener::bind((ip, p))
            .map_err(|e| Error::Setup(format!("cannot listen on {}: {e}", SocketAddr::new(ip, p)))),
        None => {
            for p in 4000..4100 {
                if let Ok(l) = TcpListener::bind((ip, p)) {
                    if p != 4000 {
                        println!("Port 4000 is taken; using {p}.");
                    }
                    return Ok(l);
                }
            }
            Err(Error::Setup(
                "no free port between 4000 and 4099; pass --port".into(),
            ))
        }
    }
}

/// Runs `serve` until `stop` is set: build, serve, watch, rebuild, push.
pub fn run(opts: ServeOptions, stop: &AtomicBool) -> Result<(), Error> {
    let listener = bind(&opts.host, opts.port)?;
    // Watch before the first build, so no save is missed in between.
    let mut watch = Watch::new(&opts.build.inputs, &opts.build.exclude)?;
    let mut session = Session::new(Compiler::new(opts.build.clone()));
    let first = session.rebuild();
    let server = Server::start(listener, &opts.host, Limits::default())?;
    server.publish(&session.pages, &session.errors, &first.changes);
    for e in &first.errors {
        eprintln!("error: {e}");
    }
    let addr = server.addr();
    let url = match addr.ip() {
        IpAddr::V6(ip) => format!("http://[{ip}]:{}/", addr.port()),
        IpAddr::V4(ip) => format!("http://{ip}:{}/", addr.port()),
    };
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: --host {} exposes the recap to the network: anyone who can reach this machine can read it",
            opts.host
        );
    }
    let decks = session.pages.len().saturating_sub(1);
    println!("Serving {decks} decks at {url} (Ctrl-C to stop)");
    if opts.open {
        let _ = std::process::Command::new("xdg-open")
            .arg(&url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    }
    watch.set_sources(&session.sources);
    while let Some(_batch) = watch.next_batch(stop) {
        let r = session.rebuild();
        watch.set_sources(&session.sources);
        if !r.changes.is_empty() || r.errors != server.snapshot_errors() {
            server.publish(&session.pages, &r.errors, &r.changes);
        }
        println!("{}", live::summary(&r));
        for e in &r.errors {
            eprintln!("error: {e}");
        }
    }
    server.stop();
    Ok(())
}

impl Server {
    fn snapshot_errors(&self) -> Vec<String> {
        self.shared
            .snapshot
            .read()
            .map(|s| s.errors.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serving_adds_connect_src_and_the_script_only_to_the_copy() {
        let built = format!(
            "<html><head>{CSP_OPEN}default-src 'none'; connect-src 'none'\"></head><body><p>x</p></body></html>"
        );
        let served = for_serving(&built, "day/a.html", 7);
        assert!(served
            .contains("content=\"connect-src 'self'; default-src 'none'; connect-src 'none'\""));
        assert!(served.contains("var __notedeckLive = {gen: 7, page: \"day/a.html\"}"));
        assert!(served.find("__notedeckLive") < served.find("</body>"));
        assert!(!built.contains("__notedeck"));
    }
}
