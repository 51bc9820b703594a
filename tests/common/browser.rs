//! The one headless Chromium harness for every browser test: Debian's
//! `chromium` (or `NOTEDECK_CHROMIUM`), never a downloaded browser, driven
//! over the DevTools protocol on a pipe (`--remote-debugging-pipe`).
//!
//! ```ignore
//! use crate::common::browser::Browser;
//! let Some(browser) = Browser::shared() else { return }; // loud SKIPPED line
//! let tab = browser.open(&common::browser::file_url(&deck)); // new tab, loaded
//! assert!(tab.wait_for("notedeck.current() === 1", Duration::from_secs(10)));
//! tab.press("ArrowRight");
//! assert_eq!(tab.eval_json("location.hash"), "#2");
//! let speaker = tab.wait_for_popup(Duration::from_secs(10)).expect("speaker window");
//! tab.screenshot(&artifacts_dir().join("x.png"));
//! assert!(tab.console_errors().is_empty());
//! ```
//!
//! - [`Browser::shared`]: one Chromium per test binary, shared by its tests
//!   (each opens its own tabs; a [`Tab`] closes on drop). [`Browser::launch`]
//!   gives a private one, killed on drop.
//! - Missing browser: `None` after a loud `SKIPPED` line; under `CI=true`
//!   the test fails instead. A browser that is present but will not start
//!   always fails.
//! - No Chromium outlives the test binary: Chromium exits when its DevTools
//!   pipe closes, and the kernel closes it when this process ends however
//!   it ends (statics are never dropped, panics abort, CI kills).
//! - Every call is bounded ([`CALL_TIMEOUT`]); waits take a timeout and
//!   return what they saw instead of hanging.
//!
//! Built on `notedeck::services::devtools`, the pipe client `pdf` drives
//! its Chromium with (one client; why hand-written is said there).

use base64::Engine as _;
use notedeck::services::devtools;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The longest any one DevTools call may take.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(30);
/// The viewport every tab starts with.
pub const WINDOW: (u32, u32) = (1280, 720);

/// Chromium from `NOTEDECK_CHROMIUM`, else the usual Debian paths.
pub fn chromium_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NOTEDECK_CHROMIUM") {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.is_file())
}

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// The browser's path, or `None` after a loud SKIPPED line naming the test
/// (a failure under `CI=true`). For tests that hand the path to notedeck.
pub fn require_chromium() -> Option<PathBuf> {
    let found = chromium_path();
    if found.is_none() {
        let test = std::thread::current()
            .name()
            .unwrap_or("browser test")
            .to_string();
        if under_ci() {
            panic!("{test}: Chromium is required under CI=true (apt-get install chromium)");
        }
        eprintln!(
            "\n!!! SKIPPED {test}: no Chromium found (install Debian's `chromium` \
             or set NOTEDECK_CHROMIUM); this test fails under CI=true\n"
        );
    }
    found
}

/// axe-core's script: `NOTEDECK_AXE`, else where `.ci/run` installs it
/// with npm (`target/axe/node_modules/axe-core/axe.min.js`). `None` after
/// a loud SKIPPED line naming the test (a failure under `CI=true`).
pub fn require_axe() -> Option<String> {
    let path = std::env::var_os("NOTEDECK_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/axe/node_modules/axe-core/axe.min.js")
        });
    let found = std::fs::read_to_string(&path).ok();
    if found.is_none() {
        let test = std::thread::current()
            .name()
            .unwrap_or("browser test")
            .to_string();
        let how = "npm install --prefix target/axe axe-core@4.14.1";
        if under_ci() {
            panic!("{test}: axe-core is required under CI=true ({how})");
        }
        eprintln!(
            "\n!!! SKIPPED {test}: no axe-core at {} ({how}, or set NOTEDECK_AXE); \
             this test fails under CI=true\n",
            path.display()
        );
    }
    found
}

/// `file://` URL of a local file (made absolute).
pub fn file_url(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    format!("file://{}", abs.display())
}

/// Where screenshots and PDFs for people to look at go:
/// `target/browser-artifacts`.
pub fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

/// Counts the pages of a PDF (its page objects).
pub fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

/// What a page did that a test may want to assert on.
#[derive(Default, Debug, Clone)]
pub struct Seen {
    /// Uncaught exceptions, `console.error` calls and error log entries.
    pub console_errors: Vec<String>,
    /// Every URL the page requested, in order.
    pub requests: Vec<String>,
    /// Messages of `alert`/`confirm`/`prompt` (accepted automatically).
    pub dialogs: Vec<String>,
    loads: u64,
}

type Sessions = Arc<Mutex<HashMap<String, Arc<Mutex<Seen>>>>>;

/// The pipe to one Chromium ([`notedeck::services::devtools`], the client
/// `pdf` uses) and what each attached page has done.
struct Conn {
    pipe: Arc<devtools::Conn>,
    sessions: Sessions,
}

impl Conn {
    fn call_within(
        &self,
        session: Option<&str>,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Result<Value, String> {
        self.pipe.call(session, method, params, timeout)
    }

    fn call(&self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.call_within(session, method, params, CALL_TIMEOUT)
            .unwrap_or_else(|e| panic!("{e}"))
    }
}

/// Records a page's events in its [`Seen`] (on the pipe's reader thread).
fn on_event(sessions: &Sessions, pipe: &devtools::Conn, msg: &Value) {
    let Some(session) = msg["sessionId"].as_str() else {
        return;
    };
    let seen = sessions
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(session)
        .cloned();
    let Some(seen) = seen else {
        return;
    };
    {
        let p = &msg["params"];
        let mut w = seen.lock().unwrap_or_else(|e| e.into_inner());
        match msg["method"].as_str().unwrap_or_default() {
            "Runtime.exceptionThrown" => {
                let d = &p["exceptionDetails"];
                let text = d["exception"]["description"]
                    .as_str()
                    .or(d["text"].as_str())
                    .unwrap_or_default();
                w.console_errors.push(format!("exception: {text}"));
            }
            "Runtime.consoleAPICalled" if p["type"] == "error" => {
                let args: Vec<String> = p["args"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|a| match &a["value"] {
                        Value::String(s) => s.clone(),
                        Value::Null => a["description"].as_str().unwrap_or("").to_string(),
                        v => v.to_string(),
                    })
                    .collect();
                w.console_errors
                    .push(format!("console.error: {}", args.join(" ")));
            }
            "Log.entryAdded" if p["entry"]["level"] == "error" => {
                let text = p["entry"]["text"].as_str().unwrap_or_default();
                w.console_errors.push(format!("log: {text}"));
            }
            "Network.requestWillBeSent" => {
                if let Some(url) = p["request"]["url"].as_str() {
                    w.requests.push(url.to_string());
                }
            }
            "Page.javascriptDialogOpening" => {
                w.dialogs
                    .push(p["message"].as_str().unwrap_or_default().to_string());
                // Answered without waiting: a dialog blocks the page.
                pipe.send(
                    Some(session),
                    "Page.handleJavaScriptDialog",
                    json!({"accept": true}),
                );
            }
            "Page.loadEventFired" => w.loads += 1,
            _ => {}
        }
    }
}

/// One headless Chromium.
pub struct Browser {
    conn: Arc<Conn>,
    chromium: devtools::Chromium,
}

impl Browser {
    /// The test binary's shared browser, started on first use. `None` (after
    /// a loud SKIPPED line) when Chromium is missing outside CI.
    pub fn shared() -> Option<&'static Browser> {
        static SHARED: OnceLock<Browser> = OnceLock::new();
        if let Some(b) = SHARED.get() {
            return Some(b);
        }
        let path = require_chromium()?;
        Some(SHARED.get_or_init(|| Browser::start(&path)))
    }

    /// A browser of the test's own, killed when dropped. `None` as for
    /// [`Browser::shared`].
    pub fn launch() -> Option<Browser> {
        require_chromium().map(|p| Browser::start(&p))
    }

    fn start(path: &Path) -> Browser {
        // No --user-data-dir: headless Chromium makes a scoped profile and
        // deletes it when it exits.
        let mut args: Vec<String> = notedeck::output::pdf::headless_flags()
            .iter()
            .map(|s| s.to_string())
            .collect();
        args.extend(
            [
                "--hide-scrollbars",
                "--mute-audio",
                "--font-render-hinting=none",
                "--disable-quic",
                // Background tabs of the shared browser keep their timers.
                "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
            ]
            .map(String::from),
        );
        args.push(format!("--window-size={},{}", WINDOW.0, WINDOW.1));
        args.push("about:blank".into());
        let sessions = Sessions::default();
        let s = sessions.clone();
        let chromium = devtools::Chromium::launch(
            path,
            &args,
            Box::new(move |pipe, msg| on_event(&s, pipe, msg)),
            Duration::from_secs(60),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let conn = Arc::new(Conn {
            pipe: chromium.conn().clone(),
            sessions,
        });
        Browser { conn, chromium }
    }

    /// A new blank tab (window size [`WINDOW`]), watched from the start.
    pub fn new_tab(&self) -> Tab {
        let t = self
            .conn
            .call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target = t["targetId"].as_str().expect("targetId").to_string();
        Tab::attach(self.conn.clone(), target)
    }

    /// A blank tab in a browser context of its own (its own cookies and
    /// storage, like another device), disposed with the tab.
    pub fn new_device(&self) -> Tab {
        let c = self
            .conn
            .call(None, "Target.createBrowserContext", json!({}));
        let context = c["browserContextId"]
            .as_str()
            .expect("browserContextId")
            .to_string();
        let t = self.conn.call(
            None,
            "Target.createTarget",
            json!({"url": "about:blank", "browserContextId": context}),
        );
        let target = t["targetId"].as_str().expect("targetId").to_string();
        let mut tab = Tab::attach(self.conn.clone(), target);
        tab.context = Some(context);
        tab
    }

    /// A new tab that has loaded `url`.
    pub fn open(&self, url: &str) -> Tab {
        let tab = self.new_tab();
        tab.goto(url);
        tab
    }

    /// Chromium's process id (its helpers are its children).
    pub fn pid(&self) -> u32 {
        self.chromium.pid()
    }
}

/// One page of a [`Browser`], with what it did ([`Seen`]). Closed on drop.
pub struct Tab {
    conn: Arc<Conn>,
    target: String,
    session: String,
    seen: Arc<Mutex<Seen>>,
    /// Set by [`Browser::new_device`]: disposed with the tab.
    context: Option<String>,
}

impl Tab {
    fn attach(conn: Arc<Conn>, target: String) -> Tab {
        let a = conn.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        );
        let session = a["sessionId"].as_str().expect("sessionId").to_string();
        let seen = Arc::new(Mutex::new(Seen::default()));
        conn.sessions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(session.clone(), seen.clone());
        let tab = Tab {
            conn,
            target,
            session,
            seen,
            context: None,
        };
        for domain in ["Page", "Runtime", "Log", "Network"] {
            tab.call(&format!("{domain}.enable"), json!({}));
        }
        tab
    }

    /// Sends one DevTools command to this page (panics on an error answer).
    pub fn call(&self, method: &str, params: Value) -> Value {
        self.conn.call(Some(&self.session), method, params)
    }

    /// Navigates and waits (bounded) for the load event.
    pub fn goto(&self, url: &str) {
        let loads = self.seen().loads;
        let nav = self.call("Page.navigate", json!({"url": url}));
        if let Some(e) = nav["errorText"].as_str().filter(|e| !e.is_empty()) {
            panic!("navigate to {url}: {e}");
        }
        if nav.get("loaderId").is_none() {
            return; // same document: no load event comes
        }
        let end = Instant::now() + CALL_TIMEOUT;
        while self.seen().loads == loads {
            assert!(
                Instant::now() < end,
                "{url} did not load in {CALL_TIMEOUT:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Evaluates `js` (awaiting a promise) and returns its value as JSON;
    /// `Err` with the message when it throws.
    pub fn try_eval(&self, js: &str) -> Result<Value, String> {
        self.try_eval_within(js, CALL_TIMEOUT)
    }

    fn try_eval_within(&self, js: &str, timeout: Duration) -> Result<Value, String> {
        let r = self.conn.call_within(
            Some(&self.session),
            "Runtime.evaluate",
            json!({"expression": js, "returnByValue": true, "awaitPromise": true}),
            timeout,
        )?;
        if let Some(d) = r.get("exceptionDetails") {
            let text = d["exception"]["description"]
                .as_str()
                .or(d["text"].as_str())
                .unwrap_or("exception");
            return Err(text.to_string());
        }
        Ok(r["result"]["value"].clone())
    }

    /// Evaluates `js` and returns its value as JSON (`null` for
    /// `undefined`); panics naming the expression when it throws.
    pub fn eval_json(&self, js: &str) -> Value {
        self.try_eval(js)
            .unwrap_or_else(|e| panic!("evaluate `{js}`: {e}"))
    }

    /// [`Tab::eval_json`] for an integer result.
    pub fn eval_i64(&self, js: &str) -> i64 {
        let v = self.eval_json(js);
        v.as_i64()
            .unwrap_or_else(|| panic!("`{js}` is not an integer: {v}"))
    }

    /// Runs axe-core (`source`, from [`require_axe`]) on the page with
    /// the WCAG 2.0 and 2.1 A and AA rules; one line per violation:
    /// `rule (impact): the first few elements`.
    pub fn axe(&self, source: &str) -> Vec<String> {
        self.eval_json(&format!("{source}\n;1"));
        let v = self.eval_json(
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, \
             resultTypes: ['violations']}).then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + \
             v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') + (v.nodes.length > 3 ? ' …' + v.nodes.length : '')))",
        );
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_else(|| vec![format!("axe did not run: {v}")])
    }

    /// Polls `js` until it is `true` (throwing counts as not yet).
    pub fn wait_for(&self, js: &str, timeout: Duration) -> bool {
        self.wait_until(js, timeout, |v| v == &Value::Bool(true)) == Value::Bool(true)
    }

    /// Polls `js` until `ok` accepts its value; returns the last value
    /// either way (`null` while it throws, e.g. mid-reload).
    pub fn wait_until(&self, js: &str, timeout: Duration, ok: impl Fn(&Value) -> bool) -> Value {
        let end = Instant::now() + timeout;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            let v = self
                .try_eval_within(js, left.max(Duration::from_millis(500)))
                .unwrap_or(Value::Null);
            if ok(&v) || Instant::now() >= end {
                return v;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A device's viewport: `width` x `height` CSS px, `scale` device px
    /// each; `mobile` as a phone (its `<meta name=viewport>` applies). The
    /// window keeps its size.
    pub fn emulate(&self, width: u32, height: u32, scale: f64, mobile: bool) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile}),
        );
    }

    /// Browser zoom as Chromium applies it: the window ([`WINDOW`]) keeps
    /// its size in screen pixels while the page's CSS viewport shrinks by
    /// `zoom` and each CSS pixel covers `zoom` device pixels. (CDP has no
    /// page zoom; `Emulation.setPageScaleFactor` is pinch zoom, no reflow.)
    pub fn zoom(&self, zoom: f64) {
        let css = |px: u32| (f64::from(px) / zoom).round() as u32;
        self.emulate(css(WINDOW.0), css(WINDOW.1), zoom, false);
    }

    /// A one-finger horizontal swipe across the page at height `y`.
    pub fn swipe(&self, from_x: f64, to_x: f64, y: f64) {
        for (kind, x) in [("touchStart", from_x), ("touchMove", to_x)] {
            self.call(
                "Input.dispatchTouchEvent",
                json!({"type": kind, "touchPoints": [{"x": x, "y": y}]}),
            );
        }
        self.call(
            "Input.dispatchTouchEvent",
            json!({"type": "touchEnd", "touchPoints": []}),
        );
    }

    /// Presses and releases one key, named as `KeyboardEvent.key` names it
    /// ("ArrowRight", "Enter", " ", "n", "5").
    pub fn press(&self, key: &str) {
        let (code, key_code, text) = key_info(key);
        let down = json!({
            "type": if text.is_some() { "keyDown" } else { "rawKeyDown" },
            "key": key, "code": code, "windowsVirtualKeyCode": key_code,
            "text": text.unwrap_or_default(), "unmodifiedText": text.unwrap_or_default(),
        });
        self.call("Input.dispatchKeyEvent", down);
        self.call(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": key_code}),
        );
    }

    /// A left click at viewport coordinates.
    pub fn click_at(&self, x: f64, y: f64) {
        self.call(
            "Input.dispatchMouseEvent",
            json!({"type": "mouseMoved", "x": x, "y": y}),
        );
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    /// Waits (bounded) for `selector`, scrolls it into view and clicks its
    /// centre.
    pub fn click(&self, selector: &str) {
        let sel = serde_json::to_string(selector).unwrap_or_default();
        let js = format!(
            "(() => {{ const e = document.querySelector({sel}); if (!e) return null;
               e.scrollIntoView({{block: 'center', inline: 'center'}});
               const r = e.getBoundingClientRect();
               return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        );
        let at = self.wait_until(&js, CALL_TIMEOUT, |v| v.is_array());
        let (Some(x), Some(y)) = (at[0].as_f64(), at[1].as_f64()) else {
            panic!("no element matches {selector}");
        };
        self.click_at(x, y);
    }

    /// A PNG of the viewport.
    pub fn screenshot_png(&self) -> Vec<u8> {
        let r = self.call("Page.captureScreenshot", json!({"format": "png"}));
        decode(&r["data"])
    }

    /// Saves a PNG of the viewport to `path` and returns its bytes.
    pub fn screenshot(&self, path: &Path) -> Vec<u8> {
        let png = self.screenshot_png();
        std::fs::write(path, &png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        png
    }

    /// Prints the page to PDF with its CSS page size and backgrounds.
    pub fn print_pdf(&self) -> Vec<u8> {
        let r = self
            .conn
            .call_within(
                Some(&self.session),
                "Page.printToPDF",
                json!({"preferCSSPageSize": true, "printBackground": true}),
                Duration::from_secs(90),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        decode(&r["data"])
    }

    /// A window this page opened (`window.open`) since, waited for (bounded).
    pub fn wait_for_popup(&self, timeout: Duration) -> Option<Tab> {
        let end = Instant::now() + timeout;
        loop {
            let targets = self.conn.call(None, "Target.getTargets", json!({}));
            let popup = targets["targetInfos"].as_array().and_then(|all| {
                all.iter().find(|t| {
                    t["type"] == "page"
                        && t["openerId"] == self.target.as_str()
                        && !t["attached"].as_bool().unwrap_or(false)
                })
            });
            if let Some(id) = popup.and_then(|t| t["targetId"].as_str()) {
                return Some(Tab::attach(self.conn.clone(), id.to_string()));
            }
            if Instant::now() >= end {
                return None;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The page's URL as the browser knows it (also before a new window
    /// has run any script).
    pub fn url(&self) -> String {
        let info = self.conn.call(
            None,
            "Target.getTargetInfo",
            json!({"targetId": self.target}),
        );
        info["targetInfo"]["url"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Everything recorded so far.
    pub fn seen(&self) -> Seen {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Uncaught exceptions, `console.error` calls and error log entries.
    pub fn console_errors(&self) -> Vec<String> {
        self.seen().console_errors
    }

    /// Every URL the page requested.
    pub fn requests(&self) -> Vec<String> {
        self.seen().requests
    }

    /// Messages of the dialogs the page opened.
    pub fn dialogs(&self) -> Vec<String> {
        self.seen().dialogs
    }
}

impl Drop for Tab {
    fn drop(&mut self) {
        self.conn
            .sessions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.session);
        let _ = self.conn.call_within(
            None,
            "Target.closeTarget",
            json!({"targetId": self.target}),
            Duration::from_secs(5),
        );
        if let Some(c) = &self.context {
            let _ = self.conn.call_within(
                None,
                "Target.disposeBrowserContext",
                json!({"browserContextId": c}),
                Duration::from_secs(5),
            );
        }
    }
}

fn decode(data: &Value) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(data.as_str().unwrap_or_default())
        .expect("base64 from DevTools")
}

/// `KeyboardEvent.code`, the Windows key code and the typed text of a key.
fn key_info(key: &str) -> (String, u32, Option<&str>) {
    let named = match key {
        "Backspace" => Some(("Backspace", 8)),
        "Tab" => Some(("Tab", 9)),
        "Enter" => Some(("Enter", 13)),
        "Escape" => Some(("Escape", 27)),
        " " => Some(("Space", 32)),
        "PageUp" => Some(("PageUp", 33)),
        "PageDown" => Some(("PageDown", 34)),
        "End" => Some(("End", 35)),
        "Home" => Some(("Home", 36)),
        "ArrowLeft" => Some(("ArrowLeft", 37)),
        "ArrowUp" => Some(("ArrowUp", 38)),
        "ArrowRight" => Some(("ArrowRight", 39)),
        "ArrowDown" => Some(("ArrowDown", 40)),
        "Delete" => Some(("Delete", 46)),
        _ => None,
    };
    let text = match key {
        "Enter" => Some("\r"),
        " " => Some(" "),
        k if k.chars().count() == 1 => Some(k),
        _ => None,
    };
    if let Some((code, n)) = named {
        return (code.to_string(), n, text);
    }
    let mut chars = key.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphabetic() => (
            format!("Key{}", c.to_ascii_uppercase()),
            c.to_ascii_uppercase() as u32,
            text,
        ),
        (Some(c), None) if c.is_ascii_digit() => (format!("Digit{c}"), c as u32, text),
        _ => (String::new(), 0, text),
    }
}
