//! The recap show: one deck through every talk. An opening slide (event,
//! dates, team), the agenda, each talk's slides behind its title slide
//! (the talk divider), and a closing slide, all from the slide model and
//! one template.

use super::{
    slide_hash, Assets, Fields, LiveParams, PageDigest, Rendered, SlideView, Views, CSP, LIVE_CSP,
    LIVE_JS, RUNTIME_JS,
};
use crate::deck::Deck;
use crate::Error;
use askama::Template;

/// Where the show goes in the output folder, beside `index.html`.
pub const RECAP_PAGE: &str = "recap.html";

/// Slides in the show of `decks`: opening, agenda, every talk's, closing.
pub fn show_len(decks: &[Deck]) -> usize {
    2 + agenda(decks, &talk_ids(decks)).len() + decks.iter().map(|d| d.slides.len()).sum::<usize>()
}

struct AgendaTalk {
    n: usize,
    id: String,
    title: String,
    by: Option<String>,
}

struct AgendaGroup {
    name: String,
    talks: Vec<AgendaTalk>,
}

struct ShowSlide<'a> {
    /// 1-based position in the show.
    n: usize,
    view: &'a SlideView,
    /// 1-based position inside its talk.
    k: usize,
    at: Option<u32>,
}

struct ShowTalk<'a> {
    n: usize,
    id: String,
    /// Its theme's key (see [`theme_key`]), scoping its CSS.
    theme: String,
    title: String,
    href: String,
    /// Its language, when not the page's: a screen reader switches voice.
    lang: Option<String>,
    slides: Vec<ShowSlide<'a>>,
}

/// The show's top: opening and agenda slides, after its [`Head`].
#[derive(Template)]
#[template(path = "recap_top.html")]
struct RecapTop<'a> {
    aspect: &'a str,
    incremental: bool,
    index_href: &'a str,
    title: &'a str,
    dates: &'a str,
    team: &'a str,
    agenda: &'a [Vec<AgendaGroup>],
    agenda_n: usize,
    total: usize,
    talks: usize,
    closing_at: Option<u32>,
}

/// A slide of the show up to its planned start (`data-at`).
#[derive(Template)]
#[template(path = "recap_slide_a.html")]
struct SlideA<'a> {
    t: &'a ShowTalk<'a>,
    s: &'a SlideView,
    n: usize,
}

/// A slide's planned start, if the show has a plan.
#[derive(Template)]
#[template(path = "recap_slide_at.html")]
struct SlideAt {
    at: Option<u32>,
}

/// A slide from its planned start to the show's slide count.
#[derive(Template)]
#[template(path = "recap_slide_b.html")]
struct SlideB<'a> {
    s: &'a SlideView,
    n: usize,
}

/// A slide after the show's slide count: its content.
#[derive(Template)]
#[template(path = "recap_slide_c.html")]
struct SlideC<'a> {
    t: &'a ShowTalk<'a>,
    s: &'a SlideView,
    k: usize,
    talks: usize,
}

/// The closing slide and the show's script.
#[derive(Template)]
#[template(path = "recap_tail.html")]
struct RecapTail<'a> {
    title: &'a str,
    dates: &'a str,
    team: &'a str,
    talks: usize,
    total: usize,
    closing_n: usize,
    closing_at: Option<u32>,
    runtime_js: &'a str,
    live: &'a Option<LiveParams>,
}

/// The show, rendered as a whole or talk by talk ([`RecapPage::write`]).
struct RecapPage<'a> {
    lang: &'a str,
    theme: &'a str,
    aspect: &'a str,
    incremental: bool,
    title: &'a str,
    csp: &'a str,
    theme_css: String,
    runtime_css: &'a str,
    runtime_js: &'a str,
    index_href: &'a str,
    dates: String,
    team: String,
    agenda: Vec<Vec<AgendaGroup>>,
    talks: Vec<ShowTalk<'a>>,
    /// How many talks the show has (`talks` may be left empty when they
    /// are written apart: [`ShowParts`]).
    talk_count: usize,
    /// Each talk's slides' planned starts, if the show has a plan.
    plan: Option<Vec<Vec<u32>>>,
    /// Show positions of the agenda slides and the closing slide.
    agenda_n: usize,
    closing_n: usize,
    total: usize,
    closing_at: Option<u32>,
    live: Option<LiveParams>,
}

/// Where the show links back to: the index beside it, or nowhere (a
/// single-file recap has no index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    Index,
    None,
}

/// Talk ids for `#id` and `#id/N` links: the talk's slug, prefixed by
/// its group's when two groups have a talk of the same slug.
pub fn talk_ids(decks: &[Deck]) -> Vec<String> {
    let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for d in decks {
        *count.entry(d.slug.as_str()).or_default() += 1;
    }
    decks
        .iter()
        .map(|d| {
            if count.get(d.slug.as_str()).copied().unwrap_or(0) > 1 {
                format!("{}-{}", d.group.slug, d.slug)
            } else {
                d.slug.clone()
            }
        })
        .collect()
}

/// The agenda: groups and their talks, one entry per agenda slide
/// ([`crate::recap::agenda_pages`]).
fn agenda(decks: &[Deck], ids: &[String]) -> Vec<Vec<AgendaGroup>> {
    crate::recap::agenda_pages(decks)
        .into_iter()
        .map(|page| {
            page.into_iter()
                .map(|group| AgendaGroup {
                    name: group
                        .first()
                        .map_or_else(String::new, |&i| decks[i].group.name.clone()),
                    talks: group
                        .into_iter()
                        .map(|i| {
                            let d = &decks[i];
                            AgendaTalk {
                                n: i + 1,
                                id: ids[i].clone(),
                                title: d.title.text.trim().to_string(),
                                by: crate::recap::agenda_note(d),
                            }
                        })
                        .collect(),
                })
                .collect()
        })
        .collect()
}

/// The recap show. `views` gives each deck's rendered slides (the same
/// ones its own page shows, so nothing is rendered twice in a build).
pub fn render_recap(
    decks: &[Deck],
    views: &[Views],
    title: &str,
    assets: &Assets,
    home: Home,
) -> Result<String, Error> {
    let css = views.iter().fold(super::css::Features::default(), |f, v| {
        f | super::css::Features::of(v)
    });
    Ok(render_recap_page(decks, views, css, title, assets, home)?.html)
}

/// Like [`render_recap`], also returning the show's digest: under
/// `serve` the show patches itself in place like a deck. `css`: the
/// runtime features the views use.
pub fn render_recap_page(
    decks: &[Deck],
    views: &[Views],
    css: super::css::Features,
    title: &str,
    assets: &Assets,
    home: Home,
) -> Result<Rendered, Error> {
    with_page(decks, views, css, title, assets, home, |page| {
        if !assets.live {
            return Ok(Rendered {
                html: page.render()?,
                digest: PageDigest::default(),
            });
        }
        let slides = page.slide_hashes();
        // The show can be megabytes: its version comes from what it is
        // rendered from, not from rendering it twice.
        let version = page.version(&slides);
        let page = RecapPage {
            csp: LIVE_CSP,
            live: Some(LiveParams {
                page: RECAP_PAGE.to_string(),
                version: version.clone(),
                slides: slides.join(" "),
                js: LIVE_JS,
            }),
            ..page
        };
        Ok(Rendered {
            html: page.render()?,
            digest: PageDigest { version, slides },
        })
    })
}

/// The show of `decks` as `f` takes it.
fn with_page<R>(
    decks: &[Deck],
    views: &[Views],
    css: super::css::Features,
    title: &str,
    assets: &Assets,
    home: Home,
    f: impl FnOnce(RecapPage) -> Result<R, Error>,
) -> Result<R, Error> {
    let ids = talk_ids(decks);
    let runtime_css = css.css();
    let mut page = frame(decks, title, assets, home, runtime_css)?;
    let mut parts = ShowParts::new(decks);
    let empty = Vec::new();
    let quiet: Vec<Option<SlideView>> = views.iter().map(|v| parts.quiet(v)).collect();
    let mut talks = Vec::with_capacity(decks.len());
    for (i, id) in ids.iter().enumerate() {
        let v = views.get(i).map_or(&empty, |v| v.as_ref());
        let at = page.plan.as_ref().and_then(|p| p.get(i));
        let q = quiet.get(i).and_then(Option::as_ref);
        talks.push(parts.talk(decks, i, id, v, q, at));
    }
    page.talks = talks;
    page.total = parts.n + 1;
    page.closing_n = parts.n + 1;
    f(page)
}

/// The show of `decks` without its talks (and its slide count not yet
/// set): what its head and tail are rendered from.
fn frame<'a>(
    decks: &'a [Deck],
    title: &'a str,
    assets: &Assets,
    home: Home,
    runtime_css: &'a str,
) -> Result<RecapPage<'a>, Error> {
    let ids = talk_ids(decks);
    let lang = decks.first().map_or("en", |d| d.meta.lang.as_str());
    let total_minutes = decks.iter().find_map(|d| d.meta.total_minutes);
    let plan = crate::recap::plan(decks, total_minutes);
    let agenda = agenda(decks, &ids);
    let closing_at = plan.as_ref().map(|_| {
        let talk_minutes: u32 = decks.iter().filter_map(|d| d.meta.minutes).sum();
        total_minutes.unwrap_or(talk_minutes).saturating_mul(60)
    });
    let first = decks.first();
    Ok(RecapPage {
        lang,
        theme: first.map_or("light", |d| d.meta.theme.as_str()),
        aspect: first.map_or("16:9", |d| d.meta.aspect.as_str()),
        incremental: first.is_some_and(|d| d.meta.incremental),
        title,
        csp: CSP,
        theme_css: themes_css(decks, assets)?,
        runtime_css,
        runtime_js: RUNTIME_JS,
        index_href: match home {
            Home::Index => "index.html",
            Home::None => "",
        },
        dates: crate::recap::dates(decks).join(" – "),
        team: crate::recap::names(&crate::recap::team(decks)),
        agenda_n: AGENDA_N,
        closing_n: 0,
        total: 0,
        agenda,
        talks: Vec::new(),
        talk_count: decks.len(),
        plan,
        closing_at,
        live: None,
    })
}

/// The show position of the first agenda slide (after the opening).
const AGENDA_N: usize = 2;

/// The show's talks one at a time, in deck order, numbering their slides
/// on: what the whole show is made of, and what a streamed build writes
/// as each deck finishes, before the show's slide count and (with a
/// `total_minutes`) its plan are known. Each slide comes in three parts
/// ([`ShowParts::slide`]) around those two.
pub struct ShowParts {
    /// The page's language: a talk in another says so.
    lang: String,
    talks: usize,
    /// The show position of the last slide so far.
    n: usize,
    /// Group intros shown so far.
    shown: std::collections::HashSet<String>,
}

impl ShowParts {
    pub fn new(decks: &[Deck]) -> Self {
        ShowParts {
            lang: decks
                .first()
                .map_or("en", |d| d.meta.lang.as_str())
                .to_string(),
            talks: decks.len(),
            n: AGENDA_N + crate::recap::agenda_pages(decks).len() - 1,
            shown: std::collections::HashSet::new(),
        }
    }

    /// A group's intro (its schedule link…) is shown once in the show, on
    /// the first title slide carrying it; each deck keeps its own. The
    /// first of `views` without it, if it shows one shown before.
    fn quiet(&mut self, views: &[SlideView]) -> Option<SlideView> {
        let first = views
            .first()
            .filter(|f| f.is_title && !f.intro.is_empty())?;
        (!self.shown.insert(first.intro.clone())).then(|| SlideView {
            intro: String::new(),
            ..first.clone()
        })
    }

    /// Deck `i`'s talk in the show, its slides `views` (the first one
    /// `quiet`, if given), numbered on from the talks before; `at` its
    /// slides' planned starts, if known.
    fn talk<'a>(
        &mut self,
        decks: &[Deck],
        i: usize,
        id: &str,
        views: &'a [SlideView],
        quiet: Option<&'a SlideView>,
        at: Option<&Vec<u32>>,
    ) -> ShowTalk<'a> {
        let d = &decks[i];
        let slides = views
            .iter()
            .enumerate()
            .map(|(k, view)| {
                self.n += 1;
                ShowSlide {
                    n: self.n,
                    view: if k == 0 { quiet.unwrap_or(view) } else { view },
                    k: k + 1,
                    at: at.and_then(|a| a.get(k).copied()),
                }
            })
            .collect();
        ShowTalk {
            n: i + 1,
            id: id.to_string(),
            theme: theme_key(&d.meta.theme),
            title: d.title.text.trim().to_string(),
            href: d.path.clone(),
            lang: (d.meta.lang != self.lang).then(|| d.meta.lang.clone()),
            slides,
        }
    }

    /// Slide `ss` of talk `t` in three parts: up to its planned start
    /// ([`at_attr`]), from there up to the show's slide count, and after.
    fn slide(&self, t: &ShowTalk, ss: &ShowSlide) -> Result<[String; 3], Error> {
        let s = ss.view;
        Ok([
            SlideA { t, s, n: ss.n }.render()?,
            SlideB { s, n: ss.n }.render()?,
            SlideC {
                t,
                s,
                k: ss.k,
                talks: self.talks,
            }
            .render()?,
        ])
    }

    /// Deck `i`'s slides in the show from its rendered `views`, `id` its
    /// talk id: each slide's three parts to `out`, in order. Returns how
    /// many slides.
    pub fn write_talk(
        &mut self,
        decks: &[Deck],
        i: usize,
        id: &str,
        views: &[SlideView],
        out: &mut dyn FnMut(&str) -> Result<(), Error>,
    ) -> Result<usize, Error> {
        let quiet = self.quiet(views);
        let t = self.talk(decks, i, id, views, quiet.as_ref(), None);
        for ss in &t.slides {
            for part in self.slide(&t, ss)? {
                out(&part)?;
            }
        }
        Ok(t.slides.len())
    }

    /// The show's slide count once every talk is written.
    pub fn total(&self) -> usize {
        self.n + 1
    }
}

/// A slide's `data-at` attribute: its planned start, if any.
pub fn at_attr(at: Option<u32>) -> Result<String, Error> {
    Ok(SlideAt { at }.render()?)
}

/// What goes around the show's talks' slides ([`ShowParts`]).
pub struct ShowFrame {
    pub head: String,
    pub tail: String,
    /// Each talk's slides' planned starts, if the show has a plan (for
    /// the slides' `data-at`, [`at_attr`]).
    pub plan: Option<Vec<Vec<u32>>>,
}

/// The show's head and tail, with `total` slides and the styles
/// `features` ask for.
pub fn show_frame(
    decks: &[Deck],
    title: &str,
    assets: &Assets,
    features: super::css::Features,
    total: usize,
) -> Result<ShowFrame, Error> {
    let runtime_css = features.css();
    let mut page = frame(decks, title, assets, Home::Index, runtime_css)?;
    page.total = total;
    page.closing_n = total;
    Ok(ShowFrame {
        head: page.head()?,
        tail: page.tail()?,
        plan: page.plan.take(),
    })
}

impl RecapPage<'_> {
    fn render(&self) -> Result<String, Error> {
        let mut out = String::new();
        self.write(&mut |part| {
            out.push_str(part);
            Ok(())
        })?;
        Ok(out)
    }

    /// The page in parts, in order: its head, each talk's slides, its tail.
    fn write(&self, out: &mut dyn FnMut(&str) -> Result<(), Error>) -> Result<(), Error> {
        out(&self.head()?)?;
        let parts = ShowParts {
            lang: self.lang.to_string(),
            talks: self.talk_count,
            n: 0,
            shown: Default::default(),
        };
        let total = self.total.to_string();
        for t in &self.talks {
            let mut talk = String::new();
            for ss in &t.slides {
                let [a, b, c] = parts.slide(t, ss)?;
                for part in [a, at_attr(ss.at)?, b, total.clone(), c] {
                    talk.push_str(&part);
                }
            }
            out(&talk)?;
        }
        out(&self.tail()?)
    }

    /// Everything before the first talk's slides.
    fn head(&self) -> Result<String, Error> {
        let mut head = super::Head {
            lang: self.lang,
            theme: self.theme,
            csp: self.csp,
            title: self.title,
            theme_css: &self.theme_css,
            runtime_css: self.runtime_css,
        }
        .render()?;
        RecapTop {
            aspect: self.aspect,
            incremental: self.incremental,
            index_href: self.index_href,
            title: self.title,
            dates: &self.dates,
            team: &self.team,
            agenda: &self.agenda,
            agenda_n: self.agenda_n,
            total: self.total,
            talks: self.talk_count,
            closing_at: self.closing_at,
        }
        .render_into(&mut head)?;
        Ok(head)
    }

    /// Everything after the last talk's slides.
    fn tail(&self) -> Result<String, Error> {
        Ok(RecapTail {
            title: self.title,
            dates: &self.dates,
            team: &self.team,
            talks: self.talk_count,
            total: self.total,
            closing_n: self.closing_n,
            closing_at: self.closing_at,
            runtime_js: self.runtime_js,
            live: &self.live,
        }
        .render()?)
    }

    /// One hash per `<section>`, in order, of everything it shows but
    /// its position (`id`, `N of M`) and source lines, as for a deck's
    /// slides: a patch keeps the sections whose hash is unchanged.
    fn slide_hashes(&self) -> Vec<String> {
        let done = |h: Fields| super::short_hash(h.0.finalize());
        let paced = self.closing_at.is_some();
        let mut out = Vec::with_capacity(self.total);
        let mut h = Fields(blake3::Hasher::new());
        for s in ["opening", self.title, &self.dates, &self.team] {
            h.str(s);
        }
        h.num(usize::from(paced));
        out.push(done(h));
        for (i, groups) in self.agenda.iter().enumerate() {
            let mut h = Fields(blake3::Hasher::new());
            h.str("agenda");
            h.num(i);
            h.num(self.agenda.len());
            h.num(usize::from(paced));
            for g in groups {
                h.str(&g.name);
                h.num(g.talks.len());
                for t in &g.talks {
                    h.num(t.n);
                    h.str(&t.id);
                    h.str(&t.title);
                    h.opt(&t.by);
                }
            }
            out.push(done(h));
        }
        for t in &self.talks {
            for ss in &t.slides {
                let mut h = Fields(blake3::Hasher::new());
                h.str(&slide_hash(ss.view));
                for s in [&t.id, &t.theme, &t.title, &t.href] {
                    h.str(s);
                }
                h.opt(&t.lang);
                // "Talk 3 of 8" on its first slide.
                h.num(if ss.k == 1 { t.n } else { 0 });
                h.num(if ss.k == 1 { self.talks.len() } else { 0 });
                h.opt(&ss.at.map(|a| a.to_string()));
                out.push(done(h));
            }
        }
        let mut h = Fields(blake3::Hasher::new());
        for s in ["closing", self.title, &self.dates, &self.team] {
            h.str(s);
        }
        h.num(self.talks.len());
        h.opt(&self.closing_at.map(|a| a.to_string()));
        out.push(done(h));
        out
    }

    /// A hash of everything the show as `build` writes it is made from
    /// (its templates are part of this binary): equal exactly when that
    /// page is. The slides' source lines count here (a patch copies them).
    fn version(&self, slides: &[String]) -> String {
        let mut h = Fields(blake3::Hasher::new());
        h.str(env!("CARGO_PKG_VERSION"));
        for t in [
            include_str!("../../templates/head.html"),
            include_str!("../../templates/recap_top.html"),
            include_str!("../../templates/recap_slide_a.html"),
            include_str!("../../templates/recap_slide_at.html"),
            include_str!("../../templates/recap_slide_b.html"),
            include_str!("../../templates/recap_slide_c.html"),
            include_str!("../../templates/recap_tail.html"),
            include_str!("../../templates/slide.html"),
        ] {
            h.str(t);
        }
        for s in [
            self.lang,
            self.theme,
            self.aspect,
            self.title,
            &self.theme_css,
            self.runtime_css,
            self.runtime_js,
            self.index_href,
        ] {
            h.str(s);
        }
        h.num(usize::from(self.incremental));
        for s in slides {
            h.str(s);
        }
        for t in &self.talks {
            for ss in &t.slides {
                h.str(&ss.view.lines);
            }
        }
        super::short_hash(h.0.finalize())
    }
}

/// A theme name as a CSS attribute value and HTML attribute: project
/// theme names come from file names, so anything but `[A-Za-z0-9_-]`
/// becomes `_`.
pub(crate) fn theme_key(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The first talk's theme for the whole page, then every other talk's
/// theme scoped to that talk's slides (`data-theme` on each slide, also
/// on the index's miniatures): its
/// properties set on the slide, its own rules inside `@scope`, where its
/// `:root` block matches nothing.
pub(crate) fn themes_css(decks: &[Deck], assets: &Assets) -> Result<String, Error> {
    let base = decks.first().map_or("light", |d| d.meta.theme.as_str());
    let base_css = assets.theme_css(base)?;
    if decks.iter().all(|d| d.meta.theme == base) {
        return Ok(base_css.to_string());
    }
    // The page's theme: its properties on `:root`, its own rules
    // (high-contrast's heavier headings) scoped so they stop at other
    // themes' slides. (A `:root` block inside `@scope` matches nothing.)
    let mut css = ":root {\n".to_string();
    for (prop, value) in &assets.themes.get(base)?.properties {
        css.push_str(&format!("  {prop}: {value};\n"));
    }
    css.push_str(&format!(
        "}}\n@scope (:root) to (.slide[data-theme]:not([data-theme=\"{}\"])) {{\n{base_css}\n}}\n",
        theme_key(base)
    ));
    let mut done = vec![base];
    for d in decks {
        let name = d.meta.theme.as_str();
        if done.contains(&name) {
            continue;
        }
        done.push(name);
        let theme = assets.themes.get(name)?;
        let sel = format!(".slide[data-theme=\"{}\"]", theme_key(name));
        css.push_str(&format!(
            "\n/* talks in theme {} */\n{sel} {{\n",
            theme_key(name)
        ));
        for (prop, value) in &theme.properties {
            css.push_str(&format!("  {prop}: {value};\n"));
        }
        css.push_str(&format!("}}\n@scope ({sel}) {{\n{}\n}}\n", theme.css));
    }
    Ok(css)
}
