/**
 * uncertaintyKProjection (lib/gravity/forecast/k_projection.ts): the study's covariance type, draws
 * and seed reach simulateK; the median by hand; each covariance warning once.
 */
import assert from "node:assert/strict";
import { fitForecast } from "../../../lib/gravity/forecast/fit.ts";
import { buildDesign } from "../../../lib/gravity/equation/terms.ts";
import { uncertaintyKProjection } from "../../../lib/gravity/forecast/k_projection.ts";
import { simulateK } from "../../../lib/gravity/potential/intervals.ts";
import { chooseCovariance } from "../../../lib/gravity/potential/study_intervals.ts";
import { syntheticForecastStudy } from "../../../lib/gravity/synthetic/forecast.ts";

const close = (a: number, b: number, rel: number, what = "") =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

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

Deno.test("uncertaintyKProjection under the smearing definition: the draws' smearing factors come from the sample's observed ln y", () => {
  const { config, panel } = syntheticForecastStudy({ partners: 4, seed: 5 });
  const rows = buildDesign(config, panel).filter((r) => r.complete);
  const f = fitForecast(rows, ["ln_gdp", "ln_dist"]);
  assert.ok(!("reason" in f));
  const targets = [{ actual: 4e7, x: [1, 60, 8] }];
  const th = { huge: 0.9, remodelling: 1.1 };
  const settings = { ...config.uncertainty, se: "hc1" as const, draws: 200, seed: 3 };
  const use = { applied: "smearing" as const, factor: 1.25 };
  const got = uncertaintyKProjection(settings)(targets, f, 0.8, th, use);
  const { cov } = chooseCovariance(f.sample.x, f.sample.residuals, f.sample.country, "hc1");
  const beta = f.terms.map((t) => f.coefficients[t]);
  // the observed ln y of the estimation rows (the data, not the fit)
  const want = simulateK(targets, beta, cov.matrix, cov.df, {
    level: 0.8,
    thresholds: th,
    draws: 200,
    seed: 3,
    definition: "smearing",
    sample: { x: f.sample.x, y: rows.map((r) => r.y as number) },
  });
  const fitted = targets[0].x.reduce((s, v, a) => s + v * beta[a], 0);
  close(got[0].median, targets[0].actual / (Math.exp(fitted) * 1.25), 1e-12, "median");
  close(got[0].lo, want[0].kLower, 1e-9, "lo");
  close(got[0].hi, want[0].kUpper, 1e-9, "hi");
  assert.deepEqual(got[0].probabilities, want[0].classProbabilities);
});
