//! Server-sent events for live reload, written on the raw connection
//! (tiny_http's `Request::into_writer`) and flushed per event: a tiny_http
//! response body is buffered until it ends, which an event stream never
//! does. One thread pings every stream, which is how a closed tab is
//! noticed (the write fails) and its stream dropped.

use super::share::{Role, To};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One open event stream: the page it was opened for, and the queue of
/// its writer thread.
struct Stream {
    page: Option<String>,
    /// Set for a `serve --share` stream: it gets the room's frames.
    role: Option<Role>,
    queue: SyncSender<Arc<str>>,
}

/// Frames a stream may fall behind by before it is dropped (its page
/// reconnects and catches up from the hello).
const BEHIND: usize = 16;

/// Every open event stream.
#[derive(Default)]
pub struct Hub {
    streams: Mutex<Vec<Stream>>,
}

impl Hub {
    /// Writes `first` (the response head and the hello frame) and keeps
    /// the stream for later events; `false` if the client is already gone.
    /// `first` is built under the hub's lock, so no broadcast can fall
    /// between it and the stream's registration. Later frames are written
    /// by a thread of the stream's own: a client that reads slowly (a
    /// frame can hold a whole page) holds that thread, never the hub.
    pub fn add(
        &self,
        out: Box<dyn Write + Send>,
        page: Option<String>,
        first: impl FnOnce() -> String,
    ) -> bool {
        self.add_as(out, page, None, first)
    }

    /// [`Hub::add`] for a stream opened with a `--share` token.
    pub fn add_as(
        &self,
        mut out: Box<dyn Write + Send>,
        page: Option<String>,
        role: Option<Role>,
        first: impl FnOnce() -> String,
    ) -> bool {
        let Ok(mut streams) = self.streams.lock() else {
            return false;
        };
        if send(&mut out, first().as_bytes()).is_err() {
            return false;
        }
        let (queue, frames) = sync_channel::<Arc<str>>(BEHIND);
        let spawned = std::thread::Builder::new()
            .name("notedeck-events".into())
            .stack_size(64 * 1024)
            .spawn(move || {
                for f in frames {
                    if send(&mut out, f.as_bytes()).is_err() {
                        break;
                    }
                }
            });
        if spawned.is_err() {
            return false;
        }
        streams.push(Stream { page, role, queue });
        true
    }

    /// Sends one frame to every stream, dropping those that fail.
    pub fn broadcast(&self, frame: &str) {
        self.broadcast_per_page(|_| None, frame);
    }

    /// Sends each stream `special(its page)`, else `frame`. A stream whose
    /// client is gone or has fallen [`BEHIND`] frames is dropped.
    pub fn broadcast_per_page(&self, special: impl Fn(&str) -> Option<Arc<str>>, frame: &str) {
        let frame: Arc<str> = frame.into();
        if let Ok(mut streams) = self.streams.lock() {
            streams.retain(|s| {
                let f = s.page.as_deref().and_then(&special);
                s.queue.try_send(f.unwrap_or_else(|| frame.clone())).is_ok()
            });
        }
    }

    /// Sends a `--share` frame to the streams it is for.
    pub fn broadcast_share(&self, to: To, frame: &str) {
        let frame: Arc<str> = frame.into();
        if let Ok(mut streams) = self.streams.lock() {
            streams.retain(|s| match (s.role, to) {
                (Some(_), To::Everyone) | (Some(Role::Presenter), To::Presenters) => {
                    s.queue.try_send(frame.clone()).is_ok()
                }
                _ => true,
            });
        }
    }

    /// Open streams of `role`.
    pub fn count(&self, role: Role) -> usize {
        self.streams
            .lock()
            .map(|s| s.iter().filter(|s| s.role == Some(role)).count())
            .unwrap_or(0)
    }

    /// The pages open streams were opened for.
    pub fn pages(&self) -> std::collections::BTreeSet<String> {
        self.streams
            .lock()
            .map(|s| s.iter().filter_map(|s| s.page.clone()).collect())
            .unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.streams.lock().map(|s| s.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Ends every stream (the server is stopping).
    pub fn close_all(&self) {
        if let Ok(mut streams) = self.streams.lock() {
            streams.clear();
        }
    }
}

fn send(out: &mut Box<dyn Write + Send>, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(bytes)?;
    out.flush()
}

/// `event:` + one `data:` line per line of `data`.
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

/// Pings every stream each `every` until `stop`: a write to a closed tab
/// fails by the second ping, which drops its stream.
pub fn ping_loop(hub: Arc<Hub>, every: Duration, stop: Arc<AtomicBool>) {
    let tick = Duration::from_millis(100).min(every);
    let mut waited = Duration::ZERO;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(tick);
        waited += tick;
        if waited >= every {
            waited = Duration::ZERO;
            hub.broadcast(": ping\n\n");
        }
    }
    hub.close_all();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn frames_split_data_lines() {
        assert_eq!(sse_frame("reload", "{}"), "event: reload\ndata: {}\n\n");
        assert_eq!(sse_frame("x", "a\nb"), "event: x\ndata: a\ndata: b\n\n");
    }

    /// A writer that shares what it got and can be made to fail or to
    /// stop writing (a client that reads nothing).
    #[derive(Clone, Default)]
    struct Sink(Arc<(Mutex<Got>, std::sync::Condvar)>);

    /// What a [`Sink`] got, whether it fails, whether it blocks.
    type Got = (Vec<u8>, bool, bool);

    impl Sink {
        fn fail(&self) {
            if let Ok(mut g) = self.0 .0.lock() {
                g.1 = true;
            }
        }
        fn block(&self) {
            if let Ok(mut g) = self.0 .0.lock() {
                g.2 = true;
            }
        }
        fn unblock(&self) {
            if let Ok(mut g) = self.0 .0.lock() {
                g.2 = false;
            }
            self.0 .1.notify_all();
        }
        /// What it got, once it holds `n` bytes (or after 5 s).
        fn wait_for(&self, n: usize) -> Vec<u8> {
            let end = Instant::now() + Duration::from_secs(5);
            loop {
                let got = self.0 .0.lock().map(|g| g.0.clone()).unwrap_or_default();
                if got.len() >= n || Instant::now() > end {
                    return got;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
        }
    }

    impl Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            let (lock, cv) = &*self.0;
            let mut g = lock.lock().map_err(|_| std::io::ErrorKind::Other)?;
            while g.2 {
                g = cv.wait(g).map_err(|_| std::io::ErrorKind::Other)?;
            }
            if g.1 {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            g.0.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_page_s_own_streams_get_its_own_frame() {
        let hub = Hub::default();
        let (a, b) = (Sink::default(), Sink::default());
        assert!(hub.add(Box::new(a.clone()), Some("d/a.html".into()), String::new));
        assert!(hub.add(Box::new(b.clone()), None, String::new));
        assert_eq!(hub.pages().into_iter().collect::<Vec<_>>(), ["d/a.html"]);
        hub.broadcast_per_page(|p| (p == "d/a.html").then(|| "own\n\n".into()), "all\n\n");
        assert_eq!(a.wait_for(5), b"own\n\n");
        assert_eq!(b.wait_for(5), b"all\n\n");
    }

    #[test]
    fn failed_streams_are_dropped_and_the_rest_get_every_frame() {
        let hub = Hub::default();
        let (a, b) = (Sink::default(), Sink::default());
        assert!(hub.add(Box::new(a.clone()), None, || "hello\n\n".into()));
        assert!(hub.add(Box::new(b.clone()), None, || "hello\n\n".into()));
        b.fail();
        let frame = "event: reload\ndata: 1\n\n";
        hub.broadcast(frame);
        let want = format!("hello\n\n{frame}");
        assert_eq!(String::from_utf8_lossy(&a.wait_for(want.len())), want);
        // b's writer ended on its failed write: the next frame drops it.
        let end = Instant::now() + Duration::from_secs(5);
        while hub.len() > 1 && Instant::now() < end {
            hub.broadcast(": ping\n\n");
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(hub.len(), 1);
    }

    #[test]
    fn a_client_that_stops_reading_holds_only_its_own_stream() {
        let hub = Hub::default();
        let (stuck, fine) = (Sink::default(), Sink::default());
        assert!(hub.add(
            Box::new(stuck.clone()),
            Some("d/a.html".into()),
            String::new
        ));
        assert!(hub.add(Box::new(fine.clone()), None, String::new));
        stuck.block();
        // One frame held by its blocked writer, BEHIND queued, one more.
        for i in 1..=BEHIND + 2 {
            let started = Instant::now();
            hub.broadcast_per_page(|_| Some("x".repeat(1 << 16).into()), "y");
            // Nothing waits for the stuck client.
            assert!(started.elapsed() < Duration::from_secs(1));
            assert_eq!(fine.wait_for(i), b"y".repeat(i));
        }
        // Dropped once it fell behind; the other stream stays.
        assert_eq!(hub.len(), 1);
        stuck.unblock();
    }
}
