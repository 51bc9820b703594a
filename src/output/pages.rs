//! The HTML folder `build -o DIR` writes: one page per deck, the recap
//! index and show, and the manifest that says which files are ours.

use super::{check_output_dir, write_pages_keeping, Format, WriteReport};
use crate::{Error, Site};
use std::path::{Path, PathBuf};

/// The site's pages as files under a folder.
pub struct Pages<'a> {
    /// The build's inputs: the folder must not be or hold one.
    pub inputs: &'a [PathBuf],
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
        // The folder check first: an output folder that is the input
        // excludes every file, and that is the error worth naming.
        check_output_dir(out, self.inputs, &site.project.sources)?;
        site.require_slides(self.inputs)?;
        // A file that failed this time keeps its decks from the last build.
        let keep = !site.project.errors.is_empty();
        write_pages_keeping(out, &site.pages, keep)
    }
}
