/**
 * Shared result shapes of the statistics core (plain, JSON-serialisable objects).
 * @module
 */

/** Standard-error types: classical, heteroskedasticity-robust (MacKinnon-White) and clustered. */
export type SeType = "classical" | "hc0" | "hc1" | "hc2" | "hc3" | "cluster";

/** One named regressor column; NaN marks a missing value (dropped listwise). */
export interface NamedColumn {
  name: string;
  values: ArrayLike<number>;
}

/** Options for `ols`. */
export interface OlsOptions {
  /** Add an intercept term "(Intercept)" first (default true). */
  intercept?: boolean;
  /** Standard-error type (default "classical"). */
  se?: SeType;
  /** Cluster labels, one per row; required when `se` is "cluster". */
  cluster?: ArrayLike<string | number>;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
  /**
   * Iterative refinement of the QR solution: "always", "auto" (only when the condition estimate
   * of R asks for it: 1-norm estimate above 1e4) or "never". Default "auto".
   */
  refine?: "always" | "auto" | "never";
}

/** One row of a coefficient table. */
export interface Coefficient {
  term: string;
  estimate: number;
  stdError: number;
  t: number;
  p: number;
  ciLower: number;
  ciUpper: number;
}

/** A fitted least-squares regression with inference. */
export interface OlsResult {
  /** Observations used. */
  n: number;
  /** Estimated coefficients (after omitted terms are removed). */
  k: number;
  dfResidual: number;
  coefficients: Coefficient[];
  r2: number;
  adjR2: number;
  fStatistic: number;
  fPValue: number;
  /** Root mean squared error, sqrt(RSS / dfResidual). */
  sigma: number;
  se: SeType;
  /** Number of clusters when se is "cluster". */
  clusters?: number;
  /** Rows dropped because a used column was missing there. */
  nDropped: number;
  /** Terms dropped as (numerically) collinear with earlier ones, Stata-style. */
  omitted: string[];
  /** Residuals and fitted values of the rows used, in input order. */
  residuals: number[];
  fitted: number[];
  /** Input row index of each used row (so residuals/fitted can be matched back). */
  rows: number[];
  /** Variance inflation factor per slope term (NaN with fewer than two slopes). */
  vif: { term: string; vif: number }[];
}

/** Options for `pca`. */
export interface PcaOptions {
  /** Standardize (correlation-matrix PCA, default true); false uses the covariance matrix. */
  scale?: boolean;
  /**
   * How to return the component scores: "rows" (default, `scores[i][c]`), "columns" (one
   * Float64Array per component in `scoreColumns`, `scores` empty: fast for millions of rows) or
   * "none" (`scores` empty).
   */
  scores?: "rows" | "columns" | "none";
}

/** Principal components of a set of columns, with KMO and Bartlett's test. */
export interface PcaResult {
  /** Observations used (rows complete in every column). */
  n: number;
  /** Rows dropped because some column was missing there (NaN). */
  nDropped: number;
  /** Input row index of each used row (matches `scores`). */
  rows: number[];
  variables: string[];
  scaled: boolean;
  /** Eigenvalues, descending (n-1 denominator). */
  eigenvalues: number[];
  proportion: number[];
  cumulative: number[];
  /** loadings[v][c]: unit-length eigenvector entries, rows = variables, columns = components. */
  loadings: number[][];
  /** scores[i][c]: component scores of observation i (centered, scaled if `scaled`). */
  scores: number[][];
  /** scoreColumns[c][i]: the same scores by component, when asked for with `scores: "columns"`. */
  scoreColumns?: Float64Array[];
  /** Kaiser-Meyer-Olkin measure of sampling adequacy. */
  kmo: { overall: number; perVariable: number[] };
  /** Bartlett's test of sphericity. */
  bartlett: { chi2: number; df: number; p: number };
}
