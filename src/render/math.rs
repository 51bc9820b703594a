//! `$…$` and `$$…$$` → MathML at build time (pulldown-latex); browsers
//! render MathML natively, so no KaTeX bundle ships in the deck.

use pulldown_latex::config::DisplayMode;
use pulldown_latex::event::{Content, Event, Grouping};
use pulldown_latex::{push_mathml, Parser, RenderConfig, Storage};

/// Groups (`{`, `[`, `\left`, `\begin`) nested deeper than this are not
/// handed to pulldown-latex: it rescans a group's content at each level,
/// so 40,000 nested `\sqrt{` took 28 s. Real formulas stay under ten.
pub const MAX_MATH_NEST: usize = 64;

/// MathML for a LaTeX formula, or the parse error message.
pub fn to_mathml(tex: &str, display: bool) -> Result<String, String> {
    if nesting(tex) > MAX_MATH_NEST {
        return Err(format!(
            "groups nested deeper than {MAX_MATH_NEST} levels; shown as source"
        ));
    }
    let storage = Storage::new();
    let events: Vec<_> = Parser::new(tex, &storage).collect();
    if let Some(Err(e)) = events.iter().find(|e| e.is_err()) {
        // The first line of the message names the problem; the rest is a
        // source excerpt we already show on the slide.
        let msg = e.to_string();
        let first = msg
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("invalid math");
        return Err(first.trim().to_string());
    }
    // pulldown-latex writes the annotation as is: escaped here, or a
    // `<img>` in `\text{…}` would become an element of the page.
    let annotation = html_escape::encode_text(tex);
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        annotation: Some(&annotation),
        ..RenderConfig::default()
    };
    let mut out = String::new();
    push_mathml(&mut out, group_function_bases(events).into_iter(), config)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// The deepest group nesting in `tex`, counted in one pass. Escaped
/// braces (`\{`) are text, a `[` only opens a group right after a command
/// (`\sqrt[3]`; `[0, 1)` is text), a stray closer never goes below zero.
fn nesting(tex: &str) -> usize {
    let (mut depth, mut max, mut brackets) = (0usize, 0usize, 0usize);
    let mut after_command = false;
    let bytes = tex.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let was_after_command = std::mem::take(&mut after_command);
        match bytes[i] {
            b'\\' => {
                let rest = &tex[i + 1..];
                let word = rest
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .unwrap_or(rest.len());
                match &rest[..word] {
                    "left" | "begin" => depth += 1,
                    "right" | "end" => depth = depth.saturating_sub(1),
                    _ => {}
                }
                after_command = word > 0;
                // A control symbol (`\{`) is one character long.
                i += 1 + word.max(rest.chars().next().map_or(0, char::len_utf8));
                max = max.max(depth);
                continue;
            }
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'[' if was_after_command => {
                depth += 1;
                brackets += 1;
            }
            b']' if brackets > 0 => {
                depth = depth.saturating_sub(1);
                brackets -= 1;
            }
            _ => {}
        }
        max = max.max(depth);
        i += 1;
    }
    max
}

/// `\lim_{x}`: the writer spaces a function name with `<mspace>`s that
/// then count as the base of `<munder>` (limits off centre, too many
/// children). A group around the name makes it one base.
fn group_function_bases<E>(events: Vec<Result<Event<'_>, E>>) -> Vec<Result<Event<'_>, E>> {
    let mut out = Vec::with_capacity(events.len());
    let mut after_script = false;
    for e in events {
        let is_fn = matches!(e, Ok(Event::Content(Content::Function(_))));
        if after_script && is_fn {
            out.push(Ok(Event::Begin(Grouping::Normal)));
            out.push(e);
            out.push(Ok(Event::End));
        } else {
            after_script = matches!(e, Ok(Event::Script { .. }));
            out.push(e);
            continue;
        }
        after_script = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_rejects() {
        let m = to_mathml("x^2", false).unwrap_or_default();
        assert!(m.starts_with("<math"), "{m}");
        assert!(m.contains("<msup>"), "{m}");
        assert!(to_mathml(r"\frac{1}{", false).is_err());
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!("{}x{}", r"\sqrt{".repeat(65), "}".repeat(65));
        assert_eq!(nesting(&deep), 65);
        assert!(to_mathml(&deep, false).is_err_and(|e| e.contains("nested deeper")));
        let ok = format!("{}x{}", r"\sqrt{".repeat(64), "}".repeat(64));
        assert!(to_mathml(&ok, false).is_ok());
        assert_eq!(
            nesting(r"\left( \{a\} \right) [0, 1) [[a]] \begin{matrix}a\end{matrix}"),
            2
        );
        assert_eq!(nesting(&r"\sqrt[".repeat(70)), 70);
        assert_eq!(nesting(r"}}}{"), 1);
    }

    #[test]
    fn limits_of_a_function_name_have_one_base() {
        let m = to_mathml(r"\lim_{x \to 0} f", true).unwrap_or_default();
        assert!(
            m.contains("<munder><mrow><mi>lim</mi></mrow><mrow><mi>x</mi>"),
            "{m}"
        );
    }
}
