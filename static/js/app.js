// The tracker's own script for every page (the Content Security Policy allows no inline code): a select marked
// data-autosubmit (the language switcher) sends its form when changed, without script its OK button does; a button
// marked data-print prints the page (the quarterly report); on a narrow screen the menu button opens and closes the
// header's menu (static/css/app.css folds it; static/css/noscript.css keeps it open without script).
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
});
