// A <select data-autosubmit> submits its form when changed (instead of an inline onchange=,
// which the Content-Security-Policy "script-src 'self'" forbids).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});
