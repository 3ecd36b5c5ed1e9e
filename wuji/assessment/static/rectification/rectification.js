// The 整改方案 page's print button (no inline handlers: the pages run under a Content-Security-Policy).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-rect-print]");
  if (button) {
    window.print();
  }
});
