// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el instanceof HTMLSelectElement && el.hasAttribute("data-autosubmit")) {
    el.form.submit();
  }
});

// A table or a block of code that scrolls sideways must be reachable by keyboard (WCAG 2.1.1): its scrolling
// box gets a tab stop, named after the table's caption, only while it actually overflows.
function markScrollableTables() {
  const boxes = document.querySelectorAll(".table-wrap, .table-scroll, table.table, pre");
  for (const box of boxes) {
    const scrolls = box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "visible";
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.dataset.scrollStop = "1";
      if (box.matches(".table-wrap, .table-scroll")) {
        const caption = box.querySelector("caption");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : document.documentElement.lang.startsWith("zh") ? "表格" : "Table");
      }
    } else if (!scrolls && box.dataset.scrollStop) {
      box.removeAttribute("tabindex");
      delete box.dataset.scrollStop;
      if (box.matches(".table-wrap, .table-scroll")) {
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }
}
document.addEventListener("DOMContentLoaded", markScrollableTables);
window.addEventListener("resize", markScrollableTables);
