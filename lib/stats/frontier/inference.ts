/**
 * Inference at the optimum: the Hessian by central differences of the analytic gradient, the
 * covariance as its negative inverse (or the words for why there is none), coefficient rows with
 * normal z tests, and the likelihood-ratio test of no inefficiency under the mixed chi-square.
 * @module
 */
import { EigenvalueDecomposition, inverse, Matrix } from "ml-matrix";
import { chiSquareUpperP, normalCdf, normalQuantile } from "../distributions.ts";
import type { FrontierCoefficient } from "./types.ts";

/**
 * The Hessian of f at x by central differences of its gradient `grad` (steps 1e-5 max(|x|, 0.1),
 * shortened so x +- step stays inside (lo, hi) per coordinate), symmetrised; p x p row-major.
 *
 * @example
 * ```ts
 * hessian((x, g) => { g[0] = 2 * x[0]; }, [1]); // [[2]]
 * ```
 */
export function hessian(
  grad: (x: Float64Array, g: Float64Array) => void,
  x: ArrayLike<number>,
  bounds: { lo?: ArrayLike<number>; hi?: ArrayLike<number> } = {},
): number[][] {
  const p = x.length;
  const xp = Float64Array.from(x), gp = new Float64Array(p), gm = new Float64Array(p);
  // column j: the differences of the gradient along x_j
  const columns: Float64Array[] = [];
  for (let j = 0; j < p; j++) {
    let h = 1e-5 * Math.max(Math.abs(x[j]), 0.1);
    const lo = bounds.lo?.[j] ?? -Infinity, hi = bounds.hi?.[j] ?? Infinity;
    h = Math.min(h, (x[j] - lo) / 2, (hi - x[j]) / 2);
    xp[j] = x[j] + h;
    grad(xp, gp);
    xp[j] = x[j] - h;
    grad(xp, gm);
    xp[j] = x[j];
    columns.push(gp.map((v, i) => (v - gm[i]) / (2 * h)));
  }
  return columns.map((_, i) => columns.map((c, j) => (c[i] + columns[i][j]) / 2));
}

/**
 * The covariance (-H)^-1 of a log-likelihood's Hessian H at a maximum, or NaNs with a reason in
 * words when -H is not positive definite there (a flat or boundary likelihood).
 *
 * @example
 * ```ts
 * covarianceFromHessian([[-4]]).covariance; // [[0.25]]
 * ```
 */
export function covarianceFromHessian(H: number[][]): { covariance: number[][]; problem?: string } {
  const p = H.length;
  const negH = new Matrix(H).mul(-1);
  const values = new EigenvalueDecomposition(negH, { assumeSymmetric: true }).realEigenvalues;
  const max = Math.max(...values.map(Math.abs));
  const min = Math.min(...values);
  if (!(min > 1e-12 * max)) {
    return {
      covariance: Array.from({ length: p }, () => new Array<number>(p).fill(NaN)),
      problem: `the Hessian of the log-likelihood is not negative definite at the estimate ` +
        `(eigenvalues of its negative from ${min.toExponential(2)} to ${max.toExponential(2)}): ` +
        `the likelihood is flat in some direction, so no standard errors are given`,
    };
  }
  return { covariance: inverse(negH).to2DArray() };
}

/**
 * A coefficient row with the normal z test and interval at `level`.
 *
 * @example
 * ```ts
 * coefficientRow("x", 0.5, 0.25, 0.95).z; // 2
 * ```
 */
export function coefficientRow(
  term: string,
  estimate: number,
  stdError: number,
  level: number,
): FrontierCoefficient {
  const z = estimate / stdError;
  const crit = normalQuantile(0.5 + level / 2);
  return {
    term,
    estimate,
    stdError,
    z,
    p: 2 * normalCdf(-Math.abs(z)),
    ciLower: estimate - crit * stdError,
    ciUpper: estimate + crit * stdError,
  };
}

/**
 * P(X > x) for X ~ 1/2 chi2(q - 1) + 1/2 chi2(q), chi2(0) the point mass at 0: the mixed
 * chi-square of a likelihood-ratio test with one of its q restrictions on the boundary of the
 * parameter space (gamma = 0), whose 5% critical values Kodde and Palm (1986, Table 1) tabulate.
 *
 * @example
 * ```ts
 * mixedChiSquareP(2.705543454095404, 1); // ≈ 0.05
 * ```
 */
export function mixedChiSquareP(x: number, q: number): number {
  // NaN for a NaN x or q < 1 (chiSquareUpperP is NaN there)
  const lower = q === 1 ? (x > 0 ? 0 : 1) : chiSquareUpperP(x, q - 1);
  return 0.5 * lower + 0.5 * chiSquareUpperP(x, q);
}

/**
 * The critical value: the smallest double c with mixedChiSquareP(c, q) <= alpha (bisection down to
 * adjacent doubles).
 *
 * @example
 * ```ts
 * mixedChiSquareCritical(1, 0.05); // ≈ 2.7055
 * ```
 */
export function mixedChiSquareCritical(q: number, alpha = 0.05): number {
  let lo = 0, hi = 1;
  while (mixedChiSquareP(hi, q) > alpha) hi *= 2;
  for (;;) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) return hi;
    if (mixedChiSquareP(mid, q) > alpha) lo = mid;
    else hi = mid;
  }
}
