//! tiny_http in front, with what it lacks added around it:
//!
//! - **Socket timeouts.** tiny_http never sets one, so the listener gets
//!   `SO_RCVTIMEO`/`SO_SNDTIMEO` and every accepted socket inherits them
//!   (Linux copies them on accept): an idle or stalled connection is closed
//!   after `read_timeout`. The catch: `accept` on that listener also times
//!   out when no one connects for that long, which ends tiny_http's accept
//!   thread (the watchdog's probe, below, keeps that from happening).
//! - **A watchdog.** tiny_http's accept loop `break`s on the first accept
//!   error (EMFILE when out of descriptors; the timeout above) and the
//!   server never accepts again; where it cannot clone an accepted socket
//!   (out of descriptors) it panics instead. The watchdog sees the error
//!   (it reaches `recv` as a message) or its probe request (every half
//!   second) going unanswered while the server was free to answer, and
//!   starts a new `tiny_http::Server` on a
//!   clone of the same listener (no connection is refused meanwhile: the
//!   kernel keeps queueing them), backing off while the failure persists.
//! - **A bounded pool.** A fixed number of worker threads handle requests;
//!   one pump thread per live `tiny_http::Server` moves its requests to
//!   them. A server whose accept thread died keeps its pump until its
//!   open connections have gone quiet.
//! - **Writes off the pool.** tiny_http writes a response on the thread
//!   that calls `respond`, as fast as the client reads. A worker only
//!   makes the answer; [`respond`] writes it on a thread of its own (at
//!   most [`Limits::max_writers`] at once), so clients that read a large
//!   deck a byte a second hold writer threads, not the workers, and a
//!   fresh request is still answered at once. A writer that cannot make
//!   progress for `write_timeout` gives up.
//!
//! What cannot be bounded from outside: tiny_http reads a header line into
//! an unbounded buffer and starts a thread per open connection, so a
//! client can make it hold a large header in memory, and many connections
//! mean many threads, until `read_timeout` closes the idle ones.

use crate::Error;
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Tunables of the front end.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Worker threads handling requests.
    pub workers: usize,
    /// Open event streams before new ones get a 503.
    pub max_streams: usize,
    /// A connection with nothing to read for this long is closed.
    pub read_timeout: Duration,
    /// A write that cannot make progress for this long fails.
    pub write_timeout: Duration,
    /// Responses being written at once on their own threads; past this,
    /// the worker writes (the pool then waits for slow readers).
    pub max_writers: usize,
    /// Longest request-target (414 above it; checked once tiny_http has
    /// read it).
    pub max_target: usize,
    /// Most header fields, and their total size (431 above either).
    pub max_headers: usize,
    pub max_head: usize,
    /// How often every event stream is pinged (a closed tab is noticed by
    /// the second failed ping).
    pub ping: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            workers: 8,
            max_streams: 128,
            read_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            max_writers: 4096,
            max_target: 8 * 1024,
            max_headers: 64,
            max_head: 16 * 1024,
            ping: Duration::from_secs(2),
        }
    }
}

/// Something the front end wants the person running `serve` to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontEvent {
    /// Accepting connections failed (e.g. out of file descriptors); the
    /// watchdog keeps retrying. Sent once per run of failures.
    AcceptFailed(String),
    /// Accepting works again after a failure.
    AcceptRecovered,
}

type Handler = Arc<dyn Fn(tiny_http::Request) + Send + Sync>;

/// Starts the workers and the watchdog; everything stops within about a
/// second of `stop` being set.
pub fn start(
    listener: TcpListener,
    limits: &Limits,
    handler: Handler,
    stop: Arc<AtomicBool>,
    events: Sender<FrontEvent>,
) -> Result<(), Error> {
    let sock = socket2::SockRef::from(&listener);
    sock.set_read_timeout(Some(limits.read_timeout))
        .and_then(|()| sock.set_write_timeout(Some(limits.write_timeout)))
        .map_err(|e| Error::Setup(format!("server: cannot set socket timeouts: {e}")))?;
    let (tx, rx) = mpsc::sync_channel::<tiny_http::Request>(limits.workers * 4);
    let rx = Arc::new(Mutex::new(rx));
    for i in 0..limits.workers.max(1) {
        let (rx, handler) = (rx.clone(), handler.clone());
        std::thread::Builder::new()
            .name(format!("notedeck-worker-{i}"))
            .spawn(move || worker(&rx, &handler))
            .map_err(|e| Error::Setup(format!("server: {e}")))?;
    }
    // A server whose accept thread died is drained for this long after its
    // last request: by then its idle connections have timed out.
    let drain = limits.read_timeout * 2;
    // The probe carries a key of this run, so no client gets the pump's
    // answer (with `--share`, every other path needs a token).
    let mut key = [0u8; 8];
    getrandom::fill(&mut key).map_err(|e| Error::Setup(format!("server: {e}")))?;
    let probe: Arc<str> = format!(
        "{PROBE_PATH}?k={}",
        key.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
    .into();
    std::thread::Builder::new()
        .name("notedeck-watchdog".into())
        .spawn(move || watchdog(listener, tx, drain, &stop, &events, &probe))
        .map_err(|e| Error::Setup(format!("server: {e}")))?;
    Ok(())
}

fn worker(rx: &Mutex<Receiver<tiny_http::Request>>, handler: &Handler) {
    loop {
        let next = match rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(rq) = next else { return };
        // A bug in one request must not cost the pool a worker.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handler(rq)));
    }
}

/// Responses being written by [`respond`]'s threads.
static WRITERS: AtomicUsize = AtomicUsize::new(0);

/// Writes `response` to `rq`'s client on a thread of its own, so a client
/// that reads slowly holds that thread and not a worker; on the calling
/// thread when `max_writers` are busy or no thread can be started.
pub fn respond<R>(rq: tiny_http::Request, response: tiny_http::Response<R>, limits: &Limits)
where
    R: std::io::Read + Send + 'static,
{
    if WRITERS.fetch_add(1, Ordering::SeqCst) >= limits.max_writers {
        WRITERS.fetch_sub(1, Ordering::SeqCst);
        let _ = rq.respond(response);
        return;
    }
    // Handed back if the thread cannot start.
    let job = Arc::new(Mutex::new(Some((rq, response))));
    let mine = job.clone();
    let spawned = std::thread::Builder::new()
        .name("notedeck-writer".into())
        .stack_size(256 * 1024)
        .spawn(move || {
            let taken = mine.lock().ok().and_then(|mut j| j.take());
            if let Some((rq, response)) = taken {
                let _ = rq.respond(response);
            }
            WRITERS.fetch_sub(1, Ordering::SeqCst);
        });
    if spawned.is_err() {
        WRITERS.fetch_sub(1, Ordering::SeqCst);
        let taken = job.lock().ok().and_then(|mut j| j.take());
        if let Some((rq, response)) = taken {
            let _ = rq.respond(response);
        }
    }
}

/// The watchdog's probe: answered by the pump itself, so a busy pool
/// cannot make a live server look dead.
pub const PROBE_PATH: &str = "/__notedeck/probe";

fn watchdog(
    listener: TcpListener,
    tx: SyncSender<tiny_http::Request>,
    drain: Duration,
    stop: &Arc<AtomicBool>,
    events: &Sender<FrontEvent>,
    probe_target: &Arc<str>,
) {
    let probe_addr = match listener.local_addr() {
        Ok(a) if a.ip().is_unspecified() => {
            std::net::SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), a.port())
        }
        Ok(a) => a,
        Err(_) => return,
    };
    let mut backoff = Duration::from_millis(5);
    let mut failing = false;
    while !stop.load(Ordering::SeqCst) {
        let started = listener
            .try_clone()
            .map_err(|e| e.to_string())
            .and_then(|l| {
                // tiny_http spawns its accept thread with `thread::spawn`,
                // which panics when the OS refuses a thread.
                std::panic::catch_unwind(|| tiny_http::Server::from_listener(l, None))
                    .map_err(|_| "cannot start a thread".to_string())?
                    .map_err(|e| e.to_string())
            });
        let error = match started {
            Ok(server) => {
                // One channel per server: a late word from a replaced one
                // must not end its successor.
                let (died_tx, died_rx) = mpsc::channel::<std::io::Error>();
                let retire = Arc::new(AtomicBool::new(false));
                let busy = Arc::new(AtomicBool::new(false));
                let (tx, died, st) = (tx.clone(), died_tx, stop.clone());
                let (r, b, p) = (retire.clone(), busy.clone(), probe_target.clone());
                let spawned = std::thread::Builder::new()
                    .name("notedeck-pump".into())
                    .spawn(move || pump(server, &tx, &died, &st, &r, &b, drain, &p));
                let error = match spawned {
                    Ok(_) => watch_server(
                        &died_rx,
                        probe_addr,
                        stop,
                        &busy,
                        &mut failing,
                        events,
                        probe_target,
                    ),
                    Err(e) => Some(e.to_string()),
                };
                // Replaced: stop it accepting (if it still does), drain it.
                retire.store(true, Ordering::SeqCst);
                error
            }
            Err(e) => Some(e),
        };
        match error {
            None => backoff = Duration::from_millis(5),
            Some(e) => {
                if !failing {
                    failing = true;
                    let _ = events.send(FrontEvent::AcceptFailed(e));
                }
                std::thread::sleep(backoff);
                backoff = (backoff * 2).min(Duration::from_millis(500));
            }
        }
    }
}

/// Watches the current server until its accept thread is gone: it sent
/// an accept error, or (tiny_http's accept thread panics when it cannot
/// clone a socket, e.g. out of descriptors) it left a probe unanswered
/// while its pump was free. `None` for a routine end (idle accept
/// timeout, stopping).
fn watch_server(
    died: &Receiver<std::io::Error>,
    addr: std::net::SocketAddr,
    stop: &AtomicBool,
    busy: &AtomicBool,
    failing: &mut bool,
    events: &Sender<FrontEvent>,
    probe_target: &str,
) -> Option<String> {
    loop {
        match died.recv_timeout(Duration::from_millis(500)) {
            Ok(e) if is_idle_timeout(&e) => return None,
            Ok(e) => return Some(e.to_string()),
            Err(RecvTimeoutError::Disconnected) => return None,
            Err(RecvTimeoutError::Timeout) => {}
        }
        if stop.load(Ordering::SeqCst) {
            return None;
        }
        match probe(addr, probe_target) {
            Ok(()) => {
                if std::mem::take(failing) {
                    let _ = events.send(FrontEvent::AcceptRecovered);
                }
            }
            // This process is out of descriptors itself: a new server
            // would not help; say so once and keep watching.
            Err(Probe::Connect(e)) => {
                if !*failing {
                    *failing = true;
                    let _ = events.send(FrontEvent::AcceptFailed(e));
                }
            }
            // Unanswered while the pump was free to answer: nobody
            // accepted the probe. (A pump waiting for busy workers is not
            // a dead server.)
            Err(Probe::Unanswered(e)) if !busy.load(Ordering::SeqCst) => return Some(e),
            Err(Probe::Unanswered(_)) => {}
        }
    }
}

enum Probe {
    Connect(String),
    Unanswered(String),
}

/// One request to ourselves; `Ok` when the pump answered it.
fn probe(addr: std::net::SocketAddr, target: &str) -> Result<(), Probe> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(1))
        .map_err(|e| Probe::Connect(e.to_string()))?;
    let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
    let _ = s.set_write_timeout(Some(Duration::from_secs(1)));
    let gone = || Probe::Unanswered("the server stopped accepting connections".into());
    s.write_all(format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes())
        .map_err(|_| gone())?;
    let mut head = [0u8; 12];
    s.read_exact(&mut head).map_err(|_| gone())?;
    if head.starts_with(b"HTTP/1.1 204") {
        Ok(())
    } else {
        Err(Probe::Unanswered(
            "the server answered its probe wrongly".into(),
        ))
    }
}

fn is_idle_timeout(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

/// Moves one tiny_http server's requests to the workers (answering the
/// probe, `probe_target`, itself). After its accept thread died (reported once on `died`),
/// goes on until it has been quiet for `drain`, so requests on
/// connections it already accepted are still served.
#[allow(clippy::too_many_arguments)] // the pump's whole world, passed once
fn pump(
    server: tiny_http::Server,
    tx: &SyncSender<tiny_http::Request>,
    died: &Sender<std::io::Error>,
    stop: &AtomicBool,
    retire: &AtomicBool,
    busy: &AtomicBool,
    drain: Duration,
    probe_target: &str,
) {
    let mut dead = false;
    let mut last = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        busy.store(false, Ordering::SeqCst);
        if !dead && retire.load(Ordering::SeqCst) {
            dead = true;
            last = Instant::now();
        }
        match server.recv_timeout(Duration::from_millis(250)) {
            Ok(Some(rq)) if rq.url() == probe_target => {
                let _ = rq.respond(tiny_http::Response::empty(204));
            }
            Ok(Some(rq)) => {
                last = Instant::now();
                // Waiting for a free worker: the watchdog must not take
                // the late probe answer for a dead server.
                busy.store(true, Ordering::SeqCst);
                if tx.send(rq).is_err() {
                    return;
                }
            }
            Ok(None) if dead && last.elapsed() >= drain => return,
            Ok(None) => {}
            Err(e) => {
                if !dead {
                    dead = true;
                    last = Instant::now();
                    let _ = died.send(e);
                }
            }
        }
    }
    // Dropping the server ends its accept thread if it is still alive.
}
