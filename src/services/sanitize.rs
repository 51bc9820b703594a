//! Allowlist sanitizing of rendered slide fragments (ammonia), configured
//! for notedeck's own markup: classes, ids, `data:image/*` images, task-list
//! boxes and MathML survive; scripts, handlers, frames and form elements
//! (`input`, `button`, `select`, `textarea`, `form`…) don't.

use ammonia::Builder;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Raw `<img src>` values as written → the `data:` URI to use instead, or
/// `None` to drop the `src` (a file that could not be embedded).
pub type ImageMap = HashMap<String, Option<String>>;

/// Tags kept from raw HTML (plus everything notedeck itself emits).
pub const ALLOWED_TAGS: &[&str] = &[
    // notedeck's own markup and harmless inline/block HTML
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
    // MathML produced by the math renderer
    "math",
    "semantics",
    "annotation",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "mfrac",
    "msqrt",
    "mroot",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mtable",
    "mtr",
    "mtd",
    "mstyle",
    "mpadded",
    "mphantom",
    "merror",
    "mmultiscripts",
    "mprescripts",
];

const MATH_ATTRS: &[&str] = &[
    "display",
    "displaystyle",
    "scriptlevel",
    "mathvariant",
    "stretchy",
    "symmetric",
    "largeop",
    "movablelimits",
    "fence",
    "separator",
    "form",
    "lspace",
    "rspace",
    "minsize",
    "maxsize",
    "width",
    "height",
    "depth",
    "voffset",
    "linethickness",
    "accent",
    "accentunder",
    "columnalign",
    "rowalign",
    "columnspacing",
    "rowspacing",
    "encoding",
];

const GENERIC_ATTRS: &[&str] = &[
    "class",
    "id",
    "title",
    "lang",
    "dir",
    "aria-label",
    "aria-hidden",
    "aria-checked",
    "aria-disabled",
    "role",
];

/// MathML elements that take [`MATH_ATTRS`].
const MATH_ATTR_TAGS: &[&str] = &[
    "math",
    "mstyle",
    "mo",
    "mi",
    "mn",
    "mtext",
    "mspace",
    "mpadded",
    "mfrac",
    "mover",
    "munder",
    "munderover",
    "mtable",
    "mtd",
    "annotation",
];

/// Attributes kept per tag, besides [`GENERIC_ATTRS`] and `data-*`. The
/// one table ammonia is configured from and the warnings are derived from.
const TAG_ATTRS: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("img", &["src", "alt", "width", "height"]),
    ("details", &["open"]),
    ("ol", &["start"]),
    // Table column alignment comes as `style="text-align: …"`; every
    // other style property is filtered out.
    ("td", &["align", "colspan", "rowspan", "style"]),
    ("th", &["align", "colspan", "rowspan", "style"]),
];

/// Whether the sanitizer keeps `attr` on `tag` (untrusted notes).
pub(crate) fn attribute_kept(tag: &str, attr: &str) -> bool {
    attr.starts_with("data-")
        || GENERIC_ATTRS.contains(&attr)
        || TAG_ATTRS
            .iter()
            .any(|(t, attrs)| *t == tag && attrs.contains(&attr))
        || (MATH_ATTR_TAGS.contains(&tag) && MATH_ATTRS.contains(&attr))
}

/// Extra tags kept when the notes opt in with `allow_html = true`.
const TRUSTED_TAGS: &[&str] = &[
    "iframe", "video", "audio", "source", "track", "picture", "style", "script", "section",
    "article", "aside", "header", "footer", "nav", "main", "center", "font", "big",
];

/// Attributes holding a URL: filtered in both modes.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "srcset",
    "poster",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "cite",
    "background",
    "longdesc",
    "ping",
];

/// Put before every id from the notes (untrusted).
pub const ID_PREFIX: &str = "user-content-";

fn builder() -> &'static Builder<'static> {
    static B: OnceLock<Builder<'static>> = OnceLock::new();
    B.get_or_init(|| base(false, None))
}

fn trusted_builder() -> &'static Builder<'static> {
    static B: OnceLock<Builder<'static>> = OnceLock::new();
    B.get_or_init(|| base(true, None))
}

fn base(trusted: bool, images: Option<Arc<ImageMap>>) -> Builder<'static> {
    {
        let mut b = Builder::empty();
        // `empty` clears only the tags: drop ammonia's default per-tag
        // attributes too, so `TAG_ATTRS` is the whole table.
        b.tag_attributes(Default::default());
        if trusted {
            b.add_tags(TRUSTED_TAGS)
                .rm_clean_content_tags(["script", "style"])
                .add_generic_attribute_prefixes([""]);
        } else {
            // User ids are prefixed (as GitHub does) so no element of the
            // notes can clobber a global or an id of the deck page.
            b.add_clean_content_tags(["script", "style", "template", "noscript", "xmp"])
                .filter_style_properties(["text-align"].into_iter().collect())
                .id_prefix(Some(ID_PREFIX));
        }
        b.add_tags(ALLOWED_TAGS)
            .add_generic_attributes(GENERIC_ATTRS)
            .add_generic_attribute_prefixes(["data-"])
            .url_schemes(URL_SCHEMES.iter().copied().collect())
            .link_rel(Some(LINK_REL))
            .strip_comments(true)
            .attribute_filter(move |element, attribute, value| {
                filter_attribute(element, attribute, value, trusted, images.as_deref())
            });
        for (tag, attrs) in TAG_ATTRS {
            b.add_tag_attributes(tag, *attrs);
        }
        for tag in MATH_ATTR_TAGS {
            b.add_tag_attributes(tag, MATH_ATTRS);
        }
        b
    }
}

/// URL schemes kept in `href`, `src`… (relative URLs are kept too).
const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "data"];

/// Written on every `<a>`.
pub const LINK_REL: &str = "noopener noreferrer";

/// ammonia's check of a URL attribute before [`filter_attribute`] sees
/// it, for the writer's own links (same `url` crate, same schemes).
fn scheme_kept(value: &str) -> bool {
    match url::Url::parse(value) {
        Ok(u) => URL_SCHEMES.contains(&u.scheme()),
        Err(url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// What an untrusted fragment's `<a href>` or `<img src>` (no raw HTML,
/// no image map) becomes after sanitizing: the value to write, or `None`
/// to drop the attribute. For fragments the sanitizer does not parse.
pub fn url_kept<'v>(element: &str, attribute: &str, value: &'v str) -> Option<Cow<'v, str>> {
    if !scheme_kept(value) {
        return None;
    }
    filter_attribute(element, attribute, value, false, None)
}

/// The attribute filter: URLs, `srcdoc`, the image map, id links, table
/// alignment. Called by ammonia and by [`url_kept`].
fn filter_attribute<'v>(
    element: &str,
    attribute: &str,
    value: &'v str,
    trusted: bool,
    images: Option<&ImageMap>,
) -> Option<Cow<'v, str>> {
    if (element, attribute) == ("img", "src") {
        if let Some(embedded) = images.and_then(|m| m.get(value)) {
            return embedded.clone().map(Cow::Owned);
        }
        // A file the image resolver never saw (an `<img>` that
        // was not raw HTML of the notes) is not loaded.
        if !starts_with_any(value, &["data:", "http:", "https:", "//"]) {
            return None;
        }
    }
    if attribute == "srcdoc" {
        return None;
    }
    if URL_ATTRS.contains(&attribute) {
        // `data:` only for images, never `javascript:` anywhere.
        let image = element == "img" && attribute == "src";
        if !is_safe_url(value, image) {
            return None;
        }
        // A remote image would load wherever the CSP is not
        // honoured (a mail client): a tracking pixel.
        let remote = starts_with_any(value, &["http:", "https:", "//"]);
        if !trusted && image && remote {
            return None;
        }
        // Links to an id of the notes (footnotes too) follow
        // its prefix; `#slide-N` stays the deck's slide N.
        if let Some(frag) = value.strip_prefix('#') {
            let digits = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
            // `#slide-N` and notedeck's own footnote marks
            // (`#fn-SLIDE-N`) point at the deck, not the notes.
            let slide = frag.strip_prefix("slide-").is_some_and(digits)
                || frag.strip_prefix("fn-").is_some_and(|r| {
                    r.split_once('-')
                        .is_some_and(|(a, b)| digits(a) && digits(b))
                });
            if !trusted && !frag.is_empty() && !slide {
                return Some(format!("#{ID_PREFIX}{frag}").into());
            }
        }
        return Some(value.into());
    }
    // Table alignment is the only style kept: one of three words.
    if !trusted && attribute == "style" {
        let v = value.trim().trim_end_matches(';').to_ascii_lowercase();
        let ok = v.split_once(':').is_some_and(|(p, a)| {
            p.trim() == "text-align" && ["left", "right", "center"].contains(&a.trim())
        });
        return ok.then(|| value.into());
    }
    Some(value.into())
}

/// The fragment with everything outside the allowlist removed.
pub fn clean(fragment: &str) -> String {
    builder().clean(fragment).to_string()
}

/// [`clean`] (or [`clean_trusted`]) that also swaps raw `<img src>`
/// values for the embedded files in `images`.
pub fn clean_with_images(fragment: &str, trusted: bool, images: ImageMap) -> String {
    if images.is_empty() {
        return if trusted {
            clean_trusted(fragment)
        } else {
            clean(fragment)
        };
    }
    base(trusted, Some(Arc::new(images)))
        .clean(fragment)
        .to_string()
}

/// For notes that opted in with `allow_html`: more tags and any attribute,
/// but URLs are still filtered and `srcdoc` is still dropped.
pub fn clean_trusted(fragment: &str) -> String {
    trusted_builder().clean(fragment).to_string()
}

/// Tags and attributes in a raw HTML snippet that the sanitizer drops, for
/// warnings (the removal itself is ammonia's job, not this scanner's).
pub fn dropped(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let bytes = raw.as_bytes();
    let mut i = 0;
    while let Some(off) = raw[i..].find('<') {
        i += off + 1;
        if raw[i..].starts_with("!--") {
            // Comments are dropped silently.
            match raw[i..].find("-->") {
                Some(end) => i += end + 3,
                None => break,
            }
            continue;
        }
        let closing = raw[i..].starts_with('/');
        if closing {
            i += 1;
        }
        let name_len = raw[i..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(raw.len() - i);
        if name_len == 0 || !bytes[i].is_ascii_alphabetic() {
            continue;
        }
        let name = raw[i..i + name_len].to_ascii_lowercase();
        i += name_len;
        let tag_known = ALLOWED_TAGS.contains(&name.as_str());
        if !closing && !tag_known {
            push_unique(&mut out, format!("<{name}>"));
        }
        // Attributes up to the closing `>`, honouring quotes.
        let mut quote: Option<u8> = None;
        let mut attr_start: Option<usize> = None;
        while i < bytes.len() {
            let c = bytes[i];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => break,
                None if c.is_ascii_alphabetic() && attr_start.is_none() => {
                    let prev = if i > 0 { bytes[i - 1] } else { b' ' };
                    if prev.is_ascii_whitespace() || prev == b'/' || prev == b'"' || prev == b'\'' {
                        attr_start = Some(i);
                    }
                }
                None => {}
            }
            if let Some(s) = attr_start {
                if !(bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b':') {
                    let attr = raw[s..i].to_ascii_lowercase();
                    attr_start = None;
                    if tag_known && !closing && !attribute_kept(&name, &attr) {
                        push_unique(&mut out, format!("{attr}="));
                    }
                }
            }
            i += 1;
        }
    }
    out
}

/// How a raw HTML snippet changes element nesting: (net change, highest
/// rise within it). A rough tag count, only used to cap nesting.
pub fn depth_change(raw: &str) -> (i64, i64) {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let (mut depth, mut max) = (0i64, 0i64);
    let mut rest = raw;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        if closing {
            depth -= 1;
        } else if !VOID.contains(&name.as_str()) {
            let self_closing = rest.find('>').is_some_and(|e| rest[..e].ends_with('/'));
            if !self_closing {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    (depth, max)
}

fn push_unique(out: &mut Vec<String>, s: String) {
    if !out.contains(&s) {
        out.push(s);
    }
}

/// Whether a URL may be emitted: no `javascript:`, `vbscript:` or
/// non-image `data:` in any case or with embedded whitespace/controls.
pub fn is_safe_url(url: &str, image: bool) -> bool {
    // The URL's first 64 characters without whitespace and controls,
    // ASCII lower-cased, compared in place (no copy per URL).
    let squashed = || {
        url.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .take(64)
            .map(|c| c.to_ascii_lowercase())
    };
    let starts = |prefix: &str| {
        let mut s = squashed();
        prefix.chars().all(|p| s.next() == Some(p))
    };
    if starts("javascript:") || starts("vbscript:") {
        return false;
    }
    if starts("data:") {
        return image && crate::mime::image_types().any(|m| starts(&format!("data:{m}")));
    }
    true
}

/// Whether `value`, leading whitespace trimmed, starts with one of
/// `prefixes` (ASCII lower-case) in any case.
fn starts_with_any(value: &str, prefixes: &[&str]) -> bool {
    let v = value.trim_start().as_bytes();
    prefixes
        .iter()
        .any(|p| v.len() >= p.len() && v[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The check as it was written first: the squashed URL copied.
    fn is_safe_url_copied(url: &str, image: bool) -> bool {
        let squashed: String = url
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .take(64)
            .collect::<String>()
            .to_ascii_lowercase();
        if squashed.starts_with("javascript:") || squashed.starts_with("vbscript:") {
            return false;
        }
        if let Some(rest) = squashed.strip_prefix("data:") {
            return image && crate::mime::image_types().any(|m| rest.starts_with(m));
        }
        true
    }

    proptest::proptest! {
        #[test]
        fn url_checks_in_place_agree_with_copies(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "java", "JavaScript", "script", "vb", ":", " ", "\t", "\n", "\u{0}",
                    "\u{a0}", "data", "DATA", "image/png", "image/", "png", "http", "//",
                    "x", "é", "\u{2028}",
                ]),
                0..24,
            ),
            image: bool,
        ) {
            let url = parts.concat();
            proptest::prop_assert_eq!(is_safe_url(&url, image), is_safe_url_copied(&url, image));
            for prefixes in [&["data:", "http:", "https:", "//"][..], &["http:", "https:", "//"]] {
                let v = url.trim_start().to_ascii_lowercase();
                proptest::prop_assert_eq!(
                    starts_with_any(&url, prefixes),
                    prefixes.iter().any(|p| v.starts_with(p))
                );
            }
        }
    }

    #[test]
    fn keeps_notedeck_markup() {
        let html = r#"<p class="x" id="y"><img src="data:image/png;base64,AAAA" alt="a"></p><details><summary>s</summary><kbd>k</kbd><mark>m</mark></details>"#;
        assert_eq!(
            clean(html),
            html.replace("id=\"y\"", "id=\"user-content-y\"")
        );
    }

    #[test]
    fn only_left_right_center_alignment_and_no_remote_raw_images() {
        assert_eq!(
            clean("<table><tr><td style=\"text-align: center\">a</td><td style=\"text-align:expression(alert(1))\">b</td></tr></table>"),
            "<table><tbody><tr><td style=\"text-align:center\">a</td><td>b</td></tr></tbody></table>"
        );
        assert_eq!(
            clean("<img src=\"https://tracker.example/p.gif\" alt=\"p\"><img src=\"//t.example/x.png\">"),
            "<img alt=\"p\"><img>"
        );
    }

    #[test]
    fn user_ids_and_their_links_are_prefixed() {
        assert_eq!(
            clean("<span id=\"notedeck\">n</span><a href=\"#x\">x</a><a href=\"#slide-3\">3</a>"),
            "<span id=\"user-content-notedeck\">n</span><a href=\"#user-content-x\" \
             rel=\"noopener noreferrer\">x</a><a href=\"#slide-3\" rel=\"noopener noreferrer\">3</a>"
        );
    }

    #[test]
    fn drops_scripts_and_handlers() {
        let out = clean(
            r#"<img src=x onerror=alert(1)><script>alert(1)</script><a href="java&#x73;cript:x">l</a>"#,
        );
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("script"), "{out}");
        assert!(!out.contains("javascript"), "{out}");
    }

    /// The warnings and ammonia agree on every tag and attribute in the
    /// table (the table-cell `style` used to be reported as removed).
    #[test]
    fn warnings_match_what_the_sanitizer_keeps() {
        let mut attrs: Vec<&str> = GENERIC_ATTRS.to_vec();
        attrs.extend(MATH_ATTRS);
        attrs.extend(TAG_ATTRS.iter().flat_map(|(_, a)| a.iter().copied()));
        attrs.extend(["style", "onclick", "data-x", "srcdoc"]);
        // ALLOWED_TAGS lists the MathML elements last, from `math` on.
        let first_math = ALLOWED_TAGS.iter().position(|t| *t == "math");
        let mathml = &ALLOWED_TAGS[first_math.unwrap_or(ALLOWED_TAGS.len())..];
        assert!(mathml.len() > 10);
        for tag in ALLOWED_TAGS {
            for attr in &attrs {
                let value = match *attr {
                    "style" => "text-align: left",
                    // A file's `src` is the image resolver's to warn about.
                    "src" if *tag == "img" => "data:image/png;base64,AA",
                    _ => "x",
                };
                let el = format!(r#"<{tag} {attr}="{value}">t</{tag}>"#);
                let html = match *tag {
                    "td" | "th" => format!("<table><tr>{el}</tr></table>"),
                    "tr" => format!("<table>{el}</table>"),
                    "tbody" | "thead" | "tfoot" | "caption" => format!("<table>{el}</table>"),
                    _ if mathml.contains(tag) && *tag != "math" => format!("<math>{el}</math>"),
                    _ => el.clone(),
                };
                let kept = clean(&html).contains(&format!(" {attr}="));
                let warned = dropped(&el).contains(&format!("{attr}="));
                assert_eq!(kept, !warned, "{el}: kept {kept}, warned {warned}");
            }
        }
        assert!(dropped(r#"<td style="text-align: center">x</td>"#).is_empty());
        assert_eq!(dropped(r#"<p style="color: red">x</p>"#), ["style="]);
    }

    /// [`url_kept`] says what ammonia does to an `<a href>` or `<img src>`
    /// (its scheme check, then the filter), URL by URL.
    #[test]
    fn url_kept_agrees_with_ammonia() {
        let urls = [
            "https://e.com/?a=1&b='2'",
            "http://[::1",
            "https://exa%20mple.com",
            "HTTPS://E.COM",
            "mailto:a@b.c",
            "tel:123",
            "ftp://x/y",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "java%0Ascript:x",
            " javascript:x",
            "vbscript:x",
            "data:text/html,x",
            "data:image/png;base64,AA",
            "//r.example/x.png",
            "#top",
            "#",
            "#slide-3",
            "#fn-1-2",
            "#fn-1-x",
            "../a/b.html",
            "img/dot.png",
            "a:b",
            "",
        ];
        for (el, attr) in [("a", "href"), ("img", "src")] {
            for u in urls {
                let html = format!(
                    "<{el} {attr}=\"{}\">x</{el}>",
                    crate::services::escape::escape(u)
                );
                let cleaned = clean(&html);
                let written = url_kept(el, attr, u)
                    .map(|v| format!(" {attr}=\"{}\"", crate::services::escape::escape(&v)));
                match written {
                    Some(w) => assert!(cleaned.contains(&w), "{u}: {cleaned}"),
                    None => assert!(!cleaned.contains(&format!(" {attr}=")), "{u}: {cleaned}"),
                }
            }
        }
    }

    #[test]
    fn depth_of_raw_html() {
        assert_eq!(depth_change("<div><p>x</p><br><img src=x>"), (1, 2));
        assert_eq!(depth_change("</div></div>"), (-2, 0));
        assert_eq!(depth_change("1 < 2 <x/>"), (0, 0));
    }

    #[test]
    fn scanner_names_dropped_parts() {
        assert_eq!(
            dropped(
                r#"<img src="a>b" onerror=alert(1)><script>x</script><kbd>k</kbd><!-- <iframe> -->"#
            ),
            vec!["onerror=".to_string(), "<script>".to_string()]
        );
        assert!(dropped("<details open><summary>s</summary></details>").is_empty());
    }
}
