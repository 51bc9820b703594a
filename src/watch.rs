//! Watching the inputs with notify (native events or its poller). Folders are
//! watched, never single files (inotify follows inodes, so a rename-over
//! save would end a file watch); the parent of each input folder is
//! watched too, so a deleted and recreated input folder is picked up
//! again. Access events (notify reports plain reads) are ignored, so the
//! build reading its inputs never triggers another build; editor temp
//! files and the output folder are ignored. A burst of events becomes one
//! batch once no relevant event came for [`QUIET`]; events that arrive
//! during a build make one more; a batch ends at once when the file it
//! changed is closed after writing. (notify-debouncer-full was used before:
//! it wakes every quarter timeout even when idle and hands nothing on
//! before its whole timeout, 20 ms of every save → visible.)

use crate::paths::absolute;
use crate::Error;
use notify::event::{CreateKind, EventKind, RemoveKind};
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the watched files must be quiet before a burst of events
/// (an editor's temp file, write and rename) is handed on as one batch.
pub const QUIET: Duration = Duration::from_millis(4);
/// The longest a batch waits for quiet while events keep coming.
const MAX_WAIT: Duration = Duration::from_millis(200);
/// How long a notes file that is empty mid-save may take to fill.
const SETTLE: Duration = Duration::from_millis(250);

fn is_empty_notes(p: &Path) -> bool {
    crate::source::is_notes_file(p)
        && std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() == 0)
}

/// Which paths matter. Pure, so it is unit-tested without a filesystem.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Input folders (absolute), watched recursively.
    pub dirs: Vec<PathBuf>,
    /// Input files (absolute).
    pub files: HashSet<PathBuf>,
    /// Folders never looked at (the output folder).
    pub excluded: Vec<PathBuf>,
    /// Files the last build read.
    pub sources: HashSet<PathBuf>,
    /// The `themes/` folders the build looks in (absolute), whether or not
    /// they exist yet: one created later counts.
    pub themes: Vec<PathBuf>,
    /// Image files the last build's decks name (absolute), wherever they
    /// are: changed, replaced, deleted or created, they count.
    pub images: HashSet<PathBuf>,
}

/// Editor and tool leftovers that never trigger a rebuild.
pub fn is_junk(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with('#')
        || name == "4913"
        || name.contains("___jb_")
        || [".swp", ".swx", ".bak", ".tmp", ".orig", ".crdownload"]
            .iter()
            .any(|s| name.ends_with(s))
}

impl Filter {
    /// True when a change at `path` may change the build. `folder` is set
    /// when the event says the path is (was) a folder.
    pub fn relevant(&self, path: &Path, folder: bool) -> bool {
        if self.excluded.iter().any(|x| path.starts_with(x)) {
            return false;
        }
        // An image or a folder on its way (created, renamed, deleted).
        if self.images.iter().any(|i| i.starts_with(path)) {
            return true;
        }
        // An input folder itself or one of its ancestors (deleted, renamed, recreated).
        if self.dirs.iter().any(|d| d.starts_with(path)) || self.files.contains(path) {
            return true;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        if name == "notedeck.toml" {
            return true;
        }
        // A themes folder, or a folder on its way to one.
        if self.themes.iter().any(|t| t.starts_with(path)) {
            return true;
        }
        if self.themes.iter().any(|t| path.starts_with(t)) {
            return !is_junk(&name);
        }
        for d in &self.dirs {
            if let Ok(rel) = path.strip_prefix(d) {
                // Hidden folders and editor files are never read by a build.
                if rel
                    .components()
                    .any(|c| is_junk(&c.as_os_str().to_string_lossy()))
                {
                    return false;
                }
                return crate::source::is_notes_file(path)
                    || folder
                    || path.is_dir()
                    || self.sources.iter().any(|s| s.starts_with(path));
            }
        }
        self.sources.contains(path)
    }

    /// True when an event asks for a rebuild.
    pub fn wants(&self, event: &notify::Event) -> bool {
        if event.need_rescan() {
            return true;
        }
        let folder = match event.kind {
            EventKind::Access(_) => return false,
            EventKind::Create(CreateKind::Folder) | EventKind::Remove(RemoveKind::Folder) => true,
            _ => false,
        };
        event.paths.iter().any(|p| self.relevant(p, folder))
    }
}

/// What [`Watch::next_batch_or_idle`] waited for.
#[derive(Debug)]
pub enum Waited {
    Batch(Batch),
    /// No change began within the idle time.
    Idle,
    /// `stop` was set, or the watcher is gone.
    Stopped,
}

/// A batch of changes, debounced.
#[derive(Debug, Default)]
pub struct Batch {
    pub paths: Vec<PathBuf>,
    /// A rescan, overflow or watcher error: rebuild everything.
    pub rescan: bool,
    /// Watcher trouble worth telling the user (each once per batch).
    pub warnings: Vec<String>,
}

/// Native events (inotify, FSEvents, …) or polling, for filesystems that
/// send no events (network mounts, some containers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Native,
    Poll(Duration),
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mode::Native => f.write_str("native file events"),
            Mode::Poll(d) => write!(f, "polling every {} ms", d.as_millis()),
        }
    }
}

enum Backend {
    Native(RecommendedWatcher),
    Poll(PollWatcher),
}

impl Backend {
    fn watch(&mut self, p: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Backend::Native(d) => d.watch(p, mode),
            Backend::Poll(d) => d.watch(p, mode),
        }
    }

    fn unwatch(&mut self, p: &Path) {
        let _ = match self {
            Backend::Native(d) => d.unwatch(p),
            Backend::Poll(d) => d.unwatch(p),
        };
    }
}

pub struct Watch {
    backend: Backend,
    rx: Receiver<notify::Result<notify::Event>>,
    pub filter: Filter,
    pub mode: Mode,
    /// Folders whose direct entries we watch (parents of inputs, cwd).
    parents: Vec<PathBuf>,
    /// Warnings already given: a watcher error that repeats (an
    /// unreadable folder) is reported once, not on every rescan.
    reported: HashSet<String>,
    /// When the watches were last re-established, to back off a loop of
    /// errors and rescans.
    last_rewatch: Option<Instant>,
    /// Folders watched (not recursively) for images outside the inputs.
    image_dirs: Vec<PathBuf>,
    /// Watch errors from [`Watch::set_images`], for the next batch.
    pending: Vec<String>,
    /// Poll mode: the known files as last seen (see [`Watch::restamp`]).
    stamps: std::collections::HashMap<PathBuf, Option<crate::paths::Stamp>>,
    last_stamped: Instant,
}

impl Watch {
    /// Starts watching `inputs` (files or folders), ignoring `excluded`.
    pub fn new(inputs: &[PathBuf], excluded: &[PathBuf], mode: Mode) -> Result<Watch, Error> {
        let (tx, rx) = mpsc::channel();
        let backend = match mode {
            Mode::Native => {
                RecommendedWatcher::new(tx, notify::Config::default()).map(Backend::Native)
            }
            Mode::Poll(every) => {
                PollWatcher::new(tx, notify::Config::default().with_poll_interval(every))
                    .map(Backend::Poll)
            }
        }
        .map_err(|e| watch_error(Path::new("."), e))?;
        let mut filter = Filter {
            excluded: excluded.iter().map(|p| absolute(p)).collect(),
            ..Filter::default()
        };
        let mut parents = Vec::new();
        for input in inputs {
            let abs = absolute(input);
            if abs.is_file() {
                filter.files.insert(abs.clone());
            } else {
                filter.dirs.push(abs.clone());
            }
            if let Some(p) = abs.parent() {
                parents.push(p.to_path_buf());
            }
        }
        let cwd = absolute(Path::new("."));
        filter.themes = crate::services::theme::Themes::project_dirs(inputs)
            .iter()
            .map(|t| absolute(t))
            .collect();
        // Its parent is watched, so a themes folder created later is seen
        // (one inside an input folder is covered by that folder's watch).
        let outside = |t: &&PathBuf| !filter.dirs.iter().any(|d| t.starts_with(d));
        let more: Vec<PathBuf> = (filter.themes.iter())
            .filter(outside)
            .filter_map(|t| t.parent().map(Path::to_path_buf))
            .collect();
        parents.extend(more);
        parents.push(cwd);
        parents.sort();
        parents.dedup();
        let mut w = Watch {
            backend,
            rx,
            filter,
            mode,
            parents,
            reported: HashSet::new(),
            last_rewatch: None,
            image_dirs: Vec::new(),
            pending: Vec::new(),
            stamps: Default::default(),
            last_stamped: Instant::now(),
        };
        w.rewatch();
        Ok(w)
    }

    /// (Re)establishes every watch; needed after an input folder was
    /// deleted and recreated (its old watch ended with it). A folder that
    /// cannot be watched is a warning (given once, with the next batch or
    /// [`Watch::take_warnings`]), and the rest is still watched.
    pub fn rewatch(&mut self) {
        for p in self.parents.clone() {
            self.watch_one(&p, RecursiveMode::NonRecursive);
        }
        let mut recursive = self.filter.dirs.clone();
        recursive.extend(self.filter.themes.clone());
        for d in &recursive {
            if d.is_dir() && !self.watch_one(d, RecursiveMode::Recursive) {
                // notify stops at the first folder it cannot read; watch
                // the readable ones one by one instead.
                self.watch_readable(d);
            }
        }
        for d in self.image_dirs.clone() {
            self.watch_one(&d, RecursiveMode::NonRecursive);
        }
    }

    /// Watches `d` afresh; false (with a warning kept) if that failed.
    fn watch_one(&mut self, d: &Path, mode: RecursiveMode) -> bool {
        if !d.is_dir() {
            return true;
        }
        self.backend.unwatch(d);
        match self.backend.watch(d, mode) {
            Ok(()) => true,
            Err(e) => {
                let w = watch_error(d, e).to_string();
                if !self.pending.contains(&w) {
                    self.pending.push(w);
                }
                false
            }
        }
    }

    /// `d` and every folder below it that can be read, each watched on
    /// its own (no symlinks followed).
    fn watch_readable(&mut self, d: &Path) {
        let mut stack = vec![d.to_path_buf()];
        while let Some(dir) = stack.pop() {
            self.backend.unwatch(&dir);
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            if self
                .backend
                .watch(&dir, RecursiveMode::NonRecursive)
                .is_err()
            {
                continue;
            }
            for e in entries.flatten() {
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    let sub = e.path();
                    if !self.filter.excluded.iter().any(|x| sub.starts_with(x)) {
                        stack.push(sub);
                    }
                }
            }
        }
    }

    /// Warnings not given yet (folders that could not be watched).
    pub fn take_warnings(&mut self) -> Vec<String> {
        let mut out = std::mem::take(&mut self.pending);
        out.retain(|w| self.reported.insert(w.clone()));
        out
    }

    /// Watches the folders of the images the last build named that no
    /// other watch covers (their nearest existing folder, so a folder
    /// created later is seen), and lets go of folders no image needs now.
    pub fn set_images(&mut self, images: &[PathBuf]) {
        self.filter.images = images.iter().cloned().collect();
        self.restamp();
        let covered = |d: &Path, f: &Filter, parents: &[PathBuf]| {
            parents.iter().any(|p| p == d)
                || f.dirs
                    .iter()
                    .chain(f.themes.iter())
                    .any(|r| d.starts_with(r))
        };
        let mut want: Vec<PathBuf> = Vec::new();
        for img in images {
            let Some(dir) = img.ancestors().skip(1).find(|a| a.is_dir()) else {
                continue;
            };
            if !covered(dir, &self.filter, &self.parents) && !want.iter().any(|w| w == dir) {
                want.push(dir.to_path_buf());
            }
        }
        want.sort();
        for old in std::mem::take(&mut self.image_dirs) {
            if !want.contains(&old) {
                self.backend.unwatch(&old);
            } else {
                self.image_dirs.push(old);
            }
        }
        for d in want {
            if self.image_dirs.contains(&d) {
                continue;
            }
            match self.backend.watch(&d, RecursiveMode::NonRecursive) {
                Ok(()) => self.image_dirs.push(d),
                Err(e) => self.pending.push(watch_error(&d, e).to_string()),
            }
        }
    }

    /// Remembers what the last build read, so their changes count.
    pub fn set_sources(&mut self, sources: &[PathBuf]) {
        self.filter.sources = sources.iter().map(|s| absolute(s)).collect();
        self.restamp();
    }

    /// In poll mode, what the known files (notes, images) are now: notify's
    /// poller compares whole-second times, so a same-length save within
    /// the second it last looked would go unseen; these stamps catch it.
    fn restamp(&mut self) {
        if matches!(self.mode, Mode::Native) {
            return;
        }
        self.stamps = self
            .filter
            .sources
            .iter()
            .chain(&self.filter.images)
            .map(|p| (p.clone(), crate::paths::stamp(p)))
            .collect();
    }

    /// Known files whose stamp differs from the last [`Watch::restamp`].
    fn restamped(&mut self) -> Vec<PathBuf> {
        let mut changed = Vec::new();
        for (p, s) in &mut self.stamps {
            let now = crate::paths::stamp(p);
            if now != *s {
                *s = now;
                changed.push(p.clone());
            }
        }
        changed
    }

    /// Blocks until a relevant change has settled (or `stop` is set:
    /// `None`). Batches arriving during the following build stay queued
    /// and make exactly one more batch.
    pub fn next_batch(&mut self, stop: &AtomicBool) -> Option<Batch> {
        match self.next_batch_or_idle(stop, None) {
            Waited::Batch(b) => Some(b),
            Waited::Idle | Waited::Stopped => None,
        }
    }

    /// [`Watch::next_batch`], returning [`Waited::Idle`] when no change
    /// starts within `idle` (for work that waits for a quiet moment).
    pub fn next_batch_or_idle(&mut self, stop: &AtomicBool, idle: Option<Duration>) -> Waited {
        let mut batch = Batch::default();
        let tick = match self.mode {
            Mode::Native => Duration::from_millis(100),
            Mode::Poll(every) => every.min(Duration::from_millis(100)),
        };
        let idle_at = idle.map(|d| Instant::now() + d);
        loop {
            if stop.load(Ordering::Relaxed) {
                return Waited::Stopped;
            }
            let now = Instant::now();
            if idle_at.is_some_and(|t| now >= t) {
                return Waited::Idle;
            }
            let tick = idle_at.map_or(tick, |t| tick.min(t - now));
            if let Mode::Poll(every) = self.mode {
                if self.last_stamped.elapsed() >= every {
                    self.last_stamped = Instant::now();
                    let changed = self.restamped();
                    if !changed.is_empty() {
                        batch.paths.extend(changed);
                        break;
                    }
                }
            }
            match self.rx.recv_timeout(tick) {
                Ok(r) => {
                    if self.take(r, &mut batch) {
                        break;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Waited::Stopped,
            }
        }
        // The rest of the burst: until no relevant event for QUIET.
        let started = Instant::now();
        let mut quiet_until = started + QUIET;
        loop {
            let now = Instant::now();
            let until = quiet_until.min(started + MAX_WAIT);
            if now >= until {
                break;
            }
            match self.rx.recv_timeout(until - now) {
                Ok(r) => {
                    let closed = r.as_ref().is_ok_and(|e| closes_the_burst(e, &batch));
                    if self.take(r, &mut batch) {
                        quiet_until = Instant::now() + QUIET;
                    }
                    if closed {
                        break;
                    }
                }
                Err(_) => break,
            }
        }
        // Editors and `git checkout` truncate, then write: give a notes
        // file that is empty right now a moment to fill, so its decks do
        // not vanish for one build.
        let settle = Instant::now() + SETTLE;
        while Instant::now() < settle && batch.paths.iter().any(|p| is_empty_notes(p)) {
            std::thread::sleep(Duration::from_millis(10));
        }
        // Whatever else is already queued joins this batch.
        while let Ok(r) = self.rx.try_recv() {
            self.take(r, &mut batch);
        }
        let roots_touched = batch.paths.iter().any(|p| {
            (self.filter.dirs.iter())
                .chain(&self.filter.themes)
                .any(|d| d.starts_with(p))
        });
        // A rescan after an error re-watches at most every 2 s: an error
        // that comes back on every re-watch must not become a busy loop.
        let backed_off = self
            .last_rewatch
            .is_some_and(|t| t.elapsed() < Duration::from_secs(2));
        if roots_touched || (batch.rescan && !backed_off) {
            self.last_rewatch = Some(Instant::now());
            self.rewatch();
        }
        if batch.rescan && backed_off {
            std::thread::sleep(Duration::from_millis(500));
        }
        batch.warnings.append(&mut self.pending);
        let reported = &mut self.reported;
        batch.warnings.retain(|w| reported.insert(w.clone()));
        Waited::Batch(batch)
    }

    /// Adds one watcher event to `batch`; true if it asks for a rebuild.
    fn take(&self, r: notify::Result<notify::Event>, batch: &mut Batch) -> bool {
        match r {
            Ok(ev) => {
                if !self.filter.wants(&ev) {
                    return false;
                }
                batch.rescan |= ev.need_rescan();
                for p in ev.paths {
                    if !batch.paths.contains(&p) {
                        batch.paths.push(p);
                    }
                }
                true
            }
            Err(e) => {
                let w = format!("file watcher: {e}; rebuilding everything");
                if !batch.warnings.contains(&w) {
                    batch.warnings.push(w);
                }
                batch.rescan = true;
                true
            }
        }
    }
}

/// Whether `event` closes, after writing, every file it names and the
/// batch changed: that save is whole, so the batch need not wait out the
/// rest of [`QUIET`] (a save → shown is ~30 ms at 1,000 talks; this is
/// 4 of them). A burst over several files (a checkout) may then make two
/// builds instead of one.
fn closes_the_burst(event: &notify::Event, batch: &Batch) -> bool {
    use notify::event::{AccessKind, AccessMode};
    matches!(
        event.kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
    ) && !batch.rescan
        && !event.paths.is_empty()
        && event.paths.iter().all(|p| batch.paths.contains(p))
}

fn watch_error(path: &Path, e: notify::Error) -> Error {
    let mut message = format!("cannot watch for changes: {e}");
    if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) || e.to_string().contains("No space left")
    {
        message.push_str(" (raise the sysctl fs.inotify.max_user_watches)");
    }
    Error::Input {
        path: path.to_path_buf(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, DataChange, ModifyKind, RenameMode};

    fn filter() -> Filter {
        Filter {
            dirs: vec![PathBuf::from("/p/talks")],
            files: [PathBuf::from("/p/extra.md")].into_iter().collect(),
            excluded: vec![PathBuf::from("/p/talks/out")],
            sources: [
                PathBuf::from("/p/talks/a.md"),
                PathBuf::from("/p/talks/sub/b.md"),
            ]
            .into_iter()
            .collect(),
            themes: Vec::new(),
            images: [PathBuf::from("/p/assets/logo.png")].into_iter().collect(),
        }
    }

    fn ev(kind: EventKind, p: &str) -> notify::Event {
        notify::Event::new(kind).add_path(PathBuf::from(p))
    }

    #[test]
    fn closing_a_written_file_of_the_batch_ends_the_burst() {
        use notify::event::AccessMode;
        let close = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let batch = Batch {
            paths: vec![PathBuf::from("/p/talks/a.md")],
            ..Batch::default()
        };
        assert!(closes_the_burst(&ev(close, "/p/talks/a.md"), &batch));
        // Another file, a read, or a write still going on: wait for quiet.
        assert!(!closes_the_burst(&ev(close, "/p/talks/b.md"), &batch));
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(!closes_the_burst(&ev(read, "/p/talks/a.md"), &batch));
        let m = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert!(!closes_the_burst(&ev(m, "/p/talks/a.md"), &batch));
        let rescan = Batch {
            rescan: true,
            ..batch
        };
        assert!(!closes_the_burst(&ev(close, "/p/talks/a.md"), &rescan));
    }

    #[test]
    fn notes_changes_count() {
        let f = filter();
        let m = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert!(f.wants(&ev(m, "/p/talks/a.md")));
        assert!(f.wants(&ev(m, "/p/talks/new.md")));
        for other in ["deck.qmd", "a.markdown", "b.MDOWN", "c.mkd"] {
            assert!(f.wants(&ev(m, &format!("/p/talks/{other}"))), "{other}");
        }
        assert!(f.wants(&ev(m, "/p/extra.md")));
        let to = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert!(f.wants(&ev(to, "/p/talks/a.md")), "rename-over save");
        assert!(f.wants(&ev(EventKind::Create(CreateKind::Folder), "/p/talks/2025")));
        assert!(f.wants(&ev(EventKind::Remove(RemoveKind::Any), "/p/talks/sub")));
        assert!(f.wants(&ev(EventKind::Remove(RemoveKind::Folder), "/p/talks")));
        assert!(f.wants(&ev(EventKind::Create(CreateKind::Folder), "/p")));
        assert!(f.wants(&ev(m, "/p/notedeck.toml")));
        // An image outside the inputs: changed, renamed over, deleted, its folder made.
        assert!(f.wants(&ev(m, "/p/assets/logo.png")));
        assert!(f.wants(&ev(to, "/p/assets/logo.png")));
        assert!(f.wants(&ev(
            EventKind::Remove(RemoveKind::File),
            "/p/assets/logo.png"
        )));
        assert!(f.wants(&ev(EventKind::Create(CreateKind::Folder), "/p/assets")));
        assert!(!f.wants(&ev(m, "/p/assets/other.png")));
    }

    #[test]
    fn reads_junk_and_output_do_not() {
        let f = filter();
        let m = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let read = EventKind::Access(AccessKind::Any);
        assert!(!f.wants(&ev(read, "/p/talks/a.md")));
        for junk in [
            "/p/talks/.a.md.swp",
            "/p/talks/a.md~",
            "/p/talks/#a.md#",
            "/p/talks/.#a.md",
            "/p/talks/a.md.bak",
            "/p/talks/a.md___jb_tmp___",
            "/p/talks/a.md___jb_old___",
            "/p/talks/4913",
            "/p/talks/.DS_Store",
            "/p/talks/.git/index",
            "/p/talks/out/day/keynote.html",
            "/p/talks/out/x.md",
            "/p/talks/picture.txt",
            "/p/other.md",
        ] {
            assert!(!f.wants(&ev(m, junk)), "{junk}");
        }
        assert!(!f.wants(&ev(
            EventKind::Create(CreateKind::Folder),
            "/p/talks/out/day"
        )));
    }

    #[test]
    fn rescan_always_counts() {
        let f = filter();
        let e = notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        assert!(f.wants(&e));
    }
}
