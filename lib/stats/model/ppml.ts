/**
 * Poisson pseudo-maximum likelihood (Santos Silva and Tenreyro 2006) by iteratively reweighted
 * least squares. Without fixed effects each iteration solves the weighted least squares with the
 * QR core; with them, ppml_fe.ts absorbs them (conjugate-gradient demeaning, warm starts and an
 * inner tolerance that tightens as the deviance settles, as ppmlhdfe).
 * @module
 */
import { InputError } from "../../errors.ts";
import type { FeDimension } from "./fe.ts";
import { irlsWithFe } from "./ppml_fe.ts";
import {
  devianceAt,
  notConverging,
  poissonDeviance,
  type PpmlFit,
  type PpmlOptions,
  startingMu,
  wlsStep,
  working,
} from "./poisson.ts";

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
  if (!(tol > 0)) {
    throw new InputError(
      `PPML tolerance must be a positive number (got ${tol}): the relative deviance change it ` +
        `is compared with is never below 0`,
    );
  }
  const feTol = options.feTolerance ?? 1e-13;
  if (!(feTol > 0)) {
    throw new InputError(`PPML fixed-effect tolerance must be a positive number (got ${feTol})`);
  }
  if (fe.length) return irlsWithFe(y, columns, names, fe, options);
  const maxIter = options.maxIterations ?? 100;
  const intercept = options.intercept ?? true;
  const allNames = intercept ? ["(Intercept)", ...names] : names;
  const n = y.length;
  const mu = startingMu(y);
  const eta = mu.map(Math.log);
  let dev = poissonDeviance(y, mu);
  let change = Infinity;
  let polish = false;
  for (let iter = 1; iter <= maxIter + 1; iter++) {
    const z = working(y, eta, mu);
    const w = Float64Array.from(mu);
    // with an offset o, eta = X b + o: the least squares fits z - o, and eta = z - e again
    const zo = options.offset ? z.map((v, i) => v - options.offset![i]) : z;
    const { fit, e } = wlsStep(zo, columns, w, allNames, intercept);
    for (let i = 0; i < n; i++) {
      eta[i] = z[i] - e[i];
      mu[i] = Math.exp(eta[i]);
    }
    const next = devianceAt(y, mu, iter);
    change = Math.abs(next - dev) / Math.max(Math.abs(next), 0.1);
    options.progress?.(
      `PPML iteration ${iter}: deviance ${next.toPrecision(8)}, change ${change.toExponential(2)}`,
    );
    dev = next;
    if (polish) {
      return {
        fit,
        names: allNames,
        mu,
        eta,
        weights: w,
        iterations: iter,
        deviance: dev,
        tolerance: tol,
        converged: true,
        feSweeps: 0,
        feSweepsTotal: 0,
        feTolerance: 0,
      };
    }
    // converged once settled; then one more step (quadratic convergence squares the error),
    // whose weights are the converged mu, so that the covariance is evaluated there
    if (change < tol) polish = true;
    else if (iter === maxIter) break;
  }
  throw notConverging(maxIter, change, tol);
}
