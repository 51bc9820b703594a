//! A slide's look from other tools' decks (see `deck::SlideLook`): click
//! steps and columns become wrappers around the sanitized fragments of
//! the blocks they hold; the background image goes through the one image
//! resolver. The wrappers are notedeck's own markup, never the notes'.

use super::html::{blocks_html_in, RenderCtx};
use crate::deck::{BgSide, SlideLook};
use crate::outline::{Block, Item};
use crate::services::escape::escape;
use crate::services::images::Image;
use crate::services::images::{clip, image_problem};
use crate::services::sanitize::is_safe_url;

/// Whether [`body_html`] wraps nothing: the body is its blocks' HTML.
pub fn unwrapped(look: &SlideLook) -> bool {
    look.steps.is_empty() && look.columns.is_none() && look.fit_text.is_empty()
}

/// The body of a slide with its steps and columns.
pub fn body_html(blocks: &[Block], look: &SlideLook, ctx: &RenderCtx) -> String {
    let Some(cols) = look.columns else {
        return steps_html(blocks, look, ctx);
    };
    let (left, right) = crate::deck::split_columns(blocks, cols.right);
    if left.is_empty() || right.is_empty() {
        // Nothing on one side (a remark title column): one column.
        return steps_html(blocks, look, ctx);
    }
    // Widths other than halves as `fr` shares: after the gap, as layout
    // measures them (`Columns::px`).
    let style = match cols.widths {
        [50, 50] => String::new(),
        [l, r] => format!(" style=\"grid-template-columns:minmax(0,{l}fr) minmax(0,{r}fr)\""),
    };
    format!(
        "<div class=\"nd-cols\"{style}><div class=\"nd-col\">{}</div><div class=\"nd-col\">{}</div></div>",
        steps_html(&left, look, ctx),
        steps_html(&right, look, ctx)
    )
}

/// Blocks, those in a step wrapped as one (`data-step`: the click that
/// shows them). A list reaching into steps is cut between its items.
fn steps_html(blocks: &[Block], look: &SlideLook, ctx: &RenderCtx) -> String {
    if look.steps.is_empty() {
        return fitted_html(blocks, look, ctx);
    }
    let mut out = String::new();
    let mut run: Vec<Block> = Vec::new();
    let mut run_step: Option<String> = None;
    let flush = |run: &mut Vec<Block>, step: &Option<String>, out: &mut String| {
        if run.is_empty() {
            return;
        }
        let html = fitted_html(run, look, ctx);
        match step {
            Some(k) => out.push_str(&format!(
                "<div class=\"nd-step\" data-step=\"{k}\">{html}</div>"
            )),
            None => out.push_str(&html),
        }
        run.clear();
    };
    for (piece, step) in pieces(blocks, look) {
        if step != run_step {
            flush(&mut run, &run_step, &mut out);
            run_step = step;
        }
        run.push(piece);
    }
    flush(&mut run, &run_step, &mut out);
    out
}

/// Blocks, each run of those in one `::: {.r-fit-text}` div wrapped for
/// the runtime to grow (`runtime.js` `fitTitle`).
fn fitted_html(blocks: &[Block], look: &SlideLook, ctx: &RenderCtx) -> String {
    if look.fit_text.is_empty() {
        return blocks_html_in(blocks, ctx);
    }
    let fit_of = |b: &Block| {
        let at = b.lines().start;
        look.fit_text
            .iter()
            .position(|l| (l.start..=l.end).contains(&at))
    };
    let mut out = String::new();
    let mut i = 0;
    while i < blocks.len() {
        let k = fit_of(&blocks[i]);
        let j = i + blocks[i..].iter().take_while(|b| fit_of(b) == k).count();
        let html = blocks_html_in(&blocks[i..j], ctx);
        match k {
            Some(_) => out.push_str(&format!("<div class=\"nd-fit-text\">{html}</div>")),
            None => out.push_str(&html),
        }
        i = j;
    }
    out
}

/// Each block with the click that shows it (`2`, or `2.3` for the third
/// item of a `<v-clicks>` step); a list whose items fall in different
/// clicks is cut into one list per run of items.
fn pieces(blocks: &[Block], look: &SlideLook) -> Vec<(Block, Option<String>)> {
    let mut out = Vec::new();
    for b in blocks {
        let Block::List {
            start,
            items,
            lines,
        } = b
        else {
            let click = look
                .step_of(b.lines().start)
                .map(|(k, _)| (k + 1).to_string());
            out.push((b.clone(), click));
            continue;
        };
        let whole = look.step_of(lines.start);
        let item_step = |i: &Item| look.step_of(i.lines.start).or(whole);
        let mut group: Vec<Item> = Vec::new();
        let mut group_step: Option<(usize, bool)> = None;
        let mut first = 0usize;
        let mut push = |group: &mut Vec<Item>, step: Option<(usize, bool)>, first: usize| {
            let click = step.map(|(k, each)| {
                if each {
                    format!("{}.{}", k + 1, first + 1)
                } else {
                    (k + 1).to_string()
                }
            });
            if group.is_empty() {
                return;
            }
            let lines = group
                .iter()
                .map(|i| i.lines)
                .reduce(|a, b| a.join(b))
                .unwrap_or(*lines);
            out.push((
                Block::List {
                    start: start.map(|s| s + first as u64),
                    items: std::mem::take(group),
                    lines,
                },
                click,
            ));
        };
        for (n, item) in items.iter().enumerate() {
            let s = item_step(item);
            if s != group_step || s.is_some_and(|(_, each)| each) {
                push(&mut group, group_step, first);
                group_step = s;
                first = n;
            }
            group.push(item.clone());
        }
        push(&mut group, group_step, first);
    }
    out
}

/// Attributes for the slide's `<section>`: the background colour (a
/// checked CSS colour, see `parse::tools`), a fitted title, a smaller
/// body, centring.
pub fn section_attrs(look: &SlideLook) -> String {
    let mut a = String::new();
    let mut style = Vec::new();
    if let Some(c) = look.background.as_ref().and_then(|b| b.color.as_ref()) {
        style.push(format!("--nd-slide-bg: {c}"));
    }
    if let Some(c) = &look.text_color {
        style.push(format!("--nd-fg: {c}; --nd-heading: {c}; --nd-muted: {c}"));
    }
    if !style.is_empty() {
        a.push_str(&format!(" style=\"{}\"", escape(&style.join("; "))));
    }
    if let Some(bg) = &look.background {
        if bg.image.is_some() {
            let side = match bg.side {
                BgSide::Full => "full",
                BgSide::Left => "left",
                BgSide::Right => "right",
            };
            a.push_str(&format!(" data-bg=\"{side}\""));
        }
    }
    if look.fit_title {
        a.push_str(" data-fit-title=\"\"");
    }
    if look.smaller {
        a.push_str(" data-smaller=\"\"");
    }
    if look.center {
        a.push_str(" data-center=\"\"");
    }
    a
}

/// The background image, embedded; nothing (and the usual warning) when
/// it cannot be.
pub fn background_html(look: &SlideLook, ctx: &RenderCtx) -> String {
    let Some((url, line)) = look
        .background
        .as_ref()
        .and_then(|b| Some((b.image.as_deref()?, b.line)))
    else {
        return String::new();
    };
    // The one image rule: the project's cap, and the file recorded for the watcher.
    let loaded = super::html::load_image(url, ctx);
    match loaded {
        Image::Inline(uri) if is_safe_url(&uri, true) => format!(
            "<div class=\"nd-bg\" aria-hidden=\"true\"><img src=\"{}\" alt=\"\"></div>",
            escape(&uri)
        ),
        other => {
            if let Some(msg) = image_problem(&other, &clip(url)) {
                ctx.warn(
                    line,
                    format!("background {msg}; the slide shows without it"),
                );
            }
            String::new()
        }
    }
}
