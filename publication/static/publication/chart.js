// Draws the public indicator chart from the figure the page carries as JSON (json_script): no inline script.
(function () {
  "use strict";
  var holder = document.getElementById("public-chart");
  var source = document.getElementById("public-chart-data");
  if (!holder || !source || typeof Plotly === "undefined") {
    return;
  }
  var figure = JSON.parse(source.textContent);
  Plotly.newPlot(holder, figure.data, figure.layout, {
    displaylogo: false,
    responsive: true,
    showLink: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "toImage"],
  }).then(function () {
    holder.setAttribute("data-rendered", "true");
  });
})();
