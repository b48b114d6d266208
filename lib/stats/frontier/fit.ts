/**
 * Stochastic frontier estimation by maximum likelihood: y = x'b + v - u, v ~ N(0, s2v), u >= 0
 * half-normal or truncated normal (cross-section), Battese-Coelli (1992) panels with a
 * time-invariant or time-varying u, or Battese-Coelli (1995) inefficiency effects. Reported in
 * FRONTIER 4.1's parameterisation (sigmaSq, gamma) with lambda, standard errors from the
 * Hessian at the optimum, the LR test of no inefficiency and efficiency per row.
 *
 * The optimizer works on an unconstrained vector (ln sigmaSq, logit gamma, the regressors
 * centred and scaled) with BFGS from FRONTIER's grid start; the analytic gradient is exact, the
 * Hessian central differences of it.
 * @module
 */
import { InputError } from "../../errors.ts";
import { minimizeBfgs, newtonPolish } from "../bfgs.ts";
import type { NamedColumn } from "../types.ts";
import { efficiencies } from "./efficiency.ts";
import {
  coefficientRow,
  covarianceFromHessian,
  hessian,
  mixedChiSquareCritical,
  mixedChiSquareP,
} from "./inference.ts";
import { layout, logLikelihood, type ParameterLayout, workspace } from "./likelihood.ts";
import { buildProblem, type BuiltProblem } from "./problem.ts";
import { gridStart, olsStart } from "./start.ts";
import type { FrontierEstimate, FrontierOptions, FrontierResult } from "./types.ts";

/** The linear map theta_user = M theta_std (beta un-centred and un-scaled, delta un-scaled). */
function toUserUnits(b: BuiltProblem, L: ParameterLayout): number[][] {
  const { k, m } = b.problem;
  const { intercept, xMean, xScale, zScale } = b.std;
  const M = Array.from({ length: L.p }, (_, i) => {
    const row = new Array<number>(L.p).fill(0);
    row[i] = 1;
    return row;
  });
  for (let j = 0; j < k; j++) {
    M[j][j] = 1 / xScale[j];
    if (intercept && j > 0) M[0][j] = -xMean[j] / xScale[j];
  }
  for (let j = 0; j < m; j++) M[k + j][k + j] = 1 / zScale[j];
  return M;
}

const apply = (M: number[][], v: ArrayLike<number>) =>
  M.map((row) => row.reduce((s, a, j) => s + a * v[j], 0));

function sandwichM(M: number[][], C: number[][]): number[][] {
  const p = M.length;
  const MC = M.map((row) => C[0].map((_, j) => row.reduce((s, a, i) => s + a * C[i][j], 0)));
  return MC.map((row) =>
    Array.from({ length: p }, (_, j) => row.reduce((s, a, i) => s + a * M[j][i], 0))
  );
}

/** theta (standardised units) from the unconstrained omega, and back. */
function fromOmega(omega: ArrayLike<number>, L: ParameterLayout, theta: Float64Array) {
  for (let i = 0; i < L.p; i++) theta[i] = omega[i];
  theta[L.sigmaSq] = Math.exp(omega[L.sigmaSq]);
  theta[L.gamma] = 1 / (1 + Math.exp(-omega[L.gamma]));
}
function toOmega(theta: ArrayLike<number>, L: ParameterLayout): Float64Array {
  const omega = Float64Array.from(theta);
  omega[L.sigmaSq] = Math.log(theta[L.sigmaSq]);
  omega[L.gamma] = Math.log(theta[L.gamma] / (1 - theta[L.gamma]));
  return omega;
}

/** The user's starting values (FRONTIER order, user units) in standardised units. */
function userStart(b: BuiltProblem, L: ParameterLayout, start: number[]): Float64Array {
  if (start.length !== L.p) {
    throw new InputError(`start: ${start.length} value(s) given, the model has ${L.p} parameters`);
  }
  const M = toUserUnits(b, L);
  const theta = Float64Array.from(start);
  // beta_std from beta: invert the triangular map (scale, then move the means into the intercept)
  for (let j = 0; j < b.problem.k; j++) theta[j] = start[j] / M[j][j];
  if (b.std.intercept) {
    for (let j = 1; j < b.problem.k; j++) theta[0] += start[j] * b.std.xMean[j];
  }
  for (let j = 0; j < b.problem.m; j++) {
    theta[b.problem.k + j] = start[b.problem.k + j] * b.std.zScale[j];
  }
  if (!(theta[L.sigmaSq] > 0 && theta[L.gamma] > 0 && theta[L.gamma] < 1)) {
    throw new InputError("start: sigmaSq must be > 0 and gamma strictly between 0 and 1");
  }
  return theta;
}

/** Maximise the likelihood from theta0; the estimate in standardised units and the report. */
function maximise(b: BuiltProblem, theta0: Float64Array, maxIterations: number) {
  const pr = b.problem;
  const L = layout(pr);
  const ws = workspace(pr);
  const theta = new Float64Array(L.p), gt = new Float64Array(L.p);
  const objective = (omega: Float64Array, g: Float64Array) => {
    fromOmega(omega, L, theta);
    const ll = logLikelihood(pr, theta, gt, ws);
    for (let i = 0; i < L.p; i++) g[i] = -gt[i];
    g[L.sigmaSq] *= theta[L.sigmaSq];
    g[L.gamma] *= theta[L.gamma] * (1 - theta[L.gamma]);
    return -ll;
  };
  let r = minimizeBfgs(objective, toOmega(theta0, L), {
    maxIterations,
    initialHessian: "differences",
    scale: pr.n, // ln L sums n terms of order 1
  });
  if (!r.converged && maxIterations > 0) {
    const polished = newtonPolish(objective, r.x, { scale: pr.n });
    if (polished.converged || polished.f < r.f) {
      r = {
        ...polished,
        iterations: r.iterations + polished.iterations,
        evaluations: r.evaluations + polished.evaluations,
      };
    }
  }
  const est = new Float64Array(L.p);
  fromOmega(r.x, L, est);
  return { theta: est, logLik: -r.f, run: r };
}

/** Warnings about the boundary, a flat likelihood and the OLS skew, in words. */
function diagnose(
  theta: Float64Array,
  L: ParameterLayout,
  logLik: number,
  olsLogLik: number,
  skewness: number,
  crossSection: boolean,
): string[] {
  const w: string[] = [];
  const gamma = theta[L.gamma];
  if (skewness > 0 && crossSection) {
    w.push(
      `the OLS residuals are skewed the wrong way for a frontier (skewness ${
        skewness.toFixed(3)
      } > 0): the data show no one-sided shortfall, and the ML estimate of gamma goes to 0 ` +
        `(Waldman 1982)`,
    );
  }
  const muRatio = L.mu >= 0 ? theta[L.mu] / Math.sqrt(gamma * theta[L.sigmaSq]) : 0;
  if (muRatio < -5) {
    w.push(
      `mu drifts toward minus infinity (mu = ${theta[L.mu].toPrecision(4)}, ${
        muRatio.toFixed(1)
      } sigma_u): the truncated normal has turned into an exponential-like tail and the ` +
        `likelihood is flat in mu, sigmaSq and gamma; the half-normal model is the better choice`,
    );
  } else if (gamma < 1e-4 || logLik - olsLogLik < 1e-7 * Math.max(1, Math.abs(logLik))) {
    w.push(
      `gamma is at its lower bound 0 (${gamma.toExponential(2)}): no inefficiency is found, ` +
        `the frontier is the OLS line and the efficiencies are all about 1`,
    );
  } else if (gamma > 1 - 1e-4) {
    w.push(
      `gamma is at its upper bound 1 (1 - ${(1 - gamma).toExponential(2)}): the noise variance ` +
        `is about 0, every deviation below the frontier is read as inefficiency, and the ` +
        `standard errors there are not reliable`,
    );
  }
  return w;
}

/** A ridge: two variance-side estimates correlated beyond 0.99 (a nearly flat likelihood). */
function ridge(cov: number[][], names: string[], L: ParameterLayout): string | undefined {
  const idx = [L.sigmaSq, L.gamma, L.mu, L.eta].filter((i) => i >= 0);
  let worst = { r: 0, a: "", b: "" };
  for (const i of idx) {
    for (const j of idx) {
      const r = j < i ? cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]) : 0;
      if (Math.abs(r) > Math.abs(worst.r)) worst = { r, a: names[j], b: names[i] };
    }
  }
  if (!(Math.abs(worst.r) > 0.99)) return undefined;
  return `the likelihood is nearly flat along a ridge: the estimates of ${worst.a} and ` +
    `${worst.b} are correlated at ${worst.r.toFixed(4)}, so the data pin down little beyond ` +
    `one combination of them and their separate values and standard errors are fragile`;
}

/** Estimates with standard errors in the user's units. */
function estimates(theta: number[], cov: number[][], i: number): FrontierEstimate {
  return { estimate: theta[i], stdError: Math.sqrt(cov[i][i]) };
}

function describe(
  b: BuiltProblem,
  o: FrontierOptions,
): { model: FrontierResult["model"]; description: string } {
  const dist = b.problem.truncated ? "truncated normal u ~ N+(mu, sigma_u^2)" : "half-normal u";
  if (b.problem.effects) {
    return {
      model: "bc95",
      description: "Inefficiency-effects frontier (Battese and Coelli 1995): u_it ~ " +
        "N+(z_it'delta, sigma_u^2), independent over observations",
    };
  }
  if (!o.panel) {
    return { model: "cross-section", description: `Cross-section stochastic frontier, ${dist}` };
  }
  const time = b.problem.timeVarying
    ? `time-varying u_it = exp(-eta (t - T_i)) u_i (T_i: ${
      o.timeReference === "panel" ? "the panel's" : "each unit's"
    } last period)`
    : "time-invariant u_i";
  return {
    model: "bc92",
    description: `Error-components panel frontier (Battese and Coelli 1992), ${dist}, ${time}`,
  };
}

/**
 * Fit a stochastic production frontier y = x'b + v - u by maximum likelihood.
 *
 * - Cross-section: u half-normal (default) or `inefficiency: "truncnormal"`.
 * - `panel` (id and time per row; unbalanced allowed, a repeated (id, time) is an error):
 *   Battese-Coelli (1992), u_it = u_i, or with `timeVarying` u_it = exp(-eta (t - T_i)) u_i.
 * - `z`: Battese-Coelli (1995) inefficiency effects, u_it ~ N+(z_it'delta, sigma_u^2).
 * Rows with a missing value (NaN, an empty id) are dropped and counted in `nDropped`; fewer rows
 * than parameters, infinities and collinear terms are InputErrors. A boundary or flat
 * likelihood is reported in `warnings`, in words.
 *
 * @example
 * ```ts
 * const r = stochasticFrontier(lnOutput, [
 *   { name: "ln(capital)", values: lnCapital },
 *   { name: "ln(labour)", values: lnLabour },
 * ]);
 * r.gamma.estimate; r.meanEfficiency;
 * ```
 */
export function stochasticFrontier(
  y: ArrayLike<number>,
  columns: NamedColumn[],
  options: FrontierOptions = {},
): FrontierResult {
  const level = options.level ?? 0.95;
  const efficiencyLevel = options.efficiencyLevel ?? 0.9;
  for (const [name, v] of [["level", level], ["efficiencyLevel", efficiencyLevel]] as const) {
    if (!(v > 0 && v < 1)) throw new InputError(`${name} must be between 0 and 1, got ${v}`);
  }
  const b = buildProblem(y, columns, options);
  const pr = b.problem;
  const L = layout(pr);
  const o = olsStart(b);
  const theta0 = options.start ? userStart(b, L, options.start) : gridStart(b, o).theta;
  const fit = maximise(b, theta0, options.maxIterations ?? 1000);
  const ws = workspace(pr);
  const H = hessian(
    (t, g) => logLikelihood(pr, t, g, ws),
    fit.theta,
    {
      lo: Array.from({ length: L.p }, (_, i) => (i === L.sigmaSq || i === L.gamma ? 0 : -Infinity)),
      hi: Array.from({ length: L.p }, (_, i) => (i === L.gamma ? 1 : Infinity)),
    },
  );
  const { covariance: covStd, problem } = covarianceFromHessian(H);
  const M = toUserUnits(b, L);
  const theta = apply(M, fit.theta);
  const cov = sandwichM(M, covStd);
  // Waldman's result (wrong skew => gamma = 0) is for a cross-section without z terms
  const warnings = diagnose(
    fit.theta,
    L,
    fit.logLik,
    o.ols.logLik,
    o.ols.skewness,
    !options.panel && !pr.effects,
  );
  if (!fit.run.converged) {
    warnings.unshift(`the optimizer stopped before convergence: ${fit.run.message}`);
  }
  if (problem) warnings.push(problem);
  const names = [
    ...b.terms,
    ...b.zTerms.map((t) => `Z_${t}`),
    "sigmaSq",
    "gamma",
    ...(L.mu >= 0 ? ["mu"] : []),
    ...(L.eta >= 0 ? ["eta"] : []),
  ];
  const flat = problem ? undefined : ridge(cov, names, L);
  if (flat) warnings.push(flat);
  const row = (i: number, term = names[i]) =>
    coefficientRow(term, theta[i], Math.sqrt(cov[i][i]), level);
  const gamma = estimates(theta, cov, L.gamma);
  const lam = Math.sqrt(gamma.estimate / (1 - gamma.estimate));
  const method = options.efficiency ?? "bc";
  const eff = efficiencies(b, fit.theta, method, efficiencyLevel, options.firstRow ?? 1);
  const df = 1 + pr.m + (L.mu >= 0 ? 1 : 0) + (L.eta >= 0 ? 1 : 0);
  const statistic = 2 * (fit.logLik - o.ols.logLik);
  return {
    ...describe(b, options),
    inefficiencyDistribution: pr.truncated ? "truncnormal" : "halfnormal",
    timeVarying: pr.timeVarying,
    n: pr.n,
    nDropped: b.nDropped,
    units: b.units,
    periods: b.periods,
    parameters: names,
    coefficients: b.terms.map((_, i) => row(i)),
    ...(pr.m ? { inefficiency: b.zTerms.map((t, j) => row(pr.k + j, t)) } : {}),
    sigmaSq: estimates(theta, cov, L.sigmaSq),
    gamma,
    lambda: { estimate: lam, stdError: gamma.stdError / (2 * lam * (1 - gamma.estimate) ** 2) },
    ...(L.mu >= 0 ? { mu: estimates(theta, cov, L.mu) } : {}),
    ...(L.eta >= 0 ? { eta: estimates(theta, cov, L.eta) } : {}),
    sigmaUSq: gamma.estimate * theta[L.sigmaSq],
    sigmaVSq: (1 - gamma.estimate) * theta[L.sigmaSq],
    logLik: fit.logLik,
    ols: o.ols,
    lrTest: {
      statistic,
      df,
      pValue: mixedChiSquareP(statistic, df),
      criticalValue5: mixedChiSquareCritical(df, 0.05),
      distribution: `mixed chi-square 1/2 chi2(${df - 1}) + 1/2 chi2(${df})`,
    },
    efficiencyMethod: method,
    efficiencyLevel,
    meanEfficiency: eff.mean,
    ...(eff.byPeriod ? { meanEfficiencyByPeriod: eff.byPeriod } : {}),
    efficiency: eff.rows,
    covariance: cov,
    level,
    converged: fit.run.converged,
    iterations: fit.run.iterations,
    evaluations: fit.run.evaluations,
    warnings,
  };
}
