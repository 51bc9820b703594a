//! `$…$` and `$$…$$` → MathML at build time (pulldown-latex); browsers
//! render MathML natively, so no KaTeX bundle ships in the deck.

use pulldown_latex::config::DisplayMode;
use pulldown_latex::event::{Content, Event, Grouping};
use pulldown_latex::{push_mathml, Parser, RenderConfig, Storage};

/// MathML for a LaTeX formula, or the parse error message.
pub fn to_mathml(tex: &str, display: bool) -> Result<String, String> {
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
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        annotation: Some(tex),
        ..RenderConfig::default()
    };
    let mut out = String::new();
    push_mathml(&mut out, group_function_bases(events).into_iter(), config)
        .map_err(|e| e.to_string())?;
    Ok(out)
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
    fn limits_of_a_function_name_have_one_base() {
        let m = to_mathml(r"\lim_{x \to 0} f", true).unwrap_or_default();
        assert!(
            m.contains("<munder><mrow><mi>lim</mi></mrow><mrow><mi>x</mi>"),
            "{m}"
        );
    }
}
