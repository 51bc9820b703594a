//! `serve --share`: the room's show on the LAN. Three roles, each with a
//! random token made at start: the presenter's show (its slide, step and
//! blackout are the room's state), the phone remote, and followers.
//!
//! Pages, state and commands go over the same server: state and commands
//! to the presenter as `share` and `cmd` frames on the event streams, and
//! one small `POST` endpoint ([`SHARE_PATH`]) for what the pages send. On
//! the shared listener every request needs a token (`?t=`, or the cookie
//! the first such answer set); a command needs it in a header, checked
//! against its role (followers send nothing).

use crate::Error;
use askama::Template;
use serde::Deserialize;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// Where the pages send state and commands (`POST` only).
pub const SHARE_PATH: &str = "/__notedeck/share";
/// The phone remote's page.
pub const REMOTE_PATH: &str = "/__notedeck/remote";
/// The header a command carries its token in: a custom header, so no
/// other page's form or plain request can make one.
pub const TOKEN_HEADER: &str = "X-Notedeck-Token";
/// Largest command body.
pub const MAX_BODY: usize = 1024;
/// Commands per second per client address, sustained and in a burst.
const RATE: f64 = 50.0;
const BURST: f64 = 100.0;
/// Client addresses the rate limiter remembers.
const MAX_CLIENTS: usize = 1024;

const SHARE_JS: &str = include_str!("assets/share.js");
const REMOTE_JS: &str = include_str!("assets/remote.js");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Presenter,
    Remote,
    Follow,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Presenter, Role::Remote, Role::Follow];

    pub fn name(self) -> &'static str {
        match self {
            Role::Presenter => "presenter",
            Role::Remote => "remote",
            Role::Follow => "follow",
        }
    }
}

/// One random token per role, new on every start.
pub struct Tokens([String; 3]);

impl Tokens {
    pub fn random() -> Result<Tokens, Error> {
        let one = || -> Result<String, Error> {
            let mut b = [0u8; 16];
            getrandom::fill(&mut b)
                .map_err(|e| Error::Setup(format!("--share: no randomness for tokens: {e}")))?;
            Ok(b.iter().map(|x| format!("{x:02x}")).collect())
        };
        Ok(Tokens([one()?, one()?, one()?]))
    }

    pub fn get(&self, role: Role) -> &str {
        &self.0[role as usize]
    }

    /// The role `given` grants. Compared as hashes: `blake3::Hash`
    /// equality takes the same time wherever the bytes differ.
    pub fn role_of(&self, given: &str) -> Option<Role> {
        let h = blake3::hash(given.as_bytes());
        Role::ALL
            .into_iter()
            .find(|r| blake3::hash(self.get(*r).as_bytes()) == h)
    }
}

/// Who holds the remote control: a remote's random id, and the name it
/// took control as (the presenter of the talk it took over).
struct Control {
    id: String,
    name: String,
}

/// The room's state, as the presenter's show last reported it.
#[derive(Default)]
struct Room {
    slide: u32,
    step: u32,
    black: bool,
    count: u32,
    talk: String,
    version: String,
    seq: u64,
    started: Option<Instant>,
    talk_since: Option<Instant>,
    control: Option<Control>,
}

/// What a page sends to [`SHARE_PATH`].
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Command {
    /// The presenter's show moved (or connected).
    State {
        slide: u32,
        step: u32,
        black: bool,
        #[serde(default)]
        count: u32,
        #[serde(default)]
        talk: String,
        #[serde(default)]
        v: String,
    },
    Next {
        id: String,
    },
    Prev {
        id: String,
    },
    Black {
        id: String,
    },
    /// A remote takes control (the hand-off), as `name`.
    Claim {
        id: String,
        #[serde(default)]
        name: String,
    },
}

impl Command {
    /// A remote's move: what the presenter's show is told to do.
    fn action(self) -> Option<(&'static str, String)> {
        match self {
            Command::Next { id } => Some(("next", id)),
            Command::Prev { id } => Some(("prev", id)),
            Command::Black { id } => Some(("black", id)),
            _ => None,
        }
    }
}

/// Where a frame goes: every share stream, or only the presenter's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum To {
    Everyone,
    Presenters,
}

/// A frame to send: to whom, its event name, its data.
pub type Frame = (To, &'static str, String);

/// A refused command: its status and a short reason for the page.
pub type Refusal = (u16, &'static str);

pub struct Share {
    pub tokens: Tokens,
    /// The shared listener's address, as `Host` must name it.
    pub host: String,
    room: Mutex<Room>,
    limiter: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl Share {
    pub fn new(tokens: Tokens, host: &str) -> Share {
        Share {
            tokens,
            host: host.to_string(),
            room: Mutex::new(Room::default()),
            limiter: Mutex::new(HashMap::new()),
        }
    }

    /// A token bucket per client address: `false` when it is empty.
    pub fn allow(&self, ip: IpAddr) -> bool {
        let Ok(mut m) = self.limiter.lock() else {
            return false;
        };
        let now = Instant::now();
        if m.len() >= MAX_CLIENTS && !m.contains_key(&ip) {
            // Forget the full buckets: they have been quiet.
            m.retain(|_, (tokens, at)| *tokens + at.elapsed().as_secs_f64() * RATE < BURST);
            if m.len() >= MAX_CLIENTS {
                return false;
            }
        }
        let (tokens, at) = m.entry(ip).or_insert((BURST, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * RATE).min(BURST);
        *at = now;
        if *tokens < 1.0 {
            return false;
        }
        *tokens -= 1.0;
        true
    }

    /// Applies one command body sent with `role`'s token; the frames to
    /// send. `presenters` says whether a presenter's show is connected.
    pub fn command(
        &self,
        role: Role,
        body: &[u8],
        presenters: bool,
    ) -> Result<Vec<Frame>, Refusal> {
        let cmd: Command =
            serde_json::from_slice(body).map_err(|_| (400, "not a notedeck command"))?;
        let mut room = self.room.lock().map_err(|_| (503, "busy"))?;
        match (role, cmd) {
            (
                Role::Presenter,
                Command::State {
                    slide,
                    step,
                    black,
                    count,
                    talk,
                    v,
                },
            ) => {
                if talk.len() > 200 || v.len() > 64 {
                    return Err((400, "too long"));
                }
                let now = Instant::now();
                room.started.get_or_insert(now);
                if room.talk != talk || room.talk_since.is_none() {
                    room.talk_since = Some(now);
                }
                (room.slide, room.step, room.black) = (slide, step, black);
                (room.count, room.talk, room.version) = (count, talk, v);
                Ok(vec![(To::Everyone, "share", state_frame(&mut room))])
            }
            (Role::Remote, Command::Claim { id, name }) => {
                let name = clean(&name, 80);
                room.control = Some(Control {
                    id: checked_id(&id)?,
                    name,
                });
                Ok(vec![(To::Everyone, "share", state_frame(&mut room))])
            }
            (Role::Remote, cmd) => {
                let Some((kind, id)) = cmd.action() else {
                    return Err((403, "this token cannot send that"));
                };
                let id = checked_id(&id)?;
                if !presenters {
                    return Err((409, "no presenter's show is open"));
                }
                match &room.control {
                    Some(c) if c.id != id => return Err((409, "another remote has control")),
                    Some(_) => {}
                    None => {
                        room.control = Some(Control {
                            id,
                            name: String::new(),
                        })
                    }
                }
                let cmd = serde_json::json!({ "type": kind }).to_string();
                Ok(vec![
                    (To::Presenters, "cmd", cmd),
                    (To::Everyone, "share", state_frame(&mut room)),
                ])
            }
            _ => Err((403, "this token cannot send that")),
        }
    }

    /// The data of a `share` event with the room's current state, for a
    /// stream that just opened.
    pub fn hello(&self) -> String {
        self.room
            .lock()
            .map(|mut r| state_frame(&mut r))
            .unwrap_or_default()
    }
}

fn checked_id(id: &str) -> Result<String, Refusal> {
    if (8..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(id.to_string())
    } else {
        Err((400, "bad remote id"))
    }
}

/// At most `max` bytes of `s`, without control characters.
fn clean(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in s.chars().filter(|c| !c.is_control()) {
        if out.len() + c.len_utf8() > max {
            break;
        }
        out.push(c);
    }
    out
}

/// The room's state as the data of a `share` event (a new `seq` each).
fn state_frame(room: &mut Room) -> String {
    room.seq += 1;
    let ms = |t: Option<Instant>| t.map_or(0, |t| t.elapsed().as_millis() as u64);
    let (control, presenting) = match &room.control {
        Some(c) => (c.id.as_str(), c.name.as_str()),
        None => ("", ""),
    };
    let s = serde_json::json!({
        "seq": room.seq,
        "live": room.started.is_some(),
        "slide": room.slide,
        "step": room.step,
        "black": room.black,
        "count": room.count,
        "talk": room.talk,
        "v": room.version,
        "elapsed": ms(room.started),
        "talkElapsed": ms(room.talk_since),
        "control": control,
        "presenting": presenting,
    });
    s.to_string()
}

/// The served show with the share script for `role` before `</body>`.
pub fn inject(page: &str, role: Role, token: &str) -> String {
    let tag = format!(
        "<script data-notedeck-share data-role=\"{}\" data-token=\"{token}\">\n{SHARE_JS}</script>\n",
        role.name()
    );
    let at = page.rfind("</body>").unwrap_or(page.len());
    let mut out = String::with_capacity(page.len() + tag.len());
    out.push_str(&page[..at]);
    out.push_str(&tag);
    out.push_str(&page[at..]);
    out
}

#[derive(Template)]
#[template(path = "remote.html")]
struct RemotePage<'a> {
    csp: &'a str,
    token: &'a str,
    js: &'a str,
}

/// The phone remote's page.
pub fn remote_page(token: &str) -> Result<String, Error> {
    Ok(RemotePage {
        csp: crate::render::LIVE_CSP,
        token,
        js: REMOTE_JS,
    }
    .render()?)
}

/// This machine's address on its default route: the address a UDP socket
/// "connected" towards a private address would send from. Connecting a UDP
/// socket sends nothing.
pub fn lan_addr() -> Option<IpAddr> {
    ["10.255.255.255:9", "192.168.255.255:9", "172.31.255.255:9"]
        .iter()
        .find_map(|to| {
            let s = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
            s.connect(to).ok()?;
            let ip = s.local_addr().ok()?.ip();
            (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
        })
}

/// A QR code of `text` for a terminal: two rows of modules per line.
pub fn qr(text: &str) -> Option<String> {
    use qrcode::render::unicode::Dense1x2;
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share() -> Share {
        Share::new(Tokens::random().expect("tokens"), "127.0.0.2")
    }

    #[test]
    fn tokens_are_random_distinct_and_map_to_their_role() {
        let (a, b) = (
            Tokens::random().expect("tokens"),
            Tokens::random().expect("tokens"),
        );
        for r in Role::ALL {
            assert_eq!(a.get(r).len(), 32);
            assert_eq!(a.role_of(a.get(r)), Some(r));
            assert_ne!(a.get(r), b.get(r));
            assert_eq!(b.role_of(a.get(r)), None);
        }
        assert_eq!(a.role_of(""), None);
    }

    #[test]
    fn each_role_may_send_only_its_own_commands() {
        let s = share();
        let state = br#"{"type":"state","slide":3,"step":1,"black":false,"talk":"a"}"#;
        let next = br#"{"type":"next","id":"abcdefgh1"}"#;
        assert!(s.command(Role::Presenter, state, true).is_ok());
        for r in [Role::Remote, Role::Follow] {
            assert_eq!(
                s.command(r, state, true).err(),
                Some((403, "this token cannot send that"))
            );
        }
        assert_eq!(
            s.command(Role::Follow, next, true).err().map(|e| e.0),
            Some(403)
        );
        assert_eq!(
            s.command(Role::Presenter, next, true).err().map(|e| e.0),
            Some(403)
        );
        let frames = s.command(Role::Remote, next, true).expect("next");
        assert_eq!(
            frames[0],
            (To::Presenters, "cmd", "{\"type\":\"next\"}".into())
        );
        // Another remote must take control first.
        let other = br#"{"type":"prev","id":"zzzzzzzz9"}"#;
        assert_eq!(
            s.command(Role::Remote, other, true).err().map(|e| e.0),
            Some(409)
        );
        let claim = br#"{"type":"claim","id":"zzzzzzzz9","name":"Ben"}"#;
        let f = s.command(Role::Remote, claim, true).expect("claim");
        assert!(f[0].2.contains("\"presenting\":\"Ben\""), "{}", f[0].2);
        assert!(s.command(Role::Remote, other, true).is_ok());
        assert_eq!(
            s.command(Role::Remote, b"{", true).err().map(|e| e.0),
            Some(400)
        );
        let bad_id = br#"{"type":"next","id":"../x"}"#;
        assert_eq!(
            s.command(Role::Remote, bad_id, true).err().map(|e| e.0),
            Some(400)
        );
    }

    #[test]
    fn the_rate_limit_refuses_a_flood_and_refills() {
        let s = share();
        let ip: IpAddr = "127.0.0.9".parse().expect("ip");
        let allowed = (0..1000).filter(|_| s.allow(ip)).count();
        assert!((100..=110).contains(&allowed), "{allowed}");
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert!(s.allow(ip));
        assert!(s.allow("127.0.0.10".parse().expect("ip")));
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let p = inject("<body><main></main></body></html>", Role::Follow, "ab");
        assert!(p.starts_with("<body><main></main><script data-notedeck-share data-role=\"follow\" data-token=\"ab\">"));
        assert!(p.ends_with("</script>\n</body></html>"));
        assert!(qr("http://127.0.0.2:4000/recap.html?t=00").is_some());
    }
}
