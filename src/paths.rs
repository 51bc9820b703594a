//! The one path normaliser, for comparing paths that may not exist yet
//! (an output folder before its first build, a notes file just deleted).

use std::path::{Component, Path, PathBuf};

/// Absolute form of `p` with symlinks resolved: the longest existing
/// ancestor is canonicalised and the rest appended, `.` and `..` resolved
/// by name (a missing folder cannot be a symlink).
pub fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    for base in abs.ancestors().skip(1) {
        let Ok(mut out) = std::fs::canonicalize(base) else {
            continue;
        };
        let Ok(rest) = abs.strip_prefix(base) else {
            break;
        };
        for c in rest.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::Normal(name) => out.push(name),
                _ => {}
            }
        }
        return out;
    }
    abs
}

/// What a file is on disk, without reading it: length, modification time
/// (full precision) and inode. A rewrite, a rename over or a deletion
/// (`None`) changes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp(u64, Option<std::time::SystemTime>, u64);

pub fn stamp(p: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(p).ok()?;
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    Some(Stamp(m.len(), m.modified().ok(), ino))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_paths_resolve_through_their_existing_ancestor() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap_or_else(|e| panic!("{e}"));
        let real = std::fs::canonicalize(&real).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(absolute(&dir.path().join("real")), real);
        // Two missing levels: the old watcher copy only canonicalised the
        // parent, so this came back with `..` and unresolved.
        assert_eq!(
            absolute(&dir.path().join("real/new/deeper/../x")),
            real.join("new/x")
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&real, dir.path().join("link"))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(absolute(&dir.path().join("link/a/b")), real.join("a/b"));
        }
        assert!(absolute(Path::new("not-here/x")).is_absolute());
    }
}
