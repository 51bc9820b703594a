// Placeholder runtime: one slide at a time, arrows/space, #N deep links.
(function () {
  var slides = document.querySelectorAll('main.deck > section.slide');
  if (!slides.length) return;
  var cur = 0;
  function show(i) {
    cur = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, j) { s.classList.toggle('active', j === cur); });
    if (location.hash !== '#' + (cur + 1)) history.replaceState(null, '', '#' + (cur + 1));
  }
  function fromHash() { var n = parseInt(location.hash.slice(1), 10); show(isNaN(n) ? 0 : n - 1); }
  document.addEventListener('keydown', function (e) {
    if (['ArrowRight', 'ArrowDown', ' ', 'PageDown'].indexOf(e.key) >= 0) { show(cur + 1); e.preventDefault(); }
    if (['ArrowLeft', 'ArrowUp', 'PageUp'].indexOf(e.key) >= 0) { show(cur - 1); e.preventDefault(); }
  });
  window.addEventListener('hashchange', fromHash);
  window.notedeck = { goTo: function (n) { show(n - 1); }, current: function () { return cur + 1; }, count: function () { return slides.length; } };
  fromHash();
})();
