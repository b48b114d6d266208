/**
 * The pieces both PPML iterations share (ppml.ts without fixed effects, ppml_fe.ts with them):
 * options and result types, the Poisson deviance computed without cancellation, the working
 * dependent, the start, one weighted least-squares step with the QR core, and the errors.
 * @module
 */
import { InputError } from "../../errors.ts";
import { lsq, type LsqFit } from "../linear/lsq.ts";

/** Options of ppmlIrls (ppml.ts). */
export interface PpmlOptions {
  /** Convergence: |deviance change| / max(deviance, 0.1) below this (default 1e-10). */
  tolerance?: number;
  /** Iterations before giving up with an InputError (default 100). */
  maxIterations?: number;
  /** Fit an intercept (only without fixed effects; default true then). */
  intercept?: boolean;
  /**
   * Target tolerance of the fixed-effect projections (default 1e-13, relative: see demean.ts);
   * the first iteration projects at max(this, 1e-4), later ones at 0.1 x the last relative
   * deviance change (never looser than before), and convergence is declared at the target.
   */
  feTolerance?: number;
  /** Conjugate-gradient iterations per projection before giving up (default 10000). */
  feMaxIterations?: number;
  /** Called after each iteration with a one-line report (for progress on stderr). */
  progress?: (line: string) => void;
  /** Added to the linear predictor with coefficient 1 (one value per row; Stata's offset()). */
  offset?: Float64Array;
  /**
   * Work columns as long as y that the IRLS may overwrite (with fixed effects it takes its
   * weights, working residual, demeaned regressors and linear predictor from them before
   * allocating): the separation check's, handed on (dropSeparated's `scratch`).
   */
  scratch?: Float64Array[];
}

/** What the IRLS returns: the last weighted least-squares fit and the convergence report. */
export interface PpmlFit {
  fit: LsqFit;
  /** Design term names (intercept first when present). */
  names: string[];
  mu: Float64Array;
  eta: Float64Array;
  /** Weights of the last least squares (the mu it was solved at). */
  weights: Float64Array;
  iterations: number;
  deviance: number;
  tolerance: number;
  converged: true;
  /** Conjugate-gradient iterations of the projections: the last IRLS iteration's, and in all. */
  feSweeps: number;
  feSweepsTotal: number;
  /** Tolerance the projections reached at the end (0 without fixed effects). */
  feTolerance: number;
}

/**
 * One row's half deviance y ln(y/mu) - (y - mu) = mu h(d), d = (y - mu) / mu,
 * h(d) = (1 + d) ln(1 + d) - d, by its series sum_k>=2 (-d)^k / (k (k - 1)) when |d| < 0.1
 * (16 terms by Horner's rule, 9 when |d| < 0.01): the
 * textbook formula rounds ln(y/mu) to an absolute eps, an error of y eps per row, which swamps the
 * row's deviance (about mu d^2 / 2) on data that fit closely. Further out (and when y/mu under-
 * or overflows) the textbook formula is accurate and is used.
 *
 * @example
 * ```ts
 * halfDevianceTerm(0, 1.5); // 1.5
 * ```
 */
export function halfDevianceTerm(y: number, mu: number): number {
  if (y <= 0) return mu;
  const d = (y - mu) / mu;
  if (!(Math.abs(d) < 0.1)) return y * Math.log(y / mu) - (y - mu); // within about 40 eps
  // sum_k>=2 (-d)^k c_k, c_k = 1 / (k (k - 1)), by Horner in -d: 16 terms leave
  // 0.1^16 / 306 relative to the first, below double precision, and 9 terms 0.01^9 / 110
  const x = -d;
  const top = Math.abs(d) < 0.01 ? 8 : 15;
  let h = SERIES[top];
  for (let j = top - 1; j >= 0; j--) h = h * x + SERIES[j];
  return mu * d * d * h;
}

/** c_(j+2) = 1 / ((j + 2) (j + 1)), j = 0..15: the series of halfDevianceTerm. */
const SERIES = Float64Array.from({ length: 16 }, (_, j) => 1 / ((j + 2) * (j + 1)));

/**
 * Poisson deviance 2 sum [y ln(y/mu) - (y - mu)] (y ln y = 0 at y = 0), each row computed without
 * cancellation (see halfDevianceTerm).
 *
 * @example
 * ```ts
 * poissonDeviance([0, 2], [1, 2]); // 2
 * ```
 */
export function poissonDeviance(y: ArrayLike<number>, mu: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) d += halfDevianceTerm(y[i], mu[i]);
  return 2 * d;
}

/**
 * One weighted least-squares step: returns the fit and the unweighted FWL residual.
 *
 * @example
 * ```ts
 * const { fit, e } = wlsStep(zt, xt, mu, ["x"], false);
 * ```
 */
export function wlsStep(
  zt: Float64Array,
  xt: Float64Array[],
  w: Float64Array,
  names: string[],
  intercept: boolean,
): { fit: LsqFit; e: Float64Array } {
  const n = zt.length;
  const sw = w.map(Math.sqrt);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) ys[i] = zt[i] * sw[i];
  const cols = xt.map((x) => {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = x[i] * sw[i];
    return c;
  });
  if (intercept) cols.unshift(sw);
  const fit = lsq({ y: ys, columns: cols, intercept: false, names, refine: "auto" });
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) e[i] = (fit.residuals[i] * fit.yScale) / sw[i];
  return { fit, e };
}

/**
 * Working dependent z = eta + (y - mu) / mu.
 *
 * @example
 * ```ts
 * working(y, eta, mu);
 * ```
 */
export function working(y: Float64Array, eta: Float64Array, mu: Float64Array): Float64Array {
  const z = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) z[i] = eta[i] + (y[i] - mu[i]) / mu[i];
  return z;
}

/**
 * The start of the IRLS, as statsmodels GLM: mu = (y + mean(y)) / 2.
 *
 * @example
 * ```ts
 * startingMu(Float64Array.from([0, 2])); // [0.5, 1.5]
 * ```
 */
export function startingMu(y: Float64Array): Float64Array {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  return y.map((v) => (v + mean) / 2);
}

/**
 * The Poisson deviance at mu; an InputError when it is not finite (the IRLS diverged).
 *
 * @example
 * ```ts
 * devianceAt(y, mu, 3);
 * ```
 */
export function devianceAt(y: Float64Array, mu: Float64Array, iter: number): number {
  const d = poissonDeviance(y, mu);
  if (!Number.isFinite(d)) {
    throw new InputError(`PPML diverged at iteration ${iter} (deviance ${d}); check separation`);
  }
  return d;
}

/**
 * The error of an IRLS that did not settle within its iteration limit.
 *
 * @example
 * ```ts
 * throw notConverging(100, 1e-8, 1e-10);
 * ```
 */
export function notConverging(maxIter: number, change: number, tol: number): InputError {
  return new InputError(
    `PPML did not converge in ${maxIter} iterations (last relative deviance change ` +
      `${change.toExponential(2)} > tolerance ${tol}); raise the iteration limit or check the data`,
  );
}
