//! The CommonMark spec examples (tests/data/commonmark-spec.json, from the
//! `commonmark-spec` npm package 0.31.2, CC-BY-SA 4.0) each compiled as a
//! notes file: no panic, and every word of the example's text (the
//! expected HTML with tags stripped and entities decoded) appears in the
//! built pages.

use crate::common;

use common::{compile_text, html_text, missing_words};
use serde::Deserialize;

#[derive(Deserialize)]
struct Example {
    markdown: String,
    html: String,
    example: u32,
    section: String,
}

fn examples() -> Vec<Example> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/commonmark-spec.json"
    );
    let json = std::fs::read_to_string(path).expect("spec.json");
    serde_json::from_str(&json).expect("spec JSON")
}

/// A heading with nothing under it is an empty section: notedeck makes no
/// slides from it and warns `path:line: empty section 'TITLE'` instead
/// (the notes rules). Its words are then only in that warning, which the
/// test checks.
const EMPTY_SECTION: &str =
    "only content is a heading with nothing under it (empty section, warned)";

/// Examples whose words cannot all appear, each with its reason.
// (A file of one heading and nothing else is now one talk with its title
// slide: those examples keep their words.)
const EXPECTED_LOSSES: &[(u32, &str)] = &[(96, EMPTY_SECTION), (616, SANITIZED)];

/// Raw HTML whose attribute soup the sanitizer drops (with a warning);
/// the spec's expected HTML keeps it as text only by a quirk of stripping
/// tags at the first `>`.
const SANITIZED: &str = "raw HTML attributes removed by the sanitizer (warned)";

#[test]
fn every_spec_example_compiles_and_keeps_its_words() {
    let all = examples();
    assert_eq!(all.len(), 652);
    let mut failures = Vec::new();
    let mut passed = 0;
    for ex in &all {
        let md = ex.markdown.clone();
        let name = format!("example-{}.md", ex.example);
        let (project, pages) = common::on_small_stack(move || compile_text(&name, &md));
        let shown: String = pages
            .values()
            .map(|h| html_text(h))
            .collect::<Vec<_>>()
            .join("\n");
        let expected = html_text(&ex.html);
        let missing = missing_words(&expected, &shown);
        let listed = EXPECTED_LOSSES.iter().any(|(n, _)| *n == ex.example);
        match (missing.is_empty(), listed) {
            (true, false) => passed += 1,
            (false, true) => {
                // The lost words must be the titles named by the warnings.
                let sanitized = EXPECTED_LOSSES
                    .iter()
                    .any(|(n, why)| *n == ex.example && *why == SANITIZED);
                if sanitized {
                    if !project
                        .diagnostics
                        .iter()
                        .any(|d| d.message.contains("HTML"))
                    {
                        failures.push(format!(
                            "example {}: raw HTML dropped without a warning",
                            ex.example
                        ));
                    }
                    continue;
                }
                let warned: String = project
                    .diagnostics
                    .iter()
                    .filter(|d| d.message.starts_with("empty section '"))
                    .map(|d| d.message.clone())
                    .collect::<Vec<_>>()
                    .join("\n");
                let lost = missing.join(" ");
                let unexplained = missing_words(&lost, &warned);
                if !unexplained.is_empty() {
                    failures.push(format!(
                        "example {}: {:?} lost without an empty-section warning",
                        ex.example, unexplained
                    ));
                }
            }
            (true, true) => failures.push(format!(
                "example {} ({}) is listed as a loss but now keeps every word",
                ex.example, ex.section
            )),
            (false, false) => failures.push(format!(
                "example {} ({}): missing {:?}\n{:?}",
                ex.example, ex.section, missing, ex.markdown
            )),
        }
    }
    println!("{passed} of {} spec examples keep every word", all.len());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(passed + EXPECTED_LOSSES.len(), all.len());
}
