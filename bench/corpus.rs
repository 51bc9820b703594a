//! Deterministic benchmark corpus: talks that look like the user's notes
//! (`## Title`, nested `*` bullets, long-ish items, the odd link, code
//! span and `Notes:` line). Shared by `benches/build.rs` and the
//! `bench/floor` crate's `gen` binary through `#[path]`, so both measure
//! the same bytes.

/// Tiny xorshift generator: same seed, same corpus, on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "rust", "memory", "safety", "async", "runtime", "tokio", "crate", "compiler", "borrow", "checker",
    "latency", "tail", "p99", "migration", "rewrite", "interop", "ffi", "c++", "kernel", "driver",
    "embedded", "no-std", "firmware", "team", "adoption", "tooling", "cargo", "clippy", "miri",
    "unsafe", "api", "surface", "module", "benchmark", "profile", "flamegraph", "allocation",
    "throughput", "service", "cloud", "vm", "hypervisor", "isolation", "wasm", "guest", "host",
    "build", "times", "incremental", "caching", "tests", "fuzzing", "reliability", "cold", "start",
    "experts", "beginners", "learning", "teaching", "content", "production", "outage", "on-call",
    "metrics", "tracing", "logging", "codegen", "macros", "traits", "generics", "lifetimes",
    "the", "a", "with", "for", "is", "was", "from", "into", "when", "not", "very", "really",
    "pretty", "good", "hard", "easy", "slow", "fast", "big", "small", "new", "old", "existing",
];

#[rustfmt::skip]
const TITLES: &[&str] = &[
    "Keynote", "Async", "Embedded", "Adoption", "Rewrite", "Tooling", "Compiler", "Safety",
    "Networking", "Databases", "Game Dev", "WebAssembly", "Kernel", "Cloud", "Testing", "Macros",
    "Performance", "Interop", "Security", "Lightning Talks",
];

fn phrase(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = min + rng.below(max - min + 1);
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        let w = rng.pick(WORDS);
        match rng.below(40) {
            0 => {
                s.push('`');
                s.push_str(w);
                s.push('`');
            }
            1 => {
                s.push_str("**");
                s.push_str(w);
                s.push_str("**");
            }
            2 => {
                s.push('[');
                s.push_str(w);
                s.push_str("](https://example.com/");
                s.push_str(w);
                s.push(')');
            }
            3 if i == 0 => {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    s.extend(f.to_uppercase());
                    s.push_str(c.as_str());
                }
            }
            _ => s.push_str(w),
        }
    }
    s
}

fn bullets(rng: &mut Rng, out: &mut String, depth: usize, budget: &mut isize) {
    let n = if depth == 0 {
        3 + rng.below(4)
    } else {
        1 + rng.below(3)
    };
    for _ in 0..n {
        if *budget <= 0 {
            return;
        }
        let item = phrase(rng, 3, 16);
        *budget -= item.len() as isize;
        out.push_str(&"  ".repeat(depth));
        out.push_str("* ");
        out.push_str(&item);
        out.push('\n');
        if depth < 3 && rng.below(100) < [55, 35, 15][depth] {
            bullets(rng, out, depth + 1, budget);
        }
    }
}

/// One talk: `## Title` and nested bullets, about 600 bytes.
pub fn talk(rng: &mut Rng, n: usize) -> String {
    let mut out = format!("## {} {}\n\n", rng.pick(TITLES), n);
    let mut budget: isize = 430 + rng.below(120) as isize;
    while budget > 0 {
        bullets(rng, &mut out, 0, &mut budget);
    }
    if rng.below(5) == 0 {
        out.push_str("\nNotes: ");
        out.push_str(&phrase(rng, 6, 14));
        out.push('\n');
    }
    out.push('\n');
    out
}

/// `talks` talks in `files` notes files (`day-NN.md`, each with an `# H1`),
/// as (file name, contents).
pub fn corpus(talks: usize, files: usize) -> Vec<(String, String)> {
    let mut rng = Rng::new(2025);
    let per = talks.div_ceil(files.max(1));
    let mut out = Vec::new();
    let mut n = 0;
    for f in 0..files {
        let mut text = format!(
            "# Day {:02}\n\nhttps://example.com/schedule/day-{:02}\n\n",
            f + 1,
            f + 1
        );
        for _ in 0..per {
            if n == talks {
                break;
            }
            n += 1;
            text.push_str(&talk(&mut rng, n));
        }
        out.push((format!("day-{:02}.md", f + 1), text));
    }
    out
}

/// One talk with `n` flat bullets (the layout stress case).
pub fn huge_talk(n: usize) -> String {
    let mut rng = Rng::new(7);
    let mut out = String::from("# Big\n\n## Many bullets\n\n");
    for _ in 0..n {
        out.push_str("* ");
        out.push_str(&phrase(&mut rng, 3, 10));
        out.push('\n');
    }
    out
}
