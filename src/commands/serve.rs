//! `notedeck serve`: build in memory, serve, watch, rebuild, push; and
//! say what happened.

use super::Reporter;
use crate::compile::session::{self, Rebuild, Session};
use crate::serve::share::{Role, Share, Tokens};
use crate::serve::{FrontEvent, Limits, Server};
use crate::watch::{Mode, Waited, Watch};
use crate::{BuildOptions, Compiler, Error};
use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// How long saves must pause before the recap index and show are
/// rendered again: past one page patch, short of anyone switching tabs.
const WHOLE_PAGES_AFTER: Duration = Duration::from_millis(100);
/// How long they may wait for that pause.
const WHOLE_PAGES_AT_MOST: Duration = Duration::from_secs(1);

/// How often a render of the index and show on its own thread is looked
/// for while no save comes.
const RENDER_POLL: Duration = Duration::from_millis(5);

/// Pushes the recap index and show [`Session::finished`] rendered, and
/// says why when they could not be rendered.
fn publish_whole(
    ui: &Reporter,
    server: &Server,
    session: &Session,
    late: session::Changes,
    failed: Option<crate::Diagnostic>,
) {
    if let Some(e) = failed {
        ui.error(e);
    }
    if !late.is_empty() || session.errors != server.errors() {
        server.publish(&session.pages, &session.digests, &session.errors, &late);
    }
}

/// `serve` options from the command line.
#[derive(Debug, Clone)]
pub struct Options {
    pub build: BuildOptions,
    /// `None`: 4000, or the next free port.
    pub port: Option<u16>,
    pub host: String,
    pub open: bool,
    /// `--poll MS`: poll instead of native file events.
    pub poll: Option<u64>,
    /// `--share [--share-addr ADDR]`: `Some(None)` finds the LAN address.
    pub share: Option<Option<String>>,
}

/// Options read again (from notedeck.toml and the command line) when
/// notedeck.toml changes; `None` when it no longer reads.
pub type Reload<'a> = &'a dyn Fn() -> Option<BuildOptions>;

pub fn run(ui: &Reporter, opts: Options, reload: Reload, stop: &AtomicBool) -> ExitCode {
    match serve(ui, opts, reload, stop) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => ui.fail(&e),
    }
}

/// The watcher mode for `--poll [MS]`.
pub fn watch_mode(poll: Option<u64>) -> Mode {
    match poll {
        Some(ms) => Mode::Poll(Duration::from_millis(ms.max(10))),
        None => Mode::Native,
    }
}

/// `warning: message`, for trouble that is not about a notes file.
pub fn warn(ui: &Reporter, msg: impl std::fmt::Display) {
    ui.diag(&crate::Diagnostic::warning("", 0, msg.to_string()));
}

/// Prints what a rebuild found: new warnings, every error.
pub fn report(ui: &Reporter, r: &Rebuild) {
    for w in &r.new_warnings {
        ui.diag(w);
    }
    match &r.fatal {
        Some(f) => ui.error(f),
        None => {
            for e in &r.errors {
                ui.diag(e);
            }
        }
    }
}

/// True when a batch touched a notedeck.toml.
pub fn config_changed(batch: &crate::watch::Batch) -> bool {
    batch
        .paths
        .iter()
        .any(|p| p.file_name().is_some_and(|n| n == "notedeck.toml"))
}

/// tiny_http's accept thread panics when it cannot clone a socket (out of
/// descriptors); the watchdog reports that as one warning and recovers,
/// so the panic message (and a slow backtrace) is left out.
fn quiet_tiny_http_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if info
            .location()
            .is_some_and(|l| l.file().contains("tiny_http"))
        {
            return;
        }
        default(info);
    }));
}

/// `--share`'s listener: the LAN address (or `--share-addr`) on the same
/// port as loopback, with fresh tokens.
fn share_listener(
    loopback: &std::net::TcpListener,
    host: &str,
    addr: Option<&str>,
) -> Result<(std::net::TcpListener, Share), Error> {
    let local = loopback
        .local_addr()
        .map_err(|e| Error::Setup(format!("server: {e}")))?;
    if !local.ip().is_loopback() {
        return Err(Error::Usage(format!(
            "--share with --host {host}: --share adds the LAN listener itself, with tokens; \
             leave --host at 127.0.0.1"
        )));
    }
    let ip: IpAddr = match addr {
        Some(a) => a
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .map_err(|_| Error::Usage(format!("--share-addr {a}: not an IP address")))?,
        None => crate::serve::share::lan_addr().ok_or_else(|| {
            Error::Setup(
                "--share: this machine has no LAN address (no network?); pass --share-addr ADDR"
                    .into(),
            )
        })?,
    };
    if ip.is_unspecified() || ip == local.ip() {
        return Err(Error::Usage(format!(
            "--share-addr {ip}: give one address other than {}",
            local.ip()
        )));
    }
    let at = SocketAddr::new(ip, local.port());
    let l = std::net::TcpListener::bind(at)
        .map_err(|e| Error::Setup(format!("--share: cannot listen on {at}: {e}")))?;
    Ok((l, Share::new(Tokens::random()?, &ip.to_string())))
}

/// Each role's URL on the shared listener.
fn urls(l: &std::net::TcpListener, sh: &Share) -> Result<Vec<(Role, String)>, Error> {
    let at = l
        .local_addr()
        .map_err(|e| Error::Setup(format!("server: {e}")))?;
    Ok(Role::ALL
        .into_iter()
        .map(|r| {
            let path = match r {
                Role::Remote => crate::serve::share::REMOTE_PATH,
                _ => "/recap.html",
            };
            (r, format!("http://{at}{path}?t={}", sh.tokens.get(r)))
        })
        .collect())
}

/// The role URLs and their QR codes: the only place a token is written
/// (on stdout, even with `-q`: without them `--share` is of no use).
fn print_share(ui: &Reporter, urls: &[(Role, String)]) {
    let mut text = String::from(
        "Sharing on the LAN: each URL carries its own token; whoever has a URL has its role.\n",
    );
    for (role, url) in urls {
        let what = match role {
            Role::Presenter => "presenter (the show on the projector; it leads the room)",
            Role::Remote => "remote (a phone: next/previous, notes, timers, hand-off)",
            Role::Follow => "follow (everyone else: the show, following the presenter)",
        };
        text.push_str(&format!("\n{what}:\n  {url}\n"));
        if let Some(code) = crate::serve::share::qr(url) {
            text.push_str(&code);
            text.push('\n');
        }
    }
    text.push_str("A URL that leaked: stop and start again (the tokens are new on every start).\n");
    ui.data(text);
}

fn serve(ui: &Reporter, opts: Options, reload: Reload, stop: &AtomicBool) -> Result<(), Error> {
    quiet_tiny_http_panics();
    let bound = crate::serve::bind(&opts.host, opts.port)?;
    if let (Some(from), Ok(addr)) = (bound.moved_from, bound.listener.local_addr()) {
        ui.out(format!("Port {from} is taken; using {}.", addr.port()));
    }
    let mut build = opts.build;
    build.live = true;
    // Watch before the first build, so no save is missed in between.
    let mut watch = Watch::new(&build.inputs, &build.exclude, watch_mode(opts.poll))?;
    for w in watch.take_warnings() {
        warn(ui, &w);
    }
    let inputs = build
        .inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let mut session = Session::new(Compiler::new(build));
    let first = session.rebuild();
    // The index and the show are pages, not decks: the same count as `build`.
    let decks = session
        .pages
        .keys()
        .filter(|k| !crate::compile::WHOLE_PAGES.contains(&k.as_str()))
        .count();
    if decks == 0 {
        report(ui, &first);
        return Err(Error::Input {
            path: inputs.into(),
            message: "no slides to serve".into(),
        });
    }
    let lan = match &opts.share {
        Some(addr) => Some(share_listener(
            &bound.listener,
            &opts.host,
            addr.as_deref(),
        )?),
        None => None,
    };
    let share_urls = lan.as_ref().map(|(l, sh)| urls(l, sh));
    let mut server = Server::start_shared(bound.listener, &opts.host, Limits::default(), lan)?;
    server.publish(
        &session.pages,
        &session.digests,
        &session.errors,
        &first.changes,
    );
    report(ui, &first);
    if let Some(events) = server.take_events() {
        let ui = *ui;
        let _ = std::thread::Builder::new()
            .name("notedeck-report".into())
            .spawn(move || {
                for ev in events {
                    match ev {
                        FrontEvent::AcceptFailed(e) => warn(
                            &ui,
                            format!("accepting a connection failed ({e}); retrying"),
                        ),
                        FrontEvent::AcceptRecovered => ui.detail("accepting connections again"),
                    }
                }
            });
    }
    let url = server.url();
    if !server.addr().ip().is_loopback() {
        warn(ui, format!(
            "--host {} exposes the recap to the network: anyone who can reach this machine can read it",
            opts.host
        ));
    }
    ui.out(format!(
        "Serving {} at {url} (Ctrl-C to stop)",
        super::report::plural(decks, "deck")
    ));
    if let Some(urls) = share_urls {
        print_share(ui, &urls?);
    }
    ui.out(format!("Watching for changes ({})", watch.mode));
    if opts.open {
        if let Err(e) = opener::open_browser(&url) {
            warn(
                ui,
                format!("--open: cannot start a browser ({e}); open {url} yourself"),
            );
        }
    }
    watch.set_sources(&session.sources);
    watch.set_images(&session.images);
    let mut unfinished_since: Option<Instant> = None;
    let mut last_build = Instant::now();
    loop {
        // A save is pushed to its deck as soon as the decks are built;
        // the index and show (whole-project pages) once saves pause, so
        // they do not take the CPU from the page patching, and on a thread
        // of their own, so the next save need not wait for them. Saves
        // that never pause (an autosave per keystroke) still get them
        // after WHOLE_PAGES_AT_MOST.
        let idle = if session.rendering() {
            Some(RENDER_POLL)
        } else {
            unfinished_since.map(|t: Instant| {
                WHOLE_PAGES_AFTER
                    .saturating_sub(last_build.elapsed())
                    .min(WHOLE_PAGES_AT_MOST.saturating_sub(t.elapsed()))
            })
        };
        let batch = match watch.next_batch_or_idle(stop, idle) {
            Waited::Batch(b) => Some(b),
            Waited::Idle => None,
            Waited::Stopped => break,
        };
        // A save goes first: its decks are pushed before an earlier
        // build's index and show are taken in (comparing pages of
        // megabytes) or started.
        if let Some(batch) = batch {
            rebuild_and_push(ui, &server, &mut session, &mut watch, &batch, reload);
            last_build = Instant::now();
            if session.unfinished() {
                unfinished_since.get_or_insert_with(Instant::now);
            }
        }
        if let Some((late, failed)) = session.finished() {
            publish_whole(ui, &server, &session, late, failed);
        }
        let due = unfinished_since.is_some_and(|t| {
            last_build.elapsed() >= WHOLE_PAGES_AFTER || t.elapsed() >= WHOLE_PAGES_AT_MOST
        });
        if due && (session.finish_aside() || !session.unfinished()) {
            unfinished_since = None;
        }
    }
    server.stop();
    Ok(())
}

/// One batch of changes: rebuild the decks, push what changed, say so.
fn rebuild_and_push(
    ui: &Reporter,
    server: &Server,
    session: &mut Session,
    watch: &mut Watch,
    batch: &crate::watch::Batch,
    reload: Reload,
) {
    for w in &batch.warnings {
        warn(ui, w);
    }
    if config_changed(batch) {
        if let Some(mut o) = reload() {
            o.live = true;
            session.compiler = Compiler::new(o);
        }
    }
    let r = session.rebuild_decks();
    if !r.changes.is_empty() || session.errors != server.errors() {
        server.publish(
            &session.pages,
            &session.digests,
            &session.errors,
            &r.changes,
        );
    }
    // Pushed: now what the rebuild replaced can be freed.
    session.free_spent();
    watch.set_sources(&session.sources);
    watch.set_images(&session.images);
    ui.out(session::summary(&r));
    report(ui, &r);
}
