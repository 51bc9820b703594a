//! The reading copy: the whole recap as one article for people who
//! missed the meeting. Opening, the agenda as a table of contents, each
//! talk as a section (its slides' headings and bodies in order, its links
//! at the end), rendered from the slide model with the same block
//! renderer as the slides. The team's speaker notes stay out unless asked
//! for.

use super::recap::talk_ids;
use super::{blocks_html_in, blocks_html_notes, contexts, inline_html_in, SlideView, CSP};
use crate::deck::{Deck, SlideKind};
use crate::Error;
use askama::Template;

/// Where the reading copy goes in the output folder, beside `index.html`.
pub const READ_PAGE: &str = "read.html";

/// Its stylesheet: light, reflowing, printable; no theme (a reading copy
/// reads the same whatever the talks were shown in).
const READ_CSS: &str = include_str!("assets/read.css");

struct ReadPart {
    /// Empty for a slide that continues the one before (`(cont.)`).
    heading: String,
    body: String,
    notes: String,
}

/// One talk of the reading copy, rendered ([`read_talk`]).
pub struct ReadTalk {
    /// How many slides it numbered (for the footnote ids of the next).
    numbered: usize,
    id: String,
    title: String,
    group: String,
    /// The group's intro, on its first talk only.
    intro: String,
    byline: Option<String>,
    noted_by: Option<String>,
    href: String,
    parts: Vec<ReadPart>,
    links: Vec<ReadLink>,
}

struct ReadLink {
    url: String,
    text: String,
    /// An unsafe URL (`javascript:`) is shown as text, never linked.
    safe: bool,
}

struct TocGroup {
    name: String,
    talks: Vec<TocTalk>,
}

struct TocTalk {
    id: String,
    title: String,
    byline: Option<String>,
}

/// The reading copy's head, down to `<main>`: the opening and the agenda
/// as its table of contents.
#[derive(Template)]
#[template(path = "read_head.html")]
struct ReadHead<'a> {
    lang: &'a str,
    title: &'a str,
    description: String,
    csp: &'a str,
    css: &'a str,
    event: Option<String>,
    dates: String,
    team: String,
    toc: Vec<TocGroup>,
}

/// One talk of the reading copy.
#[derive(Template)]
#[template(path = "read_talk.html")]
struct ReadTalkPart<'a> {
    t: &'a ReadTalk,
    with_notes: bool,
}

#[derive(Template)]
#[template(path = "read_tail.html")]
struct ReadTail;

/// The reading copy of `decks`, titled `title`; `with_notes` keeps the
/// team's speaker notes (they are left out by default). `views`: each
/// deck's page slides, in deck order, as [`read_talk`] takes them.
pub fn render_read(
    decks: &[Deck],
    views: &[super::Views],
    title: &str,
    with_notes: bool,
) -> Result<String, Error> {
    let ids = talk_ids(decks);
    let mut out = read_head(decks, title)?;
    // Footnote ids (`fn-N-K`) are numbered by slide: count across the
    // page so two talks' footnotes never share an id.
    let mut slide_no = 0;
    for (i, d) in decks.iter().enumerate() {
        let t = read_talk(
            d,
            &ids[i],
            super::opens_group(decks, i),
            slide_no,
            with_notes,
            views.get(i).map_or(&[], |v| v.as_slice()),
        );
        slide_no += t.numbered();
        out.push_str(&read_part(&t, with_notes)?);
    }
    out.push_str(&read_tail()?);
    Ok(out)
}

/// Talk `d` as the reading copy shows it, its slides numbered from
/// `slide_no + 1` on (the slides of the talks before it); `id` from
/// [`talk_ids`]. Renders from the deck's slides, which a streamed build
/// drops once this and its page are rendered. `views`, the deck page's
/// slides when rendered already (else empty), lend the bodies that would
/// render the same here.
pub fn read_talk(
    d: &Deck,
    id: &str,
    first_of_group: bool,
    mut slide_no: usize,
    with_notes: bool,
    views: &[SlideView],
) -> ReadTalk {
    let from = slide_no;
    let mut t = talk(d, id, first_of_group, with_notes, views, &mut slide_no);
    t.numbered = slide_no - from;
    t
}

impl ReadTalk {
    /// How many slides it numbered: the talk after it numbers from here.
    pub fn numbered(&self) -> usize {
        self.numbered
    }
}

/// The reading copy's head, from the decks' titles alone (not their
/// slides): what comes before the first talk's part ([`read_part`]).
pub fn read_head(decks: &[Deck], title: &str) -> Result<String, Error> {
    let ids = talk_ids(decks);
    let mut toc: Vec<TocGroup> = Vec::new();
    for (i, d) in decks.iter().enumerate() {
        if super::opens_group(decks, i) {
            toc.push(TocGroup {
                name: d.group.name.clone(),
                talks: Vec::new(),
            });
        }
        if let Some(g) = toc.last_mut() {
            g.talks.push(TocTalk {
                id: ids[i].clone(),
                title: d.title.text.trim().to_string(),
                byline: d.meta.byline(),
            });
        }
    }
    let dates = crate::recap::dates(decks).join(" – ");
    let team = crate::recap::names(&crate::recap::team(decks));
    let event = decks
        .iter()
        .find_map(|d| d.meta.event.clone())
        .filter(|e| e != title);
    let page = ReadHead {
        lang: decks.first().map_or("en", |d| d.meta.lang.as_str()),
        title,
        description: description(title, decks.len(), &dates, &team),
        csp: CSP,
        css: READ_CSS,
        event,
        dates,
        team,
        toc,
    };
    Ok(page.render()?)
}

/// Talk `t`'s part of the reading copy, in deck order after the head.
pub fn read_part(t: &ReadTalk, with_notes: bool) -> Result<String, Error> {
    Ok(ReadTalkPart { t, with_notes }.render()?)
}

/// What closes the reading copy after the last talk's part.
pub fn read_tail() -> Result<String, Error> {
    Ok(ReadTail.render()?)
}

/// One sentence for `<meta name=description>` and Open Graph.
fn description(title: &str, talks: usize, dates: &str, team: &str) -> String {
    let mut s = format!(
        "Recap of {title}: {talks} talk{}",
        if talks == 1 { "" } else { "s" }
    );
    if !dates.is_empty() {
        s.push_str(&format!(", {dates}"));
    }
    s.push('.');
    if !team.is_empty() {
        s.push_str(&format!(" Noted by {team}."));
    }
    s
}

fn talk(
    d: &Deck,
    id: &str,
    first_of_group: bool,
    with_notes: bool,
    views: &[SlideView],
    n: &mut usize,
) -> ReadTalk {
    let ctxs = contexts(d);
    // The deck page's slide bodies are the same HTML when the look wraps
    // nothing and the blocks render alike under any heading and slide.
    let lent = |k: usize, s: &crate::deck::Slide| {
        let v = views.get(k).filter(|_| views.len() == d.slides.len())?;
        (super::look::unwrapped(&s.look) && super::html::alike_anywhere(&s.body))
            .then(|| v.body.clone())
    };
    let footnotes = super::html::Footnotes::of(&d.slides);
    let mut parts = Vec::with_capacity(d.slides.len());
    for (k, s) in d.slides.iter().enumerate() {
        let Some((_, ctx)) = ctxs.iter().rev().find(|(start, _)| *start <= k) else {
            continue;
        };
        *n += 1;
        ctx.begin_slide(*n);
        // The talk's own title slide is the section's heading; a slide
        // titled as the talk adds no heading under it.
        let heading = if s.continued
            || (k == 0 && s.kind == SlideKind::Title)
            || s.title_text() == d.title.text.trim()
        {
            String::new()
        } else {
            s.title
                .iter()
                .map(|t| inline_html_in(&t.events, s.lines.start, ctx))
                .collect::<Vec<_>>()
                .join(" › ")
        };
        // Under the slide's `h3` (the talk is an `h2`).
        let mut body =
            lent(k, s).unwrap_or_else(|| crate::render::html::blocks_html_under(&s.body, ctx, 3));
        body.push_str(&ctx.end_slide(&footnotes));
        let notes = if with_notes {
            blocks_html_notes(&s.all_notes(), ctx)
        } else {
            String::new()
        };
        parts.push(ReadPart {
            heading,
            body,
            notes,
        });
    }
    let presenters = d.presenters();
    let intro = match ctxs.first() {
        Some((_, ctx)) if first_of_group => blocks_html_in(&d.group.intro, ctx),
        _ => String::new(),
    };
    ReadTalk {
        numbered: 0,
        id: id.to_string(),
        title: d.title.text.trim().to_string(),
        group: d.group.name.clone(),
        intro,
        byline: d.meta.byline(),
        noted_by: (!presenters.is_empty()).then(|| crate::recap::names(&presenters)),
        href: d.path.clone(),
        parts,
        links: super::links::digest(d)
            .into_iter()
            .map(|l| ReadLink {
                safe: crate::services::sanitize::is_safe_url(&l.url, false),
                url: l.url,
                text: l.text,
            })
            .collect(),
    }
}
