//! `notedeck pptx`, read back as a zip: the example recap's slides,
//! titles, bullet levels and notes against the slide model; sections;
//! relationships and content types; same notes, same bytes; bad
//! templates and foreign files refused; a Quarto deck's column widths and
//! `.smaller` body as in its HTML.

use assert_cmd::Command;
use notedeck::deck::{Deck, SlideKind};
use notedeck::outline::Block;
use notedeck::{BuildOptions, Compiler};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn notedeck() -> Command {
    let mut c = Command::cargo_bin("notedeck").expect("binary");
    c.env_remove("NO_COLOR");
    c
}

/// The project's decks, as every command compiles them.
fn decks(inputs: &[PathBuf]) -> Vec<Deck> {
    let opts = BuildOptions {
        inputs: inputs.to_vec(),
        ..BuildOptions::default()
    };
    Compiler::once(opts).compile().expect("compile").decks
}

/// Runs `notedeck pptx ARGS -o out` and returns the file's parts.
fn export(args: &[&str], out: &Path) -> BTreeMap<String, Vec<u8>> {
    let o = notedeck()
        .current_dir(root())
        .arg("pptx")
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .expect("run");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    parts(out)
}

fn parts(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let bytes = std::fs::read(path).expect("read pptx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().expect("an entry name").to_string();
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).expect("inflate");
        out.insert(name, buf);
    }
    out
}

fn text(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("no part {name}"))
            .clone(),
    )
    .expect("utf-8")
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')?;
    Some(tag[at..at + end].to_string())
}

/// Every `<elem …>` opening tag in `xml`.
fn tags<'a>(xml: &'a str, elem: &str) -> Vec<&'a str> {
    let open = format!("<{elem} ");
    let open2 = format!("<{elem}>");
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = xml[at..].find('<').map(|i| at + i) {
        let end = xml[i..].find('>').map_or(xml.len(), |e| i + e + 1);
        let tag = &xml[i..end];
        if tag.starts_with(&open) || tag.starts_with(&open2) {
            out.push(tag);
        }
        at = end;
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The `<p:sp>` shapes of a slide: (placeholder type or "" for none or
/// `idx` only, its paragraphs as (lvl, bullet kind, text)).
type ParaInfo = (u32, &'static str, String);
fn shapes(xml: &str) -> Vec<(String, Vec<ParaInfo>)> {
    let mut out = Vec::new();
    for sp in xml.split("<p:sp>").skip(1) {
        let sp = sp.split("</p:sp>").next().unwrap_or("");
        let ph = tags(sp, "p:ph")
            .first()
            .map(|t| attr(t, "type").unwrap_or_else(|| "obj".into()))
            .unwrap_or_default();
        let mut paras = Vec::new();
        for p in sp.split("<a:p>").skip(1) {
            let p = p.split("</a:p>").next().unwrap_or("");
            let lvl = tags(p, "a:pPr")
                .first()
                .and_then(|t| attr(t, "lvl"))
                .and_then(|l| l.parse().ok())
                .unwrap_or(0);
            let kind = if p.contains("<a:buAutoNum") {
                "num"
            } else if p.contains("<a:buChar") {
                "bullet"
            } else {
                "none"
            };
            let mut t = String::new();
            for run in p.split("<a:t>").skip(1) {
                t.push_str(&unescape(run.split("</a:t>").next().unwrap_or("")));
            }
            paras.push((lvl, kind, t));
        }
        out.push((ph, paras));
    }
    out
}

/// Text as a slide shows it: bare URLs as their short link text.
fn shown(text: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in notedeck::render::links::find_urls(text) {
        out.push_str(&text[at..r.start]);
        out.push_str(&notedeck::render::links::shorten(&text[r.clone()]));
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The list items of a slide body in order: (depth, numbered, text).
fn items(blocks: &[Block], depth: u32, out: &mut Vec<(u32, &'static str, String)>) {
    for b in blocks {
        if let Block::List {
            start, items: list, ..
        } = b
        {
            for i in list {
                let kind = if start.is_some() { "num" } else { "bullet" };
                out.push((depth, kind, shown(i.head.text.trim())));
                items(&i.children, depth + 1, out);
            }
        }
    }
}

/// Sections in presentation.xml: (name, slide ids).
fn sections(pres: &str) -> Vec<(String, Vec<u32>)> {
    pres.split("<p14:section ")
        .skip(1)
        .map(|s| {
            let name = unescape(&attr(&format!(" {s}"), "name").unwrap_or_default());
            let ids = tags(s, "p14:sldId")
                .iter()
                .filter_map(|t| attr(t, "id")?.parse().ok())
                .collect();
            (name, ids)
        })
        .collect()
}

/// Every relationship target exists and every part has a content type.
fn assert_package_consistent(parts: &BTreeMap<String, Vec<u8>>) {
    let types = text(parts, "[Content_Types].xml");
    let defaults: BTreeSet<String> = tags(&types, "Default")
        .iter()
        .filter_map(|t| attr(t, "Extension"))
        .collect();
    let overrides: BTreeSet<String> = tags(&types, "Override")
        .iter()
        .filter_map(|t| attr(t, "PartName"))
        .map(|p| p.trim_start_matches('/').to_string())
        .collect();
    for name in parts.keys() {
        if name == "[Content_Types].xml" {
            continue;
        }
        let ext = name.rsplit('.').next().unwrap_or("");
        assert!(
            overrides.contains(name) || defaults.contains(ext),
            "{name} has no content type"
        );
    }
    for o in &overrides {
        assert!(parts.contains_key(o), "content type for missing part {o}");
    }
    for (name, bytes) in parts {
        let Some(source) = name.strip_suffix(".rels").map(|s| s.replace("_rels/", "")) else {
            continue;
        };
        let rels = String::from_utf8_lossy(bytes);
        let mut ids = BTreeSet::new();
        for r in tags(&rels, "Relationship") {
            let id = attr(r, "Id").expect("Id");
            assert!(ids.insert(id.clone()), "{name}: {id} twice");
            if attr(r, "TargetMode").as_deref() == Some("External") {
                continue;
            }
            let target = attr(r, "Target").expect("Target");
            let mut path: Vec<&str> = source.split('/').collect();
            path.pop();
            for seg in target.split('/') {
                match seg {
                    ".." => {
                        path.pop();
                    }
                    s => path.push(s),
                }
            }
            let resolved = path.join("/");
            assert!(
                parts.contains_key(&resolved),
                "{name}: {id} → {target} ({resolved}) is missing"
            );
        }
        // Every r:id the part uses is one of its relationships.
        if let Some(xml) = parts.get(&source) {
            let xml = String::from_utf8_lossy(xml);
            for used in xml
                .split("r:id=\"")
                .skip(1)
                .chain(xml.split("r:embed=\"").skip(1))
            {
                let id = used.split('"').next().unwrap_or("");
                assert!(ids.contains(id), "{source} uses {id}, which {name} lacks");
            }
        }
    }
}

#[test]
fn the_example_recap_is_the_shows_slides_with_the_models_titles_levels_and_sections() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("recap.pptx");
    let parts = export(&["talks"], &out);
    let decks = decks(&[root().join("talks")]);
    assert_package_consistent(&parts);

    let pres = text(&parts, "ppt/presentation.xml");
    let slide_ids = tags(&pres, "p:sldId");
    let show = notedeck::render::recap::show_len(&decks);
    assert_eq!(slide_ids.len(), show, "slides = the show's (recap.html)");
    assert_eq!(show, 27, "the example recap");

    // Sections: the opening and agenda, one per talk named by its title,
    // the closing.
    let secs = sections(&pres);
    let names: Vec<&str> = secs.iter().map(|s| s.0.as_str()).collect();
    let talk_names: Vec<String> = decks
        .iter()
        .map(|d| d.title.text.trim().to_string())
        .collect();
    assert_eq!(names.len(), decks.len() + 2);
    assert_eq!(names[1..=decks.len()], talk_names[..]);
    assert_eq!(names.last(), Some(&"Thank you"));
    let all: Vec<u32> = secs.iter().flat_map(|s| s.1.clone()).collect();
    assert_eq!(
        all,
        (256..256 + show as u32).collect::<Vec<_>>(),
        "every slide in exactly one section, in order"
    );

    // Talk slides: the model's titles, and its list items as bulleted
    // paragraphs at their depths.
    let mut n = show - decks.iter().map(|d| d.slides.len()).sum::<usize>() - 1;
    for (d, (_, ids)) in decks.iter().zip(&secs[1..]) {
        assert_eq!(ids.len(), d.slides.len(), "{}", d.title.text);
        for s in &d.slides {
            n += 1;
            let xml = text(&parts, &format!("ppt/slides/slide{n}.xml"));
            let shapes = shapes(&xml);
            let title: Vec<&(String, Vec<ParaInfo>)> = shapes
                .iter()
                .filter(|(ph, _)| ph == "title" || ph == "ctrTitle")
                .collect();
            assert_eq!(title.len(), 1, "slide {n}: one title placeholder");
            let got: String = title[0].1.iter().map(|p| p.2.as_str()).collect();
            assert_eq!(got, s.title_text(), "slide {n}");
            if s.kind == SlideKind::Title {
                assert!(
                    xml.contains("<p:ph type=\"title\"/>"),
                    "a talk's title slide"
                );
                continue;
            }
            let mut want = Vec::new();
            items(&s.body, 0, &mut want);
            let got: Vec<ParaInfo> = shapes
                .iter()
                .filter(|(ph, _)| ph != "title")
                .flat_map(|(_, ps)| ps.iter().cloned())
                .filter(|p| p.1 != "none")
                .collect();
            assert_eq!(got, want, "slide {n} ({})", s.title_text());
            assert!(
                shapes.iter().any(|(ph, ps)| ph == "obj" && !ps.is_empty()),
                "slide {n}: the body is in the body placeholder"
            );
        }
    }
    // Layouts: Title Slide, Title and Content, Section Header.
    for (i, ty) in ["title", "obj", "secHead"].iter().enumerate() {
        let l = text(
            &parts,
            &format!("ppt/slideLayouts/slideLayout{}.xml", i + 1),
        );
        assert!(l.contains(&format!("type=\"{ty}\"")), "{ty}");
    }
    // One notes page per slide.
    for k in 1..=show {
        assert!(parts.contains_key(&format!("ppt/notesSlides/notesSlide{k}.xml")));
    }
}

#[test]
fn speaker_notes_and_presenters_go_in_the_notes_pages() {
    let dir = tempfile::tempdir().expect("tmp");
    let inputs = [root().join("tests/fixtures/recap")];
    let input = inputs[0].to_string_lossy().into_owned();
    let parts = export(&[&input], &dir.path().join("r.pptx"));
    assert_package_consistent(&parts);
    let decks = decks(&inputs);
    let show = notedeck::render::recap::show_len(&decks);
    let notes_of = |k: usize| -> String {
        let xml = text(&parts, &format!("ppt/notesSlides/notesSlide{k}.xml"));
        xml.split("<a:t>")
            .skip(1)
            .map(|t| unescape(t.split("</a:t>").next().unwrap_or("")))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut n = show - decks.iter().map(|d| d.slides.len()).sum::<usize>() - 1;
    let mut with_notes = 0;
    for d in &decks {
        for (i, s) in d.slides.iter().enumerate() {
            n += 1;
            let got = notes_of(n);
            for para in s
                .notes_text()
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
            {
                let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    got.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .contains(&para),
                    "slide {n}: notes {got:?} lack {para:?}"
                );
                with_notes += 1;
            }
            if i == 0 {
                for p in d.presenters() {
                    assert!(got.contains(p), "slide {n}: presenter {p} in {got:?}");
                }
            }
        }
    }
    assert!(with_notes > 0, "the fixture has notes");
}

#[test]
fn tables_code_images_and_links_are_real_objects() {
    let dir = tempfile::tempdir().expect("tmp");
    let rich = root().join("tests/fixtures/rich");
    let mut args: Vec<String> = ["gfm.md", "code.md", "images.md", "links.md", "math.md"]
        .iter()
        .map(|f| rich.join(f).to_string_lossy().into_owned())
        .collect();
    args.push("--deck".into());
    args.push("tables".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let parts = export(&args, &dir.path().join("t.pptx"));
    assert_package_consistent(&parts);
    let slides: String = parts
        .iter()
        .filter(|(k, _)| k.starts_with("ppt/slides/slide"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .collect();
    assert!(
        slides.contains("<a:tbl><a:tblPr firstRow=\"1\""),
        "a table with a header row"
    );
    assert!(slides.contains("<a:t>serde</a:t>"));
    // `---:` and `:---:` columns keep their alignment.
    assert!(slides.contains("algn=\"r\"") && slides.contains("algn=\"ctr\""));
    let pres = text(&parts, "ppt/presentation.xml");
    assert_eq!(
        sections(&pres).len(),
        1,
        "one talk: one section, no opening"
    );

    // The whole rich fixture: code, pictures, links, math as text.
    let input = rich.to_string_lossy().into_owned();
    let parts = export(&[&input], &dir.path().join("all.pptx"));
    assert_package_consistent(&parts);
    let slides: String = parts
        .iter()
        .filter(|(k, _)| k.starts_with("ppt/slides/"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .collect();
    assert!(
        slides.contains("<a:latin typeface=\"Consolas\"/>"),
        "code is monospace"
    );
    assert!(slides.contains("<p:pic>"), "the PNG is a picture");
    assert!(parts
        .keys()
        .any(|k| k.starts_with("ppt/media/") && k.ends_with(".png")));
    assert!(
        slides.contains("TargetMode=\"External\""),
        "links are hyperlinks"
    );
    assert!(slides.contains("<a:hlinkClick r:id="));
    // Each code line its own paragraph: line breaks kept.
    // The light theme's keyword colour on a run: highlighting as runs.
    assert!(
        slides.contains("<a:srgbClr val=\"B3261E\"/>"),
        "highlight colours"
    );
}

#[test]
fn the_same_notes_give_the_same_bytes() {
    let dir = tempfile::tempdir().expect("tmp");
    let (a, b) = (dir.path().join("a.pptx"), dir.path().join("b.pptx"));
    export(&["talks"], &a);
    export(&["talks"], &b);
    let (a, b) = (std::fs::read(a).expect("a"), std::fs::read(b).expect("b"));
    assert!(a == b, "two exports of the same notes differ");
    // Fixed zip times: 1980-01-01 00:00 (DOS date 0x0021, time 0).
    let local = a
        .windows(4)
        .position(|w| w == b"PK\x03\x04")
        .expect("a local header");
    assert_eq!(&a[local + 10..local + 14], &[0, 0, 0x21, 0]);
}

#[test]
fn a_bad_template_is_a_clear_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("x.pptx");
    // Not a zip.
    let junk = dir.path().join("junk.pptx");
    std::fs::write(&junk, "hello").expect("write");
    let o = notedeck()
        .current_dir(root())
        .args(["pptx", "talks", "--template"])
        .arg(&junk)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("junk.pptx") && err.contains("not a readable .pptx"),
        "{err}"
    );
    assert!(!out.exists(), "nothing written");

    // A .pptx without a Section Header layout.
    let own = dir.path().join("own.pptx");
    let parts = export(&["talks"], &own);
    let lacking = dir.path().join("lacking.pptx");
    rezip(&parts, &lacking, |name, xml| {
        if name == "ppt/slideLayouts/slideLayout3.xml" {
            xml.replace("type=\"secHead\"", "type=\"twoObj\"")
        } else {
            xml
        }
    });
    let o = notedeck()
        .current_dir(root())
        .args(["pptx", "talks", "--template"])
        .arg(&lacking)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("lacking.pptx") && err.contains("Section Header"),
        "{err}"
    );
    assert!(!out.exists());

    // A company template (4:3, its own theme): its masters, layouts,
    // theme and slide size are used; the slides are still the show's.
    let company = dir.path().join("company.pptx");
    rezip(&parts, &company, |name, xml| match name {
        "ppt/theme/theme1.xml" => xml.replace("name=\"notedeck\"", "name=\"Company look\""),
        "ppt/presentation.xml" => {
            xml.replace("<p:sldSz cx=\"12192000\"", "<p:sldSz cx=\"9144000\"")
        }
        _ => xml,
    });
    let got = export(
        &["talks", "--template", company.to_str().expect("utf-8")],
        &out,
    );
    assert_package_consistent(&got);
    assert!(text(&got, "ppt/theme/theme1.xml").contains("Company look"));
    let pres = text(&got, "ppt/presentation.xml");
    assert!(
        pres.contains("<p:sldSz cx=\"9144000\" cy=\"6858000\"/>"),
        "{pres}"
    );
    assert_eq!(tags(&pres, "p:sldId").len(), 27);
    // Sizes are the template's: runs carry none of notedeck's own.
    assert!(!text(&got, "ppt/slides/slide4.xml").contains(" sz=\""));
}

/// Writes `parts` as a zip at `path`, XML parts passed through `edit`.
fn rezip(parts: &BTreeMap<String, Vec<u8>>, path: &Path, edit: impl Fn(&str, String) -> String) {
    let f = std::fs::File::create(path).expect("create");
    let mut z = zip::ZipWriter::new(f);
    for (name, bytes) in parts {
        let bytes = if name.ends_with(".xml") {
            edit(name, String::from_utf8_lossy(bytes).into_owned()).into_bytes()
        } else {
            bytes.clone()
        };
        z.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("entry");
        std::io::Write::write_all(&mut z, &bytes).expect("write");
    }
    z.finish().expect("finish");
}

#[test]
fn a_file_notedeck_did_not_write_is_never_replaced() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("theirs.pptx");
    std::fs::write(&out, "someone's deck").expect("write");
    let o = notedeck()
        .current_dir(root())
        .args(["pptx", "talks", "-o"])
        .arg(&out)
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("refusing to overwrite"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        "someone's deck"
    );
    // Its own file it replaces.
    std::fs::remove_file(&out).expect("rm");
    export(&["talks"], &out);
    export(&["talks"], &out);
}

#[cfg(unix)]
#[test]
fn a_fifo_at_the_output_is_refused_without_being_opened() {
    let dir = tempfile::tempdir().expect("tmp");
    let fifo = dir.path().join("fifo.pptx");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let o = notedeck()
        .current_dir(root())
        .args(["pptx", "talks", "-o"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("refusing to overwrite"), "{err}");
}

#[test]
fn pptx_help_has_an_example() {
    let o = notedeck().args(["pptx", "--help"]).output().expect("run");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Example: notedeck pptx"), "{out}");
    assert!(out.contains("--template"), "{out}");
}

/// Each text shape of the slide holding `title`: (its width in EMU, its
/// first run's size in centipoints, its first text).
fn text_shapes(parts: &BTreeMap<String, Vec<u8>>, title: &str) -> Vec<(u64, u32, String)> {
    let xml = parts
        .iter()
        .filter(|(k, _)| k.starts_with("ppt/slides/slide") && k.ends_with(".xml"))
        .map(|(_, v)| String::from_utf8_lossy(v).to_string())
        .find(|x| x.contains(&format!("<a:t>{title}</a:t>")))
        .unwrap_or_else(|| panic!("no slide titled {title}"));
    xml.split("<p:sp>")
        .skip(1)
        .map(|sp| {
            let num = |key: &str| {
                sp.find(key).and_then(|at| {
                    let v = &sp[at + key.len()..];
                    v[..v.find('"')?].parse::<u64>().ok()
                })
            };
            let t = sp
                .split("<a:t>")
                .nth(1)
                .and_then(|t| t.split('<').next())
                .unwrap_or("");
            (
                num("<a:ext cx=\"").unwrap_or(0),
                num(" sz=\"").unwrap_or(0) as u32,
                unescape(t),
            )
        })
        .collect()
}

#[test]
fn column_widths_and_smaller_bodies_are_the_html_slides() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("q.pptx");
    let p = export(&["tests/fixtures/looks/quarto-looks.qmd"], &out);
    // `width="40%"` / `width="60%"`: the columns' shares, gap aside.
    let cols = text_shapes(&p, "Wide and narrow");
    let w = |start: &str| {
        cols.iter()
            .find(|s| s.2.starts_with(start))
            .map(|s| s.0 as f64)
            .unwrap_or_else(|| panic!("{start}: {cols:?}"))
    };
    let (l, r) = (w("The narrow column"), w("The wide column"));
    assert!((l / (l + r) - 0.4).abs() < 0.005, "{cols:?}");
    // `.smaller`: its body one step below its neighbour's, titles alike.
    let (before, smaller) = (text_shapes(&p, "Before"), text_shapes(&p, "Dense detail"));
    assert_eq!(before[0].1, smaller[0].1, "titles keep their size");
    let step = f64::from(smaller[1].1) / f64::from(before[1].1);
    assert!(
        (step - notedeck::layout::sizes::SMALLER_SCALE).abs() < 0.01,
        "{before:?} {smaller:?}"
    );
}
