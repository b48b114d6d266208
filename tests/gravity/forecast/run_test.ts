/**
 * runForecast (lib/gravity/forecast/run.ts): which cut-offs run, which rows roll, which K model is
 * used and said, the history, and every branch of the two summary sentences. Numbers in the
 * sentences are checked against the result's own metrics, which validate_test.ts checks
 * independently.
 */
import assert from "node:assert/strict";
import { runForecast } from "../../../lib/gravity/forecast/run.ts";
import { parseForecastConfig } from "../../../lib/gravity/config/forecast.ts";
import { tKProjection } from "../../../lib/gravity/forecast/scenario.ts";
import { syntheticForecastStudy } from "../../../lib/gravity/synthetic/forecast.ts";
import type { GravityPanel } from "../../../lib/gravity/types.ts";

const f3 = (v: number) => v.toFixed(3);
const setVal = (p: GravityPanel, c: string, y: number, v: string, x: number) => {
  p.rows.find((r) => r.iso3 === c && r.year === y)!.values[v] = x;
};

Deno.test("runForecast: cut-offs, rolling rows, history, settings and the summary sentence", () => {
  const { config, panel } = syntheticForecastStudy({
    partners: 8,
    seed: 5,
    forecast: { cutoff: 2021, trainFrom: 2012, rolling: [2019, 2017], level: 0.8 },
  });
  setVal(panel, "P01", 2013, "trade", 0);
  setVal(panel, "P02", 2024, "trade", NaN);
  const f = runForecast(config, panel);
  assert.equal(f.settings.lastDataYear, 2024);
  assert.equal(f.settings.actualFlag, null);
  assert.equal(f.settings.cutoff, 2021);
  // the main cut-off is validated but only the rolling ones roll
  assert.equal(f.metrics.cutoff, 2021);
  assert.ok(f.validation.every((r) => r.cutoff === 2021));
  assert.deepEqual(f.validation.map((r) => r.year).filter((y, i, a) => a.indexOf(y) === i), [
    2022,
    2023,
    2024,
  ]);
  assert.deepEqual(f.rolling.cutoffs.map((c) => c.cutoff), [2017, 2019]);
  assert.deepEqual(new Set(f.rolling.rows.map((r) => r.cutoff)), new Set([2017, 2019]));
  assert.equal(f.rolling.rows.length, f.rolling.cutoffs.reduce((s, c) => s + c.rows, 0));
  assert.deepEqual(f.rolling.byHorizon.map((h) => h.horizon), [1, 2, 3, 4, 5, 6, 7]);
  for (const c of f.rolling.cutoffs) {
    assert.equal(c.fitN, 8 * (c.cutoff - 2012 + 1) - 1); // P01's 2013 has no trade
    assert.ok(!("reason" in c));
  }
  // history: partners only, trainFrom on, positive actuals
  assert.equal(f.history.length, 8 * 13 - 2);
  assert.ok(f.history.every((h) => h.country !== "AAA" && h.year >= 2012 && h.value > 0));
  assert.ok(!f.history.some((h) => h.country === "P01" && h.year === 2013));
  // metrics
  const fit = f.metrics.fit!;
  assert.equal(fit.n, 8 * 10 - 1);
  assert.deepEqual(fit.years, { from: 2012, to: 2021 });
  assert.equal(fit.df, fit.n - 3);
  assert.ok(fit.r2 > 0.5 && fit.r2 < 1 && fit.sigma > 0.1 && fit.sigma < 0.6);
  assert.ok(!("reason" in f.metrics));
  const m = new Map(f.metrics.methods.map((x) => [x.method, x.metrics]));
  const wins = f.metrics.best.male === "model"
    ? "the model beats both naive rules"
    : `the ${f.metrics.best.male} rule beats the model`;
  assert.equal(
    f.summary,
    `Fitted on ${fit.n} partner-years 2012-2021 and tested on the ${f.metrics.modelAll.n} later ` +
      `partner-years with an actual value and all regressors, the model's mean absolute log error ` +
      `is ${f3(f.metrics.modelAll.male)} (MAPE ${
        f.metrics.modelAll.mape.toFixed(0)
      }%) and its 80% ` +
      `intervals cover ${f.metrics.coverage.covered} of ${f.metrics.coverage.n} actual values; on ` +
      `the ${m.get("model")!.n} of them that both naive rules can forecast, ${wins} (MALE model ` +
      `${f3(m.get("model")!.male)}; last value ${f3(m.get("last value")!.male)}, average growth ` +
      `${f3(m.get("average growth")!.male)}).`,
  );
  assert.equal(f.metrics.modelAll.n, 8 * 3 - 1);
  // the rolling sentence names the best method per horizon
  const parts = f.rolling.byHorizon.map((h) => {
    const best = Object.entries(h.male).reduce((a, b) => (b[1] < a[1] ? b : a));
    return `${h.horizon} yr: ${best[0]} ${f3(best[1])}` +
      (best[0] === "model" ? "" : ` (model ${f3(h.male.model)})`) + `, n = ${h.n}`;
  });
  assert.equal(
    f.rollingSummary,
    `Over the rolling origins (cut-offs 2017, 2019), the lowest mean absolute log error by ` +
      `horizon is: ${parts.join("; ")}.`,
  );
  // notes: method, interval level, naive rules, the K method (simulated by default)
  assert.equal(f.notes.length, 4);
  assert.match(f.notes[0], /^Ex-post forecasts: the equation is fitted on 2012 to the cut-off/);
  assert.match(f.notes[1], /exponentiated \(80%\); the point forecast is exp\(fitted\)\.$/);
  assert.match(f.notes[2], /first and last actual from 2012 to the cut-off\./);
  assert.match(
    f.notes[3],
    /coefficients' uncertainty, simulated as the study's K intervals \(lib\/gravity\/potential\/intervals\.ts: 2000 draws of the coefficients, cluster covariance requested, seed 20240601\), not the uncertainty/,
  );
});

Deno.test("runForecast: the naive rule that wins is named; a rule winning a horizon is compared with the model", () => {
  // a pure trend panel: trade grows 10%/yr exactly; the regressors explain little
  const { config, panel } = syntheticForecastStudy({
    partners: 6,
    seed: 9,
    forecast: { cutoff: 2020, rolling: [2019, 2020] },
  });
  for (const r of panel.rows) {
    if (r.iso3 !== "AAA") {
      r.values.trade = 1e6 * (1 + Number(r.iso3.slice(1))) * 1.1 ** (r.year - 2010);
    }
  }
  const f = runForecast(config, panel);
  assert.equal(f.metrics.best.male, "average growth");
  assert.match(f.summary, /, the average growth rule beats the model \(MALE model /);
  assert.match(
    f.rollingSummary,
    /^Over the rolling origins \(cut-offs 2019, 2020\), the lowest mean/,
  );
  const h1 = f.rolling.byHorizon[0];
  assert.match(
    f.rollingSummary,
    new RegExp(`1 yr: average growth 0\\.000 \\(model ${f3(h1.male.model)}\\), n = 12; `),
  );
});

Deno.test("runForecast: no estimable cut-off, no forecastable year, no naive pair, no usable horizon", () => {
  // two partners: 2 rows a year, the cut-off fit on 2019-2020 has 4 rows for 3 coefficients
  const two = syntheticForecastStudy({
    partners: 1,
    forecast: { cutoff: 2020, trainFrom: 2019, rolling: [2020] },
  });
  const a = runForecast(two.config, two.panel);
  assert.equal(a.metrics.fit, null);
  assert.equal(a.metrics.reason, "2 complete country-years for 3 coefficients (need N > k)");
  assert.equal(
    a.summary,
    "No out-of-time validation: the equation cannot be estimated on 2019-2020 (2 complete " +
      "country-years for 3 coefficients (need N > k)).",
  );
  assert.deepEqual(a.rolling.cutoffs, [{
    cutoff: 2020,
    fitN: null,
    rows: 4,
    reason: "2 complete country-years for 3 coefficients (need N > k)",
  }]);
  assert.equal(
    a.rollingSummary,
    "The rolling origins give no horizon with forecasts from every method.",
  );
  // every later year misses a regressor: the reasons counted, most frequent first
  const s = syntheticForecastStudy({ partners: 5, forecast: { cutoff: 2020, rolling: [2020] } });
  for (const r of s.panel.rows) {
    if (r.year > 2020 && r.iso3 !== "AAA") r.values.dist = NaN;
    if (r.year > 2022 && r.iso3 !== "AAA") r.values.gdp = NaN;
  }
  const b = runForecast(s.config, s.panel);
  assert.equal(b.validation.length, 0);
  assert.equal(
    b.summary,
    "No out-of-time validation: none of the 20 partner-years after 2020 with an actual value has " +
      "every regressor (missing: ln_dist in 20, ln_gdp in 10).",
  );
  // the model forecasts but no partner-year has both naive forecasts (one year of history each)
  const n = syntheticForecastStudy({
    partners: 5,
    forecast: { cutoff: 2020, trainFrom: 2019, rolling: [2020] },
  });
  for (const c of n.config.partners) setVal(n.panel, c, 2019, "trade", NaN);
  const c = runForecast(n.config, n.panel);
  assert.equal(c.metrics.fit!.n, 5);
  assert.equal(c.validation.length, 20);
  assert.ok(c.validation.every((r) => r.averageGrowth === null && r.predicted !== null));
  assert.deepEqual(c.metrics.best, { male: null, mape: null });
  assert.match(
    c.summary,
    /^Fitted on 5 partner-years 2019-2020 and tested on the 20 later partner-years .* cover \d+ of 20 actual values; no partner-year has both naive forecasts to compare with\.$/,
  );
  assert.equal(
    c.rollingSummary,
    "The rolling origins give no horizon with forecasts from every method.",
  );
});

Deno.test("runForecast: the K model used is the one said, with the covariance warnings; the CBEC note", () => {
  const { config, panel } = syntheticForecastStudy({ partners: 3 });
  const sim = runForecast(config, panel);
  assert.ok(sim.notes.some((n) => /^uncertainty: 3 partner clusters for 3 coefficients/.test(n)));
  const closed = runForecast(
    { ...config, uncertainty: { ...config.uncertainty, enabled: false } },
    panel,
  );
  assert.ok(closed.notes[3].includes("in closed form (Student t, classical covariance)"));
  assert.equal(closed.notes.length, 4);
  const closedK = runForecast(config, panel, { uncertainty: tKProjection }).scenarios[0].rows;
  closed.scenarios[0].rows.forEach((r, i) => assert.deepEqual(r.k, closedK[i].k));
  const caller = runForecast(config, panel, { uncertainty: tKProjection });
  assert.ok(caller.notes[3].includes("from the caller's model"));
  assert.equal(caller.notes.length, 4);
  // a config without a forecast block: every default (trainFrom = the study's first year)
  const none = runForecast({ ...config, forecast: undefined }, panel, {
    uncertainty: tKProjection,
  });
  const d = parseForecastConfig(undefined, 2010, "trade");
  assert.equal(none.settings.cutoff, d.cutoff);
  assert.equal(none.settings.trainFrom, 2010);
  assert.deepEqual(none.rolling.cutoffs.map((x) => x.cutoff), [2017, 2018, 2019, 2020]);
  assert.equal(none.scenarios[0].name, "last observed trend");
  // the CBEC composite in the equation: the note says its PCA sees every year
  const cb = runForecast(
    {
      ...config,
      terms: [...config.terms, { name: "cbec", variable: "cbec_index", formation: "partner" }],
    },
    panel,
    { uncertainty: tKProjection },
  );
  assert.ok(cb.notes.includes(
    "The CBEC composite of the forecast is the PCA over every year of the data (its weights see " +
      "the later years' indicators, not their trade).",
  ));
});

Deno.test("runForecast: the exact notes and flag, a tie between the naive rules, edge cut-offs", () => {
  const { config, panel } = syntheticForecastStudy({
    partners: 5,
    forecast: { cutoff: 2020, trainFrom: 2012, rolling: [2012, 2020], level: 0.9 },
  });
  // flat trade: both naive rules forecast the same value exactly (a tie: the first listed wins)
  for (const r of panel.rows) {
    if (r.iso3 !== "AAA") r.values.trade = 1e6 * Number(r.iso3.slice(1));
    r.values.mirror = r.values.trade;
  }
  const f = runForecast({ ...config, forecast: { ...config.forecast!, actual: "mirror" } }, {
    ...panel,
    variables: [...panel.variables, { name: "mirror" }],
  }, { uncertainty: tKProjection });
  assert.equal(
    f.settings.actualFlag,
    "the actuals are mirror, not the dependent variable trade the model is fitted on (a " +
      "different measure of the same trade: compare with care)",
  );
  assert.match(
    f.rollingSummary,
    /^Over the rolling origins \(cut-offs 2012, 2020\), .* is: 1 yr: last value 0\.000 \(model /,
  );
  // a rolling cut-off equal to trainFrom is validated, not listed as before it
  assert.equal(f.rolling.cutoffs[0].cutoff, 2012);
  assert.equal(f.rolling.cutoffs[0].fitN, 5);
  assert.deepEqual(f.notes.slice(0, 4), [
    "Ex-post forecasts: the equation is fitted on 2012 to the cut-off and each later " +
    "partner-year is predicted from that year's observed regressors (not forecasts of them).",
    "Interval: the OLS prediction interval in logs, fitted ± t(df) s sqrt(1 + x0'(X'X)^-1 x0), " +
    "exponentiated (90%); the point forecast is exp(fitted).",
    'Naive rules: "last value" carries the partner\'s last actual up to the cut-off; "average ' +
    "growth\" grows it at the partner's average log growth between its first and last actual from " +
    "2012 to the cut-off. Metrics are on the partner-years all three methods forecast.",
    "Scenario K = the partner's own trade trend (average growth of its actual series) against " +
    "the model's projection under the scenario, by the study's one K definition " +
    '(potential.definition "level", with the scenario fit\'s own smearing factor under ' +
    '"smearing"); its interval and class probabilities reflect the coefficients\' uncertainty, ' +
    "from the caller's model, not the uncertainty of the trend itself.",
  ]);
  // a cut-off at the last year: nothing later to test, no missing regressor to name
  const last = runForecast(
    { ...config, forecast: parseForecastConfig({ cutoff: 2024, rolling: [2024] }, 2010, "trade") },
    panel,
    { uncertainty: tKProjection },
  );
  assert.equal(
    last.summary,
    "No out-of-time validation: none of the 0 partner-years after 2024 with an actual value has " +
      "every regressor.",
  );
  // a config built without the uncertainty section: the closed form
  const bare = runForecast({ ...config, uncertainty: undefined as never }, panel);
  assert.ok(bare.notes[3].includes("in closed form (Student t, classical covariance)"));
});
