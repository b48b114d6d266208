/**
 * The plan and the passes over the rows of the conjugate-gradient demeaning (demean.ts), unrolled
 * for a group of four columns stored level-major (level l, column t at l * 4 + t) and written
 * plainly for one column: the cross products between the eliminated dimension e and the solved
 * ones R.
 * @module
 */
import type { FeDimension } from "./fe.ts";

/** The elimination plan: the eliminated dimension, the solved ones, level weights. */
export interface Plan {
  n: number;
  dims: FeDimension[];
  w: Float64Array;
  e: number;
  r: number[];
  /** 1 / (sum of weights) per level of each dimension (0 for an empty level). */
  inv: Float64Array[];
  /** Sum of weights per level of each dimension. */
  sw: Float64Array[];
  /** A column of zeros for padding (made when first needed). */
  zeros?: Float64Array;
}

/**
 * The plan of a demeaning: the dimension with the most levels is eliminated (the first of
 * equals), the others are solved; level weights and their reciprocals.
 *
 * @example
 * ```ts
 * makePlan([exporterYear, importerYear], mu).e; // 0 or 1
 * ```
 */
export function makePlan(dims: FeDimension[], w: Float64Array): Plan {
  const sw = dims.map((d) => {
    const s = new Float64Array(d.levels);
    const c = d.codes;
    for (let i = 0; i < c.length; i++) s[c[i]] += w[i];
    return s;
  });
  const inv = sw.map((s) => s.map((v) => (v > 0 ? 1 / v : 0)));
  let e = 0;
  dims.forEach((d, k) => (d.levels > dims[e].levels ? (e = k) : 0));
  const r = dims.map((_, k) => k).filter((k) => k !== e);
  return { n: w.length, dims, w, e, r, inv, sw };
}

/**
 * te = A_ee^-1 D_e' W D_R p: for every row, its weight times the sum of the solved dimensions'
 * p at its levels, added into its level of e, then divided by the level weights. (Each case is
 * its own function: one shape per function keeps the optimised code from being thrown away when
 * another case comes up.)
 *
 * @example
 * ```ts
 * crossToE(plan, p, 4, te);
 * ```
 */
export function crossToE(pl: Plan, p: Float64Array[], G: number, te: Float64Array): void {
  const ce = pl.dims[pl.e].codes;
  const cs = pl.r.map((d) => pl.dims[d].codes);
  te.fill(0);
  if (cs.length === 1) {
    if (G === 4) toE14(pl.n, pl.w, ce, cs[0], p[0], te);
    else toE11(pl.n, pl.w, ce, cs[0], p[0], te);
  } else if (cs.length === 2) {
    if (G === 4) toE24(pl.n, pl.w, ce, cs[0], cs[1], p[0], p[1], te);
    else toE21(pl.n, pl.w, ce, cs[0], cs[1], p[0], p[1], te);
  } else toEn(pl.n, pl.w, ce, cs, p, G, te);
  scaleLevels(te, pl.inv[pl.e], G);
}

/**
 * a[l * G + t] *= inv[l]: level sums into level means.
 *
 * @example
 * ```ts
 * scaleLevels(te, plan.inv[plan.e], 4);
 * ```
 */
export function scaleLevels(a: Float64Array, inv: Float64Array, G: number): void {
  for (let l = 0; l < inv.length; l++) for (let t = 0; t < G; t++) a[l * G + t] *= inv[l];
}

function toE14(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  c: Int32Array,
  p0: Float64Array,
  te: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const a = c[i] * 4, b = ce[i] * 4, wi = w[i];
    te[b] += wi * p0[a];
    te[b + 1] += wi * p0[a + 1];
    te[b + 2] += wi * p0[a + 2];
    te[b + 3] += wi * p0[a + 3];
  }
}

function toE11(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  c: Int32Array,
  p0: Float64Array,
  te: Float64Array,
): void {
  for (let i = 0; i < n; i++) te[ce[i]] += w[i] * p0[c[i]];
}

function toE24(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  c0: Int32Array,
  c1: Int32Array,
  p0: Float64Array,
  p1: Float64Array,
  te: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const a = c0[i] * 4, a1 = c1[i] * 4, b = ce[i] * 4, wi = w[i];
    te[b] += wi * (p0[a] + p1[a1]);
    te[b + 1] += wi * (p0[a + 1] + p1[a1 + 1]);
    te[b + 2] += wi * (p0[a + 2] + p1[a1 + 2]);
    te[b + 3] += wi * (p0[a + 3] + p1[a1 + 3]);
  }
}

function toE21(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  c0: Int32Array,
  c1: Int32Array,
  p0: Float64Array,
  p1: Float64Array,
  te: Float64Array,
): void {
  for (let i = 0; i < n; i++) te[ce[i]] += w[i] * (p0[c0[i]] + p1[c1[i]]);
}

function toEn(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  cs: Int32Array[],
  p: Float64Array[],
  G: number,
  te: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const b = ce[i] * G, wi = w[i];
    for (let t = 0; t < G; t++) {
      let g = 0;
      for (let k = 0; k < cs.length; k++) g += p[k][cs[k][i] * G + t];
      te[b + t] += wi * g;
    }
  }
}

/**
 * q -= D_R' W D_e te, for one solved dimension (two fixed-effect dimensions): every row's weight
 * times te at its level of e, taken from its level of R.
 *
 * @example
 * ```ts
 * crossToR(plan, te, 4, q);
 * ```
 */
export function crossToR(pl: Plan, te: Float64Array, G: number, q: Float64Array[]): void {
  const ce = pl.dims[pl.e].codes, c = pl.dims[pl.r[0]].codes;
  if (G === 4) toR14(pl.n, pl.w, ce, c, te, q[0]);
  else toR11(pl.n, pl.w, ce, c, te, q[0]);
}

function toR14(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  c: Int32Array,
  te: Float64Array,
  q0: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const a = c[i] * 4, b = ce[i] * 4, wi = w[i];
    q0[a] -= wi * te[b];
    q0[a + 1] -= wi * te[b + 1];
    q0[a + 2] -= wi * te[b + 2];
    q0[a + 3] -= wi * te[b + 3];
  }
}

function toR11(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  c: Int32Array,
  te: Float64Array,
  q0: Float64Array,
): void {
  for (let i = 0; i < n; i++) q0[c[i]] -= w[i] * te[ce[i]];
}

/**
 * q_d = D_d' W (D_R p - D_e te) for every solved dimension d (three or more fixed-effect
 * dimensions, where A_RR has cross terms): S p when te = A_ee^-1 D_e' W D_R p.
 *
 * @example
 * ```ts
 * rowsToR(plan, p, te, 4, q);
 * ```
 */
export function rowsToR(
  pl: Plan,
  p: Float64Array[],
  te: Float64Array,
  G: number,
  q: Float64Array[],
): void {
  const ce = pl.dims[pl.e].codes;
  const cs = pl.r.map((d) => pl.dims[d].codes);
  for (const a of q) a.fill(0);
  if (cs.length === 2 && G === 4) {
    rows24(pl.n, pl.w, ce, cs[0], cs[1], p[0], p[1], te, q[0], q[1]);
  } else if (cs.length === 2) rows21(pl.n, pl.w, ce, cs[0], cs[1], p[0], p[1], te, q[0], q[1]);
  else rowsN(pl.n, pl.w, ce, cs, p, te, G, q);
}

function rows24(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  c0: Int32Array,
  c1: Int32Array,
  p0: Float64Array,
  p1: Float64Array,
  te: Float64Array,
  q0: Float64Array,
  q1: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const a = c0[i] * 4, a1 = c1[i] * 4, b = ce[i] * 4, wi = w[i];
    const g0 = wi * (p0[a] + p1[a1] - te[b]);
    const g1 = wi * (p0[a + 1] + p1[a1 + 1] - te[b + 1]);
    const g2 = wi * (p0[a + 2] + p1[a1 + 2] - te[b + 2]);
    const g3 = wi * (p0[a + 3] + p1[a1 + 3] - te[b + 3]);
    q0[a] += g0;
    q0[a + 1] += g1;
    q0[a + 2] += g2;
    q0[a + 3] += g3;
    q1[a1] += g0;
    q1[a1 + 1] += g1;
    q1[a1 + 2] += g2;
    q1[a1 + 3] += g3;
  }
}

function rows21(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  c0: Int32Array,
  c1: Int32Array,
  p0: Float64Array,
  p1: Float64Array,
  te: Float64Array,
  q0: Float64Array,
  q1: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const a = c0[i], a1 = c1[i];
    const g = w[i] * (p0[a] + p1[a1] - te[ce[i]]);
    q0[a] += g;
    q1[a1] += g;
  }
}

function rowsN(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  cs: Int32Array[],
  p: Float64Array[],
  te: Float64Array,
  G: number,
  q: Float64Array[],
): void {
  for (let i = 0; i < n; i++) {
    const b = ce[i] * G, wi = w[i];
    for (let t = 0; t < G; t++) {
      let g = -te[b + t];
      for (let k = 0; k < cs.length; k++) g += p[k][cs[k][i] * G + t];
      g *= wi;
      for (let k = 0; k < cs.length; k++) q[k][cs[k][i] * G + t] += g;
    }
  }
}
