/**
 * Separation in Poisson models (Correia, Guimaraes and Zylkin 2021, as ppmlhdfe): observations
 * whose zero outcome is perfectly predicted by the fixed effects or the regressors. Their
 * presence makes some estimates infinite; dropping them leaves the other estimates, which
 * exist, unchanged. Two checks: fixed-effect levels whose outcomes are all zero (iterated with
 * singleton dropping), and the iterative rectifier (ReLU) for separation by the regressors.
 * @module
 */
import { demean, dropSingletons, type FeDimension, subsetFe } from "./fe.ts";
import { lsq } from "../linear/lsq.ts";

/** What the fixed-effect check keeps and drops. */
export interface FeSeparation {
  /** Kept row indices (into the input rows). */
  keep: number[];
  /** Rows dropped because a level of some dimension has only zero outcomes. */
  separated: number;
  /** Rows dropped as singletons. */
  singletons: number;
}

/**
 * Drop rows in fixed-effect levels whose outcomes are all zero, and singletons, until neither
 * is left (each can create the other).
 *
 * @example
 * ```ts
 * feSeparation(Float64Array.from([0, 0, 1, 2]), [encodeFactor("g", [["a", "a", "b", "b"]])]);
 * // { keep: [2, 3], separated: 2, singletons: 0 }
 * ```
 */
export function feSeparation(
  y: ArrayLike<number>,
  dims: FeDimension[],
  dropSingles = true,
): FeSeparation {
  let keep = Array.from({ length: y.length }, (_, i) => i);
  let cur = dims;
  let separated = 0, singletons = 0;
  // each round drops a row or ends the loop, so it ends within n + 1 rounds
  for (;;) {
    const before = keep.length;
    const alive: number[] = [];
    const sums = cur.map((d) => {
      const s = new Float64Array(d.levels);
      for (let t = 0; t < keep.length; t++) s[d.codes[t]] += y[keep[t]];
      return s;
    });
    for (let t = 0; t < keep.length; t++) {
      if (!cur.some((d, j) => sums[j][d.codes[t]] === 0)) alive.push(t);
    }
    separated += keep.length - alive.length;
    cur = subsetFe(cur, alive);
    keep = alive.map((t) => keep[t]);
    if (dropSingles && cur.length) {
      const s = dropSingletons(cur);
      singletons += s.dropped;
      cur = subsetFe(cur, s.keep);
      keep = s.keep.map((t) => keep[t]);
    }
    if (keep.length === before) break;
  }
  return { keep, separated, singletons };
}

/**
 * Rows separated by the regressors (given the fixed effects), by the iterative rectifier: find
 * z = X g (+ fixed effects) with z = 0 where y > 0 and z >= 0 where y = 0; rows with y = 0 and
 * z > 0 are separated. Each round regresses u on X and the fixed effects with weight `big` on
 * positive outcomes, then sets u = max(fitted, 0) on the zero outcomes. Returns the separated
 * row indices (empty when there is none, or when the rectifier did not settle in `maxRounds`).
 *
 * @example
 * ```ts
 * reluSeparation(Float64Array.from([0, 0, 1, 2]), [Float64Array.from([1, 0, 0, 0])], []); // [0]
 * ```
 */
export function reluSeparation(
  y: ArrayLike<number>,
  columns: Float64Array[],
  dims: FeDimension[],
  maxRounds = 100,
): number[] {
  const n = y.length;
  const zero: number[] = [];
  for (let i = 0; i < n; i++) if (y[i] === 0) zero.push(i);
  if (zero.length === 0) return [];
  const big = 1e6;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = y[i] > 0 ? big : 1;
  const u = new Float64Array(n);
  for (const i of zero) u[i] = 1;
  const intercept = dims.length === 0;
  const tol = 1e-6;
  for (let round = 0; round < maxRounds; round++) {
    const zhat = rectifierFit(u, columns, dims, w, intercept);
    // u >= 0 is zero on the positive rows; its size sets the scale of every tolerance
    let scale = 0;
    for (const i of zero) scale = Math.max(scale, u[i]);
    // u has collapsed to 0: nothing is separated
    if (scale < 1e-9) return [];
    // the regression reproduces u (to 1e-9): u = X g (+ fixed effects) is a certificate, and the
    // zero-outcome rows where it is positive (> 1e-6, far above the fit's error) are separated
    let misfit = 0;
    for (let i = 0; i < n; i++) misfit = Math.max(misfit, Math.abs(zhat[i] - u[i]));
    if (misfit <= 1e-9 * scale) return zero.filter((i) => u[i] > tol * scale);
    for (const i of zero) u[i] = Math.max(zhat[i], 0);
  }
  return [];
}

/** Fitted values of the weighted regression of u on the columns and fixed effects. */
function rectifierFit(
  u: Float64Array,
  columns: Float64Array[],
  dims: FeDimension[],
  w: Float64Array,
  intercept: boolean,
): Float64Array {
  const n = u.length;
  const ut = Float64Array.from(u);
  const xt = columns.map((c) => Float64Array.from(c));
  if (dims.length) demean([ut, ...xt], dims, w, { tolerance: 1e-10 });
  const sw = w.map(Math.sqrt);
  const cols = xt.map((x) => x.map((v, i) => v * sw[i]));
  if (intercept) cols.unshift(sw);
  // no term names: only the fitted values are read, never which columns were omitted
  const fit = lsq({ y: ut.map((v, i) => v * sw[i]), columns: cols, intercept: false, names: [] });
  const out = new Float64Array(n);
  // fitted = u - residual (the residual of the FWL regression is that of the full one)
  for (let i = 0; i < n; i++) out[i] = u[i] - (fit.residuals[i] * fit.yScale) / sw[i];
  return out;
}
