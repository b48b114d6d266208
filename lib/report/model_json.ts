/**
 * The JSON of a fitted model (the `fit --estimator/--fe` CLI contract): the OLS fields plus the
 * estimator, fixed effects, separation (by reason) and the work done: PPML iterations, the
 * fixed-effect projections' conjugate-gradient iterations and final tolerance. Formatting only.
 * @module
 */
import type { ModelResult } from "../stats/model/fit.ts";
import type { Coefficient } from "../stats/types.ts";

/** The JSON shape of a {@link ModelResult} (no per-row arrays; NaN/Infinity become null). */
export interface ModelJson {
  estimator: string;
  dependent: string;
  n: number;
  k: number;
  dfResidual: number;
  se: string;
  clusters?: number[];
  coefficients: Coefficient[];
  /** Absorbed dimensions with their levels; singletons dropped over all of them. */
  fe: { dimension: string; levels: number }[];
  singletons: number;
  separated: number;
  nDropped: number;
  nZeroDropped: number;
  omitted: string[];
  r2: number | null;
  adjR2?: number | null;
  iterations?: number;
  converged?: boolean;
  deviance?: number;
  tolerance?: number;
  pseudoR2?: number | null;
  /** PPML: Pearson chi-square / residual df (1 when the variance equals the mean). */
  dispersion?: number | null;
  /** One-line warnings about the fit (e.g. model-based SEs on overdispersed PPML). */
  warnings?: string[];
  /** Conjugate-gradient iterations of the fixed-effect projections (all IRLS iterations for PPML). */
  feIterations?: number;
  /** PPML: tolerance the projections reached in the last iteration. */
  feTolerance?: number;
  /** PPML: observations dropped as separated, by reason, and the rectifier's work. */
  separation?: {
    fixedEffects: number;
    regressors: number;
    rectifierRounds: number;
    rectifierSettled: boolean;
  };
}

const fin = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);

/**
 * The plain JSON object of a fitted model.
 *
 * @example
 * ```ts
 * JSON.stringify(modelJson(fitModel(spec, data)));
 * ```
 */
export function modelJson(r: ModelResult): ModelJson {
  const ppml = r.estimator === "ppml";
  return {
    estimator: r.estimator,
    dependent: r.dependent,
    n: r.n,
    k: r.k,
    dfResidual: r.dfResidual,
    se: r.se,
    ...(r.clusters ? { clusters: r.clusters } : {}),
    coefficients: r.coefficients.map((c) => ({ ...c })),
    fe: r.fe.map((f) => ({ dimension: f.dimension, levels: f.levels })),
    singletons: r.singletons,
    separated: r.separated,
    nDropped: r.nDropped,
    nZeroDropped: r.nZeroDropped,
    omitted: r.omitted,
    r2: fin(r.r2),
    ...(ppml ? {} : { adjR2: fin(r.adjR2) }),
    ...(ppml
      ? {
        iterations: r.iterations,
        converged: r.converged,
        deviance: r.deviance,
        tolerance: r.tolerance,
        pseudoR2: fin(r.pseudoR2),
        dispersion: fin(r.dispersion),
      }
      : {}),
    ...(r.feIterations !== undefined ? { feIterations: r.feIterations } : {}),
    ...(ppml && r.feTolerance !== undefined ? { feTolerance: r.feTolerance } : {}),
    ...(r.separation ? { separation: { ...r.separation } } : {}),
    ...(r.warnings?.length ? { warnings: [...r.warnings] } : {}),
  };
}
