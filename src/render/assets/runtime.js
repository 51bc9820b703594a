/* notedeck presenting runtime: navigation, fit, overview, speaker view. No network, no dependencies. */
(() => {
'use strict';
const deck = document.querySelector('main.deck');
// Run once per deck, marked on the element itself: a named global (an
// element with id="notedeck") must not be mistaken for the runtime.
const ran = Symbol.for('notedeck.runtime');
if (!deck || deck[ran]) return; // e.g. the recap index page
deck[ran] = true;
// `let`: live reload (notedeck serve) swaps sections in place, then calls refresh().
let slides = [...deck.querySelectorAll(':scope > section.slide')];
let n = slides.length;
if (!n) return;

const root = document.documentElement;
const W = deck.dataset.aspect === '4:3' ? 960 : 1280, H = 720;
const params = new URLSearchParams(location.search);
const isSpeaker = params.has('speaker'), printNotes = params.has('print-notes');
root.style.setProperty('--nd-w', W + 'px');
if (printNotes) root.classList.add('nd-print-notes');

// A slide's clicks (element groups): its data-step groups, else with data-incremental one per item.
const fragsOf = s => {
  const marked = [...s.querySelectorAll('.slide-body .nd-step[data-step]')];
  if (marked.length) {
    const by = new Map();
    marked.forEach(e => { const k = e.dataset.step; if (!by.has(k)) by.set(k, []); by.get(k).push(e); });
    return [...by.values()];
  }
  return (s.dataset.incremental || deck.dataset.incremental) === 'true' && !s.classList.contains('slide-title')
    ? [...s.querySelectorAll('.slide-body li')].map(li => [li]) : [];
};
let frags = slides.map(fragsOf);
let cur = -1, step = 0, overview = false, sel = 0, cols = 1;
// Recap show: each talk's slides carry its id (data-talk). A talk's own deck links its neighbours (data-prev/next).
let talkOf, talkIds;
const talksOf = () => { talkOf = slides.map(s => s.dataset.talk || ''); talkIds = [...new Set(talkOf.filter(Boolean))]; };
talksOf();
const talkNo = i => talkIds.indexOf(talkOf[i]);
const hint = document.querySelector('.nd-next-hint');
const pos = i => `${i + 1} / ${n}` + (talkNo(i) < 0 ? '' : ` · Talk ${talkNo(i) + 1} of ${talkIds.length}`);

const el = (tag, cls, html) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (html) e.innerHTML = html;
  return e;
};
const clamp = i => Math.max(0, Math.min(n - 1, i | 0));
const title = i => {
  const h = slides[i].querySelector('.slide-heading');
  return h ? h.textContent.trim() : '';
};

// ---- Chrome: progress, counter, live region, blackout, help ----
const progress = el('div', 'nd-progress', '<div></div>'), bar = progress.firstChild;
const counter = el('div', 'nd-counter');
counter.setAttribute('aria-hidden', 'true');
const live = el('div', 'nd-sr');
live.setAttribute('aria-live', 'polite');
const black = el('div', 'nd-black');
black.hidden = true;
const keys = [
  ['→ ↓ Space PgDn n l j', 'Next'], ['← ↑ PgUp p h k Shift+Space', 'Previous'], ['Home / End', 'First / last slide'],
  ['0-9 Enter', 'Go to slide number'], ['o Esc', 'Overview'], ['f', 'Fullscreen'], ['b .', 'Blackout'],
  ['+ -', 'Larger / smaller text'], ['i', 'Index of talks'], ['s', 'Speaker view'], ['t', 'Pause timer (speaker view)'],
  ['?', 'This help']
];
const help = el('div', 'nd-dialog', '<div class="nd-panel" role="dialog" aria-modal="true" aria-labelledby="nd-help-h">' +
  '<h2 id="nd-help-h">Keyboard shortcuts</h2><table>' + keys.map(([k, what]) => '<tr><th scope="row">' +
    k.split(' ').map(x => x === '/' ? x : `<kbd>${x}</kbd>`).join(' ') + `</th><td>${what}</td></tr>`).join('') +
  '</table><button type="button" class="nd-btn">Close</button></div>');
help.hidden = true;
document.body.append(progress, counter, live, black, help);
const helpBtn = help.querySelector('button');
let lastFocus = null;

const toggleHelp = on => {
  help.hidden = !on;
  if (on) { lastFocus = document.activeElement; helpBtn.focus(); }
  else if (lastFocus && lastFocus.focus) lastFocus.focus();
};
helpBtn.addEventListener('click', () => toggleHelp(false));
help.addEventListener('click', e => { if (e.target === help) toggleHelp(false); });

const setBlack = (on, remote) => {
  black.hidden = !on;
  if (isSpeaker) updateSpeaker();
  if (!remote) send();
};

// ---- Showing a slide. st = -1 means "fully revealed". hist: 'push' | 'replace' | 'none' ----
function show(i, st, hist, remote) {
  i = clamp(i);
  const f = frags[i], changed = i !== cur;
  st = st < 0 || st > f.length ? f.length : st | 0;
  if (changed) {
    if (cur >= 0) { slides[cur].classList.remove('nd-current'); slides[cur].setAttribute('aria-hidden', 'true'); }
    slides[i].classList.add('nd-current');
    slides[i].removeAttribute('aria-hidden');
  }
  f.forEach((g, k) => g.forEach(e => e.classList.toggle('nd-future', k >= st)));
  // A click step is announced by what it reveals.
  if (!changed && st > step) live.textContent = f.slice(step, st).flat().map(e => e.textContent.trim()).join(' ');
  cur = i; step = st;
  bar.style.width = (n > 1 ? i / (n - 1) * 100 : 100) + '%';
  counter.textContent = pos(i);
  if (hint) hint.hidden = i !== n - 1;
  if (!overview && changed) deck.scrollTop = deck.scrollLeft = 0;
  if (changed) {
    live.textContent = `Slide ${i + 1} of ${n}` + (title(i) ? ': ' + title(i) : '');
    const h = '#' + (talkOf[i] ? talkOf[i] + '/' + (i - talkOf.indexOf(talkOf[i]) + 1) : i + 1);
    if (hist !== 'none' && location.hash !== h) {
      try { history[hist === 'push' ? 'pushState' : 'replaceState'](null, '', h); } catch (e) { /* sandboxed */ }
    }
  }
  if (isSpeaker) updateSpeaker();
  if (!remote) send();
}
const userHist = isSpeaker ? 'replace' : 'push';
// Past either end of a talk's deck: the neighbouring talk's deck (a speaker window takes its deck window along).
const chain = dir => {
  const href = deck.dataset[dir > 0 ? 'next' : 'prev'];
  if (!href) return;
  if (isSpeaker) {
    send('go', dir);
    try { sessionStorage.setItem('nd-sv', String(elapsed())); } catch (e) { /* no storage */ }
  }
  location.href = href + (isSpeaker ? '?speaker=' + encodeURIComponent(ownNonce) : '') + (dir < 0 ? '#end' : '');
};
const next = () => {
  if (step < frags[cur].length) show(cur, step + 1, userHist);
  else if (cur < n - 1) show(cur + 1, 0, userHist);
  else chain(1);
};
const prev = () => {
  if (step > 0) show(cur, step - 1, userHist);
  else if (cur > 0) show(cur - 1, -1, userHist);
  else chain(-1);
};
const jump = i => show(i, -1, userHist);

// #3, #slide-3, #end, #talk-id, #talk-id/2
const fromHash = () => {
  const h = location.hash.slice(1);
  let m = /^(?:slide-)?(\d+)$/.exec(h);
  if (m) return +m[1] - 1;
  if (h === 'end') return n - 1;
  m = /^(.+?)(?:\/(\d+))?$/.exec(h);
  const f = m ? talkOf.indexOf(m[1]) : -1;
  return f < 0 ? null : Math.min(f + Math.max(0, (+m[2] || 1) - 1), talkOf.lastIndexOf(m[1]));
};
const onHash = () => {
  const i = fromHash();
  if (i !== null && (clamp(i) !== cur || i !== clamp(i))) show(i, -1, 'replace');
};
addEventListener('hashchange', onHash);
addEventListener('popstate', onHash);

// ---- Scaling the canvas into the window (or the speaker view's box) ----
// Zoom z (browser zoom times the +/- text size) gives the canvas W/z by H/z CSS px: it still fills the
// window, its text grows by z and reflows. Browser zoom shrinks the CSS viewport inside a window measured
// in screen px (outerWidth): Chromium and WebKit. Unless a docked panel explains the ratio (height disagrees).
let zoom = 1, textZoom = 1, phone = false, printing = false;
const browserZoom = () => {
  const z = outerWidth / innerWidth, rest = outerHeight - innerHeight * z;
  return window === top && z > 1.05 && rest > -2 && rest < 200 ? Math.min(z, 4) : 1;
};
const scaleInto = box => Math.min(box.clientWidth * zoom / W, box.clientHeight * zoom / H) || 1;
const bodyPx = () => parseFloat(getComputedStyle(slides[0]).fontSize) || 32;
const layout = () => {
  const z = printing ? 1 : Math.round(browserZoom() * textZoom * 100) / 100;
  // A portrait window where the fitted canvas would show body text under 16 px (a phone): the current
  // slide is laid out at the window's width instead, scrolling down, body text 19 px (times +/-) so that
  // nested lists (x0.875) stay above 16.
  const ph = !isSpeaker && !printing && innerHeight > innerWidth && Math.min(innerWidth / W, innerHeight / H) * bodyPx() < 16;
  deck.style.setProperty('--nd-phone', 19 * textZoom / bodyPx());
  if (z !== zoom || ph !== phone) {
    zoom = z; phone = ph;
    root.classList.toggle('nd-phone', ph);
    root.classList.toggle('nd-zoomed', z > 1);
    root.style.setProperty('--nd-w', W / z + 'px');
    root.style.setProperty('--nd-h', H / z + 'px');
    fitAll();
  }
  deck.style.setProperty('--nd-scale', scaleInto(deck));
  if (overview) layoutOverview();
  if (frame) frame.style.setProperty('--nd-scale', scaleInto(frame));
};
const textSize = f => { textZoom = Math.max(1, Math.min(3, textZoom * f)); layout(); };
// Print the canvas as designed.
addEventListener('beforeprint', () => { printing = true; layout(); });
addEventListener('afterprint', () => { printing = false; layout(); });
// Focusing a link can scroll the overflow:hidden deck; keep it still (a phone's view scrolls down).
deck.addEventListener('scroll', () => { if (!overview && !phone) deck.scrollTop = deck.scrollLeft = 0; });

// ---- Fit: shrink overflowing content (not below 60%), else make it scroll ----
// Zoomed text is not shrunk back: what no longer fits scrolls.
const MIN = 0.6, floor = () => zoom > 1 ? 1 : MIN;
const over = e => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1;
// Text overflowing a <pre> does not reach the container's scrollWidth, so check each pre too.
const overflows = c => over(c) || [...c.querySelectorAll('pre')].some(over);
function fit(s) {
  const c = s.querySelector('.slide-content');
  if (!c) return;
  const set = f => c.style.setProperty('--nd-fit', f);
  s.classList.add('nd-measure');
  set(1);
  let f = 1;
  if (overflows(c)) {
    set(floor());
    if (overflows(c)) f = floor();
    else {
      let lo = floor(), hi = 1; // lo fits, hi overflows
      for (let k = 0; k < 5; k++) {
        const mid = (lo + hi) / 2;
        set(mid);
        if (overflows(c)) hi = mid; else lo = mid;
      }
      f = Math.floor(lo * 100) / 100;
    }
    set(f);
  }
  if (f === floor() && overflows(c)) s.dataset.overflow = 'scroll';
  else delete s.dataset.overflow;
  s.classList.remove('nd-measure');
  if (f === 1) c.style.removeProperty('--nd-fit');
  s.dataset.fit = String(f);
  if (printNotes) fitNotes(s);
}
const fitNotes = s => {
  const a = s.querySelector(':scope > .notes');
  for (let px = 20; a && px >= 9; px--) {
    a.style.fontSize = px + 'px';
    if (a.scrollHeight <= a.clientHeight + 1) break;
  }
};
// Marp <!--fit--> titles (at most a third of the height) and Quarto ::: {.r-fit-text} text: on one line as wide
// as their box, grown only into the room the slide has left (layout measured them at their usual size).
const fitTitle = s => s.querySelectorAll('[data-fit-title] .slide-heading, .nd-fit-text').forEach(e => {
  const c = s.querySelector('.slide-content'), b = e.parentElement, cs = getComputedStyle(b);
  e.style.fontSize = '';
  e.classList.add('nd-fit-title');
  const px = parseFloat(getComputedStyle(e).fontSize), w = e.scrollWidth, set = f => e.style.fontSize = px * f + 'px';
  let f = w && Math.min((b.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)) / w,
    (e.matches('.nd-fit-text') ? H / zoom : H / zoom / 3 / 1.15) / px);
  while (f > 1 && (set(f), over(c))) f = Math.max(1, f * .9);
  if (f) set(f);
});
// One read-only pass first (a single layout), then measure only slides that overflow or were shrunk.
const fitAll = (list = slides) => {
  list.forEach(fitTitle);
  list.filter(s => {
    const c = s.querySelector('.slide-content');
    if (!c) return false;
    if ((s.dataset.fit || '1') !== '1' || s.dataset.overflow || overflows(c)) return true;
    s.dataset.fit = '1';
    return false;
  }).forEach(fit);
  if (printNotes) list.forEach(fitNotes);
  if (isSpeaker) updateSpeaker();
};
const prepare = (s, i) => {
  s.dataset.ndN = i + 1;
  s.setAttribute('aria-hidden', 'true');
  s.querySelectorAll('img').forEach(img => { if (!img.complete) img.addEventListener('load', () => fit(s)); });
};
slides.forEach(prepare);
// After live reload replaced sections: rescan, refit the `fresh` ones (default: all), show slide
// `to` (1-based), keeping the current step when `keepStep` (the shown slide itself did not change).
const refresh = (to, keepStep, fresh) => {
  const st = keepStep ? step : -1;
  slides.forEach(s => s.classList.remove('nd-current', 'nd-selected'));
  slides = [...deck.querySelectorAll(':scope > section.slide')];
  n = slides.length;
  frags = slides.map(fragsOf);
  // Talks may have come or gone: the overview labels them anew.
  talksOf();
  labels.splice(0).forEach(l => l && l.remove());
  slides.forEach(prepare);
  fitAll(fresh || slides);
  cur = -1;
  if (overview) {
    slides.forEach(s => { s.removeAttribute('aria-hidden'); s.tabIndex = -1; });
    layoutOverview();
    sel = clamp(sel);
    slides[sel].classList.add('nd-selected');
  }
  show((to | 0) - 1, st, 'replace', true);
};

// ---- Overview: the sections themselves laid out on a grid ----
// In a recap each talk starts a row under its own label.
const labels = [];
function layoutOverview() {
  const gap = 20, aw = deck.clientWidth - gap, lh = talkIds.length ? 26 : 0;
  cols = Math.max(1, Math.min(n, Math.round(aw / 300)));
  const tw = aw / cols - gap, sc = tw * zoom / W, th = tw * H / W;
  let c = cols, y = -th;
  slides.forEach((s, i) => {
    const start = lh && talkOf[i] !== talkOf[i - 1];
    if (c >= cols || start) {
      c = 0; y += th + gap;
      if (start && talkOf[i]) {
        const l = labels[i] = labels[i] || deck.appendChild(el('p', 'nd-ov-label'));
        l.textContent = `Talk ${talkNo(i) + 1} · ${s.dataset.talkTitle}`;
        l.style.setProperty('--ox', gap + 'px');
        l.style.setProperty('--oy', y + 'px');
        y += lh;
      }
    }
    s.style.setProperty('--ox', gap + c++ * (tw + gap) + 'px');
    s.style.setProperty('--oy', y + 'px');
    s.style.setProperty('--os', sc);
  });
}
const select = i => {
  slides[sel].classList.remove('nd-selected');
  sel = clamp(i);
  slides[sel].classList.add('nd-selected');
  slides[sel].focus({ preventScroll: true });
  slides[sel].scrollIntoView({ block: 'nearest' });
};
const toggleOverview = on => {
  if (on === overview) return;
  overview = on;
  deck.classList.toggle('nd-overview', on);
  slides.forEach((s, i) => {
    if (on) { s.removeAttribute('aria-hidden'); s.tabIndex = -1; return; }
    s.removeAttribute('tabindex');
    s.classList.remove('nd-selected');
    if (i !== cur) s.setAttribute('aria-hidden', 'true');
  });
  if (on) { layoutOverview(); sel = cur; select(cur); return; }
  deck.scrollTop = deck.scrollLeft = 0;
  if (deck.contains(document.activeElement)) document.activeElement.blur();
};
const pick = i => { toggleOverview(false); jump(i); };

// ---- Keyboard ----
let buf = '', bufTimer = 0;
const clearBuf = () => { buf = ''; clearTimeout(bufTimer); counter.textContent = pos(cur); };
const flipBlack = () => setBlack(black.hidden);
const keymap = {
  ArrowRight: next, ArrowDown: next, ' ': next, PageDown: next, n: next, l: next, j: next,
  ArrowLeft: prev, ArrowUp: prev, PageUp: prev, p: prev, h: prev, k: prev,
  Home: () => show(0, 0, userHist),
  End: () => jump(n - 1),
  o: () => toggleOverview(true), Escape: () => toggleOverview(true),
  f: () => {
    const p = document.fullscreenElement ? document.exitFullscreen() : root.requestFullscreen && root.requestFullscreen();
    if (p && p.catch) p.catch(() => {});
  },
  b: flipBlack, '.': flipBlack,
  '?': () => toggleHelp(true),
  i: () => { if (deck.dataset.index && !isSpeaker) location.href = deck.dataset.index; },
  s: () => openSpeaker(),
  '+': () => textSize(1.25), '-': () => textSize(0.8),
  t: () => { if (isSpeaker) pauseTimer(); }
};
document.addEventListener('keydown', e => {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target.closest ? e.target : document.body, k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (t.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
  if (!help.hidden) {
    if (k === 'Escape' || k === '?') { e.preventDefault(); toggleHelp(false); }
    else if (k === 'Tab') { e.preventDefault(); helpBtn.focus(); }
    return;
  }
  // Let focused links and buttons handle Enter / Space themselves.
  if ((k === 'Enter' || k === ' ') && !overview && t.closest('a, button')) return;
  if (overview) {
    const mv = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols, Home: -n, End: n }[k];
    if (mv) select(sel + mv);
    else if (k === 'Enter' || k === ' ') pick(sel);
    else if (k === 'Escape' || k === 'o') toggleOverview(false);
    else if (k === '?') toggleHelp(true);
    else return;
    e.preventDefault();
    return;
  }
  if (/^[0-9]$/.test(k)) {
    buf = (buf + k).slice(-4);
    counter.textContent = 'Go to ' + buf;
    clearTimeout(bufTimer);
    bufTimer = setTimeout(clearBuf, 3000);
    return;
  }
  if (buf && (k === 'Enter' || k === 'Escape' || k === 'Backspace')) {
    e.preventDefault();
    const target = +buf - 1;
    clearBuf();
    if (k === 'Enter' && target >= 0) jump(target);
    return;
  }
  if (keymap[k]) { e.preventDefault(); (k === ' ' && e.shiftKey ? prev : keymap[k])(); }
});

// ---- Pointer: click/tap right or left half; swipe ----
deck.addEventListener('click', e => {
  if (overview) {
    const s = e.target.closest('.slide');
    if (s) pick(slides.indexOf(s));
    return;
  }
  if (e.button !== 0 || e.target.closest('a, button, input, select, textarea, summary, video, audio, pre')) return;
  if (String(getSelection())) return;
  const r = deck.getBoundingClientRect();
  if (e.clientX - r.left > r.width / 2) next(); else prev();
});
let tx = null, ty = 0;
deck.addEventListener('touchstart', e => {
  if (e.touches.length === 1) { tx = e.touches[0].clientX; ty = e.touches[0].clientY; } else tx = null;
}, { passive: true });
deck.addEventListener('touchend', e => {
  if (tx === null || overview) return;
  const p = e.changedTouches[0], dx = p.clientX - tx, dy = p.clientY - ty;
  tx = null;
  if (Math.abs(dx) > 40 && Math.abs(dx) > 1.5 * Math.abs(dy)) { if (dx < 0) next(); else prev(); }
}, { passive: true });

// ---- Speaker view sync: window.open + postMessage, which works between file:// pages ----
// Opaque origins make the origin useless, so a message is trusted by its source window, or by
// the nonce this deck put in its speaker window's URL (kept in the tab across reloads).
let peer = isSpeaker ? window.opener : null;
const ownNonce = isSpeaker ? params.get('speaker') : null;
let nonce = null;
try { nonce = sessionStorage.getItem('nd-sv-nonce'); } catch (e) { }
function send(type, dir) {
  deck.dispatchEvent(new Event('nd-state'));
  if (!peer || peer.closed) return;
  try { peer.postMessage({ notedeck: 1, type: type || 'state', slide: cur, step, black: !black.hidden, dir, nonce: ownNonce }, '*'); } catch (e) { /* gone */ }
}
const openSpeaker = () => {
  if (isSpeaker) return;
  if (peer && !peer.closed) { peer.focus(); return; }
  if (!nonce) {
    nonce = crypto.getRandomValues(new Uint32Array(4)).join('');
    try { sessionStorage.setItem('nd-sv-nonce', nonce); } catch (e) { }
  }
  const url = location.href.replace(/#.*$/, '') + (location.search ? '&' : '?') + 'speaker=' + nonce + '#' + (cur + 1);
  peer = window.open(url, '_blank', 'popup,width=1200,height=760');
};
addEventListener('message', e => {
  const d = e.data;
  if (!d || d.notedeck !== 1 || !e.source || e.source === window) return;
  if (isSpeaker) { if (e.source !== window.opener) return; }
  else if (e.source !== peer) {
    // A speaker window that outlived a reload of this page re-announces itself: adopt it.
    if (d.type !== 'hello' || !nonce || d.nonce !== nonce || (peer && !peer.closed) || e.source === window.opener || e.source === window.parent) return;
    peer = e.source;
    send();
    return;
  }
  if (d.type === 'hello') { if (d.first) send(); return; }
  if (d.type === 'go' && !isSpeaker) { peer = null; chain(d.dir); return; }
  if (d.type === 'state' && typeof d.slide === 'number') {
    if (d.slide !== cur || d.step !== step) show(d.slide, d.step, isSpeaker ? 'replace' : 'push', true);
    if (!d.black !== black.hidden) setBlack(d.black, true);
  }
});

// ---- Speaker window UI ----
let sv = null, frame = null, t0 = Date.now(), acc = 0, running = true, talkT = 0, lastTalk = null;
const $ = q => sv.querySelector(q);
const elapsed = () => acc + (running ? Date.now() - t0 : 0);
const pad2 = x => (x < 10 ? '0' : '') + x;
const fmt = ms => {
  const s = Math.floor(ms / 1000), hh = Math.floor(s / 3600), mm = Math.floor(s / 60) % 60;
  return (hh ? hh + ':' + pad2(mm) : mm) + ':' + pad2(s % 60);
};
function tick() {
  const e = elapsed(), at = cur < 0 ? undefined : slides[cur].dataset.at, pace = $('.nd-sv-pace');
  $('.nd-sv-timer').textContent = fmt(e);
  $('.nd-sv-talk').textContent = talkOf[cur] ? 'This talk ' + fmt(e - talkT) : '';
  // data-at: when the plan (minutes per talk, or the recap's total) reaches this slide.
  const d = at === undefined ? 0 : Math.round(e / 1000 - at);
  pace.textContent = at === undefined ? '' : Math.abs(d) < 30 ? 'On time' : fmt(Math.abs(d) * 1000) + (d > 0 ? ' behind' : ' ahead');
  pace.classList.toggle('nd-behind', d >= 30);
  $('.nd-sv-clock').textContent = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
function pauseTimer() {
  if (running) acc += Date.now() - t0; else t0 = Date.now();
  running = !running;
  const b = $('.nd-sv-bar button');
  b.textContent = running ? 'Pause' : 'Resume';
  b.setAttribute('aria-pressed', String(!running));
  tick();
}
function buildSpeaker() {
  root.classList.add('nd-speaker');
  document.title = 'Speaker view · ' + document.title;
  sv = el('div', 'nd-sv', '<div class="nd-sv-bar"><span class="nd-sv-timer" role="timer" aria-label="Elapsed time"></span>' +
    '<button type="button" class="nd-btn" aria-pressed="false">Pause</button><button type="button" class="nd-btn">Reset</button>' +
    '<span class="nd-sv-talk"></span><span class="nd-sv-pace" role="status"></span><span class="nd-sv-pos"></span><span class="nd-sv-clock" aria-label="Clock"></span></div>' +
    '<section class="nd-sv-next" aria-label="Next slide"><h2 class="nd-sv-label">Next <span></span></h2><div class="nd-sv-frame"></div></section>' +
    '<section class="nd-sv-notes" aria-label="Speaker notes"><h2 class="nd-sv-label">Notes</h2><div></div></section>');
  deck.before(sv);
  sv.children[0].after(deck);
  frame = $('.nd-sv-frame');
  const [pause, reset] = sv.querySelectorAll('.nd-sv-bar button');
  pause.addEventListener('click', pauseTimer);
  reset.addEventListener('click', () => { acc = talkT = 0; t0 = Date.now(); tick(); });
  // Carried over from the previous talk's deck: the total keeps running.
  try { acc = talkT = +sessionStorage.getItem('nd-sv') || 0; sessionStorage.removeItem('nd-sv'); } catch (e) { /* no storage */ }
  tick();
  // Hello every second lets a deck window that was reloaded re-adopt this one.
  setInterval(() => { tick(); send('hello'); }, 1000);
}
function updateSpeaker() {
  if (!sv || cur < 0) return;
  const left = frags[cur].length - step, nt = talkOf[cur + 1];
  if (talkOf[cur] !== lastTalk) { lastTalk = talkOf[cur]; talkT = elapsed(); }
  $('.nd-sv-pos').textContent = 'Slide ' + pos(cur) + (black.hidden ? '' : ' · blacked out');
  $('.nd-sv-next span').textContent = left ? `(${left} more item${left > 1 ? 's' : ''} here first)` :
    nt && nt !== talkOf[cur] ? `(next talk: ${slides[cur + 1].dataset.talkTitle})` : '';
  if (cur < n - 1) {
    const c = slides[cur + 1].cloneNode(true);
    c.classList.remove('nd-current', 'nd-selected');
    c.removeAttribute('aria-hidden');
    c.removeAttribute('id');
    c.querySelectorAll('[id]').forEach(x => x.removeAttribute('id'));
    c.querySelectorAll('.nd-future').forEach(x => x.classList.remove('nd-future'));
    frame.replaceChildren(c);
  } else {
    const end = el('div', 'nd-sv-end');
    end.textContent = hint ? hint.textContent : 'End of deck';
    frame.replaceChildren(end);
  }
  tick();
  const notes = slides[cur].querySelector(':scope > .notes');
  $('.nd-sv-notes div').innerHTML = notes && notes.innerHTML.trim() ? notes.innerHTML : '<p>(no notes)</p>';
}

// ---- Start ----
if (isSpeaker) buildSpeaker();
const ro = new ResizeObserver(layout);
ro.observe(deck);
if (frame) ro.observe(frame);
layout();
fitAll();
if (document.fonts) document.fonts.ready.then(() => fitAll());
const start = fromHash();
show(start === null ? 0 : start, start === null ? 0 : -1, start === null ? 'none' : 'replace', true);
// The first hello asks the deck window for its current state.
if (isSpeaker && peer) try { peer.postMessage({ notedeck: 1, type: 'hello', first: true, nonce: ownNonce }, '*'); } catch (e) { /* gone */ }

window.notedeck = {
  goTo: i => { jump((+i || 1) - 1); return cur + 1; },
  current: () => cur + 1,
  count: () => n,
  next: () => { next(); return cur + 1; },
  prev: () => { prev(); return cur + 1; },
  step: () => step,
  talk: () => talkOf[cur] || null,
  set: (i, st, b) => { show(i, st, 'replace', 1); setBlack(b, 1); },
  refresh
};
})();
