//! One rebuild after a change, shared by `serve` and `build --watch`:
//! build through [`Compiler`], keep the last good pages when a file fails,
//! and work out which pages changed and the first changed slide of each
//! (from the per-slide hashes in [`crate::Site::digests`], never the HTML).

use crate::render::PageDigest;
use crate::{Compiler, Diagnostic, Page, Severity};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What changed between two builds.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Changes {
    /// Changed or new pages → first changed slide (1-based; 0 = none of
    /// the slides, e.g. the index or only the page head).
    pub changed: BTreeMap<String, usize>,
    /// Pages no longer produced.
    pub removed: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

/// The outcome of one rebuild, for the command to report.
#[derive(Debug)]
pub struct Rebuild {
    /// Everything that changed.
    pub changes: Changes,
    /// Build errors (their text is what the served pages' overlay
    /// shows); empty when the build is clean.
    pub errors: Vec<Diagnostic>,
    /// The build could not run at all (an input folder gone): its error,
    /// as `build` prints it.
    pub fatal: Option<String>,
    /// Warnings this build found that the previous one did not (every
    /// warning on the first build).
    pub new_warnings: Vec<Diagnostic>,
    pub took: Duration,
}

/// Holds the compiler and the last good pages across rebuilds.
pub struct Session {
    pub compiler: Compiler,
    pub pages: BTreeMap<String, Page>,
    /// The digest (version, slide hashes) of every page in `pages`.
    pub digests: BTreeMap<String, Arc<PageDigest>>,
    /// The errors of the last build, as the overlay shows them.
    pub errors: Vec<String>,
    /// The warnings of the last build.
    pub warnings: Vec<Diagnostic>,
    /// Every file the last build read.
    pub sources: Vec<PathBuf>,
    /// Image files the last build's decks name (embedded or missing).
    pub images: Vec<PathBuf>,
    /// Why the index and show last failed to render, until they render.
    finish_error: Option<Diagnostic>,
    /// The last build, until its index and show are rendered.
    unfinished: Option<crate::Site>,
    /// [`Session::finish_aside`]'s render, until it is taken in.
    rendering: Option<std::sync::mpsc::Receiver<Aside>>,
    /// What the last rebuild replaced, until [`Session::free_spent`].
    spent: Vec<Box<dyn Send>>,
}

impl Session {
    pub fn new(compiler: Compiler) -> Self {
        Session {
            compiler,
            pages: BTreeMap::new(),
            digests: BTreeMap::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            sources: Vec::new(),
            images: Vec::new(),
            finish_error: None,
            unfinished: None,
            rendering: None,
            spent: Vec::new(),
        }
    }

    /// Builds everything: [`Session::rebuild_decks`] then
    /// [`Session::finish`].
    pub fn rebuild(&mut self) -> Rebuild {
        let started = Instant::now();
        let mut r = self.rebuild_decks();
        let before = self.finish_error.clone();
        let (late, failed) = self.finish();
        r.changes.changed.extend(late.changed);
        // `rebuild_decks` listed the index's last error; this finish says.
        r.errors.retain(|e| Some(e) != before.as_ref());
        r.errors.extend(failed);
        r.took = started.elapsed();
        r
    }

    /// Builds the talk decks into `pages`, leaving the recap index and
    /// show (which read every deck: the slow part of a large project's
    /// rebuild) as they were until [`Session::finish`]. `serve` pushes a
    /// save to its open deck at once and renders those when saves pause.
    pub fn rebuild_decks(&mut self) -> Rebuild {
        self.free_spent();
        let started = Instant::now();
        let mut site = match self.compiler.build_decks() {
            Ok(site) => site,
            Err(e) => {
                // Nothing changed: a pending index and show still follow.
                let errors = vec![Diagnostic::from(&e)];
                self.errors = errors.iter().map(|d| d.to_string()).collect();
                return Rebuild {
                    changes: Changes::default(),
                    errors,
                    fatal: Some(e.to_string()),
                    new_warnings: Vec::new(),
                    took: started.elapsed(),
                };
            }
        };
        // The same findings, in the same words, as `build` and `check`.
        let (mut errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = site
            .project
            .findings()
            .into_iter()
            .partition(|d| d.severity == Severity::Error);
        let new_warnings = new_findings(&self.warnings, &warnings);
        self.warnings = warnings;
        let mut pages = std::mem::take(&mut site.pages);
        let mut digests = std::mem::take(&mut site.digests);
        let failing = !errors.is_empty();
        // Until the index renders again, its error stays on show.
        errors.extend(self.finish_error.clone());
        for (k, v) in &self.pages {
            // A failing file drops out of the build: keep showing its
            // last good decks under the error overlay. The index and show
            // are not rendered yet: they stay as they were for now.
            if (failing || crate::compile::WHOLE_PAGES.contains(&k.as_str()))
                && !pages.contains_key(k)
            {
                pages.insert(k.clone(), v.clone());
                if let Some(h) = self.digests.get(k) {
                    digests.insert(k.clone(), h.clone());
                }
            }
        }
        self.sources = std::mem::take(&mut site.project.sources);
        self.images = std::mem::take(&mut site.images);
        let changes = diff(&self.pages, &self.digests, &pages, &digests);
        let old = (
            std::mem::replace(&mut self.pages, pages),
            std::mem::replace(&mut self.digests, digests),
            self.unfinished.replace(site),
        );
        self.spent.push(Box::new(old));
        self.errors = errors.iter().map(|d| d.to_string()).collect();
        Rebuild {
            changes,
            errors,
            fatal: None,
            new_warnings,
            took: started.elapsed(),
        }
    }

    /// Frees what the last [`Session::rebuild_decks`] replaced (the last
    /// build's page maps and unfinished site: about 0.5 ms of `free` at
    /// 1,000 talks), which it keeps so that `serve` can push first and
    /// free after. The next rebuild frees it first if nobody did.
    pub fn free_spent(&mut self) {
        self.spent.clear();
    }

    /// Whether the index and show wait for [`Session::finish`].
    pub fn unfinished(&self) -> bool {
        self.unfinished.is_some()
    }

    /// Renders the recap index and show of the last
    /// [`Session::rebuild_decks`] into `pages` and says which changed,
    /// and the error when they could not be rendered: the old ones stay,
    /// and the error joins `errors` until they render again.
    pub fn finish(&mut self) -> (Changes, Option<Diagnostic>) {
        let Some(mut site) = self.unfinished.take() else {
            return (Changes::default(), None);
        };
        let result = match self.compiler.begin_finish(&mut site) {
            None => Ok(()),
            Some(work) => {
                let pages = work.render(&site.project.decks, true);
                self.compiler.end_finish(&mut site, work, pages)
            }
        };
        self.take_whole(site, result)
    }

    /// [`Session::finish`] on a thread of its own, so that a save is not
    /// held up by the index and show of the one before: a deck build may
    /// run meanwhile. [`Session::finished`] takes the result in. Renders
    /// one after the other there, leaving rayon's threads to deck builds.
    /// False when nothing was started (nothing to render, or a render
    /// still out).
    pub fn finish_aside(&mut self) -> bool {
        if self.rendering.is_some() {
            return false;
        }
        let Some(mut site) = self.unfinished.take() else {
            return false;
        };
        let Some(work) = self.compiler.begin_finish(&mut site) else {
            // From the cache: nothing to wait for.
            let (tx, rx) = std::sync::mpsc::channel();
            let _ = tx.send(Aside {
                site,
                rendered: None,
            });
            self.rendering = Some(rx);
            return true;
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let (give, take) = std::sync::mpsc::channel::<(crate::Site, super::cache::WholeWork)>();
        let back = tx.clone();
        let spawned = std::thread::Builder::new()
            .name("notedeck-index".into())
            .spawn(move || {
                if let Ok((site, work)) = take.recv() {
                    lowest_priority();
                    let pages = work.render(&site.project.decks, false);
                    let _ = back.send(Aside {
                        site,
                        rendered: Some((work, pages)),
                    });
                }
            });
        if spawned.is_ok() {
            // The thread holds `take` until it has the work: this cannot fail.
            let _ = give.send((site, work));
        } else {
            // No thread to be had: render here, as `finish` does.
            let pages = work.render(&site.project.decks, true);
            let _ = tx.send(Aside {
                site,
                rendered: Some((work, pages)),
            });
        }
        self.rendering = Some(rx);
        true
    }

    /// Whether [`Session::finish_aside`]'s render is still out.
    pub fn rendering(&self) -> bool {
        self.rendering.is_some()
    }

    /// What [`Session::finish_aside`] rendered, once it is done (as
    /// [`Session::finish`] says it); `None` while it renders or when none
    /// was started. Its build may be older than the last
    /// [`Session::rebuild_decks`]: those pages still replace older ones,
    /// and the newer build stays [`Session::unfinished`].
    pub fn finished(&mut self) -> Option<(Changes, Option<Diagnostic>)> {
        let got = self.rendering.as_ref()?.try_recv();
        let result = match got {
            Err(std::sync::mpsc::TryRecvError::Empty) => return None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                // The render thread panicked and took that build with
                // it: the next save's build renders them again.
                self.rendering = None;
                return None;
            }
            Ok(Aside {
                site,
                rendered: None,
            }) => (site, Ok(())),
            Ok(Aside {
                mut site,
                rendered: Some((work, pages)),
            }) => {
                let r = self.compiler.end_finish(&mut site, work, pages);
                (site, r)
            }
        };
        self.rendering = None;
        let (site, result) = result;
        Some(self.take_whole(site, result))
    }

    /// A finished site's index and show into `pages`.
    fn take_whole(
        &mut self,
        mut site: crate::Site,
        result: Result<(), crate::Error>,
    ) -> (Changes, Option<Diagnostic>) {
        let mut late = Changes::default();
        if let Some(old) = self.finish_error.take() {
            let old = old.to_string();
            self.errors.retain(|e| *e != old);
        }
        if let Err(e) = result {
            let d = Diagnostic::from(&e);
            self.errors.push(d.to_string());
            self.finish_error = Some(d.clone());
            return (late, Some(d));
        }
        for k in crate::compile::WHOLE_PAGES {
            if let Some(d) = site.digests.remove(k) {
                self.digests.insert(k.to_string(), d);
            }
            let Some(v) = site.pages.remove(k) else {
                continue;
            };
            let same = self
                .pages
                .get(k)
                .is_some_and(|old| Arc::ptr_eq(old, &v) || *old == v);
            if !same {
                late.changed.insert(k.to_string(), 0);
            }
            self.pages.insert(k.to_string(), v);
        }
        (late, None)
    }
}

/// Puts this thread behind every other on the machine: what it renders
/// nobody waits for, while a save's deck build and the browser's patch
/// are waited for (on 2 cores it otherwise takes half the CPU from them).
fn lowest_priority() {
    #[cfg(target_os = "linux")]
    {
        // On Linux the nice value is per thread. Failing, it stays as is.
        let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 19);
    }
}

/// What [`Session::finish_aside`]'s thread hands back: the site, and
/// what was rendered for it (`None`: the index and show came from the
/// cache).
struct Aside {
    site: crate::Site,
    rendered: Option<(
        super::cache::WholeWork,
        Result<super::cache::WholePages, crate::Error>,
    )>,
}

/// The findings of `now` that `before` did not have. A finding that only
/// moved (text added above it shifts its line) is the same finding: they
/// are matched by file, severity and message, as many as there were.
pub fn new_findings(before: &[Diagnostic], now: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut seen: std::collections::HashMap<(&std::path::Path, Severity, &str), usize> =
        std::collections::HashMap::new();
    for d in before {
        *seen
            .entry((d.path.as_path(), d.severity, d.message.as_str()))
            .or_default() += 1;
    }
    now.iter()
        .filter(
            |d| match seen.get_mut(&(d.path.as_path(), d.severity, d.message.as_str())) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            },
        )
        .cloned()
        .collect()
}

/// Pages that differ, with their first changed slide.
pub fn diff(
    old: &BTreeMap<String, Page>,
    old_digests: &BTreeMap<String, Arc<PageDigest>>,
    new: &BTreeMap<String, Page>,
    new_digests: &BTreeMap<String, Arc<PageDigest>>,
) -> Changes {
    let mut changes = Changes::default();
    for (k, v) in new {
        match old.get(k) {
            Some(o) if std::sync::Arc::ptr_eq(o, v) || o == v => {}
            Some(_) => {
                let first = match (old_digests.get(k), new_digests.get(k)) {
                    (Some(a), Some(b)) => first_changed_slide(&a.slides, &b.slides),
                    _ => None,
                };
                changes.changed.insert(k.clone(), first.unwrap_or(0));
            }
            None => {
                changes.changed.insert(k.clone(), 0);
            }
        }
    }
    changes.removed = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .cloned()
        .collect();
    changes
}

/// 1-based number of the first slide whose hash differs; a deck that
/// only grew or shrank points at its first new or last remaining slide.
/// `None` when every slide is the same.
pub fn first_changed_slide(old: &[String], new: &[String]) -> Option<usize> {
    if let Some(i) = old.iter().zip(new).position(|(x, y)| x != y) {
        return Some(i + 1);
    }
    match new.len().cmp(&old.len()) {
        std::cmp::Ordering::Greater => Some(old.len() + 1),
        std::cmp::Ordering::Less => Some(new.len().max(1)),
        std::cmp::Ordering::Equal => None,
    }
}

/// One line for the terminal: what a rebuild did.
pub fn summary(r: &Rebuild) -> String {
    let ms = r.took.as_millis();
    let mut parts: Vec<String> = r
        .changes
        .changed
        .iter()
        .map(|(k, n)| match n {
            0 => k.clone(),
            n => format!("{k} (slide {n})"),
        })
        .collect();
    parts.extend(r.changes.removed.iter().map(|k| format!("{k} (removed)")));
    let what = if parts.is_empty() {
        "no changes".to_string()
    } else {
        format!("changed {}", parts.join(", "))
    };
    match r.errors.len() {
        0 => format!("rebuilt in {ms} ms: {what}"),
        1 => format!("rebuilt in {ms} ms with 1 error, last good decks kept: {what}"),
        n => format!("rebuilt in {ms} ms with {n} errors, last good decks kept: {what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_show_catches_up_with_saves_built_before_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let notes = dir.path().join("day.md");
        let write = |t: &str| std::fs::write(&notes, format!("# Day\n\n## Alpha\n\n- {t}\n"));
        write("first").expect("write");
        let mut s = Session::new(Compiler::new(crate::BuildOptions {
            inputs: vec![dir.path().to_path_buf()],
            ..crate::BuildOptions::default()
        }));
        s.rebuild();
        let show = |s: &Session| s.pages[crate::render::recap::RECAP_PAGE].to_string();
        assert!(show(&s).contains("first"));
        // A save whose index and show were not rendered, then one that
        // changes nothing: the show still gets the first one.
        write("second").expect("write");
        let r = s.rebuild_decks();
        assert_eq!(
            r.changes.changed.keys().collect::<Vec<_>>(),
            ["day/alpha.html"]
        );
        assert!(s.unfinished() && show(&s).contains("first"));
        assert!(s.rebuild_decks().changes.is_empty());
        let (late, failed) = s.finish();
        assert!(failed.is_none());
        assert!(late.changed.contains_key(crate::render::recap::RECAP_PAGE));
        assert!(show(&s).contains("second") && !s.unfinished());
        // Nothing left to render.
        assert!(s.finish().0.is_empty());
    }

    #[test]
    fn a_warning_that_only_moved_is_not_new() {
        let w = |line, msg: &str| Diagnostic::warning("a.md", line, msg);
        let before = [w(3, "empty list item"), w(9, "empty list item")];
        // Two lines added above both, and a third empty item.
        let now = [
            w(5, "empty list item"),
            w(11, "empty list item"),
            w(20, "empty list item"),
            w(21, "unknown key 'x'"),
        ];
        assert_eq!(new_findings(&before, &now), now[2..].to_vec());
        assert!(new_findings(&now, &now).is_empty());
    }

    #[test]
    fn finds_the_first_changed_slide() {
        let a = hashes(&["t", "a", "b", "c"]);
        let b = hashes(&["t", "a", "B", "c"]);
        assert_eq!(first_changed_slide(&a, &b), Some(3));
        assert_eq!(first_changed_slide(&a, &a), None);
        let grown = hashes(&["t", "a", "b", "c", "d"]);
        assert_eq!(first_changed_slide(&a, &grown), Some(5));
        assert_eq!(first_changed_slide(&grown, &a), Some(4));
        assert_eq!(first_changed_slide(&a, &[]), Some(1));
    }

    #[test]
    fn diff_reports_changed_new_and_removed_pages() {
        let page = |s: &str| -> Page { s.into() };
        let h = |v: &[&str]| {
            Arc::new(PageDigest {
                version: String::new(),
                slides: hashes(v),
            })
        };
        let old: BTreeMap<String, Page> = [
            ("a.html".to_string(), page("a1")),
            ("gone.html".to_string(), page("g")),
            ("same.html".to_string(), page("s")),
        ]
        .into();
        let old_digests: BTreeMap<String, Arc<PageDigest>> =
            [("a.html".to_string(), h(&["x", "y"]))].into();
        let new: BTreeMap<String, Page> = [
            ("a.html".to_string(), page("a2")),
            ("same.html".to_string(), page("s")),
            ("new.html".to_string(), page("n")),
        ]
        .into();
        let new_digests: BTreeMap<String, Arc<PageDigest>> =
            [("a.html".to_string(), h(&["x", "z"]))].into();
        let c = diff(&old, &old_digests, &new, &new_digests);
        assert_eq!(c.changed.get("a.html"), Some(&2));
        assert_eq!(c.changed.get("new.html"), Some(&0));
        assert!(!c.changed.contains_key("same.html"));
        assert_eq!(c.removed, vec!["gone.html".to_string()]);
    }
}
