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
 * p at its levels, added into its level of e, then divided by the level weights.
 *
 * @example
 * ```ts
 * crossToE(plan, p, 4, te);
 * ```
 */
export function crossToE(pl: Plan, p: Float64Array[], G: number, te: Float64Array): void {
  const { n, w } = pl;
  const ce = pl.dims[pl.e].codes, inv = pl.inv[pl.e];
  const cs = pl.r.map((d) => pl.dims[d].codes);
  te.fill(0);
  if (cs.length === 1 && G === 4) {
    const c = cs[0], p0 = p[0];
    for (let i = 0; i < n; i++) {
      const a = c[i] * 4, b = ce[i] * 4, wi = w[i];
      te[b] += wi * p0[a];
      te[b + 1] += wi * p0[a + 1];
      te[b + 2] += wi * p0[a + 2];
      te[b + 3] += wi * p0[a + 3];
    }
  } else if (cs.length === 1) {
    const c = cs[0], p0 = p[0];
    for (let i = 0; i < n; i++) te[ce[i]] += w[i] * p0[c[i]];
  } else if (cs.length === 2 && G === 4) {
    const [c0, c1] = cs, [p0, p1] = p;
    for (let i = 0; i < n; i++) {
      const a = c0[i] * 4, a1 = c1[i] * 4, b = ce[i] * 4, wi = w[i];
      te[b] += wi * (p0[a] + p1[a1]);
      te[b + 1] += wi * (p0[a + 1] + p1[a1 + 1]);
      te[b + 2] += wi * (p0[a + 2] + p1[a1 + 2]);
      te[b + 3] += wi * (p0[a + 3] + p1[a1 + 3]);
    }
  } else if (cs.length === 2) {
    const [c0, c1] = cs, [p0, p1] = p;
    for (let i = 0; i < n; i++) te[ce[i]] += w[i] * (p0[c0[i]] + p1[c1[i]]);
  } else if (G === 4) {
    for (let i = 0; i < n; i++) {
      let g0 = 0, g1 = 0, g2 = 0, g3 = 0;
      for (let k = 0; k < cs.length; k++) {
        const a = cs[k][i] * 4, pk = p[k];
        g0 += pk[a];
        g1 += pk[a + 1];
        g2 += pk[a + 2];
        g3 += pk[a + 3];
      }
      const b = ce[i] * 4, wi = w[i];
      te[b] += wi * g0;
      te[b + 1] += wi * g1;
      te[b + 2] += wi * g2;
      te[b + 3] += wi * g3;
    }
  } else {
    for (let i = 0; i < n; i++) {
      let g = 0;
      for (let k = 0; k < cs.length; k++) g += p[k][cs[k][i]];
      te[ce[i]] += w[i] * g;
    }
  }
  for (let l = 0; l < inv.length; l++) {
    for (let t = 0; t < G; t++) te[l * G + t] *= inv[l];
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
  const { n, w } = pl;
  const ce = pl.dims[pl.e].codes, c = pl.dims[pl.r[0]].codes, q0 = q[0];
  if (G === 4) {
    for (let i = 0; i < n; i++) {
      const a = c[i] * 4, b = ce[i] * 4, wi = w[i];
      q0[a] -= wi * te[b];
      q0[a + 1] -= wi * te[b + 1];
      q0[a + 2] -= wi * te[b + 2];
      q0[a + 3] -= wi * te[b + 3];
    }
  } else {
    for (let i = 0; i < n; i++) q0[c[i]] -= w[i] * te[ce[i]];
  }
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
  const { n, w } = pl;
  const ce = pl.dims[pl.e].codes;
  const cs = pl.r.map((d) => pl.dims[d].codes);
  for (const a of q) a.fill(0);
  if (cs.length === 2) {
    rowsToR2(pl, p, te, G, q);
    return;
  }
  if (G === 4) {
    for (let i = 0; i < n; i++) {
      const b = ce[i] * 4, wi = w[i];
      let g0 = -te[b], g1 = -te[b + 1], g2 = -te[b + 2], g3 = -te[b + 3];
      for (let k = 0; k < cs.length; k++) {
        const a = cs[k][i] * 4, pk = p[k];
        g0 += pk[a];
        g1 += pk[a + 1];
        g2 += pk[a + 2];
        g3 += pk[a + 3];
      }
      g0 *= wi;
      g1 *= wi;
      g2 *= wi;
      g3 *= wi;
      for (let k = 0; k < cs.length; k++) {
        const a = cs[k][i] * 4, qk = q[k];
        qk[a] += g0;
        qk[a + 1] += g1;
        qk[a + 2] += g2;
        qk[a + 3] += g3;
      }
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    let g = -te[ce[i]];
    for (let k = 0; k < cs.length; k++) g += p[k][cs[k][i]];
    g *= w[i];
    for (let k = 0; k < cs.length; k++) q[k][cs[k][i]] += g;
  }
}

/**
 * The first passes of a group: with g_i = v_i - sum_k x_k[c_k(i)] (the column less its
 * warm-start effects), te = A_ee^-1 D_e' W g and r_k = D_k' W (g - D_e te), the residual
 * b - S x of the Schur system; `norm2` gets sum w v^2 of each column. `v` has G columns
 * (padding: a column of zeros).
 *
 * @example
 * ```ts
 * residualPass(plan, [v0, v1, v2, zeros], x, 4, te, r, norm2);
 * ```
 */
export function residualPass(
  pl: Plan,
  v: Float64Array[],
  x: Float64Array[],
  G: number,
  te: Float64Array,
  r: Float64Array[],
  norm2: Float64Array,
): void {
  const { n, w } = pl;
  const ce = pl.dims[pl.e].codes, inv = pl.inv[pl.e];
  te.fill(0);
  for (const a of r) a.fill(0);
  if (G === 4 && pl.r.length === 1) {
    const c = pl.dims[pl.r[0]].codes, x0 = x[0], r0 = r[0];
    const [v0, v1, v2, v3] = v;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < n; i++) {
      const a = c[i] * 4, b = ce[i] * 4, wi = w[i];
      const u0 = v0[i], u1 = v1[i], u2 = v2[i], u3 = v3[i];
      te[b] += wi * (u0 - x0[a]);
      te[b + 1] += wi * (u1 - x0[a + 1]);
      te[b + 2] += wi * (u2 - x0[a + 2]);
      te[b + 3] += wi * (u3 - x0[a + 3]);
      s0 += wi * u0 * u0;
      s1 += wi * u1 * u1;
      s2 += wi * u2 * u2;
      s3 += wi * u3 * u3;
    }
    norm2[0] += s0;
    norm2[1] += s1;
    norm2[2] += s2;
    norm2[3] += s3;
    for (let l = 0; l < inv.length; l++) for (let t = 0; t < 4; t++) te[l * 4 + t] *= inv[l];
    for (let i = 0; i < n; i++) {
      const a = c[i] * 4, b = ce[i] * 4, wi = w[i];
      r0[a] += wi * (v0[i] - x0[a] - te[b]);
      r0[a + 1] += wi * (v1[i] - x0[a + 1] - te[b + 1]);
      r0[a + 2] += wi * (v2[i] - x0[a + 2] - te[b + 2]);
      r0[a + 3] += wi * (v3[i] - x0[a + 3] - te[b + 3]);
    }
    return;
  }
  const cs = pl.r.map((d) => pl.dims[d].codes);
  if (G === 1 && cs.length === 1) {
    const c = cs[0], x0 = x[0], r0 = r[0], v0 = v[0];
    let s = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i], u = v0[i];
      te[ce[i]] += wi * (u - x0[c[i]]);
      s += wi * u * u;
    }
    norm2[0] += s;
    for (let l = 0; l < inv.length; l++) te[l] *= inv[l];
    for (let i = 0; i < n; i++) r0[c[i]] += w[i] * (v0[i] - x0[c[i]] - te[ce[i]]);
    return;
  }
  if (cs.length === 2) {
    const [c0, c1] = cs, [x0, x1] = x, [r0, r1] = r;
    for (let t = 0; t < G; t++) {
      const vt = v[t];
      let s = 0;
      for (let i = 0; i < n; i++) {
        const wi = w[i], u = vt[i];
        te[ce[i] * G + t] += wi * (u - x0[c0[i] * G + t] - x1[c1[i] * G + t]);
        s += wi * u * u;
      }
      norm2[t] += s;
      for (let l = 0; l < inv.length; l++) te[l * G + t] *= inv[l];
      for (let i = 0; i < n; i++) {
        const a = c0[i] * G + t, a1 = c1[i] * G + t;
        const g = w[i] * (vt[i] - x0[a] - x1[a1] - te[ce[i] * G + t]);
        r0[a] += g;
        r1[a1] += g;
      }
    }
    return;
  }
  for (let t = 0; t < G; t++) {
    const vt = v[t];
    let s = 0;
    for (let i = 0; i < n; i++) {
      let g = vt[i];
      for (let k = 0; k < cs.length; k++) g -= x[k][cs[k][i] * G + t];
      te[ce[i] * G + t] += w[i] * g;
      s += w[i] * vt[i] * vt[i];
    }
    norm2[t] += s;
    for (let l = 0; l < inv.length; l++) te[l * G + t] *= inv[l];
    for (let i = 0; i < n; i++) {
      let g = vt[i] - te[ce[i] * G + t];
      for (let k = 0; k < cs.length; k++) g -= x[k][cs[k][i] * G + t];
      g *= w[i];
      for (let k = 0; k < cs.length; k++) r[k][cs[k][i] * G + t] += g;
    }
  }
}

/**
 * The last passes of a group: v <- v - sum_k x_k[c_k], then the eliminated dimension's
 * coefficients ae = A_ee^-1 D_e' W v and v <- v - ae[c_e]. Padding columns (`null`) are skipped.
 *
 * @example
 * ```ts
 * finishPass(plan, [v0, v1, v2, null], x, 4, ae);
 * ```
 */
export function finishPass(
  pl: Plan,
  v: (Float64Array | null)[],
  x: Float64Array[],
  G: number,
  ae: Float64Array,
): void {
  const { n, w } = pl;
  const ce = pl.dims[pl.e].codes, inv = pl.inv[pl.e];
  const cs = pl.r.map((d) => pl.dims[d].codes);
  ae.fill(0);
  if (G === 4 && cs.length === 1 && v.every((c) => c)) {
    const c = cs[0], x0 = x[0];
    const [v0, v1, v2, v3] = v as Float64Array[];
    for (let i = 0; i < n; i++) {
      const a = c[i] * 4, b = ce[i] * 4, wi = w[i];
      ae[b] += wi * (v0[i] -= x0[a]);
      ae[b + 1] += wi * (v1[i] -= x0[a + 1]);
      ae[b + 2] += wi * (v2[i] -= x0[a + 2]);
      ae[b + 3] += wi * (v3[i] -= x0[a + 3]);
    }
    for (let l = 0; l < inv.length; l++) for (let t = 0; t < 4; t++) ae[l * 4 + t] *= inv[l];
    for (let i = 0; i < n; i++) {
      const b = ce[i] * 4;
      v0[i] -= ae[b];
      v1[i] -= ae[b + 1];
      v2[i] -= ae[b + 2];
      v3[i] -= ae[b + 3];
    }
    return;
  }
  for (let t = 0; t < G; t++) {
    const vt = v[t];
    if (!vt) continue;
    if (cs.length === 1) {
      const c = cs[0], x0 = x[0];
      for (let i = 0; i < n; i++) ae[ce[i] * G + t] += w[i] * (vt[i] -= x0[c[i] * G + t]);
    } else {
      for (let i = 0; i < n; i++) {
        let s = vt[i];
        for (let k = 0; k < cs.length; k++) s -= x[k][cs[k][i] * G + t];
        vt[i] = s;
        ae[ce[i] * G + t] += w[i] * s;
      }
    }
    for (let l = 0; l < inv.length; l++) ae[l * G + t] *= inv[l];
    for (let i = 0; i < n; i++) vt[i] -= ae[ce[i] * G + t];
  }
}

/** rowsToR for two solved dimensions (three fixed effects), unrolled. */
function rowsToR2(pl: Plan, p: Float64Array[], te: Float64Array, G: number, q: Float64Array[]) {
  const { n, w } = pl;
  const ce = pl.dims[pl.e].codes;
  const c0 = pl.dims[pl.r[0]].codes, c1 = pl.dims[pl.r[1]].codes;
  const [p0, p1] = p, [q0, q1] = q;
  if (G === 4) {
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
    return;
  }
  for (let i = 0; i < n; i++) {
    const a = c0[i], a1 = c1[i];
    const g = w[i] * (p0[a] + p1[a1] - te[ce[i]]);
    q0[a] += g;
    q1[a1] += g;
  }
}
