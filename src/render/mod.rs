//! Deck → HTML page with askama. Everything a page needs is inlined:
//! theme CSS, runtime CSS/JS, images as data: URIs.

pub mod css;
mod html;
pub mod links;
mod look;
pub mod math;
pub mod read;
pub mod recap;

use crate::deck::{Deck, SlideKind};
use crate::diag::Diagnostic;
use crate::outline::Block;
use crate::Error;
use askama::Template;
pub use html::{blocks_html, blocks_html_in, inline_html, inline_html_in, RenderCtx, MAX_NEST};

macro_rules! csp {
    () => {
        "default-src 'none'; img-src data:; media-src data:; font-src data:; \
style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
    };
}

/// Forbids every network request: only inline code and data: URIs.
pub const CSP: &str = csp!();

/// The CSP of a page served by `notedeck serve`: the same, plus the event
/// stream (first, so it wins over any later `connect-src`).
pub const LIVE_CSP: &str = concat!("connect-src 'self'; ", csp!());

/// The live-reload client, only in pages `notedeck serve` renders.
pub const LIVE_JS: &str = include_str!(concat!(env!("OUT_DIR"), "/live.min.js"));

/// What a served page needs for live reload, rendered by `live.html`.
pub struct LiveParams {
    /// The page's key in the server (`day-one/keynote.html`).
    pub page: String,
    /// Hash of the page as `build` would write it: the server compares it
    /// with the current one when the page connects.
    pub version: String,
    /// The slides' hashes, space-separated: the client patches the open
    /// page by comparing these with the new page's.
    pub slides: String,
    pub js: &'static str,
}

/// What is known about a rendered page besides its bytes, kept beside it:
/// which slides a rebuild changed comes from these, never from the HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageDigest {
    /// Hash of the page as `build` writes it; set only for served pages.
    pub version: String,
    /// Each slide's [`slide_hash`], in order; empty for the index, and
    /// for pages not served (only a served page is patched by slide).
    pub slides: Vec<String>,
}

impl PageDigest {
    /// A built page's: no version, its slides' hashes if any.
    fn built(slides: Vec<String>) -> Self {
        PageDigest {
            version: String::new(),
            slides,
        }
    }
}

/// A rendered page and its digest.
pub struct Rendered {
    pub html: String,
    pub digest: PageDigest,
}

/// The presenting runtime, minified by `build.rs`. A `static`, one copy at
/// one address, which pages lend ([`PageSlices`]).
pub static RUNTIME_JS: &str = include_str!(concat!(env!("OUT_DIR"), "/runtime.min.js"));
/// The handout layout `pdf --handout` adds to the page it prints (no
/// page carries it otherwise).
pub const HANDOUT_CSS: &str = include_str!("assets/handout.css");
/// One slide, ready for the template.
#[derive(Debug, Clone, Default)]
pub struct SlideView {
    pub is_title: bool,
    /// Holds a table set in smaller text (`data-density="dense"`).
    pub dense: bool,
    pub lines: String,
    pub group: String,
    pub heading: String,
    pub event: Option<String>,
    pub byline: Option<String>,
    /// `Noted by Ana and Ben` on a talk's title slide.
    pub noted_by: Option<String>,
    /// `Ben's notes`: the first slide of a teammate's section of a merged deck.
    pub section: Option<String>,
    /// The `lang` of the section the slide is in, when not the deck's.
    pub lang: Option<String>,
    pub intro: String,
    pub body: String,
    pub notes: String,
    /// Extra `<section>` attributes for the slide's look (escaped).
    pub attrs: String,
    /// The embedded background image, if any.
    pub background: String,
}

impl SlideView {
    /// About the bytes the slide takes in its deck's page: its parts and
    /// the markup around them.
    fn bytes(&self) -> usize {
        [
            &self.lines,
            &self.group,
            &self.heading,
            &self.intro,
            &self.body,
            &self.notes,
            &self.attrs,
            &self.background,
        ]
        .iter()
        .map(|s| s.len())
        .sum::<usize>()
            + 512
    }

    /// The `<section>` attributes that set how the slide is drawn: one
    /// set, written the same in its deck, the show (so the PDF) and the
    /// index miniature.
    pub fn look(&self) -> String {
        let mut out = String::new();
        if self.dense {
            out.push_str(" data-density=\"dense\"");
        }
        out.push_str(&self.attrs);
        out
    }
}

/// A deck's rendered slides, shared by its own page and the recap show.
pub type Views = std::sync::Arc<Vec<SlideView>>;

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
    prev_href: Option<String>,
    next_href: Option<String>,
    next_title: Option<String>,
    slides: &'a [SlideView],
    /// Planned start of each slide in seconds (empty: no duration set).
    plan: Vec<u32>,
    live: Option<LiveParams>,
}

impl DeckPage<'_> {
    fn at<I: std::borrow::Borrow<usize>>(&self, i: I) -> Option<u32> {
        self.plan.get(*i.borrow()).copied()
    }
}

/// Assets shared by every page of one build, prepared once: the theme
/// registry each deck looks its `meta.theme` up in.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    pub themes: crate::services::theme::Themes,
    /// Leave every speaker note out of the HTML (`build --no-notes`).
    pub no_notes: bool,
    /// Pages for `notedeck serve`: with the live-reload script and a CSP
    /// that lets it connect.
    pub live: bool,
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

/// One render context per notes file a deck's slides come from (a merged
/// deck's sections resolve images against their own file).
fn contexts(deck: &Deck) -> Vec<(usize, RenderCtx<'_>)> {
    let ctx = |source| {
        RenderCtx::new(source, deck.meta.allow_html).with_image_cap(deck.meta.limits.images)
    };
    if deck.sections.is_empty() {
        return vec![(0, ctx(&deck.source).with_positions(&deck.positions))];
    }
    deck.sections
        .iter()
        .map(|s| (s.start, ctx(&s.source).with_positions(&s.positions)))
        .collect()
}

/// Like [`slide_views`], with render warnings (images, math, raw HTML)
/// appended to `diags`.
pub fn slide_views_in(deck: &Deck, diags: &mut Vec<Diagnostic>) -> Vec<SlideView> {
    slide_views_images(deck, diags, &mut Vec::new())
}

/// Like [`slide_views_in`], with the image files the slides name (read
/// or missing) appended to `images`.
fn slide_views_images(
    deck: &Deck,
    diags: &mut Vec<Diagnostic>,
    images: &mut Vec<std::path::PathBuf>,
) -> Vec<SlideView> {
    let ctxs = contexts(deck);
    let views = slide_views_ctx(deck, &ctxs, usize::MAX);
    for (_, ctx) in ctxs {
        crate::diag::extend_unique(diags, ctx.take_diagnostics());
        images.extend(ctx.take_images());
    }
    // Each file once, in order (hashed: 10,000 images).
    let mut seen = std::collections::HashSet::new();
    images.retain(|p| seen.insert(p.clone()));
    views
}

/// The deck's slides as its page and the recap show them: notes dropped
/// for an audience copy.
pub fn deck_views(deck: &Deck, assets: &Assets, diags: &mut Vec<Diagnostic>) -> Views {
    deck_views_images(deck, assets, diags, &mut Vec::new())
}

/// Like [`deck_views`], with the image files the deck names appended to
/// `images` (what a rebuild must check and the watcher watch).
pub fn deck_views_images(
    deck: &Deck,
    assets: &Assets,
    diags: &mut Vec<Diagnostic>,
    images: &mut Vec<std::path::PathBuf>,
) -> Views {
    deck_views_thumb(deck, assets, diags, images).0
}

/// Like [`deck_views_images`], with the deck's [`thumb_view`] taken from
/// the slides just rendered rather than rendering them again.
pub fn deck_views_thumb(
    deck: &Deck,
    assets: &Assets,
    diags: &mut Vec<Diagnostic>,
    images: &mut Vec<std::path::PathBuf>,
) -> (Views, Option<SlideView>) {
    let mut slides = slide_views_images(deck, diags, images);
    // Before the notes are dropped: the miniature keeps them, as its own
    // render does (the index's stylesheet reads them).
    let thumb = slides
        .get(thumb_at(&slides[..slides.len().min(2)]))
        .map(|t| SlideView {
            // A miniature leaves the group intro off (see slide_views_ctx).
            intro: String::new(),
            ..t.clone()
        });
    if assets.no_notes {
        for s in &mut slides {
            s.notes.clear();
        }
    }
    (std::sync::Arc::new(slides), thumb)
}

/// The first slide only, without the group intro (no warnings: the deck's
/// own render reports them).
pub fn first_slide_view(deck: &Deck) -> Option<SlideView> {
    slide_views_ctx(deck, &contexts(deck), 1).into_iter().next()
}

/// The index miniature: the first content slide (title slides of one
/// group all look alike), else the title slide.
pub fn thumb_view(deck: &Deck) -> Option<SlideView> {
    let mut views = slide_views_ctx(deck, &contexts(deck), 2);
    let content = thumb_at(&views);
    (content < views.len()).then(|| views.swap_remove(content))
}

/// Which of a deck's first two slides is its miniature.
fn thumb_at(first: &[SlideView]) -> usize {
    first.iter().position(|v| !v.is_title).unwrap_or(0)
}

fn slide_views_ctx(deck: &Deck, ctxs: &[(usize, RenderCtx)], take: usize) -> Vec<SlideView> {
    let Some((_, first_ctx)) = ctxs.first() else {
        return Vec::new();
    };
    let ctx_at = |i: usize| {
        ctxs.iter()
            .rev()
            .find(|(start, _)| *start <= i)
            .map_or(first_ctx, |(_, c)| c)
    };
    // Index miniatures (a small take) leave the intro off: see render_index.
    let intro = if take <= 2 {
        String::new()
    } else {
        // Under the title slide's `h1`.
        html::blocks_html_under(&deck.group.intro, first_ctx, 1)
    };
    let footnotes = html::Footnotes::of(&deck.slides);
    let byline = deck.meta.byline();
    let presenters = deck.presenters();
    let noted_by =
        (!presenters.is_empty()).then(|| format!("Noted by {}", crate::recap::names(&presenters)));
    // A section's label goes on its title slide, or for the first section
    // on its first content slide (the deck's title slide names everyone).
    let label_at = |i: usize| -> Option<String> {
        let sec = deck.sections.iter().find(|sec| {
            let at = if sec.start == 0 && deck.slides.len() > 1 {
                1
            } else {
                sec.start
            };
            at == i
        })?;
        Some(match &sec.presenter {
            Some(p) => format!("{p}\u{2019}s notes"),
            None => format!("Notes from {}", file_name(&sec.source)),
        })
    };
    let views = deck
        .slides
        .iter()
        .take(take)
        .enumerate()
        .map(|(n, s)| {
            let ctx = ctx_at(n);
            let is_title = s.kind == SlideKind::Title;
            ctx.begin_slide(n + 1);
            // The breadcrumb is a small label line above the title.
            let mut heading = String::new();
            for (i, part) in s.title.iter().enumerate() {
                let part_html = inline_html_in(&part.events, s.lines.start, ctx);
                // Inline HTML comes back without a wrapping paragraph.
                if i + 1 < s.title.len() {
                    heading.push_str(if i == 0 {
                        "<span class=\"crumbs\"><span class=\"crumb\">"
                    } else {
                        "<span class=\"crumb\">"
                    });
                    heading.push_str(&part_html);
                    heading.push_str(if i + 2 < s.title.len() {
                        "</span><span class=\"crumb-sep\" aria-hidden=\"true\"> › </span>"
                    } else {
                        "</span><span class=\"crumb-sep\" aria-hidden=\"true\"> › </span></span>"
                    });
                } else {
                    heading.push_str(&part_html);
                }
            }
            // Cited footnotes are shown at the foot of the slide.
            let mut body = look::body_html(&s.body, &s.look, ctx);
            body.push_str(&ctx.end_slide(&footnotes));
            if s.continued {
                heading.push_str(" <span class=\"cont\">(cont.)</span>");
            }
            let deck_title = is_title && n == 0;
            SlideView {
                is_title,
                dense: crate::layout::is_dense(&s.body),
                lines: format!("{}-{}", s.lines.start, s.lines.end),
                group: if is_title {
                    deck.group.name.clone()
                } else {
                    String::new()
                },
                heading,
                event: if deck_title {
                    deck.meta.event.clone()
                } else {
                    None
                },
                byline: if deck_title { byline.clone() } else { None },
                noted_by: if deck_title { noted_by.clone() } else { None },
                section: label_at(n),
                lang: deck
                    .sections
                    .iter()
                    .rev()
                    .find(|sec| sec.start <= n)
                    .filter(|sec| sec.lang != deck.meta.lang)
                    .map(|sec| sec.lang.clone()),
                intro: if deck_title {
                    intro.clone()
                } else {
                    String::new()
                },
                body,
                notes: blocks_html_notes(&s.all_notes(), ctx),
                attrs: look::section_attrs(&s.look),
                background: look::background_html(&s.look, ctx),
            }
        })
        .collect();
    if take == usize::MAX {
        footnotes.finish(first_ctx);
    }
    views
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn blocks_html_notes(notes: &[&Block], ctx: &RenderCtx) -> String {
    let mut out = String::new();
    for n in notes {
        if let Block::Notes { events, lines, .. } = n {
            out.push_str(&inline_html_in(events, lines.start, ctx));
        }
    }
    out
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
    Ok(render_deck_page(deck, &deck_views(deck, assets, diags), assets)?.html)
}

/// Hash of one slide's rendered parts. Its position (`id`, `N of M`) and
/// source lines are left out: text inserted above a slide moves its lines
/// but does not change it.
pub fn slide_hash(s: &SlideView) -> String {
    let mut h = Fields(blake3::Hasher::new());
    h.view(s, false);
    short_hash(h.0.finalize())
}

fn short_hash(h: blake3::Hash) -> String {
    h.to_hex()[..16].to_string()
}

/// Renders a page template; with `live`, renders it once as built to hash
/// it, then again with the live-reload parameters. `size`: about the
/// bytes the page will take, reserved at once (a deck page grown from the
/// template's own hint was copied a dozen times over as it grew).
fn render_live<T: Template>(
    key: &str,
    live: bool,
    slides: Vec<String>,
    size: usize,
    make: impl Fn(Option<LiveParams>) -> T,
) -> Result<Rendered, Error> {
    let render = |t: T, size: usize| -> Result<String, Error> {
        let mut page = String::with_capacity(size);
        t.render_into(&mut page)?;
        Ok(page)
    };
    let built = render(make(None), size)?;
    if !live {
        return Ok(Rendered {
            html: built,
            digest: PageDigest::built(slides),
        });
    }
    let version = short_hash(blake3::hash(built.as_bytes()));
    let params = LiveParams {
        page: key.to_string(),
        version: version.clone(),
        slides: slides.join(" "),
        js: LIVE_JS,
    };
    let size = built.len() + params.slides.len() + LIVE_JS.len() + 1024;
    Ok(Rendered {
        html: render(make(Some(params)), size)?,
        digest: PageDigest { version, slides },
    })
}

/// A page as rendered, the large fixed parts it was given (the theme's
/// style, the runtime's style and script: 26 of a deck's 28 KB) lent
/// rather than copied into it, for a build to write as they are.
#[derive(Debug, Default)]
pub struct PageSlices<'a> {
    /// What was rendered around the lent parts.
    own: String,
    parts: Vec<Part<'a>>,
}

#[derive(Debug)]
enum Part<'a> {
    /// `own` up to this offset, from the last part's end.
    Own(usize),
    Lent(&'a str),
}

impl<'a> PageSlices<'a> {
    /// A page rendered whole.
    pub fn whole(html: String) -> Self {
        PageSlices {
            parts: vec![Part::Own(html.len())],
            own: html,
        }
    }

    /// The page's text, in order.
    pub fn slices(&self) -> Vec<&str> {
        let mut at = 0;
        self.parts
            .iter()
            .map(|p| match *p {
                Part::Own(end) => {
                    let s = self.own.get(at..end).unwrap_or_default();
                    at = end;
                    s
                }
                Part::Lent(s) => s,
            })
            .collect()
    }

    pub fn into_string(self) -> String {
        match self.parts[..] {
            [] => String::new(),
            [Part::Own(_)] => self.own,
            _ => self.slices().concat(),
        }
    }
}

/// Renders into [`PageSlices`]: a write of one of the `lent` texts
/// themselves (the template writes a `|safe` field's `str` through as it
/// is) is kept as that text, everything else copied. Were a template to
/// write one in pieces, they would only be copied.
struct Lending<'a> {
    page: PageSlices<'a>,
    lent: [&'a str; 3],
    /// Where the last part of `own` ended.
    closed: usize,
}

impl<'a> Lending<'a> {
    fn new(lent: [&'a str; 3], size: usize) -> Self {
        Lending {
            page: PageSlices {
                own: String::with_capacity(size),
                parts: Vec::with_capacity(8),
            },
            lent,
            closed: 0,
        }
    }

    fn done(mut self) -> PageSlices<'a> {
        self.close_own();
        self.page
    }

    /// Ends the text rendered since the last part as a part of its own.
    fn close_own(&mut self) {
        if self.page.own.len() > self.closed {
            self.closed = self.page.own.len();
            self.page.parts.push(Part::Own(self.closed));
        }
    }
}

impl std::fmt::Write for Lending<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let lent = self
            .lent
            .iter()
            .find(|l| !l.is_empty() && std::ptr::eq(l.as_ptr(), s.as_ptr()) && l.len() == s.len());
        match lent {
            Some(&l) => {
                self.close_own();
                self.page.parts.push(Part::Lent(l));
            }
            None => self.page.own.push_str(s),
        }
        Ok(())
    }
}

/// A deck's own page from its rendered slides, linked to the talks before
/// and after it so presenting runs from one deck into the next; also
/// returns the page's digest (slide hashes) for live patching.
pub fn render_deck_page(
    deck: &Deck,
    slides: &[SlideView],
    assets: &Assets,
) -> Result<Rendered, Error> {
    render_deck_page_with(deck, slides, css::Features::of(slides), assets)
}

/// [`render_deck_page`] with the features its slides use, found already.
pub fn render_deck_page_with(
    deck: &Deck,
    slides: &[SlideView],
    features: css::Features,
    assets: &Assets,
) -> Result<Rendered, Error> {
    let (page, digest) = render_deck_slices(deck, slides, features, assets, false)?;
    Ok(Rendered {
        html: page.into_string(),
        digest,
    })
}

/// [`render_deck_page_with`] in slices: with `lend`, the page's fixed style
/// and script lent, not copied (but for a live page, whose version hashes
/// it whole); without, one slice.
pub fn render_deck_slices<'a>(
    deck: &Deck,
    slides: &[SlideView],
    features: css::Features,
    assets: &'a Assets,
    lend: bool,
) -> Result<(PageSlices<'a>, PageDigest), Error> {
    let up = "../".repeat(deck.path.matches('/').count());
    let plan = crate::recap::plan(std::slice::from_ref(deck), None)
        .and_then(|mut p| p.pop())
        .unwrap_or_default();
    let hashes: Vec<String> = if assets.live {
        slides.iter().map(slide_hash).collect()
    } else {
        Vec::new()
    };
    let theme_css = assets.theme_css(&deck.meta.theme)?;
    let title = format!("{} · {}", deck.title.text.trim(), deck.group.name);
    let runtime_css = features.css();
    // The page's fixed parts, each slide's and a little for the markup
    // around them.
    let fixed = theme_css.len() + runtime_css.len() + RUNTIME_JS.len();
    let size = fixed + 4096 + slides.iter().map(SlideView::bytes).sum::<usize>();
    let page = |live: Option<LiveParams>| DeckPage {
        lang: &deck.meta.lang,
        theme: &deck.meta.theme,
        aspect: &deck.meta.aspect,
        incremental: deck.meta.incremental,
        title: title.clone(),
        csp: if live.is_some() { LIVE_CSP } else { CSP },
        theme_css,
        runtime_css,
        runtime_js: RUNTIME_JS,
        index_href: format!("{up}index.html"),
        prev_href: deck.prev.as_ref().map(|l| format!("{up}{}", l.path)),
        next_href: deck.next.as_ref().map(|l| format!("{up}{}", l.path)),
        next_title: deck.next.as_ref().map(|l| l.title.clone()),
        slides,
        plan: plan.clone(),
        live,
    };
    if assets.live {
        let r = render_live(&deck.path, true, hashes, size, page)?;
        return Ok((PageSlices::whole(r.html), r.digest));
    }
    let mut out = match lend {
        true => Lending::new([theme_css, runtime_css, RUNTIME_JS], size - fixed),
        false => Lending::new([""; 3], size),
    };
    page(None).render_into(&mut out)?;
    Ok((out.done(), PageDigest::built(hashes)))
}

pub struct IndexDeck {
    pub title: String,
    /// Its theme's key: the miniature shows in it.
    pub theme: String,
    pub href: String,
    pub slides: usize,
    pub byline: Option<String>,
    /// Who noted the talk.
    pub noted_by: Option<String>,
    pub thumb: std::sync::Arc<SlideView>,
}

pub struct IndexGroup {
    pub name: String,
    pub intro: String,
    pub decks: Vec<IndexDeck>,
}

/// A page's `<!doctype>` and `<head>`: the same for a deck, the index
/// and the show.
#[derive(Template)]
#[template(path = "head.html")]
pub(crate) struct Head<'a> {
    pub(crate) lang: &'a str,
    pub(crate) theme: &'a str,
    pub(crate) csp: &'a str,
    pub(crate) title: &'a str,
    pub(crate) theme_css: &'a str,
    pub(crate) runtime_css: &'a str,
}

/// The index's top, down to `<main>`, after its [`Head`].
#[derive(Template)]
#[template(path = "index_top.html")]
struct IndexTop<'a> {
    title: &'a str,
    dates: &'a str,
    team: &'a str,
    total_slides: usize,
    total_decks: usize,
    recap_href: &'a str,
    read_href: &'a str,
}

/// A group's opening on the index, before its cards.
#[derive(Template)]
#[template(path = "index_group.html")]
struct IndexGroupTop<'a> {
    name: &'a str,
    intro: &'a str,
    card_h: &'a str,
}

/// One talk's card on the index.
#[derive(Template)]
#[template(path = "index_card.html")]
struct IndexCard<'a> {
    d: &'a IndexDeck,
    card_h: &'a str,
}

#[derive(Template)]
#[template(path = "index_group_end.html")]
struct IndexGroupEnd;

#[derive(Template)]
#[template(path = "index_tail.html")]
struct IndexTail<'a> {
    live: &'a Option<LiveParams>,
}

/// The recap index, built as a whole or in parts: its head, each group's
/// opening, cards and end ([`IndexParts`]), then its tail.
struct IndexPage<'a> {
    lang: &'a str,
    theme: &'a str,
    title: String,
    csp: &'a str,
    theme_css: &'a str,
    runtime_css: &'a str,
    groups: &'a [IndexGroup],
    total_slides: usize,
    total_decks: usize,
    dates: String,
    team: String,
    recap_href: &'a str,
    read_href: &'a str,
    live: Option<LiveParams>,
}

/// The recap's home page: the event, a link to present the whole recap,
/// then groups and their talks in recap order.
pub fn render_index(decks: &[Deck], title: &str, assets: &Assets) -> Result<String, Error> {
    Ok(render_index_page(decks, title, assets)?.html)
}

/// Like [`render_index`], also returning the page's digest.
pub fn render_index_page(decks: &[Deck], title: &str, assets: &Assets) -> Result<Rendered, Error> {
    use rayon::prelude::*;
    let thumbs: Vec<Option<std::sync::Arc<SlideView>>> = decks
        .par_iter()
        .map(|d| thumb_view(d).map(std::sync::Arc::new))
        .collect();
    let css = thumbs
        .iter()
        .flatten()
        .fold(IndexParts::features(), |f, t| {
            f | css::Features::of_slide(t)
        });
    render_index_with(decks, &thumbs, css, title, assets)
}

/// The index's card for deck `d`, its miniature `thumb`.
fn index_deck(d: &Deck, thumb: std::sync::Arc<SlideView>) -> IndexDeck {
    let presenters = d.presenters();
    IndexDeck {
        title: d.title.text.trim().to_string(),
        theme: recap::theme_key(&d.meta.theme),
        href: d.path.clone(),
        slides: d.slides.len(),
        byline: d.meta.byline(),
        noted_by: (!presenters.is_empty()).then(|| crate::recap::names(&presenters)),
        thumb,
    }
}

/// A group of the index as it opens: name and intro.
fn index_group(d: &Deck) -> IndexGroup {
    IndexGroup {
        name: d.group.name.clone(),
        intro: blocks_html(&d.group.intro),
        decks: Vec::new(),
    }
}

/// Whether deck `i` opens a group: on the index and in the reading copy
/// (which shows the group's intro there) alike.
pub fn opens_group(decks: &[Deck], i: usize) -> bool {
    i == 0 || !std::sync::Arc::ptr_eq(&decks[i - 1].group, &decks[i].group)
}

/// A card's title is a heading one below its group's, which is shown
/// only when it says more than the page title: never a level skipped.
fn card_heading(groups: usize, name: &str, title: &str) -> &'static str {
    if groups > 1 || name != title {
        "h3"
    } else {
        "h2"
    }
}

/// [`render_index_page`] with each deck's [`thumb_view`] given (a
/// rebuild keeps those of unchanged decks) and the runtime features the
/// page and its miniatures use.
pub fn render_index_with(
    decks: &[Deck],
    thumbs: &[Option<std::sync::Arc<SlideView>>],
    css: css::Features,
    title: &str,
    assets: &Assets,
) -> Result<Rendered, Error> {
    let mut groups: Vec<IndexGroup> = Vec::new();
    // The card is one link, so its miniature must hold none (nested
    // anchors get split by the HTML parser): the intro stays off it.
    for (i, (d, thumb)) in decks.iter().zip(thumbs).enumerate() {
        if opens_group(decks, i) {
            groups.push(index_group(d));
        }
        if let (Some(g), Some(thumb)) = (groups.last_mut(), thumb.clone()) {
            g.decks.push(index_deck(d, thumb));
        }
    }
    let runtime_css = css.css();
    let theme_css = recap::themes_css(decks, assets)?;
    let total_slides = decks.iter().map(|d| d.slides.len()).sum();
    let page = IndexPage::new(decks, title, &theme_css, runtime_css, total_slides, &groups);
    if !assets.live {
        return Ok(Rendered {
            html: page.render()?,
            digest: PageDigest::default(),
        });
    }
    // The index is large: its version comes from what it is rendered
    // from rather than from rendering it a second time.
    let version = page.version();
    let page = IndexPage {
        csp: LIVE_CSP,
        live: Some(LiveParams {
            page: "index.html".to_string(),
            version: version.clone(),
            slides: String::new(),
            js: LIVE_JS,
        }),
        ..page
    };
    Ok(Rendered {
        html: page.render()?,
        digest: PageDigest {
            version,
            slides: Vec::new(),
        },
    })
}

impl<'a> IndexPage<'a> {
    fn new(
        decks: &'a [Deck],
        title: &str,
        theme_css: &'a str,
        runtime_css: &'a str,
        total_slides: usize,
        groups: &'a [IndexGroup],
    ) -> Self {
        let (lang, theme) = decks.first().map_or(("en", "light"), |d| {
            (d.meta.lang.as_str(), d.meta.theme.as_str())
        });
        IndexPage {
            lang,
            theme,
            title: title.to_string(),
            csp: CSP,
            theme_css,
            runtime_css,
            total_slides,
            total_decks: decks.len(),
            groups,
            dates: crate::recap::dates(decks).join(" – "),
            team: crate::recap::names(&crate::recap::team(decks)),
            recap_href: recap::RECAP_PAGE,
            read_href: read::READ_PAGE,
            live: None,
        }
    }

    /// Everything before the first group.
    fn head(&self) -> Result<String, Error> {
        let head = Head {
            lang: self.lang,
            theme: self.theme,
            csp: self.csp,
            title: &self.title,
            theme_css: self.theme_css,
            runtime_css: self.runtime_css,
        };
        let top = IndexTop {
            title: &self.title,
            dates: &self.dates,
            team: &self.team,
            total_slides: self.total_slides,
            total_decks: self.total_decks,
            recap_href: self.recap_href,
            read_href: self.read_href,
        };
        let mut out = head.render()?;
        top.render_into(&mut out)?;
        Ok(out)
    }

    fn tail(&self) -> Result<String, Error> {
        Ok(IndexTail { live: &self.live }.render()?)
    }

    fn render(&self) -> Result<String, Error> {
        let mut out = self.head()?;
        let mut parts = IndexParts::new(self.groups.len(), &self.title);
        for g in self.groups {
            out.push_str(&parts.group(g)?);
            for d in &g.decks {
                out.push_str(&parts.card(d)?);
            }
        }
        out.push_str(&parts.end()?);
        out.push_str(&self.tail()?);
        Ok(out)
    }
}

/// The index's groups and cards, one part at a time, in order: what a
/// streamed build writes as each deck finishes, before the head (which
/// counts every slide) is known.
pub struct IndexParts {
    groups: usize,
    title: String,
    /// The heading level of the open group's cards; none before the first.
    card_h: Option<&'static str>,
}

impl IndexParts {
    /// Parts for an index of `groups` groups titled `title`.
    pub fn new(groups: usize, title: &str) -> Self {
        IndexParts {
            groups,
            title: title.to_string(),
            card_h: None,
        }
    }

    /// The index's groups for `decks`.
    pub fn count_groups(decks: &[Deck]) -> usize {
        (0..decks.len()).filter(|&i| opens_group(decks, i)).count()
    }

    /// What the index's own styles need, before any miniature's.
    pub fn features() -> css::Features {
        css::Features::default().with("index")
    }

    fn group(&mut self, g: &IndexGroup) -> Result<String, Error> {
        let mut out = self.end()?;
        let card_h = card_heading(self.groups, &g.name, &self.title);
        IndexGroupTop {
            name: &g.name,
            intro: &g.intro,
            card_h,
        }
        .render_into(&mut out)?;
        self.card_h = Some(card_h);
        Ok(out)
    }

    fn card(&self, d: &IndexDeck) -> Result<String, Error> {
        Ok(IndexCard {
            d,
            card_h: self.card_h.unwrap_or("h3"),
        }
        .render()?)
    }

    /// Closes the open group, if any.
    pub fn end(&mut self) -> Result<String, Error> {
        match self.card_h.take() {
            Some(_) => Ok(IndexGroupEnd.render()?),
            None => Ok(String::new()),
        }
    }

    /// Deck `i` of `decks` on the index, its miniature `thumb` (none: no
    /// card, as a deck without slides has none): its group's opening
    /// first when it opens one.
    pub fn deck(
        &mut self,
        decks: &[Deck],
        i: usize,
        thumb: Option<std::sync::Arc<SlideView>>,
    ) -> Result<String, Error> {
        let mut out = String::new();
        if opens_group(decks, i) {
            out = self.group(&index_group(&decks[i]))?;
        }
        if let Some(thumb) = thumb {
            out.push_str(&self.card(&index_deck(&decks[i], thumb))?);
        }
        Ok(out)
    }
}

/// The index's head and tail around the parts [`IndexParts`] gave:
/// `thumbs_css` the styles its miniatures need (from
/// [`IndexParts::features`] and each miniature's).
pub fn index_head_tail(
    decks: &[Deck],
    title: &str,
    assets: &Assets,
    thumbs_css: css::Features,
) -> Result<(String, String), Error> {
    let theme_css = recap::themes_css(decks, assets)?;
    let runtime_css = thumbs_css.css();
    let total_slides = decks.iter().map(|d| d.slides.len()).sum();
    let page = IndexPage::new(decks, title, &theme_css, runtime_css, total_slides, &[]);
    Ok((page.head()?, page.tail()?))
}

impl IndexPage<'_> {
    /// A hash of everything the page as `build` writes it is made from
    /// (its template is part of this binary): equal exactly when that
    /// page is.
    fn version(&self) -> String {
        let mut h = Fields(blake3::Hasher::new());
        h.str(env!("CARGO_PKG_VERSION"));
        for t in [
            include_str!("../../templates/head.html"),
            include_str!("../../templates/index_top.html"),
            include_str!("../../templates/index_group.html"),
            include_str!("../../templates/index_card.html"),
            include_str!("../../templates/index_group_end.html"),
            include_str!("../../templates/index_tail.html"),
            include_str!("../../templates/slide.html"),
        ] {
            h.str(t);
        }
        let IndexPage {
            lang,
            theme,
            title,
            csp: _,
            theme_css,
            runtime_css,
            groups,
            total_slides,
            total_decks,
            dates,
            team,
            recap_href,
            read_href,
            live: _,
        } = self;
        for s in [
            lang,
            theme,
            title.as_str(),
            theme_css,
            runtime_css,
            dates,
            team,
            recap_href,
            read_href,
        ] {
            h.str(s);
        }
        h.num(*total_slides);
        h.num(*total_decks);
        h.num(groups.len());
        for IndexGroup { name, intro, decks } in groups.iter() {
            h.str(name);
            h.str(intro);
            h.num(decks.len());
            for d in decks {
                let IndexDeck {
                    title,
                    theme,
                    href,
                    slides,
                    byline,
                    noted_by,
                    thumb,
                } = d;
                for s in [title, theme, href] {
                    h.str(s);
                }
                h.num(*slides);
                h.opt(byline);
                h.opt(noted_by);
                h.view(thumb, true);
            }
        }
        short_hash(h.0.finalize())
    }
}

/// Length-prefixed fields into a hash, so no two field lists collide.
struct Fields(blake3::Hasher);

impl Fields {
    fn str(&mut self, s: &str) {
        self.num(s.len());
        self.0.update(s.as_bytes());
    }
    fn num(&mut self, n: usize) {
        self.0.update(&(n as u64).to_le_bytes());
    }
    fn opt(&mut self, s: &Option<String>) {
        match s {
            Some(s) => {
                self.num(1);
                self.str(s);
            }
            None => self.num(0),
        }
    }
    /// Every field of a slide, each named so a new one cannot be left
    /// out; its source lines only `with_lines` ([`slide_hash`] leaves
    /// them out: the page copies them over on a patch).
    fn view(&mut self, v: &SlideView, with_lines: bool) {
        let SlideView {
            is_title,
            dense,
            lines,
            group,
            heading,
            event,
            byline,
            noted_by,
            section,
            lang,
            intro,
            body,
            notes,
            attrs,
            background,
        } = v;
        self.num(usize::from(*is_title));
        self.num(usize::from(*dense));
        if with_lines {
            self.str(lines);
        }
        for s in [group, heading, intro, body, notes, attrs, background] {
            self.str(s);
        }
        for s in [event, byline, noted_by, section, lang] {
            self.opt(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A built deck's page lends its theme's style, its runtime style and
    /// the runtime script (askama writes a `|safe` field through whole), and
    /// reads as the template rendered with nothing lent.
    #[test]
    fn a_deck_page_lends_its_fixed_parts_and_reads_as_rendered_whole() {
        let src = crate::source::SourceFile::new("a.md", "# Day\n\n## Talk\n\n- a `b`\n- c\n");
        let site = crate::Compiler::once(crate::BuildOptions::default())
            .build_sources(vec![src], Vec::new())
            .expect("build");
        let deck = &site.project.decks[0];
        let assets = Assets {
            themes: crate::services::theme::Themes::builtin(),
            no_notes: false,
            live: false,
        };
        let views = slide_views(deck);
        let features = css::Features::of(&views);
        let (page, _) = render_deck_slices(deck, &views, features, &assets, true).expect("render");
        let slices = page.slices();
        let theme = assets.theme_css(&deck.meta.theme).expect("theme");
        for lent in [theme, features.css(), RUNTIME_JS] {
            assert!(
                slices
                    .iter()
                    .any(|s| std::ptr::eq(s.as_ptr(), lent.as_ptr()) && s.len() == lent.len()),
                "{} bytes not lent",
                lent.len()
            );
        }
        let own: usize = slices.iter().map(|s| s.len()).sum::<usize>()
            - theme.len()
            - features.css().len()
            - RUNTIME_JS.len();
        assert!(own < 4096, "{own} bytes rendered around them");
        // The template rendered with nothing lent, as into a `String`.
        let (copied, _) =
            render_deck_slices(deck, &views, features, &assets, false).expect("render");
        let [whole] = &copied.slices()[..] else {
            panic!("nothing lent, one part: {copied:?}");
        };
        assert!(whole.starts_with("<!doctype html>") && whole.trim_end().ends_with("</html>"));
        assert_eq!(slices.concat(), *whole);
        assert_eq!(page.into_string(), *whole);
    }

    #[test]
    fn runtime_css_has_every_size_filled() {
        let template = concat!(
            include_str!("assets/runtime.css"),
            include_str!("assets/rich.css")
        );
        for (name, _) in crate::layout::sizes::CSS {
            assert!(
                template.contains(&format!("@{name}@")),
                "{name} is not used"
            );
        }
        let left = css::Features::ALL.css();
        let left = left.split('@').skip(1).step_by(2).find(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        });
        assert_eq!(left, None, "a size with no value in layout::sizes");
    }

    #[test]
    fn a_slide_hash_sees_every_shown_field_but_not_its_lines() {
        let base = SlideView {
            heading: "Title".into(),
            body: "<p>text</p>".into(),
            lines: "3-9".into(),
            ..Default::default()
        };
        let h = slide_hash(&base);
        let moved = SlideView {
            lines: "5-11".into(),
            ..base.clone()
        };
        assert_eq!(slide_hash(&moved), h);
        for changed in [
            SlideView {
                dense: true,
                ..base.clone()
            },
            SlideView {
                noted_by: Some("Ana".into()),
                ..base.clone()
            },
            SlideView {
                section: Some("Ben's notes".into()),
                ..base.clone()
            },
            SlideView {
                lang: Some("pt-BR".into()),
                ..base.clone()
            },
            SlideView {
                body: "<p>text!</p>".into(),
                ..base.clone()
            },
        ] {
            assert_ne!(slide_hash(&changed), h, "{changed:?}");
        }
    }
}
