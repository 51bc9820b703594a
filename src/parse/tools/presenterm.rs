//! presenterm: its `<!-- command -->` comments.

pub(super) const COMMANDS: &[&str] = &[
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

/// `[3, 2]`: the columns' relative widths.
pub(super) fn column_layout(v: &str) -> Option<Vec<f64>> {
    let inner = v.trim().strip_prefix('[')?.strip_suffix(']')?;
    let w: Vec<f64> = inner
        .split(',')
        .map(|x| {
            x.trim()
                .parse::<f64>()
                .ok()
                .filter(|n| *n > 0.0 && n.is_finite())
        })
        .collect::<Option<_>>()?;
    (!w.is_empty()).then_some(w)
}
