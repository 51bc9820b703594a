//! `serve --share` with three devices (a browser context each: its own
//! cookies and storage) against the real server, its shared listener on
//! 127.0.0.2: the presenter's show, a phone remote, a follower.

use crate::common::browser::{Browser, Tab};
use crate::common::SharedServe;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

/// Two teammates' notes: Ana's two talks, then Ben's two.
fn team() -> SharedServe {
    let dir = tempfile::tempdir().expect("tempdir");
    let talks = dir.path().join("talks");
    std::fs::create_dir(&talks).expect("mkdir");
    std::fs::write(
        talks.join("ana.md"),
        "---\npresenter: Ana\n---\n# Day One\n\n## Alpha Talk\n\n### Apples\n\n- red\n\nNote: say apples twice\n\n\
         ### Bananas\n\n- yellow\n\n## Gamma Talk\n\n- green\n",
    )
    .expect("write");
    std::fs::write(
        talks.join("ben.md"),
        "---\npresenter: Ben\n---\n# Day One\n\n## Beta Talk\n\n- dark\n\n## Delta Talk\n\n- blue\n",
    )
    .expect("write");
    SharedServe::start_in(dir, "127.0.0.2")
}

fn device(b: &Browser, url: &str, ready: &str) -> Tab {
    let tab = b.new_device();
    tab.goto(url);
    assert!(
        tab.wait_for(ready, WAIT),
        "{url} never got ready: {:?}",
        tab.console_errors()
    );
    tab
}

const ROOM_LIVE: &str =
    "!!(window.__notedeckShare && __notedeckShare.state && __notedeckShare.state.live)";
const REMOTE_READY: &str =
    "!!(window.__notedeckRemote && __notedeckRemote.slides.length && __notedeckRemote.state && __notedeckRemote.state.live)";

fn at(tab: &Tab, slide: i64) -> bool {
    tab.wait_for(&format!("notedeck.current() === {slide}"), WAIT)
}

#[test]
fn a_remote_tap_moves_the_presenter_and_followers_who_may_browse_on_their_own() {
    let Some(b) = Browser::shared() else { return };
    let s = team();
    let presenter = device(b, &s.urls[0], ROOM_LIVE);
    let follower = device(b, &s.urls[2], ROOM_LIVE);
    let remote = device(b, &s.urls[1], REMOTE_READY);
    // A phone's screen: the buttons are big and all of the page fits.
    remote.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": true}),
    );
    let fits = remote.wait_until(
        "[innerWidth, ...['next-btn', 'prev', 'title', 'notes'].map(id => { const r = document.getElementById(id).getBoundingClientRect(); \
         return [Math.round(r.width), Math.round(r.height), r.bottom <= innerHeight && r.right <= innerWidth]; })]",
        WAIT,
        |v| v[0] == 390,
    );
    let (next, prev) = (&fits[1], &fits[2]);
    assert!(
        next[0].as_i64() >= Some(200) && next[1].as_i64() >= Some(80),
        "{fits}"
    );
    assert!(prev[1].as_i64() >= Some(80), "{fits}");
    assert!((1..5).all(|i| fits[i][2] == true), "{fits}");
    assert_eq!(presenter.eval_i64("notedeck.current()"), 1);
    remote.click("#next-btn");
    assert!(
        at(&presenter, 2),
        "presenter: {:?}",
        presenter.eval_json("notedeck.current()")
    );
    assert!(
        at(&follower, 2),
        "follower: {:?}",
        follower.eval_json("notedeck.current()")
    );
    remote.click("#next-btn");
    assert!(at(&presenter, 3) && at(&follower, 3));
    // The remote shows the presenter's slide and the next one.
    let title = presenter
        .eval_json("document.querySelector('.nd-current .slide-heading').textContent.trim()");
    assert!(
        remote.wait_for(
            &format!("document.getElementById('title').textContent === {title}"),
            WAIT
        ),
        "remote shows {:?}, the show {title}",
        remote.eval_json("document.getElementById('title').textContent")
    );
    assert!(remote
        .eval_json("document.getElementById('next').textContent")
        .as_str()
        .is_some_and(|t| t.starts_with("Next:")));

    // Browsing on one's own: the follower stays where it is.
    follower.click(".nd-share");
    assert_eq!(follower.eval_json("__notedeckShare.following"), false);
    remote.click("#next-btn");
    assert!(at(&presenter, 4));
    // Slide 4, Apples: its speaker notes and the timers on the phone.
    assert!(
        remote.wait_for(
            "document.getElementById('notes').textContent.includes('say apples twice')",
            WAIT
        ),
        "{:?}",
        remote.eval_json("document.getElementById('notes').textContent")
    );
    assert!(remote.wait_for(
        "/^Talk \\d+:\\d\\d$/.test(document.getElementById('talk-timer').textContent) && \
         /^Total \\d+:\\d\\d$/.test(document.getElementById('total-timer').textContent)",
        WAIT
    ));
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(follower.eval_i64("notedeck.current()"), 3);
    follower.press("ArrowLeft");
    assert!(at(&follower, 2));
    // Following again catches up with the presenter.
    follower.click(".nd-share");
    assert!(at(&follower, 4));
    // Moving on one's own while following is browsing.
    follower.press("ArrowRight");
    assert!(follower.wait_for("__notedeckShare.following === false", WAIT));
    follower.click(".nd-share");
    assert!(at(&follower, 4));

    // Blackout from the phone: the room goes black, and back.
    let dark = "!document.querySelector('.nd-black').hidden";
    remote.click("#black");
    assert!(presenter.wait_for(dark, WAIT) && follower.wait_for(dark, WAIT));
    remote.click("#black");
    let lit = format!("!({dark})");
    assert!(presenter.wait_for(&lit, WAIT) && follower.wait_for(&lit, WAIT));
    assert_eq!(follower.eval_i64("notedeck.current()"), 4);

    // The follow token cannot move the presenter, whatever it sends.
    let token = s.token(2);
    let statuses = follower.eval_json(&format!(
        "Promise.all(['next', 'prev', 'claim', 'state'].map(type => fetch('/__notedeck/share', {{method: 'POST', \
         headers: {{'Content-Type': 'application/json', 'X-Notedeck-Token': '{token}'}}, \
         body: JSON.stringify({{type, id: 'follower01', slide: 0, step: 0, black: false}})}}).then(r => r.status)))"
    ));
    assert_eq!(statuses, serde_json::json!([403, 403, 403, 403]));
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(presenter.eval_i64("notedeck.current()"), 4);
    for t in [&presenter, &remote] {
        assert!(t.console_errors().is_empty(), "{:?}", t.console_errors());
    }
    // The remote, and the follower with its toggle, pass axe's WCAG 2.1 AA rules.
    if let Some(axe) = crate::common::browser::require_axe() {
        for (name, t) in [("remote", &remote), ("follower", &follower)] {
            let v = t.axe(&axe);
            assert!(v.is_empty(), "{name}: {v:?}");
        }
    }
    // The follower's only errors are its four refused commands.
    let errors = follower.console_errors();
    assert!(
        errors.len() == 4 && errors.iter().all(|e| e.contains("403")),
        "{errors:?}"
    );
}

#[test]
fn a_remote_takes_over_at_a_talk_boundary_with_another_presenter() {
    let Some(b) = Browser::shared() else { return };
    let s = team();
    let presenter = device(b, &s.urls[0], ROOM_LIVE);
    let remote = device(b, &s.urls[1], REMOTE_READY);
    let handoff = "document.getElementById('handoff').hidden ? '' : document.getElementById('handoff-text').textContent";
    // The first talk's title slide: Ana's turn.
    let first = presenter.eval_i64(
        "[...document.querySelectorAll('main.deck > section')].findIndex(s => s.dataset.talk) + 1",
    );
    presenter.eval_json(&format!("notedeck.goTo({first})"));
    let got = remote.wait_until(handoff, WAIT, |v| v == "Your turn: Alpha Talk (Ana)");
    assert_eq!(got, "Your turn: Alpha Talk (Ana)");
    remote.click("#claim");
    assert!(remote.wait_for(&format!("({handoff}) === ''"), WAIT));
    assert!(presenter.wait_for(
        "document.querySelector('.nd-share').textContent === 'Presenting now: Ana'",
        WAIT
    ));
    let last_of = |talk: &str| {
        presenter.eval_i64(&format!(
            "[...document.querySelectorAll('main.deck > section')].map(s => s.dataset.talk).lastIndexOf('{talk}') + 1"
        ))
    };
    // Ana's next talk is Ana's too: no prompt.
    let alpha = last_of("alpha-talk");
    presenter.eval_json(&format!("notedeck.goTo({alpha})"));
    assert!(remote.wait_for(
        &format!("__notedeckRemote.state.slide === {}", alpha - 1),
        WAIT
    ));
    assert_eq!(remote.eval_json(handoff), "");
    // Ana's last slide: Ben's talk is next.
    let last = last_of("gamma-talk");
    presenter.eval_json(&format!("notedeck.goTo({last})"));
    let got = remote.wait_until(handoff, WAIT, |v| v == "Your turn: Beta Talk (Ben)");
    assert_eq!(got, "Your turn: Beta Talk (Ben)");
    // Ben's phone (another remote) takes control with one tap.
    let ben = device(b, &s.urls[1], REMOTE_READY);
    assert!(ben.wait_for(
        &format!("({handoff}) === 'Your turn: Beta Talk (Ben)'"),
        WAIT
    ));
    ben.click("#claim");
    assert!(ben.wait_for(
        "document.getElementById('presenting').textContent === 'Presenting now: Ben'",
        WAIT
    ));
    // Ben's taps move the show; Ana's phone is told another remote has control.
    ben.click("#next-btn");
    assert!(at(&presenter, last + 1));
    remote.click("#next-btn");
    assert!(remote.wait_for(
        "document.getElementById('status').textContent.includes('another remote has control')",
        WAIT
    ));
    assert!(remote.wait_for("!document.getElementById('take').hidden", WAIT));
    assert_eq!(presenter.eval_i64("notedeck.current()"), last + 1);
    // The speaker view says who presents now.
    presenter.press("s");
    let speaker = presenter.wait_for_popup(WAIT).expect("speaker window");
    assert!(
        speaker.wait_for("(document.querySelector('.nd-sv-bar .nd-share') || {}).textContent === 'Presenting now: Ben'", WAIT),
        "{:?}",
        speaker.eval_json("(document.querySelector('.nd-sv-bar .nd-share') || {}).textContent")
    );
}
