/**
 * The model specification: what to estimate, independent of how. A plain, JSON-serialisable
 * object: dependent variable, terms, fixed-effect dimensions (a column or an interaction `a^b`),
 * weights, the estimator and the standard errors.
 * @module
 */
import { InputError } from "../../errors.ts";
import { parseFe } from "./fe.ts";

/** Estimators: least squares (with absorbed fixed effects when `fe` is given) or PPML. */
export type Estimator = "ols" | "ppml";

/** A model to estimate. */
export interface ModelSpec {
  /** Dependent term: `COL` or `ln(COL)`. With OLS, rows where ln's argument is 0 are dropped and counted. */
  dependent: string;
  /** Regressor terms (`COL` or `ln(COL)`). */
  terms: string[];
  /** Fixed-effect dimensions, each `COL` or `COL^COL...` (absorbed, not estimated as dummies). */
  fe?: string[];
  /** Column of non-negative observation weights. */
  weights?: string;
  /**
   * PPML only: a column added to the linear predictor with its coefficient fixed at 1 (Stata's
   * `offset()`, statsmodels' `offset=`), e.g. ln of trade costs held at given values.
   */
  offset?: string;
  /** Default "ols". */
  estimator?: Estimator;
  /** Intercept (default true without fixed effects; with fixed effects there is none). */
  intercept?: boolean;
  /**
   * "classical" (alias "iid": model-based), "hc0".."hc3", or "cluster:COL" / "cluster:A,B"
   * (two-way). Default {@link defaultSe}: classical for OLS, hc0 (heteroskedasticity-robust) for
   * PPML, whose model-based variance assumes the variance equals the mean.
   */
  se?: string;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
  /** PPML convergence tolerance on the relative deviance change (default 1e-10). */
  tolerance?: number;
  /** PPML iteration limit (default 100). */
  maxIterations?: number;
  /**
   * K in the small-sample factors (hc1, cluster): "nested" (default, fixest's and reghdfe's
   * rule) counts the slopes and the fixed-effect degrees of freedom except dimensions nested in
   * the clusters; "slopes" counts the slopes only (fixest's fixef.K = "none"; what the R
   * tradepolicy book's clustered SEs use).
   */
  seK?: "nested" | "slopes";
  /** Drop singletons (default true, as reghdfe / ppmlhdfe). */
  dropSingletons?: boolean;
}

/**
 * The standard errors a specification gets when it names none: classical for OLS (as Stata's
 * `regress`, R's `lm`); for PPML the heteroskedasticity-robust sandwich HC0 (as statsmodels' GLM
 * `cov_type="HC0"`; Stata's `ppml` and `ppmlhdfe` print HC0 x sqrt(N / (N - 1)), their
 * "semirobust"), because trade flows are overdispersed and the model-based Poisson variance
 * (variance = mean) understates the SEs, often by orders of magnitude.
 *
 * @example
 * ```ts
 * defaultSe("ppml"); // "hc0"
 * ```
 */
export function defaultSe(estimator: Estimator | undefined): string {
  return estimator === "ppml" ? "hc0" : "classical";
}

/** Parsed standard-error request. */
export interface SeSpec {
  type: "classical" | "hc0" | "hc1" | "hc2" | "hc3" | "cluster";
  /** Cluster dimensions (one or two), each a list of columns interacted. */
  cluster?: string[][];
  /** As written, for labels (e.g. "cluster:pair_id"). */
  label: string;
}

/**
 * Parse an SE request: `classical` (or `iid`, the same model-based SEs), `hc0`..`hc3`,
 * `cluster:COL`, `cluster:A,B` (two-way) or `cluster:A^B` (clusters of the interaction).
 *
 * @example
 * ```ts
 * parseSe("cluster:pair_id"); // { type: "cluster", cluster: [["pair_id"]], label: "cluster:pair_id" }
 * ```
 */
export function parseSe(text: string): SeSpec {
  const t = text.trim();
  if (t.toLowerCase().startsWith("cluster:")) {
    const cols = t.slice("cluster:".length).trim();
    if (!cols) throw new InputError(`se cluster needs a column: cluster:COL`);
    const cluster = parseFe(cols);
    if (cluster.length > 2) throw new InputError(`se "${text}": at most two-way clustering`);
    return { type: "cluster", cluster, label: `cluster:${cols}` };
  }
  const se = t.toLowerCase() === "iid" ? "classical" : t.toLowerCase();
  if (["classical", "hc0", "hc1", "hc2", "hc3"].includes(se)) {
    return { type: se as SeSpec["type"], label: se };
  }
  throw new InputError(
    `se "${text}" not understood (use classical or iid, hc0, hc1, hc2, hc3 or cluster:COL)`,
  );
}

/**
 * Every column a specification reads: numeric (terms, dependent, weights) and labels (fixed
 * effects and clusters, read as text).
 *
 * @example
 * ```ts
 * specColumns({ dependent: "trade", terms: ["ln(dist)"], fe: ["exporter^year"] }, (t) => parseTerm(t).column);
 * // { numeric: ["trade", "dist"], labels: ["exporter", "year"] }
 * ```
 */
export function specColumns(
  spec: ModelSpec,
  termColumn: (t: string) => string,
): { numeric: string[]; labels: string[] } {
  const numeric = [spec.dependent, ...spec.terms].map(termColumn);
  if (spec.weights) numeric.push(spec.weights);
  if (spec.offset) numeric.push(spec.offset);
  const labels = (spec.fe ?? []).flatMap((d) => parseFe(d).flat());
  const se = parseSe(spec.se ?? defaultSe(spec.estimator));
  if (se.cluster) labels.push(...se.cluster.flat());
  return { numeric: [...new Set(numeric)], labels: [...new Set(labels)] };
}
