// The tracker's own script for every page (the Content Security Policy allows no inline code): a select marked
// data-autosubmit (the language switcher) sends its form when changed, without script its OK button does; a button
// marked data-print prints the page (the quarterly report).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
});
