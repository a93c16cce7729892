// noichinh's own script: small progressive enhancements. Every page works
// without it; the Content-Security-Policy allows only this file and the
// vendored libraries (no inline script).
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var toggle = e.target.closest("[data-nav-toggle]");
    if (toggle) {
      var open = document.body.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
  });
  // Forms that change something irreversible ask first.
  document.addEventListener("submit", function (e) {
    var msg = e.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) { e.preventDefault(); }
  });
  // Selects that act at once (organisation, language) submit their form.
  document.addEventListener("change", function (e) {
    if (e.target.matches("[data-autosubmit]")) { e.target.form.requestSubmit(); }
  });
  // Charts: <canvas data-chart> followed by <script type="application/json"> with the Chart.js config.
  function drawCharts(root) {
    if (!window.Chart) { return; }
    root.querySelectorAll("canvas[data-chart]").forEach(function (c) {
      if (c.dataset.drawn) { return; }
      var src = document.getElementById(c.dataset.chart);
      if (!src) { return; }
      c.dataset.drawn = "1";
      new window.Chart(c, JSON.parse(src.textContent));
    });
  }
  document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
  document.addEventListener("htmx:afterSwap", function (e) { drawCharts(e.target); });
})();
