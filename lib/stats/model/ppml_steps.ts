/**
 * The start and the Newton step of PPML with absorbed fixed effects (ppml_fe.ts): the fixed
 * effects alone fitted to y by iterative proportional fitting, and the slopes' step from the
 * normal equations of the demeaned columns.
 * @module
 */
import type { FeDimension } from "./fe.ts";
import { halfDevianceTerm } from "./poisson.ts";

/** What {@link proportionalFit} returns. */
export interface ProportionalFit {
  /** mu = exp(sum of the fixed effects) per row. */
  mu: Float64Array;
  sweeps: number;
  /** Largest |ln(observed / fitted total)| over the levels at the last sweep. */
  gap: number;
}

/**
 * The Poisson fit of the fixed effects alone (b = 0) by iterative proportional fitting: each
 * sweep scales every dimension's levels in turn so that their fitted totals equal the observed
 * ones, until the largest log ratio is below `tolerance` or after `maxSweeps` (a start, not an
 * answer: any positive mu of that form starts the IRLS). Levels whose total is zero (which
 * feSeparation removes) keep the overall mean.
 *
 * @example
 * ```ts
 * proportionalFit(Float64Array.from([1, 3, 2, 2]), [encodeFactor("g", [["a", "a", "b", "b"]])], 10, 1e-8).mu;
 * // [2, 2, 2, 2]
 * ```
 */
export function proportionalFit(
  y: Float64Array,
  fe: FeDimension[],
  maxSweeps: number,
  tolerance: number,
): ProportionalFit {
  const n = y.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += y[i];
  const mu = new Float64Array(n).fill(total / n);
  const observed = fe.map((d) => {
    const s = new Float64Array(d.levels);
    for (let i = 0; i < n; i++) s[d.codes[i]] += y[i];
    return s;
  });
  let gap = Infinity, sweeps = 0;
  while (sweeps < maxSweeps && !(gap < tolerance)) {
    sweeps++;
    gap = 0;
    fe.forEach((d, k) => {
      const c = d.codes, s = new Float64Array(d.levels);
      for (let i = 0; i < n; i++) s[c[i]] += mu[i];
      for (let l = 0; l < s.length; l++) {
        const f = observed[k][l] > 0 && s[l] > 0 ? observed[k][l] / s[l] : 1;
        gap = Math.max(gap, Math.abs(Math.log(f)));
        s[l] = f;
      }
      for (let i = 0; i < n; i++) mu[i] *= s[c[i]];
    });
  }
  return { mu, sweeps, gap };
}

/**
 * The Newton step d of the slopes from the demeaned working residual r~ and regressors X~:
 * (X~' W X~) d = X~' W r~, solved by Cholesky after scaling to unit diagonal (one pass over the
 * over the rows, in cache-sized blocks); null when the matrix is not numerically positive definite (the caller uses the QR core).
 *
 * @example
 * ```ts
 * newtonStep(rt, [xt], mu); // Float64Array [d]
 * ```
 */
export function newtonStep(
  rt: Float64Array,
  xt: Float64Array[],
  w: Float64Array,
): Float64Array | null {
  const k = xt.length, n = rt.length;
  if (k === 0) return new Float64Array(0);
  const A = new Float64Array(k * k), rhs = new Float64Array(k);
  // blocks of rows small enough to stay in cache while every product is summed over them
  const B = 2048;
  const wx = new Float64Array(B);
  for (let lo = 0; lo < n; lo += B) {
    const hi = Math.min(n, lo + B);
    for (let a = 0; a < k; a++) {
      const xa = xt[a];
      for (let i = lo; i < hi; i++) wx[i - lo] = w[i] * xa[i];
      let s = 0;
      for (let i = lo; i < hi; i++) s += wx[i - lo] * rt[i];
      rhs[a] += s;
      for (let b = 0; b <= a; b++) {
        const xb = xt[b];
        let t = 0;
        for (let i = lo; i < hi; i++) t += wx[i - lo] * xb[i];
        A[a * k + b] += t;
      }
    }
  }
  const d = Array.from({ length: k }, (_, a) => A[a * k + a] > 0 ? 1 / Math.sqrt(A[a * k + a]) : 0);
  if (d.some((v) => v === 0)) return null;
  for (let a = 0; a < k; a++) {
    rhs[a] *= d[a];
    for (let b = 0; b <= a; b++) A[a * k + b] *= d[a] * d[b];
  }
  // A = L L' in place (lower triangle), then L u = rhs and L' v = u
  for (let j = 0; j < k; j++) {
    let s = A[j * k + j];
    for (let c = 0; c < j; c++) s -= A[j * k + c] ** 2;
    if (!(s > 1e-12)) return null;
    const l = Math.sqrt(s);
    A[j * k + j] = l;
    for (let r = j + 1; r < k; r++) {
      let t = A[r * k + j];
      for (let c = 0; c < j; c++) t -= A[r * k + c] * A[j * k + c];
      A[r * k + j] = t / l;
    }
  }
  const v = Float64Array.from(rhs);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < r; c++) v[r] -= A[r * k + c] * v[c];
    v[r] /= A[r * k + r];
  }
  for (let r = k - 1; r >= 0; r--) {
    for (let c = r + 1; c < k; c++) v[r] -= A[c * k + r] * v[c];
    v[r] /= A[r * k + r];
  }
  return v.map((x, a) => x * d[a]);
}

/**
 * The IRLS update in one pass over the rows: eta <- eta + (r - r~) + sum_t d_t x~_t (the working
 * dependent less the weighted least-squares residual), r = (y - w) / w the working residual at
 * the weights w (the mu the least squares were solved at), mu = exp(eta), and the Poisson
 * deviance at the new mu (returned; not finite when the IRLS diverges).
 *
 * @example
 * ```ts
 * const deviance = updateEta(eta, mu, y, w, rt, d, [xt1, xt2]);
 * ```
 */
export function updateEta(
  eta: Float64Array,
  mu: Float64Array,
  y: Float64Array,
  w: Float64Array,
  rt: Float64Array,
  d: ArrayLike<number>,
  xs: Float64Array[],
): number {
  const n = eta.length, k = xs.length;
  let dev = 0;
  for (let i = 0; i < n; i++) {
    let s = eta[i] + (y[i] - w[i]) / w[i] - rt[i];
    for (let t = 0; t < k; t++) s += d[t] * xs[t][i];
    eta[i] = s;
    const m = Math.exp(s);
    mu[i] = m;
    dev += halfDevianceTerm(y[i], m);
  }
  return 2 * dev;
}

/**
 * Sweeps of proportional fitting on the current fit: each dimension's levels scaled in turn so
 * that their fitted totals equal the observed ones (mu *= ratio, eta += ln ratio), which leaves
 * eta of the form X b + D a and only raises the likelihood. Returns the deviance after the last
 * sweep.
 *
 * @example
 * ```ts
 * const deviance = refitEffects(y, mu, eta, [exporterYear, importerYear], 2);
 * ```
 */
export function refitEffects(
  y: Float64Array,
  mu: Float64Array,
  eta: Float64Array,
  fe: FeDimension[],
  sweeps: number,
): number {
  const n = y.length;
  const observed = fe.map((d) => {
    const s = new Float64Array(d.levels);
    for (let i = 0; i < n; i++) s[d.codes[i]] += y[i];
    return s;
  });
  let dev = 0;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    fe.forEach((d, k) => {
      const c = d.codes, s = new Float64Array(d.levels), lg = new Float64Array(d.levels);
      for (let i = 0; i < n; i++) s[c[i]] += mu[i];
      for (let l = 0; l < s.length; l++) {
        const f = observed[k][l] > 0 && s[l] > 0 ? observed[k][l] / s[l] : 1;
        s[l] = f;
        lg[l] = Math.log(f);
      }
      const last = sweep === sweeps - 1 && k === fe.length - 1;
      for (let i = 0; i < n; i++) {
        const m = mu[i] * s[c[i]];
        mu[i] = m;
        eta[i] += lg[c[i]];
        if (last) dev += halfDevianceTerm(y[i], m);
      }
    });
  }
  return 2 * dev;
}
