//! `notedeck pptx`: the recap show (or one deck) as an editable
//! PowerPoint, written from the slide model, slide for slide the cut the
//! HTML shows. Titles go in title placeholders, bodies in body
//! placeholders as real paragraphs with bullet levels; tables are
//! tables, code a monospace box, images pictures, speaker notes notes
//! pages; each talk is a PowerPoint section.
//!
//! Shapes sit where the layout measured them on its 1280×720 canvas
//! (1 px = 9525 EMU = 0.75 pt), with the theme's sizes and line heights,
//! so what fits in HTML fits here. With `--template` the user's masters
//! and layouts (Title Slide, Title and Content, Section Header) are used
//! instead of notedeck's own, and text sizes come from them.
//!
//! The file is deterministic: parts in a fixed order, zip times fixed at
//! 1980-01-01, no random ids.

mod package;
mod text;

use crate::deck::{Deck, Slide, SlideKind};
use crate::layout::measure::{Canvas, ImageSizes};
use crate::outline::{Block, OtherKind};
use crate::services::theme::Theme;
use crate::Error;
use package::{Package, Template};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use text::{Bullet, Para, Run, Style};

pub use package::CREATOR;

/// What to write.
pub struct PptxOptions {
    /// The recap's title (opening and closing slides, document title).
    pub title: String,
    /// Only the deck with this slug (or output path): its slides alone.
    pub deck: Option<String>,
    /// A `.pptx` whose masters and layouts to use.
    pub template: Option<PathBuf>,
    /// The first deck's theme: colours, fonts and sizes.
    pub theme: Theme,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PptxReport {
    pub decks: usize,
    pub slides: usize,
    /// Section names, in order.
    pub sections: Vec<String>,
}

/// Writes `decks` as a `.pptx` to `out`, atomically; refuses to replace
/// a file notedeck did not write.
pub fn write_pptx(decks: &[Deck], opts: &PptxOptions, out: &Path) -> Result<PptxReport, Error> {
    guard_output(out)?;
    let (bytes, report) = pptx_bytes(decks, opts)?;
    crate::output::write_atomic(out, &bytes)?;
    Ok(report)
}

/// The `.pptx` file's bytes.
pub fn pptx_bytes(decks: &[Deck], opts: &PptxOptions) -> Result<(Vec<u8>, PptxReport), Error> {
    let template = match &opts.template {
        Some(p) => Some(Template::read(p)?),
        None => None,
    };
    let chosen = crate::output::pdf::select(decks, opts.deck.as_deref())?;
    if chosen.is_empty() {
        return Err(Error::Usage("no decks to export".into()));
    }
    let look = Look::of(&opts.theme);
    let mut pkg = Package::new(&opts.title, &look, template);
    let mut sections: Vec<(String, usize, usize)> = Vec::new();
    let single = opts.deck.is_some() && chosen.len() == 1;
    if !single {
        let start = pkg.slides.len();
        opening(&mut pkg, &look, decks, &opts.title);
        agenda(&mut pkg, &look, decks);
        sections.push((opts.title.clone(), start, pkg.slides.len()));
    }
    let mut talk_first: Vec<usize> = Vec::new();
    for (k, d) in chosen.iter().enumerate() {
        let start = pkg.slides.len();
        talk_first.push(start);
        let talk_pos = (!single).then_some((k + 1, chosen.len()));
        deck_slides(&mut pkg, &look, d, talk_pos);
        sections.push((d.title.text.trim().to_string(), start, pkg.slides.len()));
    }
    if !single {
        let start = pkg.slides.len();
        closing(&mut pkg, &look, decks, &opts.title);
        sections.push(("Thank you".into(), start, pkg.slides.len()));
    }
    // Agenda entries jump to their talk's title slide.
    pkg.resolve_jumps(&talk_first);
    // The opening, agenda and closing speak the first talk's language.
    let lang = chosen.first().and_then(|d| lang_tag(&d.meta.lang));
    for slide in &mut pkg.slides {
        fit_slide(&look.canvas, slide);
        if slide.lang.is_none() {
            slide.lang.clone_from(&lang);
        }
    }
    let report = PptxReport {
        decks: chosen.len(),
        slides: pkg.slides.len(),
        sections: sections.iter().map(|s| s.0.clone()).collect(),
    };
    let bytes = pkg.finish(&sections)?;
    Ok((bytes, report))
}

/// Never replace a file notedeck did not make: ours carry [`CREATOR`] as
/// the zip comment at the file's end.
fn guard_output(out: &Path) -> Result<(), Error> {
    let bytes = match crate::source::read_regular(out, 1 << 30) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(_) => Vec::new(),
    };
    let tail = &bytes[bytes.len().saturating_sub(256)..];
    let ours =
        bytes.starts_with(b"PK") && tail.windows(CREATOR.len()).any(|w| w == CREATOR.as_bytes());
    if ours {
        Ok(())
    } else {
        Err(Error::Input {
            path: out.to_path_buf(),
            message: "exists and was not written by notedeck; refusing to overwrite it".into(),
        })
    }
}

/// The theme's colours, fonts and sizes, in px and `rrggbb`.
#[derive(Debug, Clone)]
pub(crate) struct Look {
    pub bg: String,
    pub fg: String,
    pub heading: String,
    pub accent: String,
    pub link: String,
    pub muted: String,
    pub border: String,
    pub code_bg: String,
    pub code_fg: String,
    pub stripe: String,
    pub hl: BTreeMap<&'static str, String>,
    pub font_body: String,
    pub font_heading: String,
    pub font_mono: String,
    pub canvas: Canvas<'static>,
}

impl Look {
    fn of(theme: &Theme) -> Look {
        let prop = |name: &str| -> Option<&str> {
            theme
                .properties
                .iter()
                .rev()
                .find(|(p, _)| p == name)
                .map(|(_, v)| v.as_str())
        };
        let color = |name: &str, fallback: &str| -> String {
            prop(name)
                .and_then(crate::services::theme::parse_hex)
                .map_or_else(
                    || fallback.to_string(),
                    |[r, g, b]| format!("{r:02X}{g:02X}{b:02X}"),
                )
        };
        // The theme's sizes and spacing; the frames keep the default padding.
        let c = Canvas::default();
        let canvas = Canvas {
            width: c.width,
            height: c.height,
            ..Canvas::themed(&theme.properties, &c)
        };
        let mut hl = BTreeMap::new();
        for k in ["keyword", "string", "comment", "number", "function", "type"] {
            hl.insert(k, color(&format!("--nd-hl-{k}"), "1F2328"));
        }
        hl.insert("muted", color("--nd-muted", "57606A"));
        Look {
            bg: color("--nd-bg", "FFFFFF"),
            fg: color("--nd-fg", "1F2328"),
            heading: color("--nd-heading", "0D2A4A"),
            accent: color("--nd-accent", "0A5CC2"),
            link: color("--nd-link", "0550AE"),
            muted: color("--nd-muted", "57606A"),
            border: color("--nd-border", "C4CCD5"),
            code_bg: color("--nd-code-bg", "F3F5F7"),
            code_fg: color("--nd-code-fg", "1F2328"),
            stripe: color("--nd-table-stripe", "EFF2F5"),
            hl,
            font_body: font(prop("--nd-font-body"), "Segoe UI"),
            font_heading: font(prop("--nd-font-heading"), "Segoe UI"),
            font_mono: font(prop("--nd-font-mono"), "Consolas"),
            canvas,
        }
    }
}

/// The first family of a CSS font list that PowerPoint can name: the
/// generic and system aliases (`system-ui`, `-apple-system`,
/// `ui-monospace`, `SFMono-Regular`) are skipped.
fn font(list: Option<&str>, fallback: &str) -> String {
    list.into_iter()
        .flat_map(|l| l.split(','))
        .map(|f| f.trim().trim_matches(['"', '\'']).trim())
        .find(|f| {
            !f.is_empty()
                && !f.starts_with('-')
                && !f.starts_with("ui-")
                && !matches!(
                    f.to_ascii_lowercase().as_str(),
                    "system-ui"
                        | "sans-serif"
                        | "serif"
                        | "monospace"
                        | "cursive"
                        | "fantasy"
                        | "sfmono-regular"
                        | "sf mono"
                        | "menlo"
                        | "blinkmacsystemfont"
                )
        })
        .map_or_else(|| fallback.to_string(), str::to_string)
}

/// The layouts notedeck uses, by their PowerPoint type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum LayoutKind {
    /// `title`: Title Slide (opening, closing).
    Title,
    /// `obj`: Title and Content (content and agenda slides).
    Content,
    /// `secHead`: Section Header (each talk's title slide).
    Section,
}

/// One shape on a slide; positions in canvas px.
#[derive(Debug, Clone)]
pub(crate) enum Shape {
    /// The title placeholder.
    Title {
        box_: Rect,
        paras: Vec<Para>,
        center: bool,
    },
    /// The body (or subtitle) placeholder.
    Body {
        box_: Rect,
        paras: Vec<Para>,
        center: bool,
    },
    TextBox {
        box_: Rect,
        paras: Vec<Para>,
        fill: Option<String>,
        inset: (f64, f64),
    },
    Table {
        box_: Rect,
        rows: Vec<Vec<Vec<Run>>>,
        head: usize,
        px: f64,
        align: Vec<Option<&'static str>>,
    },
    Picture {
        box_: Rect,
        media: usize,
        alt: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// One slide to write.
#[derive(Debug, Clone)]
pub(crate) struct PSlide {
    pub layout: LayoutKind,
    pub shapes: Vec<Shape>,
    /// Speaker notes, one paragraph each.
    pub notes: Vec<String>,
    /// Agenda links to talks (index into the talks), resolved to slides.
    pub jumps: Vec<usize>,
    /// A slide's own background colour (`rrggbb`), from a Marp or Slidev
    /// deck's `backgroundColor`.
    pub background: Option<String>,
    /// Its text colour (`rrggbb`), from Marp's `color`.
    pub text_color: Option<String>,
    /// Its talk's language tag (`lang`), when a valid one.
    pub lang: Option<String>,
}

fn para(text: &str, px: f64, style: Style) -> Para {
    let mut p = blank(px);
    if !text.is_empty() {
        p.runs = vec![Run::Text(text.to_string(), style)];
    }
    p
}

fn blank(px: f64) -> Para {
    Para::new(px)
}

/// A centred title slide: small line above, big title, lines below.
fn title_slide(
    look: &Look,
    layout: LayoutKind,
    above: Option<&str>,
    title: Vec<Run>,
    title_text_len: &[crate::outline::Inline],
    below: Vec<Para>,
    notes: Vec<String>,
) -> PSlide {
    let c = &look.canvas;
    let (w, x) = (c.width, 64.0);
    let h1 = c.h1_px;
    let lines = if title_text_len.is_empty() {
        1
    } else {
        title_text_len
            .iter()
            .map(|t| c.inline_lines(&t.events, h1, w, true).0.max(1))
            .sum::<usize>()
    };
    let title_h = lines as f64 * h1 * 1.15 + 4.0;
    let above_h = if above.is_some() { c.body_line() } else { 0.0 };
    let below_h: f64 = below
        .iter()
        .map(|p| p.px * c.line_height * 1.0 + p.before)
        .sum::<f64>()
        + 8.0;
    let total = above_h + title_h + below_h;
    let mut y = ((720.0 - total) / 2.0).max(48.0);
    let mut shapes = Vec::new();
    if let Some(a) = above {
        shapes.push(Shape::TextBox {
            box_: Rect {
                x,
                y,
                w,
                h: above_h,
            },
            paras: vec![para(
                a,
                c.body_px * 0.75,
                Style {
                    color: Some("muted"),
                    ..Style::default()
                },
            )],
            fill: None,
            inset: (0.0, 0.0),
        });
        y += above_h;
    }
    let mut tp = blank(h1);
    tp.runs = title;
    tp.bold = true;
    shapes.push(Shape::Title {
        box_: Rect {
            x,
            y,
            w,
            h: title_h,
        },
        paras: vec![tp],
        center: false,
    });
    y += title_h;
    if !below.is_empty() {
        shapes.push(Shape::Body {
            box_: Rect {
                x,
                y,
                w,
                h: below_h.min(720.0 - 24.0 - y).max(c.body_line()),
            },
            paras: below,
            center: false,
        });
    }
    PSlide {
        layout,
        shapes,
        notes,
        jumps: Vec::new(),
        background: None,
        text_color: None,
        lang: None,
    }
}

fn opening(pkg: &mut Package, look: &Look, decks: &[Deck], title: &str) {
    let c = &look.canvas;
    let dates = crate::recap::dates(decks).join(" – ");
    let team = crate::recap::names(&crate::recap::team(decks));
    let mut below = Vec::new();
    if !dates.is_empty() {
        below.push(para(&dates, c.body_px, Style::default()));
    }
    if !team.is_empty() {
        below.push(para(
            &format!("Presented by {team}"),
            c.body_px,
            Style::default(),
        ));
    }
    let t = vec![Run::Text(title.to_string(), Style::default())];
    pkg.slides.push(title_slide(
        look,
        LayoutKind::Title,
        Some("Team recap"),
        t,
        &[text_inline(title)],
        below,
        Vec::new(),
    ));
}

fn closing(pkg: &mut Package, look: &Look, decks: &[Deck], title: &str) {
    let c = &look.canvas;
    let dates = crate::recap::dates(decks).join(" – ");
    let team = crate::recap::names(&crate::recap::team(decks));
    let mut below = vec![para(
        &if dates.is_empty() {
            title.to_string()
        } else {
            format!("{title} · {dates}")
        },
        c.body_px,
        Style::default(),
    )];
    if !team.is_empty() {
        below.push(para(&team, c.body_px, Style::default()));
    }
    below.push(para(
        &format!("{} talks · Questions?", decks.len()),
        c.body_px,
        Style::default(),
    ));
    pkg.slides.push(title_slide(
        look,
        LayoutKind::Title,
        None,
        vec![Run::Text("Thank you".into(), Style::default())],
        &[text_inline("Thank you")],
        below,
        Vec::new(),
    ));
}

fn text_inline(s: &str) -> crate::outline::Inline {
    crate::outline::Inline {
        events: vec![pulldown_cmark::Event::Text(s.to_string().into())],
        text: s.to_string(),
    }
}

/// The agenda slides, cut as the show cuts them
/// ([`crate::recap::agenda_pages`]).
fn agenda(pkg: &mut Package, look: &Look, decks: &[Deck]) {
    // (group name, [(talk index, title, by)]) per page.
    type Page = Vec<(String, Vec<(usize, String, Option<String>)>)>;
    let pages: Vec<Page> = crate::recap::agenda_pages(decks)
        .into_iter()
        .map(|page| {
            page.into_iter()
                .map(|group| {
                    let name = group
                        .first()
                        .map_or_else(String::new, |&i| decks[i].group.name.clone());
                    let talks = group
                        .into_iter()
                        .map(|i| {
                            let d = &decks[i];
                            (
                                i,
                                d.title.text.trim().to_string(),
                                crate::recap::agenda_note(d),
                            )
                        })
                        .collect();
                    (name, talks)
                })
                .collect()
        })
        .collect();
    let c = look.canvas;
    let n_pages = pages.len();
    for (k, page) in pages.into_iter().enumerate() {
        let title = if n_pages > 1 {
            format!("Agenda ({}/{n_pages})", k + 1)
        } else {
            "Agenda".to_string()
        };
        let mut paras = Vec::new();
        let mut jumps = Vec::new();
        for (gi, (name, talks)) in page.into_iter().enumerate() {
            let mut g = para(&name, c.body_px, Style::default());
            g.bold = true;
            if gi > 0 {
                g.before = c.block_gap();
            }
            paras.push(g);
            for (i, t, by) in talks {
                let pad = text::LIST_PAD * c.body_px;
                let mut p = blank(c.body_px);
                p.bullet = Bullet::Num(i as u64 + 1);
                p.mar_l = pad;
                p.indent = -pad;
                p.before = c.item_gap(0);
                p.runs.push(Run::Text(
                    t,
                    Style {
                        link: Some(format!("#talk-{}", jumps.len())),
                        ..Style::default()
                    },
                ));
                jumps.push(i);
                if let Some(by) = by {
                    p.runs.push(Run::Text(
                        format!(" · {by}"),
                        Style {
                            color: Some("muted"),
                            ..Style::default()
                        },
                    ));
                }
                paras.push(p);
            }
        }
        let title_h = c.title_height(&[text_inline(&title)], false);
        let mut s = content_frame(
            look,
            vec![Run::Text(title.clone(), Style::default())],
            title_h,
        );
        let top = s.1;
        s.0.shapes.push(Shape::Body {
            box_: Rect {
                x: 64.0,
                y: top,
                w: c.width,
                h: 672.0 - top,
            },
            paras,
            center: false,
        });
        s.0.jumps = jumps;
        pkg.slides.push(s.0);
    }
}

/// A content slide with its title, `title_h` tall with its margin (as
/// `Canvas::title_height` measures it); returns it and where the body
/// starts.
fn content_frame(look: &Look, title: Vec<Run>, title_h: f64) -> (PSlide, f64) {
    let c = &look.canvas;
    let mut tp = blank(c.h2_px);
    tp.runs = title;
    tp.bold = true;
    let slide = PSlide {
        layout: LayoutKind::Content,
        shapes: vec![Shape::Title {
            box_: Rect {
                x: 64.0,
                y: 48.0,
                w: c.width,
                // `.slide-heading` margin below: 0.45 em.
                h: title_h - 0.45 * c.h2_px,
            },
            paras: vec![tp],
            center: false,
        }],
        notes: Vec::new(),
        jumps: Vec::new(),
        background: None,
        text_color: None,
        lang: None,
    };
    (slide, 48.0 + title_h)
}

fn notes_of(slide: &Slide) -> Vec<String> {
    let mut out = Vec::new();
    for b in slide.all_notes() {
        match b {
            Block::Notes { text, .. } => {
                out.extend(
                    text.trim()
                        .split("\n\n")
                        .map(|p| p.trim().to_string())
                        .filter(|p| !p.is_empty()),
                );
            }
            // Footnote definitions ride with the notes.
            Block::Other { text, .. } => {
                if let Some(l) = b.footnote_label() {
                    out.push(format!("[{l}] {}", text.trim()));
                }
            }
            _ => {}
        }
    }
    out
}

/// A deck's `lang` as PowerPoint's `lang` attribute: a language tag of
/// letters, digits and `-`, else `None`.
fn lang_tag(lang: &str) -> Option<String> {
    let ok = (2..=35).contains(&lang.len())
        && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then(|| lang.to_string())
}

fn deck_slides(pkg: &mut Package, look: &Look, d: &Deck, talk_pos: Option<(usize, usize)>) {
    let first = pkg.slides.len();
    deck_slides_in(pkg, look, d, talk_pos);
    let lang = lang_tag(&d.meta.lang);
    for s in &mut pkg.slides[first..] {
        s.lang.clone_from(&lang);
    }
}

fn deck_slides_in(pkg: &mut Package, look: &Look, d: &Deck, talk_pos: Option<(usize, usize)>) {
    let mut sizes = ImageSizes::new();
    let dir = d.source.parent().unwrap_or(Path::new("")).to_path_buf();
    for s in &d.slides {
        sizes.extend(crate::layout::image_sizes(&s.body, &d.source));
    }
    let presenters = d.presenters();
    for (n, s) in d.slides.iter().enumerate() {
        let mut notes = notes_of(s);
        if s.kind == SlideKind::Title {
            let c = &look.canvas;
            let mut below = Vec::new();
            let mut head_notes = Vec::new();
            if n == 0 {
                if let Some(e) = &d.meta.event {
                    below.push(para(e, c.body_px * 0.75, Style::default()));
                }
                if let Some(b) = d.meta.byline() {
                    below.push(para(&b, c.body_px, Style::default()));
                    head_notes.push(format!("Speaker: {b}"));
                }
                if !presenters.is_empty() {
                    let by = format!("Noted by {}", crate::recap::names(&presenters));
                    below.push(para(
                        &by,
                        c.body_px * 0.75,
                        Style {
                            color: Some("muted"),
                            ..Style::default()
                        },
                    ));
                    head_notes.insert(
                        0,
                        format!("Presenter: {}", crate::recap::names(&presenters)),
                    );
                }
                if let Some((k, of)) = talk_pos {
                    head_notes.push(format!("Talk {k} of {of}"));
                }
            }
            head_notes.append(&mut notes);
            let group = d.group.name.clone();
            pkg.slides.push(title_slide(
                look,
                LayoutKind::Section,
                Some(&group),
                text::title_runs(&s.title, s.continued),
                &s.title,
                below,
                head_notes,
            ));
            continue;
        }
        let c = Canvas {
            images: Some(&sizes),
            ..look.canvas
        };
        let title_h = c.title_height(&s.title, s.continued);
        let (mut slide, top) =
            content_frame(look, text::title_runs(&s.title, s.continued), title_h);
        // The body as layout measured it: one step smaller, in columns.
        let c = if s.look.smaller { c.smaller() } else { c };
        match s.look.columns {
            Some(cols) => {
                let (l, r) = crate::deck::split_columns(&s.body, cols.right);
                let gap = c.column_gap();
                let (lw, rw) = cols.px(c.width, gap);
                let (lc, rc) = (Canvas { width: lw, ..c }, Canvas { width: rw, ..c });
                place(pkg, &mut slide, &lc, &l, 64.0, top, &dir, look, d);
                place(
                    pkg,
                    &mut slide,
                    &rc,
                    &r,
                    64.0 + lw + gap,
                    top,
                    &dir,
                    look,
                    d,
                );
            }
            None => place(pkg, &mut slide, &c, &s.body, 64.0, top, &dir, look, d),
        }
        slide.notes = notes;
        slide.background = s
            .look
            .background
            .as_ref()
            .and_then(|b| b.color.as_deref())
            .and_then(css_color);
        slide.text_color = s.look.text_color.as_deref().and_then(css_color);
        pkg.slides.push(slide);
    }
}

/// Whether a body block goes in text (the placeholder) or a shape of its own.
fn own_shape(b: &Block) -> bool {
    match b {
        Block::Other { kind, events, .. } => {
            matches!(
                kind,
                OtherKind::Code | OtherKind::Table | OtherKind::DenseTable
            ) || (*kind == OtherKind::Paragraph && text::image_only(events).is_some())
        }
        _ => false,
    }
}

/// Stacks `blocks` from `y` down in a column `c.width` wide at `x`: runs
/// of text blocks as one text shape (the first is the body
/// placeholder), code, tables and pictures as their own shapes, each as
/// tall as the layout measured it.
#[allow(clippy::too_many_arguments)]
fn place(
    pkg: &mut Package,
    slide: &mut PSlide,
    c: &Canvas<'_>,
    blocks: &[Block],
    x: f64,
    mut y: f64,
    dir: &Path,
    look: &Look,
    deck: &Deck,
) {
    let blocks: Vec<&Block> = blocks
        .iter()
        .filter(|b| !matches!(b, Block::Notes { .. } | Block::Break { .. }))
        .collect();
    let mut i = 0;
    let mut first = true;
    while i < blocks.len() {
        if !first {
            y += c.block_gap();
        }
        first = false;
        let b = blocks[i];
        if !own_shape(b) {
            let mut run: Vec<Block> = Vec::new();
            while i < blocks.len() && !own_shape(blocks[i]) {
                run.push(blocks[i].clone());
                i += 1;
            }
            let h = c.blocks_height(&run);
            let paras = text::blocks(&run, c.body_px, c.space);
            let box_ = Rect {
                x,
                y,
                w: c.width,
                h: h.max(c.body_line()),
            };
            let has_body = slide.shapes.iter().any(|s| matches!(s, Shape::Body { .. }));
            slide.shapes.push(if has_body {
                Shape::TextBox {
                    box_,
                    paras,
                    fill: None,
                    inset: (0.0, 0.0),
                }
            } else {
                Shape::Body {
                    box_,
                    paras,
                    center: false,
                }
            });
            y += h;
            continue;
        }
        i += 1;
        let h = c.block_height(b);
        // What the shape takes down the slide (a table may take more).
        let mut used = h;
        let Block::Other { events, kind, .. } = b else {
            continue;
        };
        match kind {
            OtherKind::Code => {
                let (code, info) = text::code_text(events);
                let info = crate::outline::CodeInfo::parse(&info);
                let px = (c.body_px * text::PRE_SCALE).max(text::PRE_MIN_PX);
                let body = code.strip_suffix('\n').unwrap_or(&code);
                let lines: Vec<Vec<Run>> =
                    match crate::services::highlight::highlight_lines(&info.lang, body) {
                        Some(hl) => hl.iter().map(|l| text::highlighted_runs(l)).collect(),
                        None => body
                            .split('\n')
                            .map(|l| vec![Run::Text(l.to_string(), Style::default())])
                            .collect(),
                    };
                let width = lines.len().to_string().len();
                let paras = lines
                    .into_iter()
                    .enumerate()
                    .map(|(k, mut runs)| {
                        if info.numbers {
                            let n = info.start + k as u64;
                            runs.insert(
                                0,
                                Run::Text(
                                    format!("{n:>width$}  "),
                                    Style {
                                        color: Some("muted"),
                                        ..Style::default()
                                    },
                                ),
                            );
                        }
                        let mut p = blank(px);
                        p.mono = true;
                        p.runs = runs;
                        p
                    })
                    .collect();
                slide.shapes.push(Shape::TextBox {
                    box_: Rect {
                        x,
                        y,
                        w: c.width,
                        h,
                    },
                    paras,
                    fill: Some(look.code_bg.clone()),
                    inset: (text::PRE_PAD_X * px, text::PRE_PAD_Y * px),
                });
            }
            OtherKind::Table | OtherKind::DenseTable => {
                let (rows, head, align) = text::table(events);
                let scale = if *kind == OtherKind::DenseTable {
                    text::DENSE_TABLE_SCALE
                } else {
                    text::TABLE_SCALE
                };
                let mut px = (c.body_px * scale).max(if *kind == OtherKind::DenseTable {
                    text::PRE_MIN_PX * 0.8
                } else {
                    0.0
                });
                // Where this table's columns wrap more than the layout
                // guessed, it is set smaller to stay on the slide.
                let room = (720.0 - 48.0 - y).max(h);
                let mut th: f64 = text::table_geometry(&rows, px, c.width).1.iter().sum();
                for _ in 0..12 {
                    if th <= room {
                        break;
                    }
                    px *= (room / th).clamp(0.8, 0.97);
                    th = text::table_geometry(&rows, px, c.width).1.iter().sum();
                }
                used = th.max(h);
                slide.shapes.push(Shape::Table {
                    box_: Rect {
                        x,
                        y,
                        w: c.width,
                        h: th.max(h),
                    },
                    rows,
                    head,
                    px,
                    align,
                });
            }
            _ => {
                let images = text::image_only(events).unwrap_or_default();
                let alone = images.len() == 1;
                let mut ix = x;
                for (url, alt) in images {
                    let size = c.images.and_then(|m| m.get(&url).copied());
                    let (iw, ih) = size.unwrap_or((4, 3));
                    let ratio = f64::from(iw) / f64::from(ih);
                    // One image: as tall as the layout made it (size words
                    // such as `w:300` included); several: each unscaled.
                    let mut ph = if alone {
                        h
                    } else {
                        h.min(crate::layout::measure::image_height((iw, ih), c.width))
                    };
                    if ph * ratio > c.width {
                        ph = c.width / ratio;
                    }
                    let pw = ph * ratio;
                    match pkg.add_image(&url, dir, deck.meta.limits.images) {
                        Some(media) => slide.shapes.push(Shape::Picture {
                            box_: Rect {
                                x: ix,
                                y,
                                w: pw,
                                h: ph,
                            },
                            media,
                            alt,
                        }),
                        // Not embeddable (remote, SVG, missing): its alt text.
                        None => slide.shapes.push(Shape::TextBox {
                            box_: Rect {
                                x: ix,
                                y,
                                w: c.width,
                                h: c.body_line(),
                            },
                            paras: vec![para(
                                &format!("[{alt}]"),
                                c.body_px,
                                Style {
                                    link: crate::services::sanitize::is_safe_url(&url, false)
                                        .then(|| url.clone()),
                                    ..Style::default()
                                },
                            )],
                            fill: None,
                            inset: (0.0, 0.0),
                        }),
                    }
                    ix += pw + 8.0;
                }
            }
        }
        y += used;
    }
}

/// Text that takes more room in PowerPoint than the layout measured in
/// HTML (math as its TeX, a long agenda) is set smaller until it fits
/// its box, measured as the layout measures: a safety net, so nothing
/// overflows in PowerPoint or LibreOffice.
fn fit_slide(c: &Canvas<'_>, slide: &mut PSlide) {
    for shape in &mut slide.shapes {
        let (box_, paras, inset, lh) = match shape {
            Shape::Title { box_, paras, .. } => (*box_, paras, (0.0, 0.0), 1.15),
            Shape::Body { box_, paras, .. } => (*box_, paras, (0.0, 0.0), c.line_height),
            Shape::TextBox {
                box_, paras, inset, ..
            } => {
                let lh = if paras.iter().all(|p| p.mono) {
                    text::PRE_LH
                } else {
                    c.line_height
                };
                (*box_, paras, *inset, lh)
            }
            Shape::Table { .. } | Shape::Picture { .. } => continue,
        };
        let w = box_.w - 2.0 * inset.0;
        let h = box_.h - 2.0 * inset.1;
        let mut f = 1.0;
        for _ in 0..12 {
            let need = paras_height(c, paras, w, lh, f);
            if need <= h + 0.5 {
                break;
            }
            f *= (h / need).clamp(0.8, 0.97);
        }
        if f < 1.0 {
            for p in paras.iter_mut() {
                p.px *= f;
                p.before *= f;
            }
        }
    }
}

/// Height of paragraphs in a box `w` wide at `f` times their size.
fn paras_height(c: &Canvas<'_>, paras: &[Para], w: f64, lh: f64, f: f64) -> f64 {
    use pulldown_cmark::{Event, Tag, TagEnd};
    paras
        .iter()
        .map(|p| {
            let px = p.px * f;
            let width = (w - p.mar_l).max(px);
            let lines = if p.mono {
                let chars: usize = p
                    .runs
                    .iter()
                    .map(|r| match r {
                        Run::Text(t, _) => t.chars().count(),
                        Run::Break => 0,
                    })
                    .sum();
                let per_line = (width / (0.602 * px)).floor().max(1.0) as usize;
                chars.div_ceil(per_line).max(1)
            } else {
                let mut evs: Vec<Event<'static>> = Vec::new();
                for r in &p.runs {
                    match r {
                        Run::Text(t, st) if st.code => evs.push(Event::Code(t.clone().into())),
                        Run::Text(t, st) if st.bold => {
                            evs.push(Event::Start(Tag::Strong));
                            evs.push(Event::Text(t.clone().into()));
                            evs.push(Event::End(TagEnd::Strong));
                        }
                        Run::Text(t, st) if st.scale > 0 && st.scale < 100 && !st.code => {
                            // Smaller runs (math, crumbs) measured as inline math: 0.8 em.
                            evs.push(Event::InlineMath(t.clone().into()));
                        }
                        Run::Text(t, _) => evs.push(Event::Text(t.clone().into())),
                        Run::Break => evs.push(Event::HardBreak),
                    }
                }
                c.inline_lines(&evs, px, width, p.bold).0.max(1)
            };
            lines as f64 * px * lh + p.before * f
        })
        .sum()
}

/// A CSS colour as `rrggbb`: hex, `white` or `black` (others: `None`,
/// the theme's colours stay).
fn css_color(v: &str) -> Option<String> {
    match v.trim().to_ascii_lowercase().as_str() {
        "white" => Some("FFFFFF".into()),
        "black" => Some("000000".into()),
        other => crate::services::theme::parse_hex(other)
            .map(|[r, g, b]| format!("{r:02X}{g:02X}{b:02X}")),
    }
}

/// `(px)` → EMU and hundredths of a point.
pub(crate) fn emu(px: f64) -> i64 {
    (px * 9525.0).round() as i64
}

pub(crate) fn centipoints(px: f64) -> i64 {
    (px * 75.0).round() as i64
}

/// A run's `sz`: hundredths of a point, within what PowerPoint accepts.
pub(crate) fn font_size(px: f64) -> i64 {
    centipoints(px).clamp(100, 400_000)
}

/// XML text and attribute escaping; characters XML 1.0 cannot hold are
/// dropped.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || matches!(c as u32, 0xFFFE | 0xFFFF) => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes `format!` output into a `String` (infallible).
pub(crate) fn put(out: &mut String, args: std::fmt::Arguments<'_>) {
    let _ = out.write_fmt(args);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_font_lists_give_a_nameable_font() {
        assert_eq!(
            font(Some("system-ui, -apple-system, \"Segoe UI\", Roboto"), "X"),
            "Segoe UI"
        );
        assert_eq!(
            font(
                Some("ui-monospace, SFMono-Regular, \"SF Mono\", Menlo, Consolas"),
                "X"
            ),
            "Consolas"
        );
        assert_eq!(font(Some("sans-serif"), "X"), "X");
    }

    #[test]
    fn text_longer_than_measured_is_set_smaller_until_it_fits() {
        let c = Canvas::default();
        let paras: Vec<Para> = (0..10)
            .map(|k| {
                para(
                    &format!("line {k} of a box too small for it"),
                    32.0,
                    Style::default(),
                )
            })
            .collect();
        let box_ = Rect {
            x: 64.0,
            y: 100.0,
            w: 600.0,
            h: 200.0,
        };
        let mut slide = PSlide {
            layout: LayoutKind::Content,
            shapes: vec![Shape::Body {
                box_,
                paras,
                center: false,
            }],
            notes: Vec::new(),
            jumps: Vec::new(),
            background: None,
            text_color: None,
            lang: None,
        };
        let Shape::Body { paras, .. } = &slide.shapes[0] else {
            unreachable!()
        };
        assert!(paras_height(&c, paras, 600.0, c.line_height, 1.0) > 400.0);
        fit_slide(&c, &mut slide);
        let Shape::Body { paras, .. } = &slide.shapes[0] else {
            unreachable!()
        };
        let h = paras_height(&c, paras, 600.0, c.line_height, 1.0);
        assert!(h <= 200.5, "{h}");
        assert!(paras[0].px < 32.0 && paras[0].px > 10.0);
    }

    #[test]
    fn only_language_tags_become_lang_attributes() {
        assert_eq!(lang_tag("zh-TW").as_deref(), Some("zh-TW"));
        assert_eq!(lang_tag("en\" x=\"1"), None);
        assert_eq!(lang_tag(""), None);
    }

    #[test]
    fn xml_escaping_drops_control_characters() {
        assert_eq!(esc("a<b>&\"'\u{1}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
    }
}
