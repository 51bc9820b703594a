//! Blocks and inline events → HTML through pulldown-cmark's writer. Rich
//! content is an event transform before `push_html` (code, math, images,
//! bare links); the assembled fragment is then sanitized as a whole.

use super::escape::escape;
use super::highlight::highlight;
use super::images::{self, Image};
use super::{links, math, sanitize};
use crate::diag::Diagnostic;
use crate::outline::{Block, Item};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Tag, TagEnd};
use std::cell::RefCell;
use std::path::Path;

/// Containers nested deeper than this are flattened before sanitizing:
/// ammonia is very slow on deeply nested markup.
pub const MAX_NEST: usize = 32;

/// The same for elements opened by raw HTML.
pub const MAX_HTML_NEST: i64 = 64;

/// Where a fragment comes from, and where its warnings go.
#[derive(Debug, Default)]
pub struct RenderCtx<'a> {
    /// The notes file: images resolve against its folder. `None` reads no
    /// files (images become placeholders) and drops warnings.
    pub source: Option<&'a Path>,
    /// Trusted notes: raw HTML is kept (URLs are still filtered).
    pub allow_html: bool,
    pub diags: RefCell<Vec<Diagnostic>>,
}

impl<'a> RenderCtx<'a> {
    pub fn new(source: &'a Path, allow_html: bool) -> Self {
        RenderCtx {
            source: Some(source),
            allow_html,
            diags: RefCell::new(Vec::new()),
        }
    }

    fn warn(&self, line: u32, message: String) {
        if let Some(path) = self.source {
            let d = Diagnostic::warning(path, line, message);
            let mut diags = self.diags.borrow_mut();
            if !diags.contains(&d) {
                diags.push(d);
            }
        }
    }

    /// The warnings collected so far, in order, without duplicates.
    pub fn take_diagnostics(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut *self.diags.borrow_mut())
    }
}

pub fn blocks_html(blocks: &[Block]) -> String {
    blocks_html_in(blocks, &RenderCtx::default())
}

pub fn blocks_html_in(blocks: &[Block], ctx: &RenderCtx) -> String {
    let mut events = Vec::new();
    push_blocks(blocks, &mut events);
    render(events, ctx)
}

pub fn inline_html(events: &[Event<'static>]) -> String {
    events_html(events.iter().cloned())
}

pub fn inline_html_in(events: &[Event<'static>], line: u32, ctx: &RenderCtx) -> String {
    render(events.iter().cloned().map(|e| (e, line)).collect(), ctx)
}

pub fn events_html<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let events = events.map(|e| (e.into_static(), 0)).collect();
    render(events, &RenderCtx::default())
}

/// Events (each with its source line) → sanitized HTML.
fn render(events: Vec<(Event<'static>, u32)>, ctx: &RenderCtx) -> String {
    let (events, raw_html) = transform(merge_text(events), ctx);
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter().map(make_safe));
    if ctx.allow_html && raw_html {
        sanitize::clean_trusted(&out)
    } else {
        sanitize::clean(&out)
    }
}

/// pulldown-cmark splits text at `_`, `[` and the like; URL detection
/// needs whole runs.
fn merge_text(events: Vec<(Event<'static>, u32)>) -> Vec<(Event<'static>, u32)> {
    let mut out: Vec<(Event<'static>, u32)> = Vec::with_capacity(events.len());
    for (ev, line) in events {
        if let (Event::Text(t), Some((Event::Text(prev), _))) = (&ev, out.last_mut()) {
            let mut s = prev.to_string();
            s.push_str(t);
            *prev = CowStr::from(s);
            continue;
        }
        out.push((ev, line));
    }
    out
}

/// The rich-content pass. Returns the events for `push_html` and whether
/// raw HTML was present.
fn transform(events: Vec<(Event<'static>, u32)>, ctx: &RenderCtx) -> (Vec<Event<'static>>, bool) {
    let mut out: Vec<Event<'static>> = Vec::with_capacity(events.len());
    let mut raw_html = false;
    // Raw HTML the sanitizer will remove, per source line, for warnings.
    let mut dropped: Vec<(u32, Vec<String>)> = Vec::new();
    let mut in_link = 0usize;
    // One entry per open container: whether its Start was kept.
    let mut nest: Vec<bool> = Vec::new();
    let mut kept = 0usize;
    // Open raw HTML elements (estimated), capped like containers.
    let mut html_depth = 0i64;
    let mut capped = false;
    let solo = solo_image(&events);
    let mut it = events.into_iter().peekable();
    while let Some((ev, line)) = it.next() {
        match ev {
            Event::Start(Tag::List(_) | Tag::Item | Tag::BlockQuote(_)) => {
                let keep = kept < MAX_NEST;
                nest.push(keep);
                if keep {
                    kept += 1;
                    out.push(ev);
                }
            }
            Event::End(TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_)) => {
                if nest.pop().unwrap_or(true) {
                    kept = kept.saturating_sub(1);
                    out.push(ev);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for (e, _) in it.by_ref() {
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) | Event::Code(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .unwrap_or("")
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                out.push(Event::Html(code_block(&lang, &code).into()));
            }
            Event::InlineMath(ref tex) | Event::DisplayMath(ref tex) => {
                let display = matches!(ev, Event::DisplayMath(_));
                match math::to_mathml(tex, display) {
                    Ok(m) => out.push(Event::InlineHtml(m.into())),
                    Err(e) => {
                        ctx.warn(line, format!("invalid math '{}': {e}", clip(tex)));
                        let delim = if display { "$$" } else { "$" };
                        out.push(Event::InlineHtml(
                            format!(
                                "<code class=\"math-error\">{}</code>",
                                escape(&format!("{delim}{tex}{delim}"))
                            )
                            .into(),
                        ));
                    }
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let mut alt = Vec::new();
                let mut depth = 0usize;
                for (e, _) in it.by_ref() {
                    match &e {
                        Event::Start(Tag::Image { .. }) => depth += 1,
                        Event::End(TagEnd::Image) if depth == 0 => break,
                        Event::End(TagEnd::Image) => depth -= 1,
                        _ => {}
                    }
                    alt.push(e);
                }
                image(
                    (link_type, dest_url, title, id),
                    alt,
                    line,
                    solo,
                    ctx,
                    &mut out,
                );
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink,
                ref dest_url,
                ..
            }) if in_link == 0 => {
                // `<https://…>`: shortened like a bare URL.
                let url = dest_url.to_string();
                let mut inner = Vec::new();
                for (e, _) in it.by_ref() {
                    if matches!(e, Event::End(TagEnd::Link)) {
                        break;
                    }
                    inner.push(e);
                }
                if url.starts_with("http://") || url.starts_with("https://") {
                    push_url(&url, &mut out);
                } else {
                    out.push(ev);
                    out.extend(inner);
                    out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Link { .. }) => {
                in_link += 1;
                out.push(ev);
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                out.push(ev);
            }
            Event::Text(t) if in_link == 0 => {
                let ranges = links::find_urls(&t);
                if ranges.is_empty() {
                    out.push(Event::Text(t));
                    continue;
                }
                let mut last = 0;
                for r in ranges {
                    if r.start > last {
                        out.push(Event::Text(t[last..r.start].to_string().into()));
                    }
                    push_url(&t[r.clone()], &mut out);
                    last = r.end;
                }
                if last < t.len() {
                    out.push(Event::Text(t[last..].to_string().into()));
                }
            }
            Event::Html(ref h) | Event::InlineHtml(ref h)
                if html_depth + sanitize::depth_change(h).1 > MAX_HTML_NEST =>
            {
                // Too deep for the sanitizer to stay fast: shown as text.
                if !capped {
                    ctx.warn(
                        line,
                        format!(
                            "raw HTML nested deeper than {MAX_HTML_NEST} levels is shown as text"
                        ),
                    );
                    capped = true;
                }
                out.push(Event::Text(h.clone()));
            }
            Event::Html(ref h) | Event::InlineHtml(ref h) => {
                html_depth = (html_depth + sanitize::depth_change(h).0).max(0);
                raw_html = true;
                if !ctx.allow_html {
                    for d in sanitize::dropped(h) {
                        match dropped.iter_mut().find(|(l, _)| *l == line) {
                            Some((_, list)) if !list.contains(&d) => list.push(d),
                            Some(_) => {}
                            None => dropped.push((line, vec![d])),
                        }
                    }
                }
                out.push(ev);
            }
            other => out.push(other),
        }
    }
    for (line, list) in dropped {
        ctx.warn(
            line,
            format!(
                "raw HTML {} removed (allow_html = true keeps it)",
                list.join(", ")
            ),
        );
    }
    (out, raw_html)
}

/// Whether the fragment is one paragraph holding only an image.
fn solo_image(events: &[(Event<'static>, u32)]) -> bool {
    let evs: Vec<&Event> = events.iter().map(|(e, _)| e).collect();
    matches!(evs.first(), Some(Event::Start(Tag::Paragraph)))
        && matches!(evs.get(1), Some(Event::Start(Tag::Image { .. })))
        && matches!(evs.last(), Some(Event::End(TagEnd::Paragraph)))
        && matches!(
            evs.get(evs.len().saturating_sub(2)),
            Some(Event::End(TagEnd::Image))
        )
        && evs
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Image { .. })))
            .count()
            == 1
}

fn push_url(url: &str, out: &mut Vec<Event<'static>>) {
    if let Some(site) = links::video_site(url) {
        out.push(Event::InlineHtml(
            format!(
                "<a class=\"video-card\" href=\"{}\"><span class=\"video-play\" aria-hidden=\"true\">\u{25B6}</span><span class=\"video-site\">{site}</span> <span class=\"video-url\">{}</span></a>",
                escape(url),
                escape(&links::shorten(url))
            )
            .into(),
        ));
        return;
    }
    out.push(Event::Start(Tag::Link {
        link_type: LinkType::Inline,
        dest_url: url.to_string().into(),
        title: "".into(),
        id: "".into(),
    }));
    out.push(Event::Text(links::shorten(url).into()));
    out.push(Event::End(TagEnd::Link));
}

fn code_block(lang: &str, code: &str) -> String {
    let lang: String = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "+-_.#".contains(*c))
        .take(32)
        .collect();
    let body = highlight(&lang, code).unwrap_or_else(|| escape(code).into_owned());
    if lang.is_empty() {
        format!("<pre class=\"code\"><code>{body}</code></pre>\n")
    } else {
        format!(
            "<pre class=\"code\" data-lang=\"{lang}\"><code class=\"language-{lang}\">{body}</code></pre>\n"
        )
    }
}

type ImageTag = (LinkType, CowStr<'static>, CowStr<'static>, CowStr<'static>);

fn image(
    (link_type, dest_url, title, id): ImageTag,
    alt: Vec<Event<'static>>,
    line: u32,
    solo: bool,
    ctx: &RenderCtx,
    out: &mut Vec<Event<'static>>,
) {
    let alt_text: String = alt
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let shown = clip(&dest_url);
    let loaded = match ctx.source {
        Some(src) => images::load(&dest_url, src.parent().unwrap_or(Path::new(""))),
        None => Image::NotFound,
    };
    let placeholder = |msg: String, out: &mut Vec<Event<'static>>| {
        out.push(Event::InlineHtml(
            format!(
                "<span class=\"image-missing\" role=\"img\" aria-label=\"{}\">{}</span>",
                escape(&alt_text),
                escape(&msg)
            )
            .into(),
        ));
    };
    if let Some(w) = loaded.warning(&dest_url) {
        ctx.warn(line, w);
    }
    match loaded {
        Image::Inline(uri) => {
            if solo {
                out.push(Event::InlineHtml("<span class=\"image-solo\">".into()));
            }
            out.push(Event::Start(Tag::Image {
                link_type,
                dest_url: uri.into(),
                title,
                id,
            }));
            out.extend(alt);
            out.push(Event::End(TagEnd::Image));
            if solo {
                out.push(Event::InlineHtml("</span>".into()));
            }
        }
        Image::Remote => {
            out.push(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: dest_url.clone(),
                title,
                id,
            }));
            if alt_text.trim().is_empty() {
                out.push(Event::Text(links::shorten(&dest_url).into()));
            } else {
                out.extend(alt);
            }
            out.push(Event::End(TagEnd::Link));
        }
        Image::NotFound => {
            placeholder(format!("image '{shown}' not found"), out);
        }
        Image::Unsupported => {
            placeholder(format!("image '{shown}' not supported"), out);
        }
        Image::Refused(_) => {
            placeholder(format!("image '{shown}' not embedded"), out);
        }
        Image::Outside => {
            out.extend(alt);
        }
    }
}

/// At most 60 characters of user text for a message.
pub(crate) fn clip(s: &str) -> String {
    let mut c: String = s.chars().take(60).collect();
    if c.len() < s.len() {
        c.push('…');
    }
    c
}

fn push_blocks(blocks: &[Block], out: &mut Vec<(Event<'static>, u32)>) {
    for b in blocks {
        let line = b.lines().start;
        match b {
            Block::List { start, items, .. } => {
                out.push((Event::Start(Tag::List(*start)), line));
                for item in items {
                    push_item(item, out);
                }
                out.push((Event::End(TagEnd::List(start.is_some())), line));
            }
            Block::Heading { level, title, .. } => {
                let level = match level {
                    1 => pulldown_cmark::HeadingLevel::H1,
                    2 => pulldown_cmark::HeadingLevel::H2,
                    3 => pulldown_cmark::HeadingLevel::H3,
                    4 => pulldown_cmark::HeadingLevel::H4,
                    5 => pulldown_cmark::HeadingLevel::H5,
                    _ => pulldown_cmark::HeadingLevel::H6,
                };
                out.push((
                    Event::Start(Tag::Heading {
                        level,
                        id: None,
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    }),
                    line,
                ));
                out.extend(title.events.iter().cloned().map(|e| (e, line)));
                out.push((Event::End(TagEnd::Heading(level)), line));
            }
            Block::Other { events, .. } => push_lines(events, line, out),
            Block::Break { .. } | Block::Notes { .. } => {}
        }
    }
}

/// Events tagged with their own line: a block's first line plus the line
/// breaks before each event.
fn push_lines(events: &[Event<'static>], start: u32, out: &mut Vec<(Event<'static>, u32)>) {
    let mut line = start;
    for e in events {
        out.push((e.clone(), line));
        let breaks = match e {
            Event::SoftBreak | Event::HardBreak => 1,
            Event::Html(t) | Event::InlineHtml(t) | Event::Text(t) | Event::DisplayMath(t) => {
                t.matches('\n').count()
            }
            _ => 0,
        };
        line += breaks as u32;
    }
}

fn push_item(item: &Item, out: &mut Vec<(Event<'static>, u32)>) {
    let line = item.lines.start;
    out.push((Event::Start(Tag::Item), line));
    push_lines(&item.head.events, line, out);
    push_blocks(&item.children, out);
    out.push((Event::End(TagEnd::Item), line));
}

/// Raw HTML is left to the sanitizer; links and images with a scriptable
/// URL lose it.
fn make_safe(ev: Event<'_>) -> Event<'_> {
    match ev {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url, false),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url, true),
            title,
            id,
        }),
        other => other,
    }
}

/// Whether a URL may be emitted: no `javascript:`, `vbscript:` or
/// non-image `data:` in any case or with embedded whitespace/controls.
pub fn is_safe_url(url: &str, image: bool) -> bool {
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

fn safe_url(url: CowStr<'_>, image: bool) -> CowStr<'_> {
    if is_safe_url(&url, image) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_urls_are_rejected() {
        for u in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:x",
            " vbscript:x",
            "data:text/html;base64,xx",
        ] {
            assert!(!is_safe_url(u, false), "{u}");
        }
        assert!(is_safe_url("https://ex.com/?src=data:image/png", false));
        assert!(is_safe_url("data:image/png;base64,AAAA", true));
        assert!(!is_safe_url("data:image/png;base64,AAAA", false));
    }
}
