/**
 * Poisson pseudo-maximum likelihood (Santos Silva and Tenreyro 2006) by iteratively reweighted
 * least squares, with fixed effects absorbed by weighted alternating projections (as ppmlhdfe):
 * each iteration demeans the working dependent and the regressors with weights mu, warm-started
 * from the previous iteration's demeaned columns (valid because the projection annihilates any
 * fixed-effect component), and solves the weighted least squares with the QR core.
 * @module
 */
import { InputError } from "../../errors.ts";
import { demean, type FeDimension } from "./fe.ts";
import { lsq, type LsqFit } from "../linear/lsq.ts";

/** Options of {@link ppmlIrls}. */
export interface PpmlOptions {
  /** Convergence: |deviance change| / max(deviance, 0.1) below this (default 1e-10). */
  tolerance?: number;
  /** Iterations before giving up with an InputError (default 100). */
  maxIterations?: number;
  /** Fit an intercept (only without fixed effects; default true then). */
  intercept?: boolean;
  /** Tolerance of the alternating projections (default 1e-13 relative). */
  feTolerance?: number;
  /** Called after each iteration with a one-line report (for progress on stderr). */
  progress?: (line: string) => void;
  /** Added to the linear predictor with coefficient 1 (one value per row). */
  offset?: Float64Array;
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
  /** Demeaned (unweighted) regressors of the last iteration, for the sandwich. */
  xTilde: Float64Array[];
  iterations: number;
  deviance: number;
  tolerance: number;
  converged: true;
  /** Alternating-projection sweeps of the last iteration. */
  feSweeps: number;
}

/**
 * One row's half deviance y ln(y/mu) - (y - mu) = mu h(d), d = (y - mu) / mu,
 * h(d) = (1 + d) ln(1 + d) - d, by its series sum_k>=2 (-d)^k / (k (k - 1)) when |d| < 0.1: the
 * textbook formula rounds ln(y/mu) to an absolute eps, an error of y eps per row, which swamps the
 * row's deviance (about mu d^2 / 2) on data that fit closely. Further out (and when y/mu under-
 * or overflows) the textbook formula is accurate and is used.
 */
function halfDevianceTerm(y: number, mu: number): number {
  if (y <= 0) return mu;
  const d = (y - mu) / mu;
  if (!(Math.abs(d) < 0.1)) return y * Math.log(y / mu) - (y - mu); // within about 40 eps
  let h = 0;
  let p = -d;
  for (let k = 2; k < 40; k++) {
    p *= -d;
    const t = p / (k * (k - 1));
    h += t;
    if (Math.abs(t) <= 1e-17 * Math.abs(h)) break;
  }
  return mu * h;
}

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

/** One weighted least-squares step: returns the fit and the unweighted FWL residual. */
function wlsStep(
  zt: Float64Array,
  xt: Float64Array[],
  w: Float64Array,
  names: string[],
  intercept: boolean,
) {
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

/** Working dependent z = eta + (y - mu) / mu. */
function working(y: Float64Array, eta: Float64Array, mu: Float64Array): Float64Array {
  const z = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) z[i] = eta[i] + (y[i] - mu[i]) / mu[i];
  return z;
}

/**
 * PPML of y (>= 0, zeros kept) on the columns, absorbing the fixed-effect dimensions. Rows must
 * be complete and free of separation (see separation.ts). Failure to converge within
 * `maxIterations` is a one-line InputError with the last deviance change.
 *
 * @example
 * ```ts
 * const r = ppmlIrls(Float64Array.from([0, 1, 3, 7]), [Float64Array.from([0, 1, 2, 3])], ["x"], []);
 * r.fit.b; // slope in scaled units
 * ```
 */
export function ppmlIrls(
  y: Float64Array,
  columns: Float64Array[],
  names: string[],
  fe: FeDimension[],
  options: PpmlOptions = {},
): PpmlFit {
  const tol = options.tolerance ?? 1e-10;
  const maxIter = options.maxIterations ?? 100;
  const intercept = fe.length === 0 && (options.intercept ?? true);
  const allNames = intercept ? ["(Intercept)", ...names] : names;
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  const mu = y.map((v) => (v + mean) / 2);
  const eta = mu.map(Math.log);
  let dev = poissonDeviance(y, mu);
  // warm-started demeaned columns and the fixed-effect part of z (z - zt); an offset is taken
  // off the working dependent once, here (zt only ever moves by z - zPrev), and eta = z - e
  // puts it back
  const xt = columns.map((c) => Float64Array.from(c));
  const start = () => options.offset ? options.offset.map((v) => -v) : new Float64Array(n);
  let zt: Float64Array = start();
  let zPrev: Float64Array = new Float64Array(n);
  let change = Infinity;
  let polish = false;
  // inner (demeaning) tolerance: loose while the deviance still moves, tightened to the target
  // as it settles (as ppmlhdfe); convergence is only declared at the target
  const target = options.feTolerance ?? 1e-13;
  let inner = Math.max(target, 1e-4);
  for (let iter = 1; iter <= maxIter + 1; iter++) {
    const z = working(y, eta, mu);
    const w = Float64Array.from(mu);
    for (let i = 0; i < n; i++) zt[i] += z[i] - zPrev[i];
    const sweeps = fe.length
      ? demean([zt, ...xt], fe, w, { tolerance: polish ? target : inner })
      : 0;
    const { fit, e } = wlsStep(zt, xt, w, allNames, intercept);
    for (let i = 0; i < n; i++) {
      eta[i] = z[i] - e[i];
      mu[i] = Math.exp(eta[i]);
    }
    const next = poissonDeviance(y, mu);
    if (!Number.isFinite(next)) {
      throw new InputError(
        `PPML diverged at iteration ${iter} (deviance ${next}); check separation`,
      );
    }
    change = Math.abs(next - dev) / Math.max(Math.abs(next), 0.1);
    const settled = change < tol;
    options.progress?.(
      `PPML iteration ${iter}: deviance ${next.toPrecision(8)}, change ${change.toExponential(2)}` +
        (fe.length ? `, ${sweeps} projection sweeps` : ""),
    );
    dev = next;
    zPrev = z;
    if (polish) {
      return {
        fit,
        names: allNames,
        mu,
        eta,
        weights: w,
        xTilde: xt,
        iterations: iter,
        deviance: dev,
        tolerance: tol,
        converged: true,
        feSweeps: sweeps,
      };
    }
    // converged once settled with the projections at their target accuracy (no projections
    // without fixed effects; with them, a settled deviance at a looser inner tolerance sets the
    // target and asks for one more settled step). Then one more step (quadratic convergence
    // squares the error), whose weights are the converged mu, so that the covariance is
    // evaluated there.
    if (settled && (fe.length === 0 || inner <= target)) polish = true;
    else if (iter === maxIter) break;
    inner = settled ? target : Math.max(target, Math.min(inner, 0.1 * change));
    if (fe.length === 0) {
      zt = start();
      zPrev = new Float64Array(n);
    }
  }
  throw new InputError(
    `PPML did not converge in ${maxIter} iterations (last relative deviance change ` +
      `${change.toExponential(2)} > tolerance ${tol}); raise the iteration limit or check the data`,
  );
}
