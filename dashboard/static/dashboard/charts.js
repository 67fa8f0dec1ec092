/* Draws every chart of the page: an element with data-figure="<id>" gets the figure held in the JSON script
   element of that id (Django's json_script). No inline script: the page can run under a strict Content
   Security Policy. A bar or point whose first customdata is a URL opens it when clicked. */
(function () {
  "use strict";
  function draw(element) {
    var source = document.getElementById(element.dataset.figure);
    if (!source || !window.Plotly) { return; }
    var figure = JSON.parse(source.textContent);
    var config = { displayModeBar: false, responsive: true, locale: document.documentElement.lang || "vi" };
    window.Plotly.newPlot(element, figure.data, figure.layout, config).then(function () {
      element.dataset.rendered = "true";
    });
    element.on("plotly_click", function (event) {
      var point = event.points && event.points[0];
      var target = point && point.customdata;
      var url = Array.isArray(target) ? target[0] : null;
      if (typeof url === "string" && url.charAt(0) === "/") { window.location.assign(url); }
    });
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });
  function drawAll() { document.querySelectorAll("[data-figure]").forEach(draw); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", drawAll); } else { drawAll(); }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("[data-rendered]").forEach(function (element) { window.Plotly.Plots.resize(element); });
  });
})();
