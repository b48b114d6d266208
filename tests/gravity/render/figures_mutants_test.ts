/**
 * lib/gravity/render/figures.ts on the hand-built result of format_fixture.ts: which figures, their
 * titles and parts, the data each one draws (read back from the SVG's tooltips, marks and
 * legends), the "no data" figures with their reasons, and the HTML report's sections.
 */
import assert from "node:assert/strict";
import { DOMParser } from "linkedom";
import {
  EQ1_HINT,
  forecastFigure,
  indicatorCorrelation,
  kIntervalRows,
  kRows,
  studyFigures,
  studyReport,
} from "../../../lib/gravity/render/figures.ts";
import { CLASS_COLORS, SERIES_COLORS } from "../../../lib/report/figures/style.ts";
import { noDataSvg } from "../../../lib/report/dom.ts";
import type { PaperComparison, PaperTables } from "../../../lib/gravity/study/paper.ts";
import {
  handBenchmark,
  handBenchmarkFit,
  handForecast,
  handStructural,
  handStudy,
} from "./format_fixture.ts";
import type { StudyResult } from "../../../lib/gravity/study/types.ts";

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

Deno.test("EQ1_HINT names the estimable equation (1) config and the command that runs it", async () => {
  assert.equal(
    EQ1_HINT,
    "equation (1) (data/study.eq1.config.json) can be estimated on these data: " +
      "deno task study --config data/study.eq1.config.json",
  );
  const root = new URL("../../../", import.meta.url).pathname;
  await Deno.stat(`${root}data/study.eq1.config.json`);
});

/** The sections of the report page: heading -> its HTML. */
function sections(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (
    const m of html.matchAll(/<section id="[^"]*">\n<h2>([^<]*)<\/h2>\n([\s\S]*?)\n<\/section>/g)
  ) {
    out.set(m[1], m[2]);
  }
  return out;
}

Deno.test("studyReport: title, subtitle, summary, choices, tables with their figures, comparison, warnings", () => {
  const r = handStudy();
  const html = studyReport(r, { configPath: "cfg.json" });
  assert.ok(html.includes("<title>Hand study &lt;A&amp;B&gt;</title>"));
  assert.ok(
    html.includes(
      '<p class="subtitle">cbec-gravity study (config cfg.json); the paper: not loaded.</p>',
    ),
  );
  const s = sections(html);
  assert.deepEqual([...s.keys()], [
    "Summary and choices",
    "Table 1. Variables, sources and coverage",
    "CBEC index (PCA)",
    "Table 2. Gravity regression",
    "Table 3. Trade potential K",
    "Comparison with the paper and why they differ",
    "Warnings",
  ]);
  assert.equal(
    s.get("Summary and choices"),
    "<p>Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.</p>\n" +
      "<h3>Choices</h3>\n<ul>\n<li>choice one</li>\n<li>choice &lt;two&gt;</li>\n</ul>",
  );
  assert.ok(
    s.get("Table 1. Variables, sources and coverage")!.startsWith("<table><caption>Table 1."),
  );
  const figs = studyFigures(r);
  const part = (p: string) =>
    figs.filter((f) => f.part === p).map((f) => `<figure>\n${f.svg}\n</figure>`).join("\n");
  const pca = s.get("CBEC index (PCA)")!;
  assert.ok(pca.startsWith("<table><caption>CBEC index (PCA of the standardized"));
  assert.ok(pca.endsWith(`</p>\n${part("pca")}`));
  const t2 = s.get("Table 2. Gravity regression")!;
  assert.ok(t2.startsWith("<table><caption>Table 2. Gravity regression"));
  assert.ok(t2.endsWith(`</p>\n${part("regression")}`));
  const t3 = s.get("Table 3. Trade potential K")!;
  assert.ok(t3.startsWith("<table><caption>Table 3. Trade potential K"));
  assert.ok(t3.endsWith(`</p>\n${part("potential")}`));
  assert.equal(
    s.get("Comparison with the paper and why they differ"),
    "<ul>\n<li>(paper tables not loaded)</li>\n</ul>\n<h3>Why they differ</h3>\n" +
      "<ul>\n<li>difference one</li>\n<li>difference &amp; two</li>\n</ul>",
  );
  assert.equal(s.get("Warnings"), "<ul>\n<li>warn &lt;one&gt;</li>\n</ul>");
  // without a config path, choices or warnings; the paper's source named
  r.config.choices = [];
  r.warnings = [];
  r.paper = { source: "Paper 2024", table2: [], table3: [] } as unknown as PaperTables & {
    comparison: PaperComparison;
  };
  r.paper.comparison = {
    coefficients: [],
    classes: [],
    signAgreement: { agree: 0, compared: 0 },
    classAgreement: { agree: 0, compared: 0 },
    paperInconsistencies: [],
  };
  const h2 = studyReport(r);
  assert.ok(h2.includes('<p class="subtitle">cbec-gravity study; the paper: Paper 2024.</p>'));
  const s2 = sections(h2);
  assert.equal(
    s2.get("Summary and choices"),
    "<p>Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.</p>",
  );
  assert.equal(s2.has("Warnings"), false);
  assert.equal(
    s2.get("Comparison with the paper and why they differ"),
    "<ul>\n<li>Sign agreement: 0 of 0 coefficients compared.</li>\n" +
      "<li>Class agreement: 0 of 0 country-years compared (the paper has 0 K values).</li>\n" +
      "</ul>\n<h3>Why they differ</h3>\n" +
      "<ul>\n<li>difference one</li>\n<li>difference &amp; two</li>\n</ul>",
  );
});

Deno.test("studyReport: not estimable, given figures, hints; benchmark, sensitivity and forecast sections", () => {
  const r = handStudy();
  r.regression.estimable = false;
  r.regression.fit = null;
  r.regression.reason = "the regression cannot be estimated: 3 rows < 4 & more";
  const html = studyReport(r, { hints: ["hint <1>", "hint 2"] });
  const s = sections(html);
  assert.equal(
    s.get("Summary and choices"),
    "<p>Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.</p>\n" +
      "<p><strong>The regression could not be estimated</strong>: 3 rows &lt; 4 &amp; more. So " +
      "there is no Table 2 or Table 3 of ours and the regression and K figures are empty; the " +
      "coverage, the CBEC index and the paper's tables are still shown.</p>\n" +
      "<p>hint &lt;1&gt;</p>\n<p>hint 2</p>\n" +
      "<h3>Choices</h3>\n<ul>\n<li>choice one</li>\n<li>choice &lt;two&gt;</li>\n</ul>",
  );
  // an empty figure has its caption
  const k = studyFigures(r).find((f) => f.name === "k_heatmap")!;
  assert.ok(
    s.get("Table 3. Trade potential K")!.includes(
      `<figure>\n${k.svg}\n<figcaption>Not drawn: the regression cannot be estimated: 3 rows ` +
        `&lt; 4 &amp; more</figcaption>\n</figure>`,
    ),
  );
  // no reason given, no hints
  delete r.regression.reason;
  r.config.choices = [];
  const tail = ". So there is no Table 2 or Table 3 of ours and the regression and K figures are " +
    "empty; the coverage, the CBEC index and the paper's tables are still shown.</p>";
  assert.equal(
    sections(studyReport(r)).get("Summary and choices"),
    "<p>Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.</p>\n" +
      `<p><strong>The regression could not be estimated</strong>: ${tail}`,
  );
  // only a leading "the regression cannot be estimated: " is cut
  r.regression.reason = "no fit: the regression cannot be estimated: 2 rows";
  assert.equal(
    sections(studyReport(r)).get("Summary and choices"),
    "<p>Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.</p>\n" +
      "<p><strong>The regression could not be estimated</strong>: no fit: the regression cannot " +
      `be estimated: 2 rows${tail}`,
  );
  // the figures given are the ones shown
  const mine = [
    { part: "pca" as const, name: "x", title: "X", svg: "<svg>PCA-FIG</svg>" },
    { part: "forecast" as const, name: "y", title: "Y", svg: "<svg>FC-FIG</svg>" },
  ];
  const r2 = handStudy();
  r2.benchmark = handBenchmark([handBenchmarkFit("ols")]);
  r2.forecast = handForecast();
  r2.sensitivity = {
    terms: ["ln_gdp"],
    variants: [],
    classChange: { changed: 0, compared: 0, share: null, cells: [] },
  };
  const s2 = sections(studyReport(r2, { figures: mine }));
  assert.deepEqual([...s2.keys()], [
    "Summary and choices",
    "Table 1. Variables, sources and coverage",
    "CBEC index (PCA)",
    "Table 2. Gravity regression",
    "Table 3. Trade potential K",
    "The world benchmark: K out of sample",
    "Sensitivity: the same equation on each dependent variable",
    "Comparison with the paper and why they differ",
    "Forecast: out-of-time validation and scenario projections",
    "Warnings",
  ]);
  assert.ok(s2.get("CBEC index (PCA)")!.endsWith("</p>\n<figure>\n<svg>PCA-FIG</svg>\n</figure>"));
  assert.ok(s2.get("Table 2. Gravity regression")!.endsWith("</p>\n"));
  const bench = s2.get("The world benchmark: K out of sample")!;
  assert.ok(bench.startsWith("<table><caption>Table 3b. Trade potential K against the world"));
  assert.ok(bench.includes("<table><caption>Table 1b. China world panel"));
  assert.ok(bench.includes("<table><caption>Benchmark: gravity of CHN"));
  assert.ok(bench.endsWith("</p>\n"));
  assert.ok(
    s2.get("Sensitivity: the same equation on each dependent variable")!.startsWith("<table>"),
  );
  const fc = s2.get("Forecast: out-of-time validation and scenario projections")!;
  assert.ok(fc.startsWith("<h3>Forecast</h3>\n<p>Forecast &lt;summary&gt; &amp; more.</p>"));
  assert.ok(fc.endsWith("</ul>\n<figure>\n<svg>FC-FIG</svg>\n</figure>"));
  // the structural K alone opens the benchmark section too, with its figure
  const r3 = handStudy();
  r3.structural = handStructural();
  const s3 = sections(studyReport(r3));
  const st = s3.get("The world benchmark: K out of sample")!;
  assert.ok(st.startsWith("<table><caption>Table 3c. Structural K"));
  assert.ok(st.includes("<figure>\n<svg"));
  assert.ok(st.includes("K against the world benchmark with 90% intervals, by partner"));
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
