//! The first stage: finding the notes files under the inputs and reading
//! them, text normalised once (BOM, CRLF, lone CR) so every later stage
//! counts lines the same way.

use crate::Error;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Line and column of offsets into one file, see [`SourceFile::line_cols`].
pub struct LineCols<'a> {
    src: &'a SourceFile,
    /// The last offset's line (0: none yet), the offset and its column.
    line: u32,
    offset: usize,
    col: u32,
}

impl LineCols<'_> {
    /// 1-based (line, column) of `offset`, as [`SourceFile::line_col`].
    pub fn at(&mut self, offset: usize) -> (u32, u32) {
        let line = self.src.line_of(offset);
        let offset = offset.min(self.src.text.len());
        // Counted from the last offset, on or back; from the line's start
        // on a new line (or where the text between is not whole characters).
        let text = &self.src.text;
        let counted = match line == self.line {
            true if offset >= self.offset => text
                .get(self.offset..offset)
                .map(|s| self.col + s.chars().count() as u32),
            true => text
                .get(offset..self.offset)
                .and_then(|s| self.col.checked_sub(s.chars().count() as u32)),
            false => None,
        };
        let col = counted.unwrap_or_else(|| self.src.line_col(offset).1);
        (self.line, self.offset, self.col) = (line, offset, col);
        (line, col)
    }
}

/// One notes file, read and normalised.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as the user gave it (shown in diagnostics).
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, raw: &str) -> Self {
        Self::from_string(path, normalize(raw))
    }

    /// [`SourceFile::new`] keeping `raw`'s buffer when it needs no change
    /// (the common case: a rebuild reads every file again).
    fn from_owned(path: impl Into<PathBuf>, raw: String) -> Self {
        let text = if needs_normalizing(&raw) {
            normalize(&raw)
        } else {
            raw
        };
        Self::from_string(path, text)
    }

    fn from_string(path: impl Into<PathBuf>, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// Reads a file under the default notes cap, rejecting invalid UTF-8
    /// with the line of the first bad byte.
    pub fn read(path: &Path) -> Result<Self, crate::Error> {
        Self::read_capped(path, Limits::default().notes)
    }

    /// [`SourceFile::read`] with the project's cap.
    pub fn read_capped(path: &Path, cap: Cap) -> Result<Self, crate::Error> {
        Self::decode(path, read_capped(path, cap))
    }

    /// [`SourceFile::read_capped`] through [`read_beneath`] `root`.
    pub fn read_beneath(path: &Path, root: &Path, cap: Cap) -> Result<Self, crate::Error> {
        Self::decode(path, read_beneath(path, root, cap))
    }

    fn decode(path: &Path, read: std::io::Result<Vec<u8>>) -> Result<Self, crate::Error> {
        let bytes = read.map_err(|e| crate::Error::io(path, e))?;
        match String::from_utf8(bytes) {
            Ok(s) => Ok(SourceFile::from_owned(path, s)),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
                Err(crate::Error::Source {
                    path: path.to_path_buf(),
                    line,
                    col: 0,
                    message: format!("invalid UTF-8 at byte {valid}"),
                })
            }
        }
    }

    /// 1-based line of a byte offset into `text`.
    pub fn line_of(&self, offset: usize) -> u32 {
        let idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (idx + 1) as u32
    }

    /// 1-based (line, column) of a byte offset, column counted in characters.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let line = self.line_of(offset);
        let start = self.line_starts[(line - 1) as usize];
        let end = offset.min(self.text.len());
        let col = self
            .text
            .get(start..end)
            .map_or(1, |s| s.chars().count() + 1);
        (line, col as u32)
    }

    /// [`SourceFile::line_col`] of many offsets: each column counted from
    /// the last one's on the same line, not from the line's start (many
    /// offsets on one long line made that quadratic).
    pub fn line_cols(&self) -> LineCols<'_> {
        LineCols {
            src: self,
            line: 0,
            offset: 0,
            col: 1,
        }
    }

    /// Last line of a byte range that ends at `end` (exclusive).
    pub fn end_line_of(&self, end: usize) -> u32 {
        let mut e = end.min(self.text.len());
        while e > 0 && self.text.as_bytes()[e - 1] == b'\n' {
            e -= 1;
        }
        self.line_of(e.saturating_sub(1))
    }

    /// The text of 1-based line `line`, without its line end ("" past the
    /// end).
    pub fn line_text(&self, line: u32) -> &str {
        let i = line.saturating_sub(1) as usize;
        let Some(&start) = self.line_starts.get(i) else {
            return "";
        };
        let end = self
            .line_starts
            .get(i + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// File stem, used when a file has no H1 to name its group.
    pub fn stem(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "notes".to_string())
    }
}

/// Largest notes file read by default (16 MiB: ten times a year of
/// daily notes).
pub const MAX_NOTES_BYTES: u64 = 16 << 20;
/// Largest theme file read by default.
pub const MAX_THEME_BYTES: u64 = 2 << 20;
/// Largest image embedded by default.
pub const MAX_IMAGE_BYTES: u64 = 16 << 20;

/// A size cap on one kind of input, and the `[build]` key of
/// `notedeck.toml` that raises it (named in the error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cap {
    pub bytes: u64,
    pub key: &'static str,
}

/// The size caps of a build: defaults, or `[build] max_*_mib`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub notes: Cap,
    pub images: Cap,
    pub themes: Cap,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            notes: Cap {
                bytes: MAX_NOTES_BYTES,
                key: "max_notes_mib",
            },
            images: Cap {
                bytes: MAX_IMAGE_BYTES,
                key: "max_image_mib",
            },
            themes: Cap {
                bytes: MAX_THEME_BYTES,
                key: "max_theme_mib",
            },
        }
    }
}

/// [`read_regular`] under an input cap; the error says how to raise it.
pub fn read_capped(path: &Path, cap: Cap) -> std::io::Result<Vec<u8>> {
    read_regular(path, cap.bytes).map_err(|e| cap_hint(e, cap))
}

/// A too-large error that says how to raise `cap`.
fn cap_hint(e: std::io::Error, cap: Cap) -> std::io::Error {
    if e.kind() == std::io::ErrorKind::FileTooLarge {
        std::io::Error::new(
            e.kind(),
            format!(
                "larger than the {} MiB cap; not read (raise it with `{} = N` under [build] in notedeck.toml)",
                cap.bytes >> 20,
                cap.key
            ),
        )
    } else {
        e
    }
}

/// Reads a regular file of at most `limit` bytes. A FIFO, device or
/// socket is refused before it is opened (reading one could block or
/// never end), and a file growing past `limit` while read is refused too.
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > limit {
        return Err(too_large(limit));
    }
    // The file may have been swapped between the two looks: the opened
    // handle is checked again.
    read_handle(std::fs::File::open(path)?, limit)
}

fn not_regular() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        "not a regular file (a FIFO, device or socket); not read",
    )
}

fn too_large(limit: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::FileTooLarge,
        format!("larger than {} MiB; not read", limit >> 20),
    )
}

/// [`read_capped`] of the file `path` names, which must resolve to
/// somewhere inside the folder `root`, opened once from `root` without
/// following any symlink on the way (a symlink swapped in after the check
/// fails the open instead of reading a file outside), and read from that
/// handle only.
pub fn read_beneath(path: &Path, root: &Path, cap: Cap) -> std::io::Result<Vec<u8>> {
    use std::io::{Error as IoError, ErrorKind};
    let root = std::fs::canonicalize(root)?;
    let full = std::fs::canonicalize(path)?;
    let Ok(rel) = full.strip_prefix(&root) else {
        return Err(IoError::new(
            ErrorKind::PermissionDenied,
            "resolves outside its folder; not read",
        ));
    };
    let file = open_beneath(&root, rel).map_err(|e| {
        if is_loop(&e) || e.kind() == ErrorKind::NotADirectory {
            // A symlink appeared on the way since it was resolved.
            IoError::new(
                ErrorKind::PermissionDenied,
                "became a symlink while read; not read",
            )
        } else {
            e
        }
    })?;
    read_handle(file, cap.bytes).map_err(|e| cap_hint(e, cap))
}

/// ELOOP: a symlink where none may be followed.
#[cfg(unix)]
fn is_loop(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
}

#[cfg(not(unix))]
fn is_loop(_: &std::io::Error) -> bool {
    false
}

/// Opens `rel` under the folder `root` for reading, following no symlink
/// and never blocking on a FIFO.
#[cfg(unix)]
fn open_beneath(root: &Path, rel: &Path) -> std::io::Result<std::fs::File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let dir = rustix::fs::open(
        root,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::ResolveFlags;
        let how = ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS;
        match rustix::fs::openat2(&dir, rel, flags, Mode::empty(), how) {
            Err(rustix::io::Errno::NOSYS) => {}
            other => return Ok(std::fs::File::from(other?)),
        }
    }
    // Without openat2: one component at a time, none of them a symlink.
    let mut dir = dir;
    let parts: Vec<_> = rel.components().collect();
    for (i, part) in parts.iter().enumerate() {
        let std::path::Component::Normal(name) = part else {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a plain path",
            ));
        };
        if i + 1 == parts.len() {
            return Ok(std::fs::File::from(rustix::fs::openat(
                &dir,
                *name,
                flags,
                Mode::empty(),
            )?));
        }
        dir = rustix::fs::openat(
            &dir,
            *name,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        "a folder, not a file",
    ))
}

#[cfg(not(unix))]
fn open_beneath(root: &Path, rel: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(root.join(rel))
}

/// Reads an opened file that must be regular and at most `limit` bytes.
fn read_handle(file: std::fs::File, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > limit {
        return Err(too_large(limit));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

/// Whether `path` resolves (through any symlink) to somewhere inside the
/// folder `root` resolves to.
pub fn resolves_inside(path: &Path, root: &Path) -> bool {
    match (std::fs::canonicalize(path), std::fs::canonicalize(root)) {
        (Ok(p), Ok(r)) => p.starts_with(r),
        _ => false,
    }
}

/// Extensions of Markdown notes files (Quarto's `.qmd` too).
pub const NOTES_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "qmd"];

/// A notes file by its extension (any case).
pub fn is_notes_file(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| NOTES_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Finds Markdown notes files under the inputs, in a stable order.
pub fn discover(inputs: &[PathBuf], exclude: &[PathBuf], errors: &mut Vec<Error>) -> Vec<PathBuf> {
    let excluded: Vec<PathBuf> = exclude
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    let mut files = Vec::new();
    for input in inputs {
        let meta = match std::fs::metadata(input) {
            Ok(m) => m,
            Err(e) => {
                errors.push(Error::io(input, e));
                continue;
            }
        };
        if meta.is_dir() {
            let before = files.len();
            walk(input, input, &excluded, &mut files, errors);
            if files.len() == before {
                errors.push(Error::Input {
                    path: input.clone(),
                    message:
                        "no .md files (nor .markdown, .mdown, .mkd, .qmd) found in this folder"
                            .into(),
                });
            }
        } else {
            files.push(input.clone());
        }
    }
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    files
}

fn walk(
    root: &Path,
    dir: &Path,
    excluded: &[PathBuf],
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<Error>,
) {
    if let Ok(c) = std::fs::canonicalize(dir) {
        if excluded.contains(&c) {
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(Error::io(dir, e));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        // Symlinked folders are not followed: no loops, nothing outside.
        let Ok(lmeta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if lmeta.is_dir() {
            walk(root, &p, excluded, files, errors);
        } else if is_notes_file(&p) {
            // As for images: a symlink out of the input folder is never read.
            if lmeta.is_symlink() && !resolves_inside(&p, root) {
                errors.push(Error::Input {
                    path: p,
                    message: "links to a file outside the input folder; not read".into(),
                });
            } else {
                // Non-regular files are refused when read, with a reason.
                files.push(p);
            }
        }
    }
}

/// Reads every `.md` file under `inputs` (minus `exclude`); files that
/// cannot be read are errors, the others still load.
pub fn load(
    inputs: &[PathBuf],
    exclude: &[PathBuf],
    cap: Cap,
    errors: &mut Vec<Error>,
) -> Vec<SourceFile> {
    // A file under an input folder is read from that folder; a file named
    // as an input, from the folder it resolves into.
    let folders: Vec<&PathBuf> = inputs.iter().filter(|i| i.is_dir()).collect();
    discover(inputs, exclude, errors)
        .iter()
        .map(|p| {
            let root = match folders.iter().find(|f| p.starts_with(f)) {
                Some(f) => f.to_path_buf(),
                None => std::fs::canonicalize(p)
                    .ok()
                    .and_then(|c| c.parent().map(Path::to_path_buf))
                    .unwrap_or_default(),
            };
            (p, root)
        })
        .filter_map(|(p, root)| match SourceFile::read_beneath(p, &root, cap) {
            Ok(s) => Some(s),
            Err(e) => {
                errors.push(e);
                None
            }
        })
        .collect()
}

/// Whether [`normalize`] would change `raw` (a BOM, `\r` or NUL).
fn needs_normalizing(raw: &str) -> bool {
    raw.starts_with('\u{feff}') || memchr::memchr2(b'\r', 0, raw.as_bytes()).is_some()
}

/// Strips a BOM, turns CRLF and lone CR into LF, and NUL into U+FFFD
/// (CommonMark's rule), so offsets and lines agree in every stage.
pub fn normalize(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if !needs_normalizing(raw) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\0' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_line_endings_and_bom() {
        let f = SourceFile::new("a.md", "\u{feff}a\r\nb\rc\n");
        assert_eq!(f.text, "a\nb\nc\n");
        assert_eq!(f.line_of(0), 1);
        assert_eq!(f.line_of(2), 2);
        assert_eq!(f.line_of(4), 3);
    }

    #[test]
    fn folders_give_every_markdown_extension() {
        let dir = tempfile::tempdir().expect("tempdir");
        for f in [
            "a.md",
            "b.markdown",
            "c.MDOWN",
            "d.mkd",
            "e.qmd",
            "f.txt",
            "g.mdx",
        ] {
            std::fs::write(dir.path().join(f), "# T\n").expect("write");
        }
        let mut errors = Vec::new();
        let found = discover(&[dir.path().to_path_buf()], &[], &mut errors);
        let names: Vec<String> = found
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(names, ["a.md", "b.markdown", "c.MDOWN", "d.mkd", "e.qmd"]);
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn columns_count_characters() {
        let f = SourceFile::new("a.md", "x\nwon’t y");
        assert_eq!(f.line_col(2 + "won’t ".len()), (2, 7));
    }

    #[test]
    fn columns_counted_on_equal_columns_counted_from_the_line_start() {
        let f = SourceFile::new("a.md", "é * [a](b) ü\n\n> > x\nlast ñ line");
        let bounds: Vec<usize> = (0..=f.text.len() + 2)
            .filter(|&i| f.text.is_char_boundary(i.min(f.text.len())))
            .collect();
        // In order, backwards, and jumping across lines.
        let mut order = bounds.clone();
        order.extend(bounds.iter().rev());
        order.extend(bounds.iter().step_by(3).chain(bounds.iter().step_by(2)));
        let mut cols = f.line_cols();
        for &i in &order {
            assert_eq!(cols.at(i), f.line_col(i.min(f.text.len())), "offset {i}");
        }
    }
}
