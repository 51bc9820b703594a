//! Blocks and inline events → HTML through pulldown-cmark's writer. Rich
//! content is an event transform before `push_html` (code, math, images,
//! bare links); a fragment holding raw HTML from the notes is then
//! sanitized as a whole, any other is written as the sanitizer would
//! leave it (links, table cells) without parsing it again (issue #30).

use super::{links, math};
use crate::diag::{Anchor, Diagnostic, Positions};
use crate::layout::measure::size_token;
use crate::outline::{Block, CodeInfo, Item};
use crate::services::escape::{escape, escape_into, escape_text};
use crate::services::highlight::{highlight, highlight_lines};
use crate::services::images::{self, clip, image_problem, Image};
use crate::services::sanitize::{self, is_safe_url};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Tag, TagEnd};
use std::cell::RefCell;
use std::path::{Path, PathBuf};

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
    /// What `diags` holds, for finding duplicates in constant time.
    seen: RefCell<std::collections::HashSet<Diagnostic>>,
    /// Image files the fragment named (read or missing), for the watcher
    /// and the cache: a change to one re-renders the deck.
    pub images: RefCell<Vec<PathBuf>>,
    /// Where the notes' images, links and blocks stand: warnings' columns.
    pub positions: Option<&'a Positions>,
    /// Footnote numbering of the slide being rendered, if any.
    footnotes: RefCell<Option<FootnoteScope>>,
    /// Largest image embedded (`[build] max_image_mib`); `None`: the
    /// default cap.
    pub image_cap: Option<crate::source::Cap>,
}

/// One slide's footnotes: labels (with the line citing them) in order of
/// first reference, numbered from 1 on each slide.
#[derive(Debug, Default)]
struct FootnoteScope {
    slide: usize,
    labels: Vec<(String, u32)>,
}

/// A deck's footnote definitions, wherever they were written.
#[derive(Debug, Default)]
pub struct Footnotes<'a> {
    defs: Vec<(&'a str, &'a Block)>,
    /// Labels some slide cited.
    used: RefCell<Vec<String>>,
}

impl<'a> Footnotes<'a> {
    pub fn of(slides: &'a [crate::deck::Slide]) -> Self {
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<(&'a str, &'a Block)>) {
            for b in blocks {
                match b {
                    Block::List { items, .. } => {
                        for i in items {
                            walk(&i.children, out);
                        }
                    }
                    _ => {
                        if let Some(l) = b.footnote_label() {
                            if !out.iter().any(|(o, _)| *o == l) {
                                out.push((l, b));
                            }
                        }
                    }
                }
            }
        }
        let mut defs = Vec::new();
        for s in slides {
            walk(&s.body, &mut defs);
            walk(&s.notes, &mut defs);
        }
        Footnotes {
            defs,
            used: RefCell::new(Vec::new()),
        }
    }

    /// Warns about definitions no slide cited (they are shown nowhere).
    pub fn finish(&self, ctx: &RenderCtx) {
        let used = self.used.borrow();
        for (label, b) in &self.defs {
            if !used.iter().any(|u| u == label) {
                ctx.warn(
                    b.lines().start,
                    format!(
                        "footnote [^{}] is never cited; it is not shown",
                        clip(label)
                    ),
                );
            }
        }
    }
}

impl<'a> RenderCtx<'a> {
    pub fn new(source: &'a Path, allow_html: bool) -> Self {
        RenderCtx {
            source: Some(source),
            allow_html,
            diags: RefCell::new(Vec::new()),
            seen: RefCell::new(Default::default()),
            images: RefCell::new(Vec::new()),
            positions: None,
            footnotes: RefCell::new(None),
            image_cap: None,
        }
    }

    /// The context with the project's image cap.
    pub fn with_image_cap(mut self, cap: crate::source::Cap) -> Self {
        self.image_cap = Some(cap);
        self
    }

    pub fn with_positions(self, positions: &'a Positions) -> Self {
        RenderCtx {
            positions: Some(positions),
            ..self
        }
    }

    /// Starts numbering footnote references for slide `n` (1-based).
    pub fn begin_slide(&self, n: usize) {
        *self.footnotes.borrow_mut() = Some(FootnoteScope {
            slide: n,
            labels: Vec::new(),
        });
    }

    /// Ends the slide: the footnotes it cited, as a list for its foot
    /// (empty when none). Ids are `fn-SLIDE-N`, which cannot be taken for
    /// a slide number (`#3`, `#slide-3`).
    pub fn end_slide(&self, defs: &Footnotes) -> String {
        let mut items = String::new();
        let mut i = 0;
        loop {
            // A definition may cite another footnote, which joins the list.
            let (slide, label, line) = match self.footnotes.borrow().as_ref() {
                Some(s) if i < s.labels.len() => (s.slide, s.labels[i].0.clone(), s.labels[i].1),
                _ => break,
            };
            i += 1;
            let text = match defs.defs.iter().find(|(l, _)| *l == label) {
                Some((_, Block::Other { events, lines, .. })) => {
                    defs.used.borrow_mut().push(label.clone());
                    let inner = &events[1..events.len().saturating_sub(1)];
                    let mut evs = Vec::new();
                    push_lines(inner, lines.start, &mut evs);
                    render(evs, self)
                }
                _ => {
                    self.warn_at(
                        line,
                        &Anchor::Footnote(label.clone()),
                        format!(
                            "footnote [^{}] has no definition in this talk",
                            clip(&label)
                        ),
                    );
                    format!("[^{}]", escape(&label))
                }
            };
            items.push_str(&format!("<li id=\"fn-{slide}-{i}\">{text}</li>\n"));
        }
        *self.footnotes.borrow_mut() = None;
        if items.is_empty() {
            return items;
        }
        format!("<footer class=\"slide-footnotes\" aria-label=\"Footnotes\"><ol>\n{items}</ol></footer>\n")
    }

    pub(crate) fn warn(&self, line: u32, message: String) {
        self.warn_at(line, &Anchor::Block, message);
    }

    /// A warning about `a` on `line`, at its column when known.
    fn warn_at(&self, line: u32, a: &Anchor, message: String) {
        if let Some(path) = self.source {
            let d = match self.positions {
                Some(p) => p.warning(path, (line, line), a, message),
                None => Diagnostic::warning(path, line, message),
            };
            if self.seen.borrow_mut().insert(d.clone()) {
                self.diags.borrow_mut().push(d);
            }
        }
    }

    /// The warnings collected so far, in order, without duplicates.
    pub fn take_diagnostics(&self) -> Vec<Diagnostic> {
        self.seen.borrow_mut().clear();
        std::mem::take(&mut *self.diags.borrow_mut())
    }

    /// The image files named so far.
    pub fn take_images(&self) -> Vec<PathBuf> {
        let mut seen = std::collections::HashSet::new();
        let mut all = std::mem::take(&mut *self.images.borrow_mut());
        all.retain(|p| seen.insert(p.clone()));
        all
    }
}

pub fn blocks_html(blocks: &[Block]) -> String {
    blocks_html_in(blocks, &RenderCtx::default())
}

pub fn blocks_html_in(blocks: &[Block], ctx: &RenderCtx) -> String {
    blocks_html_under(blocks, ctx, 2)
}

/// Blocks under a heading of level `top` (a title slide's `h1`, a content
/// slide's `h2`): their headings step down from it one level at a time,
/// so a screen reader's outline never skips a level (`# T` then `### s`
/// on a title slide is an `h2`).
pub fn blocks_html_under(blocks: &[Block], ctx: &RenderCtx, top: u8) -> String {
    let mut events = Vec::new();
    push_blocks(blocks, &mut events);
    let mut prev = top;
    let mut open = Vec::new();
    for (e, _) in &mut events {
        match e {
            Event::Start(Tag::Heading { level, .. }) => {
                let want = (*level as u8).max(top + 1).min(prev + 1).min(6);
                *level = heading_level(want);
                prev = want;
                open.push(*level);
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(l) = open.pop() {
                    *level = l;
                }
            }
            _ => {}
        }
    }
    render(events, ctx)
}

/// Whether `blocks` render the same under any heading and on any slide:
/// they hold no heading (stepped down from the one above) and cite no
/// footnote (numbered by slide); nothing else a render reads varies.
/// Walks the blocks as [`push_blocks`] does, without collecting events.
pub fn alike_anywhere(blocks: &[Block]) -> bool {
    let alike = |events: &[Event<'static>]| {
        !events.iter().any(|e| {
            matches!(
                e,
                Event::Start(Tag::Heading { .. }) | Event::FootnoteReference(_)
            )
        })
    };
    blocks.iter().all(|b| match b {
        Block::List { items, .. } => items
            .iter()
            .all(|i| alike(&i.head.events) && alike_anywhere(&i.children)),
        Block::Heading { .. } => false,
        Block::Other { events, .. } => alike(events),
        Block::Break { .. } | Block::Notes { .. } => true,
    })
}

fn heading_level(n: u8) -> pulldown_cmark::HeadingLevel {
    match n {
        1 => pulldown_cmark::HeadingLevel::H1,
        2 => pulldown_cmark::HeadingLevel::H2,
        3 => pulldown_cmark::HeadingLevel::H3,
        4 => pulldown_cmark::HeadingLevel::H4,
        5 => pulldown_cmark::HeadingLevel::H5,
        _ => pulldown_cmark::HeadingLevel::H6,
    }
}

pub fn inline_html(events: &[Event<'static>]) -> String {
    events_html(events.iter().cloned())
}

pub fn inline_html_in(events: &[Event<'static>], line: u32, ctx: &RenderCtx) -> String {
    render(events.iter().map(|e| (borrowed(e), line)).collect(), ctx)
}

pub fn events_html<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let events = events.map(|e| (e.into_static(), 0)).collect();
    render(events, &RenderCtx::default())
}

/// Events (each with its source line) → safe HTML.
fn render(events: Vec<(Event<'_>, u32)>, ctx: &RenderCtx) -> String {
    render_with(events, ctx, true)
}

/// [`render`]; `fast`: a fragment without raw HTML from the notes skips
/// the sanitizer (its events are written as the sanitizer would leave
/// them, see [`writable`]). Raw HTML anywhere counts, even in an image's
/// alt text, which a remote image turns into link text.
fn render_with(events: Vec<(Event<'_>, u32)>, ctx: &RenderCtx, fast: bool) -> String {
    let fast = fast
        && !events
            .iter()
            .any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
        && balanced(events.iter().map(|(e, _)| e));
    let mut events = merge_text(events);
    align_numbers(&mut events);
    let (events, raw_html, raw_imgs) = transform(events, ctx, !fast);
    let mut out = String::new();
    if fast && writable(&events) {
        pulldown_cmark::html::push_html(&mut out, as_sanitized(events));
        return out;
    }
    pulldown_cmark::html::push_html(&mut out, events.into_iter().map(make_safe));
    sanitize::clean_with_images(&out, ctx.allow_html && raw_html, raw_imgs)
}

/// Whether events holding no raw HTML from the notes can be written
/// without the sanitizer. Then every `Html`/`InlineHtml` is notedeck's
/// own (escaped text, filtered URLs, sanitized MathML), and
/// pulldown-cmark writes only allowlisted tags and attributes for the
/// rest, except: `<a>` (written by [`as_sanitized`]), `<img src>`
/// (checked here), heading attributes and events `transform` replaces
/// (never expected here). Unbalanced events could close elements of the
/// page; the sanitizer balances them.
fn writable(events: &[Event<'_>]) -> bool {
    for e in events {
        match e {
            Event::Start(Tag::Heading {
                id, classes, attrs, ..
            }) if id.is_some() || !classes.is_empty() || !attrs.is_empty() => return false,
            Event::Start(
                Tag::CodeBlock(_) | Tag::FootnoteDefinition(_) | Tag::MetadataBlock(_),
            )
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => return false,
            Event::Start(Tag::Image { dest_url, .. }) => {
                let src = written_url(LinkType::Inline, dest_url, true);
                if sanitize::url_kept("img", "src", &src).as_deref() != Some(src.as_str()) {
                    return false;
                }
            }
            _ => {}
        }
    }
    balanced(events)
}

/// Whether every End closes the last open Start, and none is left open
/// (then notedeck's own paired snippets, a footnote's `<div>`, pair too).
fn balanced<'e, 'a: 'e>(events: impl IntoIterator<Item = &'e Event<'a>>) -> bool {
    let mut open: Vec<TagEnd> = Vec::new();
    for e in events {
        match e {
            Event::Start(tag) => open.push(tag.to_end()),
            // Pops in the guard.
            Event::End(end) if open.pop().as_ref() != Some(end) => return false,
            _ => {}
        }
    }
    open.is_empty()
}

/// [`writable`] events with what the sanitizer adds written on them:
/// links as `<a>` with the href filtered (or dropped) and `rel`, table
/// cells with the alignment style spelled as the sanitizer spells it.
fn as_sanitized<'a>(events: Vec<Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    // Inside an image: its alt text, written escaped, untouched.
    let mut in_image = 0usize;
    let mut aligns: Vec<pulldown_cmark::Alignment> = Vec::new();
    let (mut head, mut col) = (false, 0usize);
    events.into_iter().map(move |e| {
        if in_image > 0 {
            match e {
                Event::Start(_) => in_image += 1,
                Event::End(_) => in_image -= 1,
                _ => {}
            }
            return e;
        }
        match e {
            Event::Start(Tag::Image { .. }) => {
                in_image = 1;
                make_safe(e)
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let mut tag = String::from("<a");
                let href = written_url(link_type, &dest_url, false);
                if let Some(href) = sanitize::url_kept("a", "href", &href) {
                    tag.push_str(" href=\"");
                    escape_into(&mut tag, &href);
                    tag.push('"');
                }
                if !title.is_empty() {
                    tag.push_str(" title=\"");
                    escape_into(&mut tag, &title);
                    tag.push('"');
                }
                tag.push_str(&format!(" rel=\"{}\">", sanitize::LINK_REL));
                Event::InlineHtml(tag.into())
            }
            Event::End(TagEnd::Link) => Event::InlineHtml("</a>".into()),
            // pulldown-cmark writes `<br />`: the same element.
            Event::HardBreak => Event::InlineHtml("<br>\n".into()),
            Event::Start(Tag::Table(a)) => {
                aligns = a.clone();
                Event::Start(Tag::Table(a))
            }
            Event::Start(Tag::TableHead) => {
                (head, col) = (true, 0);
                e
            }
            Event::End(TagEnd::TableHead) => {
                head = false;
                e
            }
            Event::Start(Tag::TableRow) => {
                col = 0;
                e
            }
            Event::Start(Tag::TableCell) => {
                let cell = if head { "th" } else { "td" };
                let style = match aligns.get(col) {
                    Some(pulldown_cmark::Alignment::Left) => " style=\"text-align:left\"",
                    Some(pulldown_cmark::Alignment::Center) => " style=\"text-align:center\"",
                    Some(pulldown_cmark::Alignment::Right) => " style=\"text-align:right\"",
                    _ => "",
                };
                Event::InlineHtml(format!("<{cell}{style}>").into())
            }
            Event::End(TagEnd::TableCell) => {
                col += 1;
                Event::InlineHtml(if head { "</th>" } else { "</td>" }.into())
            }
            other => other,
        }
    })
}

/// A link's or image's URL as the sanitizer reads it from pulldown-cmark's
/// writer: [`make_safe`]'s, `mailto:` before an email address, then
/// percent-escaped (`escape_href`, whose `&amp;` and `&#x27;` the HTML
/// parser reads back as `&` and `'`).
fn written_url(link_type: LinkType, url: &str, image: bool) -> String {
    let url = safe_url(CowStr::Borrowed(url), image);
    let mut out = String::new();
    if link_type == LinkType::Email && !image {
        out.push_str("mailto:");
    }
    let _ = pulldown_cmark_escape::escape_href(&mut out, &url);
    if !out.contains('&') {
        return out;
    }
    // `&` only starts one of the two entities; `&amp;#x27;` holds no `&#x27;`.
    out.replace("&#x27;", "'").replace("&amp;", "&")
}

/// pulldown-cmark splits text at `_`, `[` and the like; URL detection
/// needs whole runs.
fn merge_text<'a>(events: Vec<(Event<'a>, u32)>) -> Vec<(Event<'a>, u32)> {
    /// The run being merged: a lone text is kept as it is (most are
    /// alone), a longer run goes into one growing buffer (copying the run
    /// at each piece made `a_`×n quadratic).
    enum Run<'a> {
        One(CowStr<'a>, u32),
        Many(String, u32),
    }
    fn flush<'a>(run: Option<Run<'a>>, out: &mut Vec<(Event<'a>, u32)>) {
        match run {
            Some(Run::One(t, l)) => out.push((Event::Text(t), l)),
            Some(Run::Many(s, l)) => out.push((Event::Text(s.into()), l)),
            None => {}
        }
    }
    // Most fragments have no two texts in a row: nothing to merge.
    let adjacent = events
        .windows(2)
        .any(|w| matches!((&w[0].0, &w[1].0), (Event::Text(_), Event::Text(_))));
    if !adjacent {
        return events;
    }
    let mut out: Vec<(Event<'a>, u32)> = Vec::with_capacity(events.len());
    let mut run: Option<Run<'a>> = None;
    for (ev, line) in events {
        match ev {
            Event::Text(t) => {
                run = Some(match run.take() {
                    None => Run::One(t, line),
                    Some(Run::One(a, l)) => Run::Many([&*a, &*t].concat(), l),
                    Some(Run::Many(mut s, l)) => {
                        s.push_str(&t);
                        Run::Many(s, l)
                    }
                });
            }
            other => {
                flush(run.take(), &mut out);
                out.push((other, line));
            }
        }
    }
    flush(run, &mut out);
    out
}

/// The rich-content pass. Returns the events for `push_html`, whether
/// raw HTML was present, and its `<img>` files to embed.
fn transform<'a>(
    events: Vec<(Event<'a>, u32)>,
    ctx: &RenderCtx,
    sanitized: bool,
) -> (Vec<Event<'a>>, bool, sanitize::ImageMap) {
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len());
    let mut raw_html = false;
    // Raw HTML the sanitizer will remove, per source line, for warnings.
    let mut dropped: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    let mut in_link = 0usize;
    // One entry per open container: whether its Start was kept.
    let mut nest: Vec<bool> = Vec::new();
    let mut kept = 0usize;
    // Open raw HTML elements (estimated), capped like containers.
    let mut html_depth = 0i64;
    let mut capped = false;
    let mut raw_imgs = sanitize::ImageMap::new();
    let solo = solo_image(&events);
    let mut it = events.into_iter().peekable();
    while let Some((ev, line)) = it.next() {
        if let Event::InlineHtml(h) = &ev {
            // Text inside a raw `<a>`, `<code>` or `<script>` is never
            // linked again (a link in a link, a broken script).
            in_link = (in_link as isize + raw_link_scope(h)).max(0) as usize;
        }
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
                let info = match &kind {
                    CodeBlockKind::Fenced(info) => CodeInfo::parse(info),
                    CodeBlockKind::Indented => CodeInfo::parse(""),
                };
                out.push(Event::Html(code_block(&info, &code).into()));
            }
            Event::FootnoteReference(label) => {
                let mut scope = ctx.footnotes.borrow_mut();
                let html = match scope.as_mut() {
                    Some(s) => {
                        let n = match s.labels.iter().position(|(l, _)| **l == *label) {
                            Some(i) => i + 1,
                            None => {
                                s.labels.push((label.to_string(), line));
                                s.labels.len()
                            }
                        };
                        format!(
                            "<sup class=\"fn-ref\"><a href=\"#fn-{}-{n}\" aria-label=\"footnote {n}\" rel=\"{}\">{n}</a></sup>",
                            s.slide,
                            sanitize::LINK_REL
                        )
                    }
                    None => format!("<sup class=\"fn-ref\">{}</sup>", escape(&label)),
                };
                out.push(Event::InlineHtml(html.into()));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                if ctx.footnotes.borrow().is_some() {
                    // Shown at the foot of the slides that cite it instead.
                    for (e, _) in it.by_ref() {
                        if matches!(e, Event::End(TagEnd::FootnoteDefinition)) {
                            break;
                        }
                    }
                } else {
                    out.push(Event::Html(
                        format!(
                            "<div class=\"footnote-definition\"><sup class=\"fn-label\">{}</sup>",
                            escape(&label)
                        )
                        .into(),
                    ));
                }
            }
            Event::End(TagEnd::FootnoteDefinition) => out.push(Event::Html("</div>".into())),
            // `- [x]`: a box drawn by rich.css, not a form control (the
            // sanitizer drops every form element from the notes).
            Event::TaskListMarker(checked) => out.push(Event::InlineHtml(
                format!(
                    "<span class=\"task-box\" role=\"checkbox\" aria-checked=\"{checked}\" aria-disabled=\"true\"></span>\n"
                )
                .into(),
            )),
            Event::InlineMath(ref tex) | Event::DisplayMath(ref tex) => {
                let display = matches!(ev, Event::DisplayMath(_));
                match math::to_mathml(tex, display) {
                    // pulldown-latex's MathML is not held to the allowlist:
                    // sanitized on its own when the fragment is not.
                    Ok(m) if !sanitized => out.push(Event::InlineHtml(sanitize::clean(&m).into())),
                    Ok(m) => out.push(Event::InlineHtml(m.into())),
                    Err(e) => {
                        ctx.warn_at(
                            line,
                            &Anchor::Math(tex.to_string()),
                            format!("invalid math '{}': {e}", clip(tex)),
                        );
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
                    ctx.warn_at(
                        line,
                        &Anchor::Html,
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
                raw_images(h, line, ctx, &mut raw_imgs);
                if !ctx.allow_html {
                    for d in sanitize::dropped(h) {
                        let list = dropped.entry(line).or_default();
                        if !list.contains(&d) {
                            list.push(d);
                        }
                    }
                }
                out.push(ev);
            }
            other => out.push(other),
        }
    }
    for (line, list) in dropped {
        ctx.warn_at(
            line,
            &Anchor::Html,
            format!(
                "raw HTML {} removed (allow_html = true keeps it)",
                list.join(", ")
            ),
        );
    }
    (out, raw_html, raw_imgs)
}

/// Whether the fragment is one paragraph holding only an image.
fn solo_image(events: &[(Event<'_>, u32)]) -> bool {
    let at = |i: usize| events.get(i).map(|(e, _)| e);
    matches!(at(0), Some(Event::Start(Tag::Paragraph)))
        && matches!(at(1), Some(Event::Start(Tag::Image { .. })))
        && matches!(
            events.last().map(|(e, _)| e),
            Some(Event::End(TagEnd::Paragraph))
        )
        && matches!(
            at(events.len().saturating_sub(2)),
            Some(Event::End(TagEnd::Image))
        )
        && events
            .iter()
            .filter(|(e, _)| matches!(e, Event::Start(Tag::Image { .. })))
            .count()
            == 1
}

fn push_url(url: &str, out: &mut Vec<Event<'_>>) {
    if let Some(site) = links::video_site(url) {
        let href = sanitize::url_kept("a", "href", url)
            .map(|h| format!(" href=\"{}\"", escape(&h)))
            .unwrap_or_default();
        out.push(Event::InlineHtml(
            format!(
                "<a class=\"video-card\"{href} rel=\"{}\"><span class=\"video-play\" aria-hidden=\"true\">\u{25B6}</span><span class=\"video-site\">{site}</span> <span class=\"video-url\">{}</span></a>",
                sanitize::LINK_REL,
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

fn code_block(info: &CodeInfo, code: &str) -> String {
    let lang: String = info
        .lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "+-_.#".contains(*c))
        .take(32)
        .collect();
    let body = if info.numbers {
        // One element a line, numbered by CSS from `data-n`, so a wrapped
        // line keeps one number; a piece continued from the slide before
        // starts at its own first line.
        let lines = highlight_lines(&lang, code)
            .unwrap_or_else(|| code.lines().map(|l| escape_text(l).into_owned()).collect());
        let mut body = String::new();
        for (i, l) in lines.iter().enumerate() {
            let n = info.start.saturating_add(i as u64);
            body.push_str(&format!("<span class=\"ln\" data-n=\"{n}\">{l}</span>"));
        }
        body
    } else {
        highlight(&lang, code).unwrap_or_else(|| escape_text(code).into_owned())
    };
    let class = if info.numbers {
        "code numbered"
    } else {
        "code"
    };
    if lang.is_empty() {
        format!("<pre class=\"{class}\"><code>{body}</code></pre>\n")
    } else {
        format!(
            "<pre class=\"{class}\" data-lang=\"{lang}\"><code class=\"language-{lang}\">{body}</code></pre>\n"
        )
    }
}

type ImageTag<'a> = (LinkType, CowStr<'a>, CowStr<'a>, CowStr<'a>);

/// Resolves an image URL as written against the notes folder.
pub(crate) fn load_image(url: &str, ctx: &RenderCtx) -> Image {
    let Some(src) = ctx.source else {
        return Image::NotFound;
    };
    let dir = src.parent().unwrap_or(Path::new(""));
    if let Some(dep) = images::dependency(url, dir) {
        // Duplicates are dropped once, in `take_images` (a search here
        // made 10,000 images quadratic).
        ctx.images.borrow_mut().push(dep);
    }
    let cap = ctx
        .image_cap
        .unwrap_or(crate::source::Limits::default().images);
    images::load_capped(url, dir, cap)
}

fn image<'a>(
    (link_type, dest_url, title, id): ImageTag<'a>,
    alt: Vec<Event<'a>>,
    line: u32,
    solo: bool,
    ctx: &RenderCtx,
    out: &mut Vec<Event<'a>>,
) {
    let alt_text: String = alt
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    // `![Chart w:300](…)`: size words leave the alt text.
    let mut sizes: Vec<(&str, String)> = Vec::new();
    let mut words = Vec::new();
    for w in alt_text.split_whitespace() {
        match size_token(w) {
            Some(sz) if !sizes.iter().any(|(a, _)| *a == sz.0) => sizes.push(sz),
            Some(_) => {}
            None if ["w:", "h:", "width:", "height:"]
                .iter()
                .any(|k| w.starts_with(k)) =>
            {
                ctx.warn_at(
                    line,
                    &Anchor::Image(dest_url.to_string()),
                    format!(
                        "image size '{}' not understood (use w:300, h:200px or w:50%)",
                        clip(w)
                    ),
                );
            }
            None => words.push(w),
        }
    }

    // Size words (good or bad) never stay in the alt text.
    let (alt, alt_text) = if words.len() == alt_text.split_whitespace().count() {
        (alt, alt_text)
    } else {
        let t = words.join(" ");
        (vec![Event::Text(t.clone().into())], t)
    };
    let shown = clip(&dest_url);
    let loaded = load_image(&dest_url, ctx);
    if matches!(loaded, Image::Inline(_)) && alt_text.trim().is_empty() {
        ctx.warn_at(
            line,
            &Anchor::Image(dest_url.to_string()),
            format!(
                "image '{shown}' has no alt text, so a screen reader skips it; \
                 say what it shows: ![what it shows]({shown})"
            ),
        );
    }
    if let Some(msg) = image_problem(&loaded, &shown) {
        let msg = match loaded {
            Image::Remote => format!("{msg}; rendered as a link"),
            _ => msg,
        };
        ctx.warn_at(line, &Anchor::Image(dest_url.to_string()), msg);
    }
    let placeholder = |msg: String, out: &mut Vec<Event<'a>>| {
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
        ctx.warn_at(line, &Anchor::Image(dest_url.to_string()), w);
    }
    match loaded {
        Image::Inline(uri) => {
            if solo {
                out.push(Event::InlineHtml("<span class=\"image-solo\">".into()));
            }
            if sizes.is_empty() {
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: uri.into(),
                    title,
                    id,
                }));
                out.extend(alt);
                out.push(Event::End(TagEnd::Image));
            } else if let Some(src) = sanitize::url_kept("img", "src", &uri) {
                // The Markdown writer has no size attributes: written here.
                let mut tag = format!(
                    "<img src=\"{}\" alt=\"{}\"",
                    escape(&src),
                    escape(&alt_text)
                );
                if !title.is_empty() {
                    tag.push_str(&format!(" title=\"{}\"", escape(&title)));
                }
                for (attr, v) in &sizes {
                    tag.push_str(&format!(" {attr}=\"{v}\""));
                }
                tag.push('>');
                out.push(Event::InlineHtml(tag.into()));
            }
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
        Image::NotFound => placeholder(format!("image '{shown}' not found"), out),
        Image::Unsupported => placeholder(format!("image '{shown}' not supported"), out),
        Image::Refused(_) => placeholder(format!("image '{shown}' not embedded"), out),
        Image::Outside => out.extend(alt),
    }
}

/// The `src` of every `<img>` start tag in a raw HTML snippet, read with
/// html5ever's tokenizer (the sanitizer parses the same way).
fn img_srcs(raw: &str) -> Vec<String> {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    struct Srcs(RefCell<Vec<String>>);
    impl TokenSink for Srcs {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            if let Token::TagToken(tag) = token {
                if tag.kind == TagKind::StartTag && &*tag.name == "img" {
                    if let Some(a) = tag.attrs.iter().find(|a| &*a.name.local == "src") {
                        self.0.borrow_mut().push(a.value.to_string());
                    }
                }
            }
            TokenSinkResult::Continue
        }
    }
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(raw));
    let tok = Tokenizer::new(Srcs(RefCell::new(Vec::new())), TokenizerOpts::default());
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.0.take()
}

/// Raw `<img src>` values of a snippet resolved like Markdown images: the
/// same folder rules and warnings; a file that is not embedded loses its
/// `src` (the page may fetch nothing).
fn raw_images(raw: &str, line: u32, ctx: &RenderCtx, map: &mut sanitize::ImageMap) {
    let warn = |loaded: &Image, src: &str| {
        if let Some(msg) = image_problem(loaded, &clip(src)) {
            ctx.warn_at(
                line,
                &Anchor::Html,
                format!("{msg}; <img> shown without it"),
            );
        }
    };
    for src in img_srcs(raw) {
        if src.trim().to_ascii_lowercase().starts_with("data:") {
            continue;
        }
        if map.contains_key(&src) {
            // A remote image is named wherever it is used (a tracking
            // pixel may repeat); a file is read and warned about once.
            if matches!(images::resolve(&src, Path::new("")), Err(Image::Remote)) {
                warn(&Image::Remote, &src);
            }
            continue;
        }
        let loaded = load_image(&src, ctx);
        warn(&loaded, &src);
        let uri = match loaded {
            Image::Inline(uri) if is_safe_url(&uri, true) => Some(uri),
            _ => None,
        };
        map.insert(src, uri);
    }
}

/// Columns whose body cells are all numbers (and not aligned by the
/// notes) are right-aligned, so digits line up.
fn align_numbers(events: &mut [(Event<'_>, u32)]) {
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Table(aligns)) = &events[i].0 else {
            i += 1;
            continue;
        };
        let cols = aligns.len();
        // Per column: (numeric so far, non-empty cells seen).
        let mut numeric = vec![(true, 0usize); cols];
        let (mut in_head, mut col, mut cell) = (false, 0usize, String::new());
        let mut j = i + 1;
        while j < events.len() {
            match &events[j].0 {
                Event::End(TagEnd::Table) => break,
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => col = 0,
                Event::Start(Tag::TableCell) => cell.clear(),
                Event::Text(t) | Event::Code(t) => cell.push_str(t),
                Event::End(TagEnd::TableCell) => {
                    if let (false, Some(n)) = (in_head, numeric.get_mut(col)) {
                        let t = cell.trim();
                        if !t.is_empty() {
                            n.0 &= is_number(t);
                            n.1 += 1;
                        }
                    }
                    col += 1;
                }
                _ => {}
            }
            j += 1;
        }
        if let Event::Start(Tag::Table(aligns)) = &mut events[i].0 {
            for (a, (num, seen)) in aligns.iter_mut().zip(numeric) {
                if num && seen > 0 && *a == pulldown_cmark::Alignment::None {
                    *a = pulldown_cmark::Alignment::Right;
                }
            }
        }
        i = j;
    }
}

/// `1,204,000`, `-3.5`, `41.5%`, `$12`, `250 ms`, `2.6x`: a figure with
/// an optional sign, currency and unit.
fn is_number(cell: &str) -> bool {
    let t = cell.trim_start_matches(['+', '-', '\u{2212}', '$', '€', '£', '¥', '~', '≈']);
    let t = t.trim_end_matches(|c: char| c == '%' || c == '×' || c.is_alphabetic() || c == ' ');
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.ends_with(|c: char| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || ",._ ".contains(c))
}

fn push_blocks<'a>(blocks: &'a [Block], out: &mut Vec<(Event<'a>, u32)>) {
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
                let level = heading_level(*level);
                out.push((
                    Event::Start(Tag::Heading {
                        level,
                        id: None,
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    }),
                    line,
                ));
                out.extend(title.events.iter().map(|e| (borrowed(e), line)));
                out.push((Event::End(TagEnd::Heading(level)), line));
            }
            Block::Other { events, .. } => push_lines(events, line, out),
            Block::Break { .. } | Block::Notes { .. } => {}
        }
    }
}

/// `e` for rendering, its text borrowed from the notes' model rather than
/// copied (the render only reads it).
fn borrowed<'a>(e: &'a Event<'static>) -> Event<'a> {
    let b = |t: &'a CowStr<'static>| CowStr::Borrowed(t);
    match e {
        Event::Text(t) => Event::Text(b(t)),
        Event::Code(t) => Event::Code(b(t)),
        Event::Html(t) => Event::Html(b(t)),
        Event::InlineHtml(t) => Event::InlineHtml(b(t)),
        Event::InlineMath(t) => Event::InlineMath(b(t)),
        Event::DisplayMath(t) => Event::DisplayMath(b(t)),
        Event::FootnoteReference(t) => Event::FootnoteReference(b(t)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type: *link_type,
            dest_url: b(dest_url),
            title: b(title),
            id: b(id),
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type: *link_type,
            dest_url: b(dest_url),
            title: b(title),
            id: b(id),
        }),
        other => other.clone(),
    }
}

/// Events tagged with their own line: a block's first line plus the line
/// breaks before each event.
fn push_lines<'a>(events: &'a [Event<'static>], start: u32, out: &mut Vec<(Event<'a>, u32)>) {
    let mut line = start;
    for e in events {
        out.push((borrowed(e), line));
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

fn push_item<'a>(item: &'a Item, out: &mut Vec<(Event<'a>, u32)>) {
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

fn safe_url(url: CowStr<'_>, image: bool) -> CowStr<'_> {
    if is_safe_url(&url, image) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

/// +1 for a raw opening tag whose text must not be autolinked, -1 for
/// its closing tag, 0 otherwise.
fn raw_link_scope(html: &str) -> isize {
    let t = html.trim_start();
    let (close, rest) = match t.strip_prefix("</") {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('<').unwrap_or("")),
    };
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if !matches!(
        name.as_str(),
        "a" | "code" | "pre" | "script" | "style" | "textarea" | "kbd" | "samp"
    ) || (!close && t.trim_end().ends_with("/>"))
    {
        return 0;
    }
    if close {
        -1
    } else {
        1
    }
}

#[cfg(test)]
mod fast_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_headings_step_down_from_the_slide_heading_without_skips() {
        let h = |level: u8, t: &str| Block::Heading {
            level,
            title: crate::parse::text_inline(t),
            lines: crate::outline::Lines::new(1, 1),
        };
        let ctx = RenderCtx::default();
        // A remark title slide: `# Title` then `### Subtitle` is an h2.
        let html = blocks_html_under(&[h(3, "Sub")], &ctx, 1);
        assert!(html.contains("<h2>Sub</h2>"), "{html}");
        // Under a content slide's h2: `#####` then `###` are h3, h3.
        let html = blocks_html_under(&[h(5, "A"), h(3, "B"), h(6, "C")], &ctx, 2);
        assert!(html.contains("<h3>A</h3>"), "{html}");
        assert!(html.contains("<h3>B</h3>"), "{html}");
        assert!(html.contains("<h4>C</h4>"), "{html}");
    }

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
