//! The output formats, each one module implementing [`Format`]: the HTML
//! folder ([`pages`]), one HTML file ([`single_file`]) and the PDF
//! ([`pdf`]). Below them, writing the output safely: refuse dangerous
//! folders, write each file atomically, and delete only what our own
//! manifest lists.

pub mod pages;
pub mod pdf;
pub mod pptx;
pub mod single_file;

use crate::compile::Written;
use crate::{Error, Site};

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// One output format, picked by the command. Every format reads the same
/// built [`Site`]: the compiled project (`site.project`: decks with their
/// slides and settings, findings) and the rendered HTML pages
/// (`site.pages`, keyed by path) for the formats that are or print HTML.
pub trait Format {
    /// What the command reports once written.
    type Report;
    /// Writes the site to `out`: a folder or a file, as the format is.
    fn write(&self, site: &Site, out: &Path) -> Result<Self::Report, Error>;
}

pub const MANIFEST: &str = ".notedeck-manifest";

#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Pages of the last build kept because some notes failed this time.
    pub kept: usize,
}

/// Refuses an output folder that is, or holds, an input, or that is a
/// non-empty folder notedeck did not create.
pub fn check_output_dir(out: &Path, inputs: &[PathBuf], sources: &[PathBuf]) -> Result<(), Error> {
    let refuse = |message: String| Error::Input {
        path: out.to_path_buf(),
        message,
    };
    let out_abs = crate::paths::absolute(out);
    for input in inputs {
        let inp = crate::paths::absolute(input);
        if inp == out_abs {
            return Err(refuse(
                "the output folder is the input folder; choose another with -o".into(),
            ));
        }
        if inp.starts_with(&out_abs) {
            return Err(refuse(format!(
                "the output folder contains the input {}; choose another with -o",
                input.display()
            )));
        }
    }
    for s in sources {
        if crate::paths::absolute(s).starts_with(&out_abs) {
            return Err(refuse(format!(
                "the output folder contains the notes file {}; choose another with -o",
                s.display()
            )));
        }
    }
    if out_abs.parent().is_none() {
        return Err(refuse("refusing to write into the filesystem root".into()));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        if crate::paths::absolute(Path::new(&home)) == out_abs {
            return Err(refuse(
                "refusing to write into your home folder; choose another with -o".into(),
            ));
        }
    }
    match std::fs::read_dir(out) {
        Ok(rd) => {
            // (A staging folder: a build into it stopped before its manifest.)
            let foreign = rd.flatten().any(|e| {
                e.file_name() != LOCK && !e.file_name().to_string_lossy().starts_with(STAGING)
            });
            if foreign && !out.join(MANIFEST).is_file() {
                return Err(refuse(
                    "the folder is not empty and was not made by notedeck (no .notedeck-manifest); \
                     choose an empty or new folder with -o"
                        .into(),
                ));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            Err(refuse("exists and is not a folder".into()))
        }
        Err(e) => Err(Error::io(out, e)),
    }
}

/// Writes `pages` under `out`. Files whose bytes are unchanged are not
/// touched; files from the previous manifest that are no longer produced
/// are removed; nothing else is.
pub fn write_pages<S: AsRef<str>>(
    out: &Path,
    pages: &BTreeMap<String, S>,
) -> Result<WriteReport, Error> {
    write_pages_keeping(out, pages, false)
}

/// [`write_pages`]; with `keep_stale`, pages of the last build that this
/// one did not produce stay (and stay listed), because notes that failed
/// to read or parse this time may have produced them.
pub fn write_pages_keeping<S: AsRef<str>>(
    out: &Path,
    pages: &BTreeMap<String, S>,
    keep_stale: bool,
) -> Result<WriteReport, Error> {
    let mut folder = Folder::open(out, pages.keys().map(String::as_str))?;
    for (rel, content) in pages {
        folder.put(rel, content.as_ref())?;
    }
    folder.finish(keep_stale)
}

/// An output folder being written one page at a time, so a build can
/// drop each page once it is written: locked while open, every page it
/// will write listed in the manifest before the first is written.
pub struct Folder {
    target: std::sync::Arc<Target>,
    /// A new folder's pages go here first (see `Target::staged`).
    staging: Option<Staging>,
    _lock: std::fs::File,
    /// The pages put so far: path → hash (sorted, for the manifest).
    put: BTreeMap<String, String>,
    report: WriteReport,
}

/// What writing one page into an open [`Folder`] needs, shared so the
/// threads that render pages can write them too ([`Target::write`]); the
/// folder records each write ([`Folder::record`]).
pub struct Target {
    out: PathBuf,
    root: PathBuf,
    /// The last build's manifest: path → hash.
    previous: BTreeMap<String, String>,
    /// Into a new folder, pages are written plainly into a hidden folder
    /// of this build's own, moved into `out` folder by folder at the end:
    /// no page is ever seen half written, and a file costs one directory
    /// operation instead of a temp file's two.
    staged: Option<PathBuf>,
}

impl Target {
    /// Where page `rel` goes this build.
    fn dest(&self, rel: &str) -> Result<PathBuf, Error> {
        match &self.staged {
            // Made empty by this build: nothing in it can link elsewhere.
            Some(dir) => safe_join(dir, rel),
            None => {
                let path = safe_join(&self.out, rel)?;
                inside(&self.root, &path)?;
                Ok(path)
            }
        }
    }

    /// Writes one page, given as the slices it is made of (a deck lends
    /// its fixed style and script rather than copying them into it), unless
    /// the file already holds exactly its bytes.
    pub fn write(&self, rel: &str, slices: &[&str]) -> Result<Written, Error> {
        let path = self.dest(rel)?;
        let bytes: Vec<&[u8]> = slices.iter().map(|s| s.as_bytes()).collect();
        let len: usize = bytes.iter().map(|b| b.len()).sum();
        let mut h = xxhash_rust::xxh3::Xxh3Default::new();
        bytes.iter().for_each(|b| h.update(b));
        let hash = page_hash(h.digest());
        if self.staged.is_some() {
            return Ok(Written {
                hash,
                written: write_new(&path, &bytes).map(|()| true),
            });
        }
        let same = self.holds(rel, &path, &hash, len as u64, || {
            crate::source::read_regular(&path, len as u64)
                .is_ok_and(|disk| disk.len() == len && starts_with_all(&disk, &bytes))
        });
        let written = if same {
            Ok(false)
        } else {
            write_atomic_slices(&path, &bytes).map(|()| true)
        };
        Ok(Written { hash, written })
    }
}

impl Target {
    /// Whether the file at `path` already holds the page `rel` hashed as
    /// `hash`, `len` bytes long: our last write of it had that hash (or an
    /// older build's), and the file still has that length and, by
    /// `same_bytes`, those bytes (a hand edit of the same length is
    /// repaired).
    fn holds(
        &self,
        rel: &str,
        path: &Path,
        hash: &str,
        len: u64,
        same_bytes: impl FnOnce() -> bool,
    ) -> bool {
        may_be_same(self.previous.get(rel), hash)
            && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == len)
            && same_bytes()
    }
}

/// Whether `disk` begins with the concatenation of `slices`.
fn starts_with_all(mut disk: &[u8], slices: &[&[u8]]) -> bool {
    slices.iter().all(|s| match disk.strip_prefix(*s) {
        Some(rest) => {
            disk = rest;
            true
        }
        None => false,
    })
}

/// `write_all` of the concatenation of `slices`, in as few calls as the
/// system takes (`Write::write_all_vectored` is not stable yet).
fn write_all_slices(w: &mut impl Write, slices: &[&[u8]]) -> std::io::Result<()> {
    let mut owned: Vec<std::io::IoSlice> = slices
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| std::io::IoSlice::new(s))
        .collect();
    let mut left = &mut owned[..];
    while !left.is_empty() {
        match w.write_vectored(left) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => std::io::IoSlice::advance_slices(&mut left, n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

impl crate::compile::PageTarget for Target {
    fn write(&self, rel: &str, slices: &[&str]) -> Result<Written, Error> {
        Target::write(self, rel, slices)
    }
}

impl Folder {
    /// Creates and locks `out` and lists `pages` (every page this build
    /// will put) beside the last build's in its manifest.
    pub fn open<'a>(out: &Path, pages: impl Iterator<Item = &'a str>) -> Result<Folder, Error> {
        std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
        let lock = lock(out)?;
        let root = std::fs::canonicalize(out).map_err(|e| Error::io(out, e))?;
        let previous = read_manifest_hashes(out);
        remove_stale_staging(out);
        let fresh = previous.is_empty() && holds_nothing(out);
        // List old and new files before writing any, so a build that stops
        // midway still names every file it may have created.
        let mut pending: BTreeMap<&str, &str> = previous
            .iter()
            .map(|(p, h)| (p.as_str(), h.as_str()))
            .collect();
        let before = pending.len();
        for rel in pages {
            pending.entry(rel).or_insert("");
        }
        if pending.len() > before {
            let listed: String = pending.iter().map(|(p, h)| format!("{p}\t{h}\n")).collect();
            write_atomic(&out.join(MANIFEST), listed.as_bytes())?;
        }
        let staging = if fresh {
            Some(Staging::new(out)?)
        } else {
            None
        };
        Ok(Folder {
            target: std::sync::Arc::new(Target {
                out: out.to_path_buf(),
                root,
                previous,
                staged: staging.as_ref().map(|s| s.dir.clone()),
            }),
            staging,
            _lock: lock,
            put: BTreeMap::new(),
            report: WriteReport::default(),
        })
    }

    /// Writes one page, unless the file already holds exactly its bytes.
    pub fn put(&mut self, rel: &str, content: &str) -> Result<(), Error> {
        let put = self.target.write(rel, &[content])?;
        self.record(rel, put)
    }

    /// Where this folder's pages go, for writing them on other threads.
    pub fn target(&self) -> std::sync::Arc<Target> {
        self.target.clone()
    }

    /// Lists a page [`Target::write`] wrote and passes its error on.
    pub fn record(&mut self, rel: &str, put: Written) -> Result<(), Error> {
        self.put.insert(rel.to_string(), put.hash);
        if put.written? {
            self.report.written += 1;
        } else {
            self.report.unchanged += 1;
        }
        Ok(())
    }

    /// Starts a page written in parts ([`PartPage::write`]), for pages too
    /// large to hold whole: it goes to a temp file beside its place and
    /// takes that place only at [`Folder::put_parts`]. Dropped before,
    /// the temp file goes and the last build's page stays.
    pub fn start_parts(&self, rel: &str) -> Result<PartPage, Error> {
        let path = self.target.dest(rel)?;
        let tmp = temp_beside(&path)?;
        Ok(PartPage {
            rel: rel.to_string(),
            tmp: std::io::BufWriter::with_capacity(
                1 << 16,
                Hashed {
                    file: tmp,
                    hash: xxhash_rust::xxh3::Xxh3Default::new(),
                },
            ),
            len: 0,
            path,
        })
    }

    /// Puts a page written in parts: unless the file already holds
    /// exactly its bytes, its temp file replaces it.
    pub fn put_parts(&mut self, page: PartPage) -> Result<(), Error> {
        let PartPage {
            rel,
            tmp,
            len,
            path,
        } = page;
        let Hashed { file: tmp, hash } = tmp
            .into_inner()
            .map_err(|e| Error::io(&path, e.into_error()))?;
        let hash = page_hash(hash.digest());
        let same = self.target.holds(&rel, &path, &hash, len, || {
            same_bytes(tmp.path(), &path).unwrap_or(false)
        });
        self.put.insert(rel, hash);
        if same {
            self.report.unchanged += 1;
            return Ok(());
        }
        tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        self.report.written += 1;
        Ok(())
    }

    /// Removes the last build's pages this one did not put (with
    /// `keep_stale`, keeps them listed instead: notes that failed to read
    /// or parse this time may have produced them), writes the manifest
    /// and removes temporary files a killed build left.
    pub fn finish(self, keep_stale: bool) -> Result<WriteReport, Error> {
        let Folder {
            target,
            staging,
            _lock,
            put,
            mut report,
        } = self;
        let Target {
            out,
            root,
            previous,
            ..
        } = &*target;
        let out = out.as_path();
        if let Some(staging) = staging {
            move_into(&staging.dir, out)?;
        }
        let mut manifest: String = put.iter().map(|(p, h)| format!("{p}\t{h}\n")).collect();
        for (old, old_hash) in previous.iter().filter(|(p, _)| !put.contains_key(*p)) {
            // Never a dot-file or dot-folder (`.git`), never through a
            // symlinked folder: only what our own pages could have been.
            if old.split('/').any(|c| c.starts_with('.')) {
                continue;
            }
            if let Ok(path) = safe_join(out, old) {
                if inside(root, &path).is_err() {
                    continue;
                }
                if keep_stale {
                    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                        manifest.push_str(&format!("{old}\t{old_hash}\n"));
                        report.kept += 1;
                    }
                    continue;
                }
                if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                    std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
                    report.removed += 1;
                    // Drop folders we emptied; a folder with a user file stays.
                    if let Some(parent) = path.parent() {
                        if parent != out {
                            let _ = std::fs::remove_dir(parent);
                        }
                    }
                }
            }
        }
        write_atomic(&out.join(MANIFEST), manifest.as_bytes())?;
        remove_stale_temps(out, put.keys().map(String::as_str));
        Ok(report)
    }
}

/// A new folder's hidden folder of pages, removed with whatever is left
/// in it (all of it, when the build failed).
struct Staging {
    dir: PathBuf,
}

const STAGING: &str = ".notedeck-staging-";

impl Staging {
    fn new(out: &Path) -> Result<Staging, Error> {
        let dir = tempfile::Builder::new()
            .prefix(&format!("{STAGING}{}-", std::process::id()))
            .rand_bytes(6)
            .tempdir_in(out)
            .map_err(|e| Error::io(out, e))?
            .keep();
        Ok(Staging { dir })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A folder holding nothing but our lock (and an empty build's manifest).
fn holds_nothing(out: &Path) -> bool {
    std::fs::read_dir(out).is_ok_and(|rd| {
        rd.flatten()
            .all(|e| e.file_name() == LOCK || e.file_name() == MANIFEST)
    })
}

/// Staging folders of builds that stopped midway (the lock is ours, so no
/// build is writing them now).
fn remove_stale_staging(out: &Path) {
    let Ok(rd) = std::fs::read_dir(out) else {
        return;
    };
    for e in rd.flatten() {
        if e.file_name().to_string_lossy().starts_with(STAGING)
            && e.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Moves everything in `from` into `to`, a folder at a time where `to`
/// has none of that name (one rename), file by file where it has.
fn move_into(from: &Path, to: &Path) -> Result<(), Error> {
    for e in std::fs::read_dir(from).map_err(|e| Error::io(from, e))? {
        let e = e.map_err(|e| Error::io(from, e))?;
        let dest = to.join(e.file_name());
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && std::fs::symlink_metadata(&dest).is_ok_and(|m| m.is_dir()) {
            move_into(&e.path(), &dest)?;
        } else {
            std::fs::rename(e.path(), &dest).map_err(|err| Error::io(&dest, err))?;
        }
    }
    Ok(())
}

/// Writes a page into a staging folder (never seen until moved out).
fn write_new(path: &Path, bytes: &[&[u8]]) -> Result<(), Error> {
    let create = || std::fs::File::create(path);
    let mut file = match create() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let dir = path.parent().unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            create()
        }
        made => made,
    }
    .map_err(|e| Error::io(path, e))?;
    write_all_slices(&mut file, bytes).map_err(|e| Error::io(path, e))
}

/// A page being written in parts into a temp file beside its place
/// ([`Folder::start_parts`]), hashed as it goes.
pub struct PartPage {
    rel: String,
    tmp: std::io::BufWriter<Hashed>,
    len: u64,
    path: PathBuf,
}

/// A temp file that hashes what reaches it (behind the page's buffer,
/// so the hash gets large pieces, not each card or slide).
struct Hashed {
    file: tempfile::NamedTempFile,
    hash: xxhash_rust::xxh3::Xxh3Default,
}

impl Write for Hashed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl PartPage {
    /// The page's next bytes.
    pub fn write(&mut self, part: &[u8]) -> Result<(), Error> {
        self.len += part.len() as u64;
        self.tmp
            .write_all(part)
            .map_err(|e| Error::io(&self.path, e))
    }
}

/// Whether two files hold the same bytes, read a block at a time.
fn same_bytes(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let mut a = std::io::BufReader::new(std::fs::File::open(a)?);
    let mut b = std::io::BufReader::new(std::fs::File::open(b)?);
    let (mut x, mut y) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    loop {
        let n = a.read(&mut x)?;
        if n == 0 {
            return Ok(b.read(&mut y[..1])? == 0);
        }
        b.read_exact(&mut y[..n])?;
        if x[..n] != y[..n] {
            return Ok(false);
        }
    }
}

/// The lock file two builds into one folder share.
pub const LOCK: &str = ".notedeck-lock";

/// Holds the output folder for one writer: a second build into it is
/// refused clearly instead of interleaving its files and manifest with
/// ours. The OS releases the lock when the file closes (or we die).
fn lock(out: &Path) -> Result<std::fs::File, Error> {
    let path = out.join(LOCK);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Input {
            path: out.to_path_buf(),
            message: "another notedeck build is writing this folder; try again when it is done"
                .into(),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&path, e)),
    }
}

/// Refuses a path whose folder resolves outside the output folder (a
/// folder inside it replaced by a symlink to elsewhere).
fn inside(root: &Path, path: &Path) -> Result<(), Error> {
    let mut dir = path.parent().unwrap_or(root);
    // The nearest existing folder decides; missing ones are made under it.
    loop {
        match std::fs::canonicalize(dir) {
            Ok(c) if c.starts_with(root) => return Ok(()),
            Ok(_) => break,
            Err(_) => match dir.parent() {
                Some(p) => dir = p,
                None => break,
            },
        }
    }
    Err(Error::Input {
        path: path.to_path_buf(),
        message: "refusing to write outside the output folder (a folder in it links elsewhere)"
            .into(),
    })
}

/// Temporary files a killed build left next to our pages
/// (`.NAME.tmp-PID-RAND`, where NAME is a page or the manifest) are removed;
/// nothing else is touched.
fn remove_stale_temps<'a>(out: &Path, pages: impl Iterator<Item = &'a str>) {
    let mut names: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    names
        .entry(out.to_path_buf())
        .or_default()
        .insert(MANIFEST.to_string());
    for rel in pages {
        if let Ok(path) = safe_join(out, rel) {
            if let (Some(dir), Some(name)) = (path.parent(), path.file_name()) {
                names
                    .entry(dir.to_path_buf())
                    .or_default()
                    .insert(name.to_string_lossy().into_owned());
            }
        }
    }
    for (dir, ours) in names {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let name = file_name.to_string_lossy();
            if is_our_temp(&name, &ours) && entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

fn is_our_temp(name: &str, ours: &BTreeSet<String>) -> bool {
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    let Some((base, pid)) = rest.rsplit_once(".tmp-") else {
        return false;
    };
    // `PID-RAND` (`PID` alone from older versions). Only a build holding
    // the folder's lock cleans, so no other build is writing these.
    let (pid, rand) = pid.split_once('-').unwrap_or((pid, "0"));
    !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && !rand.is_empty()
        && rand.bytes().all(|b| b.is_ascii_alphanumeric())
        && ours.contains(base)
}

/// A page's hash in the manifest: XXH3-64 in hex after a tag, so that
/// entries of builds before it (64 hex digits of BLAKE3) are told apart.
/// Not a check against tampering: it only spares reading back a page
/// that changed; a page is kept only if the bytes on disk are its bytes.
fn page_hash(h: u64) -> String {
    format!("{HASH_TAG}{h:016x}")
}

const HASH_TAG: &str = "xxh3:";

/// Whether the page the last build listed with `previous` may hold the
/// bytes hashed as `hash` (the caller then compares the bytes). An entry
/// of an older build's BLAKE3 may: its pages are still ours, and their
/// bytes decide; an empty one (listed, never written) may not.
fn may_be_same(previous: Option<&String>, hash: &str) -> bool {
    previous
        .is_some_and(|h| h == hash || (h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit())))
}

/// Paths listed in the manifest (lines `path`, `path<TAB>xxh3:HASH`, or
/// `path<TAB>BLAKE3` from older builds).
pub fn read_manifest(out: &Path) -> Vec<String> {
    read_manifest_hashes(out).into_keys().collect()
}

fn read_manifest_hashes(out: &Path) -> BTreeMap<String, String> {
    let Ok(text) = std::fs::read_to_string(out.join(MANIFEST)) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once('\t') {
            Some((p, h)) => (p.to_string(), h.to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

/// Joins a relative `/`-separated path under `out`, refusing anything
/// that could leave it.
pub fn safe_join(out: &Path, rel: &str) -> Result<PathBuf, Error> {
    let p = Path::new(rel);
    let ok = !rel.is_empty()
        && !rel.contains('\\')
        && !rel.contains('\0')
        && p.components().all(|c| matches!(c, Component::Normal(_)));
    if !ok {
        return Err(Error::Input {
            path: out.join(rel),
            message: "refusing to write outside the output folder".into(),
        });
    }
    Ok(out.join(p))
}

/// Temp file in the same folder, then rename: readers see the old file or
/// the new one, never half of one. No fsync per file: pages are rebuilt
/// from the notes on the next run, and 1,000 fsyncs took 7 of the 7.5 s
/// of a 1,000-deck build (see BENCHMARKS.md).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_atomic_slices(path, &[bytes])
}

/// [`write_atomic`] of the concatenation of `slices`.
fn write_atomic_slices(path: &Path, slices: &[&[u8]]) -> Result<(), Error> {
    let mut tmp = temp_beside(path)?;
    write_all_slices(&mut tmp, slices).map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// An empty temp file beside `path`, removed when dropped unless persisted.
fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile, Error> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut builder = tempfile::Builder::new();
    // `.NAME.tmp-PID-RAND`: what `remove_stale_temps` knows as ours.
    let prefix = format!(".{name}.tmp-{}-", std::process::id());
    builder.prefix(&prefix).rand_bytes(6);
    // A page is as readable as any file we create (the umask applies),
    // not private like a temp file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // Dropped on an error, the temp file is removed. Its folder is made
    // only when missing: most pages go where others already went.
    match builder.tempfile_in(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            builder.tempfile_in(dir)
        }
        made => made,
    }
    .map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn atomic_writes_are_as_readable_as_plain_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let plain = dir.path().join("plain.html");
        std::fs::write(&plain, "x").expect("write");
        let page = dir.path().join("page.html");
        write_atomic(&page, b"<html>").expect("write_atomic");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&page), mode(&plain));
        assert_eq!(std::fs::read(&page).expect("read"), b"<html>");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .collect();
        assert_eq!(left.len(), 2, "a temp file was left");
    }

    #[test]
    fn only_our_temp_names_are_cleaned() {
        let ours: BTreeSet<String> = ["index.html".to_string()].into();
        assert!(is_our_temp(".index.html.tmp-123-a1B2c3", &ours));
        assert!(
            is_our_temp(".index.html.tmp-123", &ours),
            "older builds' names"
        );
        for other in [
            ".index.html.tmp-draft",
            ".index.html.tmp-1-",
            "index.html.tmp-1",
            ".notes.txt.tmp-1-abc",
        ] {
            assert!(!is_our_temp(other, &ours), "{other}");
        }
    }

    #[test]
    fn safe_join_refuses_escapes() {
        let out = Path::new("/tmp/out");
        for bad in ["../x", "/etc/passwd", "a/../../b", "a\\b", "", "a\0b"] {
            assert!(safe_join(out, bad).is_err(), "{bad:?}");
        }
        assert!(safe_join(out, "day/talk.html").is_ok());
    }

    #[test]
    fn rebuild_keeps_user_files_and_removes_stale_decks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("dist");
        let mut pages = BTreeMap::new();
        pages.insert("index.html".to_string(), "i".to_string());
        pages.insert("g/a.html".to_string(), "a".to_string());
        write_pages(&out, &pages).expect("write");
        std::fs::write(out.join("g/user.txt"), "mine").expect("user file");
        pages.remove("g/a.html");
        let r = write_pages(&out, &pages).expect("rewrite");
        assert_eq!(r.removed, 1);
        assert_eq!(r.unchanged, 1);
        assert!(!out.join("g/a.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("g/user.txt")).expect("kept"),
            "mine"
        );
    }

    #[test]
    fn refuses_foreign_and_input_folders() {
        let dir = tempfile::tempdir().expect("tempdir");
        let talks = dir.path().join("talks");
        std::fs::create_dir_all(&talks).expect("mkdir");
        std::fs::write(talks.join("a.md"), "## A\n* x\n").expect("write");
        assert!(check_output_dir(&talks, std::slice::from_ref(&talks), &[]).is_err());
        assert!(check_output_dir(dir.path(), std::slice::from_ref(&talks), &[]).is_err());
        let foreign = dir.path().join("foreign");
        std::fs::create_dir_all(&foreign).expect("mkdir");
        std::fs::write(foreign.join("x"), "").expect("write");
        assert!(check_output_dir(&foreign, std::slice::from_ref(&talks), &[]).is_err());
        assert!(check_output_dir(&dir.path().join("new"), &[talks], &[]).is_ok());
    }
}

#[cfg(test)]
mod manifest_tests {
    use super::*;

    #[test]
    fn a_folder_written_page_by_page_matches_one_written_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pages: BTreeMap<String, String> =
            [("index.html", "i"), ("g/a.html", "a"), ("g/b.html", "b")]
                .map(|(p, h)| (p.to_string(), h.to_string()))
                .into();
        let whole = dir.path().join("whole");
        write_pages(&whole, &pages).expect("whole");
        // Pages in build order (decks, then the index), not path order.
        let streamed = dir.path().join("streamed");
        let order = ["g/b.html", "g/a.html", "index.html"];
        let mut folder = Folder::open(&streamed, order.into_iter()).expect("open");
        for p in order {
            folder.put(p, &pages[p]).expect("put");
        }
        let r = folder.finish(false).expect("finish");
        assert_eq!(r.written, 3);
        let manifest = |d: &Path| std::fs::read_to_string(d.join(MANIFEST)).expect("manifest");
        assert_eq!(manifest(&streamed), manifest(&whole));
        for p in order {
            assert_eq!(
                std::fs::read_to_string(streamed.join(p)).expect("page"),
                pages[p]
            );
        }
    }

    #[test]
    fn a_page_written_in_parts_is_the_page_written_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pages: BTreeMap<String, String> =
            [("index.html", "<p>one</p><p>two</p>"), ("g/a.html", "a")]
                .map(|(p, h)| (p.to_string(), h.to_string()))
                .into();
        let whole = dir.path().join("whole");
        write_pages(&whole, &pages).expect("whole");
        let parted = dir.path().join("parted");
        let in_parts = |parts: &[&str]| {
            let mut folder = Folder::open(&parted, pages.keys().map(String::as_str)).expect("open");
            folder.put("g/a.html", "a").expect("put");
            let mut page = folder.start_parts("index.html").expect("start");
            for p in parts {
                page.write(p.as_bytes()).expect("part");
            }
            folder.put_parts(page).expect("put parts");
            folder.finish(false).expect("finish")
        };
        let r = in_parts(&["<p>one</p>", "", "<p>two</p>"]);
        assert_eq!(r.written, 2);
        let read = |d: &Path, p: &str| std::fs::read_to_string(d.join(p)).expect("read");
        assert_eq!(read(&parted, MANIFEST), read(&whole, MANIFEST));
        assert_eq!(read(&parted, "index.html"), pages["index.html"]);
        // The same bytes cut elsewhere: unchanged, not written again.
        let r = in_parts(&["<p>one</p><p>", "two</p>"]);
        assert_eq!((r.written, r.unchanged), (0, 2));
        // Other bytes of the same length: written.
        let r = in_parts(&["<p>one</p><p>owt</p>"]);
        assert_eq!((r.written, r.unchanged), (1, 1));
        assert_eq!(read(&parted, "index.html"), "<p>one</p><p>owt</p>");
    }

    #[test]
    fn a_large_page_in_parts_of_any_size_is_the_page_written_whole() {
        // Parts smaller and larger than the page's buffer, so both reach
        // the hash: buffered, and passed straight through.
        let sizes = [1, 700, 70_000, 3, 200_000, 65_536, 9];
        let parts: Vec<String> = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| char::from(b'a' + i as u8).to_string().repeat(n))
            .collect();
        let page = parts.concat();
        let dir = tempfile::tempdir().expect("tempdir");
        let whole = dir.path().join("whole");
        write_pages(&whole, &BTreeMap::from([("big.html".to_string(), &page)])).expect("whole");
        let parted = dir.path().join("parted");
        let mut folder = Folder::open(&parted, ["big.html"].into_iter()).expect("open");
        let mut out = folder.start_parts("big.html").expect("start");
        for p in &parts {
            out.write(p.as_bytes()).expect("part");
        }
        folder.put_parts(out).expect("put parts");
        folder.finish(false).expect("finish");
        let read = |d: &Path, p: &str| std::fs::read_to_string(d.join(p)).expect("read");
        assert_eq!(read(&parted, MANIFEST), read(&whole, MANIFEST));
        assert_eq!(read(&parted, "big.html"), page);
    }

    #[test]
    fn pages_written_on_other_threads_are_listed_as_put() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pages: BTreeMap<String, String> = (0..40)
            .map(|i| (format!("g{}/p{i}.html", i % 3), format!("<p>{i}</p>")))
            .collect();
        let whole = dir.path().join("whole");
        write_pages(&whole, &pages).expect("whole");
        let threaded = dir.path().join("threaded");
        let mut folder = Folder::open(&threaded, pages.keys().map(String::as_str)).expect("open");
        let target = folder.target();
        let puts: Vec<(String, Written)> = std::thread::scope(|s| {
            let handles: Vec<_> = pages
                .iter()
                .map(|(p, h)| {
                    let target = &target;
                    s.spawn(move || (p.clone(), target.write(p, &[h]).expect("write")))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("join"))
                .collect()
        });
        for (p, put) in puts {
            folder.record(&p, put).expect("record");
        }
        let r = folder.finish(false).expect("finish");
        assert_eq!(r.written, pages.len());
        let read = |d: &Path, p: &str| std::fs::read_to_string(d.join(p)).expect("read");
        assert_eq!(read(&threaded, MANIFEST), read(&whole, MANIFEST));
        for (p, h) in &pages {
            assert_eq!(&read(&threaded, p), h);
        }
    }

    #[test]
    fn a_new_folder_shows_no_page_until_the_build_finishes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("dist");
        let names = ["index.html", "g/a.html", "h/b.html"];
        let listing = |d: &Path| {
            let mut v: Vec<String> = walk(d);
            v.sort();
            v
        };
        let mut folder = Folder::open(&out, names.into_iter()).expect("open");
        folder.put("g/a.html", "a").expect("put");
        let mut page = folder.start_parts("index.html").expect("start");
        page.write(b"<p>i</p>").expect("part");
        folder.put_parts(page).expect("put parts");
        folder.put("h/b.html", "b").expect("put");
        let seen = listing(&out);
        assert!(
            seen.iter()
                .all(|p| p == LOCK || p == MANIFEST || p.starts_with(STAGING)),
            "{seen:?}"
        );
        let r = folder.finish(false).expect("finish");
        assert_eq!(r.written, 3);
        assert_eq!(
            listing(&out),
            [
                ".notedeck-lock",
                ".notedeck-manifest",
                "g/a.html",
                "h/b.html",
                "index.html"
            ]
        );
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("read"),
            "<p>i</p>"
        );
        // A second build writes in place: same files, same manifest.
        let manifest = std::fs::read_to_string(out.join(MANIFEST)).expect("manifest");
        let mut again = Folder::open(&out, names.into_iter()).expect("open");
        assert!(again.target.staged.is_none());
        again.put("g/a.html", "a").expect("put");
        again.put("h/b.html", "b").expect("put");
        let mut page = again.start_parts("index.html").expect("start");
        page.write(b"<p>i</p>").expect("part");
        again.put_parts(page).expect("put parts");
        assert_eq!(again.finish(false).expect("finish").unchanged, 3);
        assert_eq!(
            std::fs::read_to_string(out.join(MANIFEST)).expect("manifest"),
            manifest
        );
        // A new folder's build that stops midway leaves no page behind.
        let failed = dir.path().join("failed");
        let mut folder = Folder::open(&failed, names.into_iter()).expect("open");
        folder.put("g/a.html", "a").expect("put");
        drop(folder);
        assert_eq!(listing(&failed), [".notedeck-lock", ".notedeck-manifest"]);
    }

    fn walk(d: &Path) -> Vec<String> {
        let mut found = Vec::new();
        for e in std::fs::read_dir(d).expect("dir").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().expect("type").is_dir() {
                found.extend(walk(&e.path()).into_iter().map(|p| format!("{name}/{p}")));
            } else {
                found.push(name);
            }
        }
        found
    }

    #[test]
    fn a_page_left_half_written_in_parts_leaves_the_last_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("dist");
        let pages: BTreeMap<String, String> =
            [("index.html".to_string(), "<p>good</p>".to_string())].into();
        write_pages(&out, &pages).expect("first build");
        let folder = Folder::open(&out, ["index.html"].into_iter()).expect("open");
        let mut page = folder.start_parts("index.html").expect("start");
        page.write(b"<p>half").expect("part");
        // The build stops here (an error, or killed before the rename).
        drop(page);
        drop(folder);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("page"),
            "<p>good</p>"
        );
        let names: Vec<String> = std::fs::read_dir(&out)
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.contains(".tmp-")),
            "a temp file was left: {names:?}"
        );
        assert_eq!(read_manifest(&out), ["index.html"]);
    }

    #[test]
    fn a_build_stopped_midway_has_listed_every_page_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("dist");
        let mut folder =
            Folder::open(&out, ["g/a.html", "g/b.html", "index.html"].into_iter()).expect("open");
        folder.put("g/a.html", "a").expect("put");
        drop(folder);
        assert_eq!(read_manifest(&out), ["g/a.html", "g/b.html", "index.html"]);
        // A new folder's pages were staged: none was left.
        assert!(!out.join("g").exists());
        let pages: BTreeMap<String, String> = [("index.html".to_string(), "i".to_string())].into();
        let r = write_pages(&out, &pages).expect("next build");
        assert_eq!((r.written, r.removed), (1, 0));
        // Into a built folder pages are written in place: the folder is
        // free again, and the next build removes what it no longer makes.
        let mut folder = Folder::open(&out, ["g/c.html", "index.html"].into_iter()).expect("open");
        folder.put("g/c.html", "c").expect("put");
        drop(folder);
        assert_eq!(read_manifest(&out), ["g/c.html", "index.html"]);
        let r = write_pages(&out, &pages).expect("next build");
        assert_eq!((r.written, r.unchanged, r.removed), (0, 1, 1));
        assert!(!out.join("g").exists());
    }

    #[test]
    fn a_folder_an_older_build_listed_with_blake3_is_still_ours() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("dist");
        let mut pages: BTreeMap<String, String> = [
            ("index.html", "<p>index</p>"),
            ("g/a.html", "deck a"),
            ("g/b.html", "deck b"),
            ("g/old.html", "old"),
        ]
        .map(|(p, h)| (p.to_string(), h.to_string()))
        .into();
        write_pages(&out, &pages).expect("first build");
        let ours = std::fs::read_to_string(out.join(MANIFEST)).expect("manifest");
        for line in ours.lines() {
            let (_, hash) = line.split_once('\t').expect("a hash");
            let hex = hash.strip_prefix(HASH_TAG).expect("tagged");
            assert!(hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()));
        }
        // The manifest as builds before XXH3 wrote it.
        let old: String = pages
            .iter()
            .map(|(p, h)| format!("{p}\t{}\n", blake3::hash(h.as_bytes()).to_hex()))
            .collect();
        std::fs::write(out.join(MANIFEST), old).expect("old manifest");
        std::fs::write(out.join("g/b.html"), "deck B").expect("hand edit");
        pages.remove("g/old.html");
        let mut folder = Folder::open(&out, pages.keys().map(String::as_str)).expect("open");
        folder.put("g/a.html", "deck a").expect("put");
        folder.put("g/b.html", "deck b").expect("put");
        let mut page = folder.start_parts("index.html").expect("start");
        page.write(b"<p>index").expect("part");
        page.write(b"</p>").expect("part");
        folder.put_parts(page).expect("put parts");
        let r = folder.finish(false).expect("finish");
        // Unchanged pages kept, the edited one repaired, the stale one removed.
        assert_eq!((r.written, r.unchanged, r.removed), (1, 2, 1));
        assert_eq!(
            std::fs::read_to_string(out.join("g/b.html")).expect("b"),
            "deck b"
        );
        assert!(!out.join("g/old.html").exists());
        let fresh = dir.path().join("fresh");
        write_pages(&fresh, &pages).expect("fresh build");
        let manifest = |d: &Path| std::fs::read_to_string(d.join(MANIFEST)).expect("manifest");
        assert_eq!(manifest(&out), manifest(&fresh));
    }

    #[test]
    fn unchanged_pages_are_skipped_by_hash_and_damaged_ones_rewritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("dist");
        let mut pages = BTreeMap::new();
        pages.insert("index.html".to_string(), "index".to_string());
        pages.insert("g/a.html".to_string(), "deck a".to_string());
        pages.insert("g/b.html".to_string(), "deck b".to_string());
        assert_eq!(write_pages(&out, &pages).expect("write").written, 3);
        assert_eq!(read_manifest(&out), ["g/a.html", "g/b.html", "index.html"]);
        let r = write_pages(&out, &pages).expect("rewrite");
        assert_eq!((r.written, r.unchanged), (0, 3));
        // A deleted or truncated page is written again.
        std::fs::remove_file(out.join("g/a.html")).expect("rm");
        std::fs::write(out.join("g/b.html"), "x").expect("truncate");
        pages.insert("index.html".to_string(), "index 2".to_string());
        let r = write_pages(&out, &pages).expect("repair");
        assert_eq!((r.written, r.unchanged), (3, 0));
        assert_eq!(
            std::fs::read_to_string(out.join("g/b.html")).expect("b"),
            "deck b"
        );
    }
}
