//! Decks written for other slide tools (Marp, Slidev, remark, reveal-md,
//! presenterm) and their speaker-note markers. A line pass, run before
//! Markdown parsing, recognises the tool and takes its syntax off the
//! text: directive lines are blanked (never removed, so every line number
//! stays right), slide separators become `***` (a thematic break that no
//! paragraph above can turn into a heading), notes regions are recorded.
//! Code fences are left alone.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tool {
    Marp,
    Slidev,
    Remark,
    RevealMd,
    Presenterm,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::Marp => "Marp",
            Tool::Slidev => "Slidev",
            Tool::Remark => "remark",
            Tool::RevealMd => "reveal-md",
            Tool::Presenterm => "presenterm",
        }
    }
}

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
}

/// Front-matter keys notedeck reads itself; other tools' keys are dropped.
const OWN_KEYS: &[&str] = &[
    "title",
    "event",
    "date",
    "speaker",
    "theme",
    "incremental",
    "aspect",
    "lang",
    "allow_html",
    "talk_level",
];

const SLIDEV_KEYS: &[&str] = &[
    "layout",
    "transition",
    "info",
    "highlighter",
    "drawings",
    "mdc",
    "background",
    "colorSchema",
    "themeConfig",
    "lineNumbers",
    "canvasWidth",
    "aspectRatio",
    "fonts",
    "clicks",
    "hideInToc",
];

const MARP_DIRECTIVES: &[&str] = &[
    "theme",
    "paginate",
    "header",
    "footer",
    "class",
    "backgroundColor",
    "backgroundImage",
    "backgroundPosition",
    "backgroundRepeat",
    "backgroundSize",
    "color",
    "size",
    "style",
    "headingDivider",
    "math",
    "lang",
];

const PRESENTERM_COMMANDS: &[&str] = &[
    "pause",
    "column_layout",
    "column",
    "reset_layout",
    "jump_to_middle",
    "new_line",
    "new_lines",
    "incremental_lists",
    "alignment",
    "no_footer",
    "font_size",
    "list_item_newlines",
    "include",
    "skip_slide",
];

const REMARK_PROPERTIES: &[&str] = &[
    "class",
    "name",
    "layout",
    "template",
    "count",
    "exclude",
    "background-image",
    "background-position",
    "background-size",
    "background-repeat",
    "seriph",
];

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

fn detect(lines: &[&str], fm_end: Option<usize>) -> Option<Tool> {
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
    if keys.iter().any(|k| SLIDEV_KEYS.contains(k)) {
        return Some(Tool::Slidev);
    }
    if keys.contains(&"sub_title") {
        return Some(Tool::Presenterm);
    }
    let start = fm_end.map_or(0, |e| e + 1);
    let mut fence: Option<(char, usize)> = None;
    let (mut seps, mut remark, mut reveal, mut slidev, mut marp) = (0, 0, 0, 0, 0);
    let (mut vertical, mut note_lines) = (0, 0);
    let mut slide_top = true;
    for l in &lines[start..] {
        if let Some((c, n)) = fence {
            if is_fence(l).is_some_and(|(c2, n2)| c2 == c && n2 >= n) {
                fence = None;
            }
            continue;
        }
        if let Some(f) = is_fence(l) {
            fence = Some(f);
            continue;
        }
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
        if t.contains("<!--fit-->") || t.contains("<!-- fit -->") || t.starts_with("![bg") {
            marp += 1;
        }
        if t.starts_with("<v-click") || (t.starts_with("::") && t.ends_with("::") && t.len() > 4) {
            slidev += 1;
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
        if slide_top && key_of(t).is_some_and(|k| REMARK_PROPERTIES.contains(&k)) {
            remark += 1;
            continue;
        }
        slide_top = false;
    }
    if slidev > 0 {
        Some(Tool::Slidev)
    } else if remark > 0 && seps > 0 {
        Some(Tool::Remark)
    } else if reveal > 0 || (vertical > 0 && seps > 0 && note_lines > 0) {
        Some(Tool::RevealMd)
    } else if marp > 0 && seps > 0 {
        Some(Tool::Marp)
    } else {
        None
    }
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

pub fn prepare(text: &str) -> Prepared {
    let mut owned: Vec<String> = text.split('\n').map(str::to_string).collect();
    lazy_fences(&mut owned);
    let joined = owned.join("\n");
    let lines: Vec<&str> = joined.split('\n').collect();
    let fm_end = front_matter_end(&lines);
    let tool = detect(&lines, fm_end);
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
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
                    dropping = !OWN_KEYS.contains(&k);
                    if dropping {
                        p.dropped += 1;
                    } else {
                        keep += 1;
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
    let mut fence: Option<(char, usize)> = None;
    let mut slide_top = true;
    let mut i = start;
    let mut macros = 0usize;
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
            slide_top = true;
            i += 1;
            // Slidev: `---` / `key: value` lines / `---` is the next
            // slide's front matter, not a slide of its own.
            if tool == Tool::Slidev {
                let mut j = i;
                while j < out.len() && key_of(out[j].trim_end()).is_some() {
                    j += 1;
                }
                if j > i && j < out.len() && out[j].trim_end() == "---" {
                    p.dropped += j - i;
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
            if let Some(k) = key_of(t).filter(|k| REMARK_PROPERTIES.contains(k)) {
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
        if tool == Tool::Remark && t == "--" {
            p.steps += 1;
            blank = true;
        } else if tool == Tool::Remark && macro_open(t) {
            macros += 1;
            p.dropped += 1;
            blank = true;
        } else if tool == Tool::Remark && macros > 0 && t == "]" {
            macros -= 1;
            blank = true;
        } else if t.starts_with("<v-") || t.starts_with("</v-") {
            if t.ends_with('>') && !t[1..].contains('<') {
                p.steps += 1;
                blank = true;
            }
        } else if t.starts_with("::") && t.ends_with("::") && t.len() > 4 {
            p.dropped += 1;
            blank = true;
        } else if let Some(c) = comment(t) {
            let key = c.split(':').next().unwrap_or("").trim();
            let marp_key = key.strip_prefix('_').unwrap_or(key);
            if c == "pause" {
                p.steps += 1;
                blank = true;
            } else if c == "fit"
                || c.starts_with(".slide:")
                || (tool == Tool::Marp && c.contains(':') && MARP_DIRECTIVES.contains(&marp_key))
                || (tool == Tool::Presenterm && PRESENTERM_COMMANDS.contains(&key))
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
            if l.contains(fit) {
                l = l.replace(fit, "");
                p.fit.push(i as u32 + 1);
            }
        }
        if let Some(at) = l.find("<!-- .element:") {
            if l[at..].contains("-->") {
                let end = at + l[at..].find("-->").map_or(0, |e| e + 3);
                l.replace_range(at..end, "");
                p.dropped += 1;
            }
        }
        out[i] = l;
        i += 1;
    }
    notes_regions(&mut out, start, Some(tool), &mut p);
    p.text = out.join("\n");
    p
}

/// `.left-column[` opening a remark macro block.
fn macro_open(t: &str) -> bool {
    t.strip_prefix('.')
        .and_then(|s| s.strip_suffix('['))
        .is_some_and(|n| {
            !n.is_empty()
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// Notes markers (`???`, a lone `Note:`; in a reveal-md deck any `Note:`)
/// start a region running to the next slide separator, or in notes to
/// the next heading. The marker line itself is blanked.
fn notes_regions(out: &mut [String], start: usize, tool: Option<Tool>, p: &mut Prepared) {
    let mut fence: Option<(char, usize)> = None;
    let mut open: Option<u32> = None;
    let total = out.len() as u32;
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
            t == "***" || t.trim_start().starts_with("---") || is_atx_heading(t)
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
        assert_eq!(p.dropped, 2);
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
    fn code_fences_are_untouched() {
        let p = prepare("class: x\n\n# A\n\n```\n---\n???\n* hi\n```\n\n---\n\n# B\n");
        assert_eq!(p.tool, Some(Tool::Remark));
        assert!(p.text.contains("```\n---\n???\n  hi\n```"), "{}", p.text);
        assert!(p.notes.is_empty());
    }
}
