//! Bare URLs in text become links with short visible text; YouTube and
//! Vimeo links become a card with a play symbol (nothing is fetched).

/// Byte ranges of bare `http(s)://` URLs in `text`, trailing punctuation
/// and unbalanced closing brackets left out.
pub fn find_urls(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = next_scheme(&lower, from) {
        // Only at a word boundary: `xhttps://` is not a URL start.
        let boundary = pos == 0
            || text[..pos]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_alphanumeric());
        let mut end = pos
            + text[pos..]
                .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
                .unwrap_or(text.len() - pos);
        loop {
            let s = &text[pos..end];
            let Some(last) = s.chars().next_back() else {
                break;
            };
            let unbalanced = |open: char, close: char| {
                last == close && s.matches(open).count() < s.matches(close).count()
            };
            if ".,;:!?'*_~".contains(last)
                || unbalanced('(', ')')
                || unbalanced('[', ']')
                || unbalanced('{', '}')
            {
                end -= last.len_utf8();
            } else {
                break;
            }
        }
        let scheme_len = if lower[pos..].starts_with("https://") {
            8
        } else {
            7
        };
        if boundary && end > pos + scheme_len {
            out.push(pos..end);
        }
        from = end.max(pos + scheme_len);
    }
    out
}

fn next_scheme(lower: &str, from: usize) -> Option<usize> {
    let a = lower[from..].find("https://");
    let b = lower[from..].find("http://");
    match (a, b) {
        (Some(a), Some(b)) => Some(from + a.min(b)),
        (Some(x), None) | (None, Some(x)) => Some(from + x),
        (None, None) => None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(t: &str) -> Vec<&str> {
        find_urls(t).into_iter().map(|r| &t[r]).collect()
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
}
