//! Watching the inputs with notify. Folders are watched, never single
//! files (inotify follows inodes, so a rename-over save would end a file
//! watch); the parent of each input folder is watched too, so a deleted
//! and recreated input folder is picked up again. Access events (notify
//! reports plain reads since 7.0) are ignored, so the build reading its
//! inputs never triggers another build; editor temp files and the output
//! folder are ignored; bursts are debounced into one batch.

use crate::paths::absolute;
use crate::Error;
use notify::event::{CreateKind, EventKind, RemoveKind};
use notify::{Config, EventKindMask, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Quiet time that ends a burst.
pub const DEBOUNCE: Duration = Duration::from_millis(20);
/// A burst is cut after this long, so a constant stream still rebuilds.
const MAX_BURST: Duration = Duration::from_millis(500);

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
    /// `themes/` next to the project, if any.
    pub themes: Option<PathBuf>,
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
        if let Some(t) = &self.themes {
            if path.starts_with(t) {
                return !is_junk(&name);
            }
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
                return path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("md"))
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

/// A batch of changes, debounced.
#[derive(Debug, Default)]
pub struct Batch {
    pub paths: Vec<PathBuf>,
    /// A rescan, overflow or watcher error: rebuild everything.
    pub rescan: bool,
}

pub struct Watch {
    watcher: RecommendedWatcher,
    rx: Receiver<notify::Result<notify::Event>>,
    pub filter: Filter,
    /// Folders whose direct entries we watch (parents of inputs, cwd).
    parents: Vec<PathBuf>,
}

impl Watch {
    /// Starts watching `inputs` (files or folders), ignoring `excluded`.
    pub fn new(inputs: &[PathBuf], excluded: &[PathBuf]) -> Result<Watch, Error> {
        let (tx, rx) = mpsc::channel();
        let config = Config::default().with_event_kinds(EventKindMask::CORE);
        let watcher =
            RecommendedWatcher::new(tx, config).map_err(|e| watch_error(Path::new("."), e))?;
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
        let themes = cwd.join("themes");
        if themes.is_dir() {
            filter.themes = Some(themes);
        }
        parents.push(cwd);
        parents.sort();
        parents.dedup();
        let mut w = Watch {
            watcher,
            rx,
            filter,
            parents,
        };
        w.rewatch()?;
        Ok(w)
    }

    /// (Re)establishes every watch; needed after an input folder was
    /// deleted and recreated (its old watch ended with it).
    pub fn rewatch(&mut self) -> Result<(), Error> {
        for p in &self.parents {
            if p.is_dir() {
                let _ = self.watcher.unwatch(p);
                self.watcher
                    .watch(p, RecursiveMode::NonRecursive)
                    .map_err(|e| watch_error(p, e))?;
            }
        }
        let mut recursive = self.filter.dirs.clone();
        recursive.extend(self.filter.themes.clone());
        for d in &recursive {
            if d.is_dir() {
                let _ = self.watcher.unwatch(d);
                self.watcher
                    .watch(d, RecursiveMode::Recursive)
                    .map_err(|e| watch_error(d, e))?;
            }
        }
        Ok(())
    }

    /// Remembers what the last build read, so their changes count.
    pub fn set_sources(&mut self, sources: &[PathBuf]) {
        self.filter.sources = sources.iter().map(|s| absolute(s)).collect();
    }

    /// Blocks until a relevant change has settled (or `stop` is set:
    /// `None`). Events arriving during the following build stay queued
    /// and make exactly one more batch.
    pub fn next_batch(&mut self, stop: &AtomicBool) -> Option<Batch> {
        let mut batch = Batch::default();
        // Wait for the first relevant event.
        loop {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            match self.rx.recv_timeout(Duration::from_millis(100)) {
                Ok(ev) => {
                    if self.take(ev, &mut batch) {
                        break;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        // Then drain until quiet.
        let started = Instant::now();
        let mut last = Instant::now();
        while last.elapsed() < DEBOUNCE && started.elapsed() < MAX_BURST {
            match self
                .rx
                .recv_timeout(DEBOUNCE.saturating_sub(last.elapsed()))
            {
                Ok(ev) => {
                    if self.take(ev, &mut batch) {
                        last = Instant::now();
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        let roots_touched = batch.rescan
            || batch
                .paths
                .iter()
                .any(|p| self.filter.dirs.iter().any(|d| d.starts_with(p)));
        if roots_touched {
            if let Err(e) = self.rewatch() {
                eprintln!("warning: {e}");
            }
        }
        Some(batch)
    }

    fn take(&self, ev: notify::Result<notify::Event>, batch: &mut Batch) -> bool {
        match ev {
            Ok(ev) => {
                if !self.filter.wants(&ev) {
                    return false;
                }
                if ev.need_rescan() {
                    batch.rescan = true;
                }
                batch.paths.extend(ev.paths);
                true
            }
            Err(e) => {
                eprintln!("warning: file watcher: {e}; rebuilding everything");
                batch.rescan = true;
                true
            }
        }
    }
}

/// `build --watch`: build into `out`, then rebuild on every change until
/// `stop` is set. Errors are reported and the watch goes on.
pub fn build_watch(opts: &crate::BuildOptions, out: &Path, stop: &AtomicBool) -> Result<(), Error> {
    let mut opts = opts.clone();
    opts.exclude.push(out.to_path_buf());
    let mut session = crate::compile::session::Session::new(crate::Compiler::new(opts.clone()));
    let mut watch = Watch::new(&opts.inputs, &opts.exclude)?;
    let mut first = true;
    loop {
        let r = session.rebuild();
        watch.set_sources(&session.sources);
        let written = crate::output::check_output_dir(out, &opts.inputs, &session.sources)
            .and_then(|()| crate::output::write_pages(out, &session.pages));
        match written {
            Ok(_) if first => println!(
                "Built {} pages in {} ms → {}; watching for changes (Ctrl-C to stop)",
                session.pages.len(),
                r.took.as_millis(),
                out.display()
            ),
            Ok(_) => println!("{}", crate::compile::session::summary(&r)),
            Err(e) if first => return Err(e),
            Err(e) => eprintln!("error: {e}"),
        }
        for e in &r.errors {
            eprintln!("error: {e}");
        }
        first = false;
        if watch.next_batch(stop).is_none() {
            return Ok(());
        }
    }
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
            themes: None,
        }
    }

    fn ev(kind: EventKind, p: &str) -> notify::Event {
        notify::Event::new(kind).add_path(PathBuf::from(p))
    }

    #[test]
    fn notes_changes_count() {
        let f = filter();
        let m = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert!(f.wants(&ev(m, "/p/talks/a.md")));
        assert!(f.wants(&ev(m, "/p/talks/new.md")));
        assert!(f.wants(&ev(m, "/p/extra.md")));
        let to = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert!(f.wants(&ev(to, "/p/talks/a.md")), "rename-over save");
        assert!(f.wants(&ev(EventKind::Create(CreateKind::Folder), "/p/talks/2025")));
        assert!(f.wants(&ev(EventKind::Remove(RemoveKind::Any), "/p/talks/sub")));
        assert!(f.wants(&ev(EventKind::Remove(RemoveKind::Folder), "/p/talks")));
        assert!(f.wants(&ev(EventKind::Create(CreateKind::Folder), "/p")));
        assert!(f.wants(&ev(m, "/p/notedeck.toml")));
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
