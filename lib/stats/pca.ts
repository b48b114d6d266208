/**
 * Principal component analysis on the correlation (default) or covariance matrix, with the
 * Kaiser-Meyer-Olkin measure and Bartlett's test of sphericity.
 * @module
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from "ml-matrix";
import { InputError } from "../errors.ts";
import { completeRows } from "./complete.ts";
import { chiSquareUpperP } from "./distributions.ts";
import type { NamedColumn, PcaOptions, PcaResult } from "./types.ts";

/** Scores as rows: scores[t][c] (the JSON shape). */
function scoreRows(z: Float64Array[], loadings: number[][], n: number): number[][] {
  const p = z.length;
  const scores: number[][] = new Array(n);
  for (let t = 0; t < n; t++) {
    const row = new Array(p).fill(0);
    for (let v = 0; v < p; v++) {
      const x = z[v][t];
      const lv = loadings[v];
      for (let c = 0; c < p; c++) row[c] += x * lv[c];
    }
    scores[t] = row;
  }
  return scores;
}

/** Scores as one Float64Array per component (no per-row objects: fast at millions of rows). */
function scoreCols(z: Float64Array[], loadings: number[][], n: number): Float64Array[] {
  const p = z.length;
  return Array.from({ length: p }, (_, c) => {
    const out = new Float64Array(n);
    for (let v = 0; v < p; v++) {
      const l = loadings[v][c], zv = z[v];
      for (let t = 0; t < n; t++) out[t] += zv[t] * l;
    }
    return out;
  });
}

/** Centered columns (two-pass means) of the used rows, and their sample SDs; zero variance is an error. */
function centerColumns(columns: NamedColumn[], rows: number[]) {
  const p = columns.length, n = rows.length;
  const z: Float64Array[] = [];
  const sd = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const v = columns[j].values;
    let mean = 0;
    for (const i of rows) mean += v[i];
    mean /= n;
    let corr = 0;
    for (const i of rows) corr += v[i] - mean;
    mean += corr / n;
    const col = new Float64Array(n);
    let ss = 0;
    for (let t = 0; t < n; t++) {
      const d = v[rows[t]] - mean;
      col[t] = d;
      ss += d * d;
    }
    z.push(col);
    sd[j] = Math.sqrt(ss / (n - 1));
    if (!(sd[j] > 0) || sd[j] <= 1e-13 * Math.max(Math.abs(mean), 1e-300)) {
      throw new InputError(`column "${columns[j].name}" has zero variance: PCA cannot use it`);
    }
  }
  return { z, sd };
}

/** KMO from the anti-image (partial) correlations; Bartlett's test from ln|R|. */
function kmoBartlett(corr: Matrix, n: number) {
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

/**
 * PCA of the given columns (n-1 denominator). Rows with a NaN in any column are dropped
 * listwise (counted in `nDropped`, the used rows listed in `rows`). Eigenvalues come out
 * descending; loadings are unit-length eigenvectors (rows = variables) signed so that in each
 * component the loading of largest absolute value is positive; scores are the centered (and,
 * when `scale`, standardized) data times the loadings. KMO and Bartlett's test are computed
 * on the correlation matrix. A zero-variance column is an InputError naming it.
 *
 * @example
 * ```ts
 * const r = pca([{ name: "a", values: [1, 2, 3, 4] }, { name: "b", values: [2, 1, 4, 3] }]);
 * r.eigenvalues; // [1.6, 0.4]
 * ```
 */
export function pca(columns: NamedColumn[], options: PcaOptions = {}): PcaResult {
  const scaled = options.scale ?? true;
  const p = columns.length;
  const { N, rows } = completeRows(columns, "pca");
  const n = rows.length;

  // Centered (and standardized) columns, two-pass means; the p x p cross-products come from
  // one pass over plain Float64Array columns (never an n x p ml-matrix: at 1M rows that costs
  // seconds and a gigabyte), so ml-matrix only does p x p work.
  const { z, sd } = centerColumns(columns, rows);
  const cov = new Matrix(p, p);
  for (let a = 0; a < p; a++) {
    const za = z[a];
    for (let b = 0; b <= a; b++) {
      const zb = z[b];
      let s = 0;
      for (let t = 0; t < n; t++) s += za[t] * zb[t];
      cov.set(a, b, s / (n - 1));
      cov.set(b, a, s / (n - 1));
    }
  }
  const corr = new Matrix(p, p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) corr.set(a, b, a === b ? 1 : cov.get(a, b) / (sd[a] * sd[b]));
  }
  if (scaled) {
    for (let j = 0; j < p; j++) {
      const col = z[j];
      for (let t = 0; t < n; t++) col[t] /= sd[j];
    }
  }
  const target = scaled ? corr : cov;
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
  const total = eigenvalues.reduce((a, b) => a + b, 0);
  const proportion = eigenvalues.map((e) => e / total);
  let run = 0;
  const cumulative = proportion.map((v) => (run += v));
  const mode = options.scores ?? "rows";
  const scores: number[][] = mode === "rows" ? scoreRows(z, loadings, n) : [];
  const scoreColumns = mode === "columns" ? scoreCols(z, loadings, n) : undefined;

  const { kmo, bartlett } = kmoBartlett(corr, n);

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
    scores,
    ...(scoreColumns ? { scoreColumns } : {}),
    kmo,
    bartlett,
  };
}
