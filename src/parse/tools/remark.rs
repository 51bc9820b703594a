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

/// `layout: true`, `name: intro`, `class: center, middle`: a line that sets
/// a slide property, its value as remark takes it (`layout: the hardest
/// part of CSS, says…` is prose).
pub(super) fn property(key: &str, line: &str) -> bool {
    if !PROPERTIES.contains(&key) {
        return false;
    }
    let v = line[key.len() + 1..].trim();
    let token = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    };
    match key {
        "layout" | "count" | "exclude" => v == "true" || v == "false",
        "name" | "template" => token(v),
        "class" => v.split([',', ' ']).filter(|w| !w.is_empty()).all(token),
        _ => !v.contains(". ") && v.chars().count() <= 200,
    }
}

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
