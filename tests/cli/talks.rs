//! Where talks start and what they are called, in notes of every shape
//! (`tests/fixtures/talks/`, one small file per kind): `outline --json`
//! titles, speakers and the reason given, plus a text snapshot each.

use assert_cmd::Command;
use std::path::Path;

struct Cut {
    talks: Vec<(String, Option<String>)>,
    extras: Vec<String>,
    why: String,
    text: String,
    warnings: String,
}

fn cut(file: &str) -> Cut {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rel = format!("tests/fixtures/talks/{file}");
    let run = |json: bool| {
        let mut cmd = Command::cargo_bin("notedeck").expect("binary");
        cmd.current_dir(root).args(["outline", &rel]);
        if json {
            cmd.arg("--json");
        }
        let out = cmd.output().expect("run outline");
        assert!(out.status.success(), "{rel}: {out:?}");
        (
            String::from_utf8(out.stdout).expect("utf-8"),
            String::from_utf8(out.stderr).expect("utf-8"),
        )
    };
    let (json, warnings) = run(true);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let titles =
        |key: &str| -> Vec<serde_json::Value> { v[key].as_array().cloned().unwrap_or_default() };
    Cut {
        talks: titles("decks")
            .iter()
            .map(|d| {
                (
                    d["title"].as_str().unwrap_or("").to_string(),
                    d["speaker"].as_str().map(str::to_string),
                )
            })
            .collect(),
        extras: titles("extras")
            .iter()
            .map(|d| d["title"].as_str().unwrap_or("").to_string())
            .collect(),
        why: v["files"][0]["roles"]["why"]
            .as_str()
            .unwrap_or("")
            .to_string(),
        text: run(false).0,
        warnings,
    }
}

fn titles(c: &Cut) -> Vec<&str> {
    c.talks.iter().map(|(t, _)| t.as_str()).collect()
}

#[test]
fn days_with_repeated_talk_titles_keep_their_talks() {
    let c = cut("conf-day-talk-repeats.md");
    assert_eq!(
        titles(&c),
        [
            "Keynote",
            "Feature flags without the debt",
            "Lightning talks",
            "Keynote",
            "Lightning talks",
            "Queues are not databases"
        ]
    );
    assert_eq!(c.extras, ["Swag"]);
    assert!(c.why.contains("### headings"), "{}", c.why);
    insta::assert_snapshot!("talks_conf_day_talk_repeats", c.text);
}

#[test]
fn speaker_first_headings_are_talks_titled_by_the_emphasis() {
    let c = cut("speaker-first.md");
    assert_eq!(
        titles(&c),
        [
            "Fast likelihoods for very large pedigrees",
            "Calibrating priors from public panels",
            "Where imputation fails quietly"
        ]
    );
    assert_eq!(
        c.talks[0].1.as_deref(),
        Some("Dana Whitfield, Lakeside University")
    );
    insta::assert_snapshot!("talks_speaker_first", c.text);
}

#[test]
fn a_file_named_after_its_heading_is_one_talk() {
    let c = cut("rate-limiting-at-scale.md");
    assert_eq!(titles(&c), ["Rate limiting at scale"]);
    assert_eq!(c.talks[0].1.as_deref(), Some("Jo Marsh"));
    assert!(c.why.starts_with("one talk"), "{}", c.why);
    insta::assert_snapshot!("talks_one_talk_file", c.text);
}

#[test]
fn a_file_whose_headings_start_deep_is_one_talk_named_by_the_file() {
    let c = cut("Observability is a team sport.md");
    assert_eq!(titles(&c), ["Observability is a team sport"]);
    insta::assert_snapshot!("talks_starts_deep", c.text);
}

#[test]
fn bold_lines_under_an_event_are_talks() {
    let c = cut("bold-talks.md");
    assert_eq!(
        titles(&c),
        [
            "Islands of interactivity",
            "Forms that survive a bad network",
            "Animations for people who get motion sick"
        ]
    );
    assert_eq!(c.talks[2].1.as_deref(), Some("Sara Quist"));
    assert!(c.why.contains("bold lines"), "{}", c.why);
    insta::assert_snapshot!("talks_bold_lines", c.text);
}

#[test]
fn bullets_carrying_notes_under_an_event_are_talks() {
    let c = cut("bullet-talks.md");
    assert_eq!(
        titles(&c),
        [
            "Documentation sprint",
            "Release process",
            "Security reports"
        ]
    );
    insta::assert_snapshot!("talks_bullets", c.text);
}

#[test]
fn quoted_schedule_entries_are_talks() {
    let c = cut("quoted-schedule.md");
    assert_eq!(
        titles(&c),
        [
            "Profiling without tears",
            "Generics one year later",
            "Keynote: Small teams, big systems"
        ]
    );
    insta::assert_snapshot!("talks_quoted_schedule", c.text);
}

#[test]
fn material_around_the_talks_is_kept_apart_and_numbering_dropped() {
    let c = cut("extras-around-talks.md");
    assert_eq!(
        titles(&c),
        [
            "Streaming joins in practice",
            "Column stores for small teams",
            "Lakehouse migrations"
        ]
    );
    assert_eq!(c.talks[2].1.as_deref(), Some("Noor Haddad"));
    assert_eq!(c.extras, ["Intro", "Conclusion"]);
    insta::assert_snapshot!("talks_extras", c.text);
}

#[test]
fn a_talk_typed_one_level_too_shallow_stays_a_talk() {
    let c = cut("stray-talk-level.md");
    assert_eq!(
        titles(&c),
        [
            "Layout without media queries",
            "Fonts that load fast",
            "Images on a budget",
            "Motion that respects people"
        ]
    );
    assert_eq!(c.talks[2].1.as_deref(), Some("Chloe Park, Platform Team"));
    insta::assert_snapshot!("talks_stray_level", c.text);
}

#[test]
fn an_event_heading_over_talks_beside_a_list_of_things_to_look_up() {
    let c = cut("event-and-links.md");
    assert_eq!(titles(&c), ["Small containers", "Batch jobs that finish"]);
    assert_eq!(c.extras, ["Things to look up"]);
    insta::assert_snapshot!("talks_event_and_links", c.text);
}

#[test]
fn schedule_times_and_speakers_typed_first_leave_the_titles() {
    let c = cut("schedule-times.md");
    assert_eq!(
        c.talks,
        [
            ("Paving roads nobody asked for", Some("Mira Castell")),
            ("Ten years of on-call at a bank", Some("Oskar Lind")),
            ("Budget Alerts Done Right", Some("Greta Holm")),
            // Among talks typed `Name - Title`, a panel is the "name".
            ("Who owns the platform?", Some("Panel")),
            ("Paging less with SLOs", Some("Jonas Berg")),
        ]
        .map(|(t, s)| (t.to_string(), s.map(str::to_string)))
    );
    // The time is not lost: it is a note of the talk's title slide.
    assert!(
        c.text
            .contains("1. Paving roads nobody asked for  (lines 7-7)  + notes"),
        "{}",
        c.text
    );
    insta::assert_snapshot!("talks_schedule_times", c.text);
}

#[test]
fn a_name_heading_under_a_timed_title_is_its_speaker() {
    let c = cut("title-then-speaker-heading.md");
    assert_eq!(
        c.talks,
        [
            (
                "Fast Pages for Everyone",
                Some("Rosa Delgado (Independent)")
            ),
            ("The Humble Table", Some("Imre Kovacs (Civic Data Lab)")),
        ]
        .map(|(t, s)| (t.to_string(), s.map(str::to_string)))
    );
    insta::assert_snapshot!("talks_title_then_speaker", c.text);
}

#[test]
fn bold_bullets_with_notes_between_embeds_are_talks_and_the_schedule_is_not() {
    let c = cut("bold-bullets-between-embeds.md");
    assert_eq!(
        titles(&c),
        [
            "Shipping a chatbot in a week (20 min)",
            "Value objects from the ground up (30 min)",
            "Generating SDKs from OpenAPI (20 min)",
        ]
    );
    // The intro and the schedule without notes: material around the talks,
    // named by the file's `title:`.
    assert_eq!(c.extras, ["About Spring meetup, my picks"]);
    insta::assert_snapshot!("talks_bold_bullets", c.text);
}

#[test]
fn a_singular_keynote_over_talks_with_bylines_holds_talks() {
    let c = cut("keynote-with-bylines.md");
    assert_eq!(
        c.talks,
        [
            (
                "Growing architectures on purpose",
                Some("Hana Moretti (Fieldwork)")
            ),
            ("Keys nobody can lose", Some("Luis Ferreira (Paycorp)")),
            (
                "Contracts between services",
                Some("Nadia Osei (Relay Labs)")
            ),
            ("Event sourcing without tears", Some("Piotr Zielinski")),
        ]
        .map(|(t, s)| (t.to_string(), s.map(str::to_string)))
    );
    insta::assert_snapshot!("talks_keynote_bylines", c.text);
}

#[test]
fn a_day_among_other_sections_holds_the_talks_and_an_unnoted_talk_stays() {
    let c = cut("day-among-sections.md");
    assert_eq!(
        titles(&c),
        [
            "型で守るアプリケーション設計",
            "非同期処理の落とし穴",
            "ログ設計の基本",
            "テストを速くする十の方法",
        ]
    );
    assert_eq!(c.extras, ["はじめに", "前夜祭", "懇親会", "まとめ"]);
    insta::assert_snapshot!("talks_day_among_sections", c.text);
}

#[test]
fn a_time_heading_takes_its_title_and_speaker_from_the_bold_line_under_it() {
    let c = cut("time-headings-bold-titles.md");
    assert_eq!(
        c.talks,
        [
            (
                "Queues that never lose a message",
                Some("Mina Cho | Streamline")
            ),
            (
                "Pricing experiments without regret",
                Some("Dev Patel | Shopkeep")
            ),
            ("Closing lightning round", None),
        ]
        .map(|(t, s)| (t.to_string(), s.map(str::to_string)))
    );
    // The times are kept as notes of each title slide.
    assert!(
        c.text
            .contains("1. Queues that never lose a message  (lines 5-5)  + notes"),
        "{}",
        c.text
    );
    insta::assert_snapshot!("talks_time_headings", c.text);
}

#[test]
fn a_section_typed_one_level_too_shallow_stays_in_its_talk() {
    let c = cut("stray-section-level.md");
    assert_eq!(
        titles(&c),
        [
            "Virtual threads in practice",
            "Records everywhere",
            "Testing with containers"
        ]
    );
    insta::assert_snapshot!("talks_stray_section", c.text);
}

#[test]
fn a_bare_keynote_heading_is_titled_by_the_heading_right_under_it() {
    let c = cut("keynote-over-its-title.md");
    assert_eq!(titles(&c), ["The Quiet Power of Defaults"]);
    // Docusaurus's `sidebar_position` is the site's, not a typo.
    assert!(!c.text.contains("unknown key"), "{}", c.text);
    insta::assert_snapshot!("talks_keynote_over_title", c.text);
}

fn pairs(list: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
    list.iter()
        .map(|(t, s)| (t.to_string(), s.map(str::to_string)))
        .collect()
}

#[test]
fn bold_lines_with_a_byline_are_talks_and_the_byline_their_speaker() {
    let c = cut("bold-lines-with-bylines.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Types as a design tool", Some("Karin Holm")),
            ("What the BEAM taught us", Some("Tomás Rivera")),
            ("Property testing in anger", Some("Priya Natarajan")),
        ])
    );
    insta::assert_snapshot!("talks_bold_lines_with_bylines", c.text);
}

#[test]
fn a_title_set_as_a_link_or_in_italics_keeps_the_speaker_after_it_apart() {
    let c = cut("linked-titles-with-speakers.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Islands without the hype", Some("Lena Vogt")),
            ("Signals all the way down", Some("Omar Haddad")),
            ("Design tokens that scale", Some("Ruth Ekwueme")),
        ])
    );
    // The link stays on the title.
    assert!(c.text.contains("Islands without the hype →"), "{}", c.text);
    insta::assert_snapshot!("talks_linked_titles", c.text);
}

#[test]
fn numbered_bold_bullets_are_talks_titled_by_the_bold_text() {
    let c = cut("numbered-bold-bullets.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Edge rendering in practice", Some("Sam Whitfield")),
            ("Accessible charts", Some("Mei Lin Tan")),
            ("Feature stores, honestly", Some("Arjun Mehta")),
        ])
    );
    insta::assert_snapshot!("talks_numbered_bold_bullets", c.text);
}

#[test]
fn a_speaker_line_under_the_only_top_heading_makes_the_file_one_talk() {
    let c = cut("one-talk-with-speaker-line.md");
    assert_eq!(titles(&c), ["Moving a monolith to queues"]);
    assert!(c.why.starts_with("one talk"), "{}", c.why);
    insta::assert_snapshot!("talks_one_talk_speaker_line", c.text);
}

#[test]
fn a_track_repeated_under_two_days_makes_two_groups_in_file_order() {
    let c = cut("tracks-under-days.md");
    assert_eq!(
        titles(&c),
        [
            "Operators without tears",
            "Cost-aware autoscaling",
            "Secrets that rotate themselves",
            "Policy as code",
            "Supply chain security",
            "Writing a controller in an afternoon"
        ]
    );
    // Day 1's hall and Day 2's are not merged into one group, nor are the
    // two days' second rooms; a room only Day 2 has is named with its day
    // like the others.
    for g in [
        "Day 1 › Main hall",
        "Day 1 › Room 2",
        "Day 2 › Main hall",
        "Day 2 › Room 2",
        "Day 2 › Workshop room",
    ] {
        assert!(c.text.contains(&format!("{g}  (")), "{g}: {}", c.text);
    }
    insta::assert_snapshot!("talks_tracks_under_days", c.text);
}

#[test]
fn a_table_of_contents_and_a_reception_are_not_talks_and_drawn_underlines_do_not_warn() {
    let c = cut("contents-and-setext.md");
    assert_eq!(titles(&c), ["Streaming joins", "Lakehouse formats"]);
    assert_eq!(c.extras, ["Contents", "Welcome reception"]);
    assert!(!c.warnings.contains("warning"), "{}", c.warnings);
    insta::assert_snapshot!("talks_contents_and_setext", c.text);
}

#[test]
fn a_talk_with_problem_approach_results_sections_is_one_talk() {
    let c = cut("one-talk-with-topic-sections.md");
    assert_eq!(titles(&c), ["Cutting cold starts in half"]);
    assert!(c.extras.is_empty(), "{:?}", c.extras);
    insta::assert_snapshot!("talks_one_talk_topic_sections", c.text);
}

#[test]
fn a_bold_speaker_key_line_names_the_speaker_and_leaves_the_slides() {
    let c = cut("bold-speaker-key.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Error budgets in practice", Some("Ana Gomez")),
            ("Incident reviews that teach", Some("Luis Park")),
        ])
    );
    insta::assert_snapshot!("talks_bold_speaker_key", c.text);
}

#[test]
fn talks_quoted_whole_are_read_as_if_unquoted() {
    let c = cut("quoted-whole-talks.md");
    assert_eq!(
        titles(&c),
        [
            "Supervision trees in practice",
            "Hot code loading, honestly",
            "Distribution over TLS"
        ]
    );
    insta::assert_snapshot!("talks_quoted_whole", c.text);
}

#[test]
fn an_obsidian_export_keeps_its_talks_and_tag_lines_do_not_warn() {
    let c = cut("obsidian-export.md");
    assert_eq!(
        titles(&c),
        ["Lakehouses for small teams", "Testing pipelines"]
    );
    assert!(
        !c.warnings.contains("did you mean a heading"),
        "{}",
        c.warnings
    );
    insta::assert_snapshot!("talks_obsidian_export", c.text);
}

#[test]
fn headings_with_a_quoted_speaker_line_are_talks_over_their_deep_sections() {
    let c = cut("quoted-speakers-deep-sections.md");
    assert_eq!(
        titles(&c),
        ["Shipping faster pages", "Functions without servers"]
    );
    // `Summary, thoughts` lists two names for what surrounds the talks.
    assert!(
        c.extras.contains(&"Summary, thoughts".to_string()),
        "{:?}",
        c.extras
    );
    insta::assert_snapshot!("talks_quoted_speakers_deep_sections", c.text);
}

#[test]
fn a_table_of_contents_of_the_page_is_around_the_talks_as_a_list_or_a_table() {
    let c = cut("toc-list-of-anchors.md");
    // (The numbering `# 1.` goes from the title.)
    assert_eq!(titles(&c), ["CSS in 2025", "Web components at work"]);
    assert_eq!(c.extras, ["Frontend"]);
    let c = cut("toc-table-of-anchors.md");
    assert_eq!(
        titles(&c),
        ["Cell-based architecture", "Cost as a requirement"]
    );
    assert_eq!(c.extras, ["Sessions I went to"]);
    insta::assert_snapshot!("talks_toc_table", c.text);
}

#[test]
fn a_reading_list_under_topic_headings_has_its_linked_bullets_as_talks() {
    let c = cut("reading-list-by-topic.md");
    assert_eq!(
        titles(&c),
        [
            "Adam, revisited",
            "Sharpness and generalisation",
            "Offline RL without the pain",
            "Exploration by curiosity",
            "Message passing at scale"
        ]
    );
    assert_eq!(c.extras, ["My picks from ICML"]);
    // A linked title alone is kept, with a warning.
    assert!(
        c.warnings
            .contains("'Sharpness and generalisation' has no notes"),
        "{}",
        c.warnings
    );
    insta::assert_snapshot!("talks_reading_list", c.text);
}

#[test]
fn a_speaker_line_before_any_heading_makes_the_file_one_talk() {
    let c = cut("one-talk-speaker-before-headings.md");
    assert_eq!(titles(&c), ["one-talk-speaker-before-headings"]);
    assert!(c.why.starts_with("one talk: a speaker line"), "{}", c.why);
    insta::assert_snapshot!("talks_speaker_before_headings", c.text);
}

#[test]
fn numbered_and_bulleted_talks_naming_speakers_by_initial_under_an_event() {
    let c = cut("speakers-with-initials.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Scaling teams without losing the plot", Some("Anna K.")),
            ("The cost of abstractions", Some("Ben O.")),
            ("Designing for failure", Some("Chen L.")),
        ])
    );
    insta::assert_snapshot!("talks_speakers_with_initials", c.text);
}

#[test]
fn a_blog_page_with_a_background_image_is_notes_not_a_slidev_deck() {
    let c = cut("blog-post-with-background.md");
    assert_eq!(
        titles(&c),
        [
            "Acoustic sensors in the wild",
            "Counting moths with cameras",
            "Open occurrence data for policy",
            "Lessons from ten years of field apps"
        ]
    );
    assert_eq!(c.extras, ["General"]);
    // The page's own keys are its site's: no unknown-key warning.
    assert!(!c.warnings.contains("unknown key"), "{}", c.warnings);
    assert!(!c.text.contains("Slidev"), "{}", c.text);
}

#[test]
fn a_file_named_after_its_title_over_short_topics_is_one_talk() {
    let c = cut("Design tokens, then what.md");
    assert_eq!(titles(&c), ["Design tokens, then what?"]);
    assert!(c.why.contains("one talk"), "{}", c.why);
    insta::assert_snapshot!("talks_named_after_title", c.text);
}

#[test]
fn html_heading_lines_of_a_blog_export_cut_talks_like_markdown_headings() {
    let c = cut("html-headings.md");
    assert_eq!(
        titles(&c),
        [
            "Forensics on a shoestring",
            "Phishing kits, dissected",
            "Why your badge reader trusts everyone"
        ]
    );
    assert_eq!(c.extras, ["Venue: the old library"]);
    insta::assert_snapshot!("talks_html_headings", c.text);
}

#[test]
fn chapter_numbering_emoji_and_other_languages_words_are_read_around_titles() {
    let c = cut("numbered-chapters.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Keynote - Écrire du code qui dure", None),
            (
                "Les lecteurs d'écran au quotidien",
                Some("Alice Martin et Paul Durand")
            ),
            ("Terraform à grande échelle", Some("Chloé Bernard")),
            ("Des agents pour tout le monde", None),
        ])
    );
    assert_eq!(
        c.extras,
        ["🍕 Déjeuner", "Conclusion de la première journée"]
    );
    // An emoji is no part of a slug.
    assert!(
        c.text.contains("jeudi-9-octobre/dejeuner.html"),
        "{}",
        c.text
    );
    insta::assert_snapshot!("talks_numbered_chapters", c.text);
}

#[test]
fn a_name_heading_over_a_bold_title_is_its_speaker_and_names_under_conversations_are_no_talks() {
    let c = cut("name-headings-bold-titles.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Forecasting with uncertainty", Some("Jane Müller")),
            ("Data contracts in practice", Some("Ahmed Saleh")),
        ])
    );
    assert_eq!(c.extras, ["Keiko Tanaka", "Omar Haddad & Lena Fischer"]);
    insta::assert_snapshot!("talks_name_headings", c.text);
}

#[test]
fn keynotes_typed_at_their_sessions_level_after_the_first_are_talks_of_it() {
    let c = cut("keynotes-typed-shallow.md");
    assert_eq!(
        titles(&c),
        [
            "Research needs for nature policy in Europe",
            "Satellites that watch over farmland birds every season",
            "Mapping the landscape of research infrastructures",
            "Camera traps from research to management",
            "Counting insects with cameras at night"
        ]
    );
    // Short notes after the talks stay around them.
    assert_eq!(c.extras, ["Discussion points"]);
    insta::assert_snapshot!("talks_keynotes_typed_shallow", c.text);
}

#[test]
fn a_title_line_over_a_byline_between_rules_starts_a_talk() {
    let c = cut("title-lines-over-bylines.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Intro to Nix", Some("Alex P.")),
            ("Home labs for fun", Some("Jo M.")),
            ("Terraform pitfalls", Some("Sam R.")),
        ])
    );
    // The byline (line 4) left the notes: the content slide is the bullets.
    assert!(
        c.text.contains("2. Intro to Nix  (lines 6-7)"),
        "{}",
        c.text
    );
    insta::assert_snapshot!("talks_title_lines_over_bylines", c.text);
    let c = cut("talk-and-speaker-labels.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Incident command for small teams", Some("Rita Moreno")),
            ("Error budgets that work", Some("Paul Chen")),
        ])
    );
}

#[test]
fn a_talk_typed_one_level_deep_right_after_a_rule_is_the_next_talk() {
    let c = cut("talk-nested-after-rule.md");
    assert_eq!(
        titles(&c),
        [
            "Opening keynote: the web in ten years",
            "Accessible components from day one",
            "Shipping less JavaScript",
            "State machines for forms"
        ]
    );
    insta::assert_snapshot!("talks_nested_after_rule", c.text);
}

#[test]
fn quoted_titles_lose_their_quotes_and_a_speaker_section_names_the_speaker() {
    let c = cut("quoted-titles.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Typing at scale", Some("Jane Doe")),
            ("Packaging in 2024", Some("John Smith")),
            ("Async without tears", Some("Maria Garcia")),
        ])
    );
    let c = cut("one-talk-speaker-section.md");
    assert_eq!(
        c.talks,
        pairs(&[("Building a search engine in Rust", Some("Jane Doe, Acme"))])
    );
}

#[test]
fn a_lightning_talks_heading_among_talks_is_one_of_them() {
    let c = cut("lightning-among-talks.md");
    assert_eq!(
        titles(&c),
        [
            "Shipping a design system to twelve teams",
            "Lightning talks",
            "Testing accessibility in CI",
            "Migrating a monolith one route at a time"
        ]
    );
    // Every talk stays under the file's heading, none under the lightning talks.
    assert!(c.text.contains("Sessions  ("), "{}", c.text);
    insta::assert_snapshot!("talks_lightning_among_talks", c.text);
}

#[test]
fn long_titles_underlined_like_the_others_are_headings_without_a_warning() {
    let c = cut("underlined-titles.md");
    assert_eq!(c.talks.len(), 4, "{:?}", c.talks);
    assert!(
        titles(&c)[1].starts_with("good enough is better than never"),
        "{:?}",
        c.talks
    );
    assert!(!c.warnings.contains("directly above"), "{}", c.warnings);
    insta::assert_snapshot!("talks_underlined_titles", c.text);
}

#[test]
fn linked_titles_with_a_linked_speaker_after_par_or_by_lose_the_speaker() {
    let c = cut("linked-titles-par-speaker.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Le Web et ses standards", Some("Anne Moreau")),
            (
                "Une architecture ennuyeuse",
                Some("Marc Petit et Julie Roux")
            ),
            ("Les dates sans douleur", Some("Hugo Blanc")),
        ])
    );
    insta::assert_snapshot!("talks_linked_titles_par_speaker", c.text);
}

#[test]
fn headings_typed_without_a_space_are_headings_and_a_name_over_a_title_its_speaker() {
    let c = cut("spaceless-headings.md");
    let talks = pairs(&[
        ("Offline first web apps", Some("Mara Lind")),
        ("Responsive images today", Some("Oskar Berg")),
        ("Testing without a browser", Some("Jens Holm")),
    ]);
    assert!(c.talks.ends_with(&talks), "{:?}", c.talks);
    assert!(
        !c.warnings.contains("did you mean a heading"),
        "{}",
        c.warnings
    );
    // A line inside a fence stays as typed.
    assert!(
        !c.text.contains("not a heading inside code →"),
        "{}",
        c.text
    );
    insta::assert_snapshot!("talks_spaceless_headings", c.text);
}

#[test]
fn a_file_named_after_its_first_heading_with_short_topics_beside_it_is_one_talk() {
    let c = cut("caching-at-the-edge-in-practice.md");
    // (`By Name` under the heading names the speaker.)
    assert_eq!(
        c.talks,
        pairs(&[("Caching at the edge in practice", Some("Rosa Lind"))])
    );
    assert!(c.text.contains("More requirements"), "{}", c.text);
    insta::assert_snapshot!("talks_named_after_first_heading", c.text);
    // Beside it, titles of talks: each its own talk.
    let c = cut("async-rust-in-practice.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Async Rust in practice", None),
            ("Building a tiny database in Rust", None),
            ("Profiling without tears on Linux", None),
        ])
    );
}

#[test]
fn html_bold_lines_are_bold_lines_and_a_slash_before_a_name_names_the_speaker() {
    let c = cut("html-bold-lines.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Paving the golden path for every team", Some("Rosa Lind")),
            ("Cost per request as a design input", Some("Tomas Berg")),
            ("Incidents without blame, in practice", Some("Mira Holt")),
        ])
    );
    insta::assert_snapshot!("talks_html_bold_lines", c.text);
}

#[test]
fn days_named_by_what_happens_on_them_are_groups_over_the_talks() {
    // `# … Sprints Day` / `# … Conference Day` / `## Talks` / `### Talk`,
    // with a closing `# Wrap-up` beside the days.
    let c = cut("days-named-by-kind.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Fast dataframes without the magic", None),
            ("ノートブックをCIでテストする", Some("Aiko Tanaka")),
            ("Lightning Talk", None),
        ])
    );
    insta::assert_snapshot!("talks_days_named_by_kind", c.text);
}

#[test]
fn a_handle_and_a_name_after_a_title_name_the_speaker_under_days_named_by_kind() {
    // `## カンファレンスDAY` is a day; `### Title @handle (Name)` its talks;
    // `## 会場について` (the venue) and what is under it are around them.
    let c = cut("handles-under-day-kinds.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("所有権を図で理解する", Some("佐藤美香")),
            ("Async runtimes compared", Some("Jon Berg")),
            ("型で状態を表す", Some("kt2")),
            ("Rust で書く小さな DB", None),
            ("Embedded で no_std", None),
        ])
    );
    assert!(c.text.contains("行動規範 (around the talks)"), "{}", c.text);
    assert!(c.text.contains("食事 (around the talks)"), "{}", c.text);
    insta::assert_snapshot!("talks_handles_under_day_kinds", c.text);
}

#[test]
fn unnumbered_headings_between_outline_numbered_talks_are_parts_of_the_one_before() {
    let c = cut("outline-numbered-talks.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Choosing a database per workload", None),
            ("2.2 Streaming changes out of Postgres", None),
            ("Moving from SQL to a document store step by step", None),
            // A talk of its own between them stays one.
            (
                "Lightning talk: schema diffs in five minutes",
                Some("Kate Sun")
            ),
            ("Blue/green deploys for databases", None),
        ])
    );
    // The parts are slides of the talk before them.
    assert!(c.text.contains("Hot data migration  (lines"), "{}", c.text);
    insta::assert_snapshot!("talks_outline_numbered", c.text);
}

#[test]
fn a_spaceless_heading_above_every_spaced_one_is_a_heading() {
    // `###Talk` over `##### part`s: only as a heading does the outline hold.
    let c = cut("spaceless-over-spaced.md");
    assert_eq!(c.talks, pairs(&[("Caching at the edge", None)]));
    assert!(
        !c.warnings.contains("did you mean a heading"),
        "{}",
        c.warnings
    );
    insta::assert_snapshot!("talks_spaceless_over_spaced", c.text);
}

#[test]
fn a_css_id_or_a_numbered_line_under_headings_stays_text() {
    let c = cut("hash-lines-under-headings.md");
    assert_eq!(
        c.talks,
        pairs(&[("Layout with grid", None), ("Numbers that matter", None)])
    );
    assert!(
        c.warnings
            .contains("'#main { display: grid; }' is shown as text"),
        "{}",
        c.warnings
    );
}

#[test]
fn bullets_opening_with_a_linked_title_under_a_talks_heading_are_talks() {
    let c = cut("linked-bullets-under-talks.md");
    assert_eq!(
        titles(&c),
        [
            "We take part in the discussions",
            "Breaking elliptic curves for fun",
            "Warnings about old laptops",
            "What happened to the bomb?"
        ]
    );
    assert!(c.why.contains("linked title"), "{}", c.why);
    insta::assert_snapshot!("talks_linked_bullets_under_talks", c.text);
}

#[test]
fn talks_under_days_under_a_top_level_of_venue_and_summary_are_the_talks() {
    let c = cut("days-under-a-top-level.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Modules without magic", Some("Ines Duarte")),
            ("Serverless in practice", Some("Ravi Menon")),
            ("Tests that pay for themselves", Some("Noor Haddad")),
            ("Lazy evaluation for the impatient", Some("Jan Kowalski")),
            ("Migrating to records", Some("Chloé Martin")),
            ("Observability on a shoestring", Some("Tomás Reyes")),
        ])
    );
    assert!(c.why.contains("talks are the ### headings"), "{}", c.why);
    insta::assert_snapshot!("talks_days_under_a_top_level", c.text);
}

#[test]
fn bold_titles_under_topic_headings_are_the_talks_and_an_empty_track_is_none() {
    let c = cut("bold-titles-under-tracks.md");
    assert_eq!(
        titles(&c),
        [
            "Exactly-once is a lie we tell ourselves",
            "Backpressure in practice",
            "Schemas at the edge",
            "Table formats three years on",
            "Cheap object storage, expensive mistakes"
        ]
    );
    assert!(
        !c.text.contains("Governance →"),
        "an empty track makes no deck: {}",
        c.text
    );
    insta::assert_snapshot!("talks_bold_titles_under_tracks", c.text);
}

#[test]
fn name_headings_over_an_italic_title_line_are_speakers() {
    let c = cut("name-headings-over-italic-titles.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Blameless postmortems that actually work", Some("Jane Doe")),
            ("Platform teams as product teams", Some("Ana Lima")),
            ("Observability on a budget", Some("Ben Okafor"))
        ])
    );
    insta::assert_snapshot!("talks_name_headings_over_italic_titles", c.text);
}

#[test]
fn a_file_named_after_a_line_above_its_headings_is_that_one_talk() {
    let c = cut("the-boring-database.md");
    assert_eq!(titles(&c), ["The Boring Database"]);
    assert!(c.why.contains("named after a line"), "{}", c.why);
    insta::assert_snapshot!("talks_named_after_a_title_line", c.text);
    // A file named after the event it tells keeps its talks.
    let c = cut("devoxx-2024.md");
    assert_eq!(
        titles(&c),
        [
            "Loom in production",
            "Records everywhere",
            "The cost of abstraction"
        ]
    );
}

#[test]
fn titles_in_corner_marks_lose_their_label_and_the_speaker_after_a_dash() {
    let c = cut("corner-bracket-titles.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("技術書を書くということ", Some("山田 太郎")),
            ("Rustで「安全」を考える", Some("佐藤花子")),
            ("型のある設定ファイル", Some("Ken Ito"))
        ])
    );
    assert_eq!(c.extras, ["セッション一覧", "クロージング"]);
    insta::assert_snapshot!("talks_corner_bracket_titles", c.text);
}

#[test]
fn long_setext_titles_drawn_to_width_over_italic_bylines_are_the_talks() {
    let c = cut("setext-long-titles-italic-bylines.md");
    assert_eq!(
        c.talks,
        pairs(&[
            (
                "Designing Interfaces for People Who Will Never Read Your Documentation Anyway",
                Some("Jane Doe, Staff Designer, Acme")
            ),
            ("Shipping CSS at Scale", Some("Ana Lima, Frontend Lead")),
            (
                "What We Learned Rewriting the Checkout Flow Three Times in Two Years",
                Some("Ben Okafor (Engineering Manager, Shopco)")
            )
        ])
    );
    assert!(!c.warnings.contains("would be a heading"), "{}", c.warnings);
    insta::assert_snapshot!("talks_setext_long_titles_italic_bylines", c.text);
}

#[test]
fn a_heading_that_speaks_of_talks_holds_them_beside_other_sections() {
    // `## From talk to talk` with a line of its own over three titled
    // headings with notes: those are the talks, `Getting there` and `The
    // hallway track` go around them.
    let c = cut("heading-speaks-of-talks.md");
    assert_eq!(
        titles(&c),
        [
            "Container queries in a real design system",
            "Shipping a web app without a build step",
            "What we learned from a year of view transitions",
        ]
    );
    assert_eq!(c.extras, ["Getting there", "The hallway track"]);
    assert!(c.why.contains("a heading that says talks"), "{}", c.why);
    // A how-to whose heading says `talk` over short steps keeps its cut.
    let c = cut("preparing-my-talk.md");
    assert_eq!(
        titles(&c),
        [
            "Submitting a proposal",
            "Preparing my talk",
            "After the conference"
        ]
    );
    insta::assert_snapshot!(
        "talks_heading_speaks_of_talks",
        cut("heading-speaks-of-talks.md").text
    );
}

#[test]
fn an_italic_line_under_a_title_is_its_speaker_only_when_it_names_one() {
    // `_Format conférence 45 minutes_` says what the talk is: it stays on
    // the slides. `*Name, Role, Company*` names the speaker, whatever the
    // name's words (`Hall` is also a room).
    let c = cut("italic-format-lines.md");
    assert_eq!(
        c.talks,
        pairs(&[
            (
                "Biomimétisme et cybersécurité : s'inspirer du vivant pour se protéger",
                None
            ),
            (
                "Leadership inclusif, cinq micro-pratiques pour vos équipes",
                None
            ),
            (
                "Staying sane in an insane ecosystem",
                Some("Branden Hall, CEO/Maker, Automata Studios")
            ),
        ])
    );
    insta::assert_snapshot!("talks_italic_format_lines", c.text);
}

#[test]
fn numbering_and_icons_in_front_of_titles_go_and_the_speakers_are_read_past_them() {
    let c = cut("numbered-and-icon-titles.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Keeping a monorepo fast", Some("Jane Doe")),
            ("Observability on a budget", Some("Ana Lima")),
            ("Ten years of Rust in production", None),
            (
                "Zero-downtime schema changes",
                Some("Kelly Harris, Acme Labs")
            ),
            ("Feature flags done right", Some("Ben Okafor, Shopco")),
            // A count is part of the title, not numbering.
            ("10 things we got wrong about caching", None),
        ])
    );
    insta::assert_snapshot!("talks_numbered_and_icon_titles", c.text);
}

#[test]
fn setext_titles_drawn_to_width_are_headings_whatever_they_end_with() {
    // A question, a title ending in a full stop, a wide-character title
    // underlined to its columns, a title longer than a line: each was
    // typed as an underline. Notes (`???`) end at the next such title.
    let c = cut("setext-punctuated-titles.md");
    let titles: Vec<&str> = c.talks.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Why did our on-call rotation burn out three teams in one year?",
            "Ship it on Friday: a case for boring deploys.",
            "分散トレーシング入門",
            "Lessons from a year of feature flags, told as a list of mistakes we made along the way",
        ]
    );
    assert!(!c.warnings.contains("would be a heading"), "{}", c.warnings);
    insta::assert_snapshot!("talks_setext_punctuated_titles", c.text);
}

#[test]
fn bracketed_bylines_name_speakers() {
    let c = cut("bracketed-bylines.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Teams, die sich selbst organisieren", Some("Jana Schmidt")),
            ("Kanban jenseits des Boards", Some("Ole Berg, @oleberg")),
            ("Plattform-Teams bei der Bahn", Some("Mira Koch")),
            ("Testen in Produktion", Some("Paul Weber und Lea Braun"))
        ])
    );
    insta::assert_snapshot!("talks_bracketed_bylines", c.text);
}

#[test]
fn title_lines_over_lists_under_an_event_are_the_talks() {
    let c = cut("title-lines-over-lists.md");
    assert_eq!(
        titles(&c),
        [
            "Keynote: The state of Python packaging",
            "Typing in large codebases",
            "Data pipelines with Polars"
        ]
    );
    insta::assert_snapshot!("talks_title_lines_over_lists", c.text);
}

#[test]
fn title_lines_naming_their_speaker_over_notes_are_the_talks() {
    let c = cut("title-lines-naming-speakers.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("React Server Components in practice", Some("Dan Lee")),
            ("State machines for UI", Some("Ana Lima")),
            ("Accessibility is a feature", Some("Ben Okafor")),
            ("Micro-frontends, five years on", Some("Sara Kim"))
        ])
    );
    insta::assert_snapshot!("talks_title_lines_naming_speakers", c.text);
}

#[test]
fn a_quoted_speaker_line_under_a_talk_names_its_speaker() {
    let c = cut("quoted-speaker-lines.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("The Future of .NET", Some("Jane Doe")),
            ("Domain modelling made functional", Some("Ana Lima"))
        ])
    );
    insta::assert_snapshot!("talks_quoted_speaker_lines", c.text);
}

#[test]
fn an_italic_by_line_under_a_talk_names_its_speaker_without_by() {
    let c = cut("italic-by-bylines.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Phoenix LiveView 1.0", Some("Chris McCord")),
            ("Nx and machine learning on the BEAM", Some("José Valim"))
        ])
    );
}

#[test]
fn a_plain_by_line_under_a_talk_names_its_speaker() {
    let c = cut("03-plain-by-lines.md");
    assert_eq!(
        c.talks,
        pairs(&[
            (
                "Making Impossible States Impossible",
                Some("Richard Feldman")
            ),
            (
                "Simple Made Easy, Fifteen Years On",
                Some("Stuart Halloway")
            )
        ])
    );
    // A file's numbering is no part of the name it shares with its title line.
    let c = cut("07-the-boring-queue.md");
    assert_eq!(titles(&c), ["The Boring Queue"]);
}

#[test]
fn one_speaker_under_the_top_heading_makes_one_talk_whatever_its_words() {
    let c = cut("one-talk-speaker-under-event-words.md");
    assert_eq!(
        c.talks,
        pairs(&[("A Practical Code Review", Some("Dana Whitfield"))])
    );
    assert!(c.why.contains("names its speaker"), "{}", c.why);
}

#[test]
fn quoted_bold_titles_with_notes_running_on_are_the_talks() {
    let c = cut("quoted-bold-titles.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Barrierefreiheit von Anfang an", Some("Lena Vogt")),
            ("Web Components im Alltag", Some("Tim Neumann")),
            ("CSS ohne Framework", Some("Aylin Demir"))
        ])
    );
    insta::assert_snapshot!("talks_quoted_bold_titles", c.text);
}

#[test]
fn name_headings_over_a_plain_title_line_are_speakers() {
    let c = cut("name-headings-over-plain-titles.md");
    assert_eq!(
        c.talks,
        pairs(&[
            (
                "Proof-carrying code for embedded controllers",
                Some("Maria Lindqvist")
            ),
            (
                "Why are timing bugs so hard to reproduce?",
                Some("Tomás Ferreira")
            ),
            ("Runtime monitors from temporal logic", Some("Hannah Okoro")),
            (
                "A type system for units of measure in control code",
                Some("Ruth Adeyemi")
            )
        ])
    );
    // The slides line under the title stays in the talk.
    assert!(c.text.contains("(lines 7-12)"), "{}", c.text);
    insta::assert_snapshot!("talks_name_headings_over_plain_titles", c.text);
}

#[test]
fn a_heading_that_says_talks_holds_them_and_its_siblings_are_around() {
    let c = cut("talks-heading-beside-sections.md");
    // `<br><small>Por …</small>` in the heading is the speaker; kramdown's
    // `{:target="_blank"}` is not text.
    assert_eq!(
        c.talks,
        pairs(&[
            ("Calidad de datos sin dolor", Some("Lucía Martín, Datalab")),
            ("Modelos pequeños, resultados grandes", Some("Andrés Vidal")),
            ("Paneles que alguien lee", Some("Marta Gil"))
        ])
    );
    assert_eq!(c.extras, ["El evento", "La organización", "Conclusión"]);
    assert!(c.why.contains("heading that says talks"), "{}", c.why);
    insta::assert_snapshot!("talks_talks_heading_beside_sections", c.text);
}

#[test]
fn top_level_headings_naming_talks_hold_them_below_a_table_of_contents() {
    let c = cut("contents-then-talk-kinds.md");
    assert_eq!(
        titles(&c),
        [
            "Signals everywhere",
            "The cost of hydration",
            "CSS layers in practice",
            "Forms without frameworks",
            "Testing the real browser",
            "Web fonts, fast",
            "Software that lasts",
            "The browser is the platform"
        ]
    );
}

#[test]
fn quotations_people_pages_and_a_presentations_howto_are_not_talks() {
    // Two quoted bold lines are quotations; `### Name` over plain lines
    // with no link is a person's page; `## Presentations` with two
    // sub-headings is a topic.
    let c = cut("not-talks-quotes-people-howto.md");
    assert_eq!(
        titles(&c),
        ["Presentations", "Written updates", "One-on-ones"]
    );
    assert!(c.talks.iter().all(|(_, s)| s.is_none()), "{:?}", c.talks);
}

#[test]
fn a_bold_title_over_its_speaker_in_the_same_paragraph_is_a_talk() {
    // `**Title**` then `_Name_` on the next line, no blank line between, as
    // a heading over a byline; a full stop does not make it a sentence then.
    let c = cut("bold-titles-italic-names-below.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Opening keynote: Software that lasts", Some("Priya Raman")),
            ("Rust the hard way.", Some("Ana Lima")),
            ("Queues are not databases", Some("Ben Okafor")),
            ("Shipping on Fridays", Some("Chen Jing")),
        ])
    );
    insta::assert_snapshot!("talks_bold_titles_italic_names_below", c.text);
}

#[test]
fn bold_names_under_bold_titles_are_speakers_and_the_pairs_are_the_talks() {
    // Lines inside the notes that read as titles over lists do not cut: the
    // bold title over a bold name is the talk. A long title is one over a
    // name; a panel's names are all its byline.
    let c = cut("bold-titles-bold-names-below.md");
    assert_eq!(
        c.talks,
        pairs(&[
            (
                "Interferon signatures in healthy adults predict how strongly they respond to a seasonal flu vaccine across three winters",
                Some("Maria Keller, Institute of Immunology")
            ),
            (
                "Tissue-resident memory in the gut",
                Some("Tomas Novak, City Hospital")
            ),
            (
                "Panel: Where the field goes next",
                Some("Laura Chen, Northgate University; Samuel Adeyemi, Biomed Labs; Ines Moreau, Central Institute")
            ),
        ])
    );
    insta::assert_snapshot!("talks_bold_titles_bold_names_below", c.text);
}

#[test]
fn a_heading_over_talks_in_bold_lines_is_cut_into_them() {
    // `## Talks I saw` over bold linked titles `by` their speakers: the
    // talks, and `## Getting there` beside them is around them.
    let c = cut("talks-heading-over-bold-lines.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Why are HTML tags called tags?", Some("Andrea Cruz")),
            ("Hello subgrid", Some("Rachel Moss")),
            ("Containment for faster pages", Some("Manuel Ortiz")),
        ])
    );
    assert_eq!(c.extras, vec!["Getting there".to_string()]);
    assert!(c.why.contains("hold them as talks"), "{}", c.why);
    insta::assert_snapshot!("talks_talks_heading_over_bold_lines", c.text);
}

#[test]
fn session_headings_over_bold_talks_naming_speakers_are_cut_into_them() {
    // `**Name, Lab, *Title***` under each session heading, three under one
    // and two under the next: all five are talks, titled by the italics.
    let c = cut("session-headings-over-bold-talks.md");
    assert_eq!(
        c.talks,
        pairs(&[
            (
                "Ancient DNA and the timing of admixture",
                Some("Kelly Brandt, University of Leeds")
            ),
            (
                "Fast inference of demographic history",
                Some("Omar Haddad, Delta Institute")
            ),
            (
                "Recombination maps from pedigrees",
                Some("Lena Vogel, Northgate University")
            ),
            (
                "Lineage tracing with base editors",
                Some("Yuki Sato, Harbor Lab")
            ),
            (
                "Spatial transcriptomics at scale",
                Some("Ravi Menon, City Genome Centre")
            ),
        ])
    );
    insta::assert_snapshot!("talks_session_headings_over_bold_talks", c.text);
}

#[test]
fn bold_labels_inside_a_talk_stay_its_notes() {
    // `**The problem**`, `**What they tried**` under a talk's heading name
    // no one and sit under no heading of talks: parts of the talk.
    let c = cut("bold-labels-under-talks.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("How we ship the mobile app", None),
            ("Hiring our first designers", None),
        ])
    );
    insta::assert_snapshot!("talks_bold_labels_under_talks", c.text);
}

#[test]
fn a_title_wholly_in_bold_a_link_or_italics_or_closed_by_a_colon_reads_as_plain() {
    // `### **Talk 1 - Title - Name**`, `### [Title - Name](url)`,
    // `### *Title (Name)*`, `### Title - Name:`: the same talks and speakers
    // as the plain titles.
    let c = cut("wrapped-and-colon-titles.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Keeping builds reproducible", Some("Jane Doe")),
            ("Observability on a budget", Some("Ana Lima")),
            ("Migrating to async Rust", Some("Ben Okafor")),
            ("Writing docs people read", Some("Chen Jing")),
        ])
    );
    insta::assert_snapshot!("talks_wrapped_and_colon_titles", c.text);
}

#[test]
fn a_name_heading_under_the_title_past_a_line_of_links_is_the_speaker() {
    // `# Title` / `[Slides](…) · [Video](…)` / `## Ana Lima`: one talk, her
    // talk; the links stay on the slides.
    let c = cut("speaker-under-slides-link.md");
    assert_eq!(
        c.talks,
        pairs(&[("Post-mortems that change something", Some("Ana Lima"))])
    );
    assert!(c.text.contains("(lines 3-12)"), "{}", c.text);
}

#[test]
fn a_blog_page_with_rules_and_a_dash_line_is_notes_not_a_remark_deck() {
    // Front matter with `tags`/`date`, `---` rules and a stray `--`: the
    // talks under the days, not one remark deck.
    let c = cut("blog-rules-and-dashes.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("The new ESLint config", None),
            ("Types from the schema to the screen", None),
            ("Clean architecture in TypeScript", None),
        ])
    );
    assert!(!c.why.contains("remark"), "{}", c.why);
}

#[test]
fn br_lines_over_bold_titles_are_spacing() {
    // `<br><br>` on the line over each `**Title**` (a blog's spacing): the
    // bold lines are still the talks under the half-day.
    let c = cut("br-spaced-bold-titles.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("코드 리뷰를 돕는 AI", None),
            ("차트 라이브러리의 한계를 넘어서", None),
            ("모노레포로 옮긴 이야기", None),
        ])
    );
    insta::assert_snapshot!("talks_br_spaced_bold_titles", c.text);
}

#[test]
fn days_under_a_sessions_heading_hold_linked_bullet_talks() {
    // `# Sessions I heard` among a blog's sections, over `### Day 1` and
    // `### Day 2`, each a list of linked titles with notes: the bullets are
    // the talks (a linked title with no notes too, `Coming soon...` with
    // its dots), the other sections around them.
    let c = cut("session-days-over-linked-bullets.md");
    assert_eq!(
        titles(&c),
        [
            "Streams without tears",
            "The module graph, mapped",
            "Workers at work",
            "Fetch in the core",
            "Coming soon...",
            "Debugging memory leaks",
        ]
    );
    for e in [
        "What I planned",
        "To look at later",
        "What went well",
        "Next time",
        "See also",
    ] {
        assert!(c.extras.iter().any(|x| x == e), "{e}: {:?}", c.extras);
    }
    assert!(c.why.contains("bullets"), "{}", c.why);
    insta::assert_snapshot!("talks_session_days_over_linked_bullets", c.text);
}

#[test]
fn a_first_heading_naming_the_day_titles_the_talk_headings_beside_it() {
    // `# LensConf 2021 - Day 1` and a link, then `# Title - Name` talks at
    // the same level: the first names the day, it is no talk.
    let c = cut("event-heading-over-talk-headings.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Shaders for the rest of us", Some("Ana Lima")),
            ("Colour is hard", Some("Tom Berger")),
            ("Tiny renderers", Some("Mei Chen")),
        ])
    );
    assert!(c.text.contains("LensConf 2021 - Day 1  ("), "{}", c.text);
    insta::assert_snapshot!("talks_event_heading_over_talk_headings", c.text);
}

#[test]
fn a_speaker_key_in_brackets_names_the_speaker() {
    // `## Title（演讲者：Winter）` over topic headings: one talk, its speaker
    // named by the key however short the name (`(Speaker: Winter)` alike).
    let c = cut("title-with-speaker-key-in-brackets.md");
    assert_eq!(c.talks, pairs(&[("组件设计的边界", Some("Winter"))]));
    assert!(c.why.starts_with("one talk"), "{}", c.why);
}

#[test]
fn speakers_first_before_a_pipe_and_a_translated_section() {
    // `## 1️⃣ Name | Title` under most headings: the name first, as with a
    // dash, once most talks of the group read so (`Ana Lima | Compiler
    // Foundations` alone could go either way). `## Kết luận (Key
    // Takeaways)`: a heading with its translation is what that says.
    let c = cut("speaker-first-pipes.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Compiler Foundations", Some("Ana Lima")),
            ("Register Allocation in Practice", Some("Tom Berger")),
            ("Inlining: When and Why", Some("Mei Chen")),
            ("Fuzzing the Optimiser", Some("Ravi Patel")),
        ])
    );
    assert!(
        c.extras.iter().any(|e| e == "Kết luận (Key Takeaways)"),
        "{:?}",
        c.extras
    );
}

#[test]
fn a_speaker_column_before_the_title_under_long_dates() {
    // `| Palestrante | Tema | Duração |` rows under `### Segunda-feira, 01
    // de abril de 2019, 18h` (a date long by its numbers and particles):
    // each row a talk titled by `Tema`, its speaker the first column.
    let c = cut("speaker-column-first-under-long-dates.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Testes de propriedade em Elixir", Some("Ana Lima")),
            ("Um compilador em um fim de semana", Some("Tom Berger")),
            ("Gráficos com SVG puro", Some("Mei Chen")),
            ("Sistemas de arquivos por dentro", Some("Ravi Patel")),
            ("Acessibilidade no dia a dia", Some("Júlia Castro")),
            ("Filas com PostgreSQL", Some("Pedro Alves")),
        ])
    );
    assert!(c.why.contains("rows of a schedule table"), "{}", c.why);
}

#[test]
fn a_heading_speaking_of_talks_beside_keynotes_holds_its_talks() {
    // `# Talk tecnici` and `# Keynotes`, each over `####` talks: the
    // keynotes' heading names a kind of talks it holds, so the other is
    // still the only one to speak of talks; both hold theirs, and the
    // intro heading is around them.
    let c = cut("talks-heading-beside-keynotes.md");
    assert_eq!(
        titles(&c),
        [
            "Async senza paura nei servizi web",
            "Un allocatore tutto nostro",
            "Macro procedurali per tutti",
            "Vent'anni di sistemi che non cadono",
            "La comunità come infrastruttura",
        ]
    );
    assert!(!titles(&c).contains(&"Talk tecnici"));
}

#[test]
fn bold_run_ins_naming_speakers_are_talks() {
    // `**Title, [@name](…).** The talk…`, the bold wrapped over two lines
    // or not: each paragraph opens with its talk's title and speaker and
    // runs on into its notes. `**Note:** …` names no one: no talk.
    let c = cut("bold-run-in-titles.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Forecasting with few data points", Some("@analima")),
            ("Columnar files without the pain", Some("Tom Berger")),
            ("Teaching a model to say \"I don't know\"", Some("@meichen")),
        ])
    );
    assert!(c.text.contains("(lines 19-21)"), "{}", c.text);
    insta::assert_snapshot!("talks_bold_run_in_titles", c.text);
}

#[test]
fn bold_talks_above_the_only_heading_and_names_in_brackets_first() {
    // Four `**姓名（单位）题目**` lines with photos under them, then one
    // `## 更多资料` of links: the bold lines are the talks, each named by
    // the person before the brackets; the heading is around them.
    let c = cut("bold-talks-above-a-links-heading.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("用 Rust 重写存储引擎的一年", Some("王磊")),
            ("异步运行时的取舍", Some("李娜")),
            ("零拷贝解析实践", Some("陈晨")),
            ("在单片机上跑 Rust", Some("赵敏")),
        ])
    );
    assert!(c.extras.iter().any(|e| e == "更多资料"), "{:?}", c.extras);
    assert!(c.why.contains("above the file's only heading"), "{}", c.why);
}

#[test]
fn bold_blocks_ending_in_a_speaker_line_are_titled_without_it() {
    // `**Title wrapped over lines` / `Speaker: Name (Lab)**`, one bold
    // block: the title is its lines before the speaker line, joined.
    let c = cut("bold-blocks-with-speaker-lines.md");
    assert_eq!(
        c.talks,
        pairs(&[
            (
                "Thinking outside the repository: supporting partial curation",
                Some("Greg Lee (University of the Coast)")
            ),
            (
                "Using information architecture to combat biases in information systems",
                Some("Megan Hill (State Library)")
            ),
            (
                "Value in those dusty file cabinets?",
                Some("Ana Lima (City College)")
            ),
        ])
    );
}

#[test]
fn a_speaker_key_in_brackets_naming_no_one_is_a_note() {
    // `## Outline (speaker: me, audience: juniors)`, `(speaker: whoever is
    // free)`: notes of a how-to, not speakers; the file stays one talk.
    let c = cut("speaker-key-notes-not-names.md");
    assert_eq!(titles(&c), ["How I prepare a talk"]);
}

#[test]
fn schedule_rows_of_a_speaker_and_a_title_are_kept_without_notes() {
    // `| Speaker | Talk |` and nothing else: each row a talk heard, a deck
    // of its title slide, not an empty section dropped.
    let c = cut("speaker-title-two-columns.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Building CLIs in Rust", Some("Priya Nair")),
            ("SQLite in production", Some("Omar Haddad")),
            ("WebGPU basics", Some("Li Wei")),
        ])
    );
}

#[test]
fn a_time_heading_takes_its_title_from_a_link_or_quote_under_it() {
    // `## 10:30 ~ 11:15` over `[Title](slides.pdf)` or `> KEYNOTE`: the
    // line is the title (the link kept around it), the time a note.
    let c = cut("time-headings-linked-titles.md");
    assert_eq!(
        titles(&c),
        [
            "OPENING KEYNOTE",
            "Columnar files without tears",
            "Backfills that finish on Monday"
        ]
    );
    assert!(
        c.text
            .contains("1. Columnar files without tears  (lines 10-10)  + notes"),
        "{}",
        c.text
    );
}

#[test]
fn an_event_heading_among_a_disclaimer_and_sources_holds_its_bullets_as_talks() {
    // `# Disclaimer` / `# CloudConf 2022 notes` / `# Sources`: the one
    // heading that is neither a talk's part nor around the talks names
    // the event, and its bullets with notes under them are the talks.
    let c = cut("event-heading-among-sections.md");
    assert_eq!(
        titles(&c),
        [
            "Observability on a budget",
            "Feature flags that expire",
            "Edge functions at scale"
        ]
    );
    assert!(c.extras.iter().any(|e| e == "Disclaimer"), "{:?}", c.extras);
    assert!(c.extras.iter().any(|e| e == "Sources"), "{:?}", c.extras);
}

#[test]
fn a_file_named_after_its_top_heading_is_that_one_talk() {
    // `scaling-the-queue_ana-lima.md` under `# Scaling the Queue -- …`:
    // two of the heading's words name the file, so its headings are the
    // talk's topics, however long.
    let c = cut("scaling-the-queue_ana-lima.md");
    assert_eq!(titles(&c), ["Scaling the Queue -- Lessons from Year Two"]);
}

#[test]
fn a_talks_heading_with_no_headings_under_it_divides_the_sections_from_the_talks() {
    // `## About the event` / `## The talks` (a line) / `## Title. By: Name`
    // …: the headings after `The talks` are its talks, the one before it
    // around them; `. By:` after a title names the speaker.
    let c = cut("talks-heading-divides-sections.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Layout with container queries", Some("Rita Sousa")),
            ("Colour spaces for the web", Some("Tiago Reis")),
            ("Testing visual changes", Some("Marta Lima")),
        ])
    );
    assert!(
        c.extras.iter().any(|e| e == "About the event"),
        "{:?}",
        c.extras
    );
    // The talks stay in the event's group.
    assert!(
        c.text.contains("Notes from Frontend Lisboa 2024  ("),
        "{}",
        c.text
    );
    assert!(!c.text.contains("\nThe talks  ("), "{}", c.text);
}

#[test]
fn an_event_over_one_heading_of_notes_is_that_talks_group() {
    // `# DataConf 2023` (dates) over one `## Title` holding `###` topics:
    // the `##` is the talk, titled as typed, the event its group.
    let c = cut("event-over-one-talk.md");
    assert_eq!(titles(&c), ["Practical Stream Processing"]);
    assert!(c.text.contains("DataConf 2023  ("), "{}", c.text);
}

#[test]
fn a_budget_beside_a_warning_and_sources_keeps_its_bullets() {
    // `# EuroConf 2024 travel budget` between `# Warning` and `# Sources`:
    // three one-word bullets naming no one are no talks.
    let c = cut("event-budget-among-sections.md");
    assert_eq!(titles(&c), ["EuroConf 2024 travel budget"]);
}

#[test]
fn a_talks_heading_holding_the_list_does_not_make_the_logistics_talks() {
    // `## The talks` holds the list; `## Travel and hotel`, `## Costs`
    // after it are the trip's, not talks under it.
    let c = cut("talks-list-then-logistics.md");
    assert!(
        !c.why.contains("under a heading that says talks"),
        "{}",
        c.why
    );
    assert!(titles(&c).contains(&"Costs"), "{:?}", titles(&c));
    assert!(
        c.text.contains("Ops Summit 2023 trip report  ("),
        "{}",
        c.text
    );
}

#[test]
fn prose_paragraphs_naming_a_bold_title_by_its_speaker_are_the_talks() {
    // `…the first talk was **Title** by [Name](…), …`: one bold title per
    // paragraph with its speaker after `by`; the paragraph is its notes.
    let c = cut("prose-bold-titles-by-speakers.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Schedulers Under Load", Some("Mina Cho")),
            ("Caching Without Regret", Some("Dev Patel")),
            ("Structured Logging for Humans", Some("Sara Novak")),
        ])
    );
}

#[test]
fn an_event_over_one_session_whose_headings_name_speakers_keeps_the_talks() {
    // `# DevRoom Ghent 2024` (a line of its own) / `## Databases track` /
    // `### Title — Name`: the `###` are the talks, not one deck.
    let c = cut("event-over-one-session.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Postgres on small machines", Some("Ana Lima")),
            ("Time series without a new database", Some("Ben Okafor")),
            ("Backups you have restored", Some("Li Wei")),
        ])
    );
}

#[test]
fn a_first_line_of_prose_starting_layout_is_no_remark_property() {
    // `layout: the hardest part of CSS, says…` is a sentence: the file is
    // notes (nothing dropped), not a remark deck.
    let c = cut("layout-prose-first-line.md");
    assert_eq!(
        titles(&c),
        ["Grid Layout in Practice", "Intrinsic Sizing Explained"]
    );
    assert!(!c.text.contains("remark"), "{}", c.text);
}

#[test]
fn hexo_front_matter_may_open_with_layout_and_no_rule() {
    let c = cut("hexo-layout-first.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("State of the Framework", Some("Evan Li")),
            ("Animation Patterns", Some("Sara Dean")),
        ])
    );
    assert!(
        c.text.contains("Frontend Meetup 2020 notes  ("),
        "{}",
        c.text
    );
}

#[test]
fn a_list_of_the_talks_attended_under_a_lead_in_is_the_talks() {
    // No headings: `The talks I attended:` over linked titles, quoted or
    // not (inside the brackets or around the link), one ending its
    // sentence with `and`, another with `.`.
    let c = cut("talks-attended-listed.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Columnar formats, explained slowly", None),
            ("Streaming joins without tears", None),
            ("Query planners for the rest of us", Some("Noor Haddad")),
            ("Testing pipelines like software", None),
            ("What the lakehouse forgot", None),
        ])
    );
    assert!(c.why.contains("a list of the talks seen"), "{}", c.why);
    // What is around the list is kept, in a deck of its own.
    assert_eq!(c.extras, vec!["About Two days at DataFest"]);
    assert!(c.text.contains("About Two days at DataFest"), "{}", c.text);
    // Talks listed without notes by design: no warning per talk.
    assert!(!c.warnings.contains("has no notes"), "{}", c.warnings);
    insta::assert_snapshot!("talks_attended_listed", c.text);
}

#[test]
fn bullets_naming_talks_and_speakers_under_talk_headings_are_the_talks() {
    // `## Talks on Wednesday` over `* Title (Speaker)` lists split by
    // `**Morning:**` lines; one with a summary link after it, one with a
    // linked name. A title holding `day one` is still a talk.
    let c = cut("talks-listed-under-days.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("Designing for failure from day one", Some("Priya Raman")),
            ("Contracts between services", Some("Tom Becker")),
            ("Observability on a budget", Some("Lena Fischer")),
            ("Feature flags at scale", Some("Marco Rossi")),
            ("The cost of a millisecond", Some("Aiko Sato")),
            ("Platform teams that say yes", Some("Sam Okoro")),
            (
                "Migrating a monolith, one seam at a time",
                Some("Eva Novak")
            ),
            ("Security reviews people enjoy", Some("Jon Hale")),
            // Two will do under a heading that names the talks seen.
            ("Accessibility is a team sport", Some("Nadia Karim")),
            ("Shipping on Fridays, safely", Some("Ola Berg")),
        ])
    );
    // The summary link is the talk's one slide; the linked name is kept
    // in the title slide's notes.
    assert!(
        c.text.contains("Contracts between services → buildconf-2026/contracts-between-services.html  [2 slides"),
        "{}",
        c.text
    );
    assert!(c.text.contains("(lines 21-21)  + notes"), "{}", c.text);
    assert!(c.extras.contains(&"Wrap-up".to_string()), "{:?}", c.extras);
    insta::assert_snapshot!("talks_listed_under_days", c.text);
}

#[test]
fn links_a_talk_recommends_or_its_own_slides_are_not_talks() {
    // One talk's notes: `Talks she recommended:` and `Slides and videos:`
    // over lists of links stay its notes.
    let c = cut("talk-notes-with-related-links.md");
    assert_eq!(
        c.talks,
        pairs(&[("Making builds reproducible", Some("Ida Berg"))])
    );
    insta::assert_snapshot!("talks_notes_with_related_links", c.text);
}

#[test]
fn bullets_opening_with_a_bold_title_under_days_are_talks() {
    // `## Palestras` / `### Primeiro dia` over `* **Title**. notes…` (or
    // `: ` or ` - ` after the title); `**Pros**: …` bullets under a
    // heading that names no day stay notes.
    let c = cut("bold-titled-bullets-under-days.md");
    assert_eq!(
        titles(&c),
        vec![
            "Tipagem gradual sem dor",
            "Async na prática",
            "Dados abertos com pandas",
            "Empacotamento em 2025",
            "Testes que contam uma história",
            "Python no navegador",
        ]
    );
    assert!(c.why.contains("bold title"), "{}", c.why);
    assert!(!c.extras.iter().any(|e| e == "Pros"), "{:?}", c.extras);
    // The notes after the title are the talk's one slide, without the
    // stop or dash that led into them.
    assert!(
        c.text
            .contains("Empacotamento em 2025 → palestras/empacotamento-em-2025.html  [2 slides"),
        "{}",
        c.text
    );
    insta::assert_snapshot!("talks_bold_titled_bullets_under_days", c.text);
}

#[test]
fn a_heading_that_says_talks_in_czech_holds_the_talks() {
    // `## Postřehy z přednášek` ("notes from the talks") over `###`
    // titles, beside sections around them.
    let c = cut("talks-section-in-czech.md");
    assert_eq!(
        titles(&c),
        vec![
            "Proč testovat v produkci?",
            "Rust pro Javisty",
            "Databáze bez bolesti"
        ]
    );
    assert_eq!(c.extras, vec!["Konference ve zkratce", "Závěrem"]);
    insta::assert_snapshot!("talks_section_in_czech", c.text);
}

#[test]
fn a_bold_name_before_a_title_names_the_speaker_of_a_talk() {
    // `**Name**: _Title._` over notes typed as one long line each, under
    // `### Charlas a las que asistimos` beside sections of the event.
    let c = cut("bold-names-over-titles.md");
    assert_eq!(
        c.talks,
        pairs(&[
            (
                "Arquitectura hexagonal en el mundo real",
                Some("Lucía Martín")
            ),
            ("Kotlin multiplataforma sin miedo", Some("Pablo Ruiz")),
            (
                "Accesibilidad desde el primer commit",
                Some("Marta Gil y Jorge Sanz")
            ),
        ])
    );
    assert_eq!(
        c.extras,
        vec!["Descripción del evento", "Participación del equipo"]
    );
    insta::assert_snapshot!("talks_bold_names_over_titles", c.text);
}

#[test]
fn bold_labels_of_a_days_notes_are_not_talks() {
    // `* **Marta**. …`, `* **09:00**. …`, `* **Ship weekly**. …` (a keynote's
    // points), `* **Best**. …` and `**Favourite Quote**: _…_` are labels
    // of the notes, not titles of talks.
    let c = cut("bold-labels-under-days.md");
    assert_eq!(titles(&c), vec!["Day 1", "Day 2", "Day 3", "Ratings"]);
    assert!(c.talks.iter().all(|(_, s)| s.is_none()), "{:?}", c.talks);
    insta::assert_snapshot!("talks_bold_labels_under_days", c.text);
}

#[test]
fn bold_bullets_naming_speaker_and_title_under_notes_on_the_speeches_are_talks() {
    // `### Appunti sparsi sugli speech` over `- **Name - "Title"**: notes`,
    // one bullet with no notes after its bold title.
    let c = cut("bold-speakers-and-titles-in-bullets.md");
    assert_eq!(
        c.talks,
        pairs(&[
            (
                "Arduino e Unity: nuove forme di interazione per installazioni interattive",
                Some("Chiara Rossi")
            ),
            (
                "Il router di casa come botnet da salotto: perché i virus su Linux esistono",
                Some("Luca Bianchi")
            ),
            (
                "Rilasciare responsabilmente: pratiche che vi faranno amare dai dev",
                Some("Sara Verdi")
            ),
            (
                "Deploy continuo di una web app in mezz'ora",
                Some("Marco Neri")
            ),
            ("Il video", None),
        ])
    );
    insta::assert_snapshot!("talks_bold_speakers_and_titles_in_bullets", c.text);
}

#[test]
fn a_file_whose_headings_are_all_parts_of_a_talk_is_that_talk() {
    // Only `### Key Insights` and `### Questions` under a front-matter
    // title: one talk, titled without its catalogue code (`[ARC402]`).
    let c = cut("one-talk-of-sections-under-front-matter.md");
    assert_eq!(c.talks, pairs(&[("Scaling Search Without Tears", None)]));
    assert!(c.extras.is_empty(), "{:?}", c.extras);
    assert!(c.why.contains("every heading names a part"), "{}", c.why);
    // The code is kept in the talk's notes, not lost.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::cargo_bin("notedeck")
        .expect("binary")
        .current_dir(root)
        .args([
            "outline",
            "tests/fixtures/talks/one-talk-of-sections-under-front-matter.md",
            "--json",
        ])
        .output()
        .expect("run outline");
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(json.contains("[ARC402]"), "{json}");
    insta::assert_snapshot!("talks_one_talk_of_sections_under_front_matter", c.text);
}

#[test]
fn the_sessions_attended_are_the_talks_not_the_programme_listed_before() {
    // `## 발표 목록` (the programme, `Name(Company) / Title` under bold
    // tracks) and then `## 들은 세션` (the sessions heard), same shape.
    let c = cut("programme-then-sessions-attended.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("안드로이드 빌드 속도 두 배로", Some("김민준")),
            ("SwiftUI 마이그레이션 1년 회고", Some("박지호 & 최유나")),
            ("웹뷰와 네이티브 사이", Some("강도윤")),
        ])
    );
    assert_eq!(c.extras, vec!["소개", "발표 목록", "참고"]);
    assert!(!c.warnings.contains("duplicate"), "{}", c.warnings);
    insta::assert_snapshot!("talks_programme_then_sessions_attended", c.text);
}

#[test]
fn timed_bullets_with_notes_under_an_agenda_heading_are_talks() {
    // `## Agenda et notes` over `- ~ 19:00 Title` bullets with notes under
    // them, in lists broken by photos; a break and the end have none.
    let c = cut("timed-agenda-between-photos.md");
    assert_eq!(
        titles(&c),
        vec![
            "Observabilité sans douleur",
            "Rust pour les développeurs Java",
            "Tests de contrat entre équipes",
        ]
    );
    assert_eq!(
        c.extras,
        vec!["Chiffres", "About Agenda et notes", "À refaire"]
    );
    assert!(c.why.contains("time of day"), "{}", c.why);
    insta::assert_snapshot!("talks_timed_agenda_between_photos", c.text);
}

#[test]
fn a_heading_over_the_conferences_attended_holds_the_talks() {
    // French `conférences` are talks: `## Résumé des conférences
    // auxquelles j'ai assisté` over `###` talks, some headed by a name.
    let c = cut("talks-under-headings-naming-conferences.md");
    assert_eq!(c.talks.len(), 5, "{:?}", c.talks);
    assert_eq!(
        titles(&c)[2..],
        [
            "Inférence partout : optimiser les performances",
            "Des agents qui font vraiment le travail",
            "Du laboratoire au produit avec un modèle vocal",
        ]
    );
    assert_eq!(c.extras, vec!["Conclusion"]);
    insta::assert_snapshot!("talks_under_headings_naming_conferences", c.text);
}

#[test]
fn plain_titles_under_a_heading_saying_one_attended_them_are_talks() {
    // `## Talks I attended` over bullets that are only titles (no links,
    // no speakers, no notes); the impressions after it are around them.
    let c = cut("plain-titles-under-talks-attended.md");
    assert_eq!(
        titles(&c),
        vec![
            "Observability for the rest of us",
            "Postgres as a queue, honestly",
            "Feature flags without the debt",
            "Shipping a design system twice",
        ]
    );
    assert_eq!(c.extras, vec!["Impressions"]);
    assert!(c.why.contains("a heading that names them"), "{}", c.why);
    insta::assert_snapshot!("talks_plain_titles_under_talks_attended", c.text);
}

#[test]
fn the_sessions_attended_with_notes_are_the_talks_not_the_programme() {
    // `## Programme` lists four talks, `## Sessions I attended` three of
    // them with notes under each: those three, speakers first.
    let c = cut("sessions-attended-with-notes-after-programme.md");
    assert_eq!(
        c.talks,
        pairs(&[
            ("eBPF for the rest of us", Some("Lena Fischer")),
            ("Gateway API deep dive", Some("Tom Baker")),
            ("Operators that never page you", Some("Priya Nair")),
        ])
    );
    assert_eq!(c.extras, vec!["Programme", "Impressions"]);
    insta::assert_snapshot!("talks_sessions_attended_with_notes_after_programme", c.text);
}

#[test]
fn a_list_right_after_a_line_saying_one_heard_them_is_the_talks() {
    // `聽了以下幾場：` ("heard the following") over three linked titles,
    // under a heading that names no event; the other headings are around.
    let c = cut("talks-listed-after-a-line-saying-heard.md");
    assert_eq!(
        titles(&c),
        vec![
            "資料分析從 DuckDB 開始學起",
            "在雲端為自己的播客節目打造一個家",
            "用編輯器管理你的資料庫連線",
        ]
    );
    assert_eq!(c.extras, vec!["開始之前", "About 參與心得", "最後"]);
    assert!(c.why.contains("saying one saw them"), "{}", c.why);
    insta::assert_snapshot!("talks_listed_after_a_line_saying_heard", c.text);
}

#[test]
fn a_meetings_timed_agenda_is_not_a_schedule_of_talks() {
    // `- 10:20 Q2 roadmap`, `- 10:45 AOB` with notes under them: items of
    // a meeting, not titles of talks.
    let c = cut("meeting-agenda-with-times.md");
    assert_eq!(titles(&c), vec!["Action items"]);
    assert_eq!(c.extras, vec!["Agenda"]);
    assert!(!c.why.contains("time of day"), "{}", c.why);
}

#[test]
fn a_long_heading_saying_one_attended_the_talks_holds_them() {
    // `## Charlas a las que asistí` ("talks I attended"): longer than a
    // heading that only names talks, it says one saw them.
    let c = cut("talks-heading-with-a-verb-of-attending.md");
    assert_eq!(
        titles(&c),
        vec![
            "Pipelines de datos sin dolor",
            "Accesibilidad más allá del contraste",
            "Cómo escalar un equipo de analítica",
        ]
    );
    assert_eq!(c.extras, vec!["Introducción", "Conclusiones"]);
    insta::assert_snapshot!("talks_heading_with_a_verb_of_attending", c.text);
}

#[test]
fn bullets_with_notes_right_after_a_line_saying_one_attended_them_are_talks() {
    // `Ich habe besucht:` ("I attended:") over bullets with notes under
    // them, inside `## Allgemeines`; the heading beside it is around them.
    let c = cut("bullets-after-a-line-saying-one-attended.md");
    assert_eq!(
        titles(&c),
        vec![
            "Rust für Java-Entwickler",
            "Effektive Code Reviews im Team",
            "Datenschutz von Anfang an in Web-Apps",
        ]
    );
    assert_eq!(c.extras, vec!["About Allgemeines", "Essen und Networking"]);
    assert!(c.why.contains("saying one saw them"), "{}", c.why);
    insta::assert_snapshot!("talks_bullets_after_a_line_saying_one_attended", c.text);
}

#[test]
fn talks_typed_deeper_than_a_sibling_heading_are_at_its_level() {
    // `#####` talks right under `#`, then `## Other talks` under the same
    // `#`: one depth to a reader. `(Acme IT Academy)`, with a word in
    // capitals, is a track or a company, not who spoke: it stays.
    let c = cut("talks-typed-deeper-than-their-siblings.md");
    assert_eq!(
        titles(&c),
        vec![
            "Event sourcing without tears (Acme IT Academy)",
            "Database migrations without downtime (Acme IT Academy)",
            "Kotlin coroutines in practice (Acme IT Academy)",
            "Other talks",
        ]
    );
    assert_eq!(c.extras, vec!["Overall"]);
    assert!(!c.text.contains("sections: #####"), "{}", c.text);
    insta::assert_snapshot!("talks_typed_deeper_than_their_siblings", c.text);
}

#[test]
fn two_linked_talks_under_a_heading_naming_talks_beside_resources() {
    // An event's notes: `## Best presentations` holds two bullets opening
    // with (reference) links, notes after them; `## Tools` and `##
    // Resources` beside it are around the talks.
    let c = cut("linked-talks-beside-resources.md");
    assert_eq!(
        titles(&c),
        vec![
            "Modelling time in a graph",
            "Query tuning for the impatient"
        ]
    );
    assert_eq!(c.extras, vec!["Tools", "Resources"]);
    insta::assert_snapshot!("talks_linked_beside_resources", c.text);
}

#[test]
fn a_speaker_key_before_a_linked_name_under_a_photo_marks_a_talk() {
    // `### Title` / a photo / `講者 [Name](…) 分享了…` under topic
    // headings: the topics are groups, the speaker is read from the
    // paragraph, which stays (it tells the talk).
    let c = cut("speaker-link-under-a-photo.md");
    assert_eq!(
        c.talks,
        vec![
            (
                "用 Vite 重寫舊專案的一年".to_string(),
                Some("陳小明".to_string())
            ),
            (
                "Signals 會取代 hooks 嗎".to_string(),
                Some("Ana Ruiz".to_string())
            ),
            (
                "從 Core Web Vitals 看真實使用者".to_string(),
                Some("王大華".to_string())
            ),
        ]
    );
    assert_eq!(c.extras, vec!["前言", "參與心得", "相關資料"]);
    insta::assert_snapshot!("talks_speaker_link_under_a_photo", c.text);
}

#[test]
fn linked_titles_listed_under_day_headings_are_that_days_talks() {
    // `### Day 1` / `### Day 2` over lists of linked titles and nothing
    // else, no line leading to them: the days' talks (two will do).
    let c = cut("days-listing-linked-talks.md");
    assert_eq!(
        titles(&c),
        vec![
            "Design tokens across three frameworks",
            "Visual regression testing that people trust",
            "Shipping a component library to five teams",
            "Container queries in production",
            "Animations without jank on low-end phones",
        ]
    );
    assert_eq!(c.extras, vec!["Why I went", "Venue"]);
    assert!(c.why.contains("name an event or a day"), "{}", c.why);
    insta::assert_snapshot!("talks_days_listing_linked_talks", c.text);
}

#[test]
fn links_to_photos_under_a_day_are_not_that_days_talks() {
    // Two links under `## Day 1` and no day of three listed talks: the
    // photos and the hotel stay material around the talks.
    let c = cut("day-listing-photo-links.md");
    assert_eq!(
        titles(&c),
        vec!["Polars lazy frames in production", "Testing data pipelines"]
    );
    assert_eq!(c.extras, vec!["Day 1"]);
}

#[test]
fn a_closing_heading_of_links_after_a_talk_is_around_it() {
    // `# Everything she mentioned` over a list of links after one talk's
    // notes: not a second talk.
    let c = cut("one-talk-then-a-heading-of-links.md");
    assert_eq!(titles(&c), vec!["The state of WebAssembly"]);
    assert_eq!(c.extras, vec!["Everything she mentioned"]);
}

#[test]
fn talks_typed_as_lines_of_one_paragraph_after_a_lead_in_are_a_list() {
    // `The talks I picked:` then `Name - _Title_` lines, no bullets (one
    // paragraph): a list typed without its bullets, the day's talks.
    let c = cut("talks-as-lines-of-a-paragraph.md");
    assert_eq!(
        c.talks,
        vec![
            (
                "Records, sealed types and you".to_string(),
                Some("Anna Berg".to_string())
            ),
            (
                "GraalVM native images in anger".to_string(),
                Some("Tomasz Lis".to_string())
            ),
            (
                "Observability For The JVM".to_string(),
                Some("Jo Reyes".to_string())
            ),
        ]
    );
    // (Day 2, told in prose beside a day cut into its talks, is around them.)
    assert_eq!(c.extras, vec!["About Day 1", "Day 2"]);
    insta::assert_snapshot!("talks_as_lines_of_a_paragraph", c.text);
}

#[test]
fn a_heading_saying_one_attended_lectures_lists_the_talks() {
    // `### 수강` ("lectures attended") under each event, over plain
    // titles: the talks, grouped by their event; the closing thoughts
    // are around them.
    let c = cut("attended-lectures-per-event.md");
    assert_eq!(
        titles(&c),
        vec![
            "키노트",
            "새로운 빌드 도구 소개",
            "테스트 코드로 설계하기(생각보다 쉬움)",
            "모바일 앱의 접근성",
            "상태 관리의 오해와 진실",
            "혼자 하는 게임 개발",
        ]
    );
    assert_eq!(c.extras, vec!["두 행사 후기", "소감"]);
    assert!(c.why.contains("a heading that names them"), "{}", c.why);
    insta::assert_snapshot!("talks_attended_lectures_per_event", c.text);
    // `## 聴講したセッション` ("sessions I listened to"): the same, in Japanese.
    let c = cut("lectures-heard-heading.md");
    assert_eq!(
        titles(&c),
        vec![
            "型で守るAPI設計",
            "監視ダッシュボードを捨てた話",
            "小さなチームのためのSRE入門",
        ]
    );
    assert_eq!(c.extras, vec!["感想"]);
    insta::assert_snapshot!("talks_lectures_heard_heading", c.text);
}

#[test]
fn the_events_own_name_and_a_closing_line_are_around_the_talks() {
    // `## DevFest Lisboa` under `# DevFest Lisboa 2023` tells of the event;
    // `## See you next year!` closes the file. (`¿Por qué…?` keeps its
    // opening mark, and stays a talk.)
    let c = cut("event-name-and-closing-headings.md");
    assert_eq!(
        titles(&c),
        vec![
            "Kotlin beyond Android",
            "Measuring what users feel",
            "¿Por qué tu API es lenta?",
        ]
    );
    assert_eq!(c.extras, vec!["DevFest Lisboa", "See you next year!"]);
    insta::assert_snapshot!("talks_event_name_and_closing_headings", c.text);
}

#[test]
fn a_talk_listed_then_written_up_further_on_is_one_talk() {
    // Linked titles under each day, then the favourites again with notes:
    // each favourite is the talk where it was listed, holding its notes.
    // (`Keynote` on both days names no one talk: the second stays apart.)
    let c = cut("listed-then-written-up.md");
    assert_eq!(
        titles(&c),
        vec![
            "Design tokens across three frameworks",
            "Visual regression testing that people trust",
            "Shipping a component library to five teams",
            "Keynote",
            "Container queries in production",
            "Keynote",
        ]
    );
    assert!(
        c.text.contains("(lines 25-26)"),
        "the notes join the listed talk:\n{}",
        c.text
    );
    assert!(
        !c.warnings
            .contains("'Visual regression testing that people trust' has no notes"),
        "{}",
        c.warnings
    );
    insta::assert_snapshot!("talks_listed_then_written_up", c.text);
}

#[test]
fn the_headings_under_a_reports_highlights_are_its_talks() {
    // An event report's `### Highlights` over `####` headings with notes,
    // beside `### Event objectives`, `### Speakers`, `### What I learned`:
    // the highlights are the talks, the other sections around them.
    let c = cut("highlights-among-report-sections.md");
    assert_eq!(
        titles(&c),
        vec![
            "Serverless data pipelines at a bank",
            "Guardrails for generative AI apps",
            "Observability for many small accounts",
        ]
    );
    assert_eq!(
        c.extras,
        vec!["Event objectives", "Speakers", "What I learned"]
    );
    insta::assert_snapshot!("talks_highlights_among_report_sections", c.text);
}

#[test]
fn prose_naming_talks_by_their_titles_in_quotes_is_cut_at_them() {
    // Days told in prose, each talk named in quotes after a word saying it
    // is one (`session`, `went to`, `keynote`, `talk`): a talk per
    // paragraph. A quoted remark (`"never rewrite twice."`) is none; the
    // day with no talk and the conclusion are around them.
    let c = cut("prose-days-quoted-titles.md");
    assert_eq!(
        titles(&c),
        vec![
            "Streaming open worlds without loading screens",
            "Shaders that artists can own",
            "Ten years of one engine",
            "Testing games with bots that play badly",
        ]
    );
    assert_eq!(c.extras, vec!["About Day 1", "Day 3", "In conclusion"]);
    assert!(c.why.contains("title in quotes"), "{}", c.why);
    insta::assert_snapshot!("talks_prose_days_quoted_titles", c.text);
    // A file without headings, each title quoted inside its link, one
    // wrapped over two lines: the talk starts on the line the title does.
    let c = cut("prose-linked-quoted-titles.md");
    assert_eq!(
        titles(&c),
        vec![
            "Async, one year on",
            "Embedded without tears",
            "Kompilieren in der Cloud",
        ]
    );
    assert!(c.text.contains("[2 slides, line 13]"), "{}", c.text);
    insta::assert_snapshot!("talks_prose_linked_quoted_titles", c.text);
}

#[test]
fn a_quoted_title_beside_its_speaker_names_a_talk_in_prose() {
    // No word saying `talk` or `went to`: the speaker beside the quote
    // (`"Title" by Name`, `Name's "Title"`) says it. A shout (`"ship it"`)
    // is no title.
    let c = cut("prose-quoted-titles-with-speakers.md");
    assert_eq!(
        titles(&c),
        vec![
            "Design systems at scale",
            "Signals everywhere",
            "Testing in the age of AI",
        ]
    );
    assert_eq!(c.extras, vec!["Takeaways"]);
    insta::assert_snapshot!("talks_prose_quoted_titles_with_speakers", c.text);
}

#[test]
fn registering_for_a_course_is_not_attending_lectures() {
    // `## 수강신청` (course registration) opens with the word for attending
    // lectures, `수강`; its bullets are reminders, not talks.
    let c = cut("course-registration-not-lectures.md");
    assert_eq!(titles(&c), vec!["수강신청", "할 일"]);
    assert!(c.extras.is_empty(), "{:?}", c.extras);
}

#[test]
fn spanish_prose_names_its_talks_in_angle_quotes() {
    // `«Title»` after `charla` or `fui a` ("I went to"); a quoted phrase
    // the speaker kept saying is none; the closing line is around them.
    let c = cut("prosa-titulos-entre-comillas.md");
    assert_eq!(
        titles(&c),
        vec![
            "Python en la administración pública",
            "Pandas 3.0: lo que viene",
            "Tipado estático sin sufrir",
        ]
    );
    assert_eq!(c.extras, vec!["¡Hasta el año que viene!"]);
    insta::assert_snapshot!("talks_prosa_titulos_entre_comillas", c.text);
}

#[test]
fn a_panels_bold_blocks_ending_in_a_speaker_line_are_its_talks() {
    // `# Panel 1: …` over bold blocks whose last line is `Speaker: Name`:
    // the panel holds talks, each block one, its speaker from that line.
    let c = cut("panel-of-bold-blocks-with-speaker-lines.md");
    assert_eq!(
        c.talks,
        pairs(&[
            (
                "Thinking outside the repository: supporting partial curation",
                Some("Greg Janssen (University of Somewhere)")
            ),
            (
                "Using information architecture to combat biases in information systems",
                Some("Megan Olsen (State University Library)")
            ),
        ])
    );
    assert_eq!(c.extras, vec!["Closing remarks"]);
    insta::assert_snapshot!("talks_panel_of_bold_blocks_with_speaker_lines", c.text);
}

#[test]
fn talks_listed_above_headings_that_write_some_of_them_up_are_all_talks() {
    // `The talks I attended:` over four linked titles, two of them written
    // up under `##` headings further on: four talks, in the list's order,
    // the two with the notes written below.
    let c = cut("talks-listed-some-written-up.md");
    assert_eq!(
        titles(&c),
        vec![
            "Ownership for the rest of us",
            "Async drop, finally",
            "Embedded on a budget",
            "Fearless refactoring",
        ]
    );
    assert_eq!(c.extras, vec!["Venue"]);
    assert!(c.text.contains("(lines 14-15)"), "{}", c.text);
    assert!(!c.warnings.contains("has no notes"), "{}", c.warnings);
    insta::assert_snapshot!("talks_listed_some_written_up", c.text);
}

#[test]
fn linked_titles_right_after_a_line_leading_to_the_talks_seen_are_talks() {
    // `Sobre las charlas a las que asistí:` over bullets opening with a
    // quoted link, then the comment (`" [Title](…)": notes`), one labelled
    // `Keynote - `: a talk each, without the quotes, the label or the
    // colon; the speaker after the link (`, de [Name](…):`) is the
    // keynote's. The bullet that is no talk stays around them, and lists
    // of links with comments after a line that leads to no talks, or to
    // what came of them (`Libros que escuché recomendar en las charlas:`),
    // are not cut.
    let c = cut("linked-titles-after-a-lead-with-comments.md");
    assert_eq!(
        titles(&c),
        vec![
            "Rust para programadores de C",
            "Cómo vivir del software libre",
            "Por qué importan los estándares abiertos",
            "Balanceo de carga con nftables",
        ]
    );
    assert!(
        c.why
            .contains("right after a line leading to the talks seen"),
        "{}",
        c.why
    );
    assert!(c.text.contains("[2 slides, line 11]"), "{}", c.text);
    assert!(!c.text.contains("Programa completo →"), "{}", c.text);
    assert!(!c.text.contains("Código limpio →"), "{}", c.text);
    assert_eq!(c.talks[2].1.as_deref(), Some("Ana Ríos"));
    insta::assert_snapshot!("talks_linked_titles_after_a_lead_with_comments", c.text);
}

#[test]
fn a_speakers_bullet_saying_what_they_spoke_about_is_titled_by_it() {
    // `[Name](…) talked about Topic. …` under `These were my favourites:`:
    // the topic is the title, up to the clause's end, with a capital, and
    // the name the speaker; a bullet naming no topic keeps the name. The report's other
    // sections (venue, photos, summary) are around the talks.
    let c = cut("speakers-bullets-saying-what-they-spoke-about.md");
    assert_eq!(
        c.talks,
        vec![
            (
                "Error budgets for small teams".into(),
                Some("Mina Ortiz".into())
            ),
            (
                "Property testing in Python".into(),
                Some("Paul Berg".into())
            ),
            (
                "Shipping a mobile app without a release train".into(),
                Some("Ravi".into())
            ),
            ("Jo Lin".into(), None),
        ]
    );
    assert_eq!(
        c.extras,
        vec!["About The content", "The venue", "Photos", "In summary"]
    );
    insta::assert_snapshot!(
        "talks_speakers_bullets_saying_what_they_spoke_about",
        c.text
    );
}

#[test]
fn a_name_heading_first_among_a_talks_sections_is_its_speaker() {
    // `## Title` / `### Name` holding only a placeholder link, then `###`
    // sections: one talk, the name its speaker, not five talks.
    let c = cut("one-talk-speaker-heading-then-sections.md");
    assert_eq!(
        c.talks,
        vec![(
            "Habits of reliable test suites".to_string(),
            Some("Marta Kowalczyk".to_string())
        )]
    );
    assert!(c.why.starts_with("one talk"), "{}", c.why);
    insta::assert_snapshot!("talks_one_talk_speaker_heading_then_sections", c.text);
}

#[test]
fn a_kind_of_talk_before_a_dash_is_no_title_to_read_a_speaker_after() {
    // `## Talk court - Doc Busters`: `Doc Busters` reads like a name, but
    // after a kind of talk it is the title; the title stays as typed. A
    // closing heading (`Clôture`) is around the talks.
    let c = cut("kind-labelled-talk-titles.md");
    assert!(
        c.talks
            .contains(&("Talk court - Doc Busters".to_string(), None)),
        "{:?}",
        c.talks
    );
    assert_eq!(c.talks.len(), 5, "{:?}", c.talks);
    assert_eq!(c.extras, vec!["Clôture"]);
    insta::assert_snapshot!("talks_kind_labelled_talk_titles", c.text);
}

#[test]
fn two_linked_talks_after_a_line_naming_talks_are_talks_and_a_person_is_not() {
    // `Talks I attended:` over two linked titles with short comments, one
    // with its speaker in brackets, and a linked name going on about
    // something else (`organised the venue`): two talks, the person none.
    let c = cut("two-linked-talks-after-a-lead.md");
    assert_eq!(
        c.talks,
        vec![
            ("What's new in Django 6".to_string(), None),
            ("HTMX in anger".to_string(), Some("Ana Lima".to_string())),
        ]
    );
    insta::assert_snapshot!("talks_two_linked_talks_after_a_lead", c.text);
    // The same under a file's only heading (`# Rust Nation 2026`), in
    // German: two talks, the heading's lines around them.
    let c = cut("two-linked-talks-under-a-title.md");
    assert_eq!(
        c.talks,
        vec![
            ("Zero-copy parsing in practice".to_string(), None),
            (
                "Embedded Rust im Zug".to_string(),
                Some("Lena Vogt".to_string())
            ),
        ]
    );
    assert_eq!(c.extras, vec!["About Rust Nation 2026"]);
}

#[test]
fn a_linked_name_heading_first_among_a_talks_sections_is_its_speaker() {
    // `## Title` / `### [Name](profile)` with nothing under it, then `###`
    // sections: one talk, that speaker.
    let c = cut("one-talk-linked-speaker-heading.md");
    assert_eq!(
        c.talks,
        vec![(
            "Type-safe SQL without an ORM".to_string(),
            Some("Kyle Brandt".to_string())
        )]
    );
    insta::assert_snapshot!("talks_one_talk_linked_speaker_heading", c.text);
}
