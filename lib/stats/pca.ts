/**
 * Principal component analysis on the correlation (default) or covariance matrix, with the
 * Kaiser-Meyer-Olkin measure and Bartlett's test of sphericity.
 *
 * The data are never copied into an n x p matrix: the used rows are walked in blocks of
 * {@link PCA_BLOCK} rows, centred (and standardized) into a small p x block buffer that stays in
 * cache, and the p x p cross-products and the scores are accumulated from it. ml-matrix only does
 * p x p work. Every sum runs in row order with one accumulator per entry, so the numbers are the
 * same, bit for bit, as the plain column-by-column loops.
 * @module
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from "ml-matrix";
import { InputError } from "../errors.ts";
import { completeRows } from "./complete.ts";
import { chiSquareUpperP } from "./distributions.ts";
import type { NamedColumn, PcaOptions, PcaResult } from "./types.ts";

/** Rows per block of the cross-product and score passes (p x block doubles stay in L2). */
export const PCA_BLOCK = 2048;

/**
 * PCA of the given columns (n-1 denominator). Rows with a NaN in any column are dropped
 * listwise (counted in `nDropped`, the used rows listed in `rows`). Eigenvalues come out
 * descending; loadings are unit-length eigenvectors (rows = variables) signed so that in each
 * component the loading of largest absolute value is positive; scores are the centered (and,
 * when `scale`, standardized) data times the loadings. KMO and Bartlett's test are computed
 * on the correlation matrix. A zero-variance column is an InputError naming it.
 *
 * `options.scores` says how the scores come back: "rows" (default, `scores[t][c]`),
 * "columns" (one Float64Array per component in `scoreColumns`, `scores` empty) or "none". On a
 * million rows the row arrays cost most of the time and memory; "columns" and "none" do not
 * build them (the CLI's tables use "none").
 *
 * @example
 * ```ts
 * const r = pca([{ name: "a", values: [1, 2, 3, 4] }, { name: "b", values: [2, 1, 4, 3] }]);
 * r.eigenvalues; // [1.6, 0.4]
 * const [pc1, pc2] = pca(columns, { scores: "columns" }).scoreColumns!; // Float64Arrays
 * ```
 */
export function pca(columns: NamedColumn[], options: PcaOptions = {}): PcaResult {
  const scaled = options.scale ?? true;
  const p = columns.length;
  const { N, rows, index, sums } = usedRows(columns);
  const n = rows.length;
  const values = columns.map((c) => c.values);
  const means = centres(values, index, n, sums);
  const cross = crossProducts({ values, index, n, means, div: null });
  const sds = standardDeviations(columns, cross, n, means);
  const cov = new Matrix(p, p);
  const corr = new Matrix(p, p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      const s = cross[a * p + b] / (n - 1);
      cov.set(a, b, s);
      corr.set(a, b, a === b ? 1 : s / (sds[a] * sds[b]));
    }
  }
  const { eigenvalues, loadings } = eigen(scaled ? corr : cov);
  const total = eigenvalues.reduce((a, b) => a + b, 0);
  const proportion = eigenvalues.map((e) => e / total);
  let run = 0;
  const cumulative = proportion.map((v) => (run += v));
  const mode = options.scores ?? "rows";
  const data: Used = { values, index, n, means, div: scaled ? sds : null };
  return {
    n,
    nDropped: N - n,
    rows,
    variables: columns.map((c) => c.name),
    scaled,
    eigenvalues,
    proportion,
    cumulative,
    loadings,
    scores: mode === "rows" ? scoreRows(data, loadings) : [],
    ...(mode === "columns" ? { scoreColumns: scoreColumns(data, loadings) } : {}),
    ...adequacy(corr, n),
  };
}

/**
 * The used rows and each column's sum over them. When every column is finite (its plain sum
 * is), all rows are used and the data are indexed directly (`index` null), which costs one
 * pass; otherwise completeRows decides (and words any error) and the sums are over its rows.
 */
function usedRows(
  columns: NamedColumn[],
): { N: number; rows: number[]; index: number[] | null; sums: Float64Array } {
  const p = columns.length;
  const N = p ? columns[0].values.length : 0;
  const sums = new Float64Array(p);
  let clean = N >= 2 && columns.every((c) => c.values.length === N);
  for (let j = 0; clean && j < p; j++) {
    const v = columns[j].values;
    let s = 0;
    for (let t = 0; t < N; t++) s += v[t];
    sums[j] = s;
    clean = Number.isFinite(s); // a NaN or an infinity makes the sum non-finite
  }
  if (clean) {
    const rows: number[] = [];
    for (let i = 0; i < N; i++) rows.push(i);
    return { N, rows, index: null, sums };
  }
  const { rows } = completeRows(columns, "pca");
  const n = rows.length;
  for (let j = 0; j < p; j++) {
    const v = columns[j].values;
    let s = 0;
    for (let t = 0; t < n; t++) s += v[rows[t]];
    sums[j] = s;
  }
  return { N, rows, index: rows, sums };
}

/** Two-pass means: the sum over n, plus the mean of the deviations from it (a correction). */
function centres(
  values: ArrayLike<number>[],
  index: number[] | null,
  n: number,
  sums: Float64Array,
): Float64Array {
  const means = new Float64Array(values.length);
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    const mean = sums[j] / n;
    let corr = 0;
    for (let t = 0; t < n; t++) corr += v[index === null ? t : index[t]] - mean;
    means[j] = mean + corr / n;
  }
  return means;
}

/** n-1 standard deviations from the cross-products' diagonal; a zero-variance column throws. */
function standardDeviations(
  columns: NamedColumn[],
  cross: Float64Array,
  n: number,
  means: Float64Array,
): Float64Array {
  const p = columns.length;
  const sds = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    sds[j] = Math.sqrt(cross[j * p + j] / (n - 1));
    if (!(sds[j] > 0) || sds[j] <= 1e-13 * Math.max(Math.abs(means[j]), 1e-300)) {
      throw new InputError(`column "${columns[j].name}" has zero variance: PCA cannot use it`);
    }
  }
  return sds;
}

/** The used rows of the columns, centred by `means` and divided by `div` (unless null). */
interface Used {
  values: ArrayLike<number>[];
  /** Input row of each used row; null when all rows are used. */
  index: number[] | null;
  n: number;
  means: Float64Array;
  div: Float64Array | null;
}

/**
 * Walk the used rows in blocks: before each `visit`, `buf[j * PCA_BLOCK + k]` holds
 * (x_j - means[j]) / div[j] for used row t0 + k, k < len.
 */
function eachBlock(
  { values, index, n, means, div }: Used,
  visit: (buf: Float64Array, len: number, t0: number) => void,
): void {
  const p = values.length;
  const buf = new Float64Array(p * PCA_BLOCK);
  for (let t0 = 0; t0 < n; t0 += PCA_BLOCK) {
    const len = Math.min(PCA_BLOCK, n - t0);
    for (let j = 0; j < p; j++) {
      const v = values[j], m = means[j], off = j * PCA_BLOCK;
      for (let k = 0; k < len; k++) buf[off + k] = v[index === null ? t0 + k : index[t0 + k]] - m;
      if (div !== null) {
        const d = div[j];
        for (let k = 0; k < len; k++) buf[off + k] /= d;
      }
    }
    visit(buf, len, t0);
  }
}

/**
 * The p x p centred cross-products (both triangles filled), one pass over the data. Four
 * entries of a row are accumulated at once (independent sums, so the CPU overlaps them); each
 * entry is still one sum in row order.
 */
function crossProducts(data: Used): Float64Array {
  const p = data.values.length;
  const acc = new Float64Array(p * p);
  eachBlock({ ...data, div: null }, (buf, len) => {
    for (let a = 0; a < p; a++) {
      const oa = a * PCA_BLOCK;
      let b = 0;
      for (; b + 3 <= a; b += 4) {
        const o0 = b * PCA_BLOCK, o1 = o0 + PCA_BLOCK, o2 = o1 + PCA_BLOCK, o3 = o2 + PCA_BLOCK;
        let s0 = acc[a * p + b], s1 = acc[a * p + b + 1];
        let s2 = acc[a * p + b + 2], s3 = acc[a * p + b + 3];
        for (let k = 0; k < len; k++) {
          const x = buf[oa + k];
          s0 += x * buf[o0 + k];
          s1 += x * buf[o1 + k];
          s2 += x * buf[o2 + k];
          s3 += x * buf[o3 + k];
        }
        acc[a * p + b] = s0;
        acc[a * p + b + 1] = s1;
        acc[a * p + b + 2] = s2;
        acc[a * p + b + 3] = s3;
      }
      for (; b <= a; b++) {
        const ob = b * PCA_BLOCK;
        let s = acc[a * p + b];
        for (let k = 0; k < len; k++) s += buf[oa + k] * buf[ob + k];
        acc[a * p + b] = s;
      }
    }
  });
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) acc[b * p + a] = acc[a * p + b];
  return acc;
}

/** Eigenvalues (descending, floored at 0) and sign-fixed unit loadings of a symmetric matrix. */
function eigen(target: Matrix): { eigenvalues: number[]; loadings: number[][] } {
  const p = target.rows;
  const evd = new EigenvalueDecomposition(target, { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  const vectors = evd.eigenvectorMatrix;
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a]);
  const eigenvalues = order.map((i) => Math.max(values[i], 0));
  const loadings: number[][] = Array.from({ length: p }, () => new Array(p).fill(0));
  order.forEach((src, c) => {
    let big = 0;
    for (let v = 0; v < p; v++) {
      if (Math.abs(vectors.get(v, src)) > Math.abs(vectors.get(big, src))) big = v;
    }
    const sign = vectors.get(big, src) < 0 ? -1 : 1;
    let norm = 0;
    for (let v = 0; v < p; v++) norm += vectors.get(v, src) ** 2;
    norm = Math.sqrt(norm);
    for (let v = 0; v < p; v++) loadings[v][c] = (sign * vectors.get(v, src)) / norm;
  });
  return { eigenvalues, loadings };
}

/** KMO from the anti-image (partial) correlations; Bartlett's test from ln|R|. */
function adequacy(corr: Matrix, n: number): Pick<PcaResult, "kmo" | "bartlett"> {
  const p = corr.rows;
  let kmo = { overall: NaN, perVariable: new Array(p).fill(NaN) };
  let bartlett = { chi2: NaN, df: (p * (p - 1)) / 2, p: NaN };
  const chol = new CholeskyDecomposition(corr);
  if (p >= 2 && chol.isPositiveDefinite()) {
    const l = chol.lowerTriangularMatrix;
    let logDet = 0;
    for (let j = 0; j < p; j++) logDet += 2 * Math.log(l.get(j, j));
    const rInv = chol.solve(Matrix.eye(p));
    let r2All = 0, q2All = 0;
    const perVariable = new Array(p).fill(0);
    for (let a = 0; a < p; a++) {
      let r2 = 0, q2 = 0;
      for (let b = 0; b < p; b++) {
        if (a === b) continue;
        const partial = -rInv.get(a, b) / Math.sqrt(rInv.get(a, a) * rInv.get(b, b));
        r2 += corr.get(a, b) ** 2;
        q2 += partial ** 2;
      }
      perVariable[a] = r2 / (r2 + q2);
      r2All += r2;
      q2All += q2;
    }
    kmo = { overall: r2All / (r2All + q2All), perVariable };
    const chi2 = -(n - 1 - (2 * p + 5) / 6) * logDet;
    bartlett = { chi2, df: bartlett.df, p: chiSquareUpperP(chi2, bartlett.df) };
  }
  return { kmo, bartlett };
}

/** out[c][t0 + k] = sum over variables v, in order, of buf[v][k] * loadings[v][c]. */
function blockScores(
  buf: Float64Array,
  len: number,
  loadings: number[][],
  out: Float64Array[],
  t0: number,
): void {
  const p = loadings.length;
  for (let c = 0; c < out.length; c++) {
    const o = out[c];
    o.fill(0, t0, t0 + len);
    for (let v = 0; v < p; v++) {
      const l = loadings[v][c], off = v * PCA_BLOCK;
      for (let k = 0; k < len; k++) o[t0 + k] += buf[off + k] * l;
    }
  }
}

/** The scores as one Float64Array of n values per component. */
function scoreColumns(data: Used, loadings: number[][]): Float64Array[] {
  const out = loadings.map(() => new Float64Array(data.n));
  eachBlock(data, (buf, len, t0) => blockScores(buf, len, loadings, out, t0));
  return out;
}

/** The scores as n row arrays (`scores[t][c]`), one block of columns at a time. */
function scoreRows(data: Used, loadings: number[][]): number[][] {
  const k = loadings.length;
  const cols = loadings.map(() => new Float64Array(PCA_BLOCK));
  const scores: number[][] = new Array(data.n);
  eachBlock(data, (buf, len, t0) => {
    blockScores(buf, len, loadings, cols, 0);
    for (let t = 0; t < len; t++) {
      const row: number[] = [];
      for (let c = 0; c < k; c++) row.push(cols[c][t]);
      scores[t0 + t] = row;
    }
  });
  return scores;
}
