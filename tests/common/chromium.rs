//! Chromium discovery and launch for the CLI browser tests.

use headless_chrome::{Browser, LaunchOptions};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The project's own files, for fixtures.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn user_notes() -> PathBuf {
    root().join("talks/rustconf-2025/day-one.md")
}

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Chromium from `NOTEDECK_CHROMIUM`, `/usr/bin/chromium` or PATH.
pub fn chromium_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NOTEDECK_CHROMIUM") {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let fixed = Path::new("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed.to_path_buf());
    }
    notedeck::output::pdf::find_browser()
}

/// The browser, or `None` with a loud message when it is missing outside
/// CI. Under `CI=true` a missing browser fails the test.
pub fn require_chromium(test: &str) -> Option<PathBuf> {
    match chromium_path() {
        Some(p) => Some(p),
        None if under_ci() => {
            panic!("{test}: Chromium is required under CI=true (apt install chromium)")
        }
        None => {
            eprintln!(
                "\n!!! SKIPPED {test}: no Chromium found (install Debian's `chromium`); \
                 this test fails under CI=true\n"
            );
            None
        }
    }
}

/// Headless Chromium with a throwaway profile; keep the TempDir alive.
pub fn launch(path: &Path) -> (Browser, tempfile::TempDir) {
    let profile = tempfile::tempdir().expect("profile dir");
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let opts = LaunchOptions::default_builder()
        .path(Some(path.to_path_buf()))
        .headless(true)
        .sandbox(false)
        .user_data_dir(Some(profile.path().to_path_buf()))
        .args(args)
        .window_size(Some((1280, 720)))
        .idle_browser_timeout(std::time::Duration::from_secs(120))
        .build()
        .expect("launch options");
    let browser = Browser::new(opts).expect("launch Chromium");
    (browser, profile)
}

/// `file://` URL of a local path.
pub fn file_url(p: &Path) -> String {
    format!("file://{}", p.display())
}
