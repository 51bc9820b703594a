//! `notedeck pdf`: every deck printed by headless Chromium, one page per
//! slide, merged in source order into one PDF.

use crate::deck::Deck;
use crate::{Compiler, Error, Site};
use lopdf::{Document, Object, ObjectId};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Browser executables tried on PATH, in order.
pub const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// Said when no browser is found.
pub const INSTALL_HINT: &str = "no Chromium found on PATH: install Debian's `chromium` package \
(sudo apt install chromium) or pass --browser PATH";

pub struct PdfOptions {
    /// Only the deck with this slug (or output path).
    pub deck: Option<String>,
    /// The browser; `None` searches PATH.
    pub browser: Option<PathBuf>,
}

/// What an export wrote.
#[derive(Debug)]
pub struct PdfReport {
    pub decks: usize,
    pub pages: usize,
}

/// The first of [`BROWSERS`] on PATH.
pub fn find_browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in BROWSERS {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Print rules added to each deck for the PDF, whatever the runtime's
/// own print CSS says: every slide on its own page of the deck's aspect.
fn print_css(aspect: &str) -> String {
    let (w, h) = if aspect == "4:3" {
        ("10in", "7.5in")
    } else {
        ("13.333in", "7.5in")
    };
    format!(
        "<style>@page{{size:{w} {h};margin:0}}@media print{{\
html,body{{margin:0;padding:0}}\
main.deck>section.slide{{display:block!important;box-sizing:border-box;\
width:{w};height:{h};overflow:hidden;break-after:page;break-inside:avoid;position:relative}}\
main.deck>section.slide:last-child{{break-after:auto}}\
.notes{{display:none!important}}}}</style>\n"
    )
}

/// Decks to print: all, or the one `--deck` names (an error lists slugs).
pub fn select<'a>(decks: &'a [Deck], want: Option<&str>) -> Result<Vec<&'a Deck>, Error> {
    let Some(want) = want else {
        return Ok(decks.iter().collect());
    };
    let want_path = want.trim_end_matches(".html");
    let found: Vec<&Deck> = decks
        .iter()
        .filter(|d| d.slug == want || d.path.trim_end_matches(".html") == want_path)
        .collect();
    if found.is_empty() {
        let slugs: Vec<&str> = decks.iter().map(|d| d.slug.as_str()).collect();
        return Err(Error::Usage(format!(
            "no deck '{want}' (decks: {})",
            slugs.join(", ")
        )));
    }
    Ok(found)
}

/// Builds the site in memory, prints the selected decks and writes the
/// merged PDF to `out` atomically.
pub fn export(
    compiler: &mut Compiler,
    opts: &PdfOptions,
    out: &Path,
) -> Result<(Site, PdfReport), Error> {
    guard_output(out)?;
    let site = compiler.build()?;
    let decks = select(&site.project.decks, opts.deck.as_deref())?;
    if decks.is_empty() {
        return Err(Error::Usage("no decks to print".into()));
    }
    let browser = match &opts.browser {
        Some(b) if b.is_file() => b.clone(),
        Some(b) => {
            return Err(Error::Input {
                path: b.clone(),
                message: "browser not found".into(),
            })
        }
        None => find_browser().ok_or_else(|| Error::Setup(INSTALL_HINT.into()))?,
    };
    let tmp = tempfile::tempdir().map_err(|e| Error::io(&std::env::temp_dir(), e))?;
    let mut docs = Vec::new();
    for (i, d) in decks.iter().enumerate() {
        let html = site
            .pages
            .get(&d.path)
            .ok_or_else(|| Error::Template(format!("deck {} was not rendered", d.path)))?;
        let html = match html.find("</head>") {
            Some(at) => {
                let mut h = html.to_string();
                h.insert_str(at, &print_css(&d.meta.aspect));
                h
            }
            None => html.to_string(),
        };
        let page = tmp.path().join(format!("{i}.html"));
        std::fs::write(&page, html).map_err(|e| Error::io(&page, e))?;
        let pdf = tmp.path().join(format!("{i}.pdf"));
        print(&browser, &page, &pdf, tmp.path())?;
        let doc = Document::load(&pdf).map_err(|e| Error::Input {
            path: d.source.clone(),
            message: format!("Chromium wrote an unreadable PDF for '{}': {e}", d.path),
        })?;
        docs.push(doc);
    }
    let mut merged = merge(docs).map_err(|m| Error::Input {
        path: out.to_path_buf(),
        message: m,
    })?;
    let pages = merged.get_pages().len();
    let mut bytes = Vec::new();
    merged.save_to(&mut bytes).map_err(|e| Error::io(out, e))?;
    crate::output::write_atomic(out, &bytes)?;
    let report = PdfReport {
        decks: decks.len(),
        pages,
    };
    Ok((site, report))
}

/// Never replace a file notedeck did not make.
fn guard_output(out: &Path) -> Result<(), Error> {
    // Never opened unless regular (a FIFO would block the export).
    let bytes = match crate::source::read_regular(out, u64::MAX) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(_) => Vec::new(),
    };
    let ours = bytes.starts_with(b"%PDF")
        && bytes
            .windows(CREATOR.len())
            .any(|w| w == CREATOR.as_bytes());
    if ours {
        Ok(())
    } else {
        Err(Error::Input {
            path: out.to_path_buf(),
            message: "exists and was not written by notedeck; refusing to overwrite it".into(),
        })
    }
}

const CREATOR: &str = "notedeck-pdf";

/// Flags for a headless Chromium that stays off the network and leaves no
/// state behind (the tests' browser harnesses use them too).
pub const HEADLESS_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

fn print(browser: &Path, page: &Path, pdf: &Path, profile: &Path) -> Result<(), Error> {
    let url = format!("file://{}", page.display());
    let output = Command::new(browser)
        .args(HEADLESS_FLAGS)
        .args([
            "--no-pdf-header-footer",
            "--run-all-compositor-stages-before-draw",
            "--virtual-time-budget=3000",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .output()
        .map_err(|e| Error::io(browser, e))?;
    if !pdf.is_file() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().last().unwrap_or("").to_string();
        return Err(Error::Input {
            path: browser.to_path_buf(),
            message: format!("printing failed ({}): {last}", output.status),
        });
    }
    Ok(())
}

/// Concatenates the pages of `docs`, in order, into one document.
pub fn merge(docs: Vec<Document>) -> Result<Document, String> {
    let mut max_id = 1;
    let mut page_ids: Vec<ObjectId> = Vec::new();
    let mut pages: BTreeMap<ObjectId, Object> = BTreeMap::new();
    let mut objects: BTreeMap<ObjectId, Object> = BTreeMap::new();
    for mut doc in docs {
        doc.renumber_objects_with(max_id);
        max_id = doc.max_id + 1;
        for (_, id) in doc.get_pages() {
            let mut dict = doc.get_dictionary(id).map_err(|e| e.to_string())?.clone();
            // The page tree is rebuilt flat: keep what pages inherited.
            for key in [&b"MediaBox"[..], b"Resources", b"CropBox", b"Rotate"] {
                if dict.has(key) {
                    continue;
                }
                let mut parent = dict.get(b"Parent").and_then(Object::as_reference).ok();
                while let Some(pid) = parent {
                    let Ok(p) = doc.get_dictionary(pid) else {
                        break;
                    };
                    if let Ok(v) = p.get(key) {
                        dict.set(key.to_vec(), v.clone());
                        break;
                    }
                    parent = p.get(b"Parent").and_then(Object::as_reference).ok();
                }
            }
            page_ids.push(id);
            pages.insert(id, Object::Dictionary(dict));
        }
        objects.extend(doc.objects);
    }
    let mut out = Document::with_version("1.5");
    let mut catalog: Option<(ObjectId, Object)> = None;
    let mut pages_root: Option<ObjectId> = None;
    for (id, obj) in objects {
        match obj.type_name().unwrap_or(b"") {
            b"Catalog" => {
                catalog.get_or_insert((id, obj));
            }
            b"Pages" => {
                pages_root.get_or_insert(id);
            }
            b"Page" | b"Outlines" | b"Outline" => {}
            _ => {
                out.objects.insert(id, obj);
            }
        }
    }
    let root = pages_root.ok_or("no page tree in Chromium's PDF")?;
    let (catalog_id, _) = catalog.ok_or("no catalog in Chromium's PDF")?;
    for id in &page_ids {
        if let Some(Ok(dict)) = pages.get(id).map(Object::as_dict) {
            let mut dict = dict.clone();
            dict.set("Parent", root);
            out.objects.insert(*id, Object::Dictionary(dict));
        }
    }
    let mut tree = lopdf::Dictionary::new();
    tree.set("Type", "Pages");
    tree.set(
        "Count",
        i64::try_from(page_ids.len()).map_err(|e| e.to_string())?,
    );
    tree.set(
        "Kids",
        page_ids
            .iter()
            .map(|id| Object::Reference(*id))
            .collect::<Vec<_>>(),
    );
    out.objects.insert(root, Object::Dictionary(tree));
    let mut cat = lopdf::Dictionary::new();
    cat.set("Type", "Catalog");
    cat.set("Pages", root);
    out.objects.insert(catalog_id, Object::Dictionary(cat));
    out.trailer.set("Root", catalog_id);
    out.max_id = out.objects.keys().map(|(n, _)| *n).max().unwrap_or(0);
    let mut info = lopdf::Dictionary::new();
    info.set("Creator", Object::string_literal(CREATOR));
    info.set("Producer", Object::string_literal(CREATOR));
    let info_id = out.add_object(Object::Dictionary(info));
    out.trailer.set("Info", info_id);
    out.renumber_objects();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Document, Object};

    /// A document whose pages have the given widths, with Resources
    /// inherited from the page tree as some writers do.
    fn doc(widths: &[i64]) -> Document {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let kids: Vec<Object> = widths
            .iter()
            .map(|w| {
                let page = doc.add_object(dictionary! {
                    "Type" => "Page",
                    "Parent" => pages_id,
                    "MediaBox" => vec![0.into(), 0.into(), (*w).into(), 100.into()],
                });
                Object::Reference(page)
            })
            .collect();
        let count = i64::try_from(kids.len()).expect("count");
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => kids,
                "Count" => count,
                "Resources" => dictionary! {},
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        doc
    }

    fn widths(doc: &Document) -> Vec<i64> {
        doc.get_pages()
            .values()
            .map(|id| {
                let page = doc.get_dictionary(*id).expect("page");
                let mb = page
                    .get(b"MediaBox")
                    .and_then(Object::as_array)
                    .expect("mediabox");
                mb[2].as_i64().expect("width")
            })
            .collect()
    }

    #[test]
    fn merge_keeps_every_page_in_order() {
        let merged = merge(vec![doc(&[1, 2]), doc(&[3]), doc(&[4, 5, 6])]).expect("merge");
        assert_eq!(widths(&merged), [1, 2, 3, 4, 5, 6]);
        // Survives a save and reload, with notedeck as its creator.
        let mut bytes = Vec::new();
        let mut merged = merged;
        merged.save_to(&mut bytes).expect("save");
        let back = Document::load_mem(&bytes).expect("reload");
        assert_eq!(widths(&back), [1, 2, 3, 4, 5, 6]);
        assert!(bytes
            .windows(CREATOR.len())
            .any(|w| w == CREATOR.as_bytes()));
        // Inherited resources were copied onto each page.
        for id in back.get_pages().values() {
            assert!(back.get_dictionary(*id).expect("page").has(b"Resources"));
        }
    }

    #[test]
    fn deck_selection() {
        assert!(
            matches!(select(&[], Some("x")), Err(Error::Usage(m)) if m == "no deck 'x' (decks: )")
        );
        assert_eq!(select(&[], None).expect("all").len(), 0);
    }
}
