//! Bare URLs in text become links with short visible text; YouTube and
//! Vimeo links become a card with a play symbol (nothing is fetched).

/// Byte ranges of bare `http(s)://` URLs in `text`, trailing punctuation
/// and unbalanced closing brackets left out. One pass: every byte is
/// looked at a bounded number of times (60,000 URLs in one item took 11 s
/// when each search rescanned the rest of the text).
pub fn find_urls(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(pos) = next_scheme(bytes, from) {
        let scheme_len = if bytes[pos + 4].eq_ignore_ascii_case(&b's') {
            8
        } else {
            7
        };
        // Only at a word boundary: `xhttps://` is not a URL start.
        let boundary = pos == 0
            || text[..pos]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_alphanumeric());
        let end = pos
            + text[pos..]
                .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
                .unwrap_or(text.len() - pos);
        let end = trim_url_end(&text[pos..end]) + pos;
        if boundary && end > pos + scheme_len {
            out.push(pos..end);
        }
        from = end.max(pos + scheme_len);
    }
    out
}

/// The length of `url` without trailing punctuation and unbalanced
/// closing brackets; bracket counts are kept as it shrinks (linear).
fn trim_url_end(url: &str) -> usize {
    const PAIRS: [(char, char); 3] = [('(', ')'), ('[', ']'), ('{', '}')];
    let mut counts = [(0usize, 0usize); 3];
    for c in url.chars() {
        for (k, (open, close)) in PAIRS.iter().enumerate() {
            if c == *open {
                counts[k].0 += 1;
            } else if c == *close {
                counts[k].1 += 1;
            }
        }
    }
    let mut end = url.len();
    while let Some(last) = url[..end].chars().next_back() {
        let unbalanced = PAIRS
            .iter()
            .position(|(_, close)| *close == last)
            .filter(|&k| counts[k].0 < counts[k].1);
        if let Some(k) = unbalanced {
            counts[k].1 -= 1;
        } else if !".,;:!?'*_~".contains(last) {
            break;
        }
        end -= last.len_utf8();
    }
    end
}

/// The next `http://` or `https://` (any case) at or after `from`.
fn next_scheme(bytes: &[u8], from: usize) -> Option<usize> {
    // From each `:` (rare in text) back to its scheme, instead of trying
    // every byte; the first `:` that ends a scheme ends the first one.
    let start = from + 4;
    let tail = bytes.get(start..)?;
    memchr::memchr_iter(b':', tail).find_map(|k| {
        let p = start + k;
        if !bytes[p..].starts_with(b"://") {
            return None;
        }
        if p >= from + 5 && bytes[p - 5..p].eq_ignore_ascii_case(b"https") {
            Some(p - 5)
        } else if bytes[p - 4..p].eq_ignore_ascii_case(b"http") {
            Some(p - 4)
        } else {
            None
        }
    })
}

/// Visible text for a URL: no scheme or `www.`, long paths cut with `…`.
pub fn shorten(url: &str) -> String {
    let s = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .trim_start_matches("www.");
    let s = s.strip_suffix('/').unwrap_or(s);
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let mut out: String = s.chars().take(MAX).collect();
    out.push('…');
    out
}

/// `Some(site name)` for a YouTube or Vimeo video URL.
pub fn video_site(url: &str) -> Option<&'static str> {
    let rest = url.split_once("://")?.1.to_ascii_lowercase();
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.trim_start_matches("www.").trim_start_matches("m.");
    match host {
        "youtube.com"
            if rest.contains("watch?v=")
                || rest.contains("/shorts/")
                || rest.contains("/live/") =>
        {
            Some("YouTube")
        }
        "youtu.be" => Some("YouTube"),
        "vimeo.com" | "player.vimeo.com" => {
            let path = rest.split_once('/').map_or("", |(_, p)| p);
            path.split('/')
                .any(|seg| !seg.is_empty() && seg.chars().all(|c| c.is_ascii_digit()))
                .then_some("Vimeo")
        }
        _ => None,
    }
}

/// A link in a talk's notes, for the links digest.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Link {
    pub url: String,
    /// The link's text (the URL itself for a bare URL).
    pub text: String,
}

/// Every link on a talk's slides (Markdown links and bare URLs), in
/// order, each URL once. Speaker notes are left out: they are the team's
/// own remarks.
pub fn digest(deck: &crate::deck::Deck) -> Vec<Link> {
    fn events(evs: &[pulldown_cmark::Event<'_>], out: &mut Vec<Link>) {
        let mut open: Option<(String, String)> = None;
        for e in evs {
            match e {
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                    open = Some((dest_url.to_string(), String::new()));
                }
                pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Link) => {
                    if let Some((url, text)) = open.take() {
                        let text = text.trim().to_string();
                        push(out, url.clone(), if text.is_empty() { url } else { text });
                    }
                }
                pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => {
                    match open.as_mut() {
                        Some((_, text)) => text.push_str(t),
                        None if matches!(e, pulldown_cmark::Event::Text(_)) => {
                            for r in find_urls(t) {
                                push(out, t[r.clone()].to_string(), t[r].to_string());
                            }
                        }
                        None => {}
                    }
                }
                _ => {}
            }
        }
    }
    fn push(out: &mut Vec<Link>, url: String, text: String) {
        if url.is_empty() || url.starts_with('#') || out.iter().any(|l| l.url == url) {
            return;
        }
        out.push(Link { url, text });
    }
    fn blocks(bs: &[crate::outline::Block], out: &mut Vec<Link>) {
        for b in bs {
            match b {
                crate::outline::Block::Heading { title, .. } => events(&title.events, out),
                crate::outline::Block::List { items, .. } => {
                    for i in items {
                        events(&i.head.events, out);
                        blocks(&i.children, out);
                    }
                }
                crate::outline::Block::Other { events: evs, .. } => events(evs, out),
                crate::outline::Block::Notes { .. } | crate::outline::Block::Break { .. } => {}
            }
        }
    }
    let mut out = Vec::new();
    for s in &deck.slides {
        for t in &s.title {
            events(&t.events, &mut out);
        }
        blocks(&s.body, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(t: &str) -> Vec<&str> {
        find_urls(t).into_iter().map(|r| &t[r]).collect()
    }

    proptest::proptest! {
        /// The scan from each `:` finds what trying every byte found.
        #[test]
        fn next_scheme_as_every_byte(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["http", "HTTPs", "s", "://", ":", "/", "x", " "]),
                0..14,
            ),
            from in 0usize..50,
        ) {
            let t = parts.concat();
            let b = t.as_bytes();
            let mut i = from;
            let mut want = None;
            while i + 7 <= b.len() {
                let r = &b[i..];
                if r[..4].eq_ignore_ascii_case(b"http")
                    && (r[4..].starts_with(b"://")
                        || (r[4].eq_ignore_ascii_case(&b's') && r[5..].starts_with(b"://")))
                {
                    want = Some(i);
                    break;
                }
                i += 1;
            }
            proptest::prop_assert_eq!(next_scheme(b, from), want);
        }
    }

    #[test]
    fn finds_bare_urls() {
        assert_eq!(
            urls("see https://ex.com/a_(b). and (http://x.org/y), done"),
            vec!["https://ex.com/a_(b)", "http://x.org/y"]
        );
        assert!(urls("xhttps://ex.com https://").is_empty());
    }

    #[test]
    fn shortens() {
        assert_eq!(shorten("https://www.rust-lang.org/"), "rust-lang.org");
        let s = shorten("https://github.com/rust-lang/rust/issues/123456789/comments/abcdef");
        assert!(
            s.ends_with('…') && s.starts_with("github.com/rust-lang"),
            "{s}"
        );
    }

    #[test]
    fn videos() {
        assert_eq!(
            video_site("https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
            Some("YouTube")
        );
        assert_eq!(video_site("https://youtu.be/dQw4w9WgXcQ"), Some("YouTube"));
        assert_eq!(video_site("https://vimeo.com/123456"), Some("Vimeo"));
        assert_eq!(video_site("https://www.youtube.com/@rustconf"), None);
        assert_eq!(video_site("https://vimeo.com/about"), None);
    }

    #[test]
    fn links_digest_dedupes_markdown_and_bare_urls_without_speaker_notes() {
        let src = crate::source::SourceFile::new(
            "n.md",
            "## T\n\n* [Docs](https://a.example/d) and https://b.example/x.\n* again [the docs](https://a.example/d)\n\nNote: private https://c.example/\n",
        );
        let opts = crate::BuildOptions {
            inputs: vec![],
            ..crate::BuildOptions::default()
        };
        let project = crate::Compiler::once(opts)
            .compile_sources(vec![src], Vec::new())
            .expect("compile");
        let got: Vec<(String, String)> = digest(&project.decks[0])
            .into_iter()
            .map(|l| (l.url, l.text))
            .collect();
        assert_eq!(
            got,
            [
                ("https://a.example/d".into(), "Docs".into()),
                ("https://b.example/x".into(), "https://b.example/x".into()),
            ]
        );
    }
}
