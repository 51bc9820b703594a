//! `cargo bench`: the user's notes, a generated 1,000-talk corpus (full
//! build and rebuild after a one-talk edit, through one `Compiler` as
//! `serve` holds it), and layout of a 100,000-bullet talk. All in memory;
//! `bench/compare.sh` times whole processes that write files.

#[path = "../bench/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use notedeck::{BuildOptions, Compiler};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn opts(input: &Path) -> BuildOptions {
    BuildOptions {
        inputs: vec![input.to_path_buf()],
        ..BuildOptions::default()
    }
}

fn write_corpus(dir: &Path, talks: usize, files: usize) -> Vec<PathBuf> {
    corpus::corpus(talks, files)
        .into_iter()
        .map(|(name, text)| {
            let p = dir.join(name);
            std::fs::write(&p, text).expect("write corpus");
            p
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let user = Path::new(env!("CARGO_MANIFEST_DIR")).join("talks");
    c.bench_function("user_notes_build", |b| {
        b.iter(|| black_box(Compiler::new(opts(&user)).build().expect("build")))
    });

    let dir = tempfile::tempdir().expect("tempdir");
    let files = write_corpus(dir.path(), 1000, 10);
    let mut g = c.benchmark_group("corpus_1000");
    g.sample_size(20);
    g.bench_function("full_build", |b| {
        b.iter(|| black_box(Compiler::new(opts(dir.path())).build().expect("build")))
    });

    // One word of one talk flips back and forth; the line count stays,
    // so exactly one deck changes per rebuild.
    let edited = &files[4];
    let original = std::fs::read_to_string(edited).expect("read");
    let at = original.find("\n* ").expect("a bullet") + 3;
    let variants = [
        original.clone(),
        format!("{}EDITED {}", &original[..at], &original[at..]),
    ];
    let mut compiler = Compiler::new(opts(dir.path()));
    compiler.build().expect("warm build");
    let mut flip = 0usize;
    g.bench_function("rebuild_one_talk_edit", |b| {
        b.iter_batched(
            || {
                flip += 1;
                std::fs::write(edited, &variants[flip % 2]).expect("edit");
            },
            |()| {
                let site = compiler.build().expect("rebuild");
                assert_eq!(site.stats.decks_rendered, 1);
                site
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("rebuild_no_change", |b| {
        b.iter(|| black_box(compiler.build().expect("rebuild")))
    });
    g.finish();

    let huge = tempfile::tempdir().expect("tempdir");
    std::fs::write(huge.path().join("huge.md"), corpus::huge_talk(100_000)).expect("write");
    let mut g = c.benchmark_group("layout");
    g.sample_size(10);
    g.bench_function("talk_of_100000_bullets", |b| {
        b.iter(|| {
            black_box(
                Compiler::once(opts(huge.path()))
                    .compile()
                    .expect("compile"),
            )
        })
    });
    g.finish();
}

criterion_group!(build, benches);
criterion_main!(build);
