/**
 * Estimators on a design: least squares (plain, weighted, or with absorbed fixed effects) and
 * PPML. Each returns an {@link Estimate}: the final least-squares factor, score rows for the
 * sandwich, the rows used and what was dropped; inference.ts turns it into standard errors.
 * @module
 */
import { InputError } from "../../errors.ts";
import type { Design } from "./design.ts";
import { dropSingletons, feDegreesOfFreedom, type FeDimension, subsetFe } from "./fe.ts";
import { demean, weightedNorms, zeroCollinear } from "./demean.ts";
import type { ScoreRows } from "../vcov.ts";
import { lsq, type LsqFit } from "../linear/lsq.ts";
import { ppmlIrls } from "./ppml.ts";
import { dropSeparated, type SeparationReport } from "./separation.ts";
import type { Estimator } from "./spec.ts";

/** What an estimator hands to inference and to the result. */
export interface Estimate {
  estimator: Estimator;
  fit: LsqFit;
  /** Design term names (fit.kept indexes them). */
  names: string[];
  scores: ScoreRows;
  n: number;
  /** Input row of each used row. */
  rows: number[];
  /** Fixed effects on the used rows, and the degrees of freedom they take. */
  fe: FeDimension[];
  dfFe: number;
  singletons: number;
  separated: number;
  /** Classical covariance = bread (scaled) x this. */
  classicalScale: number;
  dfResidual: number;
  /** HC2/HC3 need leverages of the whole design: only without absorbed fixed effects. */
  leverageOk: boolean;
  /** Dependent as modelled, and the linear predictor (fitted y, or ln mu), per used row. */
  y: Float64Array;
  linear: Float64Array;
  /** PPML offset on the used rows (part of `linear`), when the model has one. */
  offset?: Float64Array;
  ppml?: PpmlReport;
  /** PPML: the rows dropped as separated, by reason, and the rectifier's work. */
  separation?: SeparationReport;
  /** Conjugate-gradient iterations of the fixed-effect projections (all of them for PPML). */
  feIterations?: number;
  /** Residual sum of squares (original units) for OLS. */
  rss?: number;
  /**
   * Columns as long as the used rows that nothing reads once the covariance is computed (PPML:
   * the IRLS's last weights and means), free for the steps after it to overwrite.
   */
  spare?: Float64Array[];
}

/** The IRLS's account of its work. */
export interface PpmlReport {
  iterations: number;
  deviance: number;
  tolerance: number;
  converged: true;
  /** Tolerance the fixed-effect projections reached in the last iteration (0 without any). */
  feTolerance: number;
}

/** Options the estimators take from the specification. */
export interface EstimateOptions {
  intercept: boolean;
  tolerance?: number;
  maxIterations?: number;
  dropSingletons: boolean;
  /** One-line progress reports (PPML iterations). */
  progress?: (line: string) => void;
}

/**
 * y, x and weights on the given input rows (increasing): copies, or the columns themselves when
 * every row is used and they are Float64Arrays already (they are only read).
 */
function compact(d: Design, rows: number[]) {
  const pick = (c: ArrayLike<number>) => {
    if (rows.length === c.length && c instanceof Float64Array) return c;
    const out = new Float64Array(rows.length);
    for (let t = 0; t < rows.length; t++) out[t] = c[rows[t]];
    return out;
  };
  return { y: pick(d.y), x: d.x.map(pick), w: d.weights ? pick(d.weights) : null };
}

/** Every fixed-effect dimension needs two levels or more. */
function checkLevels(fe: FeDimension[]) {
  for (const f of fe) {
    if (f.levels < 2) {
      throw new InputError(
        `fixed effect "${f.name}" has one level in the usable rows: it is a constant, drop it`,
      );
    }
  }
}

/** Rows after singleton dropping (with fixed effects), as input rows and compact dims. */
function afterSingletons(d: Design, drop: boolean) {
  let fe = d.rows.length === d.N ? d.fe : subsetFe(d.fe, d.rows);
  checkLevels(fe);
  let rows = d.rows;
  let singletons = 0;
  if (drop && fe.length) {
    const s = dropSingletons(fe);
    singletons = s.dropped;
    fe = subsetFe(fe, s.keep);
    rows = s.keep.map((t) => rows[t]);
  }
  return { fe, rows, singletons };
}

/**
 * Score rows of a least-squares fit on compact, already weighted columns: with `w`, the columns
 * were multiplied by sqrt(w), which each row's regressors are divided by again.
 */
function fitScores(fit: LsqFit, e?: (t: number) => number, w?: Float64Array): ScoreRows {
  return {
    n: fit.n,
    load: (t, x) => {
      const i = fit.row(t);
      const s = w ? Math.sqrt(w[t]) : 1;
      for (let a = 0; a < fit.k; a++) x[a] = fit.xv(fit.kept[a], i) / s;
      return e ? e(t) : fit.residuals[t];
    },
  };
}

/**
 * Least squares: plain (columns read in place), weighted, or with absorbed fixed effects
 * (singletons dropped, y and X demeaned on the fixed effects (demean.ts), weighted when weights are
 * given).
 *
 * @example
 * ```ts
 * const est = olsEstimate(buildModelDesign(spec, data), { intercept: true, dropSingletons: true });
 * ```
 */
export function olsEstimate(d: Design, o: EstimateOptions): Estimate {
  if (d.offset) throw new InputError(`an offset is supported with PPML only`);
  const { fe, rows, singletons } = afterSingletons(d, o.dropSingletons);
  const plain = fe.length === 0 && !d.weights;
  const intercept = fe.length === 0 && o.intercept;
  const names = [...(intercept ? ["(Intercept)"] : []), ...d.names];
  const { y, x, w } = compact(d, rows);
  let fit: LsqFit;
  let feIterations = 0;
  if (plain) fit = lsq({ y, columns: x, intercept, names });
  else {
    const yt = Float64Array.from(y), xt = x.map((c) => Float64Array.from(c));
    if (fe.length) {
      const before = weightedNorms(xt, w);
      feIterations = demean([yt, ...xt], fe, w, {
        names: [`"${d.dependent}"`, ...d.names.map((s) => `"${s}"`)],
      });
      // a regressor the fixed effects absorb leaves rounding: zeros, omitted by the core
      zeroCollinear(xt, before, w);
    }
    const sw = w ? w.map(Math.sqrt) : null;
    const cols = sw ? xt.map((c) => c.map((v, i) => v * sw[i])) : xt;
    if (intercept) cols.unshift(sw ?? new Float64Array(y.length).fill(1));
    fit = lsq({ y: sw ? yt.map((v, i) => v * sw[i]) : yt, columns: cols, intercept: false, names });
  }
  const n = rows.length;
  const dfFe = feDegreesOfFreedom(fe);
  const dfResidual = n - fit.k - dfFe;
  if (dfResidual <= 0) {
    throw new InputError(`too few observations: ${n} rows for ${fit.k + dfFe} parameters`);
  }
  let rss = 0;
  for (let t = 0; t < n; t++) rss += fit.residuals[t] ** 2;
  const linear = new Float64Array(n);
  const sw = w ? w.map(Math.sqrt) : null;
  for (let t = 0; t < n; t++) linear[t] = y[t] - (fit.residuals[t] * fit.yScale) / (sw ? sw[t] : 1);
  return {
    estimator: "ols",
    fit,
    names,
    scores: fitScores(fit),
    n,
    rows,
    fe,
    dfFe,
    singletons,
    separated: 0,
    classicalScale: rss / dfResidual,
    dfResidual,
    leverageOk: fe.length === 0,
    y,
    linear,
    ...(fe.length ? { feIterations } : {}),
    rss: rss * fit.yScale * fit.yScale,
  };
}

/** PPML input checks: y >= 0 and not all zero (one-line errors). */
function checkPoisson(d: Design) {
  let positive = 0;
  for (const i of d.rows) {
    if (d.y[i] < 0) {
      throw new InputError(
        `${d.file}: row ${i + 2}: dependent "${d.dependent}" is negative (${
          d.y[i]
        }); PPML needs y >= 0`,
      );
    }
    if (d.y[i] > 0) positive++;
  }
  if (positive === 0) {
    throw new InputError(
      `${d.file}: dependent "${d.dependent}" is zero in all ${d.rows.length} usable rows: nothing to estimate`,
    );
  }
  if (d.weights) throw new InputError(`PPML with weights is not supported yet`);
}

/** PPML rows: the rows left after the separation checks (separation.ts), singletons dropped. */
function ppmlRows(d: Design, o: EstimateOptions) {
  const fe = d.rows.length === d.N ? d.fe : subsetFe(d.fe, d.rows);
  checkLevels(fe);
  const { y, x } = compact(d, d.rows);
  const s = dropSeparated(y, x, fe, o.dropSingletons);
  return {
    rows: s.keep.length === d.rows.length ? d.rows : s.keep.map((t) => d.rows[t]),
    fe: s.dims,
    singletons: s.singletons,
    separation: s.report,
    y: s.y,
    x: s.columns,
    scratch: s.scratch,
  };
}

/**
 * PPML by IRLS (ppml.ts) on the rows left after separation checks; scores for the sandwich are
 * the demeaned regressors times the raw residual y - mu.
 *
 * @example
 * ```ts
 * const est = ppmlEstimate(buildModelDesign({ ...spec, estimator: "ppml" }, data), opts);
 * ```
 */
export function ppmlEstimate(d: Design, o: EstimateOptions): Estimate {
  checkPoisson(d);
  const { rows, fe, singletons, separation, y, x, scratch } = ppmlRows(d, o);
  checkLevels(fe);
  const offset = d.offset ? Float64Array.from(rows, (i) => d.offset![i]) : undefined;
  let r;
  try {
    r = ppmlIrls(y, x, d.names, fe, {
      offset,
      tolerance: o.tolerance,
      maxIterations: o.maxIterations,
      intercept: o.intercept,
      progress: o.progress,
      scratch,
    });
  } catch (e) {
    // a separation the rectifier could not rule out is the likely cause: say so
    if (e instanceof InputError && !separation.rectifierSettled) {
      throw new InputError(
        `${e.message} (the separation check by the regressors did not settle in ` +
          `${separation.rectifierRounds} rounds: some observations may be separated)`,
      );
    }
    throw e;
  }
  const n = rows.length;
  const yInv = 1 / r.fit.yScale;
  const dfFe = feDegreesOfFreedom(fe);
  return {
    estimator: "ppml",
    fit: r.fit,
    names: r.names,
    scores: fitScores(r.fit, (t) => (y[t] - r.mu[t]) * yInv, r.weights),
    n,
    rows,
    fe,
    dfFe,
    singletons,
    separated: separation.fixedEffects + separation.regressors,
    separation,
    classicalScale: yInv * yInv,
    dfResidual: n - r.fit.k - dfFe,
    leverageOk: false,
    y,
    linear: r.eta,
    ...(offset ? { offset } : {}),
    ppml: {
      iterations: r.iterations,
      deviance: r.deviance,
      tolerance: r.tolerance,
      converged: true,
      feTolerance: r.feTolerance,
    },
    ...(fe.length ? { feIterations: r.feSweepsTotal } : {}),
    spare: [r.mu, r.weights],
  };
}
