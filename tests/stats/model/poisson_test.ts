/**
 * lib/stats/model/poisson.ts: the Poisson deviance 2 sum [y ln(y/mu) - (y - mu)] worked by hand,
 * far from the fit (the textbook formula) and near it (the series in d = y/mu - 1).
 */
import assert from "node:assert/strict";
import { halfDevianceTerm, poissonDeviance } from "../../../lib/stats/model/poisson.ts";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

Deno.test("poissonDeviance far from the fit (textbook branch) and near it (series branch)", () => {
  // 2 [y ln(y/mu) - (y - mu)], rows far from mu (|y/mu - 1| >= 0.1), mu != 1
  const ys = [3, 0.5, 10], mus = [2, 4, 2.5];
  const want = 2 * ys.reduce((s, v, i) => s + v * Math.log(v / mus[i]) - (v - mus[i]), 0);
  assert.ok(rel(poissonDeviance(ys, mus), want) < 1e-14);
  // y = 0 rows give 2 mu
  assert.equal(poissonDeviance([0, 0], [1.5, 2]), 7);
  // near the fit: d = 0.05, h(d) = (1 + d) ln(1 + d) - d
  const h = 1.05 * Math.log(1.05) - 0.05;
  assert.ok(rel(poissonDeviance([4.2], [4]), 2 * 4 * h) < 1e-13);
});

// y ln(y/mu) - (y - mu) at 40 digits (tests/fixtures/mutants/half_deviance.py): d = y/mu - 1 on
// both sides of the series' cut-offs 0.1 and 0.01, and very small
const HALF = [
  [5.550000000000001, 3.7, 0.4003313500003125],
  [1.85, 3.7, 0.5676777159641012],
  [4.07, 3.7, 0.01791243180360219],
  [3.33, 3.7, 0.019149482859438426],
  [4.069630000000001, 3.7, 0.017877183855766136],
  [3.3303700000000003, 3.7, 0.01911052002343929],
  [3.8850000000000002, 3.7, 0.004549787798243335],
  [3.441, 3.7, 0.009284245955331307],
  [3.737, 3.7, 0.00018438639828912483],
  [3.6630000000000003, 3.7, 0.00018561976862422014],
  [3.7366300000000003, 3.7, 0.000180723093309684],
  [3.66337, 3.7, 0.00018191983059795815],
  [3.7110999999999996, 3.7, 1.663337493013305e-05],
  [3.6852, 3.7, 2.9639545789947205e-05],
  [3.7000370000000005, 3.7, 1.8499938333928467e-10],
  [3.6999988900000003, 3.7, 1.665000166246061e-13],
  [3.7000000037000005, 3.7, 1.8500003055227184e-18],
];

Deno.test("halfDevianceTerm = 40-digit mpmath: the series to 2 ulp on both sides of its 0.01 cut-off, the textbook formula beyond 0.1; mu when y = 0", () => {
  for (const [y, mu, h] of HALF) {
    const got = halfDevianceTerm(y, mu);
    // the series (|d| < 0.1) to 2 ulp; the textbook formula further out to about 90 eps
    const tol = Math.abs((y - mu) / mu) < 0.1 ? 4.5e-16 : 2e-14;
    assert.ok(rel(got, h) < tol, `y ${y}: ${got} vs ${h} (rel ${rel(got, h)})`);
  }
  assert.equal(halfDevianceTerm(0, 1.5), 1.5);
  assert.equal(halfDevianceTerm(-0, 2), 2);
});
