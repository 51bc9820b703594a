//! Headless Chromium over the raw DevTools protocol (one WebSocket to the
//! browser, flattened sessions per page). Reusable by any browser test:
//! `Browser::launch()`, `open(url)`, `eval(&page, js)`.
//!
//! A missing browser fails under `CI=true` and is a loud skip elsewhere.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

pub fn chromium_path() -> Option<PathBuf> {
    let p = std::env::var_os("NOTEDECK_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    p.is_file().then_some(p)
}

pub struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
    ws: WebSocket<TcpStream>,
    next_id: u64,
}

/// A page (target) with its flattened DevTools session.
pub struct Page {
    pub session: String,
}

impl Browser {
    /// Starts Chromium, or returns `None` (with a loud message) when it is
    /// missing outside CI. Under `CI=true` a missing browser panics.
    pub fn launch() -> Option<Browser> {
        let Some(path) = chromium_path() else {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("CI=true but no Chromium at /usr/bin/chromium (or NOTEDECK_CHROMIUM)");
            }
            eprintln!(
                "\n*** SKIPPED: no Chromium at /usr/bin/chromium; browser test not run ***\n"
            );
            return None;
        };
        let profile = tempfile::tempdir().expect("profile dir");
        let mut child = Command::new(path)
            .args(notedeck::output::pdf::headless_flags())
            .args([
                "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(i) = line.find("ws://") {
                    let _ = tx.send(line[i..].trim().to_string());
                }
            }
        });
        let url = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(u) => u,
            Err(_) => {
                let _ = child.kill();
                panic!("Chromium did not report a DevTools address");
            }
        };
        let hostport = url
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .expect("host:port")
            .to_string();
        let stream = TcpStream::connect(&hostport).expect("connect devtools");
        let (ws, _) = tungstenite::client(url.as_str(), stream).expect("devtools handshake");
        Some(Browser {
            child,
            _profile: profile,
            ws,
            next_id: 1,
        })
    }

    /// Sends one command and waits (bounded) for its result.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.ws
            .send(Message::Text(msg.to_string().into()))
            .expect("devtools send");
        let end = Instant::now() + Duration::from_secs(20);
        let _ = self
            .ws
            .get_mut()
            .set_read_timeout(Some(Duration::from_secs(20)));
        while Instant::now() < end {
            let m = self.ws.read().expect("devtools read");
            if let Message::Text(t) = m {
                let v: Value = serde_json::from_str(t.as_str()).expect("devtools json");
                if v["id"] == json!(id) {
                    if let Some(e) = v.get("error") {
                        panic!("{method}: {e}");
                    }
                    return v["result"].clone();
                }
            }
        }
        panic!("{method}: no answer");
    }

    pub fn open(&mut self, url: &str) -> Page {
        let t = self.call(None, "Target.createTarget", json!({"url": url}));
        let target = t["targetId"].as_str().expect("targetId").to_string();
        let a = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        );
        Page {
            session: a["sessionId"].as_str().expect("sessionId").to_string(),
        }
    }

    /// Evaluates `expr` in the page; `null` when it threw (e.g. mid-reload).
    pub fn eval(&mut self, page: &Page, expr: &str) -> Value {
        let r = self.call(
            Some(&page.session),
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true}),
        );
        if r.get("exceptionDetails").is_some() {
            return Value::Null;
        }
        r["result"]["value"].clone()
    }

    /// Polls `expr` until `ok` accepts its value; the last value either way.
    pub fn wait_until(
        &mut self,
        page: &Page,
        expr: &str,
        timeout: Duration,
        ok: impl Fn(&Value) -> bool,
    ) -> Value {
        let end = Instant::now() + timeout;
        loop {
            let v = self.eval(page, expr);
            if ok(&v) || Instant::now() > end {
                return v;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
