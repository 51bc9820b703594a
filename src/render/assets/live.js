/* notedeck serve: live reload. Only in served pages, never in built files. */
(function () {
  var me = document.currentScript;
  var live = window.__notedeckLive = {
    page: me.getAttribute('data-page'),
    version: me.getAttribute('data-version'),
    gen: -1,
    connected: false,
    // Pages patched in place since this one loaded (a reload resets it).
    patches: 0,
    // When the page last got new content (load or patch), as epoch ms:
    // bench/reload.sh reads it instead of polling the page while it works.
    shownAt: Date.now()
  };
  // The deck's title as built (the speaker view prefixes document.title).
  var title = attr(document.querySelector('main.deck'), 'aria-label');
  var box = null;
  if (!window.EventSource) return;
  function overlay(errs, note) {
    if ((!errs || !errs.length) && !note) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement('div');
      box.id = 'notedeck-errors';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:50vh;overflow:auto;margin:0;padding:1em 1.5em;background:#7a0010;color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;box-shadow:0 -4px 16px rgba(0,0,0,.4)';
      document.body.appendChild(box);
    }
    box.textContent = (errs && errs.length ? 'notedeck: the build failed; showing the last good version.\n\n' + errs.join('\n') : '') + (note ? '\n' + note : '');
  }
  function current() { var d = window.notedeck; return d && d.current ? d.current() : 0; }
  function reloadAt(n) {
    if (es) es.close();
    if (n > 0) history.replaceState(null, '', location.pathname + location.search + '#' + n);
    location.reload();
  }
  // Patch in place from the new page (which the change event carries for
  // this page's own stream; else fetched, same origin, as a reload would):
  // keep the sections whose hash is unchanged, bring in the others, swap
  // changed stylesheets. What cannot be patched (page settings, title, the
  // index) reloads.
  var busy = false, again = false, next = null;
  function update(given) {
    // One patch at a time; the newest page given meanwhile goes next.
    if (busy) { again = true; next = typeof given === 'string' ? given : null; return; }
    busy = true;
    // Where the time of a save goes in the page, for bench/reload.sh: [fetch, parse + patch] ms.
    var t0 = performance.now(), t1 = t0;
    (typeof given === 'string' ? Promise.resolve(given) :
      fetch('/' + live.page.split('/').map(encodeURIComponent).join('/'), { cache: 'no-store' })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); }))
      .then(function (html) {
        t1 = performance.now();
        if (!patch(new DOMParser().parseFromString(html, 'text/html'))) return reloadAt(current());
        live.timing = [t1 - t0, performance.now() - t1];
        live.shownAt = Date.now();
      })
      .catch(function () { reloadAt(current()); })
      .then(function () { busy = false; if (again) { again = false; update(next); } });
  }
  function attr(el, name) { return el ? el.getAttribute(name) : null; }
  function patch(doc) {
    var next = doc.querySelector('script[data-notedeck-live]');
    if (!next) return false;
    if (next.getAttribute('data-version') === live.version) return true;
    var main = document.querySelector('main.deck'), main2 = doc.querySelector('main.deck');
    var styles = document.head.querySelectorAll('style'), styles2 = doc.head.querySelectorAll('style');
    var d = window.notedeck;
    if (!main && !main2) return patchIndex(doc, next, styles, styles2);
    if (!main || !main2 || !d || !d.refresh || styles.length !== styles2.length) return false;
    var same = ['lang', 'data-theme'].every(function (a) { return attr(document.documentElement, a) === attr(doc.documentElement, a); }) &&
      ['data-aspect', 'data-incremental', 'data-index'].every(function (a) { return attr(main, a) === attr(main2, a); });
    var oldHashes = (me.getAttribute('data-slides') || '').split(' ');
    var newHashes = (next.getAttribute('data-slides') || '').split(' ');
    var olds = main.querySelectorAll(':scope > section.slide'), news = main2.querySelectorAll(':scope > section.slide');
    // The overview's talk labels (the show) are the only other children.
    var others = main.querySelectorAll(':scope > :not(section.slide):not(.nd-ov-label)').length;
    if (!same || others || olds.length !== oldHashes.length || news.length !== newHashes.length) return false;
    var pool = {}, cur = current() - 1, curHash = oldHashes[cur], first = -1, list = [], fresh = [], i;
    for (i = 0; i < olds.length; i++) (pool[oldHashes[i]] = pool[oldHashes[i]] || []).push(olds[i]);
    for (i = 0; i < news.length; i++) {
      var keep = pool[newHashes[i]] && pool[newHashes[i]].shift();
      if (keep) {
        ['id', 'data-lines', 'aria-label'].forEach(function (a) { keep.setAttribute(a, news[i].getAttribute(a)); });
        list.push(keep);
      } else {
        var node = document.importNode(news[i], true);
        list.push(node);
        fresh.push(node);
      }
      if (first < 0 && newHashes[i] !== oldHashes[i]) first = i;
    }
    if (first < 0 && newHashes.length !== oldHashes.length) first = Math.min(oldHashes.length, newHashes.length - 1);
    var restyled = false;
    for (i = 0; i < styles.length; i++) if (styles[i].textContent !== styles2[i].textContent) { styles[i].textContent = styles2[i].textContent; restyled = true; }
    // Only what changed moves: the kept sections stay attached (putting
    // every section back restyles and lays out the whole deck).
    if (main.children.length === olds.length) {
      for (i = 0; i < list.length; i++) if (main.children[i] !== list[i]) main.insertBefore(list[i], main.children[i] || null);
      while (main.children.length > list.length) main.lastElementChild.remove();
    } else main.replaceChildren.apply(main, list);
    var title2 = attr(main2, 'aria-label');
    if (title2 !== title) {
      document.title = document.title.replace(title, title2);
      main.setAttribute('aria-label', title2);
      title = title2;
    }
    me.setAttribute('data-version', next.getAttribute('data-version'));
    me.setAttribute('data-slides', next.getAttribute('data-slides'));
    live.version = next.getAttribute('data-version');
    // Stay with the shown slide when it survives and the edit is above it
    // (a slide added before it); else go to the first changed slide.
    var at = newHashes.indexOf(curHash), to;
    if (main.hasAttribute('data-show')) {
      // The show is being presented: it keeps the shown slide, or the one
      // in its place (the same talk's same slide) when that one changed.
      var near = at >= 0 ? at : places(news).indexOf(places(olds)[cur]);
      to = near >= 0 ? near : first >= 0 ? first : cur;
    } else if (at >= 0 && (first < 0 || first <= at)) to = at; else to = first >= 0 ? first : cur;
    // Only new sections need fitting, unless the styles changed.
    d.refresh(to + 1, to === at, restyled ? undefined : fresh);
    live.patches++;
    return true;
  }
  // Where each section of the show stands: its talk (or the opening,
  // agenda or closing) and its position there.
  function places(sections) {
    var count = {};
    return [].map.call(sections, function (s) {
      var c = s.classList, k = s.getAttribute('data-talk') ||
        (c.contains('slide-opening') ? ':opening' : c.contains('slide-agenda') ? ':agenda' : c.contains('slide-closing') ? ':closing' : ':');
      count[k] = (count[k] || 0) + 1;
      return k + '/' + count[k];
    });
  }
  // The index has no slides: its header and cards are swapped whole,
  // the scroll position kept.
  function patchIndex(doc, next, styles, styles2) {
    var parts = ['body > header', 'body > main'];
    if (styles.length !== styles2.length || attr(document.body, 'class') !== attr(doc.body, 'class') ||
      !parts.every(function (q) { return document.querySelector(q) && doc.querySelector(q); })) return false;
    for (var i = 0; i < styles.length; i++) if (styles[i].textContent !== styles2[i].textContent) styles[i].textContent = styles2[i].textContent;
    ['lang', 'data-theme'].forEach(function (a) { document.documentElement.setAttribute(a, attr(doc.documentElement, a) || ''); });
    parts.forEach(function (q) { document.querySelector(q).replaceWith(document.importNode(doc.querySelector(q), true)); });
    document.title = doc.title;
    me.setAttribute('data-version', next.getAttribute('data-version'));
    live.version = next.getAttribute('data-version');
    live.patches++;
    return true;
  }
  // Hidden tabs let go of their stream: browsers allow only 6 HTTP/1.1
  // connections per host, and a 7th tab must still load.
  var es = null;
  function connect() {
    es = new EventSource('/__notedeck/events?page=' + encodeURIComponent(live.page));
    es.addEventListener('hello', function (e) {
      var m = JSON.parse(e.data);
      live.gen = m.gen;
      live.connected = true;
      overlay(m.errors);
      // Changed while this page loaded or while the tab was hidden: patch
      // (which reloads only what it cannot patch).
      if (m.version && m.version !== live.version) update();
    });
    es.addEventListener('reload', function (e) {
      var m = JSON.parse(e.data);
      if (m.gen <= live.gen) return;
      live.gen = m.gen;
      // A deck that vanishes (a file empty for a moment mid-save, a
      // rename) keeps its tab where it is, with a notice; never navigate away.
      var gone = m.removed.indexOf(live.page) >= 0;
      overlay(m.errors, gone ? 'notedeck: ' + live.page + ' is no longer in the build.' : '');
      if (Object.prototype.hasOwnProperty.call(m.changed, live.page)) update(m.html);
    });
  }
  document.addEventListener('visibilitychange', function () {
    if (document.hidden) { if (es) { es.close(); es = null; live.connected = false; } }
    else if (!es) connect();
  });
  if (!document.hidden) connect();
})();
