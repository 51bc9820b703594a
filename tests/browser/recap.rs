//! The recap show (`recap.html`), chained talk decks and the team's names,
//! in real headless Chromium from disk, and in the built files.

use crate::common;

use common::browser::{self, Browser, Tab};
use notedeck::{BuildOptions, Project};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

struct Built {
    _dir: tempfile::TempDir,
    out: PathBuf,
    project: Project,
}

fn build(input: &str, no_notes: bool) -> Built {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("dist");
    let opts = BuildOptions {
        inputs: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(input)],
        no_notes,
        ..BuildOptions::default()
    };
    let report = notedeck::build(&opts, &out).expect("build");
    assert!(
        report.project.errors.is_empty(),
        "{:?}",
        report.project.errors
    );
    Built {
        _dir: dir,
        out,
        project: report.project,
    }
}

/// The user's notes.
fn talks() -> &'static Built {
    static B: OnceLock<Built> = OnceLock::new();
    B.get_or_init(|| build("talks", false))
}

/// Two teammates' files: Ana's and Ben's, one talk in both.
fn team() -> &'static Built {
    static B: OnceLock<Built> = OnceLock::new();
    B.get_or_init(|| build("tests/fixtures/recap", false))
}

fn chrome() -> Option<&'static Browser> {
    Browser::shared()
}

fn key(tab: &Tab, k: &str) {
    tab.press(k);
}

fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.eval_json(js)
}

fn eval_i64(tab: &Tab, js: &str) -> i64 {
    tab.eval_i64(js)
}

fn wait_for(tab: &Tab, js: &str, secs: u64) -> bool {
    tab.wait_for(js, Duration::from_secs(secs))
}

fn text(tab: &Tab, js: &str) -> String {
    eval(tab, js).as_str().unwrap_or_default().to_string()
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Saves what the tab shows to target/browser-artifacts for people to look at.
fn screenshot(tab: &Tab, name: &str) {
    tab.screenshot(&browser::artifacts_dir().join(name));
}

const HEADING: &str =
    "document.querySelector('section.nd-current .slide-heading')?.textContent.trim()";

#[test]
fn walking_the_show_passes_every_talk_in_order_and_ends_on_the_closing_slide() {
    let Some(c) = chrome() else { return };
    let b = talks();
    let tab = c.open(&browser::file_url(&b.out.join("recap.html")));
    assert!(wait_for(&tab, "!!window.notedeck", 10));
    let n = eval_i64(&tab, "notedeck.count()");
    let slides: usize = b.project.decks.iter().map(|d| d.slides.len()).sum();
    assert_eq!(
        n as usize,
        notedeck::render::recap::show_len(&b.project.decks)
    );
    assert!(n as usize > slides, "opening, agenda and closing slides");
    assert_eq!(
        text(&tab, HEADING),
        "RustConf 2025",
        "the opening slide names the recap (its event)"
    );
    let mut titles = Vec::new();
    for i in 2..=n {
        key(&tab, "ArrowRight");
        assert!(
            wait_for(&tab, &format!("notedeck.current() === {i}"), 5),
            "→ reached slide {i}"
        );
        let talk = eval(&tab, "notedeck.talk()");
        let first = eval(
            &tab,
            "!!document.querySelector('section.nd-current > .slide-talkpos')",
        ) == true;
        if first {
            titles.push(text(&tab, HEADING));
            // The talk position sits beside the slide counter.
            let counter = text(&tab, "document.querySelector('.nd-counter').textContent");
            assert!(
                counter.ends_with(&format!("Talk {} of 8", titles.len())),
                "{counter}"
            );
            let slug = talk.as_str().unwrap_or_default();
            assert_eq!(eval(&tab, "location.hash"), format!("#{slug}/1"));
        }
    }
    let want: Vec<String> = b
        .project
        .decks
        .iter()
        .map(|d| d.title.text.trim().to_string())
        .collect();
    assert_eq!(titles, want);
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('section.nd-current').classList.contains('slide-closing')"
        ),
        true
    );
    // → on the closing slide stays there: the show has no next deck.
    key(&tab, "ArrowRight");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(eval_i64(&tab, "notedeck.current()"), n);
    // The overview groups the slides by talk, a label over each talk.
    key(&tab, "o");
    assert!(wait_for(
        &tab,
        "document.querySelectorAll('.nd-ov-label').length === 8",
        5
    ));
    std::thread::sleep(Duration::from_millis(200));
    screenshot(&tab, "recap-overview.png");
    let errors = tab.console_errors();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn agenda_links_and_deep_links_land_on_the_right_talk() {
    let Some(c) = chrome() else { return };
    let b = talks();
    let url = browser::file_url(&b.out.join("recap.html"));
    let tab = c.open(&format!("{url}#2"));
    assert!(wait_for(
        &tab,
        "!!window.notedeck && notedeck.current() === 2",
        10
    ));
    for (slug, title) in [("carbon", "Carbon"), ("rivian", "Rivian")] {
        eval(&tab, "notedeck.goTo(2)");
        assert!(wait_for(&tab, "notedeck.current() === 2", 5));
        tab.click(&format!("section.nd-current a[href=\"#{slug}\"]"));
        assert!(
            wait_for(&tab, &format!("notedeck.talk() === '{slug}'"), 5),
            "{slug}: at {}",
            eval(&tab, "notedeck.talk()")
        );
        assert_eq!(text(&tab, HEADING), title);
    }
    // #talk/N opens slide N of that talk.
    let amazon = b
        .project
        .decks
        .iter()
        .find(|d| d.slug == "rust-adoption-at-amazon")
        .expect("amazon");
    let tab = c.open(&format!("{url}#rust-adoption-at-amazon/3"));
    assert!(wait_for(&tab, "!!window.notedeck", 10));
    assert!(wait_for(
        &tab,
        "notedeck.talk() === 'rust-adoption-at-amazon'",
        5
    ));
    let heading = text(&tab, HEADING);
    assert!(
        heading.starts_with(amazon.slides[2].title[0].text.trim()),
        "{heading}"
    );
}

#[test]
fn decks_chain_into_the_next_and_previous_talk() {
    let Some(c) = chrome() else { return };
    let b = talks();
    let solona = b
        .project
        .decks
        .iter()
        .find(|d| d.slug == "solona")
        .expect("solona");
    let last = solona.slides.len();
    let tab = c.open(&format!(
        "{}#{last}",
        browser::file_url(&b.out.join(&solona.path))
    ));
    assert!(wait_for(
        &tab,
        &format!("!!window.notedeck && notedeck.current() === {last}"),
        10
    ));
    // The last slide says what comes next.
    assert_eq!(
        eval(&tab, "document.querySelector('.nd-next-hint').hidden"),
        false
    );
    assert_eq!(
        text(&tab, "document.querySelector('.nd-next-hint').textContent"),
        "Next: Carbon →"
    );
    // Inside a landmark, so a screen reader's landmark list reaches it.
    assert_eq!(
        text(
            &tab,
            "document.querySelector('.nd-next-hint').closest('nav').getAttribute('aria-label')"
        ),
        "Next talk"
    );
    key(&tab, "ArrowRight");
    assert!(
        wait_for(
            &tab,
            "location.pathname.endsWith('/day-one/carbon.html') && !!window.notedeck && notedeck.current() === 1",
            10
        ),
        "→ on the last slide opens the next talk: {}",
        tab.url()
    );
    // ← on the first slide opens the previous talk at its end.
    key(&tab, "ArrowLeft");
    assert!(
        wait_for(
            &tab,
            &format!("location.pathname.endsWith('/day-one/solona.html') && !!window.notedeck && notedeck.current() === {last}"),
            10
        ),
        "{}",
        tab.url()
    );
    // `i` goes back to the index.
    key(&tab, "i");
    assert!(wait_for(
        &tab,
        "location.pathname.endsWith('/index.html')",
        10
    ));
    let errors = tab.console_errors();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn speaker_view_follows_across_a_talk_boundary_with_talk_and_total_time() {
    let Some(c) = chrome() else { return };
    let b = team();
    let amazon = &b.project.decks[0];
    let last = amazon.slides.len();
    let url = format!(
        "{}#rust-adoption-at-amazon/{last}",
        browser::file_url(&b.out.join("recap.html"))
    );
    let main = c.open(&url);
    assert!(wait_for(
        &main,
        "!!window.notedeck && notedeck.talk() === 'rust-adoption-at-amazon'",
        10
    ));
    let at = eval_i64(&main, "notedeck.current()");
    key(&main, "s");
    let speaker = main
        .wait_for_popup(Duration::from_secs(10))
        .expect("pressing s opens a speaker window");
    assert!(wait_for(
        &speaker,
        &format!(
            "!!document.querySelector('.nd-sv-talk') && window.notedeck && notedeck.current() === {at}"
        ),
        15
    ));
    // The next slide is the next talk's title slide, and says so.
    assert_eq!(
        text(
            &speaker,
            "document.querySelector('.nd-sv-next span').textContent"
        ),
        "(next talk: Carbon)"
    );
    assert_eq!(
        text(
            &speaker,
            "document.querySelector('.nd-sv-frame .slide-heading').textContent.trim()"
        ),
        "Carbon"
    );
    // Ana's file sets 10 minutes a talk: the pace is shown.
    assert!(wait_for(
        &speaker,
        "/^(On time|\\d+:\\d\\d (ahead|behind))$/.test(document.querySelector('.nd-sv-pace').textContent)",
        5
    ));
    std::thread::sleep(Duration::from_millis(2200));
    // Across the boundary: the speaker window follows, the talk clock
    // starts again, the total keeps running.
    key(&main, "ArrowRight");
    assert!(wait_for(
        &speaker,
        &format!(
            "notedeck.current() === {} && notedeck.talk() === 'carbon'",
            at + 1
        ),
        5
    ));
    let secs = |t: &str| -> i64 {
        let t = t.trim_start_matches("This talk ");
        t.split(':')
            .fold(0, |acc, p| acc * 60 + p.parse::<i64>().unwrap_or(0))
    };
    let talk = secs(&text(
        &speaker,
        "document.querySelector('.nd-sv-talk').textContent",
    ));
    let total = secs(&text(
        &speaker,
        "document.querySelector('.nd-sv-timer').textContent",
    ));
    screenshot(&speaker, "recap-speaker.png");
    assert!(total >= 2, "total {total}");
    assert!(talk < total, "talk {talk} < total {total}");
    assert!(
        text(&speaker, "document.querySelector('.nd-sv-pos').textContent").contains("Talk 2 of 3")
    );
    let errors = main.console_errors();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn the_show_is_self_contained_and_the_audience_copy_has_no_notes() {
    let Some(c) = chrome() else { return };
    let b = talks();
    let url = browser::file_url(&b.out.join("recap.html"));
    let tab = c.open(&url);
    assert!(wait_for(&tab, "!!window.notedeck", 10));
    let blocked = eval(
        &tab,
        "fetch('http://127.0.0.1:9/x').then(() => 'sent', () => 'blocked')",
    );
    assert_eq!(blocked, "blocked");
    for _ in 0..5 {
        key(&tab, "ArrowRight");
    }
    std::thread::sleep(Duration::from_millis(200));
    {
        let requests = tab.requests();
        let others: Vec<&String> = requests
            .iter()
            .filter(|r| !r.starts_with("data:") && !r.starts_with(&url))
            .collect();
        assert!(others.is_empty(), "requested {others:?}");
    }
    // Ana's file has a speaker note; the audience copy leaves it out.
    let html = read(&team().out.join("recap.html"));
    assert!(html.contains("ask who has shipped Rust at work"));
    let audience = build("tests/fixtures/recap", true);
    let html = read(&audience.out.join("recap.html"));
    assert!(!html.contains("class=\"notes\""));
    assert!(!html.contains("ask who has shipped Rust at work"));
}

#[test]
fn presenters_and_minutes_from_two_files_appear_on_the_agenda_index_and_title_slides() {
    let b = team();
    let html = read(&b.out.join("recap.html"));
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    let agenda: Vec<String> = doc
        .select(&sel(".slide-agenda li"))
        .map(|li| li.text().collect::<String>())
        .collect();
    assert_eq!(
        agenda,
        [
            "Rust Adoption at Amazon · Ana Lima and Ben Ito ·\u{a0}10\u{a0}min",
            "Carbon · Cy Okafor ·\u{a0}10\u{a0}min",
            "Rivian · Ben Ito ·\u{a0}5\u{a0}min"
        ]
    );
    let opening: String = doc
        .select(&sel(".slide-opening"))
        .flat_map(|s| s.text())
        .collect();
    assert!(opening.contains("RustConf 2025"), "{opening}");
    assert!(
        opening.contains("Presented by Ana Lima, Ben Ito and Cy Okafor"),
        "{opening}"
    );
    assert!(opening.contains("2025-09-02 – 2025-09-03"), "{opening}");
    let index = read(&b.out.join("index.html"));
    assert!(
        index.contains("<h1>RustConf 2025</h1>"),
        "titled by the event"
    );
    assert!(index.contains("href=\"recap.html\">Present the recap"));
    assert!(index.contains("Noted by Ana Lima and Ben Ito"));
    assert!(index.contains("Noted by Cy Okafor"));
    let deck = read(&b.out.join(&b.project.decks[0].path));
    assert!(deck.contains("<p class=\"slide-noted\">Noted by Ana Lima and Ben Ito</p>"));
    // The talk's own `by:` line is a setting, never a bullet.
    let carbon = read(&b.out.join(&b.project.decks[1].path));
    assert!(!carbon.contains("by: Cy"));
}

#[test]
fn two_files_with_the_same_talk_make_one_deck_with_labelled_sections() {
    let b = team();
    let decks = &b.project.decks;
    let names: Vec<(&str, &str)> = decks
        .iter()
        .map(|d| (d.group.name.as_str(), d.title.text.trim()))
        .collect();
    assert_eq!(
        names,
        [
            ("Day One", "Rust Adoption at Amazon"),
            ("Day One", "Carbon"),
            ("Day Two", "Rivian")
        ],
        "groups of the same name merge; near-same titles make one deck"
    );
    assert!(decks.iter().all(|d| !d.path.starts_with("day-one-2/")));
    let amazon = &decks[0];
    let who: Vec<Option<&str>> = amazon
        .sections
        .iter()
        .map(|s| s.presenter.as_deref())
        .collect();
    assert_eq!(who, [Some("Ana Lima"), Some("Ben Ito")]);
    assert!(b
        .project
        .diagnostics
        .iter()
        .any(|d| d.path.ends_with("ben.md")
            && d.line == 8
            && d.message.contains("looks like 'Rust Adoption at Amazon'")));
    let html = read(&b.out.join(&amazon.path));
    let doc = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse("section.slide > .slide-section").expect("selector");
    let labels: Vec<String> = doc.select(&sel).map(|e| e.text().collect()).collect();
    assert_eq!(
        labels,
        ["Ana Lima\u{2019}s notes", "Ben Ito\u{2019}s notes"]
    );
    // Both people's notes are in the one deck.
    for words in ["P99 tail latency", "Teaching Rust is hard"] {
        assert!(html.contains(words), "{words}");
    }
}

#[test]
fn decks_chain_when_served_too() {
    let Some(c) = chrome() else { return };
    // Alpha Talk (five slides) then Beta Talk.
    let s = common::Served::start();
    let url = format!("http://127.0.0.1:{}/{}#5", s.port, common::DECK);
    let tab = c.open(&url);
    assert!(wait_for(
        &tab,
        "!!window.notedeck && notedeck.current() === 5",
        15
    ));
    key(&tab, "ArrowRight");
    assert!(
        wait_for(
            &tab,
            "location.pathname === '/day-one/beta-talk.html' && !!window.notedeck && notedeck.current() === 1",
            15
        ),
        "{}",
        tab.url()
    );
    key(&tab, "ArrowLeft");
    assert!(wait_for(
        &tab,
        "location.pathname === '/day-one/alpha-talk.html' && !!window.notedeck && notedeck.current() === 5",
        15
    ));
    // The show is served beside the index.
    assert_eq!(s.get("/recap.html").status, 200);
}

/// Each talk of the show in its own theme: the page (and the opening
/// slide) in the first talk's, high-contrast, whose heavier headings stay
/// in its own talk; the dark and light talks in their colours; the same
/// in the single-file show.
#[test]
fn a_two_theme_recap_shows_each_talk_in_its_theme() {
    let Some(c) = chrome() else { return };
    let b = build("tests/fixtures/looks/recap", false);
    let themes: Vec<&str> = b
        .project
        .decks
        .iter()
        .map(|d| d.meta.theme.as_str())
        .collect();
    assert_eq!(
        themes,
        ["high-contrast", "dark", "light"],
        "files in name order"
    );
    let opts = BuildOptions {
        inputs: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/looks/recap")],
        ..BuildOptions::default()
    };
    let single = b.out.join("single.html");
    let html = notedeck::output::single_file::render(&b.project.decks, &opts).expect("single file");
    std::fs::write(&single, html).expect("write");
    // The index's miniatures too, each in its talk's theme.
    let tab = c.open(&browser::file_url(&b.out.join("index.html")));
    assert!(wait_for(&tab, "document.readyState === 'complete'", 10));
    let thumbs = eval(
        &tab,
        "[...document.querySelectorAll('.index-thumb > .slide')].map(s => getComputedStyle(s).backgroundColor)",
    );
    assert_eq!(
        thumbs,
        serde_json::json!(["rgb(0, 0, 0)", "rgb(22, 24, 29)", "rgb(255, 255, 255)"])
    );
    for page in [b.out.join("recap.html"), single] {
        let tab = c.open(&browser::file_url(&page));
        assert!(wait_for(&tab, "!!window.notedeck", 10));
        let style = |talk: &str| {
            eval(
                &tab,
                &format!(
                    "(() => {{ const s = document.querySelector('section[data-talk=\"{talk}\"]:not(.slide-title)'); \
                     const cs = getComputedStyle(s), li = getComputedStyle(s.querySelector('li')); \
                     return [cs.backgroundColor, li.color, getComputedStyle(s.querySelector('.slide-heading')).fontWeight]; }})()"
                ),
            )
        };
        let p = page.display();
        // dark.css: --nd-fg #e6e8eb on #16181d; light.css: #1f2328 on white;
        // high-contrast.css: white on black, headings 800.
        let contrast = style("contrast-talk");
        assert_eq!(
            contrast,
            serde_json::json!(["rgb(0, 0, 0)", "rgb(255, 255, 255)", "800"]),
            "{p}"
        );
        let dark = style("dark-talk");
        assert_eq!(dark[0], "rgb(22, 24, 29)", "{p}: {dark}");
        assert_eq!(dark[1], "rgb(230, 232, 235)", "{p}: {dark}");
        let light = style("light-talk");
        assert_eq!(light[0], "rgb(255, 255, 255)", "{p}: {light}");
        assert_eq!(light[1], "rgb(31, 35, 40)", "{p}: {light}");
        assert_ne!(
            light[2], "800",
            "high-contrast's rule stays in its talk: {p}"
        );
        // The opening slide is in the first talk's theme (the page's).
        let opening = eval(
            &tab,
            "getComputedStyle(document.querySelector('section.slide-opening')).backgroundColor",
        );
        assert_eq!(opening, "rgb(0, 0, 0)", "{p}");
        let errors = tab.console_errors();
        assert!(errors.is_empty(), "{errors:?}");
    }
}

/// The index for keyboard and screen-reader users, and on a 320 px
/// screen: one link per card (the miniature holds none that can be
/// reached), talk titles as headings with no level skipped, no
/// sideways scrolling, and a click on a miniature opens its deck.
#[test]
fn the_index_has_one_link_per_card_headings_and_reflows_to_320px() {
    let Some(b) = chrome() else {
        return;
    };
    let tab = b.new_tab();
    tab.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": false}),
    );
    tab.goto(&common::browser::file_url(&talks().out.join("index.html")));
    let decks = talks().project.decks.len() as i64;
    assert_eq!(eval_i64(&tab, "document.querySelectorAll('a a').length"), 0);
    // Every link the keyboard reaches is outside the miniatures.
    assert_eq!(
        eval_i64(
            &tab,
            "[...document.querySelectorAll('.index-thumb a, .index-thumb [tabindex]')].filter(a => !a.closest('[inert]')).length"
        ),
        0
    );
    assert!(
        eval_i64(&tab, "document.querySelectorAll('.index-thumb a').length") > 0,
        "the example has a talk whose miniature shows a link"
    );
    assert_eq!(
        eval_i64(
            &tab,
            "document.querySelectorAll('.index-card-title a').length"
        ),
        decks
    );
    assert_eq!(
        eval_i64(
            &tab,
            "[...document.querySelectorAll('.index-card-title')].filter(h => /^H[2-6]$/.test(h.tagName)).length"
        ),
        decks
    );
    // Heading levels only ever go one deeper.
    let skips = text(
        &tab,
        "(function(){var last=0,bad=[];document.querySelectorAll('h1,h2,h3,h4,h5,h6').forEach(function(h){\
         if(h.closest('[aria-hidden=true]'))return;var l=+h.tagName[1];if(l>last+1)bad.push(h.tagName+' '+h.textContent);last=l;});\
         return bad.join('|')})()",
    );
    assert_eq!(skips, "");
    assert!(
        eval_i64(
            &tab,
            "document.scrollingElement.scrollWidth - document.documentElement.clientWidth"
        ) <= 0,
        "the index scrolls sideways at 320 px: {}",
        text(
            &tab,
            "[...document.querySelectorAll('body *')].filter(e => !e.closest('.index-thumb') && e.getBoundingClientRect().right > 321).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('|')"
        )
    );
    // A click on the first miniature opens its deck.
    let first = text(
        &tab,
        "document.querySelector('.index-card-title a').getAttribute('href')",
    );
    let at = eval(
        &tab,
        "(function(){var r=document.querySelector('.index-thumb').getBoundingClientRect();return [r.left+r.width/2,r.top+r.height/2]})()",
    );
    let (x, y) = (at[0].as_f64().unwrap_or(0.0), at[1].as_f64().unwrap_or(0.0));
    tab.click_at(x, y);
    assert!(
        wait_for(&tab, &format!("location.href.endsWith({first:?})"), 10),
        "clicking the miniature did not open {first}: {}",
        tab.url()
    );
}

/// Issue #28: a teammate's theme cannot close the `@scope` it is pasted
/// into and hide the show. Real binary, real Chromium.
#[test]
fn a_theme_cannot_escape_its_scope_and_hide_the_show() {
    let Some(c) = chrome() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let talks = dir.path().join("talks");
    std::fs::create_dir_all(talks.join("themes")).expect("mkdir");
    std::fs::write(talks.join("a.md"), "# Day\n\n## Plain talk\n\n* shown\n").expect("notes");
    std::fs::write(
        talks.join("b.md"),
        "---\ntheme: x\n---\n# Day\n\n## Themed talk\n\n* shown too\n",
    )
    .expect("notes");
    std::fs::write(
        talks.join("themes/x.css"),
        ":root { --nd-accent: #005f99; }\n\
         } body, .slide:not([data-theme=\"x\"]) { visibility: hidden !important }\n",
    )
    .expect("theme");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_notedeck"))
        .current_dir(dir.path())
        .args(["--color", "never", "build", "talks", "-o", "dist"])
        .output()
        .expect("build");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains("talks/themes/x.css:2:1: warning: `}` closes no block"),
        "{stderr}"
    );
    let tab = c.open(&browser::file_url(&dir.path().join("dist/recap.html")));
    assert!(wait_for(&tab, "!!window.notedeck", 10));
    // Walk the show: the page and each slide in turn are visible.
    let slides = eval_i64(&tab, "document.querySelectorAll('section.slide').length");
    assert!(slides >= 4, "{slides} slides");
    for n in 0..slides {
        let seen = eval(
            &tab,
            "[document.body, document.querySelector('section.slide.nd-current')]\
             .map(e => e && getComputedStyle(e).visibility)",
        );
        assert_eq!(seen, serde_json::json!(["visible", "visible"]), "slide {n}");
        key(&tab, "ArrowRight");
        std::thread::sleep(Duration::from_millis(50));
    }
}
