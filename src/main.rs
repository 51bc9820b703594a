use clap::Parser;

fn main() -> std::process::ExitCode {
    notedeck::cli::run(notedeck::cli::Cli::parse())
}
