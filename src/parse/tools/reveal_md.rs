//! reveal-md: backgrounds in `<!-- .slide: data-background… -->`.

use super::looks::{css_color, image_background};
use crate::deck::Background;

/// `data-background="#f00"`, `data-background-color=…`,
/// `data-background-image=…` in a reveal `.slide:` comment.
pub(super) fn background(attrs: &str, line: u32) -> Option<Background> {
    let mut bg = Background {
        line,
        ..Background::default()
    };
    let mut rest = attrs;
    while let Some(at) = rest.find("data-background") {
        let after = &rest[at + "data-background".len()..];
        let (name, value_part) = after.split_once('=')?;
        let quote = value_part
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'');
        let (value, used) = match quote {
            Some(q) => {
                let v = value_part[1..].split(q).next().unwrap_or("");
                (v, v.len() + 2)
            }
            None => {
                let v = value_part.split_whitespace().next().unwrap_or("");
                (
                    v,
                    value_part.len() - value_part.trim_start().len() + v.len(),
                )
            }
        };
        match name.trim() {
            "" => {
                let b = image_background(value, line)?;
                bg.color = b.color.or(bg.color);
                bg.image = b.image.or(bg.image);
            }
            "-color" => bg.color = css_color(value),
            "-image" => bg.image = Some(value.to_string()).filter(|v| !v.is_empty()),
            _ => {}
        }
        rest = value_part.get(used..).unwrap_or("");
    }
    (bg.color.is_some() || bg.image.is_some()).then_some(bg)
}
