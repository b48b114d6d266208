/**
 * Weighted demeaning on fixed effects: the residual of each column regressed (weights w) on the
 * dummies of every dimension, and the coefficients removed. One dimension is exact (level
 * means). With two or more, the dimension with the most levels (e) is eliminated exactly and the
 * other dimensions' coefficients x solve the Schur complement system S x = b,
 * S = A_RR - A_Re A_ee^-1 A_eR (A = D'WD), by conjugate gradient preconditioned with the level
 * weights. With two dimensions that is the conjugate-gradient acceleration of alternating
 * projections (as ppmlhdfe): it needs about the square root of their sweeps and converges where
 * they crawl (near-disconnected levels, tiny or very unequal weights). Each iteration is two
 * passes over the rows; columns go through in groups of four (level-major, unrolled) or alone,
 * and leave as they converge.
 * @module
 */
import { InputError } from "../../errors.ts";
import type { FeDimension } from "./fe.ts";
import { crossToE, crossToR, makePlan, type Plan, rowsToR } from "./demean_kernels.ts";
import { finishPass, residualPass } from "./demean_ends.ts";

/** Options of {@link absorb}. */
export interface AbsorbOptions {
  /**
   * Stop a column when its preconditioned residual sqrt(r' M^-1 r) is at most tolerance x the
   * column's weighted norm sqrt(sum w v^2) (default 1e-13).
   */
  tolerance?: number;
  /** Conjugate-gradient iterations before giving up (default 10000). */
  maxIterations?: number;
  /** Warm start: per column, every dimension's coefficients (as `coefficients` returns). */
  start?: (Float64Array[] | null | undefined)[];
  /** Return the coefficients (default false). */
  coefficients?: boolean;
  /**
   * Per column: measure the tolerance against the column's starting residual sqrt(r0' M^-1 r0)
   * instead of its weighted norm, but never below `floor` x the weighted norm (for a column
   * whose projection is a correction: its own size, not the column's, sets the accuracy needed).
   */
  relative?: boolean[];
  /** The floor of relative columns (default 1e-13). */
  floor?: number;
}

/** What {@link absorb} did. */
export interface Absorbed {
  /** Conjugate-gradient iterations (the most any column needed; 1 with one dimension, 0 with none). */
  iterations: number;
  /**
   * Per column: the residual reached relative to its reference (the weighted norm, or for a
   * `relative` column its starting residual or the floor); converged when <= the tolerance.
   */
  residual: number[];
  converged: boolean;
  /** Per column, per dimension, the coefficients removed (when asked). */
  coefficients?: Float64Array[][];
}

/**
 * Remove the fixed effects from the columns in place (weighted when `w` is given): each column
 * becomes its residual on the dummies of every dimension. Never throws on non-convergence: the
 * result says how far each column got ({@link demean} is the throwing form).
 *
 * @example
 * ```ts
 * const v = new Float64Array([1, 2, 3, 6]);
 * absorb([v], [encodeFactor("g", [["a", "a", "b", "b"]])], null); // v = [-0.5, 0.5, -1.5, 1.5]
 * ```
 */
export function absorb(
  columns: Float64Array[],
  dims: FeDimension[],
  w: ArrayLike<number> | null,
  options: AbsorbOptions = {},
): Absorbed {
  const n = columns.length ? columns[0].length : 0;
  const want = options.coefficients === true;
  if (dims.length === 0 || columns.length === 0) {
    const none = { iterations: 0, residual: columns.map(() => 0), converged: true };
    return want ? { ...none, coefficients: columns.map(() => []) } : none;
  }
  const wf = w ? (w instanceof Float64Array ? w : Float64Array.from(w)) : ones(n);
  const pl = makePlan(dims, wf);
  const x = dims.length === 1
    ? { xs: columns.map(() => []), iterations: 1, residual: columns.map(() => 0) }
    : conjugateGradient(columns, pl, options);
  const coefficients = finish(columns, pl, x.xs, want);
  const tol = options.tolerance ?? 1e-13;
  return {
    iterations: x.iterations,
    residual: x.residual,
    converged: x.residual.every((v) => v <= tol),
    ...(want ? { coefficients } : {}),
  };
}

/** A shared column of ones (unit weights), grown when a longer one is asked for. */
let ONES = new Float64Array(0);
const ones = (n: number) =>
  (ONES.length >= n ? ONES : (ONES = new Float64Array(n).fill(1))).subarray(0, n);

/** A column of zeros (the padding of a group), made once per plan. */
function zeros(pl: Plan): Float64Array {
  return pl.zeros ??= new Float64Array(pl.n);
}

/** A group of columns solved together: 4 (level-major, padded with empty columns) or 1. */
interface Group {
  /** Column index of each slot (-1: padding). */
  cols: number[];
  x: Float64Array[];
  r: Float64Array[];
  z: Float64Array[];
  p: Float64Array[];
  q: Float64Array[];
  te: Float64Array;
  rz: number[];
}

/** Per column CG state: solution, residual, search direction (per solved dimension). */
interface State {
  xs: Float64Array[][];
  rs: Float64Array[][];
  ps: (Float64Array[] | null)[];
}

/** The slots of the groups of `cols`: four at a time while two or more remain, then one. */
function slotsOf(cols: number[]): number[][] {
  const out: number[][] = [];
  for (let s = 0; s < cols.length;) {
    const G = cols.length - s >= 2 ? 4 : 1;
    const slots = cols.slice(s, s + G);
    s += slots.length;
    while (slots.length < G) slots.push(-1);
    out.push(slots);
  }
  return out;
}

/** Level-major arrays (stride G) of per-column level vectors (per solved dimension). */
function pack(pl: Plan, slots: number[], src: (Float64Array[] | null | undefined)[]) {
  const G = slots.length;
  return pl.r.map((d, k) => {
    const a = new Float64Array(pl.dims[d].levels * G);
    slots.forEach((j, t) => {
      const v = j < 0 ? null : src[j]?.[k];
      if (v) { for (let l = 0; l < v.length; l++) a[l * G + t] = v[l]; }
    });
    return a;
  });
}

/** A group from packed x and r; p continues each column's search direction, or starts at z. */
function makeGroup(pl: Plan, slots: number[], x: Float64Array[], r: Float64Array[], st: State) {
  const G = slots.length;
  const z = r.map((a, k) => {
    const inv = pl.inv[pl.r[k]], out = new Float64Array(a.length);
    for (let idx = 0; idx < a.length; idx++) out[idx] = a[idx] * inv[(idx - (idx % G)) / G];
    return out;
  });
  const p = pack(pl, slots, st.ps);
  slots.forEach((j, t) => {
    if (j >= 0 && st.ps[j]) return;
    p.forEach((a, k) => {
      for (let idx = t; idx < a.length; idx += G) a[idx] = z[k][idx];
    });
  });
  const g: Group = {
    cols: slots,
    x,
    r,
    z,
    p,
    q: x.map((a) => new Float64Array(a.length)),
    te: new Float64Array(pl.dims[pl.e].levels * G),
    rz: dots(r, z, G),
  };
  return g;
}

/** Per slot sums of a_t * b_t over the levels of every solved dimension (stride G). */
function dots(a: Float64Array[], b: Float64Array[], G: number): number[] {
  const s = new Array<number>(G).fill(0);
  for (let k = 0; k < a.length; k++) {
    const ak = a[k], bk = b[k];
    for (let idx = 0; idx < ak.length; idx++) s[idx % G] += ak[idx] * bk[idx];
  }
  return s;
}

/** Per column state (x, r, p per solved dimension) back from a group's level-major arrays. */
function ungroup(pl: Plan, g: Group, st: State): void {
  const G = g.cols.length;
  const take = (a: Float64Array, t: number, k: number) => {
    const v = new Float64Array(pl.dims[pl.r[k]].levels);
    for (let l = 0; l < v.length; l++) v[l] = a[l * G + t];
    return v;
  };
  g.cols.forEach((j, t) => {
    if (j < 0) return;
    st.xs[j] = g.x.map((a, k) => take(a, t, k));
    st.rs[j] = g.r.map((a, k) => take(a, t, k));
    st.ps[j] = g.p.map((a, k) => take(a, t, k));
  });
}

/** One conjugate-gradient step of a group: q = S p, then x, r, z, p. */
function step(pl: Plan, g: Group): void {
  const G = g.cols.length;
  crossToE(pl, g.p, G, g.te);
  if (pl.r.length === 1) {
    // S p = W_R p - B' A_ee^-1 B p: the first term is level-wise
    const q = g.q[0], p = g.p[0], sw = pl.sw[pl.r[0]];
    for (let idx = 0; idx < q.length; idx++) q[idx] = sw[(idx - (idx % G)) / G] * p[idx];
    crossToR(pl, g.te, G, g.q);
  } else rowsToR(pl, g.p, g.te, G, g.q);
  const pq = dots(g.p, g.q, G);
  const alpha = pq.map((v, t) => (v > 0 && g.cols[t] >= 0 ? g.rz[t] / v : 0));
  g.r.forEach((rk, k) => {
    const xk = g.x[k], zk = g.z[k], pk = g.p[k], qk = g.q[k], ik = pl.inv[pl.r[k]];
    for (let idx = 0; idx < xk.length; idx++) {
      const t = idx % G, a = alpha[t];
      xk[idx] += a * pk[idx];
      rk[idx] -= a * qk[idx];
      zk[idx] = rk[idx] * ik[(idx - t) / G];
    }
  });
  const rz = dots(g.r, g.z, G);
  const beta = rz.map((v, t) => (g.rz[t] > 0 ? v / g.rz[t] : 0));
  g.p.forEach((pk, k) => {
    const zk = g.z[k];
    for (let idx = 0; idx < pk.length; idx++) pk[idx] = zk[idx] + beta[idx % G] * pk[idx];
  });
  g.rz = rz;
}

/**
 * Preconditioned conjugate gradient on the Schur complement, the columns in groups; a column
 * leaves when sqrt(r' M^-1 r) <= tolerance x sqrt(sum w v^2). Returns each column's solved
 * coefficients, the iterations and the relative residuals reached.
 */
function conjugateGradient(columns: Float64Array[], pl: Plan, options: AbsorbOptions) {
  const tol = options.tolerance ?? 1e-13;
  const maxIter = options.maxIterations ?? 10000;
  const m = columns.length;
  const st: State = { xs: [], rs: [], ps: [] };
  const scale = new Float64Array(m);
  let groups = slotsOf(columns.map((_, j) => j)).map((slots) => {
    const G = slots.length;
    const x = pack(pl, slots, options.start?.map((s) => s && pl.r.map((d) => s[d])) ?? []);
    const r = x.map((a) => new Float64Array(a.length));
    const te = new Float64Array(pl.dims[pl.e].levels * G), norm2 = new Float64Array(G);
    const v = slots.map((j) => (j < 0 ? zeros(pl) : columns[j]));
    residualPass(pl, v, x, G, te, r, norm2);
    slots.forEach((j, t) => (j >= 0 ? (scale[j] = Math.sqrt(norm2[t])) : 0));
    return makeGroup(pl, slots, x, r, st);
  });
  const residual = columns.map(() => 0);
  // the reference each column's residual is measured against
  const floor = options.floor ?? 1e-13;
  const reference = new Float64Array(scale);
  for (const g of groups) {
    g.cols.forEach((j, t) => {
      if (j >= 0 && options.relative?.[j]) {
        reference[j] = Math.max(Math.sqrt(Math.max(g.rz[t], 0)), (floor / tol) * scale[j]);
      }
    });
  }
  let active = columns.map((_, j) => j);
  let iterations = 0;
  for (;;) {
    let changed = false;
    for (const g of groups) {
      g.cols.forEach((j, t) => {
        if (j < 0) return;
        // a zero column is converged at once (its residual is 0 whatever x)
        residual[j] = reference[j] > 0 ? Math.sqrt(Math.max(g.rz[t], 0)) / reference[j] : 0;
        if (residual[j] <= tol) changed = true;
      });
    }
    if (changed || iterations >= maxIter) {
      groups.forEach((g) => ungroup(pl, g, st));
      active = active.filter((j) => residual[j] > tol);
      if (iterations >= maxIter || active.length === 0) break;
      groups = slotsOf(active).map((slots) =>
        makeGroup(pl, slots, pack(pl, slots, st.xs), pack(pl, slots, st.rs), st)
      );
      continue;
    }
    iterations++;
    for (const g of groups) step(pl, g);
  }
  // a zero column keeps no warm start (it stays exactly zero)
  columns.forEach((_, j) => {
    if (scale[j] === 0) st.xs[j] = st.xs[j].map((a) => new Float64Array(a.length));
  });
  return { xs: st.xs, iterations, residual };
}

/**
 * With the solved dimensions' coefficients x, the eliminated one's are A_ee^-1 D_e' W
 * (v - D_R x), and the column becomes v - D_R x - D_e alpha_e (in groups of four). Returns
 * every dimension's coefficients when asked.
 */
function finish(
  columns: Float64Array[],
  pl: Plan,
  xs: Float64Array[][],
  want: boolean,
): Float64Array[][] {
  const { dims, e } = pl;
  const all: Float64Array[][] = columns.map(() => []);
  for (const slots of slotsOf(columns.map((_, j) => j))) {
    const G = slots.length;
    const ae = new Float64Array(dims[e].levels * G);
    const v = slots.map((j) => (j < 0 ? null : columns[j]));
    finishPass(pl, v, pack(pl, slots, xs), G, ae);
    if (!want) continue;
    slots.forEach((j, t) => {
      if (j < 0) return;
      const out = dims.map((d) => new Float64Array(d.levels));
      pl.r.forEach((d, k) => out[d].set(xs[j][k]));
      for (let l = 0; l < out[e].length; l++) out[e][l] = ae[l * G + t];
      all[j] = out;
    });
  }
  return all;
}

/** A demeaned column below this fraction of its weighted norm is collinear with the fixed effects. */
export const FE_COLLINEARITY_TOLERANCE = 1e-10;

/**
 * Columns that the fixed effects absorb entirely: the weighted norm of the demeaned column is at
 * most FE_COLLINEARITY_TOLERANCE x that of the column before (what is left is rounding). Such
 * columns are set to exact zeros, which the least-squares core then omits as collinear.
 *
 * @example
 * ```ts
 * const before = weightedNorms(cols, w);
 * demean(cols, dims, w);
 * zeroCollinear(cols, before, w); // [false, true]
 * ```
 */
export function zeroCollinear(
  columns: Float64Array[],
  before: number[],
  w: ArrayLike<number> | null,
): boolean[] {
  const after = weightedNorms(columns, w);
  return columns.map((c, j) => {
    const gone = after[j] <= FE_COLLINEARITY_TOLERANCE * before[j];
    if (gone) c.fill(0);
    return gone;
  });
}

/**
 * sqrt(sum w v^2) of each column (w = 1 when null).
 *
 * @example
 * ```ts
 * weightedNorms([Float64Array.from([3, 4])], null); // [5]
 * ```
 */
export function weightedNorms(columns: Float64Array[], w: ArrayLike<number> | null): number[] {
  return columns.map((c) => {
    let s = 0;
    for (let i = 0; i < c.length; i++) s += (w ? w[i] : 1) * c[i] * c[i];
    return Math.sqrt(s);
  });
}

/** Options of {@link demean}. */
export interface DemeanOptions extends AbsorbOptions {
  /** Column names for the message when the projection does not converge. */
  names?: string[];
}

/**
 * Demean columns in place on the fixed effects (weighted when `w` is given), as {@link absorb};
 * with `alphas` (one column), the coefficients removed are written there (one array per
 * dimension), so that column = demeaned + sum_d alphas[d][code_d]. Returns the conjugate-gradient
 * iterations; not converging is an InputError naming the dimensions, the column and how far it got.
 *
 * @example
 * ```ts
 * const v = new Float64Array([1, 2, 3, 6]);
 * demean([v], [encodeFactor("g", [["a", "a", "b", "b"]])], null); // v = [-0.5, 0.5, -1.5, 1.5]
 * ```
 */
export function demean(
  columns: Float64Array[],
  dims: FeDimension[],
  w: ArrayLike<number> | null,
  options: DemeanOptions = {},
  alphas?: Float64Array[],
): number {
  const r = absorb(columns, dims, w, { ...options, coefficients: alphas !== undefined });
  if (!r.converged) throw notConverged(r, dims, options);
  if (alphas && r.coefficients?.[0]) r.coefficients[0].forEach((a, d) => alphas[d].set(a));
  return r.iterations;
}

/**
 * The one-line error of a projection that did not converge: which fixed effects, which column,
 * how far (relative residual against the tolerance) after how many iterations.
 *
 * @example
 * ```ts
 * throw notConverged(absorbed, dims, { names: ["trade", "ln(dist)"] });
 * ```
 */
export function notConverged(
  r: Absorbed,
  dims: FeDimension[],
  options: DemeanOptions,
): InputError {
  let j = 0;
  r.residual.forEach((v, t) => (v > r.residual[j] ? (j = t) : 0));
  const name = options.names?.[j] ?? `column ${j + 1} of ${r.residual.length}`;
  return new InputError(
    `fixed effects ${dims.map((d) => d.name).join(", ")}: the projection of ${name} stopped at ` +
      `relative residual ${r.residual[j].toExponential(2)} after ${r.iterations} conjugate-` +
      `gradient iterations (tolerance ${options.tolerance ?? 1e-13}, limit ${
        options.maxIterations ?? 10000
      })`,
  );
}
