/**
 * Separation in Poisson models (Correia, Guimaraes and Zylkin 2021, as ppmlhdfe): observations
 * whose zero outcome is perfectly predicted by the fixed effects or the regressors. Their
 * presence makes some estimates infinite; dropping them leaves the other estimates, which
 * exist, unchanged. Two checks: fixed-effect levels whose outcomes are all zero (iterated with
 * singleton dropping), and the iterative rectifier (ReLU) for separation by the regressors.
 * @module
 */
import { type FeDimension, subsetFe } from "./fe.ts";
import { absorb, demean, notConverged } from "./demean.ts";
import { lsq } from "../linear/lsq.ts";
import { newtonStep } from "./ppml_steps.ts";

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
  const n = y.length, K = dims.length;
  const codes = dims.map((d) => d.codes);
  // per level: rows alive and rows alive with a positive outcome
  const rows = dims.map((d) => new Int32Array(d.levels));
  const positive = dims.map((d) => new Int32Array(d.levels));
  for (let k = 0; k < K; k++) {
    const c = codes[k], r = rows[k], p = positive[k];
    for (let i = 0; i < n; i++) {
      r[c[i]]++;
      if (y[i] !== 0) p[c[i]]++;
    }
  }
  const alive = new Uint8Array(n).fill(1);
  const drop = (i: number) => {
    alive[i] = 0;
    for (let k = 0; k < K; k++) {
      rows[k][codes[k][i]]--;
      if (y[i] !== 0) positive[k][codes[k][i]]--;
    }
  };
  let separated = 0, singletons = 0;
  // each round drops the rows of all-zero levels, then singletons until none is left (each can
  // create the other); it ends when a round drops nothing
  for (let changed = K > 0; changed;) {
    changed = false;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      let zero = false;
      for (let k = 0; k < K && !zero; k++) zero = positive[k][codes[k][i]] === 0;
      if (zero) {
        drop(i);
        separated++;
        changed = true;
      }
    }
    for (let again = dropSingles; again;) {
      again = false;
      for (let i = 0; i < n; i++) {
        if (!alive[i]) continue;
        let single = false;
        for (let k = 0; k < K && !single; k++) single = rows[k][codes[k][i]] === 1;
        if (single) {
          drop(i);
          singletons++;
          again = changed = true;
        }
      }
    }
  }
  const keep = new Array<number>(n - separated - singletons);
  for (let i = 0, t = 0; i < n; i++) if (alive[i]) keep[t++] = i;
  return { keep, separated, singletons };
}

/** Observations dropped as separated, by reason, and what the rectifier did. */
export interface SeparationReport {
  /** In a fixed-effect level whose outcomes are all zero. */
  fixedEffects: number;
  /** Separated by the regressors (given the fixed effects), found by the rectifier. */
  regressors: number;
  /** Rectifier rounds in all, and whether every run settled (false: separation may be missed). */
  rectifierRounds: number;
  rectifierSettled: boolean;
}

/**
 * The rows PPML keeps: fixed-effect separation and singletons (feSeparation), then separation by
 * the regressors (reluSeparation), again until the rectifier finds nothing. A row separated in
 * what remains is separated in the whole (add a large multiple of the first certificate to the
 * second), so the rounds after the first find the rows a certificate of smaller support left.
 * Returns the kept row indices, the singletons dropped, the report, and the data on the kept
 * rows (the inputs themselves when nothing was dropped).
 *
 * @example
 * ```ts
 * dropSeparated(y, [lnDist], [exporterYear, importerYear], true).report.regressors;
 * ```
 */
export function dropSeparated(
  y: Float64Array,
  columns: Float64Array[],
  dims: FeDimension[],
  dropSingles: boolean,
): {
  keep: number[];
  singletons: number;
  report: SeparationReport;
  /** The outcome, columns and fixed effects on the kept rows. */
  y: Float64Array;
  columns: Float64Array[];
  dims: FeDimension[];
  /**
   * The rectifier's work columns, as long as the kept rows and free to overwrite (the IRLS takes
   * its own from them instead of allocating as many again); empty when it had none.
   */
  scratch: Float64Array[];
} {
  // null while every row is kept (no row list as long as the data until one is dropped)
  let keep: number[] | null = null;
  let fe = dims;
  let singletons = 0;
  const report: SeparationReport = {
    fixedEffects: 0,
    regressors: 0,
    rectifierRounds: 0,
    rectifierSettled: true,
  };
  // every row kept: the columns themselves, which are only read
  const pick = (c: ArrayLike<number>) => {
    if (!keep && c instanceof Float64Array) return c;
    const out = new Float64Array(keep ? keep.length : c.length);
    for (let t = 0; t < out.length; t++) out[t] = c[keep ? keep[t] : t];
    return out;
  };
  const rowList = () => keep ?? Array.from({ length: y.length }, (_, i) => i);
  for (;;) {
    const s = feSeparation(pick(y), fe, dropSingles);
    report.fixedEffects += s.separated;
    singletons += s.singletons;
    // nothing dropped: the same rows (no copy of a row list as long as the data)
    if (s.keep.length < (keep ? keep.length : y.length)) {
      const before = keep;
      keep = before ? s.keep.map((t) => before[t]) : s.keep;
      fe = subsetFe(fe, s.keep);
    }
    const yk = pick(y), xk = columns.map(pick);
    const scratch: Float64Array[] = [];
    const found = rectify(yk, xk, fe, {
      report: (r) => {
        report.rectifierRounds += r.rounds;
        report.rectifierSettled &&= r.settled;
      },
    }, scratch);
    if (found.length === 0) {
      return { keep: rowList(), singletons, report, y: yk, columns: xk, dims: fe, scratch };
    }
    report.regressors += found.length;
    const drop = new Set(found);
    const all = rowList();
    const left = all.map((_, t) => t).filter((t) => !drop.has(t));
    keep = left.map((t) => all[t]);
    fe = subsetFe(fe, left);
  }
}

/** Round from which the rectifier extrapolates every third round (earlier rounds rarely need it). */
const EXTRAPOLATE_FROM = 10;

/** Options of {@link reluSeparation}. */
export interface ReluOptions {
  /** Rounds before giving up (default 1000). */
  maxRounds?: number;
  /** Report of the rounds (called once at the end). */
  report?: (r: { rounds: number; settled: boolean }) => void;
}

/**
 * Rows separated by the regressors (given the fixed effects), by the iterative rectifier
 * (Correia, Guimaraes and Zylkin 2021): find z = X g (+ fixed effects) with z = 0 where y > 0
 * and z >= 0 where y = 0; rows with y = 0 and z > 0 are separated. Each round regresses u on X
 * and the fixed effects with weight `big` on positive outcomes, then sets u = max(fitted, 0) on
 * the zero outcomes; it stops when the regression reproduces u (u is then a certificate: the
 * zero rows where it is positive are separated) or u vanishes (nothing is). When no residual on
 * the zero rows is negative, the rows with a positive one are provably not separated and join
 * the equality rows. The rounds converge linearly when they approach a certificate: from round
 * 10 on, every third round u is extrapolated from the last three (Irons-Tuck, then clipped at 0),
 * which changes where the rounds go, never what stops them. The regressors are demeaned once per set of
 * weights. Returns the separated row indices (empty when there is none, or when the rectifier
 * did not settle in `maxRounds`, which `report` tells).
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
  options: ReluOptions | number = {},
): number[] {
  return rectify(y, columns, dims, options, []);
}

/** {@link reluSeparation}, leaving its work columns (each as long as y) in `scratch`. */
function rectify(
  y: ArrayLike<number>,
  columns: Float64Array[],
  dims: FeDimension[],
  options: ReluOptions | number,
  scratch: Float64Array[],
): number[] {
  const o = typeof options === "number" ? { maxRounds: options } : options;
  const maxRounds = o.maxRounds ?? 1000;
  const n = y.length;
  // the zero-outcome rows (a typed list: on trade panels most of the data)
  let count = 0;
  for (let i = 0; i < n; i++) if (y[i] === 0) count++;
  if (count === 0) return [];
  let zero = new Int32Array(count);
  for (let i = 0, t = 0; i < n; i++) if (y[i] === 0) zero[t++] = i;
  const big = 1e6;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = y[i] > 0 ? big : 1;
  // buffers of every round: u's projection and the residual
  const work = { ut: new Float64Array(n), residual: new Float64Array(n) };
  const u = new Float64Array(n);
  for (const i of zero) u[i] = 1;
  // the first round's u is projected with the regressors (one pass over the data for both)
  work.ut.set(u);
  let design = rectifierDesign(columns, dims, w, work.ut);
  scratch.push(w, work.ut, work.residual, u, ...design.xt);
  // the last iterates of u on the zero rows, for the extrapolation
  let history: Float64Array[] = [];
  for (let round = 0; round < maxRounds; round++) {
    // u >= 0 is zero on the positive rows; its size sets the scale of every tolerance
    let scale = 0;
    for (const i of zero) scale = Math.max(scale, u[i]);
    // u has collapsed to 0: nothing is separated
    if (scale < 1e-9) return done(o, round, true, []);
    const e = rectifierResidual(u, design, dims, w, work);
    // the regression reproduces u (to 1e-9): u = X g (+ fixed effects) is a certificate, and the
    // zero-outcome rows where it is positive (> 1e-6, far above the fit's error) are separated
    let misfit = 0, low = Infinity;
    for (let i = 0; i < n; i++) misfit = Math.max(misfit, Math.abs(e.residual[i]));
    if (misfit <= 1e-9 * scale) {
      return done(o, round + 1, true, Array.from(zero.filter((i) => u[i] > 1e-6 * scale)));
    }
    // no negative residual on the zero rows: every certificate z satisfies sum z e = 0 (the
    // normal equations; z = 0 on the positive rows), so z = 0 wherever e > 0. Those rows are not
    // separated and join the equality rows (weight big), which leaves the certificates unchanged
    for (const i of zero) low = Math.min(low, e.residual[i]);
    if (low >= -1e-9 * scale) {
      let moved = 0;
      for (const i of zero) {
        if (e.residual[i] > 1e-7 * scale) {
          w[i] = big;
          u[i] = 0;
          moved++;
        }
      }
      if (moved) {
        zero = zero.filter((i) => w[i] === 1);
        if (zero.length === 0) return done(o, round + 1, true, []);
        design = rectifierDesign(columns, dims, w);
        history = [];
        continue;
      }
    }
    for (const i of zero) u[i] = Math.max(u[i] - e.residual[i], 0);
    if (round >= EXTRAPOLATE_FROM) history.push(Float64Array.from(zero, (i) => u[i]));
    if (history.length === 3) {
      extrapolate(history, u, zero);
      history = [];
    }
  }
  return done(o, maxRounds, false, []);
}

/**
 * Irons-Tuck extrapolation of u from three successive iterates x0, x1, x2 (on the zero rows):
 * x2 - (d2.(d2 - d1) / |d2 - d1|^2) d2, d1 = x1 - x0, d2 = x2 - x1; clipped at 0.
 */
function extrapolate(h: Float64Array[], u: Float64Array, zero: Int32Array): void {
  const [x0, x1, x2] = h;
  let num = 0, den = 0;
  for (let t = 0; t < x2.length; t++) {
    const d2 = x2[t] - x1[t], dd = d2 - (x1[t] - x0[t]);
    num += d2 * dd;
    den += dd * dd;
  }
  if (!(den > 0)) return;
  const f = num / den;
  zero.forEach((i, t) => (u[i] = Math.max(x2[t] - f * (x2[t] - x1[t]), 0)));
}

/**
 * The regressors demeaned with the rectifier's weights (with an intercept when there are no
 * fixed effects), and the same scaled by sqrt(w) for the QR core (made when first needed).
 */
function rectifierDesign(
  columns: Float64Array[],
  dims: FeDimension[],
  w: Float64Array,
  target?: Float64Array,
) {
  const n = w.length;
  const xt = columns.map((c) => Float64Array.from(c));
  const names = columns.map((_, j) => `regressor ${j + 1}`);
  if (dims.length === 0) xt.unshift(new Float64Array(n).fill(1));
  else if (target) demean([target, ...xt], dims, w, { names: [TARGET, ...names] });
  else demean(xt, dims, w, { names });
  return {
    xt,
    scaled: null as null | { sw: Float64Array; cols: Float64Array[] },
    // the target projected with the regressors, until the first round reads it
    projected: dims.length && target ? target : null,
  };
}

/** The rectifier's target in the messages of a projection that did not converge. */
const TARGET = "the rectifier's target";

/** Report the rounds and return the answer. */
function done(o: ReluOptions, rounds: number, settled: boolean, rows: number[]): number[] {
  o.report?.({ rounds, settled });
  return rows;
}

/**
 * The residual u - fitted of the weighted regression of u on the demeaned columns and the fixed
 * effects: by the corrected semi-normal equations (Cholesky of X~'WX~, the residual, one
 * correction from it: the QR core's accuracy for all but badly conditioned designs, at a few
 * passes), or by the QR core when the normal equations are not positive definite (collinear
 * columns). The projection starts cold: with three or more dimensions a warm start carried over
 * hundreds of rounds drifts along the fixed effects' redundant directions until the products
 * lose their precision.
 */
function rectifierResidual(
  u: Float64Array,
  design: ReturnType<typeof rectifierDesign>,
  dims: FeDimension[],
  w: Float64Array,
  work: { ut: Float64Array; residual: Float64Array },
): { residual: Float64Array } {
  const n = u.length;
  const { ut, residual } = work;
  if (design.projected === ut) design.projected = null;
  else {
    ut.set(u);
    if (dims.length) {
      const a = absorb([ut], dims, w);
      if (!a.converged) throw notConverged(a, dims, { names: [TARGET] });
    }
  }
  const xt = design.xt;
  const g = newtonStep(ut, xt, w);
  if (g) {
    residual.set(ut);
    for (let j = 0; j < xt.length; j++) addScaled(residual, -g[j], xt[j]);
    const dg = newtonStep(residual, xt, w);
    if (dg) {
      for (let j = 0; j < xt.length; j++) addScaled(residual, -dg[j], xt[j]);
      return { residual };
    }
  }
  const s = design.scaled ??= {
    sw: w.map(Math.sqrt),
    cols: xt.map((x) => x.map((v, i) => v * Math.sqrt(w[i]))),
  };
  for (let i = 0; i < n; i++) ut[i] *= s.sw[i];
  // no term names: only the residuals are read, never which columns were omitted
  const fit = lsq({ y: ut, columns: s.cols, intercept: false, names: [], refine: "auto" });
  // the residual of the FWL regression is that of the full one
  for (let i = 0; i < n; i++) residual[i] = (fit.residuals[i] * fit.yScale) / s.sw[i];
  return { residual };
}

/** v += c x. */
function addScaled(v: Float64Array, c: number, x: Float64Array): void {
  for (let i = 0; i < v.length; i++) v[i] += c * x[i];
}
