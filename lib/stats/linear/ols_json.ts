/**
 * The plain JSON of an OLS result (the `fit` command's contract and the study's regression):
 * no residuals, NaN and Infinity as null.
 * @module
 */
import type { Coefficient, OlsResult } from "../types.ts";

/** The JSON shape of the `fit` command (the CLI contract). */
export interface RegressionJson {
  n: number;
  k: number;
  dfResidual: number;
  r2: number;
  adjR2: number;
  fStatistic: number | null;
  fPValue: number | null;
  sigma: number;
  se: string;
  clusters?: number;
  nDropped: number;
  omitted: string[];
  coefficients: Coefficient[];
  vif: { term: string; vif: number | null }[];
}

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * The plain JSON object of an OLS result (no residuals; NaN/Infinity become null).
 *
 * @example
 * ```ts
 * regressionJson(ols(y, [{ name: "x", values: x }])).coefficients[0].term; // "(Intercept)"
 * ```
 */
export function regressionJson(result: OlsResult): RegressionJson {
  return {
    n: result.n,
    k: result.k,
    dfResidual: result.dfResidual,
    r2: result.r2,
    adjR2: result.adjR2,
    fStatistic: finiteOrNull(result.fStatistic),
    fPValue: finiteOrNull(result.fPValue),
    sigma: result.sigma,
    se: result.se,
    ...(result.clusters !== undefined ? { clusters: result.clusters } : {}),
    nDropped: result.nDropped,
    omitted: result.omitted,
    coefficients: result.coefficients.map((c) => ({ ...c })),
    vif: result.vif.map((v) => ({ term: v.term, vif: finiteOrNull(v.vif) })),
  };
}
