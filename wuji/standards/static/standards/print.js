// A print button without inline script (the Content-Security-Policy forbids inline handlers).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-wuji-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
