//! Server-sent events for live reload, written on the raw connection
//! (tiny_http's `Request::into_writer`) and flushed per event: a tiny_http
//! response body is buffered until it ends, which an event stream never
//! does. One thread pings every stream, which is how a closed tab is
//! noticed (the write fails) and its stream dropped.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One open event stream and the page it was opened for.
struct Stream {
    page: Option<String>,
    out: Box<dyn Write + Send>,
}

/// Every open event stream.
#[derive(Default)]
pub struct Hub {
    streams: Mutex<Vec<Stream>>,
}

impl Hub {
    /// Writes `first` (the response head and the hello frame) and keeps
    /// the stream for later events; `false` if the client is already gone.
    /// `first` is built under the hub's lock, so no broadcast can fall
    /// between it and the stream's registration.
    pub fn add(
        &self,
        mut out: Box<dyn Write + Send>,
        page: Option<String>,
        first: impl FnOnce() -> String,
    ) -> bool {
        let Ok(mut streams) = self.streams.lock() else {
            return false;
        };
        if send(&mut out, first().as_bytes()).is_err() {
            return false;
        }
        streams.push(Stream { page, out });
        true
    }

    /// Sends one frame to every stream, dropping those that fail.
    pub fn broadcast(&self, frame: &str) {
        self.broadcast_per_page(|_| None, frame);
    }

    /// Sends each stream `special(its page)`, else `frame`, dropping
    /// the streams that fail.
    pub fn broadcast_per_page<'a>(
        &self,
        special: impl Fn(&str) -> Option<&'a str>,
        frame: &'a str,
    ) {
        if let Ok(mut streams) = self.streams.lock() {
            streams.retain_mut(|s| {
                let f = s.page.as_deref().and_then(&special).unwrap_or(frame);
                send(&mut s.out, f.as_bytes()).is_ok()
            });
        }
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

    #[test]
    fn frames_split_data_lines() {
        assert_eq!(sse_frame("reload", "{}"), "event: reload\ndata: {}\n\n");
        assert_eq!(sse_frame("x", "a\nb"), "event: x\ndata: a\ndata: b\n\n");
    }

    /// A writer that shares what it got and can be made to fail.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<(Vec<u8>, bool)>>);

    impl Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            let mut g = self.0.lock().map_err(|_| std::io::ErrorKind::Other)?;
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
        hub.broadcast_per_page(|p| (p == "d/a.html").then_some("own\n\n"), "all\n\n");
        let got = |s: &Sink| s.0.lock().map(|g| g.0.clone()).unwrap_or_default();
        assert_eq!(got(&a), b"own\n\n");
        assert_eq!(got(&b), b"all\n\n");
    }

    #[test]
    fn failed_streams_are_dropped_and_the_rest_get_every_frame() {
        let hub = Hub::default();
        let (a, b) = (Sink::default(), Sink::default());
        assert!(hub.add(Box::new(a.clone()), None, || "hello\n\n".into()));
        assert!(hub.add(Box::new(b.clone()), None, || "hello\n\n".into()));
        if let Ok(mut g) = b.0.lock() {
            g.1 = true;
        }
        hub.broadcast("event: reload\ndata: 1\n\n");
        assert_eq!(hub.len(), 1);
        let got = a.0.lock().map(|g| g.0.clone()).unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&got),
            "hello\n\nevent: reload\ndata: 1\n\n"
        );
    }
}
