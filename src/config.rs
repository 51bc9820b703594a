//! Settings from `notedeck.toml` and from front matter at the top of a
//! notes file. Precedence: command line > front matter > `notedeck.toml` >
//! defaults. Unknown keys warn with a suggestion; invalid values are
//! errors naming `path:line`.

use crate::deck::DeckMeta;
use crate::diag::Diagnostic;
use crate::source::SourceFile;
use crate::{BuildOptions, Error};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// Keys accepted in front matter and at the top level of `notedeck.toml`.
pub const META_KEYS: &[&str] = &[
    "title",
    "event",
    "date",
    "speaker",
    "theme",
    "incremental",
    "aspect",
    "lang",
    "allow_html",
];

/// Keys of the `[build]` table of `notedeck.toml`.
pub const BUILD_KEYS: &[&str] = &["input", "output", "line_budget"];

pub const CONFIG_FILE: &str = "notedeck.toml";

/// Per-deck settings, each `None` when not given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub title: Option<String>,
    pub event: Option<String>,
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub theme: Option<String>,
    pub incremental: Option<bool>,
    pub aspect: Option<String>,
    pub lang: Option<String>,
    pub allow_html: Option<bool>,
}

impl Settings {
    /// Sets every given value on `meta`.
    pub fn apply(&self, meta: &mut DeckMeta) {
        let set = |dst: &mut Option<String>, src: &Option<String>| {
            if src.is_some() {
                dst.clone_from(src);
            }
        };
        set(&mut meta.event, &self.event);
        set(&mut meta.date, &self.date);
        set(&mut meta.speaker, &self.speaker);
        if let Some(t) = &self.theme {
            meta.theme.clone_from(t);
        }
        if let Some(a) = &self.aspect {
            meta.aspect.clone_from(a);
        }
        if let Some(l) = &self.lang {
            meta.lang.clone_from(l);
        }
        if let Some(i) = self.incremental {
            meta.incremental = i;
        }
        if let Some(h) = self.allow_html {
            meta.allow_html = h;
        }
    }

    /// `other`'s given values win over ours.
    pub fn overlay(&mut self, other: &Settings) {
        macro_rules! take {
            ($($f:ident),*) => {$(if other.$f.is_some() { self.$f.clone_from(&other.$f); })*};
        }
        take!(
            title,
            event,
            date,
            speaker,
            theme,
            incremental,
            aspect,
            lang,
            allow_html
        );
    }
}

/// `notedeck.toml`.
#[derive(Debug, Clone, Default)]
pub struct ProjectConfig {
    /// The file it was read from.
    pub path: PathBuf,
    pub settings: Settings,
    /// `[build] input`, resolved against the config file's folder.
    pub inputs: Option<Vec<PathBuf>>,
    pub output: Option<PathBuf>,
    pub line_budget: Option<usize>,
}

impl ProjectConfig {
    /// Build options from this config (defaults for anything not given);
    /// the command line then overrides them.
    pub fn build_options(&self) -> BuildOptions {
        let mut opts = BuildOptions::default();
        if let Some(i) = &self.inputs {
            opts.inputs.clone_from(i);
        }
        if let Some(b) = self.line_budget {
            opts.layout.budget = b;
        }
        self.settings.apply(&mut opts.meta);
        opts.title.clone_from(&self.settings.title);
        opts
    }
}

/// Loads `--config PATH`, or `notedeck.toml` in the current folder when
/// present. `Ok(None)`: no config file, defaults apply.
pub fn load(
    explicit: Option<&Path>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<ProjectConfig>, Error> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let p = PathBuf::from(CONFIG_FILE);
            if !p.is_file() {
                return Ok(None);
            }
            p
        }
    };
    let src = SourceFile::read(&path)?;
    parse_config(&src, diags).map(Some)
}

/// Parses the text of a `notedeck.toml`.
pub fn parse_config(src: &SourceFile, diags: &mut Vec<Diagnostic>) -> Result<ProjectConfig, Error> {
    let table = parse_toml(&src.text, src, 0)?;
    let base = src.path.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut cfg = ProjectConfig {
        path: src.path.clone(),
        ..ProjectConfig::default()
    };
    let mut meta = Map::new();
    for (k, v) in table {
        if k == "build" {
            let Value::Object(build) = v else {
                return Err(invalid(src, 0, "build", "expected a [build] table"));
            };
            for (bk, bv) in build {
                let line = key_line(&src.text, &bk, 0);
                match bk.as_str() {
                    "input" => {
                        let list = match bv {
                            Value::String(s) => vec![s],
                            Value::Array(a) => a
                                .into_iter()
                                .map(|x| match x {
                                    Value::String(s) => Ok(s),
                                    _ => Err(invalid(
                                        src,
                                        line,
                                        "input",
                                        "expected a path or a list of paths",
                                    )),
                                })
                                .collect::<Result<_, _>>()?,
                            _ => {
                                return Err(invalid(
                                    src,
                                    line,
                                    "input",
                                    "expected a path or a list of paths",
                                ))
                            }
                        };
                        cfg.inputs = Some(list.into_iter().map(|p| base.join(p)).collect());
                    }
                    "output" => match bv {
                        Value::String(s) => cfg.output = Some(base.join(s)),
                        _ => return Err(invalid(src, line, "output", "expected a folder path")),
                    },
                    "line_budget" => match bv.as_u64() {
                        Some(n) if (3..=100).contains(&n) => cfg.line_budget = Some(n as usize),
                        _ => {
                            return Err(invalid(
                                src,
                                line,
                                "line_budget",
                                "expected a whole number from 3 to 100",
                            ))
                        }
                    },
                    _ => diags.push(unknown(src, line, &format!("build.{bk}"), &bk, BUILD_KEYS)),
                }
            }
        } else {
            meta.insert(k, v);
        }
    }
    cfg.settings = settings_from(meta, src, 0, diags, true)?;
    Ok(cfg)
}

/// Front matter found at the top of a notes file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub settings: Settings,
    /// Lines it covers (1-based, inclusive, delimiters included).
    pub lines: (u32, u32),
    /// Where each key is set: 1-based line and column.
    pub keys: std::collections::BTreeMap<String, (u32, u32)>,
}

/// Splits off YAML (`---`) or TOML (`+++`) front matter. The returned
/// source has the front-matter lines blanked, so line numbers stay right.
/// A leading `---` not followed by `key: value` lines is left alone (it is
/// a thematic break).
pub fn front_matter(
    src: &SourceFile,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<(FrontMatter, SourceFile)>, Error> {
    let mut lines = src.text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Ok(None);
    };
    let delim = first.trim_end();
    let yaml = match delim {
        "---" => true,
        "+++" => false,
        _ => return Ok(None),
    };
    let mut body = String::new();
    let mut close = None;
    for (i, l) in lines.enumerate() {
        let t = l.trim_end();
        if t == delim || (yaml && t == "...") {
            close = Some(i + 2);
            break;
        }
        body.push_str(l);
    }
    let Some(close) = close else {
        return Ok(None);
    };
    if yaml {
        let first_key = body
            .lines()
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        let looks_like_map = first_key.is_some_and(|l| {
            let l = l.trim_start();
            l.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && l.split_once(':').is_some_and(|(k, rest)| {
                    k.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                        && (rest.is_empty() || rest.starts_with([' ', '\t']))
                })
        });
        if !looks_like_map {
            return Ok(None);
        }
    }
    check_nesting(&body, src)?;
    let map = if yaml {
        parse_yaml(&body, src, 1)?
    } else {
        parse_toml(&body, src, 1)?
    };
    let keys = map
        .keys()
        .map(|k| (k.clone(), key_pos(&src.text, k, 1)))
        .collect();
    let settings = settings_from(map, src, 1, diags, false)?;
    // Blank the front matter, keeping every newline.
    let end = src
        .text
        .match_indices('\n')
        .nth(close - 1)
        .map_or(src.text.len(), |(i, _)| i);
    let mut text: String = src.text[..end].chars().filter(|c| *c == '\n').collect();
    text.push_str(&src.text[end..]);
    Ok(Some((
        FrontMatter {
            settings,
            lines: (1, close as u32),
            keys,
        },
        SourceFile::new(src.path.clone(), &text),
    )))
}

/// Front matter holds flat `key: value` settings: deeper brackets or
/// indentation than this is refused before parsing, which would take
/// time growing with the depth (100,000 `[` took 21 s).
pub const MAX_FRONT_MATTER_DEPTH: usize = 32;

fn check_nesting(body: &str, src: &SourceFile) -> Result<(), Error> {
    let refuse = |line: usize| Error::Source {
        path: src.path.clone(),
        line: line + 1,
        message: format!(
            "front matter nested deeper than {MAX_FRONT_MATTER_DEPTH} levels; not parsed"
        ),
    };
    let mut depth = 0usize;
    for (i, l) in body.lines().enumerate() {
        // Quotes end with their line here, so a stray `'` cannot hide
        // brackets on later lines.
        let mut quote = None;
        let indent = l.len() - l.trim_start_matches([' ', '\t', '-']).len();
        if indent > 2 * MAX_FRONT_MATTER_DEPTH {
            return Err(refuse(i + 1));
        }
        for c in l.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_FRONT_MATTER_DEPTH {
                        return Err(refuse(i + 1));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    Ok(())
}

fn parse_toml(text: &str, src: &SourceFile, offset: u32) -> Result<Map<String, Value>, Error> {
    match text.parse::<toml::Table>() {
        Ok(t) => Ok(toml_to_json(toml::Value::Table(t))
            .as_object()
            .cloned()
            .unwrap_or_default()),
        Err(e) => {
            let line = e.span().map_or(1, |s| {
                1 + text[..s.start.min(text.len())].matches('\n').count()
            });
            Err(Error::Source {
                path: src.path.clone(),
                line: line + offset as usize,
                message: format!("invalid TOML: {}", e.message()),
            })
        }
    }
}

fn parse_yaml(text: &str, src: &SourceFile, offset: u32) -> Result<Map<String, Value>, Error> {
    let err = |line: usize, message: String| Error::Source {
        path: src.path.clone(),
        line: line + offset as usize,
        message,
    };
    let value: serde_norway::Value = serde_norway::from_str(text).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line());
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        err(line, format!("invalid YAML front matter: {msg}"))
    })?;
    match serde_json::to_value(value) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(_) => Err(err(1, "front matter must be `key: value` lines".into())),
        Err(e) => Err(err(1, format!("invalid YAML front matter: {e}"))),
    }
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        // Dates are plain text to notedeck.
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn settings_from(
    map: Map<String, Value>,
    src: &SourceFile,
    offset: u32,
    diags: &mut Vec<Diagnostic>,
    in_config: bool,
) -> Result<Settings, Error> {
    let mut s = Settings::default();
    for (k, v) in map {
        let line = key_line(&src.text, &k, offset);
        let text = |v: Value| -> Result<String, Error> {
            match v {
                Value::String(s) => Ok(s),
                Value::Number(n) => Ok(n.to_string()),
                _ => Err(invalid(src, line, &k, "expected text")),
            }
        };
        let flag = |v: &Value| {
            v.as_bool()
                .ok_or_else(|| invalid(src, line, &k, "expected true or false"))
        };
        match k.as_str() {
            "title" => s.title = Some(text(v)?),
            "event" => s.event = Some(text(v)?),
            "date" => s.date = Some(text(v)?),
            "speaker" => s.speaker = Some(text(v)?),
            "theme" => {
                let t = text(v)?;
                if t.is_empty()
                    || !t
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    return Err(invalid(
                        src,
                        line,
                        &k,
                        "expected a theme name (letters, digits, '-', '_')",
                    ));
                }
                s.theme = Some(t);
            }
            "lang" => {
                let t = text(v)?;
                if t.is_empty() || !t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    return Err(invalid(
                        src,
                        line,
                        &k,
                        "expected a language tag such as 'en' or 'pt-BR'",
                    ));
                }
                s.lang = Some(t);
            }
            "aspect" => {
                let t = text(v)?;
                let ok = t.split_once(':').is_some_and(|(w, h)| {
                    w.parse::<u32>().is_ok_and(|w| w > 0) && h.parse::<u32>().is_ok_and(|h| h > 0)
                });
                if !ok {
                    return Err(invalid(
                        src,
                        line,
                        &k,
                        "expected a ratio such as \"16:9\" or \"4:3\"",
                    ));
                }
                s.aspect = Some(t);
            }
            "incremental" => s.incremental = Some(flag(&v)?),
            // Trust comes from the person running notedeck, never from the
            // notes themselves.
            "allow_html" if !in_config => diags.push(Diagnostic::warning(
                &src.path,
                line.max(1),
                "allow_html is ignored in front matter: set it in notedeck.toml \
                 or pass --allow-html"
                    .to_string(),
            )),
            "allow_html" => s.allow_html = Some(flag(&v)?),
            _ => {
                let mut known: Vec<&str> = META_KEYS.to_vec();
                if in_config {
                    known.push("build");
                }
                diags.push(unknown(src, line, &k, &k, &known));
            }
        }
    }
    Ok(s)
}

fn invalid(src: &SourceFile, line: u32, key: &str, expected: &str) -> Error {
    Error::Source {
        path: src.path.clone(),
        line: line.max(1) as usize,
        message: format!("invalid value for '{key}': {expected}"),
    }
}

fn unknown(src: &SourceFile, line: u32, shown: &str, key: &str, known: &[&str]) -> Diagnostic {
    let best = known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(key, k), *k))
        .min();
    let message = match best {
        Some((d, k)) if d <= 2 || (d <= 3 && key.len() > 6) => {
            format!("unknown key '{shown}', did you mean '{k}'?")
        }
        _ => format!("unknown key '{shown}' (known: {})", known.join(", ")),
    };
    Diagnostic::warning(&src.path, line.max(1), message)
}

/// 1-based line where `key` is set (`key =` or `key:`), searching from
/// line `offset + 1`; the first line of that region when not found.
fn key_line(text: &str, key: &str, offset: u32) -> u32 {
    key_pos(text, key, offset).0
}

/// [`key_line`] with the 1-based column where the key starts.
fn key_pos(text: &str, key: &str, offset: u32) -> (u32, u32) {
    for (i, l) in text.lines().enumerate().skip(offset as usize) {
        let t = l.trim_start().trim_start_matches(['"', '\'']);
        if let Some(rest) = t.strip_prefix(key) {
            let rest = rest.trim_start_matches(['"', '\'']).trim_start();
            if rest.starts_with('=') || rest.starts_with(':') {
                let col = l.chars().count() - t.chars().count() + 1;
                return (i as u32 + 1, col as u32);
            }
        }
    }
    (offset + 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceFile {
        SourceFile::new("notes.md", text)
    }

    #[test]
    fn yaml_front_matter_is_blanked() {
        let s = src("---\ntitle: Day\nspeaker: Ana\ndate: 2025-09-02\n---\n# H\n");
        let mut d = Vec::new();
        let (fm, rest) = front_matter(&s, &mut d)
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no front matter"));
        assert_eq!(fm.settings.speaker.as_deref(), Some("Ana"));
        assert_eq!(fm.settings.date.as_deref(), Some("2025-09-02"));
        assert_eq!(fm.lines, (1, 5));
        assert_eq!(rest.text, "\n\n\n\n\n# H\n");
        assert!(d.is_empty());
    }

    #[test]
    fn toml_front_matter_with_dates() {
        let s = src("+++\ndate = 2025-09-02\nincremental = true\n+++\nx\n");
        let mut d = Vec::new();
        let (fm, _) = front_matter(&s, &mut d)
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no front matter"));
        assert_eq!(fm.settings.date.as_deref(), Some("2025-09-02"));
        assert_eq!(fm.settings.incremental, Some(true));
    }

    #[test]
    fn leading_rule_is_not_front_matter() {
        let mut d = Vec::new();
        for t in [
            "---\n- a list\n---\n",
            "---\nJust text\n---\n",
            "---\n# H\n",
        ] {
            assert!(
                front_matter(&src(t), &mut d)
                    .unwrap_or_else(|e| panic!("{e}"))
                    .is_none(),
                "{t}"
            );
        }
    }

    #[test]
    fn unknown_keys_suggest_and_bad_values_name_the_line() {
        let mut d = Vec::new();
        let s = src("---\ntitle: x\nthem: dark\n---\n");
        assert!(front_matter(&s, &mut d).is_ok());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, 3);
        assert!(
            d[0].message.contains("did you mean 'theme'"),
            "{}",
            d[0].message
        );
        let s = src("---\ntitle: x\n\nincremental: maybe\n---\n");
        let e = front_matter(&s, &mut d)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert_eq!(
            e,
            "notes.md:4: invalid value for 'incremental': expected true or false"
        );
        let s = src("+++\ntitle = \"x\n+++\n");
        let e = front_matter(&s, &mut d)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("notes.md:2: invalid TOML"), "{e}");
    }
}
