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
