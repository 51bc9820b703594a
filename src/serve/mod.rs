//! `notedeck serve`'s server: pages from memory over HTTP (tiny_http, see
//! [`front`]), with live reload over server-sent events ([`push`]).
//!
//! Threat model: the server is for the person editing the notes, on
//! loopback. Any web page that person opens can make their browser send
//! requests to it, so: only GET and HEAD; only pages the last build
//! rendered (never files from disk); `Host` must be a loopback name or the
//! bound host (DNS rebinding); the event stream also checks `Origin`; no
//! CORS headers, so other origins cannot read a response. Connections are
//! closed when idle ([`front::Limits::read_timeout`]) and the server keeps
//! accepting after accept errors (out of descriptors).
//!
//! `--share` ([`share`]) adds a second listener for the LAN, reached by
//! strangers too: there every request needs a role token, `Host` must name
//! that address, and the one `POST` (commands) needs the token in a header
//! and this listener's `Origin`.

pub mod front;
pub mod push;
pub mod resolve;
pub mod share;

use crate::compile::session::Changes;
use crate::render::PageDigest;
use crate::{Error, Page};
pub use front::{FrontEvent, Limits};
use resolve::Target;
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, RwLock};

/// What the server shows: the pages of the last good build, their
/// digests and the current errors.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub generation: u64,
    pub pages: BTreeMap<String, Page>,
    pub digests: BTreeMap<String, Arc<PageDigest>>,
    pub errors: Vec<String>,
}

struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    hub: Arc<push::Hub>,
    limits: Limits,
    /// The host the server was bound to, as given (`--host`).
    bound_host: String,
    /// The port it listens on: another port on the same host is another
    /// origin.
    port: u16,
    generation: AtomicU64,
    /// Set with `--share`.
    share: Option<Arc<share::Share>>,
}

/// Which listener a request came in on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Via {
    Loopback,
    /// `--share`'s listener: every request needs a token.
    Lan,
}

/// A running server; [`Server::stop`] (or dropping it) stops it.
pub struct Server {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    events: Option<Receiver<FrontEvent>>,
}

impl Server {
    /// Starts serving on `listener`, with no pages until the first
    /// [`Server::publish`].
    pub fn start(listener: TcpListener, bound_host: &str, limits: Limits) -> Result<Server, Error> {
        Server::start_shared(listener, bound_host, limits, None)
    }

    /// [`Server::start`], and with `share` also on its listener (the LAN),
    /// where every request needs one of its tokens.
    pub fn start_shared(
        listener: TcpListener,
        bound_host: &str,
        limits: Limits,
        share: Option<(TcpListener, share::Share)>,
    ) -> Result<Server, Error> {
        let addr = listener
            .local_addr()
            .map_err(|e| Error::Setup(format!("server: {e}")))?;
        let (lan, share_state) = match share {
            Some((l, sh)) => (Some(l), Some(Arc::new(sh))),
            None => (None, None),
        };
        let shared = Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            hub: Arc::new(push::Hub::default()),
            limits: limits.clone(),
            bound_host: bound_host.to_string(),
            port: addr.port(),
            generation: AtomicU64::new(0),
            share: share_state,
        });
        let stop = Arc::new(AtomicBool::new(false));
        let (events_tx, events) = mpsc::channel();
        let s = shared.clone();
        front::start(
            listener,
            &limits,
            Arc::new(move |rq| handle(rq, &s, Via::Loopback)),
            stop.clone(),
            events_tx.clone(),
        )?;
        if let Some(lan) = lan {
            let s = shared.clone();
            front::start(
                lan,
                &limits,
                Arc::new(move |rq| handle(rq, &s, Via::Lan)),
                stop.clone(),
                events_tx,
            )?;
        }
        let (hub, every, st) = (shared.hub.clone(), limits.ping, stop.clone());
        std::thread::Builder::new()
            .name("notedeck-ping".into())
            .spawn(move || push::ping_loop(hub, every, st))
            .map_err(|e| Error::Setup(format!("server: {e}")))?;
        Ok(Server {
            shared,
            addr,
            stop,
            events: Some(events),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/`
    pub fn url(&self) -> String {
        match self.addr.ip() {
            IpAddr::V6(ip) => format!("http://[{ip}]:{}/", self.addr.port()),
            IpAddr::V4(ip) => format!("http://{ip}:{}/", self.addr.port()),
        }
    }

    /// What the front end reports (accept failures), for the command to
    /// print; taken once.
    pub fn take_events(&mut self) -> Option<Receiver<FrontEvent>> {
        self.events.take()
    }

    /// Open event streams.
    pub fn streams(&self) -> usize {
        self.shared.hub.len()
    }

    /// Replaces the served pages and tells every open page what changed.
    pub fn publish(
        &self,
        pages: &BTreeMap<String, Page>,
        digests: &BTreeMap<String, Arc<PageDigest>>,
        errors: &[String],
        changes: &Changes,
    ) {
        let generation = self.shared.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let snap = Arc::new(Snapshot {
            generation,
            pages: pages.clone(),
            digests: digests.clone(),
            errors: errors.to_vec(),
        });
        // The last snapshot (two maps of every page) is freed once the
        // pages have their event, not before: about 1 ms at 1,000 talks.
        let old = match self.shared.snapshot.write() {
            Ok(mut s) => Some(std::mem::replace(&mut *s, snap)),
            Err(_) => None,
        };
        let mut msg = serde_json::json!({
            "gen": generation,
            "changed": changes.changed,
            "removed": changes.removed,
            "errors": errors,
        });
        let frame = push::sse_frame("reload", &msg.to_string());
        // A changed page's own streams get its new HTML in the event: the
        // page patches itself without a request (what it would fetch).
        // Decks only: the index and the show fetch themselves (the show
        // can be megabytes, and every open tab would get it).
        let mut own: BTreeMap<&str, Arc<str>> = BTreeMap::new();
        let open = self.shared.hub.pages();
        for key in changes.changed.keys().filter(|k| open.contains(*k)) {
            match pages.get(key) {
                Some(html) if !crate::compile::WHOLE_PAGES.contains(&key.as_str()) => {
                    msg["html"] = serde_json::Value::from(&**html);
                    own.insert(key, push::sse_frame("reload", &msg.to_string()).into());
                }
                _ => {}
            }
        }
        self.shared
            .hub
            .broadcast_per_page(|page| own.get(page).cloned(), &frame);
        drop(old);
    }

    /// The errors of the last publish.
    pub fn errors(&self) -> Vec<String> {
        self.shared
            .snapshot
            .read()
            .map(|s| s.errors.clone())
            .unwrap_or_default()
    }

    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

type Response = tiny_http::Response<std::io::Cursor<Body>>;

/// A response body that shares the page instead of copying it.
#[derive(Clone)]
pub struct Body(Page);

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// A response with the headers every answer carries.
fn response(status: u16, content_type: &str, body: Page, extra: &[(&str, &str)]) -> Response {
    let len = body.len();
    let mut headers: Vec<tiny_http::Header> = [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        // No other page may frame a deck (and talk to it as its parent).
        ("Content-Security-Policy", "frame-ancestors 'none'"),
        ("X-Frame-Options", "DENY"),
        ("Server", "notedeck"),
    ]
    .iter()
    .chain(extra)
    .filter_map(|(k, v)| header(k, v))
    .collect();
    headers.shrink_to_fit();
    tiny_http::Response::new(
        tiny_http::StatusCode(status),
        headers,
        std::io::Cursor::new(Body(body)),
        Some(len),
        None,
    )
    // Always a Content-Length, never chunked.
    .with_chunked_threshold(usize::MAX)
}

/// A plain-text error page that names nothing on disk.
fn error(status: u16, extra: &[(&str, &str)]) -> Response {
    let reason = match status {
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    };
    let body: Page = format!("{status} {reason}\n").into();
    response(status, "text/plain; charset=utf-8", body, extra)
}

fn request_header<'a>(rq: &'a tiny_http::Request, name: &'static str) -> Option<&'a str> {
    rq.headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// The checks every request passes before it is looked at: size, `Host`,
/// method. `Err` is the answer to send instead.
fn admit(rq: &tiny_http::Request, shared: &Shared, via: Via) -> Result<(), Response> {
    let limits = &shared.limits;
    if rq.url().len() > limits.max_target {
        return Err(error(414, &[]));
    }
    let head: usize = rq
        .headers()
        .iter()
        .map(|h| h.field.as_str().len() + h.value.len() + 4)
        .sum();
    if rq.headers().len() > limits.max_headers || head > limits.max_head {
        return Err(error(431, &[]));
    }
    match request_header(rq, "Host") {
        None => return Err(error(400, &[])),
        Some(h) if !host_ok(h, shared, via) => return Err(error(403, &[])),
        Some(_) => {}
    }
    let post_ok = shared.share.is_some() && path_of(rq.url()) == share::SHARE_PATH;
    match rq.method() {
        tiny_http::Method::Get | tiny_http::Method::Head => Ok(()),
        tiny_http::Method::Post if post_ok => Ok(()),
        _ if post_ok => Err(error(405, &[("Allow", "POST")])),
        _ => Err(error(405, &[("Allow", "GET, HEAD")])),
    }
}

/// `Host` (or an `Origin`'s authority) names this listener: on loopback as
/// before `--share`; on the shared listener only its own address.
fn host_ok(host: &str, shared: &Shared, via: Via) -> bool {
    match (via, &shared.share) {
        (Via::Lan, Some(sh)) => host_name(host).is_some_and(|n| n == normal_host(&sh.host)),
        (Via::Lan, None) => false,
        (Via::Loopback, _) => host_allowed(host, &shared.bound_host),
    }
}

/// The request's `Origin`, when it has one, is this listener's (port too).
fn origin_ok(rq: &tiny_http::Request, shared: &Shared, via: Via) -> bool {
    request_header(rq, "Origin").is_none_or(|o| {
        o.strip_prefix("http://")
            .is_some_and(|a| host_ok(a, shared, via) && port_of(a) == shared.port)
    })
}

fn path_of(target: &str) -> &str {
    target.split_once('?').map_or(target, |(p, _)| p)
}

/// The `--share` cookie's name: per port, so two servers on one host do
/// not overwrite each other's.
fn cookie_name(port: u16) -> String {
    format!("nd_share_{port}")
}

/// The token a request came with and the role it grants: `?t=` first,
/// else the command header, else the cookie; and whether it came in the
/// query.
fn token_of(rq: &tiny_http::Request, shared: &Shared) -> Option<(share::Role, String, bool)> {
    let sh = shared.share.as_ref()?;
    if let Some(t) = request_header(rq, share::TOKEN_HEADER) {
        return sh.tokens.role_of(t).map(|r| (r, t.to_string(), false));
    }
    if let Some(t) = query_param(rq.url(), "t") {
        return sh.tokens.role_of(&t).map(|r| (r, t, true));
    }
    let name = cookie_name(shared.port);
    rq.headers()
        .iter()
        .filter(|h| h.field.equiv("Cookie"))
        .flat_map(|h| h.value.as_str().split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .and_then(|(_, t)| sh.tokens.role_of(t).map(|r| (r, t.to_string(), false)))
}

fn handle(rq: tiny_http::Request, shared: &Shared, via: Via) {
    if let Err(r) = admit(&rq, shared, via) {
        front::respond(rq, r, &shared.limits);
        return;
    }
    let token = token_of(&rq, shared);
    // The shared listener answers nothing, not even a 404, without a token.
    if via == Via::Lan && token.is_none() {
        front::respond(rq, error(403, &[]), &shared.limits);
        return;
    }
    if *rq.method() == tiny_http::Method::Post {
        return command(rq, shared, via);
    }
    let snap = match shared.snapshot.read() {
        Ok(s) => s.clone(),
        Err(_) => {
            front::respond(rq, error(503, &[]), &shared.limits);
            return;
        }
    };
    // Admitted by `?t=`: later requests of the page (its event stream, a
    // patch, the next deck) carry the token as a cookie.
    let cookie = token.as_ref().filter(|t| t.2).map(|t| {
        format!(
            "{}={}; Path=/; HttpOnly; SameSite=Strict",
            cookie_name(shared.port),
            t.1
        )
    });
    let set_cookie: Vec<(&str, &str)> = cookie.iter().map(|c| ("Set-Cookie", c.as_str())).collect();
    let role = token.as_ref().map(|t| (t.0, t.1.as_str()));
    let answer = if shared.share.is_some() && path_of(rq.url()) == share::REMOTE_PATH {
        match role {
            Some((share::Role::Remote, t)) => match share::remote_page(t) {
                Ok(html) => response(200, "text/html; charset=utf-8", html.into(), &set_cookie),
                Err(_) => error(503, &[]),
            },
            _ => error(403, &[]),
        }
    } else {
        match resolve::resolve(rq.url()) {
            Target::Bad => error(400, &[]),
            Target::NotFound => error(404, &[]),
            Target::Events => return events(rq, shared, via, role.map(|r| r.0)),
            Target::Page(key) => match (snap.pages.get(&key), role) {
                // The show, for a role: with the share script.
                (Some(body), Some((r, t)))
                    if key == crate::render::recap::RECAP_PAGE && r != share::Role::Remote =>
                {
                    let page: Page = share::inject(body, r, t).into();
                    response(200, "text/html; charset=utf-8", page, &set_cookie)
                }
                // Only pages are served, and every page is HTML.
                (Some(body), _) => {
                    response(200, "text/html; charset=utf-8", body.clone(), &set_cookie)
                }
                (None, _) => error(404, &[]),
            },
        }
    };
    // Written off the worker pool: a slow reader must not hold a worker.
    front::respond(rq, answer, &shared.limits);
}

/// `POST /__notedeck/share`: one command of a `--share` page. It must come
/// from this listener's own origin, with its token in [`share::TOKEN_HEADER`]
/// (never the cookie), a `Content-Length` of at most [`share::MAX_BODY`],
/// within the rate limit.
fn command(mut rq: tiny_http::Request, shared: &Shared, via: Via) {
    let Some(sh) = shared.share.clone() else {
        return front::respond(rq, error(404, &[]), &shared.limits);
    };
    let origin_present = request_header(&rq, "Origin").is_some();
    let role = request_header(&rq, share::TOKEN_HEADER).and_then(|t| sh.tokens.role_of(t));
    let ip = rq.remote_addr().map(|a| a.ip());
    let answer = if !origin_present || !origin_ok(&rq, shared, via) {
        error(403, &[])
    } else if !ip.is_some_and(|ip| sh.allow(ip)) {
        error(429, &[("Retry-After", "1")])
    } else if let Some(role) = role {
        match rq.body_length() {
            None => error(411, &[]),
            Some(n) if n > share::MAX_BODY => error(413, &[]),
            Some(_) => {
                let mut body = Vec::new();
                let read = std::io::Read::read_to_end(
                    &mut std::io::Read::take(rq.as_reader(), share::MAX_BODY as u64),
                    &mut body,
                );
                let presenters = shared.hub.count(share::Role::Presenter) > 0;
                match read.map(|_| sh.command(role, &body, presenters)) {
                    Err(_) => error(400, &[]),
                    Ok(Err((status, why))) => response(
                        status,
                        "text/plain; charset=utf-8",
                        format!("{why}\n").into(),
                        &[],
                    ),
                    Ok(Ok(frames)) => {
                        for (to, event, data) in frames {
                            shared
                                .hub
                                .broadcast_share(to, &push::sse_frame(event, &data));
                        }
                        response(204, "text/plain; charset=utf-8", "".into(), &[])
                    }
                }
            }
        }
    } else {
        error(403, &[])
    };
    front::respond(rq, answer, &shared.limits);
}

/// `GET /__notedeck/events?page=KEY`: a stream of `reload` events, opened
/// by a `hello` with the current generation, errors and the version of
/// page KEY (so a page that missed a change while loading reloads). With a
/// `--share` token it also gets the room's frames, starting with its state.
fn events(rq: tiny_http::Request, shared: &Shared, via: Via, role: Option<share::Role>) {
    if !origin_ok(&rq, shared, via) {
        let _ = rq.respond(error(403, &[]));
        return;
    }
    if *rq.method() == tiny_http::Method::Head {
        let _ = rq.respond(response(200, "text/event-stream", "".into(), &[]));
        return;
    }
    if shared.hub.len() >= shared.limits.max_streams {
        let _ = rq.respond(error(503, &[("Retry-After", "5")]));
        return;
    }
    // Only a stream asking for them (`share=1`) gets the room's frames.
    let role = role.filter(|_| query_param(rq.url(), "share").is_some());
    let page = query_param(rq.url(), "page");
    let out = rq.into_writer();
    shared.hub.add_as(out, page.clone(), role, || {
        let snap = shared
            .snapshot
            .read()
            .map(|s| s.clone())
            .unwrap_or_default();
        let version = page
            .as_deref()
            .and_then(|p| snap.digests.get(p))
            .map(|d| d.version.clone());
        let hello = serde_json::json!({
            "gen": snap.generation,
            "errors": snap.errors,
            "version": version,
        });
        let room = match (role, &shared.share) {
            (Some(_), Some(sh)) => push::sse_frame("share", &sh.hello()),
            _ => String::new(),
        };
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
             X-Content-Type-Options: nosniff\r\nServer: notedeck\r\nConnection: close\r\n\r\n\
             retry: 1000\n\n{}{room}",
            push::sse_frame("hello", &hello.to_string())
        )
    });
}

/// The percent-decoded value of `name` in the request-target's query.
fn query_param(target: &str, name: &str) -> Option<String> {
    let (_, query) = target.split_once('?')?;
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then(|| {
            percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .into_owned()
        })
    })
}

/// True for `Host` (or `Origin` authority) values naming this server:
/// a loopback name or the bound host, with any port. Anything else may be
/// a DNS-rebinding page.
pub fn host_allowed(host: &str, bound: &str) -> bool {
    let Some(name) = host_name(host) else {
        return false;
    };
    matches!(name.as_str(), "localhost" | "127.0.0.1" | "::1")
        || (!name.is_empty() && name == normal_host(bound))
}

/// The name part of a `Host` value, lowercased, without a trailing dot;
/// `None` when it is malformed.
fn host_name(host: &str) -> Option<String> {
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((inner, after)) if after.is_empty() || port_ok(after) => inner,
            _ => return None,
        }
    } else {
        match host.rsplit_once(':') {
            Some((n, p)) if port_ok(&format!(":{p}")) => n,
            Some(_) => return None,
            None => host,
        }
    };
    Some(name.trim_end_matches('.').to_ascii_lowercase())
}

fn normal_host(bound: &str) -> String {
    bound
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase()
}

/// The port of an `http:` authority (80 when it names none).
fn port_of(authority: &str) -> u16 {
    let after_host = match authority.rsplit_once(']') {
        Some((_, rest)) => rest,
        None => authority,
    };
    match after_host.rsplit_once(':') {
        Some((_, p)) => p.parse().unwrap_or(0),
        None => 80,
    }
}

fn port_ok(s: &str) -> bool {
    s.strip_prefix(':')
        .is_some_and(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Where `bind` ended up listening.
pub struct Bound {
    pub listener: TcpListener,
    /// Set when port 4000 was taken and the next free one was used.
    pub moved_from: Option<u16>,
}

/// Binds `host:port`; without an explicit port, walks up from 4000.
pub fn bind(host: &str, port: Option<u16>) -> Result<Bound, Error> {
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
            .map(|listener| Bound {
                listener,
                moved_from: None,
            })
            .map_err(|e| Error::Setup(format!("cannot listen on {}: {e}", SocketAddr::new(ip, p)))),
        None => (4000..4100)
            .find_map(|p| TcpListener::bind((ip, p)).ok().map(|l| (p, l)))
            .map(|(p, listener)| Bound {
                listener,
                moved_from: (p != 4000).then_some(4000),
            })
            .ok_or_else(|| Error::Setup("no free port between 4000 and 4099; pass --port".into())),
    }
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

    #[test]
    fn query_values_are_decoded() {
        assert_eq!(
            query_param("/__notedeck/events?page=day%2Fa%20b.html", "page").as_deref(),
            Some("day/a b.html")
        );
        assert_eq!(
            query_param("/__notedeck/events?x=1&page=i.html", "page").as_deref(),
            Some("i.html")
        );
        assert_eq!(query_param("/__notedeck/events", "page"), None);
    }
}
