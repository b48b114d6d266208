/**
 * lib/stats/prediction.ts against numpy, statsmodels and mpmath
 * (tests/fixtures/stats/prediction_truth.py -> prediction_truth.json): (X'X)^-1 by QR, and the
 * standard error of the fitted mean and the 90% / 95% prediction interval of new rows
 * (statsmodels' get_prediction: mean_se, obs_ci; the interval ends again with a 40-digit t
 * quantile, since scipy's is good to about 1e-11 here).
 */
import assert from "node:assert/strict";
import { ols } from "../../lib/stats/linear/ols.ts";
import { predictionInterval, quadraticForm, xtxInverse } from "../../lib/stats/prediction.ts";

const fx = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/stats/prediction_truth.json", import.meta.url)),
);

function close(a: number, b: number, rel: number, what: string) {
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
}

Deno.test("xtxInverse: R^-1 R^-T by QR equals numpy's inv(X'X)", () => {
  const v = xtxInverse(fx.x);
  v.forEach((r, a) => r.forEach((x, c) => close(x, fx.xtxInv[a][c], 1e-12, `[${a}][${c}]`)));
  // worked by hand: rows (1, 0), (1, 1), (1, 2): X'X = [[3, 3], [3, 5]], det 6
  const h = xtxInverse([[1, 0], [1, 1], [1, 2]]);
  [[5 / 6, -1 / 2], [-1 / 2, 1 / 2]].forEach((r, a) =>
    r.forEach((x, c) => close(h[a][c], x, 1e-14, `hand [${a}][${c}]`))
  );
});

Deno.test("quadraticForm: x'Vx and x'Vy, worked by hand", () => {
  assert.equal(quadraticForm([1, 2], [[1, 0], [0, 3]]), 13);
  // [1, 2] [[1, 2], [3, 4]] [5, 6]' = 1 (5 + 12) + 2 (15 + 24) = 95
  assert.equal(quadraticForm([1, 2], [[1, 2], [3, 4]], [5, 6]), 95);
  assert.equal(quadraticForm([], []), 0);
});

Deno.test("predictionInterval: statsmodels' mean_se and obs_ci at 90% and 95% for three new rows", () => {
  // the fit's own sigma, df and coefficients (ols) with numpy-checked (X'X)^-1
  const fit = ols(
    fx.y,
    [1, 2].map((j) => ({ name: `x${j}`, values: fx.x.map((r: number[]) => r[j]) })),
  );
  close(fit.sigma, fx.sigma, 1e-12, "sigma");
  assert.equal(fit.dfResidual, fx.df);
  const v = xtxInverse(fx.x);
  for (const level of [0.9, 0.95]) {
    const want = fx[String(level)];
    fx.new.forEach((x0: number[], i: number) => {
      const fitted = x0.reduce((s, x, a) => s + x * fit.coefficients[a].estimate, 0);
      close(fitted, want.fitted[i], 1e-12, `fitted ${i}`);
      const p = predictionInterval(fitted, quadraticForm(x0, v), fit.sigma, fit.dfResidual, level);
      close(p.seMean, want.seMean[i], 1e-11, `seMean ${level} ${i}`);
      close(p.lower, want.lower[i], 1e-13, `lower ${level} ${i}`);
      close(p.upper, want.upper[i], 1e-13, `upper ${level} ${i}`);
      close(p.lower, want.statsmodelsLower[i], 1e-10, `statsmodels lower ${level} ${i}`);
      close(p.upper, want.statsmodelsUpper[i], 1e-10, `statsmodels upper ${level} ${i}`);
      close(p.sePrediction ** 2, fit.sigma ** 2 + p.seMean ** 2, 1e-12, `se^2 ${i}`);
    });
  }
  // a round-off negative quadratic form counts as 0: the fitted mean has no error of its own
  const z = predictionInterval(1, -1e-18, 2, 10, 0.95);
  assert.deepEqual([z.seMean, z.sePrediction], [0, 2]);
});
