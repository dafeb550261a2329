"""What the browser tests check on any page: accessibility with axe-core, and tables that read.

`axe_violations(page)` runs the vendored axe-core (vendor/axe-core, test-only, never served)
against the page as it stands and returns the serious and critical violations — the ones the
project allows none of (GB/T 37668-2019 follows WCAG 2.1 AA). The engine is evaluated through
the browser's debugging protocol, so the site's Content-Security-Policy (no inline script) does
not have to be loosened for it.

`layout_problems(page)` returns what makes a Chinese table unreadable: a date, a credit code,
a document or case number broken over two lines, a column header or a `.nowrap` cell that wraps,
and a page body wider than the window (only a table's own wrapper may scroll sideways); and a
chart without its data table in the same section (a chart is a picture: its numbers must be
readable as text too).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
WIDTHS = (1366, 390)

_AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary.replace(/\\s+/g, " ").slice(0, 200))}));
}"""

# A date (2027年1月8日, 2027-01-08 09:30), an 18-character unified social credit code, a
# document number (津科规〔2026〕3号) or a case or record code (ZF-2026-0012): each must stay
# on one line, wherever in a table it stands (a document number in running text excepted).
_LAYOUT = r"""() => {
  const problems = [];
  const patterns = [
    /\d{4}年\d{1,2}月(\d{1,2}日)?/g,
    /\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?/g,
    /[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}/g,
  ];
  // In running text (.text cells) a document number may break before its bracket, as
  // Chinese typesetting allows; standing alone in a cell it may not.
  const codes = [/[\u4e00-\u9fa5]{1,10}〔\d{4}〕\d+号/g, /[A-Z]{2,5}-?\d{4}-\d{2,6}/g];
  const lines = (range) => {
    const tops = new Set();
    for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
    return tops.size;
  };
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const cells = document.querySelectorAll("main table td, main table th");
  for (const cell of cells) {
    if (!visible(cell)) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const header = cell.closest("thead") !== null;
    // A .nowrap cell stays on one line wherever the stylesheet keeps it so (a record's fact
    // table on a phone stacks label and value and lets a long value wrap at its spaces).
    const nowrap = (cell.classList.contains("nowrap") || cell.classList.contains("num")) && getComputedStyle(cell).whiteSpace === "nowrap";
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".visually-hidden, .basis-tip")) continue;
      const text = node.textContent;
      if ((header || nowrap) && text.trim()) {
        const range = document.createRange();
        range.setStart(node, text.search(/\S/));
        range.setEnd(node, text.trimEnd().length);
        if (lines(range) > 1) problems.push((header ? "header wraps: " : "nowrap cell wraps: ") + text.trim().slice(0, 40));
        continue;
      }
      for (const pattern of cell.classList.contains("text") ? patterns : patterns.concat(codes)) {
        for (const m of text.matchAll(pattern)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          if (lines(range) > 1) problems.push("broken over two lines: " + m[0]);
        }
      }
    }
  }
  for (const chart of document.querySelectorAll("main [data-chart]")) {
    const around = chart.closest("section, figure")?.closest("section") || chart.closest("section");
    if (!around || !around.querySelector("table")) problems.push("a chart without its data table: " + chart.dataset.chart);
  }
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + 1) {
    const wide = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest(".table-wrap, .table-scroll, table, .visually-hidden, .skip-link"));
    problems.push("the page scrolls sideways: " + doc.scrollWidth + " > " + window.innerWidth + " (" + wide.slice(0, 3).map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).split(" ").join(".") : "")).join(", ") + ")");
  }
  return problems;
}"""


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """The serious and critical axe-core violations of the page as it stands."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result: list[dict[str, Any]] = page.evaluate(_AXE_RUN)
    return result


def layout_problems(page: Any) -> list[str]:
    """Dates, codes, headers or .nowrap cells broken over lines; a page wider than the window."""
    result: list[str] = page.evaluate(_LAYOUT)
    return result


def check_page(page: Any, url: str, name: str, *, axe_widths: tuple[int, ...] = WIDTHS) -> list[str]:
    """Open `url` at each width of WIDTHS, save a full-page screenshot of each under
    test-results/ (named `name` and the width), and return every problem found: the layout
    problems at each width, and axe-core's serious and critical violations at `axe_widths`."""
    from fazhi.browser_tests.conftest import save_screenshot

    problems: list[str] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(url)
        if response is None or "html" not in response.headers.get("content-type", ""):
            return [f"{name}: not a page ({url})"]
        save_screenshot(page, f"{name}-{width}")
        for problem in layout_problems(page):
            problems.append(f"{name} @{width}px: {problem}")
        if width in axe_widths:
            for v in axe_violations(page):
                problems.append(f"{name} @{width}px: axe {v['impact']} {v['id']} ({v['help']}): {v['nodes']}")
    return problems
