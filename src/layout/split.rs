//! Cutting one long block into pieces that each fit a slide: code by
//! lines, tables by rows (the header repeated), quotes between their
//! paragraphs and items. Pieces are balanced (40 lines → 20 + 20).

use super::measure::{table_rows, top_level, Canvas};
use crate::outline::{Block, CodeInfo, Lines, OtherKind};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

/// Pieces of `b` each at most `limit` px high, or `None` when it cannot
/// be cut (one paragraph, one huge row) or need not be.
pub fn split(b: &Block, c: &Canvas, width: f64, limit: f64) -> Option<Vec<Block>> {
    let Block::Other {
        events,
        kind,
        lines,
        ..
    } = b
    else {
        return None;
    };
    let (Some(open), Some(close)) = (events.first(), events.last()) else {
        return None;
    };
    let cut = Cut {
        open,
        close,
        inner: events.get(1..events.len().saturating_sub(1))?,
        lines: *lines,
        c,
        width,
        limit,
    };
    match (kind, open) {
        (OtherKind::Code, Event::Start(Tag::CodeBlock(_))) => code(&cut),
        (OtherKind::Table, Event::Start(Tag::Table(_))) => table(&cut, false),
        (OtherKind::DenseTable, Event::Start(Tag::Table(_))) => table(&cut, true),
        (OtherKind::Quote, Event::Start(Tag::BlockQuote(_))) => quote(&cut),
        _ => None,
    }
}

/// A block to cut: its opening and closing events around what is inside,
/// and the room each piece has.
struct Cut<'a> {
    open: &'a Event<'static>,
    close: &'a Event<'static>,
    inner: &'a [Event<'static>],
    lines: Lines,
    c: &'a Canvas<'a>,
    width: f64,
    limit: f64,
}

/// Groups consecutive sizes into the fewest pieces of at most `limit`,
/// as even as possible (the smallest largest piece): returns the index
/// where each piece starts.
fn balance(sizes: &[f64], limit: f64) -> Vec<usize> {
    let greedy = |cap: f64| {
        let mut starts = vec![0];
        let mut acc = 0.0;
        for (i, s) in sizes.iter().enumerate() {
            if i > 0 && acc + s > cap {
                starts.push(i);
                acc = 0.0;
            }
            acc += s;
        }
        starts
    };
    let pieces = greedy(limit).len();
    let biggest = sizes.iter().copied().fold(0.0, f64::max);
    let (mut lo, mut hi) = (biggest, limit.max(biggest));
    for _ in 0..40 {
        let mid = (lo + hi) / 2.0;
        if greedy(mid).len() <= pieces {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    greedy(hi)
}

fn other(events: Vec<Event<'static>>, kind: OtherKind, lines: Lines) -> Block {
    let text = events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            Event::SoftBreak | Event::HardBreak => Some(" "),
            _ => None,
        })
        .collect();
    Block::Other {
        events,
        text,
        kind,
        lines,
    }
}

fn code(cut: &Cut) -> Option<Vec<Block>> {
    let text: String = cut
        .inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let rows: Vec<&str> = text.split_inclusive('\n').collect();
    let per = cut.c.code_lines_in(cut.limit);
    let (info, width) = match cut.open {
        Event::Start(Tag::CodeBlock(kind)) => (
            match kind {
                CodeBlockKind::Fenced(i) => Some(i),
                CodeBlockKind::Indented => None,
            },
            cut.width - cut.c.code_gutter(kind),
        ),
        _ => (None, cut.width),
    };
    let first_number = info.map_or(1, |i| CodeInfo::parse(i).start);
    // Rows inside a comment or string that began above stay with it (when
    // that still fits), so each piece is highlighted right on its own.
    let inside = info
        .and_then(|i| crate::services::highlight::inside_token(&CodeInfo::parse(i).lang, &text))
        .unwrap_or_default();
    let mut atoms: Vec<(usize, f64)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let size = cut.c.code_lines(r, width) as f64;
        match atoms.last_mut() {
            Some((_, s)) if inside.get(i) == Some(&true) && *s + size <= per as f64 => *s += size,
            _ => atoms.push((i, size)),
        }
    }
    if atoms.is_empty() {
        return None;
    }
    let sizes: Vec<f64> = atoms.iter().map(|a| a.1).collect();
    let starts: Vec<usize> = balance(&sizes, per as f64)
        .into_iter()
        .map(|a| atoms[a].0)
        .collect();
    if starts.len() < 2 {
        return None;
    }
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(rows.len());
        let piece: String = rows[s..e].concat();
        // The fence line, then the piece's own lines.
        let first = cut.lines.start + 1 + s as u32;
        let l = Lines::new(
            if k == 0 { cut.lines.start } else { first },
            (cut.lines.start + e as u32).min(cut.lines.end),
        );
        // A later piece numbers its lines on from the one before (a later
        // `startFrom` wins over the one written).
        let open = match info {
            Some(i) if k > 0 => Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(
                format!("{i} startFrom={}", first_number + s as u64).into(),
            ))),
            _ => cut.open.clone(),
        };
        out.push(other(
            vec![open, Event::Text(CowStr::from(piece)), cut.close.clone()],
            OtherKind::Code,
            l,
        ));
    }
    Some(out)
}

fn table(cut: &Cut, dense: bool) -> Option<Vec<Block>> {
    let parts = top_level(cut.inner);
    let head = parts
        .iter()
        .find(|(s, _)| matches!(cut.inner[*s], Event::Start(Tag::TableHead)))?;
    let body: Vec<(usize, usize)> = parts
        .iter()
        .copied()
        .filter(|(s, _)| matches!(cut.inner[*s], Event::Start(Tag::TableRow)))
        .collect();
    let rows = table_rows(cut.inner);
    let heights = cut
        .c
        .row_heights(&rows, cut.width, cut.c.table_px(cut.c.body_px, dense));
    let head_h = heights.first().copied().unwrap_or(0.0);
    let sizes: Vec<f64> = heights.iter().skip(1).copied().collect();
    if sizes.len() != body.len() {
        return None;
    }
    let starts = balance(&sizes, (cut.limit - head_h).max(1.0));
    if starts.len() < 2 {
        return None;
    }
    let span = cut.lines.end.saturating_sub(cut.lines.start) as usize;
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(body.len());
        let mut ev = vec![cut.open.clone()];
        ev.extend_from_slice(&cut.inner[head.0..head.1]);
        for &(a, b) in &body[s..e] {
            ev.extend_from_slice(&cut.inner[a..b]);
        }
        ev.push(cut.close.clone());
        // Rows are one source line each, after the header and delimiter.
        let l = Lines::new(
            if k == 0 {
                cut.lines.start
            } else {
                cut.lines.start + 2 + s as u32
            },
            (cut.lines.start + 1 + e.min(span) as u32).min(cut.lines.end),
        );
        let kind = if dense {
            OtherKind::DenseTable
        } else {
            OtherKind::Table
        };
        out.push(other(ev, kind, l));
    }
    Some(out)
}

fn quote(cut: &Cut) -> Option<Vec<Block>> {
    let px = cut.c.body_px;
    let w = cut.width - 6.0 - 0.8 * px;
    // Atoms: each top-level child, a list opened up into its items.
    struct Atom {
        events: Vec<Event<'static>>,
        list: Option<(Option<u64>, usize, u64)>,
        h: f64,
    }
    let mut atoms = Vec::new();
    for (li, (s, e)) in top_level(cut.inner).into_iter().enumerate() {
        let part = &cut.inner[s..e];
        if let Some(Event::Start(Tag::List(start))) = part.first() {
            for (k, (a, b)) in top_level(&part[1..part.len() - 1]).into_iter().enumerate() {
                let item = &part[1 + a..1 + b];
                let mut one = vec![Event::Start(Tag::List(*start))];
                one.extend_from_slice(item);
                one.push(Event::End(TagEnd::List(start.is_some())));
                let h = cut.c.events_height(&one, px, w, 0.3);
                atoms.push(Atom {
                    events: item.to_vec(),
                    list: Some((*start, li, k as u64)),
                    h: h + 0.15 * px,
                });
            }
        } else {
            let h = cut.c.events_height(part, px, w, 0.3);
            atoms.push(Atom {
                events: part.to_vec(),
                list: None,
                h: h + 0.3 * px,
            });
        }
    }
    let sizes: Vec<f64> = atoms.iter().map(|a| a.h).collect();
    let starts = balance(&sizes, cut.limit);
    if starts.len() < 2 {
        return None;
    }
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(atoms.len());
        let mut ev = vec![cut.open.clone()];
        let mut open_list: Option<usize> = None;
        for a in &atoms[s..e] {
            match (a.list, open_list) {
                (Some((_, li, _)), Some(o)) if o == li => {}
                (Some((start, li, idx)), _) => {
                    if open_list.is_some() {
                        ev.push(Event::End(TagEnd::List(false)));
                        fix_list_end(&mut ev);
                    }
                    ev.push(Event::Start(Tag::List(start.map(|n| n + idx))));
                    open_list = Some(li);
                }
                (None, Some(_)) => {
                    ev.push(Event::End(TagEnd::List(false)));
                    fix_list_end(&mut ev);
                    open_list = None;
                }
                (None, None) => {}
            }
            ev.extend(a.events.iter().cloned());
        }
        if open_list.is_some() {
            ev.push(Event::End(TagEnd::List(false)));
            fix_list_end(&mut ev);
        }
        ev.push(cut.close.clone());
        let n = starts.len() as u32;
        let span = cut.lines.end.saturating_sub(cut.lines.start) + 1;
        let l = Lines::new(
            cut.lines.start + span * k as u32 / n,
            cut.lines.start + span * (k as u32 + 1) / n - u32::from(k + 1 < starts.len()),
        );
        out.push(other(ev, OtherKind::Quote, l));
    }
    Some(out)
}

/// Makes the list end just pushed match its opening (ordered or not).
fn fix_list_end(ev: &mut [Event<'static>]) {
    let mut depth = 0usize;
    let mut ordered = false;
    for e in ev.iter().rev().skip(1) {
        match e {
            Event::End(TagEnd::List(_)) => depth += 1,
            Event::Start(Tag::List(s)) if depth == 0 => {
                ordered = s.is_some();
                break;
            }
            Event::Start(Tag::List(_)) => depth -= 1,
            _ => {}
        }
    }
    if let Some(last) = ev.last_mut() {
        *last = Event::End(TagEnd::List(ordered));
    }
}
