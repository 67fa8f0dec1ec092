// The tracker's only script (the Content Security Policy allows no inline code): a select marked
// data-autosubmit (the language switcher) sends its form when changed; without script, its OK button does.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
