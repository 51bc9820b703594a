//! Measures laid-out slides in a real browser: the one copy of the probe
//! used by the layout calibration test and `bench/layout-quality`.
//! Browser-agnostic: callers pass the page's `eval`.

#![allow(dead_code)]

use serde_json::Value;

/// One slide as Chromium laid it out at 1280×720, at scale 1.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    pub title: bool,
    /// The runtime's shrink factor (1 = untouched).
    pub fit: f64,
    /// The runtime gave up shrinking and let it scroll.
    pub overflow: bool,
    /// Heading block (with its margin) and body heights, px.
    pub heading: f64,
    pub body: f64,
    /// Content height over the height inside the padding.
    pub fill: f64,
    /// The height inside the padding, px.
    pub avail: f64,
    /// Distinct text line boxes in the body (images count by height).
    pub lines: usize,
    /// The body's font size, px (0 without a body).
    pub body_px: f64,
    /// Where the content ends, as a share of the slide's height.
    pub end: f64,
}

/// Walks every slide: reads the runtime's verdict, then resets the fit and
/// measures natural sizes. Returns a JSON array (see [`parse`]).
pub const PROBE_JS: &str = r#"(() => {
  const out = [];
  for (const s of document.querySelectorAll('.deck > .slide')) {
    const fit = parseFloat(s.dataset.fit || '1');
    const overflow = !!s.dataset.overflow;
    const c = s.querySelector('.slide-content');
    c.style.setProperty('--nd-fit', '1');
    const sr = s.getBoundingClientRect();
    const k = sr.width / s.offsetWidth || 1;
    const cs = getComputedStyle(c);
    const padT = parseFloat(cs.paddingTop), padB = parseFloat(cs.paddingBottom);
    const top = sr.top / k + padT;
    const avail = s.offsetHeight - padT - padB;
    const h = s.querySelector('.slide-heading');
    const b = s.querySelector('.slide-body');
    let heading = 0, body = 0, bottom = top;
    if (h) {
      const r = h.getBoundingClientRect();
      heading = r.height / k + parseFloat(getComputedStyle(h).marginBottom);
      bottom = Math.max(bottom, r.bottom / k);
    }
    let lines = 0;
    if (b && b.children.length) {
      const kids = [...b.children];
      const r0 = kids[0].getBoundingClientRect();
      let last = r0.top / k;
      for (const e of kids) last = Math.max(last, e.getBoundingClientRect().bottom / k);
      body = last - r0.top / k;
      bottom = Math.max(bottom, last);
      const tops = new Set();
      const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      while (walker.nextNode()) {
        const n = walker.currentNode;
        if (!n.textContent.trim() || n.parentElement.closest('.notes,annotation,.katex-mathml')) continue;
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top / k / 4));
      }
      lines = tops.size;
      const lh = parseFloat(getComputedStyle(b).lineHeight) || 40;
      for (const m of b.querySelectorAll('img,svg')) lines += Math.round(m.getBoundingClientRect().height / k / lh);
    } else if (s.classList.contains('slide-title')) {
      for (const e of c.children) bottom = Math.max(bottom, e.getBoundingClientRect().bottom / k);
    }
    if (s.classList.contains('slide-title')) {
      const first = c.firstElementChild;
      const t = first ? first.getBoundingClientRect().top / k : top;
      heading = bottom - t; body = 0;
    }
    c.style.removeProperty('--nd-fit');
    if (fit !== 1) c.style.setProperty('--nd-fit', String(fit));
    out.push({title: s.classList.contains('slide-title'), fit, overflow, heading, body,
      fill: (heading + body) / avail, avail, lines, bodyPx: b ? parseFloat(getComputedStyle(b).fontSize) : 0,
      end: (bottom - sr.top / k) / s.offsetHeight});
  }
  return JSON.stringify(out);
})()"#;

/// The font size of the slide counter (the footer), px on the canvas.
pub const FOOTER_JS: &str = "(() => { const e = document.querySelector('.nd-counter'); return e ? parseFloat(getComputedStyle(e).fontSize) : 0; })()";

/// True once the runtime has fitted every slide (fonts loaded).
pub const READY_JS: &str = "document.readyState === 'complete' && document.fonts.status === 'loaded' && document.querySelectorAll('.deck > .slide').length > 0 && [...document.querySelectorAll('.deck > .slide')].every(s => s.dataset.fit)";

pub fn parse(v: &Value) -> Vec<Measured> {
    let arr: Vec<Value> = v
        .as_str()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    arr.iter()
        .map(|m| Measured {
            title: m["title"].as_bool().unwrap_or(false),
            fit: m["fit"].as_f64().unwrap_or(1.0),
            overflow: m["overflow"].as_bool().unwrap_or(false),
            heading: m["heading"].as_f64().unwrap_or(0.0),
            body: m["body"].as_f64().unwrap_or(0.0),
            fill: m["fill"].as_f64().unwrap_or(0.0),
            avail: m["avail"].as_f64().unwrap_or(1.0),
            lines: m["lines"].as_u64().unwrap_or(0) as usize,
            body_px: m["bodyPx"].as_f64().unwrap_or(0.0),
            end: m["end"].as_f64().unwrap_or(0.0),
        })
        .collect()
}
