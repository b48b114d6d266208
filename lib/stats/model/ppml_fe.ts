/**
 * PPML with absorbed fixed effects: IRLS whose weighted least squares are solved on columns
 * demeaned with weights mu (demean.ts, conjugate gradient).
 *
 * Start: the fixed effects alone fitted to y by iterative proportional fitting (every level's
 * fitted total equals its observed total), b = 0. The linear predictor is then always
 * eta = X b + D a, so the working dependent is z = X b + D a + r, r = (y - mu) / mu, and its
 * demeaned form is X~ b + r~: only r is projected afresh (to an accuracy relative to its own
 * size), and the regressors' projections start from the previous iteration's fixed-effect
 * coefficients (exact for any weights, X~ = X - D G for every G; as the weights settle they need
 * few iterations). Regressors the fixed effects absorb are found at the first projection and
 * omitted. The step is Newton's, by the normal equations (Cholesky with every pivot above 1e-12
 * of its column's weighted norm, so that the QR core would keep every column too; the QR core
 * otherwise); a step that raises the deviance is halved until it does not (glm2's safeguard: the
 * start is far from the answer when the regressors matter, and a full step from it can
 * overshoot); then one sweep of proportional fitting brings the fixed effects close to their
 * optimum given b. The inner tolerance starts at 1e-4 and follows 0.1 x the relative deviance
 * change, never loosening (as ppmlhdfe). Once the change is below the tolerance, a last step at
 * the target tolerance (the polish step, at the converged weights) projects the regressors only,
 * must settle too, and solves the final least squares by the QR core, whose factor the
 * covariance uses.
 * @module
 */
import type { FeDimension } from "./fe.ts";
import { absorb, notConverged, weightedNorms, zeroCollinear } from "./demean.ts";
import {
  devianceAt,
  halfDevianceTerm,
  notConverging,
  type PpmlFit,
  type PpmlOptions,
  wlsStep,
} from "./poisson.ts";
import { lsq } from "../linear/lsq.ts";
import { levelTotals, newtonStep, proportionalFit, refitEffects, updateEta } from "./ppml_steps.ts";

/**
 * Sweeps of the proportional fitting that starts the IRLS, and its tolerance (max |log ratio|):
 * a start, not an answer (with pair fixed effects 50 sweeps of the DOTS panel still left 1e-6 and
 * cost a third of the fit; 10 gave the same iterations).
 */
const START_SWEEPS = 10, START_TOLERANCE = 1e-8;
/**
 * Sweeps of proportional fitting after each step but the last (measured: 1 sweep took the
 * synthetic 800k panel from 8 to 6 iterations and the DOTS panel from 8 to 6; 2 or 5 sweeps saved
 * at most one more).
 */
const REFIT_SWEEPS = 1;

/**
 * Step halving (as R's glm2): while the deviance after the step is not finite or has risen by
 * more than `tol` relative, eta moves half way back along the step (at most 30 times; eta stays
 * of the form X b + D a). The step of each row is recomputed, as updateEta made it: c +
 * sum_t d_t x~_t, c the fixed effects' correction (none: null). Returns the deviance and the
 * step's factor.
 */
function halveStep(
  s: { eta: Float64Array; mu: Float64Array; y: Float64Array; c: Float64Array | null },
  d: ArrayLike<number>,
  xs: Float64Array[],
  dev: number,
  next: number,
  tol: number,
): { deviance: number; factor: number } {
  const { eta, mu, y, c } = s;
  let factor = 1;
  for (let h = 0; h < 30 && !(next - dev <= tol * Math.abs(dev)); h++) {
    const back = factor / 2;
    factor /= 2;
    let sum = 0;
    for (let i = 0; i < eta.length; i++) {
      let step = c ? c[i] : 0;
      for (let t = 0; t < xs.length; t++) step += d[t] * xs[t][i];
      const e = eta[i] - back * step;
      eta[i] = e;
      mu[i] = Math.exp(e);
      sum += halfDevianceTerm(y[i], mu[i]);
    }
    next = 2 * sum;
  }
  return { deviance: next, factor };
}

/**
 * The projections of one iteration, in place: the working residual (relative to its own size;
 * `withR`, else it is not projected) and the regressors (warm-started from `gamma`). Should a warm start fail (its coefficients can
 * drift along the redundant directions of three or more dimensions), the regressors are restored
 * and projected again from zero before the failure is reported.
 */
function project(
  cols: Float64Array[],
  fe: FeDimension[],
  w: Float64Array,
  tolerance: number,
  gamma: (Float64Array[] | null)[],
  options: PpmlOptions,
  names: string[],
  columns: Float64Array[],
  withR: boolean,
  y: Float64Array,
) {
  const run = (start: (Float64Array[] | null)[]) =>
    absorb(cols, fe, w, {
      tolerance,
      maxIterations: options.feMaxIterations,
      start: withR ? [null, ...start] : start,
      coefficients: true,
      // the working residual's projection is the Newton correction of the fixed effects: its
      // accuracy is relative to its own size (floored at the target x the column's norm)
      relative: withR ? [true] : [],
      floor: options.feTolerance ?? 1e-13,
    });
  let a = run(gamma);
  if (!a.converged && gamma.some((g) => g)) {
    // the working residual is (y - w) / w again, the regressors themselves
    if (withR) { for (let i = 0; i < y.length; i++) cols[0][i] = (y[i] - w[i]) / w[i]; }
    cols.slice(withR ? 1 : 0).forEach((x, j) => x.set(columns[j]));
    const first = a.iterations;
    a = run(gamma.map(() => null));
    a.iterations += first;
  }
  if (!a.converged) {
    throw notConverged(a, fe, {
      tolerance,
      maxIterations: options.feMaxIterations,
      names: [...(withR ? ["the working dependent"] : []), ...names.map((s) => `"${s}"`)],
    });
  }
  return a;
}

/** The converged fit as ppmlIrls returns it. */
function converged(
  fit: PpmlFit["fit"],
  names: string[],
  mu: Float64Array,
  eta: Float64Array,
  w: Float64Array,
  tol: number,
  last: { iterations: number; deviance: number; sweeps: number; total: number; level: number },
): PpmlFit {
  return {
    fit,
    names,
    mu,
    eta,
    weights: w,
    iterations: last.iterations,
    deviance: last.deviance,
    tolerance: tol,
    converged: true,
    feSweeps: last.sweeps,
    feSweepsTotal: last.total,
    feTolerance: last.level,
  };
}

/**
 * IRLS of PPML absorbing the fixed effects (called by ppmlIrls when there are any). An offset o
 * enters the start (exp(o) fitted to the level totals); every later update moves eta by X d or by
 * a level's constant, so eta = X b + D a + o throughout.
 *
 * @example
 * ```ts
 * const r = irlsWithFe(y, [lnDist], ["ln(dist)"], [exporterYear, importerYear], {});
 * ```
 */
export function irlsWithFe(
  y: Float64Array,
  columns: Float64Array[],
  names: string[],
  fe: FeDimension[],
  options: PpmlOptions,
): PpmlFit {
  const tol = options.tolerance ?? 1e-10;
  const maxIter = options.maxIterations ?? 100;
  const target = options.feTolerance ?? 1e-13;
  const n = y.length, k = columns.length;
  // work columns: the caller's spare ones first (their contents are overwritten before use)
  const spare = (options.scratch ?? []).filter((c) => c.length === n);
  const buffer = () => spare.pop() ?? new Float64Array(n);
  const start = proportionalFit(y, fe, START_SWEEPS, START_TOLERANCE, options.offset, buffer());
  const totals = levelTotals(y, fe);
  const mu = start.mu;
  const eta = buffer();
  for (let i = 0; i < n; i++) eta[i] = Math.log(mu[i]);
  let dev = devianceAt(y, mu, 0);
  options.progress?.(
    `PPML start: fixed effects fitted to the level totals in ${start.sweeps} sweeps ` +
      `(largest log ratio ${start.gap.toExponential(2)}), deviance ${dev.toPrecision(8)}`,
  );
  // regressors' fixed-effect coefficients (warm starts), the slopes b (original units, 0 for
  // omitted columns) and the columns the first QR kept
  let gamma: (Float64Array[] | null)[] = columns.map(() => null);
  const beta = new Float64Array(k);
  let kept: number[] = [];
  let change = Infinity, polish = false, inner = Math.max(target, 1e-4), total = 0;
  // buffers reused by every iteration (the last iteration's weights and X~ are returned)
  const w = buffer(), rt = buffer();
  const xt = columns.map(() => buffer());
  for (let iter = 1; iter <= maxIter + 1; iter++) {
    // the weights, and the working residual r = (y - mu) / mu to be projected
    for (let i = 0; i < n; i++) {
      const m = mu[i];
      w[i] = m;
      rt[i] = (y[i] - m) / m;
    }
    xt.forEach((x, j) => x.set(columns[j]));
    const level = polish ? target : inner;
    // the polish step projects the regressors only: with X~ W-orthogonal to the fixed effects,
    // X~' W r = X~' W r~, so the Newton step and the final least squares on X~ b + r give what
    // they give on X~ b + r~ (the fixed effects' own correction is below the tolerance by then)
    const a = project(
      polish ? xt : [rt, ...xt],
      fe,
      w,
      level,
      gamma,
      options,
      names,
      columns,
      !polish,
      y,
    );
    total += a.iterations;
    const alpha = polish ? null : a.coefficients![0];
    gamma = polish ? a.coefficients! : a.coefficients!.slice(1);
    // regressors the fixed effects absorb (found at the first projection) stay exact zeros,
    // left out of the Newton steps and omitted by the QR core at the end
    if (iter === 1) {
      const gone = zeroCollinear(xt, weightedNorms(columns, w), w);
      kept = columns.map((_, j) => j).filter((j) => !gone[j]);
    }
    for (let j = 0; j < k; j++) if (!kept.includes(j)) xt[j].fill(0);
    // the step d = b_new - b: Newton (the normal equations of every column at the first
    // iteration, of the kept ones after), or by QR on z~ = X~ b + r~ whenever the normal
    // equations are not numerically positive definite (the QR core finds collinear columns)
    let d = newtonStep(rt, kept.map((j) => xt[j]), w);
    let fit = null;
    if (!d) {
      const zt = Float64Array.from(rt);
      for (let j = 0; j < k; j++) if (beta[j] !== 0) addScaled(zt, beta[j], xt[j]);
      fit = wlsStep(zt, xt, w, names, false).fit;
      kept = fit.kept;
      d = new Float64Array(kept.length);
      kept.forEach((j, t) => (d![t] = (fit!.b[t] * fit!.yScale) / fit!.scale[j] - beta[j]));
      for (let j = 0; j < k; j++) if (!kept.includes(j)) beta[j] = 0;
    }
    const bBefore = Float64Array.from(beta);
    // the fixed effects' Newton correction r - r~ = D alpha, from the working residual's
    // coefficients (r - r~ itself cancels where mu << y), written over r~, which this iteration
    // reads no more; none in the polish step (its r~ is the final least squares')
    const c = alpha ? correction(rt, fe, alpha) : null;
    // eta <- z - e = eta + (r - r~) + X~ d, with e = z~ - X~ b_new, halved while it raises the
    // deviance
    const step = kept.map((j) => xt[j]);
    let next = updateEta(eta, mu, y, c, d, step);
    const halved = halveStep({ eta, mu, y, c }, d, step, dev, next, tol);
    next = halved.deviance;
    kept.forEach((j, t) => (beta[j] += d![t] * halved.factor));
    // one sweep of proportional fitting brings the fixed effects close to their optimum given b
    // (as the exact IPF + Newton method does fully): fewer iterations, each a little dearer
    if (!polish && Number.isFinite(next)) {
      next = refitEffects(y, mu, eta, fe, totals, REFIT_SWEEPS);
    }
    if (!Number.isFinite(next)) devianceAt(y, mu, iter);
    change = Math.abs(next - dev) / Math.max(Math.abs(next), 0.1);
    const settled = change < tol;
    options.progress?.(
      `PPML iteration ${iter}: deviance ${next.toPrecision(8)}, change ${change.toExponential(2)}` +
        `, fixed effects to ${level.toExponential(1)} in ${a.iterations} CG iterations` +
        (halved.factor < 1 ? `, step x ${halved.factor}` : ""),
    );
    dev = next;
    if (polish && settled) {
      const last = { iterations: iter, deviance: dev, sweeps: a.iterations, total, level };
      return converged(fit ?? finalFit(rt, xt, w, bBefore, names), names, mu, eta, w, tol, last);
    }
    // settled: one more step with the projections at the target (the polish step), which must
    // settle too; its weights are the converged mu, so the covariance is evaluated there
    if (settled) polish = true;
    else if (iter >= maxIter) break;
    inner = settled ? target : Math.max(target, Math.min(inner, 0.1 * change));
  }
  throw notConverging(maxIter, change, tol);
}

/**
 * The final weighted least squares by the QR core (the covariance reads its factor): z~ = X~ b +
 * r~ on X~, both times sqrt(w), formed in place of r~ and X~ (not read again).
 */
function finalFit(
  rt: Float64Array,
  xt: Float64Array[],
  w: Float64Array,
  b: Float64Array,
  names: string[],
) {
  for (let i = 0; i < rt.length; i++) {
    const s = Math.sqrt(w[i]);
    let z = rt[i];
    for (let j = 0; j < xt.length; j++) {
      z += b[j] * xt[j][i];
      xt[j][i] *= s;
    }
    rt[i] = z * s;
  }
  return lsq({ y: rt, columns: xt, intercept: false, names, refine: "auto" });
}

/** c = sum over the dimensions of each row's level coefficient (D alpha), into c (returned). */
function correction(c: Float64Array, fe: FeDimension[], alpha: Float64Array[]): Float64Array {
  c.fill(0);
  fe.forEach((d, k) => {
    const codes = d.codes, a = alpha[k];
    for (let i = 0; i < c.length; i++) c[i] += a[codes[i]];
  });
  return c;
}

/** v += c x. */
function addScaled(v: Float64Array, c: number, x: Float64Array): void {
  for (let i = 0; i < v.length; i++) v[i] += c * x[i];
}
