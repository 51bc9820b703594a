//! `notedeck build`'s one pass over a project whose memory does not grow
//! with its talks: every file parsed first for what crosses files (deck
//! order, slugs, merged talks, neighbours), then laid out one file at a
//! time, each deck rendered, handed on and dropped as soon as its files
//! are laid out: the laid-out slides of every talk are never held at once. The recap index, show and reading copy are made
//! from what each deck leaves behind (its rendered slides, miniature and
//! reading-copy part).

use super::assemble::{self, TalkAt};
use super::cache::{self, Whole};
use super::file::{self, LaidFile};
use super::{lint, BuildOptions, PageSink, Project, Streamed};
use crate::deck::Deck;
use crate::diag::Diagnostic;
use crate::render::{self, read::ReadTalk, Assets};
use crate::services::theme::Themes;
use crate::source::SourceFile;
use crate::Error;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Compiles `sources` and hands each page to `sink` as it is rendered;
/// the same pages and findings as a whole build (`Compiler::build`).
/// `shed`: each deck drops its slides once rendered (else the project
/// comes back with every deck's slides, as a whole build's does).
pub(crate) fn build_into(
    opts: &BuildOptions,
    sources: Vec<SourceFile>,
    mut errors: Vec<Error>,
    sink: &mut dyn PageSink,
    shed: bool,
) -> Result<Streamed, Error> {
    let themes = Themes::load_capped(
        &Themes::project_dirs(&opts.inputs),
        opts.theme_base.as_deref(),
        opts.meta.limits.themes,
    )?;
    // First pass: parsed, not laid out.
    let skeletons: Vec<Result<LaidFile, Error>> = sources
        .par_iter()
        .map(|src| file::skeleton(src, opts, &themes))
        .collect();
    let mut project = Project {
        sources: sources.iter().map(|s| s.path.clone()).collect(),
        ..Project::default()
    };
    let mut files = Vec::with_capacity(sources.len());
    let mut kept: Vec<SourceFile> = Vec::with_capacity(sources.len());
    for (src, laid) in sources.into_iter().zip(skeletons) {
        match laid {
            Ok(f) => {
                files.push(f);
                kept.push(src);
            }
            Err(e) => errors.push(e),
        }
    }
    let parts = assemble::assemble_traced(&files, &mut project, None);
    drop(files);
    lint::project(&project.decks, &mut project.diagnostics);
    project.diagnostics.extend(themes.warnings.iter().cloned());
    project.errors = errors;
    themes.get(&opts.meta.theme)?;
    let assets = Assets {
        themes,
        no_notes: opts.no_notes,
        live: opts.live,
    };
    let taken = sink.begin(&project);
    let mut stream = Stream::new(&project, parts, kept.len(), opts.with_notes, taken);
    stream.shed = shed;
    // One file at a time, its decks rendered side by side: two files
    // laid out at once left more of the heap behind (429 against 363 MB
    // at 30,000 talks in 10 files) and were no faster.
    for (at, src) in kept.into_iter().enumerate() {
        let laid = file::lay_out_reusing(&src, opts, &assets.themes, None, false)?;
        drop(src);
        project.diagnostics.extend(laid.diagnostics.iter().cloned());
        stream.laid[at] = Some(laid);
        stream.advance(&mut project, at + 1, &assets, sink)?;
    }
    let Stream {
        views,
        thumbs,
        read,
        render_diags,
        taken,
        ..
    } = stream;
    cache::add_render_findings(&mut project, render_diags);
    let mut taken = taken;
    let mut hand = |path: &str, html: &str| {
        if taken.is_ok() {
            taken = sink.page(path, html);
        }
    };
    let title = super::recap_title(opts, &project.decks);
    let whole = Whole {
        decks: &project.decks,
        views: &views,
        thumbs: &thumbs,
        title: &title,
        assets: &assets,
        with_notes: opts.with_notes,
    };
    hand(super::INDEX_PAGE, &whole.index()?.html);
    drop(thumbs);
    let whole = Whole {
        decks: &project.decks,
        views: &views,
        thumbs: &[],
        title: &title,
        assets: &assets,
        with_notes: opts.with_notes,
    };
    hand(render::recap::RECAP_PAGE, &whole.show()?.html);
    drop(views);
    let read = render::read::render_read_from(&project.decks, read, &title, opts.with_notes)?;
    hand(render::read::READ_PAGE, &read);
    drop(read);
    Ok(Streamed {
        project,
        sink: taken,
    })
}

/// The second pass's state: files laid out and not yet used up, decks
/// assembled and not yet shed, and what each finished deck left behind.
struct Stream {
    /// Per deck, the talks it is made of.
    parts: Vec<Vec<TalkAt>>,
    /// Per deck, the last file it needs (files are laid out in order).
    ready_after: Vec<usize>,
    /// Per file, the last file laid out before it can go: every deck
    /// it has a talk in is assembled by then.
    needed_until: Vec<usize>,
    laid: Vec<Option<LaidFile>>,
    /// Decks assembled with their slides, waiting for their reading-copy
    /// part (which numbers slides after every deck before it).
    full: Vec<Option<Deck>>,
    /// Decks assembled so far, by index (the first not yet assembled
    /// is where `assembled` stops being true).
    assembled: Vec<bool>,
    ids: Vec<String>,
    with_notes: bool,
    /// The next deck whose reading-copy part is due, and the slides
    /// numbered before it.
    next_read: usize,
    slide_no: usize,
    views: Vec<render::Views>,
    thumbs: Vec<Option<std::sync::Arc<render::SlideView>>>,
    read: Vec<ReadTalk>,
    render_diags: BTreeMap<String, Vec<Diagnostic>>,
    /// The sink's answer so far: after an `Err` it gets no more pages.
    taken: Result<(), Error>,
    /// Whether a deck drops its slides once rendered.
    shed: bool,
}

impl Stream {
    fn new(
        project: &Project,
        parts: Vec<Vec<TalkAt>>,
        files: usize,
        with_notes: bool,
        taken: Result<(), Error>,
    ) -> Self {
        let n = project.decks.len();
        let ready_after: Vec<usize> = parts
            .iter()
            .map(|p| p.iter().map(|&(f, _, _)| f).max().unwrap_or(0))
            .collect();
        let mut needed_until: Vec<usize> = (0..files).collect();
        for (p, &r) in parts.iter().zip(&ready_after) {
            for &(f, _, _) in p {
                if let Some(u) = needed_until.get_mut(f) {
                    *u = (*u).max(r);
                }
            }
        }
        Stream {
            parts,
            ready_after,
            needed_until,
            laid: (0..files).map(|_| None).collect(),
            full: (0..n).map(|_| None).collect(),
            assembled: vec![false; n],
            ids: render::recap::talk_ids(&project.decks),
            with_notes,
            next_read: 0,
            slide_no: 0,
            views: vec![render::Views::default(); n],
            thumbs: vec![None; n],
            read: Vec::with_capacity(n),
            render_diags: BTreeMap::new(),
            taken,
            shed: true,
        }
    }

    /// After the files before `laid_out` are laid out: assembles, renders
    /// and hands on every deck they complete, renders the reading-copy
    /// parts now due, and drops what is no longer needed.
    fn advance(
        &mut self,
        project: &mut Project,
        laid_out: usize,
        assets: &Assets,
        sink: &mut dyn PageSink,
    ) -> Result<(), Error> {
        let fresh: Vec<usize> = (0..project.decks.len())
            .filter(|&i| !self.assembled[i] && self.ready_after[i] < laid_out)
            .collect();
        for &i in &fresh {
            self.full[i] = Some(self.assemble(&project.decks[i], i)?);
            self.assembled[i] = true;
        }
        for (f, laid) in self.laid.iter_mut().enumerate().take(laid_out) {
            if self.needed_until[f] < laid_out {
                *laid = None;
            }
        }
        self.render(&fresh, assets, sink)?;
        self.read_due(project);
        Ok(())
    }

    /// Deck `i` with its slides: the talks it is made of, taken from the
    /// laid-out files, joined as `assemble` joined them without slides.
    fn assemble(&self, skeleton: &Deck, i: usize) -> Result<Deck, Error> {
        let lost = || Error::Setup(format!("internal: talk of {} not laid out", skeleton.path));
        let mut talks = self.parts[i].iter().map(|&(f, g, t)| {
            let file = self.laid.get(f).and_then(Option::as_ref).ok_or_else(lost)?;
            let talk = file
                .groups
                .get(g)
                .and_then(|g| g.talks.get(t))
                .ok_or_else(lost)?;
            Ok::<_, Error>((file, talk))
        });
        let (_, first) = talks.next().ok_or_else(lost)??;
        if first.line != skeleton.line {
            return Err(lost());
        }
        let mut d = Deck {
            slides: first.slides.clone(),
            positions: first.positions.clone(),
            sections: Vec::new(),
            ..skeleton.clone()
        };
        for part in talks {
            let (file, talk) = part?;
            assemble::join(&mut d, talk, &assemble::talk_meta(file, talk), &file.path);
        }
        Ok(d)
    }

    /// Renders the decks `fresh` on rayon's threads and hands each page on
    /// from this one as it comes; keeps what the index and show need.
    fn render(
        &mut self,
        fresh: &[usize],
        assets: &Assets,
        sink: &mut dyn PageSink,
    ) -> Result<(), Error> {
        let full = &self.full;
        // The bounded channel holds the pages between renderers and sink.
        let (tx, rx) =
            std::sync::mpsc::sync_channel::<(usize, Result<cache::CachedPage, Error>)>(32);
        std::thread::scope(|s| {
            s.spawn(|| {
                fresh.par_iter().try_for_each_with(tx, |tx, &i| {
                    let Some(d) = full[i].as_ref() else {
                        return Ok(());
                    };
                    // Fails only once the receiver stopped: stop too.
                    tx.send((i, cache::render_page(d, assets))).map_err(drop)
                })
            });
            // Returning early drops `rx`: the renderers stop at their next send.
            for (i, page) in rx {
                let page = page?;
                if self.taken.is_ok() {
                    self.taken = sink.page(&page.deck.path, &page.html);
                }
                self.views[i] = page.views;
                self.thumbs[i] = page.thumb;
                if !page.diags.is_empty() {
                    self.render_diags.insert(page.deck.path, page.diags);
                }
            }
            Ok::<(), Error>(())
        })
    }

    /// Renders the reading-copy part of every deck whose decks before it
    /// are all assembled (their slides number the footnotes), then sheds
    /// those decks into `project`.
    fn read_due(&mut self, project: &mut Project) {
        let start = self.next_read;
        let mut end = start;
        while end < self.assembled.len() && self.assembled[end] {
            end += 1;
        }
        let full = &self.full;
        let count = |i: usize| full[i].as_ref().map_or(0, |d| d.slides.len());
        // Each talk numbers all its slides: their starts are known ahead,
        // so the parts render side by side (checked below).
        let mut from = Vec::with_capacity(end - start);
        let mut no = self.slide_no;
        for i in start..end {
            from.push(no);
            no += count(i);
        }
        let decks = &project.decks;
        let part = |i: usize, no: usize| {
            full[i].as_ref().map(|d| {
                let first = render::read::first_of_group(decks, i);
                render::read::read_talk(d, &self.ids[i], first, no, self.with_notes)
            })
        };
        let mut talks: Vec<Option<ReadTalk>> = (start..end)
            .into_par_iter()
            .map(|i| part(i, from[i - start]))
            .collect();
        let exact = talks
            .iter()
            .zip(start..end)
            .all(|(t, i)| t.as_ref().map(ReadTalk::numbered) == Some(count(i)));
        if !exact {
            let mut no = self.slide_no;
            talks = (start..end)
                .map(|i| {
                    let t = part(i, no);
                    no += t.as_ref().map_or(0, ReadTalk::numbered);
                    t
                })
                .collect();
        }
        for (i, t) in (start..end).zip(talks) {
            let Some(t) = t else { continue };
            self.slide_no += t.numbered();
            self.read.push(t);
            if let Some(mut d) = self.full[i].take() {
                if self.shed {
                    d.shed();
                }
                project.decks[i] = d;
            }
        }
        self.next_read = end;
    }
}
