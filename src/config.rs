//! Settings from `notedeck.toml` and from front matter at the top of a
//! notes file. Precedence: command line > front matter > `notedeck.toml` >
//! defaults. [`Settings`] is the one list of keys: serde reads it from
//! TOML (toml) and YAML (serde-saphyr); the parsers' spans give every
//! error and unknown-key warning its `path:line:col`.

use crate::deck::DeckMeta;
use crate::diag::Diagnostic;
use crate::source::SourceFile;
use crate::Error;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "notedeck.toml";

/// Per-deck settings, each `None` when not given: the keys accepted in
/// front matter and at the top level of `notedeck.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Settings {
    #[serde(deserialize_with = "text")]
    pub title: Option<String>,
    #[serde(deserialize_with = "text")]
    pub event: Option<String>,
    #[serde(deserialize_with = "text")]
    pub date: Option<String>,
    #[serde(deserialize_with = "text")]
    pub speaker: Option<String>,
    #[serde(deserialize_with = "theme_name")]
    pub theme: Option<String>,
    #[serde(deserialize_with = "flag")]
    pub incremental: Option<bool>,
    #[serde(deserialize_with = "aspect")]
    pub aspect: Option<String>,
    #[serde(deserialize_with = "lang")]
    pub lang: Option<String>,
    #[serde(deserialize_with = "flag")]
    pub allow_html: Option<bool>,
    /// Which heading level is a talk; read from the file's shape when unset.
    #[serde(deserialize_with = "heading_level")]
    pub talk_level: Option<u8>,
    /// Who noted the talks (`presenter:` or `by:`).
    #[serde(deserialize_with = "text")]
    pub presenter: Option<String>,
    #[serde(deserialize_with = "text")]
    pub by: Option<String>,
    /// Planned minutes per talk, and for the whole recap.
    #[serde(deserialize_with = "minutes")]
    pub minutes: Option<u32>,
    #[serde(deserialize_with = "minutes")]
    pub total_minutes: Option<u32>,
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
        if self.talk_level.is_some() {
            meta.talk_level = self.talk_level;
        }
        set(&mut meta.presenter, &self.by);
        set(&mut meta.presenter, &self.presenter);
        if self.minutes.is_some() {
            meta.minutes = self.minutes;
        }
        if self.total_minutes.is_some() {
            meta.total_minutes = self.total_minutes;
        }
    }
}

/// The `[build]` table of `notedeck.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct BuildTable {
    #[serde(deserialize_with = "paths")]
    input: Option<Vec<String>>,
    #[serde(deserialize_with = "folder")]
    output: Option<String>,
    #[serde(deserialize_with = "line_budget")]
    line_budget: Option<usize>,
    #[serde(deserialize_with = "theme_base")]
    theme_base: Option<String>,
    /// Size caps, in MiB: a larger file is refused with an error naming
    /// its key here.
    #[serde(deserialize_with = "mebibytes")]
    max_notes_mib: Option<u64>,
    #[serde(deserialize_with = "mebibytes")]
    max_image_mib: Option<u64>,
    #[serde(deserialize_with = "mebibytes")]
    max_theme_mib: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ConfigFile {
    build: BuildTable,
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
    /// `[build] theme_base`: what project themes extend by default.
    pub theme_base: Option<String>,
    /// `[build] max_notes_mib`, `max_image_mib`, `max_theme_mib`.
    pub limits: crate::source::Limits,
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
    let doc = Doc {
        src,
        text: &src.text,
        first_line: 1,
        format: Format::Toml,
    };
    let keys = doc.keys()?;
    let build_keys = fields::<BuildTable>();
    for k in &keys {
        match k.parent.as_deref() {
            None if k.name == "build" => {
                if !k.table {
                    return Err(doc.invalid(k, "expected a [build] table"));
                }
            }
            None => doc.warn_unknown(k, &k.name, fields::<Settings>(), true, diags),
            Some("build") => {
                doc.warn_unknown(k, &format!("build.{}", k.name), build_keys, false, diags)
            }
            Some(_) => {}
        }
    }
    let settings: Settings = doc.deserialize(&keys)?;
    let file: ConfigFile = doc.deserialize(&keys)?;
    let base = src.path.parent().unwrap_or(Path::new(""));
    let b = file.build;
    let mut limits = crate::source::Limits::default();
    for (cap, mib) in [
        (&mut limits.notes, b.max_notes_mib),
        (&mut limits.images, b.max_image_mib),
        (&mut limits.themes, b.max_theme_mib),
    ] {
        if let Some(m) = mib {
            cap.bytes = m << 20;
        }
    }
    Ok(ProjectConfig {
        path: src.path.clone(),
        settings,
        inputs: b
            .input
            .map(|list| list.into_iter().map(|p| base.join(p)).collect()),
        output: b.output.map(|o| base.join(o)),
        line_budget: b.line_budget,
        theme_base: b.theme_base,
        limits,
    })
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
    // Hexo writes YAML without the opening `---` (`title: …` first).
    let unopened = opens_unmarked(&src.text);
    let (yaml, delim, body_start, first_line) = match delim {
        "---" => (true, delim, first.len(), 2),
        "+++" => (false, delim, first.len(), 2),
        _ if unopened => (true, "---", 0, 1),
        _ => return Ok(None),
    };
    let mut body_len = 0;
    let mut close = None;
    let body_lines = src.text[body_start..].split_inclusive('\n');
    for (i, l) in body_lines.enumerate() {
        let t = l.trim_end();
        if t == delim || (yaml && !unopened && t == "...") || (unopened && dashes(t)) {
            close = Some(i + first_line);
            break;
        }
        body_len += l.len();
    }
    let Some(close) = close else {
        return Ok(None);
    };
    let body = &src.text[body_start..body_start + body_len];
    if yaml && !looks_like_map(body) {
        return Ok(None);
    }
    check_nesting(body, src)?;
    let doc = Doc {
        src,
        text: body,
        first_line: first_line as u32,
        format: if yaml { Format::Yaml } else { Format::Toml },
    };
    let keys = doc.keys()?;
    for k in keys
        .iter()
        .filter(|k| k.parent.is_none() && !FOREIGN_KEYS.contains(&k.name.as_str()))
    {
        doc.warn_unknown(k, &k.name, fields::<Settings>(), false, diags);
    }
    let mut settings: Settings = doc.deserialize(&keys)?;
    // Trust comes from the person running notedeck, never from the notes.
    if settings.allow_html.take().is_some() {
        let at = keys
            .iter()
            .find(|k| k.parent.is_none() && k.name == "allow_html")
            .map_or((1, 1), |k| k.at);
        diags.push(
            Diagnostic::warning(
                &src.path,
                at.0,
                "allow_html is ignored in front matter: set it in notedeck.toml or pass --allow-html",
            )
            .with_col(at.1),
        );
    }
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
            keys: keys
                .into_iter()
                .filter(|k| k.parent.is_none())
                .map(|k| (k.name, k.at))
                .collect(),
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
        col: 1,
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

/// A file that opens with a blog's `title:` or `layout:` key and holds
/// only `key: value` lines (and their lists) up to a line of dashes: front
/// matter whose opening `---` was left out, as Hexo allows.
fn opens_unmarked(text: &str) -> bool {
    let mut lines = text.lines();
    let opens = lines.next().is_some_and(|l| {
        ["title:", "layout:"].iter().any(|k| l.starts_with(k)) && looks_like_map(l)
    });
    opens
        && lines
            .take(40)
            .take_while(|l| !dashes(l.trim_end()))
            .all(|l| looks_like_map(l) || l.starts_with([' ', '\t', '-']) || l.trim().is_empty())
        && text.lines().take(41).skip(1).any(|l| dashes(l.trim_end()))
}

/// `---`, `--------`: the line Hexo closes front matter with.
fn dashes(l: &str) -> bool {
    l.len() >= 3 && l.bytes().all(|b| b == b'-')
}

/// Whether a `---` block starts with a `key: value` line (else it is a
/// thematic break and the text that follows).
fn looks_like_map(body: &str) -> bool {
    let first_key = body
        .lines()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    first_key.is_some_and(|l| {
        let l = l.trim_start();
        l.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && l.split_once(':').is_some_and(|(k, rest)| {
                k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                    && (rest.is_empty() || rest.starts_with([' ', '\t']))
            })
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Toml,
    Yaml,
}

/// A settings document: the text serde reads and where it sits in its file.
struct Doc<'a> {
    src: &'a SourceFile,
    text: &'a str,
    /// Line of the file on which `text` starts.
    first_line: u32,
    format: Format,
}

/// A key as written, with its (line, column) in the file.
#[derive(Debug)]
struct Key {
    name: String,
    /// The table it is in (`build`), `None` at the top level.
    parent: Option<String>,
    /// Its value is a table.
    table: bool,
    at: (u32, u32),
}

impl Doc<'_> {
    fn what(&self) -> &'static str {
        match self.format {
            Format::Toml => "invalid TOML",
            Format::Yaml => "invalid YAML front matter",
        }
    }

    /// (line, column) of a byte offset into `text`.
    fn pos(&self, offset: usize) -> (u32, u32) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() as u32;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() as u32 + 1;
        (self.first_line + line, col)
    }

    fn yaml_pos(&self, loc: serde_saphyr::Location) -> (u32, u32) {
        let line = u32::try_from(loc.line()).unwrap_or(u32::MAX).max(1);
        let col = u32::try_from(loc.column()).unwrap_or(u32::MAX).max(1);
        (self.first_line.saturating_add(line - 1), col)
    }

    fn error(&self, (line, col): (u32, u32), message: String) -> Error {
        Error::Source {
            path: self.src.path.clone(),
            line: line as usize,
            col: col as usize,
            message,
        }
    }

    fn invalid(&self, key: &Key, expected: &str) -> Error {
        self.error(
            key.at,
            format!("invalid value for '{}': {expected}", key.name),
        )
    }

    /// The keys, in document order; a syntax error is an error here.
    fn keys(&self) -> Result<Vec<Key>, Error> {
        let mut keys = match self.format {
            Format::Toml => {
                let table = toml::de::DeTable::parse(self.text).map_err(|e| {
                    let at = self.pos(e.span().map_or(0, |s| s.start));
                    self.error(at, format!("{}: {}", self.what(), e.message().trim_end()))
                })?;
                let mut keys = Vec::new();
                for (k, v) in table.get_ref() {
                    let sub = match v.get_ref() {
                        toml::de::DeValue::Table(t) => Some(t),
                        _ => None,
                    };
                    keys.push(Key {
                        name: k.get_ref().to_string(),
                        parent: None,
                        table: sub.is_some(),
                        at: self.pos(k.span().start),
                    });
                    for (sk, sv) in sub.into_iter().flatten() {
                        keys.push(Key {
                            name: sk.get_ref().to_string(),
                            parent: Some(k.get_ref().to_string()),
                            table: matches!(sv.get_ref(), toml::de::DeValue::Table(_)),
                            at: self.pos(sk.span().start),
                        });
                    }
                }
                keys
            }
            Format::Yaml => {
                let found: YamlKeys =
                    serde_saphyr::from_str(self.text).map_err(|e| self.yaml_error(&[], &e))?;
                found
                    .0
                    .into_iter()
                    .map(|k| Key {
                        name: k.value,
                        parent: None,
                        table: false,
                        at: self.yaml_pos(k.referenced),
                    })
                    .collect()
            }
        };
        keys.sort_by_key(|k| k.at);
        Ok(keys)
    }

    /// Reads `T` from the document. A bad value names the key it belongs
    /// to: the last key written before the value's position.
    fn deserialize<T: de::DeserializeOwned>(&self, keys: &[Key]) -> Result<T, Error> {
        match self.format {
            Format::Toml => toml::from_str(self.text).map_err(|e| {
                let at = self.pos(e.span().map_or(0, |s| s.start));
                self.value_error(keys, at, e.message())
            }),
            Format::Yaml => {
                serde_saphyr::from_str(self.text).map_err(|e| self.yaml_error(keys, &e))
            }
        }
    }

    fn yaml_error(&self, keys: &[Key], e: &serde_saphyr::Error) -> Error {
        let at = e
            .without_snippet()
            .location()
            .map_or((self.first_line, 1), |l| self.yaml_pos(l));
        let msg = e
            .without_snippet()
            .render_with_formatter(&serde_saphyr::UserMessageFormatter);
        // The message ends with its own (body-relative) position.
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        self.value_error(keys, at, &msg)
    }

    fn value_error(&self, keys: &[Key], at: (u32, u32), message: &str) -> Error {
        let message = message.trim_end();
        match keys.iter().rev().find(|k| k.at <= at && !k.table) {
            Some(k) if message.starts_with("expected ") => {
                self.error(at, format!("invalid value for '{}': {message}", k.name))
            }
            _ => self.error(at, format!("{}: {message}", self.what())),
        }
    }

    /// A warning for a key that is not in `known`, with a suggestion.
    fn warn_unknown(
        &self,
        key: &Key,
        shown: &str,
        known: &[&str],
        in_config: bool,
        diags: &mut Vec<Diagnostic>,
    ) {
        if known.contains(&key.name.as_str()) {
            return;
        }
        let mut known = known.to_vec();
        if in_config {
            known.push("build");
        }
        let message = match crate::diag::closest(&key.name, &known) {
            Some(k) => format!("unknown key '{shown}', did you mean '{k}'?"),
            None => format!("unknown key '{shown}' (known: {})", known.join(", ")),
        };
        diags.push(Diagnostic::warning(&self.src.path, key.at.0, message).with_col(key.at.1));
    }
}

/// Top-level keys of a YAML mapping, with their positions.
struct YamlKeys(Vec<serde_saphyr::Spanned<String>>);

impl<'de> Deserialize<'de> for YamlKeys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = YamlKeys;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`key: value` lines")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<YamlKeys, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = map.next_key()? {
                    map.next_value::<de::IgnoredAny>()?;
                    keys.push(k);
                }
                Ok(YamlKeys(keys))
            }
            fn visit_unit<E: de::Error>(self) -> Result<YamlKeys, E> {
                Ok(YamlKeys(Vec::new()))
            }
        }
        d.deserialize_map(V)
    }
}

/// Front-matter keys that belong to what else the notes file is: a page
/// of a Jekyll, Hugo, Hexo, Zenn, Docusaurus or Obsidian site, or a Marp
/// deck. Not notedeck's, and not a mistake: no unknown-key warning.
pub const FOREIGN_KEYS: &[&str] = &[
    "aliases",
    "author",
    "authors",
    "background",
    "categories",
    "category",
    "comments",
    "cover",
    "created",
    "cssclass",
    "cssclasses",
    "description",
    "draft",
    "emoji",
    "excerpt",
    "featured_image",
    "hide_table_of_contents",
    "image",
    "keywords",
    "last_modified_at",
    "lastmod",
    "layout",
    "marp",
    "modified",
    "permalink",
    "pub_date",
    "publish",
    "published",
    "published_at",
    "publication_name",
    "redirect_from",
    "series",
    "sidebar_label",
    "sidebar_position",
    "slug",
    "summary",
    "tags",
    "thumbnail",
    "toc",
    "topics",
    "type",
    "updated",
    "weight",
];

/// The keys notedeck reads in front matter (other slide tools' keys are
/// dropped by `parse::tools`).
pub fn setting_keys() -> &'static [&'static str] {
    fields::<Settings>()
}

/// The field names serde's derive gives `T`: the known keys, never
/// written out a second time.
fn fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("probed"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// A value as written, before a field's rule checks it.
enum Scalar {
    Text(String),
    Number(String),
    Bool(bool),
    List(Vec<Scalar>),
    Other,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(v))
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_none<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
                Scalar::deserialize(d)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                let mut items = Vec::new();
                while let Some(x) = seq.next_element()? {
                    items.push(x);
                }
                Ok(Scalar::List(items))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Scalar, A::Error> {
                // TOML dates arrive as a one-entry map; they are text here.
                let map = de::value::MapAccessDeserializer::new(map);
                Ok(toml::value::Datetime::deserialize(map)
                    .map_or(Scalar::Other, |d| Scalar::Text(d.to_string())))
            }
        }
        d.deserialize_any(V)
    }
}

/// The field rules. Each error is `expected …`; the key is added from
/// the error's position.
fn checked<'de, D, T>(
    d: D,
    expected: &str,
    rule: impl FnOnce(Scalar) -> Option<T>,
) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
{
    let v = Scalar::deserialize(d)?;
    rule(v)
        .map(Some)
        .ok_or_else(|| de::Error::custom(format!("expected {expected}")))
}

fn plain_text(v: Scalar) -> Option<String> {
    match v {
        Scalar::Text(s) | Scalar::Number(s) => Some(s),
        _ => None,
    }
}

fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    checked(d, "text", plain_text)
}

fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    checked(d, "true or false", |v| match v {
        Scalar::Bool(b) => Some(b),
        _ => None,
    })
}

fn theme_name<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    checked(d, "a theme name (letters, digits, '-', '_')", |v| {
        plain_text(v).filter(|t| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
    })
}

fn lang<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    checked(d, "a language tag such as 'en' or 'pt-BR'", |v| {
        plain_text(v)
            .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    })
}

fn aspect<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    checked(d, "a ratio such as \"16:9\" or \"4:3\"", |v| {
        plain_text(v).filter(|t| {
            t.split_once(':').is_some_and(|(w, h)| {
                w.parse::<u32>().is_ok_and(|w| w > 0) && h.parse::<u32>().is_ok_and(|h| h > 0)
            })
        })
    })
}

fn paths<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    checked(d, "a path or a list of paths", |v| match v {
        Scalar::Text(s) => Some(vec![s]),
        Scalar::List(items) => items
            .into_iter()
            .map(|x| match x {
                Scalar::Text(s) => Some(s),
                _ => None,
            })
            .collect(),
        _ => None,
    })
}

fn folder<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    checked(d, "a folder path", |v| match v {
        Scalar::Text(s) => Some(s),
        _ => None,
    })
}

fn heading_level<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    checked(d, "a heading level from 1 to 6", |v| match v {
        Scalar::Number(n) => n.parse::<u8>().ok().filter(|n| (1..=6).contains(n)),
        _ => None,
    })
}

fn theme_base<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let expected = format!(
        "a built-in theme ({})",
        crate::services::theme::names().join(", ")
    );
    checked(d, &expected, |v| match v {
        Scalar::Text(s) if crate::services::theme::builtin(&s).is_some() => Some(s),
        _ => None,
    })
}

fn minutes<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    checked(d, "whole minutes, such as 20", |v| match v {
        Scalar::Number(n) => n.parse::<u32>().ok().filter(|n| (1..=10_000).contains(n)),
        _ => None,
    })
}

/// A size cap in MiB: 1 to 4096 (4 GiB).
fn mebibytes<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    checked(d, "a whole number of MiB from 1 to 4096", |v| match v {
        Scalar::Number(n) => n.parse::<u64>().ok().filter(|n| (1..=4096).contains(n)),
        _ => None,
    })
}

fn line_budget<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    checked(d, "a whole number from 3 to 100", |v| match v {
        Scalar::Number(n) => n.parse::<usize>().ok().filter(|n| (3..=100).contains(n)),
        _ => None,
    })
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
    fn hexo_front_matter_may_leave_out_its_opening_line() {
        let s = src("title: Day\ndate: 2025-09-02\ntags:\n- rust\n\n--------\n# H\n");
        let mut d = Vec::new();
        let (fm, rest) = front_matter(&s, &mut d)
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no front matter"));
        assert_eq!(fm.settings.title.as_deref(), Some("Day"));
        assert_eq!(fm.keys.get("date"), Some(&(2, 1)));
        assert_eq!(fm.lines, (1, 6));
        assert_eq!(rest.text, "\n\n\n\n\n\n# H\n");
        // Notes that only start with a colon line keep it.
        for t in [
            "Title: Day\n---\n# H\n",
            "title: Day\n\nSome notes here.\n---\n",
            "title: Day\n# H\n",
        ] {
            assert!(
                front_matter(&src(t), &mut d).is_ok_and(|f| f.is_none()),
                "{t}"
            );
        }
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
            "notes.md:4:14: invalid value for 'incremental': expected true or false"
        );
        let s = src("+++\ntitle = \"x\n+++\n");
        let e = front_matter(&s, &mut d)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("notes.md:2:11: invalid TOML"), "{e}");
    }

    /// A notes file that is also a site page keeps its site's front
    /// matter; a typo of notedeck's own keys still warns.
    #[test]
    fn site_front_matter_is_not_a_mistake() {
        let text = "---\nlayout: post\ntitle: T\nauthor: Ana\ntags: [a, b]\ncategories: [x]\n\
                    permalink: /t/\ncreated: 2024-01-01\nupdated: 2024-01-02\ndraft: false\n\
                    description: d\nkeywords: k\nthme: dark\n---\n# T\n";
        let mut d = Vec::new();
        front_matter(&src(text), &mut d).expect("front matter");
        let d: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            d,
            ["notes.md:13:1: warning: unknown key 'thme', did you mean 'theme'?"]
        );
    }

    fn fm_error(text: &str) -> String {
        front_matter(&src(text), &mut Vec::new())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    /// Positions come from the parsers' spans. The old text search for
    /// `key:` found the first line starting with the key, here inside a
    /// block scalar, or in another TOML table.
    #[test]
    fn errors_point_at_the_value_not_the_first_mention_of_the_key() {
        assert_eq!(
            fm_error("---\ntitle: |\n  incremental: yes\nincremental: maybe\n---\n"),
            "notes.md:4:14: invalid value for 'incremental': expected true or false"
        );
        assert_eq!(
            fm_error("---\ntitle: T\nspeaker: [a, b]\n---\n"),
            "notes.md:3:10: invalid value for 'speaker': expected text"
        );
        let cfg = SourceFile::new(
            "notedeck.toml",
            "title = \"x\"\n[other]\nline_budget = 1\n\n[build]\nline_budget = 200\n",
        );
        let mut d = Vec::new();
        let e = parse_config(&cfg, &mut d).err().map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("notedeck.toml:6:15: invalid value for 'line_budget': expected a whole number from 3 to 100")
        );
        let msgs: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            msgs,
            ["notedeck.toml:2:2: warning: unknown key 'other' (known: title, event, date, speaker, theme, incremental, aspect, lang, allow_html, talk_level, presenter, by, minutes, total_minutes, build)"]
        );
        let cfg = SourceFile::new("notedeck.toml", "build = 3\n");
        let e = parse_config(&cfg, &mut d).err().map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("notedeck.toml:1:1: invalid value for 'build': expected a [build] table")
        );
    }

    #[test]
    fn yaml_is_read_by_serde_saphyr_with_positions() {
        let e = fm_error("---\ntitle: x\nspeaker: \"open\n---\n");
        assert!(e.starts_with("notes.md:"), "{e}");
        assert!(e.contains("invalid YAML front matter"), "{e}");
        // Unknown keys warn at their own line and column.
        let mut d = Vec::new();
        let s = src("---\ntitle: 2025\nlang: pt-BR\nthme: dark\n---\n");
        let (fm, _) = front_matter(&s, &mut d)
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no front matter"));
        assert_eq!(fm.settings.title.as_deref(), Some("2025"));
        assert_eq!(fm.settings.lang.as_deref(), Some("pt-BR"));
        assert_eq!(
            d.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            ["notes.md:4:1: warning: unknown key 'thme', did you mean 'theme'?"]
        );
    }

    #[test]
    fn the_known_keys_are_the_struct_s_fields() {
        assert_eq!(
            fields::<Settings>(),
            [
                "title",
                "event",
                "date",
                "speaker",
                "theme",
                "incremental",
                "aspect",
                "lang",
                "allow_html",
                "talk_level",
                "presenter",
                "by",
                "minutes",
                "total_minutes"
            ]
        );
        assert_eq!(
            fields::<BuildTable>(),
            [
                "input",
                "output",
                "line_budget",
                "theme_base",
                "max_notes_mib",
                "max_image_mib",
                "max_theme_mib"
            ]
        );
    }
}
