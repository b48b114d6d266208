/** The K figures (lib/report/figures/potential.ts): heatmap coloured by class, lines against the thresholds. */
import assert from "node:assert/strict";
import { kHeatmap, kLines, type KRow } from "../../../lib/report/figures/potential.ts";
import { CLASS_COLORS, MISSING_COLOR } from "../../../lib/report/figures/style.ts";
import { all, kRows, marks, num, parse, texts } from "./figure_fixture.ts";

Deno.test("kHeatmap: cells coloured by class, K printed, legend with thresholds", () => {
  const root = parse(kHeatmap(kRows));
  const cells = marks(root, "cell", "rect");
  assert.deepEqual(cells.map((c) => c.getAttribute("fill")), [
    CLASS_COLORS.huge,
    CLASS_COLORS.expanding,
    CLASS_COLORS.remodelling,
    MISSING_COLOR,
  ]);
  assert.deepEqual(marks(root, "text", "text").map((x) => x.textContent), [
    "0.50",
    "1.00",
    "1.30",
    ".",
  ]);
  const legend = all(root, "g.legend-item text").map((x) => x.textContent);
  assert.deepEqual(legend, [
    "huge potential (K ≤ 0.8)",
    "expanding potential (0.8 < K < 1.2)",
    "re-modelling (K ≥ 1.2)",
  ]);
  const custom = parse(kHeatmap(kRows, { thresholds: { huge: 0.9, remodelling: 1.1 } }));
  assert.ok(texts(custom).includes("re-modelling (K ≥ 1.1)"));
});

Deno.test("kLines: threshold rules exactly at K = 0.8 and 1.2, configurable", () => {
  const rows: KRow[] = [
    { country: "KAZ", year: 2015, k: 0.8, class: "huge" },
    { country: "KAZ", year: 2016, k: 1.2, class: "remodelling" },
    { country: "UZB", year: 2015, k: 2, class: "remodelling" },
  ];
  const root = parse(kLines(rows));
  const dots = marks(root, "dot", "circle");
  assert.equal(dots.length, 3);
  const rules = marks(root, "rule", "line").map((l) => num(l, "y1"));
  assert.equal(rules.length, 2);
  assert.ok(Math.abs(rules[0] - num(dots[0], "cy")) < 1e-9);
  assert.ok(Math.abs(rules[1] - num(dots[1], "cy")) < 1e-9);
  assert.ok(texts(root).includes("K = 0.8") && texts(root).includes("K = 1.2"));
  const custom = parse(kLines(rows, { thresholds: { huge: 2, remodelling: 3 } }));
  const r2 = marks(custom, "rule", "line").map((l) => num(l, "y1"));
  assert.ok(Math.abs(r2[0] - num(marks(custom, "dot", "circle")[2], "cy")) < 1e-9);
  assert.ok(texts(custom).includes("K = 3"));
});

Deno.test("kLines: a missing year breaks the country's line (no slope across the gap)", () => {
  const rows: KRow[] = [
    { country: "KGZ", year: 2018, k: 1.3, class: "remodelling" },
    { country: "KGZ", year: 2019, k: 1.1, class: "expanding" },
    { country: "KGZ", year: 2022, k: 0.5, class: "huge" },
    { country: "KGZ", year: 2023, k: 0.6, class: "huge" },
  ];
  const root = parse(kLines(rows));
  assert.equal(marks(root, "dot", "circle").length, 4);
  // Two runs (2018-2019 and 2022-2023): two paths, each with two points (one "L" command).
  const paths = marks(root, "line", "path").map((p) => p.getAttribute("d") ?? "");
  assert.equal(paths.length, 2);
  for (const d of paths) assert.equal((d.match(/L/g) ?? []).length, 1);
});
