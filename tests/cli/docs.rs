//! The documentation, run: every command line of `README.md` and
//! `docs/*.md` against the built binary, the README's commands table against
//! `--help`, `docs/SUMMARY.md` against the chapters, relative links against
//! the files and headings they name, and the architecture chapter's module
//! tree against `src/`.

use crate::common::{self, Proc};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

/// Lines of fenced `sh`/`console` blocks that are not run, by prefix, each
/// with the reason. A line that is neither runnable (see [`runnable`]) nor
/// listed here fails [`every_documented_command_runs`].
const SKIP: &[(&str, &str)] = &[
    // The suite itself: running it from inside a test would recurse.
    ("cargo test", "the test suite itself"),
    // CI installs packages and runs fmt, clippy and the whole suite.
    (".ci/run", "CI: installs packages, runs the whole suite"),
    // Compiles the crate again in release (minutes) and writes to ~/.cargo.
    ("cargo install", "installs into ~/.cargo/bin"),
    // Benchmarks take minutes each; BENCHMARKS.md records their runs.
    ("cargo bench", "benchmark, minutes"),
    ("bench/", "benchmark script: minutes, npm tools, Chromium"),
    // Fuzzing needs a nightly toolchain and cargo-fuzz, and runs for minutes;
    // the lines around it belong to that recipe (they run inside fuzz/).
    ("cargo +nightly fuzz", "fuzzing: nightly, minutes"),
    ("cd fuzz", "fuzzing recipe"),
    ("mkdir -p corpus/compile", "fuzzing recipe"),
];

/// One command line from a fenced block.
#[derive(Debug, Clone)]
struct DocLine {
    file: String,
    line: usize,
    /// The block it came from (lines of one block share one project).
    block: usize,
    text: String,
}

impl DocLine {
    fn at(&self) -> String {
        format!("{}:{}: {}", self.file, self.line, self.text)
    }
}

fn root() -> PathBuf {
    common::root()
}

/// README.md and every Markdown file in docs/, sorted.
fn doc_files() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md")];
    let mut chapters: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    chapters.sort();
    files.extend(chapters);
    files
}

fn rel(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether `line` opens or closes a code fence; the opener's info string.
fn fence(line: &str) -> Option<&str> {
    let t = line.trim_start();
    t.strip_prefix("```").map(str::trim)
}

/// The command lines of the fenced `sh`, `shell`, `bash` and `console`
/// blocks of `text` (in `console` blocks only the lines after `$ `), with a
/// trailing `\` joining lines.
fn commands_in(file: &str, text: &str, first_block: usize) -> Vec<DocLine> {
    let mut out = Vec::new();
    let mut block: Option<(bool, usize)> = None; // (console?, block number)
    let mut blocks = first_block;
    let mut pending: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        match (&block, fence(line)) {
            (None, Some(info)) => {
                let lang = info.split([' ', ',', '{']).next().unwrap_or("");
                blocks += 1;
                block = match lang {
                    "sh" | "shell" | "bash" => Some((false, blocks)),
                    "console" => Some((true, blocks)),
                    _ => Some((false, usize::MAX)), // another language: not commands
                };
            }
            (Some(_), Some(_)) => block = None,
            (Some((console, n)), None) if *n != usize::MAX => {
                let body = if *console {
                    match line.trim_start().strip_prefix("$ ") {
                        Some(c) => c,
                        None => continue,
                    }
                } else {
                    line.trim()
                };
                let (start, mut joined) = pending.take().unwrap_or((i + 1, String::new()));
                if let Some(head) = body.strip_suffix('\\') {
                    joined.push_str(head);
                    pending = Some((start, joined));
                    continue;
                }
                joined.push_str(body);
                let t = joined.trim();
                if !t.is_empty() && !t.starts_with('#') {
                    out.push(DocLine {
                        file: file.to_string(),
                        line: start,
                        block: *n,
                        text: t.to_string(),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

fn all_commands() -> Vec<DocLine> {
    let mut out = Vec::new();
    for (i, f) in doc_files().iter().enumerate() {
        // Block numbers unique across files: one project per block.
        out.extend(commands_in(&rel(f), &read(f), i * 10_000));
    }
    out
}

/// The command without its trailing ` # comment`, and the exit code the
/// comment documents (`# exits 1`), else 0.
fn split_comment(text: &str) -> (String, i32) {
    match text.split_once(" # ") {
        Some((cmd, comment)) => {
            let code = comment
                .split_whitespace()
                .skip_while(|w| *w != "exits" && *w != "exit")
                .nth(1)
                .and_then(|n| n.trim_end_matches([',', ':', ';']).parse().ok())
                .unwrap_or(0);
            (cmd.trim().to_string(), code)
        }
        None => (text.trim().to_string(), 0),
    }
}

/// The line as the test runs it: `cargo run --release -- ARGS` is the same
/// binary's `notedeck ARGS` (building a release binary inside the test
/// would take minutes; the debug build is the same code). `None` when the
/// line is not one the test can run.
fn runnable(cmd: &str) -> Option<String> {
    let cmd = match cmd.strip_prefix("cargo run --release -- ") {
        Some(args) => format!("notedeck {args}"),
        None => cmd.to_string(),
    };
    ["notedeck ", "mkdir ", "cd "]
        .iter()
        .any(|p| cmd.starts_with(p))
        .then_some(cmd)
}

fn skip_reason(cmd: &str) -> Option<&'static str> {
    if cmd.contains("notedeck ") && cmd.contains(" --open") {
        // Would start the desktop's browser.
        return Some("--open starts a browser");
    }
    SKIP.iter()
        .find(|(prefix, _)| cmd.starts_with(prefix))
        .map(|(_, why)| *why)
}

/// A fresh project: a copy of `talks/`, with `HOME` inside it.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&root().join("talks"), &dir.path().join("talks"));
    std::fs::create_dir_all(dir.path().join("home")).expect("home");
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let p = e.expect("entry").path();
        let dest = to.join(p.file_name().expect("name"));
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).expect("copy");
        }
    }
}

/// `sh -c CMD` in `dir`, with the built notedeck (and the test's Chromium,
/// for `pdf`) first on `PATH`.
fn shell(dir: &Path, cmd: &str) -> Command {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_notedeck"));
    let mut path = vec![bin.parent().expect("bin dir").to_path_buf()];
    if let Some(chromium) = common::browser::chromium_path() {
        path.extend(chromium.parent().map(Path::to_path_buf));
    }
    path.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(cmd)
        .current_dir(dir)
        .env("PATH", std::env::join_paths(path).expect("PATH"))
        .env("HOME", dir.join("home"))
        .env("NO_COLOR", "1");
    c
}

fn describe(o: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Runs `serve` or `build --watch` until it says it is ready (and, for
/// `serve`, answers `GET /` with 200), then stops it.
fn run_long(dir: &Path, cmd: &str) -> Result<(), String> {
    let serve = cmd.contains("notedeck serve");
    let mut proc = Proc::from_command(shell(dir, &format!("exec {cmd}")));
    let ready = if serve { "http://" } else { "watching" };
    let line = proc
        .wait_for(ready, Duration::from_secs(60))
        .ok_or_else(|| format!("never said {ready:?}: {:?}", proc.seen))?;
    if serve {
        let port: u16 = line
            .rsplit_once("127.0.0.1:")
            .and_then(|(_, r)| r.split('/').next())
            .and_then(|p| p.parse().ok())
            .ok_or_else(|| format!("no port in {line:?}"))?;
        let r = common::raw(
            port,
            format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes(),
        );
        if r.status != 200 || !r.body.contains("<html") {
            return Err(format!("GET / answered {}: {}", r.status, r.head));
        }
    }
    if !proc.alive() {
        return Err(format!(
            "exited while it should keep running: {:?}",
            proc.seen
        ));
    }
    Ok(())
}

/// Every command line of the README and docs/ runs in a fresh copy of the
/// example project and exits as documented.
#[test]
fn every_documented_command_runs() {
    let commands = all_commands();
    let mut failures = Vec::new();
    let mut ran = 0;
    let mut projects: BTreeMap<usize, (tempfile::TempDir, PathBuf)> = BTreeMap::new();
    for c in &commands {
        let (cmd, want) = split_comment(&c.text);
        if let Some(why) = skip_reason(&cmd) {
            eprintln!("skipped ({why}): {}", c.at());
            continue;
        }
        let Some(cmd) = runnable(&cmd) else {
            failures.push(format!(
                "{}\n  neither runnable nor on the SKIP list of tests/cli/docs.rs",
                c.at()
            ));
            continue;
        };
        if cmd.contains("notedeck pdf") && common::browser::require_chromium().is_none() {
            continue; // a loud SKIPPED line was printed; CI=true fails instead
        }
        let (_, cwd) = projects.entry(c.block).or_insert_with(|| {
            let p = project();
            let cwd = p.path().to_path_buf();
            (p, cwd)
        });
        // `cd DIR` on a line of its own holds for the rest of the block.
        if let Some(to) = cmd.strip_prefix("cd ").filter(|t| !t.contains(['&', ';'])) {
            let next = cwd.join(to.trim());
            if !next.is_dir() {
                failures.push(format!("{}\n  no folder {}", c.at(), next.display()));
            }
            *cwd = next;
            continue;
        }
        ran += 1;
        if cmd.contains("notedeck serve") || cmd.contains("--watch") {
            if let Err(e) = run_long(cwd, &cmd) {
                failures.push(format!("{}\n  {e}", c.at()));
            }
            continue;
        }
        let out = shell(cwd, &cmd).output().expect("run sh");
        if out.status.code() != Some(want) {
            failures.push(format!(
                "{}\n  expected exit {want}, got {}",
                c.at(),
                describe(&out)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} documented command(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(
        ran >= 15,
        "only {ran} commands ran: is the block extraction broken?"
    );
}

/// The extraction itself: fences, `console` prompts, continuations,
/// comments and documented exit codes.
#[test]
fn command_extraction_reads_fences_prompts_and_exit_codes() {
    let text = "text\n```sh\nnotedeck build   # builds\n\nnotedeck check \\\n  --deny-warnings # exits 1\n```\n\
                ```markdown\nnotedeck not a command\n```\n```console\n$ notedeck outline\noutput line\n```\n";
    let got: Vec<(usize, String)> = commands_in("x.md", text, 0)
        .into_iter()
        .map(|c| (c.line, c.text))
        .collect();
    assert_eq!(
        got,
        [
            (3, "notedeck build   # builds".to_string()),
            (5, "notedeck check --deny-warnings # exits 1".to_string()),
            (12, "notedeck outline".to_string()),
        ]
    );
    assert_eq!(
        split_comment("notedeck build   # builds"),
        ("notedeck build".into(), 0)
    );
    assert_eq!(
        split_comment("notedeck check --deny-warnings  # exits 1: two warnings"),
        ("notedeck check --deny-warnings".into(), 1)
    );
    assert_eq!(
        runnable("cargo run --release -- build").as_deref(),
        Some("notedeck build")
    );
    assert_eq!(runnable("rm -rf /"), None);
    assert!(skip_reason("notedeck serve --open").is_some());
    assert!(skip_reason("cargo test").is_some());
}

/// The README's quick start holds the two commands a newcomer runs.
#[test]
fn readme_starts_with_the_quick_start() {
    let readme = read(&root().join("README.md"));
    let first_section = readme
        .lines()
        .find(|l| l.starts_with("## "))
        .expect("a section");
    assert_eq!(first_section, "## Quick start");
    let quick: Vec<_> = commands_in("README.md", &readme, 0)
        .into_iter()
        .take(2)
        .map(|c| split_comment(&c.text).0)
        .collect();
    assert_eq!(quick, ["cargo run --release -- build", "cargo test"]);
    let lines = readme.lines().count();
    assert!(
        lines <= 160,
        "README.md is {lines} lines; move reference to docs/"
    );
}

/// The README's example notes make the deck it names: a title slide and
/// one of bullets, with the `Note:` as that slide's speaker note.
#[test]
fn readme_example_notes_make_the_deck_it_names() {
    let readme = read(&root().join("README.md"));
    let notes = readme
        .split("```markdown\n")
        .nth(1)
        .and_then(|t| t.split("```").next())
        .expect("a ```markdown block in README.md");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("talks")).expect("talks/");
    std::fs::write(dir.path().join("talks/notes.md"), notes).expect("write notes");
    let o = Command::new(env!("CARGO_BIN_EXE_notedeck"))
        .args(["outline", "--json"])
        .current_dir(dir.path())
        .output()
        .expect("notedeck outline");
    assert!(o.status.success(), "{}", describe(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let decks = json["decks"].as_array().expect("decks");
    assert_eq!(decks.len(), 1, "{json}");
    let deck = &decks[0];
    assert_eq!(deck["path"], "day-one/rust-adoption-at-amazon.html");
    assert_eq!(deck["group"], "Day One");
    let slides = deck["slides"].as_array().expect("slides");
    assert_eq!(slides.len(), 2, "{json}");
    assert_eq!(slides[1]["notes"], "ask who has shipped Rust at work.");
    assert!(readme.contains(&format!("`{}`", "day-one/rust-adoption-at-amazon.html")));
}

/// Each row of the README's commands table names a real command and only
/// flags its `--help` lists; every command of `notedeck --help` has a row.
#[test]
fn commands_table_matches_help() {
    let help = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_notedeck"))
            .args(args)
            .output()
            .expect("notedeck --help");
        assert!(o.status.success(), "{args:?}: {}", describe(&o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let readme = read(&root().join("README.md"));
    let mut in_table = BTreeSet::new();
    for row in readme.lines().filter(|l| l.starts_with("| `notedeck ")) {
        let cell = row
            .trim_start_matches("| `")
            .split('`')
            .next()
            .expect("first cell");
        let mut words = cell.split_whitespace().skip(1);
        let cmd = words.next().expect("a command");
        in_table.insert(cmd.to_string());
        // The flags `--help` defines: the leading words of its option lines.
        let defined: BTreeSet<String> = help(&[cmd, "--help"])
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with('-'))
            .flat_map(|l| {
                l.split_whitespace()
                    .take_while(|w| w.starts_with('-'))
                    .map(|w| w.trim_end_matches(',').to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        for flag in cell
            .split([' ', '[', ']', '|', '\\'])
            .filter(|w| w.starts_with('-'))
        {
            assert!(
                defined.contains(flag),
                "README row `{cell}`: `notedeck {cmd} --help` has no {flag} (it has {defined:?})"
            );
        }
    }
    let top = help(&["--help"]);
    let listed: BTreeSet<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect();
    assert!(listed.len() >= 8, "commands in --help: {listed:?}");
    assert_eq!(in_table, listed, "README commands table vs notedeck --help");
}

/// `docs/SUMMARY.md` is an mdBook summary listing every chapter in docs/,
/// each titled as its first heading.
#[test]
fn summary_lists_every_chapter() {
    let docs = root().join("docs");
    let summary = read(&docs.join("SUMMARY.md"));
    assert_eq!(summary.lines().next(), Some("# Summary"));
    let mut listed = BTreeSet::new();
    for line in summary.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let entry = line
            .trim_start()
            .strip_prefix("- [")
            .unwrap_or_else(|| panic!("docs/SUMMARY.md: `{line}` is not `- [Title](file.md)`"));
        let (title, rest) = entry.split_once("](").expect("](");
        let file = rest.strip_suffix(')').expect("closing )");
        let path = docs.join(file);
        assert!(
            path.is_file(),
            "docs/SUMMARY.md lists {file}, which is missing"
        );
        let first = read(&path).lines().next().unwrap_or_default().to_string();
        assert_eq!(first, format!("# {title}"), "docs/{file}'s title");
        assert!(listed.insert(file.to_string()), "{file} listed twice");
    }
    let on_disk: BTreeSet<String> = doc_files()
        .iter()
        .filter(|p| p.parent() == Some(docs.as_path()))
        .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
        .filter(|n| n != "SUMMARY.md")
        .collect();
    assert_eq!(listed, on_disk, "docs/SUMMARY.md vs the chapters in docs/");
}

/// The text of `markdown` outside code fences and inline code spans.
fn prose(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        if fence(line).is_some() {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let mut in_code = false;
        for (i, part) in line.split('`').enumerate() {
            if i > 0 {
                in_code = !in_code;
            }
            if !in_code {
                out.push_str(part);
            }
        }
        out.push('\n');
    }
    out
}

/// GitHub's anchor for a heading: lower case, spaces to `-`, punctuation
/// other than `-` and `_` dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a Markdown file's headings (outside code fences), with
/// GitHub's `-1`, `-2` suffixes for repeats.
fn anchors(markdown: &str) -> BTreeSet<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = BTreeSet::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        if fence(line).is_some() {
            in_fence = !in_fence;
            continue;
        }
        let Some(h) = line.strip_prefix('#') else {
            continue;
        };
        if in_fence {
            continue;
        }
        let text = h.trim_start_matches('#');
        if !text.starts_with(' ') {
            continue;
        }
        let s = slug(&text.replace('`', ""));
        let n = seen.entry(s.clone()).or_insert(0);
        out.insert(if *n == 0 {
            s.clone()
        } else {
            format!("{s}-{n}")
        });
        *n += 1;
    }
    out
}

/// The targets of inline links and images `[text](target)` in `markdown`'s prose.
fn link_targets(markdown: &str) -> Vec<String> {
    let text = prose(markdown);
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("](") {
        rest = &rest[i + 2..];
        if let Some(end) = rest.find(')') {
            out.push(rest[..end].trim().to_string());
            rest = &rest[end..];
        }
    }
    out
}

/// Every relative link in the README and docs/ leads to a file that exists,
/// and to one of its headings when it names one.
#[test]
fn relative_links_resolve() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in doc_files() {
        let text = read(&file);
        for target in link_targets(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            let (path, fragment) = match target.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (target.as_str(), None),
            };
            let dest = if path.is_empty() {
                file.clone()
            } else {
                file.parent().expect("folder").join(path)
            };
            if !dest.exists() {
                broken.push(format!("{}: ({target}): no {}", rel(&file), rel(&dest)));
                continue;
            }
            if let Some(f) = fragment {
                let headings = anchors(&read(&dest));
                if !headings.contains(f) {
                    broken.push(format!(
                        "{}: ({target}): no heading #{f} in {}",
                        rel(&file),
                        rel(&dest)
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(checked >= 20, "only {checked} links checked");
}

#[test]
fn slugs_follow_github() {
    assert_eq!(slug("build --single-file"), "build---single-file");
    assert_eq!(
        slug("Global flags and exit codes"),
        "global-flags-and-exit-codes"
    );
    assert_eq!(
        slug("Live edit, round four (decks pushed first, page in the event), 2026-12-01"),
        "live-edit-round-four-decks-pushed-first-page-in-the-event-2026-12-01"
    );
    assert!(anchors("# A\n```\n# B\n```\n## A\n").contains("a-1"));
    assert_eq!(
        link_targets("[a](x.md) `[b](y.md)` ![c](img.png#z)"),
        ["x.md", "img.png#z"]
    );
}

/// The paths a ```text tree of `src/` names: `dir/` entries and files.
fn tree_paths(tree: &str) -> BTreeSet<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut out = BTreeSet::new();
    for line in tree.lines().skip(1) {
        let Some(at) = line.find(|c: char| !matches!(c, '│' | '├' | '└' | '─' | ' ' | '\u{a0}'))
        else {
            continue;
        };
        let depth = line[..at].chars().count() / 4;
        let name = line[at..].split_whitespace().next().expect("a name");
        stack.truncate(depth.saturating_sub(1));
        let path = format!("{}{name}", stack.concat());
        out.insert(path.trim_end_matches('/').to_string());
        if name.ends_with('/') {
            stack.push(name.to_string());
        }
    }
    out
}

fn src_files(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) {
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let p = e.expect("entry").path();
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        if p.is_dir() {
            src_files(&p, &format!("{prefix}{name}/"), out);
        } else if name.ends_with(".rs") {
            out.insert(format!("{prefix}{name}"));
        }
    }
}

/// The module tree in docs/architecture.md names exactly the `.rs` files
/// under src/ (and only folders that exist). Update the chapter when
/// modules move.
#[test]
fn module_tree_matches_src() {
    let chapter = read(&root().join("docs/architecture.md"));
    let tree = chapter
        .split("```text\n")
        .nth(1)
        .and_then(|t| t.split("```").next())
        .expect("a ```text block in docs/architecture.md");
    assert_eq!(tree.lines().next(), Some("src/"), "the tree starts at src/");
    let named = tree_paths(tree);
    let mut files = BTreeSet::new();
    src_files(&root().join("src"), "", &mut files);
    let missing: Vec<_> = files.difference(&named).collect();
    let stale: Vec<_> = named
        .iter()
        .filter(|p| !root().join("src").join(p).exists())
        .collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "docs/architecture.md's module tree is out of date:\n  \
         files under src/ it does not name: {missing:?}\n  entries it names that do not exist: {stale:?}"
    );
    assert!(named.contains("compile/mod.rs"), "{named:?}");
}
