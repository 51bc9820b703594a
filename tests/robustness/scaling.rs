//! Linear time on the pathological set: each shape is compiled at n and
//! 4n and the CPU time of the compiling thread compared. A ratio, never a
//! wall-clock bound: linear work gives about 4, quadratic about 16.
//! Thread CPU time (not elapsed time) so other processes on a busy
//! machine do not count. Each shape is one talk: a file's talks are laid
//! out on rayon's threads, whose time this thread's would not count.

use crate::common;

use common::compile_text;
use std::sync::Mutex;
use std::time::Duration;

/// Above linear (4) with room for noise, well below quadratic (16).
const MAX_RATIO: f64 = 10.0;

/// One shape measured at a time, so two cases never share a core's cache.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// CPU time of the calling thread.
fn thread_cpu() -> Duration {
    use nix::sys::resource::{getrusage, UsageWho};
    let u = getrusage(UsageWho::RUSAGE_THREAD).expect("getrusage");
    let t = |tv: nix::sys::time::TimeVal| {
        Duration::new(
            u64::try_from(tv.tv_sec()).unwrap_or(0),
            u32::try_from(tv.tv_usec()).unwrap_or(0) * 1000,
        )
    };
    t(u.user_time()) + t(u.system_time())
}

/// The least CPU time of a few compiles of `md` (the least is the one
/// least disturbed), on a thread with a normal 2 MB stack.
fn cpu_time(md: String) -> Duration {
    common::on_small_stack(move || {
        (0..2)
            .map(|_| {
                let start = thread_cpu();
                let (project, _) = compile_text("scale.md", &md);
                assert!(!project.decks.is_empty());
                thread_cpu().saturating_sub(start)
            })
            .min()
            .unwrap_or_default()
    })
}

/// Asserts `make(4n)` costs less than `MAX_RATIO` times `make(n)`, both
/// less the cost of a trivial deck (so the fixed cost of a build cannot
/// hide growth).
fn assert_linear(name: &str, n: usize, make: impl Fn(usize) -> String) {
    assert_linear_within(name, n, MAX_RATIO, make);
}

/// [`assert_linear`] with its own bound.
fn assert_linear_within(name: &str, n: usize, max: f64, make: impl Fn(usize) -> String) {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let base = cpu_time(make(1));
    let small = cpu_time(make(n)).saturating_sub(base);
    let large = cpu_time(make(4 * n)).saturating_sub(base);
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-3);
    eprintln!("{name}: n={n} {small:?}, 4n {large:?}, ×{ratio:.1}");
    assert!(
        ratio < max,
        "{name}: n={n} took {small:?}, 4n took {large:?} (×{ratio:.1}; linear is ×4)"
    );
}

fn in_item(body: String) -> String {
    format!("## Scale\n\n* {body}\n")
}

#[test]
fn nested_square_roots() {
    assert_linear("\\sqrt{ nested", 10_000, |n| {
        in_item(format!("${}x{}$", "\\sqrt{".repeat(n), "}".repeat(n)))
    });
}

#[test]
fn nested_math_groups_of_every_kind() {
    let shapes: [(&str, &str, &str); 4] = [
        ("\\frac{1}{", "x", "}"),
        ("\\left(", "x", "\\right)"),
        ("\\begin{matrix}", "x", "\\end{matrix}"),
        ("\\sqrt[", "x", "]{y}"),
    ];
    for (open, mid, close) in shapes {
        assert_linear(open, 2_000, |n| {
            in_item(format!("${}{mid}{}$", open.repeat(n), close.repeat(n)))
        });
    }
}

#[test]
fn bare_urls_in_one_item() {
    assert_linear("bare URLs", 4_000, |n| {
        in_item(
            (0..n)
                .map(|i| format!("https://ex.com/p{i}"))
                .collect::<Vec<_>>()
                .join(" "),
        )
    });
    assert_linear("http URLs among https", 3_000, |n| {
        in_item(
            (0..n)
                .map(|i| format!("http://ex.com/p{i} https://ex.org/{i}"))
                .collect::<Vec<_>>()
                .join(" "),
        )
    });
}

#[test]
fn a_url_ending_in_closing_brackets() {
    assert_linear("URL + )", 20_000, |n| {
        in_item(format!("https://ex.com/{}", ")".repeat(n)))
    });
}

#[test]
fn text_split_into_many_pieces() {
    // pulldown-cmark hands these over as thousands of text events.
    for piece in ["a <![CDATA[", "[*_a", "a_ "] {
        assert_linear(piece, 10_000, |n| {
            format!("## Scale\n\n{}\n", piece.repeat(n))
        });
    }
}

/// The known quadratic Markdown inputs of the reliability checklist (P5).
#[test]
fn known_quadratic_markdown_inputs() {
    for piece in [
        "[a](<b", "[ (](", "a***", "``\\ ", "[](", "<>", "]([\n", "* ", "> ", "<div>",
    ] {
        assert_linear(piece, 5_000, |n| {
            format!("## Scale\n\n{}a\n", piece.repeat(n))
        });
    }
}

/// Lists and quotes nested tens of thousands deep on one line: each level's
/// column counted from the line's start made these quadratic, which the
/// case above at its size showed only in a release build.
#[test]
fn nesting_deep_on_one_line() {
    // In a debug build here linear gives ×4.5–4.7, the quadratic ×9.3.
    for piece in ["* ", "> ", "1. "] {
        assert_linear_within(piece, 40_000, 7.0, |n| {
            format!("## Scale\n\n{}a\n", piece.repeat(n))
        });
    }
}

/// One warning per line: findings are de-duplicated by hashing, not by
/// comparing each new one with every earlier one.
#[test]
fn twenty_thousand_warnings() {
    assert_linear("missing images", 2_500, |n| {
        let lines: String = (0..n).map(|i| format!("![x](missing{i}.png)\n")).collect();
        format!("## Scale\n\n{lines}")
    });
    assert_linear("remote raw images", 2_500, |n| {
        let lines: String = (0..n)
            .map(|i| format!("a <img src=\"https://t.example/{i}.gif\"> <foo{}>\n", i % 7))
            .collect();
        format!("## Scale\n\n{lines}")
    });
}
