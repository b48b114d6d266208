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
 * feSeparation removes) keep the overall mean. mu is written into `out` when given (a column as
 * long as y, overwritten).
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
  offset?: Float64Array,
  out?: Float64Array,
): ProportionalFit {
  const n = y.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += y[i];
  const mu = (out ?? new Float64Array(n)).fill(total / n);
  if (offset) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.exp(offset[i]);
    for (let i = 0; i < n; i++) mu[i] = (Math.exp(offset[i]) * total) / s;
  }
  const observed = levelTotals(y, fe);
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

/** A shared column of zeros (the padding of a block), grown when a longer one is asked for. */
let ZEROS = new Float64Array(0);
const zeros = (n: number) =>
  (ZEROS.length >= n ? ZEROS : (ZEROS = new Float64Array(n))).subarray(0, n);

/** The sixteen sums sum_i w_i a_s[i] b_t[i] (s, t < 4) in one pass, at 4 s + t. */
function block4(w: Float64Array, a: Float64Array[], b: Float64Array[]): Float64Array {
  const a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
  const b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
  for (let i = 0; i < w.length; i++) {
    const wi = w[i];
    const p0 = wi * a0[i], p1 = wi * a1[i], p2 = wi * a2[i], p3 = wi * a3[i];
    const q0 = b0[i], q1 = b1[i], q2 = b2[i], q3 = b3[i];
    s00 += p0 * q0;
    s01 += p0 * q1;
    s02 += p0 * q2;
    s03 += p0 * q3;
    s10 += p1 * q0;
    s11 += p1 * q1;
    s12 += p1 * q2;
    s13 += p1 * q3;
    s20 += p2 * q0;
    s21 += p2 * q1;
    s22 += p2 * q2;
    s23 += p2 * q3;
    s30 += p3 * q0;
    s31 += p3 * q1;
    s32 += p3 * q2;
    s33 += p3 * q3;
  }
  return Float64Array.of(
    s00,
    s01,
    s02,
    s03,
    s10,
    s11,
    s12,
    s13,
    s20,
    s21,
    s22,
    s23,
    s30,
    s31,
    s32,
    s33,
  );
}

/**
 * The Newton step d of the slopes from the demeaned working residual r~ and regressors X~:
 * (X~' W X~) d = X~' W r~, solved by Cholesky after scaling to unit diagonal (one pass over the
 * over the rows per block of four columns); null when the matrix is not numerically positive definite (the caller uses the QR core).
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
  const k = xt.length;
  if (k === 0) return new Float64Array(0);
  // [X~ r~]' W [X~ r~] in 4 x 4 blocks, each summed in one pass with sixteen accumulators
  const cols = [...xt, rt], m = k + 1;
  const group = (g: number) => [0, 1, 2, 3].map((t) => cols[4 * g + t] ?? zeros(rt.length));
  const G = Math.ceil(m / 4);
  const full = new Float64Array(m * m);
  for (let g = 0; g < G; g++) {
    for (let h = g; h < G; h++) {
      const s = block4(w, group(h), group(g));
      for (let a = 0; a < 4; a++) {
        for (let b = 0; b < 4; b++) {
          const i = 4 * h + a, j = 4 * g + b;
          if (i < m && j < m) full[i * m + j] = full[j * m + i] = s[4 * a + b];
        }
      }
    }
  }
  const A = new Float64Array(k * k), rhs = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    rhs[a] = full[a * m + k];
    for (let b = 0; b < k; b++) A[a * k + b] = full[a * m + b];
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
 * The IRLS update in one pass over the rows: eta <- eta + c + sum_t d_t x~_t (the working
 * dependent less the weighted least-squares residual), c = r - r~ the fixed effects' Newton
 * correction D alpha (r = (y - w) / w the working residual at the weights w, r~ its projection),
 * mu = exp(eta), and the Poisson deviance at the new mu (returned; not finite when the IRLS
 * diverges). c is passed as the projection's coefficients give it, not as r - r~: where mu is
 * far below y, r and r~ are both about y / mu and their difference keeps few of its digits. c
 * null: no correction (the polish step).
 *
 * @example
 * ```ts
 * const deviance = updateEta(eta, mu, y, c, d, [xt1, xt2]);
 * ```
 */
export function updateEta(
  eta: Float64Array,
  mu: Float64Array,
  y: Float64Array,
  c: Float64Array | null,
  d: ArrayLike<number>,
  xs: Float64Array[],
): number {
  const n = eta.length, k = xs.length;
  let dev = 0;
  for (let i = 0; i < n; i++) {
    let s = c ? eta[i] + c[i] : eta[i];
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
 * sweep. `observed` holds each dimension's level totals of y (levelTotals).
 *
 * @example
 * ```ts
 * const deviance = refitEffects(y, mu, eta, dims, levelTotals(y, dims), 2);
 * ```
 */
export function refitEffects(
  y: Float64Array,
  mu: Float64Array,
  eta: Float64Array,
  fe: FeDimension[],
  observed: Float64Array[],
  sweeps: number,
): number {
  const n = y.length;
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

/**
 * The level totals of y in each dimension.
 *
 * @example
 * ```ts
 * levelTotals(Float64Array.from([1, 2, 3]), [encodeFactor("g", [["a", "b", "a"]])]); // [[4, 2]]
 * ```
 */
export function levelTotals(y: Float64Array, fe: FeDimension[]): Float64Array[] {
  return fe.map((d) => {
    const s = new Float64Array(d.levels);
    for (let i = 0; i < y.length; i++) s[d.codes[i]] += y[i];
    return s;
  });
}
