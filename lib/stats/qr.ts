/**
 * Least-squares linear algebra on small dense arrays: a blocked (TSQR-style) Householder QR that
 * streams the rows of a tall matrix and keeps only its triangular factor, triangular solves, and
 * compensated (double-double) sums for iterative refinement. Normal equations are never formed.
 * @module
 */

/** An upper-triangular factor `r` (p x p, row-major: r[i * p + j]). */
export interface TriFactor {
  p: number;
  r: Float64Array;
}

/**
 * Streaming Householder QR: feed row blocks of a tall matrix with `p` columns, read the p x p
 * factor R (with R'R = A'A) at the end. Memory is O(p^2) beyond one block.
 *
 * @example
 * ```ts
 * const qr = createStreamingQr(2);
 * qr.addRows(new Float64Array([1, 1, 1, 2, 1, 3]), 3); // rows (1,1), (1,2), (1,3)
 * qr.factor().r; // R with R'R = A'A
 * ```
 */
export function createStreamingQr(p: number): {
  addRows: (block: Float64Array, m: number) => void;
  factor: () => TriFactor;
} {
  const r = new Float64Array(p * p);
  const addRows = (b: Float64Array, m: number) => {
    // Reduce [R; B] (B is m x p, row-major) to upper-triangular form, column by column. Below
    // the diagonal R is zero, so each reflector touches R's row j and B's column block only.
    for (let j = 0; j < p; j++) {
      let scale = Math.abs(r[j * p + j]);
      for (let i = 0; i < m; i++) scale = Math.max(scale, Math.abs(b[i * p + j]));
      if (scale === 0) continue;
      let ss = (r[j * p + j] / scale) ** 2;
      let tail = 0;
      for (let i = 0; i < m; i++) tail += (b[i * p + j] / scale) ** 2;
      if (tail === 0) continue;
      ss += tail;
      const a = r[j * p + j];
      const norm = scale * Math.sqrt(ss);
      const alpha = a >= 0 ? -norm : norm; // new diagonal, sign chosen against cancellation
      const v0 = a - alpha; // reflector v = (v0, B[:, j]), H = I - 2 v v' / (v' v)
      const vtv = v0 * v0 + tail * scale * scale;
      const beta = 2 / vtv;
      for (let c = j + 1; c < p; c++) {
        let s = v0 * r[j * p + c];
        for (let i = 0; i < m; i++) s += b[i * p + j] * b[i * p + c];
        s *= beta;
        r[j * p + c] -= s * v0;
        for (let i = 0; i < m; i++) b[i * p + c] -= s * b[i * p + j];
      }
      r[j * p + j] = alpha;
      for (let i = 0; i < m; i++) b[i * p + j] = 0;
    }
  };
  return { addRows, factor: () => ({ p, r: r.slice() }) };
}

/**
 * QR of a small dense matrix (m x p, row-major) returning only its p x p triangular factor.
 *
 * @example
 * ```ts
 * triangularFactor(new Float64Array([3, 4]), 2, 1).r; // Float64Array [-5] (|R| = 5)
 * ```
 */
export function triangularFactor(a: Float64Array, m: number, p: number): TriFactor {
  const qr = createStreamingQr(p);
  qr.addRows(a.slice(), m);
  return qr.factor();
}

/**
 * Solve R x = b (back substitution) in place of a copy of b.
 *
 * @example
 * ```ts
 * solveUpper({ p: 1, r: new Float64Array([2]) }, [4]); // Float64Array [2]
 * ```
 */
export function solveUpper(f: TriFactor, b: ArrayLike<number>): Float64Array {
  const { p, r } = f;
  const x = Float64Array.from(b);
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i];
    for (let j = i + 1; j < p; j++) s -= r[i * p + j] * x[j];
    x[i] = s / r[i * p + i];
  }
  return x;
}

/**
 * Solve R' x = b (forward substitution with the transpose of R).
 *
 * @example
 * ```ts
 * solveUpperTransposed({ p: 1, r: new Float64Array([2]) }, [4]); // Float64Array [2]
 * ```
 */
export function solveUpperTransposed(f: TriFactor, b: ArrayLike<number>): Float64Array {
  const { p, r } = f;
  const x = Float64Array.from(b);
  for (let i = 0; i < p; i++) {
    let s = x[i];
    for (let j = 0; j < i; j++) s -= r[j * p + i] * x[j];
    x[i] = s / r[i * p + i];
  }
  return x;
}

/**
 * The inverse of an upper-triangular R (upper triangular too), so that (A'A)^-1 = R^-1 R^-T.
 *
 * @example
 * ```ts
 * invertUpper({ p: 1, r: new Float64Array([2]) }).r; // Float64Array [0.5]
 * ```
 */
export function invertUpper(f: TriFactor): TriFactor {
  const { p } = f;
  const inv = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    const e = new Float64Array(p);
    e[c] = 1;
    const x = solveUpper(f, e);
    for (let i = 0; i < p; i++) inv[i * p + c] = x[i];
  }
  return { p, r: inv };
}

const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter

/**
 * A double-double accumulator (hi, lo) for compensated sums of products.
 *
 * @example
 * ```ts
 * const acc = new Float64Array(2); ddAddProduct(acc, 1e16, 1); ddAddProduct(acc, 1, 1);
 * ddAddProduct(acc, -1e16, 1); acc[0] + acc[1]; // 1
 * ```
 */
export function ddAddProduct(acc: Float64Array, a: number, b: number): void {
  // product a*b = p + e exactly (Dekker's TwoProduct, inlined: this runs once per cell per
  // refinement pass)
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  // (hi, lo) += p + e with TwoSum on the high parts
  const hi = acc[0];
  const s = hi + p;
  const bb = s - hi;
  const err = (hi - (s - bb)) + (p - bb);
  const lo = acc[1] + err + e;
  const s2 = s + lo;
  acc[1] = lo - (s2 - s);
  acc[0] = s2;
}
