use clap::Parser;

/// mimalloc rather than glibc's malloc: see its entry in Cargo.toml.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    notedeck::commands::run(notedeck::cli::Cli::parse())
}
