//! Build-time code highlighting with syntect. Tokens get one of six
//! classes (`hl-keyword`, `hl-string`, `hl-comment`, `hl-number`,
//! `hl-function`, `hl-type`) so themes colour them with CSS variables; no
//! inline colours, no client-side highlighter.

use syntect::easy::ScopeRangeIterator;
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::escape::escape_text_into;
use std::sync::OnceLock;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Scope prefixes in priority order (first match on the innermost scope
/// wins), mapped onto the six theme classes.
fn rules() -> &'static [(Scope, &'static str)] {
    static RULES: OnceLock<Vec<(Scope, &'static str)>> = OnceLock::new();
    RULES.get_or_init(|| {
        [
            ("comment", "comment"),
            ("string", "string"),
            ("constant.character", "string"),
            ("constant.numeric", "number"),
            ("constant.language", "keyword"),
            ("entity.name.function", "function"),
            ("support.function", "function"),
            ("variable.function", "function"),
            ("meta.function-call", "function"),
            // Operators and punctuation stay in the text colour.
            ("keyword.operator", ""),
            // Quotes and comment markers take the colour of what they
            // delimit (the next scope out).
            ("punctuation.definition", "outer"),
            ("punctuation", ""),
            ("entity.name.type", "type"),
            ("entity.name.class", "type"),
            ("entity.name.struct", "type"),
            ("entity.name.enum", "type"),
            ("entity.name.trait", "type"),
            ("support.type", "type"),
            ("support.class", "type"),
            ("keyword", "keyword"),
            ("storage", "keyword"),
        ]
        .iter()
        .filter_map(|(s, c)| Scope::new(s).ok().map(|s| (s, *c)))
        .collect()
    })
}

fn class_of(stack: &ScopeStack) -> Option<&'static str> {
    for scope in stack.as_slice().iter().rev() {
        for (prefix, class) in rules() {
            if prefix.is_prefix_of(*scope) {
                if *class == "outer" {
                    break;
                }
                return (!class.is_empty()).then_some(*class);
            }
        }
    }
    None
}

/// The inner HTML of a `<code>` element for `code`, or `None` when the
/// language is unknown (the caller renders it as plain code).
pub fn highlight(lang: &str, code: &str) -> Option<String> {
    let lines = highlight_lines(lang, code)?;
    let mut out = lines.join("\n");
    if code.ends_with('\n') {
        out.push('\n');
    }
    Some(out)
}

/// [`highlight`] line by line, without the line ends: each line's spans
/// close at its end (numbered lines are elements of their own); the parse
/// state runs on, so a token over several lines keeps its class.
pub fn highlight_lines(lang: &str, code: &str) -> Option<Vec<String>> {
    let ss = syntaxes();
    let lang = lang.trim();
    if lang.is_empty() {
        return None;
    }
    let syntax = ss
        .find_syntax_by_token(lang)
        .or_else(|| ss.find_syntax_by_token(&lang.to_ascii_lowercase()))?;
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut lines = Vec::new();
    for line in LinesWithEndings::from(code) {
        let ops = state.parse_line(line, ss).ok()?;
        let mut out = String::with_capacity(line.len() * 2);
        let mut open: Option<&'static str> = None;
        for (range, op) in ScopeRangeIterator::new(&ops, line) {
            stack.apply(op).ok()?;
            let Some(text) = line.get(range) else {
                continue;
            };
            let text = text.trim_end_matches(['\n', '\r']);
            if text.is_empty() {
                continue;
            }
            let class = if text.trim().is_empty() {
                None
            } else {
                class_of(&stack)
            };
            if class != open {
                if open.is_some() {
                    out.push_str("</span>");
                }
                if let Some(c) = class {
                    out.push_str("<span class=\"hl-");
                    out.push_str(c);
                    out.push_str("\">");
                }
                open = class;
            }
            escape_text_into(&mut out, text);
        }
        if open.is_some() {
            out.push_str("</span>");
        }
        lines.push(out);
    }
    Some(lines)
}

/// For each line of `code`, whether a comment or string is still open
/// where it starts (a piece cut there would be highlighted wrongly on its
/// own); `None` when the language is unknown.
pub fn inside_token(lang: &str, code: &str) -> Option<Vec<bool>> {
    let ss = syntaxes();
    let syntax = ss
        .find_syntax_by_token(lang.trim())
        .or_else(|| ss.find_syntax_by_token(&lang.trim().to_ascii_lowercase()))?;
    let open = [Scope::new("comment").ok()?, Scope::new("string").ok()?];
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut out = Vec::new();
    for line in LinesWithEndings::from(code) {
        out.push(
            stack
                .as_slice()
                .iter()
                .any(|s| open.iter().any(|o| o.is_prefix_of(*s))),
        );
        for (_, op) in state.parse_line(line, ss).ok()? {
            stack.apply(&op).ok()?;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_over_lines_keeps_its_class_on_each() {
        let lines = highlight_lines("rust", "/* one\ntwo */ fn x() {}\n").unwrap_or_default();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[1].starts_with("<span class=\"hl-comment\">two"),
            "{lines:?}"
        );
        assert!(lines[1].contains("<span class=\"hl-keyword\">fn</span>"));
    }

    #[test]
    fn lines_inside_a_comment_or_string_are_told() {
        let code = "fn a() {\n/* one\ntwo */\nlet s = \"x\ny\";\n}\n";
        assert_eq!(
            inside_token("rust", code),
            Some(vec![false, false, true, false, true, false])
        );
    }

    #[test]
    fn rust_gets_classes() {
        let html =
            highlight("rust", "fn main() { let s = \"hi\"; // c\n 42 }\n").unwrap_or_default();
        assert!(
            html.contains("<span class=\"hl-keyword\">fn</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-function\">main</span>"),
            "{html}"
        );
        assert!(html.contains("hl-string"), "{html}");
        assert!(html.contains("<span class=\"hl-comment\">// c"), "{html}");
        assert!(
            html.contains("<span class=\"hl-number\">42</span>"),
            "{html}"
        );
    }

    #[test]
    fn unknown_language_is_none_and_code_is_escaped() {
        assert!(highlight("klingon", "x").is_none());
        let html = highlight("html", "</code></pre><script>alert(1)</script>").unwrap_or_default();
        assert!(!html.contains("<script"), "{html}");
    }
}
