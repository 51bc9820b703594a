//! Decks written for other slide tools (Marp, Slidev, remark, reveal-md,
//! presenterm, Quarto and Pandoc, Deckset) and their speaker-note markers. A line pass, run before
//! Markdown parsing, recognises the tool and takes its syntax off the
//! text: directive lines are blanked (never removed, so every line number
//! stays right), slide separators become `***` (a thematic break that no
//! paragraph above can turn into a heading), notes regions are recorded.
//! Code fences are left alone.
//!
//! Each tool's vocabulary (keys, directives, background syntax) is its own
//! module; the looks they share are in `looks`. Detection and the line
//! pass stay here: one pass over the lines, as some markers (`<!-- pause
//! -->`, `::right::`) are read whichever tool wrote the deck.

mod deckset;
mod looks;
mod marp;
mod pandoc;
mod presenterm;
mod remark;
mod reveal_md;
mod slidev;

use crate::deck::{Background, Columns, Slide, SlideKind, SlideLook, Step};
use crate::outline::{Lines, Tool};
use looks::{color_background, css_color, image_background, readable_on};
use std::path::Path;

/// The text to parse and what the line pass found.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub text: String,
    pub tool: Option<Tool>,
    /// Line ranges (1-based, inclusive) whose blocks are speaker notes.
    pub notes: Vec<(u32, u32)>,
    /// Directives and markers dropped without a meaning here.
    pub dropped: usize,
    /// Incremental steps (`--`, `<v-click>`, `<!-- pause -->`).
    pub steps: usize,
    /// Lines of remark `layout: true` (true) and `layout: false` (false).
    pub templates: Vec<(u32, bool)>,
    /// Headings marked `<!-- fit -->`.
    pub fit: Vec<u32>,
    /// Quarto `::: {.r-fit-text}` divs: their lines.
    pub fit_text: Vec<Lines>,
    /// Lines of the deck's slide separators (also `----`).
    pub separators: Vec<u32>,
    /// Click steps, in source order.
    pub step_marks: Vec<Step>,
    /// Two-column slides, by where the right column starts (`::right::`,
    /// `.right-column[`, a second `.column`).
    pub right_columns: Vec<Columns>,
    /// Backgrounds set on a line; `true`: also for the slides after it
    /// (Marp directives without `_`).
    pub backgrounds: Vec<(u32, Background, bool)>,
    /// A background for every slide (Marp front matter).
    pub deck_background: Option<Background>,
    /// Marp `color` directives: (line, colour, for later slides too).
    pub text_colors: Vec<(u32, String, bool)>,
    /// Marp front matter `color`: every slide's text.
    pub deck_text_color: Option<String>,
    /// Headings that start a slide (Quarto and Pandoc: at or above the
    /// slide level).
    pub heading_breaks: Vec<u32>,
    /// Lines of slide headings marked `{.smaller}` and `{.center}`.
    pub smaller: Vec<u32>,
    pub center: Vec<u32>,
    /// Front matter `smaller: true`, `center: true` (Quarto's revealjs
    /// options): every slide.
    pub deck_smaller: bool,
    pub deck_center: bool,
}

/// What one of a deck's own slides asks of layout's measuring.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Asked {
    /// The source slide's lines.
    pub lines: Lines,
    pub columns: Option<Columns>,
    pub smaller: bool,
}

/// An open fenced div (Quarto, Pandoc) and what it means.
enum Div {
    Notes,
    Incremental,
    FitText,
    /// `.columns`: each `.column` opened in it so far, its line and `width`.
    Columns(Vec<(u32, Option<f64>)>),
    Other,
}

/// The lines from `start` on that are outside fenced code (the fences'
/// own lines left out), with their index.
pub(super) fn outside_fences<S: AsRef<str>>(
    lines: &[S],
    start: usize,
) -> impl Iterator<Item = (usize, &str)> {
    let mut fence: Option<(char, usize)> = None;
    lines
        .iter()
        .enumerate()
        .skip(start)
        .filter_map(move |(i, l)| {
            let l = l.as_ref();
            if let Some((c, n)) = fence {
                if is_fence(l).is_some_and(|(c2, n2)| c2 == c && n2 >= n) {
                    fence = None;
                }
                return None;
            }
            if let Some(f) = is_fence(l) {
                fence = Some(f);
                return None;
            }
            Some((i, l))
        })
}

fn is_fence(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start_matches(' ');
    let c = t.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = t.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

/// `key: value` with a plain key; returns the key.
fn key_of(line: &str) -> Option<&str> {
    let (k, rest) = line.split_once(':')?;
    let ok = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && (rest.is_empty() || rest.starts_with([' ', '\t']));
    ok.then_some(k)
}

/// `<!-- inner -->` on one line: the inner text.
fn comment(line: &str) -> Option<&str> {
    let t = line.trim();
    let inner = t.strip_prefix("<!--")?.strip_suffix("-->")?;
    (!inner.contains("-->")).then_some(inner.trim())
}

fn is_separator(t: &str, tool: Tool) -> bool {
    let t = t.trim_end();
    match tool {
        Tool::Presenterm => comment(t) == Some("end_slide"),
        Tool::RevealMd => t == "---" || t == "----",
        _ => t == "---",
    }
}

/// A line that starts speaker notes running to the end of the slide or
/// talk: `???`, or `Note:`/`Notes:` alone on its line.
fn notes_marker(t: &str) -> bool {
    let t = t.trim();
    t == "???" || {
        let l = t.to_ascii_lowercase();
        l == "note:" || l == "notes:"
    }
}

fn is_atx_heading(t: &str) -> bool {
    let s = t.trim_start_matches(' ');
    if t.len() - s.len() > 3 {
        return false;
    }
    let n = s.chars().take_while(|c| *c == '#').count();
    (1..=6).contains(&n) && s[n..].chars().next().is_none_or(|c| c == ' ' || c == '\t')
}

/// Front matter at the top: (closing line index, body lines).
fn front_matter_end(lines: &[&str]) -> Option<usize> {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return None;
    }
    let close = lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim_end(), "---" | "..."))?
        + 1;
    let first = lines[1..close]
        .iter()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    key_of(first.trim_start()).map(|_| close)
}

fn detect(lines: &[&str], fm_end: Option<usize>, qmd: bool) -> Option<Tool> {
    let keys: Vec<&str> = fm_end
        .map(|e| {
            lines[1..e]
                .iter()
                .filter(|l| !l.starts_with([' ', '\t']))
                .filter_map(|l| key_of(l))
                .collect()
        })
        .unwrap_or_default();
    if keys.contains(&"marp") {
        return Some(Tool::Marp);
    }
    if keys.contains(&"revealOptions") {
        return Some(Tool::RevealMd);
    }
    let fm: &[&str] = fm_end.map_or(&[], |e| &lines[1..e]);
    match pandoc::format_is_slides(fm) {
        Some(true) => return Some(Tool::Quarto),
        // A Quarto document (`format: html`) is notes.
        Some(false) if qmd => return None,
        _ if qmd => return Some(Tool::Quarto),
        _ => {}
    }
    if keys.contains(&"slide-level") {
        return Some(Tool::Pandoc);
    }
    let (config, own_config) = match fm_end {
        Some(_) => (0, false),
        None => deckset::config(lines),
    };
    // `layout: post` is a Jekyll or Hugo page, not a Slidev deck.
    let layout = fm_end.and_then(|e| {
        lines[1..e].iter().find_map(|l| {
            let v = l.strip_prefix("layout:")?;
            Some(v.trim().trim_matches(['"', '\'']))
        })
    });
    let slidev_layout = layout.is_some_and(|v| slidev::LAYOUTS.contains(&v));
    // Keys a blog's page has and a Slidev deck never does: with them,
    // `background:` or `transition:` belong to the blog's theme.
    let page = keys.iter().any(|k| slidev::PAGE_KEYS.contains(k));
    if keys.iter().any(|k| {
        slidev::KEYS.contains(k)
            && (*k != "layout" || slidev_layout)
            && !(page && slidev::SHARED_KEYS.contains(k))
    }) {
        return Some(Tool::Slidev);
    }
    if keys.contains(&"sub_title") {
        return Some(Tool::Presenterm);
    }
    let start = fm_end.map_or(0, |e| e + 1);
    let (mut seps, mut remark, mut reveal, mut slidev, mut marp) = (0, 0, 0, 0, 0);
    let (mut vertical, mut note_lines) = (0, 0);
    let (mut pandoc_marks, mut deckset_marks) = (0, 0);
    let mut slide_top = true;
    for (_, l) in outside_fences(lines, start) {
        let t = l.trim();
        if let Some(c) = comment(t) {
            if c == "end_slide" {
                return Some(Tool::Presenterm);
            }
            if c.starts_with(".slide:") || c.starts_with(".element:") {
                reveal += 1;
            }
            if c.starts_with('_') || c == "fit" {
                marp += 1;
            }
        }
        // (`contains('<')` first: a memchr, where a string search is set
        // up anew for each line.)
        if (t.contains('<') && (t.contains("<!--fit-->") || t.contains("<!-- fit -->")))
            || t.starts_with("![bg")
        {
            marp += 1;
        }
        if t.starts_with("<v-click") || slidev_marker(t) {
            slidev += 1;
        }
        let pandoc_div = pandoc::div_fence(t).flatten().is_some_and(|a| {
            a.classes
                .iter()
                .any(|c| pandoc::DIV_CLASSES.contains(&c.as_str()))
        });
        if pandoc_div || t == ". . ." {
            pandoc_marks += 1;
        }
        if (is_atx_heading(t) && t.contains("[fit]")) || t.starts_with("^ ") {
            deckset_marks += 1;
        }
        if l.trim_end() == "---" {
            seps += 1;
            slide_top = true;
            continue;
        }
        if l.trim_end() == "----" {
            vertical += 1;
        }
        if t.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("note:")) {
            note_lines += 1;
        }
        if t == "--" {
            remark += 1;
        }
        if t.is_empty() {
            continue;
        }
        if slide_top && key_of(t).is_some_and(|k| remark::property(k, t)) {
            remark += 1;
            continue;
        }
        slide_top = false;
    }
    if config > 0 && (own_config || deckset_marks > 0) {
        Some(Tool::Deckset)
    } else if pandoc_marks > 0 {
        Some(Tool::Pandoc)
    } else if slidev > 0 {
        Some(Tool::Slidev)
    } else if remark > 0 && seps > 0 && !page {
        // (remark has no front matter: a blog page's `--` is a rule.)
        Some(Tool::Remark)
    } else if reveal > 0 || (vertical > 0 && seps > 0 && note_lines > 0) {
        Some(Tool::RevealMd)
    } else if marp > 0 && seps > 0 {
        Some(Tool::Marp)
    } else {
        None
    }
}

/// `::right::` and the like (Slidev slots), not a fenced div's colons.
fn slidev_marker(t: &str) -> bool {
    t.starts_with("::")
        && t.ends_with("::")
        && t.len() > 4
        && !t.starts_with(":::")
        && t.trim_matches(':')
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Where a list item's text starts (`* x` → 2, `  10. x` → 6).
fn item_content(line: &str) -> Option<usize> {
    let t = line.trim_start_matches(' ');
    let lead = line.len() - t.len();
    let marker = if t.starts_with(['*', '-', '+']) {
        1
    } else {
        let d = t.chars().take_while(char::is_ascii_digit).count();
        if d == 0 || d > 9 || !t[d..].starts_with(['.', ')']) {
            return None;
        }
        d + 1
    };
    let rest = &t[marker..];
    let gap = rest.len() - rest.trim_start_matches(' ').len();
    (gap > 0 && !rest.trim().is_empty()).then_some(lead + marker + gap)
}

/// A fence typed at column 0 right under a bullet (no blank line) is
/// meant as part of that bullet: indent it to the bullet's text, so the
/// list goes on after it.
fn lazy_fences(lines: &mut [String]) {
    let mut i = 1;
    while i < lines.len() {
        let opens = lines[i]
            .starts_with(['`', '~'])
            .then(|| is_fence(&lines[i]))
            .flatten();
        let indent = opens.and_then(|_| item_content(&lines[i - 1]));
        let (Some((c, n)), Some(indent)) = (opens, indent) else {
            i += 1;
            continue;
        };
        let close = (i + 1..lines.len()).find(|&j| {
            is_fence(&lines[j]).is_some_and(|(c2, n2)| c2 == c && n2 >= n)
                && lines[j].trim_start().chars().all(|x| x == c || x == ' ')
        });
        let Some(close) = close else {
            return;
        };
        let pad = " ".repeat(indent);
        for l in lines.iter_mut().take(close + 1).skip(i) {
            if !l.is_empty() {
                l.insert_str(0, &pad);
            }
        }
        i = close + 1;
    }
}

/// `#Title` (no space after the hashes, as older Markdown and GitHub
/// allowed) on three lines or more, and more often than `# Title`: the
/// file's headings are typed so. Also `###Title` above every spaced
/// heading (`###Talk` over `##### Part`s): the outline only holds with it
/// as a heading. A space goes in; one character more on those lines,
/// nothing else moves. (A line of tags, `#rust #async`, and lines inside
/// fences stay.)
fn spaceless_headings(lines: &mut [String]) {
    let hashes = |l: &str| l.chars().take_while(|&c| c == '#').count();
    let mut fence: Option<(char, usize)> = None;
    let mut spaceless: Vec<usize> = Vec::new();
    let mut spaced = 0usize;
    let mut shallowest = usize::MAX;
    for (i, l) in lines.iter().enumerate() {
        if let Some((c, n)) = is_fence(l) {
            match fence {
                None => fence = Some((c, n)),
                Some((c0, n0)) if c == c0 && n >= n0 => fence = None,
                _ => {}
            }
            continue;
        }
        if fence.is_some() {
            continue;
        }
        let n = hashes(l);
        if !(1..=6).contains(&n) {
            continue;
        }
        let rest = &l[n..];
        // (A tag, `#databases`, is one word in lower case; `#1 Do this
        // first` numbers a line.)
        let one_word = l.split_whitespace().count() < 2 && !rest.starts_with(char::is_uppercase);
        let tags = l.split_whitespace().nth(1).is_some()
            && l.split_whitespace().all(|w| w.starts_with('#'));
        match rest.chars().next() {
            Some(' ' | '\t') | None => {
                spaced += 1;
                shallowest = shallowest.min(n);
            }
            Some(c) if (c.is_alphabetic() || (c.is_numeric() && n > 1)) && !one_word && !tags => {
                spaceless.push(i);
            }
            _ => {}
        }
    }
    let many = spaceless.len() >= 3 && spaceless.len() > spaced;
    // (`#main {` is a CSS id and `#1` a number: one hash is not enough.)
    let above = spaced > 0
        && spaceless
            .iter()
            .all(|&i| (2..shallowest).contains(&hashes(&lines[i])));
    if many || above {
        for i in spaceless {
            let n = hashes(&lines[i]);
            lines[i].insert(n, ' ');
        }
    }
}

pub fn prepare(text: &str) -> Prepared {
    prepare_file(Path::new(""), text)
}

/// As `prepare`, the file's name telling too (`.qmd` is Quarto).
pub fn prepare_file(path: &Path, text: &str) -> Prepared {
    let qmd = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("qmd"));
    let mut owned: Vec<String> = text.split('\n').map(str::to_string).collect();
    lazy_fences(&mut owned);
    spaceless_headings(&mut owned);
    let joined = owned.join("\n");
    let lines: Vec<&str> = joined.split('\n').collect();
    let fm_end = front_matter_end(&lines);
    let tool = detect(&lines, fm_end, qmd);
    let fm_lines: &[&str] = fm_end.map_or(&[], |e| &lines[1..e]);
    let mut out: Vec<String> = owned;
    let mut p = Prepared {
        tool,
        ..Prepared::default()
    };
    let mut start = 0;
    if let (Some(end), Some(_)) = (fm_end, tool) {
        // Other tools' keys (and their indented values) go; ours stay.
        let mut keep = 0;
        let mut dropping = false;
        for line in out.iter_mut().take(end).skip(1) {
            let indented = line.starts_with([' ', '\t']) || line.trim().is_empty();
            match key_of(line) {
                Some(k) if !indented => {
                    let value = line[k.len() + 1..].trim();
                    let used = match (tool, k) {
                        (Some(Tool::Marp), "backgroundColor") => {
                            p.deck_background = color_background(value, 0);
                            p.deck_background.is_some()
                        }
                        (Some(Tool::Marp), "color") => {
                            p.deck_text_color = css_color(value);
                            p.deck_text_color.is_some()
                        }
                        (Some(Tool::Slidev), "background") => image_background(value, 2)
                            .map(|bg| p.backgrounds.push((2, bg, false)))
                            .is_some(),
                        _ => false,
                    };
                    // `marp: true` and Quarto's `format: revealjs` are how
                    // the file says what it is (its options are read below).
                    let used = used
                        || (tool == Some(Tool::Marp) && k == "marp")
                        || (tool == Some(Tool::Quarto) && k == "format");
                    dropping = !crate::config::setting_keys().contains(&k);
                    if !dropping {
                        keep += 1;
                    } else if !used {
                        p.dropped += 1;
                    }
                }
                _ => {}
            }
            if dropping {
                line.clear();
            }
        }
        if keep == 0 {
            out[0].clear();
            out[end].clear();
        }
        start = end + 1;
    }
    let Some(tool) = tool else {
        notes_regions(&mut out, start, None, &mut p);
        p.text = out.join("\n");
        return p;
    };
    let pandoc_deck = matches!(tool, Tool::Quarto | Tool::Pandoc);
    let slide_level = if pandoc_deck {
        (p.deck_smaller, p.deck_center) = pandoc::deck_options(fm_lines);
        pandoc::code_cells(&mut out, start);
        pandoc::explicit_level(fm_lines).unwrap_or_else(|| pandoc::inferred_level(&out, start))
    } else {
        0
    };
    if pandoc_deck && start == 0 && out[0].starts_with("% ") {
        // A Pandoc title block: `% Title`, then `% Author`, `% Date`.
        out[0] = format!("# {}", out[0][2..].trim());
        for l in out.iter_mut().skip(1).take_while(|l| l.starts_with('%')) {
            l.clear();
            p.dropped += 1;
        }
    }
    if tool == Tool::Deckset {
        let (n, _) = deckset::config(&lines);
        for l in out.iter_mut().take(n) {
            l.clear();
        }
        p.dropped += n;
        start = n;
    }
    let mut divs: Vec<(u32, Div)> = Vec::new();
    let mut deckset_columns = 0usize;
    // presenterm `column_layout: [3, 2]` of the current slide.
    let mut column_layout: Option<Vec<f64>> = None;
    let mut fence: Option<(char, usize)> = None;
    let mut slide_top = true;
    let mut i = start;
    let mut macros = 0usize;
    // Open `<v-click>` tags (line, each item), and the open `--` run.
    let mut open_clicks: Vec<(u32, bool)> = Vec::new();
    let mut open_run: Option<u32> = None;
    while i < out.len() {
        let line = out[i].clone();
        if let Some((c, n)) = fence {
            if is_fence(&line).is_some_and(|(c2, n2)| c2 == c && n2 >= n) {
                fence = None;
            } else if tool == Tool::Remark {
                // remark highlights lines starting with `*`.
                if let Some(rest) = line.strip_prefix('*') {
                    out[i] = format!(" {rest}");
                }
            }
            i += 1;
            continue;
        }
        if let Some(f) = is_fence(&line) {
            fence = Some(f);
            slide_top = false;
            i += 1;
            continue;
        }
        let t = line.trim();
        if is_separator(&line, tool) {
            out[i] = "***".into();
            p.separators.push(i as u32 + 1);
            close_open_steps(&mut p, &mut open_clicks, &mut open_run, i as u32);
            slide_top = true;
            deckset_columns = 0;
            column_layout = None;
            i += 1;
            // Slidev: `---` / `key: value` lines / `---` is the next
            // slide's front matter, not a slide of its own.
            if tool == Tool::Slidev {
                let mut j = i;
                while j < out.len() && key_of(out[j].trim_end()).is_some() {
                    j += 1;
                }
                if j > i && j < out.len() && out[j].trim_end() == "---" {
                    let used = slidev::slide_background(&out[i..j], i as u32 + 1, &mut p);
                    p.dropped += j - i - used;
                    for l in out.iter_mut().take(j + 1).skip(i) {
                        l.clear();
                    }
                    i = j + 1;
                }
            }
            continue;
        }
        if t.is_empty() {
            i += 1;
            continue;
        }
        let mut blank = false;
        if tool == Tool::Remark && slide_top {
            if let Some(k) = key_of(t).filter(|k| remark::property(k, t)) {
                if k == "layout" {
                    let v = t[k.len() + 1..].trim();
                    if v == "true" || v == "false" {
                        p.templates.push((i as u32 + 1, v == "true"));
                    }
                }
                p.dropped += 1;
                out[i].clear();
                i += 1;
                continue;
            }
        }
        slide_top = false;
        let here = i as u32 + 1;
        if pandoc_deck {
            pandoc_line(
                &mut out[i],
                here,
                slide_level,
                &mut divs,
                &mut p,
                &mut open_run,
                &mut open_clicks,
            );
            i += 1;
            continue;
        }
        // The line above is text (not blank, not a `^` note) of a paragraph.
        let joins = i > 0 && {
            let above = lines[i - 1].trim();
            !above.is_empty() && !above.starts_with('^') && !is_atx_heading(above)
        };
        if tool == Tool::Deckset
            && deckset_line(&mut out[i], here, joins, &mut deckset_columns, &mut p)
        {
            i += 1;
            continue;
        }
        if tool == Tool::Remark && t == "--" {
            p.steps += 1;
            start_run(&mut p, &mut open_run, here);
            blank = true;
        } else if tool == Tool::Remark && remark::macro_open(t) {
            macros += 1;
            if t == ".right-column[" {
                p.right_columns.push(Columns::halves(here));
            } else {
                p.dropped += 1;
            }
            blank = true;
        } else if tool == Tool::Remark && macros > 0 && t == "]" {
            macros -= 1;
            blank = true;
        } else if t.starts_with("<v-") || t.starts_with("</v-") {
            if t.ends_with('>') && !t[1..].contains('<') {
                p.steps += 1;
                let name = t
                    .trim_start_matches(['<', '/'])
                    .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                    .next()
                    .unwrap_or("");
                let click = name == "v-click" || name == "v-clicks";
                if t.starts_with("</") {
                    if let Some((from, each)) = open_clicks.pop_if(|_| click) {
                        p.step_marks.push(Step {
                            lines: Lines::new(from, here),
                            each_item: each,
                        });
                    }
                } else if !t.ends_with("/>") && click {
                    open_clicks.push((here, name == "v-clicks"));
                }
                blank = true;
            }
        } else if t.starts_with("::") && t.ends_with("::") && t.len() > 4 {
            if t == "::right::" {
                p.right_columns.push(Columns::halves(here));
            } else {
                p.dropped += 1;
            }
            blank = true;
        } else if tool == Tool::Marp && t.starts_with("![bg") && t.ends_with(')') {
            if let Some(bg) = marp::bg_image(t, here) {
                p.backgrounds.push((here, bg, false));
                blank = true;
            }
        } else if let Some(c) = comment(t) {
            let key = c.split(':').next().unwrap_or("").trim();
            let marp_key = key.strip_prefix('_').unwrap_or(key);
            let slide_bg = c
                .strip_prefix(".slide:")
                .and_then(|a| reveal_md::background(a, here));
            let value = c.split_once(':').map(|(_, v)| v.trim());
            let marp_bg = value
                .filter(|_| tool == Tool::Marp && marp_key == "backgroundColor")
                .and_then(|v| color_background(v, here));
            let marp_color = value
                .filter(|_| tool == Tool::Marp && marp_key == "color")
                .and_then(css_color);
            let column = value
                .filter(|_| tool == Tool::Presenterm && key == "column")
                .and_then(|v| v.parse::<u32>().ok());
            if c == "pause" {
                p.steps += 1;
                start_run(&mut p, &mut open_run, here);
                blank = true;
            } else if column.is_some_and(|n| n > 0) {
                // presenterm's second column (and any later one) goes
                // right, as wide as `column_layout` made them together.
                let cols = match &column_layout {
                    Some(w) if w.len() > 1 => Columns::weighted(here, w[0], w[1..].iter().sum()),
                    _ => Columns::halves(here),
                };
                p.right_columns.push(cols);
                blank = true;
            } else if let Some(w) = value
                .filter(|_| tool == Tool::Presenterm && key == "column_layout")
                .and_then(presenterm::column_layout)
            {
                column_layout = Some(w);
                blank = true;
            } else if let Some(bg) = slide_bg {
                p.backgrounds.push((here, bg, false));
                blank = true;
            } else if let Some(bg) = marp_bg {
                p.backgrounds.push((here, bg, !key.starts_with('_')));
                blank = true;
            } else if let Some(color) = marp_color {
                p.text_colors.push((here, color, !key.starts_with('_')));
                blank = true;
            } else if c == "fit"
                || c.starts_with(".slide:")
                || (tool == Tool::Marp && c.contains(':') && marp::DIRECTIVES.contains(&marp_key))
                || (tool == Tool::Presenterm && presenterm::COMMANDS.contains(&key))
            {
                p.dropped += 1;
                blank = true;
            }
        }
        if blank {
            out[i].clear();
            i += 1;
            continue;
        }
        // Inline markers inside a line.
        let mut l = out[i].clone();
        for fit in ["<!--fit-->", "<!-- fit -->"] {
            if l.contains('<') && l.contains(fit) {
                l = l.replace(fit, "");
                p.fit.push(i as u32 + 1);
            }
        }
        if let Some(at) = l.contains('<').then(|| l.find("<!-- .element:")).flatten() {
            if l[at..].contains("-->") {
                let end = at + l[at..].find("-->").map_or(0, |e| e + 3);
                if l[at..end].contains("fragment") {
                    p.steps += 1;
                    p.step_marks.push(Step {
                        lines: Lines::new(here, here),
                        each_item: false,
                    });
                } else {
                    p.dropped += 1;
                }
                l.replace_range(at..end, "");
            }
        }
        out[i] = l;
        i += 1;
    }
    close_open_steps(&mut p, &mut open_clicks, &mut open_run, out.len() as u32);
    // A `::: notes` never closed runs to the end; so do columns.
    for (from, div) in divs {
        match div {
            Div::Notes => p.notes.push((from, out.len() as u32)),
            Div::Columns(cols) => p.right_columns.extend(pandoc::columns(&cols)),
            Div::FitText => p.fit_text.push(Lines::new(from, out.len() as u32)),
            _ => {}
        }
    }
    p.step_marks.sort_by_key(|s| s.lines.start);
    p.separators.sort_unstable();
    p.separators.dedup();
    notes_regions(&mut out, start, Some(tool), &mut p);
    p.text = out.join("\n");
    p
}

/// One line of a Quarto or Pandoc deck (outside code): fenced divs,
/// `. . .` pauses, slide headings and their attributes, `[span]{.class}`.
fn pandoc_line(
    line: &mut String,
    here: u32,
    slide_level: u8,
    divs: &mut Vec<(u32, Div)>,
    p: &mut Prepared,
    run: &mut Option<u32>,
    clicks: &mut Vec<(u32, bool)>,
) {
    let t = line.trim();
    if let Some(fence) = pandoc::div_fence(t) {
        match fence {
            None => match divs.pop() {
                Some((from, Div::Notes)) => p.notes.push((from, here)),
                Some((from, Div::Incremental)) => {
                    p.steps += 1;
                    p.step_marks.push(Step {
                        lines: Lines::new(from, here),
                        each_item: true,
                    });
                }
                Some((_, Div::Columns(cols))) => p.right_columns.extend(pandoc::columns(&cols)),
                Some((from, Div::FitText)) => p.fit_text.push(Lines::new(from, here)),
                _ => {}
            },
            Some(a) => {
                let has = |c: &str| a.classes.iter().any(|x| x == c);
                let div = if has("notes") {
                    Div::Notes
                } else if has("incremental") {
                    Div::Incremental
                } else if has("columns") {
                    Div::Columns(Vec::new())
                } else if has("r-fit-text") {
                    Div::FitText
                } else {
                    if has("column") {
                        if let Some((_, Div::Columns(cols))) = divs.last_mut() {
                            cols.push((here, pandoc::width(&a)));
                        }
                    } else if !has("nonincremental") {
                        p.dropped += 1;
                    }
                    Div::Other
                };
                divs.push((here, div));
            }
        }
        line.clear();
        return;
    }
    if t == ". . ." {
        p.steps += 1;
        start_run(p, run, here);
        line.clear();
        return;
    }
    if let Some(level) = pandoc::heading_level(t) {
        if let Some((at, a)) = pandoc::heading_attrs(line) {
            heading_look(&a, here, p);
            line.truncate(at);
            line.truncate(line.trim_end().len());
        }
        let in_notes = divs.iter().any(|(_, d)| matches!(d, Div::Notes));
        if level <= slide_level && !in_notes {
            close_open_steps(p, clicks, run, here - 1);
            p.heading_breaks.push(here);
            // As a `---` does, the line above ends the slide before.
            p.separators.push(here - 1);
        }
    }
    let (clean, n) = pandoc::inline_attrs(line);
    p.dropped += n;
    *line = clean;
}

/// A slide heading's `{background-color=… background-image=… .r-fit-text}`.
fn heading_look(a: &pandoc::Attrs, here: u32, p: &mut Prepared) {
    let mut bg = Background {
        line: here,
        ..Background::default()
    };
    for (k, v) in &a.pairs {
        match k.trim_start_matches("data-") {
            "background-color" if css_color(v).is_some() => bg.color = css_color(v),
            "background-image" | "background" if !v.trim().is_empty() => {
                match image_background(v, here) {
                    Some(Background {
                        image: Some(img), ..
                    }) => bg.image = Some(img),
                    Some(Background { color, .. }) if color.is_some() => bg.color = color,
                    _ => p.dropped += 1,
                }
            }
            _ => p.dropped += 1,
        }
    }
    for c in &a.classes {
        match c.as_str() {
            "r-fit-text" => p.fit.push(here),
            "smaller" => p.smaller.push(here),
            "center" => p.center.push(here),
            _ => p.dropped += 1,
        }
    }
    if bg.color.is_some() || bg.image.is_some() {
        p.backgrounds.push((here, bg, false));
    }
}

/// One line of a Deckset deck: `^` notes, `[fit]`, images as backgrounds,
/// `[.column]` and other `[.command]` lines. True when it was used up.
fn deckset_line(
    line: &mut String,
    here: u32,
    joins_paragraph: bool,
    columns: &mut usize,
    p: &mut Prepared,
) -> bool {
    let t = line.trim().to_string();
    if let Some(rest) = t.strip_prefix('^') {
        if rest.is_empty() || rest.starts_with(' ') {
            let rest = rest.trim_start();
            if joins_paragraph && !rest.contains("-->") {
                // Right under a paragraph line it would join that
                // paragraph: as a comment it is that paragraph's note.
                *line = format!("<!-- {rest} -->");
            } else {
                p.notes.push((here, here));
                *line = rest.to_string();
            }
            return true;
        }
    }
    if is_atx_heading(&t) && t.contains("[fit]") {
        *line = line.replacen("[fit] ", "", 1).replacen("[fit]", "", 1);
        p.fit.push(here);
        return true;
    }
    if t.starts_with("![") && t.ends_with(')') && t.matches("![").count() == 1 {
        match deckset::image(&t, here) {
            Some(Ok(bg)) => {
                p.backgrounds.push((here, bg, false));
                line.clear();
                return true;
            }
            Some(Err(kept)) => {
                *line = kept;
                return true;
            }
            None => {}
        }
    }
    if t.starts_with("[.") && t.ends_with(']') {
        if t == "[.column]" {
            *columns += 1;
            if *columns == 2 {
                p.right_columns.push(Columns::halves(here));
            }
        } else if let Some(bg) = t
            .strip_prefix("[.background-color:")
            .and_then(|v| color_background(v.trim_end_matches(']'), here))
        {
            p.backgrounds.push((here, bg, false));
        } else {
            p.dropped += 1;
        }
        line.clear();
        return true;
    }
    false
}

/// `--` or `<!-- pause -->`: what follows, up to the next one or the end
/// of the slide, is one more step.
fn start_run(p: &mut Prepared, open: &mut Option<u32>, line: u32) {
    if let Some(from) = open.replace(line) {
        p.step_marks.push(Step {
            lines: Lines::new(from, line - 1),
            each_item: false,
        });
    }
}

/// A slide ends before `line`: every open step ends with it.
fn close_open_steps(
    p: &mut Prepared,
    clicks: &mut Vec<(u32, bool)>,
    run: &mut Option<u32>,
    line: u32,
) {
    for (from, each) in clicks.drain(..) {
        p.step_marks.push(Step {
            lines: Lines::new(from, line),
            each_item: each,
        });
    }
    if let Some(from) = run.take() {
        p.step_marks.push(Step {
            lines: Lines::new(from, line),
            each_item: false,
        });
    }
}

impl Prepared {
    /// Which of the deck's own slides (0: before the first separator)
    /// `line` is on, and that slide's line range.
    fn tool_slide(&self, line: u32) -> (usize, Lines) {
        let k = self.separators.iter().filter(|s| **s < line).count();
        let start = if k == 0 { 1 } else { self.separators[k - 1] };
        let end = self.separators.get(k).map_or(u32::MAX, |s| s - 1);
        (k, Lines::new(start, end))
    }

    /// What the deck's own slides ask of measuring (columns, a smaller
    /// body), each slide that asks anything once; layout measures those
    /// slides so, and `apply_looks` gives the same to their parts.
    pub fn asked(&self) -> Vec<Asked> {
        if self.tool.is_none() {
            return Vec::new();
        }
        (0..=self.separators.len())
            .filter_map(|k| {
                let start = if k == 0 { 1 } else { self.separators[k - 1] };
                let end = self
                    .separators
                    .get(k)
                    .map_or(u32::MAX, |s| s.saturating_sub(1));
                // Nothing before a first heading on line 1.
                (end >= start).then(|| self.asked_of(Lines::new(start, end)))?
            })
            .collect()
    }

    /// What the source slide of `lines` asks, if anything.
    fn asked_of(&self, lines: Lines) -> Option<Asked> {
        let within = |l: &u32| (lines.start..=lines.end).contains(l);
        let columns = self
            .right_columns
            .iter()
            .copied()
            .find(|c| within(&c.right));
        let smaller = self.deck_smaller || self.smaller.iter().any(within);
        (columns.is_some() || smaller).then_some(Asked {
            lines,
            columns,
            smaller,
        })
    }

    /// Gives each laid-out slide what its source slide asked for. A slide
    /// cut in two keeps the settings on both parts. It runs after layout
    /// because it reads layout's results: which source slide a part came
    /// from (its blocks' lines) and its kind (a title slide takes no steps,
    /// only a content slide a right column).
    pub fn apply_looks(&self, slides: &mut [Slide]) {
        if self.tool.is_none() {
            return;
        }
        for s in slides.iter_mut() {
            // Its last body block is its own (a remark template's come first).
            let anchor = s
                .body
                .iter()
                .map(|b| b.lines().end)
                .filter(|l| *l > 0)
                .max()
                .unwrap_or(s.lines.start);
            let (_, range) = self.tool_slide(anchor);
            let within = |l: &u32| (range.start..=range.end).contains(l);
            let first_body = s
                .body
                .iter()
                .map(|b| b.lines().start)
                .filter(|l| *l > 0)
                .min()
                .unwrap_or(u32::MAX);
            // This slide's own, else one carried from an earlier slide,
            // else the deck's; an image keeps the colour under it.
            let carried = self
                .backgrounds
                .iter()
                .rev()
                .find(|(l, _, sticky)| *sticky && *l < range.start)
                .map(|(_, b, _)| b)
                .or(self.deck_background.as_ref());
            let background = match self.backgrounds.iter().find(|(l, _, _)| within(l)) {
                Some((_, own, _)) => {
                    let mut own = own.clone();
                    if own.color.is_none() {
                        own.color = carried.and_then(|c| c.color.clone());
                    }
                    Some(own)
                }
                None => carried.cloned(),
            };
            let text_color = self
                .text_colors
                .iter()
                .find(|(l, _, _)| within(l))
                .or_else(|| {
                    self.text_colors
                        .iter()
                        .rev()
                        .find(|(l, _, sticky)| *sticky && *l < range.start)
                })
                .map(|(_, c, _)| c.clone())
                .or_else(|| self.deck_text_color.clone())
                .or_else(|| readable_on(background.as_ref()?.color.as_deref()?));
            let asked = self.asked_of(range);
            s.look = SlideLook {
                text_color,
                steps: if s.kind == SlideKind::Title {
                    Vec::new()
                } else {
                    self.step_marks
                        .iter()
                        .filter(|m| within(&m.lines.start))
                        .copied()
                        .collect()
                },
                columns: asked
                    .and_then(|a| a.columns)
                    .filter(|_| s.kind == SlideKind::Content),
                fit_title: self.fit.iter().any(|l| within(l) && *l <= first_body),
                fit_text: if s.kind == SlideKind::Content {
                    self.fit_text
                        .iter()
                        .filter(|l| within(&l.start))
                        .copied()
                        .collect()
                } else {
                    Vec::new()
                },
                background,
                smaller: asked.is_some_and(|a| a.smaller) && s.kind == SlideKind::Content,
                // A title slide has its own design.
                center: (self.deck_center || self.center.iter().any(within))
                    && s.kind == SlideKind::Content,
            };
        }
    }
}

/// Notes markers (`???`, a lone `Note:`; in a reveal-md deck any `Note:`)
/// start a region running to the next slide separator, or in notes to
/// the next heading. The marker line itself is blanked.
fn notes_regions(out: &mut [String], start: usize, tool: Option<Tool>, p: &mut Prepared) {
    let mut fence: Option<(char, usize)> = None;
    let mut open: Option<u32> = None;
    let total = out.len() as u32;
    // A title underlined to its width (a setext heading) ends notes as an
    // ATX heading does, at the title's own line.
    let titled: Vec<bool> = (0..out.len())
        .map(|i| {
            let under = out.get(i + 1).map_or("", |u| u.trim());
            let marks = under.chars().count();
            !out[i].trim().is_empty()
                && marks > 3
                && (under.chars().all(|c| c == '-') || under.chars().all(|c| c == '='))
                && super::drawn_to_width(marks, &out[i])
        })
        .collect();
    for (i, slot) in out.iter_mut().enumerate().skip(start) {
        let line = slot.clone();
        if let Some((c, n)) = fence {
            if is_fence(&line).is_some_and(|(c2, n2)| c2 == c && n2 >= n) {
                fence = None;
            }
            continue;
        }
        if let Some(f) = is_fence(&line) {
            fence = Some(f);
            continue;
        }
        let t = line.trim_end();
        let ends = if tool.is_some() {
            t == "***"
        } else {
            t == "***" || t.trim_start().starts_with("---") || is_atx_heading(t) || titled[i]
        };
        if ends {
            if let Some(s) = open.take() {
                p.notes.push((s, i as u32));
            }
            continue;
        }
        let reveal_note = tool == Some(Tool::RevealMd)
            && t.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("note:"));
        let marker = notes_marker(t);
        if open.is_none() && (marker || reveal_note) {
            open = Some(i as u32 + 1);
        }
        if marker {
            slot.clear();
        }
    }
    if let Some(s) = open {
        p.notes.push((s, total));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_tool() {
        let cases = [
            (
                "---\nmarp: true\n---\n# A\n\n---\n\n# B\n",
                Some(Tool::Marp),
            ),
            ("---\nlayout: cover\n---\n# A\n", Some(Tool::Slidev)),
            ("---\nbackground: bg.png\n---\n# A\n", Some(Tool::Slidev)),
            (
                "---\ntitle: T\nbackground:\n  img: bg.png\ntags: [a]\n---\n# A\n",
                None,
            ),
            (
                "class: center\n\n# A\n\n---\n\n# B\n\n???\nn\n",
                Some(Tool::Remark),
            ),
            (
                "# A\n\n---\n\n# B\n\n----\n\nNote: n\n",
                Some(Tool::RevealMd),
            ),
            ("# A\n\n----\n\n# B\n", None),
            ("# A\n\n<!-- end_slide -->\n\n# B\n", Some(Tool::Presenterm)),
            ("# Day\n\n## Talk\n\n* a\n\n---\n\n???\nnotes\n", None),
        ];
        for (text, tool) in cases {
            assert_eq!(prepare(text).tool, tool, "{text}");
        }
    }

    #[test]
    fn lines_are_kept_and_directives_blanked() {
        let text = "---\nmarp: true\ntheme: gaia\n---\n\n<!-- _class: invert -->\n# <!--fit--> Big\nline above\n---\n\n## Next\n";
        let p = prepare(text);
        assert_eq!(p.text.lines().count(), text.lines().count());
        assert!(!p.text.contains("marp") && !p.text.contains("_class"));
        assert!(p.text.contains("theme: gaia"));
        assert!(p.text.contains("\n***\n"), "{}", p.text);
        assert_eq!(p.fit, [7]);
        // `_class` is dropped; `marp: true` says what the file is.
        assert_eq!(p.dropped, 1);
    }

    #[test]
    fn notes_regions_run_to_the_separator_or_heading() {
        let p = prepare("# A\n\n* x\n\n???\nsay this\n\nand this\n\n## B\n");
        assert_eq!(p.notes, [(5, 9)]);
        let p = prepare("# A\n\n----\n\nNote: a\n\nb\n\n---\n\nc\n");
        assert_eq!(p.tool, Some(Tool::RevealMd));
        assert_eq!(p.notes, [(5, 8)]);
    }

    #[test]
    fn a_fence_right_under_a_bullet_joins_it() {
        let p = prepare("* a\n```py\nx = 1\n```\n    - child\n");
        assert_eq!(p.text, "* a\n  ```py\n  x = 1\n  ```\n    - child\n");
        let p = prepare("* a\n\n```py\nx\n```\n");
        assert!(p.text.contains("\n```py"), "a blank line keeps it apart");
    }

    #[test]
    fn steps_columns_and_backgrounds_are_recorded_by_line() {
        let p = prepare(
            "---\nlayout: cover\n---\n# A\n\n---\n\n# B\n\n<v-click>\n\nx\n\n</v-click>\n\n<v-clicks>\n\n- a\n\n</v-clicks>\n\n::right::\n\ny\n",
        );
        let marks: Vec<(u32, u32, bool)> = p
            .step_marks
            .iter()
            .map(|s| (s.lines.start, s.lines.end, s.each_item))
            .collect();
        assert_eq!(marks, [(10, 14, false), (16, 20, true)]);

        assert_eq!(p.right_columns, [Columns::halves(22)]);
        assert_eq!(p.separators, [6]);
        // `<v-after>` inside a click neither ends it nor starts one.
        let after = prepare("---\nlayout: cover\n---\n# A\n\n---\n\n# B\n\n<v-click>\n\nx\n\n<v-after>\n\ny\n\n</v-after>\n\n</v-click>\n");
        let marks: Vec<(u32, u32)> = after
            .step_marks
            .iter()
            .map(|s| (s.lines.start, s.lines.end))
            .collect();
        assert_eq!(marks, [(10, 20)]);

        // remark `--`: each runs to the next one, the last to the separator.
        let p = prepare("class: x\n\n# A\n\na\n\n--\n\nb\n\n--\n\nc\n\n---\n\n# B\n");
        let marks: Vec<(u32, u32)> = p
            .step_marks
            .iter()
            .map(|s| (s.lines.start, s.lines.end))
            .collect();
        assert_eq!(marks, [(7, 10), (11, 14)]);

        let p = prepare("# A\n\n---\n\n<!-- .slide: data-background-color=\"#123\" data-background-image=\"img/a.png\" -->\n## B\n\n- x <!-- .element: class=\"fragment\" -->\n");
        let (line, bg, sticky) = &p.backgrounds[0];
        assert_eq!(
            (*line, bg.color.as_deref(), bg.image.as_deref(), *sticky),
            (5, Some("#123"), Some("img/a.png"), false)
        );
        assert_eq!(p.step_marks.len(), 1);
        assert!(!p.text.contains("fragment") && !p.text.contains("data-background"));
    }

    #[test]
    fn marp_backgrounds_and_unsafe_colours() {
        let p = prepare("---\nmarp: true\nbackgroundColor: white\n---\n# A\n\n---\n\n![bg left:40%](a.png)\n<!-- backgroundColor: red; background: url(x) -->\n<!-- _backgroundColor: #abc -->\n# B\n");
        assert_eq!(
            p.deck_background.as_ref().and_then(|b| b.color.as_deref()),
            Some("white")
        );
        let found: Vec<String> = p
            .backgrounds
            .iter()
            .map(|(l, b, s)| format!("{l} {:?} {:?} {:?} {s}", b.color, b.image, b.side))
            .collect();
        // The colour that would break out of the style attribute is refused.
        assert_eq!(
            found,
            [
                "9 None Some(\"a.png\") Left false",
                "11 Some(\"#abc\") None Full false"
            ]
        );
        assert!(!p.text.contains("![bg"), "{}", p.text);
        for bad in ["red;x", "url(a)", "\"a\"b", "a<b", "x{y}", ""] {
            assert_eq!(css_color(bad), None, "{bad}");
        }
        assert_eq!(
            css_color("rgb(0 0 0 / 50%)").as_deref(),
            Some("rgb(0 0 0 / 50%)")
        );
        assert_eq!(readable_on("#123").as_deref(), Some("#ffffff"));
        assert_eq!(readable_on("#fdf6e3").as_deref(), Some("#111111"));
        assert_eq!(readable_on("white"), None, "only hex colours are read");
    }

    #[test]
    fn slidev_slide_front_matter_backgrounds() {
        // Nothing else dropped: using the one key must not count below zero.
        let p = prepare("---\ntitle: T\n---\n# A\n\n---\nbackground: img/x.png\n---\n\n# B\n\n::right::\n\n---\nlayout: image-left\nimage: pic.png\n---\n\n# C\n");
        assert_eq!(p.tool, Some(Tool::Slidev));
        let found: Vec<String> = p
            .backgrounds
            .iter()
            .map(|(l, b, _)| format!("{l} {:?} {:?}", b.image, b.side))
            .collect();
        assert_eq!(
            found,
            ["7 Some(\"img/x.png\") Full", "16 Some(\"pic.png\") Left"]
        );
        assert_eq!(p.dropped, 0, "layout and image were used");
    }

    #[test]
    fn broken_directives_neither_panic_nor_show() {
        for text in [
            "---\nmarp: true\n---\n# A\n\n---\n\n<!-- backgroundColor -->\n<!-- _color -->\n# B\n",
            "# A\n\n<!-- end_slide -->\n\n<!-- column -->\n<!-- column: x -->\n# B\n",
            "# A\n\n---\n\n<!-- .slide: data-background=\"é -->\n<!-- .slide: data-background-color='ü' data-background= -->\n## B\n\n----\n\nNote: n\n",
            "---\nmarp: true\n---\n# A\n\n---\n\n![bg](\n![bg]()\n# B\n",
        ] {
            let p = prepare(text);
            assert_eq!(p.text.lines().count(), text.lines().count(), "{text}");
        }
    }

    #[test]
    fn quarto_pandoc_and_deckset_cut_short_anywhere() {
        // Every prefix of each kind of deck: no panic, every line kept.
        for (name, text) in [
            ("a.qmd", "---\ntitle: T\nformat: revealjs\n---\n\n# S\n\n## A {background-color=\"#123\" .r-fit-text}\n\n:::: {.columns}\n::: {.column width=\"40%\"}\nx [y]{.z} ![i](a.png){width=1}\n:::\n::: column\nw\n:::\n::::\n\n::: notes\nn\n:::\n\n```{r, echo=FALSE}\n#| label: x\n1\n```\n\n. . .\n\n::: incremental\n- a\n:::\n"),
            ("d.md", "autoscale: true\nslidenumbers: true\n\n# [fit] T\n\n^ n\n\n---\n\n![right, fit](a.png)\n![inline](b.png)\n\n[.column]\na\n[.column]\nb\n[.background-color: #fff]\n[.hide-footer]\n"),
        ] {
            let path = Path::new(name);
            let full = prepare_file(path, text);
            assert!(full.tool.is_some(), "{name}");
            for (at, _) in text.char_indices() {
                let cut = &text[..at];
                let p = prepare_file(path, cut);
                assert_eq!(p.text.split('\n').count(), cut.split('\n').count(), "{cut}");
                p.asked();
                let src = crate::source::SourceFile::new(name, &p.text);
                crate::parse::parse_prepared(&src, &p, &Default::default(), &mut Vec::new());
            }
        }
    }

    #[test]
    fn column_widths_smaller_and_center_are_read() {
        let p = prepare_file(
            Path::new("a.qmd"),
            "## A {.smaller .center}\n\n:::: columns\n::: {.column width=\"30%\"}\nx\n:::\n::: column\ny\n:::\n::::\n\n## B\n\n::: columns\n:::: column\na\n::::\n:::: column\nb\n::::\n:::: column\nc\n::::\n:::\n",
        );
        // The unset width takes what the 30% leaves; a third column joins
        // the right one, as wide as both.
        assert_eq!(
            p.right_columns,
            [
                Columns {
                    right: 7,
                    widths: [30, 70]
                },
                Columns {
                    right: 18,
                    widths: [33, 67]
                }
            ]
        );
        assert_eq!(
            (p.smaller.as_slice(), p.center.as_slice()),
            (&[1][..], &[1][..])
        );
        let asked = p.asked();
        assert_eq!(asked.len(), 2);
        assert!(asked[0].smaller && !asked[1].smaller);
        assert_eq!(p.dropped, 0, ".smaller and .center are used");

        let p = prepare("# A\n\n<!-- end_slide -->\n\n## B\n\n<!-- column_layout: [3, 2] -->\n<!-- column: 0 -->\nx\n<!-- column: 1 -->\ny\n");
        assert_eq!(p.right_columns[0].widths, [60, 40]);

        let p = prepare_file(
            Path::new("a.qmd"),
            "---\nformat:\n  revealjs:\n    smaller: true\n    center: true\n---\n\n## A\n\nx\n\n## B\n\ny\n",
        );
        assert!(p.deck_smaller && p.deck_center);
        assert_eq!(p.asked().len(), 3, "every slide asks, the title's too");

        let p = prepare_file(Path::new("a.qmd"), "## A\n\n::: {.r-fit-text}\nBig\n:::\n");
        assert_eq!(p.fit_text, [Lines::new(3, 5)]);
        assert_eq!(p.dropped, 0);
    }

    #[test]
    fn a_pandoc_title_block_titles_the_deck() {
        let p = prepare("% Rust Now\n% Ana\n\n## A\n\nx\n\n. . .\n\ny\n");
        assert_eq!(p.tool, Some(Tool::Pandoc));
        assert!(p.text.starts_with("# Rust Now\n\n\n## A"), "{}", p.text);
        assert_eq!(p.dropped, 1);
    }

    #[test]
    fn code_fences_are_untouched() {
        let p = prepare("class: x\n\n# A\n\n```\n---\n???\n* hi\n```\n\n---\n\n# B\n");
        assert_eq!(p.tool, Some(Tool::Remark));
        assert!(p.text.contains("```\n---\n???\n  hi\n```"), "{}", p.text);
        assert!(p.notes.is_empty());
    }
}
