//! The one HTML escaper for text and double-quoted attribute values
//! (`&`, `<`, `>`, `"`), by html-escape; `escape_text` for element
//! content only. Templates escape through askama.

use std::borrow::Cow;

pub fn escape(text: &str) -> Cow<'_, str> {
    html_escape::encode_double_quoted_attribute(text)
}

pub fn escape_into(out: &mut String, text: &str) {
    html_escape::encode_double_quoted_attribute_to_string(text, out);
}

/// For element content only (`&`, `<`, `>`): quotes stay as they are,
/// as the sanitizer writes them (code blocks keep the same bytes with or
/// without it).
pub fn escape_text(text: &str) -> Cow<'_, str> {
    html_escape::encode_text(text)
}

pub fn escape_text_into(out: &mut String, text: &str) {
    html_escape::encode_text_to_string(text, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attribute_values() {
        assert_eq!(
            escape(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;'&lt;/a&gt;"
        );
        let mut s = String::from("x");
        escape_into(&mut s, "\"");
        assert_eq!(s, "x&quot;");
    }
}
