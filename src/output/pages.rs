//! The HTML folder `build -o DIR` writes: one page per deck, the recap
//! index and show, and the manifest that says which files are ours.

use super::{check_output_dir, Folder, Format, PartPage, WriteReport};
use crate::compile::{PageSink, Project, WHOLE_PAGES};
use crate::{Error, Site};
use std::path::{Path, PathBuf};

/// The site's pages as files under a folder.
pub struct Pages<'a> {
    /// The build's inputs: the folder must not be or hold one.
    pub inputs: &'a [PathBuf],
}

impl<'a> Pages<'a> {
    /// The folder `out` as a [`PageSink`] for [`crate::Compiler::build_into`]:
    /// each page is written as it is rendered; [`FolderSink::finish`]
    /// then removes what the last build made and this one did not.
    pub fn sink(&self, out: &'a Path) -> FolderSink<'a> {
        FolderSink {
            inputs: self.inputs,
            out,
            folder: None,
            keep_stale: false,
            parts: std::collections::BTreeMap::new(),
        }
    }
}

impl Format for Pages<'_> {
    type Report = WriteReport;

    /// Refuses, writing nothing, a site without slides (it would replace a
    /// recap with an empty one) and an output folder that holds inputs or
    /// foreign files. Give `out` in the build's `exclude` before building,
    /// so it is not read.
    fn write(&self, site: &Site, out: &Path) -> Result<WriteReport, Error> {
        if !site.finished() {
            // A site from `build_decks` has no index yet: never write it.
            return Err(Error::Setup(
                "internal: the recap index was not rendered; nothing written".into(),
            ));
        }
        let mut sink = self.sink(out);
        sink.begin(&site.project)?;
        for (path, html) in &site.pages {
            sink.page(path, html)?;
        }
        sink.finish()
    }
}

/// An output folder taking a build's pages one by one.
pub struct FolderSink<'a> {
    inputs: &'a [PathBuf],
    out: &'a Path,
    /// Open once [`PageSink::begin`] accepted the project.
    folder: Option<Folder>,
    /// A file failed this time: it keeps its decks from the last build.
    keep_stale: bool,
    /// Pages being written in parts, by path.
    parts: std::collections::BTreeMap<String, PartPage>,
}

impl PageSink for FolderSink<'_> {
    /// The folder check first: an output folder that is the input
    /// excludes every file, and that is the error worth naming.
    fn begin(&mut self, project: &Project) -> Result<(), Error> {
        check_output_dir(self.out, self.inputs, &project.sources)?;
        project.require_slides(self.inputs)?;
        self.keep_stale = !project.errors.is_empty();
        let paths = project.decks.iter().map(|d| d.path.as_str());
        self.folder = Some(Folder::open(self.out, paths.chain(WHOLE_PAGES))?);
        Ok(())
    }

    fn page(&mut self, path: &str, html: &str) -> Result<(), Error> {
        self.folder.as_mut().ok_or_else(not_begun)?.put(path, html)
    }

    fn open(&mut self, path: &str) -> Result<(), Error> {
        let page = self
            .folder
            .as_ref()
            .ok_or_else(not_begun)?
            .start_parts(path)?;
        self.parts.insert(path.to_string(), page);
        Ok(())
    }

    fn part(&mut self, path: &str, html: &str) -> Result<(), Error> {
        self.parts
            .get_mut(path)
            .ok_or_else(not_begun)?
            .write(html.as_bytes())
    }

    fn scratch(&self) -> Option<&Path> {
        self.folder.as_ref().map(|_| self.out)
    }

    fn target(&self) -> Option<std::sync::Arc<dyn crate::compile::PageTarget>> {
        self.folder
            .as_ref()
            .map(|f| -> std::sync::Arc<dyn crate::compile::PageTarget> { f.target() })
    }

    fn written(&mut self, path: &str, put: crate::compile::Written) -> Result<(), Error> {
        self.folder
            .as_mut()
            .ok_or_else(not_begun)?
            .record(path, put)
    }

    fn close(&mut self, path: &str) -> Result<(), Error> {
        let page = self.parts.remove(path).ok_or_else(not_begun)?;
        self.folder.as_mut().ok_or_else(not_begun)?.put_parts(page)
    }
}

impl FolderSink<'_> {
    /// After the last page: stale pages removed (or kept, see
    /// `keep_stale`), the manifest written, the folder unlocked.
    pub fn finish(self) -> Result<WriteReport, Error> {
        self.folder.ok_or_else(not_begun)?.finish(self.keep_stale)
    }
}

fn not_begun() -> Error {
    Error::Setup("internal: pages given to an output folder never opened; nothing written".into())
}
