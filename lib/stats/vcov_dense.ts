/**
 * Coefficient covariances from a dense design (rows of numbers) and what a fit left behind
 * (residuals, or y and the fitted means), for callers that hold the design rather than an
 * estimator's triangular factor: least squares (classical, HC1, CR1) and PPML (CR1), as one
 * sandwich bread x meat x bread with bread = (X'WX)^-1 (W = 1, or diag(mu) for PPML).
 *
 * The cluster score sums, the outer-product meat and CR1's factor are vcov.ts's (shared with the
 * QR-based covariances of the estimators); here the sums are plain (not double-double) and the
 * bread is ml-matrix's LU inverse of X'WX, so that the K intervals built on these matrices stay
 * what they were, bit for bit. Inference is t(n - k), t(G - 1) when clustered, normal for PPML.
 * @module
 */
import { inverse, Matrix } from "ml-matrix";
import { InputError } from "../errors.ts";
import { clusterScoreSums, cr1Factor, outerSum, type ScoreRows } from "./vcov.ts";

/** The covariance types of {@link olsCovariance} (cluster = CR1). */
export type DenseSe = "classical" | "hc1" | "cluster";

/** A coefficient covariance with the degrees of freedom its inference uses. */
export interface CoefficientCovariance {
  /** k x k, in the order of the design columns. */
  matrix: number[][];
  /** Degrees of freedom of the t reference (n - k; G - 1 when clustered; Infinity: normal). */
  df: number;
  se: DenseSe;
  /** Clusters when se is "cluster". */
  clusters?: number;
}

/** Score rows of a dense design: row t of `x` with the score residual e[t]. */
function denseScores(x: number[][], e: (t: number) => number): ScoreRows {
  return {
    n: x.length,
    load: (t, out) => {
      out.set(x[t]);
      return e(t);
    },
  };
}

/**
 * (X'WX)^-1 by ml-matrix's inverse of the cross-product, W = diag(w) (or the identity without
 * `w`); X'WX is accumulated row by row, the weight times x_a first.
 *
 * @example
 * ```ts
 * crossProductInverse([[1], [1]]).get(0, 0); // 0.5
 * ```
 */
export function crossProductInverse(x: number[][], w?: ArrayLike<number>): Matrix {
  const k = x[0]?.length ?? 0;
  const xtx = Matrix.zeros(k, k);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    for (let a = 0; a < k; a++) {
      const wa = w ? w[i] * xi[a] : xi[a];
      for (let c = a; c < k; c++) xtx.set(a, c, xtx.get(a, c) + wa * xi[c]);
    }
  }
  for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) xtx.set(a, c, xtx.get(c, a));
  return inverse(xtx);
}

/**
 * White's heteroskedasticity-robust meat sum_i e_i^2 x_i x_i' (k x k, row-major), no
 * small-sample factor.
 *
 * @example
 * ```ts
 * denseHcMeat([[1, 2]], [3]); // Float64Array [9, 18, 18, 36]
 * ```
 */
export function denseHcMeat(x: number[][], e: ArrayLike<number>): Float64Array {
  const k = x[0]?.length ?? 0;
  const meat = new Float64Array(k * k);
  for (let i = 0; i < x.length; i++) {
    const e2 = e[i] ** 2;
    for (let a = 0; a < k; a++) {
      for (let c = 0; c < k; c++) meat[a * k + c] += e2 * x[i][a] * x[i][c];
    }
  }
  return meat;
}

/**
 * The CR1 cluster meat G/(G-1) (n-1)/(n-k) sum_g s_g s_g' with s_g = sum over cluster g of
 * x_i e_i (plain sums; {@link clusterScoreSums}, {@link cr1Factor}); refuses one cluster.
 *
 * @example
 * ```ts
 * denseClusterMeat([[1], [1], [1]], [1, -1, 2], ["a", "a", "b"]).clusters; // 2
 * ```
 */
export function denseClusterMeat(
  x: number[][],
  e: ArrayLike<number>,
  cluster: ArrayLike<string | number>,
): { meat: Float64Array; clusters: number } {
  const n = x.length;
  const k = x[0]?.length ?? 0;
  const sums = clusterScoreSums(denseScores(x, (t) => e[t]), k, (t) => cluster[t], false);
  const factor = cr1Factor(sums.length, n, k);
  const meat = outerSum(sums, k);
  for (let a = 0; a < meat.length; a++) meat[a] *= factor;
  return { meat, clusters: sums.length };
}

/**
 * bread x meat x bread, made exactly symmetric ((V + V') / 2), as rows.
 *
 * @example
 * ```ts
 * denseSandwich(new Matrix([[0.5]]), new Float64Array([4])); // [[1]]
 * ```
 */
export function denseSandwich(bread: Matrix, meat: Float64Array): number[][] {
  const k = bread.rows;
  const m = new Matrix(k, k);
  for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) m.set(a, c, meat[a * k + c]);
  const v = bread.mmul(m).mmul(bread);
  return v.add(v.transpose()).mul(0.5).to2DArray();
}

/**
 * The least-squares coefficient covariance from the design and the residuals: classical
 * s^2 (X'X)^-1, HC1, or CR1 clustered (Stata's G/(G-1) (n-1)/(n-k)), as `ols` reports in its
 * standard errors (the diagonal agrees with them; tested).
 *
 * @example
 * ```ts
 * const v = olsCovariance([[1, 0], [1, 1], [1, 2]], [0.1, -0.2, 0.1], { se: "classical" });
 * v.df; // 1
 * ```
 */
export function olsCovariance(
  x: number[][],
  residuals: ArrayLike<number>,
  options: { se: DenseSe; cluster?: ArrayLike<string | number> },
): CoefficientCovariance {
  const n = x.length;
  const k = x[0]?.length ?? 0;
  if (n <= k) throw new InputError(`covariance: ${n} rows for ${k} coefficients`);
  const bread = crossProductInverse(x);
  if (options.se === "classical") {
    let rss = 0;
    for (let i = 0; i < n; i++) rss += residuals[i] ** 2;
    return { matrix: bread.mul(rss / (n - k)).to2DArray(), df: n - k, se: "classical" };
  }
  if (options.se === "hc1") {
    const meat = denseHcMeat(x, residuals);
    for (let a = 0; a < meat.length; a++) meat[a] *= n / (n - k);
    return { matrix: denseSandwich(bread, meat), df: n - k, se: "hc1" };
  }
  if (!options.cluster) throw new InputError(`covariance "cluster" needs cluster labels`);
  const { meat, clusters } = denseClusterMeat(x, residuals, options.cluster);
  return { matrix: denseSandwich(bread, meat), df: clusters - 1, se: "cluster", clusters };
}

/**
 * The PPML (Poisson pseudo-maximum-likelihood) coefficient covariance from the design, the
 * dependent variable and the fitted means: the sandwich (X'MX)^-1 (sum_g s_g s_g') (X'MX)^-1 with
 * M = diag(mu) and scores s_g = sum over cluster g of x_i (y_i - mu_i), times
 * G/(G-1) (n-1)/(n-k) (CR1, as Stata and statsmodels); inference is normal (df Infinity).
 *
 * @example
 * ```ts
 * const v = ppmlCovariance(x, y, mu, partners); // v.df === Infinity
 * ```
 */
export function ppmlCovariance(
  x: number[][],
  y: ArrayLike<number>,
  mu: ArrayLike<number>,
  cluster: ArrayLike<string | number>,
): CoefficientCovariance {
  const e = Array.from({ length: x.length }, (_, i) => y[i] - mu[i]);
  const { meat, clusters } = denseClusterMeat(x, e, cluster);
  const bread = crossProductInverse(x, mu);
  return { matrix: denseSandwich(bread, meat), df: Infinity, se: "cluster", clusters };
}

/**
 * The covariance with the correlations of `v` and the standard errors `se`:
 * v_ac se_a se_c / sqrt(v_aa v_cc) (e.g. a sandwich's correlation structure under an
 * estimator's own SEs).
 *
 * @example
 * ```ts
 * rescaleCovariance([[4, 2], [2, 4]], [1, 3]); // [[1, 1.5], [1.5, 9]]
 * ```
 */
export function rescaleCovariance(v: number[][], se: number[]): number[][] {
  const d = se.map((s, a) => s / Math.sqrt(v[a][a]));
  return v.map((r, a) => r.map((c, j) => c * d[a] * d[j]));
}
