//! Raw HTML past the sanitizer (issue #16, item 11): form elements are
//! dropped with a warning while notedeck's own task boxes still show, and
//! every remote image is named where it is used.

use crate::common::compile_text;

fn warnings(project: &notedeck::Project) -> Vec<String> {
    project.diagnostics.iter().map(|d| d.to_string()).collect()
}

#[test]
fn form_elements_are_dropped_with_a_warning_and_task_boxes_stay() {
    let md = "## Forms\n\n\
              * <input onfocus=alert(1) autofocus value=typed>\n\
              * <button formaction=https://evil.example/>Press</button>\n\
              * <select name=s><option>first</option></select>\n\
              * <textarea>draft text</textarea>\n\
              * <form action=https://evil.example/><label>In a form</label></form>\n\
              * <fieldset><legend>Group</legend></fieldset> <datalist><option>x</option></datalist>\n\
              \n\
              ### Tasks\n\n\
              - [x] done\n\
              - [ ] to do\n";
    let (project, pages) = compile_text("forms.md", md);
    let deck = &pages[&project.decks[0].path];
    // The page's own controls (the runtime's buttons) are no part of it.
    let (plain, plain_pages) = compile_text("forms.md", "## Forms\n\n* x\n");
    let baseline = &plain_pages[&plain.decks[0].path];
    for tag in [
        "<input",
        "<button",
        "<select",
        "<option",
        "<textarea",
        "<form",
        "<fieldset",
        "<legend",
        "<datalist",
        "<label",
        "onfocus",
        "formaction",
        "evil.example",
    ] {
        assert_eq!(
            deck.matches(tag).count(),
            baseline.matches(tag).count(),
            "{tag} kept"
        );
    }
    // The text inside them is the notes' and stays.
    for text in ["Press", "first", "draft text", "In a form", "Group"] {
        assert!(deck.contains(text), "{text} lost");
    }
    let w = warnings(&project);
    for (line, tag) in [
        (3, "<input>"),
        (4, "<button>"),
        (5, "<select>, <option>"),
        (6, "<textarea>"),
        (7, "<form>, <label>"),
        (8, "<fieldset>, <legend>, <datalist>, <option>"),
    ] {
        let want = format!("forms.md:{line}:3: warning: raw HTML {tag} removed");
        assert!(w.iter().any(|x| x.starts_with(&want)), "{want} in {w:#?}");
    }
    // `- [x]` is notedeck's own: a box with its state, no form control.
    assert!(deck.contains(
        "<span class=\"task-box\" role=\"checkbox\" aria-checked=\"true\" aria-disabled=\"true\"></span>"
    ));
    assert!(deck.contains("aria-checked=\"false\""));
    assert_eq!(w.iter().filter(|x| x.contains("forms.md:12")).count(), 0);
}

#[test]
fn every_remote_image_is_named_where_it_is_used() {
    let md = "## Pixels\n\n\
              * <img src=\"https://tracker.example/p.gif\" alt=\"p\">\n\
              * again <img src=\"https://tracker.example/p.gif\">\n\
              * two <img src=\"//cdn.example/x.png\"><img src=\"HTTP://up.example/y.png\">\n\
              * ![chart](https://charts.example/c.png)\n";
    let (project, pages) = compile_text("pixels.md", md);
    let deck = &pages[&project.decks[0].path];
    for host in ["tracker.example", "cdn.example", "up.example"] {
        assert!(!deck.contains(&format!("src=\"https://{host}")), "{host}");
        assert!(!deck.contains(&format!("//{host}")), "{host}");
    }
    let w = warnings(&project);
    let remote: Vec<&String> = w.iter().filter(|x| x.contains("remote image")).collect();
    for want in [
        "pixels.md:3:3: warning: remote image 'https://tracker.example/p.gif' cannot be shown offline; <img> shown without it",
        "pixels.md:4:9: warning: remote image 'https://tracker.example/p.gif' cannot be shown offline; <img> shown without it",
        "pixels.md:5:7: warning: remote image '//cdn.example/x.png' cannot be shown offline; <img> shown without it",
        "pixels.md:5:7: warning: remote image 'HTTP://up.example/y.png' cannot be shown offline; <img> shown without it",
        "pixels.md:6:3: warning: remote image 'https://charts.example/c.png' cannot be shown offline; rendered as a link",
    ] {
        assert!(remote.iter().any(|x| *x == want), "{want} in {remote:#?}");
    }
    assert_eq!(remote.len(), 5, "{remote:#?}");
}

#[test]
fn an_item_of_raw_images_only_is_kept() {
    let md = "## Pictures\n\n\
              * first point\n\
              * <img src=\"one.png\" alt=\"first picture\"> <img src=\"two.png\" alt=\"second picture\">\n\
              * last point\n";
    let (project, pages) = compile_text("pictures.md", md);
    let w = warnings(&project);
    assert!(!w.iter().any(|w| w.contains("empty list item")), "{w:?}");
    let deck = &pages[&project.decks[0].path];
    for alt in ["first picture", "second picture"] {
        assert!(deck.contains(alt), "{alt} lost: {w:?}");
    }
}

#[test]
fn text_inside_raw_links_and_code_is_not_linked_again() {
    let md = "## Links\n\n\
              * see <code>https://a.example/x</code> and <a href=\"https://b.example/\">https://b.example/</a>\n\
              * bare https://c.example/ is linked\n";
    let (project, pages) = compile_text("links.md", md);
    let deck = &pages[&project.decks[0].path];
    assert_eq!(
        deck.matches("href=\"https://a.example").count(),
        0,
        "code linked"
    );
    assert_eq!(
        deck.matches("href=\"https://b.example").count(),
        1,
        "link in a link"
    );
    assert_eq!(
        deck.matches("href=\"https://c.example").count(),
        1,
        "bare URL not linked"
    );
}
