/**
 * Survivors of the mutation run of lib/stats/distributions.ts that a test can kill: the switch
 * between the two continued fractions of the incomplete beta (a tiny lower tail needs the lower
 * one), the switch to the chi-squared continued fraction (it is wrong far below the mean), and
 * the argument checks whose answer the formula after them does not give (f <= 0 with bad degrees
 * of freedom, f so negative that the beta argument leaves [0, 1], the t median with bad df).
 * Expected values are closed forms worked here.
 */
import assert from "node:assert/strict";
import {
  chiSquareUpperP,
  fUpperP,
  incompleteBeta,
  tQuantile,
} from "../../lib/stats/distributions.ts";

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol * Math.abs(b), `${what}: ${a} vs ${b}`);

Deno.test("incompleteBeta: a tiny lower tail with a < b - 2 keeps its relative precision", () => {
  // I_x(1, b) = 1 - (1 - x)^b = -expm1(b log1p(-x)), exact in floating point to ~1 ulp. The
  // lower fraction is the one to use here (x < (a + 1) / (a + b + 2)); the upper one gives
  // 1 - (1 - 4e-10) and keeps only ~7 digits. (1e-11: jstat's ln Beta(1, 9) is off by ~3e-13.)
  for (const x of [1e-10, 1e-6, 1e-3]) {
    close(incompleteBeta(x, 1, 4), -Math.expm1(4 * Math.log1p(-x)), 1e-11, `I_${x}(1,4)`);
    close(incompleteBeta(x, 1, 9), -Math.expm1(9 * Math.log1p(-x)), 1e-11, `I_${x}(1,9)`);
  }
  // symmetric counterpart near 1: I_x(a, 1) = x^a, and 1 - I_x(4, 1) = -expm1(4 ln x) through
  // I_{1-x}(1, 4) = 1 - I_x(4, 1)
  const x = 1 - 1e-9;
  close(1 - incompleteBeta(1 - x, 1, 4), x ** 4, 1e-15, "1 - I_{1e-9}(1,4)");
});

Deno.test("chiSquareUpperP far below the mean: Q(k, x/2) = exp(-x/2) sum_{j<k} (x/2)^j / j!", () => {
  // even df = 2k has this closed form; at x = 1, df = 20 the upper tail is 1 - 1.7e-10 (the
  // continued fraction for the far tail is off by 3e-5 here: 1 - P must be used)
  for (const [x, df] of [[1, 20], [0.2, 10], [3, 30], [8, 12], [30, 12]]) {
    const h = x / 2, k = df / 2;
    let term = 1, sum = 0;
    for (let j = 0; j < k; j++) {
      sum += term;
      term *= h / (j + 1);
    }
    close(chiSquareUpperP(x, df), Math.exp(-h) * sum, 1e-13, `x=${x} df=${df}`);
  }
});

Deno.test("fUpperP: f <= 0 is 1 even where d2 / (d2 + d1 f) leaves [0, 1]; bad df are NaN first", () => {
  assert.equal(fUpperP(-10, 3, 4), 1); // beta argument 4 / (4 - 30) < 0
  assert.equal(fUpperP(-4 / 3, 3, 4), 1); // d2 + d1 f = 0
  assert.equal(fUpperP(-1e300, 2, 2), 1);
  assert.equal(fUpperP(-Infinity, 2, 2), 1);
  // bad degrees of freedom are NaN also where f alone would decide (f <= 0 or f = infinity)
  for (const [f, d1, d2] of [[0, 0, 4], [-1, 3, 0], [0, -2, 4], [-5, 3, -1], [0, NaN, 4]]) {
    assert.ok(Number.isNaN(fUpperP(f, d1, d2)), `F(${f}; ${d1}, ${d2})`);
  }
  for (const [f, d1, d2] of [[Infinity, 0, 4], [Infinity, 3, 0], [Infinity, 3, NaN]]) {
    assert.ok(Number.isNaN(fUpperP(f, d1, d2)), `F(${f}; ${d1}, ${d2})`);
  }
});

Deno.test("tQuantile far in the lower tail (1 - p rounds to 1) against 40-digit mpmath", () => {
  // /usr/bin/python3 tests/fixtures/mutants/t_quantiles.py (mpmath 40 digits; scipy's t.ppf is
  // off by ~1e-9 relative in these tails). Until this test tQuantile(p < 1e-16) was NaN: its
  // start, jstat's quantile of 1 - p, was the quantile of 1.
  const ref: [number, number, number][] = [
    [1e-12, 3, -10331.108244292485],
    [1e-20, 5, -15683.925454365775],
    [1e-100, 30, -10810.645001143976],
    [1e-50, 2, -7.071067811865475e+24],
    [0.3, 100, -0.5260762706003463],
  ];
  for (const [p, df, q] of ref) close(tQuantile(p, df), q, 1e-12, `t_${df}(${p})`);
  // t with 2 df: q = (2p - 1) / sqrt(2 p (1 - p))
  for (const p of [1e-17, 1e-30, 1e-200]) {
    close(tQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-13, `t_2(${p})`);
  }
});

Deno.test("tQuantile: the median is 0 only for valid degrees of freedom", () => {
  assert.equal(tQuantile(0.5, 1), 0);
  for (const df of [0, -1, NaN]) assert.ok(Number.isNaN(tQuantile(0.5, df)), `df=${df}`);
});
