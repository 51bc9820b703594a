//! `notedeck pdf`: the recap show (or one deck) printed by headless
//! Chromium in one run, one page per slide. The runtime's print CSS lays
//! the pages out; the page's `<title>` becomes the PDF's title.
//!
//! Trusted notes (`--allow-html`) may carry script, so the print is driven
//! over the DevTools protocol ([`crate::services::devtools`]) with every request
//! intercepted: only the page file itself and `data:`/`blob:` URLs load;
//! a navigation elsewhere (`file:///etc/passwd`, or out to a server) is
//! cancelled, and a page that is found somewhere else anyway is not
//! printed. WebRTC, which interception cannot see and a proxy does not
//! stop (STUN goes out as UDP), is removed from every document before its
//! first script runs; and where an unprivileged network namespace is
//! available (`unshare --user --net`, Linux), the browser has no network at
//! all. Printing the page has one deadline.

use super::Format;
use crate::deck::Deck;
use crate::render::recap::RECAP_PAGE;
use crate::services::devtools::{Chromium, Conn};
use crate::{Error, Site};
use base64::Engine as _;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Browser executables tried on PATH, in order.
pub const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// Said when no browser is found.
pub const INSTALL_HINT: &str = "no Chromium found on PATH: install Debian's `chromium` package \
(sudo apt install chromium) or pass --browser PATH";

/// The default [`Pdf::timeout`].
pub const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

/// The recap show (or one deck) printed to a PDF file.
pub struct Pdf {
    /// Only the deck with this slug (or output path).
    pub deck: Option<String>,
    /// The browser; `None` searches PATH.
    pub browser: Option<PathBuf>,
    /// A print that takes longer is stopped (a page that never settles
    /// must not hang the command).
    pub timeout: Duration,
    /// Handouts: [`HANDOUT_SLIDES`] slides a page, each with its speaker
    /// notes (or ruled lines) beside it.
    pub handout: bool,
}

/// Slides on one handout page.
pub const HANDOUT_SLIDES: usize = 3;

/// Script that adds the handout layout to the page being printed.
fn handout_js() -> String {
    format!(
        "{{ const s = document.createElement('style'); s.textContent = {}; \
         document.head.append(s); document.documentElement.classList.add('nd-handout'); }}",
        Value::from(crate::render::HANDOUT_CSS)
    )
}

/// What an export wrote.
#[derive(Debug)]
pub struct PdfReport {
    /// Talks in the print.
    pub decks: usize,
    /// Slides printed, one page each.
    pub pages: usize,
    /// Requests the page made that were refused (at most 100 listed).
    pub blocked: Vec<String>,
}

/// The first of [`BROWSERS`] on PATH.
pub fn find_browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in BROWSERS {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Decks to print: all, or the one `--deck` names (an error lists slugs).
pub fn select<'a>(decks: &'a [Deck], want: Option<&str>) -> Result<Vec<&'a Deck>, Error> {
    let Some(want) = want else {
        return Ok(decks.iter().collect());
    };
    let want_path = want.trim_end_matches(".html");
    let found: Vec<&Deck> = decks
        .iter()
        .filter(|d| d.slug == want || d.path.trim_end_matches(".html") == want_path)
        .collect();
    if found.is_empty() {
        let slugs: Vec<&str> = decks.iter().map(|d| d.slug.as_str()).collect();
        return Err(Error::Usage(format!(
            "no deck '{want}' (decks: {})",
            slugs.join(", ")
        )));
    }
    Ok(found)
}

impl Format for Pdf {
    type Report = PdfReport;

    /// Prints the recap show (or the one deck `--deck` names) of a built
    /// site and writes the PDF to `out` atomically.
    fn write(&self, site: &Site, out: &Path) -> Result<PdfReport, Error> {
        guard_output(out)?;
        let decks = select(&site.project.decks, self.deck.as_deref())?;
        if decks.is_empty() {
            return Err(Error::Usage("no decks to print".into()));
        }
        // One deck: its own page. Otherwise the show, which also has its
        // opening, agenda and closing slides.
        let (page, pages) = match (self.deck.as_deref(), decks.as_slice()) {
            (Some(_), [d]) => (d.path.as_str(), d.slides.len()),
            _ => (
                RECAP_PAGE,
                crate::render::recap::show_len(&site.project.decks),
            ),
        };
        let html = site
            .pages
            .get(page)
            .ok_or_else(|| Error::Template(format!("{page} was not rendered")))?;
        let browser = match &self.browser {
            Some(b) if b.is_file() => b.clone(),
            Some(b) => {
                return Err(Error::Input {
                    path: b.clone(),
                    message: "browser not found".into(),
                })
            }
            None => find_browser().ok_or_else(|| Error::Setup(INSTALL_HINT.into()))?,
        };
        let tmp = tempfile::tempdir().map_err(|e| Error::io(&std::env::temp_dir(), e))?;
        let html_path = tmp.path().join("print.html");
        std::fs::write(&html_path, html.as_bytes()).map_err(|e| Error::io(&html_path, e))?;
        let (mut bytes, blocked) =
            print(&browser, &html_path, tmp.path(), self.timeout, self.handout)?;
        if !bytes.starts_with(b"%PDF") {
            return Err(Error::Input {
                path: browser.clone(),
                message: "Chromium wrote something that is not a PDF".into(),
            });
        }
        // A PDF comment after the end marker: readers skip it; it tells a
        // later run that this file is ours to replace.
        bytes.extend_from_slice(format!("\n%{CREATOR}\n").as_bytes());
        crate::output::write_atomic(out, &bytes)?;
        let report = PdfReport {
            decks: decks.len(),
            pages: if self.handout {
                pages.div_ceil(HANDOUT_SLIDES)
            } else {
                pages
            },
            blocked,
        };
        Ok(report)
    }
}

/// Never replace a file notedeck did not make: checked before building
/// too, so a refused file costs no build.
pub fn guard_output(out: &Path) -> Result<(), Error> {
    // Never opened unless regular (a FIFO would block the export).
    let bytes = match crate::source::read_regular(out, u64::MAX) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(_) => Vec::new(),
    };
    let ours = bytes.starts_with(b"%PDF")
        && bytes
            .windows(CREATOR.len())
            .any(|w| w == CREATOR.as_bytes());
    if ours {
        Ok(())
    } else {
        Err(Error::Input {
            path: out.to_path_buf(),
            message: "exists and was not written by notedeck; refusing to overwrite it".into(),
        })
    }
}

const CREATOR: &str = "notedeck-pdf";

/// Flags for a headless Chromium that stays off the network and leaves no
/// state behind (the tests' browser harnesses use them too).
pub const HEADLESS_FLAGS: &[&str] = &[
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

/// [`HEADLESS_FLAGS`], plus `--no-sandbox` only where Chromium cannot
/// sandbox itself: when running as root.
pub fn headless_flags() -> Vec<&'static str> {
    let mut flags = HEADLESS_FLAGS.to_vec();
    if running_as_root() {
        flags.push("--no-sandbox");
    }
    flags
}

/// Whether this process runs as root: `/proc/self` belongs to the
/// process's effective user (Linux; elsewhere assumed not root).
fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// What the page tried while it was printed, shared with the event handler.
#[derive(Default)]
struct Watch {
    blocked: Vec<String>,
}

/// Whether a request may go ahead: only the page itself (`page` is its
/// [`decoded`] URL) and URLs that name their own bytes (`data:`, `blob:`).
fn allowed(url: &str, page: &str) -> bool {
    url.starts_with("data:") || url.starts_with("blob:") || decoded(url) == page
}

/// Answers one paused request: go on, or fail it. A navigation fails as
/// "Aborted", which Chromium treats like a cancelled click: no error page
/// replaces the deck.
fn on_event(conn: &Conn, msg: &Value, page: &str, watch: &Mutex<Watch>) {
    let p = &msg["params"];
    let session = msg["sessionId"].as_str();
    let mut w = watch.lock().unwrap_or_else(|e| e.into_inner());
    match msg["method"].as_str().unwrap_or_default() {
        "Fetch.requestPaused" => {
            let id = p["requestId"].clone();
            let url = p["request"]["url"].as_str().unwrap_or_default();
            if allowed(url, page) {
                conn.send(session, "Fetch.continueRequest", json!({"requestId": id}));
            } else {
                let reason = if p["resourceType"] == "Document" {
                    "Aborted"
                } else {
                    "BlockedByClient"
                };
                if w.blocked.len() < 100 {
                    w.blocked.push(url.chars().take(200).collect());
                }
                conn.send(
                    session,
                    "Fetch.failRequest",
                    json!({"requestId": id, "errorReason": reason}),
                );
            }
        }
        // A dialog would block the page until the timeout.
        "Page.javascriptDialogOpening" => conn.send(
            session,
            "Page.handleJavaScriptDialog",
            json!({"accept": false}),
        ),
        // A frame in another process or a window the page opened: WebRTC
        // removed there too before it runs (it waits for the debugger).
        "Target.attachedToTarget" => {
            let child = p["sessionId"].as_str();
            if p["targetInfo"]["type"] != "worker" {
                conn.send(child, "Page.enable", json!({}));
                conn.send(
                    child,
                    "Page.addScriptToEvaluateOnNewDocument",
                    json!({"source": NO_WEBRTC, "runImmediately": true}),
                );
            }
            conn.send(child, "Target.setAutoAttach", auto_attach());
            conn.send(child, "Runtime.runIfWaitingForDebugger", json!({}));
        }
        _ => {}
    }
}

/// Removes WebRTC (STUN/TURN go out as UDP, past request interception
/// and any proxy) from a document before its first script runs.
const NO_WEBRTC: &str = "(() => { for (const n of ['RTCPeerConnection', \
    'webkitRTCPeerConnection', 'RTCDataChannel', 'RTCIceTransport', 'RTCRtpSender', \
    'RTCRtpReceiver', 'RTCSctpTransport', 'RTCDtlsTransport', 'RTCIceCandidate', \
    'RTCSessionDescription', 'RTCCertificate']) { try { delete globalThis[n]; \
    Object.defineProperty(globalThis, n, {value: undefined, writable: false, \
    configurable: false}); } catch (e) {} } })();";

/// Attach to every frame and window a page makes, paused until answered.
fn auto_attach() -> Value {
    json!({"autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true})
}

/// `unshare` arguments that give the browser a network namespace of its
/// own (loopback down, nothing else), when this system allows it without
/// privileges; empty otherwise.
fn no_network_namespace() -> Vec<String> {
    const ARGS: &[&str] = &["--user", "--map-current-user", "--net", "--"];
    #[cfg(target_os = "linux")]
    for unshare in ["/usr/bin/unshare", "/bin/unshare"] {
        let works = std::process::Command::new(unshare)
            .args(ARGS)
            .arg("true")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if works {
            let mut v = vec![unshare.to_string()];
            v.extend(ARGS.iter().map(|s| s.to_string()));
            return v;
        }
    }
    Vec::new()
}

/// How long Chromium may take to start and open a tab.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// Flags that send whatever escapes request interception (WebSockets,
/// WebRTC) to a proxy that is not there, loopback included.
const NO_NETWORK_FLAGS: &[&str] = &[
    "--proxy-server=socks5://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--hide-scrollbars",
];

/// `file://` URL of an absolute path, with what a URL cannot hold as is
/// percent-encoded (Chromium normalises the rest).
fn file_url(path: &Path) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
    const PATH: &AsciiSet = &CONTROLS.add(b' ').add(b'#').add(b'%').add(b'?');
    format!(
        "file://{}",
        utf8_percent_encode(&path.to_string_lossy(), PATH)
    )
}

/// A URL with its fragment dropped and percent-escapes decoded, for
/// comparing the URL Chromium reports with the page's.
fn decoded(url: &str) -> String {
    let url = url.split('#').next().unwrap_or(url);
    percent_encoding::percent_decode_str(url)
        .decode_utf8_lossy()
        .into_owned()
}

/// Prints `page` over the DevTools protocol with every request but the
/// page's own failed; returns the PDF's bytes and the URLs it blocked.
fn print(
    browser: &Path,
    page: &Path,
    profile: &Path,
    timeout: Duration,
    handout: bool,
) -> Result<(Vec<u8>, Vec<String>), Error> {
    let fail = |message: String| Error::Input {
        path: browser.to_path_buf(),
        message,
    };
    let too_slow = || {
        fail(format!(
            "printing did not finish in {} s; stopped (set NOTEDECK_PDF_TIMEOUT to allow longer)",
            timeout.as_secs_f64()
        ))
    };
    let url = file_url(page);
    let key = decoded(&url);
    let watch = Arc::new(Mutex::new(Watch::default()));
    let mut args: Vec<String> = headless_flags().iter().map(|s| s.to_string()).collect();
    args.extend(NO_NETWORK_FLAGS.iter().map(|s| s.to_string()));
    args.push(format!(
        "--user-data-dir={}",
        profile.join("profile").display()
    ));
    args.push("about:blank".into());
    let (u, w) = (key.clone(), watch.clone());
    let chromium = Chromium::launch_in(
        &no_network_namespace(),
        browser,
        &args,
        Box::new(move |conn, msg| on_event(conn, msg, &u, &w)),
        START_TIMEOUT,
    )
    .map_err(fail)?;
    // Starting the browser had its own bound; from here on, the page's.
    let deadline = Instant::now() + timeout;
    let left = || deadline.saturating_duration_since(Instant::now());
    let conn = chromium.conn().clone();
    let call = |session: Option<&str>, method: &str, params: Value| {
        if left().is_zero() {
            return Err(too_slow());
        }
        conn.call(session, method, params, left()).map_err(|e| {
            if left().is_zero() {
                too_slow()
            } else {
                fail(e)
            }
        })
    };
    // Browser-wide, so a window the page opens is covered as well.
    call(
        None,
        "Fetch.enable",
        json!({"patterns": [{"urlPattern": "*"}]}),
    )?;
    // A `blob:` download would otherwise write a file of the page's choosing.
    call(
        None,
        "Browser.setDownloadBehavior",
        json!({"behavior": "deny"}),
    )?;
    let (_, tab) = chromium.new_tab(left()).map_err(fail)?;
    let tab = Some(tab.as_str());
    call(
        tab,
        "Fetch.enable",
        json!({"patterns": [{"urlPattern": "*"}]}),
    )?;
    call(tab, "Page.enable", json!({}))?;
    call(
        tab,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": NO_WEBRTC}),
    )?;
    call(tab, "Target.setAutoAttach", auto_attach())?;
    let nav = call(tab, "Page.navigate", json!({"url": url}))?;
    if let Some(e) = nav["errorText"].as_str().filter(|e| !e.is_empty()) {
        return Err(fail(format!("cannot open the page to print: {e}")));
    }
    // Polled rather than waiting for the load event: Chromium skips that
    // event when a navigation was cancelled while the page loaded.
    let ready = format!(
        "document.readyState === 'complete' && decodeURIComponent(location.href.split('#')[0]) === {}",
        Value::from(key.as_str())
    );
    loop {
        let r = call(tab, "Runtime.evaluate", json!({"expression": ready}))?;
        if r["result"]["value"] == Value::Bool(true) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    if handout {
        call(tab, "Runtime.evaluate", json!({"expression": handout_js()}))?;
    }
    // Fonts loaded and two frames drawn: the print CSS has laid out.
    call(
        tab,
        "Runtime.evaluate",
        json!({
            "expression": "document.fonts.ready.then(() => new Promise(r => \
                requestAnimationFrame(() => requestAnimationFrame(() => r(1)))))",
            "awaitPromise": true,
        }),
    )?;
    let tree = call(tab, "Page.getFrameTree", json!({}))?;
    let at = tree["frameTree"]["frame"]["url"]
        .as_str()
        .unwrap_or_default();
    if decoded(at) != key {
        return Err(fail(format!(
            "the page left itself (for {at}); not printed"
        )));
    }
    let pdf = call(
        tab,
        "Page.printToPDF",
        json!({"preferCSSPageSize": true, "printBackground": true}),
    )?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(pdf["data"].as_str().unwrap_or_default())
        .map_err(|e| fail(format!("Chromium sent a PDF that is not base64: {e}")))?;
    drop(chromium);
    let blocked = std::mem::take(&mut watch.lock().unwrap_or_else(|e| e.into_inner()).blocked);
    Ok((bytes, blocked))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_page_itself_and_inline_urls_may_load() {
        let page = "file:///tmp/x y/print.html";
        for ok in [
            page,
            "file:///tmp/x%20y/print.html#3",
            "data:image/png;base64,AA",
            "blob:null/1",
        ] {
            assert!(allowed(ok, page), "{ok}");
        }
        for bad in [
            "file:///etc/passwd",
            "file:///tmp/x%20y/print.html/../../etc/passwd",
            "file:///tmp/x%20y/print.htmlx",
            "http://127.0.0.1:4000/leak?x",
            "ws://127.0.0.1/",
            "chrome://settings",
            "",
        ] {
            assert!(!allowed(bad, page), "{bad}");
        }
        assert_eq!(
            file_url(Path::new("/tmp/a b/ü#?.html")),
            "file:///tmp/a%20b/%C3%BC%23%3F.html"
        );
        assert_eq!(
            decoded("file:///tmp/a%20b/%C3%BC%23%3F.html#2"),
            "file:///tmp/a b/ü#?.html"
        );
    }

    #[test]
    fn deck_selection() {
        assert!(
            matches!(select(&[], Some("x")), Err(Error::Usage(m)) if m == "no deck 'x' (decks: )")
        );
        assert_eq!(select(&[], None).expect("all").len(), 0);
    }

    #[test]
    fn only_our_own_pdf_is_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mine = dir.path().join("mine.pdf");
        std::fs::write(&mine, b"%PDF-1.4 someone else's").expect("write");
        assert!(guard_output(&mine).is_err());
        let ours = dir.path().join("ours.pdf");
        std::fs::write(&ours, format!("%PDF-1.4\n%%EOF\n%{CREATOR}\n")).expect("write");
        assert!(guard_output(&ours).is_ok());
        assert!(guard_output(&dir.path().join("new.pdf")).is_ok());
    }
}
