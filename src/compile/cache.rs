//! What `Compiler` keeps between builds so a rebuild does work in
//! proportion to the edit: each notes file's laid-out decks, keyed by its
//! text, and each page's HTML, keyed by the deck it was rendered from.

use super::file::{self, LaidFile};
use super::{assemble, lint, BuildOptions, Page, Project, Site};
use crate::deck::Deck;
use crate::diag::Diagnostic;
use crate::render::{self, Assets, PageDigest};
use crate::services::theme::Themes;
use crate::source::SourceFile;
use crate::Error;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

/// Work done by one build, for tests and benchmarks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildStats {
    /// Notes files parsed and laid out (the others came from the cache).
    pub files_parsed: usize,
    /// Talks laid out (the others, also in parsed files, were reused).
    pub talks_laid_out: usize,
    /// Deck pages rendered (the others came from the cache).
    pub decks_rendered: usize,
    /// Whether the recap index was rendered.
    pub index_rendered: bool,
}

/// A rendered deck, shared between builds: a carried-over page costs a
/// pointer copy, not a copy of its slides.
#[derive(Debug)]
pub(super) struct CachedPage {
    /// The deck it was rendered from.
    pub(super) deck: Deck,
    pub(super) html: Page,
    digest: Arc<PageDigest>,
    /// Its render warnings.
    pub(super) diags: Vec<Diagnostic>,
    /// Its slides (the recap show reuses them).
    pub(super) views: render::Views,
    /// The image files it embedded or missed, as they were.
    images: Arc<[ImageDep]>,
    /// Its miniature on the index.
    pub(super) thumb: Option<Arc<render::SlideView>>,
    /// The runtime features its slides use, and its miniature: found on
    /// the rendering thread, so the show and index need not look again.
    pub(super) features: render::css::Features,
    pub(super) thumb_features: render::css::Features,
}

/// An image file a page named and what it was when the page was made
/// (`None`: missing). A different stamp now re-renders the page.
type ImageDep = (PathBuf, Option<crate::paths::Stamp>);

/// Whether every image a page named is as it was.
fn images_unchanged(deps: &[ImageDep]) -> bool {
    deps.iter().all(|(p, s)| crate::paths::stamp(p) == *s)
}

/// The recap index and show: the title and deck paths they were made for,
/// the index, the show, the reading copy, and the index's and show's
/// digests.
type CachedIndex = (
    String,
    Vec<String>,
    Page,
    Page,
    Page,
    Arc<PageDigest>,
    Arc<PageDigest>,
);

#[derive(Default)]
pub(crate) struct Cache {
    /// A one-shot build (`notedeck build`) keeps nothing for next time,
    /// which saves the copies a cache needs.
    pub(crate) one_shot: bool,
    /// The options and theme CSS the cached layouts and pages were made
    /// with.
    made_with: Option<OptionsKey>,
    /// Per file: its normalised text and what it laid out to.
    files: HashMap<PathBuf, (String, Arc<LaidFile>)>,
    /// Per file that failed: its text and the error, replayed while the
    /// text is unchanged (rejecting 100k-deep front matter is not free).
    failed: HashMap<PathBuf, (String, Error)>,
    pages: HashMap<String, Arc<CachedPage>>,
    /// Recap index and show: the title and deck paths they were made
    /// for, their HTML and the index's digest.
    index: Option<CachedIndex>,
    /// A deck was rendered since the index and show were.
    index_stale: bool,
    /// The slugs the last build gave, replayed by the next.
    slugs: assemble::SlugLog,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("files", &self.files.len())
            .field("pages", &self.pages.len())
            .finish()
    }
}

impl Cache {
    /// Source → parse → layout (changed files only) → slugs → project
    /// lints. Also returns the theme registry the pages render with.
    pub(crate) fn project(
        &mut self,
        opts: &BuildOptions,
        sources: Vec<SourceFile>,
        mut errors: Vec<Error>,
    ) -> Result<(Project, Themes, BuildStats), Error> {
        let themes = Themes::load_capped(
            &Themes::project_dirs(&opts.inputs),
            opts.theme_base.as_deref(),
            opts.meta.limits.themes,
        )?;
        let made_with = options_key(opts, &themes);
        if self.made_with.as_ref() != Some(&made_with) {
            *self = Cache {
                one_shot: self.one_shot,
                ..Cache::default()
            };
            self.made_with = Some(made_with);
        }
        let mut files_parsed = 0;
        let mut talks_laid_out = 0;

        // Layout reads image sizes: a file one of whose images changed is
        // laid out again, like a file whose text changed.
        let mut image_changed: std::collections::HashSet<&std::path::Path> = Default::default();
        for p in self.pages.values() {
            if !images_unchanged(&p.images) {
                image_changed.insert(&p.deck.source);
                image_changed.extend(p.deck.sections.iter().map(|s| s.source.as_path()));
            }
        }
        // Parse and lay out only files whose text (or an image) changed.
        let fresh: Vec<Option<Result<LaidFile, Error>>> = sources
            .par_iter()
            .map(|src| match self.files.get(&src.path) {
                Some((text, _))
                    if *text == src.text && !image_changed.contains(src.path.as_path()) =>
                {
                    None
                }
                _ if self.failed_before(src) => None,
                old => Some(file::lay_out_reusing(
                    src,
                    opts,
                    &themes,
                    old.map(|(_, laid)| laid.as_ref()),
                    !self.one_shot,
                )),
            })
            .collect();
        let source_paths: Vec<PathBuf> = sources.iter().map(|s| s.path.clone()).collect();
        let mut files = HashMap::with_capacity(sources.len());
        let mut failed = HashMap::new();
        let mut order = Vec::with_capacity(sources.len());
        for (src, laid) in sources.into_iter().zip(fresh) {
            let laid = match laid {
                Some(r) => {
                    files_parsed += 1;
                    talks_laid_out += r.as_ref().map_or(0, |f| f.talks_laid_out);
                    r.map(Arc::new)
                }
                None => match self.files.remove(&src.path) {
                    Some((_, d)) => Ok(d),
                    None => match self.replay_failure(&src) {
                        Some(e) => Err(e),
                        None => file::lay_out(&src, opts, &themes).map(Arc::new),
                    },
                },
            };
            // A file that failed (bad front matter) is tried again once
            // its text changes.
            let decks = match laid {
                Ok(d) => d,
                Err(e) => {
                    self.remember_failure(&mut failed, src, &e);
                    errors.push(e);
                    continue;
                }
            };
            if !self.one_shot {
                files.insert(src.path, (src.text, decks.clone()));
            }
            order.push(decks);
        }
        self.files = files;
        self.failed = failed;
        let mut project = Project::default();
        // A one-shot build has no next build to give its slugs to.
        let log = (!self.one_shot).then_some(&mut self.slugs);
        assemble::assemble_replaying(order.iter().map(|d| d.as_ref()), &mut project, log);
        lint::project(&project.decks, &mut project.diagnostics);
        // Theme files are the project's too: their findings come along.
        project.diagnostics.extend(themes.warnings.iter().cloned());
        project.sources = source_paths;
        project.errors = errors;
        let stats = BuildStats {
            files_parsed,
            talks_laid_out,
            ..BuildStats::default()
        };
        Ok((project, themes, stats))
    }

    /// What [`Cache::build_decks`] and [`Cache::finish`] report, without keeping any page: each deck
    /// is rendered for its warnings and its HTML dropped at once.
    pub(crate) fn findings(
        &mut self,
        opts: &BuildOptions,
        sources: Vec<SourceFile>,
        errors: Vec<Error>,
    ) -> Result<Project, Error> {
        let (mut project, themes, _) = self.project(opts, sources, errors)?;
        themes.get(&opts.meta.theme)?;
        let assets = Assets {
            themes,
            no_notes: opts.no_notes,
            live: false,
        };
        let rendered: Vec<Result<(String, Vec<Diagnostic>), Error>> = project
            .decks
            .par_iter()
            .map(|d| {
                let mut diags = Vec::new();
                render::render_deck_in(d, &assets, &mut diags)?;
                Ok((d.path.clone(), diags))
            })
            .collect();
        let render_diags = rendered.into_iter().collect::<Result<_, Error>>()?;
        add_render_findings(&mut project, render_diags);
        Ok(project)
    }

    /// Compiles every input and renders every deck page; the recap index
    /// and show are left to [`Cache::finish`].
    pub(crate) fn build_decks(
        &mut self,
        opts: &BuildOptions,
        sources: Vec<SourceFile>,
        errors: Vec<Error>,
    ) -> Result<Site, Error> {
        let (mut project, themes, mut stats) = self.project(opts, sources, errors)?;
        // A theme named on the command line or in notedeck.toml must exist;
        // one named in a file's front matter falls back (see `file`).
        themes.get(&opts.meta.theme)?;
        let assets = Assets {
            themes,
            no_notes: opts.no_notes,
            live: opts.live,
        };

        // Render only decks that differ from what their page was made from.
        let stale: Vec<&Deck> = project
            .decks
            .iter()
            .filter(|d| {
                self.pages
                    .get(&d.path)
                    .is_none_or(|p| !same_deck(&p.deck, d) || !images_unchanged(&p.images))
            })
            .collect();
        let rendered: Vec<Result<CachedPage, Error>> =
            stale.par_iter().map(|d| render_page(d, &assets)).collect();
        stats.decks_rendered = rendered.len();
        self.index_stale |= !rendered.is_empty();
        let mut changed = Vec::new();
        let mut fresh: HashMap<String, Arc<CachedPage>> = HashMap::with_capacity(rendered.len());
        for r in rendered {
            let p = r?;
            if self
                .pages
                .get(&p.deck.path)
                .is_none_or(|old| old.html != p.html)
            {
                changed.push(p.deck.path.clone());
            }
            fresh.insert(p.deck.path.clone(), Arc::new(p));
        }
        // Every deck's page in deck order: fresh, else carried over.
        let mut kept: HashMap<String, Arc<CachedPage>> =
            HashMap::with_capacity(project.decks.len());
        let mut pages = BTreeMap::new();
        let mut digests = BTreeMap::new();
        let mut render_diags: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        let mut images: Vec<PathBuf> = Vec::new();
        let mut views = Vec::with_capacity(project.decks.len());
        let mut thumbs = Vec::with_capacity(project.decks.len());
        let (mut features, mut thumb_features) = Default::default();
        for d in &project.decks {
            let Some((key, p)) = fresh
                .remove_entry(&d.path)
                .or_else(|| self.pages.remove_entry(&d.path))
            else {
                views.push(render::Views::default());
                thumbs.push(None);
                continue;
            };
            pages.insert(d.path.clone(), p.html.clone());
            digests.insert(d.path.clone(), p.digest.clone());
            if !p.diags.is_empty() {
                render_diags.insert(d.path.clone(), p.diags.clone());
            }
            images.extend(p.images.iter().map(|(p, _)| p.clone()));
            views.push(p.views.clone());
            thumbs.push(p.thumb.clone());
            features = features | p.features;
            thumb_features = thumb_features | p.thumb_features;
            if !self.one_shot {
                kept.insert(key, p);
            }
        }
        add_render_findings(&mut project, render_diags);
        let removed: Vec<String> = self
            .pages
            .keys()
            .filter(|p| !pages.contains_key(*p))
            .cloned()
            .collect();
        self.pages = kept;
        images.sort();
        images.dedup();
        Ok(Site {
            images,
            project,
            pages,
            changed,
            removed,
            digests,
            stats,
            pending: Some(Pending {
                assets,
                views,
                thumbs,
                features,
                thumb_features,
            }),
        })
    }

    /// Renders the recap index and show of a site from
    /// [`Cache::build_decks`] into it (again only when a deck or the title
    /// changed).
    pub(crate) fn finish(&mut self, opts: &BuildOptions, site: &mut Site) -> Result<(), Error> {
        let Some(work) = self.begin_finish(opts, site) else {
            return Ok(());
        };
        let pages = work.render(&site.project.decks, true);
        self.end_finish(site, work, pages)
    }

    /// The first part of [`Cache::finish`]: takes what the index and show
    /// are rendered from off `site`, and puts them in from the cache when
    /// no deck and not the title changed (then `None`: nothing to render).
    pub(crate) fn begin_finish(
        &mut self,
        opts: &BuildOptions,
        site: &mut Site,
    ) -> Option<WholeWork> {
        let pending = site.pending.take()?;
        let project = &site.project;
        // The index and the show read only deck fields and slides: same
        // decks, same title, same pages.
        let title = super::recap_title(opts, &project.decks);
        let paths: Vec<String> = project.decks.iter().map(|d| d.path.clone()).collect();
        match &self.index {
            Some((t, p, index, show, read, index_digest, show_digest))
                if !self.index_stale && *t == title && *p == paths =>
            {
                let pages = [index.clone(), show.clone(), read.clone()];
                let digests = [index_digest.clone(), show_digest.clone()];
                insert_whole(site, pages, digests);
                None
            }
            _ => {
                site.stats.index_rendered = true;
                // A deck rendered from here on makes it stale again.
                self.index_stale = false;
                Some(WholeWork {
                    pending,
                    title,
                    paths,
                    with_notes: opts.with_notes,
                })
            }
        }
    }

    /// The last part of [`Cache::finish`]: puts the pages
    /// [`WholeWork::render`] made into `site` and keeps them for a next
    /// build. On an `Err` nothing is kept: the next finish renders again.
    pub(crate) fn end_finish(
        &mut self,
        site: &mut Site,
        work: WholeWork,
        rendered: Result<WholePages, Error>,
    ) -> Result<(), Error> {
        let r = match rendered {
            Ok(r) => r,
            Err(e) => {
                self.index_stale = true;
                return Err(e);
            }
        };
        let index: Page = r.index.html.into();
        let show: Page = r.show.html.into();
        let read: Page = r.read.into();
        let old = self.index.take();
        if old.as_ref().is_none_or(|(_, _, o, _, _, _, _)| *o != index) {
            site.changed.push(super::INDEX_PAGE.to_string());
        }
        if old.as_ref().is_none_or(|(_, _, _, o, _, _, _)| *o != show) {
            site.changed.push(render::recap::RECAP_PAGE.to_string());
        }
        if old.is_none_or(|(_, _, _, _, o, _, _)| o != read) {
            site.changed.push(render::read::READ_PAGE.to_string());
        }
        let digests = [Arc::new(r.index.digest), Arc::new(r.show.digest)];
        if !self.one_shot {
            self.index = Some((
                work.title,
                work.paths,
                index.clone(),
                show.clone(),
                read.clone(),
                digests[0].clone(),
                digests[1].clone(),
            ));
        }
        insert_whole(site, [index, show, read], digests);
        Ok(())
    }
}

/// The recap index, show and reading copy into `site`.
fn insert_whole(site: &mut Site, [index, show, read]: [Page; 3], [i, s]: [Arc<PageDigest>; 2]) {
    site.pages.insert(super::INDEX_PAGE.to_string(), index);
    site.pages
        .insert(render::recap::RECAP_PAGE.to_string(), show);
    site.pages.insert(render::read::READ_PAGE.to_string(), read);
    site.digests.insert(super::INDEX_PAGE.to_string(), i);
    site.digests
        .insert(render::recap::RECAP_PAGE.to_string(), s);
    site.changed.sort();
}

/// What the recap index, show and reading copy of one build are rendered
/// from, apart from the cache: `serve` renders them on another thread
/// while it builds the next save's decks.
pub(crate) struct WholeWork {
    pending: Pending,
    title: String,
    paths: Vec<String>,
    with_notes: bool,
}

/// The recap index, show and reading copy, rendered.
pub(crate) struct WholePages {
    index: render::Rendered,
    show: render::Rendered,
    read: String,
}

impl WholeWork {
    /// Renders the pages of `decks` (the decks of the site this came
    /// from); `parallel`: side by side on rayon's threads, else one after
    /// the other on this thread (leaving rayon's to a deck build).
    pub(crate) fn render(&self, decks: &[Deck], parallel: bool) -> Result<WholePages, Error> {
        let whole = Whole {
            decks,
            views: &self.pending.views,
            thumbs: &self.pending.thumbs,
            features: self.pending.features,
            thumb_features: self.pending.thumb_features,
            title: &self.title,
            assets: &self.pending.assets,
            with_notes: self.with_notes,
        };
        let (index, (show, read)) = if parallel {
            rayon::join(
                || whole.index(),
                || rayon::join(|| whole.show(), || whole.read()),
            )
        } else {
            (whole.index(), (whole.show(), whole.read()))
        };
        Ok(WholePages {
            index: index?,
            show: show?,
            read: read?,
        })
    }
}

/// A deck's page and what the index and show keep of it.
pub(super) fn render_page(d: &Deck, assets: &Assets) -> Result<CachedPage, Error> {
    let (mut page, html) = render_page_apart(d, assets, false)?;
    page.html = html.into_string().into();
    Ok(page)
}

/// [`render_page`] with the page's HTML apart, as rendered (the cached
/// page's left empty; with `lend`, its fixed style and script lent): the
/// streamed build writes it and drops it, so it is not copied into a
/// shared page first.
pub(super) fn render_page_apart<'a>(
    d: &Deck,
    assets: &'a Assets,
    lend: bool,
) -> Result<(CachedPage, render::PageSlices<'a>), Error> {
    let mut diags = Vec::new();
    let mut named = Vec::new();
    let (views, thumb) = render::deck_views_thumb(d, assets, &mut diags, &mut named);
    let features = render::css::Features::of(&views);
    let thumb_features = thumb
        .as_ref()
        .map(render::css::Features::of_slide)
        .unwrap_or_default();
    let (html, digest) = render::render_deck_slices(d, &views, features, assets, lend)?;
    let images: Arc<[ImageDep]> = named
        .into_iter()
        .map(|p| {
            let s = crate::paths::stamp(&p);
            (p, s)
        })
        .collect();
    let cached = CachedPage {
        deck: d.clone(),
        html: Page::default(),
        digest: Arc::new(digest),
        diags,
        views,
        images,
        thumb: thumb.map(Arc::new),
        features,
        thumb_features,
    };
    Ok((cached, html))
}

/// What the recap index, show and reading copy are rendered from.
pub(super) struct Whole<'a> {
    pub(super) decks: &'a [Deck],
    pub(super) views: &'a [render::Views],
    pub(super) thumbs: &'a [Option<Arc<render::SlideView>>],
    /// What the views' and the miniatures' slides use, as their renders found.
    pub(super) features: render::css::Features,
    pub(super) thumb_features: render::css::Features,
    pub(super) title: &'a str,
    pub(super) assets: &'a Assets,
    pub(super) with_notes: bool,
}

impl Whole<'_> {
    pub(super) fn index(&self) -> Result<render::Rendered, Error> {
        let css = render::IndexParts::features() | self.thumb_features;
        render::render_index_with(self.decks, self.thumbs, css, self.title, self.assets)
    }

    pub(super) fn show(&self) -> Result<render::Rendered, Error> {
        render::recap::render_recap_page(
            self.decks,
            self.views,
            self.features,
            self.title,
            self.assets,
            render::recap::Home::Index,
        )
    }

    fn read(&self) -> Result<String, Error> {
        render::read::render_read(self.decks, self.views, self.title, self.with_notes)
    }
}

/// What [`Cache::finish`] renders the index and show from.
pub(crate) struct Pending {
    assets: Assets,
    /// Each deck's slides and miniature, in deck order.
    views: Vec<render::Views>,
    thumbs: Vec<Option<Arc<render::SlideView>>>,
    /// What they use, folded from each page's render.
    features: render::css::Features,
    thumb_features: render::css::Features,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending")
            .field("decks", &self.views.len())
            .finish()
    }
}

impl Cache {
    /// Whether `src` failed last build with the same text.
    fn failed_before(&self, src: &SourceFile) -> bool {
        self.failed
            .get(&src.path)
            .is_some_and(|(text, _)| *text == src.text)
    }

    /// The error `src` failed with last build, when its text is unchanged.
    fn replay_failure(&self, src: &SourceFile) -> Option<Error> {
        self.failed
            .get(&src.path)
            .filter(|(text, _)| *text == src.text)
            .map(|(_, e)| copy_error(e))
    }

    /// Keeps a failure for the next build (not for a one-shot build).
    fn remember_failure(
        &self,
        failed: &mut HashMap<PathBuf, (String, Error)>,
        src: SourceFile,
        e: &Error,
    ) {
        if !self.one_shot {
            failed.insert(src.path, (src.text, copy_error(e)));
        }
    }
}

/// The same error again, message for message (an I/O error keeps its
/// kind and text, not its OS payload).
fn copy_error(e: &Error) -> Error {
    match e {
        Error::Io { path, source } => Error::Io {
            path: path.clone(),
            source: std::io::Error::new(source.kind(), source.to_string()),
        },
        Error::Source {
            path,
            line,
            col,
            message,
        } => Error::Source {
            path: path.clone(),
            line: *line,
            col: *col,
            message: message.clone(),
        },
        Error::Input { path, message } => Error::Input {
            path: path.clone(),
            message: message.clone(),
        },
        Error::Empty { inputs } => Error::Empty {
            inputs: inputs.clone(),
        },
        Error::Usage(m) => Error::Usage(m.clone()),
        Error::Setup(m) => Error::Setup(m.clone()),
        Error::Template(m) => Error::Template(m.clone()),
    }
}

/// Render warnings in deck order, each once.
pub(super) fn add_render_findings(
    project: &mut Project,
    mut per_deck: BTreeMap<String, Vec<Diagnostic>>,
) {
    let in_order = project
        .decks
        .iter()
        .flat_map(|d| per_deck.remove(&d.path).unwrap_or_default())
        .collect::<Vec<_>>();
    crate::diag::extend_unique(&mut project.diagnostics, in_order);
}

/// Everything besides the notes that a page depends on: the options that
/// shape pages and the theme files. A change drops the whole cache.
#[derive(Debug, Clone, PartialEq)]
struct OptionsKey {
    layout: crate::layout::LayoutOptions,
    meta: crate::deck::DeckMeta,
    overrides: crate::config::Settings,
    no_notes: bool,
    with_notes: bool,
    live: bool,
    title: Option<String>,
    theme_base: Option<String>,
    /// The themes as loaded ([`Themes::fingerprint`]): read once per
    /// build, for the pages and this key alike.
    themes: blake3::Hash,
}

fn options_key(opts: &BuildOptions, themes: &Themes) -> OptionsKey {
    OptionsKey {
        layout: opts.layout,
        meta: opts.meta.clone(),
        overrides: opts.overrides.clone(),
        no_notes: opts.no_notes,
        with_notes: opts.with_notes,
        live: opts.live,
        title: opts.title.clone(),
        theme_base: opts.theme_base.clone(),
        themes: themes.fingerprint(),
    }
}

/// `Deck ==` with a pointer check first: decks of unchanged files share
/// their slides with the cached ones, so this rarely walks the slides.
/// Cheap fields first: at 1,000 talks this runs for every deck on every
/// save.
fn same_deck(a: &Deck, b: &Deck) -> bool {
    a.line == b.line
        && a.end_line == b.end_line
        && a.extra == b.extra
        && a.slides == b.slides
        && a.path == b.path
        && a.slug == b.slug
        // The same bytes are the same path, without walking components.
        && (a.source.as_os_str() == b.source.as_os_str() || a.source == b.source)
        && a.title == b.title
        && a.prev == b.prev
        && a.next == b.next
        && a.meta == b.meta
        && (std::sync::Arc::ptr_eq(&a.group, &b.group) || a.group == b.group)
        && a.sections == b.sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_options_key_follows_options_and_theme_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let notes = dir.path().join("talks");
        std::fs::create_dir_all(dir.path().join("themes")).expect("themes");
        let opts = BuildOptions {
            inputs: vec![notes],
            ..BuildOptions::default()
        };
        let key = |o: &BuildOptions| {
            let dirs = Themes::project_dirs(&o.inputs);
            options_key(o, &Themes::load(&dirs, None).expect("themes"))
        };
        let first = key(&opts);
        assert_eq!(key(&opts), first);
        let mut dark = opts.clone();
        dark.meta.theme = "dark".into();
        assert_ne!(key(&dark), first);
        let mut quiet = opts.clone();
        quiet.no_notes = true;
        assert_ne!(key(&quiet), first);
        std::fs::write(dir.path().join("themes/conf.css"), ":root{}").expect("css");
        assert_ne!(key(&opts), first, "a new theme file");
    }
}
