//! A minimal Chrome DevTools protocol client over a pipe
//! (`--remote-debugging-pipe`: commands in on fd 3, answers and events out
//! on fd 4, each message JSON ended by a NUL byte). `pdf` drives its
//! Chromium with it; the browser tests' harness is built on it too.
//!
//! Hand-written: the DevTools crates (`headless_chrome`, `chromiumoxide`)
//! speak over a WebSocket port (and chromiumoxide needs an async runtime);
//! a pipe needs neither, and the browser exits when the pipe closes, so it
//! cannot outlive this process however it ends.

use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type Reply = Result<Value, String>;

/// Called on the reader thread for every event (a message without an
/// `id`); it may [`Conn::send`] but must not wait for an answer.
pub type EventHandler = Box<dyn Fn(&Conn, &Value) + Send + Sync>;

/// The pipe to one Chromium: commands out, answers and events in.
pub struct Conn {
    out: Mutex<ChildStdin>,
    next_id: AtomicU64,
    pending: Mutex<HashMap<u64, Sender<Reply>>>,
    closed: AtomicBool,
    on_event: EventHandler,
}

impl Conn {
    fn write(&self, id: u64, session: Option<&str>, method: &str, params: Value) -> Reply {
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = msg.to_string().into_bytes();
        bytes.push(0);
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        out.write_all(&bytes)
            .and_then(|()| out.flush())
            .map(|()| Value::Null)
            .map_err(|e| format!("{method}: writing to the browser: {e}"))
    }

    /// Sends a command without waiting for its answer.
    pub fn send(&self, session: Option<&str>, method: &str, params: Value) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let _ = self.write(id, session, method, params);
    }

    /// Sends a command and waits at most `timeout` for its result.
    pub fn call(
        &self,
        session: Option<&str>,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Reply {
        let (tx, rx) = mpsc::channel();
        // Registered before sending so the answer cannot arrive first.
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.lock_pending().insert(id, tx);
        if self.closed.load(Ordering::SeqCst) {
            self.lock_pending().remove(&id);
            return Err(format!("{method}: the browser has exited"));
        }
        if let Err(e) = self.write(id, session, method, params) {
            self.lock_pending().remove(&id);
            return Err(e);
        }
        let got = rx.recv_timeout(timeout);
        self.lock_pending().remove(&id);
        match got {
            Ok(r) => r.map_err(|e| format!("{method}: {e}")),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                Err(format!("{method}: no answer within {timeout:?}"))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                Err(format!("{method}: the browser has exited"))
            }
        }
    }

    /// Whether the pipe has closed (the browser exited).
    pub fn closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }

    fn lock_pending(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Sender<Reply>>> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Reads NUL-separated messages until the pipe closes.
    fn read_loop(self: Arc<Self>, input: impl std::io::Read) {
        let mut input = BufReader::new(input);
        let mut buf = Vec::new();
        while matches!(input.read_until(0, &mut buf), Ok(n) if n > 0) {
            if buf.last() == Some(&0) {
                buf.pop();
            }
            if let Ok(msg) = serde_json::from_slice::<Value>(&buf) {
                self.dispatch(&msg);
            }
            buf.clear();
        }
        self.closed.store(true, Ordering::SeqCst);
        // Waiting callers see Disconnected at once.
        self.lock_pending().clear();
    }

    fn dispatch(&self, msg: &Value) {
        match msg["id"].as_u64() {
            Some(id) => {
                if let Some(tx) = self.lock_pending().remove(&id) {
                    let reply = match msg.get("error") {
                        Some(e) => Err(e.to_string()),
                        None => Ok(msg["result"].clone()),
                    };
                    let _ = tx.send(reply);
                }
            }
            None => (self.on_event)(self, msg),
        }
    }
}

/// One headless Chromium on a DevTools pipe; asked to close, then killed,
/// when dropped.
pub struct Chromium {
    conn: Arc<Conn>,
    child: Child,
}

impl Chromium {
    /// Starts `browser` with `args` plus `--remote-debugging-pipe` and waits
    /// (at most `timeout`) until it answers.
    pub fn launch(
        browser: &Path,
        args: &[String],
        on_event: EventHandler,
        timeout: Duration,
    ) -> Result<Chromium, String> {
        Self::launch_in(&[], browser, args, on_event, timeout)
    }

    /// [`Chromium::launch`], run through `wrapper` (a command and its
    /// arguments that execs the rest, such as `unshare --net --`).
    pub fn launch_in(
        wrapper: &[String],
        browser: &Path,
        args: &[String],
        on_event: EventHandler,
        timeout: Duration,
    ) -> Result<Chromium, String> {
        // The shell hands our pipes to Chromium as fds 3 (commands in) and
        // 4 (answers out), where --remote-debugging-pipe expects them.
        let mut child = Command::new("/bin/sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>/dev/null"#)
            .args(wrapper)
            .arg(browser)
            .arg("--remote-debugging-pipe")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", browser.display()))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err("no pipe to the browser".into());
        };
        let conn = Arc::new(Conn {
            out: Mutex::new(stdin),
            next_id: AtomicU64::new(1),
            pending: Mutex::new(HashMap::new()),
            closed: AtomicBool::new(false),
            on_event,
        });
        let reader = conn.clone();
        let spawned = std::thread::Builder::new()
            .name("chromium-devtools".into())
            .spawn(move || reader.read_loop(stdout));
        let chromium = Chromium { conn, child };
        spawned.map_err(|e| format!("cannot start a thread: {e}"))?;
        chromium
            .conn
            .call(None, "Browser.getVersion", json!({}), timeout)
            .map_err(|e| format!("{} did not start: {e}", browser.display()))?;
        Ok(chromium)
    }

    pub fn conn(&self) -> &Arc<Conn> {
        &self.conn
    }

    /// Chromium's process id (its helpers are its children).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A new tab on `about:blank`, attached (flat session); returns its
    /// target and session ids.
    pub fn new_tab(&self, timeout: Duration) -> Result<(String, String), String> {
        let t = self.conn.call(
            None,
            "Target.createTarget",
            json!({"url": "about:blank"}),
            timeout,
        )?;
        let target = t["targetId"]
            .as_str()
            .ok_or("Target.createTarget: no targetId")?
            .to_string();
        let a = self.conn.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
            timeout,
        )?;
        let session = a["sessionId"]
            .as_str()
            .ok_or("Target.attachToTarget: no sessionId")?
            .to_string();
        Ok((target, session))
    }
}

impl Drop for Chromium {
    /// Asks Chromium to exit (so it removes its profile), then kills it.
    fn drop(&mut self) {
        self.conn.send(None, "Browser.close", json!({}));
        let end = Instant::now() + Duration::from_secs(5);
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
