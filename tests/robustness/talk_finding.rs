//! Where talks start is stable while a person types, and does not hang on
//! the words of one talk's title.

use notedeck::outline::Outline;
use notedeck::parse::parse;
use notedeck::source::SourceFile;
use proptest::prelude::*;

fn outline(name: &str, text: &str) -> Outline {
    let mut diags = Vec::new();
    parse(&SourceFile::new(name, text), &mut diags)
}

/// Start lines of the talks (not the material around them).
fn starts(o: &Outline) -> Vec<u32> {
    o.groups
        .iter()
        .flat_map(|g| g.talks.iter())
        .filter(|t| !t.extra)
        .map(|t| t.line)
        .collect()
}

/// Types `text` line by line; once a prefix has two talks, every talk but
/// the last (which may still be growing) starts where it did in every
/// longer prefix.
fn assert_stable_while_typing(name: &str, text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    let mut settled: Vec<u32> = Vec::new();
    for n in 1..=lines.len() {
        let prefix = lines[..n].join("\n");
        let now = starts(&outline(name, &prefix));
        assert!(
            now.starts_with(&settled),
            "{name}: after line {n} talks start at {now:?}, before at {settled:?}"
        );
        if now.len() >= 2 {
            settled = now[..now.len() - 1].to_vec();
        }
    }
}

#[test]
fn talks_above_never_move_while_typing() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for rel in [
        "talks/rustconf-2025/day-one.md",
        "tests/fixtures/talks/conf-day-talk-repeats.md",
        "tests/fixtures/talks/extras-around-talks.md",
        "tests/fixtures/talks/speaker-first.md",
        "tests/fixtures/talks/quoted-schedule.md",
        "tests/fixtures/talks/bold-talks.md",
        "tests/fixtures/talks/bold-titles-under-tracks.md",
        "tests/fixtures/talks/title-lines-over-lists.md",
        "tests/fixtures/talks/title-lines-naming-speakers.md",
        "tests/fixtures/talks/bracketed-bylines.md",
        "tests/fixtures/talks/setext-long-titles-italic-bylines.md",
        "tests/fixtures/talks/corner-bracket-titles.md",
        "tests/fixtures/corpus/conf-day-talk-h3.md",
        "tests/fixtures/corpus/h1-per-talk.md",
        "tests/fixtures/corpus/many-short-talks.md",
    ] {
        let text = std::fs::read_to_string(root.join(rel)).expect("fixture");
        let name = rel.rsplit('/').next().unwrap_or(rel);
        assert_stable_while_typing(name, &text);
    }
}

const WORDS: &[&str] = &[
    "caching",
    "graphs",
    "streams",
    "compilers",
    "tests",
    "latency",
    "budgets",
    "errors",
    "queues",
    "types",
    "memory",
    "indexes",
    "retries",
    "builds",
    "search",
    "maps",
];

fn title() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 1..6),
        any::<bool>(),
    )
        .prop_map(|(ws, cap)| {
            let t = ws.join(" ");
            if cap {
                let mut c = t.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or(t)
            } else {
                t
            }
        })
}

fn notes(titles: &[String]) -> String {
    let mut md = String::from("# Day One\n\n");
    for t in titles {
        md.push_str(&format!(
            "## {t}\n\n- a point about {t}\n  - a detail\n- another point\n\n"
        ));
    }
    md
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn renaming_a_talk_never_changes_how_many_talks(
        titles in prop::collection::vec(title(), 1..8),
        which in any::<prop::sample::Index>(),
        new in title(),
    ) {
        let before = starts(&outline("day.md", &notes(&titles))).len();
        let mut renamed = titles.clone();
        let i = which.index(renamed.len());
        renamed[i] = new;
        let after = starts(&outline("day.md", &notes(&renamed))).len();
        prop_assert_eq!(before, after);
        prop_assert_eq!(before, titles.len());
    }
}
