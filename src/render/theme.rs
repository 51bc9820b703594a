//! Themes: the built-in ones embedded at compile time, plus a project's
//! own `themes/NAME.css`, which adds a theme or overrides a built-in one.

use crate::Error;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// Where a theme's CSS came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    /// A project file; `overrides` is true when it replaces a built-in.
    Project {
        path: PathBuf,
        overrides: bool,
    },
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    pub css: String,
    pub origin: Origin,
}

/// Every theme one build can use, keyed by name. Prepared once per build.
#[derive(Debug, Clone)]
pub struct Themes {
    themes: BTreeMap<String, Theme>,
}

impl Default for Themes {
    fn default() -> Self {
        Themes::builtin()
    }
}

impl Themes {
    /// Only the built-in themes.
    pub fn builtin() -> Self {
        let themes = BUILTIN
            .iter()
            .map(|(n, css)| {
                (
                    n.to_string(),
                    Theme {
                        name: n.to_string(),
                        css: css.to_string(),
                        origin: Origin::Builtin,
                    },
                )
            })
            .collect();
        Themes { themes }
    }

    /// Built-ins plus the `*.css` files of every `themes/` folder in
    /// `dirs`; later folders win over earlier ones and over built-ins.
    pub fn load(dirs: &[PathBuf]) -> Result<Self, Error> {
        let mut set = Themes::builtin();
        for dir in dirs {
            let Ok(rd) = std::fs::read_dir(dir) else {
                continue;
            };
            let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            for path in files {
                if !path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("css"))
                {
                    continue;
                }
                let Some(name) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                    continue;
                };
                if name.starts_with('.') || std::fs::metadata(&path).is_err() {
                    continue;
                }
                // As for images: a symlink out of the themes folder is never read.
                if !crate::source::resolves_inside(&path, dir) {
                    return Err(Error::Input {
                        path,
                        message: "links to a file outside the themes folder; not read".into(),
                    });
                }
                let bytes = crate::source::read_regular(&path, crate::source::MAX_THEME_BYTES)
                    .map_err(|e| Error::io(&path, e))?;
                let css = String::from_utf8(bytes).map_err(|_| Error::Input {
                    path: path.clone(),
                    message: "a theme must be UTF-8 text".into(),
                })?;
                // Inlined in a <style> element: it must not be able to end it.
                if css.to_ascii_lowercase().contains("</style") {
                    return Err(Error::Input {
                        path,
                        message: "a theme must not contain '</style'".into(),
                    });
                }
                // A byte-identical copy (notedeck's own source tree) is
                // still the built-in.
                if builtin(&name) == Some(css.as_str()) {
                    continue;
                }
                let overrides = builtin(&name).is_some();
                set.themes.insert(
                    name.clone(),
                    Theme {
                        name,
                        css,
                        origin: Origin::Project { path, overrides },
                    },
                );
            }
        }
        Ok(set)
    }

    /// The `themes/` folders a project's inputs can use, lowest priority
    /// first: the current folder's, then the ones next to each input
    /// (beside a notes file, inside and beside an input folder).
    pub fn project_dirs(inputs: &[PathBuf]) -> Vec<PathBuf> {
        let mut dirs = vec![PathBuf::from("themes")];
        for input in inputs {
            let candidates: Vec<PathBuf> = if input.is_dir() {
                let parent = input.parent().unwrap_or(Path::new("")).to_path_buf();
                vec![parent.join("themes"), input.join("themes")]
            } else {
                vec![input.parent().unwrap_or(Path::new("")).join("themes")]
            };
            for c in candidates {
                let same = dirs.iter().any(|d| same_dir(d, &c));
                if !same {
                    dirs.push(c);
                }
            }
        }
        dirs
    }

    /// The theme called `name`, or an error listing the available ones.
    pub fn get(&self, name: &str) -> Result<&Theme, Error> {
        self.themes
            .get(name)
            .ok_or_else(|| Error::Usage(self.unknown(name)))
    }

    /// `unknown theme 'x' (available: dark, high-contrast, light)`.
    pub fn unknown(&self, name: &str) -> String {
        format!(
            "unknown theme '{name}' (available: {})",
            self.names().join(", ")
        )
    }

    pub fn names(&self) -> Vec<&str> {
        self.themes.keys().map(String::as_str).collect()
    }

    /// Every theme, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = &Theme> {
        self.themes.values()
    }
}

fn same_dir(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// `--nd-NAME: #rrggbb` (or `#rgb`) declarations of a theme, in order.
pub fn colors(css: &str) -> Vec<(String, [u8; 3])> {
    let mut out = Vec::new();
    for decl in css.split([';', '{', '}']) {
        let Some((name, value)) = decl.split_once(':') else {
            continue;
        };
        let name = name.trim();
        if !name.starts_with("--nd-") {
            continue;
        }
        if let Some(rgb) = parse_hex(value.trim()) {
            out.push((name.to_string(), rgb));
        }
    }
    out
}

fn parse_hex(v: &str) -> Option<[u8; 3]> {
    let hex = v.strip_prefix('#')?;
    let digits: Vec<u8> = hex
        .chars()
        .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
        .collect::<Option<_>>()?;
    match digits.as_slice() {
        [r, g, b] => Some([r * 17, g * 17, b * 17]),
        [r1, r2, g1, g2, b1, b2] => Some([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2]),
        _ => None,
    }
}

/// WCAG 2 contrast ratio between two sRGB colours (1.0 to 21.0).
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    fn lum(c: [u8; 3]) -> f64 {
        let ch = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2])
    }
    let (la, lb) = (lum(a), lum(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Foreground variables that must reach 4.5:1 against a background.
    fn pairs(vars: &[(String, [u8; 3])]) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (name, _) in vars {
            let n = name.as_str();
            if ["--nd-fg", "--nd-heading", "--nd-link", "--nd-muted"].contains(&n) {
                out.push((n.to_string(), "--nd-bg".to_string()));
            } else if n.starts_with("--nd-hl-") {
                out.push((n.to_string(), "--nd-code-bg".to_string()));
            }
        }
        out
    }

    #[test]
    fn contrast_math_matches_known_values() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast([255, 255, 255], [255, 255, 255]) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic just-passing AA grey.
        let grey = contrast([0x76, 0x76, 0x76], [255, 255, 255]);
        assert!(grey > 4.5 && grey < 4.6, "{grey}");
        assert_eq!(
            colors(":root{--nd-bg:#fff;--nd-fg: #1F2328;--nd-size: 3px}"),
            [
                ("--nd-bg".to_string(), [255, 255, 255]),
                ("--nd-fg".to_string(), [0x1f, 0x23, 0x28])
            ]
        );
    }

    #[test]
    fn every_builtin_theme_passes_wcag_aa() {
        for (name, css) in BUILTIN {
            let vars = colors(css);
            let get = |v: &str| vars.iter().find(|(n, _)| n == v).map(|(_, c)| *c);
            assert!(get("--nd-bg").is_some(), "{name} defines no --nd-bg");
            assert!(get("--nd-fg").is_some(), "{name} defines no --nd-fg");
            let pairs = pairs(&vars);
            for (fg, bg) in pairs {
                let (Some(f), Some(b)) = (get(&fg), get(&bg)) else {
                    panic!("{name}: {fg} is set but {bg} is not");
                };
                let ratio = contrast(f, b);
                assert!(
                    ratio >= 4.5,
                    "theme {name}: {fg} on {bg} is {ratio:.2}:1, below 4.5:1"
                );
            }
        }
    }

    #[test]
    fn project_theme_adds_and_overrides() {
        let dir = tempfile::tempdir().expect("tempdir");
        let themes = dir.path().join("themes");
        std::fs::create_dir_all(&themes).expect("mkdir");
        std::fs::write(themes.join("corp.css"), ":root{--nd-bg:#fff}").expect("write");
        std::fs::write(themes.join("dark.css"), ":root{--nd-bg:#111}").expect("write");
        std::fs::write(themes.join("notes.txt"), "not a theme").expect("write");
        let light = builtin("light").expect("light");
        std::fs::write(themes.join("light.css"), light).expect("write");
        let set = Themes::load(std::slice::from_ref(&themes)).expect("load");
        assert_eq!(set.names(), ["corp", "dark", "high-contrast", "light"]);
        let dark = set.get("dark").expect("dark");
        assert_eq!(dark.css, ":root{--nd-bg:#111}");
        assert_eq!(
            dark.origin,
            Origin::Project {
                path: themes.join("dark.css"),
                overrides: true
            }
        );
        assert_eq!(set.get("light").expect("light").origin, Origin::Builtin);
        let evil = dir.path().join("evil");
        std::fs::create_dir_all(&evil).expect("mkdir");
        std::fs::write(evil.join("x.css"), "a{}</STYLE><script>alert(1)</script>").expect("write");
        let err = Themes::load(std::slice::from_ref(&evil))
            .expect_err("refused")
            .to_string();
        assert!(
            err.starts_with(&evil.join("x.css").display().to_string()),
            "{err}"
        );
        let err = set.get("nope").expect_err("unknown").to_string();
        assert_eq!(
            err,
            "unknown theme 'nope' (available: corp, dark, high-contrast, light)"
        );
    }
}
