//! One notes file through parse and layout: its groups and talks, laid
//! out into slides but not yet given slugs (those depend on the files
//! before it). Pure, so files go in parallel and `Compiler` caches each.

use super::BuildOptions;
use crate::deck::DeckMeta;
use crate::diag::Diagnostic;
use crate::layout::measure::Canvas;
use crate::layout::Layout;
use crate::outline::Outline;
use crate::services::theme::Themes;
use crate::source::SourceFile;
use crate::{parse, Error};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// One notes file parsed and laid out: its decks minus the slugs.
#[derive(Debug, Clone)]
pub struct LaidFile {
    pub path: PathBuf,
    pub stem: String,
    pub groups: Vec<LaidGroup>,
    /// Parse, layout and link-lint findings, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The file's settings: notedeck.toml, its front matter, then the
    /// command line.
    pub meta: DeckMeta,
    /// How its headings were read (shown by `outline`).
    pub roles: crate::outline::Roles,
    /// Talks laid out for this file (the others were reused).
    pub talks_laid_out: usize,
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
    /// What its layout was made from, so a rebuild of the file can reuse
    /// it when the talk is the same; `None` when it cannot be reused.
    pub made_from: Option<Arc<TalkInput>>,
    /// Whether this build took it from the file's previous layout.
    pub reused: bool,
    /// Material around the talks, not a talk.
    pub extra: bool,
}

/// Everything a talk's layout reads besides the build options (a change
/// of those drops the whole cache): the parsed talk, where its blocks
/// start, the sizes of its images; and the findings its layout and lint
/// made.
#[derive(Debug)]
pub struct TalkInput {
    talk: crate::outline::Talk,
    images: crate::layout::measure::ImageSizes,
    layout_diags: Vec<Diagnostic>,
}

/// Parses and lays out one file; pure, so files can go in parallel. Bad
/// front matter is an error for this file only; a theme it names that
/// `themes` lacks is a warning, and the file keeps the project's theme.
pub fn lay_out(src: &SourceFile, opts: &BuildOptions, themes: &Themes) -> Result<LaidFile, Error> {
    lay_out_reusing(src, opts, themes, None, true)
}

/// [`lay_out`], taking each talk that is the same as one of `old` (this
/// file's previous layout, with the same options) from there instead of
/// laying it out again: a save re-lays only the talks it changed.
/// Parsing, settings, group names and everything else across talks
/// still come from the whole new text. With `keep` false the talks keep
/// no copy of what they were made from (a one-shot build reuses nothing,
/// and the copy is as large as the talk).
pub fn lay_out_reusing(
    src: &SourceFile,
    opts: &BuildOptions,
    themes: &Themes,
    old: Option<&LaidFile>,
    keep: bool,
) -> Result<LaidFile, Error> {
    let reuse = Reuse {
        old,
        keep,
        skeleton: false,
    };
    lay_out_with(src, opts, themes, reuse)
}

/// The file's groups and talks as [`lay_out`] gives them (names, titles,
/// lines, settings) but with no slides, no columns and no findings:
/// parsed, not laid out. A streamed build assembles its decks from
/// these first (slugs, order, neighbours) and lays each file out later.
pub fn skeleton(src: &SourceFile, opts: &BuildOptions, themes: &Themes) -> Result<LaidFile, Error> {
    Ok(skeleton_keeping(src, opts, themes, false)?.0)
}

/// [`skeleton`], also giving back the parse it was read from when `keep`,
/// for [`lay_out_parsed`] to lay out without parsing the file again.
pub fn skeleton_keeping(
    src: &SourceFile,
    opts: &BuildOptions,
    themes: &Themes,
    keep: bool,
) -> Result<(LaidFile, Option<Parsed>), Error> {
    let parsed = parse_file(src, opts, themes)?;
    let reuse = Reuse {
        old: None,
        keep: false,
        skeleton: true,
    };
    let groups = lay_out_outline(
        &parsed.outline,
        &parsed.prep,
        opts,
        parsed.title.clone(),
        reuse,
        Canvas::default(),
        &mut Vec::new(),
    );
    let laid = LaidFile {
        path: parsed.outline.path.clone(),
        stem: parsed.outline.stem.clone(),
        groups,
        diagnostics: Vec::new(),
        meta: parsed.meta.clone(),
        roles: parsed.outline.roles.clone(),
        talks_laid_out: 0,
    };
    Ok((laid, keep.then_some(parsed)))
}

/// One file parsed, not yet laid out: what its layout reads besides the
/// options.
pub struct Parsed {
    prep: parse::tools::Prepared,
    outline: Outline,
    meta: DeckMeta,
    /// Front matter `title`.
    title: Option<String>,
    /// Front matter and parse findings, in source order.
    diagnostics: Vec<Diagnostic>,
}

fn lay_out_with(
    src: &SourceFile,
    opts: &BuildOptions,
    themes: &Themes,
    reuse: Reuse,
) -> Result<LaidFile, Error> {
    Ok(lay_out_parsed(
        parse_file(src, opts, themes)?,
        opts,
        themes,
        reuse,
    ))
}

/// Front matter and parse: everything of [`lay_out`] before the layout.
fn parse_file(src: &SourceFile, opts: &BuildOptions, themes: &Themes) -> Result<Parsed, Error> {
    let mut diagnostics = Vec::new();
    // Other slide tools' syntax comes off first, so their front-matter
    // keys are not mistaken for ours.
    let prep = parse::tools::prepare_file(&src.path, &src.text);
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
    Ok(Parsed {
        prep,
        outline,
        meta,
        title,
        diagnostics,
    })
}

/// A file kept by [`skeleton_keeping`] laid out, as
/// `lay_out_reusing(src, opts, themes, None, false)` lays out its text.
pub fn lay_out_kept(parsed: Parsed, opts: &BuildOptions, themes: &Themes) -> LaidFile {
    let reuse = Reuse {
        old: None,
        keep: false,
        skeleton: false,
    };
    lay_out_parsed(parsed, opts, themes, reuse)
}

/// A parsed file laid out, as [`lay_out_with`] lays out its text.
fn lay_out_parsed(
    parsed: Parsed,
    opts: &BuildOptions,
    themes: &Themes,
    Reuse {
        old,
        keep,
        skeleton,
    }: Reuse,
) -> LaidFile {
    let Parsed {
        prep,
        outline,
        meta,
        title,
        mut diagnostics,
    } = parsed;
    // Same settings too (front matter), in case layout reads them.
    let old = old.filter(|o| o.path == outline.path && o.meta == meta);
    // Measured with the sizes and spacing of the theme it is drawn in.
    let canvas = themes
        .get(&meta.theme)
        .map(|t| Canvas::themed(&t.properties, &Canvas::default()))
        .unwrap_or_default();
    let reuse = Reuse {
        old,
        keep,
        skeleton,
    };
    let groups = lay_out_outline(
        &outline,
        &prep,
        opts,
        title,
        reuse,
        canvas,
        &mut diagnostics,
    );
    let reused = groups
        .iter()
        .flat_map(|g| &g.talks)
        .filter(|t| t.reused)
        .count();
    let talks = groups.iter().map(|g| g.talks.len()).sum::<usize>();
    LaidFile {
        talks_laid_out: talks - reused,
        path: outline.path,
        stem: outline.stem,
        groups,
        diagnostics,
        meta,
        roles: outline.roles,
    }
}

/// What a layout may take from the file's previous one (`old`), and
/// whether its talks keep what they were made from for the next (`keep`);
/// `skeleton`: parse only (see [`skeleton`]).
struct Reuse<'a> {
    old: Option<&'a LaidFile>,
    keep: bool,
    skeleton: bool,
}

fn lay_out_outline(
    outline: &Outline,
    prep: &parse::tools::Prepared,
    opts: &BuildOptions,
    title: Option<String>,
    Reuse {
        old,
        keep,
        skeleton,
    }: Reuse,
    canvas: Canvas<'static>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<LaidGroup> {
    let mut groups = Vec::new();
    let asked = prep.asked();
    // Other tools' looks and columns reach across slides and talks: those
    // files are always laid out whole.
    let reusable = prep.tool.is_none() && asked.is_empty();
    let old_talks: HashMap<u32, &LaidTalk> = old
        .filter(|_| reusable)
        .map(|o| {
            o.groups
                .iter()
                .flat_map(|g| &g.talks)
                .map(|t| (t.line, t))
                .collect()
        })
        .unwrap_or_default();
    for g in &outline.groups {
        // Front matter `title` names a file's groups when they have no H1.
        let name = g
            .title
            .as_ref()
            .map(|t| t.text.trim().to_string())
            .filter(|t| !t.is_empty())
            .or_else(|| title.clone().filter(|t| !t.trim().is_empty()))
            .unwrap_or_else(|| outline.stem.clone());
        // Each talk on its own, side by side on rayon's threads; their
        // findings are kept apart and appended in talk order.
        let lay_out_talk = |talk: &crate::outline::Talk| {
            let mut diags = Vec::new();
            let own = crate::recap::talk_settings(talk, &mut diags, &outline.path);
            let (talk, settings) = match &own {
                Some((t, s)) => (t, s.clone()),
                None => (talk, Default::default()),
            };
            if skeleton {
                let laid = LaidTalk {
                    title: talk.title.clone(),
                    speaker: talk.speaker.clone(),
                    settings,
                    line: talk.line,
                    end_line: talk.end_line,
                    slides: Default::default(),
                    positions: Default::default(),
                    made_from: None,
                    reused: false,
                    extra: talk.extra,
                };
                return (laid, diags);
            }
            let images = crate::layout::image_sizes(&talk.blocks, &outline.path);
            let positions = Arc::new(outline.positions.within(talk.line, talk.end_line));
            let same = old_talks.get(&talk.line).filter(|t| {
                t.positions == positions
                    && t.made_from
                        .as_ref()
                        .is_some_and(|m| m.talk == *talk && m.images == images)
            });
            let (slides, made_from) = match same.and_then(|t| Some((t, t.made_from.as_ref()?))) {
                Some((t, m)) => {
                    diags.extend(m.layout_diags.iter().cloned());
                    (t.slides.clone(), Some(m.clone()))
                }
                None => {
                    let before = diags.len();
                    let mut slides = Layout {
                        opts: &opts.layout,
                        path: &outline.path,
                        images: &images,
                        positions: &outline.positions,
                        diags: &mut diags,
                        asked: &asked,
                        canvas,
                    }
                    .talk(talk);
                    // Clicks, columns, fitted titles, backgrounds of other tools' decks.
                    prep.apply_looks(&mut slides);
                    super::lint::talk(&outline.path, &positions, &slides, &mut diags);
                    let made_from = (keep && reusable).then(|| {
                        Arc::new(TalkInput {
                            talk: talk.clone(),
                            images,
                            layout_diags: diags[before..].to_vec(),
                        })
                    });
                    (slides.into(), made_from)
                }
            };
            let laid = LaidTalk {
                title: talk.title.clone(),
                speaker: talk.speaker.clone(),
                settings,
                line: talk.line,
                end_line: talk.end_line,
                slides,
                positions,
                made_from,
                reused: same.is_some(),
                extra: talk.extra,
            };
            (laid, diags)
        };
        let laid: Vec<(LaidTalk, Vec<Diagnostic>)> = if skeleton || g.talks.len() < 2 {
            g.talks.iter().map(lay_out_talk).collect()
        } else {
            g.talks.par_iter().map(lay_out_talk).collect()
        };
        let mut talks = Vec::with_capacity(laid.len());
        for (talk, found) in laid {
            diags.extend(found);
            talks.push(talk);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A file laid out from the parse its first pass kept is the file laid
    /// out from its text, and the first pass reads it as `skeleton` does.
    #[test]
    fn a_kept_parse_lays_out_as_the_text_does() {
        let opts = BuildOptions::default();
        let themes = Themes::builtin();
        let mut seen = 0;
        for dir in ["talks", "rich", "corpus", "shapes", "looks", "outline"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(dir);
            let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
                .expect("fixtures")
                .map(|e| e.expect("entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .collect();
            paths.sort();
            for path in paths {
                let text = std::fs::read_to_string(&path).expect("read");
                let src = SourceFile::new(path.clone(), &text);
                let Ok((first, parsed)) = skeleton_keeping(&src, &opts, &themes, true) else {
                    continue;
                };
                let alone = skeleton(&src, &opts, &themes).expect("skeleton");
                assert_eq!(format!("{first:?}"), format!("{alone:?}"), "{path:?}");
                let kept = lay_out_kept(parsed.expect("kept"), &opts, &themes);
                let fresh = lay_out_reusing(&src, &opts, &themes, None, false).expect("lay out");
                assert_eq!(format!("{kept:?}"), format!("{fresh:?}"), "{path:?}");
                seen += 1;
            }
        }
        assert!(seen > 20, "{seen} files");
    }
}
