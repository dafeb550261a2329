// Charts: every element with data-chart="<id>" is drawn by ECharts with the options held in
// <script type="application/json" id="<id>"> (Django's json_script filter). The CSP allows no
// inline script, and JSON blocks are data, not scripts. Optional data-chart-height="<px>".
// Each chart's figures are also in a table on the page, so nothing depends on this file.
(function () {
  "use strict";

  function readOptions(el) {
    const source = document.getElementById(el.getAttribute("data-chart"));
    if (!source) {
      return null;
    }
    try {
      return JSON.parse(source.textContent);
    } catch (error) {
      return null;
    }
  }

  function init() {
    if (typeof window.echarts === "undefined") {
      return;
    }
    const charts = [];
    document.querySelectorAll("[data-chart]").forEach((el) => {
      const options = readOptions(el);
      if (!options) {
        return;
      }
      const height = parseInt(el.getAttribute("data-chart-height") || "", 10);
      if (height > 0) {
        el.style.height = height + "px"; // CSSOM, not a style attribute: allowed by the CSP
      }
      // Tooltips drawn on the canvas: the default HTML tooltip writes style attributes,
      // which the CSP forbids.
      options.tooltip = Object.assign({ renderMode: "richText" }, options.tooltip || {});
      options.animation = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      const chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(options);
      charts.push(chart);
    });
    let pending = null;
    window.addEventListener("resize", () => {
      window.clearTimeout(pending);
      pending = window.setTimeout(() => charts.forEach((chart) => chart.resize()), 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
