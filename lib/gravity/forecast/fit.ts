/**
 * The log-linear gravity fit used for forecasting, with what a prediction interval needs:
 * coefficients (from `ols`), the residual standard error and (X'X)^-1. The interval of a new
 * row x0 is the standard OLS prediction interval in logs (lib/stats/prediction.ts),
 * fitted ± t(df, (1 + level) / 2) · s · sqrt(1 + x0' (X'X)^-1 x0), exponentiated.
 * @module
 */
import { ols } from "../../stats/linear/ols.ts";
import { predictionInterval, quadraticForm, xtxInverse } from "../../stats/prediction.ts";
import type { DesignRow } from "../types.ts";

/** A fit ready to predict new rows with intervals (plain JSON). */
export interface ForecastFit {
  /** Terms with a coefficient (collinear terms omitted), intercept first as "(Intercept)". */
  terms: string[];
  coefficients: Record<string, number>;
  /** (X'X)^-1 over `terms`, row-major. */
  xtxInv: number[][];
  sigma: number;
  df: number;
  n: number;
  r2: number;
  /** First and last year of the estimation sample. */
  years: { from: number; to: number };
  /** The estimation sample (for robust covariances): design rows over `terms`, residuals, partner. */
  sample: { x: number[][]; residuals: number[]; country: string[] };
}

/** A prediction of ln(trade) and its interval, in levels too. */
export interface ForecastPrediction {
  fitted: number;
  /** Standard error of the prediction (new observation): s sqrt(1 + x0'(X'X)^-1 x0). */
  sePrediction: number;
  /** Standard error of the fitted mean: s sqrt(x0'(X'X)^-1 x0). */
  seMean: number;
  /** exp(fitted): the median of the log-normal prediction. */
  predicted: number;
  lo: number;
  hi: number;
}

/**
 * Fit ln y on the named terms over complete design rows; a one-line reason when it cannot.
 *
 * @example
 * ```ts
 * const f = fitForecast(design.filter((r) => r.complete), ["ln_gdp", "ln_dist"]);
 * if ("reason" in f) console.log(f.reason); else f.coefficients;
 * ```
 */
export function fitForecast(rows: DesignRow[], terms: string[]): ForecastFit | { reason: string } {
  const k = terms.length + 1;
  if (rows.length <= k) {
    return { reason: `${rows.length} complete country-years for ${k} coefficients (need N > k)` };
  }
  let fit;
  try {
    fit = ols(
      rows.map((r) => r.y as number),
      terms.map((t) => ({ name: t, values: rows.map((r) => r.x[t] as number) })),
      { intercept: true },
    );
  } catch (e) {
    return { reason: (e as Error).message.split("\n")[0] };
  }
  if (!(fit.dfResidual > 0)) return { reason: "no residual degrees of freedom" };
  const used = fit.coefficients.map((c) => c.term);
  const xtxInv = xtxInverse(
    fit.rows.map((i) => used.map((t) => (t === "(Intercept)" ? 1 : rows[i].x[t] as number))),
  );
  const coefficients: Record<string, number> = {};
  for (const c of fit.coefficients) coefficients[c.term] = c.estimate;
  const years = rows.map((r) => r.year);
  const usedRows = fit.rows.map((i) => rows[i]);
  return {
    terms: used,
    coefficients,
    xtxInv,
    sigma: fit.sigma,
    df: fit.dfResidual,
    n: fit.n,
    r2: fit.r2,
    years: { from: Math.min(...years), to: Math.max(...years) },
    sample: {
      x: usedRows.map((r) => used.map((t) => (t === "(Intercept)" ? 1 : r.x[t] as number))),
      residuals: fit.residuals,
      country: usedRows.map((r) => r.country),
    },
  };
}

/**
 * Predict one row: fitted log, its standard errors and the `level` prediction interval in
 * levels. Null when a regressor of the fit is missing.
 *
 * @example
 * ```ts
 * predictRow(fit, row.x, 0.9); // { fitted, predicted, lo, hi, ... }
 * ```
 */
export function predictRow(
  fit: ForecastFit,
  x: Record<string, number | null>,
  level: number,
): ForecastPrediction | null {
  const x0: number[] = [];
  for (const t of fit.terms) {
    const v = t === "(Intercept)" ? 1 : x[t];
    if (v === null || v === undefined || !Number.isFinite(v)) return null;
    x0.push(v);
  }
  let fitted = 0;
  for (let a = 0; a < x0.length; a++) fitted += fit.coefficients[fit.terms[a]] * x0[a];
  const pi = predictionInterval(fitted, quadraticForm(x0, fit.xtxInv), fit.sigma, fit.df, level);
  return {
    fitted,
    sePrediction: pi.sePrediction,
    seMean: pi.seMean,
    predicted: Math.exp(fitted),
    lo: Math.exp(pi.lower),
    hi: Math.exp(pi.upper),
  };
}
