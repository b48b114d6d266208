/** Indicators over time (lib/report/figures/indicators.ts): panels, series and importer-filled values. */
import assert from "node:assert/strict";
import { indicatorsOverTime } from "../../../lib/report/figures/indicators.ts";
import { all, fillOf, indicatorRows, KAZ_UZB, marks, parse, texts } from "./figure_fixture.ts";

Deno.test("indicatorsOverTime: one panel per country, a dot per value, flagged ones hollow", () => {
  const rows = indicatorRows();
  const root = parse(indicatorsOverTime(rows));
  const dots = marks(root, "dot", "circle");
  assert.equal(dots.length, 11); // 12 rows, one missing
  const hollow = dots.filter((c) => fillOf(c) === "white");
  assert.equal(hollow.length, 1);
  const headings = all(root, "text.panel-heading").map((t) => t.textContent);
  assert.deepEqual(headings, KAZ_UZB);
  const t = texts(root);
  for (
    const label of [
      "internet",
      "servers",
      "observed",
      "interpolated/extrapolated/rebased (flagged)",
    ]
  ) {
    assert.ok(t.includes(label), label);
  }
  assert.ok(t.some((s) => s.includes("1 missing not drawn")));
  // one line per series in each panel
  assert.equal(marks(root, "line", "path").length, 4);
  const byVariable = parse(indicatorsOverTime(rows, { facet: "variable" }));
  assert.deepEqual(all(byVariable, "text.panel-heading").map((x) => x.textContent), [
    "internet",
    "servers",
  ]);
});
