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
