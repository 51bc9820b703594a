//! Deck → HTML page with askama. Everything a page needs is inlined:
//! theme CSS, runtime CSS/JS, images as data: URIs.

mod html;
pub mod theme;

use crate::deck::{Deck, SlideKind};
use crate::outline::Block;
use crate::Error;
use askama::Template;
pub use html::{blocks_html, inline_html};

/// Forbids every network request: only inline code and data: URIs.
pub const CSP: &str = "default-src 'none'; img-src data:; media-src data:; font-src data:; \
style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

pub const RUNTIME_JS: &str = include_str!("assets/runtime.js");
pub const RUNTIME_CSS: &str = include_str!("assets/runtime.css");

/// One slide, ready for the template.
pub struct SlideView {
    pub is_title: bool,
    pub lines: String,
    pub group: String,
    pub heading: String,
    pub event: Option<String>,
    pub byline: Option<String>,
    pub intro: String,
    pub body: String,
    pub notes: String,
}

#[derive(Template)]
#[template(path = "deck.html")]
struct DeckPage<'a> {
    lang: &'a str,
    theme: &'a str,
    aspect: &'a str,
    incremental: bool,
    title: String,
    csp: &'a str,
    theme_css: &'a str,
    runtime_css: &'a str,
    runtime_js: &'a str,
    index_href: String,
    slides: Vec<SlideView>,
}

/// Assets shared by every page of one build, prepared once.
pub struct Assets {
    pub theme_css: String,
}

pub fn slide_views(deck: &Deck) -> Vec<SlideView> {
    views(deck, deck.slides.len())
}

/// The first `limit` slides' views (the index needs only the title slide).
fn views(deck: &Deck, limit: usize) -> Vec<SlideView> {
    let intro = blocks_html(&deck.group.intro);
    let byline = match (&deck.meta.speaker, &deck.meta.date) {
        (Some(s), Some(d)) => Some(format!("{s} · {d}")),
        (Some(s), None) => Some(s.clone()),
        (None, Some(d)) => Some(d.clone()),
        (None, None) => None,
    };
    deck.slides
        .iter()
        .take(limit)
        .map(|s| {
            let is_title = s.kind == SlideKind::Title;
            let mut heading = String::new();
            for (i, part) in s.title.iter().enumerate() {
                if i + 1 < s.title.len() {
                    heading.push_str("<span class=\"crumb\">");
                    heading.push_str(&inline_html(&part.events));
                    heading.push_str(
                        "</span><span class=\"crumb-sep\" aria-hidden=\"true\"> › </span>",
                    );
                } else {
                    heading.push_str(&inline_html(&part.events));
                }
            }
            if s.continued {
                heading.push_str(" <span class=\"cont\">(cont.)</span>");
            }
            let notes: Vec<Block> = s.all_notes().into_iter().cloned().collect();
            SlideView {
                is_title,
                lines: format!("{}-{}", s.lines.start, s.lines.end),
                group: if is_title {
                    deck.group.name.clone()
                } else {
                    String::new()
                },
                heading,
                event: if is_title {
                    deck.meta.event.clone()
                } else {
                    None
                },
                byline: if is_title { byline.clone() } else { None },
                intro: if is_title {
                    intro.clone()
                } else {
                    String::new()
                },
                body: blocks_html(&s.body),
                notes: blocks_html_notes(&notes),
            }
        })
        .collect()
}

fn blocks_html_notes(notes: &[Block]) -> String {
    let mut out = String::new();
    for n in notes {
        if let Block::Notes { events, .. } = n {
            out.push_str(&html::events_html(events.iter().cloned()));
        }
    }
    out
}

pub fn render_deck(deck: &Deck, assets: &Assets) -> Result<String, Error> {
    let depth = deck.path.matches('/').count();
    let page = DeckPage {
        lang: &deck.meta.lang,
        theme: &deck.meta.theme,
        aspect: &deck.meta.aspect,
        incremental: deck.meta.incremental,
        title: format!("{} · {}", deck.title.text.trim(), deck.group.name),
        csp: CSP,
        theme_css: &assets.theme_css,
        runtime_css: RUNTIME_CSS,
        runtime_js: RUNTIME_JS,
        index_href: format!("{}index.html", "../".repeat(depth)),
        slides: slide_views(deck),
    };
    Ok(page.render()?)
}

pub struct IndexDeck {
    pub title: String,
    pub href: String,
    pub slides: usize,
    pub byline: Option<String>,
    pub thumb: SlideView,
}

pub struct IndexGroup {
    pub name: String,
    pub intro: String,
    pub decks: Vec<IndexDeck>,
}

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage<'a> {
    lang: &'a str,
    theme: &'a str,
    title: String,
    csp: &'a str,
    theme_css: &'a str,
    runtime_css: &'a str,
    groups: Vec<IndexGroup>,
    total_slides: usize,
    total_decks: usize,
}

/// The recap index: groups and their talks, in source order.
pub fn render_index(decks: &[Deck], title: &str, assets: &Assets) -> Result<String, Error> {
    let mut groups: Vec<IndexGroup> = Vec::new();
    let mut last_group: Option<*const crate::deck::GroupInfo> = None;
    use rayon::prelude::*;
    let thumbs: Vec<Option<SlideView>> = decks
        .par_iter()
        .map(|d| views(d, 1).into_iter().next())
        .collect();
    for (d, thumb) in decks.iter().zip(thumbs) {
        let gp = std::sync::Arc::as_ptr(&d.group);
        if last_group != Some(gp) {
            groups.push(IndexGroup {
                name: d.group.name.clone(),
                intro: blocks_html(&d.group.intro),
                decks: Vec::new(),
            });
            last_group = Some(gp);
        }
        let byline = match (&d.meta.speaker, &d.meta.date) {
            (Some(s), Some(dt)) => Some(format!("{s} · {dt}")),
            (Some(s), None) => Some(s.clone()),
            (None, Some(dt)) => Some(dt.clone()),
            (None, None) => None,
        };
        if let (Some(g), Some(thumb)) = (groups.last_mut(), thumb) {
            g.decks.push(IndexDeck {
                title: d.title.text.trim().to_string(),
                href: d.path.clone(),
                slides: d.slides.len(),
                byline,
                thumb,
            });
        }
    }
    let (lang, theme) = decks.first().map_or(("en", "light"), |d| {
        (d.meta.lang.as_str(), d.meta.theme.as_str())
    });
    let page = IndexPage {
        lang,
        theme,
        title: title.to_string(),
        csp: CSP,
        theme_css: &assets.theme_css,
        runtime_css: RUNTIME_CSS,
        total_slides: decks.iter().map(|d| d.slides.len()).sum(),
        total_decks: decks.len(),
        groups,
    };
    Ok(page.render()?)
}
