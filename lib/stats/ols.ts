/**
 * Ordinary least squares with full inference (classical, HC0-HC3 and cluster-robust CR1 standard
 * errors), collinearity handling Stata-style, and NIST-grade accuracy.
 *
 * The core streams the rows of [X y] in blocks through a Householder QR that keeps only the
 * triangular factor (memory O(k^2) beyond the input columns), then refines the solution with
 * residuals accumulated in double-double arithmetic (corrected semi-normal equations solved with
 * R). Columns are scaled by powers of two (exactly) before factoring. Normal equations are never
 * formed and no generic matrix inverse is taken: covariances are built from R^-1.
 * @module
 */
import { InputError } from "../errors.ts";
import { fUpperP, tQuantile, tTwoSidedP } from "./distributions.ts";
import {
  createStreamingQr,
  ddAddProduct,
  invertUpper,
  solveUpper,
  solveUpperTransposed,
  triangularFactor,
  type TriFactor,
} from "./qr.ts";
import type { Coefficient, NamedColumn, OlsOptions, OlsResult, SeType } from "./types.ts";

/** Rows per block of the streaming QR. */
const BLOCK = 2048;
/** A column whose |R_jj| is at most this times its norm is (numerically) collinear. */
export const COLLINEARITY_TOLERANCE = 1e-10;
const SE_TYPES: readonly SeType[] = ["classical", "hc0", "hc1", "hc2", "hc3", "cluster"];

/** Nearest power of two to the largest |value|, so scaling is exact. */
function powerOfTwoScale(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  return 2 ** Math.round(Math.log2(max));
}

/** Columns kc of a p x p row-major R (plus all its rows) as an p x kc row-major matrix. */
function pickColumns(r: Float64Array, p: number, cols: number[]): Float64Array {
  const out = new Float64Array(p * cols.length);
  for (let i = 0; i < p; i++) {
    for (let c = 0; c < cols.length; c++) out[i * cols.length + c] = r[i * p + cols[c]];
  }
  return out;
}

/** Solve the symmetric positive-definite system A x = b (Cholesky; A is q x q row-major); NaN if A is not PD. */
function solveSpd(a: Float64Array, q: number, b: Float64Array): Float64Array {
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
  const terms = [...(intercept ? ["(Intercept)"] : []), ...columns.map((c) => c.name)];
  const p = terms.length;
  if (p === 0) throw new InputError("no terms to fit (no intercept and no regressors)");
  const src: ArrayLike<number>[] = columns.map((c) => c.values);
  const off = intercept ? 1 : 0;

  // Listwise deletion; non-finite values other than NaN are errors.
  const useCluster = se === "cluster" && options.cluster !== undefined;
  const rowsUsed: number[] = [];
  for (let i = 0; i < N; i++) {
    let ok = !Number.isNaN(y[i]);
    if (ok && !Number.isFinite(y[i])) throw new InputError(`y: row ${i + 1} is infinite`);
    for (let j = 0; ok && j < src.length; j++) {
      const v = src[j][i];
      if (Number.isNaN(v)) ok = false;
      else if (!Number.isFinite(v)) {
        throw new InputError(`column "${columns[j].name}": row ${i + 1} is infinite`);
      }
    }
    if (ok && useCluster) {
      const g = options.cluster![i];
      if (g === "" || g === null || g === undefined || Number.isNaN(g)) ok = false;
    }
    if (ok) rowsUsed.push(i);
  }
  const n = rowsUsed.length;
  const nDropped = N - n;
  if (n === 0) throw new InputError("no complete observations (every row has a missing value)");

  // Exact power-of-two scales per column (and y).
  const scale = new Float64Array(p);
  let yMax = 0;
  {
    const mx = new Float64Array(p);
    if (intercept) mx[0] = 1;
    for (const i of rowsUsed) {
      for (let j = 0; j < src.length; j++) {
        const a = Math.abs(src[j][i]);
        if (a > mx[j + off]) mx[j + off] = a;
      }
      const a = Math.abs(y[i]);
      if (a > yMax) yMax = a;
    }
    for (let j = 0; j < p; j++) scale[j] = powerOfTwoScale(mx[j]);
  }
  const yScale = powerOfTwoScale(yMax);
  const inv = scale.map((s) => 1 / s);
  const yInv = 1 / yScale;
  /** Scaled value of design column j at input row i. */
  const xv = (j: number, i: number) => (j < off ? inv[0] : src[j - off][i] * inv[j]);

  // Pass 1: streaming QR of the scaled [X y].
  const pa = p + 1;
  const qr = createStreamingQr(pa);
  const block = new Float64Array(BLOCK * pa);
  for (let start = 0; start < n; start += BLOCK) {
    const m = Math.min(BLOCK, n - start);
    for (let t = 0; t < m; t++) {
      const i = rowsUsed[start + t];
      for (let j = 0; j < p; j++) block[t * pa + j] = xv(j, i);
      block[t * pa + p] = y[i] * yInv;
    }
    qr.addRows(block, m);
  }
  const full = qr.factor().r;

  // Rank: keep columns in order unless |R_jj| <= tol * ||x_j|| given the columns kept so far.
  const kept: number[] = [];
  const omitted: string[] = [];
  for (let j = 0; j < p; j++) {
    let norm2 = 0;
    for (let i = 0; i <= j; i++) norm2 += full[i * pa + j] ** 2;
    const cols = [...kept, j];
    const f = triangularFactor(pickColumns(full, pa, cols), pa, cols.length);
    const d = Math.abs(f.r[cols.length * cols.length - 1]);
    if (norm2 > 0 && d > COLLINEARITY_TOLERANCE * Math.sqrt(norm2)) kept.push(j);
    else omitted.push(terms[j]);
  }
  const k = kept.length;
  if (n <= k) {
    throw new InputError(
      `too few observations: ${n} complete row(s) for ${k} coefficient(s) (need n > k)`,
    );
  }
  const withY = triangularFactor(pickColumns(full, pa, [...kept, p]), pa, k + 1);
  const R: TriFactor = { p: k, r: new Float64Array(k * k) };
  const qty = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) R.r[a * k + b] = withY.r[a * (k + 1) + b];
    qty[a] = withY.r[a * (k + 1) + k];
  }
  const keptSrc = kept; // design column of each estimated coefficient
  const b = solveUpper(R, qty);

  // Iterative refinement: r = y - Xb and g = X'r in double-double; solve R'R d = g. When the
  // correction is below half an ulp of b it is not applied, so the residuals of that pass are
  // exactly those of the final b (saving a pass); otherwise a last pass recomputes them.
  const acc = new Float64Array(2);
  const g = Array.from({ length: k }, () => new Float64Array(2));
  const xi = new Float64Array(k);
  const gLow = new Float64Array(k);
  const residualsScaled = new Float64Array(n);
  let lastChange = Infinity;
  let residualsCurrent = false;
  for (let iter = 0; iter < 8; iter++) {
    for (const gj of g) gj.fill(0);
    gLow.fill(0);
    for (let t = 0; t < n; t++) {
      const i = rowsUsed[t];
      acc[0] = y[i] * yInv;
      acc[1] = 0;
      for (let a = 0; a < k; a++) {
        xi[a] = xv(keptSrc[a], i);
        ddAddProduct(acc, -xi[a], b[a]);
      }
      const rh = acc[0], rl = acc[1];
      residualsScaled[t] = rh + rl;
      for (let a = 0; a < k; a++) {
        ddAddProduct(g[a], xi[a], rh);
        gLow[a] += xi[a] * rl; // rl is ~1e-16 of rh: plain double suffices
      }
    }
    const d = solveUpper(R, solveUpperTransposed(R, g.map((v, a) => v[0] + (v[1] + gLow[a]))));
    let change = 0;
    for (let a = 0; a < k; a++) {
      const rel = Math.abs(d[a]) / Math.max(Math.abs(b[a]), 1e-300);
      if (rel > change) change = rel;
    }
    if (change <= 2 ** -53) {
      residualsCurrent = true;
      break;
    }
    for (let a = 0; a < k; a++) b[a] += d[a];
    if (change >= lastChange) break;
    lastChange = change;
  }
  if (!residualsCurrent) {
    for (let t = 0; t < n; t++) {
      const i = rowsUsed[t];
      acc[0] = y[i] * yInv;
      acc[1] = 0;
      for (let a = 0; a < k; a++) ddAddProduct(acc, -xv(keptSrc[a], i), b[a]);
      residualsScaled[t] = acc[0] + acc[1];
    }
  }

  // RSS and TSS.
  let rss = 0;
  const ySum = new Float64Array(2);
  for (let t = 0; t < n; t++) {
    rss += residualsScaled[t] * residualsScaled[t];
    ddAddProduct(ySum, y[rowsUsed[t]] * yInv, 1);
  }
  const yMean = (ySum[0] + ySum[1]) / n;
  let tss = 0;
  for (const i of rowsUsed) {
    const dv = intercept ? y[i] * yInv - yMean : y[i] * yInv;
    tss += dv * dv;
  }

  const dfResidual = n - k;
  const sigma2 = rss / dfResidual;
  const rInv = invertUpper(R);
  // bread = (X'X)^-1 = R^-1 R^-T (scaled units)
  const bread = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let c = a; c < k; c++) {
      let s = 0;
      for (let t = Math.max(a, c); t < k; t++) s += rInv.r[a * k + t] * rInv.r[c * k + t];
      bread[a * k + c] = s;
      bread[c * k + a] = s;
    }
  }

  let cov: Float64Array;
  let clusters: number | undefined;
  let dfTest = dfResidual;
  if (se === "classical") {
    cov = bread.map((v) => v * sigma2);
  } else {
    // Meat in the rotated basis q_i = R^-T x_i (so that cov = R^-1 M R^-T, no (X'X)^-1):
    // M = sum_i w_i q_i q_i' (HC, h_i = ||q_i||^2), or M = sum_g u_g u_g' with u_g = R^-T s_g and
    // s_g = X_g' e_g accumulated in double-double (per-cluster sums cancel heavily).
    const meat = new Float64Array(k * k);
    const x = new Float64Array(k);
    const load = (i: number) => {
      for (let a = 0; a < k; a++) x[a] = xv(keptSrc[a], i);
    };
    if (se === "cluster") {
      const labels = options.cluster!;
      const sums = new Map<string | number, Float64Array>();
      for (let t = 0; t < n; t++) {
        const i = rowsUsed[t];
        load(i);
        const key = labels[i];
        let u = sums.get(key);
        if (!u) sums.set(key, u = new Float64Array(2 * k));
        const e = residualsScaled[t];
        for (let a = 0; a < k; a++) ddAddProduct(u.subarray(2 * a, 2 * a + 2), x[a], e);
      }
      const G = sums.size;
      clusters = G;
      if (G < 2) throw new InputError(`cluster-robust SEs need at least 2 clusters, got ${G}`);
      const sg = new Float64Array(k);
      for (const u of sums.values()) {
        for (let a = 0; a < k; a++) sg[a] = u[2 * a] + u[2 * a + 1];
        const ug = solveUpperTransposed(R, sg);
        for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) meat[a * k + c] += ug[a] * ug[c];
      }
      const factor = (G / (G - 1)) * ((n - 1) / (n - k));
      for (let a = 0; a < meat.length; a++) meat[a] *= factor;
      dfTest = G - 1;
    } else {
      const qi = new Float64Array(k);
      for (let t = 0; t < n; t++) {
        load(rowsUsed[t]);
        let h = 0;
        for (let a = 0; a < k; a++) {
          // forward substitution R' q = x, in place of allocating per row
          let s = x[a];
          for (let c = 0; c < a; c++) s -= R.r[c * k + a] * qi[c];
          qi[a] = s / R.r[a * k + a];
          h += qi[a] * qi[a];
        }
        const e2 = residualsScaled[t] ** 2;
        const w = se === "hc2" ? e2 / (1 - h) : se === "hc3" ? e2 / ((1 - h) * (1 - h)) : e2;
        for (let a = 0; a < k; a++) {
          const wa = w * qi[a];
          for (let c = 0; c <= a; c++) meat[a * k + c] += wa * qi[c];
        }
      }
      for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) meat[c * k + a] = meat[a * k + c];
      if (se === "hc1") { for (let a = 0; a < meat.length; a++) meat[a] *= n / (n - k); }
    }
    // cov = R^-1 M R^-T by triangular solves: T = R^-1 M, cov = R^-1 T' (M symmetric).
    const tmp = new Float64Array(k * k);
    for (let c = 0; c < k; c++) {
      const col = solveUpper(R, Array.from({ length: k }, (_, a) => meat[a * k + c]));
      for (let a = 0; a < k; a++) tmp[c * k + a] = col[a]; // tmp = T' (row c = column c of T)
    }
    cov = new Float64Array(k * k);
    for (let c = 0; c < k; c++) {
      const col = solveUpper(R, Array.from({ length: k }, (_, a) => tmp[a * k + c]));
      for (let a = 0; a < k; a++) cov[a * k + c] = col[a];
    }
  }

  // Back to original units.
  const unscaleB = (a: number) => (b[a] * yScale) / scale[keptSrc[a]];
  const covAt = (a: number, c: number) =>
    (cov[a * k + c] * yScale * yScale) / (scale[keptSrc[a]] * scale[keptSrc[c]]);
  const crit = tQuantile(1 - (1 - level) / 2, dfTest);
  const coefficients: Coefficient[] = kept.map((j, a) => {
    const estimate = unscaleB(a);
    const stdError = Math.sqrt(covAt(a, a));
    const t = estimate / stdError;
    return {
      term: terms[j],
      estimate,
      stdError,
      t,
      p: tTwoSidedP(t, dfTest),
      ciLower: estimate - crit * stdError,
      ciUpper: estimate + crit * stdError,
    };
  });

  const r2 = 1 - rss / tss;
  const adjR2 = intercept ? 1 - (1 - r2) * (n - 1) / dfResidual : 1 - (1 - r2) * n / dfResidual;
  // F: slopes (all terms without intercept).
  const tested = kept.map((j, a) => ({ j, a })).filter(({ j }) => !(intercept && j === 0));
  const q = tested.length;
  let fStatistic = NaN;
  if (q > 0) {
    if (se === "classical") {
      // centered TSS with an intercept, uncentered without (then q = k: all terms are tested)
      fStatistic = ((tss - rss) / q) / sigma2;
    } else {
      const vs = new Float64Array(q * q);
      const bs = new Float64Array(q);
      tested.forEach((u, r) => {
        bs[r] = b[u.a];
        tested.forEach((v, c) => (vs[r * q + c] = cov[u.a * k + v.a]));
      });
      const z = solveSpd(vs, q, bs);
      let w = 0;
      for (let r = 0; r < q; r++) w += bs[r] * z[r];
      fStatistic = w / q;
    }
  }
  const fPValue = fUpperP(fStatistic, q, dfTest);

  // VIF per kept slope: (X'X)^-1_jj times the (centered with intercept) sum of squares of x_j.
  const slopes = kept.map((j, a) => ({ j, a })).filter(({ j }) => j >= off);
  let vif: { term: string; vif: number }[];
  if (slopes.length < 2) vif = slopes.map(({ j }) => ({ term: terms[j], vif: NaN }));
  else {
    vif = slopes.map(({ j, a }) => {
      let mean = 0;
      if (intercept) {
        for (const i of rowsUsed) mean += xv(j, i);
        mean /= n;
      }
      let ss = 0;
      for (const i of rowsUsed) ss += (xv(j, i) - mean) ** 2;
      return { term: terms[j], vif: bread[a * k + a] * ss };
    });
  }

  const residuals = Array.from(residualsScaled, (r) => r * yScale);
  const fitted = rowsUsed.map((i, t) => y[i] - residuals[t]);
  return {
    n,
    k,
    dfResidual,
    coefficients,
    r2,
    adjR2,
    fStatistic,
    fPValue,
    sigma: Math.sqrt(sigma2) * yScale,
    se,
    ...(clusters !== undefined ? { clusters } : {}),
    nDropped,
    omitted,
    residuals,
    fitted,
    rows: rowsUsed,
    vif,
  };
}
