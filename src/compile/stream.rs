//! `notedeck build`'s one pass over a project whose memory does not grow
//! with its talks: every file parsed first for what crosses files (deck
//! order, slugs, merged talks, neighbours), then laid out one file at a
//! time, each deck rendered, handed on and dropped as soon as its files
//! are laid out: the laid-out slides of every talk are never held at once.
//! The recap index, show and reading copy are written in parts as each
//! deck finishes (in deck order): its reading-copy section at once, its
//! index card and show slides spooled until the heads, which count every
//! slide, are known.

use super::assemble::{self, TalkAt};
use super::cache;
use super::file::{self, LaidFile};
use super::Written;
use super::{lint, BuildOptions, PageSink, Project, Streamed};
use crate::deck::Deck;
use crate::diag::Diagnostic;
use crate::render::{self, read::ReadTalk, Assets};
use crate::services::theme::Themes;
use crate::source::SourceFile;
use crate::Error;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};

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
    // First pass: parsed, not laid out. The parses of the first files, up
    // to KEEP_PARSED bytes of notes, are kept for their layout, which then
    // need not parse them again; the rest are parsed twice, so memory
    // stays flat however many talks.
    let mut budget = KEEP_PARSED;
    let keep: Vec<bool> = sources
        .iter()
        .map(|src| {
            let keep = src.text.len() <= budget;
            if keep {
                budget -= src.text.len();
            }
            keep
        })
        .collect();
    let (skeletons, parses) = first_pass(&sources, &keep, opts, &themes);
    let mut project = Project {
        sources: sources.iter().map(|s| s.path.clone()).collect(),
        ..Project::default()
    };
    let mut files = Vec::with_capacity(sources.len());
    let mut kept: Vec<(SourceFile, Option<file::Parsed>)> = Vec::with_capacity(sources.len());
    for ((src, laid), parsed) in sources.into_iter().zip(skeletons).zip(parses) {
        match laid {
            Ok(f) => {
                files.push(f);
                kept.push((src, parsed));
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
    let title = super::recap_title(opts, &project.decks);
    let mut stream = Stream::new(&project, parts, kept.len(), opts.with_notes, taken, &title);
    stream.shed = shed;
    stream.cards = Spool::new(sink.scratch())?;
    stream.slides = Spool::new(sink.scratch())?;
    stream.open_read(&project, &title, sink)?;
    // One file at a time, its decks rendered side by side: two files
    // laid out at once left more of the heap behind (429 against 363 MB
    // at 30,000 talks in 10 files) and were no faster.
    for (at, (src, parsed)) in kept.into_iter().enumerate() {
        let laid = match parsed {
            Some(p) => file::lay_out_kept(p, opts, &assets.themes),
            None => file::lay_out_reusing(&src, opts, &assets.themes, None, false)?,
        };
        drop(src);
        project.diagnostics.extend(laid.diagnostics.iter().cloned());
        stream.laid[at] = Some(laid);
        stream.advance(&mut project, at + 1, &assets, sink)?;
    }
    stream.finish(&mut project, &title, &assets, sink)
}

/// Each file's skeleton and, where `keep` says, its parse. The files
/// kept parsed go on this thread and one more, each taking the next: not
/// on rayon's threads, as a thread of its own ends with them and the
/// memory it freed goes back to the allocator for the others (on rayon's
/// it stayed with the pool: 256 against 220 MB at 30,000 talks). The rest
/// go one at a time on this thread: two parses dropped side by side would
/// raise the peak (230–270 against 203 MB at 30,000).
#[allow(clippy::type_complexity)]
fn first_pass(
    sources: &[SourceFile],
    keep: &[bool],
    opts: &BuildOptions,
    themes: &Themes,
) -> (Vec<Result<LaidFile, Error>>, Vec<Option<file::Parsed>>) {
    let (kept, rest): (Vec<usize>, Vec<usize>) = (0..sources.len()).partition(|&i| keep[i]);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(&i) = kept.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((i, file::skeleton_keeping(&sources[i], opts, themes, true)));
        }
        done
    };
    let helper = kept.len() > 1 && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    let mut done = std::thread::scope(|s| {
        let other = helper.then(|| s.spawn(work));
        let mut done = work();
        if let Some(h) = other {
            match h.join() {
                Ok(more) => done.extend(more),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    for i in rest {
        done.push((i, file::skeleton_keeping(&sources[i], opts, themes, false)));
    }
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter()
        .map(|(_, r)| match r {
            Ok((laid, parsed)) => (Ok(laid), parsed),
            Err(e) => (Err(e), None),
        })
        .unzip()
}

/// How much notes text (bytes) a build keeps parsed from its first pass
/// to its layout. A parse takes about ten times its text: 10,000 talks
/// (6.0 MB of notes, all kept) peak at 124 against 65 MB parsed twice,
/// 30,000 (three of ten files kept) at about 230 against 175 MB (on
/// glibc's malloc; on mimalloc, the binary's allocator, 164 and 222 MB).
const KEEP_PARSED: usize = 6 << 20;

/// A page's parts kept in order until the page can be written: the
/// index's cards and the show's slides wait for their page's head, which
/// counts every slide (and the show's slides for their plan). In an
/// unnamed file beside the output when the sink gives a folder, so they
/// take no memory (and vanish with the process), else in memory.
#[derive(Default)]
struct Spool {
    file: Option<std::io::BufWriter<std::fs::File>>,
    mem: Vec<u8>,
    at: std::path::PathBuf,
}

impl Spool {
    fn new(dir: Option<&std::path::Path>) -> Result<Self, Error> {
        let file = match dir {
            Some(d) => Some(std::io::BufWriter::new(
                tempfile::tempfile_in(d).map_err(|e| Error::io(d, e))?,
            )),
            None => None,
        };
        Ok(Spool {
            file,
            mem: Vec::new(),
            at: dir.map(std::path::Path::to_path_buf).unwrap_or_default(),
        })
    }

    /// One part, after those before it.
    fn push(&mut self, part: &str) -> Result<(), Error> {
        use std::io::Write;
        let len = (part.len() as u64).to_le_bytes();
        match &mut self.file {
            Some(f) => f
                .write_all(&len)
                .and_then(|()| f.write_all(part.as_bytes()))
                .map_err(|e| Error::io(&self.at, e)),
            None => {
                self.mem.extend_from_slice(&len);
                self.mem.extend_from_slice(part.as_bytes());
                Ok(())
            }
        }
    }

    /// The parts, in order, to read back once.
    fn reader(self) -> Result<SpoolReader, Error> {
        use std::io::Seek;
        let at = self.at;
        let read: Box<dyn std::io::Read> = match self.file {
            Some(f) => {
                let mut f = f.into_inner().map_err(|e| Error::io(&at, e.into_error()))?;
                f.rewind().map_err(|e| Error::io(&at, e))?;
                Box::new(std::io::BufReader::new(f))
            }
            None => Box::new(std::io::Cursor::new(self.mem)),
        };
        Ok(SpoolReader { read, at })
    }
}

/// A [`Spool`] read back.
struct SpoolReader {
    read: Box<dyn std::io::Read>,
    at: std::path::PathBuf,
}

impl SpoolReader {
    /// The next part; `None` after the last.
    fn next(&mut self) -> Result<Option<String>, Error> {
        let at = &self.at;
        let io = |e: std::io::Error| Error::io(at, e);
        let bad = |e: &dyn std::fmt::Display| {
            io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                e.to_string(),
            ))
        };
        let mut len = [0; 8];
        match self.read.read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(io(e)),
        }
        let n = usize::try_from(u64::from_le_bytes(len)).map_err(|e| bad(&e))?;
        let mut part = vec![0; n];
        self.read.read_exact(&mut part).map_err(io)?;
        String::from_utf8(part).map(Some).map_err(|e| bad(&e))
    }

    /// The next part, which must be there.
    fn expect(&mut self) -> Result<String, Error> {
        self.next()?
            .ok_or_else(|| Error::Setup("internal: a spooled part went missing".into()))
    }
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
    /// Slides and miniatures waiting for their show part and card (each
    /// goes in deck order).
    views: Vec<render::Views>,
    /// Miniatures waiting for their card (cards go in deck order).
    thumbs: Vec<Option<std::sync::Arc<render::SlideView>>>,
    /// The features of each deck's slides and of its miniature, as its
    /// render found them.
    features: Vec<(render::css::Features, render::css::Features)>,
    /// The index's cards so far, and the styles their miniatures need.
    index: render::IndexParts,
    index_css: render::css::Features,
    cards: Spool,
    /// The show's talks so far: their slides in parts, each talk's slide
    /// count, the styles they need.
    show: render::recap::ShowParts,
    slides: Spool,
    show_slides: Vec<usize>,
    show_css: render::css::Features,
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
        title: &str,
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
            features: vec![Default::default(); n],
            index: render::IndexParts::new(render::IndexParts::count_groups(&project.decks), title),
            index_css: render::IndexParts::features(),
            cards: Spool::default(),
            show: render::recap::ShowParts::new(&project.decks),
            slides: Spool::default(),
            show_slides: vec![0; n],
            show_css: render::css::Features::default(),
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
        self.due(project, sink)
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
        // Writing a page costs about what rendering it does: where the sink
        // allows, the renderers write their own pages, side by side, and
        // this thread only records them.
        let target = if self.taken.is_ok() {
            sink.target()
        } else {
            None
        };
        // Once a write failed, the rest go through the sink, which takes none.
        let failed = AtomicBool::new(false);
        // A page its renderer wrote (and dropped), or its HTML for the sink.
        enum Handed {
            Put(Result<Written, Error>),
            Html(String),
        }
        type Rendered = (usize, Result<(cache::CachedPage, Handed), Error>);
        // The bounded channel holds the pages between renderers and sink,
        // a few at a time: one message per page kept this thread and the
        // renderers taking turns at the channel's lock (2% of the CPU).
        const BATCH: usize = 8;
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Rendered>>(32 / BATCH);
        std::thread::scope(|s| {
            s.spawn(|| {
                fresh.par_chunks(BATCH).try_for_each_with(tx, |tx, batch| {
                    let mut done = Vec::with_capacity(batch.len());
                    for &i in batch {
                        let Some(d) = full[i].as_ref() else {
                            continue;
                        };
                        let page =
                            cache::render_page_apart(d, assets, true).map(
                                |(p, html)| match &target {
                                    Some(t) if !failed.load(Ordering::Relaxed) => {
                                        let put = t.write(&p.deck.path, &html.slices());
                                        if put.as_ref().map_or(true, |p| p.failed()) {
                                            failed.store(true, Ordering::Relaxed);
                                        }
                                        (p, Handed::Put(put))
                                    }
                                    _ => (p, Handed::Html(html.into_string())),
                                },
                            );
                        done.push((i, page));
                    }
                    // Fails only once the receiver stopped: stop too.
                    tx.send(done).map_err(drop)
                })
            });
            // Returning early drops `rx`: the renderers stop at their next send.
            for (i, page) in rx.into_iter().flatten() {
                let (page, handed) = page?;
                if self.taken.is_ok() {
                    self.taken = match handed {
                        Handed::Put(Ok(put)) => sink.written(&page.deck.path, put),
                        Handed::Put(Err(e)) => Err(e),
                        Handed::Html(html) => sink.page(&page.deck.path, &html),
                    };
                }
                self.views[i] = page.views;
                self.thumbs[i] = page.thumb;
                self.features[i] = (page.features, page.thumb_features);
                if !page.diags.is_empty() {
                    self.render_diags.insert(page.deck.path, page.diags);
                }
            }
            Ok::<(), Error>(())
        })
    }

    /// Hands `part` of the page `path` (open) to the sink, unless it failed.
    fn part(&mut self, sink: &mut dyn PageSink, path: &str, part: &str) {
        if self.taken.is_ok() {
            self.taken = sink.part(path, part);
        }
    }

    /// Opens the reading copy with its head: it needs no slides, so each
    /// talk's part follows as soon as it is due.
    fn open_read(
        &mut self,
        project: &Project,
        title: &str,
        sink: &mut dyn PageSink,
    ) -> Result<(), Error> {
        let head = render::read::read_head(&project.decks, title)?;
        if self.taken.is_ok() {
            self.taken = sink.open(render::read::READ_PAGE);
        }
        self.part(sink, render::read::READ_PAGE, &head);
        Ok(())
    }

    /// After the last file: the index (head, the spooled cards, tail),
    /// the show (from the decks' rendered slides) and the reading copy's
    /// tail, each written in parts.
    fn finish(
        mut self,
        project: &mut Project,
        title: &str,
        assets: &Assets,
        sink: &mut dyn PageSink,
    ) -> Result<Streamed, Error> {
        cache::add_render_findings(project, std::mem::take(&mut self.render_diags));
        if self.taken.is_ok() {
            self.write_index_and_show(project, title, assets, sink)?;
        }
        let tail = render::read::read_tail()?;
        self.part(sink, render::read::READ_PAGE, &tail);
        if self.taken.is_ok() {
            self.taken = sink.close(render::read::READ_PAGE);
        }
        Ok(Streamed {
            project: std::mem::take(project),
            sink: self.taken,
        })
    }

    /// The index (head, the spooled cards, tail) and the show (head, the
    /// spooled slides with their planned starts and the slide count put
    /// between their parts, tail), each handed on in parts.
    fn write_index_and_show(
        &mut self,
        project: &Project,
        title: &str,
        assets: &Assets,
        sink: &mut dyn PageSink,
    ) -> Result<(), Error> {
        let end = self.index.end()?;
        self.cards.push(&end)?;
        let index_css = std::mem::take(&mut self.index_css);
        let (head, tail) = render::index_head_tail(&project.decks, title, assets, index_css)?;
        let mut cards = std::mem::replace(&mut self.cards, Spool::new(None)?).reader()?;
        self.whole(sink, super::INDEX_PAGE, |out| {
            out(&head)?;
            while let Some(card) = cards.next()? {
                out(&card)?;
            }
            out(&tail)
        })?;
        drop(cards);
        // The show's slides, their planned starts and the show's slide
        // count put between their parts now that every count is known.
        let total = self.show.total();
        let render::recap::ShowFrame { head, tail, plan } =
            render::recap::show_frame(&project.decks, title, assets, self.show_css, total)?;
        let total = total.to_string();
        let counts = std::mem::take(&mut self.show_slides);
        let mut slides = std::mem::replace(&mut self.slides, Spool::new(None)?).reader()?;
        self.whole(sink, render::recap::RECAP_PAGE, |out| {
            out(&head)?;
            for (i, &count) in counts.iter().enumerate() {
                let at = plan.as_ref().and_then(|p| p.get(i));
                for k in 0..count {
                    out(&slides.expect()?)?;
                    out(&render::recap::at_attr(at.and_then(|a| a.get(k).copied()))?)?;
                    out(&slides.expect()?)?;
                    out(&total)?;
                    out(&slides.expect()?)?;
                }
            }
            out(&tail)
        })
    }

    /// Page `path` written in parts by `write`, opened and closed here.
    fn whole(
        &mut self,
        sink: &mut dyn PageSink,
        path: &str,
        write: impl FnOnce(&mut dyn FnMut(&str) -> Result<(), Error>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if self.taken.is_ok() {
            self.taken = sink.open(path);
        }
        let taken = &mut self.taken;
        write(&mut |part| {
            if taken.is_ok() {
                *taken = sink.part(path, part);
            }
            Ok(())
        })?;
        if self.taken.is_ok() {
            self.taken = sink.close(path);
        }
        Ok(())
    }

    /// Renders the reading-copy part and index card of every deck whose
    /// decks before it are all assembled (their slides number the
    /// footnotes; the cards go in order), hands them on, then sheds those
    /// decks into `project`.
    fn due(&mut self, project: &mut Project, sink: &mut dyn PageSink) -> Result<(), Error> {
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
                let first = render::opens_group(decks, i);
                let views = &self.views[i];
                render::read::read_talk(d, &self.ids[i], first, no, self.with_notes, views)
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
            if self.taken.is_ok() {
                let part = render::read::read_part(&t, self.with_notes)?;
                self.part(sink, render::read::READ_PAGE, &part);
            }
            drop(t);
            if let Some(mut d) = self.full[i].take() {
                if self.shed {
                    d.shed();
                }
                project.decks[i] = d;
            }
            if self.taken.is_ok() {
                self.spool(project, i)?;
            }
            self.thumbs[i] = None;
            self.views[i] = render::Views::default();
        }
        self.next_read = end;
        Ok(())
    }

    /// Spools deck `i`'s index card and show slides (from the deck as it
    /// now stands: its slide count).
    fn spool(&mut self, project: &Project, i: usize) -> Result<(), Error> {
        let thumb = self.thumbs[i].take();
        let (features, thumb_features) = std::mem::take(&mut self.features[i]);
        self.index_css = self.index_css | thumb_features;
        let card = self.index.deck(&project.decks, i, thumb)?;
        self.cards.push(&card)?;
        let views = std::mem::take(&mut self.views[i]);
        self.show_css = self.show_css | features;
        let (show, slides) = (&mut self.show, &mut self.slides);
        self.show_slides[i] =
            show.write_talk(&project.decks, i, &self.ids[i], &views, &mut |part| {
                slides.push(part)
            })?;
        Ok(())
    }
}
