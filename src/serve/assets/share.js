/* notedeck serve --share: the room's show. Added by the server to the served show for a token's role. */
(() => {
'use strict';
const me = document.currentScript, role = me.dataset.role, token = me.dataset.token;
const d = window.notedeck, deck = document.querySelector('main.deck');
if (!d || !d.set || !deck || !window.EventSource) return;
const speaker = new URLSearchParams(location.search).has('speaker');
const lead = role === 'presenter';
// For tests and bench/share-latency.sh: what this page last saw and did.
// shownAt: when it last moved to the room's state; ranAt: when it last ran a remote's command (epoch ms).
const share = window.__notedeckShare = { role, speaker, following: role === 'follow', state: null, seenAt: 0, shownAt: 0, ranAt: 0, sent: 0 };

// Who presents each talk: the agenda's "· Ana".
const presenterOf = id => {
  for (const a of document.querySelectorAll('.slide-agenda a[href]')) {
    if (a.getAttribute('href') !== '#' + id) continue;
    const by = a.parentElement.querySelector('.agenda-by');
    return by ? by.textContent.replace(/^\W+/, '').trim() : '';
  }
  return '';
};
// Where this page is: [slide (0-based), step, blacked out].
const black = document.querySelector('.nd-black');
const now = () => [d.current() - 1, d.step(), !!black && !black.hidden];
const presenting = s => (s && s.presenting) || presenterOf(d.talk() || '');

// A badge: who presents now (presenter, speaker view), or the follow toggle.
const badge = document.createElement(role === 'follow' ? 'button' : 'div');
badge.className = 'nd-share';
badge.style.cssText = 'position:fixed;z-index:2147483646;right:12px;top:12px;padding:6px 12px;border-radius:16px;' +
  'border:1px solid #888;background:rgba(20,20,20,.85);color:#fff;font:14px/1.4 system-ui,sans-serif;cursor:pointer';
const bar = speaker && document.querySelector('.nd-sv-bar');
if (bar) { badge.style.cssText = 'margin-left:1em;font-weight:600'; bar.append(badge); } else document.body.append(badge);
const render = () => {
  if (role === 'follow') {
    badge.textContent = share.following ? 'Following the presenter · browse on my own' : 'Browsing on my own · follow the presenter';
    badge.setAttribute('aria-pressed', String(share.following));
  } else {
    const who = presenting(share.state);
    badge.textContent = who ? 'Presenting now: ' + who : 'Shared with the room';
  }
};

// The room's state, applied where this page follows it.
const apply = () => {
  const s = share.state;
  if (!s || !s.live || !share.following) return;
  const [i, st, b] = now();
  if (i !== s.slide || st !== s.step || b !== s.black) { d.set(s.slide, s.step, s.black); share.shownAt = Date.now(); }
};
if (role === 'follow') {
  badge.addEventListener('click', () => { share.following = !share.following; apply(); render(); });
  // Moving on one's own while following is browsing.
  deck.addEventListener('nd-state', () => { if (share.following) { share.following = false; render(); } });
}

// The presenter's show (and its speaker window) tell the room where they are.
let inflight = false, pending = false, last = '';
const post = body => fetch('/__notedeck/share', {
  method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Notedeck-Token': token }, body: JSON.stringify(body)
});
const report = () => {
  if (!lead) return;
  if (inflight) { pending = true; return; }
  const [slide, step, black] = now(), live = window.__notedeckLive;
  const body = { type: 'state', slide, step, black, count: d.count(), talk: d.talk() || '', v: (live && live.version) || '' };
  const key = JSON.stringify(body);
  if (key === last) return;
  last = key;
  inflight = true;
  post(body).catch(() => { last = ''; }).then(() => {
    share.sent++;
    // At most one command in flight, and at most ~30 a second.
    setTimeout(() => { inflight = false; if (pending) { pending = false; report(); } }, 30);
  });
};
if (lead) deck.addEventListener('nd-state', report);

let es = null;
const connect = () => {
  es = new EventSource('/__notedeck/events?share=1&t=' + encodeURIComponent(token));
  es.addEventListener('hello', () => { last = ''; report(); });
  es.addEventListener('share', e => {
    const s = JSON.parse(e.data);
    if (share.state && s.seq <= share.state.seq) return;
    share.state = s;
    share.seenAt = Date.now();
    apply();
    render();
  });
  // What a remote asks of the show; the speaker window leaves it to the show.
  es.addEventListener('cmd', e => {
    if (!lead || speaker) return;
    const c = JSON.parse(e.data);
    share.ranAt = Date.now();
    if (c.type === 'next') d.next();
    else if (c.type === 'prev') d.prev();
    else if (c.type === 'black') { const [i, st, b] = now(); d.set(i, st, !b); last = ''; report(); }
  });
};
connect();
deck.addEventListener('nd-state', render);
render();
})();
