//! A file that failed is cached by its text like a good one: under
//! `serve` an unchanged bad file is not parsed again on every rebuild, and
//! its error is replayed word for word.

use notedeck::{BuildOptions, Compiler};

fn error_texts(project: &notedeck::Project) -> Vec<String> {
    project.errors.iter().map(|e| e.to_string()).collect()
}

#[test]
fn an_unchanged_failed_file_is_not_parsed_again_and_its_error_is_replayed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.md");
    let good = dir.path().join("good.md");
    // Front matter 100,000 brackets deep: refused, at a cost per parse.
    let deep = format!("---\ntitle: {}\n---\n## Bad\n\n* x\n", "[".repeat(100_000));
    std::fs::write(&bad, &deep).expect("write bad");
    std::fs::write(&good, "## Good\n\n* y\n").expect("write good");
    let mut c = Compiler::new(BuildOptions {
        inputs: vec![dir.path().to_path_buf()],
        ..BuildOptions::default()
    });

    let first = c.build().expect("build");
    assert_eq!(first.stats.files_parsed, 2);
    let errors = error_texts(&first.project);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("bad.md:2:1") && errors[0].contains("nested deeper"),
        "{errors:?}"
    );

    // Nothing changed: nothing parsed, the same error again.
    let second = c.build().expect("rebuild");
    assert_eq!(second.stats.files_parsed, 0);
    assert_eq!(error_texts(&second.project), errors);
    assert_eq!(second.project.decks.len(), 1);

    // Editing the good file parses only it; the bad one is still replayed.
    std::fs::write(&good, "## Good\n\n* y\n* z\n").expect("edit good");
    let third = c.build().expect("rebuild");
    assert_eq!(third.stats.files_parsed, 1);
    assert_eq!(error_texts(&third.project), errors);

    // Fixing the bad file parses it again, and its error is gone.
    std::fs::write(&bad, "## Bad\n\n* x\n").expect("fix bad");
    let fourth = c.build().expect("rebuild");
    assert_eq!(fourth.stats.files_parsed, 1);
    assert!(fourth.project.errors.is_empty());
    assert_eq!(fourth.project.decks.len(), 2);

    // Breaking it again the same way is noticed (the old failure was not
    // kept past the good build).
    std::fs::write(&bad, &deep).expect("break bad");
    let fifth = c.build().expect("rebuild");
    assert_eq!(fifth.stats.files_parsed, 1);
    assert_eq!(error_texts(&fifth.project), errors);
}
