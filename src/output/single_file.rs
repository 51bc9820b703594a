//! `build --single-file`: the recap index and every deck in one HTML file.
//! Each deck is its own complete page in an `<iframe srcdoc>` (its CSP,
//! theme and runtime untouched); index links switch frames through the
//! URL hash, so the browser's back button returns to the index.

use crate::deck::Deck;
use crate::render::escape::escape;
use crate::Error;
use std::collections::BTreeMap;

/// Hash of the index link that opens `deck`: `#deck=day-one/solona.html`.
pub fn deck_hash(deck: &Deck) -> String {
    format!("#deck={}", deck.path)
}

const STYLE: &str = "<style>\
iframe.nd-deck{position:fixed;inset:0;width:100%;height:100%;border:0;background:#fff;z-index:10}\
iframe.nd-deck[hidden]{display:none}\
a.nd-back{position:fixed;left:8px;bottom:8px;z-index:11;padding:2px 10px;border-radius:4px;\
font:14px/1.6 system-ui,sans-serif;background:#1f2328;color:#fff;opacity:.45;text-decoration:none}\
a.nd-back:hover,a.nd-back:focus{opacity:1}a.nd-back[hidden]{display:none}\
</style>\n<a class=\"nd-back\" href=\"#\" hidden>← All talks</a>\n";

// Shows the frame named by the hash (or none: the index) and focuses it
// so the deck's keyboard navigation works at once. Keys go to the deck,
// so going back is the browser's back button or the "All talks" link.
const SCRIPT: &str = r#"<script>
(function () {
  function route() {
    var m = /^#deck=(.+)$/.exec(location.hash);
    var want = m ? decodeURIComponent(m[1]) : null;
    var frames = document.querySelectorAll('iframe.nd-deck');
    var shown = null;
    frames.forEach(function (f) {
      var on = f.getAttribute('data-path') === want;
      f.hidden = !on;
      if (on) shown = f;
    });
    document.documentElement.style.overflow = shown ? 'hidden' : '';
    document.querySelector('a.nd-back').hidden = !shown;
    if (shown) { try { shown.contentWindow.focus(); } catch (e) {} }
  }
  window.addEventListener('hashchange', route);
  route();
})();
</script>
"#;

// In a srcdoc frame, relative URLs resolve against the outer file, so a
// runtime's `history.replaceState(null, '', '#3')` throws SecurityError.
// Keep only the fragment, on the frame's own about:srcdoc URL.
const FRAME_SHIM: &str = "<script>(function () { var h = history; \
['pushState', 'replaceState'].forEach(function (m) { var f = h[m].bind(h); \
h[m] = function (s, t, u) { if (u != null) { u = String(u); var i = u.indexOf('#'); \
u = location.href.split('#')[0] + (i < 0 ? '' : u.slice(i)); } return f(s, t, u); }; }); })();</script>\n";

/// One self-contained HTML file from a site's rendered pages.
pub fn render<S: AsRef<str>>(decks: &[Deck], pages: &BTreeMap<String, S>) -> Result<String, Error> {
    let index = pages
        .get("index.html")
        .map(|p| p.as_ref())
        .ok_or_else(|| Error::Template("no index page was rendered".into()))?;
    let mut html = index.to_string();
    for d in decks {
        html = html.replace(
            &format!("href=\"{}\"", d.path),
            &format!("href=\"{}\"", escape(&deck_hash(d))),
        );
    }
    let mut frames = String::from(STYLE);
    for d in decks {
        let page = pages
            .get(&d.path)
            .ok_or_else(|| Error::Template(format!("deck {} was not rendered", d.path)))?
            .as_ref();
        let page = match page.find("<head>") {
            Some(at) => {
                let mut p = page.to_string();
                p.insert_str(at + "<head>".len(), &format!("\n{FRAME_SHIM}"));
                p
            }
            None => page.to_string(),
        };
        frames.push_str(&format!(
            "<iframe class=\"nd-deck\" hidden data-path=\"{}\" title=\"{}\" srcdoc=\"{}\"></iframe>\n",
            escape(&d.path),
            escape(d.title.text.trim()),
            escape(&page)
        ));
    }
    frames.push_str(SCRIPT);
    let at = html
        .rfind("</body>")
        .ok_or_else(|| Error::Template("index page has no </body>".into()))?;
    html.insert_str(at, &frames);
    Ok(html)
}

/// Writes the file atomically. Refuses to replace a notes file or any
/// existing file that is not a notedeck page.
pub fn write(
    path: &std::path::Path,
    html: &str,
    sources: &[std::path::PathBuf],
) -> Result<(), Error> {
    let canon = |p: &std::path::Path| std::fs::canonicalize(p).ok();
    if let Some(target) = canon(path) {
        if sources.iter().any(|s| canon(s).as_ref() == Some(&target)) {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: "is one of the notes files; refusing to overwrite it".into(),
            });
        }
        // Never opened unless regular (a FIFO would block the build).
        let existing = crate::source::read_regular(path, u64::MAX)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        if !existing.contains("<meta name=\"generator\" content=\"notedeck\">") {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: "exists and was not written by notedeck; refusing to overwrite it".into(),
            });
        }
    }
    crate::output::write_atomic(path, html.as_bytes())
}
