/**
 * Ordinary least squares with full inference (classical, HC0-HC3 and cluster-robust CR1 standard
 * errors), collinearity handling Stata-style, and NIST-grade accuracy.
 *
 * The layers: rows are selected here (listwise deletion), the least-squares core (lsq.ts) streams
 * the rows of [X y] through a Householder QR that keeps only R and refines the solution in
 * double-double arithmetic, and the covariances come from R^-1 (inference.ts). Normal equations
 * are never formed and no generic matrix inverse is taken.
 * @module
 */
import { InputError } from "../../errors.ts";
import { fUpperP } from "../distributions.ts";
import { bread, clusteredCov, coefficientRows, hcMeat, sandwich, type ScoreRows } from "../vcov.ts";
import { lsq, type LsqFit } from "./lsq.ts";
import { ddAddProduct } from "../qr.ts";
import type { NamedColumn, OlsOptions, OlsResult, SeType } from "../types.ts";

export { COLLINEARITY_TOLERANCE } from "./lsq.ts";

const SE_TYPES: readonly SeType[] = ["classical", "hc0", "hc1", "hc2", "hc3", "cluster"];

/**
 * Solve the symmetric positive-definite system A x = b (Cholesky; A is q x q row-major); NaN if
 * A is not PD.
 *
 * @example
 * ```ts
 * solveSpd(new Float64Array([4]), 1, new Float64Array([2])); // Float64Array [0.5]
 * ```
 */
export function solveSpd(a: Float64Array, q: number, b: Float64Array): Float64Array {
  const l = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * q + j];
      for (let t = 0; t < j; t++) s -= l[i * q + t] * l[j * q + t];
      if (i === j && !(s > 1e-12 * a[i * q + i])) return new Float64Array(q).fill(NaN); // not PD
      l[i * q + j] = i === j ? Math.sqrt(s) : s / l[j * q + j];
    }
  }
  const z = Float64Array.from(b);
  for (let i = 0; i < q; i++) {
    for (let t = 0; t < i; t++) z[i] -= l[i * q + t] * z[t];
    z[i] /= l[i * q + i];
  }
  for (let i = q - 1; i >= 0; i--) {
    for (let t = i + 1; t < q; t++) z[i] -= l[t * q + i] * z[t];
    z[i] /= l[i * q + i];
  }
  return z;
}

/** Check options and shapes; one-line InputErrors. */
function validate(y: ArrayLike<number>, columns: NamedColumn[], options: OlsOptions) {
  const se = options.se ?? "classical";
  const level = options.level ?? 0.95;
  if (!SE_TYPES.includes(se)) {
    throw new InputError(`unknown standard-error type "${se}" (use ${SE_TYPES.join(", ")})`);
  }
  if (!(level > 0 && level < 1)) {
    throw new InputError(`confidence level must be between 0 and 1, got ${level}`);
  }
  if (se === "cluster" && !options.cluster) {
    throw new InputError(`se "cluster" needs cluster labels`);
  }
  const N = y.length;
  for (const c of columns) {
    if (c.values.length !== N) {
      throw new InputError(`column "${c.name}" has ${c.values.length} values, y has ${N}`);
    }
  }
  if (options.cluster && options.cluster.length !== N) {
    throw new InputError(`cluster labels: ${options.cluster.length} values, y has ${N}`);
  }
  return { se, level, N };
}

/**
 * Rows complete in y, every column and (when used) the cluster label; non-finite values other
 * than NaN are InputErrors naming the column and row.
 *
 * @example
 * ```ts
 * usableRows([1, NaN, 2], [{ name: "x", values: [1, 2, 3] }]); // [0, 2]
 * ```
 */
export function usableRows(
  y: ArrayLike<number>,
  columns: NamedColumn[],
  cluster?: ArrayLike<string | number>,
): number[] {
  const rowsUsed: number[] = [];
  for (let i = 0; i < y.length; i++) {
    let ok = !Number.isNaN(y[i]);
    if (ok && !Number.isFinite(y[i])) throw new InputError(`y: row ${i + 1} is infinite`);
    for (let j = 0; ok && j < columns.length; j++) {
      const v = columns[j].values[i];
      if (Number.isNaN(v)) ok = false;
      else if (!Number.isFinite(v)) {
        throw new InputError(`column "${columns[j].name}": row ${i + 1} is infinite`);
      }
    }
    if (ok && cluster) {
      const g = cluster[i];
      if (g === "" || g === null || g === undefined || Number.isNaN(g)) ok = false;
    }
    if (ok) rowsUsed.push(i);
  }
  return rowsUsed;
}

/** RSS and total sum of squares (centered with an intercept), scaled units. */
function sumsOfSquares(y: ArrayLike<number>, fit: LsqFit, intercept: boolean) {
  const yInv = 1 / fit.yScale;
  let rss = 0;
  const ySum = new Float64Array(2);
  for (let t = 0; t < fit.n; t++) {
    rss += fit.residuals[t] * fit.residuals[t];
    ddAddProduct(ySum, y[fit.row(t)] * yInv, 1);
  }
  const yMean = (ySum[0] + ySum[1]) / fit.n;
  let tss = 0;
  for (let t = 0; t < fit.n; t++) {
    const v = y[fit.row(t)] * yInv;
    const dv = intercept ? v - yMean : v;
    tss += dv * dv;
  }
  return { rss, tss };
}

/**
 * Score rows of a least-squares fit: the kept, scaled design row and its residual.
 *
 * @example
 * ```ts
 * hcMeat(fit.R, lsqScores(fit), "hc0");
 * ```
 */
export function lsqScores(fit: LsqFit): ScoreRows {
  const { kept, xv, row, residuals } = fit;
  return {
    n: fit.n,
    load: (t, x) => {
      const i = row(t);
      for (let a = 0; a < kept.length; a++) x[a] = xv(kept[a], i);
      return residuals[t];
    },
  };
}

/** Covariance of the scaled coefficients for the chosen SE type; test df and clusters. */
function olsCovariance(
  fit: LsqFit,
  se: SeType,
  sigma2: number,
  cluster: ArrayLike<string | number> | undefined,
) {
  const { n, k, R } = fit;
  const dfResidual = n - k;
  if (se === "classical") return { cov: bread(R).map((v) => v * sigma2), dfTest: dfResidual };
  const scores = lsqScores(fit);
  if (se === "cluster") {
    const labels = cluster!;
    const { cov, clusters } = clusteredCov(R, scores, [(t) => labels[fit.row(t)]], n, k);
    return { cov, dfTest: clusters[0] - 1, clusters: clusters[0] };
  }
  const meat = hcMeat(R, scores, se === "hc1" ? "hc0" : se);
  if (se === "hc1") { for (let a = 0; a < meat.length; a++) meat[a] *= n / (n - k); }
  return { cov: sandwich(R, meat), dfTest: dfResidual };
}

/** F statistic over the slopes (all terms without intercept): classical or Wald with `cov`. */
function fTest(
  fit: LsqFit,
  intercept: boolean,
  se: SeType,
  cov: Float64Array,
  ss: { rss: number; tss: number; sigma2: number },
): { fStatistic: number; q: number } {
  const { kept, k, b } = fit;
  const tested = kept.map((j, a) => ({ j, a })).filter(({ j }) => !(intercept && j === 0));
  const q = tested.length;
  if (q === 0) return { fStatistic: NaN, q };
  // centered TSS with an intercept, uncentered without (then q = k: all terms are tested)
  if (se === "classical") return { fStatistic: ((ss.tss - ss.rss) / q) / ss.sigma2, q };
  const vs = new Float64Array(q * q);
  const bs = new Float64Array(q);
  tested.forEach((u, r) => {
    bs[r] = b[u.a];
    tested.forEach((v, c) => (vs[r * q + c] = cov[u.a * k + v.a]));
  });
  const z = solveSpd(vs, q, bs);
  let w = 0;
  for (let r = 0; r < q; r++) w += bs[r] * z[r];
  return { fStatistic: w / q, q };
}

/**
 * VIF per kept slope: (X'X)^-1_jj times the (centered with intercept) sum of squares of x_j.
 * The sum of squares comes from R, with no pass over the data: with the intercept first,
 * ||x_j - mean||^2 = sum_{i >= 1} R_ij^2 (the row of the constant's direction left out);
 * without it, ||x_j||^2 = sum_i R_ij^2.
 */
function vifs(fit: LsqFit, terms: string[], intercept: boolean) {
  const off = intercept ? 1 : 0;
  const { kept, k, R } = fit;
  const slopes = kept.map((j, a) => ({ j, a })).filter(({ j }) => j >= off);
  if (slopes.length < 2) return slopes.map(({ j }) => ({ term: terms[j], vif: NaN }));
  const br = bread(R);
  const first = intercept && kept[0] === 0 ? 1 : 0;
  return slopes.map(({ j, a }) => {
    let ss = 0;
    for (let i = first; i <= a; i++) ss += R.r[i * k + a] ** 2;
    return { term: terms[j], vif: br[a * k + a] * ss };
  });
}

/** Coefficient estimates and covariance back in original units. */
function unscale(fit: LsqFit, cov: Float64Array) {
  const { k, kept, scale, yScale, b } = fit;
  const est = new Float64Array(k);
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    est[a] = (b[a] * yScale) / scale[kept[a]];
    for (let c = 0; c < k; c++) {
      out[a * k + c] = (cov[a * k + c] * yScale * yScale) / (scale[kept[a]] * scale[kept[c]]);
    }
  }
  return { est, cov: out };
}

/**
 * Fit y = X b by least squares and report estimates with standard errors, t, p and confidence
 * intervals, R2, adjusted R2, the F test, residuals and VIFs.
 *
 * - NaN marks a missing value: such rows (in y, any column, or the cluster label) are dropped
 *   listwise and counted in `nDropped`.
 * - A column that is numerically a combination of earlier ones is dropped and named in
 *   `omitted`; the fit goes on. n <= k is an InputError.
 * - `se`: "classical", "hc0".."hc3" (MacKinnon-White), or "cluster" (CR1, Stata's factor
 *   G/(G-1)*(n-1)/(n-k), inference with t(G-1)). With robust or cluster SEs the F statistic is
 *   the Wald F over the slopes with that covariance. Without intercept R2 is uncentered and F
 *   tests all k terms.
 *
 * @example
 * ```ts
 * const fit = ols([1, 3, 2, 5], [{ name: "x", values: [1, 2, 3, 4] }]);
 * fit.coefficients[1].estimate; // 1.1 (slope)
 * ```
 */
export function ols(
  y: ArrayLike<number>,
  columns: NamedColumn[],
  options: OlsOptions = {},
): OlsResult {
  const intercept = options.intercept ?? true;
  const { se, level, N } = validate(y, columns, options);
  const terms = [...(intercept ? ["(Intercept)"] : []), ...columns.map((c) => c.name)];
  if (terms.length === 0) throw new InputError("no terms to fit (no intercept and no regressors)");
  const rowsUsed = usableRows(y, columns, se === "cluster" ? options.cluster : undefined);
  const n = rowsUsed.length;
  if (n === 0) throw new InputError("no complete observations (every row has a missing value)");
  const fit = lsq({
    y,
    columns: columns.map((c) => c.values),
    rows: rowsUsed,
    intercept,
    names: terms,
    refine: options.refine ?? "auto",
  });
  const k = fit.k;
  if (n <= k) {
    throw new InputError(
      `too few observations: ${n} complete row(s) for ${k} coefficient(s) (need n > k)`,
    );
  }
  const { rss, tss } = sumsOfSquares(y, fit, intercept);
  const dfResidual = n - k;
  const sigma2 = rss / dfResidual;
  const { cov, dfTest, clusters } = olsCovariance(fit, se, sigma2, options.cluster);
  const u = unscale(fit, cov);
  const coefficients = coefficientRows(fit.kept.map((j) => terms[j]), u.est, u.cov, dfTest, level);
  const r2 = 1 - rss / tss;
  const adjR2 = intercept ? 1 - (1 - r2) * (n - 1) / dfResidual : 1 - (1 - r2) * n / dfResidual;
  const { fStatistic, q } = fTest(fit, intercept, se, cov, { rss, tss, sigma2 });
  const residuals = Array.from(fit.residuals, (r) => r * fit.yScale);
  return {
    n,
    k,
    dfResidual,
    coefficients,
    r2,
    adjR2,
    fStatistic,
    fPValue: fUpperP(fStatistic, q, dfTest),
    sigma: Math.sqrt(sigma2) * fit.yScale,
    se,
    ...(clusters !== undefined ? { clusters } : {}),
    nDropped: N - n,
    omitted: fit.omitted,
    residuals,
    fitted: rowsUsed.map((i, t) => y[i] - residuals[t]),
    rows: rowsUsed,
    vif: vifs(fit, terms, intercept),
  };
}
