//! Themes: the built-in ones embedded at compile time, plus a project's
//! own `themes/NAME.css`. A project theme is layered on a built-in (its
//! namesake, else `/* extends: NAME */`, else the configured base, else
//! `light`), so a file of a few custom properties changes only those.

use crate::diag::Diagnostic;
use crate::Error;
use cssparser::{Delimiter, ParseError, Parser, Token};
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

/// The built-ins as pages inline them: minified at compile time
/// (build.rs). [`BUILTIN`] stays the source, for scanning and printing.
const BUILTIN_MIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/themes_min.rs"));

/// The base of a project theme that names none.
pub const DEFAULT_BASE: &str = "light";

/// Custom properties the runtime sets itself; a theme must not.
pub const RUNTIME_PROPERTIES: &[&str] = &["--nd-w", "--nd-h", "--nd-scale", "--nd-fit", "--nd-ar"];

pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, css)| *css)
}

pub fn names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(n, _)| *n).collect()
}

/// The `:root` properties of the built-in theme `name` (none if unknown).
pub fn builtin_properties(name: &str) -> Vec<(String, String)> {
    builtin(name)
        .map(|css| scan(css).root_properties())
        .unwrap_or_default()
}

/// Every `--nd-*` property a complete theme sets: those of `light`.
pub fn required() -> Vec<String> {
    scan(builtin(DEFAULT_BASE).unwrap_or_default())
        .decls
        .into_iter()
        .filter(|d| d.name.starts_with("--nd-"))
        .map(|d| d.name)
        .collect()
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
    /// What pages inline: the base theme's CSS, then the theme's own.
    pub css: String,
    pub origin: Origin,
    /// The built-in it is layered on; `None` for a built-in itself and
    /// for a project theme that says `/* extends: none */`.
    pub base: Option<String>,
    /// `:root` declarations in effect (base first, then overrides), in
    /// the base's order with new names after.
    pub properties: Vec<(String, String)>,
}

impl Theme {
    /// A complete stylesheet of every property, to start a theme from.
    pub fn print(&self) -> String {
        let from = match (&self.origin, &self.base) {
            (Origin::Project { path, .. }, Some(b)) => {
                format!("{b} with {}", path.display())
            }
            (Origin::Project { path, .. }, None) => path.display().to_string(),
            (Origin::Builtin, _) => format!("built-in {}", self.name),
        };
        let mut out = format!(
            "/* notedeck theme: {} (every property; values from {from}). See themes/README.md. */\n",
            self.name
        );
        out.push_str(&format!(
            "/* extends: {} */\n:root {{\n",
            self.base.as_deref().unwrap_or(DEFAULT_BASE)
        ));
        for (name, value) in &self.properties {
            out.push_str(&format!("  {name}: {value};\n"));
        }
        out.push_str("}\n");
        out
    }
}

/// Every theme one build can use, keyed by name. Prepared once per build.
#[derive(Debug, Clone)]
pub struct Themes {
    themes: BTreeMap<String, Theme>,
    /// Findings about project theme files (unset, unknown or misplaced
    /// properties, a base that does not exist).
    pub warnings: Vec<Diagnostic>,
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
                        css: BUILTIN_MIN
                            .iter()
                            .find(|(m, _)| m == n)
                            .map_or(*css, |(_, min)| *min)
                            .to_string(),
                        origin: Origin::Builtin,
                        base: None,
                        properties: scan(css).root_properties(),
                    },
                )
            })
            .collect();
        Themes {
            themes,
            warnings: Vec::new(),
        }
    }

    /// Built-ins plus the `*.css` files of every `themes/` folder in
    /// `dirs`; later folders win over earlier ones and over built-ins.
    /// `base` is the project's default base (`None`: `light`).
    pub fn load(dirs: &[PathBuf], base: Option<&str>) -> Result<Self, Error> {
        Self::load_capped(dirs, base, crate::source::Limits::default().themes)
    }

    /// [`Themes::load`] with the project's theme file cap.
    pub fn load_capped(
        dirs: &[PathBuf],
        base: Option<&str>,
        cap: crate::source::Cap,
    ) -> Result<Self, Error> {
        let mut set = Themes::builtin();
        let default_base = match base {
            Some(b) if builtin(b).is_some() => b,
            _ => DEFAULT_BASE,
        };
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
                let bytes = crate::source::read_beneath(&path, dir, cap)
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
                let theme = layer(&name, &path, &css, default_base, &mut set.warnings);
                set.themes.insert(name, theme);
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

    /// A hash of everything loaded (each theme's CSS, base, origin and
    /// properties, and the findings): what pages depend on, for a cache.
    pub fn fingerprint(&self) -> blake3::Hash {
        let mut h = blake3::Hasher::new();
        let mut field = |s: &str| {
            h.update(&(s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        };
        for t in self.themes.values() {
            field(&t.name);
            field(&t.css);
            field(t.base.as_deref().unwrap_or("\0"));
            match &t.origin {
                Origin::Builtin => field("builtin"),
                Origin::Project { path, overrides } => {
                    field(&path.to_string_lossy());
                    field(if *overrides { "overrides" } else { "adds" });
                }
            }
            for (k, v) in &t.properties {
                field(k);
                field(v);
            }
        }
        for w in &self.warnings {
            field(&w.to_string());
        }
        h.finalize()
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

/// A project theme file layered on its base, with findings about it.
fn layer(
    name: &str,
    path: &Path,
    css: &str,
    default_base: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Theme {
    let own = scan(css);
    let overrides = builtin(name).is_some();
    let mut warn_at = 1;
    let base = match &own.extends {
        Some((b, line)) => {
            warn_at = *line;
            if b == "none" {
                None
            } else if builtin(b).is_some() {
                Some(b.clone())
            } else {
                let fallback = if overrides { name } else { default_base };
                warnings.push(Diagnostic::warning(
                    path,
                    *line,
                    format!(
                        "unknown base theme '{b}' in `extends` (built-in: {}, or none); using {fallback}",
                        names().join(", ")
                    ),
                ));
                Some(fallback.to_string())
            }
        }
        // A file named like a built-in changes that built-in.
        None if overrides => Some(name.to_string()),
        None => Some(default_base.to_string()),
    };
    let required = required();
    for d in &own.decls {
        if !d.name.starts_with("--nd-") {
            continue;
        }
        if RUNTIME_PROPERTIES.contains(&d.name.as_str()) {
            warnings.push(
                Diagnostic::warning(
                    path,
                    d.line,
                    format!("{} is set by the runtime; a theme must not set it", d.name),
                )
                .with_col(d.col),
            );
        } else if d.name.starts_with("--nd-gap-") && !is_em(&d.value) {
            warnings.push(
                Diagnostic::warning(
                    path,
                    d.line,
                    format!(
                        "{} is '{}': spacing is set in em (like .5em) so the layout can measure it",
                        d.name, d.value
                    ),
                )
                .with_col(d.col),
            );
        } else if !required.contains(&d.name) {
            let names: Vec<&str> = required.iter().map(|r| r.as_ref()).collect();
            let hint = crate::diag::closest(&d.name, &names)
                .map(|r| format!(" (did you mean {r}?)"))
                .unwrap_or_default();
            warnings.push(
                Diagnostic::warning(
                    path,
                    d.line,
                    format!("unknown theme property {}{hint}", d.name),
                )
                .with_col(d.col),
            );
        }
    }
    let mut properties = base
        .as_deref()
        .and_then(builtin)
        .map(|b| scan(b).root_properties())
        .unwrap_or_default();
    merge(&mut properties, own.root_properties());
    if base.is_none() {
        let unset: Vec<&str> = required
            .iter()
            .filter(|r| !properties.iter().any(|(n, _)| n == *r))
            .map(String::as_str)
            .collect();
        if !unset.is_empty() {
            warnings.push(Diagnostic::warning(
                path,
                warn_at,
                format!(
                    "theme '{name}' extends none but leaves {} unset; set {} or extend a built-in",
                    unset.join(", "),
                    if unset.len() == 1 { "it" } else { "them" }
                ),
            ));
        }
    }
    // Unreadable pairs this file is responsible for, at the line it set one.
    for (fg, bg, message) in contrast_pairs(&properties) {
        let at = own
            .decls
            .iter()
            .rev()
            .find(|d| d.root && (d.name == fg || d.name == bg));
        if let Some(d) = at {
            warnings.push(
                Diagnostic::warning(path, d.line, format!("theme '{name}': {message} (WCAG AA)"))
                    .with_col(d.col),
            );
        }
    }
    let css = contained(css, path, warnings);
    let css = match base.as_deref().and_then(builtin) {
        Some(b) => format!("{}\n/* {name}: {} */\n{css}", b.trim_end(), path.display()),
        None => css,
    };
    Theme {
        name: name.to_string(),
        css,
        origin: Origin::Project {
            path: path.to_path_buf(),
            overrides,
        },
        base,
        properties,
    }
}

/// `.5em`, `1em`: a spacing value the layout can read.
fn is_em(v: &str) -> bool {
    v.trim()
        .strip_suffix("em")
        .is_some_and(|n| n.parse::<f64>().is_ok_and(|n| n >= 0.0))
}

fn merge(into: &mut Vec<(String, String)>, from: Vec<(String, String)>) {
    for (name, value) in from {
        match into.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => into.push((name, value)),
        }
    }
}

/// One declaration in a theme file; `line` 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decl {
    name: String,
    value: String,
    line: u32,
    col: u32,
    /// Inside a `:root` rule.
    root: bool,
}

#[derive(Debug, Default)]
struct Scan {
    decls: Vec<Decl>,
    /// `/* extends: NAME */` and its line.
    extends: Option<(String, u32)>,
}

impl Scan {
    /// `:root` declarations, the last of each name winning.
    fn root_properties(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        merge(
            &mut out,
            self.decls
                .iter()
                .filter(|d| d.root)
                .map(|d| (d.name.clone(), d.value.clone()))
                .collect(),
        );
        out
    }
}

/// The declarations and the `extends` comment of a stylesheet, read with
/// a real CSS tokenizer so comments, strings and nesting cannot confuse it.
fn scan(css: &str) -> Scan {
    let mut out = Scan::default();
    let mut p = Parser::new(css);
    rules(&mut p, &mut out);
    out
}

type Never = ParseError<()>;

/// Appended to a theme to find where its last construct ends: at the top
/// level only if every block, comment and `url(` before it is closed.
const SENTINEL: &str = "\n;notedeck-theme-end{}";

/// The theme's CSS with nothing that would reach past the block it is
/// pasted into (the recap scopes each talk's theme in `@scope { … }`): a
/// `}` that closes nothing is dropped, and a block, comment or `url(`
/// left open drops the rest of the file; each with a warning.
fn contained(css: &str, path: &Path, warnings: &mut Vec<Diagnostic>) -> String {
    let text = format!("{css}{SENTINEL}");
    let mut p = Parser::new(&text);
    let mut stray = Vec::new();
    // Start of the last top-level construct, and whether it was the sentinel.
    let mut last = (0, 1, 1);
    let mut closed = false;
    loop {
        let loc = p.current_source_location();
        let at = p.position().byte_index();
        let Ok(tok) = p.next_including_whitespace_and_comments() else {
            break;
        };
        match tok {
            Token::CloseCurlyBracket => {
                stray.push(at);
                warnings.push(
                    Diagnostic::warning(
                        path,
                        loc.line + 1,
                        "`}` closes no block; dropped (a theme's rules stay inside its own scope)",
                    )
                    .with_col(loc.column),
                );
            }
            Token::WhiteSpace(_) => {}
            Token::Ident(i) if at >= css.len() && &**i == "notedeck-theme-end" => closed = true,
            Token::CurlyBracketBlock if closed => {}
            _ => {
                closed = false;
                last = (at, loc.line + 1, loc.column);
            }
        }
    }
    let mut end = css.len();
    if !closed {
        let (at, line, col) = last;
        end = at.min(css.len());
        warnings.push(
            Diagnostic::warning(
                path,
                line,
                "a block, comment or url( opened here is never closed; the rest of the theme is ignored",
            )
            .with_col(col),
        );
    }
    let mut out = String::with_capacity(end);
    let mut from = 0;
    for at in stray.into_iter().filter(|&at| at < end) {
        out.push_str(&css[from..at]);
        from = at + 1;
    }
    out.push_str(&css[from..end]);
    out
}

/// Rule preludes and their blocks, at the top level or inside at-rules.
fn rules(p: &mut Parser<'_>, out: &mut Scan) {
    let mut start = p.position();
    loop {
        let loc = p.current_source_location();
        let Ok(tok) = p.next_including_whitespace_and_comments() else {
            break;
        };
        match tok.clone() {
            Token::Comment(c) => {
                if out.extends.is_none() {
                    if let Some(b) = c.trim().strip_prefix("extends:") {
                        out.extends = Some((b.trim().to_string(), loc.line + 1));
                    }
                }
                start = p.position();
            }
            Token::CurlyBracketBlock => {
                let prelude = p.slice_from(start).trim_end_matches('{').trim().to_string();
                let root = prelude == ":root";
                let nested = prelude.starts_with('@');
                let _ = p.parse_nested_block(|p| {
                    if nested {
                        rules(p, out);
                    } else {
                        declarations(p, out, root);
                    }
                    Ok::<(), Never>(())
                });
                start = p.position();
            }
            Token::Semicolon => start = p.position(),
            _ => {}
        }
    }
}

fn declarations(p: &mut Parser<'_>, out: &mut Scan, root: bool) {
    loop {
        p.skip_whitespace();
        let loc = p.current_source_location();
        let name = match p.next() {
            Ok(Token::Ident(n)) => n.to_string(),
            Ok(Token::CurlyBracketBlock) => {
                // A nested rule: its custom properties are still checked.
                let _ = p.parse_nested_block(|p| {
                    declarations(p, out, false);
                    Ok::<(), Never>(())
                });
                continue;
            }
            Ok(_) => continue,
            Err(_) => break,
        };
        if p.try_parse(|p| p.expect_colon()).is_err() {
            continue;
        }
        let start = p.position();
        let _ = p.parse_until_before(Delimiter::Semicolon, |p| {
            while p.next().is_ok() {}
            Ok::<(), Never>(())
        });
        let value = p.slice_from(start).trim().to_string();
        out.decls.push(Decl {
            name,
            value,
            line: loc.line + 1,
            col: loc.column,
            root,
        });
    }
}

/// Colour pairs every theme must keep readable: (foreground, background,
/// minimum WCAG ratio, where the pair shows). `--nd-hl-*` stands for each
/// highlight colour.
pub const CONTRAST: &[(&str, &str, f64, &str)] = &[
    ("--nd-fg", "--nd-bg", 4.5, "body text, math, task boxes"),
    ("--nd-heading", "--nd-bg", 4.5, "headings, table headers"),
    ("--nd-link", "--nd-bg", 4.5, "links, footnote marks"),
    ("--nd-muted", "--nd-bg", 4.5, "footnotes, bylines"),
    ("--nd-accent", "--nd-bg", 4.5, "event name, checked boxes"),
    ("--nd-code-fg", "--nd-code-bg", 4.5, "code"),
    ("--nd-hl-*", "--nd-code-bg", 4.5, "highlighted code"),
    ("--nd-fg", "--nd-table-stripe", 4.5, "text on zebra rows"),
    ("--nd-link", "--nd-table-stripe", 4.5, "links on zebra rows"),
];

/// Pairs of `properties` below their minimum contrast, as messages.
pub fn contrast_problems(properties: &[(String, String)]) -> Vec<String> {
    contrast_pairs(properties)
        .into_iter()
        .map(|(_, _, m)| m)
        .collect()
}

/// Like [`contrast_problems`], with each pair's two property names.
fn contrast_pairs(properties: &[(String, String)]) -> Vec<(String, String, String)> {
    let get = |n: &str| {
        properties
            .iter()
            .find(|(k, _)| k == n)
            .and_then(|(_, v)| parse_hex(v))
    };
    let mut out = Vec::new();
    for (fg, bg, min, what) in CONTRAST {
        let fgs: Vec<&str> = match fg.strip_suffix('*') {
            Some(prefix) => properties
                .iter()
                .map(|(k, _)| k.as_str())
                .filter(|k| k.starts_with(prefix))
                .collect(),
            None => vec![*fg],
        };
        for f in fgs {
            let (Some(a), Some(b)) = (get(f), get(bg)) else {
                continue;
            };
            let ratio = contrast(a, b);
            if ratio < *min {
                out.push((
                    f.to_string(),
                    bg.to_string(),
                    format!("{f} on {bg} is {ratio:.2}:1, below {min}:1 ({what})"),
                ));
            }
        }
    }
    out
}

/// `--nd-NAME: #rrggbb` (or `#rgb`) declarations of a theme, in order.
pub fn colors(css: &str) -> Vec<(String, [u8; 3])> {
    scan(css)
        .decls
        .into_iter()
        .filter(|d| d.name.starts_with("--nd-"))
        .filter_map(|d| parse_hex(&d.value).map(|c| (d.name, c)))
        .collect()
}

pub fn parse_hex(v: &str) -> Option<[u8; 3]> {
    let hex = v.trim().strip_prefix('#')?;
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

    #[test]
    fn a_theme_cannot_reach_past_its_block() {
        let cut = |css: &str| {
            let mut w = Vec::new();
            let out = contained(css, Path::new("t.css"), &mut w);
            let at: Vec<String> = w.iter().map(|d| format!("{}:{}", d.line, d.col)).collect();
            (out, at)
        };
        let ok = "a { b: c } @media x { d { e: f } } /* x */ g { h: url(i) }";
        assert_eq!(cut(ok), (ok.to_string(), vec![]));
        assert_eq!(
            cut("a { b: c }\n} body { x: y }"),
            (
                "a { b: c }\n body { x: y }".to_string(),
                vec!["2:1".to_string()]
            )
        );
        // Cut at the opener: what is left before it is a prelude with no
        // block, which CSS drops.
        for (open, kept, at) in [
            ("a { b: c }\nd { e: f", "d ", "2:3"),
            ("a { b: c }\n/* open", "", "2:1"),
            ("a { b: c }\nd { e: url(x", "d ", "2:3"),
            ("a { b: c }\nd[x { }", "d", "2:2"),
        ] {
            assert_eq!(
                cut(open),
                (format!("a {{ b: c }}\n{kept}"), vec![at.to_string()]),
                "{open}"
            );
        }
    }

    #[test]
    fn contrast_math_matches_known_values() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast([255, 255, 255], [255, 255, 255]) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic just-passing AA grey.
        let grey = contrast([0x76, 0x76, 0x76], [255, 255, 255]);
        assert!(grey > 4.5 && grey < 4.6, "{grey}");
        assert_eq!(
            colors(":root{--nd-bg:#fff;--nd-fg: #1F2328;--nd-size: 3px}/* --nd-link: #000 */"),
            [
                ("--nd-bg".to_string(), [255, 255, 255]),
                ("--nd-fg".to_string(), [0x1f, 0x23, 0x28])
            ]
        );
    }

    #[test]
    fn pages_inline_each_builtin_minified_with_every_property() {
        let set = Themes::builtin();
        for (name, raw) in BUILTIN {
            let inlined = &set.get(name).expect("built-in").css;
            assert!(inlined.len() < raw.len(), "{name} not minified");
            let names = |css: &str| -> Vec<String> {
                scan(css).decls.into_iter().map(|d| d.name).collect()
            };
            assert_eq!(names(inlined), names(raw), "{name}");
        }
    }

    #[test]
    fn every_builtin_theme_passes_wcag_aa_for_text_code_tables_and_boxes() {
        let required = required();
        for (name, css) in BUILTIN {
            let props = scan(css).root_properties();
            for r in &required {
                assert!(props.iter().any(|(n, _)| n == r), "{name} does not set {r}");
            }
            // Every pair names properties the theme has, as colours.
            for (fg, bg, _, _) in CONTRAST {
                for p in [fg.trim_end_matches('*'), bg] {
                    assert!(
                        props
                            .iter()
                            .any(|(n, v)| n.starts_with(p) && parse_hex(v).is_some()),
                        "{name}: no colour {p}"
                    );
                }
            }
            let problems = contrast_problems(&props);
            assert!(problems.is_empty(), "theme {name}: {problems:?}");
        }
        let low = [
            ("--nd-bg".to_string(), "#ffffff".to_string()),
            ("--nd-table-stripe".to_string(), "#ffffff".to_string()),
            ("--nd-fg".to_string(), "#aaaaaa".to_string()),
        ];
        assert_eq!(
            contrast_problems(&low),
            [
                "--nd-fg on --nd-bg is 2.32:1, below 4.5:1 (body text, math, task boxes)",
                "--nd-fg on --nd-table-stripe is 2.32:1, below 4.5:1 (text on zebra rows)"
            ]
        );
    }

    fn write(dir: &Path, name: &str, css: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, css).expect("write");
        p
    }

    #[test]
    fn project_theme_adds_and_overrides() {
        let dir = tempfile::tempdir().expect("tempdir");
        let themes = dir.path().join("themes");
        std::fs::create_dir_all(&themes).expect("mkdir");
        write(&themes, "corp.css", ":root{--nd-bg:#fff}");
        write(&themes, "dark.css", ":root{--nd-bg:#111}");
        write(&themes, "notes.txt", "not a theme");
        let light = builtin("light").expect("light");
        write(&themes, "light.css", light);
        let set = Themes::load(std::slice::from_ref(&themes), None).expect("load");
        assert_eq!(set.names(), ["corp", "dark", "high-contrast", "light"]);
        let dark = set.get("dark").expect("dark");
        // Layered on the built-in it is named after.
        let builtin_dark = builtin("dark").expect("dark");
        assert!(
            dark.css.starts_with(builtin_dark.trim_end()),
            "{}",
            dark.css
        );
        assert!(dark.css.ends_with(":root{--nd-bg:#111}"));
        assert_eq!(dark.base.as_deref(), Some("dark"));
        assert_eq!(
            dark.origin,
            Origin::Project {
                path: themes.join("dark.css"),
                overrides: true
            }
        );
        assert_eq!(
            set.get("corp").expect("corp").base.as_deref(),
            Some("light")
        );
        assert_eq!(set.get("light").expect("light").origin, Origin::Builtin);
        assert!(set.warnings.is_empty(), "{:?}", set.warnings);
        let evil = dir.path().join("evil");
        std::fs::create_dir_all(&evil).expect("mkdir");
        write(&evil, "x.css", "a{}</STYLE><script>alert(1)</script>");
        let err = Themes::load(std::slice::from_ref(&evil), None)
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

    #[test]
    fn a_partial_theme_changes_only_what_it_sets() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(
            dir.path(),
            "conf.css",
            "/* Conference colours */\n:root {\n  --nd-bg: #fdf6e3;\n  --nd-heading: #6c2a00;\n}\n",
        );
        write(
            dir.path(),
            "night.css",
            "/* extends: dark */\n:root { --nd-accent: #ffcc00; }\n",
        );
        let set = Themes::load(&[dir.path().to_path_buf()], None).expect("load");
        let conf = set.get("conf").expect("conf");
        let light = set.get("light").expect("light");
        assert_eq!(conf.properties.len(), light.properties.len());
        for ((n, v), (ln, lv)) in conf.properties.iter().zip(&light.properties) {
            assert_eq!(n, ln);
            match n.as_str() {
                "--nd-bg" => assert_eq!(v, "#fdf6e3"),
                "--nd-heading" => assert_eq!(v, "#6c2a00"),
                _ => assert_eq!(v, lv, "{n} should be light's"),
            }
        }
        let night = set.get("night").expect("night");
        assert_eq!(night.base.as_deref(), Some("dark"));
        assert!(night
            .css
            .starts_with(builtin("dark").expect("dark").trim_end()));
        // The configured base applies to themes that name none.
        let set = Themes::load(&[dir.path().to_path_buf()], Some("high-contrast")).expect("load");
        assert_eq!(
            set.get("conf").expect("conf").base.as_deref(),
            Some("high-contrast")
        );
        assert_eq!(
            set.get("night").expect("night").base.as_deref(),
            Some("dark")
        );
        // --print: every property, the overrides in place, and it parses back.
        let printed = conf_print(dir.path());
        assert!(printed.contains("  --nd-bg: #fdf6e3;\n"), "{printed}");
        assert!(printed.contains("  --nd-fg: #1f2328;\n"), "{printed}");
        assert!(printed.contains("/* extends: light */"), "{printed}");
        assert_eq!(scan(&printed).root_properties(), conf.properties);
    }

    fn conf_print(dir: &Path) -> String {
        let set = Themes::load(&[dir.to_path_buf()], None).expect("load");
        set.get("conf").expect("conf").print()
    }

    #[test]
    fn theme_findings_name_the_file_line_and_property() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bare = write(
            dir.path(),
            "bare.css",
            "/* extends: none */\n:root {\n  --nd-bg: #ffffff;\n  --nd-fg: #000000;\n}\n",
        );
        let typo = write(
            dir.path(),
            "typo.css",
            ":root {\n  --nd-heding: #123456;\n  --nd-fit: 2;\n  --my-own: 1px;\n  --nd-sparkle: 1px;\n  --nd-gap-item: 8px;\n}\n",
        );
        let base = write(dir.path(), "odd.css", "/* extends: solarized */\n");
        let pale = write(
            dir.path(),
            "pale.css",
            ":root {\n  --nd-muted: #cccccc;\n}\n",
        );
        let set = Themes::load(&[dir.path().to_path_buf()], None).expect("load");
        let msgs: Vec<String> = set.warnings.iter().map(|d| d.to_string()).collect();
        let bare_msg = &msgs[0];
        assert!(
            bare_msg.starts_with(&format!(
                "{}:1:1: warning: theme 'bare' extends none but leaves --nd-heading, --nd-accent",
                bare.display()
            )),
            "{bare_msg}"
        );
        assert!(bare_msg.contains("--nd-pad"), "{bare_msg}");
        assert!(!bare_msg.contains("--nd-fg,"), "{bare_msg}");
        assert_eq!(
            msgs[1],
            format!(
                "{}:1:1: warning: unknown base theme 'solarized' in `extends` (built-in: light, dark, high-contrast, or none); using light",
                base.display()
            )
        );
        let ratio = contrast([0xcc; 3], [0xff; 3]);
        assert_eq!(
            msgs[2],
            format!(
                "{}:2:3: warning: theme 'pale': --nd-muted on --nd-bg is {ratio:.2}:1, below 4.5:1 (footnotes, bylines) (WCAG AA)",
                pale.display()
            )
        );
        assert_eq!(
            msgs[3..],
            [
                format!(
                    "{}:2:3: warning: unknown theme property --nd-heding (did you mean --nd-heading?)",
                    typo.display()
                ),
                format!(
                    "{}:3:3: warning: --nd-fit is set by the runtime; a theme must not set it",
                    typo.display()
                ),
                // Far from every property: no guess.
                format!(
                    "{}:5:3: warning: unknown theme property --nd-sparkle",
                    typo.display()
                ),
                format!(
                    "{}:6:3: warning: --nd-gap-item is '8px': spacing is set in em (like .5em) so the layout can measure it",
                    typo.display()
                ),
            ]
        );
        assert!(set.get("bare").expect("bare").base.is_none());
    }
}
