//! remark: slide properties and `.name[` macro blocks.

pub(super) const PROPERTIES: &[&str] = &[
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

/// `.left-column[` opening a remark macro block.
pub(super) fn macro_open(t: &str) -> bool {
    t.strip_prefix('.')
        .and_then(|s| s.strip_suffix('['))
        .is_some_and(|n| {
            !n.is_empty()
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}
