/**
 * The JSON of a fitted model (the `fit --estimator/--fe` CLI contract): the OLS fields plus the
 * estimator, fixed effects, separation and the PPML convergence report. Formatting only.
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
      }
      : {}),
  };
}
