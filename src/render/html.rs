//! Blocks and inline events → HTML through pulldown-cmark's writer, with
//! raw HTML escaped and unsafe URLs dropped.

use crate::outline::{Block, Item};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

pub fn blocks_html(blocks: &[Block]) -> String {
    let mut events = Vec::new();
    push_blocks(blocks, &mut events);
    events_html(events.into_iter())
}

pub fn inline_html(events: &[Event<'static>]) -> String {
    events_html(events.iter().cloned())
}

pub fn events_html<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.map(make_safe));
    out
}

fn push_blocks(blocks: &[Block], out: &mut Vec<Event<'static>>) {
    for b in blocks {
        match b {
            Block::List { start, items, .. } => {
                out.push(Event::Start(Tag::List(*start)));
                for item in items {
                    push_item(item, out);
                }
                out.push(Event::End(TagEnd::List(start.is_some())));
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
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
                out.extend(title.events.iter().cloned());
                out.push(Event::End(TagEnd::Heading(level)));
            }
            Block::Other { events, .. } => out.extend(events.iter().cloned()),
            Block::Break { .. } | Block::Notes { .. } => {}
        }
    }
}

fn push_item(item: &Item, out: &mut Vec<Event<'static>>) {
    out.push(Event::Start(Tag::Item));
    out.extend(item.head.events.iter().cloned());
    push_blocks(&item.children, out);
    out.push(Event::End(TagEnd::Item));
}

/// Raw HTML is shown as text, and links or images with a scriptable URL
/// lose it.
fn make_safe(ev: Event<'_>) -> Event<'_> {
    match ev {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
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
        return image
            && [
                "image/png",
                "image/jpeg",
                "image/gif",
                "image/webp",
                "image/svg+xml",
            ]
            .iter()
            .any(|m| rest.starts_with(m));
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
