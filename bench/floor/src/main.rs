//! The floor: the least work a notes→decks tool could do. Cuts each input
//! at every `## ` line, runs pulldown-cmark's `push_html` on each talk and
//! writes one file per talk, padded to `--pad` bytes so it writes as many
//! files and bytes as notedeck does.
//!
//! Usage: floor --pad BYTES OUT INPUT.md...

use std::io::Write;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut pad = 0usize;
    if args.first().map(String::as_str) == Some("--pad") {
        pad = args.get(1).and_then(|s| s.parse().ok()).expect("--pad BYTES");
        args.drain(..2);
    }
    let out = std::path::PathBuf::from(args.remove(0));
    std::fs::create_dir_all(&out).expect("create out");
    let opts = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_TASKLISTS
        | pulldown_cmark::Options::ENABLE_FOOTNOTES;
    let mut n = 0usize;
    let mut html = String::new();
    for input in &args {
        let text = std::fs::read_to_string(input).expect("read input");
        let mut starts: Vec<usize> = text.match_indices("\n## ").map(|(i, _)| i + 1).collect();
        if text.starts_with("## ") {
            starts.insert(0, 0);
        }
        for (k, &s) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(text.len());
            html.clear();
            pulldown_cmark::html::push_html(
                &mut html,
                pulldown_cmark::Parser::new_ext(&text[s..end], opts),
            );
            while html.len() < pad {
                html.push(' ');
            }
            n += 1;
            let mut f = std::fs::File::create(out.join(format!("talk-{n}.html"))).expect("create");
            f.write_all(html.as_bytes()).expect("write");
        }
    }
    println!("floor: {n} talks");
}
