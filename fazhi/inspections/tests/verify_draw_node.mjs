// Runs the in-browser verifier (fazhi/static/fazhi/js/verify_draw.mjs) under Node.js for the
// test suite: reads [{"bundle": …, "expected": {…}}, …] as JSON on stdin, writes one result per
// case: {"ok": true, "report": [...]} or {"ok": false, "error": "..."}.
import { readFileSync } from "node:fs";
import { verify, Mismatch } from "../../static/fazhi/js/verify_draw.mjs";

const cases = JSON.parse(readFileSync(0, "utf-8"));
const results = [];
for (const { bundle, expected } of cases) {
  try {
    results.push({ ok: true, report: await verify(bundle, expected || {}) });
  } catch (error) {
    if (!(error instanceof Mismatch)) throw error;
    results.push({ ok: false, error: error.message });
  }
}
process.stdout.write(JSON.stringify(results));
