//! Headless Chromium for the real-browser tests: Debian's `chromium`,
//! never a downloaded browser. Missing browser: a failure under CI=true,
//! a loud skip elsewhere.

#![allow(dead_code)]

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

pub fn chromium_path() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("NOTEDECK_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

pub struct Chrome {
    pub browser: Browser,
    _profile: tempfile::TempDir,
}

/// One Chromium per test binary, shared by its tests (each opens its own
/// tabs). None (after saying so) when the browser is missing outside CI.
pub fn shared() -> Option<&'static Chrome> {
    static CHROME: OnceLock<Option<Chrome>> = OnceLock::new();
    CHROME.get_or_init(launch).as_ref()
}

pub fn launch() -> Option<Chrome> {
    let Some(path) = chromium_path() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("chromium is not installed (apt-get install chromium); browser tests cannot run under CI=true");
        }
        eprintln!(
            "SKIPPED: chromium not found; install Debian's `chromium` to run the browser tests"
        );
        return None;
    };
    let profile = tempfile::tempdir().expect("profile dir");
    let args: Vec<&OsStr> = [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--hide-scrollbars",
        "--font-render-hinting=none",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let opts = LaunchOptions::default_builder()
        .path(Some(path))
        .headless(true)
        .sandbox(false)
        .window_size(Some((1280, 720)))
        .user_data_dir(Some(profile.path().to_path_buf()))
        .idle_browser_timeout(Duration::from_secs(300))
        .args(args)
        .build()
        .expect("launch options");
    let browser = Browser::new(opts).expect("chromium starts");
    Some(Chrome {
        browser,
        _profile: profile,
    })
}

pub fn file_url(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).expect("path exists");
    format!("file://{}", abs.display())
}

/// What a page did that a test may want to assert on.
#[derive(Default, Debug)]
pub struct Watch {
    pub console_errors: Vec<String>,
    pub requests: Vec<String>,
    pub dialogs: Vec<String>,
}

/// Records console errors, exceptions, network requests and dialogs.
pub fn watch(tab: &Arc<Tab>) -> Arc<Mutex<Watch>> {
    use headless_chrome::protocol::cdp::{Log, Network, Page, Runtime};
    let seen = Arc::new(Mutex::new(Watch::default()));
    tab.enable_runtime().expect("runtime");
    tab.enable_log().expect("log");
    tab.call_method(Network::Enable {
        max_total_buffer_size: None,
        max_resource_buffer_size: None,
        max_post_data_size: None,
        report_direct_socket_traffic: None,
        enable_durable_messages: None,
    })
    .expect("network");
    tab.call_method(Page::Enable {
        enable_file_chooser_opened_event: None,
    })
    .expect("page");
    let s = seen.clone();
    tab.add_event_listener(Arc::new(move |ev: &Event| {
        let Ok(mut w) = s.lock() else { return };
        match ev {
            Event::RuntimeExceptionThrown(e) => {
                w.console_errors
                    .push(format!("exception: {:?}", e.params.exception_details));
            }
            Event::RuntimeConsoleAPICalled(e) => {
                if matches!(
                    e.params.Type,
                    Runtime::ConsoleAPICalledEventTypeOption::Error
                ) {
                    w.console_errors.push(format!(
                        "console.error: {:?}",
                        e.params.args.first().and_then(|a| a.value.clone())
                    ));
                }
            }
            Event::LogEntryAdded(e) => {
                if matches!(e.params.entry.level, Log::LogEntryLevel::Error) {
                    w.console_errors
                        .push(format!("log: {}", e.params.entry.text));
                }
            }
            Event::NetworkRequestWillBeSent(e) => {
                w.requests.push(e.params.request.url.clone());
            }
            Event::PageJavascriptDialogOpening(e) => {
                w.dialogs.push(e.params.message.clone());
            }
            _ => {}
        }
    }))
    .expect("listener");
    seen
}

/// Evaluates JS (awaiting promises) and returns its JSON value.
pub fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, true)
        .unwrap_or_else(|e| panic!("evaluate `{js}`: {e}"))
        .value
        .unwrap_or(serde_json::Value::Null)
}

pub fn eval_i64(tab: &Tab, js: &str) -> i64 {
    eval(tab, js)
        .as_i64()
        .unwrap_or_else(|| panic!("`{js}` is not a number"))
}

/// Polls a JS predicate until it is true, up to `secs` seconds.
pub fn wait_for(tab: &Tab, js: &str, secs: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if tab.evaluate(js, true).ok().and_then(|r| r.value) == Some(serde_json::Value::Bool(true))
        {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// Opens `url` in a new tab, watched, and waits for the runtime.
pub fn open(chrome: &Chrome, url: &str) -> (Arc<Tab>, Arc<Mutex<Watch>>) {
    let tab = chrome.browser.new_tab().expect("new tab");
    tab.set_default_timeout(Duration::from_secs(30));
    let w = watch(&tab);
    tab.navigate_to(url).expect("navigate");
    tab.wait_until_navigated().expect("navigated");
    (tab, w)
}

/// Where screenshots for people to look at go: target/browser-artifacts.
pub fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

/// Counts the pages of a PDF Chromium printed (its page objects).
pub fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}
