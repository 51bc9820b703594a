//! Fatal errors. Each names the file, and the line where there is one.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {message}", path.display())]
    Io { path: PathBuf, message: String },
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
    #[error("{0}")]
    Usage(String),
    #[error("template: {0}")]
    Template(String),
}

impl Error {
    pub fn io(path: &Path, e: std::io::Error) -> Self {
        let message = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        Error::Io {
            path: path.to_path_buf(),
            message,
        }
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
