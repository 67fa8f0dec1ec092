// The tracker's own script for every page (the Content Security Policy allows no inline code): a select marked
// data-autosubmit (the language switcher) sends its form when changed, without script its OK button does; a button
// marked data-print prints the page (the quarterly report); on a narrow screen the menu button opens and closes the
// header's menu (static/css/app.css folds it; static/css/noscript.css keeps it open without script); the header's
// search box shows the first results under it as the person types (search/suggestions.json: the same results as the
// search page, with the words to show; the arrow keys move through them, Escape closes them), and without script
// sends its form to the search page.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll(".menu-button").forEach(function (button) {
    var bar = button.closest(".topbar");
    function show(open) {
      bar.classList.toggle("menu-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () { show(!bar.classList.contains("menu-open")); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && bar.classList.contains("menu-open")) { show(false); button.focus(); }
    });
  });
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var box = document.getElementById(input.getAttribute("aria-controls"));
    var status = input.form.querySelector("[data-suggest-status]");  // read out: how many found, not every link
    var timer = null;
    function close() { box.hidden = true; box.replaceChildren(); status.textContent = ""; }
    function link(url, parts) {
      var a = document.createElement("a");
      a.href = url;
      a.append.apply(a, parts);
      return a;
    }
    function show(data) {
      if (data.query !== input.value.trim()) { return; }  // an answer to what the person typed before
      var parts = [Object.assign(document.createElement("p"), {className: "search-suggestions-count", textContent: data.summary})];
      data.groups.forEach(function (group) {
        var list = document.createElement("ul");
        group.hits.forEach(function (hit) {
          var code = Object.assign(document.createElement("span"), {className: "code", textContent: hit.label});
          var item = document.createElement("li");
          item.appendChild(link(hit.url, hit.label ? [code, " " + hit.title] : [hit.title]));
          list.appendChild(item);
        });
        parts.push(Object.assign(document.createElement("p"), {
          className: "search-suggestions-heading", textContent: group.heading + " (" + group.found + ")"
        }), list);
      });
      parts.push(link(data.all.url, [data.all.label]));
      box.replaceChildren.apply(box, parts);
      box.hidden = false;
      status.textContent = data.summary;
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < 2) { close(); return; }
      timer = setTimeout(function () {
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(query), {headers: {Accept: "application/json"}})
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (data) { if (data) { show(data); } })
          .catch(close);
      }, 200);
    });
    input.addEventListener("keydown", function (event) {
      // The first Escape closes the suggestions and keeps what was typed (a search box would empty itself).
      if (event.key === "Escape" && !box.hidden) { event.preventDefault(); event.stopPropagation(); close(); }
      if (event.key === "ArrowDown" && !box.hidden) { event.preventDefault(); box.querySelector("a").focus(); }
    });
    box.addEventListener("keydown", function (event) {  // up and down the links; Escape back to the box
      var links = Array.prototype.slice.call(box.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && at < links.length - 1) { event.preventDefault(); links[at + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
      if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); close(); input.focus(); }
    });
    document.addEventListener("click", function (event) { if (!input.form.contains(event.target)) { close(); } });
  });
});
