//! The OOXML package: parts, relationships, content types, the zip.
//! notedeck's own theme, master and layouts, or a template's.

use super::text::{Bullet, Para, Run, Style};
use super::{esc, put, LayoutKind, Look, PSlide, Rect, Shape};
use crate::Error;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

/// The zip comment of every `.pptx` notedeck writes: how a later run
/// knows the file is its own to replace.
pub const CREATOR: &str = "notedeck-pptx";

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT_PML: &str = "application/vnd.openxmlformats-officedocument.presentationml";

/// A user's template: its masters and layouts (and what they use).
pub struct Template {
    /// Parts copied as they are, by name (`ppt/slideMasters/slideMaster1.xml`).
    parts: BTreeMap<String, Vec<u8>>,
    /// Content types of the copied parts: overrides by part, defaults by extension.
    overrides: BTreeMap<String, String>,
    defaults: BTreeMap<String, String>,
    /// Masters in order: part name and their presentation-level id.
    masters: Vec<(String, u64)>,
    layouts: BTreeMap<LayoutKind, String>,
    /// Slide size, EMU.
    size: (i64, i64),
}

fn bad(path: &Path, message: impl Into<String>) -> Error {
    Error::Input {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// `name="value"` in one tag's text.
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')?;
    Some(html_escape::decode_html_entities(&tag[at..at + end]).into_owned())
}

/// Every `<elem …>` tag's text in `xml`.
fn tags<'a>(xml: &'a str, elem: &str) -> Vec<&'a str> {
    let open = format!("<{elem}");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let next = after.chars().next();
        let end = after
            .find('>')
            .map_or(rest.len(), |e| i + open.len() + e + 1);
        if matches!(next, Some(' ' | '/' | '>' | '\n' | '\r' | '\t')) {
            out.push(&rest[i..end]);
        }
        rest = &rest[end.min(rest.len())..];
        if end == 0 {
            break;
        }
    }
    out
}

/// `a/b/../c` → `a/c`; the target of a relationship from `from`.
fn resolve(from: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<&str> = from.split('/').collect();
        p.pop();
        p
    };
    for seg in target.trim_start_matches('/').split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// `(id, type, target, external)` of a rels part.
fn relationships(xml: &str) -> Vec<(String, String, String, bool)> {
    tags(xml, "Relationship")
        .into_iter()
        .filter_map(|t| {
            Some((
                attr(t, "Id")?,
                attr(t, "Type")?,
                attr(t, "Target")?,
                attr(t, "TargetMode").is_some_and(|m| m == "External"),
            ))
        })
        .collect()
}

impl Template {
    pub fn read(path: &Path) -> Result<Template, Error> {
        const NOT: &str = "is not a readable .pptx";
        let bytes = crate::source::read_regular(path, 512 << 20)
            .map_err(|e| bad(path, format!("{NOT}: {}", crate::error::describe(&e))))?;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| bad(path, format!("{NOT} (not a zip file: {e})")))?;
        let mut read = |name: &str| -> Option<Vec<u8>> {
            let mut f = zip.by_name(name).ok()?;
            let mut buf = Vec::new();
            // Parts are small; a part over 256 MiB is not a template's.
            f.by_ref().take(256 << 20).read_to_end(&mut buf).ok()?;
            Some(buf)
        };
        let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
        let types = read("[Content_Types].xml")
            .map(text)
            .ok_or_else(|| bad(path, format!("{NOT}: it has no [Content_Types].xml")))?;
        let pres = read("ppt/presentation.xml")
            .map(text)
            .ok_or_else(|| bad(path, format!("{NOT}: it has no ppt/presentation.xml")))?;
        let pres_rels = read("ppt/_rels/presentation.xml.rels")
            .map(text)
            .unwrap_or_default();
        let mut t = Template {
            parts: BTreeMap::new(),
            overrides: BTreeMap::new(),
            defaults: BTreeMap::new(),
            masters: Vec::new(),
            layouts: BTreeMap::new(),
            size: (12_192_000, 6_858_000),
        };
        for o in tags(&types, "Override") {
            if let (Some(p), Some(c)) = (attr(o, "PartName"), attr(o, "ContentType")) {
                t.overrides.insert(p.trim_start_matches('/').to_string(), c);
            }
        }
        for d in tags(&types, "Default") {
            if let (Some(e), Some(c)) = (attr(d, "Extension"), attr(d, "ContentType")) {
                t.defaults.insert(e.to_ascii_lowercase(), c);
            }
        }
        if let Some(sz) = tags(&pres, "p:sldSz").first() {
            let n = |a| attr(sz, a).and_then(|v| v.parse::<i64>().ok());
            if let (Some(cx), Some(cy)) = (n("cx"), n("cy")) {
                if cx > 0 && cy > 0 {
                    t.size = (cx, cy);
                }
            }
        }
        let rels = relationships(&pres_rels);
        for m in tags(&pres, "p:sldMasterId") {
            let (Some(id), Some(rid)) = (attr(m, "id"), attr(m, "r:id")) else {
                continue;
            };
            let Some((_, _, target, _)) = rels.iter().find(|r| r.0 == rid) else {
                continue;
            };
            t.masters.push((
                resolve("ppt/presentation.xml", target),
                id.parse().unwrap_or(2_147_483_648),
            ));
        }
        if t.masters.is_empty() {
            return Err(bad(path, format!("{NOT}: it has no slide master")));
        }
        // Masters, then everything their relationships reach (layouts,
        // themes, images), once each.
        let mut queue: Vec<String> = t.masters.iter().map(|m| m.0.clone()).collect();
        while let Some(part) = queue.pop() {
            if t.parts.contains_key(&part) {
                continue;
            }
            let Some(bytes) = read(&part) else {
                return Err(bad(path, format!("{NOT}: it lacks its part {part}")));
            };
            if part.starts_with("ppt/slideLayouts/") {
                let xml = String::from_utf8_lossy(&bytes);
                let kind = tags(&xml, "p:sldLayout")
                    .first()
                    .and_then(|tag| attr(tag, "type"))
                    .and_then(|ty| match ty.as_str() {
                        "title" => Some(LayoutKind::Title),
                        "obj" => Some(LayoutKind::Content),
                        "secHead" => Some(LayoutKind::Section),
                        _ => None,
                    });
                if let Some(k) = kind {
                    t.layouts.entry(k).or_insert_with(|| part.clone());
                }
            }
            t.parts.insert(part.clone(), bytes);
            let rn = rels_name(&part);
            if let Some(rb) = read(&rn) {
                for (_, ty, target, external) in relationships(&String::from_utf8_lossy(&rb)) {
                    // Slides and notes are the template's content, not its look.
                    if external || ty.ends_with("/slide") || ty.ends_with("/notesSlide") {
                        continue;
                    }
                    queue.push(resolve(&part, &target));
                }
                t.parts.insert(rn, rb);
            }
        }
        let missing: Vec<&str> = [
            (LayoutKind::Title, "Title Slide (type title)"),
            (LayoutKind::Content, "Title and Content (type obj)"),
            (LayoutKind::Section, "Section Header (type secHead)"),
        ]
        .into_iter()
        .filter(|(k, _)| !t.layouts.contains_key(k))
        .map(|(_, n)| n)
        .collect();
        if !missing.is_empty() {
            return Err(bad(
                path,
                format!(
                    "the template lacks the slide layout{} notedeck uses: {}",
                    if missing.len() > 1 { "s" } else { "" },
                    missing.join(", ")
                ),
            ));
        }
        Ok(t)
    }

    fn content_type(&self, part: &str) -> String {
        if let Some(c) = self.overrides.get(part) {
            return c.clone();
        }
        let ext = part.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        self.defaults.get(&ext).cloned().unwrap_or_else(|| {
            crate::mime::image_of(&format!(".{ext}"))
                .unwrap_or("application/octet-stream")
                .to_string()
        })
    }
}

/// A picture in `ppt/media`.
struct Media {
    name: String,
    bytes: Vec<u8>,
}

pub struct Package {
    pub slides: Vec<PSlide>,
    title: String,
    look: Look,
    template: Option<Template>,
    media: Vec<Media>,
    /// Media index by content hash: one part per distinct image.
    media_by_hash: BTreeMap<[u8; 32], usize>,
    /// Slide index of each talk's first slide (agenda jumps).
    talk_first: Vec<usize>,
}

/// Per-slide relationships: `rId1` the layout, `rId2` the notes page.
struct Rels {
    list: Vec<(String, String, bool)>,
}

impl Rels {
    fn add(&mut self, ty: &str, target: &str, external: bool) -> String {
        if let Some(i) = self
            .list
            .iter()
            .position(|(t, g, e)| t == ty && g == target && *e == external)
        {
            return format!("rId{}", i + 1);
        }
        self.list
            .push((ty.to_string(), target.to_string(), external));
        format!("rId{}", self.list.len())
    }

    fn xml(&self) -> String {
        let mut out = String::from(XML_HEAD);
        out.push_str("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (i, (ty, target, ext)) in self.list.iter().enumerate() {
            put(
                &mut out,
                format_args!(
                    "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/{ty}\" Target=\"{}\"{}/>",
                    i + 1,
                    esc(target),
                    if *ext { " TargetMode=\"External\"" } else { "" }
                ),
            );
        }
        out.push_str("</Relationships>");
        out
    }
}

fn rels(list: &[(&str, &str)]) -> String {
    let r = Rels {
        list: list
            .iter()
            .map(|(t, g)| (t.to_string(), g.to_string(), false))
            .collect(),
    };
    r.xml()
}

/// How text is written: with notedeck's own sizes and fonts, or leaving
/// them to a template.
struct Pen<'a> {
    look: &'a Look,
    /// The text's language (`lang`), for spelling and fonts.
    lang: &'a str,
    sized: bool,
    /// EMU per canvas px, across and down.
    ex: f64,
    ey: f64,
}

impl Pen<'_> {
    fn x(&self, px: f64) -> i64 {
        (px * self.ex).round() as i64
    }
    fn y(&self, px: f64) -> i64 {
        (px * self.ey).round() as i64
    }
    fn xfrm(&self, r: &Rect) -> String {
        format!(
            "<a:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>",
            self.x(r.x),
            self.y(r.y),
            self.x(r.w).max(1),
            self.y(r.h).max(1)
        )
    }

    fn rpr(&self, out: &mut String, st: &Style, p: &Para, heading: bool, rels: &mut Rels) {
        put(out, format_args!("<a:rPr lang=\"{}\"", self.lang));
        if self.sized {
            let scale = if st.scale == 0 {
                1.0
            } else {
                f64::from(st.scale) / 100.0
            };
            put(
                out,
                format_args!(" sz=\"{}\"", super::font_size(p.px * scale)),
            );
        }
        if st.plain {
            // Over the master's bold title style.
            out.push_str(" b=\"0\"");
        } else if st.bold || p.bold {
            out.push_str(" b=\"1\"");
        }
        if st.italic || p.italic {
            out.push_str(" i=\"1\"");
        }
        if st.strike {
            out.push_str(" strike=\"sngStrike\"");
        }
        if st.sup {
            out.push_str(" baseline=\"30000\"");
        }
        out.push_str(" dirty=\"0\">");
        let color = match st.color {
            Some(c) => self.look.hl.get(c).cloned(),
            None if p.mono && self.sized => Some(self.look.code_fg.clone()),
            None if self.sized && st.link.is_none() => Some(if heading {
                self.look.heading.clone()
            } else {
                self.look.fg.clone()
            }),
            None => None,
        };
        if let Some(c) = color {
            put(
                out,
                format_args!("<a:solidFill><a:srgbClr val=\"{c}\"/></a:solidFill>"),
            );
        }
        if st.code || p.mono {
            put(
                out,
                format_args!(
                    "<a:latin typeface=\"{0}\"/><a:cs typeface=\"{0}\"/>",
                    esc(&self.look.font_mono)
                ),
            );
        }
        if let Some(url) = &st.link {
            let rid = match url.strip_prefix("#talk-") {
                Some(k) => format!("jump:{k}"),
                None => rels.add("hyperlink", url, true),
            };
            if rid.starts_with("jump:") {
                // Resolved by the caller to a slide relationship.
                put(
                    out,
                    format_args!(
                        "<a:hlinkClick r:id=\"{rid}\" action=\"ppaction://hlinksldjump\"/>"
                    ),
                );
            } else {
                put(out, format_args!("<a:hlinkClick r:id=\"{rid}\"/>"));
            }
        }
        out.push_str("</a:rPr>");
    }

    fn para(
        &self,
        out: &mut String,
        p: &Para,
        lh: f64,
        center: bool,
        heading: bool,
        rels: &mut Rels,
    ) {
        out.push_str("<a:p><a:pPr");
        if p.mar_l != 0.0 || p.indent != 0.0 || self.sized {
            put(
                out,
                format_args!(
                    " marL=\"{}\" indent=\"{}\"",
                    self.x(p.mar_l),
                    self.x(p.indent)
                ),
            );
        }
        put(out, format_args!(" lvl=\"{}\"", p.lvl.min(8)));
        if let Some(a) = p.align {
            put(out, format_args!(" algn=\"{a}\""));
        } else if center {
            out.push_str(" algn=\"ctr\"");
        }
        out.push('>');
        if self.sized {
            put(
                out,
                format_args!(
                    "<a:lnSpc><a:spcPts val=\"{}\"/></a:lnSpc>",
                    super::centipoints(p.px * lh).clamp(0, 158_400)
                ),
            );
        }
        put(
            out,
            format_args!(
                "<a:spcBef><a:spcPts val=\"{}\"/></a:spcBef>",
                super::centipoints(p.before).clamp(0, 158_400)
            ),
        );
        match p.bullet {
            Bullet::None => out.push_str("<a:buNone/>"),
            Bullet::Num(n) if (1..=32_767).contains(&n) => put(
                out,
                format_args!("<a:buFont typeface=\"+mj-lt\"/><a:buAutoNum type=\"arabicPeriod\" startAt=\"{n}\"/>"),
            ),
            _ => out.push_str("<a:buFont typeface=\"Arial\"/><a:buChar char=\"•\"/>"),
        }
        out.push_str("</a:pPr>");
        for r in &p.runs {
            match r {
                Run::Text(t, st) => {
                    out.push_str("<a:r>");
                    self.rpr(out, st, p, heading, rels);
                    put(out, format_args!("<a:t>{}</a:t></a:r>", esc(t)));
                }
                Run::Break => {
                    out.push_str("<a:br>");
                    self.rpr(out, &Style::default(), p, heading, rels);
                    out.push_str("</a:br>");
                }
            }
        }
        put(out, format_args!("<a:endParaRPr lang=\"{}\"", self.lang));
        if self.sized {
            put(out, format_args!(" sz=\"{}\"", super::font_size(p.px)));
        }
        out.push_str(" dirty=\"0\"/></a:p>");
    }

    fn body_pr(&self, inset: (f64, f64), anchor: &str) -> String {
        if self.sized {
            format!(
                "<a:bodyPr wrap=\"square\" lIns=\"{0}\" tIns=\"{1}\" rIns=\"{0}\" bIns=\"{1}\" anchor=\"{anchor}\"><a:noAutofit/></a:bodyPr><a:lstStyle/>",
                self.x(inset.0),
                self.y(inset.1)
            )
        } else {
            // A template's own sizes may be larger: let PowerPoint shrink.
            format!("<a:bodyPr anchor=\"{anchor}\"><a:normAutofit/></a:bodyPr><a:lstStyle/>")
        }
    }
}

impl Package {
    pub fn new(title: &str, look: &Look, template: Option<Template>) -> Package {
        Package {
            slides: Vec::new(),
            title: title.to_string(),
            look: look.clone(),
            template,
            media: Vec::new(),
            media_by_hash: BTreeMap::new(),
            talk_first: Vec::new(),
        }
    }

    pub fn resolve_jumps(&mut self, talk_first: &[usize]) {
        self.talk_first = talk_first.to_vec();
    }

    /// Embeds a local PNG, JPEG or GIF; `None` for anything else (the
    /// caller shows the alt text instead).
    pub fn add_image(&mut self, url: &str, dir: &Path, cap: crate::source::Cap) -> Option<usize> {
        let crate::services::images::Found::File { path, mime } =
            crate::services::images::resolve(url, dir).ok()?
        else {
            return None;
        };
        let ext = match mime {
            "image/png" => "png",
            "image/jpeg" => "jpeg",
            "image/gif" => "gif",
            _ => return None,
        };
        let bytes = crate::source::read_capped(&path, cap).ok()?;
        let hash = *blake3::hash(&bytes).as_bytes();
        if let Some(&i) = self.media_by_hash.get(&hash) {
            return Some(i);
        }
        let i = self.media.len();
        self.media.push(Media {
            name: format!("notedeck-image{}.{ext}", i + 1),
            bytes,
        });
        self.media_by_hash.insert(hash, i);
        Some(i)
    }

    fn pen(&self) -> Pen<'_> {
        let (cx, cy) = self.size();
        Pen {
            look: &self.look,
            lang: "en-US",
            sized: self.template.is_none(),
            ex: cx as f64 / 1280.0,
            ey: cy as f64 / 720.0,
        }
    }

    fn size(&self) -> (i64, i64) {
        self.template
            .as_ref()
            .map_or((12_192_000, 6_858_000), |t| t.size)
    }

    fn layout_part(&self, kind: LayoutKind) -> String {
        match &self.template {
            Some(t) => t.layouts.get(&kind).cloned().unwrap_or_default(),
            None => format!(
                "ppt/slideLayouts/slideLayout{}.xml",
                match kind {
                    LayoutKind::Title => 1,
                    LayoutKind::Content => 2,
                    LayoutKind::Section => 3,
                }
            ),
        }
    }

    fn slide_xml(&self, n: usize, s: &PSlide) -> (String, String) {
        // A slide's own text colour (Marp `color`) over the theme's.
        let recoloured = s.text_color.as_ref().map(|c| {
            let mut l = self.look.clone();
            l.fg.clone_from(c);
            l.heading.clone_from(c);
            l
        });
        let pen = Pen {
            look: recoloured.as_ref().unwrap_or(&self.look),
            lang: s.lang.as_deref().unwrap_or("en-US"),
            ..self.pen()
        };
        let mut rels = Rels { list: Vec::new() };
        let layout = self.layout_part(s.layout);
        rels.add(
            "slideLayout",
            &format!("../{}", layout.trim_start_matches("ppt/")),
            false,
        );
        rels.add(
            "notesSlide",
            &format!("../notesSlides/notesSlide{n}.xml"),
            false,
        );
        let mut out = String::from(XML_HEAD);
        put(&mut out, format_args!("<p:sld {NS}><p:cSld>"));
        if let Some(bg) = &s.background {
            put(
                &mut out,
                format_args!("<p:bg><p:bgPr><a:solidFill><a:srgbClr val=\"{bg}\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>"),
            );
        }
        out.push_str("<p:spTree>");
        out.push_str(GROUP);
        for (id, shape) in (2..).zip(s.shapes.iter()) {
            match shape {
                Shape::Title {
                    box_,
                    paras,
                    center,
                } => {
                    let ph = if s.layout == LayoutKind::Title {
                        "<p:ph type=\"ctrTitle\"/>"
                    } else {
                        "<p:ph type=\"title\"/>"
                    };
                    sp_open(&mut out, id, "Title", ph, &pen.xfrm(box_), None);
                    out.push_str(&pen.body_pr((0.0, 0.0), "t"));
                    for p in paras {
                        pen.para(&mut out, p, 1.15, *center, true, &mut rels);
                    }
                    out.push_str("</p:txBody></p:sp>");
                }
                Shape::Body {
                    box_,
                    paras,
                    center,
                } => {
                    let ph = match s.layout {
                        LayoutKind::Title => "<p:ph type=\"subTitle\" idx=\"1\"/>",
                        LayoutKind::Section => "<p:ph type=\"body\" idx=\"1\"/>",
                        LayoutKind::Content => "<p:ph idx=\"1\"/>",
                    };
                    sp_open(&mut out, id, "Content", ph, &pen.xfrm(box_), None);
                    out.push_str(&pen.body_pr((0.0, 0.0), "t"));
                    for p in paras {
                        pen.para(
                            &mut out,
                            p,
                            self.look.canvas.line_height,
                            *center,
                            false,
                            &mut rels,
                        );
                    }
                    out.push_str("</p:txBody></p:sp>");
                }
                Shape::TextBox {
                    box_,
                    paras,
                    fill,
                    inset,
                } => {
                    let fill = fill
                        .as_ref()
                        .map(|c| format!("<a:solidFill><a:srgbClr val=\"{c}\"/></a:solidFill>"));
                    sp_open(&mut out, id, "Text", "", &pen.xfrm(box_), fill.as_deref());
                    // Code keeps its size even in a template: its box was measured.
                    let code = paras.iter().all(|p| p.mono);
                    let pen2 = Pen {
                        sized: pen.sized || code,
                        ..pen
                    };
                    if pen2.sized {
                        out.push_str(&pen2.body_pr(*inset, "t"));
                    } else {
                        out.push_str(&pen.body_pr(*inset, "t"));
                    }
                    let lh = if code {
                        super::text::PRE_LH
                    } else {
                        self.look.canvas.line_height
                    };
                    for p in paras {
                        pen2.para(&mut out, p, lh, false, false, &mut rels);
                    }
                    out.push_str("</p:txBody></p:sp>");
                }
                Shape::Table {
                    box_,
                    rows,
                    head,
                    px,
                    align,
                } => {
                    table_xml(&mut out, &pen, id, box_, rows, *head, *px, align, &mut rels);
                }
                Shape::Picture { box_, media, alt } => {
                    let m = self.media.get(*media).map_or("", |m| m.name.as_str());
                    let rid = rels.add("image", &format!("../media/{m}"), false);
                    put(
                        &mut out,
                        format_args!(
                            "<p:pic><p:nvPicPr><p:cNvPr id=\"{id}\" name=\"Picture {id}\" descr=\"{}\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed=\"{rid}\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
                            esc(alt),
                            pen.xfrm(box_)
                        ),
                    );
                }
            }
        }
        out.push_str(
            "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>",
        );
        // Agenda entries: `jump:K` → the K-th jump's talk's first slide.
        for (k, talk) in s.jumps.iter().enumerate() {
            let target = self.talk_first.get(*talk).map_or(1, |i| i + 1);
            let rid = rels.add("slide", &format!("slide{target}.xml"), false);
            out = out.replace(&format!("r:id=\"jump:{k}\""), &format!("r:id=\"{rid}\""));
        }
        (out, rels.xml())
    }

    fn notes_xml(&self, n: usize, s: &PSlide) -> String {
        let lang = esc(s.lang.as_deref().unwrap_or("en-US"));
        let mut out = String::from(XML_HEAD);
        put(&mut out, format_args!("<p:notes {NS}><p:cSld><p:spTree>"));
        out.push_str(GROUP);
        out.push_str("<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>");
        out.push_str("<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>");
        if s.notes.is_empty() {
            put(
                &mut out,
                format_args!("<a:p><a:endParaRPr lang=\"{lang}\" dirty=\"0\"/></a:p>"),
            );
        }
        for para in &s.notes {
            out.push_str("<a:p>");
            for (i, line) in para.lines().enumerate() {
                if i > 0 {
                    put(
                        &mut out,
                        format_args!("<a:br><a:rPr lang=\"{lang}\" dirty=\"0\"/></a:br>"),
                    );
                }
                put(
                    &mut out,
                    format_args!(
                        "<a:r><a:rPr lang=\"{lang}\" dirty=\"0\"/><a:t>{}</a:t></a:r>",
                        esc(line)
                    ),
                );
            }
            out.push_str("</a:p>");
        }
        out.push_str("</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>");
        let _ = n;
        out
    }

    /// The zip: every part in a fixed order with fixed times.
    pub fn finish(&self, sections: &[(String, usize, usize)]) -> Result<Vec<u8>, Error> {
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        let mut overrides: Vec<(String, String)> = Vec::new();
        let mut add =
            |parts: &mut Vec<(String, Vec<u8>)>, name: &str, ct: Option<&str>, body: Vec<u8>| {
                if let Some(ct) = ct {
                    overrides.push((name.to_string(), ct.to_string()));
                }
                parts.push((name.to_string(), body));
            };
        let own = self.template.is_none();
        let n = self.slides.len();
        let (cx, cy) = self.size();

        add(
            &mut parts,
            "_rels/.rels",
            None,
            rels(&[
                ("officeDocument", "ppt/presentation.xml"),
                ("extended-properties", "docProps/app.xml"),
            ])
            .replace(
                "</Relationships>",
                "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>",
            )
            .into_bytes(),
        );
        add(
            &mut parts,
            "docProps/core.xml",
            Some("application/vnd.openxmlformats-package.core-properties+xml"),
            format!(
                "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>notedeck</dc:creator></cp:coreProperties>",
                esc(&self.title)
            )
            .into_bytes(),
        );
        add(
            &mut parts,
            "docProps/app.xml",
            Some("application/vnd.openxmlformats-officedocument.extended-properties+xml"),
            format!(
                "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>notedeck</Application><Slides>{n}</Slides><Notes>{n}</Notes></Properties>"
            )
            .into_bytes(),
        );

        // The presentation and its relationships.
        let mut prels = Rels { list: Vec::new() };
        let mut master_ids = String::new();
        let masters: Vec<(String, u64)> = match &self.template {
            Some(t) => t.masters.clone(),
            None => vec![("ppt/slideMasters/slideMaster1.xml".into(), 2_147_483_648)],
        };
        for (part, id) in &masters {
            let rid = prels.add("slideMaster", part.trim_start_matches("ppt/"), false);
            put(
                &mut master_ids,
                format_args!("<p:sldMasterId id=\"{id}\" r:id=\"{rid}\"/>"),
            );
        }
        let notes_rid = prels.add("notesMaster", "notesMasters/notesMaster1.xml", false);
        let mut slide_ids = String::new();
        for i in 1..=n {
            let rid = prels.add("slide", &format!("slides/slide{i}.xml"), false);
            put(
                &mut slide_ids,
                format_args!("<p:sldId id=\"{}\" r:id=\"{rid}\"/>", 255 + i),
            );
        }
        prels.add("presProps", "presProps.xml", false);
        prels.add("viewProps", "viewProps.xml", false);
        prels.add("tableStyles", "tableStyles.xml", false);
        if own {
            prels.add("theme", "theme/theme1.xml", false);
        }
        let mut sec = String::new();
        for (k, (name, a, b)) in sections.iter().enumerate() {
            put(
                &mut sec,
                format_args!(
                    "<p14:section name=\"{}\" id=\"{{{:08X}-5EC7-4D0E-8A11-{:012X}}}\"><p14:sldIdLst>",
                    esc(name),
                    k + 1,
                    k + 1
                ),
            );
            for i in *a..*b {
                put(&mut sec, format_args!("<p14:sldId id=\"{}\"/>", 256 + i));
            }
            sec.push_str("</p14:sldIdLst></p14:section>");
        }
        add(
            &mut parts,
            "ppt/presentation.xml",
            Some(&format!("{CT_PML}.presentation.main+xml")),
            format!(
                "{XML_HEAD}<p:presentation {NS} saveSubsetFonts=\"1\"><p:sldMasterIdLst>{master_ids}</p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id=\"{notes_rid}\"/></p:notesMasterIdLst><p:sldIdLst>{slide_ids}</p:sldIdLst><p:sldSz cx=\"{cx}\" cy=\"{cy}\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/><p:extLst><p:ext uri=\"{{521415D9-36F7-43E2-AB2F-B90AF26B5E84}}\"><p14:sectionLst xmlns:p14=\"http://schemas.microsoft.com/office/powerpoint/2010/main\">{sec}</p14:sectionLst></p:ext></p:extLst></p:presentation>"
            )
            .into_bytes(),
        );
        add(
            &mut parts,
            "ppt/_rels/presentation.xml.rels",
            None,
            prels.xml().into_bytes(),
        );
        add(
            &mut parts,
            "ppt/presProps.xml",
            Some(&format!("{CT_PML}.presProps+xml")),
            format!("{XML_HEAD}<p:presentationPr {NS}/>").into_bytes(),
        );
        add(
            &mut parts,
            "ppt/viewProps.xml",
            Some(&format!("{CT_PML}.viewProps+xml")),
            format!("{XML_HEAD}<p:viewPr {NS}><p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"94660\"/></p:normalViewPr><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>").into_bytes(),
        );
        add(
            &mut parts,
            "ppt/tableStyles.xml",
            Some("application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml"),
            format!("{XML_HEAD}<a:tblStyleLst xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" def=\"{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}\"/>").into_bytes(),
        );

        // Theme, master and layouts: notedeck's own, or the template's.
        let theme_ct = "application/vnd.openxmlformats-officedocument.theme+xml";
        if own {
            add(
                &mut parts,
                "ppt/theme/theme1.xml",
                Some(theme_ct),
                theme_xml(&self.look).into_bytes(),
            );
            add(
                &mut parts,
                "ppt/slideMasters/slideMaster1.xml",
                Some(&format!("{CT_PML}.slideMaster+xml")),
                master_xml(&self.look).into_bytes(),
            );
            add(
                &mut parts,
                "ppt/slideMasters/_rels/slideMaster1.xml.rels",
                None,
                rels(&[
                    ("slideLayout", "../slideLayouts/slideLayout1.xml"),
                    ("slideLayout", "../slideLayouts/slideLayout2.xml"),
                    ("slideLayout", "../slideLayouts/slideLayout3.xml"),
                    ("theme", "../theme/theme1.xml"),
                ])
                .into_bytes(),
            );
            for (i, kind) in [LayoutKind::Title, LayoutKind::Content, LayoutKind::Section]
                .into_iter()
                .enumerate()
            {
                add(
                    &mut parts,
                    &format!("ppt/slideLayouts/slideLayout{}.xml", i + 1),
                    Some(&format!("{CT_PML}.slideLayout+xml")),
                    layout_xml(kind).into_bytes(),
                );
                add(
                    &mut parts,
                    &format!("ppt/slideLayouts/_rels/slideLayout{}.xml.rels", i + 1),
                    None,
                    rels(&[("slideMaster", "../slideMasters/slideMaster1.xml")]).into_bytes(),
                );
            }
        } else if let Some(t) = &self.template {
            for (name, bytes) in &t.parts {
                let ct = (!name.ends_with(".rels")).then(|| t.content_type(name));
                add(&mut parts, name, ct.as_deref(), bytes.clone());
            }
        }
        // The notes master, always notedeck's (its own theme part).
        add(
            &mut parts,
            "ppt/theme/notedeckNotesTheme.xml",
            Some(theme_ct),
            theme_xml(&self.look).into_bytes(),
        );
        add(
            &mut parts,
            "ppt/notesMasters/notesMaster1.xml",
            Some(&format!("{CT_PML}.notesMaster+xml")),
            notes_master_xml().into_bytes(),
        );
        add(
            &mut parts,
            "ppt/notesMasters/_rels/notesMaster1.xml.rels",
            None,
            rels(&[("theme", "../theme/notedeckNotesTheme.xml")]).into_bytes(),
        );

        for (i, s) in self.slides.iter().enumerate() {
            let k = i + 1;
            let (xml, srels) = self.slide_xml(k, s);
            add(
                &mut parts,
                &format!("ppt/slides/slide{k}.xml"),
                Some(&format!("{CT_PML}.slide+xml")),
                xml.into_bytes(),
            );
            add(
                &mut parts,
                &format!("ppt/slides/_rels/slide{k}.xml.rels"),
                None,
                srels.into_bytes(),
            );
            add(
                &mut parts,
                &format!("ppt/notesSlides/notesSlide{k}.xml"),
                Some(&format!("{CT_PML}.notesSlide+xml")),
                self.notes_xml(k, s).into_bytes(),
            );
            add(
                &mut parts,
                &format!("ppt/notesSlides/_rels/notesSlide{k}.xml.rels"),
                None,
                rels(&[
                    ("notesMaster", "../notesMasters/notesMaster1.xml"),
                    ("slide", &format!("../slides/slide{k}.xml")),
                ])
                .into_bytes(),
            );
        }
        for m in &self.media {
            add(
                &mut parts,
                &format!("ppt/media/{}", m.name),
                None,
                m.bytes.clone(),
            );
        }

        // Content types: defaults by extension, overrides for the rest.
        let mut defaults: BTreeMap<String, String> = BTreeMap::new();
        defaults.insert(
            "rels".into(),
            "application/vnd.openxmlformats-package.relationships+xml".into(),
        );
        defaults.insert("xml".into(), "application/xml".into());
        for (name, _) in &parts {
            let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
            if defaults.contains_key(&ext) || overrides.iter().any(|(p, _)| p == name) {
                continue;
            }
            let ct = match &self.template {
                Some(t) => t.content_type(name),
                None => crate::mime::image_of(&format!(".{ext}"))
                    .unwrap_or("application/octet-stream")
                    .to_string(),
            };
            defaults.insert(ext, ct);
        }
        let mut types = String::from(XML_HEAD);
        types.push_str(
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
        );
        for (ext, ct) in &defaults {
            put(
                &mut types,
                format_args!(
                    "<Default Extension=\"{}\" ContentType=\"{}\"/>",
                    esc(ext),
                    esc(ct)
                ),
            );
        }
        for (p, ct) in &overrides {
            put(
                &mut types,
                format_args!(
                    "<Override PartName=\"/{}\" ContentType=\"{}\"/>",
                    esc(p),
                    esc(ct)
                ),
            );
        }
        types.push_str("</Types>");

        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        let zerr = |e: zip::result::ZipError| Error::Setup(format!("writing the .pptx: {e}"));
        let ioerr = |e: std::io::Error| Error::Setup(format!("writing the .pptx: {e}"));
        zip.start_file("[Content_Types].xml", opts).map_err(zerr)?;
        zip.write_all(types.as_bytes()).map_err(ioerr)?;
        for (name, bytes) in &parts {
            zip.start_file(name.as_str(), opts).map_err(zerr)?;
            zip.write_all(bytes).map_err(ioerr)?;
        }
        zip.set_comment(CREATOR).map_err(zerr)?;
        let cursor = zip.finish().map_err(zerr)?;
        Ok(cursor.into_inner())
    }
}

const GROUP: &str = "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

/// `<p:sp>` up to and including `<p:txBody>`.
fn sp_open(out: &mut String, id: usize, name: &str, ph: &str, xfrm: &str, fill: Option<&str>) {
    let (locks, nvpr) = if ph.is_empty() {
        (
            "<p:cNvSpPr txBox=\"1\"/>".to_string(),
            "<p:nvPr/>".to_string(),
        )
    } else {
        (
            "<p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>".to_string(),
            format!("<p:nvPr>{ph}</p:nvPr>"),
        )
    };
    let geom = if ph.is_empty() {
        "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
    } else {
        ""
    };
    put(
        out,
        format_args!(
            "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name} {id}\"/>{locks}{nvpr}</p:nvSpPr><p:spPr>{xfrm}{geom}{}</p:spPr><p:txBody>",
            fill.unwrap_or("")
        ),
    );
}

#[allow(clippy::too_many_arguments)]
fn table_xml(
    out: &mut String,
    pen: &Pen<'_>,
    id: usize,
    box_: &Rect,
    rows: &[Vec<Vec<Run>>],
    head: usize,
    px: f64,
    align: &[Option<&'static str>],
    rels: &mut Rels,
) {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let (px_ws, _) = super::text::table_geometry(rows, px, box_.w);
    let col_ws: Vec<i64> = px_ws.iter().map(|w| pen.x(*w)).collect();
    // Rows one line tall: each grows to its text, so the table takes the
    // height the layout measured, not more.
    let row_h = pen.y(px * 1.3 + 2.0 * super::text::CELL_PAD_Y * px);
    put(
        out,
        format_args!(
            "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"{id}\" name=\"Table {id}\"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></p:xfrm><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"{}\" bandRow=\"1\"/><a:tblGrid>",
            pen.x(box_.x),
            pen.y(box_.y),
            col_ws.iter().sum::<i64>(),
            pen.y(box_.h),
            u8::from(head > 0)
        ),
    );
    for w in &col_ws {
        put(out, format_args!("<a:gridCol w=\"{w}\"/>"));
    }
    out.push_str("</a:tblGrid>");
    let (my, mx) = (super::text::CELL_PAD_Y * px, super::text::CELL_PAD_X * px);
    let edges: String = ["lnL", "lnR", "lnT", "lnB"]
        .iter()
        .map(|t| {
            format!(
                "<a:{t} w=\"9525\"><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill></a:{t}>",
                pen.look.border
            )
        })
        .collect();
    for (r, row) in rows.iter().enumerate() {
        put(out, format_args!("<a:tr h=\"{row_h}\">"));
        for c in 0..cols {
            let mut p = Para::new(px);
            p.runs = row.get(c).cloned().unwrap_or_default();
            p.bold = r < head;
            p.align = align.get(c).copied().flatten();
            out.push_str("<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>");
            pen.para(out, &p, 1.3, false, false, rels);
            let fill = if r < head {
                format!(
                    "<a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill>",
                    pen.look.code_bg
                )
            } else if r % 2 == 0 {
                format!(
                    "<a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill>",
                    pen.look.stripe
                )
            } else {
                "<a:noFill/>".to_string()
            };
            put(
                out,
                format_args!(
                    "</a:txBody><a:tcPr marL=\"{0}\" marR=\"{0}\" marT=\"{1}\" marB=\"{1}\">{edges}{fill}</a:tcPr></a:tc>",
                    pen.x(mx),
                    pen.y(my),
                ),
            );
        }
        out.push_str("</a:tr>");
    }
    out.push_str("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
}

fn theme_xml(look: &Look) -> String {
    let srgb = |c: &str| format!("<a:srgbClr val=\"{c}\"/>");
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    let ln = "<a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>";
    format!(
        "{XML_HEAD}<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"notedeck\"><a:themeElements><a:clrScheme name=\"notedeck\"><a:dk1>{fg}</a:dk1><a:lt1>{bg}</a:lt1><a:dk2>{heading}</a:dk2><a:lt2>{code_bg}</a:lt2><a:accent1>{accent}</a:accent1><a:accent2>{kw}</a:accent2><a:accent3>{func}</a:accent3><a:accent4>{ty}</a:accent4><a:accent5>{num}</a:accent5><a:accent6>{muted}</a:accent6><a:hlink>{link}</a:hlink><a:folHlink>{link}</a:folHlink></a:clrScheme><a:fontScheme name=\"notedeck\"><a:majorFont><a:latin typeface=\"{hf}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont><a:minorFont><a:latin typeface=\"{bf}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme><a:fmtScheme name=\"notedeck\"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst><a:lnStyleLst>{ln}{ln}{ln}</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>",
        fg = srgb(&look.fg),
        bg = srgb(&look.bg),
        heading = srgb(&look.heading),
        code_bg = srgb(&look.code_bg),
        accent = srgb(&look.accent),
        kw = srgb(look.hl.get("keyword").map_or("B3261E", String::as_str)),
        func = srgb(look.hl.get("function").map_or("6639BA", String::as_str)),
        ty = srgb(look.hl.get("type").map_or("953800", String::as_str)),
        num = srgb(look.hl.get("number").map_or("0550AE", String::as_str)),
        muted = srgb(&look.muted),
        link = srgb(&look.link),
        hf = esc(&look.font_heading),
        bf = esc(&look.font_body),
    )
}

const CLR_MAP: &str = "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>";

fn ph_sp(id: usize, name: &str, ph: &str, xfrm: &str) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>{xfrm}</p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang=\"en-US\"/></a:p></p:txBody></p:sp>"
    )
}

fn master_xml(look: &Look) -> String {
    let c = &look.canvas;
    let xf = |x: f64, y: f64, w: f64, h: f64| {
        format!(
            "<a:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>",
            super::emu(x),
            super::emu(y),
            super::emu(w),
            super::emu(h)
        )
    };
    let title_h = c.h2_px * 1.15 * 2.0;
    let mut levels = String::new();
    for l in 0..9u32 {
        let px = c.body_px * super::text::NESTED_SCALE.powi(l.min(1) as i32);
        let mar = super::text::LIST_PAD * c.body_px * f64::from(l + 1);
        put(
            &mut levels,
            format_args!(
                "<a:lvl{n}pPr marL=\"{}\" indent=\"{}\"><a:lnSpc><a:spcPct val=\"{}\"/></a:lnSpc><a:buFont typeface=\"Arial\"/><a:buChar char=\"•\"/><a:defRPr sz=\"{}\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl{n}pPr>",
                super::emu(mar),
                -super::emu(super::text::LIST_PAD * px),
                (c.line_height * 100_000.0 / 1.2).round() as i64,
                super::centipoints(px),
                n = l + 1
            ),
        );
    }
    format!(
        "{XML_HEAD}<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr val=\"bg1\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>{GROUP}{}{}</p:spTree></p:cSld>{CLR_MAP}<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/><p:sldLayoutId id=\"2147483650\" r:id=\"rId2\"/><p:sldLayoutId id=\"2147483651\" r:id=\"rId3\"/></p:sldLayoutIdLst><p:txStyles><p:titleStyle><a:lvl1pPr><a:lnSpc><a:spcPct val=\"96000\"/></a:lnSpc><a:buNone/><a:defRPr sz=\"{}\" b=\"1\"><a:solidFill><a:schemeClr val=\"tx2\"/></a:solidFill><a:latin typeface=\"+mj-lt\"/></a:defRPr></a:lvl1pPr></p:titleStyle><p:bodyStyle>{levels}</p:bodyStyle><p:otherStyle><a:lvl1pPr><a:defRPr sz=\"{}\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>",
        ph_sp(2, "Title", "<p:ph type=\"title\"/>", &xf(64.0, 48.0, c.width, title_h)),
        ph_sp(
            3,
            "Content",
            "<p:ph type=\"body\" idx=\"1\"/>",
            &xf(64.0, 48.0 + title_h, c.width, c.height - title_h)
        ),
        super::centipoints(c.h2_px),
        super::centipoints(c.body_px),
    )
}

fn layout_xml(kind: LayoutKind) -> String {
    let (ty, name, title, body) = match kind {
        LayoutKind::Title => (
            "title",
            "Title Slide",
            "<p:ph type=\"ctrTitle\"/>",
            "<p:ph type=\"subTitle\" idx=\"1\"/>",
        ),
        LayoutKind::Content => (
            "obj",
            "Title and Content",
            "<p:ph type=\"title\"/>",
            "<p:ph idx=\"1\"/>",
        ),
        LayoutKind::Section => (
            "secHead",
            "Section Header",
            "<p:ph type=\"title\"/>",
            "<p:ph type=\"body\" idx=\"1\"/>",
        ),
    };
    format!(
        "{XML_HEAD}<p:sldLayout {NS} type=\"{ty}\" preserve=\"1\"><p:cSld name=\"{name}\"><p:spTree>{GROUP}{}{}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>",
        ph_sp(2, "Title", title, ""),
        ph_sp(3, "Content", body, ""),
    )
}

fn notes_master_xml() -> String {
    format!(
        "{XML_HEAD}<p:notesMaster {NS}><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg><p:spTree>{GROUP}{}{}</p:spTree></p:cSld>{CLR_MAP}<p:notesStyle><a:lvl1pPr><a:defRPr sz=\"1200\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:notesStyle></p:notesMaster>",
        ph_sp(
            2,
            "Slide Image",
            "<p:ph type=\"sldImg\" idx=\"2\"/>",
            "<a:xfrm><a:off x=\"381000\" y=\"685800\"/><a:ext cx=\"6096000\" cy=\"3429000\"/></a:xfrm>"
        )
        .replace("<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang=\"en-US\"/></a:p></p:txBody>", ""),
        ph_sp(
            3,
            "Notes",
            "<p:ph type=\"body\" idx=\"1\"/>",
            "<a:xfrm><a:off x=\"685800\" y=\"4343400\"/><a:ext cx=\"5486400\" cy=\"4114800\"/></a:xfrm>"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve_against_their_part() {
        assert_eq!(
            resolve(
                "ppt/slideMasters/slideMaster1.xml",
                "../slideLayouts/slideLayout2.xml"
            ),
            "ppt/slideLayouts/slideLayout2.xml"
        );
        assert_eq!(
            resolve("ppt/presentation.xml", "slideMasters/m.xml"),
            "ppt/slideMasters/m.xml"
        );
        assert_eq!(resolve("ppt/presentation.xml", "/ppt/x.xml"), "ppt/x.xml");
        assert_eq!(
            rels_name("ppt/slides/slide1.xml"),
            "ppt/slides/_rels/slide1.xml.rels"
        );
    }

    #[test]
    fn tags_and_attributes() {
        let xml = r#"<p:sldMasterIdLst><p:sldMasterId id="7" r:id="rId1"/></p:sldMasterIdLst>"#;
        let t = tags(xml, "p:sldMasterId");
        assert_eq!(t.len(), 1);
        assert_eq!(attr(t[0], "id").as_deref(), Some("7"));
        assert_eq!(attr(t[0], "r:id").as_deref(), Some("rId1"));
    }
}
