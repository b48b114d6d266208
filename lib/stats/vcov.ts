/**
 * Inference from what an estimator returns: the triangular factor R of the (weighted, scaled)
 * design, so that the bread (X'WX)^-1 = R^-1 R^-T, and score rows x_i e_i. Classical, HC0-HC3
 * and one- or two-way clustered covariances are built from R^-1 by triangular solves (no generic
 * inverse), then coefficient tables with t (or normal) inference. The cluster pieces (score sums
 * per cluster, the outer-product meat, CR1's factor) are shared with the dense-design
 * covariances of vcov_dense.ts.
 * @module
 */
import jStat from "jstat";
import { InputError } from "../errors.ts";
import { chiSquareUpperP, tQuantile, tTwoSidedP } from "./distributions.ts";
import {
  ddAddProduct,
  invertUpper,
  solveUpper,
  solveUpperTransposed,
  type TriFactor,
} from "./qr.ts";
import type { Coefficient } from "./types.ts";

/**
 * Score rows for a sandwich: `load(t, x)` writes the design row t (as factored into R, scaled)
 * into x and returns its score residual e_t (the score is x * e_t).
 */
export interface ScoreRows {
  n: number;
  load: (t: number, x: Float64Array) => number;
}

/**
 * (X'X)^-1 = R^-1 R^-T (k x k, row-major).
 *
 * @example
 * ```ts
 * bread({ p: 1, r: new Float64Array([2]) }); // Float64Array [0.25]
 * ```
 */
export function bread(R: TriFactor): Float64Array {
  const k = R.p;
  const rInv = invertUpper(R);
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let c = a; c < k; c++) {
      let s = 0;
      for (let t = Math.max(a, c); t < k; t++) s += rInv.r[a * k + t] * rInv.r[c * k + t];
      out[a * k + c] = s;
      out[c * k + a] = s;
    }
  }
  return out;
}

/**
 * cov = R^-1 M R^-T by triangular solves: T = R^-1 M, cov = R^-1 T' (M symmetric).
 *
 * @example
 * ```ts
 * sandwich({ p: 1, r: new Float64Array([2]) }, new Float64Array([4])); // Float64Array [1]
 * ```
 */
export function sandwich(R: TriFactor, meat: Float64Array): Float64Array {
  const k = R.p;
  const tmp = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    const col = solveUpper(R, Array.from({ length: k }, (_, a) => meat[a * k + c]));
    for (let a = 0; a < k; a++) tmp[c * k + a] = col[a]; // tmp = T' (row c = column c of T)
  }
  const cov = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    const col = solveUpper(R, Array.from({ length: k }, (_, a) => tmp[a * k + c]));
    for (let a = 0; a < k; a++) cov[a * k + c] = col[a];
  }
  return cov;
}

/**
 * Heteroskedasticity-robust meat in the rotated basis q_i = R^-T x_i (so the sandwich needs no
 * (X'X)^-1): sum_i w_i q_i q_i' with w_i = e_i^2 (HC0/HC1), e_i^2/(1-h_i) (HC2) or
 * e_i^2/(1-h_i)^2 (HC3), h_i = ||q_i||^2 (the leverage; only meaningful when R factors the
 * whole design). HC1's n/(n-k) is applied by the caller.
 *
 * @example
 * ```ts
 * hcMeat(R, { n, load }, "hc0");
 * ```
 */
export function hcMeat(R: TriFactor, s: ScoreRows, kind: "hc0" | "hc2" | "hc3"): Float64Array {
  const k = R.p;
  const meat = new Float64Array(k * k);
  const x = new Float64Array(k);
  const qi = new Float64Array(k);
  for (let t = 0; t < s.n; t++) {
    const e = s.load(t, x);
    let h = 0;
    for (let a = 0; a < k; a++) {
      // forward substitution R' q = x, in place of allocating per row
      let v = x[a];
      for (let c = 0; c < a; c++) v -= R.r[c * k + a] * qi[c];
      qi[a] = v / R.r[a * k + a];
      h += qi[a] * qi[a];
    }
    const e2 = e * e;
    const w = kind === "hc2" ? e2 / (1 - h) : kind === "hc3" ? e2 / ((1 - h) * (1 - h)) : e2;
    for (let a = 0; a < k; a++) {
      const wa = w * qi[a];
      for (let c = 0; c <= a; c++) meat[a * k + c] += wa * qi[c];
    }
  }
  for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) meat[c * k + a] = meat[a * k + c];
  return meat;
}

/**
 * Per-cluster score sums s_g = X_g' e_g = sum over the rows t of cluster g of x_t e_t, one
 * vector per cluster in first-seen order. `compensated` (default) accumulates in double-double
 * (per-cluster sums cancel heavily) and rounds once; false adds plainly in row order.
 *
 * @example
 * ```ts
 * clusterScoreSums({ n: 2, load: (t, x) => (x[0] = 1, t + 1) }, 1, () => "g"); // [Float64Array [3]]
 * ```
 */
export function clusterScoreSums(
  s: ScoreRows,
  k: number,
  label: (t: number) => string | number,
  compensated = true,
): Float64Array[] {
  const x = new Float64Array(k);
  const width = compensated ? 2 * k : k;
  const sums = new Map<string | number, Float64Array>();
  for (let t = 0; t < s.n; t++) {
    const e = s.load(t, x);
    const key = label(t);
    let u = sums.get(key);
    if (!u) sums.set(key, u = new Float64Array(width));
    if (compensated) {
      for (let a = 0; a < k; a++) ddAddProduct(u.subarray(2 * a, 2 * a + 2), x[a], e);
    } else {
      for (let a = 0; a < k; a++) u[a] += x[a] * e;
    }
  }
  if (!compensated) return [...sums.values()];
  return [...sums.values()].map((u) =>
    Float64Array.from({ length: k }, (_, a) => u[2 * a] + u[2 * a + 1])
  );
}

/**
 * The sum of outer products sum_g v_g v_g' of a list of k-vectors (k x k, row-major), each
 * vector first mapped by `rotate` when given (e.g. u = R^-T s).
 *
 * @example
 * ```ts
 * outerSum([new Float64Array([1, 2])], 2); // Float64Array [1, 2, 2, 4]
 * ```
 */
export function outerSum(
  vectors: Float64Array[],
  k: number,
  rotate?: (v: Float64Array) => ArrayLike<number>,
): Float64Array {
  const meat = new Float64Array(k * k);
  for (const v of vectors) {
    const u = rotate ? rotate(v) : v;
    for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) meat[a * k + c] += u[a] * u[c];
  }
  return meat;
}

/**
 * CR1's small-sample factor G/(G-1) x (n-1)/(n-k) (Stata's and statsmodels' one-way cluster
 * correction); refuses fewer than 2 clusters with a one-line InputError.
 *
 * @example
 * ```ts
 * cr1Factor(3, 4, 2); // 1.5 x 1.5 = 2.25
 * ```
 */
export function cr1Factor(clusters: number, n: number, k: number): number {
  if (clusters < 2) {
    throw new InputError(`cluster-robust SEs need at least 2 clusters, got ${clusters}`);
  }
  return (clusters / (clusters - 1)) * ((n - 1) / (n - k));
}

/**
 * Cluster meat sum_g u_g u_g' with u_g = R^-T s_g and s_g = X_g' e_g accumulated in
 * double-double ({@link clusterScoreSums}). No small-sample factor; returns G too.
 *
 * @example
 * ```ts
 * const { meat, clusters } = clusterMeat(R, scores, labelOfRow);
 * ```
 */
export function clusterMeat(
  R: TriFactor,
  s: ScoreRows,
  label: (t: number) => string | number,
): { meat: Float64Array; clusters: number } {
  const sums = clusterScoreSums(s, R.p, label);
  const meat = outerSum(sums, R.p, (sg) => solveUpperTransposed(R, sg));
  return { meat, clusters: sums.length };
}

/**
 * Clustered covariance, one- or two-way (Cameron-Gelbach-Miller: V1 + V2 - V12). Each term gets
 * its own factor G/(G-1) x (n-1)/(n-kDf) ({@link cr1Factor}: statsmodels' convention, Stata's
 * CR1 for one way). Returns the covariance (scaled units) and the smallest number of clusters
 * (the t df is G-1).
 *
 * @example
 * ```ts
 * clusteredCov(R, scores, [labelsA], n, k);
 * ```
 */
export function clusteredCov(
  R: TriFactor,
  s: ScoreRows,
  labels: ((t: number) => string | number)[],
  n: number,
  kDf: number,
): { cov: Float64Array; clusters: number[] } {
  const parts: { label: (t: number) => string | number; sign: number }[] = labels.map((l) => ({
    label: l,
    sign: 1,
  }));
  if (labels.length === 2) {
    const [a, b] = labels;
    parts.push({ label: (t) => `${a(t)}\u0000${b(t)}`, sign: -1 });
  } else if (labels.length !== 1) throw new InputError("clustering takes one or two dimensions");
  const k = R.p;
  const meat = new Float64Array(k * k);
  const clusters: number[] = [];
  for (const part of parts) {
    const m = clusterMeat(R, s, part.label);
    if (part.sign > 0) clusters.push(m.clusters);
    // (the interaction of two clusterings has at least as many clusters as either: never < 2)
    const factor = cr1Factor(m.clusters, n, kDf);
    for (let a = 0; a < meat.length; a++) meat[a] += part.sign * factor * m.meat[a];
  }
  return { cov: sandwich(R, meat), clusters };
}

/**
 * Two-sided p-value of a statistic: Student t with `df`, or standard normal when df is
 * Infinity (z tests, as GLM / PPML report).
 *
 * @example
 * ```ts
 * twoSidedP(1.959963984540054, Infinity); // ≈ 0.05
 * ```
 */
export function twoSidedP(t: number, df: number): number {
  if (df === Infinity) {
    if (!Number.isFinite(t)) return Number.isNaN(t) ? NaN : 0;
    // P(|Z| > t) = P(chi2_1 > t^2): the regularized gamma keeps the far tail (jstat's erfc is
    // off by 2% at t = 8)
    return chiSquareUpperP(t * t, 1);
  }
  return tTwoSidedP(t, df);
}

/**
 * Critical value for a two-sided interval at `level` (t with df, or normal).
 *
 * @example
 * ```ts
 * criticalValue(0.95, Infinity); // ≈ 1.959964
 * ```
 */
export function criticalValue(level: number, df: number): number {
  if (df === Infinity) return jStat.normal.inv(1 - (1 - level) / 2, 0, 1);
  return tQuantile(1 - (1 - level) / 2, df);
}

/**
 * Coefficient rows (estimate, SE, t, p, interval) from estimates and a covariance, both in
 * original units.
 *
 * @example
 * ```ts
 * coefficientRows(["x"], [2], new Float64Array([0.25]), 10, 0.95)[0].t; // 4
 * ```
 */
export function coefficientRows(
  terms: string[],
  estimates: ArrayLike<number>,
  cov: ArrayLike<number>,
  df: number,
  level: number,
): Coefficient[] {
  const k = terms.length;
  const crit = criticalValue(level, df);
  return terms.map((term, a) => {
    const estimate = estimates[a];
    const stdError = Math.sqrt(cov[a * k + a]);
    const t = estimate / stdError;
    return {
      term,
      estimate,
      stdError,
      t,
      p: twoSidedP(t, df),
      ciLower: estimate - crit * stdError,
      ciUpper: estimate + crit * stdError,
    };
  });
}
