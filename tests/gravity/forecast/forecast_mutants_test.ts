/**
 * Tests written for the mutants that survived `deno task mutate` on the forecast modules
 * (lib/gravity/forecast*.ts). Expected values are worked in the test, independently of lib/: OLS
 * by the normal equations solved here, Student t quantiles from jstat, the naive rules and the
 * error metrics by their definitions, on the known synthetic panel of synthetic_forecast.ts.
 */
import assert from "node:assert/strict";
import jStat from "jstat";
import { cbecIndex } from "../../../lib/gravity/equation/cbec_index.ts";
import {
  byHorizon,
  compareMethods,
  forecastDesign,
  regressorProvenance,
  validateCutoff,
  type ValidationRow,
} from "../../../lib/gravity/forecast/validate.ts";
import { parseForecastConfig } from "../../../lib/gravity/config/forecast.ts";
import { fitForecast, predictRow } from "../../../lib/gravity/forecast/fit.ts";
import {
  averageGrowth,
  errorMetrics,
  growthRule,
  lastValue,
} from "../../../lib/gravity/forecast/naive.ts";
import {
  type KProjectionModel,
  projectRegressors,
  projectSeries,
  runScenario,
  tKDistribution,
  tKProjection,
} from "../../../lib/gravity/forecast/scenario.ts";
import type { StudyConfig } from "../../../lib/gravity/config/study.ts";
import { buildDesign } from "../../../lib/gravity/equation/terms.ts";
import { uncertaintyKProjection } from "../../../lib/gravity/forecast/k_projection.ts";
import { simulateK } from "../../../lib/gravity/potential/intervals.ts";
import { chooseCovariance } from "../../../lib/gravity/potential/study_intervals.ts";
import { syntheticForecastStudy } from "../../../lib/gravity/synthetic/forecast.ts";
import type { GravityPanel } from "../../../lib/gravity/types.ts";

const close = (a: number, b: number, rel: number, what = "") =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

/** Solve A z = b by Gaussian elimination with partial pivoting (A small, square). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const z = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * z[k];
    z[r] = s / M[r][r];
  }
  return z;
}

/** OLS of y on [1, x...] by the normal equations: b, s, df and a function x0 -> x0'(X'X)^-1 x0. */
function refOls(X: number[][], y: number[]) {
  const k = X[0].length;
  const xtx = Array.from(
    { length: k },
    (_, a) => Array.from({ length: k }, (_, b) => X.reduce((s, r) => s + r[a] * r[b], 0)),
  );
  const xty = Array.from({ length: k }, (_, a) => X.reduce((s, r, i) => s + r[a] * y[i], 0));
  const b = solve(xtx, xty);
  const res = y.map((v, i) => v - X[i].reduce((s, x, a) => s + x * b[a], 0));
  const df = y.length - k;
  const s = Math.sqrt(res.reduce((a, e) => a + e * e, 0) / df);
  const quad = (x0: number[]) => x0.reduce((acc, v, a) => acc + v * solve(xtx, x0)[a], 0);
  return { b, s, df, quad };
}

const study = () => syntheticForecastStudy({ partners: 6, seed: 7 });
const val = (p: GravityPanel, c: string, y: number, v: string) =>
  p.rows.find((r) => r.iso3 === c && r.year === y)?.values[v] ?? NaN;
const setVal = (p: GravityPanel, c: string, y: number, v: string, x: number) => {
  p.rows.find((r) => r.iso3 === c && r.year === y)!.values[v] = x;
};

Deno.test("validateCutoff: rows, model, intervals, naive rules and metrics against a fit worked here", () => {
  const { config, panel } = study();
  // holes: P01's actual missing in 2022 (no row, not excluded); P02's gdp missing in 2023
  // (excluded, the reason names the term, not the dependent); P03 has trade 0 in 2011-2012 and -1 in 2013
  // (its history skips them); P04's history is one year (no growth forecast); P05's 2021 trade 0
  setVal(panel, "P01", 2022, "trade", NaN);
  setVal(panel, "P02", 2023, "gdp", NaN);
  setVal(panel, "P02", 2023, "trade", 5e6);
  setVal(panel, "P03", 2011, "trade", 0);
  setVal(panel, "P03", 2012, "trade", 0);
  setVal(panel, "P03", 2013, "trade", -1);
  for (let y = 2010; y <= 2019; y++) setVal(panel, "P04", y, "trade", NaN);
  setVal(panel, "P05", 2021, "trade", 0);
  const fc = parseForecastConfig({ cutoff: 2020, trainFrom: 2011, level: 0.8 }, 2010, "trade");
  const r = validateCutoff(config, fc, panel, 2020);
  // reference fit on 2011-2020 rows with positive trade and both regressors
  const X: number[][] = [];
  const y: number[] = [];
  const xOf = (c: string, yr: number) => [
    1,
    Math.log(val(panel, "AAA", yr, "gdp") * val(panel, c, yr, "gdp")),
    Math.log(val(panel, c, yr, "dist")),
  ];
  for (const c of config.partners) {
    for (let yr = 2011; yr <= 2020; yr++) {
      const t = val(panel, c, yr, "trade");
      if (t > 0) {
        X.push(xOf(c, yr));
        y.push(Math.log(t));
      }
    }
  }
  const ref = refOls(X, y);
  assert.equal(r.fit!.n, X.length);
  assert.deepEqual(r.fit!.years, { from: 2011, to: 2020 });
  close(r.fit!.sigma, ref.s, 1e-9, "sigma");
  const tq = jStat.studentt.inv(0.9, ref.df);
  const expected: string[] = [];
  for (const c of config.partners) {
    for (let yr = 2021; yr <= 2024; yr++) {
      const a = val(panel, c, yr, "trade");
      if (a > 0 && !(c === "P02" && yr === 2023)) expected.push(`${c} ${yr}`);
    }
  }
  assert.deepEqual(r.rows.map((x) => `${x.country} ${x.year}`), expected);
  assert.deepEqual(r.excluded, [{
    country: "P02",
    year: 2023,
    reason: "ln_gdp: gdp missing for P02 2023",
  }]);
  for (const row of r.rows) {
    assert.equal(row.cutoff, 2020);
    assert.equal(row.horizon, row.year - 2020);
    assert.equal(row.actual, val(panel, row.country, row.year, "trade"));
    const x0 = xOf(row.country, row.year);
    const fitted = x0.reduce((s, v, a) => s + v * ref.b[a], 0);
    const se = ref.s * Math.sqrt(1 + ref.quad(x0));
    close(Math.log(row.predicted!), fitted, 1e-9, "fitted");
    close(Math.log(row.lo!), fitted - tq * se, 1e-8, "lo");
    close(Math.log(row.hi!), fitted + tq * se, 1e-8, "hi");
    assert.equal(row.covered, row.actual >= row.lo! && row.actual <= row.hi!);
    // naive rules by hand from the positive actuals 2011-2020
    const hist: [number, number][] = [];
    for (let yr = 2011; yr <= 2020; yr++) {
      const t = val(panel, row.country, yr, "trade");
      if (t > 0) hist.push([yr, t]);
    }
    const [y0, v0] = hist[0];
    const [y1, v1] = hist[hist.length - 1];
    assert.equal(row.lastValue, v1);
    if (hist.length < 2) assert.equal(row.averageGrowth, null);
    else {
      const g = (Math.log(v1) - Math.log(v0)) / (y1 - y0);
      close(row.averageGrowth!, v1 * Math.exp(g * (row.year - y1)), 1e-12, "growth");
    }
  }
  // P03's growth starts at 2014, after the non-positive 2011-2013; P04 has none
  assert.ok(r.rows.filter((x) => x.country === "P04").every((x) => x.averageGrowth === null));
  assert.ok(r.rows.filter((x) => x.country === "P04").every((x) => x.lastValue !== null));
  // metrics by hand
  const male = (xs: ValidationRow[], f: (x: ValidationRow) => number) =>
    xs.reduce((s, x) => s + Math.abs(Math.log(f(x) / x.actual)), 0) / xs.length;
  const common = r.rows.filter((x) => x.country !== "P04");
  const m = Object.fromEntries(r.metrics.map((x) => [x.method, x.metrics]));
  assert.equal(m.model.n, common.length);
  close(m.model.male, male(common, (x) => x.predicted!), 1e-12, "male model");
  close(m["last value"].male, male(common, (x) => x.lastValue!), 1e-12, "male last");
  close(m["average growth"].male, male(common, (x) => x.averageGrowth!), 1e-12, "male growth");
  assert.equal(r.modelAll.n, r.rows.length);
  close(r.modelAll.male, male(r.rows, (x) => x.predicted!), 1e-12, "male all");
  const covered = r.rows.filter((x) => x.actual >= x.lo! && x.actual <= x.hi!).length;
  assert.deepEqual(r.coverage, { covered, n: r.rows.length, level: 0.8 });
  const order = Object.entries(m).sort((a, b) => a[1].male - b[1].male);
  assert.equal(r.best.male, order[0][0]);
  const orderP = Object.entries(m).sort((a, b) => a[1].mape - b[1].mape);
  assert.equal(r.best.mape, orderP[0][0]);
  assert.equal(r.reason, undefined);
  assert.ok(!("reason" in r));
});

Deno.test("validateCutoff: a cut-off with too few rows gives the reason, no model forecast, naive ones kept", () => {
  const { config, panel } = syntheticForecastStudy({ partners: 2, seed: 7 });
  const fc = parseForecastConfig({ cutoff: 2012, trainFrom: 2011 }, 2010, "trade");
  const r = validateCutoff(config, fc, panel, 2011);
  assert.equal(r.fit, null);
  assert.equal(r.reason, "2 complete country-years for 3 coefficients (need N > k)");
  assert.equal(r.rows.length, 2 * 13);
  for (const row of r.rows) {
    assert.equal(row.predicted, null);
    assert.equal(row.lo, null);
    assert.equal(row.hi, null);
    assert.equal(row.covered, null);
    assert.equal(row.lastValue, val(panel, row.country, 2011, "trade"));
    assert.equal(row.averageGrowth, null);
  }
  assert.deepEqual(r.coverage, { covered: 0, n: 0, level: 0.9 });
  assert.equal(r.modelAll.n, 0);
  assert.ok(Number.isNaN(r.modelAll.male));
  assert.deepEqual(r.best, { male: null, mape: null });
});

const vrow = (o: Partial<ValidationRow>): ValidationRow => ({
  cutoff: 2020,
  country: "X",
  year: 2021,
  horizon: 1,
  actual: 100,
  predicted: 100,
  lo: 50,
  hi: 200,
  covered: true,
  lastValue: 100,
  averageGrowth: 100,
  observed: [],
  filled: [],
  ...o,
});

Deno.test("compareMethods: common rows only, the lowest error wins, ties keep table order", () => {
  const rows = [
    vrow({ actual: 100, predicted: 110, lastValue: 120, averageGrowth: 90 }),
    vrow({ actual: 100, predicted: 100, lastValue: null, averageGrowth: 100 }),
    vrow({ actual: 100, predicted: 100, lastValue: 100, averageGrowth: null }),
    vrow({ actual: 100, predicted: null, lastValue: 100, averageGrowth: 100 }),
  ];
  const { metrics, best } = compareMethods(rows);
  assert.deepEqual(metrics.map((m) => m.method), ["model", "last value", "average growth"]);
  assert.ok(metrics.every((m) => m.metrics.n === 1));
  close(metrics[0].metrics.male, Math.log(1.1), 1e-15);
  close(metrics[1].metrics.male, Math.log(1.2), 1e-15);
  close(metrics[2].metrics.male, Math.log(10 / 9), 1e-15);
  close(metrics[2].metrics.mape, 10, 1e-12);
  // MALE: model 0.0953 < growth 0.1054; MAPE: model 10 = growth 10 (tie: the first listed wins)
  assert.deepEqual(best, { male: "model", mape: "model" });
  const g = compareMethods([
    vrow({ actual: 100, predicted: 130, lastValue: 120, averageGrowth: 90 }),
  ]);
  assert.deepEqual(g.best, { male: "average growth", mape: "average growth" });
  const l = compareMethods([
    vrow({ actual: 100, predicted: 130, lastValue: 105, averageGrowth: 90 }),
  ]);
  assert.deepEqual(l.best, { male: "last value", mape: "last value" });
  assert.deepEqual(compareMethods([vrow({ lastValue: null })]).best, { male: null, mape: null });
});

Deno.test("byHorizon: horizons ascending, n on common rows, model on all, coverage share", () => {
  const rows = [
    vrow({ horizon: 3, actual: 100, predicted: 200, covered: false }),
    vrow({ horizon: 1, actual: 100, predicted: 110, lastValue: 90, covered: true }),
    vrow({ horizon: 1, actual: 100, predicted: 120, lastValue: null, covered: false }),
    vrow({ horizon: 1, actual: 100, predicted: 100, averageGrowth: 50, covered: true }),
    vrow({ horizon: 2, actual: 100, predicted: null, lo: null, hi: null, covered: null }),
  ];
  const h = byHorizon(rows);
  assert.deepEqual(h.map((x) => x.horizon), [1, 2, 3]);
  assert.deepEqual(h.map((x) => x.n), [2, 0, 1]);
  assert.equal(h[0].model.n, 3);
  close(h[0].model.male, (Math.log(1.1) + Math.log(1.2)) / 3, 1e-15);
  close(h[0].male.model, Math.log(1.1) / 2, 1e-15);
  close(h[0].male["last value"], Math.log(10 / 9) / 2, 1e-15);
  close(h[0].male["average growth"], Math.log(2) / 2, 1e-15);
  close(h[0].mape.model, 5, 1e-12);
  close(h[0].mape["last value"], 5, 1e-12);
  close(h[0].mape["average growth"], 25, 1e-12);
  close(h[0].coverage, 2 / 3, 1e-15);
  assert.ok(Number.isNaN(h[1].coverage));
  assert.equal(h[1].model.n, 0);
  assert.equal(h[2].coverage, 0);
  close(h[2].male.model, Math.log(2), 1e-15);
  // numeric order, not string order
  assert.deepEqual(byHorizon([vrow({ horizon: 10 }), vrow({ horizon: 9 })]).map((x) => x.horizon), [
    9,
    10,
  ]);
});

Deno.test("regressorProvenance: formations pick whose inputs count, missing and not-applicable are neither", () => {
  const { config, panel } = study();
  const cfg = {
    ...config,
    terms: [
      ...config.terms,
      { ...config.terms[0], name: "ln_gdp_rep", formation: "reporter" as const },
      { ...config.terms[0], name: "ln_gdp_par", variable: "ind_a", formation: "partner" as const },
      // the CBEC composite is the partner's whatever its formation
      { ...config.terms[0], name: "cbec", variable: "cbec_index", formation: "product" as const },
      { ...config.terms[0], name: "zzz", variable: "zzz", formation: "reporter" as const },
    ],
  };
  const flagged = {
    ...panel,
    flags: {
      "AAA|2022|gdp": "interpolated",
      "P01|2022|gdp": "carried",
      "P01|2022|dist": "missing",
      "P01|2022|ind_a": "not-applicable",
      "AAA|2022|ind_a": "carried",
      "AAA|2022|ind_b": "carried",
      "P01|2022|ind_b": "extrapolated",
      "AAA|2022|zzz": "interpolated",
      "P01|2022|zzz": "carried",
    },
  };
  const p = regressorProvenance(cfg, flagged, "P01", 2022);
  // gdp (product): AAA and P01, each once though three terms use gdp; dist (bilateral): P01
  // only; ind_a (partner) and the CBEC indicators ind_a, ind_b: P01 only
  assert.deepEqual(p.filled, [
    "gdp AAA (interpolated)",
    "gdp P01 (carried)",
    "ind_b P01 (extrapolated)",
    "zzz AAA (interpolated)",
  ]);
  assert.deepEqual(p.observed, []);
  const q = regressorProvenance(cfg, panel, "P01", 2022);
  assert.deepEqual(q.observed, ["gdp", "dist", "ind_a", "ind_b", "zzz"]);
  assert.deepEqual(q.filled, []);
});

Deno.test("naive rules and metrics: empty history, first and last points, NaN when empty", () => {
  assert.equal(lastValue([], 2021), null);
  assert.equal(averageGrowth([]), null);
  assert.equal(averageGrowth([{ year: 2018, value: 3 }]), null);
  assert.equal(growthRule([], 2021), null);
  const h = [{ year: 2012, value: 10 }, { year: 2015, value: 1000 }, { year: 2017, value: 40 }];
  close(averageGrowth(h)!, Math.log(4) / 5, 1e-15);
  close(growthRule(h, 2019)!, 40 * 4 ** 0.4, 1e-12);
  assert.equal(lastValue(h, 2030), 40);
  const e = errorMetrics([]);
  assert.equal(e.n, 0);
  assert.ok(Number.isNaN(e.male) && Number.isNaN(e.mape));
  const m = errorMetrics([{ actual: 200, predicted: 50 }]);
  close(m.male, Math.log(4), 1e-15);
  close(m.mape, 75, 1e-12);
});

Deno.test("fitForecast / predictRow: boundaries and closed forms", () => {
  const row = (i: number, x1: number, y: number) => ({
    country: i % 2 ? "A" : "B",
    year: 2000 + i,
    actual: Math.exp(y),
    y,
    x: { x1 } as Record<string, number | null>,
    missing: [],
    complete: true,
    predictable: true,
  });
  // N = k: not estimable; N = k + 1: one residual degree of freedom
  assert.deepEqual(fitForecast([row(0, 1, 1), row(1, 2, 3)], ["x1"]), {
    reason: "2 complete country-years for 2 coefficients (need N > k)",
  });
  const rows = [row(3, 1, 1), row(1, 2, 3), row(2, 4, 4)];
  const f = fitForecast(rows, ["x1"]);
  assert.ok(!("reason" in f));
  const ref = refOls(rows.map((r) => [1, r.x.x1 as number]), rows.map((r) => r.y));
  assert.equal(f.df, 1);
  assert.equal(f.n, 3);
  assert.deepEqual(f.terms, ["(Intercept)", "x1"]);
  close(f.coefficients["(Intercept)"], ref.b[0], 1e-12);
  close(f.coefficients.x1, ref.b[1], 1e-12);
  close(f.sigma, ref.s, 1e-12);
  assert.deepEqual(f.years, { from: 2001, to: 2003 });
  assert.deepEqual(f.sample.country, ["A", "A", "B"]);
  assert.deepEqual(f.sample.x, [[1, 1], [1, 2], [1, 4]]);
  const ybar = (1 + 3 + 4) / 3;
  const tss = [1, 3, 4].reduce((s, v) => s + (v - ybar) ** 2, 0);
  close(f.r2, 1 - (ref.s ** 2 * 1) / tss, 1e-12, "r2");
  f.sample.residuals.forEach((e, i) =>
    close(e, rows[i].y - ref.b[0] - ref.b[1] * (rows[i].x.x1 as number), 1e-12)
  );
  // (X'X)^-1 entries by the 2x2 closed form
  const sx = 7, sxx = 21, det = 3 * sxx - sx * sx;
  close(f.xtxInv[0][0], sxx / det, 1e-12);
  close(f.xtxInv[0][1], -sx / det, 1e-12);
  close(f.xtxInv[1][1], 3 / det, 1e-12);
  // a collinear design falls back to the reason of ols (first line)
  const bad = fitForecast([row(0, 1, 1), row(1, 1, 2), row(2, 1, 4)], ["x1"]);
  if ("reason" in bad) assert.ok(!bad.reason.includes("\n") && bad.reason.length > 0);
  else assert.deepEqual(bad.terms, ["(Intercept)"]);
  // rows ols cannot use (NaN dropped, infinite refused): its one-line message is the reason
  const nanRows = [row(0, 1, 1), row(1, NaN, 2), row(2, NaN, 4), row(3, 2, 5)];
  assert.deepEqual(fitForecast(nanRows, ["x1"]), {
    reason: "too few observations: 2 complete row(s) for 2 coefficient(s) (need n > k)",
  });
  assert.deepEqual(fitForecast([...rows, row(4, Infinity, 1)], ["x1"]), {
    reason: 'column "x1": row 4 is infinite',
  });
  // NaN rows are left out of the fit and of its sample
  const withNaN = fitForecast([...rows, row(5, NaN, 9)], ["x1"]);
  assert.ok(!("reason" in withNaN));
  assert.equal(withNaN.n, 3);
  assert.deepEqual(withNaN.sample.x, f.sample.x);
  assert.deepEqual(withNaN.coefficients, f.coefficients);
  // predictRow: a missing, null or infinite regressor gives null
  assert.equal(predictRow(f, {}, 0.9), null);
  assert.equal(predictRow(f, { x1: null }, 0.9), null);
  assert.equal(predictRow(f, { x1: Infinity }, 0.9), null);
  const p = predictRow(f, { x1: 3 }, 0.95)!;
  const q = ref.quad([1, 3]);
  close(p.fitted, ref.b[0] + 3 * ref.b[1], 1e-12);
  close(p.seMean, ref.s * Math.sqrt(q), 1e-12);
  close(p.sePrediction, ref.s * Math.sqrt(1 + q), 1e-12);
  const t = jStat.studentt.inv(0.975, 1);
  close(p.lo, Math.exp(p.fitted - t * p.sePrediction), 1e-9);
  close(p.hi, Math.exp(p.fitted + t * p.sePrediction), 1e-9);
  close(p.predicted, Math.exp(p.fitted), 1e-12);
});

// ---------------------------------------------------------------- forecast_scenario.ts

const TH = { huge: 0.8, remodelling: 1.2 };

Deno.test("tKDistribution: Student t closed form (jstat), a point mass when se = 0, inverted thresholds", () => {
  const d = tKDistribution(0.1, 0.2, 7, 0.8, TH);
  const q = jStat.studentt.inv(0.9, 7);
  close(d.median, Math.exp(0.1), 1e-15);
  close(d.lo, Math.exp(0.1 - q * 0.2), 1e-8);
  close(d.hi, Math.exp(0.1 + q * 0.2), 1e-8);
  const below = (k: number) => jStat.studentt.cdf((Math.log(k) - 0.1) / 0.2, 7);
  close(d.probabilities.huge, below(0.8), 1e-8, "huge");
  close(d.probabilities.remodelling, 1 - below(1.2), 1e-8, "remodelling");
  close(d.probabilities.expanding, below(1.2) - below(0.8), 1e-8, "expanding");
  // se = 0: all the mass at K = exp(lnK), a K exactly at a threshold counts below it
  const at = (lnK: number) => tKDistribution(lnK, 0, 7, 0.9, TH).probabilities;
  assert.deepEqual(at(0), { huge: 0, expanding: 1, remodelling: 0 });
  assert.deepEqual(at(Math.log(0.8)), { huge: 1, expanding: 0, remodelling: 0 });
  assert.deepEqual(at(Math.log(0.5)), { huge: 1, expanding: 0, remodelling: 0 });
  assert.deepEqual(at(Math.log(1.2)), { huge: 0, expanding: 1, remodelling: 0 });
  assert.deepEqual(at(Math.log(1.3)), { huge: 0, expanding: 0, remodelling: 1 });
  const z = tKDistribution(0.3, 0, 7, 0.9, TH);
  assert.equal(z.lo, Math.exp(0.3));
  assert.equal(z.hi, Math.exp(0.3));
  // thresholds the wrong way round: expanding is never negative
  const inv = tKDistribution(0, 0.1, 7, 0.9, { huge: 1.2, remodelling: 0.8 }).probabilities;
  assert.equal(inv.expanding, 0);
  close(inv.huge, jStat.studentt.cdf(Math.log(1.2) / 0.1, 7), 1e-8);
});

Deno.test("tKProjection: ln K = ln actual - x'b, se = s sqrt(x'(X'X)^-1 x), worked here", () => {
  const { config, panel } = study();
  const f = fitForecast(
    buildDesign(config, panel).filter((r) => r.complete && r.year <= 2020),
    ["ln_gdp", "ln_dist"],
  );
  assert.ok(!("reason" in f));
  const targets = [{ actual: 3e7, x: [1, 60, 8] }, { actual: 1e9, x: [1, 61.5, 7.5] }];
  const got = tKProjection(targets, f, 0.9, TH);
  targets.forEach((t, i) => {
    const b = f.terms.map((term) => f.coefficients[term]);
    const fitted = t.x.reduce((s, v, a) => s + v * b[a], 0);
    let q = 0;
    for (let a = 0; a < 3; a++) for (let c = 0; c < 3; c++) q += t.x[a] * f.xtxInv[a][c] * t.x[c];
    const want = tKDistribution(Math.log(t.actual) - fitted, f.sigma * Math.sqrt(q), f.df, 0.9, TH);
    close(got[i].median, want.median, 1e-9, "median");
    close(got[i].lo, want.lo, 1e-9, "lo");
    close(got[i].hi, want.hi, 1e-9, "hi");
    close(got[i].probabilities.huge, want.probabilities.huge, 1e-9, "p huge");
    close(got[i].probabilities.remodelling, want.probabilities.remodelling, 1e-9, "p remodel");
  });
  assert.ok(got[0].hi / got[0].lo > 1.0001);
});

Deno.test("projectSeries: no data, linear and log trends, one point, bounds printed and applied", () => {
  assert.deepEqual(projectSeries([], { rule: "hold" }, 2030, true), {
    rule: "no observed value",
    values: [],
  });
  // linear trend (not logged): slope by least squares over the last 3 points, from the last value
  const obs = [
    { year: 2015, value: 50 },
    { year: 2016, value: 1 },
    { year: 2017, value: 2 },
    { year: 2018, value: 6 },
  ];
  const lin = projectSeries(obs, { rule: "trend", years: 3 }, 2020, false);
  assert.equal(lin.rule, "trend (3 yrs 2016-2018): +2.50/yr");
  assert.deepEqual(lin.values, [{ year: 2019, value: 8.5 }, { year: 2020, value: 11 }]);
  // logged but a value <= 0 in the span: linear too
  const neg = projectSeries(
    [{ year: 2016, value: 4 }, { year: 2017, value: 0 }, { year: 2018, value: -2 }],
    { rule: "trend", years: 3 },
    2019,
    true,
  );
  assert.equal(neg.rule, "trend (3 yrs 2016-2018): -3.00/yr");
  assert.deepEqual(neg.values, [{ year: 2019, value: -5 }]);
  // logged with a zero in the span: linear as well
  const zero = projectSeries(
    [{ year: 2016, value: 2 }, { year: 2017, value: 0 }, { year: 2018, value: 4 }],
    { rule: "trend", years: 3 },
    2019,
    true,
  );
  assert.deepEqual(zero, {
    rule: "trend (3 yrs 2016-2018): +1.00/yr",
    values: [{ year: 2019, value: 5 }],
  });
  // log trend: exp of the least-squares slope of ln values
  const lg = projectSeries(
    [{ year: 2016, value: 1 }, { year: 2017, value: 4 }, { year: 2018, value: 2 }],
    { rule: "trend", years: 5 },
    2019,
    true,
  );
  const slope = Math.log(2) / 2;
  close(lg.values[0].value, 2 * Math.exp(slope), 1e-12);
  assert.equal(lg.rule, `trend (3 yrs 2016-2018): ${(100 * (Math.exp(slope) - 1)).toFixed(1)}%/yr`);
  // one point: slope 0
  const one = projectSeries([{ year: 2018, value: 3 }], { rule: "trend", years: 5 }, 2019, false);
  assert.deepEqual(one, {
    rule: "trend (1 yrs 2018-2018): +0.00/yr",
    values: [{ year: 2019, value: 3 }],
  });
  // bounds
  const b = projectSeries(
    [{ year: 2018, value: 10 }],
    { rule: "growth", rate: -0.5, min: 4 },
    2021,
    true,
  );
  assert.equal(b.rule, "growth -50.0%/yr, min 4");
  assert.deepEqual(b.values.map((v) => v.value), [5, 4, 4]);
  const v = projectSeries(
    [{ year: 2018, value: 10 }],
    { rule: "value", value: 3, min: 1, max: 2 },
    2019,
    true,
  );
  assert.equal(v.rule, "value 3, min 1, max 2");
  assert.deepEqual(v.values, [{ year: 2019, value: 2 }]);
  // the horizon is the last year projected; nothing when it is the last observed year
  assert.deepEqual(
    projectSeries([{ year: 2018, value: 10 }], { rule: "hold" }, 2018, true).values,
    [],
  );
});

Deno.test("projectRegressors: whose series, rule precedence, CBEC composite, the extended panel", () => {
  const { config, panel } = syntheticForecastStudy({
    partners: 3,
    years: { from: 2015, to: 2020 },
  });
  const cfg: StudyConfig = {
    ...config,
    terms: [
      ...config.terms,
      { ...config.terms[0], name: "ln_gdp_rep", formation: "reporter" },
      // the CBEC composite is the partners' whatever its formation
      { name: "cbec", variable: "cbec_index", formation: "product", log: false },
      // terms without "log": logged by default (a log trend)
      { name: "rep_a", variable: "ind_a", formation: "reporter" },
      { name: "par_b", variable: "ind_b", formation: "partner" },
    ],
  };
  // P02's gdp missing after 2018: its projection starts from 2018
  setVal(panel, "P02", 2019, "gdp", NaN);
  setVal(panel, "P02", 2020, "gdp", NaN);
  // the reporter's ind_a doubles over its last 3 years
  [1, 2, 4].forEach((v, i) => setVal(panel, "AAA", 2018 + i, "ind_a", v));
  // P03 has no 2015 row at all
  panel.rows = panel.rows.filter((r) => !(r.iso3 === "P03" && r.year === 2015));
  const cbec = new Map<string, number>();
  for (const p of config.partners) {
    for (let y = 2015; y <= 2020; y++) cbec.set(`${p}|${y}`, y - 2015);
  }
  const spec = {
    name: "s",
    horizon: 2022,
    default: { rule: "hold" as const },
    variables: { gdp: { rule: "growth" as const, rate: 0.1 } },
    countries: {
      P01: { gdp: { rule: "value" as const, value: 7 } },
      AAA: { dist: { rule: "hold" as const }, ind_a: { rule: "trend" as const, years: 3 } },
    },
  };
  const { inputs, projected, cbec: pc } = projectRegressors(cfg, panel, cbec, spec);
  assert.deepEqual(
    inputs.map((i) => `${i.country} ${i.variable} ${i.rule}`),
    [
      "AAA gdp growth 10.0%/yr",
      "P01 gdp value 7",
      "P02 gdp growth 10.0%/yr",
      "P03 gdp growth 10.0%/yr",
      "P01 dist hold last value",
      "P02 dist hold last value",
      "P03 dist hold last value",
      "P01 cbec_index hold last value",
      "P02 cbec_index hold last value",
      "P03 cbec_index hold last value",
      "AAA ind_a trend (3 yrs 2018-2020): 100.0%/yr",
      "P01 ind_b hold last value",
      "P02 ind_b hold last value",
      "P03 ind_b hold last value",
    ],
  );
  const aaa = inputs.find((i) => i.country === "AAA" && i.variable === "ind_a")!;
  assert.deepEqual(aaa.values, [{ year: 2021, value: 8 }, { year: 2022, value: 16 }]);
  const p03 = inputs.find((i) => i.country === "P03" && i.variable === "dist")!;
  assert.deepEqual(p03.from, { year: 2020, value: val(panel, "P03", 2020, "dist") });
  const p02 = inputs.find((i) => i.country === "P02" && i.variable === "gdp")!;
  assert.deepEqual(p02.from, { year: 2018, value: val(panel, "P02", 2018, "gdp") });
  assert.deepEqual(p02.values.map((v) => v.year), [2019, 2020, 2021, 2022]);
  close(p02.values[3].value, val(panel, "P02", 2018, "gdp") * 1.1 ** 4, 1e-12);
  assert.deepEqual(projected.years, [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022]);
  // one row per country-year, observed values kept, projected ones filled in
  const keys = projected.rows.map((r) => `${r.iso3}|${r.year}`);
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(keys.length, 4 * 8 - 1);
  const pv = (c: string, y: number, v: string) =>
    projected.rows.find((r) => r.iso3 === c && r.year === y)!.values[v];
  assert.equal(pv("P01", 2017, "gdp"), val(panel, "P01", 2017, "gdp"));
  assert.equal(pv("P01", 2017, "trade"), val(panel, "P01", 2017, "trade"));
  assert.equal(pv("P01", 2021, "gdp"), 7);
  // a projected year inside the panel keeps the row's other values
  assert.equal(pv("P02", 2019, "trade"), val(panel, "P02", 2019, "trade"));
  assert.equal(pv("P02", 2019, "dist"), val(panel, "P02", 2019, "dist"));
  close(pv("P02", 2019, "gdp"), val(panel, "P02", 2018, "gdp") * 1.1, 1e-12);
  assert.equal(pv("P03", 2022, "dist"), val(panel, "P03", 2020, "dist"));
  assert.equal(pc.get("P02|2022"), 5);
  assert.equal(pc.get("P02|2016"), 1);
  assert.equal(cbec.get("P02|2022"), undefined);
  // the input panel is untouched
  assert.equal(panel.rows.length, 4 * 6 - 1);
  assert.ok(Number.isNaN(val(panel, "P02", 2019, "gdp")));
});

Deno.test("runScenario: fit on every year with data, trend from the partner's positive actuals, K from the model", () => {
  const { config, panel } = syntheticForecastStudy({ partners: 6, seed: 11 });
  // P01 has no trade in 2024 (base year stays 2024 through the others), P02 only one year of
  // trade in the window (no trend, no K), P03 has a zero in 2012 (its trend starts in 2013),
  // P04 has no 2014 row at all, P05 has trade -1 in 2024, P06 no distance (no projection)
  setVal(panel, "P01", 2024, "trade", NaN);
  for (let y = 2012; y <= 2023; y++) setVal(panel, "P02", y, "trade", NaN);
  setVal(panel, "P03", 2012, "trade", 0);
  setVal(panel, "P05", 2024, "trade", -1);
  panel.rows = panel.rows.filter((r) => !(r.iso3 === "P04" && r.year === 2014));
  for (let y = 2010; y <= 2024; y++) setVal(panel, "P06", y, "dist", NaN);
  const spec = {
    name: "steady",
    note: "why",
    horizon: 2026,
    default: { rule: "hold" as const },
    variables: {},
    countries: {},
  };
  const calls: number[] = [];
  const model: KProjectionModel = (targets, fit, level, th) => {
    calls.push(targets.length * level);
    assert.deepEqual(th, config.potential.thresholds);
    return tKProjection(targets, fit, level, th);
  };
  const s = runScenario(config, panel, spec, { trainFrom: 2012, level: 0.8, uncertainty: model });
  assert.equal(s.name, "steady");
  assert.equal(s.note, "why");
  assert.equal(s.horizon, 2026);
  assert.equal(s.baseYear, 2024);
  const complete = buildDesign({ ...config, years: { from: 2012, to: 2024 } }, panel)
    .filter((r) => r.complete);
  assert.equal(s.fit!.n, complete.length);
  assert.deepEqual(s.fit!.years, { from: 2012, to: 2024 });
  assert.equal(s.rows.length, 6 * 2);
  assert.deepEqual(calls, [8 * 0.8]);
  const f = fitForecast(complete, ["ln_gdp", "ln_dist"]);
  assert.ok(!("reason" in f));
  for (const r of s.rows) {
    if (r.country === "P06") {
      assert.deepEqual([r.predicted, r.lo, r.hi, r.k], [null, null, null, null]);
      assert.ok(r.trend! > 0);
      continue;
    }
    // held regressors: the 2024 values
    const x = {
      ln_gdp: Math.log(val(panel, "AAA", 2024, "gdp") * val(panel, r.country, 2024, "gdp")),
      ln_dist: Math.log(val(panel, r.country, 2024, "dist")),
    };
    const p = predictRow(f, x, 0.8)!;
    close(r.predicted!, p.predicted, 1e-9, "predicted");
    close(r.lo!, p.lo, 1e-9, "lo");
    close(r.hi!, p.hi, 1e-9, "hi");
    const hist: [number, number][] = [];
    for (let y = 2012; y <= 2024; y++) {
      const t = val(panel, r.country, y, "trade");
      if (t > 0) hist.push([y, t]);
    }
    if (r.country === "P02") {
      assert.equal(r.trend, null);
      assert.equal(r.k, null);
      continue;
    }
    const [y0, v0] = hist[0];
    const [y1, v1] = hist[hist.length - 1];
    const trend = v1 * Math.exp((Math.log(v1 / v0) / (y1 - y0)) * (r.year - y1));
    close(r.trend!, trend, 1e-9, `trend ${r.country}`);
    close(r.k!.median, trend / p.predicted, 1e-9, "K median");
  }
  // without a note, no note field; unestimable: the reason, the inputs, no rows, no K call
  const few = syntheticForecastStudy({ partners: 1 });
  const u = runScenario(few.config, few.panel, { ...spec, note: undefined }, {
    trainFrom: 2023,
    level: 0.9,
    uncertainty: model,
  });
  assert.ok(!("note" in u));
  assert.equal(u.fit, null);
  assert.equal(u.reason, "2 complete country-years for 3 coefficients (need N > k)");
  assert.equal(u.rows.length, 0);
  assert.equal(u.inputs.length, 3);
  assert.deepEqual(calls, [8 * 0.8]);
  // one year of trade per partner (2023): a fit, no trend, the model is not asked
  const flat = syntheticForecastStudy({ partners: 5 });
  for (const r of flat.panel.rows) if (r.year !== 2023) r.values.trade = NaN;
  const w = runScenario(flat.config, flat.panel, { ...spec, horizon: 2025 }, {
    trainFrom: 2015,
    level: 0.8,
    uncertainty: model,
  });
  assert.equal(w.baseYear, 2023);
  assert.equal(w.fit!.n, 5);
  assert.deepEqual(w.rows.map((r) => r.year), [
    2024,
    2025,
    2024,
    2025,
    2024,
    2025,
    2024,
    2025,
    2024,
    2025,
  ]);
  assert.ok(w.rows.every((r) => r.trend === null && r.k === null && r.predicted! > 0));
  assert.deepEqual(calls, [8 * 0.8]);
});

Deno.test("forecastDesign: the CBEC composite only when the equation has it, over the given years", () => {
  const { config, panel } = study();
  const plain = forecastDesign(config, panel, 2012, 2024);
  assert.equal(plain.cbec.size, 0);
  assert.equal(plain.design.length, 6 * 13);
  assert.deepEqual(
    plain.design,
    buildDesign({ ...config, years: { from: 2012, to: 2024 } }, panel),
  );
  const cfg: StudyConfig = {
    ...config,
    terms: [...config.terms, { name: "cbec", variable: "cbec_index", formation: "partner" }],
  };
  const withCbec = forecastDesign(cfg, panel, 2012, 2024);
  const idx = cbecIndex({ ...cfg, years: { from: 2012, to: 2024 } }, panel);
  assert.equal(withCbec.cbec.size, 6 * 13);
  for (const c of idx.composite) assert.equal(withCbec.cbec.get(`${c.country}|${c.year}`), c.value);
  assert.deepEqual(
    withCbec.design,
    buildDesign({ ...cfg, years: { from: 2012, to: 2024 } }, panel, withCbec.cbec),
  );
});

Deno.test("validateCutoff: with another actual series, an excluded row's reason leaves out the dependent", () => {
  const { config, panel } = study();
  for (const r of panel.rows) r.values.mirror = r.values.trade * 0.9;
  setVal(panel, "P01", 2022, "trade", NaN);
  setVal(panel, "P01", 2022, "gdp", NaN);
  const fc = parseForecastConfig({ cutoff: 2020, actual: "mirror" }, 2010, "trade");
  const r = validateCutoff(config, fc, panel, 2020);
  assert.deepEqual(r.excluded, [{
    country: "P01",
    year: 2022,
    reason: "ln_gdp: gdp missing for P01 2022",
  }]);
  assert.equal(r.rows.length, 6 * 4 - 1);
  assert.ok(r.rows.every((x) => x.actual === 0.9 * val(panel, x.country, x.year, "trade")));
});

// ---------------------------------------------------------------- forecast_uncertainty.ts

Deno.test("uncertaintyKProjection: the study's covariance type, draws and seed; median by hand; warnings once", () => {
  const { config, panel } = syntheticForecastStudy({ partners: 3, seed: 2 });
  const f = fitForecast(buildDesign(config, panel).filter((r) => r.complete), [
    "ln_gdp",
    "ln_dist",
  ]);
  assert.ok(!("reason" in f));
  const targets = [{ actual: 4e7, x: [1, 60, 8] }, { actual: 2e8, x: [1, 61, 7.8] }];
  const th = { huge: 0.9, remodelling: 1.1 };
  const settings = { ...config.uncertainty, se: "hc1" as const, draws: 300, seed: 17 };
  const got = uncertaintyKProjection(settings)(targets, f, 0.8, th);
  const { cov } = chooseCovariance(f.sample.x, f.sample.residuals, f.sample.country, "hc1");
  const beta = f.terms.map((t) => f.coefficients[t]);
  const want = simulateK(targets, beta, cov.matrix, cov.df, {
    level: 0.8,
    thresholds: th,
    draws: 300,
    seed: 17,
  });
  got.forEach((g, i) => {
    const fitted = targets[i].x.reduce((s, v, a) => s + v * beta[a], 0);
    close(g.median, targets[i].actual / Math.exp(fitted), 1e-12, "median");
    assert.equal(g.lo, want[i].kLower);
    assert.equal(g.hi, want[i].kUpper);
    assert.deepEqual(g.probabilities, want[i].classProbabilities);
  });
  // 3 partner clusters for 3 coefficients: HC1 instead, said once however often it is used
  const warnings = ["earlier"];
  const model = uncertaintyKProjection({ ...settings, se: "cluster" }, warnings);
  const c1 = model(targets, f, 0.8, th);
  model(targets, f, 0.8, th);
  assert.equal(warnings.length, 2);
  assert.equal(warnings[0], "earlier");
  assert.match(
    warnings[1],
    /^uncertainty: 3 partner clusters for 3 coefficients .* use HC1 instead$/,
  );
  assert.deepEqual(c1, got);
  // the classical covariance gives other intervals
  const cl = uncertaintyKProjection({ ...settings, se: "classical" })(targets, f, 0.8, th);
  assert.notEqual(cl[0].lo, got[0].lo);
  // without a warnings list the model still runs
  assert.equal(
    uncertaintyKProjection({ ...settings, se: "cluster" })(targets, f, 0.8, th).length,
    2,
  );
});
