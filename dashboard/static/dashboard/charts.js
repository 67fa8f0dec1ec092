/* Draws every chart of the page: an element with data-figure="<id>" gets the figure held in the JSON script
   element of that id (Django's json_script). No inline script: the page can run under a strict Content
   Security Policy. A bar or point whose first customdata is a URL opens it when clicked. A figure may carry
   "narrow" changes (dashboard/charts.py, with_narrow): they apply while its box is narrower than "below" pixels
   (a phone), and the chart is drawn again when the window crosses that width. */
(function () {
  "use strict";
  // Sets a plotly dotted path ("xaxis.title.text", "annotations[0].text") inside a plain object.
  function put(target, path, value) {
    var keys = path.replace(/\[(\d+)\]/g, ".$1").split(".");
    var last = keys.pop();
    keys.forEach(function (key) {
      if (target[key] === undefined || target[key] === null) { target[key] = {}; }
      target = target[key];
    });
    target[last] = value;
  }
  function figureFor(element) {
    var source = document.getElementById(element.dataset.figure);
    if (!source) { return null; }
    var figure = JSON.parse(source.textContent);
    var narrow = figure.narrow;
    element.dataset.narrow = "false";
    // A chart drawn at a fixed width (the briefing's, an A4 page's) takes its box's width on a narrower screen.
    if (figure.layout.width && element.clientWidth < figure.layout.width) { delete figure.layout.width; }
    if (narrow && element.clientWidth < narrow.below && !window.matchMedia("print").matches) {
      Object.keys(narrow.layout).forEach(function (path) { put(figure.layout, path, narrow.layout[path]); });
      figure.data.forEach(function (trace) {
        Object.keys(narrow.traces).forEach(function (path) { put(trace, path, narrow.traces[path]); });
      });
      element.dataset.narrow = "true";
    }
    return figure;
  }
  function draw(element) {
    var figure = figureFor(element);
    if (!figure || !window.Plotly) { return; }
    var config = { displayModeBar: false, responsive: true, locale: document.documentElement.lang || "vi" };
    var drawn = element.dataset.rendered ? window.Plotly.react : window.Plotly.newPlot;
    drawn(element, figure.data, figure.layout, config).then(function () {
      element.dataset.rendered = "true";
    });
    if (!element.dataset.clickable) {
      element.dataset.clickable = "true";
      element.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        var target = point && point.customdata;
        var url = Array.isArray(target) ? target[0] : null;
        if (typeof url === "string" && url.charAt(0) === "/") { window.location.assign(url); }
      });
    }
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });
  // A part of the page loaded after it (data-part="<url>", the server's HTML of the part): its charts are drawn
  // once it is in. Until then, or if it cannot be had, the element keeps what it holds (a link to the part's page).
  function load(element) {
    window.fetch(element.dataset.part, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        element.innerHTML = html;
        element.querySelectorAll("[data-figure]").forEach(draw);
      })
      .catch(function () { return null; })
      .then(function () { element.setAttribute("aria-busy", "false"); });
  }
  function drawAll() {
    document.querySelectorAll("[data-figure]").forEach(draw);
    document.querySelectorAll("[data-part]").forEach(load);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", drawAll); } else { drawAll(); }
  // Drawn again only when a chart's box crosses its narrow width (a phone turned sideways); plotly's own
  // "responsive" resizes it otherwise.
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      document.querySelectorAll("[data-figure][data-rendered]").forEach(function (element) {
        var figure = JSON.parse(document.getElementById(element.dataset.figure).textContent);
        var narrow = figure.narrow && element.clientWidth < figure.narrow.below;
        if (String(Boolean(narrow)) !== element.dataset.narrow) { draw(element); }
      });
    }, 200);
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("[data-rendered]").forEach(function (element) { window.Plotly.Plots.resize(element); });
  });
})();
