//! One notes file through parse and layout: its groups and talks, laid
//! out into slides but not yet given slugs (those depend on the files
//! before it). Pure, so files go in parallel and `Compiler` caches each.

use super::BuildOptions;
use crate::deck::DeckMeta;
use crate::diag::Diagnostic;
use crate::layout::Layout;
use crate::outline::Outline;
use crate::render::theme::Themes;
use crate::source::SourceFile;
use crate::{parse, Error};
use std::path::PathBuf;
use std::sync::Arc;

/// One notes file parsed and laid out: its decks minus the slugs.
#[derive(Debug, Clone)]
pub struct LaidFile {
    pub path: PathBuf,
    pub stem: String,
    pub groups: Vec<LaidGroup>,
    /// Parse and layout findings, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The file's settings: notedeck.toml, its front matter, then the
    /// command line.
    pub meta: DeckMeta,
    /// How its headings were read (shown by `outline`).
    pub roles: crate::outline::Roles,
}

#[derive(Debug, Clone)]
pub struct LaidGroup {
    pub name: String,
    pub intro: Vec<crate::outline::Block>,
    pub line: u32,
    pub talks: Vec<LaidTalk>,
}

#[derive(Debug, Clone)]
pub struct LaidTalk {
    pub title: crate::outline::Inline,
    pub speaker: Option<String>,
    /// The talk's own `by:` / `minutes:` lines.
    pub settings: crate::recap::TalkSettings,
    pub line: u32,
    pub end_line: u32,
    pub slides: crate::deck::Slides,
    /// Columns for the talk's render findings.
    pub positions: Arc<crate::diag::Positions>,
}

/// Parses and lays out one file; pure, so files can go in parallel. Bad
/// front matter is an error for this file only; a theme it names that
/// `themes` lacks is a warning, and the file keeps the project's theme.
pub fn lay_out(src: &SourceFile, opts: &BuildOptions, themes: &Themes) -> Result<LaidFile, Error> {
    let mut diagnostics = Vec::new();
    // Other slide tools' syntax comes off first, so their front-matter
    // keys are not mistaken for ours.
    let prep = parse::tools::prepare(&src.text);
    let cleaned = SourceFile::new(src.path.clone(), &prep.text);
    let src = &cleaned;
    // Front matter sits between notedeck.toml and the command line.
    let mut meta = opts.meta.clone();
    let mut title = None;
    let stripped;
    let src = match crate::config::front_matter(src, &mut diagnostics)? {
        Some((fm, rest)) => {
            fm.settings.apply(&mut meta);
            opts.overrides.apply(&mut meta);
            if themes.get(&meta.theme).is_err() {
                let (line, col) = fm.keys.get("theme").copied().unwrap_or((1, 1));
                diagnostics.push(
                    Diagnostic::warning(
                        &src.path,
                        line,
                        format!(
                            "{}; this file uses '{}'",
                            themes.unknown(&meta.theme),
                            opts.meta.theme
                        ),
                    )
                    .with_col(col),
                );
                meta.theme.clone_from(&opts.meta.theme);
            }
            title = fm.settings.title;
            stripped = rest;
            &stripped
        }
        None => src,
    };
    let parse_opts = parse::ParseOptions {
        talk_level: meta.talk_level,
        title: title.clone(),
    };
    let outline = parse::parse_prepared(src, &prep, &parse_opts, &mut diagnostics);
    if meta.event.is_none() {
        meta.event.clone_from(&outline.event);
    }
    let groups = lay_out_outline(&outline, &prep, opts, title, &mut diagnostics);
    Ok(LaidFile {
        path: outline.path,
        stem: outline.stem,
        groups,
        diagnostics,
        meta,
        roles: outline.roles,
    })
}

fn lay_out_outline(
    outline: &Outline,
    prep: &parse::tools::Prepared,
    opts: &BuildOptions,
    title: Option<String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<LaidGroup> {
    let mut groups = Vec::new();
    let columns = prep.column_spans();
    for g in &outline.groups {
        // Front matter `title` names a file's groups when they have no H1.
        let name = g
            .title
            .as_ref()
            .map(|t| t.text.trim().to_string())
            .filter(|t| !t.is_empty())
            .or_else(|| title.clone().filter(|t| !t.trim().is_empty()))
            .unwrap_or_else(|| outline.stem.clone());
        let mut talks = Vec::new();
        for talk in &g.talks {
            let own = crate::recap::talk_settings(talk, diags, &outline.path);
            let (talk, settings) = match &own {
                Some((t, s)) => (t, s.clone()),
                None => (talk, Default::default()),
            };
            let images = crate::layout::image_sizes(&talk.blocks, &outline.path);
            let mut slides = Layout {
                opts: &opts.layout,
                path: &outline.path,
                images: &images,
                positions: &outline.positions,
                diags,
                columns: &columns,
            }
            .talk(talk);
            // Clicks, columns, fitted titles, backgrounds of other tools' decks.
            prep.apply_looks(&mut slides);
            let slides = slides.into();
            talks.push(LaidTalk {
                title: talk.title.clone(),
                speaker: talk.speaker.clone(),
                settings,
                line: talk.line,
                end_line: talk.end_line,
                slides,
                positions: Arc::new(outline.positions.within(talk.line, talk.end_line)),
            });
        }
        groups.push(LaidGroup {
            name,
            intro: g.intro.clone(),
            line: g.line,
            talks,
        });
    }
    groups
}
