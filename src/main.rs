use clap::Parser;

fn main() -> std::process::ExitCode {
    notedeck::commands::run(notedeck::cli::Cli::parse())
}
