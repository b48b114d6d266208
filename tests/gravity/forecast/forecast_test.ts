import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { loadPanel } from "../../../lib/data/panel.ts";
import {
  loadStudyConfig,
  parseStudyConfig,
  validateAgainstPanel,
} from "../../../lib/gravity/config/study.ts";
import { fitForecast, predictRow } from "../../../lib/gravity/forecast/fit.ts";
import {
  averageGrowth,
  errorMetrics,
  growthRule,
  lastValue,
} from "../../../lib/gravity/forecast/naive.ts";
import { runForecast } from "../../../lib/gravity/forecast/run.ts";
import {
  projectSeries,
  tKDistribution,
  tKProjection,
} from "../../../lib/gravity/forecast/scenario.ts";
import { uncertaintyKProjection } from "../../../lib/gravity/forecast/k_projection.ts";
import { syntheticForecastStudy } from "../../../lib/gravity/synthetic/forecast.ts";
import type { DesignRow } from "../../../lib/gravity/types.ts";

const close = (a: number, b: number, rel: number, what = "") =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

Deno.test("acceptance: on a known model the 90% intervals cover 85-95% of held-out values and the model beats the naive rules", () => {
  const { config, panel } = syntheticForecastStudy({ seed: 20250101 });
  const f = runForecast(config, panel);
  const { covered, n } = f.metrics.coverage;
  assert.equal(n, 160); // 40 partners x 2021-2024
  assert.ok(covered / n >= 0.85 && covered / n <= 0.95, `coverage ${covered}/${n}`);
  const male = Object.fromEntries(f.metrics.methods.map((m) => [m.method, m.metrics.male]));
  const mape = Object.fromEntries(f.metrics.methods.map((m) => [m.method, m.metrics.mape]));
  assert.ok(
    male.model < male["last value"] && male.model < male["average growth"],
    JSON.stringify(male),
  );
  assert.ok(
    mape.model < mape["last value"] && mape.model < mape["average growth"],
    JSON.stringify(mape),
  );
  assert.equal(f.metrics.best.male, "model");
  assert.match(f.summary, /the model beats both naive rules/);
  // the true model's error does not grow with the horizon; the naive rules' does
  const h = f.rolling.byHorizon;
  assert.ok(h[h.length - 1].male["last value"] > h[0].male["last value"]);
  assert.deepEqual(f.rolling.cutoffs.map((c) => c.cutoff), [2017, 2018, 2019, 2020]);
  // a cut-off before the estimation window is listed, not silently dropped
  const early = runForecast(
    { ...config, forecast: { ...config.forecast!, rolling: [2009, 2019] } },
    panel,
  );
  assert.deepEqual(early.rolling.cutoffs[0], {
    cutoff: 2009,
    fitN: null,
    rows: 0,
    reason: "before trainFrom 2010",
  });
});

Deno.test("prediction intervals equal statsmodels' get_prediction obs_ci (fixture make_forecast_fixture.py)", async () => {
  const fx = JSON.parse(await Deno.readTextFile("tests/fixtures/gravity/forecast_pi.json"));
  const rows: DesignRow[] = fx.train.y.map((y: number, i: number) => ({
    country: "X",
    year: 2000 + i,
    actual: Math.exp(y),
    y,
    x: { x1: fx.train.x1[i], x2: fx.train.x2[i] },
    missing: [],
    complete: true,
    predictable: true,
  }));
  const fit = fitForecast(rows, ["x1", "x2"]);
  assert.ok(!("reason" in fit));
  close(fit.sigma, fx.sigma, 1e-10, "sigma");
  assert.equal(fit.df, fx.df);
  for (const level of ["0.9", "0.95"]) {
    const e = fx.expected[level];
    fx.test.x1.forEach((x1: number, i: number) => {
      const p = predictRow(fit, { x1, x2: fx.test.x2[i] }, Number(level))!;
      close(p.fitted, e.mean[i], 1e-10, "mean");
      close(p.seMean, e.mean_se[i], 1e-8, "mean_se");
      close(Math.log(p.lo), e.obs_ci_lower[i], 1e-9, "lower");
      close(Math.log(p.hi), e.obs_ci_upper[i], 1e-9, "upper");
    });
  }
});

Deno.test("naive rules and error metrics, by hand", () => {
  const h = [{ year: 2016, value: 100 }, { year: 2018, value: 121 }];
  assert.equal(lastValue(h, 2021), 121);
  close(averageGrowth(h)!, Math.log(1.1), 1e-15);
  close(growthRule(h, 2020)!, 121 * 1.21, 1e-12);
  assert.equal(growthRule([{ year: 2018, value: 5 }], 2020), null);
  const m = errorMetrics([{ actual: 100, predicted: 110 }, { actual: 200, predicted: 100 }]);
  close(m.male, (Math.log(1.1) + Math.log(2)) / 2, 1e-15);
  close(m.mape, 30, 1e-12);
});

Deno.test("scenario rules: growth, value, hold and an exact log-linear trend", () => {
  const obs = [2018, 2019, 2020].map((year, i) => ({ year, value: 100 * 1.05 ** i }));
  const g = projectSeries(obs, { rule: "growth", rate: 0.1 }, 2022, true);
  close(g.values[1].value, 110.25 * 1.21, 1e-12);
  assert.equal(g.rule, "growth 10.0%/yr");
  assert.deepEqual(projectSeries(obs, { rule: "value", value: 7 }, 2021, true).values, [
    { year: 2021, value: 7 },
  ]);
  assert.equal(projectSeries(obs, { rule: "hold" }, 2021, true).values[0].value, 110.25);
  const t = projectSeries(obs, { rule: "trend", years: 5 }, 2023, true);
  close(t.values[2].value, 100 * 1.05 ** 5, 1e-12);
  assert.match(t.rule, /^trend \(3 yrs 2018-2020\): 5\.0%\/yr$/);
  const capped = projectSeries(obs, { rule: "growth", rate: 0.1, max: 120 }, 2022, true);
  assert.deepEqual(capped.values.map((v) => v.value), [120, 120]);
  assert.equal(capped.rule, "growth 10.0%/yr, max 120");
  const k = tKDistribution(0, 0.1, 30, 0.9, { huge: 0.8, remodelling: 1.2 });
  const p = k.probabilities;
  close(p.huge + p.expanding + p.remodelling, 1, 1e-12);
  assert.equal(k.median, 1);
});

Deno.test("scenario projections: inputs printed, trade with intervals, K with class probabilities", () => {
  const { config, panel } = syntheticForecastStudy({
    partners: 6,
    forecast: {
      scenarios: [{
        name: "steady",
        horizon: 2030,
        default: "hold",
        variables: { gdp: { growth: 0.03 } },
        countries: { P01: { gdp: { growth: 0.05 } } },
      }],
    },
  });
  const f = runForecast(config, panel);
  const s = f.scenarios[0];
  assert.equal(s.baseYear, 2024);
  assert.equal(s.rows.length, 6 * 6);
  const p01 = s.inputs.find((i) => i.country === "P01" && i.variable === "gdp")!;
  assert.equal(p01.rule, "growth 5.0%/yr");
  close(p01.values[5].value, p01.from!.value * 1.05 ** 6, 1e-12);
  assert.equal(
    s.inputs.find((i) => i.country === "P02" && i.variable === "dist")!.rule,
    "hold last value",
  );
  for (const r of s.rows) {
    assert.ok(r.lo! < r.predicted! && r.predicted! < r.hi!);
    const q = r.k!.probabilities;
    close(q.huge + q.expanding + q.remodelling, 1, 1e-12);
  }
});

Deno.test("scenario config errors are one line: unknown country, negative population, horizon before the data", async () => {
  const raw = JSON.parse(await Deno.readTextFile("data/study.eq1.config.json"));
  const panel = await loadPanel("data");
  const check = (forecast: unknown, re: RegExp) => {
    const cfg = parseStudyConfig({ ...raw, forecast }, "eq1.json");
    assert.throws(() => validateAgainstPanel(cfg, panel, "eq1.json"), (e: Error) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, re);
      assert.ok(!e.message.includes("\n"));
      return true;
    });
  };
  check(
    { scenarios: [{ countries: { XYZ: { gdp_usd: { growth: 0.02 } } } }] },
    /^eq1\.json: forecast\.scenarios\[0\] \("scenario 1"\): unknown country "XYZ" \(the study has CHN, KAZ/,
  );
  const rawPop = {
    ...raw,
    terms: [...raw.terms, { name: "ln_pop", variable: "pop", formation: "product" }],
  };
  const cfg = parseStudyConfig(
    { ...rawPop, forecast: { scenarios: [{ countries: { KAZ: { pop: { value: -5 } } } }] } },
    "eq1.json",
  );
  assert.throws(
    () => validateAgainstPanel(cfg, panel, "eq1.json"),
    /^InputError: eq1\.json: .*countries\.KAZ: a population must be positive, not -5$/,
  );
  check({ scenarios: [{ horizon: 2022 }] }, /horizon 2022 is before the last data year 2024$/);
  assert.throws(
    () =>
      parseStudyConfig({ ...raw, forecast: { scenarios: [{ default: "sideways" }] } }, "c.json"),
    /c\.json: "forecast\.scenarios\[0\]\.default" "sideways" is not "trend", "hold"/,
  );
});

Deno.test("real data: the validation lists every 2021+ partner-year with an actual China-side total and all regressors", async () => {
  const config = await loadStudyConfig("data/study.eq1.config.json");
  const panel = await loadPanel("data");
  const f = runForecast(config, panel);
  // independently: the panel's partner-years after 2020 with trade and every input of eq. (1)
  const v = (c: string, y: number, k: string) =>
    panel.rows.find((r) => r.iso3 === c && r.year === y)?.values[k] ?? NaN;
  const withActual: string[] = [];
  const expected: string[] = [];
  for (const c of config.partners) {
    for (let y = 2021; y <= Math.max(...panel.years); y++) {
      if (!(v(c, y, "trade_goods_usd") > 0)) continue;
      withActual.push(`${c} ${y}`);
      if (v("CHN", y, "gdp_usd") > 0 && v(c, y, "gdp_usd") > 0 && v(c, y, "trans_dist") > 0) {
        expected.push(`${c} ${y}`);
      }
    }
  }
  assert.deepEqual(f.validation.map((r) => `${r.country} ${r.year}`), expected);
  assert.equal(f.validation.length + f.metrics.excluded.length, withActual.length);
  for (const r of f.validation) {
    assert.equal(r.actual, v(r.country, r.year, "trade_goods_usd"));
    assert.equal(r.covered, r.actual >= r.lo! && r.actual <= r.hi!);
  }
});

Deno.test("README: the forecast sentences are the study's own summaries (equations (2) and (1))", async () => {
  const panel = await loadPanel("data");
  const squash = (s: string) => s.replace(/\s+/g, " ");
  const readme = squash(await Deno.readTextFile("README.md"));
  const sentences: string[] = [];
  for (const path of ["data/study.config.json", "data/study.eq1.config.json"]) {
    const f = runForecast(await loadStudyConfig(path), panel);
    sentences.push(f.summary, f.rollingSummary);
  }
  for (const sentence of sentences) {
    assert.ok(
      readme.includes(squash(sentence)),
      `README.md: replace the forecast sentence with the current one:\n${sentence}`,
    );
  }
});

Deno.test("a flagged actual series: every output says the actuals are not the dependent variable", () => {
  const { config, panel } = syntheticForecastStudy({ partners: 5 });
  const mirror = {
    ...panel,
    variables: [...panel.variables, { name: "mirror" }],
    rows: panel.rows.map((r) => ({ ...r, values: { ...r.values, mirror: r.values.trade * 0.8 } })),
  };
  const f = runForecast({ ...config, forecast: { ...config.forecast!, actual: "mirror" } }, mirror);
  assert.match(f.settings.actualFlag!, /^the actuals are mirror, not the dependent variable trade/);
  assert.ok(f.notes.some((n) => n.startsWith("FLAG: the actuals are mirror")));
  assert.match(f.summary, /^FLAGGED \(actuals = mirror, not the fitted series\): Fitted on/);
  for (const r of f.validation) {
    const t = panel.rows.find((p) => p.iso3 === r.country && p.year === r.year)!.values.trade;
    close(r.actual, 0.8 * t, 1e-15);
  }
});

Deno.test("provenance: each forecast year says which regressor inputs were observed and which filled", () => {
  const { config, panel } = syntheticForecastStudy({ partners: 3 });
  const flagged = {
    ...panel,
    flags: {
      "P01|2022|gdp": "interpolated",
      "AAA|2023|gdp": "carried",
      "P02|2021|dist": "observed",
    },
  };
  const f = runForecast(config, flagged);
  const row = (c: string, y: number) => f.validation.find((r) => r.country === c && r.year === y)!;
  assert.deepEqual(row("P01", 2022).filled, ["gdp P01 (interpolated)"]);
  assert.deepEqual(row("P01", 2022).observed.sort(), ["dist", "gdp"]); // AAA's gdp observed
  assert.deepEqual(row("P03", 2023).filled, ["gdp AAA (carried)"]);
  assert.deepEqual(row("P02", 2021).filled, []);
});

Deno.test("projected K: the potential module's simulation (classical covariance) agrees with the closed form", () => {
  const { config, panel } = syntheticForecastStudy({ partners: 6 });
  const closed = runForecast(config, panel, { uncertainty: tKProjection }).scenarios[0].rows;
  const settings = { ...config.uncertainty, se: "classical" as const, draws: 20000, seed: 3 };
  const sim = runForecast(config, panel, { uncertainty: uncertaintyKProjection(settings) })
    .scenarios[0].rows;
  assert.equal(sim.length, closed.length);
  sim.forEach((r, i) => {
    const c = closed[i].k!;
    close(r.k!.median, c.median, 1e-12, "median");
    close(Math.log(r.k!.lo), Math.log(c.lo), 0.02, "lo");
    close(Math.log(r.k!.hi), Math.log(c.hi), 0.02, "hi");
    for (const cls of ["huge", "expanding", "remodelling"] as const) {
      assert.ok(Math.abs(r.k!.probabilities[cls] - c.probabilities[cls]) < 0.02, cls);
    }
  });
  // by default the study's uncertainty settings are used and said so
  const f = runForecast(config, panel);
  assert.ok(f.notes.some((n) => n.includes("simulated as the study's K intervals")));
});
