//! The sizes layout measures with and the runtime stylesheet draws with,
//! written once: `render` fills each `@NAME@` in `assets/runtime.css` and
//! `assets/rich.css` from [`CSS`], so the two cannot drift apart. The
//! spacing scale is the theme's (`--nd-gap-*`, see [`SPACING`]): the
//! layout reads it from the theme a deck uses.

/// Heading line height, em (`.slide-heading`).
pub const HEADING_LH: f64 = 1.15;
/// Breadcrumb label above a slide title (`.crumbs`): font (em of the
/// heading) and gap below it (em of the label).
pub const CRUMB_SCALE: f64 = 0.45;
pub const CRUMB_GAP: f64 = 0.2;
/// `.slide ul { padding-left }`, em.
pub const LIST_PAD: f64 = 1.2;
/// Nested lists are drawn at `NESTED_SCALE` at every depth (not smaller
/// again at each level), `NESTED_GAP` below their item's text.
pub const NESTED_SCALE: f64 = 0.875;
pub const NESTED_GAP: f64 = 0.1;
/// A `.smaller` slide's body (Quarto): the same one step down the scale;
/// its code the same step below `PRE_SCALE`.
pub const SMALLER_SCALE: f64 = NESTED_SCALE;
pub const SMALLER_CODE_SCALE: f64 = PRE_SCALE * SMALLER_SCALE;
/// Between blocks inside an item or a quote.
pub const INNER_GAP: f64 = 0.3;
/// `.slide pre`: font (`--nd-code-scale` × body, at least `--nd-code-min`
/// px), line height, padding (em of the pre).
pub const PRE_SCALE: f64 = 0.85;
pub const PRE_MIN_PX: f64 = 20.0;
pub const PRE_LH: f64 = 1.35;
pub const PRE_PAD_Y: f64 = 0.6;
pub const PRE_PAD_X: f64 = 0.8;
/// `.slide table`: font scale, cell padding (em); a dense table's scale,
/// never under the code minimum.
pub const TABLE_SCALE: f64 = 0.875;
pub const DENSE_TABLE_SCALE: f64 = 0.65;
pub const CELL_PAD_Y: f64 = 0.2;
pub const CELL_PAD_X: f64 = 0.5;
/// `.slide blockquote`: border (px) and padding-left (em).
pub const QUOTE_BORDER: f64 = 6.0;
pub const QUOTE_PAD: f64 = 0.8;
/// Every image is at most this share of the slide's height.
pub const IMAGE_MAX_SHARE: f64 = 0.66;

/// The spacing scale, em of the text it sits in: each theme sets every
/// `--nd-gap-*` property (the runtime draws with `var()`), and the
/// layout measures with the values of the deck's theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spacing {
    /// Below a slide title (`.slide-heading` margin).
    pub title: f64,
    /// Between top-level blocks of a body.
    pub block: f64,
    /// Between list items.
    pub item: f64,
    /// Below a lead-in paragraph, above the list or table it introduces.
    pub lead: f64,
}

/// Where a spacing property lands in [`Spacing`].
pub type SpacingField = fn(&mut Spacing) -> &mut f64;

/// Each spacing property, and the field of [`Spacing`] it sets.
pub const SPACING: &[(&str, SpacingField)] = &[
    ("--nd-gap-title", |s| &mut s.title),
    ("--nd-gap-block", |s| &mut s.block),
    ("--nd-gap-item", |s| &mut s.item),
    ("--nd-gap-lead", |s| &mut s.lead),
];

/// Each `@NAME@` of the runtime stylesheet and its value.
pub const CSS: &[(&str, f64)] = &[
    ("HEADING_LH", HEADING_LH),
    ("CRUMB_SCALE", CRUMB_SCALE),
    ("CRUMB_GAP", CRUMB_GAP),
    ("LIST_PAD", LIST_PAD),
    ("NESTED_SCALE", NESTED_SCALE),
    ("NESTED_GAP", NESTED_GAP),
    ("SMALLER_SCALE", SMALLER_SCALE),
    ("SMALLER_CODE_SCALE", SMALLER_CODE_SCALE),
    ("INNER_GAP", INNER_GAP),
    ("PRE_SCALE", PRE_SCALE),
    ("PRE_MIN_PX", PRE_MIN_PX),
    ("PRE_LH", PRE_LH),
    ("PRE_PAD_Y", PRE_PAD_Y),
    ("PRE_PAD_X", PRE_PAD_X),
    ("TABLE_SCALE", TABLE_SCALE),
    ("DENSE_TABLE_SCALE", DENSE_TABLE_SCALE),
    ("CELL_PAD_Y", CELL_PAD_Y),
    ("CELL_PAD_X", CELL_PAD_X),
    ("QUOTE_BORDER", QUOTE_BORDER),
    ("QUOTE_PAD", QUOTE_PAD),
    ("IMAGE_MAX_SHARE", IMAGE_MAX_SHARE),
];

/// `template` with every `@NAME@` of [`CSS`] replaced by its value, written
/// as CSS is (`.45`, `1.2`, `6`).
pub fn fill_css(template: &str) -> String {
    let mut out = template.to_string();
    for (name, value) in CSS {
        let shown = value.to_string();
        let shown = shown
            .strip_prefix('0')
            .filter(|s| s.starts_with('.'))
            .unwrap_or(&shown);
        out = out.replace(&format!("@{name}@"), shown);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_css_way() {
        assert_eq!(
            fill_css("@CRUMB_SCALE@em @LIST_PAD@em @QUOTE_BORDER@px"),
            ".45em 1.2em 6px"
        );
    }
}
