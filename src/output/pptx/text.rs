//! Slide-model blocks and inline events → DrawingML paragraphs and runs.
//! Sizes are CSS pixels of the 1280×720 canvas (the layout's unit); the
//! writer turns them into points and EMU.

use crate::outline::{Block, Inline, Item, OtherKind};
use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

/// The gaps and indents the layout measured with (`layout::sizes`, which
/// also fills runtime.css), so text lands where it was measured to fit.
/// The gaps are the theme's spacing scale ([`Spacing`]), as layout read it.
pub use crate::layout::sizes::{
    Spacing, CELL_PAD_X, CELL_PAD_Y, DENSE_TABLE_SCALE, INNER_GAP, LIST_PAD, NESTED_GAP,
    NESTED_SCALE, PRE_LH, PRE_MIN_PX, PRE_PAD_X, PRE_PAD_Y, PRE_SCALE,
    QUOTE_BORDER as QUOTE_PAD_PX, QUOTE_PAD, TABLE_SCALE,
};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    pub sup: bool,
    pub link: Option<String>,
    /// A highlight class (`keyword`, `string`…) or `muted`.
    pub color: Option<&'static str>,
    /// Size in percent of the paragraph's (0: the same), and not bold
    /// in a bold paragraph: a title's breadcrumbs and "(cont.)".
    pub scale: u8,
    pub plain: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Run {
    Text(String, Style),
    Break,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Bullet {
    None,
    Char,
    Num(u64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// Bullet level (list depth), 0-based.
    pub lvl: u32,
    pub bullet: Bullet,
    pub runs: Vec<Run>,
    /// Font size, px.
    pub px: f64,
    /// Left margin of the text and the first line's indent (negative:
    /// a hanging bullet), px.
    pub mar_l: f64,
    pub indent: f64,
    /// Space above, px.
    pub before: f64,
    pub italic: bool,
    pub bold: bool,
    pub mono: bool,
    /// `l`, `ctr` or `r` (a table column's alignment).
    pub align: Option<&'static str>,
}

impl Para {
    pub fn new(px: f64) -> Para {
        Para {
            lvl: 0,
            bullet: Bullet::None,
            runs: Vec::new(),
            px,
            mar_l: 0.0,
            indent: 0.0,
            before: 0.0,
            italic: false,
            bold: false,
            mono: false,
            align: None,
        }
    }

    #[cfg(test)]
    pub fn text(&self) -> String {
        self.runs
            .iter()
            .map(|r| match r {
                Run::Text(t, _) => t.as_str(),
                Run::Break => "\n",
            })
            .collect()
    }
}

/// Inline events → runs. Images become their alt text in brackets
/// (pictures are placed only for image-only paragraphs, see
/// [`image_only`]); raw HTML tags are dropped, `<br>` kept.
pub fn runs(events: &[Event<'_>]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut st = Style::default();
    let (mut bold, mut italic, mut strike) = (0u32, 0u32, 0u32);
    let mut image_depth = 0u32;
    let push = |out: &mut Vec<Run>, text: &str, st: &Style| {
        if text.is_empty() {
            return;
        }
        if let Some(Run::Text(t, s)) = out.last_mut() {
            if s == st {
                t.push_str(text);
                return;
            }
        }
        out.push(Run::Text(text.to_string(), st.clone()));
    };
    for e in events {
        match e {
            // Bare URLs are links with short text, as the HTML shows them.
            Event::Text(t) if st.link.is_none() && image_depth == 0 => {
                let mut at = 0;
                for r in crate::render::links::find_urls(t) {
                    push(&mut out, &t[at..r.start], &st);
                    let url = &t[r.clone()];
                    let linked = Style {
                        link: Some(url.to_string()),
                        ..st.clone()
                    };
                    push(&mut out, &crate::render::links::shorten(url), &linked);
                    at = r.end;
                }
                push(&mut out, &t[at..], &st);
            }
            Event::Text(t) => push(&mut out, t, &st),
            // Inline code and math at the sizes runtime.css gives them.
            Event::Code(t) => {
                let mut s = st.clone();
                s.code = true;
                s.scale = 85;
                push(&mut out, t, &s);
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                let mut s = st.clone();
                s.italic = true;
                s.scale = 80;
                // `$$` math spans lines in the notes; one line here.
                let one_line = t.split_whitespace().collect::<Vec<_>>().join(" ");
                push(&mut out, &one_line, &s);
            }
            Event::SoftBreak => push(&mut out, " ", &st),
            Event::HardBreak => out.push(Run::Break),
            Event::FootnoteReference(l) => {
                let mut s = st.clone();
                s.sup = true;
                push(&mut out, &format!("[{l}]"), &s);
            }
            Event::TaskListMarker(done) => push(&mut out, if *done { "☑ " } else { "☐ " }, &st),
            Event::InlineHtml(h) | Event::Html(h) => {
                let tag = h.trim_start().to_ascii_lowercase();
                if tag.starts_with("<br") {
                    out.push(Run::Break);
                }
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => strike += 1,
            Event::End(TagEnd::Strikethrough) => strike = strike.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                st.link = crate::services::sanitize::is_safe_url(dest_url, false)
                    .then(|| dest_url.to_string())
                    .filter(|u| !u.starts_with('#'));
            }
            Event::End(TagEnd::Link) => st.link = None,
            Event::Start(Tag::Image { .. }) => {
                image_depth += 1;
                push(&mut out, "[", &st);
            }
            Event::End(TagEnd::Image) => {
                image_depth = image_depth.saturating_sub(1);
                push(&mut out, "]", &st);
            }
            _ => {}
        }
        st.bold = bold > 0;
        st.italic = italic > 0;
        st.strike = strike > 0;
    }
    out
}

/// Whether a paragraph's events are images only (and the space between
/// them): such a paragraph becomes pictures. Returns their URLs and alt
/// texts.
pub fn image_only(events: &[Event<'_>]) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut in_image: Option<(String, String)> = None;
    for e in events {
        match e {
            Event::Start(Tag::Image { dest_url, .. }) => {
                in_image = Some((dest_url.to_string(), String::new()));
            }
            Event::End(TagEnd::Image) => out.push(in_image.take()?),
            Event::Text(t) if in_image.is_some() => {
                if let Some((_, alt)) = in_image.as_mut() {
                    alt.push_str(t);
                }
            }
            Event::Text(t) if t.trim().is_empty() => {}
            Event::SoftBreak | Event::HardBreak => {}
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            _ if in_image.is_some() => {}
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Text blocks → paragraphs at body size `px`, the way runtime.css
/// stacks them: block gaps at the top, item gaps in lists, nested lists
/// smaller and indented.
pub fn blocks(blocks: &[Block], px: f64, sp: Spacing) -> Vec<Para> {
    let mut out = Vec::new();
    let mut prev: Option<&Block> = None;
    for (k, b) in blocks.iter().enumerate() {
        let start = out.len();
        block(b, px, 0, 0.0, sp, &mut out);
        if out.len() > start {
            if let Some(p) = prev {
                let c = crate::layout::measure::Canvas {
                    body_px: px,
                    space: sp,
                    ..Default::default()
                };
                out[start].before = c.gap_between(p, b, blocks.get(k + 1));
            }
            prev = Some(b);
        }
    }
    out
}

fn block(b: &Block, px: f64, depth: u32, mar_l: f64, sp: Spacing, out: &mut Vec<Para>) {
    match b {
        Block::Heading { title, .. } => {
            let mut p = Para::new(px);
            p.bold = true;
            p.lvl = depth;
            p.mar_l = mar_l;
            p.runs = runs(&title.events);
            out.push(p);
        }
        Block::List { start, items, .. } => list(*start, items, px, depth, mar_l, sp, out),
        Block::Other { events, kind, .. } => other(events, *kind, px, depth, mar_l, out),
        Block::Break { .. } | Block::Notes { .. } => {}
    }
}

fn list(
    start: Option<u64>,
    items: &[Item],
    px: f64,
    depth: u32,
    mar_l: f64,
    sp: Spacing,
    out: &mut Vec<Para>,
) {
    let pad = LIST_PAD * px;
    for (k, item) in items.iter().enumerate() {
        let mut p = Para::new(px);
        p.lvl = depth;
        p.mar_l = mar_l + pad;
        p.indent = -pad;
        p.bullet = match start {
            Some(s) => Bullet::Num(item.number.unwrap_or(s + k as u64)),
            None => Bullet::Char,
        };
        if k > 0 {
            p.before = sp.item * px;
        }
        p.runs = runs(&item.head.events);
        out.push(p);
        // Nested lists are one step smaller at every depth.
        let inner = if depth == 0 { NESTED_SCALE * px } else { px };
        for c in &item.children {
            let at = out.len();
            match c {
                Block::List { start, items, .. } => {
                    list(*start, items, inner, depth + 1, mar_l + pad, sp, out);
                    if let Some(first) = out.get_mut(at) {
                        first.before = NESTED_GAP * inner;
                    }
                }
                Block::Notes { .. } | Block::Break { .. } => {}
                other => {
                    // Further paragraphs of the item: under its text, no bullet.
                    block(other, px, depth, mar_l + pad, sp, out);
                    if let Some(first) = out.get_mut(at) {
                        first.before = INNER_GAP * px;
                    }
                }
            }
        }
    }
}

/// A paragraph, quote, heading, code or table inside text (a list item's
/// child, or a raw block): walked as events. Top-level code and tables
/// get shapes of their own instead (see the writer).
fn other(
    events: &[Event<'_>],
    kind: OtherKind,
    px: f64,
    depth: u32,
    mar_l: f64,
    out: &mut Vec<Para>,
) {
    match kind {
        OtherKind::Code => {
            let (code, _) = code_text(events);
            let cpx = (px * PRE_SCALE).max(PRE_MIN_PX);
            for (i, line) in code.trim_end_matches('\n').split('\n').enumerate() {
                let mut p = Para::new(cpx);
                p.lvl = depth;
                p.mar_l = mar_l;
                p.mono = true;
                if i == 0 {
                    p.before = 0.0;
                }
                p.runs = vec![Run::Text(line.to_string(), Style::default())];
                out.push(p);
            }
        }
        OtherKind::Table | OtherKind::DenseTable => {
            for row in table_rows(events).0 {
                let mut p = Para::new(px * TABLE_SCALE);
                p.lvl = depth;
                p.mar_l = mar_l;
                let mut rs = Vec::new();
                for (i, cell) in row.into_iter().enumerate() {
                    if i > 0 {
                        rs.push(Run::Text(" | ".into(), Style::default()));
                    }
                    rs.extend(cell);
                }
                p.runs = rs;
                out.push(p);
            }
        }
        _ => walk(events, px, depth, mar_l, out),
    }
}

/// Generic block events (paragraphs, quotes, headings, nested lists in
/// raw or deep content) → paragraphs.
fn walk(events: &[Event<'_>], px: f64, depth: u32, mar_l: f64, out: &mut Vec<Para>) {
    let mut quote = 0u32;
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut cur: Option<(Para, Vec<Event<'_>>)> = None;
    let finish = |cur: &mut Option<(Para, Vec<Event<'_>>)>, out: &mut Vec<Para>| {
        if let Some((mut p, evs)) = cur.take() {
            p.runs = runs(&evs);
            if !p.runs.is_empty() || p.bullet != Bullet::None {
                out.push(p);
            }
        }
    };
    let quote_pad = |q: u32| f64::from(q) * (QUOTE_PAD_PX + QUOTE_PAD * px);
    for e in events {
        match e {
            Event::Start(Tag::BlockQuote(_)) => {
                finish(&mut cur, out);
                quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                finish(&mut cur, out);
                quote = quote.saturating_sub(1);
            }
            Event::Start(Tag::List(start)) => {
                finish(&mut cur, out);
                lists.push(*start);
            }
            Event::End(TagEnd::List(_)) => {
                finish(&mut cur, out);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                finish(&mut cur, out);
                let d = lists.len().saturating_sub(1) as u32;
                let mut p = Para::new(px);
                p.lvl = depth + d;
                p.mar_l = mar_l + quote_pad(quote) + f64::from(d + 1) * LIST_PAD * px;
                p.indent = -LIST_PAD * px;
                p.bullet = match lists.last_mut() {
                    Some(Some(n)) => {
                        let b = Bullet::Num(*n);
                        *n += 1;
                        b
                    }
                    _ => Bullet::Char,
                };
                cur = Some((p, Vec::new()));
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Heading { .. }) => {
                // A loose list item's paragraph continues the item.
                let continues = cur
                    .as_ref()
                    .is_some_and(|(p, evs)| p.bullet != Bullet::None && evs.is_empty());
                if !continues {
                    finish(&mut cur, out);
                    let mut p = Para::new(px);
                    p.lvl = depth;
                    p.mar_l = mar_l + quote_pad(quote);
                    p.italic = quote > 0;
                    p.bold = matches!(e, Event::Start(Tag::Heading { .. }));
                    cur = Some((p, Vec::new()));
                }
            }
            Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Heading(_))
            | Event::End(TagEnd::Item) => finish(&mut cur, out),
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::Table(_)) => finish(&mut cur, out),
            Event::Start(_) | Event::End(_) | Event::Rule => {}
            Event::Html(h) => {
                // Raw HTML blocks: their text, without the tags.
                finish(&mut cur, out);
                let text = strip_tags(h);
                if !text.trim().is_empty() {
                    let mut p = Para::new(px);
                    p.lvl = depth;
                    p.mar_l = mar_l;
                    p.runs = vec![Run::Text(text.trim().to_string(), Style::default())];
                    out.push(p);
                }
            }
            other => {
                if cur.is_none() {
                    let mut p = Para::new(px);
                    p.lvl = depth;
                    p.mar_l = mar_l + quote_pad(quote);
                    p.italic = quote > 0;
                    cur = Some((p, Vec::new()));
                }
                if let Some((_, evs)) = cur.as_mut() {
                    evs.push(other.clone());
                }
            }
        }
    }
    finish(&mut cur, out);
}

/// `<b>x</b> y` → `x y`.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    html_escape::decode_html_entities(&out).into_owned()
}

/// A code block's text and its fence's info string.
pub fn code_text(events: &[Event<'_>]) -> (String, String) {
    let mut code = String::new();
    let mut info = String::new();
    for e in events {
        match e {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(i))) => info = i.to_string(),
            Event::Text(t) => code.push_str(t),
            _ => {}
        }
    }
    (code, info)
}

/// A table's rows of cells of runs, and how many of the first rows are
/// the header.
pub fn table_rows(events: &[Event<'_>]) -> (Rows, usize) {
    let (rows, head, _) = table(events);
    (rows, head)
}

/// Rows of cells of runs.
pub type Rows = Vec<Vec<Vec<Run>>>;

/// [`table_rows`] and each column's alignment (`l`, `ctr`, `r`).
pub fn table(events: &[Event<'_>]) -> (Rows, usize, Vec<Option<&'static str>>) {
    let mut rows: Vec<Vec<Vec<Run>>> = Vec::new();
    let mut head = 0;
    let mut cell: Option<Vec<Event<'_>>> = None;
    let mut align = Vec::new();
    for e in events {
        match e {
            Event::Start(Tag::Table(a)) => {
                use pulldown_cmark::Alignment;
                align = a
                    .iter()
                    .map(|a| match a {
                        Alignment::Left => Some("l"),
                        Alignment::Center => Some("ctr"),
                        Alignment::Right => Some("r"),
                        Alignment::None => None,
                    })
                    .collect();
            }
            Event::Start(Tag::TableHead) => {
                rows.push(Vec::new());
                head = 1;
            }
            Event::Start(Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell = Some(Vec::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(evs), Some(row)) = (cell.take(), rows.last_mut()) {
                    row.push(runs(&evs));
                }
            }
            other => {
                if let Some(c) = cell.as_mut() {
                    c.push(other.clone());
                }
            }
        }
    }
    (rows, head, align)
}

/// Column widths and row heights (px) of a table at font size `px` in
/// a box `total` wide, as a browser's auto table layout gives them: each
/// column its longest word at least, the rest of the width shared by how
/// much more its longest cell wants. Text widths are estimated at 0.64 em
/// a character (DejaVu Sans digits are 0.636 em), rows by wrapping at that.
pub fn table_geometry(rows: &[Vec<Vec<Run>>], px: f64, total: f64) -> (Vec<f64>, Vec<f64>) {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let em = 0.64 * px;
    let pad = 2.0 * CELL_PAD_X * px + 0.3 * px;
    let cell_text = |r: &Vec<Vec<Run>>, c: usize| -> String {
        r.get(c)
            .map(|cell| {
                cell.iter()
                    .map(|r| match r {
                        Run::Text(t, _) => t.as_str(),
                        Run::Break => " ",
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (mut min, mut max) = (vec![pad; cols], vec![pad; cols]);
    for row in rows {
        for c in 0..cols {
            let t = cell_text(row, c);
            let word = t
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            min[c] = min[c].max(word as f64 * em + pad);
            max[c] = max[c].max(t.chars().count() as f64 * em + pad);
        }
    }
    let (sum_min, sum_max) = (min.iter().sum::<f64>(), max.iter().sum::<f64>());
    let widths: Vec<f64> = if sum_max <= total {
        max.iter()
            .map(|m| m + (total - sum_max) * m / sum_max)
            .collect()
    } else if sum_min < total {
        let extra: Vec<f64> = max.iter().zip(&min).map(|(a, b)| a - b).collect();
        let sum_extra = extra.iter().sum::<f64>().max(f64::EPSILON);
        min.iter()
            .zip(&extra)
            .map(|(m, e)| m + (total - sum_min) * e / sum_extra)
            .collect()
    } else {
        min.iter().map(|m| m * total / sum_min).collect()
    };
    let heights = rows
        .iter()
        .map(|row| {
            let lines = (0..cols)
                .map(|c| {
                    let per_line = ((widths[c] - pad) / em).floor().max(1.0) as usize;
                    // Greedy word wrap at `per_line` characters.
                    let (mut lines, mut at) = (1usize, 0usize);
                    for w in cell_text(row, c).split_whitespace() {
                        let n = w.chars().count();
                        if at > 0 && at + 1 + n > per_line {
                            lines += 1;
                            at = n;
                        } else {
                            at += n + usize::from(at > 0);
                        }
                    }
                    lines
                })
                .max()
                .unwrap_or(1);
            lines as f64 * px * 1.3 + 2.0 * CELL_PAD_Y * px
        })
        .collect();
    (widths, heights)
}

/// A title's breadcrumb parts as runs: earlier parts muted, ` › `
/// between, `(cont.)` after a continued slide's.
pub fn title_runs(title: &[Inline], continued: bool) -> Vec<Run> {
    let mut out = Vec::new();
    // As runtime.css sets them: crumbs at 0.8 em, "(cont.)" at 0.6 em,
    // neither bold (`Canvas::title_height` measures the same).
    let muted = |scale| Style {
        color: Some("muted"),
        scale,
        plain: true,
        ..Style::default()
    };
    for (i, part) in title.iter().enumerate() {
        let mut rs = runs(&part.events);
        if rs.is_empty() {
            rs.push(Run::Text(part.text.trim().to_string(), Style::default()));
        }
        // Trim the part's edges, as `Slide::title_text` does.
        if let Some(Run::Text(t, _)) = rs.first_mut() {
            *t = t.trim_start().to_string();
        }
        if let Some(Run::Text(t, _)) = rs.last_mut() {
            *t = t.trim_end().to_string();
        }
        if i + 1 < title.len() {
            for r in &mut rs {
                if let Run::Text(_, s) = r {
                    s.color = Some("muted");
                    s.scale = 80;
                    s.plain = true;
                }
            }
            out.extend(rs);
            out.push(Run::Text(" › ".into(), muted(80)));
        } else {
            out.extend(rs);
        }
    }
    if continued {
        out.push(Run::Text(" (cont.)".into(), muted(60)));
    }
    out
}

/// Highlighted code line → runs coloured by class, from
/// `render::highlight`'s `<span class="hl-X">` markup.
pub fn highlighted_runs(line_html: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut rest = line_html;
    let mut class: Option<&'static str> = None;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<span class=\"hl-") {
            let end = after.find("\">").unwrap_or(after.len());
            class = hl_class(&after[..end]);
            rest = after.get(end + 2..).unwrap_or("");
        } else if let Some(after) = rest.strip_prefix("</span>") {
            class = None;
            rest = after;
        } else {
            let end = rest.find('<').unwrap_or(rest.len()).max(1);
            let (text, after) = rest.split_at(end);
            let text = html_escape::decode_html_entities(text).into_owned();
            out.push(Run::Text(
                text,
                Style {
                    color: class,
                    ..Style::default()
                },
            ));
            rest = after;
        }
    }
    out
}

/// The highlight classes the themes colour (`--nd-hl-*`).
fn hl_class(c: &str) -> Option<&'static str> {
    ["keyword", "string", "comment", "number", "function", "type"]
        .into_iter()
        .find(|k| *k == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_markup_becomes_coloured_runs() {
        let rs = highlighted_runs("<span class=\"hl-keyword\">fn</span> a&lt;b");
        assert_eq!(
            rs,
            vec![
                Run::Text(
                    "fn".into(),
                    Style {
                        color: Some("keyword"),
                        ..Style::default()
                    }
                ),
                Run::Text(" a<b".into(), Style::default()),
            ]
        );
    }

    #[test]
    fn bare_urls_become_short_links() {
        let rs = runs(&[Event::Text("see https://www.example.com/a/ now".into())]);
        let link = Style {
            link: Some("https://www.example.com/a/".into()),
            ..Style::default()
        };
        assert_eq!(
            rs,
            vec![
                Run::Text("see ".into(), Style::default()),
                Run::Text("example.com/a".into(), link),
                Run::Text(" now".into(), Style::default()),
            ]
        );
    }

    #[test]
    fn nested_lists_get_levels_and_numbers() {
        let src = crate::source::SourceFile::new("n.md", "## T\n\n1. one\n   * a\n2. two\n");
        let outline = crate::parse::parse(&src, &mut Vec::new());
        let b = &outline.groups[0].talks[0].blocks;
        let ps = blocks(b, 32.0, crate::layout::measure::Canvas::default().space);
        let got: Vec<(u32, Bullet, String)> = ps
            .iter()
            .map(|p| (p.lvl, p.bullet.clone(), p.text()))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, Bullet::Num(1), "one".into()),
                (1, Bullet::Char, "a".into()),
                (0, Bullet::Num(2), "two".into()),
            ]
        );
    }
}
