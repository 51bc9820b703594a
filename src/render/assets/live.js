/* notedeck serve: live reload. Only in served pages, never in built files. */
(function () {
  var me = document.currentScript;
  var live = window.__notedeckLive = {
    page: me.getAttribute('data-page'),
    version: me.getAttribute('data-version'),
    gen: -1,
    connected: false
  };
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
      // Changed while this page loaded or while the tab was hidden.
      if (m.version && m.version !== live.version) reloadAt(current());
    });
    es.addEventListener('reload', function (e) {
      var m = JSON.parse(e.data);
      if (m.gen <= live.gen) return;
      live.gen = m.gen;
      // A deck that vanishes (a file empty for a moment mid-save, a
      // rename) keeps its tab where it is, with a notice; never navigate away.
      var gone = m.removed.indexOf(live.page) >= 0;
      overlay(m.errors, gone ? 'notedeck: ' + live.page + ' is no longer in the build.' : '');
      if (Object.prototype.hasOwnProperty.call(m.changed, live.page)) reloadAt(m.changed[live.page] || current());
    });
  }
  document.addEventListener('visibilitychange', function () {
    if (document.hidden) { if (es) { es.close(); es = null; live.connected = false; } }
    else if (!es) connect();
  });
  if (!document.hidden) connect();
})();
