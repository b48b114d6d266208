/**
 * Out-of-time validation (lib/gravity/forecast/validate.ts) against values worked here,
 * independently of lib/: OLS by the normal equations (normal_equations.ts), Student t quantiles
 * from jstat, the naive rules and the error metrics by their definitions, on the known synthetic
 * panel of lib/gravity/synthetic/forecast.ts. Also the method comparison, the horizons, the
 * regressors' provenance, the design over the given years, and an actual exactly on an interval end
 * (covered: the interval [lo, hi] is closed, as documented).
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
import type { StudyConfig } from "../../../lib/gravity/config/study.ts";
import { buildDesign } from "../../../lib/gravity/equation/terms.ts";
import { syntheticForecastStudy } from "../../../lib/gravity/synthetic/forecast.ts";
import type { GravityPanel } from "../../../lib/gravity/types.ts";
import { refOls } from "./normal_equations.ts";

const close = (a: number, b: number, rel: number, what = "") =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

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

Deno.test("validateCutoff: an actual exactly on an interval end is covered (the documented closed [lo, hi])", () => {
  const { config, panel } = syntheticForecastStudy({ partners: 6, seed: 7 });
  // the actuals are a separate series ("mirror"), so changing a held-out actual leaves the fit,
  // which is estimated on the dependent "trade" up to the cut-off, unchanged
  for (const r of panel.rows) r.values.mirror = r.values.trade;
  const fc = parseForecastConfig({ cutoff: 2020, actual: "mirror" }, 2010, "trade");
  const first = validateCutoff(config, fc, panel, 2020);
  const [a, b, c, d] = first.rows.filter((r) => r.lo !== null && r.hi !== null);
  assert.ok(a.lo! < a.hi! && b.lo! < b.hi!);
  // two actuals on an end, two a hair outside it (the neighbouring doubles are close enough)
  setVal(panel, a.country, a.year, "mirror", a.lo!);
  setVal(panel, b.country, b.year, "mirror", b.hi!);
  setVal(panel, c.country, c.year, "mirror", c.lo! * (1 - 1e-12));
  setVal(panel, d.country, d.year, "mirror", d.hi! * (1 + 1e-12));
  const again = validateCutoff(config, fc, panel, 2020);
  const row = (x: typeof a) =>
    again.rows.find((r) => r.country === x.country && r.year === x.year)!;
  // the fit is the same, so the interval ends are too
  for (const x of [a, b, c, d]) {
    assert.equal(row(x).lo, x.lo);
    assert.equal(row(x).hi, x.hi);
  }
  assert.equal(row(a).actual, a.lo);
  assert.equal(row(a).covered, true, "actual === lo is inside [lo, hi]");
  assert.equal(row(b).actual, b.hi);
  assert.equal(row(b).covered, true, "actual === hi is inside [lo, hi]");
  assert.equal(row(c).covered, false, "just below lo");
  assert.equal(row(d).covered, false, "just above hi");
});
