//! Built-in themes, embedded at compile time.

pub const BUILTIN: &[(&str, &str)] = &[
    ("light", include_str!("../../themes/light.css")),
    ("dark", include_str!("../../themes/dark.css")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.css"),
    ),
];

pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, css)| *css)
}

pub fn names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(n, _)| *n).collect()
}
