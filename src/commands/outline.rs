//! `notedeck outline`: how notes map to decks and slides, as a tree or
//! as stable JSON.

use super::Reporter;
use crate::compile::Project;
use crate::{BuildOptions, Compiler};
use serde::Serialize;
use std::process::ExitCode;

/// Compiles the inputs (nothing rendered or written) and prints the
/// outline; findings go to stderr.
pub fn run(r: &Reporter, opts: BuildOptions, json: bool) -> ExitCode {
    let project = match Compiler::once(opts).compile() {
        Ok(p) => p,
        Err(e) => return r.fail(&e),
    };
    let failed = r.findings(&project);
    if json {
        match serde_json::to_string_pretty(&outline_json(&project)) {
            Ok(s) => r.data(format_args!("{s}\n")),
            Err(e) => {
                r.error(e);
                return ExitCode::from(1);
            }
        }
    } else {
        r.data(outline_text(&project));
    }
    super::code(failed)
}

#[derive(Serialize)]
pub struct OutlineJson {
    /// How each file's headings were read.
    pub files: Vec<FileJson>,
    /// The talks.
    pub decks: Vec<DeckJson>,
    /// Material around the talks (intros, venue, closing thoughts): built
    /// and shown like a deck, but not a talk.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extras: Vec<DeckJson>,
}

#[derive(Serialize)]
pub struct FileJson {
    pub source: String,
    pub roles: crate::outline::Roles,
}

#[derive(Serialize)]
pub struct DeckJson {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    pub group: String,
    pub path: String,
    pub source: String,
    pub line: u32,
    pub slides: Vec<SlideJson>,
    /// Every link on the talk's slides, each URL once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<crate::render::links::Link>,
}

#[derive(Serialize)]
pub struct SlideJson {
    pub title: String,
    pub line: u32,
    pub notes: String,
    #[serde(skip_serializing_if = "crate::deck::SlideLook::is_plain")]
    pub look: crate::deck::SlideLook,
}

pub fn outline_json(project: &Project) -> OutlineJson {
    OutlineJson {
        files: project
            .roles
            .iter()
            .map(|(p, r)| FileJson {
                source: p.to_string_lossy().replace('\\', "/"),
                roles: r.clone(),
            })
            .collect(),
        decks: project
            .decks
            .iter()
            .filter(|d| !d.extra)
            .map(deck_json)
            .collect(),
        extras: project
            .decks
            .iter()
            .filter(|d| d.extra)
            .map(deck_json)
            .collect(),
    }
}

fn deck_json(d: &crate::deck::Deck) -> DeckJson {
    DeckJson {
        title: d.title.text.trim().to_string(),
        speaker: d.meta.speaker.clone(),
        group: d.group.name.clone(),
        path: d.path.clone(),
        source: d.source.to_string_lossy().replace('\\', "/"),
        line: d.line,
        slides: d
            .slides
            .iter()
            .map(|s| SlideJson {
                title: s.title_text(),
                line: s.lines.start,
                notes: s.notes_text(),
                look: s.look.clone(),
            })
            .collect(),
        links: crate::render::links::digest(d),
    }
}

pub fn outline_text(project: &Project) -> String {
    let mut out = String::new();
    let mut last_group = String::new();
    let mut last_source = None;
    for d in &project.decks {
        if last_source != Some(&d.source) {
            if let Some((_, r)) = project.roles.iter().find(|(p, _)| *p == d.source) {
                let why = if r.why.is_empty() {
                    String::new()
                } else {
                    format!(": {}", r.why)
                };
                out.push_str(&format!("{}: {}{why}\n", d.source.display(), r.describe()));
            }
            last_source = Some(&d.source);
        }
        let key = format!("{}\u{0}{}", d.group.slug, d.source.display());
        if key != last_group {
            out.push_str(&format!("{}  ({})\n", d.group.name, d.source.display()));
            last_group = key;
        }
        out.push_str(&format!(
            "  {}{} → {}  [{} slide{}, line {}]\n",
            d.title.text.trim(),
            if d.extra { " (around the talks)" } else { "" },
            d.path,
            d.slides.len(),
            if d.slides.len() == 1 { "" } else { "s" },
            d.line
        ));
        for (i, s) in d.slides.iter().enumerate() {
            let notes = if s.all_notes().is_empty() {
                ""
            } else {
                "  + notes"
            };
            let look = if s.look.is_plain() {
                String::new()
            } else {
                format!("  [{}]", s.look.describe())
            };
            out.push_str(&format!(
                "    {:>2}. {}  (lines {}-{}){notes}{look}\n",
                i + 1,
                s.title_text(),
                s.lines.start,
                s.lines.end
            ));
        }
    }
    out
}
