/* notedeck serve --share: the phone remote. Reads the show for titles and notes; moves it through the server. */
(() => {
'use strict';
const token = document.currentScript.dataset.token, $ = id => document.getElementById(id);
let id = '';
try { id = sessionStorage.getItem('nd-remote-id') || ''; } catch (e) { }
if (!/^[A-Za-z0-9]{8,64}$/.test(id)) {
  id = [...crypto.getRandomValues(new Uint32Array(3))].map(x => x.toString(36)).join('').padEnd(8, '0');
  try { sessionStorage.setItem('nd-remote-id', id); } catch (e) { }
}
// For tests and bench/share-latency.sh.
const r = window.__notedeckRemote = { id, state: null, slides: [], version: null, refused: '', sent: 0 };
let presenters = {}, got = 0;

// The show's slides: title, notes, talk, when the plan reaches it.
const load = () => fetch('/recap.html?t=' + encodeURIComponent(token), { cache: 'no-store' })
  .then(res => { if (!res.ok) throw new Error(res.status); return res.text(); })
  .then(html => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const live = doc.querySelector('script[data-notedeck-live]');
    r.version = live ? live.getAttribute('data-version') : '';
    presenters = {};
    doc.querySelectorAll('.slide-agenda a[href^="#"]').forEach(a => {
      const by = a.parentElement.querySelector('.agenda-by');
      presenters[a.getAttribute('href').slice(1)] = by ? by.textContent.replace(/^\W+/, '').trim() : '';
    });
    r.slides = [...doc.querySelectorAll('main.deck > section.slide')].map(s => {
      const h = s.querySelector('.slide-heading'), n = s.querySelector(':scope > .notes');
      return {
        title: h ? h.textContent.trim() : '', notes: n ? n.innerHTML.trim() : '', talk: s.dataset.talk || '',
        talkTitle: s.dataset.talkTitle || '', at: s.dataset.at === undefined ? null : +s.dataset.at
      };
    });
    draw();
  })
  .catch(() => { $('status').textContent = 'Cannot read the show; retrying…'; setTimeout(load, 2000); });

const pad2 = x => (x < 10 ? '0' : '') + x;
const fmt = ms => {
  const s = Math.max(0, Math.floor(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
  return (h ? h + ':' + pad2(m) : m) + ':' + pad2(s % 60);
};
// Who should present next: the talk after this slide when it starts there, else this one.
const handoff = s => {
  const cur = r.slides[s.slide], nx = r.slides[s.slide + 1];
  if (!cur) return null;
  const t = nx && nx.talk && nx.talk !== cur.talk ? nx : cur;
  const who = t.talk ? presenters[t.talk] || '' : '';
  return who && who !== s.presenting ? { talk: t.talkTitle, who } : null;
};
function tick() {
  const s = r.state;
  if (!s || !s.live) return;
  const since = Date.now() - got, total = s.elapsed + since, cur = r.slides[s.slide];
  $('talk-timer').textContent = 'Talk ' + fmt(s.talkElapsed + since);
  $('total-timer').textContent = 'Total ' + fmt(total);
  const pace = $('pace'), d = cur && cur.at !== null ? Math.round(total / 1000 - cur.at) : null;
  pace.textContent = d === null ? '' : Math.abs(d) < 30 ? 'On time' : fmt(Math.abs(d) * 1000) + (d > 0 ? ' behind' : ' ahead');
  pace.classList.toggle('behind', d !== null && d >= 30);
}
function draw() {
  const s = r.state;
  if (!s) return;
  if (!s.live) { $('status').textContent = 'Waiting for the presenter\u2019s show to open…'; return; }
  const cur = r.slides[s.slide], nx = r.slides[s.slide + 1];
  $('status').textContent = `Slide ${s.slide + 1} / ${s.count || r.slides.length}` + (s.black ? ' · blacked out' : '') +
    (r.refused ? ' · ' + r.refused : '');
  $('title').textContent = cur ? cur.title || cur.talkTitle || '(untitled)' : '…';
  $('next').textContent = nx ? 'Next: ' + (nx.talk && cur && nx.talk !== cur.talk ? 'talk ' + nx.talkTitle : nx.title || '(untitled)') : 'End of the show';
  $('notes').innerHTML = cur && cur.notes ? cur.notes : '<p>(no notes)</p>';
  const who = s.presenting || (cur && presenters[cur.talk]) || '';
  $('presenting').textContent = who ? 'Presenting now: ' + who : '';
  const h = handoff(s);
  $('handoff').hidden = !h;
  if (h) { $('handoff-text').textContent = `Your turn: ${h.talk} (${h.who})`; $('claim').dataset.who = h.who; }
  $('take').hidden = !!h || !s.control || s.control === id;
  $('black').textContent = s.black ? 'Show the slide' : 'Blackout';
  tick();
}

const send = body => {
  r.sent++;
  return fetch('/__notedeck/share', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Notedeck-Token': token },
    body: JSON.stringify(Object.assign({ id }, body))
  }).then(res => res.ok ? '' : res.text().then(t => t.trim() || 'refused (' + res.status + ')'))
    .catch(() => 'not sent: no connection')
    .then(why => { r.refused = why; draw(); });
};
const go = type => { if (navigator.vibrate) navigator.vibrate(15); send({ type }); };
const claim = who => send({ type: 'claim', name: who || '' });
$('next-btn').addEventListener('click', () => go('next'));
$('prev').addEventListener('click', () => go('prev'));
$('black').addEventListener('click', () => go('black'));
$('claim').addEventListener('click', e => claim(e.target.dataset.who));
$('take').addEventListener('click', () => claim(r.state && r.state.presenting));
// Clickers and keyboards send these keys; some phones pass on the volume keys.
addEventListener('keydown', e => {
  const k = { ArrowRight: 'next', PageDown: 'next', ' ': 'next', AudioVolumeDown: 'next', ArrowLeft: 'prev', PageUp: 'prev', AudioVolumeUp: 'prev', b: 'black' }[e.key];
  if (k) { e.preventDefault(); go(k); }
});
let tx = null, ty = 0;
addEventListener('touchstart', e => { const t = e.touches[0]; tx = e.touches.length === 1 ? t.clientX : null; ty = t.clientY; }, { passive: true });
addEventListener('touchend', e => {
  if (tx === null) return;
  const p = e.changedTouches[0], dx = p.clientX - tx, dy = p.clientY - ty;
  tx = null;
  if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) go(dx < 0 ? 'next' : 'prev');
}, { passive: true });

const es = new EventSource('/__notedeck/events?share=1&t=' + encodeURIComponent(token));
es.addEventListener('share', e => {
  const s = JSON.parse(e.data);
  if (r.state && s.seq <= r.state.seq) return;
  r.state = s;
  got = Date.now();
  if (s.v && r.version !== null && s.v !== r.version) load();
  draw();
});
es.addEventListener('error', () => { $('status').textContent = 'Reconnecting…'; });
setInterval(tick, 1000);
load();
})();
