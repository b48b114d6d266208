/**
 * lib/gravity/render/figures.ts on real study runs: the figures of the synthetic panel (K cells
 * coloured by class, the paper's series), the indicator correlation against Pearson r, and the
 * thin-data figures and report page that say why they are empty.
 */
import assert from "node:assert/strict";
import { indicatorCorrelation, kRows, studyFigures } from "../../../lib/gravity/render/figures.ts";
import { studyReport } from "../../../lib/gravity/render/report_page.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import type { PaperTables } from "../../../lib/gravity/study/paper.ts";
import { CLASS_COLORS, MISSING_COLOR } from "../../../lib/report/figures/style.ts";
import { thinSyntheticStudy } from "../study/thin_panel.ts";

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
