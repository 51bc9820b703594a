use clap::Parser;

// A rebuild allocates and frees thousands of small strings; glibc malloc
// took a fifth of its time (bench/reload.sh, 1,000 talks).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    notedeck::commands::run(notedeck::cli::Cli::parse())
}
