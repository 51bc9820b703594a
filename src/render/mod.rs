//! Deck → HTML page with askama. Everything a page needs is inlined:
//! theme CSS, runtime CSS/JS, images as data: URIs.

pub mod escape;
pub mod highlight;
mod html;
pub mod images;
pub mod links;
pub mod math;
pub mod sanitize;
pub mod theme;

use crate::deck::{Deck, SlideKind};
use crate::diag::Diagnostic;
use crate::outline::Block;
use crate::Error;
use askama::Template;
pub use html::{
    blocks_html, blocks_html_in, inline_html, inline_html_in, is_safe_url, RenderCtx, MAX_NEST,
};
use pulldown_cmark::{Event, Tag};

/// Forbids every network request: only inline code and data: URIs.
pub const CSP: &str = "default-src 'none'; img-src data:; media-src data:; font-src data:; \
style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

pub const RUNTIME_JS: &str = include_str!("assets/runtime.js");
pub const RUNTIME_CSS: &str = concat!(
    include_str!("assets/runtime.css"),
    include_str!("assets/rich.css")
);

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

/// Assets shared by every page of one build, prepared once: the theme
/// registry each deck looks its `meta.theme` up in.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    pub themes: theme::Themes,
    /// Leave every speaker note out of the HTML (`build --no-notes`).
    pub no_notes: bool,
}

impl Assets {
    /// The CSS of the theme called `name`; unknown names list the others.
    pub fn theme_css(&self, name: &str) -> Result<&str, Error> {
        Ok(&self.themes.get(name)?.css)
    }
}

pub fn slide_views(deck: &Deck) -> Vec<SlideView> {
    slide_views_in(deck, &mut Vec::new())
}

/// Like [`slide_views`], with render warnings (images, math, raw HTML)
/// appended to `diags`.
pub fn slide_views_in(deck: &Deck, diags: &mut Vec<Diagnostic>) -> Vec<SlideView> {
    let ctx = RenderCtx::new(&deck.source, deck.meta.allow_html);
    let views = slide_views_ctx(deck, &ctx, usize::MAX);
    for d in ctx.take_diagnostics() {
        if !diags.contains(&d) {
            diags.push(d);
        }
    }
    views
}

/// The first slide only, without the group intro, for index thumbnails (no
/// warnings: the deck's own render reports them).
pub fn first_slide_view(deck: &Deck) -> Option<SlideView> {
    let ctx = RenderCtx::new(&deck.source, deck.meta.allow_html);
    slide_views_ctx(deck, &ctx, 1).into_iter().next()
}

fn slide_views_ctx(deck: &Deck, ctx: &RenderCtx, take: usize) -> Vec<SlideView> {
    // Index miniatures (take == 1) leave the intro off: see render_index.
    let intro = if take == 1 {
        String::new()
    } else {
        blocks_html_in(&deck.group.intro, ctx)
    };
    // Footnote definitions move to the slide that references them.
    let defs: Vec<(String, &Block)> = deck
        .slides
        .iter()
        .flat_map(|s| s.body.iter())
        .filter_map(|b| footnote_label(b).map(|l| (l, b)))
        .collect();
    let byline = deck.meta.byline();
    deck.slides
        .iter()
        .take(take)
        .map(|s| {
            let is_title = s.kind == SlideKind::Title;
            let mut heading = String::new();
            for (i, part) in s.title.iter().enumerate() {
                let part_html = inline_html_in(&part.events, s.lines.start, ctx);
                // Inline HTML comes back without a wrapping paragraph.
                if i + 1 < s.title.len() {
                    heading.push_str("<span class=\"crumb\">");
                    heading.push_str(&part_html);
                    heading.push_str(
                        "</span><span class=\"crumb-sep\" aria-hidden=\"true\"> › </span>",
                    );
                } else {
                    heading.push_str(&part_html);
                }
            }
            let mut body: Vec<Block> = s
                .body
                .iter()
                .filter(|b| footnote_label(b).is_none())
                .cloned()
                .collect();
            let mut refs = Vec::new();
            footnote_refs(&body, &mut refs);
            for r in refs {
                if let Some((_, def)) = defs.iter().find(|(l, _)| *l == r) {
                    body.push((*def).clone());
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
                body: blocks_html_in(&body, ctx),
                notes: blocks_html_notes(&notes, ctx),
            }
        })
        .collect()
}

fn blocks_html_notes(notes: &[Block], ctx: &RenderCtx) -> String {
    let mut out = String::new();
    for n in notes {
        if let Block::Notes { events, lines, .. } = n {
            out.push_str(&inline_html_in(events, lines.start, ctx));
        }
    }
    out
}

fn footnote_label(b: &Block) -> Option<String> {
    match b {
        Block::Other { events, .. } => match events.first() {
            Some(Event::Start(Tag::FootnoteDefinition(l))) => Some(l.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// Footnote labels referenced in `blocks`, first use first.
fn footnote_refs(blocks: &[Block], out: &mut Vec<String>) {
    let mut scan = |events: &[Event<'static>]| {
        for e in events {
            if let Event::FootnoteReference(l) = e {
                if !out.iter().any(|o| o == l.as_ref()) {
                    out.push(l.to_string());
                }
            }
        }
    };
    let mut stack: Vec<&Block> = blocks.iter().rev().collect();
    while let Some(b) = stack.pop() {
        match b {
            Block::Other { events, .. } => scan(events),
            Block::Heading { title, .. } => scan(&title.events),
            Block::List { items, .. } => {
                for i in items.iter().rev() {
                    stack.extend(i.children.iter().rev());
                }
                // Heads are scanned before children of later items; fine
                // for ordering within one slide.
                for i in items {
                    scan(&i.head.events);
                }
            }
            Block::Break { .. } | Block::Notes { .. } => {}
        }
    }
}

pub fn render_deck(deck: &Deck, assets: &Assets) -> Result<String, Error> {
    render_deck_in(deck, assets, &mut Vec::new())
}

/// Like [`render_deck`], with render warnings appended to `diags`.
pub fn render_deck_in(
    deck: &Deck,
    assets: &Assets,
    diags: &mut Vec<Diagnostic>,
) -> Result<String, Error> {
    let depth = deck.path.matches('/').count();
    let mut slides = slide_views_in(deck, diags);
    if assets.no_notes {
        for s in &mut slides {
            s.notes.clear();
        }
    }
    let page = DeckPage {
        lang: &deck.meta.lang,
        theme: &deck.meta.theme,
        aspect: &deck.meta.aspect,
        incremental: deck.meta.incremental,
        title: format!("{} · {}", deck.title.text.trim(), deck.group.name),
        csp: CSP,
        theme_css: assets.theme_css(&deck.meta.theme)?,
        runtime_css: RUNTIME_CSS,
        runtime_js: RUNTIME_JS,
        index_href: format!("{}index.html", "../".repeat(depth)),
        slides,
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
        .map(|d| {
            // The card is one link, so its miniature must hold none (nested
            // anchors get split by the HTML parser): the intro stays off it.
            first_slide_view(d)
        })
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
        let byline = d.meta.byline();
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
        theme_css: assets.theme_css(theme)?,
        runtime_css: RUNTIME_CSS,
        total_slides: decks.iter().map(|d| d.slides.len()).sum(),
        total_decks: decks.len(),
        groups,
    };
    Ok(page.render()?)
}
