//! Fatal errors. Each names the file, and the line where there is one.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written; the OS error is kept
    /// as the source.
    #[error("{}: {}", path.display(), describe(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{}: {message}", path.display(), at(*line, *col))]
    Source {
        path: PathBuf,
        line: usize,
        /// 1-based column; 0 when only the line is known.
        col: usize,
        message: String,
    },
    #[error("{}: {message}", path.display())]
    Input { path: PathBuf, message: String },
    /// The inputs hold no slides: nothing is written, so an existing recap
    /// is never replaced by an empty one.
    #[error("{inputs}: no slides to build; nothing written")]
    Empty { inputs: String },
    /// Bad command-line usage: an unknown flag value (exit 2, like clap's
    /// own errors).
    #[error("{0}")]
    Usage(String),
    /// Something the machine lacks: a browser, a free port.
    #[error("{0}")]
    Setup(String),
    #[error("template: {0}")]
    Template(String),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The process exit code this error ends a command with.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

/// Short words for the common cases; the OS text otherwise.
pub(crate) fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// `line:col`, or `line` when the column is unknown.
fn at(line: usize, col: usize) -> String {
    if col == 0 {
        line.to_string()
    } else {
        format!("{line}:{col}")
    }
}

impl From<askama::Error> for Error {
    fn from(e: askama::Error) -> Self {
        Error::Template(e.to_string())
    }
}
