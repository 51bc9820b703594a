//! Request-target → page key. Pure, so it can be tested and fuzzed with
//! the whole traversal list. Pages live in memory (`Site.pages`), so a
//! key can only ever name a page notedeck rendered; the rules below still
//! refuse anything ambiguous rather than trying to make sense of it.

/// Path of the live-reload event stream.
pub const EVENTS_PATH: &str = "/__notedeck/events";

#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A page key such as `index.html` or `day-one/keynote.html`.
    Page(String),
    /// The server-sent events stream.
    Events,
    /// Malformed or suspicious: answered 400, whatever exists on disk.
    Bad,
    /// Well-formed but names nothing we serve (hidden names).
    NotFound,
}

/// Resolves a raw request-target (as sent on the request line).
///
/// Only origin-form (`/a/b.html?q`) is accepted. Refused with `Bad`:
/// absolute-form and `*`, `#`, backslashes, NUL or other control bytes,
/// non-ASCII bytes, percent-encoded `/`, `\`, `%` or control characters,
/// invalid UTF-8 after decoding, empty, `.` or `..` segments and drive
/// letters (`c:`). The query is ignored. Names starting with `.` are
/// `NotFound`. Decoding happens once, so `%252e` stays a literal `%2e`,
/// which is then refused.
pub fn resolve(target: &str) -> Target {
    // Clients never send a fragment; one here is a trick (CVE-2025-32395).
    if !target.starts_with('/') || target.contains('#') {
        return Target::Bad;
    }
    let raw_path = match target.split_once('?') {
        Some((p, _query)) => p,
        None => target,
    };
    if raw_path
        .bytes()
        .any(|b| !(0x21..=0x7e).contains(&b) || b == b'\\')
    {
        return Target::Bad;
    }
    if raw_path == EVENTS_PATH {
        return Target::Events;
    }
    let decoded = match percent_encoding::percent_decode_str(raw_path).decode_utf8() {
        Ok(d) => d.into_owned(),
        Err(_) => return Target::Bad,
    };
    // Decoding must not create separators, escapes or control characters.
    if decoded.matches('/').count() != raw_path.matches('/').count()
        || decoded
            .chars()
            .any(|c| c == '\\' || c == '%' || c == ':' || c.is_control())
    {
        return Target::Bad;
    }
    let rest = &decoded[1..];
    let mut segments: Vec<&str> = rest.split('/').collect();
    let dir = rest.is_empty() || rest.ends_with('/');
    if dir {
        segments.pop();
    }
    let mut key = String::new();
    for seg in &segments {
        if seg.is_empty() || *seg == "." || *seg == ".." {
            return Target::Bad;
        }
        if seg.starts_with('.') {
            return Target::NotFound;
        }
        key.push_str(seg);
        key.push('/');
    }
    if dir {
        key.push_str("index.html");
    } else {
        key.pop();
    }
    Target::Page(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(s: &str) -> Target {
        Target::Page(s.to_string())
    }

    #[test]
    fn ordinary_targets() {
        assert_eq!(resolve("/"), page("index.html"));
        assert_eq!(resolve("/?x=1"), page("index.html"));
        assert_eq!(resolve("/index.html"), page("index.html"));
        assert_eq!(
            resolve("/day-one/keynote.html"),
            page("day-one/keynote.html")
        );
        assert_eq!(resolve("/day-one/"), page("day-one/index.html"));
        assert_eq!(resolve("/a%20b.html"), page("a b.html"));
        assert_eq!(resolve("/caf%C3%A9.html"), page("café.html"));
        assert_eq!(resolve(EVENTS_PATH), Target::Events);
        assert_eq!(resolve("/.git/config"), Target::NotFound);
        assert_eq!(resolve("/.env"), Target::NotFound);
    }

    /// The traversal list from the reliability checklist (S2).
    pub const TRAVERSAL: &[&str] = &[
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/.%252e/.%252e/secret.txt",
        "/%252e%252e/secret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/%2e%2e%5csecret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/c:/windows/win.ini",
        "/x/c%3A/windows/win.ini",
        "/deck.html%00.txt",
        "/deck.html\0.txt",
        "/#/../../secret.txt",
        "/index.html#x",
        "/index.html?x=1#/../secret.txt",
        "http://evil/../secret.txt",
        "http://127.0.0.1/index.html",
        "*",
        "",
        "/./index.html",
        "/a/./../index.html",
        "/%c0%ae%c0%ae/secret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/%ff.html",
        "/a\tb",
        "/caf\u{e9}.html",
    ];

    #[test]
    fn traversal_list_is_refused() {
        for t in TRAVERSAL {
            let r = resolve(t);
            assert!(
                matches!(r, Target::Bad | Target::NotFound),
                "{t:?} resolved to {r:?}"
            );
        }
    }

    #[test]
    fn query_tricks_do_not_change_the_page() {
        assert_eq!(resolve("/deck.html?x=/../../secret.txt"), page("deck.html"));
        assert_eq!(resolve("/secret.txt?raw??"), page("secret.txt"));
    }

    proptest::proptest! {
        /// Whatever comes in, a page key is relative, has no empty, `.`
        /// or `..` segment and no backslash, colon or control character.
        #[test]
        fn keys_are_always_contained(s in "/[ -~]{0,40}") {
            if let Target::Page(k) = resolve(&s) {
                proptest::prop_assert!(!k.starts_with('/'));
                for seg in k.split('/') {
                    proptest::prop_assert!(!seg.is_empty() && seg != "." && seg != "..");
                    proptest::prop_assert!(!seg.starts_with('.'));
                }
                proptest::prop_assert!(!k.contains(['\\', ':', '\0', '%']));
            }
        }
    }
}
