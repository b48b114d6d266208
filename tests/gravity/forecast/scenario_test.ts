/**
 * Scenario projections (lib/gravity/forecast/scenario.ts) worked here: the Student t K distribution
 * against jstat, the K projection by the normal equations, the regressors' trends and rules, and
 * runScenario on the known synthetic panel of lib/gravity/synthetic/forecast.ts.
 */
import assert from "node:assert/strict";
import jStat from "jstat";
import { fitForecast, predictRow } from "../../../lib/gravity/forecast/fit.ts";
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
import { syntheticForecastStudy } from "../../../lib/gravity/synthetic/forecast.ts";
import type { GravityPanel } from "../../../lib/gravity/types.ts";

const close = (a: number, b: number, rel: number, what = "") =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

const study = () => syntheticForecastStudy({ partners: 6, seed: 7 });
const val = (p: GravityPanel, c: string, y: number, v: string) =>
  p.rows.find((r) => r.iso3 === c && r.year === y)?.values[v] ?? NaN;
const setVal = (p: GravityPanel, c: string, y: number, v: string, x: number) => {
  p.rows.find((r) => r.iso3 === c && r.year === y)!.values[v] = x;
};

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
