/**
 * The first and last passes over the rows of a conjugate-gradient demeaning (demean.ts): the
 * residual of the Schur system at the warm start, and the columns less the coefficients found.
 * One function per case, as in demean_kernels.ts.
 * @module
 */
import { type Plan, scaleLevels } from "./demean_kernels.ts";

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
  const ce = pl.dims[pl.e].codes, inv = pl.inv[pl.e];
  const cs = pl.r.map((d) => pl.dims[d].codes);
  te.fill(0);
  for (const a of r) a.fill(0);
  if (G === 4 && cs.length === 1) {
    resid14E(pl.n, pl.w, ce, cs[0], v[0], v[1], v[2], v[3], x[0], te, norm2);
    scaleLevels(te, inv, 4);
    resid14R(pl.n, pl.w, ce, cs[0], v[0], v[1], v[2], v[3], x[0], te, r[0]);
    return;
  }
  for (let t = 0; t < G; t++) {
    norm2[t] += residE(pl.n, pl.w, ce, cs, v[t], x, G, t, te);
    for (let l = 0; l < inv.length; l++) te[l * G + t] *= inv[l];
    residR(pl.n, pl.w, ce, cs, v[t], x, G, t, te, r);
  }
}

function resid14E(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  c: Int32Array,
  v0: Float64Array,
  v1: Float64Array,
  v2: Float64Array,
  v3: Float64Array,
  x0: Float64Array,
  te: Float64Array,
  norm2: Float64Array,
): void {
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
}

function resid14R(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  c: Int32Array,
  v0: Float64Array,
  v1: Float64Array,
  v2: Float64Array,
  v3: Float64Array,
  x0: Float64Array,
  te: Float64Array,
  r0: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const a = c[i] * 4, b = ce[i] * 4, wi = w[i];
    r0[a] += wi * (v0[i] - x0[a] - te[b]);
    r0[a + 1] += wi * (v1[i] - x0[a + 1] - te[b + 1]);
    r0[a + 2] += wi * (v2[i] - x0[a + 2] - te[b + 2]);
    r0[a + 3] += wi * (v3[i] - x0[a + 3] - te[b + 3]);
  }
}

/** One column t of a group: te += W (v - D_R x) at the levels of e; returns sum w v^2. */
function residE(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  cs: Int32Array[],
  v: Float64Array,
  x: Float64Array[],
  G: number,
  t: number,
  te: Float64Array,
): number {
  let s = 0;
  if (cs.length === 1) {
    const c = cs[0], x0 = x[0];
    for (let i = 0; i < n; i++) {
      const wi = w[i], u = v[i];
      te[ce[i] * G + t] += wi * (u - x0[c[i] * G + t]);
      s += wi * u * u;
    }
    return s;
  }
  for (let i = 0; i < n; i++) {
    let g = v[i];
    for (let k = 0; k < cs.length; k++) g -= x[k][cs[k][i] * G + t];
    te[ce[i] * G + t] += w[i] * g;
    s += w[i] * v[i] * v[i];
  }
  return s;
}

/** One column t of a group: r_k += W (v - D_R x - D_e te) at the levels of each solved k. */
function residR(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  cs: Int32Array[],
  v: Float64Array,
  x: Float64Array[],
  G: number,
  t: number,
  te: Float64Array,
  r: Float64Array[],
): void {
  if (cs.length === 1) {
    const c = cs[0], x0 = x[0], r0 = r[0];
    for (let i = 0; i < n; i++) {
      const a = c[i] * G + t;
      r0[a] += w[i] * (v[i] - x0[a] - te[ce[i] * G + t]);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    let g = v[i] - te[ce[i] * G + t];
    for (let k = 0; k < cs.length; k++) g -= x[k][cs[k][i] * G + t];
    g *= w[i];
    for (let k = 0; k < cs.length; k++) r[k][cs[k][i] * G + t] += g;
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
  const ce = pl.dims[pl.e].codes, inv = pl.inv[pl.e];
  const cs = pl.r.map((d) => pl.dims[d].codes);
  ae.fill(0);
  for (let t = 0; t < G; t++) {
    const vt = v[t];
    if (!vt) continue;
    finishE(pl.n, pl.w, ce, cs, vt, x, G, t, ae);
    for (let l = 0; l < inv.length; l++) ae[l * G + t] *= inv[l];
    finishV(pl.n, ce, vt, G, t, ae);
  }
}

/** v <- v - sum_k x_k[c_k(i) G + t]; ae += W v at the levels of e. */
function finishE(
  n: number,
  w: Float64Array,
  ce: Int32Array,
  cs: Int32Array[],
  v: Float64Array,
  x: Float64Array[],
  G: number,
  t: number,
  ae: Float64Array,
): void {
  if (cs.length === 1) {
    const c = cs[0], x0 = x[0];
    for (let i = 0; i < n; i++) ae[ce[i] * G + t] += w[i] * (v[i] -= x0[c[i] * G + t]);
    return;
  }
  for (let i = 0; i < n; i++) {
    let s = v[i];
    for (let k = 0; k < cs.length; k++) s -= x[k][cs[k][i] * G + t];
    v[i] = s;
    ae[ce[i] * G + t] += w[i] * s;
  }
}

/** v <- v - ae[c_e(i) G + t]. */
function finishV(
  n: number,
  ce: Int32Array,
  v: Float64Array,
  G: number,
  t: number,
  ae: Float64Array,
): void {
  for (let i = 0; i < n; i++) v[i] -= ae[ce[i] * G + t];
}
