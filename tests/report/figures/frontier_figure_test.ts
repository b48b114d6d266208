/** The efficiency figure of the stochastic frontier: one panel per partner, a dot per TE with its hover text, a bar per interval, the mean line; "no data" on empty input; deterministic. */
import assert from "node:assert/strict";
import { efficiencyIntervals } from "../../../lib/report/figures/frontier.ts";
import { parse, texts } from "./figure_fixture.ts";

const ROWS = [
  { country: "KAZ", year: 2019, efficiency: 0.52, lower: 0.45, upper: 0.61 },
  { country: "KAZ", year: 2020, efficiency: 0.53, lower: 0.45, upper: 0.61 },
  { country: "UZB", year: 2019, efficiency: 0.24, lower: 0.21, upper: 0.28 },
  { country: "UZB", year: 2020, efficiency: NaN, lower: NaN, upper: NaN },
];

Deno.test("efficiencyIntervals: a panel per partner, dots with their values, the mean and the legend", () => {
  const svg = efficiencyIntervals(ROWS, {
    title: "TE with 90% intervals",
    level: 0.9,
    mean: [{ year: 2019, mean: 0.2 }, { year: 2020, mean: 0.21 }, { year: 2030, mean: 0.5 }],
  });
  assert.match(svg, /^<svg[^>]* data-kind="efficiencyIntervals"/);
  const root = parse(svg);
  const t = texts(root);
  for (
    const s of ["TE with 90% intervals", "KAZ", "UZB", "90% interval", "mean TE of all partners"]
  ) {
    assert.ok(t.includes(s), s);
  }
  // three drawn TE (the NaN one is not), each with its value and interval on hover
  assert.ok(svg.includes("KAZ 2019: TE 0.520 (0.450-0.610)"));
  assert.ok(svg.includes("UZB 2019: TE 0.240 (0.210-0.280)"));
  assert.ok(!svg.includes("UZB 2020: TE"));
  // the frontier TE = 1 is on the axis, in both panels
  assert.equal(t.filter((x) => x === "1.0").length, 2);
  assert.equal(
    svg,
    efficiencyIntervals(ROWS, {
      title: "TE with 90% intervals",
      level: 0.9,
      mean: [{ year: 2019, mean: 0.2 }, { year: 2020, mean: 0.21 }, { year: 2030, mean: 0.5 }],
    }),
  );
});

Deno.test("efficiencyIntervals: no rows (or only NaN) is a small 'no data' SVG", () => {
  assert.ok(texts(parse(efficiencyIntervals([]))).includes("no data"));
  assert.ok(texts(parse(efficiencyIntervals([ROWS[3]]))).includes("no data"));
  // no mean given: no mean line in the legend
  assert.ok(
    !texts(parse(efficiencyIntervals(ROWS.slice(0, 2)))).includes("mean TE of all partners"),
  );
});
