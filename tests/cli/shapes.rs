//! One small notes file per shape people write in (`tests/fixtures/shapes/`),
//! each with a snapshot of `notedeck outline` (the roles it chose, decks,
//! slides, warnings), and checks of what a presenter expects from each.

use crate::common;

use assert_cmd::Command;
use notedeck::deck::Deck;
use notedeck::outline::Block;
use std::path::Path;

fn outline(file: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rel = if file.starts_with("tests/") {
        file.to_string()
    } else {
        format!("tests/fixtures/shapes/{file}")
    };
    let out = Command::cargo_bin("notedeck")
        .expect("binary")
        .current_dir(root)
        .arg("outline")
        .arg(&rel)
        .output()
        .expect("run notedeck outline");
    assert!(out.status.success(), "{rel}: {out:?}");
    format!(
        "{}--- stderr ---\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

macro_rules! shape {
    ($name:ident, $file:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), outline($file));
        }
    };
}

shape!(day_talk, "day-talk.md");
shape!(conf_day_talk, "conf-day-talk.md");
shape!(h1_per_talk, "h1-per-talk.md");
shape!(talks_only, "talks-only.md");
shape!(h1_talks, "h1-talks.md");
shape!(misplaced_heading, "misplaced-heading.md");
shape!(talk_level_set, "talk-level-set.md");
shape!(long_intro, "long-intro.md");
shape!(speaker_notes, "speaker-notes.md");
shape!(clean_text, "clean-text.md");
shape!(marp, "marp.md");
shape!(slidev, "slidev.md");
shape!(remark, "remark.md");
shape!(reveal, "reveal.md");
shape!(presenterm, "presenterm.md");
shape!(quarto, "quarto.qmd");
shape!(pandoc_slides, "pandoc-slides.md");
shape!(deckset, "deckset.md");
// Per-slide looks: clicks, columns, fit titles, backgrounds.
shape!(slidev_looks, "tests/fixtures/looks/slidev-clicks.md");
shape!(marp_looks, "tests/fixtures/looks/marp-looks.md");
shape!(quarto_looks, "tests/fixtures/looks/quarto-looks.qmd");

fn decks(file: &str) -> (Vec<Deck>, Vec<String>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/shapes")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("fixture");
    let src = notedeck::source::SourceFile::new(file, &text);
    let p = notedeck::Compiler::once(notedeck::BuildOptions::default())
        .compile_sources(vec![src.clone()], Vec::new())
        .expect("compile");
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let warnings = p.diagnostics.iter().map(|d| d.to_string()).collect();
    (p.decks, warnings)
}

fn titles(decks: &[Deck]) -> Vec<String> {
    decks
        .iter()
        .map(|d| d.title.text.trim().to_string())
        .collect()
}

fn speakers(decks: &[Deck]) -> Vec<Option<String>> {
    decks.iter().map(|d| d.meta.speaker.clone()).collect()
}

#[test]
fn talks_groups_and_speakers_follow_the_shape() {
    let (d, _) = decks("conf-day-talk.md");
    assert_eq!(
        titles(&d),
        [
            "A. Zero-downtime migrations",
            "B. Config is code",
            "C. Profilers in prod"
        ]
    );
    assert_eq!(d[0].group.name, "Day 1");
    assert_eq!(d[2].group.name, "Day 2");
    assert_eq!(d[0].meta.event.as_deref(), Some("Conf 2026"));
    assert_eq!(d[0].meta.speaker.as_deref(), Some("Priya Raman"));
    // The `speaker:` line is not a bullet or a paragraph of the talk.
    let body = common::deck_model_text(&d[0]);
    assert!(!body.contains("speaker"), "{body}");
    assert!(body.contains('🚀'), "{body}");

    let (d, _) = decks("h1-per-talk.md");
    assert_eq!(
        titles(&d),
        [
            "The Lakehouse Nobody Asked For",
            "Designing for Tired People"
        ]
    );
    assert_eq!(
        d[0].meta.speaker.as_deref(),
        Some("Ana Beltrán — opening keynote")
    );

    let (d, _) = decks("day-talk.md");
    assert_eq!(titles(&d), ["Opening keynote", "Build systems"]);
    assert_eq!(
        speakers(&d),
        [Some("Ada Park".into()), Some("Lin Wei".into())]
    );
    // A one-line intro stays on the title slides.
    assert_eq!(d[0].group.intro.len(), 1);

    let (d, _) = decks("h1-talks.md");
    assert_eq!(titles(&d), ["Rust at work", "Postgres at scale"]);

    let (d, _) = decks("talk-level-set.md");
    assert_eq!(titles(&d), ["Day 1"]);
}

#[test]
fn a_misplaced_heading_stays_in_its_talk() {
    let (d, w) = decks("misplaced-heading.md");
    assert_eq!(
        titles(&d),
        [
            "Supply Chain Attacks",
            "Passkeys in the Real World",
            "Threat Modeling"
        ]
    );
    assert_eq!(d[2].meta.speaker.as_deref(), Some("Yuki Tanaka"));
    assert!(d.iter().all(|x| x.group.name == "Keynotes"));
    assert!(
        w.iter()
            .any(|m| m.contains(":10:") && m.contains("'Introduction'")),
        "{w:?}"
    );
}

#[test]
fn a_long_intro_is_a_deck_of_its_own() {
    let (d, _) = decks("long-intro.md");
    assert_eq!(
        titles(&d),
        ["About Infra Summit", "Cost allocation", "Module hygiene"]
    );
    assert!(d[1].group.intro.is_empty());
}

fn notes_of(deck: &Deck) -> String {
    deck.slides
        .iter()
        .map(|s| s.notes_text())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text of slide bodies, notes (also those inside list items) left out.
fn shown_of(deck: &Deck) -> String {
    fn walk(blocks: &[Block], s: &mut String) {
        for b in blocks {
            match b {
                Block::Notes { .. } => {}
                Block::List { items, .. } => {
                    for i in items {
                        s.push_str(&i.head.text);
                        s.push('\n');
                        walk(&i.children, s);
                    }
                }
                other => common::block_text(other, s),
            }
        }
    }
    let mut s = String::new();
    for slide in deck.slides.iter() {
        for t in &slide.title {
            s.push_str(&t.text);
            s.push('\n');
        }
        walk(&slide.body, &mut s);
    }
    s
}

#[test]
fn speaker_notes_in_every_convention_stay_off_the_slides() {
    let (d, _) = decks("speaker-notes.md");
    let private = [
        "private: this file is for me",
        "slow down here",
        "indented under the bullet",
        "capitals work too",
        "on the line below the marker",
        "remind: ask about schema migrations",
        "presenterm style",
        "He tried video walkthroughs.",
        "Nobody watched them.",
        "This talk mattered most for us.",
    ];
    let notes: String = d.iter().map(notes_of).collect::<Vec<_>>().join("\n");
    let shown: String = d.iter().map(shown_of).collect::<Vec<_>>().join("\n");
    for p in private {
        assert!(notes.contains(p), "{p:?} not in notes:\n{notes}");
        assert!(!shown.contains(p), "{p:?} shown:\n{shown}");
    }
    assert!(shown.contains("writes go to a local database first"));
    assert!(!shown.to_lowercase().contains("note"), "{shown}");
}

#[test]
fn decks_for_other_tools_keep_their_slides() {
    let slides = |f: &str| {
        let (d, w) = decks(f);
        assert_eq!(d.len(), 1, "{f}: one talk");
        let summary = w.iter().filter(|m| m.contains("directive")).count();
        (
            d[0].title.text.clone(),
            d[0].slides.len(),
            summary,
            d[0].meta.incremental,
        )
    };
    // Click steps make their own slide incremental, never the whole deck.
    assert_eq!(slides("marp.md"), ("The DNS Outage".into(), 3, 1, false));
    assert_eq!(slides("slidev.md"), ("State Machines".into(), 2, 1, false));
    assert_eq!(
        slides("remark.md"),
        ("Window Functions".into(), 4, 1, false)
    );
    assert_eq!(slides("reveal.md"), ("Zero Trust".into(), 4, 1, false));
    assert_eq!(
        slides("presenterm.md"),
        ("Terminal slides".into(), 3, 1, false)
    );

    // Notes: Marp comments, Slidev's closing comment, remark `???`,
    // reveal-md `Note:` to the next separator, presenterm speaker_note.
    for (f, note) in [
        ("marp.md", "Keep this slide up"),
        ("slidev.md", "Pause after 128."),
        ("remark.md", "Draw the table."),
        ("reveal.md", "And this runs to the next separator."),
        ("presenterm.md", "say hello"),
    ] {
        let (d, _) = decks(f);
        assert!(notes_of(&d[0]).contains(note), "{f}: {}", notes_of(&d[0]));
        assert!(!shown_of(&d[0]).contains(note), "{f}");
    }
    // The remark template's heading titles the slides after it.
    let (d, _) = decks("remark.md");
    assert_eq!(d[0].slides[2].title_text(), "Windows");
}

/// Other tools' markup a reader would see on a slide: fenced divs, `{…}`
/// attributes, `[fit]`, `^` notes, code-cell options, pauses, slots and
/// directive comments.
fn leftover_markup(shown: &str) -> Vec<String> {
    let attrs = |l: &str| {
        l.find('{').is_some_and(|at| {
            let inner = &l[at + 1..];
            inner.starts_with(['.', '#'])
                || inner.split('}').next().is_some_and(|x| x.contains('='))
        })
    };
    shown
        .lines()
        .map(str::trim)
        .filter(|l| {
            l.contains(":::")
                || attrs(l)
                || l.contains("[fit]")
                || l.starts_with("^ ")
                || l.starts_with("#|")
                || *l == ". . ."
                || l.contains("<!--")
                || (l.starts_with("::") && l.ends_with("::"))
                || (l.starts_with("[.") && l.ends_with(']'))
        })
        .map(String::from)
        .collect()
}

#[test]
fn the_leftover_scan_sees_each_kind_of_markup() {
    for bad in [
        "::: notes",
        "## Title {background-color=\"#888\"}",
        "Big {.smaller}",
        "# [fit] Title",
        "^ say this",
        "#| echo: true",
        ". . .",
        "[.column]",
        "::right::",
        "<!-- _class: x -->",
    ] {
        assert_eq!(leftover_markup(bad), [bad], "{bad}");
    }
    assert!(leftover_markup("a {b, c} set and fn x() { y }").is_empty());
}

#[test]
fn quarto_pandoc_and_deckset_decks_keep_the_authors_slides() {
    // (file, title, slides the author separated: the front-matter title
    // slide, section slides, one per slide heading or `---`)
    for (file, title, count) in [
        ("quarto.qmd", "Feature Flags at Scale", 8),
        ("pandoc-slides.md", "Rust in the Kernel", 8),
        ("deckset.md", "Incident Reviews", 5),
    ] {
        let (d, w) = decks(file);
        assert_eq!(d.len(), 1, "{file}: one talk, {:?}", titles(&d));
        assert_eq!(d[0].title.text, title, "{file}");
        let heads: Vec<String> = d[0].slides.iter().map(|s| s.title_text()).collect();
        assert_eq!(d[0].slides.len(), count, "{file}: {heads:?}");
        let summaries = w.iter().filter(|m| m.contains("dropped")).count();
        assert_eq!(summaries, 1, "{file}: one summary warning, {w:?}");
    }
    for (file, notes) in [
        ("quarto.qmd", &["Friday rollback"][..]),
        ("pandoc-slides.md", &["70% figure"][..]),
        (
            "../looks/quarto-looks.qmd",
            &["Only the speaker reads this."][..],
        ),
        (
            "deckset.md",
            &["keep it short", "people argue about", "still a note"][..],
        ),
    ] {
        let (d, _) = decks(file);
        let (said, shown) = (notes_of(&d[0]), shown_of(&d[0]));
        for n in notes {
            assert!(said.contains(n), "{file}: {n:?} not in notes: {said}");
            assert!(!shown.contains(n), "{file}: {n:?} on a slide");
        }
    }
}

#[test]
fn no_slide_tool_markup_is_left_on_a_slide() {
    for file in [
        "marp.md",
        "slidev.md",
        "remark.md",
        "reveal.md",
        "presenterm.md",
        "quarto.qmd",
        "pandoc-slides.md",
        "deckset.md",
        "../looks/quarto-looks.qmd",
        "../looks/slidev-clicks.md",
        "../looks/marp-looks.md",
        "../corpus/marp-deck.md",
        "../corpus/slidev-deck.md",
        "../corpus/remark-deck.md",
        "../corpus/revealmd-deck.md",
    ] {
        let (d, _) = decks(file);
        let left = leftover_markup(&shown_of(&d[0]));
        assert!(left.is_empty(), "{file}: {left:?}");
    }
    // The code cell keeps its code, not its options.
    let (d, _) = decks("quarto.qmd");
    assert!(shown_of(&d[0]).contains("render_new()"));
}

#[test]
fn quarto_pandoc_and_deckset_looks() {
    use notedeck::deck::BgSide;
    let (d, _) = decks("quarto.qmd");
    let s = &d[0].slides;
    // Title, Why flags, The problem, Two columns, Steps, Code, Wrap-up, Thanks.
    let bg = s[2].look.background.as_ref().expect("heading background");
    assert_eq!(bg.color.as_deref(), Some("#223344"));
    let cols = s[3].look.columns.expect("second .column");
    assert_eq!(cols.widths, [40, 60], "width=\"40%\", width=\"60%\"");
    assert!(
        s[5].look.smaller && !s[4].look.smaller,
        "## Code {{.smaller}}"
    );
    assert!(
        s[7].look.center && !s[6].look.center,
        "## Thanks {{.center}}"
    );
    assert_eq!(steps_of(&d[0]), [0, 0, 0, 0, 1, 1, 0, 0]);
    assert!(s[4].look.steps[0].each_item, ".incremental: item by item");

    let (d, _) = decks("pandoc-slides.md");
    let s = &d[0].slides;
    assert_eq!(s[3].look.columns.map(|c| c.widths), Some([50, 50]));
    assert_eq!(steps_of(&d[0])[4], 1, ". . . pause");
    assert!(s[7].look.fit_title, ".r-fit-text heading");

    let (d, _) = decks("deckset.md");
    let s = &d[0].slides;
    assert!(s[0].look.fit_title && s[4].look.fit_title && !s[1].look.fit_title);
    let bg = s[2].look.background.as_ref().expect("![left] image");
    assert_eq!(bg.side, BgSide::Left);
    assert!(s[3].look.columns.is_some(), "second [.column]");
    // `![inline]` stays an image on its slide.
    assert!(
        s[4].body.iter().any(|b| b.lines().start == 42),
        "{:?}",
        s[4].body
    );
    assert!(s
        .iter()
        .all(|x| x.look.background.as_ref().is_none_or(|b| b.line != 42)));
}

#[test]
fn text_comes_out_clean() {
    let (d, w) = decks("clean-text.md");
    let shown: String = d.iter().map(shown_of).collect::<Vec<_>>().join("\n");
    assert!(shown.contains("shipped it 🚀 and 🎉"), "{shown}");
    assert!(shown.contains(":not_an_emoji_code:"));
    assert!(!shown.contains('\\'), "{shown}");
    assert!(
        w.iter().any(|m| m.contains("did you mean a heading?")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|m| m.contains("'Quick Title' directly above '---'")),
        "{w:?}"
    );
    assert!(w.iter().any(|m| m.contains("kept as a paragraph")), "{w:?}");
    // A promoted numbered item keeps its number.
    let numbered = d.iter().find(|x| x.title.text == "Numbered").expect("deck");
    assert!(
        numbered
            .slides
            .iter()
            .any(|s| s.title_text().ends_with("2. the second point")),
        "{:?}",
        numbered
            .slides
            .iter()
            .map(|s| s.title_text())
            .collect::<Vec<_>>()
    );
    // Readable file names for any script.
    let arabic = d.iter().find(|x| x.title.text == "العربية").expect("deck");
    assert_eq!(arabic.slug, "l-rby");
}

/// Steps of each slide: how many clicks, the text each click shows.
fn steps_of(deck: &Deck) -> Vec<usize> {
    deck.slides.iter().map(|s| s.look.steps.len()).collect()
}

#[test]
fn other_tools_slide_looks_are_kept_per_slide() {
    use notedeck::deck::BgSide;
    // Slidev: `<v-click>` on the two-cols slide; the cover has none.
    let (d, _) = decks("slidev.md");
    assert_eq!(steps_of(&d[0]), [0, 1]);
    let s = &d[0].slides[1];
    let col = s.look.columns.expect("a right column").right;
    let heads: Vec<(u32, String)> = s
        .body
        .iter()
        .map(|b| {
            let mut t = String::new();
            common::block_text(b, &mut t);
            (b.lines().start, t)
        })
        .collect();
    let right: Vec<&str> = heads
        .iter()
        .filter(|(l, _)| *l >= col)
        .map(|(_, t)| t.trim())
        .collect();
    assert!(right.iter().any(|t| t.contains("After")), "{heads:?}");
    assert!(
        right.iter().any(|t| t.contains("128 combinations")),
        "{heads:?}"
    );
    assert!(
        !right.iter().any(|t| t.contains("seven booleans")),
        "{heads:?}"
    );
    // The click holds the paragraph between the tags, nothing before it.
    let (k, each) = s
        .look
        .step_of(
            heads
                .iter()
                .find(|(_, t)| t.contains("128"))
                .map_or(0, |h| h.0),
        )
        .expect("in a step");
    assert_eq!((k, each), (0, false));
    assert!(heads
        .iter()
        .filter(|(_, t)| t.contains("one enum"))
        .all(|(l, _)| s.look.step_of(*l).is_none()));

    // remark: `--` is a step of the Agenda slide only; the column macro
    // with nothing on its left stays one column in render, still marked.
    let (d, _) = decks("remark.md");
    assert_eq!(steps_of(&d[0]), [0, 1, 0, 0]);
    assert!(d[0].slides[2].look.columns.is_some());

    // reveal: the fragment item and the slide background.
    let (d, _) = decks("reveal.md");
    assert_eq!(steps_of(&d[0]), [0, 0, 1, 0]);
    let bg = d[0].slides[1].look.background.as_ref().expect("background");
    assert_eq!(bg.color.as_deref(), Some("#ff0000"));
    assert!(d[0].slides[2].look.background.is_none(), "that slide only");

    // presenterm: `<!-- column: 1 -->` starts the right column.
    let (d, _) = decks("presenterm.md");
    let s = &d[0].slides[1];
    let cols = s.look.columns.expect("column");
    // `column_layout: [1, 1]`: halves.
    assert_eq!(cols.widths, [50, 50]);
    let (left, right) = notedeck::deck::split_columns(&s.body, cols.right);
    let text = |b: &[Block]| {
        let mut t = String::new();
        b.iter().for_each(|x| common::block_text(x, &mut t));
        t
    };
    assert!(text(&left).contains("left side") && !text(&left).contains("right side"));
    assert!(text(&right).contains("right side"));

    // Marp: the fit title and the right-half background image, no longer
    // an image in the body.
    let (d, w) = decks("marp.md");
    assert!(d[0].slides[0].look.fit_title);
    assert!(!d[0].slides[1].look.fit_title);
    let bg = d[0].slides[1].look.background.as_ref().expect("bg image");
    assert_eq!(bg.side, BgSide::Right);
    assert_eq!(bg.image.as_deref(), Some("../corpus/img/diagram.png"));
    assert!(!shown_of(&d[0]).contains("diagram"), "{}", shown_of(&d[0]));
    assert!(!w.iter().any(|m| m.contains("diagram")), "{w:?}");
}

#[test]
fn a_background_that_cannot_be_embedded_warns_at_its_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::cargo_bin("notedeck")
        .expect("binary")
        .current_dir(root)
        .args(["check", "tests/fixtures/looks/bg-missing.md"])
        .output()
        .expect("run notedeck check");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "warnings only: {err}");
    let bg: Vec<&str> = err.lines().filter(|l| l.contains("background")).collect();
    assert_eq!(bg.len(), 2, "{err}");
    assert!(bg[0].starts_with("tests/fixtures/looks/bg-missing.md:9:1: warning: background image 'nope.png' not found"), "{err}");
    assert!(
        bg[1].contains(":15:1:") && bg[1].contains("cannot be shown offline"),
        "{err}"
    );
    assert_eq!(
        err.matches("nope.png").count(),
        1,
        "one warning per image: {err}"
    );
}

/// Content slides of a deck written as `text` in a file named `name`.
fn content_slides(name: &str, text: &str) -> usize {
    let src = notedeck::source::SourceFile::new(name, text);
    let p = notedeck::Compiler::once(notedeck::BuildOptions::default())
        .compile_sources(vec![src], Vec::new())
        .expect("compile");
    assert_eq!(p.decks.len(), 1, "{name}");
    p.decks[0].slides.len() - 1
}

#[test]
fn layout_measures_columns_at_their_widths_and_smaller_bodies_smaller() {
    // A paragraph on the left, nine bullets on the right: too tall one
    // under the other, side by side it fits in halves; squeezed into 15%
    // of the width the paragraph wraps into more lines than the slide holds.
    let columns = |left: u8| {
        format!(
            "---\ntitle: T\nformat: revealjs\n---\n\n## Side by side\n\n:::: columns\n\
             ::: {{.column width=\"{left}%\"}}\n{}\n:::\n::: {{.column width=\"{}%\"}}\n{}\n:::\n::::\n",
            "A paragraph of words that wrap. ".repeat(8),
            100 - left,
            (1..=9).map(|i| format!("- point {i}\n")).collect::<String>()
        )
    };
    assert_eq!(content_slides("a.qmd", &columns(50)), 1);
    assert!(content_slides("a.qmd", &columns(15)) > 1);

    // Thirteen bullets overflow a slide at the body size and fit one step
    // smaller.
    let bullets = |attrs: &str| {
        format!(
            "---\ntitle: T\nformat: revealjs\n---\n\n## Many points {attrs}\n\n{}",
            (1..=13)
                .map(|i| format!("- point {i}\n"))
                .collect::<String>()
        )
    };
    assert_eq!(content_slides("b.qmd", &bullets("")), 2);
    assert_eq!(content_slides("b.qmd", &bullets("{.smaller}")), 1);
}
