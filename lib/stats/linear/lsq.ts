/**
 * The least-squares core shared by every estimator: exact power-of-two column scaling, a
 * streaming Householder QR of [X y] that keeps only R, Stata-style rank detection, and iterative
 * refinement with residuals accumulated in double-double arithmetic (corrected semi-normal
 * equations solved with R). Normal equations are never formed.
 *
 * The design is given as source columns plus the list of rows to use, so that plain columns are
 * read in place (no n x k copy). Estimators that transform the data (absorbed fixed effects,
 * IRLS weights) pass their transformed columns with `rows` omitted.
 * @module
 */
import {
  createStreamingQr,
  ddAddProduct,
  invertUpper,
  solveUpper,
  solveUpperTransposed,
  triangularFactor,
  type TriFactor,
} from "../qr.ts";

/** Rows per block of the streaming QR. */
const BLOCK = 2048;
/** A column whose |R_jj| is at most this times its norm is (numerically) collinear. */
export const COLLINEARITY_TOLERANCE = 1e-10;
/**
 * With `refine: "auto"`, refinement runs only when the first-order error estimate of the plain
 * Householder solution, eps x cond x (1 + cond x ||r|| / (||R|| ||b||)) (the least-squares
 * perturbation bound: the second term is large for ill-conditioned designs with big residuals,
 * such as NIST Wampler5), exceeds this.
 */
export const REFINE_ERROR = 1e-13;

/** What the least-squares core fits: y on the columns (and an intercept), over `rows`. */
export interface LsqInput {
  y: ArrayLike<number>;
  /** Source columns (indexed by input row). */
  columns: ArrayLike<number>[];
  /** Input row of each used row; omitted = every row 0..y.length-1. */
  rows?: ArrayLike<number>;
  /** Add a column of ones first. */
  intercept: boolean;
  /** Term names of the design columns (intercept first when present). */
  names: string[];
  /** Iterative refinement: "always" (default), "auto" (by condition estimate) or "never". */
  refine?: "always" | "auto" | "never";
}

/** The core's answer, in scaled units (b * yScale / scale[kept[a]] is the estimate). */
export interface LsqFit {
  n: number;
  /** Design columns (p) and kept columns (k). */
  p: number;
  k: number;
  /** Design column of each estimated coefficient, and the terms dropped as collinear. */
  kept: number[];
  omitted: string[];
  /** Triangular factor of the kept, scaled columns. */
  R: TriFactor;
  /** Coefficients in scaled units. */
  b: Float64Array;
  /** Power-of-two scale of each design column, and of y. */
  scale: Float64Array;
  yScale: number;
  /** Residuals in scaled units (divide y by yScale), one per used row. */
  residuals: Float64Array;
  /** Scaled value of design column j at input row i. */
  xv: (j: number, i: number) => number;
  /** Input row of used row t. */
  row: (t: number) => number;
  /** Refinement passes applied, and the error estimate that decided them ("auto" only). */
  refinements: number;
  errorEstimate: number;
}

/**
 * Nearest power of two to the largest |value|, so scaling is exact.
 *
 * @example
 * ```ts
 * powerOfTwoScale(1000); // 1024
 * ```
 */
export function powerOfTwoScale(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  return 2 ** Math.round(Math.log2(max));
}

/** Columns `cols` of a p x p row-major R (all its rows) as a p x cols.length row-major matrix. */
function pickColumns(r: Float64Array, p: number, cols: number[]): Float64Array {
  const out = new Float64Array(p * cols.length);
  for (let i = 0; i < p; i++) {
    for (let c = 0; c < cols.length; c++) out[i * cols.length + c] = r[i * p + cols[c]];
  }
  return out;
}

/** Exact power-of-two scales of the design columns and of y over the used rows. */
function columnScales(inp: LsqInput, n: number, row: (t: number) => number) {
  const off = inp.intercept ? 1 : 0;
  const p = inp.columns.length + off;
  const mx = new Float64Array(p);
  if (inp.intercept) mx[0] = 1;
  let yMax = 0;
  for (let t = 0; t < n; t++) {
    const i = row(t);
    for (let j = 0; j < inp.columns.length; j++) {
      const a = Math.abs(inp.columns[j][i]);
      if (a > mx[j + off]) mx[j + off] = a;
    }
    const a = Math.abs(inp.y[i]);
    if (a > yMax) yMax = a;
  }
  const scale = mx.map(powerOfTwoScale);
  return { scale, yScale: powerOfTwoScale(yMax) };
}

/** One streaming QR pass over the scaled [X y]; returns the (p+1) x (p+1) factor. */
function qrPass(
  inp: LsqInput,
  n: number,
  p: number,
  row: (t: number) => number,
  xv: (j: number, i: number) => number,
  yInv: number,
): Float64Array {
  const pa = p + 1;
  const qr = createStreamingQr(pa);
  const block = new Float64Array(Math.min(BLOCK, Math.max(n, 1)) * pa);
  for (let start = 0; start < n; start += BLOCK) {
    const m = Math.min(BLOCK, n - start);
    for (let t = 0; t < m; t++) {
      const i = row(start + t);
      for (let j = 0; j < p; j++) block[t * pa + j] = xv(j, i);
      block[t * pa + p] = inp.y[i] * yInv;
    }
    qr.addRows(block, m);
  }
  return qr.factor().r;
}

/**
 * Rank: keep columns in order unless |R_jj| <= tol * ||x_j|| given the columns kept so far.
 * Returns the kept design columns, R of the kept columns and Q'y.
 */
function revealRank(full: Float64Array, p: number, names: string[]) {
  const pa = p + 1;
  const kept: number[] = [];
  const omitted: string[] = [];
  for (let j = 0; j < p; j++) {
    let norm2 = 0;
    for (let i = 0; i <= j; i++) norm2 += full[i * pa + j] ** 2;
    const cols = [...kept, j];
    const f = triangularFactor(pickColumns(full, pa, cols), pa, cols.length);
    const d = Math.abs(f.r[cols.length * cols.length - 1]);
    if (norm2 > 0 && d > COLLINEARITY_TOLERANCE * Math.sqrt(norm2)) kept.push(j);
    else omitted.push(names[j]);
  }
  const k = kept.length;
  const withY = triangularFactor(pickColumns(full, pa, [...kept, p]), pa, k + 1);
  const residualNorm = Math.abs(withY.r[(k + 1) * (k + 1) - 1]);
  const R: TriFactor = { p: k, r: new Float64Array(k * k) };
  const qty = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) R.r[a * k + b] = withY.r[a * (k + 1) + b];
    qty[a] = withY.r[a * (k + 1) + k];
  }
  return { kept, omitted, R, qty, residualNorm };
}

/**
 * 1-norm condition number ||R||_1 ||R^-1||_1 of a triangular factor (and ||R||_1).
 *
 * @example
 * ```ts
 * conditionEstimate({ p: 1, r: new Float64Array([2]) }); // { condition: 1, norm: 2 }
 * ```
 */
export function conditionEstimate(R: TriFactor): { condition: number; norm: number } {
  const k = R.p;
  if (k === 0) return { condition: 1, norm: 0 };
  const inv = invertUpper(R).r;
  let n1 = 0, i1 = 0;
  for (let c = 0; c < k; c++) {
    let s = 0, si = 0;
    for (let r = 0; r <= c; r++) {
      s += Math.abs(R.r[r * k + c]);
      si += Math.abs(inv[r * k + c]);
    }
    n1 = Math.max(n1, s);
    i1 = Math.max(i1, si);
  }
  return { condition: n1 * i1, norm: n1 };
}

/** The first-order relative error estimate of the unrefined solution (see REFINE_ERROR). */
function errorEstimate(R: TriFactor, b: Float64Array, residualNorm: number): number {
  const { condition, norm } = conditionEstimate(R);
  let bNorm = 0;
  for (const v of b) bNorm += Math.abs(v);
  const ratio = bNorm > 0 && norm > 0 ? residualNorm / (norm * bNorm) : Infinity;
  return 2 ** -52 * condition * (1 + condition * ratio);
}

/** Residuals y - Xb of every used row in double-double (scaled units), into `out`. */
function residualPass(
  inp: LsqInput,
  fit: { n: number; kept: number[]; b: Float64Array },
  row: (t: number) => number,
  xv: (j: number, i: number) => number,
  yInv: number,
  out: Float64Array,
): void {
  const acc = new Float64Array(2);
  const { kept, b } = fit;
  const k = kept.length;
  for (let t = 0; t < fit.n; t++) {
    const i = row(t);
    acc[0] = inp.y[i] * yInv;
    acc[1] = 0;
    for (let a = 0; a < k; a++) ddAddProduct(acc, -xv(kept[a], i), b[a]);
    out[t] = acc[0] + acc[1];
  }
}

/**
 * Iterative refinement: r = y - Xb and g = X'r in double-double; solve R'R d = g. When the
 * correction is below half an ulp of b it is not applied, so the residuals of that pass are
 * exactly those of the final b (saving a pass); otherwise a last pass recomputes them.
 * Returns the number of passes.
 */
function refineSolution(
  inp: LsqInput,
  s: { n: number; kept: number[]; R: TriFactor; b: Float64Array },
  row: (t: number) => number,
  xv: (j: number, i: number) => number,
  yInv: number,
  residuals: Float64Array,
): number {
  const { n, kept, R, b } = s;
  const k = kept.length;
  const acc = new Float64Array(2);
  const g = Array.from({ length: k }, () => new Float64Array(2));
  const xi = new Float64Array(k);
  const gLow = new Float64Array(k);
  let lastChange = Infinity;
  let iter = 0;
  for (; iter < 8; iter++) {
    for (const gj of g) gj.fill(0);
    gLow.fill(0);
    for (let t = 0; t < n; t++) {
      const i = row(t);
      acc[0] = inp.y[i] * yInv;
      acc[1] = 0;
      for (let a = 0; a < k; a++) {
        xi[a] = xv(kept[a], i);
        ddAddProduct(acc, -xi[a], b[a]);
      }
      const rh = acc[0], rl = acc[1];
      residuals[t] = rh + rl;
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
    if (change <= 2 ** -53) return iter + 1;
    for (let a = 0; a < k; a++) b[a] += d[a];
    if (change >= lastChange) break;
    lastChange = change;
  }
  residualPass(inp, s, row, xv, yInv, residuals);
  return iter + 1;
}

/**
 * Least squares of y on the columns over the given rows: scaling, streaming QR, rank, solve and
 * refinement. Checks nothing about missing values (callers select complete rows first).
 *
 * @example
 * ```ts
 * const f = lsq({ y: [1, 3, 2, 5], columns: [[1, 2, 3, 4]], intercept: true, names: ["(Intercept)", "x"] });
 * (f.b[1] * f.yScale) / f.scale[1]; // 1.1
 * ```
 */
export function lsq(inp: LsqInput): LsqFit {
  const n = inp.rows ? inp.rows.length : inp.y.length;
  const rows = inp.rows;
  const row = rows ? (t: number) => rows[t] : (t: number) => t;
  const off = inp.intercept ? 1 : 0;
  const p = inp.columns.length + off;
  const { scale, yScale } = columnScales(inp, n, row);
  const inv = scale.map((s) => 1 / s);
  const yInv = 1 / yScale;
  const src = inp.columns;
  const xv = (j: number, i: number) => (j < off ? inv[0] : src[j - off][i] * inv[j]);
  const full = qrPass(inp, n, p, row, xv, yInv);
  const { kept, omitted, R, qty, residualNorm } = revealRank(full, p, inp.names);
  const b = solveUpper(R, qty);
  const residuals = new Float64Array(n);
  const mode = inp.refine ?? "always";
  const error = mode === "auto" ? errorEstimate(R, b, residualNorm) : NaN;
  const s = { n, kept, R, b };
  let refinements = 0;
  if (mode === "always" || (mode === "auto" && !(error <= REFINE_ERROR))) {
    refinements = refineSolution(inp, s, row, xv, yInv, residuals);
  } else residualPass(inp, s, row, xv, yInv, residuals);
  return {
    n,
    p,
    k: kept.length,
    kept,
    omitted,
    R,
    b,
    scale,
    yScale,
    residuals,
    xv,
    row,
    refinements,
    errorEstimate: error,
  };
}
