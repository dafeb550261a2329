// The "verify in this browser" panel of a public draw page: downloads the published bundle and
// recomputes it with verify_draw.mjs (Web Crypto in this browser, no help from the server).
import { verify, Mismatch } from "./verify_draw.mjs";

const panel = document.getElementById("browser-check");
if (panel) {
  const button = panel.querySelector("button");
  const progress = panel.querySelector("progress");
  const verdict = panel.querySelector("[data-verdict]");
  const details = panel.querySelector("[data-details]");
  const text = (key) => panel.dataset[key] || "";

  const show = (ok, message, lines) => {
    verdict.className = `status-banner ${ok ? "ok" : "bad"}`;
    verdict.textContent = message;
    details.replaceChildren(...lines.map((line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }));
    verdict.hidden = false;
  };

  button.addEventListener("click", async () => {
    button.disabled = true;
    verdict.hidden = true;
    details.replaceChildren();
    progress.hidden = false;
    progress.removeAttribute("value");
    try {
      const response = await fetch(text("bundleUrl"), { credentials: "omit" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bundle = await response.json();
      const expected = JSON.parse(text("digests") || "{}");
      const report = await verify(bundle, expected, (done, total) => {
        progress.max = total;
        progress.value = done;
      });
      show(true, text("okText"), report);
    } catch (error) {
      if (error instanceof Mismatch) {
        show(false, text("mismatchText"), [error.message]);
      } else {
        show(false, text("errorText"), [String(error && error.message ? error.message : error)]);
      }
    } finally {
      progress.hidden = true;
      button.disabled = false;
    }
  });
  button.hidden = false;
  panel.querySelector("[data-needs-script]").hidden = true;
}
