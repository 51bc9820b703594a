//! `notedeck pdf`: the recap show (or one deck) printed by headless
//! Chromium in one run, one page per slide. The runtime's print CSS lays
//! the pages out; the page's `<title>` becomes the PDF's title.

use crate::deck::Deck;
use crate::render::recap::RECAP_PAGE;
use crate::{Compiler, Error, Site};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
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

/// A print that takes longer than this is stopped (a page that never
/// settles must not hang the command).
const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

pub struct PdfOptions {
    /// Only the deck with this slug (or output path).
    pub deck: Option<String>,
    /// The browser; `None` searches PATH.
    pub browser: Option<PathBuf>,
}

/// What an export wrote.
#[derive(Debug)]
pub struct PdfReport {
    /// Talks in the print.
    pub decks: usize,
    /// Slides printed, one page each.
    pub pages: usize,
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

/// Builds the site in memory, prints the recap show (or the one deck
/// `--deck` names) and writes the PDF to `out` atomically.
pub fn export(
    compiler: &mut Compiler,
    opts: &PdfOptions,
    out: &Path,
) -> Result<(Site, PdfReport), Error> {
    guard_output(out)?;
    let site = compiler.build()?;
    let decks = select(&site.project.decks, opts.deck.as_deref())?;
    if decks.is_empty() {
        return Err(Error::Usage("no decks to print".into()));
    }
    // One deck: its own page. Otherwise the show, which also has its
    // opening, agenda and closing slides.
    let (page, pages) = match (opts.deck.as_deref(), decks.as_slice()) {
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
    let browser = match &opts.browser {
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
    let pdf = tmp.path().join("print.pdf");
    print(&browser, &html_path, &pdf, tmp.path())?;
    let mut bytes = std::fs::read(&pdf).map_err(|e| Error::io(&pdf, e))?;
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
        pages,
    };
    Ok((site, report))
}

/// Never replace a file notedeck did not make.
fn guard_output(out: &Path) -> Result<(), Error> {
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

fn print(browser: &Path, page: &Path, pdf: &Path, profile: &Path) -> Result<(), Error> {
    let url = format!("file://{}", page.display());
    let mut child = Command::new(browser)
        .args(headless_flags())
        .args([
            "--no-pdf-header-footer",
            "--run-all-compositor-stages-before-draw",
            "--virtual-time-budget=3000",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::io(browser, e))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > PRINT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::Input {
                    path: browser.to_path_buf(),
                    message: format!(
                        "printing did not finish in {} s; stopped",
                        PRINT_TIMEOUT.as_secs()
                    ),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(Error::io(browser, e)),
        }
    };
    if !pdf.is_file() {
        let mut stderr = String::new();
        if let Some(mut e) = child.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut stderr);
        }
        let last = stderr.lines().last().unwrap_or("").to_string();
        return Err(Error::Input {
            path: browser.to_path_buf(),
            message: format!("printing failed ({status}): {last}"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
