//! The unsanitized path (fragments without raw HTML from the notes)
//! against the sanitizer: the same DOM for every block of the repository's
//! notes and the CommonMark spec's examples, and the sanitizer's
//! guarantees checked on its output directly.

use super::*;
use crate::services::sanitize::{attribute_kept, ALLOWED_TAGS};
use pulldown_cmark::Parser;
use scraper::{Html, Selector};

/// Where the rich fixtures' `img/dot.png` resolves.
fn source() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rich/notes.md")
}

/// A fragment rendered one way, with footnotes numbered as on slide 1.
fn rendered(events: &[(Event<'static>, u32)], fast: bool) -> String {
    let src = source();
    let ctx = RenderCtx::new(&src, false);
    ctx.begin_slide(1);
    render_with(events.to_vec(), &ctx, fast)
}

/// The fragment as a browser's DOM, serialized.
fn dom(html: &str) -> String {
    Html::parse_fragment(html).root_element().inner_html()
}

/// Top-level blocks of `md`, as the renderer gets them.
fn blocks(md: &str) -> Vec<Vec<(Event<'static>, u32)>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    let mut depth = 0usize;
    for e in Parser::new_ext(md, crate::parse::options()) {
        match &e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        cur.push((e.into_static(), 1));
        if depth == 0 {
            out.push(std::mem::take(&mut cur));
        }
    }
    out
}

/// What the sanitizer guarantees, read off the output: allowlisted
/// elements and attributes only, no scriptable URL.
fn assert_within_allowlist(html: &str) {
    let doc = Html::parse_fragment(html);
    let all = Selector::parse("*").unwrap_or_else(|e| panic!("{e:?}"));
    for el in doc.root_element().select(&all) {
        let tag = el.value().name();
        assert!(ALLOWED_TAGS.contains(&tag), "<{tag}> in {html}");
        for (attr, value) in el.value().attrs() {
            let rel = (tag, attr, value) == ("a", "rel", sanitize::LINK_REL);
            assert!(rel || attribute_kept(tag, attr), "{tag} {attr} in {html}");
            assert!(!attr.starts_with("on"), "{attr} in {html}");
            if attr == "href" || attr == "src" {
                let image = (tag, attr) == ("img", "src");
                assert!(is_safe_url(value, image), "{attr}={value} in {html}");
            }
            if attr == "id" {
                assert!(value.starts_with(sanitize::ID_PREFIX), "{html}");
            }
        }
    }
}

/// Both ways, one fragment: the same DOM; `true` when it took the
/// unsanitized path.
fn same_both_ways(events: &[(Event<'static>, u32)]) -> bool {
    let fast = rendered(events, true);
    let slow = rendered(events, false);
    assert_eq!(dom(&fast), dom(&slow), "fast:\n{fast}\nsanitized:\n{slow}");
    let raw = events
        .iter()
        .any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    if !raw {
        assert_within_allowlist(&fast);
    }
    !raw
}

fn notes_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            notes_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

#[test]
fn every_block_of_the_repositorys_notes_renders_the_same_dom() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for d in ["tests", "talks", "docs", "bench", "examples"] {
        notes_files(&root.join(d), &mut files);
    }
    assert!(files.len() > 100, "{}", files.len());
    let (mut fast, mut all) = (0, 0);
    for f in files {
        let md = std::fs::read_to_string(&f).unwrap_or_default();
        for b in blocks(&md) {
            all += 1;
            fast += usize::from(same_both_ways(&b));
        }
    }
    // Most blocks skip the sanitizer.
    assert!(fast * 2 > all, "{fast} of {all}");
}

#[test]
fn every_commonmark_spec_example_renders_the_same_dom() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/commonmark-spec.json");
    let json = std::fs::read_to_string(path).unwrap_or_default();
    let examples: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap_or_default();
    assert!(examples.len() > 600);
    let mut fast = 0;
    for ex in &examples {
        let md = ex["markdown"].as_str().unwrap_or_default();
        for b in blocks(md) {
            fast += usize::from(same_both_ways(&b));
        }
        let whole: Vec<_> = blocks(md).into_iter().flatten().collect();
        same_both_ways(&whole);
    }
    assert!(fast > 400, "{fast}");
}

/// Notes with no raw HTML that try to get markup or script through: each
/// takes the unsanitized path, keeps the sanitizer's DOM and guarantees.
#[test]
fn payloads_without_raw_html_stay_inert() {
    let cases = [
        "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java%0ascript:x)",
        "[d](vbscript:x) [e](data:text/html;base64,PHNjcmlwdD4=) [f](tel:123) [g](ftp://x/y)",
        "[h](&#x6A;avascript:alert(1)) [i](javascript&#58;alert(1)) <javascript:alert(1)>",
        "[j](http://[::1) [k](https://exa mple.com) [l](<a b>) [m](#top) [n](#slide-3) [o](#fn-1-2)",
        "[p](x \"t\\\" onmouseover=alert(1) x\") [q](a'b&c\"d) <x@y.z> <https://e.com/?a=1&b='2'>",
        "[r]\n\n[r]: javascript:alert(1) \"title\"",
        "![img](javascript:alert(1)) ![x](x\"onerror=\"alert(1)) ![t](img/dot.png \"x\\\" onerror=alert(1)\")",
        "![a w:200](img/dot.png) ![[l](javascript:x)](https://r.example/x.png) ![q](//r.example/p.gif)",
        "[![i](img/dot.png)](https://e.com) [![r](https://r.example/x.png)](https://e.com)",
        "```html\n</code></pre><script>alert(1)</script>\n```",
        "    <script>alert(1)</script>\n",
        "`<script>alert(1)</script>` and \\<script\\>alert(1)\\</script\\> &lt;b&gt; &amp; &#60;i&#62;",
        "Text[^1] and [link[^1]](https://e.com)\n\n[^1]: A note with [js](javascript:x) and `<b>`",
        "$\\text{<img src=x onerror=alert(1)>}$ and $$\\frac{a}{b}$$ and $\\href{javascript:x}{y}$",
        "| a | b | c |\n|:--|:-:|--:|\n| <b | 1 | [x](javascript:y) |\n| \" | 2 | ![i](img/dot.png) |",
        "# Heading {#x onclick=alert(1)}\n\n## Two {.c}",
        "- [x] done\n- [ ] <not html\n  1. nested *em* **strong** ~~del~~",
        "> quote with <br and a\\\nhard break\n\n***\n\nnbsp\u{a0}here \u{0} nul",
        "https://www.youtube.com/watch?v=abc&x=\"1\" https://e.com/a_b_(c) www.e.com",
    ];
    for md in cases {
        let mut fast = 0;
        for b in blocks(md) {
            fast += usize::from(same_both_ways(&b));
        }
        let whole: Vec<_> = blocks(md).into_iter().flatten().collect();
        assert!(same_both_ways(&whole), "{md}");
        let html = rendered(&whole, true);
        let lower = html.to_ascii_lowercase();
        // Scriptable URLs only as text, no element or handler from text.
        for bad in ["javascript:", "vbscript:", "data:text"] {
            assert!(!dom(&html).contains(&format!("=\"{bad}")), "{bad}: {html}");
        }
        assert!(!lower.contains("<script"), "{html}");
        assert!(fast > 0, "{md}");
    }
}

#[test]
fn links_get_the_sanitizers_rel_and_id_prefix_without_it() {
    let b = &blocks("[a](#top) [b](#slide-2) [c](https://e.com/?a=1&b=2 \"T\") [d](tel:1)")[0];
    let html = rendered(b, true);
    assert_eq!(
        html,
        "<p><a href=\"#user-content-top\" rel=\"noopener noreferrer\">a</a> \
         <a href=\"#slide-2\" rel=\"noopener noreferrer\">b</a> \
         <a href=\"https://e.com/?a=1&amp;b=2\" title=\"T\" rel=\"noopener noreferrer\">c</a> \
         <a rel=\"noopener noreferrer\">d</a></p>\n"
    );
    assert_eq!(html, rendered(b, false));
}

/// Any combination of risky pieces (no raw HTML): the same DOM both ways.
#[test]
fn mixed_pieces_render_the_same_dom() {
    use proptest::prelude::*;
    let pieces = [
        "[l](javascript:x)",
        "[l](https://e.com/a?b=1&c='d')",
        "[l](#x)",
        "[l](mailto:a@b.c)",
        "[l](tel:1)",
        "![i](img/dot.png \"t\")",
        "![i h:40](img/dot.png)",
        "![i](https://r.e/x.png)",
        "![i](missing.png)",
        "`c<d>`",
        "*e*",
        "**s**",
        "~~d~~",
        "$x<y$",
        "$$\\sqrt{2}$$",
        "[^n]",
        "\\<b\\>",
        "&amp; &quot; &#39;",
        "\"q\" 'a'",
        "\u{a0}",
        "https://e.com/x",
        "<https://e.com/y>",
        "<a@b.c>",
        "\n",
        "\n\n",
        "  \n",
        "\n- ",
        "\n1. ",
        "\n> ",
        "\n# ",
        "\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n",
        "\n\n```rust\nfn x() { \"<s>\" }\n```\n\n",
        "\n\n[^n]: def *x*\n\n",
        "\n\n---\n\n",
        "\n- [x] ",
    ];
    let strategy = proptest::collection::vec(0..pieces.len(), 1..12);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let result = runner.run(&strategy, |picks| {
        let md: String = picks.iter().map(|&i| pieces[i]).collect();
        let whole: Vec<_> = blocks(&md).into_iter().flatten().collect();
        prop_assert!(same_both_ways(&whole));
        for b in blocks(&md) {
            same_both_ways(&b);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// Events the writer would turn into markup the sanitizer changes go to
/// the sanitizer: unbalanced ones (a stray closing tag would close an
/// element of the page), a heading with an id.
#[test]
fn unbalanced_events_and_heading_ids_are_left_to_the_sanitizer() {
    let text = |t: &str| (Event::Text(t.to_string().into()), 1);
    let open = vec![(Event::Start(Tag::Emphasis), 1), text("a")];
    assert_eq!(rendered(&open, true), "<em>a</em>");
    let stray = vec![text("a"), (Event::End(TagEnd::BlockQuote(None)), 1)];
    assert!(!rendered(&stray, true).contains("</blockquote>"));
    let level = pulldown_cmark::HeadingLevel::H2;
    let heading = vec![
        (
            Event::Start(Tag::Heading {
                level,
                id: Some("x".into()),
                classes: vec!["c".into()],
                attrs: vec![("onclick".into(), Some("alert(1)".into()))],
            }),
            1,
        ),
        text("h"),
        (Event::End(TagEnd::Heading(level)), 1),
    ];
    assert_eq!(
        rendered(&heading, true),
        "<h2 id=\"user-content-x\" class=\"c\">h</h2>\n"
    );
    for events in [open, stray, heading] {
        assert_eq!(rendered(&events, true), rendered(&events, false));
    }
}
