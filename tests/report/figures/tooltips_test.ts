/**
 * The values a user reads when hovering the figures (`<title>` of each mark, shown as a tooltip
 * by browsers), and the frame's title layout: a title never runs past the figure's width.
 * (The same is checked in a real browser by tests/browser/report_test.ts.)
 */
import assert from "node:assert/strict";
import { DOMParser } from "linkedom";
import { actualVsPredicted, coefficientPlot } from "../../../lib/report/figures/regression.ts";
import { correlationHeatmap } from "../../../lib/report/figures/pca.ts";
import { kHeatmap } from "../../../lib/report/figures/potential.ts";
import { noDataSvg, textWidth, wrapLines } from "../../../lib/report/dom.ts";

interface El {
  getAttribute(n: string): string | null;
  textContent: string | null;
  querySelectorAll(s: string): El[];
}
const parse = (svg: string) =>
  (new DOMParser().parseFromString(svg, "image/svg+xml") as unknown as { documentElement: El })
    .documentElement;
/** The tooltip of each mark of the Plot mark group `label`. */
const titles = (root: El, label: string, tag: string) =>
  [...root.querySelectorAll(`g[aria-label="${label}"] ${tag}`)].map((m) =>
    [...m.querySelectorAll("title")][0]?.textContent ?? null
  );

Deno.test("kHeatmap: each cell's tooltip names the partner-year, K as printed and the class", () => {
  const svg = kHeatmap([
    { country: "KAZ", year: 2015, k: 0.7349, class: "huge" },
    { country: "KAZ", year: 2016, k: 1.25, class: "remodelling" },
    { country: "UZB", year: 2015, k: null, class: null },
  ]);
  const root = parse(svg);
  assert.equal(root.getAttribute("data-kind"), "kHeatmap");
  assert.deepEqual(titles(root, "cell", "rect"), [
    "KAZ 2015\nK = 0.73 (huge potential)",
    "KAZ 2016\nK = 1.25 (re-modelling)",
    "UZB 2015\nK: none (.)",
  ]);
});

Deno.test("actualVsPredicted: each dot's tooltip gives actual, predicted (compact USD) and K", () => {
  const root = parse(actualVsPredicted([
    { country: "KAZ", year: 2015, actual: 1.2345e10, predicted: 1.0e10 },
    { country: "TJK", year: 2018, actual: 9.87e8, predicted: 1.5e9 },
  ]));
  assert.deepEqual(titles(root, "dot", "circle"), [
    "KAZ 2015\nactual 12.3B\npredicted 10B\nK = 1.23",
    "TJK 2018\nactual 987M\npredicted 1.5B\nK = 0.66",
  ]);
});

Deno.test("coefficientPlot: dots and CI bars carry term, series, estimate and interval", () => {
  const root = parse(coefficientPlot(
    [{ term: "ln_gdp", estimate: 0.5123, ciLower: -0.1, ciUpper: 1.1246 }],
    { paper: [{ term: "ln_gdp", estimate: 0.8 }], seriesNames: ["ours", "paper"] },
  ));
  assert.deepEqual(titles(root, "dot", "circle"), [
    "ln_gdp (ours)\nestimate 0.512\n95% CI [−0.100, 1.125]",
    "ln_gdp (paper)\nestimate 0.800\nno confidence interval",
  ]);
  assert.deepEqual(titles(root, "rule", "line").filter(Boolean), [
    "ln_gdp (ours)\nestimate 0.512\n95% CI [−0.100, 1.125]",
  ]);
});

Deno.test("frame: a title longer than the panels widens the figure (up to 640 px), then wraps", () => {
  const title = "Correlation of the CBEC indicators (N = 29 country-years)";
  const root = parse(correlationHeatmap({ variables: ["a", "b"], matrix: [[1, 0.5], [0.5, 1]] }, {
    title,
  }));
  const width = Number(root.getAttribute("width"));
  assert.ok(width >= textWidth(title, 14, true) + 16, `${width} px for the title`);
  const long = "K ".repeat(200).trim();
  const wrapped = parse(correlationHeatmap({ variables: ["a"], matrix: [[1]] }, { title: long }));
  assert.equal(Number(wrapped.getAttribute("width")), 640 + 16);
  assert.ok(wrapped.querySelectorAll("text.title tspan").length >= 1);
});

Deno.test("text layout: widths err wide, lines wrap at spaces within the width", () => {
  // Widths measured in headless Chromium (canvas measureText, "system-ui, sans-serif", which
  // is DejaVu Sans on Debian), 2026-11-29: the estimates must not fall short of them.
  const measured: [string, number, boolean, number][] = [
    ["Scree plot", 14, true, 80.3],
    ["MMMWWW mmm", 14, true, 136.8],
    ["huge potential (K ≤ 0.8)", 14, true, 190.7],
    ["expanding potential (0.8 < K < 1.2)", 14, true, 280.3],
    ["Correlation of the CBEC indicators (N = 29 country-years)", 14, true, 454.5],
    ["MMMWWW mmm", 11, false, 96.7],
    ["expanding potential (0.8 < K < 1.2)", 11, false, 196.9],
    ["MMMWWW mmm", 10, false, 87.9],
  ];
  for (const [s, size, bold, px] of measured) {
    assert.ok(textWidth(s, size, bold) >= px, `${s} at ${size} px: ${textWidth(s, size, bold)}`);
  }
  const lines = wrapLines("Coefficients with 95% CIs: ours beside the paper's", 304, 14, true);
  assert.ok(lines.length === 2, lines.join(" | "));
  for (const l of lines) assert.ok(textWidth(l, 14, true) <= 304);
  const nd = parse(noDataSvg("Coefficients with 95% CIs: ours beside the paper's"));
  assert.equal(Number(nd.getAttribute("width")), 320);
  assert.equal(nd.querySelectorAll("text.title tspan").length, 1);
});
