/** The PCA figures (lib/report/figures/pca.ts): correlation heatmap, scree plot, loadings, CBEC index. */
import assert from "node:assert/strict";
import {
  cbecIndexByCountry,
  correlationHeatmap,
  loadingsBars,
  screePlot,
} from "../../../lib/report/figures/pca.ts";
import { all, marks, num, parse, texts } from "./figure_fixture.ts";

Deno.test("correlationHeatmap: a cell per pair, r printed, colour by r", () => {
  const root = parse(correlationHeatmap({
    variables: ["a", "b", "c"],
    matrix: [[1, 0.8, -0.3], [0.8, 1, 0.1], [-0.3, 0.1, 1]],
  }));
  const cells = marks(root, "cell", "rect");
  assert.equal(cells.length, 9);
  const labels = marks(root, "text", "text").map((x) => x.textContent);
  assert.deepEqual(labels, [
    "1.00",
    "0.80",
    "−0.30",
    "0.80",
    "1.00",
    "0.10",
    "−0.30",
    "0.10",
    "1.00",
  ]);
  // symmetric matrix -> symmetric colours; the diagonal has the legend's r = 1 colour
  const fill = cells.map((c) => c.getAttribute("fill"));
  assert.equal(fill[1], fill[3]);
  assert.equal(fill[2], fill[6]);
  assert.notEqual(fill[1], fill[2]);
  const legend = all(root, "g.legend-item");
  const one = legend.find((g) => g.querySelectorAll("text")[0].textContent === "r = 1.0");
  assert.equal(one?.querySelectorAll("rect")[0].getAttribute("fill"), fill[0]);
});

Deno.test("screePlot: a dot per eigenvalue and the Kaiser line at eigenvalue 1", () => {
  const root = parse(screePlot([2.5, 1, 0.5]));
  const dots = marks(root, "dot", "circle");
  assert.equal(dots.length, 3);
  const rule = marks(root, "rule", "line");
  assert.equal(rule.length, 1);
  // the rule sits exactly at the height of the eigenvalue-1 dot
  assert.ok(Math.abs(num(rule[0], "y1") - num(dots[1], "cy")) < 1e-9);
  assert.ok(texts(root).includes("eigenvalue = 1"));
});

Deno.test("loadingsBars: a bar per variable and component, coloured by sign", () => {
  const root = parse(loadingsBars({
    variables: ["a", "b", "c"],
    loadings: [[0.6, 0.2], [0.6, -0.3], [-0.5, 0.9]],
  }));
  const bars = marks(root, "bar", "rect");
  assert.equal(bars.length, 6);
  const red = bars.filter((b) => b.getAttribute("fill") === "#d73027");
  assert.equal(red.length, 2);
  // bar width proportional to |loading|: 0.6 vs 0.3 within one panel scale
  const w = bars.map((b) => num(b, "width"));
  assert.ok(Math.abs(w[0] / w[4] - 2) < 0.02, `${w}`);
  assert.ok(texts(root).includes("PC2"));
  assert.ok(texts(root).includes("−0.50"));
});

Deno.test("cbecIndexByCountry: a dot per value, countries in the legend", () => {
  const rows = [
    { country: "UZB", year: 2015, index: -1 },
    { country: "KAZ", year: 2015, index: 0.5 },
    { country: "KAZ", year: 2016, index: 1.5 },
    { country: "KAZ", year: 2017, index: NaN },
  ];
  const root = parse(cbecIndexByCountry(rows));
  assert.equal(marks(root, "dot", "circle").length, 3);
  assert.deepEqual(all(root, "g.legend-item text").map((t) => t.textContent), ["KAZ", "UZB"]);
});

Deno.test("screePlot: threshold null draws no reference line, and the y axis follows the data", () => {
  const root = parse(screePlot([0.8, 0.5], { threshold: null }));
  assert.equal(marks(root, "rule", "line").length, 0);
  assert.ok(!texts(root).some((t) => t.startsWith("eigenvalue =")));
  assert.equal(marks(root, "dot", "circle").length, 2);
  // another threshold: its line and label
  const other = parse(screePlot([2.5, 1, 0.5], { threshold: 0.7 }));
  assert.ok(texts(other).includes("eigenvalue = 0.7"));
});
