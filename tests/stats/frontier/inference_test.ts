/**
 * Inference helpers of the frontier: the mixed chi-square of the LR test against scipy
 * (make_scipy_fixture.py: scipy.stats.chi2 and brentq), the Hessian by differences and the
 * covariance from it on functions whose derivatives are known in closed form, and the words for
 * a Hessian that is not negative definite.
 */
import assert from "node:assert/strict";
import {
  coefficientRow,
  covarianceFromHessian,
  hessian,
  mixedChiSquareCritical,
  mixedChiSquareP,
} from "../../../lib/stats/frontier/inference.ts";

const REF = JSON.parse(
  Deno.readTextFileSync(
    new URL("../../fixtures/stats/frontier/scipy_expected.json", import.meta.url),
  ),
).mixedChiSquare;

Deno.test("mixed chi-square p-values and 5% critical values agree with scipy", () => {
  for (const [x, q, p] of REF.pValues) {
    assert.ok(Math.abs(mixedChiSquareP(x, q) / p - 1) < 1e-12, `${x} ${q}`);
  }
  for (const [q, c] of REF.critical5) {
    assert.ok(Math.abs(mixedChiSquareCritical(q) / c - 1) < 1e-10, `q ${q}`);
  }
  assert.equal(mixedChiSquareP(0, 1), 1);
  assert.ok(Number.isNaN(mixedChiSquareP(1, 0)));
});

Deno.test("Hessian by differences of the gradient and its covariance, on a known quadratic", () => {
  // f(x) = -(2 x0^2 + x0 x1 + 3 x1^2): Hessian [[-4, -1], [-1, -6]], covariance its -inverse
  const H = hessian((x, g) => {
    g[0] = -(4 * x[0] + x[1]);
    g[1] = -(x[0] + 6 * x[1]);
  }, [0.3, -0.2]);
  const want = [[-4, -1], [-1, -6]];
  H.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - want[i][j]) < 1e-8)));
  const { covariance, problem } = covarianceFromHessian(H);
  assert.equal(problem, undefined);
  const det = 23;
  const inv = [[6 / det, -1 / det], [-1 / det, 4 / det]];
  covariance.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - inv[i][j]) < 1e-8)));
});

Deno.test("a Hessian that is not negative definite gives NaN covariances and the reason", () => {
  const { covariance, problem } = covarianceFromHessian([[-1, 0], [0, 1e-20]]);
  assert.ok(covariance.flat().every(Number.isNaN));
  assert.match(problem!, /not negative definite .* the likelihood is flat in some direction/);
});

Deno.test("coefficient rows: z, two-sided normal p and interval", () => {
  const r = coefficientRow("x", 1.959963984540054, 1, 0.95);
  assert.ok(Math.abs(r.p - 0.05) < 1e-12);
  assert.ok(Math.abs(r.ciLower) < 1e-12);
  assert.ok(Math.abs(r.ciUpper - 2 * 1.959963984540054) < 1e-12);
});

Deno.test("mixed chi-square p-value is NaN for a NaN statistic or fewer than one restriction", () => {
  for (const [x, q] of [[NaN, 1], [NaN, 3], [1, 0.5], [1, NaN], [0, 0]]) {
    assert.ok(Number.isNaN(mixedChiSquareP(x, q)), `${x} ${q}`);
  }
});

Deno.test("Hessian steps by 1e-5 max(|x|, 0.1), shortened to half the distance to a bound", () => {
  const x = [2, 0.01, 0.999999, 1e-6];
  const steps: number[][] = [[], [], [], []];
  hessian(
    (xp, g) => {
      xp.forEach((v, j) => v !== x[j] && steps[j].push(v - x[j]));
      g.fill(0);
    },
    x,
    { lo: [-Infinity, -Infinity, 0, 0], hi: [Infinity, Infinity, 1, 1] },
  );
  const want = [2e-5, 1e-6, 5e-7, 5e-7];
  steps.forEach((s, j) => {
    assert.equal(s.length, 2, `coordinate ${j}`);
    assert.ok(Math.abs(s[0] - want[j]) < 1e-9 * want[j], `+ step ${j}: ${s[0]}`);
    assert.ok(Math.abs(s[1] + want[j]) < 1e-9 * want[j], `- step ${j}: ${s[1]}`);
  });
});

Deno.test("Hessian by differences is symmetrised: the mean of the Jacobian and its transpose", () => {
  // a "gradient" with Jacobian [[1, 2, 0], [4, 1, 1], [0, 3, 5]]
  const H = hessian((x, g) => {
    g[0] = x[0] + 2 * x[1];
    g[1] = 4 * x[0] + x[1] + x[2];
    g[2] = 3 * x[1] + 5 * x[2];
  }, [0.5, -1, 2]);
  const want = [[1, 3, 0], [3, 1, 2], [0, 2, 5]];
  assert.equal(H.length, 3);
  H.forEach((row, i) => {
    assert.equal(row.length, 3);
    row.forEach((v, j) => assert.ok(Math.abs(v - want[i][j]) < 1e-8, `${i} ${j}: ${v}`));
  });
});

Deno.test("covariance needs the smallest eigenvalue of -H above 1e-12 times the largest", () => {
  // eigenvalues of -H: 1e-12 and 1 (ratio exactly 1e-12: flat), 1e-12 and 4, then 1e-11 and 4
  const flat = covarianceFromHessian([[-1, 0], [0, -1e-12]]);
  assert.deepEqual(flat.covariance.map((r) => r.length), [2, 2]);
  assert.ok(flat.covariance.flat().every(Number.isNaN));
  assert.equal(
    flat.problem,
    "the Hessian of the log-likelihood is not negative definite at the estimate (eigenvalues of " +
      "its negative from 1.00e-12 to 1.00e+0): the likelihood is flat in some direction, so no " +
      "standard errors are given",
  );
  assert.match(covarianceFromHessian([[-4, 0], [0, -1e-12]]).problem!, /from 1.00e-12 to 4.00e\+0/);
  const ok = covarianceFromHessian([[-4, 0], [0, -1e-11]]);
  assert.equal(ok.problem, undefined);
  assert.ok(
    Math.abs(ok.covariance[0][0] - 0.25) < 1e-15 &&
      Math.abs(ok.covariance[1][1] / 1e11 - 1) < 1e-12,
  );
});

Deno.test("coefficient rows: z = estimate / SE and the interval estimate -+ z_crit SE", () => {
  // scipy.stats.norm: 2 cdf(-1.5) = 0.13361440253771614, ppf(0.95) = 1.6448536269514722
  const r = coefficientRow("x", 3, 2, 0.9);
  assert.equal(r.z, 1.5);
  assert.ok(Math.abs(r.p - 0.13361440253771614) < 1e-15);
  assert.ok(Math.abs(r.ciLower - -0.2897072539029444) < 1e-14);
  assert.ok(Math.abs(r.ciUpper - 6.289707253902945) < 1e-14);
  assert.deepEqual([r.term, r.estimate, r.stdError], ["x", 3, 2]);
});

/** The largest double below x (x > 0). */
function below(x: number): number {
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0] -= 1n;
  return new Float64Array(bits.buffer)[0];
}

Deno.test("mixed chi-square critical value is the smallest double with p-value <= alpha", () => {
  // alpha a p-value the function attains (at 2 and 7.5), a level it does not (5%), and 0: the
  // p-value is exactly 0 from where it underflows (x near 1480 for q = 1, where 0.5 erfc(sqrt(x / 2))
  // drops below half the smallest subnormal), so the upper end doubles only while P(hi) > alpha
  const cases = [[1, mixedChiSquareP(2, 1)], [3, mixedChiSquareP(7.5, 3)], [2, 0.05], [1, 0]];
  for (const [q, alpha] of cases) {
    const c = mixedChiSquareCritical(q, alpha);
    assert.ok(mixedChiSquareP(c, q) <= alpha, `q ${q}: P(${c}) > ${alpha}`);
    assert.ok(mixedChiSquareP(below(c), q) > alpha, `q ${q}: P just below ${c} <= ${alpha}`);
  }
});
