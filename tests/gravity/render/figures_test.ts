/**
 * lib/gravity/render/figures.ts: on the hand-built result of hand_results.ts, which figures, their
 * titles and parts, the data each one draws (read back from the SVG's tooltips, marks and legends)
 * and the "no data" figures with their reasons, the frontier and counterfactual figures of
 * hand-built sections; on real study runs, the figures of the synthetic panel (K cells coloured by
 * class, the paper's series), the indicator correlation against Pearson r, and the thin-data
 * figures and report page that say why they are empty.
 */
import assert from "node:assert/strict";
import {
  forecastFigure,
  indicatorCorrelation,
  kIntervalRows,
  kRows,
  studyFigures,
} from "../../../lib/gravity/render/figures.ts";
import { studyReport } from "../../../lib/gravity/render/report_page.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import type { PaperComparison, PaperTables } from "../../../lib/gravity/study/paper.ts";
import { CLASS_COLORS, MISSING_COLOR, SERIES_COLORS } from "../../../lib/report/figures/style.ts";
import { thinSyntheticStudy } from "../study/thin_panel.ts";
import { DOMParser } from "linkedom";
import { noDataSvg } from "../../../lib/report/dom.ts";
import {
  handBenchmark,
  handBenchmarkFit,
  handForecast,
  handStructural,
  handStudy,
} from "./hand_results.ts";
import type { StudyResult } from "../../../lib/gravity/study/types.ts";
import type { StudyFrontier } from "../../../lib/gravity/study/frontier.ts";

/** The `<rect>`s of the Plot cell mark (one per country-year). */
const cellRects = (svg: string) => {
  const g = svg.match(/<g aria-label="cell"[^>]*>(.*?)<\/g>/s);
  return g ? [...g[1].matchAll(/<rect [^>]*fill="([^"]+)"/g)].map((m) => m[1]) : [];
};

/** Fill of every circle of the Plot dot mark (facets included, legend excluded). */
const dotFills = (svg: string) => {
  const open = svg.match(/<g [^>]*aria-label="dot"[^>]*>/);
  if (!open) return [];
  const start = open.index!;
  const groupFill = open[0].match(/fill="([^"]+)"/)?.[1] ?? "";
  const end = svg.indexOf("<g aria-label=", start + 1);
  const body = svg.slice(start, end < 0 ? undefined : end);
  return [...body.matchAll(/<circle [^>]*?\/?>/g)].map((m) =>
    m[0].match(/fill="([^"]+)"/)?.[1] ?? groupFill
  );
};

const PAPER: PaperTables = {
  source: "test",
  table2: ["ln_pgdp", "ln_pop", "_cons"].map((term, i) => ({
    variable: term,
    term,
    coefficient: 0.5 + i,
    stdError: 0.1,
    t: 5,
    p: 0.01,
    ciLower: 0.3 + i,
    ciUpper: 0.7 + i,
  })),
  table3: [],
};

Deno.test("study figures on the synthetic panel: one K cell per country-year coloured by class, paper series drawn", () => {
  const { config, panel } = syntheticStudy({ spread: 0.4, seed: 7 });
  const r = runGravityStudy(config, panel, { paper: PAPER });
  const figs = studyFigures(r);
  assert.deepEqual(figs.map((f) => f.name), [
    "correlation_heatmap",
    "scree_plot",
    "loadings_bars",
    "cbec_index_by_country",
    "coefficient_plot",
    "actual_vs_predicted",
    "residuals_vs_fitted",
    "k_heatmap",
    "k_lines",
    "k_intervals",
  ]);
  for (const f of figs) {
    assert.equal(f.noData, undefined, f.name);
    assert.match(f.svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, f.name);
  }
  const byName = new Map(figs.map((f) => [f.name, f.svg]));
  // K heatmap: partners x years cells, each in its class colour (grey only without K)
  const cells = cellRects(byName.get("k_heatmap")!);
  const rows = kRows(r);
  assert.equal(cells.length, config.partners.length * (config.years.to - config.years.from + 1));
  assert.equal(rows.length, cells.length);
  // Plot orders cells by the data order, i.e. kRows order
  rows.forEach((k, i) => assert.equal(cells[i], k.class ? CLASS_COLORS[k.class] : MISSING_COLOR));
  // coefficient plot: our 7 slopes + the paper's 2 (intercepts left out), named in the legend
  const coef = byName.get("coefficient_plot")!;
  const fills = dotFills(coef);
  assert.equal(fills.filter((f) => f === "#4269d0").length, config.terms.length);
  assert.equal(fills.filter((f) => f === "#ff725c").length, 2);
  assert.ok(coef.includes("paper (Table 2)"));
  // residuals vs fitted: one dot per estimation row
  assert.equal(dotFills(byName.get("residuals_vs_fitted")!).length, r.regression.fit!.n);
});

Deno.test("indicator correlation recovered from the PCA equals Pearson r of the complete rows", () => {
  const { config, panel } = syntheticStudy({ spread: 0.4, seed: 3 });
  const r = runGravityStudy(config, panel);
  const corr = indicatorCorrelation(r.pca)!;
  const excluded = new Set(r.pca.excluded.map((e) => `${e.country}|${e.year}`));
  const rows = panel.rows.filter((row) =>
    config.partners.includes(row.iso3) && row.year >= config.years.from &&
    row.year <= config.years.to && !excluded.has(`${row.iso3}|${row.year}`)
  );
  assert.equal(rows.length, r.pca.n);
  const col = (v: string) => rows.map((row) => row.values[v]);
  const pearson = (x: number[], y: number[]) => {
    const mx = x.reduce((a, b) => a + b, 0) / x.length;
    const my = y.reduce((a, b) => a + b, 0) / y.length;
    let sxy = 0, sxx = 0, syy = 0;
    for (let i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) ** 2;
      syy += (y[i] - my) ** 2;
    }
    return sxy / Math.sqrt(sxx * syy);
  };
  corr.variables.forEach((a, i) =>
    corr.variables.forEach((b, j) => {
      const want = pearson(col(a), col(b));
      assert.ok(Math.abs(corr.matrix[i][j] - want) < 1e-10, `${a}/${b}`);
    })
  );
});

Deno.test("thin data: regression figures say why they are empty, PCA figures still draw, report says so", () => {
  const { config, panel } = thinSyntheticStudy();
  const r = runGravityStudy(config, panel);
  assert.equal(r.regression.estimable, false);
  const figs = studyFigures(r);
  for (const f of figs) {
    if (f.part === "pca") assert.equal(f.noData, undefined, f.name);
    else {
      assert.equal(f.noData, r.regression.reason, f.name);
      assert.ok(f.svg.includes("no regression: N = 5 ≤ k = 8"), f.name);
      assert.ok(f.svg.includes("<desc>the regression cannot be estimated: 5 country-years"));
    }
  }
  const html = studyReport(r, { figures: figs, hints: ["Hint: run equation (1)"] });
  assert.equal(html.match(/<!doctype html>/g)?.length, 1);
  assert.ok(
    html.includes("<strong>The regression could not be estimated</strong>: 5 country-years"),
  );
  assert.ok(html.includes("<p>Hint: run equation (1)</p>"));
  assert.equal((html.match(/<figure>/g) ?? []).length, figs.length);
  for (const f of figs) assert.ok(html.includes(f.svg), f.name);
});

interface El {
  getAttribute(n: string): string | null;
  textContent: string | null;
  querySelectorAll(s: string): El[];
}

const parse = (svg: string): El =>
  (new DOMParser().parseFromString(svg, "image/svg+xml") as unknown as { documentElement: El })
    .documentElement;

const all = (root: El, sel: string) => [...root.querySelectorAll(sel)];

/** Tooltips of the marks (Plot's `<title>`s). */
const tips = (svg: string) => all(parse(svg), "title").map((t) => t.textContent);

/** Every text drawn (axis labels, legend, notes, headings). */
const texts = (svg: string) => all(parse(svg), "text").map((t) => t.textContent ?? "");

/** The circles of the Plot dot marks (legend swatches excluded). */
const dots = (svg: string) => all(parse(svg), 'g[aria-label="dot"] circle');

const byName = (r: StudyResult) => new Map(studyFigures(r).map((f) => [f.name, f]));

Deno.test("indicatorCorrelation: R = V diag(e) V' off the diagonal, 1 on it, clamped to [-1, 1]", () => {
  // unit eigenvectors (s, s) and (-s, s) of [[1, .5], [.5, 1]], eigenvalues 1.5 and 0.5
  const c = indicatorCorrelation(handStudy().pca)!;
  assert.deepEqual(c.variables, ["i1", "i2"]);
  assert.equal(c.matrix.length, 2);
  assert.equal(c.matrix[0][0], 1);
  assert.equal(c.matrix[1][1], 1);
  assert.ok(Math.abs(c.matrix[0][1] - 0.5) < 1e-15);
  assert.ok(Math.abs(c.matrix[1][0] - 0.5) < 1e-15);
  // the sum runs over every component: without the second, r would be 0.75
  const pca = (eigenvalues: number[], loadings: number[][]) =>
    ({ ...handStudy().pca, eigenvalues, loadings }) as StudyResult["pca"];
  // diagonal 1 whatever the components give (here 0.25)
  assert.deepEqual(indicatorCorrelation(pca([0.25, 0], [[1, 0], [1, 0]]))!.matrix, [
    [1, 0.25],
    [0.25, 1],
  ]);
  // 3 x 1 x 1 = 3 is clamped to 1, 3 x 1 x (-1) = -3 to -1
  assert.deepEqual(indicatorCorrelation(pca([3, 0], [[1, 0], [1, 0]]))!.matrix, [[1, 1], [1, 1]]);
  assert.deepEqual(indicatorCorrelation(pca([3, 0], [[1, 0], [-1, 0]]))!.matrix, [
    [1, -1],
    [-1, 1],
  ]);
  // a value inside (-1, 1) is kept as it is, negative ones too
  assert.deepEqual(indicatorCorrelation(pca([0.5, 0], [[1, 0], [-1, 0]]))!.matrix, [
    [1, -0.5],
    [-0.5, 1],
  ]);
  assert.equal(indicatorCorrelation({ ...handStudy().pca, ok: false }), null);
});

Deno.test("studyFigures: the figures in report order with their titles and parts", () => {
  const figs = studyFigures(handStudy());
  assert.deepEqual(figs.map((f) => [f.part, f.name, f.title]), [
    ["pca", "correlation_heatmap", "Correlation of the CBEC indicators (N = 4 country-years)"],
    ["pca", "scree_plot", "Scree plot (CBEC indicators)"],
    ["pca", "loadings_bars", "PCA loadings of the retained components"],
    ["pca", "cbec_index_by_country", "CBEC index by country"],
    ["regression", "coefficient_plot", "Coefficients with 95% CIs: ours beside the paper's"],
    ["regression", "actual_vs_predicted", "Actual vs predicted trade (log scales)"],
    ["regression", "residuals_vs_fitted", "Residuals vs fitted"],
    ["potential", "k_heatmap", "Trade potential K = actual / predicted (level)"],
    ["potential", "k_lines", "Trade potential K over time"],
    ["potential", "k_intervals", "Trade potential K with 90% intervals, by partner"],
  ]);
  for (const f of figs) {
    assert.equal("noData" in f, false, f.name);
    // every SVG carries its own title as its first text
    assert.equal(texts(f.svg)[0], f.title, f.name);
    assert.ok(!f.svg.includes("<desc>"), f.name);
  }
});

Deno.test("PCA figures draw the correlations, eigenvalues, retained loadings and the index", () => {
  const r = handStudy();
  let f = byName(r);
  assert.deepEqual(tips(f.get("correlation_heatmap")!.svg), [
    "i1 × i1\nr = 1.00",
    "i1 × i2\nr = 0.50",
    "i2 × i1\nr = 0.50",
    "i2 × i2\nr = 1.00",
  ]);
  // Kaiser rule: the line at eigenvalue 1
  assert.ok(texts(f.get("scree_plot")!.svg).includes("eigenvalue = 1"));
  // one retained component: PC1 only, the loadings 0.71 of both indicators
  const bars = texts(f.get("loadings_bars")!.svg);
  assert.ok(bars.includes("PC1"));
  assert.ok(!bars.includes("PC2"));
  assert.deepEqual(bars.filter((t) => t === "0.71"), ["0.71", "0.71"]);
  assert.deepEqual(tips(f.get("cbec_index_by_country")!.svg), [
    "AAA 2019\nCBEC index −1.250",
    "AAA 2020\nCBEC index 0.500",
    "BBB 2019\nCBEC index 0.750",
  ]);
  // both components retained: PC1 and PC2 panels
  r.pca.retained = 2;
  f = byName(r);
  const two = texts(f.get("loadings_bars")!.svg);
  assert.ok(two.includes("PC1") && two.includes("PC2"));
});

Deno.test("regression figures: our slope beside the paper's (intercept left out), actual vs predicted, residuals", () => {
  const r = handStudy();
  let f = byName(r);
  const coef = f.get("coefficient_plot")!.svg;
  // without the paper: our series alone
  assert.ok(texts(coef).includes("ours"));
  assert.ok(!texts(coef).includes("paper (Table 2)"));
  assert.equal(dots(coef).length, 1);
  assert.ok(tips(coef).includes("ln_gdp (ours)\nestimate 1.250\n95% CI [−1.925, 4.425]"));
  // only rows with an actual value: BBB 2019 has none
  assert.deepEqual(tips(f.get("actual_vs_predicted")!.svg), [
    "AAA 2019\nactual 7\npredicted 10\nK = 0.70",
    "AAA 2020\nactual 25\npredicted 20\nK = 1.25",
  ]);
  assert.deepEqual(tips(f.get("residuals_vs_fitted")!.svg), [
    "AAA 2019\nfitted 2.000\nresidual 0.250",
    "AAA 2020\nfitted 3.000\nresidual −0.500",
    "BBB 2019\nfitted 4.000\nresidual 0.250",
  ]);
  // with the paper: its slope drawn as the second series; its _cons is the intercept, left out
  r.paper = {
    source: "paper",
    table2: [
      {
        variable: "ln gdp",
        term: "ln_gdp",
        coefficient: 0.5,
        stdError: 0.1,
        t: 5,
        p: 0.01,
        ciLower: 0.25,
        ciUpper: 0.75,
      },
      {
        variable: "cons",
        term: "_cons",
        coefficient: 2,
        stdError: 1,
        t: 2,
        p: 0.05,
        ciLower: 0,
        ciUpper: 4,
      },
    ],
    table3: [],
    comparison: {} as PaperComparison,
  };
  f = byName(r);
  const both = f.get("coefficient_plot")!.svg;
  assert.ok(texts(both).includes("paper (Table 2)"));
  assert.equal(dots(both).length, 2);
  assert.ok(tips(both).includes("ln_gdp (paper (Table 2))\nestimate 0.500\n95% CI [0.250, 0.750]"));
  assert.ok(!both.includes("_cons") && !both.includes("(Intercept)"));
});

Deno.test("K figures: one cell per partner-year, the configured thresholds, the interval level", () => {
  const r = handStudy();
  let f = byName(r);
  assert.deepEqual(tips(f.get("k_heatmap")!.svg), [
    "AAA 2019\nK = 0.70 (huge potential)",
    "AAA 2020\nK = 1.25 (re-modelling)",
    "BBB 2019\nK: none (.)",
    "BBB 2020\nK: none (.)",
  ]);
  assert.ok(texts(f.get("k_heatmap")!.svg).includes("huge potential (K ≤ 0.75)"));
  assert.ok(texts(f.get("k_lines")!.svg).includes("thresholds 0.75 / 1.25"));
  const iv = f.get("k_intervals")!.svg;
  assert.ok(texts(iv).includes("thresholds 0.75 / 1.25"));
  assert.ok(texts(iv).includes("2 partner-year(s) without K are not drawn."));
  // the level: the computed one first, then the configured one, then 90%
  r.uncertainty!.level = 0.8;
  assert.equal(
    byName(r).get("k_intervals")!.title,
    "Trade potential K with 80% intervals, by partner",
  );
  r.uncertainty = null;
  r.config.uncertainty.level = 0.95;
  assert.equal(
    byName(r).get("k_intervals")!.title,
    "Trade potential K with 95% intervals, by partner",
  );
  delete (r.config as { uncertainty?: unknown }).uncertainty;
  f = byName(r);
  assert.equal(f.get("k_intervals")!.title, "Trade potential K with 90% intervals, by partner");
  // turned off: no intervals figure
  r.config.uncertainty = { ...handStudy().config.uncertainty, enabled: false };
  assert.equal(byName(r).has("k_intervals"), false);
  assert.deepEqual(
    studyFigures(r).map((x) => x.name).slice(-2),
    ["k_heatmap", "k_lines"],
  );
});

Deno.test("kRows and kIntervalRows: every partner-year of the window, K and interval where there is one", () => {
  const r = handStudy();
  assert.deepEqual(kRows(r), [
    { country: "AAA", year: 2019, k: 0.7, class: "huge" },
    { country: "AAA", year: 2020, k: 1.25, class: "remodelling" },
    { country: "BBB", year: 2019, k: null, class: null },
    { country: "BBB", year: 2020, k: null, class: null },
  ]);
  assert.deepEqual(kIntervalRows(r), [
    {
      country: "AAA",
      year: 2019,
      k: 0.7,
      class: "huge",
      kLower: 0.5,
      kUpper: 1.25,
      series: "in-sample",
    },
    {
      country: "AAA",
      year: 2020,
      k: 1.25,
      class: "remodelling",
      kLower: 1,
      kUpper: 1.5,
      series: "in-sample",
    },
    {
      country: "BBB",
      year: 2019,
      k: null,
      class: null,
      kLower: null,
      kUpper: null,
      series: "in-sample",
    },
    {
      country: "BBB",
      year: 2020,
      k: null,
      class: null,
      kLower: null,
      kUpper: null,
      series: "in-sample",
    },
  ]);
  // a row without the uncertainty fields has null bounds
  for (const p of r.potential) {
    delete (p as { kLower?: unknown }).kLower;
    delete (p as { kUpper?: unknown }).kUpper;
  }
  assert.deepEqual(kIntervalRows(r).map((x) => [x.kLower, x.kUpper]), [
    [null, null],
    [null, null],
    [null, null],
    [null, null],
  ]);
});

Deno.test("no regression: the regression and K figures say why, with the reason in <desc>", () => {
  const r = handStudy();
  r.regression.fit = null;
  r.regression.estimable = false;
  r.regression.reason = "too few rows: a < b";
  for (const f of studyFigures(r)) {
    if (f.part === "pca") {
      assert.equal(f.noData, undefined, f.name);
      continue;
    }
    assert.equal(f.noData, "too few rows: a < b", f.name);
    assert.ok(f.svg.startsWith("<svg "), f.name);
    assert.match(f.svg, /^<svg [^>]*><desc>too few rows: a &lt; b<\/desc>/, f.name);
    assert.equal(
      f.svg.replace("<desc>too few rows: a &lt; b</desc>", ""),
      noDataSvg(f.title, "no regression: N = 3 ≤ k = 2"),
      f.name,
    );
  }
  assert.deepEqual(studyFigures(r).filter((f) => f.noData).map((f) => f.name), [
    "coefficient_plot",
    "actual_vs_predicted",
    "residuals_vs_fitted",
    "k_heatmap",
    "k_lines",
    "k_intervals",
  ]);
  delete r.regression.reason;
  const f = byName(r).get("k_heatmap")!;
  assert.equal(f.noData, "the regression was not estimated");
  assert.ok(f.svg.includes("<desc>the regression was not estimated</desc>"));
});

Deno.test("no PCA: the PCA figures say so with the reason (empty when none is given)", () => {
  const r = handStudy();
  r.pca.ok = false;
  r.pca.reason = "fewer than 2 indicators";
  for (const f of studyFigures(r).filter((x) => x.part === "pca")) {
    assert.equal(f.noData, "fewer than 2 indicators", f.name);
    assert.equal(
      f.svg.replace("<desc>fewer than 2 indicators</desc>", ""),
      noDataSvg(f.title, "PCA not computed"),
      f.name,
    );
    assert.ok(f.svg.includes("<desc>fewer than 2 indicators</desc>"), f.name);
  }
  assert.equal(studyFigures(r).filter((f) => f.part === "pca").length, 4);
  delete r.pca.reason;
  assert.equal(byName(r).get("scree_plot")!.noData, "");
});

Deno.test("benchmark figure: our K, the OLS and PPML benchmarks and the structural K, each a series", () => {
  const r = handStudy();
  assert.equal(byName(r).has("k_benchmark_intervals"), false);
  // a benchmark without an estimated fit and no structural K: no figure
  r.benchmark = handBenchmark([handBenchmarkFit("ols", false)]);
  r.structural = handStructural(false);
  assert.equal(byName(r).has("k_benchmark_intervals"), false);
  r.benchmark = handBenchmark([handBenchmarkFit("ols"), handBenchmarkFit("ppml")]);
  r.structural = handStructural();
  r.config.uncertainty.level = 0.8;
  const figs = studyFigures(r);
  const f = figs.at(-1)!;
  assert.deepEqual([f.part, f.name, f.title, "noData" in f], [
    "benchmark",
    "k_benchmark_intervals",
    "K against the world benchmark with 80% intervals, by partner",
    false,
  ]);
  const t = texts(f.svg);
  assert.equal(t[0], f.title);
  assert.deepEqual(t.filter((x) => x.endsWith("(interval)")), [
    "in-sample (interval)",
    "benchmark OLS (interval)",
    "benchmark PPML (interval)",
    "structural (interval)",
  ]);
  assert.ok(t.includes("thresholds 0.75 / 1.25"));
  // our K without a value are left out before drawing (no "not drawn" note)
  assert.ok(!t.some((x) => x.includes("without K")));
  // dots: stroke = series colour, fill = class colour; AAA panel first, then BBB
  const seen = dots(f.svg).map((c) => [c.getAttribute("stroke"), c.getAttribute("fill")]);
  const [ins, ols, ppml, st] = SERIES_COLORS;
  const { huge, remodelling } = CLASS_COLORS;
  assert.deepEqual(
    seen.sort(),
    [
      [ins, huge], // AAA 2019
      [ins, remodelling], // AAA 2020
      [ols, huge], // AAA 2019
      [ols, remodelling], // BBB 2019
      [ppml, huge],
      [ppml, remodelling],
      [st, huge], // BBB 2019
      [st, remodelling], // AAA 2019
    ].sort(),
  );
  // interval bars where a row has both bounds: ours 2, OLS 2, PPML 1 (AAA), structural 1 (AAA)
  const bars = all(parse(f.svg), 'g[aria-label="rule"] line').map((l) => l.getAttribute("stroke"))
    .filter((c) => c !== null);
  assert.deepEqual(bars.sort(), [ins, ins, ols, ols, ppml, st].sort());
  // the structural K alone is enough for the figure
  r.benchmark = null;
  const only = byName(r).get("k_benchmark_intervals")!;
  assert.deepEqual(texts(only.svg).filter((x) => x.endsWith("(interval)")), [
    "in-sample (interval)",
    "structural (interval)",
  ]);
  // a PPML fit alone
  r.structural = null;
  r.benchmark = handBenchmark([handBenchmarkFit("ppml")]);
  assert.deepEqual(
    texts(byName(r).get("k_benchmark_intervals")!.svg).filter((x) => x.endsWith("(interval)")),
    ["in-sample (interval)", "benchmark PPML (interval)"],
  );
  // the structural fit failed: the benchmark alone
  r.structural = handStructural(false);
  r.benchmark = handBenchmark([handBenchmarkFit("ols")]);
  assert.deepEqual(
    texts(byName(r).get("k_benchmark_intervals")!.svg).filter((x) => x.endsWith("(interval)")),
    ["in-sample (interval)", "benchmark OLS (interval)"],
  );
});

Deno.test("forecast figure: title with the cut-off and horizon, actuals, forecasts and the projection", () => {
  const fc = handForecast();
  const r = handStudy();
  r.forecast = fc;
  const figs = studyFigures(r);
  const f = figs.at(-1)!;
  assert.deepEqual(
    [f.part, f.name, f.title],
    [
      "forecast",
      "forecast_fan",
      "Actual vs forecast (cut-off 2018) and projection to 2022, US$ bn, log scale",
    ],
  );
  assert.deepEqual(forecastFigure(fc), f);
  const t = texts(f.svg);
  assert.equal(t[0], f.title);
  assert.ok(t.includes("cut-off 2018"));
  assert.ok(t.includes('projection ("base"), 80% fan'));
  // BBB 2020 has no forecast and BBB 2021 no projection: neither is drawn
  assert.ok(
    t.includes(
      "1 out-of-time forecasts, 1 projected partner-years; points without a value are not drawn.",
    ),
  );
  const tt = tips(f.svg);
  assert.ok(tt.includes("AAA 2021\nprojection 3.00 bn (80%: 2.00-4.50)"));
  assert.ok(tt.includes("AAA 2019\nforecast 2.50 bn (80%: 1.50-3.50)"));
  assert.ok(tt.includes("AAA 2017\nactual 1.50 bn"));
  assert.ok(tt.includes("AAA 2018\nactual 1.75 bn"));
  // no scenario: the projection ends at the last year with data, no fan
  fc.scenarios = [];
  const g = forecastFigure(fc);
  assert.equal(
    g.title,
    "Actual vs forecast (cut-off 2018) and projection to 2020, US$ bn, log scale",
  );
  assert.ok(!texts(g.svg).some((x) => x.startsWith("projection (")));
});

Deno.test("scree plot: the eigenvalue-1 line only under the Kaiser rule", () => {
  const rules = [{ rule: "first" as const }, { rule: "cumulative" as const, share: 0.8 }];
  for (const retention of rules) {
    const r = handStudy();
    r.pca!.retention = retention;
    const svg = byName(r).get("scree_plot")!.svg;
    assert.ok(!texts(svg).includes("eigenvalue = 1"), retention.rule);
    assert.ok(!svg.includes('aria-label="rule"'), retention.rule);
  }
  const kaiser = byName(handStudy()).get("scree_plot")!.svg;
  assert.ok(texts(kaiser).includes("eigenvalue = 1"));
  assert.ok(kaiser.includes('aria-label="rule"'));
});

Deno.test("frontier figure: each partner's TE with its interval, the mean TE of the fit, the fit's level in the title", () => {
  const r = handStudy();
  assert.equal(byName(r).has("frontier_efficiency"), false);
  // a world fit that failed: no figure
  r.frontier = { world: { ok: false }, rows: [] } as unknown as StudyFrontier;
  assert.equal(byName(r).has("frontier_efficiency"), false);
  r.frontier = {
    world: {
      ok: true,
      config: { level: 0.8 },
      meanEfficiencyByPeriod: [{ time: 2019, mean: 0.5 }, { time: 2020, mean: 0.55 }],
    },
    rows: [
      { country: "AAA", year: 2019, efficiency: 0.6, lower: 0.5, upper: 0.7 },
      { country: "AAA", year: 2020, efficiency: 0.65, lower: 0.55, upper: 0.75 },
      { country: "BBB", year: 2019, efficiency: 0.3, lower: 0.2, upper: 0.45 },
    ],
  } as unknown as StudyFrontier;
  r.forecast = handForecast();
  const figs = studyFigures(r);
  // after the K figures, before the forecast
  assert.deepEqual(figs.slice(-2).map((f) => [f.part, f.name]), [
    ["frontier", "frontier_efficiency"],
    ["forecast", "forecast_fan"],
  ]);
  const f = figs.at(-2)!;
  assert.equal(f.title, "Trade efficiency on the world frontier with 80% intervals, by partner");
  const t = texts(f.svg);
  assert.equal(t[0], f.title);
  // one panel per partner, the legend with the level and the dashed mean of every partner
  for (const s of ["AAA", "BBB", "80% interval", "mean TE of all partners"]) {
    assert.ok(t.includes(s), s);
  }
  assert.deepEqual(tips(f.svg), [
    "AAA 2019: TE 0.600 (0.500-0.700)",
    "AAA 2020: TE 0.650 (0.550-0.750)",
    "BBB 2019: TE 0.300 (0.200-0.450)",
  ]);
  // the mean line: 0.5 in 2019 and 0.55 in 2020 on the 0-1 axis, drawn in each partner's panel
  assert.equal(all(parse(f.svg), 'g[aria-label="line"] path').length, 2);
});

Deno.test("counterfactual figures: one per computed scenario, the study's countries and the others most affected", () => {
  const r = handStudy();
  const before = studyFigures(r);
  assert.deepEqual(before.filter((f) => f.part === "counterfactual"), []);
  const country = (c: string, welfare: number, realGdpChange: number) => ({
    country: c,
    welfare,
    realGdpChange,
  });
  const result = {
    countries: [
      country("CHN", 1.002, 0.15),
      country("AAA", 1.05, 0.3),
      country("BBB", 0.99, -0.8),
      country("XXX", 1.001, 0.05),
      // not among the most affected: not drawn
      country("YYY", 1.1, 0.9),
    ],
  };
  const scenario = (name: string, ok: boolean, withResult: boolean) => ({
    scenario: { name },
    ok,
    result: withResult ? result : null,
    mostAffected: [{ country: "XXX", welfareChange: 0.1, realGdpChange: 0.05 }],
  });
  r.counterfactual = {
    scenarios: [
      scenario("rta", false, false),
      scenario("solved_badly", false, true),
      scenario("corridor", true, true),
      scenario("unsolved", true, false),
    ],
  } as unknown as StudyResult["counterfactual"];
  // the scenarios not computed (failed, or without a result) add nothing to the figures
  const every = studyFigures(r);
  assert.deepEqual(every.map((f) => f.name), [
    ...before.map((f) => f.name),
    "counterfactual_corridor",
  ]);
  const figs = every.filter((f) => f.part === "counterfactual");
  assert.deepEqual(figs.map((f) => [f.name, f.title]), [[
    "counterfactual_corridor",
    `Counterfactual "corridor": welfare change (%), the study's countries and the 1 others ` +
    "most affected",
  ]]);
  const svg = figs[0].svg;
  // the title drawn on two lines
  assert.ok(texts(svg)[0].startsWith(`Counterfactual "corridor": welfare change (%)`));
  // (welfare - 1) x 100, largest gain on top; span 5% -> 2 decimals
  assert.deepEqual(tips(svg), [
    "AAA\nwelfare +5.00%\nreal GDP +0.30%",
    "CHN\nwelfare +0.20%\nreal GDP +0.15%",
    "XXX\nwelfare +0.10%\nreal GDP +0.05%",
    "BBB\nwelfare −1.00%\nreal GDP −0.80%",
  ]);
  // the study's countries strong (gain blue, loss red), the other one lighter
  const fills = all(parse(svg), 'g[aria-label="bar"] rect').map((b) => b.getAttribute("fill"));
  assert.deepEqual(fills, ["#4269d0", "#4269d0", "#a9bcea", "#d73027"]);
  assert.ok(texts(svg).includes("other countries (lighter)"));
});
