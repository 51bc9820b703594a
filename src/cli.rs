//! Command line: clap definitions only; `commands` runs them.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "Exit codes:
  0  success
  1  build or check errors (with `check --deny-warnings`, warnings too)
  2  usage errors (unknown command, flag or value)";

#[derive(Parser, Debug)]
#[command(
    name = "notedeck",
    version,
    about = "Plain Markdown conference notes in, one self-contained HTML slide deck per talk out",
    after_help = EXIT_CODES
)]
pub struct Cli {
    /// Print errors only: no warnings, no summary
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: each deck written, themes found
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Colour the warning:/error: labels [auto honours NO_COLOR and terminals]
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// Project config file [default: ./notedeck.toml when present]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Keep raw HTML and scripts in the notes (only for notes you trust;
    /// as `allow_html = true` in notedeck.toml, never from front matter)
    #[arg(long, global = true)]
    pub allow_html: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build every talk into a self-contained HTML deck, plus a recap index.
    ///
    /// Example: notedeck build talks -o dist
    ///
    /// Example: notedeck build --single-file recap.html --no-notes
    Build {
        /// Notes files or folders [default: talks]
        inputs: Vec<PathBuf>,
        /// Output folder [default: `[build] output` of notedeck.toml, else dist]
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Theme for every deck (built-in or themes/NAME.css); see `notedeck themes`
        #[arg(long, value_name = "NAME")]
        theme: Option<String>,
        /// Write the whole recap (index and every deck) as ONE HTML file instead of a folder
        #[arg(long, value_name = "FILE", conflicts_with = "output")]
        single_file: Option<PathBuf>,
        /// Leave every speaker note out of the HTML (an audience copy)
        #[arg(long)]
        no_notes: bool,
        /// Keep the team's speaker notes in the reading copy (read.html), which leaves them out by default
        #[arg(long, conflicts_with = "no_notes")]
        with_notes: bool,
        /// Keep running: rebuild whenever the notes change (Ctrl-C to stop)
        #[arg(long, conflicts_with = "single_file")]
        watch: bool,
        /// Poll for changes every MS milliseconds (default 500) with --watch, instead of using native file events:
        /// for network and container filesystems that send none
        #[arg(long, value_name = "MS", num_args = 0..=1, default_missing_value = "500")]
        poll: Option<u64>,
    },
    /// Serve the recap on a local web server; pages reload as you save.
    ///
    /// Pages are built in memory (nothing is written). Example: notedeck serve talks
    Serve {
        /// Notes files or folders [default: talks]
        inputs: Vec<PathBuf>,
        /// Port [default: 4000, or the next free one]
        #[arg(long)]
        port: Option<u16>,
        /// Address to listen on; anything but loopback exposes the recap to the network
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// Open the recap in the default browser
        #[arg(long)]
        open: bool,
        /// Also listen on the LAN and print a URL and QR code per role (presenter, phone remote,
        /// followers), each with its own random token
        #[arg(long)]
        share: bool,
        /// LAN address for --share [default: this machine's address on its default route]
        #[arg(long, value_name = "ADDR", requires = "share")]
        share_addr: Option<String>,
        /// Theme for every deck (built-in or themes/NAME.css)
        #[arg(long, value_name = "NAME")]
        theme: Option<String>,
        /// Poll for changes every MS milliseconds (default 500) instead of using native file events:
        /// for network and container filesystems that send none
        #[arg(long, value_name = "MS", num_args = 0..=1, default_missing_value = "500")]
        poll: Option<u64>,
    },
    /// Show how notes map to decks and slides, without writing anything.
    ///
    /// Example: notedeck outline talks --json
    Outline {
        /// Notes files or folders [default: talks]
        inputs: Vec<PathBuf>,
        /// Print stable JSON instead of a tree
        #[arg(long)]
        json: bool,
    },
    /// Lint notes without writing anything: path:line:col: warning|error: message.
    ///
    /// Exits 1 on errors, or on warnings with --deny-warnings.
    ///
    /// Example: notedeck check talks --deny-warnings
    Check {
        /// Notes files or folders [default: talks]
        inputs: Vec<PathBuf>,
        /// Fail (exit 1) on warnings too
        #[arg(long)]
        deny_warnings: bool,
        /// Output format: text findings on stderr, or JSON on stdout
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List the built-in themes and the project's own, one per line.
    ///
    /// Example: notedeck themes
    /// Example: notedeck themes --print dark > themes/mine.css
    Themes {
        /// Notes files or folders whose themes/ folders count [default: talks]
        inputs: Vec<PathBuf>,
        /// Print every property of theme NAME (as in effect) as a CSS file to start from
        #[arg(long, value_name = "NAME")]
        print: Option<String>,
    },
    /// Print shell completions to stdout.
    ///
    /// Example: notedeck completions bash > ~/.local/share/bash-completion/completions/notedeck
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Create a starter project: notedeck.toml, talks/example.md (and its image), themes/README.md.
    ///
    /// Refuses to overwrite existing files.
    ///
    /// Example: notedeck init my-conference
    Init {
        /// Project folder (created when missing) [default: .]
        dir: Option<PathBuf>,
    },
    /// Export the recap as one PDF, one page per slide, with headless Chromium.
    ///
    /// Example: notedeck pdf talks -o recap.pdf --deck solona
    Pdf {
        /// Notes files or folders [default: talks]
        inputs: Vec<PathBuf>,
        /// The PDF to write
        #[arg(short, long, default_value = "recap.pdf", value_name = "FILE")]
        output: PathBuf,
        /// Only the deck with this slug (see `notedeck outline`)
        #[arg(long, value_name = "SLUG")]
        deck: Option<String>,
        /// Chromium or Chrome executable [default: found on PATH]
        #[arg(long, value_name = "PATH")]
        browser: Option<PathBuf>,
        /// Theme for every deck
        #[arg(long, value_name = "NAME")]
        theme: Option<String>,
        /// Handouts: three slides a page, each with its speaker notes beside it (ruled lines where it has none)
        #[arg(long)]
        handout: bool,
    },
    /// Export the recap show (or one talk) as an editable PowerPoint.
    ///
    /// Slide for slide the cut of the HTML: titles and bullets in real
    /// placeholders, tables, code, images, speaker notes, one section per talk.
    ///
    /// Example: notedeck pptx talks -o recap.pptx --template company.pptx
    Pptx {
        /// Notes files or folders [default: talks]
        inputs: Vec<PathBuf>,
        /// The .pptx to write
        #[arg(short, long, default_value = "recap.pptx", value_name = "FILE")]
        output: PathBuf,
        /// Only the deck with this slug (see `notedeck outline`)
        #[arg(long, value_name = "SLUG")]
        deck: Option<String>,
        /// Take slide masters and layouts (Title Slide, Title and Content, Section Header) from this .pptx
        #[arg(long, value_name = "REF.pptx")]
        template: Option<PathBuf>,
        /// Theme for every deck (its colours, fonts and sizes)
        #[arg(long, value_name = "NAME")]
        theme: Option<String>,
    },
}
