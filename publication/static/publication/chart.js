// Draws the public indicator chart from the figure the page carries as JSON (json_script): no inline script.
(function () {
  "use strict";
  var holder = document.getElementById("public-chart");
  var source = document.getElementById("public-chart-data");
  if (!holder || !source || typeof Plotly === "undefined") {
    return;
  }
  var figure = JSON.parse(source.textContent);
  // No mode bar: its buttons would be controls inside an element that is an image to assistive technology
  // (role="img", its words in aria-label), which axe-core refuses (nested-interactive).
  Plotly.newPlot(holder, figure.data, figure.layout, {
    displayModeBar: false,
    responsive: true,
  }).then(function () {
    holder.setAttribute("data-rendered", "true");
  });
})();
