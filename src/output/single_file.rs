//! `build --single-file`: the recap show (every talk in one deck, see
//! `render::recap`) as one self-contained HTML file. No index beside it,
//! so the show links nowhere outside itself.

use super::Format;
use crate::deck::Deck;
use crate::render::{self, recap, Assets};
use crate::services::theme::Themes;
use crate::{BuildOptions, Error, Project, Site};
use std::path::Path;

/// The recap show as one HTML file.
pub struct SingleFile<'a> {
    /// The options the site was built with (themes, title, notes).
    pub opts: &'a BuildOptions,
}

impl Format for SingleFile<'_> {
    type Report = ();

    /// Refuses a site without slides, a notes file and any file that is
    /// not a notedeck page.
    fn write(&self, site: &Site, out: &Path) -> Result<(), Error> {
        self.write_project(&site.project, out)
    }
}

impl SingleFile<'_> {
    /// [`Format::write`] from the compiled project alone: the show renders
    /// its slides afresh, so no page of a build needs to be kept
    /// (`build --single-file` compiles with [`crate::Compiler::findings`]).
    pub fn write_project(&self, project: &Project, out: &Path) -> Result<(), Error> {
        project.require_slides(&self.opts.inputs)?;
        let html = render(&project.decks, self.opts)?;
        write(out, &html, &project.sources)
    }
}

/// The show's HTML, with each deck's slides rendered afresh (their
/// warnings were reported by the build).
pub fn render(decks: &[Deck], opts: &BuildOptions) -> Result<String, Error> {
    let assets = Assets {
        themes: Themes::load_capped(
            &Themes::project_dirs(&opts.inputs),
            opts.theme_base.as_deref(),
            opts.meta.limits.themes,
        )?,
        no_notes: opts.no_notes,
        live: false,
    };
    let title = crate::compile::recap_title(opts, decks);
    let views: Vec<render::Views> = decks
        .iter()
        .map(|d| render::deck_views(d, &assets, &mut Vec::new()))
        .collect();
    recap::render_recap(decks, &views, &title, &assets, recap::Home::None)
}

/// Writes the file atomically. Refuses to replace a notes file or any
/// existing file that is not a notedeck page.
pub fn write(
    path: &std::path::Path,
    html: &str,
    sources: &[std::path::PathBuf],
) -> Result<(), Error> {
    let canon = |p: &std::path::Path| std::fs::canonicalize(p).ok();
    if let Some(target) = canon(path) {
        if sources.iter().any(|s| canon(s).as_ref() == Some(&target)) {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: "is one of the notes files; refusing to overwrite it".into(),
            });
        }
        // Never opened unless regular (a FIFO would block the build).
        let existing = crate::source::read_regular(path, u64::MAX)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        if !existing.contains("<meta name=\"generator\" content=\"notedeck\">") {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: "exists and was not written by notedeck; refusing to overwrite it".into(),
            });
        }
    }
    crate::output::write_atomic(path, html.as_bytes())
}
