//! Theme plumbing: each deck is rendered with the theme its meta names.

use notedeck::render::theme::builtin;
use notedeck::{compile, BuildOptions, Compiler};
use std::path::PathBuf;

fn opts() -> BuildOptions {
    BuildOptions {
        inputs: vec![
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("talks/rustconf-2025/day-one.md")
        ],
        ..BuildOptions::default()
    }
}

#[test]
fn each_deck_gets_the_css_of_its_own_theme() {
    let mut project = compile::compile(&opts());
    project.decks[1].meta.theme = "dark".into();
    project.decks[2].meta.theme = "high-contrast".into();
    let assets = Compiler::new(opts()).assets(&project).expect("themes");
    let pages = compile::render_pages(&project, "Recap", &assets).expect("render");
    for (deck, theme) in project
        .decks
        .iter()
        .zip(["light", "dark", "high-contrast", "light"])
    {
        let html = &pages[&deck.path];
        let css = builtin(theme).expect("built-in").trim();
        assert!(html.contains(css), "{} should use {theme}", deck.path);
        assert!(html.contains(&format!("data-theme=\"{theme}\"")));
        for other in ["light", "dark", "high-contrast"] {
            if other != theme {
                let other_css = builtin(other).expect("built-in").trim();
                assert!(!html.contains(other_css), "{} also has {other}", deck.path);
            }
        }
    }
}

#[test]
fn an_unknown_deck_theme_names_the_deck_and_the_choices() {
    let mut project = compile::compile(&opts());
    project.decks[3].meta.theme = "solarized".into();
    let err = Compiler::new(opts())
        .assets(&project)
        .expect_err("unknown theme")
        .to_string();
    let path = project.decks[3].source.display().to_string();
    assert_eq!(
        err,
        format!(
            "{path}:{}: unknown theme 'solarized' (available: dark, high-contrast, light)",
            project.decks[3].line
        )
    );
}
