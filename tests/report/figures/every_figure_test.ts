/** What holds for every figure of lib/report/figures: a small "no data" SVG on empty input, the same SVG for the same input, no DOM globals. */
import assert from "node:assert/strict";
import {
  actualVsPredicted,
  cbecIndexByCountry,
  coefficientPlot,
  correlationHeatmap,
  forecastFan,
  indicatorsOverTime,
  kHeatmap,
  kIntervals,
  kLines,
  loadingsBars,
  residualsVsFitted,
  screePlot,
} from "../../../lib/report/figures/mod.ts";
import { indicatorRows, kRows, num, parse, texts } from "./figure_fixture.ts";

const figures: [string, () => string][] = [
  ["indicatorsOverTime", () => indicatorsOverTime([])],
  ["correlationHeatmap", () => correlationHeatmap({ variables: [], matrix: [] })],
  ["screePlot", () => screePlot([])],
  ["loadingsBars", () => loadingsBars({ variables: [], loadings: [] })],
  ["cbecIndexByCountry", () => cbecIndexByCountry([])],
  ["coefficientPlot", () => coefficientPlot([])],
  ["actualVsPredicted", () => actualVsPredicted([])],
  ["residualsVsFitted", () => residualsVsFitted([])],
  ["kHeatmap", () => kHeatmap([])],
  ["kLines", () => kLines([{ country: "KAZ", year: 2015, k: null, class: null }])],
  ["kIntervals", () => kIntervals([])],
  [
    "forecastFan",
    () => forecastFan({ cutoff: 2020, level: 0.9, actual: [], forecasts: [], projection: [] }),
  ],
];

Deno.test("every figure gives a small 'no data' SVG on empty input", () => {
  for (const [name, f] of figures) {
    const root = parse(f());
    assert.ok(texts(root).includes("no data"), name);
    assert.ok(num(root, "width") <= 320, name);
  }
});

Deno.test("figures are deterministic and leak no DOM globals", () => {
  const make = () => [
    indicatorsOverTime(indicatorRows()),
    correlationHeatmap({ variables: ["a", "b"], matrix: [[1, 0.3], [0.3, 1]] }),
    screePlot([1.5, 0.5]),
    loadingsBars({ variables: ["a", "b"], loadings: [[0.7, 0.7], [0.7, -0.7]] }),
    kHeatmap(kRows),
    kLines(kRows),
    coefficientPlot([{ term: "x", estimate: 1, ciLower: 0, ciUpper: 2 }]),
    actualVsPredicted([{ country: "KAZ", year: 2015, actual: 2, predicted: 1 }]),
    residualsVsFitted([{ fitted: 1, residual: 1 }]),
    cbecIndexByCountry([{ country: "KAZ", year: 2015, index: 1 }]),
    kIntervals([{ country: "KAZ", year: 2015, k: 0.7, kLower: 0.6, kUpper: 0.9, class: "huge" }]),
    forecastFan({
      cutoff: 2020,
      level: 0.9,
      actual: [{ country: "KAZ", year: 2019, value: 2e9 }],
      forecasts: [{ country: "KAZ", year: 2021, predicted: 2.5e9, lo: 1e9, hi: 6e9 }],
      projection: [],
    }),
  ];
  assert.deepEqual(make(), make());
  const g = globalThis as Record<string, unknown>;
  assert.equal(g.document, undefined);
  assert.equal(g.window, undefined);
});
