/**
 * Options and result shapes of the stochastic frontier (plain, JSON-serialisable objects).
 * @module
 */
import type { Coefficient, NamedColumn } from "../types.ts";

/** Distribution of the one-sided error u: half-normal N+(0, s2u) or truncated normal N+(mu, s2u). */
export type InefficiencyDistribution = "halfnormal" | "truncnormal";

/**
 * Which efficiency goes into `efficiency`: Battese and Coelli's E[exp(-u) | e] (FRONTIER's,
 * default) or Jondrow, Lovell, Materov and Schmidt's exp(-E[u | e]).
 */
export type EfficiencyMethod = "bc" | "jlms";

/** Panel structure: a unit label and a numeric time for every row. */
export interface FrontierPanel {
  id: ArrayLike<string | number>;
  time: ArrayLike<number>;
}

/** Options of `stochasticFrontier`. */
export interface FrontierOptions {
  /** Add an intercept "(Intercept)" first (default true). */
  intercept?: boolean;
  /** u ~ N+(0, s2u) (default) or N+(mu, s2u). Not with `z` (there the mean of u is z'delta). */
  inefficiency?: InefficiencyDistribution;
  /** Panel data: the Battese-Coelli (1992) error-components model, u_it = h_it u_i. */
  panel?: FrontierPanel;
  /** u_it = exp(-eta (t - T_i)) u_i with eta estimated (needs `panel`; default false). */
  timeVarying?: boolean;
  /**
   * T_i in exp(-eta (t - T_i)): each unit's own last period ("unit", default; Stata's xtfrontier
   * tvd) or the panel's last period ("panel"; FRONTIER 4.1). They agree on balanced panels.
   */
  timeReference?: "unit" | "panel";
  /**
   * Inefficiency effects (Battese and Coelli 1995): u_it ~ N+(z_it' delta, s2u), independently
   * over observations. No z intercept unless `zIntercept`.
   */
  z?: NamedColumn[];
  /** Add "(Intercept)" to the z terms (default false). */
  zIntercept?: boolean;
  /** Efficiency reported per row (default "bc"). */
  efficiency?: EfficiencyMethod;
  /** Level of the coefficient intervals (default 0.95). */
  level?: number;
  /** Level of the efficiency intervals (Horrace and Schmidt 1996; default 0.90). */
  efficiencyLevel?: number;
  /** Number of the first data row in messages (default 1; the CLI passes 2, the header being 1). */
  firstRow?: number;
  /** Starting values in the order of `parameters` (default: OLS and FRONTIER's grid over gamma). */
  start?: number[];
  /** Optimizer iterations at most (default 1000). */
  maxIterations?: number;
}

/** An estimate with its standard error (from the Hessian at the optimum). */
export interface FrontierEstimate {
  estimate: number;
  stdError: number;
}

/** A coefficient row: estimate, standard error, z = estimate / SE, normal p and interval. */
export interface FrontierCoefficient extends FrontierEstimate {
  term: string;
  z: number;
  p: number;
  ciLower: number;
  ciUpper: number;
}

/** The likelihood-ratio test of no inefficiency (gamma = 0, and mu, eta, delta = 0 with it). */
export interface FrontierLrTest {
  /** 2 (logLik - OLS logLik). */
  statistic: number;
  /** Restrictions q: gamma, plus mu, eta and the delta terms when estimated. */
  df: number;
  /** P-value under the mixed chi-square 1/2 chi2(q - 1) + 1/2 chi2(q) (chi2(0) = point mass at 0). */
  pValue: number;
  /** Its 5% critical value (Kodde and Palm 1986, Table 1, tabulates the same). */
  criticalValue5: number;
  distribution: string;
}

/** The OLS fit that gives the starting values and is the LR test's null model. */
export interface FrontierOls {
  coefficients: Coefficient[];
  /** RSS / (n - k), as FRONTIER prints it. */
  sigmaSq: number;
  /** Normal log-likelihood at the ML variance RSS / n. */
  logLik: number;
  /** Skewness of the OLS residuals (a frontier needs it negative). */
  skewness: number;
}

/** One row's efficiency, in data order. */
export interface RowEfficiency {
  /** Row number (1-based data row, or as `firstRow` says). */
  row: number;
  id?: string;
  time?: number;
  /** The frontier x'b (the fitted maximum, in the units of y). */
  frontier: number;
  efficiency: number;
  /** Horrace-Schmidt bounds of efficiency at `efficiencyLevel`. */
  lower: number;
  upper: number;
}

/** Mean efficiency of one period. */
export interface PeriodEfficiency {
  time: number;
  n: number;
  mean: number;
}

/** A fitted stochastic frontier. */
export interface FrontierResult {
  /** "cross-section", "bc92" (error components) or "bc95" (inefficiency effects). */
  model: "cross-section" | "bc92" | "bc95";
  /** The model in words. */
  description: string;
  inefficiencyDistribution: InefficiencyDistribution;
  timeVarying: boolean;
  n: number;
  /** Rows dropped for a missing value (y, a regressor, a z term, the panel id or time). */
  nDropped: number;
  /** Units (cross-sections) and distinct periods. */
  units: number;
  periods: number;
  /** Parameter names in FRONTIER's order (beta, delta as Z_term, sigmaSq, gamma, mu, eta). */
  parameters: string[];
  coefficients: FrontierCoefficient[];
  inefficiency?: FrontierCoefficient[];
  sigmaSq: FrontierEstimate;
  gamma: FrontierEstimate;
  /** sigma_u / sigma_v = sqrt(gamma / (1 - gamma)), SE by the delta method. */
  lambda: FrontierEstimate;
  mu?: FrontierEstimate;
  eta?: FrontierEstimate;
  sigmaUSq: number;
  sigmaVSq: number;
  logLik: number;
  ols: FrontierOls;
  lrTest: FrontierLrTest;
  efficiencyMethod: EfficiencyMethod;
  efficiencyLevel: number;
  meanEfficiency: number;
  meanEfficiencyByPeriod?: PeriodEfficiency[];
  efficiency: RowEfficiency[];
  /** Covariance of the parameters, in the order of `parameters` (NaN when not available). */
  covariance: number[][];
  level: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
  /** Boundary, flat likelihood, wrong skew or no convergence, in words. */
  warnings: string[];
}
