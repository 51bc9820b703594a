//! Quarto and Pandoc slides: the `format:` that makes a deck, the slide
//! level, fenced divs and `{…}` attributes, code-cell options.

use super::{is_atx_heading, is_fence};
use crate::deck::Columns;

/// Output formats that are slide decks.
const SLIDE_FORMATS: &[&str] = &[
    "revealjs", "pptx", "beamer", "slidy", "s5", "dzslides", "slideous",
];

/// Div classes read as slide markup: evidence of a Pandoc deck.
pub(super) const DIV_CLASSES: &[&str] = &[
    "notes",
    "columns",
    "column",
    "incremental",
    "nonincremental",
    "r-fit-text",
    "smaller",
    "r-stack",
];

fn slide_format(v: &str) -> bool {
    v.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| SLIDE_FORMATS.contains(&w))
}

/// Front matter `format:`: `Some(true)` a slide format (as a value or a
/// key of the map under it), `Some(false)` only others, `None` none.
pub(super) fn format_is_slides(fm: &[&str]) -> Option<bool> {
    let at = fm.iter().position(|l| l.starts_with("format:"))?;
    let v = fm[at]["format:".len()..].trim();
    if !v.is_empty() {
        return Some(slide_format(v));
    }
    let children = fm[at + 1..]
        .iter()
        .take_while(|l| l.starts_with([' ', '\t']) || l.trim().is_empty());
    let mut any = false;
    for l in children {
        if let Some((k, _)) = l.trim().split_once(':') {
            any = true;
            if slide_format(k) {
                return Some(true);
            }
        }
    }
    any.then_some(false)
}

/// `slide-level: N` anywhere in the front matter (also under `format:`).
pub(super) fn explicit_level(fm: &[&str]) -> Option<u8> {
    fm.iter().find_map(|l| {
        let v = l.trim().strip_prefix("slide-level:")?;
        v.trim().parse::<u8>().ok().filter(|n| (1..=6).contains(n))
    })
}

pub(super) fn heading_level(t: &str) -> Option<u8> {
    is_atx_heading(t).then(|| t.trim_start().chars().take_while(|c| *c == '#').count() as u8)
}

/// Pandoc's default: the highest heading level followed directly by
/// content (not another heading or a break) somewhere in the deck.
pub(super) fn inferred_level(lines: &[String], start: usize) -> u8 {
    let mut best: Option<u8> = None;
    for (i, l) in super::outside_fences(lines, start) {
        let Some(level) = heading_level(l) else {
            continue;
        };
        let next = lines[i + 1..]
            .iter()
            .map(|x| x.trim())
            .find(|x| !x.is_empty());
        let content = next.is_some_and(|x| heading_level(x).is_none() && x != "---");
        if content {
            best = Some(best.map_or(level, |b| b.min(level)));
        }
    }
    best.unwrap_or(1)
}

/// Attributes in `{#id .class key="value"}`; a bare word (`::: notes`)
/// is a class.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Attrs {
    pub classes: Vec<String>,
    pub pairs: Vec<(String, String)>,
}

pub(super) fn attrs(inner: &str) -> Attrs {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    for c in inner.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c.is_whitespace() => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
            }
            None => cur.push(c),
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    let mut a = Attrs::default();
    for w in words {
        if let Some(c) = w.strip_prefix('.') {
            a.classes.push(c.to_string());
        } else if let Some((k, v)) = w.split_once('=') {
            a.pairs.push((k.to_string(), v.to_string()));
        } else if !w.starts_with('#') {
            a.classes.push(w);
        }
    }
    a
}

/// A `.column`'s `width="40%"` (a share of the slide, in percent).
pub(super) fn width(a: &Attrs) -> Option<f64> {
    let v = a.pairs.iter().find(|(k, _)| k == "width")?.1.trim();
    let n = v.strip_suffix('%')?.trim().parse::<f64>().ok()?;
    (n > 0.0 && n <= 100.0).then_some(n)
}

/// The `.column` divs of one `.columns` div as notedeck's two columns:
/// the second and later ones go right, as wide as they are together. A
/// column without a width gets an equal part of what the others leave.
pub(super) fn columns(cols: &[(u32, Option<f64>)]) -> Option<Columns> {
    let right = cols.get(1)?.0;
    let known: f64 = cols.iter().filter_map(|c| c.1).sum();
    let unknown = cols.iter().filter(|c| c.1.is_none()).count();
    let fill = if unknown == 0 {
        0.0
    } else if known < 100.0 {
        (100.0 - known) / unknown as f64
    } else {
        known / (cols.len() - unknown) as f64
    };
    let w: Vec<f64> = cols.iter().map(|c| c.1.unwrap_or(fill)).collect();
    Some(Columns::weighted(right, w[0], w[1..].iter().sum()))
}

/// Quarto's revealjs options `smaller: true` and `center: true` (under
/// `format:` or at the top of the front matter).
pub(super) fn deck_options(fm: &[&str]) -> (bool, bool) {
    let set = |key: &str| {
        fm.iter().any(|l| {
            l.trim()
                .strip_prefix(key)
                .and_then(|v| v.strip_prefix(':'))
                .is_some_and(|v| v.trim() == "true")
        })
    };
    (set("smaller"), set("center"))
}

/// `## Title {…}`: where the braces start and what is in them.
pub(super) fn heading_attrs(line: &str) -> Option<(usize, Attrs)> {
    let t = line.trim_end();
    let body = t.strip_suffix('}')?;
    let open = body.rfind('{')?;
    (open > 0 && body[..open].ends_with([' ', '\t']) && !body[open..].contains('}'))
        .then(|| (open, attrs(&body[open + 1..])))
}

/// A colon fence line: `Some(None)` closes a div, `Some(Some(attrs))`
/// opens one.
pub(super) fn div_fence(t: &str) -> Option<Option<Attrs>> {
    let t = t.trim();
    let colons = t.chars().take_while(|c| *c == ':').count();
    if colons < 3 {
        return None;
    }
    let rest = t[colons..].trim_end_matches(':').trim();
    if rest.is_empty() {
        return Some(None);
    }
    let inner = rest
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .unwrap_or(rest);
    Some(Some(attrs(inner)))
}

/// `[text]{.class}` spans lose their braces and brackets, and `{…}`
/// right after an image or link goes; returns the count taken off. Only
/// braces that hold attributes (`.class`, `#id`, `key=value`) count.
pub(super) fn inline_attrs(line: &str) -> (String, usize) {
    if line.contains('`') || !line.contains('{') || !line.contains("]{") && !line.contains("){") {
        return (line.to_string(), 0);
    }
    let mut out = line.to_string();
    let mut n = 0;
    let mut from = 0;
    while let Some(at) = out[from..].find(['}', '{']).map(|x| x + from) {
        from = at + 1;
        let after_bracket = out[..at].ends_with([']', ')']);
        if out.as_bytes()[at] != b'{' || !after_bracket {
            continue;
        }
        let Some(len) = out[at..].find('}') else {
            break;
        };
        let inner = &out[at + 1..at + len];
        if !(inner.starts_with(['.', '#']) || inner.contains('=')) {
            continue;
        }
        out.replace_range(at..=at + len, "");
        let bracket = at - 1;
        if out.as_bytes()[bracket] == b']' {
            // A span, not a link: its `[` goes with the `]`.
            if let Some(open) = out[..bracket]
                .rfind('[')
                .filter(|o| !out[..*o].ends_with('!'))
            {
                out.replace_range(bracket..=bracket, "");
                out.replace_range(open..=open, "");
            }
        }
        from = 0;
        n += 1;
    }
    (out, n)
}

/// Quarto code cells (```` ```{python} ````): the fence loses its braces
/// and options, and the `#|` option lines at the top of the cell go
/// (as many blank lines after the fence keep every later line number).
pub(super) fn code_cells(out: &mut Vec<String>, start: usize) {
    let mut i = start;
    while i < out.len() {
        let Some((c, n)) = is_fence(&out[i]) else {
            i += 1;
            continue;
        };
        let lead = out[i].len() - out[i].trim_start_matches(' ').len();
        let info = out[i][lead + n..].trim().to_string();
        if let Some(inner) = info.strip_prefix('{').and_then(|x| x.strip_suffix('}')) {
            let lang: String = inner
                .chars()
                .take_while(|x| x.is_alphanumeric() || *x == '-' || *x == '_')
                .collect();
            out[i] = format!("{}{}{}", " ".repeat(lead), c.to_string().repeat(n), lang);
        }
        let close = (i + 1..out.len())
            .find(|&j| is_fence(&out[j]).is_some_and(|(c2, n2)| c2 == c && n2 >= n));
        let Some(close) = close else {
            return;
        };
        let options = out[i + 1..close]
            .iter()
            .take_while(|l| {
                let t = l.trim_start();
                t.starts_with("#|") || t.starts_with("//|") || t.starts_with("--|")
            })
            .count();
        if options > 0 {
            out.drain(i + 1..i + 1 + options);
            let after = close - options + 1;
            for _ in 0..options {
                out.insert(after, String::new());
            }
        }
        i = close + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_and_divs() {
        let (at, a) =
            heading_attrs("## Big {background-color=\"#888\" .center #x}").expect("attrs");
        assert_eq!(at, 7);
        assert_eq!(a.classes, ["center"]);
        assert_eq!(a.pairs, [("background-color".into(), "#888".into())]);
        assert!(heading_attrs("## Set {a, b}x").is_none());
        assert_eq!(div_fence(":::"), Some(None));
        let col = div_fence(":::: {.column width=\"40%\"}")
            .flatten()
            .expect("open");
        assert_eq!(col.classes, ["column"]);
        assert_eq!(
            div_fence("::: notes").flatten().expect("open").classes,
            ["notes"]
        );
        assert_eq!(div_fence(":: x"), None);
    }

    #[test]
    fn spans_and_cells() {
        assert_eq!(
            inline_attrs("a [red]{.alert} and ![i](x.png){width=50%}"),
            ("a red and ![i](x.png)".to_string(), 2)
        );
        assert_eq!(
            inline_attrs("f(x){y} [a]{b}"),
            ("f(x){y} [a]{b}".to_string(), 0)
        );
        let mut lines: Vec<String> =
            "```{python}\n#| echo: true\n#| label: x\nprint(1)\n```\nafter"
                .split('\n')
                .map(String::from)
                .collect();
        code_cells(&mut lines, 0);
        assert_eq!(lines, ["```python", "print(1)", "```", "", "", "after"]);
    }

    #[test]
    fn slide_level() {
        let l = |t: &str| inferred_level(&t.split('\n').map(String::from).collect::<Vec<_>>(), 0);
        assert_eq!(l("# S\n\n## A\n\nx\n\n## B\n\ny"), 2);
        assert_eq!(l("# A\n\nx\n\n## B\n\ny"), 1);
        assert_eq!(
            format_is_slides(&["title: x", "format:", "  revealjs:", "    theme: dark"]),
            Some(true)
        );
        assert_eq!(format_is_slides(&["format: html"]), Some(false));
        assert_eq!(format_is_slides(&["format: revealjs"]), Some(true));
    }
}
