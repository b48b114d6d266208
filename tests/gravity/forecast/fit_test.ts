/**
 * fitForecast and predictRow (lib/gravity/forecast/fit.ts) against OLS by the normal equations
 * (normal_equations.ts) and jstat's t quantiles: N = k and N = k + 1, a collinear design, rows ols
 * drops or refuses, and missing regressors.
 */
import assert from "node:assert/strict";
import jStat from "jstat";
import { fitForecast, predictRow } from "../../../lib/gravity/forecast/fit.ts";
import { refOls } from "./normal_equations.ts";

const close = (a: number, b: number, rel: number, what = "") =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

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
  // a collinear design: x1 = 1 on every row is a copy of the intercept, which ols omits
  // Stata-style (tests/stats/linear/ols_test.ts), so the fit is the intercept alone: the mean of
  // y = 1, 2, 4 (7/3) with 2 residual degrees of freedom and s = sd(y) = sqrt(7/3)
  const bad = fitForecast([row(0, 1, 1), row(1, 1, 2), row(2, 1, 4)], ["x1"]);
  assert.ok(!("reason" in bad), "a collinear column is omitted, not a reason to give up");
  assert.deepEqual(bad.terms, ["(Intercept)"]);
  close(bad.coefficients["(Intercept)"], 7 / 3, 1e-14, "mean");
  assert.equal(bad.df, 2);
  close(bad.sigma, Math.sqrt(7 / 3), 1e-14, "s");
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
