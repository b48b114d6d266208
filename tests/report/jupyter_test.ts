import assert from "node:assert/strict";
import {
  DISPLAY,
  displayable,
  html,
  inJupyter,
  show,
  showTable,
  svg,
} from "../../lib/report/jupyter.ts";

Deno.test("outside the kernel the helpers return plain strings and show is a no-op", async () => {
  assert.equal(inJupyter(), false);
  assert.equal(html("<b>x</b>"), "<b>x</b>");
  assert.equal(svg("<svg/>"), "<svg/>");
  assert.equal(
    showTable({ columns: [{ key: "k" }], rows: [{ k: 0.5 }] }),
    '<table>\n<thead><tr><th>k</th></tr></thead>\n<tbody>\n<tr><td style="text-align:right">0.500</td></tr>\n</tbody></table>',
  );
  assert.equal(await show(html("x")), undefined);
});

Deno.test("displayable attaches a hidden HTML display method and keeps JSON unchanged", () => {
  const fit = displayable({ r2: 0.93, n: 40 }, (f) => `<p>R2 = ${f.r2}, N = ${f.n}</p>`);
  assert.equal(JSON.stringify(fit), '{"r2":0.93,"n":40}');
  assert.deepEqual(Object.keys(fit), ["r2", "n"]);
  const method = (fit as unknown as Record<symbol, () => Record<string, string>>)[DISPLAY];
  assert.deepEqual(method(), { "text/html": "<p>R2 = 0.93, N = 40</p>" });
  // the display follows later changes to the object
  fit.r2 = 0.5;
  assert.equal(method()["text/html"], "<p>R2 = 0.5, N = 40</p>");
  assert.equal(DISPLAY, Symbol.for("Jupyter.display"));
});
